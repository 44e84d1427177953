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
* **Sample**: the real sample of six ABIDE sites (PITT, UM_1, USM, YALE, KKI,
  NYU), so an offline build runs the subset sizes (and so the time budgets) of a
  real one.  Constants measured from the real table (:data:`SITES`) fix, per
  site: every participant with data (512 in all: 251 ASD, 261 controls) and, for
  each diagnosis and age group (adults >= 18), how many pass nilearn's
  ``quality_checked`` filter (449: 209 ASD, 240 controls); the real ``SUB_ID``
  ranges and ``FILE_ID`` prefixes; scan lengths including the exceptions (KKI:
  six of 48 scans have 124 volumes instead of 152; USM: one has 232 instead of
  236); the youngest and oldest age, the number of female participants, the
  quartiles of ``func_mean_fd``, and which IQ scores a site did not measure
  (KKI: only full-scale IQ).  Ages within a group are drawn at random, so
  the age distribution is only roughly real.
* **Quality control**: exactly the real number of failures in each site,
  diagnosis and age group.  At KKI, UM_1 and USM, where the real failures are
  mostly high movers, they go to the highest movers (with some randomness);
  elsewhere they are unrelated to motion, as in the real table.  Which rating
  excludes a subject, and how often a passing one has an accepted "maybe",
  follow the real table's frequencies.
* **ROI signals**: 200 sources at coordinates of the Seitzman et al. (2018) ROI
  set (a deterministic, spatially even subset of its network-assigned ROIs), with
  the same ingredients as the development stand-in: network-shared signals,
  short-range coupling, source noise.  (The real CC200 regions are not bundled
  with nilearn; column order therefore does not match the real atlas.)
* **Global signal** (generator version 4): these files were preprocessed without
  global signal regression, and in the real ones the first principal component
  of the connectomes is, almost exactly, each person's mean correlation (about
  0.21 on average, standard deviation 0.085 between people, measured on the
  real files of these sites), carrying over a quarter of the variance, with
  nearly every connection loading on it with the same sign, and correlating
  with head motion (r about 0.4 within most sites).  The stand-in adds one
  band-limited fluctuation to every region (with a smooth, positive regional
  loading), whose amplitude is log-normal between people, grows with their
  head motion (the global signal carries motion and respiration artefacts:
  Power et al. 2017) and, a little, with maturity (in the real files the mean
  correlation does not fall with age within a site, although the younger move
  more), with a small factor per site.
* **Individual topography**: each person adds a few smooth spatial patterns of
  their own, with their own time courses, stable over the scan.  Two halves of
  one scan therefore give more alike connectomes than two people of one site
  (connectome fingerprinting: Finn et al. 2015).
* **Site effects** (scanner signatures): each site adds its own low-rank
  spatial artefact patterns, its own per-region noise profile and overall signal
  scale, and the band-limited signals are sampled at the site's TR; short-range
  coupling grows with the site's spatial smoothness (the real median
  ``func_fwhm`` of the site, :data:`SITE_SMOOTHNESS`, which the table's
  ``func_fwhm`` also follows).  Site is therefore strongly predictable from
  connectivity, as in real multi-site data, and the second component of two
  sites' connectomes follows the site.
* **Age**: with maturity, network (long-range) coupling grows and short-range
  coupling fades.  Maturity mixes a logistic curve (steepest around 14.5 years:
  little change among the 8-12-year-olds of KKI, much between 7 and 18) with
  log(age), which keeps changing slowly in adults, so that age is predictable
  within a site, adults included, and not only from the site.
* **Sex**: women's network coupling differs by a fixed, modest pattern (some
  networks a little stronger, others weaker), so sex is weakly predictable.
* **Diagnosis effect**, modest: ASD lowers long-range coupling within the
  default-mode network and between default-mode and fronto-parietal regions,
  with large individual variation, and raises short-range coupling a little.
* **Motion** (``func_mean_fd``): a little higher in younger participants and in
  ASD (x1.4), then mapped monotonically onto the site's real quartiles.  Each
  subject's motion raises the global signal, adds a spatially smooth artefact
  to the time series and, like the residual motion artefacts of real data
  (Power et al. 2012; Van Dijk et al. 2012), weakens long-range and
  strengthens short-range coupling: the direction of the diagnosis effect.
  Motion therefore correlates with diagnosis, with mean connectivity and with a
  connectome classifier's decision values (a confound to handle, not a
  shortcut to exploit).  Site, motion and age alone predict diagnosis among the
  449 a little above chance (logistic regression, 5-fold: balanced accuracy
  0.58 on the real and 0.60 on the stand-in table).

