"""Exercises: one source, three renderings (issue 17).

An exercise in an example file is a statement (an admonition of class ``exercise``),
then a solution code block whose first line is ``# exercise: solution`` followed by
``# starter: <python line>`` lines, then a check code block of its own whose first
line is ``# exercise: check`` (the layout is described in doc/contributing.rst, "Exercises").

* **page** (:func:`collapse_solutions`, on sphinx-gallery's generated rst at
  ``source-read``): the solution code, without its marker and starter lines, and
  everything sphinx-gallery generated after it (printed output, figures, HTML
  reprs) go into a ``<details>`` element ("Show solution", sphinx-design's
  ``dropdown``: keyboard accessible, no JavaScript needed). The check block and its
  output stay visible, in a ``div.exercise-check``, without the marker line.
* **notebooks** (:func:`to_starter_notebook`): the solution cell becomes the starter
  cell (its ``# starter:`` lines as code), the check cell loses its marker line; both
  are marked in their metadata (:data:`CELL_ROLE`). The download notebook, the zips
  and the JupyterLite copy are all made from one converted notebook
  (:mod:`notebook_markdown`); :func:`lite_notebooks.adapt_for_browser` calls it again
  as a guard, which changes nothing on a converted notebook. A notebook made for
  another front end can call it on sphinx-gallery's notebook the same way.
* the ``.py`` download is the source: it keeps everything.

A malformed exercise (a solution without starter lines or not followed by a check)
stops the build with the example and what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SOLUTION_MARK = "# exercise: solution"
CHECK_MARK = "# exercise: check"
STARTER_PREFIX = "# starter:"
YOUR_CODE = "# your code here"
SHOW_SOLUTION = "Show solution"
SOLUTION_CLASS = "exercise-solution"
CHECK_CLASS = "exercise-check"
# metadata key of the notebook cells made from an exercise: "starter" or "check"
CELL_ROLE = "ml-primer-exercise"

CONVENTION = "the exercise layout is described in doc/contributing.rst, section 'Exercises'"


class ExerciseError(ValueError):
    """An exercise that does not follow the convention; the message says what to fix."""


# ---------------------------------------------------------------------------
# The source: exercises of an example file
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Exercise:
    solution: str  # the solution block's code, marker and starter lines included
    check: str  # the check block's code, marker line included
    line: int  # line of the solution block in the example file

    @property
    def starter(self) -> str:
        return starter_code(self.solution)

    @property
    def solution_body(self) -> list[str]:
        """The solution's own lines: neither the marker nor starter lines nor blank."""
        return [line for line in self.solution.splitlines()
                if line.strip() and line.strip() != SOLUTION_MARK and not _is_starter(line)]

    @property
    def check_body(self) -> str:
        return without_first_line(self.check, CHECK_MARK)


def _first_code_line(code: str) -> str:
    return next((line.strip() for line in code.splitlines() if line.strip()), "")


def is_solution(code: str) -> bool:
    return _first_code_line(code) == SOLUTION_MARK


def is_check(code: str) -> bool:
    return _first_code_line(code) == CHECK_MARK


def _is_starter(line: str) -> bool:
    return line.lstrip().startswith(STARTER_PREFIX)


def starter_lines(solution: str) -> list[str]:
    """The python lines of the ``# starter:`` comments of a solution block."""
    lines = []
    for line in solution.splitlines():
        if _is_starter(line):
            rest = line.lstrip()[len(STARTER_PREFIX):]
            lines.append(rest[1:] if rest.startswith(" ") else rest)
    return lines


def starter_code(solution: str) -> str:
    """The starter cell readers get in place of the solution."""
    lines = starter_lines(solution)
    if not any(YOUR_CODE in line for line in lines):
        lines.insert(0, YOUR_CODE)
    return "\n".join(lines)


def without_first_line(code: str, mark: str) -> str:
    """``code`` without its marker line (and the blank lines before it)."""
    lines = code.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip())
    if lines[index].strip() != mark:
        raise ExerciseError(f"the block does not start with {mark!r}")
    return "\n".join(lines[index + 1:])


def without_marks(solution: str) -> str:
    """The solution as the page shows it: no marker line, no starter lines."""
    return "\n".join(line for line in solution.splitlines()
                     if line.strip() != SOLUTION_MARK and not _is_starter(line))


