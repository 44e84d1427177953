"""Run every example in the cloud: Colab and Binder launchers and the notebooks they open.

* sphinx-gallery's own ``binder`` option (:func:`binder_config`, from ``repository_url``)
  puts a Binder button on every example page and copies each example notebook to the
  stable path ``<html>/notebooks/<gallery>/<name>.ipynb``, and the Binder environment
  (``binder/``) to ``<html>/binder/``;
* :func:`publish_cloud_notebooks` turns those copies into the *cloud flavour*: a first
  cell installs what Google Colab lacks, derived from the notebook's imports like the
  browser adaptation (:func:`lite_notebooks.pinned_requirements`) and pinned to the
  site's versions; the Colab runtime's modules are data with their source
  (``colab_preinstalled.json``). The examples' own fetcher calls download their data;
* every example page gets an "Open in Colab" button beside the JupyterLite and Binder
  ones, in the footer and in the secondary sidebar (sphinx-gallery's launcher links),
  and a note that says which ways of running it exist and how long it ran in the build.

Colab and Binder open the notebooks from GitHub, on the *launch branch*
(``sphinx_gallery_conf["binder"]["branch"]``), which the deploy workflow
(``.github/workflows/site.yml``) force-pushes with the ``notebooks/`` and ``binder/``
folders of each published build.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

import data_usage
import lite_notebooks

logger = logging.getLogger(__name__)

COLAB_PREINSTALLED = Path(__file__).with_name("colab_preinstalled.json")
BINDERHUB_URL = "https://mybinder.org"
NOTEBOOKS_DIR = "notebooks"
COLAB_URL = "https://colab.research.google.com/github/{org}/{repo}/blob/{branch}/{path}"
COLAB_BADGE = "/_static/colab_badge.svg"
CLOUD_MARK = "ml-primer-cloud-setup"
_GITHUB_REPOSITORY = re.compile(r"^https://github\.com/(?P<org>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?$")


def github_repository(repository_url: str) -> tuple[str, str]:
    """``(org, repo)`` of a ``https://github.com/<org>/<repo>`` address."""
    match = _GITHUB_REPOSITORY.match(repository_url)
    if not match:
        raise ValueError(
            f"repository_url {repository_url!r} is not a GitHub repository address: the Colab and "
            "Binder buttons open notebooks from GitHub. Set it to https://github.com/<org>/<repo> in conf.py."
        )
    return match["org"], match["repo"]


def binder_config(repository_url: str, branch: str, dependencies: list[str]) -> dict:
    """sphinx-gallery's ``binder`` configuration for the launch branch of this repository
    (``dependencies`` relative to the Sphinx source folder)."""
    org, repo = github_repository(repository_url)
    return {
        "binderhub_url": BINDERHUB_URL,
        "org": org,
        "repo": repo,
        "branch": branch,
        "dependencies": list(dependencies),
        "notebooks_dir": NOTEBOOKS_DIR,
        "use_jupyter_lab": True,
    }


def notebook_path(docname: str) -> str:
    """Where the launch branch (and ``<html>``) holds the notebook of an example page."""
    return f"{NOTEBOOKS_DIR}/{docname}.ipynb"


def colab_url(binder_conf: dict, docname: str) -> str:
    """The Colab address that opens an example's published notebook from the launch branch."""
    return COLAB_URL.format(org=binder_conf["org"], repo=binder_conf["repo"], branch=quote(binder_conf["branch"]),
                            path=quote(notebook_path(docname)))


# -- Cloud flavour of the notebooks --------------------------------------------------


@lru_cache(maxsize=1)
def colab_preinstalled() -> frozenset[str]:
    """Top-level modules Colab ships (``colab_preinstalled.json``)."""
    return frozenset(json.loads(COLAB_PREINSTALLED.read_text())["distributions"].values())


def cloud_requirements(modules: set[str]) -> list[str]:
    """Pinned distributions a cloud notebook installs: what it imports and Colab lacks."""
    return lite_notebooks.pinned_requirements(modules, colab_preinstalled(), "Google Colab")


CLOUD_NOTE = """\
**Running on Colab or Binder.** The next cell installs {packages}, at the versions this
site was built with; Colab has the other packages this example uses. Run it first (on
Binder, or on a computer with the course's environment, it finds them installed already).
"""


def cloud_setup_cells(requirements: list[str]) -> list[dict]:
    if not requirements:
        return []
    packages = ", ".join(f"`{r}`" for r in requirements)
    return [lite_notebooks._markdown(CLOUD_NOTE.format(packages=packages), mark=CLOUD_MARK),
            lite_notebooks._code("%pip install " + " ".join(requirements), mark=CLOUD_MARK)]


def adapt_for_cloud(notebook: dict) -> None:
    """Edit ``notebook`` in place into its cloud flavour (once)."""
    cells = notebook.setdefault("cells", [])
    if any(cell.get("metadata", {}).get(CLOUD_MARK) for cell in cells):
        return
    cells[0:0] = cloud_setup_cells(cloud_requirements(lite_notebooks.imported_modules(notebook)))
    lite_notebooks._give_new_cells_ids(notebook, mark=CLOUD_MARK, prefix="cloud-setup")


