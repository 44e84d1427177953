"""Shared fixtures of the data tests (tests/test_data_*.py).

Import them into a test module with ``from data_fixtures import ...``.  The
stand-ins are provisioned once per test process, however many modules use them.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

# The tests import the project's `tools` package; pytest puts only tests/ on the
# path (rootdir conftest.py is not ours to configure), so add the repo root.
REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

_provisioned: dict[str, object] = {}


@pytest.fixture(scope="session")
def standin_data_dir(tmp_path_factory) -> Path:
    """A data directory holding every stand-in, provisioned once per process (``mode="standin"``
    leaves out the datasets that have none)."""
    if "data_dir" not in _provisioned:
        from tools.data import provision

        data_dir = tmp_path_factory.mktemp("nilearn_data")
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
