"""Keeping the index of cited documents."""

from documents.importing.citations import citation_key, extract_citations
from documents.models import Citation, CitedDocument, TaskCitation


def _key_string(citation) -> str:
    return "|".join(
        str(part or "")
        for part in citation_key(
            citation.kind, citation.number, citation.symbol, citation.number_year
        )
    )


def document_for(citation) -> CitedDocument:
    """The indexed document a citation names, created on first sight and completed later."""
    document, created = CitedDocument.objects.get_or_create(
        key=_key_string(citation),
        defaults={
            "kind": citation.kind,
            "number": citation.number,
            "number_year": citation.number_year,
            "symbol": citation.symbol,
            "issued_on": citation.date,
            "issuer": citation.issuer or "",
        },
    )
    if not created:
        missing = {}
        if document.issued_on is None and citation.date:
            missing["issued_on"] = citation.date
        if not document.issuer and citation.issuer:
            missing["issuer"] = citation.issuer
        if missing:
            CitedDocument.objects.filter(pk=document.pk).update(**missing)
    return document


def index_citations(program, citations) -> list[Citation]:
    rows = []
    for position, citation in enumerate(citations, start=1):
        rows.append(
            Citation(
                program=program,
                document=document_for(citation),
                position=position,
                written_as=f"{citation.number}/{citation.symbol}"[:80],
            )
        )
    return Citation.objects.bulk_create(rows)


def index_task_citations(tasks) -> list[TaskCitation]:
    """Link each saved task to the documents its own text cites."""
    rows = []
    for task in tasks:
        seen = set()
        for citation in extract_citations(task.text):
            document = document_for(citation)
            if document.pk not in seen:
                seen.add(document.pk)
                rows.append(TaskCitation(task=task, document=document))
    return TaskCitation.objects.bulk_create(rows, ignore_conflicts=True)
