"""Which models become which documents: each context registers providers in its own
``search_documents`` module, found when the app registry is ready.

A context's ``search_documents`` module has:

* ``providers()`` → the ``Provider`` of each of its document types;
* optionally ``reader_tokens(user, institution_ids)`` → the readers tokens a user holds for its
  documents (``search.permissions`` unions them).

Saving or deleting a provider's model, or one of the models it ``follows``, schedules the
affected documents for reindexing after the transaction commits. Signals are the deliberate
extension point here, as in Wagtail's search: every write reaches the index, including the
admin's, whichever service made it. Bulk writes (``bulk_create``, ``update``) send no signals;
their services call ``search.services.schedule`` themselves.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save

from tongwen.common import langmap
from tongwen.search.engine import Document

Builder = Callable[[Iterable[Any]], Iterable[Document]]
Follower = Callable[..., Iterable[str]]  # (related instance, **signal kwargs) → keys to refresh


@dataclass(frozen=True)
class Provider:
    type: str
    model: builtins.type[models.Model]
    label: Any  # lazy translated name of the type ("Resource"): badge and facet value
    queryset: Callable[[], models.QuerySet[Any]]  # everything indexable, optimised for build
    build: Builder
    follows: dict[Any, Follower] = field(default_factory=dict)  # model or m2m through model
    # facet → the model choices its values come from, for their labels ("kind": Event.Kind)
    choices: dict[str, builtins.type[models.Choices]] = field(default_factory=dict)

    def key(self, pk: Any) -> str:
        return f"{self.type}:{pk}"

    def facet_labels(self, facet: str, values: Iterable[str]) -> dict[str, str]:
        """Labels (in the active language) of the values of ``facet`` this type's choices know."""
        if facet not in self.choices:
            return {}
        labels = dict(self.choices[facet].choices)
        return {v: str(labels[v]) for v in values if v in labels}


_providers: dict[str, Provider] = {}
_token_sources: list[Callable[[Any, set[int]], set[str]]] = []


def providers() -> dict[str, Provider]:
    return dict(_providers)


def provider(type_: str) -> Provider:
    return _providers[type_]


def token_sources() -> list[Callable[[Any, set[int]], set[str]]]:
    return list(_token_sources)


def split_key(key: str) -> tuple[str, str]:
    type_, _, pk = key.partition(":")
    return type_, pk


def register(new: Provider) -> None:
    from tongwen.search import services  # the handlers schedule through the service

    if new.type in _providers:
        return
    _providers[new.type] = new

    def changed(sender: Any, instance: Any, **kwargs: Any) -> None:
        if kwargs.get("raw"):  # fixtures load rows, not intent
            return
        services.schedule([new.key(instance.pk)])

    uid = f"tongwen.search:{new.type}"
    post_save.connect(changed, sender=new.model, weak=False, dispatch_uid=uid + ":save")
    post_delete.connect(changed, sender=new.model, weak=False, dispatch_uid=uid + ":delete")
    for related, follower in new.follows.items():
        _follow(uid, related, follower)


def _follow(uid: str, related: Any, follower: Follower) -> None:
    from tongwen.search import services

    def refresh(sender: Any, instance: Any, **kwargs: Any) -> None:
        if kwargs.get("raw"):
            return
        action = kwargs.get("action")
        if action is not None and action not in (
            "post_add",
            "post_remove",
            "post_clear",
            "pre_clear",
        ):
            return
        services.schedule(list(follower(instance, **kwargs)))

    name = f"{uid}:{related._meta.label}"
    if related._meta.auto_created:  # an m2m through table: follow the relation itself
        m2m_changed.connect(refresh, sender=related, weak=False, dispatch_uid=name + ":m2m")
        return
    post_save.connect(refresh, sender=related, weak=False, dispatch_uid=name + ":save")
    post_delete.connect(refresh, sender=related, weak=False, dispatch_uid=name + ":delete")


# Helpers for providers ---------------------------------------------------------------------


def texts(value: Any) -> list[str]:
    """Every non-empty string in a language map, a string, or a list of either."""
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str) and v]
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list):
        return [t for item in value for t in texts(item)]
    return []


def english(value: langmap.LanguageMap) -> tuple[str, ...]:
    """The English values of a language map, for the stemmed field."""
    return tuple(v for k, v in value.items() if k.lower().startswith("en") and v)


def one_line(maps: Iterable[langmap.LanguageMap], separator: str = " · ") -> dict[str, str]:
    """A summary line in Chinese and, when any part has it, English, from language maps."""
    present = [m for m in maps if m]
    tags = set()
    for value in present:
        for tag in value:
            if tag.startswith("en"):
                tags.add("en")
            elif tag != langmap.PINYIN_TAG:
                tags.add("zh-Hans")
    return {
        tag: separator.join(b for b in (langmap.best(m, tag) for m in present) if b)
        for tag in sorted(tags)
    }


def autodiscover() -> None:
    import importlib

    from django.apps import apps

    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.search_documents")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.search_documents":
                raise
            continue
        for each in module.providers():
            register(each)
        tokens = getattr(module, "reader_tokens", None)
        if tokens is not None and tokens not in _token_sources:
            _token_sources.append(tokens)
