"""Stand-in for nilearn's development fMRI dataset (:func:`nilearn.datasets.fetch_development_fmri`).

The real data (Richardson et al. 2018, OpenNeuro ds000228) are 155 participants,
122 children aged 3-12 and 33 adults, watching the short Pixar film "Partly
Cloudy" (168 volumes, TR 2 s), preprocessed with fMRIPrep and downsampled by the
nilearn team to 4 mm MNI152NLin2009cAsym space.

What the stand-in simulates, and how
------------------------------------
* **Files and layout** exactly as the fetcher expects them under
  ``development_fmri/``: ``participants.tsv`` for all 155 real participant ids
  (the ids of the download table bundled with nilearn), and, for the 60
  participants that ``fetch_development_fmri(n_subjects=N)`` selects for any
  ``N <= 60`` (47 children, 13 adults, by the fetcher's own proportional rule),
  a 4D BOLD image, the full fMRIPrep-style confounds TSV, and the reduced
  confounds TSV the fetcher derives from it.
* **Participants**: real column names and age groups (3yo, 4yo, 5yo, 7yo,
  8-12yo, Adult) with the real group sizes; ages are drawn uniformly within each
  group (adults 18-39, skewed young).  Children are listed in a shuffled order
  so that every subset the fetcher returns spans the full age range.
* **Images**: shape (50, 59, 50, 168), 4 mm voxels, origin (-96, -132, -78) mm,
  TR 2 s, zero outside nilearn's MNI152 brain mask; stored as int16 with a
  ``scl_slope`` (readers get floats in scanner-like units, ~500-800).
* **Signals on real anatomy**: 160 neural sources at the Dosenbach et al. (2010)
  ROI centres, each belonging to its published network (default,
  fronto-parietal, cingulo-opercular, sensorimotor, occipital, cerebellum).
  Source time series are band-limited (0.01-0.1 Hz) mixtures of
  (i) one shared signal per network (long-range, within-network coupling),
  (ii) a spatially smooth field (short-range coupling between neighbours,
  whatever their network), (iii) a movie-driven signal common to every
  participant in occipital sources (as in naturalistic viewing),
  (iv) a weak global signal and (v) source-specific noise.  Voxels take a
  distance-weighted mix of nearby sources, scaled by grey-matter probability,
  plus thermal noise; white matter and CSF carry their own slow and
  physiological fluctuations.
* **Age effect** (after Fair et al. 2009; Dosenbach et al. 2010): a maturity
  index ``1 / (1 + exp(-(age - 10) / 3))`` raises within-network long-range
  coupling and lowers short-range coupling, with participant-level jitter.
  Children and adults are therefore separable from connectomes well above
  chance but not perfectly, and age is predictable among children.
* **Motion as a real confound**: children move more (mean framewise displacement
  ~0.3-0.55 mm vs ~0.12 mm in adults).  Realignment parameters are smooth drifts
  plus jerks; each jerk adds a spatially smooth, edge-weighted intensity artefact
  that decays over a few volumes, inflating short-range correlations in the same
  direction as the age effect.  The confounds (motion, framewise displacement,
  global/WM/CSF means, DVARS, aCompCor/tCompCor from the simulated WM/CSF voxels,
  cosine drift basis) are computed from the simulated data themselves.

Limits: only 60 of the 155 participants have images (``n_subjects`` above 60
needs the real data); the images carry no anatomy beyond tissue probabilities.
"""

from __future__ import annotations

import functools
import io
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import ndimage

from tools.data import _io, anatomy, simulation
from tools.data._spec import DatasetSpec, FileJob

KEY = "development_fmri"
FOLDER = "development_fmri"  # nilearn's dataset_name
GENERATOR_VERSION = 1

