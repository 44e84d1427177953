"""
Model families side by side: adult or minor, from a connectome?
===============================================================

Does the choice of :term:`model` matter when the features are a functional
:term:`connectome`? We take resting-state region time series of two ABIDE sites
(PITT and USM), turn each participant into a vector of about 20 000 correlations, and ask
five classic model families (logistic regression, a linear support vector machine,
k-nearest neighbours, a random forest and a kernel SVM) the same
:term:`classification` question: is this person an adult (18 or older) or a minor?
All models see the same folds of the same :term:`cross-validation` and are compared
with a dummy :term:`baseline`.

You will learn what each family assumes, why "many more features than subjects"
(p >> n) favours regularized linear models for connectomes, what decision
boundaries look like in a 2-D projection, and what each model costs to fit.
"""

# %%
# The data: two sites, both age groups at each
# --------------------------------------------
# :func:`nilearn.datasets.fetch_abide_pcp` returns, for each participant, the
# time series of 200 regions (``rois_cc200``: one row per volume, one column per
# region) and the phenotype table. We keep the two sites that cover both
# children and adults; a site made only of children would let a model find the
# *site* instead of the age (see
# :ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py`).
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from nilearn import datasets

abide = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], SITE_ID=["PITT", "USM"], verbose=0)
# The size of what the fetcher read (and, the first time, downloaded): one text file per participant.
series_dir = next(Path(d, "ABIDE_pcp", "cpac", "nofilt_noglobal") for d in datasets.get_data_dirs()
                  if Path(d, "ABIDE_pcp").is_dir())
megabytes = sum((series_dir / f"{i}_rois_cc200.1D").stat().st_size for i in abide.phenotypic["FILE_ID"]) / 1e6
print(f"{len(abide.phenotypic)} participants of {', '.join(sorted(set(abide.phenotypic['SITE_ID'])))}: "
      f"{megabytes:.0f} MB of region time series")
phenotypes = abide.phenotypic
age = phenotypes["AGE_AT_SCAN"].to_numpy()
y = (age >= 18).astype(int)  # 1 = adult, 0 = minor
group = np.where(y == 1, "adult (18+)", "minor (<18)")
print(f"{len(abide.rois_cc200)} participants; first time series: {abide.rois_cc200[0].shape}")
print(pd.crosstab(phenotypes["SITE_ID"], group))

# %%
# Regions without signal
# ----------------------
# In a few real scans, a region's time series is constant: part of the region
# lies outside the scan's field of view, so the preprocessing had no signal to
# average there. A correlation with a constant is undefined (nilearn silently
# returns 0, which would pose as a measured "no coupling"). We look for such
# regions in every participant of the page and drop them for everyone, so that
# every connectome has the same connections and no value is invented.
series = abide.rois_cc200
flat = np.array([signals.std(axis=0) == 0 for signals in series])  # participants x regions
keep = ~flat.any(axis=0)
print(f"{flat.any(axis=1).sum()} participant(s) have regions without signal: "
      f"dropping {np.sum(~keep)} of {keep.size} regions for everyone")
series = [signals[:, keep] for signals in series]

# %%
# Features: one connectome per participant
# ----------------------------------------
# :class:`~nilearn.connectome.ConnectivityMeasure` correlates every pair of
# regions. With ``vectorize=True, discard_diagonal=True`` it keeps the
# n × (n - 1) / 2 values below the diagonal for n regions (the count is printed
# below), one row per participant: the :term:`feature` matrix.
#
# Should this step sit inside the cross-validation loop? Only if it learns
# something from *several* participants. A correlation matrix is computed from
# one participant's own time series, so the same participant gets the same
# connectome whatever the other participants are: computing all connectomes once,
# before splitting, leaks nothing. (The ``"tangent"`` kind is different: it
# estimates a group mean, and would have to be refitted in each training fold.)
# The scaling step below, by contrast, learns means and variances across
# participants, so it goes inside the pipeline.
from nilearn.connectome import ConnectivityMeasure

connectivity = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True)
X = connectivity.fit_transform(series)
n_subjects, n_features = X.shape
print(f"X: {n_subjects} participants × {n_features} features "
      f"({n_features / n_subjects:.0f} features per participant)")

