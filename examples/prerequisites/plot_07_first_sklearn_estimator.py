"""
First steps with scikit-learn: predicting age from cortical thickness
=====================================================================

How well can a participant's age be predicted from the thickness of their cortex,
and how do we measure that honestly? We simulate a participant table with a stated
generative model (cortical thickness in 30 regions thins with age; two volumes in
cubic millimetres sit on a completely different scale) and use it to learn
scikit-learn's :term:`estimator` API: ``fit``, ``predict``, ``transform`` and
``score``. You will see why features must be put on a common scale, why that
scaling belongs inside a :term:`pipeline`, how a dummy :term:`baseline` tells you
what "good" means, and how :term:`cross-validation` turns one score into several
whose spread you can plot.
"""

# %%
# A simulated participant table
# -----------------------------
# Each row is one participant (a :term:`sample`), each column a :term:`feature`; the
# :term:`label` to predict is age. The generative model, for 300 participants aged
# 18 to 88:
#
# * cortical thickness (mm) of region r = baseline_r + slope_r × (age − 50)
#   + individual offset + noise, where the 30 baselines lie between 2.2 and 3.2 mm,
#   the slopes between −0.008 and −0.002 mm per year (the cortex thins with age at a
#   rate that differs between regions), the individual offset (standard deviation
#   0.08 mm) is shared by all regions of one person, and the noise has a standard
#   deviation of 0.15 mm;
# * white-matter hyperintensity volume (mm³): log-normal, growing by 4 % per year
#   of age, with a large spread between people;
# * intracranial volume (mm³): normal with mean 1 500 000 and standard deviation
#   150 000, *unrelated* to age.
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

rng = np.random.default_rng(seed=7)
n_participants, n_regions = 300, 30
age = rng.uniform(18, 88, size=n_participants)
baseline = rng.uniform(2.2, 3.2, size=n_regions)
slope = rng.uniform(-0.008, -0.002, size=n_regions)
offset = rng.normal(0, 0.08, size=(n_participants, 1))
thickness = (baseline + np.outer(age - 50, slope) + offset
             + rng.normal(0, 0.15, size=(n_participants, n_regions)))

X = pd.DataFrame(thickness, columns=[f"thickness_{r:02d}_mm" for r in range(n_regions)])
log_wmh = np.log(2000) + 0.04 * (age - 50) + rng.normal(0, 0.5, size=n_participants)
X["wmh_volume_mm3"] = np.exp(log_wmh)
X["icv_mm3"] = rng.normal(1_500_000, 150_000, size=n_participants)
y = pd.Series(age, name="age_years")
print("X:", X.shape, " y:", y.shape)
X.iloc[:5, [0, 1, -2, -1]].round(2)

# %%
# A training set and a test set
# -----------------------------
# A model must be judged on participants it has not seen. The simplest way is to
# hold out a :term:`test set`: :func:`~sklearn.model_selection.train_test_split`
# shuffles the rows and keeps a quarter of them aside; the model learns from the
# :term:`training set` only. Here each row is a different person, so rows are
# independent and a random split is fine (with repeated scans of the same person,
# all of a person's scans would have to stay on the same side).
from sklearn.model_selection import train_test_split

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
print(f"training set: {len(X_train)} participants, test set: {len(X_test)} participants")

# %%
# The estimator API: fit, then predict or transform
# -------------------------------------------------
# Every scikit-learn object that learns from data is an *estimator*, and they all
# work the same way:
#
# 1. create it, choosing its settings (:term:`hyperparameter` values) —
#    nothing is learned yet;
# 2. ``fit(X, y)`` learns from the training data and stores what it learned in
#    attributes whose names end with an underscore (``mean_``, ``coef_``);
# 3. a *transformer* then changes data with ``transform(X)``, a *predictor* makes
#    predictions with ``predict(X)`` and rates them with ``score(X, y)``.
#
# :class:`~sklearn.preprocessing.StandardScaler` is a transformer. ``fit`` learns each
# feature's mean and standard deviation; ``transform`` subtracts and divides
# (:term:`standardization`), so every feature ends up with mean 0 and standard
# deviation 1 *on the data it was fitted on*.
from sklearn.preprocessing import StandardScaler

