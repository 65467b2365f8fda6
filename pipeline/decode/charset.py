"""Decode stage: raw bytes -> text, then mojibake repair.

Why this order: it is the browser's (WHATWG) precedence, done with maintained libraries
rather than hand-rolled sniffing:

1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) wins over everything;
2. the HTTP ``Content-Type`` charset;
3. for HTML, ``<meta charset>`` / ``http-equiv`` in the first bytes (w3lib);
4. detection: strict UTF-8 first (most captures are UTF-8 without a declaration), then
   charset-normalizer over the encodings browsers know;
5. cp1252 with replacement characters, only for bytes that are still mostly ASCII text.

A declaration the bytes do not obey (strict decoding fails) falls through to detection
instead of filling the text with replacement characters. Bytes that are not text at all
(a NUL without a UTF-16/32 byte order mark, many control bytes, a known file signature)
are refused as ``binary`` before any of that. After decoding, a leading U+FEFF is
dropped and, when the cheap gate fires, mojibake is repaired run by run.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from charset_normalizer import CharsetMatch, from_bytes
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from pipeline.decode.mojibake import looks_damaged, repair_mojibake
from pipeline.errors import DecodeError

# --- data -----------------------------------------------------------------------------------

DETECTABLE_ENCODINGS: Final[tuple[str, ...]] = (
    # The WHATWG Encoding Standard's legacy encodings (https://encoding.spec.whatwg.org/#names-and-labels)
    # as Python codecs, roughly by how common each is on the web (W3Techs' character-encoding
    # survey). Detection is limited to these (no EBCDIC or DOS pages a browser would never
    # pick), and on a tie the earlier one wins: a short cp1252 text scores the same as cp1250.
    "cp1252", "cp1251", "cp1250", "cp1256", "cp1254", "cp1253", "cp1257", "cp1255", "cp1258", "cp874",
    "gb18030", "cp932", "euc_jp", "cp949", "big5hkscs",
    "iso8859_2", "iso8859_15", "iso8859_5", "iso8859_7", "iso8859_4", "iso8859_13", "iso8859_16",
    "iso8859_3", "iso8859_6", "iso8859_8", "iso8859_10", "iso8859_14",
    "koi8_r", "koi8_u", "cp866", "mac_roman", "mac_cyrillic",
)  # fmt: skip

_RANKS: Final = MappingProxyType(
    {codecs.lookup(name).name: rank for rank, name in enumerate(DETECTABLE_ENCODINGS)}
)

CHAOS_TIE: Final = 0.01
"""charset-normalizer ``chaos`` (0..1) differences below this are ties."""
COHERENCE_TIE: Final = 0.1
"""charset-normalizer ``coherence`` (0..1) differences below this are ties (siblings such
as cp1251 and mac_cyrillic score close, and the less common one often a bit higher)."""

FILE_SIGNATURES: Final[tuple[bytes, ...]] = (
    # Magic numbers of formats that turn up where text is expected (file(1)'s magic database).
    b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"\xff\xd8\xff",  # PNG, GIF, JPEG
    b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"7z\xbc\xaf\x27\x1c", b"\xfd7zXZ\x00",  # zip, gzip, 7z, xz
    b"\x28\xb5\x2f\xfd", b"%PDF-", b"\x7fELF", b"SQLite format 3\x00", b"wOFF", b"wOF2",
)  # fmt: skip

CONTROL_BYTES: Final = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
"""C0 controls that text does not use: all but tab, line feed, vertical tab, form feed,
carriage return and escape (terminal colours in dumps)."""
MAX_CONTROL_SHARE: Final = 0.05
"""Share of :data:`CONTROL_BYTES` above which the data is binary (random bytes: ~10%)."""
MAX_NUL_SHARE: Final = 0.01
"""Share of NUL bytes up to which text with a stray NUL is still text: browsers render such a
page (the NULs are dropped); UTF-16 without a byte order mark is about half NULs."""
MIN_ASCII_SHARE_FOR_FALLBACK: Final = 0.7
"""Share of ASCII bytes the last-resort cp1252 decoding needs to count as text."""

_HIGH_BYTES: Final = bytes(range(0x80, 0x100))

ASCII_KEEPING: Final = frozenset(
    {codecs.lookup(name).name for name in DETECTABLE_ENCODINGS}
    | {codecs.lookup(name).name for name in (
        "utf-8", "ascii", "latin-1", "iso8859_9", "iso8859_11", "cp437", "cp850",
        "gbk", "gb2312", "shift_jis", "euc_kr", "big5",
    )}
)  # fmt: skip
"""Codecs in which every ASCII character of the text is the same single byte of the data:
ASCII bytes stand for themselves and no multi-byte sequence decodes to an ASCII character
(checked for the CJK codecs by decoding every two- and four-byte sequence). UTF-7, EBCDIC
code pages, ISO-2022 and UTF-16/32 are not among them: there ``v`` is not the byte ``v``."""
_UTF_FAMILIES: Final = ("utf-16", "utf-32")


@dataclass(frozen=True, slots=True)
class DecodedText:
    """The decode stage's output: the text and how it was obtained."""

    text: str
    """The decoded text, characters as they are (no normalization), without a leading BOM,
    mojibake repaired."""
    encoding: str
    """The codec used, as Python's lower-case canonical name: ``utf-8``, ``utf-16``, ``cp1252``."""
    repaired: bool
    """True when mojibake was found and repaired."""
    errors: int = 0
    """Bytes that were not valid in ``encoding`` and became U+FFFD (UTF-8 with a few stray
    bytes), plus NUL bytes dropped; 0 for a clean decode."""
    utf8: bytes | None = field(default=None, repr=False, compare=False)
    """The input bytes when they are exactly ``text`` in UTF-8 (no byte order mark, nothing
    cut off or repaired), else None: a parser that reads UTF-8 can take them as they are
    instead of encoding the text again."""


