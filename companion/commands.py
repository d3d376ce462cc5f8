"""What each non-UI command does: the handlers `cli.COMMANDS` names, each called with the
context, the parsed arguments and `out`, through which it prints. None imports textual."""

from __future__ import annotations

import os
import shlex
import sys
from argparse import Namespace
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import orjson

from companion.context import Context
from companion.errors import CompanionError
from companion.models.journal import Note
from companion.models.tags import extract_tags, normalise_tag
from companion.paths import Home
from companion.storage.journal import Journal
from companion.text_safety import escape_controls, shown, strip_controls

if TYPE_CHECKING:
    from pydantic import BaseModel

    from companion.flows.journal_query import JournalQuery
    from companion.models.journal import Entry
    from companion.storage.recovery import Diagnosis

# `companion log` is the command run most often, for one quick note: what only the other
# commands need (queries, exports, coaching models, recovery) is imported where it is used.

Out = Callable[[str], None]


def json_text(document: object) -> str:
    """Indented JSON, as every --json option prints it. A character that could drive the
    terminal is written as its escape, so the data is kept whole and shows safely."""
    return escape_controls(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode())


def print_json(records: Sequence[BaseModel], out: Out) -> None:
    """Records as an indented JSON list."""
    out(json_text([r.model_dump(mode="json") for r in records]))


def build_query(context: Context, args: Namespace) -> JournalQuery:
    """The query of --since, --until and --tag, and of the words of `companion journal`
    (read as the journal view's filter reads them: words, #tags, since:...)."""
    from companion.flows.journal_query import JournalQuery, QueryError, parse_day, parse_query

    today = context.now().date()
    try:
        typed = parse_query(" ".join(getattr(args, "words", ())), today)
        return JournalQuery(
            words=typed.words,
            tags=tuple(dict.fromkeys([*typed.tags, *(normalise_tag(tag) for tag in args.tag)])),
            since=parse_day(args.since, today) if args.since else typed.since,
            until=parse_day(args.until, today) if args.until else typed.until,
        )
    except QueryError as error:
        raise CompanionError(str(error)) from None


def log(context: Context, args: Namespace, out: Out) -> int:
    """A quick note: the words given, stdin for `-`, or $EDITOR in a terminal. A day given
    by --date, or as the note's first word (`yesterday: ...`), backfills a missed day."""
    from companion.i18n import _

    text = note_text(args.text)
    if text is None:
        out(_("Nothing saved: the note was empty."))
        return 0
    now = context.now()
    day, text = day_of_note(text, args.date, now.date())
    created = now if day == now.date() else datetime.combine(day, now.timetz())
    note = Note(created=created, text=text, tags=extract_tags(text))
    journal = context.journal
    saved = journal.add(note)
    tags = f" (tags: {', '.join('#' + t for t in note.tags)})" if note.tags else ""
    if day == now.date():
        out(f"Logged to {journal.path}{tags}")
    else:
        from companion.i18n import format_date

        when = format_date(day, "day", today=now.date())
        out(_("Logged for {day} to {path}{tags}").format(day=when, path=journal.path, tags=tags))
    if saved.unreadable:
        count = len(saved.unreadable)
        kept = f" (a copy from before is kept as {saved.kept_as.name})" if saved.kept_as else ""
        out(
            f"warning: {count} {'entry' if count == 1 else 'entries'} in {saved.path} "
            f"cannot be read and {'was' if count == 1 else 'were'} left as is{kept}; "
            "`companion doctor` says which, and --repair sets them aside."
        )
    return 0


def note_text(words: Sequence[str]) -> str | None:
    """The note `companion log` was given: its words; stdin for `-`; else, in a terminal,
    what is written in the editor (None if that was left empty)."""
    from companion.i18n import _

    if list(words) == ["-"]:
        return sys.stdin.read().strip() or None
    text = " ".join(words).strip()
    if text:
        return text
    if not words and sys.stdin.isatty():
        return edit_in_editor("")
    raise CompanionError(
        _(
            "nothing to log: write the note after `companion log`, pipe it to "
            "`companion log -`, or run `companion log` in a terminal to write it in your editor"
        )
    )


