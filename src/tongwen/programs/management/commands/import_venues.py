from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tongwen.common.actors import SYSTEM
from tongwen.programs.services import venues


class Command(BaseCommand):
    help = (
        "Load the county-library registry (one sample candidate venue per county-level "
        "division) and, when given, venues from a CSV file. Running it again adds nothing new."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("csv", nargs="?", help="A venue CSV file to import after the registry.")
        parser.add_argument(
            "--valid-rows-only", action="store_true", help="Save the valid rows of a CSV file."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        added = venues.venues_registry_load(actor=SYSTEM)
        self.stdout.write(
            _("Registry: %(added)d candidate county libraries added (%(total)d counties).")
            % {"added": added, "total": len(venues.county_registry())}
        )
        if options["csv"]:
            path = Path(options["csv"])
            if not path.is_file():
                raise CommandError(_("No such file: %(path)s") % {"path": path})
            with path.open("rb") as handle:
                report = venues.venues_import_csv(
                    actor=SYSTEM,
                    file=handle,
                    valid_rows_only=options["valid_rows_only"],
                    filename=path.name,
                )
            for problem in report.problems:
                self.stdout.write(f"{problem.row}\t{problem.column}\t{problem.message}")
            self.stdout.write(report.summary())
            if report.problems and not report.saved:
                raise CommandError(_("Nothing was saved."))
