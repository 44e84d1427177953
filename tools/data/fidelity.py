"""How far is the ABIDE stand-in from the real data?  A side-by-side benchmark.

    python -m tools.data.fidelity [--real DIR] [--standin DIR] [--rst FILE]

``--real`` is a nilearn data folder holding the real ``ABIDE_pcp`` (default: the
first of ``$NILEARN_SHARED_DATA`` and ``<repo>/../shared/data/nilearn`` that has
one); it is only read, file by file, with pandas (never handed to a fetcher).
``--standin`` is a data folder with the stand-in; without it, the stand-in files
the statistics need are written into a temporary folder by
:mod:`tools.data.abide_pcp` (the same bytes ``tools.provision_data`` writes).
The same function (:func:`statistics`) computes every row on both folders, and
the table gives the tolerance and pass/fail of each row; the exit status is 1
when a row is outside its tolerance (2 when the real data are missing).
``--rst FILE`` also writes the table as reStructuredText, after a line with
the date, the generator version and a checksum of the real files read.
``doc/data.rst`` includes ``doc/_generated_abide_fidelity.inc``, written this
way (:data:`REGENERATE`) and committed; ``tests/test_data_fidelity.py`` checks,
whenever the real copy is there, that it is what the benchmark computes now.

The samples are those of the two lessons that rest on these statistics, with
nilearn's default ``quality_checked`` filter (the real table's QC columns):

* **three sites**: everyone who passes QC at KKI, NYU and YALE (246 people;
  ``classic_ml/plot_08_confounds_and_sites.py``);
* **brain age**: the controls (``DX_GROUP == 2``) who pass QC at KKI, PITT, USM
  and YALE (90 people; ``classic_ml/plot_10_brain_age.py``).

Features are the lessons' connectomes: ``ConnectivityMeasure(kind="correlation",
vectorize=True, discard_diagonal=True)`` over all 200 regions (19 900 values;
a NaN from a region with zero variance, which four real files have, becomes 0),
with ``arctanh`` for brain age.  The rows, and why each tolerance:

``site``
    Balanced accuracy of the site (3 classes) predicted from connectomes
    (``StandardScaler`` + ``RidgeClassifier(alpha=100, class_weight="balanced")``,
    out-of-fold predictions of a stratified, shuffled 5-fold split).  ±0.05.
``diagnosis``
    Balanced accuracy of autism vs control from connectomes, same model, mean
    over 4 repetitions of stratified 5-fold (repeating removes most of the
    split-to-split noise, which would otherwise be about as large as the
    tolerance).  ±0.05: the lessons say "modest, near 0.6", and 0.05 is the
    spread of such a score between two small samples.
``decision ~ motion``
    Pearson r of the out-of-fold decision values of that classifier (first
    repetition) with ``func_mean_fd``: does the classifier read motion?  Same
    sign and ±0.15, the resolution at which a correlation over ~250 people is
    worth teaching (its standard error is about 0.06).
``diagnosis ~ motion alone``
    Balanced accuracy of ``LinearDiscriminantAnalysis(priors=[0.5, 0.5])`` on
    ``func_mean_fd`` alone, mean over the folds of the stratified 5-fold split
    (as ``permutation_test_score`` reports it).  ±0.05, as for the diagnosis.
``motion: autism - control``
    Rank-biserial correlation of ``func_mean_fd`` between the groups (the
    Mann-Whitney U effect size; > 0: autistic participants move more).  Same
    sign (the direction the lessons state) and ±0.15.
``motion ~ mean connectivity``
    Pearson r of ``func_mean_fd`` with each person's mean connectome value
    ("motion inflates connectivity").  Same sign and ±0.15.
``brain age: MAE mean / site only / ridge``
    Brain-age sample, ``KFold(5, shuffle=True, random_state=0)``: the mean
    absolute error (years) of the mean training age, of the mean training age of
    the person's site (one-hot site + linear regression) and of
    ``StandardScaler`` + ``RidgeCV(alphas=logspace(0, 6, 13))`` on the
    connectomes.  ±15 % of the real value: the stand-in draws ages within each
    site and age group, so only roughly the real ones.
``brain age: ridge / mean``, ``ridge / site only``
    The ratios of those errors: the lessons' claims ("the connectome beats the
    mean and the site").  ±0.1.
``brain age: r(predicted, true)``
    Pearson r of the ridge's out-of-fold predictions with the true ages: the age
    effect in the connectomes (site included).  Same sign and ±0.15.
``brain age: within-site r``
    Pearson r of predicted and true age after subtracting each site's mean from
    both: does the model know more than the site?  Same sign and ±0.15.

Every computation has a fixed seed and runs on one thread (BLAS and OpenMP
limited to one); the two datasets together take about 30 s of CPU, most of it
reading the series and computing the connectomes.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from tools.data import abide_pcp

REPO_ROOT = Path(__file__).resolve().parents[2]
# The table doc/data.rst includes (not a Sphinx document: its suffix is not .rst).
DOC_TABLE = REPO_ROOT / "doc" / "_generated_abide_fidelity.inc"
REGENERATE = "python -m tools.data.fidelity --rst doc/_generated_abide_fidelity.inc"

THREE_SITES = ("KKI", "NYU", "YALE")
BRAIN_AGE_SITES = ("KKI", "PITT", "USM", "YALE")
N_REPEATS = 4

# nilearn's fetch_abide_pcp(quality_checked=True) keeps these values only.
QC_FILTER = {
    "qc_rater_1": ("OK",),
    "qc_anat_rater_2": ("OK", "maybe"),
    "qc_func_rater_2": ("OK", "maybe"),
    "qc_anat_rater_3": ("OK",),
    "qc_func_rater_3": ("OK",),
}


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    kind: str  # "abs": |standin - real| <= tolerance; "rel": relative; "sign": same sign and abs
    tolerance: float
    digits: int = 2

    def passes(self, real: float, standin: float) -> bool:
        if not (np.isfinite(real) and np.isfinite(standin)):
            return False
        if self.kind == "rel":
            return abs(standin - real) <= self.tolerance * abs(real)
        if self.kind == "sign" and np.sign(standin) != np.sign(real):
            return False
        return abs(standin - real) <= self.tolerance

    def tolerance_text(self) -> str:
        if self.kind == "rel":
            return f"±{self.tolerance:.0%}"
        text = f"±{self.tolerance:.2f}"
        return f"same sign, {text}" if self.kind == "sign" else text


# Chosen before any calibration (see the module docstring for the reasons).
ROWS = (
    Row("site", "site from connectome (balanced accuracy)", "abs", 0.05),
    Row("diagnosis", "autism vs control from connectome (balanced accuracy)", "abs", 0.05),
    Row("decision_motion", "decision value ~ motion (r)", "sign", 0.15),
    Row("motion_diagnosis", "autism vs control from motion alone (balanced accuracy)", "abs", 0.05),
    Row("motion_difference", "motion, autism - control (rank-biserial r)", "sign", 0.15),
    Row("motion_connectivity", "motion ~ mean connectivity (r)", "sign", 0.15),
    Row("mae_mean", "brain age: MAE of the mean age (years)", "rel", 0.15),
    Row("mae_site", "brain age: MAE of site only (years)", "rel", 0.15),
    Row("mae_ridge", "brain age: MAE of ridge on connectomes (years)", "rel", 0.15),
    Row("ratio_mean", "brain age: MAE ridge / MAE mean age", "abs", 0.10),
    Row("ratio_site", "brain age: MAE ridge / MAE site only", "abs", 0.10),
    Row("age_r", "brain age: r(predicted, true)", "sign", 0.15),
    Row("within_site_r", "brain age: within-site r(predicted, true)", "sign", 0.15),
)


# -- Reading a data folder -----------------------------------------------------------------


def read_phenotypes(data_dir) -> pd.DataFrame:
    """The phenotype table's participants with data who pass nilearn's QC filter."""
    table = pd.read_csv(Path(data_dir) / abide_pcp.FOLDER / abide_pcp.PHENOTYPE_FILE, low_memory=False)
    keep = table["FILE_ID"] != "no_filename"
    for column, accepted in QC_FILTER.items():
        keep &= table[column].isin(accepted)
    return table[keep].reset_index(drop=True)


def read_series(data_dir, file_id: str) -> np.ndarray:
    path = Path(data_dir) / abide_pcp.FOLDER / abide_pcp.time_series_path(file_id)
    return pd.read_csv(path, sep="\t", dtype=np.float64).to_numpy()


def samples(phenotypes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(three sites, brain age) rows of the phenotype table, in table order."""
    three = phenotypes[phenotypes["SITE_ID"].isin(THREE_SITES)].reset_index(drop=True)
    brain_age = phenotypes[phenotypes["SITE_ID"].isin(BRAIN_AGE_SITES) & (phenotypes["DX_GROUP"] == 2)]
    return three, brain_age.reset_index(drop=True)


