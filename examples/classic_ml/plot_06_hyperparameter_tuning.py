"""
Hyperparameter tuning without optimistic bias
=============================================

How strongly should a classifier of autism versus control be regularized, and how
well does the tuned classifier really do? We build resting-state connectomes for
the ABIDE participants of two sites and train a linear support vector machine,
whose :term:`regularization` is set by the :term:`hyperparameter` ``C``. You will
learn to read a :term:`validation curve`, to search ``C`` with a grid and at random,
and why the best score of a search is an optimistic estimate: we *measure* that
bias on the real task and on shuffled labels, and remove it with
:term:`nested cross-validation`.
"""

# %%
# The data: one connectome per participant
# ----------------------------------------
# :func:`nilearn.datasets.fetch_abide_pcp` gives, for each participant, the mean
# time series of 200 brain regions (``rois_cc200``) and a phenotype table. We keep
# two small sites (KKI, YALE) so that the files stay small enough for the browser.
# :class:`~nilearn.connectome.ConnectivityMeasure` turns each time series into a
# correlation matrix and keeps its upper triangle: one feature per pair of
# regions, 200 × 199 / 2 of them, for far fewer participants (the counts are
# printed below).
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
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
phenotypes = abide.phenotypic
y = (phenotypes["DX_GROUP"] == 1).to_numpy().astype(int)  # 1 = autism, 0 = control
print(pd.crosstab(phenotypes["SITE_ID"], np.where(y == 1, "autism", "control"), colnames=["diagnosis"]))

connectivity = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True)
X = connectivity.fit_transform(abide.rois_cc200)
print("features X:", X.shape)

# sphinx_gallery_start_ignore
# claim: "one feature per pair of regions"
assert X.shape[1] == 200 * 199 // 2, X.shape
# claim: "for far fewer participants" (at least 100 times fewer)
assert 100 * len(y) < X.shape[1], X.shape
# sphinx_gallery_end_ignore

# %%
# The baseline
# ------------
# The classes are not balanced, so we score with balanced accuracy (the mean of
# the recall of each class): a :class:`~sklearn.dummy.DummyClassifier` that
# ignores the connectome scores 0.5, the :term:`chance level`, whatever the class
# proportions. Every score below is read against this line.
from sklearn.dummy import DummyClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
dummy_scores = cross_val_score(DummyClassifier(), X, y, cv=cv, scoring="balanced_accuracy")
print(f"dummy classifier: balanced accuracy {dummy_scores.mean():.3f}")

# sphinx_gallery_start_ignore
# claim: "ignores the connectome scores 0.5"
assert np.allclose(dummy_scores, 0.5), dummy_scores
# sphinx_gallery_end_ignore

# %%
# A fast linear SVM: the kernel trick
# -----------------------------------
# Tuning fits the same model hundreds of times. A linear SVM only ever uses the
# features through dot products between participants, so we can compute the
# participants × participants matrix of dot products once (a *linear kernel*) and hand it to
# :class:`~sklearn.svm.SVC` with ``kernel="precomputed"``: the model is the same,
# each fit is much faster.
#
# Is computing the kernel on all participants a leak? No: each entry involves only
# two participants and nothing is estimated from the others or from the labels.
# scikit-learn's splitters know about precomputed kernels and cut the rows
# (training participants) and columns (participants compared with) correctly.
# (Standardizing the features on everyone first *would* leak, see
# :ref:`sphx_glr_classic_ml_plot_07_data_leakage.py`; we do not standardize.)
# We check on one split that the two routes give the same decision values.
from sklearn.svm import SVC

kernel = X @ X.T
print("linear kernel:", kernel.shape)
train, test = next(cv.split(X, y))
direct = SVC(kernel="linear", C=0.01).fit(X[train], y[train]).decision_function(X[test])
via_kernel = (
    SVC(kernel="precomputed", C=0.01)
    .fit(kernel[np.ix_(train, train)], y[train])
    .decision_function(kernel[np.ix_(test, train)])
)
print(f"largest difference between the two routes: {np.abs(direct - via_kernel).max():.1e}")

