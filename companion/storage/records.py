"""What a readable record is: the one definition doctor, the views and every write share.

A stored record is readable when it validates against its model, and, since the models give
new records a uid and accept a number as a date, when it also carries its own uid and (for
an entry) its date as text. Anything else is named in one line and kept as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from companion.errors import validation_message
from companion.i18n import _

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from companion.models.journal import Entry

PEOPLE = "people"
ACTIONS = "actions"
ONE_ON_ONES = "one_on_ones"
ENTRIES = "entries"
META = "meta"


class Unreadable(ValueError):
    """A stored record that is not readable; `str()` names the record and what is wrong."""


def describe_validation_error(error: ValidationError) -> str:
    """The first problem of a pydantic error as 'field: message'."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "record"
    return f"{field}: {validation_message(first)}"


@cache
def _validators() -> dict[str, Callable[[Any], Any]]:
    """The models, imported when a record is first validated: pydantic and the models are
    the largest import of a start, and home's first frame validates nothing."""
    from companion.models.coaching import Action, OneOnOne, Person
    from companion.models.journal import entry_adapter

    return {
        ENTRIES: entry_adapter.validate_python,
        PEOPLE: Person.model_validate,
        ACTIONS: Action.model_validate,
        ONE_ON_ONES: OneOnOne.model_validate,
    }


def _problem(table: str, record: Any) -> str | None:
    """What keeps a record from validating before its model is asked."""
    if not isinstance(record, dict):
        return _("not an object")
    if not isinstance(record.get("uid"), str):
        return _("uid: missing") if "uid" not in record else _("uid: not text")
    if table == ENTRIES and not isinstance(record.get("created"), str):
        if "created" not in record:
            return _("created: missing")
        return _("created: not a date as text")
    return None


def readable(table: str, doc_id: object, record: Any) -> Any:
    """The record as its model, or Unreadable naming it."""
    from pydantic import ValidationError

    problem = _problem(table, record)
    if problem is None:
        try:
            return _validators()[table](dict(record))
        except ValidationError as error:
            problem = describe_validation_error(error)
    message = _("record {key} in '{table}' is invalid ({problem})")
    raise Unreadable(message.format(key=doc_id, table=table, problem=problem))


def read_entry(doc_id: object, record: Any) -> Entry:
    entry: Entry = readable(ENTRIES, doc_id, record)
    return entry


def stored(record: BaseModel) -> dict[str, Any]:
    """A model as it is stored."""
    return record.model_dump(mode="json")
