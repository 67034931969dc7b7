import json

import pytest

from tongwen.agreements.models import Agreement, Commitment, Measurement
from tongwen.common.models import ChangeRecord

pytestmark = pytest.mark.django_db

AGREEMENTS = "/api/v1/agreements/"


def _errors(response):  # type: ignore[no-untyped-def]
    return {(e["field"], e["message"]) for e in response.json()["errors"]}


def test_anonymous_list_hides_drafts(world, api):
    response = api.get(AGREEMENTS)
    assert response.status_code == 200
    assert [a["slug"] for a in response.json()["results"]] == ["a-b"]
    assert api.get(AGREEMENTS + "b-c-draft/").status_code == 404


def test_party_member_sees_own_draft_but_outsider_does_not(world, api):
    api.force_authenticate(world["viewer_b"])
    assert {a["slug"] for a in api.get(AGREEMENTS).json()["results"]} == {"a-b", "b-c-draft"}
    api.force_authenticate(world["editor_a"])
    assert {a["slug"] for a in api.get(AGREEMENTS).json()["results"]} == {"a-b"}
    assert api.get(AGREEMENTS + "b-c-draft/").status_code == 404


def test_filters(world, api):
    api.force_authenticate(world["editor_b"])
    assert [a["slug"] for a in api.get(AGREEMENTS, {"party": "inst-c"}).json()["results"]] == [
        "b-c-draft"
    ]
    assert [a["slug"] for a in api.get(AGREEMENTS, {"status": "signed"}).json()["results"]] == [
        "a-b"
    ]
    by_category = api.get(AGREEMENTS, {"category": "resource_sharing"}).json()["results"]
    assert [a["slug"] for a in by_category] == ["a-b"]
    assert api.get(AGREEMENTS, {"year": "2020"}).json()["results"] == []


def test_editor_cannot_change_another_institutions_agreement(world, api):
    api.force_authenticate(world["editor_c"])
    response = api.patch(AGREEMENTS + "a-b/", {"status": "terminated"}, format="json")
    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "permission_denied"
    assert Agreement.objects.get(slug="a-b").status == "signed"


def test_editor_changes_own_agreement_and_history_is_kept(world, api):
    api.force_authenticate(world["editor_a"])
    response = api.patch(AGREEMENTS + "a-b/", {"status": "in_force"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "in_force"
    record = ChangeRecord.objects.get(action="update")
    assert (record.actor, record.changes) == (world["editor_a"], {"status": ["signed", "in_force"]})


def test_anonymous_cannot_write(world, api):
    response = api.patch(AGREEMENTS + "a-b/", {"status": "in_force"}, format="json")
    assert response.status_code == 403


def _create(api, **overrides):  # type: ignore[no-untyped-def]
    body = {
        "slug": "new-one",
        "kind": "framework_agreement",
        "title": {"en": "New one"},
        "parties": ["inst-a", "inst-b"],
        "signed_year": 2024,
        "signed_month": 2,
        "signed_day": 3,
    }
    body.update(overrides)
    return api.post(AGREEMENTS, body, format="json")


def test_create_returns_detail_with_parties(world, api):
    api.force_authenticate(world["editor_a"])
    response = _create(api)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [p["slug"] for p in body["parties"]] == ["inst-a", "inst-b"]
    assert body["status"] == "draft"
    assert body["signed"]["date"] == "2024-02-03"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"signed_month": 2, "signed_day": 30}, "signed_day", "30/2 is not a date."),
        ({"parties": ["inst-a"]}, "parties", "An agreement needs at least two parties."),
        ({"parties": ["inst-a", "inst-a"]}, "parties", "Institution A is listed twice."),
        ({"parties": ["inst-a", "nope"]}, "parties", "Object with slug=nope does not exist."),
        (
            {"title": {"en": "x" * 600}},
            "title",
            "The value for “en” is longer than 500 characters.",
        ),
        (
            {"title": "just text"},
            "title",
            'Expected an object of language tags to text, such as {"en": "…"}.',
        ),
        ({"kind": "treaty"}, "kind", "Value 'treaty' is not a valid choice."),
        ({"signed_year": "last year"}, "signed_year", "A valid integer is required."),
    ],
)
def test_create_bad_input_is_a_400_naming_the_field(world, api, overrides, field, message):
    api.force_authenticate(world["editor_a"])
    response = _create(api, **overrides)
    assert response.status_code == 400
    assert (field, message) in _errors(response)
    assert not Agreement.objects.filter(slug="new-one").exists()