N_VOLUMES = 168
REPETITION_TIME = 2.0
GRID_SHAPE = (50, 59, 50)
GRID_AFFINE = np.array([[4.0, 0, 0, -96.0], [0, 4.0, 0, -132.0], [0, 0, 4.0, -78.0], [0, 0, 0, 1.0]])
# Stored intensity = round(value / SLOPE): the ~1.5 % BOLD + thermal fluctuation of
# grey matter spans about one integer step, which keeps a gzipped participant
# near 3.3 MB (gzip cannot exploit temporal smoothness: volumes are stored one
# after the other).
INTENSITY_SLOPE = 10.0

MAX_N_SUBJECTS = 60  # fetch_development_fmri(n_subjects=N) works offline for N <= 60
CHILD_GROUPS = {"3yo": 17, "4yo": 14, "5yo": 34, "7yo": 23, "8-12yo": 34}  # 122 children
N_ADULTS = 33
AGE_RANGES = {
    "3yo": (3.5, 4.0),
    "4yo": (4.0, 5.0),
    "5yo": (5.0, 6.5),
    "7yo": (7.0, 8.0),
    "8-12yo": (8.0, 12.3),
}

PARTICIPANT_COLUMNS = ["participant_id", "Age", "AgeGroup", "Child_Adult", "Gender", "Handedness"]
BOLD_NAME = "{}_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz"
CONFOUNDS_NAME = "{}_task-pixar_desc-confounds_regressors.tsv"
REDUCED_CONFOUNDS_NAME = "{}_task-pixar_desc-reducedConfounds_regressors.tsv"
# The columns nilearn keeps when reduce_confounds=True (its own list, in its order).
REDUCED_CONFOUND_COLUMNS = [
    "trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z",
    "framewise_displacement",
    "a_comp_cor_00", "a_comp_cor_01", "a_comp_cor_02",
    "a_comp_cor_03", "a_comp_cor_04", "a_comp_cor_05",
    "csf", "white_matter",
]  # fmt: skip
MOTION_COLUMNS = ["trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z"]


# -- Participants -------------------------------------------------------------------


def participant_ids() -> list[str]:
    """The 155 real ids, from the download table nilearn ships (the fetcher looks
    every selected id up there, so stand-in ids must be these)."""
    from nilearn.datasets._utils import PACKAGE_DIRECTORY

    table = pd.read_csv(Path(PACKAGE_DIRECTORY) / "data" / "development_fmri.csv")
    return table["participant_id"].tolist()


def maturity(age) -> np.ndarray:
    """0 (young child) .. 1 (adult); steepest around age 10."""
    return 1.0 / (1.0 + np.exp(-(np.asarray(age, dtype=float) - 10.0) / 3.0))


@functools.cache
def participants_table() -> pd.DataFrame:
    ids = participant_ids()
    n_children = sum(CHILD_GROUPS.values())
    assert len(ids) == n_children + N_ADULTS, "nilearn's id table changed"
    rng = simulation.seeded_rng(KEY, "participants")

    child_groups = np.concatenate([[group] * size for group, size in CHILD_GROUPS.items()])
    rng.shuffle(child_groups)  # every subset the fetcher takes spans all ages
    child_ages = [rng.uniform(*AGE_RANGES[group]) for group in child_groups]
    adult_ages = 18.0 + rng.gamma(shape=2.0, scale=3.5, size=N_ADULTS).clip(0.0, 21.0)

    rows = []
    for index, participant in enumerate(ids):
        is_child = index < n_children
        rows.append(
            {
                "participant_id": participant,
                "Age": round(float(child_ages[index] if is_child else adult_ages[index - n_children]), 2),
                "AgeGroup": child_groups[index] if is_child else "Adult",
                "Child_Adult": "child" if is_child else "adult",
                "Gender": "F" if rng.random() < 0.5 else "M",
                "Handedness": "L" if rng.random() < 0.1 else "R",
            }
        )
    return pd.DataFrame(rows, columns=PARTICIPANT_COLUMNS)


