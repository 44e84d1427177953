"""Prepare the nilearn data directory for every dataset the examples use.

For each dataset, in this order of preference:

1. real files already in the data folder are used as they are (checked against
   the manifest; a cache we did not write is real data);
2. otherwise, if ``NILEARN_SHARED_DATA`` names a local read-only copy that holds
   the dataset, every file the examples need is verified against the copy's
   manifest and copied in (:mod:`tools.data.local_copy`); stand-ins left by an
   earlier offline build are replaced;
3. otherwise the real data are downloaded with nilearn's own fetcher, after a
   5-second connection probe of the host;
4. otherwise simulated stand-ins are written in the fetcher's own layout; a
   dataset without stand-in (real data only) fails instead, with a message saying
   where to get its files.

``mode="real"`` or ``mode="standin"`` forces one kind.  Rules that keep
people's data safe:

* real data are never overwritten or deleted; a damaged real file is reported
  with its name and the command that fixes it;
* the local copy is only ever read; a copy that lacks or garbles a file stops
  provisioning with the file named, and the data folder is left unchanged (a
  dataset is never half real, half simulated);
* a stand-in file that is damaged (truncated, edited, missing) is rewritten;
* a dataset folder holding files that no stand-in manifest lists is real data
  (e.g. an online run of an example downloaded more subjects into it).
"""

from __future__ import annotations

import fnmatch
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tools.data import local_copy, network
from tools.data._spec import DatasetSpec, FileJob
from tools.data.errors import (  # noqa: F401  (re-exported: the errors of provisioning)
    CorruptRealDataError,
    LocalCopyError,
    ProvisioningError,
    RealDataUnavailableError,
)
from tools.data.local_copy import LocalCopy
from tools.data.manifest import checksums, list_files, read_manifest, verify, write_manifest

MODES = ("auto", "real", "standin")
REPO_ROOT = Path(__file__).resolve().parents[2]
PARTIAL_SUFFIX = ".partial"  # temporary files of tools.data._io.atomic_write_bytes


# Where a real dataset came from, as the manifest records it ("source").
SOURCE_DOWNLOAD = "download"
SOURCE_LOCAL_COPY = local_copy.SOURCE_LABEL
FROM_ENVIRONMENT = object()


def default_data_dir() -> Path:
    """``$NILEARN_DATA`` if set (its first entry), else ``<repo>/_data/nilearn_data``."""
    configured = os.environ.get("NILEARN_DATA")
    if configured:
        return Path(configured.split(os.pathsep)[0])
    return REPO_ROOT / "_data" / "nilearn_data"


# scikit-learn's data home (``SCIKIT_LEARN_DATA``, where ``sklearn.datasets.fetch_file``
# caches) is this folder of the data directory, in the build as in the browser notebooks:
# the files examples fetch with scikit-learn are provisioned, recorded and served like
# nilearn's.
SKLEARN_DATA_FOLDER = "scikit_learn_data"


def sklearn_data_home(data_dir=None) -> Path:
    """scikit-learn's data home inside the data directory ``data_dir`` (default: :func:`default_data_dir`)."""
    return Path(data_dir if data_dir is not None else default_data_dir()) / SKLEARN_DATA_FOLDER


def fix_command(data_dir: Path, mode: str = "real") -> str:
    return f"python -m tools.provision_data --mode {mode} --data-dir {data_dir}"


