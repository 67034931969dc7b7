from __future__ import annotations

from typing import Any

from django.db import transaction

from tongwen.accounts.models import Membership, User


@transaction.atomic
def user_create(
    *, username: str, password: str | None, email: str = "", is_superuser: bool = False
) -> User:
    user = User(username=username, email=email, is_superuser=is_superuser, is_staff=is_superuser)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def membership_grant(*, user: User, institution: Any, role: str) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        user=user, institution=institution, defaults={"role": role}
    )
    membership.full_clean()
    for cache_name in ("_tongwen_edit_ids", "_tongwen_member_ids", "_tongwen_admin_ids"):
        if hasattr(user, cache_name):
            delattr(user, cache_name)
    return membership