# --- steps ------------------------------------------------------------------------------------


def _codec_name(encoding: str) -> str:
    """Python's canonical name of a codec: ``UTF8`` -> ``utf-8``, ``windows-1252`` -> ``cp1252``."""
    return codecs.lookup(encoding).name


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_cut(data: bytes, encoding: str) -> tuple[str, bool] | None:
    """Strict decoding that tolerates a character cut off at the very end.

    Why: captures are cut at a byte budget, so a file may end mid-character. Returns the
    text and whether the end was cut, or None when the bytes are invalid elsewhere.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    pending, _ = decoder.getstate()
    return text, bool(pending)


def _from_bom(data: bytes) -> tuple[str, str] | None:
    """Decode by the byte order mark; ``(family, text)`` or None when there is none.

    The family (``utf-16``) is reported, not the byte order: the BOM is part of the
    encoding scheme. Bytes that break the scheme the BOM announces are undecodable; a
    character cut off at the end becomes U+FFFD.
    """
    encoding, bom = read_bom(data)
    if encoding is None or bom is None:
        return None
    family = encoding.removesuffix("-le").removesuffix("-be")
    decoded = _decode_cut(data[len(bom) :], encoding)
    if decoded is None:
        raise DecodeError("undecodable", f"the bytes after the {family} byte order mark are not {encoding}")
    text, cut = decoded
    return family, (text + "\ufffd" if cut else text)


def _is_utf16_or_32(encoding: str) -> bool:
    return encoding.startswith(_UTF_FAMILIES)


def _from_declared_utf16(data: bytes, encoding: str) -> tuple[str, str] | None:
    """A header may declare UTF-16/32 for bytes without a BOM: little-endian, as browsers do."""
    if encoding in _UTF_FAMILIES:
        encoding += "-le"
    text = _strict(data, encoding)
    return None if text is None else (_codec_name(encoding), text)


def _binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text (a signature, NUL, control bytes), or None when it may be."""
    for signature in FILE_SIGNATURES:
        if data.startswith(signature):
            return f"starts with the file signature {signature[:8]!r}"
    nuls = data.count(0) if 0 in data else 0  # (a search for one byte is much cheaper than a count)
    if nuls > MAX_NUL_SHARE * len(data):
        return f"contains {nuls} NUL bytes (first at offset {data.index(0)}) and no UTF-16/32 byte order mark"
    controls = len(data) - len(data.translate(None, CONTROL_BYTES))
    if controls > MAX_CONTROL_SHARE * len(data):
        return f"{controls} of {len(data)} bytes are control characters"
    return None


def _declared(data: bytes, header: str | None, *, is_html: bool) -> str | None:
    """The encoding the HTTP header, else (for HTML) the ``<meta>`` declaration, names."""
    if header is not None:
        return header
    if not is_html:
        return None
    meta = html_body_declared_encoding(data)
    if meta is not None and _is_utf16_or_32(meta):
        return "utf-8"  # WHATWG: a meta found by an ASCII scan cannot mean UTF-16
    return meta


