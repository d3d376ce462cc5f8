"""The benchmark's measuring: figure and floor take turns, and neither is always first."""

from __future__ import annotations

from benchmarks.measure import interleaved


def test_interleaved_alternates_the_order_and_keeps_each_measures_results() -> None:
    calls: list[str] = []

    def measure(name: str, value: float):  # type: ignore[no-untyped-def]
        def run() -> float:
            calls.append(name)
            return value

        return run

    figure, floor = interleaved(3, measure("figure", 1.0), measure("floor", 2.0), warmup=1)
    assert calls == ["figure", "floor", "figure", "floor", "floor", "figure", "figure", "floor"]
    assert figure == [1.0, 1.0, 1.0] and floor == [2.0, 2.0, 2.0]
