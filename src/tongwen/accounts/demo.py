"""Sample accounts for trying the workspace. They are sample data, not real people."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings

from tongwen.accounts import services
from tongwen.accounts.models import Membership, User
from tongwen.institutions.models import Institution

SAMPLE_ACCOUNTS = [
    # username, institution slug (None: platform administrator), role
    ("sample-admin", None, None),
    ("sample-nlc-editor", "nlc", Membership.Role.EDITOR),
    ("sample-cstm-editor", "cstm", Membership.Role.EDITOR),
    ("sample-dpm-viewer", "dpm", Membership.Role.VIEWER),
]


def credentials_file() -> Path:
    return Path(settings.DATA_DIR) / "sample-accounts.txt"


def sample_accounts_create() -> list[tuple[str, str]]:
    """Create the sample accounts that do not exist yet; passwords are kept in the data dir."""
    path = credentials_file()
    known = (
        dict(line.split(" ", 1) for line in path.read_text().splitlines() if " " in line)
        if path.exists()
        else {}
    )
    for username, slug, role in SAMPLE_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        password = secrets.token_urlsafe(12)
        user = services.user_create(username=username, password=password, is_superuser=slug is None)
        institution = Institution.objects.filter(slug=slug).first() if slug else None
        if institution is not None and role is not None:
            services.membership_grant(user=user, institution=institution, role=role)
        known[username] = password
    path.write_text("".join(f"{name} {password}\n" for name, password in known.items()))
    path.chmod(0o600)
    return sorted(known.items())
