"""Issue a private link to a storyteller's page and print its address.

    python manage.py storyteller_link HS-0001 [--guardian]

For a consent officer at a terminal, and for `make run`, which prints the
demo storyteller's link. The holder's earlier link stops working.
"""

from django.core.management.base import BaseCommand, CommandError

from stories.storyteller_page.links import StorytellerLink, holder_email, issue_link, page_url
from stories.storytellers import Storyteller


class Command(BaseCommand):
    help = "Issue a new private link to a storyteller's page and print its address."

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The storyteller's reference, e.g. HS-0001.")
        parser.add_argument(
            "--guardian",
            action="store_true",
            help="A link for their parent or guardian (codes go to the guardian's e-mail).",
        )

    def handle(self, reference, guardian=False, **options):
        storyteller = Storyteller.objects.filter(reference=reference.strip().upper()).first()
        if storyteller is None:
            raise CommandError(f"No storyteller has the reference {reference}.")
        holder = StorytellerLink.Holder.GUARDIAN if guardian else StorytellerLink.Holder.STORYTELLER
        if not holder_email(StorytellerLink(storyteller=storyteller, holder=holder)):
            whose = "their parent or guardian" if guardian else "the storyteller"
            raise CommandError(
                f"{storyteller.reference} has no e-mail address for {whose}: the one-time "
                "code could not be sent, so no link was issued. Add the address first."
            )
        _link, token = issue_link(storyteller, holder=holder)
        self.stdout.write(page_url(token))
