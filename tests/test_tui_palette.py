"""The command palette: the theme chosen there is kept, and every command appears once."""

from __future__ import annotations

import orjson
import pytest
from textual.command import CommandList

from companion.context import Context
from companion.tui.app import CompanionApp

SIZE = (80, 24)


async def test_the_theme_chosen_in_the_palette_is_saved_and_applied_at_the_next_start(
    make_app, context: Context, clock
) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"theme")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"nord", "enter")
        await pilot.pause()
        assert app.theme == "nord"

    saved = orjson.loads(context.home.settings.read_bytes())
    assert saved["theme"] == "nord"

    again = CompanionApp(Context(context.home, clock=clock))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_a_theme_that_no_longer_exists_is_ignored(make_app, context: Context) -> None:
    context.home.settings.write_text('{"theme": "gone-theme"}', encoding="utf-8")
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"


@pytest.mark.parametrize("keys", [[], ["j"]], ids=["home", "journal"])
async def test_the_palette_lists_each_command_once_and_the_library_everywhere(
    make_app, keys: list[str]
) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*keys, "ctrl+p")
        await pilot.pause()
        commands = app.screen.query_one(CommandList)
        prompts = [commands.get_option_at_index(i).prompt for i in range(commands.option_count)]
        titles = [str(prompt).split("\n")[0] for prompt in prompts]
        assert "Library" in titles
        assert len(titles) == len(set(titles)), titles
