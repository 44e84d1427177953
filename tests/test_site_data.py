"""What the built site says about its data: per dataset and per page, real or stand-in.

CI builds with ``../shared/data/nilearn`` as the local copy (NILEARN_SHARED_DATA, set by
tox.ini): there, ABIDE must be real data from the copy on every page that reads it.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

import data_usage
from conftest import HTML, ROOT
from tools.data import read_manifest
from tools.data.local_copy import configured_copy


def page_text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def records() -> list[dict]:
    found = []
    for path in sorted((ROOT / "doc").glob("*/plot_*" + data_usage.RECORD_SUFFIX)):
        record = json.loads(path.read_text())
        record["page"] = HTML / path.parent.name / (Path(record["example"]).stem + ".html")
        found.append(record)
    return found


def build_data_dir() -> Path:
    """The data folder the build read (other tests may change NILEARN_DATA in this process)."""
    return Path(next(r["data_dir"] for r in records() if r["files"]))


def test_every_page_states_the_source_of_each_dataset_it_read(site):
    readers = [r for r in records() if r["datasets"]]
    assert readers, "no example read a provisioned dataset"
    for record in readers:
        text = "".join(page_text(record["page"]).split())  # tags leave stray spaces: compare without any
        for key, source in record["datasets"].items():
            line = data_usage.dataset_line(key, source).replace("*", "")
            assert "".join(line.split()) in text, f"{record['page'].name} does not say '{line}'"
        if "abide_pcp" in record["datasets"] and record["datasets"]["abide_pcp"] != "standin":
            assert "PreprocessedConnectomesProject" in text and "DiMartino" in text


def test_landing_page_states_the_source_of_every_dataset(site):
    text = "".join(page_text(HTML / "index.html").split())
    manifest = read_manifest(build_data_dir())["datasets"]
    assert manifest
    for key, entry in manifest.items():
        line = data_usage.dataset_line(key, data_usage.data_source(entry)).replace("*", "")
        assert "".join(line.split()) in text, line


def test_with_the_shared_copy_every_abide_page_is_built_from_real_files(site):
    copy = configured_copy(log=lambda message: None)
    if copy is None or copy.dataset_folder("ABIDE_pcp") is None:
        pytest.skip("no local copy of ABIDE configured (NILEARN_SHARED_DATA): this build used another source")
    entry = read_manifest(build_data_dir())["datasets"]["abide_pcp"]
    assert entry["mode"] == "real" and entry["source"] == "local copy"
    abide_pages = [r for r in records() if "abide_pcp" in r["datasets"]]
    assert len(abide_pages) >= 10
    for record in abide_pages:
        assert record["datasets"]["abide_pcp"] == "local copy", record["example"]
        assert "real data (local copy)" in page_text(record["page"])
    assert "the ABIDE preprocessed dataset: real data (local copy)" in page_text(HTML / "index.html")


def test_every_abide_call_names_its_sites():
    """A reader's download stays bounded: no example asks for every ABIDE site."""
    calls = []
    for source in sorted((ROOT / "examples").glob("*/plot_*.py")):
        for match in re.finditer(r"fetch_abide_pcp\((.*?)\)\n", source.read_text(), re.S):
            calls.append((source.name, match.group(1)))
    assert len(calls) >= 12
    for name, arguments in calls:
        assert "SITE_ID=" in arguments, f"{name} fetches ABIDE without naming its sites"


def test_abide_pages_say_how_many_participants_and_megabytes_they_read(site):
    for record in records():
        if "abide_pcp" not in record["datasets"]:
            continue
        text = page_text(record["page"])
        stated = (r"\d+ participants of [A-Z_, 0-9]+: \d+ MB of region time series"
                  r"|\d+ participants of \d sites, from a table of [\d.]+ MB")
        assert re.search(stated, text), f"{record['page'].name} does not state its participants and megabytes"


def test_built_site_workshop_page_is_built_from_the_real_files(site):
    """The 2021 workshop's data have no stand-in: the page that reads them says where they came from."""
    from tools.data import workshop

    (record,) = [r for r in records() if r["example"] == "plot_12_workshop_revisited.py"]
    assert sorted(entry["path"] for entry in record["files"]) == sorted(
        f"{workshop.FOLDER}/{file.cached_path}" for file in workshop.FILES
    )
    source = read_manifest(build_data_dir())["datasets"][workshop.KEY]["source"]
    assert record["datasets"] == {workshop.KEY: source} and source in ("local copy", "download")
    text = " ".join(page_text(record["page"]).split())
    assert " ".join(data_usage.dataset_line(workshop.KEY, source).replace("*", "").split()) in text
    assert "Richardson et al. 2018" in text and "miykael/workshop_pybrain" in text
    copy = configured_copy(log=lambda message: None, variables=[workshop.COPY_VARIABLE])
    if copy is not None and copy.named_folder(workshop.COPY_VARIABLE) is not None:
        assert source == "local copy", "CI builds this page from ../shared/data/workshop"