def provision(
    data_dir=None,
    mode: str = "auto",
    datasets=None,
    workers: int | None = None,
    log: Callable[[str], None] | None = None,
    copy: LocalCopy | None = FROM_ENVIRONMENT,
) -> dict:
    """Provision ``datasets`` (default: all) in ``data_dir`` and return the manifest.

    ``copy`` is the local read-only copy to take real data from; by default the one
    ``NILEARN_SHARED_DATA`` and the datasets' own copy variables name
    (:func:`tools.data.local_copy.configured_copy`).

    In ``mode="standin"``, ``datasets=None`` means every dataset that has a stand-in;
    naming one without stand-in is an error.
    """
    from tools.data.datasets import DATASETS

    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    log = log or (lambda message: print(message, file=sys.stderr))
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    if copy is FROM_ENVIRONMENT:
        variables = [spec.copy_variable for spec in DATASETS.values() if spec.copy_variable]
        copy = local_copy.configured_copy(log=log, variables=variables)
    data_dir.mkdir(parents=True, exist_ok=True)
    keys = list(datasets) if datasets is not None else list(DATASETS)
    unknown = sorted(set(keys) - set(DATASETS))
    if unknown:
        raise ValueError(f"unknown dataset(s) {unknown}; known: {sorted(DATASETS)}")
    if mode == "standin" and datasets is None:
        real_only = [key for key in keys if not DATASETS[key].has_standin]
        for key in real_only:
            log(f"[{key}] has no stand-in (real data only): not provisioned in stand-in mode")
        keys = [key for key in keys if key not in real_only]

    manifest = read_manifest(data_dir)
    pending: dict[str, list[FileJob]] = {}
    for key in keys:
        jobs = _plan_dataset(DATASETS[key], data_dir, mode, manifest, log, _copy_source(DATASETS[key], copy, mode, log))
        if jobs:
            pending[key] = jobs
    if pending:
        _write_standins({key: DATASETS[key] for key in pending}, pending, data_dir, manifest, workers, log)
    write_manifest(data_dir, manifest)
    return manifest


# -- Deciding what to do with one dataset -------------------------------------------------


def _copy_source(spec: DatasetSpec, copy: LocalCopy | None, mode: str, log) -> tuple[LocalCopy, Path] | None:
    """The local copy's folder of this dataset, if real data may be taken from it."""
    if copy is None or mode == "standin":
        return None
    folder = copy.named_folder(spec.copy_variable) if spec.copy_variable else copy.dataset_folder(spec.folder)
    if folder is None:
        return None
    if spec.required_files is None:
        log(f"[{spec.key}] the local copy's {folder} is not used: this dataset does not list the files it needs")
        return None
    return copy, folder


