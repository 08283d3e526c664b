"""The multiple uploader, holding pictures privately until the editor finishes.

The admin's "Add an image" button leads to Wagtail's multiple uploader. A
picture that needs nothing more is stored at once; ours need alt text, so
the uploader holds the file and shows the editor a form. Wagtail would hold
it as an UploadedFile, as it came, in public storage, and keep it there if
the editor never finishes. These views, subclasses of Wagtail's, hold it as
a `HeldUpload` instead: already cleaned by the one pipeline (the upload form
cleans it while it validates) and in private storage. Finishing stores the
cleaned picture in the library and removes the held one; so does deleting.

`remove_abandoned_uploads` removes held uploads older than a day, and any
file Wagtail itself held in public storage; `manage.py enforce_consent`,
which cron runs hourly, calls it.

config/urls.py routes the uploader's three URLs here, ahead of Wagtail's
admin URLs, so the names Wagtail's templates and script use
(`wagtailimages:add_multiple`, `...:create_multiple_from_uploaded_image`,
`...:delete_upload_multiple`) lead to these views.
"""

import datetime
import logging
import os

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.auth import require_admin_access
from wagtail.images.views import images, multiple
from wagtail.models import UploadedFile
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .image_privacy import CleanedPicture
from .images import HeldUpload, StoryImage

logger = logging.getLogger(__name__)

HELD_FOR = datetime.timedelta(days=1)
NOT_STORED = (
    "The picture could not be stored just now, so nothing was saved. "
    "Please try again in a few minutes; if it keeps happening, tell the site's administrators."
)
GONE = (
    "The uploaded picture is no longer here, so nothing was saved. "
    "Delete this entry and upload the picture again."
)


class HeldPictureGone(Exception):
    """The held picture could not be read back: it is no longer there."""


def not_stored(error):
    # The reason only: the error's file name is the editor's, and may name someone.
    logger.error("A picture could not be stored: %s", error.strerror or type(error).__name__)
    return NOT_STORED


class AddImageView(images.CreateView):
    """Wagtail's add form, telling the editor when the storage refuses the picture."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except OSError as error:  # the row was undone with Wagtail's transaction
            form.add_error("file", not_stored(error))
            self.produced_error_code = "storage_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class AddView(multiple.AddView):
    """Wagtail's multiple uploader, holding what needs more from the editor as a HeldUpload."""

    def post(self, request):
        uploaded = request.FILES.get("files[]")
        if uploaded is None:
            return HttpResponseBadRequest("Choose a picture to upload.")
        form = self.get_upload_form_class()(
            {
                "title": request.POST.get("title", uploaded.name),
                "collection": request.POST.get("collection"),
            },
            {"file": uploaded},
            user=request.user,
        )
        try:
            if form.is_valid():
                with transaction.atomic():
                    self.object = self.save_object(form)
                return JsonResponse(self.get_edit_object_response_data())
            if "file" in form.errors:
                return JsonResponse(self.get_invalid_response_data(form))
            # The picture is fine; the library needs more about it (its alt text).
            with transaction.atomic():
                self.upload_object = HeldUpload.objects.create(
                    file=form.cleaned_data["file"], uploaded_by_user=request.user
                )
        except OSError as error:
            return JsonResponse({"success": False, "error_message": not_stored(error)})
        self.object = self.model(
            title=form.data["title"], collection_id=request.POST.get("collection")
        )
        return JsonResponse(self.get_edit_upload_response_data())


def held_by(request, upload_id):
    upload = get_object_or_404(HeldUpload, pk=upload_id)
    if upload.uploaded_by_user_id != request.user.pk:
        raise PermissionDenied
    return upload


class CreateFromHeldUploadView(multiple.CreateFromUploadedImageView):
    """The editor's answers and the held picture become a library image."""

    def post(self, request, *args, **kwargs):
        upload_id = kwargs[self.upload_pk_url_kwarg]
        self.model = self.get_model()
        self.upload = held_by(request, upload_id)
        self.object = self.model()
        form = self.get_edit_form_class()(
            request.POST,
            request.FILES,
            instance=self.object,
            prefix=f"{self.edit_upload_form_prefix}-{upload_id}",
            user=request.user,
        )
        if form.is_valid():
            try:
                with transaction.atomic():
                    self.save_object(form)
                    self.upload.delete()  # and its file, once this commits
            except HeldPictureGone:
                form.add_error(None, GONE)
            except OSError as error:  # the storage refused it: still held, to try again
                form.add_error(None, not_stored(error))
        if not form.is_valid():
            return JsonResponse({"success": False, "form": self.render_form(form, upload_id)})
        return JsonResponse({"success": True, self.context_object_id_name: self.object.pk})

    def save_object(self, form):
        try:
            with self.upload.file.open("rb") as held:
                data = held.read()
        except OSError as error:
            raise HeldPictureGone from error
        # Only the pipeline writes held files (HeldUpload.file cleans what it stores).
        cleaned = CleanedPicture(data, name=os.path.basename(self.upload.file.name))
        self.object.file.save(cleaned.name, cleaned, save=False)
        self.object.uploaded_by_user = self.request.user
        form.save()

    def render_form(self, form, upload_id):
        return render_to_string(
            self.edit_form_template_name,
            {
                self.context_upload_name: self.upload,
                "edit_action": reverse(self.edit_upload_url_name, args=(upload_id,)),
                "delete_action": reverse(self.delete_upload_url_name, args=(upload_id,)),
                "form": form,
            },
            request=self.request,
        )


class DeleteHeldUploadView(multiple.DeleteUploadView):
    def post(self, request, *args, **kwargs):
        held_by(request, kwargs[self.upload_pk_url_kwarg]).delete()  # and its file
        return JsonResponse({"success": True})


def remove_abandoned_uploads(dry_run=False, now=None):
    """Remove pictures held for more than a day, and any Wagtail held in public
    storage (from before uploads were held privately). Returns how many."""
    abandoned = HeldUpload.objects.filter(held_at__lt=(now or timezone.now()) - HELD_FOR)
    in_public = UploadedFile.objects.filter(
        for_content_type=ContentType.objects.get_for_model(StoryImage)
    )
    count = abandoned.count() + in_public.count()
    if not dry_run:
        abandoned.delete()  # each file goes with its row (consent.storage.delete_file_with_row)
        for upload in in_public:
            upload.file.delete(save=False)
            upload.delete()
    return count


# Mounted at admin/images/add/ in config/urls.py, ahead of Wagtail's own.
add_image_urlpatterns = decorate_urlpatterns(
    [path("", AddImageView.as_view(), name="stories_add_image")], require_admin_access
)

urlpatterns = decorate_urlpatterns(
    [
        path("add/", AddView.as_view(), name="stories_add_multiple_images"),
        path(
            "create_from_uploaded_image/<int:uploaded_file_id>/",
            CreateFromHeldUploadView.as_view(),
            name="stories_create_from_held_upload",
        ),
        path(
            "delete_upload/<int:uploaded_file_id>/",
            DeleteHeldUploadView.as_view(),
            name="stories_delete_held_upload",
        ),
    ],
    require_admin_access,
)
