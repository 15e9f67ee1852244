"""The fictional councils the demo loads. Every name here is invented for Herald.

Aldermoor County Council is a mid-sized county with four directorates; Brackenfield District
Council is a small district that shares Aldermoor's council administrator, so the council
switcher has something to switch between.
"""

from __future__ import annotations

from dataclasses import dataclass

from herald.councils.roles import Role

DEMO_PASSWORD = "herald-demo-2026"  # noqa: S105 - published on purpose: demo sign-ins only
DEMO_EMAIL_DOMAIN = "example.org"  # reserved (RFC 2606): demo mail can never reach anyone


@dataclass(frozen=True)
class CouncilSpec:
    name: str
    slug: str
    short_name: str
    # Service name -> its teams. The first team is where the head of service sits.
    services: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class StaffSpec:
    """One row of the HR extract. ``manager`` is an earlier row's ``key``; ``None`` for the top."""

    key: str
    first_name: str
    last_name: str
    job_title: str
    service: str
    team: str
    manager: str | None
    started_on: str
    left_on: str | None = None


@dataclass(frozen=True)
class SignInSpec:
    """A demo sign-in: who it is (a staff row, or nobody for a councillor) and what it may do."""

    username: str
    staff_key: str | None
    roles: tuple[Role, ...]
    label: str
    first_name: str = ""
    last_name: str = ""


ALDERMOOR = CouncilSpec(
    name="Aldermoor County Council",
    slug="aldermoor",
    short_name="Aldermoor",
    services={
        "Chief Executive's Office": ("Corporate Leadership Team",),
        "Adult Social Care": (
            "Assessment and Care Management",
            "Safeguarding Adults",
            "Reablement",
        ),
        "Children's Services": ("Early Help", "Children in Care", "Education and Inclusion"),
        "Waste and Recycling": ("Collections", "Household Waste Recycling Centres"),
        "Libraries": ("Library Network", "Mobile and Digital Libraries"),
        "Highways and Transport": ("Highway Maintenance", "Road Safety", "Public Transport"),
        "Planning": ("Development Management", "Planning Policy"),
        "Customer Services": ("Contact Centre", "Complaints and Feedback"),
        "Communications and Marketing": ("Digital and Social Media", "Press Office"),
        "ICT": ("Service Desk", "Infrastructure", "Information Governance"),
        "Human Resources": ("HR Advisory", "Learning and Development"),
        "Democratic Services": ("Committee Services", "Electoral Services"),
        "Public Health": ("Health Improvement", "Health Protection"),
    },
)

_CEO = "Chief Executive's Office"
_CLT = "Corporate Leadership Team"
_ASC = "Adult Social Care"
_CS = "Children's Services"
_WR = "Waste and Recycling"
_LIB = "Libraries"
_HT = "Highways and Transport"
_PL = "Planning"
_CUS = "Customer Services"
_COM = "Communications and Marketing"
_ICT = "ICT"
_HR = "Human Resources"
_DEM = "Democratic Services"
_PH = "Public Health"

