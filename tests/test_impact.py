"""Funding impact: the event study recovers the effect the generator planted, finds none where
none was planted; the value model matches hand-computed examples; both pages run."""

from __future__ import annotations

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.build.ingest import ingest
from dashboard.build.synth import SynthConfig, generate
from dashboard.metrics.db import Warehouse
from dashboard.metrics.impact import EVENT_MONTHS, event_study
from dashboard.metrics.queries import impact_panel, load_centres
from dashboard.metrics.value import (
    EDITABLE,
    ValueAssumptions,
    outlook,
    per_euro,
    referral_whatif,
    value_range,
)
from dashboard.present.i18n import fmt_int
from tests.conftest import APP, TODAY, run_app
from tests.test_privacy import tiny  # noqa: F401 (fixture: two centres, no coordinator)


@pytest.fixture(scope="module")
def planted(wh):
    panel, centres = impact_panel(wh), load_centres(wh)
    return {
        o: event_study(panel, centres, o, replicates=200)
        for o in ("visits", "new_guests", "share_male", "share_youth", "share_referral_care")
    }


@pytest.fixture(scope="module")
def no_effect(tmp_path_factory):
    """The same demo world with every planted coordinator effect set to zero."""
    base = tmp_path_factory.mktemp("noeffect")
    cfg = SynthConfig(
        today=TODAY,
        coordinator_effect_new_guests=0.0,
        coordinator_effect_male_pp=0.0,
        coordinator_effect_youth_pp=0.0,
        coordinator_effect_care_referral_pp=0.0,
    )
    generate(base / "extract", cfg)
    ingest(base / "extract", base / "w.duckdb", as_of=TODAY)
    wh = Warehouse(base / "w.duckdb")
    panel, centres = impact_panel(wh), load_centres(wh)
    return {
        o: event_study(panel, centres, o, replicates=200)
        for o in ("visits", "new_guests", "share_male")
    }


def test_planted_effect_on_new_guests_is_recovered(planted, demo_extract):
    import json

    meta = json.loads((demo_extract / "_synthetic.json").read_text())
    truth = meta["planted_effects"]["new_guests_multiplier"] - 1
    study = planted["new_guests"]
    assert study.low <= truth <= study.high
    assert study.low > 0  # and it is told apart from no effect
    assert study.funded_centres >= 70 and study.control_centres >= 10


def test_planted_effects_point_the_right_way(planted):
    assert planted["visits"].low > 0
    for share in ("share_male", "share_youth", "share_referral_care"):
        assert planted[share].low > 0, share
        # the effect on all guests of a month is at most the effect planted on new guests
        assert planted[share].estimate < 0.06, share


def test_zero_planted_effect_gives_an_interval_around_zero(no_effect):
    for outcome, study in no_effect.items():
        assert study.low <= 0 <= study.high, outcome


def test_no_pre_trend_before_the_baseline(planted, no_effect):
    # the generator plants nothing before a coordinator starts: the placebo window is empty
    for name, study in [*planted.items(), *no_effect.items()]:
        assert study.pre_low <= 0 <= study.pre_high, name
    assert planted["visits"].by_event["event"].to_list() == list(EVENT_MONTHS)


A = ValueAssumptions(
    reference_visits=200_000,
    consultations_low=150_000,
    consultations_high=200_000,
    care_eur_low=8_000_000,
    care_eur_high=11_000_000,
    return_to_work_eur_high=30_000_000,
    providers_referring=0.10,
)


def test_value_model_hand_computed():
    v = value_range(50_000, A)  # a quarter of the reference year
    assert v["avoided_consultations"] == {"low": 37_500, "central": 43_750, "high": 50_000}
    assert v["avoided_care_eur"] == {"low": 2_000_000, "central": 2_375_000, "high": 2_750_000}
    assert v["return_to_work_eur_up_to"] == 7_500_000
    assert per_euro(v, 1_000_000) == {"low": 2.0, "central": 2.375, "high": 2.75}
    assert per_euro(v, 0) is None


def test_published_assumptions_are_the_ecorys_figures():
    assert ValueAssumptions.published() == A


