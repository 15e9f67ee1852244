"""The list's selectors: keyset paging through ties, scoping, the capped count."""

from __future__ import annotations

import pytest
from django.utils import timezone

from herald.inbox import selectors, services
from herald.inbox.testing import make_mention
from herald.inbox.tests.core.conftest import Inbox

pytestmark = pytest.mark.django_db


def test_paging_through_equal_times_loses_and_repeats_nothing(inbox: Inbox) -> None:
    council = inbox.personas.council
    same = timezone.now()
    for n in range(30):
        make_mention(council=council, account=inbox.account, text=f"Tie {n}", posted_at=same)
    services.collect_for(council=council)
    seen: list[int] = []
    cursor = ""
    while True:
        page = selectors.conversation_page(
            council=council, filters=selectors.Filters(), cursor=cursor, size=7
        )
        seen += [c.pk for c in page.items]
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert len(seen) == 30
    assert len(set(seen)) == 30


def test_the_count_is_capped_and_scoped(inbox: Inbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    for n in range(5):
        make_mention(council=inbox.personas.council, account=inbox.account, text=f"Q {n}")
    services.collect_for(council=inbox.personas.council)
    ours = selectors.conversation_page(council=inbox.personas.council, filters=selectors.Filters())
    assert ours.count_capped
    assert ours.count_text == "More than 3"
    theirs = selectors.conversation_page(
        council=inbox.personas.other_council, filters=selectors.Filters()
    )
    assert theirs.items == []
    assert theirs.count == 0
