"""
Decoding brain states (MVPA): which picture was the subject looking at?
=======================================================================

Can we tell from a single fMRI volume of ventral temporal cortex whether the
participant was looking at a face, a house, a cat or a pair of scissors? We use the
classic Haxby et al. (2001) experiment through :func:`nilearn.datasets.fetch_haxby`
(one subject, 12 runs, 8 picture categories), extract the :term:`voxel` values
inside a ventral temporal :term:`mask` with :class:`~nilearn.maskers.NiftiMasker`,
and train a linear classifier. This is :term:`decoding`, also called multi-voxel
pattern analysis (MVPA). You will learn why the runs must be the units of
:term:`cross-validation`, how to read a :term:`confusion matrix` across eight
categories, how to get the :term:`chance level` from a :term:`permutation test`,
and why the weights of a decoder are *not* a map of where the brain responds.
"""

# %%
# The experiment
# --------------
# In each of 12 runs, the participant saw blocks of pictures of 8 categories,
# separated by rest (Haxby et al. 2001,
# `doi:10.1126/science.1063736 <https://doi.org/10.1126/science.1063736>`_).
# ``labels.txt`` has one line per volume (TR 2.5 s): the
# category shown (``labels``) and the run number (``chunks``). pandas reads it
# directly.
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from nilearn import datasets

haxby = datasets.fetch_haxby(verbose=0)
labels = pd.read_csv(haxby.session_target[0], sep=" ")
print(f"{len(labels)} volumes in {labels['chunks'].nunique()} runs")
print(labels["labels"].value_counts().to_string())

# %%
# From images to a sample × voxel table
# -------------------------------------
# The features are the voxels of ventral temporal cortex (``mask_vt``), where
# object categories are represented. :class:`~nilearn.maskers.NiftiMasker` turns
# the 4-D image into a 2-D array, one row per volume (a :term:`time series` per
# voxel), and cleans each voxel's signal on the way. Because we pass the run of
# each volume (``runs=``), the cleaning is done run by run:
#
# * ``detrend=True`` removes a linear drift within each run (scanner drifts are
#   slow and differ between runs);
# * ``standardize="zscore_sample"`` gives each voxel mean 0 and standard deviation 1
#   within each run, so that a run whose overall signal is higher or noisier does
#   not look like a different category.
#
# This cleaning uses each run's own volumes, category labels are not involved, so
# it does not leak information between the runs we will train and test on.
from nilearn import image
from nilearn.maskers import NiftiMasker

runs_all = labels["chunks"].to_numpy()
func_img = image.load_img(haxby.func[0], dtype="float32")  # float32 halves the memory of the 4-D image
masker = NiftiMasker(mask_img=haxby.mask_vt[0], runs=runs_all, detrend=True, standardize="zscore_sample")
X_all = masker.fit_transform(func_img)
print("all volumes:", X_all.shape, "(volumes, voxels)")

# %%
# We drop the rest volumes: the question is which *category* was on screen.
# Blocks last several volumes and the haemodynamic response is slow, so
# neighbouring volumes in a run are strongly correlated. They are not independent
# samples, and that will decide how we cross-validate and how we build the chance
# level. We also number the blocks (consecutive volumes of one run with the same
# label): the block, not the volume, is the unit the experimenter randomised.
labels_all = labels["labels"].to_numpy()
new_block = np.r_[True, (labels_all[1:] != labels_all[:-1]) | (runs_all[1:] != runs_all[:-1])]
blocks_all = np.cumsum(new_block)
task = labels_all != "rest"
X = X_all[task]
y = labels_all[task]
runs = runs_all[task]
blocks = blocks_all[task]
categories = sorted(np.unique(y))
print(f"task volumes: {X.shape}; {len(categories)} categories: {', '.join(categories)}")
print(f"{len(np.unique(blocks))} task blocks, {len(y) // len(np.unique(blocks))} volumes each")

