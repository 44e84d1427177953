"""
Data leakage and double dipping
===============================

How can a classifier "decode" pure noise? Through :term:`data leakage`: any path by
which the test data influence training. We stage four classic leaks and measure
each one against its correct version: selecting :term:`feature`\\ s on all the data
before cross-validating (on simulated noise, where the truth is chance), fitting
scaling and imputation on all the data, putting samples of the same participant on
both sides of a split, and building a feature from the labels (on ABIDE
resting-state connectomes). You will learn to recognise :term:`double dipping`, to
keep every data-dependent step inside a :term:`pipeline`, and a checklist for
spotting leaks in your own analyses.
"""

# %%
# Leak 1: feature selection on all the data (pure noise)
# ------------------------------------------------------
# We simulate 80 "participants" with 10,000 "voxels" of random numbers and give
# them random labels. Nothing here can be predicted: the :term:`chance level` is
# 0.5 balanced accuracy, and a :class:`~sklearn.dummy.DummyClassifier` confirms it.
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from sklearn.dummy import DummyClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score


def make_noise(seed, n_subjects=80, n_voxels=10_000):
    """Random 'voxels' and random, balanced labels: nothing to decode."""
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n_subjects, n_voxels)), rng.permutation(np.arange(n_subjects) % 2)


X_noise, y_noise = make_noise(seed=0)
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
dummy = cross_val_score(DummyClassifier(), X_noise, y_noise, cv=cv, scoring="balanced_accuracy")
print(f"noise data {X_noise.shape}, dummy balanced accuracy {dummy.mean():.2f}")

# %%
# **THE MISTAKE.** A common analysis keeps the 20 voxels with the strongest group
# difference (a univariate F-test, :class:`~sklearn.feature_selection.SelectKBest`)
# and *then* evaluates a classifier on them by :term:`cross-validation`. The
# selection saw every participant's label, including those of the future test
# folds: among 10,000 random voxels, some differ between the groups by chance, in
# exactly these participants.
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression

X_selected = SelectKBest(f_classif, k=20).fit_transform(X_noise, y_noise)  # WRONG: uses all labels
classifier = LogisticRegression(solver="liblinear")  # liblinear: quick on small problems
leaky = cross_val_score(classifier, X_selected, y_noise, cv=cv, scoring="balanced_accuracy")
print(f"MISTAKE, selection outside cross-validation: {leaky.mean():.2f}")

# %%
# **The correct version** puts the selection in a
# :class:`~sklearn.pipeline.Pipeline`. :func:`~sklearn.model_selection.cross_val_score`
# then refits the *whole* pipeline on each training fold, so the test fold plays no
# part in choosing the voxels.
from sklearn.pipeline import make_pipeline

pipeline = make_pipeline(SelectKBest(f_classif, k=20), classifier)
honest = cross_val_score(pipeline, X_noise, y_noise, cv=cv, scoring="balanced_accuracy")
print(f"correct, selection inside the pipeline: {honest.mean():.2f}")

# %%
# One noise dataset could be a fluke, so we repeat both analyses on 15 new ones.
results = {"MISTAKE: select, then CV": [], "correct: select inside CV": []}
for seed in range(1, 16):
    X_seed, y_seed = make_noise(seed)
    X_top = SelectKBest(f_classif, k=20).fit_transform(X_seed, y_seed)
    results["MISTAKE: select, then CV"].append(
        cross_val_score(classifier, X_top, y_seed, cv=cv, scoring="balanced_accuracy").mean())
    results["correct: select inside CV"].append(
        cross_val_score(pipeline, X_seed, y_seed, cv=cv, scoring="balanced_accuracy").mean())
for name, scores in results.items():
    print(f"{name:>26}: mean {np.mean(scores):.2f}, range {np.min(scores):.2f}-{np.max(scores):.2f}")

# sphinx_gallery_start_ignore
leaky_noise, honest_noise = results.values()
# claim: "The same selection, in the same data, is a far-above-chance" (every leaky noise dataset above 0.8)
assert min(leaky_noise) > 0.8, leaky_noise
# claim: "or no finding at all depending only on" (mean of the correct analysis within 0.05 of chance)
assert abs(np.mean(honest_noise) - 0.5) < 0.05, honest_noise
# claim: "the ranges printed above do not even overlap"
assert min(leaky_noise) > max(honest_noise), (leaky_noise, honest_noise)
# sphinx_gallery_end_ignore

