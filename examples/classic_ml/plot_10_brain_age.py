r"""
Brain-age regression: predicting age from functional connectivity
=================================================================

Can a linear model read a person's age from their resting-state
:term:`connectome`, and what does the difference between the predicted
:term:`brain age` and the real age mean? We take typically developing
participants from four ABIDE sites, predict age with a ridge :term:`regression`
under :term:`cross-validation`, and compare the :term:`mean absolute error` with
two :term:`baseline`\ s: the mean age, and the mean age *of the participant's
site*, because the sites recruited different ages and the scanner leaves a
fingerprint in every connectome. We then show why the brain-age gap is biased
(it falls with age for any imperfect model), how to correct it without touching the
test data, and why even a correct correction does not make the model better.
"""

# %%
# The data: controls from four ABIDE sites
# ----------------------------------------
# A brain-age model needs a wide age range. The development fMRI dataset used
# elsewhere on this site spans 3 to 39 years, but it comes as 4-D images of
# 3.3 MB per participant, and the interactive (browser) version of this page may
# download about 20 MB of data: a handful of participants, far too few for a regression.
# ABIDE Preprocessed ships ready-made region time series (200 regions of the
# Craddock parcellation, ``rois_cc200``) of about a quarter of a megabyte each,
# so we take the typically developing controls (``DX_GROUP=2``) of four sites,
# two of which span childhood to adulthood. Controls only, because the
# question "how old does this brain look?" is defined against typical
# development; the autistic participants would be the group one compares *after*
# building the model.
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from nilearn import datasets

sites = ["KKI", "PITT", "USM", "YALE"]
abide = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], DX_GROUP=2, SITE_ID=sites, verbose=0)
# The size of what the fetcher read (and, the first time, downloaded): one text file per participant.
series_dir = next(Path(d, "ABIDE_pcp", "cpac", "nofilt_noglobal") for d in datasets.get_data_dirs()
                  if Path(d, "ABIDE_pcp").is_dir())
megabytes = sum((series_dir / f"{i}_rois_cc200.1D").stat().st_size for i in abide.phenotypic["FILE_ID"]) / 1e6
print(f"{len(abide.phenotypic)} participants of {', '.join(sorted(set(abide.phenotypic['SITE_ID'])))}: "
      f"{megabytes:.0f} MB of region time series")
participants = abide.phenotypic.reset_index(drop=True)
age = participants["AGE_AT_SCAN"].to_numpy(dtype=float)
site = participants["SITE_ID"].to_numpy()
print(f"{len(age)} controls, {len(abide.rois_cc200[0])} volumes x "
      f"{abide.rois_cc200[0].shape[1]} regions for the first one")
print(participants.groupby("SITE_ID")["AGE_AT_SCAN"].describe()[["count", "min", "mean", "max"]].round(1))

# sphinx_gallery_start_ignore
oldest = participants.groupby("SITE_ID")["AGE_AT_SCAN"].max()
# claim: "KKI and YALE recruited only children and adolescents, while PITT and USM also include adults" (adult: 18+)
assert oldest[["KKI", "YALE"]].max() < 18 <= oldest[["PITT", "USM"]].min(), oldest
# sphinx_gallery_end_ignore

# %%
# The table already shows the :term:`confound` of this example: KKI and YALE
# recruited only children and adolescents, while PITT and USM also include
# adults. Site alone therefore says something about age.
site_colors = dict(zip(sites, ["tab:blue", "tab:orange", "tab:green", "tab:red"]))
rng = np.random.default_rng(0)
fig, ax = plt.subplots(figsize=(8, 3), layout="constrained")
for row, name in enumerate(sites):
    ages = age[site == name]
    ax.scatter(ages, row + rng.uniform(-0.15, 0.15, ages.size), color=site_colors[name], alpha=0.8)
ax.set(yticks=range(len(sites)), yticklabels=sites, xlabel="age at scan (years)", ylabel="site")
ax.set_title("The sites recruited different age ranges")
plt.show()

