"""A reveal.js slide deck for every example, made from its executed page.

At the end of each HTML build (after sphinx-gallery has embedded its code links), every
example page ``<gallery>/<name>.html`` is read back and turned into
``slides/<gallery>/<name>.html``:

* a title slide: the title, the question (the docstring's first paragraph), the data
  note, and "run it yourself" links (the page, the ``.py`` and ``.ipynb`` downloads,
  JupyterLite);
* one slide per section of the page (a short vertical stack when the section has
  several code cells), with the section's heading, code, printed output and figures as
  the page shows them; the prose before each cell becomes that slide's speaker notes;
* a closing slide with the page's "Take-home" section.

Nothing is executed again and nothing is copied: the deck points at the page's images
in ``_images/``. reveal.js (with its notes and math plugins) comes from the pinned
``sphinx-revealjs`` package (which vendors it) and is published in
``_static/revealjs/``; math is typeset by the site's own MathJax.

The written page is read back, not the doctree: the deck shows exactly what the page
shows (after every transform, sphinx-gallery's code links and the theme included), and
every build refreshes every deck, also for pages an incremental build did not rewrite.
The highlighted code, most of a page, is set aside before parsing and put back verbatim,
which keeps reading all the pages to a few seconds.
"""

from __future__ import annotations

import html
import posixpath
import re
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path

import offline_assets
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

DECKS_DIR = "slides"
"""Folder of the HTML output that holds the decks: ``slides/<gallery>/<name>.html``."""
REVEAL_DIR = "_static/revealjs"
MATHJAX = "_static/mathjax/tex-chtml.js"  # published by offline_assets
TAKE_HOME = re.compile(r"^\s*take[- ]home", re.IGNORECASE)

# What the decks use of reveal.js, relative to the folder that sphinx-revealjs ships.
REVEAL_FILES = (
    "LICENSE", "dist/reset.css", "dist/reveal.css", "dist/reveal.js", "dist/theme/white-contrast.css",
    "dist/theme/fonts/source-sans-pro/source-sans-pro.css", "dist/theme/fonts/source-sans-pro/LICENSE",
    "plugin/notes/notes.js", "plugin/math/math.js",
)
# A cell whose code and output are longer than this many lines gets a slide of its own
# (and scrolls); shorter neighbouring cells share one.
LINES_PER_SLIDE = 18
FIGURE_LINES = 12  # the room a figure takes, in lines of code, when cells are packed


# -- the page, read back ----------------------------------------------------------------------

@dataclass
class Figure:
    src: str
    alt: str


@dataclass
class Cell:
    """One code block of the page with what it printed and drew, and the prose before it."""

    prose: list[str] = field(default_factory=list)  # HTML of the prose blocks before the code
    code: str = ""  # HTML of the highlighted code block
    outputs: list[str] = field(default_factory=list)  # HTML of the printed outputs
    figures: list[Figure] = field(default_factory=list)
    code_lines: int = 0
    output_lines: int = 0

    @property
    def lines(self) -> int:
        return self.code_lines + min(self.output_lines, LINES_PER_SLIDE) + FIGURE_LINES * len(self.figures)


@dataclass
class Section:
    title: str
    anchor: str
    cells: list[Cell]

    @property
    def prose(self) -> list[str]:
        return [block for cell in self.cells for block in cell.prose]

    @property
    def has_code(self) -> bool:
        return any(cell.code or cell.figures or cell.outputs for cell in self.cells)


@dataclass
class ExamplePage:
    title: str
    question: str  # HTML of the docstring's first paragraph
    introduction: list[str]  # HTML of the docstring's other paragraphs
    data_notes: list[str]  # HTML of the page's data note(s)
    sections: list[Section]  # every section but the take-home
    take_home: Section
    downloads: dict[str, str]  # "python" / "jupyter" -> href, relative to the page
    lite: str | None  # href of the JupyterLite link, relative to the page

    @property
    def slide_count(self) -> int:
        """Top-level slides of the deck: title, one per section, take-home."""
        return len(self.sections) + 2

    @property
    def figures(self) -> list[Figure]:
        return [figure for section in self.sections + [self.take_home] for cell in section.cells
                for figure in cell.figures]


class NotAnExamplePage(ValueError):
    """The HTML is not a sphinx-gallery example page this module can read."""


