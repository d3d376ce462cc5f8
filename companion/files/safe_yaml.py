"""The one YAML loader for files people write: pack items and the records of a shared space.

It is PyYAML's safe loader (libyaml's when PyYAML was built with it: the same safety, much
faster) without implicit timestamps, so `2026-13-01` stays text and an impossible date can
never crash a read. It lives here, low, so that packs and spaces share it without one
importing the other.
"""

from __future__ import annotations

import yaml

try:
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class SafeLoader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader without implicit timestamps."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }
