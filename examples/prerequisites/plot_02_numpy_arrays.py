"""
NumPy arrays: brain images and time series as blocks of numbers
===============================================================

How do you compute on a whole brain image, or on a hundred regional time series,
without writing a loop over every number? We load the MNI152 template that ships
with nilearn (a 3-D array of voxel intensities) and simulate 100 regional
fMRI-like :term:`time series` that share a slow common signal (the generative model
is stated below). With them we practise what every later example relies on:
creating arrays, indexing and slicing, boolean masks, reductions along an axis,
:term:`broadcasting`, and z-scoring all time series in one line.

We close by timing the same computation written as Python loops and as NumPy
array operations, to see what :term:`vectorization` buys, and by turning
z-scored time series into a correlation matrix, the basis of
:term:`functional connectivity`.
"""

# %%
# From lists to arrays
# --------------------
# A :class:`numpy.ndarray` holds numbers of one type (its ``dtype``) in a block of
# memory with a ``shape``. Arithmetic applies to every element at once: no loop,
# unlike the lists of the :ref:`previous example
# <sphx_glr_prerequisites_plot_01_python_essentials.py>`. :func:`numpy.arange` and
# :func:`numpy.linspace` create regular sequences, such as the acquisition times of
# an fMRI run.
import numpy as np

reaction_times_ms = np.array([512.0, 468.3, 630.9, 455.1, 701.4])
print(reaction_times_ms / 1000, "seconds")
print("shape", reaction_times_ms.shape, " dtype", reaction_times_ms.dtype,
      " ndim", reaction_times_ms.ndim)

tr = 2.0  # seconds between two volumes
n_volumes = 200
times = np.arange(n_volumes) * tr
print(f"times: {times[:4]} ... {times[-1]} s, {times.size} values")
print("five points from 0 to 1:", np.linspace(0, 1, 5))

# %%
# An image is an array
# --------------------
# :func:`nilearn.datasets.load_mni152_template` returns the MNI152 T1 template at
# 2 mm resolution as a nibabel image (bundled with nilearn, no download);
# ``get_fdata()`` gives its voxel intensities as a 3-D floating-point array. In
# this image the three axes run left to right, posterior to anterior and inferior
# to superior, which :func:`nibabel.aff2axcodes` reads from the image's affine as
# ``('R', 'A', 'S')``. That order is a property of the file, not of NumPy: other
# images store their axes in other directions (see
# :ref:`sphx_glr_prerequisites_plot_08_nibabel_brain_images.py` for how the affine
# defines this).
import nibabel as nib
from nilearn import datasets

template = datasets.load_mni152_template(resolution=2)
volume = template.get_fdata()
print("shape", volume.shape, "dtype", volume.dtype, f"{volume.nbytes / 1e6:.1f} MB")
print("axis codes:", nib.aff2axcodes(template.affine))
# sphinx_gallery_start_ignore
# claim: "In this image the three axes run left to right" (axis codes R, A, S)
assert nib.aff2axcodes(template.affine) == ("R", "A", "S"), nib.aff2axcodes(template.affine)
# sphinx_gallery_end_ignore
print(f"{volume.size} voxels, largest intensity {volume.max():.2f}")

