"""`companion pack ...` and `companion config ...`: the handlers `cli.COMMANDS` names, each
called with the context, the parsed arguments and `out`, through which it prints."""

from __future__ import annotations

from argparse import Namespace
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from companion.commands import json_text
from companion.context import Context
from companion.errors import CompanionError
from companion.i18n import LANGUAGES, N_, _
from companion.models.settings import SETTING_HELP
from companion.packs import manage
from companion.packs.library import fixed_pack_ids, origin_name
from companion.packs.scaffold import new_pack
from companion.packs.schema import as_text, frontmatter_schema, manifest_schema
from companion.text_safety import shown

Out = Callable[[str], None]

# The kind of an item as `pack validate` lists it (its JSON keeps the key)
ITEM_KINDS = {
    "reflection": N_("reflection"),
    "script": N_("script"),
    "card": N_("card"),
    "questions": N_("questions"),
}


def pack_list(context: Context, args: Namespace, out: Out) -> int:
    library = context.library
    rows = []
    for pack in library.packs.values():
        counts = manage.Report(pack.id, pack, pack.problems).counts
        rows.append(
            {
                "id": pack.id,
                "title": pack.manifest.title,
                "version": pack.manifest.version,
                "language": pack.manifest.language,
                "origin": pack.origin,
                "path": str(pack.root),
                "items": dict(counts),
                "problems": [str(p) for p in pack.problems],
            }
        )
    if args.json:
        out(json_text(rows))
        return 0
    for row, pack in zip(rows, library.packs.values(), strict=True):
        contents = manage.Report(pack.id, pack, pack.problems).contents()
        origin = origin_name(pack.origin)
        out(f"{row['id']:<18} {row['version']:<8} {row['language']:<3} {origin:<10} {contents}")
    for problem in library.problems:
        out(_("warning: {problem}").format(problem=problem))
    return 0


def pack_validate(context: Context, args: Namespace, out: Out) -> int:
    report = manage.validate(Path(args.path).expanduser())
    if args.json:
        document = {
            "source": report.source,
            "ok": not report.errors,
            "pack": report.manifest.model_dump() if report.manifest else None,
            "items": [facts.as_json() for facts in report.items],
            "problems": [
                {"file": str(p.path), "line": p.line, "severity": p.severity, "message": p.message}
                for p in report.problems
            ],
        }
        out(json_text(document))
    else:
        for facts in report.items:
            holds = facts.holds
            kind = _(ITEM_KINDS.get(facts.kind, facts.kind))
            out(f"  {kind:<10} {facts.id}: {facts.title}{' · ' + holds if holds else ''}")
        for problem in report.problems:
            out(str(problem))
        out(report.summary())
    return 1 if report.errors else 0


def pack_install(context: Context, args: Namespace, out: Out) -> int:
    from companion.pack_sources import install_from  # a folder, a .zip or a git repository

    context.home.ensure()
    installed = install_from(args.path, context.home.packs, args.force)
    pack = installed.pack
    if installed.replaced:
        said = _("Installed {id} {version} (replaced {replaced}) into {folder}")
    else:
        said = _("Installed {id} {version} into {folder}")
    out(
        said.format(
            id=pack.id,
            version=pack.manifest.version,
            replaced=installed.replaced,
            folder=pack.root,
        )
    )
    out(manage.Report(pack.id, pack, pack.problems).summary())
    reflections = [i.address for i in pack.items.values() if i.kind.value == "reflection"]
    if reflections:
        hint = _("Use its reflection with `companion config reflection {address}`.")
        out(hint.format(address=reflections[0]))
    return 0


