"""The two self-inspection templates every commune starts with.

1. DVCQ self-inspection on the 100-point scale of the Cần Thơ model (QĐ 2579/QĐ-UBND,
   21/11/2025; fact sheet §4.2): 10 points for organising and concretising documents, 90 for
   advising and implementing, up to 3 bonus and 3 deduction points; Xuất sắc ≥ 95 and
   Tốt ≥ 85 with no criterion at 0, Hoàn thành ≥ 75, otherwise Không hoàn thành. The
   detailed criteria of its Appendix II were not obtained: the criteria below follow the
   program's own tasks and can be edited by an administrator.
2. The joint administrative-reform (CCHC) self-inspection: the same structure, other data.
"""

from django.db import migrations

RATINGS = [
    ("Xuất sắc", 95, True),
    ("Tốt", 85, True),
    ("Hoàn thành", 75, False),
]

TEMPLATES = [
    {
        "code": "tu-kiem-tra-dvcq",
        "name": "Tự kiểm tra công tác Dân vận chính quyền",
        "basis": "Theo mô hình thang điểm 100 của QĐ 2579/QĐ-UBND ngày 21/11/2025 (Cần Thơ)",
        "sections": [
            (
                "I. Tổ chức quán triệt, cụ thể hóa văn bản về công tác Dân vận chính quyền và dân chủ ở cơ sở",
                [
                    ("Ban hành kế hoạch, chương trình công tác Dân vận chính quyền năm", 5),
                    ("Kiện toàn Ban Chỉ đạo, phân công nhiệm vụ thành viên", 5),
                ],
            ),
            (
                "II. Tham mưu, tổ chức thực hiện công tác Dân vận chính quyền và dân chủ ở cơ sở",
                [
                    ("Tuyên truyền, phổ biến chủ trương, chính sách, pháp luật", 15),
                    ("Cải cách hành chính, thực hiện cơ chế một cửa, một cửa liên thông", 15),
                    ("Thực hiện dân chủ ở cơ sở, đối thoại với Nhân dân", 15),
                    ("Tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh", 15),
                    ("Xây dựng phong cách, tác phong, văn hóa công vụ của cán bộ, công chức", 10),
                    ("Phong trào thi đua “Dân vận khéo”, xây dựng “điểm sáng” Dân vận chính quyền", 10),
                    ("Phối hợp với Mặt trận Tổ quốc và các đoàn thể; chế độ báo cáo sơ kết, tổng kết", 10),
                ],
            ),
        ],
    },
    {
        "code": "tu-kiem-tra-cchc",
        "name": "Tự kiểm tra công tác Cải cách hành chính",
        "basis": "Tự kiểm tra công tác Cải cách hành chính gắn với công tác Dân vận chính quyền",
        "sections": [
            (
                "I. Công tác chỉ đạo, điều hành cải cách hành chính",
                [
                    ("Ban hành và thực hiện kế hoạch cải cách hành chính năm", 10),
                    ("Kiểm tra, tuyên truyền cải cách hành chính", 5),
                ],
            ),
            (
                "II. Cải cách thể chế và thủ tục hành chính",
                [
                    ("Rà soát, công khai thủ tục hành chính", 15),
                    ("Giải quyết hồ sơ thủ tục hành chính đúng hạn", 20),
                ],
            ),
            (
                "III. Tổ chức bộ máy, đội ngũ cán bộ, công chức",
                [
                    ("Sắp xếp tổ chức bộ máy, vị trí việc làm", 10),
                    ("Kỷ luật, kỷ cương hành chính; đạo đức công vụ", 15),
                ],
            ),
            (
                "IV. Tài chính công, chính quyền điện tử và chuyển đổi số",
                [
                    ("Quản lý, sử dụng tài chính công", 10),
                    ("Dịch vụ công trực tuyến, chuyển đổi số", 15),
                ],
            ),
        ],
    },
]

BONUS = ("Điểm thưởng", "Mô hình “Dân vận khéo”, điển hình được cấp có thẩm quyền công nhận", 3)
DEDUCTION = ("Điểm trừ", "Vi phạm, sai sót bị cấp có thẩm quyền phát hiện, nhắc nhở", 3)


def seed(apps, schema_editor):
    Template = apps.get_model("inspections", "ChecklistTemplate")
    Section = apps.get_model("inspections", "ChecklistSection")
    Criterion = apps.get_model("inspections", "Criterion")
    Rating = apps.get_model("inspections", "RatingLevel")
    for spec in TEMPLATES:
        template, created = Template.objects.get_or_create(
            code=spec["code"], defaults={"name": spec["name"], "basis": spec["basis"]}
        )
        if not created:
            continue
        position = 0
        for position, (title, criteria) in enumerate(spec["sections"], start=1):
            section = Section.objects.create(template=template, position=position, title=title)
            for n, (text, points) in enumerate(criteria, start=1):
                Criterion.objects.create(
                    section=section, position=n, text=text, max_points=points, kind="scored"
                )
        for offset, (title, text, points), kind in (
            (1, BONUS, "bonus"),
            (2, DEDUCTION, "deduction"),
        ):
            section = Section.objects.create(
                template=template, position=position + offset, title=title
            )
            Criterion.objects.create(
                section=section, position=1, text=text, max_points=points, kind=kind
            )
        for label, points, no_zero in RATINGS:
            Rating.objects.create(
                template=template, label=label, min_points=points, requires_no_zero=no_zero
            )


def unseed(apps, schema_editor):
    Template = apps.get_model("inspections", "ChecklistTemplate")
    Template.objects.filter(code__in=[t["code"] for t in TEMPLATES], inspections=None).delete()


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