Calibration
-----------
The strengths of these effects (:data:`EFFECTS`) are calibrated against the
real files of these sites: ``python -m tools.data.fidelity`` computes, with the
same code on both, the statistics the lessons rest on (site and diagnosis from
connectomes, diagnosis from motion alone, motion against diagnosis, mean
connectivity and the classifier's decisions, brain-age errors against the
mean-age and site-only baselines, within-site age prediction) and checks each
against a tolerance chosen before the calibration; ``doc/data.rst`` shows its
table.  Generator version 3 is the first calibrated one.  Version 4 adds the
global signal, individual topographies, site smoothness and the sex effect,
so that the ABIDE pages' claims, which rest on the real data, also hold on the
stand-in (``python -m tools.standin_claims`` runs them all on a fresh stand-in).
Version 5 leaves KKI's verbal and performance IQ empty, as the real table does
(its time series are those of version 4).
"""

from __future__ import annotations

import errno
import functools
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from tools.data import _io, anatomy, simulation
from tools.data._spec import DatasetSpec, FileJob

KEY = "abide_pcp"
FOLDER = "ABIDE_pcp"  # nilearn's dataset_name
GENERATOR_VERSION = 5

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
    sub_id_range: tuple[int, int]  # first and last SUB_ID with data
    repetition_time: float
    n_volumes: int  # volumes in most of the site's CPAC time series
    short_scans: tuple[int, int, int] | None  # (volumes, subjects with data, of which pass QC)
    # (with data, pass nilearn's QC filter) per diagnosis and age group (adult: AGE_AT_SCAN >= 18)
    asd_children: tuple[int, int]
    asd_adults: tuple[int, int]
    control_children: tuple[int, int]
    control_adults: tuple[int, int]
    age_range: tuple[float, float]  # youngest and oldest AGE_AT_SCAN
    n_female: int
    fd_quartiles: tuple[float, float, float]  # func_mean_fd: 25th, 50th, 75th percentile
    qc_fails_movers: bool  # QC failures mostly high movers (median FD > 1.5x that of passes)?
    eyes_closed: bool
    iq_test: str
    iq_not_measured: tuple[str, ...] = ()  # IQ scores the site left empty for everyone


    def cells(self) -> list[tuple[int, bool, int, int]]:
        """(DX_GROUP, adult, with data, pass QC) for the four diagnosis x age groups."""
        return [
            (1, False, *self.asd_children),
            (1, True, *self.asd_adults),
            (2, False, *self.control_children),
            (2, True, *self.control_adults),
        ]

    @property
    def n_subjects(self) -> int:
        return sum(cell[2] for cell in self.cells())

    @property
    def n_quality_checked(self) -> int:
        return sum(cell[3] for cell in self.cells())

    @property
    def n_asd(self) -> int:
        return self.asd_children[0] + self.asd_adults[0]

    @property
    def n_controls(self) -> int:
        return self.control_children[0] + self.control_adults[0]

    @property
    def n_asd_quality_checked(self) -> int:
        return self.asd_children[1] + self.asd_adults[1]

    @property
    def n_controls_quality_checked(self) -> int:
        return self.control_children[1] + self.control_adults[1]

    @property
    def n_adults_quality_checked(self) -> int:
        return self.asd_adults[1] + self.control_adults[1]

    def volume_counts(self, quality_checked: bool = False) -> dict[int, int]:
        """{volumes: subjects} of the site's time series, of everyone with data or
        of those who pass QC."""
        n_subjects = self.n_quality_checked if quality_checked else self.n_subjects
        if self.short_scans is None:
            return {self.n_volumes: n_subjects}
        volumes, n_short, n_short_passing = self.short_scans
        n_short = n_short_passing if quality_checked else n_short
        return {self.n_volumes: n_subjects - n_short, volumes: n_short}


# Every number below is measured from the real table (Phenotypic_V1_0b_preprocessed1.csv,
# rows with FILE_ID != "no_filename") and the real CC200 files of these six sites;
# tests/test_data_fetchers.py checks them against a real copy when one is available.
# "pass QC" is nilearn's quality_checked filter; eyes_closed and iq_test are the site's
# majority EYE_STATUS_AT_SCAN and FIQ_TEST_TYPE (UM_1 leaves it empty). Only the TRs (the
# sites' published protocols; the table has none) are not from the table. Rows in the
# real table's site order.
# Columns: SITE_ID, FILE_ID prefix, SUB_ID range, TR, volumes, short scans; (with data,
# pass QC) of ASD children, ASD adults, control children, control adults; age range,
# women, func_mean_fd quartiles, QC failures high movers, eyes closed, IQ test, and the
# IQ scores a site did not measure (KKI gave only the full-scale WISC-IV: its verbal and
# performance IQ and their test types are empty).
SITES = (
    Site("PITT", "Pitt", (50003, 50060), 1.5, 196, None, (17, 15), (12, 9), (15, 15), (12, 11),
         (9.33, 35.2), 8, (0.0920, 0.1152, 0.1749), False, True, "WASI"),
    Site("UM_1", "UM_1", (50272, 50381), 2.0, 296, None, (51, 32), (2, 2), (46, 45), (7, 7),
         (8.2, 19.2), 25, (0.0451, 0.0794, 0.1868), True, False, ""),
    Site("USM", "USM", (50433, 50532), 2.0, 236, (232, 1, 1), (17, 15), (29, 28), (9, 9), (16, 15),
         (8.7721, 50.2231), 0, (0.0663, 0.1012, 0.1510), True, False, "WASI"),
    Site("YALE", "Yale", (50551, 50628), 2.0, 196, None, (28, 22), (0, 0), (28, 19), (0, 0),
         (7.0, 17.83), 16, (0.0534, 0.0844, 0.1324), False, False, "DAS_II_SA"),
    Site("KKI", "KKI", (50772, 50826), 2.5, 152, (124, 6, 4), (20, 12), (0, 0), (28, 21), (0, 0),
         (8.07, 12.77), 12, (0.0708, 0.1073, 0.1813), True, False, "WISC_IV_FULL", ("VIQ", "PIQ")),
    Site("NYU", "NYU", (50952, 51159), 2.0, 176, None, (57, 56), (18, 18), (71, 69), (29, 29),
         (6.47, 39.1), 36, (0.0372, 0.0512, 0.0881), False, False, "WASI"),
)  # fmt: skip

# Median func_fwhm (spatial smoothness of the functional images, in the table's
# units) of each site's participants with data, from the real table: smoother
# images correlate neighbouring regions more.
SITE_SMOOTHNESS = {"PITT": 1.942, "UM_1": 2.373, "USM": 1.843, "YALE": 2.495, "KKI": 2.708, "NYU": 1.883}

# Which rating excludes a subject, weighted by how often each excludes one in the real
# table of these sites (qc_rater_1 "fail" or "maybe", half each as in the real table;
# the others "fail"), and how often a passing subject has a "maybe" that nilearn's
# filter accepts.
QC_EXCLUDING_RATINGS = {
    "qc_rater_1": 8, "qc_anat_rater_2": 21, "qc_func_rater_2": 5, "qc_anat_rater_3": 35, "qc_func_rater_3": 2,
}  # fmt: skip
QC_MAYBE_RATES = {"qc_anat_rater_2": 0.09, "qc_func_rater_2": 0.13}

AFFECTED_NETWORKS = ("DefaultMode", "FrontoParietal")

# Effect sizes of the time series model (:func:`simulate_time_series`), calibrated
# against the real files with ``python -m tools.data.fidelity``.
EFFECTS = {
    # maturity of connectivity (0 in young children, about 1 in adults): the weight
    # of log(age), which goes on changing in adults, against the logistic curve
    "growth_lifespan": 0.35,
    # the logistic curve of connectivity maturity: its centre and width (years)
    "maturity_age": 14.5, "maturity_width": 1.5,
    # network (long-range) and spatially smooth (short-range) coupling, their change
    # with maturity and their spread between people
    "long_range": 0.6, "long_range_growth": 0.5, "long_range_spread": 0.1,
    "short_range": 0.9, "short_range_growth": -0.45, "short_range_spread": 0.12,
    # autism: default-mode/fronto-parietal coupling times this factor (mean, spread)
    "asd_long_range": 0.75, "asd_long_range_spread": 0.12,
    "asd_short_range": 1.08, "dmn_fpn_shared": 0.35, "asd_dmn_fpn": 0.88,
    # women: network coupling times exp(this * a fixed +/-1 pattern over networks)
    "female_long_range": 0.3,
    # scanner: strength of the site's artefact patterns and of its regional noise profile
    "site_artefact": 0.45, "site_noise": 1.0,
    # short-range coupling times (site's smoothness / 2.2) ** this
    "smoothness_short_range": 1.5,
    # head motion: autistic participants move this much more (before the mapping
    # onto the site's quartiles); an additive, spatially smooth artefact; and
    # couplings times exp(-/+ strength * log(mean FD / 0.1 mm)): long-range weaker,
    # short-range stronger in those who move more
    "asd_motion": 1.4, "motion_artefact": 0.7, "motion_long_range": 0.15, "motion_short_range": 0.15,
    # global signal (not regressed out by this pipeline): amplitude per person
    # exp(log(global) + global_motion * log(mean FD / 0.1 mm) + global_growth * maturity
    # + global_spread * N(0, 1)),
    # times the site's factor exp(global_site * N(0, 1))
    # idiosyncratic coupling: each person's own spatial patterns, stable over the
    # scan (what lets connectomes fingerprint people): their number and strength
    "individual_patterns": 4, "individual": 0.6,
    "global": 0.75, "global_motion": 0.35, "global_spread": 0.35, "global_site": 0.1, "global_growth": 0.4,
}  # fmt: skip


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


def _maturity(age, centre: float = 10.0, width: float = 3.0):
    return 1.0 / (1.0 + np.exp(-(np.asarray(age, dtype=float) - centre) / width))


def _connectivity_growth(age: float) -> float:
    """How far connectivity has matured: a mix of the logistic maturity (steepest
    around 10 years) and log(age), which goes on changing, slowly, in adults."""
    lifespan = np.log(age / 6.0) / np.log(30.0 / 6.0)
    adolescence = _maturity(age, EFFECTS["maturity_age"], EFFECTS["maturity_width"])
    return float((1.0 - EFFECTS["growth_lifespan"]) * adolescence + EFFECTS["growth_lifespan"] * lifespan)


def _site_motion(rng, site: Site, age: np.ndarray, is_asd: np.ndarray) -> np.ndarray:
    """Mean framewise displacement (mm): higher in younger and in autistic
    participants, then mapped (monotonically, piecewise-linearly in log space) so
    that the site's quartiles equal the real ones."""
    expected = (0.08 + 0.08 * (1.0 - _maturity(age))) * np.where(is_asd, EFFECTS["asd_motion"], 1.0)
    log_fd = np.log(expected) + 0.45 * rng.standard_normal(len(age))
    low, middle, high = np.quantile(log_fd, [0.25, 0.5, 0.75])
    target_low, target_middle, target_high = np.log(site.fd_quartiles)
    scale = np.where(log_fd < middle, (target_middle - target_low) / (middle - low),
                     (target_high - target_middle) / (high - middle))  # fmt: skip
    return np.exp(target_middle + (log_fd - middle) * scale)


