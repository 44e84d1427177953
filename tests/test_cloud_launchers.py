"""Colab and Binder launchers, the cloud notebooks they open, and the deploy workflow.

Nothing here reaches GitHub, Colab or Binder: the tests check the launchers' URLs (their
form, the configured repository and branch) and that each URL's notebook is in the build
output, which the workflow pushes to that branch; not what those services answer.
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from importlib.metadata import packages_distributions, version
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import cloud_launchers
import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import lite_notebooks
from conftest import HTML, ROOT, example_sources, read_conf

CONF = read_conf()
BINDER = CONF["sphinx_gallery_conf"]["binder"]
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
BINDER_REQUIREMENTS = ROOT / "binder" / "requirements.txt"
JUPYTERLITE_ONLY = ("pyfetch", "from js import", "pyodide", lite_notebooks.BROWSER_DATA_FOLDER)


def pins(path: Path) -> dict[str, str]:
    """``{canonical name: version}`` of a file of ``name==version`` lines."""
    result = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", f"{path.name}: {line} is not pinned with =="
            result[canonicalize_name(requirement.name)] = specifier.version
    return result


def example_imports(source: Path) -> set[str]:
    return lite_notebooks.imported_modules({"cells": [{"cell_type": "code", "source": source.read_text()}]})


# -- configuration -------------------------------------------------------------------


def test_binder_configuration_comes_from_the_repository_url_and_passes_sphinx_gallerys_check():
    from sphinx_gallery.interactive_example import check_binder_conf

    org, repo = urlsplit(CONF["repository_url"]).path.strip("/").split("/")
    assert (BINDER["org"], BINDER["repo"], BINDER["branch"]) == (org, repo, CONF["launch_branch"])
    assert check_binder_conf(BINDER)["notebooks_dir"] == "notebooks"


@pytest.mark.parametrize("url", ["https://gitlab.com/a/b", "github.com/a/b", "https://github.com/a"])
def test_a_repository_url_not_on_github_is_refused_with_the_fix(url):
    with pytest.raises(ValueError, match=r"https://github.com/<org>/<repo>"):
        cloud_launchers.github_repository(url)


def test_repository_address_may_end_in_git_or_a_slash():
    assert cloud_launchers.github_repository("https://github.com/o-1/r.x.git") == ("o-1", "r.x")
    assert cloud_launchers.github_repository("https://github.com/o/r/") == ("o", "r")


def test_colab_url_opens_the_notebook_from_the_launch_branch():
    conf = cloud_launchers.binder_config("https://github.com/org/repo", "pages branch", ["requirements.txt"])
    assert cloud_launchers.colab_url(conf, "deep_learning/plot_02_x") == (
        "https://colab.research.google.com/github/org/repo/blob/pages%20branch/notebooks/deep_learning/plot_02_x.ipynb")


# -- the Binder environment -------------------------------------------------------------


def test_binder_environment_pins_the_sites_versions():
    site = pins(ROOT / "requirements" / "site.txt")
    binder = pins(BINDER_REQUIREMENTS)
    assert binder, "binder/requirements.txt lists no package"
    different = {name: (pinned, site.get(name)) for name, pinned in binder.items() if site.get(name) != pinned}
    assert not different, f"binder/requirements.txt differs from requirements/site.txt (binder, site): {different}"


def test_binder_environment_has_every_package_the_examples_import():
    distributions = packages_distributions()
    imported = set().union(*(example_imports(source) for source in example_sources()))
    needed = {canonicalize_name(distributions[module][0]) for module in imported
              if module not in sys.stdlib_module_names}
    missing = needed - set(pins(BINDER_REQUIREMENTS))
    assert not missing, f"add to binder/requirements.txt, pinned as in requirements/site.txt: {sorted(missing)}"


def test_binder_python_is_the_sites():
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-{}.{}".format(*sys.version_info[:2])


# -- cloud flavour -------------------------------------------------------------------------


def test_colab_list_is_sourced_data_of_importable_modules():
    data = json.loads(cloud_launchers.COLAB_PREINSTALLED.read_text())
    assert data["source"].startswith("https://github.com/googlecolab/")
    distributions = packages_distributions()
    for module in data["distributions"].values():
        assert module in distributions, f"{module} in colab_preinstalled.json is not a module of the build"
    assert "nilearn" not in cloud_launchers.colab_preinstalled()


def test_cloud_requirements_are_what_colab_lacks_pinned_to_the_build():
    assert cloud_launchers.cloud_requirements({"numpy", "sklearn", "os", "tensorflow"}) == []
    assert cloud_launchers.cloud_requirements({"nilearn", "numpy", "json"}) == [f"nilearn=={version('nilearn')}"]


def test_cloud_requirements_refuse_a_module_the_build_does_not_have():
    with pytest.raises(ModuleNotFoundError, match="Google Colab"):
        cloud_launchers.cloud_requirements({"no_such_module_here"})


def code_notebook(code: str) -> dict:
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
            "cells": [{"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "execution_count": None,
                       "source": code}]}


def test_cloud_notebook_installs_only_when_needed_and_only_once():
    with_nilearn = code_notebook("from nilearn import datasets\nimport numpy as np\n")
    cloud_launchers.adapt_for_cloud(with_nilearn)
    cells = with_nilearn["cells"]
    assert [c["cell_type"] for c in cells] == ["markdown", "code", "code"]
    assert cells[1]["source"] == f"%pip install nilearn=={version('nilearn')}"
    assert {c["id"] for c in cells} == {"cloud-setup-0", "cloud-setup-1", "a"}
    cloud_launchers.adapt_for_cloud(with_nilearn)
    assert len(with_nilearn["cells"]) == 3

    numpy_only = code_notebook("import numpy as np\n")
    cloud_launchers.adapt_for_cloud(numpy_only)
    assert len(numpy_only["cells"]) == 1


# -- page text -------------------------------------------------------------------------


def test_colab_badge_goes_after_the_last_launcher_badge():
    rst = ("  .. container:: sphx-glr-footer\n\n"
           "    .. container:: binder-badge\n\n      .. image:: b.svg\n        :target: B\n\n"
           "    .. container:: lite-badge\n\n      .. image:: l.svg\n        :target: L\n\n"
           "    .. container:: sphx-glr-download\n")
    out = cloud_launchers.with_colab_badge(rst, "https://colab.example/x")
    assert out.index("lite-badge") < out.index("    .. container:: colab-badge") < out.index("sphx-glr-download")
    assert ":target: https://colab.example/x" in out
    assert cloud_launchers.with_colab_badge("no badges\n", "u") == "no badges\n"


def test_run_options_say_where_an_example_runs_and_how_long_it_took():
    browser = cloud_launchers.run_options_note(True, 12.4)
    assert "in your browser (JupyterLite), on Google Colab, on Binder, on your computer" in browser
    assert "It ran in 12 s" in browser
    tensorflow = cloud_launchers.run_options_note(False, 125.0)
    assert "in your browser" not in tensorflow and "Not in the browser" in tensorflow
    assert "2 min 5 s" in tensorflow
    assert "It ran" not in cloud_launchers.run_options_note(True, None)


# -- the workflow ------------------------------------------------------------------------


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_workflow_pushes_the_branch_the_launchers_point_at():
    assert workflow()["env"]["LAUNCH_BRANCH"] == CONF["launch_branch"] == BINDER["branch"]


def test_workflow_builds_and_tests_as_the_readme_and_publishes_only_main():
    flow = workflow()
    assert set(flow["on"]) >= {"push", "pull_request"} and flow["on"]["push"]["branches"] == ["main"]
    steps = flow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "bash .ci/run" in runs
    assert "python3 tools/run_tox.py -e tests" in (ROOT / ".ci" / "run").read_text()
    assert "python3 tools/run_tox.py -e lint" in [s.get("run") for s in flow["jobs"]["lint"]["steps"]]
    uses = {step.get("uses", "").split("@")[0]: step for step in steps}
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "_build/html"
    assert uses["actions/cache"]["with"]["path"] == "_data"
    assert "tools/data/" in uses["actions/cache"]["with"]["key"]
    publish_jobs = {name: job for name, job in flow["jobs"].items() if name in ("deploy", "launch-branch")}
    assert len(publish_jobs) == 2
    for name, job in publish_jobs.items():
        assert "github.event_name != 'pull_request'" in job["if"] and "refs/heads/main" in job["if"], name
    assert flow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert flow["permissions"] == {"contents": "read"}


# -- the built site ------------------------------------------------------------------------


class _Launchers(HTMLParser):
    """The links of the secondary sidebar's launcher items, by key (lite, binder, colab)."""

    def __init__(self):
        super().__init__()
        self.links: dict[str, str] = {}
        self.key: str | None = None
        self.run_options = ""
        self._in_run_options = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        for name in classes:
            if name.endswith("-badge-sidebar"):
                self.key = name.removesuffix("-badge-sidebar")
        if tag == "a" and self.key and self.key not in self.links:
            self.links[self.key] = attributes["href"]
        if "run-options" in classes:
            self._in_run_options = True

    def handle_endtag(self, tag):
        if tag == "div":
            self.key = None
        if tag == "p":
            self._in_run_options = False

    def handle_data(self, data):
        if self._in_run_options:
            self.run_options += data


