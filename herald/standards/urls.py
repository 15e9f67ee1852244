from django.urls import path

from herald.standards.views import accounts, check, elections, settings

app_name = "standards"

urlpatterns = [
    path("", check.check_page, name="check"),
    path("results/", check.check_fragment, name="check_fragment"),
    path("settings/", settings.settings_index, name="settings"),
    path("settings/rules/", settings.rules, name="rules"),
    path("settings/rules/<str:rule_id>/", settings.rule, name="rule"),
    path("settings/contact-details/", settings.contact_details, name="contact_details"),
    path("settings/words/", settings.words, name="words"),
    path("settings/words/<uuid:public_id>/remove/", settings.remove_word, name="remove_word"),
    path("settings/elections/", elections.periods, name="elections"),
    path("settings/elections/new/", elections.add_period, name="add_election"),
    path("settings/elections/<uuid:public_id>/", elections.edit_period, name="edit_election"),
    path("settings/elections/<uuid:public_id>/end/", elections.end_period, name="end_election"),
    path("settings/accounts/", accounts.accounts, name="accounts"),
    path("settings/accounts/new/", accounts.add_account, name="add_account"),
    path("settings/accounts/<uuid:public_id>/", accounts.edit_account, name="edit_account"),
    path(
        "settings/accounts/<uuid:public_id>/remove/", accounts.remove_account, name="remove_account"
    ),
]
