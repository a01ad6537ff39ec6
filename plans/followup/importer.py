"""Import of a team's existing follow-up spreadsheet (CSV or XLSX), one row per child raised.

Each good row becomes a statistics-only case (``imported=True``): a date, yes/no
for consent and SIP, an age band, gender, referrer and team – never a name, a
birth date or a note. Columns the import does not know are not read at all.

Every file is hostile until read: its size, its unpacked size (XLSX), its rows and
its columns are capped (``HJULET_IMPORT_MAX_BYTES``, ``HJULET_IMPORT_MAX_ROWS``,
``MAX_COLUMNS``), an XLSX sheet's declared dimensions are ignored and its rows are
streamed, and anything the XLSX reader chokes on is one ``SheetError``.

Which rows are new is decided by batch (the file), not by what a row says – two
children raised the same day with the same details are two: see
``plans/services/followup_import.py``.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plans import clock
from plans.documents.case import (
    AgeBand,
    CaseBody,
    CaseStatus,
    CaseType,
    Gender,
    ImportBatchRef,
    Notice,
    Referrer,
)
from plans.followup.import_words import (
    AGE_BANDS,
    GENDERS,
    HEADER_TO_COLUMN,
    NO,
    REFERRERS,
    REQUIRED,
    UNBORN_WORDS,
    YES,
    header_key,
    normal,
)
from plans.i18n import t
from plans.settings import get_settings

MAX_AGE = 25  # as for a child's birth date: older is a typing error, not a child
MAX_COLUMNS = 100
"""Cells read per row: a follow-up sheet has about ten columns, a bomb has 16,384."""
SHOWN_BAD_ROWS = 50
"""Bad rows listed one by one; the rest are counted in one line."""
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?$")
_YEARS = re.compile(r"^(\d{1,3})(?:[.,]0+)?(?: ?(?:år|years?|y))?$")
_BAND_SUFFIX = re.compile(r"\s*(?:år|years?)$")


class SheetError(ValueError):
    """The file as a whole cannot be used. The message is in the user's language."""


@dataclass(frozen=True)
class Limits:
    """How much of a file the import reads at most."""

    max_rows: int
    max_bytes: int

    @classmethod
    def from_settings(cls) -> Limits:
        settings = get_settings()
        return cls(settings.import_max_rows, settings.import_max_bytes)


@dataclass(frozen=True)
class ImportRow:
    line: int
    raised_on: dt.date
    consent: bool
    sip: bool
    age_band: AgeBand
    gender: Gender
    referrer: Referrer
    team: str

    def case_body(self, batch: ImportBatchRef) -> CaseBody:
        """A closed, statistics-only case of ``batch``: it is history, not work to do."""
        return CaseBody(
            type=CaseType.UNBORN if self.age_band is AgeBand.UNBORN else CaseType.CHILD,
            imported=True,
            import_batch=batch,
            raised_on=self.raised_on,
            reported_consent=self.consent,
            reported_age_band=self.age_band,
            coordinated_plan=self.sip,
            gender=self.gender,
            notice=Notice(referrer=self.referrer),
            team=self.team,
            status=CaseStatus.CLOSED,
            closed_on=self.raised_on,
        )


@dataclass(frozen=True)
class BadRow:
    line: int
    reason: str


@dataclass(frozen=True)
class Sheet:
    rows: list[ImportRow]
    bad: list[BadRow]
    ignored_columns: list[str]
    sha256: str = ""
    """The file's SHA-256 (hex): the same file imported again is found by it."""

    def bad_lines(self, lang: str = "sv") -> list[str]:
        """One line per bad row for the first ``SHOWN_BAD_ROWS``, then one for the rest."""
        lines = [
            t("followup.import.bad_row", lang, line=b.line, reason=b.reason)
            for b in self.bad[:SHOWN_BAD_ROWS]
        ]
        if len(self.bad) > SHOWN_BAD_ROWS:
            more = len(self.bad) - SHOWN_BAD_ROWS
            lines.append(t("followup.import.more_bad_rows", lang, count=more))
        return lines


class _Bad(Exception):
    """One row's problem, already in the user's language."""


_Reason = Callable[..., _Bad]