# sphinx_gallery_start_ignore
# claim: "the two routes give the same decision values" (to 1e-8)
assert np.abs(direct - via_kernel).max() < 1e-8, np.abs(direct - via_kernel).max()
# sphinx_gallery_end_ignore

# %%
# The validation curve: what does ``C`` do?
# -----------------------------------------
# ``C`` sets how much a training error costs compared with a simple (small-weight)
# model. Small ``C`` is strong regularization: the weights are forced towards zero
# and the model ends up predicting the same class for everyone
# (:term:`underfitting`). Large ``C`` lets the model fit the training set
# perfectly, which with so many more features than participants is always
# possible and tells us nothing (:term:`overfitting`).
#
# :func:`~sklearn.model_selection.validation_curve` runs a
# :term:`cross-validation` for each value of ``C`` and returns the training and
# validation scores. The held-out folds play the role of a :term:`validation set`.
from sklearn.model_selection import validation_curve

C_range = np.logspace(-5, 0, 11)
train_scores, valid_scores = validation_curve(
    SVC(kernel="precomputed"), kernel, y, param_name="C", param_range=C_range,
    cv=cv, scoring="balanced_accuracy",
)
train_mean, valid_mean, valid_sd = train_scores.mean(axis=1), valid_scores.mean(axis=1), valid_scores.std(axis=1)
print(f"training score: {train_mean[0]:.3f} at the smallest C, {train_mean[-1]:.3f} at the largest")
print(f"validation score: between {valid_mean.min():.3f} and {valid_mean.max():.3f} over all C, "
      f"SD over folds up to {valid_sd.max():.3f}")

# sphinx_gallery_start_ignore
# claim: "the model ends up predicting the same class for everyone" (at the smallest C)
assert np.unique(SVC(kernel="precomputed", C=C_range[0]).fit(kernel, y).predict(kernel)).size == 1
# claim: "lets the model fit the training set perfectly" (largest C)
assert train_mean[-1] == 1.0, train_mean
# sphinx_gallery_end_ignore

fig, ax = plt.subplots(figsize=(8, 4), layout="constrained")
for scores, label, color in [(train_scores, "training folds", "tab:blue"),
                             (valid_scores, "validation folds", "tab:orange")]:
    mean, sd = scores.mean(axis=1), scores.std(axis=1)
    ax.plot(C_range, mean, "o-", color=color, label=label)
    ax.fill_between(C_range, mean - sd, mean + sd, color=color, alpha=0.2)
ax.axhline(0.5, color="gray", linestyle="--", label="chance (dummy)")
ax.set(xscale="log", xlabel="C (log scale; larger = weaker regularization)",
       ylabel="balanced accuracy", ylim=(0.2, 1.05),
       title="Validation curve of a linear SVM, autism vs control (mean ± SD over 5 folds)")
ax.text(C_range[1], 0.3, "underfitting:\none class for all", ha="center")
ax.text(C_range[-2], 0.3, "overfitting:\ntraining set memorised", ha="center")
ax.legend(loc="center left")
plt.show()

# sphinx_gallery_start_ignore
# claim: "never moves further from chance than one standard deviation over folds"
assert np.all(np.abs(valid_mean - 0.5) <= valid_sd + 1e-12), (valid_mean, valid_sd)
# sphinx_gallery_end_ignore

# %%
# The gap between the two curves on the right is the signature of overfitting.
# The validation curve itself never moves further from chance than one standard
# deviation over folds (the shaded band, printed above): with so few
# participants each point is a noisy estimate, and on these two sites the
# connectomes carry little that a linear SVM can use to tell autism from
# control. Keep that noise in mind for what follows: a search will still crown a
# "best" ``C``.
best_on_curve = C_range[valid_mean.argmax()]
print(f"best C on the validation curve: {best_on_curve:.0e}, validation score {valid_mean.max():.3f}")

# %%
# Grid search and randomized search
# ---------------------------------
# :class:`~sklearn.model_selection.GridSearchCV` automates the same thing: it
# cross-validates every value in a grid, keeps the best (``best_params_``, with
# its score ``best_score_``) and refits it on all the data it was given. A
# regularization strength acts multiplicatively, so the grid is spaced on a log
# scale, over the range where the validation curve shows something happening
# (below it every model predicts one class, above it every model is the same
# perfect fit of the training set).
from sklearn.model_selection import GridSearchCV

