"""Entry point: page config, the warehouse, the shared sidebar, the demo-data label, navigation.

Run with `make run` (or `streamlit run dashboard/app.py`).
"""

from __future__ import annotations

import streamlit as st

from dashboard import PROJECT_ROOT, appstate
from dashboard.db import WarehouseMissing, warehouse_path
from dashboard.i18n import t

LANGUAGES = {"nl": "Nederlands", "en": "English"}
# Page scripts live in dashboard/views/, not pages/: a pages/ folder beside the entry file
# switches Streamlit's AppTest to the old multipage mode on reruns (seen with 1.67).
PAGES_DIR = PROJECT_ROOT / "dashboard" / "views"

st.set_page_config(page_title="IPSO", page_icon=":material/diversity_1:", layout="wide")
LANG = appstate.url_choice(
    "lang",
    "Taal / Language",
    list(LANGUAGES),
    LANGUAGES.get,
    container=st.sidebar,
    kind="radio",
)

try:
    wh = appstate.open_warehouse()
except (FileNotFoundError, WarehouseMissing):
    st.error(t("no_warehouse", LANG, path=warehouse_path()))
    st.stop()

if wh.synthetic:
    # Material icons ship with Streamlit; emoji need a font the server's browser may lack.
    st.warning(t("synthetic_banner", LANG), icon=":material/science:")
    st.sidebar.caption(":material/science: " + t("synthetic_banner", LANG))

full_catalog = appstate.catalog(wh, wh.version)
viewer = appstate.sign_in(wh, full_catalog, LANG)  # stops with a clear page if not allowed
cat = full_catalog.for_viewer(viewer)
filters = appstate.sidebar_filters(cat, LANG)
st.session_state["ctx"] = appstate.Context(wh, cat, filters, LANG, viewer, full_catalog)

pages = [
    st.Page(
        PAGES_DIR / "overview.py",
        title=t("page_overview", LANG),
        icon=":material/dashboard:",
        default=True,
    ),
    st.Page(
        PAGES_DIR / "centres.py",
        title=t("page_centres", LANG),
        icon=":material/compare_arrows:",
        url_path="centra",
    ),
    st.Page(
        PAGES_DIR / "funding.py",
        title=t("page_funding", LANG),
        icon=":material/map:",
        url_path="financiering",
    ),
    st.Page(
        PAGES_DIR / "demographics.py",
        title=t("page_demographics", LANG),
        icon=":material/groups:",
        url_path="gasten",
    ),
    st.Page(
        PAGES_DIR / "impact.py",
        title=t("page_impact", LANG),
        icon=":material/trending_up:",
        url_path="impact",
    ),
    st.Page(
        PAGES_DIR / "methodology.py",
        title=t("page_methodology", LANG),
        icon=":material/menu_book:",
        url_path="methode",
    ),
]
if viewer.sees_data_quality:
    pages.insert(
        -1,
        st.Page(
            PAGES_DIR / "quality.py",
            title=t("page_quality", LANG),
            icon=":material/fact_check:",
            url_path="datakwaliteit",
        ),
    )
st.navigation(pages).run()
