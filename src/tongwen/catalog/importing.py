"""Bulk import of resources from a CSV file or an XLSX workbook.

The file has one header row and one resource per row. Every row goes through the same
service as the forms and the API (:func:`tongwen.catalog.services.resource_create`, or
``resource_update`` when the holder already has a resource with that identifier), so the
file is held to exactly the same rules. Every problem of every row is reported as
(row, column, problem); rows are numbered as a spreadsheet shows them (the header is row 1).

Unless ``valid_rows_only`` is given, a file with any problem saves nothing. ``dry_run`` checks
everything, inside a transaction that is rolled back.

Columns (English names, or the Chinese names in :data:`CHINESE_HEADERS`; any order; only
``slug`` is required, the others as the resource needs them):

``slug``
    The resource's identifier. An identifier the holder already uses updates that resource:
    the columns present in the file replace its values (an empty cell clears the value);
    columns absent from the file leave the values alone.
``kind``, ``edition``, ``rights``, ``visibility``
    A code (``ancient_book``) or its label in English or Chinese (``ancient book``, 古籍).
    ``rights`` also takes a statement URI or a short code: ``PDM``, ``CC0``,
    ``CC-BY-4.0``, ``CC-BY-NC-SA-4.0``, ``InC``, ``InC-EDU``, ``NoC-US``, ``CNE``...
    An empty ``visibility`` makes a new resource public and leaves an existing one as it is.
``title_<language>``, ``description_<language>``
    One column per language, the BCP 47 tag with ``_`` or ``-``: ``title_zh_hant``,
    ``title_zh_hans``, ``title_en``, ``description_lzh``...
``creators``
    Creators separated by ``;``, each ``NAME (ROLE, PERIOD)`` with role and period optional:
    ``司马迁 (author, western-han); 裴骃 (commentator)``. The role is a code or a label;
    the period a period code. A name in several languages gives its forms separated by
    ``|``, each optionally prefixed by its language tag and ``:``:
    ``司馬遷 | en:Sima Qian (author)``. An untagged Chinese name takes the Chinese variant of
    the row's title (zh-Hant or zh-Hans); other untagged names are ``und``.
``date_written``, ``script``, ``call_number``
    Text as is.
``period``
    A period code (``western-han``) or its name (西汉, 西漢, Western Han, Xī Hàn); left
    empty, it is derived from the dates. Creators' periods are written the same way.
``year_from``, ``year_to``, ``extent_juan``, ``extent_volumes``, ``extent_pages``
    Whole numbers (years before the common era are negative).
``subjects``, ``languages``
    Separated by ``;`` (languages also by ``,``): ``史部; 纪传类``, ``lzh; zh``.
``identifiers``
    ``scheme:value`` pairs separated by ``;``: ``isbn:9787101003048; local:A-12``.
``agreements``, ``initiatives``
    Identifiers (slugs) separated by ``;``; the holder must be party to each.

Full-width punctuation (；，：（）) is accepted wherever its ASCII form is. CSV files may be
UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030; the delimiter may be ``,``, ``;`` or
a tab. XLSX workbooks are read from their first sheet; ``.xls`` and macro-enabled workbooks
are refused, and so is a workbook whose contents unpack to more than
:func:`xlsx_max_unpacked_bytes` (a zip bomb). Empty rows are skipped; reading stops after
:data:`BLANK_ROWS_STOP` empty rows in a row (the tail of a formatted sheet).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import functools
import io
import re
import time
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

import langcodes
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, TextChoices
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tongwen.agreements import selectors as agreement_selectors
from tongwen.agreements.models import Agreement, AgreementParty, Initiative
from tongwen.catalog import periods, permissions, services
from tongwen.catalog.images import size_text
from tongwen.catalog.models import Creator, Resource, Rights
from tongwen.common import history
from tongwen.common.actors import require
from tongwen.common.langmap import PINYIN_TAG, LanguageMap
from tongwen.common.models import ChangeRecord
from tongwen.institutions.models import Institution

#: Reading stops after this many empty rows in a row.
BLANK_ROWS_STOP = 1000

#: Fields with a plain column of their own, in template order.
SIMPLE_COLUMNS = (
    "slug",
    "kind",
    "creators",
    "date_written",
    "year_from",
    "year_to",
    "period",
    "edition",
    "extent_juan",
    "extent_volumes",
    "extent_pages",
    "subjects",
    "languages",
    "script",
    "call_number",
    "identifiers",
    "rights",
    "visibility",
    "agreements",
    "initiatives",
)
#: Fields given one column per language: ``title_<tag>``.
LANGUAGE_COLUMNS = ("title", "description")
INTEGER_COLUMNS = ("year_from", "year_to", "extent_juan", "extent_volumes", "extent_pages")
TEXT_COLUMNS = ("date_written", "script", "call_number")

#: The columns of the downloadable template, in order.
TEMPLATE_COLUMNS = (
    "slug",
    "kind",
    "title_zh_hant",
    "title_zh_hans",
    "title_en",
    "creators",
    "date_written",
    "year_from",
    "year_to",
    "period",
    "edition",
    "extent_juan",
    "extent_volumes",
    "extent_pages",
    "subjects",
    "languages",
    "script",
    "call_number",
    "identifiers",
    "description_zh_hans",
    "description_en",
    "rights",
    "visibility",
    "agreements",
    "initiatives",
)

#: Chinese column names (simplified and traditional) and what they stand for: a field, or
#: ``(field, language tag)`` for the per-language columns.
CHINESE_HEADERS: dict[str, str | tuple[str, str]] = {
    "标识": "slug",
    "標識": "slug",
    "标识符": "slug",
    "標識符": "slug",
    "类型": "kind",
    "類型": "kind",
    "题名": ("title", "zh-Hans"),
    "題名": ("title", "zh-Hant"),
    "简体题名": ("title", "zh-Hans"),
    "簡體題名": ("title", "zh-Hans"),
    "繁体题名": ("title", "zh-Hant"),
    "繁體題名": ("title", "zh-Hant"),
    "英文题名": ("title", "en"),
    "英文題名": ("title", "en"),
    "责任者": "creators",
    "責任者": "creators",
    "年代": "date_written",
    "起始年": "year_from",
    "终止年": "year_to",
    "終止年": "year_to",
    "朝代": "period",
    "版本": "edition",
    "卷数": "extent_juan",
    "卷數": "extent_juan",
    "册数": "extent_volumes",
    "冊數": "extent_volumes",
    "页数": "extent_pages",
    "頁數": "extent_pages",
    "主题": "subjects",
    "主題": "subjects",
    "语种": "languages",
    "語種": "languages",
    "文字": "script",
    "索书号": "call_number",
    "索書號": "call_number",
    "其他标识符": "identifiers",
    "其他標識符": "identifiers",
    "简介": ("description", "zh-Hans"),
    "簡介": ("description", "zh-Hant"),
    "英文简介": ("description", "en"),
    "英文簡介": ("description", "en"),
    "权利声明": "rights",
    "權利聲明": "rights",
    "可见范围": "visibility",
    "可見範圍": "visibility",
    "协议": "agreements",
    "協議": "agreements",
    "项目": "initiatives",
    "項目": "initiatives",
}
_CHINESE_LANGUAGE_PREFIXES = {
    "题名": "title",
    "題名": "title",
    "简介": "description",
    "簡介": "description",
}

_LIST_SPLIT = re.compile(r"\s*[;；]\s*")
_LANGUAGE_SPLIT = re.compile(r"\s*[;；,，]\s*|\s+")
_CREATOR = re.compile(r"^(?P<name>.*?)\s*(?:[(（](?P<meta>[^()（）]*)[)）])?$", re.S)
_META_SPLIT = re.compile(r"\s*[,，、]\s*")
_TAGGED_NAME = re.compile(r"^(?P<tag>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\s*[:：]\s*(?P<text>.+)$")
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f\uf900-\ufaff]")
_INTEGER = re.compile(r"^[+-]?\d+$")
_IDENTIFIER = re.compile(r"^(?P<scheme>[^:：]*[^:：\s])\s*[:：]\s*(?P<value>\S.*)$", re.S)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


# The report -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportProblem:
    """One problem: ``row`` as the spreadsheet numbers it (1 is the header row, 0 the file
    as a whole), ``column`` as the file names it (empty for the whole row or file)."""

    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    """What an import found and did. The counts say what was (or, in a dry run or a refused
    file, would have been) created, updated and left unchanged."""

    filename: str
    dry_run: bool = False
    valid_rows_only: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    saved: bool = False
    seconds: float = 0.0
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def valid(self) -> int:
        return self.rows - self.invalid

    @property
    def file_problems(self) -> list[ImportProblem]:
        """Problems with the file itself or its header: they block any import."""
        return [p for p in self.problems if p.row <= 1]

    def summary(self) -> str:
        counts = ngettext(
            "%(rows)d row: %(created)d new, %(updated)d updated, %(unchanged)d unchanged, "
            "%(invalid)d with problems.",
            "%(rows)d rows: %(created)d new, %(updated)d updated, %(unchanged)d unchanged, "
            "%(invalid)d with problems.",
            self.rows,
        ) % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "invalid": self.invalid,
        }
        if self.saved:
            outcome = _("The valid rows were saved.") if self.invalid else _("Saved.")
        elif self.dry_run:
            outcome = _("This was a check: nothing was saved.")
        else:
            outcome = _("Nothing was saved.")
        return f"{counts} {outcome}"


class _FileRefused(Exception):
    def __init__(self, message: str, row: int = 0, column: str = "") -> None:
        super().__init__(message)
        self.problem = ImportProblem(row, column, message)


# Reading files --------------------------------------------------------------------------


def xlsx_max_unpacked_bytes() -> int:
    """How much an XLSX workbook may unpack to: generous for the largest allowed sheet."""
    return max(64 * 2**20, settings.TONGWEN_IMPORT_MAX_ROWS * 8 * 2**10)


def _read_limited(file: IO[bytes]) -> bytes:
    limit = settings.TONGWEN_UPLOAD_MAX_BYTES
    data = file.read(limit + 1)
    if len(data) > limit:
        raise _FileRefused(_("The file is larger than %(limit)s.") % {"limit": size_text(limit)})
    return data


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _FileRefused(
        _(
            "The file's text encoding is neither UTF-8 nor GB18030. Save it as "
            "“CSV UTF-8” and upload it again."
        )
    )


def _csv_rows(data: bytes) -> Iterator[list[Any]]:
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC):
        raise _FileRefused(_("This is a spreadsheet workbook, not a CSV file; name it .xlsx."))
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise _FileRefused(
            _("The CSV file cannot be read: %(problem)s") % {"problem": str(error)}
        ) from error


def _check_xlsx_archive(data: bytes) -> None:
    if data.startswith(_OLE_MAGIC):
        raise _FileRefused(
            _("Old Excel (.xls) workbooks are not supported; save it as .xlsx or CSV.")
        )
    if not data.startswith(_ZIP_MAGIC):
        raise _FileRefused(_("The file is not an XLSX workbook."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            content_types = (
                archive.read("[Content_Types].xml")
                if "[Content_Types].xml" in names
                and archive.getinfo("[Content_Types].xml").file_size < 2**20
                else b""
            )
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise _FileRefused(_("The file is not an XLSX workbook.")) from error
    if "xl/vbaProject.bin" in names or b"macroEnabled" in content_types:
        raise _FileRefused(
            _("The workbook contains macros; save it as a plain .xlsx workbook without them.")
        )
    if "xl/workbook.xml" not in names:
        raise _FileRefused(_("The file is not an XLSX workbook."))
    # zipfile stops each entry at its declared size (and fails its checksum beyond), so the
    # declared sizes bound what opening the workbook can unpack.
    unpacked = sum(entry.file_size for entry in entries)
    limit = xlsx_max_unpacked_bytes()
    if unpacked > limit:
        raise _FileRefused(
            _(
                "The workbook unpacks to more than %(limit)s; it cannot be imported "
                "(it may be a zip bomb)."
            )
            % {"limit": size_text(limit)}
        )


def _xlsx_rows(data: bytes) -> Iterator[list[Any]]:
    # openpyxl ships no type information (types-openpyxl is not a dependency).
    import openpyxl  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    _check_xlsx_archive(data)
    try:
        with warnings.catch_warnings():
            # Workbooks from other programs carry extensions openpyxl skips with a warning.
            warnings.simplefilter("ignore", UserWarning)
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise _FileRefused(_("The file is not a readable XLSX workbook.")) from error
    try:
        if not book.worksheets:
            raise _FileRefused(_("The workbook has no sheet."))
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    except (KeyError, OSError, ValueError, zipfile.BadZipFile) as error:
        raise _FileRefused(_("The file is not a readable XLSX workbook.")) from error
    finally:
        book.close()


def _rows_of(file: IO[bytes], filename: str) -> Iterator[list[Any]]:
    name = filename.lower()
    if name.endswith(".csv"):
        return _csv_rows(_read_limited(file))
    if name.endswith(".xlsx"):
        return _xlsx_rows(_read_limited(file))
    if name.endswith(".xls"):
        raise _FileRefused(
            _("Old Excel (.xls) workbooks are not supported; save it as .xlsx or CSV.")
        )
    if name.endswith((".xlsm", ".xltm", ".xlsb")):
        raise _FileRefused(
            _("The workbook contains macros; save it as a plain .xlsx workbook without them.")
        )
    raise _FileRefused(_("Upload a .csv or .xlsx file."))


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


# The header -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    index: int
    header: str  # as written in the file
    field: str
    language: str | None = None


def _language_tag(text: str) -> str | None:
    tag = text.strip().replace("_", "-")
    if not tag or not langcodes.tag_is_valid(tag):
        return None
    return str(langcodes.standardize_tag(tag))


def _column_meaning(header: str) -> tuple[str, str | None] | None:
    key = header.strip()
    chinese = CHINESE_HEADERS.get(key)
    if isinstance(chinese, tuple):
        return chinese
    if chinese:
        return chinese, None
    for prefix, name in _CHINESE_LANGUAGE_PREFIXES.items():
        if key.startswith(prefix + "_"):
            tag = _language_tag(key[len(prefix) + 1 :])
            return (name, tag) if tag else None
    lowered = key.lower().replace(" ", "_")
    if lowered in SIMPLE_COLUMNS:
        return lowered, None
    for name in LANGUAGE_COLUMNS:
        if lowered.startswith(name + "_"):
            tag = _language_tag(key[len(name) + 1 :])
            return (name, tag) if tag else None
    return None


def _read_header(cells: Sequence[Any]) -> tuple[list[_Column], list[ImportProblem]]:
    columns: list[_Column] = []
    problems: list[ImportProblem] = []
    seen: dict[tuple[str, str | None], str] = {}
    for index, cell in enumerate(cells):
        header = _cell_text(cell).lstrip("\ufeff")
        if not header:
            continue
        meaning = _column_meaning(header)
        if meaning is None:
            problems.append(ImportProblem(1, header, _("Unknown column.")))
            continue
        if meaning in seen:
            problems.append(
                ImportProblem(
                    1, header, _("Same column as “%(other)s”.") % {"other": seen[meaning]}
                )
            )
            continue
        seen[meaning] = header
        columns.append(_Column(index, header, meaning[0], meaning[1]))
    if ("slug", None) not in seen:
        problems.append(ImportProblem(1, "slug", _("The file needs a “slug” column.")))
    return columns, problems


# Values ---------------------------------------------------------------------------------


def _choice_key(text: str) -> str:
    return re.sub(r"[\s_]+", "-", text.strip().casefold())


def _choice_lookup(choices: type[TextChoices], extra: Iterable[tuple[str, str]] = ()) -> dict:
    """Every way a value may be written (code, member name, label in each interface
    language) mapped to its code."""
    lookup: dict[str, str] = {}
    for member in choices:
        lookup[_choice_key(member.value)] = member.value
        lookup[_choice_key(member.name)] = member.value
    for language in ("en", "zh-hans", "zh-hant", translation.get_language() or "en"):
        with translation.override(language):
            for member in choices:
                lookup.setdefault(_choice_key(str(member.label)), member.value)
    for text, value in extra:
        lookup[_choice_key(text)] = value
    return lookup


def _rights_codes() -> Iterator[tuple[str, str]]:
    for member in Rights:
        uri = member.value
        bare = uri.rstrip("/")
        yield bare, uri
        yield bare.replace("https://", "http://"), uri
        yield bare.replace("http://", "https://"), uri
        parts = bare.split("/")
        if "rightsstatements.org" in uri:
            yield parts[-2], uri  # InC-EDU
            yield f"{parts[-2]}-{parts[-1]}", uri  # InC-EDU-1.0
        elif "/licenses/" in uri:
            code = f"CC-{parts[-2].upper()}"
            yield code, uri  # CC-BY-NC
            yield f"{code}-{parts[-1]}", uri  # CC-BY-NC-4.0
    yield "CC0-1.0", Rights.CC0
    yield "PD", Rights.PDM
    yield "PDM-1.0", Rights.PDM


def _period_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for period in periods.PERIODS.values():
        for name in (period.code, period.zh_hans, period.zh_hant, period.en, period.pinyin):
            lookup.setdefault(_choice_key(name), period.code)
    return lookup


class _Vocabulary:
    """The lookups one import needs, built once."""

    def __init__(self, actor: Any) -> None:
        self.period = _period_lookup()
        self.kind = _choice_lookup(Resource.Kind)
        self.edition = _choice_lookup(Resource.Edition)
        self.visibility = _choice_lookup(Resource.Visibility)
        self.rights = _choice_lookup(Rights, _rights_codes())
        self.role = _choice_lookup(Creator.Role)
        self.agreements = {a.slug: a for a in agreement_selectors.agreement_list(user=actor)}
        self.initiatives = {
            i.slug: i for i in agreement_selectors.initiative_list(user=actor).order_by()
        }


@dataclass
class _Row:
    number: int
    cells: dict[_Column, str]
    problems: list[ImportProblem] = field(default_factory=list)
    #: Fields whose cells could not be read: the service's complaints about them are dropped.
    bad_fields: set[str] = field(default_factory=set)
    #: Set when the row cannot be handed to the service at all (its identifier is unusable).
    blocked: bool = False

    def problem(self, column: _Column | str, message: str) -> None:
        header = column.header if isinstance(column, _Column) else column
        self.problems.append(ImportProblem(self.number, header, message))
        if isinstance(column, _Column):
            self.bad_fields.add(column.field)


def _split(text: str, pattern: re.Pattern[str] = _LIST_SPLIT) -> list[str]:
    return [part for part in pattern.split(text) if part]


def _unknown(field_name: str, text: str) -> str:
    messages = {
        "kind": _("“%(value)s” is not a known kind."),
        "period": _("“%(value)s” is not a known dynasty or period."),
        "edition": _("“%(value)s” is not a known edition."),
        "rights": _("“%(value)s” is not a known rights statement."),
        "visibility": _("“%(value)s” is not a known visibility."),
    }
    return messages[field_name] % {"value": text}


def _lookup(row: _Row, column: _Column, text: str, table: dict[str, str]) -> str:
    if not text:
        return ""
    value = table.get(_choice_key(text))
    if value is None:
        row.problem(column, _unknown(column.field, text))
        return ""
    return value


def _integer(row: _Row, column: _Column, text: str) -> int | None:
    if not text:
        return None
    is_year = column.field in ("year_from", "year_to")
    if not _INTEGER.match(text) or (not is_year and int(text) < 0):
        row.problem(column, _("“%(value)s” is not a whole number.") % {"value": text})
        return None
    value = int(text)
    if is_year and value == 0:
        row.problem(column, _("There is no year 0; 1 BCE is -1."))
        return None
    if abs(value) > (9999 if is_year else 2**31 - 1):
        row.problem(column, _("“%(value)s” is out of range.") % {"value": text})
        return None
    return value


def _chinese_tag(title: LanguageMap) -> str:
    if title.get("zh-Hant") and not title.get("zh-Hans"):
        return "zh-Hant"
    if title.get("zh-Hans"):
        return "zh-Hans"
    return "zh"


def _creators(
    row: _Row, column: _Column, text: str, vocabulary: _Vocabulary, chinese: str
) -> list[services.CreatorData]:
    creators: list[services.CreatorData] = []
    for number, part in enumerate(_split(text), start=1):
        match = _CREATOR.match(part)
        assert match is not None  # the pattern matches any text
        name: LanguageMap = {}
        for form in (f.strip() for f in match["name"].split("|")):
            if not form:
                continue
            tagged = _TAGGED_NAME.match(form)
            if tagged and langcodes.tag_is_valid(tagged["tag"]):
                name[str(langcodes.standardize_tag(tagged["tag"]))] = tagged["text"].strip()
            else:
                name[chinese if _HAN.search(form) else "und"] = form
        if not name:
            row.problem(
                column,
                _("Creator %(n)d: the name is missing (“%(text)s”).") % {"n": number, "text": part},
            )
            continue
        meta = _split(match["meta"] or "", _META_SPLIT)
        if len(meta) > 2:
            row.problem(
                column,
                _("Creator %(n)d: write “name (role, period)” (got “%(text)s”).")
                % {"n": number, "text": part},
            )
            continue
        only = _choice_key(meta[0]) if len(meta) == 1 else ""
        if only and only not in vocabulary.role and only in vocabulary.period:
            meta = [Creator.Role.AUTHOR, meta[0]]  # "name (period)"
        role = vocabulary.role.get(_choice_key(meta[0])) if meta else Creator.Role.AUTHOR
        if role is None:
            row.problem(
                column,
                _("Creator %(n)d: “%(role)s” is not a known role.")
                % {"n": number, "role": meta[0]},
            )
            continue
        period = ""
        if len(meta) > 1:
            period = vocabulary.period.get(_choice_key(meta[1]), "")
            if not period:
                row.problem(
                    column,
                    _("Creator %(n)d: “%(period)s” is not a known dynasty or period.")
                    % {"n": number, "period": meta[1]},
                )
                continue
        creators.append({"name": name, "role": role, "period": period})
    return creators


def _languages(row: _Row, column: _Column, text: str) -> list[str]:
    tags = []
    for tag in _split(text, _LANGUAGE_SPLIT):
        if langcodes.tag_is_valid(tag):
            tags.append(tag)
        else:
            row.problem(column, _("“%(tag)s” is not a language tag.") % {"tag": tag})
    return tags


def _identifiers(row: _Row, column: _Column, text: str) -> list[dict[str, str]]:
    identifiers = []
    for part in _split(text):
        match = _IDENTIFIER.match(part)
        if match is None:
            row.problem(
                column,
                _("Write each identifier as scheme:value (got “%(text)s”).") % {"text": part},
            )
            continue
        identifiers.append({"scheme": match["scheme"].strip(), "value": match["value"].strip()})
    return identifiers


def _links(row: _Row, column: _Column, text: str, known: dict[str, Any], missing: str) -> list[Any]:
    found = []
    for slug in _split(text):
        if slug in known:
            found.append(known[slug])
        else:
            row.problem(column, missing % {"slug": slug})
    return found


@dataclass
class _Parsed:
    slug: str
    fields: dict[str, Any]


def _parse_row(row: _Row, columns: list[_Column], vocabulary: _Vocabulary) -> _Parsed:
    values: dict[str, Any] = {}
    maps: dict[str, LanguageMap] = {}
    creators_column: _Column | None = None
    for column in columns:
        text = row.cells.get(column, "")
        if column.language is not None:
            maps.setdefault(column.field, {})
            if text:
                maps[column.field][column.language] = text
        elif column.field == "creators":
            creators_column = column
        elif column.field in INTEGER_COLUMNS:
            values[column.field] = _integer(row, column, text)
        elif column.field in TEXT_COLUMNS:
            values[column.field] = text
        elif column.field == "slug":
            values["slug"] = text
        elif column.field == "kind":
            values["kind"] = _lookup(row, column, text, vocabulary.kind)
        elif column.field == "period":
            values["period"] = _lookup(row, column, text, vocabulary.period)
        elif column.field == "edition":
            values["edition"] = _lookup(row, column, text, vocabulary.edition)
        elif column.field == "rights":
            values["rights"] = _lookup(row, column, text, vocabulary.rights)
        elif column.field == "visibility" and text:
            # Left empty, a new resource is public and an existing one keeps its visibility.
            values["visibility"] = _lookup(row, column, text, vocabulary.visibility)
        elif column.field == "subjects":
            values["subjects"] = _split(text)
        elif column.field == "languages":
            values["languages"] = _languages(row, column, text)
        elif column.field == "identifiers":
            values["identifiers"] = _identifiers(row, column, text)
        elif column.field == "agreements":
            values["agreements"] = _links(
                row, column, text, vocabulary.agreements, _("There is no agreement “%(slug)s”.")
            )
        elif column.field == "initiatives":
            values["initiatives"] = _links(
                row, column, text, vocabulary.initiatives, _("There is no initiative “%(slug)s”.")
            )
    values.update(maps)
    if creators_column is not None:
        values["creators"] = _creators(
            row,
            creators_column,
            row.cells.get(creators_column, ""),
            vocabulary,
            _chinese_tag(maps.get("title", {})),
        )
    year_from, year_to = values.get("year_from"), values.get("year_to")
    if year_from is not None and year_to is not None and year_from > year_to:
        column = next(c for c in columns if c.field == "year_to")
        row.problem(column, _("The range cannot end before it starts."))
        values["year_to"] = None  # reported here; the service need not trip over it too
    return _Parsed(slug=values.pop("slug", ""), fields=values)


# Saving ---------------------------------------------------------------------------------


def _with_kept_languages(current: LanguageMap, given: LanguageMap, tags: set[str]) -> LanguageMap:
    """The file's values for the languages it has columns for; the values in other languages
    stay; pinyin is derived again."""
    kept = {t: v for t, v in (current or {}).items() if t not in tags and t != PINYIN_TAG}
    return {**kept, **given}


def _existing_resources(slugs: list[str]) -> dict[str, Resource]:
    """The resources already using these identifiers (any holder), with what an update
    compares: creators, agreements, initiatives."""
    found: dict[str, Resource] = {}
    creators = Prefetch("creators", Creator.objects.order_by("order", "id"))
    for start in range(0, len(slugs), 500):
        batch = Resource.objects.filter(slug__in=slugs[start : start + 500]).prefetch_related(
            creators, "agreements", "initiatives"
        )
        for resource in batch:
            found[resource.slug] = resource
    return found


def _collect_rows(
    file: IO[bytes], filename: str, report: ImportReport
) -> tuple[list[_Column], list[_Row]]:
    """The header's columns and the non-empty rows, with the problems found in reading."""
    rows_iter = _rows_of(file, filename)
    header_cells: list[Any] | None = None
    for cells in rows_iter:
        if any(_cell_text(c) for c in cells):
            header_cells = cells
            break
    if header_cells is None:
        raise _FileRefused(_("The file is empty."))
    columns, header_problems = _read_header(header_cells)
    report.problems.extend(header_problems)
    by_index = {column.index: column for column in columns}
    headed = {index for index, cell in enumerate(header_cells) if _cell_text(cell)}
    max_rows = settings.TONGWEN_IMPORT_MAX_ROWS
    rows: list[_Row] = []
    blanks = 0
    # The header may follow empty rows; rows are numbered as the spreadsheet shows them.
    number = 1
    for cells in rows_iter:
        number += 1
        texts = [_cell_text(c) for c in cells]
        if not any(texts):
            blanks += 1
            if blanks >= BLANK_ROWS_STOP:
                break
            continue
        blanks = 0
        if len(rows) >= max_rows:
            raise _FileRefused(
                _("The file has more than %(max)d rows; split it into smaller files.")
                % {"max": max_rows}
            )
        row = _Row(number, {})
        for index, text in enumerate(texts):
            column = by_index.get(index)
            if column is not None:
                row.cells[column] = text
            elif text and index not in headed:
                row.problem(
                    _("column %(n)d") % {"n": index + 1}, _("This value has no column heading.")
                )
        rows.append(row)
    return columns, rows


