"""
Plotting: figures that show the data honestly
=============================================

How do you turn a table of participants and a brain image into figures that show
the data without distorting it, and save them for a paper? We simulate a
participants table (group, age, reaction time and hippocampal volume, with the
generative model written out in the code) and use the MNI152 template that ships
with nilearn. You will learn matplotlib's figure and axes, several ways to draw a
distribution and what each one hides, a scatter plot with regression lines and
their confidence bands drawn by seaborn, why the jet (rainbow) colormap invents
structure that is not in the data and which colormaps to use instead, and how to
save vector and raster files at a chosen resolution.
"""

# %%
# A simulated participants table
# ------------------------------
# Real participant tables cannot be shared freely, so we simulate one whose
# generative model we know. 120 controls and 120 patients, aged 20 to 80 years:
#
# * hippocampal volume (mm³) = 4000 − 15 × (age − 50) − 250 × patient + noise,
#   with noise drawn from a normal distribution with a standard deviation of
#   300 mm³: the volume shrinks with age, and patients have smaller volumes at
#   every age;
# * reaction time is log-normal, as real reaction times are (a long tail of slow
#   responses): log(RT / ms) = log(450) + 0.004 × (age − 50) + 0.1 × patient +
#   noise with a standard deviation of 0.2.
#
# One row per participant, one column per variable: the "tidy" layout that
# :class:`pandas.DataFrame`, matplotlib and seaborn all expect.
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

rng = np.random.default_rng(seed=0)
n_per_group = 120
group = np.repeat(["control", "patient"], n_per_group)
is_patient = (group == "patient").astype(float)
age = rng.uniform(20, 80, size=group.size)
hippocampus = (4000 - 15 * (age - 50) - 250 * is_patient
               + rng.normal(0, 300, size=group.size))
log_rt = (np.log(450) + 0.004 * (age - 50) + 0.1 * is_patient
          + rng.normal(0, 0.2, size=group.size))

participants = pd.DataFrame({
    "group": group,
    "age": age.round(1),
    "hippocampus_mm3": hippocampus.round(),
    "rt_ms": np.exp(log_rt).round(),
})
participants.head()

# %%
# Figures and axes
# ----------------
# matplotlib has two interfaces. The ``plt.plot`` / ``plt.xlabel`` style acts on
# whatever plot is "current", which is handy for one quick look and confusing as
# soon as there are several panels. The object-oriented style names everything:
# a :class:`~matplotlib.figure.Figure` is the whole canvas (what you save), and it
# holds one or more :class:`~matplotlib.axes.Axes`, each a plotting area with its
# own x and y axis. :func:`~matplotlib.pyplot.subplots` creates both at once, and
# every drawing command is then a method of the axes it draws in.
#
# The groups get two colours from the Okabe–Ito palette, which stay distinct for
# readers with the common forms of colour-vision deficiency (unlike red and
# green). Every axis gets a label with its unit.
colours = {"control": "#0072B2", "patient": "#E69F00"}

fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
axes[0].hist(participants["age"], bins=12, color="0.6", edgecolor="white")
axes[0].set(xlabel="age (years)", ylabel="number of participants",
            title="Age distribution")
for name, rows in participants.groupby("group"):
    axes[1].scatter(rows["age"], rows["hippocampus_mm3"], s=12, color=colours[name],
                    label=name)
axes[1].set(xlabel="age (years)", ylabel="hippocampal volume (mm³)",
            title="Volume against age")
axes[1].legend(title="group")
fig.suptitle("One Figure, two Axes")
plt.show()

# %%
# Distributions: what each plot hides
# -----------------------------------
# Reaction times are right-skewed: a few slow responses pull the mean above the
# median. The summary per group shows it.
rt_summary = participants.groupby("group")["rt_ms"].agg(["count", "mean", "median", "std"])
print(rt_summary.round(1))
# sphinx_gallery_start_ignore
# claim: "a few slow responses pull the mean above the median" (in both groups)
assert (rt_summary["mean"] > rt_summary["median"]).all(), rt_summary
# sphinx_gallery_end_ignore

