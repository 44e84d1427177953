"""Sphinx extension: nilearn's interactive viewers on the page, loaded when the reader opens them.

An example that ends a code block with a nilearn view (``view_img``,
``view_connectome``, ``view_markers``...) gets the view's HTML representation embedded
by sphinx-gallery (``capture_repr`` includes ``_repr_html_``): an ``<iframe srcdoc>``
holding the whole viewer document, its JavaScript libraries inlined. That is 0.5-2.5 MB
per viewer, downloaded with the page whether the reader looks at it or not.

This extension moves each such document out of the page:

* the document is written to ``_viewers/<hash>.html`` in the HTML output; the
  JavaScript libraries nilearn inlined (jQuery, brainsprite, plotly...) become
  ``<script src>`` references to one copy of each in ``_viewers/lib/``, so a library
  is downloaded once per site, however many viewers use it; nilearn's favicon link
  (a remote URL) is dropped;
* in the page, the iframe is replaced by a link to that document. With JavaScript
  (``nilearn_viewers.js``, added only to pages with a viewer) the link opens the
  viewer in place, in an iframe of the same size; without it, the link opens the
  viewer as a page of its own. Either way nothing of the viewer loads before the
  reader asks for it, and everything it loads comes from the site.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

VIEWER_FOLDER = "_viewers"
LIBRARY_FOLDER = "lib"
SCRIPT = "nilearn_viewers.js"
PLACEHOLDER_CLASS = "nilearn-viewer"
# nilearn's viewer documents are titled "Nilearn - <kind of plot>".
IFRAME = re.compile(r'<iframe srcdoc="(?P<document>[^"]*)" width="(?P<width>\d+)" height="(?P<height>\d+)"'
                    r'[^>]*></iframe>')
TITLE = re.compile(r"<title>Nilearn - (?P<title>[^<]+)</title>")
INLINE_SCRIPT = re.compile(r"<script>(?P<code>.*?)</script>", re.DOTALL)
REMOTE_ICON = re.compile(r'<link rel="icon"[^>]*href="https?://[^"]*"[^>]*/?>')
# What kind of viewer a document is, from the code nilearn wrote into it; nilearn's
# default titles say it too, so a viewer with a default title is not named twice.
KINDS = {"brainsprite(": "interactive slice viewer", "addConnectome(": "interactive 3-D connectome viewer"}
DEFAULT_TITLES = {"Slice viewer", "Connectome plot", "Markers plot"}


class ViewerError(ValueError):
    """A nilearn viewer document this extension cannot serve as it is."""


def nilearn_libraries() -> dict[str, Path]:
    """nilearn's bundled JavaScript files (the ones its templates inline), by file name."""
    import nilearn

    folder = Path(nilearn.__file__).parent / "_assets" / "js"
    return {path.name: path for path in sorted(folder.glob("*.js"))}


def split_document(document: str, libraries: dict[str, Path]) -> tuple[str, set[str]]:
    """The viewer ``document`` with each inlined nilearn library replaced by a
    ``<script src>`` to ``lib/<name>``, and the names of the libraries it uses."""
    contents = {path.read_text(encoding="utf-8").strip(): name for name, path in libraries.items()}
    used = set()

    def reference(match):
        name = contents.get(match["code"].strip())
        if name is None:  # the viewer's own code and data stay in the document
            return match[0]
        used.add(name)
        return f'<script src="{LIBRARY_FOLDER}/{name}"></script>'

    document = INLINE_SCRIPT.sub(reference, document)
    document = REMOTE_ICON.sub('<link rel="icon" href="data:,">', document)
    return document, used


def viewer_kind(document: str) -> str:
    for marker, kind in KINDS.items():
        if marker in document:
            return kind
    return "interactive viewer"


def viewer_placeholder(uri: str, kind: str, title: str, width: int, height: int, download: int) -> str:
    """A link to the viewer document, with its title and the size of what it downloads (gzip)."""
    label = kind if title in DEFAULT_TITLES else f"{kind}: {title}"
    return (
        f'<div class="{PLACEHOLDER_CLASS}" data-width="{width}" data-height="{height}" '
        f'data-title="{html.escape(label[0].upper() + label[1:])}">'
        f'<a class="nilearn-viewer-open" href="{html.escape(uri)}">Open the {html.escape(label)}</a> '
        f'<span class="nilearn-viewer-size">(downloads about {max(download // 1000, 1):,} kB)</span></div>'
    )


