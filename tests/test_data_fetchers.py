"""The stand-ins look like the real datasets to nilearn's unmodified fetchers.

Every test runs with the network blocked: a file the fetcher needs but does not
find would make it try a download, which fails the test.
"""

from __future__ import annotations

import os
import shutil
import warnings
from collections import Counter
from pathlib import Path

import nibabel as nib
import numpy as np
import pandas as pd
import pytest
from nilearn import datasets

import data_fixtures  # first: puts the repository root on sys.path
from tools.data import abide_pcp

# Fixtures standin_data_dir and no_network, shared by the data test modules.
pytest_plugins = ("data_fixtures",)

pytestmark = pytest.mark.usefixtures("no_network")

DEVELOPMENT_PARTICIPANT_COLUMNS = ["participant_id", "Age", "AgeGroup", "Child_Adult", "Gender", "Handedness"]
REDUCED_CONFOUNDS = [
    "trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z", "framewise_displacement",
    "a_comp_cor_00", "a_comp_cor_01", "a_comp_cor_02", "a_comp_cor_03", "a_comp_cor_04",
    "a_comp_cor_05", "csf", "white_matter",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


# -- Development fMRI ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n_subjects", "n_children", "n_adults"),
    # The fetcher keeps the sample's 122:33 proportion (1 -> one adult, 2 -> one each).
    [(1, 0, 1), (2, 1, 1), (10, 8, 2), (30, 24, 6), (59, 46, 13), (60, 47, 13)],
)
def test_development_fmri_subject_selection(standin_data_dir, n_subjects, n_children, n_adults):
    data = datasets.fetch_development_fmri(n_subjects=n_subjects, data_dir=standin_data_dir, verbose=0)
    assert len(data.func) == len(data.confounds) == n_subjects
    groups = data.phenotypic["Child_Adult"].value_counts().to_dict()
    assert groups.get("child", 0) == n_children
    assert groups.get("adult", 0) == n_adults
    assert list(data.phenotypic.columns) == DEVELOPMENT_PARTICIPANT_COLUMNS
    assert data.t_r == 2


def test_development_fmri_images_and_confounds(standin_data_dir):
    data = datasets.fetch_development_fmri(n_subjects=4, data_dir=standin_data_dir, verbose=0)
    phenotypes = data.phenotypic
    assert phenotypes["participant_id"].str.match(r"^sub-pixar\d{3}$").all()
    assert set(phenotypes["AgeGroup"]) <= {"3yo", "4yo", "5yo", "7yo", "8-12yo", "Adult"}
    assert (phenotypes.loc[phenotypes["Child_Adult"] == "adult", "Age"] >= 18).all()
    assert (phenotypes.loc[phenotypes["Child_Adult"] == "child", "Age"] < 13).all()

    image = nib.load(data.func[0])
    assert image.shape == (50, 59, 50, 168)
    assert image.header.get_zooms() == (4.0, 4.0, 4.0, 2.0)
    np.testing.assert_allclose(image.affine[:3, :3], 4 * np.eye(3))
    volume = image.dataobj[..., 0]
    assert (volume == 0).mean() > 0.5, "zero outside the brain"
    assert 400 < np.median(volume[volume > 0]) < 900, "scanner-like intensities"

    reduced = pd.read_csv(data.confounds[0], sep="\t")
    assert list(reduced.columns) == REDUCED_CONFOUNDS
    assert reduced.shape == (168, 15)
    assert np.isfinite(reduced.to_numpy()).all(), "nilearn's signal.clean rejects NaN"
    assert (reduced["framewise_displacement"] >= 0).all()

    full = datasets.fetch_development_fmri(n_subjects=4, reduce_confounds=False, data_dir=standin_data_dir, verbose=0)
    everything = pd.read_csv(full.confounds[0], sep="\t")
    assert set(REDUCED_CONFOUNDS) < set(everything.columns)
    assert {"global_signal", "std_dvars", "t_comp_cor_00", "cosine00", "trans_x_derivative1"} <= set(everything.columns)
    assert len(everything) == 168


@pytest.mark.parametrize(("age_group", "n_subjects"), [("child", 47), ("adult", 13)])
def test_development_fmri_single_age_group(standin_data_dir, age_group, n_subjects):
    data = datasets.fetch_development_fmri(
        n_subjects=n_subjects, age_group=age_group, data_dir=standin_data_dir, verbose=0
    )
    assert set(data.phenotypic["Child_Adult"]) == {age_group}
    assert len(data.func) == n_subjects


