"""Document keys: how a file's path becomes the key the state store and every table hold.

Why here: reading the input names documents by these keys and the run's state store looks
them up by the same keys; a stage never imports the run machinery, so the rule lives with
the reader and the store imports it.
"""

from __future__ import annotations

import re


def stored_key(key: str) -> str:
    """A document key as the store (and every table) holds it: valid UTF-8, one per file name.

    Why: a file name that is not UTF-8 reaches Python with its stray bytes as lone
    surrogates, which SQLite and Arrow refuse. Such bytes are written as ``\\xNN`` instead
    (the file is still read under its real name). The mapping must stay injective, or two
    files share one key and one of them is lost: so whenever a key is escaped, or holds a
    backslash of its own, every backslash is doubled first: a file whose name holds the
    four characters backslash, ``x``, ``e``, ``9`` keeps them with the backslash doubled,
    while the byte 0xE9 of a name that is not UTF-8 becomes one backslash and ``xe9``.
    Every other key (UTF-8, no backslash) is unchanged.
    """
    if key.isascii() and "\\" not in key:
        return key
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        if "\\" not in key:
            return key
    return key.replace("\\", "\\\\").encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_ESCAPE = re.compile(r"\\(\\|x[0-9a-f]{2})")


def input_key(stored: str) -> str:
    """The inverse of :func:`stored_key`: the key as the input walk names the file.

    Why: documents the store holds but the walk no longer finds (removed, kept) are named
    by their stored keys, and every store method takes input keys.
    """
    if "\\" not in stored:
        return stored

    def one(match: re.Match[str]) -> str:
        escape = match.group(1)
        return "\\" if escape == "\\" else bytes([int(escape[1:], 16)]).decode("utf-8", "surrogateescape")

    return _ESCAPE.sub(one, stored)