def download_size(document: str, libraries: list[Path]) -> int:
    """Bytes a reader downloads to open the viewer, text gzip-compressed as static hosts send it."""
    parts = [document.encode()] + [path.read_bytes() for path in libraries]
    return sum(len(gzip.compress(part, compresslevel=6)) for part in parts)


def extract_viewers(app: Sphinx, doctree: nodes.document) -> None:
    """Replace each nilearn viewer iframe of the page by a placeholder; keep its document in the env."""
    docname = app.env.docname
    if not hasattr(app.env, "nilearn_viewers"):
        app.env.nilearn_viewers = {}
    found = {}
    libraries = nilearn_libraries()
    page_uri = app.builder.get_target_uri(docname)
    for raw in doctree.findall(nodes.raw):
        if "html" not in raw.get("format", "").split() or "<iframe srcdoc=" not in raw.astext():
            continue

        def replace(match):
            document = html.unescape(match["document"])
            title = TITLE.search(document)
            if title is None:
                return match[0]  # not a nilearn viewer
            document, used = split_document(document, libraries)
            name = f"{hashlib.sha256(document.encode()).hexdigest()[:16]}.html"
            found[name] = (document, sorted(used))
            download = download_size(document, [libraries[library] for library in used])
            uri = relative_uri(page_uri, f"{VIEWER_FOLDER}/{name}")
            return viewer_placeholder(uri, viewer_kind(document), html.unescape(title["title"]),
                                      int(match["width"]), int(match["height"]), download)

        text = IFRAME.sub(replace, raw.astext())
        if text != raw.astext():
            raw.children = [nodes.Text(text)]
    if found:
        app.env.nilearn_viewers[docname] = found
    else:
        app.env.nilearn_viewers.pop(docname, None)


def purge_viewers(app: Sphinx, env, docname: str) -> None:
    getattr(env, "nilearn_viewers", {}).pop(docname, None)


def merge_viewers(app: Sphinx, env, docnames, other) -> None:
    env.nilearn_viewers = {**getattr(env, "nilearn_viewers", {}), **getattr(other, "nilearn_viewers", {})}


def add_viewer_script(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    """The script that opens viewers in place, on the pages that have one only."""
    if pagename in getattr(app.env, "nilearn_viewers", {}):
        app.add_js_file(SCRIPT, defer="defer")


def write_viewers(app: Sphinx, exception) -> None:
    """Write every viewer document and the libraries they use to ``_viewers/``; remove stale ones."""
    if exception is not None or app.builder.format != "html":
        return
    folder = Path(app.outdir) / VIEWER_FOLDER
    viewers = {name: entry for found in getattr(app.env, "nilearn_viewers", {}).values()
               for name, entry in found.items()}
    if folder.is_dir():
        for stale in folder.glob("*.html"):
            if stale.name not in viewers:
                stale.unlink()
    libraries = nilearn_libraries()
    (folder / LIBRARY_FOLDER).mkdir(parents=True, exist_ok=True)
    for name, (document, used) in viewers.items():
        target = folder / name
        if not target.is_file():
            target.write_text(document, encoding="utf-8")
        for library in used:
            if library not in libraries:
                raise ViewerError(f"viewer {name} uses nilearn's {library}, which this nilearn no longer ships: "
                                  "rebuild the pages with viewers (delete _build/doctrees)")
            copy = folder / LIBRARY_FOLDER / library
            if not copy.is_file() or copy.stat().st_size != libraries[library].stat().st_size:
                shutil.copyfile(libraries[library], copy)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", extract_viewers)
    app.connect("env-purge-doc", purge_viewers)
    app.connect("env-merge-info", merge_viewers)
    app.connect("html-page-context", add_viewer_script)
    app.connect("build-finished", write_viewers)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
