"""Django admin is for platform superusers only; staff work in the workspace."""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class TongwenAdminSite(AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)


class TongwenAdminConfig(AdminConfig):
    default_site = "tongwen.config.admin.TongwenAdminSite"
