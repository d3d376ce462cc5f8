"""Home's lines about the shared spaces, from each space's facts (`facts.json`, written by
every sync and write): what came in, what waits, when the last sync failed. Nothing here runs
git or reads a repository, so home's start-up does not grow with a space's history."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from companion.i18n import _, format_date, ngettext
from companion.spaces.facts import SpaceInfo
from companion.tui.text import plain


def space_text(infos: list[SpaceInfo], syncing: bool, today: date) -> Text:
    """One block of lines for every space, and the keys that open or sync them."""
    text = plain(_("Shared") + "\n", "bold")
    for info in infos:
        for line, style in _lines(info, today):
            text.append(plain(line + "\n", style))
    if syncing:
        text.append(plain("⟳ " + _("Syncing…"), "italic"))
    else:
        text.append(plain(_("t: see what is shared · s: sync now"), "dim"))
    return text


def _lines(info: SpaceInfo, today: date) -> list[tuple[str, str]]:
    facts, name = info.facts, info.partner
    lines: list[tuple[str, str]] = []
    if facts.incoming:
        text = ngettext("{count} new from {name}", "{count} new from {name}", facts.incoming)
        lines.append((text.format(count=facts.incoming, name=name), "bold green"))
    if info.side == "rep":
        if facts.open_actions:
            text = ngettext(
                "Agreed with {name}: {count} open action",
                "Agreed with {name}: {count} open actions",
                facts.open_actions,
            )
            lines.append((text.format(name=name, count=facts.open_actions), ""))
        if facts.latest_summary:
            held = date.fromisoformat(facts.latest_summary)
            day = format_date(held, today=today)
            lines.append((_("Summary of your 1:1 on {day}").format(day=day), ""))
        if facts.recognitions:
            text = ngettext(
                "{count} recognition from {name}",
                "{count} recognitions from {name}",
                facts.recognitions,
            )
            lines.append((text.format(count=facts.recognitions, name=name), ""))
        if facts.agenda:
            text = ngettext(
                "{count} item on the agenda of your next 1:1",
                "{count} items on the agenda of your next 1:1",
                facts.agenda,
            )
            lines.append((text.format(count=facts.agenda), "dim"))
    else:
        if facts.agenda:
            text = ngettext(
                "{name} shared {count} item for your next 1:1",
                "{name} shared {count} items for your next 1:1",
                facts.agenda,
            )
            lines.append((text.format(name=name, count=facts.agenda), ""))
        if facts.open_actions:
            text = ngettext(
                "{count} open action with {name}",
                "{count} open actions with {name}",
                facts.open_actions,
            )
            lines.append((text.format(count=facts.open_actions, name=name), ""))
    if facts.outgoing:
        text = ngettext(
            "{count} item waits to go to {name}",
            "{count} items wait to go to {name}",
            facts.outgoing,
        )
        lines.append((text.format(count=facts.outgoing, name=name), "dim"))
    if facts.last_error:
        line = _("⚠ The last sync with {name} failed: press s to try again")
        lines.append((line.format(name=name), "yellow"))
    if not lines:
        lines.append((_("Nothing new with {name}").format(name=name), "dim"))
    return lines
