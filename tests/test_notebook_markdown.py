"""Example notebooks read as Markdown, with the page's links; download-all archives.

The unit tests feed the converter what sphinx-gallery itself makes of reST (its own
``rst2md``), so they follow sphinx-gallery's behaviour. The ``test_built_site_*``
tests check every notebook the build publishes.
"""

from __future__ import annotations

import html
import io
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
import zlib
from collections import defaultdict
from html.parser import HTMLParser
from itertools import count
from pathlib import Path
from urllib.parse import unquote, urljoin

import nbformat
import pytest
from sphinx_gallery.downloads import CODE_ZIP_DOWNLOAD, NOTEBOOK_ZIP_DOWNLOAD
from sphinx_gallery.notebook import rst2md

import lite_notebooks
import notebook_markdown as nm
from conftest import GALLERIES, HTML, ROOT, read_conf

BASE = "https://example.org/primer/"
SKLEARN = "https://scikit-learn.org/stable/modules/generated/"


def entry(url: str, display: str = "-") -> tuple:
    """An inventory item in the tuple form (project, version, uri, display name)."""
    return ("project", "1.0", url, display)


LINKS = nm.Links(
    base_url=BASE,
    site={
        "std:term": {
            "connectome": entry(BASE + "glossary.html#term-connectome"),
            "Functional connectivity": entry(BASE + "glossary.html#term-Functional-connectivity"),
            "epoch": entry(BASE + "glossary.html#term-epoch"),
        },
        "std:label": {
            "sphx_glr_classic_ml_plot_04_cross_validation.py": entry(
                BASE + "classic_ml/plot_04_cross_validation.html#sphx-glr-classic-ml-plot-04-cross-validation-py",
                "Cross-validation done right",
            ),
        },
        "std:doc": {
            "dl_theory": entry(BASE + "dl_theory.html", "Deep-learning theory"),
            "classic_ml/index": entry(BASE + "classic_ml/index.html", "Classic machine learning"),
        },
    },
    external={
        "py:class": {
            "sklearn.pipeline.Pipeline": entry(SKLEARN + "sklearn.pipeline.Pipeline.html#sklearn.pipeline.Pipeline"),
            "list": entry("https://docs.python.org/3/library/stdtypes.html#list"),
        },
        "py:function": {
            "sklearn.pipeline.make_pipeline": entry(
                SKLEARN + "sklearn.pipeline.make_pipeline.html#sklearn.pipeline.make_pipeline"),
            "zip": entry("https://docs.python.org/3/library/functions.html#zip"),
        },
        "py:method": {
            "sklearn.pipeline.Pipeline.fit": entry(
                SKLEARN + "sklearn.pipeline.Pipeline.html#sklearn.pipeline.Pipeline.fit"),
            # properties are stored as methods
            "sklearn.pipeline.Pipeline.named_steps": entry(
                SKLEARN + "sklearn.pipeline.Pipeline.html#sklearn.pipeline.Pipeline.named_steps"),
        },
        "py:module": {"sklearn.pipeline": entry(SKLEARN + "../api/sklearn.pipeline.html#module-sklearn.pipeline")},
        "py:exception": {"ValueError": entry("https://docs.python.org/3/library/exceptions.html#ValueError")},
        "py:data": {"numpy.newaxis": entry("https://numpy.org/doc/stable/reference/constants.html#numpy.newaxis")},
    },
)


def sphinx_gallery_markdown(rst: str) -> str:
    """What sphinx-gallery writes into a notebook for this reST text block."""
    counter = count(1)
    levels = defaultdict(lambda: next(counter))
    return rst2md(textwrap.dedent(rst).strip("\n") + "\n", {"rst_link_targets": {}}, ".", levels)


def convert(rst: str, docname: str = "classic_ml/plot_01_x") -> str:
    markdown, problems = nm.to_markdown(sphinx_gallery_markdown(rst), LINKS, docname)
    assert problems == []
    assert nm.scan(markdown) == [], markdown
    return markdown


# -- the scanner ---------------------------------------------------------------------

