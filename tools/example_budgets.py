"""Compare each example's execution time and peak memory with the galleries' budgets.

    python3 -m tools.example_budgets            # after a full build (tox -e docs or tests)
    python3 -m tools.example_budgets --source-dir run1/doc --source-dir run2/doc --source-dir run3/doc

sphinx-gallery records, for every example it ran, the wall time and the peak
resident memory (``show_memory``, see ``doc/sphinxext/peak_memory.py``) in
``doc/<gallery>/<example>.cost.json``. This benchmark reads those records, prints
one table per gallery and exits non-zero when a budget is exceeded. Given the records
of several builds (each build overwrites them: copy ``doc/<gallery>/*.cost.json`` aside
between builds), it reports each example's median time over the builds, and checks the
typical-time budgets on that median and the hard per-run limit on the slowest run. It is not a
test: times depend on the machine, so the budgets below hold for the 2-core
build machine and are checked by running this after a build, not by pytest.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GALLERY_SOURCES = ROOT / "doc"


@dataclass(frozen=True)
class Budget:
    each_s: float  # hard limit: every run of every example
    gallery_s: float  # the sum of the examples' (median) times
    median_s: float | None = None  # the median over the gallery's examples
    typical_each_s: float | None = None  # every example's median time over the builds
    memory_mib: float = 4096.0


# The budgets the galleries' issues name, on this project's 2-core build machine.
BUDGETS = {
    "prerequisites": Budget(each_s=20, gallery_s=120),
    "classic_ml": Budget(each_s=60, gallery_s=360, median_s=15),
    "deep_learning": Budget(each_s=90, gallery_s=480, typical_each_s=60),
}


@dataclass(frozen=True)
class Cost:
    example: str
    time_s: float  # over several builds: the median
    memory_mib: float  # over several builds: the largest
    slowest_s: float | None = None  # over several builds: the slowest run
    builds: int = 1

    @property
    def slowest(self) -> float:
        return self.time_s if self.slowest_s is None else self.slowest_s


def median_costs(builds: list[list[Cost]]) -> list[Cost]:
    """One cost per example over several builds: median time, slowest run, largest memory."""
    by_example: dict[str, list[Cost]] = {}
    for costs in builds:
        for cost in costs:
            by_example.setdefault(cost.example, []).append(cost)
    return [Cost(example, statistics.median(c.time_s for c in runs), max(c.memory_mib for c in runs),
                 max(c.time_s for c in runs), len(runs))
            for example, runs in sorted(by_example.items())]


def read_costs(gallery_dir: Path) -> list[Cost]:
    costs = []
    for path in sorted(gallery_dir.glob("plot_*.cost.json")):
        try:
            record = json.loads(path.read_text())
            costs.append(Cost(path.name.removesuffix(".cost.json"), float(record["time"]),
                              float(record["memory"])))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}: not a sphinx-gallery cost record ({error}); rebuild the site") from error
    return costs


def over_budget(costs: list[Cost], budget: Budget) -> list[str]:
    """What exceeds the budget, one line each; empty when everything fits."""
    problems = [f"{c.example}: {c.slowest:.1f} s > {budget.each_s:g} s" for c in costs if c.slowest > budget.each_s]
    if budget.typical_each_s is not None:
        problems += [f"{c.example}: median {c.time_s:.1f} s over {c.builds} build(s) > {budget.typical_each_s:g} s"
                     for c in costs if c.time_s > budget.typical_each_s]
    problems += [f"{c.example}: {c.memory_mib:.0f} MiB > {budget.memory_mib:g} MiB"
                 for c in costs if c.memory_mib > budget.memory_mib]
    total = sum(c.time_s for c in costs)
    if total > budget.gallery_s:
        problems.append(f"gallery total {total:.1f} s > {budget.gallery_s:g} s")
    if budget.median_s is not None and costs:
        median = statistics.median(c.time_s for c in costs)
        if median > budget.median_s:
            problems.append(f"median {median:.1f} s > {budget.median_s:g} s")
    return problems


def report(gallery: str, costs: list[Cost], budget: Budget) -> str:
    lines = [f"{gallery}  (each <= {budget.each_s:g} s, gallery <= {budget.gallery_s:g} s"
             + (f", median <= {budget.median_s:g} s" if budget.median_s is not None else "")
             + (f", each example's median over builds <= {budget.typical_each_s:g} s"
                if budget.typical_each_s is not None else "")
             + f", memory <= {budget.memory_mib:g} MiB)"]
    lines += [f"  {c.example:<40} {c.time_s:7.1f} s {c.memory_mib:8.0f} MiB"
              + (f"   (median of {c.builds} builds, slowest {c.slowest:.1f} s)" if c.builds > 1 else "")
              for c in costs]
    if costs:
        times = [c.time_s for c in costs]
        lines.append(f"  {'total':<40} {sum(times):7.1f} s   (median {statistics.median(times):.1f} s, "
                     f"slowest {max(costs, key=lambda c: c.time_s).example})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source-dir", type=Path, action="append",
                        help="folder holding the generated gallery folders (default: doc/); "
                             "give it once per build to use the median over builds")
    args = parser.parse_args(argv)
    source_dirs = args.source_dir or [GALLERY_SOURCES]
    problems = []
    for gallery, budget in BUDGETS.items():
        builds = [read_costs(source_dir / gallery) for source_dir in source_dirs]
        missing = [source_dir / gallery for source_dir, costs in zip(source_dirs, builds) if not costs]
        if missing:
            problems += [f"{gallery}: no cost records in {folder}; build the site first" for folder in missing]
            continue
        costs = median_costs(builds)
        print(report(gallery, costs, budget), end="\n\n")
        problems += [f"{gallery}: {problem}" for problem in over_budget(costs, budget)]
    for problem in problems:
        print(f"OVER BUDGET  {problem}", file=sys.stderr)
    if not problems:
        print("every example and gallery is within its budget")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
