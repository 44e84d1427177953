"""
A first neural network in Keras: tissue type from a voxel's neighbourhood
=========================================================================

Does a small neural network beat a linear model at telling grey from white matter,
given the 27 T1 intensities of a voxel's 3 × 3 × 3 neighbourhood? We build the data
from the MNI152 template and tissue maps that ship with nilearn, train a
multi-layer perceptron with :mod:`keras`, and watch its :term:`learning curve` on
training and validation data to see when it stops improving and whether it starts
:term:`overfitting`.

You will learn the Keras workflow (build, compile, fit, evaluate, predict), what
the training history tells you, and why a network is only worth its cost when it
beats a simple, well-evaluated :term:`baseline`.
"""

# %%
# Data: neighbourhoods and labels
# -------------------------------
# As in :ref:`the first classifier <sphx_glr_classic_ml_plot_01_first_classifier.py>`,
# each sample is a voxel where grey (GM) or white matter (WM) clearly dominates.
# Instead of hand-made features, the input is the raw 3 × 3 × 3 patch of
# intensities around the voxel: the network has to find useful combinations itself.
import matplotlib.pyplot as plt
import numpy as np
from nilearn import datasets

t1_img = datasets.load_mni152_template(resolution=2)
t1 = t1_img.get_fdata()
gm_prob = datasets.load_mni152_gm_template(resolution=2).get_fdata()
wm_prob = datasets.load_mni152_wm_template(resolution=2).get_fdata()

labelled = (gm_prob > 0.5) | (wm_prob > 0.5)
i, j, k = np.nonzero(labelled)
offsets = np.array([(a, b, c) for a in (-1, 0, 1) for b in (-1, 0, 1) for c in (-1, 0, 1)])
patches = np.stack([t1[i + a, j + b, k + c] for a, b, c in offsets], axis=1).astype("float32")
labels = (wm_prob[i, j, k] > gm_prob[i, j, k]).astype("float32")  # 1 = white matter
print("inputs:", patches.shape, " white-matter fraction:", f"{labels.mean():.2f}")

# %%
# Three spatially separate sets
# -----------------------------
# Neighbouring voxels share most of their patch, so random splits would leak, and
# this template is left-right symmetric, so hemispheres would leak too (see the
# classic-ML example). We cut the brain into 20 mm coronal slabs along the
# front-back axis and deal them out in turn to training, validation, training and
# test, dropping the one-voxel rim of each slab so that no patch reaches into
# another set. We subsample training voxels to keep the example fast on a laptop
# CPU.
y_mm = t1_img.affine[1, 1] * j + t1_img.affine[1, 3]
slab, position_in_slab = np.divmod(y_mm - y_mm.min(), 20)
away_from_rim = (position_in_slab >= 2) & (position_in_slab < 18)
role = slab % 4  # 0, 2: training; 1: validation; 3: test
rng = np.random.default_rng(0)
train_idx = np.flatnonzero(away_from_rim & (role % 2 == 0))
train_idx = rng.choice(train_idx, size=30_000, replace=False)
val_idx = np.flatnonzero(away_from_rim & (role == 1))
test_idx = np.flatnonzero(away_from_rim & (role == 3))
for name, idx in [("train", train_idx), ("validation", val_idx), ("test", test_idx)]:
    print(f"{name:>10}: {idx.size:6d} voxels, {labels[idx].mean():.0%} white matter")

# %%
# Building the network
# --------------------
# A :class:`~keras.Sequential` model stacks layers. A
# :class:`~keras.layers.Normalization` layer first standardises the inputs with the
# mean and variance of the *training* data (``adapt``), then two hidden
# :class:`~keras.layers.Dense` layers with ReLU activations, and one output unit with
# a sigmoid that gives the probability of white matter.
#
# Seeds make the run repeatable on this machine; other hardware or library versions
# can still change the last digits.
import keras

