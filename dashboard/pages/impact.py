"""Funding impact (funders, insurers, ministries): what changed after the paid coordinator
came, what the centres' work is worth (editable assumptions), a referral what-if and the 2030
outlook. Estimates always with a range and a method. Layout only."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.metrics.filters import Filters
from dashboard.metrics.impact import (
    BASELINE,
    CONTROL_OPEN_MONTHS,
    HEADLINE,
    OUTCOMES,
    POST,
    PRE,
    holm_adjusted,
)
from dashboard.metrics.value import (
    EDITABLE,
    ValueAssumptions,
    centre_values,
    kwf_return,
    outlook,
    per_euro,
    referral_whatif,
    value_range,
)
from dashboard.present import charts
from dashboard.present.estimates import (
    about,
    about_count,
    about_eur,
    count_range,
    eur_range,
    model_words,
    value_rows,
)
from dashboard.present.i18n import (
    fmt_dec,
    fmt_eur,
    fmt_eur_short,
    fmt_int,
    fmt_month,
    fmt_p,
    fmt_pct,
    t,
)
from dashboard.present.impacttext import (
    claims,
    effect_line,
    headline,
    outcome_label,
    signed_points,
)
from dashboard.present.tables import display_frame
from dashboard.present.validation import load_validation
from dashboard.reference import load_assumptions
from dashboard.ui import cache, sidebar, widgets
from dashboard.ui.context import context

ctx = context()
wh, f, lang, cat = ctx.warehouse, ctx.filters, ctx.lang, ctx.catalog
published = ValueAssumptions.published()
sources = load_assumptions()
validation = load_validation()

st.title(t("impact_title", lang))
st.caption(t("impact_intro", lang))

# 1. Before and after the paid coordinator --------------------------------------------------
st.header(t("event_header", lang))
studies = cache.event_studies(wh, wh.version, ctx.viewer)
title, lines = headline(studies, lang)
st.markdown("### " + title)
if lines:
    st.markdown("\n".join(f"- {line}" for line in lines))
outcome = sidebar.url_choice(
    "outcome", t("outcome", lang), list(OUTCOMES), lambda o: outcome_label(o, lang), lang
)
study = (
    studies[outcome]
    if outcome in studies
    else cache.event_study(wh, wh.version, ctx.viewer, outcome)
)
if outcome not in HEADLINE:
    st.markdown(effect_line(study, study.p_value < 0.05, lang))
if study.available:
    event_fig = charts.build_event_study(
        study.by_event, study.unit, outcome_label(outcome, lang), lang
    )
    widgets.chart(
        event_fig,
        study.by_event,
        "event",
        f"ipso_effect_{outcome}",
        title=outcome_label(outcome, lang),
    )
    st.caption(t("impact_chart_note", lang, p0=POST[0], p1=POST[-1]))
    leads_ok = not study.pre_p_value < 0.05
    (st.caption if leads_ok else st.warning)(
        t("impact_leads_ok" if leads_ok else "impact_leads_warn", lang, p0=PRE[0], p1=PRE[-1])
    )
    adjusted = holm_adjusted({o: s.p_value for o, s in studies.items()})
    with st.expander(t("impact_how", lang)):
        st.markdown(
            t(
                "impact_how_text",
                lang,
                funded=study.funded_centres,
                controls=study.control_centres,
                open=CONTROL_OPEN_MONTHS,
                b0=BASELINE[0],
                b1=BASELINE[-1],
                p0=POST[0],
                p1=POST[-1],
                reps=study.replicates,
                crit=fmt_dec(study.band_critical, 2, lang),
                l0=PRE[0],
                l1=PRE[-1],
                pre_p=fmt_p(study.pre_p_value, lang),
                holm_p=fmt_p(adjusted.get(outcome, study.p_value), lang),
            )
        )
        st.markdown(t("impact_crosscheck", lang))
        realised = (wh.meta.get("synthetic_info") or {}).get("realised_effects", {})
        if wh.synthetic and outcome in realised:
            planted = (wh.meta.get("synthetic_info") or {}).get("planted_effects", {})
            knob = {
                "visits": ("new_guests_multiplier", -1),
                "new_guests": ("new_guests_multiplier", -1),
                "share_male": ("male_share_of_new_guests_pp", 0),
                "share_youth": ("youth_share_of_new_guests_pp", 0),
                "share_referral_care": ("care_referral_share_pp", 0),
            }[outcome]

            def shown(value: float) -> str:
                if study.unit == "relative":
                    return fmt_pct(value, 1, lang)
                return signed_points(value, lang)

            st.markdown(
                t(
                    "impact_how_demo",
                    lang,
                    truth=shown(realised[outcome]),
                    x=shown(study.estimate),
                    planted=(
                        t(
                            "impact_planted_new_guests",
                            lang,
                            x=fmt_pct(planted[knob[0]] - 1, 0, lang),
                        )
                        if knob[1]
                        else signed_points(planted.get(knob[0], 0.0), lang)
                    ),
                )
            )
        if validation:
            st.markdown(
                t(
                    "impact_how_validation",
                    lang,
                    date=validation["meta"]["finished"],
                    worlds=fmt_int(sum(validation["meta"]["runs"].values()), lang),
                )
            )

# 2. Societal value ---------------------------------------------------------------------
st.header(t("value_header", lang))
state = st.session_state


def slider_grid(published_value: float, share: bool) -> list[float]:
    """The values a slider offers: hundredths for a share, otherwise 0 to three times the
    published value in steps of 1% of it (the published value itself exactly on the grid)."""
    if share:
        return [k / 100 for k in range(1, 101)]
    return [published_value if k == 100 else published_value * k / 100 for k in range(301)]


def reset_assumptions() -> None:
    for field in EDITABLE:
        state[f"va_{field}"] = float(published.as_dict()[field])


for field in EDITABLE:
    state.setdefault(f"va_{field}", float(published.as_dict()[field]))
with st.expander(t("assumptions_edit", lang), expanded=False):
    st.button(t("assumptions_reset", lang), on_click=reset_assumptions, key="va_reset")
    cols = st.columns(2)
    for k, field in enumerate(EDITABLE):
        source = sources[ValueAssumptions.SOURCE_KEYS[field]]
        value = published.as_dict()[field]
        share = field == "providers_referring"
        grid = slider_grid(value, share)
        cols[k % 2].select_slider(
            source.label_nl if lang == "nl" else source.label_en,
            options=grid,
            format_func=(lambda x: fmt_pct(x, 0, lang)) if share else (lambda x: fmt_int(x, lang)),
            key=f"va_{field}",
            help=t(
                "published_value",
                lang,
                value=fmt_int(value, lang) if not share else fmt_pct(value, 0, lang),
                source=source.source,
                year=source.year,
            ),
        )
assumptions = ValueAssumptions(**{field: state[f"va_{field}"] for field in EDITABLE})
changed = assumptions != published
if changed:
    st.warning(t("assumptions_changed", lang), icon=":material/tune:")

data = cache.impact_page(wh, wh.version, ctx.viewer, f)
k = data.current.kpis
if k["visits"].value is None:
    st.info(t("value_suppressed", lang))
else:
    v = value_range(k["visits"].value, assumptions)
    funding = k["funding_eur"].value or 0.0
    ratio = per_euro(v, funding)
    shown_value = pl.DataFrame(
        value_rows(v, ratio, funding, lang),
        schema=[t("col_measure", lang), t("col_estimate_rounded", lang)],
        orient="row",
    )
    st.dataframe(shown_value, hide_index=True, width="stretch")
    st.caption(
        t(
            "value_model",
            lang,
            visits=fmt_int(k["visits"].value, lang),
            e_low=fmt_eur_short(assumptions.care_eur_low, lang),
            e_high=fmt_eur_short(assumptions.care_eur_high, lang),
            **model_words(assumptions, lang),
        )
    )
    st.subheader(t("kwf_return_header", lang))
    national = Filters(f.month_from, f.month_to, None, None)
    kwf = data.national.kpis["funding_kwf_eur"].value or 0.0
    visits_effect = studies["visits"]
    extra = (
        cache.extra_visits(
            wh, wh.version, ctx.viewer, national, visits_effect.estimate, visits_effect.se
        )
        if visits_effect.available
        else None
    )
    ret = (
        kwf_return(extra["extra_visits"], extra["extra_visits_se"], kwf, assumptions)
        if extra
        else None
    )
    if ret is None:
        st.info(t("kwf_return_none", lang))
    else:
        # estimates to what the model carries: two significant figures, "ca." in the text
        visits, v_low, v_high = about_count(
            ret["extra_visits"], ret["extra_visits_low"], ret["extra_visits_high"], lang
        )
        st.markdown(
            t(
                "kwf_return_text",
                lang,
                visits=visits,
                v_low=v_low,
                v_high=v_high,
                e_low=fmt_eur(assumptions.care_eur_low / assumptions.reference_visits, lang),
                e_high=fmt_eur(assumptions.care_eur_high / assumptions.reference_visits, lang),
                source=sources["ecorys_avoided_care_eur_low"].source,
                value=about_eur(ret["value_eur"], ret["value_eur"], lang),
                ratio=about_eur(ret["central"], ret["high"], lang),
                kwf=fmt_eur_short(ret["kwf_funding_eur"], lang),
                low=about_eur(ret["low"], ret["high"], lang),
                high=about_eur(ret["high"], ret["high"], lang),
            )
        )
        if not claims(studies).get("visits", False):
            st.warning(t("kwf_return_unproven", lang))
        with st.expander(t("impact_how", lang)):
            st.markdown(
                t(
                    "kwf_return_how",
                    lang,
                    after=fmt_int(extra["visits_after_start"], lang),
                    ref=fmt_int(assumptions.reference_visits, lang),
                )
            )
    survey = k["avoided_care_visit"]
    if survey.value is not None:
        st.caption(
            t("value_survey", lang, share=fmt_pct(survey.value, 0, lang), n=fmt_int(survey.n, lang))
        )
    with st.expander(t("value_per_centre", lang)):
        per_centre = centre_values(data.table, assumptions)
        if f.province:
            per_centre = per_centre.filter(pl.col("province") == f.province)
        st.markdown(t("value_per_centre_meaning", lang))
        st.dataframe(
            display_frame(per_centre.drop("centre_id"), lang), hide_index=True, width="stretch"
        )
        st.caption(t("value_per_centre_note", lang))
        widgets.downloads(per_centre, "value_per_centre", "ipso_waarde_per_centrum")

# 3. Referral what-if -------------------------------------------------------------------
st.header(t("whatif_header", lang))
year = data.year
period_text = f"{fmt_month(year.month_from, lang)} – {fmt_month(year.month_to, lang)}"
rate = st.select_slider(
    t("whatif_rate", lang),
    options=[k / 100 for k in range(101)],
    value=min(100, round(200 * float(assumptions.providers_referring))) / 100,
    format_func=lambda x: fmt_pct(x, 0, lang),
    key="whatif_rate",
)
newcomers = data.newcomers
if (
    newcomers["suppressed"]
    or newcomers["care_share"] is None
    or newcomers["visits_per_new_guest"] is None
):
    st.info(t("value_suppressed", lang))
else:
    care_share = newcomers["care_share"]
    care_guests = newcomers["new_guests"] * care_share
    per_guest = newcomers["visits_per_new_guest"]
    w = referral_whatif(care_guests, per_guest, rate, assumptions)
    # Two tiles a row: a rounded range ("ca. 45.000 tot 61.000") needs the width.
    c1, c2 = st.columns(2)
    c3, c4 = st.columns(2)
    # a calculation example, not a count: rounded to what it can carry, like its ranges
    c1.metric(t("extra_guests", lang), about(w["extra_guests"], lang), border=True)
    c2.metric(t("extra_visits", lang), about(w["extra_visits"], lang), border=True)
    c3.metric(
        t("extra_consultations", lang),
        count_range(w["avoided_consultations"]["low"], w["avoided_consultations"]["high"], lang),
        border=True,
    )
    c4.metric(
        t("extra_eur", lang),
        eur_range(w["avoided_care_eur"]["low"], w["avoided_care_eur"]["high"], lang),
        border=True,
    )
    st.markdown(t("whatif_meaning", lang))
    st.markdown(
        t(
            "whatif_model_new",
            lang,
            new=fmt_int(newcomers["new_guests"], lang),
            share=fmt_pct(care_share, 1 if year.national else 0, lang),
            care=fmt_int(care_guests, lang),
            r0=fmt_pct(assumptions.providers_referring, 0, lang),
            r=fmt_pct(rate, 0, lang),
            factor=fmt_dec(w["factor"], 2, lang),
            vpg=fmt_dec(per_guest, 1, lang),
            cohort=fmt_int(newcomers["cohort_guests"], lang),
            c_from=fmt_month(newcomers["cohort_from"], lang),
            c_to=fmt_month(newcomers["cohort_to"], lang),
            source=sources["providers_referring"].source,
            months=period_text,
        )
    )

# 4. The 2030 outlook -------------------------------------------------------------------
st.header(t("outlook_header", lang))
p_today = sources["prevalence_2024"]
p_2030 = sources["prevalence_2030"]
total, province_figures = data.outlook
# the national row from the exact total, the provinces from their published figures only
frame = pl.concat(
    [
        outlook(total, p_today.value, p_2030.value, t("national", lang)).head(1),
        outlook(province_figures.drop("suppressed"), p_today.value, p_2030.value).slice(1),
    ]
)
if not ctx.viewer.names_centres:  # the national row and their own province only
    frame = frame.head(1).vstack(frame.slice(1).filter(pl.col("province").is_in(cat.provinces)))


def shown_int(v) -> str:
    return t("suppressed", lang) if v is None else fmt_int(v, lang)


def projected(v) -> str:  # a projection to 2030: two significant figures, not a count
    return t("suppressed", lang) if v is None else about(v, lang, prefix=False)


shown = pl.DataFrame(
    {
        t("col_province", lang): frame["province"],
        t("col_reach", lang): [
            t("suppressed", lang) if v is None else fmt_dec(v * 1000, 1, lang)
            for v in frame["reach"]
        ],
        t("col_guests_now", lang): [shown_int(v) for v in frame["guests"]],
        t("col_guests_2030", lang): [projected(v) for v in frame["guests_2030"]],
        t("col_visits_2030", lang): [projected(v) for v in frame["visits_2030"]],
        t("col_volunteers_2030", lang): [projected(v) for v in frame["volunteers_2030"]],
        t("col_coordinators_2030", lang): [
            t("suppressed", lang) if v is None else fmt_dec(v, 0, lang)
            for v in frame["coordinators_2030"]
        ],
    }
)
st.markdown(t("outlook_meaning", lang))
st.dataframe(shown, hide_index=True, width="stretch")
st.caption(t("outlook_disclosure", lang))
if not ctx.viewer.names_centres:
    st.caption(t("own_province_only", lang))
elif cat.hidden_areas:
    st.caption(t("areas_hidden", lang, areas=", ".join(sorted(cat.hidden_areas))))
st.caption(
    t(
        "outlook_method",
        lang,
        today=fmt_int(p_today.value, lang),
        y_today=p_today.year,
        s_today=p_today.source,
        future=fmt_int(p_2030.value, lang),
        s_future=p_2030.source,
        growth=fmt_dec(p_2030.value / p_today.value, 2, lang),
        months=period_text,
    )
)
widgets.downloads(frame, "outlook_header", "ipso_vooruitblik_2030")
