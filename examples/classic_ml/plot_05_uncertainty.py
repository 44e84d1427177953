"""
Uncertainty and significance: is a cross-validated accuracy better than chance?
===============================================================================

A classifier of autism versus control from resting-state :term:`connectome`\\ s
typically reaches an accuracy not far above one half. Is that better than chance,
and how precisely do we know it? With the participants of three ABIDE sites we run a
:term:`permutation test` to get a :term:`p-value` (and see how much it depends
on the arbitrary choice of folds), draw a :term:`learning curve`
to see whether more participants would help, and repeat the
:term:`cross-validation` on many subsamples to see how wide the error bars of an
accuracy are with a few dozen participants. You will learn to read a null
distribution, why the p-value of a permutation test cannot go below
1 / (number of permutations + 1), and why small studies report accuracies that
are off by ten points or more in either direction.
"""

# %%
# Data and model
# --------------
# As in :ref:`sphx_glr_classic_ml_plot_04_cross_validation.py`, each participant
# is one vector of connections: :func:`nilearn.datasets.fetch_abide_pcp` gives the
# region signals, :class:`~nilearn.connectome.ConnectivityMeasure` the
# correlations between every fourth of the 200 regions (a fixed choice, for
# speed). Three sites keep the download small enough for the browser, which leaves
# us with the participants counted below: this is the realistic size of many
# clinical studies.
#
# A few real scans have a region without signal: part of the region lies outside
# the scan's field of view, so its time series is constant and its correlations
# are undefined (:class:`~nilearn.connectome.ConnectivityMeasure` silently returns
# 0 for them). Filling in 0 would invent a value, and one that differs
# systematically between those participants and everyone else; so before anything
# else we detect such regions in any participant of the page and drop them for
# everyone (the counts are printed below).
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from nilearn import datasets
from nilearn.connectome import ConnectivityMeasure
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

abide = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], SITE_ID=["KKI", "NYU", "YALE"], verbose=0)
# The size of what the fetcher read (and, the first time, downloaded): one text file per participant.
series_dir = next(Path(d, "ABIDE_pcp", "cpac", "nofilt_noglobal") for d in datasets.get_data_dirs()
                  if Path(d, "ABIDE_pcp").is_dir())
megabytes = sum((series_dir / f"{i}_rois_cc200.1D").stat().st_size for i in abide.phenotypic["FILE_ID"]) / 1e6
print(f"{len(abide.phenotypic)} participants of {', '.join(sorted(set(abide.phenotypic['SITE_ID'])))}: "
      f"{megabytes:.0f} MB of region time series")
series = list(abide.rois_cc200)
flat = np.array([signals.std(axis=0) == 0 for signals in series])  # participants x regions
keep = ~flat.any(axis=0)
print(f"{flat.any(axis=1).sum()} participant(s) have regions without signal: "
      f"dropping {np.sum(~keep)} of {keep.size} regions for everyone")
region_signals = [signals[:, keep][:, ::4] for signals in series]  # then every fourth region, for speed
X = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True).fit_transform(region_signals)
y = (abide.phenotypic["DX_GROUP"] == 1).astype(int).to_numpy()  # 1 = autism, 0 = control
n_subjects = len(y)
print(f"{n_subjects} participants ({y.sum()} autistic, {n_subjects - y.sum()} controls), "
      f"{X.shape[1]} connections each")

# Same model as in the previous example, solved by liblinear in its primal form:
# the dual form stops at its iteration limit on these data before it converges.
model = make_pipeline(StandardScaler(), LogisticRegression(C=0.05, solver="liblinear"))

# %%
# We report plain accuracy in this example: the two classes are not far from
# balanced, the permutation test below computes the chance level of accuracy for
# *these* class proportions, and the textbook error bar at the end is a formula for
# accuracy. With strongly unbalanced classes, use balanced accuracy instead (see
# the previous example). Two rules that ignore the connectomes are references:
# always guessing the larger class, and guessing at random in the class
# proportions, which is right with probability :math:`q^2 + (1 - q)^2` if a
# fraction :math:`q` of the participants is autistic.
majority_accuracy = max(y.mean(), 1 - y.mean())
proportional_accuracy = y.mean() ** 2 + (1 - y.mean()) ** 2
print(f"always guessing the larger class: accuracy {majority_accuracy:.3f}")
print(f"guessing at random in the class proportions: accuracy {proportional_accuracy:.3f}")