def connectomes(series: list[np.ndarray]) -> np.ndarray:
    from nilearn.connectome import ConnectivityMeasure

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        features = ConnectivityMeasure(kind="correlation", vectorize=True, discard_diagonal=True).fit_transform(series)
    return np.nan_to_num(features, nan=0.0)


def load(data_dir) -> dict:
    """Phenotypes and connectomes of both samples of ``data_dir``."""
    three, brain_age = samples(read_phenotypes(data_dir))
    cache: dict[str, np.ndarray] = {}

    def features(table):
        series = []
        for file_id in table["FILE_ID"]:
            if file_id not in cache:
                cache[file_id] = read_series(data_dir, file_id)
            series.append(cache[file_id])
        return connectomes(series)

    return {"three": three, "three_X": features(three), "brain_age": brain_age, "brain_age_X": features(brain_age)}


# -- The statistics ----------------------------------------------------------------------------


def _rank_biserial(higher, lower) -> float:
    from scipy import stats

    u = stats.mannwhitneyu(higher, lower).statistic
    return float(2.0 * u / (len(higher) * len(lower)) - 1.0)


def statistics(data: dict) -> dict[str, float]:
    """Every row's value for one dataset (see the module docstring)."""
    from scipy import stats
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
    from sklearn.dummy import DummyRegressor
    from sklearn.linear_model import LinearRegression, RidgeClassifier, RidgeCV
    from sklearn.metrics import balanced_accuracy_score, mean_absolute_error
    from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict, cross_val_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    values: dict[str, float] = {}
    table, X = data["three"], data["three_X"]
    site = table["SITE_ID"].to_numpy()
    y = (table["DX_GROUP"] == 1).to_numpy().astype(int)
    motion = table["func_mean_fd"].to_numpy(dtype=float)

    def classifier():
        return make_pipeline(StandardScaler(), RidgeClassifier(alpha=100, class_weight="balanced"))

    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    values["site"] = balanced_accuracy_score(site, cross_val_predict(classifier(), X, site, cv=cv))
    accuracies = []
    for repeat in range(N_REPEATS):
        split = StratifiedKFold(n_splits=5, shuffle=True, random_state=repeat)
        decision = cross_val_predict(classifier(), X, y, cv=split, method="decision_function")
        accuracies.append(balanced_accuracy_score(y, (decision > 0).astype(int)))
        if repeat == 0:
            values["decision_motion"] = stats.pearsonr(decision, motion).statistic
    values["diagnosis"] = float(np.mean(accuracies))
    values["motion_diagnosis"] = cross_val_score(
        LinearDiscriminantAnalysis(priors=[0.5, 0.5]), motion[:, None], y, cv=cv, scoring="balanced_accuracy"
    ).mean()
    values["motion_difference"] = _rank_biserial(motion[y == 1], motion[y == 0])
    mean_connectivity = X.mean(axis=1)
    values["motion_connectivity"] = stats.pearsonr(motion, mean_connectivity).statistic

    table, X = data["brain_age"], np.arctanh(np.clip(data["brain_age_X"], -0.999999, 0.999999))
    age = table["AGE_AT_SCAN"].to_numpy(dtype=float)
    site = table["SITE_ID"].to_numpy()
    cv = KFold(n_splits=5, shuffle=True, random_state=0)
    predicted = {
        "mean": cross_val_predict(DummyRegressor(strategy="mean"), X, age, cv=cv),
        "site": cross_val_predict(
            make_pipeline(OneHotEncoder(handle_unknown="ignore"), LinearRegression()), table[["SITE_ID"]], age, cv=cv
        ),
        "ridge": cross_val_predict(
            make_pipeline(StandardScaler(), RidgeCV(alphas=np.logspace(0, 6, 13))), X, age, cv=cv
        ),
    }
    for name, prediction in predicted.items():
        values[f"mae_{name}"] = mean_absolute_error(age, prediction)
    values["ratio_mean"] = values["mae_ridge"] / values["mae_mean"]
    values["ratio_site"] = values["mae_ridge"] / values["mae_site"]

    def within_site(numbers):
        centred = np.asarray(numbers, dtype=float).copy()
        for name in set(site):
            centred[site == name] -= centred[site == name].mean()
        return centred

    values["age_r"] = stats.pearsonr(age, predicted["ridge"]).statistic
    values["within_site_r"] = stats.pearsonr(within_site(age), within_site(predicted["ridge"])).statistic
    return {key: float(value) for key, value in values.items()}


