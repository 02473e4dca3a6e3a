"""Each kind is indexed, kept current on create/update/delete, and rebuilt by the command."""

import datetime

from django.core.management import call_command

from citizens.models import CaseType, Visit
from conftest import make_program
from documents.models import Citation, CitedDocument
from programs.models import Task, TaskKind
from search.models import Kind, SearchEntry
from search.tests.conftest import DENOUNCER, find, receive


def test_each_kind_is_found(commune, clerk, program, seat, activity):
    document = CitedDocument.objects.create(
        kind="Chỉ thị", number="33", symbol="CT-TTg", key="chi thi|33|cttg|"
    )
    Citation.objects.create(program=program, document=document, position=1)
    petition = receive(commune, clerk, content="Phản ánh đường giao thông xóm Đồng Tâm xuống cấp")
    visit = Visit.objects.create(
        unit=commune,
        number=1,
        date=datetime.date(2026, 8, 4),
        sealed="",
        content="Hỏi về thủ tục cấp giấy chứng nhận quyền sử dụng đất",
        case_type=CaseType.PETITION,
    )
    assert (Kind.PROGRAM, program.pk) in find(clerk, "cong tac dvcq")
    assert (Kind.TASK, program.tasks.get(position=2).pk) in find(clerk, "nhiem vu so 2")
    assert (Kind.DOCUMENT, document.pk) in find(clerk, "33/CT-TTg")
    assert find(clerk, "thuy loi")[0] == (Kind.ACTIVITY, activity.pk)
    assert find(clerk, "pham van nam")[0] == (Kind.MEMBER, seat.pk)
    assert find(clerk, "dong tam")[0] == (Kind.PETITION, petition.pk)
    assert find(clerk, "giay chung nhan quyen su dung")[0] == (Kind.VISIT, visit.pk)


def test_non_secret_petitioner_found_by_name_without_diacritics(commune, clerk, viewer):
    petition = receive(commune, clerk, content="Kiến nghị sửa cầu tràn")
    assert find(viewer, "nguyen van khieu")[0] == (Kind.PETITION, petition.pk)


def test_denouncer_identity_and_content_are_never_found(commune, clerk, chair, viewer):
    petition = receive(
        commune,
        clerk,
        case_type=CaseType.DENUNCIATION,
        name=DENOUNCER,
        content="Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục",
        summary="Tố cáo hành vi của công chức trong thủ tục đất đai",
    )
    assert petition.handlers.filter(pk=clerk.pk).exists()
    entry = SearchEntry.objects.get(kind=Kind.PETITION, object_id=petition.pk)
    for text in (entry.title, entry.body, entry.folded, entry.title_folded):
        assert "bi mat" not in text.lower() and "Bí Mật" not in text
        assert "nhan tien" not in text and "nhận tiền" not in text
    for user in (clerk, chair, viewer):  # not even the assigned handler, through search
        assert find(user, DENOUNCER) == []
        assert find(user, "le thi bi mat") == []
        assert find(user, "038190009999") == []
        assert find(user, "nhan tien") == []
    assert find(viewer, "thu tuc dat dai") == [(Kind.PETITION, petition.pk)]


def test_index_follows_create_update_delete(commune, clerk, program):
    task = Task.objects.create(
        program=program,
        kind=TaskKind.SCHEDULED,
        text="Tổ chức hội nghị đối thoại với nhân dân",
        due_date=datetime.date(2023, 6, 30),
    )
    assert find(clerk, "doi thoai") == [(Kind.TASK, task.pk)]
    task.text = "Tổ chức hội nghị tiếp xúc cử tri"
    task.save()
    assert find(clerk, "doi thoai") == []
    assert find(clerk, "tiep xuc cu tri")[0] == (Kind.TASK, task.pk)
    task.delete()
    assert (Kind.TASK, task.pk) not in find(clerk, "tiep xuc cu tri")
    assert not SearchEntry.objects.filter(kind=Kind.TASK, object_id=task.pk).exists()


def test_deleting_a_program_removes_its_tasks(clerk, program):
    assert find(clerk, "nhiem vu so 1")
    program.delete()
    assert find(clerk, "nhiem vu so 1") == []
    assert not SearchEntry.objects.filter(kind__in=[Kind.PROGRAM, Kind.TASK]).exists()


def test_bulk_updates_recorded_in_audit_are_indexed(commune, clerk, program):
    from audit.services import record

    Task.objects.bulk_create(
        [
            Task(
                program=program,
                unit=commune,
                kind=TaskKind.FOCUS,
                text="Xây dựng mô hình Dân vận khéo",
                due_date=datetime.date(2023, 12, 31),
                quarter=4,
            )
        ]
    )
    assert find(clerk, "dan van kheo") == []  # no signal for bulk_create ...
    record(actor=clerk, unit=commune, target=program, verb="create", summary="tạo")
    assert [k for k, _ in find(clerk, "dan van kheo")] == [Kind.TASK]  # ... the audit event
    task = Task.objects.get(text__contains="khéo")
    Task.all_objects.filter(pk=task.pk).update(withdrawn=True)
    record(actor=clerk, unit=commune, target=task, verb="withdraw", summary="bỏ")
    assert find(clerk, "dan van kheo") == []


def test_rebuild_command(commune, clerk, other_program, activity, capsys):
    SearchEntry.objects.all().delete()
    assert find(clerk, "thuy loi") == []
    call_command("rebuild_search_index")
    assert "activity: 1" in capsys.readouterr().out
    assert find(clerk, "thuy loi")
    assert SearchEntry.objects.filter(kind=Kind.TASK).count() == 3
    call_command("rebuild_search_index")  # idempotent
    assert SearchEntry.objects.filter(kind=Kind.TASK).count() == 3


def test_rebuild_in_small_pieces_writes_the_same_index(commune, clerk, other_program, activity):
    from search import indexing

    def entries():
        return sorted(SearchEntry.objects.values_list("kind", "object_id", "folded", "scope"))

    whole = indexing.rebuild()
    expected = entries()
    pieces = indexing.rebuild(flush_every=2)
    assert pieces == whole and entries() == expected
    assert pieces[Kind.TASK] == 3


def test_reference_spellings_find_the_cited_document_first(commune, clerk):
    program = make_program(commune, tasks=0)
    document = CitedDocument.objects.create(
        kind="Chỉ thị",
        number="33",
        symbol="CT-TTg",
        key="chi thi|33|cttg|",
        issued_on=datetime.date(2021, 11, 26),
        issuer="Thủ tướng Chính phủ",
    )
    Citation.objects.create(program=program, document=document, position=1)
    task = Task.objects.create(
        program=program,
        kind=TaskKind.FOCUS,
        due_date=datetime.date(2023, 12, 31),
        text="Triển khai Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ",
    )
    for spelling in ("33/CT-TTg", "33-CT/TTg", "chỉ thị 33", "Chi thi so 33", "33 ct-ttg"):
        found = find(clerk, spelling)
        assert found[0] == (Kind.DOCUMENT, document.pk), spelling
        assert (Kind.TASK, task.pk) in found, spelling
    assert find(clerk, "chỉ thị 34") == []