S = StaffSpec
# fmt: off
ALDERMOOR_STAFF: tuple[StaffSpec, ...] = (
    S("ceo", "Helena", "Marchbank", "Chief Executive", _CEO, _CLT, None, "2016-09-05"),
    # Directors
    S("dir-adults", "Rupert", "Okonkwo-Hale", "Director of Adults and Health", _CEO, _CLT, "ceo", "2018-01-08"),
    S("dir-children", "Fiona", "Tregarthen", "Director of Children's Services", _CEO, _CLT, "ceo", "2019-04-01"),
    S("dir-place", "Anwar", "Bellamy-Shah", "Director of Place", _CEO, _CLT, "ceo", "2017-06-12"),
    S("dir-resources", "Catriona", "Fenwick", "Director of Resources", _CEO, _CLT, "ceo", "2015-11-02"),
    # Heads of service
    S("hos-asc", "Gareth", "Penhallow", "Head of Adult Social Care", _ASC, "Assessment and Care Management", "dir-adults", "2014-03-17"),
    S("hos-ph", "Priya", "Ashcombe", "Director of Public Health", _PH, "Health Improvement", "dir-adults", "2020-02-03"),
    S("hos-cs", "Declan", "Moorcroft", "Head of Children's Social Care", _CS, "Children in Care", "dir-children", "2013-10-21"),
    S("hos-wr", "Bethan", "Clowes", "Head of Waste and Recycling", _WR, "Collections", "dir-place", "2012-05-14"),
    S("hos-lib", "Oliver", "Stainthorpe", "Head of Libraries", _LIB, "Library Network", "dir-place", "2011-08-30"),
    S("hos-ht", "Marcus", "Wrexham-Lloyd", "Head of Highways and Transport", _HT, "Highway Maintenance", "dir-place", "2016-01-11"),
    S("hos-pl", "Imogen", "Tarrant", "Head of Planning", _PL, "Development Management", "dir-place", "2018-07-23"),
    S("hos-cus", "Samira", "Dunleavy", "Head of Customer Services", _CUS, "Contact Centre", "dir-resources", "2017-09-04"),
    S("hos-com", "Tobias", "Greenhalgh", "Head of Communications and Marketing", _COM, "Digital and Social Media", "dir-resources", "2019-01-14"),
    S("hos-ict", "Niamh", "Castellan", "Head of ICT", _ICT, "Infrastructure", "dir-resources", "2015-05-18"),
    S("hos-hr", "Patrick", "Elmsworth", "Head of Human Resources", _HR, "HR Advisory", "dir-resources", "2014-11-10"),
    S("hos-dem", "Ruth", "Abernethy", "Head of Democratic Services", _DEM, "Committee Services", "dir-resources", "2010-04-06"),
    # Adult Social Care
    S("asc-1", "Joanna", "Pryce-Whitley", "Senior Social Worker", _ASC, "Assessment and Care Management", "hos-asc", "2017-02-20"),
    S("asc-2", "Kwame", "Ashdown", "Social Worker", _ASC, "Assessment and Care Management", "asc-1", "2021-09-06"),
    S("asc-3", "Eleri", "Vaughan-Price", "Safeguarding Adults Lead", _ASC, "Safeguarding Adults", "hos-asc", "2016-06-27"),
    S("asc-4", "Hamish", "Loxley", "Reablement Coordinator", _ASC, "Reablement", "hos-asc", "2022-03-14"),
    # Public Health
    S("ph-1", "Adaeze", "Kirkbride", "Health Improvement Practitioner", _PH, "Health Improvement", "hos-ph", "2021-05-10"),
    S("ph-2", "Lewis", "Hartfield", "Health Protection Specialist", _PH, "Health Protection", "hos-ph", "2019-10-07"),
    # Children's Services
    S("cs-1", "Martha", "Quennell", "Early Help Team Manager", _CS, "Early Help", "hos-cs", "2015-01-19"),
    S("cs-2", "Dylan", "Featherstone", "Family Support Worker", _CS, "Early Help", "cs-1", "2023-01-09"),
    S("cs-3", "Zainab", "Harcourt", "Independent Reviewing Officer", _CS, "Children in Care", "hos-cs", "2018-04-16"),
    S("cs-4", "Callum", "Ridgeway", "Inclusion Officer", _CS, "Education and Inclusion", "hos-cs", "2020-08-24", "2025-03-31"),
    # Waste and Recycling
    S("wr-1", "Shona", "Blackwood", "Waste Services Officer", _WR, "Collections", "hos-wr", "2019-03-04"),
    S("wr-2", "Terry", "Mountford", "Collections Supervisor", _WR, "Collections", "hos-wr", "2008-07-01"),
    S("wr-3", "Aled", "Prothero", "Recycling Centre Manager", _WR, "Household Waste Recycling Centres", "hos-wr", "2013-09-16"),
    # Libraries
    S("lib-1", "Harriet", "Calloway", "Library Development Officer", _LIB, "Library Network", "hos-lib", "2018-11-05"),
    S("lib-2", "Yusuf", "Pendlebury", "Library Assistant", _LIB, "Library Network", "lib-1", "2022-06-13"),
    S("lib-3", "Rosalind", "Achterberg", "Digital Libraries Officer", _LIB, "Mobile and Digital Libraries", "hos-lib", "2020-01-27"),
    S("lib-4", "Ewan", "Strathdee", "Mobile Library Driver", _LIB, "Mobile and Digital Libraries", "lib-3", "2017-05-22"),
    # Highways and Transport
    S("ht-1", "Gemma", "Hollinrake", "Highway Inspector", _HT, "Highway Maintenance", "hos-ht", "2016-10-03"),
    S("ht-2", "Nikhil", "Ormesher", "Road Safety Officer", _HT, "Road Safety", "hos-ht", "2021-02-15"),
    S("ht-3", "Carys", "Thornbury", "Public Transport Planner", _HT, "Public Transport", "hos-ht", "2019-07-08"),
    # Planning
    S("pl-1", "Sebastian", "Kilbride", "Principal Planning Officer", _PL, "Development Management", "hos-pl", "2014-02-24"),
    S("pl-2", "Aisha", "Wetherall", "Planning Officer", _PL, "Development Management", "pl-1", "2022-10-17"),
    S("pl-3", "Duncan", "Farraday", "Planning Policy Officer", _PL, "Planning Policy", "hos-pl", "2018-03-12", "2024-12-20"),
    # Customer Services
    S("cus-1", "Leanne", "Ashbury", "Contact Centre Team Leader", _CUS, "Contact Centre", "hos-cus", "2015-08-10"),
    S("cus-2", "Mohammed", "Tallis", "Customer Services Adviser", _CUS, "Contact Centre", "cus-1", "2023-04-03"),
    S("cus-3", "Freya", "Dunmore", "Customer Services Adviser", _CUS, "Contact Centre", "cus-1", "2024-02-12"),
    S("cus-4", "Bernard", "Oyelaran", "Complaints Officer", _CUS, "Complaints and Feedback", "hos-cus", "2012-12-03"),
    # Communications and Marketing (the digital team)
    S("com-1", "Isla", "Penrose", "Digital Communications Manager", _COM, "Digital and Social Media", "hos-com", "2020-06-01"),
    S("com-2", "Jamal", "Whitcombe", "Social Media Officer", _COM, "Digital and Social Media", "com-1", "2022-09-12"),
    S("com-3", "Chloe", "Marwood", "Senior Communications Officer", _COM, "Press Office", "hos-com", "2017-03-20"),
    S("com-4", "Owain", "Berriman", "Press Officer", _COM, "Press Office", "com-3", "2023-07-17"),
    # ICT
    S("ict-1", "Rhys", "Calderbank", "Service Desk Manager", _ICT, "Service Desk", "hos-ict", "2016-04-25"),
    S("ict-2", "Ngozi", "Fairbairn", "Network Security Analyst", _ICT, "Infrastructure", "hos-ict", "2021-11-08"),
    S("ict-3", "Felix", "Hardcastle", "Systems Administrator", _ICT, "Infrastructure", "hos-ict", "2019-02-18"),
    S("ict-4", "Maud", "Ellerby", "Information Governance Officer", _ICT, "Information Governance", "hos-ict", "2018-09-10"),
    # Human Resources
    S("hr-1", "Tamsin", "Boscawen", "HR Business Partner", _HR, "HR Advisory", "hos-hr", "2017-10-16"),
    S("hr-2", "Vikram", "Lowther", "HR Adviser", _HR, "HR Advisory", "hr-1", "2022-01-24"),
    S("hr-3", "Delyth", "Garside", "Learning and Development Officer", _HR, "Learning and Development", "hos-hr", "2020-11-30"),
    # Democratic Services
    S("dem-1", "Ambrose", "Kettlewell", "Committee Services Officer", _DEM, "Committee Services", "hos-dem", "2019-05-13"),
    S("dem-2", "Sinead", "Holroyd", "Electoral Services Manager", _DEM, "Electoral Services", "hos-dem", "2011-03-28"),
    S("dem-3", "Pascal", "Everingham", "Electoral Services Officer", _DEM, "Electoral Services", "dem-2", "2024-05-07"),
    # Rows added later go at the end: employee numbers follow row order, so reruns find them.
    S("cs-5", "Nell", "Ravensworth", "Social Worker", _CS, "Children in Care", "cs-3", "2022-11-14"),
    S("wr-4", "Graeme", "Ulverston", "Refuse Collection Driver", _WR, "Collections", "wr-2", "2010-02-08"),
)
# fmt: on

