"""Build the whole site: provision the data, run every example, build the lite site.

    python -m tools.build_site                 # full build into _build/html
    python -m tools.build_site --no-plot       # pages without running examples
    python -m tools.build_site --pattern keras # run only examples whose path matches

The tox environments and the test suite call this module, so there is one way to
build. Warnings are errors; a failing example fails the build and names the file.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from tools import build_report

ROOT = Path(__file__).resolve().parents[1]
HTML_DIR = ROOT / "_build" / "html"


def sphinx_command(*, out_dir: Path = HTML_DIR, plot: bool = True, pattern: str | None = None,
                   rerun: bool = False, project_root: Path = ROOT) -> list[str]:
    command = [
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html",
        "-c", str(project_root), "-d", str(out_dir.parent / "doctrees"),
        "--warning-file", str(out_dir.parent / "warnings.txt"),
        str(project_root / "doc"), str(out_dir),
    ]
    if not plot:
        command += ["-D", "sphinx_gallery_conf.plot_gallery=0"]
    if pattern:
        command += ["-D", f"sphinx_gallery_conf.filename_pattern={pattern}"]
    if rerun:  # also run examples whose source did not change since the last build
        command += ["-D", "sphinx_gallery_conf.run_stale_examples=1"]
    return command


def build(*, plot: bool = True, pattern: str | None = None, provision: bool = True, rerun: bool = False,
          project_root: Path = ROOT, out_dir: Path | None = None, capture: bool = False,
          ) -> subprocess.CompletedProcess:
    """Run the build; with ``capture`` the combined output is returned instead of printed."""
    out_dir = out_dir or project_root / "_build" / "html"
    # The wall time of each phase, for tools.build_report; Sphinx's own phases are added
    # by the build_phases extension.
    build_dir = out_dir.parent
    build_report.reset_phases(build_dir)
    if provision and plot:
        with build_report.timed_phase(build_dir, "provisioning (tools.provision_data)"):
            subprocess.run([sys.executable, "-m", "tools.provision_data"], cwd=project_root, check=True)
    kwargs = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True} if capture else {}
    with build_report.timed_phase(build_dir, "sphinx-build (the whole process)"):
        return subprocess.run(
            sphinx_command(out_dir=out_dir, plot=plot, pattern=pattern, rerun=rerun, project_root=project_root),
            cwd=project_root, **kwargs,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-plot", action="store_true", help="do not execute the examples")
    parser.add_argument("--pattern", help="run only the examples whose path matches this regex")
    parser.add_argument("--rerun", action="store_true", help="also run examples that did not change")
    args = parser.parse_args(argv)
    result = build(plot=not args.no_plot, pattern=args.pattern, rerun=args.rerun)
    if result.returncode == 0:
        print(f"\nSite built: {HTML_DIR / 'index.html'}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
