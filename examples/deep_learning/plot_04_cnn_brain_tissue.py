"""
A convolutional network on brain images: tissue type from a 2-D patch
=====================================================================

Can a small :term:`convolutional neural network` tell grey matter, white matter and
cerebrospinal fluid apart by looking at a 22 mm × 22 mm patch of a T1 image, and does
it do better than models that see the same pixels as an unordered list? We cut
axial patches from the MNI152 template that ships with nilearn, made scan-like
with a simulated bias field and noise, label each patch by the tissue at its
centre using the bundled tissue probability maps, and train a :mod:`keras` model
with convolution, pooling, :term:`batch normalization` and :term:`dropout`.

You will learn what a convolution and a pooling step do to an image, how these
layers are put together in Keras, how to split overlapping patches into
spatially separate training, validation and test blocks, and how to judge the
network against simple :term:`baselines <baseline>` and on a map of its errors.
"""

# %%
# The data: a T1 template and probabilistic tissue maps
# -----------------------------------------------------
# The MNI152 template is the average T1 image of 152 adults registered to a common
# space; the grey-matter (GM) and white-matter (WM) maps give, for every
# :term:`voxel`, the fraction of those brains that had that tissue there. We
# call the rest of the brain mask "CSF / other" (mostly ventricles and the fluid in
# sulci) and label each voxel by its most probable tissue.
#
# Keep in mind what these labels are: **probabilistic-atlas labels** derived from
# a population average, not a manual segmentation of one brain. Near tissue
# borders the probabilities are close to each other, so the "true" label there is
# itself uncertain, and no model can be expected to reach 100 % on them.
import matplotlib.pyplot as plt
import numpy as np
from nilearn import datasets

t1_img = datasets.load_mni152_template(resolution=2)
t1 = t1_img.get_fdata().astype("float32")
gm_prob = datasets.load_mni152_gm_template(resolution=2).get_fdata()
wm_prob = datasets.load_mni152_wm_template(resolution=2).get_fdata()
in_brain = datasets.load_mni152_brain_mask(resolution=2).get_fdata() > 0

other_prob = np.clip(1 - gm_prob - wm_prob, 0, 1)
tissue = np.argmax(np.stack([other_prob, gm_prob, wm_prob]), axis=0)  # 0, 1, 2
class_names = ["CSF / other", "grey matter", "white matter"]
counts = np.bincount(tissue[in_brain], minlength=3)
print(f"T1 grid {t1.shape}, 2 mm voxels, {in_brain.sum()} voxels in the brain mask")
for name, count in zip(class_names, counts):
    print(f"{name:>13}: {count:6d} voxels ({count / counts.sum():.0%})")

# %%
# What a 3 × 3 filter does to a slice
# -----------------------------------
# A convolutional layer slides a small grid of weights, a *filter* or *kernel*,
# over the image. At every position it multiplies the 3 × 3 pixels under it by the
# 9 weights and sums them: one output pixel. The same 9 weights are used
# everywhere, so the layer detects its pattern wherever it occurs, with very few
# parameters. (Strictly, deep-learning libraries compute a cross-correlation, the
# filter is not flipped; :func:`scipy.ndimage.correlate` does exactly that.)
#
# Here are three filters chosen by hand. A network *learns* its filters, but the
# ones it finds in its first layer often look like these: smoothing, edge and
# blob detectors. The ReLU that follows keeps only the positive responses.
from scipy import ndimage

z_demo = 41  # axial slice through the lateral ventricles
demo_slice = t1[:, :, z_demo]
z_mm = t1_img.affine[2, 2] * z_demo + t1_img.affine[2, 3]
filters = {
    "smoothing (mean)": np.full((3, 3), 1 / 9),
    "left-right edge": np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]),
    "blob (Laplacian)": np.array([[0, -1, 0], [-1, 4, -1], [0, -1, 0]]),
}

fig, axes = plt.subplots(1, 4, figsize=(11, 3.6), layout="constrained")
axes[0].imshow(demo_slice.T, origin="lower", cmap="gray")
axes[0].set_title(f"T1 slice, z = {z_mm:.0f} mm")
for ax, (name, kernel) in zip(axes[1:], filters.items()):
    response = ndimage.correlate(demo_slice, kernel.astype("float32"))
    if name != "smoothing (mean)":
        response = np.maximum(response, 0)  # ReLU
    ax.imshow(response.T, origin="lower", cmap="magma")
    ax.set_title(name + ("" if name.startswith("smooth") else " + ReLU"))
    inset = ax.inset_axes([0.0, 0.0, 0.25, 0.25])
    inset.imshow(kernel.T, origin="lower", cmap="coolwarm", vmin=-2, vmax=2)
    inset.set(xticks=[], yticks=[])
