"""Run every browser example under the library versions the browser has.

The pages are executed with the build's libraries (``requirements/site.txt``), but the
JupyterLite button runs the same code in Pyodide, on the versions its lock file lists
(summarised in ``doc/sphinxext/pyodide_packages.json``), plus what the notebook's install
cell installs. Pyodide itself cannot run here, so this command reproduces its versions
in CPython and runs each browser example as a plain script on the build's data::

    python -m tools.browser_versions install   # pin this environment to the browser's versions
    python -m tools.browser_versions run       # run every browser example; fail on errors or warnings
    python -m tools.browser_versions show      # print the versions, and where they differ from the build

The tox environment ``browser-versions`` runs ``install`` then ``run``. The versions are
derived, never kept by hand: the packages the browser examples import, mapped to Pyodide's
packages and their dependencies in the lock, each at the lock's version (or, where no
release of it installs on this interpreter, the nearest one that does, printed as such);
the packages Pyodide lacks at the build's version, as the install cell pins them. When the
lock or the examples' imports change, ``install`` installs the new set by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "doc" / "sphinxext"))

import lite_notebooks  # noqa: E402

EXAMPLES = ROOT / "examples"
SITE_PINS = ROOT / "requirements" / "site.txt"
# What the browser-versions environment needs besides the examples' libraries: its own
# test of this module runs there too, at the build's pytest.
TOOL_REQUIREMENTS = ("pytest",)
STAMP_NAME = "browser-versions.json"
# An example that cannot work with the browser's versions says so in its source with this
# sphinx-gallery file setting; its page and notebook then say it does not run in the browser.
INCOMPATIBLE_SETTING = "browser_incompatible"


@dataclass(frozen=True)
class Pin:
    name: str
    wanted: str  # the version the browser has (Pyodide's lock) or installs (the build's pin)
    used: str  # what this environment installs: ``wanted``, or the nearest installable release
    source: str  # "pyodide", "install cell" or "test" (this module's own test)

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.used}"

    def describe(self) -> str:
        where = {"pyodide": "Pyodide's lock", "install cell": "the notebooks' install cell",
                 "test": "the build's, for this module's test"}[self.source]
        if self.used == self.wanted:
            return f"{self.name} {self.used} ({where})"
        return (f"{self.name} {self.used}: the NEAREST RELEASE to {self.wanted} ({where}), "
                f"which does not install on CPython {python_version()}")


def python_version() -> str:
    return ".".join(map(str, sys.version_info[:2]))


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def build_pins(text: str | None = None) -> dict[str, str]:
    """``requirements/site.txt`` as {normalized name: version}."""
    text = SITE_PINS.read_text() if text is None else text
    pins = {}
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[normalize(name.split("[")[0])] = version.strip()
    return pins


def modules_of_file(path: Path) -> set[str]:
    return lite_notebooks.modules_imported_by(path.read_text())


def incompatibility(path: Path) -> str | None:
    """The reason an example gives for not running with the browser's versions, if any."""
    return lite_notebooks.browser_incompatibility(path.read_text())


def browser_examples(examples: Path = EXAMPLES) -> list[Path]:
    """The examples whose notebook runs in the browser: no TensorFlow, not marked incompatible."""
    return [
        path for path in sorted(examples.glob("*/plot_*.py"))
        if not modules_of_file(path) & lite_notebooks.NOT_IN_BROWSER and incompatibility(path) is None
    ]


def pyodide_closure(modules: set[str], summary: dict) -> dict[str, str]:
    """Pyodide's packages that importing ``modules`` loads, with their dependencies: {name: version}."""
    packages = summary["packages"]
    by_import = {module: name for name, info in packages.items() for module in info["imports"]}
    todo = [by_import[module] for module in sorted(modules) if module in by_import]
    closure = {}
    while todo:
        name = todo.pop()
        if name in closure:
            continue
        closure[name] = packages[name]["version"]
        todo.extend(packages[name].get("depends", []))
    return closure


def install_cell_packages(modules: set[str], summary: dict, pins: dict[str, str]) -> dict[str, str]:
    """What the notebooks' install cell installs for ``modules``: the build's pinned versions."""
    importable = {module for info in summary["packages"].values() for module in info["imports"]}
    needed = {}
    for module in sorted(modules):
        if module in sys.stdlib_module_names or module in importable:
            continue
        name = normalize(module)
        if name not in pins:
            raise SystemExit(
                f"An example imports {module!r}, which Pyodide does not ship and which is not pinned "
                f"under that name in {SITE_PINS.relative_to(ROOT)}: add its distribution there."
            )
        needed[name] = pins[name]
    return needed


