"""nilearn's interactive viewers on the pages, as a reader meets them in a browser.

A page that ends a code block with a nilearn view (``view_img``, ``view_connectome``)
offers a link where sphinx-gallery would have inlined the viewer; clicking it (or
pressing Enter on it) opens the viewer in place (``doc/sphinxext/nilearn_viewers.py``).
These tests open every viewer of every such page in headless Chromium, served and
routed as in ``test_browser.py`` (requests to other hosts are recorded and aborted):

* nothing of a viewer loads before the reader opens it;
* each viewer renders (its canvas is drawn) and reacts (a click moves the slice
  viewer's crosshair and redraws its coordinates; a drag turns the connectome's camera),
  with no console error and no request off the site;
* a page with its viewers opened stays within ``VIEWER_PAGE_BUDGET`` (3 MB transferred,
  gzip), pages without a viewer keep ``test_browser.PAGE_BUDGET`` (1.5 MB);
* axe-core finds nothing serious with the viewers open, light and dark;
* screenshots at phone and desktop width, light and dark, go to ``test-artifacts/``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_browser import DESKTOP, PHONE, artifact

import browser_checks as bc

VIEWER_PAGE_BUDGET = 3_000_000
# The pages the issue asked a viewer for ("explore the maps and connectomes"), and how many.
EXPECTED_VIEWERS = {
    "prerequisites/plot_08_nibabel_brain_images.html": 1,
    "prerequisites/plot_09_nilearn_images.html": 2,
    "classic_ml/plot_03_unsupervised.html": 1,
    "classic_ml/plot_09_decoding_haxby.html": 2,
}
OPEN_LINK = ".nilearn-viewer a.nilearn-viewer-open"
FRAME = "iframe.nilearn-viewer-frame"

# Share of the canvas's pixels that are not background (drawn brain, text).
DRAWN_PIXELS = """c => {
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) { if (data[i] + data[i + 1] + data[i + 2] > 60) drawn++; }
    return drawn / (data.length / 4);
}"""
# Edges between two different places (a region's edge to itself has zero length).
EDGES = """() => {
    const lines = document.getElementById('connectome-plot').data.find(trace => trace.mode === 'lines');
    if (!lines) return 0;
    let edges = 0;
    for (let i = 0; i + 1 < lines.x.length; i += 3) {
        if (lines.x[i] !== lines.x[i + 1] || lines.y[i] !== lines.y[i + 1] || lines.z[i] !== lines.z[i + 1]) edges++;
    }
    return edges;
}"""
CAMERA = "() => JSON.stringify(document.getElementById('connectome-plot')._fullLayout.scene.camera.eye)"


@pytest.fixture(scope="module")
def viewer_pages(site) -> dict[str, int]:
    """Every page of the site that offers viewers, with how many (read from its HTML). The
    slide decks copy a page's viewer links, which open the viewer as a page of its own; the
    click-to-load viewers tested here are the example pages'."""
    counts = {path: bc.viewer_count((site.html / path).read_text(encoding="utf-8"))
              for path in bc.site_pages(site.html) if not path.startswith("slides/")}
    return {path: count for path, count in counts.items() if count}


def open_viewers(page) -> list:
    """Open every viewer of ``page`` with the keyboard, as a reader would; return their frames."""
    frames = []
    while page.locator(OPEN_LINK).count():
        link = page.locator(OPEN_LINK).first
        link.focus()
        page.keyboard.press("Enter")
        frame = page.locator(FRAME).nth(len(frames))
        frame.wait_for()
        frames.append(frame)
    for frame in frames:
        frame.element_handle().content_frame().wait_for_load_state("load")
    return frames


def wait_until_drawn(frame) -> str:
    """Wait until the viewer in ``frame`` (a Playwright Frame) has drawn; return its kind."""
    frame.wait_for_function("() => document.querySelector('#connectome-plot canvas, canvas')")
    if frame.locator("#connectome-plot").count():
        frame.wait_for_function("() => { const p = document.getElementById('connectome-plot');"
                                " return p && p._fullLayout && p._fullLayout.scene && p.querySelector('canvas'); }")
        return "connectome"
    canvas = frame.locator("canvas").first
    frame.wait_for_function(f"() => ({DRAWN_PIXELS})(document.querySelector('canvas')) > 0.01")
    assert canvas.bounding_box()["width"] > 100
    return "slices"


def test_the_pages_that_explore_brain_maps_offer_viewers(viewer_pages, site):
    assert viewer_pages == EXPECTED_VIEWERS
    for path in bc.site_pages(site.html):
        assert "<iframe srcdoc=" not in (site.html / path).read_text(encoding="utf-8"), (
            f"{path} still inlines a viewer: nilearn_viewers did not move it to {bc.VIEWER_FOLDER}/")


