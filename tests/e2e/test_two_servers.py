"""Two app servers on one PostgreSQL database (a region's setup): two people open the
same plan, one on each server, and both save. Exactly one conflict is shown, to the one
who saved second; their text stays on screen, the first person's text is kept, and
after "keep everything I wrote" both versions are in the history: nothing is lost."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from plans.accounts.model import AccountRole
from plans.demo import write_demo
from plans.documents.case import CaseBody
from plans.organisations import organisation_id
from plans.services import LOCAL_OPERATOR, Context
from plans.services.access import grant
from plans.services.accounts import add_user
from plans.store.postgres import PostgresStore
from tests.e2e.conftest import E2E_PASSWORD
from tests.e2e.helpers import App
from tests.service.conftest import hjulet_run

HJULET = Path(sys.executable).parent / "hjulet"


@pytest.fixture
def two_servers(postgres_url: str, tmp_path: Path, artifacts: Path) -> Iterator[list[str]]:
    # One accounts folder for both: accounts and memberships are not in the database yet.
    env = {"HJULET_DATABASE_URL": postgres_url, "HJULET_DATA_DIR": str(tmp_path / "accounts")}
    with ExitStack() as stack:
        ports = [
            stack.enter_context(hjulet_run(HJULET, tmp_path, env, artifacts / f"two-{n}.log"))
            for n in ("a", "b")
        ]
        yield [f"http://127.0.0.1:{port}" for port in ports]


def test_two_servers_one_database_one_conflict_nothing_lost(
    postgres_url: str, two_servers: list[str], browser: Any, artifacts: Path, tmp_path: Path
) -> None:
    accounts = tmp_path / "accounts"
    store = PostgresStore(postgres_url, accounts_dir=accounts)
    write_demo(store, 5)
    noah = next(c.id for c in store.list_cases() if c.display_name.startswith("Noah"))
    ctx = Context(store, LOCAL_OPERATOR, dt.date.today())
    case = store.load(noah, "case").body_as(CaseBody)
    organisation = organisation_id(case.named_person.organisation) if case.named_person else ""
    for name in ("anna", "bertil"):
        add_user(
            ctx,
            name,
            role=AccountRole.PROFESSIONAL,
            password=E2E_PASSWORD,
            organisation=organisation or "",
        )
        grant(ctx, noah, name)
    before = store.load(noah, "plan").revision
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in two_servers]
    try:
        first, second = (
            App(c.new_page(), url, user=name)
            for c, url, name in zip(contexts, two_servers, ("anna", "bertil"), strict=True)
        )
        for app in (first, second):  # both open the plan (signing in) before either saves
            app.open(f"case?case={noah}")
            app.step("plan")
        first.type(first.tr("plan.reasons"), "Anna på server A skrev det här.")
        second.type(second.tr("plan.reasons"), "Bertil på server B skrev det här.")

        first.save(revision=before + 1)
        save = second.main().get_by_role("button", name=second.tr("save.button"), exact=True)
        second.act(lambda: save.click())
        expect(second.page.get_by_text(second.tr("conflict.title"))).to_have_count(1)
        expect(first.page.get_by_text(first.tr("conflict.title"))).to_have_count(0)
        second.page.screenshot(path=str(artifacts / "two-servers-conflict.png"), full_page=True)
        # The first person's text is what is saved; the second person's is still shown.
        assert store.load(noah, "plan").parsed().reasons == "Anna på server A skrev det här."
        expect(second.main().get_by_text("Bertil på server B skrev det här.").first).to_be_visible()

        second.button(second.tr("conflict.keep_mine_all"))  # one click saves
        second.text_visible(second.tr("save.done"))
    finally:
        for context in contexts:
            context.close()
    history = store.history(noah, "plan")
    assert [h.revision for h in history][-3:] == [before, before + 1, before + 2]
    texts = [store.load(noah, "plan", rev).parsed().reasons for rev in (before + 1, before + 2)]
    assert texts == ["Anna på server A skrev det här.", "Bertil på server B skrev det här."]
    assert store.check() == []
    store.close()
