"""Sphinx extension that wires the site's own pieces into the build.

* writes the offline intersphinx inventories before intersphinx loads them;
* replaces sphinx-gallery's JupyterLite badge with one that loads nothing remote, and
  drops the web font jupyterlite-sphinx adds to every page;
* lets sphinx-gallery stage notebooks directly in jupyterlite-sphinx's contents
  folder, and keeps that folder from being listed (and so nested) a second time;
* puts the data note (real or stand-in, per dataset) at the top of example pages;
* publishes the data files that browser notebooks fetch next to the lite site, compressed;
* turns the reST prose of every example notebook into Markdown with the page's links,
  refreshes the zips that hold notebooks and offers an archive of the whole course
  (:mod:`notebook_markdown`);
* provides the ``data-mode`` directive that states the build's data mode.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

import browser_data
import data_usage
import lite_notebooks
import notebook_markdown
import offline_inventories

logger = logging.getLogger(__name__)


def write_offline_inventories(app: Sphinx, config) -> None:
    written = offline_inventories.ensure_inventories(config.intersphinx_mapping)
    if written:
        logger.info("wrote offline intersphinx inventories: %s", ", ".join(p.stem for p in written))


def list_staged_contents_once(app: Sphinx, config) -> None:
    """sphinx-gallery appends its staging folder to ``jupyterlite_contents``. When that
    folder *is* jupyterlite-sphinx's own contents folder, listing it again would copy it
    into itself, one level deeper than the paths in the "launch JupyterLite" buttons."""
    staged = Path(app.srcdir) / config.jupyterlite_content_dir
    config.jupyterlite_contents = [
        entry for entry in (config.jupyterlite_contents or []) if Path(entry).resolve() != staged.resolve()
    ]


BADGE = Path(__file__).parents[1] / "_static" / "jupyterlite_badge.svg"


def use_own_jupyterlite_badge(app: Sphinx) -> None:
    """sphinx-gallery copies its JupyterLite badge into each gallery unless one is there
    already; its badge loads a web font from a third-party host, ours is self-contained."""
    for gallery in app.config.sphinx_gallery_conf["gallery_dirs"]:
        target = Path(app.srcdir) / gallery / "images" / "jupyterlite_badge_logo.svg"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BADGE, target)


THIRD_PARTY_FONT = "https://fonts.googleapis.com/css?family=Vibur"


def drop_third_party_stylesheet(app: Sphinx) -> None:
    """jupyterlite-sphinx adds a Google web font to every page for buttons this site does
    not use; pages must not contact third-party hosts."""
    def keep(entry) -> bool:
        filename = entry[0] if isinstance(entry, tuple) else getattr(entry, "filename", entry)
        return filename != THIRD_PARTY_FONT

    app.registry.css_files[:] = [entry for entry in app.registry.css_files if keep(entry)]
    if hasattr(app.builder, "_css_files"):
        app.builder._css_files[:] = [entry for entry in app.builder._css_files if keep(entry)]
    elif hasattr(app.builder, "css_files"):
        app.builder.css_files[:] = [entry for entry in app.builder.css_files if keep(entry)]


_REMOTE_TABLE_SCRIPTS = re.compile(r"^(?P<indent> *)\.\. raw:: html\n(?:(?P=indent) +.*\n|\n)*?(?=(?P=indent)\.\. )",
                                   re.MULTILINE)


def without_remote_table_scripts(rst: str) -> str:
    """sphinx-gallery's execution-time pages load jQuery, DataTables and Bootstrap from
    CDNs to make the table sortable; drop that raw HTML (the table is already sorted by
    time) so the page loads nothing from third parties."""
    return _REMOTE_TABLE_SCRIPTS.sub(lambda m: "" if "https://" in m.group(0) else m.group(0), rst)


def strip_execution_time_scripts(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname.rsplit("/", 1)[-1] == "sg_execution_times":
        source[0] = without_remote_table_scripts(source[0])


def gallery_docnames(app: Sphinx) -> tuple[str, ...]:
    return tuple(f"{name}/" for name in app.config.sphinx_gallery_conf["gallery_dirs"])


def add_data_note(app: Sphinx, docname: str, source: list[str]) -> None:
    if not docname.startswith(gallery_docnames(app)):
        return
    record = data_usage.read_record(Path(app.srcdir) / (docname + data_usage.RECORD_SUFFIX))
    note = data_usage.data_note(record)
    if note:
        source[0] = data_usage.insert_after_title(source[0], note)


LITE_HEADER = "to download the full example code or to run this example in your browser via JupyterLite."
# sphinx-gallery's wording once its Binder buttons are on (conf.py, cloud_launchers).
LITE_BINDER_HEADER = (
    "to download the full example code or to run this example in your browser via JupyterLite or Binder."
)
NOT_IN_BROWSER_HEADER = (
    "to download the full example code. This example needs TensorFlow, which does not run in the "
    "browser (JupyterLite): run it on your own computer (:ref:`setup-local`)."
)
NOT_IN_BROWSER_BINDER_HEADER = (
    "to download the full example code or to run it on Colab or Binder. This example needs TensorFlow, "
    "which does not run in the browser (JupyterLite); it also runs on your own computer (:ref:`setup-local`)."
)


INCOMPATIBLE_HEADER = (
    "to download the full example code. This example does not run in the browser (JupyterLite) "
    "with the library versions there ({reason}): run it on your own computer (:ref:`setup-local`)."
)
INCOMPATIBLE_BINDER_HEADER = (
    "to download the full example code or to run it on Colab or Binder. This example does not run in "
    "the browser (JupyterLite) with the library versions there ({reason}); it also runs on your own "
    "computer (:ref:`setup-local`)."
)


def header_without_browser(rst: str, reason: str | None = None) -> str:
    """sphinx-gallery's note at the top of every example offers to run it in the browser;
    for an example that needs TensorFlow, or that declares itself incompatible with the
    browser's library versions (``reason``), say where it runs instead."""
    if LITE_BINDER_HEADER in rst:
        old = LITE_BINDER_HEADER
        new = INCOMPATIBLE_BINDER_HEADER.format(reason=reason) if reason else NOT_IN_BROWSER_BINDER_HEADER
    else:
        old = LITE_HEADER
        new = INCOMPATIBLE_HEADER.format(reason=reason) if reason else NOT_IN_BROWSER_HEADER
    return rst.replace(old, new, 1)


