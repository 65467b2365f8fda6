"""Decode stage: BOM, header, meta, detection, binary refusal, and the repair hand-off."""

from __future__ import annotations

import codecs
import gzip
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.decode import charset as decode
from pipeline.decode.charset import DecodedText, decode_bytes
from pipeline.errors import DecodeError

LEGACY = "The café’s résumé – a naïve “test” of crème brûlée • done."
RUSSIAN = "Инженер машинного обучения строит модели, а архитектор проектирует системы."


def html(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>Roles</title></head><body><p>{body}</p></body></html>"


# --- UTF-8 and byte order marks -------------------------------------------------------------


def test_utf8_without_declaration() -> None:
    text = "Résumé – naïve’s 👀 · done"
    assert decode_bytes(text.encode(), is_html=False) == DecodedText(text, "utf-8", repaired=False)


def test_ascii_is_reported_as_utf8() -> None:
    assert decode_bytes(b"AI Architect vs. ML Engineer", is_html=False).encoding == "utf-8"


@pytest.mark.parametrize("cut", [1, 2, 3])
def test_utf8_cut_mid_character_stays_utf8(cut: int) -> None:
    """Captures are cut at a byte budget; the cut character becomes U+FFFD, the rest stays."""
    data = "Résumé – naïve’s 👀".encode()[:-cut]
    want = DecodedText("Résumé – naïve’s \ufffd", "utf-8", repaired=False)
    assert decode_bytes(data, is_html=False) == want


@pytest.mark.parametrize(
    ("data", "family"),
    [
        (b"\xef\xbb\xbf" + "Café 👀".encode()[:-1], "utf-8"),
        (b"\xef\xbb\xbf" + "Cafe \xe9".encode()[:-1], "utf-8"),  # only ASCII before the cut: the BOM decides
        ("Café 👀".encode("utf-16")[:-1], "utf-16"),
        ("Café 👀".encode("utf-16")[:-2], "utf-16"),  # half a surrogate pair
    ],
)
def test_bom_file_cut_mid_character(data: bytes, family: str) -> None:
    got = decode_bytes(data, is_html=False)
    assert got.encoding == family
    assert got.text.startswith("Caf")
    assert got.text.endswith("\ufffd")


def test_cp1252_ending_in_a_lead_byte_is_not_cut_utf8() -> None:
    assert decode_bytes("Meet me at the café".encode("cp1252"), is_html=False).text == "Meet me at the café"


def test_utf8_mixed_with_cp1252_is_read_as_cp1252_then_repaired() -> None:
    """A file pasted together from a UTF-8 and a cp1252 source: neither decoding fits alone."""
    data = "An architect’s naïve view – ".encode() + "and a café, résumé".encode("cp1252") + b" end."
    want = DecodedText("An architect’s naïve view – and a café, résumé end.", "cp1252", repaired=True)
    assert decode_bytes(data, is_html=False) == want


def test_utf8_bom_is_stripped() -> None:
    got = decode_bytes(b"\xef\xbb\xbf" + "Café ’".encode(), is_html=False)
    assert got == DecodedText("Café ’", "utf-8", repaired=False)


def test_utf8_bom_wins_over_a_contrary_header() -> None:
    data = b"\xef\xbb\xbf" + "Café".encode()
    assert decode_bytes(data, is_html=False, content_type="text/plain; charset=cp1251").text == "Café"


@pytest.mark.parametrize(
    ("data", "family"),
    [
        ("Résumé 👀 — ok".encode("utf-16"), "utf-16"),  # BOM in the machine's order
        (b"\xff\xfe" + "Résumé 👀 — ok".encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + "Résumé 👀 — ok".encode("utf-16-be"), "utf-16"),
        (b"\xff\xfe\x00\x00" + "Résumé 👀 — ok".encode("utf-32-le"), "utf-32"),
        (b"\x00\x00\xfe\xff" + "Résumé 👀 — ok".encode("utf-32-be"), "utf-32"),
    ],
    ids=["utf-16", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"],
)
def test_utf16_and_utf32_with_bom_are_text_despite_nuls(data: bytes, family: str) -> None:
    assert b"\x00" in data
    assert decode_bytes(data, is_html=False) == DecodedText("Résumé 👀 — ok", family, repaired=False)


def test_utf16_html_with_bom_ignores_its_meta() -> None:
    data = b"\xff\xfe" + html("Привет", '<meta charset="windows-1252">').encode("utf-16-le")
    got = decode_bytes(data, is_html=True)
    assert got.encoding == "utf-16"
    assert "Привет" in got.text


def test_broken_bytes_after_a_bom_are_undecodable() -> None:
    with pytest.raises(DecodeError) as err:
        decode_bytes(b"\xef\xbb\xbfok \xff\xfe\xfa", is_html=False)
    assert err.value.reason == "undecodable"


def test_a_doubled_bom_is_stripped_but_inner_feff_is_kept() -> None:
    """Some tools write a BOM twice; a U+FEFF inside the text is content."""
    assert decode_bytes("\ufeff\ufeffa\ufeffb".encode(), is_html=False).text == "a\ufeffb"
    utf16 = "\ufeffa".encode("utf-16-le")
    assert decode_bytes(utf16, is_html=False, content_type="text/plain; charset=utf-16").text == "a"


# --- legacy single-byte encodings by detection ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codec", "want"),
    [
        ("Résumé – naïve’s", "cp1252", "cp1252"),
        (LEGACY, "cp1252", "cp1252"),
        ("Ça coûte 5 £, déjà vu à la française.", "latin-1", "cp1252"),
        ("Привет мир", "cp1251", "cp1251"),
        (RUSSIAN, "cp1251", "cp1251"),
        ("Zażółć gęślą jaźń — to jest polski tekst.", "cp1250", "cp1250"),
        ("Γειά σου κόσμε, αυτό είναι ένα κείμενο στα ελληνικά για δοκιμή.", "cp1253", "cp1253"),
    ],
    ids=["cp1252-short", "cp1252", "latin-1", "cp1251-short", "cp1251", "cp1250", "cp1253"],
)
def test_legacy_text_is_detected(text: str, codec: str, want: str) -> None:
    got = decode_bytes(text.encode(codec), is_html=False)
    assert got == DecodedText(text, want, repaired=False)


def test_legacy_file_with_several_lines() -> None:
    text = "AI Architect vs. Data Engineer\r\n\r\nAn architect’s day – reviews, naïve “ideas”.\r\n"
    got = decode_bytes(text.encode("cp1252"), is_html=False)
    assert got.text == text
    assert got.encoding == "cp1252"


# --- declarations: HTTP header and meta -----------------------------------------------------


def test_html_meta_charset() -> None:
    page = html(LEGACY, '<meta charset="windows-1252">')
    assert decode_bytes(page.encode("cp1252"), is_html=True) == DecodedText(page, "cp1252", repaired=False)


def test_html_http_equiv_content_type() -> None:
    page = html(RUSSIAN, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')
    assert decode_bytes(page.encode("cp1251"), is_html=True) == DecodedText(page, "cp1251", repaired=False)


def test_meta_is_ignored_for_text_dumps() -> None:
    page = html("Café – ok", '<meta charset="koi8-r">')
    assert decode_bytes(page.encode(), is_html=False).encoding == "utf-8"


def test_latin1_declaration_means_cp1252_like_browsers() -> None:
    page = html("Don’t – ok", '<meta charset="iso-8859-1">')
    got = decode_bytes(page.encode("cp1252"), is_html=True)
    assert got == DecodedText(page, "cp1252", repaired=False)


def test_header_overrides_meta() -> None:
    page = html("Résumé – naïve’s", '<meta charset="windows-1252">')
    got = decode_bytes(page.encode(), is_html=True, content_type="text/html; charset=UTF-8")
    assert got == DecodedText(page, "utf-8", repaired=False)


def test_header_names_a_legacy_encoding() -> None:
    header = "text/plain; charset=windows-1251"
    got = decode_bytes(RUSSIAN.encode("cp1251"), is_html=False, content_type=header)
    assert got == DecodedText(RUSSIAN, "cp1251", repaired=False)


def test_header_without_charset_falls_back_to_meta() -> None:
    page = html(LEGACY, '<meta charset="windows-1252">')
    assert decode_bytes(page.encode("cp1252"), is_html=True, content_type="text/html").encoding == "cp1252"


def test_declaration_the_bytes_break_falls_through_to_detection() -> None:
    """Declared UTF-8, written in cp1252: detection beats a page of replacement characters."""
    page = html(LEGACY, '<meta charset="utf-8">')
    got = decode_bytes(page.encode("cp1252"), is_html=True)
    assert got == DecodedText(page, "cp1252", repaired=False)


def test_utf8_page_declared_cp1252_is_repaired() -> None:
    """A browser shows such a page as mojibake; decoding as declared then repairing gets the text."""
    page = html("Résumé – naïve’s 👀 · done", '<meta charset="windows-1252">')
    assert decode_bytes(page.encode(), is_html=True) == DecodedText(page, "cp1252", repaired=True)


def test_meta_declaring_utf16_means_utf8() -> None:
    page = html("Café ’", '<meta charset="utf-16">')
    assert decode_bytes(page.encode(), is_html=True) == DecodedText(page, "utf-8", repaired=False)


def test_header_declaring_utf16_without_bom_is_little_endian() -> None:
    data = "Résumé 👀".encode("utf-16-le")
    got = decode_bytes(data, is_html=False, content_type="text/plain; charset=utf-16")
    assert got == DecodedText("Résumé 👀", "utf-16-le", repaired=False)


def test_unknown_declared_charset_is_ignored() -> None:
    page = html("Café ’", '<meta charset="no-such-charset">')
    got = decode_bytes(page.encode(), is_html=True, content_type="text/html; charset=bogus")
    assert got.encoding == "utf-8"


# --- binary and undecodable -----------------------------------------------------------------

def test_random_data_without_nul_is_refused_for_its_control_bytes() -> None:
    data = random.Random(7).randbytes(2048).replace(b"\x00", b"")
    with pytest.raises(DecodeError, match="control characters"):
        decode_bytes(data, is_html=False)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


@pytest.mark.parametrize(
    "data",
    [
        PNG,
        PNG[:8],  # the signature alone has no NUL
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        gzip.compress(b"hello world" * 20),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        random.Random(20240601).randbytes(4096),
        random.Random(7).randbytes(2048).replace(b"\x00", b""),  # no NUL: the control bytes tell
        b"AI Architect\x00ML Engineer",
        b"\x00",
        "Résumé".encode("utf-16-le"),  # UTF-16 without a BOM or a header
    ],
    ids=["png", "png-signature", "zip", "gzip", "pdf", "random", "random-without-nul", "nul", "lone-nul",
         "utf16-without-bom"],
)  # fmt: skip
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeError) as err:
        decode_bytes(data, is_html=False)
    assert err.value.reason == "binary"
    assert err.value.stage == "decode"


def test_a_few_control_bytes_are_still_text() -> None:
    text = "Line one\x0cpage two\x1b[1mbold\x1b[0m\tTab\x01 end of a long enough line of text here."
    assert decode_bytes(text.encode(), is_html=False).text == text


def test_high_bytes_that_fit_no_encoding_are_undecodable() -> None:
    r = random.Random(3)
    data = bytes(r.randrange(0x80, 0x100) for _ in range(2048))
    with pytest.raises(DecodeError) as err:
        decode_bytes(data, is_html=False)
    assert err.value.reason == "undecodable"


def test_cp1252_fallback_only_for_mostly_ascii(monkeypatch: pytest.MonkeyPatch) -> None:
    """When detection gives up, mostly-ASCII bytes are cp1252 with replacement characters."""
    monkeypatch.setattr(decode, "_detect", lambda data: None)
    got = decode_bytes(b"Plain words and one odd byte \x81 here", is_html=False)
    assert got == DecodedText("Plain words and one odd byte \ufffd here", "cp1252", repaired=False)
    with pytest.raises(DecodeError) as err:
        decode_bytes("Привет мир".encode("cp1251"), is_html=False)
    assert err.value.reason == "undecodable"


def test_empty_input_does_not_crash() -> None:
    assert decode_bytes(b"", is_html=False) == DecodedText("", "utf-8", repaired=False)
    assert decode_bytes(b"", is_html=True, content_type="text/html; charset=utf-8").text == ""


# --- mojibake hand-off ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("4 min read Β· Dec. 6, 2023", "4 min read · Dec. 6, 2023"),
        ("4 min read ยท Oct. 30, 2024", "4 min read · Oct. 30, 2024"),
        ("4 min read Â· Oct. 30, 2024", "4 min read · Oct. 30, 2024"),
        ("Featured Job πŸ‘€\n", "Featured Job 👀\n"),
        ("  â€¢ The teamâ€™s models", "  • The team’s models"),
    ],
)
def test_damaged_text_is_repaired(damaged: str, repaired: str) -> None:
    document = f"AI Architect vs. Research Engineer\n{damaged}\n  • A lead’s day – café\n"
    want = f"AI Architect vs. Research Engineer\n{repaired}\n  • A lead’s day – café\n"
    assert decode_bytes(document.encode(), is_html=False) == DecodedText(want, "utf-8", repaired=True)


