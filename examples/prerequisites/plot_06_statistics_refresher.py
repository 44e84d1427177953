"""
Statistics refresher: from group differences to individual predictions
======================================================================

If patients and controls differ significantly in a brain measure, can that measure
tell an individual patient from a control? We answer with simulated data whose
generative model we know (hippocampal volumes of patients and controls, and a
study of 100 brain regions of which only a few truly differ), so every estimate
can be checked against the truth. On the way we refresh descriptive statistics,
t-tests, :term:`effect size` with a :term:`bootstrap` :term:`confidence interval`,
correlation, linear regression and corrections for :term:`multiple comparisons`,
using only :mod:`scipy.stats`, NumPy and scikit-learn. The last section is the
bridge to machine learning: inference asks whether groups differ *on average*,
prediction asks whether we can tell *individuals* apart, and a small effect can be
highly significant and still useless for prediction.
"""

# %%
# A small study: hippocampal volume in patients and controls
# ----------------------------------------------------------
# 40 controls and 40 patients aged 20 to 80 years. The generative model, as in the
# :ref:`plotting example <sphx_glr_prerequisites_plot_05_plotting.py>`:
# hippocampal volume (mm³) = 4000 − 15 × (age − 50) − 250 × patient + noise, with
# normally distributed noise of standard deviation 300 mm³. Because we wrote the
# model, we know the truth: patients are 250 mm³ smaller at any given age.
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy import stats

rng = np.random.default_rng(seed=42)
n_per_group = 40
group = np.repeat(["control", "patient"], n_per_group)
is_patient = (group == "patient").astype(float)
age = rng.uniform(20, 80, size=group.size)
noise = rng.normal(0, 300, size=group.size)
volume = 4000 - 15 * (age - 50) - 250 * is_patient + noise
study = pd.DataFrame({"group": group, "age": age, "volume_mm3": volume})
controls = volume[group == "control"]
patients = volume[group == "patient"]

# %%
# Descriptive statistics
# ----------------------
# Before any test, describe the data. The standard deviation (SD) says how much
# *individuals* vary; the standard error of the mean (SEM = SD / √n) says how
# precisely the *mean* is known, and shrinks as the sample grows. The median and
# the interquartile range (IQR) are their robust counterparts, barely moved by a
# few extreme values. :meth:`pandas.DataFrame.groupby` computes them per group.
summary = study.groupby("group")["volume_mm3"].agg(
    n="count", mean="mean", sd="std", sem="sem", median="median",
    iqr=lambda values: values.quantile(0.75) - values.quantile(0.25),
)
summary.round(1)

# %%
# Comparing two groups: the t-test
# --------------------------------
# :func:`scipy.stats.ttest_ind` asks how surprising the observed difference of means
# would be if both groups came from the same population. The :term:`p-value` is the
# probability, under that null hypothesis, of a difference at least as large as the
# one observed. It is *not* the probability that the null hypothesis is true, and it
# says nothing about how large the difference is. ``equal_var=False`` selects
# Welch's test, which does not assume equal variances and is the safer default.
ttest = stats.ttest_ind(controls, patients, equal_var=False)
difference = controls.mean() - patients.mean()
ci_low, ci_high = ttest.confidence_interval(confidence_level=0.95)
print(f"mean difference (controls - patients): {difference:.0f} mm³, "
      f"95% CI [{ci_low:.0f}, {ci_high:.0f}] mm³ (true: 250)")
print(f"Welch t = {ttest.statistic:.2f}, df = {ttest.df:.1f}, p = {ttest.pvalue:.2g}")

# %%
# Effect size: Cohen's d with a bootstrap confidence interval
# -----------------------------------------------------------
# An :term:`effect size` describes *how large* the difference is, independently of
# the sample size. Cohen's d divides the difference of means by the pooled standard
# deviation: d = 1 means the group means are one standard deviation apart. In our
# model the SD of volume within a group combines the noise (300 mm³) and the spread
# due to age (15 mm³/year times the SD of a uniform age distribution over 60 years,
# 60 / √12), so the true d is known.
def cohens_d(a, b, axis=-1):
    """Standardized mean difference (mean(a) - mean(b)) / pooled standard deviation."""
    n_a, n_b = a.shape[axis], b.shape[axis]
    sum_of_squares = (n_a - 1) * a.var(axis=axis, ddof=1) + (n_b - 1) * b.var(axis=axis, ddof=1)
    pooled_sd = np.sqrt(sum_of_squares / (n_a + n_b - 2))
    return (a.mean(axis=axis) - b.mean(axis=axis)) / pooled_sd


