"""The `companion` command: parse the arguments, then run a command or the app.

Exit codes: 0 ok, 1 bad input (one clear line on stderr), 2 usage. Commands that do not
open the app never import textual, so they start quickly.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from companion import __version__
from companion.errors import CompanionError, CorruptJournal, os_reason
from companion.i18n import N_, _
from companion.text_safety import short, shown, strip_controls

if TYPE_CHECKING:
    from companion.context import Context

Out = Callable[[str], None]

PROG = "companion"
# Translators: the end of `companion --help`; translate the explanations, keep the commands
EPILOG = N_("""\
examples:
  companion                         open the app (home screen)
  companion reflect                 go straight to today's reflection
  companion log "Closed the Acme deal #win"
  companion log "yesterday: called Sam about the renewal"
  companion journal                 (each entry with the start of its id)
  companion edit 3f2a9c1b "Closed the Acme deal, 3 seats #win"
  companion delete last
  companion journal --since 7d --tag win
  companion journal acme renewal -n 5
  companion progress --since 28d
  companion export --format md -o journal.md [--force]
  companion people add "Sam Rivera" --role "Account executive"
  companion coach --with Sam --script weekly-1on1
  companion actions --open --with Sam
  companion actions done 3f2a       (or drop: the start of an action's id)
  companion pack new "Acme coaching"  &&  companion pack validate acme-coaching
  companion config language nl
  companion config role rep

Data lives in --home DIR, else $COMPANION_HOME, else your platform's user data folder.
""")


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (and exits 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        message = short(message, limit=200)  # argparse repeats what was typed, all of it
        line = _("{prog}: error: {message} (see `{prog} --help`)")
        self.exit(2, line.format(prog=self.prog, message=message) + "\n")


def say(line: str) -> None:
    """What every command prints goes through here: shown, never obeyed by the terminal."""
    print(strip_controls(line))


def complain(message: str) -> None:
    line = _("{prog}: error: {message}").format(prog=PROG, message=strip_controls(message))
    print(line, file=sys.stderr)


def _home_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--home",
        metavar=_("DIR"),
        default=default,
        help=_(
            "folder for the journal and packs (default: $COMPANION_HOME or the platform data folder)"
        ),
    )


Arguments = Callable[[argparse.ArgumentParser], None]
Handler = Callable[["Context", argparse.Namespace, Out], int]


@dataclass(frozen=True)
class Command:
    """A command of `companion`: its help, its arguments, and the handler that runs it.

    `run` names the handler as "module:function", imported only when the command runs, so
    that a quick command imports no more than it needs (and never textual, unless it opens
    the app). It is called as `handler(context, args, out)`, prints through `out`, and
    returns the exit code; a `CompanionError` it raises becomes one line on stderr and exit
    1. `commands` are its sub-commands (`pack list`); a command without a `run` of its own
    needs one of them. Adding a command: its handler, and its entry in COMMANDS below.
    """

    summary: str
    description: str = ""  # the summary if empty
    arguments: Arguments | None = None
    run: str = ""
    commands: dict[str, Command] = field(default_factory=dict)
    opens_app: bool = False  # start-up pauses the garbage collector (see startup.py)


def command_in(argv: Sequence[str]) -> str | None:
    """The command named in `argv`, "" if none (the app), or None when the whole parser is
    needed (for help or the version). Before the command only --home takes a value."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help", "--version"):
            return None
        if word == "--home":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return ""


def build_parser(only: str | None = None) -> Parser:
    """The whole parser, or with `only` the parser of that one command alone ("": none).
    Building all of them is a noticeable part of every start and every `companion log`;
    a command that does not exist gets the whole parser, and so argparse's usual message."""
    if only and only not in PROGRAM.commands:
        only = None
    parser = Parser(
        prog=PROG,
        description=_(PROGRAM.description),
        epilog=_(EPILOG),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show program's version number and exit"),
    )
    _home_option(parser, None)
    wanted = {name: c for name, c in PROGRAM.commands.items() if only is None or name == only}
    _add_commands(parser, "command", _("COMMAND"), wanted)
    return parser


