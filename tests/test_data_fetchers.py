"""The stand-ins look like the real datasets to nilearn's unmodified fetchers.

Every test runs with the network blocked: a file the fetcher needs but does not
find would make it try a download, which fails the test.
"""

from __future__ import annotations

import warnings

import nibabel as nib
import numpy as np
import pandas as pd
import pytest
from nilearn import datasets

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


def test_abide_first_subjects(standin_data_dir):
    data = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], n_subjects=100, data_dir=standin_data_dir, verbose=0)
    assert len(data.rois_cc200) == len(data.phenotypic) == 100
    lengths = {"PITT": 196, "UM_1": 296, "USM": 236, "YALE": 196, "KKI": 152, "NYU": 176}
    for series, site in zip(data.rois_cc200, data.phenotypic["SITE_ID"]):
        assert series.shape == (lengths[site], 200)
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
    assert len(nyu.rois_cc200) >= 30
    assert all(series.shape == (176, 200) for series in nyu.rois_cc200)

    checked = datasets.fetch_abide_pcp(derivatives="rois_cc200", data_dir=standin_data_dir, verbose=0)
    everyone = datasets.fetch_abide_pcp(
        derivatives="rois_cc200", quality_checked=False, data_dir=standin_data_dir, verbose=0
    )
    assert 150 <= len(checked.rois_cc200) < len(everyone.rois_cc200) <= 250
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
