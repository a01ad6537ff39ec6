"""``hjulet import-followup``: a team's spreadsheet into statistics-only records."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from plans.cli import main
from plans.followup.importer import SheetError, parse_records, read_sheet
from plans.store.files import FileStore

SWEDISH = """\
Aktualiserad;SAMTYCKE;Sip;Ålder;Kön;Aktualiserad av;Team;Namn
2020-06-30;ja;ja;3;Flicka;BVC;Norr;Kalle Ek
2020-07-01;nej;;17;pojke;Skolan;Norr;
2020-02-29;Ja;nej;ofödd;okänt;MVC;Norr;
2020-12-31;JA;nej;12;annat;Elevhälsan;Norr;
"""

BAD = """\
raised_on,consent,sip,age,gender,referrer,team
2020-01-10,yes,no,4,girl,preschool,Norr
2020-01-11,maybe,no,4,girl,preschool,Norr
2021-02-29,yes,no,4,girl,preschool,Norr
2020-01-12,no,yes,4,girl,preschool,Norr
2020-01-13,yes,no,30,girl,preschool,Norr
2020-01-14,yes,no,4,girl,the moon,Norr
2020-01-15,,no,4,girl,preschool,Norr
2099-01-01,yes,no,4,girl,preschool,Norr
2020-01-16,yes,no,5,robot,preschool,Norr
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(store: FileStore, *args: str) -> int:
    return main(["--data-dir", str(store.root), *args])


def facts_of(store: FileStore) -> list[dict[str, object]]:
    return sorted((c.facts for c in store.list_cases()), key=lambda f: str(f["raised_on"]))