def fetcher_selection_counts(n_subjects: int, n_children: int, n_adults: int) -> tuple[int, int]:
    """(children, adults) that fetch_development_fmri(n_subjects) takes, by its rule:
    the sample's proportion, rounded, with 1 -> one adult and 2 -> one of each."""
    fraction = n_subjects / (n_children + n_adults)
    children, adults = int(np.round(fraction * n_children)), int(np.round(fraction * n_adults))
    if n_subjects == 1:
        children, adults = 0, 1
    if n_subjects == 2:
        children, adults = 1, 1
    return children, adults


@functools.cache
def served_participants() -> pd.DataFrame:
    """Participants that get images: the union of the fetcher's selections for
    every n_subjects <= MAX_N_SUBJECTS (it takes the first children and the first
    adults in file order)."""
    table = participants_table()
    is_child = table["Child_Adult"] == "child"
    counts = [
        fetcher_selection_counts(n, int(is_child.sum()), int((~is_child).sum())) for n in range(1, MAX_N_SUBJECTS + 1)
    ]
    n_children, n_adults = (max(c[i] for c in counts) for i in (0, 1))
    served = pd.concat([table[is_child].head(n_children), table[~is_child].head(n_adults)])
    return served.reset_index(drop=True)


# -- Shared anatomy and sources (identical for every participant) --------------------


@functools.cache
def _shared_model() -> dict:
    tissues = anatomy.tissue_maps(GRID_SHAPE, GRID_AFFINE)
    brain = tissues["brain"]
    voxel_xyz = anatomy.voxel_world_coordinates(GRID_SHAPE, GRID_AFFINE)[brain]
    source_xyz, source_networks = anatomy.dosenbach_2010()
    network_names = sorted(set(source_networks))
    network_index = np.array([network_names.index(n) for n in source_networks])

    # Voxel <- source mixing.  "fine": sources dominate within ~1 cm of their
    # centre; "broad": every grey-matter voxel inherits the networks of its
    # neighbourhood, so any atlas (not only Dosenbach spheres) sees the structure.
    distance = np.sqrt(((voxel_xyz[:, None, :] - source_xyz[None, :, :]) ** 2).sum(-1))
    fine = np.exp(-(distance**2) / (2 * 6.0**2))
    fine_amplitude = np.clip(fine.sum(1), 0.0, 1.0)
    fine /= np.maximum(fine.sum(1, keepdims=True), 1e-12)
    broad = np.exp(-(distance**2) / (2 * 15.0**2))
    broad /= np.maximum(broad.sum(1, keepdims=True), 1e-12)

    # Short-range coupling between sources: a smooth field (length scale 20 mm).
    source_distance = anatomy.pairwise_distances(source_xyz)
    local_kernel = np.exp(-(source_distance**2) / (2 * 20.0**2))

    # Motion artefacts are strongest at the brain's edge (partial-volume shifts).
    edge = ndimage.distance_transform_edt(brain)[brain]
    edge_weight = np.exp(-(edge - 1.0) / 2.0)

    # The film drives visual cortex the same way in everyone (inter-subject
    # correlation); a fixed seed keeps it identical across participants.
    movie = simulation.bold_fluctuations(
        simulation.seeded_rng(KEY, "movie"), N_VOLUMES, 1, REPETITION_TIME, 0.01, 0.15
    )[:, 0]

    # Baseline EPI contrast: CSF bright, white matter darker than grey.  One
    # level per tissue (by majority): a smoothly varying baseline would cost
    # ~40 % more bytes after gzip, for a prettier mean image only.
    levels = np.array([620.0, 500.0, 780.0])
    majority = np.argmax(np.stack([tissues["gm"], tissues["wm"], tissues["csf"]]), axis=0)
    baseline = levels[majority] * brain
    return {
        "tissues": tissues,
        "brain": brain,
        "gm": tissues["gm"][brain],
        "wm": tissues["wm"][brain],
        "csf": tissues["csf"][brain],
        "network_index": network_index,
        "is_visual": np.array([n == "occipital" for n in source_networks]),
        "fine": (fine * fine_amplitude[:, None]).astype(np.float32),
        "broad": broad.astype(np.float32),
        "local_kernel": local_kernel,
        "edge_weight": edge_weight,
        "movie": movie,
        "baseline": baseline[brain],
        "voxel_xyz": voxel_xyz,
    }


