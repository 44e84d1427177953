"""
Transfer learning: a tissue network moved to another scanner
============================================================

A network trained on plenty of labelled data from one scanner meets images from a
second scanner with only a few labelled voxels. Can the first network's knowledge
be reused? We pretrain a small convolutional network to tell grey from white
matter on the MNI152 T1 template, then move it to a *simulated second scanner*:
the same anatomy with another intensity scale, another contrast curve, a smooth
bias field and more noise, as images from different sites and sequences differ.

You will see the classic failure of :term:`transfer learning` first (a network
that scores no better than guessing on the new images, and how to diagnose it from
its inputs and outputs rather than by staring at the accuracy), then the two ways
to reuse a network, freezing it and :term:`fine-tuning` it, compared with training
from scratch and with a linear :term:`baseline` as the number of labelled target
voxels grows.
"""

# %%
# Two scanners, one anatomy
# -------------------------
# MRI intensities have no absolute unit: two scanners (or two sequences on the same
# scanner) give the same tissue different values, with a different contrast between
# tissues and a smooth, coil-dependent intensity bias across the head. We build
# scanner B from the template (scanner A) with exactly those three changes plus
# noise. The tissue labels (from the bundled grey- and white-matter probability
# maps) are the same for both, because the anatomy is the same.
import matplotlib.pyplot as plt
import numpy as np
from nilearn import datasets

t1_img = datasets.load_mni152_template(resolution=2)
scanner_a = t1_img.get_fdata().astype("float32")
head = datasets.load_mni152_brain_mask(resolution=2).get_fdata() > 0
gm_prob = datasets.load_mni152_gm_template(resolution=2).get_fdata()
wm_prob = datasets.load_mni152_wm_template(resolution=2).get_fdata()

rng = np.random.default_rng(0)
grid = np.stack(np.meshgrid(*[np.linspace(-1, 1, n) for n in scanner_a.shape], indexing="ij"))
bias_field = 1.0 + 0.12 * grid[0] - 0.1 * grid[1] ** 2 + 0.08 * grid[2]  # smooth, about +-12 %
contrast = (scanner_a / scanner_a.max()) ** 0.6  # a flatter contrast curve
noise = rng.normal(0.0, 0.02, scanner_a.shape)
scanner_b = (1800.0 * (contrast * bias_field + noise) + 300.0).astype("float32")
scanner_b[~head] = 0.0  # outside the brain stays empty

labelled = (gm_prob > 0.5) | (wm_prob > 0.5)
is_white = (wm_prob > gm_prob).astype("float32")
k = int(np.round((10 - t1_img.affine[2, 3]) / t1_img.affine[2, 2]))  # axial slice z = 10 mm

fig, axes = plt.subplots(2, 2, figsize=(10, 7), layout="constrained")
for column, (image, name) in enumerate([(scanner_a, "A (template)"), (scanner_b, "B (simulated)")]):
    shown = axes[0, column].imshow(image[:, :, k].T, origin="lower", cmap="gray")
    fig.colorbar(shown, ax=axes[0, column], shrink=0.8, label="intensity (scanner units)")
    axes[0, column].set(title=f"scanner {name}", xticks=[], yticks=[])
    for tissue, colour in [(0, "tab:purple"), (1, "tab:olive")]:
        axes[1, column].hist(image[labelled & (is_white == tissue)], bins=80, alpha=0.6, color=colour,
                             label="white matter" if tissue else "grey matter")
    axes[1, column].set(xlabel="intensity (scanner units)", ylabel="voxels",
                        title=f"tissue intensities, scanner {name}")
    axes[1, column].legend(fontsize="small")
fig.suptitle("The same brain through two scanners: other units, other contrast, a bias field")
plt.show()

