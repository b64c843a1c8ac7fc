from django.shortcuts import render
from django.views.decorators.http import require_GET

from regions import selectors


@require_GET
def index(request):
    return render(
        request, "regions/index.html", {"regions": selectors.region_index(viewer=request.user)}
    )


@require_GET
def region(request, code: str):
    """Public for the partners and activities; the people parts only for the community."""
    return render(
        request,
        "regions/region.html",
        {"page": selectors.region_page(viewer=request.user, code=code)},
    )
