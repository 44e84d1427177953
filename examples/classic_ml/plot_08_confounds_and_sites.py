"""
Confounds and site effects: what is an autism classifier really using?
======================================================================

When a classifier separates autistic participants from controls using their
resting-state connectomes, is it reading out autism, or the scanner, the head
motion, the age of the participants? We use three sites of ABIDE (Autism Brain
Imaging Data Exchange) through :func:`nilearn.datasets.fetch_abide_pcp` and ask
four questions in turn: can the *site* be predicted from connectivity (yes, and
easily); are motion, site and diagnosis related (the definition of a
:term:`confound`); how do we remove confounds without :term:`data leakage`, with a
small scikit-learn transformer that learns the confound model inside each
:term:`cross-validation` fold; and does the classifier generalise to a site it has
never seen? Along the way we handle the unequal group sizes properly, with
:term:`balanced accuracy` and a computed :term:`chance level`.
"""

# %%
# Three sites of ABIDE
# --------------------
# ABIDE I pooled resting-state scans of 1112 people from 17 sites. Each site had
# its own scanner, protocol, recruitment and age range, which is exactly what makes
# it a good teaching set for confounds. To keep this page light enough to run in
# the browser we load only three sites, KKI, NYU and YALE, with the default
# quality-checked subjects. Three sites are the bare minimum for the site-level
# questions below: with more sites (run it on your laptop with more ``SITE_ID``
# values, or all of them) every estimate becomes more stable.
#
# For each subject we get the time series of 200 regions (the ``rois_cc200``
# derivative) and a row in the phenotypic table: ``DX_GROUP`` (1 = autism,
# 2 = control), ``AGE_AT_SCAN``, ``SEX`` (1 = male, 2 = female) and
# ``func_mean_fd``, the mean framewise displacement, a summary of head motion in mm.
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from nilearn import datasets

abide = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], SITE_ID=["KKI", "NYU", "YALE"], verbose=0)
# The size of what the fetcher read (and, the first time, downloaded): one text file per participant.
series_dir = next(Path(d, "ABIDE_pcp", "cpac", "nofilt_noglobal") for d in datasets.get_data_dirs()
                  if Path(d, "ABIDE_pcp").is_dir())
megabytes = sum((series_dir / f"{i}_rois_cc200.1D").stat().st_size for i in abide.phenotypic["FILE_ID"]) / 1e6
print(f"{len(abide.phenotypic)} participants of {', '.join(sorted(set(abide.phenotypic['SITE_ID'])))}: "
      f"{megabytes:.0f} MB of region time series")
pheno = abide.phenotypic.reset_index(drop=True)
site = pheno["SITE_ID"].to_numpy()
diagnosis = np.where(pheno["DX_GROUP"] == 1, "autism", "control")
y = (pheno["DX_GROUP"] == 1).astype(int).to_numpy()  # 1 = autism, 0 = control
motion = pheno["func_mean_fd"].to_numpy()
print(f"{len(pheno)} subjects, time series of shape {abide.rois_cc200[0].shape} (volumes, regions)")
print(pd.crosstab(pheno["SITE_ID"], pd.Series(diagnosis, name="diagnosis"), margins=True))

# %%
# The sites differ in more than their scanner: look at the age ranges, the amount
# of head motion and the share of autistic participants.
site_names = ["KKI", "NYU", "YALE"]
colors = {"autism": "tab:orange", "control": "tab:blue"}
rng = np.random.default_rng(0)
fig, axes = plt.subplots(1, 3, figsize=(11, 3.8), layout="constrained")
for position, name in enumerate(site_names):
    for shift, group in [(-0.17, "autism"), (0.17, "control")]:
        sel = (site == name) & (diagnosis == group)
        jitter = rng.uniform(-0.08, 0.08, sel.sum())
        label = group if position == 0 else None
        axes[0].scatter(position + shift + jitter, pheno["AGE_AT_SCAN"][sel], s=12, color=colors[group], label=label)
        axes[1].scatter(position + shift + jitter, motion[sel], s=12, color=colors[group], label=label)
share_autism = pd.Series(y).groupby(site).mean().reindex(site_names)
axes[2].bar(site_names, share_autism, color="tab:orange", label="autism")
axes[2].bar(site_names, 1 - share_autism, bottom=share_autism, color="tab:blue", label="control")
axes[0].set(ylabel="age at scan (years)", title="Age")
axes[1].set(ylabel="mean framewise displacement (mm)", title="Head motion")
axes[2].set(ylabel="fraction of the site's subjects", title="Diagnosis", ylim=(0, 1))
for ax in axes[:2]:
    ax.set_xticks(range(3), site_names)
axes[0].legend(fontsize="small")
axes[2].legend(fontsize="small", loc="upper right", framealpha=0.9)
fig.suptitle("Each site has its own age range, motion level and mix of diagnoses")
plt.show()