# %%
# Permutation test: what would the score be if there were nothing to find?
# ------------------------------------------------------------------------
# The question "is the score above chance?" needs the distribution of scores under
# the null hypothesis that connectomes carry no information about diagnosis. A
# :term:`permutation test` builds it directly: shuffle the labels (which breaks any
# link with the features but keeps the class proportions), rerun the *whole*
# cross-validation, and repeat. The :term:`p-value` is the fraction of shuffled runs
# that score at least as well as the real labels (counting the real run itself, so
# it is never exactly zero).
#
# :func:`~sklearn.model_selection.permutation_test_score` does this. Each
# permutation costs a full cross-validation, so to keep this page fast (also in
# the browser) we use 3 folds and only ``n_permutations`` shuffles. This sets the
# *resolution* of the p-value: with *N* permutations, the smallest p-value the test
# can return is 1 / (*N* + 1), however strong the effect. To claim p < 0.001 you
# need at least 1000 permutations; for a paper, run several thousand on your own
# computer. The p-value is also itself estimated from a finite number of shuffles:
# its Monte-Carlo error, printed below, shrinks with more permutations.
from sklearn.model_selection import StratifiedKFold, cross_val_score, permutation_test_score

n_permutations = 100  # raise to 1000 or more for a publication
cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
score, null_scores, p_value = permutation_test_score(
    model, X, y, cv=cv, n_permutations=n_permutations, scoring="accuracy", random_state=0,
)
print(f"accuracy with the true labels: {score:.3f}")
print(f"null distribution: mean {null_scores.mean():.3f}, 95th percentile {np.percentile(null_scores, 95):.3f}")
print(f"p-value: {p_value:.3f} (smallest possible with {n_permutations} permutations: "
      f"{1 / (n_permutations + 1):.3f})")
print(f"Monte-Carlo uncertainty of this p-value: about ±{np.sqrt(p_value * (1 - p_value) / n_permutations):.3f}")

# %%
# The null distribution is the :term:`chance level` of *this* model on *these*
# participants, computed, not assumed. Its mean is close to the accuracy of
# guessing at random in the class proportions, and below that of always guessing
# the larger class: a model trained on shuffled labels does not learn to predict
# the larger class for everyone, it spreads its guesses over both classes. The
# width of the null shows how much a model can score by luck alone with this many
# participants.

# sphinx_gallery_start_ignore
# claim: "Its mean is close to the accuracy of guessing at random in the class proportions" (within 0.02)
assert abs(null_scores.mean() - proportional_accuracy) < 0.02, (null_scores.mean(), proportional_accuracy)
# claim: "below that of always guessing the larger class"
assert null_scores.mean() < majority_accuracy, (null_scores.mean(), majority_accuracy)
# sphinx_gallery_end_ignore
fig, ax = plt.subplots(figsize=(8, 3.8), layout="constrained")
ax.hist(null_scores, bins=20, color="tab:gray", alpha=0.8, label=f"{n_permutations} shuffled-label runs")
ax.axvline(score, color="tab:red", lw=2, label=f"true labels ({score:.2f})")
ax.axvline(null_scores.mean(), color="k", ls="--", label=f"mean of the null ({null_scores.mean():.2f})")
ax.set(xlabel="cross-validated accuracy", ylabel="number of permutations",
       title=f"Permutation test for diagnosis: p = {p_value:.3f}")
ax.legend(fontsize="small")
plt.show()

# %%
# Is the score above chance? The printed p-value answers for *one* shuffle of
# the participants into folds, an arbitrary choice like the seed that made it.
# Would another shuffle give the same verdict? The null distribution does not
# depend on that choice (with shuffled labels, one assignment of participants to
# folds is as arbitrary as any other), so we rerun only the cross-validation with
# the true labels, for twenty other shuffles of the folds, and read each score
# against the same null: twenty cross-validations, not twenty more permutation
# tests.
n_repeats = 20
seeds = np.random.default_rng(0)  # draws the fold shuffles and, further down, the subsamples
reshuffled = np.array([
    cross_val_score(model, X, y, scoring="accuracy",
                    cv=StratifiedKFold(n_splits=3, shuffle=True, random_state=seeds.integers(10**6))).mean()
    for _ in range(n_repeats)
])
reshuffled_p = (1 + (null_scores >= reshuffled[:, None]).sum(axis=1)) / (n_permutations + 1)
print(f"accuracy over {n_repeats} other shuffles of the folds: {reshuffled.min():.3f} to {reshuffled.max():.3f}, "
      f"mean {reshuffled.mean():.3f}")