# %%
# Features: one connectome per participant
# ----------------------------------------
# First a check that real region time series need: when part of a region lies
# outside a scan's field of view (the part of the head that was imaged), its
# time series is constant and its correlations are undefined (nilearn silently
# returns 0 for them). Imputing 0 would invent a "no coupling" measurement, so
# we drop each such region for every participant: each feature then means the
# same thing for everyone.
series = abide.rois_cc200
flat = np.array([signals.std(axis=0) == 0 for signals in series])  # participants x regions
keep = ~flat.any(axis=0)
print(f"{flat.any(axis=1).sum()} participant(s) have regions without signal: "
      f"dropping {np.sum(~keep)} of {keep.size} regions for everyone")
series = [signals[:, keep] for signals in series]

# %%
# A :class:`~nilearn.connectome.ConnectivityMeasure` correlates every pair of
# region time series; keeping the lower triangle gives one
# :term:`functional connectivity` value per pair of regions and participant, and the Fisher
# transform (``arctanh``) makes them closer to normally distributed. Each
# connectome depends on one participant's data only, so computing them before
# the cross-validation leaks nothing. (A "tangent" connectome, which is
# centred on the group mean, would have to be fitted inside the folds.)
from nilearn.connectome import ConnectivityMeasure

connectivity = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True)
X = np.arctanh(connectivity.fit_transform(series))
print(f"feature matrix: {X.shape} ({keep.sum()} regions, {X.shape[1]} connections)")

# %%
# The model, the baselines and the cross-validation
# -------------------------------------------------
# With far more features than participants, an ordinary least-squares fit
# would reproduce the training ages exactly and predict nonsense. Ridge
# regression shrinks the weights; :class:`~sklearn.linear_model.RidgeCV` picks the
# shrinkage from a grid by an efficient internal leave-one-out on the training
# part of each fold, and the :class:`~sklearn.pipeline.Pipeline` standardizes
# the features with training statistics only.
#
# :func:`~sklearn.model_selection.cross_val_predict` returns, for every
# participant, the prediction of the model fitted on the other folds (5 folds,
# shuffled with a fixed seed, because the table is ordered by site). We score two
# references in exactly the same folds:
#
# * :class:`~sklearn.dummy.DummyRegressor` predicts the mean training age for
#   everybody: the error of knowing nothing;
# * a *site-only* model predicts each participant's age as the mean training age
#   of their site (one-hot site codes into a linear regression): the error of
#   knowing only the scanner. A connectome model that does no better than this
#   may simply be recognising the site.
from sklearn.dummy import DummyRegressor
from sklearn.linear_model import LinearRegression, RidgeCV
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

cv = KFold(n_splits=5, shuffle=True, random_state=0)
brain_model = make_pipeline(StandardScaler(), RidgeCV(alphas=np.logspace(0, 6, 13)))
site_model = make_pipeline(OneHotEncoder(handle_unknown="ignore"), LinearRegression())

predictions = {
    "mean age (dummy)": cross_val_predict(DummyRegressor(strategy="mean"), X, age, cv=cv),
    "site only": cross_val_predict(site_model, participants[["SITE_ID"]], age, cv=cv),
    "connectome (ridge)": cross_val_predict(brain_model, X, age, cv=cv),
}
mae = {name: mean_absolute_error(age, predicted) for name, predicted in predictions.items()}
for name, predicted in predictions.items():
    print(f"{name:>20}: MAE {mae[name]:5.2f} years, R2 {r2_score(age, predicted):6.2f}")

# sphinx_gallery_start_ignore
# claim: "both models beat the dummy"
assert max(mae["site only"], mae["connectome (ridge)"]) < mae["mean age (dummy)"], mae
# claim: "the connectome model beats the site-only model, but only narrowly" (narrowly: by less than a year)
assert 0 < mae["site only"] - mae["connectome (ridge)"] < 1, mae
# claim: "Knowing the scanner already buys most of the improvement over the mean age"
assert mae["mean age (dummy)"] - mae["site only"] > mae["site only"] - mae["connectome (ridge)"], mae
# sphinx_gallery_end_ignore

