"""
Evaluation and cross-validation: how good is a connectome classifier, really?
=============================================================================

A score computed on the data a model was trained on says nothing about new
participants. How do we estimate honestly how well a model predicts, and which
number do we report? We build resting-state :term:`connectome`\\ s for the
participants of three ABIDE sites (autistic and typically developing, children to
young adults) and use them to predict diagnosis, sex and age. You will learn why a
single train/test split is noisy, how k-fold :term:`cross-validation` and
:term:`stratification` work, why samples of the same participant or site must stay
on the same side of a split (:term:`group k-fold`), which classification and
regression :term:`metric`\\ s to report, and how to compute the right
:term:`chance level` when classes are unbalanced.
"""

# %%
# Data: one connectome per participant
# ------------------------------------
# :func:`nilearn.datasets.fetch_abide_pcp` returns, for each participant, the
# average fMRI signal of 200 regions (the ``rois_cc200`` derivative) and a table of
# phenotypes. We keep three small sites (KKI, PITT, YALE; the count and size are
# printed below), so that the example also runs in the browser.
# :class:`~nilearn.connectome.ConnectivityMeasure` turns each participant's region
# signals into a matrix of correlations and ``vectorize=True`` keeps its lower
# triangle as one row of features.
#
# To keep the hundreds of model fits below fast, we use every fourth region of the
# atlas. This is a fixed choice made before looking at any score; choosing
# regions by how well they predict would be :term:`double dipping`. In a few real
# scans a region's time series is constant: part of the region lies outside the
# scan's field of view, so there was no signal to average. Its correlations are
# undefined (nilearn would silently put 0, posing as a measured "no coupling"),
# so any such region among ours is dropped for everyone, which keeps the same
# connections for every participant and invents nothing (the counts are printed
# below).
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from nilearn import datasets
from nilearn.connectome import ConnectivityMeasure

abide = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], SITE_ID=["KKI", "PITT", "YALE"], verbose=0)
# The size of what the fetcher read (and, the first time, downloaded): one text file per participant.
series_dir = next(Path(d, "ABIDE_pcp", "cpac", "nofilt_noglobal") for d in datasets.get_data_dirs()
                  if Path(d, "ABIDE_pcp").is_dir())
megabytes = sum((series_dir / f"{i}_rois_cc200.1D").stat().st_size for i in abide.phenotypic["FILE_ID"]) / 1e6
print(f"{len(abide.phenotypic)} participants of {', '.join(sorted(set(abide.phenotypic['SITE_ID'])))}: "
      f"{megabytes:.0f} MB of region time series")
phenotypes = abide.phenotypic.reset_index(drop=True)
flat = np.array([signals.std(axis=0) == 0 for signals in abide.rois_cc200])  # participants x regions
selected = np.arange(flat.shape[1]) % 4 == 0  # every fourth region of the atlas
keep = selected & ~flat.any(axis=0)
print(f"{flat.any(axis=1).sum()} participant(s) have regions without signal "
      f"({flat.any(axis=0).sum()} of {flat.shape[1]} regions); dropping {np.sum(selected & ~keep)} "
      f"of the {selected.sum()} selected regions for everyone")
region_signals = [signals[:, keep] for signals in abide.rois_cc200]

connectivity = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True)
X = connectivity.fit_transform(region_signals)
diagnosis = (phenotypes["DX_GROUP"] == 1).astype(int).to_numpy()  # 1 = autism, 0 = control
female = (phenotypes["SEX"] == 2).astype(int).to_numpy()  # 1 = female, 0 = male
age = phenotypes["AGE_AT_SCAN"].to_numpy()
site = phenotypes["SITE_ID"].to_numpy()
print(f"X: {X.shape[0]} participants x {X.shape[1]} connections between {region_signals[0].shape[1]} regions")
print(phenotypes.groupby("SITE_ID")["DX_GROUP"].value_counts().unstack().rename(columns={1: "autism", 2: "control"}))
print(f"female participants: {female.sum()} of {female.size}")
# sphinx_gallery_start_ignore
# claim: "Few participants are female" (fewer than a third)
assert female.mean() < 1 / 3, female.mean()
# sphinx_gallery_end_ignore

