"""The version of nksearch (one place, read by the package and its caches)."""

__version__ = "0.1.0"
