"""What each non-UI command does: the handlers `cli.COMMANDS` names, each called with the
context, the parsed arguments and `out`, through which it prints. None imports textual."""

from __future__ import annotations

import os
import shlex
import sys
from argparse import Namespace
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import orjson

from companion.context import Context
from companion.errors import CompanionError
from companion.i18n import N_, _, ngettext
from companion.models.journal import Note
from companion.models.tags import extract_tags, normalise_tag
from companion.paths import Home
from companion.storage.journal import Journal
from companion.text_safety import escape_controls, shown, strip_controls

if TYPE_CHECKING:
    from pydantic import BaseModel

    from companion.flows.journal_query import JournalQuery
    from companion.storage.recovery import Diagnosis

# `companion log` is the command run most often, for one quick note: what only the other
# commands need (queries, exports, coaching models, recovery) is imported where it is used.

Out = Callable[[str], None]

# An entry's kind as `companion journal` lists it (its JSON keeps the English key)
KIND_NAMES = {"note": N_("note"), "reflection": N_("reflection")}
# Translators: the kind of a backup in `companion doctor`: taken once a day, or at a start
BACKUP_KINDS = {"daily": N_("daily"), "start": N_("start")}


def json_text(document: object) -> str:
    """Indented JSON, as every --json option prints it. A character that could drive the
    terminal is written as its escape, so the data is kept whole and shows safely."""
    return escape_controls(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode())


def print_json(records: Sequence[BaseModel], out: Out) -> None:
    """Records as an indented JSON list."""
    out(json_text([r.model_dump(mode="json") for r in records]))


def build_query(context: Context, args: Namespace) -> JournalQuery:
    """The query of --since, --until and --tag."""
    from companion.flows.journal_query import JournalQuery, QueryError, parse_day

    today = context.now().date()
    try:
        return JournalQuery(
            tags=tuple(normalise_tag(tag) for tag in args.tag),
            since=parse_day(args.since, today) if args.since else None,
            until=parse_day(args.until, today) if args.until else None,
        )
    except QueryError as error:
        raise CompanionError(str(error)) from None


def log(context: Context, args: Namespace, out: Out) -> int:
    text = " ".join(args.text).strip()
    if not text:
        raise CompanionError(_("nothing to log: write the note after `companion log`"))
    note = Note(created=context.now(), text=text, tags=extract_tags(text))
    journal = context.journal
    saved = journal.add(note)
    if note.tags:
        tags = ", ".join("#" + t for t in note.tags)
        out(_("Logged to {path} (tags: {tags})").format(path=journal.path, tags=tags))
    else:
        out(_("Logged to {path}").format(path=journal.path))
    if saved.unreadable:
        out(_unreadable_warning(len(saved.unreadable), saved.path, saved.kept_as))
    return 0


def _unreadable_warning(count: int, path: Path, kept_as: Path | None) -> str:
    """The warning after a save that found entries it cannot read (and left them as they were)."""
    if kept_as is None:
        return ngettext(
            "warning: {count} entry in {path} cannot be read and was left as is; "
            "`companion doctor` says which, and --repair sets them aside.",
            "warning: {count} entries in {path} cannot be read and were left as is; "
            "`companion doctor` says which, and --repair sets them aside.",
            count,
        ).format(count=count, path=path)
    return ngettext(
        "warning: {count} entry in {path} cannot be read and was left as is (a copy from "
        "before is kept as {kept}); `companion doctor` says which, and --repair sets them aside.",
        "warning: {count} entries in {path} cannot be read and were left as is (a copy from "
        "before is kept as {kept}); `companion doctor` says which, and --repair sets them aside.",
        count,
    ).format(count=count, path=path, kept=kept_as.name)


def journal(context: Context, args: Namespace, out: Out) -> int:
    from companion.models.entry_text import summary_of

    query = build_query(context, args)
    entries = context.journal.entries(query)
    if args.json:
        print_json(entries, out)
        return 0
    if not entries:
        out(_("No entries.") if query.is_empty else _("No entries match."))
        return 0
    for entry in entries:
        tags = "  " + " ".join(f"#{t}" for t in entry.tags) if entry.tags else ""
        stamp = entry.created.strftime("%Y-%m-%d %H:%M")
        out(f"{stamp}  {_(KIND_NAMES[entry.kind]):<10}  {summary_of(entry)}{tags}")
    return 0


class Output(NamedTuple):
    """Where an export goes: stdout (None or '-') or a file, replaced only with --force."""

    path: str | None
    force: bool = False