scaler = StandardScaler()
scaler.fit(X_train)
X_train_scaled = scaler.transform(X_train)
columns = ["thickness_00_mm", "wmh_volume_mm3", "icv_mm3"]
position = [X.columns.get_loc(c) for c in columns]
pd.DataFrame({
    "learned mean_": scaler.mean_[position],
    "learned scale_ (SD)": scaler.scale_[position],
    "SD after transform": X_train_scaled[:, position].std(axis=0),
}, index=columns).round(3)

# %%
# :class:`~sklearn.linear_model.Ridge` is a predictor: a linear :term:`regression`
# with a small penalty on the size of its coefficients (its hyperparameter
# ``alpha``), which keeps 32 correlated features from producing wild weights.
# ``score`` returns the :term:`coefficient of determination` R² (1 is perfect, 0 is
# no better than predicting the mean age of the test set); the
# :term:`mean absolute error` is easier to read, in years.
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error

ridge = Ridge(alpha=1.0)
ridge.fit(X_train_scaled, y_train)
X_test_scaled = scaler.transform(X_test)  # the scaler fitted on the training set
predicted = ridge.predict(X_test_scaled)
print("first five test participants, true age:     ", y_test.to_numpy()[:5].round(0))
print("first five test participants, predicted age:", predicted[:5].round(0))
print(f"ridge: R² = {ridge.score(X_test_scaled, y_test):.3f}, "
      f"MAE = {mean_absolute_error(y_test, predicted):.1f} years")

# %%
# The baseline: what does a model that ignores the brain score?
# --------------------------------------------------------------
# An error of this size may sound good, but good compared to what?
# :class:`~sklearn.dummy.DummyRegressor` ignores the features and always predicts the
# mean age of the training set. Any model worth reporting must beat it clearly.
from sklearn.dummy import DummyRegressor

dummy = DummyRegressor(strategy="mean").fit(X_train, y_train)
print(f"dummy: R² = {dummy.score(X_test, y_test):.3f}, "
      f"MAE = {mean_absolute_error(y_test, dummy.predict(X_test)):.1f} years")

# %%
# Why scale at all?
# -----------------
# Thickness varies by fractions of a millimetre, intracranial volume by hundreds of
# thousands of cubic millimetres:
print(X_train[columns].std().round(2).to_string())

# %%
# Many models compare participants through distances between their feature
# vectors. :class:`~sklearn.neighbors.KNeighborsRegressor` predicts the mean age of
# the 10 most similar training participants. Without scaling, "most similar" means
# "most similar intracranial volume", the one feature that carries no information
# about age; with scaling, every feature has its say.
from sklearn.neighbors import KNeighborsRegressor

knn_raw = KNeighborsRegressor(n_neighbors=10).fit(X_train, y_train)
knn_scaled = KNeighborsRegressor(n_neighbors=10).fit(X_train_scaled, y_train)
knn_raw_mae = mean_absolute_error(y_test, knn_raw.predict(X_test))
knn_scaled_mae = mean_absolute_error(y_test, knn_scaled.predict(X_test_scaled))
print(f"10 nearest neighbours, raw features:    MAE = {knn_raw_mae:.1f} years")
print(f"10 nearest neighbours, scaled features: MAE = {knn_scaled_mae:.1f} years")
# sphinx_gallery_start_ignore
# claim: "with scaling, every feature has its say" (scaled kNN errs less than raw kNN, by more than a year)
assert knn_scaled_mae < knn_raw_mae - 1, (knn_scaled_mae, knn_raw_mae)
# sphinx_gallery_end_ignore

# %%
# Pipelines: scaling that cannot leak
# -----------------------------------
# Above, we had to remember to fit the scaler on the training set and apply *that*
# scaler to the test set. Fitting it on all the data would let the test
# participants influence the means and standard deviations used in training: a
# (small) case of :term:`data leakage`, where information from the test set reaches
# the model and the score is no longer an estimate for new participants.
#
# A :class:`~sklearn.pipeline.Pipeline` chains the steps into one estimator, so the
# bookkeeping cannot go wrong: ``fit`` fits the scaler on the data it is given,
# transforms them and fits the model; ``predict`` transforms new data with the
# already fitted scaler, then predicts. :func:`~sklearn.pipeline.make_pipeline`
# names the steps automatically.
from sklearn.pipeline import make_pipeline

