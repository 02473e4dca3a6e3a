"""Searching the index for one user: scope, filters, ranking tiers, one page.

Ranking: cited documents named by a reference in the query, then the phrase in the title,
the phrase anywhere, every word, any word; newest first within a tier. At most
``MAX_RESULTS`` results are ranked ("more than 1,000": narrow the search): the candidates
are the newest ``MAX_RESULTS`` entries holding every word (one ``ORDER BY id DESC LIMIT``
query answered by the full-text index), the phrase tiers are decided among those
candidates only (one query over at most 1,000 rows), and entries with only some of the
words follow when fewer than a page's worth hold them all. A page therefore costs a few
bounded queries however many entries match; a phrase older than the newest 1,000 entries
holding all its words is not ranked first.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, Exists, IntegerField, Max, OuterRef, Q, Value, When

from accounts.access import visible_filter
from reports.models import SENT_STATUSES
from search.backends import ALL, ANY, DOCUMENTS_SCOPE, PHRASE, TITLE, backend
from search.models import Kind, SearchEntry
from search.query import ParsedQuery
from units.models import Unit

PAGE_SIZE = 20
MAX_RESULTS = 1000
CITIZEN_KINDS = (Kind.PETITION, Kind.VISIT)


def may_see_citizens(user) -> bool:
    """Petitions and visits are seen by everyone who sees their unit (``citizens.access``:
    ``visible_petitions`` is the unit scope); identities are never in the index."""
    return user.is_authenticated and user.unit_id is not None


def visible_entries(user):
    """The entries ``user`` may find: at or below their unit; cited documents that a visible
    program or task cites."""
    from documents.models import Citation, TaskCitation

    if not user.is_authenticated or user.unit_id is None:
        return SearchEntry.objects.none()
    cited = Citation.objects.filter(**visible_filter(user, "program__unit")).values("document_id")
    cited_by_tasks = TaskCitation.objects.filter(**visible_filter(user, "task__unit")).values(
        "document_id"
    )
    documents = Q(kind=Kind.DOCUMENT) & (Q(object_id__in=cited) | Q(object_id__in=cited_by_tasks))
    units = Unit.objects.filter(**visible_filter(user, "")).values("id")
    entries = SearchEntry.objects.filter(Q(unit_id__in=units) | documents)
    if not may_see_citizens(user):
        entries = entries.exclude(kind__in=CITIZEN_KINDS)
    # As ``reports.access.visible_reports``: another unit's report only once sent up.
    return entries.exclude(
        Q(kind=Kind.REPORT) & ~Q(unit_id=user.unit_id) & ~Q(status__in=SENT_STATUSES)
    )


@dataclass
class Results:
    entries: list
    total: int  # capped at MAX_RESULTS + 1
    page: int
    pages: int
    # Several words were asked for, some results hold them all, none as the phrase typed.
    phrase_missing: bool = False

    @property
    def more_than_max(self) -> bool:
        return self.total > MAX_RESULTS

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def filtered(user, *, kind="", unit=None, year=None, status=""):
    entries = visible_entries(user)
    if kind:
        entries = entries.filter(kind=kind)
    if unit is not None:
        entries = entries.filter(
            unit_id__in=Unit.objects.filter(path__startswith=unit.path).values("id")
        )
    if year:
        entries = entries.filter(year=year)
    if status:
        entries = entries.filter(status=status)
    return entries


def search(user, query: ParsedQuery, *, page: int = 1, **filters) -> Results:
    entries = filtered(user, **filters)
    engine = backend()
    unit = filters.get("unit") or user.unit
    scope = f"u{unit.pk}" if unit is not None else ""
    total = engine.match(entries, query, ANY, scope)[: MAX_RESULTS + 1].count()
    pages = max(1, -(-min(total, MAX_RESULTS) // PAGE_SIZE))
    page = min(max(1, page), pages)
    wanted = page * PAGE_SIZE
    ranked: list[int] = []

    def add(ids):
        seen = set(ranked)
        ranked.extend(pk for pk in ids if pk not in seen)

    if query.tokens:
        documents = entries.filter(kind=Kind.DOCUMENT)
        add(
            engine.match(documents, query, ALL, DOCUMENTS_SCOPE)
            .order_by("-id")
            .values_list("id", flat=True)[:wanted]
        )
    window = engine.window if unit is not None and unit.children.exists() else 0
    candidates = newest(engine, entries, query, ALL, scope, MAX_RESULTS, window)
    ordered = list(
        SearchEntry.objects.filter(pk__in=candidates)
        .annotate(
            in_title=_flag(engine.condition(query, TITLE, scope)),
            phrase=_flag(engine.condition(query, PHRASE, scope)),
        )
        .order_by("-in_title", "-phrase", "-id")
        .values_list("id", "phrase")[: wanted + len(ranked)]
    )
    add(pk for pk, _phrase in ordered)
    # Decided among the candidates, like the ranking: a query over the whole table for a
    # phrase nobody wrote is the slow case the candidates avoid.
    phrase_missing = len(query.words) > 1 and bool(ordered) and not ordered[0][1]
    # With one term "any word" is "every word": the candidates were all of them.
    if len(ranked) < wanted and len(candidates) < MAX_RESULTS and len(query.terms) > 1:
        add(newest(engine, entries, query, ANY, scope, wanted + len(ranked), window))
    page_ids = ranked[(page - 1) * PAGE_SIZE : wanted]
    rows = SearchEntry.objects.select_related("unit").in_bulk(page_ids)
    return Results(
        entries=[rows[pk] for pk in page_ids if pk in rows],
        total=total,
        page=page,
        pages=pages,
        phrase_missing=phrase_missing,
    )


def newest(engine, entries, query, tier, scope, limit, window=0) -> list[int]:
    """The ids of the newest ``limit`` entries matching at ``tier``. With a ``window``, the
    newest ``window`` rows are read first in id order (cheap when many entries match, where
    the index would fetch every match to sort them); the index answers the rest."""
    ids: list[int] = []
    if window:
        top = SearchEntry.objects.aggregate(top=Max("id"))["top"] or 0
        recent = entries.filter(
            engine.condition(query, tier, scope, indexed=False), id__gt=top - window
        )
        ids = list(recent.order_by("-id").values_list("id", flat=True)[:limit])
        if len(ids) >= limit:
            return ids
        entries = entries.filter(id__lte=top - window)
    older = engine.match(entries, query, tier, scope).order_by("-id")
    return ids + list(older.values_list("id", flat=True)[: limit - len(ids)])


def object_ids(user, kind: str, query: ParsedQuery):
    """The ``object_id`` of the ``kind`` entries of the user's unit and the units below it
    holding every word of ``query`` (as a word or, from two letters on, the start of one) and
    every reference token: a subquery answered by the full-text index, for ``pk__in=`` on the
    indexed model, whose own queryset still decides what the user may see."""
    if not user.is_authenticated or user.unit_id is None:
        return []
    return backend().object_ids(kind, query, ALL, f"u{user.unit_id}")


# From this many full-text matches on, ``matching`` asks the index once per candidate row
# instead of listing every match (SQLite).
MANY_MATCHES = 20_000


def matching(user, kind: str, query: ParsedQuery) -> Q:
    """A condition keeping the rows of the indexed model whose ``kind`` entry holds ``query``
    as ``object_ids`` finds them. With SQLite, when the index holds ``MANY_MATCHES`` or more
    matches in the user's scope (a common word over a province: ~90,000), reading every match
    and then its row costs more than testing the rows the caller reads in its own order (with
    a ``LIMIT``, only the newest): the condition is then an ``EXISTS`` on each row's entry,
    the matches listed once as full-text row ids, without reading the entries."""
    if not user.is_authenticated or user.unit_id is None:
        return Q(pk__in=[])
    engine = backend()
    scope = f"u{user.unit_id}"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                "LIMIT %s)",
                [engine.scoped_expression(query, ALL, scope), MANY_MATCHES],
            )
            many = cursor.fetchone()[0] >= MANY_MATCHES
        if many:
            entries = SearchEntry.objects.filter(
                engine.condition(query, ALL, scope), kind=kind, object_id=OuterRef("pk")
            )
            return Q(Exists(entries))
    return Q(pk__in=engine.object_ids(kind, query, ALL, scope))


def _flag(condition):
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())