# One sign-in per role. The manager is a real line manager in the tree (the role is derived);
# the others are officers with nobody reporting to them, so each shows one role's home page.
# The committee member is an elected councillor: councillors are not employees, so no staff row.
ALDERMOOR_SIGN_INS: tuple[SignInSpec, ...] = (
    SignInSpec("demo-digital", "com-2", (Role.DIGITAL_TEAM,), "Digital and communications team"),
    SignInSpec("demo-owner", "wr-1", (Role.ACCOUNT_OWNER,), "Service account owner (Waste)"),
    SignInSpec("demo-editor", "lib-2", (Role.EDITOR,), "Editor (Libraries)"),
    SignInSpec("demo-approver", "com-4", (Role.APPROVER,), "Approver"),
    SignInSpec("demo-ict", "ict-2", (Role.ICT,), "ICT"),
    SignInSpec("demo-hr", "hr-2", (Role.HR,), "HR"),
    SignInSpec("demo-manager", "cus-1", (), "Line manager (derived from the staff tree)"),
    SignInSpec("demo-ambassador", "lib-4", (Role.AMBASSADOR,), "Social media ambassador"),
    SignInSpec("demo-staff", "cus-3", (), "All staff (no other role)"),
    SignInSpec(
        "demo-committee",
        None,
        (Role.COMMITTEE_MEMBER,),
        "Committee member (a councillor, no staff record)",
        first_name="Winifred",
        last_name="Ashgrove",
    ),
    SignInSpec("demo-admin", "ict-3", (Role.COUNCIL_ADMIN,), "Council administrator"),
)

