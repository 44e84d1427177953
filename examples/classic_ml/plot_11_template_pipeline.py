r"""
A template pipeline for your own data
=====================================

What is the smallest analysis you can trust? This page is a complete, reusable
scikit-learn analysis, written as five short functions you can copy and adapt:
load the features, labels and groups; build a :term:`pipeline` with a small grid
of :term:`hyperparameter`\ s; score it with :term:`nested cross-validation` whose
outer folds keep groups apart (:term:`group k-fold`); compare it with a
:term:`baseline` and with the :term:`confound`\ s alone; and get a
:term:`p-value` from a :term:`permutation test`. We run it on a hard problem,
autism versus typically developing controls from the resting-state connectomes
of two ABIDE sites, with the site as the group. On this sample the honest answer
is a null result, and the report shows how to recognise one. We end with what to
change for your own data and a checklist.
"""

# %%
# The five functions
# ------------------
# Everything specific to this dataset lives in ``load_features_and_labels()``
# and ``make_model()``; ``evaluate()``, ``permutation_p_value()`` and
# ``report()`` work unchanged for any classification with a feature matrix,
# labels and (optionally) groups. Constants that you might change sit at the top.
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import sklearn
from nilearn import datasets
from nilearn.connectome import ConnectivityMeasure
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import RidgeClassifier
from sklearn.model_selection import (
    GridSearchCV,
    GroupKFold,
    StratifiedKFold,
    cross_validate,
    permutation_test_score,
)
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

SCORING = "balanced_accuracy"  # a scikit-learn scorer name; see "Adapt this to your data"
CHANCE = 0.5  # balanced accuracy of any constant guess between two classes
N_SPLITS = 5  # at most; fewer when there are fewer groups
N_PERMUTATIONS = 100  # enough for a page; use 1000 or more for a paper
SEED = 0


# %%
# 1. Loading: features, labels, groups, confounds
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
# The function returns four things. ``X`` has one row per sample, ``y`` one
# label per sample. ``groups`` says which samples must never be split between
# training and test: here the acquisition site, so that every test fold is a
# site the model has never seen. ``confounds`` are variables that could
# predict the label without any brain signal (age, sex and head motion).
#
# The two small sites (KKI, YALE) keep the download small (its size is printed
# below); with two sites, the outer folds are the two sites in turn. To keep the
# 101 nested cross-validations of the permutation test within the page's time
# budget, we also use only every fourth of the 200 regions; the choice is fixed in
# advance and ignores the labels. On your own computer, keep all regions.
#
# One check belongs in every loader of region time series: a region that lies
# partly outside a scan's field of view has a constant signal, and its
# correlations are undefined (nilearn returns 0 for them without a word). The
# loader drops any such region for everyone rather than imputing a fake "no
# coupling", and says how many it dropped.
def load_features_and_labels():
    """Return X (samples x features), y (labels), groups (or None), confounds (DataFrame or None)."""
    abide = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], SITE_ID=["KKI", "YALE"], verbose=0)
    # The size of what the fetcher read (and, the first time, downloaded): one text file per participant.
    series_dir = next(Path(d, "ABIDE_pcp", "cpac", "nofilt_noglobal") for d in datasets.get_data_dirs()
                      if Path(d, "ABIDE_pcp").is_dir())
    megabytes = sum((series_dir / f"{i}_rois_cc200.1D").stat().st_size for i in abide.phenotypic["FILE_ID"]) / 1e6
    print(f"{len(abide.phenotypic)} participants of {', '.join(sorted(set(abide.phenotypic['SITE_ID'])))}: "
          f"{megabytes:.0f} MB of region time series")
    phenotypes = abide.phenotypic.reset_index(drop=True)
    regions = np.arange(0, 200, 4)
    series = [subject[:, regions] for subject in abide.rois_cc200]
    flat = np.array([signals.std(axis=0) == 0 for signals in series])  # participants x regions
    keep = ~flat.any(axis=0)
    print(f"{flat.any(axis=1).sum()} participant(s) have regions without signal: "
          f"dropping {np.sum(~keep)} of {keep.size} regions for everyone")
    series = [signals[:, keep] for signals in series]
    connectivity = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True)
    X = np.arctanh(connectivity.fit_transform(series)).astype(np.float32)  # Fisher z of each connection
    y = (phenotypes["DX_GROUP"] == 1).astype(int).to_numpy()  # 1 = autism, 0 = control
    groups = phenotypes["SITE_ID"].to_numpy()
    confounds = phenotypes[["AGE_AT_SCAN", "SEX", "func_mean_fd"]]
    return X, y, groups, confounds