# %%
# Indexing and slicing
# --------------------
# One index per axis picks a :term:`voxel`; a colon ``:`` keeps a whole axis, so
# ``volume[:, :, k]`` is an axial slice, a 2-D array. Slices ``start:stop:step``
# work on every axis, as for lists.
centre = tuple(size // 2 for size in volume.shape)
print("voxel", centre, "has intensity", round(float(volume[centre]), 3))
axial = volume[:, :, 50]
print("axial slice:", axial.shape, "  every second voxel:", volume[::2, ::2, ::2].shape)

# %%
# A slice does not copy the data: it is a *view* on the same memory
# (:func:`numpy.shares_memory` checks this). Changing a view changes the original
# volume, a classic source of silent bugs. Call ``.copy()`` when you want to
# modify a part independently.
print("slice shares memory with the volume:", np.shares_memory(axial, volume))
independent = volume[:, :, 50].copy()
independent[:] = 0
print("original untouched after changing the copy:", volume[:, :, 50].max() > 0)

# %%
# Boolean masks
# -------------
# A comparison such as ``volume > 0.2`` gives a boolean array of the same shape: a
# :term:`mask`, ``True`` where the condition holds. Indexing with it selects those
# elements (as a flat 1-D array), and ``True`` counts as 1 in sums and means. This
# skull-stripped template is zero outside the brain, so a low threshold separates
# brain from background.
brain = volume > 0.2
print("mask:", brain.shape, brain.dtype)
print(f"{brain.sum()} voxels in the mask ({brain.mean():.0%} of the box)")
print(f"mean intensity inside: {volume[brain].mean():.3f}, outside: {volume[~brain].mean():.3f}")
print("selected values form a 1-D array of shape", volume[brain].shape)
# sphinx_gallery_start_ignore
# claim: "This skull-stripped template is zero outside the brain" (mean below 0.001 outside the mask)
assert volume[~brain].mean() < 1e-3, volume[~brain].mean()
# sphinx_gallery_end_ignore

# %%
# :func:`numpy.where` chooses element by element between two values, here
# keeping the intensities of bright voxels and zeroing the rest. The figure shows
# the three arrays for one axial slice. This array's first axis runs left to right,
# so we transpose each slice for :meth:`~matplotlib.axes.Axes.imshow`, which draws
# rows from top to bottom, and use ``origin="lower"``.
import matplotlib.pyplot as plt

bright = np.where(volume > 0.6, volume, 0.0)
panels = [
    ("volume[:, :, 50]", volume[:, :, 50], "gray", "T1 intensity (a.u.)"),
    ("mask: volume > 0.2", brain[:, :, 50], "cividis", "False (0) or True (1)"),
    ("np.where(volume > 0.6, volume, 0)", bright[:, :, 50], "gray", "T1 intensity (a.u.)"),
]
fig, axes = plt.subplots(1, 3, figsize=(11, 4.2), layout="constrained")
for ax, (title, section, cmap, label) in zip(axes, panels):
    shown = ax.imshow(section.T, origin="lower", cmap=cmap)
    ax.set(title=title, xlabel="first axis, i (voxel index)",
           ylabel="second axis, j (voxel index)")
    fig.colorbar(shown, ax=ax, shrink=0.7, label=label)
fig.suptitle("An axial slice of the MNI152 template, a mask and a selection (k = 50)")
plt.show()

# %%
# .. admonition:: Exercise: fix the view bug
#    :class: exercise
#
#    The planted lines below try to make a thresholded copy of slice 50, but they
#    also change ``volume`` itself, because a slice is a view::
#
#        slice_ex1 = volume[:, :, 50]
#        slice_ex1[slice_ex1 <= 0.6] = 0
#
#    Fix them so that ``slice_ex1`` holds slice 50 with every intensity at or
#    below 0.6 set to 0, while ``volume`` stays untouched.

# exercise: solution
# starter: slice_ex1 = ...  # your code here: slice 50 with intensities <= 0.6 set to 0, volume unchanged
slice_ex1 = volume[:, :, 50].copy()
slice_ex1[slice_ex1 <= 0.6] = 0
print("shares memory with the volume:", np.shares_memory(slice_ex1, volume))

# %%

# exercise: check
if not isinstance(slice_ex1, np.ndarray) or slice_ex1.shape != volume.shape[:2]:
    print(f"Not yet: slice_ex1 should be a 2-D array of shape {volume.shape[:2]}, one axial slice.")
elif np.shares_memory(slice_ex1, volume):
    print("Not yet: slice_ex1 is still a view on volume; call .copy() before changing it.")
elif not np.any((volume[:, :, 50] > 0) & (volume[:, :, 50] <= 0.6)):
    print("Not yet: volume itself has lost its intensities at or below 0.6; reload it "
          "(run the cell with load_mni152_template again), then fix the slice.")
elif np.any((slice_ex1 > 0) & (slice_ex1 <= 0.6)) or not np.any(slice_ex1 > 0.6):
    print("Not yet: set the values at or below 0.6 to 0 and keep the brighter ones.")
else:
    print(f"Correct: {np.count_nonzero(slice_ex1)} bright voxels kept in the copy, and the volume "
          f"still has {np.count_nonzero(volume[:, :, 50])} non-zero voxels in that slice.")

# %%
# Many time series in one array
# -----------------------------
# Region-level fMRI data are a 2-D array: one row per region, one column per
# time point (TR). We simulate 100 regions × 200 TRs with this generative model:
# every region ``r`` carries a shared slow signal ``s(t)`` (two sinusoids, periods
# 120 s and 44 s) with its own loading ``a_r`` (uniform between 0 and 20), on its
# own baseline ``b_r`` (uniform between 500 and 1500, scanner units), plus Gaussian
# noise with a region-specific standard deviation ``sigma_r`` (uniform between 5
# and 15):
#
# .. math:: x_r(t) = b_r + a_r\,s(t) + \sigma_r\,\varepsilon_r(t),
#    \qquad \varepsilon_r(t) \sim \mathcal{N}(0, 1)
#
# Note how the per-region parameters are drawn as arrays of 100 values, and the
# noise as one 100 × 200 array, all from a seeded :func:`numpy.random.default_rng`.
rng = np.random.default_rng(0)
n_regions = 100
shared = np.sin(2 * np.pi * times / 120) + 0.5 * np.sin(2 * np.pi * times / 44 + 1.0)
loadings = rng.uniform(0, 20, size=n_regions)
baselines = rng.uniform(500, 1500, size=n_regions)
noise_sd = rng.uniform(5, 15, size=n_regions)
noise = rng.standard_normal((n_regions, n_volumes))

signals = (baselines[:, np.newaxis] + loadings[:, np.newaxis] * shared
           + noise_sd[:, np.newaxis] * noise)
print("signals:", signals.shape, "(regions × time points)")

# %%
# The line that built ``signals`` already used broadcasting, explained below. First
# a look at three regions: their baselines differ so much that the shared signal is
# hard to see on a common scale.
fig, ax = plt.subplots(figsize=(9, 3.5), layout="constrained")
for region in (0, 1, 2):
    ax.plot(times, signals[region], label=f"region {region} (loading {loadings[region]:.1f})")
ax.set(xlabel="time (s)", ylabel="signal (scanner units)",
       title="Three simulated regional time series")
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
plt.show()

# %%
# Reductions along an axis
# ------------------------
# Functions such as :func:`numpy.mean` and :func:`numpy.std` *reduce* an array. The
# ``axis`` argument says which axis is collapsed: ``axis=1`` averages over time,
# leaving one value per region; ``axis=0`` averages over regions, leaving one value
# per time point (the "global signal"). Without ``axis`` everything is collapsed
# into one number.
region_means = signals.mean(axis=1)
global_signal = signals.mean(axis=0)
print("mean over time    (axis=1):", region_means.shape)
print("mean over regions (axis=0):", global_signal.shape)
print(f"grand mean: {signals.mean():.1f}")
print(f"the region means recover the simulated baselines to within "
      f"{np.abs(region_means - baselines).max():.1f} scanner units")

# %%
# Broadcasting
# ------------
# To remove each region's mean we subtract a 100-value array from a 100 × 200
# array. NumPy compares shapes from the right: two axes fit when their lengths are
# equal or one of them is 1, and an axis of length 1 is stretched (without
# copying) to match. ``(100, 200)`` and ``(100,)`` do not fit, because 200 and 100
# are compared; NumPy refuses rather than guess.
try:
    signals - region_means
except ValueError as error:
    print("ValueError:", error)

# %%
# Keeping the reduced axis with ``keepdims=True`` (or adding one with
# ``np.newaxis``) gives shape ``(100, 1)``, which broadcasts along time. In the same
# way a ``(200,)`` array, such as the global signal, broadcasts across regions.
print("keepdims:", signals.mean(axis=1, keepdims=True).shape,
      " np.newaxis:", region_means[:, np.newaxis].shape)
centred = signals - signals.mean(axis=1, keepdims=True)  # (100, 200) - (100, 1)
without_global = signals - global_signal  # (100, 200) - (200,)
print("after centring, largest |region mean|:", f"{np.abs(centred.mean(axis=1)).max():.1e}")
print("after removing the global signal, largest |time-point mean|:",
      f"{np.abs(without_global.mean(axis=0)).max():.1e}")

# %%
# Z-scoring every time series at once
# -----------------------------------
# Z-scoring (a form of :term:`standardization`) subtracts each region's mean and
# divides by its standard deviation, so that all regions share one scale
# regardless of baseline and gain. With broadcasting it is one line for all 100
# regions.
zscored = (signals - signals.mean(axis=1, keepdims=True)) / signals.std(axis=1, keepdims=True)
print(f"means:  between {zscored.mean(axis=1).min():.1e} and {zscored.mean(axis=1).max():.1e}")
print(f"stds:   between {zscored.std(axis=1).min():.6f} and {zscored.std(axis=1).max():.6f}")

# %%
# A *carpet plot* shows the whole array as an image, regions as rows and time as
# columns. Before z-scoring it only shows the baselines; afterwards the shared
# slow signal appears as vertical bands, strongest in the regions with a large
# loading. Sorting the rows by loading (:func:`numpy.argsort` returns the order,
# and indexing with an array of integers reorders the rows) makes this visible.
order = np.argsort(loadings)
fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), layout="constrained")
carpets = [
    ("raw signals", signals[order], "signal (scanner units)"),
    ("z-scored per region", zscored[order], "z-score"),
]
for ax, (title, carpet, label) in zip(axes, carpets):
    shown = ax.imshow(carpet, aspect="auto", cmap="viridis", interpolation="nearest",
                      extent=[times[0], times[-1] + tr, n_regions, 0])
    ax.set(title=title, xlabel="time (s)", ylabel="region (sorted by loading, low to high)")
    fig.colorbar(shown, ax=ax, label=label)
