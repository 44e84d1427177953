"""The seed check (tools/claim_seeds.py): which seeds it changes, and that it reports every failed claim."""

from __future__ import annotations

import numpy as np

from tools import claim_seeds

SEED_0_DRAW = int(np.random.default_rng(0).integers(0, 10**9))
TOY = f'''import numpy as np
rng = np.random.default_rng(0)
value = rng.integers(0, 10**9)
# sphinx_gallery_start_ignore
# claim: "the draw is the one of seed 0"
assert value == {SEED_0_DRAW}, value
# claim: "the draw is small" (below 10)
assert value < 10, value
# sphinx_gallery_end_ignore
after_the_claims = True
'''


def test_every_literal_seed_of_a_page_is_changed_and_nothing_else():
    source = ("cv = KFold(shuffle=True, random_state=0)\nrng = np.random.default_rng(0)\n"
              "keras.utils.set_random_seed(0)\nmodel = Model(seed=0)\nother = Split(random_state=10)\n"
              "SEED = 0\nNOT_A_SEED = 0\n")
    assert claim_seeds.reseeded(source, 2) == (
        "cv = KFold(shuffle=True, random_state=2)\nrng = np.random.default_rng(2)\n"
        "keras.utils.set_random_seed(2)\nmodel = Model(seed=2)\nother = Split(random_state=10)\n"
        "SEED = 2\nNOT_A_SEED = 0\n")


def test_all_failed_claims_of_a_run_are_listed_and_the_script_runs_to_its_end(tmp_path):
    script = tmp_path / "plot_toy.py"
    script.write_text(TOY)
    as_is = claim_seeds.run_soft(script, 0)
    assert as_is.error == "" and [claim for _, claim, _ in as_is.failed] == ['"the draw is small" (below 10)']
    reseeded = claim_seeds.run_soft(script, 1)
    assert [claim for _, claim, _ in reseeded.failed] == ['"the draw is the one of seed 0"',
                                                         '"the draw is small" (below 10)']
    assert not reseeded.ok and reseeded.failed[1][2] == reseeded.failed[0][2]  # the values are reported


def test_an_error_other_than_a_claim_is_reported(tmp_path):
    script = tmp_path / "plot_crash.py"
    script.write_text("import os\nopen(os.path.join(os.environ['NILEARN_DATA'], 'missing.csv'))\n")
    run = claim_seeds.run_in_subprocess(script, 1, tmp_path / "data")
    assert not run.ok and run.error.startswith("FileNotFoundError") and "missing.csv" in run.error
    script.write_text(TOY.replace("value < 10", "value >= 0"))
    assert claim_seeds.run_in_subprocess(script, 0, tmp_path / "data").ok