# %%
# 2. The model and its hyperparameter grid
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
# Every step that learns from data goes inside the
# :class:`~sklearn.pipeline.Pipeline`, so that cross-validation refits it on
# each training part (here only the scaling; feature selection, PCA or site
# harmonization would go here too). A linear classifier with an L2 penalty
# (:class:`~sklearn.linear_model.RidgeClassifier`) is a strong, fast default
# for more features than samples; ``class_weight="balanced"`` weighs both
# classes equally, as the balanced-accuracy metric does, so that the model is
# not rewarded for favouring the larger class. The grid is small on purpose:
# each value multiplies the cost, and a wide grid on a small sample mostly fits
# noise.
def make_model():
    """Return (pipeline, hyperparameter grid)."""
    pipeline = Pipeline([
        ("scale", StandardScaler()),
        ("classify", RidgeClassifier(class_weight="balanced")),
    ])
    param_grid = {"classify__alpha": [1.0, 100.0, 10_000.0]}
    return pipeline, param_grid


# %%
# 3. Nested, grouped cross-validation
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
# The outer loop estimates the score; inside each outer training part,
# :class:`~sklearn.model_selection.GridSearchCV` runs its own cross-validation to
# choose the hyperparameters and refits the best model, which is then scored
# once on the outer test fold. With groups, both loops use
# :class:`~sklearn.model_selection.GroupKFold`, so the tuning is also judged on
# unseen groups, and ``params={"groups": groups}`` hands each search the groups
# of its training part. With only two groups, as here, each outer training part
# is a single site, so the inner loop cannot hold a site out: it splits that
# site's participants into three stratified folds instead (three, so that each
# inner test fold keeps a third of a small site). The baseline and the
# confound-only model are scored in the very same outer folds.
def make_splitters(y, groups, inner_seed=SEED + 1):
    """Outer and inner cross-validation splitters, grouped when groups are given."""
    if groups is None:
        outer = StratifiedKFold(n_splits=N_SPLITS, shuffle=True, random_state=SEED)
        inner = StratifiedKFold(n_splits=N_SPLITS, shuffle=True, random_state=inner_seed)
        return outer, inner
    n_groups = len(np.unique(groups))
    if n_groups < 2:
        raise ValueError("grouped cross-validation needs at least 2 groups")
    outer = GroupKFold(n_splits=min(N_SPLITS, n_groups))
    # the inner loop can use at most the groups left after the largest outer test fold
    most_in_test = max(len(np.unique(groups[test])) for _, test in outer.split(groups, y, groups))
    if n_groups - most_in_test < 2:  # one group left to train on: split its samples instead
        return outer, StratifiedKFold(n_splits=3, shuffle=True, random_state=inner_seed)
    return outer, GroupKFold(n_splits=min(N_SPLITS, n_groups - most_in_test))


