"""Errors the domain and the layers above it raise for the user to read."""


class CasusdeskError(Exception):
    """Base class: an error whose message is meant for the user (Dutch)."""


class ValidationError(CasusdeskError):
    """Input that the domain refuses, e.g. an empty group name."""


class DataFileError(CasusdeskError):
    """A resource file (method, role, function list) that is missing or malformed."""
