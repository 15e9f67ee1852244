from django.urls import URLPattern, URLResolver, path

from herald.inbox.views import replies, replies_admin

CONVERSATION = "conversations/<uuid:public_id>/reply/"

# Replies to a conversation; the queue; saved responses; reply settings per account; moderation.
urlpatterns: list[URLPattern | URLResolver] = [
    path(CONVERSATION, replies.reply_page, name="reply"),
    path(f"{CONVERSATION}check/", replies.check_fragment, name="reply_check"),
    path(f"{CONVERSATION}<uuid:reply_id>/", replies.reply_detail, name="reply_detail"),
    path(f"{CONVERSATION}<uuid:reply_id>/decide/", replies.decide, name="reply_decide"),
    path(f"{CONVERSATION}<uuid:reply_id>/retry/", replies.retry, name="reply_retry"),
    path(f"{CONVERSATION}<uuid:reply_id>/withdraw/", replies.withdraw, name="reply_withdraw"),
    path(
        f"{CONVERSATION}moderate/<int:message_id>/", replies_admin.moderate, name="reply_moderate"
    ),
    path("replies/", replies_admin.reply_queue, name="reply_queue"),
    path("saved-responses/", replies_admin.saved_response_list, name="saved_responses"),
    path("saved-responses/new/", replies_admin.saved_response_new, name="saved_response_new"),
    path(
        "saved-responses/<uuid:public_id>/",
        replies_admin.saved_response_edit,
        name="saved_response",
    ),
    path(
        "saved-responses/<uuid:public_id>/archive/",
        replies_admin.saved_response_archive,
        name="saved_response_archive",
    ),
    path("reply-settings/", replies_admin.reply_settings, name="reply_settings"),
    path(
        "reply-settings/<uuid:account_id>/",
        replies_admin.reply_settings_account,
        name="reply_settings_account",
    ),
    path("moderation/", replies_admin.moderation_log, name="moderation"),
]