RAW_SAMPLES = [
    ("role", "a :term:`connectome` here"),
    ("role", "the :class:`~sklearn.pipeline.Pipeline` object"),
    ("role", "see :py:func:`numpy.mean`"),
    ("role", "a term wrapped\n:term:`functional\nconnectivity` over lines"),
    ("role", "the `suffix`:term: form"),
    ("literal", "the ``rois_cc200`` atlas"),
    ("literal", "an f-string with ``:02d`` pads"),
    ("interpreted", "see `sphx_glr_classic_ml_plot_04_cross_validation.py` next"),
    ("interpreted", "the `first classifier <sphx_glr_classic_ml_plot_01_first_classifier.py>`."),
    ("interpreted", "the `first\nclassifier <sphx_glr_classic_ml_plot_01_first_classifier.py>`."),
    ("interpreted", "a `hyperlink`_ reference"),
    ("interpreted", "an `anonymous link`__ reference"),
    ("directive", ".. note::\n   Careful."),
    ("directive", "   .. code-block:: python"),
    ("directive", ".. _a-target:"),
    ("directive", ".. a comment"),
    ("admonition-html", '<div class="alert alert-info"><h4>Note</h4>\n\nCareful.\n\n</div>'),
    ("display-math", "\\begin{align}y = x\\end{align}"),
    ("escape", "many `baseline`\\ s"),
    ("escape", "some :term:`epoch`\\ s"),
    ("escape", "an escaped \\letter"),
    ("literal-block", "Run this::\n\n    python -m pip install nilearn"),
    ("footnote-reference", "as shown [1]_ before"),
    ("footnote-reference", "as shown [#note]_ before"),
    ("auto-enumerator", "#. first\n#. second"),
]


@pytest.mark.parametrize(("kind", "sample"), RAW_SAMPLES)
def test_scanner_finds_each_raw_form(kind, sample):
    assert kind in {finding.kind for finding in nm.scan(sample)}, nm.scan(sample)


def test_scanner_has_a_sample_of_every_kind():
    assert {kind for kind, _ in RAW_SAMPLES} == set(nm.KINDS)


MARKDOWN_SAMPLES = [
    "a [connectome](https://example.org/glossary.html#term-connectome) and [`Pipeline`](https://x.org/p.html)",
    "code `x` and `` a`b `` and a loop over `range(3)`",
    "inline math $\\partial L / \\partial z$ and $|z|$ and $a\\ b$",
    "$$\n\\begin{split}a &= b \\\\\nc &= d\\end{split}\n$$",
    "```python\n# .. note:: not a directive in code\nx = 1  # ``literal`` :term:`x`\n```",
    "> **Note**\n>\n> Careful: `x::`.",
    "an escaped \\* star and a backslash \\\\ and `C:\\Users`",
    "a list:\n\n1. first\n2. second",
    "an explanation of roles: `` :term:`x` `` is a role",
]


@pytest.mark.parametrize("sample", MARKDOWN_SAMPLES)
def test_scanner_accepts_markdown(sample):
    assert nm.scan(sample) == []


# -- the conversion ------------------------------------------------------------------


def test_glossary_terms_link_to_their_anchor_on_the_site():
    markdown = convert("""
        A :term:`connectome`, :term:`functional connectivity` (any case), many
        :term:`epoch`\\ s and :term:`the matrices <connectome>`.
    """)
    assert "A [connectome](https://example.org/primer/glossary.html#term-connectome)," in markdown
    assert "[functional connectivity](https://example.org/primer/glossary.html#term-Functional-connectivity)" \
        in markdown
    assert "many\n[epoch](https://example.org/primer/glossary.html#term-epoch)s and" in markdown
    assert "[the matrices](https://example.org/primer/glossary.html#term-connectome)." in markdown


def test_api_roles_show_what_the_page_shows_and_link_where_it_links():
    markdown = convert("""
        :class:`~sklearn.pipeline.Pipeline`, :class:`sklearn.pipeline.Pipeline`,
        :func:`~sklearn.pipeline.make_pipeline`, :meth:`~sklearn.pipeline.Pipeline.fit`,
        :attr:`~sklearn.pipeline.Pipeline.named_steps`, :mod:`sklearn.pipeline`, :obj:`zip`,
        :exc:`ValueError`, :data:`numpy.newaxis`, :py:class:`list`,
        :class:`the pipeline <sklearn.pipeline.Pipeline>`, :func:`!not_linked`,
        :class:`~unknown.Thing`.
    """)
    pipeline = SKLEARN + "sklearn.pipeline.Pipeline.html#sklearn.pipeline.Pipeline"
    assert markdown.startswith(f"[Pipeline]({pipeline}), [sklearn.pipeline.Pipeline]({pipeline}),\n")
    assert f"[make_pipeline()]({SKLEARN}sklearn.pipeline.make_pipeline.html#sklearn.pipeline.make_pipeline)" in markdown
    assert f"[fit()]({pipeline}.fit)" in markdown
    assert f"[named_steps]({pipeline}.named_steps)" in markdown
    assert f"[sklearn.pipeline]({SKLEARN}../api/sklearn.pipeline.html#module-sklearn.pipeline)" in markdown
    assert "[zip](https://docs.python.org/3/library/functions.html#zip)" in markdown
    assert "[ValueError](https://docs.python.org/3/library/exceptions.html#ValueError)" in markdown
    assert "[numpy.newaxis](https://numpy.org/doc/stable/reference/constants.html#numpy.newaxis)" in markdown
    assert "[list](https://docs.python.org/3/library/stdtypes.html#list)" in markdown
    assert f"[the pipeline]({pipeline})" in markdown
    # as on the page: code, and no link where Sphinx makes none
    assert "`not_linked()`,\n`Thing`." in markdown