fig, ax = plt.subplots(figsize=(8, 3.5), layout="constrained")
bins = np.linspace(0.2, 1.0, 33)
for (name, scores), color in zip(results.items(), ["tab:red", "tab:green"]):
    ax.hist(scores, bins=bins, color=color, alpha=0.7, label=name)
ax.axvline(0.5, color="gray", linestyle="--", label="chance level")
ax.set(xlabel="cross-validated balanced accuracy", ylabel="noise datasets",
       title="Decoding pure noise: 15 simulated datasets, 80 subjects x 10,000 voxels")
ax.legend(loc="upper left")
plt.show()

# %%
# The same selection, in the same data, is a far-above-chance "finding" or no
# finding at all depending only on *where* it happens (the ranges printed above
# do not even overlap). This is
# :term:`double dipping`: the data that chose the features also judged them. The
# fix is never to be more careful by hand, it is to make every step that learns
# from data (selection, scaling, imputation, dimensionality reduction, tuning)
# part of the pipeline that is cross-validated.

# %%
# The real data: ABIDE connectomes
# --------------------------------
# For the other leaks we use resting-state data from two ABIDE sites
# (:func:`nilearn.datasets.fetch_abide_pcp`, 200-region time series): autism versus
# control, a hard problem where, on these two sites, honest scores stay close to
# chance (:ref:`sphx_glr_classic_ml_plot_06_hyperparameter_tuning.py`). One
# correlation connectome per participant
# (:class:`~nilearn.connectome.ConnectivityMeasure`, one feature per pair of
# regions: far more features than participants, see the shape printed below).
import pandas as pd
from nilearn import datasets
from nilearn.connectome import ConnectivityMeasure

abide = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], SITE_ID=["KKI", "YALE"], verbose=0)
# The size of what the fetcher read (and, the first time, downloaded): one text file per participant.
series_dir = next(Path(d, "ABIDE_pcp", "cpac", "nofilt_noglobal") for d in datasets.get_data_dirs()
                  if Path(d, "ABIDE_pcp").is_dir())
megabytes = sum((series_dir / f"{i}_rois_cc200.1D").stat().st_size for i in abide.phenotypic["FILE_ID"]) / 1e6
print(f"{len(abide.phenotypic)} participants of {', '.join(sorted(set(abide.phenotypic['SITE_ID'])))}: "
      f"{megabytes:.0f} MB of region time series")
y = (abide.phenotypic["DX_GROUP"] == 1).to_numpy().astype(int)  # 1 = autism
print(pd.crosstab(abide.phenotypic["SITE_ID"], np.where(y == 1, "autism", "control"), colnames=["diagnosis"]))

connectivity = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True)
X = connectivity.fit_transform(abide.rois_cc200)
print("connectomes:", X.shape)

# sphinx_gallery_start_ignore
# claim: "far more features than participants" (at least 100 times more)
assert X.shape[1] > 100 * X.shape[0], X.shape
# sphinx_gallery_end_ignore

# %%
# Leak 2: scaling and imputation fitted on all the data
# -----------------------------------------------------
# Real tables have holes. To have some, we delete 10 % of the connectome values at
# random (simulated missingness), then fill them with the feature's mean
# (:class:`~sklearn.impute.SimpleImputer`) and standardize every feature
# (:class:`~sklearn.preprocessing.StandardScaler`) before a strongly regularized
# linear SVM (:class:`~sklearn.svm.LinearSVC`). **THE MISTAKE** computes the means and standard
# deviations on all participants; the correct version does it inside the pipeline,
# on each training fold. One split is a random draw, so we repeat the comparison
# with ten different 3-fold splits.
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC, LinearSVC

rng = np.random.default_rng(0)
X_missing = X.copy()
X_missing[rng.random(X.shape) < 0.10] = np.nan

X_prepared = StandardScaler().fit_transform(SimpleImputer().fit_transform(X_missing))  # WRONG: all subjects
preprocessing = {"MISTAKE: fitted on all": [], "correct: in pipeline": []}
for repeat in range(10):
    split = StratifiedKFold(n_splits=3, shuffle=True, random_state=repeat)
    preprocessing["MISTAKE: fitted on all"].append(
        cross_val_score(LinearSVC(C=0.001), X_prepared, y, cv=split, scoring="balanced_accuracy").mean())
    preprocessing["correct: in pipeline"].append(cross_val_score(
        make_pipeline(SimpleImputer(), StandardScaler(), LinearSVC(C=0.001)),
        X_missing, y, cv=split, scoring="balanced_accuracy").mean())
