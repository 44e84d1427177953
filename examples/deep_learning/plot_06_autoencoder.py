"""
Autoencoders: compressing connectomes without labels
====================================================

Can a :term:`neural network` squeeze a :term:`connectome` of about twenty
thousand numbers into a handful of numbers and rebuild it, and what do those few
numbers end up describing? We compute resting-state correlation matrices for a
few hundred ABIDE participants from three sites, train a Keras :term:`autoencoder` (an encoder that
compresses, a decoder that reconstructs, a mean squared error between the two)
and compare it with :term:`principal component analysis` (PCA) with the same
number of components, on participants neither model has seen.

You will learn how an autoencoder is built and trained, why PCA is the linear
:term:`baseline` it must beat, and why the latent space of an
:term:`unsupervised learning` method captures the *largest* sources of variance
in the data (here the scanner site and head motion), which are not necessarily
the ones you care about.
"""

# %%
# The data: one connectome per participant
# ----------------------------------------
# :func:`nilearn.datasets.fetch_abide_pcp` gives each participant's ROI
# :term:`time series` (200 regions). We ask for three sites explicitly, so that a
# reader online downloads the same ones.
# :class:`~nilearn.connectome.ConnectivityMeasure` turns each into a correlation
# matrix; ``vectorize=True`` keeps the values below the diagonal, one per pair
# of regions. The
# Fisher transform (``arctanh``) makes correlations closer to normally
# distributed, which suits a squared-error loss. Correlations do not depend on a
# scan's length or sampling rate, so the sites' different scan protocols need no
# further handling here.
#
# A few real scans have regions whose time series is constant (zero variance):
# part of the region lies outside the scan's field of view, so it holds no
# signal, and its correlations are undefined (nilearn's ConnectivityMeasure
# silently returns 0 for them). A 0 there would be a "no connectivity" that was
# never measured, and the autoencoder would spend effort rebuilding it; we drop
# those regions for *every* participant instead, so that all connectomes hold
# the same, measured connections.
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from nilearn import datasets
from nilearn.connectome import ConnectivityMeasure

sites = ["KKI", "NYU", "YALE"]
abide = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], SITE_ID=sites, verbose=0)
# The size of what the fetcher read (and, the first time, downloaded): one text file per participant.
series_dir = next(Path(d, "ABIDE_pcp", "cpac", "nofilt_noglobal") for d in datasets.get_data_dirs()
                  if Path(d, "ABIDE_pcp").is_dir())
megabytes = sum((series_dir / f"{i}_rois_cc200.1D").stat().st_size for i in abide.phenotypic["FILE_ID"]) / 1e6
print(f"{len(abide.phenotypic)} participants of {', '.join(sorted(set(abide.phenotypic['SITE_ID'])))}: "
      f"{megabytes:.0f} MB of region time series")
phenotypes = abide.phenotypic.reset_index(drop=True)
flat = np.array([signals.std(axis=0) == 0 for signals in abide.rois_cc200])  # participants x regions
has_signal = ~flat.any(axis=0)
print(f"{flat.any(axis=1).sum()} participant(s) have regions without signal: "
      f"dropping {np.sum(~has_signal)} of {has_signal.size} regions for everyone")
series = [signals[:, has_signal] for signals in abide.rois_cc200]
measure = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True)
connectomes = np.arctanh(measure.fit_transform(series)).astype("float32")
print(f"{connectomes.shape[0]} participants x {connectomes.shape[1]} connections")
print(phenotypes["SITE_ID"].value_counts().sort_index().to_dict())

# %%
# Train and test participants
# ---------------------------
# Each row is one person, so splitting rows is splitting participants. We hold
# out 30 % of them as a :term:`test set`, stratified by site so that every site
# is represented on both sides, and keep a fifth of the training participants
# as a :term:`validation set` for the autoencoder's early stopping. Both models
# are fitted on the same ``fit`` participants. The
# :class:`~sklearn.preprocessing.StandardScaler` that puts every connection on
# the same scale learns its means and standard deviations from those
# participants only: test participants must look new in every respect.
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

site = phenotypes["SITE_ID"].to_numpy()
train_idx, test_idx = train_test_split(np.arange(len(site)), test_size=0.3, stratify=site, random_state=0)
fit_idx, val_idx = train_test_split(train_idx, test_size=0.2, stratify=site[train_idx], random_state=0)
scaler = StandardScaler().fit(connectomes[fit_idx])
X = scaler.transform(connectomes).astype("float32")
X_fit, X_val, X_test = X[fit_idx], X[val_idx], X[test_idx]
print(f"fit: {len(fit_idx)}, validation: {len(val_idx)}, test: {len(test_idx)} participants")