def say_where_tensorflow_examples_run(app: Sphinx, docname: str, source: list[str]) -> None:
    if not docname.startswith(gallery_docnames(app)):
        return
    notebook = Path(app.srcdir) / (docname + ".ipynb")
    if not notebook.is_file():
        return
    if not lite_notebooks.runs_in_browser(json.loads(notebook.read_text())):
        source[0] = header_without_browser(source[0])
    else:
        example = Path(app.srcdir) / (docname + ".py")
        reason = lite_notebooks.browser_incompatibility(example.read_text()) if example.is_file() else None
        if reason:
            source[0] = header_without_browser(source[0], reason)


def browser_data_records(app: Sphinx) -> list[dict]:
    """The data records of the examples whose notebook runs in the browser: a notebook
    that needs TensorFlow gets no data cell (:mod:`lite_notebooks`), so its files are
    not published for it."""
    records = []
    for gallery in app.config.sphinx_gallery_conf["gallery_dirs"]:
        for path in sorted((Path(app.srcdir) / gallery).glob("*" + data_usage.RECORD_SUFFIX)):
            notebook = path.with_name(path.name.removesuffix(data_usage.RECORD_SUFFIX) + ".ipynb")
            example = notebook.with_suffix(".py")
            source = example.read_text() if example.is_file() else None
            if notebook.is_file() and not lite_notebooks.runs_in_browser(json.loads(notebook.read_text()), source):
                continue
            records.append(data_usage.read_record(path))
    return records


def publish_browser_data(app: Sphinx, exception: Exception | None) -> None:
    """Publish every data file a browser notebook fetches in ``<html>/lite-data/``, in the
    compressed form its notebook was told about (:mod:`browser_data`)."""
    if exception is not None or app.builder.format != "html":
        return
    target_root = Path(app.outdir) / lite_notebooks.BROWSER_DATA_FOLDER
    published = browser_data.publish(browser_data_records(app), target_root, browser_data.cache_dir(app.srcdir))
    size = sum(path.stat().st_size for path in published)
    logger.info("published %d data files (%.1f MB) for browser notebooks in %s", len(published), size / 1e6,
                target_root)


