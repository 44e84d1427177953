"""
pandas for participant tables: the ABIDE phenotypes
===================================================

Before any brain data, a study is a table: one row per participant, columns for
diagnosis, age, sex, site, IQ, head motion. How do we load such a table, clean it,
summarise it per group and per site, and reshape it for plotting? We use the
phenotypic table of the ABIDE preprocessed dataset (autism and typically developing
controls scanned at six sites), loaded with nilearn's fetcher, and the
:class:`pandas.DataFrame` operations every later example relies on: selecting,
recoding, missing values, grouping, merging, and tidy versus wide layouts.
"""

# %%
# Loading the table
# -----------------
# :func:`nilearn.datasets.fetch_abide_pcp` downloads (once) and returns the
# phenotypic table as a DataFrame. Asking for no derivatives skips the imaging
# files: we only need the table here (one file, its size is printed below).
# ``SITE_ID`` keeps the six sites whose scans the other examples of this site use,
# and ``quality_checked=False`` keeps every participant with data, including those
# whose scans failed quality control.
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from nilearn.datasets import fetch_abide_pcp, get_data_dirs

sites = ["KKI", "NYU", "PITT", "UM_1", "USM", "YALE"]
abide = fetch_abide_pcp(derivatives=[], SITE_ID=sites, quality_checked=False, verbose=0)
phenotypes = abide.phenotypic
print(type(phenotypes).__name__, phenotypes.shape)
table_file = next(Path(d, "ABIDE_pcp", "Phenotypic_V1_0b_preprocessed1.csv") for d in get_data_dirs()
                  if Path(d, "ABIDE_pcp").is_dir())
print(f"{len(phenotypes)} participants of {len(sites)} sites, from a table of "
      f"{table_file.stat().st_size / 1e6:.1f} MB")

# %%
# A wide table: one row per participant and more than a hundred columns. We keep
# the handful this example needs by indexing with a list of column names,
# and look at the first rows and the column types.
columns = ["SUB_ID", "SITE_ID", "DX_GROUP", "AGE_AT_SCAN", "SEX", "FIQ", "VIQ", "PIQ",
           "ADOS_TOTAL", "func_mean_fd"]
table = phenotypes[columns].copy()
print(table.head())
print(table.dtypes)

# %%
# Recoding: numbers that are really categories
# --------------------------------------------
# ABIDE stores diagnosis and sex as codes (``DX_GROUP`` 1 = autism, 2 = control;
# ``SEX`` 1 = male, 2 = female). Codes invite mistakes (averaging a diagnosis), so we
# replace them with labelled categories, using :meth:`pandas.Series.map`.
table["diagnosis"] = table["DX_GROUP"].map({1: "autism", 2: "control"}).astype("category")
table["sex"] = table["SEX"].map({1: "male", 2: "female"}).astype("category")
table = table.drop(columns=["DX_GROUP", "SEX"])
print(table["diagnosis"].value_counts())

# %%
# Missing values hide behind a number
# -----------------------------------
# ABIDE writes ``-9999`` where a value is missing. Left as is, it drags the mean
# far below zero, although no real ADOS score is negative.
# :meth:`~pandas.DataFrame.replace` turns it into ``NaN``, which pandas skips in
# statistics and counts with :meth:`~pandas.DataFrame.isna`.
ados_coded = table["ADOS_TOTAL"].mean()
print("mean ADOS with the code left in:", round(ados_coded, 1))
table = table.replace(-9999, np.nan)
print("mean ADOS after recoding:", round(table["ADOS_TOTAL"].mean(), 1))
print(table.isna().sum())
# sphinx_gallery_start_ignore
# claim: "it drags the mean far below zero, although no real ADOS score is negative"
assert ados_coded < 0 <= table["ADOS_TOTAL"].min(), (ados_coded, table["ADOS_TOTAL"].min())
# sphinx_gallery_end_ignore

