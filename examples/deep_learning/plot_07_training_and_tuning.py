"""
Training and tuning a network: seeds, learning rate, capacity, regularization
==============================================================================

How much of a network's score is the network, and how much is luck and settings?
We predict age from the functional connectivity of the ABIDE participants (the
quality-checked subjects that :func:`nilearn.datasets.fetch_abide_pcp` returns:
fewer than two hundred people and about twenty thousand connections each, a typical
neuroimaging sample) with a small :term:`multi-layer perceptron`, and change one
thing at a time: the random seed, the :term:`learning rate`, the :term:`batch` size,
the capacity of the network, and five kinds of :term:`regularization`
(:term:`weight decay`, :term:`dropout`, :term:`batch normalization`,
:term:`early stopping` and :term:`data augmentation`).

You will learn to read :term:`learning curve`\\ s for :term:`overfitting` and
:term:`underfitting`, to measure the seed-to-seed spread before believing a
difference, and to tune on a :term:`validation set` of other subjects while
keeping a :term:`test set` for one final score next to a linear :term:`baseline`.
"""

# %%
# Connectomes and a subject-level split
# -------------------------------------
# Each participant gives one sample: the correlation between every pair of the 200
# regions' time series (a :term:`connectome`, one number per pair of regions).
#
# A few real scans have regions whose time series is constant (zero variance):
# part of the region lies outside the scan's field of view, so it has no signal,
# and its correlations are undefined (NumPy returns NaN; nilearn's
# :class:`~nilearn.connectome.ConnectivityMeasure` silently returns 0). Filling
# in 0 would tell the model "no connectivity" where nothing was measured, so we
# drop those regions for *every* participant: all connectomes then hold the same,
# measured connections. The count is printed below.
#
# We split the
# *participants* into training (60 %), validation (20 %) and test (20 %) sets,
# stratified by site so that every site appears in each set. Anything computed from
# data (standardization, the choice of settings) uses the training subjects, or, for
# tuning, the validation subjects; the test subjects are used once at the end.
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from nilearn import datasets
from nilearn.connectome import ConnectivityMeasure
from sklearn.model_selection import train_test_split

abide = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], SITE_ID=["PITT", "USM", "YALE"], verbose=0)
# The size of what the fetcher read (and, the first time, downloaded): one text file per participant.
series_dir = next(Path(d, "ABIDE_pcp", "cpac", "nofilt_noglobal") for d in datasets.get_data_dirs()
                  if Path(d, "ABIDE_pcp").is_dir())
megabytes = sum((series_dir / f"{i}_rois_cc200.1D").stat().st_size for i in abide.phenotypic["FILE_ID"]) / 1e6
print(f"{len(abide.phenotypic)} participants of {', '.join(sorted(set(abide.phenotypic['SITE_ID'])))}: "
      f"{megabytes:.0f} MB of region time series")
phenotypes = abide.phenotypic.reset_index(drop=True)
series = abide.rois_cc200
ages = phenotypes["AGE_AT_SCAN"].to_numpy(dtype="float32")
sites = phenotypes["SITE_ID"].to_numpy()

flat = np.array([signals.std(axis=0) == 0 for signals in series])  # participants x regions
has_signal = ~flat.any(axis=0)
print(f"{flat.any(axis=1).sum()} participant(s) have regions without signal: "
      f"dropping {np.sum(~has_signal)} of {has_signal.size} regions for everyone")
series = [signals[:, has_signal] for signals in series]

connectivity = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True)
X = connectivity.fit_transform(series).astype("float32")
subjects = np.arange(len(X))
train, rest = train_test_split(subjects, test_size=0.4, stratify=sites, random_state=0)
val, test = train_test_split(rest, test_size=0.5, stratify=sites[rest], random_state=0)
print(f"{len(X)} participants, {X.shape[1]} connections each; "
      f"training {len(train)}, validation {len(val)}, test {len(test)} participants")
print(f"age range {ages.min():.1f}-{ages.max():.1f} years, median {np.median(ages):.1f}")

# %%
# Twenty thousand connections for a hundred training participants is far more
# inputs than a network can learn weights for reliably. As a first step we
# compress the connectomes to their 50 main components with a
# :class:`~sklearn.decomposition.PCA` fitted on the *training participants only*
# (see :term:`principal component analysis`); validation and test participants are
# projected with the same components.
from sklearn.decomposition import PCA
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

