"""
Models for time series: children or adults from windows of resting-state signal
===============================================================================

Can a network that reads raw region :term:`time series` tell a child's brain from an
adult's, and does it beat a linear model on hand-crafted connectivity features? We
take the ABIDE resting-state ROI time series (200 regions, six sites), cut every
scan into fixed-length windows, and train a 1-D :term:`convolutional neural network`
(:class:`keras.layers.Conv1D`) on the windows, next to a :term:`baseline`: logistic
regression on each window's correlation matrix.

You will learn how to turn scans of different lengths and sampling rates into
equal-sized samples, why the windows of one person must never be split between
training and test (:term:`group k-fold`), how to combine window predictions into
one prediction per person, and how to read the result honestly when a simple
model is as good as, or better than, the network.
"""

# %%
# The data: region signals from six sites
# ---------------------------------------
# :func:`nilearn.datasets.fetch_abide_pcp` with ``derivatives=["rois_cc200"]``
# returns one ``(n_volumes, 200)`` array per participant: the mean BOLD signal
# of 200 regions at every volume. We ask for six sites explicitly, so that a
# reader online downloads the same sites. The question is developmental: we keep
# children (younger than 13) and adults (18 or older) and leave out the
# adolescents in between, so that the two classes are clearly different ages.
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from nilearn import datasets

sites = ["KKI", "NYU", "PITT", "UM_1", "USM", "YALE"]
abide = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], SITE_ID=sites, verbose=0)
# The size of what the fetcher read (and, the first time, downloaded): one text file per participant.
series_dir = next(Path(d, "ABIDE_pcp", "cpac", "nofilt_noglobal") for d in datasets.get_data_dirs()
                  if Path(d, "ABIDE_pcp").is_dir())
megabytes = sum((series_dir / f"{i}_rois_cc200.1D").stat().st_size for i in abide.phenotypic["FILE_ID"]) / 1e6
print(f"{len(abide.phenotypic)} participants of {', '.join(sorted(set(abide.phenotypic['SITE_ID'])))}: "
      f"{megabytes:.0f} MB of region time series")
phenotypes = abide.phenotypic.reset_index(drop=True)
age = phenotypes["AGE_AT_SCAN"].to_numpy()
keep = np.flatnonzero((age < 13) | (age >= 18))
phenotypes = phenotypes.loc[keep].reset_index(drop=True)
raw_series = [abide.rois_cc200[i] for i in keep]
is_adult = (phenotypes["AGE_AT_SCAN"] >= 18).to_numpy().astype(int)
print(f"{len(raw_series)} participants: {np.sum(is_adult == 0)} children, {np.sum(is_adult == 1)} adults")
groups = pd.crosstab(phenotypes["SITE_ID"], np.where(is_adult, "adult", "child"), colnames=["group"])
print(groups)
# sphinx_gallery_start_ignore
# claim: "KKI and YALE scanned only children"
assert groups.loc[["KKI", "YALE"], "adult"].sum() == 0, groups
# claim: "most adults come from NYU and USM" (tolerance: more than half of all adults)
assert groups.loc[["NYU", "USM"], "adult"].sum() > 0.5 * groups["adult"].sum(), groups
# sphinx_gallery_end_ignore

# %%
# The table shows a problem we must keep in mind: age and site are tangled. KKI
# and YALE scanned only children, and most adults come from NYU and USM. Sites
# differ in scanner and protocol, and a model can learn to recognise a site,
# which would then look like recognising age. We will measure how far site alone
# gets.
#
# Regions without signal
# ----------------------
# In a few real scans some regions have a constant time series (zero variance):
# part of the region lies outside the scan's field of view, so it holds no signal,
# and its correlations with other regions are undefined (:func:`numpy.corrcoef`
# warns and returns NaN). Replacing those by 0 would invent a "no connectivity"
# that was never measured; instead we drop such regions for *every* participant,
# so that all samples hold the same, measured regions.
flat = np.array([signals.std(axis=0) == 0 for signals in raw_series])  # participants x regions
has_signal = ~flat.any(axis=0)
print(f"{flat.any(axis=1).sum()} participant(s) have regions without signal: "
      f"dropping {np.sum(~has_signal)} of {has_signal.size} regions for everyone")
