"""Companion: a terminal coaching companion for sales teams."""

__version__ = "0.1.0"