def nearest_release(wanted: str, available: list[str]) -> str | None:
    """``wanted`` if available, else the newest older release, else the oldest newer one."""
    try:
        from packaging.version import Version
    except ImportError:  # a fresh environment has only pip, which vendors packaging
        from pip._vendor.packaging.version import Version

    if wanted in available:
        return wanted
    target = Version(wanted)
    older = [v for v in available if Version(v) < target]
    newer = [v for v in available if Version(v) > target]
    if older:
        return max(older, key=Version)
    return min(newer, key=Version) if newer else None


def available_releases(name: str) -> list[str]:
    """Releases of ``name`` that pip can install on this interpreter (from the package index)."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "index", "versions", name, "--disable-pip-version-check"],
        capture_output=True, text=True,
    )
    match = re.search(r"^Available versions: (.+)$", result.stdout, re.MULTILINE)
    return [v.strip() for v in match.group(1).split(",")] if match else []


def resolve(wanted: dict[str, tuple[str, str]], releases=available_releases) -> list[Pin]:
    """Pins for {name: (version, source)}; a version with no installable release falls back."""
    pins = []
    for name, (version, source) in sorted(wanted.items()):
        available = releases(name)
        used = nearest_release(version, available) if available else None
        if used is None:
            print(f"  {name} {version} ({source}): not on the package index for CPython "
                  f"{python_version()} (a browser-only package); left out")
            continue
        pins.append(Pin(name, version, used, source))
    return pins


def wanted_versions(examples: list[Path], summary: dict, pins: dict[str, str]) -> dict[str, tuple[str, str]]:
    modules = set().union(*(modules_of_file(path) for path in examples))
    wanted = {normalize(n): (v, "pyodide") for n, v in pyodide_closure(modules, summary).items()}
    for name, version in install_cell_packages(modules, summary, pins).items():
        wanted[name] = (version, "install cell")
    for name in TOOL_REQUIREMENTS:
        wanted.setdefault(name, (pins[name], "test"))
    return wanted


def stamp_path() -> Path:
    return Path(sys.prefix) / STAMP_NAME


def install(examples: list[Path] | None = None) -> list[Pin]:
    """Install the browser's versions into this environment (nothing if they already are)."""
    examples = browser_examples() if examples is None else examples
    summary = lite_notebooks.pyodide_packages()
    wanted = wanted_versions(examples, summary, build_pins())
    key = {"pyodide": summary["pyodide_version"], "wanted": sorted(wanted.items())}
    stamp = stamp_path()
    if stamp.is_file():
        recorded = json.loads(stamp.read_text())
        if recorded["key"] == json.loads(json.dumps(key)):
            pins = [Pin(**pin) for pin in recorded["pins"]]
            print(f"browser versions (Pyodide {summary['pyodide_version']}) already installed:")
            print_pins(pins)
            return pins
    print(f"resolving the browser's versions (Pyodide {summary['pyodide_version']}) "
          f"for {len(examples)} browser examples ...", flush=True)
    pins = resolve(wanted)
    print_pins(pins)
    pip_install(pins)
    # The install cell's packages bring dependencies of their own; where Pyodide ships one,
    # the browser loads Pyodide's version, so pin it here too.
    for _ in range(3):
        extra = {name: (summary["packages"][name]["version"], "pyodide")
                 for name in lock_packages_installed_at_other_versions(summary, pins)}
        if not extra:
            break
        added = resolve(extra)
        print_pins(added)
        pins = sorted(pins + added, key=lambda pin: pin.name)
        pip_install(pins)
    stamp.write_text(json.dumps({"key": key, "pins": [asdict(pin) for pin in pins]}, indent=1))
    return pins


def pip_install(pins: list[Pin]) -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    *(pin.requirement for pin in pins)], check=True)