# -- ABIDE ---------------------------------------------------------------------------------


ABIDE_SITES = [site.name for site in abide_pcp.SITES]
# nilearn's quality_checked filter: the accepted values of each rating.
QC_ACCEPTED = {
    "qc_rater_1": ["OK"], "qc_anat_rater_2": ["OK", "maybe"], "qc_func_rater_2": ["OK", "maybe"],
    "qc_anat_rater_3": ["OK"], "qc_func_rater_3": ["OK"],
}  # fmt: skip


def abide_tables(data_dir) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(everyone with data, those passing QC) of the six sites, as nilearn's fetcher filters them."""
    tables = [
        datasets.fetch_abide_pcp(
            derivatives=[], SITE_ID=ABIDE_SITES, quality_checked=checked, data_dir=data_dir, verbose=0
        ).phenotypic
        for checked in (False, True)
    ]
    return tables[0], tables[1]


def abide_sample(everyone: pd.DataFrame, checked: pd.DataFrame, volumes: dict[str, int]) -> dict[str, dict]:
    """Per site, the sample properties the stand-in takes from the real table
    (``volumes``: time points per FILE_ID)."""
    summary = {}
    for name, table in everyone.groupby("SITE_ID"):
        passing = table["FILE_ID"].isin(checked["FILE_ID"])
        adult = table["AGE_AT_SCAN"] >= 18
        fd = table["func_mean_fd"]
        prefixes = {
            file_id.removesuffix(f"_{sub_id:07d}") for file_id, sub_id in zip(table["FILE_ID"], table["SUB_ID"])
        }
        summary[name] = {
            "with data, pass QC per (DX_GROUP, adult)": {
                (dx, is_adult): (int(group.sum()), int((group & passing).sum()))
                for dx in (1, 2)
                for is_adult in (False, True)
                for group in [(table["DX_GROUP"] == dx) & (adult == is_adult)]
            },
            "volumes (with data)": dict(Counter(volumes[file_id] for file_id in table["FILE_ID"])),
            "volumes (pass QC)": dict(Counter(volumes[file_id] for file_id in table.loc[passing, "FILE_ID"])),
            "age range": (float(table["AGE_AT_SCAN"].min()), float(table["AGE_AT_SCAN"].max())),
            "females": int((table["SEX"] == 2).sum()),
            "SUB_ID range": (int(table["SUB_ID"].min()), int(table["SUB_ID"].max())),
            "FILE_ID prefixes": prefixes,
            "QC failures mostly high movers": bool(fd[~passing].median() > 1.5 * fd[passing].median()),
            "eyes closed": bool((table["EYE_STATUS_AT_SCAN"] == 2).mean() > 0.5),
            "IQ test": table["FIQ_TEST_TYPE"].fillna("").mode()[0],
            "IQ scores not measured": tuple(score for score in ("FIQ", "VIQ", "PIQ") if table[score].isna().all()),
        }
    return summary


def abide_constants(site: abide_pcp.Site) -> dict:
    """What :func:`abide_sample` gives for ``site`` according to the stand-in's constants."""
    return {
        "with data, pass QC per (DX_GROUP, adult)": {
            (dx, is_adult): (n, n_pass) for dx, is_adult, n, n_pass in site.cells()
        },
        "volumes (with data)": site.volume_counts(),
        "volumes (pass QC)": site.volume_counts(quality_checked=True),
        "age range": site.age_range,
        "females": site.n_female,
        "SUB_ID range": site.sub_id_range,
        "FILE_ID prefixes": {site.file_prefix},
        "QC failures mostly high movers": site.qc_fails_movers,
        "eyes closed": site.eyes_closed,
        "IQ test": site.iq_test,
        "IQ scores not measured": site.iq_not_measured,
    }


def fd_quartiles(everyone: pd.DataFrame) -> dict[str, np.ndarray]:
    return {
        name: np.nanquantile(table["func_mean_fd"], [0.25, 0.5, 0.75]) for name, table in everyone.groupby("SITE_ID")
    }


