"""Pydantic models for every journal record and every content item.

Import from the submodules (`companion.models.journal`, ...): this package imports nothing
itself, so a light module such as `entry_text` does not pull pydantic onto the start-up path.
"""