true_d = 250 / np.sqrt(300**2 + (15 * 60 / np.sqrt(12)) ** 2)
observed_d = cohens_d(controls, patients)
print(f"Cohen's d: observed {observed_d:.2f}, true {true_d:.2f}")

# %%
# A single study's p-value and d are themselves random: another sample of 40 + 40
# from the same population would give other values. The *power* of the study, the
# probability that it detects the true effect at p < 0.05, follows from the true d
# and the sample size through the noncentral t distribution
# (:obj:`scipy.stats.nct`). A power well below 1 means that a real effect will
# often be missed; it is a property of the design, computed before any data exist.
dof_t = 2 * n_per_group - 2
noncentrality = true_d * np.sqrt(n_per_group / 2)
t_threshold = stats.t.ppf(0.975, dof_t)
power = (stats.nct.sf(t_threshold, dof_t, noncentrality)
         + stats.nct.cdf(-t_threshold, dof_t, noncentrality))
print(f"power of a t-test with {n_per_group} per group for d = {true_d:.2f}: {power:.2f}")
outcome = "detected" if ttest.pvalue < 0.05 else "missed"
print(f"this simulated study {outcome} the true effect (p = {ttest.pvalue:.2g}); "
      f"a study of this size misses it with probability {1 - power:.2f}")

# %%
# .. admonition:: Exercise: how much power with 100 per group?
#    :class: exercise
#
#    Reuse the three lines that computed ``power`` for a study with 100 participants
#    per group and the same true d. Predict first: more or less than double the
#    power of 40 per group? Store the result in ``power_100``.

# exercise: solution
# starter: power_100 = ...  # your code here: the power (a float) of a t-test with 100 per group
dof_100 = 2 * 100 - 2
noncentrality_100 = true_d * np.sqrt(100 / 2)
threshold_100 = stats.t.ppf(0.975, dof_100)
power_100 = float(stats.nct.sf(threshold_100, dof_100, noncentrality_100)
                  + stats.nct.cdf(-threshold_100, dof_100, noncentrality_100))
print(f"power with 100 per group: {power_100:.2f} (40 per group: {power:.2f})")

# %%

# exercise: check
if not isinstance(power_100, float):
    print("Not yet: store the power, one number (a float), in power_100.")
elif not 0 < power_100 < 1:
    print("Not yet: a power is a probability, between 0 and 1.")
elif power_100 <= power:
    print("Not yet: a larger study detects the same effect more often; use 100 in both the "
          "degrees of freedom (2 × 100 − 2) and the noncentrality (true_d × √(100 / 2)).")
else:
    print(f"Correct: {power_100:.2f} instead of {power:.2f}: "
          f"{power_100 / power:.1f} times the power for 2.5 times the participants; "
          f"a study of 100 per group still misses the effect with probability {1 - power_100:.2f}.")

# %%
# How uncertain is the observed d? The :term:`bootstrap` answers without formulas:
# draw new samples of the same size *from the data themselves*, with replacement,
# recompute d for each, and look at the spread. The 2.5th and 97.5th percentiles of
# the bootstrap distribution give a 95 % :term:`confidence interval`. NumPy draws
# all 5000 resamples at once: each row of the index arrays is one resample.
n_boot = 5000
boot_controls = controls[rng.integers(0, controls.size, size=(n_boot, controls.size))]
boot_patients = patients[rng.integers(0, patients.size, size=(n_boot, patients.size))]
boot_d = cohens_d(boot_controls, boot_patients)
boot_low, boot_high = np.percentile(boot_d, [2.5, 97.5])
print(f"bootstrap 95% CI for d (percentile): [{boot_low:.2f}, {boot_high:.2f}]")