# %%
# Five families and a baseline
# ----------------------------
# Each model is a :func:`~sklearn.pipeline.make_pipeline` of a
# :class:`~sklearn.preprocessing.StandardScaler` and an estimator, so that the
# scaling is learnt from the training folds only. Minors are the smaller class,
# so the models that allow it weight the classes equally
# (``class_weight="balanced"``) and we score with balanced accuracy, whose
# :term:`chance level` is 0.5 whatever the class sizes.
#
# * :class:`~sklearn.linear_model.LogisticRegression`: a weighted sum of the
#   features passed through a sigmoid; the L2 penalty (strength ``1 / C``) is its
#   :term:`regularization`.
# * :class:`~sklearn.svm.LinearSVC`: also a weighted sum, but it maximises the
#   margin between the classes; ``C`` plays the same role.
# * :class:`~sklearn.neighbors.KNeighborsClassifier`: no training at all; a new
#   participant gets the majority label of the 5 most similar training
#   participants (Euclidean distance between connectomes).
# * :class:`~sklearn.ensemble.RandomForestClassifier`: many decision trees, each
#   grown on a bootstrap sample and asking yes/no questions about single
#   features; the forest votes.
# * :class:`~sklearn.svm.SVC` with an RBF kernel: a weighted vote of training
#   participants, weighted by similarity; it can draw curved boundaries.
# * :class:`~sklearn.dummy.DummyClassifier`: ignores the connectome.
#
# We keep each family's default :term:`hyperparameter`\ s (tuning them is the topic
# of :ref:`sphx_glr_classic_ml_plot_06_hyperparameter_tuning.py`), so this is a
# comparison of *families out of the box*, not of their best versions.
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC, LinearSVC

models = {
    "dummy": DummyClassifier(strategy="most_frequent"),
    "logistic regression": LogisticRegression(class_weight="balanced", solver="liblinear"),
    "linear SVM": LinearSVC(class_weight="balanced"),
    "kNN (k=5)": KNeighborsClassifier(n_neighbors=5),
    "random forest": RandomForestClassifier(n_estimators=200, class_weight="balanced", random_state=0),
    "RBF SVM": SVC(kernel="rbf", class_weight="balanced"),
}
pipelines = {name: make_pipeline(StandardScaler(), model) for name, model in models.items()}

# %%
# The same folds for everyone
# ---------------------------
# Each participant contributes exactly one connectome, so the samples are
# independent and a plain k-fold split keeps every person on one side of it (with
# several scans per person we would need :term:`group k-fold` instead).
# :class:`~sklearn.model_selection.StratifiedKFold` additionally keeps the share
# of minors the same in every fold (:term:`stratification`): with few minors, a
# fold without any would give a meaningless score. Passing the *same* ``cv``
# object with a fixed ``random_state`` to every model means that all models are
# tested on identical folds, so their fold-by-fold scores can be compared.
from sklearn.model_selection import StratifiedKFold, cross_validate

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
test_sizes = [len(test) for _, test in cv.split(X, y)]
print(f"test folds of {min(test_sizes)} to {max(test_sizes)} participants, "
      f"training sets of {n_subjects - max(test_sizes)} to {n_subjects - min(test_sizes)}")
results = {}
for name, pipeline in pipelines.items():
    results[name] = cross_validate(pipeline, X, y, cv=cv, scoring="balanced_accuracy",
                                   return_train_score=True)

summary = pd.DataFrame({
    name: {"test (mean)": r["test_score"].mean(), "test (sd)": r["test_score"].std(),
           "train (mean)": r["train_score"].mean(), "fit time (s)": r["fit_time"].mean()}
    for name, r in results.items()
}).T
print(summary.round(2).to_string())
# sphinx_gallery_start_ignore
families = [name for name in summary.index if name != "dummy"]
close = ["logistic regression", "linear SVM", "random forest", "RBF SVM"]
# claim: "the mean test score of every family is above that of the dummy"
assert (summary.loc[families, "test (mean)"] > summary.loc["dummy", "test (mean)"]).all(), summary
# claim: "kNN has the lowest mean of the five families"
assert summary.loc[families, "test (mean)"].idxmin() == "kNN (k=5)", summary
# claim: "are smaller than the typical spread across folds" (gap < mean fold sd of those four)
gap = np.ptp(summary.loc[close, "test (mean)"])
assert gap < summary.loc[close, "test (sd)"].mean(), (gap, summary)
# claim: "only the deficit of kNN is larger than the typical spread" (best mean - kNN mean > mean fold sd)
deficit = summary.loc[families, "test (mean)"].max() - summary.loc["kNN (k=5)", "test (mean)"]
assert deficit > summary.loc[families, "test (sd)"].mean(), (deficit, summary)
# claim: "all score at or near 1 on their training participants" (near = above 0.95)
assert (summary.loc[close, "train (mean)"] > 0.95).all(), summary
# claim: "hundreds of times more features than training participants"
assert n_features / (n_subjects - min(test_sizes)) > 100, (n_features, test_sizes)
# sphinx_gallery_end_ignore

