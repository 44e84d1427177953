"""What every provisioned dataset declares.

A dataset module (``development_fmri``, ``abide_pcp``, ``haxby``) describes:

* where nilearn keeps it (``folder``, the fetcher's ``dataset_name``),
* which hosts a real download needs (probed before trying),
* ``fetcher_calls(data_dir, verbose)``: the nilearn fetcher calls the examples
  make. Online they download the real data (:meth:`DatasetSpec.fetch_real`);
  once the cache is complete they must succeed with the network blocked
  (:meth:`DatasetSpec.check_offline`),
* ``required_files(folder)``: the files those calls need, for taking the
  dataset from a local copy,
* ``standin_jobs()``: the stand-in files, as independent jobs.  Each job writes
  its outputs from its own seed, so a damaged file can be rewritten alone and
  jobs can run in parallel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FileJob:
    """Writes ``outputs`` (paths relative to the dataset folder) by calling
    ``function(folder, *args)``; ``function`` must be a module-level function so
    that jobs can be sent to worker processes."""

    outputs: tuple[str, ...]
    function: Callable
    args: tuple = ()
    cost: float = 1.0  # rough seconds; the longest jobs are started first

    def run(self, folder) -> None:
        self.function(folder, *self.args)


@dataclass(frozen=True)
class DatasetSpec:
    key: str
    folder: str
    title: str
    generator_version: int
    probe_hosts: tuple[tuple[str, int], ...]
    fetcher_calls: Callable[..., None]
    standin_jobs: Callable[[], list[FileJob]]
    derived_files: tuple[str, ...] = field(default=())
    """Glob patterns of files nilearn itself may add next to the data (never
    treated as foreign files)."""
    prepare: Callable[[], None] | None = None
    """Computes state shared by all jobs once, before worker processes fork."""
    required_files: Callable[..., list[str]] | None = None
    """``required_files(folder)``: the files (relative to the dataset folder) that the
    examples' fetcher calls need, read from the dataset's own index files in
    ``folder`` (e.g. a phenotype table). Declared by datasets that can be taken from a
    local read-only copy (:mod:`tools.data.local_copy`); may raise FileNotFoundError
    naming an index file that is absent."""

    def fetch_real(self, data_dir) -> None:
        self.fetcher_calls(data_dir, verbose=1)

    def check_offline(self, data_dir) -> None:
        self.fetcher_calls(data_dir, verbose=0)