# -- Folders -----------------------------------------------------------------------------------


def has_abide(data_dir) -> bool:
    return data_dir is not None and (Path(data_dir) / abide_pcp.FOLDER / abide_pcp.PHENOTYPE_FILE).is_file()


def default_real_dir() -> Path | None:
    """The first folder of ``$NILEARN_SHARED_DATA`` (os.pathsep-separated) or
    ``<repo>/../shared/data/nilearn`` that holds the real ABIDE_pcp."""
    candidates = [Path(p) for p in os.environ.get("NILEARN_SHARED_DATA", "").split(os.pathsep) if p]
    candidates.append(REPO_ROOT.parent / "shared" / "data" / "nilearn")
    return next((folder for folder in candidates if has_abide(folder)), None)


def write_standin(folder) -> Path:
    """Write the stand-in's phenotype table and the series the samples need into
    ``folder`` (a nilearn data folder); the bytes are those the provisioning writes."""
    dataset = Path(folder) / abide_pcp.FOLDER
    abide_pcp.write_phenotypes(dataset)
    three, brain_age = samples(read_phenotypes(folder))
    for file_id in sorted(set(three["FILE_ID"]) | set(brain_age["FILE_ID"])):
        abide_pcp.write_time_series(dataset, file_id)
    return Path(folder)