print(f"their p-values: {reshuffled_p.min():.3f} to {reshuffled_p.max():.3f}, "
      f"below 0.05 for {(reshuffled_p < 0.05).sum()} of {n_repeats} shuffles")

null_95 = np.percentile(null_scores, 95)
fig, ax = plt.subplots(figsize=(8, 3.4), layout="constrained")
ax.hist(null_scores, bins=20, color="tab:gray", alpha=0.8, label="null (shuffled labels, as above)")
ax.axvline(null_95, color="k", ls="--", label=f"95th percentile of the null ({null_95:.2f})")
for i, value in enumerate(reshuffled):
    ax.axvline(value, ymax=0.3, color="tab:red", alpha=0.7,
               label=f"true labels, {n_repeats} shuffles of the folds" if i == 0 else None)
ax.set(xlabel="cross-validated accuracy", ylabel="number of permutations",
       title="The same test's verdict for other shuffles of the folds")
ax.legend(fontsize="small")
plt.show()

# sphinx_gallery_start_ignore
# claim: "some shuffles give a p-value below 0.05 and others do not"
assert (reshuffled_p < 0.05).any() and (reshuffled_p >= 0.05).any(), reshuffled_p
# claim: "the score moves by more than five points"
assert reshuffled.max() - reshuffled.min() > 0.05, reshuffled
# claim: "the null's 95th percentile lies inside that range"
assert reshuffled.min() < null_95 < reshuffled.max(), (reshuffled, null_95)
# claim: "less than five points above always guessing the larger class" (mean over the shuffles)
assert reshuffled.mean() - majority_accuracy < 0.05, (reshuffled.mean(), majority_accuracy)
# sphinx_gallery_end_ignore

# %%
# On these participants the verdict depends on the folds: some shuffles give a
# p-value below 0.05 and others do not (the counts are printed above; in the
# figure, red ticks fall on both sides of the dashed line). From one
# shuffle of the same participants to another, the score moves by more than five
# points, and the null's 95th percentile lies inside that range. The connectomes
# may well carry a weak signal, but it sits at the edge of what this test can
# detect with this many participants. And even the shuffles that pass barely beat
# a rule that ignores the connectomes: on average over the shuffles, the score is
# less than five points above always guessing the larger class.
#
# Read a p-value with care either way. A small one says that the score is
# unlikely under "no information"; it does not say that the effect is large or
# that the model is useful for a patient. A large one does not prove that there
# is no effect: with a weak effect the test lacks power, and, as here, the verdict
# can hinge on an arbitrary choice of folds. To remove that arbitrariness, average
# over several shuffles *inside* the test: pass
# ``cv=RepeatedStratifiedKFold(n_splits=3, n_repeats=10)`` to
# :func:`~sklearn.model_selection.permutation_test_score`, which then reruns the
# whole repeated cross-validation for every permutation, at ten times the cost (run
# that on your own computer). The two questions that follow, whether more data
# would help and how precise the score is, matter as much.
#
# Learning curve: would more participants help?
# ---------------------------------------------
# :func:`~sklearn.model_selection.learning_curve` trains on growing subsets of the
# training folds and scores each model on the same held-out participants. Here each
# of 8 random splits holds out a quarter of the participants for validation.
from sklearn.model_selection import StratifiedShuffleSplit, learning_curve

splits = StratifiedShuffleSplit(n_splits=8, test_size=0.25, random_state=0)
train_sizes, train_scores, val_scores = learning_curve(
    model, X, y, cv=splits, train_sizes=np.linspace(0.3, 1.0, 5), scoring="accuracy",
)
for size, train, val in zip(train_sizes, train_scores, val_scores):
    print(f"{size:3d} training participants: training {train.mean():.2f}, validation {val.mean():.2f} "
          f"(sd over splits {val.std():.2f})")

fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
for scores, name, color in [(train_scores, "training", "tab:blue"), (val_scores, "validation", "tab:orange")]:
    mean, sd = scores.mean(axis=1), scores.std(axis=1)
    ax.plot(train_sizes, mean, "o-", color=color, label=f"{name} (mean ± sd over {splits.n_splits} splits)")
    ax.fill_between(train_sizes, mean - sd, mean + sd, color=color, alpha=0.2)