raw_series = [signals[:, has_signal] for signals in raw_series]
n_regions = int(has_signal.sum())

# %%
# Same duration, same sampling rate
# ---------------------------------
# The sites recorded with different repetition times (TR, seconds between
# volumes) and different scan lengths. A convolution kernel of 5 samples covers
# 7.5 s at TR 1.5 s but 12.5 s at TR 2.5 s, so we first **resample** every scan
# to the slowest TR (2.5 s) with :func:`scipy.signal.resample_poly`, which
# low-pass filters before it drops samples (resting-state BOLD fluctuations sit
# mostly below 0.1 Hz, well below the new Nyquist frequency of 0.2 Hz). Then we
# **crop** all scans to the shortest resampled length, so that everyone
# contributes the same amount of signal. Finally each region's signal is
# z-scored within its own scan: this removes site differences in overall signal
# scale, and it uses only that scan, so it cannot leak information between
# participants.
from fractions import Fraction

from scipy.signal import resample_poly

# TR of each site in seconds, from the ABIDE site descriptions
repetition_time = {"KKI": 2.5, "NYU": 2.0, "PITT": 1.5, "UM_1": 2.0, "USM": 2.0, "YALE": 2.0}
target_tr = 2.5
resampled = []
for scan, site in zip(raw_series, phenotypes["SITE_ID"]):
    ratio = Fraction(repetition_time[site] / target_tr).limit_denominator(10)
    resampled.append(resample_poly(scan, ratio.numerator, ratio.denominator, axis=0))
n_common = min(len(s) for s in resampled)
series = np.stack([s[:n_common] for s in resampled])
series = ((series - series.mean(axis=1, keepdims=True)) / series.std(axis=1, keepdims=True)).astype("float32")
print(f"original lengths (volumes): {sorted({len(s) for s in raw_series})}")
print(f"after resampling to TR {target_tr} s and cropping: {n_common} volumes "
      f"= {n_common * target_tr:.0f} s per participant; array {series.shape}")

# %%
# Windows: more, smaller samples
# ------------------------------
# A network needs many samples, and we have only the participants counted above.
# We cut every scan into overlapping windows of 40 volumes (100 s), the same number
# of windows per person. Each window is a sample of shape ``(time, regions)``
# with the person's label. The windows of one person are *not* independent
# samples: they share the person's brain, head motion and scanner. If some of
# them were in the training set and others in the test set, the model could
# recognise the person instead of learning about age. Every split below is
# therefore made by participant, with ``groups`` set to the participant index.
window, n_windows = 40, 5
starts = np.linspace(0, n_common - window, n_windows).astype(int)
windows = np.concatenate([series[:, s:s + window] for s in starts])
n_subjects = len(series)
subject_of_window = np.tile(np.arange(n_subjects), n_windows)
label_of_window = is_adult[subject_of_window]
print(f"window starts (volumes): {starts.tolist()}")
print(f"{windows.shape[0]} windows of shape {windows.shape[1:]} (time, regions)")

fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
example = 0
time_s = np.arange(n_common) * target_tr
for offset, region in enumerate([0, 50, 100]):
    axes[0].plot(time_s, series[example, :, region] + 4 * offset, lw=0.8, label=f"region {region + 1}")
for k, s in enumerate(starts):
    axes[0].axvspan(s * target_tr, (s + window) * target_tr, ymin=0.02 + 0.035 * k, ymax=0.045 + 0.035 * k,
                    color=f"C{k + 3}")
axes[0].set(xlabel="time (s)", ylabel="z-scored signal (offset)", yticks=[], ylim=(-9, 12),
            title=f"Participant {example + 1}: 3 regions and the {n_windows} windows")
