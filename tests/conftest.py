"""Shared fixtures: one real build of the whole site per test session."""

from __future__ import annotations

import os
import runpy
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "doc" / "sphinxext"), str(ROOT)]

from tools import build_report, build_site  # noqa: E402

HTML = ROOT / "_build" / "html"
# The environment the test run started with: the build provisions from it (NILEARN_SHARED_DATA).
STARTING_ENVIRONMENT = dict(os.environ)
GALLERIES = ("prerequisites", "classic_ml", "deep_learning")


def pytest_addoption(parser):
    parser.addoption(
        "--reuse-build", action="store_true",
        help="test the existing _build/html instead of building the site first (local iteration only)",
    )


def read_conf() -> dict:
    """conf.py's settings, read without letting it change this process's environment:
    conf.py points NILEARN_DATA at the build's data and drops NILEARN_SHARED_DATA, which
    would make the session's build provision stand-ins instead of the local copy."""
    saved = dict(os.environ)
    try:
        return runpy.run_path(str(ROOT / "conf.py"))
    finally:
        os.environ.clear()
        os.environ.update(saved)


class Build:
    def __init__(self, returncode: int, log: str):
        self.returncode = returncode
        self.log = log
        self.html = HTML


@pytest.fixture(scope="session")
def site(request, record_testsuite_property) -> Build:
    """The site, built once per session exactly as the README's build command does."""
    log_path = ROOT / "_build" / "build.log"
    if request.config.getoption("--reuse-build") and (HTML / "index.html").is_file():
        return Build(0, log_path.read_text() if log_path.is_file() else "")
    start = time.perf_counter()
    result = build_site.build(capture=True, rerun=True)
    # For tools.build_report: the build's time, and the test whose setup ran it (its module's
    # time in the JUnit report includes the build).
    record_testsuite_property(build_report.SITE_BUILD_SECONDS, f"{time.perf_counter() - start:.3f}")
    record_testsuite_property(build_report.SITE_BUILD_TEST, os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0])
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_path.write_text(result.stdout)
    if result.returncode != 0:
        pytest.fail(f"site build failed (exit {result.returncode}); end of log:\n{result.stdout[-6000:]}")
    return Build(result.returncode, result.stdout)


def example_sources() -> list[Path]:
    return sorted(p for g in GALLERIES for p in (ROOT / "examples" / g).glob("plot_*.py"))


@pytest.fixture(scope="session")
def examples() -> list[Path]:
    sources = example_sources()
    assert sources, "no examples found"
    return sources


# -- the browser tests' server, browser and axe-core (test_browser.py, test_viewers.py) --

@pytest.fixture(scope="session")
def served(site):
    """The built site on 127.0.0.1, text gzip-compressed as static hosts send it."""
    import browser_checks as bc

    with bc.serve(site.html) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    import browser_checks as bc

    return bc.chromium_or_fail()


@pytest.fixture(scope="session")
def axe(site):
    import browser_checks as bc

    try:
        return bc.axe_source(ROOT)
    except bc.BrowserUnavailable as error:
        message = str(error)
    pytest.fail(message, pytrace=False)
