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
  jobs can run in parallel.  A dataset that must never be simulated declares
  none (``standin_jobs=None``) and says instead where to get the real files
  (``how_to_get``): without them provisioning fails with that message.

A dataset whose local copy is not kept in nilearn's layout under
``NILEARN_SHARED_DATA`` (e.g. files fetched one by one with
:func:`sklearn.datasets.fetch_file`, copied under their published names) names the
variable that points at its copy (``copy_variable``) and where each file goes
(``copy_layout``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
    generator_version: int | None  # None: no stand-in generator
    probe_hosts: tuple[tuple[str, int], ...]
    fetcher_calls: Callable[..., None]
    standin_jobs: Callable[[], list[FileJob]] | None
    """None for a dataset without stand-in (real data only)."""
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
    copy_variable: str | None = None
    """The environment variable naming this dataset's local read-only copy, when the copy
    is not a folder ``<NILEARN_SHARED_DATA>/<folder>`` in nilearn's layout."""
    copy_layout: Mapping[str, str] = field(default_factory=dict)
    """Path in the dataset folder -> path in the copy, for the files whose names differ
    (by default a file has the same relative path in both)."""
    published_checksums: Mapping[str, str] = field(default_factory=dict)
    """sha256 of the files whose publisher states one (path in the dataset folder ->
    sha256): whatever the source, a file that does not match it is refused."""
    how_to_get: str = ""
    """For a dataset without stand-in: where to get the real files, shown when neither a
    copy nor the network provides them."""

    @property
    def has_standin(self) -> bool:
        return self.standin_jobs is not None

    def fetch_real(self, data_dir) -> None:
        self.fetcher_calls(data_dir, verbose=1)

    def check_offline(self, data_dir) -> None:
        self.fetcher_calls(data_dir, verbose=0)
