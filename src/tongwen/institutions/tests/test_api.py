import pytest

from tongwen.conftest import make_institution, make_user
from tongwen.institutions.models import Institution

pytestmark = pytest.mark.django_db


def test_institutions_are_public_with_division_labels(api):
    make_institution("deqing-lib", "Deqing County Library", division_code="330521")
    body = api.get("/api/v1/institutions/deqing-lib/").json()
    assert body["division"]["zh-Hans"] == "浙江省湖州市德清县"
    assert body["name"] == {"en": "Deqing County Library"}


def test_only_editors_create_institutions(api):
    home = make_institution("home", "Home Library")
    body = {"slug": "partner", "name": {"zh-Hans": "中国科学技术馆"}, "kind": "science_museum"}
    assert api.post("/api/v1/institutions/", body, format="json").status_code == 403
    api.force_authenticate(make_user("viewer", home, "viewer"))
    assert api.post("/api/v1/institutions/", body, format="json").status_code == 403
    api.force_authenticate(make_user("editor", home, "editor"))
    response = api.post("/api/v1/institutions/", body, format="json")
    assert response.status_code == 201
    assert response.json()["name"]["zh-Latn-pinyin"] == "zhōng guó kē xué jì shù guǎn"


def test_institution_bad_input(api):
    api.force_authenticate(make_user("editor", make_institution("home", "Home"), "editor"))
    response = api.post(
        "/api/v1/institutions/",
        {"slug": "x", "name": {"en": "X"}, "kind": "spaceport", "division_code": "999999"},
        format="json",
    )
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"kind", "division_code"}
    assert not Institution.objects.filter(slug="x").exists()


def test_only_institution_admins_edit_it(api):
    home = make_institution("home", "Home")
    api.force_authenticate(make_user("editor", home, "editor"))
    response = api.patch("/api/v1/institutions/home/", {"website": "https://x.org"}, format="json")
    assert response.status_code == 403
    api.force_authenticate(make_user("boss", home, "admin"))
    response = api.patch("/api/v1/institutions/home/", {"website": "https://x.org"}, format="json")
    assert response.status_code == 200
    assert Institution.objects.get(slug="home").website == "https://x.org"
