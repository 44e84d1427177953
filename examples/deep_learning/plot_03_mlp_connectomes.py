"""
An MLP on connectomes against a linear baseline
===============================================

Does a :term:`neural network` classify autism from resting-state connectivity better than
a logistic regression? With a few hundred participants of the ABIDE Preprocessed dataset
(fetched with :func:`nilearn.datasets.fetch_abide_pcp`), we build one
:term:`connectome` per person, train a small Keras multi-layer perceptron (MLP) with
every usual defence against :term:`overfitting` (:term:`regularization`,
:term:`dropout`, :term:`early stopping` on a :term:`validation set` carved out of the
training data), and compare it with a logistic regression and a dummy
:term:`baseline` on exactly the same folds of a repeated, subject-level
:term:`cross-validation`. You will learn how to run such a comparison fairly, how to
read per-fold scores *paired* across models, how uncertain the difference between
two models is with a sample this size, and what that says about deep learning on
small neuroimaging datasets.
"""

# %%
# Data: one connectome per participant
# ------------------------------------
# The fetcher returns, for each participant, the average time series of 200 regions
# (the Craddock 200 parcellation, ``rois_cc200``) and the phenotype table. By default
# it keeps only participants who passed the manual quality checks.
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from nilearn import datasets

abide = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], SITE_ID=["KKI", "NYU", "YALE"], verbose=0)
# The size of what the fetcher read (and, the first time, downloaded): one text file per participant.
series_dir = next(Path(d, "ABIDE_pcp", "cpac", "nofilt_noglobal") for d in datasets.get_data_dirs()
                  if Path(d, "ABIDE_pcp").is_dir())
megabytes = sum((series_dir / f"{i}_rois_cc200.1D").stat().st_size for i in abide.phenotypic["FILE_ID"]) / 1e6
print(f"{len(abide.phenotypic)} participants of {', '.join(sorted(set(abide.phenotypic['SITE_ID'])))}: "
      f"{megabytes:.0f} MB of region time series")
phenotypes = abide.phenotypic
is_autism = (phenotypes["DX_GROUP"] == 1).to_numpy().astype(int)  # 1 = autism, 2 = control
sites = phenotypes["SITE_ID"].to_numpy()
print(f"{len(abide.rois_cc200)} participants, {is_autism.sum()} autistic, "
      f"{(1 - is_autism).sum()} controls, {np.unique(sites).size} sites")

# %%
# A :class:`~nilearn.connectome.ConnectivityMeasure` turns each participant's time
# series into the correlations between all pairs of regions, and ``vectorize=True``
# keeps the values below the diagonal, one per pair, as a feature vector. We apply
# the Fisher transform (``arctanh``) so that the values are closer to normal. Each
# participant's connectome depends only on their own data, so computing them all
# before the cross-validation does not leak information between participants.
#
# A few real scans have regions whose time series is constant (zero variance):
# part of the region lies outside the scan's field of view, so it holds no
# signal, and its correlations are undefined (the ConnectivityMeasure silently
# returns 0 for them). A 0 would be a "no connectivity" that was never measured.
# We drop those regions for *every* participant instead, so all connectomes hold
# the same, measured connections.
from nilearn.connectome import ConnectivityMeasure

flat = np.array([signals.std(axis=0) == 0 for signals in abide.rois_cc200])  # participants x regions
has_signal = ~flat.any(axis=0)
print(f"{flat.any(axis=1).sum()} participant(s) have regions without signal: "
      f"dropping {np.sum(~has_signal)} of {has_signal.size} regions for everyone")
series = [signals[:, has_signal] for signals in abide.rois_cc200]
connectivity = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True)
# float32 halves memory and time; Keras computes in float32 anyway.
X = np.arctanh(connectivity.fit_transform(series)).astype(np.float32)
y = is_autism
print("feature matrix:", X.shape, "(participants × region pairs)")

# %%
# Folds: repeated, stratified, one participant = one sample
# ---------------------------------------------------------
# Each participant is one sample, so no person can be in training and test at once.
# We use 5-fold cross-validation repeated twice with different shuffles
# (:class:`~sklearn.model_selection.RepeatedStratifiedKFold`): 10 train/test splits.
# The :term:`stratification` is on site *and* diagnosis together, so every fold has
# every site and about the same autism/control ratio. The folds are computed once
# and reused for every model: the comparison is then paired, fold by fold.
from sklearn.model_selection import RepeatedStratifiedKFold

