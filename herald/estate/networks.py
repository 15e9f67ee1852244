"""What a handle and profile address look like on each network, checked before anything is saved.

Handles are stored in one canonical form per network (no leading ``@``; Mastodon as
``user@instance``) so that duplicates are caught whatever way someone typed them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models


class Network(models.TextChoices):
    FACEBOOK_PAGE = "facebook_page", "Facebook page"
    FACEBOOK_GROUP = "facebook_group", "Facebook group"
    X = "x", "X (Twitter)"
    INSTAGRAM = "instagram", "Instagram"
    LINKEDIN = "linkedin", "LinkedIn"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    MASTODON = "mastodon", "Mastodon"
    BLUESKY = "bluesky", "Bluesky"
    NEXTDOOR = "nextdoor", "Nextdoor"
    WHATSAPP_CHANNEL = "whatsapp_channel", "WhatsApp channel"
    OTHER = "other", "Other"


@dataclass(frozen=True)
class Rule:
    """A network's handle pattern, the hosts its profiles live on and the profile path pattern.

    ``path`` contains ``{handle}`` where the handle must appear in the address.
    """

    handle: str
    hint: str
    hosts: tuple[str, ...] = ()
    path: str = ""
    at_sign: bool = False  # shown as @handle


_DOMAIN = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
RULES: dict[str, Rule] = {
    Network.FACEBOOK_PAGE: Rule(
        r"[A-Za-z0-9.]{5,50}",
        "5 to 50 letters, numbers or full stops, as in facebook.com/AldermoorLibraries",
        ("facebook.com", "www.facebook.com", "m.facebook.com"),
        r"/{handle}/?",
    ),
    Network.FACEBOOK_GROUP: Rule(
        r"[A-Za-z0-9.]{2,75}",
        "the group's name or number, as in facebook.com/groups/aldermoorcarers",
        ("facebook.com", "www.facebook.com", "m.facebook.com"),
        r"/groups/{handle}/?",
    ),
    Network.X: Rule(
        r"[A-Za-z0-9_]{1,15}",
        "up to 15 letters, numbers or underscores, as in @AldermoorCC",
        ("x.com", "www.x.com", "twitter.com", "www.twitter.com"),
        r"/{handle}/?",
        at_sign=True,
    ),
    Network.INSTAGRAM: Rule(
        r"[A-Za-z0-9._]{1,30}",
        "up to 30 letters, numbers, full stops or underscores",
        ("instagram.com", "www.instagram.com"),
        r"/{handle}/?",
        at_sign=True,
    ),
    Network.LINKEDIN: Rule(
        r"[A-Za-z0-9-]{2,100}",
        "the page name from its address, as in linkedin.com/company/aldermoor-council",
        ("linkedin.com", "www.linkedin.com", "uk.linkedin.com"),
        r"/(?:company|showcase)/{handle}/?",
    ),
    Network.YOUTUBE: Rule(
        r"[A-Za-z0-9._-]{3,30}",
        "3 to 30 letters, numbers, full stops, dashes or underscores, as in @AldermoorCouncil",
        ("youtube.com", "www.youtube.com", "m.youtube.com"),
        r"/@{handle}/?",
        at_sign=True,
    ),
    Network.TIKTOK: Rule(
        r"[A-Za-z0-9._]{2,24}",
        "2 to 24 letters, numbers, full stops or underscores",
        ("tiktok.com", "www.tiktok.com"),
        r"/@{handle}/?",
        at_sign=True,
    ),
    Network.MASTODON: Rule(
        rf"[A-Za-z0-9_]{{1,30}}@{_DOMAIN}",
        "your user name and server, as in @aldermoor@social.example.org",
        at_sign=True,
    ),
    Network.BLUESKY: Rule(
        _DOMAIN,
        "a handle such as aldermoor.bsky.social, or your own domain such as aldermoor.gov.uk",
        ("bsky.app",),
        r"/profile/{handle}/?",
    ),
    Network.NEXTDOOR: Rule(
        r"[A-Za-z0-9-]{2,100}",
        "the page name from its address, as in nextdoor.co.uk/agency/aldermoor-council",
        ("nextdoor.co.uk", "www.nextdoor.co.uk", "nextdoor.com", "www.nextdoor.com"),
        r"/(?:agency|pages|page)/{handle}/?",
    ),
    Network.WHATSAPP_CHANNEL: Rule(
        r"[A-Za-z0-9]{10,40}",
        "the channel code from its address, as in whatsapp.com/channel/0029VaAbCdEf",
        ("whatsapp.com", "www.whatsapp.com"),
        r"/channel/{handle}/?",
    ),
    Network.OTHER: Rule(r"\S.{0,149}", "the account's name on the network"),
}


def canonical_handle(network: str, handle: str) -> str:
    """The stored form of a handle: trimmed, with no leading @ (Bluesky in lower case)."""
    value = handle.strip().removeprefix("@")
    if network == Network.MASTODON:
        value = value.lower() if value.count("@") == 1 else value
    if network == Network.BLUESKY:
        value = value.lower()
    return value


def display_handle(network: str, handle: str) -> str:
    return f"@{handle}" if RULES[network].at_sign else handle


def validate_address(*, network: str, handle: str, url: str) -> tuple[str, str]:
    """The canonical handle and URL, or a ValidationError naming the field that is wrong."""
    if network not in RULES:
        raise ValidationError({"network": "Select the network"})
    rule = RULES[network]
    canonical = canonical_handle(network, handle)
    if not canonical:
        raise ValidationError({"handle": "Enter the account's handle"})
    if not re.fullmatch(rule.handle, canonical):
        label = Network(network).label
        raise ValidationError({"handle": f"Enter the handle as it is on {label}: {rule.hint}"})
    address = url.strip()
    if address:
        _check_url(network, rule, canonical, address)
    return canonical, address


def _check_url(network: str, rule: Rule, handle: str, url: str) -> None:
    label = Network(network).label
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ValidationError({"url": "Enter the full address, starting https://"})
    host = parts.hostname.lower()
    path = parts.path or "/"
    if network == Network.MASTODON:
        user, _, server = handle.partition("@")
        if host != server or path.rstrip("/").lower() != f"/@{user}".lower():
            raise ValidationError(
                {"url": f"Enter the Mastodon address of @{handle}, as in https://{server}/@{user}"}
            )
        return
    if not rule.hosts:
        return
    if host not in rule.hosts:
        raise ValidationError({"url": f"Enter a {label} address, on {rule.hosts[0]}"})
    pattern = rule.path.replace("{handle}", re.escape(handle))
    if not re.fullmatch(pattern, path, flags=re.IGNORECASE):
        raise ValidationError({"url": f"The address does not match the {label} handle {handle}"})