def _plan_dataset(spec: DatasetSpec, data_dir: Path, mode: str, manifest: dict, log,
                  copy_source: tuple[LocalCopy, Path] | None = None) -> list[FileJob]:
    """Bring ``spec`` up to date where that needs no stand-in writing; return the
    stand-in jobs still to run (empty if none)."""
    folder = data_dir / spec.folder
    entry = manifest["datasets"].get(spec.key)

    if entry is not None and entry["mode"] == "standin":
        _remove_partial_files(folder)
        check = verify(folder, entry)
        foreign = _foreign_files(spec, check.unlisted)
        if foreign:
            log(
                f"[{spec.key}] {folder} holds files the stand-in generator did not write "
                f"(e.g. {foreign[0]}): treating the dataset as real data from now on."
            )
            if mode == "standin":
                raise ProvisioningError(_refuse_standin_message(spec, folder))
            manifest["datasets"][spec.key] = _real_entry(spec, folder)
            return []
        if copy_source is not None:
            log(f"[{spec.key}] a local copy of the real data is available: it replaces the stand-ins")
            _take_from_copy(spec, *copy_source, data_dir, manifest, log, replaces=list(entry["files"]))
            return []
        if mode == "real":
            _require_reachable(spec, data_dir)
            log(f"[{spec.key}] replacing the stand-ins by the real data")
            for relative in entry["files"]:
                (folder / relative).unlink(missing_ok=True)
            del manifest["datasets"][spec.key]
            write_manifest(data_dir, manifest)
            _download(spec, data_dir, manifest, log)
            return []
        jobs = spec.standin_jobs()
        if entry.get("generator_version") != spec.generator_version:
            versions = f"{entry.get('generator_version')} -> {spec.generator_version}"
            log(f"[{spec.key}] stand-in generator changed ({versions}): rewriting")
            for relative in set(entry["files"]) - _outputs(jobs):
                (folder / relative).unlink(missing_ok=True)  # ours, and no longer produced
            return jobs
        if check.damaged:
            shown = ", ".join(check.damaged[:5]) + (" ..." if len(check.damaged) > 5 else "")
            log(f"[{spec.key}] {len(check.damaged)} stand-in file(s) missing or damaged, rewriting: {shown}")
            damaged = set(check.damaged)
            return [job for job in jobs if damaged & set(job.outputs)]
        log(f"[{spec.key}] stand-ins up to date ({len(entry['files'])} files)")
        return []

    if entry is not None and entry["mode"] == "real":
        check = verify(folder, entry)
        if check.damaged:
            raise CorruptRealDataError(_corrupt_real_message(spec, folder, check, data_dir))
        if mode == "standin":
            raise ProvisioningError(_refuse_standin_message(spec, folder))
        if check.unlisted:
            entry["files"].update(checksums(folder, check.unlisted))
        log(f"[{spec.key}] real data up to date ({len(entry['files'])} files)")
        return []

    # Not in the manifest yet.
    if list_files(folder):
        # Someone else's cache (a reader's own download, a CI cache): real data.
        if mode == "standin":
            raise ProvisioningError(_refuse_standin_message(spec, folder))
        if _usable_offline(spec, data_dir):
            log(f"[{spec.key}] using the real data already in {folder}")
            manifest["datasets"][spec.key] = _real_entry(spec, folder)
            return []
        if not _reachable(spec):
            raise RealDataUnavailableError(
                f"[{spec.key}] {folder} holds part of the real dataset, but not every file the "
                f"examples need, and {', '.join(h for h, _ in spec.probe_hosts)} cannot be reached. "
                "Real data are never mixed with or replaced by stand-ins: run "
                f"`{fix_command(data_dir)}` online to complete the download, or move {folder} "
                "away to build with stand-ins."
            )
        _download(spec, data_dir, manifest, log)
        return []

    if mode == "standin":
        return _standin_jobs(spec, "stand-in mode was requested")
    if copy_source is not None:
        _take_from_copy(spec, *copy_source, data_dir, manifest, log)
        return []
    if mode == "real":
        _require_reachable(spec, data_dir)
        _download(spec, data_dir, manifest, log)
        return []
    if not _reachable(spec):
        host = spec.probe_hosts[0][0]
        if spec.has_standin:
            log(f"[{spec.key}] {host} unreachable: writing simulated stand-ins")
        return _standin_jobs(spec, f"{host} cannot be reached and no local copy is available")
    try:
        _download(spec, data_dir, manifest, log)
        return []
    except Exception as error:  # the download failed after a successful probe
        if list_files(folder):
            raise ProvisioningError(
                f"[{spec.key}] the real download failed part-way ({error}); the files already "
                f"downloaded to {folder} are kept. Rerun `{fix_command(data_dir)}` to resume, or "
                "move the folder away to build with stand-ins."
            ) from error
        if spec.has_standin:
            log(f"[{spec.key}] real download failed ({error}): writing simulated stand-ins")
        return _standin_jobs(spec, f"the real download failed ({error}) and no local copy is available")


def _standin_jobs(spec: DatasetSpec, reason: str) -> list[FileJob]:
    """The stand-in jobs of ``spec``; for a dataset without stand-in, the error that says
    where to get the real files."""
    if spec.has_standin:
        return spec.standin_jobs()
    raise RealDataUnavailableError(no_standin_message(spec, reason))


def no_standin_message(spec: DatasetSpec, reason: str) -> str:
    return (
        f"[{spec.key}] {spec.title} has no stand-in: the examples use the real files only, and "
        f"{reason}. {spec.how_to_get}"
    )


def _outputs(jobs: list[FileJob]) -> set[str]:
    return {output for job in jobs for output in job.outputs}