# %%
# Scores across folds, and what they cost
# ---------------------------------------
# Read the table first: the mean test score of every family is above that of the
# dummy, and kNN has the lowest mean of the five families. Each dot in the left
# panel below is one test fold (the fold sizes are printed above the table). The
# spread is large: one or two participants more or fewer correctly classified
# move the balanced accuracy by a few points, and the differences between the
# logistic regression, the linear SVM, the forest and the RBF SVM are smaller
# than the typical spread across folds. Their order in the table is therefore
# not a finding: with gaps this small, another shuffling of the same
# participants into folds (another ``random_state``) could reorder them. Such
# differences are not evidence that one family is better
# (:ref:`sphx_glr_classic_ml_plot_05_uncertainty.py` quantifies this); only the
# deficit of kNN is larger than the typical spread. The right
# panel shows the mean time to fit one model on the training folds, measured in
# this run (it depends on the machine and on what else it is doing).
names = list(results)
rng = np.random.default_rng(0)
fig, (ax_score, ax_time) = plt.subplots(1, 2, figsize=(11, 4), layout="constrained",
                                        gridspec_kw={"width_ratios": [2, 1]})
for i, name in enumerate(names):
    scores = results[name]["test_score"]
    ax_score.scatter(np.full(scores.size, i) + rng.uniform(-0.12, 0.12, scores.size), scores,
                     color="tab:blue", alpha=0.7, label="test fold" if i == 0 else None)
    ax_score.errorbar(i + 0.3, scores.mean(), yerr=scores.std(), fmt="o", color="black",
                      capsize=4, label="mean ± sd" if i == 0 else None)
    ax_score.scatter(i + 0.3, results[name]["train_score"].mean(), marker="x", color="tab:red",
                     label="training score (mean)" if i == 0 else None)
ax_score.axhline(0.5, color="grey", linestyle="--", label="chance level")
ax_score.set(xticks=range(len(names)), ylabel="balanced accuracy", ylim=(0.2, 1.05),
             title="Cross-validated scores (5 stratified folds)")
ax_score.set_xticklabels(names, rotation=20)
ax_score.legend(loc="lower right", fontsize="small")
fit_times = [results[name]["fit_time"].mean() for name in names]
ax_time.barh(names, fit_times, color="tab:grey")
ax_time.set(xscale="log", xlabel="mean fit time per fold (s, log scale)", title="Cost of fitting")
ax_time.invert_yaxis()
fig.suptitle(f"Adults vs minors from {n_features} connectivity features, {n_subjects} participants")
plt.show()

# %%
# Why the training score is useless here: p >> n
# ----------------------------------------------
# Look at the red crosses: the linear models, the forest and the RBF SVM all
# score at or near 1 on their training participants. With hundreds of times
# more features than training participants (both counts are printed above),
# there are far more adjustable weights than examples: a linear
# model can always find a hyperplane that separates the training participants
# perfectly, even if the labels were random. A training score near 1 therefore
# says nothing; only the test folds measure learning. This is
# :term:`overfitting` waiting to happen, and it is why the linear models are
# *regularized*: the penalty prefers small, spread-out weights, which turns "any
# separating hyperplane" into "the simplest one", and simple boundaries are the
# ones that carry over to new people. With so few samples per feature, the
# flexibility of the other families bought no gain larger than the spread across
# folds (see the table); the linear models get there at a low cost, with one
# weight per connection that can be read, which is why a regularized linear
# model is the default first choice for connectomes.
#
# The other families face their own difficulties here:
#
# * **kNN** relies on distances, and in high dimensions distances concentrate:
#   the nearest and the farthest participant are almost equally far away, so
#   "nearest" carries little information. The numbers below measure this on our
#   data (0 would mean that everyone is at the same distance): the contrast is
#   smallest with all the features and grows as PCA keeps fewer components.
# * **Random forests** split on one feature at a time. Each of the thousands of
#   edges carries a tiny part of a distributed effect, so single-feature questions
#   are weak, and with fewer than a hundred participants each tree sees very few
#   examples per split.
# * **The RBF SVM** compares participants with a similarity that is again based
#   on distances; its flexibility (curved boundaries) buys nothing when there is
#   too little data to place a curve.
from scipy.spatial.distance import pdist, squareform
from sklearn.decomposition import PCA


