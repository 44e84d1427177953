"""The stand-in check runs the ABIDE examples (tools/standin_claims.py): what it selects and reports."""

from __future__ import annotations

from tools import standin_claims


def test_every_abide_example_is_selected_and_nothing_else():
    selected = standin_claims.abide_examples()
    assert len(selected) >= 14
    assert all("fetch_abide_pcp(" in path.read_text() for path in selected)
    assert not any("haxby" in path.name for path in selected)
    assert [p.name for p in standin_claims.abide_examples("deep_learning")] == [
        p.name for p in selected if p.parent.name == "deep_learning"]


def test_a_failed_claim_is_reported_with_its_values():
    stderr = ('Traceback (most recent call last):\n  File "plot_10.py", line 3, in <module>\n'
              '    assert mae < baseline, (mae, baseline)\nAssertionError: (4.1, 3.9)\n')
    assert standin_claims.last_error_line(stderr) == "AssertionError: (4.1, 3.9)"


def test_a_failing_script_fails_the_check(tmp_path):
    script = tmp_path / "plot_fails.py"
    script.write_text("import os\nassert os.environ['NILEARN_DATA'] == 'nowhere', 'claim: data folder'\n")
    outcome = standin_claims.run_example(script, tmp_path / "data")
    assert not outcome.ok and outcome.last_error == "AssertionError: claim: data folder"
    script.write_text("import os, pathlib\nassert os.environ['NILEARN_DATA'].endswith('data')\n")
    assert standin_claims.run_example(script, tmp_path / "data").ok


def test_a_failed_claim_is_named_by_the_comment_above_its_assertion(tmp_path):
    script = tmp_path / "plot_claims.py"
    script.write_text('x = 1\n# sphinx_gallery_start_ignore\n# claim: "x is one"\nassert x == 1\n'
                      '# claim: "x is large" (above 10)\n\nassert x > 10, x\n# sphinx_gallery_end_ignore\n')
    outcome = standin_claims.run_example(script, tmp_path / "data")
    assert outcome.claim == '"x is large" (above 10)' and outcome.last_error == "AssertionError: 1"
    script.write_text("raise ValueError('no data')\n")
    assert standin_claims.run_example(script, tmp_path / "data").claim == ""
