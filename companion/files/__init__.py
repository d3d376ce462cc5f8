"""Durable, private files: atomic writes, the inter-process lock, stamped caches, and the
safe YAML loader for files people write.

The lowest layer that touches the disk; `storage`, `packs` and `spaces` build on it.
"""