fig.suptitle("100 regions × 200 TRs, before and after z-scoring")
plt.show()

# %%
# Vectorization: loops versus array operations
# --------------------------------------------
# Is the one-liner merely shorter, or also faster? We z-score the same data three
# ways and time each with :mod:`timeit`. A single fast call can take less time
# than the clock resolves, so :meth:`timeit.Timer.autorange` repeats the call
# until the total lasts at least 0.2 s, and we divide by the number of calls:
#
# 1. pure Python: nested loops over regions and time points, on lists;
# 2. a loop over regions, with NumPy doing each row;
# 3. fully vectorized: the broadcasting line above.
#
# All three must give the same numbers, which :func:`numpy.allclose` checks.
import timeit


def zscore_python(rows):
    result = []
    for row in rows:
        mean = sum(row) / len(row)
        sd = (sum((value - mean) ** 2 for value in row) / len(row)) ** 0.5
        result.append([(value - mean) / sd for value in row])
    return result


def zscore_row_loop(array):
    result = np.empty_like(array)
    for r in range(array.shape[0]):
        result[r] = (array[r] - array[r].mean()) / array[r].std()
    return result


def zscore_vectorized(array):
    return (array - array.mean(axis=1, keepdims=True)) / array.std(axis=1, keepdims=True)