def distance_contrast(features):
    """Median over participants of (farthest - nearest) / nearest distance."""
    distances = squareform(pdist(features))
    np.fill_diagonal(distances, np.nan)
    nearest, farthest = np.nanmin(distances, axis=1), np.nanmax(distances, axis=1)
    return np.median((farthest - nearest) / nearest)


X_scaled = StandardScaler().fit_transform(X)
contrast = {n_features: distance_contrast(X_scaled)}
print(f"distance contrast with all {n_features} features: {contrast[n_features]:.2f}")
for n_components in (10, 2):
    X_low = PCA(n_components=n_components, svd_solver="arpack", random_state=0).fit_transform(X_scaled)
    contrast[n_components] = distance_contrast(X_low)
    print(f"distance contrast with {n_components:>2} principal components: {contrast[n_components]:.2f}")
# sphinx_gallery_start_ignore
# claim: "the contrast is smallest with all the features and grows as PCA keeps fewer components"
assert contrast[n_features] < contrast[10] < contrast[2], contrast
# sphinx_gallery_end_ignore

# %%
# Decision boundaries in two dimensions
# -------------------------------------
# We cannot draw a boundary in thousands of dimensions, but we can squeeze the
# connectomes into two with :term:`principal component analysis` (PCA, see
# :ref:`sphx_glr_classic_ml_plot_03_unsupervised.py`) and refit every model
# there. To stay honest, the scaler and the PCA are fitted on the training
# participants of one split only; the test participants are then projected with
# that same fit. First, what do the two components capture?
from scipy import stats
from sklearn.base import clone
from sklearn.inspection import DecisionBoundaryDisplay
from sklearn.metrics import balanced_accuracy_score

# (``svd_solver="arpack"`` computes only the few components we ask for, which is
# fast for a short and very wide matrix like ours.)
two_components = PCA(n_components=2, svd_solver="arpack", random_state=0)
train, test = next(cv.split(X, y))
projection = make_pipeline(StandardScaler(), two_components).fit(X[train])
Z_train, Z_test = projection.transform(X[train]), projection.transform(X[test])
explained = projection[-1].explained_variance_ratio_
known = pd.DataFrame({  # what we know about the training participants
    "age": age[train],
    "site (USM=1)": (phenotypes["SITE_ID"].to_numpy()[train] == "USM").astype(float),
    "mean FD (motion)": phenotypes["func_mean_fd"].to_numpy()[train],
    "mean correlation": X[train].mean(axis=1),  # the overall level of each connectome
})
pc_correlations = pd.DataFrame(
    {f"PC {c + 1}": [np.corrcoef(Z_train[:, c], known[k])[0, 1] for k in known] for c in (0, 1)},
    index=known.columns)
print("correlation of the component scores with (training participants):")
print(pc_correlations.round(2).to_string())
age_test = stats.pearsonr(Z_train[:, 0], age[train])
print(f"PC 1 against age: r = {age_test.statistic:+.2f}, p = {age_test.pvalue:.2f} "
      f"({train.size} training participants)")
# sphinx_gallery_start_ignore
# claim: "PC 1 is, almost exactly, the mean correlation of each participant" (|r| > 0.95)
assert abs(pc_correlations.loc["mean correlation", "PC 1"]) > 0.95, pc_correlations
# claim: "PC 1 is not significantly correlated with age" (Pearson p >= 0.05 over the training participants)
assert age_test.pvalue >= 0.05, age_test
# claim: "PC 2 follows head motion more closely than age or site"
assert (abs(pc_correlations.loc["mean FD (motion)", "PC 2"])
        > abs(pc_correlations.loc[["age", "site (USM=1)"], "PC 2"]).max()), pc_correlations