def evaluate(model, param_grid, X, y, groups=None, confounds=None, inner_seed=SEED + 1):
    """Nested cross-validation of the model, with a dummy baseline and a confound-only model."""
    outer, inner = make_splitters(y, groups, inner_seed)
    search = GridSearchCV(model, param_grid, cv=inner, scoring=SCORING)
    params = {"groups": groups} if isinstance(inner, GroupKFold) else {}  # groups for a grouped inner loop
    nested = cross_validate(search, X, y, groups=groups, cv=outer, scoring=SCORING, params=params,
                            return_estimator=True, return_indices=True)
    results = {
        "model": nested["test_score"],
        "baseline": cross_validate(DummyClassifier(strategy="most_frequent"), X, y, groups=groups,
                                   cv=outer, scoring=SCORING)["test_score"],
        "best_params": [fitted.best_params_ for fitted in nested["estimator"]],
        "inner_scores": [fitted.cv_results_["mean_test_score"] for fitted in nested["estimator"]],
        "candidates": nested["estimator"][0].cv_results_["params"],
        "test_indices": nested["indices"]["test"],
    }
    if confounds is not None:
        results["confounds only"] = cross_validate(search, confounds.to_numpy(dtype=float), y, groups=groups,
                                                   cv=outer, scoring=SCORING, params=params)["test_score"]
    return results


# %%
# 4. A p-value from permutations
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
# :func:`~sklearn.model_selection.permutation_test_score` repeats the *whole*
# nested procedure, tuning included, on shuffled labels; the p-value is the
# fraction of the ``N_PERMUTATIONS + 1`` scores (the real one counted) that are
# at least as good as the real one. With groups, scikit-learn shuffles the
# labels *within* each group, so each site keeps its own proportion of
# autistic participants and the null distribution keeps the site structure.
def permutation_p_value(model, param_grid, X, y, groups=None):
    """Score, null scores and p-value of the nested procedure under label permutation."""
    outer, inner = make_splitters(y, groups)
    search = GridSearchCV(model, param_grid, cv=inner, scoring=SCORING)
    params = {"groups": groups} if isinstance(inner, GroupKFold) else {}  # groups for a grouped inner loop
    # Thousands of small fits. Their matrix products are too small to gain from
    # several BLAS threads (waking the threads costs more than it saves), and much
    # of their time goes to input checks that evaluate() already passed with the
    # same data and settings: run them on one thread, without the checks.
    with threadpool_limits(limits=1), sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
        return permutation_test_score(search, X, y, groups=groups, cv=outer, scoring=SCORING, params=params,
                                      n_permutations=N_PERMUTATIONS, random_state=SEED)


# %%
# 5. The report: a short table and one figure
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
# A result is only as useful as its report. This one prints the mean, spread
# and range of the outer-fold scores of the baseline, the confound-only model
# and the model; the chance level and the permutation null; the p-value with
# its smallest possible value; and, per outer fold, what was held out, the
# score, the selected hyperparameters and the inner scores of every candidate.
# The figure shows the fold scores and the null distribution.
def describe(params):
    """'alpha=1.0' for {'classify__alpha': 1.0}."""
    return ", ".join(f"{key.split('__')[-1]}={value}" for key, value in params.items())


