"""
Brain images are arrays with a map: nibabel and NumPy on the MNI152 template
============================================================================

What *is* a brain image once it is loaded into Python? We open the MNI152 T1
template that ships with nilearn using :mod:`nibabel`, and take it apart: the
header, the array of :term:`voxel` intensities, and the :term:`affine` that maps
voxel indices to millimetres in MNI space. We convert coordinates in both
directions, slice and plot the volume with matplotlib, and finally create and save
a new image: a spherical region of interest around a point in motor cortex.

You will learn the three things every neuroimaging pipeline relies on: an image is
an array plus an affine, array axes are not anatomical directions until the affine
says so, and a new image must carry the affine of the space it lives in.
"""

# %%
# Loading the template
# --------------------
# nilearn bundles the MNI152 2009 template with its installation, so no download
# is needed. :func:`nibabel.load` reads the file lazily: it parses the header at
# once but only reads the voxel data when we ask for it.
import matplotlib.pyplot as plt
import nibabel as nib
import numpy as np
from nilearn.datasets import MNI152_FILE_PATH

img = nib.load(MNI152_FILE_PATH)
print(type(img).__name__)
print("shape:", img.shape)
print("voxel size (mm):", tuple(float(size) for size in img.header.get_zooms()))
print("data type on disk:", img.header.get_data_dtype())
print("spatial and time units in the header:", img.header.get_xyzt_units())

# %%
# The header holds the metadata the scanner and the processing software wrote.
# Most fields are rarely needed; the ones above (shape, voxel size, data type,
# units) and the affine below are the ones to check whenever an image looks wrong.
# This file leaves its units ``'unknown'``: nothing in the header says the voxel
# size is in millimetres. We read it as millimetres because the template is in
# MNI space, whose coordinates are millimetres by convention; for an image of
# unknown origin, an unset unit field is a reason to ask how it was made.
#
# The data array
# --------------
# :meth:`~nibabel.nifti1.Nifti1Image.get_fdata` returns the voxel intensities as a
# floating-point NumPy array. From here on, everything is NumPy.
data = img.get_fdata()
print(f"array: {data.shape}, {data.dtype}, {data.nbytes / 1e6:.1f} MB in memory")
print(f"intensity range: {data.min():.3f} to {data.max():.3f}")

# %%
# The template is skull-stripped: only the brain has non-zero intensities, and
# most voxels of the box are background. A boolean mask selects the brain voxels
# (here: brighter than a tenth of the maximum); its sum counts them, and the voxel
# volume turns that count into millilitres.
voxel_volume_mm3 = float(np.prod(img.header.get_zooms()))
threshold = 0.1 * data.max()
inside = data > threshold
print(f"{inside.sum()} of {data.size} voxels ({inside.mean():.0%}) are brighter than {threshold:.1f}")
print(f"that is {inside.sum() * voxel_volume_mm3 / 1000:.0f} ml of brain")
# sphinx_gallery_start_ignore
# claim: "most voxels of the box are background" (fewer than half are above the threshold)
assert inside.mean() < 0.5, inside.mean()
# sphinx_gallery_end_ignore

# %%
# Where is a voxel? The affine
# ----------------------------
# Voxel indices ``(i, j, k)`` only count positions in the array. The affine turns
# them into world coordinates ``(x, y, z)`` in millimetres:
# ``[x, y, z, 1] = affine @ [i, j, k, 1]``. Its last column is the position of voxel
# ``(0, 0, 0)``. The upper-left 3 × 3 block holds the voxel size and the
# orientation together: here it is diagonal because the grid is aligned with the
# MNI axes, so the diagonal holds the voxel sizes. A scanner image is usually
# tilted and then every entry of the block mixes size and rotation;
# :func:`nibabel.affines.voxel_sizes` (the length of each column) gives the voxel
# sizes in every case. :func:`nibabel.aff2axcodes` reads the direction each array
# axis points to: ``R`` means the index grows towards the right, ``A`` towards
# anterior, ``S`` towards superior.
from nibabel.affines import voxel_sizes
from nilearn.datasets import load_sample_motor_activation_image

