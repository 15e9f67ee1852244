"""Changing the web access policy. Every change is audited and ends in a new PolicyVersion."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, diff, record
from herald.core.errors import DomainError
from herald.network.domains import domain_problem, normalise, parse_list
from herald.network.models import (
    Action,
    Category,
    CategoryDomain,
    NetworkAlert,
    NetworkSettings,
    PersonViewGrant,
    PolicyException,
    PolicyVersion,
    ProxyIdentity,
    StaffGroup,
)

if TYPE_CHECKING:
    from herald.councils.models import Council, Service
    from herald.people.models import StaffMember

# Most restrictive first: a domain in two categories takes the stricter one's action.
SEVERITY = {Action.BLOCK: 3, Action.WARN: 2, Action.ALLOW_LOG: 1, Action.ALLOW: 0}


@dataclass(frozen=True)
class DefaultCategory:
    slug: str
    name: str
    action: Action
    description: str


# Report ¶13: social and streaming media open by default; ¶14: inappropriate content blocked.
DEFAULT_CATEGORIES: tuple[DefaultCategory, ...] = (
    DefaultCategory("social", "Social networking", Action.ALLOW, "Social networks (¶13: open)."),
    DefaultCategory("streaming_video", "Streaming video", Action.ALLOW, "Video sites (¶13)."),
    DefaultCategory("streaming_audio", "Streaming audio", Action.ALLOW, "Music, radio, podcasts."),
    DefaultCategory("webmail", "Webmail", Action.ALLOW_LOG, "Personal email services."),
    DefaultCategory("news", "News", Action.ALLOW, "News and current affairs."),
    DefaultCategory("file_sharing", "File sharing", Action.WARN, "Personal file transfer sites."),
    DefaultCategory("gambling", "Gambling", Action.BLOCK, "Betting and gaming (¶14)."),
    DefaultCategory("adult", "Adult content", Action.BLOCK, "Pornography and adult (¶14)."),
    DefaultCategory("malware", "Malware and phishing", Action.BLOCK, "Known bad sites (¶14)."),
    DefaultCategory("hacking", "Hacking", Action.BLOCK, "Hacking tools and services (¶14)."),
    DefaultCategory("proxies", "Proxies and anonymisers", Action.BLOCK, "Filter avoidance (¶14)."),
)


class PolicyError(DomainError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code=code)


@dataclass
class ImportResult:
    added: list[str]
    already_present: int
    errors: list[tuple[int, str, str]]
    applied: bool


def settings_for(council: Council) -> NetworkSettings:
    found, _ = NetworkSettings.objects.get_or_create(council=council)
    return found


def ensure_default_policy(*, council: Council, actor: Actor) -> list[Category]:
    """The default categories (idempotent); version 1 is written when the first is created."""
    created = []
    with transaction.atomic():
        for spec in DEFAULT_CATEGORIES:
            category, made = Category.objects.get_or_create(
                council=council,
                slug=spec.slug,
                defaults={
                    "name": spec.name,
                    "action": spec.action,
                    "description": spec.description,
                },
            )
            if made:
                created.append(category)
        if created:
            record(
                council=council,
                actor=actor,
                action="network.policy_created",
                summary=f"Set up the default web access policy ({len(created)} categories)",
            )
            save_version(council=council, actor=actor, note="Default policy")
    return created


def change_action(
    *, category: Category, action: str, reason: str, actor: Actor
) -> PolicyVersion | None:
    if action not in Action.values:
        raise PolicyError("unknown_action", "Choose an action")
    if not reason.strip():
        raise PolicyError("reason_required", "Enter why the action is changing")
    if category.action == action:
        return None
    with transaction.atomic():
        before = category.action
        category.action = action
        category.save(update_fields=["action", "updated_at"])
        record(
            council=category.council,
            actor=actor,
            action="network.category_action_changed",
            summary=f"{category.name}: {Action(before).label} → {Action(action).label}. {reason}",
            target=category,
            changes={"action": [before, action]},
        )
        return save_version(
            council=category.council,
            actor=actor,
            note=f"{category.name}: {Action(action).label} ({reason.strip()})",
        )


def add_domain(*, category: Category, domain: str, actor: Actor) -> PolicyVersion:
    cleaned = normalise(domain)
    problem = domain_problem(cleaned)
    if problem:
        raise PolicyError("invalid_domain", f"{problem}: {domain.strip()[:100]}")
    cleaned = cleaned.encode("idna").decode("ascii")
    if category.domains.filter(domain=cleaned, removed_at__isnull=True).exists():
        raise PolicyError("duplicate_domain", f"{cleaned} is already in {category.name}")
    with transaction.atomic():
        CategoryDomain.objects.create(
            category=category, domain=cleaned, source=CategoryDomain.Source.COUNCIL
        )
        record(
            council=category.council,
            actor=actor,
            action="network.domain_added",
            summary=f"Added {cleaned} to {category.name}",
            target=category,
        )
        return save_version(
            council=category.council, actor=actor, note=f"Added {cleaned} to {category.name}"
        )


def remove_domain(*, category: Category, domain: str, actor: Actor) -> PolicyVersion:
    rows = category.domains.filter(domain=normalise(domain), removed_at__isnull=True)
    if not rows.exists():
        raise PolicyError("unknown_domain", f"{domain} is not in {category.name}")
    with transaction.atomic():
        rows.update(removed_at=timezone.now())
        record(
            council=category.council,
            actor=actor,
            action="network.domain_removed",
            summary=f"Removed {domain} from {category.name}",
            target=category,
        )
        return save_version(
            council=category.council, actor=actor, note=f"Removed {domain} from {category.name}"
        )


def import_domains(
    *,
    category: Category,
    text: str,
    actor: Actor,
    source: str = CategoryDomain.Source.LIST,
    note: str = "",
    new_version: bool = True,
) -> ImportResult:
    """The whole list is checked first: any invalid line and nothing at all is applied.

    ``new_version=False`` leaves the version to the caller, who imports several lists as one
    change and then calls ``save_version`` (inside the same transaction).
    """
    parsed = parse_list(text)
    current = set(category.domains.filter(removed_at__isnull=True).values_list("domain", flat=True))
    new = [domain for domain in parsed.domains if domain not in current]
    result = ImportResult(
        added=new,
        already_present=len(parsed.domains) - len(new),
        errors=parsed.errors,
        applied=False,
    )
    if parsed.errors:
        return result
    if not parsed.domains:
        result.errors = [(0, "", "The list has no domains in it")]
        return result
    with transaction.atomic():
        CategoryDomain.objects.bulk_create(
            [CategoryDomain(category=category, domain=d, source=source) for d in new],
            batch_size=5000,
        )
        record(
            council=category.council,
            actor=actor,
            action="network.domains_imported",
            summary=f"Imported {len(new)} domains into {category.name}",
            target=category,
            changes={"added": len(new), "already_present": result.already_present},
        )
        if new_version:
            save_version(
                council=category.council,
                actor=actor,
                note=note or f"Imported {len(new)} domains into {category.name}",
            )
    result.applied = True
    return result


def create_group(
    *,
    council: Council,
    name: str,
    description: str,
    services: Iterable[Service],
    members: Iterable[StaffMember],
    actor: Actor,
    roles: Iterable[str] = (),
) -> StaffGroup:
    if not name.strip():
        raise PolicyError("name_required", "Enter a name for the group")
    if StaffGroup.objects.filter(council=council, name__iexact=name.strip()).exists():
        raise PolicyError("duplicate_group", "A group with this name already exists")
    with transaction.atomic():
        group = StaffGroup.objects.create(
            council=council, name=name.strip(), description=description, roles=sorted(set(roles))
        )
        group.services.set(list(services))
        group.members.set(list(members))
        record(
            council=council,
            actor=actor,
            action="network.group_created",
            summary=f"Created the staff group {group.name}",
            target=group,
        )
        save_version(council=council, actor=actor, note=f"New group {group.name}")
    return group


def add_exception(
    *,
    group: StaffGroup,
    category: Category,
    action: str,
    business_reason: str,
    approver: StaffMember,
    expires_on: datetime.date,
    actor: Actor,
    today: datetime.date | None = None,
) -> PolicyException:
    today = today or timezone.localdate()
    if group.council_id != category.council_id or approver.council_id != group.council_id:
        raise PolicyError(
            "wrong_council", "The group, category and approver must be this council's"
        )
    if action not in Action.values:
        raise PolicyError("unknown_action", "Choose an action")
    if not business_reason.strip():
        raise PolicyError("reason_required", "Enter the business reason")
    if expires_on <= today:
        raise PolicyError("expiry_past", "The expiry date must be in the future")
    if expires_on > today + datetime.timedelta(days=366):
        raise PolicyError("expiry_too_far", "An exception can last a year at most")
    with transaction.atomic():
        made = PolicyException.objects.create(
            council=group.council,
            group=group,
            category=category,
            action=action,
            business_reason=business_reason.strip(),
            approver=approver,
            expires_on=expires_on,
        )
        record(
            council=group.council,
            actor=actor,
            action="network.exception_added",
            summary=(
                f"{group.name}: {category.name} {Action(action).label} until {expires_on:%d %B %Y}"
                f" (approved by {approver.full_name})"
            ),
            target=made,
        )
        save_version(
            council=group.council, actor=actor, note=f"Exception for {group.name}: {category.name}"
        )
    return made


def revoke_exception(*, exception: PolicyException, actor: Actor) -> None:
    if exception.revoked_at is not None:
        return
    with transaction.atomic():
        exception.revoked_at = timezone.now()
        exception.save(update_fields=["revoked_at", "updated_at"])
        record(
            council=exception.council,
            actor=actor,
            action="network.exception_revoked",
            summary=f"Revoked the exception {exception}",
            target=exception,
        )
        save_version(council=exception.council, actor=actor, note=f"Revoked {exception}")


def map_identity(
    *, council: Council, kind: str, value: str, staff_member: StaffMember, actor: Actor
) -> ProxyIdentity:
    value = value.strip().lower()
    if not value:
        raise PolicyError("value_required", "Enter the user name or address")
    identity, _ = ProxyIdentity.objects.update_or_create(
        council=council, kind=kind, value=value, defaults={"staff_member": staff_member}
    )
    record(
        council=council,
        actor=actor,
        action="network.identity_mapped",
        summary=f"Proxy {kind} {value} is {staff_member.full_name}",
    )
    return identity


# -- Versions ------------------------------------------------------------------------------


def policy_snapshot(*, council: Council) -> dict[str, Any]:
    """The whole policy as plain JSON: what a version stores and what two versions compare."""
    categories = {}
    domains: dict[int, list[str]] = {}
    for category_id, domain in CategoryDomain.objects.filter(
        category__council=council, removed_at__isnull=True
    ).values_list("category_id", "domain"):
        domains.setdefault(category_id, []).append(domain)
    for category in Category.objects.filter(council=council):
        categories[category.slug] = {
            "name": category.name,
            "action": category.action,
            "domains": sorted(domains.get(category.pk, [])),
        }
    groups = {}
    for group in StaffGroup.objects.filter(council=council).prefetch_related("services", "members"):
        groups[str(group.public_id)] = {
            "name": group.name,
            "services": sorted(service.name for service in group.services.all()),
            "members": sorted(str(member.public_id) for member in group.members.all()),
            "roles": sorted(group.roles),
        }
    exceptions = {
        str(item.public_id): {
            "group": item.group.name,
            "category": item.category.slug,
            "action": item.action,
            "business_reason": item.business_reason,
            "approver": item.approver.full_name,
            "expires_on": item.expires_on.isoformat(),
        }
        for item in PolicyException.objects.filter(council=council, revoked_at__isnull=True)
        .select_related("group", "category", "approver")
        .order_by("pk")
    }
    return {"categories": categories, "groups": groups, "exceptions": exceptions}


def save_version(*, council: Council, actor: Actor, note: str) -> PolicyVersion:
    last = PolicyVersion.objects.filter(council=council).select_for_update().first()
    return PolicyVersion.objects.create(
        council=council,
        number=(last.number + 1) if last else 1,
        snapshot=policy_snapshot(council=council),
        author=actor.user,
        author_label=actor.display[:200],
        note=note[:2000],
    )


@dataclass(frozen=True)
class VersionDiff:
    actions: list[tuple[str, str, str]]  # category, before, after
    domains_added: list[tuple[str, str]]  # category, domain
    domains_removed: list[tuple[str, str]]
    categories_added: list[str]
    categories_removed: list[str]
    exceptions_added: list[str]
    exceptions_removed: list[str]
    groups_added: list[str]
    groups_removed: list[str]

    @property
    def empty(self) -> bool:
        return not any(vars(self).values())


def compare(before: dict[str, Any], after: dict[str, Any]) -> VersionDiff:
    old_cats, new_cats = before.get("categories", {}), after.get("categories", {})
    actions, added, removed = [], [], []
    for slug in sorted(set(old_cats) & set(new_cats)):
        if old_cats[slug]["action"] != new_cats[slug]["action"]:
            actions.append(
                (new_cats[slug]["name"], old_cats[slug]["action"], new_cats[slug]["action"])
            )
        old_d, new_d = set(old_cats[slug]["domains"]), set(new_cats[slug]["domains"])
        name = new_cats[slug]["name"]
        added += [(name, d) for d in sorted(new_d - old_d)]
        removed += [(name, d) for d in sorted(old_d - new_d)]

    def describe(item: dict[str, Any]) -> str:
        return (
            f"{item['group']}: {item['category']} {item['action']} until {item['expires_on']}"
            f" ({item['business_reason']}; approved by {item['approver']})"
        )

    old_ex, new_ex = before.get("exceptions", {}), after.get("exceptions", {})
    old_gr, new_gr = before.get("groups", {}), after.get("groups", {})
    return VersionDiff(
        actions=actions,
        domains_added=added,
        domains_removed=removed,
        categories_added=sorted(new_cats[s]["name"] for s in set(new_cats) - set(old_cats)),
        categories_removed=sorted(old_cats[s]["name"] for s in set(old_cats) - set(new_cats)),
        exceptions_added=[describe(new_ex[k]) for k in sorted(set(new_ex) - set(old_ex))],
        exceptions_removed=[describe(old_ex[k]) for k in sorted(set(old_ex) - set(new_ex))],
        groups_added=sorted(new_gr[k]["name"] for k in set(new_gr) - set(old_gr)),
        groups_removed=sorted(old_gr[k]["name"] for k in set(old_gr) - set(new_gr)),
    )


# -- Person-level view (HR) -------------------------------------------------------------------


def grant_person_view(
    *,
    council: Council,
    user: Any,
    staff_member: StaffMember,
    case_reference: str,
    reason: str,
    days: int,
    actor: Actor,
) -> PersonViewGrant:
    """HR's time-limited view of one person's activity, tied to an HR case (audited)."""
    if staff_member.council_id != council.pk:
        raise PolicyError("wrong_council", "Choose a member of this council's staff")
    if not case_reference.strip():
        raise PolicyError("case_required", "Enter the HR case reference")
    if not reason.strip():
        raise PolicyError("reason_required", "Enter why you need to see this person's activity")
    if not 1 <= days <= 30:
        raise PolicyError("days_out_of_range", "Enter between 1 and 30 days")
    with transaction.atomic():
        grant = PersonViewGrant.objects.create(
            council=council,
            staff_member=staff_member,
            granted_to=user,
            case_reference=case_reference.strip(),
            reason=reason.strip(),
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        record(
            council=council,
            actor=actor,
            action="network.person_view_granted",
            summary=(
                f"View of {staff_member.full_name}'s web activity for HR case "
                f"{grant.case_reference}, for {days} days"
            ),
            target=grant,
            changes={"reason": grant.reason},
        )
    return grant


def record_person_view(*, grant: PersonViewGrant, actor: Actor) -> None:
    record(
        council=grant.council,
        actor=actor,
        action="network.person_viewed",
        summary=(
            f"Viewed {grant.staff_member.full_name}'s web activity (HR case {grant.case_reference})"
        ),
        target=grant,
    )


def acknowledge_alert(*, alert: NetworkAlert, actor: Actor) -> None:
    if alert.acknowledged_at is not None:
        return
    with transaction.atomic():
        alert.acknowledged_at = timezone.now()
        alert.save(update_fields=["acknowledged_at", "updated_at"])
        record(
            council=alert.council,
            actor=actor,
            action="network.alert_acknowledged",
            summary=f"Acknowledged the alert {alert}",
            target=alert,
        )


def update_settings(
    *,
    council: Council,
    retention_days: int,
    blocked_alert_threshold: int,
    spike_factor: int,
    actor: Actor,
) -> NetworkSettings:
    if not 7 <= retention_days <= 730:
        raise PolicyError("retention_out_of_range", "Keep raw logs for between 7 and 730 days")
    current = settings_for(council)
    before = {
        "retention_days": current.retention_days,
        "blocked_alert_threshold": current.blocked_alert_threshold,
        "spike_factor": current.spike_factor,
    }
    after = {
        "retention_days": retention_days,
        "blocked_alert_threshold": blocked_alert_threshold,
        "spike_factor": spike_factor,
    }
    changes = diff(before, after)
    if not changes:
        return current
    with transaction.atomic():
        for key, value in after.items():
            setattr(current, key, value)
        current.save()
        record(
            council=council,
            actor=actor,
            action="network.settings_changed",
            summary="Changed the network monitoring settings",
            changes=changes,
        )
    return current
