from django.urls import URLPattern, URLResolver, path

from herald.inbox.views import conversations, escalations, records, settings, triage

# Conversations, triage, escalations, outcomes, consultations, records and settings.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", conversations.inbox_list, name="list"),
    path("bulk/", conversations.bulk, name="bulk"),
    path("conversations/<uuid:public_id>/", conversations.conversation_page, name="conversation"),
    path("conversations/<uuid:public_id>/answered/", triage.answered, name="answered"),
    path("conversations/<uuid:public_id>/await-reply/", triage.await_reply, name="await_reply"),
    # One address per triage action (``inbox:assign``, ``inbox:close``...); everything else
    # under a conversation (``reply/``) belongs to urls_replies.
    *(
        path(
            f"conversations/<uuid:public_id>/{action}/",
            triage.act,
            {"action": action},
            name=action,
        )
        for action in triage.ACTIONS
    ),
    path("escalations/", escalations.escalation_list, name="escalations"),
    path("escalations/<uuid:public_id>/", escalations.escalation_page, name="escalation"),
    path("outcomes/", records.outcomes, name="outcomes"),
    path("consultations/", records.consultations, name="consultations"),
    path("records/", records.records_search, name="records"),
    path("settings/", settings.settings_page, name="settings"),
]
