"""Cheaper forms of work the event coder's helpers repeat per candidate, for their owners to call.

Each function here gives exactly what the expression it replaces gives (same values, same order),
worked out once instead of per call. Where each belongs:

- ``carrier_verbs()`` replaces ``verb_surfaces("light_verb") | verb_surfaces("experiencer_verb")``
  in ``roles._carrier_before``: that union of two frozensets (about 2,600 surfaces) was built anew
  for every verbal-noun candidate, about 0.5 ms of the coder's 4 ms per corpus-dev article.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def carrier_verbs() -> frozenset[str]:
    """Normalized surfaces of the verbs that carry a verbal noun (light verbs and experiencer
    verbs: شنّ، عقد، تعرّض ل ...), as ``roles._carrier_before`` reads them."""
    from .roles import verb_surfaces  # roles will import this module: import it when first asked
    return verb_surfaces("light_verb") | verb_surfaces("experiencer_verb")
