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
# Spatially separate sets, four times over
# ----------------------------------------
# Neighbouring voxels share most of their patch, so random splits would leak, and
# this template is left-right symmetric, so hemispheres would leak too (see the
# classic-ML example). We cut the brain into 20 mm coronal slabs along the
# front-back axis and give each slab one of four roles in turn, dropping the
# one-voxel rim of each slab so that no patch reaches into another set. One role is
# the test set, one the validation set, the other two the training set; rotating
# the roles gives four :term:`cross-validation` folds in which every slab is tested
# once. We subsample training and validation voxels to keep the example fast on a
# laptop CPU.
y_mm = t1_img.affine[1, 1] * j + t1_img.affine[1, 3]
slab, position_in_slab = np.divmod(y_mm - y_mm.min(), 20)
away_from_rim = (position_in_slab >= 2) & (position_in_slab < 18)
role = slab % 4


def split(test_role):
    """Training, validation and test voxels when the slabs of role ``test_role`` are tested."""
    val_role = (test_role + 2) % 4
    rng = np.random.default_rng(test_role)
    train = np.flatnonzero(away_from_rim & (role != test_role) & (role != val_role))
    val = np.flatnonzero(away_from_rim & (role == val_role))
    return (rng.choice(train, size=15_000, replace=False), rng.choice(val, size=5_000, replace=False),
            np.flatnonzero(away_from_rim & (role == test_role)))


train_idx, val_idx, test_idx = split(test_role=3)  # the first fold, looked at in detail
for name, idx in [("train", train_idx), ("validation", val_idx), ("test", test_idx)]:
    print(f"{name:>10}: {idx.size:6d} voxels from {np.unique(slab[idx]).size} slabs, "
          f"{labels[idx].mean():.0%} white matter")

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


def build_network(x_train, seed=0):
    keras.utils.set_random_seed(seed)
    normalize = keras.layers.Normalization()
    normalize.adapt(x_train)
    return keras.Sequential(
        [
            keras.Input(shape=(x_train.shape[1],)),
            normalize,
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )


model = build_network(patches[train_idx])
model.summary()

# %%
# Compiling and training
# ----------------------
# ``compile`` chooses the loss (binary cross-entropy for a yes/no output), the
# optimizer (Adam, a gradient descent that adapts its step size) and the metrics to
# report. ``fit`` then runs the optimizer for up to 30 :term:`epoch`\ s, in
# mini-batches of 256 voxels, and evaluates the validation data after each epoch.
# An :class:`~keras.callbacks.EarlyStopping` callback (:term:`early stopping`)
# stops when the validation loss has not improved for five epochs and puts back the
# weights of the best epoch, so the model we test is the one the validation data
# preferred, not the last one.


def train(model, train_idx, val_idx):
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss="binary_crossentropy", metrics=["accuracy"])
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)
    return model.fit(patches[train_idx], labels[train_idx],
                     validation_data=(patches[val_idx], labels[val_idx]),
                     epochs=30, batch_size=256, validation_batch_size=4096, verbose=0, callbacks=[stop])


history = train(model, train_idx, val_idx)
val_loss, loss = np.array(history.history["val_loss"]), np.array(history.history["loss"])
best = int(val_loss.argmin())
for epoch in sorted({0, 4, best, len(loss) - 1}):
    h = {key: values[epoch] for key, values in history.history.items()}
    print(f"epoch {epoch + 1:2d}: loss {h['loss']:.3f}  accuracy {h['accuracy']:.3f}  "
          f"val_loss {h['val_loss']:.3f}  val_accuracy {h['val_accuracy']:.3f}")
print(f"stopped after epoch {len(loss)}; weights of epoch {best + 1} (lowest validation loss) restored")
# sphinx_gallery_start_ignore
# claim: "the validation loss stops improving" (early: before the 30th epoch, none better after the best)
assert len(loss) < 30 and val_loss[best + 1:].min() >= val_loss[best], val_loss
# claim: "while the training loss keeps falling" (lower at the last epoch than at the best one)
assert loss[-1] < loss[best], loss[[best, -1]]
# sphinx_gallery_end_ignore

# %%
# Learning curves
# ---------------
# The history records every epoch. Training loss that keeps falling while
# validation loss flattens or rises is the signature of :term:`overfitting`; curves
# that fall together and flatten mean the model has learnt what this input can tell
# it.
epochs = np.arange(1, len(loss) + 1)
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
for ax, metric, label in [(axes[0], "loss", "binary cross-entropy"), (axes[1], "accuracy", "accuracy")]:
    ax.plot(epochs, history.history[metric], label="training")
    ax.plot(epochs, history.history[f"val_{metric}"], label="validation")
    ax.axvline(best + 1, color="0.5", linestyle=":", label=f"restored (epoch {best + 1})")
    ax.set(xlabel="epoch", ylabel=label, title=f"{label.capitalize()} during training")
    ax.legend()
