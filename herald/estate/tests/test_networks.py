"""Handles and profile addresses must fit their network; stored handles are canonical."""

import pytest
from django.core.exceptions import ValidationError

from herald.estate.networks import Network, display_handle, validate_address

N = Network

GOOD = [
    (N.FACEBOOK_PAGE, "AldermoorLibraries", "https://www.facebook.com/AldermoorLibraries"),
    (N.FACEBOOK_GROUP, "aldermoorcarers", "https://www.facebook.com/groups/aldermoorcarers/"),
    (N.X, "@AldermoorCC", "https://x.com/AldermoorCC"),
    (N.X, "AldermoorCC", "https://twitter.com/aldermoorcc"),
    (N.INSTAGRAM, "aldermoor.council", "https://www.instagram.com/aldermoor.council/"),
    (N.LINKEDIN, "aldermoor-council", "https://www.linkedin.com/company/aldermoor-council"),
    (N.YOUTUBE, "@AldermoorCouncil", "https://www.youtube.com/@AldermoorCouncil"),
    (N.TIKTOK, "aldermoor_recycles", "https://www.tiktok.com/@aldermoor_recycles"),
    (N.MASTODON, "@aldermoor@social.example.org", "https://social.example.org/@aldermoor"),
    (N.BLUESKY, "aldermoor.bsky.social", "https://bsky.app/profile/aldermoor.bsky.social"),
    (N.BLUESKY, "aldermoor.gov.uk", ""),
    (N.NEXTDOOR, "aldermoor-council", "https://nextdoor.co.uk/agency/aldermoor-council/"),
    (N.WHATSAPP_CHANNEL, "0029VaAbCdEf12", "https://www.whatsapp.com/channel/0029VaAbCdEf12"),
    (N.OTHER, "Aldermoor on Threads", "https://example.net/anything"),
]


@pytest.mark.parametrize(("network", "handle", "url"), GOOD)
def test_addresses_that_fit_their_network_are_accepted(network: str, handle: str, url: str) -> None:
    canonical, address = validate_address(network=network, handle=handle, url=url)
    assert not canonical.startswith("@")
    assert address == url


BAD = [
    (N.X, "Aldermoor County Council", "", "handle"),
    (N.X, "AldermoorCountyCouncil", "", "handle"),  # 22 characters: X allows 15
    (N.X, "AldermoorCC", "https://www.facebook.com/AldermoorCC", "url"),
    (N.X, "AldermoorCC", "https://x.com/SomeoneElse", "url"),
    (N.X, "AldermoorCC", "http://x.com/AldermoorCC", "url"),
    (N.FACEBOOK_PAGE, "Ald", "", "handle"),
    (N.FACEBOOK_GROUP, "carers", "https://www.facebook.com/carers", "url"),
    (N.INSTAGRAM, "aldermoor council", "", "handle"),
    (N.MASTODON, "aldermoor", "", "handle"),
    (N.MASTODON, "@aldermoor@social.example.org", "https://other.example.org/@aldermoor", "url"),
    (N.BLUESKY, "aldermoor", "", "handle"),
    (N.BLUESKY, "aldermoor.bsky.social", "https://bsky.app/profile/other.bsky.social", "url"),
    (N.YOUTUBE, "@AldermoorCouncil", "https://www.youtube.com/AldermoorCouncil", "url"),
    (N.TIKTOK, "a", "", "handle"),
    (N.WHATSAPP_CHANNEL, "short", "", "handle"),
    (N.LINKEDIN, "aldermoor-council", "https://www.linkedin.com/in/aldermoor-council", "url"),
    (N.NEXTDOOR, "aldermoor-council", "https://nextdoor.co.uk/aldermoor-council", "url"),
    (N.OTHER, "   ", "", "handle"),
    ("myspace", "aldermoor", "", "network"),
]


@pytest.mark.parametrize(("network", "handle", "url", "field"), BAD)
def test_addresses_that_do_not_fit_are_refused_on_the_right_field(
    network: str, handle: str, url: str, field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_address(network=network, handle=handle, url=url)
    assert list(refused.value.message_dict) == [field]


def test_handles_are_shown_with_an_at_sign_only_where_the_network_uses_one() -> None:
    assert display_handle(N.X, "AldermoorCC") == "@AldermoorCC"
    assert (
        display_handle(N.MASTODON, "aldermoor@social.example.org")
        == "@aldermoor@social.example.org"
    )
    assert display_handle(N.FACEBOOK_PAGE, "AldermoorCouncil") == "AldermoorCouncil"