# %%
# *Where* values are missing matters as much as how many. The autism diagnostic
# score (ADOS) is mostly collected for the autism group: its missingness depends on
# the diagnosis, so a model that used "ADOS is missing" as a feature would detect the
# diagnosis from the way the data were collected, a form of :term:`data leakage`.
ados_missing = table["ADOS_TOTAL"].isna().groupby(table["diagnosis"], observed=True).mean()
print(ados_missing.round(2))
# sphinx_gallery_start_ignore
# claim: "mostly collected for the autism group" (missing for fewer than half of it, and less often than for controls)
assert ados_missing["autism"] < 0.5 and ados_missing["autism"] < ados_missing["control"], ados_missing
# sphinx_gallery_end_ignore

# %%
# Selecting rows
# --------------
# A boolean :term:`mask` selects rows; :meth:`~pandas.DataFrame.query` says the same
# in words. Here: adults with autism.
adults_with_autism = table[(table["AGE_AT_SCAN"] >= 18) & (table["diagnosis"] == "autism")]
same = table.query("AGE_AT_SCAN >= 18 and diagnosis == 'autism'")
print(len(adults_with_autism), "adults with autism;", "same rows with query:", adults_with_autism.equals(same))

# %%
# .. admonition:: Exercise: fix the selection of child controls
#    :class: exercise
#
#    The planted line below should select the controls younger than 18 years, but
#    it raises an error: ``&`` binds more tightly than ``<`` and ``==``, so Python
#    first computes ``18 & table["diagnosis"]``::
#
#        child_controls = table[table["AGE_AT_SCAN"] < 18 & table["diagnosis"] == "control"]
#
#    Fix it (or write it with ``query``) and store the number of child controls,
#    an integer, in ``n_child_controls``.

# exercise: solution
# starter: n_child_controls = ...  # your code here: the number of controls younger than 18 (an int)
child_controls = table[(table["AGE_AT_SCAN"] < 18) & (table["diagnosis"] == "control")]
n_child_controls = len(child_controls)
print(n_child_controls, "controls younger than 18")

# %%

# exercise: check
n_controls = int((table["diagnosis"] == "control").sum())
n_children = int((table["AGE_AT_SCAN"] < 18).sum())
if not isinstance(n_child_controls, (int, np.integer)):
    print("Not yet: store a whole number (e.g. len() of the selected rows) in n_child_controls.")
elif not 0 < n_child_controls <= min(n_controls, n_children):
    print(f"Not yet: the child controls are among the {n_controls} controls and the {n_children} "
          "participants under 18; put each comparison in its own parentheses.")
else:
    print(f"Correct: {n_child_controls} of the {n_controls} controls were scanned before the age of 18.")

# %%
# Grouping: a demographics table per site
# ---------------------------------------
# Multi-site studies must check that groups are comparable *within* each site.
# :meth:`~pandas.DataFrame.groupby` splits the table, ``agg`` summarises each part,
# and the result is the first table of most papers.
demographics = table.groupby(["SITE_ID", "diagnosis"], observed=True).agg(
    n=("SUB_ID", "size"),
    age_mean=("AGE_AT_SCAN", "mean"),
    female_percent=("sex", lambda s: 100 * (s == "female").mean()),
    motion_mm=("func_mean_fd", "mean"),
).round(2)
print(demographics)
# sphinx_gallery_start_ignore
# claim: "USM scanned no female participants"
assert (demographics.loc["USM", "female_percent"] == 0).all(), demographics.loc["USM"]
# claim: "the autism group moved more than the controls at most sites" (more than half of the sites)
moved_more = demographics["motion_mm"].unstack()["autism"] > demographics["motion_mm"].unstack()["control"]
assert moved_more.mean() > 0.5, moved_more
# sphinx_gallery_end_ignore