param_grid = {"C": np.logspace(-3.5, -1.5, 5)}

# sphinx_gallery_start_ignore
# claim: "below it every model predicts one class" (training balanced accuracy exactly 0.5)
assert np.all(train_mean[C_range < 10**-3.5] == 0.5), train_mean
# claim: "above it every model is the same perfect fit of the training set"
above = C_range >= 10**-1.5
assert np.all(train_mean[above] == 1.0) and np.allclose(valid_mean[above], valid_mean[-1]), valid_mean
# sphinx_gallery_end_ignore
grid = GridSearchCV(SVC(kernel="precomputed"), param_grid, cv=cv, scoring="balanced_accuracy")
grid.fit(kernel, y)
print(f"grid search: best C = {grid.best_params_['C']:.1e}, best_score_ = {grid.best_score_:.3f}")

# %%
# :class:`~sklearn.model_selection.RandomizedSearchCV` draws a fixed number of
# candidates from a distribution instead. With
# :func:`scipy.stats.loguniform` every order of magnitude is equally likely. With
# one hyperparameter the two are equivalent; with several, random search covers
# each one with more distinct values for the same number of fits.
from scipy.stats import loguniform
from sklearn.model_selection import RandomizedSearchCV

random_search = RandomizedSearchCV(
    SVC(kernel="precomputed"), {"C": loguniform(10**-3.5, 10**-1.5)}, n_iter=8,
    cv=cv, scoring="balanced_accuracy", random_state=0,
)
random_search.fit(kernel, y)
print(f"random search: best C = {random_search.best_params_['C']:.1e}, "
      f"best_score_ = {random_search.best_score_:.3f}")

fig, ax = plt.subplots(figsize=(8, 3.8), layout="constrained")
ax.plot(param_grid["C"], grid.cv_results_["mean_test_score"], "s-", color="tab:green", label="grid search")
ax.plot(random_search.cv_results_["param_C"].astype(float), random_search.cv_results_["mean_test_score"],
        "o", color="tab:purple", label="random search (8 draws)")
for search, color in [(grid, "tab:green"), (random_search, "tab:purple")]:
    ax.plot(search.best_params_["C"], search.best_score_, "*", ms=16, color=color, mec="k")
ax.axhline(0.5, color="gray", linestyle="--", label="chance (dummy)")
ax.set(xscale="log", xlabel="C (log scale)", ylabel="mean validation balanced accuracy",
       title="Every candidate's cross-validated score; stars mark each search's winner")
ax.legend()
plt.show()

# %%
# Is ``best_score_`` the model's accuracy?
# ----------------------------------------
# No. The search picked the candidate that happened to score best *on these
# folds*, and then reports that very score. Among several noisy estimates, the
# largest is biased upwards, just like the best of five dice throws. The folds
# that chose ``C`` were used to judge it: a mild form of :term:`double dipping`.
#
# Nested cross-validation removes the bias. An *outer* loop holds out a test fold;
# the whole search (its own *inner* cross-validation included) runs on the
# remaining participants; the winner is then scored on the outer fold, which the
# search never saw. In scikit-learn this is just a search object passed to
# :func:`~sklearn.model_selection.cross_validate`. Each outer fold may pick a
# different ``C``: nested cross-validation scores the *procedure* "tune ``C`` by
# 5-fold search, then fit", which is what you will apply to new data.
from sklearn.model_selection import cross_validate

outer_cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=1)
nested = cross_validate(grid, kernel, y, cv=outer_cv, scoring="balanced_accuracy", return_estimator=True)
print("outer fold | chosen C | inner best_score_ | outer test score")
for fold, (search, score) in enumerate(zip(nested["estimator"], nested["test_score"])):
    print(f"{fold:10d} | {search.best_params_['C']:8.0e} | {search.best_score_:17.3f} | {score:16.3f}")
print(f"non-nested best_score_: {grid.best_score_:.3f}   nested score: {nested['test_score'].mean():.3f}")

