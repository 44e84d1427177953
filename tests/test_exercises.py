"""Exercises (doc/sphinxext/exercises.py): one source, three renderings.

Unit tests run the pure functions on the fixture ``tests/fixtures/exercises/``
(an example file, the page source sphinx-gallery generated from it and its notebook).
Site tests check the build: each exercise's check prints ``Correct:`` on its page (the
build ran the solution), prints ``Not yet:`` with a hint on the starter cell, the
solutions are collapsed on the pages and absent from every notebook.

The starter state is tested cheaply and as strongly as running the notebook: each
check cell is executed right after its starter cell in a namespace that holds only the
starter's bindings and the modules the notebook imported before. The check then sees
exactly what it sees in the reader's notebook for every name it reads; a name from
any other earlier cell raises NameError, and only then are the notebook's cells run up
to that check in a plain Python process with the build's data (non-TensorFlow
examples; a TensorFlow example's check must reject the starter on its own).
"""

from __future__ import annotations

import ast
import contextlib
import copy
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import exercises
import lite_notebooks
from conftest import GALLERIES, ROOT, example_sources

FIXTURES = ROOT / "tests" / "fixtures" / "exercises"
FIXTURE_EXAMPLE = FIXTURES / "plot_exercise.py"
NOT_IN_BROWSER = lite_notebooks.NOT_IN_BROWSER


def fixture_notebook() -> dict:
    return json.loads((FIXTURES / "plot_exercise.ipynb").read_text())


def code_cells(notebook: dict) -> list[str]:
    return [exercises._source(cell) for cell in notebook["cells"] if cell["cell_type"] == "code"]


# -- the source ---------------------------------------------------------------------------

def test_the_fixture_example_has_one_exercise_with_its_starter_and_check():
    [exercise] = exercises.exercises_in_example(FIXTURE_EXAMPLE)
    assert exercises.starter_lines(exercise.solution) == [
        "spread_ex1 = ...  # your code here: the standard deviation of the scores"]
    assert exercise.solution_body[0] == "spread_ex1 = float(np.std(scores))"
    assert exercise.check_body.lstrip().startswith("if not isinstance(spread_ex1, float):")


def test_a_starter_without_your_code_here_gets_the_comment():
    assert exercises.starter_code("# exercise: solution\n# starter: x = ...\nx = 1") == "# your code here\nx = ..."


@pytest.mark.parametrize(("change", "message"), [
    (lambda s: s.replace("# starter: spread_ex1 = ...  # your code here: the standard deviation of the scores\n", ""),
     "no '# starter:"),
    (lambda s: s.replace("# exercise: check\n", ""), "not followed by a check block"),
    (lambda s: s.replace("\n# exercise: solution", "#\n# exercise: solution"), "is read as text"),
    (lambda s: s.replace("# %%\n\n# exercise: check", "# %%\n# exercise: check"), "is read as text"),
], ids=["no-starter", "no-check", "solution-mark-in-text", "check-mark-in-text"])
def test_a_malformed_exercise_is_an_error_that_says_what_to_fix(tmp_path, change, message):
    broken = tmp_path / "plot_broken.py"
    broken.write_text(change(FIXTURE_EXAMPLE.read_text()))
    with pytest.raises(exercises.ExerciseError, match=re.escape(message)) as error:
        exercises.exercises_in_example(broken)
    assert "plot_broken.py line" in str(error.value) and "contributing.rst" in str(error.value)


# -- the page -----------------------------------------------------------------------------

def _block_lines(rst: str, header: str) -> list[str]:
    """The indented lines of the directive ``header`` (the first one in ``rst``)."""
    lines = rst.split("\n")
    start = lines.index(header)
    body = []
    for line in lines[start + 1:]:
        if line.strip() and not line.startswith("   "):
            break
        body.append(line)
    return body