# %%
# The linear baseline: PCA
# ------------------------
# PCA finds the directions of largest variance in the training connectomes. With
# ``k`` components, a connectome is summarised by ``k`` scores
# (``transform``) and rebuilt as the mean plus a weighted sum of ``k`` component
# patterns (``inverse_transform``). That is already an encoder and a decoder,
# both linear. We measure the reconstruction error as the mean squared error in
# standardised units: predicting the training mean for everyone gives 1.0 on the
# fit participants by construction, and close to it on new ones (printed
# below); 0 is perfect. Three latent sizes, a factor of four apart, keep the
# page fast.
from sklearn.decomposition import PCA

latent_sizes = [2, 8, 32]


def reconstruction_error(original, reconstructed):
    return float(np.mean((original - reconstructed) ** 2))


pca_error = {}
pca_models = {}
for k in latent_sizes:
    pca_models[k] = PCA(n_components=k, random_state=0).fit(X_fit)
    rebuilt = pca_models[k].inverse_transform(pca_models[k].transform(X_test))
    pca_error[k] = reconstruction_error(X_test, rebuilt)
print("PCA test error:", {k: round(v, 3) for k, v in pca_error.items()})
mean_error = reconstruction_error(X_test, 0 * X_test)
print(f"error of the training mean on test participants: {mean_error:.3f}")
# sphinx_gallery_start_ignore
errors = [pca_error[k] for k in latent_sizes]
# claim: "each extra set of components lowers the PCA test error"
assert errors == sorted(errors, reverse=True), errors
# claim: "always below the error of the training mean"
assert max(errors) < mean_error, (errors, mean_error)
# sphinx_gallery_end_ignore

# %%
# The autoencoder
# ---------------
# The encoder maps 19 900 inputs through a hidden :class:`keras.layers.Dense`
# layer with ReLU units to a small linear *bottleneck* of ``k`` units, the latent
# code. The decoder mirrors it back to 19 900 outputs. Training minimises the mean
# squared error between input and output, so the input is its own target: no
# labels are involved. The bottleneck forces the network to keep only what
# matters most for rebuilding the input. Without the ReLU layers the best
# solution would span the same space as PCA; the non-linearity is what could
# let it do better.
import keras


def build_autoencoder(n_latent, n_inputs=X.shape[1], n_hidden=64):
    encoder = keras.Sequential([
        keras.Input(shape=(n_inputs,)),
        keras.layers.Dense(n_hidden, activation="relu"),
        keras.layers.Dense(n_latent, name="latent"),
    ], name="encoder")
    decoder = keras.Sequential([
        keras.Input(shape=(n_latent,)),
        keras.layers.Dense(n_hidden, activation="relu"),
        keras.layers.Dense(n_inputs),
    ], name="decoder")
    autoencoder = keras.Sequential([encoder, decoder], name="autoencoder")
    autoencoder.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="mse")
    return encoder, autoencoder


keras.utils.set_random_seed(0)
build_autoencoder(8)[1].summary()

# %%
# The model has millions of weights for fewer than a hundred training
# participants, an extreme setting for :term:`overfitting`: it could simply
# memorise them. :class:`~keras.callbacks.EarlyStopping` on the validation
# participants stops training when reconstructing *new* people stops improving,
# and keeps the best weights. We train one autoencoder per latent size. The
# participants go into :class:`tf.data.Dataset <tensorflow.data.Dataset>`
# objects once (inputs and targets are the same arrays), which shuffle the
# training participants at every epoch and spare Keras re-wrapping the arrays.
import time

import tensorflow as tf

fit_data = tf.data.Dataset.from_tensor_slices((X_fit, X_fit))
val_data = tf.data.Dataset.from_tensor_slices((X_val, X_val)).batch(len(X_val)).cache()
ae_error, encoders, autoencoders, histories = {}, {}, {}, {}
start = time.perf_counter()
for k in latent_sizes:
    keras.utils.set_random_seed(0)
    encoder, autoencoder = build_autoencoder(k)
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=10, restore_best_weights=True)
    history = autoencoder.fit(fit_data.shuffle(len(X_fit), seed=0).batch(16), validation_data=val_data,
                              epochs=150, shuffle=False, callbacks=[stop], verbose=0)  # the dataset shuffles
    rebuilt = keras.ops.convert_to_numpy(autoencoder(X_test, training=False))
    ae_error[k], histories[k] = reconstruction_error(X_test, rebuilt), history.history
    encoders[k], autoencoders[k] = encoder, autoencoder
    print(f"latent size {k:2d}: {len(history.history['loss']):3d} epochs, test error "
          f"autoencoder {ae_error[k]:.3f} vs PCA {pca_error[k]:.3f}")
