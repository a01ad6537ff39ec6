"""AppTest: the follow-up page – figures equal term_report's, masking on by default,
quick period choices, downloads, English labels and the spreadsheet import."""

from __future__ import annotations

import datetime as dt
import secrets

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app.pages.followup import Choice, file_stem, quick_range
from plans.followup.importer import parse_records
from plans.followup.periods import Grouping
from plans.followup.report import term_report
from plans.followup.report_set import report_set
from plans.services import LOCAL_OPERATOR, Context
from plans.services.followup_import import import_batch
from plans.settings import get_settings
from plans.store.files import FileStore
from tests.app.conftest import MakeApp

TODAY = dt.date.today()
NEW_YEAR = dt.date(TODAY.year, 1, 1)
"""Never in the future, so the import accepts it, and always in this year's VT."""
LAST_YEAR = dt.date(TODAY.year - 1, 3, 14)
HEADER = ["raised_on", "consent", "sip", "age_band", "gender", "referrer", "team"]


def _rows(day: dt.date, team: str, consent: int, anonymous: int, sip: int) -> list[list[str]]:
    yes = [
        [day.isoformat(), "ja", "ja" if n < sip else "nej", "6-12", "girl", "skola", team]
        for n in range(consent)
    ]
    no = [[day.isoformat(), "nej", "nej", "0-5", "boy", "bvc", team] for _ in range(anonymous)]
    return yes + no


def _import(store: FileStore, rows: list[list[str]]) -> None:
    sheet = parse_records(enumerate([HEADER, *rows], start=1))
    assert sheet.bad == []
    ctx = Context(store, LOCAL_OPERATOR, TODAY)
    import_batch(
        ctx, sheet.rows, file_name="test.csv", sha256=secrets.token_hex(32)
    )  # each call is another file


@pytest.fixture
def teams(app_store: FileStore) -> FileStore:
    """The demo cases plus imported rows: 'Team Norr' this year's VT with 9 children
    with consent (5 with a SIP) and 3 anonymous; 'Team Liten' last year with 3."""
    _import(app_store, _rows(NEW_YEAR, "Team Norr", consent=9, anonymous=3, sip=5))
    _import(app_store, _rows(LAST_YEAR, "Team Liten", consent=2, anonymous=1, sip=1))
    return app_store


def _open(at: AppTest) -> AppTest:
    at.run()
    at.switch_page("app/pages/followup.py")
    at.run()
    assert not at.exception
    return at


