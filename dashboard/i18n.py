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
    "msg_invalid_choice": (
        "De waarde voor '{name}' in de link is onbekend; de standaardkeuze wordt getoond.",
        "The value for '{name}' in the link is unknown; the default is shown.",
    ),
    "national": ("Nederland", "The Netherlands"),
    "guests": ("Gasten", "Guests"),
    "rank_of": ("rang {rank} van {of}", "rank {rank} of {of}"),
    "ranking_hidden": (
        "{n} centra met te weinig gasten of antwoorden (< 10) niet getoond",
        "{n} centres with too few guests or answers (< 10) not shown",
    ),
    "ranking_axis": ("{n} centra, hoogste links", "{n} centres, highest on the left"),
    "peer_band": ("Vergelijkbare centra: 25-75%", "Peers: 25-75%"),
    "peer_median": ("Vergelijkbare centra: mediaan", "Peers: median"),
    "coordinator_start": ("Start coördinator", "Coordinator start"),
    "visits_per_month": ("Bezoeken per maand", "Visits per month"),
    "centre_trend_title": (
        "Bezoeken per maand: dit centrum en vergelijkbare centra",
        "Visits per month: this centre and its peers",
    ),
    "share_of_guests": ("Aandeel van de gasten", "Share of guests"),
    "pyramid_title": ("Leeftijd en geslacht", "Age and gender"),
    "age_0_17": ("Kinderen 0-17", "Children 0-17"),
    "age_18_39": ("Jongvolwassenen 18-39", "Young adults 18-39"),
    "age_40_49": ("40-49", "40-49"),
    "age_50_plus": ("50 en ouder", "50 and over"),
    "gender_female": ("Vrouwen", "Women"),
    "gender_male": ("Mannen", "Men"),
    "page_centres": ("Centra", "Centres"),
    "page_demographics": ("Wie zijn de gasten", "Who the guests are"),
    "centres_title": ("Centra vergeleken", "Centres compared"),
    "pick_centre": (
        "Kies een centrum in de zijbalk of klik op 'bekijk' in de tabel hieronder om het met "
        "vergelijkbare centra te vergelijken.",
        "Pick a centre in the sidebar, or click 'view' in the table below, to compare it with "
        "its peers.",
    ),
    "peer_group": ("Vergelijk met", "Compare with"),
    "peers_all": ("alle centra", "all centres"),
    "peers_province": ("centra in dezelfde provincie", "centres in the same province"),
    "peers_size": ("centra van dezelfde omvang", "centres of the same size"),
    "peers_urbanisation": (
        "centra met dezelfde verstedelijking",
        "centres with the same urbanisation",
    ),
    "peers_explained": (
        "Omvang: een derde van de centra met de minste, middelste of meeste bezoeken in de "
        "periode. Verstedelijking: plaats met 100.000 of meer inwoners (stad), 20.000-100.000 "
        "(middelgroot) of minder (landelijk).",
        "Size: the third of centres with the fewest, middle or most visits in the period. "
        "Urbanisation: a place of 100,000 inhabitants or more (city), 20,000-100,000 (town) or "
        "fewer (rural).",
    ),
    "peers_count": ("{n} vergelijkbare centra", "{n} peers"),
    "no_peers": (
        "Er zijn geen andere centra in deze groep; kies een andere vergelijking.",
        "There are no other centres in this group; pick another comparison.",
    ),
    "comparison_title": ("Dit centrum naast vergelijkbare centra", "This centre beside its peers"),
    "col_kpi": ("Kerncijfer", "KPI"),
    "col_centre": ("Dit centrum", "This centre"),
    "col_median": ("Mediaan vergelijkbare centra", "Peer median"),
    "col_band": ("25-75% vergelijkbare centra", "Peers 25-75%"),
    "col_rank": ("Rang", "Rank"),
    "too_few_responses": ("te weinig antwoorden (< 10)", "too few responses (< 10)"),
    "ranking_kpi": ("Rangschik op", "Rank by"),
    "ranking_title": ("Alle centra op {kpi}", "All centres by {kpi}"),
    "ranking_note": (
        "Strepen: 95%-betrouwbaarheidsinterval (Wilson) voor percentages. Centra met minder "
        "dan 10 gasten of antwoorden staan er niet in.",
        "Whiskers: 95% confidence interval (Wilson) for percentages. Centres with fewer than "
        "10 guests or answers are left out.",
    ),
    "profile_title": ("Profiel", "Profile"),
    "profile_line": (
        "{city}, {province} · geopend {opened} · {population} inwoners ({urbanisation}) · "
        "coördinator sinds {coordinator}",
        "{city}, {province} · opened {opened} · {population} inhabitants ({urbanisation}) · "
        "coordinator since {coordinator}",
    ),
    "no_coordinator": ("nog geen coördinator", "no coordinator yet"),
    "urbanisation_city": ("stad", "city"),
    "urbanisation_town": ("middelgroot", "town"),
    "urbanisation_rural": ("landelijk", "rural"),
    "staffing_title": (
        "Vrijwilligers en betaalde krachten per jaar",
        "Volunteers and paid staff per year",
    ),
    "grants_title": ("Ontvangen subsidies", "Grants received"),
    "col_year": ("Jaar", "Year"),
    "col_volunteers": ("Vrijwilligers", "Volunteers"),
    "col_paid_fte": ("Betaalde fte", "Paid FTE"),
    "col_funder": ("Financier", "Funder"),
    "col_programme": ("Programma", "Programme"),
    "col_purpose": ("Doel", "Purpose"),
    "col_amount": ("Bedrag (EUR)", "Amount (EUR)"),
    "col_start": ("Start", "Start"),
    "col_end": ("Einde", "End"),
    "funder_kwf": ("KWF", "KWF"),
    "funder_roparun": ("Roparun", "Roparun"),
    "funder_postcode_loterij": ("Nationale Postcode Loterij", "Dutch Postcode Lottery"),
    "funder_municipality": ("Gemeente", "Municipality"),
    "funder_other": ("Anders", "Other"),
    "purpose_paid_coordinator": ("Betaalde coördinator", "Paid coordinator"),
    "purpose_awareness": ("Bekendheid", "Awareness"),
    "purpose_activities": ("Activiteiten", "Activities"),
    "purpose_training": ("Training", "Training"),
    "purpose_branch_organisation": ("Brancheorganisatie", "Branch organisation"),
    "purpose_other": ("Overig", "Other"),
    "table_title": ("Alle centra in de periode", "All centres in the period"),
    "table_note": (
        "Klik op een kolomkop om te sorteren; zoeken kan via het vergrootglas boven de tabel. "
        "Een leeg vak betekent: berekend uit minder dan 10 gasten of antwoorden (< 10).",
        "Click a column header to sort; search with the magnifier above the table. An empty "
        "cell means: computed from fewer than 10 guests or answers (< 10).",
    ),
    "col_name": ("Centrum", "Centre"),
    "col_city": ("Plaats", "Place"),
    "col_province": ("Provincie", "Province"),
    "col_link": ("Bekijk", "View"),
    "link_text": ("bekijk", "view"),
    "download_csv": ("Download (CSV)", "Download (CSV)"),
    "kpi_visits_per_1000_inhabitants": (
        "Bezoeken per 1.000 inwoners",
        "Visits per 1,000 inhabitants",
    ),
    "kpi_share_male": ("Aandeel mannen", "Share of men"),
    "kpi_share_female": ("Aandeel vrouwen", "Share of women"),
    "kpi_share_gender_other": ("Aandeel ander geslacht", "Share of another gender"),
    "kpi_share_youth": ("Aandeel jongeren (0-39)", "Share of youth (0-39)"),
    "kpi_share_children": ("Aandeel kinderen (0-17)", "Share of children (0-17)"),
    "kpi_share_young_adults": ("Aandeel jongvolwassenen (18-39)", "Share of young adults (18-39)"),
    "kpi_share_40_49": ("Aandeel 40-49", "Share 40-49"),
    "kpi_share_50_plus": ("Aandeel 50+", "Share 50+"),
    "kpi_share_patients": ("Aandeel patiënten", "Share of patients"),
    "kpi_share_relatives": ("Aandeel naasten", "Share of relatives"),
    "kpi_share_bereaved": ("Aandeel nabestaanden", "Share of bereaved"),
    "kpi_share_referral_care": ("Via zorgverlener", "Via a care provider"),
    "kpi_quality_of_life_improved": ("Betere kwaliteit van leven", "Better quality of life"),
    "kpi_funding_per_visit_eur": ("Financiering per bezoek (EUR)", "Funding per visit (EUR)"),
    "kpi_rating_8_plus": ("Rapportcijfer 8 of hoger", "Rating 8 or higher"),
    "demo_title": ("Wie zijn de gasten", "Who the guests are"),
    "demo_intro": (
        "Aandelen van de verschillende gasten per maand of kwartaal, sinds 2019. Elke gast telt "
        "één keer per maand of kwartaal, met de leeftijd bij het laatste bezoek daarin; gasten "
        "met een onbekende waarde tellen niet mee in de noemer.",
        "Shares of distinct guests per month or quarter since 2019. Each guest counts once per "
        "month or quarter, at their age at the last visit in it; guests with an unknown value "
        "are left out of the denominator.",
    ),
    "grain": ("Per", "Per"),
    "grain_month": ("maand", "month"),
    "grain_quarter": ("kwartaal", "quarter"),
    "split": ("Weergave", "View"),
    "split_national": ("landelijk", "national"),
    "split_province": ("per provincie", "per province"),
    "split_centre": ("centrum naast landelijk", "centre beside national"),
    "topic": ("Onderwerp", "Topic"),
    "topic_gender": ("Geslacht", "Gender"),
    "topic_age": ("Leeftijdsgroepen", "Age groups"),
    "topic_focus": ("50+ en jongeren", "50+ and youth"),
    "topic_relation": ("Patiënten, naasten, nabestaanden", "Patients, relatives, bereaved"),
    "topic_diagnosis": ("Diagnosegroep", "Diagnosis group"),
    "topic_phase": ("Behandelfase", "Treatment phase"),
    "topic_referral": ("Hoe gasten binnenkomen", "How guests arrive"),
    "share_pick": ("Aandeel", "Share"),
    "split_centre_needs_centre": (
        "Kies eerst een centrum in de zijbalk om het naast het landelijke beeld te zetten.",
        "Pick a centre in the sidebar first to set it beside the national picture.",
    ),
    "unknown_note": (
        "In de gekozen periode ({place}): {gender} van {guests} gasten met onbekend geslacht en "
        "{age} met onbekend geboortejaar; zij tellen niet mee in die aandelen.",
        "In the selected period ({place}): {gender} of {guests} guests with an unknown gender "
        "and {age} with an unknown birth year; they are left out of those shares.",
    ),
    "partial_note": (
        "Een open rondje is een kwartaal waarvan nog niet alle maanden in de gegevens zitten.",
        "An open circle is a quarter of which not all months are in the data yet.",
    ),
    "changed_title": ("Wat veranderde in een jaar", "What changed in a year"),
    "changed_caption": (
        "{now_from} – {now_to} tegen {then_from} – {then_to}; verschil in procentpunten.",
        "{now_from} – {now_to} against {then_from} – {then_to}; difference in percentage points.",
    ),
    "changed_from": ("was {value}", "was {value}"),
    "pyramid_note": (
        "Niet in de piramide: {other} gasten met een ander of onbekend geslacht en {age} met "
        "onbekend geboortejaar (van {guests}).",
        "Not in the pyramid: {other} guests with another or unknown gender and {age} with an "
        "unknown birth year (of {guests}).",
    ),
    "referred_prefix": ("Verwezen: ", "Referred: "),
    "changed_unavailable": (
        "Er zijn nog geen 24 maanden gegevens vóór het einde van de periode.",
        "There are not yet 24 months of data before the end of the period.",
    ),
    "page_funding": ("Waar het geld landt", "Where the money lands"),
    "funding_title": ("Waar het geld landt", "Where the money lands"),
    "funding_intro": (
        "Financiering die in de gekozen periode valt: elke subsidie is gelijk over haar "
        "looptijd verdeeld. Cirkels: centra, groter naarmate er meer geld landt; kleur: het "
        "gekozen kerncijfer. De kaart is getekend uit de eigen plaatsentabel en werkt zonder "
        "internet.",
        "Funding falling in the selected period: each grant is spread evenly over its term. "
        "Circles: centres, larger as more money lands; colour: the chosen KPI. The map is drawn "
        "from our own places table and works without internet.",
    ),
    "funder": ("Financier", "Funder"),
    "funder_all": ("Alle financiers", "All funders"),
    "colour_by": ("Kleur naar", "Colour by"),
    "measure": ("Per provincie", "Per province"),
    "measure_total": ("totaal", "total"),
    "measure_per_inhabitant": ("per inwoner", "per inhabitant"),
    "measure_per_cancer_2022": (
        "per persoon met/na kanker (2022)",
        "per person with/after cancer (2022)",
    ),
    "measure_per_cancer_2030": (
        "per persoon met/na kanker (2030)",
        "per person with/after cancer (2030)",
    ),
    "layer": ("Extra kaartlaag", "Extra map layer"),
    "layer_none": ("geen", "none"),
    "layer_provinces": ("provincies (gekozen maatstaf)", "provinces (chosen measure)"),
    "layer_blind_spots": (
        "witte vlekken (> 20 km van een centrum)",
        "blind spots (> 20 km from a centre)",
    ),
    "legend": (
        "Kleur (van laag naar hoog, per vijfde): {bins}. Grijs: minder dan 10 gasten.",
        "Colour (low to high, by fifths): {bins}. Grey: fewer than 10 guests.",
    ),
    "legend_size": (
        "Cirkelgrootte: financiering in de periode ({funder}).",
        "Circle size: funding in the period ({funder}).",
    ),
    "kwf_totals": (
        "KWF-programma: **{total}** toegezegd, waarvan {centres} aan {n} centra (één "
        "coördinatorsubsidie per centrum) en {national} landelijk (brancheorganisatie en "
        "bekendheid). Het landelijke deel staat hier apart en is niet over de centra verdeeld; "
        "samen is het {check}. Niet te verwarren met de € 16 mln waarop Ecorys de informele "
        "zorg waardeert.",
        "KWF programme: **{total}** committed, of which {centres} to {n} centres (one "
        "coordinator grant per centre) and {national} national (branch organisation and "
        "awareness). The national share stands apart here and is not spread over centres; "
        "together {check}. Not to be confused with the EUR 16 m at which Ecorys values informal "
        "care.",
    ),
    "period_funding": (
        "In de gekozen periode: {centres} naar centra ({funder}) en {national} landelijk.",
        "In the selected period: {centres} to centres ({funder}) and {national} national.",
    ),
    "province_heading": ("Financiering per provincie", "Funding per province"),
    "prevalence_note": (
        "Mensen met of na kanker per provincie zijn niet gepubliceerd: het landelijke aantal "
        "({p2022} in 2022, {p2030} verwacht in 2030; {source}) is naar inwonertal verdeeld.",
        "People living with or after cancer are not published per province: the national "
        "number ({p2022} in 2022, {p2030} expected in 2030; {source}) is spread by population.",
    ),
    "coverage_title": (
        "Bereik: wie woont in de buurt van een centrum",
        "Reach: who lives near a centre",
    ),
    "coverage_note": (
        "Hemelsbrede afstand van elke plaats (GeoNames, 500+ inwoners) tot het dichtstbijzijnde "
        "centrum dat op de laatste dag van de periode open was. Het aandeel mensen met of na "
        "kanker is gelijk aan het bevolkingsaandeel, omdat dat aantal naar inwonertal is "
        "verdeeld.",
        "Straight-line distance from each place (GeoNames, 500+ inhabitants) to the nearest "
        "centre open on the period's last day. The share of people living with or after cancer "
        "equals the population share, because that number is spread by population.",
    ),
    "col_area": ("Gebied", "Area"),
    "col_population": ("Inwoners", "Inhabitants"),
    "col_within": ("Binnen {km} km", "Within {km} km"),
    "col_cancer_within": (
        "Met/na kanker binnen 20 km (2022)",
        "Living with/after cancer within 20 km (2022)",
    ),
    "blind_title": (
        "Grootste plaatsen zonder centrum binnen 20 km",
        "Largest places without a centre within 20 km",
    ),
    "col_place": ("Plaats", "Place"),
    "col_distance": ("Afstand tot centrum (km)", "Distance to a centre (km)"),
    "map_table_title": ("De kaart als tabel", "The map as a table"),
    "col_funding": ("Financiering (EUR)", "Funding (EUR)"),
    "grants_active": ("subsidies actief", "grants active"),
    "kwf_cumulative": ("KWF cumulatief (rechteras)", "KWF cumulative (right axis)"),
    "kwf_cumulative_axis": ("KWF cumulatief (EUR)", "KWF cumulative (EUR)"),
    "kwf_total": ("KWF-totaal", "KWF total"),
    "eur_per_month": ("Euro per maand", "Euro per month"),
    "timeline_title": (
        "Subsidies door de tijd: uitbetaald per maand",
        "Grants over time: disbursed per month",
    ),
    "tooltip_funding": ("Financiering", "Funding"),
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

CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "ref_self": ("Uit zichzelf", "By themselves"),
    "ref_relative_or_friend": ("Via naaste of vriend", "Through a relative or friend"),
    "ref_gp": ("Huisarts", "GP"),
    "ref_specialist_or_nurse": ("Specialist of verpleegkundige", "Specialist or nurse"),
    "ref_other_care": ("Andere zorgverlener", "Other care provider"),
    "ref_media": ("Media", "Media"),
    "dx_breast": ("Borstkanker", "Breast"),
    "dx_colorectal": ("Darmkanker", "Colorectal"),
    "dx_lung": ("Longkanker", "Lung"),
    "dx_prostate": ("Prostaatkanker", "Prostate"),
    "dx_haematological": ("Bloed- en lymfeklierkanker", "Haematological"),
    "dx_skin": ("Huidkanker", "Skin"),
    "dx_gynaecological": ("Gynaecologische kanker", "Gynaecological"),
    "dx_head_neck": ("Hoofd-halskanker", "Head and neck"),
    "dx_other": ("Andere kanker", "Other cancer"),
    "ph_diagnosis": ("Diagnose", "Diagnosis"),
    "ph_treatment": ("In behandeling", "In treatment"),
    "ph_after_treatment": ("Na behandeling", "After treatment"),
    "ph_palliative": ("Palliatief", "Palliative"),
}
TEXT.update({f"cat_{k}": v for k, v in CATEGORY_LABELS.items()})


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    nl, en = TEXT[key]
    text = en if lang == "en" else nl
    return text.format(**values) if values else text