def _site_subjects(site: Site) -> pd.DataFrame:
    """The site's subjects in ``SUB_ID`` order, with exactly the real counts per
    diagnosis, age group and QC outcome, and the real scan lengths."""
    rng = simulation.seeded_rng(KEY, "phenotypes", site.name)
    cells = site.cells()
    dx = np.concatenate([np.full(n, group) for group, _, n, _ in cells])
    adult = np.concatenate([np.full(n, is_adult) for _, is_adult, n, _ in cells])
    cell = np.concatenate([np.full(cell[2], k) for k, cell in enumerate(cells)])
    n = len(dx)

    youngest, oldest = site.age_range
    child_age = rng.uniform(youngest, min(oldest, 18.0), n).clip(None, 17.99)
    adult_age = 18.0 + (oldest - 18.0) * rng.random(n) ** 2  # skewed: most adults are young
    age = np.round(np.where(adult, adult_age, child_age), 2)
    age[np.argmin(age)], age[np.argmax(age)] = youngest, oldest

    mean_fd = _site_motion(rng, site, age, dx == 1)

    # QC: exactly the real number of failures in each diagnosis x age group; where
    # the real failures are mostly high movers, the highest movers (with some
    # randomness) fail, elsewhere failures are unrelated to motion.
    score = rng.standard_normal(n)
    if site.qc_fails_movers:
        log_fd = np.log(mean_fd)
        score = (log_fd - log_fd.mean()) / log_fd.std() + 0.6 * score
    passes = np.ones(n, dtype=bool)
    for k, (_, _, n_cell, n_pass) in enumerate(cells):
        members = np.flatnonzero(cell == k)
        passes[members[np.argsort(-score[members], kind="stable")[: n_cell - n_pass]]] = False

    n_volumes = np.full(n, site.n_volumes)
    if site.short_scans is not None:
        volumes, n_short, n_short_pass = site.short_scans
        short = [rng.choice(np.flatnonzero(passes), n_short_pass, replace=False),
                 rng.choice(np.flatnonzero(~passes), n_short - n_short_pass, replace=False)]  # fmt: skip
        n_volumes[np.concatenate(short)] = volumes

    weights = np.where(dx == 1, 0.6, 1.2)  # autism is diagnosed more often in boys
    sex = np.ones(n, dtype=int)
    sex[rng.choice(n, site.n_female, replace=False, p=weights / weights.sum())] = 2

    first, last = site.sub_id_range
    sub_ids = np.sort(np.concatenate([[first, last], rng.choice(np.arange(first + 1, last), n - 2, replace=False)]))
    order = rng.permutation(n)  # which simulated subject gets which (sorted) id
    return pd.DataFrame(
        {
            "SUB_ID": sub_ids,
            "SITE_ID": site.name,
            "FILE_ID": [f"{site.file_prefix}_{sub_id:07d}" for sub_id in sub_ids],
            "DX_GROUP": dx[order],
            "AGE_AT_SCAN": age[order],
            "SEX": sex[order],
            "mean_fd": mean_fd[order],
            "quality_checked": passes[order],
            "n_volumes": n_volumes[order],
            "seed_word": rng.integers(0, 2**31, n),
        }
    )