model = make_pipeline(StandardScaler(), Ridge(alpha=1.0))
model.fit(X_train, y_train)
print(model)
print(f"pipeline: R² = {model.score(X_test, y_test):.3f} (the manual version above: "
      f"{ridge.score(X_test_scaled, y_test):.3f})")

# %%
# Cross-validation: every participant is tested once
# --------------------------------------------------
# One train/test split gives one score, which depends on which 75 participants
# happened to land in the test set. K-fold :term:`cross-validation` splits the data
# into 5 folds, trains on 4 and tests on the 5th, five times over, so that every
# participant is in a test set exactly once. :func:`~sklearn.model_selection.cross_val_score`
# returns the 5 test scores. Its ``scoring`` parameter picks the :term:`metric`;
# scikit-learn maximises scores, so errors are reported negated
# (``"neg_mean_absolute_error"``).
#
# Because we pass the whole pipeline, the scaler is refitted inside every training
# fold and never sees that fold's test participants.
from sklearn.model_selection import KFold, cross_val_score

cv = KFold(n_splits=5, shuffle=True, random_state=0)
fold_mae = -cross_val_score(model, X, y, cv=cv, scoring="neg_mean_absolute_error")
print("MAE per fold (years):", fold_mae.round(2))
print(f"mean {fold_mae.mean():.2f} ± {fold_mae.std():.2f} years")

# %%
# Scaling outside the folds
# -------------------------
# What if we scale the whole table first and then cross-validate only the model?
# The test folds have then contributed to the scaling statistics. We compute both
# versions on the same folds:
X_scaled_everything = StandardScaler().fit_transform(X)  # leaks: fitted on all rows
leaky_mae = -cross_val_score(Ridge(alpha=1.0), X_scaled_everything, y, cv=cv,
                             scoring="neg_mean_absolute_error")
print(f"scaler inside the pipeline: MAE {fold_mae.mean():.3f} years")
print(f"scaler fitted on all rows:  MAE {leaky_mae.mean():.3f} years")
print(f"largest difference in any fold: {np.abs(leaky_mae - fold_mae).max():.3f} years")
# sphinx_gallery_start_ignore
# claim: "from hundreds of participants, the difference is small" (below 0.1 years in every fold)
assert np.abs(leaky_mae - fold_mae).max() < 0.1, (leaky_mae, fold_mae)
# sphinx_gallery_end_ignore

# %%
# For a scaler, which learns only a mean and a standard deviation per feature
# from hundreds of participants, the difference is small. The rule matters anyway:
# the leaky score answers a question nobody asked (how well does the model do on
# participants whose data shaped the preprocessing?), and steps that learn more
# from the data, such as selecting the features that correlate best with age, leak
# far more. Putting every step in the pipeline makes the evaluation honest by
# construction.
#
# Several metrics, and training scores too
# ----------------------------------------
# :func:`~sklearn.model_selection.cross_validate` returns a table: several metrics
# per fold, the time taken, and, on request, the scores on the training folds. A
# model that does much better on its training data than on its test folds is
# :term:`overfitting`. We compare four models on the same folds.
from sklearn.model_selection import cross_validate

candidates = {
    "dummy (mean age)": DummyRegressor(strategy="mean"),
    "10-NN, raw features": KNeighborsRegressor(n_neighbors=10),
    "10-NN, scaled": make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=10)),
    "ridge, scaled": make_pipeline(StandardScaler(), Ridge(alpha=1.0)),
}
results = {
    name: cross_validate(estimator, X, y, cv=cv, scoring=["neg_mean_absolute_error", "r2"],
                         return_train_score=True)
    for name, estimator in candidates.items()
}
pd.DataFrame({
    name: {"test MAE (years)": -r["test_neg_mean_absolute_error"].mean(),
           "train MAE (years)": -r["train_neg_mean_absolute_error"].mean(),
           "test R²": r["test_r2"].mean()}
    for name, r in results.items()
}).T.round(2)

