"""Provisioning: manifest, reproducibility, damaged files, real-data safety, modes."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import data_fixtures  # also puts the repository root on sys.path
from tools.data import (
    CorruptRealDataError,
    RealDataUnavailableError,
    dataset_for_path,
    default_data_dir,
    provision,
    read_manifest,
)
from tools.data.datasets import DATASETS, WITH_STANDINS
from tools.data.manifest import write_manifest

# Fixtures standin_data_dir and no_network, shared by the data test modules.
pytest_plugins = ("data_fixtures",)

# copy=None: these tests are about the other sources (tests/test_data_local_copy.py covers the copy).
QUIET = {"log": lambda message: None, "copy": None}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_manifest_lists_every_file_with_its_checksum(standin_data_dir):
    manifest = read_manifest(standin_data_dir)
    assert json.loads((standin_data_dir / "data_manifest.json").read_text()) == manifest
    assert set(manifest["datasets"]) == set(WITH_STANDINS) == {"development_fmri", "abide_pcp", "haxby"}
    for key, entry in manifest["datasets"].items():
        assert entry["mode"] == "standin"
        assert entry["folder"] == DATASETS[key].folder
        assert entry["generator_version"] == DATASETS[key].generator_version
        folder = standin_data_dir / entry["folder"]
        on_disk = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        assert sorted(entry["files"]) == on_disk
        for relative in list(entry["files"])[:20]:
            assert sha256(folder / relative) == entry["files"][relative]


def test_dataset_for_path(standin_data_dir):
    bold = standin_data_dir / "haxby2001" / "subj2" / "bold.nii.gz"
    assert dataset_for_path(bold, standin_data_dir) == "haxby"
    assert dataset_for_path("ABIDE_pcp/Phenotypic_V1_0b_preprocessed1.csv", standin_data_dir) == "abide_pcp"
    assert (
        dataset_for_path(standin_data_dir / "development_fmri" / "participants.tsv", standin_data_dir)
        == "development_fmri"
    )
    assert dataset_for_path(standin_data_dir / "data_manifest.json", standin_data_dir) is None
    assert dataset_for_path("/somewhere/else/bold.nii.gz", standin_data_dir) is None


def test_default_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("NILEARN_DATA", str(tmp_path))
    assert default_data_dir() == tmp_path
    monkeypatch.delenv("NILEARN_DATA")
    assert default_data_dir() == Path(__file__).resolve().parents[1] / "_data" / "nilearn_data"


def test_stand_ins_are_reproducible(standin_data_dir, tmp_path):
    """Rewriting files from scratch gives the same bytes (fixed seeds, no
    timestamps).  A sample of every dataset's jobs keeps this test fast."""
    manifest = read_manifest(standin_data_dir)
    for key in WITH_STANDINS:
        spec = DATASETS[key]
        jobs = spec.standin_jobs()
        sample = jobs[:3] if key != "haxby" else [job for job in jobs if "subj2/bold.nii.gz" not in job.outputs]
        folder = tmp_path / spec.folder
        for job in sample:
            job.run(folder)
            for output in job.outputs:
                assert sha256(folder / output) == manifest["datasets"][key]["files"][output], output


def test_the_fixture_starts_only_from_the_builds_stand_ins_of_the_current_generator(standin_data_dir, tmp_path):
    haxby = read_manifest(standin_data_dir)["datasets"]["haxby"]
    build = tmp_path / "build"
    shutil.copytree(standin_data_dir / haxby["folder"], build / haxby["folder"])
    (build / haxby["folder"] / "written_by_a_fetcher.txt").write_text("not the generator's")
    stale = {**read_manifest(standin_data_dir)["datasets"]["development_fmri"],
             "generator_version": DATASETS["development_fmri"].generator_version - 1}
    real = {"folder": "ABIDE_pcp", "mode": "real", "files": {}, "generator_version": None}
    write_manifest(build, {"datasets": {"haxby": haxby, "development_fmri": stale, "abide_pcp": real}})

    target = tmp_path / "tests"
    assert data_fixtures.copy_current_standins(build, target) == ["haxby"]
    assert read_manifest(target)["datasets"] == {"haxby": haxby}
    assert not (target / haxby["folder"] / "written_by_a_fetcher.txt").exists()
    messages = []
    provision(target, mode="standin", datasets=["haxby"], log=messages.append, copy=None)
    assert messages == [f"[haxby] stand-ins up to date ({len(haxby['files'])} files)"]
    assert (build / haxby["folder"] / "written_by_a_fetcher.txt").exists()  # the build's folder untouched


