"""Mojibake repair: damaged runs are repaired one by one, correct text is never touched."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.decode import mojibake
from pipeline.decode.mojibake import MAX_PASSES, looks_damaged, repair_mojibake


def damage(text: str, codec: str) -> str:
    """Encode as UTF-8 and read back through ``codec`` the way the damaging tools did:
    a byte ``codec`` leaves undefined is read as cp1252's character, else as a C1 control."""

    def char(byte: int) -> str:
        for page in (codec, "cp1252"):
            try:
                return bytes([byte]).decode(page)
            except UnicodeDecodeError:
                continue
        return chr(byte)

    return "".join(char(b) for b in text.encode("utf-8"))


# --- examples -------------------------------------------------------------------------------

DAMAGED = [
    # (damaged, repaired, what it shows)
    ("4 min read Β· Dec. 6, 2023 — café ’s •", "4 min read · Dec. 6, 2023 — café ’s •", "cp1253 separator"),
    ("5 min read ยท Oct. 30, 2024", "5 min read · Oct. 30, 2024", "cp874 separator"),
    ("3 min read Â· Jan. 2, 2024", "3 min read · Jan. 2, 2024", "cp1252 separator"),
    ("Open roles πŸ‘€ this week", "Open roles 👀 this week", "emoji, cp1253 mixed with cp1252 Ÿ"),
    ("Open roles ðŸ‘€ this week", "Open roles 👀 this week", "emoji, cp1252"),
    ("an engineerâ€™s toolkit", "an engineer’s toolkit", "cp1252 apostrophe"),
    ("2023â€“2024", "2023–2024", "cp1252 en dash between digits"),
    ("a cafÃ© near the lab", "a café near the lab", "cp1252 e-acute inside a word"),
    ("â€¢ Python and SQL", "• Python and SQL", "cp1252 bullet at line start"),
    ("the teamâ€™s goal", "the team’s goal", "cp1252 apostrophe after a word"),
    ("a candidateвЂ™s portfolio", "a candidate’s portfolio", "cp1251 apostrophe"),
    ("9 min read В· May 1, 2024", "9 min read · May 1, 2024", "cp1251 separator"),
    ("â\x80\x9cquotedâ\x80\x9d", "“quoted”", "latin-1 quotes"),
    ("naÃ¯ve rÃ©sumÃ©", "naïve résumé", "several cp1252 letters"),
    ("MiÅ‚osz and Ä\x8cech", "Miłosz and Čech", "Latin Extended-A letters"),
    ("the Î» term and Î²-VAE", "the λ term and β-VAE", "Greek letters in English text"),
    ("æ—¥æœ¬ office", "日本 office", "CJK, 3-byte sequences side by side"),
    ("eÌ\x81", "e\u0301", "a combining accent after its base letter"),
    ("ÃƒÂ© and Ã¢â‚¬â„¢", "é and ’", "double encoded"),
    ("ÃƒÆ’Ã‚Â©", "é", "triple encoded"),
    ("Featured πŸ‘€ and intact 👀", "Featured 👀 and intact 👀", "damaged emoji beside an intact one"),
    ("ΞΊΞ±Ξ»Ξ·ΞΌΞ\xadΟ\x81Ξ± ΞΊΟŒΟƒΞΌΞµ", "καλημέρα κόσμε", "a fully damaged Greek phrase"),
    ("ÐŸÑ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€", "Привет мир", "a fully damaged Russian phrase, cp1252"),
    ("РџСЂРёРІРµС‚ РјРёСЂ", "Привет мир", "a fully damaged Russian phrase, cp1251"),
]


@pytest.mark.parametrize(("damaged", "repaired"), [c[:2] for c in DAMAGED], ids=[c[2] for c in DAMAGED])
def test_damaged_runs_are_repaired(damaged: str, repaired: str) -> None:
    assert looks_damaged(damaged)
    assert repair_mojibake(damaged) == (repaired, True)


def test_mixed_lines_are_repaired_run_by_run() -> None:
    damaged = (
        "Data Engineer vs. ML Ops Lead\n"
        "6 min read Β· Mar. 3, 2024\n"
        "  • A lead’s day – meetings, reviews · and café talks\n"
        "  â€¢ Owns the teamâ€™s roadmap\n"
        "Featured Job πŸ‘€\n"
        "Résumé tips ü £ 👀 “quoted”\n"
    )
    want = (
        "Data Engineer vs. ML Ops Lead\n"
        "6 min read · Mar. 3, 2024\n"
        "  • A lead’s day – meetings, reviews · and café talks\n"
        "  • Owns the team’s roadmap\n"
        "Featured Job 👀\n"
        "Résumé tips ü £ 👀 “quoted”\n"
    )
    assert repair_mojibake(damaged) == (want, True)