def pack_update(context: Context, args: Namespace, out: Out) -> int:
    """Install again from where each installed pack (or the one named) came from."""
    from companion.pack_sources import update

    context.home.ensure()
    results = update(context.home.packs, args.pack_id)
    if not results:
        out(
            _(
                "No installed pack remembers where it came from: "
                "install one with `companion pack install`."
            )
        )
    for result in results:
        if result.problem is not None:
            out(_("{pack}: {problem}").format(pack=result.pack_id, problem=result.problem))
        elif result.installed is None:
            out(_("{pack} is up to date.").format(pack=result.pack_id))
        else:
            pack = result.installed.pack
            line = _("Updated {pack} to version {version} from {source}.")
            out(line.format(pack=pack.id, version=pack.manifest.version, source=result.source))
    return 1 if any(result.problem for result in results) else 0


def pack_remove(context: Context, args: Namespace, out: Out) -> int:
    removed = manage.remove(args.pack_id, context.home.packs, fixed_pack_ids())
    out(_("Removed {id} ({removed})").format(id=args.pack_id, removed=removed))
    return 0


def pack_new(context: Context, args: Namespace, out: Out) -> int:
    root = new_pack(args.name, Path(args.parent).expanduser())
    out(_("Created {folder}: one example of each kind. Edit them, then:").format(folder=root))
    out(f"  companion pack validate {root}")
    out(f"  companion pack build {root}")
    return 0


def pack_build(context: Context, args: Namespace, out: Out) -> int:
    output = Path(args.output).expanduser() if args.output else None
    target, report = manage.build(Path(args.path).expanduser(), output)
    out(report.summary())
    said = _("Built {target}: share it; others install it with `companion pack install {name}`")
    out(said.format(target=target, name=target.name))
    return 0


def pack_schema(context: Context, args: Namespace, out: Out) -> int:
    schema = manifest_schema() if args.which == "manifest" else frontmatter_schema()
    out(as_text(schema).rstrip())
    return 0


def _known_values(context: Context, key: str) -> list[str] | None:
    """The values a setting may take, if only some are known (None: any valid value)."""
    if key in ("language", "content_language"):  # the interface's, and the packs' languages
        packs = {pack.manifest.language for pack in context.library.packs.values()}
        return sorted(set(LANGUAGES) | packs)
    if key == "theme":  # Textual's own themes; the app registers none of its own
        from companion.tui.themes import theme_names  # only here: no other command needs textual

        return theme_names()
    return None


def config(context: Context, args: Namespace, out: Out) -> int:
    key, value = args.key, args.value
    if context.settings_warning and value is None:  # a change says what became of the file
        out(_("warning: {problem}").format(problem=context.settings_warning))
    settings = context.settings
    if key is None:
        for name, help_text in SETTING_HELP.items():
            out(f"{name} = {getattr(settings, name)!r}    # {_(help_text)}")
        return 0
    if key not in SETTING_HELP:  # what a person sets; the rest is kept by the app
        problem = _("unknown setting {key}; settings: {settings}")
        raise CompanionError(problem.format(key=shown(key), settings=", ".join(SETTING_HELP)))
    if value is None:
        out(str(getattr(settings, key)))
        return 0
    if key == "look_back_day":
        value = value.strip().lower()
    if key == "reflection" and value and context.library.get(value) is None:
        problem = _("no reflection {address} (see `companion pack list`)")
        raise CompanionError(problem.format(address=shown(value)))
    known = _known_values(context, key) if value else None  # empty: the default
    if known is not None and value not in known:
        problem = _("{value} is not a {key} Companion knows; use one of: {known}")
        raise CompanionError(problem.format(value=shown(value), key=key, known=", ".join(known)))
    try:
        setattr(settings, key, value)
    except ValidationError:
        problem = _("{value} is not a valid {key}: {help}")
        raise CompanionError(
            problem.format(value=shown(value), key=key, help=_(SETTING_HELP[key]))
        ) from None
    if key == "role":
        settings.role_asked = True  # said here: home need not ask
    kept = context.save_settings()
    if kept:
        out(_("warning: {problem}").format(problem=kept))
    out(f"{key} = {getattr(settings, key)!r}")
    return 0