# sphinx_gallery_end_ignore

# %%
# Each panel shows one model's predicted class over the plane (shading), the
# training participants (dots) and the test participants (crosses), with the
# test balanced accuracy of this one split in the title.
from matplotlib.colors import ListedColormap

colors = np.array(["tab:orange", "tab:blue"])
fig, axes = plt.subplots(2, 3, figsize=(11, 7), layout="constrained", sharex=True, sharey=True)
split_scores_2d = {}
for ax, (name, model) in zip(axes.flat, models.items()):
    model_2d = make_pipeline(StandardScaler(), clone(model)).fit(Z_train, y[train])
    score = split_scores_2d[name] = balanced_accuracy_score(y[test], model_2d.predict(Z_test))
    DecisionBoundaryDisplay.from_estimator(
        model_2d, Z_train, response_method="predict", plot_method="pcolormesh",
        cmap=ListedColormap(colors), vmin=0, vmax=1, alpha=0.2, ax=ax, grid_resolution=150,
        xlabel=f"PC 1 ({explained[0]:.0%} of variance)", ylabel=f"PC 2 ({explained[1]:.0%} of variance)",
    )
    ax.scatter(*Z_train.T, c=colors[y[train]], s=18, edgecolor="k", linewidth=0.3)
    ax.scatter(*Z_test.T, c=colors[y[test]], s=40, marker="X", edgecolor="k", linewidth=0.5)
    ax.set_title(f"{name}: test {score:.2f}")
for ax in axes[0]:
    ax.set_xlabel("")
for ax in axes[:, 1:].flat:
    ax.set_ylabel("")
handles = [plt.Line2D([], [], marker=m, color="w", markerfacecolor=c, markeredgecolor="k", markersize=8,
                      label=f"{label} ({role})")
           for c, label in zip(colors, ["minor", "adult"]) for m, role in [("o", "train"), ("X", "test")]]
fig.legend(handles=handles, loc="outside right center", fontsize="small")
fig.suptitle("Decision boundaries after projecting the connectomes on 2 principal components")
plt.show()
# sphinx_gallery_start_ignore
# claim: "no boundary of any shape separates them well" (well = test balanced accuracy above 0.75)
assert max(split_scores_2d.values()) < 0.75, split_scores_2d
# sphinx_gallery_end_ignore

# %%
# The panels show each family's *shape* of boundary: straight lines for the two
# linear models, a patchwork that follows individual participants for kNN, boxes
# aligned with the axes for the forest (every split asks about one coordinate),
# smooth curves for the RBF SVM, and a single colour for the dummy.
#
# They also show what PCA found, and the table above says it. The direction of
# largest variance is not age, nor the site: PC 1 is, almost exactly, the mean
# correlation of each participant over all connections, the overall level of
# their connectome, and PC 1 is not significantly correlated with age (the test
# is printed below the table). These files were preprocessed without global
# signal regression, so anything that shifts all regions' signals together
# (head motion, breathing, arousal) raises every correlation at once, and that
# level differs more between people than any specific pattern.
# PC 2 follows head motion more closely than age or site. The adults and minors
# overlap in this plane, and no boundary of any shape separates them well.
#
# Is the 2-D version better or worse than the full connectome? Cross-validating
# the 2-D pipelines, with the scaler and PCA refitted inside every fold, answers
# it with the same folds as before:
scores_2d = {}
for name, model in models.items():
    pipeline_2d = make_pipeline(StandardScaler(), clone(two_components), StandardScaler(), clone(model))
    scores_2d[name] = cross_validate(pipeline_2d, X, y, cv=cv, scoring="balanced_accuracy")["test_score"]
comparison = pd.DataFrame({
    "all features (mean)": {name: results[name]["test_score"].mean() for name in names},
    "2 PCs (mean)": {name: scores_2d[name].mean() for name in names},
    "2 PCs (sd)": {name: scores_2d[name].std() for name in names},
})
print(comparison.round(2).to_string())
# sphinx_gallery_start_ignore
# claim: "all score lower on two components than with all the features" (the four families other than kNN)
close_2d = comparison.loc[close]
assert (close_2d["2 PCs (mean)"] < close_2d["all features (mean)"]).all(), comparison
# claim: "the best score on two components stays below the best score with all the features"
assert (comparison.loc[families, "2 PCs (mean)"].max()
        < comparison.loc[families, "all features (mean)"].max()), comparison
