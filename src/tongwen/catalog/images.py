"""The image store: uploads of a resource's images, checked and kept as IIIF masters.

An upload is trusted for nothing: its type is sniffed from its first bytes (JPEG, PNG and
TIFF only), its size is counted while it streams to a temporary file, its dimensions are read
from the header without decoding pixels and refused above ``TONGWEN_IMAGE_MAX_PIXELS`` (a
small file may declare a huge image: a decompression bomb), and its data is checked for
truncation before the master is written. Masters live under ``TONGWEN_IMAGE_ROOT`` at a path
sharded by the image's IIIF identifier; the IIIF engine prepares them (a tiled pyramidal TIFF
with libvips, a plain copy with Pillow).

Every write leaves nothing behind when it fails: temporary files are removed, and a master
written before a failed database write is removed again. Files of deleted images are removed
when the deleting transaction commits.

Limits: the truncation check decodes JPEG data at one eighth of its size, checks PNG chunk
checksums, and checks that every TIFF strip or tile lies inside the file; damage inside
compressed TIFF data is found only when the engine reads it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from PIL import Image, JpegImagePlugin, PngImagePlugin, TiffImagePlugin

from tongwen.catalog import permissions, services
from tongwen.catalog.iiif import image as engine
from tongwen.catalog.models import DigitalObject, Resource
from tongwen.common import history, langmap
from tongwen.common.actors import require
from tongwen.common.langmap import LanguageMap
from tongwen.common.models import ChangeRecord

#: The types the store accepts, by the media type the content was sniffed as.
ACCEPTED_TYPES = ("image/jpeg", "image/png", "image/tiff")
_HEAD_BYTES = 64
_CHUNK = 1 << 20
_INCOMING = ".incoming"
_PLUGINS: dict[str, Any] = {
    "image/jpeg": JpegImagePlugin.JpegImageFile,
    "image/png": PngImagePlugin.PngImageFile,
    "image/tiff": TiffImagePlugin.TiffImageFile,
}
_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/tiff": ".tif"}
_SNAPSHOT = ("order", "label", "original_name", "media_type", "width", "height", "sha256")


def _root() -> Path:
    return Path(settings.TONGWEN_IMAGE_ROOT)


def master_path(image: DigitalObject) -> Path:
    """Where the master of ``image`` is stored."""
    return _root() / image.master


def _relative_stem(iiif_id: str) -> str:
    # Two levels of two hex digits keep directories small with millions of images.
    return f"{iiif_id[:2]}/{iiif_id[2:4]}/{iiif_id}"


def size_text(limit: int) -> str:
    """A byte limit as people read it: "300 MB", "2 KB", "100 bytes"."""
    if limit % 2**20 == 0:
        return _("%(n)d MB") % {"n": limit // 2**20}
    if limit % 2**10 == 0:
        return _("%(n)d KB") % {"n": limit // 2**10}
    return _("%(n)d bytes") % {"n": limit}


def _megapixels_text(pixels: int) -> str:
    value = pixels / 10**6
    return f"{value:g}"


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError({"file": ValidationError(message, code=code)})


def _not_an_image() -> ValidationError:
    return _refuse(_("The file is not a JPEG, PNG or TIFF image."), "unsupported_type")


def _damaged() -> ValidationError:
    return _refuse(_("The image file is damaged or incomplete."), "corrupt")


def _receive(file: IO[bytes], incoming: Path) -> tuple[Path, str, int, str]:
    """Stream ``file`` into a temporary file under ``incoming``, sniffing its type from its
    first bytes and refusing it once it passes the size limit. Returns the temporary path,
    the media type, the size and the sha256; the temporary file is gone if this raises."""
    limit = settings.TONGWEN_UPLOAD_MAX_BYTES
    head = file.read(_HEAD_BYTES)
    media_type = engine.sniff_image_type(head) if head else None
    if media_type not in ACCEPTED_TYPES:
        raise _not_an_image()
    incoming.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=incoming, suffix=".upload")
    path = Path(name)
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(fd, "wb") as out:
            chunk = head
            while chunk:
                size += len(chunk)
                if size > limit:
                    raise _refuse(
                        _("The file is larger than %(limit)s.") % {"limit": size_text(limit)},
                        "too_large",
                    )
                digest.update(chunk)
                out.write(chunk)
                chunk = file.read(_CHUNK)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    assert media_type is not None
    return path, media_type, size, digest.hexdigest()


def _tiff_data_inside(tiff: Any, file_size: int) -> bool:
    tags = tiff.tag_v2
    offsets = tags.get(324) or tags.get(273)  # TileOffsets, else StripOffsets
    counts = tags.get(325) or tags.get(279)  # TileByteCounts, else StripByteCounts
    if offsets is None or counts is None:
        return False
    offsets = offsets if isinstance(offsets, tuple | list) else (offsets,)
    counts = counts if isinstance(counts, tuple | list) else (counts,)
    return len(offsets) == len(counts) and all(
        o + c <= file_size for o, c in zip(offsets, counts, strict=True)
    )


def _inspect(path: Path, media_type: str, file_size: int) -> tuple[int, int]:
    """The image's width and height, read from its header, after the pixel limit and the
    truncation check. Pillow's plugin classes are used directly: ``Image.open`` applies
    Pillow's own, lower, global bomb limit, and ours must be the one that speaks."""
    limit = settings.TONGWEN_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with path.open("rb") as fp:
                image = _PLUGINS[media_type](fp)
                width, height = image.size
                if width < 1 or height < 1:
                    raise _damaged()
                if width * height > limit:
                    raise _refuse(
                        _(
                            "The image is %(width)d × %(height)d pixels; "
                            "the limit is %(limit)s megapixels."
                        )
                        % {"width": width, "height": height, "limit": _megapixels_text(limit)},
                        "too_many_pixels",
                    )
                if media_type == "image/jpeg":
                    # Decoding at 1/8 scale reads every byte of the entropy-coded data.
                    image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
                    image.load()
                elif media_type == "image/png":
                    image.verify()
                elif not _tiff_data_inside(image, file_size):
                    raise _damaged()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _refuse(
            _("The image declares more pixels than can be safely processed."),
            "too_many_pixels",
        ) from error
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, KeyError, IndexError, TypeError) as error:
        raise _damaged() from error
    return width, height