def test_second_run_changes_nothing(standin_data_dir):
    before = (standin_data_dir / "data_manifest.json").read_bytes()
    # (The datasets without stand-in would need a copy or the network: tests/test_data_workshop.py.)
    manifest = provision(standin_data_dir, mode="auto", datasets=WITH_STANDINS, **QUIET)
    assert (standin_data_dir / "data_manifest.json").read_bytes() == before
    assert all(entry["mode"] == "standin" for entry in manifest["datasets"].values())


def test_damaged_stand_in_is_rewritten(standin_data_dir, no_network):
    entry = read_manifest(standin_data_dir)["datasets"]["development_fmri"]
    damaged = standin_data_dir / "development_fmri" / next(f for f in entry["files"] if f.endswith(".nii.gz"))
    original = damaged.read_bytes()
    damaged.write_bytes(original[: len(original) // 2])  # a truncated download/copy
    messages = []
    provision(standin_data_dir, mode="auto", datasets=["development_fmri"], log=messages.append, copy=None)
    assert damaged.read_bytes() == original
    assert any(damaged.name in message for message in messages)


def test_auto_without_network_writes_stand_ins(tmp_path, no_network):
    manifest = provision(tmp_path, mode="auto", datasets=["abide_pcp"], **QUIET)
    assert manifest["datasets"]["abide_pcp"]["mode"] == "standin"


def test_real_mode_without_network_fails_clearly(tmp_path, no_network, capsys):
    from tools.provision_data import main

    with pytest.raises(RealDataUnavailableError, match="cannot be reached"):
        provision(tmp_path, mode="real", datasets=["haxby"], **QUIET)
    assert main(["--mode", "real", "--data-dir", str(tmp_path), "--dataset", "haxby"]) == 1
    error = capsys.readouterr().err
    assert "--mode real" in error and "cannot be reached" in error and "--mode standin" in error
    assert not (tmp_path / "haxby2001").exists() or not any((tmp_path / "haxby2001").iterdir())


@pytest.fixture
def real_haxby_dir(standin_data_dir, tmp_path, no_network):
    """A data directory whose Haxby folder was not written by us: real data, as
    far as provisioning can tell (a reader's own download looks like this)."""
    shutil.copytree(standin_data_dir / "haxby2001", tmp_path / "haxby2001")
    manifest = provision(tmp_path, mode="auto", datasets=["haxby"], **QUIET)
    assert manifest["datasets"]["haxby"]["mode"] == "real"
    return tmp_path


def test_corrupted_real_data_is_reported_never_deleted(real_haxby_dir):
    labels = real_haxby_dir / "haxby2001" / "subj2" / "labels.txt"
    labels.write_text("labels chunks\nrest 0\n")
    with pytest.raises(CorruptRealDataError) as raised:
        provision(real_haxby_dir, mode="auto", datasets=["haxby"], **QUIET)
    message = str(raised.value)
    assert str(labels) in message
    assert f"python -m tools.provision_data --mode real --data-dir {real_haxby_dir}" in message
    assert labels.read_text() == "labels chunks\nrest 0\n", "nothing rewritten"
    assert (real_haxby_dir / "haxby2001" / "subj2" / "bold.nii.gz").is_file(), "nothing deleted"


def test_standin_mode_never_overwrites_real_data(real_haxby_dir):
    before = sha256(real_haxby_dir / "haxby2001" / "subj2" / "bold.nii.gz")
    with pytest.raises(Exception, match="real data"):
        provision(real_haxby_dir, mode="standin", datasets=["haxby"], **QUIET)
    assert sha256(real_haxby_dir / "haxby2001" / "subj2" / "bold.nii.gz") == before


def test_unlisted_files_make_a_stand_in_folder_real(tmp_path, no_network):
    provision(tmp_path, mode="standin", datasets=["abide_pcp"], **QUIET)
    downloaded = tmp_path / "ABIDE_pcp" / "cpac" / "nofilt_noglobal" / "Olin_0050102_rois_cc200.1D"
    downloaded.write_text("#1\n0.5\n")  # e.g. an online run fetched another subject
    manifest = provision(tmp_path, mode="auto", datasets=["abide_pcp"], **QUIET)
    assert manifest["datasets"]["abide_pcp"]["mode"] == "real"
    assert "cpac/nofilt_noglobal/Olin_0050102_rois_cc200.1D" in manifest["datasets"]["abide_pcp"]["files"]