difference = np.subtract(*preprocessing.values())
for name, scores in preprocessing.items():
    print(f"{name:>22}: mean {np.mean(scores):.3f} (range {np.min(scores):.3f}-{np.max(scores):.3f})")
print(f"difference (mistake - correct): mean {difference.mean():+.3f}, "
      f"from {difference.min():+.3f} to {difference.max():+.3f} over the splits")
correct_scores = preprocessing["correct: in pipeline"]
print(f"for comparison, spread of the correct score across splits: {np.ptp(correct_scores):.3f}")

# sphinx_gallery_start_ignore
# claim: "much smaller than the spread of the correct score" (less than a quarter of it)
assert abs(difference.mean()) < 0.25 * np.ptp(correct_scores), (difference, np.ptp(correct_scores))
# claim: "its sign is not even the same on every split"
assert (difference > 0).any() and (difference < 0).any(), difference
# sphinx_gallery_end_ignore

# %%
# Be honest about the size of this one: the mean difference printed above is
# much smaller than the spread of the correct score from one random split to
# another, and its sign is not even the same on every split. This leak is
# usually small, because means and standard deviations estimated on two thirds
# or on all of the participants are nearly the same, and they do not involve
# the labels. It is still a leak (with few
# participants, strong outliers or site-specific scaling it can matter), and the
# pipeline costs nothing, so do it right; but it does not explain a spectacular
# result. Leaks that involve the *labels*, like leak 1 and leak 4, do.

# %%
# Leak 3: the same participant on both sides of the split
# -------------------------------------------------------
# Cutting each participant's scan into windows gives more samples: here two
# windows per participant, each with its own connectome. But the label
# (diagnosis) belongs to the participant, and windows of the same brain look alike.
# First the evidence: how similar are two window connectomes, depending on whose
# they are?
n_windows = 2
windows, subject, y_windows = [], [], []
for index, time_series in enumerate(abide.rois_cc200):
    for part in np.array_split(time_series, n_windows):
        windows.append(part)
        subject.append(index)
        y_windows.append(y[index])
subject, y_windows = np.array(subject), np.array(y_windows)
X_windows = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True).fit_transform(windows)
lengths = [len(part) for part in windows]
print(f"{len(windows)} windows of {min(lengths)}-{max(lengths)} volumes, connectomes {X_windows.shape}")

similarity = np.corrcoef(X_windows)
site = abide.phenotypic["SITE_ID"].to_numpy()[subject]
same = subject[:, None] == subject[None, :]
same_site = site[:, None] == site[None, :]
off_diagonal = ~np.eye(len(subject), dtype=bool)
pairs = {
    "same participant": same & off_diagonal,
    "other participant, same site": same_site & ~same,
    "other participant, other site": ~same_site,
}
for name, mask in pairs.items():
    print(f"mean correlation between windows, {name}: {similarity[mask].mean():.2f}")

# sphinx_gallery_start_ignore
mean_similarity = {name: similarity[mask].mean() for name, mask in pairs.items()}
# claim: "Windows from two different sites differ most"
assert mean_similarity["other participant, other site"] < mean_similarity["other participant, same site"]
# claim: "two windows of the same participant are more alike than windows of two"
assert mean_similarity["same participant"] > mean_similarity["other participant, same site"], mean_similarity
# sphinx_gallery_end_ignore

fig, ax = plt.subplots(figsize=(8, 3.8), layout="constrained")
bins = np.linspace(similarity[off_diagonal].min(), similarity[off_diagonal].max(), 50)
for (name, mask), color in zip(pairs.items(), ["tab:orange", "tab:blue", "tab:gray"]):
    ax.hist(similarity[mask], bins=bins, density=True, alpha=0.6, color=color, label=name)
ax.set(xlabel="correlation between two window connectomes", ylabel="density (pairs of windows)",
       title="Windows of the same participant look alike: a connectivity fingerprint")
ax.legend()
plt.show()

