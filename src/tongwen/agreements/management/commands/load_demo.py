from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from tongwen.accounts.demo import credentials_file, sample_accounts_create
from tongwen.agreements.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the five source agreements and sample accounts. Running it again adds nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_demo()
        self.stdout.write(
            _(
                "Demo data: %(agreements)d agreements added; "
                "%(institutions)d institutions, %(people)d people present."
            )
            % counts
        )
        accounts = sample_accounts_create()
        self.stdout.write(
            _("Sample accounts (sample data, not real people; kept in %(path)s):")
            % {"path": credentials_file()}
        )
        for username, password in accounts:
            self.stdout.write(f"  {username}  {password}")