def launchers(page: Path) -> _Launchers:
    parser = _Launchers()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def pages(site):
    return {f"{source.parent.name}/{source.stem}": launchers(HTML / source.parent.name / (source.stem + ".html"))
            for source in example_sources()}


def test_every_example_page_has_the_three_launchers_with_well_formed_urls(pages):
    org, repo, branch = BINDER["org"], BINDER["repo"], BINDER["branch"]
    for docname, page in pages.items():
        assert set(page.links) == {"lite", "binder", "colab"}, (docname, page.links)
        path = f"notebooks/{docname}.ipynb"
        assert page.links["colab"] == f"https://colab.research.google.com/github/{org}/{repo}/blob/{branch}/{path}"
        binder = urlsplit(page.links["binder"])
        assert (binder.scheme, binder.netloc, binder.path) == ("https", "mybinder.org", f"/v2/gh/{org}/{repo}/{branch}")
        assert parse_qs(binder.query) == {"urlpath": [f"lab/tree/{path}"]}
        assert page.links["lite"].endswith(f"lite/lab/index.html?path={docname}.ipynb")


def test_each_launcher_opens_a_notebook_that_the_build_publishes(pages):
    for docname, page in pages.items():
        colab_path = re.sub(r"^.*/blob/[^/]+/", "", page.links["colab"])
        binder_path = parse_qs(urlsplit(page.links["binder"]).query)["urlpath"][0].removeprefix("lab/tree/")
        assert colab_path == binder_path
        assert (HTML / colab_path).is_file(), f"{docname}: {colab_path} is not in the build output"
    assert pins(HTML / "binder" / "requirements.txt") == pins(BINDER_REQUIREMENTS)