# %%
# Connectomes as features
# -----------------------
# Each subject's :term:`connectome` is the matrix of correlations between its
# regional time series. The real files need one check first: in a few scans part
# of a region lies outside the field of view (the part of the head that was
# imaged), so its time series is constant. A correlation with a constant is
# undefined; nilearn silently returns 0 for it and :func:`numpy.corrcoef` returns
# NaN. Imputing 0 would invent a "no coupling" measurement, so we drop each such
# region for everyone: every feature then means the same thing in every subject.
series = abide.rois_cc200
flat = np.array([signals.std(axis=0) == 0 for signals in series])  # subjects x regions
keep = ~flat.any(axis=0)
print(f"{flat.any(axis=1).sum()} participant(s) have regions without signal: "
      f"dropping {np.sum(~keep)} of {keep.size} regions for everyone")
series = [signals[:, keep] for signals in series]

# %%
# :class:`~nilearn.connectome.ConnectivityMeasure` computes the correlations and,
# with ``vectorize=True`` and ``discard_diagonal=True``, keeps the distinct
# values (one per pair of regions) as one feature vector per subject. This
# step works on each subject alone (nothing is learnt across subjects), so doing it
# before the cross-validation does not leak.
from nilearn.connectome import ConnectivityMeasure

connectivity = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True)
X = connectivity.fit_transform(series)
print(f"feature matrix: {X.shape} ({keep.sum()} regions, {X.shape[1]} connections)")

# %%
# Question 1: can we predict the site?
# ------------------------------------
# If connectomes carried no trace of the scanner, a classifier could not tell the
# sites apart. We use :class:`~sklearn.linear_model.RidgeClassifier`, a linear
# model with an L2 penalty that is fast when there are many more features than
# subjects, after a :class:`~sklearn.preprocessing.StandardScaler`, both in a
# :term:`pipeline` so that the scaling is learnt on the training folds only.
# ``class_weight="balanced"`` gives each class the same total weight, because the
# sites have different sizes.
#
# :class:`~sklearn.model_selection.StratifiedKFold` keeps the proportion of each
# site in every fold (:term:`stratification`). We collect the out-of-fold
# predictions with :func:`~sklearn.model_selection.cross_val_predict` to draw a
# :term:`confusion matrix`, and compare with a
# :class:`~sklearn.dummy.DummyClassifier` that ignores the connectome.
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import RidgeClassifier
from sklearn.metrics import ConfusionMatrixDisplay, accuracy_score, balanced_accuracy_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

mixed_cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
site_model = make_pipeline(StandardScaler(), RidgeClassifier(alpha=100, class_weight="balanced"))
site_pred = cross_val_predict(site_model, X, site, cv=mixed_cv)
dummy_site_pred = cross_val_predict(DummyClassifier(strategy="most_frequent"), X, site, cv=mixed_cv)
print(f"site from connectome: accuracy {accuracy_score(site, site_pred):.2f}, "
      f"balanced accuracy {balanced_accuracy_score(site, site_pred):.2f}")
print(f"dummy (always the largest site): accuracy {accuracy_score(site, dummy_site_pred):.2f}, "
      f"balanced accuracy {balanced_accuracy_score(site, dummy_site_pred):.2f} "
      f"(= 1/{len(site_names)} for any constant guess)")

fig, ax = plt.subplots(figsize=(4.8, 4), layout="constrained")
ConfusionMatrixDisplay.from_predictions(
    site, site_pred, labels=site_names, normalize="true", values_format=".2f", cmap="Blues", ax=ax, colorbar=False
)
ax.set(title="Site predicted from the connectome (rows sum to 1)", xlabel="predicted site", ylabel="true site")
plt.show()

# sphinx_gallery_start_ignore
# claim: "far above the dummy's chance level, almost without error"
# (far: by more than 0.3 balanced accuracy; almost without error: balanced accuracy above 0.9)
site_score, dummy_site_score = balanced_accuracy_score(site, site_pred), balanced_accuracy_score(site, dummy_site_pred)
assert site_score > dummy_site_score + 0.3 and site_score > 0.9, (site_score, dummy_site_score)
# sphinx_gallery_end_ignore

# %%
# The sites are recognised far above the dummy's chance level, almost without
# error (the confusion matrix). A scanner fingerprint is present in every
# connectome, and a diagnosis classifier can use it whenever site and diagnosis
# are related.
#
# Question 2: are motion, site and diagnosis related?
# ---------------------------------------------------
# A confound is related both to the features and to the label. We check the three
# links with simple tests from :mod:`scipy.stats`: does motion differ between
# diagnoses (Mann-Whitney U test), between sites (Kruskal-Wallis test), and does
# the share of autistic participants differ between sites (chi-square test)?
from scipy import stats

