"""The screen base class and the registry of destinations keep their promises: a key without
an id, or a screen that composes its own bars, is refused when the class is made; every
destination opens a Companion screen; every screen and dialog is built on the base."""

from __future__ import annotations

import inspect
import pkgutil
from importlib import import_module

import pytest
from textual.binding import Binding
from textual.screen import Screen

import companion.tui.screens
from companion.tui.destinations import Destination
from companion.tui.screens.base import Companion, CompanionDialog, CompanionScreen


def test_a_binding_without_an_id_is_refused_when_the_class_is_made() -> None:
    with pytest.raises(TypeError, match=r"Forgetful: the binding of 'x' needs an id="):

        class Forgetful(CompanionScreen[None]):
            BINDINGS = [Binding("x", "something", "Something")]


def test_a_binding_written_as_a_tuple_is_refused_too() -> None:
    with pytest.raises(TypeError, match="needs an id="):

        class Terse(CompanionDialog[None]):
            BINDINGS = [("x", "something", "Something")]


def test_a_screen_composing_its_own_bars_is_refused() -> None:
    with pytest.raises(TypeError, match=r"compose_body\(\)"):

        class Composer(CompanionScreen[None]):
            def compose(self):  # type: ignore[no-untyped-def, override]
                yield from ()


def test_a_screen_with_ids_on_its_keys_is_made() -> None:
    class Fine(CompanionScreen[None]):
        HELP = "What it is for."
        BINDINGS = [Binding("x", "something", "Something", id="fine.something")]

    assert Fine.HELP == "What it is for."


@pytest.mark.parametrize("destination", list(Destination), ids=lambda d: d.name)
def test_every_destination_is_a_companion_screen(destination: Destination) -> None:
    assert issubclass(destination.screen, CompanionScreen)


@pytest.mark.parametrize("name", ["reflect", "journal", "one-on-one", "library", "recovery"])
def test_the_names_home_uses_are_destinations(name: str) -> None:
    assert Destination.named(name).name == name.upper().replace("-", "_")


def _screen_classes() -> list[type[Screen[object]]]:
    found = []
    for module in pkgutil.iter_modules(companion.tui.screens.__path__):
        loaded = import_module(f"companion.tui.screens.{module.name}")
        for _, value in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(value, Screen) and value.__module__ == loaded.__name__:
                found.append(value)
    return found


def test_every_screen_and_dialog_is_built_on_the_base() -> None:
    screens = _screen_classes()

    assert len(screens) >= 12  # the check sees the screens at all
    assert [s.__name__ for s in screens if not issubclass(s, Companion)] == []