def test_api_link_text_is_not_read_as_markdown_emphasis():
    assert nm.api_link("__init__()", "u") == "[\\_\\_init\\_\\_()](u)"
    assert nm.api_link("resample_to_img()", "u") == "[resample_to_img()](u)"


def test_references_to_other_pages_use_their_title_or_the_given_text():
    markdown = convert("""
        Next, :ref:`sphx_glr_classic_ml_plot_04_cross_validation.py`, also
        :ref:`the next one <sphx_glr_classic_ml_plot_04_cross_validation.py>`;
        :doc:`/dl_theory`, :doc:`index` and :doc:`the theory <../dl_theory>`.
    """)
    page = BASE + "classic_ml/plot_04_cross_validation.html#sphx-glr-classic-ml-plot-04-cross-validation-py"
    assert f"Next, [Cross-validation done right]({page}), also\n[the next one]({page});" in markdown
    assert f"[Deep-learning theory]({BASE}dl_theory.html)" in markdown
    assert f"[Classic machine learning]({BASE}classic_ml/index.html)" in markdown
    assert f"[the theory]({BASE}dl_theory.html)" in markdown


def test_literals_math_and_escapes():
    markdown = convert("""
        The ``rois_cc200`` atlas, ``a `tick` inside``, :math:`\\sigma(z)` and an
        escaped \\*star\\* that stays literal; a `default role` is italic.

        .. math::

           L = -\\frac{1}{n} \\sum_i y_i \\\\
               \\log p_i

           z = w x + b
    """)
    assert "The `rois_cc200` atlas, `` a `tick` inside ``, $\\sigma(z)$" in markdown
    assert "escaped \\*star\\* that stays literal; a *default role* is italic." in markdown
    assert "$$\n\\begin{aligned}\n\\begin{split}L = -\\frac{1}{n}" in markdown
    assert "\\end{split} \\\\\nz = w x + b\n\\end{aligned}\n$$" in markdown


def test_admonitions_become_blockquotes_with_their_title():
    markdown = convert("""
        Before.

        .. note::
           A :term:`connectome` is symmetric.

        .. tip:: Use ``float32``.

        .. admonition:: Why it matters

           Leakage inflates scores.

        * in a list:

          .. warning::
             Not here.
    """)
    assert ("> **Note**\n>\n> A [connectome](https://example.org/primer/glossary.html#term-connectome) "
            "is symmetric.") in markdown
    assert "> **Tip**\n>\n> Use `float32`." in markdown
    assert "> **Why it matters**\n>\n> Leakage inflates scores." in markdown
    assert "* in a list:\n\n  > **Warning**\n  >\n  > Not here." in markdown


def test_literal_blocks_comments_and_targets():
    markdown = convert("""
        Install it::

            pip install nilearn

        .. _a-target:

        .. a comment that the page does not show

        Then ``fit`` it.
    """)
    assert markdown == "Install it:\n\n```\npip install nilearn\n```\n\nThen `fit` it.\n"


def test_sphinx_gallerys_code_blocks_are_kept():
    markdown = convert("""
        Run:

        .. code-block:: bash

           jupyter lab ``notebook``
    """)
    assert "```bash\njupyter lab ``notebook``\n```" in markdown


def test_what_cannot_be_converted_is_reported():
    markdown, problems = nm.to_markdown(".. toctree::\n   other\n\nA :term:`nothing here`.", LINKS, "x")
    assert [p.message for p in problems] == [
        "no Markdown for the directive '.. toctree::'",
        "nothing on the site is called 'nothing here' (std:term)",
    ]
    assert "A nothing here." in markdown
    assert nm.count(nm.scan(markdown)) == {"directive": 1}


def test_notebook_cells_other_than_markdown_are_untouched():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(sphinx_gallery_markdown("The ``x`` of :term:`connectome`.")),
        nbformat.v4.new_code_cell("x = 1  # ``x`` :term:`y`"),
    ])
    converted, problems = nm.convert_notebook(json.loads(nbformat.writes(notebook)), LINKS, "x")
    assert problems == []
    assert nm.cell_text(converted["cells"][0]) == (
        "The `x` of [connectome](https://example.org/primer/glossary.html#term-connectome).\n")
    assert nm.cell_text(converted["cells"][1]) == "x = 1  # ``x`` :term:`y`"
    nbformat.validate(nbformat.reads(json.dumps(converted), as_version=4))


def test_site_url_must_be_absolute():
    assert nm.normalized_base_url("https://example.org/primer") == "https://example.org/primer/"
    with pytest.raises(ValueError, match="site_url"):
        nm.normalized_base_url("")


