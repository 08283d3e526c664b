"""Pages shown to a signed-in reader are theirs alone: no shared cache keeps them."""

from django.utils.cache import patch_cache_control


def private_when_signed_in(get_response):
    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response

    return middleware