# %%
# The table already shows why the check matters: USM scanned no female
# participants, and the autism group moved more than the controls at most sites.
# Sites also differ in who they scanned: KKI scanned only children, while most
# USM participants are adults (the figure below). Any analysis pooling sites
# must keep this in mind (site becomes a :term:`confound` of age).
sites = sorted(table["SITE_ID"].unique())
fig, ax = plt.subplots(figsize=(8, 3.8), layout="constrained")
ages = [table.loc[table["SITE_ID"] == site, "AGE_AT_SCAN"] for site in sites]
ax.boxplot(ages, tick_labels=sites, medianprops={"color": "k"})
for position, values in enumerate(ages, start=1):
    jitter = np.random.default_rng(position).uniform(-0.15, 0.15, len(values))
    ax.scatter(position + jitter, values, s=8, alpha=0.5, color="tab:blue")
ax.set(xlabel="acquisition site", ylabel="age at scan (years)", title="Age of participants by ABIDE site")
plt.show()
# sphinx_gallery_start_ignore
site_age = table.groupby("SITE_ID")["AGE_AT_SCAN"]
# claim: "KKI scanned only children, while most USM participants are adults" (under 18; median 18 or older)
assert site_age.max()["KKI"] < 18 <= site_age.median()["USM"], site_age.describe()
# sphinx_gallery_end_ignore

# %%
# Merging with another table
# --------------------------
# Head motion depends on the site (scanner, protocol, instructions) as well as on
# the participant: the site medians differ by more than a factor of two (printed
# below). To compare each participant with their own site, we compute a per-site
# table and :func:`pandas.merge` it back on the shared ``SITE_ID`` column.
site_motion = (table.groupby("SITE_ID")["func_mean_fd"].median()
               .rename("site_median_fd").reset_index())
table = pd.merge(table, site_motion, on="SITE_ID", how="left", validate="many_to_one")
table["motion_vs_site"] = table["func_mean_fd"] / table["site_median_fd"]
print(site_motion)
# sphinx_gallery_start_ignore
# claim: "the site medians differ by more than a factor of two"
assert site_motion["site_median_fd"].max() > 2 * site_motion["site_median_fd"].min(), site_motion
# sphinx_gallery_end_ignore
print(table[["SUB_ID", "SITE_ID", "func_mean_fd", "site_median_fd", "motion_vs_site"]].head())

# %%
# ``validate="many_to_one"`` makes pandas check that each site appears once in the
# right-hand table; a duplicated key would otherwise silently multiply rows. Pooled
# over sites, the autism group moved more than the controls, in mean and in
# median: a group difference in motion that later examples will treat as a
# :term:`confound`.
motion_by_group = table.groupby("diagnosis", observed=True)["func_mean_fd"].describe()
print(motion_by_group.round(3))
# sphinx_gallery_start_ignore
# claim: "the autism group moved more than the controls, in mean and in median"
assert (motion_by_group.loc["autism", ["mean", "50%"]] > motion_by_group.loc["control", ["mean", "50%"]]).all()
# sphinx_gallery_end_ignore

# %%
# Tidy versus wide
# ----------------
# The three IQ scores sit in three columns (*wide* layout). Plotting and modelling
# libraries often want one observation per row (*tidy* or long layout): one row per
# participant and test. :meth:`~pandas.DataFrame.melt` goes from wide to long,
# :meth:`~pandas.DataFrame.pivot_table` back to a wide summary.
iq_long = table.melt(id_vars=["SUB_ID", "diagnosis"], value_vars=["FIQ", "VIQ", "PIQ"],
                     var_name="test", value_name="score").dropna()
print(iq_long.head())
iq_means = iq_long.pivot_table(index="test", columns="diagnosis", values="score", aggfunc="mean", observed=True)
print(iq_means.round(1))
# sphinx_gallery_start_ignore
# claim: "the autism group scores lower on average in all three tests"
assert (iq_means["autism"] < iq_means["control"]).all(), iq_means
# claim: "with wide overlap between the groups" (each test: autism upper quartile above control lower quartile)
quartiles = iq_long.groupby(["test", "diagnosis"], observed=True)["score"].quantile([0.25, 0.75]).unstack()
assert (quartiles.xs("autism", level="diagnosis")[0.75] > quartiles.xs("control", level="diagnosis")[0.25]).all()
# sphinx_gallery_end_ignore