# %%
# Patches and spatially separate sets
# -----------------------------------
# Each sample is the 9 × 9 axial patch around a labelled voxel; the label is the
# tissue at its centre. Like :ref:`the CNN example
# <sphx_glr_deep_learning_plot_04_cnn_brain_tissue.py>` (which deals out 16 mm axial
# slabs), we deal slabs out to training, validation and test, here 20 mm coronal
# slabs with 8 mm dropped on either side of each so that no 9 × 9 axial patch
# (± 8 mm front to back) reaches into another set. The *test slabs are never used for training* on either
# scanner, so every score below is on anatomy the networks have not seen.
HALF = 4  # patch of 2 * HALF + 1 voxels
i, j, kk = np.nonzero(labelled)
inside = ((i >= HALF) & (i < scanner_a.shape[0] - HALF) & (j >= HALF) & (j < scanner_a.shape[1] - HALF))
i, j, kk = i[inside], j[inside], kk[inside]
y_mm = t1_img.affine[1, 1] * j + t1_img.affine[1, 3]
slab, position = np.divmod(y_mm - y_mm.min(), 20)
usable = (position >= 2 * HALF) & (position < 20 - 2 * HALF)
role = slab % 4  # 0 and 2: training, 1: validation, 3: test
labels = is_white[i, j, kk]


def patches(image, index):
    """(n, 9, 9, 1) patches of ``image`` centred on the voxels ``index``."""
    offsets = np.arange(-HALF, HALF + 1)
    rows = i[index][:, None, None] + offsets[None, :, None]
    cols = j[index][:, None, None] + offsets[None, None, :]
    return image[rows, cols, kk[index][:, None, None]][..., None]


train_pool = np.flatnonzero(usable & (role % 2 == 0))
source_train = rng.choice(train_pool, size=20_000, replace=False)
source_val = rng.choice(np.flatnonzero(usable & (role == 1)), size=5_000, replace=False)
test = np.flatnonzero(usable & (role == 3))
print(f"source training {source_train.size}, validation {source_val.size}, "
      f"test {test.size} voxels ({labels[test].mean():.0%} white matter)")

# %%
# Pretraining on scanner A
# ------------------------
# A small :term:`convolutional neural network`: a
# :class:`~keras.layers.Normalization` layer that learns the mean and variance of
# scanner A's training intensities, two convolution blocks and a sigmoid output.
# The convolution blocks are the *feature extractor* we hope to reuse; the last
# layers are the task-specific *head*. We train for four :term:`epoch`\ s: by
# then the validation accuracy printed below rises by only a few tenths of a
# point per epoch, and this network only needs to be good on scanner A.
import keras

keras.utils.set_random_seed(0)


def build_network(normalization):
    features = keras.Sequential(
        [
            keras.Input(shape=(2 * HALF + 1, 2 * HALF + 1, 1)),
            normalization,
            keras.layers.Conv2D(16, 3, activation="relu"),
            keras.layers.Conv2D(16, 3, activation="relu"),
            keras.layers.GlobalAveragePooling2D(),
        ],
        name="feature_extractor",
    )
    head = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1, activation="sigmoid")],
                            name="head")
    return keras.Sequential([features, head]), features


def compile_network(model, learning_rate=2e-3):
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


norm_a = keras.layers.Normalization()
norm_a.adapt(patches(scanner_a, source_train))
pretrained, feature_extractor = build_network(norm_a)
compile_network(pretrained)
history = pretrained.fit(patches(scanner_a, source_train), labels[source_train],
                         validation_data=(patches(scanner_a, source_val), labels[source_val]),
                         epochs=4, batch_size=256, verbose=0)
for epoch, (acc, val_acc) in enumerate(zip(history.history["accuracy"], history.history["val_accuracy"]), 1):
    print(f"epoch {epoch}: training accuracy {acc:.3f}, validation accuracy {val_acc:.3f}")

# %%
# The failure: the same network on scanner B
# ------------------------------------------
# We score with balanced accuracy (0.5 for any constant guess) and, for reference,
# the accuracy of always answering the majority class of the test slabs.
from sklearn.metrics import balanced_accuracy_score

y_test = labels[test]
majority_rate = max(y_test.mean(), 1 - y_test.mean())


def evaluate(model, image):
    # Calling the model directly (not ``predict``) avoids re-tracing a graph per model.
    probability = keras.ops.convert_to_numpy(model(patches(image, test), training=False)).ravel()
    predicted = (probability > 0.5).astype(int)
    return probability, balanced_accuracy_score(y_test, predicted), (predicted == y_test).mean()


