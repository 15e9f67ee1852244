from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from herald.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Operators may read the trail here; nobody can add, change or delete an event."""

    list_display = ("created_at", "council", "actor_label", "action", "target_label", "summary")
    list_filter = ("council", "action")
    search_fields = ("actor_label", "target_label", "summary", "request_id")
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
