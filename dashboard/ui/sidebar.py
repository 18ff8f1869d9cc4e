"""The shared sidebar and page-level choices, both kept in the URL (st.query_params) so a copied
link reproduces the view exactly; URL values are untrusted and validated before use."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.metrics.filters import (
    ALL_CENTRES,
    Catalog,
    Filters,
    parse_filters,
    period_presets,
)
from dashboard.present.i18n import fmt_month, t

FILTER_KEYS = ("from", "to", "province", "centre")


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _apply_preset(presets: dict[str, tuple[date, date]], key: str) -> None:
    """on_change of the preset box: the chosen preset's months become the slider's value
    (before the slider is drawn again, so the URL follows in the same run)."""
    chosen = st.session_state[key]
    if chosen in presets:
        st.session_state["f_period"] = presets[chosen]


def sidebar_filters(
    cat: Catalog,
    lang: str = "nl",
    default_centre: str | None = None,
    grant_start: date | None = None,
) -> Filters:
    """The shared sidebar. On a session's first run the URL decides (validated); afterwards the
    widgets do, and the URL is rewritten so a copied link reproduces the view.

    `default_centre` (a coordinator's own centre) is shown when the link names no centre; their
    choice of every centre is then written as `centre=all`. Period presets (last twelve months,
    a calendar year, since the KWF grant, after against before it) sit above the slider; the
    box shows the preset the slider's months match, so it never claims a period that is not
    shown.

    The widgets get their first value through `value=`/`index=` from the validated URL, never by
    writing their keys into session state (AppTest loses a range slider's value that way); only
    a preset, in its callback, sets the slider's state."""
    state = st.session_state
    if "f_initial" not in state:
        state.f_initial, state.f_messages = parse_filters(_url_params(), cat, default_centre)
    init: Filters = state.f_initial
    for code in state.f_messages:
        st.warning(t(f"msg_{code}", lang), icon=":material/link_off:")

    sb = st.sidebar
    sb.header(t("filters", lang))
    presets = period_presets(cat.months, grant_start)
    current = tuple(state.get("f_period", (init.month_from, init.month_to)))
    matching = next((name for name, span in presets.items() if span == current), "custom")
    # One box per matching preset: after a manual slider move it shows "custom" again.
    preset_key = f"f_preset_{matching}"
    sb.selectbox(
        t("period_preset", lang),
        options=["custom", *presets],
        index=["custom", *presets].index(matching),
        key=preset_key,
        format_func=lambda p: _preset_label(p, lang),
        on_change=_apply_preset,
        args=(presets, preset_key),
    )
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
    if centre is None and province is None and default_centre is not None:
        wanted["centre"] = ALL_CENTRES  # the link keeps "every centre" for a coordinator
    for key in FILTER_KEYS:  # only the shared filters; pages keep their own parameters
        keep_in_url(key, wanted.get(key))
    return filters


def keep_in_url(key: str, value: str | list[str] | None) -> None:
    """Write a choice back to the URL under `key` (a list as `key=a&key=b`) when it differs from
    what the URL holds; an empty choice removes the key."""
    if value:
        held = st.query_params.get_all(key) if isinstance(value, list) else st.query_params.get(key)
        if held != value:
            st.query_params[key] = value
    elif key in st.query_params:
        del st.query_params[key]


def _warn_invalid(key: str, lang: str) -> None:
    """Once the URL's value for `key` was found invalid: say so (the page uses its default)."""
    if st.session_state[f"u_init_{key}_bad"]:
        st.warning(t("msg_invalid_choice", lang, name=key), icon=":material/link_off:")


def _preset_label(preset: str, lang: str) -> str:
    if preset.startswith("year_"):
        return t("preset_year", lang, year=preset.removeprefix("year_"))
    return t(f"preset_{preset}", lang)


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
    _warn_invalid(key, lang)
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


def url_option(
    key: str, options: list[str], lang: str, words: str | None = None, names=None, **kwargs
) -> str:
    """url_choice in the catalogue's words: labelled `words` (the URL key by default), each
    option read as `names(option, lang)`, by default the catalogue's `<words>_<option>`."""
    words = words or key
    if names is None:

        def names(option: str, lang: str) -> str:
            return t(f"{words}_{option}", lang)

    return url_choice(key, t(words, lang), options, lambda o: names(o, lang), lang, **kwargs)


def url_text(key: str, label: str, container=None, max_length: int = 64, **kwargs) -> str:
    """A free-text page choice kept in the URL under `key` (cut to `max_length` characters; it
    is only ever compared as a literal, never run)."""
    state = st.session_state
    init_key = f"u_init_{key}"
    if init_key not in state:
        state[init_key] = (st.query_params.get(key) or "")[:max_length]
    value = (container or st).text_input(
        label, value=state[init_key], key=f"u_{key}", max_chars=max_length, **kwargs
    )
    keep_in_url(key, value)
    return value


def url_multi(
    key: str, label: str, options: list[str], format_func, lang: str = "nl", container=None
) -> list[str]:
    """A multi-choice page filter kept in the URL as `key=a&key=b` (values validated against
    `options`; unknown ones are dropped with a message). Nothing chosen means no filter."""
    state = st.session_state
    init_key = f"u_init_{key}"
    if init_key not in state:
        raw = [v for v in st.query_params.get_all(key) if v]
        state[init_key] = [v for v in raw if v in options]
        state[init_key + "_bad"] = len(state[init_key]) < len(raw)
    _warn_invalid(key, lang)
    value = (container or st).multiselect(
        label,
        options,
        default=state[init_key],
        key=f"u_{key}",
        format_func=format_func,
        placeholder=t("multi_all", lang),
    )
    keep_in_url(key, value)
    return value