def test_swedish_headers_in_any_case_with_semicolons(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(store, "import-followup", str(write(tmp_path, "vt.csv", SWEDISH))) == 0
    out = capsys.readouterr()
    assert "Importerade 4 rader" in out.out
    assert "Namn" in out.err  # the column that was not read is named
    facts = facts_of(store)
    assert [(f["raised_on"], f["consent"], f["coordinated_plan"]) for f in facts] == [
        ("2020-02-29", True, False),
        ("2020-06-30", True, True),
        ("2020-07-01", False, False),
        ("2020-12-31", True, False),
    ]
    assert [f["age_band"] for f in facts] == ["unborn", "0-5", "13-16", "6-12"]
    assert [f["type"] for f in facts] == ["unborn", "child", "child", "child"]
    assert [f["gender"] for f in facts] == ["unknown", "girl", "boy", "other"]
    assert [f["referrer"] for f in facts] == ["mvc", "bvc", "school", "pupil_health"]
    assert all(f["imported"] and f["batch"] and f["team"] == "Norr" for f in facts)
    # Statistics only: no name was stored anywhere.
    case_id = store.list_cases()[0].id
    body = store.load(case_id, "case").body
    assert "Kalle" not in json.dumps(body)
    assert body["status"] == "closed"


def test_the_imported_rows_give_the_hand_counted_report(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(store, "import-followup", str(write(tmp_path, "vt.csv", SWEDISH)))
    capsys.readouterr()
    args = ["stats", "--from", "2020-01-01", "--to", "2020-12-31", "--format", "json"]
    assert run(store, *args, "--no-suppress") == 0
    vt, ht = json.loads(capsys.readouterr().out)
    assert (vt["raised_total"], vt["raised_with_consent"], vt["coordinated_plans"]) == (2, 2, 1)
    # A row without consent counts as anonymous, as in the teams' own reports.
    assert (ht["raised_total"], ht["raised_with_consent"], ht["raised_anonymous"]) == (2, 1, 1)


def test_english_headers_with_an_age_band_column(store: FileStore, tmp_path: Path) -> None:
    text = (
        "Raised_On,Consent,SIP,Age_Band,Gender,Referrer\n"
        "2020-03-01,Yes,No,0–5 år,Girl,Family health\n"
        "2020-03-02,No,No,17+,Boy,Social services\n"
        "2020-03-03,yes,yes,13-16,unknown,other\n"
    )
    path = write(tmp_path, "en.csv", text)
    assert run(store, "import-followup", str(path), "--team", "South") == 0
    facts = facts_of(store)
    assert [f["age_band"] for f in facts] == ["0-5", "13-16", "13-16"]
    assert [f["referrer"] for f in facts] == ["family_health", "social_services", "other"]
    assert {f["team"] for f in facts} == {"South"}


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bad.csv", BAD)
    assert run(store, "import-followup", str(path), "--lang", "en") == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "line 3: consent: 'maybe' is not yes or no",
        "line 4: '2021-02-29' is not a date (write YYYY-MM-DD)",
        "line 5: a SIP needs consent, but consent is no",
        "line 6: age '30' is not a number of years from 0 to 25",
        "line 7: 'the moon' is not a known organisation (write for example preschool, school, "
        "BVC, MVC, social services, pupil health, family health, primary care, family or other)",
        "line 8: consent (yes/no) is missing",
        "line 9: the date 2099-01-01 has not happened yet",
        "line 10: gender 'robot' is not known (girl, boy, other, unknown)",
        "hjulet: Nothing was imported: 8 rows have errors. Fix them, or use --skip-bad to "
        "import the others.",
    ]
    assert store.list_cases() == []


def test_skip_bad_imports_the_good_rows_and_lists_the_rest(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bad.csv", BAD)
    assert run(store, "import-followup", str(path), "--skip-bad") == 0
    out = capsys.readouterr()
    assert "rad 3:" in out.err and "rad 10:" in out.err
    assert "Importerade 1 rader från bad.csv som omgång b-" in out.out
    assert "8 rader med fel importerades inte" in out.out
    assert len(store.list_cases()) == 1


def test_importing_the_same_file_twice_does_not_double_the_numbers(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "vt.csv", SWEDISH)
    assert run(store, "import-followup", str(path)) == 0
    assert run(store, "import-followup", str(path)) == 0
    assert "vt.csv har importerats förut som omgång b-" in capsys.readouterr().out
    assert len(store.list_cases()) == 4


def test_a_different_child_with_the_same_details_in_a_second_file_is_counted(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 13 item 9: teams meet on fixed days, so a second file can hold a child whose
    row reads exactly like one already imported; it was dropped as "already there"."""
    row = "2020-03-03,ja,,4,flicka,BVC,Norr\n"
    header = "datum,samtycke,sip,ålder,kön,aktualiserad av,team\n"
    run(store, "import-followup", str(write(tmp_path, "v10.csv", header + row)))
    other = header + row + "2020-03-10,nej,,8,pojke,skola,Norr\n"
    assert run(store, "import-followup", str(write(tmp_path, "v11.csv", other))) == 0
    assert "Importerade 2 rader från v11.csv" in capsys.readouterr().out
    assert len(store.list_cases()) == 3


def test_two_identical_rows_are_two_children(store: FileStore, tmp_path: Path) -> None:
    text = "datum,samtycke,ålder\n2020-03-03,ja,4\n2020-03-03,ja,4\n"
    path = write(tmp_path, "twins.csv", text)
    assert run(store, "import-followup", str(path)) == 0
    assert run(store, "import-followup", str(path)) == 0
    assert len(store.list_cases()) == 2


def test_an_xlsx_file_with_real_dates_numbers_and_booleans(
    store: FileStore, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Aktualiserad", "Samtycke", "SIP", "Ålder", "Kön", "Verksamhet", "Team"])
    sheet.append([dt.datetime(2020, 6, 30), True, False, 5.0, "flicka", "förskola", "Norr"])
    sheet.append([dt.date(2020, 7, 1), "nej", None, 13, "pojke", "socialtjänst", "Norr"])
    path = tmp_path / "team.xlsx"
    book.save(path)
    assert run(store, "import-followup", str(path)) == 0
    facts = facts_of(store)
    assert [(f["raised_on"], f["consent"], f["age_band"]) for f in facts] == [
        ("2020-06-30", True, "0-5"),
        ("2020-07-01", False, "13-16"),
    ]


def test_a_quoted_cell_over_two_lines_keeps_the_line_numbers_right(tmp_path: Path) -> None:
    text = (
        'raised_on,consent,age,team\n2020-01-01,yes,4,"Norr\nmed ny rad"\n2020-01-02,kanske,4,x\n'
    )
    sheet = read_sheet(write(tmp_path, "q.csv", text), "en", today=dt.date(2026, 1, 1))
    assert [b.line for b in sheet.bad] == [4]
    assert sheet.rows[0].team == "Norr med ny rad"


def test_an_age_that_does_not_fit_its_band_is_an_error() -> None:
    sheet = parse_records([(1, ["raised_on", "consent", "age", "age_band"]),
                           (2, ["2020-01-01", "ja", "9", "0-5"])])  # fmt: skip
    assert sheet.bad[0].reason == "åldern 9 passar inte åldersgruppen 0-5"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["raised_on", "age"], "Kolumnen saknas: consent"),
        (["raised_on", "consent"], "Det behövs en kolumn för ålder"),
        (["raised_on", "consent", "age", "Ålder"], "Kolumnen Ålder finns två gånger"),
    ],
)
def test_a_file_without_the_needed_columns_is_refused(header: list[str], message: str) -> None:
    with pytest.raises(SheetError, match=message):
        parse_records([(1, header), (2, ["2020-01-01"] * len(header))])


def test_exit_codes_for_missing_unknown_and_empty_files(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(store, "import-followup", str(tmp_path / "nowhere.csv")) == 4
    assert run(store, "import-followup", str(write(tmp_path, "notes.txt", "hej"))) == 2
    assert run(store, "import-followup", str(write(tmp_path, "empty.csv", ""))) == 2
    header_only = write(tmp_path, "header.csv", "raised_on,consent,age\n")
    assert run(store, "import-followup", str(header_only)) == 2
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    capsys.readouterr()
    assert run(store, "import-followup", str(broken), "--lang", "en") == 2
    err = capsys.readouterr().err
    assert "cannot be read" in err and err.count("\n") == 1
    assert store.list_cases() == []


def test_windows_1252_csv_from_swedish_excel(store: FileStore, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("Datum;Samtycke;Ålder;Kön\n2020-05-05;ja;2;okänt\n".encode("cp1252"))
    assert run(store, "import-followup", str(path)) == 0
    assert facts_of(store)[0]["age_band"] == "0-5"
