"""
Unsupervised learning on brain data: components and clusters
============================================================

What structure is there in brain data when nobody gives the model a
:term:`label`? :term:`Unsupervised learning <unsupervised learning>` looks for it:
:term:`principal component analysis` finds the directions along which
participants differ most, :term:`independent component analysis` splits fMRI
into spatially independent networks, and :term:`clustering` groups similar
things together. We apply PCA to ABIDE connectomes of two sites, CanICA to the
movie-watching fMRI of three participants of the development dataset, and
k-means and hierarchical clustering to participants and to brain regions.

You will learn how to read a scree plot and choose a number of components, what
a component looks like as a region-by-region matrix, how to check what a
component or a cluster corresponds to (often the scanner site rather than
anything biological), and how to choose, and not over-read, a number of
clusters.
"""

# %%
# PCA on connectomes: the data
# ----------------------------
# We take the region time series of two ABIDE sites (KKI and YALE) from
# :func:`nilearn.datasets.fetch_abide_pcp` and turn each participant's 200 × 200
# correlation matrix into a vector of its 19 900 distinct values, as in
# :ref:`sphx_glr_classic_ml_plot_02_model_families.py`. No label is used to fit
# anything in this part; the phenotype table only serves afterwards, to ask what
# the components mean. Every region carries signal in the scans of these
# participants, so no region has to be dropped (a few other ABIDE scans have
# regions outside the field of view, see
# :ref:`sphx_glr_classic_ml_plot_02_model_families.py`).
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from nilearn import datasets
from nilearn.connectome import ConnectivityMeasure

abide = datasets.fetch_abide_pcp(derivatives=["rois_cc200"], SITE_ID=["KKI", "YALE"], verbose=0)
# The size of what the fetcher read (and, the first time, downloaded): one text file per participant.
series_dir = next(Path(d, "ABIDE_pcp", "cpac", "nofilt_noglobal") for d in datasets.get_data_dirs()
                  if Path(d, "ABIDE_pcp").is_dir())
megabytes = sum((series_dir / f"{i}_rois_cc200.1D").stat().st_size for i in abide.phenotypic["FILE_ID"]) / 1e6
print(f"{len(abide.phenotypic)} participants of {', '.join(sorted(set(abide.phenotypic['SITE_ID'])))}: "
      f"{megabytes:.0f} MB of region time series")
phenotypes = abide.phenotypic
# sphinx_gallery_start_ignore
# claim: "Every region carries signal in the scans of these participants"
assert all((signals.std(axis=0) > 0).all() for signals in abide.rois_cc200)
# sphinx_gallery_end_ignore
connectivity = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True)
X = connectivity.fit_transform(abide.rois_cc200)
site = phenotypes["SITE_ID"].to_numpy()
print(f"X: {X.shape[0]} participants × {X.shape[1]} connections;",
      ", ".join(f"{s}: {n}" for s, n in zip(*np.unique(site, return_counts=True))))

# %%
# How many components? The scree plot
# -----------------------------------
# :class:`~sklearn.decomposition.PCA` rotates the data so that the first axis
# (component) carries the most variance, the second the most of what is left,
# and so on. With n participants there are at most n - 1 informative
# components, however many connections there are. The *scree plot* shows the share of
# variance of each component; its cumulative sum shows how many components are
# needed to keep a given share.
#
# There is no single right number. Common rules: keep components before the
# "elbow" where the curve flattens, or keep enough to reach a share such as 80 %.
# When PCA is a preprocessing step for a predictive model, treat the number as a
# :term:`hyperparameter` and choose it by cross-validation
# (:ref:`sphx_glr_classic_ml_plot_06_hyperparameter_tuning.py`).
from sklearn.decomposition import PCA

pca = PCA(random_state=0).fit(X)
ratio = pca.explained_variance_ratio_
cumulative = np.cumsum(ratio)
needed = {share: np.searchsorted(cumulative, share) + 1 for share in (0.5, 0.8, 0.9)}
print(f"PC 1: {ratio[0]:.1%} of the variance, PC 2: {ratio[1]:.1%}, PC 3: {ratio[2]:.1%}")
for share, n_needed in needed.items():
    print(f"components needed for {share:.0%} of the variance: {n_needed}")
