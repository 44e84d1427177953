"""Each stand-in carries the effect its lessons need, and no shortcut.

Chance-level controls (shuffled labels) guard against leaks such as a label
encoded in file order or in an artefact shared by one group only.
"""

from __future__ import annotations

import warnings

import nibabel as nib
import numpy as np
import pandas as pd
import pytest
from nilearn import datasets, signal
from nilearn.connectome import ConnectivityMeasure
from sklearn.linear_model import LogisticRegression, RidgeClassifier, RidgeCV
from sklearn.model_selection import (
    KFold,
    LeaveOneGroupOut,
    RepeatedStratifiedKFold,
    StratifiedKFold,
    cross_val_predict,
    cross_val_score,
)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

# Fixtures standin_data_dir and no_network, shared by the data test modules.
pytest_plugins = ("data_fixtures",)

pytestmark = pytest.mark.usefixtures("no_network")


@pytest.fixture(autouse=True)
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def connectome_classifier():
    return make_pipeline(StandardScaler(), LogisticRegression(C=0.05, max_iter=2000))


def shuffled(labels, seed=0):
    return np.random.default_rng(seed).permutation(labels)


# -- Development fMRI ------------------------------------------------------------------


def sphere_voxels(coordinates, affine, shape, radius_mm):
    grid = np.stack(np.meshgrid(*[np.arange(n) for n in shape], indexing="ij"), -1).reshape(-1, 3)
    world = grid @ affine[:3, :3].T + affine[:3, 3]
    return [np.flatnonzero(np.linalg.norm(world - centre, axis=1) <= radius_mm) for centre in coordinates]


@pytest.fixture(scope="module")
def development_connectomes(standin_data_dir):
    """Dosenbach-sphere time series of all 60 participants, cleaned with the
    reduced confounds the fetcher returns, as a lesson would.  (Sphere means are
    computed with numpy: NiftiSpheresMasker is ~5x slower for 160 spheres.)"""
    data = datasets.fetch_development_fmri(n_subjects=60, data_dir=standin_data_dir, verbose=0)
    coordinates = datasets.fetch_coords_dosenbach_2010().rois[["x", "y", "z"]].to_numpy()
    first = nib.load(data.func[0])
    spheres = sphere_voxels(coordinates, first.affine, first.shape[:3], 5.0)
    series = []
    for func, confounds in zip(data.func, data.confounds):
        voxels = np.asarray(nib.load(func).dataobj, dtype=np.float32).reshape(-1, 168)
        regions = np.stack([voxels[index].mean(0) for index in spheres], axis=1)
        series.append(
            signal.clean(
                regions,
                confounds=pd.read_csv(confounds, sep="\t").to_numpy(),
                detrend=True,
                standardize="zscore_sample",
                low_pass=0.1,
                high_pass=0.01,
                t_r=2.0,
            )
        )
    features = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True).fit_transform(series)
    return features, data.phenotypic.reset_index(drop=True), data.confounds


def test_children_and_adults_separate_from_connectomes(development_connectomes):
    features, phenotypes, _ = development_connectomes
    is_adult = (phenotypes["Child_Adult"] == "adult").to_numpy().astype(int)
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    accuracy = cross_val_score(connectome_classifier(), features, is_adult, cv=cv, scoring="balanced_accuracy").mean()
    control = cross_val_score(
        connectome_classifier(), features, shuffled(is_adult), cv=cv, scoring="balanced_accuracy"
    ).mean()
    print(f"child/adult balanced accuracy {accuracy:.3f}, shuffled {control:.3f}")
    assert 0.75 <= accuracy < 0.99
    assert 0.3 <= control <= 0.7


def test_age_is_predictable_among_children(development_connectomes):
    features, phenotypes, _ = development_connectomes
    children = (phenotypes["Child_Adult"] == "child").to_numpy()
    ages = phenotypes["Age"].to_numpy()[children]
    model = make_pipeline(StandardScaler(), RidgeCV(alphas=np.logspace(0, 5, 20)))
    predicted = cross_val_predict(model, features[children], ages, cv=KFold(5, shuffle=True, random_state=0))
    correlation = np.corrcoef(predicted, ages)[0, 1]
    print(f"children: r(predicted, true age) = {correlation:.3f}")
    assert correlation > 0.3


