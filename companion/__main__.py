from companion.cli import console

raise SystemExit(console())
