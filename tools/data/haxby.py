"""Stand-in for the Haxby et al. (2001) dataset (:func:`nilearn.datasets.fetch_haxby`).

The real data: 6 participants viewed grey-scale pictures of 8 categories (faces,
houses, cats, bottles, scissors, shoes, chairs, scrambled pictures) in 24 s
blocks, 12 runs of 121 volumes (TR 2.5 s).  nilearn's default is subject 2:
``bold.nii.gz`` (40 x 64 x 64 x 1452), ``labels.txt``, a ventral temporal mask
and face/house masks, an anatomical image, and a whole-brain mask.

What the stand-in simulates, and how
------------------------------------
* **Files and layout** as the fetcher expects them under ``haxby2001/``:
  ``mask.nii.gz``, ``MD5SUMS`` (empty: it lists no archive, so an online fetch
  of other subjects is not checked against stand-in checksums) and
  ``subj2/{bold,anat,mask4_vt,mask8b_face_vt,mask8b_house_vt,mask8_face_vt,
  mask8_house_vt}.nii.gz`` plus ``subj2/labels.txt``.
* **Design**: ``labels.txt`` has the real format (header ``labels chunks``, one
  ``<label> <run>`` line per volume): 12 runs x 121 volumes; each run has the 8
  category blocks of 9 volumes in a run-specific order, separated by 6 rest
  volumes (6 leading, 1 trailing), i.e. 108 volumes per category.
* **Space**: the real grid, 40 x 64 x 64 voxels of 3.5 x 3.75 x 3.75 mm centred
  on the field of view.  The "native" brain is nilearn's MNI152 template scaled
  by (0.93, 0.95, 0.95) and centred in that field of view (``WORLD_TO_MNI``).
* **Masks from template anatomy**: ``mask.nii.gz`` is the brain mask;
  ``mask4_vt`` is the grey matter (template probability > 0.45) inside a
  ventral temporal box (MNI |x| 22-50 mm, y -80..-30 mm, z -28..-2 mm: fusiform,
  parahippocampal and inferior temporal cortex); the face masks are VT voxels
  within 12 mm (``8b``) / 8 mm (``8``) of the fusiform face area (MNI ±40, -55,
  -18), the house masks likewise around the parahippocampal place area (MNI ±27,
  -45, -10).
* **Signals**: every stimulus block drives visual cortex (strongest for
  scrambled pictures in early visual cortex); within ventral temporal cortex
  each category evokes its own distributed pattern built from shared parts
  (animate: face + cat; small objects: bottle, scissors, shoe, chair) and a
  category-specific part, with faces boosted in the face areas and houses in the
  place areas.  Blocks are convolved with a double-gamma HRF.  So faces and
  houses decode almost perfectly and the small objects get confused with one
  another, as in the real data.
* **Noise** (sized for the 18 MB browser budget): spatially smooth Gaussian noise
  (sigma 2 voxels) plus per-run drifts and a global fluctuation, then rounding to
  integers (which adds independent voxel noise).  Intensities are stored as
  int16 around one constant brain level with ``scl_slope`` (temporal SNR ~80);
  the mean image is therefore a uniform brain silhouette: tissue contrast would
  double the file size.  ``anat.nii.gz`` (1.5 mm) is the MNI152 T1 template in
  the same space.
"""

from __future__ import annotations

import functools
import warnings
from pathlib import Path

import numpy as np
from scipy import ndimage

from tools.data import _io, anatomy, simulation
from tools.data._spec import DatasetSpec, FileJob

KEY = "haxby"
FOLDER = "haxby2001"  # nilearn's dataset_name
GENERATOR_VERSION = 1
SUBJECT = "subj2"

GRID_SHAPE = (40, 64, 64)
GRID_AFFINE = np.array([[-3.5, 0, 0, 68.25], [0, 3.75, 0, -118.125], [0, 0, 3.75, -118.125], [0, 0, 0, 1.0]])
WORLD_TO_MNI = np.array([[1 / 0.93, 0, 0, 0], [0, 1 / 0.95, 0, -16.0], [0, 0, 1 / 0.95, 4.0], [0, 0, 0, 1.0]])
ANAT_VOXEL_MM = 1.5
REPETITION_TIME = 2.5