compress = make_pipeline(StandardScaler(), PCA(n_components=50, random_state=0)).fit(X[train])
Z = compress.transform(X).astype("float32")
print(f"50 components keep {compress[-1].explained_variance_ratio_.sum():.0%} of the training variance")

# %%
# Two baselines first
# -------------------
# Predicting every participant's age as the training mean gives the error of
# knowing nothing. A ridge regression (a linear model with an L2 penalty, its
# strength chosen by cross-validation on the training subjects only,
# :class:`~sklearn.linear_model.RidgeCV`) on the same 50 components gives the error
# a well-regularized linear model reaches with the same inputs. The network has to
# beat both to be worth it.
from sklearn.linear_model import RidgeCV
from sklearn.metrics import mean_absolute_error

mean_age_error = mean_absolute_error(ages[val], np.full(len(val), ages[train].mean()))
ridge = make_pipeline(StandardScaler(), RidgeCV(alphas=np.logspace(-2, 4, 13))).fit(Z[train], ages[train])
ridge_error = mean_absolute_error(ages[val], ridge.predict(Z[val]))
print(f"validation mean absolute error: mean age {mean_age_error:.2f} years, ridge {ridge_error:.2f} years")
# sphinx_gallery_start_ignore
# claim: "the ridge regression is clearly better than the mean age" (tolerance: by at least half a year)
assert ridge_error < mean_age_error - 0.5, (ridge_error, mean_age_error)
# sphinx_gallery_end_ignore

# %%
# On the validation participants printed above, the ridge regression is clearly
# better than the mean age: the linear model finds an age signal in the
# components. That is the bar for the network.
#
# One network with all its settings as arguments
# ----------------------------------------------
# A single function builds every variant, so that each comparison changes exactly
# one setting. ``width`` sets the capacity (units in the first hidden layer);
# ``weight_decay`` adds an L2 penalty on the weights to the loss; ``dropout`` sets to
# zero a random fraction of the inputs to each hidden layer at every training step;
# ``batch_norm`` standardises each hidden layer's activations over the mini-batch.
# The components are standardised by a :class:`~keras.layers.Normalization` layer
# with the training subjects' means and variances, and the network predicts age in
# standard units of the training ages (converted back to years for reporting).
import keras

keras.utils.set_random_seed(0)
normalize_inputs = keras.layers.Normalization()
normalize_inputs.adapt(Z[train])
age_mean, age_std = ages[train].mean(), ages[train].std()


def scaled(a):
    return (a - age_mean) / age_std


def build(width=32, weight_decay=0.0, dropout=0.0, batch_norm=False, learning_rate=1e-3, seed=0):
    keras.utils.set_random_seed(seed)
    regularizer = keras.regularizers.L2(weight_decay) if weight_decay else None
    layers = [keras.Input(shape=(Z.shape[1],)), normalize_inputs]
    for units in (width, max(width // 4, 2)):
        if dropout:
            layers.append(keras.layers.Dropout(dropout))
        layers.append(keras.layers.Dense(units, kernel_regularizer=regularizer,
                                         activation=None if batch_norm else "relu"))
        if batch_norm:
            layers += [keras.layers.BatchNormalization(), keras.layers.Activation("relu")]
    layers.append(keras.layers.Dense(1))
    model = keras.Sequential(layers)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse", metrics=["mae"])
    return model


# Keras re-wraps NumPy arrays at every epoch; with ~100 samples that overhead is
# most of the training time, so the data go into :mod:`tf.data` datasets once.
import tensorflow as tf

validation_data = tf.data.Dataset.from_tensor_slices((Z[val], scaled(ages[val]))).batch(len(val)).cache()


def train_and_record(epochs=60, batch_size=16, callbacks=(), x=None, y=None, seed=0, **settings):
    """Train one variant; return it, its history (MAE in years) and its validation MAE."""
    x = Z[train] if x is None else x
    y = ages[train] if y is None else y
    model = build(seed=seed, **settings)
    batches = (tf.data.Dataset.from_tensor_slices((x, scaled(y).astype("float32")))
               .shuffle(len(x), seed=seed).batch(batch_size))
    history = model.fit(batches, validation_data=validation_data, epochs=epochs, shuffle=False,
                        callbacks=list(callbacks), verbose=0).history  # the dataset shuffles itself
    curves = {"mae": np.array(history["mae"]) * age_std, "val_mae": np.array(history["val_mae"]) * age_std}
    predicted = model(Z[val], training=False).numpy().ravel() * age_std + age_mean
    return model, curves, mean_absolute_error(ages[val], predicted)


def plot_curves(ax, runs, title=""):
    for (name, curves), colour in zip(runs.items(), plt.cm.viridis(np.linspace(0, 0.9, len(runs)))):
        epochs = np.arange(1, len(curves["mae"]) + 1)
        ax.plot(epochs, curves["mae"], color=colour, linestyle=":", linewidth=1.2)
        ax.plot(epochs, curves["val_mae"], color=colour, label=name)
    ax.axhline(ridge_error, color="tab:red", linewidth=1, linestyle="--", label="ridge (validation)")
    ax.axhline(mean_age_error, color="0.5", linewidth=1, linestyle="--", label="mean age (validation)")
    ax.set(xlabel="epoch", ylabel="MAE, years (dotted: training, solid: validation)", title=title)
    ax.legend(fontsize="small")


# %%
# Seeds: how much varies when nothing changes?
# --------------------------------------------
# The seed decides the initial weights, the dropout masks and the order of the
# mini-batches. Before comparing settings, train the *same* network with four
# seeds: the spread of the validation error is the smallest difference worth
# paying attention to.
seed_results = [train_and_record(seed=seed) for seed in range(4)]
seed_errors = [error for _, _, error in seed_results]
seed_runs = {f"seed {seed}": curves for seed, (_, curves, _) in enumerate(seed_results)}
seed_spread = np.ptp(seed_errors)
default = seed_results[0]  # the default settings with seed 0: reused below instead of retrained
print("validation MAE by seed (years):", ", ".join(f"{e:.2f}" for e in seed_errors))
print(f"range across seeds: {seed_spread:.2f} years")
# sphinx_gallery_start_ignore
# claim: "seed ends with a training error far below its validation error" (tolerance: below half of it)
assert all(curves["mae"][-1] < 0.5 * error for _, curves, error in seed_results), seed_errors
# sphinx_gallery_end_ignore

fig, ax = plt.subplots(figsize=(8, 4.2), layout="constrained")
plot_curves(ax, seed_runs, title="Same network, four seeds: training error falls, validation error does not follow")
ax.set_ylim(0, 1.6 * mean_age_error)
plt.show()

# %%
# Every seed ends with a training error far below its validation error: with
# more weights than training subjects, the network memorises much of its training
# participants' ages. The validation error, on other participants, is what matters, and its gap
# to the training error is the overfitting. The four seeds also end at visibly
# different validation errors: that range, printed above, is the noise floor for
# every comparison below.
#
# Learning rate and batch size
# ----------------------------
# The learning rate is the size of each gradient-descent step. Too small and the
# network is still far from a good solution when training stops; too large and the
# steps overshoot, so the error jumps up and down instead of falling steadily. The
# batch size sets how many samples each step averages over, and so how many steps
# one epoch contains: with a fixed number of epochs, larger batches mean fewer,
# less noisy steps. For each run we print the final errors and how many of the 60
# epochs *raised* the training error.
lr_curves = {rate: (default if rate == 1e-3 else train_and_record(learning_rate=rate))[1]
             for rate in (1e-5, 1e-3, 3e-2)}
batch_curves = {size: (default if size == 16 else train_and_record(batch_size=size))[1]
                for size in (8, 16, len(train))}
lr_runs = {f"learning rate {rate:g}": curves for rate, curves in lr_curves.items()}
batch_runs = {}
for size, curves in batch_curves.items():
    steps = int(np.ceil(len(train) / size))
    batch_runs[f"batch {size} ({steps} step{'s' * (steps > 1)}/epoch)"] = curves
for name, curves in {**lr_runs, **batch_runs}.items():
    rises = np.sum(np.diff(curves["mae"]) > 0)
    print(f"{name:>26}: final MAE training {curves['mae'][-1]:5.2f}, validation {curves['val_mae'][-1]:5.2f} "
          f"years; training error rose in {rises:2d} epochs")
# sphinx_gallery_start_ignore
slow, middle, fast = (lr_curves[rate] for rate in (1e-5, 1e-3, 3e-2))
# claim: "the smallest rate still has a training error several times that of the default rate" (at least 3 times)
assert slow["mae"][-1] > 3 * middle["mae"][-1], (slow["mae"][-1], middle["mae"][-1])
# claim: "largest rate makes the training error go up far more often" (tolerance: in 5 more epochs)
assert np.sum(np.diff(fast["mae"]) > 0) >= np.sum(np.diff(middle["mae"]) > 0) + 5
# claim: "its validation error ends within the seed-to-seed range of the default rate's"
assert abs(fast["val_mae"][-1] - middle["val_mae"][-1]) < seed_spread, (fast["val_mae"][-1], middle["val_mae"][-1])
# claim: "the fewer steps per epoch, the higher the training error after 60 epochs"
batch_final = [batch_curves[size]["mae"][-1] for size in sorted(batch_curves)]
assert batch_final == sorted(batch_final), batch_final
# sphinx_gallery_end_ignore

fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), layout="constrained", sharey=True)
plot_curves(axes[0], lr_runs, title="Learning rate")
plot_curves(axes[1], batch_runs, title="Batch size (60 epochs each)")
axes[0].set_ylim(0, 1.6 * mean_age_error)
fig.suptitle("Learning rate and batch size change how, and how fast, the error falls")
plt.show()

# %%
# The printed lines and the curves agree. After 60 epochs the smallest rate
# still has a training error several times that of the default rate: its steps
# are too small to get anywhere. The largest rate makes the training error go up
# far more often (the dotted curve zigzags), yet its validation error ends within
# the seed-to-seed range of the default rate's: "too large" shows in the training
# curve, not necessarily in the validation error, and only the validation error
# decides.
# For the batch size, the fewer steps per epoch, the higher the training error
# after 60 epochs: one full-batch step per epoch has barely started to fit.
#
# Capacity: under- and overfitting
# --------------------------------
# A network with two units in its first layer can represent little; one with 256
# can memorise the training set. The gap between training and validation error at
# the end of training measures how much the network has memorised.
width_runs = {width: default if width == 32 else train_and_record(width=width) for width in (2, 32, 256)}
for width, (_, curves, error) in width_runs.items():
    print(f"width {width:3d}: training MAE {curves['mae'][-1]:5.2f}, validation MAE {error:5.2f} years")
mean_age_training_error = mean_absolute_error(ages[train], np.full(len(train), ages[train].mean()))
print(f"predicting the mean age for the training participants: MAE {mean_age_training_error:.2f} years")
# sphinx_gallery_start_ignore
(_, narrow, _), (_, middle_width, middle_error), (_, wide, wide_error) = width_runs.values()
# claim: "keeps most of the error of predicting the mean age" (tolerance: at least two thirds of it)
assert narrow["mae"][-1] > 2 / 3 * mean_age_training_error, (narrow["mae"][-1], mean_age_training_error)
# claim: "less than half the training error of the 32-unit network"
assert wide["mae"][-1] < 0.5 * middle_width["mae"][-1], (wide["mae"][-1], middle_width["mae"][-1])
# claim: "its validation error is within the seed-to-seed range of the 32-unit network's"
assert abs(wide_error - middle_error) < seed_spread, (wide_error, middle_error, seed_spread)
# sphinx_gallery_end_ignore

# %%
# The two-unit network underfits: its training error keeps most of the error of
# predicting the mean age to the same training participants, so it has not even
# learnt them. At the other end, the 256-unit network memorises, with less than
# half the training error of the 32-unit network, and yet its validation error is
# within the seed-to-seed range of the 32-unit network's: from one run each, more
# memorisation neither clearly cost nor clearly bought generalization here. A
# large gap between training and validation error is a warning, not a verdict;
# the validation error is.

# %%
# .. admonition:: Exercise: read the memorisation gap for each width
#    :class: exercise
#
#    The gap between validation and training error at the end of training measures
#    how much a network has memorised. Predict its order for the three widths, then
#    compute it from the stored curves of ``width_runs`` (validation MAE minus
#    training MAE at the last epoch, in years) and store the three gaps in a dict
#    ``gaps_by_width``, keyed by width (2, 32 and 256).

# exercise: solution
# starter: gaps_by_width = ...  # your code here: {2: ..., 32: ..., 256: ...}, validation minus training MAE
gaps_by_width = {width: float(curves["val_mae"][-1] - curves["mae"][-1])
                 for width, (_, curves, _) in width_runs.items()}
print("gap between validation and training MAE at the last epoch: "
      + ", ".join(f"width {width}: {gap:.2f} years" for width, gap in gaps_by_width.items()))
# sphinx_gallery_start_ignore
# the check's relation: the narrowest network has the smallest gap
assert gaps_by_width[2] < min(gaps_by_width[32], gaps_by_width[256]), gaps_by_width
# sphinx_gallery_end_ignore

# %%

# exercise: check
if not isinstance(gaps_by_width, dict) or set(gaps_by_width) != {2, 32, 256}:
    print("Not yet: store a dict with the keys 2, 32 and 256 (the widths).")
elif not all(isinstance(gap, (float, np.floating)) for gap in gaps_by_width.values()):
    print("Not yet: each gap is one number in years; take the last value of each curve.")
elif not gaps_by_width[2] < min(gaps_by_width[32], gaps_by_width[256]):
    print("Not yet: subtract the training MAE from the validation MAE (curves['val_mae'] minus curves['mae']).")
else:
    print(f"Correct: {gaps_by_width[2]:.2f}, {gaps_by_width[32]:.2f} and {gaps_by_width[256]:.2f} years. "
          "The two-unit network, which cannot memorise, has the smallest gap; the validation errors "
          "printed above, not the gaps, decide which network is better.")

# %%
# Regularization
# --------------
# Five ways to keep a network from memorising, each added alone to the same
# network:
#
# * **weight decay**: an L2 penalty on the weights, as in ridge regression;
# * **dropout**: half of the inputs of each hidden layer are dropped at random at
#   each step;
# * **batch normalization**: standardised activations, which also adds noise;
# * **early stopping**: training stops when the validation error has not improved
#   for 10 epochs, and the best weights are restored
#   (:class:`~keras.callbacks.EarlyStopping`);
# * **data augmentation**: each training participant also contributes four
#   connectomes computed from random 60 % windows of their scan. A connectome from
#   part of a scan is a noisier but valid view of the same brain, with the same age.
#   Windows of a training participant stay in the training set: validation and
#   test participants are untouched.
#
# Early stopping uses the validation set to decide when to stop, so its validation
# error is slightly optimistic: one more reason to keep a separate test set.
rng = np.random.default_rng(0)
windows, window_ages = [], []
for subject in train:
    n_volumes = len(series[subject])
    length = int(0.6 * n_volumes)
    for start in rng.integers(0, n_volumes - length, size=4):
        windows.append(series[subject][start:start + length])
        window_ages.append(ages[subject])
X_windows = connectivity.transform(windows)
X_augmented = np.concatenate([Z[train], compress.transform(X_windows).astype("float32")])
y_augmented = np.concatenate([ages[train], window_ages])

stop_early = keras.callbacks.EarlyStopping(monitor="val_loss", patience=10, restore_best_weights=True)
variants = {
    "none": {},
    "weight decay": {"weight_decay": 0.05},
    "dropout": {"dropout": 0.5},
    "batch normalization": {"batch_norm": True},
    "early stopping": {"callbacks": [stop_early], "epochs": 100},
    "augmentation": {"x": X_augmented, "y": y_augmented, "epochs": 20},
}
regularized = {}
for name, settings in variants.items():
    regularized[name] = default if not settings else train_and_record(**settings)
    _, curves, error = regularized[name]
    print(f"{name:>20}: validation MAE {error:.2f} years (training {curves['mae'][-1]:.2f}) "
          f"after {len(curves['mae'])} epochs")
# sphinx_gallery_start_ignore
changes = {name: regularized[name][2] - regularized["none"][2] for name in list(variants)[1:]}
# claim: "no regularizer moves the validation error by more than the seed-to-seed range"
assert all(abs(change) < seed_spread for change in changes.values()), (changes, seed_spread)
# claim: "dropout and batch normalization both raise the training error"
final_training_errors = {name: run[1]["mae"][-1] for name, run in regularized.items()}
assert all(final_training_errors[name] > final_training_errors["none"]
           for name in ("dropout", "batch normalization")), final_training_errors
# claim: "dropout the training error is even above the validation error"
assert regularized["dropout"][1]["mae"][-1] > regularized["dropout"][2]
# sphinx_gallery_end_ignore

fig, axes = plt.subplots(1, 2, figsize=(11, 4.4), layout="constrained")
names = list(regularized)
errors = [regularized[name][2] for name in names]
axes[0].barh(names, errors, color=["0.6"] + ["tab:blue"] * (len(names) - 1))
axes[0].axvline(errors[0], color="0.3", linestyle=":", label="no regularization")
axes[0].axvline(ridge_error, color="tab:red", linestyle="--", label="ridge")
axes[0].set(xlabel="validation MAE (years)", title=f"Each regularizer alone; seed range {seed_spread:.2f} years")
axes[0].invert_yaxis()
axes[0].legend(fontsize="small", loc="lower right")
plot_curves(axes[1], {name: regularized[name][1] for name in ("none", "weight decay", "dropout")},
            title="With and without regularization")
axes[1].set_ylim(0, 1.6 * mean_age_error)
fig.suptitle("Regularization trades training fit for validation error")
plt.show()

# %%
# Compare each bar with the dotted line (no regularization), with the ridge line,
# and with the seed range in the title. On these data no regularizer moves the
# validation error by more than the seed-to-seed range: from one run each, we
# cannot tell which of them helps. Their effect on the *training* error is
# clearer: dropout and batch normalization both raise the training error, since
# each makes memorising harder. With dropout the training error is
# even above the validation error: Keras measures it with half of the units
# switched off.
#
# One final test, against the baselines
# -------------------------------------
# Tuning is over: we keep the variant with the lowest validation error and evaluate
# it, once, on the test participants, next to the ridge regression and the mean
# age. Reporting the test error of every variant and picking the best would turn
# the test set into a second validation set.
chosen = min(regularized, key=lambda name: regularized[name][2])
network = regularized[chosen][0]
network_predicted = network(Z[test], training=False).numpy().ravel() * age_std + age_mean
network_test = mean_absolute_error(ages[test], network_predicted)
ridge_test = mean_absolute_error(ages[test], ridge.predict(Z[test]))
mean_test = mean_absolute_error(ages[test], np.full(len(test), ages[train].mean()))
print(f"chosen on validation: {chosen!r}")
print(f"test MAE: network {network_test:.2f}, ridge {ridge_test:.2f}, mean age {mean_test:.2f} years "
      f"({len(test)} test participants)")

# How sure is each difference? Resample the test participants (bootstrap) and recompute it.
absolute_errors = {
    "network": np.abs(ages[test] - network_predicted),
    "ridge": np.abs(ages[test] - ridge.predict(Z[test])),
    "mean age": np.abs(ages[test] - ages[train].mean()),
}
resamples = np.random.default_rng(0).integers(0, len(test), size=(5000, len(test)))
intervals = {}
for worse, better in [("mean age", "network"), ("mean age", "ridge"), ("ridge", "network")]:
    gains = (absolute_errors[worse][resamples] - absolute_errors[better][resamples]).mean(axis=1)
    intervals[worse, better] = np.percentile(gains, [2.5, 97.5])
    print(f"{worse} minus {better}: 95 % bootstrap interval "
          f"[{intervals[worse, better][0]:+.2f}, {intervals[worse, better][1]:+.2f}] years")
# sphinx_gallery_start_ignore
# claim: "network and the ridge regression beat the mean age on the test participants"
assert intervals["mean age", "network"][0] > 0 and intervals["mean age", "ridge"][0] > 0, intervals
# claim: "their test errors differ by less than the seed-to-seed range"
assert abs(ridge_test - network_test) < seed_spread, (ridge_test - network_test, seed_spread)
# claim: "its lower end is close to zero" (tolerance: below a quarter of a year)
assert intervals["ridge", "network"][0] < 0.25, intervals["ridge", "network"]
# sphinx_gallery_end_ignore

# %%
# The :term:`bootstrap` intervals resample the few dozen test participants.
# Both the network and the ridge regression beat the mean age on the test
# participants: those intervals lie above zero. Network against ridge is not
# clear: their test errors differ by less than the seed-to-seed range. As for the
# bootstrap interval for ridge minus network (printed above), its lower end is
# close to zero (or below it), and it ignores the seed. Which of the two
# wins on a few dozen test participants, and whether validation and test agree on
# it, changes with the split (rerun the page with another ``random_state`` in
# ``train_test_split`` to see it): the network does not clearly beat the linear
# model. More on error bars from small samples in
# :ref:`sphx_glr_classic_ml_plot_05_uncertainty.py`.

# %%
# .. admonition:: Exercise: what if we had picked the variant on the test set?
#    :class: exercise
#
#    A tempting shortcut: evaluate all six variants of the regularization section
#    on the test participants and report the best. Compute the test MAE of every
#    variant in ``regularized`` (its model is the first element of each entry; the
#    predictions are in standard units of the training ages, as above) and store
#    them in a dict ``test_errors_all``, keyed by variant name. Predict first how
#    the lowest of them compares with ``network_test``, the honest score.

# exercise: solution
# starter: test_errors_all = ...  # your code here: {variant name: test MAE in years}
test_errors_all = {}
for name, (variant_model, _, _) in regularized.items():
    variant_predicted = variant_model(Z[test], training=False).numpy().ravel() * age_std + age_mean
    test_errors_all[name] = float(mean_absolute_error(ages[test], variant_predicted))
for name, value in test_errors_all.items():
    print(f"{name:>20}: test MAE {value:.2f} years")

# %%

# exercise: check
if not isinstance(test_errors_all, dict) or set(test_errors_all) != set(regularized):
    print("Not yet: store a dict with one test MAE per variant, keyed by the variants' names as above.")
elif not all(isinstance(v, (float, np.floating)) and v > 0 for v in test_errors_all.values()):
    print("Not yet: each value is a mean absolute error in years, a positive number.")
elif abs(test_errors_all[chosen] - network_test) > 1e-3:
    print(f"Not yet: the entry for {chosen!r} should equal network_test; convert the predictions to years "
          "(times age_std, plus age_mean) before comparing with ages[test].")
else:
    best_on_test = min(test_errors_all, key=test_errors_all.get)
    if best_on_test == chosen:
        verdict = f"here the test set would pick {chosen!r} too, the variant chosen on validation"
    else:
        verdict = (f"picking on the test set would report {best_on_test!r} with {test_errors_all[best_on_test]:.2f} "
                   f"years instead of {network_test:.2f} for {chosen!r}, chosen on validation")
    print(f"Correct: test MAE from {min(test_errors_all.values()):.2f} to {max(test_errors_all.values()):.2f} "
          f"years; {verdict}. In general the lowest of several noisy test scores is biased downwards: "
          "once the test set has chosen, it is a second validation set.")

# %%
# Take-home
# ---------
# * Read learning curves on held-out participants: a training error that falls
#   while the validation error stays up is overfitting; both staying high is
#   underfitting.
# * Measure the seed-to-seed spread first. Here it was larger than the effect of
#   any regularizer, so compare settings over several seeds, or not at all.
# * The learning rate is the first setting to check: too small gets nowhere in
#   the epochs you give it; a large one makes the training curve jumpy, which is
#   not by itself a worse validation error. Batch size, capacity and
#   regularization come next; augmentation must respect the subject-level split.
# * Tune on the validation participants only, test once, and put the result next
#   to a regularized linear model trained on the same participants, with an
#   interval and the seed range: here the network and the linear model were
#   within the seed range of each other.
#
# Next: :ref:`sphx_glr_deep_learning_plot_08_transfer_learning.py` reuses a
# network trained on one scanner for another. The same discipline for
# scikit-learn models is in :ref:`sphx_glr_classic_ml_plot_06_hyperparameter_tuning.py`.

# sphinx_gallery_thumbnail_number = 3
