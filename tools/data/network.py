"""Reaching the real data hosts, and keeping everything else off the network.

Provisioning must never hang a build: before calling a nilearn fetcher for real we
open one TCP connection to its host with a short timeout.  Tests and the
"is this cache usable offline?" check run the fetchers inside
:func:`network_blocked`, so that a missing file fails at once instead of
triggering a download.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterable, Iterator

PROBE_TIMEOUT_SECONDS = 5.0


class NetworkBlockedError(ConnectionError):
    """Raised by any connection attempt made inside :func:`network_blocked`."""


def host_reachable(host: str, port: int = 443, timeout: float = PROBE_TIMEOUT_SECONDS) -> bool:
    """One TCP connect to ``host:port``; no retries (a retry storm would only slow
    an offline build down)."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def unreachable_hosts(hosts: Iterable[tuple[str, int]], timeout: float = PROBE_TIMEOUT_SECONDS) -> list[str]:
    return [f"{host}:{port}" for host, port in hosts if not host_reachable(host, port, timeout)]


@contextlib.contextmanager
def network_blocked() -> Iterator[None]:
    """Make every outgoing connection of this process fail while the block is active."""

    def refuse(*args, **kwargs):
        raise NetworkBlockedError("network access is blocked while checking the local data cache")

    saved = socket.socket.connect, socket.socket.connect_ex, socket.create_connection
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex, socket.create_connection = saved


@contextlib.contextmanager
def default_socket_timeout(seconds: float) -> Iterator[None]:
    """Bound every socket operation (a stalled download must not hang the build)."""
    saved = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)
    try:
        yield
    finally:
        socket.setdefaulttimeout(saved)