def test_referral_whatif_hand_computed():
    w = referral_whatif(care_referred_guests=6_000, visits_per_guest=10, rate=0.20, a=A)
    assert w["factor"] == pytest.approx(1.0)
    assert w["extra_guests"] == pytest.approx(6_000)
    assert w["extra_visits"] == pytest.approx(60_000)
    assert w["avoided_consultations"]["low"] == pytest.approx(45_000)
    assert w["avoided_care_eur"]["high"] == pytest.approx(3_300_000)
    assert referral_whatif(6_000, 10, 0.10, A)["extra_guests"] == 0


def test_outlook_hand_computed():
    provinces = pl.DataFrame(
        {
            "province": ["A", "B"],
            "population": [600, 400],
            "guests": [60, 20],
            "visits": [600, 200],
            "volunteers": [30, 10],
            "coordinators": [3, 1],
        }
    )
    out = outlook(provinces, prevalence_today=100, prevalence_2030=150)
    nl = out.row(0, named=True)
    assert nl["province"] == "Nederland" and nl["guests_2030"] == pytest.approx(120)
    a = out.filter(pl.col("province") == "A").row(0, named=True)
    assert a["people_today"] == pytest.approx(60) and a["reach"] == pytest.approx(1.0)
    assert a["visits_2030"] == pytest.approx(900) and a["coordinators_2030"] == pytest.approx(4.5)


@pytest.fixture
def impact_page(demo_warehouse, monkeypatch):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(demo_warehouse))
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("dashboard/pages/impact.py").run()
    assert not at.exception
    return at


def _table_text(at) -> str:
    return at.dataframe[0].value.to_string()


def _grid_value(slider, k: int, field: str) -> float:
    published = ValueAssumptions.published().as_dict()[field]
    return 0.2 if field == "providers_referring" else published * k / 100


def test_sliders_show_the_users_number_format(impact_page):
    at = impact_page
    published = ValueAssumptions.published().reference_visits
    options = at.select_slider(key="va_reference_visits").options
    assert fmt_int(published, "nl") in options and "." in fmt_int(published, "nl")
    assert not any("," in o for o in options)
    assert "20%" in at.select_slider(key="whatif_rate").options


def test_impact_page_every_slider_and_reset(impact_page):
    at = impact_page
    assert "95%-interval" in at.markdown[0].value
    assert any("voortrend" in c.value for c in at.caption)
    before = _table_text(at)
    for field in EDITABLE:
        slider = at.select_slider(key=f"va_{field}")
        # options on the grid: half or 1.5 times the published value (not all alike: they
        # would cancel), a 20% referral rate
        k = 50 if field == "reference_visits" else 150
        slider.set_value(_grid_value(slider, k, field)).run()
        assert not at.exception, field
    assert _table_text(at) != before
    assert any("eigen aannames" in w.value for w in at.warning)
    at.select_slider(key="whatif_rate").set_value(0.5).run()
    assert not at.exception
    at.button(key="va_reset").click().run()
    assert not at.exception
    published = ValueAssumptions.published().as_dict()
    for field in EDITABLE:
        assert at.select_slider(key=f"va_{field}").value == pytest.approx(published[field]), field
    assert _table_text(at) == before
    assert not any("eigen aannames" in w.value for w in at.warning)


@pytest.mark.parametrize(
    "outcome", ["visits", "new_guests", "share_male", "share_youth", "share_referral_care"]
)
def test_impact_page_every_outcome(demo_warehouse, monkeypatch, outcome):
    at = run_app(demo_warehouse, monkeypatch, "impact", outcome=outcome)
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1


def test_methodology_page_reads_the_same_tables(demo_warehouse, monkeypatch):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(demo_warehouse))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("dashboard/pages/methodology.py").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "150.000 tot 200.000" in text and "Ecorys" in text
    assert "minder dan 10" in text and "-12 tot 18" in text
    definitions = at.dataframe[0].value
    assert len(definitions) > 40 and "Aandeel mannen" in definitions.iloc[:, 0].tolist()
    sources = at.dataframe[1].value
    assert "KWF Kankerbestrijding, aankondiging september 2022" in sources.iloc[:, 3].tolist()


def test_impact_page_without_funded_centres_explains(tiny, monkeypatch):  # noqa: F811
    monkeypatch.setenv("IPSO_WAREHOUSE", str(tiny))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("dashboard/pages/impact.py").run()
    assert not at.exception
    assert "Nog geen schatting mogelijk" in at.markdown[0].value
    assert not at.get("plotly_chart")
