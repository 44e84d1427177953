"""The budget benchmark reads sphinx-gallery's cost records and flags what is over."""

from __future__ import annotations

import json

import pytest

from tools import example_budgets as eb


def write_costs(folder, costs: dict[str, tuple[float, float]]):
    folder.mkdir(parents=True, exist_ok=True)
    for stem, (seconds, mib) in costs.items():
        (folder / f"{stem}.cost.json").write_text(json.dumps({"memory": mib, "time": seconds}))


def test_costs_are_read_in_file_order(tmp_path):
    write_costs(tmp_path, {"plot_02_b": (2.0, 20.0), "plot_01_a": (1.0, 10.0)})
    (tmp_path / "notes.json").write_text("{}")
    assert eb.read_costs(tmp_path) == [eb.Cost("plot_01_a", 1.0, 10.0), eb.Cost("plot_02_b", 2.0, 20.0)]


def test_a_damaged_record_names_the_file(tmp_path):
    (tmp_path / "plot_01_a.cost.json").write_text('{"time": 1.0}')
    with pytest.raises(ValueError, match=r"plot_01_a\.cost\.json.*rebuild"):
        eb.read_costs(tmp_path)


def test_within_budget_reports_nothing():
    budget = eb.Budget(each_s=60, gallery_s=360, median_s=15)
    costs = [eb.Cost("plot_01", 10.0, 100.0), eb.Cost("plot_02", 50.0, 3000.0), eb.Cost("plot_03", 12.0, 1.0)]
    assert eb.over_budget(costs, budget) == []


def test_each_kind_of_overrun_is_reported():
    budget = eb.Budget(each_s=60, gallery_s=100, median_s=15)
    costs = [eb.Cost("plot_01", 61.0, 100.0), eb.Cost("plot_02", 20.0, 5000.0), eb.Cost("plot_03", 30.0, 1.0)]
    problems = eb.over_budget(costs, budget)
    assert problems == [
        "plot_01: 61.0 s > 60 s",
        "plot_02: 5000 MiB > 4096 MiB",
        "gallery total 111.0 s > 100 s",
        "median 30.0 s > 15 s",
    ]


def test_over_several_builds_the_median_meets_the_typical_budget_and_the_slowest_the_hard_limit():
    budget = eb.Budget(each_s=90, gallery_s=480, typical_each_s=60)
    builds = [[eb.Cost("plot_01", 55.0, 100.0), eb.Cost("plot_02", 58.0, 10.0)],
              [eb.Cost("plot_01", 70.0, 300.0), eb.Cost("plot_02", 95.0, 10.0)],
              [eb.Cost("plot_01", 50.0, 200.0), eb.Cost("plot_02", 61.0, 10.0)]]
    costs = eb.median_costs(builds)
    assert costs == [eb.Cost("plot_01", 55.0, 300.0, 70.0, 3), eb.Cost("plot_02", 61.0, 10.0, 95.0, 3)]
    assert eb.over_budget(costs, budget) == ["plot_02: 95.0 s > 90 s", "plot_02: median 61.0 s over 3 build(s) > 60 s"]


def test_main_reads_one_folder_per_build(tmp_path, capsys):
    for run, seconds in enumerate([61.0, 40.0, 45.0]):
        for gallery in eb.BUDGETS:
            write_costs(tmp_path / f"run{run}" / gallery, {"plot_01": (1.0, 50.0)})
        write_costs(tmp_path / f"run{run}" / "deep_learning", {"plot_01": (seconds, 50.0)})
    folders = [arg for run in range(3) for arg in ("--source-dir", str(tmp_path / f"run{run}"))]
    assert eb.main(folders) == 0, capsys.readouterr().err
    assert "median of 3 builds, slowest 61.0 s" in capsys.readouterr().out
    assert eb.main(folders[:2]) == 1
    assert "deep_learning: plot_01: median 61.0 s over 1 build(s) > 60 s" in capsys.readouterr().err


def test_main_fails_when_a_gallery_is_over_or_missing(tmp_path, capsys):
    for gallery in eb.BUDGETS:
        write_costs(tmp_path / gallery, {"plot_01_fast": (1.0, 50.0)})
    assert eb.main(["--source-dir", str(tmp_path)]) == 0
    write_costs(tmp_path / "deep_learning", {"plot_02_slow": (91.0, 50.0)})
    assert eb.main(["--source-dir", str(tmp_path)]) == 1
    assert "deep_learning: plot_02_slow: 91.0 s > 90 s" in capsys.readouterr().err
    for record in (tmp_path / "prerequisites").iterdir():
        record.unlink()
    assert eb.main(["--source-dir", str(tmp_path)]) == 1
    assert "prerequisites: no cost records" in capsys.readouterr().err
