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
    "download_csv": ("CSV", "CSV"),
    "download_xlsx": ("Excel", "Excel"),
    "download_png": ("PNG", "PNG"),
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
    "page_impact": ("Impact van de subsidie", "Funding impact"),
    "page_methodology": ("Methode en bronnen", "Methods and sources"),
    "page_quality": ("Datakwaliteit", "Data quality"),
    "auth_required": (
        "Deze omgeving toont een echte extractie, maar er is geen inlogdienst ingesteld. Echte "
        "gegevens worden nooit zonder inloggen getoond: stel [auth] in .streamlit/secrets.toml "
        "in (zie README).",
        "This deployment serves a real extract but has no sign-in configured. Real data is never "
        "shown without sign-in: configure [auth] in .streamlit/secrets.toml (see README).",
    ),
    "demo_mode": ("Demomodus: kies een rol", "Demo mode: pick a role"),
    "demo_role": ("Bekijk als", "View as"),
    "demo_centre": ("Coördinator van", "Coordinator of"),
    "role_national": ("landelijk (IPSO, KWF)", "national (IPSO, KWF)"),
    "role_grant_manager": ("subsidiebeheerder (KWF)", "grant manager (KWF)"),
    "role_coordinator": ("coördinator van een centrum", "coordinator of a centre"),
    "sign_in_needed": ("Log in om het dashboard te zien.", "Sign in to see the dashboard."),
    "sign_in": ("Inloggen", "Sign in"),
    "sign_out": ("Uitloggen", "Sign out"),
    "no_access_title": ("Geen toegang", "No access"),
    "no_access": (
        "{email} heeft geen rol in dit dashboard. Vraag de beheerder om toegang.",
        "{email} has no role in this dashboard. Ask the administrator for access.",
    ),
    "signed_in_as": ("Ingelogd als {email} ({role})", "Signed in as {email} ({role})"),
    "grants_restricted": (
        "Subsidiedetails zijn er voor subsidiebeheerders en voor het eigen centrum.",
        "Grant details are for grant managers and for one's own centre.",
    ),
    "dq_restricted": (
        "Datakwaliteit is er voor subsidiebeheerders en landelijke gebruikers.",
        "Data quality is for grant managers and national users.",
    ),
    "coordinator_map_note": (
        "Als coördinator ziet u alleen uw eigen centrum op de kaart; andere centra tellen mee in "
        "de provincie- en landelijke totalen.",
        "As a coordinator you see only your own centre on the map; other centres count in the "
        "province and national totals.",
    ),
    "dq_title": ("Datakwaliteit", "Data quality"),
    "dq_intro": (
        "Wat de cijfers dragen: de laatste extractie is ingelezen op {date} (peildatum {as_of}). "
        "Een maand zonder gegevens is geen daling van het aantal bezoeken.",
        "What the figures rest on: the last extract was loaded on {date} (as of {as_of}). A "
        "month without data is not a drop in visits.",
    ),
    "dq_ingest_title": (
        "Wat het inlezen las, laadde en apart zette",
        "What the ingest read, loaded and set aside",
    ),
    "dq_table": ("Tabel", "Table"),
    "dq_files": ("Bestanden", "Files"),
    "dq_read": ("Gelezen rijen", "Rows read"),
    "dq_loaded": ("Geladen", "Loaded"),
    "dq_quarantined": ("In quarantaine", "Quarantined"),
    "dq_reasons": ("Redenen", "Reasons"),
    "dq_reason": ("Reden", "Reason"),
    "dq_rows": ("Rijen", "Rows"),
    "dq_quarantine_where": (
        "De apart gezette rijen staan met hun reden, bronbestand en rijnummer in de map "
        "quarantine naast het datawarehouse.",
        "The rows set aside are kept with their reason, source file and row number in the "
        "quarantine folder beside the warehouse.",
    ),
    "dq_nothing_quarantined": (
        "Het laatste inlezen zette geen enkele rij apart.",
        "The last ingest set no row aside.",
    ),
    "dq_months_title": ("Bezoeken per maand en volledigheid", "Visits per month and completeness"),
    "dq_complete": ("volledige maand", "complete month"),
    "dq_incomplete": ("onvolledige maand", "incomplete month"),
    "dq_centres_reporting": ("centra leverden gegevens", "centres reported"),
    "dq_months_note": (
        "{n} maanden zijn onvolledig: minder centra leverden bezoeken dan er open waren, of het "
        "is de laatste, mogelijk halve maand van de extractie (laatste: {months}).",
        "{n} months are incomplete: fewer centres reported visits than were open, or it is the "
        "extract's last, possibly partial month (latest: {months}).",
    ),
    "dq_centres_title": ("Actualiteit per centrum", "Freshness per centre"),
    "dq_last_month": ("Laatste maand met bezoeken", "Last month with visits"),
    "dq_months_without": ("Maanden open zonder bezoeken", "Months open without visits"),
    "dq_missing_months": ("Welke maanden", "Which months"),
    "dq_centres_note": (
        "Gesorteerd op het aantal maanden zonder bezoeken sinds de opening (binnen de gegevens).",
        "Sorted by the number of months without visits since opening (within the data).",
    ),
    "impact_title": (
        "Wat de subsidie veranderde, en wat het werk waard is",
        "What the grant changed, and what the work is worth",
    ),
    "impact_intro": (
        "Schattingen, geen metingen: elk getal hier heeft een bandbreedte en een methode.",
        "Estimates, not measurements: every figure here comes with a range and a method.",
    ),
    "event_header": ("Voor en na de betaalde coördinator", "Before and after the paid coordinator"),
    "effect_sentence_pct": (
        "Nadat een betaalde coördinator begon, {verb} het aantal {what} met {x} "
        "(95%-interval {a} tot {b}).",
        "After a paid coordinator started, {what} {verb} by {x} (95% interval {a} to {b}).",
    ),
    "effect_sentence_pp": (
        "Nadat een betaalde coördinator begon, veranderde het {what} met {x} "
        "(95%-interval {a} tot {b}).",
        "After a paid coordinator started, the {what} changed by {x} (95% interval {a} to {b}).",
    ),
    "rose": ("steeg", "rose"),
    "no_event_study": (
        "Nog geen schatting mogelijk: er zijn geen centra met een coördinator en een jaar "
        "gegevens ervoor, of geen vergelijkbare centra zonder coördinator.",
        "No estimate possible yet: there are no centres with a coordinator and a year of data "
        "before it, or no comparable centres without one.",
    ),
    "fell": ("daalde", "fell"),
    "outcome": ("Uitkomst", "Outcome"),
    "interval_95": ("95%-interval", "95% interval"),
    "estimate": ("Schatting", "Estimate"),
    "baseline": ("basis", "baseline"),
    "months_since_start": (
        "Maanden sinds de start van de coördinator",
        "Months since the coordinator started",
    ),
    "effect_pct": ("Verschil met verwachting (%)", "Difference from expected (%)"),
    "effect_pp": ("Verschil (procentpunt)", "Difference (percentage points)"),
    "event_method": (
        "Methode: gespreide verschil-in-verschillen. {funded} centra met een coördinator, elk "
        "vergeleken met de centra die in dezelfde kalendermaand nog geen coördinator hadden "
        "({controls} centra doen als vergelijking mee). Maanden {first} tot {last} rond de "
        "start; basis: maanden {b0} tot {b1}; het totale effect is het gemiddelde over maand "
        "{p0} tot {p1}. Interval: {reps} bootstraptrekkingen van centra (2,5e-97,5e "
        "percentiel). Schattingen vóór de basis dicht bij nul tonen dat de groepen vooraf gelijk "
        "opliepen.",
        "Method: staggered difference-in-differences. {funded} centres with a coordinator, each "
        "compared with the centres that had no coordinator yet in the same calendar month "
        "({controls} centres serve as comparison). Months {first} to {last} around the start; "
        "baseline: months {b0} to {b1}; the overall effect averages months {p0} to {p1}. "
        "Interval: {reps} bootstrap draws of centres (2.5th-97.5th percentile). Estimates before "
        "the baseline near zero show the groups moved alike beforehand.",
    ),
    "placebo_note": (
        "Controle op een voortrend: in maanden {p0} tot {p1}, vóór de basis, is het verschil "
        "{x} (95%-interval {a} tot {b}); een interval rond nul betekent geen voortrend.",
        "Pre-trend check: in months {p0} to {p1}, before the baseline, the difference is {x} "
        "(95% interval {a} to {b}); an interval around zero means no pre-trend.",
    ),
    "planted_note": (
        "Controle op de demodata: de generator plantte een stijging van {x} in nieuwe gasten "
        "vanaf de start van de coördinator; de schatting hoort die terug te vinden.",
        "Check on the demo data: the generator planted a {x} rise in new guests from the "
        "coordinator's start; the estimate should recover it.",
    ),
    "value_header": ("Maatschappelijke waarde (schatting)", "Societal value (estimate)"),
    "assumptions_edit": ("Aannames bekijken en aanpassen", "View and change the assumptions"),
    "assumptions_reset": ("Terug naar de gepubliceerde waarden", "Back to the published values"),
    "assumptions_changed": (
        "U rekent met eigen aannames, niet met de gepubliceerde waarden.",
        "You are using your own assumptions, not the published values.",
    ),
    "published_value": (
        "Gepubliceerd: {value} ({source}, {year})",
        "Published: {value} ({source}, {year})",
    ),
    "col_measure": ("Maat", "Measure"),
    "col_change": ("Verandering", "Change"),
    "boardpack_button": ("Boardpack (PowerPoint)", "Board pack (PowerPoint)"),
    "boardpack_help": (
        "Een presentatie van deze weergave: kerncijfers, grafieken, kaart, impact en methode. "
        "Het maken duurt enkele seconden.",
        "A presentation of this view: KPIs, charts, map, impact and method. Making it takes a "
        "few seconds.",
    ),
    "boardpack_made": ("Gegevens ingelezen op {date}", "Data loaded on {date}"),
    "boardpack_kpis": ("Kerncijfers", "Key figures"),
    "boardpack_no_png": (
        "Grafiek niet beschikbaar: voor afbeeldingen is Chromium nodig op de server.",
        "Chart not available: images need Chromium on the server.",
    ),
    "boardpack_map_title": (
        "Financiering per centrum in de periode (cirkelgrootte)",
        "Funding per centre in the period (circle size)",
    ),
    "boardpack_funding": (
        "Financiering in de periode: {total}, waarvan KWF {kwf}.",
        "Funding in the period: {total}, of which KWF {kwf}.",
    ),
    "boardpack_impact": ("Impact en maatschappelijke waarde", "Impact and societal value"),
    "boardpack_per_euro": (
        "Vermeden zorgkosten per euro financiering: {low} – {high}",
        "Avoided care costs per euro of funding: {low} – {high}",
    ),
    "boardpack_value_source": (
        "Schattingen met bandbreedte; bron: {source}.",
        "Estimates with a range; source: {source}.",
    ),
    "boardpack_method_kpis": (
        "Gasten: verschillende personen met een bezoek in de periode; aandelen zonder onbekende "
        "waarden in de noemer; leeftijd bij het laatste bezoek in de periode.",
        "Guests: distinct people with a visit in the period; shares without unknown values in "
        "the denominator; age at the last visit in the period.",
    ),
    "boardpack_method_event": (
        "Effect van de coördinator: gespreide verschil-in-verschillen tegen centra die nog geen "
        "coördinator hadden, 95%-interval uit een bootstrap over centra.",
        "Effect of the coordinator: staggered difference-in-differences against centres that "
        "had no coordinator yet, 95% interval from a bootstrap over centres.",
    ),
    "boardpack_method_value": (
        "Maatschappelijke waarde: de jaarlijkse bandbreedte van Ecorys (2024) per bezoek, maal "
        "de bezoeken in de periode.",
        "Societal value: Ecorys' (2024) yearly range per visit, times the visits in the period.",
    ),
    "col_avoided_consultations_low": ("Vermeden consulten (laag)", "Avoided consultations (low)"),
    "col_avoided_consultations_high": ("Vermeden consulten (hoog)", "Avoided consultations (high)"),
    "col_avoided_care_eur_low": ("Vermeden zorgkosten, EUR (laag)", "Avoided care, EUR (low)"),
    "col_avoided_care_eur_high": ("Vermeden zorgkosten, EUR (hoog)", "Avoided care, EUR (high)"),
    "col_funding_eur": ("Financiering (EUR)", "Funding (EUR)"),
    "col_eur_per_euro_low": ("Per euro financiering (laag)", "Per euro of funding (low)"),
    "col_eur_per_euro_high": ("Per euro financiering (hoog)", "Per euro of funding (high)"),
    "low": ("Laag", "Low"),
    "central": ("Midden", "Central"),
    "high": ("Hoog", "High"),
    "row_consultations": ("Vermeden zorgconsulten", "Avoided care consultations"),
    "row_care_eur": ("Vermeden zorgkosten", "Avoided care costs"),
    "row_rtw": ("Effect op terugkeer naar werk", "Effect on return to work"),
    "up_to": ("tot {x}", "up to {x}"),
    "row_per_euro": (
        "Vermeden zorgkosten per euro financiering ({funding} in de periode)",
        "Avoided care costs per euro of funding ({funding} in the period)",
    ),
    "value_model": (
        "Model: {visits} bezoeken in de periode × (bandbreedte per jaar ÷ {ref} bezoeken per "
        "jaar): {c_low}-{c_high} consulten en {e_low}-{e_high} per jaar volgens {source}. "
        "Midden = gemiddelde van laag en hoog.",
        "Model: {visits} visits in the period × (yearly range ÷ {ref} visits a year): "
        "{c_low}-{c_high} consultations and {e_low}-{e_high} a year per {source}. Central = the "
        "mean of low and high.",
    ),
    "value_survey": (
        "Ter vergelijking, uit het gastenonderzoek: {share} van {n} gasten zegt dat ze zonder "
        "het centrum naar de huisarts of een psycholoog waren gegaan.",
        "For comparison, from the guest survey: {share} of {n} guests say that without the "
        "centre they would have seen a GP or a psychologist.",
    ),
    "value_per_centre": ("Per centrum", "Per centre"),
    "value_per_centre_note": (
        "Leeg: minder dan 10 gasten in de periode (< 10). Financiering: alle financiers, in de "
        "periode.",
        "Empty: fewer than 10 guests in the period (< 10). Funding: all funders, in the period.",
    ),
    "whatif_header": (
        "Wat als meer zorgverleners verwijzen?",
        "What if more care providers referred?",
    ),
    "whatif_rate": (
        "Aandeel zorgverleners dat structureel verwijst",
        "Share of care providers who refer structurally",
    ),
    "extra_guests": ("Extra gasten per jaar", "Extra guests a year"),
    "extra_visits": ("Extra bezoeken per jaar", "Extra visits a year"),
    "extra_consultations": ("Extra vermeden consulten", "Extra avoided consultations"),
    "extra_eur": ("Extra vermeden zorgkosten", "Extra avoided care costs"),
    "whatif_model": (
        "Model: in {months} kwamen {new} nieuwe gasten, van wie {share} via een zorgverlener "
        "(≈ {care} gasten). Nu verwijst ongeveer {r0} van de zorgverleners ({source}); stijgt "
        "dat naar {r}, en de verwezen gasten in dezelfde verhouding, dan komen er {care} × "
        "({r} ÷ {r0} − 1) = {care} × {factor} gasten bij, elk met {vpg} bezoeken (het huidige "
        "gemiddelde per gast). Die bezoeken zijn gewaardeerd als hierboven.",
        "Model: in {months}, {new} new guests came, of whom {share} through a care provider "
        "(≈ {care} guests). About {r0} of care providers refer now ({source}); if that rose to "
        "{r}, and referred guests in proportion, {care} × ({r} ÷ {r0} − 1) = {care} × {factor} "
        "guests would be added, each with {vpg} visits (today's mean per guest). Those visits "
        "are valued as above.",
    ),
    "outlook_header": ("Vooruitblik 2030", "Outlook 2030"),
    "col_reach": ("Gasten per 1.000 mensen met/na kanker", "Guests per 1,000 with/after cancer"),
    "col_guests_now": ("Gasten nu (12 mnd)", "Guests now (12 mo)"),
    "col_guests_2030": ("Gasten 2030", "Guests 2030"),
    "col_visits_2030": ("Bezoeken 2030", "Visits 2030"),
    "col_volunteers_2030": ("Vrijwilligers nodig 2030", "Volunteers needed 2030"),
    "col_coordinators_2030": ("Coördinatoren nodig 2030", "Coordinators needed 2030"),
    "outlook_method": (
        "Bij het huidige bereik per provincie: gasten in {months} per persoon met of na kanker "
        "(nu {today} in {y_today}, {s_today}; naar inwonertal verdeeld). In 2030 {future} "
        "mensen ({s_future}): ×{growth}. Bezoeken, vrijwilligers en coördinatoren groeien mee "
        "bij de huidige verhoudingen (bezoeken per gast, vrijwilligers per bezoek, "
        "coördinatoren per gast).",
        "At today's reach per province: guests in {months} per person living with or after "
        "cancer (now {today} in {y_today}, {s_today}; spread by population). In 2030 {future} "
        "people ({s_future}): ×{growth}. Visits, volunteers and coordinators grow along at "
        "today's ratios (visits per guest, volunteers per visit, coordinators per guest).",
    ),
    "kpi_new_guests_effect": ("nieuwe gasten", "new guests"),
    "method_title": ("Methode en bronnen", "Methods and sources"),
    "method_data": ("Gegevens", "Data"),
    "method_data_text": (
        "Alle cijfers komen uit de gastregistratie van IPSO ({kind}), ingelezen op {date} "
        "(versie {version}). Bij het inlezen wordt elke rij getoetst aan het datacontract: een "
        "onleesbaar bestand of een bestand zonder verplichte kolom wordt geweigerd; een rij die "
        "een regel breekt gaat met de reden in quarantaine en telt nergens mee. Per maand en per "
        "centrum worden de aantallen vooraf opgeteld; verschillende gasten worden per "
        "maandperiode vooraf geteld.",
        "Every figure comes from IPSO's guest registration ({kind}), loaded on {date} (version "
        "{version}). On loading, every row is checked against the data contract: an unreadable "
        "file or one without a required column is refused; a row that breaks a rule is set "
        "aside with its reason and counts nowhere. Counts are summed per month and centre in "
        "advance; distinct guests are counted in advance for every range of months.",
    ),
    "method_synthetic": ("hier: synthetische demodata", "here: synthetic demo data"),
    "method_real": ("een echte extractie", "a real extract"),
    "method_kpis": ("Kerncijfers", "KPIs"),
    "method_kpis_text": (
        "Een periode bestaat uit hele kalendermaanden. Gasten zijn verschillende personen met "
        "minstens één bezoek in de periode en de selectie; hun leeftijd is het jaar van hun "
        "laatste bezoek in de periode min hun geboortejaar (kinderen 0-17, jongvolwassenen "
        "18-39, 40-49, 50 en ouder; jongeren = 0-39). Elke subsidie is gelijk over haar dagen "
        "verdeeld.",
        "A period is made of whole calendar months. Guests are distinct people with at least "
        "one visit in the period and selection; their age is the year of their last visit in "
        "the period minus their birth year (children 0-17, young adults 18-39, 40-49, 50 and "
        "over; youth = 0-39). Each grant is spread evenly over its days.",
    ),
    "col_how": ("Berekening", "Computed as"),
    "col_suppressed": ("Niet getoond", "Not shown"),
    "suppressed_when": (
        "bij minder dan {n} {basis}, buiten het landelijke totaal",
        "with fewer than {n} {basis}, outside the national total",
    ),
    "unknown_left_out": (
        "(onbekend niet in de noemer: {what})",
        "(unknown left out of the denominator: {what})",
    ),
    "count_visits": ("bezoeken", "visits"),
    "count_guests": ("verschillende gasten", "distinct guests"),
    "count_new_guests": (
        "nieuwe gasten (eerste bezoek in de periode)",
        "new guests (first visit in the period)",
    ),
    "count_visits_female": ("bezoeken door vrouwen", "visits by women"),
    "count_visits_gender_known": (
        "bezoeken door gasten met bekend geslacht",
        "visits by guests of known gender",
    ),
    "count_visits_gender_unknown": (
        "bezoeken door gasten met onbekend geslacht",
        "visits by guests of unknown gender",
    ),
    "count_female": ("vrouwen", "women"),
    "count_male": ("mannen", "men"),
    "count_gender_other": ("gasten met een ander geslacht", "guests of another gender"),
    "count_gender_known": ("gasten met bekend geslacht", "guests of known gender"),
    "count_gender_unknown": ("gasten met onbekend geslacht", "guests of unknown gender"),
    "count_age_0_17": ("kinderen (0-17)", "children (0-17)"),
    "count_age_18_39": ("jongvolwassenen (18-39)", "young adults (18-39)"),
    "count_age_40_49": ("gasten van 40-49", "guests aged 40-49"),
    "count_age_50_plus": ("gasten van 50 en ouder", "guests aged 50 and over"),
    "count_age_known": ("gasten met bekend geboortejaar", "guests of known birth year"),
    "count_age_unknown": ("gasten met onbekend geboortejaar", "guests of unknown birth year"),
    "count_patient": ("patiënten", "patients"),
    "count_relative": ("naasten", "relatives"),
    "count_bereaved": ("nabestaanden", "bereaved"),
    "count_ref_known": ("gasten met bekende verwijzer", "guests of known referral"),
    "count_ref_unknown": ("gasten met onbekende verwijzer", "guests of unknown referral"),
    "count_dx_known": ("gasten met bekende diagnosegroep", "guests of known diagnosis group"),
    "count_dx_unknown": ("gasten met onbekende diagnosegroep", "guests of unknown diagnosis group"),
    "count_ph_known": ("gasten met bekende behandelfase", "guests of known treatment phase"),
    "count_ph_unknown": ("gasten met onbekende behandelfase", "guests of unknown treatment phase"),
    "count_rating_sum": ("som van de rapportcijfers", "sum of the ratings"),
    "count_rating_n": ("gegeven rapportcijfers", "ratings given"),
    "count_rating_8plus": ("rapportcijfers van 8 of hoger", "ratings of 8 or more"),
    "count_funding_eur": ("financiering in de periode (EUR)", "funding in the period (EUR)"),
    "count_population_thousands": (
        "inwoners van de plaats (× 1.000)",
        "inhabitants of the place (× 1,000)",
    ),
    "count_guests_with": ("gasten: {what}", "guests: {what}"),
    "count_yes": ("antwoorden 'ja' ({q})", "answers 'yes' ({q})"),
    "count_answers": ("antwoorden ({q})", "answers ({q})"),
    "method_event": ("Effect van de betaalde coördinator", "Effect of the paid coordinator"),
    "method_event_text": (
        "Gespreide verschil-in-verschillen met centra die nog geen coördinator hadden als "
        "vergelijking. Voor elk centrum met een coördinator en elke maand {first} tot {last} "
        "rond de start: voor aantallen (bezoeken, nieuwe gasten) is de verwachting het gemiddelde "
        "van het centrum over maand {b0} tot {b1} × de groei van de vergelijkingscentra sinds "
        "diezelfde maanden; het effect is (werkelijk − verwacht) ÷ verwacht, opgeteld over "
        "centra. Voor aandelen (mannen, jongeren, verwezen door zorgverlener) is het effect de "
        "verandering sinds de basis min die bij de vergelijkingscentra, in procentpunten, "
        "gewogen naar het aantal gasten. Het totale effect middelt maand {p0} tot {p1}. Centra "
        "die minder dan een jaar vóór de start opengingen, tellen niet mee. De 95%-intervallen "
        "komen uit een bootstrap die centra met teruglegging trekt. Aannames: zonder coördinator "
        "waren de centra meegegroeid met de vergelijkingscentra, en de start van een coördinator "
        "hing niet samen met andere veranderingen in dat centrum.",
        "Staggered difference-in-differences with centres that had no coordinator yet as "
        "comparison. For every centre with a coordinator and every month {first} to {last} "
        "around the start: for counts (visits, new guests) the expectation is the centre's mean "
        "over months {b0} to {b1} × the growth of the comparison centres since those same "
        "months; the effect is (actual − expected) ÷ expected, summed over centres. For shares "
        "(men, youth, referred by a care provider) the effect is the change since the baseline "
        "minus that of the comparison centres, in percentage points, weighted by guests. The "
        "overall effect averages months {p0} to {p1}. Centres that opened less than a year "
        "before the start are left out. 95% intervals come from a bootstrap that draws centres "
        "with replacement. Assumptions: without a coordinator the centres would have grown like "
        "the comparison centres, and a coordinator's start did not coincide with other changes "
        "at that centre.",
    ),
    "method_value": ("Maatschappelijke waarde", "Societal value"),
    "method_value_text": (
        "Volgens {source} vermijden bezoeken aan IPSO-centra {c_low} tot {c_high} zorgconsulten "
        "per jaar, € {e_low} tot € {e_high}, en levert terugkeer naar werk tot € {rtw} per jaar "
        "op, bij ongeveer {ref} bezoeken per jaar. Het dashboard rekent dat per bezoek om en "
        "vermenigvuldigt met de bezoeken in de gekozen periode en selectie; midden = gemiddelde "
        "van laag en hoog. Ecorys waardeert ook de informele zorg op € {informal} per jaar: dat "
        "is een ander getal dan de KWF-subsidie van € {kwf}, al zijn ze even groot.",
        "Per {source}, visits to IPSO centres avoid {c_low} to {c_high} care consultations a "
        "year, EUR {e_low} to EUR {e_high}, and return to work yields up to EUR {rtw} a year, "
        "at about {ref} visits a year. The dashboard turns that into a figure per visit and "
        "multiplies by the visits of the chosen period and selection; central = the mean of "
        "low and high. Ecorys also values informal care at EUR {informal} a year: a different "
        "figure from the KWF grant of EUR {kwf}, though equal in size.",
    ),
    "method_coverage": ("Bereik en financiering per provincie", "Reach and funding per province"),
    "method_coverage_text": (
        "Bereik: de hemelsbrede (haversine) afstand van elk van de {places} plaatsen met 500 of "
        "meer inwoners (GeoNames, CC BY 4.0) tot het dichtstbijzijnde open centrum; aandelen "
        "binnen {radii} km, gewogen naar inwoners. Mensen met of na kanker zijn niet per "
        "provincie gepubliceerd: het landelijke aantal ({p2022} in 2022, {p2030} verwacht in "
        "2030) is naar inwonertal verdeeld.",
        "Reach: the straight-line (haversine) distance from each of the {places} places with 500 "
        "or more inhabitants (GeoNames, CC BY 4.0) to the nearest open centre; shares within "
        "{radii} km, weighted by inhabitants. People living with or after cancer are not "
        "published per province: the national number ({p2022} in 2022, {p2030} expected in "
        "2030) is spread by population.",
    ),
    "method_privacy": ("Kleine aantallen", "Small numbers"),
    "method_privacy_text": (
        "Een cijfer dat berekend is uit minder dan {n} gasten of antwoorden wordt buiten het "
        "landelijke totaal niet getoond ('< {n}'), in tegels, grafieken, tabellen, tooltips en "
        "downloads. Een percentage wordt dan nooit als 0% of 100% getoond. Buiten het landelijke "
        "totaal zijn aantallen bovendien afgerond op een veelvoud van {r}, zodat het verschil "
        "van twee weergaven (een provincie en de getoonde centra, of twee overlappende "
        "periodes) een verborgen cijfer niet precies teruggeeft. Percentages worden uit de "
        "exacte aantallen berekend.",
        "A figure computed from fewer than {n} guests or answers is not shown outside the "
        "national total ('< {n}'), in tiles, charts, tables, tooltips and downloads. A "
        "percentage is then never shown as 0% or 100%. Outside the national total, counts are "
        "also rounded to a multiple of {r}, so that the difference of two views (a province and "
        "the centres shown, or two overlapping periods) does not give a hidden figure back "
        "exactly. Percentages are computed from the exact counts.",
    ),
    "method_sources": ("Gepubliceerde cijfers en hun bronnen", "Published figures and sources"),
    "col_figure": ("Cijfer", "Figure"),
    "col_value": ("Waarde", "Value"),
    "col_unit": ("Eenheid", "Unit"),
    "col_source": ("Bron", "Source"),
    "unit_share": ("aandeel", "share"),
    "unit_people": ("mensen", "people"),
    "unit_visits": ("bezoeken", "visits"),
    "unit_centres": ("centra", "centres"),
    "unit_volunteers": ("vrijwilligers", "volunteers"),
    "unit_year": ("jaar", "year"),
    "unit_rating": ("rapportcijfer", "rating"),
    "unit_EUR": ("euro", "euro"),
    "unit_EUR per year": ("euro per jaar", "euro per year"),
    "unit_visits per year": ("bezoeken per jaar", "visits per year"),
    "unit_consultations per year": ("consulten per jaar", "consultations per year"),
    "unit_people per year": ("mensen per jaar", "people per year"),
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
    "kpi_table_title": ("Alle kerncijfers van deze weergave", "All KPIs of this view"),
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
