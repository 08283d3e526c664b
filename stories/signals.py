"""Page events the site answers.

Wagtail indexes a page when it is saved, which happens before the themes
chosen in the revision are stored; re-indexing a story once it is published
makes its themes searchable at once. A published story's pictures are
prepared in the background. A new story index gets the review workflow.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Workflow, WorkflowPage
from wagtail.search import index
from wagtail.signals import page_published

from .media_access import purge_pictures_of_members_story
from .pages import StoryIndexPage, StoryPage
from .renditions import prepare_on_publish
from .review import WORKFLOW_NAME

page_published.connect(prepare_on_publish, sender=StoryPage, dispatch_uid="prepare-renditions")
page_published.connect(
    purge_pictures_of_members_story, sender=StoryPage, dispatch_uid="purge-members-pictures"
)


@receiver(page_published, sender=StoryPage)
def index_published_story_with_its_themes(sender, instance, **kwargs):
    index.insert_or_update_object(instance)


@receiver(post_save, sender=StoryIndexPage)
def stories_go_through_story_review(sender, instance, created, raw=False, **kwargs):
    """A new story index gets the "Story review" workflow, so no story skips it."""
    if not created or raw:
        return
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=instance, defaults={"workflow": workflow})