def _foreign_files(spec: DatasetSpec, unlisted: list[str]) -> list[str]:
    return [
        relative
        for relative in unlisted
        if not any(fnmatch.fnmatch(Path(relative).name, pattern) for pattern in spec.derived_files)
    ]


def _remove_partial_files(folder: Path) -> None:
    """Temporary files an interrupted stand-in write left behind (ours by name)."""
    for relative in list_files(folder):
        if relative.endswith(PARTIAL_SUFFIX):
            (folder / relative).unlink()


def _real_entry(spec: DatasetSpec, folder: Path, source: str = SOURCE_DOWNLOAD, files=None) -> dict:
    """A real dataset's manifest entry; a cache found in the data folder counts as a
    download (nilearn's fetchers are what writes there)."""
    files = checksums(folder) if files is None else files
    return {"folder": spec.folder, "mode": "real", "source": source, "generator_version": None, "files": files}


def _refuse_standin_message(spec: DatasetSpec, folder: Path) -> str:
    return (
        f"[{spec.key}] {folder} holds real data; stand-ins never overwrite real data. "
        "Use another --data-dir for a stand-in build, or move that folder away."
    )


def _corrupt_real_message(spec, folder, check, data_dir) -> str:
    lines = [f"[{spec.key}] real data in {folder} no longer match their recorded checksums:"]
    lines += [f"  missing:   {folder / relative}" for relative in check.missing]
    lines += [f"  corrupted: {folder / relative}" for relative in check.corrupted]
    lines.append(
        "Nothing was deleted. To fix: delete the files listed above and run "
        f"`{fix_command(data_dir)}` (nilearn downloads them again)."
    )
    return "\n".join(lines)


# -- Real data -------------------------------------------------------------------------------


def _take_from_copy(spec: DatasetSpec, copy: LocalCopy, source: Path, data_dir: Path, manifest: dict, log,
                    replaces: list[str] = ()) -> None:
    """Verify and copy the files the examples need from the local copy; ``replaces``
    are stand-in files removed once every real file is staged."""
    folder = data_dir / spec.folder
    variable = spec.copy_variable or local_copy.ENVIRONMENT_VARIABLE
    try:
        required = sorted(set(spec.required_files(source)))
    except FileNotFoundError as error:
        missing = Path(error.filename).relative_to(source).as_posix() if error.filename else str(error)
        raise LocalCopyError(local_copy.missing_message(source, [missing], variable)) from error
    started = time.perf_counter()

    def remove_standins() -> None:
        for relative in replaces:
            (folder / relative).unlink(missing_ok=True)
        manifest["datasets"].pop(spec.key, None)
        write_manifest(data_dir, manifest)

    in_copy = {relative: spec.copy_layout.get(relative, relative) for relative in required}
    files = local_copy.copy_dataset(copy, source, in_copy, folder, remove_standins,
                                    published=spec.published_checksums, variable=variable)
    manifest["datasets"][spec.key] = {**_real_entry(spec, folder, SOURCE_LOCAL_COPY, files), "copy": str(source)}
    if not _usable_offline(spec, data_dir):
        raise ProvisioningError(
            f"[{spec.key}] the {len(files)} files copied from {source} do not satisfy the examples' "
            "fetcher calls: the copy's layout differs from where the fetchers look."
        )
    size = sum((folder / relative).stat().st_size for relative in files) / 1e6
    log(f"[{spec.key}] real data: {len(files)} files ({size:.1f} MB) verified and copied from the local "
        f"copy {source} in {time.perf_counter() - started:.1f} s")




def _reachable(spec: DatasetSpec) -> bool:
    return not network.unreachable_hosts(spec.probe_hosts[:1])