motion_dx = stats.mannwhitneyu(motion[y == 1], motion[y == 0])
motion_site = stats.kruskal(*[motion[site == name] for name in site_names])
dx_site = stats.chi2_contingency(pd.crosstab(site, y))
print(f"median motion: autism {np.median(motion[y == 1]):.3f} mm, control {np.median(motion[y == 0]):.3f} mm "
      f"(Mann-Whitney p = {motion_dx.pvalue:.2g})")
print(f"motion differs between sites: Kruskal-Wallis p = {motion_site.pvalue:.2g}")
print(f"share of autism differs between sites: chi-square p = {dx_site.pvalue:.2f}")

# sphinx_gallery_start_ignore
# claim: "the autistic participants moved more than the controls" (tolerance: Mann-Whitney p < 0.05)
assert np.median(motion[y == 1]) > np.median(motion[y == 0]) and motion_dx.pvalue < 0.05, motion_dx
# claim: "motion also differs between the sites" (tolerance: Kruskal-Wallis p < 0.05)
assert motion_site.pvalue < 0.05, motion_site
# claim: "the share of autistic participants does not differ significantly between" (p >= 0.05)
assert dx_site.pvalue >= 0.05, dx_site.pvalue
# sphinx_gallery_end_ignore

# %%
# Two of the three links are there: in this sample the autistic participants
# moved more than the controls, and motion also differs between the sites. But
# the share of autistic participants does not differ significantly between
# these three sites, so the site, although it is written all over the
# connectome, is hardly related to the label here.
#
# And is motion related to the features? Head motion adds artefactual signal that
# is shared by many regions, which raises their correlations. We correlate motion
# with every connectome value across subjects, and with the mean connectivity of
# each subject.
z_motion = stats.zscore(motion)
edge_r = (z_motion @ stats.zscore(X, axis=0)) / len(motion)  # Pearson r of motion with every column at once
mean_connectivity = X.mean(axis=1)
r_mean, p_mean = stats.pearsonr(motion, mean_connectivity)
print(f"motion vs mean connectivity: r = {r_mean:.2f}; "
      f"{np.mean(edge_r > 0):.0%} of the {X.shape[1]} connections correlate positively with motion, "
      f"{np.mean(np.abs(edge_r) > 0.3):.0%} with |r| > 0.3")

fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
for name, marker in zip(site_names, "o^s"):
    sel = site == name
    axes[0].scatter(motion[sel], mean_connectivity[sel], marker=marker, s=18, label=name)
axes[0].set(xlabel="mean framewise displacement (mm)", ylabel="mean correlation over all connections",
            title=f"Subjects (r = {r_mean:.2f})")
axes[0].legend(title="site")
axes[1].hist(edge_r, bins=60, color="tab:gray")
axes[1].set(xlabel="correlation with motion across subjects", ylabel="number of connections",
            title=f"Each of the {X.shape[1]} connections")
fig.suptitle("Head motion shapes the connectome")
plt.show()

# sphinx_gallery_start_ignore
# claim: "who moved more have a higher mean connectivity" (tolerance: Pearson p < 0.05)
assert r_mean > 0 and p_mean < 0.05, (r_mean, p_mean)
# claim: "almost every connection is stronger in subjects who moved more" (almost every: more than 90 %)
assert np.mean(edge_r > 0) > 0.9, np.mean(edge_r > 0)
# sphinx_gallery_end_ignore

# %%
# Subjects who moved more have a higher mean connectivity (left), and the
# histogram lies almost entirely to the right of zero: almost every connection
# is stronger in subjects who moved more. Motion is related to the features and
# to the label, the definition of a confound.
#
# A classifier that could lean on confounds
# -----------------------------------------
# The decisive question is whether the confounds *alone* predict the diagnosis. If
# they do, a connectome classifier can score above chance simply by reading motion
# or site out of the connectome, which we just saw is easy. Its accuracy would then
# mean "the groups moved differently" or "the groups were scanned at different
# sites", not "the brains differ".
#
# We fit a linear classifier on motion alone, then on all confounds (motion, age,
# sex and one indicator column per site, the "dummy coding" of the site), and test
# each score against a null distribution with
# :func:`~sklearn.model_selection.permutation_test_score` (a :term:`permutation
# test`: shuffle the diagnoses, refit, rescore). The classifier is
# :class:`~sklearn.discriminant_analysis.LinearDiscriminantAnalysis` with equal
# class priors (so that it does not simply favour the larger group); with one to
# six features it fits in a fraction of a millisecond, so 200 permutations are
# cheap.
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.model_selection import permutation_test_score