# %%
# Here is the same column drawn five ways. A bar of the mean with its standard
# error (the "dynamite plot") shows two numbers per group and hides the rest. A
# histogram shows the shape but overlapping groups get hard to compare. A box plot
# shows the median, quartiles and outlying points, but not whether the
# distribution has one peak or two. A violin plot shows the shape (a smoothed
# histogram, mirrored) but not how many participants are behind it. A *raincloud*
# combines half a violin, a narrow box and every single participant: with a few
# hundred points or fewer, show the raw data.
#
# :func:`~matplotlib.pyplot.subplot_mosaic` lays the panels out from a sketch
# given as nested lists of names.
rt = {name: rows["rt_ms"].to_numpy() for name, rows in participants.groupby("group")}
names = list(rt)
positions = np.arange(len(names))
label = "reaction time (ms)"

fig, ax = plt.subplot_mosaic([["bar", "hist", "box"], ["violin", "rain", "rain"]],
                             figsize=(11, 7), layout="constrained")
means = [values.mean() for values in rt.values()]
sems = [values.std(ddof=1) / np.sqrt(values.size) for values in rt.values()]
ax["bar"].bar(positions, means, yerr=sems, capsize=6, color=[colours[n] for n in names])
ax["bar"].set(title="Mean ± SEM (hides the data)", ylabel=label)

bins = np.arange(150, 951, 50)
for name in names:
    ax["hist"].hist(rt[name], bins=bins, histtype="stepfilled", alpha=0.45,
                    color=colours[name], label=name)
ax["hist"].set(title="Histograms", xlabel=label, ylabel="number of participants")
ax["hist"].legend()

boxes = ax["box"].boxplot(list(rt.values()), positions=positions, widths=0.5,
                          patch_artist=True, medianprops={"color": "black"})
violins = ax["violin"].violinplot(list(rt.values()), positions=positions, showmedians=True)
for box, violin, name in zip(boxes["boxes"], violins["bodies"], names):
    box.set(facecolor=colours[name], alpha=0.6)
    violin.set(facecolor=colours[name], alpha=0.6)
ax["box"].set(title="Box plots", ylabel=label)
ax["violin"].set(title="Violin plots", ylabel=label)

# Raincloud, horizontal: the cloud (half violin) above, the rain (points) below.
for position, name in zip(positions, names):
    cloud = ax["rain"].violinplot(rt[name], positions=[position], orientation="horizontal",
                                  side="high", widths=0.8, showextrema=False)
    cloud["bodies"][0].set(facecolor=colours[name], alpha=0.6)
    ax["rain"].boxplot(rt[name], positions=[position - 0.08], orientation="horizontal",
                       widths=0.08, showfliers=False, medianprops={"color": "black"})
    jitter = rng.uniform(-0.07, 0.07, size=rt[name].size)
    ax["rain"].scatter(rt[name], position - 0.25 + jitter, s=6, color=colours[name],
                       alpha=0.7)
ax["rain"].set(title="Raincloud: shape, summary and every participant", xlabel=label,
               yticks=positions, yticklabels=names)

for key in ("bar", "box", "violin"):
    ax[key].set(xticks=positions, xticklabels=names)
fig.suptitle(f"Reaction times of {len(participants)} simulated participants, five ways")
plt.show()

# %%
# Scatter plots with regression lines: where seaborn helps
# --------------------------------------------------------
# A straight line through a scatter plot takes two lines of matplotlib:
# :func:`numpy.polyfit` fits it, :meth:`~matplotlib.axes.Axes.plot` draws it.
# Fitted on everyone at once, it ignores the groups. Because age was drawn
# independently of group, that does not bias the slope here: the pooled slope
# lies between the two group slopes. What the single line hides is the group
# difference itself, which stays in the scatter around it. Had the patients been
# older than the controls, the pooled slope would mix the age effect with the
# group difference.
slope, intercept = np.polyfit(participants["age"], participants["hippocampus_mm3"], deg=1)
print(f"all participants: {slope:.1f} mm³ per year (simulated: -15)")
group_slopes = {}
for name, rows in participants.groupby("group"):
    group_slope, group_intercept = np.polyfit(rows["age"], rows["hippocampus_mm3"], deg=1)
    group_slopes[name] = group_slope
    at_50 = group_intercept + 50 * group_slope
    print(f"{name:>8}: {group_slope:.1f} mm³ per year, {at_50:.0f} mm³ at age 50")
# sphinx_gallery_start_ignore
# claim: "the pooled slope lies between the two group slopes"
assert min(group_slopes.values()) <= slope <= max(group_slopes.values()), (slope, group_slopes)
# sphinx_gallery_end_ignore

