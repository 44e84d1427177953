"""A read-only copy of real data in nilearn's own layout, as a data source.

nilearn's convention for data installed by someone else (a lab's shared
``nilearn_data``, a mounted volume) is the ``NILEARN_SHARED_DATA`` variable: one or
more folders, searched before ``NILEARN_DATA``. Provisioning honours it as a
*source*: for a dataset the copy holds, every file the examples' fetcher calls need
is verified and copied into the build's data folder, so that

* the build reads one folder, whose files the data manifest lists with their origin;
* nilearn can never try to download a missing file *into* the copy (it writes into
  the first dataset folder it finds);
* the copy is only ever read.

A dataset kept outside nilearn's layout (e.g. files that the examples fetch one by
one with :func:`sklearn.datasets.fetch_file`) has a variable of its own naming the
folder that holds its files under their published names (``copy_variable`` of its
:class:`~tools.data._spec.DatasetSpec`, e.g. ``ML_PRIMER_WORKSHOP_DATA``); it is
read the same way, only ever read, and verified the same way.

A copy may carry a ``MANIFEST.tsv`` (columns ``path``, ``bytes``, ``sha256``, ...;
paths relative to the manifest's folder), next to the dataset folder or one level
above it; every file taken from the copy is checked against it. Without a manifest,
the checksum of each copied file is recorded in the data manifest. A file whose
publisher states a checksum (``published_checksums``) is checked against it too.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tools.data.errors import LocalCopyError

ENVIRONMENT_VARIABLE = "NILEARN_SHARED_DATA"
COPY_MANIFEST_NAME = "MANIFEST.tsv"
SOURCE_LABEL = "local copy"
STAGING_PREFIX = ".from-local-copy-"  # inside the data folder, removed on success and failure


@dataclass(frozen=True)
class LocalCopy:
    """The existing folders named by ``NILEARN_SHARED_DATA``, in nilearn's search order,
    and those named by the variables of datasets kept outside nilearn's layout."""

    roots: tuple[Path, ...]
    named: tuple[tuple[str, Path], ...] = ()
    """(variable, folder) of each dataset copy named by a variable of its own."""

    def named_folder(self, variable: str) -> Path | None:
        return dict(self.named).get(variable)

    def dataset_folder(self, folder_name: str) -> Path | None:
        """The first ``<root>/<folder_name>`` that exists, as nilearn would find it."""
        for root in self.roots:
            candidate = root / folder_name
            if candidate.is_dir():
                return candidate
        return None

    def expected_checksums(self, dataset_folder: Path) -> dict[str, str] | None:
        """sha256 by path relative to ``dataset_folder``, from the copy's manifest (None if it has none)."""
        for folder in (dataset_folder.parent, dataset_folder.parent.parent):
            manifest = folder / COPY_MANIFEST_NAME
            if manifest.is_file():
                return _read_copy_manifest(manifest, dataset_folder)
        return None


def configured_copy(environ=None, log: Callable[[str], None] = print,
                    variables: Iterable[str] = ()) -> LocalCopy | None:
    """The copy ``NILEARN_SHARED_DATA`` and the dataset ``variables`` name, or None when
    none is set or names an existing folder.

    A folder that does not exist means "no copy here" (the tox environments name the
    project's default places, which a plain clone does not have); a path that exists
    but cannot be read as a folder is an error.
    """
    environ = os.environ if environ is None else environ
    value = environ.get(ENVIRONMENT_VARIABLE, "")
    roots = []
    for entry in filter(None, value.split(os.pathsep)):
        root = _readable_folder(ENVIRONMENT_VARIABLE, value, Path(entry).expanduser(), log,
                                "a nilearn data folder (one holding e.g. ABIDE_pcp/)")
        if root is not None:
            roots.append(root)
    named = []
    for variable in sorted(set(variables)):
        if environ.get(variable):
            folder = _readable_folder(variable, environ[variable], Path(environ[variable]).expanduser(), log,
                                      "the folder holding that dataset's files")
            if folder is not None:
                named.append((variable, folder))
    return LocalCopy(tuple(roots), tuple(named)) if roots or named else None


def _readable_folder(variable: str, value: str, root: Path, log, what: str) -> Path | None:
    if not root.exists():
        log(f"{variable}: {root} does not exist; no local copy of the data there")
        return None
    if not root.is_dir():
        raise LocalCopyError(
            f"{variable}={value} names {root}, which is not a folder. Point it at {what}, or unset it."
        )
    try:
        next(root.iterdir(), None)
    except OSError as error:
        raise LocalCopyError(
            f"{variable}: the local copy {root} cannot be read ({error.strerror or error}). "
            "Give this user read access to it, or unset the variable to download or simulate the data."
        ) from error
    return root.resolve()


