"""The browser checker itself (tests/browser_checks.py), on deliberately broken pages.

Each fixture page under tests/fixtures/browser/ is broken in one known way; these
tests show that the check meant to catch it does, and that a good page passes.
They need Chromium like test_browser.py, but not the site build.
"""

from __future__ import annotations

import gzip
import json
import shutil
import urllib.request
from pathlib import Path

import pytest

import browser_checks as bc
from conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "browser"


@pytest.fixture(scope="module")
def served():
    with bc.serve(FIXTURES) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    return bc.chromium_or_fail()


@pytest.fixture
def context(browser):
    context = bc.new_context(browser, viewport={"width": 1000, "height": 700})
    yield context
    context.close()


def load(context, url):
    page, result = bc.open_page(context, url)
    return page, result


# -- pure functions ------------------------------------------------------------------

def test_local_and_remote_urls():
    for url in ("http://127.0.0.1:8000/index.html", "http://localhost:1/x.js", "data:image/png;base64,AA",
                "blob:http://127.0.0.1:8000/abc", "about:blank"):
        assert bc.is_local(url), url
        assert not bc.REMOTE_URL.search(url), url
    for url in ("https://cdn.jsdelivr.net/npm/mathjax@4/tex-mml-chtml.js", "http://fonts.googleapis.com/css",
                "https://127.0.0.1.evil.example/x.js", "wss://example.org/socket"):
        assert not bc.is_local(url), url
        assert bc.REMOTE_URL.search(url), url


def test_pyodide_is_allowed_only_on_lite_pages():
    pyodide = "https://cdn.jsdelivr.net/pyodide/v0.27.7/full/pyodide.js"
    assert bc.remote_allowed(pyodide, "http://127.0.0.1:8000/lite/lab/index.html?path=a/b.ipynb")
    assert not bc.remote_allowed(pyodide, "http://127.0.0.1:8000/classic_ml/plot_01_first_classifier.html")
    assert not bc.remote_allowed("https://cdn.jsdelivr.net/npm/mathjax@4/tex-mml-chtml.js",
                                 "http://127.0.0.1:8000/lite/lab/index.html")


def test_site_pages_leave_out_the_lite_app_and_theme_templates():
    pages = bc.site_pages(FIXTURES)
    assert "gallery/plot_01_good.html" in pages and "remote_asset.html" in pages
    assert not [page for page in pages if page.startswith(("lite/", "_static/"))]
    assert bc.expected_notebook("gallery/plot_01_good.html") == "gallery/plot_01_good.ipynb"


def test_only_serious_and_critical_violations_count():
    violations = [{"id": "a", "impact": "minor"}, {"id": "b", "impact": "moderate"},
                  {"id": "c", "impact": "serious", "help": "h", "nodes": [{"target": ["#x"]}]},
                  {"id": "d", "impact": "critical", "help": "h", "nodes": []}]
    assert [v["id"] for v in bc.serious_violations(violations)] == ["c", "d"]
    assert bc.describe_violation(violations[2]) == "c [serious]: h — #x"


def test_distinctive_word_of_a_title():
    titles = ["A first classifier: grey or white matter", "A first neural network in Keras",
              "Cross-validation done right", "Brain images with nibabel"]
    assert bc.distinctive_word(titles[0], titles) == "classifier"
    assert bc.distinctive_word(titles[2], titles) == "validation"


