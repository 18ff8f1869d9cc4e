"""Links inside the dashboard: a link keeps every parameter of the current view (language,
the demo viewer, page choices) and changes only what it is about, so following it never drops
the viewer back to Dutch or to another role."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

# A centre implies its province; keeping an old province beside a new centre would be refused.
_REPLACED_BY_CENTRE = ("centre", "province")


def centre_link_prefix(params: Mapping[str, str], **changes: str) -> str:
    """The query string of the current view with `changes` applied and the centre (and its
    province) left for the caller to append: '?lang=en&role=grant_manager&...&centre='."""
    kept = {k: v for k, v in params.items() if k not in _REPLACED_BY_CENTRE and k not in changes}
    kept.update(changes)
    query = urlencode(sorted(kept.items()))
    return "?" + (query + "&" if query else "") + "centre="