# %%
# The model: a pipeline
# ---------------------
# All evaluations below use the same :term:`pipeline`: standardize each connection,
# then a logistic regression with strong :term:`regularization` (``C=0.05``: there
# are many more features than participants; tuning it is the topic of
# :ref:`sphx_glr_classic_ml_plot_06_hyperparameter_tuning.py`). Because the scaler sits *inside*
# the pipeline, every split refits it on the :term:`training set` only. The
# ``liblinear`` solver is fast for a small problem like this one.
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

model = make_pipeline(StandardScaler(), LogisticRegression(C=0.05, solver="liblinear"))

# %%
# One train/test split, and why it is not enough
# ----------------------------------------------
# The simplest honest evaluation holds out a :term:`test set`, here a quarter of the
# participants, trains on the rest, and scores once.
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

X_train, X_test, y_train, y_test = train_test_split(X, diagnosis, test_size=0.25, random_state=0)
model.fit(X_train, y_train)
print(f"one split: {len(y_train)} train, {len(y_test)} test, "
      f"accuracy {accuracy_score(y_test, model.predict(X_test)):.2f}; one participant more or "
      f"less correct moves it by {100 / len(y_test):.1f} percentage points")

# %%
# But which participants happen to land in the test set is an accident. Repeating
# the same split with 50 different seeds shows how much the score depends on that
# accident: each test participant is worth the few percentage points printed
# above, and the 50 scores spread over a range many times wider than one
# participant is worth.
split_scores = []
for seed in range(50):
    X_train, X_test, y_train, y_test = train_test_split(X, diagnosis, test_size=0.25, random_state=seed)
    split_scores.append(accuracy_score(y_test, model.fit(X_train, y_train).predict(X_test)))
split_scores = np.array(split_scores)
print(f"50 random splits: accuracy from {split_scores.min():.2f} to {split_scores.max():.2f}, "
      f"mean {split_scores.mean():.2f}, standard deviation {split_scores.std():.2f}")
# sphinx_gallery_start_ignore
# claim: "spread over a range many times wider than one participant is worth" (more than 4 times)
assert np.ptp(split_scores) > 4 / len(y_test), (np.ptp(split_scores), len(y_test))
# sphinx_gallery_end_ignore

fig, ax = plt.subplots(figsize=(8, 3.2), layout="constrained")
rng = np.random.default_rng(0)
ax.scatter(split_scores, rng.uniform(-0.2, 0.2, split_scores.size), alpha=0.6, color="tab:blue")
ax.axvline(split_scores.mean(), color="k", label=f"mean of the 50 splits ({split_scores.mean():.2f})")
ax.axvline(split_scores[0], color="tab:red", ls="--", label=f"the first split above ({split_scores[0]:.2f})")
ax.set(xlabel="test accuracy (diagnosis)", yticks=[], ylim=(-0.5, 0.8),
       title=f"The same model, 50 random 75/25 splits of the same {len(diagnosis)} participants")
ax.legend(loc="upper left", fontsize="small")
plt.show()

# %%
# k-fold cross-validation
# -----------------------
# k-fold :term:`cross-validation` cuts the data into *k* folds, trains on *k* - 1 of
# them and tests on the remaining one, *k* times, so that every participant is
# tested exactly once. :func:`~sklearn.model_selection.cross_val_score` runs the
# loop. The mean uses all the data, but the fold scores still vary a lot: report
# them, not only the mean (the :ref:`next example
# <sphx_glr_classic_ml_plot_05_uncertainty.py>` is about how uncertain this mean
# is).
from sklearn.model_selection import KFold, cross_val_score

kfold = KFold(n_splits=5, shuffle=True, random_state=0)
fold_scores = cross_val_score(model, X, diagnosis, cv=kfold, scoring="accuracy")
print("5-fold accuracies:", np.round(fold_scores, 2), f" mean {fold_scores.mean():.2f}")

# %%
# Stratification: keep the class proportions in every fold
# --------------------------------------------------------
# Few participants are female (the count is printed at the top). Plain k-fold
# splits at random, so the number of female participants per test fold is left to
# chance (first line below); with a rarer class or smaller folds, a fold can end up
# with almost none, and its score then partly reflects which classes it happened
# to contain. :term:`stratification`
# (:class:`~sklearn.model_selection.StratifiedKFold`) deals the samples of each
# class out evenly to the folds: here the stratified folds differ by at most one
# female participant, and plain k-fold spreads them at least as unevenly.
from sklearn.model_selection import GroupKFold, StratifiedKFold

