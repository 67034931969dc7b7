"""The demo collection: true facts about real works, every record marked as a sample, sample
images on disk, ties to the agreements that support them, and a loader that adds nothing the
second time. Images are drawn at a tenth of their size to keep the suite fast."""

from __future__ import annotations

import io
import re
from importlib import resources
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from PIL import Image

from tongwen.agreements.demo import data as agreements_data
from tongwen.agreements.demo.loader import load_demo
from tongwen.catalog import images, periods, permissions
from tongwen.catalog.demo import data, loader, pictures
from tongwen.catalog.models import DigitalObject, Resource, Rights, SharingGrant
from tongwen.common.models import ChangeRecord
from tongwen.conftest import make_user

SCALE = 0.1


@pytest.fixture(autouse=True)
def _image_store(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TONGWEN_IMAGE_ROOT = tmp_path / "images"
    settings.TONGWEN_IIIF_CACHE_ROOT = tmp_path / "iiif-cache"


def _masters(settings: Any) -> list[str]:
    return sorted(p.name for p in settings.TONGWEN_IMAGE_ROOT.rglob("*.tif"))


def _totals() -> tuple[int, int, int]:
    return Resource.objects.count(), DigitalObject.objects.count(), SharingGrant.objects.count()


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    load_demo()
    return loader.load_catalog_demo(image_scale=SCALE)


# The data itself (no database) ---------------------------------------------------------------


def _source(key: str) -> str:
    text = (
        resources.files("tongwen.agreements.demo") / "sources" / agreements_data.SOURCES[key]
    ).read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", text)


def test_every_tie_quotes_its_source_verbatim():
    initiatives = {row["key"]: row["agreement"] for row in agreements_data.INITIATIVES}
    agreements = {row["key"] for row in agreements_data.AGREEMENTS}
    for key, link in data.LINKS.items():
        assert link["evidence"] in _source(link["source"]), key
        assert link["agreement"] in agreements, key
        if link["initiative"]:
            assert initiatives[link["initiative"]] == link["agreement"], key
    used = {key for row in data.RESOURCES for key in row["links"]}
    assert used == set(data.LINKS)


def test_the_data_spans_kinds_holders_visibilities_and_rights():
    rows = data.RESOURCES
    assert 40 <= len(rows) <= 60
    assert len({row["slug"] for row in rows}) == len(rows)
    assert len({row["kind"] for row in rows}) >= 5
    assert len({row["holder"] for row in rows}) >= 4
    assert {row["visibility"] for row in rows} == set(Resource.Visibility.values)
    rights = {row["rights"] for row in rows}
    assert {Rights.PDM, Rights.CC_BY} <= rights
    assert len(rights) >= 4
    for row in rows:
        assert 1 <= row["pictures"]["count"] <= 6, row["slug"]
        assert 1500 <= max(row["pictures"]["size"]) <= 4000, row["slug"]
        for creator in row.get("creators", ()):
            assert creator["period"] == "" or creator["period"] in periods.PERIODS


def test_only_famous_holdings_are_stated_as_held():
    certain = {row["slug"] for row in data.RESOURCES if row.get("held_for_certain")}
    assert "qingming-shanghe-tu" in certain
    assert "siku-quanshu-wenjin" in certain
    assert "shiji" not in certain
    holders = {row["holder"] for row in data.RESOURCES if row.get("held_for_certain")}
    assert holders == {"dpm", "nlc"}


def test_page_labels_in_three_languages():
    assert loader.page_label("juan", 1) == {
        "zh-Hant": "第一冊 卷一",
        "zh-Hans": "第一册 卷一",
        "en": "Volume 1, juan 1",
    }
    assert loader.page_label("hui", 12)["zh-Hant"] == "第十二回"
    assert loader.page_label("section", 20)["zh-Hans"] == "第二十段"
    assert loader.page_label("sheet", 2)["en"] == "Detail 1"
    assert loader.chinese_number(99) == "九十九"
    with pytest.raises(ValueError, match="unknown label scheme 'folio'"):
        loader.page_label("folio", 1)
    with pytest.raises(ValueError, match="page labels count from 1 to 99"):
        loader.chinese_number(100)


# Pictures ------------------------------------------------------------------------------------


@pytest.mark.parametrize("style", sorted(pictures.STYLES))
def test_pictures_are_deterministic_jpegs_of_the_asked_size(style):
    first = pictures.render(style, seed="shiji:1", size=(1600, 1100), scale=0.25)
    again = pictures.render(style, seed="shiji:1", size=(1600, 1100), scale=0.25)
    other = pictures.render(style, seed="shiji:2", size=(1600, 1100), scale=0.25)
    assert first == again
    assert first.data != other.data
    assert (first.width, first.height) == (400, 275)
    with Image.open(io.BytesIO(first.data)) as image:
        assert (image.format, image.size) == ("JPEG", (400, 275))


def test_the_stamp_needs_no_installed_font(monkeypatch):
    monkeypatch.setattr(pictures, "cjk_font_path", lambda: None)
    assert pictures.stamp_text() == "SAMPLE IMAGE"
    picture = pictures.render("book_page", seed="x", size=(1600, 1100), scale=0.25)
    assert picture.width == 400


def test_the_stamp_is_in_the_corner_in_red():
    picture = pictures.render("rubbing", seed="x", size=(1000, 1700), scale=0.5)
    with Image.open(io.BytesIO(picture.data)) as image:
        w, h = image.size
        corner = image.convert("RGB").crop((0, int(h * 0.85), int(w * 0.5), h))
        reds = [
            pixel
            for pixel in corner.getdata()
            if pixel[0] > 150 and pixel[1] < 80 and pixel[2] < 80
        ]
        assert len(reds) > 200


def test_bad_picture_requests_are_refused():
    with pytest.raises(ValueError, match="unknown picture style 'fresco'"):
        pictures.render("fresco", seed="x", size=(1500, 1000))
    with pytest.raises(ValueError, match="scale must be in"):
        pictures.render("panel", seed="x", size=(1500, 1000), scale=1.5)


# Loading ---------------------------------------------------------------------------------------


def test_loading_twice_adds_nothing_and_keeps_images_on_disk(demo, settings, capsys):
    expected_images = sum(row["pictures"]["count"] for row in data.RESOURCES)
    assert demo == {
        "resources": len(data.RESOURCES),
        "images": expected_images,
        "grants": len(data.GRANTS),
    }
    before = (_totals(), _masters(settings), ChangeRecord.objects.count())
    assert loader.load_catalog_demo(image_scale=SCALE) == {
        "resources": 0,
        "images": 0,
        "grants": 0,
    }
    assert (_totals(), _masters(settings), ChangeRecord.objects.count()) == before
    # The command loads the programs too (new here); the collection it leaves as it was.
    call_command("load_demo", image_scale=SCALE)
    assert "0 resources, 0 images and 0 sharing grants added." in capsys.readouterr().out
    assert (_totals(), _masters(settings)) == before[:2]
    assert before[0] == (len(data.RESOURCES), expected_images, len(data.GRANTS))
    assert len(before[1]) == expected_images
    specs = {row["slug"]: row["pictures"] for row in data.RESOURCES}
    for image in DigitalObject.objects.select_related("resource"):
        slug = image.resource.slug
        with Image.open(images.master_path(image)) as master:
            assert master.size == (image.width, image.height), slug
        assert (image.width, image.height) == pictures.scaled_size(specs[slug]["size"], SCALE)
        assert image.media_type == "image/jpeg"
        assert image.original_name.startswith(slug)


#: (slug, juan, first creator, their period, year of the sample print or None)
CLASSICS = [
    ("hanshu", 100, "班固", "eastern-han", None),
    ("zizhi-tongjian", 294, "司馬光", "northern-song", None),
    ("bencao-gangmu", 52, "李時珍", "ming", 1593),
    ("tiangong-kaiwu", 3, "宋應星", "ming", 1637),
    ("shuijingzhu", 40, "酈道元", "northern-wei", 1774),
    ("mengxi-bitan", 26, "沈括", "northern-song", None),
    ("qimin-yaoshu", 10, "賈思勰", "northern-wei", None),
    ("shanghan-lun", 10, "張仲景", "eastern-han", 1599),
    ("luoyang-qielan-ji", 5, "楊衒之", "eastern-wei", None),
    ("yingzao-fashi", 34, "李誡", "northern-song", None),
]


def test_records_are_true_marked_samples_tied_to_their_agreements(demo):
    numbers = set()
    for resource in Resource.objects.select_related("holder"):
        assert resource.holder.slug in {"nlc", "dpm", "cstm", "pkpm", "cflb"}
        assert resource.rights in Rights.values
        assert resource.call_number.startswith("SAMPLE-"), resource.slug
        numbers.add(resource.call_number)
        for tag, marker in data.SAMPLE_MARKERS.items():
            assert marker in resource.description[tag], (resource.slug, tag)
        assert resource.images.exists(), resource.slug
    assert len(numbers) == len(data.RESOURCES)

    shiji = Resource.objects.get(slug="shiji")
    assert shiji.title["zh-Hant"] == "史記"
    assert shiji.title["zh-Hans"] == "史记"
    assert shiji.title["en"] == "Records of the Grand Historian"
    assert shiji.extent_juan == 130
    assert [(c.name["zh-Hant"], c.role, c.period) for c in shiji.creators.all()] == [
        ("司馬遷", "author", "western-han")
    ]
    assert (shiji.date_written, shiji.year_from, shiji.year_to) == ("清乾隆四十年", 1775, 1775)
    assert shiji.period == "qing"
    assert shiji.viewing_direction == Resource.ViewingDirection.RIGHT_TO_LEFT
    assert shiji.call_number == "SAMPLE-0001"
    assert data.SAMPLE_NOTE["en"] in shiji.description["en"]
    labels = [image.label["zh-Hant"] for image in shiji.images.order_by("order")]
    assert labels == ["第一冊 卷一", "第一冊 卷二", "第一冊 卷三"]
    assert list(shiji.agreements.values_list("slug", flat=True)) == ["nlc-bpg-2021"]

    for slug, juan, creator, period, year in CLASSICS:
        resource = Resource.objects.get(slug=slug)
        first = resource.creators.order_by("order").first()
        assert first is not None
        assert (resource.extent_juan, first.name["zh-Hant"], first.period) == (
            juan,
            creator,
            period,
        ), slug
        if year is not None:
            assert resource.year_from == resource.year_to == year, slug

    qingming = Resource.objects.get(slug="qingming-shanghe-tu")
    assert qingming.holder.slug == "dpm"
    assert qingming.dimensions == "24.8 × 528.7 cm"
    assert qingming.creators.get().name["zh-Hant"] == "張擇端"
    assert "held by the Palace Museum" in qingming.description["en"]
    assert data.HELD_NOTE["en"] in qingming.description["en"]
    assert list(qingming.initiatives.values_list("slug", flat=True)) == [
        "going-global-traditional-culture"
    ]
    assert Resource.objects.get(slug="qianli-jiangshan-tu").year_from == 1113
    panel = Resource.objects.get(slug="zhang-heng-seismoscope-panel")
    assert list(panel.initiatives.values_list("slug", flat=True)) == [
        "lsc-cstm-tour-exhibition-14fyp"
    ]
    bencao = Resource.objects.get(slug="bencao-gangmu")
    assert sorted(bencao.agreements.values_list("slug", flat=True)) == [
        "nlc-lsc-cstm-2021",
        "nlc-shftz-2018",
    ]

    # The grants give partners what the public does not get.
    grant = SharingGrant.objects.get(grantor__slug="nlc")
    assert (grant.grantee.slug, grant.agreement.slug) == ("bpg", "nlc-bpg-2021")
    assert (grant.can_download, grant.can_derive, grant.can_use_commercially) == (
        True,
        True,
        False,
    )
    private = Resource.objects.get(slug="rixia-jiuwen-kao")
    assert private.visibility == Resource.Visibility.PRIVATE
    bpg_editor = make_user("bpg-editor", grant.grantee)
    outsider = make_user("outsider")
    assert permissions.resource_access(bpg_editor, private) == permissions.Access(
        view=True, download=True, derive=True, commercial=False
    )
    assert permissions.resource_access(outsider, private) == permissions.NONE
    painting = Resource.objects.get(slug="lanting-xu-shenlong")
    cflb_editor = make_user("cflb-editor", SharingGrant.objects.get(grantor__slug="dpm").grantee)
    assert permissions.resource_access(outsider, painting).download is False
    assert permissions.resource_access(cflb_editor, painting).download is True


# Failures leave nothing behind -------------------------------------------------------------------


def test_without_the_agreements_demo_nothing_is_written(db, settings):
    with pytest.raises(LookupError, match="Load the agreements demo first; missing institutions"):
        loader.load_catalog_demo(image_scale=SCALE)
    assert _totals() == (0, 0, 0)
    assert _masters(settings) == []


def test_a_bad_scale_is_refused_before_anything_is_written(db, settings):
    load_demo()
    with pytest.raises(ValueError, match="image_scale must be in"):
        loader.load_catalog_demo(image_scale=0)
    assert _totals() == (0, 0, 0)


def test_a_failing_image_rolls_its_resource_back_and_removes_its_files(db, settings, monkeypatch):
    """An image of the second resource, after one was stored, is over the upload limit: the
    first resource stays whole, the second leaves neither rows nor files."""
    load_demo()
    first = data.RESOURCES[0]
    first_sizes = [len(loader._draw(first, n, SCALE).data) for n in (1, 2, 3)]
    for second in data.RESOURCES[1:]:  # one whose second image is its largest and the largest
        if second["pictures"]["count"] < 2:
            continue
        sizes = [len(loader._draw(second, n, SCALE).data) for n in (1, 2)]
        if sizes[0] < sizes[1] and max(first_sizes) < sizes[1]:
            break
    else:
        pytest.fail("no resource fits the test")
    settings.TONGWEN_UPLOAD_MAX_BYTES = sizes[1] - 1
    monkeypatch.setattr(data, "RESOURCES", [first, second])
    with pytest.raises(ValidationError) as raised:
        loader.load_catalog_demo(image_scale=SCALE)
    assert raised.value.message_dict["file"][0].startswith("The file is larger than")
    assert list(Resource.objects.values_list("slug", flat=True)) == [first["slug"]]
    assert DigitalObject.objects.count() == first["pictures"]["count"]
    assert len(_masters(settings)) == first["pictures"]["count"]
    assert not list(settings.TONGWEN_IMAGE_ROOT.rglob("*.upload"))
    assert not list(settings.TONGWEN_IMAGE_ROOT.rglob("*.partial"))