def test_ftfy_step_keeps_emoji_and_curly_quotes() -> None:
    """ftfy runs after the targeted repair; with our config it must not uncurl or rewrite."""
    damaged = "“Hello” ‘there’ 👀 ﬁne ＡＢ — donâ€™t"
    assert repair_mojibake(damaged) == ("“Hello” ‘there’ 👀 ﬁne ＡＢ — don’t", True)


def test_ftfy_step_repairs_what_targeted_repair_refuses() -> None:
    """`λx`: a Greek letter touching a Latin one is refused by the targeted guard; ftfy's
    whole-segment check recognises the sequence."""
    assert repair_mojibake("Î»x") == ("λx", True)


# --- correct text is never touched ----------------------------------------------------------

CLEAN = [
    "·", "–", "—", "’", "‘", "“quoted”", "é", "ü", "£", "€", "•", "👀", "🚀✨", "…", "™", "©", "°", "±",
    "4 min read · Dec. 6, 2023",
    "Résumé – naïve café’s crème brûlée",
    "Zürich, Kraków, São Paulo, Reykjavík, Łódź",
    "Γειά σου κόσμε",
    "Η μηχανική μάθηση αλλάζει τον κόσμο· όλοι μιλούν γι’ αυτήν.",
    "ΑΘΉΝΑ ΚΑΙ ΘΕΣΣΑΛΟΝΊΚΗ",
    "ΚΟΣΜΟΣ· τέλος",
    "สวัสดีครับ",
    "วิศวกรข้อมูลทำงานกับระบบขนาดใหญ่ ขับ รถ ไป ทำงาน",
    "Привет мир",
    "Её любовь к данным — это всё. «Инженер» и «архитектор»: её выбор.",
    "ЁЖИК, ВЁЛ, СЪЁМКА",
    "Ще й він її бачив",
    "GRUß“ aus Köln",
    "„Straße“ und „Gruß“",
    "CAFÉ’S MENU",
    "ÉTÉ\xa0!",
    "3 × 4 = 12; 10 ÷ 2",
    "a\tb\r\nc\x0c",
    "",
]


@pytest.mark.parametrize("text", CLEAN)
def test_correct_text_is_untouched(text: str) -> None:
    repaired, changed = repair_mojibake(text)
    assert repaired == text
    assert changed is False


def test_clean_text_is_returned_as_is() -> None:
    text = "An AI architect designs systems; a research engineer ships models — both matter."
    assert repair_mojibake(text)[0] is text
    assert not looks_damaged(text)


def test_gate_fires_on_real_non_latin_text_but_repair_declines() -> None:
    """The gate is a superset: it may fire on correct Thai, the repair decides."""
    text = "วิศวกรข้อมูล"
    assert looks_damaged(text)
    assert repair_mojibake(text) == (text, False)


# --- the tables ------------------------------------------------------------------------------


def test_code_pages_are_data_in_verification_order() -> None:
    assert [name for name, _ in mojibake.CODE_PAGES] == ["cp1252", "cp1253", "cp874", "cp1251", "latin-1"]


def test_undefined_bytes_fall_back_to_cp1252_then_c1() -> None:
    pages = {page.name: page for page in mojibake._PAGES}
    assert pages["cp1253"].to_byte["Ÿ"] == 0x9F  # undefined in cp1253, cp1252's Ÿ
    assert pages["cp1253"].to_byte["\x81"] == 0x81  # undefined in both, the C1 control
    assert pages["cp874"].to_byte["Û"] == 0xDB
    assert pages["latin-1"].to_byte["\x99"] == 0x99


def test_every_page_maps_all_high_bytes_one_to_one() -> None:
    for page in mojibake._PAGES:
        assert sorted(page.to_byte.values()) == list(range(0x80, 0x100)), page.name


def test_lead_and_continuation_characters_never_overlap() -> None:
    """Disjoint classes make the finder's split of a run into sequences unambiguous."""
    leads = set(mojibake._chars_for(0xC2, 0xF4))
    conts = set(mojibake._chars_for(0x80, 0xBF))
    assert leads and conts
    assert not leads & conts


# --- properties ------------------------------------------------------------------------------

