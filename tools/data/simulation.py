"""Signal building blocks shared by the stand-in generators.

Nothing here is fitted to real recordings; the pieces are the textbook ones:
band-limited (0.01-0.1 Hz, 1/f-weighted) fluctuations for resting/naturalistic
BOLD, a double-gamma haemodynamic response for task blocks, head-motion traces as
smooth random walks with occasional jerks, and framewise displacement computed
the way Power et al. (2012) define it (rotations on a 50 mm sphere).
"""

from __future__ import annotations

import numpy as np
from scipy import stats

HEAD_RADIUS_MM = 50.0  # Power et al. 2012: rotations -> mm on a 50 mm sphere


def seeded_rng(*keys: int | str) -> np.random.Generator:
    """A generator that depends only on ``keys`` (e.g. dataset, subject, purpose).

    Seeding every subject separately makes each file reproducible on its own, so a
    damaged file can be regenerated without regenerating its dataset.
    """
    words = []
    for key in keys:
        if isinstance(key, str):
            words.extend(key.encode("utf-8"))
        else:
            words.append(int(key))
    return np.random.default_rng(np.random.SeedSequence(words))


def bold_fluctuations(
    rng: np.random.Generator,
    n_timepoints: int,
    n_series: int,
    repetition_time: float,
    low_hz: float = 0.01,
    high_hz: float = 0.1,
) -> np.ndarray:
    """``(n_timepoints, n_series)`` unit-variance, band-limited 1/f noise.

    Spontaneous BOLD fluctuations live mostly in 0.01-0.1 Hz with more power at
    the slow end; shaping white noise in the Fourier domain gives that cheaply.
    """
    white = rng.standard_normal((n_timepoints, n_series))
    spectrum = np.fft.rfft(white, axis=0)
    freqs = np.fft.rfftfreq(n_timepoints, d=repetition_time)
    nyquist_safe_high = min(high_hz, 0.9 / (2 * repetition_time))
    # Smooth (logistic) band edges avoid ringing; 1/sqrt(f) amplitude gives 1/f power.
    passband = 1 / (1 + np.exp(-(freqs - low_hz) / (0.25 * low_hz)))
    passband /= 1 + np.exp((freqs - nyquist_safe_high) / 0.01)
    weights = passband / np.sqrt(np.maximum(freqs, low_hz))
    shaped = np.fft.irfft(spectrum * weights[:, None], n=n_timepoints, axis=0)
    shaped -= shaped.mean(axis=0)
    return shaped / shaped.std(axis=0)


def double_gamma_hrf(repetition_time: float, duration: float = 32.0) -> np.ndarray:
    """Canonical-shape haemodynamic response sampled at the TR (peak ~5 s,
    undershoot ~15 s, ratio 1/6), normalised to unit peak."""
    times = np.arange(0.0, duration, repetition_time)
    response = stats.gamma.pdf(times, 6.0) - stats.gamma.pdf(times, 16.0) / 6.0
    return response / response.max()


def convolve_blocks(boxcars: np.ndarray, repetition_time: float) -> np.ndarray:
    """Convolve each column of ``(n_timepoints, n_conditions)`` with the HRF."""
    hrf = double_gamma_hrf(repetition_time)
    n = boxcars.shape[0]
    return np.stack([np.convolve(column, hrf)[:n] for column in boxcars.T], axis=1)


def head_motion(rng: np.random.Generator, n_timepoints: int, mean_displacement_mm: float) -> np.ndarray:
    """Six realignment parameters ``(trans_x, trans_y, trans_z [mm], rot_x, rot_y,
    rot_z [rad])`` whose mean framewise displacement is ``mean_displacement_mm``.

    Motion is a slow drift (random walk) plus sparse jerks; high-motion
    participants differ mostly by having more and larger jerks, as in real data.
    """
    drift = np.cumsum(rng.standard_normal((n_timepoints, 6)), axis=0)
    jerk_probability = np.clip(0.02 + 0.25 * mean_displacement_mm, 0.0, 0.6)
    jerks = rng.standard_normal((n_timepoints, 6)) * (rng.random((n_timepoints, 1)) < jerk_probability)
    steps = 0.15 * np.diff(drift, axis=0, prepend=0.0) + 3.0 * jerks
    steps[0] = 0.0
    # Rotations are in radians: a 1 mm arc on the 50 mm head sphere is 0.02 rad.
    steps[:, 3:] /= HEAD_RADIUS_MM
    params = np.cumsum(steps, axis=0)
    current = framewise_displacement(params)[1:].mean()
    params *= mean_displacement_mm / max(current, 1e-9)
    return params - params[0]


def framewise_displacement(motion: np.ndarray) -> np.ndarray:
    """Power et al. (2012) framewise displacement (mm); the first frame is 0."""
    steps = np.abs(np.diff(motion, axis=0, prepend=motion[:1]))
    return steps[:, :3].sum(axis=1) + HEAD_RADIUS_MM * steps[:, 3:].sum(axis=1)


def correlation_to_fisher_z(correlation: np.ndarray) -> np.ndarray:
    return np.arctanh(np.clip(correlation, -0.999999, 0.999999))