# sphinx_gallery_start_ignore
# claim: "the first component alone carries several times more variance than the second" (> 3 times)
assert ratio[0] > 3 * ratio[1], ratio[:3]
# claim: "reaching 80 % still takes dozens of components" (at least 20)
assert needed[0.8] >= 20, needed
# sphinx_gallery_end_ignore

fig, (ax_scree, ax_cumul) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
components = np.arange(1, ratio.size + 1)
ax_scree.plot(components, 100 * ratio, "o-", markersize=4)
ax_scree.set(xlabel="component", ylabel="variance explained (%)", title="Scree plot")
ax_cumul.plot(components, 100 * cumulative, "o-", markersize=4)
ax_cumul.axhline(80, color="grey", linestyle="--", label="80 %")
ax_cumul.set(xlabel="number of components", ylabel="cumulative variance explained (%)",
             title="Cumulative variance", ylim=(0, 102))
ax_cumul.legend(loc="lower right")
fig.suptitle(f"PCA of {X.shape[0]} connectomes (KKI and YALE)")
plt.show()

# %%
# Here the elbow is sharp: the first component alone carries several times more
# variance than the second, and after it the curve flattens slowly, so that
# reaching 80 % still takes dozens of components (the counts are printed above).
# With fewer participants than connections, the tail is mostly
# participant-specific detail and noise.

# %%
# What a component looks like
# ---------------------------
# Each component is a vector with one weight per connection, so it can be folded
# back into a region-by-region matrix with
# :func:`~nilearn.connectome.vec_to_sym_matrix` (we draw only the lower
# triangle: the matrix is symmetric). A participant's score on the
# component says how much of this pattern (added to the mean connectome) their
# own connectome contains. A component is a pattern of *covariation across
# participants*, not a network: connections with large weights of the same sign
# strengthen and weaken together from one person to the next. A component whose
# weights nearly all share one sign moves all correlations up or down at once,
# the typical footprint of head motion or of a global signal; one with a
# structured block pattern reorganises connectivity. The regions here are in the
# atlas's order, which carries no meaning, so look at the overall texture rather
# than at single positions, and at the printed share of positive weights: nearly
# every weight of PC 1 has the same sign, while PC 2 mixes both signs.
from nilearn.connectome import vec_to_sym_matrix

upper = np.triu(np.ones((200, 200), dtype=bool), k=1)  # each connection appears twice: show one copy
positive = (pca.components_[:2] > 0).mean(axis=1)
print(f"positive weights: PC 1 {positive[0]:.1%}, PC 2 {positive[1]:.1%}")
# sphinx_gallery_start_ignore
# claim: "nearly every weight of PC 1 has the same sign" (at least 95 % of one sign)
assert max(positive[0], 1 - positive[0]) >= 0.95, positive
# claim: "PC 2 mixes both signs" (between 20 % and 80 % positive)
assert 0.2 < positive[1] < 0.8, positive
# sphinx_gallery_end_ignore


def lower_triangle(vector, diagonal_value):
    matrix = vec_to_sym_matrix(vector, diagonal=np.full(200, diagonal_value))
    matrix[upper] = np.nan
    return matrix


fig, axes = plt.subplots(1, 3, figsize=(11, 3.4), layout="constrained")
image = axes[0].imshow(lower_triangle(pca.mean_, 1.0), cmap="RdBu_r", vmin=-1, vmax=1,
                       interpolation="nearest")
axes[0].set(title="mean connectome", xlabel="region", ylabel="region")
fig.colorbar(image, ax=axes[0], shrink=0.8, label="correlation")
for ax, index in zip(axes[1:], (0, 1)):
    matrix = lower_triangle(pca.components_[index], 0.0)
    limit = np.nanmax(np.abs(matrix))
    image = ax.imshow(matrix, cmap="RdBu_r", vmin=-limit, vmax=limit, interpolation="nearest")
    ax.set(title=f"PC {index + 1} ({ratio[index]:.0%} of variance)", xlabel="region")
    fig.colorbar(image, ax=ax, shrink=0.8, label="weight (a.u.)")
fig.suptitle("The mean connectome and the first two principal components as 200 × 200 matrices")
plt.show()

