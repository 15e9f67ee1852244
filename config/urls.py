from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("herald.core.urls")),
    path("", include("herald.home.urls")),
    path("", include("herald.accounts.urls")),
    path("councils/", include("herald.councils.urls")),
    path("staff/", include("herald.people.urls")),
    path("audit/", include("herald.audit.urls")),
    path("standards/", include("herald.standards.urls")),
    path("learning/", include("herald.learning.urls")),
    path("estate/", include("herald.estate.urls")),
    path("network/", include("herald.network.urls")),
    path("channels/", include("herald.channels.urls")),
    path("publishing/", include("herald.publishing.urls")),
    path("listening/", include("herald.listening.urls")),
    path("inbox/", include("herald.inbox.urls")),
    path("programme/", include("herald.programme.urls")),
    # Tracked short links in posts (click counts only, nothing about the person).
    path("l/", include("herald.programme.urls_public")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("api/v1/", include("config.api_urls")),
    path("django-admin/", admin.site.urls),
]

handler400 = "herald.core.error_pages.bad_request"
handler403 = "herald.core.error_pages.permission_denied"
handler404 = "herald.core.error_pages.page_not_found"
handler500 = "herald.core.error_pages.server_error"
