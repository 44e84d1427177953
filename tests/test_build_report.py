"""The breakdown of a CI run (tools/build_report.py) from small records written here, and the
records' writers: the build's phases (tools/build_site.py, doc/sphinxext/build_phases.py) and
tox's journal (tools/run_tox.py)."""

from __future__ import annotations

import io
import json
import subprocess
import time
from types import SimpleNamespace

import pytest

import build_phases
from tools import build_report as br
from tools import build_site, run_tox


def tox_journal(setup: float, pip: float, pytest_s: float) -> dict:
    """A tox journal as tox 4 writes it (``--result-json``), for the tests environment."""
    return {"reportversion": "1", "testenvs": {"tests": {
        "result": {"success": True, "exit_code": 0, "duration": setup + pytest_s, "skipped": False},
        "setup": [{"command": ["/clone/.tox/tests/bin/python", "-m", "pip", "install", "-r", "requirements/site.txt"],
                   "elapsed": pip, "run_id": "install_deps"}],
        "test": [{"command": ["/clone/.tox/tests/bin/python", "-m", "pytest",
                              "--junitxml=/clone/_build/reports/pytest-junit.xml", "tests"],
                  "elapsed": pytest_s, "run_id": "commands[0]"}],
    }}}


def gallery_junit(times: dict[str, float]) -> str:
    """sphinx-gallery's JUnit report for examples named ``<gallery>/<stem>``."""
    cases = "".join(
        f'<testcase classname="{name.split("/")[1]}" file="../examples/{name}.py" line="1" '
        f'name="Title" time="{seconds!r}"></testcase>' for name, seconds in times.items())
    return f'<?xml version="1.0" encoding="utf-8"?><testsuite errors="0" failures="0" name="sphinx-gallery" ' \
           f'skipped="0" tests="{len(times)}" time="{sum(times.values())}">{cases}</testsuite>'


def pytest_junit(build: float, browser_test: float, suite: float) -> str:
    """pytest's JUnit report (xunit2) with the site fixture's properties: its build ran in
    the setup of a test of tests/test_browser.py, a class test."""
    return f"""<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests">
<testsuite name="pytest" errors="0" failures="0" skipped="0" tests="4" time="{suite}">
<properties><property name="site_build_seconds" value="{build}"/>
<property name="site_build_test" value="tests/test_browser.py::TestPages::test_first"/></properties>
<testcase classname="tests.test_a" name="test_one" time="1.5"/>
<testcase classname="tests.test_a" name="test_two[x]" time="2.5"><skipped message="no"/></testcase>
<testcase classname="tests.test_browser.TestPages" name="test_first" time="{build + browser_test}"/>
<testcase classname="tests.test_browser" name="test_more" time="3.0"/>
</testsuite></testsuites>"""


def write_run(run, *, tox=(100.0, 60.0, 30.0), phases=None, examples=None, tests=(50.0, 2.0, 70.0)):
    """One run's four records in the layout of a build folder."""
    (run / "reports").mkdir(parents=True)
    (run / "sphinx-gallery").mkdir()
    (run / "reports" / "tox-result.json").write_text(json.dumps(tox_journal(*tox)))
    phases = phases or {"provisioning (tools.provision_data)": 4.0, "sphinx-build (the whole process)": 40.0}
    (run / "reports" / "build-phases.json").write_text(json.dumps(phases))
    examples = examples or {"prerequisites/plot_01_a": 2.0, "prerequisites/plot_02_b": 3.0,
                            "classic_ml/plot_01_c": 10.0}
    (run / "sphinx-gallery" / "junit-results.xml").write_text(gallery_junit(examples))
    (run / "reports" / "pytest-junit.xml").write_text(pytest_junit(*tests))
    return run


def numbers(output: str, label: str) -> list[str]:
    """The cells of the row ``label`` in the printed table."""
    (line,) = [line for line in output.splitlines() if line.startswith(f"  {label}  ")]
    return line[len(label) + 2:].split()


# -- the records, one by one ---------------------------------------------------------------

def test_tox_journal_gives_setup_installs_and_commands(tmp_path):
    path = tmp_path / "tox.json"
    path.write_text(json.dumps(tox_journal(setup=100.0, pip=60.0, pytest_s=30.0)))
    assert br.read_tox(path) == {
        "tests: setup (virtualenv, installs)": 100.0,
        "tests:   of which install_deps: python -m pip install -r requirements/site.txt": 60.0,
        "tests commands[0]: python -m pytest --junitxml=pytest-junit.xml tests": 30.0,
        "tests: total": 130.0,
        "all environments": 130.0,
    }


def test_examples_are_timed_each_by_gallery_and_in_all(tmp_path):
    path = tmp_path / "junit.xml"
    path.write_text(gallery_junit({"prerequisites/plot_01_a": 2.0, "classic_ml/plot_01_c": 10.5,
                                   "prerequisites/plot_02_b": 3.0}))
    assert br.read_examples(path) == {
        "prerequisites/plot_01_a": 2.0, "classic_ml/plot_01_c": 10.5, "prerequisites/plot_02_b": 3.0,
        "prerequisites: total": 5.0, "classic_ml: total": 10.5, "all examples": 15.5,
    }


