"""Load the demo collection (``data.py``) through the catalog services, once.

Run it after the agreements demo: the holders, agreements and initiatives it names come from
there. Everything goes through the services a user's edits go through, acting as the system.
Running it again adds nothing: a resource whose slug exists is left as it is (even if a user
changed or withdrew it), and a grant is made only if its grantor has none to that grantee
under that agreement.

Pictures are drawn in two background threads while the main thread stores the previous
ones (Pillow and libvips release the interpreter lock while they work), which roughly halves
the wall time on two cores.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from django.db import transaction

from tongwen.agreements import selectors as agreement_selectors
from tongwen.agreements.models import Agreement, Initiative
from tongwen.catalog import images, selectors, services
from tongwen.catalog.demo import data, pictures
from tongwen.catalog.models import DigitalObject, Resource
from tongwen.common.actors import SYSTEM
from tongwen.institutions import selectors as institution_selectors
from tongwen.institutions.models import Institution

_RESOURCE_KEYS = (
    "alt_titles",
    "date_written",
    "year_from",
    "year_to",
    "period",
    "edition",
    "edition_note",
    "extent_juan",
    "extent_volumes",
    "extent_note",
    "dimensions",
    "subjects",
    "languages",
    "script",
    "viewing_direction",
)
_NUMERALS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (enough for page labels)."""
    if not 0 < n < 100:
        raise ValueError("page labels count from 1 to 99")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens] + "十")
    return head + (_NUMERALS[ones] if ones else "")


def page_label(scheme: str, n: int) -> dict[str, str]:
    """The label of the ``n``-th (1-based) image under a data.py labelling scheme."""
    c = chinese_number(n)
    if scheme == "juan":  # the opening leaf of each juan of the first volume
        return {"zh-Hant": f"第一冊 卷{c}", "zh-Hans": f"第一册 卷{c}", "en": f"Volume 1, juan {n}"}
    if scheme == "hui":
        return {"zh-Hant": f"第{c}回", "zh-Hans": f"第{c}回", "en": f"Chapter {n}"}
    if scheme == "leaf":
        return {"zh-Hant": f"第{c}葉", "zh-Hans": f"第{c}叶", "en": f"Leaf {n}"}
    if scheme == "section":
        return {"zh-Hant": f"第{c}段", "zh-Hans": f"第{c}段", "en": f"Section {n}"}
    if scheme == "sheet":
        if n == 1:
            return {"zh-Hant": "全幅", "zh-Hans": "全幅", "en": "Whole sheet"}
        return {"zh-Hant": f"局部{c}", "zh-Hans": f"局部{c}", "en": f"Detail {n - 1}"}
    if scheme == "whole":
        return {"zh-Hant": "全幅", "zh-Hans": "全幅", "en": "Whole work"}
    if scheme == "map":
        return {"zh-Hant": "全圖", "zh-Hans": "全图", "en": "Whole map"}
    if scheme == "photo":
        return {"zh-Hant": f"照片{c}", "zh-Hans": f"照片{c}", "en": f"Photograph {n}"}
    if scheme == "panel":
        return {"zh-Hant": f"展板{c}", "zh-Hans": f"展板{c}", "en": f"Panel {n}"}
    if scheme == "cover":
        return {"zh-Hant": "封面", "zh-Hans": "封面", "en": "Cover"}
    raise ValueError(f"unknown label scheme {scheme!r}")


def call_number(index: int) -> str:
    """The sample call number of the ``index``-th (0-based) resource of data.RESOURCES."""
    return f"SAMPLE-{index + 1:04d}"


def description(row: dict[str, Any]) -> dict[str, str]:
    """The work's facts followed by the sample note, in each language of the note."""
    note = data.HELD_NOTE if row.get("held_for_certain") else data.SAMPLE_NOTE
    about = row.get("about") or {}
    return {
        tag: f"{about[tag]}\n\n{text}" if about.get(tag) else text for tag, text in note.items()
    }


def _links(
    row: dict[str, Any], agreements: dict[str, Agreement], initiatives: dict[str, Initiative]
) -> tuple[list[Agreement], list[Initiative]]:
    """The agreements and initiatives a resource is tied to; ties to records no longer
    present (deleted by a user) are left out."""
    linked_agreements: dict[str, Agreement] = {}
    linked_initiatives: dict[str, Initiative] = {}
    for key in row["links"]:
        link = data.LINKS[key]
        if link["agreement"] in agreements:
            linked_agreements[link["agreement"]] = agreements[link["agreement"]]
        if link["initiative"] and link["initiative"] in initiatives:
            linked_initiatives[link["initiative"]] = initiatives[link["initiative"]]
    return list(linked_agreements.values()), list(linked_initiatives.values())


