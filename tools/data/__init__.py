"""Data provisioning for the examples: real nilearn datasets or simulated stand-ins.

Public API::

    default_data_dir() -> Path
    sklearn_data_home(data_dir=None) -> Path                 # SCIKIT_LEARN_DATA of the build
    provision(data_dir=None, mode="auto") -> dict            # the manifest
    read_manifest(data_dir) -> dict
    dataset_for_path(path, data_dir) -> str | None

Command line: ``python -m tools.provision_data [--mode auto|real|standin] [--data-dir DIR]``.
See ``doc/data.rst`` for what each stand-in simulates.
"""

from tools.data.manifest import MANIFEST_NAME, dataset_for_path, read_manifest
from tools.data.provision import (
    MODES,
    SKLEARN_DATA_FOLDER,
    CorruptRealDataError,
    LocalCopyError,
    ProvisioningError,
    RealDataUnavailableError,
    default_data_dir,
    provision,
    sklearn_data_home,
)

__all__ = [
    "MANIFEST_NAME",
    "MODES",
    "CorruptRealDataError",
    "LocalCopyError",
    "ProvisioningError",
    "RealDataUnavailableError",
    "SKLEARN_DATA_FOLDER",
    "dataset_for_path",
    "default_data_dir",
    "provision",
    "read_manifest",
    "sklearn_data_home",
]
