"""The search page: ``/tim-kiem/?q=...&kind=&unit=&year=&status=&page=``."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from search.forms import SearchForm
from search.highlight import highlight, snippet
from search.query import QueryError, parse
from search.services import MAX_RESULTS, search


@login_required
def search_page(request):
    form = SearchForm(request.GET or None, user=request.user)
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
