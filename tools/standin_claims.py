"""Do the ABIDE pages' claims hold on the stand-in?  Run each ABIDE example on it.

    python -m tools.standin_claims [--data-dir DIR] [--pattern TEXT]

A clone without the real copy builds its ABIDE pages from the stand-in
(:mod:`tools.data.abide_pcp`), and the pages' hidden claim assertions must hold
there too, or that build fails.  This tool writes the stand-in into ``--data-dir``
(default: a temporary folder; the project's data folder is never touched), then
runs every example that calls ``fetch_abide_pcp`` as a plain script, one process
each, with nilearn pointed at that folder, exactly as a reader running the
downloaded script would.  It prints one line per example (seconds, and, if one
failed, the ``# claim:`` comment of the assertion with its values) and exits 1
when any example fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@dataclass
class Outcome:
    example: Path
    seconds: float
    returncode: int
    last_error: str
    claim: str = ""  # the ``# claim:`` comment of the assertion that failed, if one did

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def abide_examples(pattern: str = "") -> list[Path]:
    return [
        path
        for path in sorted(EXAMPLES.glob("*/plot_*.py"))
        if "fetch_abide_pcp(" in path.read_text(encoding="utf-8") and pattern in str(path)
    ]


def last_error_line(stderr: str) -> str:
    """The exception line of a traceback, which for a failed claim holds its values."""
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    for line in reversed(lines):
        if not line.startswith(" ") and ("Error" in line or "Exception" in line):
            return line[:300]
    return lines[-1][:300] if lines else ""


def failed_claim(stderr: str, example: Path) -> str:
    """The ``# claim: "..."`` comment nearest above the example's line where the
    traceback ends: the sentence of the page that the data no longer supports."""
    marker = f'File "{example}", line '
    lines = [line for line in stderr.splitlines() if marker in line]
    if not lines:
        return ""
    number = int(lines[-1].split(marker, 1)[1].split(",", 1)[0])
    return claim_above(example.read_text(encoding="utf-8").splitlines(), number)


def claim_above(source_lines: list[str], number: int) -> str:
    """The ``# claim:`` comment nearest above line ``number`` (1-based) within its hidden block."""
    for line in reversed(source_lines[:number]):
        if line.strip().startswith("# claim:"):
            return line.strip().removeprefix("# claim:").strip()
        if line.strip() == "# sphinx_gallery_start_ignore":
            break
    return ""


def example_environment(data_dir: Path) -> dict[str, str]:
    """The environment of a reader's run of an example on the data folder ``data_dir`` only."""
    env = {**os.environ, "NILEARN_DATA": str(data_dir), "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0",
           "TF_CPP_MIN_LOG_LEVEL": "2"}
    env.pop("NILEARN_SHARED_DATA", None)  # only the data folder given, never a copy it would shadow
    return env


def run_example(example: Path, data_dir: Path) -> Outcome:
    env = example_environment(data_dir)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as work:
        done = subprocess.run([sys.executable, str(example)], cwd=work, env=env,
                              capture_output=True, text=True, check=False)
    if not done.returncode:
        return Outcome(example, time.perf_counter() - start, 0, "")
    return Outcome(example, time.perf_counter() - start, done.returncode,
                   last_error_line(done.stderr), failed_claim(done.stderr, example))


def provision_standin(data_dir: Path) -> None:
    env = {**os.environ, "NILEARN_SHARED_DATA": str(data_dir / "no-local-copy")}
    subprocess.run([sys.executable, "-m", "tools.provision_data", "--mode", "standin", "--dataset", "abide_pcp",
                    "--data-dir", str(data_dir)], cwd=ROOT, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="where to write the stand-in (default: a temporary folder)")
    parser.add_argument("--pattern", default="", help="only examples whose path contains this text")
    options = parser.parse_args(argv)
    examples = abide_examples(options.pattern)
    if not examples:
        print(f"no ABIDE example matches {options.pattern!r}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = options.data_dir or Path(scratch) / "nilearn_data"
        provision_standin(data_dir)
        outcomes = []
        for example in examples:
            outcome = run_example(example, data_dir)
            outcomes.append(outcome)
            status = "ok" if outcome.ok else f"FAILED: {outcome.last_error}"
            if outcome.claim:
                status = f"FAILED claim {outcome.claim}: {outcome.last_error}"
            print(f"{outcome.seconds:6.1f} s  {example.relative_to(EXAMPLES)}  {status}", flush=True)
    failed = [o for o in outcomes if not o.ok]
    print(f"{len(outcomes) - len(failed)} of {len(outcomes)} ABIDE examples run on the stand-in with their claims")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
