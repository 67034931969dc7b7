"""Public pages: what each visitor sees, in which language."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tongwen.agreements import services
from tongwen.common.actors import SYSTEM

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.title["en"] for a in response.context["agreements"]]


def test_list_hides_drafts_from_anonymous_visitors(world, client: Client):
    response = client.get("/agreements/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert _titles(response) == ["A B"]
    assert "B C Draft" not in response.content.decode()


def test_list_hides_drafts_from_members_of_other_institutions(world, client: Client):
    client.force_login(world["editor_a"])
    response = client.get("/agreements/", HTTP_ACCEPT_LANGUAGE="en")
    assert _titles(response) == ["A B"]


def test_list_shows_drafts_to_members_of_a_party(world, client: Client):
    client.force_login(world["viewer_b"])
    response = client.get("/agreements/", HTTP_ACCEPT_LANGUAGE="en")
    assert sorted(_titles(response)) == ["A B", "B C Draft"]
    assert "B C Draft" in response.content.decode()


def test_list_filters_by_party_and_status(world, client: Client):
    client.force_login(world["editor_c"])
    response = client.get("/agreements/?party=inst-c", HTTP_ACCEPT_LANGUAGE="en")
    assert _titles(response) == ["B C Draft"]
    response = client.get("/agreements/?party=inst-c&status=signed", HTTP_ACCEPT_LANGUAGE="en")
    assert _titles(response) == []


def test_draft_detail_is_404_for_outsiders(world, client: Client):
    assert client.get("/agreements/b-c-draft/").status_code == 404
    client.force_login(world["editor_a"])
    assert client.get("/agreements/b-c-draft/").status_code == 404
    client.force_login(world["viewer_b"])
    assert client.get("/agreements/b-c-draft/").status_code == 200


def test_detail_shows_commitments_date_and_edit_link_only_to_editors(world, client: Client):
    response = client.get("/agreements/a-b/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "Share resources." in html
    assert "11 March 2021" in html
    assert "/agreements/a-b/edit/" not in html
    client.force_login(world["editor_a"])
    assert "/agreements/a-b/edit/" in client.get("/agreements/a-b/").content.decode()


def test_inferred_year_is_marked_in_the_list(world, client: Client):
    services.agreement_update(
        actor=SYSTEM,
        agreement=world["ab"],
        signed_year_status="inferred",
        signed_year_reason={"en": "From the report date."},
    )
    html = client.get("/agreements/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "11 March 2021 (inferred)" in html


def test_list_page_speaks_english_with_accept_language(world, client: Client):
    html = client.get("/agreements/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Agreements</h1>" in html


def test_list_page_speaks_chinese_with_the_language_cookie(world, client: Client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    html = client.get("/agreements/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "<h1>合作协议</h1>" in html
    assert "<h1>Agreements</h1>" not in html


def test_language_switch_sets_the_cookie(world, client: Client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/agreements/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "<h1>Agreements</h1>" in client.get("/agreements/").content.decode()


def test_institution_page_draws_partner_network(world, client: Client):
    response = client.get("/institutions/inst-a/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert [(p.slug, n) for p, n in response.context["partners"]] == [("inst-b", 1)]
    html = response.content.decode()
    assert '<a href="/institutions/inst-b/" class="node">' in html


def test_home_counts_only_visible_agreements(world, client: Client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["agreement_count"] == 1
    assert response.context["institution_count"] == 3


def test_workspace_needs_login_and_lists_own_drafts(world, client: Client):
    response = client.get("/workspace/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(world["editor_c"])
    response = client.get("/workspace/", HTTP_ACCEPT_LANGUAGE="en")
    assert [a.slug for a in response.context["agreements"]] == ["b-c-draft"]
