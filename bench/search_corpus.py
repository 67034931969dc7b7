"""Sample catalogue records for the search benchmarks, built from real Chinese text.

    from search_corpus import Corpus
    corpus = Corpus.load()                  # reads node_modules/chinese-poetry once (seconds)
    for document in corpus.documents(0, 1000, seed=7): ...

Every record is a search ``Document`` of type "resource", as ``catalog/search_documents.py``
would build it, but recombined from real material rather than copied from a real catalogue:
titles, authors and lines come from the chinese-poetry collections (Tang and Song poems, Song
ci, Yuan qu, the Chuci and the Huajian ji, traditional and simplified characters mixed as they
are there), periods and their years from ``tongwen.catalog.periods.PERIODS`` (the year always
lies inside the record's period; the author keeps the period of their poems, so a Qing print
of a Tang poet has both periods), rights from ``tongwen.catalog.models.Rights``, kinds from
``Resource.Kind``. The holding institutions are twelve made-up ones whose slugs start with
``sample-``; every summary starts with "SAMPLE", so no one takes a record for a real holding.

About one record in ten is restricted to its holder (readers ``holder:<n>`` only); the rest
are public (``all`` beside the holder's token, as the catalogue provider writes them).

Records are deterministic: record ``n`` depends only on ``seed`` and ``n`` (records come in
blocks of ``BLOCK`` that share one random generator), so worker processes can each build
their own slice and a second pass (the baselines) sees exactly the same records.
"""

from __future__ import annotations

import functools
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from pypinyin import Style, lazy_pinyin  # noqa: E402

from tongwen.catalog.periods import PERIODS  # noqa: E402
from tongwen.search.engine import EVERYONE, Document  # noqa: E402

POETRY = REPO / "node_modules" / "chinese-poetry" / "dist"
BLOCK = 1000
PINYIN_TAG = "zh-Latn-pinyin"  # tongwen.common.langmap.PINYIN_TAG, without importing Django

# Rights URIs (tongwen.catalog.models.Rights values) with rough shares; the model module
# needs Django settings, so the URIs are written out here and checked by the benchmark.
RIGHTS = (
    ("https://creativecommons.org/publicdomain/mark/1.0/", 45),
    ("http://rightsstatements.org/vocab/NoC-US/1.0/", 14),
    ("https://creativecommons.org/publicdomain/zero/1.0/", 8),
    ("https://creativecommons.org/licenses/by/4.0/", 8),
    ("https://creativecommons.org/licenses/by-nc/4.0/", 6),
    ("http://rightsstatements.org/vocab/InC-EDU/1.0/", 5),
    ("http://rightsstatements.org/vocab/NoC-NC/1.0/", 4),
    ("https://creativecommons.org/licenses/by-nc-sa/4.0/", 3),
    ("http://rightsstatements.org/vocab/NoC-CR/1.0/", 3),
    ("http://rightsstatements.org/vocab/InC/1.0/", 2),
    ("https://creativecommons.org/licenses/by-sa/4.0/", 1),
    ("https://creativecommons.org/licenses/by-nc-nd/4.0/", 1),
)

# Resource.Kind values with shares, and how a title of that kind is made.
KINDS = (
    ("ancient_book", 50),
    ("rubbing", 9),
    ("painting_calligraphy", 9),
    ("manuscript_archive", 6),
    ("text", 6),
    ("map", 4),
    ("periodical", 4),
    ("photograph", 3),
    ("artefact", 3),
    ("audio_video", 2),
    ("science_popularisation", 2),
    ("other", 2),
)

# (slug, name): made-up holders, clearly samples; the index is the holder's number.
INSTITUTIONS = (
    ("sample-national-library", "示例國家圖書館", 22),
    ("sample-provincial-library", "示例省立圖書館", 16),
    ("sample-university-library", "示例大學圖書館", 13),
    ("sample-palace-museum", "示例故宮博物院", 10),
    ("sample-city-museum", "示例市立博物館", 8),
    ("sample-archives", "示例檔案館", 7),
    ("sample-academy-library", "示例科學院圖書館", 6),
    ("sample-normal-university", "示例師範大學圖書館", 5),
    ("sample-county-library", "示例縣立圖書館", 4),
    ("sample-temple-library", "示例寺院藏經樓", 4),
    ("sample-art-museum", "示例美術館", 3),
    ("sample-private-collection", "示例私家藏書樓", 2),
)

LANGUAGES = (
    (("lzh",), 78),
    (("zh",), 12),
    (("lzh", "mnc"), 2),
    (("en",), 2),
    (("ja",), 2),
    (("lzh", "ja"), 1),
    (("bo",), 1),
    (("mn",), 1),
    (("zh", "en"), 1),
)

# The period a record was made in (a print, a rubbing, a photograph), with shares.
MADE_IN = (
    ("qing", 38),
    ("ming", 22),
    ("republic-of-china", 10),
    ("prc", 7),
    ("yuan", 5),
    ("southern-song", 4),
    ("northern-song", 3),
    ("jurchen-jin", 1),
    ("tang", 2),
    ("five-dynasties-ten-kingdoms", 1),
    ("later-jin", 1),
    ("southern-ming", 1),
)

