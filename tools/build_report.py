"""Where the time of a CI run goes: a breakdown, in seconds, from the records the run leaves.

    python -m tools.build_report                       # the last run, from _build/
    python -m tools.build_report --save ../runs/1      # keep the last run's records
    python -m tools.build_report --runs ../runs/1 ../runs/2 ../runs/3   # a column a run, their median

A run's records, all in its build folder (``_build/``), each written by the run itself:

* ``reports/tox-result.json``: tox's journal (``--result-json``, which ``tools/run_tox.py``
  passes): each environment's setup (virtualenv, pip installs) and each of its commands;
* ``reports/build-phases.json``: the build's phases, from ``tools/build_site.py``
  (provisioning, the whole sphinx-build) and ``doc/sphinxext/build_phases.py`` (Sphinx's
  start-up, reading, writing, and each handler of the events the heavy work happens in:
  sphinx-gallery running the examples, the JupyterLite build, the slide decks...);
* ``sphinx-gallery/junit-results.xml``: sphinx-gallery's time for each example;
* ``reports/pytest-junit.xml``: pytest's JUnit report (``--junitxml``, which the ``tests``
  environment passes): each test module's time, and the site build's in the ``site`` fixture.

The sections nest: tox's tests command holds the pytest session, whose site fixture holds
the build, whose sphinx-gallery handler holds the examples. Each record is that of the
last command that wrote it. This tool only reads and prints: a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD_DIR = ROOT / "_build"
PHASES = Path("reports", "build-phases.json")  # relative to the build folder
# The testsuite properties the ``site`` fixture records (tests/conftest.py): the build's
# wall time and the test whose setup ran it, whose module's time includes it.
SITE_BUILD_SECONDS = "site_build_seconds"
SITE_BUILD_TEST = "site_build_test"


class ReportError(Exception):
    """A record that cannot be read; the message names the file and what writes it."""


# -- the build's phase record, written during the build --------------------------------

def reset_phases(build_dir: Path) -> None:
    """Start the build's phase record afresh (a build calls this before its first phase)."""
    (build_dir / PHASES).unlink(missing_ok=True)


def record_phases(build_dir: Path, phases: dict[str, float]) -> None:
    """Add phases' wall times, in seconds, to the build's record, after those already there."""
    path = build_dir / PHASES
    record = json.loads(path.read_text()) if path.is_file() else {}
    record.update({name: round(seconds, 3) for name, seconds in phases.items()})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1) + "\n")


@contextmanager
def timed_phase(build_dir: Path, name: str) -> Iterator[None]:
    """Record the wall time of the block as the phase ``name``."""
    start = time.perf_counter()
    try:
        yield
    finally:
        record_phases(build_dir, {name: time.perf_counter() - start})


# -- reading a run's records -------------------------------------------------------------

def command_label(command: list[str]) -> str:
    """A command as one short line without the folders of absolute paths, which differ
    between clones: ``/x/.tox/tests/bin/python -m pytest --junitxml=/x/_build/j.xml``
    is ``python -m pytest --junitxml=j.xml``."""
    text = re.sub(r"(?<![^\s=])/\S*/", "", " ".join(command))
    return text if len(text) <= 60 else text[:59] + "…"


def read_tox(path: Path) -> dict[str, float]:
    """Each environment's setup (all but its commands: virtualenv, installs), the installs
    and other setup commands in it, each command, and the environment's total."""
    journal = json.loads(path.read_text())
    rows = {}
    for env, record in journal.get("testenvs", {}).items():
        if "result" not in record:  # a packaging environment, timed within the one it serves
            continue
        commands = record.get("test", [])
        duration = float(record["result"]["duration"])
        rows[f"{env}: setup (virtualenv, installs)"] = duration - sum(float(c["elapsed"]) for c in commands)
        for step in record.get("setup", []):
            rows[f"{env}:   of which {step['run_id']}: {command_label(step['command'])}"] = float(step["elapsed"])
        for command in commands:
            rows[f"{env} {command['run_id']}: {command_label(command['command'])}"] = float(command["elapsed"])
        rows[f"{env}: total"] = duration
    rows["all environments"] = sum(v for k, v in rows.items() if k.endswith(": total"))
    return rows


def read_phases(path: Path) -> dict[str, float]:
    return {name: float(seconds) for name, seconds in json.loads(path.read_text()).items()}


def read_examples(path: Path) -> dict[str, float]:
    """Each example (``<gallery>/<name>``) as sphinx-gallery timed it, each gallery's total
    and the total of all."""
    rows, galleries = {}, {}
    for case in ET.parse(path).getroot().iter("testcase"):
        gallery = Path(case.get("file", "")).parent.name
        seconds = float(case.get("time"))
        rows[f"{gallery}/{case.get('classname')}" if gallery else case.get("classname")] = seconds
        galleries[gallery] = galleries.get(gallery, 0.0) + seconds
    rows.update({f"{gallery or 'examples'}: total": seconds for gallery, seconds in galleries.items()})
    rows["all examples"] = sum(galleries.values())
    return rows


def module_of(classname: str) -> str:
    """The test file of a JUnit classname: ``tests.test_x.TestY`` is ``tests/test_x.py``."""
    parts = classname.split(".")
    while len(parts) > 1 and parts[-1][:1].isupper():
        parts.pop()
    return "/".join(parts) + ".py"


