"""
Looking inside a network: filters, feature maps and saliency
============================================================

What has a trained :term:`convolutional neural network` learnt, and which pixels
drive its decisions? We train a small CNN that classifies the tissue at the centre
of 30 mm axial patches of the MNI152 T1 template, made scan-like with a
simulated bias field and noise (labels from nilearn's bundled tissue probability
maps), then open it: its first-layer filters, the feature maps
its layers compute on a whole brain slice, and gradient-based
:term:`saliency maps <saliency map>`.

You will learn how to read intermediate outputs of a Keras model, how to compute a
saliency map with :class:`tf.GradientTape <tensorflow.GradientTape>`, how to smooth
it (SmoothGrad), how to check that it reflects the *model* and not just the image
(a randomized-weights sanity check), and what such explanations cannot tell you.
"""

# %%
# A network to look into
# ----------------------
# The task is the one of :ref:`the CNN example
# <sphx_glr_deep_learning_plot_04_cnn_brain_tissue.py>`: each :term:`sample` is an
# axial patch centred on a brain :term:`voxel`, its :term:`label` the most probable
# tissue there (CSF / other, grey or white matter) according to the population
# tissue maps. These are probabilistic-atlas labels, not a manual segmentation.
# Patches here are 15 × 15 pixels (30 mm) so that the maps below have some room.
#
# As there, the template is first made more like a single subject's scan, with a
# simulated smooth bias field (a multiplicative intensity drift across the head)
# and a little noise, so that the network has to compare each voxel with its
# neighbours instead of reading one intensity.
#
# Training, validation and test patches come from separate axial slabs with a gap
# of two slices between them, because neighbouring patches overlap (and the
# template is left-right symmetric, so a split by hemisphere would leak).
import matplotlib.pyplot as plt
import numpy as np
from nilearn import datasets

t1_img = datasets.load_mni152_template(resolution=2)
t1 = t1_img.get_fdata().astype("float32")
gm_prob = datasets.load_mni152_gm_template(resolution=2).get_fdata()
wm_prob = datasets.load_mni152_wm_template(resolution=2).get_fdata()
in_brain = datasets.load_mni152_brain_mask(resolution=2).get_fdata() > 0
tissue = np.argmax(np.stack([np.clip(1 - gm_prob - wm_prob, 0, 1), gm_prob, wm_prob]), axis=0)
class_names = ["CSF / other", "grey matter", "white matter"]

from scipy import ndimage

noise_rng = np.random.default_rng(42)
bias_field = ndimage.gaussian_filter(noise_rng.normal(size=t1.shape), sigma=15)
bias_field = np.exp(0.2 * bias_field / bias_field[in_brain].std())
scan = (t1 * bias_field + noise_rng.normal(scale=0.02, size=t1.shape)).astype("float32")

half = 7
size = 2 * half + 1
i, j, k = np.nonzero(in_brain)
labels = tissue[i, j, k]
slab, position_in_slab = np.divmod(k - k.min(), 8)
away_from_edge = (position_in_slab >= 1) & (position_in_slab <= 6)
role = slab % 4  # 0, 2: training; 1: validation; 3: test
rng = np.random.default_rng(0)
train_idx = rng.choice(np.flatnonzero(away_from_edge & (role % 2 == 0)), size=10_000, replace=False)
val_idx = rng.choice(np.flatnonzero(away_from_edge & (role == 1)), size=3_000, replace=False)
test_idx = rng.choice(np.flatnonzero(away_from_edge & (role == 3)), size=5_000, replace=False)

padded = np.pad(scan, ((half, half), (half, half), (0, 0)))
windows = np.lib.stride_tricks.sliding_window_view(padded, (size, size), axis=(0, 1))
train_voxels = scan[i[train_idx], j[train_idx], k[train_idx]]
mean_scan, std_scan = train_voxels.mean(), train_voxels.std()


def patches_at(idx):
    """Standardized patches (n, 15, 15, 1) centred on the brain voxels ``idx``."""
    return ((windows[i[idx], j[idx], k[idx]] - mean_scan) / std_scan)[..., np.newaxis]