site_dummies = pd.get_dummies(pheno["SITE_ID"]).reindex(columns=site_names).astype(float)
confounds = np.column_stack([pheno[["AGE_AT_SCAN", "SEX", "func_mean_fd"]].to_numpy(float), site_dummies])
confound_model = LinearDiscriminantAnalysis(priors=[0.5, 0.5])
confound_scores = {}
for label, features in [("motion alone", motion[:, None]), ("all confounds", confounds)]:
    score, null_scores, p_value = permutation_test_score(
        confound_model, features, y, cv=mixed_cv, scoring="balanced_accuracy", n_permutations=200, random_state=0
    )
    confound_scores[label] = score, p_value
    verdict = "above chance" if p_value < 0.05 else "not distinguishable from chance"
    print(f"diagnosis from {label}: balanced accuracy {score:.2f} "
          f"(shuffled labels: {null_scores.mean():.2f} ± {null_scores.std():.2f}, p = {p_value:.3f}) -> {verdict}")

# sphinx_gallery_start_ignore
# claim: "motion alone predicts the diagnosis above chance" (tolerance: permutation p < 0.05)
assert confound_scores["motion alone"][1] < 0.05, confound_scores
# claim: "and so do all the confounds together" (tolerance: permutation p < 0.05)
assert confound_scores["all confounds"][1] < 0.05, confound_scores
# sphinx_gallery_end_ignore

# %%
# Here motion alone predicts the diagnosis above chance (p < 0.05 in the
# permutation test), and so do all the confounds together. Patients, and
# children, tend to move more in the scanner than controls, the motivating
# example of Chyzhyk et al. (2022,
# `doi:10.1093/gigascience/giac014 <https://doi.org/10.1093/gigascience/giac014>`_).
# A connectome classifier on these subjects can therefore score above chance
# without any brain signal of autism, by reading motion out of the connectome.
# Its score must be compared with these confound-only scores, not only with
# 0.5: the brain data are interesting only to the extent that they add to them.
# (In a smaller sample the same difference in motion may not reach
# significance and still bias a classifier, so test it either way.)
#
# Question 3: removing confounds, inside the cross-validation loop
# ----------------------------------------------------------------
# A common remedy is *confound regression*: for every connectome feature, fit a
# linear regression on the confounds and keep only the residual, the part of the
# feature that the confounds cannot explain. The regression coefficients are
# learnt from data, so they are part of the model: like a scaler, they must be
# learnt from the training fold only and then applied unchanged to the test fold.
#
# scikit-learn's :class:`~sklearn.pipeline.Pipeline` passes only ``X`` (and ``y``)
# from step to step, so we use a simple trick: the confounds travel as the first
# columns of ``X``. The transformer below
#
# * in ``fit``, splits off the first ``n_confounds`` columns, and solves one least
#   squares problem per feature, ``feature ≈ intercept + confounds @ beta``, on the
#   training subjects only (:func:`numpy.linalg.lstsq` does all connections at once);
# * in ``transform``, removes ``intercept + confounds @ beta`` from the features of
#   whatever subjects it receives, training or test, with the betas learnt in
#   ``fit``, and returns the features without the confound columns.
#
# Inheriting from :class:`~sklearn.base.BaseEstimator` and
# :class:`~sklearn.base.TransformerMixin` gives it ``get_params``,
# ``fit_transform`` and cloning, so it works inside any pipeline or
# cross-validation function.
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted


class ConfoundRemover(TransformerMixin, BaseEstimator):
    """Regress confounds (the first ``n_confounds`` columns of X) out of the other columns."""

    def __init__(self, n_confounds=1):
        self.n_confounds = n_confounds

    def _split(self, X):
        X = np.asarray(X, dtype=float)
        confounds, features = X[:, : self.n_confounds], X[:, self.n_confounds :]
        design = np.column_stack([np.ones(len(X)), confounds])  # intercept + confounds
        return design, features

    def fit(self, X, y=None):
        design, features = self._split(X)
        # One least-squares fit per feature; lstsq handles redundant columns such as
        # one indicator per site plus an intercept (it picks the minimum-norm solution).
        self.beta_, *_ = np.linalg.lstsq(design, features, rcond=None)
        return self

    def transform(self, X):
        check_is_fitted(self, "beta_")
        design, features = self._split(X)
        return features - design @ self.beta_


n_confounds = confounds.shape[1]
X_with_confounds = np.column_stack([confounds, X])
residuals = ConfoundRemover(n_confounds=n_confounds).fit_transform(X_with_confounds)
r_after = stats.pearsonr(motion, residuals.mean(axis=1)).statistic
print(f"input {X_with_confounds.shape} -> output {residuals.shape}; "
      f"after removal, motion vs mean connectivity: r = {r_after:.2f}")

# sphinx_gallery_start_ignore
# claim: "the residuals are uncorrelated with the confounds by construction" (up to rounding: |r| < 1e-6)
assert abs(r_after) < 1e-6, r_after
# sphinx_gallery_end_ignore