prob_a, balanced_a, accuracy_a = evaluate(pretrained, scanner_a)
prob_b, balanced_b, accuracy_b = evaluate(pretrained, scanner_b)
print(f"majority-class accuracy on the test slabs: {majority_rate:.3f}")
print(f"scanner A: balanced accuracy {balanced_a:.3f}, accuracy {accuracy_a:.3f}")
print(f"scanner B: balanced accuracy {balanced_b:.3f}, accuracy {accuracy_b:.3f}")

# %%
# Diagnosing it from inputs and outputs
# -------------------------------------
# A low score alone does not say *why*. Two cheap checks do, and neither needs
# labels from the new scanner:
#
# * **inputs**: compare the new data with the statistics the network was trained
#   on. The normalization layer stores them; standardised with them, scanner B's
#   patches should have mean 0 and standard deviation 1 if nothing had shifted.
# * **outputs**: compare the predicted class proportions and the confidence of the
#   predictions with those on the training scanner. A network that suddenly calls
#   (nearly) every voxel the same tissue, with high confidence, is extrapolating.
stored_mean = float(np.ravel(norm_a.mean)[0])
stored_std = float(np.sqrt(np.ravel(norm_a.variance)[0]))
for name, image in [("A", scanner_a), ("B", scanner_b)]:
    standardised = (patches(image, test) - stored_mean) / stored_std
    print(f"scanner {name} inputs after the stored normalization: mean {standardised.mean():6.2f}, "
          f"std {standardised.std():5.2f}")
for name, probability in [("A", prob_a), ("B", prob_b)]:
    print(f"scanner {name}: {np.mean(probability > 0.5):.0%} of test voxels called white matter "
          f"(truth {y_test.mean():.0%})")

fig, ax = plt.subplots(figsize=(6.5, 3.5), layout="constrained")
bins = np.linspace(0, 1, 41)
ax.hist(prob_a, bins=bins, alpha=0.6, label="scanner A (training scanner)")
ax.hist(prob_b, bins=bins, alpha=0.6, label="scanner B, no adaptation")
ax.set(xlabel="predicted probability of white matter", ylabel="test voxels", yscale="log",
       title="Predictions collapse on the new scanner")
ax.legend()
plt.show()

# %%
# First fix: make the inputs comparable
# -------------------------------------
# The first repair costs no labels at all: express every image in its own units by
# z-scoring it within the brain (subtract the mean of the brain's voxels and divide
# by their standard deviation). This removes the difference of scale and offset
# between scanners, but not the different contrast curve or the bias field. We
# pretrain again, on standardised scanner-A patches, because the network must
# learn from inputs prepared the same way as those it will meet.


def zscore_in_brain(image):
    values = image[head]
    return ((image - values.mean()) / values.std()).astype("float32")


standard_a, standard_b = zscore_in_brain(scanner_a), zscore_in_brain(scanner_b)
keras.utils.set_random_seed(0)
norm_standard = keras.layers.Normalization()
norm_standard.adapt(patches(standard_a, source_train))
pretrained, feature_extractor = build_network(norm_standard)
compile_network(pretrained).fit(patches(standard_a, source_train), labels[source_train],
                                epochs=4, batch_size=256, verbose=0)
_, balanced_a_std, _ = evaluate(pretrained, standard_a)
_, balanced_b_std, _ = evaluate(pretrained, standard_b)
print(f"z-scored inputs, scanner A: balanced accuracy {balanced_a_std:.3f}")
print(f"z-scored inputs, scanner B: balanced accuracy {balanced_b_std:.3f} (no scanner-B labels used)")
pretrained_weights = pretrained.get_weights()
pretrained_features = feature_extractor.get_weights()

# %%
# .. admonition:: Exercise: z-scored, but with the wrong scanner's statistics
#    :class: exercise
#
#    A colleague z-scores scanner B with the mean and standard deviation of
#    *scanner A's* brain voxels, "so that both images are on the training scale":
#    ``(scanner_b - scanner_a[head].mean()) / scanner_a[head].std()``. Predict where
#    the pretrained network (trained on z-scored scanner-A patches) lands on such
#    inputs, then evaluate it on them with ``evaluate`` and store the balanced
#    accuracy in ``balanced_b_with_a_stats``.

