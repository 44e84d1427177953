"""
A first classifier: grey or white matter from a T1 image
========================================================

Can a simple model tell grey matter from white matter by looking at a T1-weighted
image? We build a :term:`feature` table from the MNI152 template that ships with
nilearn (intensity and its local neighbourhood, one row per :term:`voxel`), take
the :term:`label` from the bundled tissue probability maps, and train a logistic
regression.

The lesson is less about the model than about the evaluation: we hold out a
:term:`test set` that is *spatially separate* from the training data (and find on
the way why the obvious split, by hemisphere, would leak), and we compare the score
with a dummy :term:`baseline`, because an accuracy means nothing until you know what
guessing would give.
"""

# %%
# The data: one T1 image and two tissue maps
# ------------------------------------------
# All three images share the same 2 mm grid. The tissue maps give, for each voxel,
# the probability of grey (GM) and white matter (WM); we keep the voxels where one
# tissue clearly dominates and use it as the label.
import matplotlib.pyplot as plt
import numpy as np
from nilearn import datasets
from scipy import ndimage

t1_img = datasets.load_mni152_template(resolution=2)
gm_prob = datasets.load_mni152_gm_template(resolution=2).get_fdata()
wm_prob = datasets.load_mni152_wm_template(resolution=2).get_fdata()
t1 = t1_img.get_fdata()

labelled = (gm_prob > 0.5) | (wm_prob > 0.5)
is_white = wm_prob > gm_prob  # label: 1 = white matter, 0 = grey matter
print(f"{labelled.sum()} labelled voxels, {is_white[labelled].mean():.0%} of them white matter")

# %%
# Features: a voxel and its neighbourhood
# ---------------------------------------
# A single intensity is noisy near tissue borders, where a voxel contains both
# tissues. Like a radiologist glancing around a point, we add the mean and the
# standard deviation of the intensities in the 3 × 3 × 3 neighbourhood, and the
# strength of the local intensity gradient (high at borders). Each feature is a
# whole-image operation (:mod:`scipy.ndimage`, :func:`numpy.gradient`) evaluated at
# every voxel at once, and each looks at most one voxel away.
local_mean = ndimage.uniform_filter(t1, size=3)
local_sq_mean = ndimage.uniform_filter(t1**2, size=3)
local_std = np.sqrt(np.clip(local_sq_mean - local_mean**2, 0, None))
gradient = np.linalg.norm(np.gradient(t1), axis=0)

feature_names = ["intensity", "neighbourhood mean", "neighbourhood std", "gradient"]
X = np.column_stack([f[labelled] for f in (t1, local_mean, local_std, gradient)])
y = is_white[labelled].astype(int)
print("feature matrix X:", X.shape, " labels y:", y.shape)
# sphinx_gallery_start_ignore
# claim: "The two classes overlap in every single feature"
# (each feature's grey-matter range and white-matter range intersect)
for column in X.T:
    assert column[y == 0].max() > column[y == 1].min() and column[y == 1].max() > column[y == 0].min()
# sphinx_gallery_end_ignore

# %%
# The two classes overlap in every single feature, which is why we need a model
# that combines them.
fig, axes = plt.subplots(1, 4, figsize=(12, 3), layout="constrained")
for ax, name, column in zip(axes, feature_names, X.T):
    bins = np.linspace(column.min(), column.max(), 60)
    ax.hist(column[y == 0], bins=bins, alpha=0.6, label="grey matter", color="tab:purple")
    ax.hist(column[y == 1], bins=bins, alpha=0.6, label="white matter", color="tab:olive")
    ax.set(xlabel=f"{name} (a.u.)", yticks=[])
axes[0].set_ylabel("voxels")
axes[0].legend()
fig.suptitle("Each feature alone separates the tissues only partly")
plt.show()