# %%
# The :term:`mean absolute error` is in years, the unit a reader cares about; the
# :term:`coefficient of determination` (R²) says which fraction of the age
# variance a model explains, 0 being the mean baseline (out of fold the dummy
# can fall slightly below 0, because each fold's mean comes from the other
# folds). Compare the connectome model with *both* lines above it: both models
# beat the dummy, and the connectome model beats the site-only model, but only
# narrowly. Knowing the scanner already buys most of the improvement over the
# mean age, so the question is what the connectome knows beyond the site.
#
# A scatter of predicted against true age shows more than one number. The
# site-only model predicts one value per site (a horizontal stripe of points);
# a good brain-age model would follow the diagonal within each colour.
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained", sharex=True, sharey=True)
lims = [age.min() - 2, age.max() + 2]
for ax, name in zip(axes, ["site only", "connectome (ridge)"]):
    predicted = predictions[name]
    for site_name in sites:
        chosen = site == site_name
        ax.scatter(age[chosen], predicted[chosen], color=site_colors[site_name], label=site_name, alpha=0.8)
    ax.plot(lims, lims, color="k", lw=1, ls="--", label="perfect prediction")
    ax.set(xlim=lims, ylim=lims, xlabel="true age (years)", aspect="equal",
           title=f"{name}: MAE {mean_absolute_error(age, predicted):.1f} years")
axes[0].set_ylabel("predicted age, out of fold (years)")
axes[0].legend(fontsize="small")
fig.suptitle("Cross-validated age predictions (5-fold, each point predicted by a model that never saw it)")
plt.show()

# %%
# Does the model know more than the site?
# ---------------------------------------
# Two site-aware checks.
#
# **Within-site agreement.** Subtract each site's mean from the true and from
# the predicted ages, then correlate: what is left is whether the model orders
# participants of the *same* site by age. The site-only model knows nothing
# within a site; its correlation is even negative, because each participant's
# own age is missing from the training mean of their site, so the oldest get
# the lowest predictions (the leave-out effect that also pushes the dummy's R²
# below 0).
from scipy import stats


def within_site(values):
    """Values minus the mean of their site."""
    centred = np.asarray(values, dtype=float).copy()
    for site_name in sites:
        centred[site == site_name] -= centred[site == site_name].mean()
    return centred


within = {name: stats.pearsonr(within_site(age), within_site(predictions[name]))
          for name in ["site only", "connectome (ridge)"]}
for name, result in within.items():
    print(f"{name:>20}: within-site correlation of predicted and true age r = {result.statistic:5.2f} "
          f"(p = {result.pvalue:.2g})")

# sphinx_gallery_start_ignore
# claim: "its correlation is even negative"
assert within["site only"].statistic < 0, within
# claim: "connectome model does order participants of the same site by age" (tolerance: r > 0, p < 0.05)
assert within["connectome (ridge)"].statistic > 0 and within["connectome (ridge)"].pvalue < 0.05, within
# sphinx_gallery_end_ignore

# %%
# The connectome model does order participants of the same site by age: its
# within-site correlation is positive and unlikely under no association (the
# printed p-value), which the site cannot explain.

# %%
# **Leave one site out.** Train on three sites and predict the fourth, which the
# model has never seen, a :term:`group k-fold` with sites as
# groups (:class:`~sklearn.model_selection.LeaveOneGroupOut`). Recognising the
# scanner is now useless, but the test is also harder than the pooled one: the
# held-out site's age range may lie outside the training ages (KKI and YALE are
# younger than the others) and its scanner shifts all connectivity values.
import pandas as pd
from sklearn.model_selection import LeaveOneGroupOut

loso = LeaveOneGroupOut()
loso_brain = cross_val_predict(brain_model, X, age, groups=site, cv=loso)
loso_dummy = cross_val_predict(DummyRegressor(strategy="mean"), X, age, groups=site, cv=loso)
rows = []
for site_name in sites:
    chosen = site == site_name
    rows.append({"held-out site": site_name, "n": chosen.sum(),
                 "mean age": age[chosen].mean(),
                 "MAE mean of other sites": mean_absolute_error(age[chosen], loso_dummy[chosen]),
                 "MAE connectome": mean_absolute_error(age[chosen], loso_brain[chosen])})
