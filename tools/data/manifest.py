"""The data manifest: what was provisioned, from where, with which checksums.

``<data_dir>/data_manifest.json`` looks like::

    {
      "format": 1,
      "datasets": {
        "haxby": {
          "folder": "haxby2001",          # relative to the data directory
          "mode": "standin",              # or "real"
          "generator_version": 3,         # null for real data
          "files": {"subj2/bold.nii.gz": "<sha256>", ...}   # relative to folder
        },
        ...
      }
    }

The docs build reads it (:func:`read_manifest`, :func:`dataset_for_path`) to say on
each example page whether the example ran on simulated stand-ins.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

MANIFEST_NAME = "data_manifest.json"
MANIFEST_FORMAT = 1
MODES = ("real", "standin")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest_path(data_dir) -> Path:
    return Path(data_dir) / MANIFEST_NAME


def read_manifest(data_dir) -> dict:
    """The manifest of ``data_dir``; ``{"format": 1, "datasets": {}}`` if there is none."""
    path = manifest_path(data_dir)
    if not path.is_file():
        return {"format": MANIFEST_FORMAT, "datasets": {}}
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.setdefault("datasets", {})
    return manifest


def write_manifest(data_dir, manifest: dict) -> None:
    path = manifest_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    manifest = {"format": MANIFEST_FORMAT, "datasets": dict(sorted(manifest["datasets"].items()))}
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(partial, path)


def dataset_for_path(path, data_dir) -> str | None:
    """Key of the provisioned dataset that ``path`` belongs to, or None.

    ``path`` may be absolute or relative to ``data_dir``.  Datasets are looked up
    by their folder in the manifest; a folder we know but that was never
    provisioned still maps to its key, so callers can tell "nilearn dataset"
    from "some other file".  A dataset folder may be nested (e.g.
    ``scikit_learn_data/raw.githubusercontent.com``): the deepest folder that
    holds ``path`` decides.
    """
    from tools.data.datasets import DATASETS  # local import: avoid a cycle

    data_dir = Path(data_dir).resolve()
    path = Path(path)
    if not path.is_absolute():
        path = data_dir / path
    try:
        relative = path.resolve().relative_to(data_dir)
    except ValueError:
        return None
    if not relative.parts:
        return None
    folders = {spec.folder: key for key, spec in DATASETS.items()}
    folders.update({entry["folder"]: key for key, entry in read_manifest(data_dir)["datasets"].items()})
    for depth in range(len(relative.parts), 0, -1):
        key = folders.get("/".join(relative.parts[:depth]))
        if key is not None:
            return key
    return None


def list_files(folder: Path) -> list[str]:
    """Every regular file under ``folder``, as sorted POSIX paths relative to it."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())


def checksums(folder: Path, relative_paths=None) -> dict[str, str]:
    folder = Path(folder)
    if relative_paths is None:
        relative_paths = list_files(folder)
    return {rel: sha256_of(folder / rel) for rel in sorted(relative_paths)}


@dataclass
class Verification:
    """Outcome of comparing a dataset folder with its manifest entry."""

    missing: list[str]
    corrupted: list[str]  # present, but the sha256 differs (truncated, edited, ...)
    unlisted: list[str]  # present, but not in the manifest

    @property
    def intact(self) -> bool:
        return not self.missing and not self.corrupted

    @property
    def damaged(self) -> list[str]:
        return sorted(self.missing + self.corrupted)


def verify(folder: Path, entry: dict) -> Verification:
    folder = Path(folder)
    missing, corrupted = [], []
    for rel, expected in sorted(entry["files"].items()):
        path = folder / rel
        if not path.is_file():
            missing.append(rel)
        elif sha256_of(path) != expected:
            corrupted.append(rel)
    unlisted = [rel for rel in list_files(folder) if rel not in entry["files"]]
    return Verification(missing, corrupted, unlisted)