# sphinx_gallery_end_ignore

# %%
# The four families that did well on all the features (the two linear models,
# the forest and the RBF SVM) all score lower on two components than with all the
# features, and the best score on two components stays below the best score with
# all the features. kNN, the weakest with all the features, had the least to lose
# (compare its two columns). Going down to two dimensions is a strong form of
# regularization: it removes thousands of noisy directions, which should help the
# families that rely on distances (kNN, the RBF SVM) or on single features (the
# forest). It does not help here: the forest and the RBF SVM lose accuracy, and
# no family on two components reaches the best score with all the features,
# because PCA chooses its directions without looking at the labels, by variance
# alone, and the two largest directions are the overall connectivity level and
# head motion, not age. The age information is spread over many small
# directions that the full connectome keeps and two components throw away.
# Reducing dimensions is a modelling choice to make inside the cross-validation
# and to evaluate, like any other hyperparameter; with another question, or more
# components, the answer can differ.

# %%
# Strengths and weaknesses, in short
# ----------------------------------
# * **Regularized linear models** (logistic regression, linear SVM): fast, few
#   hyperparameters (the strength of the penalty), stable when features far
#   outnumber subjects, and one weight per edge that can be mapped back onto the
#   brain. They miss interactions unless you build them into the features.
# * **kNN**: no training, easy to explain ("people with similar connectomes"),
#   but only as good as the distance, which degrades in high dimensions and with
#   irrelevant features; prediction cost grows with the training set.
# * **Random forests**: capture interactions and non-linearities, need no
#   scaling, are robust to outliers and give feature importances; they shine with
#   many samples and a moderate number of informative features, less with a weak
#   effect spread over thousands of edges.
# * **Kernel SVMs**: flexible smooth boundaries for a moderate number of
#   features; two hyperparameters (``C`` and ``gamma``) that *must* be tuned, and
#   a cost that grows quickly with the number of samples.
#
# Whatever the family, the honest comparison is the one we did: the same folds,
# a baseline, and the spread across folds next to the mean.

# %%
# .. admonition:: Exercise: does kNN recover on fewer dimensions?
#    :class: exercise
#
#    The distance contrast above grows when PCA keeps 10 components instead of all
#    the features. Predict whether kNN (k=5) then scores better than with all the
#    features, and test it: cross-validate ``make_pipeline(StandardScaler(),
#    PCA(n_components=10, svd_solver="arpack", random_state=0),
#    KNeighborsClassifier(n_neighbors=5))`` on the same ``cv`` (PCA inside the
#    pipeline, so it is refitted in every training fold) and store the five test
#    balanced accuracies in ``knn_10pc_scores``.

# exercise: solution
# starter: knn_10pc_scores = ...  # your code here: the 5 test fold scores of kNN on 10 components
knn_10pc = make_pipeline(StandardScaler(), PCA(n_components=10, svd_solver="arpack", random_state=0),
                         KNeighborsClassifier(n_neighbors=5))
knn_10pc_scores = cross_validate(knn_10pc, X, y, cv=cv, scoring="balanced_accuracy")["test_score"]
print(f"kNN on 10 components: {knn_10pc_scores.mean():.2f} (folds {np.round(knn_10pc_scores, 2)}); "
      f"on all features: {results['kNN (k=5)']['test_score'].mean():.2f}")

# %%

# exercise: check
knn_full = results["kNN (k=5)"]["test_score"]
knn_10pc_answer = np.asarray(knn_10pc_scores, dtype=object)
if knn_10pc_answer.shape != (cv.get_n_splits(),) or not all(
        isinstance(v, (float, np.floating)) for v in knn_10pc_answer):
    print(f"Not yet: store the {cv.get_n_splits()} test fold scores (cross_validate(...)['test_score']) "
          "in knn_10pc_scores.")
