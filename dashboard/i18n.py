"""Number and date formats for people, Dutch by default (EUR 16.000.000, 84,0%).

Formatting goes through Babel's CLDR locale data so Dutch and English follow their own rules.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
DEFAULT_LANG = "nl"


def _loc(lang: str) -> str:
    return LOCALES.get(lang, LOCALES[DEFAULT_LANG])


def fmt_int(value: float | int, lang: str = DEFAULT_LANG) -> str:
    return format_decimal(round(value), format="#,##0", locale=_loc(lang))


def fmt_dec(value: float, digits: int = 1, lang: str = DEFAULT_LANG) -> str:
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=_loc(lang))


def fmt_pct(value: float, digits: int = 1, lang: str = DEFAULT_LANG) -> str:
    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return format_percent(value, format=pattern, locale=_loc(lang))


def fmt_pp(value: float, lang: str = DEFAULT_LANG) -> str:
    """A change in percentage points, signed: +2,3 pp."""
    # ASCII signs: st.metric reads the direction (arrow and colour) from them.
    sign = "+" if value > 0 else ("-" if value < 0 else "±")
    return f"{sign}{fmt_dec(abs(value) * 100, 1, lang)} pp"


def fmt_eur(value: float, lang: str = DEFAULT_LANG, digits: int = 0) -> str:
    pattern = "¤ #,##0" + ("." + "0" * digits if digits else "")
    return format_currency(value, "EUR", format=pattern, currency_digits=False, locale=_loc(lang))


def fmt_eur_short(value: float, lang: str = DEFAULT_LANG) -> str:
    """Large amounts for slides: EUR 2,8 mln / EUR 2.8 m."""
    if abs(value) >= 1_000_000:
        unit = " mln" if lang == "nl" else " m"
        return "€ " + fmt_dec(value / 1_000_000, 1, lang) + unit
    return fmt_eur(value, lang)


def fmt_month(d: date, lang: str = DEFAULT_LANG) -> str:
    return format_date(d, format="MMM yyyy", locale=_loc(lang))


def fmt_date(d: date, lang: str = DEFAULT_LANG) -> str:
    return format_date(d, format="d MMMM yyyy", locale=_loc(lang))


# The UI catalogue: key -> (Dutch, English). Pages ask t(key); no label is typed in page code.
TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("IPSO-dashboard", "IPSO dashboard"),
    "synthetic_banner": (
        "Synthetische demodata: deze cijfers zijn gegenereerd en beschrijven geen echte "
        "IPSO-centra. Presenteer ze niet als resultaten.",
        "Synthetic demo data: these figures are generated and describe no real IPSO centres. "
        "Do not present them as results.",
    ),
    "no_warehouse": (
        "Er is nog geen datawarehouse op {path}. Maak het met `make run` (demodata) of "
        "`ipso-dashboard ingest MAP_MET_EXTRACT`.",
        "There is no warehouse at {path} yet. Build it with `make run` (demo data) or "
        "`ipso-dashboard ingest EXTRACT_DIR`.",
    ),
    "filters": ("Filters", "Filters"),
    "period": ("Periode", "Period"),
    "province": ("Provincie", "Province"),
    "centre": ("Centrum", "Centre"),
    "all_provinces": ("Heel Nederland", "The Netherlands"),
    "all_centres": ("Alle centra", "All centres"),
    "filters_help": (
        "De filters staan in de link: kopieer de URL om precies deze weergave te delen.",
        "The filters are in the link: copy the URL to share exactly this view.",
    ),
    "msg_invalid_month:from": (
        "De beginmaand in de link is ongeldig; de standaardperiode wordt getoond.",
        "The start month in the link is invalid; the default period is shown.",
    ),
    "msg_invalid_month:to": (
        "De eindmaand in de link is ongeldig; de standaardperiode wordt getoond.",
        "The end month in the link is invalid; the default period is shown.",
    ),
    "msg_month_out_of_range:from": (
        "De beginmaand in de link valt buiten de beschikbare gegevens; de dichtstbijzijnde "
        "maand wordt gebruikt.",
        "The start month in the link is outside the data; the nearest month is used.",
    ),
    "msg_month_out_of_range:to": (
        "De eindmaand in de link valt buiten de beschikbare gegevens; de dichtstbijzijnde "
        "maand wordt gebruikt.",
        "The end month in the link is outside the data; the nearest month is used.",
    ),
    "msg_period_reversed": (
        "Begin en einde van de periode waren omgedraaid; ze zijn verwisseld.",
        "The period's start and end were reversed; they have been swapped.",
    ),
    "msg_unknown_province": (
        "De provincie in de link is onbekend; heel Nederland wordt getoond.",
        "The province in the link is unknown; the whole country is shown.",
    ),
    "msg_unknown_centre": (
        "Het centrum in de link is onbekend; alle centra worden getoond.",
        "The centre in the link is unknown; all centres are shown.",
    ),
    "msg_centre_outside_province": (
        "Het centrum ligt niet in de gekozen provincie; de provincie van het centrum wordt "
        "getoond.",
        "The centre is not in the chosen province; the centre's province is shown.",
    ),
    "page_overview": ("Overzicht", "Overview"),
    "overview_title": ("IPSO-centra in cijfers", "IPSO centres in figures"),
    "months_n": ("{n} maanden", "{n} months"),
    "kpi_centres": ("Centra", "Centres"),
    "kpi_visits": ("Bezoeken", "Visits"),
    "kpi_guests": ("Gasten", "Guests"),
    "kpi_new_guests": ("Nieuwe gasten", "New guests"),
    "kpi_volunteers": ("Vrijwilligers", "Volunteers"),
    "kpi_paid_coordinators": ("Betaalde coördinatoren", "Paid coordinators"),
    "kpi_rating_mean": ("Gemiddeld rapportcijfer", "Mean rating"),
    "kpi_qol": ("Levenskwaliteit beter", "Quality of life better"),
    "help_centres": (
        "Centra open op de laatste dag van de periode.",
        "Centres open on the last day of the period.",
    ),
    "help_visits": (
        "Aantal geregistreerde bezoeken in de periode.",
        "Number of registered visits in the period.",
    ),
    "help_guests": (
        "Verschillende gasten met minstens één bezoek in de periode.",
        "Distinct guests with at least one visit in the period.",
    ),
    "help_new_guests": (
        "Gasten van de periode wier eerste bezoek in de periode valt.",
        "Guests of the period whose first visit falls in it.",
    ),
    "help_volunteers": (
        "Vrijwilligers volgens de personeelsregistratie van {year}.",
        "Volunteers per the staffing registration of {year}.",
    ),
    "help_paid_coordinators": (
        "Centra waar de door KWF betaalde coördinator op de laatste dag van de periode in "
        "dienst was ({fte} fte betaalde krachten in totaal).",
        "Centres whose KWF-funded coordinator was in post on the last day of the period "
        "({fte} paid FTE in all).",
    ),
    "help_rating": (
        "Gemiddelde van {n} rapportcijfers; {share} gaf een 8 of hoger.",
        "Mean of {n} ratings; {share} gave 8 or more.",
    ),
    "help_qol": (
        "Aandeel 'ja' onder {n} antwoorden in het gastenonderzoek.",
        "Share of 'yes' among {n} answers in the guest survey.",
    ),
    "delta_vs_previous": ("t.o.v. vorige {n} mnd", "vs previous {n} mo"),
    "suppressed": ("< 10", "< 10"),
    "suppressed_note": (
        "'< 10': berekend uit minder dan 10 gasten of antwoorden en daarom niet getoond.",
        "'< 10': computed from fewer than 10 guests or answers, so not shown.",
    ),
    "trend_title": ("Bezoeken en gasten per maand", "Visits and guests per month"),
    "trend_visits": ("Bezoeken", "Visits"),
    "trend_guests": ("Gasten (verschillend)", "Guests (distinct)"),
    "trend_month": ("Maand", "Month"),
    "trend_count": ("Aantal per maand", "Number per month"),
    "trend_selected": ("Gekozen periode", "Selected period"),
    "trend_suppressed": (
        "Maanden met minder dan 10 gasten zijn weggelaten.",
        "Months with fewer than 10 guests are left out.",
    ),
    "grant_start": ("Start KWF-subsidie", "KWF grant start"),
    "survey_title": ("Wat gasten zeggen (gastenonderzoek)", "What guests say (guest survey)"),
    "survey_axis": ("Aandeel 'ja' (%)", "Share 'yes' (%)"),
    "q_quality_of_life_improved": ("Betere kwaliteit van leven", "Better quality of life"),
    "q_daily_functioning_improved": ("Beter dagelijks functioneren", "Better daily functioning"),
    "q_picked_up_life": ("Leven weer opgepakt", "Picked up life again"),
    "q_more_energetic": ("Meer energie", "More energetic"),
    "q_less_alone": ("Minder alleen", "Less alone"),
    "q_avoided_care_visit": (
        "Zonder centrum naar huisarts of psycholoog",
        "Would otherwise have seen GP or psychologist",
    ),
    "q_rating_8_plus": ("Rapportcijfer 8 of hoger", "Rating 8 or higher"),
    "survey_note": (
        "n = aantal gasten dat de vraag beantwoordde in de periode.",
        "n = guests who answered the question in the period.",
    ),
    "value_title": ("Maatschappelijke waarde (schatting)", "Societal value (estimate)"),
    "value_line": (
        "In deze periode naar schatting **{c_low} tot {c_high} vermeden zorgconsulten**, "
        "**{e_low} tot {e_high} vermeden zorgkosten**, en een effect op terugkeer naar werk "
        "tot {rtw}.",
        "In this period an estimated **{c_low} to {c_high} avoided care consultations**, "
        "**{e_low} to {e_high} avoided care costs**, and an effect on return to work of up "
        "to {rtw}.",
    ),
    "value_method": (
        "Schatting, geen meting: {visits} bezoeken × de jaarlijkse bandbreedte uit de "
        "maatschappelijke businesscase, gedeeld door de ca. {ref} bezoeken per jaar waarop die "
        "rekent. Bron: {source}.",
        "An estimate, not a measurement: {visits} visits × the yearly range of the societal "
        "business case, divided by the about {ref} visits a year it refers to. "
        "Source: {source}.",
    ),
    "value_suppressed": (
        "Te weinig gasten in deze selectie voor een schatting.",
        "Too few guests in this selection for an estimate.",
    ),
    "funding_line": (
        "Financiering die in deze periode valt: **{total}**, waarvan KWF {kwf}; "
        "{per_visit} per bezoek. Subsidies zijn gelijk over hun looptijd verdeeld.",
        "Funding falling in this period: **{total}**, of which KWF {kwf}; {per_visit} per "
        "visit. Grants are spread evenly over their term.",
    ),
    "funding_national_note": (
        "Op provincie- of centrumniveau telt het landelijke deel (brancheorganisatie) niet mee.",
        "At province or centre level the national share (branch organisation) is not counted.",
    ),
    "download_kpis": ("Download kerncijfers (CSV)", "Download KPIs (CSV)"),
    "download_trend": ("Download maandcijfers (CSV)", "Download monthly figures (CSV)"),
    "source_footer": (
        "Bron: IPSO-gastregistratie, extract ingelezen op {date} (versie {version}). "
        "Definities volgens het datacontract.",
        "Source: IPSO guest registration, extract loaded on {date} (version {version}). "
        "Definitions per the data contract.",
    ),
    "no_visits": (
        "Geen bezoeken in deze periode en selectie.",
        "No visits in this period and selection.",
    ),
}


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    nl, en = TEXT[key]
    text = en if lang == "en" else nl
    return text.format(**values) if values else text
