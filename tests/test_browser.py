"""The site as a reader meets it: every page in a real browser, offline.

The built site is served on 127.0.0.1 (gzip-compressed text, as static hosts serve it)
and opened in Debian's headless Chromium through Playwright (no browser download:
see ``browser_checks.CHROMIUM``; without Chromium these tests fail and say how to
install it). Requests to any other host are recorded and aborted.

Budgets (bytes a reader downloads for a page and everything it loads, cold cache,
JupyterLite excluded):

* ``PAGE_BUDGET``: 1.5 MB transferred, text gzip-compressed as any static host sends it;
* ``UNCOMPRESSED_BUDGET``: 4 MB if the host does not compress (``python -m http.server``),
  a ceiling against runaway text (huge printed outputs) that gzip would hide; MathJax
  alone is 1.2 MB of it on pages with math;
* images: thumbnails at most 60 kB and 640 x 448 px; figures at most 400 kB, 2400 px
  wide and 200 dpi.

Every page is held to these budgets, the landing page and the example pages included.

Screenshots (phone 390 px, desktop 1400 px), the measured weights and axe-core's
results are written to ``test-artifacts/`` at the repository root.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import browser_checks as bc
from conftest import GALLERIES, ROOT, example_sources

PAGE_BUDGET = 1_500_000
UNCOMPRESSED_BUDGET = 4_000_000
THUMBNAIL_MAX_BYTES, THUMBNAIL_MAX_PIXELS = 60_000, (640, 448)
FIGURE_MAX_BYTES, FIGURE_MAX_WIDTH, FIGURE_MAX_DPI = 400_000, 2400, 200
ARTIFACTS = ROOT / "test-artifacts"
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
# The search the issue names, and one that exists from the start; the cross-validation
# query is checked once a page with that word in its title exists.
SEARCHES = {"classifier": "classic_ml/plot_01_first_classifier.html"}
TITLE_SEARCHES = ("cross-validation",)
TOP_RESULTS = 5  # a page searched by a word of its title is among the first results


def example_page_paths() -> list[str]:
    return [f"{source.parent.name}/{source.stem}.html" for source in example_sources()]


def first_example(gallery: str) -> str:
    pages = [page for page in example_page_paths() if page.startswith(f"{gallery}/")]
    assert pages, f"gallery {gallery} has no example"
    return pages[0]


def typical_example() -> str:
    return first_example("classic_ml")


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


# -- fixtures: one server, one browser, one visit of every page per session -------------

@pytest.fixture
def desktop(browser):
    context = bc.new_context(browser, viewport=DESKTOP, color_scheme="light")
    yield context
    context.close()


@dataclass
class Visit:
    load: bc.PageLoad
    lite: list[str] = field(default_factory=list)
    alt: list[str] = field(default_factory=list)
    math: int = 0
    typeset: int = 0
    links: dict = field(default_factory=dict)


COLLECT_LINKS = """() => {
    const hrefs = selector => Array.from(document.querySelectorAll(selector), a => a.href);
    return {
        downloads: hrefs("a[download]"),
        sidebar: hrefs(".bd-sidebar-primary .bd-docs-nav a"),
        current: hrefs(".bd-sidebar-primary .bd-docs-nav a[aria-current='page']"),
        breadcrumbs: hrefs(".bd-breadcrumbs a"),
        navbar: hrefs(".bd-header .navbar-nav a.nav-link"),
        thumbnails: hrefs(".sphx-glr-thumbcontainer a.reference.internal"),
    };
}"""


@pytest.fixture(scope="session")
def visits(site, served, browser) -> dict[str, Visit]:
    """Every page of the site, opened once at desktop width."""
    examples = set(example_page_paths())
    context = bc.new_context(browser, viewport=DESKTOP, color_scheme="light")
    found = {}
    try:
        page = context.new_page()
        recorder = bc.Recorder(page)
        for path in bc.site_pages(site.html):
            visit = Visit(recorder.goto(served + path))
            if path in examples:
                visit.lite = bc.lite_link_problems(page, bc.expected_notebook(path))
                visit.alt = bc.figure_alt_problems(page, Path(path).stem)
            visit.math = page.locator("span.math, div.math").count()
            visit.typeset = page.locator("mjx-container").count()
            visit.links = {key: [href.split("#")[0] for href in hrefs]
                           for key, hrefs in page.evaluate(COLLECT_LINKS).items()}
            found[path] = visit
    finally:
        context.close()
    return found


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{page}:\n    " + "\n    ".join(found) for page, found in problems.items() if found)


# -- every page ---------------------------------------------------------------------------

def test_every_page_is_checked(visits):
    assert "index.html" in visits
    for page in example_page_paths():
        assert page in visits, f"example page {page} was not built"
    assert not any(path.startswith(("lite/", "_static/")) for path in visits)


def test_every_local_resource_loads_with_http_200(visits):
    problems = {path: [p for p in v.load.problems() if p.startswith(("HTTP", "page answered", "request failed"))]
                for path, v in visits.items()}
    assert not any(problems.values()), "\n" + report(problems)


def test_no_console_errors(visits):
    problems = {path: [p for p in v.load.problems() if p.startswith(("console error", "uncaught"))]
                for path, v in visits.items()}
    assert not any(problems.values()), "\n" + report(problems)


def test_no_page_contacts_another_host(visits):
    """MathJax, fonts, icons and scripts come from the site itself."""
    problems = {path: [p for p in v.load.problems() if p.startswith("request to a remote host")]
                for path, v in visits.items()}
    assert not any(problems.values()), "\n" + report(problems)


def test_math_is_typeset_by_the_sites_own_mathjax(visits):
    with_math = {path: v for path, v in visits.items() if v.math}
    for path, visit in with_math.items():
        assert visit.typeset, f"{path}: {visit.math} math elements but MathJax typeset none"
        assert any(urlsplit(r.url).path.endswith("/_static/mathjax/tex-chtml.js") and r.status in bc.OK_STATUS
                   for r in visit.load.resources), f"{path}: MathJax not loaded from _static/mathjax/"


def test_example_pages_link_to_their_notebook_in_jupyterlite(visits):
    problems = {path: visits[path].lite for path in example_page_paths()}
    assert not any(problems.values()), "\n" + report(problems)


def test_gallery_figures_have_alt_text_from_their_example(visits):
    problems = {path: visits[path].alt for path in example_page_paths()}
    assert not any(problems.values()), "\n" + report(problems)


# -- weight -------------------------------------------------------------------------------

def test_pages_stay_within_the_weight_budget(visits):
    weights = {path: {"transferred": v.load.transferred, "uncompressed": v.load.uncompressed,
                      "requests": len(v.load.resources)} for path, v in visits.items()}
    artifact("page-weight.json").write_text(json.dumps(
        {"budget": {"transferred": PAGE_BUDGET, "uncompressed": UNCOMPRESSED_BUDGET}, "pages": weights}, indent=1))
    for path in ("index.html", typical_example()):
        w = weights[path]
        print(f"{path}: {w['transferred']:,} B transferred, {w['uncompressed']:,} B uncompressed, "
              f"{w['requests']} requests")
    over = {}
    for path, w in weights.items():
        over[path] = [f"{w[key]:,} B {key} > budget {budget:,} B" for key, budget in
                      (("transferred", PAGE_BUDGET), ("uncompressed", UNCOMPRESSED_BUDGET)) if w[key] > budget]
    assert not any(over.values()), "\n" + report(over)


def test_images_are_optimized(site):
    from PIL import Image

    problems = []
    for path in sorted((site.html / "_images").glob("*.png")):
        size = path.stat().st_size
        with Image.open(path) as image:
            width, height = image.size
            dpi = max(image.info.get("dpi", (0, 0)))
        if path.stem.endswith("_thumb"):
            if size > THUMBNAIL_MAX_BYTES or width > THUMBNAIL_MAX_PIXELS[0] or height > THUMBNAIL_MAX_PIXELS[1]:
                problems.append(f"thumbnail {path.name}: {size:,} B, {width}x{height} px")
        elif size > FIGURE_MAX_BYTES or width > FIGURE_MAX_WIDTH or dpi > FIGURE_MAX_DPI:
            problems.append(f"figure {path.name}: {size:,} B, {width}x{height} px, {dpi:.0f} dpi")
    assert not problems, "\n".join(problems)


# -- functions a reader uses ------------------------------------------------------------------

def test_search_box_finds_the_first_classifier(served, desktop):
    """As a reader does it: the search button on the landing page, type, Enter."""
    page, _ = bc.open_page(desktop, served + "index.html", settle=False)
    page.locator(".bd-header .search-button-field").first.click()
    field = page.locator("form.bd-search input[name='q']:visible").first
    field.fill("classifier")
    field.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=classifier"))
    results = bc.shown_search_results(page, served)
    assert SEARCHES["classifier"] in results[:TOP_RESULTS], results


@pytest.mark.parametrize("query", TITLE_SEARCHES)
def test_search_finds_pages_titled_with(query, site, served, desktop):
    index = bc.search_index(site.html)
    titled = [f"{doc}.html" for doc, title in zip(index["docnames"], index["titles"])
              if query.lower() in title.lower()]
    if not titled:
        return  # no page has that title yet: nothing to find
    page = desktop.new_page()
    results = bc.search_results(page, served, query)
    top = results[:max(TOP_RESULTS, len(titled))]
    assert set(titled) <= set(top), f"search {query!r}: expected {titled} among the first results, got {results}"


def test_search_finds_every_example_by_a_word_of_its_title(site, served, desktop):
    index = bc.search_index(site.html)
    titles = dict(zip(index["docnames"], index["titles"]))
    page = desktop.new_page()
    missing = []
    for path in example_page_paths():
        title = titles[path.removesuffix(".html")]
        word = bc.distinctive_word(title, list(titles.values()))
        results = bc.search_results(page, served, word)
        if path not in results[:TOP_RESULTS]:
            missing.append(f"{path} ({title!r}) not among the first {TOP_RESULTS} results for {word!r}: {results}")
    assert not missing, "\n".join(missing)


def test_theme_switcher_toggles_dark_mode(served, desktop):
    page, _ = bc.open_page(desktop, served + "index.html", settle=False)
    assert bc.colour_mode(page) == "light"
    assert bc.background_luminance(page) > 0.7
    bc.set_colour_mode(page, "dark")
    assert page.evaluate("() => document.documentElement.dataset.mode") == "dark"
    page.wait_for_timeout(400)  # the theme's colour transition
    assert bc.background_luminance(page) < 0.1
    page.goto(served + typical_example())  # the choice follows the reader to the next page
    assert bc.colour_mode(page) == "dark"
    bc.set_colour_mode(page, "light")
    page.wait_for_timeout(400)
    assert bc.background_luminance(page) > 0.7


def test_navbar_and_sidebar_link_where_they_should(served, visits):
    navbar = visits["index.html"].links["navbar"]
    for gallery in GALLERIES:
        assert served + f"{gallery}/index.html" in navbar, f"navbar lacks a link to the {gallery} gallery"
    problems = {}
    for example in example_page_paths():
        gallery, links = example.split("/")[0], visits[example].links
        problems[example] = [f"the sidebar does not mark the page as current: {links['current']}"] * (
            links["current"] != [served + example])
        problems[example] += [f"no breadcrumb to its gallery: {links['breadcrumbs']}"] * (
            served + f"{gallery}/index.html" not in links["breadcrumbs"])
    for gallery in GALLERIES:
        listed = set(visits[f"{gallery}/index.html"].links["sidebar"])
        expected = {served + p for p in example_page_paths() if p.startswith(f"{gallery}/")}
        problems[f"{gallery}/index.html"] = [f"sidebar lacks {sorted(expected - listed)}"] * bool(expected - listed)
    every_link = {href for v in visits.values() for key in ("sidebar", "navbar", "breadcrumbs")
                  for href in v.links[key]}
    problems["(all pages)"] = [f"sidebar/navbar link to a missing page: {href}" for href in sorted(every_link)
                               if href.startswith(served) and urlsplit(href).path[1:].removesuffix("/")
                               and urlsplit(href).path[1:] not in visits]
    assert not any(problems.values()), "\n" + report(problems)


def test_gallery_thumbnails_link_to_their_examples(served, visits, desktop):
    for gallery in GALLERIES:
        links = visits[f"{gallery}/index.html"].links["thumbnails"]
        expected = [served + p for p in example_page_paths() if p.startswith(f"{gallery}/")]
        assert sorted(links) == sorted(expected), f"{gallery}: thumbnails link to {links}, expected {expected}"
    page, _ = bc.open_page(desktop, served + f"{GALLERIES[0]}/index.html")
    assert not bc.broken_images(page), f"thumbnails that do not load: {bc.broken_images(page)}"
    page.locator(".sphx-glr-thumbcontainer").first.click()  # the whole card is the link
    page.wait_for_url(served + first_example(GALLERIES[0]) + "*")


def test_download_links_return_the_files(site, served, visits, desktop):
    problems = {}
    for path in example_page_paths():
        stem, found = Path(path).stem, []
        links = visits[path].links["downloads"]
        for suffix, types in ((".py", ("text/x-python", "text/plain")),
                              (".ipynb", ("application/x-ipynb+json", "application/json"))):
            urls = sorted({u for u in links if urlsplit(u).path.endswith(f"/{stem}{suffix}")})
            found += [f"no download link for {stem}{suffix}"] * (not urls)
            for url in urls:
                response = desktop.request.get(url)
                content_type = response.headers.get("content-type", "").split(";")[0]
                body = response.body() if response.ok else b""
                on_disk = site.html / urlsplit(url).path.lstrip("/")
                if response.status != 200 or content_type not in types:
                    found.append(f"{url}: HTTP {response.status}, served as {content_type}")
                elif not on_disk.is_file() or body != on_disk.read_bytes() or len(body) < 200:
                    found.append(f"{url}: body differs from {on_disk}")
                elif suffix == ".ipynb":
                    notebook = json.loads(body)
                    if notebook["nbformat"] != 4 or not any(c["cell_type"] == "code" for c in notebook["cells"]):
                        found.append(f"{url}: not a notebook with code cells")
                else:
                    compile(body, url, "exec")
        problems[path] = found
    assert not any(problems.values()), "\n" + report(problems)


def first_code_line(notebook: dict) -> str:
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for line in source.splitlines():
            if line.strip() and not line.lstrip().startswith(("#", "%", "!")):
                return line.strip()
    raise AssertionError("notebook without code")


@pytest.mark.parametrize("gallery", GALLERIES)
def test_jupyterlite_opens_the_notebook(gallery, site, served, browser):
    """Press the example's JupyterLite button: JupyterLab opens with the notebook's cells."""
    example = first_example(gallery)
    stem = Path(example).stem
    notebook = json.loads(next((site.html / "_downloads").glob(f"*/{stem}.ipynb")).read_text())
    expected = first_code_line(notebook)
    context = bc.new_context(browser, viewport=DESKTOP)
    try:
        page, _ = bc.open_page(context, served + example, settle=False)
        button = page.locator("a[href*='lite/lab/index.html']:visible").first
        with page.expect_navigation(timeout=60_000):
            button.click()
        assert f"path={bc.expected_notebook(example)}" in page.url
        panel = page.locator(".jp-NotebookPanel:visible")
        panel.wait_for(timeout=60_000)
        cell = panel.locator(".jp-CodeCell .jp-InputArea", has_text=expected).first
        cell.wait_for(timeout=60_000)
        remote = [url for url in context.remote_requests if not bc.remote_allowed(url, page.url)]
        assert not remote, f"JupyterLite contacted hosts other than the Pyodide CDN: {remote}"
    finally:
        context.close()


# -- accessibility ---------------------------------------------------------------------

def accessibility_pages() -> list[str]:
    return ["index.html", f"{GALLERIES[0]}/index.html"] + [first_example(g) for g in GALLERIES]


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_serious_accessibility_violations(mode, served, browser, axe):
    context = bc.new_context(browser, viewport=DESKTOP, color_scheme=mode)
    results, problems = {}, {}
    try:
        for path in accessibility_pages():
            page, _ = bc.open_page(context, served + path)
            assert bc.colour_mode(page) == mode
            violations = bc.run_axe(page, axe)
            results[path] = [bc.describe_violation(v) for v in violations]
            problems[path] = [bc.describe_violation(v) for v in bc.serious_violations(violations)]
            page.close()
    finally:
        context.close()
    artifact(f"axe-{mode}.json").write_text(json.dumps(results, indent=1))
    assert not any(problems.values()), "\n" + report(problems)


# -- responsive layout --------------------------------------------------------------------

@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_pages_fit_the_screen(viewport, served, browser):
    """No sideways scrolling at phone or desktop width; screenshots for a person to look at."""
    context = bc.new_context(browser, viewport=viewport, color_scheme="light", device_scale_factor=1)
    try:
        for name, path in (("landing", "index.html"), ("example", typical_example())):
            page, _ = bc.open_page(context, served + path)
            overflow = bc.horizontal_overflow(page)
            height = page.evaluate("() => document.documentElement.scrollHeight")
            page.screenshot(path=artifact(f"{name}-{viewport['width']}px.png"), full_page=True,
                            clip={"x": 0, "y": 0, "width": viewport["width"], "height": min(height, 3000)})
            assert overflow <= 1, f"{path} at {viewport['width']} px is {overflow} px wider than the screen"
            page.close()
    finally:
        context.close()
