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
from dashboard.metrics.access import Viewer
from dashboard.metrics.db import WarehouseMissing, WarehouseOutdated, warehouse_path
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
    needs: str | None = None  # a Viewer property that must be true to see the page

    def allowed(self, viewer: Viewer) -> bool:
        return self.needs is None or bool(getattr(viewer, self.needs))


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview.py", "page_overview", ":material/dashboard:", ""),
    PageSpec("centres.py", "page_centres", ":material/compare_arrows:", "centra"),
    PageSpec("funding.py", "page_funding", ":material/map:", "financiering"),
    PageSpec("demographics.py", "page_demographics", ":material/groups:", "gasten"),
    PageSpec("impact.py", "page_impact", ":material/trending_up:", "impact"),
    PageSpec(
        "grants.py", "page_grants", ":material/request_quote:", "subsidies", "sees_grant_details"
    ),
    PageSpec(
        "quality.py", "page_quality", ":material/fact_check:", "datakwaliteit", "sees_data_quality"
    ),
    PageSpec("methodology.py", "page_methodology", ":material/menu_book:", "methode"),
)


def _page(spec: PageSpec, lang: str, viewer: Viewer) -> st.Page:
    """A page of the menu; a page the viewer may not see is registered hidden at its own
    address, so a link to it runs the page's own guard (a message saying why) instead of a
    silent jump to the Overview."""
    extra = {"url_path": spec.url_path} if spec.url_path else {"default": True}
    if not spec.allowed(viewer):
        extra["visibility"] = "hidden"
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
    except WarehouseOutdated:
        st.error(t("warehouse_outdated", lang, path=warehouse_path()))
        st.stop()
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
    grant = cache.kwf_grant_start(wh, wh.version, viewer)
    filters = sidebar.sidebar_filters(
        cat,
        lang,
        default_centre=None if viewer.names_centres else viewer.centre,
        grant_start=grant.first_start,
    )
    set_context(Context(wh, cat, filters, lang, viewer, full_catalog))

    pages = [_page(spec, lang, viewer) for spec in PAGES]
    st.navigation(pages).run()