def _expected_mean_displacement(age: float) -> float:
    """Children move more: ~0.55 mm at 3 years, ~0.12 mm in adults."""
    return 0.12 + 0.45 * (1.0 - float(maturity(age)))


def _simulate_sources(rng, age: float, model: dict) -> np.ndarray:
    """Neural source time series ``(N_VOLUMES, 160)`` for one participant."""
    n_sources = len(model["network_index"])
    n_networks = model["network_index"].max() + 1
    growth = float(maturity(age))
    # Long-range (within-network) coupling grows with age, short-range coupling
    # fades; participants vary around the trend.
    long_range = 0.45 + 0.55 * growth + 0.12 * rng.standard_normal()
    long_range_per_network = np.clip(long_range + 0.10 * rng.standard_normal(n_networks), 0.05, None)
    short_range = np.clip(0.95 - 0.55 * growth + 0.12 * rng.standard_normal(), 0.05, None)

    network_signals = simulation.bold_fluctuations(rng, N_VOLUMES, n_networks, REPETITION_TIME)
    field = simulation.bold_fluctuations(rng, N_VOLUMES, n_sources, REPETITION_TIME) @ model["local_kernel"].T
    field /= field.std(axis=0)
    own = simulation.bold_fluctuations(rng, N_VOLUMES, n_sources, REPETITION_TIME)
    global_signal = simulation.bold_fluctuations(rng, N_VOLUMES, 1, REPETITION_TIME)

    network = model["network_index"]
    sources = (
        long_range_per_network[network] * network_signals[:, network]
        + short_range * field
        + 0.6 * model["movie"][:, None] * model["is_visual"]
        + 0.3 * global_signal
        + own
    )
    return sources / sources.std(axis=0)


def _simulate_participant(participant_id: str) -> tuple[np.ndarray, np.ndarray]:
    """Stored int16 brain-voxel data ``(n_voxels, N_VOLUMES)`` and motion parameters."""
    model = _shared_model()
    row = participants_table().set_index("participant_id").loc[participant_id]
    rng = simulation.seeded_rng(KEY, participant_id)
    n_voxels = model["baseline"].size

    sources = _simulate_sources(rng, float(row["Age"]), model)
    broad_sources = np.stack(
        [sources[:, model["network_index"] == k].mean(1) for k in range(model["network_index"].max() + 1)],
        axis=1,
    )
    neural = sources @ model["fine"].T + 0.6 * (broad_sources[:, model["network_index"]] @ model["broad"].T)
    neural /= neural.std()

    # Percent signal change, by tissue.
    percent = 1.2 * neural * model["gm"]
    wm_signal = simulation.bold_fluctuations(rng, N_VOLUMES, 1, REPETITION_TIME, 0.005, 0.05)
    csf_signal = simulation.bold_fluctuations(rng, N_VOLUMES, 4, REPETITION_TIME, 0.05, 0.24)
    percent += 0.4 * wm_signal * model["wm"]
    # Physiological (cardiac/respiratory, aliased) noise is spatially structured in CSF.
    csf_mix = rng.standard_normal((4, n_voxels))
    percent += 0.6 * (csf_signal @ csf_mix) * model["csf"]

    mean_displacement = _expected_mean_displacement(float(row["Age"])) * np.exp(0.35 * rng.standard_normal())
    motion = simulation.head_motion(rng, N_VOLUMES, mean_displacement)
    displacement = simulation.framewise_displacement(motion)
    # A jerk's artefact (spin history) lingers for a few volumes.
    lingering = np.convolve(displacement, [1.0, 0.5, 0.25])[:N_VOLUMES]
    smooth_pattern = ndimage.gaussian_filter(rng.standard_normal(GRID_SHAPE), sigma=3.0)[model["brain"]]
    smooth_pattern /= smooth_pattern.std()
    artefact_map = 2.0 * model["edge_weight"] + 0.8 * smooth_pattern
    percent += lingering[:, None] * artefact_map[None, :]

    thermal = 0.9 * rng.standard_normal((N_VOLUMES, n_voxels))
    intensity = model["baseline"] * (1.0 + (percent + thermal) / 100.0)
    stored = np.clip(np.round(intensity / INTENSITY_SLOPE), 0, np.iinfo(np.int16).max).astype(np.int16)
    return stored.T, motion


