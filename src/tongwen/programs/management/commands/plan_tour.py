from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tongwen.common.actors import SYSTEM
from tongwen.programs.models import Tour
from tongwen.programs.services import tours


class Command(BaseCommand):
    help = "Re-plan a tour's unpinned planned stops with the solver and print a summary."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("tour", help="The tour's identifier (slug).")
        parser.add_argument("--time-limit", type=int, default=30, help="Seconds (default 30).")

    def handle(self, *args: Any, **options: Any) -> None:
        tour = Tour.objects.filter(slug=options["tour"]).first()
        if tour is None:
            raise CommandError(_("No tour has this identifier."))
        run = tours.tour_plan(actor=SYSTEM, tour=tour, time_limit=options["time_limit"])
        self.stdout.write(
            _(
                "%(status)s in %(seconds).1f s: %(stops)d stops planned, %(km).0f km, "
                "goals met: %(met)s."
            )
            % {
                "status": run.solver_status,
                "seconds": run.seconds,
                "stops": run.stops_planned,
                "km": run.total_km or 0,
                "met": _("yes") if run.goals_met else _("no"),
            }
        )
        for problem in run.problems:
            self.stdout.write(f"- {problem['message']}")