# sphinx_gallery_start_ignore
# claim: "the outer folds pick different values of"
assert len({search.best_params_["C"] for search in nested["estimator"]}) > 1
# sphinx_gallery_end_ignore

# %%
# Here the outer folds pick different values of ``C``. The last line compares
# the two scores on this one split of the participants; with this few
# participants, one such comparison can come out either way by luck.
#
# Measuring the optimism
# ----------------------
# So we repeat it. For each of 20 repetitions we draw new inner and outer splits
# and record, in every outer fold, the inner ``best_score_`` (what a non-nested
# analysis would report) and the outer score of the same chosen model. We do this
# on the real labels and on *shuffled* labels, where the truth is known: no
# connectome can predict a shuffled diagnosis, so any score above 0.5 there is
# pure optimism.
n_repeats = 20
rng = np.random.default_rng(0)  # draws the shuffled labels and the seeds of the splits
records = []
for condition in ["real labels", "shuffled labels"]:
    for _ in range(n_repeats):
        labels = y if condition == "real labels" else rng.permutation(y)
        inner_seed, outer_seed = rng.integers(10**6, size=2)
        search = GridSearchCV(
            SVC(kernel="precomputed"), param_grid, scoring="balanced_accuracy",
            cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=inner_seed),
        )
        result = cross_validate(
            search, kernel, labels, scoring="balanced_accuracy", return_estimator=True,
            cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=outer_seed),
        )
        records.append({
            "condition": condition,
            "best_score_ (not nested)": np.mean([s.best_score_ for s in result["estimator"]]),
            "nested score": result["test_score"].mean(),
        })
optimism = pd.DataFrame(records)
optimism["optimism"] = optimism["best_score_ (not nested)"] - optimism["nested score"]
print(optimism.groupby("condition").agg(["mean", "std"]).round(3).T)
for condition, table in optimism.groupby("condition"):
    print(f"{condition}: best_score_ above the nested score in "
          f"{(table['optimism'] > 0).sum()} of {len(table)} repetitions, "
          f"from {table['best_score_ (not nested)'].min():.3f} to {table['best_score_ (not nested)'].max():.3f}")
real, shuffled = (optimism[optimism["condition"] == name] for name in ["real labels", "shuffled labels"])


def standard_error(column):
    """Standard error of the mean of a column, over the repetitions of each condition."""
    return np.hypot(real[column].std(), shuffled[column].std()) / np.sqrt(n_repeats)


for column in ["nested score", "optimism"]:
    print(f"{column}, real minus shuffled labels: {real[column].mean() - shuffled[column].mean():+.3f} "
          f"(standard error {standard_error(column):.3f})")

# %%
# Each repetition is a pair of points joined by a line: left, the score a
# non-nested analysis would report; right, the nested score of the same searches.
fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained", sharey=True)
for ax, (condition, table) in zip(axes, optimism.groupby("condition")):
    pairs = table[["best_score_ (not nested)", "nested score"]].to_numpy()
    ax.plot([0, 1], pairs.T, "o-", color="tab:red" if condition == "shuffled labels" else "tab:blue", alpha=0.7)
    ax.axhline(0.5, color="gray", linestyle="--", label="chance")
    ax.set(xticks=[0, 1], xticklabels=["best_score_\n(tuned and scored\non the same folds)", "nested CV score"],
           xlim=(-0.4, 1.4), title=f"{condition}: mean optimism {table['optimism'].mean():+.3f}")
    ax.legend(loc="upper right")
axes[0].set_ylabel("balanced accuracy")
fig.suptitle(f"The best score of a search is optimistic; nested cross-validation is not ({n_repeats} repetitions)")
plt.show()

