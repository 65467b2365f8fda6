"""The parser version: what a stored result and an ``articles`` row were made with.

Its own module so that planning a run can read it without importing the parsers.
"""

PARSER_VERSION = "1.5.1"
"""Bump on any change that can change a record; stored in every ``articles`` row, and part
of the state store's key, so a new version re-parses every document."""

__version__ = "0.1.0"
"""The package's release version (also in ``pyproject.toml``)."""