# %%
# Windows from two different sites differ most (the site effect, see
# :ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py`), but even within a
# site, two windows of the same participant are more alike than windows of two
# different participants: a "fingerprint". With
# :class:`~sklearn.model_selection.KFold`, windows are dealt out at random, so a
# test window usually has a sibling in the training set: the model can recognise
# the person and return their label. :class:`~sklearn.model_selection.GroupKFold`
# (:term:`group k-fold`) keeps all windows of a participant in the same fold.
# To fit quickly we use a linear SVM on precomputed dot products, exactly as in
# :ref:`sphx_glr_classic_ml_plot_06_hyperparameter_tuning.py`; we repeat both
# schemes with ten different shuffles.
from sklearn.model_selection import GroupKFold, KFold

kernel = X_windows @ X_windows.T
svm = SVC(kernel="precomputed")
splits = {"MISTAKE: KFold on windows": [], "correct: GroupKFold by participant": []}
for seed in range(10):
    splits["MISTAKE: KFold on windows"].append(cross_val_score(
        svm, kernel, y_windows, cv=KFold(5, shuffle=True, random_state=seed), scoring="balanced_accuracy").mean())
    splits["correct: GroupKFold by participant"].append(cross_val_score(
        svm, kernel, y_windows, groups=subject, cv=GroupKFold(5, shuffle=True, random_state=seed),
        scoring="balanced_accuracy").mean())
for name, scores in splits.items():
    print(f"{name:>36}: mean {np.mean(scores):.3f} (range {np.min(scores):.3f}-{np.max(scores):.3f})")

# sphinx_gallery_start_ignore
window_leaky, window_grouped = splits.values()
# claim: "every shuffle of KFold scores above every shuffle of GroupKFold"
assert min(window_leaky) > max(window_grouped), splits
# claim: "the grouped score stays close to chance" (mean within 0.05 of 0.5)
assert abs(np.mean(window_grouped) - 0.5) < 0.05, window_grouped
# claim: "a near-chance diagnosis into a high score" (take-home; every KFold shuffle above 0.7)
assert min(window_leaky) > 0.7, window_leaky
# sphinx_gallery_end_ignore

# %%
# The fingerprint is enough to fake a result: every shuffle of KFold scores
# above every shuffle of GroupKFold, and the grouped score stays close to
# chance, like the participant-level scores of
# :ref:`sphx_glr_classic_ml_plot_06_hyperparameter_tuning.py`. The diagnosis did
# not become easier to predict; the model recognised people it had already seen.
# Only the grouped score answers the question we care about, "does this work for
# a *new* person?". The same leak appears with several sessions, runs or trials
# per participant, with siblings and twins, and with augmented copies of a scan:
# whatever makes samples non-independent must define the groups.

# %%
# Leak 4: a feature built from the labels
# ---------------------------------------
# A tempting feature: how much does a participant's connectome resemble the
# "autism pattern", the difference between the mean autism connectome and the mean
# control connectome? **THE MISTAKE** computes that difference map from all
# participants, then cross-validates a classifier on the resulting single score.
# Each participant's own connectome, with its label, helped build the map it is
# scored against.
difference_map = X[y == 1].mean(axis=0) - X[y == 0].mean(axis=0)  # WRONG: uses every label
similarity_to_map = (X @ difference_map)[:, None]

# %%
# **The correct version** makes the map a step of the pipeline: a tiny
# transformer whose ``fit`` computes the difference of the class means from the
# training fold only, and whose ``transform`` scores any participant against it.
from sklearn.base import BaseEstimator, TransformerMixin


class DifferenceMapScore(TransformerMixin, BaseEstimator):
    """Project each sample on the class-1 minus class-0 mean pattern of the training data."""

    def fit(self, X, y):
        self.map_ = X[y == 1].mean(axis=0) - X[y == 0].mean(axis=0)
        return self

    def transform(self, X):
        return (X @ self.map_)[:, None]


target_features = {"MISTAKE: map from all": [], "correct: map in pipeline": []}
for repeat in range(3):
    split = StratifiedKFold(n_splits=5, shuffle=True, random_state=repeat)
    target_features["MISTAKE: map from all"].append(cross_val_score(
        make_pipeline(StandardScaler(), classifier), similarity_to_map, y, cv=split,
        scoring="balanced_accuracy").mean())
    target_features["correct: map in pipeline"].append(cross_val_score(
        make_pipeline(DifferenceMapScore(), StandardScaler(), classifier), X, y, cv=split,
        scoring="balanced_accuracy").mean())
for name, scores in target_features.items():
    print(f"{name:>24}: mean {np.mean(scores):.3f} (per split {np.round(scores, 3)})")