def _require_reachable(spec: DatasetSpec, data_dir: Path) -> None:
    unreachable = network.unreachable_hosts(spec.probe_hosts[:1])
    if unreachable:
        if not spec.has_standin:
            reason = (f"{', '.join(unreachable)} cannot be reached within "
                      f"{network.PROBE_TIMEOUT_SECONDS:.0f} s and no local copy is available")
            raise RealDataUnavailableError(no_standin_message(spec, reason))
        raise RealDataUnavailableError(
            f"[{spec.key}] real data requested (--mode real) but {', '.join(unreachable)} cannot be "
            f"reached within {network.PROBE_TIMEOUT_SECONDS:.0f} s. Connect to the internet and rerun "
            f"`{fix_command(data_dir)}`, or build with stand-ins: `{fix_command(data_dir, 'standin')}`."
        )


def _download(spec: DatasetSpec, data_dir: Path, manifest: dict, log) -> None:
    log(f"[{spec.key}] downloading the real data with nilearn's fetcher")
    # A stalled connection must fail, not hang the build.
    with network.default_socket_timeout(60.0):
        spec.fetch_real(data_dir)
    if not _usable_offline(spec, data_dir):
        raise ProvisioningError(f"[{spec.key}] download finished but the examples' fetcher calls still fail offline")
    manifest["datasets"][spec.key] = _real_entry(spec, data_dir / spec.folder, SOURCE_DOWNLOAD)


def _usable_offline(spec: DatasetSpec, data_dir: Path) -> bool:
    """Do the examples' fetcher calls succeed without network?  (They check that
    every file they return exists; a missing file would trigger a download.)"""
    try:
        with network.network_blocked():
            spec.check_offline(data_dir)
        return True
    except Exception:
        return False


# -- Stand-ins -------------------------------------------------------------------------------


def _write_standins(specs, pending, data_dir, manifest, workers, log) -> None:
    started = time.perf_counter()
    for key, jobs in pending.items():
        spec = specs[key]
        previous = manifest["datasets"].get(key)
        files = dict(previous["files"]) if previous and previous["mode"] == "standin" else {}
        # Recorded before writing: an interrupted run leaves "pending" (null)
        # checksums, which the next run rewrites, instead of unlisted files it
        # would have to take for real data.
        files.update(dict.fromkeys(_outputs(jobs)))
        manifest["datasets"][key] = {
            "folder": spec.folder,
            "mode": "standin",
            "generator_version": spec.generator_version,
            "files": files,
        }
    write_manifest(data_dir, manifest)

    work = [(specs[key], job) for key, jobs in pending.items() for job in jobs]
    work.sort(key=lambda item: -item[1].cost)  # stable: otherwise in dataset order
    n_jobs = len(work)
    log(f"writing {n_jobs} stand-in job(s) for {', '.join(pending)}")
    for spec in specs.values():
        if spec.prepare is not None:
            spec.prepare()  # shared state, computed once and inherited by the workers
    workers = workers or min(2, os.cpu_count() or 1)
    if workers > 1 and n_jobs > 1:
        import multiprocessing

        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_single_threaded_worker,
        ) as pool:
            futures = [pool.submit(job.function, data_dir / spec.folder, *job.args) for spec, job in work]
            for (spec, job), future in zip(work, futures):
                _raise_with_context(spec, job, future.exception())
    else:
        for spec, job in work:
            try:
                job.run(data_dir / spec.folder)
            except Exception as error:
                _raise_with_context(spec, job, error)

    for key, jobs in pending.items():
        folder = data_dir / specs[key].folder
        manifest["datasets"][key]["files"].update(checksums(folder, _outputs(jobs)))
    log(f"stand-ins written in {time.perf_counter() - started:.1f} s")


def _raise_with_context(spec: DatasetSpec, job: FileJob, error: BaseException | None) -> None:
    if error is not None:
        raise ProvisioningError(f"[{spec.key}] writing {', '.join(job.outputs)} failed: {error}") from error


def _single_threaded_worker() -> None:
    # Two worker processes on two cores: threaded BLAS inside each would only contend.
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:
        pass
