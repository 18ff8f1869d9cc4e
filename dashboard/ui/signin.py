"""Who is looking: sign-in through OpenID Connect (st.login) and the roles file, or demo mode
with a role switcher when no identity provider is configured (demo data only)."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from dashboard.metrics.access import (
    ROLES,
    RolesFileError,
    Viewer,
    load_roles,
    roles_file,
    viewer_for,
)
from dashboard.metrics.db import Warehouse
from dashboard.metrics.filters import Catalog
from dashboard.present.i18n import t
from dashboard.ui.sidebar import url_choice


def _auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, StreamlitSecretNotFoundError):
        return False


def sign_in(wh: Warehouse, cat: Catalog, lang: str) -> Viewer:
    """The viewer of this session, or a page that explains why there is none (and stops).

    With an identity provider in `.streamlit/secrets.toml` ([auth], OpenID Connect) users sign in
    with st.login and their e-mail address is looked up in the roles file. Without one the app
    runs in demo mode (a role switcher, demo data only); a real extract is never served so."""
    if not _auth_configured():
        if not wh.synthetic:
            st.error(t("auth_required", lang), icon=":material/lock:")
            st.stop()
        st.sidebar.markdown(f"**:material/theater_comedy: {t('demo_mode', lang)}**")
        role = url_choice(
            "role",
            t("demo_role", lang),
            list(ROLES),
            lambda r: t(f"role_{r}", lang),
            lang,
            container=st.sidebar,
        )
        centre = None
        if role == "coordinator":
            ids = sorted(cat.centres, key=lambda c: cat.centres[c].name)
            centre = url_choice(
                "as_centre",
                t("demo_centre", lang),
                ids,
                lambda c: cat.centres[c].name,
                lang,
                container=st.sidebar,
            )
        return Viewer(role, centre, demo=True)
    user = st.user
    if not getattr(user, "is_logged_in", False):
        st.title(t("app_title", lang))
        st.info(t("sign_in_needed", lang), icon=":material/lock:")
        st.button(t("sign_in", lang), on_click=st.login, type="primary")
        st.stop()
    path = roles_file(dict(st.secrets))
    try:
        users = load_roles(path, set(cat.centres)) if path else {}
    except RolesFileError:
        users = {}
    viewer = viewer_for(getattr(user, "email", None), users)
    if viewer is None:
        st.title(t("no_access_title", lang))
        st.error(t("no_access", lang, email=getattr(user, "email", "?")), icon=":material/block:")
        st.button(t("sign_out", lang), on_click=st.logout)
        st.stop()
    st.sidebar.caption(
        t("signed_in_as", lang, email=viewer.email, role=t(f"role_{viewer.role}", lang))
    )
    st.sidebar.button(t("sign_out", lang), on_click=st.logout)
    return viewer