_PRE = re.compile(r"<pre>(.*?)</pre>", re.DOTALL)
_SLOT = "data-deck-pre"
SKIPPED_CLASSES = ("sphx-glr-footer", "sphx-glr-timing", "sphx-glr-signature", "sphx-glr-download-link-note")


def _article(page_html: str) -> str:
    start = page_html.find('<article class="bd-article"')
    end = page_html.find("</article>", start)
    if start < 0 or end < 0:
        raise NotAnExamplePage("no <article class=\"bd-article\"> element (is this a pydata-sphinx-theme page?)")
    return page_html[start:end + len("</article>")]


def _heading_text(heading: Tag) -> str:
    for link in heading.select("a.headerlink"):
        link.decompose()
    return heading.get_text(" ", strip=True)


def _classes(tag: Tag) -> list[str]:
    return tag.get("class") or []


def _is_code(tag: Tag) -> bool:
    classes = _classes(tag)
    return tag.name == "div" and "sphx-glr-script-out" not in classes and any(
        c.startswith("highlight-") for c in classes)


def _is_output(tag: Tag) -> bool:
    """Printed output, or the HTML of a value's ``_repr_html_`` (a pandas table)."""
    return bool({"sphx-glr-script-out", "output_subarea"} & set(_classes(tag)))


def _figures_in(tag: Tag) -> list[Figure]:
    if tag.name == "img" and {"sphx-glr-single-img", "sphx-glr-multi-img"} & set(_classes(tag)):
        images = [tag]
    elif tag.name == "ul" and "sphx-glr-horizontal" in _classes(tag):
        images = tag.select("img.sphx-glr-multi-img")
    else:
        return []
    return [Figure(src=img.get("src", ""), alt=img.get("alt", "")) for img in images]


def _holds_cells(tag: Tag) -> bool:
    """Whether ``tag`` wraps code, printed output or figures of the page."""
    return tag.select_one("[class*=highlight-], .sphx-glr-script-out, .output_subarea, "
                          "img.sphx-glr-single-img, ul.sphx-glr-horizontal") is not None


def _has_output(cell: Cell) -> bool:
    return bool(cell.code or cell.outputs or cell.figures)


def _read_cells(container: Tag, heading: Tag | None, cells: list[Cell], restore, lines_of) -> None:
    """Append the blocks of ``container`` to ``cells``: prose starts a new cell after code,
    output and figures join the cell of the code above them."""
    for child in container.find_all(recursive=False):
        if child is heading or set(_classes(child)) & set(SKIPPED_CLASSES) or child.name == "summary":
            continue  # a <summary> is the label of a collapsed block ("Show solution"), not prose
        if child.name == "section":  # a subsection: its heading is prose, its blocks are read in turn
            _read_cells(child, None, cells, restore, lines_of)
            continue
        figures = _figures_in(child)
        if not (figures or _is_code(child) or _is_output(child)) and _holds_cells(child):
            # a wrapper around code, output or figures (an exercise's collapsed solution, its
            # check): its blocks are read in turn, like a subsection's
            _read_cells(child, None, cells, restore, lines_of)
            continue
        if _is_code(child):
            if _has_output(cells[-1]):
                cells.append(Cell())
            cells[-1].code = restore(str(child))
            cells[-1].code_lines = lines_of(child)
        elif _is_output(child):
            cells[-1].outputs.append(restore(str(child)))
            cells[-1].output_lines += lines_of(child)
        elif figures:
            cells[-1].figures += figures
        else:
            if _has_output(cells[-1]):
                cells.append(Cell())
            cells[-1].prose.append(restore(str(child)))


