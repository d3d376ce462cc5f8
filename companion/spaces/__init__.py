"""Shared spaces: one git repository per rep–manager pair, holding only what either side
chose to share. `format` and `replay` are pure; `git` runs the git command; `local` is a
space on disk (its clone, config, locks and sync)."""