def test_the_page_collapses_the_solution_with_its_output_and_figure_and_keeps_the_check_visible():
    rst = exercises.collapse_solutions((FIXTURES / "plot_exercise.rst").read_text())
    solution = "\n".join(_block_lines(rst, ".. dropdown:: Show solution"))
    assert ":class-container: exercise-solution" in solution
    assert "spread_ex1 = float(np.std(scores))" in solution
    assert "spread 0.082" in solution  # its printed output
    assert "sphx_glr_plot_exercise_001.png" in solution  # its figure
    assert "exercise:" not in rst and "starter:" not in rst
    check = "\n".join(_block_lines(rst, ".. container:: exercise-check"))
    assert "if not isinstance(spread_ex1, float):" in check and "Correct: 0.082." in check
    assert "Correct: 0.082." not in solution and "spread 0.082" not in check
    # what follows the exercise is neither collapsed nor in the check
    assert "The page goes on." not in solution + check and "The page goes on." in rst


def test_the_collapsed_page_is_valid_rest():
    from docutils.core import publish_doctree
    from docutils.parsers.rst import Directive, directives

    class Recorded(Directive):  # stands for the Sphinx and sphinx-gallery directives
        has_content, optional_arguments, final_argument_whitespace = True, 10, True
        option_spec = {"class-container": directives.unchanged, "alt": directives.unchanged,
                       "srcset": directives.unchanged, "class": directives.unchanged}
        seen: list[tuple[str, int]] = []

        def run(self):
            Recorded.seen.append((self.name, self.content_offset))
            node = __import__("docutils.nodes").nodes.container()
            self.state.nested_parse(self.content, self.content_offset, node)
            return [node]

    for name in ("dropdown", "image-sg", "code-block", "only", "rst-class"):
        directives.register_directive(name, Recorded)
    rst = exercises.collapse_solutions((FIXTURES / "plot_exercise.rst").read_text())
    publish_doctree(rst, settings_overrides={"report_level": 2, "halt_level": 2})
    assert [name for name, _ in Recorded.seen].count("dropdown") == 1


# -- notebooks ----------------------------------------------------------------------------

def test_the_notebook_gets_the_starter_cell_then_the_check_cell():
    notebook = fixture_notebook()
    assert exercises.to_starter_notebook(notebook) == 1
    cells = code_cells(notebook)
    assert cells[1] == "spread_ex1 = ...  # your code here: the standard deviation of the scores"
    assert cells[2].startswith("if not isinstance(spread_ex1, float):")
    roles = [cell["metadata"].get(exercises.CELL_ROLE) for cell in notebook["cells"]]
    assert roles.count("starter") == 1 and roles.count("check") == 1
    text = json.dumps(notebook)
    assert "np.std(scores)" not in text and "exercise:" not in text


def test_converting_a_notebook_twice_changes_nothing_and_keeps_the_cell_ids():
    notebook = fixture_notebook()
    notebook["nbformat_minor"] = 5
    for number, cell in enumerate(notebook["cells"]):
        cell["id"] = f"cell-{number}"
    exercises.to_starter_notebook(notebook)
    once = copy.deepcopy(notebook)
    assert exercises.to_starter_notebook(notebook) == 0
    assert notebook == once
    assert [cell["id"] for cell in notebook["cells"]] == [f"cell-{n}" for n in range(len(notebook["cells"]))]
    import nbformat

    nbformat.validate(nbformat.from_dict(notebook))


def test_the_browser_adaptation_removes_a_solution_too(tmp_path):
    notebook = fixture_notebook()
    lite_notebooks.adapt_for_browser(notebook, str(tmp_path / "plot_exercise.ipynb"))
    assert "np.std(scores)" not in json.dumps(notebook)
    assert [c["metadata"].get(exercises.CELL_ROLE) for c in notebook["cells"]].count("starter") == 1


def test_the_starter_check_of_the_fixture_says_not_yet_without_earlier_state():
    notebook = fixture_notebook()
    exercises.to_starter_notebook(notebook)
    [(index, starter, check)] = exercises.exercise_cells(notebook)
    output = run_on_starter(notebook, index, starter, check)
    assert output.startswith("Not yet: store the standard deviation")