# %%
# In this sample the autism group scores lower on average in all three tests,
# with wide overlap between the groups. The long table makes a grouped plot a
# short loop: one box per test and diagnosis.
fig, ax = plt.subplots(figsize=(7, 3.8), layout="constrained")
colors = {"autism": "tab:orange", "control": "tab:blue"}
for offset, (diagnosis, color) in zip((-0.2, 0.2), colors.items()):
    groups = [iq_long.query("test == @test and diagnosis == @diagnosis")["score"] for test in ["FIQ", "VIQ", "PIQ"]]
    parts = ax.boxplot(groups, positions=np.arange(3) + offset, widths=0.35, patch_artist=True,
                       medianprops={"color": "k"})
    for box in parts["boxes"]:
        box.set(facecolor=color, alpha=0.6)
    ax.plot([], [], "s", color=color, alpha=0.6, label=diagnosis)
ax.set_xticks(range(3), ["full-scale IQ", "verbal IQ", "performance IQ"])
ax.set(ylabel="score", title="IQ by diagnosis in the ABIDE sample")
ax.legend()
plt.show()

# %%
# .. admonition:: Exercise: who is missing from the verbal IQ boxes?
#    :class: exercise
#
#    The IQ figure drops missing scores (``dropna`` above). Extend the missing-value
#    check of the ADOS column to verbal IQ per site: store the fraction of
#    participants of each site whose ``VIQ`` is missing, a Series indexed by
#    ``SITE_ID``, in ``viq_missing_by_site``. Predict first: is verbal IQ missing at
#    random, a few participants here and there, or are whole sites absent?

# exercise: solution
# starter: viq_missing_by_site = ...  # your code here: fraction of missing VIQ per site (a Series)
viq_missing_by_site = table["VIQ"].isna().groupby(table["SITE_ID"]).mean()
print(viq_missing_by_site.round(2))
# sphinx_gallery_start_ignore
# claim: "the verbal IQ boxes of the figure contain no one from there, unlike the full-scale IQ boxes"
absent_ex2 = viq_missing_by_site.index[viq_missing_by_site == 1]
assert len(absent_ex2) > 0 and table.loc[table["SITE_ID"].isin(absent_ex2), "FIQ"].notna().all(), absent_ex2
# sphinx_gallery_end_ignore

# %%

# exercise: check
if not isinstance(viq_missing_by_site, pd.Series):
    print("Not yet: store a pandas Series (one value per site) in viq_missing_by_site.")
elif set(viq_missing_by_site.index) != set(table["SITE_ID"]):
    print("Not yet: index the Series by site: group the missing-value flags by table['SITE_ID'].")
elif not viq_missing_by_site.between(0, 1).all():
    print("Not yet: a fraction lies between 0 and 1; take the mean of the isna() flags, not their sum.")
else:
    absent = [site for site, fraction in viq_missing_by_site.items() if fraction == 1]
    print(f"Correct: verbal IQ is missing for every participant of {', '.join(absent) or 'no site'}; "
          "the verbal IQ boxes of the figure contain no one from there, unlike the full-scale "
          "IQ boxes: the two tests are compared on different samples.")

# %%
# Take-home
# ---------
# * Load tables into a :class:`pandas.DataFrame`, keep the columns you need, and
#   check types first.
# * Recode numeric codes into labelled categories, and missing-value codes (here
#   ``-9999``) into ``NaN`` before computing anything.
# * Look at *who* has missing values: missingness that depends on the group is
#   information a model can exploit illegitimately.
# * ``groupby``/``agg`` gives per-group and per-site summaries; ``merge`` with
#   ``validate`` joins tables safely; ``melt`` and ``pivot_table`` convert between
#   tidy and wide layouts.
#
# Next: :ref:`sphx_glr_prerequisites_plot_05_plotting.py` turns tables like this
# into honest figures.

# sphinx_gallery_thumbnail_number = 1