# exercise: solution
# starter: balanced_b_with_a_stats = ...  # your code here: balanced accuracy on scanner B scaled with A's statistics
b_with_a_stats = ((scanner_b - scanner_a[head].mean()) / scanner_a[head].std()).astype("float32")
_, balanced_b_with_a_stats, _ = evaluate(pretrained, b_with_a_stats)
balanced_b_with_a_stats = float(balanced_b_with_a_stats)
print(f"scanner B scaled with scanner A's statistics: balanced accuracy {balanced_b_with_a_stats:.3f} "
      f"(with its own statistics: {balanced_b_std:.3f})")

# %%

# exercise: check
if not isinstance(balanced_b_with_a_stats, (float, np.floating)):
    print("Not yet: store the balanced accuracy (one float, the second value evaluate returns).")
elif not 0 <= balanced_b_with_a_stats <= 1:
    print("Not yet: a balanced accuracy lies between 0 and 1.")
elif abs(balanced_b_with_a_stats - balanced_b_std) < 1e-9:
    print("Not yet: this is the score with scanner B's own statistics; scale with scanner A's.")
else:
    print(f"Correct: {balanced_b_with_a_stats:.3f}, against {balanced_b_std:.3f} when each image is z-scored "
          f"with its own statistics and {balanced_b:.3f} for raw inputs. Dividing by another scanner's "
          "statistics keeps scanner B's offset and scale: each image must be standardised with its own.")

# %%
# Second fix: a few labels from the new scanner
# ---------------------------------------------
# Now suppose someone labelled ``n`` voxels of scanner B (taken from the training
# slabs only), with ``n`` = 30 (few) or 1000 (many). Four ways to use them, each
# repeated on two random draws of the ``n`` voxels (every network costs seconds
# to build and train, so we keep sizes and draws few; the figure shows each
# draw, so you can judge the spread):
#
# * **linear baseline**: logistic regression on the ``n`` flattened patches;
# * **from scratch**: the same network, randomly initialised, trained on the ``n``
#   patches only;
# * **frozen features**: the pretrained feature extractor is frozen
#   (``trainable = False``) and only a new head is trained;
# * **fine-tuned**: start from all pretrained weights and train everything, with
#   a smaller :term:`learning rate` so the pretrained features are adjusted rather
#   than overwritten.
#
# The pretrained extractor includes its :class:`~keras.layers.Normalization` layer
# and the input statistics it stored on scanner A: its convolutions were learnt on
# inputs scaled that way. Both pretrained strategies therefore reuse that layer
# object itself. Copying its weights into a fresh layer that was ``adapt``-ed on the
# ``n`` target patches would not do what it seems: Keras keeps using the statistics
# of the last ``adapt`` (the copied weights are read only when the layer is
# finalised), so the "pretrained" extractor would quietly see other inputs.
#
# Small target sets are where overfitting threatens, so each network trains for a
# fixed, modest number of passes that we do not tune on the test slabs.
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def train_on_target(strategy, index, seed):
    keras.utils.set_random_seed(seed)
    x, y = patches(standard_b, index), labels[index]
    if strategy == "linear baseline":
        linear = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
        linear.fit(x.reshape(len(x), -1), y)
        predicted = linear.predict(patches(standard_b, test).reshape(len(test), -1))
        return balanced_accuracy_score(y_test, predicted)
    if strategy == "from scratch":  # its own input statistics, from the n patches
        normalization = keras.layers.Normalization()
        normalization.adapt(x)
    else:  # the pretrained layer itself, with the statistics it stored on scanner A
        normalization = norm_standard
    model, features = build_network(normalization)
    learning_rate = 2e-3
    if strategy == "frozen features":  # pretrained extractor, new head
        features.set_weights(pretrained_features)
        features.trainable = False
    elif strategy == "fine-tuned":  # every pretrained weight, adjusted gently
        model.set_weights(pretrained_weights)
        learning_rate = 3e-4
    compile_network(model, learning_rate)
    # The same number of gradient steps whatever n is: repeat small sets.
    repeats = int(np.ceil(4096 / len(index)))
    model.fit(np.tile(x, (repeats, 1, 1, 1)), np.tile(y, repeats), epochs=2, batch_size=64, verbose=0)
    _, balanced, _ = evaluate(model, standard_b)
    return balanced


