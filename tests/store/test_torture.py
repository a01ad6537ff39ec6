"""The short version of the fault-injection suite (``make torture`` runs the long one)."""

from __future__ import annotations

import pytest

from tests.store.torture import run


@pytest.mark.torture
@pytest.mark.slow
def test_sigkill_during_saves_imports_and_rebuilds_loses_nothing() -> None:
    counts = run(kills=24, live_checks=8, seed=7)
    assert counts.kills == 24 and counts.acknowledged > 0 and counts.live_checks == 8
    assert counts.failures() == 0, (counts.line(), counts.examples)
