"""The term report against numbers counted by hand (see test_followup_fixtures)."""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import Any

import pytest
from openpyxl import load_workbook

from plans.followup.exports import report_csv, report_text, report_xlsx
from plans.followup.report import term_report
from tests.unit.test_followup_fixtures import NORR_2020, fact

Y2020 = (dt.date(2020, 1, 1), dt.date(2020, 12, 31))


@pytest.fixture
def norr_2020() -> list[dict[str, Any]]:
    return [dict(f) for f in NORR_2020]


def by_period(facts: list[dict[str, Any]], **kw: Any) -> dict[str, dict[str, Any]]:
    return {p["period"]: p for p in term_report(facts, *Y2020, **kw).to_json()}


def test_terms_counted_by_hand_unmasked(norr_2020: list[dict[str, Any]]) -> None:
    report = by_period(norr_2020, team="Norr", suppress=False)
    assert list(report) == ["2020-VT", "2020-HT"]
    vt, ht = report["2020-VT"], report["2020-HT"]
    assert vt["small_counts_masked"] is False
    assert {k: vt[k] for k in ("raised_total", "raised_with_consent", "raised_anonymous")} == {
        "raised_total": 6,
        "raised_with_consent": 4,
        "raised_anonymous": 2,
    }
    assert (vt["coordinated_plans"], vt["childs_plans"]) == (2, 2)
    assert (vt["consent_rate"], vt["coordinated_plan_rate"]) == (66.7, 50.0)
    assert vt["by_age_band"] == {"unborn": 1, "0-5": 2, "6-12": 2, "13-16": 1}
    assert vt["by_gender"] == {"girl": 2, "boy": 2, "other": 0, "unknown": 2}
    assert {k: v for k, v in vt["by_referrer"].items() if v} == {
        "bvc": 2,
        "mvc": 1,
        "school": 2,
        "preschool": 1,
    }
    assert (ht["raised_total"], ht["raised_with_consent"], ht["raised_anonymous"]) == (3, 1, 2)
    # The anonymous consultation's SIP flag is not a SIP: without consent there is none.
    assert (ht["coordinated_plans"], ht["childs_plans"]) == (1, 0)
    assert (ht["consent_rate"], ht["coordinated_plan_rate"]) == (33.3, 100.0)
    assert ht["by_age_band"] == {"unborn": 0, "0-5": 1, "6-12": 1, "13-16": 1}
    assert {k: v for k, v in ht["by_referrer"].items() if v} == {
        "school": 1,
        "social_services": 1,
        "preschool": 1,
    }


def test_multi_valued_breakdowns(norr_2020: list[dict[str, Any]]) -> None:
    vt = by_period(norr_2020, team="Norr", suppress=False)["2020-VT"]
    assert vt["by_area"] == {"safe": 2, "healthy": 1, "achieving": 1}
    assert list(vt["by_area"]) == ["safe", "healthy", "achieving"]  # the wheel's order
    assert vt["by_risk_factor"] == {"economic_hardship": 2}
    assert vt["by_protective_factor"] == {"family_network": 1}
    assert vt["by_intervention"] == {"parenting_support_home": 1}


def test_a_year_and_the_other_team(norr_2020: list[dict[str, Any]]) -> None:
    year = by_period(norr_2020, by="year", team="norr", suppress=False)["2020"]
    assert (year["raised_total"], year["raised_with_consent"], year["raised_anonymous"]) == (
        9,
        5,
        4,
    )
    assert (year["coordinated_plans"], year["consent_rate"], year["coordinated_plan_rate"]) == (
        3,
        55.6,
        60.0,
    )
    everyone = by_period(norr_2020, suppress=False)
    assert everyone["2020-VT"]["raised_total"] == 7  # + Söder
    assert everyone["2020-VT"]["team"] is None
    assert by_period(norr_2020, team="Söder", suppress=False)["2020-HT"]["raised_total"] == 0


def test_months_and_the_leap_day(norr_2020: list[dict[str, Any]]) -> None:
    months = by_period(norr_2020, by="month", team="Norr", suppress=False)
    assert len(months) == 12
    assert months["2020-02"]["by_age_band"]["unborn"] == 1
    assert months["2020-02"]["end"] == "2020-02-29"
    assert months["2020-06"]["raised_total"] == 1  # 30 June
    assert months["2020-07"]["raised_total"] == 1  # 1 July
    assert months["2020-08"]["raised_total"] == 0
    assert months["2020-08"]["consent_rate"] is None  # nothing to divide by


def test_small_counts_are_masked_by_default(norr_2020: list[dict[str, Any]]) -> None:
    vt = by_period(norr_2020, team="Norr")["2020-VT"]
    assert vt["small_counts_masked"] is True
    # 6 raised is shown; 4 + 2 are small, and the rates would give them back.
    assert vt["raised_total"] == 6
    assert vt["raised_with_consent"] == vt["raised_anonymous"] == "<5"
    assert vt["consent_rate"] == vt["coordinated_plan_rate"] == "x"
    assert set(vt["by_age_band"].values()) == {"<5"}
    assert vt["by_gender"] == {"girl": "<5", "boy": "<5", "other": 0, "unknown": "<5"}
    # Only 3 in HT: every count of the term is "<5", zeros too.
    ht = by_period(norr_2020, team="Norr")["2020-HT"]
    assert ht["raised_total"] == "<5"
    assert ht["by_age_band"] == dict.fromkeys(("unborn", "0-5", "6-12", "13-16"), "<5")
    assert ht["consent_rate"] == "x"