# %%
# :func:`scipy.stats.bootstrap` does the same in one call, by default with the
# bias-corrected and accelerated (BCa) interval, which is more accurate for skewed
# bootstrap distributions. ``vectorized=True`` tells it that our function handles
# many resamples at once along ``axis``.
scipy_boot = stats.bootstrap((controls, patients), cohens_d, n_resamples=n_boot,
                             vectorized=True, rng=rng)
bca = scipy_boot.confidence_interval
print(f"scipy.stats.bootstrap 95% CI for d (BCa): [{bca.low:.2f}, {bca.high:.2f}]")

# %%
# The bootstrap distribution, its 95 % interval, the observed d and, because we
# simulated the data, the true d, which a real study never knows.
fig, ax = plt.subplots(figsize=(7, 3.8), layout="constrained")
ax.hist(boot_d, bins=60, color="0.7", label=f"{n_boot} bootstrap resamples")
ax.axvspan(boot_low, boot_high, color="#56B4E9", alpha=0.3, label="95% percentile interval")
ax.axvline(observed_d, color="#0072B2", linewidth=2, label="observed d")
ax.axvline(true_d, color="#D55E00", linewidth=2, linestyle="--", label="true d")
ax.set(xlabel="Cohen's d (controls − patients)", ylabel="number of resamples",
       title=f"Bootstrap distribution of d ({n_per_group} participants per group)")
ax.legend(loc="upper left", fontsize="small")
plt.show()

# %%
# Correlation
# -----------
# Pearson's r measures how well a straight line describes the relation of two
# variables (from −1 to 1); r² is the fraction of variance the line explains.
# Spearman's ρ is Pearson's r computed on ranks: it captures any monotonic relation
# and is robust to outliers. :func:`scipy.stats.pearsonr` also returns a confidence
# interval.
pearson = stats.pearsonr(study["age"], study["volume_mm3"])
r_low, r_high = pearson.confidence_interval()
spearman = stats.spearmanr(study["age"], study["volume_mm3"])
print(f"age vs volume: Pearson r = {pearson.statistic:.2f} [{r_low:.2f}, {r_high:.2f}], "
      f"p = {pearson.pvalue:.2g}")
print(f"               Spearman rho = {spearman.statistic:.2f}")

# %%
# One typing error shows the difference: a volume entered with an extra zero.
with_typo = study["volume_mm3"].to_numpy().copy()
with_typo[0] *= 10
typo_pearson = stats.pearsonr(study["age"], with_typo).statistic
typo_spearman = stats.spearmanr(study["age"], with_typo).statistic
print(f"with one typo: Pearson r = {typo_pearson:.2f}")
print(f"               Spearman rho = {typo_spearman:.2f}")
# sphinx_gallery_start_ignore
# claim: "Spearman's ρ resists them where Pearson's r does not" (the typo moves r at least five times more than ρ)
assert abs(typo_pearson - pearson.statistic) > 5 * abs(typo_spearman - spearman.statistic), (
    pearson.statistic, typo_pearson, spearman.statistic, typo_spearman)
# sphinx_gallery_end_ignore

# %%
# Always plot the data before trusting either number.
#
# Linear regression
# -----------------
# A correlation is symmetric and unitless; a regression line predicts one variable
# from another in its units. :func:`scipy.stats.linregress` fits volume = intercept +
# slope × age by least squares and returns the slope's standard error.
fit = stats.linregress(study["age"], study["volume_mm3"])
t_crit = stats.t.ppf(0.975, df=len(study) - 2)
slope_low, slope_high = fit.slope - t_crit * fit.stderr, fit.slope + t_crit * fit.stderr
print(f"slope {fit.slope:.1f} mm³/year, 95% CI [{slope_low:.1f}, {slope_high:.1f}] (true: -15)")
print(f"p = {fit.pvalue:.2g}, r² = {fit.rvalue**2:.2f}")