def _headline(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value.set_index(at.dataframe[0].value.columns[0])


def _facts(store: FileStore) -> list[dict[str, object]]:
    return [c.facts for c in store.list_cases()]


def _shown(value: object) -> str:
    return value if isinstance(value, str) else str(value)


def test_headline_figures_match_term_report(make_app: MakeApp, teams: FileStore) -> None:
    at = _open(make_app())
    report = term_report(_facts(teams), NEW_YEAR, dt.date(TODAY.year, 12, 31), by="term")
    expected = report.headline()
    table = _headline(at)
    assert list(table.columns) == [f"{TODAY.year}-VT", f"{TODAY.year}-HT"]
    counts = table.iloc[:5]  # the five counts, in term_report's order
    for period in expected.index:
        assert list(counts[period]) == [_shown(v) for v in expected.loc[period].iloc[:5]]
    # The metrics show the latest period by default.
    latest = expected.iloc[-1]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Barn som aktualiserats"] == _shown(latest["raised_total"])
    assert metrics["Fick en SIP"] == _shown(latest["coordinated_plans"])


def test_one_team_by_hand_and_small_counts_masked_by_default(
    make_app: MakeApp, teams: FileStore
) -> None:
    at = _open(make_app())
    assert "<5 betyder 1–4" in at.info[0].value
    assert at.checkbox(key="fu_unmasked").value is False
    at.selectbox(key="fu_team").set_value("Team Norr").run()
    vt = _headline(at)[f"{TODAY.year}-VT"]
    # By hand: 12 raised, 9 with consent, 3 anonymous, 5 SIPs. The 3 is masked, and
    # the 9 is hidden too because 12 - 9 would give the 3 away.
    assert list(vt.iloc[:4]) == ["12", "x", "<5", "5"]
    assert vt.iloc[5] == "x"  # a rate from a hidden count would give it back
    assert not at.error

    at.checkbox(key="fu_unmasked").check().run()
    assert any("små tal visas nu" in e.value for e in at.error)
    vt = _headline(at)[f"{TODAY.year}-VT"]
    assert list(vt.iloc[:4]) == ["12", "9", "3", "5"]
    assert vt.iloc[5] == "75,0 %"
    assert "intern" in at.download_button[0].help


def test_last_year_for_a_small_team_shows_only_masks(make_app: MakeApp, teams: FileStore) -> None:
    at = _open(make_app())
    at.radio(key="fu_quick").set_value("last_year").run()
    assert at.date_input(key="fu_from").value == dt.date(TODAY.year - 1, 1, 1)
    assert at.date_input(key="fu_to").value == dt.date(TODAY.year - 1, 12, 31)
    at.selectbox(key="fu_team").set_value("Team Liten").run()
    vt = _headline(at)[f"{TODAY.year - 1}-VT"]
    assert set(vt.iloc[:5]) == {"<5"}  # 3 children: every count of the period is <5
    assert any("<5" in c.value for c in at.caption)  # the chart says what it leaves out


def test_editing_a_date_switches_to_own_dates_and_checks_the_order(make_app: MakeApp) -> None:
    at = _open(make_app())
    at.date_input(key="fu_to").set_value(dt.date(TODAY.year - 1, 5, 1)).run()
    assert at.radio(key="fu_quick").value == "custom"
    assert any("före från-datumet" in e.value for e in at.error)


def test_downloads_are_offered_with_plain_labels_and_file_names(make_app: MakeApp) -> None:
    at = _open(make_app())
    csv, xlsx = at.download_button
    assert csv.label == "Ladda ner som CSV (för Excel och andra program)"
    assert f"hjulet-uppfoljning-{TODAY.year}.csv" in csv.help
    assert csv.proto.url.endswith(".csv")
    assert xlsx.label == "Ladda ner som Excel-fil (XLSX)"
    assert f"hjulet-uppfoljning-{TODAY.year}.xlsx" in xlsx.help


def test_english_labels(make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    # English as the default too: AppTest formats the start page's options outside a
    # script run, where only the default language is known.
    monkeypatch.setenv("HJULET_DEFAULT_LANGUAGE", "en")
    get_settings.cache_clear()
    at = _open(make_app(lang="en"))
    assert at.title[0].value == "Follow-up"
    assert "Children raised" in [m.label for m in at.metric]
    assert _headline(at).index[0] == "Children raised"
    assert at.download_button[0].label.startswith("Download as CSV")
    labels = [tab.label for tab in at.tabs]
    assert labels[:3] == ["Age", "Gender", "Who raised the child"]
    age = at.tabs[0].dataframe[0].value
    assert "0–5 years" in list(age[age.columns[0]])


GOOD_AND_BAD = (
    "datum;samtycke;sip;ålder;kön;aktualiserad av;team\n"
    f"{NEW_YEAR};ja;ja;7;flicka;skola;Team Syd\n"
    f"{NEW_YEAR};kanske;nej;4;pojke;BVC;Team Syd\n"
    f"{NEW_YEAR};nej;nej;3;pojke;BVC;Team Syd\n"
).encode()


def test_import_with_a_bad_row_imports_nothing_until_asked(
    make_app: MakeApp, app_store: FileStore
) -> None:
    before = len(app_store.list_cases())
    at = _open(make_app())
    at.file_uploader[0].upload("gamla.csv", GOOD_AND_BAD, "text/csv").run()
    assert not at.exception
    problems = next(d.value for d in at.dataframe if "Vad som är fel" in d.value.columns)
    assert list(problems["Rad i filen"]) == [3]
    assert "kanske" in problems["Vad som är fel"][0]
    button = at.button(key="fu_import_button")
    assert button.disabled
    at.checkbox(key="fu_skip_bad").check().run()
    at.button(key="fu_import_button").click().run()
    assert len(app_store.list_cases()) == before + 2
    assert any("Importerade 2" in s.value for s in at.success)
    # The same file again adds nothing.
    at.file_uploader[0].upload("gamla.csv", GOOD_AND_BAD, "text/csv").run()
    at.checkbox(key="fu_skip_bad").check().run()
    at.button(key="fu_import_button").click().run()
    assert len(app_store.list_cases()) == before + 2
    at.selectbox(key="fu_team").set_value("Team Syd").run()
    assert _headline(at)[f"{TODAY.year}-VT"].iloc[0] == "<5"


@pytest.mark.parametrize(
    ("choice", "today", "expected"),
    [
        ("this_term", dt.date(2026, 6, 30), (dt.date(2026, 1, 1), dt.date(2026, 6, 30))),
        ("this_term", dt.date(2026, 7, 1), (dt.date(2026, 7, 1), dt.date(2026, 12, 31))),
        ("last_term", dt.date(2026, 3, 1), (dt.date(2025, 7, 1), dt.date(2025, 12, 31))),
        ("last_term", dt.date(2026, 12, 31), (dt.date(2026, 1, 1), dt.date(2026, 6, 30))),
        ("this_year", dt.date(2024, 2, 29), (dt.date(2024, 1, 1), dt.date(2024, 12, 31))),
        ("last_year", dt.date(2026, 1, 1), (dt.date(2025, 1, 1), dt.date(2025, 12, 31))),
    ],
)
def test_quick_ranges(choice: str, today: dt.date, expected: tuple[dt.date, dt.date]) -> None:
    assert quick_range(choice, today) == expected


def test_file_names_say_what_the_file_holds() -> None:
    year = Choice(dt.date(2026, 1, 1), dt.date(2026, 12, 31), Grouping.TERM, None, True)
    assert file_stem(year, "sv") == "hjulet-uppfoljning-2026"
    term = Choice(dt.date(2026, 7, 1), dt.date(2026, 12, 31), Grouping.TERM, "Team Väst", False)
    assert file_stem(term, "sv") == "hjulet-uppfoljning-2026-ht-team-vast-intern-ej-dold"
    span = Choice(dt.date(2025, 1, 1), dt.date(2026, 12, 31), Grouping.YEAR, None, True)
    assert file_stem(span, "en") == "hjulet-follow-up-2025-2026"
    odd = Choice(dt.date(2026, 3, 2), dt.date(2026, 4, 30), Grouping.MONTH, None, True)
    assert file_stem(odd, "sv") == "hjulet-uppfoljning-2026-03-02--2026-04-30"


def test_the_year_set_shows_vt_ht_and_the_year_masked_together(
    make_app: MakeApp, teams: FileStore
) -> None:
    at = _open(make_app())
    at.radio(key="fu_layout").set_value("vt-ht-year").run()
    assert not at.exception
    table = _headline(at)
    year = TODAY.year
    assert list(table.columns) == [f"{year}-VT", f"{year}-HT", f"{year}"]
    expected = report_set(_facts(teams), "vt-ht-year", year=year).headline()
    for period in expected.index:
        assert list(table[period].iloc[:5]) == [_shown(v) for v in expected.loc[period].iloc[:5]]
    assert any("maskerade tillsammans" in c.value for c in at.caption)
    # With a team: the team beside all teams.
    at.selectbox(key="fu_team").set_value("Team Norr").run()
    assert list(_headline(at).columns)[:2] == [f"Team Norr {year}-VT", f"Team Norr {year}-HT"]
    assert f"Alla team {year}" in _headline(at).columns


def test_teams_side_by_side(make_app: MakeApp, teams: FileStore) -> None:
    at = _open(make_app())
    at.radio(key="fu_layout").set_value("teams").run()
    assert not at.exception
    columns = list(_headline(at).columns)
    assert f"Team Norr {TODAY.year}" in columns and columns[-1] == f"Alla team {TODAY.year}"


def test_teams_over_more_than_a_term_and_less_than_a_year_are_refused_in_words(
    make_app: MakeApp, teams: FileStore
) -> None:
    """A masked teams set covers one term or one year; the page says so, no crash."""
    at = _open(make_app())
    at.radio(key="fu_layout").set_value("teams").run()
    at.date_input(key="fu_from").set_value(dt.date(TODAY.year - 1, 9, 1)).run()
    at.date_input(key="fu_to").set_value(dt.date(TODAY.year, 3, 1)).run()
    assert not at.exception
    assert any("en hel termin eller ett helt år" in e.value for e in at.error)


def test_imported_files_are_listed_with_their_batches(make_app: MakeApp, teams: FileStore) -> None:
    at = _open(make_app())
    batches = next(d.value for d in at.dataframe if "Omgång" in d.value.columns)
    assert list(batches["Fil"]) == ["test.csv", "test.csv"]
    assert set(batches["Status"]) == {"räknas"}


def test_a_hostile_xlsx_upload_is_refused_in_one_line(make_app: MakeApp) -> None:
    """The app's upload reads through the same limits as the CLI (issue 14 item 10)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")  # malformed XML
    at = _open(make_app())
    at.file_uploader[0].upload("bomb.xlsx", buffer.getvalue(), "application/octet-stream").run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "bomb\\.xlsx" in error and "kan inte läsas" in error and "\n" not in error  # escaped