def test_viewers_load_only_when_opened_and_stay_within_budget(viewer_pages, served, browser):
    weights = {}
    for path, count in viewer_pages.items():
        context = bc.new_context(browser, viewport=DESKTOP)
        try:
            page = context.new_page()
            recorder = bc.Recorder(page)
            load = recorder.goto(served + path)
            early = [r.url for r in load.resources if f"/{bc.VIEWER_FOLDER}/" in urlsplit(r.url).path]
            assert not early, f"{path} loads viewer files before the reader opens a viewer: {early}"
            first_paint = load.transferred
            assert len(open_viewers(page)) == count
            load = recorder.collect()
            viewer_files = {urlsplit(r.url).path.split(f"/{bc.VIEWER_FOLDER}/")[1] for r in load.resources
                            if f"/{bc.VIEWER_FOLDER}/" in urlsplit(r.url).path}
            assert sum(name.endswith(".html") for name in viewer_files) == count, viewer_files
            weights[path] = (first_paint, load.transferred)
            assert not load.problems(), "\n".join(load.problems())
        finally:
            context.close()
    for path, (first_paint, opened) in weights.items():
        print(f"{path}: {first_paint:,} B before opening, {opened:,} B with its viewers open")
    over = {path: opened for path, (_, opened) in weights.items() if opened > VIEWER_PAGE_BUDGET}
    assert not over, f"pages over {VIEWER_PAGE_BUDGET:,} B with their viewers open: {over}"


def test_each_viewer_renders_and_reacts(viewer_pages, served, browser):
    context = bc.new_context(browser, viewport=DESKTOP)
    try:
        for path in viewer_pages:
            page = context.new_page()
            recorder = bc.Recorder(page)
            recorder.goto(served + path)
            for index, frame_element in enumerate(open_viewers(page)):
                frame = frame_element.element_handle().content_frame()
                kind = wait_until_drawn(frame)
                frame_element.scroll_into_view_if_needed()
                where = f"{path}, viewer {index + 1} ({kind})"
                if kind == "slices":
                    canvas = frame.locator("canvas").first
                    before = canvas.evaluate("c => c.toDataURL()")
                    box = canvas.bounding_box()
                    # the left panel is the sagittal slice: a click there moves the other two
                    page.mouse.click(box["x"] + box["width"] * 0.12, box["y"] + box["height"] * 0.35)
                    page.wait_for_timeout(300)
                    assert canvas.evaluate("c => c.toDataURL()") != before, f"{where}: a click changed nothing"
                else:
                    assert frame.evaluate(EDGES) > 0, f"{where}: no edge between two regions is drawn"
                    before = frame.evaluate(CAMERA)
                    box = frame.locator("#connectome-plot").bounding_box()
                    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
                    page.mouse.move(x, y)
                    page.mouse.down()
                    page.mouse.move(x + 120, y + 40, steps=8)
                    page.mouse.up()
                    page.wait_for_timeout(300)
                    assert frame.evaluate(CAMERA) != before, f"{where}: dragging did not turn the camera"
            load = recorder.collect()
            assert not load.problems(), f"{path}:\n" + "\n".join(load.problems())
            page.close()
    finally:
        context.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_viewer_pages_have_no_serious_accessibility_violations(mode, viewer_pages, served, browser, axe):
    context = bc.new_context(browser, viewport=DESKTOP, color_scheme=mode)
    problems = {}
    try:
        for path in viewer_pages:
            page, _ = bc.open_page(context, served + path)
            before = bc.serious_violations(bc.run_axe(page, axe))
            open_viewers(page)
            after = bc.serious_violations(bc.run_axe(page, axe))
            problems[path] = [f"closed: {bc.describe_violation(v)}" for v in before]
            problems[path] += [f"opened: {bc.describe_violation(v)}" for v in after]
            page.close()
    finally:
        context.close()
    assert not any(problems.values()), problems


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_viewers_fit_the_screen(viewport, mode, viewer_pages, served, browser):
    """Opened viewers never make the page scroll sideways; screenshots for a person to look at."""
    context = bc.new_context(browser, viewport=viewport, color_scheme=mode, device_scale_factor=1)
    try:
        for path in viewer_pages:
            page, _ = bc.open_page(context, served + path)
            frames = open_viewers(page)
            for index, frame_element in enumerate(frames):
                wait_until_drawn(frame_element.element_handle().content_frame())
                frame_element.scroll_into_view_if_needed()
                page.wait_for_timeout(300)
                box = frame_element.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1, (path, index, box)
                page.screenshot(path=artifact(f"viewer-{Path(path).stem}-{index + 1}-{mode}-{viewport['width']}px.png"))
            assert bc.horizontal_overflow(page) <= 1, f"{path} scrolls sideways with its viewers open"
            page.close()
    finally:
        context.close()
