"""A defensive OAI-PMH 2.0 client: what Tongwen uses to read partners' repositories.

A partner's server is not trusted. Every response is read with a timeout and a size cap,
parsed with an XML parser that resolves no entities and loads no DTD, and refused outright
when it carries a DOCTYPE (OAI-PMH never needs one, and entity tricks need one). Connection
failures, 5xx answers and 503 flow control are retried with exponential backoff and jitter.
Protocol errors the partner reports (``<error code="...">``) become :class:`OAIError`.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import requests
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no stubs

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
_OAI = f"{{{OAI_NS}}}"

#: The longest a partner's Retry-After may make us wait between two attempts, in seconds.
MAX_RETRY_AFTER = 120.0
#: The longest backoff between two attempts, before jitter.
MAX_BACKOFF = 60.0

# A DOCTYPE can only come before the root element: after the XML declaration, comments and
# processing instructions. Matching the prolog refuses it before the parser sees it. A
# declaration or instruction ends at the first "?>" and a comment at the first "-->", as in
# XML; written so, the match reads the prolog only (a lazy ".*?" would be retried up to
# the end of the document, a scan of every response).
_PROLOG_DOCTYPE = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*"
    rb"(?:<\?(?:[^?]|\?(?!>))*\?>\s*|<!--(?:[^-]|-(?!->))*-->\s*)*"
    rb"<!DOCTYPE"
)


class HarvestError(Exception):
    """Harvesting cannot go on: the message says why, in words a partner's admin follows."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnsafeXMLError(HarvestError):
    """The response is not XML Tongwen is willing to read."""


class OAIError(HarvestError):
    """The partner answered with an OAI-PMH ``<error>``; ``code`` is the protocol's code."""

    def __init__(self, code: str, text: str) -> None:
        message = _("The partner reported the OAI-PMH error “%(code)s”: %(text)s") % {
            "code": code,
            "text": text or _("no explanation given"),
        }
        super().__init__(message)
        self.code = code
        self.text = text


@dataclass(frozen=True)
class Identify:
    repository_name: str
    granularity: str
    earliest_datestamp: str
    deleted_record: str
    response_date: dt.datetime

    @property
    def seconds(self) -> bool:
        """Whether the repository understands datestamps to the second (else to the day)."""
        return "hh:mm:ss" in self.granularity


@dataclass(frozen=True)
class OAIRecord:
    identifier: str
    datestamp: str
    deleted: bool
    set_specs: tuple[str, ...]
    # The metadata's root element (``oai_dc:dc``, ``mods:mods``, ...); None when deleted.
    metadata: Any = None


@dataclass
class ListPage:
    response_date: dt.datetime
    records: list[OAIRecord] = field(default_factory=list)
    # Empty when this was the last page of the list.
    resumption_token: str = ""
    complete_list_size: int | None = None
    cursor: int | None = None


def make_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_blank_text=True,
    )