# -- links from a real Sphinx build --------------------------------------------------


def write_inventory(path: Path, lines: list[str]) -> None:
    header = b"# Sphinx inventory version 2\n# Project: demo\n# Version: 1.0\n"
    header += b"# The remainder of this file is compressed using zlib.\n"
    path.write_bytes(header + zlib.compress("".join(line + "\n" for line in lines).encode()))


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"])


def anchors(path: Path) -> _Anchors:
    parser = _Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


PAGE_RST = """
A page title
============

With :term:`connectome`, :term:`the FC <functional connectivity>`, :class:`~demo.Thing`,
:func:`demo.make_thing`, :meth:`~demo.Thing.fit`, :mod:`demo`, :ref:`sphx_glr_gallery_page.py`,
:ref:`other`, :doc:`/glossary` and :doc:`../glossary`.
"""


@pytest.fixture(scope="module")
def demo_build(tmp_path_factory):
    """A small Sphinx project: a glossary, a gallery-like page and one intersphinx inventory."""
    from sphinx.testing.util import SphinxTestApp

    root = tmp_path_factory.mktemp("demo")
    src, out = root / "src", root / "out"
    (src / "gallery").mkdir(parents=True)
    write_inventory(root / "demo.inv", [
        "demo py:module 0 index.html#module-$ -",
        "demo.Thing py:class 1 api/demo.Thing.html#$ -",
        "demo.Thing.fit py:method 1 api/demo.Thing.html#$ -",
        "demo.make_thing py:function 1 api/demo.make_thing.html#$ -",
    ])
    (src / "conf.py").write_text(
        "extensions = ['sphinx.ext.intersphinx']\n"
        f"intersphinx_mapping = {{'demo': ('https://demo.org/docs/', {str(root / 'demo.inv')!r})}}\n"
    )
    (src / "index.rst").write_text("Demo\n====\n\n.. toctree::\n\n   glossary\n   gallery/page\n   other\n")
    (src / "glossary.rst").write_text(
        "Glossary\n========\n\n.. glossary::\n\n   connectome\n      A matrix.\n\n"
        "   Functional connectivity\n      Correlations.\n"
    )
    (src / "gallery" / "page.rst").write_text(".. _sphx_glr_gallery_page.py:\n" + PAGE_RST)
    (src / "other.rst").write_text(".. _other:\n\nAnother page\n============\n\nText.\n")
    warnings = io.StringIO()
    app = SphinxTestApp("html", srcdir=src, builddir=out, status=io.StringIO(), warning=warnings, freshenv=True)
    try:
        app.build()
        assert warnings.getvalue() == ""
        yield app, root
    finally:
        app.cleanup()


def page_hrefs(page: Path, page_url: str) -> set[str]:
    return {urljoin(page_url, href) for href in anchors(page).hrefs}


def test_links_from_the_build_are_the_pages_links(demo_build):
    app, root = demo_build
    links = nm.Links.from_sphinx(app, BASE)
    markdown, problems = nm.to_markdown(sphinx_gallery_markdown(PAGE_RST), links, "gallery/page")
    assert problems == [] and nm.scan(markdown) == []
    urls = re.findall(r"\]\(([^)]+)\)", markdown)
    assert len(urls) == 10
    out = Path(app.outdir)
    on_page = page_hrefs(out / "gallery" / "page.html", BASE + "gallery/page.html")
    assert set(urls) <= on_page, set(urls) - on_page
    assert "[Thing](https://demo.org/docs/api/demo.Thing.html#demo.Thing)" in markdown
    assert "[demo.make_thing()](https://demo.org/docs/api/demo.make_thing.html#demo.make_thing)" in markdown
    assert "[the FC](https://example.org/primer/glossary.html#term-Functional-connectivity)" in markdown
    assert "[A page title](https://example.org/primer/gallery/page.html#sphx-glr-gallery-page-py)" in markdown
    assert "[Another page](https://example.org/primer/other.html#other)" in markdown
    # the same links from the files the build wrote
    from_files = nm.Links.from_files(BASE, out / "objects.inv", {"demo": ("https://demo.org/docs/", root / "demo.inv")})
    assert nm.to_markdown(sphinx_gallery_markdown(PAGE_RST), from_files, "gallery/page")[0] == markdown


# -- the gallery's files -------------------------------------------------------------


def sg_notebook(*markdown_cells: str) -> dict:
    cells = [nbformat.v4.new_markdown_cell(sphinx_gallery_markdown(text)) for text in markdown_cells]
    cells.append(nbformat.v4.new_code_cell("print('hello')"))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.nbformat_minor = 4
    for cell in notebook.cells:
        cell.pop("id", None)
    return json.loads(nbformat.writes(notebook))