def read_example_page(page_html: str) -> ExamplePage:
    """Read the title, question, data note, sections, take-home and links of a
    sphinx-gallery example page as pydata-sphinx-theme writes it."""
    article = _article(page_html)
    # The highlighted code is most of the page; keep it out of the parser and put it back verbatim.
    blocks: list[str] = []

    def park(match: re.Match) -> str:
        blocks.append(match.group(1))
        return f"<pre {_SLOT}=\"{len(blocks) - 1}\"></pre>"

    soup = BeautifulSoup(_PRE.sub(park, article), "html.parser")
    for permalink in soup.select("a.headerlink"):  # the pilcrow-like "#" after each heading
        permalink.decompose()

    def restore(fragment: str) -> str:
        return re.sub(rf"<pre {_SLOT}=\"(\d+)\"></pre>", lambda m: f"<pre>{blocks[int(m.group(1))]}</pre>", fragment)

    def lines_of(tag: Tag) -> int:
        return sum(blocks[int(pre[_SLOT])].count("\n") + 1 for pre in tag.find_all("pre", attrs={_SLOT: True}))

    top = soup.select_one("section.sphx-glr-example-title")
    if top is None or top.h1 is None:
        raise NotAnExamplePage("no section.sphx-glr-example-title with an <h1> (is this a sphinx-gallery example?)")
    title = _heading_text(top.h1)
    paragraphs, notes = [], []
    for child in top.find_all(recursive=False):
        if child.name == "p" and not _classes(child):
            paragraphs.append(str(child))
        elif child.name == "div" and {"data-note", "standin-note"} & set(_classes(child)):
            notes.append(str(child))
        elif child.name == "section":
            break
    if not paragraphs:
        raise NotAnExamplePage(f"{title!r}: no paragraph after the title: the docstring needs one that asks "
                               "the example's question")

    sections = []
    for section in top.find_all("section", recursive=False):
        heading = section.find(["h2", "h3"])
        cells = [Cell()]

        _read_cells(section, heading, cells, restore, lines_of)
        cells = [cell for cell in cells if cell.prose or cell.code or cell.outputs or cell.figures]
        sections.append(Section(title=_heading_text(heading) if heading else "", anchor=section.get("id", ""),
                                cells=cells))

    take_homes = [s for s in sections if TAKE_HOME.match(s.title)]
    if not take_homes:
        raise NotAnExamplePage(f"{title!r}: no \"Take-home\" section; end the example with one "
                               "(see the conventions for an example)")
    take_home = take_homes[-1]
    footer = soup.select_one("div.sphx-glr-footer")
    downloads = {}
    lite = None
    if footer is not None:
        for kind in ("python", "jupyter"):
            link = footer.select_one(f"div.sphx-glr-download-{kind} a[href]")
            if link is not None:
                downloads[kind] = link["href"]
        lite_link = footer.select_one("a[href*='lite/lab/index.html']")
        lite = lite_link["href"] if lite_link is not None else None
    return ExamplePage(title=title, question=paragraphs[0], introduction=paragraphs[1:], data_notes=notes,
                       sections=[s for s in sections if s is not take_home], take_home=take_home,
                       downloads=downloads, lite=lite)


# -- the deck ---------------------------------------------------------------------------------

_URL_ATTRIBUTE = re.compile(r"""\b(href|src)=(["'])(.*?)\2""")


def rebase_url(url: str, page: str, deck: str) -> str:
    """``url`` as written on ``page`` (a path relative to the HTML root), rewritten to
    point at the same target from ``deck``. Absolute URLs and data URLs are kept."""
    if not url or re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE) or url.startswith("//"):
        return url
    path, hash_, fragment = url.partition("#")
    path, query_mark, query = path.partition("?")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    rebased = posixpath.relpath(target, posixpath.dirname(deck) or ".")
    return rebased + (query_mark + query) + (hash_ + fragment)


def rebase_fragment(fragment: str, page: str, deck: str) -> str:
    """Every ``href`` and ``src`` of an HTML fragment of ``page``, rewritten for ``deck``."""
    return _URL_ATTRIBUTE.sub(lambda m: f"{m.group(1)}={m.group(2)}{rebase_url(m.group(3), page, deck)}{m.group(2)}",
                              fragment)


def pack_cells(cells: list[Cell], lines_per_slide: int = LINES_PER_SLIDE) -> list[list[Cell]]:
    """Group a section's cells into slides: neighbours share a slide while their code,
    output and figures fit in ``lines_per_slide`` lines and they hold at most one figure."""
    slides: list[list[Cell]] = []
    for cell in cells:
        current = slides[-1] if slides else None
        if current is not None and (
            not any(c.code or c.outputs or c.figures for c in current)  # prose only so far: the cell joins it
            or not (cell.code or cell.outputs or cell.figures)  # prose after the last code: its notes
            or (sum(c.lines for c in current) + cell.lines <= lines_per_slide
                and sum(len(c.figures) for c in current) + len(cell.figures) <= 1)
        ):
            current.append(cell)
        else:
            slides.append([cell])
    return slides


