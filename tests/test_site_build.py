"""The built site is complete: every example page, download, notebook and link."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import nbformat
import pytest

from conftest import GALLERIES, HTML, ROOT


class _Links(HTMLParser):
    """Collect ids, hrefs/srcs and images of one HTML page."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag.attr, value)
        self.images: list[dict] = []
        self.anchors: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name"):
            if attributes.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attributes[key])
        if tag == "a" and attributes.get("href"):
            self.links.append(("a.href", attributes["href"]))
            self.anchors.append(attributes)
        if tag in ("link", "script", "img") and (attributes.get("href") or attributes.get("src")):
            self.links.append((f"{tag}", attributes.get("href") or attributes.get("src")))
        if tag == "img":
            self.images.append(attributes)


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def example_page(source: Path) -> Path:
    return HTML / source.parent.name / (source.stem + ".html")


def test_build_succeeds_without_warnings(site):
    assert site.returncode == 0
    assert (ROOT / "_build" / "warnings.txt").read_text() == ""
    assert (HTML / "index.html").is_file()
    for gallery in GALLERIES:
        assert (HTML / gallery / "index.html").is_file(), gallery
    assert (HTML / "lite" / "lab" / "index.html").is_file()


def test_galleries_appear_in_order_in_the_navigation(site):
    index = (HTML / "index.html").read_text()
    positions = [index.find(f'href="{gallery}/index.html"') for gallery in GALLERIES]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)
    for label in ("Overview", "Setup", "Prerequisites", "Classic ML", "Deep learning", "Hands-on guide"):
        assert re.search(rf">\s*{re.escape(label)}\s*<", index), f"navigation lacks {label!r}"


@pytest.mark.parametrize("gallery", GALLERIES)
def test_examples_listed_in_file_name_order(site, gallery):
    index = (HTML / gallery / "index.html").read_text()
    stems = sorted(p.stem for p in (ROOT / "examples" / gallery).glob("plot_*.py"))
    positions = [index.find(f'href="{stem}.html') for stem in stems]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


def test_every_example_page_is_complete(site, examples):
    for source in examples:
        page = example_page(source)
        assert page.is_file(), f"no page for {source.name}"
        text = page.read_text()
        parsed = parse(page)
        figures = [img for img in parsed.images if re.search(r"sphx-glr-(single|multi)-img", img.get("class", ""))]
        printed = "sphx-glr-script-out" in text
        assert figures or printed, f"{source.name}: no figure and no printed output"
        for figure in figures:
            assert figure.get("alt"), f"{source.name}: figure without alt text"
            assert (page.parent / unquote(figure["src"])).is_file()
        downloads = [href for kind, href in parsed.links if kind == "a.href" and "_downloads" in href]
        for suffix in (".py", ".ipynb"):
            matching = [h for h in downloads if h.endswith(source.stem + suffix)]
            assert matching, f"{source.name}: no {suffix} download link"
            assert (page.parent / unquote(matching[0])).is_file()
        lite = [h for kind, h in parsed.links if kind == "a.href" and "lite/lab/index.html?path=" in h]
        assert lite, f"{source.name}: no JupyterLite link"


def test_pages_load_no_third_party_assets(site):
    """Scripts, styles and images come from the site itself (readers may be offline,
    and a third-party request leaks their visit). Links to other sites are fine."""
    remote = []
    for page in HTML.rglob("*.html"):
        if page.relative_to(HTML).parts[0] in ("lite", "_static"):
            continue
        for kind, url in parse(page).links:
            if kind != "a.href" and urlsplit(url).scheme in ("http", "https"):
                remote.append(f"{page.relative_to(HTML)}: {kind} {url}")
    for image in HTML.rglob("*.svg"):
        if image.relative_to(HTML).parts[0] != "lite":
            content = image.read_text(errors="replace")
            if re.search(r"(@import|url\()\s*['\"]?https?://", content):
                remote.append(f"{image.relative_to(HTML)} imports a remote resource")
    assert remote == []


def lite_contents_index() -> set[str]:
    """Every file path the lite site's contents API lists."""
    paths = set()
    for listing in (HTML / "lite" / "api" / "contents").rglob("all.json"):
        for entry in json.loads(listing.read_text())["content"]:
            paths.add(entry["path"])
    return paths


def test_jupyterlite_links_point_at_existing_notebooks(site, examples):
    listed = lite_contents_index()
    for source in examples:
        page = example_page(source)
        (href,) = {h for kind, h in parse(page).links if kind == "a.href" and "lite/lab/index.html?path=" in h}
        url = urlsplit(href)
        (notebook,) = parse_qs(url.query)["path"]
        assert notebook == f"{source.parent.name}/{source.stem}.ipynb"
        assert notebook in listed, f"{notebook} missing from the lite contents index"
        assert (HTML / "lite" / "files" / notebook).is_file()
        assert (page.parent / url.path).resolve() == (HTML / "lite" / "lab" / "index.html").resolve()


def test_every_notebook_is_valid_nbformat_4(site, examples):
    notebooks = list((HTML / "_downloads").rglob("*.ipynb")) + list((HTML / "lite" / "files").rglob("*.ipynb"))
    assert len(notebooks) >= 2 * len(examples)
    for path in notebooks:
        notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        assert notebook.nbformat == 4, path
        nbformat.validate(notebook)


