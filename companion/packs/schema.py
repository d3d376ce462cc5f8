"""JSON Schemas of what a coach writes, generated from the models (docs/*.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from companion.models.content import Frontmatter, PackManifest


def frontmatter_schema() -> dict[str, Any]:
    schema = Frontmatter.model_json_schema()
    schema["title"] = "Companion content file frontmatter"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def manifest_schema() -> dict[str, Any]:
    schema = PackManifest.model_json_schema()
    schema["title"] = "Companion pack.toml"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def as_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