CATEGORIES = ("face", "house", "cat", "bottle", "scissors", "shoe", "chair", "scrambledpix")
N_RUNS = 12
VOLUMES_PER_RUN = 121
BLOCK_VOLUMES = 9
REST_VOLUMES = 6

BRAIN_LEVEL = 50  # stored integer level of brain voxels
INTENSITY_SLOPE = 16.0  # readers see ~800
NOISE_STD = 0.6  # stored units: 1.2 % of the brain level, i.e. temporal SNR ~80

SUBJECT_FILES = (
    "bold.nii.gz",
    "labels.txt",
    "mask4_vt.nii.gz",
    "mask8b_face_vt.nii.gz",
    "mask8b_house_vt.nii.gz",
    "mask8_face_vt.nii.gz",
    "mask8_house_vt.nii.gz",
    "anat.nii.gz",
)
FACE_AREAS_MNI = ((40.0, -55.0, -18.0), (-40.0, -55.0, -18.0))
PLACE_AREAS_MNI = ((27.0, -45.0, -10.0), (-27.0, -45.0, -10.0))


# -- Design ----------------------------------------------------------------------------


@functools.cache
def labels_and_runs() -> tuple[list[str], np.ndarray]:
    """Per-volume condition labels and run numbers (0-11)."""
    rng = simulation.seeded_rng(KEY, "design")
    labels, runs = [], []
    for run in range(N_RUNS):
        run_labels = ["rest"] * REST_VOLUMES
        for position, category in enumerate(rng.permutation(CATEGORIES)):
            if position:
                run_labels += ["rest"] * REST_VOLUMES
            run_labels += [str(category)] * BLOCK_VOLUMES
        run_labels += ["rest"] * (VOLUMES_PER_RUN - len(run_labels))
        labels += run_labels
        runs += [run] * VOLUMES_PER_RUN
    return labels, np.array(runs)


def labels_text() -> str:
    labels, runs = labels_and_runs()
    return "labels chunks\n" + "".join(f"{label} {run}\n" for label, run in zip(labels, runs))


# -- Anatomy and masks -------------------------------------------------------------------


@functools.cache
def _anatomy() -> dict[str, np.ndarray]:
    tissues = anatomy.tissue_maps(GRID_SHAPE, GRID_AFFINE, WORLD_TO_MNI)
    world = anatomy.voxel_world_coordinates(GRID_SHAPE, GRID_AFFINE)
    mni = world @ WORLD_TO_MNI[:3, :3].T + WORLD_TO_MNI[:3, 3]
    x, y, z = np.moveaxis(mni, -1, 0)
    ventral_temporal_box = (np.abs(x) >= 22) & (np.abs(x) <= 50) & (y >= -80) & (y <= -30) & (z >= -28) & (z <= -2)
    ventral_temporal = ventral_temporal_box & (tissues["gm"] > 0.45) & tissues["brain"]

    def near(centres, radius_mm):
        distance = np.min([np.linalg.norm(mni - np.array(c), axis=-1) for c in centres], axis=0)
        return distance <= radius_mm

    return {
        "brain": tissues["brain"],
        "gm": tissues["gm"],
        "mni": mni,
        "vt": ventral_temporal,
        "face_large": ventral_temporal & near(FACE_AREAS_MNI, 12.0),
        "face_small": ventral_temporal & near(FACE_AREAS_MNI, 8.0),
        "house_large": ventral_temporal & near(PLACE_AREAS_MNI, 12.0),
        "house_small": ventral_temporal & near(PLACE_AREAS_MNI, 8.0),
        "face_bump": np.exp(-np.min([np.sum((mni - c) ** 2, -1) for c in FACE_AREAS_MNI], 0) / (2 * 8.0**2)),
        "place_bump": np.exp(-np.min([np.sum((mni - c) ** 2, -1) for c in PLACE_AREAS_MNI], 0) / (2 * 8.0**2)),
    }


def _write_mask(folder: Path, name: str, mask: np.ndarray) -> None:
    _io.write_nifti_gz(Path(folder) / name, mask.astype(np.uint8), GRID_AFFINE, in_mni_space=False)


