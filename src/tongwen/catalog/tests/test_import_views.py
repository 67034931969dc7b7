"""The import page: upload, report, save the valid rows, without uploading twice."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]  # ships no type information
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tongwen.catalog.import_views import SESSION_KEY
from tongwen.catalog.models import Resource
from tongwen.catalog.tests.test_importing import csv_bytes

pytestmark = pytest.mark.django_db

URL = "/workspace/collection/import/"
ROWS = [
    ["slug", "kind", "title_en", "rights"],
    ["one", "text", "One", "PDM"],
    ["two", "scroll", "Two", "PDM"],
    ["three", "text", "Three", "CC0"],
]


@pytest.fixture(autouse=True)
def english(client: Client) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    return tmp_path


def kept_files(data_dir: Path) -> list[Path]:
    directory = data_dir / "import-uploads"
    return sorted(directory.iterdir()) if directory.exists() else []


def upload(client: Client, holder, rows, action: str, name: str = "list.csv"):  # type: ignore[no-untyped-def]
    return client.post(
        URL,
        {"holder": holder.pk, "file": SimpleUploadedFile(name, csv_bytes(rows)), "action": action},
    )


def problem_rows(response) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    return [(p.row, p.column, p.message) for p in response.context["report"].problems]


def test_page_needs_login_and_an_editing_membership(world, client: Client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(world["viewer_b"])
    assert client.get(URL).status_code == 403
    client.force_login(world["editor_a"])
    response = client.get(URL)
    assert response.status_code == 200
    holders = list(response.context["form"].fields["holder"].queryset)
    assert holders == [world["a"]]
    assert "Check the file" in response.content.decode()


def test_import_with_a_bad_row_saves_nothing_then_the_valid_rows(world, client, data_dir):
    client.force_login(world["editor_a"])
    response = upload(client, world["a"], ROWS, "import")
    assert response.status_code == 200
    assert problem_rows(response) == [(3, "kind", "“scroll” is not a known kind.")]
    page = response.content.decode()
    assert "Nothing was saved." in page
    assert "<td>3</td>" in page and "“scroll” is not a known kind." in page
    assert "Save the valid rows only" in page
    assert not Resource.objects.exists()
    token = response.context["upload"]
    assert len(kept_files(data_dir)) == 1

    response = client.post(URL, {"upload": token, "action": "import-valid"})
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.created, report.invalid, report.saved) == (2, 1, True)
    assert sorted(Resource.objects.values_list("slug", flat=True)) == ["one", "three"]
    assert {r.holder_id for r in Resource.objects.all()} == {world["a"].pk}
    # Saved: the kept file is gone and cannot be imported twice.
    assert kept_files(data_dir) == []
    assert client.session[SESSION_KEY] == {}
    response = client.post(URL, {"upload": token, "action": "import-valid"})
    assert response.status_code == 400
    assert response.context["error"] == (
        "The uploaded file is no longer available; upload it again."
    )


def test_an_unknown_action_saves_nothing(world, client: Client):
    client.force_login(world["editor_a"])
    response = upload(client, world["a"], [ROWS[0]], "import-everything")
    assert response.status_code == 400
    assert "“import-everything” is not an action of this page." in response.content.decode()
    assert not Resource.objects.exists()


def test_check_then_import(world, client: Client, data_dir):
    client.force_login(world["editor_a"])
    rows = [ROWS[0], ROWS[1], ROWS[3]]
    response = upload(client, world["a"], rows, "check")
    report = response.context["report"]
    assert (report.ok, report.dry_run, report.created, report.saved) == (True, True, 2, False)
    assert "This was a check: nothing was saved." in response.content.decode()
    assert not Resource.objects.exists()
    response = client.post(URL, {"upload": response.context["upload"], "action": "import"})
    assert response.context["report"].saved
    assert Resource.objects.count() == 2
    assert kept_files(data_dir) == []


def test_xlsx_upload(world, client: Client):
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in ROWS[:2]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    client.force_login(world["editor_a"])
    response = client.post(
        URL,
        {
            "holder": world["a"].pk,
            "file": SimpleUploadedFile("list.xlsx", out.getvalue()),
            "action": "import",
        },
    )
    assert response.context["report"].created == 1
    assert Resource.objects.get().slug == "one"


def test_holder_must_be_one_the_user_edits(world, client: Client):
    client.force_login(world["editor_a"])
    response = client.post(
        URL,
        {
            "holder": world["b"].pk,
            "file": SimpleUploadedFile("a.csv", b"slug\n"),
            "action": "import",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["holder"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert not Resource.objects.exists()


def test_another_session_cannot_use_the_upload(world, client: Client):
    client.force_login(world["editor_a"])
    token = upload(client, world["a"], ROWS, "check").context["upload"]
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    other.force_login(world["editor_a"])
    response = other.post(URL, {"upload": token, "action": "import-valid"})
    assert response.status_code == 400
    assert not Resource.objects.exists()


def test_a_file_over_the_limit_is_reported_and_not_kept(world, client, settings, data_dir):
    settings.TONGWEN_UPLOAD_MAX_BYTES = 20
    client.force_login(world["editor_a"])
    response = upload(client, world["a"], ROWS, "import")
    assert problem_rows(response) == [(0, "", "The file is larger than 20 bytes.")]
    assert kept_files(data_dir) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_templates_download(world, client: Client, fmt):
    client.force_login(world["editor_a"])
    response = client.get(f"{URL}template.{fmt}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="tongwen-resources.{fmt}"'
    if fmt == "csv":
        assert response.content.startswith("\ufeffslug,kind,title_zh_hant".encode())
        assert "sample-shiji" in response.content.decode("utf-8-sig")
    else:
        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        book.close()
        assert rows[0][:3] == ("slug", "kind", "title_zh_hant")
        assert rows[1][0] == "sample-shiji"
    assert client.get(f"{URL}template.xls").status_code == 404