# %%
# Plotting the fold scores shows the spread behind each mean: with 60 test
# participants per fold, the error of the same model changes from fold to fold,
# and differences between models smaller than that spread should not be trusted.
fig, ax = plt.subplots(figsize=(8, 4), layout="constrained")
for position, r in enumerate(results.values()):
    scores = -r["test_neg_mean_absolute_error"]
    jitter = rng.uniform(-0.1, 0.1, scores.size)
    ax.scatter(scores, position + jitter, color="#0072B2", s=30, zorder=3,
               label="one test fold" if position == 0 else None)
    ax.plot([scores.mean()] * 2, [position - 0.25, position + 0.25], color="black",
            linewidth=2, label="mean over folds" if position == 0 else None)
ax.set(yticks=range(len(results)), yticklabels=list(results), xlim=(0, None),
       xlabel="mean absolute error (years)",
       title="5-fold cross-validation: test error per fold (lower is better)")
ax.invert_yaxis()
ax.legend(loc="lower right", fontsize="small")
plt.show()

# %%
# .. admonition:: Exercise: one neighbour instead of ten
#    :class: exercise
#
#    Change the scaled nearest-neighbour pipeline to ``n_neighbors=1`` and run
#    :func:`~sklearn.model_selection.cross_validate` on the same folds with
#    ``return_train_score=True``. Predict first: what is the training error of a
#    model that predicts each training participant from its single nearest
#    neighbour? Store the mean training and test MAE (positive, in years) in
#    ``knn1_train_mae`` and ``knn1_test_mae``.

# exercise: solution
# starter: knn1_train_mae = ...  # your code here: mean training MAE (years) of the scaled 1-NN pipeline
# starter: knn1_test_mae = ...  # your code here: mean test MAE (years) of the scaled 1-NN pipeline
knn1 = make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=1))
knn1_results = cross_validate(knn1, X, y, cv=cv, scoring="neg_mean_absolute_error",
                              return_train_score=True)
knn1_train_mae = float(-knn1_results["train_score"].mean())
knn1_test_mae = float(-knn1_results["test_score"].mean())
print(f"1-NN, scaled: train MAE {abs(knn1_train_mae):.2f} years, test MAE {knn1_test_mae:.2f} years")

# %%

# exercise: check
knn10_test_mae = -results["10-NN, scaled"]["test_neg_mean_absolute_error"].mean()
if not all(isinstance(value, float) for value in (knn1_train_mae, knn1_test_mae)):
    print("Not yet: store two numbers (floats) in knn1_train_mae and knn1_test_mae.")
elif min(knn1_train_mae, knn1_test_mae) < 0:
    print("Not yet: scikit-learn returns negated errors; put a minus sign in front to get the MAE.")
elif knn1_train_mae > 1e-6:
    print("Not yet: check that you read the training scores ('train_score') with n_neighbors=1: "
          "each training participant is its own nearest neighbour.")
else:
    print(f"Correct: training MAE {abs(knn1_train_mae):.2f} years (a perfect memory), test MAE "
          f"{knn1_test_mae:.1f} years against {knn10_test_mae:.1f} with ten neighbours: "
          "the training score of an overfitting model says nothing about new participants.")

# %%
# Predicted against true age
# --------------------------
# :func:`~sklearn.model_selection.cross_val_predict` returns, for every participant,
# the prediction of the model trained on the folds that did *not* contain them.
# Plotted against the true age, this is the classic figure of :term:`brain age`
# studies. Look at the ends of the age range: an imperfect model's predictions are
# pulled towards the mean age, so the oldest participants tend to be predicted too
# young and the youngest too old. Brain-age studies correct for this bias before
# interpreting a "brain age gap".
from sklearn.model_selection import cross_val_predict