def write_masks(folder: Path) -> None:
    masks = _anatomy()
    _write_mask(folder, "mask.nii.gz", masks["brain"])
    subject = Path(folder) / SUBJECT
    _write_mask(subject, "mask4_vt.nii.gz", masks["vt"])
    _write_mask(subject, "mask8b_face_vt.nii.gz", masks["face_large"])
    _write_mask(subject, "mask8_face_vt.nii.gz", masks["face_small"])
    _write_mask(subject, "mask8b_house_vt.nii.gz", masks["house_large"])
    _write_mask(subject, "mask8_house_vt.nii.gz", masks["house_small"])


def write_labels_and_checksums(folder: Path) -> None:
    _io.write_text(Path(folder) / SUBJECT / "labels.txt", labels_text())
    _io.write_text(Path(folder) / "MD5SUMS", "")


def write_anat(folder: Path) -> None:
    extent = np.array(GRID_SHAPE) * np.abs(np.diag(GRID_AFFINE)[:3])
    shape = tuple(int(n) for n in np.round(extent / ANAT_VOXEL_MM))
    affine = np.diag([-ANAT_VOXEL_MM, ANAT_VOXEL_MM, ANAT_VOXEL_MM, 1.0])
    # Same field of view as the BOLD grid (corner voxel centres aligned on its edges).
    first_corner = GRID_AFFINE[:3, 3] - 0.5 * np.diag(GRID_AFFINE)[:3]
    affine[:3, 3] = first_corner + 0.5 * np.diag(affine)[:3]
    t1 = anatomy.sample_mni("t1", shape, affine, WORLD_TO_MNI)
    _io.write_nifti_gz(
        Path(folder) / SUBJECT / "anat.nii.gz", np.round(1000 * t1).astype(np.int16), affine, in_mni_space=False
    )


# -- BOLD ------------------------------------------------------------------------------------


def _category_patterns(rng, region: np.ndarray, masks: dict) -> np.ndarray:
    """``(8, n_region_voxels)`` response patterns (percent signal change)."""

    def field():
        values = ndimage.gaussian_filter(rng.standard_normal(GRID_SHAPE), sigma=0.8)[region]
        return values / values.std()

    animate, small_object = field(), field()
    own = {category: field() for category in CATEGORIES}
    face_bump, place_bump = masks["face_bump"][region], masks["place_bump"][region]
    parts = {
        "face": 0.8 * animate + 0.6 * own["face"] + 2.5 * face_bump,
        "cat": 0.8 * animate + 0.7 * own["cat"] + 0.8 * face_bump,
        "house": 0.8 * own["house"] + 2.5 * place_bump,
        "scrambledpix": 0.7 * own["scrambledpix"],
    }
    for category in ("bottle", "scissors", "shoe", "chair"):
        parts[category] = 0.8 * small_object + 0.4 * own[category]
    return 0.55 * np.stack([parts[c] for c in CATEGORIES])


