"""Adapt each example notebook to run in the browser (JupyterLite + Pyodide).

sphinx-gallery calls :func:`adapt_for_browser` on every notebook it stages for
JupyterLite (``notebook_modification_function``). The adaptation is derived from
the notebook itself, never from a hand-kept list:

* the imports of the code cells are compared with the packages Pyodide ships
  (``pyodide_packages.json``, see ``tools/pyodide_packages.py``); whatever is
  missing is installed by a first ``%pip install`` cell, pinned to the versions
  the site was built with;
* the nilearn data files the example read during the build (its
  :mod:`data_usage` record) are fetched from the site itself, compressed (see
  :mod:`browser_data`), and written with their original bytes into the browser's
  nilearn data folder, so the example's unmodified fetcher call finds them; the
  note above the cell says how much it downloads before the reader runs it. Files
  the example fetched with scikit-learn's ``fetch_file`` sit in scikit-learn's data
  home, a folder of the data layout (``tools.data.SKLEARN_DATA_FOLDER``); the cell
  then points ``SCIKIT_LEARN_DATA`` at the same folder in the browser;
* a notebook that imports TensorFlow or Keras, which do not exist for Pyodide,
  opens instead with a note on how to run it locally.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from functools import lru_cache
from importlib.metadata import packages_distributions, version
from pathlib import Path

import browser_data
import data_usage
import exercises
from tools.data import SKLEARN_DATA_FOLDER

PYODIDE_SUMMARY = Path(__file__).with_name("pyodide_packages.json")
NOT_IN_BROWSER = {"tensorflow", "keras", "tf_keras"}
# Published next to the lite site by ``site_setup`` and fetched from there.
BROWSER_DATA_FOLDER = "lite-data"
ADAPTED_MARK = "ml-primer-browser-adaptation"
# Downloads in flight at once: an example may need a few hundred files, one request
# at a time would wait on each round trip, all at once would flood the browser.
PARALLEL_DOWNLOADS = 8


@lru_cache(maxsize=1)
def pyodide_packages() -> dict:
    return json.loads(PYODIDE_SUMMARY.read_text())


@lru_cache(maxsize=1)
def pyodide_importables() -> frozenset[str]:
    names = set()
    for info in pyodide_packages()["packages"].values():
        names.update(info["imports"])
    return frozenset(names)


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def modules_imported_by(code: str) -> set[str]:
    """Top-level names of every module a piece of Python code imports."""
    modules = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module.split(".")[0])
    return modules


def imported_modules(notebook: dict) -> set[str]:
    """Top-level names of every module the notebook's code cells import."""
    modules = set()
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        # IPython magics are not Python; they carry no imports in our examples.
        code = "\n".join(
            line for line in _cell_source(cell).splitlines() if not line.lstrip().startswith(("%", "!"))
        )
        modules |= modules_imported_by(code)
    return modules


# An example that cannot work with the library versions of the browser (tools.browser_versions
# finds those) declares it with this sphinx-gallery file setting, giving the reason:
#     # sphinx_gallery_browser_incompatible = "uses an argument scikit-learn 1.8 lacks"
# sphinx-gallery removes the line from the page and the notebooks.
INCOMPATIBLE_PATTERN = re.compile(r'^# ?sphinx_gallery_browser_incompatible\s*=\s*(["\'])(.+)\1\s*$', re.MULTILINE)


def browser_incompatibility(source: str) -> str | None:
    """The reason an example's source gives for not running with the browser's versions, if any."""
    match = INCOMPATIBLE_PATTERN.search(source)
    return match.group(2) if match else None


def pinned_requirements(modules: set[str], preinstalled: frozenset[str], platform: str) -> list[str]:
    """Pinned distributions (the build's versions) to install on ``platform`` for these
    imports: every module that is neither in the standard library nor ``preinstalled``."""
    distributions = packages_distributions()
    requirements = set()
    for module in sorted(modules):
        if module in sys.stdlib_module_names or module in preinstalled:
            continue
        if module not in distributions:
            raise ModuleNotFoundError(
                f"The example imports {module!r}, which is neither in Python's standard library, "
                f"nor shipped by {platform}, nor installed in the build environment. "
                "Add its distribution to requirements/site.in and requirements/site.txt."
            )
        dist = distributions[module][0]
        requirements.add(f"{dist}=={version(dist)}")
    return sorted(requirements)