def _add_commands(
    parser: argparse.ArgumentParser,
    dest: str,
    metavar: str,
    commands: dict[str, Command],
    required: bool = False,
) -> None:
    sub = parser.add_subparsers(dest=dest, metavar=metavar, parser_class=Parser, required=required)
    for name, command in commands.items():
        child = sub.add_parser(
            name, help=_(command.summary), description=_(command.description or command.summary)
        )
        _home_option(child, argparse.SUPPRESS)
        if command.arguments is not None:
            command.arguments(child)
        if command.commands:  # required unless the command runs without one
            metavar = "|".join(command.commands) if command.run else _("ACTION")
            _add_commands(child, f"{name}_command", metavar, command.commands, not command.run)


def chosen(args: argparse.Namespace) -> Command:
    """The command `args` ask for, down to the sub-command (the program itself: the app)."""
    command, dest = PROGRAM, "command"
    while (name := getattr(args, dest, None)) is not None:
        command = command.commands[name]
        dest = f"{name}_command"
    return command


def handler(command: Command) -> Handler:
    module, _colon, function = command.run.partition(":")
    # __import__, as an import statement does: `-X importtime` sees it (importlib's own
    # import_module bypasses it), so what a command imports can be watched.
    found: Handler = getattr(__import__(module, fromlist=[function]), function)
    return found


# -- arguments ---------------------------------------------------------------------------


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since",
        metavar=_("DATE"),
        help=_("from this day: YYYY-MM-DD, today, yesterday, a weekday or `7d` (7 days ago)"),
    )
    parser.add_argument("--until", metavar=_("DATE"), help=_("up to and including this day"))
    parser.add_argument(
        "--tag",
        metavar=_("TAG"),
        action="append",
        default=[],
        help=_("only entries with this tag (repeatable)"),
    )


def _json(what: str) -> Arguments:
    def arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help=_(what))

    return arguments


def _coach(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--with", dest="person", metavar=_("NAME"), help=_("the person (name or its start)")
    )
    parser.add_argument("--script", metavar="ID", help=_("e.g. weekly-1on1 or essentials/grow"))


def _add_person(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar=_("NAME"))
    parser.add_argument("--role", default="", metavar=_("ROLE"), help=_('e.g. "Account executive"'))


