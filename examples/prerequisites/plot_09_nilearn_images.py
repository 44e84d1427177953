"""
nilearn for brain images: plotting, image operations, maskers and a first connectome
====================================================================================

How do we go from image files to numbers a model can use? With :mod:`nilearn` we
plot a statistical map (nilearn's bundled motor map, a signed left-vs-right
button-press contrast) on the volume,
as a glass brain and on the cortical surface; we resample, smooth and threshold
images; and we turn one participant's resting-state-like fMRI run (the development
fMRI dataset, movie watching) into region :term:`time series` with maskers, and the
time series into a :term:`functional connectivity` matrix, a :term:`connectome`.

You will learn the image → masker → matrix path that every connectome-based
machine-learning example later in the course starts from.
"""

# %%
# Plotting a statistical map
# --------------------------
# nilearn ships a motor map from NeuroVault (image 10426): the z-scores of the
# contrast *left minus right button press*. It is signed. Positive (red) voxels
# responded more when the left hand pressed, which the right motor cortex
# controls; negative (blue) voxels responded more to right-hand presses, in the
# left motor cortex. Blue here is not a deactivation below rest: it is the other
# hand winning. Nilearn's plotting functions take a file name or an image object and
# place it on the MNI template. :func:`~nilearn.plotting.plot_stat_map` shows
# slices through chosen world coordinates; ``threshold=3`` hides every voxel
# whose absolute z-score is 3 or less, so both signs remain.
import matplotlib.pyplot as plt
import numpy as np
from nilearn import datasets, image, plotting

motor_map = image.load_img(datasets.load_sample_motor_activation_image())
print("map shape:", motor_map.shape, "| voxel size (mm):", tuple(float(v) for v in motor_map.header.get_zooms()))
motor_data = image.get_data(motor_map)
hand_areas = {"left hand area": (-38, -22, 56), "right hand area": (38, -22, 56)}
hand_z = {}
for name, xyz in hand_areas.items():
    ijk = np.round(np.linalg.inv(motor_map.affine) @ (*xyz, 1))[:3].astype(int)
    hand_z[name] = float(motor_data[tuple(ijk)])
    print(f"z at {name} {xyz}: {hand_z[name]:+.2f}")
print(f"map range: {motor_data.min():+.2f} to {motor_data.max():+.2f}; "
      f"voxels with z > 3: {int((motor_data > 3).sum())}, z < -3: {int((motor_data < -3).sum())}")

fig = plt.figure(figsize=(10, 3.5))
plotting.plot_stat_map(motor_map, threshold=3, display_mode="ortho", cut_coords=(-38, -22, 56),
                       figure=fig, cmap="RdBu_r")
fig.suptitle("Left minus right button press (|z| > 3), crosshair in the left hand area")
plt.show()
# sphinx_gallery_start_ignore
# claim: "the map is strongly negative there" (z < -3 at the left hand-knob crosshair)
assert hand_z["left hand area"] < -3, hand_z
# claim: "The mirror point in the right hemisphere is strongly positive" (z > 3)
assert hand_z["right hand area"] > 3, hand_z
# claim: "hundreds of voxels share them" (at least 100 voxels within 0.01 of each end, the top at norm.isf(1e-15))
n_at_ends = [int(np.isclose(motor_data, motor_data.max(), atol=0.01).sum()),
             int(np.isclose(motor_data, motor_data.min(), atol=0.01).sum())]
from scipy.stats import norm

assert min(n_at_ends) >= 100 and abs(motor_data.max() - norm.isf(1e-15)) < 0.01, n_at_ends
# sphinx_gallery_end_ignore

# %%
# The crosshair sits in the left hand area, and the map is strongly negative
# there: right-hand presses drive the left motor cortex. The mirror point in the
# right hemisphere is strongly positive, as the contralateral control of the
# hands predicts. Both ends of the scale sit at ±7.94, the z-score of a one-sided
# p-value of 1e-15, and hundreds of voxels share them: the map saturates there,
# so its most extreme values do not rank voxels against each other.

# %%
# The same map in nilearn's interactive slice viewer,
# :func:`~nilearn.plotting.view_img` (with the same threshold and colours). Click
# in any of the three slices to move the crosshair there: the viewer shows the MNI
# coordinates of the crosshair in millimetres, and the colour bar the z-scores.
# Click on the blue and on the red blob and compare their coordinates with the two
# hand areas printed above. In a notebook the same call shows the viewer as the
# cell's output.
plotting.view_img(motor_map, threshold=3, cmap="RdBu_r", cut_coords=(-38, -22, 56), black_bg=True,
                  title="motor map, |z| > 3")