def time_per_call(function, argument):
    """Mean duration of one call (s), over enough calls to last at least 0.2 s."""
    number_of_calls, total = timeit.Timer(lambda: function(argument)).autorange()
    return total / number_of_calls


signal_lists = signals.tolist()
methods = {
    "Python loops": (zscore_python, signal_lists),
    "loop over regions": (zscore_row_loop, signals),
    "vectorized": (zscore_vectorized, signals),
}
durations = {name: time_per_call(function, data) for name, (function, data) in methods.items()}
for name, (function, data) in methods.items():
    same = np.allclose(np.asarray(function(data)), zscored)
    ratio = durations[name] / durations["vectorized"]
    print(f"{name:>17}: {durations[name] * 1000:7.3f} ms per call, "
          f"{ratio:5.1f} × vectorized, same result: {same}")

# %%
# The chart uses a logarithmic axis, on which equal distances mean equal
# *ratios* of time. The exact values depend on the computer (and are larger in
# the browser), but the reason for the ranking does not: every Python-level loop
# iteration costs time, while NumPy runs the loop over a contiguous block of
# memory in compiled code.
names = list(durations)
durations_ms = [durations[name] * 1000 for name in names]
fig, ax = plt.subplots(figsize=(7, 3), layout="constrained")
ax.plot(durations_ms, names, "o", color="#0072B2", markersize=10)
for duration, name in zip(durations_ms, names):
    ax.annotate(f"{duration:.3f} ms", (duration, name), xytext=(0, 9),
                textcoords="offset points", ha="center")