plt.show()

# %%
# In this run the validation loss stops improving at the epoch marked in the
# figure, while the training loss keeps falling: by its own definition, the
# network begins to :term:`overfit <overfitting>` there, mildly, because about
# 1,400 weights are few for 15,000 voxels. Without early stopping we would have
# tested the weights of the last epoch; with it, we test those of the best one.

# %%
# .. admonition:: Exercise: what did restoring the best weights save?
#    :class: exercise
#
#    Without ``restore_best_weights=True``, the model we test would carry the
#    weights of the last epoch. Read the loss panel of the figure, predict how much
#    higher the last epoch's validation loss is than that of the restored epoch, then
#    compute it from the history (``val_loss`` and ``best`` hold what you need) and
#    store it in ``val_loss_increase``.

# exercise: solution
# starter: val_loss_increase = ...  # your code here: last epoch's validation loss minus the restored epoch's
val_loss_increase = float(val_loss[-1] - val_loss[best])
print(f"validation loss: restored epoch {val_loss[best]:.4f}, last epoch {val_loss[-1]:.4f}, "
      f"increase {val_loss_increase:.4f} ({val_loss_increase / val_loss[best]:.1%})")

# %%

# exercise: check
if not isinstance(val_loss_increase, (float, np.floating)):
    print("Not yet: store one number (a float) in val_loss_increase.")
elif val_loss_increase < 0:
    print("Not yet: the restored epoch has the lowest validation loss, so the difference cannot be "
          "negative; subtract the restored epoch's loss from the last one's.")
elif val_loss_increase > val_loss.max() - val_loss.min():
    print("Not yet: that is more than the whole range of the validation curve; use validation losses only.")
else:
    print(f"Correct: {val_loss_increase:.4f}, {val_loss_increase / val_loss.min():.1%} of the best validation "
          "loss. Early stopping ended training a few epochs after the best one, so the last weights had "
          "little time to drift; the longer training runs on, the more this protection matters.")

# %%
# Test set and baselines
# ----------------------
# Only now do we touch the test slabs. The network is compared with two
# baselines trained on exactly the same voxels: a dummy classifier (the majority
# class) and a logistic regression on the same 27 standardised intensities. The
# network chose its epoch on the validation slabs, so the logistic regression gets
# the same chance: its regularisation strength ``C`` is chosen on the same
# validation slabs, from a grid, before either model meets the test slabs.
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def tuned_logistic(train_idx, val_idx):
    """Logistic regression with the ``C`` that scores best on the validation voxels."""
    fitted = []
    for C in [1e-2, 1e-1, 1, 10]:
        linear = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=1000))
        linear.fit(patches[train_idx], labels[train_idx])
        fitted.append((balanced_accuracy_score(labels[val_idx], linear.predict(patches[val_idx])), C, linear))
    score, C, linear = max(fitted, key=lambda entry: entry[0])
    return linear, C


def test_scores(model, train_idx, val_idx, test_idx):
    X_test, y_test = patches[test_idx], labels[test_idx]
    network_pred = (model.predict(X_test, batch_size=4096, verbose=0).ravel() > 0.5).astype(int)
    linear, C = tuned_logistic(train_idx, val_idx)
    dummy = DummyClassifier(strategy="most_frequent").fit(patches[train_idx], labels[train_idx])
    return {
        "dummy (majority)": balanced_accuracy_score(y_test, dummy.predict(X_test)),
        "logistic regression": balanced_accuracy_score(y_test, linear.predict(X_test)),
        "neural network": balanced_accuracy_score(y_test, network_pred),
    }, C


scores, C = test_scores(model, train_idx, val_idx, test_idx)
print(f"logistic regression: C = {C:g} chosen on the validation slabs")
for name, score in scores.items():
    print(f"{name:>20}: balanced accuracy {score:.3f} on the test slabs")

fig, ax = plt.subplots(figsize=(6, 2.8), layout="constrained")
ax.barh(list(scores), list(scores.values()), color=["0.6", "tab:blue", "tab:orange"])
ax.axvline(0.5, color="k", linestyle=":", label="chance (0.5)")
ax.set(xlim=(0.4, 1), xlabel="balanced accuracy on the test slabs",
       title="Network against its baselines (first fold)")
ax.legend(loc="lower right")
plt.show()

# %%
# .. admonition:: Exercise: how much do the 26 neighbours add?
#    :class: exercise
#
#    The logistic regression sees the 27 intensities of the patch. Predict how well
#    it does with the centre voxel's intensity alone, then fit
#    ``make_pipeline(StandardScaler(), LogisticRegression())`` on the centre column
#    of ``patches`` (the row of ``offsets`` that is ``(0, 0, 0)``) for the same
#    training voxels and store its balanced accuracy on the same test slabs in
#    ``score_centre_only``.