strata = [f"{site}-{label}" for site, label in zip(sites, y)]
n_splits, n_repeats = 5, 2
cv = RepeatedStratifiedKFold(n_splits=n_splits, n_repeats=n_repeats, random_state=0)
folds = list(cv.split(X, strata))
print(f"{len(folds)} folds; training sets of {len(folds[0][0])}, test sets of {len(folds[0][1])} participants")

# %%
# The shared preprocessing, fitted inside each fold
# -------------------------------------------------
# About twenty thousand features for fewer than two hundred training participants
# is a lot for a network. Both
# models therefore see the same reduced input: the features are standardised and
# projected on the first 100 principal components (:term:`principal component
# analysis`), whitened to unit variance. Standardisation and PCA are *learned from
# the training participants of the fold only* and then applied to its test
# participants; fitting them on everyone would leak the test set into the model.
# (The network's inner validation participants, below, are part of the training
# participants: harmless for the test score, slightly optimistic for early
# stopping.)
from sklearn.decomposition import PCA
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def make_preprocessing():
    return make_pipeline(StandardScaler(), PCA(n_components=100, whiten=True, random_state=0))


# %%
# The network
# -----------
# A small MLP with :class:`keras.Sequential`: one hidden :class:`~keras.layers.Dense`
# layer of 32 ReLU units with an L2 penalty on its weights
# (:class:`keras.regularizers.L2`, weight decay), a :class:`~keras.layers.Dropout`
# layer that silences half of the hidden units at random during training, and one
# sigmoid output. The summary below counts its weights: many more than the
# participants it is fitted on in each fold (the training set printed above,
# minus its validation part).
#
# For early stopping the network needs data it does not train on. We take it from
# the *training* part of the fold (20 %, stratified by diagnosis), never from the test
# participants: :class:`keras.callbacks.EarlyStopping` watches the loss on this
# inner validation set, stops when it has not improved for 10 epochs and restores
# the weights of the best epoch. The optimizer is Adam with a learning rate of
# 0.003, in mini-batches of 32 participants, for at most 100 epochs. The data go
# into :class:`tf.data.Dataset <tensorflow.data.Dataset>` objects, which shuffle
# the participants at every epoch and spare Keras re-wrapping the arrays each
# time (with so few samples, that overhead would be most of the training time).
import keras
import tensorflow as tf
from sklearn.model_selection import train_test_split


def build_mlp(n_inputs):
    return keras.Sequential(
        [
            keras.Input(shape=(n_inputs,)),
            keras.layers.Dense(32, activation="relu", kernel_regularizer=keras.regularizers.L2(1e-3)),
            keras.layers.Dropout(0.5),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )


def fit_mlp(Z_train, y_train, seed):
    """Train the MLP with early stopping on an inner split of the training data."""
    Z_fit, Z_val, y_fit, y_val = train_test_split(
        Z_train, y_train, test_size=0.2, stratify=y_train, random_state=seed)
    keras.backend.clear_session()  # forget the previous fold's model
    keras.utils.set_random_seed(seed)
    model = build_mlp(Z_train.shape[1])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=3e-3), loss="binary_crossentropy")
    stopper = keras.callbacks.EarlyStopping(monitor="val_loss", patience=10, restore_best_weights=True)
    fit_data = tf.data.Dataset.from_tensor_slices((Z_fit, y_fit.astype("float32"))).shuffle(len(Z_fit), seed=seed)
    val_data = tf.data.Dataset.from_tensor_slices((Z_val, y_val.astype("float32"))).batch(len(Z_val)).cache()
    history = model.fit(fit_data.batch(32), validation_data=val_data, epochs=100, shuffle=False,
                        callbacks=[stopper], verbose=0)  # the dataset shuffles itself
    return model, history.history


example_mlp = build_mlp(100)
example_mlp.summary()
# sphinx_gallery_start_ignore
# claim: "many more than the participants it is fitted on in each fold" (tolerance: ten times as many)
assert example_mlp.count_params() > 10 * len(folds[0][0]), example_mlp.count_params()
# sphinx_gallery_end_ignore