fig, ax = plt.subplots(figsize=(10, 2.6), layout="constrained")
first_run = runs_all == runs_all[0]
codes = pd.Categorical(labels["labels"][first_run], categories=["rest"] + categories).codes
ax.step(np.arange(first_run.sum()) * haxby.t_r, codes, where="post")
ax.set_yticks(range(len(categories) + 1), ["rest"] + categories, fontsize="small")
ax.set(xlabel="time in the run (s)", title="Block design of the first run")
plt.show()

# %%
# Decoding with leave-one-run-out
# -------------------------------
# The classifier is linear: :class:`~sklearn.linear_model.RidgeClassifier` (a
# penalised least-squares classifier with one weight per voxel and per category,
# one-versus-rest), after a :class:`~sklearn.preprocessing.StandardScaler`, in a
# :term:`pipeline`. :class:`~sklearn.svm.LinearSVC` or
# :class:`~sklearn.linear_model.LogisticRegression` are the other usual choices and
# give similar accuracies here; the ridge classifier is much faster, which matters
# for the permutation test below.
#
# Why :class:`~sklearn.model_selection.LeaveOneGroupOut` with the runs as groups? A
# random split would put one volume of a block in the training set and its
# neighbour, recorded 2.5 s later and almost identical, in the test set: the test
# would reward recognising the block, not the category. Holding out a whole run at
# a time keeps training and test volumes separated by minutes and a restart of the
# scanner, so the model must generalise to a new occurrence of each category.
from sklearn.linear_model import RidgeClassifier
from sklearn.model_selection import LeaveOneGroupOut, cross_val_predict, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

decoder = make_pipeline(StandardScaler(), RidgeClassifier(alpha=1000))
cv = LeaveOneGroupOut()
run_scores = cross_val_score(decoder, X, y, groups=runs, cv=cv)
print(f"accuracy per held-out run: {np.round(run_scores, 2)}")
print(f"mean accuracy {run_scores.mean():.2f} (1/{len(categories)} = {1 / len(categories):.3f})")

# %%
# Which categories are confused?
# ------------------------------
# The out-of-run predictions of all 12 folds, collected with
# :func:`~sklearn.model_selection.cross_val_predict`, fill a confusion matrix. Each
# row is the category shown, each column the category predicted.
from sklearn.metrics import ConfusionMatrixDisplay

predicted = cross_val_predict(decoder, X, y, groups=runs, cv=cv)
fig, ax = plt.subplots(figsize=(6.5, 5.5), layout="constrained")
ConfusionMatrixDisplay.from_predictions(
    y, predicted, labels=categories, normalize="true", values_format=".2f", cmap="Blues", ax=ax, colorbar=False
)
ax.tick_params(axis="x", labelrotation=45)
ax.set(title="Leave-one-run-out predictions (rows sum to 1)", xlabel="predicted category", ylabel="shown category")
plt.show()

# %%
# Look at where the off-diagonal mass sits. In the original study, categories
# that share features (the small man-made objects, for example) were confused
# with each other more than with faces or houses. We print the three most
# frequent confusions of this analysis, and compare how often a small object
# (bottle, chair, scissors, shoe) is taken for another small object with how
# often it is taken for any other category.
confusion = pd.crosstab(pd.Series(y, name="shown"), pd.Series(predicted, name="predicted"), normalize="index")
off_diagonal = confusion.stack()
off_diagonal = off_diagonal[[shown != pred for shown, pred in off_diagonal.index]]
for (shown, pred), rate in off_diagonal.sort_values(ascending=False).head(3).items():
    print(f"{shown} taken for {pred}: {rate:.0%} of its volumes")
small_objects = ["bottle", "chair", "scissors", "shoe"]
from_small = off_diagonal[[shown in small_objects for shown, _ in off_diagonal.index]]
to_small = np.array([pred in small_objects for _, pred in from_small.index])
print(f"a small object taken for another small object: {from_small[to_small].mean():.1%} per pair; "
      f"for another category: {from_small[~to_small].mean():.1%} per pair")
