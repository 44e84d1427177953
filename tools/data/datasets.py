"""The registry of provisioned datasets, by key."""

from __future__ import annotations

from tools.data import abide_pcp, development_fmri, haxby, workshop
from tools.data._spec import DatasetSpec

DATASETS: dict[str, DatasetSpec] = {
    spec.key: spec for spec in (development_fmri.SPEC, abide_pcp.SPEC, haxby.SPEC, workshop.SPEC)
}
WITH_STANDINS: tuple[str, ...] = tuple(key for key, spec in DATASETS.items() if spec.has_standin)
"""The datasets that have simulated stand-ins (the others are real data only)."""