# %%
# seaborn (:mod:`seaborn`) is built on matplotlib and earns its place for grouped,
# tidy data: it takes the DataFrame and column names, gives each group its colour
# and legend, and :func:`seaborn.regplot` fits the line *and* draws its 95 %
# confidence band (a :term:`confidence interval` for the line at every age),
# estimated by resampling the participants (a :term:`bootstrap`).
# The vertical gap between the two lines is the group difference at a given age,
# and each band shows how uncertain its line is: narrowest near the average age,
# widest at the ends of the age range.
import seaborn as sns

fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), layout="constrained", sharey=True)
ages = np.array([20, 80])
axes[0].scatter(participants["age"], participants["hippocampus_mm3"], s=10, color="0.5")
axes[0].plot(ages, intercept + slope * ages, color="black", linewidth=2,
             label="least-squares line")
axes[0].set(title="matplotlib: one line for everyone", xlabel="age (years)",
            ylabel="hippocampal volume (mm³)")
axes[0].legend()
for name, rows in participants.groupby("group"):
    sns.regplot(data=rows, x="age", y="hippocampus_mm3", ax=axes[1], color=colours[name],
                label=name, seed=0, scatter_kws={"s": 10, "alpha": 0.6})
axes[1].set(title="seaborn: one line and 95 % band per group", xlabel="age (years)",
            ylabel="")
axes[1].legend(title="group")
plt.show()

# %%
# Colormaps: jet invents edges
# ----------------------------
# A colormap turns numbers into colours, and the eye reads *lightness* as
# magnitude. A good colormap for ordered data is perceptually uniform: equal steps
# in the data look like equal steps in colour, and lightness rises monotonically.
# The old default "jet" (a rainbow) fails both. We can measure it: convert each
# colour to CIE L* lightness (0 = black, 100 = white) with the standard sRGB
# formulas.
from matplotlib import colormaps


def srgb_to_linear(rgb):
    """Undo the sRGB gamma: channel values in [0, 1] to linear light."""
    rgb = np.asarray(rgb)[..., :3]
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def lightness(rgb):
    """CIE L* lightness of sRGB colours (last axis = R, G, B in [0, 1])."""
    luminance = srgb_to_linear(rgb) @ np.array([0.2126, 0.7152, 0.0722])
    return np.where(luminance > (6 / 29) ** 3,
                    116 * np.cbrt(luminance) - 16, luminance * (29 / 3) ** 3)


values = np.linspace(0, 1, 256)
jet_lightness = lightness(colormaps["jet"](values))
print(f"jet: lightness peaks at data value {values[jet_lightness.argmax()]:.2f}; "
      f"it falls again over {np.mean(np.diff(jet_lightness) < 0):.0%} of the range")
# sphinx_gallery_start_ignore
# claim: "because jet gets darker again above its lightness peak" (and viridis, for contrast, never does)
viridis_lightness = lightness(colormaps["viridis"](values))
assert np.any(np.diff(jet_lightness[jet_lightness.argmax():]) < 0) and np.all(np.diff(viridis_lightness) > 0)
# sphinx_gallery_end_ignore

fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
for name, style in zip(["jet", "viridis", "cividis", "gray"], ["-", "-", "--", ":"]):
    ax.plot(values, lightness(colormaps[name](values)), style, linewidth=2.5, label=name,
            color=colormaps[name](0.8) if name != "gray" else "black")
ax.set(xlabel="data value (0 = minimum, 1 = maximum)",
       ylabel="lightness L* (0 = black, 100 = white)", title="Lightness along each colormap")
ax.legend()
plt.show()

# %%
# .. admonition:: Exercise: which colormaps keep brighter meaning more?
#    :class: exercise
#
#    Measure three more colormaps the way jet was measured above: for "turbo" (a
#    newer rainbow designed to replace jet), "magma" and "RdBu_r" (a diverging map),
#    compute the fraction of the 255 steps along ``values`` where the lightness
#    falls. Store the three fractions in a dictionary ``falling_fraction_ex1`` keyed
#    by colormap name. Predict first which of them rise all the way.

# exercise: solution
# starter: falling_fraction_ex1 = ...  # your code here: {"turbo": ..., "magma": ..., "RdBu_r": ...}
falling_fraction_ex1 = {
    name: float(np.mean(np.diff(lightness(colormaps[name](values))) < 0))
    for name in ["turbo", "magma", "RdBu_r"]
}
print({name: f"{fraction:.0%}" for name, fraction in falling_fraction_ex1.items()})

# %%