def real_checksum(data_dir) -> str:
    """sha256 over the real files the statistics read (names and contents)."""
    three, brain_age = samples(read_phenotypes(data_dir))
    digest = hashlib.sha256()
    relative = [abide_pcp.PHENOTYPE_FILE] + [
        abide_pcp.time_series_path(i) for i in sorted(set(three["FILE_ID"]) | set(brain_age["FILE_ID"]))
    ]
    for name in relative:
        digest.update(name.encode() + b"\0")
        digest.update((Path(data_dir) / abide_pcp.FOLDER / name).read_bytes())
    return digest.hexdigest()


# -- The table ---------------------------------------------------------------------------------


def compare(real: dict[str, float], standin: dict[str, float]) -> list[dict]:
    return [
        {
            "row": row,
            "real": real[row.key],
            "standin": standin[row.key],
            "passes": row.passes(real[row.key], standin[row.key]),
        }
        for row in ROWS
    ]


def text_table(results: list[dict]) -> str:
    width = max(len(r["row"].label) for r in results)
    lines = [f"{'statistic':<{width}}  {'real':>7}  {'stand-in':>8}  {'tolerance':<17}  ok"]
    for r in results:
        row = r["row"]
        lines.append(
            f"{row.label:<{width}}  {r['real']:>7.{row.digits}f}  {r['standin']:>8.{row.digits}f}  "
            f"{row.tolerance_text():<17}  {'pass' if r['passes'] else 'FAIL'}"
        )
    return "\n".join(lines)