def _validate_pair(solution: str, following: str | None, where: str) -> None:
    if not starter_lines(solution):
        raise ExerciseError(
            f"{where}: the solution block has no '{STARTER_PREFIX} <python line>' line; add one per name "
            f"the check reads, set to ... with a '{YOUR_CODE}' comment ({CONVENTION})")
    if following is None or not is_check(following):
        raise ExerciseError(
            f"{where}: the solution block is not followed by a check block; start the next code block "
            f"with a bare '# %%' line and '{CHECK_MARK}' as its first line ({CONVENTION})")


_MARK_AS_TEXT = re.compile(r"^\s*(?:exercise: (?:solution|check)|starter:)", re.MULTILINE)


def _reject_marks_read_as_text(text: str, where: str) -> None:
    """sphinx-gallery reads the comment lines right after ``# %%`` or a text block as
    text: a marker written there would end up in the prose, the solution shown."""
    match = _MARK_AS_TEXT.search(text)
    if match:
        raise ExerciseError(
            f"{where}: '# {match.group(0).strip()}' is read as text, not code: leave an empty line (without '#') "
            f"between the statement and '{SOLUTION_MARK}', and between '# %%' and '{CHECK_MARK}' ({CONVENTION})")


def exercises_in_blocks(blocks: list[tuple[str, str, int]], where: str = "") -> list[Exercise]:
    """The exercises of sphinx-gallery blocks ``(label, content, line)``."""
    for label, content, line in blocks:
        if label == "text":
            _reject_marks_read_as_text(content, f"{where} line {line}")
    code = [(content, line) for label, content, line in blocks if label == "code"]
    found = []
    for index, (content, line) in enumerate(code):
        following = code[index + 1][0] if index + 1 < len(code) else None
        if is_solution(content):
            _validate_pair(content, following, f"{where} line {line}")
            found.append(Exercise(solution=content, check=following, line=line))
        elif is_check(content) and (index == 0 or not is_solution(code[index - 1][0])):
            raise ExerciseError(f"{where} line {line}: a check block that follows no solution block "
                                f"({CONVENTION})")
    return found


def exercises_in_example(path: str | Path) -> list[Exercise]:
    """The exercises of an example file, as sphinx-gallery splits it into blocks."""
    from sphinx_gallery.py_source_parser import split_code_and_text_blocks

    _conf, blocks, _node = split_code_and_text_blocks(str(path), return_node=True)
    return exercises_in_blocks([tuple(block) for block in blocks], str(path))


# ---------------------------------------------------------------------------
# The page: sphinx-gallery's generated rst
# ---------------------------------------------------------------------------

_CODE_BLOCK = re.compile(r"^\.\. code-block:: \w+\s*$")
# What starts the next part of the page: sphinx-gallery's comment before every block,
# the running time, the download footer.
_NEXT_PART = re.compile(r"^(?:\.\. GENERATED FROM PYTHON SOURCE LINES|\.\. rst-class:: sphx-glr-timing"
                        r"|\.\. _sphx_glr_download_)")
_INDENT = "   "


def _code_start(lines: list[str], directive: int) -> int:
    """Index of the first code line of the code-block directive at ``directive``."""
    i = directive + 1
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith(_INDENT + ":")):
        i += 1
    return i


def _part_end(lines: list[str], start: int) -> int:
    end = next((i for i in range(start, len(lines)) if _NEXT_PART.match(lines[i])), len(lines))
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


