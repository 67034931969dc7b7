"""A reader's words, parsed once into clauses every backend compiles its own way.

Each clause must match (all of them, unless the backend relaxes a search that found nothing):

* ``Han``: a run of Han characters, folded. Every character must occur; adjacent pairs rank.
* ``Word``: a Latin word, folded, tones dropped. It matches as pinyin (a syllable run is cut
  into syllables), as an English word (stemmed), as a word in Chinese-analysed text, or as a
  whole identifier.
* ``Phrase``: words in quotes, matched in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tongwen.search import analysis

MAX_QUERY_CHARS = 200
MAX_CLAUSES = 24


@dataclass(frozen=True)
class Han:
    text: str


@dataclass(frozen=True)
class Word:
    text: str
    pinyin: tuple[str, ...] | None  # its syllables, when it reads as pinyin


@dataclass(frozen=True)
class Phrase:
    parts: tuple[Han | Word, ...]


Clause = Han | Word | Phrase


@dataclass(frozen=True)
class Parsed:
    clauses: tuple[Clause, ...] = ()
    script: str | None = None  # the script the reader typed in, for snippets
    pinyin_run: tuple[str, ...] = field(default=())  # all Latin words' syllables, in order

    @property
    def is_empty(self) -> bool:
        return not self.clauses


_QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”|「([^」]*)」')


def _parts(text: str) -> list[Han | Word]:
    parts: list[Han | Word] = []
    folded = analysis.normalise_latin(text)
    for match in re.finditer(analysis.TOKEN.pattern, folded):
        token = match.group()
        if analysis.is_han(token[0]):
            parts.append(Han(token))
        else:
            split = analysis.split_pinyin(token)
            parts.append(Word(token, tuple(split) if split else None))
    return parts


def parse(text: str) -> Parsed:
    text = text[:MAX_QUERY_CHARS]
    clauses: list[Clause] = []
    position = 0
    for match in _QUOTED.finditer(text):
        clauses.extend(_parts(text[position : match.start()]))
        inner = next(g for g in match.groups() if g is not None)
        quoted = _parts(inner)
        if len(quoted) == 1:
            clauses.extend(quoted)
        elif quoted:
            clauses.append(Phrase(tuple(quoted)))
        position = match.end()
    clauses.extend(_parts(text[position:]))
    pinyin: list[str] = []
    for clause in clauses:
        words = clause.parts if isinstance(clause, Phrase) else (clause,)
        for word in words:
            if isinstance(word, Word) and word.pinyin:
                pinyin.extend(word.pinyin)
    return Parsed(
        clauses=tuple(clauses[:MAX_CLAUSES]),
        script=analysis.script_of(text),
        pinyin_run=tuple(pinyin),
    )
