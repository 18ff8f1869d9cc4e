"""Everything a person can read on a page rendered by AppTest, as one string (for the tests
that look for text that must or must not be there)."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

TEXT_ELEMENTS = (
    "markdown",
    "caption",
    "title",
    "header",
    "subheader",
    "info",
    "warning",
    "error",
    "success",
)


def page_text(at: AppTest, skip_keys: tuple[str, ...] = (), frames: str = "all") -> str:
    """frames='all': every cell of every table; 'columns': only the column names."""
    parts = []
    for kind in TEXT_ELEMENTS:
        parts += [e.value for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value} {m.delta or ''}" for m in at.metric]
    for widget in ("selectbox", "radio", "slider", "select_slider"):
        for w in getattr(at, widget):
            if w.key in skip_keys:
                continue
            parts.append(str(w.label))
            parts += [str(o) for o in getattr(w, "options", [])]
    for frame in [*at.dataframe, *at.table]:
        parts.append(
            frame.value.to_csv()
            if frames == "all"
            else " ".join(str(c) for c in frame.value.columns)
        )
    for chart in at.get("plotly_chart"):
        spec = chart.proto.spec
        parts.append(
            spec if frames == "all" else " ".join(re.findall(r'"(?:text|name)":\s*"([^"]*)"', spec))
        )
    parts += [d.proto.json for d in at.get("deck_gl_json_chart")] if frames == "all" else []
    return "\n".join(parts)
