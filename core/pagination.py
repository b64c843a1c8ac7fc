from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int) -> dict:
    """The requested page of `items` (a bad page number gives the nearest page, never an
    error) and the current filters as a query string for the page links, as the shared
    `includes/pagination.html` expects them."""
    query = request.GET.copy()
    query.pop("page", None)
    page_obj: Page = Paginator(items, per_page).get_page(request.GET.get("page"))
    return {"page_obj": page_obj, "query": query.urlencode()}
