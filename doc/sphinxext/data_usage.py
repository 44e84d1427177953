"""Which data files each example reads while the site is built.

sphinx-gallery calls :func:`record_example_data` before and after every example
(it is listed in ``reset_modules``). In between we collect every file under the
nilearn data directory that the example opens (Python audit hook on ``open``) or
that a nilearn fetcher hands back (the fetchers' shared ``fetch_files`` helper is
wrapped for the build). A fetcher checks that *all* its files exist before it
returns, so the second source matters: an example may never open a file its
fetcher still requires.

scikit-learn's data home (``SCIKIT_LEARN_DATA``, where ``sklearn.datasets.fetch_file``
caches) is a folder of the nilearn data directory during the build, so the files an
example fetches with scikit-learn are recorded the same way.

The record, ``<gallery>/<example>.data.json`` next to the generated page, serves two
purposes:

* the page of an example that used a provisioned dataset says at the top, per
  dataset, whether it ran on real data (local copy or download) or a simulated
  stand-in, with the dataset's attribution (:func:`data_note`);
* the browser notebook of the example fetches exactly these files from the site
  (see :mod:`lite_notebooks`), so the unmodified fetcher call works in Pyodide.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

RECORD_SUFFIX = ".data.json"

_active: set[str] | None = None
_data_dir: Path | None = None
_hook_installed = False


def _data_root() -> Path:
    from tools.data import default_data_dir

    return Path(default_data_dir()).resolve()


def _note_path(path) -> None:
    if _active is None or _data_dir is None:
        return
    try:
        resolved = Path(os.fsdecode(path)).resolve()
    except (TypeError, ValueError, OSError):
        return
    if resolved.is_relative_to(_data_dir) and resolved.is_file():
        _active.add(resolved.relative_to(_data_dir).as_posix())


def _audit(event: str, args: tuple) -> None:
    if _active is not None and event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        _note_path(args[0])


def _wrap_nilearn_fetch_files() -> None:
    """Route nilearn's ``fetch_files`` through a recorder, wherever it was imported."""
    try:
        import nilearn.datasets  # noqa: F401  (imports every fetcher module)
        from nilearn.datasets import _utils
    except ImportError:
        return
    original = getattr(_utils.fetch_files, "__wrapped__", _utils.fetch_files)

    @functools.wraps(original)
    def recording_fetch_files(*args, **kwargs):
        files = original(*args, **kwargs)
        for path in files:
            _note_path(path)
        return files

    for name, module in list(sys.modules.items()):
        if name.startswith("nilearn.datasets") and getattr(module, "fetch_files", None) in (
            original,
            _utils.fetch_files,
        ):
            module.fetch_files = recording_fetch_files


def example_source(gallery_conf: dict, fname: str) -> Path:
    """The source file of example ``fname`` (sphinx-gallery passes only the name)."""
    src_dir = Path(gallery_conf["src_dir"])
    matches = [
        (src_dir / examples_dir / fname).resolve()
        for examples_dir in gallery_conf["examples_dirs"]
        if (src_dir / examples_dir / fname).is_file()
    ]
    if len(matches) != 1:
        raise RuntimeError(
            f"Example file name {fname!r} must exist in exactly one gallery, found {len(matches)}: "
            "give examples unique file names."
        )
    return matches[0]


def record_path(gallery_conf: dict, fname: str) -> Path:
    """Where the data record of example ``fname`` is written (next to its generated page)."""
    source = example_source(gallery_conf, fname)
    src_dir = Path(gallery_conf["src_dir"])
    for examples_dir, gallery_dir in zip(gallery_conf["examples_dirs"], gallery_conf["gallery_dirs"]):
        if source.parent == (src_dir / examples_dir).resolve():
            return src_dir / gallery_dir / (source.stem + RECORD_SUFFIX)
    raise RuntimeError(f"{source} is not in a gallery folder")


STANDIN = "standin"


def data_source(entry: dict) -> str:
    """Where a provisioned dataset came from: "standin", "local copy" or "download"."""
    from tools.data.provision import SOURCE_DOWNLOAD

    return STANDIN if entry["mode"] == STANDIN else entry.get("source", SOURCE_DOWNLOAD)


def datasets_of(files: list[str], data_dir: Path) -> dict[str, str]:
    """Dataset key -> its :func:`data_source`, for the provisioned datasets among ``files``."""
    from tools.data import dataset_for_path, read_manifest

    manifest = read_manifest(data_dir)
    used = {}
    for rel in files:
        key = dataset_for_path(data_dir / rel, data_dir)
        if key is not None and key in manifest.get("datasets", {}):
            used[key] = data_source(manifest["datasets"][key])
    return dict(sorted(used.items()))