# sphinx_gallery_start_ignore
map_leaky, map_pipeline = target_features.values()
# claim: "the leaky single score looks informative" (every leaky split above every pipeline split)
assert min(map_leaky) > max(map_pipeline), target_features
# claim: "the honest answer is close to chance" (mean within 0.05 of 0.5)
assert abs(np.mean(map_pipeline) - 0.5) < 0.05, map_pipeline
# claim: "on some splits it even falls slightly below chance"
assert min(map_pipeline) < 0.5, map_pipeline
# sphinx_gallery_end_ignore

# %%
# With far more features than participants, each person's own connectome pulls
# the map towards itself, so the leaky single score looks informative: it beats
# the pipeline on every split. In the pipeline, the honest answer is close to
# chance, and on some splits it even falls slightly below chance, because the
# class mean computed without a participant is pulled away from them. The same trap hides in
# "regions of interest" drawn from a group analysis of the same participants, in
# templates or prototypes built per class, and in any feature whose definition
# mentions the label.

# %%
# All four leaks side by side
# ---------------------------
# Each dot is one repetition (a new noise dataset or a new split), for the
# leaky analysis and its correct version.
comparisons = [
    ("1. feature selection\n(noise)", results),
    ("2. scaling + imputation\n(ABIDE)", preprocessing),
    ("3. windows of the same\nparticipant (ABIDE)", splits),
    ("4. feature built from\nthe labels (ABIDE)", target_features),
]
fig, ax = plt.subplots(figsize=(10, 4.2), layout="constrained")
for position, (_name, scores) in enumerate(comparisons):
    for offset, values, color in zip([-0.15, 0.15], scores.values(), ["tab:red", "tab:green"]):
        jitter = np.linspace(-0.05, 0.05, len(values))
        ax.plot(position + offset + jitter, values, "o", color=color, alpha=0.7,
                label=["leaky analysis (the mistake)", "correct analysis"][offset > 0] if position == 0 else None)
        ax.plot([position + offset - 0.1, position + offset + 0.1], [np.mean(values)] * 2, color="k")
ax.axhline(0.5, color="gray", linestyle="--", label="chance level")
ax.set(xticks=range(len(comparisons)), xticklabels=[name for name, _ in comparisons],
       ylabel="cross-validated balanced accuracy", xlim=(-0.5, len(comparisons) - 0.5))
ax.legend(loc="upper right")
fig.suptitle("Four leaks, measured: leaky (red) vs correct (green) analysis; black bars are means")
plt.show()

# %%
# How to spot leakage: a checklist
# --------------------------------
#
# * **Too good to be true?** Compare with published effects and with a dummy
#   baseline. A large jump in accuracy after a "small" analysis change is suspect.
# * **Shuffle the labels** and rerun the *entire* analysis, selection and
#   preprocessing included: the result must be chance. Leak 1 fails this test.
# * **Trace every step that learns from data** (selection, scaling, imputation,
#   PCA/ICA, confound regression, harmonization, tuning): each must be fitted on
#   training data only, i.e. live inside the pipeline.
# * **Ask "what is one independent unit?"** (a participant, a family, a site)
#   and split by it. Windows, runs, trials, hemispheres and augmented copies are
#   not independent samples.
# * **Read every feature's definition**: if it mentions the label or a group
#   statistic, it must be recomputed inside each training fold.
# * **Keep a final test set** locked away until the analysis is frozen, and
#   tune hyperparameters with :term:`nested cross-validation`.

# %%
# .. admonition:: Exercise: does selecting more voxels make leak 1 smaller?
#    :class: exercise
#
#    On the first noise dataset (``X_noise``, ``y_noise``), keep 200 voxels instead
#    of 20. Predict first: with more voxels selected, each one chosen less
#    strictly, does the leaky score move towards chance or stay far above it?
#    Compute the leaky analysis (selection on all the data, then cross-validation
#    of ``classifier`` on ``cv``) and the correct one (selection inside the
#    pipeline) with ``k=200``, and store the two mean balanced accuracies in
#    ``leaky_200`` and ``honest_200``.

# exercise: solution
# starter: leaky_200 = ...  # your code here: select 200 voxels on all the data, then cross-validate
# starter: honest_200 = ...  # your code here: the same with the selection inside the pipeline
X_top_200 = SelectKBest(f_classif, k=200).fit_transform(X_noise, y_noise)  # the mistake, on purpose
leaky_200 = cross_val_score(classifier, X_top_200, y_noise, cv=cv, scoring="balanced_accuracy").mean()
honest_200 = cross_val_score(make_pipeline(SelectKBest(f_classif, k=200), classifier), X_noise, y_noise,
                             cv=cv, scoring="balanced_accuracy").mean()
