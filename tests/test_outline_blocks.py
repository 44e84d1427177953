"""The workshop schedule of ``doc/outline.rst`` fits its clock: no block lists more minutes than it lasts."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTLINE = ROOT / "doc" / "outline.rst"
ROW = re.compile(r"^   \* - (?P<start>\d\d):(?P<start_min>\d\d)[–-](?P<end>\d\d):(?P<end_min>\d\d)\n"
                 r"     - (?P<block>[^\n]*)\n(?P<material>(?:     [ -][^\n]*\n?)*)", re.M)
MINUTES = re.compile(r"(\d+) min\b(?! each)")
EACH = re.compile(r"(\d+) min each")
CHOICE = re.compile(r"\b(one|two|three|four) of\b")
NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4}


def blocks(text: str) -> list[tuple[str, int, int]]:
    """(block name, minutes in its time span, minutes its material lists) for every timed row."""
    found = []
    for row in ROW.finditer(text):
        span = (int(row["end"]) * 60 + int(row["end_min"])) - (int(row["start"]) * 60 + int(row["start_min"]))
        material = " ".join(row["material"].split())
        listed = sum(int(m) for m in MINUTES.findall(material))
        for each in EACH.findall(material):
            choice = CHOICE.search(material)
            listed += int(each) * (NUMBER[choice.group(1)] if choice else 1)
        found.append((row["block"].strip(), span, listed))
    return found


def test_parser_reads_minutes_and_choices():
    text = ("   * - 09:00–10:00\n     - Block\n     - A (20 min), then two of:\n"
            "       x, y, z (15 min each).\n")
    assert blocks(text) == [("Block", 60, 50)]


def test_every_workshop_block_fits_its_time_span():
    found = blocks(OUTLINE.read_text())
    assert len(found) >= 9, f"the schedule's rows were not found: {found}"
    assert sum(listed > 0 for _, _, listed in found) >= 4, "blocks with minutes listed were not read"
    overrun = [f"{name}: {listed} min listed in {span}" for name, span, listed in found if listed > span]
    assert not overrun, "workshop blocks overrun their time:\n" + "\n".join(overrun)
