"""The analysis chain, the same for documents and queries, so the script a reader types is
irrelevant (decision 0007).

* ``fold`` maps every character to one form, one character for one character, so offsets into
  the folded text are offsets into the original: traditional and variant characters become
  simplified (OpenCC's ``t2s`` tables, taken per character so a character folds the same
  whatever stands beside it, plus the Hong Kong variant table), full-width letters and digits
  become ASCII, Latin letters lose their diacritics (pinyin tone marks; ü becomes v, as
  typed), CJK compatibility ideographs become their unified forms, and case is folded.
* ``grams`` cuts folded text into CJK unigrams and bigrams (robust for classical Chinese, where
  modern word dictionaries fail) and Latin words.
* ``syllables`` reads Han text as toneless pinyin (pypinyin, on the folded text so its phrase
  dictionary sees the simplified words), and ``split_pinyin`` cuts a syllable run typed
  without spaces ("shiwubencao") back into syllables.
* English text is stemmed by the engine (see the backend); ``english_words`` gives the same
  words for a query.
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import opencc
from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.pinyin_dict import pinyin_dict

# Unified ideographs, extension A, compatibility ideographs and extensions B to F.
_HAN_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2EBEF),
    (0x30000, 0x3134F),
)
_HAN_CLASS = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _HAN_RANGES)
_HAN_RUN = re.compile(f"[{_HAN_CLASS}]+")
TOKEN = re.compile(f"[{_HAN_CLASS}]+|[0-9a-z]+")
_RUNS = re.compile(f"([{_HAN_CLASS}]+)|([0-9a-z]+)")
_LATIN_WORD = re.compile(r"[0-9a-z]+")

# Positions between the values of a multi-valued field, so a phrase never spans two values.
VALUE_GAP = 100


def is_han(char: str) -> bool:
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _HAN_RANGES)


@functools.cache
def _fold_table() -> dict[int, str]:
    """One character for one character: script, width, compatibility forms, case."""
    chars = [chr(c) for lo, hi in _HAN_RANGES for c in range(lo, hi + 1)]
    joined = "\n".join(chars)
    table: dict[int, str] = {}
    # Hong Kong variants first, then the general table over them (衞→卫, 敍→叙, 衹→只).
    for config in ("hk2s.json", "t2s.json"):
        converted = opencc.OpenCC(config).convert(joined).split("\n")
        for source, target in zip(chars, converted, strict=True):
            if target != source and len(target) == 1:
                table[ord(source)] = target
    for code in range(0xF900, 0xFB00):  # compatibility ideographs → unified
        unified = unicodedata.normalize("NFKC", chr(code))
        if len(unified) == 1 and unified != chr(code):
            table[code] = table.get(ord(unified), unified)
    for code in range(0x00C0, 0x0250):  # Latin with diacritics → base letter (pinyin tones)
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base.isalpha():
            umlaut = "\u0308" in unicodedata.normalize("NFD", chr(code))
            table[code] = "v" if base in "uU" and umlaut else base  # lǚ is typed lv
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII → ASCII
        table[code] = chr(code - 0xFEE0).lower()
    table[0x3000] = " "  # ideographic space
    return table


def fold(text: str) -> str:
    """Fold ``text`` to its search form; the result has the same length as ``text``."""
    folded = text.translate(_fold_table())
    lowered = folded.lower()
    # ``lower`` keeps lengths for everything but a handful of letters (İ); keep offsets exact.
    return (
        lowered
        if len(lowered) == len(folded)
        else "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    )


def warm_up() -> None:
    """Build the tables now rather than on the first request."""
    _fold_table()
    _syllable_set()
    _simplified_only()
    _converter("t2s.json")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int  # offsets into the original (and the folded) text
    end: int
    position: int


@dataclass(frozen=True, slots=True)
class Grams:
    unigrams: list[Token]  # single Han characters and Latin words
    bigrams: list[Token]  # adjacent Han characters, at the position of the first


def grams(values: Iterable[str]) -> Grams:
    """Unigrams and bigrams of one field's values; positions leave a gap between values."""
    unigrams: list[Token] = []
    bigrams: list[Token] = []
    position = 0
    for value in values:
        folded = fold(value)
        for match in TOKEN.finditer(folded):
            run, start = match.group(), match.start()
            if not is_han(run[0]):
                unigrams.append(Token(run, start, match.end(), position))
                position += 1
                continue
            for i, char in enumerate(run):
                unigrams.append(Token(char, start + i, start + i + 1, position + i))
                if i + 1 < len(run):
                    bigrams.append(Token(run[i : i + 2], start + i, start + i + 2, position + i))
            position += len(run)
        position += VALUE_GAP
    return Grams(unigrams, bigrams)


def spaced_grams(value: str) -> tuple[str, str]:
    """``grams`` of one value as the index takes them: unigrams, then bigrams, each joined by
    spaces. The fast path for indexing (no token objects, pairs built in C)."""
    unigrams: list[str] = []
    bigrams: list[str] = []
    for han, latin in _RUNS.findall(fold(value)):
        if han:
            unigrams.extend(han)
            bigrams.extend(map(operator.add, han, han[1:]))
        else:
            unigrams.append(latin)
    return " ".join(unigrams), " ".join(bigrams)


@functools.lru_cache(maxsize=200_000)
def _syllables_of(value: str) -> tuple[str, ...]:
    folded = fold(value)
    out: list[str] = []
    for match in TOKEN.finditer(folded):
        run = match.group()
        if is_han(run[0]):
            out.extend(lazy_pinyin(run, style=Style.NORMAL, v_to_u=False))
        else:
            out.append(run)
    return tuple(s.replace("ü", "v") for s in out)