X_train, y_train = patches_at(train_idx), labels[train_idx]
X_val, y_val = patches_at(val_idx), labels[val_idx]
X_test, y_test = patches_at(test_idx), labels[test_idx]
print(f"patches: {len(X_train)} training, {len(X_val)} validation, {len(X_test)} test")

# %%
# The model has two convolutional layers, named so that we can find them again,
# one max-pooling step and a dense output layer. The output layer gives raw class
# *scores* (logits) rather than probabilities; the loss applies the softmax
# itself (``from_logits=True``). We will explain these scores, because the softmax
# squashes probabilities near 0 and 1 and makes their gradients vanish.
#
# The patches were standardized with the mean and spread of the training
# voxels only, so nothing about the test slabs enters the training.
import keras
from keras import layers

keras.utils.set_random_seed(0)


def build_cnn():
    inputs = keras.Input(shape=(size, size, 1))
    x = layers.Conv2D(8, 3, padding="same", activation="relu", name="conv1")(inputs)
    x = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv2")(x)
    x = layers.MaxPooling2D(2, name="pool")(x)
    x = layers.Flatten()(x)
    x = layers.Dropout(0.3)(x)
    outputs = layers.Dense(3, name="scores")(x)
    return keras.Model(inputs, outputs, name="tissue_cnn")


cnn = build_cnn()
cnn.compile(optimizer=keras.optimizers.Adam(learning_rate=3e-3),
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
history = cnn.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=8, batch_size=128, verbose=0)
print(f"after {len(history.history['loss'])} epochs: validation accuracy {history.history['val_accuracy'][-1]:.3f}")

from sklearn.metrics import balanced_accuracy_score

test_pred = cnn.predict(X_test, batch_size=2048, verbose=0).argmax(axis=1)
majority_share = np.mean(y_test == np.bincount(y_train).argmax())
print(f"test accuracy {np.mean(test_pred == y_test):.3f} (majority class: {majority_share:.3f}), "
      f"balanced accuracy {balanced_accuracy_score(y_test, test_pred):.3f} (chance: 0.333)")
# sphinx_gallery_start_ignore
# claim: "This network clears both" (by at least five points each)
assert np.mean(test_pred == y_test) > majority_share + 0.05, (np.mean(test_pred == y_test), majority_share)
assert balanced_accuracy_score(y_test, test_pred) > 1 / 3 + 0.05, balanced_accuracy_score(y_test, test_pred)
# sphinx_gallery_end_ignore