def record_example_data(gallery_conf: dict, fname: str, when: str) -> None:
    """sphinx-gallery ``reset_modules`` hook: start recording before, save after."""
    global _active, _data_dir, _hook_installed
    if when == "before":
        if not _hook_installed:
            sys.addaudithook(_audit)
            _hook_installed = True
        _data_dir = _data_root()
        _wrap_nilearn_fetch_files()
        _active = set()
        return
    files = sorted(_active or ())
    _active = None
    record = {
        "example": fname,
        "data_dir": str(_data_dir),
        "files": [
            {"path": rel, "bytes": (_data_dir / rel).stat().st_size} for rel in files
        ],
        "datasets": datasets_of(files, _data_dir) if files else {},
    }
    path = record_path(gallery_conf, fname)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1) + "\n")


def read_record(path: Path) -> dict | None:
    return json.loads(path.read_text()) if path.is_file() else None


DATASET_TITLES = {
    "development_fmri": "the development fMRI dataset",
    "abide_pcp": "the ABIDE preprocessed dataset",
    "haxby": "the Haxby dataset",
    # No apostrophe: pages are compared with this text, and Sphinx curls apostrophes.
    "workshop_2021": "the connectomes of the 2021 workshop (development fMRI)",
}

SOURCE_LABELS = {
    "local copy": "real data (local copy)",
    "download": "real data (downloaded)",
    STANDIN: "simulated stand-in",
}

# Shown wherever a page's numbers come from the real recordings.
ATTRIBUTIONS = {
    "abide_pcp": (
        "ABIDE (Di Martino et al. 2014, *Mol Psychiatry* 19:659), preprocessed by the "
        "Preprocessed Connectomes Project (Craddock et al. 2013, *Front Neuroinform*); "
        "unrestricted for non-commercial research"
    ),
    "development_fmri": "Richardson et al. 2018, *Nat Commun* 9:1027 (OpenNeuro ds000228)",
    "haxby": "Haxby et al. 2001, *Science* 293:2425",
    "workshop_2021": (
        "Richardson et al. 2018, *Nat Commun* 9:1027 (OpenNeuro ds000228, public domain); BASC-064 "
        "connectomes of the 2021 workshop (GitHub miykael/workshop_pybrain)"
    ),
}

DATA_NOTE = """
.. admonition:: {title}
   :class: {classes}

{items}

{closing}
"""

STANDIN_CLOSING = """   Simulated stand-ins are written where no copy of the real data was reachable when
   this page was built: their numbers are not findings about the brain. The code is
   unchanged: run it yourself online and the same fetcher call downloads the real
   dataset. See :ref:`about-data` for what each stand-in simulates.
"""

REAL_CLOSING = """   See :ref:`about-data` for the datasets, their licences and how this site gets them.
"""


def dataset_line(key: str, source: str) -> str:
    """"<dataset>: <real data (local copy) | real data (downloaded) | simulated stand-in>"."""
    line = f"{DATASET_TITLES.get(key, key)}: {SOURCE_LABELS.get(source, source)}"
    if source != STANDIN and key in ATTRIBUTIONS:
        line += f". Data: {ATTRIBUTIONS[key]}"
    return line


def data_note(record: dict | None) -> str:
    """reST admonition stating, per dataset the example read, where its data came from ('' if none)."""
    if not record or not record.get("datasets"):
        return ""
    used = record["datasets"]
    items = "\n".join(f"   * {dataset_line(key, source)}." for key, source in used.items())
    if STANDIN in used.values():
        title, classes, closing = "Built offline with simulated stand-in data", "warning standin-note", STANDIN_CLOSING
    else:
        title, classes, closing = "Built from the real data", "note data-note", REAL_CLOSING
    return DATA_NOTE.format(title=title, classes=classes, items=items, closing=closing)


def insert_after_title(rst: str, block: str) -> str:
    """Insert ``block`` right after the first section title of ``rst``."""
    lines = rst.splitlines(keepends=True)
    for i in range(1, len(lines)):
        underline = lines[i].rstrip("\n")
        title = lines[i - 1].rstrip("\n")
        if title.strip() and len(underline) >= len(title.strip()) and set(underline) == {"="}:
            return "".join(lines[: i + 1]) + block + "".join(lines[i + 1 :])
    return block + rst
