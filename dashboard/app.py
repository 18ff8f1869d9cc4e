"""Entry point: page config, the warehouse, the shared sidebar, the demo-data label, navigation.

Run with `make run` (or `streamlit run dashboard/app.py`).
"""

from __future__ import annotations

import streamlit as st

from dashboard import PROJECT_ROOT, appstate
from dashboard.db import WarehouseMissing, warehouse_path
from dashboard.i18n import t

LANG = "nl"
PAGES_DIR = PROJECT_ROOT / "dashboard" / "pages"

st.set_page_config(page_title=t("app_title", LANG), page_icon="🧡", layout="wide")

try:
    wh = appstate.open_warehouse()
except (FileNotFoundError, WarehouseMissing):
    st.error(t("no_warehouse", LANG, path=warehouse_path()))
    st.stop()

if wh.synthetic:
    st.warning(t("synthetic_banner", LANG), icon="🧪")
    st.sidebar.caption("🧪 " + t("synthetic_banner", LANG))

cat = appstate.catalog(wh, wh.version)
filters = appstate.sidebar_filters(cat, LANG)
st.session_state["ctx"] = appstate.Context(wh, cat, filters, LANG)

page = st.navigation(
    [
        st.Page(PAGES_DIR / "overview.py", title=t("page_overview", LANG), icon="📊", default=True),
    ]
)
page.run()