elif not all(0 <= v <= 1 for v in knn_10pc_answer):
    print("Not yet: balanced accuracies lie between 0 and 1; use scoring='balanced_accuracy'.")
elif np.allclose(knn_10pc_answer.astype(float), knn_full):
    print("Not yet: these are the all-feature kNN scores; put the PCA step inside the pipeline.")
else:
    change = knn_10pc_answer.astype(float).mean() - knn_full.mean()
    print(f"Correct: {knn_10pc_answer.astype(float).mean():.2f} on 10 components against {knn_full.mean():.2f} on all "
          f"features ({change:+.2f}), with a fold sd of {knn_10pc_answer.astype(float).std():.2f}. "
          + ("The change is smaller than the spread across folds: less concentrated distances alone do not "
             "make kNN better, because the 10 largest directions of variance carry little about age."
             if abs(change) < knn_10pc_answer.astype(float).std() else
             "The change is larger than the spread across folds."))

# %%
# .. admonition:: Exercise: can a linear model fit random labels?
#    :class: exercise
#
#    The section on p >> n says that a linear model can separate the training
#    participants perfectly even if the labels were random. Check it: shuffle ``y``
#    with ``np.random.default_rng(0).permutation(y)``, cross-validate the logistic
#    regression pipeline (``pipelines["logistic regression"]``) on the same ``cv``
#    with ``return_train_score=True``, and store the mean training and mean test
#    balanced accuracies in ``train_shuffled`` and ``test_shuffled``. Predict both
#    numbers first.

# exercise: solution
# starter: train_shuffled = ...  # your code here: mean training balanced accuracy with shuffled labels
# starter: test_shuffled = ...  # your code here: mean test balanced accuracy with shuffled labels
y_shuffled = np.random.default_rng(0).permutation(y)
shuffled = cross_validate(pipelines["logistic regression"], X, y_shuffled, cv=cv,
                          scoring="balanced_accuracy", return_train_score=True)
train_shuffled, test_shuffled = shuffled["train_score"].mean(), shuffled["test_score"].mean()
print(f"shuffled labels: training {train_shuffled:.2f}, test {test_shuffled:.2f}")

# %%

# exercise: check
if not all(isinstance(v, (float, np.floating)) for v in (train_shuffled, test_shuffled)):
    print("Not yet: store two floats, the means of cross_validate's 'train_score' and 'test_score'.")
elif not (0 <= test_shuffled <= 1 and 0 <= train_shuffled <= 1):
    print("Not yet: balanced accuracies lie between 0 and 1.")
elif train_shuffled < 0.95:
    print("Not yet: the training score should be close to 1; did you pass return_train_score=True and "
          "average 'train_score' (not 'test_score')?")
else:
    print(f"Correct: training {train_shuffled:.2f}, test {test_shuffled:.2f} with labels that carry no "
          "information. A training score near 1 says nothing when features outnumber participants; "
          "only the test folds measure learning.")

# %%
# Take-home
# ---------
# * Compare model families on identical cross-validation folds, next to a dummy
#   baseline, and look at the spread across folds before declaring a winner.
# * With connectomes there are far more features than subjects (p >> n). Every
#   flexible model can fit the training set perfectly; regularization is what
#   makes a model generalize. Start with a regularized linear model.
# * kNN, trees and kernel methods are not wrong: out of the box, the forest and
#   the RBF SVM were within the spread across folds of the linear models, and
#   kNN was the weakest. They shine with fewer, more informative features or
#   many more subjects, and their hyperparameters need tuning.
# * A 2-D projection shows what a model family does, but it is not a cheap way
#   to a better model: PCA keeps the directions of largest variance, which here
#   are the overall connectivity level and head motion, and none of the
#   families did as well on them as the best one on all the features. Check
#   what the components capture before using them.
#
# Next, :ref:`sphx_glr_classic_ml_plot_03_unsupervised.py` looks at the same kind
# of data without labels; :ref:`sphx_glr_classic_ml_plot_04_cross_validation.py`
# explains the splitting strategies used here, and
# :ref:`sphx_glr_classic_ml_plot_06_hyperparameter_tuning.py` tunes ``C`` and
# friends properly. A neural network on connectomes is in
# :ref:`sphx_glr_deep_learning_plot_03_mlp_connectomes.py`.

# sphinx_gallery_thumbnail_number = 2