def export(context: Context, args: Namespace, out: Out) -> int:
    """The journal (what the filters keep), one finished 1:1, or the list of 1:1s."""
    from companion.storage.export import export_csv, export_json, export_markdown

    query, output = build_query(context, args), Output(args.output, args.force)
    if args.one_on_one == "list":
        list_one_on_ones(context, out)
        return 0
    if args.one_on_one:
        return export_one_on_one(context, args.one_on_one, args.format, output, out)
    entries = context.journal.entries(query)
    if args.format == "json":
        data = export_json(entries, context.now())
    elif args.format == "csv":
        data = export_csv(entries).encode()
    else:
        data = export_markdown(entries).encode()
    count = len(entries)
    done = ngettext(
        "Exported {count} entry to {target}", "Exported {count} entries to {target}", count
    )
    write_output(data, output, out, done, count=count)
    return 0


def import_file(context: Context, args: Namespace, out: Out) -> int:
    from companion.storage.export import parse_json_export

    path = Path(args.file).expanduser()
    try:
        raw = path.read_bytes()
    except OSError as error:
        problem = _("{path}: cannot read it ({reason})")
        raise CompanionError(problem.format(path=path, reason=error.strerror or error)) from None
    entries = parse_json_export(path, raw)
    added = context.journal.import_entries(entries)
    known = len(entries) - added
    imported = ngettext(
        "Imported {count} entry from {path} ({known} were already in the journal)",
        "Imported {count} entries from {path} ({known} were already in the journal)",
        added,
    )
    out(imported.format(count=added, path=path, known=known))
    return 0


def people(context: Context, args: Namespace, out: Out) -> int:
    everyone = context.journal.people()
    if args.json:
        print_json(everyone, out)
        return 0
    if not everyone:
        out(
            _(
                "Nobody yet. Add someone with "
                '`companion people add "Sam Rivera" --role "Account executive"`.'
            )
        )
        return 0
    actions = context.journal.actions(open_only=True)
    for person in everyone:
        count = sum(1 for a in actions if a.person_uid == person.uid)
        role = f" · {person.role}" if person.role else ""
        open_actions = ngettext("{count} open action", "{count} open actions", count)
        out(f"{person.name}{role}  ({open_actions.format(count=count)})")
    return 0


def add_person(context: Context, args: Namespace, out: Out) -> int:
    from pydantic import ValidationError

    from companion.models.coaching import Person
    from companion.storage.records import describe_validation_error

    name = args.name
    try:
        person = Person(name=name, role=args.role, created=context.now())
    except ValidationError as error:
        problem = _("cannot add {name}: {problem}")
        raise CompanionError(
            problem.format(name=shown(name), problem=describe_validation_error(error))
        ) from None
    context.journal.add_person(person)
    out(
        _("Added {name}. Start a 1:1 with `companion coach --with {quoted}`.").format(
            name=person.name, quoted=shlex.quote(person.name)
        )
    )
    return 0


def actions(context: Context, args: Namespace, out: Out) -> int:
    journal, open_only = context.journal, args.open
    person_uid = journal.find_person(args.person).uid if args.person else None
    found = journal.actions(person_uid, open_only=open_only)
    if args.json:
        print_json(found, out)
        return 0
    if not found:
        out(_("No open actions.") if open_only else _("No actions yet."))
        return 0
    from companion.storage.export import owner_name

    names = {p.uid: p.name for p in journal.people()}
    marks = {"open": "○", "done": "✓", "dropped": "✗"}
    for action in found:
        who = names.get(action.person_uid, "?")
        if action.due:
            line = _("{mark} {text}  ({who}; {owner} owns it, due {due})")
        else:
            line = _("{mark} {text}  ({who}; {owner} owns it)")
        due = action.due.isoformat() if action.due else ""
        out(
            line.format(
                mark=marks[action.status],
                text=action.text,
                who=who,
                owner=owner_name(action.owner),
                due=due,
            )
        )
    return 0


def export_one_on_one(context: Context, reference: str, fmt: str, output: Output, out: Out) -> int:
    from companion.storage.export import one_on_one_markdown

    if fmt != "md":
        raise CompanionError(_("a 1:1 is exported as markdown: use --format md"))
    record = context.journal.one_on_one(reference)
    done = _("Exported the 1:1 with {name} to {target}")
    write_output(one_on_one_markdown(record).encode(), output, out, done, name=record.person_name)
    return 0


