"""Synthetic demo extract of the IPSO guest registration, following the data contract exactly.

Deterministic for a seed. About 90 centres in real Dutch towns (coordinates and provinces from
data/reference/places_nl.csv), monthly history from January 2019 to the last full month, about
1.5 million visits at scale 1, calibrated to the published figures (data/reference/
assumptions.csv). Every centre draws from its own random stream, so the output does not depend on
how the work is chunked. The paid coordinator's effect is planted through `SynthConfig` and written
to `_synthetic.json` in the extract, so the impact analysis can be checked against a known truth.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl

from dashboard import contract
from dashboard.metrics.impact import HEADLINE, realised_effect
from dashboard.reference import assumption, load_places

# The contract's column types as polars writes them, per table.
SCHEMAS = {t.name: t.polars_schema for t in contract.TABLES}

EPOCH = date(1970, 1, 1)

# Real centre names and towns (FACTS.md); the rest of the network is invented but plausible.
REAL_CENTRES: tuple[tuple[str, str, float], ...] = (
    # (name, town, relative size: annual visits at steady state before the coordinator)
    ("Toon Hermans Huis Sittard", "Sittard", 3800),
    ("PISA", "Hoorn", 2600),
    ("Toon Hermans Huis Amersfoort", "Amersfoort", 3600),
    ("Toon Hermans Huis Roermond", "Roermond", 6500),
    ("Toon Hermans Huis Hoogeveen", "Hoogeveen", 5200),
    ("Toon Hermans Huis Emmeloord", "Emmeloord", 1500),
    ("IPSO Huis Kennemerland", "Haarlem", 3100),
    ("'t Anker", "Mijdrecht", 1300),
    ("De Skulp Heerenveen", "Heerenveen", 1900),
    ("De Skulp Drachten", "Drachten", 1600),
    ("De Skulp Sneek", "Sneek", 1400),
    ("De Skulp Leeuwarden", "Leeuwarden", 2700),
    ("Sigrid's Garden", "Emmen", 2200),
    ("De Eik", "Eindhoven", 3900),
    ("De Cirkel", "Helmond", 2400),
    ("De Boei", "Middelharnis", 1100),
    ("Uitzicht", "Gorinchem", 1700),
    ("Carma", "Naaldwijk", 1800),
    ("Inloophuis Den Helder", "Den Helder", 1500),
    ("Inloophuis Medemblik", "Medemblik", 900),
    ("Inloophuis Veenendaal", "Veenendaal", 1800),
    ("Inloophuis Woerden", "Woerden", 1400),
    ("Inloophuis Haaglanden", "Den Haag", 4200),
)
INVENTED_NAMES = (
    "De Vlinder",
    "Het Baken",
    "De Horizon",
    "Oase",
    "De Linde",
    "Het Lichtpunt",
    "De Vuurtoren",
    "De Regenboog",
    "Het Kompas",
    "De Brug",
    "De Waterlelie",
    "Het Trefpunt",
    "De Ontmoeting",
    "Het Klaverblad",
    "De Steiger",
    "De Haven",
    "Het Open Huis",
    "De Kastanje",
    "Zonnehoek",
    "De Wending",
)
N_CENTRES = 90
N_TOON_HERMANS = 15  # fifteen centres carry the name (FACTS.md)

# Shares at a guest's first visit (before the trend and the coordinator effect).
REFERRAL_P = {
    "self": 0.38,
    "relative_or_friend": 0.18,
    "gp": 0.05,
    "specialist_or_nurse": 0.28,  # 6% oncologist + 22% oncology nurse
    "other_care": 0.03,
    "media": 0.06,
    "unknown": 0.02,
}
DIAGNOSIS_P = {
    "breast": 0.33,
    "colorectal": 0.10,
    "lung": 0.08,
    "prostate": 0.07,
    "haematological": 0.08,
    "skin": 0.04,
    "gynaecological": 0.06,
    "head_neck": 0.03,
    "other": 0.10,
    "unknown": 0.11,
}
PHASE_P = {
    "diagnosis": 0.10,
    "treatment": 0.35,
    "after_treatment": 0.40,
    "palliative": 0.08,
    "unknown": 0.07,
}
ADULT_ACTIVITY_P = {
    "walk_in": 0.30,
    "conversation": 0.25,
    "peer_group": 0.12,
    "creative": 0.13,
    "movement": 0.10,
    "information": 0.07,
    "youth_programme": 0.0,
    "other": 0.03,
}
DURATION_MEAN = {
    "walk_in": 60,
    "conversation": 55,
    "peer_group": 100,
    "creative": 120,
    "movement": 75,
    "information": 45,
    "youth_programme": 110,
    "other": 60,
}
RATING_P = {10: 0.17, 9: 0.30, 8: 0.38, 7: 0.10, 6: 0.03, 5: 0.01, 4: 0.005, 3: 0.005}
SEASON = (1.02, 1.05, 1.06, 1.03, 1.0, 0.97, 0.80, 0.78, 1.02, 1.07, 1.08, 0.86)


def covid_factor(year: int, month: int) -> float:
    """Share of normal activity: centres closed or half open in 2020-21 (the planted dip)."""
    ym = year * 100 + month
    if 202003 <= ym <= 202005:
        return 0.25
    if 202006 <= ym <= 202009:
        return 0.70
    if 202010 <= ym <= 202105:
        return 0.45
    if 202106 <= ym <= 202112:
        return 0.80
    return 1.0


@dataclass(frozen=True)
class SynthConfig:
    """Knobs of the generator; the defaults are the documented demo extract."""

    seed: int = 2022
    scale: float = 1.0
    start: date = date(2019, 1, 1)
    end: date | None = None  # default: last day of the last full month before `today`
    today: date | None = None
    # New guests a year at steady state (scale 1); with about 18 visits each over their
    # months of attendance this gives about 200,000 visits and 18,000 guests a year.
    new_guests_per_year: int = 13_500
    visits_per_guest: float = 18.0
    attendance_months: float = 8.0
    male_share_2019: float = 0.21
    male_share_trend_per_year: float = 0.008
    # Planted effects of the paid coordinator (from the month the coordinator started):
    coordinator_effect_new_guests: float = 0.15  # new guests a month x 1.15
    coordinator_effect_male_pp: float = 0.05  # share of men among new guests +5 pp
    coordinator_effect_youth_pp: float = 0.04  # share of children and young adults +4 pp
    coordinator_effect_care_referral_pp: float = 0.05  # referrals by GP/specialist/nurse +5 pp
    kwf_total_eur: float = 16_000_000.0
    kwf_national_branch_eur: float = 1_200_000.0
    kwf_national_awareness_eur: float = 800_000.0
    centres_without_coordinator: int = 6

    def resolved_end(self) -> date:
        if self.end is not None:
            return self.end
        today = self.today or date.today()
        return today.replace(day=1) - timedelta(days=1)


def _days(d: date) -> int:
    return (d - EPOCH).days


def _choice(rng: np.random.Generator, probs: dict, n: int) -> np.ndarray:
    keys = list(probs)
    p = np.array([probs[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=p / p.sum())]


def build_centres(cfg: SynthConfig) -> pl.DataFrame:
    """The centre list: real names where published, invented ones in other real towns."""
    rng = np.random.default_rng([cfg.seed, 1])
    places = load_places()
    by_name = {}
    for row in places.iter_rows(named=True):
        by_name.setdefault(row["name"], row)  # the largest place of that name

    rows: list[dict] = []
    used_towns: set[str] = set()
    for name, town, size in REAL_CENTRES:
        rows.append({"name": name, "town": town, "size": size})
        used_towns.add(town)

    # Other towns: the large cities first, then towns drawn by population, each used once.
    candidates = places.filter(
        (pl.col("population") >= 20_000) & ~pl.col("name").is_in(list(used_towns))
    ).unique(subset="name", keep="first", maintain_order=True)
    cities = candidates.filter(pl.col("population") >= 100_000)["name"].to_list()
    rest = candidates.filter(pl.col("population") < 100_000)
    weights = rest["population"].to_numpy().astype(float) ** 0.7
    n_more = N_CENTRES - len(rows) - len(cities)
    picks = rng.choice(rest.height, size=n_more, replace=False, p=weights / weights.sum())
    towns = cities + [rest["name"][int(i)] for i in picks]

    n_toon = N_TOON_HERMANS - sum(1 for r in rows if r["name"].startswith("Toon Hermans"))
    for i, town in enumerate(towns):
        if i % 6 == 1 and n_toon > 0:
            name = f"Toon Hermans Huis {town}"
            n_toon -= 1
        elif i % 3 == 0:
            name = f"Inloophuis {town}"
        else:
            name = f"{INVENTED_NAMES[i % len(INVENTED_NAMES)]} {town}"
        pop = by_name[town]["population"]
        size = float(np.clip(900 * (pop / 40_000) ** 0.35 * rng.lognormal(0, 0.35), 500, 6000))
        rows.append({"name": name, "town": town, "size": size})

    n = len(rows)
    # Opening dates: Sittard was the first (1998); 75 centres by 2019, 81 by 2022, 90 by 2024.
    opened = []
    # The published (real) centres are established ones; the newer centres are invented.
    n_real = len(REAL_CENTRES)
    order = [*rng.permutation(np.arange(1, n_real)), *rng.permutation(np.arange(n_real, n))]
    for rank, i in enumerate([0, *order]):
        if i == 0:
            d = date(1998, 6, 1)
        elif rank < 75:
            d = date(1999, 1, 1) + timedelta(days=int(rng.integers(0, 365 * 20)))
        elif rank < 81:
            d = date(2019, 3, 1) + timedelta(days=int(rng.integers(0, 365 * 3)))
        else:
            d = date(2023, 1, 1) + timedelta(days=int(rng.integers(0, 700)))
        opened.append((i, d))
    opened_on = dict(opened)

    # Coordinator starts staggered over 2023-2024; a few centres have none yet.
    no_coord = set(rng.choice(np.arange(1, n), size=cfg.centres_without_coordinator, replace=False))
    records = []
    for i, r in enumerate(rows):
        place = by_name[r["town"]]
        start = None
        if i not in no_coord:
            start = date(2023, 1, 1) + timedelta(days=int(rng.integers(0, 730)))
            start = max(start, opened_on[i] + timedelta(days=60))
        records.append(
            {
                "centre_id": f"C{i + 1:03d}",
                "name": r["name"],
                "city": r["town"],
                "province": place["province"],
                "latitude": float(place["latitude"]),
                "longitude": float(place["longitude"]),
                "opened_on": opened_on[i],
                "coordinator_start": start,
                "size": r["size"],
            }
        )
    frame = pl.DataFrame(records)
    # New centres start smaller.
    frame = frame.with_columns(
        pl.when(pl.col("opened_on") >= date(2019, 1, 1))
        .then(pl.col("size") * 0.6)
        .otherwise(pl.col("size"))
        .alias("size")
    )
    return frame


WARM_UP_YEARS = 2  # guests who started before the extract's first month still come


def _months(cfg: SynthConfig) -> list[date]:
    end = cfg.resolved_end()
    months, d = [], cfg.start.replace(year=cfg.start.year - WARM_UP_YEARS)
    while d <= end:
        months.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return months


def _centre_guests_and_visits(
    cfg: SynthConfig,
    centre: dict,
    idx: int,
    size_share: float,
    neighbour: dict,
    with_surveys: bool = True,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame | None]:
    """Guests, visits and survey responses of one centre, from its own random stream. Columns
    starting with "_" describe the same world without the coordinator effect (an extra guest
    the coordinator brought, the gender, birth year and referral the guest would have had, a
    visit that would have happened); they are not part of the extract.

    The steps below draw from one stream in a fixed order; reordering them changes the data."""
    rng = np.random.default_rng([cfg.seed, 100 + idx])
    end_day = _days(cfg.resolved_end())
    coord = centre["coordinator_start"]
    coord_day = _days(coord) if coord is not None else None
    month_starts, lam, lam0 = _new_guest_rates(cfg, centre, size_share, coord_day)
    first, is_extra = _first_visits(
        rng, month_starts, lam, lam0, _days(centre["opened_on"]), end_day
    )
    g = _guest_traits(rng, cfg, first, coord_day)
    guests = _guest_frame(centre, idx, first, g)
    v = _visit_days(rng, cfg, first, is_extra, g["gender"], g["gender0"], end_day)
    visits = _visit_frame(rng, centre, idx, neighbour, guests, v, g["birth_year"])
    vday, vguest = v["vday"][v["in1"]], v["vguest"][v["in1"]]
    surveys = (
        _surveys(rng, centre, guests, vguest, vday, g["birth_year"], g["relation"], idx)
        if with_surveys
        else None
    )
    guests = guests.with_columns(
        pl.Series("_extra", is_extra),
        pl.Series("_gender0", g["gender0"].astype(str)),
        pl.Series("_birth_year0", g["birth_year0"]).cast(pl.Int32),
        pl.Series("_referral0", g["referral0"].astype(str)),
    ).with_columns(
        pl.when(pl.Series(g["birth_known"])).then(pl.col("_birth_year0")).otherwise(None)
    )
    # Guests whose attendance ended before the extract's first month are not in it.
    seen = np.zeros(first.size, dtype=bool)
    seen[vguest] = True
    return guests.filter(pl.Series(seen)), visits, surveys


def _new_guest_rates(cfg: SynthConfig, centre: dict, size_share: float, coord_day: int | None):
    """Expected new guests per month from the centre's opening: size x season x covid dip x
    ramp-up of a new centre, with (lam) and without (lam0) the coordinator effect."""
    opened = _days(centre["opened_on"])
    month_starts, lam, lam0 = [], [], []
    per_month = cfg.new_guests_per_year * cfg.scale * size_share / 12
    for m in _months(cfg):
        md = _days(m)
        if md + 30 < opened:
            continue
        f = per_month * SEASON[m.month - 1] * covid_factor(m.year, m.month)
        age_months = (md - opened) / 30.4
        if age_months < 12:
            f *= 0.4 + 0.6 * max(age_months, 0) / 12
        lam0.append(f)
        if coord_day is not None and md >= coord_day:
            f *= 1 + cfg.coordinator_effect_new_guests
        month_starts.append(md)
        lam.append(f)
    return month_starts, lam, np.array(lam0)


def _first_visits(rng, month_starts, lam, lam0, opened: int, end_day: int):
    """Each guest's first visit day, and whether the guest is one of the extra ones the
    coordinator brought. The guests of the world without the coordinator plus the extra ones (a
    Poisson sum, so the total is Poisson(lam)): the world without the effect is this one with
    the extra guests taken out, from the same random draws."""
    base_counts = rng.poisson(lam0)
    extra_counts = rng.poisson(np.array(lam) - lam0)
    counts = base_counts + extra_counts
    n = int(counts.sum())
    is_extra = (
        np.concatenate(
            [
                np.r_[np.zeros(b, dtype=bool), np.ones(x, dtype=bool)]
                for b, x in zip(base_counts, extra_counts, strict=True)
            ]
        )
        if n
        else np.zeros(0, dtype=bool)
    )
    first = np.repeat(np.array(month_starts), counts) + rng.integers(0, 28, size=n)
    first = np.maximum(first, opened)
    first = np.minimum(first, end_day)
    return first, is_extra


def _guest_traits(rng, cfg: SynthConfig, first: np.ndarray, coord_day: int | None) -> dict:
    """Gender, age, relation, referral, diagnosis and phase of each guest, in both worlds where
    the coordinator effect changes them (gender0, birth_year0, referral0: without it)."""
    n = first.size
    years = _year_of(first)
    after = (first >= coord_day) if coord_day is not None else np.zeros(n, dtype=bool)
    t = (first - _days(date(2019, 1, 1))) / 365.25

    # Gender: a growing share of men, more so after the coordinator came.
    p_male = cfg.male_share_2019 + cfg.male_share_trend_per_year * t
    u = rng.random(n)

    def gender_for(p_male):
        return np.where(
            u < p_male,
            "male",
            np.where(
                u < p_male + 0.006, "other", np.where(u < p_male + 0.018, "unknown", "female")
            ),
        )

    gender0 = gender_for(p_male)
    gender = gender_for(p_male + cfg.coordinator_effect_male_pp * after)

    # Age at first visit: most over fifty; children and young adults in youth programmes.
    u_age = rng.random(n)
    ages = (
        rng.integers(4, 18, size=n),
        rng.integers(18, 40, size=n),
        rng.integers(40, 50, size=n),
        np.clip(rng.normal(63, 9, size=n), 50, 92).astype(int),
    )

    def age_for(youth_boost):
        p_child = 0.04 + youth_boost * 0.4
        p_young = 0.11 + youth_boost * 0.6
        p_40 = 0.15
        return np.where(
            u_age < p_child,
            ages[0],
            np.where(
                u_age < p_child + p_young,
                ages[1],
                np.where(u_age < p_child + p_young + p_40, ages[2], ages[3]),
            ),
        )

    age = age_for(cfg.coordinator_effect_youth_pp * after)
    birth_year = (years - age).astype(int)
    birth_year0 = (years - age_for(0.0)).astype(int)
    birth_known = rng.random(n) >= 0.03

    is_child = age < 18
    u = rng.random(n)
    relation = np.where(
        is_child,
        np.where(u < 0.85, "relative", "patient"),
        np.where(u < 0.64, "patient", np.where(u < 0.92, "relative", "bereaved")),
    )
    referral0 = _choice(rng, REFERRAL_P, n)
    care = rng.random(n) < cfg.coordinator_effect_care_referral_pp * after
    referral = np.where(care, "specialist_or_nurse", referral0)
    diagnosis = _choice(rng, DIAGNOSIS_P, n)
    diagnosis = np.where(rng.random(n) < 0.05, None, diagnosis)
    phase = _choice(rng, PHASE_P, n)
    phase = np.where((relation == "bereaved") | (rng.random(n) < 0.04), None, phase)
    return {
        "gender": gender,
        "gender0": gender0,
        "birth_year": birth_year,
        "birth_year0": birth_year0,
        "birth_known": birth_known,
        "relation": relation,
        "referral": referral,
        "referral0": referral0,
        "diagnosis": diagnosis,
        "phase": phase,
    }


def _guest_frame(centre: dict, idx: int, first: np.ndarray, g: dict) -> pl.DataFrame:
    n = first.size
    return pl.DataFrame(
        {
            "guest_id": _ids(f"G{idx + 1:03d}", n, 7),
            "centre_id": [centre["centre_id"]] * n,
            "gender": g["gender"].astype(str),
            "birth_year": pl.Series(np.where(g["birth_known"], g["birth_year"], 0)).cast(pl.Int32),
            "relation": g["relation"].astype(str),
            "diagnosis_group": g["diagnosis"].tolist(),
            "treatment_phase": g["phase"].tolist(),
            "referral_source": g["referral"].astype(str),
            "first_visit_on": pl.Series(first).cast(pl.Int32).cast(pl.Date),
        },
        schema_overrides={"diagnosis_group": pl.String, "treatment_phase": pl.String},
    ).with_columns(pl.when(pl.Series(g["birth_known"])).then(pl.col("birth_year")).otherwise(None))


def _visit_days(rng, cfg: SynthConfig, first, is_extra, gender, gender0, end_day: int) -> dict:
    """Visit days per guest (sorted by guest and day), and whether each visit happens with
    (in1) and without (in0) the coordinator effect.

    A first visit on first_visit_on, then more spread over the months of attendance, thinned
    by the covid dip and the season of the visit's own month. Further visits: a negative
    binomial (size 2) written as its gamma-Poisson mixture, so that men's fewer visits
    (0.85 x) are a thinning of the same draws: a guest whose gender the coordinator effect
    changed keeps the same visits in both worlds, less the thinned ones."""
    n = first.size
    ids = np.arange(n)
    k_other = cfg.visits_per_guest
    k_male = 0.85 * cfg.visits_per_guest
    extra = rng.poisson(rng.gamma(2.0, 0.5, size=n) * max(k_other - 1, 0.0))
    span = np.minimum(rng.exponential(cfg.attendance_months * 30.4, size=n), 36 * 30.4)
    g_idx = np.repeat(ids, extra)
    offs = rng.random(g_idx.size) * span[g_idx]
    thin = rng.random(g_idx.size) < (k_male - 1) / (k_other - 1) if k_other > 1 else g_idx > -1
    vday = np.concatenate([first, first[g_idx] + offs.astype(int)])
    vguest = np.concatenate([ids, g_idx])
    y, mo = _civil(vday)
    keep_p = COVID_TABLE[(y - COVID_TABLE_START) * 12 + mo - 1] * np.array(SEASON)[mo - 1] / 1.08
    keep = (vday <= end_day) & (rng.random(vday.size) < keep_p)
    keep &= vday >= _days(cfg.start)
    keep[:n] = (first >= _days(cfg.start)) & (first <= end_day)  # a first visit always counts

    def stays(g: np.ndarray) -> np.ndarray:
        return np.concatenate([np.ones(n, dtype=bool), (g[g_idx] != "male") | thin])

    in1 = keep & stays(gender)
    in0 = keep & stays(gender0) & ~is_extra[vguest]
    sel = in1 | in0
    vday, vguest, in1, in0 = vday[sel], vguest[sel], in1[sel], in0[sel]
    order = np.lexsort((vday, vguest))
    return {"vday": vday[order], "vguest": vguest[order], "in1": in1[order], "in0": in0[order]}


def _visit_frame(rng, centre, idx, neighbour, guests, v: dict, birth_year) -> pl.DataFrame:
    """The visit rows: activity by age, duration by activity, and a few visits at the nearest
    other centre where it was open; _in1/_in0 keep both worlds (see `counterfactual_panel`)."""
    vday, vguest = v["vday"], v["vguest"]
    m = vday.size
    vage = _year_of(vday) - birth_year[vguest]
    u = rng.random(m)
    adult_acts = _choice(rng, ADULT_ACTIVITY_P, m)
    activity = np.where(
        vage < 18,
        np.where(u < 0.8, "youth_programme", np.where(u < 0.9, "creative", "other")),
        np.where((vage < 40) & (u < 0.25), "youth_programme", adult_acts),
    )
    sorted_acts = sorted(DURATION_MEAN)
    act_idx = np.searchsorted(np.array(sorted_acts), activity.astype(str))
    dm = np.array([DURATION_MEAN[a] for a in sorted_acts])[act_idx]
    duration = np.clip(rng.normal(dm, dm * 0.25), 5, 480).astype(int)
    duration_known = rng.random(m) >= 0.05
    away = (rng.random(m) < 0.03) & (vday >= _days(neighbour["opened_on"]))
    visit_centre = np.where(away, neighbour["centre_id"], centre["centre_id"])
    return pl.DataFrame(
        {
            "visit_id": _ids(f"V{idx + 1:03d}", m, 9),
            "guest_id": guests["guest_id"].gather(vguest),
            "centre_id": visit_centre.astype(str),
            "visit_date": pl.Series(vday).cast(pl.Int32).cast(pl.Date),
            "activity": activity.astype(str),
            "duration_min": pl.Series(np.where(duration_known, duration, 0)).cast(pl.Int32),
            "_in1": v["in1"],
            "_in0": v["in0"],
        }
    ).with_columns(pl.when(pl.Series(duration_known)).then(pl.col("duration_min")).otherwise(None))


PANEL_COLUMNS = (
    "visits",
    "new_guests",
    "new_male",
    "new_gender_known",
    "new_youth",
    "new_age_known",
    "new_care_referrals",
    "new_ref_known",
)


def centre_month_counts(
    guests: pl.DataFrame, visits: pl.DataFrame, with_effect: bool = True
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The event study's counts (as queries/impact_panel.sql defines them) of generated guests
    and visits, in the world with the coordinator effect or the same world without it: visits
    per visit centre and month, new guests and their make-up per home centre and month of the
    first visit. Two long frames (centre_id, month, columns), to add up over chunks."""
    if with_effect:
        g, v = guests, visits.filter(pl.col("_in1"))
    else:
        g = guests.filter(~pl.col("_extra")).with_columns(
            pl.col("_gender0").alias("gender"),
            pl.col("_birth_year0").alias("birth_year"),
            pl.col("_referral0").alias("referral_source"),
        )
        v = visits.filter(pl.col("_in0"))
    v_counts = v.group_by("centre_id", pl.col("visit_date").dt.truncate("1mo").alias("month")).agg(
        pl.len().alias("visits")
    )
    care = pl.col("referral_source").is_in(["gp", "specialist_or_nurse", "other_care"])
    g_counts = g.group_by(
        "centre_id", pl.col("first_visit_on").dt.truncate("1mo").alias("month")
    ).agg(
        pl.len().alias("new_guests"),
        (pl.col("gender") == "male").sum().alias("new_male"),
        (pl.col("gender") != "unknown").sum().alias("new_gender_known"),
        ((pl.col("first_visit_on").dt.year() - pl.col("birth_year")) < 40).sum().alias("new_youth"),
        pl.col("birth_year").is_not_null().sum().alias("new_age_known"),
        care.sum().alias("new_care_referrals"),
        (pl.col("referral_source") != "unknown").sum().alias("new_ref_known"),
    )
    return v_counts, g_counts


