"""
Python essentials for scientists: a reaction-time experiment in plain Python
============================================================================

How far do you get with the Python language alone, before any scientific library?
We run a small simulated behavioural experiment: sixteen participants (with age,
group and handedness) see a shuffled list of face and house pictures and press a
button, and we record their reaction times. Along the way we meet every building
block the later examples take for granted: values and their types, lists and
dictionaries, loops, functions, comprehensions and f-strings. We then save the
participants table to a file with :mod:`pathlib` and :mod:`csv`, read it back, hit
a real error on the way and learn to read the traceback Python prints.

The data are simulated with a stated model (below), so you can check that the code
recovers what was put in. Only :mod:`matplotlib` is imported from outside the
standard library, to draw the reaction-time distributions at the end.
"""

# %%
# Values and their types
# ----------------------
# Everything Python handles is a *value* with a *type*: whole numbers (``int``),
# decimal numbers (``float``), text (``str``), truth values (``bool``) and the
# special "nothing here" value ``None``. A name such as ``tr`` is a label attached
# to a value with ``=``. Arithmetic works as on a calculator; note that ``/``
# always gives a float and ``//`` the whole-number quotient.
tr = 2.0  # repetition time of an fMRI scan, in seconds
n_volumes = 180
task = "face-house"
is_pilot = False
scanner_notes = None