axes[0].legend(loc="upper right", fontsize=8)
image = axes[1].imshow(windows[example].T, aspect="auto", cmap="RdBu_r", vmin=-3, vmax=3,
                       extent=(0, window * target_tr, n_regions + 0.5, 0.5))
axes[1].set(xlabel="time in window (s)", ylabel="region", title="One window: the network's input")
fig.colorbar(image, ax=axes[1], label="z-score")
fig.suptitle("From a resampled, cropped scan to fixed-length windows")
plt.show()

# %%
# Folds by participant
# --------------------
# :class:`~sklearn.model_selection.StratifiedGroupKFold` (a stratified
# :term:`group k-fold`) makes 5 folds in which
# each participant's windows all fall in the same fold, while keeping the
# proportion of adults roughly equal across folds. Baseline and network use the
# same folds, so their scores are directly comparable.
from sklearn.model_selection import StratifiedGroupKFold

cv = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=0)
folds = list(cv.split(windows, label_of_window, groups=subject_of_window))
for k, (train, test) in enumerate(folds):
    shared = np.intersect1d(subject_of_window[train], subject_of_window[test])
    print(f"fold {k + 1}: {train.size} training / {test.size} test windows, "
          f"{len(np.unique(subject_of_window[test]))} test participants, "
          f"participants in both sets: {shared.size}")

# %%
# From windows to people
# ----------------------
# Both models predict a probability of "adult" for each window. A participant's
# prediction is the mean over their windows, and we score participants, not
# windows: the question is about people, and a person with five windows must not
# count five times. :term:`Balanced accuracy <balanced accuracy>` gives 0.5 to any guess that ignores the
# input, whatever the class proportions.
from sklearn.metrics import balanced_accuracy_score


def per_subject(window_probability):
    """Average window probabilities of each participant (windows stacked by window index)."""
    return window_probability.reshape(n_windows, n_subjects).mean(axis=0)


def scores(window_probability):
    window_score = balanced_accuracy_score(label_of_window, window_probability > 0.5)
    subject_score = balanced_accuracy_score(is_adult, per_subject(window_probability) > 0.5)
    return window_score, subject_score


# %%
# Baseline 1: what do site and chance give?
# -----------------------------------------
# A :class:`~sklearn.dummy.DummyClassifier` ignores the data: it gives the
# :term:`chance level`. The second reference is a logistic regression that only
# knows which site a window comes from. Because the two groups are so unevenly
# spread over sites, this "site detector" already scores well above chance: it
# is the score a model could reach by recognising scanners instead of brains.
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

site_of_window = phenotypes["SITE_ID"].to_numpy()[subject_of_window].reshape(-1, 1)
probabilities = {}
probabilities["dummy (chance)"] = cross_val_predict(
    DummyClassifier(strategy="prior"), site_of_window, label_of_window, cv=folds, method="predict_proba")[:, 1]
probabilities["site only"] = cross_val_predict(
    make_pipeline(OneHotEncoder(), LogisticRegression()), site_of_window, label_of_window,
    cv=folds, method="predict_proba")[:, 1]
for name, p in probabilities.items():
    print(f"{name:>16}: balanced accuracy {scores(p)[1]:.3f} (participants)")
# sphinx_gallery_start_ignore
# claim: "already scores well above chance" (tolerance: at least 0.1 above 0.5)
assert scores(probabilities["site only"])[1] > 0.6, scores(probabilities["site only"])
# sphinx_gallery_end_ignore

# %%
# Baseline 2: hand-crafted features
# ---------------------------------
# The classic approach summarises a window by its :term:`functional connectivity`:
# the correlation between every pair of regions (one number per pair, counted
# below), Fisher z-transformed. A :class:`~sklearn.linear_model.LogisticRegression`
# with strong L2 :term:`regularization` (``C=0.001``, fixed here; tuning it
# would need a search inside each training fold), after a
# :class:`~sklearn.preprocessing.StandardScaler`, learns from those. The scaler
# and the model sit in one :term:`pipeline`, so each fold fits them on its
# training windows only. A correlation is the mean product of two z-scored
# signals, so one matrix product per window gives all pairs at once (the same
# numbers as :func:`numpy.corrcoef`, computed in batches of windows, which is
# much faster).
import time

