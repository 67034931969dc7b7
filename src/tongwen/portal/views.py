"""The home page and the signed-in workspace."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tongwen.accounts.models import User
from tongwen.accounts.selectors import member_institution_ids, memberships_of
from tongwen.agreements import selectors as agreement_selectors
from tongwen.institutions import selectors as institution_selectors


def home(request: HttpRequest) -> HttpResponse:
    agreements = agreement_selectors.agreement_list(user=request.user)
    return render(
        request,
        "portal/home.html",
        {
            "agreement_count": agreements.count(),
            "institution_count": institution_selectors.institution_list().count(),
            "initiative_count": agreement_selectors.initiative_list(user=request.user).count(),
            "latest": agreements[:6],
        },
    )


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required lets only signed-in users through
    ids = member_institution_ids(user)
    memberships = memberships_of(user)
    agreements = (
        agreement_selectors.agreement_list(user=request.user)
        .filter(party_links__institution_id__in=ids)
        .distinct()
    )
    initiatives = (
        agreement_selectors.initiative_list(user=request.user)
        .filter(institution_links__institution_id__in=ids)
        .distinct()
    )
    return render(
        request,
        "portal/workspace.html",
        {
            "memberships": memberships,
            "agreements": agreements,
            "initiatives": initiatives,
            "can_create": request.user.is_superuser
            or bool(member_institution_ids(request.user, editing=True)),
        },
    )
