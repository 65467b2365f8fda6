"""Document keys: how a file's path becomes the key the state store and every table hold.

Why here: reading the input names documents by these keys and the run's state store looks
them up by the same keys; a stage never imports the run machinery, so the rule lives with
the reader and the store imports it.
"""

from __future__ import annotations


def stored_key(key: str) -> str:
    """A document key as the store (and every table) holds it: valid UTF-8.

    Why: a file name that is not UTF-8 reaches Python with its stray bytes as lone
    surrogates, which SQLite and Arrow refuse. Such bytes are written as ``\\xNN`` instead
    (the file is still read under its real name); every other key is unchanged.
    """
    if key.isascii():
        return key
    return key.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