# %%
# Compare the printed test scores with the majority class, the simplest
# :term:`baseline`: explanations of a model that does not beat its baseline
# explain nothing, so this check always comes first. This network clears both,
# the majority-class accuracy and the chance level of balanced accuracy.
#
# The learned first-layer filters
# -------------------------------
# The first layer is the only one whose weights live in the same space as the
# image: 8 filters of 3 × 3 weights, one per output map. Red weights amplify the
# pixels under them and blue weights subtract them, so a filter with red on one
# side and blue on the other is an edge detector, a filter of one sign
# everywhere a (weighted) brightness detector.
conv1_weights, conv1_bias = cnn.get_layer("conv1").get_weights()
print("conv1 weights:", conv1_weights.shape, "(rows, columns, input channels, filters)")
limit = np.abs(conv1_weights).max()
fig, axes = plt.subplots(1, 8, figsize=(10, 1.9), layout="constrained")
for number, ax in enumerate(axes):
    shown = ax.imshow(conv1_weights[:, :, 0, number].T, origin="lower", cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set(xticks=[], yticks=[], title=f"filter {number + 1}")
fig.colorbar(shown, ax=axes, shrink=0.8, label="weight")
fig.suptitle("The 8 learned 3 × 3 filters of the first convolutional layer")
plt.show()

# %%
# Feature maps: what each layer computes
# --------------------------------------
# A :term:`feature map` is the output of one filter at every position: it shows where in
# the image the filter's pattern occurs. Each map is a learned :term:`feature`
# that later layers use as input. Keras makes intermediate outputs easy to
# read: a new :class:`keras.Model` from the trained model's inputs to the outputs
# of inner layers shares all the trained weights.
feature_model = keras.Model(cnn.input, [cnn.get_layer("conv1").output, cnn.get_layer("conv2").output])
patch_maps1, patch_maps2 = (keras.ops.convert_to_numpy(out) for out in feature_model(X_test[:1]))
print("feature maps for one patch:", patch_maps1.shape, patch_maps2.shape)

# %%
# A convolution does not care about the size of its input: the same layers, with
# the same weights, can be applied to a whole 99 × 117 slice instead of a
# 15 × 15 patch. We build a second small model that calls the two trained
# convolutional layers on a slice-sized input. Each pixel of its output is what
# the network computes for the patch centred there; the print checks this on one
# test patch, and the two agree to floating-point precision.
conv1, conv2 = cnn.get_layer("conv1"), cnn.get_layer("conv2")
slice_input = keras.Input(shape=t1.shape[:2] + (1,))
slice_model = keras.Model(slice_input, [conv1(slice_input), conv2(conv1(slice_input))])

z_show = np.bincount(k[test_idx]).argmax()  # the test slice with the most sampled voxels
z_mm = t1_img.affine[2, 2] * z_show + t1_img.affine[2, 3]
slice_std = ((scan[:, :, z_show] - mean_scan) / std_scan)[np.newaxis, :, :, np.newaxis]
slice_maps1, slice_maps2 = (keras.ops.convert_to_numpy(out) for out in slice_model(slice_std))
one = np.flatnonzero(k[test_idx] == z_show)[0]
centre_maps = keras.ops.convert_to_numpy(feature_model(X_test[one:one + 1])[1])[0, half, half]
difference = np.abs(slice_maps2[0, i[test_idx[one]], j[test_idx[one]]] - centre_maps).max()
print(f"largest difference between slice and patch features at the patch centre: {difference:.1e}")
# sphinx_gallery_start_ignore
# claim: "the two agree to floating-point precision" (within 1e-4 of features of order 1)
assert difference < 1e-4, difference
# sphinx_gallery_end_ignore


def show_maps(maps, title):
    fig, axes = plt.subplots(2, 5, figsize=(11, 4.8), layout="constrained")
    brain = in_brain[:, :, z_show]
    panels = [("input (simulated scan)", scan[:, :, z_show], "gray"),
              ("bias field (not an input)", bias_field[:, :, z_show], "coolwarm")]
    panels += [(f"map {number + 1}", maps[0, :, :, number], "magma") for number in range(8)]
    for ax, (name, image, cmap) in zip(axes.flat, panels):
        values = np.where(brain, image, np.nan)
        top = np.nanpercentile(values, 99.5) if cmap == "magma" else None
        ax.imshow(values.T, origin="lower", cmap=cmap, vmax=top)
        ax.set(xticks=[], yticks=[])
        ax.set_title(name, fontsize="medium")
    fig.suptitle(title)
    plt.show()


show_maps(slice_maps1, f"First-layer feature maps on the test slice z = {z_mm:.0f} mm (after ReLU)")

# %%
# First-layer maps are easy to read because their filters are. Look for maps
# that respond to brightness (white matter), to darkness (CSF) or to an edge of
# one orientation. Maps that respond to raw brightness also inherit the bias
# field: compare them with the second panel, which the network never sees.
#
# Second-layer maps combine all 8 first-layer maps over 5 × 5 pixels, so they can
# express comparisons such as "darker than the pixels around it". How much of the
# bias field still shows through in them hints at how well the network has
# learnt to discount it. Some maps may be nearly empty: a "dead" unit whose ReLU
# :term:`activation function` receives an input that is almost always negative.
# (Colours are scaled per map, up to its 99.5th percentile.)
show_maps(slice_maps2[..., :8], f"First 8 of 16 second-layer feature maps, test slice z = {z_mm:.0f} mm")

# %%
# .. admonition:: Exercise: count the nearly dead units
#    :class: exercise
#
#    Do some of the second-layer maps above look almost empty? For each of the 16
#    second-layer maps in ``slice_maps2`` (shape ``(1, x, y, 16)``), compute the
#    fraction of the slice's brain pixels (``in_brain[:, :, z_show]``) where the map
#    is above zero, and store the 16 fractions in a NumPy array ``active_fraction``.
#    Predict first how many maps are active on fewer than 5 % of the brain pixels.

# exercise: solution
# starter: active_fraction = ...  # your code here: array of 16 fractions, one per second-layer map
active_fraction = (slice_maps2[0][in_brain[:, :, z_show]] > 0).mean(axis=0)
print("fraction of brain pixels where each second-layer map is active: "
      + ", ".join(f"{value:.2f}" for value in active_fraction))

# %%

# exercise: check
if not isinstance(active_fraction, np.ndarray) or active_fraction.shape != (slice_maps2.shape[-1],):
    print("Not yet: store one fraction per feature map of the second layer in a 1-D NumPy array.")
elif not np.all((active_fraction >= 0) & (active_fraction <= 1)):
    print("Not yet: each value is a fraction of pixels, between 0 and 1; compare the maps with 0 first.")
else:
    n_quiet = int(np.sum(active_fraction < 0.05))
    print(f"Correct: {n_quiet} of {active_fraction.size} maps are active on fewer than 5 % of the brain "
          f"pixels; the most active map fires on {active_fraction.max():.0%} of them. A unit that almost "
          "never passes its ReLU contributes almost nothing to the next layer.")

# %%
# Saliency: which pixels move the output?
# ---------------------------------------
# A :term:`saliency map` asks how much the class score would change if one input
# pixel changed a little: the gradient of the score with respect to the input.
# The same automatic differentiation that trains the network computes it:
# :class:`tf.GradientTape <tensorflow.GradientTape>` records the forward pass and
# returns the gradient of the score with respect to the input patch. We explain
# the class the network predicts, and show the absolute gradient. The red cross
# marks the centre pixel, whose tissue is the label.
import tensorflow as tf


def saliency(model, patches, classes):
    """|d score(class) / d input| for each patch, shape (n, 15, 15)."""
    inputs = tf.convert_to_tensor(patches)
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        scores = model(inputs, training=False)
        chosen = tf.gather(scores, classes, axis=1, batch_dims=1)
    return np.abs(tape.gradient(chosen, inputs).numpy()[..., 0])


# SmoothGrad (Smilkov et al. 2017, `arXiv:1706.03825
# <https://arxiv.org/abs/1706.03825>`_) averages the gradient over noisy copies
# of the input (here 20 copies, noise of 0.2 standard deviations of the image),
# which removes much of the pixel-to-pixel noise of a single gradient.
def smoothgrad(model, patches, classes, n_copies=20, noise=0.2):
    noise_rng = np.random.default_rng(1)
    total = np.zeros(patches.shape[:3])
    for _ in range(n_copies):
        noisy = patches + noise_rng.normal(scale=noise, size=patches.shape).astype("float32")
        total += saliency(model, noisy, classes)
    return total / n_copies


examples = np.array([np.flatnonzero((y_test == c) & (test_pred == c))[n] for c in range(3) for n in (0, 1)])
example_classes = test_pred[examples]
plain = saliency(cnn, X_test[examples], example_classes)
smooth = smoothgrad(cnn, X_test[examples], example_classes)

fig, axes = plt.subplots(3, 6, figsize=(10, 5.6), layout="constrained")
for column, example in enumerate(examples):
    axes[0, column].imshow(X_test[example, :, :, 0].T, origin="lower", cmap="gray")
    axes[0, column].plot(half, half, "+", color="tab:red", markersize=10)
    axes[0, column].set_title(class_names[y_test[example]], fontsize="medium")
    axes[1, column].imshow(plain[column].T, origin="lower", cmap="hot")
    axes[2, column].imshow(smooth[column].T, origin="lower", cmap="hot")
for row, name in enumerate(["input patch", "gradient", "SmoothGrad"]):
    axes[row, 0].set_ylabel(name)
for ax in axes.flat:
    ax.set(xticks=[], yticks=[])
fig.suptitle("Saliency of the predicted class score for six correctly classified test patches")
plt.show()

# %%
# Sanity check: would a random network give the same picture?
# ------------------------------------------------------------
# A saliency map is only an explanation of the *model* if it changes when the
# model changes. Adebayo et al. (2018), `Sanity checks for saliency maps
# <https://arxiv.org/abs/1810.03292>`_, proposed a simple test: compute the map
# for the same architecture with *random* weights. If it looks the same, the
# method mostly shows structure of the input (its edges, say), not what the
# network has learnt. :func:`keras.models.clone_model` gives the same
# architecture with freshly initialized weights. (Their second test, retraining
# on shuffled labels, asks the same question of the data; it costs a second
# training run, so we skip it here.)
#
# We compare, over 300 test patches, how much of each map's total falls on the
# 3 × 3 pixels around the centre (the tissue we ask about), and the rank
# correlation between the trained and the random network's maps of the same
# patch. A correlation needs a reference: maps of *different* patches can
# correlate too, through what every map shares whatever the patch (for example
# the patch border, where the zero padding of the convolutions cuts the
# receptive fields). So we also correlate each trained map with the random
# network's map of *another* patch (the next one in the list).
from scipy.stats import spearmanr

random_cnn = keras.models.clone_model(cnn)
many = np.arange(300)
trained_maps = smoothgrad(cnn, X_test[many], test_pred[many], n_copies=10)
random_pred = keras.ops.convert_to_numpy(random_cnn(X_test[many])).argmax(axis=1)
random_maps = smoothgrad(random_cnn, X_test[many], random_pred, n_copies=10)


def centre_share(maps):
    return maps[:, half - 1:half + 2, half - 1:half + 2].sum(axis=(1, 2)) / maps.sum(axis=(1, 2))


similarity = [spearmanr(a.ravel(), b.ravel()).statistic for a, b in zip(trained_maps, random_maps)]
mismatched = [spearmanr(a.ravel(), b.ravel()).statistic
              for a, b in zip(trained_maps, np.roll(random_maps, 1, axis=0))]
print(f"share of saliency on the central 3 x 3 pixels (uniform would be {9 / size**2:.2f}): "
      f"trained {np.median(centre_share(trained_maps)):.2f}, random weights {np.median(centre_share(random_maps)):.2f}")
print(f"rank correlation between trained and random maps: median {np.median(similarity):.2f} for the same "
      f"patch, {np.median(mismatched):.2f} for different patches")
# sphinx_gallery_start_ignore
# claim: "concentrate on the centre of the patch" (median central share above the random network's by 0.03 or more)
assert np.median(centre_share(trained_maps)) > np.median(centre_share(random_maps)) + 0.03
# claim: "most of the similarity between trained and random maps" (different patches: over half the same-patch median)
assert 0 < np.median(mismatched) > 0.5 * np.median(similarity), (np.median(similarity), np.median(mismatched))
# claim: "the excess for the same patch is small" (positive, under 0.2)
assert 0 < np.median(similarity) - np.median(mismatched) < 0.2, (np.median(similarity), np.median(mismatched))
# sphinx_gallery_end_ignore

mean_maps = {title: (maps / maps.sum(axis=(1, 2), keepdims=True)).mean(axis=0)
             for title, maps in [("trained", trained_maps), ("random weights", random_maps)]}
top = max(values.max() for values in mean_maps.values())
fig, axes = plt.subplots(1, 3, figsize=(11, 3.8), layout="constrained")
for ax, (title, values) in zip(axes, mean_maps.items()):
    shown = ax.imshow(values.T, origin="lower", cmap="hot", vmin=0, vmax=top)
    ax.set(xticks=[], yticks=[], title=f"mean SmoothGrad, {title}")
fig.colorbar(shown, ax=axes[:2], shrink=0.8, label="share of the map (one scale)")
bins = np.linspace(-1, 1, 41)
axes[2].hist(similarity, bins=bins, color="tab:purple", alpha=0.7, label="same patch")
axes[2].hist(mismatched, bins=bins, color="0.5", alpha=0.6, label="different patches")
axes[2].set(xlabel="Spearman correlation of two maps", ylabel="number of patches",
            title="Trained vs random maps")
axes[2].legend(fontsize="small")
fig.suptitle("Sanity check: the trained network against the same architecture with random weights")
plt.show()

# %%
# The trained network's maps concentrate on the centre of the patch, where the
# label is defined, while the random network's spread over the whole patch
# (both mean maps share one colour scale): the method passes this part of the
# check *here*, the maps reflect something that training put into the model.
# (They are not confined to the centre pixel: to discount the bias field, the
# network has to compare the centre with its surroundings.)
#
# The rank correlation needs its reference. Maps of *different* patches
# correlate too, not much less than the two maps of the same patch: most of the
# similarity between trained and random maps is shared by any two maps, whatever
# the patch, so it comes from the architecture (where zero padding cuts the
# receptive fields, near the patch border) and not from the input. Only the excess
# for the same patch is specific to that patch, its edges and contrasts that any
# network's gradient picks up, and the excess for the same patch is small here.
# Without the mismatched baseline, the same-patch correlation alone would have
# been read as input-driven.

# %%
# .. admonition:: Exercise: does SmoothGrad change where the saliency sits?
#    :class: exercise
#
#    SmoothGrad removes pixel-to-pixel noise, but does it also move the saliency
#    towards the centre? Predict, then compute the plain gradient saliency (one
#    ``saliency`` call, no noisy copies) of the trained network for the same 300
#    test patches (``X_test[many]``, predicted classes ``test_pred[many]``) and store
#    the median of its ``centre_share`` in ``plain_centre_share``.

# exercise: solution
# starter: plain_centre_share = ...  # your code here: median share of plain-gradient saliency on the central 3 x 3
plain_centre_share = float(np.median(centre_share(saliency(cnn, X_test[many], test_pred[many]))))
print(f"median share on the central 3 x 3 pixels: plain gradient {plain_centre_share:.2f}, "
      f"SmoothGrad {np.median(centre_share(trained_maps)):.2f}")

# %%

# exercise: check
if not isinstance(plain_centre_share, (float, np.floating)):
    print("Not yet: store one number, the median over the 300 patches, in plain_centre_share.")
elif not 0 <= plain_centre_share <= 1:
    print("Not yet: a share of a map's total lies between 0 and 1; use the absolute gradients.")
else:
    print(f"Correct: {plain_centre_share:.2f} with the plain gradient, "
          f"{np.median(centre_share(trained_maps)):.2f} with SmoothGrad, "
          f"{np.median(centre_share(random_maps)):.2f} for random weights and {9 / size**2:.2f} for a uniform map.")

# %%
# What saliency maps do not tell you
# ----------------------------------
# * **Where, not why.** A gradient says where a small change of the input would
#   change the score most. It does not say what the network computes from those
#   pixels, nor whether bright or dark is what matters there.
# * **Local and linear.** The gradient describes the model around this one input;
#   a network with ReLUs can respond very differently to larger changes.
# * **Correlated inputs.** Neighbouring pixels carry nearly the same information,
#   so the model may rely on either one; the map spreads or picks one of them
#   arbitrarily, and another training run can pick differently.
# * **Not causal, not about the brain.** A map shows what *this model* is
#   sensitive to in *these data*. If a :term:`confound` (say scanner site or
#   motion) is predictive, saliency will happily highlight it. Conclusions about
#   the brain need experiments and careful statistics, not a heat map.
# * **Many methods, different maps.** Integrated gradients, occlusion, Grad-CAM
#   and others answer slightly different questions and can disagree; none is the
#   "true" explanation.
#
# Take-home
# ---------
# * Build a :class:`keras.Model` from a trained model's inputs to inner layers to
#   read its :term:`feature` maps; convolutional layers also run on whole slices.
# * First-layer filters are interpretable image operations; deeper layers combine
#   them into task-specific maps.
# * Gradient saliency with :class:`tf.GradientTape <tensorflow.GradientTape>` shows
#   where the class score is sensitive; SmoothGrad makes it less noisy.
# * Always run a sanity check (for example randomized weights): a map that does not
#   depend on the model explains the input, not the :term:`neural network`.
# * Read a similarity between maps against a baseline (maps of different
#   inputs): part of every gradient map is shared by all of them.
# * Saliency is a description of a model, not a causal statement about the brain.
#
# See :ref:`sphx_glr_deep_learning_plot_04_cnn_brain_tissue.py` for how this kind
# of network is built and evaluated against baselines, and
# :ref:`sphx_glr_classic_ml_plot_09_decoding_haxby.py` for interpreting the weights
# of linear decoders, the classic counterpart of these methods.

# sphinx_gallery_thumbnail_number = 4
