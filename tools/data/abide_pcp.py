"""Stand-in for ABIDE Preprocessed (:func:`nilearn.datasets.fetch_abide_pcp`).

The real data (Di Martino et al. 2014; preprocessed by the Preprocessed
Connectomes Project, Craddock et al. 2013) are resting-state scans of 1112
people, autistic (ASD) and typically developing controls (TC), from 17 sites
(20 samples).  nilearn downloads a phenotype/QC table and, per subject,
derivatives such as ROI time series ("rois_cc200": 200 Craddock regions).

What the stand-in simulates, and how
------------------------------------
* **Files and layout** as the fetcher expects them under ``ABIDE_pcp/``:
  ``Phenotypic_V1_0b_preprocessed1.csv`` (the real file's 106 columns, in the real
  order, with an unnamed leading index column) and, for the default pipeline and
  strategy, ``cpac/nofilt_noglobal/<FILE_ID>_rois_cc200.1D``: a header line of
  ROI labels (``#1`` .. ``#200``) then one tab-separated line of 200 values per
  volume.  Only the simulated subjects are listed in the table.
* **Sample**: 186 subjects from six real ABIDE sites (PITT, UM_1, USM, YALE, KKI,
  NYU) with their real ``SUB_ID`` ranges, ``FILE_ID`` prefixes, scan lengths (the
  number of volumes of each site's CPAC output), and plausible per-site age
  ranges and sex ratios (mostly male, as in ABIDE).  About 10 % fail manual QC,
  mostly high movers, so ``quality_checked=True`` keeps ~170.
* **ROI signals**: 200 sources at coordinates of the Seitzman et al. (2018) ROI
  set (a deterministic, spatially even subset of its network-assigned ROIs), with
  the same ingredients as the development stand-in: network-shared signals,
  short-range coupling, source noise.  (The real CC200 regions are not bundled
  with nilearn; column order therefore does not match the real atlas.)
* **Site effects** (scanner signatures): each site adds its own low-rank
  spatial artefact patterns, its own per-region noise profile and overall signal
  scale, and the band-limited signals are sampled at the site's TR.  Site is
  therefore strongly predictable from connectivity, as in real multi-site data.
* **Diagnosis effect**, deliberately modest: ASD lowers long-range coupling
  within the default-mode network and between default-mode and fronto-parietal
  regions, with large individual variation; a connectome classifier reaches
  roughly 55-65 % balanced accuracy, as typically reported on ABIDE.
* **Motion** (``func_mean_fd``): higher in younger participants and slightly
  higher in ASD; each subject's motion adds a spatially smooth artefact to the
  time series, so motion correlates with both diagnosis and connectivity (a
  confound to handle, not a shortcut to exploit).
"""

from __future__ import annotations

import functools
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from tools.data import _io, anatomy, simulation
from tools.data._spec import DatasetSpec, FileJob

KEY = "abide_pcp"
FOLDER = "ABIDE_pcp"  # nilearn's dataset_name
GENERATOR_VERSION = 1

PHENOTYPE_FILE = "Phenotypic_V1_0b_preprocessed1.csv"
PIPELINE_FOLDER = "cpac/nofilt_noglobal"  # default pipeline, no band-pass, no GSR
DERIVATIVE = "rois_cc200"
N_ROIS = 200
MISSING = -9999  # ABIDE's code for "not available"