# sphinx_gallery_start_ignore
# claim: "all eight categories are about equally separable" (diagonal within 0.1)
diagonal = np.diag(confusion.loc[categories, categories].to_numpy())
assert np.ptp(diagonal) < 0.1, diagonal
# claim: "no confusion reaches 10% of a category's volumes"
assert off_diagonal.max() < 0.10, off_diagonal.max()
# claim: "the small objects are confused with one another no more often than with the other"
# (mean rate per pair of categories)
within_small, small_to_other = from_small[to_small].mean(), from_small[~to_small].mean()
assert within_small <= small_to_other, (within_small, small_to_other)
# sphinx_gallery_end_ignore

# %%
# The off-diagonal cells are flat: no confusion reaches 10% of a category's
# volumes, and the small objects are confused with one another no more often than
# with the other categories. The original study's structure does not show in this
# analysis, which is a finding about these data (see the note at the top of the
# page on where they come from), not about the method: the confusion matrix says
# *which* distinctions the patterns support, which a single accuracy hides, and
# here it says that all eight categories are about equally separable (the
# diagonal).
#

# %%
# Chance level from permutations
# ------------------------------
# With 8 balanced categories the theoretical chance level is 1/8, but the real
# question is what this whole procedure scores when the labels carry no
# information. A :term:`permutation test` shuffles the labels, reruns the full
# leave-one-run-out cross-validation and repeats.
#
# *What* to shuffle matters. :func:`~sklearn.model_selection.permutation_test_score`
# with ``groups=runs`` shuffles single volumes within each run. That breaks the
# block structure stressed above: the shuffled labels change from one volume to
# the next, while the data, and so the decoder's predictions, change slowly
# through a block, so each of the 72 volumes of a held-out run counts as an
# independent guess. Only the 8 blocks of a run are independent, and a null built
# from volumes comes out too narrow. We shuffle what the experimenter randomised:
# the order of the 8 category blocks within each run, keeping every block whole.
# We use only 20 permutations to keep the page fast; the smallest possible p-value
# is then 1/21, so use 1000 or more for a result you report.


def permute_blocks(y, runs, blocks, rng):
    """Shuffle the categories among the blocks of each run, keeping every block whole."""
    permuted = y.copy()
    for run in np.unique(runs):
        run_blocks = np.unique(blocks[runs == run])
        block_labels = [y[blocks == block][0] for block in run_blocks]
        for block, label in zip(run_blocks, rng.permutation(block_labels)):
            permuted[blocks == block] = label
    return permuted


rng = np.random.default_rng(0)
n_permutations = 20
score = run_scores.mean()
null_scores = np.array([
    cross_val_score(decoder, X, permute_blocks(y, runs, blocks, rng), groups=runs, cv=cv).mean()
    for _ in range(n_permutations)
])
p_value = (np.sum(null_scores >= score) + 1) / (n_permutations + 1)
print(f"true labels: {score:.2f}; shuffled blocks: {null_scores.mean():.3f} ± {null_scores.std():.3f} "
      f"(min {null_scores.min():.3f}, max {null_scores.max():.3f}); p = {p_value:.3f}")
n_blocks = len(np.unique(blocks))
for n, unit in [(len(y), "volumes"), (n_blocks, "blocks")]:
    print(f"standard deviation of chance accuracy for {n} independent {unit}: "
          f"{np.sqrt(1 / 8 * 7 / 8 / n):.3f}")

fig, ax = plt.subplots(figsize=(8, 3.5), layout="constrained")
ax.hist(null_scores, bins=np.linspace(0, 1, 101), color="tab:gray",
        label=f"shuffled blocks ({n_permutations} permutations)")