# -- Confounds ------------------------------------------------------------------------


def _with_expansions(name: str, values: np.ndarray) -> dict[str, np.ndarray]:
    """fMRIPrep's expansion: value, first derivative, squares; the derivative
    is undefined (NaN, written "n/a") on the first volume."""
    derivative = np.concatenate([[np.nan], np.diff(values)])
    return {
        name: values,
        f"{name}_derivative1": derivative,
        f"{name}_power2": values**2,
        f"{name}_derivative1_power2": derivative**2,
    }


def _principal_components(series: np.ndarray, n_components: int) -> np.ndarray:
    """Top principal time courses of ``(n_volumes, n_voxels)`` after removing
    mean and linear trend (CompCor); unit norm, deterministic sign."""
    times = np.linspace(-1.0, 1.0, series.shape[0])
    design = np.stack([np.ones_like(times), times], axis=1)
    residual = series - design @ np.linalg.lstsq(design, series, rcond=None)[0]
    residual /= np.maximum(residual.std(axis=0), 1e-9)
    # Left singular vectors via the small (volumes x volumes) Gram matrix: the
    # same components as an SVD of the tall matrix, at a fraction of the cost.
    eigenvalues, eigenvectors = np.linalg.eigh(residual @ residual.T)
    components = eigenvectors[:, np.argsort(eigenvalues)[::-1][:n_components]]
    signs = np.sign(components[np.abs(components).argmax(axis=0), np.arange(n_components)])
    return components * signs


def _confounds_table(stored: np.ndarray, motion: np.ndarray) -> pd.DataFrame:
    model = _shared_model()
    series = stored.T.astype(np.float64) * INTENSITY_SLOPE  # (volumes, voxels)
    # Like fMRIPrep's eroded masks: keep voxels that are clearly not grey matter,
    # else CompCor would capture (and later remove) neural network signals.
    white_matter = (model["wm"] > 0.9) & (model["gm"] < 0.05)
    csf = (model["csf"] > 0.6) & (model["gm"] < 0.05)
    columns: dict[str, np.ndarray] = {}
    columns.update(_with_expansions("global_signal", series.mean(axis=1)))
    columns.update(_with_expansions("csf", series[:, csf].mean(axis=1)))
    columns.update(_with_expansions("white_matter", series[:, white_matter].mean(axis=1)))

    differences = np.diff(series, axis=0)
    dvars = np.sqrt((differences**2).mean(axis=1))
    expected_dvars = np.sqrt(2.0 * series.var(axis=0).mean())
    columns["std_dvars"] = np.concatenate([[np.nan], dvars / expected_dvars])
    columns["dvars"] = np.concatenate([[np.nan], dvars])
    # nilearn hands this column to signal.clean, which rejects NaN: the released
    # files have a number on the first volume, so do we.
    columns["framewise_displacement"] = simulation.framewise_displacement(motion)

    temporal_std = series.std(axis=0)
    noisiest = temporal_std >= np.quantile(temporal_std, 0.98)
    for i, component in enumerate(_principal_components(series[:, noisiest], 6).T):
        columns[f"t_comp_cor_{i:02d}"] = component
    for i, component in enumerate(_principal_components(series[:, white_matter | csf], 10).T):
        columns[f"a_comp_cor_{i:02d}"] = component

    # Discrete cosine basis for a 128 s high-pass filter, as fMRIPrep writes it.
    n = series.shape[0]
    n_cosines = int(np.floor(2 * n * REPETITION_TIME / 128.0))
    volume = np.arange(n)
    for k in range(1, n_cosines + 1):
        columns[f"cosine{k - 1:02d}"] = np.sqrt(2.0 / n) * np.cos(np.pi * k * (2 * volume + 1) / (2 * n))

    for name, values in zip(MOTION_COLUMNS, motion.T):
        columns.update(_with_expansions(name, values))
    return pd.DataFrame(columns)