def test_malformed_json_is_a_400(world, api):
    api.force_authenticate(world["editor_a"])
    response = api.generic("POST", AGREEMENTS, '{"slug": "x",', content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "parse_error"


def test_wrong_content_type_is_a_415(world, api):
    api.force_authenticate(world["editor_a"])
    response = api.generic("POST", AGREEMENTS, "slug=x", content_type="text/plain")
    assert response.status_code == 415
    assert "text/plain" in response.json()["errors"][0]["message"]


def test_unknown_category_and_negative_target_and_early_measurement(world, api):
    api.force_authenticate(world["editor_a"])
    response = api.post(
        "/api/v1/commitments/",
        {"agreement": "a-b", "text": {"en": "x"}, "category": "space"},
        format="json",
    )
    assert response.status_code == 400
    assert ("category", "Value 'space' is not a valid choice.") in _errors(response)
    assert Commitment.objects.count() == 1

    response = api.post(
        "/api/v1/initiatives/",
        {
            "agreement": "a-b",
            "slug": "tour",
            "title": {"en": "Tour"},
            "lead": ["inst-a"],
            "start": "2021-01-01",
            "commitments": [world["commitment"].pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    response = api.post(
        "/api/v1/indicators/",
        {
            "initiative": "tour",
            "slug": "libs",
            "metric": {"en": "Libraries"},
            "unit": {"en": "libraries"},
            "target": "-1",
        },
        format="json",
    )
    assert response.status_code == 400
    assert ("target", "Ensure this value is greater than or equal to 0.") in _errors(response)
    response = api.post(
        "/api/v1/indicators/",
        {
            "initiative": "tour",
            "slug": "libs",
            "metric": {"en": "Libraries"},
            "unit": {"en": "libraries"},
            "target": "200",
        },
        format="json",
    )
    indicator = response.json()["id"]
    response = api.post(
        "/api/v1/measurements/",
        {"indicator": indicator, "measured_on": "2020-06-01", "value": "3"},
        format="json",
    )
    assert response.status_code == 400
    assert ("measured_on", "2020-06-01 is before the initiative began on 2021-01-01.") in _errors(
        response
    )
    assert not Measurement.objects.exists()
    response = api.post(
        "/api/v1/measurements/",
        {"indicator": indicator, "measured_on": "2021-06-01", "value": "50"},
        format="json",
    )
    assert response.status_code == 201
    detail = api.get(f"/api/v1/indicators/{indicator}/").json()
    assert detail["progress"]["percent"] == 25
    assert detail["progress"]["latest"] == "50.00"


def test_errors_are_translated(world, api):
    api.force_authenticate(world["editor_a"])
    response = api.post(
        AGREEMENTS,
        json.dumps(
            {
                "slug": "z",
                "kind": "framework_agreement",
                "title": {"en": "z"},
                "parties": ["inst-a"],
            }
        ),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "parties", "code": "too_few_parties", "message": "协议至少需要两个缔约方。"}
    ]


def test_openapi_schema_and_docs_are_served(db, api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/agreements/{slug}/" in schema.json()["paths"]
    docs = api.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
    assert b"//cdn" not in docs.content


def test_api_root_links_every_collection(db, api):
    body = api.get("/api/v1/").json()
    assert body["agreement"] == "http://testserver/api/v1/agreements/"
    assert set(body) >= {"institution", "person", "agreement", "measurement", "schema", "docs"}


def test_list_and_detail_cost_a_fixed_number_of_queries(db, api, django_assert_max_num_queries):
    from tongwen.agreements.demo.loader import load_demo

    load_demo()
    with django_assert_max_num_queries(4):
        assert api.get(AGREEMENTS).json()["count"] == 5
    with django_assert_max_num_queries(12):
        assert api.get(AGREEMENTS + "nlc-lsc-cstm-2021/").status_code == 200


def test_a_body_referring_to_a_missing_or_hidden_record_is_a_400(world, api):
    api.force_authenticate(world["editor_a"])
    for agreement in ("nope", "b-c-draft"):
        response = api.post(
            "/api/v1/commitments/",
            {"agreement": agreement, "text": {"en": "x"}, "category": "exhibitions"},
            format="json",
        )
        assert response.status_code == 400
        assert _errors(response) == {
            ("agreement", f"“{agreement}” does not exist or is not visible to you.")
        }
    response = api.post(
        "/api/v1/measurements/",
        {"indicator": 99999, "measured_on": "2021-01-01", "value": "1"},
        format="json",
    )
    assert _errors(response) == {("indicator", "“99999” does not exist or is not visible to you.")}


@pytest.mark.parametrize(
    ("query", "field"),
    [({"year": "abc"}, "year"), ({"kind": "treaty"}, "kind"), ({"status": "lost"}, "status")],
)
def test_malformed_filters_are_a_400_not_ignored(world, api, query, field):
    response = api.get(AGREEMENTS, query)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]
    response = api.get("/api/v1/measurements/", {"indicator": "-1"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "indicator"