upper = np.triu_indices(n_regions, k=1)
z = (windows - windows.mean(axis=1, keepdims=True)) / windows.std(axis=1, keepdims=True)
correlations = np.concatenate([(batch.transpose(0, 2, 1) @ batch / window)[:, upper[0], upper[1]]
                               for batch in np.array_split(z, 16)])
connectivity_features = np.arctanh(np.clip(correlations, -0.999, 0.999)).astype("float32")
baseline = make_pipeline(StandardScaler(), LogisticRegression(C=0.001, max_iter=1000))
start = time.perf_counter()
probabilities["correlations + logistic"] = cross_val_predict(
    baseline, connectivity_features, label_of_window, cv=folds, method="predict_proba")[:, 1]
window_score, subject_score = scores(probabilities["correlations + logistic"])
print(f"features: {connectivity_features.shape};  5 folds in {time.perf_counter() - start:.1f} s")
print(f"correlations + logistic: balanced accuracy {window_score:.3f} (windows), "
      f"{subject_score:.3f} (participants)")

# %%
# The network: a 1-D convolutional model
# --------------------------------------
# A :class:`keras.layers.Conv1D` layer slides short filters along *time*; each
# filter looks at all regions over a few consecutive volumes, and the same
# filter is applied at every time point (weight sharing), so the model does not
# care *when* in the window a pattern appears. Our model:
#
# * a first ``Conv1D`` with kernel size 1 mixes the regions into 16 "virtual
#   regions" at every time point (a learnt spatial filter, like a network map);
# * a ``Conv1D`` with kernel size 5 (12.5 s) looks for temporal patterns in them;
# * :class:`keras.layers.GlobalAveragePooling1D` averages over time, turning a
#   window of any length into 16 numbers;
# * :class:`keras.layers.Dropout` and a sigmoid output unit give P(adult).
#
# Averaging rectified responses over time measures how strongly each virtual
# region fluctuates: that is how a convolutional model can pick up connectivity
# (regions that fluctuate together make their sum fluctuate more).
import keras