# %%
# With several predictors (age *and* group) the same least-squares idea needs a
# design matrix: one column per predictor plus a column of ones for the intercept.
# :func:`numpy.linalg.lstsq` solves it; standard errors, t-values and p-values
# follow from the residual variance, which is all a statistics package computes.
# We centre age at 50 years, so the intercept is the volume of a 50-year-old control.
design = np.column_stack([np.ones(len(study)), study["age"] - 50, is_patient])
beta, *_ = np.linalg.lstsq(design, study["volume_mm3"], rcond=None)
residuals = study["volume_mm3"] - design @ beta
dof = len(study) - design.shape[1]
residual_variance = residuals @ residuals / dof
standard_errors = np.sqrt(np.diag(residual_variance * np.linalg.inv(design.T @ design)))
t_values = beta / standard_errors
p_values_regression = 2 * stats.t.sf(np.abs(t_values), dof)
pd.DataFrame({
    "estimate": beta.round(1),
    "standard error": standard_errors.round(1),
    "t": t_values.round(2),
    "p": [f"{p:.1e}" for p in p_values_regression],
    "true value": [4000, -15, -250],
}, index=["intercept (control, 50 years)", "age (per year)", "patient - control"])

# %%
# The group coefficient is the difference between patients and controls *of the
# same age* (with the sign patient − control); it differs from the raw difference
# of means when the groups happen to differ in age. And with age in the model, the
# variance that age explains no longer counts as noise, so the group difference is
# estimated more precisely. Compare the standard errors of the group difference:
se_ttest = difference / ttest.statistic
print(f"standard error of the group difference: t-test {se_ttest:.0f} mm³, "
      f"regression with age {standard_errors[2]:.0f} mm³")
# sphinx_gallery_start_ignore
# claim: "the group difference is estimated more precisely" (smaller standard error with age in the model)
assert standard_errors[2] < se_ttest, (standard_errors[2], se_ttest)
# sphinx_gallery_end_ignore

# %%
# scikit-learn's :class:`~sklearn.linear_model.LinearRegression` finds the same
# coefficients, but reports no standard errors or p-values: it is built for
# prediction, not inference, a difference the last section of this page makes
# concrete.
from sklearn.linear_model import LinearRegression

sk_fit = LinearRegression().fit(design[:, 1:], study["volume_mm3"])
print("scikit-learn:", np.round([sk_fit.intercept_, *sk_fit.coef_], 1))
print("lstsq:       ", np.round(beta, 1))

# %%
# The fitted model is two parallel lines, one per group.
colours = {"control": "#0072B2", "patient": "#E69F00"}
ages = np.array([20, 80])
fig, ax = plt.subplots(figsize=(7, 4.2), layout="constrained")
for name, patient in [("control", 0), ("patient", 1)]:
    rows = study[study["group"] == name]
    ax.scatter(rows["age"], rows["volume_mm3"], s=18, color=colours[name], label=f"{name}s")
    line = beta[0] + beta[1] * (ages - 50) + beta[2] * patient
    ax.plot(ages, line, color=colours[name], linewidth=2)
ax.set(xlabel="age (years)", ylabel="hippocampal volume (mm³)",
       title="Least-squares fit: volume ~ age + group")
ax.legend()
plt.show()

# %%
# Many tests at once: multiple comparisons
# ----------------------------------------
# Brain studies rarely test one measure. Suppose we compare 30 patients and 30
# controls in each of 100 brain regions, and, as we know because we simulate it,
# only the first 10 regions truly differ (by d = 0.8); the other 90 do not. At
# p < 0.05, each of the 90 null regions has a 5 % chance of a false positive, so
# some are expected by chance alone. Two standard corrections:
#
# * **Bonferroni** tests each region at 0.05 / 100. It controls the family-wise
#   error rate (the probability of *any* false positive) at 0.05: false positives
#   stay possible, but at most one study in twenty has one, at the price of
#   missing true effects.
# * **Benjamini–Hochberg** controls the :term:`false discovery rate` (the expected
#   fraction of false positives among the regions declared significant).
#   :func:`scipy.stats.false_discovery_control` turns p-values into adjusted
#   p-values; regions with an adjusted p below 0.05 are kept.
#
# :func:`~scipy.stats.ttest_ind` with ``axis=0`` runs all 100 tests in one call.
n_regions, n_true, n_subjects, alpha = 100, 10, 30, 0.05
true_effect = np.zeros(n_regions)
true_effect[:n_true] = 0.8
regions_controls = rng.normal(0, 1, size=(n_subjects, n_regions)) + true_effect
regions_patients = rng.normal(0, 1, size=(n_subjects, n_regions))
p_values = stats.ttest_ind(regions_controls, regions_patients, axis=0).pvalue
is_true = true_effect > 0