# %%
# What do the components relate to?
# ---------------------------------
# The components were found without labels, so we now check them against what we
# know about each participant: site, age, diagnosis, head motion (mean
# framewise displacement) and the overall level of their connectome (the mean of
# their correlations). Correlating a score with a yes/no variable such as site is
# the same as comparing the two groups' mean scores.
scores = pca.transform(X)
known = pd.DataFrame({
    "site (YALE=1)": (site == "YALE").astype(float),
    "age": phenotypes["AGE_AT_SCAN"].to_numpy(),
    "autism (=1)": (phenotypes["DX_GROUP"].to_numpy() == 1).astype(float),
    "mean FD (motion)": phenotypes["func_mean_fd"].to_numpy(),
    "mean correlation": X.mean(axis=1),
})
correlations = pd.DataFrame(
    {f"PC {i + 1}": [np.corrcoef(scores[:, i], known[c])[0, 1] for c in known] for i in range(5)},
    index=known.columns,
)
print("correlation between component scores and participant information:")
print(correlations.round(2).to_string())
site_pc = int(np.argmax(np.abs(correlations.loc["site (YALE=1)"].to_numpy())))
motion_pc = int(np.argmax(np.abs(correlations.loc["mean FD (motion)"].to_numpy())))
age_pc = int(np.argmax(np.abs(correlations.loc["age"].to_numpy())))
# sphinx_gallery_start_ignore
# claim: "PC 1 is, in effect, the mean correlation of each participant" (|r| > 0.95)
assert abs(correlations.loc["mean correlation", "PC 1"]) > 0.95, correlations
# claim: "PC 2 follows the site closely" (|r| > 0.8, the largest site correlation)
assert site_pc == 1 and abs(correlations.loc["site (YALE=1)", "PC 2"]) > 0.8, correlations
# claim: "it correlates with more than one component, the overall level among them" (|r| > 0.3)
motion_r = correlations.loc["mean FD (motion)"].abs()
assert (motion_r > 0.3).sum() >= 2 and motion_r["PC 1"] > 0.3, correlations
# claim: "none of the first five components is clearly related to diagnosis" (|r| < 0.3)
assert (correlations.loc["autism (=1)"].abs() < 0.3).all(), correlations
# sphinx_gallery_end_ignore

# %%
# Read the table column by column. PC 1 is, in effect, the mean correlation of
# each participant: these files were preprocessed without global signal
# regression, so whatever moves all regions' signals together (head motion,
# breathing, arousal) raises or lowers every correlation at once, and this
# overall level is the largest difference between participants. PC 2 follows the site
# closely: each scanner and protocol leaves its own fingerprint. Head motion is
# the other usual suspect, because movement changes correlations in a
# systematic way: it correlates with more than one component, the overall level
# among them. And none of the first five components is clearly related to
# diagnosis, the label a study would care about.
#
# A correlation with age needs a second look when the sites differ in age: a
# site component then correlates with age too. Correlating within each site
# removes that route.
from scipy import stats

within = {}
for name in ("KKI", "YALE"):
    in_site = site == name
    within[name] = stats.pearsonr(scores[in_site, age_pc], known["age"][in_site])
    print(f"{name}: age {known['age'][in_site].mean():.1f} on average "
          f"(from {known['age'][in_site].min():.1f} to {known['age'][in_site].max():.1f}); "
          f"within {name}, correlation of PC {age_pc + 1} with age {within[name].statistic:+.2f} "
          f"(p = {within[name].pvalue:.3f})")
# sphinx_gallery_start_ignore
age_kki, age_yale = known["age"][site == "KKI"], known["age"][site == "YALE"]
pooled_r = correlations.loc["age"].iloc[age_pc]
# claim: "component with the strongest age correlation is the site component"
assert age_pc == site_pc, (age_pc, site_pc)
# claim: "the participants at YALE are older on average"
assert age_yale.mean() > age_kki.mean(), (age_yale.mean(), age_kki.mean())
# claim: "Within KKI the relation nearly vanishes" (|r| < 0.2)
assert abs(within["KKI"].statistic) < 0.2, within
# claim: "the ages at KKI span a narrower range than at YALE"
assert np.ptp(age_kki) < np.ptp(age_yale), (np.ptp(age_kki), np.ptp(age_yale))
# claim: "within YALE a clear positive relation remains" (r > 0, p < 0.05)
assert within["YALE"].statistic > 0 and within["YALE"].pvalue < 0.05, within
# claim: "the pooled correlation is larger than either within-site correlation"
assert abs(pooled_r) > max(abs(w.statistic) for w in within.values()), (pooled_r, within)
# sphinx_gallery_end_ignore

