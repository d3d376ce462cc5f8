"""Durable, private files: atomic writes, the inter-process lock, stamped caches.

The lowest layer that touches the disk; both `storage` and `packs` build on it.
"""