def report(results, score, null_scores, p_value, groups=None):
    """Print the summary table and the per-fold details, and draw the summary figure."""
    rows = [name for name in ("baseline", "confounds only", "model") if name in results]
    table = pd.DataFrame({
        SCORING + " mean": [results[name].mean() for name in rows],
        "std over folds": [results[name].std() for name in rows],
        "min": [results[name].min() for name in rows],
        "max": [results[name].max() for name in rows],
    }, index=rows)
    print(table.round(3).to_string())
    print(f"chance level {CHANCE}; permutation null: mean {null_scores.mean():.3f}, "
          f"95th percentile {np.percentile(null_scores, 95):.3f}")
    print(f"p-value ({N_PERMUTATIONS} permutations): {p_value:.3f}  "
          f"(the smallest possible is {1 / (N_PERMUTATIONS + 1):.3f})")
    test_labels = [", ".join(map(str, np.unique(groups[test]))) if groups is not None else f"fold {fold}"
                   for fold, test in enumerate(results["test_indices"])]
    folds = pd.DataFrame({
        "test part": test_labels,
        "n test": [len(test) for test in results["test_indices"]],
        "score": results["model"].round(3),
        "selected": [describe(best) for best in results["best_params"]],
        "inner score per candidate": ["  ".join(f"{value:.3f}" for value in inner)
                                      for inner in results["inner_scores"]],
    })
    print("\nper outer fold:")
    print(folds.to_string(index=False))
    print("inner scores are for the candidates", " | ".join(describe(c) for c in results["candidates"]))

    fig, (ax_folds, ax_null) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    for position, name in enumerate(rows):
        values = results[name]
        ax_folds.scatter(np.full(values.size, position), values, color="tab:blue", zorder=3)
        ax_folds.hlines(values.mean(), position - 0.25, position + 0.25, color="k", lw=2)
        if np.ptp(values) > 0:  # name the held-out part next to each dot, unless all coincide
            for value, label in zip(values, test_labels):
                ax_folds.text(position + 0.28, value, label, va="center", fontsize="small", color="tab:blue")
    ax_folds.axhline(CHANCE, color="grey", ls="--", lw=1, label="chance")
    ax_folds.set(xticks=range(len(rows)), xticklabels=rows, ylabel=SCORING.replace("_", " "),
                 xlim=(-0.5, len(rows) - 0.2), title="Outer-fold scores (dots) and their mean (bars)")
    ax_folds.legend(loc="lower right")
    ax_null.hist(null_scores, bins=20, color="tab:grey", alpha=0.7, label="shuffled labels")
    ax_null.axvline(score, color="tab:red", lw=2, label=f"real labels: {score:.3f}")
    ax_null.set(xlabel=f"mean {SCORING.replace('_', ' ')} over outer folds", ylabel="permutations",
                title=f"Permutation test: p = {p_value:.3f}")
    ax_null.legend()
    splits = "grouped outer folds" if groups is not None else "stratified outer folds"
    fig.suptitle(f"Nested cross-validation ({splits}): model, references and the permutation null")
    plt.show()


# %%
# Running the analysis
# --------------------
# The whole analysis is five calls. First the data: how many samples per group
# and per class, because a grouped split can only be as balanced as the groups.
X, y, groups, confounds = load_features_and_labels()
print(f"X: {X.shape}, autism fraction {y.mean():.2f}")
print(pd.crosstab(pd.Series(groups, name="site"), pd.Series(np.where(y == 1, "autism", "control"), name="label")))

# %%
# Then the nested cross-validation (two outer folds, one per site) and the
# permutation test. The real score is computed once more inside
# :func:`~sklearn.model_selection.permutation_test_score`; it is the same folds
# and the same seed, so it equals the mean of the outer-fold scores.
model, param_grid = make_model()
results = evaluate(model, param_grid, X, y, groups=groups, confounds=confounds)
score, null_scores, p_value = permutation_p_value(model, param_grid, X, y, groups=groups)
report(results, score, null_scores, p_value, groups=groups)

# sphinx_gallery_start_ignore
# claim: "a constant guess scores exactly the chance level"
assert np.allclose(results["baseline"], CHANCE), results["baseline"]
# claim: "so it equals the mean of the outer-fold scores"
assert np.isclose(score, results["model"].mean()), (score, results["model"])
# claim: "the permutation test cannot tell the model from chance" (tolerance: p >= 0.05)
assert p_value >= 0.05, p_value
# claim: "both outer-fold scores sit a little above chance" (a little: by less than 0.15)
assert np.all((results["model"] > CHANCE) & (results["model"] < CHANCE + 0.15)), results["model"]
# claim: "the confounds alone score higher than the connectome model"
assert results["confounds only"].mean() > results["model"].mean(), (results["confounds only"], results["model"])
# sphinx_gallery_end_ignore