# %%
# The last line is only a sanity check on all subjects: within the data it was
# fitted on, the residuals are uncorrelated with the confounds by construction.
#
# **The mistake** is to do exactly this, deconfound all subjects at once, and
# *then* cross-validate on the residuals. The confound model has then seen the
# test subjects, a form of data leakage; Snoek et al. (2019,
# `doi:10.1016/j.neuroimage.2018.09.074 <https://doi.org/10.1016/j.neuroimage.2018.09.074>`_)
# showed that it can bias accuracy (typically downwards, even below chance), while
# fitting the confound regression within each fold does not. The right way puts
# :class:`ConfoundRemover` first in the pipeline.
diagnosis_model = make_pipeline(StandardScaler(), RidgeClassifier(alpha=100, class_weight="balanced"))
deconfounded_model = make_pipeline(
    ConfoundRemover(n_confounds=n_confounds),
    StandardScaler(),
    RidgeClassifier(alpha=100, class_weight="balanced"),
)
X_deconfounded_on_all = residuals  # THE MISTAKE: confound model fitted on all subjects, test folds included

# %%
# Question 4: a new site, or the same sites?
# ------------------------------------------
# Stratified k-fold mixes the sites: every test fold contains subjects from sites
# that the model has also been trained on, so a classifier can get away with
# learning site-specific patterns. A model meant for a new hospital must instead be
# tested on a site it has never seen:
# :class:`~sklearn.model_selection.LeaveOneGroupOut` with ``groups=site`` trains on
# two sites and tests on the third, three times (the site-level version of
# :term:`group k-fold`). Three test sites give only three scores, a very noisy
# estimate; ABIDE's 17 sites would give 17.
#
# We compare the three versions (no deconfounding, deconfounding inside the
# folds, and the mistake) under both schemes, all with balanced accuracy. A
# :class:`~sklearn.dummy.DummyClassifier` that always predicts the majority class
# gives the chance level. The mixed-site score depends on how the subjects happen
# to be dealt into the five folds: a single shuffle can move it by several points,
# as much as the differences we want to read. So we repeat the stratified 5-fold
# with five different shuffles
# (:class:`~sklearn.model_selection.RepeatedStratifiedKFold`, 25 fits per model)
# and print the mean with the range of the five per-shuffle means; the
# leave-site-out split has no randomness to repeat.
from sklearn.model_selection import LeaveOneGroupOut, RepeatedStratifiedKFold, cross_val_score

n_shuffles = 5
repeated_cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=n_shuffles, random_state=0)
cv_schemes = {"stratified 5-fold (sites mixed)": (repeated_cv, None), "leave one site out": (LeaveOneGroupOut(), site)}
candidates = {
    "dummy (chance)": (DummyClassifier(strategy="most_frequent"), X),
    "connectome": (diagnosis_model, X),
    "deconfounded inside each fold": (deconfounded_model, X_with_confounds),
    "MISTAKE: deconfounded before CV": (diagnosis_model, X_deconfounded_on_all),
}
scores = {}
for model_name, (model, features) in candidates.items():
    for cv_name, (cv, groups) in cv_schemes.items():
        scores[model_name, cv_name] = cross_val_score(
            model, features, y, cv=cv, groups=groups, scoring="balanced_accuracy"
        )
    per_shuffle = scores[model_name, "stratified 5-fold (sites mixed)"].reshape(n_shuffles, -1).mean(axis=1)
    print(f"{model_name:>32}: sites mixed {per_shuffle.mean():.2f} (shuffles {per_shuffle.min():.2f}-"
          f"{per_shuffle.max():.2f}), leave one site out {scores[model_name, 'leave one site out'].mean():.2f}")

# %%
# The figure shows every fold's score as a dot (25 for the mixed sites, 3 for
# leave-site-out) and the mean as a bar.
fig, ax = plt.subplots(figsize=(10, 4.2), layout="constrained")
width = 0.38
for offset, (cv_name, color) in zip([-width / 2, width / 2], zip(cv_schemes, ["tab:green", "tab:purple"])):
    for position, model_name in enumerate(candidates):
        fold_scores = scores[model_name, cv_name]
        ax.bar(position + offset, fold_scores.mean(), width, color=color, alpha=0.6,
               label=cv_name if position == 0 else None)
        ax.scatter(np.full(len(fold_scores), position + offset), fold_scores, color="black", s=10, zorder=3)
ax.axhline(0.5, color="gray", linestyle="--", label="chance (balanced accuracy 0.5)")
ax.set_xticks(range(len(candidates)), [name.replace(": ", ":\n") for name in candidates])
ax.set(ylabel="balanced accuracy (autism vs control)", ylim=(0, 1))
ax.legend(loc="upper left", fontsize="small", ncols=3)
fig.suptitle("Diagnosis from connectomes: deconfounding and site-aware cross-validation")
plt.show()