keras.utils.set_random_seed(0)
normalize = keras.layers.Normalization()
normalize.adapt(patches[train_idx])
model = keras.Sequential(
    [
        keras.Input(shape=(patches.shape[1],)),
        normalize,
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.summary()

# %%
# Compiling and training
# ----------------------
# ``compile`` chooses the loss (binary cross-entropy for a yes/no output), the
# optimizer (Adam, a gradient descent that adapts its step size) and the metrics to
# report. ``fit`` then runs the optimizer for a number of :term:`epoch`\ s, in
# mini-batches of 256 voxels, and evaluates the validation data after each epoch.
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
              loss="binary_crossentropy", metrics=["accuracy"])
history = model.fit(
    patches[train_idx], labels[train_idx],
    validation_data=(patches[val_idx], labels[val_idx]),
    epochs=30, batch_size=256, verbose=0,
)
for epoch in (0, 4, 9, 19, 29):
    h = {key: values[epoch] for key, values in history.history.items()}
    print(f"epoch {epoch + 1:2d}: loss {h['loss']:.3f}  accuracy {h['accuracy']:.3f}  "
          f"val_loss {h['val_loss']:.3f}  val_accuracy {h['val_accuracy']:.3f}")

# %%
# Learning curves
# ---------------
# The history records every epoch. Training loss that keeps falling while
# validation loss flattens or rises is the signature of overfitting; curves that
# fall together and flatten mean the model has learnt what this input can tell it.
epochs = np.arange(1, len(history.history["loss"]) + 1)
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
for ax, metric, label in [(axes[0], "loss", "binary cross-entropy"), (axes[1], "accuracy", "accuracy")]:
    ax.plot(epochs, history.history[metric], label="training")
    ax.plot(epochs, history.history[f"val_{metric}"], label="validation")
    ax.set(xlabel="epoch", ylabel=label, title=f"{label.capitalize()} during training")
    ax.legend()
plt.show()

# %%
# Test set and baselines
# ----------------------
# Only now do we touch the test slabs. The network is compared with two
# baselines trained on exactly the same voxels: a dummy classifier (the majority
# class) and a logistic regression on the same 27 standardised intensities.
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X_train, y_train = patches[train_idx], labels[train_idx]
X_test, y_test = patches[test_idx], labels[test_idx]
network_pred = (model.predict(X_test, batch_size=4096, verbose=0).ravel() > 0.5).astype(int)
linear = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(X_train, y_train)
dummy = DummyClassifier(strategy="most_frequent").fit(X_train, y_train)

scores = {
    "dummy (majority)": balanced_accuracy_score(y_test, dummy.predict(X_test)),
    "logistic regression": balanced_accuracy_score(y_test, linear.predict(X_test)),
    "neural network": balanced_accuracy_score(y_test, network_pred),
}
for name, score in scores.items():
    print(f"{name:>20}: balanced accuracy {score:.3f} on the test slabs")

fig, ax = plt.subplots(figsize=(6, 2.8), layout="constrained")
ax.barh(list(scores), list(scores.values()), color=["0.6", "tab:blue", "tab:orange"])
ax.axvline(0.5, color="k", linestyle=":", label="chance (0.5)")
ax.set(xlim=(0.4, 1), xlabel="balanced accuracy on the test slabs",
       title="Network against its baselines")
ax.legend(loc="lower right")
plt.show()

# %%
# The difference between the network and the linear model is what the extra
# flexibility buys on this task. With a T1 contrast that already separates the two
# tissues almost linearly, expect it to be small: a network earns its cost when
# the relation between inputs and labels is strongly non-linear and there are
# enough samples to learn it.
gain = scores["neural network"] - scores["logistic regression"]
print(f"network minus logistic regression: {gain:+.3f} balanced accuracy")

# %%
# Take-home
# ---------
# * Keras workflow: build a model from layers, ``compile`` it with a loss and an
#   optimizer, ``fit`` it while watching validation data, then ``evaluate`` or
#   ``predict`` on the untouched test set.
# * Learning curves on training and validation data show whether training has
#   converged and whether the model overfits.
# * Compare every network with a dummy and a linear baseline trained on the same
#   samples and evaluated on the same, spatially independent test set.
#
# See :ref:`sphx_glr_classic_ml_plot_01_first_classifier.py` for the same task with
# hand-made features and a linear model.

# sphinx_gallery_thumbnail_number = 1
