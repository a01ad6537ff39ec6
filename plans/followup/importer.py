"""Import of a team's existing follow-up spreadsheet (CSV or XLSX), one row per child raised.

Each good row becomes a statistics-only case (``imported=True``): a date, yes/no
for consent and SIP, an age band, gender, referrer and team – never a name, a
birth date or a note. Columns the import does not know are not read at all.

Importing the same rows again adds nothing: every row gets an ``import_key``
from its *meaning* (the parsed values, so "ja" and "yes" agree) and how many
identical rows came before it in the file. Rows that are already in the store
are skipped, also when they arrive again in a longer file (a year after a term).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from plans import clock
from plans.documents.case import (
    AgeBand,
    CaseBody,
    CaseStatus,
    CaseType,
    Gender,
    Notice,
    Referrer,
)
from plans.followup.counts import team_key
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
from plans.store import Store

SAVED_BY = "import-followup"
MAX_AGE = 25  # as for a child's birth date: older is a typing error, not a child
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?$")
_YEARS = re.compile(r"^(\d{1,3})(?:[.,]0+)?(?: ?(?:år|years?|y))?$")
_BAND_SUFFIX = re.compile(r"\s*(?:år|years?)$")


class SheetError(ValueError):
    """The file as a whole cannot be used. The message is in the user's language."""


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
    key: str = ""

    def meaning(self) -> str:
        """The parsed values; equal for rows that say the same thing in other words."""
        return "|".join(
            [
                self.raised_on.isoformat(),
                "1" if self.consent else "0",
                "1" if self.sip else "0",
                self.age_band.value,
                self.gender.value,
                self.referrer.value,
                team_key(self.team),
            ]
        )

    def case_body(self) -> CaseBody:
        """A closed, statistics-only case: it is history, not work to do."""
        return CaseBody(
            type=CaseType.UNBORN if self.age_band is AgeBand.UNBORN else CaseType.CHILD,
            imported=True,
            import_key=self.key,
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


class _Bad(Exception):
    """One row's problem, already in the user's language."""


_Reason = Callable[..., _Bad]


def read_sheet(
    path: Path, lang: str = "sv", today: dt.date | None = None, default_team: str = ""
) -> Sheet:
    """Read and check every row. Raises FileNotFoundError, or SheetError for a file
    that cannot be used at all (unknown type, unreadable, missing columns)."""
    if not path.is_file():
        raise FileNotFoundError(t("followup.import.file_missing", lang, path=path))
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        records = _csv_records(path, lang)
    elif suffix == ".xlsx":
        records = _xlsx_records(path, lang)
    else:
        raise SheetError(t("followup.import.unknown_format", lang, path=path))
    return parse_records(records, lang, today or clock.today(), default_team)


def parse_records(
    records: Iterable[tuple[int, Sequence[object]]],
    lang: str = "sv",
    today: dt.date | None = None,
    default_team: str = "",
) -> Sheet:
    """``records`` are (line number, cells); the first non-empty one is the header."""
    today = today or clock.today()
    filled = [(line, list(cells)) for line, cells in records if any(_text(c) for c in cells)]
    if not filled:
        raise SheetError(t("followup.import.no_rows", lang))
    (_, header), body = filled[0], filled[1:]
    columns, ignored = _columns(header, lang)
    # Errors name a column as the file writes it, not by our internal name.
    written = {name: _text(header[i]) for name, i in columns.items()}
    rows: list[ImportRow] = []
    bad: list[BadRow] = []
    for line, cells in body:
        values = {name: cells[i] if i < len(cells) else None for name, i in columns.items()}
        try:
            rows.append(_row(line, values, written, lang, today, default_team))
        except _Bad as exc:
            bad.append(BadRow(line, str(exc)))
    if not rows and not bad:
        raise SheetError(t("followup.import.no_rows", lang))
    return Sheet(rows=_with_keys(rows), bad=bad, ignored_columns=ignored)


def existing_import_keys(store: Store) -> set[str]:
    """Keys of rows imported before, from the index (no documents are opened)."""
    return {
        str(c.facts.get("import_key"))
        for c in store.list_cases()
        if c.facts.get("imported") and c.facts.get("import_key")
    }


def import_rows(
    store: Store, rows: Iterable[ImportRow], source: str = "", lang: str = "sv"
) -> tuple[int, int]:
    """Save the rows not already in the store. Returns (imported, already there)."""
    known = existing_import_keys(store)
    note = t("followup.import.note", lang, file=source)
    imported = present = 0
    for row in rows:
        if row.key in known:
            present += 1
            continue
        store.create_case(row.case_body(), saved_by=SAVED_BY, note=note)
        known.add(row.key)
        imported += 1
    return imported, present


# --- reading files ---------------------------------------------------------------


def _csv_records(path: Path, lang: str) -> list[tuple[int, list[object]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel in Swedish saves "CSV" as Windows-1252 unless asked for UTF-8.
        text = raw.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    # Swedish Excel separates with ';' (the comma is the decimal sign).
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[object]]] = []
    try:
        line = 1
        for cells in reader:
            records.append((line, list(cells)))
            line = reader.line_num + 1  # a quoted cell may span lines
    except csv.Error as exc:
        raise SheetError(t("followup.import.unreadable", lang, path=path, reason=exc)) from None
    return records


def _xlsx_records(path: Path, lang: str) -> list[tuple[int, list[object]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise SheetError(t("followup.import.unreadable", lang, path=path, reason=exc)) from None
    try:
        sheet = book.worksheets[0]
        return [(i, list(cells)) for i, cells in enumerate(sheet.iter_rows(values_only=True), 1)]
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


def _with_keys(rows: list[ImportRow]) -> list[ImportRow]:
    """Give each row its import key: its meaning plus how many identical rows came
    before it, so two children raised the same day with the same details both count
    – and inserting an unrelated row in the file changes no other row's key."""
    seen: Counter[str] = Counter()
    keyed = []
    for row in rows:
        meaning = row.meaning()
        digest = hashlib.sha256(f"{meaning}#{seen[meaning]}".encode()).hexdigest()
        seen[meaning] += 1
        keyed.append(replace(row, key=f"imp-{digest[:32]}"))
    return keyed