stratified = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
for name, splitter in [("KFold", kfold), ("StratifiedKFold", stratified)]:
    counts = [int(female[test].sum()) for _, test in splitter.split(X, female)]
    print(f"{name:>15}: female participants per test fold {counts}")
# sphinx_gallery_start_ignore
female_per_fold = {name: [int(female[test].sum()) for _, test in splitter.split(X, female)]
                   for name, splitter in [("KFold", kfold), ("StratifiedKFold", stratified)]}
# claim: "the stratified folds differ by at most one"
assert np.ptp(female_per_fold["StratifiedKFold"]) <= 1, female_per_fold
# claim: "plain k-fold spreads them at least as unevenly"
assert np.ptp(female_per_fold["KFold"]) >= np.ptp(female_per_fold["StratifiedKFold"]), female_per_fold
# sphinx_gallery_end_ignore

# %%
# Which samples are in which fold?
# --------------------------------
# A picture of the splits makes the differences obvious. Each row below is one
# fold (red: test, blue: training) for the participants ordered by site and,
# within a site, by sex (for display only; the folds are those used above); the
# last two rows show each participant's sex and site. Stratified folds each hold a
# few female participants; group k-fold by site (next section) keeps each site
# whole, so a fold tests on one site the model never saw.
site_order = np.lexsort((female, site))  # by site, then male before female
sorted_site, sorted_female = site[site_order], female[site_order]
site_names = np.unique(site)
site_index = np.searchsorted(site_names, sorted_site)
group_kfold = GroupKFold(n_splits=3)
splitters = [("KFold (shuffled)", kfold), ("StratifiedKFold on sex", stratified),
             ("GroupKFold by site", group_kfold)]

fig, axes = plt.subplots(1, 3, figsize=(12, 3.8), layout="constrained")
for ax, (name, splitter) in zip(axes, splitters):
    groups = site if isinstance(splitter, GroupKFold) else None
    folds = list(splitter.split(X, female, groups=groups))  # the same folds as in the analyses
    for row, (_, test) in enumerate(folds):
        in_test = np.isin(np.arange(len(site)), test)[site_order]  # reordered for display only
        ax.scatter(np.arange(len(site_order)), np.full(len(site_order), row), c=in_test, cmap="coolwarm",
                   vmin=-0.3, vmax=1.2, marker="s", s=14, linewidths=0)
    n_folds = len(folds)
    ax.scatter(np.arange(len(site_order)), np.full(len(site_order), n_folds + 0.5),
               c=np.where(sorted_female == 1, "tab:pink", "tab:gray"), marker="s", s=14, linewidths=0)
    ax.scatter(np.arange(len(site_order)), np.full(len(site_order), n_folds + 1.5), c=site_index,
               cmap="Set2", vmin=0, vmax=7, marker="s", s=14, linewidths=0)
    ax.set_yticks(list(range(n_folds)) + [n_folds + 0.5, n_folds + 1.5],
                  [f"fold {i + 1}" for i in range(n_folds)] + ["sex (pink: F, grey: M)", "site"])
    ax.set(title=name, xlabel="participant (ordered by site)", ylim=(n_folds + 2.2, -0.7))
    for position, label in zip(np.searchsorted(sorted_site, site_names), site_names):
        ax.text(position + 1, n_folds + 1.5, label, fontsize="small", va="center", fontweight="bold")
fig.suptitle("Test samples (red) and training samples (blue) in each fold of three cross-validation schemes")
plt.show()

# %%
# Group splits: test on sites the model has not seen
# --------------------------------------------------
# Scanners, protocols and recruitment differ between sites, and in multi-site data
# such as ABIDE the site is usually far easier to predict from a connectome than
# the diagnosis (:ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py` shows
# it). If the model will be used at a new hospital, it must be tested on a
# site it has never seen. :class:`~sklearn.model_selection.LeaveOneGroupOut` with
# ``groups=site`` holds out one whole site per fold (:term:`group k-fold` with one
# site per fold). We use balanced accuracy here because the sites have different
# proportions of autistic participants.
from sklearn.model_selection import LeaveOneGroupOut

