"""The shared words (catalogs/words.*.toml) are written down once: no other catalogue key
holds the same words, so a second copy cannot be edited apart from the first and the app,
the meeting view and the PDF cannot drift into two vocabularies again (issue 12 item 7)."""

from __future__ import annotations

import pytest

from plans.i18n import catalog

OTHER_THINGS = {
    # The same word for something else: the case's child or family, not a voice.
    "field.child",
    "new_case.section.child",
    "case_admin.details",
    "history.field.child",
    "planview.unborn_child",
    "case_admin.people",
    # Who a PDF is for, inside a sentence ("Ladda ner pdf för familjen").
    "meeting.audience_family",
    # A step of the practice model that is done, not an action.
    "step.done",
}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_each_shared_word_is_written_down_once(lang: str) -> None:
    texts = catalog(lang)
    shared = {key: text for key, text in texts.items() if key.startswith("words.")}
    assert len(shared) >= 20
    copies = sorted(
        (key, other)
        for key, text in shared.items()
        if len(text) > 1  # the voices' letters may recur
        for other, same in texts.items()
        if other != key
        and other not in OTHER_THINGS
        and same.strip().casefold() == text.strip().casefold()
    )
    assert copies == []