def test_abide_standin_sample_equals_the_site_constants(standin_data_dir):
    everyone, checked = abide_tables(standin_data_dir)
    data = datasets.fetch_abide_pcp(
        derivatives=["rois_cc200"], quality_checked=False, data_dir=standin_data_dir, verbose=0
    )
    assert all(series.shape[1] == 200 for series in data.rois_cc200)
    volumes = {file_id: len(series) for file_id, series in zip(data.phenotypic["FILE_ID"], data.rois_cc200)}
    assert abide_sample(everyone, checked, volumes) == {site.name: abide_constants(site) for site in abide_pcp.SITES}
    for site in abide_pcp.SITES:
        passing = checked[checked["SITE_ID"] == site.name]
        assert len(passing) == site.n_quality_checked
        assert (passing["DX_GROUP"] == 1).sum() == site.n_asd_quality_checked
        assert (passing["DX_GROUP"] == 2).sum() == site.n_controls_quality_checked
        assert (passing["AGE_AT_SCAN"] >= 18).sum() == site.n_adults_quality_checked
    # Quartiles of motion: equal up to the interpolation of even-sized sites' medians.
    for site in abide_pcp.SITES:
        np.testing.assert_allclose(fd_quartiles(everyone)[site.name], site.fd_quartiles, rtol=0.01, err_msg=site.name)


def real_nilearn_data() -> Path | None:
    """A real copy in nilearn's layout: $NILEARN_SHARED_DATA (nilearn's variable,
    a path list), else ``../shared/data/nilearn`` beside the repository."""
    candidates = [Path(path) for path in os.environ.get("NILEARN_SHARED_DATA", "").split(os.pathsep) if path]
    candidates.append(data_fixtures.REPO_ROOT.parent / "shared" / "data" / "nilearn")
    for folder in candidates:
        if (folder / abide_pcp.FOLDER / abide_pcp.PHENOTYPE_FILE).is_file():
            return folder
    return None


def test_abide_site_constants_equal_the_real_table(tmp_path):
    real = real_nilearn_data()
    if real is None:
        pytest.skip("no real ABIDE_pcp copy: set NILEARN_SHARED_DATA or provide ../shared/data/nilearn")
    # nilearn reads (and filters) a copy of the real table: the real folder is never a data_dir.
    (tmp_path / abide_pcp.FOLDER).mkdir()
    shutil.copyfile(
        real / abide_pcp.FOLDER / abide_pcp.PHENOTYPE_FILE, tmp_path / abide_pcp.FOLDER / abide_pcp.PHENOTYPE_FILE
    )
    everyone, checked = abide_tables(tmp_path)
    series_folder = real / abide_pcp.FOLDER / abide_pcp.PIPELINE_FOLDER
    volumes = {}
    for file_id in everyone["FILE_ID"]:
        with open(series_folder / f"{file_id}_{abide_pcp.DERIVATIVE}.1D", "rb") as series:
            volumes[file_id] = series.read().count(b"\n") - 1  # minus the header line
    assert abide_sample(everyone, checked, volumes) == {site.name: abide_constants(site) for site in abide_pcp.SITES}
    for site in abide_pcp.SITES:
        np.testing.assert_array_equal(np.round(fd_quartiles(everyone)[site.name], 4), site.fd_quartiles, site.name)
    excluding = {column: int((~everyone[column].isin(accepted)).sum()) for column, accepted in QC_ACCEPTED.items()}
    assert excluding == abide_pcp.QC_EXCLUDING_RATINGS
    maybe = {column: round(float((checked[column] == "maybe").mean()), 2) for column in abide_pcp.QC_MAYBE_RATES}
    assert maybe == abide_pcp.QC_MAYBE_RATES


