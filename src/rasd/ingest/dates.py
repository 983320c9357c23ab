"""Publication dates as the sources give them -> ISO ``YYYY-MM-DD`` (or None)."""
from __future__ import annotations

import re
import time
from datetime import date
from email.utils import parsedate_to_datetime
from typing import Optional, Union

# The date part of ISO 8601 and "YYYY-MM-DD hh:mm:ss" stamps, taken as written: a date stated
# in the outlet's own time zone is the date its readers saw, so it is not shifted to UTC.
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]|\s)")


def to_iso_date(value: Union[str, time.struct_time, None]) -> Optional[str]:
    """``2023-01-25T11:24:43+02:00``, ``2013-02-12 04:45:56``, ``Fri, 11 Aug 2017 15:21:35 GMT``
    or a ``time.struct_time`` -> ``YYYY-MM-DD``; anything unparseable -> None."""
    if value is None:
        return None
    if isinstance(value, time.struct_time):
        return _valid(value.tm_year, value.tm_mon, value.tm_mday)
    value = str(value)
    m = _ISO_DATE.match(value)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return _valid(parsed.year, parsed.month, parsed.day)


def _valid(year: int, month: int, day: int) -> Optional[str]:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
