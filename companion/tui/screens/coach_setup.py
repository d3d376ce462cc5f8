"""Before a 1:1: pick the person (or add one) and the script.

The script defaults to the one last used with that person; people with an unfinished 1:1
are marked, and picking them resumes it. The path is Enter, Enter: Enter on a person moves to
the scripts, Enter on a script starts. Scripts in the content language come first, the others
under a heading.
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

from companion.errors import CompanionError, CorruptJournal, UnknownPerson
from companion.flows.one_on_one import last_script
from companion.i18n import N_, _
from companion.models.coaching import OneOnOne, Person
from companion.models.content import Script
from companion.tui.destinations import Destination
from companion.tui.messages import JournalDamaged, Navigate
from companion.tui.screens.base import CompanionScreen, context_of
from companion.tui.screens.one_on_one import OneOnOneScreen, StartOneOnOne, load_draft
from companion.tui.text import plain

if TYPE_CHECKING:
    from textual.app import App

DEFAULT_SCRIPT = "weekly-1on1"  # the id: the one in the content language comes first
ADD_HINT = N_("Someone new? Type a name (a role after a comma if you like); Enter adds them.")
OTHER_LANGUAGES = N_("Other languages")


class ShownList(OptionList):
    """A list that keeps its highlighted option in view when its size changes (the script's
    description below it takes rows once shown; the terminal is resized)."""

    def on_resize(self) -> None:
        self.call_after_refresh(self.scroll_to_highlight)


class PeopleList(ShownList):
    """The people; Down on the last one goes on to the box that adds someone new."""

    def action_cursor_down(self) -> None:
        if self.option_count and self.highlighted == self.option_count - 1:
            self.screen.query_one("#new-person", Input).focus()
        else:
            super().action_cursor_down()


class NewPersonInput(Input):
    """The box that adds a person: Up goes back to the people, Down on to the scripts."""

    BINDINGS = [
        Binding("up", "screen.focus_people", show=False),
        Binding("down", "screen.focus_scripts", show=False),
    ]


class CoachSetupScreen(CompanionScreen[StartOneOnOne | None]):
    SUB_TITLE = N_("1:1")
    CSS_PATH = "coach_setup.tcss"
    HELP = N_(
        "To start: pick the person with the arrow keys and press Enter, then pick the "
        "conversation script and press Enter; the 1:1 begins. The script last used with that "
        "person is chosen for you. To add someone new, type their name in the box under the "
        "list (a role after a comma if you like) and press Enter: they are added and chosen, "
        "and you move on to the scripts. Up in that box goes back to the list; Ctrl+N goes "
        "to it from anywhere. Scripts in your content language come first, the others under "
        "'Other languages'. A person marked 'draft' has an unfinished 1:1 that opens where you "
        "left it; h shows a person's past 1:1s."
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

    def __init__(
        self,
        preselect: str | None = None,
        new_name: str | None = None,
        script: str | None = None,
    ) -> None:
        super().__init__()
        self.preselect = preselect  # a person's name or uid, highlighted at the start
        self.new_name = new_name  # someone not in the journal yet: in the add box, focused
        self.wanted_script = script  # an address, chosen for a person without a last script
        self.people: list[Person] = []
        self.records: list[OneOnOne] = []  # read once: moving through people must stay instant
        self.scripts: dict[str, Script] = {}  # by address, in the order listed

    @classmethod
    def open(cls, app: App[Any], subject: str | None = None, script: str | None = None) -> None:
        """The setup, with the person named `subject` chosen (a name nobody has is put in
        the add box). Straight into the 1:1 when the script is given too, or when that person
        has an unfinished one."""
        context = context_of(app)
        person: Person | None = None
        new_name: str | None = None
        wanted: Script | None = None
        try:
            if subject:
                try:
                    person = context.journal.find_person(subject)
                except UnknownPerson:
                    new_name = " ".join(subject.split())
            if script:
                wanted = context.library.find(script, Script)
            draft = load_draft(context, person.uid) if person is not None else None
        except CorruptJournal:
            Destination.RECOVERY.open(app)
            return
        except CompanionError as error:  # several people match, or no such script
            app.notify(str(error), severity="error", timeout=10)
            draft = None
        if person is not None:
            drafted = context.library.get(draft.script) if draft is not None else None
            chosen = wanted or (drafted if isinstance(drafted, Script) else None)
            if chosen is not None:  # the draft, if there is one, wins: see OneOnOneScreen.start
                OneOnOneScreen.start(app, StartOneOnOne(person, chosen))
                return
        setup = cls(
            preselect=person.uid if person else None,
            new_name=new_name,
            script=wanted.address if wanted else None,
        )
        app.push_screen(setup, partial(OneOnOneScreen.start, app))

    def compose_body(self) -> ComposeResult:
        with Vertical(id="setup"):
            with Horizontal(id="panes"):
                with Vertical(id="people-pane"):
                    yield Label(plain(_("1. Who is it with?"), "bold"), classes="step")
                    yield PeopleList(id="people")
                    yield NewPersonInput(placeholder=_("name, Enter adds them"), id="new-person")
                    yield Label(_(ADD_HINT), id="new-hint")
                with Vertical(id="scripts-pane"):
                    yield Label(plain(_("2. Which conversation?"), "bold"), classes="step")
                    yield ShownList(id="scripts")
                    yield Label(id="script-about")
            yield Label(
                _("Enter on a person goes to the scripts; Enter on a script starts the 1:1."),
                id="how",
            )

    def on_mount(self) -> None:
        context = self.context
        try:
            self.records = context.journal.one_on_ones()
            self.load_people()
        except CorruptJournal as error:
            self.post_message(JournalDamaged(error))
            self.dismiss(None)
            return
        self.load_scripts(context.language)
        people = self.query_one("#people", OptionList)
        box = self.query_one("#new-person", Input)
        if self.new_name:
            box.value = self.new_name
            hint = _("{name} is not in your people yet: Enter adds them.")
            self.query_one("#new-hint", Label).update(plain(hint.format(name=self.new_name)))
            box.focus()
        elif self.people:
            self._person_changed()
            if self.preselect:  # `coach --with NAME`: the person is chosen, Enter starts
                self.query_one("#scripts", OptionList).focus()
            else:
                people.focus()
        else:
            box.focus()
            self._highlight_script(self.wanted_script or self._default_script())

    def load_scripts(self, language: str) -> None:
        """The scripts in `language` first; the others after a heading."""
        found = self.context.library.of_kind(Script)
        ordered = sorted(found, key=lambda s: (s.language != language, s.pack, s.title))
        self.scripts = {script.address: script for script in ordered}
        options: list[Option] = []
        for script in ordered:
            if script.language != language and not any(o.disabled for o in options):
                options.append(Option(plain(_(OTHER_LANGUAGES), "italic"), disabled=True))
            planned = script.planned_minutes
            minutes = " · " + _("{minutes} min").format(minutes=planned) if planned else ""
            label = plain(script.title, "bold")
            label.append(plain(f"  {script.pack}{minutes}", "dim"))
            options.append(Option(label, id=script.address))
        self.query_one("#scripts", OptionList).set_options(options)

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
        index = next(
            (i for i, p in enumerate(self.people) if wanted in (p.name.casefold(), p.uid)), 0
        )
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
        last = last_script(self.records, person.uid)
        self._highlight_script(last or self.wanted_script or self._default_script())

    def _highlight_script(self, address: str) -> None:
        scripts = self.query_one("#scripts", OptionList)
        if not self.scripts:
            return
        if address not in self.scripts:
            address = next(iter(self.scripts))
        scripts.highlighted = scripts.get_option_index(address)

    def _default_script(self) -> str:
        """The weekly 1:1 in the content language (the scripts are sorted by it)."""
        found = (a for a in self.scripts if a.split("/")[-1] == DEFAULT_SCRIPT)
        return next(found, "")

    @on(OptionList.OptionHighlighted, "#scripts")
    def _script_changed(self, event: OptionList.OptionHighlighted) -> None:
        script = self.scripts.get(event.option.id or "")
        if script is not None:
            self.query_one("#script-about", Label).update(plain(script.description))

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
        script = self.scripts.get(event.option.id or "")
        if script is not None:
            self.dismiss(StartOneOnOne(person, script))

    @on(Input.Submitted, "#new-person")
    def _add_person(self, event: Input.Submitted) -> None:
        name, _comma, role = event.value.partition(",")
        if not name.strip():
            self.notify(_("Type a name first; Enter then adds them."), severity="warning")
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
        self.new_name = None
        self.query_one("#new-hint", Label).update(_(ADD_HINT))
        self.load_people(highlight=person.name)
        self.notify(_("Added {name}.").format(name=person.name), markup=False)
        self.query_one("#scripts", OptionList).focus()

    def action_new_person(self) -> None:
        self.query_one("#new-person", Input).focus()

    def action_focus_people(self) -> None:
        people = self.query_one("#people", OptionList)
        if people.option_count:
            people.focus()
        else:  # nobody above the box yet
            self.app.bell()

    def action_focus_scripts(self) -> None:
        self.query_one("#scripts", OptionList).focus()

    def action_history(self) -> None:
        if self.person is not None:
            self.post_message(Navigate(Destination.HISTORY, self.person.uid))

    def action_back(self) -> None:
        self.dismiss(None)