def test_a_cell_of_3_and_the_total_that_would_reveal_it() -> None:
    facts = [fact("2020-02-01", consent=True, gender="girl") for _ in range(10)]
    facts += [fact("2020-03-01", type="anonymous", age_band="unborn", gender="boy")] * 3
    vt = by_period(facts)["2020-VT"]
    assert vt["raised_total"] == 13
    assert vt["raised_anonymous"] == "<5"
    assert vt["raised_with_consent"] == "x"  # 13 - 10 would give the 3 away
    assert vt["consent_rate"] == "x"
    assert vt["by_age_band"] == {"unborn": "<5", "0-5": "x", "6-12": 0, "13-16": 0}
    assert vt["by_gender"] == {"girl": "x", "boy": "<5", "other": 0, "unknown": 0}
    unmasked = by_period(facts, suppress=False)["2020-VT"]
    assert (unmasked["raised_with_consent"], unmasked["raised_anonymous"]) == (10, 3)
    assert unmasked["consent_rate"] == 76.9


def test_large_counts_are_shown_with_their_rates() -> None:
    facts = [fact("2020-08-01", consent=True, sip=i < 5, gender="girl") for i in range(10)]
    facts += [fact("2020-08-02", type="anonymous", gender="boy") for _ in range(5)]
    ht = by_period(facts)["2020-HT"]
    assert (ht["raised_total"], ht["raised_with_consent"], ht["raised_anonymous"]) == (15, 10, 5)
    assert (ht["consent_rate"], ht["coordinated_plan_rate"]) == (66.7, 50.0)


def test_the_survey_counts_by_the_day_it_was_answered() -> None:
    answers = {"listened": "yes", "satisfaction": "very_satisfied"}
    surveys = [{"answered_on": "2020-07-01", "respondent": "guardian", "answers": answers}] * 5
    surveys += [
        {"answered_on": "2020-07-02", "respondent": "child", "answers": {"listened": "no"}},
        {"answered_on": "2021-01-01", "respondent": "child", "answers": {"listened": "no"}},
    ]
    # Raised in 2019, asked about in 2020: the survey still counts in 2020.
    facts = [fact("2019-10-01", consent=True, surveys=surveys)]
    open_report = by_period(facts, suppress=False)
    survey = open_report["2020-HT"]["survey"]
    assert survey["responses"] == 6
    assert survey["by_respondent"] == {"child": 1, "guardian": 5}
    listened = survey["questions"]["listened"]
    assert listened == {"answered": 6, "answers": {"yes": 5, "mostly": 0, "a_little": 0, "no": 1}}
    assert open_report["2020-VT"]["survey"]["responses"] == 0
    masked = by_period(facts)["2020-HT"]["survey"]
    assert masked["by_respondent"] == {"child": "<5", "guardian": "x"}
    assert masked["questions"]["listened"]["answers"] == {
        "yes": "x",
        "mostly": 0,
        "a_little": 0,
        "no": "<5",
    }
    assert masked["questions"]["satisfaction"]["answered"] == 5


def test_frames_for_the_app(norr_2020: list[dict[str, Any]]) -> None:
    report = term_report(norr_2020, *Y2020, team="Norr")
    headline = report.headline()
    assert list(headline.index) == ["2020-VT", "2020-HT"]
    assert headline.loc["2020-VT", "raised_total"] == 6
    assert headline.loc["2020-HT", "raised_total"] == "<5"
    assert report.breakdown("by_gender").loc["unknown", "2020-VT"] == "<5"
    chart = report.chart_data()
    vt_total = chart[(chart.period == "2020-VT") & (chart.measure == "raised_total")].iloc[0]
    assert vt_total.value == 6.0
    consent_rate = chart[(chart.period == "2020-VT") & (chart.measure == "consent_rate")].iloc[0]
    assert math.isnan(consent_rate.value)  # masked: never drawn
    assert consent_rate.shown == "x"
    assert consent_rate.target == 75.0
    assert report.survey_answers("listened").loc["answered", "2020-VT"] == 0
    with pytest.raises(ValueError, match="unknown breakdown"):
        report.breakdown("by_shoe_size")


def test_exports_carry_the_masks_and_the_warning(norr_2020: list[dict[str, Any]]) -> None:
    masked = term_report(norr_2020, *Y2020, team="Norr")
    text = report_text(masked, "en")
    assert "Small numbers are hidden" in text and "<5" in text
    csv_lines = report_csv(masked, "sv").decode().splitlines()
    assert csv_lines[0] == "Del,Rad,2020-VT,2020-HT"
    assert "Barn som aktualiserats,6,<5" in csv_lines[1]

    unmasked = term_report(norr_2020, *Y2020, team="Norr", suppress=False)
    assert (
        report_csv(unmasked, "en")
        .decode()
        .splitlines()[0]
        .startswith("NOTE: Small numbers are NOT")
    )
    assert "INTE dolda" in report_text(unmasked, "sv").splitlines()[2]
    sheet = load_workbook(io.BytesIO(report_xlsx(unmasked, "sv"))).worksheets[0]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert any("INTE dolda" in str(c) for c in cells)
    assert "Barn som aktualiserats" in cells

    sheet = load_workbook(io.BytesIO(report_xlsx(masked, "en"))).worksheets[0]
    rows = [r for r in sheet.iter_rows(values_only=True)]
    total_row = next(r for r in rows if r[1] == "Children raised")
    assert total_row[2:] == (6, "<5")


def test_facts_without_surveys_from_an_older_index_still_count() -> None:
    old = fact("2020-01-10", consent=True)
    del old["surveys"]
    old["v"] = 1
    assert by_period([old], suppress=False)["2020-VT"]["raised_total"] == 1