def _next_order(resource: Resource) -> int:
    top = resource.images.aggregate(top=Max("order"))["top"]
    return 0 if top is None else top + 1


def _renumber(images: list[DigitalObject]) -> None:
    changed = []
    for position, image in enumerate(images):
        if image.order != position:
            image.order = position
            changed.append(image)
    if changed:
        DigitalObject.objects.bulk_update(changed, ["order"])


def _lock(resource: Resource) -> Resource:
    """The resource row, locked: concurrent uploads to one resource number in turn."""
    locked = Resource.objects.select_for_update().get(pk=resource.pk)
    if locked.is_deleted:
        raise ValidationError(
            _("This resource has been deleted; its images cannot be changed."), code="deleted"
        )
    return locked


def image_add(
    *,
    actor: Any,
    resource: Resource,
    file: BinaryIO | IO[bytes],
    original_name: str,
    label: LanguageMap | None = None,
    order: int | None = None,
) -> DigitalObject:
    """Store an uploaded image of ``resource`` and return its new :class:`DigitalObject`.

    ``order`` is the position among the resource's images (0 = first); by default the image
    goes last. The upload is streamed to disk, never held in memory. Raises
    ``ValidationError`` naming the problem (type, size, pixel count, damage); on any failure
    no row and no file remain.
    """
    require(permissions.can_edit_resource(actor, resource))
    if resource.is_deleted:
        raise ValidationError(
            _("This resource has been deleted; its images cannot be changed."), code="deleted"
        )
    try:
        label = langmap.clean(label or {}, required=False)
    except ValidationError as error:
        raise ValidationError({"label": error.error_list}) from error
    root = _root()
    temp, media_type, size, sha256 = _receive(file, root / _INCOMING)
    try:
        width, height = _inspect(temp, media_type, size)
        image = DigitalObject(
            resource=resource,
            label=label,
            original_name=Path((original_name or "").replace("\\", "/")).name[:255],
            media_type=media_type,
            width=width,
            height=height,
            byte_size=size,
            sha256=sha256,
        )
        image.master, image.width, image.height = _prepare(temp, image.iiif_id)
        try:
            _create_row(actor=actor, resource=resource, image=image, order=order)
        except BaseException:
            master_path(image).unlink(missing_ok=True)
            raise
    finally:
        temp.unlink(missing_ok=True)
    return image