# %%
# Three models on the same folds
# ------------------------------
# In each fold we fit the preprocessing on the training participants, then three
# models on the same transformed data: a
# :class:`~sklearn.dummy.DummyClassifier` (the majority class; its
# :term:`balanced accuracy` is the :term:`chance level`, 0.5), a
# :class:`~sklearn.linear_model.LogisticRegression` (the linear baseline, with its
# default L2 penalty) and the MLP. Neither the network nor the logistic regression
# is tuned; both use reasonable defaults. The score is balanced accuracy on the
# fold's test participants.
import time

from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score

model_names = ["dummy", "logistic regression", "MLP"]
scores = {name: [] for name in model_names}
histories, best_epochs = [], []
start = time.perf_counter()
for fold, (train, test) in enumerate(folds):
    preprocessing = make_preprocessing().fit(X[train])
    Z_train, Z_test = preprocessing.transform(X[train]), preprocessing.transform(X[test])

    dummy = DummyClassifier(strategy="most_frequent").fit(Z_train, y[train])
    linear = LogisticRegression(max_iter=1000).fit(Z_train, y[train])
    mlp, history = fit_mlp(Z_train, y[train], seed=fold)
    mlp_pred = (keras.ops.convert_to_numpy(mlp(Z_test, training=False)).ravel() > 0.5).astype(int)

    for name, predicted in zip(model_names, [dummy.predict(Z_test), linear.predict(Z_test), mlp_pred]):
        scores[name].append(balanced_accuracy_score(y[test], predicted))
    histories.append(history)
    best_epochs.append(int(np.argmin(history["val_loss"])) + 1)
scores = {name: np.array(values) for name, values in scores.items()}
print(f"{len(folds)} folds × 3 models in {time.perf_counter() - start:.0f} s")
for name, values in scores.items():
    print(f"{name:>20}: balanced accuracy {values.mean():.3f} (fold-to-fold SD {values.std(ddof=1):.3f})")
print(f"MLP best epoch per fold: median {np.median(best_epochs):.0f}, "
      f"range {min(best_epochs)}-{max(best_epochs)}")
# sphinx_gallery_start_ignore
# claim: "early stopping ended training before the 100-epoch limit"
assert all(len(history["loss"]) < 100 for history in histories), [len(h["loss"]) for h in histories]
# sphinx_gallery_end_ignore

# %%
# What early stopping saw
# -----------------------
# The learning curves of the first fold show the small-sample problem directly. The
# training loss (computed with dropout active) keeps falling: thousands of weights
# can memorise a hundred or two people. The validation loss, on the few people held
# out of the fold's training set, improves much less; the dashed line marks the
# epoch whose weights early stopping kept. In every fold, early stopping ended
# training before the 100-epoch limit (the best epochs are printed above). With
# so few validation participants, *where* that minimum falls is itself partly
# chance.
fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
first = histories[0]
epochs = np.arange(1, len(first["loss"]) + 1)
axes[0].plot(epochs, first["loss"], label="training (inner fit set)")
axes[0].plot(epochs, first["val_loss"], label="validation (inner split)")
axes[0].axvline(best_epochs[0], color="k", ls="--", lw=1, label=f"kept: epoch {best_epochs[0]}")
axes[0].set(xlabel="epoch", ylabel="binary cross-entropy (incl. L2 penalty)",
            title="Fold 1: learning curves")
axes[0].legend(fontsize="small")
for history in histories:
    axes[1].plot(np.arange(1, len(history["val_loss"]) + 1), history["val_loss"], color="tab:orange",
                 alpha=0.4, lw=1)
axes[1].set(xlabel="epoch", ylabel="validation loss (incl. L2 penalty)",
            title=f"All {len(folds)} folds: validation loss until stopping")
fig.suptitle("The MLP's training as seen by early stopping")
plt.show()
# sphinx_gallery_start_ignore
# claim: "training set, improves much less" (fold 1, first to best epoch: less than half the training loss's drop)
assert first["val_loss"][0] - min(first["val_loss"]) < 0.5 * (first["loss"][0] - min(first["loss"])), first
# sphinx_gallery_end_ignore