ax.axhline(null_scores.mean(), color="k", ls=":", label="chance (mean of the permutation null)")
ax.set(xlabel="number of training participants", ylabel="accuracy", ylim=(0.2, 1.05),
       title="Learning curve for diagnosis")
ax.legend(fontsize="small", loc="lower right")
plt.show()

# sphinx_gallery_start_ignore
val_means, val_sds = val_scores.mean(axis=1), val_scores.std(axis=1)
# claim: "a linear model fits its training set perfectly" (training accuracy above 0.99 at every size)
assert train_scores.mean(axis=1).min() > 0.99, train_scores.mean(axis=1)
# claim: "changes by less than its standard deviation over splits"
assert abs(val_means[-1] - val_means[0]) < min(val_sds[0], val_sds[-1]), (val_means, val_sds)
# claim: "stays near the accuracy of always guessing the larger class" (within 0.05 at every size)
assert np.abs(val_means - majority_accuracy).max() < 0.05, (val_means, majority_accuracy)
# sphinx_gallery_end_ignore

# %%
# Look at the gap first: with many more connections than participants, a linear
# model fits its training set perfectly (the training curve), which is why
# training scores mean nothing here. The validation curve is what matters: if it
# still rose at the right end, more participants would likely help. On these data
# it does not rise. From the smallest to the largest training set the validation
# accuracy changes by less than its standard deviation over splits (printed
# above), and it stays near the accuracy of always guessing the larger class. A
# flat curve does not prove that no amount of data would help, but over the range
# tried here more participants from these sites do not make this model better:
# what limits it is the information it can extract from these connections, not
# only the number of participants. More participants would still make the score
# more *precise*, which is the next question.
#
# How wide are the error bars with a few dozen participants?
# ----------------------------------------------------------
# A cross-validated score is computed from a finite sample of participants, so it
# is itself an estimate with an error. Varoquaux (2018, "Cross-validation failure:
# small sample sizes lead to large error bars", *NeuroImage* 180: 68–77,
# `doi:10.1016/j.neuroimage.2017.06.061
# <https://doi.org/10.1016/j.neuroimage.2017.06.061>`_) showed that with around a
# hundred samples the error bars are typically about ±10 %, as large as many of
# the differences reported in the literature, and that the standard error across
# folds strongly underestimates them.
#
# We can see this on our data: draw random subsets of 20, 40 and 60 participants
# (keeping the class proportions), run a stratified 3-fold cross-validation on each
# (as in the permutation test), and repeat. For the full sample we can only
# reshuffle the folds: those are the twenty reshuffles above. One honest caveat:
# our "population" is only these participants, so the subsets overlap (more so at 60), and the spread we see
# *underestimates* the spread between truly independent studies of that size.
# Running this script with more sites (add ``"PITT"``, ``"UM_1"``, ``"USM"`` to
# ``SITE_ID``) makes the population larger; the region check at the top then
# also finds the regions without signal of those sites.
from sklearn.model_selection import train_test_split

sizes = [20, 40, 60, n_subjects]
spread = {n_subjects: reshuffled}
for size in sizes:
    if size < n_subjects:
        results = []
        for _ in range(n_repeats):
            subset, _ = train_test_split(np.arange(n_subjects), train_size=size, stratify=y,
                                         random_state=seeds.integers(10**6))
            folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=seeds.integers(10**6))
            results.append(cross_val_score(model, X[subset], y[subset], cv=folds, scoring="accuracy").mean())
        spread[size] = np.array(results)
    print(f"n = {size:2d}: mean {spread[size].mean():.2f}, sd {spread[size].std():.2f}, "
          f"range {spread[size].min():.2f}-{spread[size].max():.2f}")

# %%
# How does this compare with a textbook formula? If each participant were an
# independent coin flip correctly classified with probability *p*, the number of
# correct predictions would be binomial and the standard error of an accuracy
# computed on *n* people would be :math:`\sqrt{p(1-p)/n}`. A 95 %
# :term:`confidence interval` spans about ±1.96 standard errors. We evaluate it at
# the mean score of the full sample. For comparison, we also print the error bar
# many papers report, the standard error of the fold scores of one
# cross-validation (here that of the permutation test's folds).
p = spread[n_subjects].mean()
fold_scores = cross_val_score(model, X, y, cv=cv, scoring="accuracy")
fold_se = fold_scores.std(ddof=1) / np.sqrt(len(fold_scores))
print(f"standard error across the folds of one full-sample cross-validation: {fold_se:.2f}")


