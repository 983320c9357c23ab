"""WARC archives: every successful HTML response (or resource) record is one page."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional, Union

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import DocumentRejected
from ..model import DocumentError, RawDocument
from ..settings import Settings
from .html import html_document
from .sniff import HTML, content_type_kind

Item = Union[RawDocument, DocumentError]


def _charset(content_type: str) -> Optional[str]:
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def read_warc(path: Path, settings: Settings) -> Iterator[Item]:
    """Pages of a .warc or .warc.gz file; redirects, errors and non-HTML records are skipped."""
    pages = 0
    with path.open("rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type is None:
                    raise ArchiveLoadFailed("a record without a WARC-Type header")
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                source = f"{path}#{uri or record.rec_headers.get_header('WARC-Record-ID')}"
                if record.rec_type == "response":
                    if record.http_headers is None or not record.http_headers.get_statuscode().startswith("2"):
                        continue
                    content_type = record.http_headers.get_header("Content-Type") or ""
                else:
                    content_type = record.rec_headers.get_header("Content-Type") or ""
                if content_type_kind(content_type) != HTML:
                    continue
                pages += 1
                data = record.content_stream().read(settings.max_document_bytes + 1)
                missing = getattr(record.raw_stream, "limit", 0)  # bytes the record declared but lacks
                if len(data) <= settings.max_document_bytes and missing > 0:
                    yield DocumentError(source, "truncated-record",
                                        f"the record ends {missing:,} bytes before its declared length "
                                        f"of {record.length:,}; the archive was cut short")
                    continue
                try:
                    yield html_document(data, source, settings, url=uri,
                                        declared_charset_header=_charset(content_type))
                except DocumentRejected as e:
                    yield DocumentError(e.source, e.reason, e.detail)
        except ArchiveLoadFailed as e:
            raise DocumentRejected(str(path), "invalid-warc", str(e)) from None
    if not pages:
        raise DocumentRejected(str(path), "no-article", "the archive holds no successful HTML responses")