for ax in axes:
    ax.set(xticks=[], yticks=[])
fig.suptitle("One slice through three hand-made 3 × 3 filters (insets: the filter weights)")
plt.show()

# %%
# Pooling: fewer pixels, larger view
# ----------------------------------
# After a convolution, a *max-pooling* step keeps the largest value of every
# 2 × 2 block. The image shrinks by half in each direction, small shifts of a
# pattern matter less, and a 3 × 3 filter in the *next* layer now covers 6 × 6
# of the original pixels: stacking convolution and pooling lets deeper layers see
# larger structures at a low cost.
def max_pool(image, size=2):
    """Largest value in each ``size`` × ``size`` block (edges that do not fit are dropped)."""
    nx, ny = (np.array(image.shape) // size) * size
    blocks = image[:nx, :ny].reshape(nx // size, size, ny // size, size)
    return blocks.max(axis=(1, 3))


edges = np.maximum(ndimage.correlate(demo_slice, filters["left-right edge"].astype("float32")), 0)
pooled_once = max_pool(edges)
pooled_twice = max_pool(pooled_once)
fig, axes = plt.subplots(1, 3, figsize=(9, 3.4), layout="constrained")
for ax, image in zip(axes, [edges, pooled_once, pooled_twice]):
    ax.imshow(image.T, origin="lower", cmap="magma")
    ax.set(xticks=[], yticks=[], title=f"{image.shape[0]} × {image.shape[1]} pixels")
fig.suptitle("Edge map, then after one and two 2 × 2 max-pooling steps")
plt.show()

# %%
# Spatially separate training, validation and test blocks
# -------------------------------------------------------
# Each :term:`sample` will be a patch centred on a brain voxel, and neighbouring
# patches share almost all their pixels, so a random split would put near-copies
# of test patches in the training set (:term:`data leakage`). Splitting by
# hemisphere does not work either: the template is left-right symmetric, so each
# hemisphere is the mirror image of the other. We therefore cut the brain into
# axial slabs of 8 slices (16 mm) and deal them out in turn to training,
# validation, training and test. Our patches are 2-D, so a patch never contains
# pixels of another slice, but adjacent slices are very similar: we drop the
# first and last slice of every slab, which leaves a gap of two slices (4 mm)
# between blocks. All sets are subsampled to keep the example fast.
i, j, k = np.nonzero(in_brain)
labels = tissue[i, j, k]
slab, position_in_slab = np.divmod(k - k.min(), 8)
away_from_edge = (position_in_slab >= 1) & (position_in_slab <= 6)
role = slab % 4  # 0, 2: training; 1: validation; 3: test
rng = np.random.default_rng(0)
train_idx = rng.choice(np.flatnonzero(away_from_edge & (role % 2 == 0)), size=12_000, replace=False)
val_idx = rng.choice(np.flatnonzero(away_from_edge & (role == 1)), size=4_000, replace=False)
test_pool = np.flatnonzero(away_from_edge & (role == 3))  # every usable test voxel
test_idx = rng.choice(test_pool, size=20_000, replace=False)
y_train, y_val, y_test = labels[train_idx], labels[val_idx], labels[test_idx]
for name, y in [("training", y_train), ("validation", y_val), ("test", y_test)]:
    shares = ", ".join(f"{share:.0%}" for share in np.bincount(y, minlength=3) / y.size)
    print(f"{name:>10}: {y.size:6d} voxels; CSF / GM / WM = {shares}")

# %%
# On the template, one intensity is nearly enough
# -----------------------------------------------
# Before building anything with context, ask how far the intensity of the centre
# voxel alone goes: a logistic regression with a single input, fitted on the
# training voxels and scored on the test voxels.
from sklearn.linear_model import LogisticRegression


def centre_voxel_accuracy(image):
    """Test accuracy of a logistic regression on the intensity of each voxel alone."""
    intensity = image[i, j, k][:, np.newaxis]
    model = LogisticRegression().fit(intensity[train_idx], y_train)
    return model.score(intensity[test_idx], y_test)


print(f"centre voxel only, clean template: test accuracy {centre_voxel_accuracy(t1):.3f}")

# %%
# That is no surprise: the template and the tissue maps are averages over the
# same 152 brains, so the average intensity and the most probable tissue go hand
# in hand. A single subject's scan is harder. It has noise, and its intensity
# drifts smoothly across the head (the :term:`bias field`, caused by the uneven
# sensitivity of the receive coils), so that the same tissue is brighter in one
# place than in another. We simulate both on the template, with a fixed seed:
# a smooth random multiplicative field (its logarithm has a standard deviation of
# 0.2 over the brain; the printed range below shows its extremes) and a little
# Gaussian noise. That is a strong drift, but uncorrected scans, especially at
# high field strength, can show drifts of this size. The anatomy and the labels stay the real ones; only the
# intensities are altered, to make the task closer to a real scan. This is the
# situation where looking at a voxel's *neighbourhood* should pay off: a voxel is
# grey matter if it is darker than the white matter next to it, whatever the
# local brightness.
noise_rng = np.random.default_rng(42)
bias_field = ndimage.gaussian_filter(noise_rng.normal(size=t1.shape), sigma=15)
bias_field = np.exp(0.2 * bias_field / bias_field[in_brain].std())
scan = (t1 * bias_field + noise_rng.normal(scale=0.02, size=t1.shape)).astype("float32")
print(f"bias field over the brain: {bias_field[in_brain].min():.2f} to {bias_field[in_brain].max():.2f}")
print(f"centre voxel only, simulated scan: test accuracy {centre_voxel_accuracy(scan):.3f}")

fig, axes = plt.subplots(1, 3, figsize=(10, 3.8), layout="constrained")
panels = [(axes[0], t1, "template", "gray"),
          (axes[1], np.where(in_brain, bias_field, np.nan), "bias field (in the brain)", "coolwarm"),
          (axes[2], scan, "simulated scan", "gray")]
for ax, image, title, cmap in panels:
    shown = ax.imshow(image[:, :, z_demo].T, origin="lower", cmap=cmap)
    ax.set(xticks=[], yticks=[], title=title)
fig.colorbar(shown, ax=axes[2], shrink=0.8, label="intensity (a.u.)")
fig.colorbar(axes[1].images[0], ax=axes[1], shrink=0.8, label="multiplicative gain")
fig.suptitle(f"From template to a scan-like image (z = {z_mm:.0f} mm): template × bias field + noise")
plt.show()

# %%
# Patches
# -------
# Each sample is now an 11 × 11 axial patch (22 mm × 22 mm) of the simulated scan,
# centred on a brain voxel; its :term:`label` is the tissue of that centre voxel.
# A sliding-window *view* of the padded image gives every patch without copying
# memory; indexing it with the centre coordinates copies only the patches we use.
# The intensities are standardized with the mean and spread of the training
# patches.
half = 5
size = 2 * half + 1
padded = np.pad(scan, ((half, half), (half, half), (0, 0)))
windows = np.lib.stride_tricks.sliding_window_view(padded, (size, size), axis=(0, 1))
print("sliding-window view:", windows.shape, "(x, y, z, patch rows, patch columns)")
train_raw = windows[i[train_idx], j[train_idx], k[train_idx]]
mean_scan, std_scan = train_raw.mean(), train_raw.std()


def patches_at(idx):
    """Patches centred on the voxels ``idx``, standardized with the training mean and spread."""
    return ((windows[i[idx], j[idx], k[idx]] - mean_scan) / std_scan)[..., np.newaxis]


X_train, X_val, X_test = patches_at(train_idx), patches_at(val_idx), patches_at(test_idx)

fig, axes = plt.subplots(1, 6, figsize=(10, 2.2), layout="constrained")
for ax, example in zip(axes, [np.flatnonzero(y_train == c)[n] for c in range(3) for n in (0, 1)]):
    ax.imshow(X_train[example, :, :, 0].T, origin="lower", cmap="gray")
    ax.plot(half, half, "+", color="tab:red", markersize=10)
    ax.set(xticks=[], yticks=[], title=class_names[y_train[example]])
fig.suptitle("Training patches (11 × 11 pixels, 22 mm); the label is the tissue at the red cross")
plt.show()

# %%
# The network
# -----------
# The model follows the classic pattern, built with the functional API from a
# :func:`keras.Input`:
#
# * a :class:`~keras.layers.Conv2D` layer with 8 learned 3 × 3 filters, then
#   :class:`~keras.layers.BatchNormalization` (which rescales each filter's output
#   with the mean and variance of the current :term:`batch` during training, and
#   makes training faster and more stable) and a ReLU;
# * a second convolution with 16 filters, each combining the 8 maps of the first
#   layer, again with batch normalization and ReLU: two stacked 3 × 3 filters see
#   5 × 5 pixels of the input;
# * a :class:`~keras.layers.MaxPooling2D` step (11 × 11 → 5 × 5 maps);
# * :class:`~keras.layers.Flatten`, :class:`~keras.layers.Dropout` and a
#   :class:`~keras.layers.Dense` output layer with one probability per tissue
#   (softmax).
#
# We pool only once: the label belongs to the *centre* pixel, and every pooling
# step blurs where in the patch a feature was found.
#
# Dropout silences a random fraction of its inputs at each training step (30 % in
# the network below; half in this demonstration, to make it visible), so the
# output cannot rely on a few units; at prediction time it does nothing. You can
# see both behaviours directly:
import keras
from keras import layers

keras.utils.set_random_seed(0)
dropout = layers.Dropout(0.5)
ones = np.ones((1, 8), dtype="float32")
print("dropout, training:  ", keras.ops.convert_to_numpy(dropout(ones, training=True)).ravel())
print("dropout, prediction:", keras.ops.convert_to_numpy(dropout(ones, training=False)).ravel())

# %%
# During training, the kept units are scaled up (here × 2) so that the expected
# sum stays the same. Now the whole network:


def build_cnn():
    inputs = keras.Input(shape=(size, size, 1))
    x = layers.Conv2D(8, 3, padding="same", use_bias=False)(inputs)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    x = layers.Conv2D(16, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Flatten()(x)
    x = layers.Dropout(0.3)(x)
    outputs = layers.Dense(3, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="tissue_cnn")


cnn = build_cnn()
cnn.summary()

# %%
# The convolutions need no bias because batch normalization adds its own offset.
# Batch normalization also behaves differently at prediction time. A prediction
# must not depend on which other patches share its batch, so during training the
# layer keeps a running average of the batch means and variances (each step moves
# it 1 % of the way towards the current batch), and at prediction time it
# normalises with those stored averages instead. They are part of the
# "non-trainable" weights in the summary above.
# The whole model has a few thousand weights: a :class:`~keras.layers.Dense` layer
# from the 121 pixels to just 32 units would already need almost 4,000.
#
# Training
# --------
# The labels are integers 0, 1, 2, so the loss is the *sparse* categorical
# cross-entropy. We train for a fixed, small number of :term:`epoch`\ s and watch
# the :term:`validation set` after each one.
cnn.compile(optimizer=keras.optimizers.Adam(learning_rate=3e-3),
            loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = cnn.fit(X_train, y_train, validation_data=(X_val, y_val),
                  epochs=10, batch_size=128, verbose=0)
for epoch in (0, 2, 5, 9):
    h = {key: values[epoch] for key, values in history.history.items()}
    print(f"epoch {epoch + 1:2d}: loss {h['loss']:.3f}  accuracy {h['accuracy']:.3f}  "
          f"val_loss {h['val_loss']:.3f}  val_accuracy {h['val_accuracy']:.3f}")
# sphinx_gallery_start_ignore
# claim: "validation is worse than training at epoch 1 here" (in loss and in accuracy)
first = {key: values[0] for key, values in history.history.items()}
assert first["val_loss"] > first["loss"] and first["val_accuracy"] < first["accuracy"], first
# sphinx_gallery_end_ignore

epochs = np.arange(1, len(history.history["loss"]) + 1)
fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
for ax, metric, label in [(axes[0], "loss", "cross-entropy"), (axes[1], "accuracy", "accuracy")]:
    ax.plot(epochs, history.history[metric], marker="o", label="training")
    ax.plot(epochs, history.history[f"val_{metric}"], marker="o", label="validation")
    ax.set(xlabel="epoch", ylabel=label)
    ax.legend()
fig.suptitle("Learning curves of the convolutional network")
plt.show()

# %%
# The two curves are not measured alike. The training curve is averaged over
# each epoch while the weights were still changing, with dropout active and
# batch statistics; the validation curve uses the end-of-epoch weights, no
# dropout and batch normalization's *stored* averages. After the first epoch
# those averages still lag behind the weights (they move only 1 % per step), which
# is one reason why validation is worse than training at epoch 1 here. What
# matters is whether validation keeps improving (more epochs may help) or turns
# up while training keeps falling (:term:`overfitting`).
#
# Baselines on the same patches
# -----------------------------
# Is the convolutional structure worth anything? We compare the CNN with three
# baselines trained on exactly the same training patches, none of which knows
# which pixels are neighbours:
#
# * a dummy classifier that always predicts the majority class;
# * a logistic regression on the centre pixel alone: how far does one intensity go?
# * a logistic regression on all 121 pixels, with its regularisation strength
#   ``C`` chosen on the validation slabs: the linear model at its best on the
#   same input as the networks;
# * a small dense network (two hidden :class:`~keras.layers.Dense` layers) on the
#   same flattened pixels, trained like the CNN.
#
# All are scored on the untouched test slabs with plain accuracy and with
# :term:`balanced accuracy`, which averages the accuracy of each class so that the
# small CSF class counts as much as the large grey-matter class.
from sklearn.dummy import DummyClassifier
from sklearn.metrics import accuracy_score, balanced_accuracy_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

flat_train, flat_test = X_train.reshape(len(X_train), -1), X_test.reshape(len(X_test), -1)
dummy = DummyClassifier(strategy="most_frequent").fit(flat_train, y_train)
centre = size * size // 2  # index of the centre pixel in a flattened patch
centre_only = LogisticRegression().fit(flat_train[:, [centre]], y_train)
flat_val = X_val.reshape(len(X_val), -1)
candidates = [make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=2000)).fit(flat_train, y_train)
              for C in (0.01, 0.1, 1.0)]
all_pixels = max(candidates, key=lambda model: balanced_accuracy_score(y_val, model.predict(flat_val)))
print(f"logistic regression on all pixels: C = {all_pixels[-1].C:g} chosen on the validation slabs")

keras.utils.set_random_seed(0)
dense_net = keras.Sequential([
    keras.Input(shape=(size * size,)),
    layers.Dense(64, activation="relu"),
    layers.Dense(32, activation="relu"),
    layers.Dense(3, activation="softmax"),
])
dense_net.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
dense_net.fit(flat_train, y_train, validation_data=(X_val.reshape(len(X_val), -1), y_val),
              epochs=10, batch_size=128, verbose=0)

cnn_test_pred = cnn.predict(X_test, batch_size=2048, verbose=0).argmax(axis=1)
predictions = {
    "dummy (majority)": dummy.predict(flat_test),
    "logistic, centre pixel": centre_only.predict(flat_test[:, [centre]]),
    "logistic, all pixels": all_pixels.predict(flat_test),
    "dense network": dense_net.predict(flat_test, batch_size=2048, verbose=0).argmax(axis=1),
    "convolutional network": cnn_test_pred,
}
print(f"test set: {len(y_test)} patches from {np.unique(k[test_idx]).size} axial slices")
scores = {}
for name, pred in predictions.items():
    scores[name] = (accuracy_score(y_test, pred), balanced_accuracy_score(y_test, pred))
    print(f"{name:>22}: accuracy {scores[name][0]:.3f}, balanced accuracy {scores[name][1]:.3f}")

fig, ax = plt.subplots(figsize=(10, 3.6), layout="constrained")
positions = np.arange(len(scores))
ax.barh(positions + 0.2, [s[0] for s in scores.values()], height=0.4, label="accuracy")
ax.barh(positions - 0.2, [s[1] for s in scores.values()], height=0.4, label="balanced accuracy")
ax.axvline(1 / 3, color="k", linestyle=":", label="chance balanced accuracy (1/3)")
ax.set(yticks=positions, yticklabels=list(scores), xlim=(0, 1), xlabel="score on the test slabs",
       title="Convolutional network against its baselines")
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
plt.show()

# %%
# The dummy classifier shows why plain accuracy needs a reference: predicting
# "grey matter" everywhere is right more than half the time, yet its balanced
# accuracy is exactly the :term:`chance level <chance level>`. The centre-pixel
# model shows what the bias field and the noise cost a model that can only
# threshold one intensity (compare it with the clean-template accuracy printed
# earlier).
#
# The two networks see the whole patch and can compare the centre with its
# surroundings, in a non-linear way (such as "darker than the white matter next
# to it"). A linear model on all pixels is limited here: any weighted
# sum of the pixels is scaled by the local gain just like the centre pixel. The
# logistic regression on all pixels shows it: it gains only about two points of
# balanced accuracy over the centre pixel and stays far below both networks. The
# CNN learns its comparisons as small local filters shared
# across the patch, with far fewer weights than the dense network, which has to
# learn each pixel's role separately.
#
# How sure is the ranking of the two networks? Everything above is one split,
# and the test set is only a few slabs. A cheap look at the uncertainty, without
# training again, is the *paired* difference slab by slab: both networks are
# scored on the same test voxels of each slab, and slabs differ in anatomy and in
# bias field. (Rotating the slab roles and retraining, as
# :ref:`the first Keras example <sphx_glr_deep_learning_plot_02_keras_first_network.py>`
# does, would be the full answer, at several times the run time.)
print(f"weights: dense network {dense_net.count_params()}, convolutional network {cnn.count_params()}")
test_slab = slab[test_idx]
slab_gaps = {}
for name in ["logistic, all pixels", "dense network"]:
    gaps = [balanced_accuracy_score(y_test[test_slab == s], cnn_test_pred[test_slab == s])
            - balanced_accuracy_score(y_test[test_slab == s], predictions[name][test_slab == s])
            for s in np.unique(test_slab)]
    print(f"CNN minus {name}, balanced accuracy per test slab: " + ", ".join(f"{g:+.3f}" for g in gaps))
    slab_gaps[name] = np.array(gaps)
# sphinx_gallery_start_ignore
balanced = {name: score[1] for name, score in scores.items()}
# claim: "it gains only about two points of balanced accuracy over the centre pixel" (between 0 and 4 points)
assert 0 < balanced["logistic, all pixels"] - balanced["logistic, centre pixel"] < 0.04, balanced
# claim: "stays far below both networks" (by more than ten points)
assert balanced["logistic, all pixels"] < min(balanced["dense network"], balanced["convolutional network"]) - 0.1
# claim: "ahead of the dense network on both test slabs" (and by less than three points on each)
assert len(slab_gaps["dense network"]) == 2 and np.all(slab_gaps["dense network"] > 0), slab_gaps
assert np.all(slab_gaps["dense network"] < 0.03), slab_gaps
# claim: "larger than ten points on each slab"
assert np.all(slab_gaps["logistic, all pixels"] > 0.1), slab_gaps
# sphinx_gallery_end_ignore

# %%
# The CNN is ahead of the dense network on both test slabs, by less than three
# points on each: with two slabs and a single training run, that is a hint, not
# a reliable win. Against the linear model on all pixels the gap is of another
# order, larger than ten points on each slab. On the clean template the centre
# pixel alone was almost as good as anything, and no network would have been
# worth its cost: the more the label depends on context, shapes and textures,
# the more a convolutional network earns.

# %%
# Predictions as a brain map
# --------------------------
# A test score is a single number; a map shows *where* the model fails. We
# classify every brain voxel of the test slice with the most brain voxels and
# show the prediction next to the atlas label, with the errors in red.
z_show = np.bincount(k[test_pool]).argmax()
on_slice = test_pool[k[test_pool] == z_show]
slice_pred = cnn.predict(patches_at(on_slice), batch_size=2048, verbose=0).argmax(axis=1)

truth_map = np.full(t1.shape[:2], np.nan)
pred_map = np.full(t1.shape[:2], np.nan)
truth_map[i[on_slice], j[on_slice]] = labels[on_slice]
pred_map[i[on_slice], j[on_slice]] = slice_pred
error_map = np.where(truth_map != pred_map, 1.0, np.nan)
error_map[np.isnan(truth_map)] = np.nan

from matplotlib.colors import ListedColormap

tissue_cmap = ListedColormap(["tab:blue", "0.5", "0.9"])
z_show_mm = t1_img.affine[2, 2] * z_show + t1_img.affine[2, 3]
fig, axes = plt.subplots(1, 3, figsize=(10, 4.2), layout="constrained")
axes[0].imshow(scan[:, :, z_show].T, origin="lower", cmap="gray")
axes[0].set_title("simulated scan (input)")
for ax, image, title in [(axes[1], truth_map, "atlas label"), (axes[2], pred_map, "CNN prediction")]:
    shown = ax.imshow(image.T, origin="lower", cmap=tissue_cmap, vmin=-0.5, vmax=2.5)
    ax.set_title(title)
    ax.set_facecolor("black")
axes[2].imshow(error_map.T, origin="lower", cmap=ListedColormap(["red"]), alpha=0.9)
slice_accuracy = np.mean(slice_pred == labels[on_slice])
axes[2].set_title(f"CNN (errors in red, slice accuracy {slice_accuracy:.2f})")
for ax in axes:
    ax.set(xticks=[], yticks=[])
colorbar = fig.colorbar(shown, ax=axes[1:], ticks=[0, 1, 2], shrink=0.7)
colorbar.ax.set_yticklabels(class_names)
fig.suptitle(f"Test slice z = {z_show_mm:.0f} mm: probabilistic-atlas label and CNN prediction")
plt.show()

# %%
# Where do the errors fall? Two suspects: tissue borders, where the atlas
# probabilities are close and the label itself is uncertain, and places where
# the simulated bias field is strong. We compare, over the test voxels, the
# atlas probability of the label and the size of the drift (the absolute
# logarithm of the gain) where the CNN is right and where it is wrong.
atlas_confidence = np.stack([other_prob, gm_prob, wm_prob])[labels[test_idx], i[test_idx], j[test_idx],
                                                           k[test_idx]]
drift = np.abs(np.log(bias_field[i[test_idx], j[test_idx], k[test_idx]]))
wrong = cnn_test_pred != y_test
print(f"median atlas probability of the label: {np.median(atlas_confidence[~wrong]):.2f} where the CNN "
      f"is right, {np.median(atlas_confidence[wrong]):.2f} where it is wrong")
print(f"median |log gain| of the bias field:    {np.median(drift[~wrong]):.2f} where the CNN "
      f"is right, {np.median(drift[wrong]):.2f} where it is wrong")
# sphinx_gallery_start_ignore
# claim: "the network fails mostly where the label itself is uncertain" (median lower by 0.1 or more)
assert np.median(atlas_confidence[wrong]) < np.median(atlas_confidence[~wrong]) - 0.1
# claim: "it has learnt to discount the bias field" (median drifts within 0.03 of each other)
assert abs(np.median(drift[wrong]) - np.median(drift[~wrong])) < 0.03
# sphinx_gallery_end_ignore

# %%
# Compare the two pairs of printed medians. The atlas probability is clearly
# lower at the errors: the network fails mostly where the label itself is
# uncertain. The drift is about the same where the network is right and where
# it is wrong: it has learnt to discount the bias field (a clearly larger drift
# at the errors would have meant it had not).
#
# A :term:`confusion matrix` shows which tissue is mistaken for which; each row
# is one true class, so the diagonal is the accuracy per class (the average of
# the diagonal is the balanced accuracy).
from sklearn.metrics import ConfusionMatrixDisplay

fig, ax = plt.subplots(figsize=(5, 4), layout="constrained")
ConfusionMatrixDisplay.from_predictions(y_test, cnn_test_pred, display_labels=class_names,
                                        normalize="true", values_format=".2f", ax=ax, colorbar=False)
ax.set_title("CNN on the test slabs (rows sum to 1)")
plt.show()

# %%
# .. admonition:: Exercise: read the per-class accuracies off the confusion matrix
#    :class: exercise
#
#    Which tissue does the CNN find hardest? Compute, for each true class (CSF /
#    other, grey matter, white matter, in that order), the fraction of its test
#    voxels that the CNN labels correctly, from ``y_test`` and ``cnn_test_pred``, and
#    store the three values in a NumPy array ``recalls``. Before you check: how
#    must their mean relate to a score printed earlier?

# exercise: solution
# starter: recalls = ...  # your code here: array of 3 per-class accuracies (CSF, grey, white)
recalls = np.array([np.mean(cnn_test_pred[y_test == c] == c) for c in range(3)])
print("fraction correct per true class: " + ", ".join(f"{name} {r:.2f}" for name, r in zip(class_names, recalls)))

# %%

# exercise: check
if not isinstance(recalls, np.ndarray) or recalls.shape != (3,):
    print("Not yet: store one value per true class in a NumPy array of shape (3,).")
elif not np.all((recalls >= 0) & (recalls <= 1)):
    print("Not yet: each value is a fraction of one class's test voxels, between 0 and 1.")
elif abs(recalls.mean() - scores["convolutional network"][1]) > 1e-6:
    print("Not yet: divide by the number of voxels of each *true* class (the rows of the matrix), "
          "not of each predicted class.")
else:
    print(f"Correct: the hardest class is {class_names[int(recalls.argmin())]} ({recalls.min():.2f}). The mean "
          f"of the three, {recalls.mean():.3f}, is the CNN's balanced accuracy printed earlier: the diagonal "
          "of the row-normalised matrix.")

# %%
# .. admonition:: Exercise: where the bias field is strongest
#    :class: exercise
#
#    The centre-pixel model can only threshold one intensity, so a strong bias
#    field should hurt it; the CNN can compare the centre with its surroundings.
#    Predict how each holds up, then take the quarter of the test voxels with the
#    largest ``drift`` (at or above its 75th percentile) and store the balanced
#    accuracy of each model there in a dict ``strong_drift_scores``, with keys
#    ``"convolutional network"`` and ``"logistic, centre pixel"``.

# exercise: solution
# starter: strong_drift_scores = ...  # your code here: {"convolutional network": ..., "logistic, centre pixel": ...}
strong_drift = drift >= np.percentile(drift, 75)
strong_drift_scores = {name: float(balanced_accuracy_score(y_test[strong_drift], predictions[name][strong_drift]))
                       for name in ["convolutional network", "logistic, centre pixel"]}
for name, value in strong_drift_scores.items():
    print(f"{name:>22}: balanced accuracy {value:.3f} where the drift is strongest "
          f"(all test voxels: {scores[name][1]:.3f})")

# %%

# exercise: check
expected_keys = {"convolutional network", "logistic, centre pixel"}
if not isinstance(strong_drift_scores, dict) or set(strong_drift_scores) != expected_keys:
    print('Not yet: store a dict with the keys "convolutional network" and "logistic, centre pixel".')
elif not all(isinstance(v, (float, np.floating)) and 0 <= v <= 1 for v in strong_drift_scores.values()):
    print("Not yet: each value is a balanced accuracy, a number between 0 and 1.")
elif all(abs(strong_drift_scores[name] - scores[name][1]) < 1e-9 for name in expected_keys):
    print("Not yet: these are the scores on all test voxels; select the strongest-drift quarter first.")
else:
    changes = {name: strong_drift_scores[name] - scores[name][1] for name in expected_keys}
    print(f"Correct: in the strongest-drift quarter the CNN changes by {changes['convolutional network']:+.3f} "
          f"and the centre-pixel model by {changes['logistic, centre pixel']:+.3f} balanced accuracy, "
          "compared with all test voxels.")

# %%
# Take-home
# ---------
# * A convolution slides a small filter of learned weights over the image; pooling
#   shrinks the maps so that later filters see larger regions. Batch normalization
#   stabilises training and dropout regularizes it.
# * Overlapping patches are not independent samples: split them into spatial blocks
#   with a gap between blocks (not by hemisphere for a symmetric template).
# * Ask first what the simplest input achieves: on the clean template one
#   intensity nearly decides the tissue, and a CNN has nothing to add. Context
#   pays off when intensities are not comparable across the image, as in a real
#   scan with a bias field.
# * Compare a CNN with a majority-class dummy, a simple linear model and a dense
#   network on the same patches, and look at the errors on a map, not only at one
#   score.
# * Labels from a probabilistic atlas are uncertain at tissue borders; that limits
#   and shapes the errors any model makes. The simulated scan keeps the real
#   anatomy, but its numbers are not a benchmark for real segmentation.
#
# Next, :ref:`sphx_glr_deep_learning_plot_09_inside_a_network.py` opens such a
# network to look at its filters, feature maps and saliency maps.
# :ref:`sphx_glr_deep_learning_plot_02_keras_first_network.py` solves a simpler
# version of this task with a dense network, and
# :ref:`sphx_glr_deep_learning_plot_07_training_and_tuning.py` covers the training
# choices (optimizers, early stopping, regularization) in depth.

# sphinx_gallery_thumbnail_number = 7
