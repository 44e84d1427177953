"""The form in which the site serves data files to browser notebooks.

A browser notebook downloads every data file its example read during the build (see
:mod:`lite_notebooks`). On the real datasets that is up to a few hundred text files
(ABIDE's ``.1D`` time series, about 0.4 MB each) per example, and gzip halves them, so
the site serves each file gzip-compressed as ``lite-data/<path>.gz`` and the notebook
decompresses it back to the original bytes. Files that are compressed already
(``.nii.gz``, ``.npz``, ...) would not shrink and are served as they are.

One rule, :func:`served_path`, names the served file, and one compression,
:func:`served_file`, produces it: the notebook states its download size when it is
adapted, and the site publishes the same bytes at the end of the build. Compressed
files are cached by the SHA-256 of their content, so a rebuild compresses only data
that changed, and the compressed bytes are deterministic (no time stamp, no file
name in the gzip header), so the same data gives the same site.

Level 4 is the knee of zlib's speed/size curve on the real ABIDE files (all 512
``cc200`` files, 220 MB, on the project's 2-core machine): level 1 writes 42-53 MB/s
at 51.0 % of the input size, level 4 26-27 MB/s at 48.2 %, level 6 (gzip's default)
10 MB/s at 46.8 %, level 9 7 MB/s at 46.8 %. Level 4 is 2.6 times as fast as the
default for 3 % more bytes; level 1 would save a few seconds of a first build (the
cache spares later ones) at every reader's expense.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import zlib
from dataclasses import dataclass
from pathlib import Path

COMPRESSION_LEVEL = 4
GZIP_SUFFIX = ".gz"
# Suffixes of formats that are compressed already: gzip would not shrink them.
ALREADY_COMPRESSED = (".gz", ".tgz", ".zip", ".npz", ".bz2", ".xz", ".zst")
# zlib's window-bits value that selects a gzip header and trailer (16 + 15).
GZIP_WINDOW_BITS = 31


def served_path(relative_path: str) -> str:
    """Where, under the site's data folder, the data file ``relative_path`` is served."""
    if relative_path.lower().endswith(ALREADY_COMPRESSED):
        return relative_path
    return relative_path + GZIP_SUFFIX


def is_served_compressed(relative_path: str) -> bool:
    """Whether the site serves ``relative_path`` gzip-compressed by us (to be decompressed)."""
    return served_path(relative_path) != relative_path


def gzip_bytes(data: bytes, level: int = COMPRESSION_LEVEL) -> bytes:
    """gzip ``data`` with a header that holds neither a time stamp nor a file name."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, GZIP_WINDOW_BITS)
    return compressor.compress(data) + compressor.flush()


def cache_dir(src_dir: str | Path) -> Path:
    """Where compressed data files are kept between builds of the site in ``src_dir``."""
    return Path(src_dir).resolve().parent / "_build" / "browser-data-cache" / f"gzip-{COMPRESSION_LEVEL}"


def served_file(source: Path, cache: Path) -> Path:
    """The file whose bytes the site serves for ``source``: ``source`` itself when it is
    compressed already, else its gzip in ``cache`` (compressed now if not cached yet)."""
    if not is_served_compressed(source.name):
        return source
    data = source.read_bytes()
    cached = cache / (hashlib.sha256(data).hexdigest() + GZIP_SUFFIX)
    if not cached.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        # Written under a name of its own, then renamed: a build that is interrupted
        # never leaves a truncated file under the content's name.
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")
        partial.write_bytes(gzip_bytes(data))
        partial.replace(cached)
    return cached


@dataclass(frozen=True)
class ServedFile:
    """One data file of an example, as a browser notebook downloads it."""

    path: str  # relative to the nilearn data folder, where nilearn looks for it
    served_path: str  # relative to the site's data folder
    served: Path  # the bytes the site serves

    @property
    def size(self) -> int:
        return self.served.stat().st_size


def served_files(record: dict, cache: Path) -> list[ServedFile]:
    """The data files of an example's :mod:`data_usage` record, in their served form."""
    data_dir = Path(record["data_dir"])
    files = []
    for entry in record["files"]:
        source = data_dir / entry["path"]
        if not source.is_file():
            raise FileNotFoundError(
                f"{record['example']} read {source} during the build, but it is gone now. "
                "Run `python -m tools.provision_data` and rebuild."
            )
        files.append(ServedFile(entry["path"], served_path(entry["path"]), served_file(source, cache)))
    return files


def transfer_bytes(files: list[ServedFile]) -> int:
    return sum(file.size for file in files)


def publish(records: list[dict], target_root: Path, cache: Path) -> list[Path]:
    """Write the served form of every file the ``records`` list into ``target_root``,
    once per file however many examples read it, and drop cached files no record
    uses any more. Returns the published files."""
    shutil.rmtree(target_root, ignore_errors=True)
    published: dict[str, ServedFile] = {}
    for record in records:
        for file in served_files(record, cache):
            earlier = published.setdefault(file.served_path, file)
            if earlier.path != file.path:
                raise ValueError(
                    f"Data files {earlier.path} and {file.path} would both be served as {file.served_path}."
                )
    for name, file in published.items():
        target = target_root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file.served, target)
    in_use = {file.served for file in published.values()}
    for stale in cache.glob("*") if cache.is_dir() else ():
        if stale not in in_use:
            stale.unlink()
    return [target_root / name for name in published]
