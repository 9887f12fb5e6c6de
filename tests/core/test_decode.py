"""decode_text: BOMs, line endings, invalid bytes (design D1)."""

from __future__ import annotations

import codecs

import pytest

from annotator.core.decode import TextDecodeError, decode_text, normalize_newlines

SAMPLE = "Seoul 서울 — 👨‍👩‍👧 🇰🇷 café e\u0301 مرحبا\nline two\n"


def test_plain_utf8_is_returned_unchanged() -> None:
    assert decode_text(SAMPLE.encode("utf-8")) == SAMPLE


def test_utf8_bom_is_stripped() -> None:
    assert decode_text(codecs.BOM_UTF8 + SAMPLE.encode("utf-8")) == SAMPLE


def test_only_the_leading_bom_is_stripped() -> None:
    data = codecs.BOM_UTF8 + "a\ufeffb".encode()
    assert decode_text(data) == "a\ufeffb"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_bom(bom: bytes, codec: str) -> None:
    assert decode_text(bom + SAMPLE.encode(codec)) == SAMPLE


def test_utf16_crlf_is_normalised() -> None:
    data = codecs.BOM_UTF16_LE + "a\r\nb\rc".encode("utf-16-le")
    assert decode_text(data) == "a\nb\nc"


def test_crlf_and_lone_cr_become_lf() -> None:
    assert decode_text(b"one\r\ntwo\rthree\n\r\nfour\r\r") == "one\ntwo\nthree\n\nfour\n\n"


def test_normalize_newlines_keeps_other_separators() -> None:
    text = "a\u2028b\u2029c\x85d\x0be\x0cf"
    assert normalize_newlines(text) == text
    assert normalize_newlines("x\r\n\r\ny\r") == "x\n\ny\n"


def test_no_unicode_normalisation() -> None:
    decomposed = "e\u0301 \u212b \ufb01"  # combining acute, Angstrom sign, fi ligature
    assert decode_text(decomposed.encode()) == decomposed


def test_invalid_utf8_reports_byte_offset() -> None:
    data = b"a" * 1234 + b"\xff rest"
    with pytest.raises(TextDecodeError) as info:
        decode_text(data)
    assert info.value.byte_offset == 1234
    assert "not valid UTF-8 at byte 1234 (0xff)" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_invalid_utf8_offset_counts_the_bom() -> None:
    with pytest.raises(TextDecodeError) as info:
        decode_text(codecs.BOM_UTF8 + b"ab\xc3")
    assert info.value.byte_offset == 5
    assert "at byte 5 (0xc3)" in str(info.value)


def test_truncated_utf16_raises() -> None:
    with pytest.raises(TextDecodeError) as info:
        decode_text(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"x")
    assert info.value.byte_offset == 6
    assert "UTF-16-LE" in str(info.value)


def test_errors_replace_uses_replacement_character() -> None:
    assert decode_text(b"a\xffb\r\nc", errors="replace") == "a\ufffdb\nc"


def test_unknown_error_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="errors must be"):
        decode_text(b"a", errors="ignore")


def test_empty_input() -> None:
    assert decode_text(b"") == ""
    assert decode_text(codecs.BOM_UTF8) == ""