def test_cloud_notebooks_install_what_colab_lacks_and_have_no_jupyterlite_code(site):
    for source in example_sources():
        docname = f"{source.parent.name}/{source.stem}"
        cloud = json.loads((HTML / "notebooks" / f"{docname}.ipynb").read_text())
        download = json.loads((ROOT / "doc" / f"{docname}.ipynb").read_text())
        setup = [cell for cell in cloud["cells"] if cell["metadata"].get(cloud_launchers.CLOUD_MARK)]
        rest = [cell for cell in cloud["cells"] if not cell["metadata"].get(cloud_launchers.CLOUD_MARK)]
        assert rest == download["cells"], f"{docname}: the cloud notebook changes the example's own cells"
        needed = cloud_launchers.cloud_requirements(lite_notebooks.imported_modules(download))
        if needed:
            assert [cell["cell_type"] for cell in setup] == ["markdown", "code"], docname
            assert setup[1]["source"] == "%pip install " + " ".join(needed), docname
        else:
            assert setup == [], docname
        text = json.dumps(cloud)
        assert not [mark for mark in JUPYTERLITE_ONLY if mark in text], docname
        assert lite_notebooks.ADAPTED_MARK not in text, docname


def test_example_pages_say_how_they_run_and_how_long_they_took(pages):
    for docname, page in pages.items():
        notebook = json.loads((ROOT / "doc" / f"{docname}.ipynb").read_text())
        text = " ".join(page.run_options.split())
        assert text.startswith("Ways to run this example:"), (docname, text)
        assert "on Google Colab, on Binder, on your computer" in text, docname
        in_browser = lite_notebooks.runs_in_browser(notebook)
        assert ("in your browser (JupyterLite)" in text) == in_browser, docname
        assert ("Not in the browser" in text) != in_browser, docname
        cost = json.loads((ROOT / "doc" / f"{docname}.cost.json").read_text())
        assert f"It ran in {cloud_launchers.run_time(cost['time'])} on the machine" in text, docname

