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
from companion.errors import CompanionError, os_reason
from companion.i18n import N_, _, ngettext
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

# An entry's kind as `companion journal` lists it (its JSON keeps the English key)
KIND_NAMES = {"note": N_("note"), "reflection": N_("reflection")}
# Translators: the kind of a backup in `companion doctor`: taken once a day, at a start, or
# before a note was edited or deleted
BACKUP_KINDS = {"daily": N_("daily"), "start": N_("start"), "edit": N_("edit")}


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
    tags = ", ".join("#" + t for t in note.tags)
    if day == now.date():
        said, when = (_("Logged to {path} (tags: {tags})") if tags else _("Logged to {path}")), ""
    else:
        from companion.i18n import format_date

        when = format_date(day, "day", today=now.date())
        if tags:
            said = _("Logged for {day} to {path} (tags: {tags})")
        else:
            said = _("Logged for {day} to {path}")
    out(said.format(day=when, path=journal.path, tags=tags))
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


def note_text(words: Sequence[str]) -> str | None:
    """The note `companion log` was given: its words; stdin for `-`; else, in a terminal,
    what is written in the editor (None if that was left empty)."""

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
            ).format(editor=shown(command[0]), problem=os_reason(error))
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
        out(_("No entries.") if query.is_empty else _("No entries match."))
        return 0
    for entry in entries:
        summary = summary_of(entry)
        unseen = [f"#{t}" for t in entry.tags if f"#{t}" not in summary.casefold()]
        tags = "  " + " ".join(unseen) if unseen else ""  # a note's text shows its own
        stamp = entry.created.strftime("%Y-%m-%d %H:%M")
        kind = _(KIND_NAMES[entry.kind])
        out(f"{entry.uid[:ID_SHOWN]}  {stamp}  {kind:<10}  {summary}{tags}")
    return 0


ID_SHOWN = 8  # the characters of an entry's id `companion journal` shows, enough to name it


def find_entry(context: Context, reference: str) -> Entry:
    """The entry `reference` names: `last` (the newest), or the start of its id as
    `companion journal` shows it (four characters or more, if no other id starts so)."""

    rows = context.journal.rows()
    wanted = reference.strip().lower()
    if not len(rows):
        raise CompanionError(_("the journal has no entries yet"))
    if wanted == "last":
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
    """`companion edit ID [TEXT] [--date D]`: a note's new text (its #tags read again),
    given or written in the editor starting from the text as it is; --date moves a note or
    a reflection to another day."""
    from companion.flows.journal_edits import EditError, described, moved_to

    entry = find_entry(context, args.entry)
    today = context.now().date()
    edited: Entry = entry
    if args.text or args.date is None:
        edited = _new_text(entry, args.text, today)
    if args.date is not None:
        try:
            edited = moved_to(edited, args.date, today)
        except EditError as error:
            raise CompanionError(f"--date: {error}") from None
    if edited == entry:
        out(_("Nothing changed."))
        return 0
    kept = context.keep_before_change()
    context.journal.replace(edited)
    out(
        _("Saved {entry}. The journal as it was is kept in {backup}.").format(
            entry=described(edited, today, summary=False), backup=kept
        )
    )
    return 0


def _new_text(entry: Entry, words: Sequence[str], today: date) -> Entry:
    """The note with the text given (`-`: stdin), or written in the editor."""
    from companion.flows.journal_edits import EditError, described, edited_note

    if not isinstance(entry, Note):
        raise CompanionError(
            _(
                "{entry} is a reflection: edit its words in the app (`companion`, j, then e "
                "on it); --date moves it"
            ).format(entry=described(entry, today))
        )
    if list(words) == ["-"]:
        text = sys.stdin.read()
    elif words:
        text = " ".join(words)
    elif sys.stdin.isatty():
        written = edit_in_editor(entry.text)
        if written is None:  # emptied in the editor: left as it was, as git does
            return entry
        text = written
    else:
        raise CompanionError(_("give the new text after the id, or `-` to read it from stdin"))
    try:
        return edited_note(entry, text)
    except EditError as error:
        raise CompanionError(str(error)) from None


def delete(context: Context, args: Namespace, out: Out) -> int:
    """`companion delete ID`: asks first in a terminal (--yes does not); the journal as it
    was is kept in an `edit-` backup, and the message says where."""
    from companion.flows.journal_edits import described

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
    count = len(entries)
    done = ngettext(
        "Exported {count} entry to {target}", "Exported {count} entries to {target}", count
    )
    write_output(data, output, out, done, count=count)
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
            problem = _("{path}: cannot read it ({reason})")
            raise CompanionError(problem.format(path=path, reason=os_reason(error))) from None
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


def entries_of_backup(folder: Path) -> list[Entry]:
    """Every entry of a journal backup (`<home>/backups/edit-...`), read as it is: nothing
    is written into the backup, not even a cache."""
    import tempfile

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
            _(
                "Nobody yet. Add someone with "
                '`companion people add "Sam Rivera" --role "Account executive"`.'
            )
        )
        return 0
    from companion.flows.actions import is_overdue

    actions = context.journal.actions(open_only=True)
    today = context.now().date()
    for person in everyone:
        theirs = [a for a in actions if a.person_uid == person.uid]
        count = len(theirs)
        overdue = sum(1 for a in theirs if is_overdue(a, today))
        role = f" · {person.role}" if person.role else ""
        counts = ngettext("{count} open action", "{count} open actions", count).format(count=count)
        if overdue:
            # Translators: after "2 open actions" in `companion people`: "2 open actions, 1 overdue"
            late = ngettext("{actions}, {count} overdue", "{actions}, {count} overdue", overdue)
            counts = late.format(actions=counts, count=overdue)
        out(f"{person.name}{role}  ({counts})")
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
    """The journal's actions, oldest first, each with the start of its id (what `companion
    actions done|drop ID` takes) and when it is due, or since when it is overdue."""
    from companion.flows.actions import due_phrase, is_overdue

    journal, open_only = context.journal, args.open
    person_uid = journal.find_person(args.person).uid if args.person else None
    found = journal.actions(person_uid, open_only=open_only)
    today = context.now().date()
    if args.json:
        rows = [
            {**action.model_dump(mode="json"), "overdue": is_overdue(action, today)}
            for action in found
        ]
        out(json_text(rows))
        return 0
    if not found:
        out(_("No open actions.") if open_only else _("No actions yet."))
        return 0
    from companion.storage.export import owner_name

    names = {p.uid: p.name for p in journal.people()}
    marks = {"open": "○", "done": "✓", "dropped": "✗"}
    for action in found:
        due = due_phrase(action, today)
        if due:
            # Translators: {due} is "due 1 Dec", "due 1 Dec 2027" or "overdue since 1 Dec"
            line = _("{mark} {id}  {text}  ({who}; {owner} owns it, {due})")
        else:
            line = _("{mark} {id}  {text}  ({who}; {owner} owns it)")
        out(
            line.format(
                mark=marks[action.status],
                id=action.uid[:8],
                text=action.text,
                who=names.get(action.person_uid, "?"),
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
        raise CompanionError(problem.format(target=target, reason=os_reason(error))) from None
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
    kinds = [_(BACKUP_KINDS.get(backup.kind, backup.kind)) for backup in backups]
    width = max([5, *map(len, kinds)])  # the columns line up in every language
    for backup, kind in zip(backups, kinds, strict=True):
        unusable = _("unusable ({problem})")
        state = _("ok") if backup.good else unusable.format(problem=backup.problem)
        out(f"  {kind:<{width}}  {backup.taken:%Y-%m-%d %H:%M}  {backup.path.name}  {state}")
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
