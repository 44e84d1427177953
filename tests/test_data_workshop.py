"""The 2021 workshop's data set: real files only, where ``sklearn.datasets.fetch_file`` looks.

The files here are small files of our own, declared with the real URLs (so the cache
layout is scikit-learn's real one) and their own checksums; the real copy is tested
when ``ML_PRIMER_WORKSHOP_DATA`` names one (as the tox environments do).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pandas as pd
import pytest

import data_fixtures  # noqa: F401  (puts the repository root on sys.path)
from tools.data import (
    LocalCopyError,
    RealDataUnavailableError,
    dataset_for_path,
    provision,
    read_manifest,
    sklearn_data_home,
    workshop,
)
from tools.data.datasets import DATASETS, WITH_STANDINS
from tools.data.local_copy import ENVIRONMENT_VARIABLE, LocalCopy, configured_copy
from tools.data.manifest import list_files

pytest_plugins = ("data_fixtures",)
pytestmark = pytest.mark.usefixtures("no_network")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "classic_ml" / "plot_12_workshop_revisited.py"
QUIET = {"log": lambda message: None}
CONTENT = {
    "MAIN_BASC064_subsamp_features.npz": b"PK\x03\x04 not really a connectome file" + bytes(range(256)),
    "participants.tsv": b"participant_id\tAge\nsub-pixar001\t4.77\n",
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {rel: (sha256((folder / rel).read_bytes()), (folder / rel).stat().st_mtime_ns)
            for rel in list_files(folder)}


def write_copy_manifest(top: Path) -> None:
    rows = [{"path": rel, "bytes": (top / rel).stat().st_size, "sha256": sha256((top / rel).read_bytes())}
            for rel in list_files(top) if rel != "MANIFEST.tsv"]
    pd.DataFrame(rows).to_csv(top / "MANIFEST.tsv", sep="\t", index=False)


@pytest.fixture
def files(monkeypatch) -> tuple[workshop.PublishedFile, ...]:
    """The real URLs with checksums of our own content; the registry's spec uses them."""
    ours = tuple(workshop.PublishedFile(file.url, sha256(CONTENT[file.name]), file.name) for file in workshop.FILES)
    monkeypatch.setitem(DATASETS, workshop.KEY, workshop.make_spec(ours))
    return ours


@pytest.fixture
def shared(tmp_path, files) -> Path:
    """``<tmp>/shared/workshop/`` with the files under their published names and
    ``<tmp>/shared/MANIFEST.tsv``, like ``../shared/data``."""
    folder = tmp_path / "shared" / "workshop"
    folder.mkdir(parents=True)
    for name, content in CONTENT.items():
        (folder / name).write_bytes(content)
    write_copy_manifest(tmp_path / "shared")
    return folder


def copy_of(folder: Path) -> LocalCopy:
    return LocalCopy((), ((workshop.COPY_VARIABLE, folder),))


def fetch_as_the_example_does(data_dir: Path, monkeypatch, files) -> list[Path]:
    """The example's own calls, with scikit-learn's data home where the build puts it."""
    from sklearn.datasets import fetch_file

    monkeypatch.setenv("SCIKIT_LEARN_DATA", str(sklearn_data_home(data_dir)))
    return [fetch_file(file.url, sha256=file.sha256, n_retries=0) for file in files]


def test_the_files_go_where_fetch_file_caches_them():
    assert workshop.FOLDER == "scikit_learn_data/raw.githubusercontent.com"
    assert [file.cached_path for file in workshop.FILES] == [
        "miykael_workshop_pybrain_master_workshop_notebooks_data/main_basc064_subsamp_features.npz",
        "openneurodatasets_ds000228_master/participants.tsv",
    ]
    assert sklearn_data_home("/data") == Path("/data/scikit_learn_data")
    assert workshop.KEY not in WITH_STANDINS and not DATASETS[workshop.KEY].has_standin


def test_the_example_fetches_exactly_the_declared_files():
    """The example's URLs and checksums are the dataset's (one source of truth, checked)."""
    source = EXAMPLE.read_text()
    base = re.search(r'WORKSHOP_DATA = "([^"]+)"', source)[1]
    calls = re.findall(r'fetch_file\(\s*(WORKSHOP_DATA \+ )?"([^"]+)",\s*sha256="([0-9a-f]{64})"', source)
    fetched = [((base if prefix else "") + url, checksum) for prefix, url, checksum in calls]
    assert fetched == [(file.url, file.sha256) for file in workshop.FILES]


def test_dataset_for_path_finds_the_nested_folder(tmp_path):
    cached = tmp_path / workshop.FOLDER / workshop.FILES[1].cached_path
    assert dataset_for_path(cached, tmp_path) == workshop.KEY
    assert dataset_for_path("scikit_learn_data/openml/some_file.arff", tmp_path) is None
    assert dataset_for_path("ABIDE_pcp/Phenotypic_V1_0b_preprocessed1.csv", tmp_path) == "abide_pcp"


def test_real_files_come_from_the_copy_verified_and_where_fetch_file_finds_them(shared, files, tmp_path,
                                                                                 monkeypatch):
    before = snapshot(shared.parent)
    data_dir = tmp_path / "data"
    manifest = provision(data_dir, datasets=[workshop.KEY], copy=copy_of(shared), **QUIET)
    entry = manifest["datasets"][workshop.KEY]
    assert entry["mode"] == "real" and entry["source"] == "local copy" and entry["copy"] == str(shared)
    assert entry["folder"] == workshop.FOLDER
    assert entry["files"] == {file.cached_path: file.sha256 for file in files}
    assert snapshot(shared.parent) == before, "the copy was written to"
    # The example's unmodified fetch_file calls find the files, offline.
    paths = fetch_as_the_example_does(data_dir, monkeypatch, files)
    assert [path.read_bytes() for path in paths] == [CONTENT[file.name] for file in files]
    assert all(dataset_for_path(path, data_dir) == workshop.KEY for path in paths)
    # A second run changes nothing.
    assert provision(data_dir, datasets=[workshop.KEY], copy=copy_of(shared), **QUIET) == manifest