print(f"trained {len(latent_sizes)} autoencoders in {time.perf_counter() - start:.1f} s")
# sphinx_gallery_start_ignore
# claim: "PCA rebuilds the test participants better than the autoencoder at every latent size"
assert all(pca_error[k] < ae_error[k] for k in latent_sizes), (pca_error, ae_error)
# claim: "the error of the autoencoder falls far less than that of PCA" (tolerance: by less than half as much)
small, large = latent_sizes[0], latent_sizes[-1]
assert ae_error[small] - ae_error[large] < 0.5 * (pca_error[small] - pca_error[large]), (ae_error, pca_error)
# claim: "as the gap between its training and validation losses shows" (largest code: below 70 %)
assert min(histories[large]["loss"]) < 0.7 * min(histories[large]["val_loss"]), histories[large]
# sphinx_gallery_end_ignore

# %%
# Training curves and reconstruction error
# ----------------------------------------
# Left: the training loss keeps falling while the validation loss flattens
# early; the gap is the part of the training connectomes that is memorised
# rather than learnt. Right: test error against latent size for both models,
# as printed above. Both stay always below the error of the training mean, and
# each extra set of components lowers the PCA test error. But PCA rebuilds the
# test participants better than the autoencoder at every latent size, and from
# the smallest to the largest code the error of the autoencoder falls far less
# than that of PCA: the extra units mostly help it memorise the training connectomes.
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
for i, k in enumerate(latent_sizes):
    axes[0].plot(histories[k]["loss"], color=f"C{i}", lw=1, alpha=0.6)
    axes[0].plot(histories[k]["val_loss"], color=f"C{i}", lw=1.5, linestyle="--", label=f"k = {k}")
axes[0].set(xlabel="epoch", ylabel="mean squared error (standardised)", ylim=(0, 1.3),
            title="Autoencoder loss (solid: training, dashed: validation)")
axes[0].legend(fontsize=8, ncol=2)
axes[1].plot(latent_sizes, [pca_error[k] for k in latent_sizes], "o-", label="PCA")
axes[1].plot(latent_sizes, [ae_error[k] for k in latent_sizes], "s-", label="autoencoder")
axes[1].axhline(mean_error, color="k", linestyle=":", label="training mean")
axes[1].set_xscale("log", base=2)
axes[1].minorticks_off()
axes[1].set(xticks=latent_sizes, xticklabels=latent_sizes, xlabel="latent size k (log scale)",
            ylabel="mean squared error (standardised)", title="Reconstruction error on test participants")
axes[1].legend()
fig.suptitle("Autoencoder training, and reconstruction error against PCA")
plt.show()

# %%
# .. admonition:: Exercise: a scaler fitted on everyone
#    :class: exercise
#
#    A colleague standardises before splitting:
#    ``scaler_all = StandardScaler().fit(connectomes)``, fitted on all participants,
#    test participants included. Predict whether PCA's test error then looks
#    better or worse than with our scaler, fitted on the ``fit`` participants only.
#    Repeat the PCA with 8 components (fitted on the ``fit`` participants) with their
#    scaler and store its test error in ``pca_error_scaler_all``.

# exercise: solution
# starter: pca_error_scaler_all = ...  # your code here: PCA (k = 8) test error with the scaler fitted on everyone
scaler_all = StandardScaler().fit(connectomes)  # the colleague's mistake: test participants included
X_scaler_all = scaler_all.transform(connectomes).astype("float32")
pca_scaler_all = PCA(n_components=8, random_state=0).fit(X_scaler_all[fit_idx])
rebuilt_scaler_all = pca_scaler_all.inverse_transform(pca_scaler_all.transform(X_scaler_all[test_idx]))
pca_error_scaler_all = reconstruction_error(X_scaler_all[test_idx], rebuilt_scaler_all)
print(f"PCA (k = 8) test error: scaler fitted on everyone {pca_error_scaler_all:.3f}, "
      f"on the fit participants only {pca_error[8]:.3f}")

# %%

# exercise: check
if not isinstance(pca_error_scaler_all, (float, np.floating)):
    print("Not yet: store the test error (one float, as returned by reconstruction_error) in pca_error_scaler_all.")
