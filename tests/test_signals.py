"""A closed terminal (SIGHUP) or a `kill` (SIGTERM) loses nothing typed: the app writes
every open draft at once, without waiting for the pause in typing after which it writes
one anyway, then exits. The real program, in a pseudo-terminal."""

from __future__ import annotations

import signal
from datetime import UTC, datetime

from companion.context import Context
from companion.models.coaching import Person
from companion.models.drafts import OneOnOneDraft, ReflectionDraft
from companion.paths import Home
from companion.storage.drafts import DraftStore
from companion.storage.journal import Journal
from tests.terminal import Terminal


def test_a_closed_terminal_keeps_the_words_just_typed_in_a_reflection(
    home: Home, context: Context
) -> None:
    with Terminal(home.root, "reflect") as terminal:  # `context`: past the first-start question
        terminal.wait_for("Energy")
        terminal.type("4\r")
        terminal.wait_for("Confidence")
        terminal.type("3\r")
        terminal.wait_for("A win worth recognising")
        terminal.type("typed as the terminal closed")
        terminal.wait_for("typed as the terminal closed")

        assert terminal.signal(signal.SIGHUP) == 128 + signal.SIGHUP

        draft = DraftStore(home.drafts).load("reflection", ReflectionDraft)
        assert draft is not None
        assert draft.answers == {
            "energy": 4,
            "confidence": 3,
            "a-win-worth-recognising": "typed as the terminal closed",
        }


def test_sigterm_keeps_the_notes_just_typed_in_a_1on1(home: Home, context: Context) -> None:
    sam = Journal.open(home.journal).add_person(Person(name="Sam", created=datetime.now(UTC)))
    with Terminal(home.root, "coach", "--with", "Sam", "--script", "weekly-1on1") as terminal:
        terminal.wait_for("Check-in")
        terminal.type("\t")  # from the questions to the notes
        terminal.type("notes typed as the 1:1 was killed")
        terminal.wait_for("notes typed as the 1:1 was killed")

        assert terminal.signal(signal.SIGTERM) == 128 + signal.SIGTERM

        draft = DraftStore(home.drafts).load(f"one-on-one-{sam.uid}", OneOnOneDraft)
        assert draft is not None
        assert (
            draft.steps["check-in-and-today-s-agenda"].notes == "notes typed as the 1:1 was killed"
        )
