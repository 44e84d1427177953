"""Run tox without installing anything by hand first.

    python3 tools/run_tox.py -e docs     # build the site
    python3 tools/run_tox.py -e tests    # build the site and run the tests

On first use this creates ``.tox-bootstrap/``, a private virtual environment with the
tox version pinned in ``requirements/tox.txt``, then hands all arguments to it. It needs
only Python 3.11+ with ``venv`` and ``pip`` (on Debian/Ubuntu: ``apt install python3-venv``).
A run of environments also keeps tox's journal of it (each environment's setup and
commands, timed) in ``_build/reports/tox-result.json``, for ``python -m tools.build_report``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOTSTRAP = ROOT / ".tox-bootstrap"
PINS = ROOT / "requirements" / "tox.txt"
RESULT_JSON = ROOT / "_build" / "reports" / "tox-result.json"


def bootstrap_python() -> Path:
    return BOOTSTRAP / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_tox() -> Path:
    python = bootstrap_python()
    stamp = BOOTSTRAP / "installed-pins.txt"
    if python.exists() and stamp.is_file() and stamp.read_text() == PINS.read_text():
        return python
    if sys.version_info < (3, 11):  # noqa: UP036 (this script may run on any Python)
        sys.exit(f"Python 3.11 or newer is needed, this is {sys.version.split()[0]}.")
    print(f"Creating {BOOTSTRAP.name}/ with {PINS.read_text().strip()} ...", flush=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(BOOTSTRAP)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r", str(PINS)], check=True)
    stamp.write_text(PINS.read_text())
    return python


def tox_arguments(argv: list[str]) -> list[str]:
    """``argv``, and where it runs environments in tox's default form (``-e ...``, no
    subcommand) and asks for no journal of its own nor ``--no-capture`` (which excludes one),
    ``--result-json``: tox's journal of the run, for ``python -m tools.build_report``."""
    options = argv[: argv.index("--")] if "--" in argv else argv
    if options and not options[0].startswith("-"):  # a subcommand: list, config, ...
        return argv
    if any(a in ("-i", "--no-capture") or a.startswith("--result-json") for a in options):
        return argv
    return ["--result-json", str(RESULT_JSON), *argv]


def main() -> int:
    python = ensure_tox()
    return subprocess.call([str(python), "-m", "tox", *tox_arguments(sys.argv[1:])], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
