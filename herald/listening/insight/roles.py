"""Who may use listening's insight, on the pages and over the API alike."""

from __future__ import annotations

from herald.councils.roles import Role

# The digital and communications team and council administrators run listening; approvers and
# service account owners may read the dashboard and mentions to answer residents.
MANAGERS = (Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN)
READERS = (*MANAGERS, Role.APPROVER, Role.ACCOUNT_OWNER)