decisions = {
    "uncorrected (p < 0.05)": p_values < alpha,
    "Bonferroni (p < 0.05/100)": p_values < alpha / n_regions,
    "FDR, Benjamini-Hochberg (q < 0.05)": stats.false_discovery_control(p_values) < alpha,
}
pd.DataFrame({
    method: {"declared significant": significant.sum(),
             "true positives": (significant & is_true).sum(),
             "false positives": (significant & ~is_true).sum()}
    for method, significant in decisions.items()
}).transpose()

# %%
# The sorted p-values show how each rule draws its line. Benjamini–Hochberg
# compares the k-th smallest p-value with k / 100 × 0.05: a sloping threshold,
# between the uncorrected and the Bonferroni line.
order = np.argsort(p_values)
rank = np.arange(1, n_regions + 1)
sorted_p, sorted_true = p_values[order], is_true[order]
fig, ax = plt.subplots(figsize=(7.5, 4.5), layout="constrained")
ax.scatter(rank[sorted_true], sorted_p[sorted_true], color="#D55E00", s=25, zorder=3,
           label="region with a true effect")
ax.scatter(rank[~sorted_true], sorted_p[~sorted_true], color="0.5", s=12, zorder=3,
           label="region without an effect")
ax.axhline(alpha, color="black", linestyle=":", label="p = 0.05 (uncorrected)")
ax.axhline(alpha / n_regions, color="#0072B2", linestyle="--", label="Bonferroni 0.05 / 100")
ax.plot(rank, rank / n_regions * alpha, color="#009E73",
        label="Benjamini–Hochberg k / 100 × 0.05")
ax.set(xscale="log", yscale="log", xlabel="rank of the p-value (smallest first)",
       ylabel="p-value", title="100 regions, 10 with a true effect: one simulated study")
ax.legend(fontsize="small", loc="lower right")
plt.show()

# %%
# One study is one roll of the dice. Repeating the simulated study 500 times
# (all at once, with a leading axis for the repetitions) measures what each rule
# guarantees: the family-wise error rate (studies with at least one false
# positive), the average false discovery proportion (false positives among the
# declared regions), and the sensitivity (fraction of the 10 true effects found).
n_studies = 500
shape = (n_studies, n_subjects, n_regions)
many_controls = rng.normal(0, 1, size=shape) + true_effect
many_patients = rng.normal(0, 1, size=shape)
many_p = stats.ttest_ind(many_controls, many_patients, axis=1).pvalue  # (studies, regions)
del many_controls, many_patients

rules = {
    "uncorrected": many_p < alpha,
    "Bonferroni": many_p < alpha / n_regions,
    "FDR (Benjamini-Hochberg)": stats.false_discovery_control(many_p, axis=1) < alpha,
}
rows = {}
for method, significant in rules.items():
    false_pos = (significant & ~is_true).sum(axis=1)
    declared = significant.sum(axis=1)
    rows[method] = {
        "family-wise error rate": np.mean(false_pos > 0),
        "false discovery proportion": np.mean(false_pos / np.maximum(declared, 1)),
        "sensitivity": np.mean((significant & is_true).sum(axis=1) / n_true),
    }
error_rates = pd.DataFrame(rows).transpose()
# sphinx_gallery_start_ignore
# claim: "Uncorrected testing almost guarantees false positives somewhere" (family-wise error rate above 0.9)
assert error_rates.loc["uncorrected", "family-wise error rate"] > 0.9, error_rates
# claim: "Bonferroni keeps them rare but misses many true effects"
# (FWER below 0.05 plus two binomial standard errors; sensitivity < 0.6)
assert error_rates.loc["Bonferroni", "family-wise error rate"] < alpha + 2 * np.sqrt(alpha * (1 - alpha) / n_studies)
assert error_rates.loc["Bonferroni", "sensitivity"] < 0.6, error_rates
# claim: "FDR control sits in between" (its sensitivity and its family-wise error rate between the other two)
for column in ["sensitivity", "family-wise error rate"]:
    assert (error_rates.loc["Bonferroni", column] < error_rates.loc["FDR (Benjamini-Hochberg)", column]
            < error_rates.loc["uncorrected", column]), error_rates
