"""Compare each example's execution time and peak memory with the galleries' budgets.

    python3 -m tools.example_budgets            # after a full build (tox -e docs or tests)

sphinx-gallery records, for every example it ran, the wall time and the peak
resident memory (``show_memory``, see ``doc/sphinxext/peak_memory.py``) in
``doc/<gallery>/<example>.cost.json``. This benchmark reads those records, prints
one table per gallery and exits non-zero when a budget is exceeded. It is not a
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
    each_s: float
    gallery_s: float
    median_s: float | None = None
    memory_mib: float = 4096.0


# The budgets the galleries' issues name, on this project's 2-core build machine.
BUDGETS = {
    "prerequisites": Budget(each_s=20, gallery_s=120),
    "classic_ml": Budget(each_s=60, gallery_s=360, median_s=15),
    "deep_learning": Budget(each_s=90, gallery_s=480),
}


@dataclass(frozen=True)
class Cost:
    example: str
    time_s: float
    memory_mib: float


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
    problems = [f"{c.example}: {c.time_s:.1f} s > {budget.each_s:g} s" for c in costs if c.time_s > budget.each_s]
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
             + f", memory <= {budget.memory_mib:g} MiB)"]
    lines += [f"  {c.example:<40} {c.time_s:7.1f} s {c.memory_mib:8.0f} MiB" for c in costs]
    if costs:
        times = [c.time_s for c in costs]
        lines.append(f"  {'total':<40} {sum(times):7.1f} s   (median {statistics.median(times):.1f} s, "
                     f"slowest {max(costs, key=lambda c: c.time_s).example})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source-dir", type=Path, default=GALLERY_SOURCES,
                        help="folder holding the generated gallery folders (default: doc/)")
    args = parser.parse_args(argv)
    problems = []
    for gallery, budget in BUDGETS.items():
        costs = read_costs(args.source_dir / gallery)
        if not costs:
            problems.append(f"{gallery}: no cost records in {args.source_dir / gallery}; build the site first")
            continue
        print(report(gallery, costs, budget), end="\n\n")
        problems += [f"{gallery}: {problem}" for problem in over_budget(costs, budget)]
    for problem in problems:
        print(f"OVER BUDGET  {problem}", file=sys.stderr)
    if not problems:
        print("every example and gallery is within its budget")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