def _galleries(app: Sphinx) -> list[str]:
    dirs = app.config.sphinx_gallery_conf["gallery_dirs"]
    return [dirs] if isinstance(dirs, str) else list(dirs)


def write_course_archive(app: Sphinx) -> None:
    """Write the archive of the whole course once sphinx-gallery has written the
    examples, so that the gallery indexes can offer it (``:download:`` needs the file
    when the page is read); :func:`notebooks_to_markdown` rewrites it."""
    srcdir = Path(app.srcdir)
    notebook_markdown.write_course_archive(srcdir, _galleries(app), srcdir / notebook_markdown.COURSE_ARCHIVE)


def add_course_download(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname not in {f"{gallery}/index" for gallery in _galleries(app)}:
        return
    with_course = notebook_markdown.with_course_download(source[0])
    if with_course is None:
        logger.warning("%s has no download-all footer to offer the course archive in", docname, location=docname)
        return
    source[0] = with_course


def notebooks_to_markdown(app: Sphinx, env) -> None:
    """Once every page is read (terms, labels and titles known, intersphinx inventories
    loaded) and before anything is copied: each example notebook becomes Markdown with
    the page's links, and so do the zips, the downloads and the JupyterLite copies."""
    if app.builder.format != "html":
        return
    try:
        links = notebook_markdown.Links.from_sphinx(app, app.config.site_url)
    except ValueError as error:
        raise ConfigError(str(error)) from error
    srcdir = Path(app.srcdir)
    converted, problems = notebook_markdown.publish_markdown_notebooks(srcdir, _galleries(app), links)
    for problem in problems:
        logger.warning("notebook %s", problem, location=problem.docname)
    logger.info("notebooks in Markdown: %d example notebooks, their zips and %s", converted,
                notebook_markdown.COURSE_ARCHIVE)


class DataModeDirective(Directive):
    """States whether this build used real data or stand-ins, per dataset."""

    has_content = False

    def run(self):
        from tools.data import default_data_dir, read_manifest
        from tools.data.manifest import manifest_path

        data_dir = Path(default_data_dir())
        # Re-read this page whenever provisioning changes the manifest (a new dataset, or
        # a stand-in replaced by real data), not only when the page's source changes.
        self.state.document.settings.env.note_dependency(str(manifest_path(data_dir)))
        datasets = read_manifest(data_dir).get("datasets", {})
        if not datasets:
            text = "This build has no provisioned datasets."
            return [nodes.paragraph(text=text)]
        sources = {key: data_usage.data_source(entry) for key, entry in sorted(datasets.items())}
        if data_usage.STANDIN not in sources.values():
            summary = "This build used the real datasets for every example."
        elif set(sources.values()) == {data_usage.STANDIN}:
            summary = (
                "This build was made offline: every example that loads a public dataset used the "
                "project's simulated stand-ins. Run an example yourself, online, for the real data."
            )
        else:
            summary = "This build used real data where a copy was available and simulated stand-ins for the rest:"
        paragraph = nodes.paragraph(text=summary)
        items = nodes.bullet_list()
        for key, source in sources.items():
            items += nodes.list_item("", nodes.paragraph(text=data_usage.dataset_line(key, source).replace("*", "")))
        container = nodes.container(classes=["data-mode"])
        container += [paragraph, items]
        return [container]


def setup(app: Sphinx) -> dict:
    # The published site's address: notebooks link to its pages (notebook_markdown).
    app.add_config_value("site_url", "", "", types=frozenset({str}))
    app.connect("config-inited", write_offline_inventories, priority=200)
    app.connect("config-inited", list_staged_contents_once, priority=950)
    app.connect("builder-inited", use_own_jupyterlite_badge, priority=100)
    app.connect("builder-inited", drop_third_party_stylesheet)
    app.connect("source-read", add_data_note)
    app.connect("source-read", say_where_tensorflow_examples_run)
    app.connect("source-read", strip_execution_time_scripts)
    app.connect("source-read", add_course_download)
    app.connect("builder-inited", write_course_archive, priority=600)
    app.connect("env-updated", notebooks_to_markdown)
    app.connect("build-finished", publish_browser_data, priority=900)
    app.add_directive("data-mode", DataModeDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
