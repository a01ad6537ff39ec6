"""Spreadsheet imports with limits (issue 14 item 10): a tiny XLSX that declares the
whole sheet, too many rows, too many bad rows, malformed XML, oversized files."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from plans.cli import main
from plans.followup.importer import Limits, SheetError, read_sheet
from plans.settings import get_settings
from plans.store.files import FileStore

HEADER = ["raised_on", "consent", "age", "gender", "referrer"]


def xlsx(rows: list[list[object]], patch: tuple[bytes, bytes] | None = None) -> bytes:
    """An XLSX file; ``patch`` rewrites the sheet's XML (regex, replacement)."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    plain = io.BytesIO()
    book.save(plain)
    if patch is None:
        return plain.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(patch[0], patch[1], data)
            dst.writestr(info, data)
    return out.getvalue()


def run(store: FileStore, *args: str) -> int:
    return main(["--data-dir", str(store.root), *args])


def test_a_tiny_sheet_declaring_a1_to_xfd1048576_reads_only_its_cells(tmp_path: Path) -> None:
    """The reproduction: 1.6 KB declaring the whole sheet took 2.7 GB and 12 s."""
    data = xlsx(
        [HEADER, ["2020-03-01", "ja", 4, "flicka", "BVC"]],
        (rb"<dimension ref=\"[^\"]*\"\s*/>", b'<dimension ref="A1:XFD1048576"/>'),
    )
    assert b"XFD1048576" in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(data)
    tracemalloc.start()
    try:
        sheet = read_sheet(path, "en")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(sheet.rows) == 1 and not sheet.bad
    assert peak < 30_000_000  # whole-sheet padding would be 16,384 x 1,048,576 cells


def test_a_cell_far_to_the_right_and_far_down_does_not_pad_the_sheet(tmp_path: Path) -> None:
    far = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
    data = xlsx([HEADER, ["2020-03-01", "ja", 4, "flicka", "BVC"]], (rb"</sheetData>", far))
    path = tmp_path / "far.xlsx"
    path.write_bytes(data)
    tracemalloc.start()
    try:
        sheet = read_sheet(path, "en")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(sheet.rows) == 1
    assert peak < 30_000_000


def test_more_rows_than_the_limit_is_refused_with_one_line(
    store: FileStore,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HJULET_IMPORT_MAX_ROWS", "3")
    get_settings.cache_clear()
    text = "raised_on,consent,age\n" + "2020-01-02,ja,4\n" * 4
    path = tmp_path / "many.csv"
    path.write_text(text, encoding="utf-8")
    assert run(store, "import-followup", str(path), "--lang", "en") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "more than 3 rows" in err
    assert store.list_cases() == []
    path.write_text("raised_on,consent,age\n" + "2020-01-02,ja,4\n" * 3, encoding="utf-8")
    assert run(store, "import-followup", str(path)) == 0


def test_200_000_bad_rows_print_50_lines_and_a_summary(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reproduction printed 200,001 error lines."""
    path = tmp_path / "bad.csv"
    path.write_text("raised_on,consent,age\n" + "2020-01-02,kanske,4\n" * 200, encoding="utf-8")
    assert run(store, "import-followup", str(path), "--lang", "en") == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 52
    assert err[0] == "line 2: consent: 'kanske' is not yes or no"
    assert err[50] == "… and 150 more rows with errors (the first 50 are listed)"
    assert err[51].startswith("hjulet: Nothing was imported: 200 rows")


@pytest.mark.parametrize(
    "patch",
    [
        (rb"</sheetData>", b"<row><c r='A3'><v>1</v></row></sheetData>"),  # mismatched tag
        (rb"<sheetData>", b"<sheetData><row r='2'><c r='A2' t='s'><v>999</v></c></row>"),
        (rb"^", b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'),
    ],
    ids=["malformed", "missing-shared-string", "dtd-entity"],
)
def test_malformed_xlsx_xml_is_invalid_input_in_one_line(
    store: FileStore,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    patch: tuple[bytes, bytes],
) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(xlsx([HEADER, ["2020-03-01", "ja", 4, "flicka", "BVC"]], patch))
    code = run(store, "import-followup", str(path), "--lang", "en")
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and "cannot be read" in err
    assert store.list_cases() == []


def test_files_over_the_byte_cap_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("raised_on,consent,age\n" + "2020-01-02,ja,4\n" * 100, encoding="utf-8")
    with pytest.raises(SheetError, match="larger than 1000 bytes"):
        read_sheet(path, "en", limits=Limits(max_rows=50_000, max_bytes=1000))


def test_an_xlsx_that_unpacks_past_the_byte_cap_is_refused(tmp_path: Path) -> None:
    # Long text cells compress to almost nothing: the unpacked size is what counts.
    data = xlsx([HEADER, *(["2020-03-01", "ja", 4, "flicka", "x" * 5000] for _ in range(20))])
    path = tmp_path / "packed.xlsx"
    path.write_bytes(data)
    assert len(data) < 50_000
    with pytest.raises(SheetError, match="larger than 50000 bytes"):
        read_sheet(path, "en", limits=Limits(max_rows=50_000, max_bytes=50_000))


def test_only_the_first_hundred_columns_are_read() -> None:
    from plans.followup.importer import parse_records

    header = [*HEADER, *(f"extra{i}" for i in range(500))]
    row = ["2020-03-01", "ja", 4, "flicka", "BVC", *range(500)]
    sheet = parse_records([(1, header), (2, row)], "en")
    assert len(sheet.rows) == 1
    assert len(sheet.ignored_columns) == 95
