"""Terms, years and months, and their boundaries."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans.followup.counts import iso_period_label
from plans.followup.periods import Grouping, Period, period_label, periods_between

D = dt.date


@pytest.mark.parametrize(
    ("day", "term"),
    [
        (D(2020, 1, 1), "2020-VT"),
        (D(2020, 2, 29), "2020-VT"),
        (D(2020, 6, 30), "2020-VT"),
        (D(2020, 7, 1), "2020-HT"),
        (D(2020, 12, 31), "2020-HT"),
        (D(2021, 1, 1), "2021-VT"),
    ],
)
def test_terms_split_at_the_end_of_june(day: dt.date, term: str) -> None:
    assert period_label(day, Grouping.TERM) == term


def test_year_and_month_labels() -> None:
    assert period_label(D(2020, 2, 29), Grouping.YEAR) == "2020"
    assert period_label(D(2020, 2, 29), Grouping.MONTH) == "2020-02"


def test_a_year_has_two_terms() -> None:
    assert periods_between(D(2020, 1, 1), D(2020, 12, 31), Grouping.TERM) == [
        Period("2020-VT", D(2020, 1, 1), D(2020, 6, 30)),
        Period("2020-HT", D(2020, 7, 1), D(2020, 12, 31)),
    ]


def test_periods_are_clipped_to_the_range_and_empty_ones_kept() -> None:
    periods = periods_between(D(2020, 3, 15), D(2021, 2, 1), Grouping.TERM)
    assert periods == [
        Period("2020-VT", D(2020, 3, 15), D(2020, 6, 30)),
        Period("2020-HT", D(2020, 7, 1), D(2020, 12, 31)),
        Period("2021-VT", D(2021, 1, 1), D(2021, 2, 1)),
    ]


def test_months_know_leap_years() -> None:
    months = periods_between(D(2020, 1, 1), D(2020, 3, 31), Grouping.MONTH)
    assert [(p.label, p.end) for p in months] == [
        ("2020-01", D(2020, 1, 31)),
        ("2020-02", D(2020, 2, 29)),
        ("2020-03", D(2020, 3, 31)),
    ]
    assert periods_between(D(2021, 2, 1), D(2021, 2, 28), Grouping.MONTH)[0].end == D(2021, 2, 28)


def test_one_day_is_one_period() -> None:
    assert periods_between(D(2020, 6, 30), D(2020, 6, 30), Grouping.YEAR) == [
        Period("2020", D(2020, 6, 30), D(2020, 6, 30))
    ]


def test_an_end_before_the_start_is_refused() -> None:
    with pytest.raises(ValueError, match="before"):
        periods_between(D(2020, 2, 1), D(2020, 1, 1), Grouping.TERM)


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)), st.sampled_from(Grouping))
def test_the_fast_label_agrees_with_the_plain_one(day: dt.date, by: Grouping) -> None:
    assert iso_period_label(day.isoformat(), by) == period_label(day, by)
