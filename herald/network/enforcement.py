"""What Squid needs from the policy: a decision snapshot for the helper, and static ACL files.

``decision_snapshot`` flattens the current policy into lookup tables (domain → category,
user name / client address → groups, group → category → exception). ``write_squid_config``
writes a self-contained directory: one dstdomain file per category that is denied to anyone,
one src file per group with known addresses, ``herald-policy.conf`` (the static rules, which only
ever deny, so the council's own allow rules still decide everything else), ``herald-helper.conf``
(the external ACL helper alternative), the snapshot and a copy of the helper script.
"""

from __future__ import annotations

import datetime
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils import timezone

from herald.network import acl_helper
from herald.network.domains import minimal_suffix_set
from herald.network.models import (
    Action,
    Category,
    CategoryDomain,
    PolicyException,
    PolicyVersion,
    ProxyIdentity,
    StaffGroup,
)
from herald.network.services import SEVERITY

if TYPE_CHECKING:
    from herald.councils.models import Council

DEFAULT_USER_FORMAT = "%>{X-Herald-User}"
WARN_SECONDS = 3600  # after the warning page, a person's visits to that category go through


def staff_usernames(email: str) -> list[str]:
    """The proxy names a person is known by without a mapping: their email and its local part."""
    email = email.strip().lower()
    return [email, email.split("@", 1)[0]] if "@" in email else [email]


