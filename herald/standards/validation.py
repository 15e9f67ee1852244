"""Checking what people type into the standards settings, shared by the forms and the services."""

from __future__ import annotations

import re

import phonenumbers

from herald.core.errors import DomainError
from herald.standards.defaults import normalise_postcode


class InvalidSetting(DomainError):
    """A value the council typed cannot be used."""

    code = "invalid_setting"


_DOMAIN = re.compile(r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")
_HASHTAG = re.compile(r"^#\w+$")


# Ofcom's ranges reserved for drama and examples (national significant numbers). phonenumbers
# calls them invalid because no one is ever given one, but demos and training material use them.
OFCOM_DRAMA_PREFIXES = (
    "1134960",
    "1144960",
    "1154960",
    "1174900",
    "1184960",
    "1214960",
    "1314960",
    "1414960",
    "1514960",
    "1614960",
    "1632960",
    "2079460",
    "2890180",
    "2920180",
    "7700900",
    "8081570",
    "9098790",
)


def _usable(number: phonenumbers.PhoneNumber) -> bool:
    if phonenumbers.is_valid_number(number):
        return True
    national = str(number.national_number)
    return (
        number.country_code == 44
        and phonenumbers.is_possible_number(number)
        and national.startswith(OFCOM_DRAMA_PREFIXES)
    )


def phone_number_e164(raw: str) -> str:
    """A UK phone number as typed (``01632 960000``, ``+44 1632 960000``) in E.164 form."""
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not _usable(number):
        raise InvalidSetting(f"‘{raw}’ is not a valid UK phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email_domain(raw: str) -> str:
    """``@Aldermoor.gov.uk`` and ``aldermoor.gov.uk`` are the same domain."""
    domain = raw.strip().lower().lstrip("@")
    if not _DOMAIN.match(domain):
        raise InvalidSetting(f"‘{raw}’ is not an email domain, like aldermoor.gov.uk")
    return domain


def postcode(raw: str) -> str:
    value = normalise_postcode(raw)
    if not _POSTCODE.match(value):
        raise InvalidSetting(f"‘{raw}’ is not a UK postcode")
    return value


def hashtag(raw: str) -> str:
    value = raw.strip()
    value = value if value.startswith("#") else f"#{value}"
    if not _HASHTAG.match(value):
        raise InvalidSetting(f"‘{raw}’ is not a hashtag: use letters, numbers and underscores")
    return value


def clean_list(values: list[str]) -> list[str]:
    """Trimmed, without blanks or repeats (ignoring case), in the order given."""
    seen: set[str] = set()
    cleaned: list[str] = []
    for value in values:
        value = " ".join(value.split())  # noqa: PLW2901 - collapse inner whitespace too
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            cleaned.append(value)
    return cleaned