def publish_cloud_notebooks(app: Sphinx, exception: Exception | None) -> None:
    """After sphinx-gallery copied the notebooks to ``<html>/notebooks/``: cloud flavour."""
    if exception is not None or app.builder.format != "html":
        return
    root = Path(app.outdir) / app.config.sphinx_gallery_conf["binder"]["notebooks_dir"]
    paths = sorted(root.rglob("*.ipynb"))
    for path in paths:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        adapt_for_cloud(notebook)
        path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    logger.info("cloud notebooks for Colab and Binder: %d in %s", len(paths), root)


# -- Example pages -----------------------------------------------------------------


def _example_source(app: Sphinx, docname: str) -> Path | None:
    """The example script sphinx-gallery copied next to the page, if ``docname`` is an example."""
    galleries = app.config.sphinx_gallery_conf["gallery_dirs"]
    if docname.split("/", 1)[0] not in galleries or not docname.rsplit("/", 1)[-1].startswith("plot_"):
        return None
    script = Path(app.srcdir) / (docname + ".py")
    return script if script.is_file() else None


_BADGE_BLOCK = re.compile(r"^(?P<indent> *)\.\. container:: (?:lite|binder)-badge\n(?:(?P=indent) +.*\n|\n)*",
                          re.MULTILINE)
COLAB_BADGE_RST = """\
{indent}.. container:: colab-badge

{indent}  .. image:: {image}
{indent}    :target: {url}
{indent}    :alt: Open in Colab
{indent}    :width: 150 px

"""


def with_colab_badge(rst: str, url: str) -> str:
    """The page's reST with an "Open in Colab" badge after its last launcher badge."""
    blocks = list(_BADGE_BLOCK.finditer(rst))
    if not blocks:
        return rst
    last = blocks[-1]
    badge = COLAB_BADGE_RST.format(indent=last["indent"], image=COLAB_BADGE, url=url)
    return rst[: last.end()] + badge + rst[last.end():]


def add_colab_badge(app: Sphinx, docname: str, source: list[str]) -> None:
    if _example_source(app, docname) is not None:
        source[0] = with_colab_badge(source[0], colab_url(app.config.sphinx_gallery_conf["binder"], docname))


def run_time(seconds: float) -> str:
    """A duration for readers: ``0.4 s``, ``12 s``, ``2 min 5 s``."""
    if seconds < 1:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


RUN_OPTIONS = """
.. rst-class:: run-options

**Ways to run this example:** {ways}.{not_in_browser}{duration}

"""
NOT_IN_BROWSER = " Not in the browser: it needs TensorFlow, which JupyterLite (Pyodide) does not have."


def run_options_note(in_browser: bool, seconds: float | None) -> str:
    ways = (["in your browser (JupyterLite)"] if in_browser else []) + [
        "on Google Colab", "on Binder", "on your computer (:ref:`setup-local`)"]
    duration = "" if not seconds else f" It ran in {run_time(seconds)} on the machine that built this site."
    return RUN_OPTIONS.format(ways=", ".join(ways), not_in_browser="" if in_browser else NOT_IN_BROWSER,
                              duration=duration)


def build_seconds(script: Path) -> float | None:
    """The example's last measured running time (sphinx-gallery's cost cache), if it ran."""
    cost = script.with_name(script.stem + ".cost.json")
    if not cost.is_file():
        return None
    return float(json.loads(cost.read_text())["time"]) or None


def add_run_options(app: Sphinx, docname: str, source: list[str]) -> None:
    script = _example_source(app, docname)
    notebook = script.with_suffix(".ipynb") if script else None
    if notebook is None or not notebook.is_file():
        return
    in_browser = lite_notebooks.runs_in_browser(json.loads(notebook.read_text(encoding="utf-8")))
    source[0] = data_usage.insert_after_title(source[0], run_options_note(in_browser, build_seconds(script)))


def _colab_link(doctree) -> dict | None:
    if doctree is None:
        return None
    for container in doctree.findall(lambda node: isinstance(node, nodes.container)
                                     and "colab-badge" in node["classes"]):
        anchor = container.children[0]
        image = anchor.children[0]
        return {"link": anchor["refuri"], "img_alt": image.get("alt"), "img_src": image.get("uri")}
    return None


def add_colab_launcher(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """sphinx-gallery's launcher links (the sidebar component) know JupyterLite and Binder;
    add Colab after them."""
    links_of_page = context.get("get_launcher_links")
    colab = _colab_link(doctree)
    if links_of_page is None or colab is None:
        return

    def launcher_links() -> dict:
        return {**links_of_page(), "colab": colab}

    context["get_launcher_links"] = launcher_links


def setup(app: Sphinx) -> dict:
    app.connect("source-read", add_colab_badge)
    app.connect("source-read", add_run_options)
    # After sphinx-gallery's getters (priority 500) and its copy of the notebooks (500).
    app.connect("html-page-context", add_colab_launcher, priority=600)
    app.connect("build-finished", publish_cloud_notebooks, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