# sphinx_gallery_end_ignore
error_rates.round(3)

# %%
# Uncorrected testing almost guarantees false positives somewhere; Bonferroni keeps
# them rare but misses many true effects; FDR control sits in between. Bonferroni
# is exact only for independent tests; neighbouring voxels of a brain map are
# strongly correlated, so it is overly strict there. For voxel maps the usual
# family-wise control is a max-T permutation test, which finds the threshold from
# the maximum statistic of each permutation (nilearn's
# :func:`~nilearn.mass_univariate.permuted_ols` and
# :func:`~nilearn.glm.second_level.non_parametric_inference`), or random field
# theory in SPM; FDR control is a common, more lenient alternative when a bounded
# fraction of false discoveries is acceptable.
#
# Inference is not prediction
# ---------------------------
# A t-test asks whether two groups differ *on average*. With enough participants,
# even a tiny average difference becomes "highly significant". A clinician, or a
# machine-learning model, needs something else: to tell *individuals* apart. For two
# normal distributions with equal spread separated by an effect size d, the best
# possible accuracy of any rule is Φ(d / 2), where Φ is the standard normal
# cumulative distribution function (``cdf`` of :obj:`scipy.stats.norm`).
#
# We simulate a large cohort, 1000 per group, with a biomarker whose true effect
# size is d = 0.3, a "small" effect in Cohen's terms and typical of group
# differences in brain imaging.
d_small, n_large = 0.3, 1000
marker_controls = rng.normal(d_small, 1, size=n_large)
marker_patients = rng.normal(0, 1, size=n_large)
big_test = stats.ttest_ind(marker_controls, marker_patients)
big_d = cohens_d(marker_controls, marker_patients)
print(f"t-test: p = {big_test.pvalue:.1e}, Cohen's d = {big_d:.2f}")
print(f"best possible accuracy for d = {d_small}: {stats.norm.cdf(d_small / 2):.3f}")

fig, ax = plt.subplots(figsize=(7, 3.8), layout="constrained")
bins = np.linspace(-4, 4.3, 50)
ax.hist(marker_controls, bins=bins, alpha=0.5, color=colours["control"], label="controls")
ax.hist(marker_patients, bins=bins, alpha=0.5, color=colours["patient"], label="patients")
ax.set(xlabel="biomarker (SD units)", ylabel="number of participants",
       title=f"d = {big_d:.2f}, {n_large} per group: p = {big_test.pvalue:.0e}, "
             "yet the groups overlap")
ax.legend()
plt.show()

# %%
# Now the prediction question, asked the machine-learning way: a logistic
# regression :term:`model` learns to predict the group :term:`label` from the
# biomarker (its only :term:`feature`), and :term:`cross-validation` scores it on
# participants it was not trained on. :class:`~sklearn.model_selection.StratifiedKFold`
# keeps the two groups equally represented in every fold, and
# :term:`balanced accuracy` makes 0.5 the :term:`chance level`, which a
# :class:`~sklearn.dummy.DummyClassifier` confirms as the :term:`baseline`. The next
# example introduces these tools properly; here we only need the numbers.
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

X = np.concatenate([marker_controls, marker_patients]).reshape(-1, 1)
y = np.repeat([0, 1], n_large)  # 0 = control, 1 = patient
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
model_scores = cross_val_score(LogisticRegression(), X, y, cv=cv, scoring="balanced_accuracy")
dummy_scores = cross_val_score(DummyClassifier(), X, y, cv=cv, scoring="balanced_accuracy")
print(f"logistic regression: balanced accuracy {model_scores.mean():.3f} "
      f"± {model_scores.std():.3f} (5 folds)")
print(f"dummy baseline:      balanced accuracy {dummy_scores.mean():.3f}")

