"""The staff forms: they call the services and report their errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from tongwen.agreements import services
from tongwen.agreements.models import Agreement, Commitment, Measurement
from tongwen.common.actors import SYSTEM

pytestmark = pytest.mark.django_db


def _agreement_post(parties, **extra):  # type: ignore[no-untyped-def]
    data = {
        "slug": "new-deal",
        "kind": "framework_agreement",
        "title_zh-Hans": "新协议",
        "title_en": "New deal",
        "parties": [p.pk for p in parties],
        "status": "draft",
        "signed_year": "2024",
        "signed_month": "4",
        "signed_day": "29",
        "signed_year_status": "stated",
    }
    data.update(extra)
    return data


def test_editor_of_a_gets_403_editing_an_agreement_between_b_and_c(world, client: Client):
    bc = world["bc"]
    services.agreement_update(actor=SYSTEM, agreement=bc, status="signed")
    client.force_login(world["editor_a"])
    assert client.get("/agreements/b-c-draft/edit/").status_code == 403
    response = client.post(
        "/agreements/b-c-draft/edit/",
        _agreement_post([world["b"], world["c"]], title_en="Hijacked"),
    )
    assert response.status_code == 403
    bc.refresh_from_db()
    assert bc.title == {"en": "B C Draft"}


def test_create_with_one_party_rerenders_with_400_and_saves_nothing(world, client: Client):
    client.force_login(world["editor_a"])
    response = client.post(
        "/agreements/new/", _agreement_post([world["a"]]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.context["form"].errors.get("parties") == [
        "An agreement needs at least two parties."
    ]
    assert "An agreement needs at least two parties." in response.content.decode()
    assert not Agreement.objects.filter(slug="new-deal").exists()


def test_create_agreement_through_the_form(world, client: Client):
    client.force_login(world["editor_a"])
    response = client.post("/agreements/new/", _agreement_post([world["a"], world["c"]]))
    assert response.status_code == 302
    assert response["Location"] == "/agreements/new-deal/"
    agreement = Agreement.objects.get(slug="new-deal")
    assert agreement.title == {
        "zh-Hans": "新协议",
        "en": "New deal",
        "zh-Latn-pinyin": "xīn xié yì",
    }
    assert [link.institution.slug for link in agreement.party_links.all()] == ["inst-a", "inst-c"]
    assert agreement.signed_on == dt.date(2024, 4, 29)


def test_create_for_institutions_the_editor_does_not_belong_to_is_403(world, client: Client):
    client.force_login(world["editor_a"])
    response = client.post("/agreements/new/", _agreement_post([world["b"], world["c"]]))
    assert response.status_code == 403
    assert not Agreement.objects.filter(slug="new-deal").exists()


def test_service_field_errors_land_on_the_form_field(world, client: Client):
    client.force_login(world["editor_a"])
    response = client.post(
        "/agreements/new/",
        _agreement_post([world["a"], world["b"]], signed_year_status="inferred"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.context["form"].errors["signed_year_reason"] == [
        "Say why the year was inferred."
    ]


def test_edit_agreement_records_history(world, client: Client):
    client.force_login(world["editor_b"])
    response = client.post(
        "/agreements/a-b/edit/",
        _agreement_post(
            [world["a"], world["b"]], **{"title_zh-Hans": ""}, title_en="A and B", status="signed"
        ),
    )
    assert response.status_code == 302
    ab = Agreement.objects.get(slug="a-b")
    assert ab.title == {"en": "A and B"}
    html = client.get("/agreements/a-b/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "editor-b" in html


def test_add_commitment_numbers_it_after_the_last(world, client: Client):
    client.force_login(world["editor_a"])
    response = client.post(
        "/agreements/a-b/commitments/new/",
        {"text_zh-Hans": "", "text_en": "Run exhibitions.", "category": "exhibitions"},
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get(agreement=world["ab"], number=2)
    assert commitment.text == {"en": "Run exhibitions."}


def test_initiative_indicator_and_measurement_forms(world, client: Client):
    client.force_login(world["editor_a"])
    response = client.post(
        "/agreements/a-b/initiatives/new/",
        {
            "slug": "tour",
            "title_en": "Touring exhibition",
            "lead": world["a"].pk,
            "partners": [world["b"].pk],
            "commitments": [world["commitment"].pk],
            "status": "active",
            "start": "2021-05-01",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/initiatives/tour/"
    response = client.post(
        "/initiatives/tour/indicators/new/",
        {
            "slug": "visitors",
            "metric_en": "visitors",
            "unit_en": "people",
            "comparator": "at_least",
            "target": "1000",
        },
    )
    assert response.status_code == 302
    indicator = world["ab"].initiatives.get().indicators.get()
    # Before the initiative began: the service refuses, the form says why.
    response = client.post(
        "/initiatives/tour/measurements/new/",
        {
            "indicator": indicator.pk,
            "measured_on": "2020-01-01",
            "value": "5",
            "qualifier": "exact",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.context["form"].errors["measured_on"] == [
        "2020-01-01 is before the initiative began on 2021-05-01."
    ]
    response = client.post(
        "/initiatives/tour/measurements/new/",
        {
            "indicator": indicator.pk,
            "measured_on": "2022-01-01",
            "value": "500",
            "qualifier": "exact",
        },
    )
    assert response.status_code == 302
    assert list(Measurement.objects.values_list("value", flat=True)) == [Decimal("500.00")]
    response = client.get("/initiatives/tour/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["chart"][0]["points"] == [{"x": "2022-01-01", "y": 500.0}]
    assert 'aria-valuenow="50"' in response.content.decode()


def test_anonymous_users_are_sent_to_login(world, client: Client):
    response = client.get("/agreements/new/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/agreements/new/"


def test_edit_keeps_values_in_languages_the_form_does_not_show(world, client: Client):
    services.agreement_update(
        actor=SYSTEM,
        agreement=world["ab"],
        title={"en": "A and B", "fr": "A et B", "zh-Hans": "甲乙"},
    )
    client.force_login(world["editor_a"])
    response = client.post(
        "/agreements/a-b/edit/",
        _agreement_post([world["a"], world["b"]], **{"title_zh-Hans": "甲乙合作"}, title_en="AB"),
    )
    assert response.status_code == 302
    assert Agreement.objects.get(slug="a-b").title == {
        "fr": "A et B",
        "zh-Hans": "甲乙合作",
        "en": "AB",
        "zh-Latn-pinyin": "jiǎ yǐ hé zuò",
    }
