"""The registry of provisioned datasets, by key."""

from __future__ import annotations

from tools.data import abide_pcp, development_fmri, haxby
from tools.data._spec import DatasetSpec

DATASETS: dict[str, DatasetSpec] = {spec.key: spec for spec in (development_fmri.SPEC, abide_pcp.SPEC, haxby.SPEC)}
