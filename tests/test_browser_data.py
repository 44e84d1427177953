"""Browser notebooks get their data from the site itself, compressed.

Pyodide cannot be run here (its packages come from a CDN), so the browser path is
checked structurally: the setup cell that :mod:`lite_notebooks` writes is executed in
plain Python with stand-ins for Pyodide's ``js`` and ``pyodide.http`` modules that
serve files from a site directory, exactly as ``pyfetch`` would from the site's origin.
The sites of the unit tests are published by the build's own code
(:func:`browser_data.publish`), so they hold what a built site holds.
"""

from __future__ import annotations

import ast
import asyncio
import gzip
import hashlib
import json
import os
import random
import re
import socket
import statistics
import sys
import types
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import browser_data
import data_usage
import lite_notebooks
import site_setup
from conftest import HTML, ROOT
from tools.data import SKLEARN_DATA_FOLDER, provision, sklearn_data_home, workshop
from tools.data.local_copy import LocalCopy

WORKER_URL = "http://127.0.0.1:8000/lite/extensions/@jupyterlite/pyodide-kernel-extension/static/worker.js"
MB = 10**6
# What a reader downloads before an example's browser notebook can start, at most and
# typically (median over the browser examples that read data).
EXAMPLE_TRANSFER_LIMIT = 50 * MB
EXAMPLE_TRANSFER_MEDIAN_LIMIT = 20 * MB
# Everything the site publishes for browser notebooks.
SITE_DATA_LIMIT = 250 * MB


class FakeResponse:
    def __init__(self, path: Path, host: FakeHost):
        self._path = path
        self._host = host
        self.ok = path.is_file()
        self.status = 200 if self.ok else 404

    async def bytes(self) -> bytes:
        await asyncio.sleep(0.001)  # the body arrives later, as over a network
        self._host.in_flight -= 1
        content = self._path.read_bytes()
        if self._host.decodes_gzip and self._path.suffix == ".gz":
            return gzip.decompress(content)
        return content


class FakeHost:
    """Counts the requests of a kernel worker to a site served from ``site_root``."""

    def __init__(self, site_root: Path, decodes_gzip: bool = False):
        self.site_root = site_root
        # A host that labels .gz files "Content-Encoding: gzip": the browser decodes them.
        self.decodes_gzip = decodes_gzip
        self.requested: list[str] = []
        self.in_flight = 0
        self.most_in_flight = 0

    async def pyfetch(self, url: str) -> FakeResponse:
        self.requested.append(url)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        await asyncio.sleep(0.001)
        response = FakeResponse(self.site_root / urlsplit(url).path.removeprefix("/"), self)
        if not response.ok:
            self.in_flight -= 1
        return response


def fake_pyodide(host: FakeHost) -> dict[str, types.ModuleType]:
    """``js`` and ``pyodide.http`` as a kernel worker of the site ``host`` serves sees them."""
    js = types.ModuleType("js")
    js.location = types.SimpleNamespace(href=WORKER_URL)
    http = types.ModuleType("pyodide.http")
    http.pyfetch = host.pyfetch
    pyodide = types.ModuleType("pyodide")
    pyodide.http = http
    return {"js": js, "pyodide": pyodide, "pyodide.http": http}


def install_fake_pyodide(monkeypatch, site_root: Path, decodes_gzip: bool = False) -> FakeHost:
    host = FakeHost(site_root, decodes_gzip)
    for name, module in fake_pyodide(host).items():
        monkeypatch.setitem(sys.modules, name, module)
    return host


def run_cell(source: str, namespace: dict) -> None:
    """Run a notebook cell that may use top-level ``await``, as IPython does. The coroutine
    runs on a thread of its own: Playwright's sync API may hold this thread's event loop."""
    code = compile(source, "<notebook cell>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    result = eval(code, namespace)
    if asyncio.iscoroutine(result):
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, result).result()