def write_output(data: bytes, output: Output, out: Out, done: str, **fields: object) -> None:
    """UTF-8 text to stdout, shown safely; or atomically, exactly as it is, to a private file
    (one that exists only with --force), then says `done`, filled with `fields` and the file
    as its {target}."""
    from companion.files.atomic import atomic_write_bytes

    if output.path is None or output.path == "-":
        sys.stdout.buffer.write(strip_controls(data.decode()).encode())
        sys.stdout.flush()
        return
    target = Path(output.path).expanduser()
    if target.is_dir():
        raise CompanionError(
            _("{target} is a folder; give a file name with -o").format(target=target)
        )
    if os.path.lexists(target) and not output.force:
        problem = _("{target} exists; add --force to replace it, or choose another file")
        raise CompanionError(problem.format(target=target))
    try:
        atomic_write_bytes(target, data)
    except OSError as error:
        problem = _("{target}: cannot write the export ({reason})")
        raise CompanionError(
            problem.format(target=target, reason=error.strerror or error)
        ) from None
    out(done.format(target=target, **fields))


def list_one_on_ones(context: Context, out: Out) -> None:
    records = context.journal.one_on_ones()
    if not records:
        out(_("No 1:1s yet. Run one with `companion coach`."))
    for record in records:
        out(
            f"{record.uid[:8]}  {record.started:%Y-%m-%d}  {record.person_name}  {record.script_title}"
        )


def doctor(context: Context, args: Namespace, out: Out) -> int:
    """Check the journal and the backups; with --repair, mend the journal without losing
    anything: records that fail validation are set aside, and a file that does not read is
    replaced by the newest good backup. Either way the journal as it was is kept beside it."""
    from companion.storage.backups import list_backups
    from companion.storage.recovery import diagnose

    home = context.home
    diagnosis = None
    if not (home.journal.exists() or home.journal.is_symlink() or _legacy(home).exists()):
        out(
            _("journal: {path} does not exist yet (it is created on first use)").format(
                path=home.journal
            )
        )
    else:
        diagnosis = diagnose(home.journal, home.backups)
        if diagnosis is None:
            summary = Journal(home.journal).summary()
            out(_("journal: {path}: OK, {summary}").format(path=home.journal, summary=summary))
        else:
            line = _("journal: DAMAGED: {path}: {problem}")
            out(line.format(path=home.journal, problem=diagnosis.problem))
    backups = list_backups(home.backups)
    out(_("backups in {folder}: {count}").format(folder=home.backups, count=len(backups)))
    for backup in backups:
        unusable = _("unusable ({problem})")
        state = _("ok") if backup.good else unusable.format(problem=backup.problem)
        kind = _(BACKUP_KINDS.get(backup.kind, backup.kind))
        out(f"  {kind:<5}  {backup.taken:%Y-%m-%d %H:%M}  {backup.path.name}  {state}")
    if diagnosis is None:
        return 0
    return _repair(context, diagnosis, args.repair, out)


def _legacy(home: Home) -> Path:
    from companion.storage.layout import Layout

    return Layout(home.journal).legacy


def _repair(context: Context, diagnosis: Diagnosis, repair: bool, out: Out) -> int:
    from companion.storage.recovery import restore_backup, set_invalid_aside

    journal = Journal(context.home.journal, cache=context.home.cache)
    if diagnosis.readable:
        count = diagnosis.invalid_count
        if not repair:
            advice = ngettext(
                "Run `companion doctor --repair` to set the {count} invalid record aside; "
                "the rest of the journal stays, and the file as it is now is kept beside it.",
                "Run `companion doctor --repair` to set the {count} invalid records aside; "
                "the rest of the journal stays, and the file as it is now is kept beside it.",
                count,
            )
            out(advice.format(count=count))
            return 1
        done = set_invalid_aside(journal, context.now())
        if done is not None:
            kept, count = done
            said = ngettext(
                "Set {count} invalid record aside. The journal as it was is kept as {kept}.",
                "Set {count} invalid records aside. The journal as it was is kept as {kept}.",
                count,
            )
            out(said.format(count=count, kept=kept))
        return 0
    good = diagnosis.backup
    if good is None:
        problem = _(
            "{path} is damaged and there is no good backup; the file is left as it is, "
            "so nothing more is lost"
        )
        raise CompanionError(problem.format(path=diagnosis.path))
    if not repair:
        advice = _("Run `companion doctor --repair` to restore {name}; the damaged file is kept.")
        out(advice.format(name=good.path.name))
        return 1
    kept = restore_backup(journal, good, context.now())
    said = _("Restored {name}. The damaged journal is kept as {kept}.")
    out(said.format(name=good.path.name, kept=kept))
    return 0