def test_a_check_that_reads_earlier_cells_is_run_after_them(tmp_path):
    notebook = fixture_notebook()
    for cell in notebook["cells"]:
        if exercises.is_check(exercises._source(cell)):
            cell["source"] = exercises._source(cell).replace("if not isinstance(spread_ex1, float):",
                                                             "if scores.size and not isinstance(spread_ex1, float):")
    exercises.to_starter_notebook(notebook)
    [(index, starter, check)] = exercises.exercise_cells(notebook)
    with pytest.raises(NeedsEarlierCells, match="scores"):
        run_on_starter(notebook, index, starter, check)
    path = tmp_path / "plot_exercise.ipynb"
    path.write_text(json.dumps(notebook))
    assert run_notebook_until(path, [index], tmp_path)[index].startswith("Not yet: store the standard deviation")


# -- the site -----------------------------------------------------------------------------

def example_id(path: Path) -> str:
    return f"{path.parent.name}-{path.stem}"


EXAMPLES = example_sources()
EXERCISES = {path: exercises.exercises_in_example(path) for path in EXAMPLES}


def page_of(site, example: Path) -> BeautifulSoup:
    return BeautifulSoup((site.html / example.parent.name / f"{example.stem}.html").read_text(), "html.parser")


def with_exercises() -> list[Path]:
    return [path for path, found in EXERCISES.items() if found]


def test_every_example_has_an_exercise():
    missing = [example_id(path) for path, found in EXERCISES.items() if not found]
    counts = {gallery: sum(len(f) for p, f in EXERCISES.items() if p.parent.name == gallery) for gallery in GALLERIES}
    assert not missing, f"examples without an exercise: {missing}; exercises per gallery: {counts}"


def check_outputs(page: BeautifulSoup) -> list[str]:
    return [block.select_one(".sphx-glr-script-out pre").get_text().strip() if block.select_one(
        ".sphx-glr-script-out pre") else "" for block in page.select("div.exercise-check")]


@pytest.mark.parametrize("example", EXAMPLES, ids=example_id)
def test_each_check_prints_correct_on_its_page(site, example):
    outputs = check_outputs(page_of(site, example))
    assert len(outputs) == len(EXERCISES[example]), "a check block of the source is not on the page"
    for number, output in enumerate(outputs, 1):
        assert output.startswith("Correct:") and "\n" not in output, (
            f"check {number} of {example_id(example)} printed {output!r} on the page: its solution does not "
            "pass (or prints more than one line)")


def _text_lines(element) -> set[str]:
    return {" ".join(line.split()) for line in element.get_text().split("\n") if line.strip()}


def solution_specific_lines(example: Path) -> list[str]:
    """The lines of an example's solutions that occur nowhere else in it: not in its other
    code, and not in its prose (a "fix the planted mistake" statement shows the mistaken
    lines, some of which the fix keeps)."""
    from sphinx_gallery.py_source_parser import split_code_and_text_blocks

    _conf, blocks, _node = split_code_and_text_blocks(str(example), return_node=True)
    solutions = {exercise.solution for exercise in EXERCISES[example]}
    elsewhere = {" ".join(line.split()) for label, content, _ in blocks
                 if content not in solutions for line in content.splitlines()}
    lines = []
    for exercise in EXERCISES[example]:
        code = re.sub(r"# sphinx_gallery_start_ignore.*?# sphinx_gallery_end_ignore", "", exercise.solution,
                      flags=re.DOTALL)
        for line in code.splitlines():
            normal = " ".join(line.split())
            if (normal and not normal.startswith(("# exercise:", "# starter:")) and normal not in elsewhere
                    and len(normal) > 3):
                lines.append(normal)
    return lines


