"""Who is acting. Services take an ``actor``: a user, or :data:`SYSTEM` for the demo loader
and data migrations, which act with the platform's own authority."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class _System:
    is_authenticated = False
    is_superuser = False

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Any = _System()


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You do not have permission to do this."))
