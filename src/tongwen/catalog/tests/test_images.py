"""The image store: what it accepts, what it refuses, and that a refusal leaves nothing."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from tongwen.catalog import images, services
from tongwen.catalog.iiif.image import DerivativeCache
from tongwen.catalog.models import DigitalObject, Resource
from tongwen.common.actors import SYSTEM
from tongwen.common.models import ChangeRecord

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def store(settings, tmp_path: Path) -> Path:
    settings.TONGWEN_IMAGE_ROOT = tmp_path / "images"
    settings.TONGWEN_IIIF_CACHE_ROOT = tmp_path / "cache"
    return tmp_path


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def picture(fmt: str, size: tuple[int, int] = (64, 48), noise: bool = False) -> bytes:
    image = (
        Image.effect_noise(size, 60).convert("RGB")
        if noise
        else Image.new("RGB", size, (200, 30, 40))
    )
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = 50_000, height: int = 50_000) -> bytes:
    """A valid PNG of a few hundred bytes whose header declares ``width`` × ``height``."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 100_000, 9))
        + png_chunk(b"IEND", b"")
    )


def add(resource, data: bytes, name: str = "page.jpg", actor=SYSTEM, **extra):  # type: ignore[no-untyped-def]
    return images.image_add(
        actor=actor, resource=resource, file=io.BytesIO(data), original_name=name, **extra
    )


@pytest.mark.parametrize("backend", ["vips", "pillow"])
@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("TIFF", "image/tiff")],
)
def test_jpeg_png_and_tiff_are_stored_with_their_dimensions(
    collection, settings, store, backend, fmt, media_type
):
    settings.TONGWEN_IIIF_BACKEND = backend
    resource = collection["public"]
    before = Resource.objects.get(pk=resource.pk).modified_at
    data = picture(fmt, (300, 200))
    image = add(resource, data, f"scan.{fmt.lower()}", label={"en": "Leaf 1"})
    image.refresh_from_db()
    assert (image.width, image.height, image.media_type) == (300, 200, media_type)
    assert image.byte_size == len(data)
    assert image.sha256 == hashlib.sha256(data).hexdigest()
    assert image.original_name == f"scan.{fmt.lower()}"
    assert image.label == {"en": "Leaf 1"}
    assert image.order == 0
    master = images.master_path(image)
    assert master.is_file()
    assert master.parent == store / "images" / image.iiif_id[:2] / image.iiif_id[2:4]
    with Image.open(master) as stored:
        assert stored.size == (300, 200)
    # Only the master is left: no temporary file.
    assert files_under(store / "images") == [master]
    assert Resource.objects.get(pk=resource.pk).modified_at > before
    record = ChangeRecord.objects.filter(action="create", target_id=image.pk).latest("id")
    assert record.context_id == resource.pk
    assert record.changes["iiif_id"] == image.iiif_id


def test_type_comes_from_the_content_not_the_name(collection):
    image = add(collection["public"], picture("PNG"), "C:\\scans\\photo.jpg")
    assert image.media_type == "image/png"
    assert image.original_name == "photo.jpg"


def test_images_go_last_unless_placed(collection):
    resource = collection["public"]
    first = add(resource, picture("PNG"))
    second = add(resource, picture("PNG"))
    front = add(resource, picture("PNG"), order=0)
    order = list(resource.images.order_by("order").values_list("iiif_id", flat=True))
    assert order == [front.iiif_id, first.iiif_id, second.iiif_id]
    assert list(resource.images.order_by("order").values_list("order", flat=True)) == [0, 1, 2]