strategies = ["linear baseline", "from scratch", "frozen features", "fine-tuned"]
sizes = [30, 1000]  # few labels and many
n_draws = 2
scores = {strategy: np.zeros((len(sizes), n_draws)) for strategy in strategies}
for size_index, n in enumerate(sizes):
    for repeat in range(n_draws):
        index = np.random.default_rng(100 + repeat).choice(train_pool, size=n, replace=False)
        for strategy in strategies:
            scores[strategy][size_index, repeat] = train_on_target(strategy, index, seed=repeat)
    print(f"n = {n:4d}: " + ", ".join(f"{s} {scores[s][size_index].mean():.3f}" for s in strategies))

# %%
# The comparison
# --------------
# Each line is one way of using the ``n`` labelled scanner-B voxels; the points are
# the two draws, the line their mean. The horizontal lines are the pretrained
# network used without any scanner-B label, on raw inputs (on the chance line)
# and on z-scored inputs.
fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
for offset, (strategy, colour) in zip(np.linspace(-0.06, 0.06, len(strategies)),
                                      zip(strategies, ["0.4", "tab:blue", "tab:green", "tab:orange"])):
    values = scores[strategy]
    ax.plot(sizes, values.mean(1), marker="o", color=colour, label=strategy)
    for repeat in range(values.shape[1]):
        ax.scatter(np.array(sizes) * (1 + offset), values[:, repeat], color=colour, s=12, alpha=0.6)
ax.axhline(balanced_b, color="tab:red", linestyle=":", label="pretrained, raw inputs (no B labels)")
ax.axhline(balanced_b_std, color="tab:purple", linestyle="--", label="pretrained, z-scored (no B labels)")
ax.axhline(0.5, color="black", linewidth=0.8, label="chance (balanced)")
ax.set(xscale="log", xticks=sizes, xticklabels=[str(n) for n in sizes],
       xlabel="labelled voxels from scanner B (log scale)", ylabel="balanced accuracy, scanner-B test slabs",
       title="Reusing a pretrained network on a new scanner")
ax.legend(fontsize="small", loc="lower right")
plt.show()

# %%
# .. admonition:: Exercise: how many labels does the linear baseline need?
#    :class: exercise
#
#    The pretrained network on z-scored inputs uses no scanner-B label at all.
#    Predict how many labelled voxels the linear baseline needs to reach it, then
#    fill in the sizes between those above: run ``train_on_target("linear baseline",
#    ...)`` for n = 100 and n = 300, on the same two draws (``np.random.default_rng(100
#    + repeat)`` choosing from ``train_pool``, ``seed=repeat``), and store the mean of
#    the two draws for each size in a dict ``linear_by_size``, keyed by n.

# exercise: solution
# starter: linear_by_size = ...  # your code here: {100: mean balanced accuracy, 300: mean balanced accuracy}
linear_by_size = {}
for n in (100, 300):
    draws = [train_on_target("linear baseline",
                             np.random.default_rng(100 + repeat).choice(train_pool, size=n, replace=False),
                             seed=repeat) for repeat in range(n_draws)]
    linear_by_size[n] = float(np.mean(draws))
print("linear baseline: " + ", ".join(f"n = {n}: {value:.3f}" for n, value in linear_by_size.items()))

# %%

# exercise: check
if not isinstance(linear_by_size, dict) or set(linear_by_size) != {100, 300}:
    print("Not yet: store a dict with the keys 100 and 300 (the numbers of labelled voxels).")
elif not all(isinstance(v, (float, np.floating)) and 0 <= v <= 1 for v in linear_by_size.values()):
    print("Not yet: each value is the mean of two balanced accuracies, a number between 0 and 1.")
else:
    curve = {30: scores["linear baseline"][0].mean(), **linear_by_size, 1000: scores["linear baseline"][1].mean()}
    print("Correct: linear baseline " + ", ".join(f"n = {n}: {v:.3f}" for n, v in curve.items())
          + f"; the pretrained network without scanner-B labels: {balanced_b_std:.3f}.")