def read_sheet(
    path: Path,
    lang: str = "sv",
    today: dt.date | None = None,
    default_team: str = "",
    limits: Limits | None = None,
) -> Sheet:
    """Read and check every row. Raises FileNotFoundError, or SheetError for a file
    that cannot be used at all (unknown type, unreadable, too big, missing columns)."""
    if not path.is_file():
        raise FileNotFoundError(t("followup.import.file_missing", lang, path=path))
    limits = limits or Limits.from_settings()
    suffix = path.suffix.casefold()
    if suffix not in (".csv", ".xlsx"):
        raise SheetError(t("followup.import.unknown_format", lang, path=path))
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise _too_big(path, lang, limits)
    with path.open("rb") as fh:
        # Read once (the hash and the rows come from the same bytes), never past the cap
        # even if the file grows meanwhile; read(n) allocates n, so n is the file's size.
        data = fh.read(min(size, limits.max_bytes) + 1)
    if len(data) > limits.max_bytes:
        raise _too_big(path, lang, limits)
    if suffix == ".csv":
        records: contextlib.AbstractContextManager[Iterator[tuple[int, list[object]]]] = (
            contextlib.nullcontext(_csv_records(data, path, lang))
        )
    else:
        records = _xlsx_records(data, path, lang, limits)
    with records as rows:
        sheet = parse_records(rows, lang, today or clock.today(), default_team, limits)
    return Sheet(sheet.rows, sheet.bad, sheet.ignored_columns, hashlib.sha256(data).hexdigest())


def parse_records(
    records: Iterable[tuple[int, Sequence[object]]],
    lang: str = "sv",
    today: dt.date | None = None,
    default_team: str = "",
    limits: Limits | None = None,
) -> Sheet:
    """``records`` are (line number, cells); the first non-empty one is the header.
    They are read one at a time, and reading stops at the row limit."""
    today = today or clock.today()
    limits = limits or Limits.from_settings()
    columns: dict[str, int] | None = None
    ignored: list[str] = []
    written: dict[str, str] = {}
    rows: list[ImportRow] = []
    bad: list[BadRow] = []
    for line, raw in records:
        cells = list(raw[:MAX_COLUMNS])
        if not any(_text(c) for c in cells):
            continue
        if columns is None:
            columns, ignored = _columns(cells, lang)
            # Errors name a column as the file writes it, not by our internal name.
            written = {name: _text(cells[i]) for name, i in columns.items()}
            continue
        if len(rows) + len(bad) >= limits.max_rows:
            raise SheetError(t("followup.import.too_many_rows", lang, limit=limits.max_rows))
        values = {name: cells[i] if i < len(cells) else None for name, i in columns.items()}
        try:
            rows.append(_row(line, values, written, lang, today, default_team))
        except _Bad as exc:
            bad.append(BadRow(line, str(exc)))
    if not rows and not bad:
        raise SheetError(t("followup.import.no_rows", lang))
    return Sheet(rows=rows, bad=bad, ignored_columns=ignored)


# --- reading files ---------------------------------------------------------------


def _too_big(path: Path, lang: str, limits: Limits) -> SheetError:
    return SheetError(t("followup.import.too_big", lang, path=path, limit=limits.max_bytes))


