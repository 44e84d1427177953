"""Byte-for-byte reproducible writers for the stand-in files.

Every stand-in file must have the same bytes on every run, so that its sha256 in
the manifest is stable and a rebuilt site does not re-publish unchanged data.
Two things usually break that: timestamps in gzip headers, and libraries that
pick scaling factors or header fields on their own.  We therefore write NIfTI-1
files ourselves from a :class:`nibabel.nifti1.Nifti1Header` whose every field
we set, and gzip them with zlib's own gzip wrapper, whose header carries
``mtime=0`` and no file name.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import numpy as np
from nibabel.nifti1 import Nifti1Header

# zlib's default level: on noisy volumes level 9 is 3-4x slower for ~3 % less.
GZIP_LEVEL = 6
NIFTI_DESCRIPTION = b"simulated stand-in, tools.data (not real data)"


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` via a temporary file, so that an interrupted
    run never leaves a half-written file with the final name."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(payload)
    os.replace(partial, path)


def gzip_bytes(payload: bytes, level: int = GZIP_LEVEL) -> bytes:
    # wbits=31: gzip container; zlib writes mtime 0 and no name, so the bytes
    # depend on the payload only.
    compressor = zlib.compressobj(level, zlib.DEFLATED, 31, 9)
    return compressor.compress(payload) + compressor.flush()


def nifti_bytes(
    data: np.ndarray,
    affine: np.ndarray,
    *,
    slope: float = 1.0,
    repetition_time: float | None = None,
    in_mni_space: bool = True,
    description: bytes = NIFTI_DESCRIPTION,
) -> bytes:
    """Serialise ``data`` (already in its on-disk dtype) as a single-file NIfTI-1.

    ``slope`` is stored as ``scl_slope``: readers see ``data * slope``.  Storing
    small integers with a slope is what keeps the 4D stand-ins small.
    ``in_mni_space`` sets the sform code: template space (4) or scanner space (1).
    """
    header = Nifti1Header()
    header.set_data_shape(data.shape)
    header.set_data_dtype(data.dtype)
    header.set_qform(affine, code=1)  # 1 = scanner-based coordinates
    header.set_sform(affine, code=4 if in_mni_space else 1)  # 4 = MNI152
    header.set_slope_inter(slope, 0.0)
    header.set_xyzt_units(xyz="mm", t="sec")
    zooms = list(header.get_zooms())
    if data.ndim == 4 and repetition_time is not None:
        zooms[3] = float(repetition_time)
        header.set_zooms(zooms)
    header["descrip"] = description
    header["vox_offset"] = 352  # 348-byte header + 4-byte "no extension" flag
    header["cal_min"] = header["cal_max"] = 0
    raw = header.binaryblock + b"\x00" * 4 + np.asarray(data).tobytes(order="F")
    return raw


def write_nifti_gz(path: Path, data: np.ndarray, affine: np.ndarray, level: int = GZIP_LEVEL, **kwargs) -> None:
    atomic_write_bytes(path, gzip_bytes(nifti_bytes(data, affine, **kwargs), level))


def write_text(path: Path, text: str) -> None:
    # newline="\n" whatever the platform: the checksum must not depend on it.
    atomic_write_bytes(path, text.encode("utf-8"))