# %%
# Reading the result
# ------------------
# Two differences answer the two questions of this example: does pretraining help
# the *network* (best pretrained strategy minus training from scratch), and does
# any network beat the *linear baseline*? Both are computed from the mean of the
# two draws; with two draws, differences of a point or two are within noise.
networks = ["from scratch", "frozen features", "fine-tuned"]
for size_index, n in enumerate(sizes):
    means = {strategy: scores[strategy][size_index].mean() for strategy in strategies}
    pretraining_gain = max(means["frozen features"], means["fine-tuned"]) - means["from scratch"]
    best_network = max(networks, key=means.get)
    print(f"n = {n:4d}: pretraining {pretraining_gain:+.3f} over from scratch; best network "
          f"({best_network}) {means[best_network] - means['linear baseline']:+.3f} over the linear baseline")

# sphinx_gallery_start_ignore
mean_of = {strategy: scores[strategy].mean(axis=1) for strategy in strategies}
best_pretrained = np.maximum(mean_of["frozen features"], mean_of["fine-tuned"])
best_net = np.max([mean_of[name] for name in networks], axis=0)
# claim: "the best pretrained strategy beats training from scratch at every size"
assert np.all(best_pretrained > mean_of["from scratch"]), (best_pretrained, mean_of["from scratch"])
# claim: "training from scratch has not caught up by n = 1000" (the gap is at least one point)
assert best_pretrained[-1] - mean_of["from scratch"][-1] >= 0.01, (best_pretrained, mean_of["from scratch"])
# claim: "the best network and the linear baseline are within two points" (at n = 30)
assert abs(best_net[0] - mean_of["linear baseline"][0]) < 0.02, (best_net, mean_of["linear baseline"])
# claim: "at n = 1000, the linear baseline is ahead of every network"
assert mean_of["linear baseline"][-1] > best_net[-1], (mean_of["linear baseline"], best_net)
# claim: "and on every draw" (draw by draw, against each network on the same voxels)
assert all(np.all(scores["linear baseline"][-1] > scores[name][-1]) for name in networks), scores
# claim: "about as well as frozen features trained on up to 1000 labels" (within two points at every n)
assert np.all(np.abs(mean_of["frozen features"] - balanced_b_std) < 0.02), (mean_of["frozen features"], balanced_b_std)
# sphinx_gallery_end_ignore

# %%
# What this run shows:
#
# * **Pretraining helps the network.** With the same labels, the best pretrained
#   strategy beats training from scratch at every size, and the gap does not
#   close within the sizes tried here: training from scratch has not caught up by
#   n = 1000.
# * **But no network beats the linear baseline.** With 30 labels the best
#   network and the linear baseline are within two points, well inside the noise
#   of two draws; at n = 1000, the linear baseline is ahead of every network,
#   and on every draw. On this task a logistic regression on the 81
#   pixels of a z-scored patch is enough, and the networks are not worth their
#   complexity.
# * **The labels from scanner B add little.** The pretrained network on z-scored
#   inputs, with no scanner-B label at all, scores about as well as frozen
#   features trained on up to 1000 labels. Most of the repair was making the
#   inputs comparable.
#
# Our two scanners share one anatomy, which makes transfer easier than between two
# groups of people; real transfer between sites, populations or tasks brings
# domain shifts of anatomy, pathology and preprocessing as well, and can fail
# silently in ways this example does not cover. A harder target task, or one
# where the linear model has no good features, can turn the ranking around; the
# point is to measure it, as here, rather than assume it.
#
# Take-home
# ---------
# * A network knows only the input distribution it was trained on. Moved to a new
#   scanner or site without adaptation, it can fall to chance, or below the
#   majority-class rate, while looking confident.
# * Diagnose before you fine-tune: compare input statistics with those the network
#   was trained on, and the predicted class proportions and confidences with the
#   training domain. Neither check needs labels.
# * Prepare inputs the same way everywhere (here: intensities z-scored within the
#   brain); here that label-free step did most of the work.
# * When you reuse a network (frozen features or fine-tuning with a small learning
#   rate), reuse all of it, its input normalization included, and compare it with
#   training from scratch *and* with a linear baseline on the same target labels.
#   Here pretraining beat training from scratch, yet the linear baseline matched
#   or beat every network.
#
# Next: :ref:`sphx_glr_deep_learning_plot_09_inside_a_network.py` looks inside a
# convolutional network; the theory page :doc:`/dl_theory` discusses when deep
# learning is not worth it.

# sphinx_gallery_thumbnail_number = 3
