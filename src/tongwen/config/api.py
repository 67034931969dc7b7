"""The API root: where each collection of /api/v1/ lives."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

COLLECTIONS = [
    "institution",
    "person",
    "agreement",
    "commitment",
    "initiative",
    "indicator",
    "measurement",
    "resource",
    "grant",
]


@extend_schema(exclude=True)
@api_view(["GET"])
def api_root(request: Request) -> Response:
    links = {name: reverse(f"{name}-list", request=request) for name in COLLECTIONS}
    links["search"] = reverse("search", request=request)
    links["schema"] = reverse("schema", request=request)
    links["docs"] = reverse("docs", request=request)
    return Response(links)