run_duration = tr * n_volumes
print(run_duration, type(run_duration).__name__)
print(n_volumes / 60, n_volumes // 60, n_volumes % 60)
print(type(task).__name__, type(is_pilot).__name__, scanner_notes is None)

# %%
# f-strings put values into text. The part after a colon inside the braces
# formats the value: ``.1f`` means one decimal, ``>6`` right-aligns in six
# characters, ``.0%`` shows a fraction as a percentage. This is how every example
# on this site prints its results.
print(f"The {task} run lasts {run_duration:.1f} s ({run_duration / 60:.1f} min).")
print(f"[{n_volumes:>6}] volumes, {0.237:.0%} of them discarded")

# %%
# Lists: an ordered stimulus sequence
# -----------------------------------
# A :class:`list` holds values in order. Our experiment shows 20 faces and 20
# houses; ``*`` repeats a list and ``+`` joins two. A seeded random generator
# (:class:`random.Random`) shuffles the order so every participant's sequence is
# unpredictable to them but reproducible for us.
import random

rng = random.Random(10)
stimuli = ["face"] * 20 + ["house"] * 20
rng.shuffle(stimuli)
print(len(stimuli), "trials; the first five:", stimuli[:5])

# %%
# Indexing starts at 0, negative indices count from the end, and a *slice*
# ``start:stop:step`` takes a part of the list (``stop`` itself excluded).
print("first:", stimuli[0], " last:", stimuli[-1])
print("trials 10 to 14:", stimuli[10:15])
print("every tenth trial:", stimuli[::10])
print("number of faces:", stimuli.count("face"))

# %%
# Dictionaries: one participant's record
# --------------------------------------
# A :class:`dict` maps *keys* to values. It is the natural container for a record
# with named fields, such as one row of a participants table. A list of such
# dictionaries is a small table, one dictionary per participant.
participant = {"participant_id": "sub-01", "age": 24,
               "group": "control", "handedness": "right"}
print(participant["age"], participant.get("education", "not recorded"))
participant["age"] = 25  # values can be changed
print(sorted(participant))  # the keys, alphabetically

# %%
# Loops and conditions: building the participants table
# -----------------------------------------------------
# A ``for`` loop repeats a block once per item; ``if``/``else`` chooses between
# blocks. Indentation (four spaces) marks what belongs to the loop or the
# condition. :obj:`range` counts, and an f-string with ``:02d`` pads the number
# with zeros, as in BIDS participant labels.
#
# The generative model of the participants: 8 controls and 8 patients, ages drawn
# uniformly between 20 and 60 years, right-handed with probability 0.9.
participants = []
for number in range(1, 17):
    group = "control" if number <= 8 else "patient"
    handedness = "right" if rng.random() < 0.9 else "left"
    participants.append({
        "participant_id": f"sub-{number:02d}",
        "age": rng.randint(20, 60),
        "group": group,
        "handedness": handedness,
    })

for row in participants[:3]:
    print(row)

# %%
# :obj:`enumerate` gives the position along with each item, and :obj:`zip` walks
# through several sequences side by side: here the stimuli and their onset times
# (one picture every 4.5 s).
onsets = [4.5 * trial for trial in range(len(stimuli))]
for trial, (stimulus, onset) in enumerate(zip(stimuli, onsets)):
    if trial < 4:
        print(f"trial {trial}: {stimulus:<5} at {onset:5.1f} s")

# %%
# Functions: the reaction-time model in one place
# -----------------------------------------------
# A function packs a computation behind a name, with inputs (*parameters*) and an
# output (``return``). Writing the simulation as a function means the model is
# stated once, can be tested, and is reused for every participant. The text in
# triple quotes, the *docstring*, documents it.
#
# The generative model of a single reaction time (RT), in milliseconds, is the
# ex-Gaussian distribution often used for RTs: a Gaussian part (mean ``mu``,
# standard deviation 40 ms) plus an exponential tail (mean 80 ms). ``mu`` is 420 ms
# for controls, 60 ms slower for patients, and houses take 20 ms longer than faces.
def simulate_reaction_time(group, stimulus, rng):
    """Draw one reaction time (ms) from the ex-Gaussian model above."""
    mu = 420.0
    if group == "patient":
        mu += 60.0
    if stimulus == "house":
        mu += 20.0
    return rng.gauss(mu, 40.0) + rng.expovariate(1 / 80.0)


def mean(values):
    """Arithmetic mean of a sequence of numbers."""
    return sum(values) / len(values)


# %%
# Each participant sees the same 40 stimuli; we store the trials of each
# participant in a dictionary keyed by participant label.
reaction_times = {}
for row in participants:
    reaction_times[row["participant_id"]] = [
        simulate_reaction_time(row["group"], stimulus, rng) for stimulus in stimuli
    ]
first = reaction_times["sub-01"]
print(f"sub-01: {len(first)} trials, mean {mean(first):.0f} ms, "
      f"fastest {min(first):.0f} ms")

# %%
# Comprehensions: loops that build a collection
# ---------------------------------------------
# The brackets in the last cell hold a *list comprehension*: ``[expression for item
# in sequence if condition]`` builds a list in one line. Dictionary comprehensions
# do the same for dictionaries. They replace the pattern "create an empty list,
# loop, append", and read almost like the sentence they implement.
mean_rt = {pid: mean(rts) for pid, rts in reaction_times.items()}
patients = [row["participant_id"] for row in participants
            if row["group"] == "patient"]
left_handers = [row["participant_id"] for row in participants
                if row["handedness"] == "left"]
print("patients:", patients)
print("left-handed:", left_handers)

group_means = {}
for group in ("control", "patient"):
    members = [row["participant_id"] for row in participants if row["group"] == group]
    group_means[group] = mean([mean_rt[pid] for pid in members])
    print(f"{group:>8}: mean RT over participants {group_means[group]:.0f} ms "
          f"(n = {len(members)})")
# sphinx_gallery_start_ignore
# claim: "The patients come out slower than the controls"
assert group_means["patient"] > group_means["control"], group_means
# sphinx_gallery_end_ignore

# %%
# The patients come out slower than the controls, as the model put in.
# The stimulus effect needs the trial order and the reaction times side by side,
# which is what :obj:`zip` is for. Compare the difference with the 20 ms that the
# model put in: houses come out slower than faces here too, but an estimate from
# noisy trials is never exactly the true value.
face_rts = [rt for rts in reaction_times.values()
            for stim, rt in zip(stimuli, rts) if stim == "face"]
house_rts = [rt for rts in reaction_times.values()
             for stim, rt in zip(stimuli, rts) if stim == "house"]
house_minus_face = mean(house_rts) - mean(face_rts)
print(f"houses minus faces: {house_minus_face:.1f} ms "
      f"(from {len(house_rts)} and {len(face_rts)} trials; the model put in 20.0 ms)")
# sphinx_gallery_start_ignore
# claim: "houses come out slower than faces here too"
# claim: "an estimate from noisy trials is never exactly the true value"
assert 0 < house_minus_face != 20.0, house_minus_face
# sphinx_gallery_end_ignore

# %%
# .. admonition:: Exercise: does every participant see houses more slowly?
#    :class: exercise
#
#    The 20 ms above is pooled over all 640 trials. Build a dictionary
#    comprehension ``house_minus_face_ex1`` that maps each participant label to
#    that participant's mean house RT minus mean face RT (use :obj:`zip` with
#    ``stimuli``, as above). Predict first: with 20 trials of each kind per
#    person and a trial-to-trial spread of about 90 ms, will all 16 differences
#    be positive?

# exercise: solution
# starter: house_minus_face_ex1 = ...  # your code here: {participant label: house minus face mean RT (ms)}
house_minus_face_ex1 = {
    pid: mean([rt for stim, rt in zip(stimuli, rts) if stim == "house"])
    - mean([rt for stim, rt in zip(stimuli, rts) if stim == "face"])
    for pid, rts in reaction_times.items()
}
for pid, value in list(house_minus_face_ex1.items())[:4]:
    print(f"{pid}: {value:+.1f} ms")

# %%

# exercise: check
if not isinstance(house_minus_face_ex1, dict) or len(house_minus_face_ex1) != len(reaction_times):
    print("Not yet: store a dictionary with one entry per participant (16) in house_minus_face_ex1.")
elif set(house_minus_face_ex1) != set(reaction_times):
    print("Not yet: use the participant labels of reaction_times (e.g. 'sub-01') as keys.")
elif abs(mean(list(house_minus_face_ex1.values())) - house_minus_face) > 1e-6:
    print("Not yet: with 20 faces and 20 houses each, the mean of the 16 differences should equal "
          "the pooled difference above; check which trials you subtract.")
else:
    n_positive = sum(value > 0 for value in house_minus_face_ex1.values())
    print(f"Correct: {n_positive} of 16 participants are slower for houses, the differences range "
          f"from {min(house_minus_face_ex1.values()):+.0f} to {max(house_minus_face_ex1.values()):+.0f} ms: "
          "20 noisy trials per condition give a noisy estimate for each person.")

# %%
# Writing and reading a participants file
# ---------------------------------------
# Data live in files. :class:`pathlib.Path` represents a file path and joins parts
# with ``/``; :class:`tempfile.TemporaryDirectory` creates a folder that is deleted
# when the ``with`` block ends, so this example leaves nothing behind. We write a
# tab-separated ``participants.tsv``, the format BIDS datasets use, with
# :class:`csv.DictWriter`, one dictionary per row. We add each participant's mean
# RT, and mark one age as missing with ``n/a``, as BIDS does for a value that was
# not recorded.
import csv
import tempfile
from pathlib import Path

participants[4]["age"] = "n/a"
columns = ["participant_id", "age", "group", "handedness", "mean_rt_ms"]

workdir = tempfile.TemporaryDirectory()
path = Path(workdir.name) / "participants.tsv"
with path.open("w", newline="") as file:
    writer = csv.DictWriter(file, fieldnames=columns, delimiter="\t")
    writer.writeheader()
    for row in participants:
        rt_text = f"{mean_rt[row['participant_id']]:.1f}"
        writer.writerow({**row, "mean_rt_ms": rt_text})  # the row plus one field

print(f"wrote {path.name}: {path.stat().st_size} bytes")
print(path.read_text().splitlines()[:3])

# %%
# :class:`csv.DictReader` reads it back as one dictionary per line. A text file
# has no types: **every value comes back as a string**, so numbers must be
# converted explicitly.
with path.open(newline="") as file:
    rows = list(csv.DictReader(file, delimiter="\t"))
print(len(rows), "rows; first row:", rows[0])
print("type of the age column:", type(rows[0]["age"]).__name__)
# sphinx_gallery_start_ignore
# claim: "text read from a file is always str until you convert" (every value of every row)
assert all(isinstance(value, str) for row in rows for value in row.values()), rows[0]
# sphinx_gallery_end_ignore

# %%
# When something goes wrong: reading a traceback
# ----------------------------------------------
# Converting the ages with :class:`int` looks straightforward. We write it as two
# small functions, as in a real analysis script. Normally an error stops the
# script and Python prints a *traceback*; here we catch the error with
# ``try``/``except`` and print the same traceback with :func:`traceback.format_exc`,
# so that the example can carry on.
import os
import traceback


def parse_age(row):
    return int(row["age"])


def ages_of(rows):
    ages = []
    for row in rows:
        ages.append(parse_age(row))
    return ages


try:
    ages = ages_of(rows)
except ValueError:
    report = traceback.format_exc()
    print(report.replace(f"{Path.cwd()}{os.sep}", ""))  # shorten file paths

# %%
# Read a traceback **from the bottom up**:
#
# * The last line says *what* went wrong: the type of error (:exc:`ValueError`:
#   the right type, a string, but an unusable value) and a message quoting the
#   offending value, ``'n/a'``.
# * The lines above say *where*, as a chain of calls ("most recent call last"):
#   the top entry is the line we ran, each following entry is the function it
#   called, down to the line that failed, inside ``parse_age``. Each entry gives
#   the file, the line number and the code of that line; the carets ``^^^``
#   underline the part of the line that was running.
#
# The bug is rarely in the bottom line itself (``int`` works as documented) but in
# what reached it: here, data with a missing value. The fix is to decide what a
# missing age means and to say so in code, using ``None`` rather than a made-up
# number.
def parse_age_or_none(row):
    """Age in years, or None when it was not recorded."""
    return None if row["age"] == "n/a" else int(row["age"])


ages = [parse_age_or_none(row) for row in rows]
known = [age for age in ages if age is not None]
print(f"{len(known)} known ages, {ages.count(None)} missing, "
      f"range {min(known)}-{max(known)} years")

# %%
# A handful of errors account for most crashes in analysis scripts. Each one below
# is provoked on purpose, caught, and printed with its type, its message and its
# usual cause. (``lambda`` writes a tiny function in one line: here it delays each
# mistake until the ``try`` block runs it.)
attempts = [
    ("a column that does not exist", lambda: rows[0]["sex"]),
    ("40 items have the indices 0 to 39", lambda: stimuli[40]),
    ("a string plus a number", lambda: rows[0]["age"] + 1),
    ("an empty selection, e.g. a typo in a filter",
     lambda: mean([r for r in rows if r["group"] == "Patient"])),
    ("a typo, or a notebook cell not run yet", lambda: n_volume),  # noqa: F821
]
for cause, attempt in attempts:
    try:
        attempt()
    except Exception as error:
        print(f"{type(error).__name__}: {error}\n    usual cause: {cause}")

# %%
# .. admonition:: Exercise: fix the empty selection
#    :class: exercise
#
#    The fourth mistake above is the quietest kind: a filter that matches nothing.
#    Fix the planted line below so that it selects the patients of ``rows`` (the
#    table read back from the file), convert their ``mean_rt_ms`` values to
#    numbers, and store their mean in ``patient_mean_ex2``::
#
#        patient_mean_ex2 = mean([r["mean_rt_ms"] for r in rows if r["group"] == "Patient"])

# exercise: solution
# starter: patient_mean_ex2 = ...  # your code here: mean of the patients' mean_rt_ms, as a float
patient_mean_ex2 = mean([float(r["mean_rt_ms"]) for r in rows if r["group"] == "patient"])
print(f"patients' mean RT read back from the file: {patient_mean_ex2:.1f} ms")

# %%

# exercise: check
if not isinstance(patient_mean_ex2, float):
    print("Not yet: store one number (a float) in patient_mean_ex2; values read from the file are "
          "strings until you convert them with float().")
elif abs(patient_mean_ex2 - group_means["patient"]) > 0.1:
    print("Not yet: the value differs from the patients' group mean computed before saving; "
          "check the spelling of the group ('patient', lower case) and the column.")
else:
    print(f"Correct: {patient_mean_ex2:.1f} ms, the patients' group mean from before saving "
          f"({group_means['patient']:.1f} ms) up to the one decimal written to the file.")

# %%
# The temporary folder is removed explicitly here because we opened it without a
# ``with`` block (to keep the cells above short).
workdir.cleanup()
print("file still exists:", path.exists())

# %%
# Plotting the reaction times
# ---------------------------
# Reaction-time distributions are skewed to the right: a long tail of slow
# responses. A histogram per group shows it, with both groups on the same bins so
# they can be compared. :func:`matplotlib.pyplot.subplots` creates a figure and its
# axes; every axis gets a label with units and every figure a title. The colours
# (blue and orange) stay distinguishable for colour-blind readers.
import matplotlib.pyplot as plt

colours = {"control": "#0072B2", "patient": "#E69F00"}
trials_by_group = {
    group: [rt for row in participants if row["group"] == group
            for rt in reaction_times[row["participant_id"]]]
    for group in colours
}
bins = list(range(250, 1000, 25))

fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
for group, rts in trials_by_group.items():
    ax.hist(rts, bins=bins, histtype="stepfilled", alpha=0.45, color=colours[group],
            edgecolor=colours[group], linewidth=1.5,
            label=f"{group}s ({len(rts)} trials)")
    ax.axvline(mean(rts), color=colours[group], linestyle="--", linewidth=2)
ax.set(xlabel="reaction time (ms)", ylabel="number of trials",
       title="Single-trial reaction times by group (dashed: group mean)")
ax.legend()
plt.show()

# %%
# The trials of one participant are not independent samples of the group: they
# share that person's speed. Comparing groups should therefore start from one
# value per participant. Plotting each participant's mean against age also shows
# whether age, which differs between people, could explain part of a group
# difference: a question we return to when we discuss a :term:`confound`.
fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
for group, colour in colours.items():
    members = [row for row in participants
               if row["group"] == group and row["age"] != "n/a"]
    ages_shown = [row["age"] for row in members]
    means_shown = [mean_rt[row["participant_id"]] for row in members]
    ax.scatter(ages_shown, means_shown, s=60, color=colour, edgecolor="black",
               label=f"{group}s")
ax.set(xlabel="age (years)", ylabel="mean reaction time (ms)",
       title="One point per participant (age not recorded: not shown)")
ax.legend()
plt.show()

# %%
# Take-home
# ---------
# * Values have types; text read from a file is always ``str`` until you convert
#   it, and missing values need an explicit decision (``None``).
# * Lists hold sequences (stimuli, trials), dictionaries hold named fields
#   (a participant); a list of dictionaries is a small table.
# * Put a model or an analysis step in a function: it is stated once, documented
#   and reused. Comprehensions build lists and dictionaries in one readable line.
# * Write files with :mod:`pathlib` and :mod:`csv` into a known place (here a
#   temporary folder); read them back to check.
# * Read a traceback from the bottom: the last line says what went wrong, the lines
#   above say where, through which chain of calls.
#
# Loops over single numbers are slow and verbose for large data. The next example,
# :ref:`sphx_glr_prerequisites_plot_02_numpy_arrays.py`, replaces them with NumPy
# arrays: whole images and many time series at once.

# sphinx_gallery_thumbnail_number = 1
