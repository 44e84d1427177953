"""The code base passes ruff, the GitHub workflows pass actionlint (the checks of `tox -e lint`),
and CI runs what the README says."""

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


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Run the tests", 1)[1]
    command = section.split("```bash\n", 1)[1].split("\n```", 1)[0].strip()
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert ci_lines[-1] == command, f".ci/run ends with {ci_lines[-1]!r}, the README's test command is {command!r}"


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