@functools.cache
def subjects() -> pd.DataFrame:
    """One row per simulated subject with the latent variables the signals need
    (site, diagnosis, age, sex, motion, scan length) and the QC outcome."""
    table = pd.concat([_site_subjects(site) for site in SITES], ignore_index=True)
    table.insert(1, "X", np.arange(1, len(table) + 1))
    return table


@functools.cache
def _subjects_by_file_id() -> dict[str, dict]:
    return subjects().set_index("FILE_ID").to_dict("index")


def _qc_ratings(rng, passes: bool) -> dict[str, str]:
    """Manual QC ratings; a failing subject has one excluding rating."""
    ratings = dict.fromkeys(QC_EXCLUDING_RATINGS, "OK")
    for column, rate in QC_MAYBE_RATES.items():
        if rng.random() < rate:
            ratings[column] = "maybe"  # "maybe" still passes nilearn's filter
    if not passes:
        weights = np.array(list(QC_EXCLUDING_RATINGS.values()), dtype=float)
        failing = list(QC_EXCLUDING_RATINGS)[int(rng.choice(len(weights), p=weights / weights.sum()))]
        ratings[failing] = "maybe" if failing == "qc_rater_1" and rng.random() < 0.5 else "fail"
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
        n_volumes = int(subject["n_volumes"])
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
                "func_fwhm": round(rng.normal(SITE_SMOOTHNESS[site.name], 0.2), 4),
                "func_dvars": round(1.1 + 1.5 * mean_fd + abs(rng.normal(0, 0.08)), 4),
                "func_outlier": round(abs(rng.normal(0.01, 0.006)) + 0.02 * mean_fd, 5),
                "func_quality": round(abs(rng.normal(0.02, 0.006)), 5),
                "func_mean_fd": round(mean_fd, 6),
                "func_num_fd": n_high_motion,
                "func_perc_fd": round(100.0 * n_high_motion / n_volumes, 4),
                "func_gsr": round(rng.normal(0.03, 0.04), 5),
            }
        )
        for score in site.iq_not_measured:
            row[score] = row[f"{score}_TEST_TYPE"] = ""
        row.update(_qc_ratings(rng, bool(subject["quality_checked"])))
        row[""] = index
        row["Unnamed: 0"] = index + 1  # as in the real file
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
        "global_factor": float(np.exp(EFFECTS["global_site"] * rng.standard_normal())),
    }