def browser_requirements(modules: set[str]) -> list[str]:
    """Pinned distributions to ``%pip install`` in Pyodide for these imports."""
    return pinned_requirements(modules, pyodide_importables(), "Pyodide")


def _markdown(text: str, mark: str = ADAPTED_MARK) -> dict:
    return {"cell_type": "markdown", "metadata": {mark: True}, "source": text}


def _code(text: str, mark: str = ADAPTED_MARK) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {mark: True},
        "outputs": [],
        "source": text,
    }


TENSORFLOW_NOTE = """\
> **This example cannot run in the browser.** It uses TensorFlow/Keras, which is not
> available for Pyodide, the Python that JupyterLite runs in your browser. Read the cells
> below, or run the notebook on your own computer, in the course's learner environment
> (`learner.txt` for pip or `environment.yml` for conda, from the site's Setup page,
> section "Run on your computer", with commands for Linux, macOS and Windows), or with
> just what this example needs:
>
> ```bash
> python -m pip install tensorflow {packages}
> jupyter lab {notebook}
> ```
>
> The executed version, with all outputs and figures, is on the example's page of the site.
"""

INCOMPATIBLE_NOTE = """\
> **This example does not run in the browser yet.** The library versions of Pyodide, the
> Python that JupyterLite runs in your browser, differ from the site's: {reason}. Run the
> notebook on your own computer, in the course's learner environment (`learner.txt` or
> `environment.yml`, from the site's Setup page, section "Run on your computer"):
> `jupyter lab {notebook}`. The executed version is on the example's page of the site.
"""

SETUP_NOTE = """\
**Running in the browser.** The next cell prepares this notebook for JupyterLite:
{parts}. Run it first; it does nothing harmful on your own computer, where you can also
skip it.
"""

FETCH_DATA = """\
# Copy this example's data files from the site into the browser's nilearn data
# folder, where the unmodified fetcher calls below look for them. The site gzips
# the files that are not compressed already; they are written back unchanged.
import asyncio
import gzip
import os
from pathlib import Path

from js import location
from pyodide.http import pyfetch

site_root = str(location.href).split("/lite/")[0]
nilearn_data = Path(os.environ.get("NILEARN_DATA", Path.home() / "nilearn_data"))
os.environ["NILEARN_DATA"] = str(nilearn_data)
{sklearn_home}# Where each file goes under nilearn_data: what the site serves for it.
data_files = {files!r}
download_slots = asyncio.Semaphore({parallel})


async def copy_from_site(relative_path, served_path):
    target = nilearn_data / relative_path
    if target.exists():
        return 0
    async with download_slots:
        response = await pyfetch(f"{{site_root}}/{folder}/{{served_path}}")
        if not response.ok:
            raise RuntimeError(f"Could not fetch {{relative_path}} from the site: HTTP {{response.status}}.")
        content = await response.bytes()
    # A host that labels .gz files "Content-Encoding: gzip" has the browser decompress them.
    if served_path != relative_path and content[:2] == b"\\x1f\\x8b":
        content = gzip.decompress(content)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Renamed into place once complete: an interrupted download is not taken for a file.
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(content)
    partial.replace(target)
    return 1


copied = await asyncio.gather(*(copy_from_site(path, served) for path, served in data_files.items()))
print(f"{{sum(copied)}} data files downloaded; all {{len(data_files)}} are in {{nilearn_data}}")
"""


SKLEARN_HOME = """\
# scikit-learn's fetch_file looks in its data home: the same folder as in the site's build.
os.environ["SCIKIT_LEARN_DATA"] = str(nilearn_data / {folder!r})
"""


def reads_sklearn_data(paths) -> bool:
    """Whether any of these data files (relative to the data folder) is in scikit-learn's data home."""
    return any(path.startswith(SKLEARN_DATA_FOLDER + "/") for path in paths)


def megabytes(size: int) -> str:
    """A download size for readers (1 MB = 10**6 bytes, 1 kB = 1000 bytes)."""
    if size < 100_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1e6:.1f} MB"


def data_files_note(files: list[browser_data.ServedFile]) -> str:
    count = f"{len(files)} data file" + ("" if len(files) == 1 else "s")
    size = megabytes(browser_data.transfer_bytes(files))
    return f"it downloads the {count} this example reads ({size}) from this site"