def figure_layout(figures: list[Figure], sizes: dict[str, tuple[int, int]]) -> str:
    """``"side"`` when the figures are narrow enough to stand beside the code, else ``"below"``."""
    if not figures:
        return "none"
    ratios = [sizes[f.src][0] / sizes[f.src][1] for f in figures if f.src in sizes and sizes[f.src][1]]
    return "side" if len(figures) == 1 and ratios and ratios[0] <= 1.6 else "below"


def _notes(blocks: list[str]) -> str:
    text = "\n".join(blocks)  # one block a line, as on the page, so that the text keeps its spaces
    return f'<aside class="notes">{text}</aside>' if blocks else ""


def _figure_html(figures: list[Figure]) -> str:
    images = "".join(f'<img src="{html.escape(f.src)}" alt="{html.escape(f.alt)}">' for f in figures)
    return f'<div class="deck-figures n{len(figures)}">{images}</div>'


def _slide(title: str, cells: list[Cell], sizes: dict, *, anchor: str = "", part: str = "",
           show_prose: bool = False) -> str:
    figures = [f for c in cells for f in c.figures]
    layout = figure_layout(figures, sizes)
    code = "".join(c.code + "".join(c.outputs) for c in cells)
    prose = "".join(block for c in cells for block in c.prose) if show_prose else ""
    body = f'<div class="deck-prose">{prose}</div>' if prose else ""
    if code or figures:
        code_html = f'<div class="deck-code">{code}</div>' if code else ""
        body += f'<div class="deck-cell layout-{layout}">{code_html}{_figure_html(figures) if figures else ""}</div>'
    attributes = f' id="{html.escape(anchor)}"' if anchor else ""
    return (f"<section{attributes}><h2>{html.escape(title)}{part}</h2>{body}"
            f"{_notes([b for c in cells for b in c.prose])}</section>")


def section_slides(section: Section, sizes: dict) -> str:
    """The slide of a section, or a vertical stack when its cells need several. A section
    without code shows its prose; otherwise the prose is in the speaker notes."""
    if not section.has_code:
        return _slide(section.title, section.cells, sizes, anchor=section.anchor, show_prose=True)
    groups = pack_cells(section.cells)
    if len(groups) == 1:
        return _slide(section.title, groups[0], sizes, anchor=section.anchor)
    parts = [_slide(section.title, group, sizes, anchor=section.anchor if i == 1 else "",
                    part=f' <span class="deck-part">{i}/{len(groups)}</span>')
             for i, group in enumerate(groups, 1)]
    return f'<section class="deck-stack">{"".join(parts)}</section>'


def has_math(fragment: str) -> bool:
    return 'class="math' in fragment