ax.axvline(score, color="tab:red", linewidth=2, label="true labels")
ax.axvline(1 / len(categories), color="black", linestyle="--", label="1/8")
ax.set(xlabel="leave-one-run-out accuracy", ylabel="permutations", xlim=(0, 1),
       title="The decoder against its own null distribution (block labels shuffled within runs)")
ax.legend(loc="upper center")
plt.show()
# sphinx_gallery_start_ignore
# claim: "The shuffled blocks score around 1/8" (mean within 0.03 of 0.125)
assert abs(null_scores.mean() - 1 / 8) < 0.03, null_scores.mean()
# claim: "their spread is close to that of 96 independent blocks, well above that of 864 independent volumes"
# (closer to the block value than to the volume value, and at least 1.5 times the volume value)
sd_volumes, sd_blocks = np.sqrt(7 / 64 / len(y)), np.sqrt(7 / 64 / n_blocks)
assert abs(null_scores.std() - sd_blocks) < abs(null_scores.std() - sd_volumes), (null_scores.std(), sd_blocks)
assert null_scores.std() > 1.5 * sd_volumes, (null_scores.std(), sd_volumes)
# claim: "the true accuracy is far above every accuracy the shuffled blocks reach" (far: by more than 0.3)
assert score > null_scores.max() + 0.3, (score, null_scores.max())
# claim: "p is the smallest value 20 permutations allow"
assert np.isclose(p_value, 1 / (n_permutations + 1)), p_value
# sphinx_gallery_end_ignore

# %%
# The shuffled blocks score around 1/8, as they should, and their spread is
# close to that of 96 independent blocks, well above that of 864 independent
# volumes (the last two printed lines, from the binomial formula): a null that
# shuffles volumes would be too narrow, and an accuracy a little above 1/8 could
# look significant against it while being ordinary for shuffled blocks. Here the
# choice does not change the conclusion, because the true accuracy is far above
# every accuracy the shuffled blocks reach, so p is the smallest value 20
# permutations allow.
#

# %%
# Weights are not activation maps
# -------------------------------
# It is tempting to put the classifier's weights back on the brain and read them as
# "where faces are represented". To make that concrete we train one faces-versus-
# houses decoder on all runs (this is for display, not for evaluation) and map its
# weights back to voxels with ``masker.inverse_transform``.
#
# A decoder's weight is large for a voxel that *helps the classification given all
# the other voxels*. A voxel that carries no signal at all can get a large weight
# if it measures noise that is shared with informative voxels, because subtracting
# it cancels that noise; an informative voxel can get a small weight if its
# neighbours already carry the same information. Haufe et al. (2014,
# `doi:10.1016/j.neuroimage.2013.10.067 <https://doi.org/10.1016/j.neuroimage.2013.10.067>`_)
# show that the *activation pattern* of a linear decoder, the covariance of the
# data with its output (``cov(X) @ w``), is the map to interpret. We compare both
# with the univariate contrast, a t-test of faces against houses in every voxel.
from scipy import stats

faces_houses = np.isin(y, ["face", "house"])
X_fh, y_fh = X[faces_houses], (y[faces_houses] == "face").astype(int)  # 1 = face
binary = make_pipeline(StandardScaler(), RidgeClassifier(alpha=1000)).fit(X_fh, y_fh)
X_fh_scaled = binary[0].transform(X_fh)
weights = binary[-1].coef_.ravel()  # positive weight: votes for "face"
pattern = np.cov(X_fh_scaled, rowvar=False) @ weights  # Haufe et al. (2014) activation pattern
t_values = stats.ttest_ind(X_fh[y_fh == 1], X_fh[y_fh == 0]).statistic

faces_houses_score = cross_val_score(binary, X_fh, y_fh, groups=runs[faces_houses], cv=cv)
print(f"faces vs houses, leave-one-run-out accuracy: {faces_houses_score.mean():.2f}")
for name, values in [("weights", weights), ("activation pattern", pattern)]:
    print(f"correlation of the {name} with the univariate t map: {np.corrcoef(values, t_values)[0, 1]:.2f}")