def day_of_note(text: str, given: str | None, today: date) -> tuple[date, str]:
    """The day a note is for, and its text: --date, else a day that starts the text and
    ends in a colon (`yesterday: called Sam`, as jrnl users write), else today."""
    from companion.flows.dates import DateError, parse_date

    if given is not None:
        try:
            return parse_date(given, today, future=False), text
        except DateError as error:
            raise CompanionError(f"--date: {error}") from None
    first, colon, rest = text.partition(":")
    if colon and rest.strip() and " " not in first.strip() and first.strip():
        try:
            return parse_date(first, today, future=False), rest.strip()
        except DateError:
            pass  # "Acme: closed the deal" is a note about Acme, written today
    return today, text


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, else nano where it is installed, else vi (as git does)."""
    import shutil

    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen:
        return shlex.split(chosen)
    return ["nano"] if shutil.which("nano") else ["vi"]


def edit_in_editor(initial: str) -> str | None:
    """What the person writes in their editor, starting from `initial`; None if they leave
    the file empty. The file is private (0600) and removed once read; if the editor fails,
    nothing is taken and the message says where what was written is kept."""
    import subprocess
    import tempfile

    from companion.i18n import _

    handle, name = tempfile.mkstemp(prefix="companion-note-", suffix=".md")
    path = Path(name)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(initial)
    command = editor_command()
    try:
        code = subprocess.run([*command, str(path)], check=False).returncode
    except OSError as error:
        path.unlink(missing_ok=True)
        raise CompanionError(
            _(
                "cannot start the editor {editor} ({problem}); set $EDITOR to the one you use"
            ).format(editor=shown(command[0]), problem=error.strerror or error)
        ) from None
    text = path.read_text(encoding="utf-8", errors="replace").strip()
    if code != 0:
        raise CompanionError(
            _(
                "the editor ended with exit code {code}; nothing was saved (what you wrote is in {path})"
            ).format(code=code, path=path)
        )
    path.unlink(missing_ok=True)
    return text or None


def journal(context: Context, args: Namespace, out: Out) -> int:
    from companion.models.entry_text import summary_of

    query = build_query(context, args)
    entries = context.journal.entries(query)
    if args.limit is not None:
        entries = entries[-args.limit :]
    if args.json:
        print_json(entries, out)
        return 0
    if not entries:
        out("No entries." if query.is_empty else "No entries match.")
        return 0
    for entry in entries:
        tags = "  " + " ".join(f"#{t}" for t in entry.tags) if entry.tags else ""
        stamp = entry.created.strftime("%Y-%m-%d %H:%M")
        out(f"{entry.uid[:ID_SHOWN]}  {stamp}  {entry.kind:<10}  {summary_of(entry)}{tags}")
    return 0


ID_SHOWN = 8  # the characters of an entry's id `companion journal` shows, enough to name it


def find_entry(context: Context, reference: str) -> Entry:
    """The entry `reference` names: `last` (the newest), or the start of its id as
    `companion journal` shows it (four characters or more, if no other id starts so)."""
    from companion.i18n import _

    rows = context.journal.rows()
    wanted = reference.strip().lower()
    if wanted == "last" and len(rows):
        return context.journal.entry(rows[0].uid, rows[0].month)
    if len(wanted) < 4:
        raise CompanionError(
            _(
                "{reference}: give `last` or at least 4 characters of an id `companion journal` shows"
            ).format(reference=shown(reference))
        )
    found = [row for row in rows if row.uid.startswith(wanted)]
    if not found:
        raise CompanionError(
            _(
                "no entry has an id starting with {reference}; `companion journal` shows them"
            ).format(reference=shown(reference))
        )
    if len(found) > 1:
        raise CompanionError(
            _("{reference} starts {count} ids; give more of it").format(
                reference=shown(reference), count=len(found)
            )
        )
    return context.journal.entry(found[0].uid, found[0].month)


def edit(context: Context, args: Namespace, out: Out) -> int:
    """`companion edit ID [TEXT]`: a note's new text (its #tags read again), given or
    written in the editor, starting from the text as it is."""
    from companion.flows.journal_edits import described, edited_note
    from companion.i18n import _

    entry = find_entry(context, args.entry)
    if not isinstance(entry, Note):
        raise CompanionError(
            _("{entry} is a reflection: edit it in the app (`companion`, j, then e on it)").format(
                entry=described(entry, context.now().date())
            )
        )
    if args.text == ["-"]:
        text = sys.stdin.read().strip()
    elif args.text:
        text = " ".join(args.text).strip()
    elif sys.stdin.isatty():
        text = edit_in_editor(entry.text) or ""
    else:
        raise CompanionError(_("give the new text after the id, or `-` to read it from stdin"))
    if not text:
        out(_("Nothing changed: the new text was empty (`companion delete` removes a note)."))
        return 0
    if text == entry.text:
        out(_("Nothing changed: the text is the same."))
        return 0
    kept = context.keep_before_change()
    context.journal.replace(edited_note(entry, text))
    out(
        _("Saved the new text of {entry}. The journal as it was is kept in {backup}.").format(
            entry=described(entry, context.now().date()), backup=kept
        )
    )
    return 0


def delete(context: Context, args: Namespace, out: Out) -> int:
    """`companion delete ID`: asks first in a terminal (--yes does not); the journal as it
    was is kept in an `edit-` backup, and the message says where."""
    from companion.flows.journal_edits import described
    from companion.i18n import _

    entry = find_entry(context, args.entry)
    what = described(entry, context.now().date())
    if not args.yes:
        if not sys.stdin.isatty():
            raise CompanionError(_("add --yes to delete {entry}").format(entry=what))
        answer = input(_("Delete {entry}? [y/N] ").format(entry=what))
        if answer.strip().lower() not in {"y", "yes", _("y"), _("yes")}:
            out(_("Nothing deleted."))
            return 0
    kept = context.keep_before_change()
    context.journal.delete(entry.uid)
    out(
        _(
            "Deleted {entry}. `companion import {backup}` brings it back (the journal as it "
            "was is kept there)."
        ).format(entry=what, backup=kept)
    )
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
    plural = "entry" if len(entries) == 1 else "entries"
    write_output(data, output, out, f"{len(entries)} {plural}")
    return 0


def import_file(context: Context, args: Namespace, out: Out) -> int:
    from companion.storage.export import parse_json_export

    path = Path(args.file).expanduser()
    if path.is_dir():  # a backup: what was deleted by mistake comes back, nothing else changes
        entries = entries_of_backup(path)
    else:
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CompanionError(f"{path}: cannot read it ({error.strerror or error})") from None
        entries = parse_json_export(path, raw)
    added = context.journal.import_entries(entries)
    known = len(entries) - added
    out(f"Imported {added} entries from {path} ({known} were already in the journal)")
    return 0


def entries_of_backup(folder: Path) -> list[Entry]:
    """Every entry of a journal backup (`<home>/backups/edit-...`), read as it is: nothing
    is written into the backup, not even a cache."""
    import tempfile

    from companion.i18n import _
    from companion.storage.backups import backup_problem

    problem = backup_problem(folder)
    if problem is not None:
        raise CompanionError(
            _("{folder}: not a journal backup that can be read ({problem})").format(
                folder=folder, problem=problem
            )
        )
    with tempfile.TemporaryDirectory() as cache:
        return Journal.open(folder, cache=Path(cache)).entries()


def people(context: Context, args: Namespace, out: Out) -> int:
    everyone = context.journal.people()
    if args.json:
        print_json(everyone, out)
        return 0
    if not everyone:
        out(
            'Nobody yet. Add someone with `companion people add "Sam Rivera" --role "Account executive"`.'
        )
        return 0
    actions = context.journal.actions(open_only=True)
    for person in everyone:
        count = sum(1 for a in actions if a.person_uid == person.uid)
        role = f" · {person.role}" if person.role else ""
        out(f"{person.name}{role}  ({count} open {'action' if count == 1 else 'actions'})")
    return 0


def add_person(context: Context, args: Namespace, out: Out) -> int:
    from pydantic import ValidationError

    from companion.models.coaching import Person
    from companion.storage.records import describe_validation_error

    name = args.name
    try:
        person = Person(name=name, role=args.role, created=context.now())
    except ValidationError as error:
        raise CompanionError(
            f"cannot add {shown(name)}: {describe_validation_error(error)}"
        ) from None
    context.journal.add_person(person)
    out(
        f"Added {person.name}. Start a 1:1 with `companion coach --with {shlex.quote(person.name)}`."
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
        out("No open actions." if open_only else "No actions yet.")
        return 0
    names = {p.uid: p.name for p in journal.people()}
    marks = {"open": "○", "done": "✓", "dropped": "✗"}
    for action in found:
        due = f", due {action.due.isoformat()}" if action.due else ""
        who = names.get(action.person_uid, "?")
        out(f"{marks[action.status]} {action.text}  ({who}; {action.owner} owns it{due})")
    return 0


def export_one_on_one(context: Context, reference: str, fmt: str, output: Output, out: Out) -> int:
    from companion.storage.export import one_on_one_markdown

    if fmt != "md":
        raise CompanionError("a 1:1 is exported as markdown: use --format md")
    record = context.journal.one_on_one(reference)
    write_output(
        one_on_one_markdown(record).encode(), output, out, f"the 1:1 with {record.person_name}"
    )
    return 0


def write_output(data: bytes, output: Output, out: Out, what: str) -> None:
    """UTF-8 text to stdout, shown safely; or atomically, exactly as it is, to a private file
    (one that exists only with --force)."""
    from companion.files.atomic import atomic_write_bytes

    if output.path is None or output.path == "-":
        sys.stdout.buffer.write(strip_controls(data.decode()).encode())
        sys.stdout.flush()
        return
    target = Path(output.path).expanduser()
    if target.is_dir():
        raise CompanionError(f"{target} is a folder; give a file name with -o")
    if os.path.lexists(target) and not output.force:
        raise CompanionError(f"{target} exists; add --force to replace it, or choose another file")
    try:
        atomic_write_bytes(target, data)
    except OSError as error:
        raise CompanionError(
            f"{target}: cannot write the export ({error.strerror or error})"
        ) from None
    out(f"Exported {what} to {target}")


def list_one_on_ones(context: Context, out: Out) -> None:
    records = context.journal.one_on_ones()
    if not records:
        out("No 1:1s yet. Run one with `companion coach`.")
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
        out(f"journal: {home.journal} does not exist yet (it is created on first use)")
    else:
        diagnosis = diagnose(home.journal, home.backups)
        if diagnosis is None:
            out(f"journal: {home.journal}: OK, {Journal(home.journal).summary()}")
        else:
            out(f"journal: DAMAGED: {home.journal}: {diagnosis.problem}")
    backups = list_backups(home.backups)
    out(f"backups in {home.backups}: {len(backups)}")
    for backup in backups:
        state = "ok" if backup.good else f"unusable ({backup.problem})"
        out(f"  {backup.kind:<5}  {backup.taken:%Y-%m-%d %H:%M}  {backup.path.name}  {state}")
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
        records = "record" if count == 1 else "records"
        if not repair:
            out(
                f"Run `companion doctor --repair` to set the {count} invalid {records} aside; "
                "the rest of the journal stays, and the file as it is now is kept beside it."
            )
            return 1
        done = set_invalid_aside(journal, context.now())
        if done is not None:
            kept, count = done
            out(f"Set {count} invalid {records} aside. The journal as it was is kept as {kept}.")
        return 0
    good = diagnosis.backup
    if good is None:
        raise CompanionError(
            f"{diagnosis.path} is damaged and there is no good backup; the file is left as it "
            "is, so nothing more is lost"
        )
    if not repair:
        out(
            f"Run `companion doctor --repair` to restore {good.path.name}; the damaged file is kept."
        )
        return 1
    kept = restore_backup(journal, good, context.now())
    out(f"Restored {good.path.name}. The damaged journal is kept as {kept}.")
    return 0