# %%
# Finally, the same comparison across sample sizes, each size repeated in 20
# simulated studies so that one lucky draw cannot make the curve. To keep this
# fast we write the classifier by hand: with one feature and two equal groups of
# equal spread, logistic regression learns a threshold close to halfway between
# the two groups' training means, and that threshold rule (the best one for this
# model) is what each study fits on four folds and scores on the fifth. The median
# p-value falls by many orders of magnitude between 25 and 2000 per group,
# because the *mean* difference is known ever more precisely. The cross-validated accuracy
# does not follow: from 100 per group on, its mean plateaus at the ceiling
# Φ(d / 2) fixed by the overlap of the two distributions, which no amount of data
# can remove. What more participants buy is a smaller spread between studies:
# below 100 per group, single studies scatter widely around the ceiling, some
# far above it by luck.
sizes = np.array([25, 50, 100, 250, 500, 1000, 2000])
n_repeats = 20
p_by_size = np.empty((len(sizes), n_repeats))
accuracy_by_size = np.empty((len(sizes), n_repeats))
for i, n in enumerate(sizes):
    a = rng.normal(d_small, 1, size=(n_repeats, n))  # controls of the 20 studies, one row each
    b = rng.normal(0, 1, size=(n_repeats, n))  # patients
    p_by_size[i] = stats.ttest_ind(a, b, axis=1).pvalue
    labels = np.repeat([0, 1], n)
    fold_scores = []
    for train, test in cv.split(np.zeros((2 * n, 1)), labels):
        values = np.concatenate([a, b], axis=1)
        train_c, train_p = train[labels[train] == 0], train[labels[train] == 1]
        threshold = (values[:, train_c].mean(axis=1) + values[:, train_p].mean(axis=1)) / 2
        called_control = values[:, test] > threshold[:, None]
        is_control = labels[test] == 0
        recall_c = called_control[:, is_control].mean(axis=1)
        recall_p = (~called_control[:, ~is_control]).mean(axis=1)
        fold_scores.append((recall_c + recall_p) / 2)  # balanced accuracy of each study on this fold
    accuracy_by_size[i] = np.mean(fold_scores, axis=0)
median_p = np.median(p_by_size, axis=1)
acc_mean, acc_sd = accuracy_by_size.mean(axis=1), accuracy_by_size.std(axis=1)
ceiling = stats.norm.cdf(d_small / 2)
print(pd.DataFrame({"median p": [f"{p:.1e}" for p in median_p], "mean accuracy": acc_mean.round(3),
                    "SD over studies": acc_sd.round(3)}, index=pd.Index(sizes, name="per group")))
# sphinx_gallery_start_ignore
# claim: "p-value falls by many orders of magnitude between 25 and 2000 per group" (by more than 10 orders)
assert median_p[-1] < 1e-10 * median_p[0], median_p
# claim: "its mean plateaus at the ceiling" (within 0.01 of Φ(d/2) from 100 per group on)
assert np.all(np.abs(acc_mean[sizes >= 100] - ceiling) < 0.01), (acc_mean, ceiling)
# claim: "What more participants buy is a smaller spread between studies" (SD falls at every step)
assert np.all(np.diff(acc_sd) < 0), acc_sd
# claim: "single studies scatter widely around the ceiling, some far above it by luck" (SD > 0.05; best > ceiling + 0.1)
assert acc_sd[0] > 0.05 and accuracy_by_size[0].max() > ceiling + 0.1, accuracy_by_size[0]
# sphinx_gallery_end_ignore

fig, axes = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
axes[0].plot(sizes, median_p, "o-", color="0.3")
axes[0].axhline(0.05, color="black", linestyle=":", label="p = 0.05")
axes[0].set(xscale="log", yscale="log", xlabel="participants per group",
            ylabel="median t-test p-value (20 studies)", title="Inference: p shrinks as n grows")
axes[0].legend()

axes[1].errorbar(sizes, acc_mean, yerr=acc_sd, fmt="o-", color="#0072B2", capsize=4,
                 label="cross-validated (mean ± SD over 20 studies)")
axes[1].axhline(ceiling, color="#009E73", linestyle="--",
                label="best possible, Φ(d/2)")
