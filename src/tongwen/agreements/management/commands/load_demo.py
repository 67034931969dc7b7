from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from tongwen.accounts.demo import credentials_file, sample_accounts_create
from tongwen.agreements.demo.loader import load_demo
from tongwen.catalog.demo.loader import load_catalog_demo
from tongwen.programs.demo.events import load_events_demo
from tongwen.programs.demo.tour import load_tour_demo
from tongwen.search import backends as search_backends
from tongwen.search import services as search_services


class Command(BaseCommand):
    help = (
        "Load the five source agreements, the sample collection and sample accounts. "
        "Running it again adds nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--image-scale",
            type=float,
            default=1.0,
            help="Draw the sample images at this fraction of their size (0 < scale <= 1).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Thousands of small commits: index once, at the end.
        with search_services.deferred():
            self._load(options)
        self.stdout.write(
            _("Search index: %(count)d documents.") % {"count": search_backends.get().count()}
        )

    def _load(self, options: Any) -> None:
        counts = load_demo()
        self.stdout.write(
            _(
                "Demo data: %(agreements)d agreements added; "
                "%(institutions)d institutions, %(people)d people present."
            )
            % counts
        )
        collection = load_catalog_demo(image_scale=options["image_scale"])
        self.stdout.write(
            _(
                "Sample collection: %(resources)d resources, %(images)d images and "
                "%(grants)d sharing grants added."
            )
            % collection
        )
        events = load_events_demo()
        self.stdout.write(
            _(
                "Sample programs: %(events)d events, %(venues)d venues and "
                "%(registrations)d registrations added."
            )
            % events
        )
        tour = load_tour_demo()
        self.stdout.write(
            _(
                "Touring exhibition: %(registry_venues_added)d candidate county libraries added; "
                "%(tour_stops)d stops in the plan."
            )
            % tour
        )
        accounts = sample_accounts_create()
        self.stdout.write(
            _("Sample accounts (sample data, not real people; kept in %(path)s):")
            % {"path": credentials_file()}
        )
        for username, password in accounts:
            self.stdout.write(f"  {username}  {password}")