def lock_packages_installed_at_other_versions(summary: dict, pins: list[Pin]) -> list[str]:
    """Lock packages installed here, not pinned yet, at a version other than the lock's."""
    listed = subprocess.run([sys.executable, "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
                            capture_output=True, text=True, check=True)
    installed = {normalize(item["name"]): item["version"] for item in json.loads(listed.stdout)}
    lock = {normalize(name): name for name in summary["packages"]}
    pinned = {normalize(pin.name) for pin in pins}
    return sorted(
        lock[name] for name, version in installed.items()
        if name in lock and name not in pinned and name not in ("pip", "setuptools")
        and version != summary["packages"][lock[name]]["version"]
    )


def print_pins(pins: list[Pin]) -> None:
    for pin in pins:
        print("  " + pin.describe())


def installed_pins() -> list[Pin]:
    stamp = stamp_path()
    if not stamp.is_file():
        raise SystemExit("The browser's versions are not installed here: run "
                         "`python -m tools.browser_versions install` first (tox -e browser-versions does).")
    return [Pin(**pin) for pin in json.loads(stamp.read_text())["pins"]]


def version_differences(path: Path, pins: list[Pin], build: dict[str, str], summary: dict) -> list[str]:
    """The libraries an example uses whose version here differs from the build's."""
    modules = modules_of_file(path)
    used = set(pyodide_closure(modules, summary)) | {normalize(m) for m in modules}
    return [
        f"{pin.name} {pin.used} here, {build[pin.name]} in the build"
        for pin in pins
        if normalize(pin.name) in {normalize(u) for u in used}
        and pin.name in build and build[pin.name] != pin.used
    ]


# -- Running one example -------------------------------------------------------------
RUNNER = """\
import runpy, sys, warnings
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
plt.show = lambda *args, **kwargs: None  # a notebook shows figures inline; a script here has no screen
shown = []
def record(message, category, filename, lineno, file=None, line=None):
    shown.append(f"{filename}:{lineno}: {category.__name__}: {message}")
warnings.showwarning = record
runpy.run_path(sys.argv[1], run_name="__main__")
if shown:
    sys.stderr.write("WARNINGS a reader would see:\\n" + "\\n".join(shown) + "\\n")
    sys.exit(3)
"""


@dataclass
class Outcome:
    path: Path
    returncode: int
    seconds: float
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_example(path: Path, env: dict[str, str]) -> Outcome:
    """Run one example as a plain script from its folder, as a reader's notebook would."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", RUNNER, str(path)], cwd=path.parent, env=env,
                            capture_output=True, text=True)
    return Outcome(path, result.returncode, time.perf_counter() - start, result.stdout + result.stderr)


def example_environment() -> dict[str, str]:
    from tools.data import default_data_dir, sklearn_data_home

    env = dict(os.environ)
    env.update({
        "NILEARN_DATA": str(default_data_dir()),
        "SCIKIT_LEARN_DATA": str(sklearn_data_home()),
        "MPLBACKEND": "Agg",
        "PYTHONHASHSEED": "0",
    })
    env.pop("NILEARN_SHARED_DATA", None)  # the build's data directory only, as in conf.py
    return env


def failure_report(outcome: Outcome, pins: list[Pin], build: dict[str, str], summary: dict) -> str:
    tail = "\n".join(outcome.output.strip().splitlines()[-15:])
    differences = version_differences(outcome.path, pins, build, summary)
    lines = [
        f"FAILED {display(outcome.path)} under the browser's versions (Pyodide {summary['pyodide_version']}):",
        "    " + tail.replace("\n", "\n    "),
        "  versions that differ from the build for what it uses: "
        + ("; ".join(differences) if differences else "none"),
        "  Make the example work with both versions, or mark it with "
        f"`# sphinx_gallery_{INCOMPATIBLE_SETTING} = \"<reason>\"` so that its page and notebook "
        "say it does not run in the browser.",
    ]
    return "\n".join(lines)


def display(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def run(examples: list[Path] | None = None, jobs: int = 2) -> int:
    examples = browser_examples() if examples is None else examples
    pins = installed_pins()
    summary = lite_notebooks.pyodide_packages()
    build = build_pins()
    env = example_environment()
    count = f"{len(examples)} browser example" + ("" if len(examples) == 1 else "s")
    print(f"running {count} under Pyodide {summary['pyodide_version']}'s versions",
          flush=True)
    failures = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for outcome in pool.map(lambda path: run_example(path, env), examples):
            print(f"  {'ok    ' if outcome.ok else 'FAILED'} {outcome.seconds:6.1f} s  {display(outcome.path)}",
                  flush=True)
            if not outcome.ok:
                failures.append(outcome)
    for outcome in failures:
        print("\n" + failure_report(outcome, pins, build, summary))
    print(f"\n{len(examples) - len(failures)} of {count} ran cleanly under the browser's versions")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["install", "run", "show"])
    parser.add_argument("examples", nargs="*", type=Path, help="example files (default: every browser example)")
    parser.add_argument("--jobs", type=int, default=2, help="examples run at once (default 2, one per core)")
    args = parser.parse_args(argv)
    examples = [path.resolve() for path in args.examples] or None
    if args.command == "install":
        install(examples)
        return 0
    if args.command == "show":
        pins = installed_pins()
        build = build_pins()
        print_pins(pins)
        for pin in pins:
            if pin.name in build and build[pin.name] != pin.used:
                print(f"  differs from the build: {pin.name} {pin.used} here, {build[pin.name]} in the build")
        return 0
    return run(examples, jobs=args.jobs)


if __name__ == "__main__":
    sys.exit(main())