# exercise: solution
# starter: score_centre_only = ...  # your code here: test balanced accuracy of the centre intensity alone
centre_column = int(np.flatnonzero((offsets == 0).all(axis=1))[0])
centre_model = make_pipeline(StandardScaler(), LogisticRegression())
centre_model.fit(patches[train_idx][:, [centre_column]], labels[train_idx])
score_centre_only = float(balanced_accuracy_score(labels[test_idx],
                                                  centre_model.predict(patches[test_idx][:, [centre_column]])))
print(f"centre voxel {centre_column} alone: balanced accuracy {score_centre_only:.3f}; "
      f"all 27 voxels: {scores['logistic regression']:.3f}")
# sphinx_gallery_start_ignore
# the check's relation: one intensity is far above chance
assert score_centre_only > 0.6, score_centre_only
# sphinx_gallery_end_ignore

# %%

# exercise: check
if not isinstance(score_centre_only, (float, np.floating)):
    print("Not yet: store the balanced accuracy (one float) in score_centre_only.")
elif not 0 <= score_centre_only <= 1:
    print("Not yet: a balanced accuracy lies between 0 and 1.")
elif score_centre_only <= 0.6:
    print("Not yet: this is close to chance; is your column the centre voxel, and did you score the test slabs?")
elif score_centre_only == scores["logistic regression"]:
    print("Not yet: this is the 27-voxel score; fit on the centre column only.")
else:
    print(f"Correct: {score_centre_only:.3f} from one intensity, against {scores['logistic regression']:.3f} "
          f"from 27 and {scores['neural network']:.3f} for the network. The difference is what the "
          "neighbourhood adds on this nearly linear task.")

# %%
# Is the difference real?
# -----------------------
# One split gives one difference and no idea of its uncertainty: the test set here
# is a handful of slabs, and another handful could rank the models differently. We
# rotate the slab roles and repeat everything (early-stopped network, logistic
# regression tuned on the validation slabs) on the other three folds. Each fold's
# *paired* difference, network minus logistic regression on the same test voxels,
# is what the comparison rests on.
differences = [scores["neural network"] - scores["logistic regression"]]
for test_role in (0, 1, 2):
    fold_train, fold_val, fold_test = split(test_role)
    fold_model = build_network(patches[fold_train], seed=test_role + 1)
    train(fold_model, fold_train, fold_val)
    fold_scores, fold_C = test_scores(fold_model, fold_train, fold_val, fold_test)
    differences.append(fold_scores["neural network"] - fold_scores["logistic regression"])
    print(f"test role {test_role}: network {fold_scores['neural network']:.3f}, logistic regression "
          f"{fold_scores['logistic regression']:.3f} (C = {fold_C:g})")
differences = np.array(differences)
print("network minus logistic regression, per fold: " + ", ".join(f"{d:+.3f}" for d in differences))
print(f"mean {differences.mean():+.3f}, from {differences.min():+.3f} to {differences.max():+.3f}")

# sphinx_gallery_start_ignore
# claim: "small and of both signs" (at least one fold each way)
assert differences.min() < 0 < differences.max(), differences
# claim: "by less than one point of balanced accuracy in every fold" (one point: 0.01)
assert np.abs(differences).max() < 0.01, differences
# claim: "The first fold alone would have shown the network ahead"
assert differences[0] > 0, differences
# sphinx_gallery_end_ignore

# %%
# The paired differences are small and of both signs: the network is not
# reliably better than the tuned logistic regression, and they differ by less
# than one point of balanced accuracy in every fold. The first fold alone would
# have shown the network ahead, and a careless reading would have declared it the
# winner. With a T1 contrast that already separates the two tissues almost
# linearly, this is what to expect: a network earns its cost when the relation
# between inputs and labels is strongly non-linear and there are enough samples
# to learn it. Four folds are still few; :ref:`the MLP on connectomes
# <sphx_glr_deep_learning_plot_03_mlp_connectomes.py>` repeats a paired
# comparison more often.

# %%
# Take-home
# ---------
# * Keras workflow: build a model from layers, ``compile`` it with a loss and an
#   optimizer, ``fit`` it while watching validation data, then ``evaluate`` or
#   ``predict`` on the untouched test set.
# * Learning curves on training and validation data show whether training has
#   converged and whether the model overfits; early stopping with the best weights
#   restored tests the epoch the validation data chose.
# * Compare every network with a dummy and a *tuned* linear baseline trained on
#   the same samples, on several spatially independent test sets, and read the
#   paired differences, not one score.
#
# See :ref:`sphx_glr_classic_ml_plot_01_first_classifier.py` for the same task with
# hand-made features and a linear model.

# sphinx_gallery_thumbnail_number = 1