loso_table = pd.DataFrame(rows).set_index("held-out site")
print(loso_table.round(2).to_string())
loso_mae = {"mean baseline": mean_absolute_error(age, loso_dummy), "connectome": mean_absolute_error(age, loso_brain)}
print(f"all sites: MAE mean baseline {loso_mae['mean baseline']:.2f}, connectome {loso_mae['connectome']:.2f} years")

# sphinx_gallery_start_ignore
# claim: "the connectome model's error is larger on unseen sites than in the pooled folds"
assert loso_mae["connectome"] > mae["connectome (ridge)"], (loso_mae, mae)
# claim: "Over all sites it still beats the mean of the other sites, by a small margin" (small: less than a year)
assert 0 < loso_mae["mean baseline"] - loso_mae["connectome"] < 1, loso_mae
# claim: "at KKI, the youngest site, it does worse than the baseline"
assert loso_table["mean age"].idxmin() == "KKI", loso_table
assert loso_table.loc["KKI", "MAE connectome"] > loso_table.loc["KKI", "MAE mean of other sites"], loso_table
# claim: "which already misses KKI by years" (years: an MAE above 2 years)
assert loso_table.loc["KKI", "MAE mean of other sites"] > 2, loso_table
# sphinx_gallery_end_ignore

# %%
# As expected, the connectome model's error is larger on unseen sites than in
# the pooled folds. Over all sites it still beats the mean of the other sites,
# by a small margin, but not everywhere: at KKI, the youngest site, it does
# worse than the baseline, which already misses KKI by years because the other
# sites are older. A model that has never seen a site's scanner and age range
# can be wrong about all of its participants in the same direction.
#
# Taken together: the connectome model beats the site-only model in the pooled
# folds, orders participants of the same site by age and, on average, beats the
# baseline on unseen sites, so it carries some age information beyond the
# scanner. Every margin is small, though, and differences this small between
# two MAEs are within the noise of a sample this size; whatever part of the
# model's advantage over the dummy these checks do not confirm should be
# credited to the site. Two things none of these checks removes: head motion
# (children move more, and motion changes connectivity; see
# :ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py`), and the small
# sample, whose error bars are wide
# (:ref:`sphx_glr_classic_ml_plot_05_uncertainty.py`).

# %%
# The brain-age gap and its bias
# ------------------------------
# The *brain-age gap* (or delta) is predicted minus true age; a positive gap is
# read as "the brain looks older than it is". Plotted against true age, the gap
# of almost any model slopes downwards: the youngest participants are
# over-estimated and the oldest under-estimated. This is
# :term:`regression to the mean`, not biology: a model that is unsure pulls its predictions towards the
# average age (ridge does so explicitly through its shrinkage), and even a model
# that predicts the best possible guess for each brain has errors that are
# uncorrelated with its *predictions*, hence negatively correlated with the true
# age whenever it is not perfect.
brain_pred = predictions["connectome (ridge)"]
gap = brain_pred - age
r_gap, p_gap = stats.pearsonr(age, gap)
print(f"uncorrected gap: correlation with true age r = {r_gap:.2f} (p = {p_gap:.2g})")

# sphinx_gallery_start_ignore
# claim: "the gap of almost any model slopes downwards" (here: r < 0 with p < 0.05)
assert r_gap < 0 and p_gap < 0.05, (r_gap, p_gap)
# sphinx_gallery_end_ignore