# %%
# The three maps on the anatomical image. Red means "more face-like" in each of
# them (a positive weight, a positive pattern value, a larger response to faces
# than to houses). Each map has its own units, so each has its own colour scale.
from nilearn import plotting

t_img = masker.inverse_transform(t_values)
cut = plotting.find_xyz_cut_coords(t_img)  # the same cut (at the strongest contrast) for all three maps
fig = plt.figure(figsize=(10, 9))
maps = [
    ("decoder weights (not an activation map)", weights),
    ("activation pattern cov(X) @ w (Haufe et al. 2014)", pattern),
    ("univariate t-test, faces > houses", t_values),
]
for row, (title, values) in enumerate(maps):
    plotting.plot_stat_map(
        masker.inverse_transform(values / np.abs(values).max()), bg_img=haxby.anat[0], figure=fig,
        axes=(0, 0.64 - 0.31 * row, 1, 0.3),
        display_mode="ortho", cut_coords=cut, title=title, colorbar=True, vmax=1,
        draw_cross=False, annotate=False,
    )
fig.suptitle("Faces vs houses in ventral temporal cortex: weights, pattern and contrast (each scaled to max 1)")
plt.show()

# %%
# The weights and the activation pattern in nilearn's interactive slice viewer,
# :func:`~nilearn.plotting.view_img`, on the same anatomical image, scaled and
# coloured as above. Click to move the crosshair through ventral temporal cortex
# (it starts at the cut above); the viewer shows the crosshair's coordinates, the
# colour bar the scaled values. Step from voxel to voxel in each map and compare
# how often the colour changes between red and blue from one voxel to the next.
plotting.view_img(masker.inverse_transform(weights / np.abs(weights).max()), bg_img=haxby.anat[0],
                  cut_coords=cut, vmax=1, black_bg=True, title="decoder weights")

# %%
plotting.view_img(masker.inverse_transform(pattern / np.abs(pattern).max()), bg_img=haxby.anat[0],
                  cut_coords=cut, vmax=1, black_bg=True, title="activation pattern")

# %%
# Compare the printed correlations and the maps. The activation pattern is
# almost identical to the univariate contrast, and that is no accident: for a
# least-squares decoder like ours, ``cov(X) @ w`` is, up to a small penalty term,
# the covariance of each voxel with the label, which for standardised voxels is
# the univariate face-minus-house difference. The weight map differs from both
# (its correlation with the t map is the lower of the two printed values): it can
# give sizeable weights of either sign to neighbouring voxels, because the decoder
# also uses differences between voxels to cancel noise they share. Two lessons:
#
# * a good decoding accuracy shows that the patterns carry information about the
#   category; it does not say that each voxel with a large weight "codes" for it;
# * to show *where* information is, look at the activation pattern, at a univariate
#   map, or decode from separate regions (for example with a searchlight), rather
#   than reading decoder weights voxel by voxel.
#
# For the record, nilearn's :class:`~nilearn.decoding.Decoder` wraps masking,
# scaling, a linear model and cross-validation in one estimator; writing the
# pipeline by hand, as here, shows each step and keeps the cross-validation explicit.

# %%
# .. admonition:: Exercise: what does a random split of volumes report?
#    :class: exercise
#
#    The text warns that a random split puts neighbouring volumes of one block on
#    both sides. Measure it: score the same ``decoder`` with
#    ``StratifiedKFold(n_splits=6, shuffle=True, random_state=0)`` over volumes
#    (no groups) and store the mean accuracy in ``random_split_score``. Predict
#    first: higher or lower than leave-one-run-out?

# exercise: solution
# starter: random_split_score = ...  # your code here: mean accuracy of the decoder with shuffled volume folds
from sklearn.model_selection import StratifiedKFold

random_split_score = cross_val_score(decoder, X, y, cv=StratifiedKFold(n_splits=6, shuffle=True,
                                                                       random_state=0)).mean()