def collapse_solutions(rst: str, where: str = "") -> str:
    """The rst of an example page with each solution (code, output, figures) in a
    collapsed "Show solution" element and each check without its marker line."""
    lines = rst.split("\n")
    out: list[str] = []
    i = 0
    pending_solution = None
    while i < len(lines):
        if not _CODE_BLOCK.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        first = _code_start(lines, i)
        mark = lines[first].strip() if first < len(lines) else ""
        if mark not in (SOLUTION_MARK, CHECK_MARK):
            if pending_solution is not None:
                raise ExerciseError(f"{where}: the solution block at line {pending_solution} is not followed by a "
                                    f"check block ({CONVENTION})")
            out.append(lines[i])
            i += 1
            continue
        end = _part_end(lines, first)
        part = lines[i:first] + [line for line in lines[first:end]
                                 if line.strip() not in (SOLUTION_MARK, CHECK_MARK) and not _is_starter(line)]
        if mark == SOLUTION_MARK:
            if not any(_is_starter(line) for line in lines[first:end]):
                raise ExerciseError(f"{where}: the solution block at line {i + 1} has no '{STARTER_PREFIX}' line "
                                    f"({CONVENTION})")
            pending_solution = i + 1
            out += [f".. dropdown:: {SHOW_SOLUTION}", f"{_INDENT}:class-container: {SOLUTION_CLASS}", ""]
        else:
            if pending_solution is None:
                raise ExerciseError(f"{where}: the check block at line {i + 1} follows no solution block "
                                    f"({CONVENTION})")
            pending_solution = None
            out += [f".. container:: {CHECK_CLASS}", ""]
        out += [_INDENT + line if line.strip() else "" for line in part]
        i = end
    if pending_solution is not None:
        raise ExerciseError(f"{where}: the solution block at line {pending_solution} is not followed by a check "
                            f"block ({CONVENTION})")
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Notebooks
# ---------------------------------------------------------------------------

def _source(cell: Mapping) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def to_starter_notebook(notebook: dict, where: str = "") -> int:
    """Replace, in place, each solution cell of a sphinx-gallery notebook by its
    starter cell and strip the marker of each check cell; returns the number of
    exercises. Idempotent: a converted notebook has no marker left. Cells keep their
    ``id`` (nbformat 4.5): the starter and the check cell take the places of the
    solution and check cells."""
    code_cells = [cell for cell in notebook.get("cells", []) if cell.get("cell_type") == "code"]
    count = 0
    for index, cell in enumerate(code_cells):
        code = _source(cell)
        following = code_cells[index + 1] if index + 1 < len(code_cells) else None
        if is_solution(code):
            following_code = _source(following) if following else None
            _validate_pair(code, following_code, f"{where} notebook code cell {index + 1}")
            cell["source"] = starter_code(code)
            cell["outputs"] = []
            cell["execution_count"] = None
            cell.setdefault("metadata", {})[CELL_ROLE] = "starter"
            following["source"] = without_first_line(following_code, CHECK_MARK).lstrip("\n")
            following["outputs"] = []
            following["execution_count"] = None
            following.setdefault("metadata", {})[CELL_ROLE] = "check"
            count += 1
        elif is_check(code) and cell.get("metadata", {}).get(CELL_ROLE) != "check":
            raise ExerciseError(f"{where} notebook code cell {index + 1}: a check cell that follows no solution "
                                f"cell ({CONVENTION})")
    return count


def exercise_cells(notebook: Mapping) -> list[tuple[int, Mapping, Mapping]]:
    """``(index of the check cell, starter cell, check cell)`` of a converted notebook."""
    cells = notebook.get("cells", [])
    found = []
    for index, cell in enumerate(cells):
        if cell.get("metadata", {}).get(CELL_ROLE) == "check":
            starter = next(c for c in reversed(cells[:index]) if c.get("metadata", {}).get(CELL_ROLE) == "starter")
            found.append((index, starter, cell))
    return found


# ---------------------------------------------------------------------------
# Sphinx
# ---------------------------------------------------------------------------

def collapse_solutions_on_example_pages(app, docname: str, source: list[str]) -> None:
    from sphinx.errors import ExtensionError

    galleries = tuple(f"{name}/" for name in app.config.sphinx_gallery_conf["gallery_dirs"])
    if not docname.startswith(galleries):
        return
    # sphinx-gallery copies each example next to its page: check it follows the convention.
    example = Path(app.srcdir) / (docname + ".py")
    try:
        if example.is_file():
            exercises_in_example(example)
        if SOLUTION_MARK in source[0] or CHECK_MARK in source[0]:
            source[0] = collapse_solutions(source[0], docname)
    except ExerciseError as error:
        raise ExtensionError(str(error)) from error


def setup(app) -> dict:
    app.setup_extension("sphinx_design")
    app.connect("source-read", collapse_solutions_on_example_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