# %%
# Correcting the bias with training data only
# -------------------------------------------
# The usual correction (Smith et al. 2019, `doi:10.1016/j.neuroimage.2019.06.017
# <https://doi.org/10.1016/j.neuroimage.2019.06.017>`_; de Lange & Cole 2020,
# `doi:10.1016/j.nicl.2020.102229 <https://doi.org/10.1016/j.nicl.2020.102229>`_)
# fits a line, predicted age ≈ a × age + b, and reports the corrected gap
# ``predicted - (a × age + b)``: how far the prediction is from what the model
# typically predicts *for someone of that age*. (Regressing the gap on age and
# keeping the residual is the same thing.)
#
# The line must be learnt from training participants only, and from
# predictions that are themselves out-of-sample: ridge's predictions of its own
# training ages are much closer to the truth than its predictions for new
# people, and would understate the bias. So, inside each outer fold, we run an
# inner 3-fold cross-validation on the training part, fit ``a`` and ``b`` on
# those inner predictions, and apply them to the outer test fold, whose
# predictions come from the model trained on the whole training part (the same
# folds as ``cross_val_predict`` above).
inner_cv = KFold(n_splits=3, shuffle=True, random_state=1)


def corrected_gaps(model, features, predicted):
    """Out-of-fold brain-age gaps, bias-corrected with lines fitted on training folds only."""
    corrected = np.empty_like(predicted)
    for train, test in cv.split(features):
        inner = cross_val_predict(model, features[train], age[train], cv=inner_cv)
        slope, intercept = np.polyfit(age[train], inner, deg=1)
        corrected[test] = predicted[test] - (slope * age[test] + intercept)
    return corrected


corrected_gap = corrected_gaps(brain_model, X, brain_pred)
r_corrected, p_corrected = stats.pearsonr(age, corrected_gap)
print(f"corrected gap: correlation with true age r = {r_corrected:.2f} (p = {p_corrected:.2g})")

# sphinx_gallery_start_ignore
# claim: "the gap no longer slopes significantly with age" (tolerance: p >= 0.05)
assert abs(r_corrected) < abs(r_gap) and p_corrected >= 0.05, (r_corrected, p_corrected)
# sphinx_gallery_end_ignore

# %%
# After the correction the gap no longer slopes significantly with age,
# although the line was fitted on other participants. A small residual slope is
# left (the printed r), because lines fitted on training folds this small do
# not match the test participants exactly.
fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained", sharex=True, sharey=True)
panels = [("uncorrected gap", gap, r_gap), ("corrected with training folds only", corrected_gap, r_corrected)]
for ax, (title, values, r) in zip(axes, panels):
    for site_name in sites:
        chosen = site == site_name
        ax.scatter(age[chosen], values[chosen], color=site_colors[site_name], label=site_name, alpha=0.8)
    slope, intercept = np.polyfit(age, values, deg=1)
    ax.plot(lims, slope * np.array(lims) + intercept, color="k", lw=1.5, label="least-squares line")
    ax.axhline(0, color="grey", lw=0.8)
    ax.set(xlabel="true age (years)", title=f"{title} (r = {r:.2f})")
axes[0].set_ylabel("brain-age gap: predicted - true (years)")
axes[0].legend(fontsize="small", ncol=2, loc="lower left")
fig.suptitle("The brain-age gap falls with age (regression to the mean) until corrected")
plt.show()

# %%
# The trap: a correction that uses the true age
# ---------------------------------------------
# The corrected gap uses the test participants' true ages (``a × age + b``), as
# it must: a gap is defined relative to chronological age. But this makes any
# "corrected predicted age" (``age + corrected gap``) partly a copy of the
# answer, and its error is no longer a measure of the model. Fitting the line on
# the test participants themselves is worse still: the gap is then uncorrelated
# with age by construction, and the test data are used twice.
#
# To see how circular it is, apply the same training-only correction to the
# dummy model, which never looked at a brain.
dummy_pred = predictions["mean age (dummy)"]
dummy_corrected_age = age + corrected_gaps(DummyRegressor(strategy="mean"), X, dummy_pred)
brain_corrected_age = age + corrected_gap
corrected_mae = {}
for name, corrected_age in [("connectome (ridge)", brain_corrected_age), ("mean age (dummy)", dummy_corrected_age)]:
    corrected_mae[name] = mean_absolute_error(age, corrected_age)
    print(f"{name:>20}: MAE of 'corrected predicted age' {corrected_mae[name]:5.2f} years, "
          f"R2 {r2_score(age, corrected_age):5.2f}")