# exercise: check
if not isinstance(falling_fraction_ex1, dict) or set(falling_fraction_ex1) != {"turbo", "magma", "RdBu_r"}:
    print('Not yet: store a dictionary with the keys "turbo", "magma" and "RdBu_r" in falling_fraction_ex1.')
elif not all(isinstance(f, float) and 0 <= f <= 1 for f in falling_fraction_ex1.values()):
    print("Not yet: each value is a fraction of steps between 0 and 1: the mean of "
          "np.diff(...) < 0, as for jet.")
else:
    rising = [name for name, fraction in falling_fraction_ex1.items() if fraction == 0]
    print(f"Correct: rising all the way: {', '.join(rising) or 'none'}; lightness falls over "
          f"{falling_fraction_ex1['turbo']:.0%} of the range in turbo and "
          f"{falling_fraction_ex1['RdBu_r']:.0%} in RdBu_r. A diverging map is meant to be light "
          "in the middle, for signed data centred on zero; a rainbow has no such excuse.")

# %%
# What does that do to a picture? Below, a smooth linear ramp from 0 to 1 in each
# colormap (top row); the same ramp reduced to its lightness, roughly what a
# greyscale printout shows and what the eye uses to judge "more" (middle row);
# and the ramp as seen with deuteranopia (bottom row), the complete loss of the
# green-sensitive cones, simulated with the model of
# :ref:`Machado, Oliveira and Fernandes (2009) <ref-machado2009>` at full severity.
# Its milder form, deuteranomaly (shifted green-sensitive cones), is the most
# common colour-vision deficiency; full severity shows the worst case of that
# red–green confusion.
# jet shows bright bands and sharp transitions that are not in the data, and with
# deuteranopia its green, yellow, orange and red merge into similar yellows and
# olives. viridis and cividis (cividis was designed for colour-vision deficiency)
# stay smooth and ordered in every row.
DEUTERANOPIA = np.array([[0.367322, 0.860646, -0.227968],
                         [0.280085, 0.672501, 0.047413],
                         [-0.011820, 0.042940, 0.968881]])


def simulate_deuteranopia(rgb):
    """Apply the Machado et al. (2009) severity-1 matrix in linear RGB."""
    seen = np.clip(srgb_to_linear(rgb) @ DEUTERANOPIA.T, 0, 1)
    return np.where(seen <= 0.0031308, 12.92 * seen, 1.055 * seen ** (1 / 2.4) - 0.055)


ramp = np.tile(values, (24, 1))
fig, axes = plt.subplots(3, 3, figsize=(11, 3.6), layout="constrained")
for column, name in enumerate(["jet", "viridis", "cividis"]):
    rgb = colormaps[name](ramp)
    versions = [("as shown", rgb), ("lightness only", lightness(rgb)),
                ("deuteranopia", simulate_deuteranopia(rgb))]
    for row, (version, image) in enumerate(versions):
        axes[row, column].imshow(image, cmap="gray", vmin=0, vmax=100, aspect="auto")
        axes[row, column].set(xticks=[], yticks=[])
        if column == 0:
            axes[row, column].set_ylabel(version, rotation=0, ha="right", va="center")
    axes[0, column].set_title(name)
    axes[2, column].set(xticks=[0, 255], xticklabels=["0", "1"], xlabel="data value")
fig.suptitle("A smooth ramp from 0 to 1 in three colormaps")
plt.show()

# %%
# The same on a brain: an axial slice of the MNI152 T1 template, loaded with
# :func:`nilearn.datasets.load_mni152_template`. The intensities change smoothly
# from tissue to tissue. With jet, the cyan and yellow bands draw contours that
# look like boundaries but only mark where the colormap's lightness jumps; and
# because jet gets darker again above its lightness peak, white matter, the
# brightest tissue in a T1 image, looks *darker* than grey matter. The tissue
# maps that ship with the template (:func:`nilearn.datasets.load_mni152_gm_template`,
# :func:`~nilearn.datasets.load_mni152_wm_template`) let us check this on the
# slice. With viridis or grey, brighter always means more.
from nilearn.datasets import (load_mni152_gm_template, load_mni152_template,
                              load_mni152_wm_template)

template = load_mni152_template(resolution=1)
t1 = template.get_fdata(dtype=np.float32)  # single precision: half the memory
grey_matter = load_mni152_gm_template(resolution=1).get_fdata(dtype=np.float32)
white_matter = load_mni152_wm_template(resolution=1).get_fdata(dtype=np.float32)
k = int(round(np.linalg.inv(template.affine)[2] @ [0, 0, 10, 1]))  # slice at z = 10 mm
section = t1[:, :, k].T

