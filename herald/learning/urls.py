from django.urls import path

from herald.learning.views import conduct, content, elearning, oversight, people, policies

app_name = "learning"

urlpatterns = [
    path("", elearning.my_learning, name="my_learning"),
    path("policies/", policies.policy_list, name="policies"),
    path("policies/new/", policies.policy_create, name="policy_create"),
    path("policies/<uuid:public_id>/", policies.policy_detail, name="policy"),
    path("policies/<uuid:public_id>/draft/", policies.policy_draft, name="policy_draft"),
    path("policies/<uuid:public_id>/edit/", policies.policy_edit, name="policy_edit"),
    path("versions/<uuid:public_id>/", policies.version_detail, name="version"),
    path("versions/<uuid:public_id>/compare/", policies.version_compare, name="version_compare"),
    path("versions/<uuid:public_id>/approve/", policies.version_approve, name="version_approve"),
    path(
        "versions/<uuid:public_id>/outstanding/",
        policies.version_outstanding,
        name="version_outstanding",
    ),
    path("modules/<uuid:public_id>/", elearning.module_detail, name="module"),
    path("modules/<uuid:public_id>/quiz/", elearning.quiz, name="quiz"),
    path("modules/<uuid:public_id>/edit/", content.module_content, name="module_content"),
    path("modules/<uuid:public_id>/settings/", content.module_settings, name="module_settings"),
    path("modules/<uuid:public_id>/lessons/new/", content.lesson_create, name="lesson_create"),
    path(
        "modules/<uuid:public_id>/questions/new/", content.question_create, name="question_create"
    ),
    path("lessons/<uuid:public_id>/", elearning.lesson_detail, name="lesson"),
    path("lessons/<uuid:public_id>/edit/", content.lesson_edit, name="lesson_edit"),
    path("questions/<uuid:public_id>/edit/", content.question_edit, name="question_edit"),
    path("attempts/<uuid:public_id>/", elearning.attempt_result, name="attempt"),
    path("certificates/<uuid:public_id>/", elearning.certificate, name="certificate"),
    path("team/", oversight.team, name="team"),
    path("conduct/", conduct.open_records, name="conduct_records"),
    path("conduct/new/<uuid:staff_id>/", conduct.record_matter, name="conduct_record_create"),
    path("conduct/<uuid:public_id>/", conduct.record_detail, name="conduct_record"),
    path("compliance/", oversight.compliance, name="compliance"),
    path("ambassadors/", people.ambassadors, name="ambassadors"),
    path("ambassadors/nominate/", people.nominate, name="nominate"),
    path("ambassadors/<uuid:public_id>/decide/", people.decide, name="decide"),
    path("sessions/", people.sessions, name="sessions"),
    path("sessions/new/", people.session_create, name="session_create"),
    path("sessions/<uuid:public_id>/", people.session_detail, name="session"),
]