print(img.affine)
print("voxel sizes from the affine:", voxel_sizes(img.affine), "| axis codes:", nib.aff2axcodes(img.affine))
motor_map = nib.load(load_sample_motor_activation_image())
motor_codes = nib.aff2axcodes(motor_map.affine)
print("nilearn's motor map: axis codes", motor_codes, "| first row of its affine:", motor_map.affine[0])
# sphinx_gallery_start_ignore
# claim: "The two images store the first axis in opposite directions"
assert nib.aff2axcodes(img.affine)[0] == "R" and motor_codes[0] == "L", (nib.aff2axcodes(img.affine), motor_codes)
assert motor_map.affine[0, 0] < 0 < img.affine[0, 0], (motor_map.affine, img.affine)
# sphinx_gallery_end_ignore

# %%
# The two images store the first axis in opposite directions: in the template
# the index ``i`` grows towards the right (``R``), in the motor map towards the
# left (``L``, a negative voxel size in the affine). Array axes are not
# anatomical directions until the affine says so.

# %%
# :func:`nibabel.affines.apply_affine` does the multiplication for us. The centre
# voxel of the array is not the origin of MNI space; the origin (the anterior
# commissure) is wherever the affine puts it.
from nibabel.affines import apply_affine

centre_voxel = np.array(data.shape) // 2
print("centre voxel", centre_voxel, "-> world (mm)", apply_affine(img.affine, centre_voxel))
# sphinx_gallery_start_ignore
# claim: "The centre voxel of the array is not the origin of MNI space"
assert np.abs(apply_affine(img.affine, centre_voxel)).max() > 1, apply_affine(img.affine, centre_voxel)
# sphinx_gallery_end_ignore

# %%
# The other direction uses the inverse affine. Voxel indices must be whole numbers,
# so we round. Here we find the voxel at the MNI origin and a point in the left
# primary motor cortex (the hand knob, roughly ``(-38, -22, 56)`` mm).
world_to_voxel = np.linalg.inv(img.affine)
origin_voxel = np.round(apply_affine(world_to_voxel, [0, 0, 0])).astype(int)
motor_mm = np.array([-38, -22, 56])
motor_voxel = np.round(apply_affine(world_to_voxel, motor_mm)).astype(int)
print("MNI (0, 0, 0) is voxel", origin_voxel)
print("left motor cortex", motor_mm, "is voxel", motor_voxel)

# %%
# .. admonition:: Exercise: the same point in the motor map
#    :class: exercise
#
#    nilearn's motor map (``motor_map``, loaded above) has its own grid and stores
#    its first axis in the opposite direction. Predict first: is the left motor
#    cortex point ``motor_mm`` at the same voxel indices in the motor map as in the
#    template? Compute its voxel in the motor map, rounded to integers like
#    ``motor_voxel``, and store it in ``motor_voxel_in_map``.

# exercise: solution
# starter: motor_voxel_in_map = ...  # your code here: integer voxel indices (i, j, k) of motor_mm in motor_map
motor_voxel_in_map = np.round(apply_affine(np.linalg.inv(motor_map.affine), motor_mm)).astype(int)
print("left motor cortex", motor_mm, "is voxel", motor_voxel_in_map, "of the motor map")

# %%

# exercise: check
if not isinstance(motor_voxel_in_map, np.ndarray) or motor_voxel_in_map.shape != (3,):
    print("Not yet: store the three voxel indices as a NumPy array of shape (3,) in motor_voxel_in_map.")
elif not np.issubdtype(motor_voxel_in_map.dtype, np.integer):
    print("Not yet: voxel indices are whole numbers; round and convert with .astype(int).")
else:
    back_mm = apply_affine(motor_map.affine, motor_voxel_in_map)
    map_voxel_mm = voxel_sizes(motor_map.affine)
    if np.any(np.abs(back_mm - motor_mm) > map_voxel_mm / 2 + 1e-6):
        print("Not yet: this voxel is not at motor_mm in the motor map; use the inverse of "
              "motor_map.affine (not the template's).")
    else:
        print(f"Correct: voxel {tuple(int(v) for v in motor_voxel_in_map)} of the motor map, "
              f"voxel {tuple(int(v) for v in motor_voxel)} of the template: the same place, "
              "different indices, because each image has its own affine.")

# %%
# Slicing and plotting
# --------------------
# A 2-D slice is plain NumPy indexing. Two details matter for plotting: in this
# image (``RAS``) the first array axis runs left to right, so the slice must be
# transposed for
# :meth:`~matplotlib.axes.Axes.imshow` (which draws rows top to bottom), and
# ``origin="lower"`` puts superior at the top. Passing the world extent of the slice
# labels the axes in millimetres instead of indices (for an ``LAS`` image the x
# extent would run from right to left). The three panels share one intensity
# scale, so that one colour bar describes them all.
def world_extent(axis_a, axis_b):
    """Millimetre extent of a slice spanning two array axes, for imshow."""
    corners = apply_affine(img.affine, [[0, 0, 0], np.array(data.shape) - 1])
    return [corners[0, axis_a], corners[1, axis_a], corners[0, axis_b], corners[1, axis_b]]