def test_abide_first_subjects(standin_data_dir):
    data = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], n_subjects=100, data_dir=standin_data_dir, verbose=0)
    assert len(data.rois_cc200) == len(data.phenotypic) == 100
    lengths = {site.name: set(site.volume_counts()) for site in abide_pcp.SITES}
    for series, site in zip(data.rois_cc200, data.phenotypic["SITE_ID"]):
        assert series.shape[0] in lengths[site] and series.shape[1] == 200
        assert series.dtype == np.float64
    phenotypes = data.phenotypic
    # nilearn names the real file's unnamed index column "i".
    assert list(phenotypes.columns[:8]) == [
        "i",
        "Unnamed: 0",
        "SUB_ID",
        "X",
        "subject",
        "SITE_ID",
        "FILE_ID",
        "DX_GROUP",
    ]
    assert phenotypes.shape[1] == 106
    assert {"AGE_AT_SCAN", "SEX", "DSM_IV_TR", "FIQ", "func_mean_fd", "qc_rater_1", "SUB_IN_SMP"} <= set(phenotypes)
    assert set(phenotypes["DX_GROUP"]) == {1, 2}
    assert set(phenotypes["SEX"]) <= {1, 2}
    assert (
        phenotypes["FILE_ID"]
        == phenotypes["SITE_ID"].map(
            {"PITT": "Pitt", "UM_1": "UM_1", "USM": "USM", "YALE": "Yale", "KKI": "KKI", "NYU": "NYU"}
        )
        + "_"
        + phenotypes["SUB_ID"].map("{:07d}".format)
    ).all()


def test_abide_site_filter_and_quality_control(standin_data_dir):
    nyu = datasets.fetch_abide_pcp(derivatives="rois_cc200", SITE_ID=["NYU"], data_dir=standin_data_dir, verbose=0)
    assert set(nyu.phenotypic["SITE_ID"]) == {"NYU"}
    assert len(nyu.rois_cc200) == 172  # of 175 with data, as in the real table
    assert all(series.shape == (176, 200) for series in nyu.rois_cc200)

    checked = datasets.fetch_abide_pcp(derivatives="rois_cc200", data_dir=standin_data_dir, verbose=0)
    everyone = datasets.fetch_abide_pcp(
        derivatives="rois_cc200", quality_checked=False, data_dir=standin_data_dir, verbose=0
    )
    assert (len(checked.rois_cc200), len(everyone.rois_cc200)) == (449, 512)  # the real sample of the six sites
    assert checked.phenotypic["SITE_ID"].nunique() == 6
    dropped = everyone.phenotypic[~everyone.phenotypic["FILE_ID"].isin(checked.phenotypic["FILE_ID"])]
    assert dropped["func_mean_fd"].mean() > checked.phenotypic["func_mean_fd"].mean(), "QC drops high movers"


# -- Haxby ----------------------------------------------------------------------------------


def test_haxby_files(standin_data_dir):
    data = datasets.fetch_haxby(data_dir=standin_data_dir, verbose=0)
    assert data.t_r == 2.5
    bold = nib.load(data.func[0])
    assert bold.shape == (40, 64, 64, 1452)
    np.testing.assert_allclose(bold.header.get_zooms(), (3.5, 3.75, 3.75, 2.5))
    for key in ("mask_vt", "mask_face", "mask_house", "mask_face_little", "mask_house_little"):
        mask = nib.load(data[key][0])
        assert mask.shape == (40, 64, 64)
        np.testing.assert_allclose(mask.affine, bold.affine)
    vt = nib.load(data.mask_vt[0]).get_fdata() > 0
    face = nib.load(data.mask_face[0]).get_fdata() > 0
    face_little = nib.load(data.mask_face_little[0]).get_fdata() > 0
    assert 300 < vt.sum() < 1200
    assert face_little.sum() < face.sum() and not (face & ~vt).any()
    assert nib.load(data.mask).shape == (40, 64, 64)
    assert nib.load(data.anat[0]).ndim == 3

    labels = pd.read_csv(data.session_target[0], sep=" ")
    assert list(labels.columns) == ["labels", "chunks"]
    assert len(labels) == 1452
    assert sorted(labels["chunks"].unique()) == list(range(12))
    counts = labels["labels"].value_counts()
    assert set(counts.index) == {"rest", "face", "house", "cat", "bottle", "scissors", "shoe", "chair", "scrambledpix"}
    assert (counts.drop("rest") == 108).all()


def test_haxby_fits_the_browser_budget(standin_data_dir):
    data = datasets.fetch_haxby(data_dir=standin_data_dir, verbose=0)
    shipped = [data.func[0], data.session_target[0], data.mask]
    shipped += [data[key][0] for key in ("mask_vt", "mask_face", "mask_house", "mask_face_little", "mask_house_little")]
    from pathlib import Path

    assert sum(Path(path).stat().st_size for path in shipped) < 18_000_000