def binomial_se(n):
    """Standard error of an accuracy p measured on n independent participants."""
    return np.sqrt(p * (1 - p) / n)


for size in sizes:
    print(f"n = {size:2d}: binomial standard error {binomial_se(size):.2f}, "
          f"95 % interval about ±{1.96 * binomial_se(size):.2f}")

fig, ax = plt.subplots(figsize=(9, 4.2), layout="constrained")
positions = np.arange(len(sizes))
ax.violinplot([spread[size] for size in sizes], positions=positions, showextrema=False)
rng = np.random.default_rng(0)
for position, size in zip(positions, sizes):
    ax.scatter(position + rng.uniform(-0.08, 0.08, n_repeats), spread[size], s=14, color="tab:blue", zorder=3)
    ax.errorbar(position + 0.3, p, yerr=1.96 * binomial_se(size), color="tab:red", capsize=4,
                label="binomial 95 % interval around the full-sample mean" if position == 0 else None)
ax.axhline(null_scores.mean(), color="k", ls=":", label="chance (mean of the permutation null)")
ax.set_xticks(positions, [f"{size} participants" for size in sizes])
ax.set(ylabel="cross-validated accuracy (3-fold)", xlim=(-0.5, len(sizes) - 0.4),
       title=f"Spread of the cross-validated score over {n_repeats} subsamples or reshuffles")
ax.legend(fontsize="small", loc="lower right")
plt.show()

# sphinx_gallery_start_ignore
chance = null_scores.mean()
full = spread[n_subjects]
# claim: "can land on either side of chance"
assert spread[20].min() < chance < spread[20].max(), (spread[20], chance)
# claim: "more than ten points below chance to more than ten points above it"
assert spread[20].min() < chance - 0.10 and spread[20].max() > chance + 0.10, (spread[20], chance)
# claim: "off by ten points or more in either direction" (docstring; from the full-sample mean)
assert spread[20].max() - p >= 0.10 and p - spread[20].min() >= 0.10, (spread[20], p)
# claim: "The spread shrinks from 20 to 60 participants, and again at the full sample"
assert spread[20].std() > spread[60].std() > full.std(), [spread[size].std() for size in sizes]
# claim: "of the same order as the binomial standard error" (between 0.5 and 1.25 times it)
assert 0.5 < full.std() / binomial_se(n_subjects) < 1.25, (full.std(), binomial_se(n_subjects))
# sphinx_gallery_end_ignore

# %%
# Read the figure from left to right and compare the printed ranges with the
# chance line. With the smallest samples, the same analysis on a different draw
# of participants can land on either side of chance: with 20 participants, the
# printed range runs from more than ten points below chance to more than ten
# points above it. The spread shrinks from 20 to 60 participants, and again at
# the full sample (with twenty draws per size, neighbouring sizes can come out in
# either order), and the binomial interval shrinks only with the square root of
# the number of participants. At the full sample the standard deviation of the
# dots (printed above) is of the same order as the binomial standard error. These
# dots only show the effect of reshuffling the folds of the *same* participants,
# the part of the uncertainty a single study can see, and that part alone is
# about as large as the textbook formula; it is what moved the permutation test's
# verdict across p = 0.05 above. The binomial interval is a better guide to the
# part a single study cannot see, the sampling of participants, which comes on
# top.
#
# The across-fold standard error printed above is not a valid error bar either:
# the folds share training participants, so their scores are not independent,
# Varoquaux (2018) found that it generally underestimates the real error, and
# computed from three fold scores it is itself very noisy. No error bar here is
# exact (cross-validation folds are not independent), but the order of magnitude
# is the lesson: report the interval, not only the mean, and distrust a
# difference of a few points between two methods evaluated on a small sample.

# %%
# .. admonition:: Exercise: the p-value by hand
#    :class: exercise
#
#    Recompute the permutation test's p-value from ``null_scores`` and ``score``:
#    count the shuffled runs that scored at least as well as the true labels, and
#    apply the rule stated above (the real run counts too). Store the result in
#    ``p_by_hand``. Then predict: with only 19 permutations, what would be the
#    smallest p-value the test could return?