i0, j0, k0 = origin_voxel
views = [
    ("sagittal (x = 0 mm)", data[i0, :, :].T, world_extent(1, 2), ("y (mm)", "z (mm)")),
    ("coronal (y = 0 mm)", data[:, j0, :].T, world_extent(0, 2), ("x (mm)", "z (mm)")),
    ("axial (z = 0 mm)", data[:, :, k0].T, world_extent(0, 1), ("x (mm)", "y (mm)")),
]
fig, axes = plt.subplots(1, 3, figsize=(11, 4), layout="constrained")
for ax, (title, section, extent, (xlabel, ylabel)) in zip(axes, views):
    shown = ax.imshow(section, cmap="gray", origin="lower", extent=extent, vmin=0, vmax=data.max())
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
fig.colorbar(shown, ax=axes, shrink=0.8, label="T1 intensity (a.u.)")
fig.suptitle("MNI152 template through the origin of MNI space")
plt.show()

# %%
# The intensity histogram of the brain voxels shows the tissue classes a T1 image
# separates: cerebrospinal fluid is dark, grey matter intermediate, white matter
# bright. Later examples use exactly this contrast to classify tissue. The file
# stores whole numbers (``uint8``), so each bin is one integer value wide and
# centred on it: with arbitrary bin edges some bins would catch two integers
# and others none.
fig, ax = plt.subplots(figsize=(6, 3.5), layout="constrained")
# sphinx_gallery_start_ignore
# claim: "The file stores whole numbers" (uint8 on disk, every loaded value an integer)
assert img.header.get_data_dtype() == np.uint8 and np.array_equal(data, np.round(data)), img.header.get_data_dtype()
# sphinx_gallery_end_ignore
integer_edges = np.arange(np.floor(threshold), data.max() + 1) + 0.5
ax.hist(data[inside], bins=integer_edges, color="0.35")
ax.set(xlabel="T1 intensity (a.u., integer values)", ylabel="number of voxels",
       title="Intensities of the voxels inside the brain")
plt.show()

# %%
# Creating and saving a new image
# -------------------------------
# A region of interest (ROI) is an image of the same grid whose voxels are 1 inside
# the region and 0 outside. We need the distance of *every* voxel from the motor
# cortex point. :data:`numpy.ogrid` gives one index array per axis, shaped so that
# they broadcast against each other: each world coordinate (one row of the affine)
# is computed for the whole volume at once, without storing a list of all 8 million
# voxel positions. The mask is wrapped in a :class:`~nibabel.nifti1.Nifti1Image` with
# the template's affine, so that it lives in the same space.
i, j, k = np.ogrid[: data.shape[0], : data.shape[1], : data.shape[2]]
squared_distance = np.zeros(data.shape, dtype=np.float32)
for row in range(3):
    a, b, c, shift = img.affine[row]
    squared_distance += (a * i + b * j + c * k + shift - motor_mm[row]) ** 2
sphere = (squared_distance <= 8**2).astype(np.uint8)
roi_img = nib.Nifti1Image(sphere, img.affine)
print(f"ROI: {sphere.sum()} voxels, {sphere.sum() * voxel_volume_mm3 / 1000:.2f} ml")

# %%
# Saving and reloading checks that nothing was lost. We write to a temporary folder
# so that running the example leaves no files behind.
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "left_motor_sphere.nii.gz"
    nib.save(roi_img, path)
    reloaded = nib.load(path)
    print(f"saved {path.name}: {path.stat().st_size} bytes on disk")
    same = np.array_equal(reloaded.get_fdata(), sphere) and np.allclose(reloaded.affine, img.affine)
    print("reloaded image identical to the one saved:", same)

# %%
# Finally, the ROI drawn over the template on the axial slice through its centre.
# A masked array hides the zeros, so only the sphere is coloured.
k_motor = motor_voxel[2]
fig, ax = plt.subplots(figsize=(5, 5), layout="constrained")
ax.imshow(data[:, :, k_motor].T, cmap="gray", origin="lower", extent=world_extent(0, 1))
ax.imshow(np.ma.masked_equal(sphere[:, :, k_motor].T, 0), cmap="autumn", origin="lower",
          extent=world_extent(0, 1), alpha=0.8, vmin=0, vmax=1)
