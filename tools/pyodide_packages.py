"""Record which packages (and versions) the browser's Pyodide runtime ships.

The JupyterLite kernel loads one Pyodide release; its lock file lists the
packages importable there without installation (NumPy, scikit-learn, ...) and
their versions. Browser notebooks must only ``%pip install`` what is missing, in
versions whose requirements those packages satisfy. This command reads the lock
file from the ``pyodide`` package on the npm registry for the Pyodide version the
installed ``jupyterlite-pyodide-kernel`` uses, and writes a small summary that
the build and the tests read offline::

    python -m tools.pyodide_packages     # needs npm and the npm registry

Rerun it whenever ``jupyterlite-pyodide-kernel`` is upgraded (a test fails until then).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

SUMMARY = Path(__file__).resolve().parents[1] / "doc" / "sphinxext" / "pyodide_packages.json"


def kernel_pyodide_version() -> str:
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    return PYODIDE_VERSION


def summarize_lock(lock: dict, pyodide_version: str) -> dict:
    packages = {
        name: {
            "version": info["version"],
            "imports": sorted(info.get("imports", [])),
            # What loading the package loads with it: the browser-versions environment
            # pins these too (tools.browser_versions).
            "depends": sorted(info.get("depends", [])),
        }
        for name, info in sorted(lock["packages"].items())
    }
    return {
        "pyodide_version": pyodide_version,
        "python": lock["info"]["python"],
        "packages": packages,
    }


def fetch_lock(pyodide_version: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", f"pyodide@{pyodide_version}", "--silent"],
            cwd=tmp, check=True, stdout=subprocess.DEVNULL,
        )
        (tarball,) = Path(tmp).glob("pyodide-*.tgz")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile("package/pyodide-lock.json")
            return json.load(member)


def main() -> int:
    version = kernel_pyodide_version()
    summary = summarize_lock(fetch_lock(version), version)
    SUMMARY.write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n")
    print(f"wrote {SUMMARY} (Pyodide {version}, {len(summary['packages'])} packages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