def _csv_records(data: bytes, path: Path, lang: str) -> Iterator[tuple[int, list[object]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel in Swedish saves "CSV" as Windows-1252 unless asked for UTF-8.
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    # Swedish Excel separates with ';' (the comma is the decimal sign).
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        line = 1
        for cells in reader:
            yield line, list(cells[:MAX_COLUMNS])
            line = reader.line_num + 1  # a quoted cell may span lines
    except csv.Error as exc:
        raise SheetError(t("followup.import.unreadable", lang, path=path, reason=exc)) from None


# What a damaged or hostile XLSX can make openpyxl (and the zip and XML readers under
# it) raise. Caught only around reading the file, so a bug of ours still surfaces.
_XLSX_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    AttributeError,
    TypeError,
    ValueError,  # also defusedxml's refusal of entities and DTDs
    SyntaxError,  # xml.etree's ParseError: malformed XML
    OSError,
    NotImplementedError,
)


@contextlib.contextmanager
def _xlsx_records(
    data: bytes, path: Path, lang: str, limits: Limits
) -> Iterator[Iterator[tuple[int, list[object]]]]:
    """The first sheet's rows, streamed from the file's bytes in memory."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    def unreadable(exc: BaseException) -> SheetError:
        # One line: an XML error can carry newlines and a whole element.
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        return SheetError(t("followup.import.unreadable", lang, path=path, reason=reason))

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # The sizes a zip declares bound what reading it can unpack (zipfile stops
            # at the declared size and fails the CRC check if the data says otherwise).
            unpacked = sum(info.file_size for info in archive.infolist())
    except _XLSX_ERRORS as exc:
        raise unreadable(exc) from None
    if unpacked > limits.max_bytes:
        raise _too_big(path, lang, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except (InvalidFileException, *_XLSX_ERRORS) as exc:
        raise unreadable(exc) from None

    def rows() -> Iterator[tuple[int, list[object]]]:
        # A sheet may declare A1:XFD1048576 and hold three cells, or hold one cell in its
        # last row: openpyxl's iter_rows pads to the declared size and yields every row
        # in a gap. Its own row parser yields only the rows the file holds, so we place
        # the cells ourselves, in the first MAX_COLUMNS columns.
        from openpyxl.worksheet._reader import WorkSheetParser

        try:
            with sheet._get_source() as source:
                parser = WorkSheetParser(
                    source,
                    sheet._shared_strings,
                    data_only=True,
                    epoch=book.epoch,
                    date_formats=book._date_formats,
                    timedelta_formats=book._timedelta_formats,
                )
                for line, cells in parser.parse():
                    row: list[object] = []
                    for cell in cells:
                        column = int(cell["column"])
                        if 1 <= column <= MAX_COLUMNS:
                            row.extend([None] * (column - len(row)))
                            row[column - 1] = cell["value"]
                    yield int(line), row
        except _XLSX_ERRORS as exc:
            raise unreadable(exc) from None

    try:
        yield rows()
    finally:
        book.close()


def _columns(header: Sequence[object], lang: str) -> tuple[dict[str, int], list[str]]:
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for i, cell in enumerate(header):
        name = HEADER_TO_COLUMN.get(header_key(_text(cell)))
        if name is None:
            if _text(cell):
                ignored.append(_text(cell))
            continue
        if name in columns:
            raise SheetError(t("followup.import.duplicate_column", lang, column=_text(cell)))
        columns[name] = i
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise SheetError(t("followup.import.missing_columns", lang, columns=", ".join(missing)))
    if "age" not in columns and "age_band" not in columns:
        raise SheetError(t("followup.import.no_age_column", lang))
    return columns, ignored


# --- one row -----------------------------------------------------------------------


def _row(
    line: int,
    values: dict[str, object],
    written: dict[str, str],
    lang: str,
    today: dt.date,
    default_team: str,
) -> ImportRow:
    def reason(key: str, **kw: Any) -> _Bad:
        return _Bad(t(f"followup.import.reason.{key}", lang, **kw))

    raised_on = _date(values.get("raised_on"), reason)
    if raised_on > today:
        raise reason("date_future", value=raised_on.isoformat())
    consent = _yes_no(values.get("consent"), written["consent"], reason)
    if consent is None:
        raise reason("consent_missing")
    sip = _yes_no(values.get("sip"), written.get("sip", "sip"), reason) or False
    if sip and not consent:
        raise reason("sip_without_consent")
    band = _age_band(values.get("age"), values.get("age_band"), reason)
    gender = GENDERS.get(normal(_text(values.get("gender"))))
    if gender is None:
        raise reason("gender_invalid", value=_text(values.get("gender")))
    referrer = REFERRERS.get(normal(_text(values.get("referrer"))))
    if referrer is None:
        raise reason("referrer_invalid", value=_text(values.get("referrer")))
    team = " ".join(_text(values.get("team")).split()) or default_team.strip()
    if len(team) > 200:
        raise reason("team_too_long")
    return ImportRow(line, raised_on, consent, sip, band, gender, referrer, team)


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _date(cell: object, reason: _Reason) -> dt.date:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = _text(cell)
    if not text:
        raise reason("date_missing")
    match = _ISO_DAY.match(text)
    try:
        if match:
            return dt.date.fromisoformat(match.group(1))
    except ValueError:
        pass  # 2021-02-29 matches the pattern but is no day
    raise reason("date_invalid", value=text)


def _yes_no(cell: object, column: str, reason: _Reason) -> bool | None:
    """None for an empty cell; the caller decides whether empty means no."""
    if isinstance(cell, bool):
        return cell
    text = normal(_text(cell))
    if not text:
        return None
    if text in YES:
        return True
    if text in NO:
        return False
    raise reason("yes_no", column=column, value=_text(cell))


def _age_band(age_cell: object, band_cell: object, reason: _Reason) -> AgeBand:
    from_age = _band_from_age(age_cell, reason)
    band_text = normal(_text(band_cell))
    from_band = None
    if band_text:
        key = band_text if band_text in AGE_BANDS else _BAND_SUFFIX.sub("", band_text)
        from_band = AGE_BANDS.get(key.replace(" ", ""), AGE_BANDS.get(key))
        if from_band is None:
            raise reason("age_band_invalid", value=_text(band_cell))
    if from_age and from_band and from_age is not from_band:
        raise reason("age_mismatch", age=_text(age_cell), band=_text(band_cell))
    band = from_age or from_band
    if band is None:
        raise reason("age_missing")
    return band


def _band_from_age(cell: object, reason: _Reason) -> AgeBand | None:
    if isinstance(cell, bool):
        raise reason("age_invalid", value=_text(cell))
    text = normal(_text(cell))
    if not text:
        return None
    if text in UNBORN_WORDS:
        return AgeBand.UNBORN
    match = _YEARS.match(text)
    if not match or int(match.group(1)) > MAX_AGE:
        raise reason("age_invalid", value=_text(cell))
    return AgeBand.for_age(int(match.group(1)))