@functools.cache
def _short_range_kernel() -> np.ndarray:
    coords, _, _ = regions()
    return np.exp(-(anatomy.pairwise_distances(coords) ** 2) / (2 * 20.0**2))


@functools.cache
def _global_loading() -> np.ndarray:
    """How strongly each region carries the global signal: positive everywhere,
    varying smoothly over the brain."""
    coords, _, _ = regions()
    rng = simulation.seeded_rng(KEY, "global-loading")
    smooth = _short_range_kernel() @ rng.standard_normal(N_ROIS)
    return np.exp(0.25 * smooth / smooth.std())


@functools.cache
def _sex_pattern() -> np.ndarray:
    """Which networks couple more (+1) or less (-1) in women."""
    _, _, names = regions()
    rng = simulation.seeded_rng(KEY, "sex-pattern")
    return rng.choice([-1.0, 1.0], len(names))


def simulate_time_series(file_id: str) -> np.ndarray:
    """``(n_volumes, 200)`` ROI time series of one subject."""
    subject = _subjects_by_file_id()[file_id]
    site = next(s for s in SITES if s.name == subject["SITE_ID"])
    signature = _site_signature(site.name)
    coords, network, names = regions()
    rng = simulation.seeded_rng(KEY, "signals", int(subject["seed_word"]))
    n, tr = int(subject["n_volumes"]), site.repetition_time
    n_networks = len(names)
    e = EFFECTS

    growth = _connectivity_growth(float(subject["AGE_AT_SCAN"]))
    # Head motion, relative to a typical 0.1 mm (log scale: about -1 to +1 here).
    moved = float(np.log(float(subject["mean_fd"]) / 0.1))
    spread = e["long_range_spread"] * rng.standard_normal(n_networks)
    long_range = e["long_range"] + e["long_range_growth"] * growth + spread
    long_range = np.clip(long_range * np.exp(-e["motion_long_range"] * moved), 0.05, None)
    short_range = e["short_range"] + e["short_range_growth"] * growth + e["short_range_spread"] * rng.standard_normal()
    short_range *= (SITE_SMOOTHNESS[site.name] / 2.2) ** e["smoothness_short_range"]
    short_range = max(short_range * np.exp(e["motion_short_range"] * moved), 0.05)
    if subject["SEX"] == 2:
        # Sex differences: some networks couple a little more, others less, in women.
        long_range *= np.exp(e["female_long_range"] * _sex_pattern())
    is_asd = subject["DX_GROUP"] == 1
    affected = np.array([names[k] in AFFECTED_NETWORKS for k in range(n_networks)])
    if is_asd:
        # Weaker default-mode / fronto-parietal coupling, varying a lot between people.
        factor = e["asd_long_range"] + e["asd_long_range_spread"] * rng.standard_normal()
        long_range[affected] *= float(np.clip(factor, 0.4, 1.1))
        short_range *= e["asd_short_range"]  # and stronger local coupling
    else:
        rng.standard_normal()  # keep the random stream of both groups aligned

    network_signals = simulation.bold_fluctuations(rng, n, n_networks, tr)
    # Default-mode and fronto-parietal regions share part of their signal
    # (weaker in ASD, as the within-DMN coupling).
    shared_dmn_fpn = simulation.bold_fluctuations(rng, n, 1, tr)[:, 0]
    kernel = _short_range_kernel()
    field = simulation.bold_fluctuations(rng, n, N_ROIS, tr) @ kernel.T
    field /= field.std(0)
    own = simulation.bold_fluctuations(rng, n, N_ROIS, tr)

    signals = long_range[network] * network_signals[:, network] + short_range * field + own
    # This person's own functional topography: a few smooth maps of their own.
    maps = kernel @ rng.standard_normal((N_ROIS, e["individual_patterns"]))
    maps /= maps.std(0)
    signals += e["individual"] * simulation.bold_fluctuations(rng, n, e["individual_patterns"], tr) @ maps.T
    coupling = e["dmn_fpn_shared"] * (e["asd_dmn_fpn"] if is_asd else 1.0)
    signals += coupling * shared_dmn_fpn[:, None] * affected[network]

    # Site signature: scanner artefacts with the site's spatial patterns, and the
    # site's regional noise levels.
    artefacts = simulation.bold_fluctuations(rng, n, 3, tr, 0.005, 0.2) @ signature["artefact_patterns"].T
    signals += e["site_artefact"] * artefacts
    signals += (signature["noise_profile"] - 1.0) * e["site_noise"] * rng.standard_normal((n, N_ROIS))

    # Residual motion artefact after CPAC's nuisance regression: spatially smooth,
    # proportional to this subject's framewise displacement.
    motion = simulation.head_motion(rng, n, float(subject["mean_fd"]))
    displacement = simulation.framewise_displacement(motion)
    lingering = np.convolve(displacement, [1.0, 0.6, 0.3])[:n]
    motion_map = kernel @ rng.standard_normal(N_ROIS)
    motion_map = 0.5 + 0.5 * motion_map / motion_map.std()
    signals += e["motion_artefact"] * (lingering - lingering.mean())[:, None] * motion_map

    # Global signal: one fluctuation shared by every region (some more than
    # others), whose amplitude varies a lot between people and grows with motion.
    amplitude = e["global"] * signature["global_factor"]
    global_noise = e["global_spread"] * rng.standard_normal()
    amplitude *= np.exp(e["global_motion"] * moved + e["global_growth"] * growth + global_noise)
    signals += amplitude * simulation.bold_fluctuations(rng, n, 1, tr)[:, 0][:, None] * _global_loading()

    signals -= signals.mean(0)
    return signature["scale"] * signals / signals.std()


