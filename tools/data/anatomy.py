"""Real anatomy that ships with nilearn, sampled onto the stand-ins' grids.

The stand-ins put their signals on real anatomy wherever it is available offline:
the MNI152 (ICBM 2009) brain mask and grey/white-matter templates bundled with
nilearn, and published ROI coordinates with network labels (Dosenbach et al.
2010; Seitzman et al. 2018) bundled with nilearn as well.
"""

from __future__ import annotations

import functools
import warnings

import numpy as np
from scipy import ndimage


@functools.cache
def _mni_volumes() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The 1 mm MNI152 volumes nilearn bundles: name -> (data, affine)."""
    from nilearn import datasets

    loaders = {
        "t1": datasets.load_mni152_template,
        "brain": datasets.load_mni152_brain_mask,
        "gm": datasets.load_mni152_gm_template,
        "wm": datasets.load_mni152_wm_template,
    }
    volumes = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, load in loaders.items():
            image = load(resolution=1)
            volumes[name] = (np.asarray(image.get_fdata(), dtype=np.float32), image.affine)
    return volumes


def voxel_world_coordinates(shape, affine) -> np.ndarray:
    """World (mm) coordinates of every voxel centre, shape ``shape + (3,)``."""
    grid = np.stack(np.meshgrid(*[np.arange(n) for n in shape], indexing="ij"), axis=-1)
    return grid @ affine[:3, :3].T + affine[:3, 3]


def sample_mni(name: str, shape, affine, world_to_mni=None, order: int = 1) -> np.ndarray:
    """Sample MNI volume ``name`` ("t1", "brain", "gm", "wm") on a target grid.

    ``world_to_mni`` (4x4) maps the target's world coordinates to MNI; identity
    for images already in MNI space.  Trilinear (order=1) by default; the
    returned values are in [0, 1] (templates are probabilities or intensities).
    """
    data, mni_affine = _mni_volumes()[name]
    world = voxel_world_coordinates(shape, affine).reshape(-1, 3)
    if world_to_mni is not None:
        world = world @ world_to_mni[:3, :3].T + world_to_mni[:3, 3]
    mni_voxels = (world - mni_affine[:3, 3]) @ np.linalg.inv(mni_affine[:3, :3]).T
    values = ndimage.map_coordinates(data, mni_voxels.T, order=order, mode="constant", cval=0.0)
    return np.clip(values, 0.0, 1.0).reshape(shape).astype(np.float32)


def tissue_maps(shape, affine, world_to_mni=None) -> dict[str, np.ndarray]:
    """Brain mask plus grey-matter, white-matter and CSF probabilities on a grid.

    CSF is what the brain mask holds beyond grey and white matter (ventricles,
    sulci): the bundled templates have no CSF map of their own.
    """
    brain = sample_mni("brain", shape, affine, world_to_mni) > 0.5
    grey = sample_mni("gm", shape, affine, world_to_mni) * brain
    white = sample_mni("wm", shape, affine, world_to_mni) * brain
    csf = np.clip(1.0 - grey - white, 0.0, 1.0) * brain
    return {"brain": brain, "gm": grey, "wm": white, "csf": csf}


@functools.cache
def dosenbach_2010() -> tuple[np.ndarray, list[str]]:
    """160 ROI centres (MNI, mm) and their 6 network names (Dosenbach et al. 2010)."""
    from nilearn import datasets

    atlas = datasets.fetch_coords_dosenbach_2010()
    coords = atlas.rois[["x", "y", "z"]].to_numpy(dtype=float)
    return coords, [str(n) for n in atlas.networks]


@functools.cache
def seitzman_2018() -> tuple[np.ndarray, list[str]]:
    """300 ROI centres (MNI, mm) and their network names (Seitzman et al. 2018)."""
    from nilearn import datasets

    atlas = datasets.fetch_coords_seitzman_2018()
    coords = atlas.rois[["x", "y", "z"]].to_numpy(dtype=float)
    return coords, [str(n) for n in atlas.networks]


def pairwise_distances(coords: np.ndarray) -> np.ndarray:
    difference = coords[:, None, :] - coords[None, :, :]
    return np.sqrt((difference**2).sum(-1))
