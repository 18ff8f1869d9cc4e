"""What every page reads first: the warehouse, the filters, the language and the viewer of this
session, set by the frame (dashboard/app.py) on every run."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard.metrics.access import Viewer
from dashboard.metrics.db import Warehouse
from dashboard.metrics.filters import Catalog, Filters


@dataclass(frozen=True)
class Context:
    warehouse: Warehouse
    catalog: Catalog  # what this viewer may filter on
    filters: Filters
    lang: str
    viewer: Viewer
    full_catalog: Catalog  # every centre (for anonymous labels)


def set_context(ctx: Context) -> None:
    st.session_state["ctx"] = ctx


def context() -> Context:
    return st.session_state["ctx"]