def time_series_text(series: np.ndarray) -> str:
    """A header line of region labels, then one line of tab-separated values per
    volume with three decimals: the text ``np.savetxt(fmt="%.3f", delimiter="\\t")``
    writes, but built with array operations: ten times faster than formatting
    60 000 numbers one by one."""
    header = "\t".join(f"#{label}" for label in range(1, N_ROIS + 1))
    thousandths = np.round(series * 1000.0).astype(np.int64)
    integer, fraction = np.divmod(np.abs(thousandths), 1000)
    n_places = len(str(int(integer.max())))  # integer digits of the widest value
    n_digits = 1 + sum((integer >= 10**k).astype(int) for k in range(1, n_places))
    # One fixed-width field per value (sign, integer digits, point, decimals,
    # separator), right-aligned; padding bytes (0) are dropped at the end.
    chars = np.zeros((*series.shape, n_places + 6), dtype=np.uint8)
    for k in range(n_places):
        chars[..., n_places - k] = np.where(k < n_digits, ord("0") + (integer // 10**k) % 10, 0)
    for position in range(n_places):
        chars[..., position][np.signbit(series) & (n_digits == n_places - position)] = ord("-")
    chars[..., n_places + 1] = ord(".")
    for k in range(3):
        chars[..., n_places + 2 + k] = ord("0") + (fraction // 10 ** (2 - k)) % 10
    chars[..., -1] = ord("\t")
    chars[:, -1, -1] = ord("\n")
    flat = chars.ravel()
    return header + "\n" + flat[flat != 0].tobytes().decode("ascii")


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


def required_files(folder) -> list[str]:
    """The phenotype table and the CC200 series of every participant with data of
    :data:`SITES`: what the examples' calls (and :func:`_canonical_calls`) request."""
    table_path = Path(folder) / PHENOTYPE_FILE
    if not table_path.is_file():
        raise FileNotFoundError(errno.ENOENT, "the ABIDE phenotype table is missing", str(table_path))
    table = pd.read_csv(table_path, usecols=["SITE_ID", "FILE_ID"])
    with_data = table[table["SITE_ID"].isin([site.name for site in SITES]) & (table["FILE_ID"] != "no_filename")]
    return [PHENOTYPE_FILE, *(time_series_path(file_id) for file_id in with_data["FILE_ID"])]


SPEC = DatasetSpec(
    key=KEY,
    folder=FOLDER,
    title="ABIDE Preprocessed (autism, multi-site resting state)",
    generator_version=GENERATOR_VERSION,
    probe_hosts=(("s3.amazonaws.com", 443),),
    fetcher_calls=_canonical_calls,
    standin_jobs=standin_jobs,
    required_files=required_files,
    prepare=lambda: [
        regions(),
        _short_range_kernel(),
        _global_loading(),
        _sex_pattern(),
        _subjects_by_file_id(),
        *(_site_signature(site.name) for site in SITES),
    ],
)