# %%
# How to read the report
# ----------------------
# On these two sites the report describes a null result. Item by item:
#
# * **Baseline**: a constant guess scores exactly the chance level in balanced
#   accuracy (:term:`chance level`); with plain accuracy it would score the
#   majority fraction of each test site instead, which is why the metric matters.
# * **Model**: both outer-fold scores sit a little above chance, but the
#   permutation test cannot tell the model from chance: the real score lies
#   inside the distribution of scores obtained with labels shuffled within sites
#   (the p-value and the figure). Two outer folds also say little about the
#   spread; a difference between two models smaller than it means nothing
#   (:ref:`sphx_glr_classic_ml_plot_05_uncertainty.py`).
# * **Confounds only**: the same nested procedure on age, sex and motion. Here
#   the confounds alone score higher than the connectome model. Whatever the
#   connectome carries about the diagnosis of these participants, this analysis
#   does not show more of it than age, sex and head motion already give (see
#   :ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py`, where motion alone
#   predicts the diagnosis on three sites).
# * **p-value**: how unusual the real score is among the shuffled-label scores.
#   It says nothing about how large or useful an effect is; a p-value above 0.05
#   does not prove that there is no effect, only that this sample does not show
#   one. With ``N_PERMUTATIONS = 100`` it cannot go below the printed minimum.
# * **Selected hyperparameters and inner scores**: the per-fold table shows
#   which penalty each outer fold selected and the inner score of every
#   candidate. With little to learn, both say more about how the inner loop cut
#   one site of a few dozen participants into three folds than about the data:
#   a cross-validated score of a few dozen samples scatters widely around chance.
#   The next section measures how much. The outer score stays an honest estimate
#   in every case, because the outer test folds never took part in the choice.

# %%
# Is the choice of the penalty stable?
# ------------------------------------
# The inner folds were cut with one seed. A choice that reflects the data
# should survive another cut of the same participants; a choice made by noise
# changes with it. So we rerun the nested cross-validation (without the
# permutations, which would cost a hundred times more) with ten other seeds of
# the inner splitter, and list for each held-out site the selected penalty,
# the best inner score (what the search believed it would get) and the outer
# score (what it got). Only the inner cut changes; the outer folds are the two
# sites, as before.
rows = []
for inner_seed in SEED + 1 + np.arange(10):
    rerun = evaluate(model, param_grid, X, y, groups=groups, inner_seed=inner_seed)
    for test, best, inner, outer in zip(rerun["test_indices"], rerun["best_params"], rerun["inner_scores"],
                                        rerun["model"]):
        rows.append({"inner seed": inner_seed, "held-out site": ", ".join(np.unique(groups[test])),
                     "selected alpha": best["classify__alpha"], "best inner": inner.max(), "outer": outer})
reruns = pd.DataFrame(rows)
print(reruns.pivot(index="inner seed", columns="held-out site").round(3).to_string())
spread = reruns.groupby("held-out site").agg(
    penalties_selected=("selected alpha", "nunique"),
    best_inner_min=("best inner", "min"), best_inner_max=("best inner", "max"),
    outer_min=("outer", "min"), outer_max=("outer", "max"))
print("\nover the ten inner cuts:")
print(spread.round(3).to_string())

fig, ax = plt.subplots(figsize=(6.5, 5), layout="constrained")
for (site, site_rows), marker in zip(reruns.groupby("held-out site"), ["o", "s"]):
    points = ax.scatter(site_rows["best inner"], site_rows["outer"],
                        c=np.log10(site_rows["selected alpha"]), cmap="viridis", vmin=0, vmax=4,
                        marker=marker, s=60, edgecolor="k", alpha=0.8, label=f"{site} held out")
ax.axhline(CHANCE, color="grey", ls="--", lw=1)
ax.axvline(CHANCE, color="grey", ls="--", lw=1)
ax.set(xlabel="best inner score (what the search expected)", ylabel="outer score (what it got)",
       title="Ten inner cuts of the same participants")
fig.colorbar(points, ax=ax, label="log10 of the selected alpha")
legend = fig.legend(loc="outside lower center", ncols=2)
for handle in legend.legend_handles:  # the markers say the site; the colour bar, the penalty
    handle.set_facecolor("white")
plt.show()

# sphinx_gallery_start_ignore
# claim: "the selected penalty changes with the inner cut" (in at least one of the two folds)
assert spread["penalties_selected"].max() > 1, spread
# claim: "the best inner score of a fold spans" more than the tolerance: 0.05 across the ten cuts
assert np.all(spread["best_inner_max"] - spread["best_inner_min"] > 0.05), spread
# sphinx_gallery_end_ignore

