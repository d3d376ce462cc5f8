"""Before a 1:1: pick the person (or add one) and the script.

The script defaults to the one last used with that person; people with an unfinished 1:1
are marked, and picking them resumes it.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from companion.errors import CompanionError, CorruptJournal
from companion.flows.one_on_one import last_script
from companion.i18n import N_, _
from companion.models.coaching import OneOnOne, Person
from companion.models.content import Script
from companion.tui.destinations import Destination
from companion.tui.messages import JournalDamaged, Navigate
from companion.tui.screens.base import CompanionScreen, context_of
from companion.tui.screens.one_on_one import OneOnOneScreen, StartOneOnOne
from companion.tui.text import plain

if TYPE_CHECKING:
    from textual.app import App

DEFAULT_SCRIPT = "weekly-1on1"  # the id: the one in the content language comes first


class CoachSetupScreen(CompanionScreen[StartOneOnOne | None]):
    SUB_TITLE = N_("1:1")
    CSS_PATH = "coach_setup.tcss"
    HELP = N_(
        "Pick the person, then the conversation script. The script last used with that "
        "person is chosen for you. Add someone new by typing their name in the box under "
        "the list. A person marked 'draft' has an unfinished 1:1 that opens where you left it."
    )
    BINDINGS = [
        Binding(
            "ctrl+n",
            "new_person",
            N_("Add person"),
            tooltip=N_("Type a new person's name"),
            id="coach.add",
        ),
        Binding(
            "h",
            "history",
            N_("History"),
            tooltip=N_("Past 1:1s and open actions of this person"),
            id="coach.history",
        ),
        Binding("escape", "back", N_("Back"), tooltip=N_("Back home"), id="coach.back"),
    ]

    def __init__(self, preselect: str | None = None) -> None:
        super().__init__()
        self.preselect = preselect
        self.people: list[Person] = []
        self.records: list[OneOnOne] = []  # read once: moving through people must stay instant
        self.scripts: list[Script] = []

    @classmethod
    def open(cls, app: App[Any], subject: str | None = None, script: str | None = None) -> None:
        """The setup, with the person named `subject` chosen; straight into the 1:1 when
        the script is given too."""
        context = context_of(app)
        if subject and script:
            try:
                chosen = context.journal.find_person(subject)
                found = context.library.find(script, Script)
            except CorruptJournal:
                Destination.RECOVERY.open(app)
                return
            except CompanionError as error:
                app.notify(str(error), severity="error", timeout=10)
            else:
                OneOnOneScreen.start(app, StartOneOnOne(chosen, found))
                return
        app.push_screen(cls(preselect=subject), partial(OneOnOneScreen.start, app))

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="setup"):
            with Vertical(id="people-pane"):
                yield Label(plain(_("1. Who is it with?"), "bold"))
                yield OptionList(id="people")
                yield Input(placeholder=_("add a person: name, role (optional)"), id="new-person")
            with Vertical(id="scripts-pane"):
                yield Label(plain(_("2. Which conversation?"), "bold"))
                yield OptionList(id="scripts")
                yield Label(id="script-about")

    def on_mount(self) -> None:
        context = self.context
        try:
            self.records = context.journal.one_on_ones()
            self.load_people()
        except CorruptJournal as error:
            self.post_message(JournalDamaged(error))
            self.dismiss(None)
            return
        language = context.language
        scripts_found = context.library.of_kind(Script)
        self.scripts = sorted(
            scripts_found, key=lambda s: (s.language != language, s.pack, s.title)
        )
        scripts = self.query_one("#scripts", OptionList)
        for script in self.scripts:
            planned = script.planned_minutes
            minutes = " · " + _("{minutes} min").format(minutes=planned) if planned else ""
            label = plain(script.title, "bold")
            label.append(plain(f"  {script.pack}{minutes}", "dim"))
            scripts.add_option(Option(label, id=script.address))
        people = self.query_one("#people", OptionList)
        if self.people:
            people.focus()
        else:
            self.query_one("#new-person", Input).focus()

    def load_people(self, highlight: str | None = None) -> None:
        context = self.context
        self.people = context.journal.people()
        options = self.query_one("#people", OptionList)
        options.clear_options()
        for person in self.people:
            has_draft = context.drafts.path(f"one-on-one-{person.uid}").exists()
            label = plain(
                "✎ " + _("draft") + " · " if has_draft else "", "italic yellow"
            )  # first: never cut off
            label.append(plain(person.name))
            if person.role:
                label.append(plain(f" · {person.role}", "dim"))
            options.add_option(Option(label, id=person.uid))
        wanted = (highlight or self.preselect or "").casefold()
        index = next((i for i, p in enumerate(self.people) if p.name.casefold() == wanted), 0)
        if self.people:
            options.highlighted = index

    @property
    def person(self) -> Person | None:
        index = self.query_one("#people", OptionList).highlighted
        return self.people[index] if index is not None and index < len(self.people) else None

    @on(OptionList.OptionHighlighted, "#people")
    def _person_changed(self) -> None:
        person = self.person
        if person is None:
            return
        address = last_script(self.records, person.uid) or self._default_script()
        scripts = self.query_one("#scripts", OptionList)
        index = next((i for i, s in enumerate(self.scripts) if s.address == address), 0)
        if self.scripts:
            scripts.highlighted = index

    def _default_script(self) -> str:
        """The weekly 1:1 in the content language (the scripts are sorted by it)."""
        found = (s.address for s in self.scripts if s.address.split("/")[-1] == DEFAULT_SCRIPT)
        return next(found, "")

    @on(OptionList.OptionHighlighted, "#scripts")
    def _script_changed(self, event: OptionList.OptionHighlighted) -> None:
        script = self.scripts[event.option_index]
        about = self.query_one("#script-about", Label)
        about.update(plain(script.description))

    @on(OptionList.OptionSelected, "#people")
    def _person_chosen(self) -> None:
        self.query_one("#scripts", OptionList).focus()

    @on(OptionList.OptionSelected, "#scripts")
    def _script_chosen(self, event: OptionList.OptionSelected) -> None:
        person = self.person
        if person is None:
            self.notify(
                _("Add the person first: type their name under the list."), severity="warning"
            )
            self.query_one("#new-person", Input).focus()
            return
        self.dismiss(StartOneOnOne(person, self.scripts[event.option_index]))

    @on(Input.Submitted, "#new-person")
    def _add_person(self, event: Input.Submitted) -> None:
        name, _comma, role = event.value.partition(",")
        if not name.strip():
            return
        context = self.context
        try:
            person = Person(name=name, role=role.strip(), created=context.now())
            context.journal.add_person(person)
        except ValidationError:  # pydantic's own words are English and technical
            self.notify(_("A name and a role have at most 80 characters each."), severity="error")
            return
        except CompanionError as error:
            self.notify(str(error).splitlines()[0], severity="error")
            return
        event.input.value = ""
        self.load_people(highlight=person.name)
        self.notify(_("Added {name}.").format(name=person.name), markup=False)
        self.query_one("#scripts", OptionList).focus()

    def action_new_person(self) -> None:
        self.query_one("#new-person", Input).focus()

    def action_history(self) -> None:
        if self.person is not None:
            self.post_message(Navigate(Destination.HISTORY, self.person.uid))

    def action_back(self) -> None:
        self.dismiss(None)