site_colors = np.where(site == "KKI", "tab:green", "tab:purple")
fig, axes = plt.subplots(1, 3, figsize=(12, 4), layout="constrained")
for name, color in [("KKI", "tab:green"), ("YALE", "tab:purple")]:
    axes[0].scatter(scores[site == name, site_pc], scores[site == name, motion_pc], label=name,
                    color=color, alpha=0.8)
axes[0].set(xlabel=f"PC {site_pc + 1} score", ylabel=f"PC {motion_pc + 1} score",
            title="Participants on two components")
axes[0].legend(title="site")
for ax, pc, column, unit in [(axes[1], motion_pc, "mean FD (motion)", "mm"), (axes[2], age_pc, "age", "years")]:
    ax.scatter(known[column], scores[:, pc], c=site_colors, alpha=0.8)
    ax.set(xlabel=f"{column.split(' (')[0]} ({unit})", ylabel=f"PC {pc + 1} score",
           title=f"PC {pc + 1} against {column.split(' (')[0]} (r = {correlations.loc[column].iloc[pc]:.2f})")
fig.suptitle("Component scores against what we know (colour: site, green KKI, purple YALE)")
plt.show()

# %%
# Compare the pooled correlation with age in the table with the within-site
# correlations printed above. The component with the strongest age correlation
# is the site component, the participants at YALE are older on average, and the
# pooled correlation is larger than either within-site correlation: part of it is
# borrowed from the difference between the sites. Within KKI the relation nearly
# vanishes, but the ages at KKI span a narrower range than at YALE, which leaves
# little to correlate with; within YALE a clear positive relation remains (its
# p-value is printed). So PC 2 is mostly site, possibly with some age inside it;
# the pooled correlation alone could not have told these apart.

# %%
# k-means on participants: which groups does it find?
# ---------------------------------------------------
# :class:`~sklearn.cluster.KMeans` splits the participants into ``k`` groups
# with the smallest within-group spread. We cluster their scores on the
# first 10 components (distances in thousands of dimensions are dominated by
# noise).
# Nothing forces the clusters to match diagnosis; the adjusted Rand index (ARI)
# measures the agreement of two groupings: 1 for identical, about 0 for
# chance-level agreement.
#
# The silhouette score compares, for each point, its distance to its own cluster
# with its distance to the nearest other cluster (from -1 to 1; higher means
# better separated clusters). Computing it for several ``k`` is a common way to
# choose the number of clusters.
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score

scores_10 = scores[:, :10]
participant_clusters, silhouettes = {}, {}
for k in range(2, 7):
    clusters = participant_clusters[k] = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(scores_10)
    silhouettes[k] = silhouette_score(scores_10, clusters)
    print(f"k={k}: silhouette {silhouettes[k]:.2f}, "
          f"ARI with site {adjusted_rand_score(site, clusters):+.2f}, "
          f"ARI with diagnosis {adjusted_rand_score(phenotypes['DX_GROUP'], clusters):+.2f}")
best_k_participants = max(silhouettes, key=silhouettes.get)
clusters = participant_clusters[best_k_participants]
print(f"best silhouette at k={best_k_participants}; what its clusters differ in:")
print(known.groupby(clusters).mean().round(2).rename_axis("cluster").to_string())
tests = {column: stats.kruskal(*[known[column][clusters == c] for c in np.unique(clusters)]).pvalue
         for column in ("mean correlation", "mean FD (motion)")}
print("differences between these clusters, Kruskal-Wallis p:",
      ", ".join(f"{column} {p:.4f}" for column, p in tests.items()))