def test_children_move_more(development_connectomes):
    _, phenotypes, confound_files = development_connectomes
    mean_fd = np.array([pd.read_csv(f, sep="\t")["framewise_displacement"].mean() for f in confound_files])
    is_child = (phenotypes["Child_Adult"] == "child").to_numpy()
    assert mean_fd[is_child].mean() > 1.5 * mean_fd[~is_child].mean()


# -- ABIDE ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def abide_connectomes(standin_data_dir):
    data = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], data_dir=standin_data_dir, verbose=0)
    features = ConnectivityMeasure(
        kind="correlation", vectorize=True, discard_diagonal=True, standardize="zscore_sample"
    ).fit_transform(data.rois_cc200)
    return features, data.phenotypic.reset_index(drop=True)


def test_abide_site_is_predictable(abide_connectomes):
    features, phenotypes = abide_connectomes
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    accuracy = cross_val_score(
        connectome_classifier(), features, phenotypes["SITE_ID"], cv=cv, scoring="balanced_accuracy"
    ).mean()
    print(f"site balanced accuracy (6 sites) {accuracy:.3f}")
    assert accuracy > 0.8


def test_abide_diagnosis_is_modestly_predictable(abide_connectomes):
    features, phenotypes = abide_connectomes
    is_autistic = (phenotypes["DX_GROUP"] == 1).to_numpy().astype(int)
    cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=3, random_state=0)
    # Ridge: as good as a logistic regression here, and ten times faster.
    classifier = make_pipeline(StandardScaler(), RidgeClassifier(alpha=1e4))
    accuracy = cross_val_score(classifier, features, is_autistic, cv=cv, scoring="balanced_accuracy").mean()
    control = cross_val_score(classifier, features, shuffled(is_autistic), cv=cv, scoring="balanced_accuracy").mean()
    print(f"ASD/TC balanced accuracy {accuracy:.3f}, shuffled {control:.3f}")
    assert 0.53 <= accuracy <= 0.72, "a modest effect, as on real ABIDE"
    assert 0.35 <= control <= 0.62


def test_abide_motion_is_a_confound(abide_connectomes):
    features, phenotypes = abide_connectomes
    mean_fd = phenotypes["func_mean_fd"].to_numpy()
    is_autistic = (phenotypes["DX_GROUP"] == 1).to_numpy()
    assert mean_fd[is_autistic].mean() > mean_fd[~is_autistic].mean()
    assert np.corrcoef(mean_fd, features.mean(axis=1))[0, 1] > 0.2, "motion inflates connectivity"


# -- Haxby ----------------------------------------------------------------------------------


def test_haxby_categories_decode_from_ventral_temporal_cortex(standin_data_dir):
    data = datasets.fetch_haxby(data_dir=standin_data_dir, verbose=0)
    labels = pd.read_csv(data.session_target[0], sep=" ")
    vt = nib.load(data.mask_vt[0]).get_fdata() > 0
    # Read the gzipped image once (slicing dataobj per volume would decompress it 1452 times).
    voxels = np.asarray(nib.load(data.func[0]).dataobj, dtype=np.float32)[vt].T
    runs = labels["chunks"].to_numpy()
    voxels = signal.clean(voxels, runs=runs, detrend=True, standardize="zscore_sample")
    task = (labels["labels"] != "rest").to_numpy()
    X, y, groups = voxels[task], labels["labels"].to_numpy()[task], runs[task]

    cv = LeaveOneGroupOut()  # leave one run out: volumes within a run are not independent
    accuracy = cross_val_score(LinearSVC(C=0.01), X, y, groups=groups, cv=cv).mean()
    control = cross_val_score(LinearSVC(C=0.01), X, shuffled(y), groups=groups, cv=cv).mean()
    print(f"8-way VT accuracy {accuracy:.3f} (chance 0.125), shuffled {control:.3f}")
    assert 0.5 <= accuracy < 0.98
    assert control < 0.2
