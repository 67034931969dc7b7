"""Keep the search index in step with the database.

manage.py search_index rebuild        # everything again, with a progress bar
manage.py search_index check          # report drift; exit status 1 when there is some
manage.py search_index check --repair # and reindex what drifted
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm  # type: ignore[import-untyped]  # tqdm ships no stubs

from tongwen.search import backends, services

SHOWN = 10


class Command(BaseCommand):
    help = "Rebuild the search index, or check it against the database and repair drift."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rebuild", help=_("Index every document again."))
        check = sub.add_parser("check", help=_("Report documents missing, stale or phantom."))
        check.add_argument("--repair", action="store_true", help=_("Reindex what drifted."))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rebuild":
            self._rebuild(options)
        else:
            self._check(options)

    def _rebuild(self, options: Any) -> None:
        total = services.count_documents()
        with tqdm(
            total=total, unit=_("documents"), disable=options["verbosity"] < 1, file=self.stderr
        ) as bar:
            indexed = services.rebuild(progress=bar.update)
        self.stdout.write(
            _("Indexed %(count)d documents; the index holds %(held)d.")
            % {"count": indexed, "held": backends.get().count()}
        )

    def _check(self, options: Any) -> None:
        drift = services.check()
        for label, keys in (
            (_("missing from the index"), drift.missing),
            (_("stale in the index"), drift.stale),
            (_("in the index but not in the database"), drift.phantom),
        ):
            shown = ", ".join(keys[:SHOWN]) + (" …" if len(keys) > SHOWN else "")
            self.stdout.write(f"{len(keys):>8}  {label}" + (f": {shown}" if keys else ""))
        self.stdout.write(_("%(count)d documents checked.") % {"count": drift.checked})
        if drift.clean:
            self.stdout.write(_("The index matches the database."))
            return
        if options["repair"]:
            indexed, deleted = services.repair(drift)
            self.stdout.write(
                _("Repaired: %(indexed)d documents indexed, %(deleted)d removed.")
                % {"indexed": indexed, "deleted": deleted}
            )
            return
        raise CommandError(_("The index has drifted; run “search_index check --repair”."))
