"""``search_index rebuild`` and ``check [--repair]``, the deferred block, and the selectors'
cursor and input checks, on data written through the real services."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from tongwen.catalog import services as catalog
from tongwen.catalog.models import Resource, Rights
from tongwen.common.actors import SYSTEM
from tongwen.search import backends, selectors, services
from tongwen.search.engine import Query


def _resource(world: dict[str, Any], slug: str, title: str, **extra: Any) -> Resource:
    return catalog.resource_create(
        actor=SYSTEM,
        holder=world["a"],
        slug=slug,
        kind=Resource.Kind.ANCIENT_BOOK,
        title={"zh-Hant": title},
        rights=Rights.PDM,
        **extra,
    )


def _run(*args: str) -> str:
    out = StringIO()
    call_command("search_index", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def _titles(text: str) -> list[str]:
    result = backends.get().search(Query(text=text, readers=None))
    return [hit.title["zh-Hant"] for hit in result.hits if hit.type == "resource"]


def test_rebuild_indexes_everything_the_database_holds(world: dict[str, Any]) -> None:
    _resource(world, "shiji", "史記")
    _resource(world, "hanshu", "漢書")
    assert _titles("史记") == []  # written inside the test's transaction: never committed
    out = _run("rebuild")
    assert "Indexed" in out
    assert _titles("史记") == ["史記"]
    assert _titles("hanshu") == ["漢書"]
    assert backends.get().count() == services.count_documents()


def test_check_reports_drift_and_repair_fixes_it(world: dict[str, Any]) -> None:
    shiji = _resource(world, "shiji", "史記")
    _resource(world, "hanshu", "漢書")
    _run("rebuild")
    backend = backends.get()
    backend.delete([f"resource:{shiji.pk}"])  # missing
    backend.commit()
    Resource.objects.filter(slug="hanshu").update(title={"zh-Hant": "前漢書"})  # stale
    from tongwen.search.engine import EVERYONE, Document

    backend.upsert(  # phantom
        [
            Document(
                key="resource:999999",
                type="resource",
                url="/x",
                title={"zh": "幽靈"},
                readers=frozenset({EVERYONE}),
            )
        ]
    )
    backend.commit()

    with pytest.raises(CommandError, match="drifted"):
        _run("check")
    drift = services.check()
    hanshu = Resource.objects.get(slug="hanshu")
    assert drift.missing == [f"resource:{shiji.pk}"]
    assert drift.stale == [f"resource:{hanshu.pk}"]
    assert drift.phantom == ["resource:999999"]

    out = _run("check", "--repair")
    assert "Repaired: 2 documents indexed, 1 removed." in out
    assert services.check().clean
    assert _titles("前汉书") == ["前漢書"]
    assert "The index matches the database." in _run("check")


def test_deferred_writes_are_indexed_once_at_the_end(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with services.deferred():
        with django_capture_on_commit_callbacks(execute=True):
            _resource(world, "shiji", "史記")
        assert _titles("史记") == []  # not yet
    assert _titles("史记") == ["史記"]


def test_a_rolled_back_write_never_reaches_the_index(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from django.db import transaction

    class Abort(Exception):
        pass

    with (
        pytest.raises(Abort),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        _resource(world, "shiji", "史記")
        raise Abort
    with django_capture_on_commit_callbacks(execute=True):
        _resource(world, "hanshu", "漢書")
    assert _titles("史记") == []
    assert _titles("汉书") == ["漢書"]


def test_cursor_pages_and_refuses_a_forged_or_foreign_cursor(world: dict[str, Any]) -> None:
    for n in range(5):
        _resource(world, f"juan-{n}", f"史記卷{n}")
    _run("rebuild")
    anonymous = AnonymousUser()
    first = selectors.search(user=anonymous, text="史记", limit=2, sort="title")
    assert first.total == 5 and len(first.hits) == 2 and first.next_cursor
    second = selectors.search(
        user=anonymous, text="史记", limit=2, sort="title", cursor=first.next_cursor
    )
    third = selectors.search(
        user=anonymous, text="史记", limit=2, sort="title", cursor=second.next_cursor
    )
    keys = [h.key for page in (first, second, third) for h in page.hits]
    assert len(keys) == len(set(keys)) == 5
    assert third.next_cursor is None

    with pytest.raises(selectors.InvalidSearch) as forged:
        selectors.search(user=anonymous, text="史记", limit=2, cursor=first.next_cursor + "x")
    assert (forged.value.field, forged.value.message) == (
        "cursor",
        "This cursor is not valid; start the search again.",
    )
    with pytest.raises(selectors.InvalidSearch) as foreign:
        selectors.search(
            user=anonymous, text="汉书", limit=2, sort="title", cursor=first.next_cursor
        )
    assert foreign.value.message == "This cursor belongs to another search; start the search again."


@pytest.mark.parametrize(
    ("arguments", "field", "message"),
    [
        ({"sort": "newest"}, "sort", "Sort by one of: relevance, date, -date, title."),
        ({"limit": 0}, "limit", "The page size must be between 1 and 100."),
        ({"limit": 101}, "limit", "The page size must be between 1 and 100."),
        ({"year_from": 1900, "year_to": 1800}, "year_from", "The first year comes after the last."),
        ({"filters": {"colour": ["red"]}}, "colour", "“colour” is not a filter."),
    ],
)
def test_bad_searches_name_the_problem(
    db: Any, arguments: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(selectors.InvalidSearch) as error:
        selectors.search(user=AnonymousUser(), text="史记", **arguments)
    assert (error.value.field, error.value.message) == (field, message)


def test_a_bulk_import_is_indexed_after_its_commit(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    """The import writes with bulk_create (no model signals); the catalog's change hook
    brings its resources to the index, in one flush."""
    from tongwen.catalog.tests.test_importing import HEADER, RUBBING, csv_bytes, run

    with django_capture_on_commit_callbacks(execute=True):
        report = run(world["b"], csv_bytes([HEADER, RUBBING]))
    assert report.created == 1
    assert _titles("曹全碑") == ["曹全碑"]
    assert _titles("caoquanbei") == ["曹全碑"]
