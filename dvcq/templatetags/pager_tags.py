"""``{% pager_links %}``: what the shared pager (``_pager.html``) shows, its links being the
current page's address with another ``page`` and every other query parameter (search words,
filters) kept."""

from django import template
from django.http import QueryDict

register = template.Library()


def _page_url(request, number: int) -> str:
    params = request.GET.copy() if request is not None else QueryDict(mutable=True)
    params.pop("page", None)
    params["page"] = str(number)
    return f"?{params.urlencode()}"


@register.simple_tag(takes_context=True)
def pager_links(context, page=None, number=None, count=None) -> dict | None:
    """``page`` (a Django Page), or its ``number`` and the ``count`` of pages. None when
    there is only one page."""
    if hasattr(page, "paginator"):
        number, count = page.number, page.paginator.num_pages
    number, count = int(number or 1), int(count or 1)
    if count <= 1:
        return None
    request = context.get("request")
    return {
        "number": number,
        "count": count,
        "previous": _page_url(request, number - 1) if number > 1 else "",
        "next": _page_url(request, number + 1) if number < count else "",
    }