# %%
# A test set that is really new
# -----------------------------
# Neighbouring voxels are nearly copies of each other (they share most of their
# neighbourhood). A random split would put a voxel in the test set and its
# neighbour in the training set, and the test score would reward memorising the
# image.
#
# Splitting by hemisphere looks like the natural fix, but check the data first:
# this template is the *symmetric* MNI152, ICBM 2009a nonlinear symmetric (the
# ``sym`` in nilearn's file name, ``mni_icbm152_t1_tal_nlin_sym_09a_converted.nii.gz``),
# built so that the right hemisphere mirrors the left. Flipping the image left to
# right gives back almost exactly the same intensities, so a model tested on the
# right hemisphere would be tested on copies of its training voxels.
mirror_correlation = np.corrcoef(t1.ravel(), t1[::-1].ravel())[0, 1]
print(f"correlation between the image and its left-right mirror: {mirror_correlation:.4f}")
# sphinx_gallery_start_ignore
# claim: "gives back almost exactly the same intensities" (correlation above 0.99)
assert mirror_correlation > 0.99, mirror_correlation
# sphinx_gallery_end_ignore

# %%
# Instead we cut the brain into 20 mm coronal slabs along the front-back axis and
# alternate them between training and test. Every feature looks at most one voxel
# (2 mm) away, so we also drop the one-voxel rim at each side of every slab: no
# training voxel's neighbourhood then overlaps a test voxel's. This is *spatial
# block* splitting, the image counterpart of splitting by participant.
voxel_i, voxel_j, voxel_k = np.nonzero(labelled)
y_mm = t1_img.affine[1, 1] * voxel_j + t1_img.affine[1, 3]
slab, position_in_slab = np.divmod(y_mm - y_mm.min(), 20)
away_from_rim = (position_in_slab >= 2) & (position_in_slab < 18)
train = away_from_rim & (slab % 2 == 0)
test = away_from_rim & (slab % 2 == 1)
X_train, y_train, X_test, y_test = X[train], y[train], X[test], y[test]
print(f"train: {train.sum()} voxels, test: {test.sum()} voxels, "
      f"dropped at slab rims: {(~away_from_rim).sum()}")

# %%
# The baseline: what does guessing score?
# ---------------------------------------
# :class:`~sklearn.dummy.DummyClassifier` ignores the features and always predicts
# the most frequent training class. Its accuracy is the :term:`chance level` for
# *these* classes, which are not balanced; balanced accuracy (the mean of the
# per-class recalls) is 0.5 for any such guess.
from sklearn.dummy import DummyClassifier
from sklearn.metrics import accuracy_score, balanced_accuracy_score

dummy = DummyClassifier(strategy="most_frequent").fit(X_train, y_train)
dummy_pred = dummy.predict(X_test)
print(f"dummy: accuracy {accuracy_score(y_test, dummy_pred):.3f}, "
      f"balanced accuracy {balanced_accuracy_score(y_test, dummy_pred):.3f}")

# %%
# The model
# ---------
# Logistic regression draws a linear boundary in feature space. The features have
# different scales, so a :class:`~sklearn.preprocessing.StandardScaler` standardises
# them first; putting both in a :func:`~sklearn.pipeline.make_pipeline` guarantees the
# scaler learns its means and variances from the training data only.
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

model = make_pipeline(StandardScaler(), LogisticRegression())
model.fit(X_train, y_train)
predicted = model.predict(X_test)
accuracy = accuracy_score(y_test, predicted)
balanced = balanced_accuracy_score(y_test, predicted)
print(f"logistic regression: accuracy {accuracy:.3f}, balanced accuracy {balanced:.3f}")
# sphinx_gallery_start_ignore
# claim: "The model's balanced accuracy is far above the dummy's 0.5" (far: by more than 0.3)
assert balanced > balanced_accuracy_score(y_test, dummy_pred) + 0.3, balanced
# sphinx_gallery_end_ignore

# %%
# The model's balanced accuracy is far above the dummy's 0.5, on voxels it never
# saw. Do not read it as how well a model tells grey from white matter in a scan
# of your own, though: the template and the tissue maps come from the same brains.
# Both are averages over the same participants in the same space (Fonov et al.
# 2011, `doi:10.1016/j.neuroimage.2010.07.033
# <https://doi.org/10.1016/j.neuroimage.2010.07.033>`_), and each participant's
# tissue labels were themselves computed from their own MR images. The labels are
# therefore close to a smooth function of the very intensities the model reads,
# and an average of many brains has much less noise than one scan. Both flatter
# this score; a fair test would take the labels from an independent source (for
# example a manual segmentation) on single participants' images.