# sphinx_gallery_start_ignore
# claim: "the connectome model's corrected error is smaller than its honest one"
assert corrected_mae["connectome (ridge)"] < mae["connectome (ridge)"], (corrected_mae, mae)
# claim: "the dummy hugs the diagonal" (hugs: MAE below half a year, the best of all)
assert corrected_mae["mean age (dummy)"] < min(0.5, corrected_mae["connectome (ridge)"]), corrected_mae
# sphinx_gallery_end_ignore

# %%
# Compare these errors with the uncorrected ones printed earlier: the
# connectome model's corrected error is smaller than its honest one, and the
# "corrected predicted age" of the dummy hugs the diagonal, although the dummy
# knows nothing (its predictions are constant within a fold, so the correction
# gives back the true age almost exactly). Report the *uncorrected* MAE and R²
# as the model's accuracy, always.
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained", sharex=True, sharey=True)
for ax, (name, corrected_age) in zip(axes, [("connectome (ridge)", brain_corrected_age),
                                              ("mean age (dummy)", dummy_corrected_age)]):
    ax.scatter(age, corrected_age, color="tab:purple", alpha=0.8)
    ax.plot(lims, lims, color="k", lw=1, ls="--", label="perfect prediction")
    ax.set(xlim=lims, ylim=lims, aspect="equal", xlabel="true age (years)",
           title=f"{name}: MAE {mean_absolute_error(age, corrected_age):.1f} years")
axes[0].set_ylabel("'corrected predicted age' (years)")
axes[0].legend(fontsize="small")
fig.suptitle("After bias correction even a model that ignores the brain looks accurate: do not report this")
plt.show()

# %%
# What the corrected gap can and cannot mean
# ------------------------------------------
# The corrected gap of a participant says how much older or younger the model
# judges them than it judges the training participants of the same age. It can
# be related to something the model did not see (a diagnosis, a cognitive score)
# with age as a covariate, which is what the correction amounts to. It cannot
# be a measure of accuracy, and it is not "biological age": with errors as large
# as the MAE printed above, most of each gap is the model's own error. It also still
# carries whatever the model uses besides age. Here is the mean corrected gap
# per site, with a Kruskal-Wallis test of whether it differs between sites, and
# its correlation with head motion (mean framewise displacement): either would
# mean that a group comparison of gaps could reflect scanner or motion, not
# brains.
motion = participants["func_mean_fd"].to_numpy(dtype=float)
by_site = pd.DataFrame({"site": site, "corrected gap (years)": corrected_gap, "mean FD (mm)": motion})
print(by_site.groupby("site").mean().round(2).to_string())
gap_by_site = stats.kruskal(*[corrected_gap[site == name] for name in sites])
print(f"corrected gap differs between sites: Kruskal-Wallis p = {gap_by_site.pvalue:.2g}")
r_motion, p_motion = stats.pearsonr(motion, corrected_gap)
print(f"correlation of the corrected gap with mean framewise displacement: r = {r_motion:.2f} (p = {p_motion:.2g})")

# sphinx_gallery_start_ignore
# claim: "the corrected gap differs between the sites" (tolerance: Kruskal-Wallis p < 0.05)
assert gap_by_site.pvalue < 0.05, gap_by_site
# claim: "the youngest site looking younger still"
site_means = by_site.groupby("site").mean()
assert site_means["corrected gap (years)"].idxmin() == participants.groupby("SITE_ID")["AGE_AT_SCAN"].mean().idxmin()
# claim: "participants who moved more look younger" (tolerance: r < 0, p < 0.05)
assert r_motion < 0 and p_motion < 0.05, (r_motion, p_motion)
# sphinx_gallery_end_ignore

# %%
# Both are present here: the corrected gap differs between the sites, the
# youngest site looking younger still, and participants who moved more look
# younger to the model, after the correction for age. These controls are all
# typically developing, so neither effect is biology the gap was meant to
# measure: comparing the gaps of two groups scanned at different sites, or
# moving differently, would compare scanners and motion. Match or model site
# and motion before such a comparison.