elif not 0 < pca_error_scaler_all < 2:
    print("Not yet: in standardised units the error should be near or below 1; did you standardise both sets?")
elif abs(pca_error_scaler_all - pca_error[8]) < 1e-9:
    print("Not yet: this is the error with our scaler; refit the scaler on all connectomes first.")
else:
    print(f"Correct: {pca_error_scaler_all:.3f} with the scaler fitted on everyone, {pca_error[8]:.3f} without "
          f"the leak ({pca_error_scaler_all - pca_error[8]:+.3f}). Any difference comes from the test "
          "participants' own means and spreads entering the standardisation: a number we could not have "
          "computed for truly new people.")

# %%
# What does a reconstruction look like?
# -------------------------------------
# We take one test participant, rebuild their connectome from 8 numbers with
# each model, undo the standardisation and the Fisher transform, and put the
# values back into a square matrix (the regions are in atlas order, not grouped
# by network, so the pattern looks speckled). Both reconstructions are paler
# than the original: they keep what this person shares with the group and lose
# most of the individual detail, which is what makes a person unique and what
# 8 numbers cannot hold. The error in each title says how much is lost.
k_show = 8
person = test_idx[0]
standardised = {
    "original": X[[person]],
    f"PCA, k = {k_show}": pca_models[k_show].inverse_transform(pca_models[k_show].transform(X[[person]])),
    f"autoencoder, k = {k_show}": keras.ops.convert_to_numpy(autoencoders[k_show](X[[person]], training=False)),
}
fig, axes = plt.subplots(1, 3, figsize=(8.5, 3.1), layout="constrained")
for ax, (name, z) in zip(axes, standardised.items()):
    correlation = np.tanh(scaler.inverse_transform(z))
    matrix = measure.inverse_transform(correlation)[0]
    image = ax.imshow(matrix, cmap="RdBu_r", vmin=-0.8, vmax=0.8, interpolation="nearest")
    error = reconstruction_error(X[[person]], z)
    ax.set_title(name if name == "original" else f"{name}\n(error {error:.2f})", fontsize=10)
    ax.set(xlabel="region", ylabel="region")
fig.colorbar(image, ax=axes, label="correlation", shrink=0.8)
fig.suptitle(f"Connectome of test participant {person} ({site[person]}) and two reconstructions")
plt.show()
# sphinx_gallery_start_ignore
# claim: "Both reconstructions are paler than the original" (spread of the standardised values)
assert all(z.std() < standardised["original"].std() for z in list(standardised.values())[1:])
# sphinx_gallery_end_ignore

# %%
# The latent space, coloured by what we know
# ------------------------------------------
# The encoder of the 2-unit autoencoder gives every participant two numbers, so
# the whole sample fits in one scatter plot. The models never saw any labels;
# colouring the points by site, age, diagnosis and head motion (mean framewise
# displacement) shows what the two axes have picked up. Test participants are
# outlined in black. In two dimensions the groups overlap; the next section
# measures what the codes hold instead of judging it by eye.
codes_2d = keras.ops.convert_to_numpy(encoders[2](X, training=False))
age = phenotypes["AGE_AT_SCAN"].to_numpy()
is_autism = (phenotypes["DX_GROUP"] == 1).to_numpy().astype(int)
motion = phenotypes["func_mean_fd"].to_numpy()
is_test = np.isin(np.arange(len(site)), test_idx)

fig, axes = plt.subplots(1, 4, figsize=(13, 3.6), layout="constrained", sharex=True, sharey=True)
site_names, site_codes = np.unique(site, return_inverse=True)
site_colours = np.array([f"C{code}" for code in site_codes])
colourings = [("site", site_colours, None), ("age (years)", age, "viridis"),
              ("diagnosis", np.where(is_autism, "tab:red", "tab:blue"), None), ("mean FD (mm)", motion, "magma")]
for ax, (name, values, cmap) in zip(axes, colourings):
    points = ax.scatter(codes_2d[:, 0], codes_2d[:, 1], c=values, cmap=cmap, s=14,
                        edgecolors=np.where(is_test, "k", "none"), linewidths=0.6)
    ax.set(title=f"coloured by {name}", xlabel="latent unit 1")
    if cmap is not None:
        fig.colorbar(points, ax=ax, label=name)
        continue
    if name == "site":
        legend = [(f"C{i}", s) for i, s in enumerate(site_names)]
    else:
        legend = [("tab:blue", "control"), ("tab:red", "autism")]
    handles = [plt.Line2D([], [], marker="o", ls="", color=c, label=label) for c, label in legend]
    ax.legend(handles=handles, fontsize=7, loc="best")
