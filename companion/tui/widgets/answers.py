"""One input widget per answer kind. Each tells its screen about changes with messages:
`AnswerChanged(value)` whenever the answer changes, `AnswerSubmitted()` when the user
presses Enter to move on; and each holds its answer as typed so far (`answer`), which the
screen reads before it leaves the step or saves."""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, OptionList, SelectionList, TextArea
from textual.widgets.option_list import Option, OptionDoesNotExist

from companion.flows.reflection import REVIEW_ID, REVIEW_LABELS, Step
from companion.i18n import N_, _
from companion.models.content import AnswerKind
from companion.models.journal import AnswerValue
from companion.tui.text import plain


class AnswerChanged(Message):
    """Carries its step's id, so a late message can never land on another step."""

    def __init__(self, step_id: str, value: AnswerValue) -> None:
        super().__init__()
        self.step_id = step_id
        self.value = value


class AnswerSubmitted(Message):
    """Enter on an answer: the user is done with this step."""


class Answering:
    """What every answer input has: its step's id, and the answer it holds right now."""

    step_id: str

    @property
    def answer(self) -> AnswerValue:
        raise NotImplementedError


class ScaleAnswer(Answering, Widget, can_focus=True):
    """A row of numbers; digits pick one, arrows move, Enter moves on."""

    BINDINGS = [
        Binding("left", "move(-1)", N_("Less"), show=False),
        Binding("right", "move(1)", N_("More"), show=False),
        Binding("enter", "submit", N_("Next"), show=False),
    ]
    DEFAULT_CSS = """
    ScaleAnswer { height: 3; width: auto; padding: 1 0 0 1; }
    """
    value: reactive[int | None] = reactive(None)

    def __init__(self, step: Step, value: int | None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.step_id = step.id
        self.low, self.high = step.scale_min, step.scale_max
        self.set_reactive(ScaleAnswer.value, value)

    @property
    def answer(self) -> AnswerValue:
        return self.value

    def render(self) -> Text:
        text = Text()
        for number in range(self.low, self.high + 1):
            chosen = number == self.value
            style = "bold reverse" if chosen else "dim" if self.value is not None else ""
            text.append(f" {number} ", style=style)
            text.append("  ")
        text.append("  " + _("type a number or use ← →"), style="italic dim")
        return text

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if character and character.isdigit() and self.low <= int(character) <= self.high:
            event.stop()
            self.choose(int(character))

    def choose(self, number: int) -> None:
        self.value = number
        self.post_message(AnswerChanged(self.step_id, number))

    def action_move(self, delta: int) -> None:
        start = self.value if self.value is not None else (self.low + self.high) // 2 - delta
        self.choose(min(self.high, max(self.low, start + delta)))

    def action_submit(self) -> None:
        self.post_message(AnswerSubmitted())


class ChoiceAnswer(Answering, OptionList):
    """Pick one option; Enter picks and moves on."""

    def __init__(self, step: Step, value: AnswerValue, **kwargs: object) -> None:
        labels = REVIEW_LABELS if step.id == REVIEW_ID else {}
        options = [Option(plain(_(labels[o]) if o in labels else o), id=o) for o in step.options]
        super().__init__(*options, **kwargs)  # type: ignore[arg-type]
        self.step_id = step.id
        self._chosen_id = value if isinstance(value, str) and value else None

    @property
    def answer(self) -> AnswerValue:
        return self._chosen_id  # picked with Enter; moving the highlight picks nothing

    def on_mount(self) -> None:
        if self._chosen_id is not None:
            self.highlighted = self.get_option_index(self._chosen_id)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._chosen_id = event.option.id
        self.post_message(AnswerChanged(self.step_id, event.option.id))
        self.post_message(AnswerSubmitted())


class MarkedSelectionList(SelectionList[str]):
    """A SelectionList whose ticked boxes carry a mark (✓) and unticked ones none, so the
    two differ without colour (a monochrome terminal, a colour-blind reader)."""

    TICKED, UNTICKED = "✓", " "

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        if len(segments) < 3:
            return line
        _, style, control = segments[1]
        mark = self.TICKED if selection.value in self._selected else self.UNTICKED
        segments[1] = Segment(mark, style, control)
        return Strip(segments, line.cell_length)


class TagsAnswer(Answering, Vertical):
    """Tick suggested tags with space, or type your own."""

    DEFAULT_CSS = """
    TagsAnswer { height: auto; }
    TagsAnswer SelectionList { height: auto; max-height: 9; }
    """

    def __init__(self, step: Step, value: AnswerValue, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.step_id = step.id
        self.options = step.options
        chosen = list(value) if isinstance(value, list) else []
        self._ticked = [tag for tag in chosen if tag in self.options]
        self._extra = [tag for tag in chosen if tag not in self.options]

    def compose(self) -> ComposeResult:
        if self.options:
            yield MarkedSelectionList(
                *((plain(o), o, o in self._ticked) for o in self.options), id="tag-options"
            )
        yield Input(
            value=" ".join(self._extra),
            placeholder=_("other tags, separated by spaces"),
            id="tag-extra",
        )

    def focus(self, scroll_visible: bool = True) -> TagsAnswer:
        """Focus the first input inside, rather than the container."""
        for child in self.query("SelectionList, Input").results():
            child.focus(scroll_visible)
            break
        return self

    @property
    def answer(self) -> AnswerValue:
        return self.current()

    def current(self) -> list[str]:
        ticked = list(self.query_one(SelectionList).selected) if self.options else []
        extra = self.query_one("#tag-extra", Input).value.replace(",", " ").split()
        return ticked + extra

    @on(SelectionList.SelectedChanged)
    @on(Input.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self.post_message(AnswerChanged(self.step_id, self.current()))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(AnswerSubmitted())


class TextAnswer(Answering, TextArea):
    """Free text over several lines; Enter is a new line (PgDn moves on)."""

    def __init__(self, step: Step, value: AnswerValue, **kwargs: object) -> None:
        self.step_id = step.id
        super().__init__(
            str(value or ""),
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            **kwargs,  # type: ignore[arg-type]
        )

    @property
    def answer(self) -> AnswerValue:
        return self.text

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(AnswerChanged(self.step_id, self.text))


class LineAnswer(Answering, Input):
    """One line (a commitment); Enter moves on."""

    def __init__(self, step: Step, value: AnswerValue, **kwargs: object) -> None:
        super().__init__(value=str(value or ""), placeholder=_("in your own words"), **kwargs)  # type: ignore[arg-type]
        self.step_id = step.id

    @property
    def answer(self) -> AnswerValue:
        return self.value

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(AnswerChanged(self.step_id, event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(AnswerSubmitted())


def answer_widget(step: Step, value: AnswerValue) -> Widget:
    """The input for a step, showing its current answer."""
    if step.kind is AnswerKind.SCALE:
        number = value if isinstance(value, int) else None
        return ScaleAnswer(step, number, classes="answer")
    if step.kind is AnswerKind.CHOICE:
        return ChoiceAnswer(step, value, classes="answer")
    if step.kind is AnswerKind.TAGS:
        return TagsAnswer(step, value, classes="answer")
    if step.kind is AnswerKind.COMMITMENT:
        return LineAnswer(step, value, classes="answer")
    return TextAnswer(step, value, classes="answer")