cv_predicted = cross_val_predict(candidates["ridge, scaled"], X, y, cv=cv)
error = cv_predicted - y
print(f"mean prediction error, participants under 30: {error[y < 30].mean():+.1f} years")
print(f"mean prediction error, participants over 75:  {error[y > 75].mean():+.1f} years")
# sphinx_gallery_start_ignore
# claim: "the oldest participants tend to be predicted too young and the youngest too old"
assert error[y < 30].mean() > 0 > error[y > 75].mean(), (error[y < 30].mean(), error[y > 75].mean())
# sphinx_gallery_end_ignore
limits = [min(y.min(), cv_predicted.min()) - 3, max(y.max(), cv_predicted.max()) + 3]
fig, ax = plt.subplots(figsize=(5.5, 5.2), layout="constrained")
ax.scatter(y, cv_predicted, s=14, color="#0072B2", alpha=0.7)
ax.plot(limits, limits, color="black", linestyle="--", label="perfect prediction")
ax.axhline(y.mean(), color="#E69F00", linestyle=":", label="dummy: mean age")
ax.set(xlabel="true age (years)", ylabel="cross-validated predicted age (years)",
       aspect="equal", xlim=limits, ylim=limits,
       title=f"Ridge pipeline, MAE {mean_absolute_error(y, cv_predicted):.1f} years")
ax.legend(loc="upper left")
plt.show()

# %%
# .. admonition:: Exercise: age from thickness alone
#    :class: exercise
#
#    Extend the analysis to a subset of the features: drop the two volume columns
#    (``wmh_volume_mm3``, which grows with age, and ``icv_mm3``, which is unrelated
#    to it) and cross-validate the ridge pipeline on the 30 thickness columns only,
#    on the same folds. Predict first whether the error changes. Store the mean
#    test MAE (positive, in years) in ``thickness_only_mae``.

# exercise: solution
# starter: thickness_only_mae = ...  # your code here: mean cross-validated MAE (years), thickness columns only
X_thickness = X.drop(columns=["wmh_volume_mm3", "icv_mm3"])
thickness_only_mae = float(-cross_val_score(make_pipeline(StandardScaler(), Ridge(alpha=1.0)), X_thickness,
                                            y, cv=cv, scoring="neg_mean_absolute_error").mean())
print(f"{X_thickness.shape[1]} thickness features: MAE {thickness_only_mae:.2f} years "
      f"(all {X.shape[1]} features: {fold_mae.mean():.2f} years)")

# %%

# exercise: check
dummy_mae = -results["dummy (mean age)"]["test_neg_mean_absolute_error"].mean()
if not isinstance(thickness_only_mae, float):
    print("Not yet: store one number (a float) in thickness_only_mae.")
elif thickness_only_mae < 0:
    print("Not yet: scikit-learn returns negated errors; put a minus sign in front to get the MAE.")
elif not thickness_only_mae < dummy_mae:
    print(f"Not yet: the thickness features should beat the dummy baseline ({dummy_mae:.1f} years); "
          "did you keep the thickness columns and predict y?")
else:
    change = thickness_only_mae - fold_mae.mean()
    print(f"Correct: {thickness_only_mae:.2f} years with thickness only, {change:+.2f} years "
          "compared with all features: the difference shows what the two volumes added "
          "(the fold-to-fold spread above tells you whether to trust it).")

# %%
# Take-home
# ---------
# * Every scikit-learn estimator is created with its hyperparameters and learns
#   with ``fit`` (fitted attributes end in ``_``); transformers then ``transform``,
#   predictors ``predict``, and ``score`` gives a default metric (R² for regression).
# * Features on different scales distort distance-based and penalised models;
#   :class:`~sklearn.preprocessing.StandardScaler` fixes that.
# * Put preprocessing and model in one :class:`~sklearn.pipeline.Pipeline`, and
#   cross-validate the pipeline: each step is then fitted on training folds only.
# * Report a dummy baseline next to every score, and the fold-to-fold spread next
#   to every mean.
#
# Next, :ref:`sphx_glr_prerequisites_plot_08_nibabel_brain_images.py` opens real brain
# images, and :ref:`a first classifier <sphx_glr_classic_ml_plot_01_first_classifier.py>`
# applies these tools to voxels of the MNI152 template, where samples are no longer
# independent and the split has to respect that.

# sphinx_gallery_thumbnail_number = 2
