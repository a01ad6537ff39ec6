"""Reports over ranges a day apart (issue 13 item 8): two masked reports whose ranges
differ by a day gave that day's children away by subtraction. A masked report covers
whole periods (terms, years or months), so two reports share a period exactly or not at
all; a masked teams set covers one term or one year."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.followup.exports import report_text
from plans.followup.periods import Grouping, whole_periods
from plans.followup.report import term_report
from plans.followup.report_set import report_set
from tests.unit.test_followup_sets import _cells, fact

VT = (dt.date(2020, 1, 1), dt.date(2020, 6, 30))


def new_year_referrals() -> list[dict[str, Any]]:
    """Two referrals from MVC on New Year's Day among 60 children in the spring."""
    facts = [fact("2020-01-01", referrer="mvc", age="unborn") for _ in range(2)]
    facts += [fact("2020-02-03", referrer="mvc", age="unborn") for _ in range(10)]
    facts += [fact("2020-03-02", referrer="school") for _ in range(48)]
    return facts


def differences(a: dict[str, Any], b: dict[str, Any]) -> Iterator[tuple[str, int]]:
    """Every count shown in both columns, as a minus b."""
    for (name, x), (_, y) in zip(_cells(a), _cells(b), strict=True):
        if isinstance(x, int) and isinstance(y, int):
            yield name, x - y


def test_two_reports_a_day_apart_do_not_give_that_day_away() -> None:
    facts = new_year_referrals()
    whole = term_report(facts, *VT).to_json()[0]
    day_later = term_report(facts, dt.date(2020, 1, 2), VT[1]).to_json()[0]
    leaked = {name: d for name, d in differences(whole, day_later) if 0 < d < 5}
    assert leaked == {}, leaked
    assert (day_later["start"], day_later["end"]) == ("2020-01-01", "2020-06-30")


def test_a_widened_report_says_what_was_asked() -> None:
    report = term_report(new_year_referrals(), dt.date(2020, 1, 2), dt.date(2020, 5, 31))
    assert (report.start, report.end) == VT
    assert report.asked == (dt.date(2020, 1, 2), dt.date(2020, 5, 31))
    text = report_text(report, "en")
    assert "You asked for 2020-01-02 – 2020-05-31" in text
    assert term_report(new_year_referrals(), *VT).asked is None


def test_an_unmasked_report_keeps_the_range_asked_for() -> None:
    """For the team's own work: any range, nothing widened."""
    report = term_report(new_year_referrals(), dt.date(2020, 1, 2), VT[1], suppress=False)
    assert report.to_json()[0]["start"] == "2020-01-02"
    assert report.to_json()[0]["raised_total"] == 58


def test_a_masked_teams_set_covers_one_term_or_one_year() -> None:
    facts = new_year_referrals()
    inside = report_set(facts, "teams", start=dt.date(2020, 1, 2), end=dt.date(2020, 3, 1))
    assert (inside.start, inside.end) == VT
    assert inside.asked == (dt.date(2020, 1, 2), dt.date(2020, 3, 1))
    year = report_set(facts, "teams", start=dt.date(2020, 2, 1), end=dt.date(2020, 11, 1))
    assert (year.start, year.end) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    with pytest.raises(ValueError, match="one term or one year"):
        report_set(facts, "teams", start=dt.date(2020, 9, 1), end=dt.date(2021, 3, 1))
    unmasked = report_set(
        facts, "teams", start=dt.date(2020, 9, 1), end=dt.date(2021, 3, 1), suppress=False
    )
    assert unmasked.start == dt.date(2020, 9, 1)


# --- the property: any two masked reports, any ranges ---------------------------------------

DAYS = st.integers(min_value=0, max_value=730).map(
    lambda n: dt.date(2020, 1, 1) + dt.timedelta(days=n)
)


@st.composite
def two_ranges(draw: st.DrawFn) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    out = []
    for _ in range(2):
        a, b = draw(DAYS), draw(DAYS)
        out.append((min(a, b), max(a, b)))
    return out[0], out[1]


def spread_facts(seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [
        fact(
            (dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(731))).isoformat(),
            referrer=rng.choice(["mvc", "school", "bvc"]),
            consent=rng.random() < 0.7,
            gender=rng.choice(["girl", "boy"]),
        )
        for _ in range(rng.randrange(20, 120))
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(two_ranges(), st.sampled_from(list(Grouping)), st.integers(0, 2**16))
def test_two_masked_reports_share_a_period_exactly_or_not_at_all(
    ranges: tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]],
    by: Grouping,
    seed: int,
) -> None:
    """The attacker holds two masked reports over any two ranges: every column of one
    that overlaps a column of the other is the same period with the same cells, so the
    subtraction gives nothing (before: a column cut a day short gave that day away)."""
    facts = spread_facts(seed)
    first, second = (term_report(facts, start, end, by).to_json() for start, end in ranges)
    for a in first:
        assert (dt.date.fromisoformat(a["start"]), dt.date.fromisoformat(a["end"])) == (
            whole_periods(dt.date.fromisoformat(a["start"]), dt.date.fromisoformat(a["end"]), by)
        )
        for b in second:
            if a["start"] <= b["end"] and b["start"] <= a["end"]:
                assert a == b
                assert all(d == 0 for _, d in differences(a, b))
