"""Errors of data provisioning: each message says what is wrong and how to fix it."""

from __future__ import annotations


class ProvisioningError(RuntimeError):
    """The data directory cannot be prepared as asked; the message says why and how to fix it."""


class RealDataUnavailableError(ProvisioningError):
    """Real data were required but their host cannot be reached."""


class CorruptRealDataError(ProvisioningError):
    """A real (downloaded) file no longer matches its recorded checksum."""


class LocalCopyError(ProvisioningError):
    """The local read-only copy (``NILEARN_SHARED_DATA``) is unreadable, incomplete or corrupt."""