SUBJECTS = (
    ("集部", "別集類"),
    ("集部", "總集類"),
    ("集部", "詞曲類"),
    ("集部", "詩文評類"),
    ("子部", "藝術類"),
    ("史部", "金石類"),
    ("史部", "地理類"),
    ("史部", "傳記類"),
)

PLACES = (
    "長安", "洛陽", "金陵", "杭州", "蘇州", "揚州", "成都", "汴梁", "燕京", "廣州", "泉州",
    "西湖", "黃河", "長江", "廬山", "泰山", "峨眉", "洞庭", "終南山", "桂林", "敦煌", "襄陽",
)  # fmt: skip

NUMERALS = "一二三四五六七八九十"

EDITIONS = {
    "ancient_book": ("刻本", "活字本", "抄本", "刻本", "套印本"),
    "rubbing": ("拓本", "舊拓本"),
    "painting_calligraphy": ("絹本", "紙本"),
    "manuscript_archive": ("稿本", "寫本"),
}


@dataclass(frozen=True, slots=True)
class Poem:
    title: str
    author: str
    period: str  # a PERIODS code
    lines: tuple[str, ...]


def _weighted(pairs: tuple[tuple[object, int], ...]) -> list[object]:
    return [value for value, weight in pairs for _ in range(weight)]