BRACKENFIELD = CouncilSpec(
    name="Brackenfield District Council",
    slug="brackenfield",
    short_name="Brackenfield",
    services={
        "Communications": ("Communications",),
        "Environmental Services": ("Street Cleansing", "Environmental Health"),
        "Housing": ("Housing Options",),
    },
)

# fmt: off
BRACKENFIELD_STAFF: tuple[StaffSpec, ...] = (
    S("md", "Graham", "Ollerenshaw", "Managing Director", "Communications", "Communications", None, "2015-07-06"),
    S("com-1", "Lucy", "Brackstone", "Communications Officer", "Communications", "Communications", "md", "2021-03-15"),
    S("env-1", "Ibrahim", "Whatmough", "Environmental Services Manager", "Environmental Services", "Street Cleansing", "md", "2013-01-21"),
    S("env-2", "Kerry", "Pilkington", "Environmental Health Officer", "Environmental Services", "Environmental Health", "env-1", "2019-09-02"),
    S("hou-1", "Morwenna", "Treloar", "Housing Options Officer", "Housing", "Housing Options", "md", "2020-05-26"),
)
# fmt: on

# demo-admin administers both councils (districts often share back-office staff).
BRACKENFIELD_SIGN_INS: tuple[SignInSpec, ...] = (
    SignInSpec("demo-admin", None, (Role.COUNCIL_ADMIN,), "Council administrator"),
)