def test_missing_chromium_fails_with_install_instructions(monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", "/nonexistent/chromium")
    with pytest.raises(bc.BrowserUnavailable, match="apt-get install -y chromium"):
        bc.chromium_executable()


def test_missing_npm_fails_with_install_instructions(tmp_path, monkeypatch):
    shutil.copy(ROOT / "package.json", tmp_path / "package.json")
    monkeypatch.setattr(bc.shutil, "which", lambda name: None)
    with pytest.raises(bc.BrowserUnavailable, match="apt-get install -y npm"):
        bc.axe_source(tmp_path)


def test_axe_core_is_pinned_exactly():
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["axe-core"]
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/axe-core"]
    assert pinned == locked["version"] and pinned[0].isdigit(), "pin axe-core to one version in both files"
    assert locked["integrity"].startswith("sha512-")


def test_server_compresses_text_like_a_static_host(served):
    request = urllib.request.Request(served + "style.css", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        body = gzip.decompress(response.read())
        assert int(response.headers["X-Uncompressed-Length"]) == len(body) == (FIXTURES / "style.css").stat().st_size
    with urllib.request.urlopen(served + "style.css") as response:  # no Accept-Encoding: plain
        assert response.headers["Content-Encoding"] is None


# -- the checks, in the browser ------------------------------------------------------

def test_a_good_example_page_passes(served, context):
    page, result = load(context, served + "gallery/plot_01_good.html")
    assert result.problems() == []
    assert bc.lite_link_problems(page, "gallery/plot_01_good.ipynb") == []
    assert bc.figure_alt_problems(page, "plot_01_good") == []
    assert bc.broken_images(page) == []
    assert result.transferred > 0 and result.uncompressed >= (FIXTURES / "style.css").stat().st_size
    assert {Path(r.url).name for r in result.resources} >= {"plot_01_good.html", "style.css", "figure.svg"}


def test_a_remote_asset_is_reported_and_never_fetched(served, context):
    _, result = load(context, served + "remote_asset.html")
    remote = [p for p in result.problems() if p.startswith("request to a remote host")]
    assert any("fonts.googleapis.com" in p for p in remote), result.problems()
    assert any("cdn.jsdelivr.net/npm/mathjax" in p for p in remote), result.problems()
    assert not any(r.url.startswith("https://") for r in result.resources), "a remote request went out"


def test_pyodide_is_reported_outside_the_lite_app_only(served, context):
    _, outside = load(context, served + "pyodide_outside_lite.html")
    assert any(p.startswith("request to a remote host") and "cdn.jsdelivr.net/pyodide" in p
               for p in outside.problems()), outside.problems()
    _, lite = load(context, served + "lite/lab/index.html")
    assert lite.remote and not [p for p in lite.problems() if "remote host" in p], lite.problems()


def test_an_example_page_without_its_jupyterlite_link_fails(served, context):
    page, _ = load(context, served + "gallery/plot_02_no_lite.html")
    problems = bc.lite_link_problems(page, "gallery/plot_02_no_lite.ipynb")
    assert problems and "plot_02_no_lite.ipynb" in problems[0]
    page, _ = load(context, served + "remote_asset.html")
    assert bc.lite_link_problems(page, "remote_asset.ipynb") == [f"no JupyterLite link on {page.url}"]


def test_figures_without_alt_text_fail(served, context):
    page, _ = load(context, served + "gallery/plot_03_no_alt.html")
    problems = bc.figure_alt_problems(page, "plot_03_no_alt")
    assert len(problems) == 2, problems
    assert "without alt text" in problems[0] and "only the file name" in problems[1]


def test_a_missing_local_file_fails(served, context):
    page, result = load(context, served + "missing_local.html")
    assert any(p.startswith("HTTP 404") and "no-such-figure.png" in p for p in result.problems()), result.problems()
    assert bc.broken_images(page)


def test_console_errors_and_exceptions_fail(served, context):
    _, result = load(context, served + "console_error.html")
    problems = result.problems()
    assert any(p.startswith("console error") and "deliberate" in p for p in problems), problems
    assert any(p.startswith("uncaught exception") and "undefinedFunctionOnPurpose" in p for p in problems), problems


def test_axe_finds_serious_violations(served, context):
    axe = bc.axe_source(ROOT)
    page, _ = load(context, served + "axe_serious.html")
    serious = {v["id"] for v in bc.serious_violations(bc.run_axe(page, axe))}
    assert {"image-alt", "color-contrast", "button-name", "link-name"} <= serious, serious
    page, _ = load(context, served + "gallery/plot_01_good.html")
    assert bc.serious_violations(bc.run_axe(page, axe)) == []


def test_page_wider_than_a_phone_is_measured(served, browser):
    context = bc.new_context(browser, viewport={"width": 390, "height": 844})
    try:
        page, _ = bc.open_page(context, served + "gallery/plot_01_good.html")
        assert bc.horizontal_overflow(page) == 0
        page.evaluate("() => { document.body.style.width = '1000px'; }")
        assert bc.horizontal_overflow(page) > 500
    finally:
        context.close()


# -- offline MathJax (doc/sphinxext/offline_assets.py) ------------------------------------

def test_offline_mathjax_typesets_without_the_network(tmp_path, browser):
    import offline_assets

    shutil.copy(FIXTURES / "math.html", tmp_path)
    shutil.copy(FIXTURES / "style.css", tmp_path)
    written = offline_assets.copy_mathjax(tmp_path / "mathjax")
    names = {path.relative_to(tmp_path / "mathjax").as_posix() for path in written}
    assert {"tex-chtml.js", "LICENSE", "output/chtml/fonts/woff-v2/MathJax_Main-Regular.woff",
            "input/tex/extensions/boldsymbol.js"} <= names
    assert offline_assets.copy_mathjax(tmp_path / "mathjax") == []  # up to date: nothing copied again
    context = bc.new_context(browser)
    try:
        with bc.serve(tmp_path) as base:
            page, result = bc.open_page(context, base + "math.html")
            assert result.problems() == []
            assert page.locator("mjx-container").count() == 2
            assert any(r.url.endswith(".woff") for r in result.resources), "MathJax loaded no font"
    finally:
        context.close()


def test_a_remote_mathjax_path_is_a_build_warning(monkeypatch):
    import offline_assets

    class Config:
        mathjax_path = "https://cdn.jsdelivr.net/npm/mathjax@4/tex-mml-chtml.js"

    warnings = []
    monkeypatch.setattr(offline_assets.logger, "warning", lambda message, *args: warnings.append(message % args))
    offline_assets.check_mathjax_path(None, Config)
    Config.mathjax_path = offline_assets.MATHJAX_PATH
    offline_assets.check_mathjax_path(None, Config)
    assert len(warnings) == 1 and "remote host" in warnings[0]
