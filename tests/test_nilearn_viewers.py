"""The extension that moves nilearn's viewers out of the pages (doc/sphinxext/nilearn_viewers.py),
on real viewer documents made by nilearn."""

from __future__ import annotations

import html
import re

import nilearn_viewers
import numpy as np
import pytest
from nilearn import plotting

COORDS = np.array([[-38.0, -22.0, 56.0], [38.0, -22.0, 56.0], [0.0, -52.0, 26.0]])


@pytest.fixture(scope="module")
def connectome_document() -> str:
    matrix = np.array([[0, 0.8, -0.3], [0.8, 0, 0.5], [-0.3, 0.5, 0]])
    return plotting.view_connectome(matrix, COORDS, title="three regions").html


def test_inlined_libraries_become_one_shared_file_each(connectome_document):
    libraries = nilearn_viewers.nilearn_libraries()
    document, used = nilearn_viewers.split_document(connectome_document, libraries)
    assert {"jquery.min.js", "plotly-gl3d-latest.min.js"} <= used
    for name in used:
        assert f'<script src="lib/{name}"></script>' in document
        assert libraries[name].read_text(encoding="utf-8").strip() not in document
    assert len(document) < len(connectome_document) - libraries["plotly-gl3d-latest.min.js"].stat().st_size
    assert "connectomeInfo" in document  # the viewer's own data stays


def test_viewer_document_requests_nothing_remote(connectome_document):
    assert re.search(r'<link rel="icon"[^>]*https?://', connectome_document), "nilearn's remote favicon is gone"
    document, _ = nilearn_viewers.split_document(connectome_document, nilearn_viewers.nilearn_libraries())
    assert not re.search(r'<(?:link|script|img)\b[^>]*(?:href|src)="https?://', document)


def test_the_page_gets_a_link_named_after_the_viewer(connectome_document):
    iframe = plotting.view_connectome(np.eye(3), COORDS, title="three regions").get_iframe()
    match = nilearn_viewers.IFRAME.fullmatch(iframe)
    assert match, "nilearn's iframe markup changed: update nilearn_viewers.IFRAME"
    document = html.unescape(match["document"])
    assert nilearn_viewers.TITLE.search(document)["title"] == "three regions"
    assert nilearn_viewers.viewer_kind(document) == "interactive 3-D connectome viewer"
    placeholder = nilearn_viewers.viewer_placeholder("../_viewers/x.html", "interactive 3-D connectome viewer",
                                                     "three regions", 800, 800, 12_345)
    assert '<a class="nilearn-viewer-open" href="../_viewers/x.html">' in placeholder
    assert "Open the interactive 3-D connectome viewer: three regions" in placeholder
    assert "downloads about 12 kB" in placeholder
    assert 'data-width="800" data-height="800"' in placeholder