logo = LeaveOneGroupOut()
site_scores = cross_val_score(model, X, diagnosis, cv=logo, groups=site, scoring="balanced_accuracy")
for held_out, score in zip(logo.split(X, diagnosis, groups=site), site_scores):
    print(f"tested on {site[held_out[1]][0]:>4} (trained on the two other sites): balanced accuracy {score:.2f}")
mixed_scores = cross_val_score(model, X, diagnosis, cv=StratifiedKFold(5, shuffle=True, random_state=0),
                               scoring="balanced_accuracy")
print(f"mean over sites {site_scores.mean():.2f}; 5-fold with all sites mixed in training and "
      f"test: {mixed_scores.mean():.2f} (folds from {mixed_scores.min():.2f} to {mixed_scores.max():.2f})")
# sphinx_gallery_start_ignore
# claim: "the mean over held-out sites is lower than the mixed estimate"
assert site_scores.mean() < mixed_scores.mean(), (site_scores, mixed_scores)
# claim: "by less than the spread of the mixed folds"
assert mixed_scores.mean() - site_scores.mean() < np.ptp(mixed_scores), (site_scores, mixed_scores)
# sphinx_gallery_end_ignore

# %%
# Here the mean over held-out sites is lower than the mixed estimate, by less
# than the spread of the mixed folds: a model tested on sites it has seen can use
# what it learnt about those sites, but with three sites and a weak diagnostic
# signal the difference is small. The site-level number is the one to report
# for a model meant for new sites; both describe a weak classifier.

# %%
# Samples that are not independent: several windows per participant
# ------------------------------------------------------------------
# Some studies cut each recording into windows and treat every window as a sample,
# to have "more data". But the windows of one participant share that person's
# anatomy, head motion and scanner, and their connectomes look alike (this is why
# connectomes can fingerprint people). If plain k-fold puts some windows of a
# participant in training and others in test, the model can recognize the person
# instead of the diagnosis. Here each recording is cut into two halves, and we compare
# :class:`~sklearn.model_selection.KFold` over windows (**the mistake**) with
# :class:`~sklearn.model_selection.GroupKFold` over participants (correct).
window_signals, window_label, window_subject = [], [], []
for subject, signals in enumerate(region_signals):
    for window in np.array_split(signals, 2):
        window_signals.append(window)
        window_label.append(diagnosis[subject])
        window_subject.append(subject)
window_label, window_subject = np.array(window_label), np.array(window_subject)
X_windows = ConnectivityMeasure(kind="correlation", vectorize=True,
                                discard_diagonal=True).fit_transform(window_signals)

leaky = cross_val_score(model, X_windows, window_label, cv=KFold(5, shuffle=True, random_state=0),
                        scoring="balanced_accuracy")
grouped = cross_val_score(model, X_windows, window_label, cv=GroupKFold(5), groups=window_subject,
                          scoring="balanced_accuracy")
print(f"{X_windows.shape[0]} windows from {len(region_signals)} participants")
print(f"KFold over windows (WRONG, same people in train and test): {leaky.mean():.2f}")
print(f"GroupKFold by participant (correct):                     {grouped.mean():.2f}")
# sphinx_gallery_start_ignore
# claim: "The first line is far above the second" (by more than 0.1)
assert leaky.mean() - grouped.mean() > 0.1, (leaky.mean(), grouped.mean())
# sphinx_gallery_end_ignore

# %%
# The first line is far above the second, and that gain is pure optimism: the
# data and the model are identical, only the split changed. With the
# participant-level split the score is the one that describes new people. Always
# ask "what is one independent sample?" (a participant, a family, a site) and
# split by it.
#
# Classification metrics
# ----------------------
# Accuracy is only one :term:`metric`. :func:`~sklearn.model_selection.cross_validate`
# computes several in one pass, and
# :func:`~sklearn.model_selection.cross_val_predict` returns the held-out
# prediction of every participant (each one made by the model that did not see
# them), from which we draw the curves. We go back to one connectome per
# participant and stratified 5-fold.
from sklearn.model_selection import cross_val_predict, cross_validate

scores = cross_validate(model, X, diagnosis, cv=stratified,
                        scoring=["accuracy", "balanced_accuracy", "roc_auc"])
for metric in ["accuracy", "balanced_accuracy", "roc_auc"]:
    values = scores[f"test_{metric}"]
    print(f"{metric:>17}: {values.mean():.2f} (folds from {values.min():.2f} to {values.max():.2f})")