def _truncated(fmt: str) -> bytes:
    data = picture(fmt, (256, 256), noise=True)
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Just some text, not an image.\n", "The file is not a JPEG, PNG or TIFF image."),
        (b"", "The file is not a JPEG, PNG or TIFF image."),
        (picture("GIF"), "The file is not a JPEG, PNG or TIFF image."),
        (_truncated("JPEG"), "The image file is damaged or incomplete."),
        (_truncated("PNG"), "The image file is damaged or incomplete."),
        (_truncated("TIFF"), "The image file is damaged or incomplete."),
        (b"\xff\xd8\xff" + b"\0" * 200, "The image file is damaged or incomplete."),
        (bomb_png(), "The image is 50000 × 50000 pixels; the limit is 400 megapixels."),
    ],
    ids=["text", "empty", "gif", "jpeg-cut", "png-cut", "tiff-cut", "jpeg-junk", "bomb"],
)
def test_refused_uploads_leave_nothing_behind(collection, store, data, message):
    resource = collection["public"]
    before = ChangeRecord.objects.count()
    with pytest.raises(ValidationError) as error:
        add(resource, data)
    assert error.value.message_dict == {"file": [message]}
    assert files_under(store / "images") == []
    assert not DigitalObject.objects.exists()
    assert ChangeRecord.objects.count() == before


def test_the_bomb_is_refused_quickly_and_below_pillows_own_limit(collection, settings, store):
    import time

    data = bomb_png(12_000, 12_000)  # 144 MP: under Pillow's error limit, over ours
    settings.TONGWEN_IMAGE_MAX_PIXELS = 100 * 10**6
    started = time.monotonic()
    with pytest.raises(ValidationError) as error:
        add(collection["public"], data)
    assert time.monotonic() - started < 1
    assert error.value.message_dict == {
        "file": ["The image is 12000 × 12000 pixels; the limit is 100 megapixels."]
    }
    assert files_under(store / "images") == []


@pytest.mark.parametrize("backend", ["vips", "pillow"])
def test_pillows_own_bomb_guard_becomes_a_clear_error(
    collection, settings, store, monkeypatch, backend
):
    """With the Pillow engine, Pillow's global guard applies on top of ours; what it refuses is
    reported, what it only warns about (above its limit, below twice it) is accepted."""
    settings.TONGWEN_IIIF_BACKEND = backend
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    accepted = add(collection["public"], picture("PNG", (40, 40)))  # 1600: Pillow only warns
    assert (accepted.width, accepted.height) == (40, 40)
    if backend == "pillow":
        with pytest.raises(ValidationError) as error:
            add(collection["public"], picture("PNG", (64, 48)))  # 3072: Pillow refuses
        assert error.value.message_dict == {"file": ["The image is too large to process safely."]}
    assert files_under(store / "images") == [images.master_path(accepted)]


def test_upload_size_limit_is_enforced_while_streaming(collection, settings, store):
    settings.TONGWEN_UPLOAD_MAX_BYTES = 2048
    data = picture("PNG", (200, 200), noise=True)
    assert len(data) > 2048
    with pytest.raises(ValidationError) as error:
        add(collection["public"], data)
    assert error.value.message_dict == {"file": ["The file is larger than 2 KB."]}
    assert files_under(store / "images") == []
    assert not DigitalObject.objects.exists()


def test_editor_of_another_institution_may_not_add(collection, store):
    with pytest.raises(PermissionDenied):
        add(collection["public"], picture("PNG"), actor=collection["editor_a"])
    with pytest.raises(PermissionDenied):
        add(collection["public"], picture("PNG"), actor=collection["viewer_b"])
    assert files_under(store / "images") == []
    image = add(collection["public"], picture("PNG"), actor=collection["editor_b"])
    assert image.resource == collection["public"]


def test_a_failure_after_the_master_was_written_removes_it(collection, store):
    stale = Resource.objects.get(pk=collection["public"].pk)
    services.resource_delete(actor=SYSTEM, resource=collection["public"])
    with pytest.raises(ValidationError) as error:
        add(stale, picture("JPEG"))
    assert error.value.messages == ["This resource has been deleted; its images cannot be changed."]
    assert files_under(store / "images") == []
    assert not DigitalObject.objects.exists()


def test_bad_label_is_refused_before_anything_is_written(collection, store):
    with pytest.raises(ValidationError) as error:
        add(collection["public"], picture("PNG"), label={"not a tag!": "x"})
    assert list(error.value.message_dict) == ["label"]
    assert files_under(store / "images") == []