_PUNCT = "·–—’‘“”•…€™©°±«»£¥§¶¡¿\xa0"
_LETTERS = "éèêëàâäçñöüßøåæœÉÀÇÑÖÜłŁčšžőűşğıĳ"
_EMOJI = "👀🚀😀🎉✨❤🧠"
_LATIN_WORD = st.text(alphabet=st.sampled_from("abcXYZ019'-" + _PUNCT + _LETTERS + _EMOJI), max_size=8)
_OTHER_WORD = st.text(alphabet=st.sampled_from("αβλΩάή日本語中文한국어"), min_size=1, max_size=4)
_SEPARATOR = st.sampled_from([" ", "\n", ", ", " · ", " – ", " “", "” ", " 👀 ", "\xa0"])
ROUND_TRIP_TEXT = st.lists(st.tuples(_LATIN_WORD | _OTHER_WORD, _SEPARATOR), max_size=6).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
).filter(lambda s: not looks_damaged(s))
"""Words of Latin letters, punctuation and emoji, or of Greek, CJK or Hangul, between
separators (a damaged non-Latin letter touching a Latin one is refused on purpose), whose
own characters never form a damage-shaped run (`é’”` could be either)."""

CLEAN_ASCII = st.text(
    alphabet=st.characters(codec="ascii") | st.sampled_from("·–—’‘“”•…"),
)


@given(st.text())
@example("Ã")
@example("πŸ‘")
@example("\udc80")
def test_repair_never_raises(text: str) -> None:
    repaired, changed = repair_mojibake(text)
    assert isinstance(repaired, str)
    assert changed == (repaired != text)


@given(st.text())
@example("ÃƒÂ©")
@example("Î»x")
def test_repair_is_idempotent(text: str) -> None:
    once, _ = repair_mojibake(text)
    assert repair_mojibake(once) == (once, False)


@given(st.text(alphabet=st.sampled_from(_PUNCT + _LETTERS + _EMOJI + "abc Β·πŸ‘€ÃÂ©â€™ΞΊ–"), max_size=30))
@example("ÂÂÂΒ–")
def test_repair_is_idempotent_on_damage_shaped_text(text: str) -> None:
    once, _ = repair_mojibake(text)
    assert repair_mojibake(once)[0] == once


@pytest.mark.parametrize("codec", ["cp1252", "cp1253", "cp874", "cp1251", "latin-1"])
@given(text=ROUND_TRIP_TEXT)
@example(text="4 min read · Dec. 6, 2023 👀")
@example(text="é, é")
def test_damage_then_repair_round_trips(codec: str, text: str) -> None:
    damaged = damage(text, codec)
    assert repair_mojibake(damaged)[0] == text


@given(text=ROUND_TRIP_TEXT)
def test_double_damage_round_trips(text: str) -> None:
    assert repair_mojibake(damage(damage(text, "cp1252"), "cp1252"))[0] == text


_INLINE_SEPARATOR = _SEPARATOR.filter(lambda sep: "\n" not in sep)
_LATIN_LINE = st.lists(st.tuples(_LATIN_WORD, _INLINE_SEPARATOR), max_size=5).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
).filter(lambda s: not looks_damaged(s))


@given(
    st.lists(
        st.tuples(_LATIN_LINE, st.sampled_from([None, "cp1252", "cp1253", "latin-1"])),
        min_size=1,
        max_size=6,
    )
)
def test_lines_damaged_differently_round_trip(lines: list[tuple[str, str | None]]) -> None:
    """Intact lines beside lines damaged through different pages: each comes back as it was."""
    original = "\n".join(line for line, _ in lines)
    damaged = "\n".join(line if codec is None else damage(line, codec) for line, codec in lines)
    assert repair_mojibake(damaged)[0] == original


@given(CLEAN_ASCII)
def test_clean_ascii_and_punctuation_is_not_damaged(text: str) -> None:
    assert not looks_damaged(text)
    assert repair_mojibake(text) == (text, False)


def test_gate_is_one_precompiled_regex() -> None:
    assert isinstance(mojibake._DAMAGE_RE, re.Pattern)
    assert mojibake._DAMAGE_RE.pattern.lstrip().startswith("[")  # one class first: fast skip


def test_a_line_with_more_layers_than_the_bounds_is_kept_and_the_others_repaired() -> None:
    # Each pass takes one `Â` off the first line; it would still be changing after MAX_PASSES.
    deep = "Â" * (MAX_PASSES + 1) + "Β–"
    text = f"read Β· now\n{deep}\nitâ€™s fine"
    once, changed = repair_mojibake(text)
    assert changed
    assert once == f"read · now\n{deep}\nit’s fine"
    assert repair_mojibake(once) == (once, False)
    assert repair_mojibake(deep) == (deep, False)
