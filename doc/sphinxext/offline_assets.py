"""Serve MathJax from the site itself, so pages with math contact no third-party host.

Sphinx's ``mathjax`` extension loads MathJax from a CDN by default. The pinned
requirements install MathJax 3 from PyPI (``django-static-mathjax``, importable as
``mathjax``); this extension copies the part of it that the ``tex-chtml`` component
needs into ``_static/mathjax/`` of the HTML output:

* ``tex-chtml.js``: TeX input, CommonHTML output, the menu, assistive MathML;
* ``output/chtml/fonts/woff-v2/``: the fonts CommonHTML output loads;
* ``input/tex/extensions/``: TeX packages that ``autoload`` fetches on first use
  (``\\boldsymbol``, ``\\cancel``, ``\\color``, ...);
* ``LICENSE`` (Apache-2.0).

Use it in ``conf.py``::

    extensions = [..., "sphinx.ext.mathjax", "offline_assets"]
    mathjax_path = "mathjax/tex-chtml.js"   # relative to _static/

A ``mathjax_path`` that still points at a remote host is reported as a warning
(an error in this project's ``-W`` builds).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

MATHJAX_PATH = "mathjax/tex-chtml.js"
"""The value of ``mathjax_path`` that loads the copy this extension publishes."""

# What tex-chtml.js needs, relative to MathJax's es5/ folder.
MATHJAX_FILES = ("tex-chtml.js",)
MATHJAX_DIRS = ("output/chtml/fonts/woff-v2", "input/tex/extensions")


def mathjax_source() -> Path:
    """The es5/ folder of the MathJax that the ``django-static-mathjax`` package installs."""
    import mathjax  # django-static-mathjax

    es5 = Path(next(iter(mathjax.__path__))) / "static" / "mathjax" / "es5"
    if not (es5 / "tex-chtml.js").is_file():
        raise FileNotFoundError(f"MathJax's tex-chtml.js not found under {es5}")
    return es5


def copy_mathjax(target: Path, source: Path | None = None) -> list[Path]:
    """Copy the tex-chtml component, its fonts, its TeX extensions and the license
    into ``target``; return the files written. Files already up to date are kept."""
    source = source or mathjax_source()
    pairs = [(source / name, target / name) for name in MATHJAX_FILES]
    for folder in MATHJAX_DIRS:
        pairs += [(path, target / path.relative_to(source)) for path in sorted((source / folder).rglob("*"))
                  if path.is_file()]
    license_file = source.parent / "LICENSE"
    if license_file.is_file():
        pairs.append((license_file, target / "LICENSE"))
    return copy_changed(pairs)


def copy_changed(pairs: list[tuple[Path, Path]]) -> list[Path]:
    """Copy each ``(source, destination)`` pair unless the destination is already up to
    date (same size, not older); return the destinations written."""
    written = []
    for src, dst in pairs:
        if dst.is_file() and dst.stat().st_size == src.stat().st_size and dst.stat().st_mtime >= src.stat().st_mtime:
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
        written.append(dst)
    return written


def check_mathjax_path(app: Sphinx, config) -> None:
    path = config.mathjax_path or ""
    if "://" in path or path.startswith("//"):
        logger.warning("mathjax_path loads MathJax from a remote host (%s); set mathjax_path = %r to use "
                       "the copy that offline_assets publishes", path, MATHJAX_PATH)


def publish_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    written = copy_mathjax(Path(app.outdir) / "_static" / "mathjax")
    if written:
        logger.info("published MathJax (%d files) in _static/mathjax", len(written))


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx.ext.mathjax")
    app.connect("config-inited", check_mathjax_path)
    app.connect("build-finished", publish_mathjax)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