axes[0].set_ylabel("latent unit 2")
fig.suptitle(f"2-D autoencoder latent space of all {len(site)} participants (test participants outlined)")
plt.show()

# %%
# How much does the latent code know?
# -----------------------------------
# A picture can mislead, so we quantify it. For each phenotype we fit a simple
# model on the *training* participants' codes (the 8-unit autoencoder, and PCA
# with 8 components for comparison) and score it on the test participants'
# codes: :term:`balanced accuracy` for site and diagnosis (chance is one over the
# number of classes), the :term:`coefficient of determination` R² for age and
# motion (0 is what
# predicting the training mean gives). A :class:`~sklearn.dummy.DummyClassifier`
# or :class:`~sklearn.dummy.DummyRegressor` gives the chance level of each, and
# a model that knows only the site (one-hot coded) shows how much of each
# phenotype is simply a difference between sites: the site samples differ in
# age (KKI scanned only children) and in head motion.
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.linear_model import LogisticRegression, RidgeCV
from sklearn.metrics import balanced_accuracy_score, r2_score
from sklearn.pipeline import make_pipeline

codes = {
    "PCA": pca_models[k_show].transform(X),
    "autoencoder": keras.ops.convert_to_numpy(encoders[k_show](X, training=False)),
}
site_one_hot = np.eye(len(site_names))[site_codes]
targets = {"site": site, "diagnosis": is_autism, "age": age, "motion (mean FD)": motion}
results = {}
for target_name, y in targets.items():
    categorical = target_name in ("site", "diagnosis")
    for code_name, Z in [("chance", np.zeros((len(y), 1))), ("site only", site_one_hot), *codes.items()]:
        if code_name == "site only" and target_name == "site":
            results[target_name, code_name] = np.nan  # trivially perfect
            continue
        if code_name == "chance":
            model = DummyClassifier(strategy="prior") if categorical else DummyRegressor()
        elif categorical:
            model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
        else:
            model = make_pipeline(StandardScaler(), RidgeCV(alphas=np.logspace(-2, 3, 11)))
        model.fit(Z[train_idx], y[train_idx])
        predicted = model.predict(Z[test_idx])
        metric = balanced_accuracy_score if categorical else r2_score
        results[target_name, code_name] = metric(y[test_idx], predicted)
    print(f"{target_name:>17}: " + "   ".join(
        f"{c} " + ("n/a" if np.isnan(results[target_name, c]) else f"{results[target_name, c]:.2f}")
        for c in ["chance", "site only", "PCA", "autoencoder"]))
# Luck alone moves a balanced accuracy on this many test participants by about
# two standard errors either side of chance:
n_autism, n_control = np.sum(is_autism[test_idx] == 1), np.sum(is_autism[test_idx] == 0)
diagnosis_luck = 2 * np.sqrt(0.25 * (1 / n_autism + 1 / n_control) / 4)
print(f"diagnosis: chance 0.50 ± {diagnosis_luck:.2f} (two standard errors, {len(test_idx)} test participants)")
# sphinx_gallery_start_ignore
# claim: "KKI scanned only children"
assert age[site == "KKI"].max() < 13, age[site == "KKI"].max()
# claim: "the site is decoded far above chance" (tolerance: at least twice the chance level)
assert min(results["site", "PCA"], results["site", "autoencoder"]) > 2 * results["site", "chance"], results
# claim: "diagnosis stays within luck of chance"
assert all(abs(results["diagnosis", c] - 0.5) < diagnosis_luck for c in codes), results
# claim: "code predicts head motion better than the site alone"
assert results["motion (mean FD)", "PCA"] > results["motion (mean FD)", "site only"], results
# claim: "the code of the autoencoder carries less about age and motion than the PCA code"
assert all(results[t, "autoencoder"] < results[t, "PCA"] for t in ("age", "motion (mean FD)")), results
# sphinx_gallery_end_ignore

fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
for ax, group, label in [(axes[0], ["site", "diagnosis"], "balanced accuracy (test)"),
                         (axes[1], ["age", "motion (mean FD)"], "R² (test)")]:
    positions = np.arange(len(group))
    for offset, code_name, colour in [(-0.3, "chance", "0.8"), (-0.1, "site only", "0.5"),
                                      (0.1, "PCA", "tab:blue"), (0.3, "autoencoder", "tab:orange")]:
        ax.bar(positions + offset, [results[t, code_name] for t in group], width=0.19, color=colour,
               label=code_name)
    ax.set(xticks=positions, xticklabels=group, ylabel=label)
    ax.axhline(0, color="k", lw=0.8)