def _reduced_confounds_text(confounds_tsv: str) -> str:
    """Exactly what nilearn writes when reduce_confounds=True (same parsing, same
    np.savetxt call), so the fetcher finds it and never writes into our folder."""
    records = pd.read_csv(io.StringIO(confounds_tsv), delimiter="\t").to_records()
    selected = records[REDUCED_CONFOUND_COLUMNS]
    buffer = io.StringIO()
    np.savetxt(
        buffer,
        np.array(selected.tolist()),
        header="\t".join(selected.dtype.names),
        delimiter="\t",
        comments="",
    )
    return buffer.getvalue()


# -- Jobs ------------------------------------------------------------------------------


def write_participants(folder: Path) -> None:
    table = participants_table()
    _io.write_text(Path(folder) / "participants.tsv", table.to_csv(sep="\t", index=False, lineterminator="\n"))


def write_participant(folder: Path, participant_id: str) -> None:
    folder = Path(folder)
    stored, motion = _simulate_participant(participant_id)
    model = _shared_model()
    volume = np.zeros(GRID_SHAPE + (N_VOLUMES,), dtype=np.int16)
    volume[model["brain"]] = stored
    _io.write_nifti_gz(
        folder / BOLD_NAME.format(participant_id),
        volume,
        GRID_AFFINE,
        slope=INTENSITY_SLOPE,
        repetition_time=REPETITION_TIME,
    )
    confounds = _confounds_table(stored, motion)
    confounds_tsv = confounds.to_csv(sep="\t", index=False, na_rep="n/a", float_format="%.8g", lineterminator="\n")
    _io.write_text(folder / CONFOUNDS_NAME.format(participant_id), confounds_tsv)
    _io.write_text(folder / REDUCED_CONFOUNDS_NAME.format(participant_id), _reduced_confounds_text(confounds_tsv))


def standin_jobs() -> list[FileJob]:
    jobs = [FileJob(("participants.tsv",), write_participants)]
    for participant_id in served_participants()["participant_id"]:
        outputs = tuple(name.format(participant_id) for name in (BOLD_NAME, CONFOUNDS_NAME, REDUCED_CONFOUNDS_NAME))
        jobs.append(FileJob(outputs, write_participant, (participant_id,), cost=2.0))
    return jobs


# -- Real data ---------------------------------------------------------------------------


def _canonical_calls(data_dir, verbose: int) -> None:
    from nilearn.datasets import fetch_development_fmri

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fetch_development_fmri(n_subjects=MAX_N_SUBJECTS, data_dir=str(data_dir), verbose=verbose)
        fetch_development_fmri(
            n_subjects=MAX_N_SUBJECTS, reduce_confounds=False, data_dir=str(data_dir), verbose=verbose
        )


SPEC = DatasetSpec(
    key=KEY,
    folder=FOLDER,
    title="Development fMRI (children and adults watching a movie)",
    generator_version=GENERATOR_VERSION,
    probe_hosts=(("osf.io", 443),),
    fetcher_calls=_canonical_calls,
    standin_jobs=standin_jobs,
    derived_files=("*_desc-reducedConfounds_regressors.tsv",),
    prepare=_shared_model,
)
