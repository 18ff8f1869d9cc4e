"""The shared sidebar and page-level choices, both kept in the URL (st.query_params) so a copied
link reproduces the view exactly; URL values are untrusted and validated before use."""

from __future__ import annotations

import streamlit as st

from dashboard.metrics.filters import Catalog, Filters, parse_filters
from dashboard.present.i18n import fmt_month, t

FILTER_KEYS = ("from", "to", "province", "centre")


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def sidebar_filters(cat: Catalog, lang: str = "nl") -> Filters:
    """The shared sidebar. On a session's first run the URL decides (validated); afterwards the
    widgets do, and the URL is rewritten so a copied link reproduces the view.

    The widgets get their first value through `value=`/`index=` from the validated URL, never by
    writing their keys into session state (AppTest loses a range slider's value that way)."""
    state = st.session_state
    if "f_initial" not in state:
        state.f_initial, state.f_messages = parse_filters(_url_params(), cat)
    init: Filters = state.f_initial
    for code in state.f_messages:
        st.warning(t(f"msg_{code}", lang), icon=":material/link_off:")

    sb = st.sidebar
    sb.header(t("filters", lang))
    period = sb.select_slider(
        t("period", lang),
        options=list(cat.months),
        value=(init.month_from, init.month_to),
        key="f_period",
        format_func=lambda m: fmt_month(m, lang),
    )
    provinces = [None, *cat.provinces]
    province = sb.selectbox(
        t("province", lang),
        options=provinces,
        index=provinces.index(init.province) if init.province in provinces else 0,
        key="f_province",
        format_func=lambda p: t("all_provinces", lang) if p is None else p,
    )
    in_province = sorted(
        (c for c in cat.centres.values() if province is None or c.province == province),
        key=lambda c: c.name,
    )
    options = [None, *[c.centre_id for c in in_province]]
    # One centre widget per province choice: changing the province starts from "all centres".
    centre = sb.selectbox(
        t("centre", lang),
        options=options,
        index=options.index(init.centre) if init.centre in options else 0,
        key=f"f_centre_{province or 'all'}",
        format_func=lambda c: (
            t("all_centres", lang)
            if c is None
            else f"{cat.centres[c].name} ({cat.centres[c].city})"
        ),
    )
    sb.caption(t("filters_help", lang))
    start, end = sorted(period)
    if centre is not None:
        province = cat.centres[centre].province
    filters = Filters(start, end, province, centre)
    wanted = filters.to_params()
    for key in FILTER_KEYS:  # only the shared filters; pages keep their own parameters
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]
    return filters


def url_choice(
    key: str,
    label: str,
    options: list[str],
    format_func,
    lang: str = "nl",
    container=None,
    kind: str = "selectbox",
    fallback: str | None = None,
) -> str:
    """A page-level choice kept in the URL under `key`: the URL's value (validated against
    `options`; an unknown one gets a message and `fallback`, by default the first option) is
    the first value, and the widget's value is written back. The first option is the
    default."""
    state = st.session_state
    init_key = f"u_init_{key}"
    if init_key not in state:
        raw = st.query_params.get(key)
        bad = fallback if fallback in options else options[0]
        state[init_key] = raw if raw in options else (options[0] if raw is None else bad)
        state[init_key + "_bad"] = raw is not None and raw not in options
    if state[init_key + "_bad"]:
        st.warning(t("msg_invalid_choice", lang, name=key), icon=":material/link_off:")
    where = container or st
    widget = where.radio if kind == "radio" else where.selectbox
    extra = {"horizontal": True} if kind == "radio" else {}
    value = widget(
        label,
        options,
        index=options.index(state[init_key]),
        key=f"u_{key}",
        format_func=format_func,
        **extra,
    )
    if st.query_params.get(key) != value:
        st.query_params[key] = value
    return value
