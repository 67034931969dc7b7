"""``manage.py iiif_load_validator_image --holder SLUG``: load the IIIF validator's test image.

    manage.py iiif_load_validator_image --holder inst-b
    iiif-validate.py -s 127.0.0.1:8000 -p iiif/3 -i 67352ccc-d1b0-11e1-89ae-279075081939 \\
        --version=3.0 --level 2

iiif-validator (1.0.5) checks a server against one image it knows: 1000×1000 pixels, ten by ten
squares of 100 pixels, the square in column ``x`` and row ``y`` coloured
``ValidationInfo().colorInfo[x][y]``, served under the identifier :data:`VALIDATOR_ID`. This
command draws that image (as a lossless PNG, colours exact) and stores it through the image
store on a public, public-domain resource of the named holder (which must exist), then gives
the new image the validator's identifier. Running it again when the image is there changes
nothing.

iiif-validator is a development dependency: the command needs it installed for the colours.
It acts with the platform's own authority (``SYSTEM``), like the demo loader.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from tongwen.catalog import images, selectors, services
from tongwen.catalog.iiif import image as engine
from tongwen.catalog.models import DigitalObject, Resource, Rights
from tongwen.common import history
from tongwen.common.actors import SYSTEM
from tongwen.common.models import ChangeRecord
from tongwen.institutions.models import Institution
from tongwen.institutions.selectors import institution_get

#: The identifier iiif-validator asks for unless told otherwise.
VALIDATOR_ID = "67352ccc-d1b0-11e1-89ae-279075081939"
#: Slug of the resource that carries the test image.
VALIDATOR_RESOURCE = "iiif-validator-test-image"
SIZE = 1000
SQUARE = 100


def validator_colours() -> list[list[tuple[int, int, int]]]:
    """``colorInfo`` of the installed iiif-validator: ``[column][row]`` → RGB."""
    try:
        # The validator's test modules print while they are imported; keep that off stdout.
        with contextlib.redirect_stdout(io.StringIO()):
            from iiif_validator.validator import (  # type: ignore[import-untyped]
                ValidationInfo,
            )
    except ImportError as error:
        raise CommandError(
            _("iiif-validator is not installed (it is a development dependency).")
        ) from error
    colours: list[list[tuple[int, int, int]]] = ValidationInfo().colorInfo
    return colours


def validator_image_png() -> bytes:
    """The validator's test image as PNG bytes."""
    colours = validator_colours()
    picture = Image.new("RGB", (SIZE, SIZE))
    for column in range(SIZE // SQUARE):
        for row in range(SIZE // SQUARE):
            box = (column * SQUARE, row * SQUARE, (column + 1) * SQUARE, (row + 1) * SQUARE)
            picture.paste(colours[column][row], box)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def image_identifier_set(*, actor: Any, image: DigitalObject, iiif_id: str) -> DigitalObject:
    """Give a stored image another IIIF identifier (for fixed test identifiers only).

    The store names a master by its identifier, so the master is linked under the new name
    before the row changes and the old name removed once the change commits; if anything
    fails, the new name is removed and the row keeps the old one. Cached derivatives of the
    old identifier are dropped.
    """
    if DigitalObject.objects.filter(iiif_id=iiif_id).exists():
        raise ValidationError(
            {"iiif_id": _("An image with this identifier already exists.")}, code="unique"
        )
    old_id, old_path = image.iiif_id, images.master_path(image)
    # The store's own layout for the new identifier (images.py keeps it private).
    new_master = images._relative_stem(iiif_id) + old_path.suffix
    new_path = Path(settings.TONGWEN_IMAGE_ROOT) / new_master
    new_path.parent.mkdir(parents=True, exist_ok=True)
    os.link(old_path, new_path)
    try:
        with transaction.atomic():
            locked = DigitalObject.objects.select_for_update().get(pk=image.pk)
            locked.iiif_id = iiif_id
            locked.master = new_master
            locked.full_clean()
            locked.save(update_fields=["iiif_id", "master"])
            history.record_change(
                actor=actor,
                action=ChangeRecord.Action.UPDATE,
                target=locked,
                context=locked.resource,
                changes={"iiif_id": [old_id, iiif_id], "master": [image.master, new_master]},
            )
            services.touch(locked.resource)
            transaction.on_commit(lambda: _forget(old_path, old_id))
    except BaseException:
        new_path.unlink(missing_ok=True)
        raise
    return locked


def _forget(old_path: Path, old_id: str) -> None:
    old_path.unlink(missing_ok=True)
    engine.DerivativeCache(settings.TONGWEN_IIIF_CACHE_ROOT).invalidate(old_id)


def _validator_resource(holder: Institution) -> Resource:
    try:
        resource = selectors.resource_get(user=SYSTEM, slug=VALIDATOR_RESOURCE)
    except Resource.DoesNotExist:
        return services.resource_create(
            actor=SYSTEM,
            holder=holder,
            slug=VALIDATOR_RESOURCE,
            kind=Resource.Kind.OTHER,
            title={"en": "IIIF validator test image", "zh-Hans": "IIIF 验证器测试图像"},
            rights=Rights.PDM,
            visibility=Resource.Visibility.PUBLIC,
        )
    if resource.holder_id != holder.pk or not resource.is_open:
        raise CommandError(
            _("The resource “%(slug)s” exists but is not an open resource of %(holder)s.")
            % {"slug": VALIDATOR_RESOURCE, "holder": holder.slug}
        )
    return resource


def validator_image_load(*, holder: Institution) -> tuple[DigitalObject, bool]:
    """Store the validator's image under :data:`VALIDATOR_ID` unless it is there already.

    Returns the image and whether it was created.
    """
    existing = DigitalObject.objects.filter(iiif_id=VALIDATOR_ID).first()
    if existing is not None:
        return existing, False
    resource = _validator_resource(holder)
    image = images.image_add(
        actor=SYSTEM,
        resource=resource,
        file=io.BytesIO(validator_image_png()),
        original_name=f"{VALIDATOR_ID}.png",
        label={"en": "IIIF validator test image"},
    )
    try:
        image = image_identifier_set(actor=SYSTEM, image=image, iiif_id=VALIDATOR_ID)
    except BaseException:
        images.image_delete(actor=SYSTEM, image=image)
        raise
    return image, True


class Command(BaseCommand):
    help = "Load iiif-validator's test image under its standard identifier."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--holder", required=True, help="slug of the institution that holds the image"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            holder = institution_get(slug=options["holder"])
        except Institution.DoesNotExist:
            raise CommandError(
                _("No institution “%(slug)s”.") % {"slug": options["holder"]}
            ) from None
        try:
            image, created = validator_image_load(holder=holder)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if created:
            message = _("Loaded the validator image as %(id)s (%(width)d×%(height)d).")
        else:
            message = _("The validator image %(id)s is already loaded (%(width)d×%(height)d).")
        self.stdout.write(
            message % {"id": image.iiif_id, "width": image.width, "height": image.height}
        )