# %%
# Paired scores: the same fold across models
# ------------------------------------------
# Test folds differ in how hard they are, so scores vary a lot from fold to fold for
# every model. What matters for the comparison is the *difference* within each fold,
# which is why each grey line below connects the scores of one fold. The right
# panel shows these differences, MLP minus logistic regression, one dot per fold.
#
# How uncertain is their mean? The 10 differences are not independent: the
# training sets overlap heavily, so the naive standard error (standard deviation
# divided by :math:`\sqrt{10}`) is too optimistic. Nadeau and Bengio's correction
# (2003, `doi:10.1023/A:1024068626366 <https://doi.org/10.1023/A:1024068626366>`_)
# inflates the variance by the ratio of test to training size:
# :math:`\mathrm{Var} = (1/J + n_\mathrm{test}/n_\mathrm{train})\, s^2` for
# :math:`J` folds. We draw both intervals; only the corrected one is a fair summary.
# The same corrected interval, applied to each model's score minus the dummy's,
# says whether a model is reliably above chance.
from scipy import stats

n_folds = len(folds)
n_test, n_train = len(folds[0][1]), len(folds[0][0])
t_crit = stats.t.ppf(0.975, df=n_folds - 1)


def corrected_interval(differences):
    """95 % interval of the mean per-fold difference, Nadeau & Bengio's variance correction."""
    se = differences.std(ddof=1) * np.sqrt(1 / n_folds + n_test / n_train)
    return differences.mean() - t_crit * se, differences.mean() + t_crit * se


above_chance = {name: corrected_interval(scores[name] - scores["dummy"]) for name in model_names[1:]}
for name, (low, high) in above_chance.items():
    print(f"{name} minus dummy: corrected 95 % interval [{low:+.3f}, {high:+.3f}]")
difference = scores["MLP"] - scores["logistic regression"]
naive_se = difference.std(ddof=1) / np.sqrt(n_folds)
corrected_se = difference.std(ddof=1) * np.sqrt(1 / n_folds + n_test / n_train)
intervals = {
    "naive (too narrow)": (naive_se, "0.6"),
    "corrected (Nadeau & Bengio)": (corrected_se, "k"),
}
print(f"MLP minus logistic regression: mean {difference.mean():+.3f} balanced accuracy")
for label, (se, _) in intervals.items():
    low, high = difference.mean() - t_crit * se, difference.mean() + t_crit * se
    print(f"  95 % interval, {label}: [{low:+.3f}, {high:+.3f}]")
print(f"  MLP better in {np.sum(difference > 0)} of {n_folds} folds, worse in {np.sum(difference < 0)}")
# sphinx_gallery_start_ignore
(linear_low, _), (mlp_low, _) = above_chance.values()
# claim: "The logistic regression is reliably above chance"
assert linear_low > 0, above_chance
# claim: "its lower end is about zero" (tolerance: within 0.05 of zero)
assert abs(mlp_low) < 0.05, above_chance
# claim: "are far from a useful diagnostic test" (tolerance: mean balanced accuracy below 0.7)
assert scores["logistic regression"].mean() < 0.7 and scores["MLP"].mean() < 0.7, scores
# claim: "the corrected interval of the difference includes zero"
low, high = corrected_interval(difference)
assert low < 0 < high, (low, high)
# claim: "the MLP wins some folds and loses others"
assert 0 < np.sum(difference > 0) < n_folds, difference
# sphinx_gallery_end_ignore

fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained",
                         gridspec_kw={"width_ratios": [2, 1]})
positions = np.arange(len(model_names))
repeat_of_fold = np.repeat(np.arange(n_repeats), n_splits)
for fold in range(n_folds):
    axes[0].plot(positions, [scores[name][fold] for name in model_names], color="0.7", lw=1, zorder=1)
for position, name, color in zip(positions, model_names, ["0.5", "tab:blue", "tab:orange"]):
    axes[0].scatter(np.full(n_folds, position), scores[name], color=color, s=25, zorder=2)
    axes[0].errorbar(position + 0.12, scores[name].mean(), yerr=scores[name].std(ddof=1), fmt="D",
                     color="k", capsize=4, zorder=3)