def syllables(value: str) -> tuple[str, ...]:
    """Toneless pinyin of the Han characters, Latin words kept: 本草綱目 → ben cao gang mu."""
    return _syllables_of(value)


def joined_pinyin(value: str) -> str:
    """The syllable run without spaces, as typed by someone who knows the title: shiwubencao."""
    return "".join(s for s in syllables(value) if not s.isdigit())


MAX_READINGS = 8


@functools.lru_cache(maxsize=200_000)
def other_readings(value: str) -> tuple[tuple[str, ...], ...]:
    """The readings of ``value`` besides ``syllables(value)``: each heteronym's other readings,
    one character at a time (楓橋夜泊 → feng qiao ye bo, where the usual reading says po), so a
    reader who reads a character as the title means it still finds the title."""
    slots: list[tuple[str, ...]] = []
    for match in TOKEN.finditer(fold(value)):
        run = match.group()
        if not is_han(run[0]):
            slots.append((run,))
            continue
        usual = lazy_pinyin(run, style=Style.NORMAL, v_to_u=False)
        every = pinyin(run, style=Style.NORMAL, heteronym=True, v_to_u=False)
        if len(every) != len(usual):  # characters without a reading came back joined
            slots.extend((u,) for u in usual)
            continue
        for u, readings in zip(usual, every, strict=True):
            slots.append((u, *(r for r in dict.fromkeys(readings) if r != u)))
    slots = [tuple(s.replace("ü", "v") for s in slot) for slot in slots]
    first = [slot[0] for slot in slots]
    out: list[tuple[str, ...]] = []
    for i, slot in enumerate(slots):
        for other in slot[1:]:
            if len(out) == MAX_READINGS:
                return tuple(out)
            out.append((*first[:i], other, *first[i + 1 :]))
    return tuple(out)


@functools.cache
def _syllable_set() -> frozenset[str]:
    found: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            plain = _strip_tones(reading).replace("ü", "v")
            if plain.isalpha() and plain.isascii():
                found.add(plain)
    return frozenset(found)


def _strip_tones(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", kept)


def normalise_latin(text: str) -> str:
    """Pinyin or English as typed, folded, tone marks and numbers dropped: Běncǎo2 → bencao."""
    plain = _strip_tones(fold(text)).replace("ü", "v").replace("u:", "v")
    return re.sub(r"(?<=[a-z])[1-5](?=[a-z]|\b)", "", plain)


def split_pinyin(word: str) -> list[str] | None:
    """Cut a run of syllables typed without spaces; None when it is not pinyin.

    Among the readings, the one with fewest syllables wins, then the one whose syllables are
    longest first ("xian" is one syllable, not xi-an; "xi'an" keeps its apostrophe split).
    """
    word = word.lower()
    if not word.isascii() or not word.replace("'", "").isalpha():
        return None
    parts: list[str] = []
    for chunk in word.split("'"):
        cut = _best_split(chunk)
        if cut is None:
            return None
        parts.extend(cut)
    return parts or None


@functools.lru_cache(maxsize=10_000)
def _best_split(chunk: str) -> list[str] | None:
    known = _syllable_set()
    n = len(chunk)
    best: list[list[str] | None] = [None] * (n + 1)
    best[n] = []
    for i in range(n - 1, -1, -1):
        for j in range(min(n, i + 6), i, -1):  # longest syllable: zhuang, shuang
            rest = best[j]
            if rest is not None and chunk[i:j] in known:
                candidate = [chunk[i:j], *rest]
                current = best[i]
                if current is None or len(candidate) < len(current):
                    best[i] = candidate
    return best[0]


def han_runs(text: str) -> Iterator[str]:
    """The folded runs of Han characters in ``text``."""
    for match in _HAN_RUN.finditer(fold(text)):
        yield match.group()


def latin_words(text: str) -> list[str]:
    return _LATIN_WORD.findall(normalise_latin(text))


# Scripts, for showing snippets in the script the reader typed.

SIMPLIFIED = "Hans"
TRADITIONAL = "Hant"


@functools.cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@functools.cache
def _simplified_only() -> frozenset[str]:
    """Characters simplified Chinese writes and traditional does not (发, 书, 汉)."""
    chars = [chr(c) for lo, hi in _HAN_RANGES[:2] for c in range(lo, hi + 1)]
    converted = _converter("s2t.json").convert("\n".join(chars)).split("\n")
    return frozenset(c for c, t in zip(chars, converted, strict=True) if t != c)


def script_of(text: str) -> str | None:
    """``Hans`` when ``text`` has characters only simplified Chinese writes, ``Hant`` when it
    has traditional ones, None when it could be either (or has no Han characters)."""
    traditional = sum(1 for c in text if ord(c) in _fold_table() and is_han(c))
    simplified = sum(1 for c in text if c in _simplified_only())
    if traditional > simplified:
        return TRADITIONAL
    if simplified > traditional:
        return SIMPLIFIED
    return None


def to_script(text: str, script: str | None) -> str:
    """``text`` in ``script``, phrase-aware (OpenCC); unchanged when the conversion would move
    offsets, so highlights stay where they were found."""
    if script is None:
        return text
    converted = _converter("t2s.json" if script == SIMPLIFIED else "s2t.json").convert(text)
    return converted if len(converted) == len(text) else text