def assemble_panel(
    centres: pl.DataFrame, cfg: SynthConfig, visit_parts: list, guest_parts: list
) -> pl.DataFrame:
    """Every centre x every month of the extract, zeros where nothing happened."""
    months = [m for m in _months(cfg) if m >= cfg.start.replace(day=1)]
    grid = centres.select("centre_id").join(
        pl.DataFrame({"month": months}, schema={"month": pl.Date}), how="cross"
    )
    v = pl.concat(visit_parts).group_by("centre_id", "month").agg(pl.col("visits").sum())
    g = pl.concat(guest_parts).group_by("centre_id", "month").sum()
    return (
        grid.join(v, on=["centre_id", "month"], how="left")
        .join(g, on=["centre_id", "month"], how="left")
        .with_columns(pl.col(c).fill_null(0).cast(pl.Int64) for c in PANEL_COLUMNS)
        .select("centre_id", "month", *PANEL_COLUMNS)
        .sort("centre_id", "month")
    )


def simulate_panels(cfg: SynthConfig) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Without writing an extract: the centres, the event-study panel of the generated world
    and the panel of the same world without the coordinator effect (same random draws). The
    same panel the warehouse gives for the extract `generate` writes with this config."""
    centres = build_centres(cfg)
    size_share = (centres["size"] / centres["size"].sum()).to_list()
    nearest = _nearest(centres)
    rows = centres.to_dicts()
    parts = {True: ([], []), False: ([], [])}
    for i in range(len(rows)):
        g, v, _ = _centre_guests_and_visits(
            cfg, rows[i], i, size_share[i], rows[nearest[i]], with_surveys=False
        )
        for world in (True, False):
            vc, gc = centre_month_counts(g, v, world)
            parts[world][0].append(vc)
            parts[world][1].append(gc)
    panels = [assemble_panel(centres, cfg, *parts[w]) for w in (True, False)]
    return centres.drop("size"), panels[0], panels[1]


def realised_effects(centres: pl.DataFrame, panel: pl.DataFrame, panel0: pl.DataFrame) -> dict:
    """Per headline outcome, the effect as the estimator defines it, from both worlds."""
    return {o: realised_effect(panel, panel0, centres, o) for o in HEADLINE}


def _ids(prefix: str, n: int, width: int) -> pl.Series:
    digits = pl.Series(np.arange(n, dtype=np.int64)).cast(pl.String).str.zfill(width)
    return pl.select(pl.lit(prefix) + digits).to_series()


COVID_TABLE_START = 1990
COVID_TABLE = np.array(
    [covid_factor(y, m) for y in range(COVID_TABLE_START, 2101) for m in range(1, 13)]
)


def _civil(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    d = days.astype("datetime64[D]")
    y = d.astype("datetime64[Y]").astype(int) + 1970
    mo = d.astype("datetime64[M]").astype(int) % 12 + 1
    return y, mo


def _year_of(days: np.ndarray) -> np.ndarray:
    return _civil(days)[0]


def _surveys(rng, centre, guests, vguest, vday, birth_year, relation, idx) -> pl.DataFrame:
    """About one guest in five answers the outcome survey once, at one of their visits."""
    n = guests.height
    if vday.size == 0:
        return pl.DataFrame(schema=SCHEMAS["surveys"])
    answers = rng.random(n) < 0.22
    # one random visit of each answering guest
    pick = np.zeros(n, dtype=np.int64) - 1
    order = rng.permutation(vday.size)
    pick[vguest[order]] = order
    who = np.flatnonzero(answers & (pick >= 0))
    k = who.size
    day = vday[pick[who]]
    anonymous = rng.random(k) < 0.3
    age = _year_of(day) - birth_year[who]
    ratings = np.array(list(RATING_P))
    rp = np.array(list(RATING_P.values()))
    rating = ratings[rng.choice(len(ratings), size=k, p=rp / rp.sum())]

    def flag(p_true: float, null_p: float = 0.06) -> list:
        v = rng.random(k) < p_true
        nul = rng.random(k) < null_p
        return [None if x else bool(y) for x, y in zip(nul, v, strict=True)]

    working_age_patient = (age >= 18) & (age <= 66) & (relation[who] == "patient")
    btw = rng.random(k) < 0.35
    back_to_work = [bool(b) if w else None for b, w in zip(btw, working_age_patient, strict=True)]
    gid = guests["guest_id"].gather(who).to_list()
    return pl.DataFrame(
        {
            "response_id": _ids(f"R{idx + 1:03d}", k, 7),
            "guest_id": [None if a else g for a, g in zip(anonymous, gid, strict=True)],
            "centre_id": [centre["centre_id"]] * k,
            "answered_on": pl.Series(day).cast(pl.Int32).cast(pl.Date),
            "rating": [
                None if x else int(r) for x, r in zip(rng.random(k) < 0.04, rating, strict=True)
            ],
            "quality_of_life_improved": flag(0.84),
            "daily_functioning_improved": flag(0.84),
            "picked_up_life": flag(0.86),
            "more_energetic": flag(0.56),
            "less_alone": flag(0.55),
            "avoided_care_visit": flag(0.45),
            "back_to_work": back_to_work,
        },
        schema=SCHEMAS["surveys"],
    )


def _staffing(cfg: SynthConfig, centres: pl.DataFrame) -> pl.DataFrame:
    rng = np.random.default_rng([cfg.seed, 2])
    total_size = centres["size"].sum()
    this_year = cfg.resolved_end().year
    rows = []
    for c in centres.iter_rows(named=True):
        base = 3750 * c["size"] / total_size  # about 4,500 in 2024 after growth
        base_fte = float(rng.choice([0.0, 0.2, 0.4, 0.6], p=[0.35, 0.3, 0.2, 0.15]))
        for year in range(max(2019, c["opened_on"].year), this_year + 1):
            growth = 1 + 0.02 * (year - 2019)
            dip = 0.9 if year in (2020, 2021) else 1.0
            vol = int(max(5, round(base * growth * dip * rng.lognormal(0, 0.08))))
            fte = base_fte
            start = c["coordinator_start"]
            if start is not None and start.year <= year:
                fte += 0.89  # one paid coordinator, about 32 hours a week
            rows.append(
                {
                    "centre_id": c["centre_id"],
                    "year": year,
                    "volunteers": min(vol, 1000),
                    "paid_fte": round(fte, 2),
                }
            )
    return pl.DataFrame(rows, schema=SCHEMAS["staffing"])


# Grants a centre may get each calendar year: id prefix, funder, programme, purpose, the chance
# per centre and year, and the range of the amount in euros.
YEARLY_GRANTS = (
    ("ROP", "roparun", "Roparun activiteiten", "activities", 0.35, 5_000, 20_000),
    ("GEM", "municipality", "Gemeentelijke subsidie", "other", 0.55, 3_000, 30_000),
)


def _grants(cfg: SynthConfig, centres: pl.DataFrame) -> pl.DataFrame:
    """KWF EUR 16M: one paid-coordinator grant per centre plus a national share; others beside."""
    rng = np.random.default_rng([cfg.seed, 3])
    end_kwf = date(int(assumption("kwf_grant_end_year")), 12, 31)
    rows: list[dict] = []
    national = cfg.kwf_national_branch_eur + cfg.kwf_national_awareness_eur
    rows.append(
        (
            "KWF-PROF-NAT-01",
            "kwf",
            "KWF professionalisering",
            None,
            "branch_organisation",
            cfg.kwf_national_branch_eur,
            date(2022, 10, 1),
            end_kwf,
        )
    )
    rows.append(
        (
            "KWF-PROF-NAT-02",
            "kwf",
            "KWF professionalisering",
            None,
            "awareness",
            cfg.kwf_national_awareness_eur,
            date(2023, 1, 1),
            end_kwf,
        )
    )
    funded = centres.filter(pl.col("coordinator_start").is_not_null())
    days = np.array([(end_kwf - d).days + 1 for d in funded["coordinator_start"]], dtype=float)
    pool_cents = round((cfg.kwf_total_eur - national) * 100)
    cents = np.floor(pool_cents * days / days.sum()).astype(np.int64)
    cents[np.argmax(days)] += pool_cents - cents.sum()
    for c, amount in zip(funded.iter_rows(named=True), cents, strict=True):
        rows.append(
            (
                f"KWF-PROF-{c['centre_id']}",
                "kwf",
                "KWF professionalisering",
                c["centre_id"],
                "paid_coordinator",
                amount / 100,
                c["coordinator_start"],
                end_kwf,
            )
        )
    this_year = cfg.resolved_end().year
    for c in centres.iter_rows(named=True):
        for year in range(max(2019, c["opened_on"].year), this_year + 1):
            # drawn in this order, so the same seed gives the same grants
            for prefix, funder, programme, purpose, chance, low, high in YEARLY_GRANTS:
                if rng.random() < chance:
                    amt = round(float(rng.uniform(low, high)), -2)
                    rows.append(
                        (
                            f"{prefix}-{year}-{c['centre_id']}",
                            funder,
                            programme,
                            c["centre_id"],
                            purpose,
                            amt,
                            date(year, 1, 1),
                            date(year, 12, 31),
                        )
                    )
        if rng.random() < 0.2:
            year = int(rng.integers(2019, this_year + 1))
            rows.append(
                (
                    f"NPL-{year}-{c['centre_id']}",
                    "postcode_loterij",
                    "Nationale Postcode Loterij",
                    c["centre_id"],
                    "training",
                    round(float(rng.uniform(10_000, 50_000)), -2),
                    date(year, 3, 1),
                    date(year + 1, 2, 28),
                )
            )
    rows.append(
        (
            "NPL-2021-NAT",
            "postcode_loterij",
            "Nationale Postcode Loterij",
            None,
            "awareness",
            500_000.0,
            date(2021, 1, 1),
            date(2023, 12, 31),
        )
    )
    names = list(SCHEMAS["grants"])
    frame = pl.DataFrame([dict(zip(names, r, strict=True)) for r in rows], infer_schema_length=None)
    return frame.with_columns(
        pl.col("amount_eur").cast(pl.Decimal(14, 2)),
        pl.col("centre_id").cast(pl.String),
    ).select(names)


def _nearest(centres: pl.DataFrame) -> list[int]:
    lat = np.radians(centres["latitude"].to_numpy())
    lon = np.radians(centres["longitude"].to_numpy())
    d = (lat[:, None] - lat[None, :]) ** 2 + ((lon[:, None] - lon[None, :]) * np.cos(lat)) ** 2
    np.fill_diagonal(d, np.inf)
    return d.argmin(axis=1).tolist()


def generate(
    out: Path,
    cfg: SynthConfig | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> dict:
    """Write a demo extract to `out` (one folder per table); return a summary."""
    cfg = cfg or SynthConfig()
    out = Path(out)
    centres = build_centres(cfg)
    size_share = (centres["size"] / centres["size"].sum()).to_list()
    nearest = _nearest(centres)
    rows = centres.to_dicts()
    for table in contract.TABLES:
        folder = out / table.name
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.parquet"):
            old.unlink()

    centres.drop("size").select(list(SCHEMAS["centres"])).cast(SCHEMAS["centres"]).write_parquet(
        out / "centres" / "centres.parquet"
    )
    _staffing(cfg, centres).write_parquet(out / "staffing" / "staffing.parquet")
    _grants(cfg, centres).write_parquet(out / "grants" / "grants.parquet")

    # Centres in chunks so that memory stays bounded at large scales.
    per_chunk = max(1, int(90 / max(cfg.scale, 1) * 4))
    totals = {"guests": 0, "visits": 0, "surveys": 0}
    counts = {True: ([], []), False: ([], [])}
    for chunk, lo in enumerate(range(0, len(rows), per_chunk)):
        parts = {"guests": [], "visits": [], "surveys": []}
        for i in range(lo, min(lo + per_chunk, len(rows))):
            g, v, s = _centre_guests_and_visits(cfg, rows[i], i, size_share[i], rows[nearest[i]])
            for world in (True, False):
                vc, gc = centre_month_counts(g, v, world)
                counts[world][0].append(vc)
                counts[world][1].append(gc)
            parts["guests"].append(g.select(pl.exclude("^_.*$")))
            parts["visits"].append(v.filter(pl.col("_in1")).select(pl.exclude("^_.*$")))
            parts["surveys"].append(s)
            if progress:
                progress(f"centre {i + 1} of {len(rows)}", (i + 1) / len(rows))
        for name, frames in parts.items():
            frame = pl.concat(frames).cast(SCHEMAS[name])
            totals[name] += frame.height
            date_col = {
                "guests": "first_visit_on",
                "visits": "visit_date",
                "surveys": "answered_on",
            }[name]
            frame = frame.with_columns(pl.col(date_col).dt.year().alias("_year"))
            for (year,), part in frame.partition_by("_year", as_dict=True).items():
                part.drop("_year").write_parquet(out / name / f"{year}-part{chunk:03d}.parquet")

    bare = centres.drop("size")
    realised = realised_effects(
        bare, *(assemble_panel(bare, cfg, *counts[w]) for w in (True, False))
    )
    summary = {
        "synthetic": True,
        "generator": "ipso-dashboard demo-data",
        "config": {
            k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(cfg).items()
        },
        "period": {"start": cfg.start.isoformat(), "end": cfg.resolved_end().isoformat()},
        "rows": {"centres": centres.height, **totals},
        "planted_effects": {
            "what": "from the month a centre's paid coordinator started",
            "new_guests_multiplier": 1 + cfg.coordinator_effect_new_guests,
            "male_share_of_new_guests_pp": cfg.coordinator_effect_male_pp,
            "youth_share_of_new_guests_pp": cfg.coordinator_effect_youth_pp,
            "care_referral_share_pp": cfg.coordinator_effect_care_referral_pp,
        },
        # What an estimator should recover: the same world generated without the effect from
        # the same random draws, compared over the post months of the funded centres as the
        # event study defines them (relative change for counts, share difference among new
        # guests for the rest). The planted parameters above are the generator's knobs; the
        # care-referral knob realises less than its value because some new guests were
        # referred by care anyway.
        "realised_effects": {
            "what": "post months +1..+18 of the funded centres in the event-study design",
            **realised,
        },
    }
    (out / "_synthetic.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary
