"""Personal data: realistic positives, and the council's own details and look-alikes as negatives."""

from __future__ import annotations

import pytest

from herald.standards.engine import check
from herald.standards.engine.rules.identifiers import nhs_checksum_ok
from herald.standards.types import CheckContext, RulePack

PACK = RulePack(
    own_phone_numbers=frozenset({"+441632960000"}),
    own_email_domains=frozenset({"aldermoor.gov.uk"}),
    own_postcodes=frozenset({"AL1 2CC"}),
)
CONTEXT = CheckContext(pack=PACK)


def spans(text: str, rule: str) -> list[str]:
    return [text[f.start : f.end] for f in check(text, CONTEXT) if f.rule == rule]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Give Sandra a ring on 07700 900123 about the stall", ["07700 900123"]),
        ("Text +44 7700 900456 for tickets", ["+44 7700 900456"]),
        ("My landline is (01632) 960123, call after six", ["(01632) 960123"]),
        ("His number: 07700900789", ["07700900789"]),
    ],
)
def test_personal_phone_numbers_are_found(text: str, expected: list[str]) -> None:
    assert spans(text, "personal_data.phone") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Call the council switchboard on 01632 960000 (9am to 5pm)",
        "Council Tax enquiries: 0300 123 4567",
        "Worried about a child? Childline is free on 0800 1111",
        "Planning application reference 24/01234/FUL, case 4412345678 logged",
        "Scan the code to pay: 1234 5678 9012 3456",
    ],
)
def test_organisation_numbers_and_references_are_not_personal(text: str) -> None:
    assert spans(text, "personal_data.phone") == []


def test_emails_except_the_councils_own_domains() -> None:
    text = (
        "Email jo.bloggs@gmail.com or libraries@aldermoor.gov.uk (or parks@mail.aldermoor.gov.uk)"
    )
    assert spans(text, "personal_data.email") == ["jo.bloggs@gmail.com"]


def test_a_handle_is_not_an_email_address() -> None:
    assert spans("Thanks @AldermoorCC for the update", "personal_data.email") == []


def test_address_needs_a_house_number_or_street_with_the_postcode() -> None:
    text = "The fly-tipper lives at 14 Acacia Avenue, Aldermoor AL3 5XY apparently"
    assert spans(text, "personal_data.address") == ["14 Acacia Avenue, Aldermoor AL3 5XY"]
    assert spans("Drop-in at County Hall, Aldermoor AL1 2CC", "personal_data.address") == []
    assert spans("Roadworks across the AL3 area next week", "personal_data.address") == []
    assert spans("Visit us at 1 Market Street, Aldermoor AL1 2CC", "personal_data.address") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("His NI number is AB 12 34 56 C", ["AB 12 34 56 C"]),
        ("JT123456A was on the form", ["JT123456A"]),
        ("my national insurance no. JT123456 sorry", ["JT123456"]),
        ("At 936185 people visited the show", []),
        ("Prefix QQ123456C is only ever an example", []),
        ("Route GB 12 34 56 A is not allocated", []),
    ],
)
def test_national_insurance_numbers(text: str, expected: list[str]) -> None:
    assert spans(text, "personal_data.ni_number") == expected


def test_nhs_numbers_need_a_valid_checksum() -> None:
    assert nhs_checksum_ok("9434765919")
    assert not nhs_checksum_ok("9434765918")
    assert spans("NHS no 943 476 5919 for Mum", "personal_data.nhs_number") == ["943 476 5919"]
    assert spans("Ticket 943 476 5918 wins", "personal_data.nhs_number") == []


def test_dates_of_birth_need_a_birth_word() -> None:
    assert spans("DOB 12/03/1985, please help", "personal_data.date_of_birth") == ["DOB 12/03/1985"]
    assert spans("Doris was born on 3rd March 1925!", "personal_data.date_of_birth") == [
        "born on 3rd March 1925"
    ]
    assert spans("Bin collections change on 12/03/2026", "personal_data.date_of_birth") == []


def test_bank_details_need_sort_code_and_account_number() -> None:
    text = "Pay me: sort code 20-00-00 account 12345678"
    assert spans(text, "personal_data.bank_details") == ["20-00-00 account 12345678"]
    assert spans("The fair runs 12-03-24 to 14-03-24", "personal_data.bank_details") == []


def test_vehicle_registrations() -> None:
    assert spans(
        "The car AB12 CDE was parked on the verge", "personal_data.vehicle_registration"
    ) == ["AB12 CDE"]
    assert (
        spans("Try our new service, COVID19 JAB clinic", "personal_data.vehicle_registration") == []
    )


def test_private_names_where_the_wording_shows_it() -> None:
    text = "Mr Smith of 12 Elm Road complained, and so did my neighbour John Barnes"
    assert spans(text, "personal_data.private_name") == ["Mr Smith", "John Barnes"]
    assert spans("Mr Smith from Highways will attend", "personal_data.private_name") == []


def test_zero_width_characters_cannot_hide_a_phone_number() -> None:
    text = "Ring 07700\u200b900123"
    assert spans(text, "personal_data.phone") == ["07700\u200b900123"]