def test_test_modules_are_timed_less_the_site_build(tmp_path):
    path = tmp_path / "junit.xml"
    path.write_text(pytest_junit(build=50.0, browser_test=2.0, suite=70.0))
    assert br.read_tests(path) == {
        "site build (the site fixture)": 50.0,
        "tests/test_a.py": 4.0,
        "tests/test_browser.py": 5.0,  # 52 + 3, less the build
        "all tests (the pytest session)": 70.0,
    }


def test_phases_are_recorded_in_order_and_a_build_starts_afresh(tmp_path):
    br.record_phases(tmp_path, {"old": 1.0})
    br.reset_phases(tmp_path)
    with br.timed_phase(tmp_path, "first"):
        time.sleep(0.05)
    br.record_phases(tmp_path, {"second": 2.0, "third": 3.0})
    phases = br.read_phases(tmp_path / br.PHASES)
    assert list(phases) == ["first", "second", "third"]
    assert 0.05 <= phases["first"] < 5 and phases["third"] == 3.0


# -- the table of runs ---------------------------------------------------------------------

def test_three_runs_each_in_its_column_and_their_median(tmp_path, capsys):
    runs = [
        write_run(tmp_path / "1", tox=(100.0, 60.0, 30.0), tests=(50.0, 2.0, 70.0),
                  examples={"prerequisites/plot_01_a": 2.0, "classic_ml/plot_01_c": 10.0}),
        write_run(tmp_path / "2", tox=(300.0, 80.0, 10.0), tests=(40.0, 6.0, 90.0),
                  examples={"prerequisites/plot_01_a": 4.0, "classic_ml/plot_01_c": 30.0}),
        write_run(tmp_path / "3", tox=(200.0, 70.0, 20.0), tests=(60.0, 4.0, 80.0),
                  examples={"prerequisites/plot_01_a": 9.0}),
    ]
    assert br.main(["--runs", *map(str, runs)]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("seconds"))
    assert header.split() == ["seconds", "run", "1", "run", "2", "run", "3", "median"]
    assert numbers(out, "tests: setup (virtualenv, installs)") == ["100.0", "300.0", "200.0", "200.0"]
    assert numbers(out, "tests: total") == ["130.0", "310.0", "220.0", "220.0"]
    assert numbers(out, "site build (the site fixture)") == ["50.0", "40.0", "60.0", "50.0"]
    assert numbers(out, "tests/test_browser.py") == ["5.0", "9.0", "7.0", "7.0"]
    assert numbers(out, "prerequisites/plot_01_a") == ["2.0", "4.0", "9.0", "4.0"]
    # an example the third run did not run: the median of the runs that did
    assert numbers(out, "classic_ml/plot_01_c") == ["10.0", "30.0", "-", "20.0"]
    assert numbers(out, "sphinx-build (the whole process)") == ["40.0", "40.0", "40.0", "40.0"]


def test_short_rows_are_left_out_unless_asked_for(tmp_path, capsys):
    run = write_run(tmp_path / "1", phases={"sphinx: builder-inited x.quick": 0.01, "sphinx: reading": 5.0})
    assert br.main(["--runs", str(run)]) == 0
    out = capsys.readouterr().out
    assert "x.quick" not in out and numbers(out, "sphinx: reading") == ["5.0"]
    assert "1 rows under 0.1 s" in out
    assert br.main(["--runs", str(run), "--min-seconds", "0"]) == 0
    assert numbers(capsys.readouterr().out, "sphinx: builder-inited x.quick") == ["0.0"]


