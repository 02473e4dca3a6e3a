"""The registry of cited documents: one entry per document, a page listing what rests on it."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

from conftest import make_program
from documents.models import CitedDocument
from programs.models import Program
from programs.next_year import draft_next_year

SEED = Path(__file__).resolve().parents[2] / "dvcq" / "seed" / "chuong-trinh-dvcq-2023.txt"


def test_one_entry_per_document_and_a_page_across_years(client, commune, clerk, charlie):
    call_command("import_program", str(SEED), unit=commune.code, stdout=StringIO())
    program = Program.objects.get()
    draft_next_year(program=program, actor=clerk)
    directive = CitedDocument.objects.get(kind="Chỉ thị", number="16", symbol="CT-TTg")
    client.force_login(clerk)
    page = client.get(reverse("documents:document", args=[directive.pk])).content.decode()
    assert "năm 2023" in page and "năm 2024" in page
    assert "Tổ chức tuyên truyền, phổ biến pháp luật" in page  # the Quý II task citing it
    listing = client.get(reverse("documents:document_list")).content.decode()
    assert listing.count(f'href="{reverse("documents:document", args=[directive.pk])}"') == 1
    program_page = client.get(reverse("programs:program", args=[program.pk])).content.decode()
    assert reverse("documents:document", args=[directive.pk]) in program_page
    # Another commune cannot see which programs rest on it.
    client.force_login(charlie)
    assert client.get(reverse("documents:document", args=[directive.pk])).status_code == 404


def test_task_list_filters_by_cited_document(client, commune, clerk):
    call_command("import_program", str(SEED), unit=commune.code, stdout=StringIO())
    program = Program.objects.get()
    decision = CitedDocument.objects.get(kind="Quyết định", number="827")
    client.force_login(clerk)
    response = client.get(
        reverse("programs:task_list") + f"?program={program.pk}&document={decision.pk}"
    )
    shown = [t.text for t in response.context["page"].object_list]
    assert shown and all("827/QĐ-TTg" in text for text in shown)
    assert len(shown) == 3


def test_same_document_under_other_spellings_is_merged(commune, clerk):
    from documents.importing import Citation
    from documents.services import document_for

    a = document_for(Citation(kind="Chỉ thị", number="33", number_year=None, symbol="CT-TTg"))
    b = document_for(Citation(kind="Chỉ thị", number="33", number_year=None, symbol="CT/TTG"))
    assert a == b and CitedDocument.objects.count() == 1
    make_program(commune)