# %%
# A glass brain projects the whole volume onto three planes: every suprathreshold
# voxel is visible at once, at the cost of depth.
fig = plt.figure(figsize=(10, 3.5))
plotting.plot_glass_brain(motor_map, threshold=3, colorbar=True, plot_abs=False, cmap="RdBu_r", figure=fig)
fig.suptitle("Left minus right button press (|z| > 3) as a glass brain")
plt.show()

# %%
# On the cortical surface
# -----------------------
# Activity in the cortex lives on a folded sheet. On the left hemisphere the hand
# area is blue (right-hand presses win there). nilearn bundles the fsaverage5
# surface meshes; :meth:`~nilearn.surface.SurfaceImage.from_volume` samples the
# volume at each vertex of the pial surface, and we draw it on the inflated surface
# with the sulcal depth as background.
from nilearn import surface

fsaverage = datasets.load_fsaverage("fsaverage5")
motor_surface = surface.SurfaceImage.from_volume(mesh=fsaverage["pial"], volume_img=motor_map)
sulcal_depth = datasets.load_fsaverage_data(data_type="sulcal")
fig = plotting.plot_surf_stat_map(stat_map=motor_surface, surf_mesh=fsaverage["inflated"], hemi="left",
                                  view="lateral", threshold=3, bg_map=sulcal_depth, engine="matplotlib",
                                  title="Left hemisphere, lateral view (|z| > 3)", cmap="RdBu_r")
plt.show()

# %%
# Image operations
# ----------------
# Images must share a grid before they can be combined voxel by voxel.
# :func:`~nilearn.image.resample_to_img` puts the map on the grid of another image;
# :func:`~nilearn.image.smooth_img` blurs it with a Gaussian of given FWHM (mm);
# :func:`~nilearn.image.math_img` evaluates a NumPy expression on images, here a
# binary :term:`mask` of the voxels above +3 (the left-hand side of the contrast
# only); and :func:`~nilearn.image.threshold_img` keeps the voxels whose
# *absolute* value exceeds a cutoff (two-sided by default: the right-hand side
# too), so it keeps more voxels than the one-sided mask. Linear interpolation
# cannot create values beyond the original range; higher-order ("continuous")
# interpolation can overshoot near sharp peaks.
template = datasets.load_mni152_template(resolution=2)
motor_2mm = image.resample_to_img(motor_map, template, interpolation="linear",
                                  force_resample=True, copy_header=True)
smoothed = image.smooth_img(motor_2mm, fwhm=8)
active_mask = image.math_img("img > 3", img=motor_2mm)
thresholded = image.threshold_img(motor_2mm, threshold=3, copy_header=True)
peak = {}
for name, img in [("original", motor_map), ("resampled", motor_2mm), ("smoothed", smoothed)]:
    data = image.get_data(img)
    peak[name] = float(data.max())
    print(f"{name:>9}: shape {img.shape}, voxel {tuple(float(v) for v in img.header.get_zooms()[:3])} mm, "
          f"peak z = {peak[name]:.2f}")
n_mask, n_thresholded = int(image.get_data(active_mask).sum()), int(np.count_nonzero(image.get_data(thresholded)))
print("voxels above z = 3:", n_mask, "| non-zero after threshold_img:", n_thresholded)
# sphinx_gallery_start_ignore
# claim: "so it keeps more voxels than the one-sided mask"
assert n_thresholded > n_mask, (n_thresholded, n_mask)
# claim: "Smoothing spreads and lowers the peak" (the smoothed peak is below the resampled one)
assert peak["smoothed"] < peak["resampled"] <= peak["original"] + 1e-6, peak
# sphinx_gallery_end_ignore

# %%
# Smoothing spreads and lowers the peak, which is why smoothing must be chosen
# before looking at results, never tuned afterwards.
fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
for ax, (title, img) in zip(axes, [("resampled to 2 mm", motor_2mm), ("smoothed, FWHM 8 mm", smoothed)]):
    plotting.plot_stat_map(img, threshold=2, display_mode="z", cut_coords=[56], axes=ax, title=title,
                           cmap="RdBu_r", vmax=8)
fig.suptitle("Motor map at z = 56 mm before and after smoothing (|z| > 2)")
plt.show()

# %%
# .. admonition:: Exercise: a stricter threshold
#    :class: exercise
#
#    Repeat the two-sided :func:`~nilearn.image.threshold_img` on ``motor_2mm`` with
#    a cutoff of 5 instead of 3. Predict first: roughly what fraction of the
#    voxels kept at ``|z| > 3`` survive? Store the number of non-zero voxels of the new
#    image, an integer, in ``n_thresholded_5``.

