from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from tongwen.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ["institution"]


@admin.register(User)
class TongwenUserAdmin(UserAdmin):  # type: ignore[type-arg]
    inlines = [MembershipInline]
