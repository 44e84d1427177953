"""tools.data.fidelity: the ABIDE stand-in against the real data, row by row.

The first tests run the benchmark end to end on tiny synthetic data folders in
nilearn's layout (a phenotype table and a few region time series); the last one
runs it on the real copy, when there is one, and requires every row within its
tolerance and the table that ``doc/data.rst`` shows to be the one it computes.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

# Fixture no_network, shared by the data test modules (and the repo root on sys.path).
pytest_plugins = ("data_fixtures",)

from tools.data import abide_pcp, fidelity  # noqa: E402


def write_synthetic(folder: Path, seed: int, effects: bool = True, n_per_site: int = 12) -> Path:
    """A data folder with five sites of ``n_per_site`` people (half autistic, two
    failing QC), 10 regions: site, diagnosis, motion and age leave their marks
    in the series when ``effects``."""
    rng = np.random.default_rng(seed)
    dataset = folder / abide_pcp.FOLDER
    (dataset / abide_pcp.PIPELINE_FOLDER).mkdir(parents=True)
    rows = []
    sites = ["KKI", "NYU", "YALE", "PITT", "USM"]
    for k, site in enumerate(sites):
        site_pattern = rng.standard_normal(10)
        for j in range(n_per_site):
            file_id = f"{site}_{50000 + 100 * k + j:07d}"
            is_asd = j % 2 == 0
            age = float(rng.uniform(7, 30))
            motion = float(np.exp(rng.normal(np.log(0.1) + (0.4 if is_asd else 0.0), 0.3)))
            rating = "fail" if j == n_per_site - 1 else "OK"
            rows.append(
                {"SUB_ID": 50000 + 100 * k + j, "SITE_ID": site, "FILE_ID": file_id, "DX_GROUP": 1 if is_asd else 2,
                 "AGE_AT_SCAN": age, "func_mean_fd": motion, "qc_rater_1": rating, "qc_anat_rater_2": "OK",
                 "qc_func_rater_2": "maybe", "qc_anat_rater_3": "OK", "qc_func_rater_3": "OK"}
            )  # fmt: skip
            if rating == "fail":
                continue  # no file: the QC filter must leave this person out
            shared = rng.standard_normal((80, 1))
            series = rng.standard_normal((80, 10))
            if effects:
                weight = 0.4 + 3.0 * motion - (0.1 if is_asd else 0.0) + 0.02 * age
                series += weight * shared + 0.8 * rng.standard_normal((80, 1)) * site_pattern
            header = "\t".join(f"#{r}" for r in range(1, 11))
            np.savetxt(dataset / abide_pcp.time_series_path(file_id), series, fmt="%.4f", delimiter="\t",
                       header=header, comments="")  # fmt: skip
    rows.append({"SUB_ID": 1, "SITE_ID": "NYU", "FILE_ID": "no_filename", "DX_GROUP": 2, "AGE_AT_SCAN": 10.0,
                 "func_mean_fd": 0.1, **dict.fromkeys(fidelity.QC_FILTER, "OK")})  # fmt: skip
    pd.DataFrame(rows).to_csv(dataset / abide_pcp.PHENOTYPE_FILE, index=False)
    return folder


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    root = tmp_path_factory.mktemp("fidelity")
    return {
        "real": write_synthetic(root / "real", seed=0),
        "other": write_synthetic(root / "other", seed=1, effects=False),
    }


def test_reading_applies_nilearns_quality_filter(synthetic):
    table = fidelity.read_phenotypes(synthetic["real"])
    assert len(table) == 5 * 11  # the failing person of each site and the row without data are out
    three, brain_age = fidelity.samples(table)
    assert set(three["SITE_ID"]) == set(fidelity.THREE_SITES) and len(three) == 33
    assert set(brain_age["SITE_ID"]) == set(fidelity.BRAIN_AGE_SITES) and (brain_age["DX_GROUP"] == 2).all()
    assert fidelity.read_series(synthetic["real"], three["FILE_ID"][0]).shape == (80, 10)


def test_statistics_find_the_planted_effects(synthetic):
    values = fidelity.statistics(fidelity.load(synthetic["real"]))
    assert set(values) == {row.key for row in fidelity.ROWS}
    assert values["site"] > 0.8, values
    assert values["motion_difference"] > 0.3, values  # autistic participants move more
    assert values["motion_connectivity"] > 0.3, values  # motion raises the shared signal
    assert values["ratio_mean"] == pytest.approx(values["mae_ridge"] / values["mae_mean"])
    noise = fidelity.statistics(fidelity.load(synthetic["other"]))
    assert noise["site"] < 0.7 and abs(noise["motion_connectivity"]) < 0.4, noise


def test_rows_compare_with_their_tolerances():
    absolute, relative, signed = (fidelity.Row("a", "a", "abs", 0.05), fidelity.Row("r", "r", "rel", 0.15),
                                  fidelity.Row("s", "s", "sign", 0.15))  # fmt: skip
    assert absolute.passes(0.60, 0.64) and not absolute.passes(0.60, 0.66)
    assert relative.passes(4.0, 4.5) and not relative.passes(4.0, 4.7)
    assert signed.passes(0.10, -0.0) is False and signed.passes(0.10, 0.2) and not signed.passes(0.1, 0.3)
    assert not absolute.passes(0.6, float("nan"))


def test_benchmark_passes_on_identical_data_and_fails_otherwise(synthetic, tmp_path, capsys):
    table_file = tmp_path / "table.inc"
    assert fidelity.main(["--real", str(synthetic["real"]), "--standin", str(synthetic["real"]),
                          "--rst", str(table_file)]) == 0  # fmt: skip
    printed = capsys.readouterr().out
    assert "FAIL" not in printed and printed.count("pass") == len(fidelity.ROWS)
    rst = table_file.read_text(encoding="utf-8")
    assert f"generator version {abide_pcp.GENERATOR_VERSION}" in rst and "**no**" not in rst
    _check_rst(rst)

    assert fidelity.main(["--real", str(synthetic["real"]), "--standin", str(synthetic["other"])]) == 1
    assert "FAIL" in capsys.readouterr().out
    assert fidelity.main(["--real", str(tmp_path / "nothing")]) == 2


def _check_rst(text: str) -> None:
    """The text parses as reStructuredText without a warning, with one table of
    a header and a line per row."""
    from docutils.core import publish_doctree
    from docutils.nodes import row, table

    tree = publish_doctree(text, settings_overrides={"report_level": 2, "halt_level": 2})
    tables = list(tree.findall(table))
    assert len(tables) == 1 and len(list(tables[0].findall(row))) == 1 + len(fidelity.ROWS)


# -- The table doc/data.rst shows --------------------------------------------------------------


def committed_table() -> str:
    return fidelity.DOC_TABLE.read_text(encoding="utf-8")


def test_the_shown_table_is_of_this_generator_and_these_rows():
    text = committed_table()
    _check_rst(text)
    assert f"generator version {abide_pcp.GENERATOR_VERSION} " in text, "regenerate: " + fidelity.REGENERATE
    for row in fidelity.ROWS:
        assert row.label in text and row.tolerance_text() in text, (row, "regenerate: " + fidelity.REGENERATE)
    assert "**no**" not in text, "a row is outside its tolerance"


@pytest.mark.usefixtures("no_network")
def test_standin_is_within_tolerance_of_the_real_data():
    real = fidelity.default_real_dir()  # $NILEARN_SHARED_DATA or ../shared/data/nilearn
    if real is None:
        pytest.skip("no real ABIDE_pcp copy: set NILEARN_SHARED_DATA or provide ../shared/data/nilearn")
    results, checksum = fidelity.run(real, log=print)
    print(fidelity.text_table(results))
    outside = [r["row"].label for r in results if not r["passes"]]
    assert not outside, outside
    shown = committed_table()
    date = re.search(r"Computed on (\d{4}-\d{2}-\d{2})", shown).group(1)
    assert shown == fidelity.rst_table(results, fidelity.provenance_text(checksum, date)), (
        "doc's table is not the benchmark's output: " + fidelity.REGENERATE
    )
