"""The learner environment (``requirements/learner.txt`` and ``environment.yml``) agrees with the build.

A reader who downloads an example installs ``learner.txt`` (pip) or ``environment.yml``
(conda), both published on the setup page. They must give the versions the pages were
built with, which ``requirements/site.txt`` pins, on every platform a reader may have,
and must cover every package the examples import. No site build needed.
"""

from __future__ import annotations

import ast
import sys
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import example_sources

ROOT = Path(__file__).resolve().parents[1]
LEARNER = ROOT / "requirements" / "learner.txt"
CONDA = ROOT / "requirements" / "environment.yml"
SITE = ROOT / "requirements" / "site.txt"
# Tools for the learner that the build does not install, so site.txt cannot pin them.
UNPINNED = {"jupyterlab"}
TENSORFLOW = {"tensorflow", "tensorflow-cpu"}


def platform(sys_platform: str, machine: str, python: str = "3.11") -> dict[str, str]:
    environment = default_environment()
    environment.update(sys_platform=sys_platform, platform_machine=machine, python_version=python,
                       python_full_version=f"{python}.0", platform_system={"linux": "Linux", "darwin": "Darwin",
                                                                           "win32": "Windows"}[sys_platform])
    return environment


BUILD_PLATFORM = platform("linux", "x86_64")
READER_PLATFORMS = {
    "Linux x86_64": BUILD_PLATFORM,
    "Linux aarch64": platform("linux", "aarch64"),
    "macOS arm64": platform("darwin", "arm64"),
    "macOS x86_64": platform("darwin", "x86_64"),
    "Windows": platform("win32", "AMD64"),
}


def requirement_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def learner() -> list[Requirement]:
    return [Requirement(line) for line in requirement_lines(LEARNER.read_text())]


def site_pins() -> dict[str, str]:
    pins = {}
    for line in requirement_lines(SITE.read_text()):
        name, version = line.split("==")
        pins[canonicalize_name(name)] = version
    return pins


def pinned_version(requirement: Requirement) -> str | None:
    specifiers = list(requirement.specifier)
    if len(specifiers) == 1 and specifiers[0].operator == "==":
        return specifiers[0].version
    return None


def test_every_learner_requirement_is_pinned_as_in_the_site_build():
    pins = site_pins()
    for requirement in learner():
        name = canonicalize_name(requirement.name)
        if name in UNPINNED:
            assert not requirement.specifier, f"{name} is not installed by the build: leave it unpinned"
            continue
        version = pinned_version(requirement)
        assert version, f"{requirement}: pin an exact version (==), as site.txt does"
        # tensorflow (macOS, Windows, ARM) is the same release as the build's tensorflow-cpu.
        expected = pins.get(name) or (pins["tensorflow-cpu"] if name == "tensorflow" else None)
        assert expected, f"{name} is not in requirements/site.txt"
        assert version == expected, f"{name}: learner.txt pins {version}, site.txt {expected}"


def test_learner_file_resolves_against_the_pins_on_the_build_platform():
    pins = site_pins()
    selected = [r for r in learner() if r.marker is None or r.marker.evaluate(BUILD_PLATFORM)]
    unresolved = [str(r) for r in selected
                  if canonicalize_name(r.name) not in UNPINNED
                  and not r.specifier.contains(pins.get(canonicalize_name(r.name), "0"), prereleases=True)]
    assert not unresolved, f"not satisfied by requirements/site.txt: {unresolved}"


@pytest.mark.parametrize("name", READER_PLATFORMS)
def test_each_platform_gets_exactly_one_tensorflow(name):
    environment = READER_PLATFORMS[name]
    selected = [canonicalize_name(r.name) for r in learner() if r.marker is None or r.marker.evaluate(environment)]
    assert len([n for n in selected if n in TENSORFLOW]) == 1, (name, selected)
    if name != "Linux x86_64":  # tensorflow-cpu publishes Linux x86_64 wheels only
        assert "tensorflow-cpu" not in selected, name


def test_conda_environment_installs_the_learner_file():
    environment = yaml.safe_load(CONDA.read_text())
    pip_sections = [d["pip"] for d in environment["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert len(pip_sections) == 1, "one pip section"
    assert [str(Requirement(line)) for line in pip_sections[0]] == [str(r) for r in learner()]
    conda_packages = [d for d in environment["dependencies"] if isinstance(d, str)]
    python = next(p for p in conda_packages if p.startswith("python"))
    assert python.split("=")[-1] == "3.11", "the Python of the build"
    assert "pip" in conda_packages


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module.split(".")[0])
    return modules


def test_learner_file_covers_every_import_of_the_examples():
    listed = {canonicalize_name(r.name) for r in learner()}
    # Distributions a listed one requires are installed with it (threadpoolctl with scikit-learn).
    installed_with = set(listed)
    for name in listed - UNPINNED - {"tensorflow"}:
        for dependency in requires(name) or []:
            requirement = Requirement(dependency)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                installed_with.add(canonicalize_name(requirement.name))
    distributions = packages_distributions()
    local = {p.stem for p in (ROOT / "examples").rglob("*.py")}
    missing = set()
    for example in example_sources():
        for module in imported_modules(example) - set(sys.stdlib_module_names) - local:
            names = {canonicalize_name(d) for d in distributions.get(module, [module])}
            if not names & installed_with:
                missing.add(f"{example.name}: {module}")
    assert not missing, f"imports not installed by requirements/learner.txt: {sorted(missing)}"


def test_setup_page_offers_both_files_for_download():
    setup = (ROOT / "doc" / "setup.rst").read_text()
    for path in ("../requirements/learner.txt", "../requirements/environment.yml"):
        assert f"<{path}>`" in setup and ":download:`" in setup, f"doc/setup.rst must offer {path} with :download:"
    assert "requirements/site.txt" not in setup.split(".. _setup-build:")[0].split(".. _setup-local:")[1], (
        "the learner section must not send readers to the build's pins")