held_out_score = cross_val_predict(model, X, diagnosis, cv=stratified, method="decision_function")
held_out_class = (held_out_score > 0).astype(int)

# %%
# :term:`ROC AUC` looks at the continuous score rather than the yes/no decision: the
# ROC curve shows, for every threshold, the fraction of autistic participants
# detected against the fraction of controls wrongly flagged. The
# :term:`confusion matrix` counts the two kinds of errors at the default threshold.
# (The pooled AUC of the held-out scores on the left can differ a little from the
# mean of the fold AUCs printed above.)
from sklearn.metrics import ConfusionMatrixDisplay, RocCurveDisplay

fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained")
RocCurveDisplay.from_predictions(diagnosis, held_out_score, ax=axes[0], name="held-out predictions",
                                 plot_chance_level=True)
axes[0].set(xlabel="false positive rate (controls called autistic)",
            ylabel="true positive rate (autistic detected)", title="ROC curve")
ConfusionMatrixDisplay.from_predictions(diagnosis, held_out_class, display_labels=["control", "autism"],
                                        cmap="Blues", colorbar=False, ax=axes[1])
axes[1].set_title("Confusion matrix (counts of participants)")
fig.suptitle("Diagnosis from connectomes, held-out predictions of stratified 5-fold CV")
plt.show()

# %%
# The right chance level with unbalanced classes
# ----------------------------------------------
# Is 50 % the chance level? Only for balanced classes. Take sex, where most
# participants are male. A :class:`~sklearn.dummy.DummyClassifier` that always
# answers "male" ignores the connectome entirely, yet its accuracy is high.
# :term:`balanced accuracy` (the mean of the per-class recalls) gives any such
# constant guess 0.5, whatever the class proportions, so it is the safer number to
# report, together with a dummy :term:`baseline` computed with the *same*
# cross-validation.
from sklearn.dummy import DummyClassifier

sex_scores = {}
for name, estimator in [("dummy (most frequent)", DummyClassifier(strategy="most_frequent")),
                        ("logistic regression", model)]:
    cv_scores = cross_validate(estimator, X, female, cv=stratified, scoring=["accuracy", "balanced_accuracy"])
    sex_scores[name] = {metric: cv_scores[f"test_{metric}"].mean() for metric in ["accuracy", "balanced_accuracy"]}
    print(f"sex, {name:>21}: accuracy {sex_scores[name]['accuracy']:.2f}, "
          f"balanced accuracy {sex_scores[name]['balanced_accuracy']:.2f}")
# sphinx_gallery_start_ignore
dummy_sex, model_sex = sex_scores["dummy (most frequent)"], sex_scores["logistic regression"]
# claim: "the chance level of accuracy is far above 50 %" (the dummy accuracy above 0.65)
assert dummy_sex["accuracy"] > 0.65, dummy_sex
# claim: "the dummy scores a higher accuracy than the model"
assert dummy_sex["accuracy"] > model_sex["accuracy"], sex_scores
# claim: "the model scores a higher balanced accuracy than the dummy"
assert model_sex["balanced_accuracy"] > dummy_sex["balanced_accuracy"], sex_scores
# sphinx_gallery_end_ignore

# %%
# Compare the two numbers of the model with those of the dummy. Here the dummy
# scores a higher accuracy than the model, yet the model scores a higher balanced
# accuracy than the dummy (whose 0.5 is chance by construction): ranked by
# accuracy, the model that ignores the connectome would win. Only a margin over
# the dummy in balanced accuracy says that the connectome carries information
# about the label, and whether this margin is more than luck is what
# the permutation test of the next example answers.
#
# Regression metrics: predicting age
# ----------------------------------
# For a continuous :term:`label` such as age, the usual metrics are the
# :term:`mean absolute error` (MAE, in years) and the :term:`coefficient of
# determination` (R²: 0 means no better than always predicting the mean age of the
# training set). A :class:`~sklearn.dummy.DummyRegressor` gives the reference. We
# use ridge regression, the regression cousin of our classifier. Here ridge
# regression beats the dummy on both metrics (printed below), and the R² of the
# dummy comes out slightly below 0: the mean age of each test fold differs a
# little from the training mean that the dummy predicts.
from sklearn.dummy import DummyRegressor
from sklearn.linear_model import Ridge