def setup_cells(requirements: list[str], data_files: list[browser_data.ServedFile]) -> list[dict]:
    """The markdown note and code cell(s) that prepare a notebook for Pyodide."""
    if not requirements and not data_files:
        return []
    parts, cells = [], []
    if requirements:
        parts.append("it installs " + ", ".join(f"`{r}`" for r in requirements) + " (not part of Pyodide)")
        cells.append(_code("%pip install " + " ".join(requirements)))
    if data_files:
        parts.append(data_files_note(data_files))
        served = {file.path: file.served_path for file in data_files}
        sklearn_home = SKLEARN_HOME.format(folder=SKLEARN_DATA_FOLDER) if reads_sklearn_data(served) else ""
        cells.append(_code(FETCH_DATA.format(files=served, folder=BROWSER_DATA_FOLDER, parallel=PARALLEL_DOWNLOADS,
                                             sklearn_home=sklearn_home)))
    return [_markdown(SETUP_NOTE.format(parts=" and ".join(parts))), *cells]


def _staged_location(notebook_filename: str | Path) -> tuple[Path, Path] | None:
    """``(src_dir, <gallery>/<stem>.ipynb)`` of a notebook staged in ``<src_dir>/_contents/``."""
    parts = Path(notebook_filename).parts
    if "_contents" not in parts:
        return None
    index = len(parts) - 1 - parts[::-1].index("_contents")
    return Path(*parts[:index]), Path(*parts[index + 1 :])


def record_for_notebook(notebook_filename: str | Path) -> dict | None:
    """The data record of the example behind a staged notebook ``.../_contents/<gallery>/<stem>.ipynb``."""
    location = _staged_location(notebook_filename)
    if location is None:
        return None
    src_dir, relative = location
    return data_usage.read_record(src_dir / relative.with_suffix(data_usage.RECORD_SUFFIX))


def runs_in_browser(notebook: dict, source: str | None = None) -> bool:
    """False for a notebook that imports TensorFlow or Keras, which Pyodide lacks, or whose
    example ``source`` declares it incompatible with the browser's library versions."""
    if imported_modules(notebook) & NOT_IN_BROWSER:
        return False
    return source is None or browser_incompatibility(source) is None


def example_source(notebook_filename: str | Path) -> str | None:
    """The source of the example behind a staged notebook: sphinx-gallery copies each
    example's ``.py`` next to its page, ``<src_dir>/<gallery>/<stem>.py``."""
    location = _staged_location(notebook_filename)
    if location is None:
        return None
    src_dir, relative = location
    path = src_dir / relative.with_suffix(".py")
    return path.read_text() if path.is_file() else None


def adapt_for_browser(notebook: dict, notebook_filename: str) -> None:
    """sphinx-gallery ``notebook_modification_function``: edit ``notebook`` in place."""
    cells = notebook.setdefault("cells", [])
    # The staged notebook is already the starter notebook (notebook_markdown); this
    # guard keeps a solution out of the browser should it be staged from elsewhere.
    exercises.to_starter_notebook(notebook, str(notebook_filename))
    if any(cell.get("metadata", {}).get(ADAPTED_MARK) for cell in cells):
        return
    modules = imported_modules(notebook)
    if modules & NOT_IN_BROWSER:
        others = [r.split("==")[0] for r in browser_requirements(modules - NOT_IN_BROWSER)]
        note = TENSORFLOW_NOTE.format(packages=" ".join(others), notebook=Path(notebook_filename).name)
        cells.insert(0, _markdown(note))
        _give_new_cells_ids(notebook)
        return
    reason = browser_incompatibility(example_source(notebook_filename) or "")
    if reason:
        cells.insert(0, _markdown(INCOMPATIBLE_NOTE.format(reason=reason, notebook=Path(notebook_filename).name)))
        _give_new_cells_ids(notebook)
        return
    record = record_for_notebook(notebook_filename)
    data_files = []
    if record:
        src_dir, _ = _staged_location(notebook_filename)
        data_files = browser_data.served_files(record, browser_data.cache_dir(src_dir))
    cells[0:0] = setup_cells(browser_requirements(modules), data_files)
    _give_new_cells_ids(notebook)


def _give_new_cells_ids(notebook: dict, mark: str = ADAPTED_MARK, prefix: str = "browser-setup") -> None:
    """nbformat 4.5+ requires an id on every cell; older minor versions forbid it."""
    if notebook.get("nbformat", 4) == 4 and notebook.get("nbformat_minor", 0) < 5:
        return
    for number, cell in enumerate(c for c in notebook["cells"] if c["metadata"].get(mark)):
        cell.setdefault("id", f"{prefix}-{number}")