@pytest.mark.parametrize("example", with_exercises(), ids=example_id)
def test_the_page_shows_solutions_only_inside_their_collapsed_element(site, example):
    page = page_of(site, example)
    collapsed = page.select("details.exercise-solution")
    assert len(collapsed) == len(EXERCISES[example])
    assert all(not element.has_attr("open") for element in collapsed)
    assert [e.select_one("summary").get_text().strip() for e in collapsed] == ["Show solution"] * len(collapsed)
    inside = set().union(*(_text_lines(element) for element in collapsed))
    for element in collapsed:
        element.decompose()
    outside = _text_lines(page.select_one("main") or page)
    specific = solution_specific_lines(example)
    assert specific, "no line is specific to the solutions: the test would prove nothing"
    assert set(specific) <= inside, "a solution line is missing from its collapsed element"
    assert not set(specific) & outside, f"solution lines outside the collapsed element: {set(specific) & outside}"


def built_notebooks(site) -> dict[str, list[dict]]:
    """Every notebook a reader can get: downloads, zips, JupyterLite copies."""
    found: dict[str, list[dict]] = {}
    for path in sorted((site.html / "_downloads").rglob("*.ipynb")) + sorted((site.html / "lite").rglob("*.ipynb")):
        found.setdefault(path.stem, []).append(json.loads(path.read_text()))
    for archive in sorted((site.html / "_downloads").rglob("*.zip")):
        with zipfile.ZipFile(archive) as zipped:
            for name in zipped.namelist():
                if name.endswith(".ipynb"):
                    found.setdefault(Path(name).stem, []).append(json.loads(zipped.read(name)))
    return found


def test_no_notebook_contains_solution_code(site):
    notebooks = built_notebooks(site)
    leaks, checked = [], 0
    for example in with_exercises():
        specific = set(solution_specific_lines(example))
        copies = notebooks.get(example.stem, [])
        assert len(copies) >= 3, f"{example_id(example)}: expected its download, zip and JupyterLite notebooks"
        for notebook in copies:
            checked += 1
            assert len(exercises.exercise_cells(notebook)) == len(EXERCISES[example])
            lines = {" ".join(line.split()) for code in code_cells(notebook) for line in code.splitlines()}
            leaks += [f"{example_id(example)}: {line}" for line in specific & lines]
    assert checked, "no notebook with an exercise was found"
    assert not leaks, "solution code in notebooks:\n" + "\n".join(leaks)


# -- the starter state ----------------------------------------------------------------------

def imports_before(notebook: dict, index: int) -> str:
    """The import statements of the code cells before cell ``index`` (TensorFlow excepted)."""
    statements = []
    for cell in notebook["cells"][:index]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.parse(exercises._source(cell)).body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                if not {name.split(".")[0] for name in modules} & NOT_IN_BROWSER:
                    statements.append(ast.unparse(node))
    return "\n".join(statements)


class NeedsEarlierCells(Exception):
    pass


def run_on_starter(notebook: dict, index: int, starter: dict, check: dict) -> str:
    """What the check cell at ``index`` prints right after its starter cell, with nothing
    else of the notebook defined but its imports; NeedsEarlierCells if it reads more."""
    namespace: dict = {"__name__": "__main__"}
    exec(imports_before(notebook, index), namespace)
    exec(exercises._source(starter), namespace)
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            exec(exercises._source(check), namespace)
    except NameError as error:
        raise NeedsEarlierCells(str(error)) from error
    return printed.getvalue().strip()


RUN_CELLS = """
import contextlib, io, json, sys
notebook = json.load(open(sys.argv[1]))
wanted = set(json.loads(sys.argv[2]))
namespace, printed = {"__name__": "__main__"}, {}
for index, cell in enumerate(notebook["cells"][: max(wanted) + 1]):
    if cell["cell_type"] != "code":
        continue
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, f"cell {index}", "exec"), namespace)
    if index in wanted:
        printed[index] = out.getvalue().strip()
print("\\n@@@" + json.dumps(printed))
"""