axes[0].axhline(0.5, color="k", ls=":", lw=1, label="chance (0.5)")
axes[0].set(xticks=positions, xticklabels=model_names, ylabel="balanced accuracy (test fold)",
            title="Per-fold scores (lines join the same fold; diamond: mean ± SD)")
axes[0].legend(loc="upper left", fontsize="small")

jitter = np.random.default_rng(0).uniform(-0.1, 0.1, n_folds)
axes[1].scatter(jitter, difference, c=repeat_of_fold, cmap="viridis", s=25, zorder=2)
for offset, (se, color) in zip([0.45, 0.85], intervals.values()):
    axes[1].errorbar(offset, difference.mean(), yerr=t_crit * se, fmt="o", color=color, capsize=5)
axes[1].axhline(0, color="k", ls=":", lw=1)
axes[1].set(xlim=(-0.25, 1.05), xticks=[0, 0.45, 0.85],
            xticklabels=["folds\n(colour: repeat)", "mean,\nnaive CI", "mean,\ncorrected CI"],
            ylabel="MLP − logistic regression (balanced accuracy)", title="Paired differences, 95 % CI")
fig.suptitle(f"Autism vs control from connectomes: MLP against a linear baseline, same {len(folds)} folds")
plt.show()

# %%
# .. admonition:: Exercise: fix an unpaired test of the two models
#    :class: exercise
#
#    A colleague compares the two models with
#    ``stats.ttest_ind(scores["MLP"], scores["logistic regression"])``. That test
#    treats the 10 scores of each model as independent samples: it ignores that both
#    models were scored on the same folds (pairing) and that the folds' training
#    sets overlap. Replace it by the corrected paired test that matches the interval
#    above: :math:`t` is the mean of ``difference`` divided by ``corrected_se``, with
#    :math:`J - 1` degrees of freedom, two-sided. Store its p-value in ``p_corrected``.

# exercise: solution
# starter: p_corrected = ...  # your code here: two-sided p-value of the corrected paired t-test
t_corrected = difference.mean() / corrected_se
p_corrected = float(2 * stats.t.sf(abs(t_corrected), df=n_folds - 1))
p_unpaired = stats.ttest_ind(scores["MLP"], scores["logistic regression"]).pvalue
print(f"corrected paired test: t = {t_corrected:+.2f}, p = {p_corrected:.2f} "
      f"(the colleague's unpaired test: p = {p_unpaired:.2f})")

# %%

# exercise: check
if not isinstance(p_corrected, (float, np.floating)):
    print("Not yet: store the p-value (one float) in p_corrected.")
elif not 0 < p_corrected <= 1:
    print("Not yet: a p-value lies between 0 and 1; for a two-sided test, double the upper tail of |t|.")
else:
    low_corrected, high_corrected = corrected_interval(difference)
    if (p_corrected < 0.05) != (low_corrected > 0 or high_corrected < 0):
        print("Not yet: the test must agree with the corrected 95 % interval printed above (p < 0.05 exactly "
              "when the interval excludes 0); did you use the naive standard error or the wrong degrees of "
              "freedom?")
    else:
        print(f"Correct: p = {p_corrected:.2f}, consistent with the corrected interval "
              f"[{low_corrected:+.3f}, {high_corrected:+.3f}]. Pairing removes the fold-to-fold differences in "
              "difficulty; the correction puts back the uncertainty that overlapping training sets hide.")

# %%
# .. admonition:: Exercise: how far does knowing the site go?
#    :class: exercise
#
#    The folds are stratified by site and diagnosis, but the proportion of autistic
#    participants still differs between sites. Predict the balanced accuracy of a
#    model that knows only the site: fit
#    ``make_pipeline(OneHotEncoder(), LogisticRegression())`` on ``sites`` (as a
#    column, ``sites[:, None]``) in each of the same ``folds`` and store the 10 test
#    scores in a NumPy array ``site_only_scores``.

# exercise: solution
# starter: site_only_scores = ...  # your code here: array of 10 balanced accuracies, one per fold
from sklearn.preprocessing import OneHotEncoder

