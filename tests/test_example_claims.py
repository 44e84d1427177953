"""Every claim is code: the prose's directional statements are asserted where they are made.

An example protects a sentence of its prose with a hidden block right after the numbers
the sentence rests on (``../shared/README.md``, section 4)::

    # sphinx_gallery_start_ignore
    # claim: "the connectome beats the site-only baseline"
    assert mae_connectome < mae_site_only, (mae_connectome, mae_site_only)
    # sphinx_gallery_end_ignore

A rebuild on other data then fails with the claim instead of publishing it. These tests
check that the convention is followed, that each quoted phrase is really on the page,
that the blocks stay hidden, and that no example prints a warning.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import HTML, example_sources

HIDDEN_BLOCK = re.compile(r"^[ \t]*# sphinx_gallery_start_ignore\n(?P<body>.*?)^[ \t]*# sphinx_gallery_end_ignore",
                          re.M | re.S)
CLAIM = re.compile(r'^[ \t]*# claim: "(?P<phrase>[^"]+)"', re.M)
ASSERTION = re.compile(r"^[ \t]*assert\b", re.M)
WARNING_LINE = re.compile(r"\w*Warning\b|warnings\.warn")
SCRIPT_OUTPUT = re.compile(r'<div class="[^"]*sphx-glr-script-out[^"]*".*?<pre>(.*?)</pre>', re.S)
MIN_CLAIMS_ABIDE = 3
MIN_CLAIMS_ANY = 2


def claims(source: str) -> list[str]:
    """The quoted phrases of the hidden blocks that assert something."""
    found = []
    for block in HIDDEN_BLOCK.finditer(source):
        body = block.group("body")
        if ASSERTION.search(body):
            found += [" ".join(m.group("phrase").split()) for m in CLAIM.finditer(body)]
    return found


def uses_abide(source: str) -> bool:
    return "fetch_abide_pcp(" in source


def page_of(example: Path) -> Path:
    return HTML / example.parent.name / (example.stem + ".html")


def visible_text(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    # Sphinx's smart quotes turn the source's ' and " into typographic ones.
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    return " ".join(text.split())


def test_claims_are_read_from_hidden_blocks_with_an_assertion():
    source = '''x = 1
# sphinx_gallery_start_ignore
# claim: "the model beats
assert True
# sphinx_gallery_end_ignore
# sphinx_gallery_start_ignore
# claim: "a claim that asserts nothing"
print("no assertion here")
# sphinx_gallery_end_ignore
    # sphinx_gallery_start_ignore
    # claim: "indented inside a function"
    assert x == 1, x
    # sphinx_gallery_end_ignore
# claim: "outside any hidden block"
'''
    assert claims(source) == ["indented inside a function"]


ABIDE_EXAMPLES = [p for p in example_sources() if uses_abide(p.read_text())]


def test_abide_examples_are_found():
    assert len(ABIDE_EXAMPLES) >= 13


@pytest.mark.parametrize("example", ABIDE_EXAMPLES, ids=lambda p: p.stem)
def test_every_abide_example_asserts_its_claims(example):
    found = claims(example.read_text())
    assert len(found) >= MIN_CLAIMS_ABIDE, f"{example.name}: {len(found)} claim assertion(s), need {MIN_CLAIMS_ABIDE}"
    assert len(set(found)) == len(found), f"{example.name} quotes a phrase twice"
    assert all(len(phrase.split()) >= 4 for phrase in found), f"{example.name}: quote at least four words"


@pytest.mark.parametrize("example", example_sources(), ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_every_example_asserts_its_claims(example):
    """Not only the ABIDE pages: every page protects its directional sentences."""
    found = claims(example.read_text())
    assert len(found) >= MIN_CLAIMS_ANY, f"{example.name}: {len(found)} claim assertion(s), need {MIN_CLAIMS_ANY}"
    assert len(set(found)) == len(found), f"{example.name} quotes a phrase twice"
    assert all(len(phrase.split()) >= 4 for phrase in found), f"{example.name}: quote at least four words"


def test_every_quoted_claim_is_on_its_page_and_the_blocks_stay_hidden(site):
    missing, leaked = [], []
    for example in example_sources():
        phrases = claims(example.read_text())
        if not phrases:
            continue
        text = visible_text(page_of(example))
        missing += [f"{example.name}: “{phrase}”" for phrase in phrases if phrase not in text]
        notebook = HTML / "lite" / "files" / example.parent.name / f"{example.stem}.ipynb"
        for shown in (page_of(example).read_text(encoding="utf-8"), notebook.read_text(encoding="utf-8")):
            if "sphinx_gallery_start_ignore" in shown or "# claim:" in shown:
                leaked.append(example.name)
    assert not missing, "claims quoted by an assertion but absent from the page's prose:\n" + "\n".join(missing)
    assert not leaked, f"hidden claim blocks shown to readers: {sorted(set(leaked))}"


def test_no_example_prints_a_warning(site):
    warned = []
    for example in example_sources():
        page = page_of(example).read_text(encoding="utf-8")
        printed = "\n".join(html.unescape(block) for block in SCRIPT_OUTPUT.findall(page))
        hits = [line.strip() for line in printed.splitlines() if WARNING_LINE.search(line)]
        if hits:
            warned.append(f"{example.name}: {len(hits)} line(s), e.g. {hits[0][:160]}")
    assert not warned, "example output shows warnings (fix each at its cause):\n" + "\n".join(warned)


def test_the_warning_check_sees_sphinx_gallery_output():
    page = ('<div class="sphx-glr-script-out highlight-none notranslate"><div class="highlight"><pre>'
            "/x/_base.py:1295: ConvergenceWarning: Liblinear failed to converge\n  warnings.warn(\n</pre></div></div>")
    printed = "\n".join(SCRIPT_OUTPUT.findall(page))
    assert [line for line in printed.splitlines() if WARNING_LINE.search(line)]



NUMPY_SCALAR_REPR = re.compile(r"\bnp\.(?:u?int|float|bool|str)_?\d*\(")
IMAGE_ALT = re.compile(r'<img[^>]*\balt="([^"]*)"')


def numpy_reprs_shown(page: str) -> list[str]:
    """NumPy scalar reprs such as ``np.int64(-38)`` in printed output or figure alt text."""
    shown = [html.unescape(block) for block in SCRIPT_OUTPUT.findall(page)] + IMAGE_ALT.findall(page)
    return [match.group(0) for text in shown for match in NUMPY_SCALAR_REPR.finditer(html.unescape(text))]


def test_the_numpy_repr_check_sees_output_and_alt_text():
    page = ('<div class="sphx-glr-script-out"><pre>peak at (np.int64(-38), 2)</pre></div>'
            '<img src="a.png" alt="legend: np.float64(0.5)"/><p>np.int64( in prose is fine</p>')
    assert numpy_reprs_shown(page) == ["np.int64(", "np.float64("]
    assert numpy_reprs_shown('<div class="sphx-glr-script-out"><pre>peak at (-38, 2)</pre></div>') == []


def test_no_page_shows_numpy_scalar_reprs(site):
    """A reader sees numbers, not ``np.int64(-38)``: print and label plain Python values."""
    shown = {}
    for example in example_sources():
        found = numpy_reprs_shown(page_of(example).read_text(encoding="utf-8"))
        if found:
            shown[example.name] = found[:3]
    assert not shown, shown


@pytest.mark.parametrize("example", example_sources(), ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_hidden_blocks_sit_inside_one_code_block(example):
    """A hidden block that starts right after a text section is read as part of the text,
    and sphinx-gallery then stops the build: it must open in a code block and close there."""
    from sphinx_gallery import py_source_parser

    for label, content, line in py_source_parser.split_code_and_text_blocks(str(example))[1]:
        starts = len(re.findall(py_source_parser.START_IGNORE_FLAG, content, re.M))
        ends = len(re.findall(py_source_parser.END_IGNORE_FLAG, content, re.M))
        assert starts == ends and (label == "code" or starts == 0), f"{example.name}, line {line}"


def _bound_names(code: str) -> set[str]:
    """Names a piece of code assigns, defines or imports."""
    import ast

    names = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


@pytest.mark.parametrize("example", example_sources(), ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_visible_code_never_needs_a_hidden_block(example):
    """The notebooks drop hidden blocks: a name that visible code reads but only a hidden
    block defines makes the reader's notebook fail with a NameError."""
    import ast
    import textwrap

    from sphinx_gallery import py_source_parser

    source = example.read_text()
    start, end = py_source_parser.START_IGNORE_FLAG, py_source_parser.END_IGNORE_FLAG
    hidden_block = re.compile(rf"{start}.*?{end}", re.S | re.M)
    # a hidden block inside a loop or function is indented like its surroundings
    blocks = [textwrap.dedent(block) for block in hidden_block.findall(source)]
    hidden = set().union(set(), *(_bound_names(block) for block in blocks))
    visible = hidden_block.sub("", source)
    read = {node.id for node in ast.walk(ast.parse(visible)) if isinstance(node, ast.Name)
            and isinstance(node.ctx, ast.Load)}
    only_hidden = (hidden - _bound_names(visible)) & read
    assert not only_hidden, f"{example.name}: visible code reads {sorted(only_hidden)}, defined only in hidden blocks"
