"""The settings screen: each choice saved at once, and the language switched live."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Select

from companion import i18n
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.settings import SettingsScreen
from tests.conftest import visible_text

SIZE = (80, 24)


def saved(context: Context) -> dict[str, object]:
    return json.loads(context.home.settings.read_text())


async def choose(pilot, app: CompanionApp, key: str, value: str) -> None:
    """Pick `value` in the setting `key`, as a person does with the keyboard's result."""
    app.screen.query_one(f"#{key}", Select).value = value
    await pilot.pause()


async def open_settings(pilot, app: CompanionApp) -> SettingsScreen:
    await pilot.press("comma")
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


async def test_comma_on_home_opens_the_settings_and_esc_goes_back(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot, app)
        assert app.focused is app.screen.query_one("#language", Select)  # Enter opens it
        text = visible_text(app)
        for label in ("Language", "Content language", "Theme", "Reflection", "Who you are"):
            assert label in text
        assert "Weekly look back on" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_settings_are_in_the_palette_of_home(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Settings" in titles


async def test_choosing_dutch_saves_it_and_speaks_dutch_at_once(make_app, context) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot, app)
        await choose(pilot, app, "language", "nl")

        assert saved(context)["language"] == "nl"
        assert i18n.active_language() == "nl"
        text = visible_text(app)
        assert "Instellingen" in text and "Taal van de inhoud" in text
        assert "Taal: Nederlands. Opgeslagen." in [n.message for n in app._notifications]

        await pilot.press("escape")
        await pilot.pause()
        home = visible_text(app)
        assert "Begin" in home and "Vandaag" in home and "Dagboek" in home
        assert "Kaart van de dag" in home  # the content follows: the Dutch pack's card
        assert "Today" not in home


async def test_a_content_language_apart_from_the_interface(make_app, context) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot, app)
        await choose(pilot, app, "content_language", "nl")

        assert saved(context)["content_language"] == "nl"
        assert context.language == "nl" and i18n.active_language() == "en"
        await pilot.press("escape")
        await pilot.pause()
        assert "Today" in visible_text(app)  # the interface stays English
        assert context.library.reflection().pack == "essentials-nl"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("role", "manager"),
        ("look_back_day", "monday"),
        ("reflection", "essentials/weekly-look-back"),
    ],
)
async def test_each_choice_is_saved_with_a_word_of_feedback(
    make_app, context, key: str, value: str
) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot, app)
        await choose(pilot, app, key, value)

        assert saved(context)[key] == value
        assert any("Saved." in n.message for n in app._notifications)


async def test_a_theme_chosen_here_is_applied_and_kept(make_app, context) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot, app)
        await choose(pilot, app, "theme", "nord")

        assert app.theme == "nord"
        assert saved(context)["theme"] == "nord"


async def test_the_weekdays_start_on_monday_in_dutch(make_app, context) -> None:
    context.settings.language = "nl"
    context.save_settings()
    i18n.set_language("nl")
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot, app)
        days = app.screen.query_one("#look_back_day", Select)
        shown = [str(prompt) for prompt, _value in days._options]
        assert shown[:2] == ["maandag", "dinsdag"]


async def test_home_shows_the_date_of_the_last_commitment_once_dates_are_warm(
    make_app, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame does not wait for Babel: the date follows from a thread."""
    from tests.test_tui_reflection import previous_reflection

    context.journal.add(previous_reflection("Book two demos"))
    monkeypatch.setattr(i18n, "_dates_ready", set())
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Last commitment (Sun 22 Nov):" in visible_text(app)