def parse_xml(data: bytes) -> Any:
    """Parse a partner's document safely; raise :class:`UnsafeXMLError` for anything else.

    No entity is expanded and no file or URL is read, whatever the document says.
    """
    if _PROLOG_DOCTYPE.match(data):
        raise UnsafeXMLError(_("The response declares a DOCTYPE, which OAI-PMH never needs."))
    try:
        root = etree.fromstring(data, make_parser())
    except etree.XMLSyntaxError as error:
        raise UnsafeXMLError(
            _("The response is not well-formed XML: %(problem)s") % {"problem": error}
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        # Reached only for encodings the byte check above cannot read (UTF-16, ...).
        raise UnsafeXMLError(_("The response declares a DOCTYPE, which OAI-PMH never needs."))
    return root


def parse_datestamp(value: str) -> dt.datetime:
    """An OAI-PMH UTCdatetime (day or second granularity) as an aware datetime."""
    text = value.strip()
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise HarvestError(
            _("The partner sent “%(value)s”, which is not an OAI-PMH date.") % {"value": text}
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def format_datestamp(value: dt.datetime, *, seconds: bool) -> str:
    """``value`` at the repository's granularity, as the ``from`` argument wants it."""
    value = value.astimezone(dt.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if seconds else value.strftime("%Y-%m-%d")


def _text(element: Any, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def parse_response(data: bytes, verb: str) -> Any:
    """The OAI-PMH root of a response after the protocol checks; raises :class:`OAIError`
    when the partner reported errors (several are joined into one message)."""
    root = parse_xml(data)
    if root.tag != _OAI + "OAI-PMH":
        raise HarvestError(
            _("The partner's answer is not an OAI-PMH response (its root is <%(tag)s>).")
            % {"tag": etree.QName(root).localname}
        )
    errors = root.findall(_OAI + "error")
    if errors:
        first = errors[0]
        text = "; ".join((e.text or "").strip() for e in errors if (e.text or "").strip())
        raise OAIError(first.get("code", "unknown"), text)
    if root.find(_OAI + verb) is None:
        raise HarvestError(_("The partner's answer has no %(verb)s element.") % {"verb": verb})
    return root


def _response_date(root: Any) -> dt.datetime:
    return parse_datestamp(_text(root, _OAI + "responseDate"))


def parse_identify(data: bytes) -> Identify:
    root = parse_response(data, "Identify")
    identify = root.find(_OAI + "Identify")
    granularity = _text(identify, _OAI + "granularity") or "YYYY-MM-DD"
    return Identify(
        repository_name=_text(identify, _OAI + "repositoryName"),
        granularity=granularity,
        earliest_datestamp=_text(identify, _OAI + "earliestDatestamp"),
        deleted_record=_text(identify, _OAI + "deletedRecord"),
        response_date=_response_date(root),
    )


_HEADER = _OAI + "header"
_METADATA = _OAI + "metadata"
_IDENTIFIER = _OAI + "identifier"
_DATESTAMP = _OAI + "datestamp"
_SET_SPEC = _OAI + "setSpec"


def _first(element: Any, tag: str) -> Any:
    """``element.find(tag)`` for a plain tag, without the path machinery (once per record)."""
    for child in element:
        if child.tag == tag:
            return child
    return None


def _parse_record(element: Any) -> OAIRecord:
    header = _first(element, _HEADER)
    if header is None:
        raise HarvestError(_("The partner sent a record without a header."))
    identifier = datestamp = None
    set_specs = []
    for child in header:
        tag = child.tag
        if tag == _IDENTIFIER:
            identifier = child if identifier is None else identifier
        elif tag == _DATESTAMP:
            datestamp = child if datestamp is None else datestamp
        elif tag == _SET_SPEC:
            set_specs.append((child.text or "").strip())
    identifier_text = (identifier.text or "").strip() if identifier is not None else ""
    if not identifier_text:
        raise HarvestError(_("The partner sent a record without an identifier."))
    metadata = _first(element, _METADATA)
    payload = None
    if metadata is not None:
        payload = next((child for child in metadata if isinstance(child.tag, str)), None)
    return OAIRecord(
        identifier=identifier_text,
        datestamp=(datestamp.text or "").strip() if datestamp is not None else "",
        deleted=header.get("status") == "deleted",
        set_specs=tuple(set_specs),
        metadata=payload,
    )


def _optional_int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def parse_list_records(data: bytes) -> ListPage:
    root = parse_response(data, "ListRecords")
    listing = root.find(_OAI + "ListRecords")
    page = ListPage(response_date=_response_date(root))
    page.records = [_parse_record(e) for e in listing.iterfind(_OAI + "record")]
    token = listing.find(_OAI + "resumptionToken")
    if token is not None:
        page.resumption_token = (token.text or "").strip()
        page.complete_list_size = _optional_int(token.get("completeListSize"))
        page.cursor = _optional_int(token.get("cursor"))
    return page


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """A base URL without its ``user:password@`` part, and that part as Basic credentials.

    Sources needing HTTP Basic authentication carry it in their base URL.
    """
    parts = urlsplit(url)
    if parts.username is None:
        return url, None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return clean, (unquote(parts.username or ""), unquote(parts.password or ""))


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return min(max((when - dt.datetime.now(dt.UTC)).total_seconds(), 0.0), MAX_RETRY_AFTER)


class OAIClient:
    """Talks to one repository. Limits default to the TONGWEN_HARVEST_* settings."""

    def __init__(
        self,
        base_url: str,
        *,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,
        retries: int | None = None,
        max_bytes: int | None = None,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url, embedded = split_credentials(base_url)
        self.auth = auth or embedded
        self.timeout = timeout if timeout is not None else settings.TONGWEN_HARVEST_TIMEOUT
        self.retries = retries if retries is not None else settings.TONGWEN_HARVEST_RETRIES
        self.max_bytes = (
            max_bytes if max_bytes is not None else settings.TONGWEN_HARVEST_MAX_RESPONSE_BYTES
        )
        self.backoff = backoff
        self.sleep = sleep
        self.session = session or requests.Session()
        self.session.headers.setdefault("User-Agent", "Tongwen-harvester/1.0 (OAI-PMH 2.0)")

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> OAIClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Requests --------------------------------------------------------------------------

    def identify(self) -> Identify:
        return parse_identify(self.fetch({"verb": "Identify"}))

    def list_records(
        self,
        *,
        metadata_prefix: str,
        set_spec: str = "",
        from_: str = "",
        resumption_token: str = "",
    ) -> ListPage:
        """One page of ListRecords: the first (by arguments) or the next (by token)."""
        if resumption_token:
            params = {"verb": "ListRecords", "resumptionToken": resumption_token}
        else:
            params = {"verb": "ListRecords", "metadataPrefix": metadata_prefix}
            if set_spec:
                params["set"] = set_spec
            if from_:
                params["from"] = from_
        return parse_list_records(self.fetch(params))

    # Transport -------------------------------------------------------------------------

    def _delay(self, attempt: int) -> float:
        return min(self.backoff * 2**attempt, MAX_BACKOFF) + random.uniform(0, self.backoff)

    def fetch(self, params: dict[str, str]) -> bytes:
        """The body of a GET with ``params``, retried on what a retry can fix."""
        attempt = 0
        while True:
            try:
                status, body, wait = self._attempt(params)
            except (
                requests.ConnectionError,
                requests.Timeout,
                requests.exceptions.ChunkedEncodingError,
            ) as error:
                if attempt >= self.retries:
                    raise HarvestError(
                        _("Could not reach the partner at %(url)s: %(problem)s")
                        % {"url": self.base_url, "problem": error.__class__.__name__}
                    ) from None
                self.sleep(self._delay(attempt))
                attempt += 1
                continue
            if status >= 500:
                if attempt >= self.retries:
                    raise HarvestError(
                        _("The partner kept answering HTTP %(status)s after %(n)s attempts.")
                        % {"status": status, "n": attempt + 1}
                    )
                self.sleep(wait if wait is not None else self._delay(attempt))
                attempt += 1
                continue
            if status >= 400:
                self._raise_client_error(status, body, params)
            return body

    def _attempt(self, params: dict[str, str]) -> tuple[int, bytes, float | None]:
        with self.session.get(
            self.base_url,
            params=params,
            auth=self.auth,
            timeout=self.timeout,
            stream=True,
            allow_redirects=True,
        ) as response:
            wait = _retry_after(response) if response.status_code == 503 else None
            if response.status_code >= 500:
                return response.status_code, b"", wait
            return response.status_code, self._read_capped(response), None

    def _read_capped(self, response: requests.Response) -> bytes:
        declared = _optional_int(response.headers.get("Content-Length"))
        if declared is not None and declared > self.max_bytes:
            raise self._too_large()
        chunks: list[bytes] = []
        size = 0
        for chunk in _iter_chunks(response):
            size += len(chunk)
            if size > self.max_bytes:
                raise self._too_large()
            chunks.append(chunk)
        return b"".join(chunks)

    def _too_large(self) -> HarvestError:
        return HarvestError(
            _("The partner's response is larger than the limit of %(size)s.")
            % {"size": filesizeformat(self.max_bytes)}
        )

    def _raise_client_error(self, status: int, body: bytes, params: dict[str, str]) -> None:
        # Some providers send their OAI-PMH errors with a 4xx status: report theirs.
        if body:
            try:
                parse_response(body, params.get("verb", ""))
            except OAIError:
                raise
            except HarvestError:
                pass
        if status in (401, 403):
            raise HarvestError(
                _("The partner refused access (HTTP %(status)s): check the credentials.")
                % {"status": status}
            )
        raise HarvestError(
            _("The partner answered HTTP %(status)s for %(url)s.")
            % {"status": status, "url": self.base_url}
        )


def _iter_chunks(response: requests.Response) -> Iterator[bytes]:
    yield from response.iter_content(chunk_size=65536)