def test_gallery_notebook_is_converted_from_what_sphinx_gallery_wrote(tmp_path):
    path = tmp_path / "classic_ml" / "plot_01_x.ipynb"
    path.parent.mkdir()
    path.write_text(json.dumps(sg_notebook("A :term:`connectome`.")))
    assert nm.convert_gallery_notebook(path, LINKS, "classic_ml/plot_01_x") == []
    first = path.read_bytes()
    assert "[connectome](" in first.decode()
    # the next build converts the original again, not its own output
    nm.convert_gallery_notebook(path, LINKS, "classic_ml/plot_01_x")
    assert path.read_bytes() == first
    # with other links (say another site_url), from the original
    elsewhere = nm.Links(**{**LINKS.__dict__, "site": {"std:term": {"connectome": entry("https://b.org/g.html#c")}}})
    nm.convert_gallery_notebook(path, elsewhere, "classic_ml/plot_01_x")
    assert "[connectome](https://b.org/g.html#c)" in path.read_text()
    # when sphinx-gallery writes the notebook again, its new version is converted
    path.write_text(json.dumps(sg_notebook("An :term:`epoch`.")))
    nm.convert_gallery_notebook(path, LINKS, "classic_ml/plot_01_x")
    assert "[epoch](https://example.org/primer/glossary.html#term-epoch)" in path.read_text()
    nbformat.validate(nbformat.reads(path.read_text(), as_version=4))
    assert sorted(p.name for p in path.parent.iterdir()) == ["plot_01_x.ipynb", "plot_01_x.sphinx-gallery.json"]


def test_archives_get_the_converted_notebooks(tmp_path):
    gallery = tmp_path / "classic_ml"
    gallery.mkdir()
    for stem in ("plot_01_a", "plot_02_b"):
        (gallery / f"{stem}.py").write_text("print(1)\n")
        (gallery / f"{stem}.ipynb").write_text(json.dumps(sg_notebook("A :term:`connectome`.")))
    archive = gallery / "classic_ml_jupyter.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for stem in ("plot_01_a", "plot_02_b"):
            zipped.write(gallery / f"{stem}.ipynb", f"{stem}.ipynb")
    for path, docname in nm.gallery_notebooks(tmp_path, ["classic_ml"]):
        nm.convert_gallery_notebook(path, LINKS, docname)
    assert nm.refresh_archive(archive, gallery)
    assert not nm.refresh_archive(archive, gallery), "a current archive is left as it is"
    with zipfile.ZipFile(archive) as zipped:
        assert zipped.namelist() == ["plot_01_a.ipynb", "plot_02_b.ipynb"]
        assert all(zipped.read(name) == (gallery / name).read_bytes() for name in zipped.namelist())

    course = tmp_path / nm.COURSE_ARCHIVE
    names = nm.write_course_archive(tmp_path, ["classic_ml"], course)
    top = nm.COURSE_ARCHIVE.removesuffix(".zip")
    assert names == [f"{top}/classic_ml/plot_01_a.py", f"{top}/classic_ml/plot_01_a.ipynb",
                     f"{top}/classic_ml/plot_02_b.py", f"{top}/classic_ml/plot_02_b.ipynb"]
    written = course.read_bytes()
    nm.write_course_archive(tmp_path, ["classic_ml"], course)
    assert course.read_bytes() == written, "the archive is reproducible"


def test_gallery_index_offers_the_course_archive_in_sphinx_gallerys_footer():
    footer = CODE_ZIP_DOWNLOAD.format("in Python", "classic_ml_python.zip", "classic_ml/classic_ml_python.zip")
    footer += NOTEBOOK_ZIP_DOWNLOAD.format("classic_ml_jupyter.zip", "classic_ml/classic_ml_jupyter.zip")
    index = "Classic ML\n==========\n\n.. toctree::\n\n   plot_01\n" + footer + "\n\n.. only:: html\n\n  signature\n"
    offered = nm.with_course_download(index)
    jupyter = offered.index("sphx-glr-download-jupyter")
    course = offered.index(".. container:: sphx-glr-download sphx-glr-download-course")
    assert jupyter < course < offered.index("signature")
    assert f":download:`Download the whole course, every gallery in Python and Jupyter notebooks: " \
           f"{nm.COURSE_ARCHIVE} </{nm.COURSE_ARCHIVE}>`" in offered
    # same indentation as sphinx-gallery's buttons, inside its footer container
    assert re.search(r"^    \.\. container:: sphx-glr-download sphx-glr-download-course$", offered, re.MULTILINE)
    assert nm.with_course_download("No footer here.\n") is None