def _prepare(temp: Path, iiif_id: str) -> tuple[str, int, int]:
    """Have the engine write the master (it writes a temporary file and moves it into
    place), then name it by what it is: a pyramidal TIFF with libvips, often the upload
    itself with Pillow. Returns the master's path relative to the store, width and height
    (which differ from the upload's when its EXIF orientation turns it)."""
    root = _root()
    stem = _relative_stem(iiif_id)
    written = root / stem
    try:
        with warnings.catch_warnings():
            # Our own pixel limit has been applied; Pillow's lower default must not refuse.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            width, height = engine.prepare_source(
                temp,
                written,
                engine.get_backend(settings.TONGWEN_IIIF_BACKEND),
                max_pixels=settings.TONGWEN_IMAGE_MAX_PIXELS,
            )
        with written.open("rb") as fp:
            kind = engine.sniff_image_type(fp.read(16))
        relative = stem + _EXTENSIONS.get(kind or "", "")
        os.replace(written, root / relative)
    except engine.IIIFError as error:
        written.unlink(missing_ok=True)
        raise _refuse(error.message, "unreadable") from error
    except BaseException:
        written.unlink(missing_ok=True)
        raise
    return relative, width, height


@transaction.atomic
def _create_row(*, actor: Any, resource: Resource, image: DigitalObject, order: int | None) -> None:
    resource = _lock(resource)
    image.resource = resource
    siblings = list(resource.images.order_by("order", "id"))
    position = len(siblings) if order is None else max(0, min(order, len(siblings)))
    image.order = position
    image.full_clean()
    image.save()
    siblings.insert(position, image)
    _renumber([s for s in siblings])
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE,
        target=image,
        context=resource,
        changes=history.snapshot(image, _SNAPSHOT) | {"iiif_id": image.iiif_id},
    )
    services.touch(resource)


@transaction.atomic
def image_update(*, actor: Any, image: DigitalObject, label: LanguageMap) -> DigitalObject:
    """Change the label of an image."""
    require(permissions.can_edit_resource(actor, image.resource))
    resource = _lock(image.resource)
    image = DigitalObject.objects.select_for_update().get(pk=image.pk, resource=resource)
    before = history.snapshot(image, ("label",))
    image.label = label
    image.full_clean()
    changes = history.diff(before, history.snapshot(image, ("label",)))
    if changes:
        image.save(update_fields=["label"])
        history.record_change(
            actor=actor,
            action=ChangeRecord.Action.UPDATE,
            target=image,
            context=resource,
            changes=changes,
        )
        services.touch(resource)
    return image


@transaction.atomic
def image_delete(*, actor: Any, image: DigitalObject) -> None:
    """Remove an image from its resource; its files go when the transaction commits."""
    require(permissions.can_edit_resource(actor, image.resource))
    resource = _lock(image.resource)
    image = DigitalObject.objects.get(pk=image.pk, resource=resource)
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.DELETE,
        target=image,
        context=resource,
        changes=history.snapshot(image, _SNAPSHOT) | {"iiif_id": image.iiif_id},
    )
    discard(image)
    _renumber(list(resource.images.order_by("order", "id")))
    services.touch(resource)


@transaction.atomic
def images_reorder(*, actor: Any, resource: Resource, order: Sequence[str]) -> list[DigitalObject]:
    """Put the resource's images in the order of the IIIF identifiers in ``order``, which
    must name each of its images exactly once. Returns the images in their new order."""
    require(permissions.can_edit_resource(actor, resource))
    resource = _lock(resource)
    current = list(resource.images.order_by("order", "id"))
    by_id = {image.iiif_id: image for image in current}
    wanted = list(order)
    if len(set(wanted)) != len(wanted) or set(wanted) != set(by_id):
        raise ValidationError(
            {"order": _("List each image of this resource exactly once.")}, code="invalid"
        )
    before = [image.iiif_id for image in current]
    images = [by_id[iiif_id] for iiif_id in wanted]
    if wanted != before:
        _renumber(images)
        history.record_change(
            actor=actor,
            action=ChangeRecord.Action.UPDATE,
            target=resource,
            changes={"images": [before, wanted]},
        )
        services.touch(resource)
    return images


def _remove_files(master: Path, iiif_id: str) -> None:
    master.unlink(missing_ok=True)
    engine.DerivativeCache(Path(settings.TONGWEN_IIIF_CACHE_ROOT)).invalidate(iiif_id)


def discard(image: DigitalObject) -> None:
    """Delete an image row now and its files (master and cached derivatives) once the
    surrounding transaction commits; nothing is removed from disk if it rolls back. For
    services that already checked permission (deleting an image, withdrawing a resource)."""
    master, iiif_id = master_path(image), image.iiif_id
    DigitalObject.objects.filter(pk=image.pk).delete()
    transaction.on_commit(lambda: _remove_files(master, iiif_id))
