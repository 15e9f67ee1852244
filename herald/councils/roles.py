"""The roles the council report names (¶12-¶20). Line manager and all staff are derived, not granted."""

from django.db import models


class Role(models.TextChoices):
    DIGITAL_TEAM = "digital_team", "Digital and communications team"
    ACCOUNT_OWNER = "account_owner", "Service account owner"
    EDITOR = "editor", "Editor"
    APPROVER = "approver", "Approver"
    ICT = "ict", "ICT"
    HR = "hr", "HR"
    LINE_MANAGER = "line_manager", "Line manager"
    AMBASSADOR = "ambassador", "Social media ambassador"
    ALL_STAFF = "all_staff", "All staff"
    COMMITTEE_MEMBER = "committee_member", "Committee member"
    COUNCIL_ADMIN = "council_admin", "Council administrator"


# Roles that come from facts elsewhere (the staff hierarchy, being a member at all) and so can
# never be granted or revoked by hand.
DERIVED_ROLES = frozenset({Role.LINE_MANAGER, Role.ALL_STAFF})
GRANTABLE_ROLES = [role for role in Role if role not in DERIVED_ROLES]