# sphinx_gallery_start_ignore
mean_score = {key: value.mean() for key, value in scores.items()}
mixed, loso = cv_schemes
# claim: "the leave-site-out score is only a little below the mixed-site score" (a little: by less than 0.1)
gap = mean_score["connectome", mixed] - mean_score["connectome", loso]
assert 0 < gap < 0.1, mean_score
# claim: "a spread of the same order as that gap" (same order: the range of the per-shuffle means within 3x the gap)
shuffle_range = np.ptp(scores["connectome", mixed].reshape(n_shuffles, -1).mean(axis=1))
assert gap / 3 < shuffle_range < 3 * gap, (shuffle_range, gap)
# claim: "the three test sites give rather different scores" (different: a range of more than 0.1)
assert np.ptp(scores["connectome", loso]) > 0.1, scores["connectome", loso]
# claim: "the connectome scores above the confounds alone, by a few points of balanced accuracy" (a few: < 0.1)
margin = mean_score["connectome", mixed] - max(score for score, _ in confound_scores.values())
assert 0 < margin < 0.1, (margin, mean_score)
# claim: "Deconfounding inside the folds lowers the score"
assert all(mean_score["deconfounded inside each fold", cv] < mean_score["connectome", cv] for cv in cv_schemes)
# claim: "the mistake scores below the correct fold-wise version under both schemes"
assert all(mean_score["MISTAKE: deconfounded before CV", cv] < mean_score["deconfounded inside each fold", cv]
           for cv in cv_schemes), mean_score
# claim: "with sites mixed, even below chance"
assert mean_score["MISTAKE: deconfounded before CV", mixed] < 0.5, mean_score
# sphinx_gallery_end_ignore

# %%
# How to read these numbers (printed above, from this run):
#
# * **A new site.** For the connectome model the leave-site-out score is only a
#   little below the mixed-site score averaged over the five shuffles. A single
#   shuffle gives a mixed-site score anywhere in the printed range, a spread of
#   the same order as that gap, so one 5-fold split alone would measure it
#   poorly. That fits Question 2: the site is easy to recognise but hardly
#   related to the diagnosis here, so recognising it gains little. It does not
#   mean that the question is settled: the three test sites give rather
#   different scores (the dots), and three scores are a very noisy estimate of
#   how a new hospital would fare.
# * **Against the confounds.** In the mixed-site folds the connectome scores
#   above the confounds alone, by a few points of balanced accuracy; that margin,
#   not the distance to 0.5, is what the connectome adds, and it has no
#   permutation test of its own here.
# * **Deconfounding.** Deconfounding inside the folds lowers the score, under
#   both schemes (with sites mixed, on average over the shuffles): part of what
#   the plain classifier used was the linear effect of age, sex, motion and
#   site. The deconfounded score estimates a classifier that cannot use these.
#   It does not remove non-linear effects or site differences in noise level,
#   and under leave-site-out it cannot remove the offset of the held-out site,
#   whose indicator column is all zeros during ``fit``.
# * **The mistake.** Deconfounding all subjects before the cross-validation is
#   not a neutral variant: here the mistake scores below the correct fold-wise
#   version under both schemes, with sites mixed, even below chance, the
#   downward bias that Snoek et al. (2019) describe. Only the fold-wise version
#   is a valid estimate.

# %%
# Does the classifier lean on motion?
# -----------------------------------
# A direct check: take each subject's out-of-fold decision value (the signed
# distance to the classifier's boundary, positive = "autism") and correlate it
# with that subject's motion. A classifier that reads motion out of the connectome
# gives decision values that follow motion; deconfounding inside the folds should
# remove that link.
motion_link = {}
for model_name, (model, features) in list(candidates.items())[1:3]:
    decision = cross_val_predict(model, features, y, cv=mixed_cv, method="decision_function")
    motion_link[model_name] = stats.pearsonr(decision, motion)
    print(f"{model_name:>32}: correlation of decision values with motion r = "
          f"{motion_link[model_name].statistic:.2f} (p = {motion_link[model_name].pvalue:.2g})")

# sphinx_gallery_start_ignore
# claim: "decision values of the plain connectome classifier follow motion" (tolerance: r > 0, p < 0.05)
assert motion_link["connectome"].statistic > 0 and motion_link["connectome"].pvalue < 0.05, motion_link
# claim: "deconfounding inside the folds the correlation is close to zero" (close: |r| < 0.1)
assert abs(motion_link["deconfounded inside each fold"].statistic) < 0.1, motion_link
# sphinx_gallery_end_ignore

