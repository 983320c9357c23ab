"""Turn a reader's failure into one DocumentError, so a bad document never stops a batch."""
from __future__ import annotations

from typing import Callable, Iterator, Union

from ..errors import DocumentRejected
from ..model import DocumentError, RawDocument

Item = Union[RawDocument, DocumentError]


def guarded(source: str, produce: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """Yield what ``produce()`` yields; a rejection or an OS error becomes a DocumentError."""
    try:
        yield from produce()
    except DocumentRejected as e:
        yield DocumentError(e.source, e.reason, e.detail)
    except OSError as e:
        yield DocumentError(source, "unreadable", f"{type(e).__name__}: {e}")
