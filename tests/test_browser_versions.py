"""tools.browser_versions: the browser's library versions, derived and tested.

The unit tests run anywhere. The last test runs only where the browser's versions are
installed (the ``browser-versions`` tox environment, which runs this module before the
examples): there, an example using an argument that only the build's scikit-learn has
must fail, naming the example and the version difference.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

import lite_notebooks
from tools import browser_versions

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "browser_versions"
SUMMARY = lite_notebooks.pyodide_packages()


def lock_version(name: str) -> str:
    return SUMMARY["packages"][name]["version"]


def test_nearest_release_prefers_the_exact_version_then_the_newest_older_one():
    available = ["1.18.0", "1.17.1", "1.17.0", "1.16.3"]
    assert browser_versions.nearest_release("1.17.0", available) == "1.17.0"
    assert browser_versions.nearest_release("1.17.5", available) == "1.17.1"
    assert browser_versions.nearest_release("1.16.0", available) == "1.16.3"  # nothing older: oldest newer
    assert browser_versions.nearest_release("1.0", []) is None


def test_fallback_versions_are_printed_as_such():
    exact = browser_versions.Pin("numpy", "2.4.6", "2.4.6", "pyodide")
    nearest = browser_versions.Pin("scipy", "1.18.0", "1.17.1", "pyodide")
    assert "NEAREST" not in exact.describe()
    assert "NEAREST RELEASE to 1.18.0" in nearest.describe() and "1.17.1" in nearest.describe()
    assert nearest.requirement == "scipy==1.17.1"


def test_resolve_leaves_out_browser_only_packages_and_falls_back_where_needed(capsys):
    releases = {"scipy": ["1.17.1", "1.17.0"], "numpy": ["2.4.6"], "matplotlib-pyodide": []}
    pins = browser_versions.resolve(
        {"scipy": ("1.18.0", "pyodide"), "numpy": ("2.4.6", "pyodide"), "matplotlib-pyodide": ("0.2", "pyodide")},
        releases=releases.__getitem__,
    )
    assert [(p.name, p.used) for p in pins] == [("numpy", "2.4.6"), ("scipy", "1.17.1")]
    assert "matplotlib-pyodide" in capsys.readouterr().out


def test_the_closure_follows_the_lock_dependencies_of_what_is_imported():
    closure = browser_versions.pyodide_closure({"sklearn", "json"}, SUMMARY)
    assert closure["scikit-learn"] == lock_version("scikit-learn")
    # scikit-learn loads scipy, which loads numpy: both are pinned to the lock's versions
    assert closure["scipy"] == lock_version("scipy") and closure["numpy"] == lock_version("numpy")
    assert "pandas" not in closure


def test_packages_pyodide_lacks_come_at_the_build_version_like_the_install_cell():
    pins = browser_versions.build_pins()
    needed = browser_versions.install_cell_packages({"nilearn", "numpy", "os"}, SUMMARY, pins)
    assert needed == {"nilearn": pins["nilearn"]}


def test_an_unknown_import_stops_with_a_clear_message():
    with pytest.raises(SystemExit, match=r"'not_a_real_package'.*requirements/site.txt"):
        browser_versions.install_cell_packages({"not_a_real_package"}, SUMMARY, browser_versions.build_pins())


def test_build_pins_read_the_pinned_requirements():
    pins = browser_versions.build_pins("# comment\nscikit-learn==1.9.1\npython_dateutil==2.9.0  # why\n")
    assert pins == {"scikit-learn": "1.9.1", "python-dateutil": "2.9.0"}


def test_browser_examples_leave_out_tensorflow_and_declared_incompatible_ones(tmp_path):
    gallery = tmp_path / "gallery"
    gallery.mkdir()
    (gallery / "plot_a.py").write_text("import numpy as np\n")
    (gallery / "plot_b.py").write_text("import tensorflow as tf\n")
    (gallery / "plot_c.py").write_text(
        'import numpy as np\n# sphinx_gallery_browser_incompatible = "needs scikit-learn 1.9"\n'
    )
    assert [p.name for p in browser_versions.browser_examples(tmp_path)] == ["plot_a.py"]
    real = browser_versions.browser_examples()
    assert len(real) >= 20
    assert all(not browser_versions.modules_of_file(p) & lite_notebooks.NOT_IN_BROWSER for p in real)


def test_a_declared_incompatibility_keeps_the_notebook_from_offering_a_broken_run(tmp_path):
    source = 'import numpy as np\n# sphinx_gallery_browser_incompatible = "check_cv lacks shuffle in 1.8"\n'
    assert lite_notebooks.browser_incompatibility(source) == "check_cv lacks shuffle in 1.8"
    staged = tmp_path / "doc" / "_contents" / "classic_ml"
    staged.mkdir(parents=True)
    (tmp_path / "doc" / "classic_ml").mkdir()
    (tmp_path / "doc" / "classic_ml" / "plot_x.py").write_text(source)
    notebook = {"nbformat": 4, "nbformat_minor": 5,
                "cells": [{"cell_type": "code", "metadata": {}, "source": "import numpy as np", "outputs": []}]}
    assert not lite_notebooks.runs_in_browser(notebook, source)
    lite_notebooks.adapt_for_browser(notebook, str(staged / "plot_x.ipynb"))
    first = notebook["cells"][0]
    assert first["cell_type"] == "markdown" and "does not run in the browser" in first["source"]
    assert "check_cv lacks shuffle in 1.8" in first["source"]
    assert not any("%pip" in "".join(cell["source"]) for cell in notebook["cells"])


def test_a_warning_a_reader_would_see_fails_the_run_and_is_shown():
    outcome = browser_versions.run_example(FIXTURES / "plot_warns.py", browser_versions.example_environment())
    assert not outcome.ok
    assert "RuntimeWarning: the mean of an empty slice is undefined" in outcome.output


def test_figures_shown_by_a_clean_example_do_not_count_as_warnings():
    outcome = browser_versions.run_example(FIXTURES / "plot_clean.py", browser_versions.example_environment())
    assert outcome.ok, outcome.output
    assert "done" in outcome.output


def test_the_failure_report_names_the_example_and_the_version_difference():
    pins = [browser_versions.Pin("scikit-learn", "1.8.0", "1.8.0", "pyodide"),
            browser_versions.Pin("pandas", "3.0.2", "3.0.2", "pyodide")]
    outcome = browser_versions.Outcome(FIXTURES / "plot_new_argument.py", 1, 0.5,
                                       "TypeError: check_cv() got an unexpected keyword argument 'shuffle'")
    report = browser_versions.failure_report(outcome, pins, {"scikit-learn": "1.9.1", "pandas": "3.1.1"}, SUMMARY)
    assert "tests/fixtures/browser_versions/plot_new_argument.py" in report
    assert "scikit-learn 1.8.0 here, 1.9.1 in the build" in report
    assert "pandas" not in report.split("for what it uses:")[1].split("\n")[0]  # not imported by it
    assert "unexpected keyword argument 'shuffle'" in report


BROWSER_SKLEARN = lock_version("scikit-learn")


@pytest.mark.skipif(version("scikit-learn") != BROWSER_SKLEARN,
                    reason=f"runs in the browser-versions environment (scikit-learn {BROWSER_SKLEARN})")
def test_an_argument_only_the_build_has_fails_under_the_browser_versions():
    build = browser_versions.build_pins()["scikit-learn"]
    assert build != BROWSER_SKLEARN, "the build and the browser have the same scikit-learn: pick another fixture"
    result = subprocess.run(
        [sys.executable, "-m", "tools.browser_versions", "run", str(FIXTURES / "plot_new_argument.py")],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAILED tests/fixtures/browser_versions/plot_new_argument.py" in result.stdout
    assert re.search(r"unexpected keyword argument '(shuffle|random_state)'", result.stdout)
    assert f"scikit-learn {BROWSER_SKLEARN} here, {build} in the build" in result.stdout