# %%
# The decision values of the plain connectome classifier follow motion: the
# subjects who moved more are pushed towards "autism", as expected from a model
# trained on groups that moved differently. After deconfounding inside the folds
# the correlation is close to zero. The plain classifier's accuracy is thus
# partly a motion detector's accuracy, and the check costs one line.
#
# Class imbalance: accuracy or balanced accuracy?
# -----------------------------------------------
# With more controls than autistic participants, a model can look good by
# favouring the larger class. Plain accuracy rewards that; balanced accuracy, the
# mean of the recall of each class, does not: any constant guess scores 0.5. We
# compare the dummy with the connectome model without and with
# ``class_weight="balanced"`` (which weights each subject by the inverse of its
# class's frequency), under the mixed-site cross-validation, at the penalty used
# so far (``alpha=100``) and at a much stronger one.
from sklearn.metrics import recall_score

print(f"share of controls: {np.mean(y == 0):.2f} (the accuracy of always answering 'control'), "
      f"share of autism: {y.mean():.0%}")
imbalance_models = {"dummy (most frequent)": DummyClassifier(strategy="most_frequent")}
for alpha in [100, 100_000]:
    for weighting in [None, "balanced"]:
        imbalance_models[f"alpha={alpha}, class_weight={weighting}"] = make_pipeline(
            StandardScaler(), RidgeClassifier(alpha=alpha, class_weight=weighting)
        )
imbalance = {}
for name, model in imbalance_models.items():
    predicted = cross_val_predict(model, X, y, cv=mixed_cv)
    imbalance[name] = {"accuracy": accuracy_score(y, predicted), "balanced": balanced_accuracy_score(y, predicted),
                       "share": predicted.mean(), "autism recall": recall_score(y, predicted)}
    print(f"{name:>36}: accuracy {imbalance[name]['accuracy']:.2f}, "
          f"balanced accuracy {imbalance[name]['balanced']:.2f}, "
          f"predicts autism for {predicted.mean():.0%}, finds {imbalance[name]['autism recall']:.0%} of the autistic")
training_accuracy = imbalance_models["alpha=100, class_weight=None"].fit(X, y).score(X, y)
print(f"alpha=100 model refitted on all subjects: training accuracy {training_accuracy:.2f}")

# sphinx_gallery_start_ignore
weak, weak_balanced = imbalance["alpha=100, class_weight=None"], imbalance["alpha=100, class_weight=balanced"]
strong, strong_balanced = imbalance["alpha=100000, class_weight=None"], imbalance["alpha=100000, class_weight=balanced"]
# claim: "The dummy's accuracy equals the share of controls"
assert np.isclose(imbalance["dummy (most frequent)"]["accuracy"], np.mean(y == 0)), imbalance
# claim: "classifies its own training subjects almost perfectly" (almost: training accuracy >= 0.99)
assert training_accuracy >= 0.99, training_accuracy
# claim: "weighting the classes barely changes it" (barely: balanced accuracy within 0.02)
assert abs(weak["balanced"] - weak_balanced["balanced"]) <= 0.02, (weak, weak_balanced)
# claim: "finds fewer than half of the autistic subjects"
assert strong["autism recall"] < 0.5, strong
# claim: "its plain accuracy is higher than that of the weighted model"
assert strong["accuracy"] > strong_balanced["accuracy"], (strong, strong_balanced)
# claim: "the weighting brings the share of predicted autism close to the true share" (close: within 5 points)
assert abs(strong_balanced["share"] - y.mean()) < 0.05 < abs(strong["share"] - y.mean()), (strong, strong_balanced)
# sphinx_gallery_end_ignore

# %%
# The dummy's accuracy equals the share of controls: that, not 50 %, is the
# chance level of plain accuracy here, while its balanced accuracy is exactly 0.5.
# With many more features than training subjects, the weakly penalised model
# classifies its own training subjects almost perfectly (the last line), with
# or without help from its intercept, so weighting the classes barely changes it
# (compare the two ``alpha=100`` lines). A strongly penalised model leans on its
# intercept, that is on the class proportions of the training data: without
# weights it answers "control" for most subjects and finds fewer than half of the
# autistic subjects, yet its plain accuracy is higher than that of the weighted
# model. With ``class_weight="balanced"`` the weighting brings the share of
# predicted autism close to the true share, and balanced accuracy, which did not
# reward the lopsided model, shows what was gained or lost. Report balanced
# accuracy (or ROC AUC) for unbalanced groups, state the computed chance level
# next to it, and keep the class proportions equal across folds with
# stratification. Imbalance *within* sites matters too: under leave-site-out each
# test site has its own proportion of autistic participants.

# %%
# .. admonition:: Exercise: does age alone predict the diagnosis?
#    :class: exercise
#
#    Motion alone predicts the diagnosis above chance. Is age another route?
#    Cross-validate the same ``confound_model`` on the age column alone
#    (``pheno[["AGE_AT_SCAN"]]``) with ``mixed_cv`` and balanced accuracy, and store
#    the mean in ``age_alone_score``. Predict first from the age ranges of the
#    sites and groups.

