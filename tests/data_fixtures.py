"""Shared fixtures of the data tests (tests/test_data_*.py).

Import them into a test module with ``from data_fixtures import ...``.  The
stand-ins are provisioned once per test process, however many modules use them.
"""

from __future__ import annotations

import shutil
import socket
import sys
from pathlib import Path

import pytest

# The tests import the project's `tools` package; pytest puts only tests/ on the
# path (rootdir conftest.py is not ours to configure), so add the repo root.
REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

BUILD_DATA_DIR = REPO_ROOT / "_data" / "nilearn_data"

_provisioned: dict[str, object] = {}


def copy_current_standins(build_data_dir: Path, data_dir: Path) -> list[str]:
    """Copy into ``data_dir`` the stand-ins of ``build_data_dir`` that its manifest records as
    written by the current generator version, with their manifest entries; return their keys.

    Writing the development-fMRI and Haxby stand-ins takes minutes, and the test run's build
    has usually just written the very same bytes. Provisioning then checks every copied file
    against its checksum and rewrites what differs, as it does for any data folder. Copies,
    not links: some tests damage a file on purpose, and the build's data stay untouched."""
    from tools.data.datasets import DATASETS
    from tools.data.manifest import read_manifest, write_manifest

    built = read_manifest(build_data_dir)
    seeded = read_manifest(data_dir)
    copied = []
    for key, entry in built["datasets"].items():
        spec = DATASETS.get(key)
        if spec is None or entry.get("mode") != "standin" or entry.get("generator_version") != spec.generator_version:
            continue
        for relative in entry["files"]:  # only the generator's files, nothing a fetcher added
            target = data_dir / entry["folder"] / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(build_data_dir / entry["folder"] / relative, target)
        seeded["datasets"][key] = entry
        copied.append(key)
    write_manifest(data_dir, seeded)
    return copied


@pytest.fixture(scope="session")
def standin_data_dir(tmp_path_factory) -> Path:
    """A data directory holding every stand-in, provisioned once per process (``mode="standin"``
    leaves out the datasets that have none), starting from the build's current stand-ins."""
    if "data_dir" not in _provisioned:
        from tools.data import provision

        data_dir = tmp_path_factory.mktemp("nilearn_data")
        copy_current_standins(BUILD_DATA_DIR, data_dir)
        _provisioned["manifest"] = provision(data_dir, mode="standin", log=lambda message: None, copy=None)
        _provisioned["data_dir"] = data_dir
    return _provisioned["data_dir"]


class NetworkUsed(ConnectionRefusedError):
    """Like an offline machine's refusal (an OSError), so code that probes the
    network sees "unreachable"; a fetcher that needed a download still fails."""


@pytest.fixture
def no_network(monkeypatch):
    """Any connection attempt fails: the fetchers must find everything on disk."""

    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network access attempted: {args[1:] or kwargs}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