# exercise: solution
# starter: p_by_hand = ...  # your code here: the p-value computed from null_scores and score
n_at_least_as_good = int(np.sum(null_scores >= score))
p_by_hand = (n_at_least_as_good + 1) / (n_permutations + 1)
print(f"{n_at_least_as_good} of {n_permutations} shuffled runs scored at least {score:.3f}: p = {p_by_hand:.3f}; "
      f"with 19 permutations the smallest p-value would be {1 / 20:.2f}")

# %%

# exercise: check
if not isinstance(p_by_hand, (float, np.floating)):
    print("Not yet: store the p-value (a float) in p_by_hand.")
elif not 0 < p_by_hand <= 1:
    print("Not yet: a permutation p-value lies in (0, 1]; it is never exactly 0.")
elif np.isclose(p_by_hand, np.mean(null_scores >= score)):
    print("Not yet: count the real run too: add 1 to both the count and the number of permutations.")
elif not np.isclose(p_by_hand, p_value):
    print("Not yet: count the shuffled scores greater than or equal to the true score (>=, not >).")
else:
    print(f"Correct: p = {p_by_hand:.3f}, the value permutation_test_score returned. With 19 permutations "
          "no p-value could go below 1 / 20 = 0.05, so that test could never reach p < 0.05.")

# %%
# .. admonition:: Exercise: how many participants for ±5 points?
#    :class: exercise
#
#    With the binomial formula above (``binomial_se``, at the full-sample accuracy
#    ``p``), how many independent test participants are needed for a 95 % interval
#    of at most ±5 percentage points (``1.96 * binomial_se(n) <= 0.05``)? Guess
#    first, then store the smallest such ``n`` (an integer) in ``n_for_5_points``.

# exercise: solution
# starter: n_for_5_points = ...  # your code here: the smallest n with 1.96 * binomial_se(n) <= 0.05
n_for_5_points = int(np.ceil(p * (1 - p) * (1.96 / 0.05) ** 2))
print(f"±5 points needs {n_for_5_points} participants (this page has {n_subjects})")

# %%

# exercise: check
if not isinstance(n_for_5_points, (int, np.integer)):
    print("Not yet: store a whole number of participants (an int) in n_for_5_points.")
elif 1.96 * binomial_se(n_for_5_points) > 0.05:
    print(f"Not yet: with {n_for_5_points} participants the interval is still ±"
          f"{1.96 * binomial_se(n_for_5_points):.3f}; you need more.")
elif 1.96 * binomial_se(n_for_5_points - 1) <= 0.05:
    print("Not yet: a smaller sample already reaches ±0.05; look for the smallest n.")
else:
    print(f"Correct: {n_for_5_points} participants, {n_for_5_points / n_subjects:.1f} times this page's "
          f"{n_subjects}. Halving an error bar takes four times as many participants.")

# %%
# Take-home
# ---------
#
# * A :term:`permutation test` gives the :term:`chance level` and a
#   :term:`p-value` for a cross-validated score, without assuming that chance is
#   50 %. Its resolution is 1 / (number of permutations + 1).
# * The permutation null is the chance level of *your* model, and it can sit below
#   a trivial rule: compare the score with always guessing the larger class too.
# * A small p-value means "better than nothing", not "accurate" or "useful"; a
#   large one is not a proof that there is no effect. With a weak effect, as for
#   diagnosis from these three sites, the verdict can depend on the arbitrary
#   shuffle of the folds: check several shuffles, or permute a repeated
#   cross-validation.
# * A :term:`learning curve` shows whether the model is limited by data (the
#   validation score still rises; here it stays flat) and how far it overfits (the
#   gap to the training score).
# * With tens to about a hundred participants, a cross-validated accuracy has error
#   bars of about ±10 points (Varoquaux, 2018); here, subsamples of 20 participants
#   scored on both sides of chance. Report a :term:`confidence interval` or the
#   spread over repeated splits, and prefer larger, multi-site samples for claims.
#
# Next, :ref:`sphx_glr_classic_ml_plot_06_hyperparameter_tuning.py` chooses
# ``C`` without fooling ourselves, and
# :ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py` asks whether the
# diagnosis score could come from site or head motion instead.

# sphinx_gallery_thumbnail_number = 4