ax.plot(*motor_mm[:2], "c+", markersize=14, label=f"{tuple(int(v) for v in motor_mm)} mm")
ax.set(xlabel="x (mm)", ylabel="y (mm)",
       title=f"8 mm sphere in left motor cortex, axial z = {motor_mm[2]} mm")
ax.legend(loc="lower right")
plt.show()

# %%
# The same ROI in nilearn's interactive slice viewer,
# :func:`~nilearn.plotting.view_img`, over nilearn's 2 mm copy of the MNI152
# template (lighter to send to a browser than the 1 mm file). Click anywhere to
# move the crosshair: the viewer turns the voxel under it into world coordinates
# with the affine, as ``apply_affine`` did above, and shows them in millimetres.
# Click on the edge of the sphere and compare its coordinates with those of the
# centre, ``(-38, -22, 56)``.
from nilearn import plotting

plotting.view_img(roi_img, cut_coords=motor_mm, cmap="autumn", symmetric_cmap=False, vmin=0, vmax=1,
                  colorbar=False, black_bg=True, resampling_interpolation="nearest",
                  title="8 mm sphere ROI")

# %%
# .. admonition:: Exercise: fix the affine of a new ROI
#    :class: exercise
#
#    The planted lines below make a 12 mm sphere around the right hand area,
#    ``(38, -22, 56)`` mm, but wrap it with an identity affine, so that the image
#    claims its voxel ``(i, j, k)`` sits at ``(i, j, k)`` mm::
#
#        sphere_right = (squared_distance_right <= 12**2).astype(np.uint8)
#        roi_right_img = nib.Nifti1Image(sphere_right, np.eye(4))
#
#    Build ``squared_distance_right`` as above (with the ``i, j, k`` grids), fix the
#    affine, and store the world coordinates (mm) of the centre of the ROI, the mean
#    position of its voxels mapped through the image's own affine, in
#    ``roi_centre_mm``.

# exercise: solution
# starter: roi_centre_mm = ...  # your code here: (x, y, z) in mm of the centre of the right-hand ROI
right_mm = np.array([38, -22, 56])
squared_distance_right = np.zeros(data.shape, dtype=np.float32)
for row in range(3):
    a, b, c, shift = img.affine[row]
    squared_distance_right += (a * i + b * j + c * k + shift - right_mm[row]) ** 2
sphere_right = (squared_distance_right <= 12**2).astype(np.uint8)
roi_right_img = nib.Nifti1Image(sphere_right, img.affine)
roi_centre_mm = apply_affine(roi_right_img.affine, np.argwhere(sphere_right).mean(axis=0))
print(f"ROI: {sphere_right.sum()} voxels, centre at {roi_centre_mm.round(1)} mm")

# %%

# exercise: check
target_mm = np.array([38, -22, 56])
if not isinstance(roi_centre_mm, np.ndarray) or roi_centre_mm.shape != (3,):
    print("Not yet: store the centre as a NumPy array of three coordinates in roi_centre_mm.")
elif np.abs(roi_centre_mm - target_mm).max() > 1:
    print(f"Not yet: the centre is at {roi_centre_mm.round(1)} mm, not near (38, -22, 56) mm; "
          "give the new image the template's affine, img.affine, and map the voxel centre "
          "through it.")
else:
    print(f"Correct: centre at {roi_centre_mm.round(1)} mm; with np.eye(4) the same voxels would "
          f"claim to sit at {np.argwhere(sphere_right).mean(axis=0).round(1)} mm.")

# %%
# Take-home
# ---------
# * A NIfTI image is a NumPy array plus an affine (and a header of metadata).
# * Voxel indices become millimetres only through the affine; use
#   :func:`~nibabel.affines.apply_affine` and its inverse instead of guessing.
# * Array axes are not display axes, nor fixed anatomical directions: check
#   :func:`nibabel.aff2axcodes` and :func:`~nibabel.affines.voxel_sizes` (and the
#   header's units), then transpose and set ``origin="lower"`` to plot.
# * A new image (an ROI, a statistical map) must reuse the affine of the grid it was
#   computed on, or it will land in the wrong place.
#
# Next, :ref:`sphx_glr_prerequisites_plot_09_nilearn_images.py` does these steps
# with nilearn, from images to maskers and a first connectome.

# sphinx_gallery_thumbnail_number = 1