ax.set(xscale="log", xlim=(min(durations_ms) / 4, max(durations_ms) * 4), ylim=(2.6, -0.6),
       xlabel="time per call for 100 × 200 values (ms, log scale)",
       title="Z-scoring 100 time series three ways")
ax.grid(axis="x", which="both", alpha=0.3)
plt.show()

# %%
# From z-scores to a correlation matrix
# -------------------------------------
# The Pearson correlation of two z-scored series is the mean of their product.
# For all pairs of regions at once this is a matrix product, written ``@``:
# ``zscored @ zscored.T / n_volumes`` is the 100 × 100 correlation matrix, identical
# to what :func:`numpy.corrcoef` computes. In fMRI this matrix is the
# :term:`functional connectivity` between regions.
correlation = zscored @ zscored.T / n_volumes
print("correlation matrix:", correlation.shape)
print("equal to np.corrcoef:", np.allclose(correlation, np.corrcoef(signals)))

# %%
# Here the gap between loops and arrays widens: the matrix needs 100 × 100 × 200
# multiplications. Written as Python loops over pairs of regions, each pair summing
# its products, it is much slower than the single matrix product; the printed
# speed-up says by how much on the computer that built this page (the matrix
# product is timed with ``time_per_call``, the slow loops once with
# :func:`time.perf_counter`).
import time

z_lists = zscored.tolist()
start = time.perf_counter()
correlation_loops = [[sum(a * b for a, b in zip(row_i, row_j)) / n_volumes for row_j in z_lists]
                     for row_i in z_lists]
loop_time = time.perf_counter() - start
product_time = time_per_call(lambda z: z @ z.T / n_volumes, zscored)
print(f"Python loops: {loop_time * 1000:.1f} ms, matrix product: {product_time * 1000:.3f} ms")
print(f"speed-up {loop_time / product_time:.0f} ×, "
      f"same result: {np.allclose(correlation_loops, correlation)}")