def cell_text(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


@pytest.fixture
def browser_home(tmp_path, monkeypatch):
    """A fresh home directory, no NILEARN_DATA or SCIKIT_LEARN_DATA, and no network, like a new
    Pyodide kernel."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    # Set, then removed: the setup cell sets these, and monkeypatch then restores them after the test.
    for variable in ("NILEARN_DATA", "SCIKIT_LEARN_DATA", "NILEARN_SHARED_DATA"):  # no shared copy either
        monkeypatch.setenv(variable, "")
        monkeypatch.delenv(variable)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("network is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield home


def time_series_text(rows: int, seed: int = 0) -> bytes:
    """Text shaped like an ABIDE ``.1D`` file: a header, then rows of signed decimals."""
    generator = random.Random(seed)
    lines = ["#" + "\t".join(f"#{roi}" for roi in range(1, 21))]
    lines += ["\t".join(f"{generator.gauss(0, 1):.6f}" for _ in range(20)) for _ in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def make_example(tmp_path: Path, files: dict[str, bytes]) -> tuple[Path, Path]:
    """The build's data folder, a source tree with one example's data record, and the
    site published from them by the build's own code. Returns the site and the path
    sphinx-gallery stages the example's notebook at."""
    data_dir, site, src = tmp_path / "nilearn_data", tmp_path / "site", tmp_path / "src"
    for relative, content in files.items():
        source = data_dir / relative
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_bytes(content)
    record = {"example": "plot_x.py", "data_dir": str(data_dir),
              "files": [{"path": p, "bytes": len(c)} for p, c in files.items()], "datasets": {}}
    (src / "gallery").mkdir(parents=True)
    (src / "gallery" / ("plot_x" + data_usage.RECORD_SUFFIX)).write_text(json.dumps(record))
    browser_data.publish([record], site / lite_notebooks.BROWSER_DATA_FOLDER, browser_data.cache_dir(src))
    return site, src / "_contents" / "gallery" / "plot_x.ipynb"


def published(site: Path, relative_path: str) -> Path:
    return site / lite_notebooks.BROWSER_DATA_FOLDER / browser_data.served_path(relative_path)


def adapted(notebook_path: Path, code: str) -> dict:
    cell = {"cell_type": "code", "metadata": {}, "source": code, "outputs": [], "execution_count": None}
    notebook = {"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [cell]}
    lite_notebooks.adapt_for_browser(notebook, str(notebook_path))
    return notebook


def data_cell(notebook: dict) -> str:
    (cell,) = [cell_text(c) for c in notebook["cells"] if "pyfetch" in cell_text(c)]
    return cell


def setup_note(notebook: dict) -> str:
    (note,) = [cell_text(c) for c in notebook["cells"] if c["cell_type"] == "markdown"
               and c["metadata"].get(lite_notebooks.ADAPTED_MARK)]
    return note


def listed_files(notebook: dict) -> dict[str, str]:
    """The ``data_files`` mapping of a notebook's data cell: target path -> served path."""
    line = next(line for line in data_cell(notebook).splitlines() if line.startswith("data_files = "))
    return ast.literal_eval(line.removeprefix("data_files = "))


def stated_download(note: str) -> tuple[int, str]:
    """The number of files and the size the setup note says the data cell downloads."""
    found = re.search(r"downloads the (\d+) data files? this example reads \(([\d.]+ [kM]B)\)", note)
    assert found, f"the setup note does not state the download: {note!r}"
    return int(found[1]), found[2]


TEXT_FILES = {"haxby2001/subj2/labels.txt": b"labels chunks\n" + b"rest 0\nface 0\n" * 2000,
              "ABIDE_pcp/cpac/nofilt_noglobal/KKI_0050772_rois_cc200.1D": time_series_text(150)}
COMPRESSED_FILES = {"haxby2001/mask.nii.gz": gzip.compress(b"\x5c\x01" + bytes(3000), mtime=0),
                    "cache/arrays.npz": b"PK\x03\x04" + bytes(range(256)) * 8}


def test_setup_cell_copies_the_files_to_where_nilearn_looks(tmp_path, browser_home, monkeypatch):
    files = {**TEXT_FILES, **COMPRESSED_FILES}
    site, notebook_path = make_example(tmp_path, files)
    notebook = adapted(notebook_path, "from nilearn import datasets\ndatasets.fetch_haxby()")
    host = install_fake_pyodide(monkeypatch, site)

    run_cell(data_cell(notebook), {})

    nilearn_data = browser_home / "nilearn_data"
    for relative, content in files.items():
        assert (nilearn_data / relative).read_bytes() == content
    assert not list(nilearn_data.rglob("*.part")), "no partial download is left behind"
    assert os.environ["NILEARN_DATA"] == str(nilearn_data)
    assert sorted(host.requested) == sorted(
        f"http://127.0.0.1:8000/lite-data/{browser_data.served_path(relative)}" for relative in files
    )

    # A second run finds the files in place and fetches nothing.
    host.requested.clear()
    run_cell(data_cell(notebook), {})
    assert host.requested == []


def test_text_files_are_served_gzipped_and_decompress_to_the_source(tmp_path):
    site, _ = make_example(tmp_path, TEXT_FILES)
    for relative, content in TEXT_FILES.items():
        served = published(site, relative)
        assert served.name == Path(relative).name + ".gz"
        assert served.read_bytes()[:2] == b"\x1f\x8b", f"{served} is not gzip"
        assert gzip.decompress(served.read_bytes()) == content
        assert served.stat().st_size < 0.6 * len(content), f"{relative} barely shrank"
    assert not (site / lite_notebooks.BROWSER_DATA_FOLDER / "haxby2001" / "subj2" / "labels.txt").exists()


def test_already_compressed_files_are_served_as_they_are(tmp_path):
    site, _ = make_example(tmp_path, COMPRESSED_FILES)
    for relative, content in COMPRESSED_FILES.items():
        assert browser_data.served_path(relative) == relative
        assert published(site, relative).read_bytes() == content
    assert not list(tmp_path.rglob("*.gz.gz")) and not list(tmp_path.rglob("*.npz.gz"))
    assert browser_data.served_path("sub/T1w.NII.GZ") == "sub/T1w.NII.GZ"
    assert browser_data.served_path("atlas/labels.nii") == "atlas/labels.nii.gz"


def test_compressed_bytes_are_deterministic(tmp_path):
    content = time_series_text(100)
    compressed = browser_data.gzip_bytes(content)
    assert compressed == browser_data.gzip_bytes(content)
    assert compressed[4:8] == bytes(4), "the gzip header holds no time stamp"
    assert compressed[3] == 0, "the gzip header holds no file name, comment or extra field"
    # The same content under other names, at other times, into other caches: same bytes.
    first, second = tmp_path / "a" / "one.1D", tmp_path / "b" / "other.1D"
    for source, mtime in ((first, 1_000_000_000), (second, 1_700_000_000)):
        source.parent.mkdir(parents=True)
        source.write_bytes(content)
        os.utime(source, (mtime, mtime))
    served_first = browser_data.served_file(first, tmp_path / "cache-1")
    served_second = browser_data.served_file(second, tmp_path / "cache-2")
    assert served_first.read_bytes() == served_second.read_bytes() == compressed


def test_each_file_is_compressed_once_for_the_note_and_for_publishing(tmp_path, monkeypatch):
    """The size the notebook states and the file the site publishes come from one compression."""
    compressions = []
    original = browser_data.gzip_bytes

    def counting_gzip_bytes(data, *args, **kwargs):
        compressions.append(len(data))
        return original(data, *args, **kwargs)

    monkeypatch.setattr(browser_data, "gzip_bytes", counting_gzip_bytes)
    site, notebook_path = make_example(tmp_path, {**TEXT_FILES, **COMPRESSED_FILES})
    adapted(notebook_path, "from nilearn import datasets")
    browser_data.publish([lite_notebooks.record_for_notebook(notebook_path)],
                         site / lite_notebooks.BROWSER_DATA_FOLDER, browser_data.cache_dir(notebook_path.parents[2]))
    assert sorted(compressions) == sorted(len(c) for c in TEXT_FILES.values())


def test_the_note_states_how_much_is_downloaded(tmp_path):
    files = {f"ABIDE_pcp/cpac/nofilt_noglobal/SITE_{n:07d}_rois_cc200.1D": time_series_text(400, seed=n)
             for n in range(3)}
    site, notebook_path = make_example(tmp_path, files)
    notebook = adapted(notebook_path, "from nilearn import datasets")
    total = sum(published(site, relative).stat().st_size for relative in files)
    assert total < 0.6 * sum(map(len, files.values())), "the note would not state a compressed size"
    assert stated_download(setup_note(notebook)) == (3, f"{total / MB:.1f} MB")

    _, small_notebook_path = make_example(tmp_path / "small", {"abide/pheno.csv": b"SUB_ID\n1\n"})
    assert stated_download(setup_note(adapted(small_notebook_path, "import nilearn"))) == (1, "1 kB")


def test_download_sizes_read_as_readers_count_them():
    assert lite_notebooks.megabytes(23_449_999) == "23.4 MB"
    assert lite_notebooks.megabytes(150_000) == "0.1 MB"
    assert lite_notebooks.megabytes(47_600) == "48 kB"
    assert lite_notebooks.megabytes(12) == "1 kB"


def test_files_are_fetched_several_at_a_time(tmp_path, browser_home, monkeypatch):
    files = {f"abide/sub_{n:03d}.1D": time_series_text(5, seed=n) for n in range(3 * lite_notebooks.PARALLEL_DOWNLOADS)}
    site, notebook_path = make_example(tmp_path, files)
    host = install_fake_pyodide(monkeypatch, site)
    run_cell(data_cell(adapted(notebook_path, "import nilearn")), {})
    assert len(host.requested) == len(files)
    assert host.most_in_flight == lite_notebooks.PARALLEL_DOWNLOADS


def test_a_host_that_decodes_gzip_itself_still_gives_the_original_bytes(tmp_path, browser_home, monkeypatch):
    site, notebook_path = make_example(tmp_path, {**TEXT_FILES, **COMPRESSED_FILES})
    install_fake_pyodide(monkeypatch, site, decodes_gzip=True)
    run_cell(data_cell(adapted(notebook_path, "import nilearn")), {})
    for relative, content in TEXT_FILES.items():
        assert (browser_home / "nilearn_data" / relative).read_bytes() == content


def test_a_file_the_server_lacks_is_a_clear_error(tmp_path, browser_home, monkeypatch):
    site, notebook_path = make_example(tmp_path, {"abide/pheno.csv": b"SUB_ID\n1\n"})
    published(site, "abide/pheno.csv").unlink()
    notebook = adapted(notebook_path, "from nilearn import datasets")
    install_fake_pyodide(monkeypatch, site)
    with pytest.raises(RuntimeError, match="abide/pheno.csv.*404"):
        run_cell(data_cell(notebook), {})


def test_a_data_file_gone_since_the_example_ran_is_a_clear_error(tmp_path):
    _, notebook_path = make_example(tmp_path, {"abide/pheno.csv": b"SUB_ID\n1\n"})
    (tmp_path / "nilearn_data" / "abide" / "pheno.csv").unlink()
    with pytest.raises(FileNotFoundError, match="plot_x.py read .*pheno.csv"):
        adapted(notebook_path, "import nilearn")


def test_two_files_that_would_share_a_served_name_are_refused(tmp_path):
    with pytest.raises(ValueError, match="labels.txt.gz"):
        make_example(tmp_path, {"a/labels.txt": b"x\n", "a/labels.txt.gz": gzip.compress(b"y\n")})


def test_publishing_drops_cached_files_no_example_uses(tmp_path):
    site, notebook_path = make_example(tmp_path, {"abide/one.1D": time_series_text(5, seed=1)})
    cache = browser_data.cache_dir(notebook_path.parents[2])
    (before,) = cache.iterdir()
    (tmp_path / "nilearn_data" / "abide" / "one.1D").write_bytes(time_series_text(5, seed=2))
    browser_data.publish([lite_notebooks.record_for_notebook(notebook_path)],
                         site / lite_notebooks.BROWSER_DATA_FOLDER, cache)
    (after,) = cache.iterdir()
    assert after != before and gzip.decompress(after.read_bytes()) == time_series_text(5, seed=2)


def sklearn_cached(file: workshop.PublishedFile) -> str:
    """Where the build's data folder holds a file fetched with ``fetch_file`` (relative to it)."""
    return f"{workshop.FOLDER}/{file.cached_path}"


def test_setup_cell_points_scikit_learn_at_its_data_home(tmp_path, browser_home, monkeypatch):
    """A file fetched with ``sklearn.datasets.fetch_file`` during the build is found by the
    same call in the browser, offline."""
    content = b"participant_id\tAge\nsub-pixar001\t4.77\n" * 50
    file = workshop.PublishedFile(workshop.FILES[1].url, hashlib.sha256(content).hexdigest(), "participants.tsv")
    site, notebook_path = make_example(tmp_path, {sklearn_cached(file): content})
    code = f"from sklearn.datasets import fetch_file\npath = fetch_file({file.url!r}, sha256={file.sha256!r})"
    notebook = adapted(notebook_path, code)
    install_fake_pyodide(monkeypatch, site)
    namespace: dict = {}
    run_cell(data_cell(notebook), namespace)
    assert os.environ["SCIKIT_LEARN_DATA"] == str(browser_home / "nilearn_data" / SKLEARN_DATA_FOLDER)
    run_cell(code, namespace)  # the example's own call: no network, the file is in place
    assert namespace["path"] == browser_home / "nilearn_data" / sklearn_cached(file)
    assert namespace["path"].read_bytes() == content

    # A notebook that reads only nilearn data does not touch scikit-learn's data home.
    _, nilearn_only = make_example(tmp_path / "other", TEXT_FILES)
    assert "SCIKIT_LEARN_DATA" not in data_cell(adapted(nilearn_only, "from nilearn import datasets"))


def test_the_workshop_example_runs_in_the_browser_layout(tmp_path, browser_home, monkeypatch):
    """The real example, end to end on the real files: provisioned from the copy, its data
    recorded as the build records them, published, then its first cell (both fetch_file
    calls and the loading) run in JupyterLite's layout with a fake Pyodide, offline."""
    copy = os.environ.get(workshop.COPY_VARIABLE)
    if not copy or not Path(copy).is_dir():
        pytest.skip(f"{workshop.COPY_VARIABLE} names no copy of the workshop's files here")
    import sphinx_gallery.py_source_parser

    example = ROOT / "examples" / "classic_ml" / "plot_12_workshop_revisited.py"
    data_dir, src, site = tmp_path / "build_data", tmp_path / "src", tmp_path / "site"
    provision(data_dir, datasets=[workshop.KEY], copy=LocalCopy((), ((workshop.COPY_VARIABLE, Path(copy)),)),
              log=lambda message: None)
    (src / "gallery").mkdir(parents=True)
    _, blocks = sphinx_gallery.py_source_parser.split_code_and_text_blocks(example)
    first_cell = next(block.content for block in blocks if block.type == "code")
    # The build: NILEARN_DATA and SCIKIT_LEARN_DATA as conf.py sets them, and data_usage's recorder.
    gallery_conf = {"src_dir": str(src), "examples_dirs": [os.path.relpath(example.parent, src)],
                    "gallery_dirs": ["gallery"]}
    monkeypatch.setenv("NILEARN_DATA", str(data_dir))
    monkeypatch.setenv("SCIKIT_LEARN_DATA", str(sklearn_data_home(data_dir)))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    data_usage.record_example_data(gallery_conf, example.name, "before")
    try:
        run_cell(first_cell, {})
    finally:
        data_usage.record_example_data(gallery_conf, example.name, "after")
    record = data_usage.read_record(src / "gallery" / (example.stem + data_usage.RECORD_SUFFIX))
    assert [entry["path"] for entry in record["files"]] == sorted(sklearn_cached(f) for f in workshop.FILES)
    assert record["datasets"] == {workshop.KEY: "local copy"}
    browser_data.publish([record], site / lite_notebooks.BROWSER_DATA_FOLDER, browser_data.cache_dir(src))

    # The browser: a new kernel, the adapted notebook's setup cell, then the example's cell.
    for variable in ("NILEARN_DATA", "SCIKIT_LEARN_DATA"):
        monkeypatch.delenv(variable)
    notebook = adapted(src / "_contents" / "gallery" / (example.stem + ".ipynb"), first_cell)
    assert stated_download(setup_note(notebook)) == (2, "2.4 MB")
    install_fake_pyodide(monkeypatch, site)
    namespace: dict = {}
    run_cell(data_cell(notebook), namespace)
    run_cell(first_cell, namespace)
    assert namespace["X"].shape == (155, 2016) and len(namespace["pheno"]) == 155
    assert Path(namespace["features_path"]).is_relative_to(browser_home / "nilearn_data" / SKLEARN_DATA_FOLDER)


def test_tensorflow_examples_get_no_data_cell_and_no_published_data(tmp_path):
    site, notebook_path = make_example(tmp_path, TEXT_FILES)
    notebook = adapted(notebook_path, "import tensorflow as tf\nfrom nilearn import datasets")
    assert not any("pyfetch" in cell_text(c) for c in notebook["cells"])
    gallery = notebook_path.parents[2] / "gallery"
    app = types.SimpleNamespace(srcdir=str(notebook_path.parents[2]),
                                config=types.SimpleNamespace(sphinx_gallery_conf={"gallery_dirs": ["gallery"]}))
    assert len(site_setup.browser_data_records(app)) == 1, "without a notebook the record is published"
    code = {"cell_type": "code", "metadata": {}, "source": "import keras", "outputs": [], "execution_count": None}
    (gallery / "plot_x.ipynb").write_text(json.dumps({"nbformat": 4, "nbformat_minor": 4, "metadata": {},
                                                      "cells": [code]}))
    assert site_setup.browser_data_records(app) == []


# -- the built site (every test below has "site" in its name: `-k 'not site'` skips the build)


def built_records() -> list[dict]:
    records = []
    for path in sorted(Path(HTML.parents[1], "doc").glob("*/*" + data_usage.RECORD_SUFFIX)):
        record = data_usage.read_record(path)
        record["gallery"] = path.parent.name
        records.append(record)
    return records


def built_notebook(record: dict) -> dict:
    stem = Path(record["example"]).stem
    return json.loads((HTML / "lite" / "files" / record["gallery"] / f"{stem}.ipynb").read_text())


def uses_tensorflow(notebook: dict) -> bool:
    return any("cannot run in the browser" in cell_text(c) for c in notebook["cells"][:1])


def browser_readers() -> list[tuple[dict, dict]]:
    """(record, notebook) of every example that reads data and runs in the browser."""
    pairs = [(record, built_notebook(record)) for record in built_records() if record["files"]]
    return [(record, notebook) for record, notebook in pairs if not uses_tensorflow(notebook)]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_built_site_ships_each_browser_examples_data_within_budget(site):
    readers = browser_readers()
    assert readers, "no browser example reads data: the data cells are untested"
    transfers = {}
    for record, notebook in readers:
        stem = Path(record["example"]).stem
        paths = [entry["path"] for entry in record["files"]]
        listed = listed_files(notebook)
        assert list(listed) == paths, f"{stem}: its data cell does not fetch what it read"
        assert list(listed.values()) == [browser_data.served_path(p) for p in paths]
        total = 0
        for served in listed.values():
            published_file = HTML / lite_notebooks.BROWSER_DATA_FOLDER / served
            assert published_file.is_file(), f"{stem}: {served} not published"
            total += published_file.stat().st_size
        assert stated_download(setup_note(notebook)) == (len(paths), lite_notebooks.megabytes(total)), stem
        assert total <= EXAMPLE_TRANSFER_LIMIT, f"{stem} downloads {total / MB:.1f} MB in the browser"
        transfers[stem] = total
    median = statistics.median(transfers.values())
    assert median <= EXAMPLE_TRANSFER_MEDIAN_LIMIT, f"browser examples download {median / MB:.1f} MB (median)"


def test_built_site_publishes_the_builds_data_files_and_nothing_else(site):
    """Each published file, decompressed as the notebook does, has the bytes the build read;
    and the site publishes nothing that no browser notebook fetches."""
    expected: dict[str, tuple[str, Path]] = {}
    for record, _ in browser_readers():
        for entry in record["files"]:
            source = Path(record["data_dir"]) / entry["path"]
            expected[browser_data.served_path(entry["path"])] = (entry["path"], source)
    data_root = HTML / lite_notebooks.BROWSER_DATA_FOLDER
    published_files = sorted(p for p in data_root.rglob("*") if p.is_file())
    served_names = {p.relative_to(data_root).as_posix() for p in published_files}
    assert served_names == set(expected), (
        f"published but fetched by no notebook: {sorted(served_names - set(expected))[:5]}; "
        f"fetched but not published: {sorted(set(expected) - served_names)[:5]}"
    )
    for path in published_files:
        relative, source = expected[path.relative_to(data_root).as_posix()]
        content = path.read_bytes()
        if browser_data.is_served_compressed(relative):
            content = gzip.decompress(content)
        assert sha256(content) == sha256(source.read_bytes()), f"{relative} differs from the build's data file"
    total = sum(p.stat().st_size for p in published_files)
    assert total <= SITE_DATA_LIMIT, f"the site publishes {total / MB:.1f} MB of data for browser notebooks"


def test_built_site_workshop_notebook_fetches_its_two_files_from_the_site(site):
    (record,) = [r for r in built_records() if r["example"] == "plot_12_workshop_revisited.py"]
    notebook = built_notebook(record)
    expected = [f"{workshop.FOLDER}/{file.cached_path}" for file in workshop.FILES]
    assert sorted(listed_files(notebook)) == sorted(expected)
    assert "SCIKIT_LEARN_DATA" in data_cell(notebook)
    files, size = stated_download(setup_note(notebook))
    assert files == 2 and size.endswith("MB") and 2.0 < float(size.split()[0]) < 3.0, size


def notebooks_reading_data() -> list[Path]:
    found = []
    for notebook in sorted((HTML / "lite" / "files").rglob("plot_*.ipynb")):
        if "pyfetch" in notebook.read_text():
            found.append(notebook)
    return found


def test_built_site_notebooks_reach_their_fetcher_offline(site, browser_home, monkeypatch):
    """Run each data notebook's setup cell against the built site, then its code up to and
    including the first nilearn fetcher call: the unmodified call must succeed offline."""
    notebooks = notebooks_reading_data()
    readers = [r for r in built_records() if r["files"] and r["gallery"] != "deep_learning"]
    assert len(notebooks) >= len(readers), "an example reads data but its browser notebook does not fetch it"
    install_fake_pyodide(monkeypatch, HTML)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    for path in notebooks:
        notebook = json.loads(path.read_text())
        code_cells = [cell_text(c) for c in notebook["cells"] if c["cell_type"] == "code"]
        namespace: dict = {}
        for source in code_cells:
            if source.startswith("%pip"):
                continue
            run_cell(source, namespace)
            if "fetch_" in source and "pyfetch" not in source:
                break
        else:
            pytest.fail(f"{path.name} fetches data files but calls no nilearn fetcher")
        copied = [p for p in (browser_home / "nilearn_data").rglob("*") if p.is_file()]
        assert copied, f"{path.name}: nothing was copied into the browser's nilearn data"
