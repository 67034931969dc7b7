"""The Tantivy backend through the engine interface: ranking, facets, sorting, paging, readers,
suggestions, relaxed searches, schema versions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tongwen.search.backends import tantivy as tantivy_backend
from tongwen.search.backends.tantivy import TantivyBackend
from tongwen.search.engine import EVERYONE, Document, Query

PUBLIC = frozenset({EVERYONE})


def _doc(pk: int, title: str, **extra: Any) -> Document:
    extra.setdefault("readers", PUBLIC)
    return Document(
        key=f"resource:{pk}", type="resource", url=f"/r/{pk}", title={"zh-Hant": title}, **extra
    )


@pytest.fixture
def backend() -> TantivyBackend:
    engine = TantivyBackend(None)
    engine.upsert(
        [
            _doc(
                1,
                "史記",
                names=("司馬遷",),
                year=-91,
                facets={"period": ("xihan",), "kind": ("ancient_book",)},
            ),
            _doc(
                2,
                "漢書",
                names=("班固",),
                year=111,
                facets={"period": ("donghan",), "kind": ("ancient_book",)},
            ),
            _doc(
                3,
                "後漢書",
                names=("范曄",),
                year=445,
                facets={"period": ("nanchao",), "kind": ("ancient_book",)},
            ),
            _doc(
                4,
                "史記集解",
                names=("裴駰",),
                text=("注《史記》",),
                year=438,
                facets={"period": ("nanchao",), "kind": ("ancient_book",)},
            ),
            _doc(
                5,
                "石門頌",
                text=("東漢摩崖石刻",),
                year=148,
                facets={"period": ("donghan",), "kind": ("rubbing",)},
            ),
            _doc(
                6,
                "內府藏本",
                text=("私藏",),
                readers=frozenset({"holder:9"}),
                facets={"period": ("qing",), "kind": ("ancient_book",)},
            ),
            _doc(7, "無年代之書", facets={"kind": ("ancient_book",)}),
        ]
    )
    engine.commit()
    return engine


def _keys(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.key for hit in result.hits]


def test_title_matches_rank_above_text_matches(backend: TantivyBackend) -> None:
    result = backend.search(Query(text="史记", readers=PUBLIC))
    assert _keys(result) == ["resource:1", "resource:4"]
    assert result.total == 2


def test_a_two_character_word_must_occur_as_written(backend: TantivyBackend) -> None:
    # 漢 and 書 both occur in 後漢書 and 漢書; 石門頌's text has 漢 but not 漢書.
    assert sorted(_keys(backend.search(Query(text="汉书", readers=PUBLIC)))) == [
        "resource:2",
        "resource:3",
    ]


def test_readers_hide_documents_and_their_facet_counts(backend: TantivyBackend) -> None:
    anonymous = backend.search(Query(text="藏", readers=PUBLIC))
    assert anonymous.total == 0
    assert anonymous.facets["period"] == []
    holder = backend.search(Query(text="藏", readers=frozenset({EVERYONE, "holder:9"})))
    assert _keys(holder) == ["resource:6"]
    assert [(f.value, f.count) for f in holder.facets["period"]] == [("qing", 1)]
    assert backend.search(Query(text="藏", readers=None)).total == 1  # administrators


def test_public_documents_rank_alike_whatever_else_the_reader_holds() -> None:
    engine = TantivyBackend(None)
    engine.upsert(
        [
            _doc(1, "蘭亭序", text=("蘭亭",)),
            _doc(2, "蘭亭序摹本", readers=frozenset({"holder:9"})),
            _doc(3, "蘭亭集", readers=frozenset({EVERYONE, "holder:9"})),
            _doc(4, "蘭亭圖", readers=frozenset({"grant:4"})),
        ]
    )
    engine.commit()

    def found(readers: frozenset[str] | None) -> dict[str, float]:
        return {h.key: h.score for h in engine.search(Query(text="兰亭", readers=readers)).hits}

    public = found(PUBLIC)
    assert set(public) == {"resource:1", "resource:3"}
    holder = found(frozenset({EVERYONE, "holder:9"}))
    assert set(holder) == {"resource:1", "resource:2", "resource:3"}
    # A public document that also names the reader's token is found once, scored once.
    assert holder["resource:1"] == public["resource:1"]
    assert holder["resource:3"] == public["resource:3"]
    assert set(found(frozenset({"grant:4"}))) == {"resource:4"}  # tokens without everyone's
    assert set(found(None)) == {"resource:1", "resource:2", "resource:3", "resource:4"}
    assert engine.search(Query(text="兰亭", readers=frozenset({EVERYONE, "grant:4"}))).total == 3


def test_every_value_of_a_many_valued_facet_is_counted_and_filters() -> None:
    engine = TantivyBackend(None)
    engine.upsert(
        [
            _doc(1, "甲", facets={"period": ("tang",)}),
            _doc(2, "乙", facets={"period": ("song", "tang")}),
            _doc(3, "丙", facets={"period": ("ming", "qing", "tang", "ming")}),
            _doc(4, "丁", facets={"language": ("lzh",)}),
        ]
    )
    engine.commit()
    result = engine.search(Query(readers=PUBLIC))
    assert [(f.value, f.count) for f in result.facets["period"]] == [
        ("tang", 3),
        ("ming", 1),
        ("qing", 1),
        ("song", 1),
    ]
    assert [(f.value, f.count) for f in result.facets["language"]] == [("lzh", 1)]
    third = engine.search(Query(filters={"period": ("qing",)}, readers=PUBLIC))
    assert _keys(third) == ["resource:3"]
    assert {f.value: f.count for f in third.facets["period"]} == {
        "tang": 3, "ming": 1, "qing": 1, "song": 1
    }  # fmt: skip


def test_a_facet_ignores_its_own_filter_so_other_values_stay_choosable(
    backend: TantivyBackend,
) -> None:
    result = backend.search(Query(filters={"kind": ("rubbing",)}, readers=PUBLIC))
    assert _keys(result) == ["resource:5"]
    kinds = {f.value: f.count for f in result.facets["kind"]}
    assert kinds == {"ancient_book": 5, "rubbing": 1}
    assert {f.value: f.count for f in result.facets["period"]} == {"donghan": 1}


def test_filters_are_or_within_a_facet_and_and_across(backend: TantivyBackend) -> None:
    result = backend.search(
        Query(filters={"period": ("donghan", "nanchao"), "kind": ("ancient_book",)}, readers=PUBLIC)
    )
    assert sorted(_keys(result)) == ["resource:2", "resource:3", "resource:4"]


def test_sorting_by_date_puts_undated_documents_last_both_ways(backend: TantivyBackend) -> None:
    oldest = _keys(backend.search(Query(sort="date", readers=PUBLIC)))
    assert oldest[0] == "resource:1" and oldest[-1] == "resource:7"
    newest = _keys(backend.search(Query(sort="-date", readers=PUBLIC)))
    assert newest[0] == "resource:3" and newest[-1] == "resource:7"


def test_sorting_by_title_follows_pinyin(backend: TantivyBackend) -> None:
    titles = _keys(backend.search(Query(sort="title", readers=PUBLIC)))
    # hanshu, houhanshu, shiji, shijijijie, shimensong, wuniandaizhishu
    assert titles == [
        "resource:2",
        "resource:3",
        "resource:1",
        "resource:4",
        "resource:5",
        "resource:7",
    ]


def test_year_range(backend: TantivyBackend) -> None:
    result = backend.search(Query(year_from=100, year_to=200, sort="date", readers=PUBLIC))
    assert _keys(result) == ["resource:2", "resource:5"]


def test_offset_pages_through_without_repeats(backend: TantivyBackend) -> None:
    seen = []
    for offset in range(0, 6, 2):
        seen += _keys(backend.search(Query(sort="date", offset=offset, limit=2, readers=PUBLIC)))
    assert len(seen) == len(set(seen)) == 6


def test_a_search_with_no_document_having_every_word_is_relaxed(backend: TantivyBackend) -> None:
    result = backend.search(Query(text="史记 不存在的词", readers=PUBLIC))
    assert sorted(_keys(result)[:2]) == ["resource:1", "resource:4"]


def test_names_match_in_either_script_and_in_pinyin(backend: TantivyBackend) -> None:
    for text in ("司马迁", "司馬遷", "sima qian", "simaqian", "Sīmǎ Qiān"):
        assert _keys(backend.search(Query(text=text, readers=PUBLIC))) == ["resource:1"], text


def test_suggestions_forgive_a_homophone_and_a_typo_and_respect_readers(
    backend: TantivyBackend,
) -> None:
    assert [s.key for s in backend.suggest("石门", readers=PUBLIC, limit=5)] == ["resource:5"]
    assert [s.key for s in backend.suggest("石们颂", readers=PUBLIC, limit=5)] == ["resource:5"]
    assert [s.key for s in backend.suggest("shimenson", readers=PUBLIC, limit=5)] == ["resource:5"]
    assert [s.key for s in backend.suggest("shimensnog", readers=PUBLIC, limit=5)] == ["resource:5"]
    assert backend.suggest("内府", readers=PUBLIC, limit=5) == []
    assert [s.key for s in backend.suggest("内府", readers=None, limit=5)] == ["resource:6"]


def test_upsert_replaces_and_delete_removes(backend: TantivyBackend) -> None:
    backend.upsert([_doc(1, "太史公書")])
    backend.delete(["resource:2"])
    backend.commit()
    assert backend.search(Query(text="史记", readers=PUBLIC)).total == 1  # only 史記集解
    assert backend.search(Query(text="太史公", readers=PUBLIC)).total == 1
    assert backend.search(Query(text="班固", readers=PUBLIC)).total == 0
    assert backend.count() == 6
    assert dict(backend.fingerprints())["resource:1"] == _doc(1, "太史公書").fingerprint()


def test_an_index_of_another_schema_version_is_reopened_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = TantivyBackend(tmp_path / "index")
    first.upsert([_doc(1, "史記")])
    first.commit()
    assert TantivyBackend(tmp_path / "index").count() == 1
    monkeypatch.setattr(tantivy_backend, "SCHEMA_VERSION", "next")
    assert TantivyBackend(tmp_path / "index").count() == 0