# sphinx_gallery_start_ignore
# claim: "it is much slower than the single matrix product" (more than 10 times)
assert loop_time > 10 * product_time, (loop_time, product_time)
# claim: "Vectorized code was faster than the loops in the timing above"
assert durations["vectorized"] < min(durations["Python loops"], durations["loop over regions"]), durations
# sphinx_gallery_end_ignore
# sphinx_gallery_start_ignore
# claim: "Regions with a large loading on the shared signal correlate strongly with each other"
# (the 20 largest loadings: mean correlation above 0.5 and above that of the 20 smallest)
top, bottom = order[-20:], order[:20]
r_top = correlation[np.ix_(top, top)][~np.eye(20, dtype=bool)].mean()
r_bottom = correlation[np.ix_(bottom, bottom)][~np.eye(20, dtype=bool)].mean()
assert r_top > 0.5 and r_top > r_bottom, (r_top, r_bottom)
# sphinx_gallery_end_ignore

# %%
# Regions with a large loading on the shared signal correlate strongly with each
# other; regions with a small loading are dominated by their own noise. Reordering
# rows *and* columns by loading (``correlation[order][:, order]``) reveals this
# structure, which the simulation put there. A diverging colormap centred on zero
# separates positive from negative correlations.
fig, ax = plt.subplots(figsize=(6, 5), layout="constrained")
shown = ax.imshow(correlation[order][:, order], cmap="RdBu_r", vmin=-1, vmax=1,
                  interpolation="nearest")
ax.set(xlabel="region (sorted by loading)", ylabel="region (sorted by loading)",
       title="Correlation between regional time series")
fig.colorbar(shown, ax=ax, label="Pearson correlation")
plt.show()

# %%
# .. admonition:: Exercise: which regions follow the shared signal?
#    :class: exercise
#
#    Extend the matrix product to the correlation of every region with the shared
#    signal ``s(t)`` itself: z-score ``shared`` (shape ``(200,)``), then use
#    ``zscored @ ... / n_volumes`` to get 100 correlations, and store them in
#    ``r_shared_ex2``. Predict first: how should these correlations relate to the
#    simulated ``loadings``?

# exercise: solution
# starter: r_shared_ex2 = ...  # your code here: an array of 100 correlations, one per region
shared_z = (shared - shared.mean()) / shared.std()
r_shared_ex2 = zscored @ shared_z / n_volumes
print("shape", r_shared_ex2.shape, f"range {r_shared_ex2.min():.2f} to {r_shared_ex2.max():.2f}")

# %%

# exercise: check
if not isinstance(r_shared_ex2, np.ndarray) or r_shared_ex2.shape != (n_regions,):
    print(f"Not yet: r_shared_ex2 should be an array of shape ({n_regions},), one value per region; "
          "check which side of @ the (200,) vector goes.")
elif np.abs(r_shared_ex2).max() > 1 + 1e-9:
    print("Not yet: correlations lie between -1 and 1; did you z-score shared and divide by n_volumes?")
else:
    agreement = np.corrcoef(r_shared_ex2, loadings)[0, 1]
    if agreement < 0.5:
        print("Not yet: these values barely follow the loadings; correlate the z-scored regions "
              "with the z-scored shared signal.")
    else:
        print(f"Correct: the correlation with s(t) rises with the loading (r = {agreement:.2f} "
              "between the two): a region with a small loading is mostly its own noise.")

# %%
# Take-home
# ---------
# * An array has a shape and a dtype; images are 3-D arrays, regional time series
#   a 2-D array (regions × time). Slices are views: ``.copy()`` before modifying.
# * Boolean masks select elements by a condition; counting and averaging them is a
#   sum or a mean.
# * Reductions take an ``axis``: the axis you name disappears. ``keepdims=True``
#   keeps it with length 1, ready for broadcasting.
# * Broadcasting matches shapes from the right (equal, or 1): z-scoring,
#   centring and many other operations on all regions become one line.
# * Vectorized code was faster than the loops in the timing above, and it is also
#   shorter and closer to the mathematics.
#
# The next example, :ref:`sphx_glr_prerequisites_plot_03_scipy_toolbox.py`, uses
# these arrays with SciPy: filtering a BOLD-like time series, testing effects,
# fitting a haemodynamic response and smoothing a brain volume.

# sphinx_gallery_thumbnail_number = 3
