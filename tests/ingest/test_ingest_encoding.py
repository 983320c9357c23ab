"""Every supported encoding decodes real Arabic text exactly; the others are rejected by name."""
from __future__ import annotations

import codecs

import pytest

from rasd.errors import DocumentRejected
from rasd.ingest.encoding import declared_charset, decode_bytes

ENCODED = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 with BOM": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16 LE with BOM": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16 BE with BOM": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-16 LE without BOM": lambda t: t.encode("utf-16-le"),
    "utf-16 BE without BOM": lambda t: t.encode("utf-16-be"),
    "windows-1256": lambda t: t.encode("cp1256"),
    "iso-8859-6": lambda t: t.encode("iso8859-6"),
}
EXPECTED_CODEC = {
    "utf-8": "utf-8", "utf-8 with BOM": "utf-8", "utf-16 LE with BOM": "utf-16-le",
    "utf-16 BE with BOM": "utf-16-be", "utf-16 LE without BOM": "utf-16-le",
    "utf-16 BE without BOM": "utf-16-be", "windows-1256": "cp1256", "iso-8859-6": "iso8859-6",
}


def representable(text: str, codec: str) -> str:
    """The text limited to what a legacy code page can hold (ISO-8859-6 has no « » or Latin letters)."""
    return text.encode(codec, errors="ignore").decode(codec)


@pytest.mark.parametrize("label", list(ENCODED))
def test_real_arabic_round_trips_in_every_encoding(label, arabic_texts):
    for text in arabic_texts:
        if label == "iso-8859-6":
            text = representable(text, "iso8859-6")
        elif label == "windows-1256":
            text = representable(text, "cp1256")
        decoded = decode_bytes(ENCODED[label](text), "doc")
        assert decoded.text == text
        assert decoded.encoding == EXPECTED_CODEC[label]


def test_windows_1256_and_iso_8859_6_are_told_apart_on_short_text():
    text = "قالت مصادر محلية إن الاشتباكات تجددت في ريف دير الزور الشرقي."
    assert decode_bytes(text.encode("cp1256"), "doc").encoding == "cp1256"
    assert decode_bytes(text.encode("iso8859-6"), "doc").encoding == "iso8859-6"


def test_declared_charset_is_used_when_the_bytes_agree(arabic_text):
    text = representable(arabic_text, "iso8859-6")
    decoded = decode_bytes(text.encode("iso8859-6"), "page", declared="ISO-8859-6")
    assert decoded.text == text and decoded.encoding == "iso8859-6" and not decoded.notes


def test_a_wrong_declared_charset_is_overruled(arabic_text):
    # Older Arabic sites often declare ISO-8859-1 and serve Windows-1256.
    text = representable(arabic_text, "cp1256")
    decoded = decode_bytes(text.encode("cp1256"), "page", declared="iso-8859-1")
    assert decoded.text == text and decoded.encoding == "cp1256"
    assert "does not fit" in decoded.notes[0]


def test_meta_charset_and_xml_prolog_are_found():
    assert declared_charset(b'<html><head><meta charset="windows-1256">') == "windows-1256"
    assert declared_charset(
        b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6">') == "ISO-8859-6"
    assert declared_charset(b"<?xml version='1.0' encoding='windows-1256'?><rss>") == "windows-1256"
    assert declared_charset(b"<html><body>no charset</body></html>") is None


def test_truncated_utf8_is_a_clear_error(arabic_text):
    data = (arabic_text + "ب").encode("utf-8")[:-1]  # cuts the last (two-byte) Arabic letter in half
    assert data[-1] >= 0xC0
    with pytest.raises(DocumentRejected) as err:
        decode_bytes(data, "cut.txt")
    assert err.value.reason == "truncated-utf8"
    assert err.value.source == "cut.txt" and "cut short" in err.value.detail


def test_damaged_utf8_is_not_mistaken_for_a_code_page(arabic_text):
    data = arabic_text.encode("utf-8")
    data = data[:200] + b"\xff" + data[200:]
    with pytest.raises(DocumentRejected) as err:
        decode_bytes(data, "damaged.txt")
    assert err.value.reason == "invalid-utf8"


def test_binary_and_unknown_encodings_are_rejected(arabic_text):
    with pytest.raises(DocumentRejected) as err:
        decode_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4, "file.pdf")
    assert err.value.reason == "binary"
    with pytest.raises(DocumentRejected) as err:
        decode_bytes(bytes(range(256)) * 64, "noise.bin")
    assert err.value.reason == "binary"
    with pytest.raises(DocumentRejected) as err:
        decode_bytes("新华社报道，叙利亚北部发生冲突，多人伤亡。".encode("gb18030") * 20, "news.txt")
    assert err.value.reason == "unknown-encoding"
