"""The prerequisites are read in order: each page's closing "Next" link names the next page.

The theme's previous/next buttons follow the gallery's file order; the prose link at the
end of every example must agree with them (issue 21: 03 pointed to 08, 08 skipped 09), and
the self-study path of the outline must walk through every prerequisites example.
"""

from __future__ import annotations

import re

from conftest import ROOT

PREREQUISITES = sorted((ROOT / "examples" / "prerequisites").glob("plot_*.py"))
NEXT_LINK = re.compile(r"\b(?:Next|next example)\b[^`]*?:ref:`[^`]*?sphx_glr_(\w+?)_(plot_\w+?)\.py", re.S)


def closing_next_link(source: str) -> str | None:
    """The example named by the first "Next" (or "The next example") link after the take-home heading."""
    prose = " ".join(line.lstrip("# ") for line in source.split("Take-home", 1)[-1].splitlines()
                     if line.startswith("#"))
    found = NEXT_LINK.search(prose)
    return f"{found.group(1)}/{found.group(2)}" if found else None


def test_the_next_link_of_a_paragraph_is_read():
    source = "# Take-home\n# ---------\n#\n# Next, :ref:`sphx_glr_prerequisites_plot_04_pandas.py` and\n# more.\n"
    assert closing_next_link(source) == "prerequisites/plot_04_pandas"


def test_every_prerequisites_example_links_to_the_next_one():
    assert len(PREREQUISITES) >= 9
    expected = [f"prerequisites/{p.stem}" for p in PREREQUISITES[1:]] + ["classic_ml/plot_01_first_classifier"]
    found = [closing_next_link(p.read_text(encoding="utf-8")) for p in PREREQUISITES]
    wrong = [f"{p.name}: links {f}, expected {e}" for p, f, e in zip(PREREQUISITES, found, expected) if f != e]
    assert not wrong, "closing 'Next' links out of order:\n" + "\n".join(wrong)


def test_the_self_study_path_visits_every_prerequisites_example():
    outline = (ROOT / "doc" / "outline.rst").read_text(encoding="utf-8")
    self_study = outline.split("A self-study path", 1)[1]
    step = re.search(r"^2\. .*?(?=^3\. )", self_study, re.M | re.S).group(0)
    # The step sends the reader through the gallery in order and names where it ends.
    assert ":doc:`prerequisites/index`" in step and "order" in step, step
    last_two = [f"sphx_glr_prerequisites_{p.stem}.py" for p in PREREQUISITES[-2:]]
    assert all(name in step for name in last_two), f"the self-study path must finish with {last_two}"
