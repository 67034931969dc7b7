"""Who sees which documents: each document carries readers tokens, each user holds some, and
the engine query keeps only documents sharing one, so hits and facet counts alike stay within
what the user may see (decision 0007).

Every context says which tokens its users hold (``reader_tokens`` in its ``search_documents``
module); ``all`` is everyone's, and ``member:<id>`` belongs to each member of institution
``<id>``. Platform administrators and the system see everything.
"""

from __future__ import annotations

from typing import Any

from tongwen.accounts.selectors import is_platform_admin, member_institution_ids
from tongwen.common.actors import SYSTEM
from tongwen.search import registry
from tongwen.search.engine import EVERYONE


def reader_tokens(user: Any) -> frozenset[str] | None:
    """The tokens ``user`` holds; None when nothing is hidden from them."""
    if user is SYSTEM or is_platform_admin(user):
        return None
    tokens = {EVERYONE}
    ids = member_institution_ids(user)
    tokens |= {f"member:{i}" for i in ids}
    for source in registry.token_sources():
        tokens |= source(user, ids)
    return frozenset(tokens)
