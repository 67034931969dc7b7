"""The IIIF image service passes iiif-validator, run against a live server, on both backends.

The validator's own command-line runner (``iiif-validate.py`` from the iiif-validator
package) is started as a subprocess against pytest-django's live server, after
``manage.py iiif_load_validator_image`` has stored its test image under the standard
identifier.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from tongwen.catalog import images
from tongwen.catalog.iiif.image import vips_available
from tongwen.catalog.management.commands.iiif_load_validator_image import (
    VALIDATOR_ID,
    VALIDATOR_RESOURCE,
    validator_colours,
)
from tongwen.catalog.models import DigitalObject, Resource, Rights
from tongwen.common.models import ChangeRecord

VALIDATE = Path(sys.executable).parent / "iiif-validate.py"
#: Level 3 tests of what the service declares beyond level 2 (extraFeatures, extraFormats).
#: Two are left out: ``format_webp`` cannot run on Python 3 (it calls ``urllib.urlopen``), and
#: ``size_up`` wants ``^2000,2000`` of the 1000×1000 image to succeed while ``^max`` stays
#: 1000×1000, which no service declaring ``maxWidth`` (required with ``sizeUpscaling``) can do:
#: the engine declares the image's own size as its maximum, so ``^`` enlarges regions only.
EXTRA_TESTS = (
    "linkheader_canonical",
    "linkheader_profile",
    "rot_full_non90",
    "rot_region_non90",
    "rot_mirror",
    "rot_mirror_180",
    "format_tif",
)


@pytest.fixture(params=["vips", "pillow"])
def backend(request, settings, tmp_path):  # type: ignore[no-untyped-def]
    if request.param == "vips" and not vips_available():
        pytest.skip("libvips is not available")
    settings.TONGWEN_IIIF_BACKEND = request.param
    settings.TONGWEN_IMAGE_ROOT = tmp_path / "images"
    settings.TONGWEN_IIIF_CACHE_ROOT = tmp_path / "iiif-cache"
    return request.param


def load_validator_image() -> str:
    out = io.StringIO()
    call_command("iiif_load_validator_image", "--holder", "inst-b", stdout=out)
    return out.getvalue()


def validate(live_server: Any, *options: str) -> tuple[int, str]:
    server = urlsplit(live_server.url).netloc
    completed = subprocess.run(
        [
            sys.executable,
            str(VALIDATE),
            "-s",
            server,
            "-p",
            "iiif/3",
            "-i",
            VALIDATOR_ID,
            "--version=3.0",
            *options,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return completed.returncode, completed.stdout + completed.stderr


def assert_all_passed(output: str, expected: int | None = None) -> None:
    done = re.search(r"^Done \((\d+) tests, (\d+) failures\)$", output, re.MULTILINE)
    assert done, output
    total, failures = int(done[1]), int(done[2])
    assert failures == 0, output
    passed = re.findall(r"^\[\d+\] test (\S+) PASS$", output, re.MULTILINE)
    assert len(passed) == total > 0, output
    assert " FAIL" not in output, output
    if expected is not None:
        assert total == expected, output


def test_validator_passes_level_2(backend, live_server, world):  # type: ignore[no-untyped-def]
    assert load_validator_image().startswith(f"Loaded the validator image as {VALIDATOR_ID}")
    # The backend under test made the master (a pyramidal TIFF, or the PNG itself with Pillow)
    # and, reading the same setting on every request, renders every answer below.
    master = DigitalObject.objects.get(iiif_id=VALIDATOR_ID).master
    assert master.endswith({"vips": ".tif", "pillow": ".png"}[backend])

    with urllib.request.urlopen(f"{live_server.url}/iiif/3/{VALIDATOR_ID}/info.json") as answer:
        document = json.load(answer)
    assert document["profile"] == "level2"
    assert (document["width"], document["height"]) == (1000, 1000)

    status, output = validate(live_server, "--level", "2")
    print(output)
    assert status == 0, output
    # Every test the validator has for 3.0 up to level 2 ran and passed.
    assert_all_passed(output, expected=33)


def test_validator_passes_the_declared_extras(backend, live_server, world):  # type: ignore[no-untyped-def]
    load_validator_image()
    status, output = validate(live_server, *(f"--test={name}" for name in EXTRA_TESTS))
    print(output)
    assert status == 0, output
    assert_all_passed(output, expected=len(EXTRA_TESTS))


def test_the_command_stores_the_validator_image(  # type: ignore[no-untyped-def]
    world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.TONGWEN_IMAGE_ROOT = tmp_path / "images"
    settings.TONGWEN_IIIF_CACHE_ROOT = tmp_path / "iiif-cache"
    with django_capture_on_commit_callbacks(execute=True):
        output = load_validator_image()
    assert output == f"Loaded the validator image as {VALIDATOR_ID} (1000×1000).\n"

    image = DigitalObject.objects.select_related("resource").get(iiif_id=VALIDATOR_ID)
    resource = image.resource
    assert (resource.slug, resource.holder, resource.visibility, resource.rights) == (
        VALIDATOR_RESOURCE,
        world["b"],
        Resource.Visibility.PUBLIC,
        Rights.PDM,
    )
    assert resource.is_open
    # The master is named by the new identifier, as the store names every master.
    path = images.master_path(image)
    assert image.master.startswith(f"67/35/{VALIDATOR_ID}.")
    assert path.is_file()
    assert sorted(p.name for p in (tmp_path / "images").rglob("*") if p.is_file()) == [path.name]
    # The picture: ten by ten squares, column x and row y in colorInfo[x][y].
    colours = validator_colours()
    with Image.open(path) as stored:
        stored = stored.convert("RGB")
        assert stored.size == (1000, 1000)
        for column, row in ((0, 0), (9, 0), (0, 9), (3, 7), (9, 9)):
            got = stored.getpixel((column * 100 + 50, row * 100 + 50))
            want = colours[column][row]
            assert all(abs(g - w) < 6 for g, w in zip(got, want, strict=True)), (column, row)
    change = ChangeRecord.objects.filter(action=ChangeRecord.Action.UPDATE).latest("pk")
    assert change.changes["iiif_id"][1] == VALIDATOR_ID

    # Again: nothing changes.
    assert load_validator_image() == (
        f"The validator image {VALIDATOR_ID} is already loaded (1000×1000).\n"
    )
    assert DigitalObject.objects.count() == 1


def test_the_command_needs_an_existing_holder(world, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TONGWEN_IMAGE_ROOT = tmp_path / "images"
    with pytest.raises(CommandError) as missing:
        call_command("iiif_load_validator_image", "--holder", "nowhere")
    assert str(missing.value) == "No institution “nowhere”."
    with pytest.raises(CommandError, match="--holder"):
        call_command("iiif_load_validator_image")
    assert not DigitalObject.objects.exists()
    assert not Resource.objects.filter(slug=VALIDATOR_RESOURCE).exists()
    assert not (tmp_path / "images").exists() or not any((tmp_path / "images").rglob("*.*"))
