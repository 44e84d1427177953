"""Do the pages' claims hold at other seeds?  Run each ABIDE example with its seeds changed.

    python -m tools.claim_seeds [--seeds 1 2] [--pattern TEXT] [--data-dir DIR]

A claim asserted at the page's own split can still be an accident of that split: on a
few hundred participants, which fold a person lands in moves a score by several points.
This tool reruns every example that calls ``fetch_abide_pcp`` (or those whose path
contains ``--pattern``) as a plain script, once per seed, with each literal seed of the
page (``random_state=0``, ``default_rng(0)``, ``set_random_seed(0)``, ``seed=0``, ``SEED = 0``)
replaced by that seed.  Every ``assert`` is made soft, so one run lists *all* the
claims that do not hold, each named by its ``# claim:`` comment.  It prints one line per
run and one per failed claim, and exits 1 when any claim fails.

It reads the data nilearn finds (``--data-dir``, else ``NILEARN_DATA``, else the
project's ``_data/nilearn_data`` as provisioned by the build) and never writes to it.
A claim that fails here should be restated as what holds over splits (see
``doc/contributing.rst``, "Claims"), never rescued by choosing the page's seed.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.standin_claims import abide_examples, claim_above, example_environment

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "_data" / "nilearn_data"

SEED_PATTERNS = (
    (re.compile(r"\brandom_state=0\b"), "random_state={seed}"),
    (re.compile(r"\bdefault_rng\(0\)"), "default_rng({seed})"),
    (re.compile(r"\bset_random_seed\(0\)"), "set_random_seed({seed})"),
    (re.compile(r"\bseed=0\b"), "seed={seed}"),
    (re.compile(r"^SEED = 0$", re.MULTILINE), "SEED = {seed}"),  # a page's seed constant
)


def reseeded(source: str, seed: int) -> str:
    """The example's source with each of its literal seeds 0 replaced by ``seed``."""
    for pattern, replacement in SEED_PATTERNS:
        source = pattern.sub(replacement.format(seed=seed), source)
    return source


class _SoftAssertions(ast.NodeTransformer):
    """``assert test, values`` -> record (line, values) in ``__failed_claims__`` and go on."""

    def visit_Assert(self, node: ast.Assert) -> ast.Try:
        record = ast.parse(f"__failed_claims__.append(({node.lineno}, str(__failure__)[:300]))").body[0]
        handler = ast.ExceptHandler(type=ast.Name("AssertionError", ast.Load()), name="__failure__", body=[record])
        return ast.copy_location(ast.Try(body=[node], handlers=[handler], orelse=[], finalbody=[]), node)


@dataclass
class Run:
    example: str
    seed: int
    seconds: float = 0.0
    error: str = ""  # an exception other than a failed claim, which ended the run
    failed: list[tuple[int, str, str]] = field(default_factory=list)  # (line, claim, values)

    @property
    def ok(self) -> bool:
        return not self.error and not self.failed


def run_soft(example: Path, seed: int) -> Run:
    """Execute the reseeded example in this process with soft assertions."""
    source = reseeded(example.read_text(encoding="utf-8"), seed)
    tree = ast.fix_missing_locations(_SoftAssertions().visit(ast.parse(source)))
    namespace = {"__name__": "__main__", "__file__": str(example), "__failed_claims__": []}
    run = Run(str(example), seed)
    start = time.perf_counter()
    try:
        exec(compile(tree, str(example), "exec"), namespace)  # noqa: S102 - the project's own example
    except Exception as error:  # noqa: BLE001 - reported, not hidden
        run.error = f"{type(error).__name__}: {error}"[:300]
    run.seconds = time.perf_counter() - start
    lines = source.splitlines()
    run.failed = [(line, claim_above(lines, line) or f"line {line}", values)
                  for line, values in namespace["__failed_claims__"]]
    return run


def run_in_subprocess(example: Path, seed: int, data_dir: Path) -> Run:
    """One fresh interpreter per run, in an empty folder, as a reader would run the script."""
    env = example_environment(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    with tempfile.TemporaryDirectory() as work:
        report = Path(work) / "run.json"
        done = subprocess.run([sys.executable, "-m", "tools.claim_seeds", "--run-one", str(example), str(seed),
                               str(report)], cwd=work, env=env, capture_output=True, text=True, check=False)
        if not report.exists():
            tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
            return Run(str(example), seed, error=f"the run did not finish: {tail[0][:300]}")
        return Run(**json.loads(report.read_text(encoding="utf-8")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2], help="seeds to try (0: the page as is)")
    parser.add_argument("--pattern", default="", help="only examples whose path contains this text")
    parser.add_argument("--data-dir", type=Path, help="nilearn data folder to read (default: NILEARN_DATA, "
                                                      "else the project's _data/nilearn_data)")
    parser.add_argument("--run-one", nargs=3, metavar=("EXAMPLE", "SEED", "REPORT"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.run_one:
        example, seed, report = options.run_one
        Path(report).write_text(json.dumps(run_soft(Path(example), int(seed)).__dict__), encoding="utf-8")
        return 0
    data_dir = options.data_dir or Path(os.environ.get("NILEARN_DATA") or DEFAULT_DATA)
    if not (data_dir / "ABIDE_pcp").is_dir():
        print(f"no ABIDE_pcp in {data_dir}: provision the data first (python -m tools.provision_data) "
              "or pass --data-dir", file=sys.stderr)
        return 2
    examples = abide_examples(options.pattern)
    if not examples:
        print(f"no ABIDE example matches {options.pattern!r}", file=sys.stderr)
        return 2
    failing = 0
    for example in examples:
        for seed in options.seeds:
            run = run_in_subprocess(example, seed, data_dir)
            status = "ok" if run.ok else (run.error or f"{len(run.failed)} claim(s) failed")
            print(f"{run.seconds:6.1f} s  seed {seed}  {example.relative_to(ROOT / 'examples')}  {status}", flush=True)
            for line, claim, values in run.failed:
                print(f"           line {line}: {claim}\n             values: {' '.join(values.split())[:160]}")
            failing += not run.ok
    print(f"{failing} run(s) with a failed claim or an error, of {len(examples) * len(options.seeds)}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
