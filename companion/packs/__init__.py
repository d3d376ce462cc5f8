"""Content packs: markdown files with YAML frontmatter, parsed into content models."""