PROVENANCE = (
    "Computed on {date} by ``python -m tools.data.fidelity``: stand-in generator version "
    "{version} against the real files (sha256 of the table and series read: ``{checksum}``)."
)


def rst_table(results: list[dict], provenance: str) -> str:
    """The table as reStructuredText, after a line that says where it comes from."""
    header = ["statistic", "real", "stand-in", "tolerance", "within"]
    body = [
        [
            r["row"].label,
            f"{r['real']:.{r['row'].digits}f}",
            f"{r['standin']:.{r['row'].digits}f}",
            r["row"].tolerance_text(),
            "yes" if r["passes"] else "**no**",
        ]
        for r in results
    ]
    widths = [max(len(line[k]) for line in [header, *body]) for k in range(len(header))]
    rule = "  ".join("=" * w for w in widths)

    def line(cells):
        return "  ".join(cell.ljust(w) for cell, w in zip(cells, widths)).rstrip()

    return "\n".join([provenance, "", rule, line(header), rule, *(line(cells) for cells in body), rule, ""])


def provenance_text(checksum: str, date: str | None = None) -> str:
    date = date or datetime.date.today().isoformat()
    return PROVENANCE.format(date=date, version=abide_pcp.GENERATOR_VERSION, checksum=checksum[:16])


def run(real_dir, standin_dir=None, log=print) -> tuple[list[dict], str]:
    """Compute both columns on one thread (BLAS and OpenMP limited to one);
    return (results, sha256 of the real files read)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        start = time.process_time()
        real = statistics(load(real_dir))
        log(f"real data: {time.process_time() - start:.1f} s CPU")
        start = time.process_time()
        with tempfile.TemporaryDirectory(prefix="abide_standin_") as scratch:
            folder = standin_dir if has_abide(standin_dir) else write_standin(scratch)
            standin = statistics(load(folder))
        log(f"stand-in: {time.process_time() - start:.1f} s CPU")
    return compare(real, standin), real_checksum(real_dir)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.data.fidelity", description=__doc__.split("\n\n")[0])
    parser.add_argument("--real", type=Path, default=None, help="nilearn data folder with the real ABIDE_pcp")
    parser.add_argument("--standin", type=Path, default=None, help="data folder with the stand-in (default: write one)")
    parser.add_argument("--rst", type=Path, default=None, help="also write the table as reStructuredText here")
    args = parser.parse_args(argv)
    real_dir = args.real or default_real_dir()
    if not has_abide(real_dir):
        print("no real ABIDE_pcp: pass --real DIR or set NILEARN_SHARED_DATA", file=sys.stderr)
        return 2
    if args.standin is not None and not has_abide(args.standin):
        print(f"no stand-in ABIDE_pcp in {args.standin}", file=sys.stderr)
        return 2
    results, checksum = run(real_dir, args.standin, log=lambda message: print(message, file=sys.stderr))
    print(text_table(results))
    if args.rst is not None:
        args.rst.parent.mkdir(parents=True, exist_ok=True)
        args.rst.write_text(rst_table(results, provenance_text(checksum)), encoding="utf-8")
    failed = [r["row"].label for r in results if not r["passes"]]
    if failed:
        print(f"{len(failed)} row(s) outside tolerance: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