# sphinx_gallery_start_ignore
best, nested_score = "best_score_ (not nested)", "nested score"
shuffled_se = shuffled["optimism"].std() / np.sqrt(n_repeats)
# claim: "is above the nested score in most repetitions" (shuffled labels)
assert (shuffled["optimism"] > 0).mean() > 0.5, shuffled["optimism"]
# claim: "on average by more than twice its standard error" (shuffled labels)
assert shuffled["optimism"].mean() > 2 * shuffled_se, (shuffled["optimism"].mean(), shuffled_se)
# claim: "falls back to chance" (mean nested score on shuffled labels within 0.05 of 0.5)
assert abs(shuffled[nested_score].mean() - 0.5) < 0.05, shuffled[nested_score].mean()
# claim: "lies inside the range of the shuffled-label repetitions"
assert shuffled[best].min() < real[best].mean() < shuffled[best].max(), (real[best], shuffled[best])
# claim: "no higher than on shuffled labels" (difference within twice its standard error)
assert real[nested_score].mean() - shuffled[nested_score].mean() < 2 * standard_error(nested_score), (
    real[nested_score], shuffled[nested_score])
# claim: "at chance on the real labels too" (mean nested score within 0.05 of 0.5)
assert abs(real[nested_score].mean() - 0.5) < 0.05, real[nested_score].mean()
# claim: "positive in most repetitions" (real labels)
assert (real["optimism"] > 0).mean() > 0.5, real["optimism"]
# claim: "about as large as on shuffled labels" (difference within twice its standard error)
assert abs(real["optimism"].mean() - shuffled["optimism"].mean()) < 2 * standard_error("optimism"), (
    real["optimism"], shuffled["optimism"])
# sphinx_gallery_end_ignore

# %%
# Read the shuffled-label panel first, because there the truth is known: every
# score above 0.5 is an artefact. The non-nested ``best_score_`` is the maximum
# over the grid, and the grid nearly always contains a model that happens to look
# good on its own folds: it is above the nested score in most repetitions, and
# on average by more than twice its standard error, while the nested score of the
# same searches falls back to chance (the counts and means are printed above).
#
# Now compare the two panels. The non-nested ``best_score_`` is nearly the same
# for real and for shuffled labels: its mean on the real labels lies inside the
# range of the shuffled-label repetitions, so on its own it cannot tell a weak
# effect from no effect at all. The nested score is no higher than on shuffled
# labels, within twice its standard error (printed above): it is at chance on the
# real labels too. With these few participants of two sites, a linear SVM finds no
# usable link between connectome and diagnosis, while a non-nested analysis would
# have reported the ``best_score_`` printed above as its accuracy. The optimism on
# the real labels is positive in most repetitions and about as large as on
# shuffled labels: with nothing to find, the real labels behave like shuffled ones.
# A single repetition would not have shown this reliably: both numbers carry the
# split-to-split noise of a small sample. The bias grows with the number of
# candidates compared and shrinks with the number of participants. Selection
# keeps whichever candidate did well on these particular folds, so the bias
# pushes upwards and makes a weak effect, or none, look stronger: that is why the
# number to report is the nested one.

# %%
# .. admonition:: Exercise: a finer grid, a better model?
#    :class: exercise
#
#    "The bias grows with the number of candidates compared." Refine the grid to
#    11 values over the same range, ``np.logspace(-3.5, -1.5, 11)`` (it contains
#    the 5 values used above), and compute both the non-nested ``best_score_`` on
#    ``cv`` and the nested score on ``outer_cv``. Predict first how each one moves.
#    Store them in ``best_score_fine`` and ``nested_fine``.

# exercise: solution
# starter: best_score_fine = ...  # your code here: best_score_ of a GridSearchCV over the 11 values
# starter: nested_fine = ...  # your code here: mean outer test score of that search on outer_cv
fine_grid = GridSearchCV(SVC(kernel="precomputed"), {"C": np.logspace(-3.5, -1.5, 11)}, cv=cv,
                         scoring="balanced_accuracy")
best_score_fine = fine_grid.fit(kernel, y).best_score_
nested_fine = cross_val_score(fine_grid, kernel, y, cv=outer_cv, scoring="balanced_accuracy").mean()
print(f"5 values: best_score_ {grid.best_score_:.3f}, nested {nested['test_score'].mean():.3f}; "
      f"11 values: best_score_ {best_score_fine:.3f}, nested {nested_fine:.3f}")

# %%

# exercise: check
if not all(isinstance(v, (float, np.floating)) for v in (best_score_fine, nested_fine)):
    print("Not yet: store two floats, the search's best_score_ and the mean of the nested test scores.")
