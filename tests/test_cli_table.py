"""The table of commands: every entry names a handler that exists, and the arguments reach
the handler of the command (or sub-command) they name."""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import pytest

from companion.cli import PROGRAM, Command, build_parser, chosen, handler


def every_command(
    command: Command = PROGRAM, path: str = "companion"
) -> Iterator[tuple[str, Command]]:
    yield path, command
    for name, sub in command.commands.items():
        yield from every_command(sub, f"{path} {name}")


COMMANDS = dict(every_command())


@pytest.mark.parametrize("path", [p for p, c in COMMANDS.items() if c.run])
def test_every_handler_exists_and_takes_context_args_and_out(path: str) -> None:
    run = handler(COMMANDS[path])

    assert list(inspect.signature(run).parameters) == ["context", "args", "out"]


def test_a_command_without_a_handler_needs_a_sub_command() -> None:
    assert [p for p, c in COMMANDS.items() if not c.run and not c.commands] == []


@pytest.mark.parametrize(
    ("argv", "path"),
    [
        ([], "companion"),
        (["log", "hi"], "companion log"),
        (["people"], "companion people"),
        (["people", "add", "Sam"], "companion people add"),
        (["pack", "validate", "x"], "companion pack validate"),
    ],
)
def test_the_arguments_choose_the_command_they_name(argv: list[str], path: str) -> None:
    assert chosen(build_parser().parse_args(argv)) is COMMANDS[path]
