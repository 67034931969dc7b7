"""Public pages of institutions: who they are, what they signed, whom they work with."""

from __future__ import annotations

import math
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from tongwen.agreements import selectors as agreement_selectors
from tongwen.institutions import selectors
from tongwen.institutions.models import Institution

NETWORK_SIZE = 560
NETWORK_RADIUS = 200


def institution_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") or None
    if kind not in Institution.Kind.values:
        kind = None
    q = (request.GET.get("q") or "").strip() or None
    return render(
        request,
        "institutions/institution_list.html",
        {
            "institutions": selectors.institution_list(kind=kind, q=q),
            "kinds": Institution.Kind.choices,
            "kind": kind or "",
            "q": q or "",
        },
    )


def partner_network(
    institution: Institution, partners: list[tuple[Institution, int]]
) -> dict[str, Any]:
    """A circle layout: ``institution`` in the centre, partners evenly around it."""
    centre = NETWORK_SIZE / 2
    heaviest = max((count for _partner, count in partners), default=1)
    nodes = []
    for index, (partner, count) in enumerate(partners):
        angle = 2 * math.pi * index / max(len(partners), 1) - math.pi / 2
        x = centre + NETWORK_RADIUS * math.cos(angle)
        y = centre + NETWORK_RADIUS * math.sin(angle)
        nodes.append(
            {
                "institution": partner,
                "count": count,
                "x": round(x, 1),
                "y": round(y, 1),
                # Labels sit outside the circle, anchored away from the centre.
                "label_x": round(centre + (NETWORK_RADIUS + 18) * math.cos(angle), 1),
                "label_y": round(centre + (NETWORK_RADIUS + 18) * math.sin(angle) + 4, 1),
                "anchor": "start"
                if math.cos(angle) > 0.2
                else ("end" if math.cos(angle) < -0.2 else "middle"),
                "mid_x": round((centre + x) / 2, 1),
                "mid_y": round((centre + y) / 2, 1),
                "width": round(1 + 4 * count / heaviest, 1),
                "url": reverse("institutions:detail", args=[partner.slug]),
            }
        )
    return {"size": NETWORK_SIZE, "centre": centre, "nodes": nodes, "institution": institution}


def institution_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        institution = selectors.institution_get(slug=slug)
    except Institution.DoesNotExist:
        raise Http404 from None
    partners = agreement_selectors.institution_partners(user=request.user, institution=institution)
    return render(
        request,
        "institutions/institution_detail.html",
        {
            "institution": institution,
            "division": institution.division,
            "agreements": agreement_selectors.agreement_list(
                user=request.user, party=institution.slug
            ),
            "partners": partners,
            "network": partner_network(institution, partners),
        },
    )
