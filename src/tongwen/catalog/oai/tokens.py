"""Resumption tokens: stateless, signed, and stable while records change during a harvest.

A token carries the whole list request (format, set, ``from``, and an ``until`` frozen at the
first request's time), the keyset position reached (datestamp and id of the last record
served; lists are ordered by ``(modified_at, id)``), the cursor and the list size. Nothing is
stored on the server, so any worker answers any page.

Why the position is stable: a record edited during a harvest gets a datestamp after the
frozen ``until`` and leaves the list, so it is not served twice; records not touched keep
their place, so none is skipped; a deletion also moves the datestamp past ``until`` and is
reported by the next incremental harvest, which starts from that ``until``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core import signing

SALT = "oai"
LIFETIME = dt.timedelta(hours=24)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class BadToken(Exception):
    """The token is malformed, tampered with, expired or for another request."""


@dataclass(frozen=True)
class ListQuery:
    """A ListIdentifiers or ListRecords request, with the bounds made exact.

    ``lower`` is inclusive, ``upper`` exclusive (``until`` plus its granularity, capped at the
    time of the first request).
    """

    verb: str
    metadata_prefix: str
    set_spec: str | None
    lower: dt.datetime | None
    upper: dt.datetime


@dataclass(frozen=True)
class Position:
    """The last record served: lists continue after ``(datestamp, id)``."""

    datestamp: dt.datetime
    id: int


@dataclass(frozen=True)
class ResumptionState:
    query: ListQuery
    after: Position
    cursor: int
    complete_list_size: int


def _micros(value: dt.datetime) -> int:
    delta = value - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _from_micros(value: Any) -> dt.datetime:
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadToken
    return _EPOCH + dt.timedelta(microseconds=value)


def issue(state: ResumptionState, *, now: dt.datetime) -> tuple[str, dt.datetime]:
    """The token for ``state`` and the moment it expires."""
    expires = now + LIFETIME
    query = state.query
    payload = {
        "v": query.verb,
        "p": query.metadata_prefix,
        "s": query.set_spec,
        "f": None if query.lower is None else _micros(query.lower),
        "u": _micros(query.upper),
        "m": _micros(state.after.datestamp),
        "i": state.after.id,
        "c": state.cursor,
        "n": state.complete_list_size,
        "x": int(expires.timestamp()),
    }
    return signing.dumps(payload, salt=SALT, compress=True), expires


def read(token: str, *, verb: str, now: dt.datetime) -> ResumptionState:
    """The state a token carries; :class:`BadToken` for anything but a valid, live token
    issued for ``verb``."""
    try:
        payload = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, UnicodeError) as error:
        raise BadToken from error
    try:
        if payload["v"] != verb or not isinstance(payload["p"], str):
            raise BadToken
        if payload["s"] is not None and not isinstance(payload["s"], str):
            raise BadToken
        for key in ("i", "c", "n", "x"):
            if not isinstance(payload[key], int) or isinstance(payload[key], bool):
                raise BadToken
        if now.timestamp() >= payload["x"]:
            raise BadToken
        query = ListQuery(
            verb=verb,
            metadata_prefix=payload["p"],
            set_spec=payload["s"],
            lower=None if payload["f"] is None else _from_micros(payload["f"]),
            upper=_from_micros(payload["u"]),
        )
        return ResumptionState(
            query=query,
            after=Position(datestamp=_from_micros(payload["m"]), id=payload["i"]),
            cursor=payload["c"],
            complete_list_size=payload["n"],
        )
    except (KeyError, TypeError, OverflowError) as error:
        raise BadToken from error