tissue_lightness = {}
for tissue, probability in [("grey matter", grey_matter), ("white matter", white_matter)]:
    mean_intensity = t1[:, :, k][probability[:, :, k] > 0.5].mean()
    # imshow maps the slice's minimum to 0 and its maximum to 1:
    position = (mean_intensity - section.min()) / (section.max() - section.min())
    jet_l = float(lightness(colormaps["jet"](position)))
    viridis_l = float(lightness(colormaps["viridis"](position)))
    print(f"{tissue}: mean intensity {mean_intensity:.2f}, "
          f"lightness L* {jet_l:.0f} in jet, {viridis_l:.0f} in viridis")
    tissue_lightness[tissue] = (jet_l, viridis_l)
# sphinx_gallery_start_ignore
# claim: "looks darker than grey matter" (in jet; lighter in viridis)
(jet_gm, viridis_gm), (jet_wm, viridis_wm) = tissue_lightness["grey matter"], tissue_lightness["white matter"]
assert jet_wm < jet_gm and viridis_wm > viridis_gm, tissue_lightness
# sphinx_gallery_end_ignore

fig, axes = plt.subplots(1, 3, figsize=(11, 4.3), layout="constrained")
for ax, name in zip(axes, ["jet", "viridis", "gray"]):
    shown = ax.imshow(section, cmap=name, origin="lower")
    ax.set(title=name, xticks=[], yticks=[])
    fig.colorbar(shown, ax=ax, shrink=0.8, label="T1 intensity (a.u.)")
fig.suptitle("The same MNI152 slice (z = 10 mm) with three colormaps")
plt.show()

# %%
# Rules of thumb: a sequential, perceptually uniform colormap (viridis, cividis,
# magma) for data that go from low to high; a diverging one centred on zero (for
# example "RdBu_r" with ``vmin=-vmax``) for signed data such as t-values; grey for
# anatomy; and never a rainbow.
#
# Saving figures for a paper
# --------------------------
# :meth:`~matplotlib.figure.Figure.savefig` writes a figure in the format its file
# name ends with. *Raster* formats (PNG) store pixels: the file grows with the
# resolution (``dpi``, dots per inch) and the picture blurs when enlarged. *Vector*
# formats (PDF, SVG) store lines, markers and text as shapes: they stay sharp at
# any size and text remains editable, but the file grows with the number of
# elements drawn. Set the figure size to the size it will have in print (a journal
# column is about 3.5 inches wide) so that the fonts come out right, and save into
# a temporary folder here so that running the example leaves nothing behind.
#
# Three one-column figures show the trade-off: the age–volume scatter (240 points);
# a scatter of 20 000 brain voxels (one point per :term:`voxel`), T1 intensity
# against grey-matter probability; and the same voxel scatter drawn with
# ``rasterized=True``, which turns the points into one embedded image while axes
# and text stay vector.
import tempfile
from pathlib import Path

sample = rng.choice(np.flatnonzero(grey_matter > 0.05), size=20_000, replace=False)


def column_figure(x, y, xlabel, ylabel, rasterized=False):
    """A one-column figure (3.5 x 2.6 inches) with a scatter plot."""
    fig, ax = plt.subplots(figsize=(3.5, 2.6), layout="constrained")
    ax.scatter(x, y, s=2, color="#0072B2", alpha=0.5, linewidths=0, rasterized=rasterized)
    ax.set(xlabel=xlabel, ylabel=ylabel)
    return fig


participant_fig = column_figure(participants["age"], participants["hippocampus_mm3"],
                                "age (years)", "hippocampus (mm³)")
voxel_fig = column_figure(t1.flat[sample], grey_matter.flat[sample],
                          "T1 intensity (a.u.)", "P(grey matter)")
rasterized_fig = column_figure(t1.flat[sample], grey_matter.flat[sample],
                               "T1 intensity (a.u.)", "P(grey matter)", rasterized=True)
