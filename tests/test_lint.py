"""The code base passes ruff, and the GitHub workflows actionlint (the checks of `tox -e lint`)."""

import shutil
import subprocess

import pytest

from conftest import ROOT
from tools import actionlint


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed: pip install -r requirements/site.txt")
    result = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_actionlint():
    workflows = actionlint.workflow_files()
    assert workflows, "no workflow in .github/workflows"
    problems = actionlint.lint(workflows)
    assert problems == [], "\n".join(f"{p['file']}:{p['line']}: {p['message']}" for p in problems)


def test_actionlint_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_property }}\n")
    (problem,) = actionlint.lint([broken])
    assert problem["line"] == 6 and "no_such_property" in problem["message"]
