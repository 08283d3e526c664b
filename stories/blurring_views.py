"""Admin views for blurring: mark and blur regions; consent officers open originals."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from .blurring import (
    UNBLURRED_VIEWED,
    UnblurredOriginal,
    blur_image,
    face_detection_available,
    parse_regions,
    suggested_regions,
)


class BlurForm(forms.Form):
    regions = forms.CharField(
        required=False,  # an empty box gets the clearer message from parse_regions
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
        help_text=(
            "One region per line: left, top, width and height, in percent of the picture. "
            "Drag over the picture to add one."
        ),
    )
    no_longer_identifiable = forms.BooleanField(
        required=False,
        label="After blurring, no one in the picture can be recognised",
        help_text="Untick “shows an identifiable person” on the picture.",
    )

    def clean_regions(self):
        return parse_regions(self.cleaned_data["regions"])


def blur(request, image_id):
    image = get_object_or_404(get_image_model(), pk=image_id)
    policy = policy_registry.get_by_type(get_image_model())
    if not policy.user_has_permission_for_instance(request.user, "change", image):
        raise PermissionDenied
    suggestions = suggested_regions(image) if request.method == "GET" else []
    form = BlurForm(
        request.POST or None,
        initial={"regions": "\n".join(region.as_line() for region in suggestions)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            blur_image(image, form.cleaned_data["regions"], user=request.user)
        except (OSError, ValidationError) as error:
            messages.error(request, f"The picture could not be blurred: {error}")
        else:
            if form.cleaned_data["no_longer_identifiable"]:
                image.shows_identifiable_person = False
                image.save(update_fields=["shows_identifiable_person"])
            messages.success(
                request,
                f"“{image.title}” is blurred everywhere it is used. "
                "The unblurred original is kept for consent officers only.",
            )
            return redirect("wagtailimages:edit", image.pk)
    return render(
        request,
        "stories/admin/blur_image.html",
        {
            "image": image,
            "form": form,
            "detection_available": face_detection_available(),
            "suggested": len(suggestions),
            "originals": image.unblurred_originals.all()
            if request.user.has_perm("stories.view_private_consent")
            else [],
        },
    )


@permission_required("stories.view_private_consent", raise_exception=True)
def unblurred(request, pk):
    """Stream an unblurred original to a consent officer, and log that they opened it."""
    original = get_object_or_404(UnblurredOriginal, pk=pk)
    log(instance=original.image, action=UNBLURRED_VIEWED, user=request.user, data={"original": pk})
    return FileResponse(
        original.file.open("rb"),
        as_attachment=True,
        filename=original.file.name.rsplit("/", 1)[-1],
    )