# %%
# Which mistakes?
# ---------------
# A confusion matrix splits the errors by class: how many grey-matter voxels were
# called white, and the other way round.
from sklearn.metrics import ConfusionMatrixDisplay

fig, ax = plt.subplots(figsize=(4.5, 4), layout="constrained")
ConfusionMatrixDisplay.from_predictions(
    y_test, predicted, display_labels=["grey", "white"], normalize="true",
    values_format=".2f", cmap="Blues", ax=ax, colorbar=False,
)
ax.set_title("Test slabs, rows sum to 1")
plt.show()

# %%
# Where are the mistakes?
# -----------------------
# Putting the predictions back into the image shows the striped test slabs, and
# that the errors sit at the grey/white border, where voxels mix both tissues and
# the "true" label is itself uncertain. The tissue maps say so too: the printed
# probability of the labelled tissue is lower for the misclassified test voxels
# than for the correct ones.
wrong = predicted != y_test
label_probability = np.maximum(gm_prob, wm_prob)[voxel_i[test], voxel_j[test], voxel_k[test]]
print(f"mean probability of the labelled tissue: misclassified {label_probability[wrong].mean():.2f}, "
      f"correct {label_probability[~wrong].mean():.2f}")
# sphinx_gallery_start_ignore
# claim: "the errors sit at the grey/white border, where voxels mix both tissues"
# (mixing read from the tissue maps: the labelled tissue's probability is lower where the model errs, by 0.05 or more)
assert label_probability[wrong].mean() < label_probability[~wrong].mean() - 0.05, label_probability[wrong].mean()
# sphinx_gallery_end_ignore
prediction_map = np.full(t1.shape, np.nan)
truth_map = np.full(t1.shape, np.nan)
test_voxels = (voxel_i[test], voxel_j[test], voxel_k[test])
prediction_map[test_voxels] = predicted
truth_map[test_voxels] = y_test
k = int(np.round((20 - t1_img.affine[2, 3]) / t1_img.affine[2, 2]))  # axial slice at z = 20 mm

fig, axes = plt.subplots(1, 3, figsize=(11, 4.2), layout="constrained")
panels = [
    ("T1 image", t1[:, :, k], "gray"),
    ("true tissue (test slabs)", truth_map[:, :, k], "PiYG"),
    ("predicted tissue", prediction_map[:, :, k], "PiYG"),
]
for ax, (title, section, cmap) in zip(axes, panels):
    ax.imshow(section.T, origin="lower", cmap=cmap, vmin=0, vmax=1 if cmap != "gray" else None)
    ax.set(title=title, xticks=[], yticks=[])
wrong_i, wrong_j = np.nonzero(prediction_map[:, :, k] != truth_map[:, :, k])
keep = ~np.isnan(truth_map[wrong_i, wrong_j, k])
axes[2].scatter(wrong_i[keep], wrong_j[keep], s=8, c="black", label="misclassified")
axes[2].legend(loc="lower right", fontsize="small")
fig.suptitle("Axial slice at z = 20 mm (pink: grey matter, green: white matter)")
plt.show()

# %%
# .. admonition:: Exercise: read the error rates off the confusion matrix
#    :class: exercise
#
#    From the confusion matrix above, what fraction of the grey-matter test voxels
#    did the model call white, and what fraction of the white-matter voxels grey?
#    Read them off the figure or compute them from ``predicted`` and ``y_test``, and
#    store them in ``grey_called_white`` and ``white_called_grey``. Before you
#    check: how should these two numbers relate to the balanced accuracy printed
#    earlier?

# exercise: solution
# starter: grey_called_white = ...  # your code here: fraction of grey-matter test voxels predicted white
# starter: white_called_grey = ...  # your code here: fraction of white-matter test voxels predicted grey
grey_called_white = np.mean(predicted[y_test == 0] == 1)
white_called_grey = np.mean(predicted[y_test == 1] == 0)
print(f"grey called white: {grey_called_white:.2f}, white called grey: {white_called_grey:.2f}")

# %%

# exercise: check
try:
    rates = [float(grey_called_white), float(white_called_grey)]