axes[1].axhline(0.5, color="black", linestyle=":", label="chance level")
axes[1].set(xscale="log", ylim=(0.3, 0.8), xlabel="participants per group",
            ylabel="balanced accuracy", title="Prediction: accuracy plateaus at Φ(d/2)")
axes[1].legend(loc="upper right")
fig.suptitle(f"d = {d_small}: a significant group difference, a poor individual prediction")
plt.show()

# %%
# .. admonition:: Exercise: is a "large" effect a good biomarker?
#    :class: exercise
#
#    Cohen called d = 0.8 a large effect (the effect of the ten true regions of the
#    multiple-comparisons study). Compute the best possible accuracy for it,
#    Φ(d / 2), in ``ceiling_d08``. Then check it the machine-learning way: simulate
#    1000 controls and 1000 patients with d = 0.8 (use a new generator,
#    ``np.random.default_rng(1)``), and store the mean cross-validated balanced
#    accuracy of the logistic regression, on the same folds ``cv``, in
#    ``accuracy_d08``. Predict first: above 0.8?

# exercise: solution
# starter: ceiling_d08 = ...  # your code here: the best possible accuracy for d = 0.8
# starter: accuracy_d08 = ...  # your code here: mean cross-validated balanced accuracy for d = 0.8
ceiling_d08 = float(stats.norm.cdf(0.8 / 2))
rng_ex2 = np.random.default_rng(1)
X_d08 = np.concatenate([rng_ex2.normal(0.8, 1, size=n_large),
                        rng_ex2.normal(0, 1, size=n_large)]).reshape(-1, 1)
accuracy_d08 = float(cross_val_score(LogisticRegression(), X_d08, y, cv=cv,
                                     scoring="balanced_accuracy").mean())
print(f"d = 0.8: ceiling {ceiling_d08:.3f}, cross-validated balanced accuracy {accuracy_d08:.3f}")

# %%

# exercise: check
if not all(isinstance(value, float) for value in (ceiling_d08, accuracy_d08)):
    print("Not yet: store two numbers (floats) in ceiling_d08 and accuracy_d08.")
elif not ceiling < ceiling_d08 < 1:
    print("Not yet: a larger d gives a higher ceiling than Φ(0.3 / 2); use stats.norm.cdf(0.8 / 2).")
elif not 0.5 < accuracy_d08 < 1:
    print("Not yet: the balanced accuracy should lie between chance (0.5) and 1; did you use "
          "the new biomarker and the labels y?")
elif abs(accuracy_d08 - ceiling_d08) > 0.03:
    print("Not yet: with 1000 per group the cross-validated accuracy lands close to its ceiling; "
          "check that the controls have mean 0.8 and the patients mean 0.")
else:
    print(f"Correct: ceiling {ceiling_d08:.3f}, cross-validated {accuracy_d08:.3f}: even a "
          f"'large' group effect misclassifies {1 - accuracy_d08:.0%} of the individuals.")

# %%
# Take-home
# ---------
# * Report spread (SD) and precision (SEM, confidence intervals) separately; the
#   median and IQR resist outliers, and Spearman's ρ resists them where Pearson's r
#   does not.
# * A :term:`p-value` says whether an effect is distinguishable from zero, an
#   :term:`effect size` how large it is; report both, with a :term:`confidence
#   interval` (the :term:`bootstrap` gives one for almost any statistic).
# * Regression with covariates (here age) estimates group effects more precisely;
#   :func:`numpy.linalg.lstsq` and :func:`scipy.stats.linregress` are enough to fit it.
# * Testing many regions requires a correction: Bonferroni bounds the probability
#   of any false positive at α (here 0.05), :term:`false discovery rate` control
#   bounds their expected fraction; for voxel maps, max-T permutation tests
#   control the family-wise error without assuming independent tests.
# * Significance grows with sample size, predictive accuracy plateaus: a small
#   effect stays close to :term:`chance level` for individuals, however many
#   participants confirm it on average.
#
# Next, :ref:`sphx_glr_prerequisites_plot_07_first_sklearn_estimator.py` introduces
# the scikit-learn tools used in the last section: estimators, pipelines and
# cross-validation.

# sphinx_gallery_thumbnail_number = 5
