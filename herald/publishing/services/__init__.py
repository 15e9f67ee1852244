"""Publishing's writes. Views, the API, the demo and other helpers call these only."""

from herald.publishing.services.approvals import (
    NeededSignOff,
    approve_post,
    needed_sign_offs,
    reject_post,
    return_post,
    sign_off,
)
from herald.publishing.services.holds import (
    MOURNING_CATEGORIES,
    HoldDetails,
    lift_hold,
    release_post,
    release_problems,
    start_hold,
)
from herald.publishing.services.media import (
    MediaDetails,
    attach_captions,
    upload_media,
    withdraw_media,
)
from herald.publishing.services.posts import (
    MediaUse,
    PostInput,
    VariantInput,
    create_post,
    flag_overdue,
    may_edit,
    may_schedule,
    schedule_post,
    submit_post,
    take_back,
    update_post,
    withdraw_post,
)
from herald.publishing.services.validation import post_problems, refresh_findings

__all__ = [
    "MOURNING_CATEGORIES",
    "HoldDetails",
    "MediaDetails",
    "MediaUse",
    "NeededSignOff",
    "PostInput",
    "VariantInput",
    "approve_post",
    "attach_captions",
    "create_post",
    "flag_overdue",
    "lift_hold",
    "may_edit",
    "may_schedule",
    "needed_sign_offs",
    "post_problems",
    "refresh_findings",
    "reject_post",
    "release_post",
    "release_problems",
    "return_post",
    "schedule_post",
    "sign_off",
    "start_hold",
    "submit_post",
    "take_back",
    "update_post",
    "upload_media",
    "withdraw_media",
    "withdraw_post",
]