# %%
# .. admonition:: Exercise: how steep is the uncorrected gap?
#    :class: exercise
#
#    Fit the least-squares line of the uncorrected ``gap`` on true ``age`` (the black
#    line of the left panel of the gap figure) and store its slope, in years of gap
#    per year of age, in ``gap_slope``. Before computing: what slope would the
#    dummy, which predicts the same mean age for everyone, have?

# exercise: solution
# starter: gap_slope = ...  # your code here: slope of the line of gap on age
gap_slope = np.polyfit(age, gap, deg=1)[0]
print(f"slope of the uncorrected gap: {gap_slope:.2f} years per year of age")

# %%

# exercise: check
if not isinstance(gap_slope, (float, np.floating)):
    print("Not yet: store one slope (a float), e.g. the first value returned by np.polyfit(x, y, deg=1).")
elif np.sign(gap_slope) != np.sign(r_gap):
    print("Not yet: the slope must have the sign of the printed correlation r; fit gap (y) on age (x).")
elif not -1 <= gap_slope <= 0:
    print("Not yet: between perfect predictions (slope 0) and a constant guess (slope -1) lies every "
          "model in between; did you fit the gap, not the predicted age?")
else:
    print(f"Correct: {gap_slope:.2f}. A constant prediction would give -1 (its gap is mean - age) and a "
          f"perfect model 0: ridge is {abs(gap_slope):.0%} of the way to the constant guess.")

# %%
# .. admonition:: Exercise: is the motion effect only a site effect?
#    :class: exercise
#
#    Sites differ both in corrected gap and in motion, so the pooled correlation
#    of the corrected gap with motion could come from the sites alone. Subtract each
#    site's mean from both ``corrected_gap`` and ``motion`` (the page's
#    ``within_site`` function does it) and store the correlation of the centred values in ``r_motion_within``.
#    Predict first: does it vanish?

# exercise: solution
# starter: r_motion_within = ...  # your code here: correlation of gap and motion after removing site means
r_motion_within, p_motion_within = stats.pearsonr(within_site(motion), within_site(corrected_gap))
print(f"within sites: r = {r_motion_within:.2f} (p = {p_motion_within:.2g}); pooled r = {r_motion:.2f}")

# %%

# exercise: check
if not isinstance(r_motion_within, (float, np.floating)):
    print("Not yet: store one correlation (a float) in r_motion_within.")
elif not -1 <= r_motion_within <= 1:
    print("Not yet: a correlation lies between -1 and 1.")
elif np.isclose(r_motion_within, r_motion):
    print("Not yet: this is the pooled correlation; subtract each site's mean from both variables first.")
else:
    print(f"Correct: r = {r_motion_within:.2f} within sites, against {r_motion:.2f} pooled. "
          + ("Motion still goes with a younger-looking connectome inside a site: it is not only the site."
             if r_motion_within < -0.1 else "Inside the sites the relation is weak: much of it was the site."))

# %%
# Take-home
# ---------
#
# * Brain age is a :term:`regression`: report the :term:`mean absolute error`
#   (years) and R² from out-of-fold predictions, next to a mean-age
#   :term:`baseline`.
# * In multi-site data, site is a :term:`confound` of age: add a site-only
#   baseline, look at within-site agreement and test on unseen sites before
#   crediting the brain. Here the site alone came close to the connectome, and
#   an unseen site could be missed by years.
# * The brain-age gap falls with true age for any imperfect model. Correct it
#   with a line fitted on out-of-sample predictions of *training* participants,
#   and use the corrected gap only as an age-adjusted residual, which still
#   carries site and motion.
# * Never report the error of bias-corrected predictions: they contain the true
#   age, and even a dummy looks perfect after the correction.
#
# Confounds and site effects are the topic of
# :ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py`; a reusable nested
# cross-validation for your own data is in
# :ref:`sphx_glr_classic_ml_plot_11_template_pipeline.py`, and the same
# connectomes go into a neural network in
# :ref:`sphx_glr_deep_learning_plot_03_mlp_connectomes.py`.

# sphinx_gallery_thumbnail_number = 2