elif not all(0 <= v <= 1 for v in (best_score_fine, nested_fine)):
    print("Not yet: balanced accuracies lie between 0 and 1.")
elif best_score_fine < grid.best_score_ - 1e-12:
    print("Not yet: the fine grid contains every value of the coarse one, on the same folds, so its "
          "best_score_ cannot be lower; did you use cv=cv and scoring='balanced_accuracy'?")
else:
    print(f"Correct: best_score_ {grid.best_score_:.3f} -> {best_score_fine:.3f}, nested "
          f"{nested['test_score'].mean():.3f} -> {nested_fine:.3f}. More candidates can only raise the "
          "best of them on the same folds; only the nested score says whether the model improved.")

# %%
# .. admonition:: Exercise: the accuracy of an underfitted model
#    :class: exercise
#
#    At the smallest ``C`` the SVM predicts the same class for everyone, and its
#    balanced accuracy is 0.5. What is its plain *accuracy*? Predict it from the
#    class counts printed at the top, then cross-validate
#    ``SVC(kernel="precomputed", C=C_range[0])`` on ``kernel`` with ``cv`` and
#    ``scoring="accuracy"`` and store the mean in ``accuracy_smallest_c``.

# exercise: solution
# starter: accuracy_smallest_c = ...  # your code here: mean accuracy at the smallest C
accuracy_smallest_c = cross_val_score(SVC(kernel="precomputed", C=C_range[0]), kernel, y, cv=cv,
                                      scoring="accuracy").mean()
print(f"accuracy at C = {C_range[0]:.0e}: {accuracy_smallest_c:.3f}; share of controls {1 - y.mean():.3f}")

# %%

# exercise: check
if not isinstance(accuracy_smallest_c, (float, np.floating)):
    print("Not yet: store the mean of the fold accuracies (a float) in accuracy_smallest_c.")
elif not 0 <= accuracy_smallest_c <= 1:
    print("Not yet: an accuracy lies between 0 and 1.")
elif np.isclose(accuracy_smallest_c, 0.5):
    print("Not yet: 0.5 is the balanced accuracy; use scoring='accuracy'.")
elif min(abs(accuracy_smallest_c - y.mean()), abs(accuracy_smallest_c - (1 - y.mean()))) > 0.02:
    print("Not yet: a model that predicts one class for everyone is right for exactly that class's "
          "participants; did you use C=C_range[0]?")
else:
    print(f"Correct: {accuracy_smallest_c:.3f}, the share of the class it predicts for everyone. Plain "
          "accuracy rewards this model for the class proportions alone; balanced accuracy gives it 0.5.")

# %%
# Take-home
# ---------
#
# * A :term:`validation curve` shows where a model underfits (both scores low) and
#   overfits (training score far above validation score). Use it to choose the
#   range of a search, on a log scale for regularization strengths.
# * :class:`~sklearn.model_selection.GridSearchCV` and
#   :class:`~sklearn.model_selection.RandomizedSearchCV` choose hyperparameters
#   by cross-validation; random search scales better when there are several.
# * ``best_score_`` is *not* a performance estimate: the folds that chose the
#   hyperparameter cannot also judge it. Report a nested cross-validation score
#   (or a test set never used during tuning), next to a dummy baseline.
# * Check your pipeline on shuffled labels: it should give chance. If it does not,
#   something in your procedure is optimistic. Here the non-nested score was as
#   high on shuffled labels as on the real diagnosis, and the nested score was at
#   chance for both: on these two sites there was no detectable effect.
# * Repeat the splits before drawing a conclusion: with a few dozen participants,
#   one split can make the nested score look lower or higher than the non-nested
#   one.
#
# The splitting schemes used here are introduced in
# :ref:`sphx_glr_classic_ml_plot_04_cross_validation.py`, and how much a score
# from a small sample can vary in
# :ref:`sphx_glr_classic_ml_plot_05_uncertainty.py`. Next,
# :ref:`sphx_glr_classic_ml_plot_07_data_leakage.py` shows the other ways
# information from the test data sneaks into training.

# sphinx_gallery_thumbnail_number = 3