def render_deck(example: ExamplePage, *, page: str, deck: str, sizes: dict[str, tuple[int, int]] | None = None,
                site_title: str = "") -> str:
    """The deck of ``example`` as a standalone HTML document at ``deck`` (paths relative
    to the HTML root; ``page`` is where the example page is). ``sizes`` maps a figure's
    ``src`` (as on the page) to its pixel size, to place it beside or below the code."""
    sizes = sizes or {}
    root = posixpath.relpath(".", posixpath.dirname(deck))
    # The slides are written with URLs as the page has them, then rebased for the deck.
    page_link = posixpath.basename(page)
    run = [f'<a href="{page_link}">the page</a>']
    labels = {"python": "Python script (.py)", "jupyter": "notebook (.ipynb)"}
    run += [f'<a download href="{html.escape(href)}">{labels[kind]}</a>' for kind, href in example.downloads.items()]
    if example.lite:
        run.append(f'<a href="{html.escape(example.lite)}">JupyterLite</a>')
    title_slide = (
        '<section class="deck-title" id="title">'
        f"<h1>{html.escape(example.title)}</h1>"
        f'<div class="deck-question">{example.question}</div>'
        f'<p class="deck-run">Run it yourself: {" · ".join(run)}</p>'
        f'<div class="deck-data">{"".join(example.data_notes)}</div>'
        f"{_notes(example.introduction)}</section>"
    )
    body = [title_slide] + [section_slides(section, sizes) for section in example.sections]
    take_home = example.take_home
    body.append(
        f'<section class="deck-take-home" id="{html.escape(take_home.anchor)}">'
        f"<h2>{html.escape(take_home.title)}</h2>"
        f'<div class="deck-prose">{"".join(take_home.prose)}</div>'
        f'<p class="deck-back"><a href="{page_link}">Back to the page: {html.escape(example.title)}</a></p>'
        f"{_notes(take_home.prose)}</section>"
    )
    slides = rebase_fragment("".join(body), page, deck)
    math = has_math(slides)
    static = posixpath.join(root, REVEAL_DIR)
    plugins = "RevealNotes" + (", RevealMath.MathJax3" if math else "")
    math_script = f'<script src="{static}/plugin/math/math.js"></script>' if math else ""
    math_config = (f', mathjax3: {{mathjax: "{posixpath.join(root, MATHJAX)}", '
                   "tex: {inlineMath: [['\\\\(', '\\\\)']], displayMath: [['\\\\[', '\\\\]']]}}"
                   if math else "")
    full_title = f"{example.title} (slides)" + (f" — {site_title}" if site_title else "")
    return f"""<!DOCTYPE html>
<html lang="en" data-theme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(full_title)}</title>
<link rel="icon" href="{root}/_static/logo.svg">
<link rel="stylesheet" href="{static}/dist/reset.css">
<link rel="stylesheet" href="{static}/dist/reveal.css">
<link rel="stylesheet" href="{static}/dist/theme/white-contrast.css">
<link rel="stylesheet" href="{root}/_static/pygments.css">
<link rel="stylesheet" href="{root}/_static/slides.css">
</head>
<body>
<div class="reveal"><div class="slides">
{slides}
</div></div>
<script src="{static}/dist/reveal.js"></script>
<script src="{static}/plugin/notes/notes.js"></script>
{math_script}
<script>
Reveal.initialize({{
  width: 1280, height: 720, margin: 0.03, center: false, hash: true, slideNumber: "c/t",
  transition: "fade", transitionSpeed: "fast", navigationMode: "linear",
  pdfMaxPagesPerSlide: 1, pdfSeparateFragments: false, plugins: [{plugins}]{math_config}
}});
</script>
</body>
</html>
"""


# -- reading figure sizes without decoding the images -------------------------------------------

def png_size(path: Path) -> tuple[int, int] | None:
    """Width and height from a PNG file's header, or None for anything else."""
    with path.open("rb") as stream:
        head = stream.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def figure_sizes(example: ExamplePage, page_file: Path) -> dict[str, tuple[int, int]]:
    sizes = {}
    for figure in example.figures:
        path = page_file.parent / figure.src
        if path.is_file():
            size = png_size(path)
            if size:
                sizes[figure.src] = size
    return sizes


# -- reveal.js files -------------------------------------------------------------------------

INSTALL_REVEAL = ("reveal.js comes from the pinned sphinx-revealjs package: install the site's requirements "
                  "(pip install -r requirements/site.txt)")


def revealjs_source() -> Path:
    """The reveal.js folder that the ``sphinx-revealjs`` package vendors."""
    import importlib.util

    spec = importlib.util.find_spec("sphinx_revealjs")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"sphinx-revealjs is not installed. {INSTALL_REVEAL}")
    source = Path(next(iter(spec.submodule_search_locations))) / "_static" / "revealjs"
    missing = [name for name in REVEAL_FILES if not (source / name).is_file()]
    if missing:
        raise FileNotFoundError(f"reveal.js files missing from {source}: {', '.join(missing)}. {INSTALL_REVEAL}")
    return source


def copy_revealjs(target: Path, source: Path | None = None) -> list[Path]:
    """Copy the files the decks use into ``target``; return those written (up-to-date ones are kept)."""
    source = source or revealjs_source()
    fonts = sorted((source / "dist/theme/fonts/source-sans-pro").glob("*.woff"))
    files = [source / name for name in REVEAL_FILES] + fonts
    return offline_assets.copy_changed([(src, target / src.relative_to(source)) for src in files])


# -- Sphinx -----------------------------------------------------------------------------------

def deck_path(gallery: str, name: str) -> str:
    """Where the deck of ``<gallery>/<name>.html`` is, relative to the HTML root."""
    return f"{DECKS_DIR}/{gallery}/{name}.html"


def _galleries(app) -> list[str]:
    dirs = app.config.sphinx_gallery_conf["gallery_dirs"]
    return [dirs] if isinstance(dirs, str) else list(dirs)