# sphinx_gallery_start_ignore
ari_site = {k: adjusted_rand_score(site, c) for k, c in participant_clusters.items()}
ari_diagnosis = {k: adjusted_rand_score(phenotypes["DX_GROUP"], c) for k, c in participant_clusters.items()}
# claim: "none of these clusterings recovers the diagnosis" (every |ARI| < 0.05)
assert max(abs(a) for a in ari_diagnosis.values()) < 0.05, ari_diagnosis
# claim: "do not match the site either" (|ARI| < 0.05 at the best k)
assert abs(ari_site[best_k_participants]) < 0.05, ari_site
# claim: "they differ in overall connectivity level" (Kruskal-Wallis p < 0.05)
assert tests["mean correlation"] < 0.05, tests
# claim: "and with it in head motion" (Kruskal-Wallis p < 0.05)
assert tests["mean FD (motion)"] < 0.05, tests
# sphinx_gallery_end_ignore

# %%
# The clusters, if they match anything, match what dominates the variance. Here
# none of these clusterings recovers the diagnosis, and the clusters with the
# best silhouette do not match the site either: they differ in overall
# connectivity level, and with it in head motion (the table of cluster means and
# the tests above). A "data-driven subtype" of patients found this way has to be
# checked against site, motion and age before it can be called a subtype.

# %%
# ICA on fMRI: CanICA
# -------------------
# For a single fMRI run, spatial ICA looks for maps whose voxel values are as
# statistically independent as possible; each map comes with a time course.
# :class:`~nilearn.decomposition.CanICA` does it for a group: it reduces each
# participant's data with PCA, keeps what the participants share (a second,
# group-level PCA) and runs ICA on that. The result is a set of group networks.
#
# We use three participants of :func:`nilearn.datasets.fetch_development_fmri`
# (to keep the data small enough for the browser) and ask for 10 components;
# real studies use dozens of participants. ICA starts from a random point, so
# ``n_init=3`` runs it three times and keeps the best run (the default, 10, is
# safer but slower). Loading each image once into memory
# (``dtype="float32"``) lets us reuse it below without decompressing it again.
from nilearn import image
from nilearn.decomposition import CanICA

development = datasets.fetch_development_fmri(n_subjects=3, verbose=0)
func_imgs = [image.load_img(path, dtype="float32") for path in development.func]
print(development.phenotypic[["participant_id", "Age", "Child_Adult"]].to_string(index=False))

canica = CanICA(n_components=10, smoothing_fwhm=6.0, standardize="zscore_sample", n_init=3,
                random_state=0, memory_level=0, verbose=0)
canica.fit(func_imgs)
components_img = canica.components_img_
print("components image:", components_img.shape)

# %%
# Each component is a 3-D map. We show every map on the axial slice through its
# peak with :func:`~nilearn.plotting.plot_stat_map` (all maps at once can also be
# drawn as contours with :func:`~nilearn.plotting.plot_prob_atlas`). The sign of
# an ICA component is arbitrary (CanICA flips each to have a positive tail), and
# so is their order.
from nilearn import plotting

fig, axes = plt.subplots(2, 5, figsize=(12, 5.2))
for index, ax in enumerate(axes.flat):
    component = image.index_img(components_img, index)
    z = plotting.find_xyz_cut_coords(component)[2]
    plotting.plot_stat_map(component, axes=ax, display_mode="z", cut_coords=[z], draw_cross=False,
                           colorbar=False, annotate=True, title=f"IC {index + 1}")
fig.suptitle("The 10 CanICA components, each on the axial slice through its peak (z in mm)")
plt.show()

# %%
# One slice shows only part of a map. nilearn's interactive slice viewer,
# :func:`~nilearn.plotting.view_img`, shows the first component in three
# orthogonal slices: click in any of them to move the other two, and follow the
# component's regions beyond the axial slice above.
plotting.view_img(image.index_img(components_img, 0), black_bg=True, title="CanICA component 1")

# %%
# Do not over-read these maps. With three participants and 168 volumes each,
# ICA finds the strongest shared patterns, which in movie-watching data include
# the visual response to the film as well as resting-state-like networks, and
# some components may be noise. Rerun with another ``random_state`` or another
# ``n_components`` and some maps will split, merge or change order: only maps
# that come back each time deserve a name.