# %%
# On these two sites the selected penalty changes with the inner cut, and the
# best inner score of a fold spans several points from one cut to the next
# (the table above): the search's "best" is a property of one random cut. This
# is what a choice made by noise looks like. In a dataset with signal, the
# selection stays put when the inner seed changes and the inner scores improve
# steadily towards one value of the grid; check both before reading anything
# into the selected hyperparameters. Whatever the inner loop chose, the outer
# score remains the number to report.

# %%
# .. admonition:: Exercise: push the grid past its edge
#    :class: exercise
#
#    The strongest penalty of the grid, 10,000, sits at its edge. Run
#    ``evaluate`` again (same ``model``, ``X``, ``y`` and ``groups``, no
#    confounds) with the grid ``{"classify__alpha": [100.0, 10_000.0, 1_000_000.0]}``.
#    Predict first: does the outer score move? Store the result in
#    ``results_wider`` (the dictionary ``evaluate`` returns).

# exercise: solution
# starter: results_wider = ...  # your code here: evaluate(...) with the wider grid
results_wider = evaluate(model, {"classify__alpha": [100.0, 10_000.0, 1_000_000.0]}, X, y, groups=groups)
print("wider grid: outer scores", np.round(results_wider["model"], 3), "selected",
      [describe(best) for best in results_wider["best_params"]], "; original grid:",
      np.round(results["model"], 3))

# %%

# exercise: check
if not isinstance(results_wider, dict) or "model" not in results_wider:
    print("Not yet: store the dictionary returned by evaluate(...) in results_wider.")
elif len(results_wider["model"]) != len(results["model"]):
    print("Not yet: pass groups=groups, so that the outer folds are the same sites as above.")
elif not any(best["classify__alpha"] == 1_000_000.0 for best in results_wider["best_params"]) and \
        results_wider["candidates"] == results["candidates"]:
    print("Not yet: use the wider grid, with alpha up to 1_000_000.0.")
else:
    change = results_wider["model"].mean() - results["model"].mean()
    print(f"Correct: outer mean {results_wider['model'].mean():.3f} against {results['model'].mean():.3f} "
          f"({change:+.3f}), selected {[describe(b) for b in results_wider['best_params']]}. A choice among "
          "models that do not beat a guess does not make a better model.")

# %%
# .. admonition:: Exercise: what if the sites were mixed?
#    :class: exercise
#
#    The template splits by site because the model is meant for new sites. Call
#    ``evaluate(model, param_grid, X, y)`` without groups (stratified 5-fold, both
#    sites mixed in training and test) and store the five outer-fold scores
#    (``["model"]`` of the result) in ``mixed_site_scores``. Predict first: closer
#    to chance or further from it than the site-level scores?

# exercise: solution
# starter: mixed_site_scores = ...  # your code here: the outer-fold scores of evaluate(...) without groups
mixed_site_scores = evaluate(model, param_grid, X, y)["model"]
print(f"mixed sites: {mixed_site_scores.mean():.3f} (folds {np.round(mixed_site_scores, 3)}); "
      f"one site held out: {results['model'].mean():.3f}")

# %%

# exercise: check
mixed_site_array = np.asarray(mixed_site_scores, dtype=object)
if mixed_site_array.shape != (N_SPLITS,):
    print(f"Not yet: store the {N_SPLITS} outer-fold scores of evaluate(model, param_grid, X, y) "
          "(its 'model' entry) in mixed_site_scores.")
elif not all(isinstance(v, (float, np.floating)) and 0 <= v <= 1 for v in mixed_site_array):
    print("Not yet: the outer-fold scores are balanced accuracies between 0 and 1.")
else:
    mixed_mean = mixed_site_array.astype(float).mean()
    print(f"Correct: mixed sites {mixed_mean:.3f} (sd over folds {mixed_site_array.astype(float).std():.3f}), "
          f"one site held out {results['model'].mean():.3f}. Whichever is higher, only the site-level "
          "number describes a new site, and both are to be read against the permutation null.")

