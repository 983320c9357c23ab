"""Bytes -> text: detect the encoding of an Arabic document and decode it, or say why not.

Order of evidence: a byte-order mark; a charset the container declared (HTTP header, HTML meta)
when the bytes agree with it; the NUL-byte pattern of UTF-16 without a mark; strict UTF-8; and
last the two legacy Arabic code pages, Windows-1256 and ISO-8859-6, told apart by which one
decodes the bytes into plausible Arabic text. Anything else is rejected with a reason
(``binary``, ``truncated-utf8``, ``invalid-utf8``, ``unknown-encoding``), never guessed.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Optional

from ..errors import DocumentRejected

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its mark starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
LEGACY_ARABIC = ("cp1256", "iso8859-6")
# Magic numbers of common binary formats that sometimes sit in a folder of articles.
BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF",
                b"BZh", b"\xfd7zXZ", b"Rar!", b"7z\xbc\xaf", b"\xd0\xcf\x11\xe0")
SAMPLE = 65536  # bytes examined to classify a document; decoding always covers all of it

# Characters expected in (Arabic) news text; the share of everything else decides plausibility.
_PLAUSIBLE = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0\u00ab\u00bb\u060c\u061b\u061f\u0621-\u063a\u0640-\u0652"
    r"\u0660-\u066d\u0670\u067e\u0686\u0698\u06a9\u06af\u06cc\u06f0-\u06f9\u200c-\u200f"
    r"\u2010-\u2027\u2030-\u203a\u20ac]"
)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
MIN_PLAUSIBLE_SHARE = 0.95


@dataclass
class Decoded:
    text: str
    encoding: str  # Python codec name actually used
    notes: list[str] = field(default_factory=list)  # e.g. a declared charset that was wrong


def plausible_share(text: str) -> float:
    """Share of characters that belong in news text (Arabic, ASCII, common punctuation)."""
    sample = text[:SAMPLE]
    if not sample:
        return 1.0
    return len(_PLAUSIBLE.findall(sample)) / len(sample)


def _codec(name: Optional[str]) -> Optional[str]:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or control characters where no text encoding puts them, or a known magic number."""
    head = data[:SAMPLE]
    if head.startswith(BINARY_MAGIC):
        return True
    controls = sum(head.count(bytes([b])) for b in (*range(0, 9), 11, 12, *range(14, 32)))
    return controls > len(head) * 0.1


def _utf16_without_bom(data: bytes) -> Optional[str]:
    """UTF-16 text without a mark: NULs (high bytes of ASCII) sit on one parity only."""
    head = data[:SAMPLE]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even_nuls, odd_nuls = head[0::2].count(0), head[1::2].count(0)
    if odd_nuls > 4 * even_nuls:
        candidates = ("utf-16-le",)
    elif even_nuls > 4 * odd_nuls:
        candidates = ("utf-16-be",)
    else:
        return None
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if plausible_share(text) >= MIN_PLAUSIBLE_SHARE:
            return name
    return None


def _legacy_arabic(data: bytes) -> Optional[tuple[str, str]]:
    """Windows-1256 or ISO-8859-6: the one whose decoding reads most like Arabic text.

    ISO-8859-6 leaves many bytes undefined (among them Windows-1256's ف ق ك غ), so real
    Windows-1256 Arabic rarely decodes as ISO-8859-6 at all; ISO-8859-6 Arabic read as
    Windows-1256 turns common letters into Latin accented ones (ل -> ن, و -> è, ي -> ê).
    """
    best: Optional[tuple[float, str, str]] = None
    for name in LEGACY_ARABIC:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        share = plausible_share(text)
        if share < MIN_PLAUSIBLE_SHARE:
            continue
        # Tie-break on Arabic content: the article "ال" is the most frequent Arabic bigram.
        score = share + text[:SAMPLE].count("\u0627\u0644") / max(len(text[:SAMPLE]), 1)
        if best is None or score > best[0]:
            best = (score, name, text)
    return (best[1], best[2]) if best else None


def decode_bytes(data: bytes, source: str, declared: Optional[str] = None) -> Decoded:
    """Decode a document's bytes; raise DocumentRejected naming the source and reason."""
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(name), name)
            except UnicodeDecodeError as e:
                raise DocumentRejected(source, "invalid-encoding",
                                       f"starts with a {name} byte-order mark but byte {e.start + len(bom)} "
                                       f"is not valid {name}") from None

    notes: list[str] = []
    declared_codec = _codec(declared)
    if declared and not declared_codec:
        notes.append(f"declared charset {declared!r} is unknown; detected instead")
    elif declared_codec:
        try:
            text = data.decode(declared_codec)
        except UnicodeDecodeError:
            text = None
        # A declared charset is trusted only when its reading looks like text: pages that
        # declare ISO-8859-1 while serving Windows-1256 are common on older Arabic sites.
        # A valid UTF-8/16 reading is strong evidence on its own; a single-byte one is not.
        if text is not None and (declared_codec.startswith("utf") or plausible_share(text) >= MIN_PLAUSIBLE_SHARE):
            return Decoded(text, declared_codec)
        notes.append(f"declared charset {declared!r} does not fit the bytes; detected instead")

    utf16 = _utf16_without_bom(data)
    if utf16:
        return Decoded(data.decode(utf16), utf16, notes)
    if looks_binary(data):
        raise DocumentRejected(source, "binary", "the file holds control bytes or a binary format "
                                                 "signature, not text; pass text, HTML, JSONL or WARC")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", notes)
    except UnicodeDecodeError as e:
        utf8_error = e
    if utf8_error.reason == "unexpected end of data" and utf8_error.end == len(data):
        raise DocumentRejected(source, "truncated-utf8",
                               f"the file ends inside a UTF-8 character (byte {utf8_error.start} of "
                               f"{len(data)}); it was probably cut short while copying or downloading")
    if _mostly_utf8(data):
        raise DocumentRejected(source, "invalid-utf8",
                               f"UTF-8 text with an invalid byte at offset {utf8_error.start}; "
                               "the file is damaged or mixes encodings")
    legacy = _legacy_arabic(data)
    if legacy:
        return Decoded(legacy[1], legacy[0], notes)
    raise DocumentRejected(source, "unknown-encoding",
                           "not UTF-8, UTF-16, Windows-1256 or ISO-8859-6 text; "
                           "convert it to UTF-8 (e.g. with iconv) and try again")


def _mostly_utf8(data: bytes) -> bool:
    """Valid multi-byte UTF-8 sequences dominate the non-ASCII bytes (damage, not another code page)."""
    text = data[:SAMPLE].decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f" and ch != "\ufffd")
    return good > 4 * bad


_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> Optional[str]:
    """The charset an HTML or XML document declares in its first bytes (meta tag or XML prolog)."""
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None
