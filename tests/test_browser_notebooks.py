"""Notebooks are adapted for the browser from their own imports."""

from __future__ import annotations

import json
from importlib.metadata import requires, version

import nbformat
import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement

import lite_notebooks
from conftest import HTML


def notebook(*sources: str) -> dict:
    """A notebook as plain JSON, the form sphinx-gallery hands to the adaptation."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    return json.loads(nbformat.writes(nb))


def text(cell: dict) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def lite_notebook(relative: str) -> dict:
    return json.loads((HTML / "lite" / "files" / relative).read_text())


def test_imports_are_read_from_code_cells_only():
    nb = notebook("import numpy as np\nfrom nilearn import plotting", "%matplotlib inline\nimport os.path")
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "import tensorflow"})
    assert lite_notebooks.imported_modules(nb) == {"numpy", "nilearn", "os"}


def test_only_what_pyodide_lacks_is_installed_pinned():
    requirements = lite_notebooks.browser_requirements({"numpy", "sklearn", "pathlib", "nilearn", "nibabel"})
    assert requirements == [f"nibabel=={version('nibabel')}", f"nilearn=={version('nilearn')}"]


def test_an_unknown_module_is_a_clear_error():
    with pytest.raises(ModuleNotFoundError, match="not_a_real_module"):
        lite_notebooks.browser_requirements({"not_a_real_module"})


def test_nilearn_notebook_gets_an_install_cell_and_keeps_its_code():
    nb = notebook("from nilearn import datasets\nprint(datasets)")
    original_cells = len(nb["cells"])
    lite_notebooks.adapt_for_browser(nb, "/nowhere/_contents/prerequisites/plot_x.ipynb")
    cells = nb["cells"]
    assert cells[0]["cell_type"] == "markdown"
    assert text(cells[1]).startswith("%pip install ")
    assert f"nilearn=={version('nilearn')}" in text(cells[1])
    assert len(cells) == original_cells + 2
    lite_notebooks.adapt_for_browser(nb, "/nowhere/_contents/prerequisites/plot_x.ipynb")
    assert len(nb["cells"]) == original_cells + 2, "adapting twice must not add cells twice"
    nbformat.validate(nbformat.reads(json.dumps(nb), as_version=4))


def test_tensorflow_notebook_opens_with_a_note_and_no_install_cell():
    nb = notebook("import keras\nfrom nilearn import datasets")
    lite_notebooks.adapt_for_browser(nb, "/x/_contents/deep_learning/plot_y.ipynb")
    cells = nb["cells"]
    assert cells[0]["cell_type"] == "markdown"
    assert "cannot run in the browser" in text(cells[0])
    # tensorflow, not tensorflow-cpu: the latter has no wheels for macOS or Windows
    assert "pip install tensorflow " in text(cells[0]) and "tensorflow-cpu" not in text(cells[0])
    assert "learner.txt" in text(cells[0]) and "Run on your computer" in text(cells[0])
    assert not any(c["cell_type"] == "code" and "%pip" in text(c) for c in cells)


def _pyodide_environment() -> dict:
    summary = lite_notebooks.pyodide_packages()
    env = default_environment()
    python = summary["python"]
    env.update(python_version=".".join(python.split(".")[:2]), python_full_version=python,
               sys_platform="emscripten", platform_system="Emscripten", platform_machine="wasm32")
    return env


def test_installed_packages_resolve_against_pyodide_packages():
    """``%pip install nilearn==X`` only works if Pyodide's own NumPy, scikit-learn, ...
    satisfy nilearn's requirements (Pyodide's packages cannot be replaced)."""
    shipped = {name.lower(): info["version"] for name, info in lite_notebooks.pyodide_packages()["packages"].items()}
    installs = lite_notebooks.browser_requirements({"nilearn", "nibabel", "seaborn"})
    pinned = {r.split("==")[0].lower(): r.split("==")[1] for r in installs}
    environment = _pyodide_environment()
    for dist in pinned:
        for line in requires(dist) or []:
            requirement = Requirement(line)
            if requirement.marker and not requirement.marker.evaluate({**environment, "extra": ""}):
                continue
            name = requirement.name.lower().replace("_", "-")
            available = shipped.get(name) or pinned.get(name)
            assert available, f"{dist} needs {name}, which Pyodide lacks and we do not install"
            assert requirement.specifier.contains(available, prereleases=True), (
                f"{dist} needs {requirement}, Pyodide has {available}"
            )


def test_pyodide_summary_matches_the_installed_kernel():
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    assert lite_notebooks.pyodide_packages()["pyodide_version"] == PYODIDE_VERSION, (
        "jupyterlite-pyodide-kernel changed its Pyodide: run `python -m tools.pyodide_packages`"
    )


def test_built_lite_notebooks_are_adapted(site):
    nilearn_nb = lite_notebook("prerequisites/plot_08_nibabel_brain_images.ipynb")
    install = [c for c in nilearn_nb["cells"] if c["cell_type"] == "code"][0]
    assert "".join(install["source"]).startswith("%pip install")
    assert f"nilearn=={version('nilearn')}" in "".join(install["source"])

    keras_nb = lite_notebook("deep_learning/plot_02_keras_first_network.ipynb")
    first = keras_nb["cells"][0]
    assert first["cell_type"] == "markdown" and "cannot run in the browser" in "".join(first["source"])

    # The downloadable notebook is the plain one: no browser cells for readers running locally.
    downloads = list((HTML / "_downloads").rglob("plot_08_nibabel_brain_images.ipynb"))
    assert downloads and "%pip install" not in downloads[0].read_text()