def build_cnn():
    model = keras.Sequential([
        keras.Input(shape=(window, n_regions)),
        keras.layers.Conv1D(16, kernel_size=1, activation="relu"),
        keras.layers.Conv1D(16, kernel_size=5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model


keras.utils.set_random_seed(0)
build_cnn().summary()

# %%
# Training inside each fold
# -------------------------
# In every fold the network gets its own validation data, taken from the
# training participants (again by participant, with
# :class:`~sklearn.model_selection.GroupShuffleSplit`): an
# :class:`~keras.callbacks.EarlyStopping` callback watches the validation loss
# and keeps the weights of the best epoch. The test fold is used only once, for
# the final prediction. The windows go into
# :class:`tf.data.Dataset <tensorflow.data.Dataset>` objects, which shuffle the
# training windows at every epoch and spare Keras re-wrapping the arrays each
# time.
import tensorflow as tf
from sklearn.model_selection import GroupShuffleSplit


def dataset(indices, shuffle_seed=None):
    data = tf.data.Dataset.from_tensor_slices((windows[indices], label_of_window[indices].astype("float32")))
    return data.shuffle(len(indices), seed=shuffle_seed).batch(32) if shuffle_seed is not None else data.batch(256)


network_probability = np.zeros(len(windows))
histories = []
start = time.perf_counter()
for k, (train, test) in enumerate(folds):
    keras.utils.set_random_seed(k)
    inner = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=k)
    fit_idx, val_idx = next(inner.split(train, groups=subject_of_window[train]))
    fit_idx, val_idx = train[fit_idx], train[val_idx]
    model = build_cnn()
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=6, restore_best_weights=True)
    history = model.fit(dataset(fit_idx, shuffle_seed=k), validation_data=dataset(val_idx),
                        epochs=40, shuffle=False, callbacks=[stop], verbose=0)  # the dataset shuffles itself
    histories.append(history.history)
    network_probability[test] = keras.ops.convert_to_numpy(model(windows[test], training=False)).ravel()
    print(f"fold {k + 1}: stopped after {len(history.history['loss'])} epochs, "
          f"best validation loss {min(history.history['val_loss']):.3f}")
probabilities["1-D CNN"] = network_probability
window_score, subject_score = scores(network_probability)
print(f"5 folds trained in {time.perf_counter() - start:.1f} s")
print(f"1-D CNN: balanced accuracy {window_score:.3f} (windows), {subject_score:.3f} (participants)")

# %%
# Training curves
# ---------------
# The curves of all five folds. Training loss falling while validation loss
# stalls or rises is :term:`overfitting`: the network can memorise its training
# windows long before it has learnt something that transfers to new people. In
# every fold the training loss ends far below the best validation loss. Early
# stopping keeps the epoch marked by the dot.
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained", sharex=True)
for k, h in enumerate(histories):
    epochs = np.arange(1, len(h["loss"]) + 1)
    best = int(np.argmin(h["val_loss"]))
    for ax, metric in zip(axes, ["loss", "accuracy"]):
        ax.plot(epochs, h[metric], color=f"C{k}", lw=1, alpha=0.5)
        ax.plot(epochs, h[f"val_{metric}"], color=f"C{k}", lw=1.5, linestyle="--")
        ax.plot(best + 1, h[f"val_{metric}"][best], "o", color=f"C{k}")
axes[0].set(xlabel="epoch", ylabel="binary cross-entropy", title="Loss (solid: training, dashed: validation)")
axes[1].set(xlabel="epoch", ylabel="accuracy (windows)", title="Accuracy (one colour per fold)")
axes[1].axhline(0.5, color="k", linestyle=":", lw=1)
fig.suptitle("1-D CNN training curves in each of the 5 folds (dots: epoch kept by early stopping)")
plt.show()
# sphinx_gallery_start_ignore
# claim: "every fold the training loss ends far below the best validation loss" (tolerance: below half of it)
assert all(h["loss"][-1] < 0.5 * min(h["val_loss"]) for h in histories), [h["loss"][-1] for h in histories]
# sphinx_gallery_end_ignore

# %%
# Comparing the models
# --------------------
# Participant-level balanced accuracy of every model, on the same folds. The
# dotted line is chance; the grey bar is what knowing the site alone gives. The
# bars show a clear order: the correlation baseline scores highest, the network comes
# second, and both are above the site-only reference.
subject_scores = {name: scores(p)[1] for name, p in probabilities.items()}
for name, value in subject_scores.items():
    print(f"{name:>24}: {value:.3f}")
# sphinx_gallery_start_ignore
# claim: "the correlation baseline scores highest, the network comes second, and both are above the site-only reference"
assert (subject_scores["correlations + logistic"] > subject_scores["1-D CNN"] > subject_scores["site only"]
        > subject_scores["dummy (chance)"]), subject_scores
# sphinx_gallery_end_ignore

fig, ax = plt.subplots(figsize=(7, 3), layout="constrained")
ax.barh(list(subject_scores), list(subject_scores.values()), color=["0.8", "0.6", "tab:blue", "tab:orange"])
ax.axvline(0.5, color="k", linestyle=":", label="chance")
ax.set(xlim=(0.3, 1), xlabel="balanced accuracy (participants, 5-fold CV)",
       title="Children versus adults: network against its baselines")
ax.legend(loc="lower right")
plt.show()

# %%
# Windows vote, people decide
# ---------------------------
# How consistent are the five windows of one person? Each row of dots is a
# participant; the cross is their average, the prediction we score. Averaging
# smooths out windows that happened to look older or younger than the person:
# for both models, the participant scores printed earlier are higher than the
# window scores.
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained", sharey=True)
for ax, name in zip(axes, ["correlations + logistic", "1-D CNN"]):
    p = probabilities[name].reshape(n_windows, n_subjects)
    rank = np.empty(n_subjects, dtype=int)
    rank[np.argsort(p.mean(axis=0))] = np.arange(n_subjects)
    for group, colour, label in [(0, "tab:green", "child"), (1, "tab:purple", "adult")]:
        members = np.flatnonzero(is_adult == group)
        ax.plot(p[:, members].T, np.repeat(rank[members, None], n_windows, axis=1), ".",
                color=colour, alpha=0.25, ms=3)
        ax.plot(p[:, members].mean(axis=0), rank[members], "x", color=colour, label=label, ms=4)
    ax.axvline(0.5, color="k", lw=1, linestyle=":")
    ax.set(xlabel="P(adult)", title=name)
    ax.legend(loc="lower right")
axes[0].set(ylabel="participant (sorted by average)", yticks=[])
fig.suptitle("Window predictions (dots) and their average per participant (crosses)")
plt.show()
# sphinx_gallery_start_ignore
# claim: "the participant scores printed earlier are higher than the window scores"
for name in ["correlations + logistic", "1-D CNN"]:
    window_score, subject_score = scores(probabilities[name])
    assert subject_score > window_score, (name, window_score, subject_score)
# sphinx_gallery_end_ignore

# %%
# .. admonition:: Exercise: how many windows does a person need?
#    :class: exercise
#
#    Predict how the participant-level score of the correlation baseline changes
#    when a person's prediction averages only their first window, their first two,
#    and so on up to all five. Use the out-of-fold window probabilities in
#    ``probabilities["correlations + logistic"]`` (reshaped to
#    ``(n_windows, n_subjects)``, as in the figure) and store the five balanced
#    accuracies, for 1 to 5 windows, in a NumPy array ``scores_by_n_windows``.

# exercise: solution
# starter: scores_by_n_windows = ...  # your code here: array of 5 balanced accuracies (1, 2, ..., 5 windows)
window_probability = probabilities["correlations + logistic"].reshape(n_windows, n_subjects)
scores_by_n_windows = np.array([
    balanced_accuracy_score(is_adult, window_probability[:n_used].mean(axis=0) > 0.5)
    for n_used in range(1, n_windows + 1)])
print("participant balanced accuracy with 1 to 5 windows: " + ", ".join(f"{v:.3f}" for v in scores_by_n_windows))

# %%

# exercise: check
if not isinstance(scores_by_n_windows, np.ndarray) or scores_by_n_windows.shape != (n_windows,):
    print("Not yet: store one balanced accuracy per number of windows (1, 2, ... all) in a 1-D NumPy array.")
elif not np.all((scores_by_n_windows >= 0) & (scores_by_n_windows <= 1)):
    print("Not yet: balanced accuracies lie between 0 and 1; threshold the averaged probabilities at 0.5.")
elif abs(scores_by_n_windows[-1] - subject_scores["correlations + logistic"]) > 1e-9:
    print("Not yet: with all five windows you should get the participant score printed above; "
          "average over the window axis (axis 0) and score against is_adult.")
else:
    print(f"Correct: from {scores_by_n_windows[0]:.3f} with one window to {scores_by_n_windows[-1]:.3f} "
          f"with five. Each window is 100 s of signal; averaging more of them gives each person's "
          "prediction more of their scan.")

# %%
# Beyond the site detector
# ------------------------
# The site-only reference is high, so a high score alone does not show that a
# model has learnt anything about brains. A check that site cannot pass: look at
# the out-of-fold predictions *within* one site that has both children and
# adults. Inside NYU, knowing the site tells nothing about age. We use the
# :term:`ROC AUC` there, which asks only whether the NYU adults get higher
# predictions than the NYU children (a threshold learnt across sites may not suit
# one site). 0.5 is chance: a model that knows only the site has nothing with
# which to rank one NYU participant above another. How far from 0.5 can luck
# go? For a random ranking of this many children and adults, the ROC AUC has a
# known standard deviation (that of the Mann-Whitney statistic), printed below;
# we call a ROC AUC more than three of those above 0.5 clearly above chance.
from sklearn.metrics import roc_auc_score

nyu = (phenotypes["SITE_ID"] == "NYU").to_numpy()
n_child, n_adult = np.sum(nyu & (is_adult == 0)), np.sum(nyu & (is_adult == 1))
chance_sd = np.sqrt((n_child + n_adult + 1) / (12 * n_child * n_adult))
print(f"NYU: {n_child} children, {n_adult} adults; a random ranking gives ROC AUC 0.5 ± {chance_sd:.3f} (SD)")
within_nyu = {name: roc_auc_score(is_adult[nyu], per_subject(probabilities[name])[nyu])
              for name in ["correlations + logistic", "1-D CNN"]}
for name, auc in within_nyu.items():
    print(f"{name:>24}: ROC AUC within NYU {auc:.3f}")
# sphinx_gallery_start_ignore
# claim: "both models rank the NYU adults above the NYU children clearly above chance" (tolerance: 3 SD above 0.5)
assert all(auc > 0.5 + 3 * chance_sd for auc in within_nyu.values()), (within_nyu, chance_sd)
# sphinx_gallery_end_ignore

# %%
# Within NYU, where the scanner is the same for everyone, both models rank the
# NYU adults above the NYU children clearly above chance (see the printed ROC
# AUCs and the chance spread): the models have learnt more than the site, an age
# signal in the data (which may include things that go with age within a site,
# such as head motion).
#
# What to make of it
# ------------------
# Are the differences between models larger than luck? The participants are one
# sample of people; another sample would give other scores. A :term:`bootstrap`
# resamples the participants with replacement and recomputes each score on every
# resample, keeping each person's out-of-fold prediction. Both models are scored
# on the same resampled people, so the interval is for their *difference*. It
# measures the uncertainty from which people were tested, not from retraining.
resample_counts = np.random.default_rng(0).multinomial(n_subjects, np.full(n_subjects, 1 / n_subjects), 2000)


def bootstrap_scores(name):
    """Balanced accuracy of a model on every bootstrap resample of the participants."""
    correct = (per_subject(probabilities[name]) > 0.5) == is_adult
    recalls = [(resample_counts * (correct & (is_adult == c))).sum(axis=1)
               / (resample_counts * (is_adult == c)).sum(axis=1) for c in (0, 1)]
    return (recalls[0] + recalls[1]) / 2


intervals = {}
for better, worse in [("correlations + logistic", "1-D CNN"), ("1-D CNN", "site only")]:
    intervals[better, worse] = np.percentile(bootstrap_scores(better) - bootstrap_scores(worse), [2.5, 97.5])
    print(f"{better} minus {worse}: {subject_scores[better] - subject_scores[worse]:+.3f}, "
          f"95 % interval [{intervals[better, worse][0]:+.3f}, {intervals[better, worse][1]:+.3f}]")
# sphinx_gallery_start_ignore
# claim: "the network beats the site-only reference by more than resampling explains"
assert intervals["1-D CNN", "site only"][0] > 0, intervals
# claim: "the lead of the baseline over the network is also larger than resampling explains"
assert intervals["correlations + logistic", "1-D CNN"][0] > 0, intervals
# sphinx_gallery_end_ignore

# %%
# Both intervals lie above zero: the network beats the site-only reference by
# more than resampling explains, and the lead of the baseline over the network
# is also larger than resampling explains. On these data the hand-crafted
# correlations with a linear model are the better choice.
#
# Why would the network not simply win? :term:`Functional connectivity <functional connectivity>` is a
# *second-order* property of the signals (how regions co-fluctuate). The
# hand-crafted correlation matrix hands that property to the linear model
# directly; the network has to discover it from about a thousand training
# windows of a couple of hundred people, and the training curves show how
# quickly it starts to fit its training windows better than new people. A
# :term:`recurrent neural network` (:class:`keras.layers.GRU` or
# :class:`keras.layers.LSTM`), the other
# classic choice for sequences, reads a window one time point at a time; it is
# slower to train and, with this little data, has no more to work with.
# Networks on raw time series start to pay off with thousands of scans, or when
# the information is in the *timing* (events, transitions), which correlations
# discard.

# %%
# .. admonition:: Exercise: the within-site check at the other sites
#    :class: exercise
#
#    NYU is not the only site with both children and adults (see the table at the
#    top). Repeat the check for the correlation baseline at every *other* site that
#    has both groups: compute the ROC AUC of its per-participant predictions among
#    that site's participants and store the values in a dict ``auc_other_sites``,
#    keyed by site name. Why must KKI and YALE be left out?

# exercise: solution
# starter: auc_other_sites = ...  # your code here: {site name: ROC AUC of the correlation baseline within it}
site_of_subject = phenotypes["SITE_ID"].to_numpy()
auc_other_sites = {}
for site_name in sites:
    at_site = site_of_subject == site_name
    if site_name == "NYU" or np.unique(is_adult[at_site]).size < 2:
        continue  # NYU is done above; a site with one group has no ranking to check
    auc_other_sites[site_name] = float(roc_auc_score(
        is_adult[at_site], per_subject(probabilities["correlations + logistic"])[at_site]))
for site_name, auc in auc_other_sites.items():
    print(f"{site_name}: ROC AUC within the site {auc:.3f}")

# %%

# exercise: check
if not isinstance(auc_other_sites, dict) or not auc_other_sites:
    print("Not yet: store a dict that maps each site name to one ROC AUC.")
elif set(auc_other_sites) & {"KKI", "YALE"}:
    print("Not yet: KKI and YALE have no adults, so there is nothing to rank within them; leave them out.")
elif set(auc_other_sites) != set(
        mixed_sites := [name for name in groups.index if name != "NYU" and (groups.loc[name] > 0).all()]):
    print(f"Not yet: include every site other than NYU that has both children and adults ({len(mixed_sites)} sites).")
elif not all(isinstance(v, (float, np.floating)) and 0 <= v <= 1 for v in auc_other_sites.values()):
    print("Not yet: each value is a ROC AUC, a number between 0 and 1.")
else:
    parts = []
    for name, auc in auc_other_sites.items():
        n_c, n_a = groups.loc[name, "child"], groups.loc[name, "adult"]
        parts.append(f"{name} {auc:.2f} (chance SD {np.sqrt((n_c + n_a + 1) / (12 * n_c * n_a)):.2f})")
    print("Correct: " + "; ".join(parts) + ". Sites with few children or few adults give wide chance "
          "spreads: read each value against its own.")

# %%
# Take-home
# ---------
#
# * Bring every scan to the same sampling rate and duration before cutting it
#   into windows, and say how you did it: a kernel size in samples means a
#   different time span at a different TR.
# * Windows of one person stay together in one fold (:term:`group k-fold`);
#   average window predictions per person and score people.
# * Always train a baseline on hand-crafted features with the same folds. On a
#   few hundred participants, correlation features and a linear model were
#   better than the network: if the baseline wins, that is the lesson.
# * When groups are unevenly spread over sites, measure what site alone gives and
#   check within a site: here both models still ranked adults above children
#   within NYU, so they learnt more than the scanner.
#
# Next: :ref:`sphx_glr_deep_learning_plot_06_autoencoder.py` compresses
# connectomes without labels. Related:
# :ref:`sphx_glr_deep_learning_plot_03_mlp_connectomes.py` (a network on
# connectomes), :ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py` (site
# and other confounds) and :ref:`sphx_glr_deep_learning_plot_07_training_and_tuning.py`
# (early stopping and regularization).

# sphinx_gallery_thumbnail_number = 3