age_model = make_pipeline(StandardScaler(), Ridge(alpha=100.0))
age_scores = {}
for name, estimator in [("dummy (mean age)", DummyRegressor()), ("ridge regression", age_model)]:
    cv_scores = cross_validate(estimator, X, age, cv=kfold, scoring=["neg_mean_absolute_error", "r2"])
    age_scores[name] = {"MAE": -cv_scores["test_neg_mean_absolute_error"].mean(), "R2": cv_scores["test_r2"].mean()}
    print(f"age, {name:>16}: MAE {age_scores[name]['MAE']:.1f} years, R² {age_scores[name]['R2']:.2f}")
predicted_age = cross_val_predict(age_model, X, age, cv=kfold)
print("mean age per site:", ", ".join(f"{name} {age[site == name].mean():.1f}" for name in np.unique(site)))
# sphinx_gallery_start_ignore
from scipy import stats

dummy_age, ridge_age = age_scores["dummy (mean age)"], age_scores["ridge regression"]
# claim: "ridge regression beats the dummy on both metrics"
assert ridge_age["MAE"] < dummy_age["MAE"] and ridge_age["R2"] > dummy_age["R2"], age_scores
# claim: "the R² of the dummy comes out slightly below 0" (between -0.3 and 0)
assert -0.3 < dummy_age["R2"] < 0, dummy_age
# claim: "predictions are pulled towards the mean age" (slope of predicted on true age below 1)
assert np.polyfit(age, predicted_age, 1)[0] < 1, np.polyfit(age, predicted_age, 1)
# claim: "so the oldest participants are underestimated" (mean error of the oldest quarter below 0)
oldest = age >= np.quantile(age, 0.75)
assert (predicted_age - age)[oldest].mean() < 0, (predicted_age - age)[oldest].mean()
# claim: "the sites recruited different age ranges" (Kruskal-Wallis p < 0.05)
assert stats.kruskal(*[age[site == name] for name in np.unique(site)]).pvalue < 0.05
# sphinx_gallery_end_ignore

fig, ax = plt.subplots(figsize=(5.5, 4.5), layout="constrained")
for name in site_names:
    ax.scatter(age[site == name], predicted_age[site == name], label=name, alpha=0.7)
limits = [age.min() - 1, age.max() + 1]
ax.plot(limits, limits, color="k", lw=1, label="perfect prediction")
ax.set(xlabel="true age (years)", ylabel="predicted age, held out (years)",
       title="Age from connectomes (5-fold CV)", xlim=limits, ylim=limits)
ax.legend(fontsize="small")
plt.show()

# %%
# The scatter shows a typical pattern: predictions are pulled towards the mean age,
# so the oldest participants are underestimated. MAE and R² summarize the cloud but
# do not show this bias; look at the plot. Notice also that the points cluster by
# site: the sites recruited different age ranges and site is easy to recognize
# from a connectome (the mean ages are printed above), so part of this "age"
# prediction may be site recognition.
# :ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py` shows how to check.

# %%
# .. admonition:: Exercise: more windows per participant, more optimism?
#    :class: exercise
#
#    Cut each recording into four windows instead of two, rebuild the window
#    connectomes in the same way, and score the same ``model`` with ``KFold(5,
#    shuffle=True, random_state=0)`` over windows and with ``GroupKFold(5)`` by
#    participant. Predict first: does the gap between the two grow, shrink or stay?
#    Store the two mean balanced accuracies in ``leaky_four`` and ``grouped_four``.

# exercise: solution
# starter: leaky_four = ...  # your code here: mean balanced accuracy of KFold over the 4-window connectomes
# starter: grouped_four = ...  # your code here: mean balanced accuracy of GroupKFold by participant
four_signals = [window for signals in region_signals for window in np.array_split(signals, 4)]
four_label, four_subject = np.repeat(diagnosis, 4), np.repeat(np.arange(len(region_signals)), 4)
X_four = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True).fit_transform(four_signals)
leaky_four = cross_val_score(model, X_four, four_label, cv=KFold(5, shuffle=True, random_state=0),
                             scoring="balanced_accuracy").mean()
grouped_four = cross_val_score(model, X_four, four_label, cv=GroupKFold(5), groups=four_subject,
                               scoring="balanced_accuracy").mean()
print(f"four windows: KFold {leaky_four:.2f}, GroupKFold {grouped_four:.2f} "
      f"(two windows: {leaky.mean():.2f} and {grouped.mean():.2f})")