print(f"k=200: leaky {leaky_200:.2f}, correct {honest_200:.2f} (k=20: {leaky.mean():.2f}, {honest.mean():.2f})")

# %%

# exercise: check
if not all(isinstance(v, (float, np.floating)) for v in (leaky_200, honest_200)):
    print("Not yet: store two floats (the means of the fold scores) in leaky_200 and honest_200.")
elif not all(0 <= v <= 1 for v in (leaky_200, honest_200)):
    print("Not yet: balanced accuracies lie between 0 and 1.")
elif np.isclose(leaky_200, honest_200):
    print("Not yet: the two analyses give the same score; the leaky one selects on all 80 participants "
          "before cross_val_score, the correct one inside make_pipeline.")
else:
    print(f"Correct: leaky {leaky_200:.2f}, correct {honest_200:.2f} on pure noise. "
          + ("Selecting more voxels does not remove the leak: every selected voxel was chosen with the test "
             "participants' labels." if leaky_200 > 0.7 else "With 200 voxels the leak is much smaller here."))

# %%
# .. admonition:: Exercise: does leak 4 fail the shuffle test?
#    :class: exercise
#
#    The checklist says: shuffle the labels and rerun the *entire* analysis. Do it
#    for the leaky version of leak 4: shuffle ``y`` with
#    ``np.random.default_rng(0).permutation(y)``, rebuild the difference map from
#    all participants with the shuffled labels, score every participant against it,
#    and cross-validate ``make_pipeline(StandardScaler(), classifier)`` on that single
#    feature with ``StratifiedKFold(5, shuffle=True, random_state=0)``. Predict the
#    result, then store the mean balanced accuracy in ``leaky_map_shuffled``.

# exercise: solution
# starter: leaky_map_shuffled = ...  # your code here: the leaky leak-4 analysis on shuffled labels
y_shuffled = np.random.default_rng(0).permutation(y)
shuffled_map = X[y_shuffled == 1].mean(axis=0) - X[y_shuffled == 0].mean(axis=0)  # the mistake, on purpose
leaky_map_shuffled = cross_val_score(
    make_pipeline(StandardScaler(), classifier), (X @ shuffled_map)[:, None], y_shuffled,
    cv=StratifiedKFold(5, shuffle=True, random_state=0), scoring="balanced_accuracy").mean()
print(f"leaky difference map, shuffled labels: {leaky_map_shuffled:.2f}")

# %%

# exercise: check
if not isinstance(leaky_map_shuffled, (float, np.floating)):
    print("Not yet: store the mean balanced accuracy (a float) in leaky_map_shuffled.")
elif not 0 <= leaky_map_shuffled <= 1:
    print("Not yet: a balanced accuracy lies between 0 and 1.")
else:
    print(f"Correct: {leaky_map_shuffled:.2f} with labels that carry no information (chance is 0.5). "
          + ("The leaky analysis fails the shuffle test: its score comes from the map, not from autism."
             if leaky_map_shuffled > 0.6 else "Here the shuffled labels bring it back near chance."))

# %%
# Take-home
# ---------
#
# * :term:`data leakage` makes scores optimistic, sometimes hugely: selecting
#   features on all the data decodes pure noise far above chance.
# * Put every data-dependent step in a :class:`~sklearn.pipeline.Pipeline` and
#   cross-validate the whole pipeline. That removes leaks 1, 2 and 4 at once.
# * Split by participant (:term:`group k-fold`) whenever a participant contributes
#   several samples: on ABIDE, windows of the same participant on both sides of
#   the split turned a near-chance diagnosis into a high score.
# * Not all leaks are equal: label-based leaks can create results from nothing;
#   label-free preprocessing leaks are usually small. Measure, do not guess.
#
# :ref:`sphx_glr_classic_ml_plot_04_cross_validation.py` introduces the
# splitting schemes and :ref:`sphx_glr_classic_ml_plot_06_hyperparameter_tuning.py`
# the optimism of tuning. Next,
# :ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py` deals with
# information that is not a leak but still misleads: confounds such as site, age
# and motion.

# sphinx_gallery_thumbnail_number = 3
