"""Demo standards settings: Aldermoor configured as a county council would, Brackenfield on
the defaults. Written through the services, and idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime

from herald.audit.services import SYSTEM
from herald.councils.models import Council
from herald.standards import services
from herald.standards.models import WordList

# Ofcom's drama range (01632 960xxx) and an invented postcode: nothing here can reach anyone.
ALDERMOOR_CONTACT = {
    "phone_numbers": ["01632 960000", "01632 960123"],
    "email_domains": ["aldermoor.gov.uk"],
    "postcodes": ["AM1 1CH"],  # County Hall
    "prohibited_terms": ["Aldermoor CC", "world-class"],
}
ALDERMOOR_WORDS: dict[WordList, tuple[str, ...]] = {
    WordList.COUNCILLOR: (
        "Cllr Margaret Hollinshead",
        "Cllr Devinder Okonjo",
        "Cllr Tomasz Pennington",
        "Cllr Rhiannon Ashdown",
    ),
    WordList.CANDIDATE: ("Fenella Marchbank",),
    WordList.POLITICIAN_HANDLE: ("@CllrHollinshead", "@DevOkonjoAldermoor"),
    WordList.BLOCKED: ("scrounger", "jobsworth"),
    WordList.ALLOWED: ("Scunthorpe",),
}
MAY_2027 = {
    "name": "Aldermoor County Council elections, May 2027",
    "notice_on": datetime.date(2027, 3, 26),
    "polling_on": datetime.date(2027, 5, 6),
    "areas": ["All county divisions"],
}
LIBRARIES = {
    "handle": "@AldermoorLibraries",
    "required_sign_off": "",
    "required_hashtags": ["#AldermoorLibraries"],
}


def load_demo(*, council: Council) -> None:
    services.ensure_standards_settings(council=council, actor=SYSTEM)
    if council.slug != "aldermoor":
        return  # Brackenfield shows the defaults
    services.update_contact_details(council=council, actor=SYSTEM, **ALDERMOOR_CONTACT)
    existing = {(entry.word_list, entry.text.casefold()) for entry in council.standards_words.all()}
    for word_list, texts in ALDERMOOR_WORDS.items():
        for text in texts:
            if (word_list.value, text.casefold()) not in existing:
                services.add_word(council=council, actor=SYSTEM, word_list=word_list, text=text)
    if not council.pre_election_periods.filter(name=MAY_2027["name"]).exists():
        services.create_election_period(council=council, actor=SYSTEM, **MAY_2027)  # type: ignore[arg-type]
    if not council.standards_account_rules.filter(handle="@aldermoorlibraries").exists():
        services.save_account_rule(council=council, actor=SYSTEM, **LIBRARIES)  # type: ignore[arg-type]