axes[0].legend()
fig.suptitle(f"What an {k_show}-number code predicts about new participants")
plt.show()

# %%
# What the autoencoder learnt
# ---------------------------
# Read the printed table and the bar chart together. An autoencoder is trained
# to rebuild its input as well as possible, so its few latent numbers are spent
# on whatever varies *most* between connectomes. In multi-site data that is the
# scanner site: from either 8-number code, the site is decoded far above
# chance. Head motion, which changes many connections at once, comes next, but
# only in one of the two codes: the PCA code predicts head motion better than
# the site alone, while the code of the autoencoder carries less about age and
# motion than the PCA code. Diagnosis, a small effect spread over a few networks, is not what
# either code is made of: diagnosis stays within luck of chance (the printed
# two standard errors).
#
# This is the general lesson of unsupervised :term:`dimensionality reduction`,
# PCA or autoencoder alike: the largest sources of variance are often
# :term:`confound`\ s (site, motion), not the effect you care about. If you want
# a compact code for a clinical question, remove or model the confounds first
# (site harmonisation, motion regression), or train with the labels
# (supervised learning).
#
# As for autoencoder against PCA, the error figure settled it: the linear
# baseline won at every latent size. With about a hundred training
# connectomes, a network with millions of weights has little room to learn
# non-linear structure that PCA cannot represent; what it can do is memorise,
# as the gap between its training and validation losses shows. A non-linear
# model earns its place only where it beats the linear one on held-out data.

# %%
# .. admonition:: Exercise: how much site is in the two-number code?
#    :class: exercise
#
#    The scatter plot of the 2-unit latent space, coloured by site, is hard to judge
#    by eye. Quantify it as the table does for the 8-unit code: fit
#    ``make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))`` on
#    ``codes_2d`` of the training participants to predict ``site``, and store its
#    balanced accuracy on the test participants in ``site_score_2d``. Predict first:
#    above or below the 8-number code?

# exercise: solution
# starter: site_score_2d = ...  # your code here: test balanced accuracy of site decoded from the 2-D codes
site_from_2d = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
site_from_2d.fit(codes_2d[train_idx], site[train_idx])
site_score_2d = float(balanced_accuracy_score(site[test_idx], site_from_2d.predict(codes_2d[test_idx])))
print(f"site from the 2-unit code: balanced accuracy {site_score_2d:.2f} "
      f"(8-unit code {results['site', 'autoencoder']:.2f}, chance {results['site', 'chance']:.2f})")

# %%

# exercise: check
if not isinstance(site_score_2d, (float, np.floating)):
    print("Not yet: store the balanced accuracy (one float) in site_score_2d.")
elif not 0 <= site_score_2d <= 1:
    print("Not yet: a balanced accuracy lies between 0 and 1.")
elif abs(site_score_2d - results["site", "autoencoder"]) < 1e-9:
    print("Not yet: this is the 8-unit result; use codes_2d, the 2-unit encoder's output.")
else:
    print(f"Correct: {site_score_2d:.2f} from two numbers, against {results['site', 'autoencoder']:.2f} from "
          f"eight and {results['site', 'chance']:.2f} by chance ({len(site_names)} sites).")

# %%
# Take-home
# ---------
#
# * An autoencoder is an encoder and a decoder trained to reproduce their
#   input through a narrow bottleneck; the loss (here mean squared error) needs
#   no labels.
# * PCA with the same number of components is the linear baseline. Compare
#   reconstruction error on held-out participants, with the scaler and both
#   models fitted on training participants only. Here PCA won at every size.
# * A latent space captures the largest sources of variance: in multi-site
#   connectomes, the site first, diagnosis not at all. Quantify what it encodes
#   with simple models fitted on training codes and scored on test codes, next
#   to a chance and a site-only reference.
#
# Previous: :ref:`sphx_glr_deep_learning_plot_05_time_series_models.py`. Next:
# :ref:`sphx_glr_deep_learning_plot_07_training_and_tuning.py` (early stopping,
# regularization). Related: :ref:`sphx_glr_classic_ml_plot_03_unsupervised.py`
# (PCA, ICA and clustering) and :ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py`
# (what to do about site and motion).

# sphinx_gallery_thumbnail_number = 3
