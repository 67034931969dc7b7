"""Pages of the shared collection: public reading, and the workspace forms that write through
the services (a refused permission is the 403 page, a refused value an error on the form)."""

from __future__ import annotations

import importlib
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tongwen.accounts.selectors import is_platform_admin, member_institution_ids
from tongwen.agreements import selectors as agreement_selectors
from tongwen.agreements.models import Agreement, Initiative
from tongwen.catalog import images as image_store
from tongwen.catalog import permissions, selectors, services
from tongwen.catalog.forms import (
    GrantForm,
    ImageUploadForm,
    ResourceFilterForm,
    ResourceForm,
    keep_other_languages,
)
from tongwen.catalog.models import DigitalObject, Resource, SharingGrant
from tongwen.catalog.templatetags.catalog_tags import period_name, reader_language
from tongwen.common import history, langmap
from tongwen.common.actors import require
from tongwen.institutions.models import Institution

LIST_PAGE_SIZE = 30
_LANGUAGE_MAP_FIELDS = ("title", "edition_note", "extent_note", "description")


def _apply_validation_error(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form: by field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _resource_or_404(request: HttpRequest, slug: str) -> Resource:
    try:
        return selectors.resource_get(user=request.user, slug=slug)
    except Resource.DoesNotExist:
        raise Http404 from None


def _detail_url(resource: Resource) -> str:
    return reverse("catalog:resource-detail", args=[resource.slug])


def _editable_holders(user: Any) -> QuerySet[Institution]:
    return selectors.editable_institutions(user=user)


def _history_rows(resource: Resource) -> list[dict[str, Any]]:
    return [
        {"record": record, "fields": sorted(record.changes)}
        for record in history.history_for(resource)[:100]
    ]


# -- reading ----------------------------------------------------------------------------------


def resource_list(request: HttpRequest) -> HttpResponse:
    visible = selectors.resource_list(user=request.user)
    holders = list(Institution.objects.filter(pk__in=visible.values("holder_id")))
    codes = sorted(set(visible.exclude(period="").values_list("period", flat=True)))
    form = ResourceFilterForm(
        request.GET or None,
        holders=holders,
        periods=[(code, period_name(code)) for code in codes],
        signed_in=request.user.is_authenticated,
    )
    filters: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()  # a filter with a value not on offer is dropped, the others apply
        filters = {k: v for k, v in form.cleaned_data.items() if v is not None and v != ""}
    resources = selectors.resource_list(user=request.user, **filters)
    page = Paginator(resources, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/resource_list.html",
        {
            "form": form,
            "page": page,
            "resources": page.object_list,
            "filtered": bool(filters),
            "can_create": _editable_holders(request.user).exists(),
        },
    )


def _embed_snippet(request: HttpRequest, resource: Resource) -> str | None:
    """The viewer's ``<iframe>`` for other sites. A framed page has no Tongwen session, so
    only public resources can be embedded."""
    if resource.visibility != Resource.Visibility.PUBLIC:
        return None
    for name in ("tongwen.catalog.iiif.presentation", "tongwen.catalog.iiif.presentation_views"):
        try:
            embed_snippet = getattr(importlib.import_module(name), "embed_snippet", None)
        except ImportError:  # the IIIF modules are optional for this page
            continue
        if embed_snippet is not None:
            return str(embed_snippet(request, resource))
    return None


def _grants_covering(request: HttpRequest, resource: Resource) -> QuerySet[SharingGrant]:
    """Grants of the resource's holder that cover it, among those the user may see."""
    return (
        selectors.grant_list(user=request.user)
        .filter(grantor_id=resource.holder_id)
        .filter(Q(all_resources=True) | Q(resources=resource))
        .distinct()
    )


def resource_detail(request: HttpRequest, slug: str) -> HttpResponse:
    resource = _resource_or_404(request, slug)
    return render(
        request,
        "catalog/resource_detail.html",
        {
            "resource": resource,
            "images": list(resource.images.all()),
            "creators": list(resource.creators.all()),
            "access": selectors.resource_access(user=request.user, resource=resource),
            "can_edit": permissions.can_edit_resource(request.user, resource),
            "grants": list(_grants_covering(request, resource)),
            "embed": _embed_snippet(request, resource),
            "history": _history_rows(resource),
            "today": timezone.localdate(),
        },
    )


# -- writing ----------------------------------------------------------------------------------


def _agreements_of(user: Any, holder: Institution | None) -> QuerySet[Agreement]:
    """Agreements a resource may be linked to: those of the holder (of any institution the
    user edits for, on a new resource)."""
    qs = agreement_selectors.agreement_list(user=user)
    if holder is not None:
        return qs.filter(party_links__institution=holder).distinct()
    return qs.filter(party_links__institution__in=_editable_holders(user)).distinct()


def _initiatives_of(user: Any, holder: Institution | None) -> QuerySet[Initiative]:
    qs = agreement_selectors.initiative_list(user=user)
    institutions: Any = [holder] if holder is not None else _editable_holders(user)
    return qs.filter(agreement__party_links__institution__in=institutions).distinct()


def _derive_slug(title: langmap.LanguageMap) -> str:
    text = title.get("en") or langmap.to_pinyin(langmap.best(title))
    base = slugify(text, allow_unicode=False)[:100].strip("-") or "resource"
    slug, n = base, 1
    # Uniqueness only: whether a slug is taken, never what holds it.
    while Resource.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _resource_fields(form: ResourceForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    for name in ("holder", "slug", "creators", "agreements", "initiatives"):
        data.pop(name, None)
    return data


def _render_form(
    request: HttpRequest, form: ResourceForm, resource: Resource | None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "catalog/resource_form.html",
        {"form": form, "resource": resource, "creating": resource is None},
        status=status,
    )


@login_required
def resource_create(request: HttpRequest) -> HttpResponse:
    holders = _editable_holders(request.user)
    require(holders.exists())
    kwargs: dict[str, Any] = {
        "holders": holders,
        "agreements": _agreements_of(request.user, None),
        "initiatives": _initiatives_of(request.user, None),
    }
    if request.method != "POST":
        initial = {"holder": holders.first()} if holders.count() == 1 else {}
        return _render_form(request, ResourceForm(initial=initial, **kwargs), None)
    form = ResourceForm(request.POST, **kwargs)
    if form.is_valid():
        data = form.cleaned_data
        fields = _resource_fields(form)
        if not fields["viewing_direction"]:
            del fields["viewing_direction"]  # the service picks it from the kind and script
        try:
            resource = services.resource_create(
                actor=request.user,
                holder=data["holder"],
                slug=data["slug"] or _derive_slug(data["title"]),
                creators=form.creator_data(),
                agreements=list(data["agreements"]),
                initiatives=list(data["initiatives"]),
                **fields,
            )
        except ValidationError as error:
            _apply_validation_error(form, error)
        else:
            messages.success(request, _("The resource was created."))
            return redirect(_detail_url(resource))
    return _render_form(request, form, None, status=400)


def _changed_fields(resource: Resource, fields: dict[str, Any]) -> dict[str, Any]:
    """Only what the form changed, so that the service derives the rest again: a new date as
    written gives new years unless the years were edited too."""
    for name in _LANGUAGE_MAP_FIELDS:
        fields[name] = keep_other_languages(getattr(resource, name), fields[name])
    changed = {}
    for name, value in fields.items():
        current = getattr(resource, name)
        if name in _LANGUAGE_MAP_FIELDS:
            current = {t: v for t, v in current.items() if t != langmap.PINYIN_TAG}
        if value != current and not (value in ("", None) and current in ("", None)):
            changed[name] = value
    return changed


@login_required
def resource_edit(request: HttpRequest, slug: str) -> HttpResponse:
    resource = _resource_or_404(request, slug)
    require(permissions.can_edit_resource(request.user, resource))
    kwargs: dict[str, Any] = {
        "agreements": _agreements_of(request.user, resource.holder),
        "initiatives": _initiatives_of(request.user, resource.holder),
    }
    if request.method != "POST":
        initial = ResourceForm.initial_for(resource, reader_language())
        return _render_form(request, ResourceForm(initial=initial, **kwargs), resource)
    form = ResourceForm(request.POST, **kwargs)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.resource_update(
                actor=request.user,
                resource=resource,
                creators=form.creator_data(list(resource.creators.all())),
                agreements=list(data["agreements"]),
                initiatives=list(data["initiatives"]),
                **_changed_fields(resource, _resource_fields(form)),
            )
        except ValidationError as error:
            _apply_validation_error(form, error)
        else:
            messages.success(request, _("The resource was saved."))
            return redirect(_detail_url(resource))
    return _render_form(request, form, resource, status=400)


@login_required
def resource_delete(request: HttpRequest, slug: str) -> HttpResponse:
    resource = _resource_or_404(request, slug)
    require(permissions.can_edit_resource(request.user, resource))
    if request.method != "POST":
        return render(request, "catalog/resource_confirm_delete.html", {"resource": resource})
    services.resource_delete(actor=request.user, resource=resource)
    messages.success(request, _("“%(title)s” was deleted.") % {"title": resource.display_title})
    return redirect("catalog:resource-list")


def _images_page(
    request: HttpRequest, resource: Resource, form: ImageUploadForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "catalog/resource_images.html",
        {"resource": resource, "images": selectors.images_of(resource=resource), "form": form},
        status=status,
    )


@login_required
def resource_images(request: HttpRequest, slug: str) -> HttpResponse:
    """The images of a resource for its editors: upload, order, remove."""
    resource = _resource_or_404(request, slug)
    require(permissions.can_edit_resource(request.user, resource))
    if request.method != "POST":
        return _images_page(request, resource, ImageUploadForm())
    form = ImageUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        position = form.cleaned_data["position"]
        try:
            image_store.image_add(
                actor=request.user,
                resource=resource,
                file=upload,
                original_name=upload.name or "",
                label=form.cleaned_data["label"],
                order=None if position is None else position - 1,
            )
        except ValidationError as error:
            _apply_validation_error(form, error)
        else:
            messages.success(request, _("The image was added."))
            return redirect("catalog:resource-images", slug=resource.slug)
    return _images_page(request, resource, form, status=400)


@login_required
@require_POST
def resource_images_reorder(request: HttpRequest, slug: str) -> HttpResponse:
    """Each image has a position box; images are sorted by it (ties keep their order)."""
    resource = _resource_or_404(request, slug)
    require(permissions.can_edit_resource(request.user, resource))
    current = selectors.images_of(resource=resource)
    keyed = []
    for index, image in enumerate(current):
        raw = request.POST.get(f"position-{image.iiif_id}", "")
        try:
            position = int(raw)
        except ValueError:
            position = index + 1
        keyed.append((position, index, image.iiif_id))
    order = [iiif_id for _position, _index, iiif_id in sorted(keyed)]
    try:
        image_store.images_reorder(actor=request.user, resource=resource, order=order)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("The order of the images was saved."))
    return redirect("catalog:resource-images", slug=resource.slug)


@login_required
@require_POST
def resource_image_delete(request: HttpRequest, slug: str, iiif_id: str) -> HttpResponse:
    resource = _resource_or_404(request, slug)
    try:
        image = resource.images.get(iiif_id=iiif_id)
    except DigitalObject.DoesNotExist:
        raise Http404 from None
    image_store.image_delete(actor=request.user, image=image)
    messages.success(request, _("The image was removed."))
    return redirect("catalog:resource-images", slug=resource.slug)


# -- sharing ----------------------------------------------------------------------------------


def _grant_form(request: HttpRequest, data: Any = None) -> GrantForm | None:
    grantors = _editable_holders(request.user)
    if not grantors.exists():
        return None
    resources = selectors.resource_list(user=request.user).filter(holder__in=grantors)
    agreements = (
        agreement_selectors.agreement_list(user=request.user)
        .exclude(status=Agreement.Status.DRAFT)
        .filter(party_links__institution__in=grantors)
        .distinct()
    )
    initial: dict[str, Any] = {"valid_from": timezone.localdate()}
    if grantors.count() == 1:
        initial["grantor"] = grantors.first()
    return GrantForm(
        data, initial=initial, grantors=grantors, agreements=agreements, resources=resources
    )


def _sharing_page(request: HttpRequest, form: GrantForm | None, status: int = 200) -> HttpResponse:
    ids = member_institution_ids(request.user)
    grants = list(selectors.grant_list(user=request.user))
    editable = {i.pk for i in _editable_holders(request.user)}
    admin = is_platform_admin(request.user)
    return render(
        request,
        "catalog/sharing.html",
        {
            "form": form,
            "given": [g for g in grants if admin or g.grantor_id in ids],
            "received": [g for g in grants if g.grantee_id in ids],
            "revocable": {g.pk for g in grants if g.grantor_id in editable},
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def sharing(request: HttpRequest) -> HttpResponse:
    """The grants the user's institutions gave and received, and a form to give one."""
    if request.method != "POST":
        return _sharing_page(request, _grant_form(request))
    form = _grant_form(request, request.POST)
    require(form is not None)
    assert form is not None
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["resources"] = list(data["resources"])
        try:
            services.grant_create(actor=request.user, **data)
        except ValidationError as error:
            _apply_validation_error(form, error)
        else:
            messages.success(request, _("The grant was created."))
            return redirect("catalog:sharing")
    return _sharing_page(request, form, status=400)


@login_required
@require_POST
def grant_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        grant = selectors.grant_list(user=request.user).get(pk=pk)
    except SharingGrant.DoesNotExist:
        raise Http404 from None
    services.grant_revoke(actor=request.user, grant=grant)
    messages.success(request, _("The grant was revoked."))
    return redirect("catalog:sharing")
