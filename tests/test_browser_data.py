"""Browser notebooks get their data from the site itself.

Pyodide cannot be run here (its packages come from a CDN), so the browser path is
checked structurally: the setup cell that :mod:`lite_notebooks` writes is executed in
plain Python with stand-ins for Pyodide's ``js`` and ``pyodide.http`` modules that
serve files from a site directory, exactly as ``pyfetch`` would from the site's origin.
"""

from __future__ import annotations

import ast
import asyncio
import json
import os
import socket
import sys
import types
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import data_usage
import lite_notebooks
from conftest import HTML

WORKER_URL = "http://127.0.0.1:8000/lite/extensions/@jupyterlite/pyodide-kernel-extension/static/worker.js"
BROWSER_BUDGET_BYTES = 20 * 1024 * 1024


class FakeResponse:
    def __init__(self, path: Path):
        self._path = path
        self.ok = path.is_file()
        self.status = 200 if self.ok else 404

    async def bytes(self) -> bytes:
        return self._path.read_bytes()


def fake_pyodide(site_root: Path) -> dict[str, types.ModuleType]:
    """``js`` and ``pyodide.http`` as a kernel worker of a site served from ``site_root`` sees them."""
    requested: list[str] = []

    async def pyfetch(url: str) -> FakeResponse:
        requested.append(url)
        path = urlsplit(url).path.removeprefix("/")
        return FakeResponse(site_root / path)

    js = types.ModuleType("js")
    js.location = types.SimpleNamespace(href=WORKER_URL)
    http = types.ModuleType("pyodide.http")
    http.pyfetch = pyfetch
    http.requested = requested
    pyodide = types.ModuleType("pyodide")
    pyodide.http = http
    return {"js": js, "pyodide": pyodide, "pyodide.http": http}


def install_fake_pyodide(monkeypatch, site_root: Path) -> dict[str, types.ModuleType]:
    modules = fake_pyodide(site_root)
    for name, module in modules.items():
        monkeypatch.setitem(sys.modules, name, module)
    return modules


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
    """A fresh home directory, no NILEARN_DATA, and no network, like a new Pyodide kernel."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("NILEARN_DATA", raising=False)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("network is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield home


def make_example(tmp_path: Path, files: dict[str, bytes]) -> tuple[Path, Path]:
    """A site with published data files and a source tree with the example's data record."""
    site, src = tmp_path / "site", tmp_path / "src"
    for relative, content in files.items():
        target = site / lite_notebooks.BROWSER_DATA_FOLDER / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    record = {"example": "plot_x.py", "data_dir": "/build/nilearn_data",
              "files": [{"path": p, "bytes": len(c)} for p, c in files.items()], "datasets": {}}
    (src / "gallery").mkdir(parents=True)
    (src / "gallery" / ("plot_x" + data_usage.RECORD_SUFFIX)).write_text(json.dumps(record))
    return site, src / "_contents" / "gallery" / "plot_x.ipynb"


def adapted(notebook_path: Path, code: str) -> dict:
    cell = {"cell_type": "code", "metadata": {}, "source": code, "outputs": [], "execution_count": None}
    notebook = {"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [cell]}
    lite_notebooks.adapt_for_browser(notebook, str(notebook_path))
    return notebook


def data_cell(notebook: dict) -> str:
    (cell,) = [cell_text(c) for c in notebook["cells"] if "pyfetch" in cell_text(c)]
    return cell


def test_setup_cell_copies_the_files_to_where_nilearn_looks(tmp_path, browser_home, monkeypatch):
    files = {"haxby2001/subj2/labels.txt": b"labels chunks\nrest 0\n", "haxby2001/mask.nii.gz": b"\x1f\x8b..."}
    site, notebook_path = make_example(tmp_path, files)
    notebook = adapted(notebook_path, "from nilearn import datasets\ndatasets.fetch_haxby()")
    modules = install_fake_pyodide(monkeypatch, site)

    run_cell(data_cell(notebook), {})

    nilearn_data = browser_home / "nilearn_data"
    for relative, content in files.items():
        assert (nilearn_data / relative).read_bytes() == content
    assert os.environ["NILEARN_DATA"] == str(nilearn_data)
    assert all(url.startswith("http://127.0.0.1:8000/lite-data/") for url in modules["pyodide.http"].requested)

    # A second run finds the files in place and fetches nothing.
    modules["pyodide.http"].requested.clear()
    run_cell(data_cell(notebook), {})
    assert modules["pyodide.http"].requested == []


def test_a_file_missing_on_the_site_is_a_clear_error(tmp_path, browser_home, monkeypatch):
    site, notebook_path = make_example(tmp_path, {"abide/pheno.csv": b"SUB_ID\n1\n"})
    (site / lite_notebooks.BROWSER_DATA_FOLDER / "abide" / "pheno.csv").unlink()
    notebook = adapted(notebook_path, "from nilearn import datasets")
    install_fake_pyodide(monkeypatch, site)
    with pytest.raises(RuntimeError, match="abide/pheno.csv.*404"):
        run_cell(data_cell(notebook), {})


def built_records() -> list[dict]:
    records = []
    for path in sorted(Path(HTML.parents[1], "doc").glob("*/*" + data_usage.RECORD_SUFFIX)):
        record = data_usage.read_record(path)
        record["gallery"] = path.parent.name
        records.append(record)
    return records


def test_every_example_that_reads_data_ships_it_to_the_browser(site):
    for record in built_records():
        stem = Path(record["example"]).stem
        notebook = json.loads((HTML / "lite" / "files" / record["gallery"] / f"{stem}.ipynb").read_text())
        uses_tensorflow = any("cannot run in the browser" in cell_text(c) for c in notebook["cells"][:1])
        if not record["files"] or uses_tensorflow:
            continue
        listed = json.loads(data_cell(notebook).split("data_files = ", 1)[1].split("\n", 1)[0].replace("'", '"'))
        assert listed == [entry["path"] for entry in record["files"]]
        total = 0
        for entry in record["files"]:
            published = HTML / lite_notebooks.BROWSER_DATA_FOLDER / entry["path"]
            assert published.is_file(), f"{stem}: {entry['path']} not published"
            total += published.stat().st_size
        assert total < BROWSER_BUDGET_BYTES, f"{stem} needs {total / 2**20:.1f} MiB in the browser"


def notebooks_reading_data() -> list[Path]:
    found = []
    for notebook in sorted((HTML / "lite" / "files").rglob("plot_*.ipynb")):
        if "pyfetch" in notebook.read_text():
            found.append(notebook)
    return found


def test_browser_notebooks_reach_their_fetcher_offline(site, browser_home, monkeypatch):
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