# %%
# Clustering regions by their connectivity
# ----------------------------------------
# Now the samples are *regions*. Dosenbach et al. (2010) assigned each of their
# 160 regions (:func:`~nilearn.datasets.fetch_coords_dosenbach_2010`) to one of
# six networks, which gives us labels to compare a clustering with. We take the
# time series of the voxel at each region's coordinates (a
# :class:`~nilearn.maskers.NiftiSpheresMasker` would average small spheres
# instead; one voxel of 4 mm is enough here and faster), remove the confounds (motion and noise
# regressors from the fetcher's confound files) with
# :func:`nilearn.signal.clean`, and average the three participants' correlation
# matrices. Each region's row of that matrix is its *connectivity profile*:
# regions of one network should have similar profiles.
from nilearn import signal

dosenbach = datasets.fetch_coords_dosenbach_2010()
coords = np.column_stack([dosenbach.rois["x"], dosenbach.rois["y"], dosenbach.rois["z"]])
networks = np.asarray(dosenbach.networks)
inverse_affine = np.linalg.inv(func_imgs[0].affine)
voxels = np.round(image.coord_transform(*coords.T, inverse_affine)).astype(int)

region_series = []
for img, confounds_file in zip(func_imgs, development.confounds):
    series = img.get_fdata(dtype="float32")[voxels[0], voxels[1], voxels[2], :].T  # (time, region)
    confounds = pd.read_csv(confounds_file, sep="\t").fillna(0).to_numpy()
    region_series.append(signal.clean(series, confounds=confounds, detrend=True,
                                      standardize="zscore_sample", t_r=2.0))
profiles = ConnectivityMeasure(kind="correlation").fit_transform(region_series).mean(axis=0)
print("connectivity profiles:", profiles.shape)
print(pd.Series(networks).value_counts().to_string())

# %%
# Agglomerative clustering and the dendrogram
# -------------------------------------------
# Hierarchical (agglomerative) clustering starts with every region alone and
# repeatedly merges the two closest groups; Ward's criterion merges the pair that
# increases the within-group variance least. :func:`scipy.cluster.hierarchy.linkage`
# records the merges and :func:`~scipy.cluster.hierarchy.dendrogram` draws them:
# the height of a junction is the cost of that merge. Cutting the tree at a given
# height gives a clustering. Reordering the correlation matrix by the leaves of
# the tree shows the blocks that the tree found; the coloured strip gives each
# region's Dosenbach network.
from matplotlib.colors import ListedColormap
from scipy.cluster import hierarchy

tree = hierarchy.linkage(profiles, method="ward")
network_names = np.unique(networks)
network_index = np.searchsorted(network_names, networks)
network_cmap = ListedColormap(plt.cm.tab10.colors[: network_names.size])

fig, axes = plt.subplots(3, 2, figsize=(11, 7), layout="constrained",
                         gridspec_kw={"height_ratios": [1.2, 0.12, 3], "width_ratios": [30, 1]})
leaves = hierarchy.dendrogram(tree, ax=axes[0, 0], no_labels=True, color_threshold=0,
                              above_threshold_color="k")["leaves"]
axes[0, 0].set(ylabel="merge cost (Ward)", title="Dendrogram of the 160 regions")
axes[1, 0].imshow(network_index[leaves][None, :], aspect="auto", cmap=network_cmap,
                  vmin=-0.5, vmax=network_names.size - 0.5, interpolation="nearest")
axes[1, 0].set(xticks=[], yticks=[])
axes[1, 0].set_ylabel("network", rotation=0, ha="right", va="center")
image_plot = axes[2, 0].imshow(profiles[np.ix_(leaves, leaves)], cmap="RdBu_r", vmin=-1, vmax=1,
                               aspect="auto", interpolation="nearest")
axes[2, 0].set(xlabel="region (dendrogram order)", ylabel="region (dendrogram order)")
fig.colorbar(image_plot, cax=axes[2, 1], label="mean correlation")
handles = [plt.Rectangle((0, 0), 1, 1, color=network_cmap(i)) for i in range(network_names.size)]
axes[0, 1].axis("off")
axes[1, 1].axis("off")
fig.legend(handles, network_names, loc="outside right upper", fontsize="small", title="Dosenbach network")
fig.suptitle("Regions clustered by their connectivity profiles (three participants)")
plt.show()