def _read(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    return data if isinstance(data, list) else []


def _lines(item: dict[str, object]) -> tuple[str, ...]:
    raw = item.get("paragraphs") or item.get("content") or ()
    return tuple(str(line) for line in raw if isinstance(line, str) and line.strip())[:8]


@functools.lru_cache(maxsize=300_000)
def _pinyin(text: str) -> str:
    """Tone-marked pinyin as ``langmap.to_pinyin`` writes it, cached per title part."""
    return " ".join(lazy_pinyin(text, style=Style.TONE, errors="default")).strip()


def _numeral(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


class Corpus:
    """The pools records are drawn from, read once (fork-shared by worker processes)."""

    def __init__(self, poems: list[Poem], bios: dict[str, str]):
        if not poems:
            raise RuntimeError(f"no poems under {POETRY}; run npm ci")
        self.poems = poems
        self.bios = bios
        self.authors = sorted({p.author for p in poems})
        self.kinds = _weighted(KINDS)
        self.rights = _weighted(RIGHTS)
        self.institutions = _weighted(
            tuple((i, w) for i, (_s, _n, w) in enumerate(INSTITUTIONS, start=1))
        )
        self.languages = _weighted(LANGUAGES)
        self.made_in = _weighted(MADE_IN)

    @classmethod
    def load(cls, root: Path = POETRY, *, song_share: int = 4) -> Corpus:
        """Tang poems, one Song poem file in ``song_share``, Song ci, Yuan qu, Chuci, Huajian ji."""
        poems: list[Poem] = []
        sources: list[tuple[Path, str]] = []
        tang = sorted((root / "quantangshi").glob("poet.tang.*.json"))
        song = sorted((root / "quantangshi").glob("poet.song.*.json"))[::song_share]
        sources += [(p, "tang") for p in tang] + [(p, "song") for p in song]
        sources += [(p, "song") for p in sorted((root / "songci").glob("ci.song.*.json"))]
        sources += [(root / "yuanqu" / "yuanqu.json", "yuan")]
        sources += [(root / "chuci" / "chuci.json", "warring-states")]
        sources += [
            (p, "five-dynasties-ten-kingdoms")
            for p in sorted((root / "wudaishici" / "huajianji").glob("*juan.json"))
        ]
        for path, period in sources:
            if not path.exists():
                continue
            for item in _read(path):
                title = str(item.get("title") or item.get("rhythmic") or "").strip()
                author = str(item.get("author") or "").strip()
                lines = _lines(item)
                if title and author and lines and len(title) <= 24 and len(author) <= 8:
                    poems.append(Poem(title, author, period, lines))
        bios: dict[str, str] = {}
        for path, key in (
            (root / "quantangshi" / "authors.tang.json", "desc"),
            (root / "quantangshi" / "authors.song.json", "desc"),
            (root / "songci" / "author.song.json", "description"),
        ):
            if path.exists():
                for item in _read(path):
                    name, bio = str(item.get("name") or ""), str(item.get(key) or "")
                    if name and bio and name not in bios:
                        bios[name] = bio.split("。")[0][:120] + "。"
        return cls(poems, bios)

    # Records

    def documents(self, start: int, stop: int, *, seed: int) -> Iterator[Document]:
        """Records ``start`` to ``stop - 1``; the same ones whatever the slicing."""
        for block in range(start // BLOCK, (stop + BLOCK - 1) // BLOCK):
            rng = random.Random(seed * 1_000_003 + block)
            first = block * BLOCK
            for n in range(first, first + BLOCK):
                document = self._document(n, rng)  # always drawn, so the stream stays aligned
                if start <= n < stop:
                    yield document

    def _document(self, n: int, rng: random.Random) -> Document:
        poem = self.poems[rng.randrange(len(self.poems))]
        kind = str(self.kinds[rng.randrange(len(self.kinds))])
        made = PERIODS[str(self.made_in[rng.randrange(len(self.made_in))])]
        last = made.year_to if made.year_to is not None else 2020
        year = rng.randint(made.year_from, last)
        if made.code in ("tang", "five-dynasties-ten-kingdoms") and poem.period not in (
            "tang",
            "warring-states",
        ):
            made = PERIODS["qing"]  # no Song poet printed in the Tang
            year = rng.randint(made.year_from, 1911)
        holder = int(self.institutions[rng.randrange(len(self.institutions))])  # type: ignore[call-overload]
        slug, holder_name, _weight = INSTITUTIONS[holder - 1]

        title = self._title(kind, poem, rng)
        creators = [poem.author]
        if rng.random() < 0.25:
            creators.append(self.authors[rng.randrange(len(self.authors))])
        elif rng.random() < 0.06:
            creators = []
        names: list[str] = []
        for name in creators:
            names += [name, _pinyin(name)]

        edition = rng.choice(EDITIONS.get(kind, ("",)))
        date_written = f"{made.zh_hant}{edition}" if edition else made.zh_hant
        description = "".join(poem.lines[: rng.randint(2, 4)])
        bio = self.bios.get(poem.author)
        if bio and rng.random() < 0.5:
            description += bio
        if rng.random() < 0.3:
            other = self.poems[rng.randrange(len(self.poems))]
            description += other.lines[0]
        subjects = SUBJECTS[rng.randrange(len(SUBJECTS))]
        periods = {made.code} | ({poem.period} if creators else set())
        period_names = [
            text
            for code in sorted(periods)
            for text in (PERIODS[code].zh_hant, PERIODS[code].zh_hans, PERIODS[code].pinyin)
        ]
        public = rng.random() >= 0.1
        readers = {f"holder:{holder}"} | ({EVERYONE} if public else set())
        has_images = rng.random() < 0.4
        record_slug = f"sample-{n:07d}"
        summary = " ".join(
            bit for bit in ("SAMPLE", made.zh_hant, " ".join(creators[:3]), date_written) if bit
        )
        return Document(
            key=f"resource:{n + 1}",
            type="resource",
            url=f"/collection/{record_slug}/",
            title={"zh-Hant": title, PINYIN_TAG: self._title_pinyin(title)},
            readers=frozenset(readers),
            names=tuple(names),
            text=(
                description,
                *subjects,
                date_written,
                *period_names,
                holder_name,
            ),
            english=tuple(PERIODS[code].en for code in sorted(periods)),
            identifiers=(record_slug, f"善{n:07d}"),
            year=year,
            facets={
                "institution": (slug,),
                "kind": (kind,),
                "period": tuple(sorted(periods)),
                "language": tuple(self.languages[rng.randrange(len(self.languages))]),  # type: ignore[arg-type]
                "rights": (str(self.rights[rng.randrange(len(self.rights))]),),
                "has_images": ("yes" if has_images else "no",),
            },
            summary={"zh": summary},
            thumbnail=f"/iiif/3/{record_slug}-1/full/!200,200/0/default.jpg" if has_images else "",
        )

    def _title(self, kind: str, poem: Poem, rng: random.Random) -> str:
        author, title = poem.author, poem.title
        pick = rng.random()
        if kind == "ancient_book":
            if pick < 0.35:
                return f"{author}{rng.choice(('集', '詩集', '文集', '詩鈔', '全集', '詩選'))}"
            if pick < 0.55:
                return f"{author}集 卷{_numeral(rng.randint(1, 40))}"
            if pick < 0.75:
                return f"新刊{author}先生{rng.choice(('文集', '詩集', '遺稿'))}"
            return title
        if kind == "rubbing":
            return f"{title}碑" if pick < 0.5 else f"{author}書{title}帖"
        if kind == "painting_calligraphy":
            return f"{author}書{title}" if pick < 0.5 else f"{title}圖"
        if kind == "manuscript_archive":
            return f"{author}手稿" if pick < 0.4 else f"{title}稿本"
        if kind == "map":
            return f"{rng.choice(PLACES)}{rng.choice(('輿圖', '全圖', '形勝圖', '山水圖'))}"
        if kind == "photograph":
            return f"{rng.choice(PLACES)}舊影"
        if kind == "periodical":
            return f"{rng.choice(PLACES)}{rng.choice(('月刊', '旬刊', '詩刊', '學報'))}"
        return title

    def _title_pinyin(self, title: str) -> str:
        # Cached per title: poem titles and "<author>集" repeat across a million records.
        return _pinyin(title)
