"""``manage.py import_resources <holder-slug> <file>``: bulk import from CSV or XLSX."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongwen.catalog.importing import import_resources
from tongwen.common.actors import SYSTEM
from tongwen.institutions.models import Institution


class Command(BaseCommand):
    help = (
        "Create or update an institution's resources from a CSV or XLSX file. Prints every "
        "problem as row, column and problem (tab-separated) and the counts; exits with "
        "status 1 when there are problems."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("holder", help="identifier (slug) of the holding institution")
        parser.add_argument("file", type=Path, help="a .csv or .xlsx file")
        parser.add_argument(
            "--valid-rows-only",
            action="store_true",
            help="save the rows without problems even if other rows have some",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check everything and save nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            holder = Institution.objects.get(slug=options["holder"])
        except Institution.DoesNotExist:
            raise CommandError(f"No institution “{options['holder']}”.") from None
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        with path.open("rb") as file:
            report = import_resources(
                actor=SYSTEM,
                holder=holder,
                file=file,
                filename=path.name,
                valid_rows_only=options["valid_rows_only"],
                dry_run=options["dry_run"],
            )
        if report.problems:
            self.stdout.write("row\tcolumn\tproblem")
            for problem in report.problems:
                self.stdout.write(f"{problem.row}\t{problem.column}\t{problem.message}")
        self.stdout.write(report.summary())
        self.stdout.write(f"({report.seconds:.1f} s)")
        if report.problems:
            sys.exit(1)
