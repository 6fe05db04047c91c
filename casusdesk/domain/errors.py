"""Errors the domain and the layers above it raise for the user to read."""

import errno


class CasusdeskError(Exception):
    """Base class: an error whose message is meant for the user (Dutch)."""


class ValidationError(CasusdeskError):
    """Input that the domain refuses, e.g. an empty group name."""


class DataFileError(CasusdeskError):
    """A resource file (method, role, function list) that is missing or malformed."""


#: Dutch for the operating-system errors a user can cause or fix
_REASONS = {
    errno.ENOENT: "bestaat niet",
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.EEXIST: "bestaat al",
    errno.EISDIR: "is een map",
    errno.ENOTDIR: "is geen map",
    errno.ENOSPC: "de schijf is vol",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EROFS: "alleen-lezen schijf",
    errno.EBUSY: "in gebruik",
}


def os_reason(exc: OSError) -> str:
    """A short Dutch reason for an operating-system error."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
