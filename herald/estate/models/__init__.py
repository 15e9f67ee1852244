"""The register of every council social media account, its history, requests and findings.

Nothing here is ever hard-deleted: a closed account stays, removed admin access keeps its row,
a resolved finding keeps its dates.
"""

from herald.estate.models.findings import (
    EstateSettings,
    Finding,
    FindingQuerySet,
    HealthSnapshot,
    PendingEstateImport,
)
from herald.estate.models.register import (
    BRANDING_CHOICES,
    AccountStatusChange,
    AdminAccess,
    SocialAccount,
    SocialAccountQuerySet,
)
from herald.estate.models.requests import AccountRequest, RequestStatusChange
from herald.estate.networks import Network

__all__ = [
    "BRANDING_CHOICES",
    "AccountRequest",
    "AccountStatusChange",
    "AdminAccess",
    "EstateSettings",
    "Finding",
    "FindingQuerySet",
    "HealthSnapshot",
    "Network",
    "PendingEstateImport",
    "RequestStatusChange",
    "SocialAccount",
    "SocialAccountQuerySet",
]