# The real file's header; its first field is empty (a pandas index written
# without a name), which nilearn's reader renames to "i".
PHENOTYPE_COLUMNS = [
    "", "Unnamed: 0", "SUB_ID", "X", "subject", "SITE_ID", "FILE_ID", "DX_GROUP", "DSM_IV_TR",
    "AGE_AT_SCAN", "SEX", "HANDEDNESS_CATEGORY", "HANDEDNESS_SCORES", "FIQ", "VIQ", "PIQ",
    "FIQ_TEST_TYPE", "VIQ_TEST_TYPE", "PIQ_TEST_TYPE", "ADI_R_SOCIAL_TOTAL_A",
    "ADI_R_VERBAL_TOTAL_BV", "ADI_RRB_TOTAL_C", "ADI_R_ONSET_TOTAL_D", "ADI_R_RSRCH_RELIABLE",
    "ADOS_MODULE", "ADOS_TOTAL", "ADOS_COMM", "ADOS_SOCIAL", "ADOS_STEREO_BEHAV",
    "ADOS_RSRCH_RELIABLE", "ADOS_GOTHAM_SOCAFFECT", "ADOS_GOTHAM_RRB", "ADOS_GOTHAM_TOTAL",
    "ADOS_GOTHAM_SEVERITY", "SRS_VERSION", "SRS_RAW_TOTAL", "SRS_AWARENESS", "SRS_COGNITION",
    "SRS_COMMUNICATION", "SRS_MOTIVATION", "SRS_MANNERISMS", "SCQ_TOTAL", "AQ_TOTAL",
    "COMORBIDITY", "CURRENT_MED_STATUS", "MEDICATION_NAME", "OFF_STIMULANTS_AT_SCAN",
    "VINELAND_RECEPTIVE_V_SCALED", "VINELAND_EXPRESSIVE_V_SCALED", "VINELAND_WRITTEN_V_SCALED",
    "VINELAND_COMMUNICATION_STANDARD", "VINELAND_PERSONAL_V_SCALED", "VINELAND_DOMESTIC_V_SCALED",
    "VINELAND_COMMUNITY_V_SCALED", "VINELAND_DAILYLVNG_STANDARD", "VINELAND_INTERPERSONAL_V_SCALED",
    "VINELAND_PLAY_V_SCALED", "VINELAND_COPING_V_SCALED", "VINELAND_SOCIAL_STANDARD",
    "VINELAND_SUM_SCORES", "VINELAND_ABC_STANDARD", "VINELAND_INFORMANT", "WISC_IV_VCI",
    "WISC_IV_PRI", "WISC_IV_WMI", "WISC_IV_PSI", "WISC_IV_SIM_SCALED", "WISC_IV_VOCAB_SCALED",
    "WISC_IV_INFO_SCALED", "WISC_IV_BLK_DSN_SCALED", "WISC_IV_PIC_CON_SCALED",
    "WISC_IV_MATRIX_SCALED", "WISC_IV_DIGIT_SPAN_SCALED", "WISC_IV_LET_NUM_SCALED",
    "WISC_IV_CODING_SCALED", "WISC_IV_SYM_SCALED", "EYE_STATUS_AT_SCAN", "AGE_AT_MPRAGE", "BMI",
    "anat_cnr", "anat_efc", "anat_fber", "anat_fwhm", "anat_qi1", "anat_snr", "func_efc",
    "func_fber", "func_fwhm", "func_dvars", "func_outlier", "func_quality", "func_mean_fd",
    "func_num_fd", "func_perc_fd", "func_gsr", "qc_rater_1", "qc_notes_rater_1",
    "qc_anat_rater_2", "qc_anat_notes_rater_2", "qc_func_rater_2", "qc_func_notes_rater_2",
    "qc_anat_rater_3", "qc_anat_notes_rater_3", "qc_func_rater_3", "qc_func_notes_rater_3",
    "SUB_IN_SMP",
]  # fmt: skip


@dataclass(frozen=True)
class Site:
    name: str  # SITE_ID
    file_prefix: str  # FILE_ID = f"{file_prefix}_{SUB_ID:07d}"
    first_sub_id: int
    n_volumes: int  # volumes in the site's CPAC time series
    repetition_time: float
    n_asd: int
    n_controls: int
    age_range: tuple[float, float]
    female_fraction: float
    eyes_closed: bool
    motion_scale: float  # site differences in typical head motion
    iq_test: str