def _actions(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--open", action="store_true", help=_("only open actions"))
    parser.add_argument("--with", dest="person", metavar=_("NAME"), help=_("only this person's"))
    parser.add_argument("--json", action="store_true", help=_("print them as JSON"))


def _log(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "text",
        nargs="*",
        metavar=_("TEXT"),
        help=_(
            'the note, e.g. "Closed the Acme deal #win" or "yesterday: called Sam"; '
            "`-` reads it from stdin; none, in a terminal, opens $VISUAL or $EDITOR "
            "(else nano, else vi)"
        ),
    )
    parser.add_argument(
        "--date",
        metavar=_("DATE"),
        help=_(
            "the day it is for, to fill in a missed one: YYYY-MM-DD, yesterday, a weekday, `3d`"
        ),
    )


def _entry(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "entry",
        metavar="ID",
        help=_("the first characters of its id (`companion journal`), or `last`"),
    )


def _edit(parser: argparse.ArgumentParser) -> None:
    _entry(parser)
    parser.add_argument(
        "text",
        nargs="*",
        metavar=_("TEXT"),
        help=_("the new text; `-` reads it from stdin; none opens your editor on the note"),
    )
    parser.add_argument(
        "--date",
        metavar=_("DATE"),
        help=_("move it to this day (the same time of day), e.g. yesterday"),
    )


def _delete(parser: argparse.ArgumentParser) -> None:
    _entry(parser)
    parser.add_argument("--yes", action="store_true", help=_("do not ask first"))


def _positive(text: str) -> int:
    """A count of at least 1, as -n takes it."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            _("{text} is not a count of 1 or more").format(text=shown(text))
        )
    return int(text)


def _journal(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "words",
        nargs="*",
        metavar=_("WORDS"),
        help=_(
            "only entries with all these words (and #tags, `since:DATE`, `until:DATE`, as the "
            "app's filter reads them)"
        ),
    )
    parser.add_argument(
        "-n", dest="limit", metavar="N", type=_positive, help=_("only the last N entries")
    )
    _filters(parser)
    parser.add_argument("--json", action="store_true", help=_("print the entries as JSON"))


def _progress(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since",
        metavar=_("DATE"),
        help=_("from this day: YYYY-MM-DD, today, yesterday, a weekday or `7d` (7 days ago)"),
    )
    parser.add_argument("--until", metavar=_("DATE"), help=_("up to and including this day"))
    parser.add_argument("--json", action="store_true", help=_("print the figures as JSON"))


def _export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("md", "json", "csv"), default="md", help=_("default: md")
    )
    parser.add_argument(
        "--one-on-one",
        metavar="ID",
        help=_(
            "export one finished 1:1 as a summary for the rep (private notes left out); "
            "the first characters of its id are enough (`companion export --one-on-one list`)"
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar=_("FILE"),
        help=_("write to FILE (private, 0600), the text exactly as written, instead of stdout"),
    )
    parser.add_argument(
        "--force", action="store_true", help=_("replace FILE if it exists (else it is refused)")
    )
    _filters(parser)


def _import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar=_("FILE"))


def _doctor(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--repair", action="store_true", help=_("set invalid records aside or restore a backup")
    )


def _config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("key", nargs="?", metavar=_("KEY"))
    parser.add_argument("value", nargs="?", metavar=_("VALUE"))


def _pack_validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar=_("PATH"))
    parser.add_argument("--json", action="store_true", help=_("print the report as JSON"))


def _pack_install(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar=_("PATH|ZIP"))
    parser.add_argument(
        "--force",
        action="store_true",
        help=_("replace the installed version even if it is the same or newer"),
    )


def _pack_remove(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pack_id", metavar="ID")


def _pack_new(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar=_("NAME"))
    parser.add_argument(
        "--in", dest="parent", default=".", metavar=_("DIR"), help=_("where (default: here)")
    )


def _pack_build(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar=_("PATH"))
    parser.add_argument("-o", "--output", metavar="ZIP", help=_("default: ID-VERSION.zip here"))


def _pack_schema(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "which", nargs="?", choices=("frontmatter", "manifest"), default="frontmatter"
    )


def _team_link(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar=_("NAME"), help=_("the person you share the space with"))
    parser.add_argument(
        "remote",
        metavar=_("REMOTE"),
        help=_("a git remote: an empty or bare repository (a path or a URL)"),
    )


def _team_join(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("remote", metavar=_("REMOTE"), help=_("the address your manager gave you"))
    parser.add_argument(
        "--manager", metavar=_("NAME"), help=_("your manager's name, as you see it")
    )


def _share(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "text", nargs="*", metavar=_("TEXT"), help=_('e.g. "I could use help with the Acme call"')
    )
    parser.add_argument(
        "--withdraw", metavar="ID", help=_("take back an item not yet discussed (its id)")
    )
    parser.add_argument(
        "--with", dest="person", metavar=_("NAME"), help=_("the manager, if you have several")
    )


def _agenda(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--with",
        dest="person",
        metavar=_("NAME"),
        help=_("the person (needed with several spaces)"),
    )
    parser.add_argument("--json", action="store_true", help=_("print it as JSON"))


def _action_id(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action_id", metavar="ID", help=_("the action's id (its first characters)"))


def _pack_update(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pack_id", nargs="?", metavar="ID", help=_("default: every pack"))


TEAM_COMMANDS: dict[str, Command] = {
    "link": Command(
        N_("link a person to a shared space on a git remote (manager)"),
        arguments=_team_link,
        run="companion.team_commands:team_link",
    ),
    "join": Command(
        N_("join the shared space your manager linked (rep)"),
        arguments=_team_join,
        run="companion.team_commands:team_join",
    ),
    "status": Command(
        N_("each shared space: its remote, last sync, what waits and what came in"),
        arguments=_json(N_("them")),
        run="companion.team_commands:team_status",
    ),
    "sync": Command(
        N_("fetch, merge and push every shared space"),
        run="companion.team_commands:team_sync",
    ),
}


# -- the commands, in the order `companion --help` lists them -------------------------------

PACK_COMMANDS: dict[str, Command] = {
    "list": Command(
        N_("the packs you have: built-in, from Python packages, installed"),
        arguments=_json(N_("print them as JSON")),
        run="companion.pack_commands:pack_list",
    ),
    "validate": Command(
        N_("check a pack folder, a pack .zip or one .md file (exit 1 on errors)"),
        arguments=_pack_validate,
        run="companion.pack_commands:pack_validate",
    ),
    "install": Command(
        N_(
            "validate, then install a pack folder or .zip into <home>/packs; a newer version "
            "replaces the installed one"
        ),
        N_(
            "Install a pack folder, a .zip, or a git repository (a URL or a path) a coach "
            "publishes the pack in; `companion pack update` fetches it again later."
        ),
        arguments=_pack_install,
        run="companion.pack_commands:pack_install",
    ),
    "update": Command(
        N_("install installed packs again from where they came from, if changed"),
        arguments=_pack_update,
        run="companion.pack_commands:pack_update",
    ),
    "remove": Command(
        N_("remove an installed pack"),
        arguments=_pack_remove,
        run="companion.pack_commands:pack_remove",
    ),
    "new": Command(
        N_("create a pack folder with one example of each kind"),
        arguments=_pack_new,
        run="companion.pack_commands:pack_new",
    ),
    "build": Command(
        N_("validate a pack folder and zip it to share"),
        arguments=_pack_build,
        run="companion.pack_commands:pack_build",
    ),
    "schema": Command(
        N_("print the JSON Schema of content frontmatter (or of pack.toml)"),
        arguments=_pack_schema,
        run="companion.pack_commands:pack_schema",
    ),
}

COMMANDS: dict[str, Command] = {
    "reflect": Command(
        N_("open the app at today's reflection"), run="companion.cli:open_app", opens_app=True
    ),
    "coach": Command(
        N_("open the app at a guided 1:1"),
        N_(
            "Open a guided 1:1. With --with and --script it starts straight away; with --with "
            "alone an unfinished 1:1 with that person is resumed, else the setup opens on them "
            "with their last script; a name nobody has yet is offered to be added."
        ),
        _coach,
        run="companion.cli:open_app",
        opens_app=True,
    ),
    "people": Command(
        N_("list the people you coach, or add one"),
        N_("List the people you coach."),
        _json(N_("print them as JSON")),
        run="companion.commands:people",
        commands={
            "add": Command(
                N_("add a person"),
                N_("Add a person you coach."),
                _add_person,
                run="companion.commands:add_person",
            )
        },
    ),
    "actions": Command(
        N_("list actions agreed in 1:1s; close one with done or drop"),
        N_(
            "List the actions agreed in 1:1s, oldest first, each with the start of its id: "
            "○ open, ✓ done, ✗ dropped; an open action past its due date says since when it "
            "is overdue. Close one between 1:1s with `companion actions done ID` or "
            "`companion actions drop ID`."
        ),
        _actions,
        run="companion.team_commands:actions",
        commands={
            "done": Command(
                N_("mark an action done (one of yours, or one agreed with your manager)"),
                N_(
                    "Mark an action done, by its id or the first characters of it, as "
                    "`companion actions` lists them (e.g. `companion actions done 3f2a`). If "
                    "the action is in a space shared with the other person, they see it after "
                    "the next `companion team sync`."
                ),
                arguments=_action_id,
                run="companion.team_commands:actions_done",
            ),
            "drop": Command(
                N_("drop an action that will not be done (manager)"),
                N_(
                    "Drop an action that will not be done, by its id or the first characters "
                    "of it, as `companion actions` lists them (e.g. `companion actions drop "
                    "3f2a`): it leaves the open actions and the next 1:1's review. A shared "
                    "space with the person is told too. Only a manager drops an action; a rep "
                    "marks it done or raises it at the next 1:1."
                ),
                arguments=_action_id,
                run="companion.team_commands:actions_drop",
            ),
            "reopen": Command(
                N_("open again an action closed by mistake"),
                N_(
                    "Open again an action marked done or dropped by mistake, by its id or the "
                    "first characters of it (`companion actions` lists every action, closed "
                    "ones too)."
                ),
                arguments=_action_id,
                run="companion.team_commands:actions_reopen",
            ),
        },
    ),
    "share": Command(
        N_("share something with your manager for the next 1:1 (kept in your journal too)"),
        arguments=_share,
        run="companion.team_commands:share",
    ),
    "agenda": Command(
        N_("what a person shared for the next 1:1, and the open actions both ways"),
        arguments=_agenda,
        run="companion.team_commands:agenda",
    ),
    "team": Command(
        N_("shared spaces: link, join, status, sync"),
        N_(
            "A shared space is a git repository a rep and their manager share: what the rep "
            "chooses to share, and what comes back from their 1:1s."
        ),
        commands=TEAM_COMMANDS,
    ),
    "log": Command(
        N_("add a quick note to the journal, no app"),
        N_("Add a quick note to the journal. Words starting with # become tags."),
        _log,
        run="companion.commands:log",
    ),
    "journal": Command(
        N_("list journal entries"),
        N_("List journal entries, oldest first, each with the start of its id."),
        _journal,
        run="companion.commands:journal",
    ),
    "progress": Command(
        N_("your progress: energy, commitments kept, wins"),
        N_(
            "Your progress over a period (default: the 12 weeks up to today): the average of "
            "each scale answer and its change against the period before, with a small chart, "
            "the commitments kept, wins, attention and what you learned. --json gives the "
            "figures."
        ),
        _progress,
        run="companion.progress_command:progress",
    ),
    "edit": Command(
        N_("change the text of a note"),
        N_(
            "Change the text of a note (its #tags are read again). The journal as it was is "
            "kept in <home>/backups first. Reflections are edited in the app (j, then e)."
        ),
        _edit,
        run="companion.commands:edit",
    ),
    "delete": Command(
        N_("delete a journal entry (asks first)"),
        N_(
            "Delete a note or a reflection. It asks first (--yes does not), and keeps the "
            "journal as it was in <home>/backups/edit-<date>: `companion import` of that folder "
            "brings the entry back."
        ),
        _delete,
        run="companion.commands:delete",
    ),
    "export": Command(
        N_("export the journal as markdown, JSON or CSV"),
        N_("Export the journal. The JSON export can be read back with `companion import`."),
        _export,
        run="companion.commands:export",
    ),
    "import": Command(
        N_("import a JSON export (or a backup) into the journal"),
        N_(
            "Import entries from a `companion export --format json` file, or from a backup "
            "folder in <home>/backups (to bring back an entry deleted by mistake). "
            "Entries already in the journal are skipped, so importing twice adds nothing twice."
        ),
        _import,
        run="companion.commands:import_file",
    ),
    "pack": Command(
        N_("list, validate, install, remove, create and build content packs"),
        N_("Content packs are folders of markdown (see docs/pack-format.md)."),
        commands=PACK_COMMANDS,
    ),
    "doctor": Command(
        N_("check the journal and its backups; --repair mends a damaged journal"),
        N_(
            "Check that the journal reads and every record is valid, and list the backups in "
            "<home>/backups. A damaged journal is never overwritten: --repair first keeps the "
            "damaged file beside it as <file>.damaged-<date> (never deleted), then sets invalid "
            "records aside, or, if a file does not read at all, puts the newest good backup in "
            "the journal's place (keeping the old one as journal.damaged-<date>)."
        ),
        _doctor,
        run="companion.commands:doctor",
    ),
    "config": Command(
        N_("show or change settings"),
        N_(
            "Show all settings, show one (KEY), or change one (KEY VALUE). "
            "Settings: language (content language: en, nl, or that of an installed pack), "
            "reflection (e.g. essentials/daily), theme (the app's colours, e.g. nord; the app "
            "saves the theme chosen in its palette), role (rep, manager or coach: the card of "
            "the day is chosen for it), one_on_one_every_days (for a manager, home names "
            "whoever has had no 1:1 for longer; default 14), look_back_day (the day home offers "
            "the weekly look back: monday to sunday, default friday)."
        ),
        _config,
        run="companion.pack_commands:config",
    ),
}

PROGRAM = Command(
    N_("the app, at home"),
    N_("A coaching companion for sales teams: a daily reflection, your journal, guided 1:1s."),
    run="companion.cli:open_app",
    commands=COMMANDS,
    opens_app=True,
)


def run(args: argparse.Namespace) -> int:
    command = chosen(args)
    if command.opens_app:
        from companion.startup import pause_collector

        pause_collector()  # until the first frame: see companion/startup.py
    from companion.context import Context
    from companion.paths import Home, resolve_home

    context = Context(Home(resolve_home(args.home)))
    return handler(command)(context, args, say)


def open_app(context: Context, args: argparse.Namespace, out: Out) -> int:
    """`companion`, `companion reflect` and `companion coach`: the app, at home or there."""
    from companion.tui.app import run_app

    if args.command == "coach":
        check_coach(context, args.person, args.script)
        return run_app(context, start="coach", person=args.person, script=args.script)
    return run_app(context, start=args.command or "home")


def check_coach(context: Context, person: str | None, script: str | None) -> None:
    """Refuse, before any screen, a script that is not installed or a name that matches
    several people (a CompanionError: one line, exit 1). A name nobody has is someone new,
    whom the setup offers to add; a damaged journal is the app's to show (recovery)."""
    import contextlib

    from companion.errors import UnknownPerson
    from companion.models.content import Script

    if script is not None:
        context.library.find(script, Script)
    if person is not None:
        with contextlib.suppress(UnknownPerson, CorruptJournal):
            context.journal.find_person(person)


def _backup_offer(home: str | None) -> str:
    """What to do about a damaged journal, naming the newest good backup if there is one."""
    from companion.paths import Home, resolve_home
    from companion.storage.backups import newest_good

    backup = newest_good(Home(resolve_home(home)).backups)
    if backup is None:
        return _("It was left untouched and there is no backup; `companion doctor` shows more")
    return _(
        "It was left untouched. The newest good backup is {name} ({taken}); "
        "`companion doctor` says what is wrong and `companion doctor --repair` mends it, "
        "keeping the damaged file"
    ).format(name=backup.path.name, taken=f"{backup.taken:%Y-%m-%d %H:%M}")


def home_in(argv: Sequence[str]) -> str | None:
    """The --home given in `argv` (before or after the command), if any."""
    words = iter(argv)
    for word in words:
        if word == "--home":
            return next(words, None)
        if word.startswith("--home="):
            return word.removeprefix("--home=")
    return None


def speak_the_users_language(argv: Sequence[str]) -> str:
    """Set the interface's language from the settings of the home `argv` names, else from
    the locale, before any message (`--help` included) is written."""
    from companion.i18n import resolve_language, set_language
    from companion.paths import Home, resolve_home
    from companion.storage.settings import read_setting

    settings = Home(resolve_home(home_in(argv))).settings
    return set_language(resolve_language(read_setting(settings, "language")))


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    try:
        speak_the_users_language(words)
        return run(build_parser(only=command_in(words)).parse_args(words))
    except CorruptJournal as error:
        complain(f"{error.path}: {error.problem}. {_backup_offer(home_in(words))}")
        return 1
    except CompanionError as error:
        complain(str(error))
        return 1
    except KeyboardInterrupt:
        print(_("{prog}: interrupted").format(prog=PROG), file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `companion journal | head`: the reader left, that's fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as error:  # a path the system refuses (too long, a loop of links, ...)
        where = shown(error.filename) if isinstance(error.filename, str) else _("a file")
        complain(f"{where}: {os_reason(error)}")
        return 1
    except Exception as error:  # a bug: one line, and the traceback in a private report
        print(strip_controls(_crash_report(words, error)), file=sys.stderr)
        return 1


def _crash_report(words: Sequence[str], error: Exception) -> str:
    """Write the report of an unexpected error under <home>/logs (its locals may quote the
    journal: it is never printed) and say where, as the app does (companion/crash.py)."""
    from companion.crash import report_line
    from companion.paths import Home, resolve_home

    return report_line(Home(resolve_home(home_in(words))).logs, error)


def console() -> int:
    """The `companion` program, as the console script and `python -m companion` run it.

    On exit the interpreter collects every object it ever made, a large share of a quick
    command (more after the app). Freezing them from an atexit handler skips that: atexit
    handlers and the flushing of stdout and stderr still run, and every file Companion writes
    is closed and synced before then. Only finalizers of objects still alive at exit are
    skipped, and Python does not promise to run those anyway.
    """
    atexit.register(gc.freeze)
    return main()
