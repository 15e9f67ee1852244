"""Demo data: the default web access policy with small domain lists, and for Aldermoor two group
exceptions and a week of proxy logs (made here, then read by the real ``proxy_ingest`` path).
"""

from __future__ import annotations

import datetime
import random
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import SYSTEM
from herald.network import services
from herald.network.ingest import ingest_files
from herald.network.models import Category, ProxyRequest, StaffGroup

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.people.models import StaffMember

DEMO = SYSTEM

DOMAINS: dict[str, tuple[str, ...]] = {
    "social": (
        "facebook.com",
        "instagram.com",
        "x.com",
        "twitter.com",
        "linkedin.com",
        "tiktok.com",
        "nextdoor.co.uk",
        "bsky.app",
        "threads.net",
        "reddit.com",
    ),
    "streaming_video": (
        "youtube.com",
        "googlevideo.com",
        "vimeo.com",
        "netflix.com",
        "dailymotion.com",
        "twitch.tv",
    ),
    "streaming_audio": ("spotify.com", "soundcloud.com", "radioplayer.co.uk"),
    "webmail": ("mail.google.com", "outlook.live.com", "mail.yahoo.com"),
    "news": ("bbc.co.uk", "theguardian.com", "itv.com", "aldermoor-gazette.example.co.uk"),
    "file_sharing": ("wetransfer.com", "mega.nz"),
    "gambling": (
        "bet365.com",
        "williamhill.com",
        "paddypower.com",
        "betfair.com",
        "lottery-winner.example.com",
    ),
    "adult": ("adult-example.xxx", "explicit-example.com"),
    "malware": ("phishing-login.example.net", "malware-download.example.org"),
    "hacking": ("exploit-tools.example.net", "hackforums.example.com"),
    "proxies": ("torproject.org", "hide-my-ip.example.com", "freeproxy.example.net"),
}
OTHER_SITES = (
    "gov.uk",
    "www.gov.uk",
    "aldermoor.gov.uk",
    "microsoft.com",
    "office.com",
    "wikipedia.org",
    "ordnancesurvey.co.uk",
    "nhs.uk",
)


def load_demo(*, council: Council) -> None:
    """Make sure the policy exists; Aldermoor also gets exceptions and a week of usage."""
    services.ensure_default_policy(council=council, actor=DEMO)
    categories = {c.slug: c for c in Category.objects.filter(council=council)}
    imported = []
    with transaction.atomic():
        for slug, domains in DOMAINS.items():
            category = categories.get(slug)
            if category is not None and not category.domains.exists():
                services.import_domains(
                    category=category, text="\n".join(domains), actor=DEMO, new_version=False
                )
                imported.append(category.name)
        if imported:
            services.save_version(
                council=council, actor=DEMO, note=f"Demo lists for {', '.join(imported)}"
            )
    if council.slug != "aldermoor":
        return
    _exceptions(council, categories)
    if not ProxyRequest.objects.filter(council=council).exists():
        _usage(council)


def _exceptions(council: Council, categories: dict[str, Category]) -> None:
    staff = list(council.staff_members.current().select_related("service"))
    if not staff:
        return
    approver = next((s for s in staff if s.job_title == "Head of ICT"), staff[0])
    by_service = {s.service.name: s.service for s in staff if s.service}
    today = timezone.localdate()
    specs = (
        (
            "Public Health researchers",
            "Public Health",
            "gambling",
            "allow_log",
            "Research into gambling harm for the county's health improvement plan",
            40,
        ),
        (
            "ICT security testing",
            "ICT",
            "hacking",
            "allow_log",
            "Checking the council's defences against published attack tools",
            200,
        ),
    )
    for name, service_name, slug, action, reason, days in specs:
        service = by_service.get(service_name)
        if service is None or StaffGroup.objects.filter(council=council, name=name).exists():
            continue
        group = services.create_group(
            council=council, name=name, description="", services=[service], members=[], actor=DEMO
        )
        services.add_exception(
            group=group,
            category=categories[slug],
            action=action,
            business_reason=reason,
            approver=approver,
            expires_on=today + datetime.timedelta(days=days),
            actor=DEMO,
        )


def _usage(council: Council) -> None:
    rng = random.Random(42)  # noqa: S311 - seeded: the same demo every time
    staff = [s for s in council.staff_members.current().select_related("service") if s.email]
    if not staff:
        return
    people = [(f"10.20.{i // 200}.{i % 200 + 10}", _username(s)) for i, s in enumerate(staff)]
    weights = {
        "social": 18,
        "streaming_video": 8,
        "streaming_audio": 4,
        "webmail": 3,
        "news": 12,
        "file_sharing": 1,
        "gambling": 1,
        "proxies": 0.3,
        "adult": 0.2,
        "malware": 0.3,
    }
    sites = [(d, slug) for slug in weights for d in DOMAINS[slug]]
    site_weights = [weights[slug] / len(DOMAINS[slug]) for _, slug in sites]
    blocked = {"gambling", "adult", "malware", "hacking", "proxies"}
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    start = now - datetime.timedelta(days=7)
    lines = []
    for hour in range(7 * 24):
        moment = start + datetime.timedelta(hours=hour)
        local = timezone.localtime(moment)
        busy = local.weekday() < 5 and 8 <= local.hour < 18
        for _ in range(rng.randrange(20, 40) if busy else rng.randrange(0, 3)):
            client, user = rng.choice(people)
            if rng.random() < 0.45:
                host, slug = rng.choice(OTHER_SITES), ""
            else:
                host, slug = rng.choices(sites, site_weights)[0]
            ts = moment.timestamp() + rng.uniform(0, 3599)
            size = rng.randrange(2_000, 400_000) * (8 if slug == "streaming_video" else 1)
            lines.append(_line(ts, client, user, f"www.{host}", size, slug in blocked))
    # One client keeps trying a blocked site (an alert for ICT), one downloads a great deal.
    repeat_client, repeat_user = people[1 % len(people)]
    for i in range(25):
        ts = (start + datetime.timedelta(days=5, hours=10)).timestamp() + i * 60
        lines.append(_line(ts, repeat_client, repeat_user, "www.bet365.com", 3_900, True))
    spike_client, spike_user = people[2 % len(people)]
    for day in range(7):
        ts = (start + datetime.timedelta(days=day, hours=11)).timestamp()
        size = 900_000_000 if day == 6 else 2_000_000
        lines.append(_line(ts, spike_client, spike_user, "www.wetransfer.com", size, False))
    lines.sort()
    with tempfile.TemporaryDirectory(prefix="herald-demo-proxy-") as tmp:
        path = Path(tmp) / "access.log"
        path.write_text("".join(line for _, line in lines), encoding="ascii")
        ingest_files(council=council, paths=[str(path)], actor=DEMO)


def _username(member: StaffMember) -> str:
    return member.email.split("@", 1)[0].lower()


def _line(  # noqa: PLR0917 - one log line's fields, in the log's order
    ts: float, client: str, user: str, host: str, size: int, denied: bool
) -> tuple[float, str]:
    code = "TCP_DENIED/403" if denied else "TCP_TUNNEL/200"
    size = 3_900 if denied else size
    text = (
        f"{ts:.3f} {int(ts * 7) % 880 + 20:>6} {client} {code} {size} "
        f"CONNECT {host}:443 {user} HIER_DIRECT/192.0.2.10 -\n"
    )
    return ts, text
