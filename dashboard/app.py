"""The frame every page runs in: page config, the warehouse, sign-in, the shared sidebar, the
synthetic-data label and navigation over one table of pages (`PAGES`).

`streamlit_app.py` at the repository root calls `main()`; the page scripts live in
`dashboard/pages/`, away from the entry file, because a `pages/` folder beside the entry file
switches Streamlit (1.67) into its old multipage mode (the frame is skipped on reruns and a deep
link runs a page without it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st

from dashboard import PROJECT_ROOT
from dashboard.metrics.db import WarehouseMissing, warehouse_path
from dashboard.present.i18n import t
from dashboard.ui import cache, sidebar, signin
from dashboard.ui.context import Context, set_context

LANGUAGES = {"nl": "Nederlands", "en": "English"}
log = logging.getLogger("dashboard")
PAGES_DIR = PROJECT_ROOT / "dashboard" / "pages"
PAGE_ICON = PROJECT_ROOT / "dashboard" / "assets" / "favicon.png"


@dataclass(frozen=True)
class PageSpec:
    file: str  # in dashboard/pages/
    title_key: str  # catalogue key of its title
    icon: str
    url_path: str  # "" for the default page
    data_quality: bool = False  # only for viewers who may see data quality


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview.py", "page_overview", ":material/dashboard:", ""),
    PageSpec("centres.py", "page_centres", ":material/compare_arrows:", "centra"),
    PageSpec("funding.py", "page_funding", ":material/map:", "financiering"),
    PageSpec("demographics.py", "page_demographics", ":material/groups:", "gasten"),
    PageSpec("impact.py", "page_impact", ":material/trending_up:", "impact"),
    PageSpec("quality.py", "page_quality", ":material/fact_check:", "datakwaliteit", True),
    PageSpec("methodology.py", "page_methodology", ":material/menu_book:", "methode"),
)


def _page(spec: PageSpec, lang: str) -> st.Page:
    extra = {"url_path": spec.url_path} if spec.url_path else {"default": True}
    return st.Page(PAGES_DIR / spec.file, title=t(spec.title_key, lang), icon=spec.icon, **extra)


def main() -> None:
    """Fail closed and quietly: any error in the frame or a page becomes a plain message for
    the user and a log line with the traceback for the administrator; never a traceback on
    screen (.streamlit/config.toml also sets client.showErrorDetails = "none"). st.stop and
    st.rerun are not Exceptions and pass through."""
    # A local image: a ":material/...:" page icon is fetched from a font CDN and fails offline.
    st.set_page_config(page_title="IPSO", page_icon=str(PAGE_ICON), layout="wide")
    lang = "nl"
    try:
        lang = _language()
        _run(lang)
    except Exception:
        log.exception("a page failed")
        st.error(t("page_failed", lang), icon=":material/error:")


def _language() -> str:
    return sidebar.url_choice(
        "lang",
        "Taal / Language",
        list(LANGUAGES),
        LANGUAGES.get,
        container=st.sidebar,
        kind="radio",
    )


def _run(lang: str) -> None:
    try:
        wh = cache.open_warehouse()
    except (FileNotFoundError, WarehouseMissing):
        st.error(t("no_warehouse", lang, path=warehouse_path()))
        st.stop()

    if wh.synthetic:
        # Material icons ship with Streamlit; emoji need a font the server's browser may lack.
        st.warning(t("synthetic_banner", lang), icon=":material/science:")
        st.sidebar.caption(":material/science: " + t("synthetic_banner", lang))

    full_catalog = cache.catalog(wh, wh.version)
    viewer = signin.sign_in(wh, full_catalog, lang)  # stops with a clear page if not allowed
    cat = full_catalog.for_viewer(viewer)
    filters = sidebar.sidebar_filters(cat, lang)
    set_context(Context(wh, cat, filters, lang, viewer, full_catalog))

    pages = [
        _page(spec, lang) for spec in PAGES if viewer.sees_data_quality or not spec.data_quality
    ]
    st.navigation(pages).run()