site_only_scores = []
for fold_train, fold_test in folds:
    site_model = make_pipeline(OneHotEncoder(), LogisticRegression()).fit(sites[fold_train, None], y[fold_train])
    site_only_scores.append(balanced_accuracy_score(y[fold_test], site_model.predict(sites[fold_test, None])))
site_only_scores = np.array(site_only_scores)
print(f"site only: mean balanced accuracy {site_only_scores.mean():.3f} "
      f"(logistic regression on connectomes {scores['logistic regression'].mean():.3f})")

# %%

# exercise: check
if not isinstance(site_only_scores, np.ndarray) or site_only_scores.shape != (n_folds,):
    print("Not yet: store one balanced accuracy per fold (the same folds as above) in a 1-D NumPy array.")
elif not np.all((site_only_scores >= 0) & (site_only_scores <= 1)):
    print("Not yet: balanced accuracies lie between 0 and 1.")
elif np.allclose(site_only_scores, scores["logistic regression"]):
    print("Not yet: these are the connectome scores; fit the model on the site column only.")
else:
    site_low, site_high = corrected_interval(site_only_scores - scores["dummy"])
    print(f"Correct: mean {site_only_scores.mean():.3f}; site only minus dummy, corrected 95 % interval "
          f"[{site_low:+.3f}, {site_high:+.3f}], against a mean of {scores['logistic regression'].mean():.3f} "
          "for the connectomes. The part of a score that the site alone reaches is no evidence "
          "about autism.")

# %%
# What this says about deep learning on small samples
# ---------------------------------------------------
# The printed intervals say it plainly. The logistic regression is reliably above
# chance: its corrected interval against the dummy lies above zero. For the MLP,
# its lower end is about zero: on these folds we cannot even be sure that the
# network beats the dummy. Both are far from a useful diagnostic test, and the network
# adds nothing: the corrected interval of the difference includes zero, so on
# these data the MLP is no better than the logistic regression, with more
# settings, more time and no weights to inspect. The per-fold lines also show why one cross-validation run is not
# enough: the MLP wins some folds and loses others, and a single fold can
# disagree with the average by more than the average difference itself.
#
# This matches larger, systematic studies. Schulz et al. (2020, *Nature
# Communications*, `doi:10.1038/s41467-020-18037-z
# <https://doi.org/10.1038/s41467-020-18037-z>`_) found that on UK Biobank brain
# images, linear models and deep networks improved similarly with sample size up
# to thousands of participants, unlike on typical machine-learning benchmarks where
# non-linear models pull ahead. He et al. (2020, *NeuroImage*,
# `doi:10.1016/j.neuroimage.2019.116276
# <https://doi.org/10.1016/j.neuroimage.2019.116276>`_) found that deep networks
# and kernel regression reached comparable accuracies when predicting behaviour and
# demographics from functional connectivity. On connectomes of a few hundred
# people, the linear model is the sensible first choice: it is faster, has fewer
# settings to tune (and to overfit through tuning) and its weights can be inspected.
#
# The site effect is a caveat for *both* models: stratifying by site keeps every
# site in every fold, but the classifiers may still pick up site or motion
# differences that correlate with diagnosis; see
# :ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py`.

# %%
# Take-home
# ---------
# * Compare a network with a linear model and a dummy baseline on the *same*
#   subject-level folds, with the preprocessing (here standardisation and PCA)
#   fitted inside each training fold.
# * Early stopping needs its own validation data: split it off the training fold,
#   never use the test fold.
# * Repeat the cross-validation and look at paired, per-fold differences; correct
#   their standard error for overlapping training sets before claiming a winner.
# * On a few hundred participants, the MLP did not beat a regularized linear model
#   on connectomes; the linear model was modestly but reliably above chance, the
#   MLP not reliably so. Deep learning's advantages appear, if at all, with much
#   larger samples or richer inputs.
#
# The Keras workflow is introduced in
# :ref:`sphx_glr_deep_learning_plot_02_keras_first_network.py`; cross-validation
# schemes in :ref:`sphx_glr_classic_ml_plot_04_cross_validation.py`; tuning the
# network's settings without touching the test data in
# :ref:`sphx_glr_deep_learning_plot_07_training_and_tuning.py`.

# sphinx_gallery_thumbnail_number = 2