except TypeError:
    rates = None
if rates is None:
    print("Not yet: store two numbers (fractions between 0 and 1) in grey_called_white and white_called_grey.")
elif not all(0 <= rate <= 1 for rate in rates):
    print("Not yet: each rate is a fraction of one true class, between 0 and 1 (divide by the row's total).")
elif abs(1 - np.mean(rates) - balanced) > 0.011:
    print("Not yet: the rows of the matrix are the true classes; take the off-diagonal value of each row.")
else:
    print(f"Correct: {rates[0]:.2f} and {rates[1]:.2f}. Their mean is 1 minus the balanced accuracy "
          f"({balanced:.3f}): balanced accuracy is the mean of the two per-class recalls.")

# %%
# .. admonition:: Exercise: does the spatial split matter for a model that can memorise?
#    :class: exercise
#
#    A fully grown decision tree keeps splitting until it fits every training
#    voxel, so it can exploit near-copies. Predict whether its balanced
#    accuracy is higher with the slab split or with a random 50/50 split of the
#    same voxels (:func:`~sklearn.model_selection.train_test_split`,
#    ``random_state=0``). Fit ``DecisionTreeClassifier(random_state=0)`` on both and store the two test balanced
#    accuracies in ``balanced_tree_slabs`` and ``balanced_tree_random``.

# exercise: solution
# starter: balanced_tree_slabs = ...  # your code here: the tree trained and tested on the slab split
# starter: balanced_tree_random = ...  # your code here: the tree trained and tested on a random 50/50 split
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

tree = DecisionTreeClassifier(random_state=0)
balanced_tree_slabs = balanced_accuracy_score(y_test, tree.fit(X_train, y_train).predict(X_test))
X_train_random, X_test_random, y_train_random, y_test_random = train_test_split(
    X, y, test_size=0.5, random_state=0)
balanced_tree_random = balanced_accuracy_score(
    y_test_random, tree.fit(X_train_random, y_train_random).predict(X_test_random))
print(f"tree balanced accuracy: slab split {balanced_tree_slabs:.3f}, random split {balanced_tree_random:.3f}")

# %%

# exercise: check
try:
    tree_scores = [float(balanced_tree_slabs), float(balanced_tree_random)]
except TypeError:
    tree_scores = None
if tree_scores is None:
    print("Not yet: store the two balanced accuracies (floats) in balanced_tree_slabs and balanced_tree_random.")
elif not all(0 <= score <= 1 for score in tree_scores):
    print("Not yet: a balanced accuracy lies between 0 and 1; use balanced_accuracy_score on the test labels.")
elif tree_scores[0] == tree_scores[1]:
    print("Not yet: the two scores are identical; did you refit the model on the random split's training half?")
else:
    gap = tree_scores[1] - tree_scores[0]
    print(f"Correct: slab split {tree_scores[0]:.3f}, random split {tree_scores[1]:.3f} "
          f"(random minus slabs: {gap:+.3f}). "
          + ("The random split looks better because test voxels have near-copies among the training voxels."
             if gap > 0 else "Here the random split does not look better."))

# %%
# Take-home
# ---------
# * A supervised model needs a feature matrix ``X`` (one row per sample) and labels
#   ``y``; here the samples are voxels and the features describe their neighbourhood.
# * The test set must be independent of the training set. For images, neighbouring
#   voxels are not independent: split by spatial blocks (or, with many participants,
#   by participant), never at random, and check the data for hidden copies such as
#   a symmetric template's mirrored hemispheres.
# * Always report a baseline. This model's accuracy is only meaningful next to the
#   dummy classifier's, and balanced accuracy makes unbalanced classes comparable.
# * Ask where the labels come from. Labels computed from the same images as the
#   features (here, tissue maps from the same brains as the template) flatter any
#   score.
#
# The prerequisites gallery explains the image side of this example in
# :ref:`sphx_glr_prerequisites_plot_08_nibabel_brain_images.py`; the deep-learning
# gallery trains :ref:`a first neural network <sphx_glr_deep_learning_plot_02_keras_first_network.py>`
# on the same task.

# sphinx_gallery_thumbnail_number = 3
