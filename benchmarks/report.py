"""One row of results per figure, whether it meets its target, and how rows are printed.

A row compares the median of a figure with the median of its floor (the least any program
doing the same job could need), measured in the same run. The target bounds their ratio, or
for a few rows their difference; `direction` says whether the bound is a ceiling or a floor.
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Literal

Direction = Literal["lower", "higher"]  # which side of the target is good
Compare = Literal["ratio", "difference"]  # what the target bounds
Unit = Literal["s", "KB"]

OK, FAIL, SKIPPED, ERROR = "ok", "FAIL", "skipped", "ERROR"


@dataclass(frozen=True)
class Row:
    key: str
    figure: str  # what the median measures
    median: float | None
    floor: str  # what the floor median measures
    floor_median: float | None
    ratio: float | None
    target: float
    direction: Direction = "lower"
    compare: Compare = "ratio"
    ratio_label: str = "ratio"  # how the compared value is named in the target column
    unit: Unit = "s"
    samples: list[float] = field(default_factory=list)
    floor_samples: list[float] = field(default_factory=list)
    skipped: str | None = None  # why the row was not measured
    error: str | None = None  # why measuring failed

    @property
    def difference(self) -> float | None:
        if self.median is None or self.floor_median is None:
            return None
        return self.median - self.floor_median

    @property
    def compared(self) -> float | None:
        """The value the target bounds."""
        return self.difference if self.compare == "difference" else self.ratio

    @property
    def ok(self) -> bool:
        value = self.compared
        if value is None or self.error:
            return False
        return value <= self.target if self.direction == "lower" else value >= self.target

    @property
    def status(self) -> str:
        if self.skipped:
            return f"{SKIPPED} ({self.skipped})"
        if self.error:
            return ERROR
        return OK if self.ok else FAIL

    def describe_target(self) -> str:
        if math.isnan(self.target):
            return "-"
        sign = "<=" if self.direction == "lower" else ">="
        if self.compare == "difference":
            return f"diff {sign} {format_amount(self.target, self.unit)}"
        return f"{self.ratio_label} {sign} {self.target:g}"

    def as_json(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "target": None if math.isnan(self.target) else self.target,  # JSON has no NaN
            "difference": self.difference,
            "ok": self.ok,
            "status": self.status,
        }


@dataclass(frozen=True)
class Spec:
    """What a row measures and the target it must meet, before it is measured."""

    key: str
    figure: str
    floor: str
    target: float
    direction: Direction = "lower"
    compare: Compare = "ratio"
    ratio_label: str = "ratio"
    unit: Unit = "s"
    inverse: bool = False  # ratio = floor / figure (how many times faster we are)

    def row(self, samples: Sequence[float], floor_samples: Sequence[float]) -> Row:
        """The row of these samples: their medians and the ratio of the medians."""
        median = median_or_none(samples)
        floor_median = median_or_none(floor_samples)
        top, bottom = (floor_median, median) if self.inverse else (median, floor_median)
        ratio = top / bottom if top is not None and bottom else None
        return Row(
            key=self.key,
            figure=self.figure,
            median=median,
            floor=self.floor,
            floor_median=floor_median,
            ratio=ratio,
            target=self.target,
            direction=self.direction,
            compare=self.compare,
            ratio_label=self.ratio_label,
            unit=self.unit,
            samples=list(samples),
            floor_samples=list(floor_samples),
        )

    def skipped_row(self, reason: str) -> Row:
        return replace(self.row([], []), skipped=reason)

    def error_row(self, message: str) -> Row:
        return replace(self.row([], []), error=message)


def median_or_none(samples: Sequence[float]) -> float | None:
    return statistics.median(samples) if samples else None


def format_amount(value: float | None, unit: Unit) -> str:
    if value is None:
        return "-"
    if unit == "KB":
        return f"{value / 1024:.1f} MB"
    if abs(value) < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.3f} s"


def format_compared(row: Row) -> str:
    if row.ratio is None:
        return "-"
    text = f"{row.ratio:.2f}"
    if row.compare == "difference" and row.difference is not None:
        sign = "+" if row.difference >= 0 else "-"
        text += f" ({sign}{format_amount(abs(row.difference), row.unit)})"
    return text


HEADINGS = ("figure", "measures", "median", "floor", "floor median", "ratio", "target", "result")


def table_cells(row: Row) -> tuple[str, ...]:
    return (
        row.key,
        row.figure,
        format_amount(row.median, row.unit),
        row.floor,
        format_amount(row.floor_median, row.unit),
        format_compared(row),
        row.describe_target(),
        row.status,
    )


def format_table(rows: Sequence[Row]) -> str:
    lines = [HEADINGS, *(table_cells(row) for row in rows)]
    widths = [max(len(line[column]) for line in lines) for column in range(len(HEADINGS))]
    numeric = {2, 4, 5}  # right-aligned columns

    def render(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if index in numeric else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([render(HEADINGS), rule, *(render(cells) for cells in lines[1:])])


# -- the machine ---------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or "unknown"
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip() == "model name":
            return value.strip()
    return platform.processor() or "unknown"


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine_facts() -> dict[str, str]:
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpus": str(os.cpu_count()),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "textual": package_version("textual"),
        "companion": package_version("companion-coach"),
        "platform": platform.platform(),
    }


def format_facts(facts: dict[str, str]) -> str:
    width = max(len(name) for name in facts)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in facts.items())


def write_json(
    path: Path, facts: dict[str, str], settings: dict[str, Any], rows: Sequence[Row]
) -> None:
    document = {
        "machine": facts,
        "settings": settings,
        "rows": [row.as_json() for row in rows],
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