def decision_snapshot(*, council: Council, today: datetime.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    categories = list(Category.objects.filter(council=council))
    by_id = {category.pk: category for category in categories}
    action_of = {category.slug: category.action for category in categories}
    domains: dict[str, str] = {}
    rows = CategoryDomain.objects.filter(
        category__council=council, removed_at__isnull=True
    ).values_list("category_id", "domain")
    for category_id, domain in rows:
        category = by_id[category_id]
        held = domains.get(domain)
        if held is None or SEVERITY[Action(category.action)] > SEVERITY[Action(action_of[held])]:
            domains[domain] = category.slug
    users: dict[str, list[str]] = {}
    addresses: dict[str, list[str]] = {}
    identities: dict[int, list[tuple[str, str]]] = {}
    for identity in ProxyIdentity.objects.filter(council=council):
        identities.setdefault(identity.staff_member_id, []).append((identity.kind, identity.value))
    exceptions: dict[str, dict[str, list[str]]] = {}
    live = PolicyException.objects.filter(
        council=council, revoked_at__isnull=True, expires_on__gte=today
    ).select_related("category", "group")
    for item in live:
        key = str(item.group.public_id)
        exceptions.setdefault(key, {})[item.category.slug] = [
            item.action,
            item.expires_on.isoformat(),
        ]
    for group in StaffGroup.objects.filter(council=council, public_id__in=list(exceptions)):
        key = str(group.public_id)
        people = council.staff_members.current(on=today).filter(
            Q(service__in=group.services.all())
            | Q(pk__in=group.members.all())
            | Q(
                membership__is_active=True,
                membership__role_assignments__role__in=group.roles or ["-"],
            )
        )
        for person in people.distinct():
            names = staff_usernames(person.email)
            for kind, value in identities.get(person.pk, []):
                if kind == ProxyIdentity.Kind.ADDRESS:
                    addresses.setdefault(value, []).append(key)
                else:
                    names.append(value)
            for name in dict.fromkeys(names):
                users.setdefault(name, []).append(key)
    version = PolicyVersion.objects.filter(council=council).first()
    return {
        "format": acl_helper.FORMAT,
        "council": council.slug,
        "version": version.number if version else 0,
        "generated_at": timezone.now().isoformat(),
        "actions": {category.slug: category.action for category in categories},
        "domains": domains,
        "users": users,
        "addresses": addresses,
        "exceptions": exceptions,
    }


@dataclass
class SquidConfig:
    directory: Path
    files: list[str] = field(default_factory=list)
    version: int = 0


def write_squid_config(
    *,
    council: Council,
    directory: Path,
    python: str = "",
    user_format: str = DEFAULT_USER_FORMAT,
    config_directory: Path | None = None,
    today: datetime.date | None = None,
    warn_url: str = "",
) -> SquidConfig:
    """Write the configuration into ``directory``; ``config_directory`` is where Squid will read
    it from (default: the same place), used in the include file's paths."""
    directory.mkdir(parents=True, exist_ok=True)
    where = config_directory or directory
    snapshot = decision_snapshot(council=council, today=today)
    result = SquidConfig(directory=directory, version=snapshot["version"])

    def write(name: str, text: str) -> None:
        (directory / name).write_text(text, encoding="utf-8")
        result.files.append(name)

    warn_slugs = {slug for slug, action in snapshot["actions"].items() if action == Action.WARN}
    by_category: dict[str, list[str]] = {}
    for domain, slug in snapshot["domains"].items():
        by_category.setdefault(slug, []).append(domain)
    group_names = {str(g.public_id): g.name for g in StaffGroup.objects.filter(council=council)}
    group_acl: dict[str, str] = {}
    for index, key in enumerate(sorted(snapshot["exceptions"]), start=1):
        addresses = sorted(a for a, groups in snapshot["addresses"].items() if key in groups)
        if addresses:
            group_acl[key] = f"herald_group_{index}"
            write(f"group_{index}.txt", "\n".join(addresses) + "\n")

    lines = [
        f"# Herald web access policy for {council.name}: version {snapshot['version']}",
        f"# Generated {snapshot['generated_at']}. Do not edit: change the policy in Herald.",
        "# Include this BEFORE your own http_access allow rules. It only ever denies, so your",
        "# own rules (localnet, Safe_ports, CONNECT) still decide everything else.",
        "",
    ]
    rules = []
    for category in Category.objects.filter(council=council).order_by("slug"):
        domains = minimal_suffix_set(by_category.get(category.slug, []))
        excepted = {
            key: rule[category.slug][0]
            for key, rule in snapshot["exceptions"].items()
            if category.slug in rule and key in group_acl
        }
        denied_groups = [group_acl[k] for k, action in excepted.items() if action == "block"]
        allowed_groups = [group_acl[k] for k, action in excepted.items() if action != "block"]
        if not domains or (category.action != Action.BLOCK and not denied_groups):
            continue
        acl = f"herald_{category.slug}"
        write(f"{category.slug}.txt", "".join(f".{domain}\n" for domain in domains))
        lines.append(f'acl {acl} dstdomain "{where / (category.slug + ".txt")}"')
        label = f"# {category.name}: {category.get_action_display()}"
        if category.action == Action.BLOCK:
            exceptions = " ".join(f"!{g}" for g in allowed_groups)
            rules += [label, f"http_access deny {acl} {exceptions}".rstrip()]
        for group in denied_groups:
            rules += [f"# {category.name}: blocked for a group", f"http_access deny {acl} {group}"]
    for key, acl in group_acl.items():
        lines.append(f'acl {acl} src "{where / (acl.removeprefix("herald_") + ".txt")}"')
        lines.append(f"#   {acl}: {group_names.get(key, key)}")
    write("herald-policy.conf", "\n".join([*lines, "", *rules, ""]))

    # Atomically: the helper may be reading the old one right now.
    partial = directory / "policy.json.new"
    partial.write_text(json.dumps(snapshot, sort_keys=True), encoding="utf-8")
    partial.replace(directory / "policy.json")
    result.files.append("policy.json")
    shutil.copyfile(acl_helper.__file__, directory / "herald_acl_helper.py")
    result.files.append("herald_acl_helper.py")
    helper = [
        f"# Herald web access policy for {council.name} through the external ACL helper.",
        "# Include this BEFORE your own http_access allow rules (it only ever denies).",
        "# The helper reloads policy.json when it changes; regenerate it after each change.",
        f"external_acl_type herald_policy ttl=60 negative_ttl=60 children-max=4 concurrency=50 "
        f"%DST %SRC {user_format} {python or 'python3'} {where / 'herald_acl_helper.py'} "
        f"{where / 'policy.json'}",
        "acl herald_policy external herald_policy",
        "http_access deny herald_policy",
    ]
    warn_domains = minimal_suffix_set(
        [domain for domain, slug in snapshot["domains"].items() if slug in warn_slugs]
    )
    if warn_url and warn_domains:
        write("warn.txt", "".join(f".{domain}\n" for domain in warn_domains))
        helper += [
            "# Warn: the first visit to such a site goes to Herald's warning page, the next through.",
            f'acl herald_warn_sites dstdomain "{where / "warn.txt"}"',
            f"external_acl_type herald_warn ttl=0 negative_ttl=0 children-max=1 concurrency=50 "
            f"%DST %SRC {user_format} {python or 'python3'} {where / 'herald_acl_helper.py'} "
            f"{where / 'policy.json'} --warn {WARN_SECONDS}",
            "acl herald_warn external herald_warn",
            "http_access deny herald_warn_sites herald_warn",
            f"deny_info 302:{warn_url}?url=%u herald_warn",
        ]
    helper.append("")
    write("herald-helper.conf", "\n".join(helper))
    return result