# %%
# How many clusters?
# ------------------
# We cut the tree into ``k`` clusters for a range of ``k`` with
# :func:`~scipy.cluster.hierarchy.fcluster`, and compute the silhouette score
# (how well separated the clusters are, from the data alone) and, because here
# we happen to know them, the agreement with the six Dosenbach networks (ARI).
# k-means on the same profiles gives a second opinion.
ks = np.arange(2, 13)
silhouette_tree, ari_tree, silhouette_kmeans, ari_kmeans = [], [], [], []
for k in ks:
    tree_clusters = hierarchy.fcluster(tree, t=k, criterion="maxclust")
    kmeans_clusters = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(profiles)
    silhouette_tree.append(silhouette_score(profiles, tree_clusters))
    ari_tree.append(adjusted_rand_score(networks, tree_clusters))
    silhouette_kmeans.append(silhouette_score(profiles, kmeans_clusters))
    ari_kmeans.append(adjusted_rand_score(networks, kmeans_clusters))
best_k = int(ks[np.argmax(silhouette_tree)])
print(f"best silhouette (tree): k = {best_k}; ARI with the networks at that k: "
      f"{ari_tree[int(np.argmax(silhouette_tree))]:.2f}; at k = 6: {ari_tree[list(ks).index(6)]:.2f}")

fig, (ax_sil, ax_ari) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
ax_sil.plot(ks, silhouette_tree, "o-", label="agglomerative (Ward)")
ax_sil.plot(ks, silhouette_kmeans, "s--", label="k-means")
ax_sil.set(xlabel="number of clusters k", ylabel="silhouette score", title="Separation (no labels used)")
ax_sil.legend()
ax_ari.plot(ks, ari_tree, "o-", label="agglomerative (Ward)")
ax_ari.plot(ks, ari_kmeans, "s--", label="k-means")
ax_ari.axvline(6, color="grey", linestyle=":", label="6 Dosenbach networks")
ax_ari.set(xlabel="number of clusters k", ylabel="adjusted Rand index", title="Agreement with the networks")
ax_ari.legend()
fig.suptitle("Choosing the number of region clusters")
plt.show()

# %%
# How to read, and not over-read, a clustering
# --------------------------------------------
# * A clustering algorithm always returns clusters, even in data without any
#   group structure. Silhouette scores (and other criteria) compare choices of
#   ``k``; they do not prove that groups exist.
# * The ``k`` with the best silhouette (printed above) need not match the number
#   of networks a reference atlas names, and neighbouring values of ``k`` often
#   score almost as well; compare the two panels. Brain organisation is
#   hierarchical (look at the dendrogram: networks merge into larger systems),
#   so several cuts of the tree can be equally defensible.
# * Where the coloured strip under the dendrogram is mixed, the clustering and
#   the reference disagree. That is not necessarily an error of the clustering:
#   network assignments are themselves estimates from other data.
# * Agreement with known labels (ARI) is only available when you already know
#   the answer; with real data, check stability instead (resample participants
#   and see whether the same clusters return).
# * Three participants give a noisy connectome. The same code on more
#   participants gives more stable clusters.

# %%
# .. admonition:: Exercise: is PC 1 still the connectivity level within one site?
#    :class: exercise
#
#    Pooled over two sites, PC 2 is the site and PC 1 the overall level of the
#    connectome. Fit a new :class:`~sklearn.decomposition.PCA` on the KKI
#    participants only (``X[site == "KKI"]``, ``random_state=0``) and store the
#    correlation between their PC 1 scores and their mean correlation (the
#    ``"mean correlation"`` column of ``known``) in ``r_level_kki``. Predict first:
#    without a second site to tell apart, what does the first component capture?

# exercise: solution
# starter: r_level_kki = ...  # your code here: correlation of KKI's own PC 1 scores with their mean correlation
in_kki = site == "KKI"
scores_kki = PCA(random_state=0).fit_transform(X[in_kki])
r_level_kki = np.corrcoef(scores_kki[:, 0], known["mean correlation"].to_numpy()[in_kki])[0, 1]
print(f"KKI only: correlation of PC 1 with the mean correlation {r_level_kki:+.2f}")

# %%

# exercise: check
if not isinstance(r_level_kki, (float, np.floating)):
    print("Not yet: store one correlation (a float), e.g. from np.corrcoef(a, b)[0, 1], in r_level_kki.")
