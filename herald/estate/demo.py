"""Demo data: Aldermoor's social media estate as a council typically finds it, problems and all.

About forty accounts opened by services over the years: most fine, some dormant, some held by
people who have since left, some without the digital team's access, two-factor or branding,
and a few likely duplicates, so the housekeeping check has something real to find.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from herald.audit.services import SYSTEM
from herald.estate import services
from herald.estate.models import AdminAccess, SocialAccount

if TYPE_CHECKING:
    from herald.councils.models import Council, Service
    from herald.people.models import StaffMember

DEMO = SYSTEM  # the demo is Herald itself, as in every other context's demo
ON, OFF = SocialAccount.TwoFactor.ON, SocialAccount.TwoFactor.OFF


@dataclass(frozen=True)
class Spec:
    network: str
    handle: str
    name: str
    service: str
    owner: str  # "First Last", or "" for nobody
    deputy: str
    purpose: str
    audience: str = "Residents of Aldermoor"
    last_post_days: int | None = 2  # days ago; None: never recorded
    followers: int = 1200
    two_factor: str = ON
    branded: bool = True
    digital_access: bool = True
    kind: str = SocialAccount.Kind.SERVICE
    url_path: str = ""


_CORP = SocialAccount.Kind.CORPORATE
_NEWS = "Council news, service updates and consultations"
_LIB = "Library events, opening hours and the mobile library timetable"
_ROADS = "Roadworks, closures and gritting updates"
# fmt: off
ALDERMOOR: tuple[Spec, ...] = (
    Spec("facebook_page", "AldermoorCouncil", "Aldermoor County Council", "Communications and Marketing", "Isla Penrose", "Jamal Whitcombe", _NEWS, followers=48200, kind=_CORP),
    Spec("x", "AldermoorCC", "Aldermoor County Council", "Communications and Marketing", "Isla Penrose", "Jamal Whitcombe", _NEWS, followers=31900, kind=_CORP),
    Spec("instagram", "aldermoorcouncil", "Aldermoor County Council", "Communications and Marketing", "Jamal Whitcombe", "Chloe Marwood", "Pictures of the county, its places and people", followers=12400, kind=_CORP),
    Spec("linkedin", "aldermoor-county-council", "Aldermoor County Council", "Communications and Marketing", "Chloe Marwood", "Isla Penrose", "Jobs, careers and the council as an employer", "Jobseekers and partners", followers=9800, kind=_CORP),
    Spec("youtube", "AldermoorCouncil", "Aldermoor County Council", "Communications and Marketing", "Jamal Whitcombe", "Owain Berriman", "Council meetings and explainer videos", last_post_days=12, followers=2100, kind=_CORP),
    Spec("mastodon", "aldermoor@social.example.org", "Aldermoor County Council", "Communications and Marketing", "Jamal Whitcombe", "Isla Penrose", _NEWS, last_post_days=3, followers=640, kind=_CORP),
    Spec("bluesky", "aldermoor.bsky.social", "Aldermoor County Council", "Communications and Marketing", "Jamal Whitcombe", "Isla Penrose", _NEWS, last_post_days=1, followers=2300, kind=_CORP),
    Spec("nextdoor", "aldermoor-county-council", "Aldermoor County Council", "Communications and Marketing", "Isla Penrose", "Chloe Marwood", "Neighbourhood notices", last_post_days=20, followers=15300, kind=_CORP),
    Spec("whatsapp_channel", "0029VaAldermoorNews01", "Aldermoor News", "Communications and Marketing", "Jamal Whitcombe", "Isla Penrose", "Weekly round-up of council news", last_post_days=6, followers=3100, kind=_CORP),
    Spec("x", "AldermoorPress", "Aldermoor Press Office", "Communications and Marketing", "Chloe Marwood", "Owain Berriman", "Statements and media responses", "Journalists", last_post_days=4, followers=2900),
    # Waste and Recycling (demo-owner is Shona Blackwood)
    Spec("facebook_page", "AldermoorRecycles", "Aldermoor Recycles", "Waste and Recycling", "Shona Blackwood", "Terry Mountford", "Bin collection changes and recycling tips", followers=8700),
    Spec("x", "AldermoorBins", "Aldermoor Bins", "Waste and Recycling", "Shona Blackwood", "Terry Mountford", "Bin collection changes on the day", two_factor=OFF, followers=1500),
    Spec("instagram", "aldermoor_recycles", "Aldermoor Recycles", "Waste and Recycling", "Shona Blackwood", "", "Recycling tips in pictures", last_post_days=140, followers=430, branded=False),
    Spec("tiktok", "aldermoorrecycles", "Aldermoor Recycles", "Waste and Recycling", "Shona Blackwood", "Aled Prothero", "Short recycling videos for younger residents", "Young people", last_post_days=9, followers=5200, digital_access=False),
    Spec("facebook_page", "AldermoorTipsHWRC", "Aldermoor Recycling Centres", "Waste and Recycling", "Aled Prothero", "Terry Mountford", "Recycling centre opening times and queues", last_post_days=30, followers=2600),
    # Libraries: two pages doing the same job
    Spec("facebook_page", "AldermoorLibraries", "Aldermoor Libraries", "Libraries", "Harriet Calloway", "Rosalind Achterberg", _LIB, "Library users and families", followers=6100),
    Spec("facebook_page", "AldermoorLibrariesEvents", "Aldermoor Library Events", "Libraries", "Harriet Calloway", "", _LIB, "Library users and families", last_post_days=45, followers=900, branded=False),
    Spec("instagram", "aldermoorlibraries", "Aldermoor Libraries", "Libraries", "Rosalind Achterberg", "Harriet Calloway", "Books, reading groups and library spaces", followers=2200),
    Spec("x", "AldermoorLibs", "Aldermoor Libraries", "Libraries", "Rosalind Achterberg", "Ewan Strathdee", _LIB, last_post_days=400, followers=1100, two_factor=SocialAccount.TwoFactor.UNKNOWN),
    Spec("facebook_group", "aldermoorreadinggroups", "Aldermoor Reading Groups", "Libraries", "Ewan Strathdee", "Harriet Calloway", "A group for reading group members to share recommendations", "Reading group members", last_post_days=15, followers=350),
    # Highways and Transport: two X accounts for roadworks
    Spec("x", "AldermoorRoads", "Aldermoor Roads", "Highways and Transport", "Gemma Hollinrake", "Marcus Wrexham-Lloyd", _ROADS, "Drivers", followers=7400),
    Spec("x", "AldmrGritters", "Aldermoor Gritters", "Highways and Transport", "Gemma Hollinrake", "", _ROADS, "Drivers", last_post_days=210, followers=5100, digital_access=False),
    Spec("facebook_page", "AldermoorRoadSafety", "Aldermoor Road Safety", "Highways and Transport", "Nikhil Ormesher", "Gemma Hollinrake", "Road safety campaigns", "Drivers, cyclists and schools", last_post_days=11, followers=1800),
    Spec("x", "AldermoorBuses", "Aldermoor Bus Info", "Highways and Transport", "Carys Thornbury", "Nikhil Ormesher", "Bus timetable changes and disruption", "Bus passengers", last_post_days=3, followers=2500, two_factor=OFF),
    # Planning: owner left in December 2024
    Spec("x", "AldermoorPlans", "Aldermoor Planning", "Planning", "Duncan Farraday", "Sebastian Kilbride", "Local plan consultations", "Residents and developers", last_post_days=380, followers=640, digital_access=False),
    Spec("linkedin", "aldermoor-planning", "Aldermoor Planning", "Planning", "Imogen Tarrant", "Sebastian Kilbride", "Planning jobs and policy news", "Planning professionals", last_post_days=25, followers=410),
    # Children's Services: the inclusion officer left in March 2025
    Spec("facebook_page", "AldermoorSENDLocalOffer", "Aldermoor SEND Local Offer", "Children's Services", "Callum Ridgeway", "Martha Quennell", "Support for children with special educational needs", "Parents and carers", last_post_days=70, followers=3300),
    Spec("facebook_page", "AldermoorEarlyHelp", "Aldermoor Early Help", "Children's Services", "Martha Quennell", "Dylan Featherstone", "Family support services and drop-ins", "Parents and carers", followers=2700),
    Spec("instagram", "aldermoorfostering", "Foster for Aldermoor", "Children's Services", "Zainab Harcourt", "Nell Ravensworth", "Recruiting foster carers", "Prospective foster carers", last_post_days=8, followers=1900, branded=False),
    Spec("tiktok", "aldermooryouth", "Aldermoor Youth", "Children's Services", "Dylan Featherstone", "", "Youth service activities", "Young people", last_post_days=160, followers=780, two_factor=OFF, digital_access=False),
    # Adult Social Care and Public Health
    Spec("facebook_page", "AldermoorAdultCare", "Aldermoor Adult Social Care", "Adult Social Care", "Eleri Vaughan-Price", "Joanna Pryce-Whitley", "Care and support information", "Older and disabled residents and carers", last_post_days=5, followers=1400),
    Spec("facebook_group", "aldermoorcarers", "Aldermoor Carers Network", "Adult Social Care", "Hamish Loxley", "", "Peer support for unpaid carers", "Unpaid carers", last_post_days=130, followers=260, branded=False),
    Spec("x", "AldermoorHealth", "Aldermoor Public Health", "Public Health", "Adaeze Kirkbride", "Lewis Hartfield", "Health campaigns and vaccination clinics", followers=3900),
    Spec("instagram", "aldermoor.healthy", "Healthy Aldermoor", "Public Health", "Adaeze Kirkbride", "", "Healthy living campaigns", "Young adults", last_post_days=95, followers=520, two_factor=SocialAccount.TwoFactor.UNKNOWN),
    # Customer Services and Democratic Services
    Spec("x", "AldermoorHelp", "Aldermoor Help", "Customer Services", "Leanne Ashbury", "Bernard Oyelaran", "Answering residents' questions", last_post_days=1, followers=2100),
    Spec("facebook_page", "AldermoorVotes", "Aldermoor Elections", "Democratic Services", "Sinead Holroyd", "Pascal Everingham", "Elections, polling stations and voter registration", "Voters", last_post_days=60, followers=1300),
    Spec("youtube", "AldermoorMeetings", "Aldermoor Council Meetings", "Democratic Services", "Ambrose Kettlewell", "Ruth Abernethy", "Webcasts of council and committee meetings", last_post_days=14, followers=880),
    Spec("x", "AldermoorCttee", "Aldermoor Democracy", "Democratic Services", "", "", "Committee agendas and decisions", last_post_days=600, followers=300, branded=False, digital_access=False),
    # HR and ICT
    Spec("linkedin", "aldermoor-careers", "Work for Aldermoor", "Human Resources", "Tamsin Boscawen", "Delyth Garside", "Jobs at the council", "Jobseekers", last_post_days=7, followers=4200),
    Spec("other", "Aldermoor Jobs on Indeed", "Aldermoor Jobs (Indeed)", "Human Resources", "Vikram Lowther", "Tamsin Boscawen", "Job adverts", "Jobseekers", last_post_days=250, followers=0, branded=False, two_factor=SocialAccount.TwoFactor.UNKNOWN),
)
BRACKENFIELD: tuple[Spec, ...] = (
    Spec("facebook_page", "BrackenfieldDC", "Brackenfield District Council", "Communications", "Lucy Brackstone", "Graham Ollerenshaw", _NEWS, "Residents of Brackenfield", followers=5400, kind=_CORP),
    Spec("x", "BrackenfieldDC", "Brackenfield District Council", "Communications", "Lucy Brackstone", "", _NEWS, "Residents of Brackenfield", followers=3100, kind=_CORP),
    Spec("facebook_page", "BrackenfieldCleanStreets", "Brackenfield Clean Streets", "Environmental Services", "Ibrahim Whatmough", "Kerry Pilkington", "Street cleansing and fly-tipping reports", "Residents of Brackenfield", last_post_days=120, followers=700, two_factor=OFF),
    Spec("instagram", "brackenfieldhousing", "Brackenfield Housing", "Housing", "Morwenna Treloar", "", "Housing options advice", "People looking for housing", last_post_days=30, followers=240, branded=False, digital_access=False),
)
# fmt: on
SPECS = {"aldermoor": ALDERMOOR, "brackenfield": BRACKENFIELD}


def load_demo(*, council: Council) -> None:
    """Make sure the council's estate exists; run the housekeeping check over what was added."""
    specs = SPECS.get(council.slug, ())
    if not specs:
        return
    staff = {s.full_name: s for s in council.staff_members.all()}
    services_by_name = {s.name: s for s in council.services.all()}
    existing = {(n, h.lower()) for n, h in council.social_accounts.values_list("network", "handle")}
    today = timezone.localdate()
    missing = [
        spec
        for spec in specs
        if (spec.network, spec.handle.lower()) not in existing and spec.service in services_by_name
    ]
    for spec in missing:
        _add(council, spec, staff, services_by_name[spec.service], today)
    if missing:  # a second load changes nothing, not even the audit trail
        services.run_housekeeping(council=council, actor=DEMO)


def _add(
    council: Council,
    spec: Spec,
    staff: dict[str, StaffMember],
    service: Service,
    today: datetime.date,
) -> None:
    last = today - datetime.timedelta(days=spec.last_post_days) if spec.last_post_days else None
    branded = dict.fromkeys(SocialAccount.BRANDING_FIELDS, spec.branded)
    account = services.create_account(
        council=council,
        details={
            "network": spec.network,
            "handle": spec.handle,
            "name": spec.name,
            "service": service,
            "kind": spec.kind,
            "owner": staff.get(spec.owner),
            "deputy": staff.get(spec.deputy),
            "purpose": spec.purpose,
            "audience": spec.audience,
            "two_factor": spec.two_factor,
            "last_post_on": last,
            "followers": spec.followers,
            **branded,  # type: ignore[typeddict-item]
        },
        actor=DEMO,
    )
    if spec.digital_access:
        services.grant_access(
            account=account, actor=DEMO, level=AdminAccess.Level.ADMIN, is_digital_team=True
        )
    owner = staff.get(spec.owner)
    if owner is not None:
        services.grant_access(
            account=account, actor=DEMO, level=AdminAccess.Level.OWNER, staff_member=owner
        )