def run_notebook_until(notebook_path: Path, indices: list[int], cwd: Path) -> dict[int, str]:
    """Run the notebook's code cells up to the last of ``indices`` in a plain Python
    process with the build's data; what each of those cells printed."""
    from tools.data import default_data_dir, sklearn_data_home

    env = dict(os.environ, NILEARN_DATA=str(default_data_dir()), SCIKIT_LEARN_DATA=str(sklearn_data_home()),
               MPLBACKEND="Agg", PYTHONHASHSEED="0")
    result = subprocess.run([sys.executable, "-c", RUN_CELLS, str(notebook_path), json.dumps(indices)], cwd=cwd,
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"running {notebook_path.name} failed:\n{result.stderr[-3000:]}"
    return {int(k): v for k, v in json.loads(result.stdout.rsplit("\n@@@", 1)[1]).items()}


def download_notebook(site, example: Path) -> Path:
    page = (site.html / example.parent.name / f"{example.stem}.html").read_text()
    href = re.search(r'href="(\.\./_downloads/[0-9a-f]+/' + re.escape(example.stem) + r'\.ipynb)"', page)
    assert href, f"{example_id(example)}: no notebook download on its page"
    return (site.html / example.parent.name / href.group(1)).resolve()


@pytest.mark.parametrize("example", with_exercises(), ids=example_id)
def test_each_check_says_not_yet_with_a_hint_on_the_starter_cell(site, example):
    path = download_notebook(site, example)
    notebook = json.loads(path.read_text())
    found = exercises.exercise_cells(notebook)
    assert len(found) == len(EXERCISES[example])
    outputs, rerun = {}, []
    for index, starter, check in found:
        try:
            outputs[index] = run_on_starter(notebook, index, starter, check)
        except NeedsEarlierCells:
            rerun.append(index)
    if rerun:
        assert not lite_notebooks.imported_modules(notebook) & NOT_IN_BROWSER, (
            f"{example_id(example)}: the checks at cells {rerun} read names of earlier cells before they reject "
            "the starter's ...; in a TensorFlow example a check must reject the starter value first")
        outputs |= run_notebook_until(path, rerun, example.parent)
    for index, output in outputs.items():
        assert re.fullmatch(r"Not yet: \S.{10,}", output), (
            f"{example_id(example)}: on the starter cell the check at notebook cell {index} printed {output!r}, "
            "not one line 'Not yet: <hint>'")


# -- in the browser -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(site):
    import browser_checks as bc

    with bc.serve(site.html) as base:
        yield base


@pytest.mark.parametrize("example", with_exercises(), ids=example_id)
def test_solutions_are_collapsed_until_opened_by_click_or_enter(served, example):
    import browser_checks as bc

    context = bc.new_context(bc.chromium_or_fail(), viewport={"width": 1400, "height": 900})
    try:
        page, load = bc.open_page(context, f"{served}{example.parent.name}/{example.stem}.html")
        assert not load.console_errors and not load.page_errors
        solutions = page.locator("details.exercise-solution")
        assert solutions.count() == len(EXERCISES[example])
        for number in range(solutions.count()):
            code = solutions.nth(number).locator("div.highlight").first
            assert not code.is_visible(), f"solution {number + 1} is visible before it is opened"
            solutions.nth(number).locator("summary").click()
            code.wait_for(state="visible")
        page.reload()
        for number in range(solutions.count()):
            code = solutions.nth(number).locator("div.highlight").first
            assert not code.is_visible()
            solutions.nth(number).locator("summary").focus()
            page.keyboard.press("Enter")
            code.wait_for(state="visible")
        checks = page.locator("div.exercise-check")
        assert checks.count() == len(EXERCISES[example])
        assert all(checks.nth(n).is_visible() for n in range(checks.count()))
        serious = bc.serious_violations(bc.run_axe(page, bc.axe_source(ROOT)))
        assert not serious, "\n".join(bc.describe_violation(v) for v in serious)
    finally:
        context.close()
    # without JavaScript too: <details> is the browser's own
    context = bc.new_context(bc.chromium_or_fail(), viewport={"width": 1400, "height": 900}, java_script_enabled=False)
    try:
        page, _load = bc.open_page(context, f"{served}{example.parent.name}/{example.stem}.html")
        solution = page.locator("details.exercise-solution").first
        assert not solution.locator("div.highlight").first.is_visible()
        solution.locator("summary").click()
        solution.locator("div.highlight").first.wait_for(state="visible")
    finally:
        context.close()
