"""Bulk import from CSV and XLSX: every row through the real services, every problem reported
as (row, column, message), all or nothing unless the valid rows are asked for."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]  # ships no type information
import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from tongwen.catalog import importing, services
from tongwen.catalog.importing import ImportProblem, import_resources
from tongwen.catalog.models import Resource, Rights
from tongwen.common.actors import SYSTEM
from tongwen.common.models import ChangeRecord

pytestmark = pytest.mark.django_db

HEADER = [
    "slug",
    "kind",
    "title_zh_hant",
    "title_en",
    "creators",
    "date_written",
    "year_from",
    "year_to",
    "period",
    "edition",
    "extent_juan",
    "extent_volumes",
    "extent_pages",
    "subjects",
    "languages",
    "script",
    "call_number",
    "identifiers",
    "description_en",
    "rights",
    "visibility",
    "agreements",
    "initiatives",
]
SHIJI = [
    "shiji-1739",
    "ancient_book",
    "史記",
    "Records of the Grand Historian",
    "司馬遷 | en:Sima Qian (author, western-han); 裴駰 (commentator, 劉宋)",
    "清乾隆四年",
    "",
    "",
    "",
    "woodblock print",
    "130",
    "24",
    "",
    "史部; 紀傳類",
    "lzh",
    "Hant",
    "SB/990.1",
    "isbn:9787101003048；local:SJ-1739",
    "Palace edition.",
    "PDM",
    "public",
    "a-b",
    "",
]
RUBBING = [
    "caoquan",
    "Rubbing",
    "曹全碑",
    "",
    "",
    "",
    "185",
    "",
    "Eastern Han",
    "rubbing",
    "",
    "1",
    "2",
    "碑帖",
    "lzh, zh",
    "",
    "",
    "",
    "",
    "CC BY 4.0",
    "partners",
    "",
    "",
]


def csv_bytes(
    rows: Sequence[Sequence[Any]], encoding: str = "utf-8", delimiter: str = ","
) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(holder, data: bytes, filename: str = "resources.csv", actor=SYSTEM, **options):  # type: ignore[no-untyped-def]
    return import_resources(
        actor=actor, holder=holder, file=io.BytesIO(data), filename=filename, **options
    )


def problems(report) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    return [(p.row, p.column, p.message) for p in report.problems]


def test_csv_creates_resources_with_every_column_read(world):
    before = ChangeRecord.objects.count()
    report = run(world["a"], csv_bytes([HEADER, SHIJI, RUBBING]), actor=world["editor_a"])
    assert problems(report) == []
    assert (report.rows, report.created, report.updated, report.unchanged) == (2, 2, 0, 0)
    assert report.saved and report.ok
    shiji = Resource.objects.get(slug="shiji-1739")
    assert shiji.holder == world["a"]
    assert shiji.kind == "ancient_book"
    assert shiji.title == {
        "zh-Hant": "史記",
        "en": "Records of the Grand Historian",
        "zh-Latn-pinyin": "shǐ jì",
    }
    creators = [(c.name, c.role, c.period) for c in shiji.creators.order_by("order")]
    assert creators == [
        (
            {"zh-Hant": "司馬遷", "en": "Sima Qian", "zh-Latn-pinyin": "sī mǎ qiān"},
            "author",
            "western-han",
        ),
        ({"zh-Hant": "裴駰", "zh-Latn-pinyin": "péi yīn"}, "commentator", "liu-song"),
    ]
    assert (shiji.date_written, shiji.year_from, shiji.year_to, shiji.period) == (
        "清乾隆四年",
        1739,
        1739,
        "qing",
    )
    assert shiji.edition == "woodblock"
    assert (shiji.extent_juan, shiji.extent_volumes, shiji.extent_pages) == (130, 24, None)
    assert shiji.subjects == ["史部", "紀傳類"]
    assert shiji.languages == ["lzh"]
    assert shiji.script == "Hant"
    assert shiji.call_number == "SB/990.1"
    assert shiji.identifiers == [
        {"scheme": "isbn", "value": "9787101003048"},
        {"scheme": "local", "value": "SJ-1739"},
    ]
    assert shiji.description == {"en": "Palace edition."}
    assert shiji.rights == Rights.PDM
    assert shiji.visibility == "public"
    assert list(shiji.agreements.values_list("slug", flat=True)) == ["a-b"]
    assert shiji.viewing_direction == "right-to-left"

    rubbing = Resource.objects.get(slug="caoquan")
    assert (rubbing.kind, rubbing.year_from, rubbing.year_to, rubbing.period) == (
        "rubbing",
        185,
        185,
        "eastern-han",
    )
    assert rubbing.rights == Rights.CC_BY
    assert rubbing.visibility == "partners"
    assert rubbing.languages == ["lzh", "zh"]
    assert rubbing.creators.count() == 0
    # Each created resource is recorded in the history, with the importing user as actor.
    records = ChangeRecord.objects.order_by("id")[before:]
    created = [r for r in records if r.action == ChangeRecord.Action.CREATE]
    assert sorted(r.target_id for r in created) == [shiji.pk, rubbing.pk]
    assert {r.actor for r in created} == {world["editor_a"]}


def test_xlsx_with_numbers_and_blank_rows_imports_the_same(world):
    shiji: list[Any] = [130 if v == "130" else v for v in SHIJI]
    shiji[HEADER.index("extent_volumes")] = 24.0  # Excel stores numbers as floats
    data = xlsx_bytes([HEADER, shiji, [None] * 5, RUBBING])
    report = run(world["a"], data, "Resources.XLSX")
    assert problems(report) == []
    assert (report.rows, report.created) == (2, 2)
    shiji_resource = Resource.objects.get(slug="shiji-1739")
    assert (shiji_resource.extent_juan, shiji_resource.extent_volumes) == (130, 24)
    assert shiji_resource.title["zh-Hant"] == "史記"
    assert Resource.objects.get(slug="caoquan").year_from == 185


@pytest.mark.parametrize(
    ("headers", "title_tag", "description_tag"),
    [
        (
            ["标识", "类型", "题名", "英文题名", "责任者", "年代", "权利声明", "可见范围", "简介"],
            "zh-Hans",
            "zh-Hans",
        ),
        (
            ["標識", "類型", "題名", "英文題名", "責任者", "年代", "權利聲明", "可見範圍", "簡介"],
            "zh-Hant",
            "zh-Hant",
        ),
    ],
)
def test_chinese_headers_in_either_script(world, headers, title_tag, description_tag):
    row = [
        "hongloumeng",
        "ancient_book",
        "红楼梦",
        "Dream of the Red Chamber",
        "曹雪芹 (author, 清)",
        "清乾隆五十六年",
        "InC",
        "private",
        "程甲本",
    ]
    report = run(world["b"], csv_bytes([headers, row]))
    assert problems(report) == []
    resource = Resource.objects.get(slug="hongloumeng")
    assert resource.title[title_tag] == "红楼梦"
    assert resource.title["en"] == "Dream of the Red Chamber"
    assert resource.description == {description_tag: "程甲本", "zh-Latn-pinyin": "chéng jiǎ běn"}
    assert resource.rights == Rights.INC
    assert resource.visibility == "private"
    assert resource.year_from == 1791
    creator = resource.creators.get()
    assert (creator.name[title_tag], creator.role, creator.period) == ("曹雪芹", "author", "qing")


def test_gb18030_csv_with_semicolons(world):
    data = csv_bytes(
        [
            ["slug", "kind", "题名", "rights", "subjects"],
            ["siku", "善本", "四库全书", "PDM", "丛书；类书"],
        ],
        encoding="gb18030",
        delimiter=";",
    )
    # "善本" (rare edition) is no kind in either language: the row is refused, readably.
    report = run(world["b"], data)
    assert problems(report) == [(2, "kind", "“善本” is not a known kind.")]
    data = data.replace("善本".encode("gb18030"), "古籍".encode("gb18030"))  # the zh-Hans label
    report = run(world["b"], data)
    assert problems(report) == []
    resource = Resource.objects.get(slug="siku")
    assert resource.title["zh-Hans"] == "四库全书"
    assert resource.subjects == ["丛书", "类书"]


def test_utf8_with_bom_and_utf16_are_read(world):
    rows = [["slug", "kind", "title_zh_hans", "rights"], ["bom", "text", "标题", "CC0"]]
    report = run(world["b"], "\ufeff".encode() + csv_bytes(rows))
    assert problems(report) == []
    assert Resource.objects.get(slug="bom").rights == Rights.CC0
    rows[1][0] = "utf16"
    report = run(world["b"], csv_bytes(rows, encoding="utf-16", delimiter="\t"))
    assert problems(report) == []
    assert Resource.objects.get(slug="utf16").title["zh-Hans"] == "标题"


def test_text_in_an_unknown_encoding_is_refused(world):
    report = run(world["b"], b"slug,kind\nx,caf\xe9,\n")
    assert problems(report) == [
        (
            0,
            "",
            "The file's text encoding is neither UTF-8 nor GB18030. Save it as “CSV UTF-8” "
            "and upload it again.",
        )
    ]
    assert not report.saved


def test_every_problem_of_every_row_is_reported_and_nothing_saved(world):
    header = [
        "slug",
        "kind",
        "title_zh_hant",
        "title_en",
        "creators",
        "year_from",
        "year_to",
        "period",
        "extent_juan",
        "languages",
        "identifiers",
        "rights",
        "visibility",
        "agreements",
    ]
    rows = [
        header,
        ["good-one", "text", "好", "", "", "", "", "", "", "", "", "PDM", "", ""],
        [
            "bad-values",
            "scroll",
            "壞",
            "",
            "司馬遷 (emperor)",
            "0",
            "",
            "Atlantis",
            "x12",
            "lzh",
            "isbn",
            "CC-XYZ",
            "secret",
            "",
        ],
        [
            "bad-range",
            "text",
            "",
            "",
            "",
            "1800",
            "1700",
            "",
            "-3",
            "!!",
            "",
            "PDM",
            "",
            "nope; b-c-draft",
        ],
        ["Bad Slug!", "text", "題", "", "", "", "", "", "", "", "", "PDM", "", ""],
        ["", "text", "題", "", "", "", "", "", "", "", "", "PDM", "", ""],
        ["good-one", "text", "重", "", "", "", "", "", "", "", "", "PDM", "", ""],
        ["good-two", "text", "好", "", "", "", "", "", "", "", "", "PDM", "", "", "stray"],
    ]
    before = (Resource.objects.count(), ChangeRecord.objects.count())
    report = run(world["a"], csv_bytes(rows), actor=world["editor_a"])
    assert problems(report) == [
        (3, "kind", "“scroll” is not a known kind."),
        (3, "creators", "Creator 1: “emperor” is not a known role."),
        (3, "year_from", "There is no year 0; 1 BCE is -1."),
        (3, "period", "“Atlantis” is not a known dynasty or period."),
        (3, "extent_juan", "“x12” is not a whole number."),
        (3, "identifiers", "Write each identifier as scheme:value (got “isbn”)."),
        (3, "rights", "“CC-XYZ” is not a known rights statement."),
        (3, "visibility", "“secret” is not a known visibility."),
        (4, "title", "Give a value in at least one language."),
        (4, "year_to", "The range cannot end before it starts."),
        (4, "extent_juan", "“-3” is not a whole number."),
        (4, "languages", "“!!” is not a language tag."),
        (4, "agreements", "There is no agreement “nope”."),
        (4, "agreements", "There is no agreement “b-c-draft”."),
        (
            5,
            "slug",
            "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
        ),
        (6, "slug", "Give the resource's identifier."),
        (7, "slug", "The identifier “good-one” is already used in row 2."),
        (8, "column 15", "This value has no column heading."),
    ]
    assert (report.rows, report.invalid, report.valid) == (7, 6, 1)
    assert report.created == 1
    assert not report.saved
    assert (Resource.objects.count(), ChangeRecord.objects.count()) == before
    assert "Nothing was saved." in report.summary()


def test_valid_rows_only_saves_the_valid_rows(world):
    rows = [
        ["slug", "kind", "title_en", "rights"],
        ["one", "text", "One", "PDM"],
        ["two", "scroll", "Two", "PDM"],
        ["three", "text", "Three", "InC-EDU"],
    ]
    report = run(world["b"], csv_bytes(rows), valid_rows_only=True)
    assert problems(report) == [(3, "kind", "“scroll” is not a known kind.")]
    assert (report.created, report.invalid, report.saved) == (2, 1, True)
    assert sorted(Resource.objects.values_list("slug", flat=True)) == ["one", "three"]
    assert Resource.objects.get(slug="three").rights == Rights.INC_EDU
    assert report.summary() == (
        "3 rows: 2 new, 0 updated, 0 unchanged, 1 with problems. The valid rows were saved."
    )


def test_reimport_updates_and_counts_unchanged_rows(world):
    rows = [
        ["slug", "kind", "title_zh_hant", "title_en", "rights", "subjects"],
        ["one", "text", "一", "One", "PDM", "a"],
        ["two", "text", "二", "Two", "PDM", "b"],
    ]
    assert run(world["b"], csv_bytes(rows)).created == 2
    two = Resource.objects.get(slug="two")
    services.resource_update(actor=SYSTEM, resource=two, title={**two.title, "fr": "Deux"})
    rows[2][3] = "Second"
    rows[2][5] = "b; c"
    report = run(world["b"], csv_bytes(rows))
    assert problems(report) == []
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    two.refresh_from_db()
    # The file's languages are replaced, the others (French here) kept.
    assert two.title == {
        "zh-Hant": "二",
        "en": "Second",
        "fr": "Deux",
        "zh-Latn-pinyin": "èr",
    }
    assert two.subjects == ["b", "c"]
    update = ChangeRecord.objects.filter(action=ChangeRecord.Action.UPDATE).latest("id")
    assert update.target_id == two.pk and set(update.changes) == {"title", "subjects"}
    # A file with only some columns changes only those.
    report = run(world["b"], csv_bytes([["slug", "visibility"], ["one", "private"]]))
    assert (report.updated, problems(report)) == (1, [])
    one = Resource.objects.get(slug="one")
    assert (one.visibility, one.title["en"], one.subjects) == ("private", "One", ["a"])


def test_identifiers_of_other_holders_and_withdrawn_resources_are_refused(collection):
    services.resource_delete(actor=SYSTEM, resource=collection["partners"])
    rows = [
        ["slug", "kind", "title_en", "rights"],
        ["shiji-public", "text", "Mine", "PDM"],
        ["hanshu-partners", "text", "Back", "PDM"],
    ]
    report = run(collection["a"], csv_bytes(rows))
    assert problems(report) == [
        (2, "slug", "The identifier “shiji-public” is used by another institution."),
        (3, "slug", "The identifier “hanshu-partners” is used by another institution."),
    ]
    report = run(collection["b"], csv_bytes(rows))
    assert problems(report) == [
        (3, "slug", "The identifier “hanshu-partners” belongs to a withdrawn resource."),
    ]
    assert Resource.objects.get(slug="shiji-public").title["zh-Hant"] == "史記"


def test_dry_run_writes_nothing(world):
    before = (Resource.objects.count(), ChangeRecord.objects.count())
    report = run(world["a"], csv_bytes([HEADER, SHIJI, RUBBING]), dry_run=True)
    assert problems(report) == []
    assert (report.created, report.saved, report.dry_run) == (2, False, True)
    assert (Resource.objects.count(), ChangeRecord.objects.count()) == before
    assert report.summary().endswith("This was a check: nothing was saved.")


def test_header_problems_stop_the_import_even_for_valid_rows_only(world):
    rows = [["titel_en", "kind", "kind", "title_en"], ["x", "text", "text", "X"]]
    report = run(world["a"], csv_bytes(rows), valid_rows_only=True)
    assert problems(report) == [
        (1, "titel_en", "Unknown column."),
        (1, "kind", "Same column as “kind”."),
        (1, "slug", "The file needs a “slug” column."),
    ]
    assert (report.rows, report.invalid, report.saved) == (1, 1, False)


def test_duplicate_headers_across_languages_and_scripts(world):
    rows = [["slug", "title_zh_hant", "題名", "Title_EN", "title_en"], ["x", "a", "b", "c", "d"]]
    report = run(world["a"], csv_bytes(rows))
    assert problems(report)[:2] == [
        (1, "題名", "Same column as “title_zh_hant”."),
        (1, "title_en", "Same column as “Title_EN”."),
    ]


def test_permission_is_checked_up_front(world):
    with pytest.raises(PermissionDenied):
        run(world["b"], csv_bytes([HEADER, SHIJI]), actor=world["editor_a"])
    with pytest.raises(PermissionDenied):
        run(world["b"], csv_bytes([HEADER, SHIJI]), actor=world["viewer_b"])
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
            "Old Excel (.xls) workbooks are not supported; save it as .xlsx or CSV.",
        ),
        (
            "macro.xlsm",
            b"PK\x03\x04",
            "The workbook contains macros; save it as a plain .xlsx workbook without them.",
        ),
        ("list.txt", b"slug\n", "Upload a .csv or .xlsx file."),
        ("fake.xlsx", b"slug,kind\n", "The file is not an XLSX workbook."),
        (
            "renamed.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
            "Old Excel (.xls) workbooks are not supported; save it as .xlsx or CSV.",
        ),
        (
            "book.csv",
            b"PK\x03\x04rest",
            "This is a spreadsheet workbook, not a CSV file; name it .xlsx.",
        ),
        ("empty.csv", b"\n\n", "The file is empty."),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(world, filename, data, message):
    report = run(world["a"], data, filename)
    assert problems(report) == [(0, "", message)]
    assert not Resource.objects.exists()


def _with_extra_entry(xlsx: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr(name, data)
    return out.getvalue()


def test_xlsx_with_macros_is_refused_whatever_its_name(world):
    data = _with_extra_entry(xlsx_bytes([HEADER, SHIJI]), "xl/vbaProject.bin", b"\0" * 64)
    report = run(world["a"], data, "innocent.xlsx")
    assert problems(report) == [
        (0, "", "The workbook contains macros; save it as a plain .xlsx workbook without them.")
    ]


def test_zip_bomb_xlsx_is_refused_before_opening(world, settings):
    settings.TONGWEN_IMPORT_MAX_ROWS = 1000
    assert importing.xlsx_max_unpacked_bytes() == 64 << 20
    bomb = _with_extra_entry(xlsx_bytes([HEADER, SHIJI]), "xl/media/big.bin", b"\0" * (65 << 20))
    assert len(bomb) < 200_000
    report = run(world["a"], bomb, "bomb.xlsx")
    assert problems(report) == [
        (
            0,
            "",
            "The workbook unpacks to more than 64 MB; it cannot be imported (it may be a "
            "zip bomb).",
        )
    ]
    assert not Resource.objects.exists()


def test_size_and_row_limits(world, settings):
    settings.TONGWEN_UPLOAD_MAX_BYTES = 100
    report = run(world["a"], csv_bytes([HEADER, SHIJI]))
    assert problems(report) == [(0, "", "The file is larger than 100 bytes.")]
    settings.TONGWEN_UPLOAD_MAX_BYTES = 2**20
    settings.TONGWEN_IMPORT_MAX_ROWS = 2
    rows = [["slug", "kind", "title_en", "rights"]] + [
        [f"r{i}", "text", "T", "PDM"] for i in range(3)
    ]
    for data, name in ((csv_bytes(rows), "r.csv"), (xlsx_bytes(rows), "r.xlsx")):  # type: ignore[arg-type]
        report = run(world["a"], data, name)
        assert problems(report) == [
            (0, "", "The file has more than 2 rows; split it into smaller files.")
        ]
    assert not Resource.objects.exists()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_template_imports_as_it_is(world, kind):
    data = importing.template_csv() if kind == "csv" else importing.template_xlsx()
    report = run(world["a"], data, f"template.{kind}", dry_run=True)
    assert problems(report) == []
    assert report.created == 2
    rows = importing.template_rows()
    assert rows[0] == list(importing.TEMPLATE_COLUMNS)
    assert all("sample" in " ".join(row).lower() for row in rows[1:])


def test_a_new_row_needs_the_required_values(world):
    report = run(world["a"], csv_bytes([["slug", "kind"], ["x", "nope"]]))
    assert report.problems == [
        ImportProblem(2, "kind", "“nope” is not a known kind."),
        ImportProblem(2, "title", "Give a value in at least one language."),
        ImportProblem(2, "rights", "This field cannot be blank."),
    ]
    assert report.file_problems == []


def test_command_prints_the_report_and_fails_on_problems(world, tmp_path: Path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([HEADER, SHIJI]))
    call_command("import_resources", "inst-a", str(good), "--dry-run")
    out = capsys.readouterr().out
    assert "1 row: 1 new, 0 updated, 0 unchanged, 0 with problems." in out
    assert not Resource.objects.exists()
    call_command("import_resources", "inst-a", str(good))
    assert Resource.objects.get(slug="shiji-1739").holder == world["a"]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([["slug", "kind"], ["y", "nope"]]))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_resources", "inst-a", str(bad))
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert "2\tkind\t“nope” is not a known kind." in captured.out


def test_agreements_and_initiatives_must_be_the_holders(world):
    from tongwen.agreements import services as agreement_services

    initiative = agreement_services.initiative_create(
        actor=SYSTEM,
        agreement=world["ab"],
        slug="digitise",
        title={"en": "Digitise the rare books"},
        lead=[world["a"]],
    )
    rows = [
        ["slug", "kind", "title_en", "rights", "agreements", "initiatives"],
        ["linked", "text", "Linked", "PDM", "a-b", "digitise"],
        ["not-party", "text", "Not party", "PDM", "b-c-draft", ""],
    ]
    report = run(world["a"], csv_bytes(rows), valid_rows_only=True)
    assert problems(report) == [
        (3, "agreements", "Institution A is not party to B C Draft."),
    ]
    linked = Resource.objects.get(slug="linked")
    assert list(linked.agreements.all()) == [world["ab"]]
    assert list(linked.initiatives.all()) == [initiative]
    # Re-importing without the initiative unlinks it, and the history says so.
    rows = [rows[0], ["linked", "text", "Linked", "PDM", "a-b", ""]]
    report = run(world["a"], csv_bytes(rows))
    assert (report.updated, problems(report)) == (1, [])
    assert not linked.initiatives.exists()
    record = ChangeRecord.objects.filter(action="update", target_id=linked.pk).latest("id")
    assert record.changes == {"initiatives": [[initiative.pk], []]}


def test_an_identifier_taken_between_check_and_insert_saves_nothing(world, monkeypatch):
    make_resource = services.resource_create
    make_resource(
        actor=SYSTEM,
        holder=world["b"],
        slug="taken",
        kind="text",
        title={"en": "B's"},
        rights=Rights.PDM,
    )
    # As if another editor had created "taken" after the check read the collection.
    monkeypatch.setattr(importing, "_existing_resources", lambda slugs: {})
    rows = [
        ["slug", "kind", "title_en", "rights"],
        ["fresh", "text", "F", "PDM"],
        ["taken", "text", "A's", "PDM"],
    ]
    report = run(world["a"], csv_bytes(rows))
    assert problems(report) == [
        (
            0,
            "",
            "The collection changed during the import; nothing was saved. Import the file again.",
        )
    ]
    assert (report.created, report.saved) == (0, False)
    assert list(Resource.objects.values_list("slug", flat=True)) == ["taken"]


def test_a_thousand_rows_take_seconds(world):
    """The full path (check, bulk write, history) stays fast; 10,000 rows took 16 s here."""
    import time

    rows: list[list[str]] = [HEADER]
    for i in range(1000):
        row = list(SHIJI)
        row[0] = f"shiji-{i}"
        row[HEADER.index("identifiers")] = f"local:SJ-{i}"
        rows.append(row)
    started = time.monotonic()
    report = run(world["a"], csv_bytes(rows))
    elapsed = time.monotonic() - started
    assert (report.created, problems(report)) == (1000, [])
    assert Resource.objects.filter(holder=world["a"]).count() == 1000
    assert ChangeRecord.objects.filter(action="create").count() >= 1000
    assert elapsed < 20, elapsed