def test_the_copy_is_found_through_its_variable(shared, tmp_path, monkeypatch):
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setenv(workshop.COPY_VARIABLE, str(shared))
    manifest = provision(tmp_path / "data", datasets=[workshop.KEY], **QUIET)
    assert manifest["datasets"][workshop.KEY]["source"] == "local copy"
    environ = {workshop.COPY_VARIABLE: str(shared)}
    assert configured_copy(environ, variables=[workshop.COPY_VARIABLE]).named_folder(workshop.COPY_VARIABLE) == shared
    assert configured_copy(environ) is None, "only the variables a dataset declares are read"


def corrupt(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-1] + b"!")


@pytest.mark.parametrize("copy_manifest", ["lists the published checksums", "absent", "rewritten after corruption"])
def test_a_corrupted_copy_stops_provisioning_naming_the_file(shared, files, tmp_path, copy_manifest):
    victim = shared / "participants.tsv"
    expected = sha256(victim.read_bytes())
    corrupt(victim)
    if copy_manifest == "absent":
        (shared.parent / "MANIFEST.tsv").unlink()
    elif copy_manifest == "rewritten after corruption":
        write_copy_manifest(shared.parent)  # the copy agrees with itself, not with the publisher
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with pytest.raises(LocalCopyError) as raised:
        provision(data_dir, datasets=[workshop.KEY], copy=copy_of(shared), **QUIET)
    message = str(raised.value)
    assert str(victim) in message and expected in message and sha256(victim.read_bytes()) in message
    assert workshop.COPY_VARIABLE in message
    assert list_files(data_dir) == [], "the data folder changed"


def test_a_copy_missing_a_file_stops_provisioning_naming_it(shared, tmp_path):
    (shared / "MAIN_BASC064_subsamp_features.npz").unlink()
    with pytest.raises(LocalCopyError, match=f"lacks 1 file.*\n  {shared / 'MAIN_BASC064_subsamp_features.npz'}\n"):
        provision(tmp_path / "data", datasets=[workshop.KEY], copy=copy_of(shared), **QUIET)
    assert list_files(tmp_path / "data") == []


def assert_says_where_to_get_the_files(message: str) -> None:
    assert "has no stand-in" in message
    for file in workshop.FILES:
        assert file.url in message
    assert workshop.COPY_VARIABLE in message and "../shared/data/workshop" in message


def test_without_copy_and_network_provisioning_fails_saying_where_to_get_the_files(tmp_path, monkeypatch, capsys):
    from tools.provision_data import main

    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setenv(workshop.COPY_VARIABLE, str(tmp_path / "no such folder"))  # a copy that is missing
    for mode in ("auto", "real"):
        with pytest.raises(RealDataUnavailableError) as raised:
            provision(tmp_path / "data", mode=mode, datasets=[workshop.KEY], **QUIET)
        assert_says_where_to_get_the_files(str(raised.value))
    assert main(["--data-dir", str(tmp_path / "data"), "--dataset", workshop.KEY]) == 1
    assert_says_where_to_get_the_files(capsys.readouterr().err)
    assert list_files(tmp_path / "data") == [], "nothing was written, no stand-in in particular"
    assert workshop.KEY not in read_manifest(tmp_path / "data")["datasets"]


def test_a_full_offline_build_without_copy_fails_on_this_dataset(tmp_path):
    """What the build runs (every dataset, auto mode): it stops before writing anything."""
    with pytest.raises(RealDataUnavailableError, match=r"\[workshop_2021\].*has no stand-in"):
        provision(tmp_path, mode="auto", copy=None, **QUIET)
    assert list_files(tmp_path) == []


def test_stand_in_mode_leaves_it_out_and_refuses_it_by_name(standin_data_dir, tmp_path):
    assert workshop.KEY not in read_manifest(standin_data_dir)["datasets"]  # provisioned with mode="standin"
    with pytest.raises(RealDataUnavailableError, match="has no stand-in"):
        provision(tmp_path, mode="standin", datasets=[workshop.KEY], copy=None, **QUIET)


def test_a_readers_own_download_is_real_data(files, tmp_path, monkeypatch):
    """Files fetch_file left in the data home (an online run) are used as they are."""
    data_dir = tmp_path / "data"
    for file in files:
        path = data_dir / workshop.FOLDER / file.cached_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(CONTENT[file.name])
    manifest = provision(data_dir, datasets=[workshop.KEY], copy=None, **QUIET)
    assert manifest["datasets"][workshop.KEY]["source"] == "download"


def test_the_projects_real_copy_verifies(tmp_path, monkeypatch):
    """The real files CI builds from (skipped where no copy is configured)."""
    folder = os.environ.get(workshop.COPY_VARIABLE)
    if not folder or not Path(folder).is_dir():
        pytest.skip(f"{workshop.COPY_VARIABLE} names no copy of the workshop's files here")
    data_dir = tmp_path / "data"
    manifest = provision(data_dir, datasets=[workshop.KEY], copy=copy_of(Path(folder)), **QUIET)
    entry = manifest["datasets"][workshop.KEY]
    assert entry["source"] == "local copy"
    assert entry["files"] == {file.cached_path: file.sha256 for file in workshop.FILES}
    paths = fetch_as_the_example_does(data_dir, monkeypatch, workshop.FILES)
    assert sum(path.stat().st_size for path in paths) == 2384912 + 16041
