"""Which stored records fail their model: what doctor, recovery and backups check.

Slow on a big journal (every entry goes through pydantic), so it is only used to diagnose and
repair, never on the way to a screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from companion.storage.durable import Tables, is_doc_id, odd_key_problem
from companion.storage.journal import ENTRIES, invalid_record

SMALL_TABLES = ("people", "actions", "one_on_ones")


def validators() -> dict[str, Callable[[bytes], Any]]:
    """How each table's records are validated (the models are imported only when needed)."""
    from companion.models.coaching import Action, OneOnOne, Person
    from companion.models.journal import entry_adapter

    return {
        ENTRIES: entry_adapter.validate_json,
        "people": Person.model_validate_json,
        "actions": Action.model_validate_json,
        "one_on_ones": OneOnOne.model_validate_json,
    }


def invalid_records(
    tables: Tables, names: Iterable[str] | None = None
) -> tuple[dict[str, list[str]], list[str]]:
    """Every record (of the tables `names`, else of all) that fails its model:
    {table: [doc ids]}, and one line per problem."""
    from pydantic import ValidationError

    invalid: dict[str, list[str]] = {}
    problems: list[str] = []
    chosen = validators()
    for table in chosen if names is None else names:
        validate = chosen[table]
        if table not in tables:
            continue
        for doc_id, raw in tables.records(table, check_keys=False).items():
            if not is_doc_id(doc_id):
                invalid.setdefault(table, []).append(doc_id)
                problems.append(odd_key_problem(table, doc_id))
                continue
            try:
                validate(bytes(memoryview(raw)))
            except ValidationError as error:
                invalid.setdefault(table, []).append(doc_id)
                problems.append(invalid_record(table, doc_id, error))
    return invalid, problems
