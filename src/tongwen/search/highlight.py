"""Snippets with the reader's words marked, in the script the reader typed.

Matching runs on folded text, which has the same length as the original, so the marks land on
the original characters; the snippet is then converted to the reader's script (OpenCC) when
that keeps its length, and escaped.
"""

from __future__ import annotations

import functools
import re
from html import escape  # Django's, without its lazy-string wrapper (same five characters)

from django.utils.safestring import SafeString, mark_safe

from tongwen.search import analysis
from tongwen.search.query import Han, Parsed, Phrase, Word

WINDOW = 90


@functools.lru_cache(maxsize=256)
def _patterns(parsed: Parsed) -> tuple[re.Pattern[str], ...]:
    """The reader's words as patterns, longest first; compiled once per query, not per text."""
    found: list[str] = []
    for clause in parsed.clauses:
        parts = clause.parts if isinstance(clause, Phrase) else (clause,)
        for part in parts:
            if isinstance(part, Han):
                found.append(part.text)
                if len(part.text) > 2:  # the pairs, for texts holding the words apart
                    found += [part.text[i : i + 2] for i in range(len(part.text) - 1)]
                found += list(part.text) if len(part.text) <= 2 else []
            elif isinstance(part, Word) and len(part.text) > 1:
                found.append(part.text)
    needles = sorted(set(found), key=lambda n: (-len(n), n))
    return tuple(re.compile(rf"\b{re.escape(n)}" if n.isascii() else re.escape(n)) for n in needles)


def spans(text: str, parsed: Parsed) -> list[tuple[int, int]]:
    """Where the reader's words occur in ``text``, longest first, not overlapping."""
    patterns = _patterns(parsed)
    if not patterns:
        return []
    folded = analysis.fold(text)
    taken: list[tuple[int, int]] = []
    for pattern in patterns:
        for match in pattern.finditer(folded):
            start, end = match.span()
            if all(end <= s or start >= e for s, e in taken):
                taken.append((start, end))
    return sorted(taken)


def mark(text: str, parsed: Parsed, *, script: str | None = None) -> SafeString:
    """All of ``text``, its matches in ``<mark>``."""
    return _render(analysis.to_script(text, script), spans(text, parsed))


def snippet(
    texts: tuple[str, ...] | list[str], parsed: Parsed, *, script: str | None = None
) -> SafeString:
    """A window of the first text with a match, centred on it; the first text's opening when
    none matches."""
    for text in texts:
        found = spans(text, parsed)
        if found:
            first = found[0][0]
            start = max(0, first - WINDOW // 3)
            end = min(len(text), start + WINDOW)
            inside = [(s - start, e - start) for s, e in found if s >= start and e <= end]
            body = _render(analysis.to_script(text[start:end], script), inside)
            return mark_safe(("…" if start else "") + body + ("…" if end < len(text) else ""))
    if texts:
        text = texts[0]
        opening = escape(analysis.to_script(text[:WINDOW], script))
        return mark_safe(opening + ("…" if len(text) > WINDOW else ""))
    return mark_safe("")


def _render(text: str, found: list[tuple[int, int]]) -> SafeString:
    out: list[str] = []
    position = 0
    for start, end in found:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))