# %%

# exercise: check
if not all(isinstance(v, (float, np.floating)) for v in (leaky_four, grouped_four)):
    print("Not yet: store two floats (the means of the fold scores) in leaky_four and grouped_four.")
elif not all(0 <= v <= 1 for v in (leaky_four, grouped_four)):
    print("Not yet: balanced accuracies lie between 0 and 1.")
elif leaky_four <= grouped_four:
    print("Not yet: KFold over windows should score above GroupKFold; did you pass groups= to GroupKFold only?")
else:
    print(f"Correct: gap {leaky_four - grouped_four:.2f} with four windows against "
          f"{leaky.mean() - grouped.mean():.2f} with two. Only the participant-level split describes new people, "
          "however many windows you cut.")

# %%
# .. admonition:: Exercise: does the age model work at a site it has not seen?
#    :class: exercise
#
#    Part of the age prediction may be site recognition. Score ``age_model`` and a
#    :class:`~sklearn.dummy.DummyRegressor` with ``LeaveOneGroupOut()`` and
#    ``groups=site`` (mean absolute error, ``scoring="neg_mean_absolute_error"``),
#    and store the two mean MAEs, in years and positive, in ``mae_site_out`` and
#    ``mae_dummy_site_out``. Predict first: does the ridge model still beat the dummy?

# exercise: solution
# starter: mae_site_out = ...  # your code here: mean MAE (years) of age_model, one site held out per fold
# starter: mae_dummy_site_out = ...  # your code here: the same for DummyRegressor()
mae_site_out = -cross_val_score(age_model, X, age, cv=logo, groups=site,
                                scoring="neg_mean_absolute_error").mean()
mae_dummy_site_out = -cross_val_score(DummyRegressor(), X, age, cv=logo, groups=site,
                                      scoring="neg_mean_absolute_error").mean()
print(f"one site held out: ridge MAE {mae_site_out:.1f} years, dummy {mae_dummy_site_out:.1f} years")

# %%

# exercise: check
if not all(isinstance(v, (float, np.floating)) for v in (mae_site_out, mae_dummy_site_out)):
    print("Not yet: store two floats (mean absolute errors in years) in mae_site_out and mae_dummy_site_out.")
elif min(mae_site_out, mae_dummy_site_out) <= 0:
    print("Not yet: an MAE is positive; scikit-learn returns its negative, so flip the sign.")
elif np.isclose(mae_site_out, age_scores["ridge regression"]["MAE"]):
    print("Not yet: this is the 5-fold MAE; use cv=LeaveOneGroupOut() with groups=site.")
else:
    print(f"Correct: ridge {mae_site_out:.1f} years, dummy {mae_dummy_site_out:.1f} years on unseen sites "
          f"(5-fold: {age_scores['ridge regression']['MAE']:.1f} and {age_scores['dummy (mean age)']['MAE']:.1f}). "
          + ("The model still beats the dummy on new sites." if mae_site_out < mae_dummy_site_out
             else "On new sites the model no longer beats the dummy: its 5-fold gain was partly the site."))

# %%
# Take-home
# ---------
#
# * Never score a model on its training data. One train/test split is honest but
#   noisy; k-fold :term:`cross-validation` tests every sample once and its fold
#   scores show the spread.
# * Use :term:`stratification` for classification, so that every fold keeps the
#   class proportions.
# * Split by the unit that is independent (participant, family, site) with
#   :term:`group k-fold` or leave-one-group-out; windows, runs or trials of one
#   person on both sides of a split inflate the score.
# * Report several :term:`metric`\ s: balanced accuracy and :term:`ROC AUC` for
#   classification, with a :term:`confusion matrix`; MAE and R² for regression.
# * Compute the :term:`chance level` with a dummy model and the same
#   cross-validation; with unbalanced classes, the chance level of accuracy is far
#   above 50 %.
#
# Next, :ref:`sphx_glr_classic_ml_plot_05_uncertainty.py` asks how precise a
# cross-validated score from this many participants is and whether it beats chance.
# :ref:`sphx_glr_classic_ml_plot_07_data_leakage.py` shows other ways evaluation
# goes wrong, and :ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py` deals
# with site and other confounds.

# sphinx_gallery_thumbnail_number = 2