elif not -1 <= r_level_kki <= 1:
    print("Not yet: a correlation lies between -1 and 1.")
elif abs(r_level_kki) == 1:
    print("Not yet: a correlation of exactly 1 means you correlated a variable with itself.")
else:
    print(f"Correct: r = {r_level_kki:+.2f} (the sign of a component is arbitrary, read |r|). "
          + ("Within one site the first component is again the overall connectivity level."
             if abs(r_level_kki) > 0.8 else "Within one site the first component is no longer mainly the level."))

# %%
# .. admonition:: Exercise: what do the participant clusters follow without PC 1?
#    :class: exercise
#
#    The two participant clusters with the best silhouette differ in overall
#    connectivity level, the quantity PC 1 measures. Drop PC 1: run the same
#    :class:`~sklearn.cluster.KMeans` (``n_clusters=2, n_init=10,
#    random_state=0``) on components 2 to 10 only (``scores_10[:, 1:]``) and store
#    the adjusted Rand index between these clusters and ``site`` in
#    ``ari_site_without_pc1``. Predict first, from the correlation table: what
#    will the clusters follow now?

# exercise: solution
# starter: ari_site_without_pc1 = ...  # your code here: ARI with site of k-means (k=2) on PCs 2 to 10
clusters_without_pc1 = KMeans(n_clusters=2, n_init=10, random_state=0).fit_predict(scores_10[:, 1:])
ari_site_without_pc1 = adjusted_rand_score(site, clusters_without_pc1)
print(f"ARI with site: {ari_site_without_pc1:+.2f} without PC 1, "
      f"{adjusted_rand_score(site, participant_clusters[2]):+.2f} with it")
# sphinx_gallery_start_ignore
# "the next one (here the site component, PC 2) can take its place": asserted
assert ari_site_without_pc1 > 0.5, ari_site_without_pc1
# sphinx_gallery_end_ignore

# %%

# exercise: check
ari_site_with_pc1 = adjusted_rand_score(site, participant_clusters[2])
if not isinstance(ari_site_without_pc1, (float, np.floating)):
    print("Not yet: store the adjusted Rand index (a float from adjusted_rand_score) in ari_site_without_pc1.")
elif not -0.5 <= ari_site_without_pc1 <= 1:
    print("Not yet: an adjusted Rand index lies between -0.5 and 1.")
elif np.isclose(ari_site_without_pc1, ari_site_with_pc1):
    print("Not yet: this is the ARI of the clusters with PC 1; cluster scores_10[:, 1:] instead.")
else:
    print(f"Correct: ARI with site {ari_site_without_pc1:+.2f} without PC 1, against "
          f"{ari_site_with_pc1:+.2f} with it. Clusters follow whatever dominates the variance: "
          "remove one nuisance and the next one (here the site component, PC 2) can take its place.")

# %%
# Take-home
# ---------
# * PCA summarises many correlated features in a few components. Choose their
#   number from the scree plot or, when PCA feeds a predictive model, by
#   cross-validation. A component is a pattern of covariation across
#   participants, and the first ones often reflect measurement rather than
#   biology: here the first is the overall connectivity level, which moves with
#   head motion, and the second is the site. Always check components against
#   what you know, within each site as well as pooled.
# * ICA (CanICA for groups of fMRI runs) finds spatially independent networks;
#   their number, sign and order are choices or accidents, so name only the maps
#   that are stable.
# * Clustering always finds clusters. Use the silhouette score to compare
#   numbers of clusters, external labels or stability to judge whether they mean
#   anything, and beware that groups of participants may simply be sites or,
#   as here, people who moved more.
#
# Related examples: :ref:`sphx_glr_classic_ml_plot_02_model_families.py` (the
# supervised side of the same connectomes),
# :ref:`sphx_glr_classic_ml_plot_08_confounds_and_sites.py` (what to do about
# site effects) and :ref:`sphx_glr_deep_learning_plot_06_autoencoder.py` (a
# non-linear cousin of PCA). Next in this gallery:
# :ref:`sphx_glr_classic_ml_plot_04_cross_validation.py`.

# sphinx_gallery_thumbnail_number = 4