# %%
# Adapt this to your data
# -----------------------
# Copy the five functions and change only what is needed:
#
# * **Loading.** Rewrite ``load_features_and_labels()`` to return your
#   ``X`` (samples × features, for example connectomes, regional volumes or
#   voxels in a mask), ``y`` and, if you have them, ``groups`` and
#   ``confounds``. Compute only per-sample features here (one connectome per
#   scan, one volume per region). Anything fitted across samples (scaling,
#   PCA, feature selection, ComBat harmonization, tangent connectomes) belongs
#   in the pipeline.
# * **Groups.** A group is a set of samples that must stay together: all scans,
#   runs or trials of one participant; the members of a family; or, as here, a
#   site when the question is "does it work on a new site?". Use ``None`` only
#   if every sample is a different, unrelated participant. Beware of the
#   permutation test when the label is constant within each group (one
#   diagnosis per participant with several scans): shuffling within groups then
#   changes nothing, so permute participants instead, for example by averaging
#   to one sample per participant first.
# * **Model.** Change the pipeline and the grid in ``make_model()``: for
#   example :class:`~sklearn.linear_model.LogisticRegression` with a grid on
#   ``C``, :class:`~sklearn.svm.SVC`, or a
#   :class:`~sklearn.feature_selection.SelectKBest` step with a grid on ``k``.
#   Keep the grid small; the cost is (grid size × inner folds + 1) × outer folds
#   fits, times ``N_PERMUTATIONS + 1``.
# * **Metric.** Set ``SCORING`` to the question: ``"balanced_accuracy"`` or
#   ``"roc_auc"`` for classes (``CHANCE = 0.5`` for both), and for a
#   :term:`regression` ``"neg_mean_absolute_error"`` with a
#   :class:`~sklearn.dummy.DummyRegressor` baseline and
#   :class:`~sklearn.model_selection.KFold` instead of the stratified splitter
#   (see :ref:`sphx_glr_classic_ml_plot_10_brain_age.py`).
# * **Permutations.** Use 1000 or more when the p-value matters; run it
#   last, once, and in parallel with ``n_jobs=-1`` in
#   :func:`~sklearn.model_selection.permutation_test_score` (joblib then limits
#   the BLAS threads of each worker for you).
#
# And before you believe a result, check:
#
# * **Baseline**: the dummy model, in the same folds and the same metric.
# * **Chance**: computed (dummy, permutations), not assumed to be 1 / number of
#   classes.
# * **Groups**: no participant (or family, or site, if that is the question) in
#   both training and test of any fold, in the outer *and* the inner loop.
# * **Confounds**: a confound-only model scored like the real one; site, age,
#   sex and motion balanced or accounted for
#   (:ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py`).
# * **Leakage**: every fitted step inside the pipeline; hyperparameters chosen
#   by the inner loop only; and the outer score looked at *once*. Trying model
#   after model until the outer score looks good turns the outer loop into a
#   tuning loop, and the estimate is optimistic again
#   (:ref:`sphx_glr_classic_ml_plot_07_data_leakage.py`).

# %%
# Take-home
# ---------
#
# * A trustworthy analysis is short: a pipeline, nested cross-validation with
#   grouped outer (and inner) folds, a baseline, a confound-only model and a
#   permutation test, all in the same folds.
# * Report the mean *and* the spread of the outer scores, the chance level, the
#   p-value with its number of permutations, and the hyperparameters chosen in
#   each fold.
# * A null result reads like one: a score near chance that the permutation test
#   cannot separate from shuffled labels, confounds that do at least as well, and a
#   hyperparameter choice that changes with the inner cut. Autism versus control
#   on two small sites is such a case; report it as it is.
# * To reuse it, change the loading function, the groups, the model and the
#   metric; the evaluation code stays the same.
#
# Tuning on its own is explained in
# :ref:`sphx_glr_classic_ml_plot_06_hyperparameter_tuning.py`, grouped
# splits in :ref:`sphx_glr_classic_ml_plot_04_cross_validation.py`, and
# the same checklist for deep networks in
# :ref:`sphx_glr_deep_learning_plot_07_training_and_tuning.py`.
