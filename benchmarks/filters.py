"""The `filter.*` rows: filtering the journal view (by word, tag, date) on 10,000 entries.

The figure is what the journal view does on each key press in its filter: parse the query and
keep the matching rows of the index, its words searched on disk (the cached index, as the view
has it once the journal was read). The floor is the least any filter could do: one plain
substring test per entry, every entry's words in memory. The target is absolute (20 ms), so
the row bounds the difference.
"""

from __future__ import annotations

from datetime import date

from benchmarks.figures import Setup
from benchmarks.measure import interleaved, timed
from benchmarks.report import Row, Spec
from companion.flows.journal_query import parse_query
from companion.storage.journal import Journal

QUERIES = {
    "filter.words": "acme renewal",
    "filter.tag": "#win",
    "filter.dates": "since:2026-01-01 until:2026-03-31",
}
TODAY = date(2026, 11, 23)


def _filter(journal: Journal, text: str) -> int:
    return len(journal.rows(parse_query(text, TODAY)))


def filter_rows(setup: Setup) -> list[Row]:
    home = setup.journal_home("filter-10k", 10_000)
    journal = Journal.open(home / "journal", cache=home / "cache")
    journal.rows()  # reads the journal and caches what is derived per month
    texts = [
        line.decode()
        for path in sorted(journal.derived.folder.glob("*.txt"))
        for line in path.read_bytes().split(b"\n")[1:]
    ]
    results = []
    for key, text in QUERIES.items():
        spec = Spec(
            key,
            f"filter 10k rows: {text}",
            "one substring test per row",
            0.020,
            compare="difference",
        )
        samples, floor = interleaved(
            setup.repeat_in_process,
            lambda text=text: timed(lambda: _filter(journal, text)),
            lambda: timed(lambda: [t for t in texts if "acme" in t]),
        )
        results.append(spec.row(samples, floor))
    return results
