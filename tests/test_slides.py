"""The slide decks (doc/sphinxext/slides.py): its functions on small inputs, then every
deck of the built site in Chromium (as tests/test_browser.py: served on 127.0.0.1,
requests to other hosts recorded and aborted)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import slides
from bs4 import BeautifulSoup

import browser_checks as bc
from conftest import GALLERIES, ROOT, example_sources

DESKTOP = {"width": 1280, "height": 720}

PAGE = """<html><body><div class="x"><article class="bd-article">
<section class="sphx-glr-example-title" id="t">
<span id="sphx-glr-g-plot-x-py"></span><h1>A title<a class="headerlink" href="#t">#</a></h1>
<div class="note data-note admonition"><p class="admonition-title">Built from the real data</p></div>
<p>The question, with a <a class="reference internal" href="../glossary.html#term-label">label</a>?</p>
<p>More of the docstring.</p>
<section id="first">
<h2>First section<a class="headerlink" href="#first">#</a></h2>
<p>Why we load the data.</p>
<div class="highlight-Python notranslate"><div class="highlight"><pre><span class="n">x</span> = 1
print(x)</pre></div></div>
<div class="sphx-glr-script-out highlight-none notranslate"><div class="highlight"><pre>1</pre></div></div>
<p>What the output says.</p>
<div class="highlight-Python notranslate"><div class="highlight"><pre>plt.show()</pre></div></div>
<img alt="A figure" class="sphx-glr-single-img" src="../_images/sphx_glr_plot_x_001.png" />
</section>
<section id="prose-only"><h2>Prose only</h2><p>Only words here.</p></section>
<section id="take-home"><h2>Take-home<a class="headerlink" href="#take-home">#</a></h2>
<ul class="simple"><li><p>One point.</p></li></ul>
<div class="sphx-glr-footer sphx-glr-footer-example docutils container">
<div class="lite-badge docutils container"><a href="../lite/lab/index.html?path=g/plot_x.ipynb">lite</a></div>
<div class="sphx-glr-download sphx-glr-download-jupyter docutils container">
<p><a download="" href="../_downloads/a/plot_x.ipynb">nb</a></p></div>
<div class="sphx-glr-download sphx-glr-download-python docutils container">
<p><a download="" href="../_downloads/b/plot_x.py">py</a></p></div>
</div>
<p class="sphx-glr-signature"><a href="https://sphinx-gallery.github.io">Gallery</a></p>
</section></section></article></div></body></html>"""


# -- the module's functions ---------------------------------------------------------------------

def test_reads_title_question_sections_cells_and_links():
    example = slides.read_example_page(PAGE)
    assert example.title == "A title"
    assert "The question" in example.question and "More of" not in example.question
    assert len(example.introduction) == 1 and "Built from the real data" in example.data_notes[0]
    assert [s.title for s in example.sections] == ["First section", "Prose only"]
    first = example.sections[0]
    assert [len(c.prose) for c in first.cells] == [1, 1]
    assert first.cells[0].code_lines == 2 and first.cells[0].output_lines == 1
    assert "<pre><span class=\"n\">x</span> = 1\nprint(x)</pre>" in first.cells[0].code  # code kept verbatim
    assert [f.src for f in example.figures] == ["../_images/sphx_glr_plot_x_001.png"]
    assert example.take_home.title == "Take-home" and "One point" in example.take_home.prose[0]
    assert all("sphx-glr-footer" not in block for block in example.take_home.prose)
    assert example.downloads == {"python": "../_downloads/b/plot_x.py", "jupyter": "../_downloads/a/plot_x.ipynb"}
    assert example.lite == "../lite/lab/index.html?path=g/plot_x.ipynb"
    assert example.slide_count == 4


def test_a_page_without_take_home_or_question_is_refused_with_the_reason():
    with pytest.raises(slides.NotAnExamplePage, match="no \"Take-home\" section"):
        slides.read_example_page(PAGE.replace("<h2>Take-home", "<h2>Summary"))
    with pytest.raises(slides.NotAnExamplePage, match="no paragraph after the title"):
        slides.read_example_page(re.sub(r"<p>(The question|More of).*?</p>", "", PAGE, flags=re.DOTALL))
    with pytest.raises(slides.NotAnExamplePage, match="bd-article"):
        slides.read_example_page("<html><body><p>hello</p></body></html>")


@pytest.mark.parametrize(("url", "expected"), [
    ("../_images/a.png", "../../_images/a.png"),
    ("#first", "../../g/plot_x.html#first"),
    ("plot_y.html#z", "../../g/plot_y.html#z"),
    ("../lite/lab/index.html?path=g/plot_x.ipynb", "../../lite/lab/index.html?path=g/plot_x.ipynb"),
    ("https://example.org/a", "https://example.org/a"),
    ("data:image/png;base64,AA", "data:image/png;base64,AA"),
])
def test_urls_of_the_page_are_rebased_for_the_deck(url, expected):
    assert slides.rebase_url(url, "g/plot_x.html", "slides/g/plot_x.html") == expected


def test_cells_share_a_slide_only_while_they_fit():
    def cell(code_lines, figures=0, code=True):
        return slides.Cell(code="c" if code else "", code_lines=code_lines,
                           figures=[slides.Figure("f.png", "f")] * figures)

    short = [cell(3), cell(4)]
    assert slides.pack_cells(short) == [short]
    long = [cell(15), cell(10)]
    assert slides.pack_cells(long) == [[long[0]], [long[1]]]
    two_figures = [cell(1, 1), cell(1, 1)]
    assert len(slides.pack_cells(two_figures)) == 2
    trailing_prose = [cell(17), slides.Cell(prose=["<p>after</p>"])]
    assert slides.pack_cells(trailing_prose) == [trailing_prose]


def test_deck_has_one_top_level_slide_per_section_plus_title_and_take_home():
    example = slides.read_example_page(PAGE)
    deck = slides.render_deck(example, page="g/plot_x.html", deck="slides/g/plot_x.html")
    soup = BeautifulSoup(deck, "html.parser")
    top = soup.select("div.slides > section")
    assert len(top) == example.slide_count
    # the two short cells share a slide, whose notes are the prose before each
    notes = soup.select_one("#first aside.notes").get_text(" ", strip=True)
    assert notes == "Why we load the data. What the output says."
    assert "Only words here." in soup.select_one("#prose-only").get_text()  # a section without code shows its prose
    assert soup.select_one("img")["src"] == "../../_images/sphx_glr_plot_x_001.png"
    hrefs = [a["href"] for a in soup.select(".deck-run a")]
    assert hrefs == ["../../g/plot_x.html", "../../_downloads/b/plot_x.py", "../../_downloads/a/plot_x.ipynb",
                     "../../lite/lab/index.html?path=g/plot_x.ipynb"]
    assert "../../_static/revealjs/dist/reveal.js" in deck and "math.js" not in deck  # no math, no MathJax
    with_math = PAGE.replace("Only words here.", '<span class="math notranslate nohighlight">\\(x^2\\)</span>')
    deck = slides.render_deck(slides.read_example_page(with_math), page="g/plot_x.html", deck="slides/g/plot_x.html")
    assert "../../_static/mathjax/tex-chtml.js" in deck and "RevealMath.MathJax3" in deck


def test_png_size_reads_the_header(tmp_path):
    from PIL import Image

    Image.new("RGB", (321, 123)).save(tmp_path / "a.png")
    assert slides.png_size(tmp_path / "a.png") == (321, 123)
    (tmp_path / "b.svg").write_text("<svg/>")
    assert slides.png_size(tmp_path / "b.svg") is None


def test_execution_times_and_deck_list():
    table = """   * - :ref:`sphx_glr_classic_ml_plot_02_model_families.py` (``plot_02_model_families.py``)
     - 01:27.830
     - 148.2
   * - :ref:`sphx_glr_classic_ml_plot_01_first_classifier.py` (``plot_01_first_classifier.py``)
     - 00:04.500
     - 12.0
