from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stories import two_factor


class Command(BaseCommand):
    help = (
        "Reset a member of staff's two-step sign-in (a lost phone): their authenticator "
        "app and recovery codes stop working at once, and they set up a new app at their "
        "next sign-in. Recorded in the admin's history."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The username of the member of staff.")

    def handle(self, *args, username, **options):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        if two_factor.reset(user):
            self.stdout.write(
                self.style.SUCCESS(
                    f"Two-step sign-in of {username} reset: they set up a new app "
                    "at their next sign-in."
                )
            )
        else:
            self.stdout.write(f"{username} had no authenticator app set up.")
