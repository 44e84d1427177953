"""Real data from a local read-only copy (NILEARN_SHARED_DATA): verified, copied, never written.

The copies here are made from the ABIDE stand-in (real files cannot be committed), laid
out as a lab's shared ``nilearn_data`` would be, with a ``MANIFEST.tsv`` one level
above it like ``../shared/data``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import data_fixtures  # noqa: F401  (puts the repository root on sys.path)
from tools.data import LocalCopyError, provision, read_manifest
from tools.data.datasets import DATASETS
from tools.data.local_copy import ENVIRONMENT_VARIABLE, LocalCopy, configured_copy

pytest_plugins = ("data_fixtures",)
pytestmark = pytest.mark.usefixtures("no_network")

ABIDE = DATASETS["abide_pcp"]
SERIES = "cpac/nofilt_noglobal"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """sha256 and mtime of every file below ``folder``: what "unchanged" means here."""
    return {
        path.relative_to(folder).as_posix(): (sha256_of(path), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def write_copy_manifest(top: Path) -> None:
    relative_paths = [p.relative_to(top).as_posix() for p in sorted(top.rglob("*")) if p.is_file()]
    rows = [
        {"path": rel, "bytes": (top / rel).stat().st_size, "sha256": sha256_of(top / rel)}
        for rel in relative_paths
    ]
    pd.DataFrame(rows).to_csv(top / "MANIFEST.tsv", sep="\t", index=False)


@pytest.fixture
def shared_copy(standin_data_dir, tmp_path) -> LocalCopy:
    """``<tmp>/shared/nilearn/ABIDE_pcp`` with ``<tmp>/shared/MANIFEST.tsv``; one participant
    fewer than the stand-in, so that files only the stand-in has are recognisable."""
    nilearn_folder = tmp_path / "shared" / "nilearn"
    dataset = nilearn_folder / ABIDE.folder
    shutil.copytree(standin_data_dir / ABIDE.folder, dataset)
    table_path = dataset / "Phenotypic_V1_0b_preprocessed1.csv"
    table = pd.read_csv(table_path, keep_default_na=False)
    dropped = table["FILE_ID"].iloc[-1]
    table.iloc[:-1].to_csv(table_path, index=False, lineterminator="\n")
    (dataset / SERIES / f"{dropped}_rois_cc200.1D").unlink()
    write_copy_manifest(tmp_path / "shared")
    return LocalCopy((nilearn_folder,))


def copy_folder(copy: LocalCopy) -> Path:
    return copy.roots[0] / ABIDE.folder


def test_configured_copy_follows_nilearns_variable(tmp_path):
    messages = []
    assert configured_copy({}, log=messages.append) is None
    assert configured_copy({ENVIRONMENT_VARIABLE: str(tmp_path / "absent")}, log=messages.append) is None
    assert "does not exist" in messages[-1]
    assert configured_copy({ENVIRONMENT_VARIABLE: str(tmp_path)}).roots == (tmp_path.resolve(),)


def test_a_copy_that_is_not_a_readable_folder_is_a_clear_error(tmp_path, monkeypatch):
    a_file = tmp_path / "not_a_folder"
    a_file.write_text("")
    with pytest.raises(LocalCopyError, match="not a folder"):
        configured_copy({ENVIRONMENT_VARIABLE: str(a_file)})

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", denied)
    with pytest.raises(LocalCopyError, match="cannot be read .*Permission denied.*read access"):
        configured_copy({ENVIRONMENT_VARIABLE: str(tmp_path)})


def test_real_data_are_taken_from_the_copy_verified_and_recorded(shared_copy, tmp_path):
    before = snapshot(shared_copy.roots[0].parent)
    data_dir = tmp_path / "data"
    manifest = provision(data_dir, datasets=["abide_pcp"], copy=shared_copy, log=lambda m: None)
    entry = manifest["datasets"]["abide_pcp"]
    assert entry["mode"] == "real" and entry["source"] == "local copy"
    assert entry["copy"] == str(copy_folder(shared_copy))
    copied = snapshot(data_dir / ABIDE.folder)
    expected = snapshot(copy_folder(shared_copy))
    assert {rel: sha for rel, (sha, _) in copied.items()} == {rel: sha for rel, (sha, _) in expected.items()}
    assert entry["files"] == {rel: sha for rel, (sha, _) in copied.items()}
    assert snapshot(shared_copy.roots[0].parent) == before, "the copy was written to"
    assert not any(p.name.startswith(".from-local-copy") for p in data_dir.iterdir()), "staging left behind"
    # The examples' own fetcher calls now find everything in the data folder.
    again = provision(data_dir, datasets=["abide_pcp"], copy=shared_copy, log=lambda m: None)
    assert again["datasets"]["abide_pcp"] == entry


def test_the_copy_replaces_stand_ins_of_an_earlier_offline_build(shared_copy, tmp_path):
    data_dir = tmp_path / "data"
    standin = provision(data_dir, mode="standin", datasets=["abide_pcp"], copy=None, log=lambda m: None)
    only_standin = set(standin["datasets"]["abide_pcp"]["files"]) - set(snapshot(copy_folder(shared_copy)))
    assert only_standin, "the fixture's copy should lack one stand-in participant"
    manifest = provision(data_dir, datasets=["abide_pcp"], copy=shared_copy, log=lambda m: None)
    assert manifest["datasets"]["abide_pcp"]["source"] == "local copy"
    assert set(snapshot(data_dir / ABIDE.folder)) == set(snapshot(copy_folder(shared_copy)))
    assert read_manifest(data_dir)["datasets"]["abide_pcp"]["source"] == "local copy"


def test_real_files_already_in_the_data_folder_come_first(shared_copy, standin_data_dir, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(standin_data_dir / ABIDE.folder, data_dir / ABIDE.folder)  # e.g. a reader's download
    manifest = provision(data_dir, datasets=["abide_pcp"], copy=shared_copy, log=lambda m: None)
    assert manifest["datasets"]["abide_pcp"]["source"] == "download"


def test_standin_mode_ignores_the_copy(shared_copy, tmp_path):
    manifest = provision(tmp_path / "data", mode="standin", datasets=["abide_pcp"], copy=shared_copy,
                         log=lambda m: None)
    assert manifest["datasets"]["abide_pcp"]["mode"] == "standin"


def corrupt(path: Path) -> None:
    os.chmod(path, 0o644)
    path.write_bytes(path.read_bytes().replace(b"\t", b" ", 1))


@pytest.mark.parametrize("earlier_build", ["none", "standin"])
def test_a_corrupted_copy_file_stops_provisioning_and_changes_nothing(shared_copy, tmp_path, earlier_build):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    if earlier_build == "standin":
        provision(data_dir, mode="standin", datasets=["abide_pcp"], copy=None, log=lambda m: None)
    victim = next((copy_folder(shared_copy) / SERIES).iterdir())
    expected_sha = sha256_of(victim)
    corrupt(victim)
    actual_sha = sha256_of(victim)
    before = snapshot(data_dir)
    with pytest.raises(LocalCopyError) as raised:
        provision(data_dir, datasets=["abide_pcp"], copy=shared_copy, log=lambda m: None)
    message = str(raised.value)
    assert str(victim) in message and expected_sha in message and actual_sha in message
    assert snapshot(data_dir) == before, "the data folder changed"
    assert not any(p.name.startswith(".from-local-copy") for p in data_dir.iterdir()), "staging left behind"


def test_a_copy_missing_a_file_stops_provisioning_naming_it(shared_copy, tmp_path):
    victim = sorted((copy_folder(shared_copy) / SERIES).iterdir())[3]
    victim.unlink()
    data_dir = tmp_path / "data"
    with pytest.raises(LocalCopyError, match=f"lacks 1 file.*\n  {victim}\n.*never built half"):
        provision(data_dir, datasets=["abide_pcp"], copy=shared_copy, log=lambda m: None)
    assert not (data_dir / ABIDE.folder).exists()


def test_a_copy_without_its_index_file_names_it(shared_copy, tmp_path):
    table = copy_folder(shared_copy) / "Phenotypic_V1_0b_preprocessed1.csv"
    table.unlink()
    with pytest.raises(LocalCopyError, match=f"lacks 1 file.*\n  {table}"):
        provision(tmp_path / "data", datasets=["abide_pcp"], copy=shared_copy, log=lambda m: None)


def test_a_copy_without_manifest_is_recorded_with_its_checksums(shared_copy, tmp_path):
    (shared_copy.roots[0].parent / "MANIFEST.tsv").unlink()
    manifest = provision(tmp_path / "data", datasets=["abide_pcp"], copy=shared_copy, log=lambda m: None)
    files = manifest["datasets"]["abide_pcp"]["files"]
    expected = snapshot(copy_folder(shared_copy))
    assert files == {rel: sha for rel, (sha, _) in expected.items()}


def test_the_projects_shared_copy_is_complete_and_verifies(tmp_path):
    """The real copy CI builds from (skipped where the shared folder is absent)."""
    copy = configured_copy(log=lambda m: None)
    if copy is None or copy.dataset_folder(ABIDE.folder) is None:
        pytest.skip(f"{ENVIRONMENT_VARIABLE} names no copy of ABIDE here")
    manifest = provision(tmp_path / "data", datasets=["abide_pcp"], copy=copy, log=lambda m: None)
    entry = manifest["datasets"]["abide_pcp"]
    assert entry["source"] == "local copy"
    assert len(entry["files"]) == 1 + 512  # the phenotype table and every participant with data of six sites
