from django.urls import URLPattern, URLResolver, path

from herald.programme.views import exports, kpis, links, money, plan, reports

app_name = "programme"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", plan.overview, name="overview"),
    path("phases/new/", plan.new_phase, name="new_phase"),
    path("phases/<uuid:public_id>/", plan.edit_phase, name="edit_phase"),
    path("phases/<uuid:public_id>/tasks/new/", plan.new_task, name="new_task"),
    path("tasks/<uuid:public_id>/", plan.edit_task, name="edit_task"),
    path("kpis/", kpis.dashboard, name="kpis"),
    path("kpis/targets/", kpis.targets, name="targets"),
    path("unit-costs/", money.unit_costs, name="unit_costs"),
    path("budgets/", money.budgets, name="budgets"),
    path("budgets/new/", money.new_budget, name="new_budget"),
    path("spend/new/", money.new_spend, name="new_spend"),
    path("figures/", money.recorded_figures, name="figures"),
    path("figures/import/", money.import_figures, name="import_figures"),
    path("links/", links.links, name="links"),
    path("links/<uuid:public_id>/stop/", links.stop_link, name="stop_link"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/new/", reports.new_report, name="new_report"),
    path("reports/<uuid:public_id>/", reports.report, name="report"),
    path("reports/<uuid:public_id>/edit/", reports.edit_report, name="edit_report"),
    path("reports/<uuid:public_id>/finalise/", reports.finalise, name="finalise"),
    path("reports/<uuid:public_id>/report.pdf", reports.report_pdf, name="report_pdf"),
    path("exports/<slug:table>.csv", exports.download, name="export"),
    path("feed/", exports.tokens, name="tokens"),
    path("feed/tokens/<uuid:public_id>/revoke/", exports.revoke_token, name="revoke_token"),
    path("feed/<slug:table>.csv", exports.feed_table, name="feed"),
]