"""
    times = slides.execution_times(table)
    assert times == {"classic_ml_plot_02_model_families": pytest.approx(87.83),
                     "classic_ml_plot_01_first_classifier": pytest.approx(4.5)}
    rst = "\n".join(slides.deck_list_rst({"classic_ml": ["plot_01_first_classifier", "plot_03_x"]}, times))
    assert ":ref:`sphx_glr_classic_ml_plot_01_first_classifier.py`" in rst
    assert "`slides <slides/classic_ml/plot_01_first_classifier.html>`__" in rst
    assert "- 4 s" in rst and "not run in this build" in rst and "(2 decks, 4 s to run them all)" in rst
    assert slides.format_duration(87.83) == "1 min 28 s"


def test_copy_revealjs_publishes_the_files_the_decks_load(tmp_path):
    written = slides.copy_revealjs(tmp_path)
    for name in slides.REVEAL_FILES:
        assert (tmp_path / name).is_file(), name
    assert "reveal.js 5." in (tmp_path / "dist/reveal.js").read_text()[:200]
    assert slides.copy_revealjs(tmp_path) == [] and written  # a second copy finds them up to date


# -- the decks of the built site -------------------------------------------------------------------

def deck_paths() -> list[tuple[str, str]]:
    return [(f"{s.parent.name}/{s.stem}.html", slides.deck_path(s.parent.name, s.stem)) for s in example_sources()]


def page_sections(page_file: Path) -> list[dict]:
    """The sections of an example page as a reader sees them (an h2 each), read independently
    of the module: id, title, and the text of its prose (everything but code, output, figures)."""
    soup = BeautifulSoup(page_file.read_text(), "html.parser")
    found = []
    for section in soup.select("section.sphx-glr-example-title > section"):
        for skipped in section.select("div.sphx-glr-footer, p.sphx-glr-signature, p.sphx-glr-timing, "
                                      "[class*=highlight-], div.output_subarea, img.sphx-glr-single-img, "
                                      "ul.sphx-glr-horizontal, a.headerlink, details > summary"):
            skipped.decompose()
        title = section.h2.get_text(" ", strip=True)
        section.h2.decompose()
        found.append({"id": section["id"], "title": title, "prose": " ".join(section.get_text().split())})
    return found


@pytest.fixture(scope="module")
def context(browser):
    context = bc.new_context(browser, viewport=DESKTOP, color_scheme="light")
    yield context
    context.close()


def test_every_example_has_a_deck_and_every_page_links_to_it(site):
    for page, deck in deck_paths():
        assert (site.html / deck).is_file(), f"no deck for {page}"
        links = BeautifulSoup((site.html / page).read_text(), "html.parser").select(".slides-link a[href]")
        assert [a["href"] for a in links] == [f"../{deck}"], f"{page} has no Present link to its deck"
        assert f'href="../../{page}"' in (site.html / deck).read_text(), f"{deck} does not link back to {page}"
    teaching = (site.html / "teaching.html").read_text()
    for _, deck in deck_paths():
        assert f'href="{deck}"' in teaching, f"teaching.html does not list {deck}"


@pytest.mark.parametrize(("page", "deck"), deck_paths(), ids=[d for _, d in deck_paths()])
def test_deck_shows_the_page(page, deck, site, served, context):
    sections = page_sections(site.html / page)
    body = [s for s in sections if not re.match(r"take[- ]home", s["title"], re.IGNORECASE)]
    tab, load = bc.open_page(context, served + deck)
    try:
        assert not load.problems(), load.problems()
        tab.wait_for_function("() => window.Reveal && Reveal.isReady()")
        # one top-level slide per section of the page, plus the title and the take-home slides
        assert tab.evaluate("() => Reveal.getHorizontalSlides().length") == len(body) + 2
        # every figure of the page, by its absolute address
        page_figures = set(tab.evaluate("""async url => {
            const html = await (await fetch(url)).text();
            const doc = new DOMParser().parseFromString(html, 'text/html');
            return Array.from(doc.querySelectorAll('img.sphx-glr-single-img, img.sphx-glr-multi-img'),
                              i => new URL(i.getAttribute('src'), url).href);
        }""", served + page))
        deck_figures = set(tab.eval_on_selector_all(".slides img", "imgs => imgs.map(i => i.src)"))
        assert page_figures and page_figures <= deck_figures, page_figures - deck_figures
        # the speaker notes of a section are its prose
        # (read from the deck's source: MathJax has typeset the math of the live slides)
        notes = tab.evaluate("""async url => {
            const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
            return Object.fromEntries(Array.from(doc.querySelectorAll('.slides section[id]'), s => {
                const group = s.parentElement.classList.contains('deck-stack') ? s.parentElement : s;
                const text = Array.from(group.querySelectorAll('aside.notes'), a => a.textContent).join(' ');
                return [s.id, text.split(/\\s+/).join(' ').trim()];
            }));
        }""", served + deck)
        for section in sections:
            assert notes.get(section["id"]) == section["prose"], f"notes of {section['id']!r} differ from its prose"
        # the right-arrow key advances
        assert tab.evaluate("() => Reveal.getIndices().h") == 0
        tab.keyboard.press("ArrowRight")
        tab.wait_for_function("() => Reveal.getIndices().h === 1")
    finally:
        tab.close()


def first_deck(gallery: str) -> str:
    return next(deck for _, deck in deck_paths() if deck.startswith(f"slides/{gallery}/"))


@pytest.mark.parametrize("gallery", GALLERIES)
def test_print_to_pdf_gives_one_page_per_slide(gallery, served, context, tmp_path):
    tab, load = bc.open_page(context, served + first_deck(gallery) + "?print-pdf")
    try:
        assert not load.problems(), load.problems()
        tab.wait_for_function("() => window.Reveal && Reveal.isReady()")
        tab.wait_for_function("() => document.querySelectorAll('.pdf-page').length > 0")
        total = tab.evaluate("() => Reveal.getTotalSlides()")
        pdf = tab.pdf(width="1280px", height="720px", print_background=True, prefer_css_page_size=True)
        artifact = ROOT / "test-artifacts" / f"slides-{gallery}.pdf"
        artifact.parent.mkdir(exist_ok=True)
        artifact.write_bytes(pdf)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == total, f"{pages} PDF pages for {total} slides"
    finally:
        tab.close()


@pytest.mark.parametrize("gallery", GALLERIES)
def test_no_serious_accessibility_violations_in_a_deck(gallery, site, served, context):
    axe = bc.axe_source(ROOT)
    tab, _ = bc.open_page(context, served + first_deck(gallery))
    try:
        tab.wait_for_function("() => window.Reveal && Reveal.isReady()")
        serious = bc.serious_violations(bc.run_axe(tab, axe))
        assert not serious, "\n".join(bc.describe_violation(v) for v in serious)
    finally:
        tab.close()