def test_a_missing_record_is_named_with_the_command_that_writes_it(tmp_path, capsys):
    run = write_run(tmp_path / "1")
    (run / "reports" / "pytest-junit.xml").unlink()
    assert br.main(["--runs", str(run)]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == (f"missing {run / 'reports' / 'pytest-junit.xml'}: it is written by "
                                    "python3 tools/run_tox.py -e tests (tox.ini passes --junitxml)")
    assert "Traceback" not in captured.err
    assert numbers(captured.out, "all examples") == ["15.0"]  # the other records are still shown


def test_a_damaged_record_is_named(tmp_path, capsys):
    run = write_run(tmp_path / "1")
    (run / "reports" / "tox-result.json").write_text('{"testenvs": ')
    assert br.main(["--runs", str(run)]) == 1
    err = capsys.readouterr().err
    assert f"cannot read {run / 'reports' / 'tox-result.json'} (JSONDecodeError" in err
    assert "written by python3 tools/run_tox.py -e tests,browser-versions" in err
    (run / "reports" / "tox-result.json").write_text(json.dumps(tox_journal(1.0, 1.0, 1.0)))
    (run / "reports" / "build-phases.json").write_text("[]")
    assert br.main(["--runs", str(run)]) == 1
    assert f"cannot read {run / 'reports' / 'build-phases.json'} (AttributeError" in capsys.readouterr().err


def test_save_keeps_a_run_as_runs_reads_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(br, "BUILD_DIR", write_run(tmp_path / "_build"))
    assert br.main(["--save", str(tmp_path / "kept")]) == 0
    assert sorted(p.relative_to(tmp_path / "kept").as_posix() for p in (tmp_path / "kept").rglob("*.*")) == [
        "reports/build-phases.json", "reports/pytest-junit.xml", "reports/tox-result.json",
        "sphinx-gallery/junit-results.xml"]
    capsys.readouterr()
    assert br.main(["--runs", str(tmp_path / "kept")]) == 0
    assert numbers(capsys.readouterr().out, "tests: total") == ["130.0"]


# -- the writers -----------------------------------------------------------------------------

def test_build_site_times_provisioning_and_sphinx(tmp_path, monkeypatch):
    def run(command, **_kwargs):
        time.sleep(0.02)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(build_site.subprocess, "run", run)
    out_dir = tmp_path / "_build" / "html"
    br.record_phases(out_dir.parent, {"from an earlier build": 1.0})
    assert build_site.build(project_root=tmp_path, out_dir=out_dir).returncode == 0
    phases = br.read_phases(tmp_path / "_build" / br.PHASES)
    assert list(phases) == ["provisioning (tools.provision_data)", "sphinx-build (the whole process)"]
    assert all(seconds >= 0.02 for seconds in phases.values())


SLOW_EXTENSION = '''
import time

def slow_examples(app):
    time.sleep(0.3)

def slow_lite(app, exception):
    time.sleep(0.2)

def setup(app):
    app.connect("builder-inited", slow_examples)
    app.connect("build-finished", slow_lite, priority=900)
'''


def test_the_sphinx_extension_times_each_handler_and_sphinxs_stretches(tmp_path, monkeypatch):
    from sphinx.testing.util import SphinxTestApp

    src = tmp_path / "src"
    src.mkdir()
    (tmp_path / "slow_extension.py").write_text(SLOW_EXTENSION)
    monkeypatch.syspath_prepend(str(tmp_path))
    (src / "conf.py").write_text("extensions = ['build_phases', 'slow_extension']\n")
    (src / "index.rst").write_text("Title\n=====\n\nText.\n")
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "_build", status=io.StringIO(),
                        warning=io.StringIO(), freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    assert (tmp_path / "_build" / "html" / "index.html").is_file()
    phases = br.read_phases(tmp_path / "_build" / br.PHASES)
    stretches = ["sphinx: start-up (extensions, configuration)", "sphinx: reading the sources",
                 "sphinx: writing the pages"]
    assert [name for name in phases if name in stretches] == stretches
    names = list(phases)
    assert names.index(stretches[0]) < names.index("sphinx: builder-inited slow_extension.slow_examples") \
        < names.index(stretches[1])
    assert 0.3 <= phases["sphinx: builder-inited slow_extension.slow_examples"] < 10
    assert 0.2 <= phases["sphinx: build-finished slow_extension.slow_lite"] < 10
    assert list(phases)[-1] == "sphinx: build-finished slow_extension.slow_lite"  # the last handler but the clock
    assert not any("PhaseClock" in name for name in phases)


def test_each_handler_is_wrapped_once():
    from sphinx.events import EventListener

    def handler(app):
        return "result"

    clock = build_phases.PhaseClock()
    listeners = {"builder-inited": [EventListener(1, handler, 500), EventListener(2, clock.time_handlers, 10**6)],
                 "env-updated": [], "build-finished": []}
    app = SimpleNamespace(events=SimpleNamespace(listeners=listeners))
    clock.time_handlers(app)
    clock.time_handlers(app)
    wrapped, own = listeners["builder-inited"]
    assert wrapped.handler.__wrapped__ is handler and own.handler == clock.time_handlers
    assert wrapped.handler(app) == "result"
    module = __name__.rsplit(".", 1)[-1]
    assert [run[:2] for run in clock.runs] == [("builder-inited", f"{module}.{handler.__qualname__}")]


# -- tox's journal ---------------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "journal"), [
    (["-e", "tests,browser-versions"], True),
    ([], True),
    (["-e", "docs-one", "--", "keras"], True),
    (["-e", "docs", "--result-json", "mine.json"], False),
    (["-e", "docs", "-i"], False),
    (["list"], False),
    (["config", "-e", "docs"], False),
])
def test_run_tox_asks_tox_for_its_journal_where_it_runs_environments(argv, journal):
    arguments = run_tox.tox_arguments(argv)
    if journal:
        assert arguments == ["--result-json", str(run_tox.RESULT_JSON), *argv]
        assert run_tox.RESULT_JSON == br.BUILD_DIR / "reports" / "tox-result.json"
    else:
        assert arguments == argv
