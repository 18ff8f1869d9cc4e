"""Who is looking: sign-in through OpenID Connect (st.login) and the roles file, or demo mode
with a role switcher when no identity provider is configured (demo data only)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from dashboard.metrics.access import (
    DEMO_PEER_SECRET,
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

log = logging.getLogger("dashboard")
LEAST_PRIVILEGED = "coordinator"


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except (FileNotFoundError, KeyError, StreamlitSecretNotFoundError):
        return {}


def peer_secret(demo: bool) -> str | None:
    """The key of the anonymous peer labels: $IPSO_PEER_SECRET or [peers] secret in
    .streamlit/secrets.toml, set at deployment and never in code; demo mode (synthetic data
    only) falls back to a fixed one."""
    secret = os.environ.get("IPSO_PEER_SECRET") or (_secrets().get("peers") or {}).get("secret")
    if isinstance(secret, str) and len(secret) >= 16:
        return secret
    return DEMO_PEER_SECRET if demo else None


@st.cache_resource(max_entries=4, show_spinner=False)
def _roles(path: str, identity: tuple[int, int], centres: frozenset[str]):
    """The roles file read and validated as a whole once per version of the file: (users,
    None) or ({}, the problems). Logged once, for the administrator."""
    del identity  # part of the cache key only: an edited file is read again
    try:
        return load_roles(Path(path), set(centres)), None
    except RolesFileError as exc:
        log.error("roles file rejected, nobody has access until it is fixed: %s", exc)
        return {}, str(exc)


def _load(path: Path | None, centres: frozenset[str]):
    if path is None:
        log.error("no roles file configured ($IPSO_ROLES_FILE or [roles] file in secrets)")
        return {}, "no roles file configured"
    try:
        stat = path.stat()
    except OSError as exc:
        log.error("roles file %s cannot be read: %s", path, exc)
        return {}, "roles file cannot be read"
    return _roles(str(path), (stat.st_mtime_ns, stat.st_size), centres)


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
            fallback=LEAST_PRIVILEGED,  # a wrong ?role= never grants more
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
    if peer_secret(demo=wh.synthetic) is None:
        log.error("no peer label secret: set [peers] secret in secrets.toml or $IPSO_PEER_SECRET")
        st.error(t("not_configured", lang), icon=":material/block:")
        st.stop()
    users, problem = _load(roles_file(_secrets()), frozenset(cat.centres))
    if problem is not None:
        st.title(t("no_access_title", lang))
        st.error(t("roles_invalid", lang), icon=":material/block:")
        st.button(t("sign_out", lang), on_click=st.logout)
        st.stop()
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