def _read_copy_manifest(manifest: Path, dataset_folder: Path) -> dict[str, str]:
    prefix = dataset_folder.relative_to(manifest.parent).as_posix() + "/"
    try:
        with manifest.open(newline="", encoding="utf-8") as stream:
            rows = list(csv.DictReader(stream, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise LocalCopyError(f"the local copy's manifest {manifest} cannot be read: {error}") from error
    if rows and not {"path", "sha256"} <= set(rows[0]):
        raise LocalCopyError(f"{manifest} has no 'path' and 'sha256' columns; it is not a data manifest")
    return {row["path"][len(prefix):]: row["sha256"] for row in rows if row["path"].startswith(prefix)}


def copy_dataset(
    copy: LocalCopy,
    source: Path,
    required: list[str] | Mapping[str, str],
    target: Path,
    remove_before_moving: Callable[[], None] = lambda: None,
    published: Mapping[str, str] | None = None,
    variable: str = ENVIRONMENT_VARIABLE,
) -> dict[str, str]:
    """Copy the ``required`` files of ``source`` (a dataset folder of ``copy``) into ``target``.

    ``required`` lists paths relative to both folders, or maps each path in ``target``
    to its path in ``source``. Nothing in ``target`` changes unless every file is
    present and matches the copy's manifest and the ``published`` sha256 (by path in
    ``target``): files are staged next to ``target`` first, then
    ``remove_before_moving`` runs (it clears stand-ins the real files replace) and the
    staged files move into place. ``variable`` names the copy in messages. Returns
    sha256 by path in ``target``.
    """
    files = dict(required) if isinstance(required, Mapping) else {relative: relative for relative in required}
    published = published or {}
    missing = [in_copy for in_copy in files.values() if not (source / in_copy).is_file()]
    if missing:
        raise LocalCopyError(missing_message(source, missing, variable))
    expected = copy.expected_checksums(source)
    if expected is not None:
        unlisted = [in_copy for in_copy in files.values() if in_copy not in expected]
        if unlisted:
            raise LocalCopyError(
                f"the local copy's manifest does not list {len(unlisted)} file(s) the examples need, "
                f"so they cannot be verified: {', '.join(str(source / r) for r in unlisted[:5])}. "
                "Update the copy's MANIFEST.tsv or complete the copy."
            )
    staging = target.parent / f"{STAGING_PREFIX}{target.name}"
    shutil.rmtree(staging, ignore_errors=True)
    checksums = {}
    try:
        for relative, in_copy in files.items():
            payload = _read(source / in_copy)
            actual = hashlib.sha256(payload).hexdigest()
            if expected is not None and actual != expected[in_copy]:
                raise LocalCopyError(
                    f"the local copy's file {source / in_copy} does not match the copy's manifest:\n"
                    f"  expected sha256 {expected[in_copy]}\n"
                    f"  actual sha256   {actual}\n"
                    "The data folder was left unchanged. Restore that file in the copy (or fix its "
                    f"MANIFEST.tsv), or unset {variable}."
                )
            if relative in published and actual != published[relative]:
                raise LocalCopyError(
                    f"the local copy's file {source / in_copy} is not the published file: its checksum "
                    "differs from the one the examples verify:\n"
                    f"  published sha256 {published[relative]}\n"
                    f"  actual sha256    {actual}\n"
                    f"The data folder was left unchanged. Restore that file in the copy, or unset {variable}."
                )
            staged = staging / relative
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(payload)
            checksums[relative] = actual
        remove_before_moving()
        for relative in files:
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return dict(sorted(checksums.items()))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise LocalCopyError(f"the local copy's file {path} cannot be read: {error.strerror or error}") from error


def missing_message(source: Path, missing: list[str], variable: str = ENVIRONMENT_VARIABLE) -> str:
    shown = "\n".join(f"  {source / relative}" for relative in missing[:10])
    more = f"\n  ... and {len(missing) - 10} more" if len(missing) > 10 else ""
    return (
        f"the local copy {source} lacks {len(missing)} file(s) the examples need:\n{shown}{more}\n"
        "A dataset is never built half from real files and half from stand-ins: complete the copy, "
        f"or unset {variable} to download or simulate the whole dataset."
    )
