"""ACLED's country identity for events: ISO 3166 numeric code, country name and ACLED region.

Found from the event's P-code (OCHA P-codes start with the ISO alpha-2 code) or its ACLED
crosswalk. Only the countries rasd's gazetteer and sources cover; others stay blank.
"""
from __future__ import annotations

from typing import NamedTuple, Optional


class Country(NamedTuple):
    iso3: str
    iso_numeric: int
    name: str
    region: str


_COUNTRIES = {
    "SY": Country("SYR", 760, "Syria", "Middle East"),
    "IQ": Country("IRQ", 368, "Iraq", "Middle East"),
    "LB": Country("LBN", 422, "Lebanon", "Middle East"),
    "JO": Country("JOR", 400, "Jordan", "Middle East"),
    "TR": Country("TUR", 792, "Turkey", "Middle East"),
    "IL": Country("ISR", 376, "Israel", "Middle East"),
    "PS": Country("PSE", 275, "Palestine", "Middle East"),
    "YE": Country("YEM", 887, "Yemen", "Middle East"),
    "SA": Country("SAU", 682, "Saudi Arabia", "Middle East"),
    "IR": Country("IRN", 364, "Iran", "Middle East"),
    "EG": Country("EGY", 818, "Egypt", "Northern Africa"),
    "LY": Country("LBY", 434, "Libya", "Northern Africa"),
}
_BY_ISO3 = {c.iso3: c for c in _COUNTRIES.values()}
_BY_NAME = {c.name.casefold(): c for c in _COUNTRIES.values()}


def country_of(pcode: Optional[str], acled_country: Optional[str] = None) -> Optional[Country]:
    if acled_country:
        found = _BY_NAME.get(str(acled_country).casefold()) or _BY_ISO3.get(str(acled_country).upper())
        if found:
            return found
    if pcode and len(pcode) >= 2:
        return _COUNTRIES.get(pcode[:2].upper())
    return None
