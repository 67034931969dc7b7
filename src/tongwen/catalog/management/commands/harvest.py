"""``manage.py harvest``: harvest a partner's OAI-PMH repository, list sources, add one.

    manage.py harvest SOURCE [--full]
    manage.py harvest --list
    manage.py harvest --add SLUG --institution INST --url URL --name NAME [--name-zh NAME]
                      [--prefix oai_dc] [--set SPEC] [--mapping oai_dc|qdc|mods] [--rights URI]

The command acts with the platform's own authority (``SYSTEM``), like the demo loader.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from tqdm import tqdm  # type: ignore[import-untyped]  # tqdm ships no stubs

from tongwen.catalog import selectors
from tongwen.catalog.models import HarvestRun, HarvestSource, Rights
from tongwen.catalog.oai.client import split_credentials
from tongwen.catalog.oai.harvester import harvest, harvest_source_create
from tongwen.common.actors import SYSTEM
from tongwen.institutions.models import Institution


def _summary(run: HarvestRun) -> str:
    return _(
        "%(status)s: %(seen)s seen, %(created)s created, %(updated)s updated, "
        "%(unchanged)s unchanged, %(deleted)s deleted, %(failed)s failed, %(pages)s pages."
    ) % {
        "status": capfirst(run.get_status_display()),
        "seen": run.seen,
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "deleted": run.deleted,
        "failed": run.failed,
        "pages": run.pages,
    }


class Command(BaseCommand):
    help = "Harvest a partner's OAI-PMH repository into the shared collection."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", nargs="?", help="slug of the source to harvest")
        parser.add_argument("--full", action="store_true", help="ask for every record")
        parser.add_argument("--list", action="store_true", help="list the sources")
        parser.add_argument("--add", metavar="SLUG", help="register a source")
        parser.add_argument("--institution", help="slug of its default holding institution")
        parser.add_argument("--url", help="the repository's base URL")
        parser.add_argument("--name", help="its name in English")
        parser.add_argument("--name-zh", help="its name in Chinese")
        parser.add_argument("--prefix", default="oai_dc", help="metadataPrefix to ask for")
        parser.add_argument("--set", default="", help="setSpec to harvest")
        parser.add_argument("--mapping", default="", choices=["", *HarvestSource.Mapping.values])
        parser.add_argument("--rights", default=Rights.CNE, help="rights when a record has none")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            self._list()
        elif options["add"]:
            self._add(options)
        elif options["source"]:
            self._harvest(options["source"], full=options["full"], bar=not options["no_progress"])
        else:
            raise CommandError(_("Name a source to harvest, or use --list or --add."))

    def _list(self) -> None:
        sources = selectors.harvest_source_list(user=SYSTEM)
        if not sources:
            self.stdout.write(_("No harvest sources."))
        for source in sources:
            runs = selectors.harvest_runs(source=source, limit=1)
            last = _summary(runs[0]) if runs else _("never harvested")
            since = (
                timezone.localtime(source.last_harvested).isoformat()
                if source.last_harvested
                else "-"
            )
            self.stdout.write(
                f"{source.slug}\t{source.institution.slug}\t"
                f"{split_credentials(source.base_url)[0]}\t{source.metadata_prefix}\t"
                f"{source.set_spec or '-'}\t{since}\t{last}"
            )

    def _add(self, options: dict[str, Any]) -> None:
        missing = [f"--{name}" for name in ("institution", "url", "name") if not options[name]]
        if missing:
            raise CommandError(_("--add needs %(options)s.") % {"options": ", ".join(missing)})
        try:
            institution = Institution.objects.get(slug=options["institution"])
        except Institution.DoesNotExist:
            raise CommandError(
                _("No institution “%(slug)s”.") % {"slug": options["institution"]}
            ) from None
        name = {"en": options["name"]}
        if options["name_zh"]:
            name["zh-Hans"] = options["name_zh"]
        mapping = options["mapping"] or (
            options["prefix"] if options["prefix"] in HarvestSource.Mapping.values else "oai_dc"
        )
        try:
            source = harvest_source_create(
                actor=SYSTEM,
                institution=institution,
                slug=options["add"],
                name=name,
                base_url=options["url"],
                metadata_prefix=options["prefix"],
                set_spec=options["set"],
                mapping=mapping,
                default_rights=options["rights"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(_("Added source “%(slug)s”.") % {"slug": source.slug})

    def _harvest(self, slug: str, *, full: bool, bar: bool) -> None:
        try:
            source = selectors.harvest_source_list(user=SYSTEM).get(slug=slug)
        except HarvestSource.DoesNotExist:
            raise CommandError(_("No harvest source “%(slug)s”.") % {"slug": slug}) from None
        progress = tqdm(
            desc=source.slug, unit=_("records"), disable=not bar or None, file=self.stderr._out
        )

        def advance(run: HarvestRun) -> None:
            if run.complete_list_size and progress.total != run.complete_list_size:
                progress.total = run.complete_list_size
                progress.refresh()
            progress.update(run.seen - progress.n)

        try:
            run = harvest(actor=SYSTEM, source=source, progress=advance, full=full)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        finally:
            progress.close()
        self.stdout.write(_summary(run))
        for problem in run.errors[:20]:
            where = problem.get("identifier") or _("page %(page)s") % {"page": problem.get("page")}
            self.stdout.write(f"  {where}: {problem.get('message')}")
        if run.status == HarvestRun.Status.FAILED:
            raise CommandError(run.errors[-1]["message"] if run.errors else _("The run failed."))