# exercise: solution
# starter: n_thresholded_5 = ...  # your code here: number of non-zero voxels after threshold_img(..., threshold=5)
thresholded_5 = image.threshold_img(motor_2mm, threshold=5, copy_header=True)
n_thresholded_5 = int(np.count_nonzero(image.get_data(thresholded_5)))
print("non-zero after threshold_img at 5:", n_thresholded_5, "| at 3:", n_thresholded)

# %%

# exercise: check
if not isinstance(n_thresholded_5, (int, np.integer)):
    print("Not yet: store a whole number (np.count_nonzero of the image's data) in n_thresholded_5.")
elif n_thresholded_5 == n_thresholded:
    print("Not yet: that is the count at threshold 3; pass threshold=5.")
elif not 0 < n_thresholded_5 < n_thresholded:
    print("Not yet: a stricter cutoff keeps fewer voxels than at 3, but some survive; "
          "threshold motor_2mm, the resampled map.")
else:
    print(f"Correct: {n_thresholded_5} voxels, {n_thresholded_5 / n_thresholded:.0%} of the "
          f"{n_thresholded} kept at |z| > 3: the threshold decides how large an activation looks.")

# %%
# From fMRI images to region time series
# --------------------------------------
# The development fMRI dataset holds children and adults watching a short movie.
# :func:`~nilearn.datasets.fetch_development_fmri` returns file names of the 4-D
# images, a table of confounds (head motion and physiological noise estimates) per
# run, and the participants table. One participant is enough to learn the tools.
development = datasets.fetch_development_fmri(n_subjects=1, verbose=0)
func_file, confounds_file = development.func[0], development.confounds[0]
participant = development.phenotypic.iloc[0]
func_img = image.load_img(func_file)
print(f"{participant['participant_id']}: {participant['Child_Adult']}, age {participant['Age']:.1f}; "
      f"image {func_img.shape}, TR {development.t_r} s")

# %%
# A masker turns images into a 2-D array (time points × features) and applies the
# same signal cleaning everywhere: here detrending, band-pass filtering and
# regressing out the confounds. :class:`~nilearn.maskers.NiftiMasker` keeps every
# voxel inside a brain mask; for connectomes we rather average within small
# spheres around known regions with :class:`~nilearn.maskers.NiftiSpheresMasker`,
# using the 160 regions of Dosenbach et al. (2010), grouped into networks, whose
# coordinates ship with nilearn.
from nilearn.maskers import NiftiMasker, NiftiSpheresMasker

voxel_masker = NiftiMasker(mask_strategy="epi", standardize="zscore_sample", detrend=True)
voxel_series = voxel_masker.fit_transform(func_img, confounds=confounds_file)
print("NiftiMasker:", voxel_series.shape, "(time points × voxels)")

dosenbach = datasets.fetch_coords_dosenbach_2010()
sphere_masker = NiftiSpheresMasker(
    dosenbach.rois[["x", "y", "z"]].to_numpy(), radius=5, detrend=True, standardize="zscore_sample",
    low_pass=0.1, high_pass=0.01, t_r=development.t_r,
)
region_series = sphere_masker.fit_transform(func_img, confounds=confounds_file)
print("NiftiSpheresMasker:", region_series.shape, "(time points × regions)")

# %%
# A few of the cleaned region time series, one colour per region.
networks = dosenbach.networks.to_numpy()
minutes = np.arange(region_series.shape[0]) * development.t_r / 60
fig, ax = plt.subplots(figsize=(9, 3.2), layout="constrained")
for offset, region in enumerate([0, 40, 80, 120]):
    ax.plot(minutes, region_series[:, region] + 4 * offset, lw=0.8,
            label=f"region {region} ({networks[region]})")
ax.set(xlabel="time (min)", ylabel="z-scored signal (offset)", yticks=[],
       title="Cleaned time series of four Dosenbach regions")
ax.legend(loc="upper right", fontsize="small")
plt.show()

# %%
# From time series to a connectome
# --------------------------------
# Functional connectivity is, in its simplest form, the correlation between the
# time series of every pair of regions.
# :class:`~nilearn.connectome.ConnectivityMeasure` computes it (and other measures
# such as partial correlation or the tangent space used in later examples).
# Sorting regions by network shows the block structure: regions of the same
# network tend to correlate more with each other.
from nilearn.connectome import ConnectivityMeasure