EXAMPLE = r'''"""
A tiny example
==============

It fits a :class:`~demo.Thing` on a :term:`connectome`\\ s; see :ref:`other`.
"""

# %%
# Then ``fit`` it with :func:`demo.make_thing`:
#
# .. note::
#    Also see :doc:`/glossary`.

print("fitted")
'''

SITE_HOOKS = """
import site_setup

def setup(app):
    app.add_config_value("site_url", "", "", types=frozenset({str}))
    app.connect("source-read", site_setup.add_course_download)
    app.connect("builder-inited", site_setup.write_course_archive, priority=600)
    app.connect("env-updated", site_setup.notebooks_to_markdown)
    return {"parallel_read_safe": True}
"""


def build_gallery_site(root: Path) -> Path:
    """Build a one-example sphinx-gallery site with this site's notebook hooks, warnings
    as errors, as the site is built."""
    src, out = root / "src", root / "out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", "-d", str(root / "doctrees"), str(src), str(out)],
        capture_output=True, text=True, cwd=root,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def gallery_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("gallery")
    src = root / "src"
    (root / "examples").mkdir()
    src.mkdir()
    (root / "examples" / "GALLERY_HEADER.rst").write_text("Examples\n========\n\nThe examples.\n")
    (root / "examples" / "plot_01_tiny.py").write_text(EXAMPLE)
    write_inventory(root / "demo.inv", [
        "demo.Thing py:class 1 api/demo.Thing.html#$ -",
        "demo.make_thing py:function 1 api/demo.make_thing.html#$ -",
    ])
    (src / "site_hooks.py").write_text(SITE_HOOKS)
    (src / "conf.py").write_text(textwrap.dedent(f"""
        import sys
        sys.path[:0] = [{str(src)!r}, {str(ROOT / "doc" / "sphinxext")!r}, {str(ROOT)!r}]
        extensions = ["sphinx.ext.intersphinx", "sphinx_gallery.gen_gallery", "site_hooks"]
        intersphinx_mapping = {{"demo": ("https://demo.org/docs/", {str(root / "demo.inv")!r})}}
        site_url = {BASE!r}
        sphinx_gallery_conf = {{
            "examples_dirs": "../examples", "gallery_dirs": "gallery", "plot_gallery": "False",
            "download_all_examples": True, "image_scrapers": (), "show_memory": False,
        }}
    """))
    (src / "index.rst").write_text("Demo\n====\n\n.. toctree::\n\n   glossary\n   other\n   gallery/index\n")
    (src / "glossary.rst").write_text("Glossary\n========\n\n.. glossary::\n\n   connectome\n      A matrix.\n")
    (src / "other.rst").write_text(".. _other:\n\nAnother page\n============\n\nText.\n")
    out = build_gallery_site(root)
    return root, out


def test_hooks_publish_markdown_notebooks_everywhere(gallery_site):
    root, out = gallery_site
    (download,) = (out / "_downloads").rglob("plot_01_tiny.ipynb")
    notebook = json.loads(download.read_text())
    nbformat.validate(nbformat.reads(download.read_text(), as_version=4))
    assert nm.scan_notebook(notebook) == []
    prose = "".join(nm.cell_text(c) for c in notebook["cells"] if c["cell_type"] == "markdown")
    for expected in (
        "[Thing](https://demo.org/docs/api/demo.Thing.html#demo.Thing)",
        "[connectome](https://example.org/primer/glossary.html#term-connectome)s;",
        "[Another page](https://example.org/primer/other.html#other)",
        "Then `fit` it with [demo.make_thing()](https://demo.org/docs/api/demo.make_thing.html#demo.make_thing):",
        "> **Note**\n>\n> Also see [Glossary](https://example.org/primer/glossary.html).",
    ):
        assert expected in prose
    # sphinx-gallery's copy in the source folder (which JupyterLite stages) is the same file
    assert (root / "src" / "gallery" / "plot_01_tiny.ipynb").read_bytes() == download.read_bytes()
    zips = {path.name: path for path in (out / "_downloads").rglob("*.zip")}
    assert set(zips) == {"plot_01_tiny.zip", "gallery_python.zip", "gallery_jupyter.zip", nm.COURSE_ARCHIVE}
    for name, member in (("plot_01_tiny.zip", "plot_01_tiny.ipynb"), ("gallery_jupyter.zip", "plot_01_tiny.ipynb"),
                         (nm.COURSE_ARCHIVE, "ml-dl-primer-examples/gallery/plot_01_tiny.ipynb")):
        with zipfile.ZipFile(zips[name]) as zipped:
            assert zipped.read(member) == download.read_bytes(), name
    index = anchors(out / "gallery" / "index.html").hrefs
    offered = {Path(unquote(h)).name for h in index if "_downloads/" in h}
    assert offered == {"gallery_python.zip", "gallery_jupyter.zip", nm.COURSE_ARCHIVE}


