"""Peak resident memory of one example, for sphinx-gallery's ``show_memory``.

sphinx-gallery calls ``show_memory(func)`` and expects ``(peak_mib, return_value)``.
On Linux the kernel keeps the process's high-water mark of resident memory
(``VmHWM``), and writing ``5`` to ``/proc/self/clear_refs`` resets it, so the peak
during ``func`` is exact and costs nothing. Elsewhere a background thread samples
the resident size instead, which can miss short spikes.
"""

from __future__ import annotations

import resource
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")
SAMPLE_INTERVAL_S = 0.02


def _status_mib(field: str) -> float | None:
    if not _STATUS.exists():
        return None
    for line in _STATUS.read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return None


def current_rss_mib() -> float:
    """Resident set size of this process now, in MiB."""
    rss = _status_mib("VmRSS")
    return rss if rss is not None else lifetime_peak_rss_mib()


def lifetime_peak_rss_mib() -> float:
    """Maximum resident set size since the process started, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _reset_high_water_mark() -> bool:
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return _status_mib("VmHWM") is not None


def _sampled_peak(func: Callable[[], Any]) -> tuple[float, Any]:
    peak = current_rss_mib()
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(SAMPLE_INTERVAL_S):
            peak = max(peak, current_rss_mib())

    sampler = threading.Thread(target=sample, name="peak-rss-sampler", daemon=True)
    sampler.start()
    try:
        result = func()
    finally:
        done.set()
        sampler.join()
    return max(peak, current_rss_mib()), result


def call_with_peak_rss(func: Callable[[], Any]) -> tuple[float, Any]:
    """Run ``func``; return the peak resident memory (MiB) while it ran, and its result."""
    if not _reset_high_water_mark():
        return _sampled_peak(func)
    result = func()
    return _status_mib("VmHWM"), result


class PeakMemory:
    """``show_memory`` callable for sphinx-gallery. An instance rather than a function,
    because Sphinx caches (pickles) only configuration values free of functions."""

    def __call__(self, func: Callable[[], Any]) -> tuple[float, Any]:
        return call_with_peak_rss(func)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PeakMemory)

    def __hash__(self) -> int:
        return hash(PeakMemory)

    def __repr__(self) -> str:
        return "PeakMemory()"