correlation = ConnectivityMeasure(kind="correlation", standardize="zscore_sample")
matrix = correlation.fit_transform([region_series])[0]
order = np.argsort(networks, kind="stable")
same_network = networks[:, None] == networks[None, :]
off_diagonal = ~np.eye(len(networks), dtype=bool)
within, between = matrix[same_network & off_diagonal].mean(), matrix[~same_network].mean()
print(f"mean correlation within networks: {within:.3f}, between networks: {between:.3f}")
# sphinx_gallery_start_ignore
# claim: "regions of the same network tend to correlate more with each other"
assert within > between, (within, between)
# sphinx_gallery_end_ignore

fig, ax = plt.subplots(figsize=(6.5, 5.5), layout="constrained")
shown = ax.imshow(matrix[np.ix_(order, order)], cmap="RdBu_r", vmin=-1, vmax=1)
boundaries = np.flatnonzero(np.diff(np.unique(networks[order], return_inverse=True)[1])) + 0.5
for b in boundaries:
    ax.axhline(b, color="k", lw=0.5)
    ax.axvline(b, color="k", lw=0.5)
ax.set(title="Correlation between 160 regions, sorted by network", xlabel="region", ylabel="region")
fig.colorbar(shown, ax=ax, label="Pearson correlation")
plt.show()

# %%
# :func:`~nilearn.plotting.plot_connectome` draws the strongest connections as
# edges between the region coordinates on a glass brain.
fig = plt.figure(figsize=(10, 3.8))
plotting.plot_connectome(matrix, dosenbach.rois[["x", "y", "z"]].to_numpy(), edge_threshold="99.5%",
                         node_size=8, figure=fig)
fig.suptitle("Strongest 0.5 % of connections between the 160 Dosenbach regions")
plt.show()

# %%
# :func:`~nilearn.plotting.view_connectome` draws the strongest connections in
# 3-D: drag the brain to turn it, scroll to zoom, and use the menu below it for a
# view from the left, the right, the front, the back, the top or the bottom. The
# diagonal (each region's correlation of 1 with itself) is no connection: we set it
# to 0 before thresholding.
edges = matrix.copy()
np.fill_diagonal(edges, 0)
plotting.view_connectome(edges, dosenbach.rois[["x", "y", "z"]].to_numpy(), edge_threshold="99.5%",
                         node_size=4, title="Strongest 0.5 % of connections")

# %%
# .. admonition:: Exercise: how coherent is the default network?
#    :class: exercise
#
#    The within-network mean above pools all six networks. Extend it to one network:
#    the mean correlation between the different regions of the ``"default"``
#    network (without the diagonal, where each region correlates 1 with itself).
#    Store it in ``within_default``. Predict first: above or below the pooled
#    within-network mean?

# exercise: solution
# starter: within_default = ...  # your code here: mean correlation between distinct "default" regions
in_default = networks == "default"
default_pairs = in_default[:, None] & in_default[None, :] & off_diagonal
within_default = float(matrix[default_pairs].mean())
print(f"default network: {in_default.sum()} regions, mean correlation {within_default:.3f}")

# %%

# exercise: check
default_block = matrix[np.ix_(networks == "default", networks == "default")]
default_off_diagonal = default_block[~np.eye(len(default_block), dtype=bool)]
if not isinstance(within_default, float):
    print("Not yet: store one number (a float) in within_default.")
elif not -1 <= within_default <= 1:
    print("Not yet: a mean correlation lies between -1 and 1.")
elif not default_off_diagonal.min() <= within_default <= default_off_diagonal.max():
    print("Not yet: select the pairs where both regions belong to the default network "
          "(networks == 'default'), leaving out the diagonal.")
else:
    side = "above" if within_default > within else "below"
    print(f"Correct: {within_default:.3f}, {side} the pooled within-network mean ({within:.3f}); "
          f"between networks: {between:.3f}. One participant's run, "
          "so a noisy estimate.")

# %%
# Take-home
# ---------
# * nilearn's plotting functions accept files or images and place them in MNI space:
#   slices, glass brains and surfaces answer different questions.
# * Images must share a grid before voxel-wise operations: resample first, and fix
#   smoothing before looking at results.
# * Maskers turn 4-D images into ``(time points × features)`` arrays and clean the
#   signals consistently; fit them inside the cross-validation loop when they learn
#   from data (see the classic machine-learning gallery).
# * A connectome is a matrix of correlations between region time series; its
#   upper triangle is the feature vector of one participant in later examples.
#
# Next: the classic machine-learning gallery starts with
# :ref:`sphx_glr_classic_ml_plot_01_first_classifier.py`.

# sphinx_gallery_thumbnail_number = 3