to_save = [
    ("240 participants", participant_fig, "png", 100),
    ("240 participants", participant_fig, "png", 300),
    ("240 participants", participant_fig, "pdf", 300),
    ("240 participants", participant_fig, "svg", 300),
    ("20 000 voxels", voxel_fig, "png", 300),
    ("20 000 voxels", voxel_fig, "pdf", 300),
    ("20 000 voxels", voxel_fig, "svg", 300),
    ("20 000 voxels, rasterized", rasterized_fig, "pdf", 300),
]
saved = []
with tempfile.TemporaryDirectory() as folder:
    for content, figure, extension, dpi in to_save:
        path = Path(folder) / f"figure.{extension}"
        figure.savefig(path, dpi=dpi)
        if extension == "png":
            height, width = plt.imread(path).shape[:2]
            pixels = f"{width} × {height} at {dpi} dpi"
        else:
            pixels = "vector"
        saved.append({"figure": content, "format": extension, "pixels": pixels,
                      "size (kB)": round(path.stat().st_size / 1000, 1)})
for figure in (participant_fig, voxel_fig, rasterized_fig):
    plt.close(figure)  # saved only, not shown on this page

pd.DataFrame(saved)

# %%
# The table is computed from the files just written. Tripling the resolution
# multiplies the number of pixels by nine, although PNG compression keeps the file
# from growing as fast. A vector file of a few hundred points is small, but one of
# tens of thousands of markers is large and slow to open, which is what
# ``rasterized=True`` fixes. Images such as brain slices are pixels anyway: save
# them as PNG at 300 dpi or more, or rasterize only the image inside an otherwise
# vector figure.

# %%
# .. admonition:: Exercise: pixels at 600 dpi
#    :class: exercise
#
#    A journal asks for 600 dpi. Predict the width and height in pixels of the
#    one-column participant figure (3.5 × 2.6 inches) at that resolution, then
#    check: save ``participant_fig`` at ``dpi=600`` into an in-memory file
#    (:class:`io.BytesIO`) and read it back with :func:`matplotlib.pyplot.imread`.
#    Store ``(width, height)`` as a tuple of two integers in ``pixels_600dpi``.

# exercise: solution
# starter: pixels_600dpi = ...  # your code here: (width, height) in pixels of the PNG at 600 dpi
import io

buffer = io.BytesIO()
participant_fig.savefig(buffer, format="png", dpi=600)
buffer.seek(0)
height_600, width_600 = plt.imread(buffer).shape[:2]
pixels_600dpi = (int(width_600), int(height_600))
print(f"600 dpi: {pixels_600dpi[0]} × {pixels_600dpi[1]} pixels, {buffer.getbuffer().nbytes / 1000:.0f} kB")

# %%

# exercise: check
pixels_300 = next(row["pixels"] for row in saved if row["figure"] == "240 participants"
                  and row["format"] == "png" and row["pixels"].endswith("300 dpi"))
width_300, height_300 = (int(number) for number in pixels_300.split(" at ")[0].split(" × "))
if not (isinstance(pixels_600dpi, tuple) and len(pixels_600dpi) == 2
        and all(isinstance(n, (int, np.integer)) for n in pixels_600dpi)):
    print("Not yet: store a tuple of two integers, (width, height), in pixels_600dpi.")
elif pixels_600dpi[0] < pixels_600dpi[1]:
    print("Not yet: the figure is wider than tall; imread returns (rows, columns), that is "
          "(height, width).")
elif max(abs(pixels_600dpi[0] - 2 * width_300), abs(pixels_600dpi[1] - 2 * height_300)) > 2:
    print(f"Not yet: at 300 dpi the file had {width_300} × {height_300} pixels; pixels are "
          "inches times dpi. Did you pass dpi=600?")
else:
    print(f"Correct: {pixels_600dpi[0]} × {pixels_600dpi[1]} pixels, twice the width and height "
          "of the 300 dpi file: four times as many pixels.")

# %%
# Take-home
# ---------
# * Use the object-oriented interface: ``fig, ax = plt.subplots(...)``, then
#   methods of ``ax``; label every axis with its unit and give the figure a title.
# * Show distributions, not only means: with modest numbers of participants, plot
#   every point (raincloud, strip plot) alongside the summary.
# * seaborn saves work on tidy tables: colours per group, legends, regression lines
#   with confidence bands.
# * Use perceptually uniform, colour-blind-safe colormaps (viridis, cividis) for
#   ordered values, a diverging map for signed values, grey for anatomy; jet and
#   rainbow maps create edges that are not in the data.
# * Size the figure for print, then save vector (PDF, SVG) for plots and raster
#   (PNG at 300 dpi or more) for images; rasterize huge scatter plots.
#
# Next, the :ref:`statistics refresher <sphx_glr_prerequisites_plot_06_statistics_refresher.py>`
# puts numbers on what these figures show: group differences, effect sizes,
# correlations and regression lines.

# sphinx_gallery_thumbnail_number = 6
