"""``hjulet stats`` over a real store: the JSON shape, the formats, the exit codes."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from plans.cli import main
from plans.documents.case import (
    AgeBand,
    Anonymous,
    CaseBody,
    CaseType,
    Child,
    Gender,
    Notice,
    Referrer,
    Unborn,
)
from plans.documents.consent import ConsentBody
from plans.documents.plan import PlanBody
from plans.documents.survey import SurveyBody
from plans.store.files import FileStore

KEYS = {
    "period",
    "raised_total",
    "raised_with_consent",
    "raised_anonymous",
    "coordinated_plans",
    "childs_plans",
    "consent_rate",
    "coordinated_plan_rate",
    "by_age_band",
    "by_gender",
    "by_referrer",
}


def child(raised: str, born: dt.date, *, gender: Gender, team: str = "Norr", sip: bool = False,
          referrer: Referrer = Referrer.SCHOOL) -> CaseBody:  # fmt: skip
    return CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name="Testbarn", birth_date=born),
        raised_on=dt.date.fromisoformat(raised),
        gender=gender,
        team=team,
        coordinated_plan=sip,
        notice=Notice(referrer=referrer),
    )


@pytest.fixture
def filled(store: FileStore) -> FileStore:
    """Team Norr, VT 2020: seven children with consent (two SIPs, one child's plan),
    one unborn child with consent, two anonymous consultations, one child without
    consent; HT 2020: one child with consent (30 June / 1 July apart)."""
    consented = [
        child("2020-01-01", dt.date(2015, 1, 1), gender=Gender.GIRL, sip=True),
        child("2020-02-29", dt.date(2012, 2, 29), gender=Gender.GIRL, sip=True),
        child("2020-03-01", dt.date(2016, 5, 5), gender=Gender.BOY),
        child("2020-03-02", dt.date(2016, 5, 5), gender=Gender.BOY),
        child("2020-04-01", dt.date(2010, 1, 1), gender=Gender.GIRL),
        child("2020-05-01", dt.date(2010, 1, 1), gender=Gender.BOY),
        child("2020-06-30", dt.date(2010, 1, 1), gender=Gender.GIRL),
        child("2020-07-01", dt.date(2010, 1, 1), gender=Gender.GIRL),
    ]
    for i, body in enumerate(consented):
        env = store.create_case(body)
        consent = ConsentBody(given_by=["Vårdnadshavare"], given_on=body.raised_on)
        store.save(env.case_id, "consent", consent, parent_revision=None)
        if i == 0:
            store.save(env.case_id, "plan", PlanBody(), parent_revision=None)
            survey = SurveyBody(
                respondent="guardian", answered_on=dt.date(2020, 3, 3), listened="yes"
            )
            store.save(env.case_id, "survey", survey, parent_revision=None)
    unborn = CaseBody(
        type=CaseType.UNBORN,
        unborn=Unborn(expected_date=dt.date(2020, 8, 1)),
        raised_on=dt.date(2020, 4, 4),
        team="Norr",
        notice=Notice(referrer=Referrer.MVC),
    )
    env = store.create_case(unborn)
    consent = ConsentBody(given_by=["Blivande förälder"], given_on=dt.date(2020, 4, 4))
    store.save(env.case_id, "consent", consent, parent_revision=None)
    for day in ("2020-05-05", "2020-05-06"):
        store.create_case(
            CaseBody(
                type=CaseType.ANONYMOUS,
                anonymous=Anonymous(age_band=AgeBand.AGE_13_16),
                raised_on=dt.date.fromisoformat(day),
                team="Norr",
            )
        )
    store.create_case(child("2020-06-01", dt.date(2019, 1, 1), gender=Gender.UNKNOWN))
    store.create_case(child("2020-06-02", dt.date(2019, 1, 1), gender=Gender.BOY, team="Söder"))
    return store


def stats(store: FileStore, *args: str) -> list[str]:
    return ["--data-dir", str(store.root), "stats", "--from", "2020-01-01", "--to", "2020-12-31",
            *args]  # fmt: skip


def json_out(capsys: pytest.CaptureFixture[str]) -> Any:
    return json.loads(capsys.readouterr().out)


def test_the_json_is_a_list_of_periods_with_the_documented_keys(
    filled: FileStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(stats(filled, "--format", "json", "--team", "Norr", "--no-suppress")) == 0
    vt, ht = json_out(capsys)
    assert set(vt) >= KEYS and set(ht) >= KEYS
    assert (vt["period"], ht["period"]) == ("2020-VT", "2020-HT")
    assert vt["small_counts_masked"] is False
    # VT by hand: 7 consented children + 1 unborn = 8 with consent; 2 anonymous
    # consultations + 1 child without consent = 3 anonymous; 11 in all.
    assert (vt["raised_total"], vt["raised_with_consent"], vt["raised_anonymous"]) == (11, 8, 3)
    assert (vt["coordinated_plans"], vt["childs_plans"]) == (2, 1)
    assert (vt["consent_rate"], vt["coordinated_plan_rate"]) == (72.7, 25.0)
    # Ages when raised: 5, 8 (born on a leap day, raised on one), 3, 3, 10, 10, 10, 1,
    # unborn, and the two anonymous consultations in 13-16.
    assert vt["by_age_band"] == {"unborn": 1, "0-5": 4, "6-12": 4, "13-16": 2}
    assert vt["by_gender"] == {"girl": 4, "boy": 3, "other": 0, "unknown": 4}
    assert vt["by_referrer"]["school"] == 8 and vt["by_referrer"]["mvc"] == 1
    assert (ht["raised_total"], ht["raised_with_consent"], ht["consent_rate"]) == (1, 1, 100.0)


def test_a_saved_survey_reaches_the_report(
    filled: FileStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(stats(filled, "--format", "json", "--no-suppress")) == 0
    vt, _ = json_out(capsys)
    assert vt["survey"]["questions"]["listened"]["answers"]["yes"] == 1


def test_masked_by_default(filled: FileStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(stats(filled, "--format", "json", "--team", "Norr")) == 0
    vt, ht = json_out(capsys)
    assert vt["small_counts_masked"] is True
    assert vt["raised_total"] == 11
    assert vt["raised_anonymous"] == "<5"
    assert vt["raised_with_consent"] == "x"  # 11 - 8 would give the 3 away
    assert vt["consent_rate"] == "x"
    assert ht["raised_total"] == "<5"
    shown = [v for p in (vt, ht) for v in _counts(p)]
    assert not [v for v in shown if isinstance(v, int) and 1 <= v <= 4]


def _counts(period: dict[str, Any]) -> list[Any]:
    values = [period[k] for k in KEYS - {"period", "consent_rate", "coordinated_plan_rate"}]
    flat: list[Any] = []
    for v in values:
        flat += list(v.values()) if isinstance(v, dict) else [v]
    return flat


def test_by_year_and_month_and_all_teams(
    filled: FileStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(stats(filled, "--format", "json", "--by", "year", "--no-suppress")) == 0
    (year,) = json_out(capsys)
    assert (year["period"], year["raised_total"], year["team"]) == ("2020", 13, None)
    assert main(stats(filled, "--format", "json", "--by", "month", "--no-suppress")) == 0
    months = json_out(capsys)
    assert [m["period"] for m in months][:3] == ["2020-01", "2020-02", "2020-03"]
    assert months[1]["raised_total"] == 1  # the leap day


def test_table_and_csv_say_when_nothing_is_masked(
    filled: FileStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(stats(filled, "--no-suppress", "--lang", "en")) == 0
    assert "NOTE: Small numbers are NOT hidden" in capsys.readouterr().out
    assert main(stats(filled, "--no-suppress", "--format", "csv")) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("OBS: Små tal är INTE dolda")
    assert main(stats(filled, "--format", "csv")) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Del,Rad,2020-VT,2020-HT"


def test_xlsx_and_json_to_a_file(
    filled: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rapport.xlsx"
    assert main(stats(filled, "--format", "xlsx", "--out", str(out))) == 0
    assert "rapport.xlsx" in capsys.readouterr().out
    sheet = load_workbook(io.BytesIO(out.read_bytes())).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    # HT has one child, so every count of it is "<5", its zeros too.
    assert next(r for r in rows if r[1] == "– anonyma konsultationer")[2:] == ("<5", "<5")
    path = tmp_path / "r.json"
    assert main(stats(filled, "--format", "json", "--out", str(path))) == 0
    assert json.loads(path.read_text(encoding="utf-8"))[0]["period"] == "2020-VT"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--format", "xlsx"], 2),  # a spreadsheet is not for the terminal
        (["--by", "week"], 2),
        (["--format", "pdf"], 2),
    ],
)
def test_invalid_options(
    store: FileStore, args: list[str], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(stats(store, *args)) == code


def test_invalid_dates(store: FileStore, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--data-dir", str(store.root), "stats"]
    assert main([*base, "--from", "2020-12-31", "--to", "2020-01-01"]) == 2
    assert "--to (2020-01-01)" in capsys.readouterr().err
    assert main([*base, "--from", "31/12/2020", "--to", "2021-01-01"]) == 2
    assert main([*base, "--from", "2020-02-30", "--to", "2021-01-01"]) == 2


def test_an_out_file_in_a_missing_folder_is_not_found(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no" / "such" / "r.csv"
    assert main(stats(store, "--format", "csv", "--out", str(out))) == 4