def test_damaged_html_is_repaired() -> None:
    page = html("5 min read Β· Mar. 3, 2024", '<meta charset="utf-8">')
    got = decode_bytes(page.encode(), is_html=True)
    assert got.repaired
    assert "5 min read · Mar. 3, 2024" in got.text


def test_clean_document_is_not_repaired() -> None:
    document = "AI Architect vs. Research Engineer\n4 min read · Dec. 6, 2023\n  • It’s “fine” – café 👀\n"
    assert decode_bytes(document.encode(), is_html=False) == DecodedText(document, "utf-8", repaired=False)


def test_correct_greek_is_not_repaired() -> None:
    text = "Η μηχανική μάθηση αλλάζει τον κόσμο· ΚΟΣΜΟΣ· ΑΘΉΝΑ"
    assert decode_bytes(text.encode(), is_html=False) == DecodedText(text, "utf-8", repaired=False)


# --- properties -----------------------------------------------------------------------------


@given(st.binary(max_size=512))
def test_decode_never_raises_anything_but_decode_error(data: bytes) -> None:
    try:
        got = decode_bytes(data, is_html=True)
    except DecodeError as err:
        assert err.reason in {"binary", "undecodable"}
    else:
        assert isinstance(got.text, str)
        assert got.encoding == codecs.lookup(got.encoding).name


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), max_size=200))
def test_any_utf8_text_decodes_as_utf8(text: str) -> None:
    text = text.lstrip("\ufeff")
    got = decode_bytes(text.encode(), is_html=False)
    assert got.encoding == "utf-8"
    if not got.repaired:
        assert got.text == text


