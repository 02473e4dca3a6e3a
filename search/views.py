"""The search page. The search box posts (``q``, ``kind``, ``unit``, ``year``, ``status``); the
words are kept in the session and the results open at ``/tim-kiem/?tim=1&page=``, so what was
searched (often a petitioner's name or a petition's words) never travels in a URL: browser
history, proxy and server logs, the Referer header. A ``q`` in a query string is ignored."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from search.forms import SearchForm
from search.highlight import highlight, snippet
from search.query import QueryError, parse
from search.services import MAX_RESULTS, search

SESSION_KEY = "search_page_query"
FIELDS = ("q", "kind", "unit", "year", "status")
MAX_POSTED = 20_000  # kept in the session; the parser refuses a long query with a message


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def search_page(request):
    if request.method == "POST":
        request.session[SESSION_KEY] = {
            k: request.POST.get(k, "").replace("\x00", "")[:MAX_POSTED] for k in FIELDS
        }
        return redirect(reverse("search:search") + "?tim=1")
    data = request.session.get(SESSION_KEY) if request.GET.get("tim") else None
    form = SearchForm(data, user=request.user)
    context = {"form": form, "results": None, "error": "", "max_results": MAX_RESULTS}
    if form.is_bound and form.is_valid():
        try:
            query = parse(form.cleaned_data["q"])
        except QueryError as exc:
            context["error"] = str(exc)
        else:
            try:
                page = int(request.GET.get("page", "1"))
            except ValueError:
                page = 1
            results = search(request.user, query, page=page, **form.filters())
            context["results"] = results
            context["rows"] = [
                {
                    "entry": entry,
                    "title": highlight(entry.title, query.highlight),
                    "snippet": highlight(snippet(entry.body, query.highlight), query.highlight),
                }
                for entry in results.entries
            ]
    return render(request, "search/search.html", context)