@dataclass
class _Pending:
    """A checked row waiting to be written: a new resource, or the validated new state of an
    existing one with the changes the history will record."""

    row: _Row
    resource: Resource
    existing: Resource | None
    creators: list[Creator] | None
    agreements: list[Agreement] | None
    initiatives: list[Initiative] | None
    changes: dict[str, Any] = field(default_factory=dict)

    @property
    def new(self) -> bool:
        return self.existing is None


class _Importer:
    """One import, in two passes. The check pass validates every row with the catalog's own
    validator (:func:`services.validate_resource`) and writes nothing; the write pass updates
    changed resources through :func:`services.resource_update` and creates the new ones in
    bulk, exactly as :func:`services.resource_create` would (same normalisation, same
    defaults, same history, same change hooks) but in a few statements instead of a dozen
    per row: that is what makes ten thousand rows take seconds rather than minutes."""

    def __init__(
        self, *, actor: Any, holder: Institution, columns: list[_Column], report: ImportReport
    ) -> None:
        self.actor = actor
        self.holder = holder
        self.columns = columns
        self.report = report
        self.slug_header = next(c.header for c in columns if c.field == "slug")
        self.language_tags = {
            name: {c.language for c in columns if c.field == name and c.language}
            for name in LANGUAGE_COLUMNS
        }
        self.first_row: dict[str, int] = {}
        # Problems are listed in the order of the file's columns.
        self.position: dict[str, int] = {}
        for column in columns:
            self.position.setdefault(column.header, column.index)
            self.position.setdefault(column.field, column.index)
        self.party_to = set(
            AgreementParty.objects.filter(institution=holder).values_list("agreement_id", flat=True)
        )
        self.now = timezone.now()

    # The check pass ----------------------------------------------------------------------

    def check(self, rows: list[_Row]) -> list[_Pending]:
        vocabulary = _Vocabulary(self.actor)
        parsed = [(row, _parse_row(row, self.columns, vocabulary)) for row in rows]
        existing = _existing_resources([p.slug for _row, p in parsed if p.slug])
        pending: list[_Pending] = []
        for row, values in parsed:
            resource = existing.get(values.slug) if values.slug else None
            self._check_slug(row, values.slug, resource)
            if not row.blocked:
                item = self._check_row(row, values, resource)
                if item is not None and not row.problems:
                    pending.append(item)
            if row.problems:
                end = len(self.position) + 1
                row.problems.sort(key=lambda p: self.position.get(p.column, end))
                self.report.invalid += 1
                self.report.problems.extend(row.problems)
        return pending

    def _check_slug(self, row: _Row, slug: str, resource: Resource | None) -> None:
        if not slug:
            row.problem(self.slug_header, _("Give the resource's identifier."))
        elif slug in self.first_row:
            row.problem(
                self.slug_header,
                _("The identifier “%(slug)s” is already used in row %(row)d.")
                % {"slug": slug, "row": self.first_row[slug]},
            )
        elif resource is not None and resource.holder_id != self.holder.pk:
            row.problem(
                self.slug_header,
                _("The identifier “%(slug)s” is used by another institution.") % {"slug": slug},
            )
        elif resource is not None and resource.is_deleted:
            row.problem(
                self.slug_header,
                _("The identifier “%(slug)s” belongs to a withdrawn resource.") % {"slug": slug},
            )
        else:
            self.first_row[slug] = row.number
            return
        row.blocked = True

    def _check_row(self, row: _Row, values: _Parsed, existing: Resource | None) -> _Pending | None:
        """Validate the row as the service will; ``None`` if it has problems or (for an
        existing resource) changes nothing."""
        fields = dict(values.fields)
        creators = fields.pop("creators", None)
        agreements = fields.pop("agreements", None)
        initiatives = fields.pop("initiatives", None)
        if existing is None:
            resource = Resource(
                holder=self.holder,
                slug=values.slug,
                kind=fields.pop("kind", ""),
                title=fields.pop("title", {}),
                rights=fields.pop("rights", ""),
                modified_at=self.now,
                **fields,
            )
            # The service's default: traditional Chinese books read right to left.
            if services.reads_right_to_left(
                kind=resource.kind,
                script=resource.script,
                languages=resource.languages,
                year_from=resource.year_from,
            ):
                resource.viewing_direction = Resource.ViewingDirection.RIGHT_TO_LEFT
        else:
            resource = copy.copy(existing)
            for name in LANGUAGE_COLUMNS:
                if name in fields:
                    fields[name] = _with_kept_languages(
                        getattr(existing, name), fields[name], self.language_tags[name]
                    )
            # As resource_update does: a new written date without years derives them anew.
            if "date_written" in fields and not {"year_from", "year_to"} & set(fields):
                resource.year_from = resource.year_to = None
                fields.setdefault("period", "")
            for name, value in fields.items():
                setattr(resource, name, value)
        try:
            # The database checks (identifier taken, holder exists) were made once for the
            # whole file; the database enforces them again on insert.
            services.validate_resource(resource, check_database=False)
            self._check_links(agreements, initiatives)
            built = self._build_creators(creators) if creators is not None else None
        except ValidationError as error:
            self._report_error(row, error)
            return None
        item = _Pending(row, resource, existing, built, agreements, initiatives)
        if existing is None:
            return item
        # What services.resource_update would record; nothing means the row is unchanged.
        item.changes = history.diff(
            history.snapshot(existing, services.RESOURCE_FIELDS),
            history.snapshot(resource, services.RESOURCE_FIELDS),
        )
        if creators is not None:
            old_creators = _creator_data(list(existing.creators.all()))
            new_creators = _creator_data(built or [])
            if old_creators != new_creators:
                item.changes["creators"] = [old_creators, new_creators]
        for name, given in (("agreements", agreements), ("initiatives", initiatives)):
            if given is not None:
                old_ids = sorted(x.pk for x in getattr(existing, name).all())
                new_ids = sorted(x.pk for x in given)
                if old_ids != new_ids:
                    item.changes[name] = [old_ids, new_ids]
        if not item.changes:
            self.report.unchanged += 1
            return None
        return item

    def _check_links(
        self, agreements: list[Agreement] | None, initiatives: list[Initiative] | None
    ) -> None:
        """What ``services.resource_create`` checks, against the holder's parties read once."""
        for agreement in agreements or []:
            if agreement.pk not in self.party_to:
                raise ValidationError(
                    {
                        "agreements": _("%(holder)s is not party to %(agreement)s.")
                        % {"holder": self.holder, "agreement": agreement}
                    }
                )
        for initiative in initiatives or []:
            if initiative.agreement_id not in self.party_to:
                raise ValidationError(
                    {
                        "initiatives": _(
                            "%(holder)s is not party to the agreement of %(initiative)s."
                        )
                        % {"holder": self.holder, "initiative": initiative}
                    }
                )

    @staticmethod
    def _build_creators(creators: list[services.CreatorData]) -> list[Creator]:
        """The creators as ``services.resource_create`` stores them, validated the same way."""
        built = []
        for order, data in enumerate(creators):
            creator = Creator(
                order=order,
                name=data.get("name") or {},
                role=data.get("role") or Creator.Role.AUTHOR,
                period=data.get("period", ""),
            )
            try:
                creator.full_clean(exclude=["resource", "person"])
                if creator.period and creator.period not in periods.PERIODS:
                    raise ValidationError(_("Unknown dynasty or period."), code="invalid")
            except ValidationError as error:
                raise ValidationError(
                    {
                        "creators": _("Creator %(n)s: %(problem)s")
                        % {"n": order + 1, "problem": "; ".join(error.messages)}
                    }
                ) from error
            built.append(creator)
        return built

    def _column_for(self, field_name: str) -> str:
        if field_name == NON_FIELD_ERRORS:
            return ""
        headers = [c.header for c in self.columns if c.field == field_name]
        return headers[0] if len(headers) == 1 else field_name

    def _report_error(self, row: _Row, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                row.problem("", message)
            return
        for field_name, errors in error.error_dict.items():
            if field_name in row.bad_fields:
                continue  # already reported, more precisely, when the cell was read
            for item in errors:
                for message in item.messages:
                    row.problem(self._column_for(field_name), message)

    # The write pass ----------------------------------------------------------------------

    def write(self, pending: list[_Pending]) -> None:
        """Write the checked rows; the caller owns the transaction."""
        self._update_all([item for item in pending if not item.new])
        self._create_all([item for item in pending if item.new])

    def _update_all(self, items: list[_Pending]) -> None:
        """Apply the checked changes as ``services.resource_update`` does, in bulk. The rows
        are locked and must not have changed since they were checked."""
        if not items:
            return
        locked: dict[int, dt.datetime] = {}
        ids = [item.resource.pk for item in items]
        for start in range(0, len(ids), 500):
            locked.update(
                Resource.objects.select_for_update()
                .filter(pk__in=ids[start : start + 500])
                .values_list("pk", "modified_at")
            )
        fresh = []
        for item in items:
            assert item.existing is not None
            if locked.get(item.resource.pk) != item.existing.modified_at:
                item.row.problem(
                    self.slug_header,
                    _("Someone changed this resource during the import; import the file again."),
                )
                self.report.invalid += 1
                self.report.problems.extend(item.row.problems)
                continue
            item.resource.modified_at = self.now
            fresh.append(item)
        # One bulk update per set of changed fields: a re-import usually changes few.
        groups: dict[tuple[str, ...], list[Resource]] = {}
        for item in fresh:
            changed = tuple(name for name in services.RESOURCE_FIELDS if name in item.changes)
            groups.setdefault(changed, []).append(item.resource)
        for changed, resources in groups.items():
            Resource.objects.bulk_update(resources, [*changed, "modified_at"], batch_size=200)
        recreate = [item for item in fresh if "creators" in item.changes]
        Creator.objects.filter(resource_id__in=[item.resource.pk for item in recreate]).delete()
        creators = []
        for item in recreate:
            for creator in item.creators or []:
                creator.resource = item.resource
                creators.append(creator)
        Creator.objects.bulk_create(creators, batch_size=500)
        for name in ("agreements", "initiatives"):
            relinked = [item for item in fresh if name in item.changes]
            through = getattr(Resource, name).through
            through.objects.filter(resource_id__in=[i.resource.pk for i in relinked]).delete()
            self._link(name, relinked)
        self._record(ChangeRecord.Action.UPDATE, fresh, [item.changes for item in fresh])
        self._announce([item.resource for item in fresh])
        self.report.updated += len(fresh)

    def _create_all(self, items: list[_Pending]) -> None:
        """Create the new resources as ``services.resource_create`` does, in bulk."""
        if not items:
            return
        Resource.objects.bulk_create([item.resource for item in items], batch_size=500)
        creators = []
        for item in items:
            for creator in item.creators or []:
                creator.resource = item.resource
                creators.append(creator)
        Creator.objects.bulk_create(creators, batch_size=500)
        self._link("agreements", items)
        self._link("initiatives", items)
        changes = [
            history.snapshot(item.resource, services.RESOURCE_FIELDS)
            | {"creators": _creator_data(item.creators or [])}
            for item in items
        ]
        self._record(ChangeRecord.Action.CREATE, items, changes)
        self._announce([item.resource for item in items])
        self.report.created += len(items)

    @staticmethod
    def _link(name: str, items: list[_Pending]) -> None:
        through = getattr(Resource, name).through
        column = "agreement_id" if name == "agreements" else "initiative_id"
        links = [
            through(resource_id=item.resource.pk, **{column: other.pk})
            for item in items
            for other in getattr(item, name) or []
        ]
        through.objects.bulk_create(links, batch_size=500)

    @staticmethod
    def _announce(resources: list[Resource]) -> None:
        """Run the catalog's change hooks (search indexing) after commit, as services do."""
        ids = [resource.pk for resource in resources]
        for hook in services.resource_changed_hooks:
            transaction.on_commit(functools.partial(hook, ids))

    def _record(self, action: str, items: list[_Pending], changes: list[dict[str, Any]]) -> None:
        """The history records the services write, one per resource, in bulk."""
        content_type = ContentType.objects.get_for_model(Resource)
        actor = self.actor if getattr(self.actor, "is_authenticated", False) else None
        records = [
            ChangeRecord(
                actor=actor,
                action=action,
                target_type=content_type,
                target_id=item.resource.pk,
                target_repr=str(item.resource)[:300],
                context_type=content_type,
                context_id=item.resource.pk,
                changes=change,
            )
            for item, change in zip(items, changes, strict=True)
        ]
        ChangeRecord.objects.bulk_create(records, batch_size=500)


def _creator_data(creators: list[Creator]) -> list[dict[str, Any]]:
    return [{"name": c.name, "role": c.role, "period": c.period} for c in creators]


def import_resources(
    *,
    actor: Any,
    holder: Institution,
    file: IO[bytes],
    filename: str,
    valid_rows_only: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Create or update ``holder``'s resources from a CSV or XLSX file; see the module
    docstring for the columns. Returns the report of every problem in every row.

    One transaction: without ``valid_rows_only`` it is rolled back if any row has a problem;
    with it, the rows without problems are kept. A ``dry_run`` is always rolled back. Problems
    with the file itself (its type, encoding, size or header) stop the import whatever the
    options. Raises ``PermissionDenied`` if ``actor`` may not add resources to ``holder``.
    """
    require(permissions.can_create_resource(actor, holder.pk))
    started = time.monotonic()
    report = ImportReport(filename=filename, dry_run=dry_run, valid_rows_only=valid_rows_only)
    try:
        columns, rows = _collect_rows(file, filename, report)
    except _FileRefused as refused:
        report.problems.append(refused.problem)
    else:
        report.rows = len(rows)
        if report.file_problems:
            report.invalid = report.rows
        else:
            importer = _Importer(actor=actor, holder=holder, columns=columns, report=report)
            pending = importer.check(rows)
            if dry_run or (report.problems and not valid_rows_only):
                # Say what would have happened.
                report.created = sum(1 for item in pending if item.new)
                report.updated = len(pending) - report.created
            else:
                try:
                    with transaction.atomic():
                        importer.write(pending)
                        if report.problems and not valid_rows_only:
                            transaction.set_rollback(True)  # a row failed while being written
                except IntegrityError:
                    # Someone took one of the identifiers between the check and the insert.
                    report.created = report.updated = 0
                    report.problems.append(
                        ImportProblem(
                            0,
                            "",
                            _(
                                "The collection changed during the import; nothing was saved. "
                                "Import the file again."
                            ),
                        )
                    )
                else:
                    report.saved = report.valid > 0 and (valid_rows_only or not report.problems)
    report.seconds = time.monotonic() - started
    return report


# The template ---------------------------------------------------------------------------


def template_rows() -> list[list[str]]:
    """The header and two sample rows, marked as samples, for the downloadable template."""
    sample = _("Sample row: replace or delete it.")
    rows = [
        list(TEMPLATE_COLUMNS),
        [
            "sample-shiji",
            "ancient_book",
            "史記",
            "史记",
            "Records of the Grand Historian (sample)",
            "司馬遷 | en:Sima Qian (author, western-han); 裴駰 (commentator)",
            "清乾隆四年",
            "",
            "",
            "",
            "woodblock",
            "130",
            "24",
            "",
            "史部; 紀傳類",
            "lzh",
            "Hant",
            "SB/990.1",
            "local:SJ-1739",
            "",
            sample,
            "PDM",
            "public",
            "",
            "",
        ],
        [
            "sample-rubbing",
            "rubbing",
            "",
            "曹全碑拓本",
            "Rubbing of the Cao Quan stele (sample)",
            "",
            "",
            "185",
            "",
            "",
            "rubbing",
            "",
            "1",
            "",
            "碑帖",
            "lzh",
            "Hans",
            "",
            "",
            "",
            sample,
            "CC-BY-4.0",
            "partners",
            "",
            "",
        ],
    ]
    return rows


def template_csv() -> bytes:
    """The template as CSV in UTF-8 with a BOM (so Excel reads the Chinese correctly)."""
    out = io.StringIO(newline="")
    csv.writer(out).writerows(template_rows())
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def template_xlsx() -> bytes:
    import openpyxl  # type: ignore[import-untyped]  # no type information, see above

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(_("Resources"))
    for row in template_rows():
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