def example_pages(outdir: Path, galleries: list[str]) -> list[Path]:
    return [page for gallery in galleries for page in sorted((outdir / gallery).glob("plot_*.html"))]


def write_decks(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    started = time.perf_counter()
    outdir = Path(app.outdir)
    written = copy_revealjs(outdir / REVEAL_DIR)
    if written:
        logger.info("published reveal.js (%d files) in %s", len(written), REVEAL_DIR)
    count = 0
    for page_file in example_pages(outdir, _galleries(app)):
        page = page_file.relative_to(outdir).as_posix()
        deck = deck_path(page_file.parent.name, page_file.stem)
        try:
            example = read_example_page(page_file.read_text(encoding="utf-8"))
        except NotAnExamplePage as error:
            logger.warning("no slide deck for %s: %s", page, error, location=page_file.stem)
            continue
        target = outdir / deck
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_deck(example, page=page, deck=deck, sizes=figure_sizes(example, page_file),
                                      site_title=app.config.html_short_title or ""), encoding="utf-8")
        count += 1
    logger.info("wrote %d slide decks in %s/ (%.1f s)", count, DECKS_DIR, time.perf_counter() - started)


def add_deck_link(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Give example pages the address of their deck (the ``slides_link`` template shows it)."""
    gallery, _, name = pagename.partition("/")
    if gallery in _galleries(app) and name.startswith("plot_") and "/" not in name:
        context["slides_deck"] = deck_path(gallery, name)


_TIME_ROW = re.compile(r":ref:`sphx_glr_(?P<ref>[\w]+?)\.py`.*\n\s+- (?P<minutes>\d+):(?P<seconds>\d+(?:\.\d+)?)")


def execution_times(table_rst: str) -> dict[str, float]:
    """Seconds per example (``<gallery>_<name>`` as in sphinx-gallery's labels) from a
    ``sg_execution_times.rst`` table that sphinx-gallery writes at each build."""
    return {m["ref"]: 60 * int(m["minutes"]) + float(m["seconds"]) for m in _TIME_ROW.finditer(table_rst)}


def format_duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 60 else f"{int(seconds // 60)} min {seconds % 60:02.0f} s"


def deck_list_rst(galleries: dict[str, list[str]], times: dict[str, float]) -> list[str]:
    """reST of one table per gallery: each example, its deck, and how long the build took to run it."""
    lines = []
    for gallery, names in galleries.items():
        total = sum(times.get(f"{gallery}_{name}", 0.0) for name in names)
        lines += [f":doc:`/{gallery}/index` ({len(names)} decks, {format_duration(total)} to run them all)", "",
                  ".. list-table::", "   :header-rows: 1", "   :widths: 60 15 25", "",
                  "   * - Example", "     - Deck", "     - Run time (this build)"]
        for name in names:
            seconds = times.get(f"{gallery}_{name}")
            lines += [f"   * - :ref:`sphx_glr_{gallery}_{name}.py`",
                      f"     - `slides <{deck_path(gallery, name)}>`__",
                      f"     - {format_duration(seconds) if seconds is not None else 'not run in this build'}"]
        lines.append("")
    return lines


class DeckListDirective(SphinxDirective):
    """Lists every example's deck, gallery by gallery, with its run time from the build's
    execution-time tables. Used on a page at the root of the documentation."""

    has_content = False

    def run(self):
        from docutils.statemachine import StringList
        from sphinx.util.nodes import nested_parse_with_titles

        srcdir = Path(self.env.srcdir)
        galleries, times = {}, {}
        for gallery in _galleries(self.env.app):
            galleries[gallery] = [p.stem for p in sorted((srcdir / gallery).glob("plot_*.py"))]
            table = srcdir / gallery / "sg_execution_times.rst"
            if table.is_file():
                self.env.note_dependency(str(table))
                times.update(execution_times(table.read_text(encoding="utf-8")))
        container = nodes.container(classes=["deck-list"])
        nested_parse_with_titles(self.state, StringList(deck_list_rst(galleries, times), source="slide-decks"),
                                 container)
        return [container]


def setup(app) -> dict:
    app.add_directive("slide-decks", DeckListDirective)
    # Late, once the pages and their images are written.
    app.connect("build-finished", write_decks, priority=900)
    app.connect("html-page-context", add_deck_link)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