print(f"random split of volumes: {random_split_score:.2f}; leave-one-run-out: {run_scores.mean():.2f}")

# %%

# exercise: check
if not isinstance(random_split_score, (float, np.floating)):
    print("Not yet: store the mean of the fold accuracies (a float) in random_split_score.")
elif not 0 <= random_split_score <= 1:
    print("Not yet: an accuracy lies between 0 and 1.")
elif np.isclose(random_split_score, run_scores.mean()):
    print("Not yet: this is the leave-one-run-out score; use StratifiedKFold without groups.")
else:
    print(f"Correct: {random_split_score:.2f} with volumes split at random, {run_scores.mean():.2f} with whole "
          "runs held out. "
          + ("The random split scores higher: part of its score is recognising the block, not the category."
             if random_split_score > run_scores.mean() + 0.02 else
             "The two are within 0.02 here, so on these data the random split does not visibly inflate the "
             "score; leave-one-run-out is still the one to report, because only it tests a new occurrence "
             "of each category."))

# %%
# .. admonition:: Exercise: a weaker penalty
#    :class: exercise
#
#    The decoder uses a strong penalty, ``alpha=1000``. Predict how the
#    leave-one-run-out accuracy changes with ``alpha=1`` (almost no penalty, with
#    more voxels than volumes per category), then score
#    ``make_pipeline(StandardScaler(), RidgeClassifier(alpha=1))`` with the same
#    ``cv`` and ``groups=runs`` and store the mean accuracy in ``score_alpha_1``.

# exercise: solution
# starter: score_alpha_1 = ...  # your code here: mean leave-one-run-out accuracy with alpha=1
score_alpha_1 = cross_val_score(make_pipeline(StandardScaler(), RidgeClassifier(alpha=1)), X, y,
                                groups=runs, cv=cv).mean()
print(f"alpha=1: {score_alpha_1:.2f}; alpha=1000: {run_scores.mean():.2f}")

# %%

# exercise: check
if not isinstance(score_alpha_1, (float, np.floating)):
    print("Not yet: store the mean of the 12 run accuracies (a float) in score_alpha_1.")
elif not 0 <= score_alpha_1 <= 1:
    print("Not yet: an accuracy lies between 0 and 1.")
elif np.isclose(score_alpha_1, run_scores.mean()):
    print("Not yet: this is the alpha=1000 score; build a new pipeline with RidgeClassifier(alpha=1).")
else:
    print(f"Correct: {score_alpha_1:.2f} with alpha=1 against {run_scores.mean():.2f} with alpha=1000 "
          f"({score_alpha_1 - run_scores.mean():+.2f}); compare the change with the spread of the run scores "
          f"(sd {run_scores.std():.2f}). The penalty is a hyperparameter: choose it with nested cross-validation.")

# %%
# Take-home
# ---------
#
# * Decoding asks whether brain patterns carry information about a stimulus or a
#   state: mask, clean run by run, drop irrelevant volumes, train a linear model.
# * Neighbouring fMRI volumes are not independent. Cross-validate by run with
#   :class:`~sklearn.model_selection.LeaveOneGroupOut`, never by random volumes.
# * Compare the score with a permutation-based chance level that shuffles what was
#   randomised (whole blocks, within runs), not single volumes, and not only with
#   1/number of classes; a confusion matrix shows which categories are actually
#   separated.
# * Decoder weights are not activation maps (Haufe et al. 2014): interpret the
#   activation pattern or a univariate contrast for localisation.
#
# Related examples: :ref:`sphx_glr_classic_ml_plot_04_cross_validation.py` (group
# splits), :ref:`sphx_glr_classic_ml_plot_07_data_leakage.py` (why selection and
# scaling belong inside the loop), :ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py`
# (confounds between subjects) and, next, :ref:`sphx_glr_classic_ml_plot_10_brain_age.py`.

# sphinx_gallery_thumbnail_number = 4