def read_tests(path: Path) -> dict[str, float]:
    """The site build (the ``site`` fixture), each test module's time less that build, and
    the whole session."""
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    properties = {p.get("name"): p.get("value") for s in suites for p in s.findall("properties/property")}
    modules = {}
    for case in root.iter("testcase"):
        module = module_of(case.get("classname", ""))
        modules[module] = modules.get(module, 0.0) + float(case.get("time", 0))
    rows = {}
    if SITE_BUILD_SECONDS in properties:
        build = float(properties[SITE_BUILD_SECONDS])
        rows["site build (the site fixture)"] = build
        module = properties.get(SITE_BUILD_TEST, "").split("::")[0]
        if module in modules:
            modules[module] -= build
    rows.update(modules)
    rows["all tests (the pytest session)"] = sum(float(s.get("time", 0)) for s in suites)
    return rows


@dataclass(frozen=True)
class Record:
    title: str
    path: Path  # relative to the build folder
    made_by: str  # the command that writes it
    read: Callable[[Path], dict[str, float]]

    def missing(self, path: Path) -> str:
        return f"missing {path}: it is written by {self.made_by}"


RECORDS = (
    Record("tox: each environment's setup and commands", Path("reports", "tox-result.json"),
           "python3 tools/run_tox.py -e tests,browser-versions (tools/run_tox.py passes --result-json)",
           read_tox),
    Record("build phases", PHASES,
           "a build: python3 tools/run_tox.py -e docs, or -e tests (tools/build_site.py)", read_phases),
    Record("examples (sphinx-gallery)", Path("sphinx-gallery", "junit-results.xml"),
           "a build that runs the examples: python3 tools/run_tox.py -e docs, or -e tests", read_examples),
    Record("tests: each module, less the site build", Path("reports", "pytest-junit.xml"),
           "python3 tools/run_tox.py -e tests (tox.ini passes --junitxml)", read_tests),
)


def read_run(run_dir: Path) -> tuple[dict[str, dict[str, float]], list[str]]:
    """The rows of each record of one run, by record title, and one message for each
    record that is missing or cannot be read."""
    sections, problems = {}, []
    for record in RECORDS:
        path = run_dir / record.path
        if not path.is_file():
            problems.append(record.missing(path))
            continue
        try:
            sections[record.title] = record.read(path)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, ET.ParseError) as error:
            problems.append(f"cannot read {path} ({type(error).__name__}: {error}): it is written by "
                            f"{record.made_by}")
    return sections, problems


# -- the table ------------------------------------------------------------------------------

def is_total(label: str) -> bool:
    return label.startswith("all ") or label.endswith(": total")


def table(names: list[str], runs: list[dict[str, dict[str, float]]], min_seconds: float = 0.0) -> str:
    """One line a row, a column a run and, with several runs, their median. Rows shorter
    than ``min_seconds`` in every run are left out (totals are always shown)."""
    columns = [*names, "median"] if len(runs) > 1 else names
    rows, hidden = [], 0
    for record in RECORDS:
        labels = list(dict.fromkeys(label for run in runs for label in run.get(record.title, {})))
        if not labels:
            continue
        rows.append((f"{record.title} ({record.path.as_posix()})", None))
        for label in labels:
            values = [run.get(record.title, {}).get(label) for run in runs]
            present = [v for v in values if v is not None]
            if all(v < min_seconds for v in present) and not is_total(label):
                hidden += 1
                continue
            if len(runs) > 1:
                values.append(statistics.median(present))
            rows.append((f"  {label}", values))
    width = max((len(label) for label, values in rows if values is not None), default=10)
    cell = max(9, *(len(c) + 1 for c in columns))
    lines = ["seconds".ljust(width) + "".join(c.rjust(cell) for c in columns)]
    for label, values in rows:
        if values is None:
            lines.append(label)
        else:
            lines.append(label.ljust(width) + "".join(
                ("-" if v is None else f"{v:.1f}").rjust(cell) for v in values))
    if hidden:
        lines.append(f"({hidden} rows under {min_seconds:g} s in every run not shown; --min-seconds 0 shows them)")
    return "\n".join(lines)


def save(build_dir: Path, target: Path) -> list[str]:
    """Copy the records of the last run into ``target``, as ``--runs`` reads them; the
    messages for those that are missing."""
    problems = []
    for record in RECORDS:
        source = build_dir / record.path
        if not source.is_file():
            problems.append(record.missing(source))
            continue
        (target / record.path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / record.path)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", nargs="+", type=Path, metavar="DIR",
                        help="build folders of runs, or copies made with --save (default: _build)")
    parser.add_argument("--save", type=Path, metavar="DIR", help="copy the last run's records into DIR")
    parser.add_argument("--min-seconds", type=float, default=0.1,
                        help="leave out rows shorter than this in every run (default: 0.1)")
    args = parser.parse_args(argv)
    if args.save:
        problems = save(BUILD_DIR, args.save)
        if len(problems) < len(RECORDS):
            print(f"saved the last run's records in {args.save}")
    else:
        runs_dirs = args.runs or [BUILD_DIR]
        runs, problems = [], []
        for run_dir in runs_dirs:
            sections, missing = read_run(run_dir)
            runs.append(sections)
            problems += missing
        names = [f"run {i}" for i in range(1, len(runs) + 1)]
        print("\n".join(f"{name}: {d}" for name, d in zip(names, runs_dirs)), end="\n\n")
        print(table(names, runs, args.min_seconds))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
