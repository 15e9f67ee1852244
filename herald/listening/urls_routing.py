from django.urls import URLPattern, URLResolver, path

from herald.listening.views import routing

# Routing: keyword rules per service, trained router versions, training from an upload.
urlpatterns: list[URLPattern | URLResolver] = [
    path("routing/", routing.overview, name="routing"),
    path("routing/keywords/new/", routing.keyword_rule, name="routing_keyword_new"),
    path("routing/keywords/<uuid:public_id>/", routing.keyword_rule, name="routing_keyword"),
    path("routing/models/<uuid:public_id>/", routing.router_model, name="routing_model"),
    path(
        "routing/models/<uuid:public_id>/activate/",
        routing.activate,
        name="routing_activate",
    ),
    path("routing/train/", routing.train, name="routing_train"),
]