def simulate_bold() -> np.ndarray:
    """Stored int16 BOLD data, shape ``GRID_SHAPE + (1452,)``."""
    masks = _anatomy()
    brain = masks["brain"]
    labels, runs = labels_and_runs()
    n_volumes = len(labels)
    rng = simulation.seeded_rng(KEY, SUBJECT, "bold")

    boxcars = np.array([[label == c for c in CATEGORIES] for label in labels], dtype=float)
    responses = simulation.convolve_blocks(boxcars, REPETITION_TIME)  # (volumes, 8)
    any_stimulus = responses.sum(axis=1)

    # Category information lives in ventral temporal cortex and, weaker, just
    # around it (the VT mask is a box, not a boundary the brain respects).
    around_vt = ndimage.binary_dilation(masks["vt"], iterations=2) & brain & (masks["gm"] > 0.2)
    patterns = _category_patterns(rng, around_vt, masks)
    strength = np.where(masks["vt"][around_vt], 1.0, 0.4)
    percent = np.zeros((n_volumes, int(brain.sum())), dtype=np.float32)
    brain_index = np.full(GRID_SHAPE, -1)
    brain_index[brain] = np.arange(int(brain.sum()))
    percent[:, brain_index[around_vt]] += (responses @ patterns) * strength

    # Any picture drives visual cortex, most of all in occipital grey matter;
    # scrambled pictures drive early visual cortex hardest.
    y_mni = masks["mni"][..., 1][brain]
    visual = np.clip((-40.0 - y_mni) / 40.0, 0.0, 1.0) * masks["gm"][brain]
    early_visual = np.clip((-75.0 - y_mni) / 20.0, 0.0, 1.0) * masks["gm"][brain]
    scrambled = responses[:, CATEGORIES.index("scrambledpix")]
    percent += 1.5 * any_stimulus[:, None] * visual + 1.0 * scrambled[:, None] * early_visual

    level = BRAIN_LEVEL * (1.0 + percent / 100.0)
    # Slow drifts (one random linear trend per run and voxel-group) and a global
    # fluctuation, in stored units.
    drift_map = ndimage.gaussian_filter(rng.standard_normal(GRID_SHAPE), sigma=4.0)[brain]
    drift_map /= drift_map.std()
    run_time = np.concatenate([np.linspace(-1, 1, VOLUMES_PER_RUN)] * N_RUNS)
    run_slopes = rng.normal(0.0, 0.35, N_RUNS)[runs]
    level += (run_slopes * run_time)[:, None] * drift_map
    level += 0.25 * simulation.bold_fluctuations(rng, n_volumes, 1, REPETITION_TIME, 0.005, 0.1)

    stored = np.zeros(GRID_SHAPE + (n_volumes,), dtype=np.int16)
    # Spatially smooth noise, one volume at a time (keeps memory low).
    for start in range(0, n_volumes, 121):
        stop = min(start + 121, n_volumes)
        white = rng.standard_normal(GRID_SHAPE + (stop - start,), dtype=np.float32)
        smooth = ndimage.gaussian_filter(white, sigma=(2.0, 2.0, 2.0, 0.0), truncate=2.5)
        smooth *= NOISE_STD / _smooth_noise_std()
        stored[brain, start:stop] = np.round(level[start:stop].T + smooth[brain]).astype(np.int16)
    return stored


@functools.cache
def _smooth_noise_std() -> float:
    """Standard deviation of unit white noise after the 3D Gaussian filter used
    for the BOLD noise (depends only on sigma and truncate)."""
    white = simulation.seeded_rng(KEY, "noise-calibration").standard_normal((48, 48, 48))
    return float(ndimage.gaussian_filter(white, sigma=2.0, truncate=2.5)[8:-8, 8:-8, 8:-8].std())


def write_bold(folder: Path) -> None:
    _io.write_nifti_gz(
        Path(folder) / SUBJECT / "bold.nii.gz",
        simulate_bold(),
        GRID_AFFINE,
        slope=INTENSITY_SLOPE,
        repetition_time=REPETITION_TIME,
        in_mni_space=False,
    )


def standin_jobs() -> list[FileJob]:
    subject = f"{SUBJECT}/"
    return [
        FileJob((subject + "bold.nii.gz",), write_bold, cost=25.0),
        FileJob(
            ("mask.nii.gz",) + tuple(subject + f for f in SUBJECT_FILES if f.startswith("mask")),
            write_masks,
        ),
        FileJob((subject + "labels.txt", "MD5SUMS"), write_labels_and_checksums),
        FileJob((subject + "anat.nii.gz",), write_anat),
    ]


# -- Real data ---------------------------------------------------------------------------


def _canonical_calls(data_dir, verbose: int) -> None:
    from nilearn.datasets import fetch_haxby

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fetch_haxby(data_dir=str(data_dir), verbose=verbose)


SPEC = DatasetSpec(
    key=KEY,
    folder=FOLDER,
    title="Haxby et al. (2001) visual object recognition",
    generator_version=GENERATOR_VERSION,
    probe_hosts=(("data.pymvpa.org", 80), ("www.nitrc.org", 443)),
    fetcher_calls=_canonical_calls,
    standin_jobs=standin_jobs,
    prepare=lambda: (_anatomy(), labels_and_runs(), _smooth_noise_std()),
)