# exercise: solution
# starter: age_alone_score = ...  # your code here: mean balanced accuracy of confound_model on age alone
age_alone_score = cross_val_score(confound_model, pheno[["AGE_AT_SCAN"]].to_numpy(float), y, cv=mixed_cv,
                                  scoring="balanced_accuracy").mean()
print(f"diagnosis from age alone: {age_alone_score:.2f}; from motion alone: {confound_scores['motion alone'][0]:.2f}")

# %%

# exercise: check
if not isinstance(age_alone_score, (float, np.floating)):
    print("Not yet: store the mean of the fold scores (a float) in age_alone_score.")
elif not 0 <= age_alone_score <= 1:
    print("Not yet: a balanced accuracy lies between 0 and 1.")
elif np.isclose(age_alone_score, confound_scores["motion alone"][0]):
    print("Not yet: this is the motion-alone score; use the AGE_AT_SCAN column.")
else:
    print(f"Correct: {age_alone_score:.2f} from age alone, against {confound_scores['motion alone'][0]:.2f} "
          "from motion alone (chance 0.5). Without a permutation test, read a score within a few points "
          "of 0.5 as no evidence either way.")

# %%
# .. admonition:: Exercise: does the mistaken deconfounding remove the motion link?
#    :class: exercise
#
#    The mistake of question 3 regressed the confounds out of all subjects at once.
#    Does its classifier still follow motion? Compute its out-of-fold decision
#    values (``cross_val_predict(diagnosis_model, X_deconfounded_on_all, y,
#    cv=mixed_cv, method="decision_function")``) and store their correlation with
#    ``motion`` in ``r_motion_mistake``. Predict first, then compare with the two
#    correlations printed above.

# exercise: solution
# starter: r_motion_mistake = ...  # your code here: correlation of the mistaken model's decision values with motion
decision_mistake = cross_val_predict(diagnosis_model, X_deconfounded_on_all, y, cv=mixed_cv,
                                     method="decision_function")
r_motion_mistake = stats.pearsonr(decision_mistake, motion).statistic
print(f"MISTAKE, deconfounded before CV: correlation with motion r = {r_motion_mistake:.2f}")

# %%

# exercise: check
if not isinstance(r_motion_mistake, (float, np.floating)):
    print("Not yet: store one correlation (a float, e.g. stats.pearsonr(a, b).statistic) in r_motion_mistake.")
elif not -1 <= r_motion_mistake <= 1:
    print("Not yet: a correlation lies between -1 and 1.")
elif np.isclose(r_motion_mistake, motion_link["connectome"].statistic):
    print("Not yet: this is the plain connectome model; use X_deconfounded_on_all as the features.")
else:
    print(f"Correct: r = {r_motion_mistake:.2f} (plain: {motion_link['connectome'].statistic:.2f}, inside the "
          f"folds: {motion_link['deconfounded inside each fold'].statistic:.2f}). "
          + ("Regressing the confounds out of all subjects at once did not remove the link: the decision values "
             "still follow motion, " + ("with the opposite sign to the plain model's: a distortion, not a cure."
                                        if r_motion_mistake * motion_link["connectome"].statistic < 0
                                        else "as the plain model's do.")
             if abs(r_motion_mistake) >= 0.1 else
             "A small correlation does not make the mistake safe: its test subjects' features were cleaned "
             "with coefficients learnt from them."))

# %%
# Take-home
# ---------
#
# * Connectomes carry a strong site fingerprint: check how well site (and motion,
#   age, sex) can be predicted from your features before interpreting a diagnosis
#   classifier. A fingerprint is a confound only where site is also related to the
#   label; here it hardly was, and a new site cost little.
# * Test whether the confounds *alone* predict the label. Here head motion did, so
#   the connectome's score has to be read against the confounds' score, and its
#   decision values followed motion until the confounds were removed.
# * Confound removal is a model fitted to data: learn it on the training folds only
#   (a transformer first in a :class:`~sklearn.pipeline.Pipeline`). Fitted on all
#   subjects before cross-validation it gave a score below the valid one, even
#   below chance.
# * Evaluate with leave-site-out (or :class:`~sklearn.model_selection.GroupKFold`
#   by site) when the claim is generalisation to new sites; three sites are a
#   minimum, ABIDE's 17 sites (or more data) give a far more reliable estimate.
# * With unbalanced classes use balanced accuracy, ``class_weight="balanced"`` and a
#   computed chance level from a dummy model.
#
# Related examples: :ref:`sphx_glr_classic_ml_plot_04_cross_validation.py` (splitting
# schemes), :ref:`sphx_glr_classic_ml_plot_07_data_leakage.py` (other forms of
# leakage), :ref:`sphx_glr_classic_ml_plot_05_uncertainty.py` (how noisy small-sample
# scores are) and, next, :ref:`sphx_glr_classic_ml_plot_09_decoding_haxby.py`
# (decoding brain states within one subject).

# sphinx_gallery_thumbnail_number = 4
