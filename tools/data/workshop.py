"""The 2021 workshop's own data set: real data only, fetched with scikit-learn.

The machine-learning notebooks of the 2021 workshop "A primer on ML/DL with a focus
on neuroscience" taught on two public files:

* ``MAIN_BASC064_subsamp_features.npz`` (key ``a``, 155 x 2016): one vectorised
  BASC-064 correlation connectome per participant of OpenNeuro ds000228
  ("development fMRI", Richardson et al. 2018, *Nat Commun* 9:1027), rows in
  sorted ``participant_id`` order; published in GitHub repository
  ``miykael/workshop_pybrain``;
* ``participants.tsv`` (155 rows): the dataset's participant table, published in
  GitHub repository ``OpenNeuroDatasets/ds000228``.

An example loads each with :func:`sklearn.datasets.fetch_file` and the file's
SHA-256, exactly as a reader online would; ``fetch_file`` caches it in scikit-learn's
data home (``SCIKIT_LEARN_DATA``), in a folder derived from the URL. The build sets
that data home to ``<data dir>/scikit_learn_data``
(:func:`tools.data.provision.sklearn_data_home`), so this dataset's folder is
``scikit_learn_data/raw.githubusercontent.com``, and provisioning puts the files
exactly where ``fetch_file`` looks: from the local copy named by
``ML_PRIMER_WORKSHOP_DATA`` (a folder holding the two files under their published
names, verified against its ``MANIFEST.tsv`` and against the published checksums),
else by ``fetch_file`` itself online. The example's code is therefore the same in
every mode.

There is no stand-in: the page is about what the workshop's analysis did on *these*
data. Without a copy and without network, provisioning fails and says where to get
the two files.
"""

from __future__ import annotations

import contextlib
import functools
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from tools.data._spec import DatasetSpec
from tools.data.provision import SKLEARN_DATA_FOLDER, sklearn_data_home

KEY = "workshop_2021"
HOST = "raw.githubusercontent.com"
FOLDER = f"{SKLEARN_DATA_FOLDER}/{HOST}"
COPY_VARIABLE = "ML_PRIMER_WORKSHOP_DATA"
TITLE = "the 2021 workshop's data set (development fMRI connectomes)"


@dataclass(frozen=True)
class PublishedFile:
    url: str
    sha256: str
    name: str  # as published, and in a local copy

    @property
    def cached_path(self) -> str:
        """Where ``fetch_file(url)`` keeps the file, relative to this dataset's folder."""
        # scikit-learn's own rule (sklearn.datasets._base), so the layout cannot drift
        # from fetch_file's; provisioning also checks that fetch_file finds the files.
        from sklearn.datasets._base import _derive_folder_and_filename_from_url

        folder, filename = _derive_folder_and_filename_from_url(self.url)
        return PurePosixPath(folder, filename).relative_to(HOST).as_posix()


FILES = (
    PublishedFile(
        url=f"https://{HOST}/miykael/workshop_pybrain/master/workshop/notebooks/data/"
        "MAIN_BASC064_subsamp_features.npz",
        sha256="56883539861487e46e32cec0ffd32bf52bf44879b0d31bff589b03a942eb356d",
        name="MAIN_BASC064_subsamp_features.npz",
    ),
    PublishedFile(
        url=f"https://{HOST}/OpenNeuroDatasets/ds000228/master/participants.tsv",
        sha256="4631ad64f54bea355253482471cafa258fc46a549cf98f92760c8f5df19d6a4d",
        name="participants.tsv",
    ),
)


@contextlib.contextmanager
def scikit_learn_data(data_dir) -> Iterator[None]:
    """Point scikit-learn's data home at the data directory's, as the build does."""
    saved = os.environ.get("SCIKIT_LEARN_DATA")
    os.environ["SCIKIT_LEARN_DATA"] = str(sklearn_data_home(data_dir))
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SCIKIT_LEARN_DATA", None)
        else:
            os.environ["SCIKIT_LEARN_DATA"] = saved


def fetch(data_dir, verbose: int = 1, files: tuple[PublishedFile, ...] = FILES) -> None:
    """The examples' calls: ``fetch_file(url, sha256=...)`` for each file. ``verbose=0``
    is the offline check: no retries, so that a missing file fails at once."""
    from sklearn.datasets import fetch_file

    with scikit_learn_data(data_dir), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "checksum differs: re-downloading" (then fails offline)
        for file in files:
            fetch_file(file.url, sha256=file.sha256, n_retries=3 if verbose else 0)


def cached_paths(copy_folder, files: tuple[PublishedFile, ...] = FILES) -> list[str]:
    """``required_files`` of the spec: where the examples' calls look for the files."""
    return [file.cached_path for file in files]


def how_to_get(files: tuple[PublishedFile, ...] = FILES) -> str:
    urls = "\n".join(f"  {file.url}" for file in files)
    return (
        f"Get the {len(files)} files from their public sources:\n{urls}\n"
        f"(or from a copy of them, such as the project's ../shared/data/workshop/), put them in one "
        f"folder under these names and point {COPY_VARIABLE} at it (the tox environments default it "
        "to ../shared/data/workshop beside the project); or rerun online, where the examples' own "
        "fetch_file calls download them."
    )


def make_spec(files: tuple[PublishedFile, ...] = FILES) -> DatasetSpec:
    """The dataset of ``files`` (tests build one from files of their own)."""
    return DatasetSpec(
        key=KEY,
        folder=FOLDER,
        title=TITLE,
        generator_version=None,  # no stand-in generator
        probe_hosts=((HOST, 443),),
        fetcher_calls=functools.partial(fetch, files=files),
        standin_jobs=None,
        required_files=functools.partial(cached_paths, files=files),
        copy_variable=COPY_VARIABLE,
        copy_layout={file.cached_path: file.name for file in files},
        published_checksums={file.cached_path: file.sha256 for file in files},
        how_to_get=how_to_get(files),
    )


SPEC = make_spec()