def _internal_target(page: Path, href: str) -> tuple[Path, str] | None:
    url = urlsplit(href)
    if url.scheme or href.startswith(("//", "mailto:", "javascript:", "data:")):
        return None
    target = page if not url.path else (page.parent / unquote(url.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(url.fragment)


def test_internal_links_and_anchors_resolve(site):
    pages = [p for p in HTML.rglob("*.html") if p.relative_to(HTML).parts[0] not in ("lite", "_downloads", "_static")]
    assert len(pages) > 10
    ids_cache: dict[Path, set[str]] = {}
    broken = []
    for page in pages:
        for kind, href in parse(page).links:
            resolved = _internal_target(page, href)
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.exists():
                broken.append(f"{page.relative_to(HTML)}: {kind} {href} (missing file)")
                continue
            if fragment and target.suffix == ".html" and kind == "a.href":
                if target not in ids_cache:
                    ids_cache[target] = parse(target).ids
                if fragment not in ids_cache[target]:
                    broken.append(f"{page.relative_to(HTML)}: {href} (missing anchor)")
    assert broken == []


def test_execution_times_and_junit_are_kept(site, examples):
    times = (HTML / "sg_execution_times.html").read_text()
    junit = ET.parse(ROOT / "_build" / "sphinx-gallery" / "junit-results.xml").getroot()
    cases = {case.get("classname"): float(case.get("time")) for case in junit.iter("testcase")}
    for source in examples:
        assert source.stem in times
        assert cases.get(source.stem, 0) > 0, f"{source.stem} missing from the JUnit report"


API_LINKS = {
    "classic_ml/plot_01_first_classifier.html": {
        "https://scikit-learn.org/stable/modules/generated/sklearn.linear_model.LogisticRegression.html"
        "#sklearn.linear_model.LogisticRegression",
        "https://scikit-learn.org/stable/modules/generated/sklearn.dummy.DummyClassifier.html"
        "#sklearn.dummy.DummyClassifier",
        "https://docs.scipy.org/doc/scipy/reference/generated/scipy.ndimage.uniform_filter.html"
        "#scipy.ndimage.uniform_filter",
        "https://nilearn.github.io/stable/modules/generated/nilearn.datasets.load_mni152_template.html"
        "#nilearn.datasets.load_mni152_template",
    },
    "prerequisites/plot_08_nibabel_brain_images.html": {
        "https://nipy.org/nibabel/reference/nibabel.loadsave.html#nibabel.loadsave.load",
        "https://nipy.org/nibabel/reference/nibabel.affines.html#nibabel.affines.apply_affine",
        "https://matplotlib.org/stable/api/_as_gen/matplotlib.pyplot.subplots.html#matplotlib.pyplot.subplots",
        "https://numpy.org/doc/stable/reference/generated/numpy.linalg.inv.html#numpy.linalg.inv",
    },
    "deep_learning/plot_02_keras_first_network.html": {
        "https://www.tensorflow.org/api_docs/python/tf/keras/layers/Dense",
        "https://www.tensorflow.org/api_docs/python/tf/keras/Sequential",
    },
}


@pytest.mark.parametrize("page", sorted(API_LINKS))
def test_code_links_point_to_api_pages(site, page):
    hrefs = {href for kind, href in parse(HTML / page).links if kind == "a.href"}
    missing = API_LINKS[page] - hrefs
    assert not missing, f"{page} lacks links {sorted(missing)}"


def test_chosen_thumbnails_exist(site, examples):
    """sphinx-gallery silently falls back to a placeholder when the chosen figure is missing."""
    for source in examples:
        chosen = re.search(r"^# sphinx_gallery_thumbnail_number = (-?\d+)", source.read_text(), re.MULTILINE)
        number = int(chosen.group(1)) if chosen else 1
        figures = sorted((HTML / source.parent.name / "_images").glob(f"sphx_glr_{source.stem}_*.png"))
        figures = figures or sorted(HTML.glob(f"_images/sphx_glr_{source.stem}_[0-9][0-9][0-9].png"))
        assert abs(number) <= len(figures), f"{source.name} asks for figure {number} of {len(figures)}"


def test_glossary_is_rich_and_used_by_the_examples(examples):
    text = (ROOT / "doc" / "glossary.rst").read_text()
    body = text.split(".. glossary::", 1)[1]
    defined = {line.strip().lower() for line in body.splitlines() if re.match(r"^   [^\s:]", line)}
    used = set()
    for source in examples:
        for match in re.finditer(r":term:`(?:[^`<]*<)?([^`>]+)>?`", source.read_text()):
            # a term may wrap onto the next comment line of the example
            used.add(re.sub(r"\s*\n#\s*", " ", match.group(1)).strip().lower())
    assert len(defined) >= 40
    assert used <= defined, f"terms used but not defined: {sorted(used - defined)}"
    assert len(used) >= 30, f"only {len(used)} glossary terms are referenced from examples"


def test_collecting_the_tests_left_the_data_environment_alone():
    """Test modules are imported before the session's build: one that ran conf.py in this
    process once dropped NILEARN_SHARED_DATA, and the build then wrote stand-ins."""
    from conftest import STARTING_ENVIRONMENT

    for name in ("NILEARN_SHARED_DATA", "NILEARN_DATA", "ML_PRIMER_WORKSHOP_DATA", "SCIKIT_LEARN_DATA"):
        assert os.environ.get(name) == STARTING_ENVIRONMENT.get(name), name