# --- issue 15 item 4 and issue 14: a few bad bytes do not change the whole document -------------


def _bulleted(count: int) -> bytes:
    lines = [f"  • Item number {n} — kept as it is" for n in range(count)]
    return ("Required Skills\n" + "\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("stray", [b"\xff", b"\xe2\x80", b"\x80\x81\x82"])
def test_utf8_with_a_few_invalid_bytes_stays_utf8(stray: bytes) -> None:
    clean = _bulleted(50)
    data = clean[:200] + stray + clean[200:]
    decoded = decode_bytes(data, is_html=False)
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("•") == 50 and decoded.text.count("—") == 50
    assert "\ufffd" in decoded.text and 1 <= decoded.errors <= len(stray)
    assert decoded.utf8 is None  # not the text's exact UTF-8 form any more


def test_a_clean_decode_counts_no_errors() -> None:
    assert decode_bytes(_bulleted(5), is_html=False).errors == 0
    assert decode_bytes("Café \ufffd kept".encode(), is_html=False).errors == 0  # a U+FFFD of its own


def test_legacy_bytes_with_no_valid_utf8_are_still_a_code_page() -> None:
    data = "Résumé – naïve’s café, déjà vu, señor".encode("cp1252")
    decoded = decode_bytes(data, is_html=False)
    assert decoded.encoding == "cp1252" and decoded.text == "Résumé – naïve’s café, déjà vu, señor"
    assert decoded.errors == 0


def test_a_stray_nul_in_ordinary_html_is_dropped_not_binary() -> None:
    body = "".join(f"<p>Paragraph {n} of an ordinary page.</p>" for n in range(20))
    data = f"<html><head><title>A vs. B</title></head><body>{body}</body></html>".encode()
    data = data[:120] + b"\x00" + data[120:]
    decoded = decode_bytes(data, is_html=True)
    assert "\x00" not in decoded.text and decoded.text == data.replace(b"\x00", b"").decode()
    assert decoded.errors == 1
