"""Run tox without installing anything by hand first.

    python3 tools/run_tox.py -e docs     # build the site
    python3 tools/run_tox.py -e tests    # build the site and run the tests

On first use this creates ``.tox-bootstrap/``, a private virtual environment with the
tox version pinned in ``requirements/tox.txt``, then hands all arguments to it. It needs
only Python 3.11+ with ``venv`` and ``pip`` (on Debian/Ubuntu: ``apt install python3-venv``).
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


def main() -> int:
    python = ensure_tox()
    return subprocess.call([str(python), "-m", "tox", *sys.argv[1:]], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