def _create(
    row: dict[str, Any],
    index: int,
    holder: Institution,
    agreements: dict[str, Agreement],
    initiatives: dict[str, Initiative],
    drawn: Iterator[Future[pictures.Picture]],
) -> tuple[Resource, list[DigitalObject]]:
    """One resource and its images, all or nothing: a failure removes the image files
    already stored for it along with the rolled-back rows."""
    linked_agreements, linked_initiatives = _links(row, agreements, initiatives)
    stored: list[DigitalObject] = []
    spec = row["pictures"]
    try:
        with transaction.atomic():
            resource = services.resource_create(
                actor=SYSTEM,
                holder=holder,
                slug=row["slug"],
                kind=row["kind"],
                title=row["title"],
                rights=row["rights"],
                visibility=row["visibility"],
                creators=row.get("creators", ()),
                agreements=linked_agreements,
                initiatives=linked_initiatives,
                call_number=call_number(index),
                description=description(row),
                **{key: row[key] for key in _RESOURCE_KEYS if key in row},
            )
            for n in range(1, spec["count"] + 1):
                picture = next(drawn).result()
                stored.append(
                    images.image_add(
                        actor=SYSTEM,
                        resource=resource,
                        file=io.BytesIO(picture.data),
                        original_name=f"{row['slug']}-{n:02d}.{picture.extension}",
                        label=page_label(spec["label"], n),
                    )
                )
    except BaseException:
        for image in stored:
            images.master_path(image).unlink(missing_ok=True)
        raise
    return resource, stored


def _draw(row: dict[str, Any], n: int, scale: float) -> pictures.Picture:
    spec = row["pictures"]
    return pictures.render(
        spec["style"],
        seed=f"{row['slug']}:{n}",
        size=spec["size"],
        scale=scale,
        options=spec.get("options"),
    )


def _load_grants(institutions: dict[str, Institution], agreements: dict[str, Agreement]) -> int:
    added = 0
    existing = {
        (g.grantor.slug, g.grantee.slug, g.agreement.slug)
        for g in selectors.grant_list(user=SYSTEM)
    }
    for row in data.GRANTS:
        if (row["grantor"], row["grantee"], row["agreement"]) in existing:
            continue
        if row["agreement"] not in agreements:
            continue
        held = [
            r
            for r in selectors.resource_list(user=SYSTEM, holder=row["grantor"])
            if r.slug in row["resources"]
        ]
        if not held:
            continue
        services.grant_create(
            actor=SYSTEM,
            grantor=institutions[row["grantor"]],
            grantee=institutions[row["grantee"]],
            agreement=agreements[row["agreement"]],
            valid_from=row["valid_from"],
            resources=held,
            can_download=row["can_download"],
            can_derive=row["can_derive"],
            can_use_commercially=row["can_use_commercially"],
            note=row["note"],
        )
        added += 1
    return added


def load_catalog_demo(*, image_scale: float = 1.0) -> dict[str, int]:
    """Load every demo resource not yet present, with its images, then the demo grants.

    ``image_scale`` (0 < scale ≤ 1) shrinks the generated images, for tests. Returns how many
    resources, images and grants were added. Raises ``LookupError`` when an institution the
    data names is missing (load the agreements demo first).
    """
    if not 0 < image_scale <= 1:
        raise ValueError("image_scale must be in (0, 1]")
    institutions = {i.slug: i for i in institution_selectors.institution_list()}
    missing = sorted({row["holder"] for row in data.RESOURCES} - set(institutions))
    if missing:
        raise LookupError(
            "Load the agreements demo first; missing institutions: " + ", ".join(missing)
        )
    agreements = {a.slug: a for a in agreement_selectors.agreement_list(user=SYSTEM)}
    initiatives = {i.slug: i for i in agreement_selectors.initiative_list(user=SYSTEM)}
    # Withdrawn resources count as present: the loader leaves them withdrawn.
    present = set(
        selectors.feed_resources(user=SYSTEM)
        .filter(slug__in=[row["slug"] for row in data.RESOURCES])
        .values_list("slug", flat=True)
    )
    todo = [(i, row) for i, row in enumerate(data.RESOURCES) if row["slug"] not in present]
    counts = {"resources": 0, "images": 0, "grants": 0}
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="demo-pictures") as pool:
        # Futures in the order the main thread stores them; at most the pool's width is
        # drawn ahead, so memory stays at a few pictures.
        jobs = ((row, n) for _, row in todo for n in range(1, row["pictures"]["count"] + 1))
        pending: list[Future[pictures.Picture]] = []

        def drawn() -> Iterator[Future[pictures.Picture]]:
            while True:
                while len(pending) < 3:
                    job = next(jobs, None)
                    if job is None:
                        break
                    pending.append(pool.submit(_draw, job[0], job[1], image_scale))
                if not pending:
                    return
                yield pending.pop(0)

        stream = drawn()
        try:
            for index, row in todo:
                _, stored = _create(
                    row, index, institutions[row["holder"]], agreements, initiatives, stream
                )
                counts["resources"] += 1
                counts["images"] += len(stored)
        finally:
            for future in pending:
                future.cancel()
    counts["grants"] = _load_grants(institutions, agreements)
    return counts