def test_delete_removes_the_row_and_its_files_after_commit(
    collection, store, django_capture_on_commit_callbacks
):
    resource = collection["public"]
    keep = add(resource, picture("PNG"))
    doomed = add(resource, picture("JPEG"), order=0)
    cache = DerivativeCache(store / "cache")
    cache.put(doomed.iiif_id, "full/max/0/default.jpg", b"derivative")
    cache.put(keep.iiif_id, "full/max/0/default.jpg", b"kept")
    with django_capture_on_commit_callbacks(execute=True):
        images.image_delete(actor=collection["editor_b"], image=doomed)
    assert not DigitalObject.objects.filter(pk=doomed.pk).exists()
    assert not images.master_path(doomed).exists()
    assert cache.get(doomed.iiif_id, "full/max/0/default.jpg") is None
    assert cache.get(keep.iiif_id, "full/max/0/default.jpg") == b"kept"
    keep.refresh_from_db()
    assert keep.order == 0
    assert images.master_path(keep).exists()
    assert ChangeRecord.objects.filter(action="delete", target_id=doomed.pk).exists()


def test_delete_by_an_outsider_is_refused(collection):
    image = add(collection["public"], picture("PNG"))
    with pytest.raises(PermissionDenied):
        images.image_delete(actor=collection["editor_a"], image=image)
    assert images.master_path(image).exists()


def test_withdrawing_a_resource_discards_its_images(
    collection, store, django_capture_on_commit_callbacks
):
    resource = collection["public"]
    one, two = add(resource, picture("PNG")), add(resource, picture("JPEG"))
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_delete(actor=SYSTEM, resource=resource)
    assert not DigitalObject.objects.filter(pk__in=[one.pk, two.pk]).exists()
    assert files_under(store / "images") == []


def test_reorder(collection):
    resource = collection["public"]
    a, b, c = (add(resource, picture("PNG")) for _ in range(3))
    result = images.images_reorder(
        actor=collection["editor_b"], resource=resource, order=[c.iiif_id, a.iiif_id, b.iiif_id]
    )
    assert [i.iiif_id for i in result] == [c.iiif_id, a.iiif_id, b.iiif_id]
    stored = list(resource.images.order_by("order").values_list("iiif_id", "order"))
    assert stored == [(c.iiif_id, 0), (a.iiif_id, 1), (b.iiif_id, 2)]
    record = ChangeRecord.objects.filter(action="update", target_id=resource.pk).latest("id")
    assert record.changes == {
        "images": [[a.iiif_id, b.iiif_id, c.iiif_id], [c.iiif_id, a.iiif_id, b.iiif_id]]
    }
    for wrong in ([c.iiif_id, a.iiif_id], [c.iiif_id, a.iiif_id, a.iiif_id], [*stored, "x"]):
        with pytest.raises(ValidationError) as error:
            images.images_reorder(actor=SYSTEM, resource=resource, order=wrong)  # type: ignore[arg-type]
        assert error.value.message_dict == {
            "order": ["List each image of this resource exactly once."]
        }
    with pytest.raises(PermissionDenied):
        images.images_reorder(
            actor=collection["editor_a"], resource=resource, order=[a.iiif_id, b.iiif_id, c.iiif_id]
        )
    assert list(resource.images.order_by("order").values_list("iiif_id", flat=True)) == [
        c.iiif_id,
        a.iiif_id,
        b.iiif_id,
    ]


def test_update_label(collection):
    image = add(collection["public"], picture("PNG"))
    updated = images.image_update(actor=SYSTEM, image=image, label={"zh-Hant": "第一"})
    assert updated.label == {"zh-Hant": "第一", "zh-Latn-pinyin": "dì yī"}
    image.refresh_from_db()
    assert image.label["zh-Hant"] == "第一"
    with pytest.raises(PermissionDenied):
        images.image_update(actor=collection["editor_a"], image=image, label={"en": "x"})
