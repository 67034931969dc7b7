"""The workspace page for bulk import: choose the holder, upload, check, import.

The uploaded file is kept under the data directory, named by a random token that only the
uploader's session knows, so that "Import" after "Check the file" and "Save the valid rows
only" after a refused import do not ask for the file again. It is removed once an import has
saved, and files older than a day are swept on every upload.
"""

from __future__ import annotations

import contextlib
import secrets
import time
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tongwen.catalog import importing, selectors
from tongwen.common.actors import require
from tongwen.institutions.models import Institution

SESSION_KEY = "catalog_imports"
_KEEP_SECONDS = 24 * 3600
_KEEP_PER_SESSION = 5
_SUFFIXES = (".csv", ".xlsx")
#: What the page's buttons send: check only, import all or nothing, save the valid rows.
_ACTIONS = ("check", "import", "import-valid")


class ImportForm(forms.Form):
    holder = forms.ModelChoiceField(
        label=gettext_lazy("Holding institution"), queryset=Institution.objects.none()
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A .csv or .xlsx file with one resource per row."),
    )

    def __init__(self, *args: Any, holders: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["holder"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = holders
        if holders.count() == 1:
            field.initial = holders.first()


def _upload_dir() -> Path:
    return Path(settings.DATA_DIR) / "import-uploads"


def _sweep(directory: Path) -> None:
    """Remove uploads nobody came back for."""
    cutoff = time.time() - _KEEP_SECONDS
    for path in directory.glob("*"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()


def _keep(request: HttpRequest, upload: UploadedFile, holder: Institution) -> str:
    """Store the upload and remember it in the session; returns its token."""
    directory = _upload_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _sweep(directory)
    name = upload.name or ""
    suffix = next((s for s in _SUFFIXES if name.lower().endswith(s)), ".bin")
    token = secrets.token_urlsafe(16)
    with (directory / f"{token}{suffix}").open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    kept: dict[str, Any] = request.session.get(SESSION_KEY, {})
    for old in list(kept)[: max(0, len(kept) - _KEEP_PER_SESSION + 1)]:
        _forget(request, old, kept)
    kept[token] = {"name": name, "suffix": suffix, "holder": holder.pk}
    request.session[SESSION_KEY] = kept
    return token


def _forget(request: HttpRequest, token: str, kept: dict[str, Any] | None = None) -> None:
    kept = kept if kept is not None else request.session.get(SESSION_KEY, {})
    entry = kept.pop(token, None)
    if entry:
        (_upload_dir() / f"{token}{entry['suffix']}").unlink(missing_ok=True)
    request.session[SESSION_KEY] = kept


def _page(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, "catalog/import_page.html", context, status=status)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    holders = selectors.editable_institutions(user=request.user)
    require(holders.exists())
    if request.method != "POST":
        return _page(request, {"form": ImportForm(holders=holders)})
    action = request.POST.get("action", "check")
    if action not in _ACTIONS:
        error = _("“%(action)s” is not an action of this page.") % {"action": action}
        return _page(request, {"form": ImportForm(holders=holders), "error": error}, status=400)
    token = request.POST.get("upload", "")
    if token:
        return _import_kept(request, token, action, holders)
    form = ImportForm(request.POST, request.FILES, holders=holders)
    if not form.is_valid():
        return _page(request, {"form": form}, status=400)
    holder: Institution = form.cleaned_data["holder"]
    upload: UploadedFile = form.cleaned_data["file"]
    if (upload.size or 0) > settings.TONGWEN_UPLOAD_MAX_BYTES:
        # Not worth keeping: let the importer say why it is refused.
        report = importing.import_resources(
            actor=request.user, holder=holder, file=upload, filename=upload.name or ""
        )
        return _page(request, {"form": form, "report": report, "holder": holder})
    token = _keep(request, upload, holder)
    return _import_kept(request, token, action, holders)


def _import_kept(
    request: HttpRequest, token: str, action: str, holders: QuerySet[Institution]
) -> HttpResponse:
    entry = request.session.get(SESSION_KEY, {}).get(token)
    path = _upload_dir() / f"{token}{entry['suffix']}" if entry else None
    if entry is None or path is None or not path.is_file():
        error = _("The uploaded file is no longer available; upload it again.")
        return _page(request, {"form": ImportForm(holders=holders), "error": error}, status=400)
    holder = holders.filter(pk=entry["holder"]).first()
    require(holder is not None)
    assert holder is not None
    with path.open("rb") as file:
        report = importing.import_resources(
            actor=request.user,
            holder=holder,
            file=file,
            filename=entry["name"],
            valid_rows_only=action == "import-valid",
            dry_run=action == "check",
        )
    if report.saved or (report.ok and not report.dry_run):
        _forget(request, token)
        token = ""
    return _page(
        request,
        {
            "form": ImportForm(holders=holders, initial={"holder": holder}),
            "report": report,
            "holder": holder,
            "upload": token,
            "filename": entry["name"],
        },
    )


@login_required
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The header row and two sample rows, as CSV (UTF-8 with BOM) or XLSX."""
    if fmt == "csv":
        response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            importing.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="tongwen-resources.{fmt}"'
    return response