def test_hooks_convert_again_from_sphinx_gallerys_notebook_on_the_next_build(gallery_site):
    root, out = gallery_site
    (download,) = (out / "_downloads").rglob("plot_01_tiny.ipynb")
    before = download.read_bytes()
    build_gallery_site(root)  # the example is unchanged: sphinx-gallery keeps its notebook
    assert download.read_bytes() == before


def nbconvert_html(notebook_path: Path, out_dir: Path) -> str:
    jupyter = Path(sys.executable).with_name("jupyter")
    command = [str(jupyter), "nbconvert"] if jupyter.exists() else [sys.executable, "-m", "nbconvert"]
    subprocess.run([*command, "--to", "html", "--output-dir", str(out_dir), str(notebook_path)],
                   check=True, capture_output=True)
    return (out_dir / notebook_path.with_suffix(".html").name).read_text(encoding="utf-8")


def test_nbconvert_renders_the_links_as_links(tmp_path):
    notebook, problems = nm.convert_notebook(
        sg_notebook("Fit a :class:`~sklearn.pipeline.Pipeline` on each :term:`connectome`\\ s, ``x``."),
        LINKS, "classic_ml/plot_01_x")
    assert problems == []
    path = tmp_path / "plot_01_x.ipynb"
    path.write_bytes(nm.notebook_bytes(notebook))
    rendered = nbconvert_html(path, tmp_path)
    assert '<a href="https://example.org/primer/glossary.html#term-connectome">connectome</a>s' in rendered
    assert f'<a href="{SKLEARN}sklearn.pipeline.Pipeline.html#sklearn.pipeline.Pipeline">Pipeline</a>' in rendered
    assert ":term:" not in rendered and "``" not in rendered


# -- the built site ------------------------------------------------------------------

MARKDOWN_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\(([^)\s]+)\)")


def site_url() -> str:
    """The published address the build linked notebooks to (``site_url`` in conf.py)."""
    return nm.normalized_base_url(read_conf()["site_url"])


def published_notebooks() -> dict[str, dict]:
    """Every notebook the site publishes, by where it is: downloads, JupyterLite, zips."""
    found = {}
    for path in sorted((HTML / "_downloads").rglob("*.ipynb")) + sorted((HTML / "lite" / "files").rglob("*.ipynb")):
        found[str(path.relative_to(HTML))] = json.loads(path.read_text(encoding="utf-8"))
    for archive in sorted((HTML / "_downloads").rglob("*.zip")):
        with zipfile.ZipFile(archive) as zipped:
            for name in zipped.namelist():
                if name.endswith(".ipynb"):
                    found[f"{archive.relative_to(HTML)}:{name}"] = json.loads(zipped.read(name))
    return found


def example_stems(gallery: str) -> list[str]:
    return sorted(p.stem for p in (ROOT / "examples" / gallery).glob("plot_*.py"))


def test_built_site_notebooks_are_markdown(site, examples):
    notebooks = published_notebooks()
    assert len(notebooks) >= 4 * len(examples)  # download, lite copy, example zip, gallery zip (+ course)
    raw = {where: nm.scan_notebook(notebook) for where, notebook in notebooks.items()}
    total = nm.count(finding for findings in raw.values() for finding in findings)
    print(f"raw reST constructs in the markdown of {len(notebooks)} published notebooks: "
          f"{sum(total.values())} {dict(total)}")
    assert {where: [str(f) for f in found] for where, found in raw.items() if found} == {}


def test_built_site_lite_copies_have_the_downloads_markdown(site, examples):
    for source in examples:
        (download,) = (HTML / "_downloads").rglob(f"{source.stem}.ipynb")
        lite = HTML / "lite" / "files" / source.parent.name / f"{source.stem}.ipynb"
        cells = [json.loads(path.read_text())["cells"] for path in (download, lite)]
        prose = [[nm.cell_text(c) for c in group if c["cell_type"] == "markdown"
                  and not c.get("metadata", {}).get(lite_notebooks.ADAPTED_MARK)] for group in cells]
        assert prose[0] == prose[1], source.name


def _env_inventory_urls() -> set[str]:
    """Every URL of the intersphinx inventories this build loaded (the online one where
    it was reachable, else the generated one)."""
    with (ROOT / "_build" / "doctrees" / "environment.pickle").open("rb") as stream:
        env = pickle.load(stream)
    return {nm._item(item)[0] for entries in env.intersphinx_inventory.values() for item in entries.values()}