# Real site names, id ranges, scan lengths and TRs; counts are a third to a half
# of the real site samples; ages/sex ratios approximate the published site summaries.
SITES = (
    Site("PITT", "Pitt", 50003, 196, 1.5, 15, 15, (9.5, 35.0), 0.12, True, 1.1, "WASI"),
    Site("UM_1", "UM_1", 50272, 296, 2.0, 16, 16, (8.2, 19.2), 0.22, False, 1.0, "WASI"),
    Site("USM", "USM", 50433, 236, 2.0, 17, 13, (11.0, 45.0), 0.0, False, 0.9, "WASI"),
    Site("YALE", "Yale", 50551, 196, 2.0, 13, 13, (7.0, 17.8), 0.3, False, 1.2, "WASI"),
    Site("KKI", "KKI", 50772, 152, 2.5, 10, 14, (8.0, 12.8), 0.22, False, 1.3, "WISC_IV_FULL"),
    Site("NYU", "NYU", 50952, 176, 2.0, 20, 24, (6.5, 39.0), 0.18, False, 1.0, "WASI"),
)

AFFECTED_NETWORKS = ("DefaultMode", "FrontoParietal")


# -- Regions ---------------------------------------------------------------------------


@functools.cache
def regions() -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(coordinates, network index per region, network names) of the 200 sources:
    a farthest-point subset of the network-assigned Seitzman ROIs, so the
    subset covers the brain evenly and deterministically."""
    coords, networks = anatomy.seitzman_2018()
    assigned = np.array([n != "unassigned" for n in networks])
    coords, networks = coords[assigned], np.asarray(networks)[assigned]
    chosen = [0]
    nearest = np.linalg.norm(coords - coords[0], axis=1)
    while len(chosen) < N_ROIS:
        chosen.append(int(nearest.argmax()))
        nearest = np.minimum(nearest, np.linalg.norm(coords - coords[chosen[-1]], axis=1))
    chosen = np.sort(chosen)
    names = sorted(set(networks[chosen]))
    return coords[chosen], np.array([names.index(n) for n in networks[chosen]]), names


# -- Phenotypes ------------------------------------------------------------------------


def _maturity(age: float) -> float:
    return float(1.0 / (1.0 + np.exp(-(age - 10.0) / 3.0)))


@functools.cache
def subjects() -> pd.DataFrame:
    """One row per simulated subject with the latent variables the signals need
    (site, diagnosis, age, sex, motion) and the QC outcome."""
    rows = []
    row_number = 0
    for site in SITES:
        rng = simulation.seeded_rng(KEY, "phenotypes", site.name)
        diagnoses = np.array([1] * site.n_asd + [2] * site.n_controls)
        rng.shuffle(diagnoses)
        sub_id = site.first_sub_id
        for dx in diagnoses:
            sub_id += int(rng.integers(1, 3))  # real id ranges have gaps
            row_number += 1
            age = float(np.round(rng.uniform(*site.age_range), 2))
            # Younger participants and, slightly, autistic ones move more.
            expected_fd = 0.08 + 0.22 * (1.0 - _maturity(age)) + (0.035 if dx == 1 else 0.0)
            mean_fd = expected_fd * site.motion_scale * float(np.exp(0.45 * rng.standard_normal()))
            rows.append(
                {
                    "SUB_ID": sub_id,
                    "X": row_number,
                    "SITE_ID": site.name,
                    "FILE_ID": f"{site.file_prefix}_{sub_id:07d}",
                    "DX_GROUP": int(dx),
                    "AGE_AT_SCAN": age,
                    "SEX": 2 if rng.random() < site.female_fraction * (0.6 if dx == 1 else 1.2) else 1,
                    "mean_fd": mean_fd,
                    "seed_word": int(rng.integers(0, 2**31)),
                }
            )
    return pd.DataFrame(rows)


def _qc_ratings(rng, mean_fd: float) -> dict[str, str]:
    """Manual QC: failures are rare and concentrate on high movers."""
    fail_probability = 0.02 + 0.6 / (1.0 + np.exp(-(mean_fd - 0.35) / 0.06))
    ratings = {
        "qc_rater_1": "OK",
        "qc_anat_rater_2": "OK",
        "qc_func_rater_2": "OK",
        "qc_anat_rater_3": "OK",
        "qc_func_rater_3": "OK",
    }
    if rng.random() < fail_probability:
        failing = ["qc_rater_1", "qc_func_rater_2", "qc_func_rater_3"][int(rng.integers(0, 3))]
        ratings[failing] = "fail"
    elif rng.random() < 0.15:
        ratings["qc_func_rater_2"] = "maybe"  # "maybe" still passes nilearn's filter
    return ratings


def phenotype_table() -> pd.DataFrame:
    """The phenotype/QC table as the real CSV lays it out."""
    table = []
    for index, subject in subjects().iterrows():
        rng = simulation.seeded_rng(KEY, "phenotype-row", int(subject["SUB_ID"]))
        site = next(s for s in SITES if s.name == subject["SITE_ID"])
        is_asd = subject["DX_GROUP"] == 1
        row = dict.fromkeys(PHENOTYPE_COLUMNS[2:], MISSING)
        # Free-text fields are empty when absent, as in the real file.
        for text_column in [c for c in PHENOTYPE_COLUMNS if "notes" in c] + ["COMORBIDITY", "MEDICATION_NAME"]:
            row[text_column] = ""
        fiq = int(np.clip(np.round(rng.normal(104 if is_asd else 112, 15)), 60, 148))
        handedness_score = int(np.clip(np.round(rng.normal(70, 40)), -100, 100))
        row.update(
            {
                "SUB_ID": int(subject["SUB_ID"]),
                "X": int(subject["X"]),
                "subject": int(subject["SUB_ID"]),
                "SITE_ID": subject["SITE_ID"],
                "FILE_ID": subject["FILE_ID"],
                "DX_GROUP": int(subject["DX_GROUP"]),
                "DSM_IV_TR": int(rng.choice([1, 1, 2, 3])) if is_asd else 0,
                "AGE_AT_SCAN": float(subject["AGE_AT_SCAN"]),
                "SEX": int(subject["SEX"]),
                "HANDEDNESS_CATEGORY": "R" if handedness_score > 40 else ("L" if handedness_score < -40 else "Ambi"),
                "HANDEDNESS_SCORES": handedness_score,
                "FIQ": fiq,
                "VIQ": int(np.clip(fiq + np.round(rng.normal(0, 8)), 55, 150)),
                "PIQ": int(np.clip(fiq + np.round(rng.normal(0, 8)), 55, 150)),
                "FIQ_TEST_TYPE": site.iq_test,
                "VIQ_TEST_TYPE": site.iq_test,
                "PIQ_TEST_TYPE": site.iq_test,
                "CURRENT_MED_STATUS": int(rng.random() < 0.3) if is_asd else 0,
                "EYE_STATUS_AT_SCAN": 2 if site.eyes_closed else 1,
                "AGE_AT_MPRAGE": float(subject["AGE_AT_SCAN"]),
                "SUB_IN_SMP": int(rng.random() < 0.8),
            }
        )
        if is_asd:
            social = int(rng.integers(4, 14))
            communication = int(rng.integers(2, 8))
            row.update(
                {
                    "ADI_R_SOCIAL_TOTAL_A": int(rng.integers(10, 29)),
                    "ADI_R_VERBAL_TOTAL_BV": int(rng.integers(8, 23)),
                    "ADI_RRB_TOTAL_C": int(rng.integers(2, 11)),
                    "ADI_R_ONSET_TOTAL_D": int(rng.integers(1, 5)),
                    "ADI_R_RSRCH_RELIABLE": 1,
                    "ADOS_MODULE": 3 if subject["AGE_AT_SCAN"] < 16 else 4,
                    "ADOS_TOTAL": social + communication,
                    "ADOS_COMM": communication,
                    "ADOS_SOCIAL": social,
                    "ADOS_STEREO_BEHAV": int(rng.integers(0, 6)),
                    "ADOS_RSRCH_RELIABLE": 1,
                }
            )
        n_volumes = site.n_volumes
        mean_fd = float(subject["mean_fd"])
        n_high_motion = int(np.round(n_volumes * np.clip(mean_fd / 0.9, 0.0, 0.9) * rng.uniform(0.6, 1.2)))
        row.update(
            {
                "anat_cnr": round(rng.normal(10.5, 1.8), 4),
                "anat_efc": round(rng.normal(0.52, 0.05), 4),
                "anat_fber": round(float(np.exp(rng.normal(5.3, 0.6))), 3),
                "anat_fwhm": round(rng.normal(4.1, 0.4), 4),
                "anat_qi1": round(abs(rng.normal(0.1, 0.05)), 4),
                "anat_snr": round(rng.normal(13.0, 2.5), 4),
                "func_efc": round(rng.normal(0.5, 0.04), 4),
                "func_fber": round(float(np.exp(rng.normal(5.5, 0.4))), 3),
                "func_fwhm": round(rng.normal(2.0, 0.25), 4),
                "func_dvars": round(1.1 + 1.5 * mean_fd + abs(rng.normal(0, 0.08)), 4),
                "func_outlier": round(abs(rng.normal(0.01, 0.006)) + 0.02 * mean_fd, 5),
                "func_quality": round(abs(rng.normal(0.02, 0.006)), 5),
                "func_mean_fd": round(mean_fd, 6),
                "func_num_fd": n_high_motion,
                "func_perc_fd": round(100.0 * n_high_motion / n_volumes, 4),
                "func_gsr": round(rng.normal(0.03, 0.04), 5),
            }
        )
        row.update(_qc_ratings(rng, mean_fd))
        row[""] = index
        row["Unnamed: 0"] = index
        table.append(row)
    return pd.DataFrame(table, columns=PHENOTYPE_COLUMNS)


# -- ROI time series -------------------------------------------------------------------


@functools.cache
def _site_signature(site_name: str) -> dict:
    """Fixed per site: low-rank artefact patterns, per-region noise profile, scale."""
    coords, _, _ = regions()
    rng = simulation.seeded_rng(KEY, "site", site_name)
    centred = (coords - coords.mean(0)) / coords.std(0)
    # Scanner/coil artefacts vary smoothly over the brain: random mixtures of
    # spatial gradients and a random smooth map.
    smooth_map = np.exp(-(anatomy.pairwise_distances(coords) ** 2) / (2 * 30.0**2)) @ rng.standard_normal(N_ROIS)
    smooth_map /= smooth_map.std()
    basis = np.column_stack([centred, centred**2 - 1, smooth_map])
    patterns = basis @ rng.standard_normal((basis.shape[1], 3)) / np.sqrt(basis.shape[1])
    return {
        "artefact_patterns": patterns,  # (regions, 3)
        "noise_profile": np.exp(0.35 * rng.standard_normal(N_ROIS)),
        "scale": float(np.exp(rng.uniform(np.log(6.0), np.log(30.0)))),
    }


def simulate_time_series(file_id: str) -> np.ndarray:
    """``(n_volumes, 200)`` ROI time series of one subject."""
    subject = subjects().set_index("FILE_ID").loc[file_id]
    site = next(s for s in SITES if s.name == subject["SITE_ID"])
    signature = _site_signature(site.name)
    coords, network, names = regions()
    rng = simulation.seeded_rng(KEY, "signals", int(subject["seed_word"]))
    n, tr = site.n_volumes, site.repetition_time
    n_networks = len(names)

    growth = _maturity(float(subject["AGE_AT_SCAN"]))
    long_range = np.clip(0.6 + 0.3 * growth + 0.15 * rng.standard_normal(n_networks), 0.05, None)
    short_range = max(0.9 - 0.3 * growth + 0.12 * rng.standard_normal(), 0.05)
    is_asd = subject["DX_GROUP"] == 1
    affected = np.array([names[k] in AFFECTED_NETWORKS for k in range(n_networks)])
    if is_asd:
        # Weaker default-mode / fronto-parietal coupling, varying a lot between people.
        long_range[affected] *= float(np.clip(0.89 + 0.12 * rng.standard_normal(), 0.4, 1.1))

    network_signals = simulation.bold_fluctuations(rng, n, n_networks, tr)
    # Default-mode and fronto-parietal regions share part of their signal
    # (weaker in ASD, as the within-DMN coupling).
    shared_dmn_fpn = simulation.bold_fluctuations(rng, n, 1, tr)[:, 0]
    kernel = np.exp(-(anatomy.pairwise_distances(coords) ** 2) / (2 * 20.0**2))
    field = simulation.bold_fluctuations(rng, n, N_ROIS, tr) @ kernel.T
    field /= field.std(0)
    own = simulation.bold_fluctuations(rng, n, N_ROIS, tr)

    signals = long_range[network] * network_signals[:, network] + short_range * field + own
    coupling = 0.35 * (0.88 if is_asd else 1.0)
    signals += coupling * shared_dmn_fpn[:, None] * affected[network]

    # Site signature: scanner artefacts with the site's spatial patterns, and the
    # site's regional noise levels.
    artefacts = simulation.bold_fluctuations(rng, n, 3, tr, 0.005, 0.2) @ signature["artefact_patterns"].T
    signals += 0.6 * artefacts
    signals += (signature["noise_profile"] - 1.0) * 1.5 * rng.standard_normal((n, N_ROIS))

    # Residual motion artefact after CPAC's nuisance regression: spatially smooth,
    # proportional to this subject's framewise displacement.
    motion = simulation.head_motion(rng, n, float(subject["mean_fd"]))
    displacement = simulation.framewise_displacement(motion)
    lingering = np.convolve(displacement, [1.0, 0.6, 0.3])[:n]
    motion_map = kernel @ rng.standard_normal(N_ROIS)
    motion_map = 0.5 + 0.5 * motion_map / motion_map.std()
    signals += 1.5 * (lingering - lingering.mean())[:, None] * motion_map

    signals -= signals.mean(0)
    return signature["scale"] * signals / signals.std()


def time_series_text(series: np.ndarray) -> str:
    buffer = io.StringIO()
    header = "\t".join(f"#{label}" for label in range(1, N_ROIS + 1))
    np.savetxt(buffer, series, fmt="%.3f", delimiter="\t", header=header, comments="")
    return buffer.getvalue()


def time_series_path(file_id: str) -> str:
    return f"{PIPELINE_FOLDER}/{file_id}_{DERIVATIVE}.1D"


# -- Jobs ------------------------------------------------------------------------------


def write_phenotypes(folder: Path) -> None:
    text = phenotype_table().to_csv(index=False, lineterminator="\n")
    _io.write_text(Path(folder) / PHENOTYPE_FILE, text)


def write_time_series(folder: Path, file_id: str) -> None:
    _io.write_text(Path(folder) / time_series_path(file_id), time_series_text(simulate_time_series(file_id)))


def standin_jobs() -> list[FileJob]:
    jobs = [FileJob((PHENOTYPE_FILE,), write_phenotypes)]
    for file_id in subjects()["FILE_ID"]:
        jobs.append(FileJob((time_series_path(file_id),), write_time_series, (file_id,), cost=0.02))
    return jobs


# -- Real data ---------------------------------------------------------------------------


def _canonical_calls(data_dir, verbose: int) -> None:
    from nilearn.datasets import fetch_abide_pcp

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fetch_abide_pcp(
            data_dir=str(data_dir),
            derivatives=[DERIVATIVE],
            SITE_ID=[site.name for site in SITES],
            quality_checked=False,
            verbose=verbose,
        )


SPEC = DatasetSpec(
    key=KEY,
    folder=FOLDER,
    title="ABIDE Preprocessed (autism, multi-site resting state)",
    generator_version=GENERATOR_VERSION,
    probe_hosts=(("s3.amazonaws.com", 443),),
    fetcher_calls=_canonical_calls,
    standin_jobs=standin_jobs,
    prepare=lambda: [regions(), subjects(), *(_site_signature(site.name) for site in SITES)],
)