def _rank(match: CharsetMatch) -> int:
    return _RANKS.get(_codec_name(match.encoding), len(_RANKS))


def _detect(data: bytes) -> str | None:
    """charset-normalizer's pick among :data:`DETECTABLE_ENCODINGS`, ties to the common one.

    Why not ``.best()`` alone: on a short text many pages decode equally cleanly and it
    returns the first of them (cp1250 for `Résumé – naïve`, cp1125 for `Привет мир`).
    """
    matches = list(from_bytes(data, cp_isolation=list(DETECTABLE_ENCODINGS)))
    if not matches:
        return None
    least_chaos = min(match.chaos for match in matches)
    clean = [match for match in matches if match.chaos <= least_chaos + CHAOS_TIE]
    most_coherent = max(match.coherence for match in clean)
    close = [match for match in clean if match.coherence >= most_coherent - COHERENCE_TIE]
    return _codec_name(min(close, key=_rank).encoding)


def _mostly_ascii(data: bytes) -> bool:
    ascii_bytes = len(data.translate(None, _HIGH_BYTES))
    return ascii_bytes >= MIN_ASCII_SHARE_FOR_FALLBACK * len(data)


def _utf8(data: bytes) -> str | None:
    """Strict UTF-8, allowing a character cut off at the very end (shown as U+FFFD).

    A cut end counts only when the rest already holds UTF-8 multi-byte characters:
    `Caf\\xe9` is as likely a cp1252 `Café` as UTF-8 cut short.
    """
    decoded = _decode_cut(data, "utf-8")
    if decoded is None:
        return None
    text, cut = decoded
    if not cut:
        return text
    return None if text.isascii() else text + "\ufffd"


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with its few invalid bytes as U+FFFD, when the bytes are mostly UTF-8; else None.

    Why: one stray byte in a long UTF-8 dump must not send the whole document to a legacy
    code page (every bullet and dash turned to mojibake). The bytes count as UTF-8 when they
    hold more valid multi-byte characters than invalid bytes; a legacy text (``Résumé`` in
    cp1252) has invalid bytes and no valid multi-byte character at all.
    """
    loose = data.decode("utf-8", "surrogateescape")
    invalid = sum(1 for char in loose if "\udc80" <= char <= "\udcff")
    valid = sum(1 for char in loose if ord(char) > 0x7F) - invalid
    if not invalid or valid <= invalid:
        return None
    return data.decode("utf-8", "replace")


def _from_detection(data: bytes) -> tuple[str, str]:
    """Strict UTF-8, else mostly UTF-8, else the detected encoding, else cp1252 for text
    that is mostly ASCII."""
    text = _utf8(data)
    if text is not None:
        return "utf-8", text
    text = _mostly_utf8(data)
    if text is not None:
        return "utf-8", text
    detected = _detect(data)
    if detected is not None:
        text = _strict(data, detected)
        if text is not None:
            return detected, text
    if _mostly_ascii(data):
        return "cp1252", data.decode("cp1252", errors="replace")
    raise DecodeError("undecodable", "not UTF-8, and no other encoding fits the bytes")


def _decode(data: bytes, *, is_html: bool, content_type: str | None) -> tuple[str, str]:
    """``(encoding, text)`` in the precedence of the module docstring."""
    from_bom = _from_bom(data)
    if from_bom is not None:
        return from_bom
    header = http_content_type_encoding(content_type)
    if header is not None and _is_utf16_or_32(header):
        declared_utf16 = _from_declared_utf16(data, header)
        if declared_utf16 is not None:
            return declared_utf16
    reason = _binary_reason(data)
    if reason is not None:
        raise DecodeError("binary", reason)
    declared = _declared(data, header, is_html=is_html)
    if declared is not None and not _is_utf16_or_32(declared):
        text = _strict(data, declared)
        if text is not None:
            return _codec_name(declared), text
    return _from_detection(data)


def keeps_ascii(data: bytes, *, is_html: bool, content_type: str | None = None) -> bool:
    """Whether :func:`decode_bytes` surely succeeds on ``data`` with a codec of
    :data:`ASCII_KEEPING`, so that every ASCII character of its text is the same byte here.

    Why: a test of the raw bytes for ASCII words (``vs``, a ``job`` link) then answers for
    the text too, and a page can be judged before it is decoded (the decode's repair of
    mojibake never makes an ASCII character either: it turns runs of non-ASCII characters
    into one non-ASCII character). "Surely": no byte order mark, no declared (header or
    ``<meta>``) codec outside the set, not :func:`_binary_reason`'s binary, and mostly ASCII,
    so detection never ends in ``undecodable``; every codec detection may pick is in the set.
    False when unsure: the caller then decodes as usual.
    """
    if not data or _has_bom(data):
        return False
    header = http_content_type_encoding(content_type)
    if header is not None and not _keeps_ascii(header):
        return False
    declared = _declared(data, header, is_html=is_html)
    if declared is not None and not _keeps_ascii(declared):
        return False
    if data.startswith(FILE_SIGNATURES) or (0 in data and data.count(0) > MAX_NUL_SHARE * len(data)):
        return False
    # One pass for both shares: when control and non-ASCII bytes together are few, the
    # data is neither binary for its control bytes nor short of ASCII; else ask exactly.
    rare = len(data) - len(data.translate(None, _CONTROL_AND_HIGH_BYTES))
    if rare <= MAX_CONTROL_SHARE * len(data):
        return True
    return _binary_reason(data) is None and _mostly_ascii(data)


_CONTROL_AND_HIGH_BYTES: Final = CONTROL_BYTES + _HIGH_BYTES


def decodes_as_utf8(data: bytes, *, is_html: bool, content_type: str | None = None) -> bool:
    """Whether :func:`decode_bytes` reads ``data`` as UTF-8, as it is: no byte order mark, no
    declaration of another codec (header or ``<meta>``), and valid UTF-8 throughout.

    Why: then the text's non-ASCII characters are known from the bytes (before the mojibake
    repair), which lets a test of the bytes be narrower (:mod:`pipeline.parse.prescreen`).
    """
    if _has_bom(data):
        return False
    header = http_content_type_encoding(content_type)
    declared = _declared(data, header, is_html=is_html)
    if declared is not None and _codec_name(declared) != "utf-8":
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _has_bom(data: bytes) -> bool:
    """Whether a byte order mark decides the codec (:func:`_from_bom`)."""
    return read_bom(data)[0] is not None


def _keeps_ascii(encoding: str) -> bool:
    """A declared codec of :data:`ASCII_KEEPING`; a name Python does not know is never used
    (decoding falls through to detection), so it keeps ASCII too."""
    try:
        return _codec_name(encoding) in ASCII_KEEPING
    except LookupError:
        return True


def decode_bytes(data: bytes, *, is_html: bool, content_type: str | None = None) -> DecodedText:
    """Decode one document's bytes and repair mojibake.

    Raises :class:`DecodeError` ``binary`` for data that is not text and ``undecodable``
    when no encoding fits. Empty input gives empty text.

    >>> decode_bytes("Résumé – naïve’s".encode("cp1252"), is_html=False)
    DecodedText(text='Résumé – naïve’s', encoding='cp1252', repaired=False, errors=0)
    >>> decode_bytes("4 min read Β· Dec. 6, 2023".encode(), is_html=False)
    DecodedText(text='4 min read · Dec. 6, 2023', encoding='utf-8', repaired=True, errors=0)
    """
    if not data:
        return DecodedText("", "utf-8", repaired=False)
    encoding, text = _decode(data, is_html=is_html, content_type=content_type)
    text = text.removeprefix("\ufeff")
    errors = 0
    if encoding == "utf-8" and "\ufffd" in text:  # replaced bytes, not those already U+FFFD
        errors = text.count("\ufffd") - data.count("\ufffd".encode())
        errors -= text.endswith("\ufffd") and not data.endswith("\ufffd".encode())  # a cut end
    if "\x00" in text:  # a stray NUL in ordinary text: dropped, as a browser renders it
        errors += text.count("\x00")
        text = text.replace("\x00", "")
    # Bytes that decoded as they are (UTF-8, no byte order mark, not cut short or
    # replaced) are the text's UTF-8 form, which spares the gate encoding the text again.
    errors = max(errors, 0)
    exact = (
        encoding == "utf-8"
        and not errors
        and not data.startswith(codecs.BOM_UTF8)
        and not text.endswith("\ufffd")
    )
    if not looks_damaged(text, data if exact else None):
        return DecodedText(text, encoding, repaired=False, errors=errors, utf8=data if exact else None)
    text, repaired = repair_mojibake(text)
    return DecodedText(text, encoding, repaired=repaired, errors=errors)