def test_built_site_every_notebook_link_resolves(site, examples):
    """Site links reach an existing page and anchor; other links are the very links of
    the example's page, and its API links (intersphinx's) are inventory entries."""
    inventory_urls = _env_inventory_urls()
    base = site_url()
    parsed: dict[Path, _Anchors] = {}

    def page(path: Path) -> _Anchors:
        if path not in parsed:
            parsed[path] = anchors(path)
        return parsed[path]

    broken, checked, api = [], 0, 0
    for source in examples:
        gallery = source.parent.name
        (download,) = (HTML / "_downloads").rglob(f"{source.stem}.ipynb")
        example_page = HTML / gallery / f"{source.stem}.html"
        on_page = page_hrefs(example_page, f"{base}{gallery}/{source.stem}.html")
        api_on_page = {html.unescape(h) for h in re.findall(r'<a class="reference external" href="([^"]+)" '
                                                             r'title="\(in [^"]*\)"', example_page.read_text())}
        notebook = json.loads(download.read_text())
        for cell in notebook["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            for _label, url in MARKDOWN_LINK.findall(nm.cell_text(cell)):
                checked += 1
                if url.startswith(base):
                    path, _, fragment = unquote(url[len(base):]).partition("#")
                    target = HTML / (path or "index.html")
                    if not target.is_file():
                        broken.append(f"{source.name}: {url} (no page)")
                    elif fragment and fragment not in page(target).ids:
                        broken.append(f"{source.name}: {url} (no anchor)")
                elif url not in on_page:
                    broken.append(f"{source.name}: {url} is not a link of the page")
                elif url in api_on_page:
                    api += 1
                    if url not in inventory_urls:
                        broken.append(f"{source.name}: {url} is in no inventory of the build")
    assert checked > 500 and api > 250, (checked, api)
    assert broken == []


def _download_hrefs(index: Path) -> dict[str, Path]:
    return {Path(unquote(h)).name: (index.parent / unquote(h)).resolve()
            for h in anchors(index).hrefs if "_downloads/" in h and h.endswith(".zip")}


@pytest.mark.parametrize("gallery", GALLERIES)
def test_built_site_gallery_offers_its_examples_and_the_course(site, gallery):
    zips = _download_hrefs(HTML / gallery / "index.html")
    stems = example_stems(gallery)
    assert set(zips) == {f"{gallery}_python.zip", f"{gallery}_jupyter.zip", nm.COURSE_ARCHIVE}
    with zipfile.ZipFile(zips[f"{gallery}_python.zip"]) as zipped:
        assert sorted(zipped.namelist()) == [f"{stem}.py" for stem in stems]
        for stem in stems:
            assert zipped.read(f"{stem}.py") == (ROOT / "examples" / gallery / f"{stem}.py").read_bytes()
    with zipfile.ZipFile(zips[f"{gallery}_jupyter.zip"]) as zipped:
        assert sorted(zipped.namelist()) == [f"{stem}.ipynb" for stem in stems]
        for name in zipped.namelist():
            notebook = nbformat.reads(zipped.read(name).decode(), as_version=nbformat.NO_CONVERT)
            nbformat.validate(notebook)
            assert nm.scan_notebook(notebook) == [], name


def test_built_site_course_archive_holds_every_example(site):
    (course,) = {path for name, path in _download_hrefs(HTML / GALLERIES[0] / "index.html").items()
                 if name == nm.COURSE_ARCHIVE}
    top = nm.COURSE_ARCHIVE.removesuffix(".zip")
    expected = sorted(f"{top}/{gallery}/{stem}{suffix}" for gallery in GALLERIES for stem in example_stems(gallery)
                      for suffix in (".py", ".ipynb"))
    with zipfile.ZipFile(course) as zipped:
        assert sorted(zipped.namelist()) == expected
        for name in zipped.namelist():
            if name.endswith(".ipynb"):
                notebook = nbformat.reads(zipped.read(name).decode(), as_version=nbformat.NO_CONVERT)
                nbformat.validate(notebook)
                assert nm.scan_notebook(notebook) == [], name
    for gallery in GALLERIES[1:]:
        assert _download_hrefs(HTML / gallery / "index.html")[nm.COURSE_ARCHIVE] == course


def test_built_site_downloaded_nilearn_notebook_renders_links_with_nbconvert(site, tmp_path):
    (download,) = (HTML / "_downloads").rglob("plot_09_nilearn_images.ipynb")
    path = tmp_path / download.name
    shutil.copyfile(download, path)
    rendered = nbconvert_html(path, tmp_path)
    hrefs = {html.unescape(h) for h in re.findall(r'<a href="([^"]+)"', rendered)}
    assert f"{site_url()}glossary.html#term-connectome" in hrefs
    assert ("https://nilearn.github.io/stable/modules/generated/nilearn.maskers.NiftiMasker.html"
            "#nilearn.maskers.NiftiMasker") in hrefs
    assert ":term:" not in rendered and ":class:" not in rendered and ":func:" not in rendered
    assert os.path.getsize(tmp_path / "plot_09_nilearn_images.html") > 0
