"""Pre-fills the time-limit table and the petition fields from the legal-facts sheet (§1).

Rules that changed on 1 July 2026 (NĐ 155/2026 amending NĐ 124/2020: acceptance of a
complaint in 7 working days) end on 30 June 2026 and a new row starts on 1 July 2026.
"""

import datetime

from django.db import migrations

OLD = datetime.date(2012, 7, 1)
CHANGE = datetime.date(2026, 7, 1)
BEFORE_CHANGE = datetime.date(2026, 6, 30)
DENUNCIATION_LAW = datetime.date(2019, 1, 1)

C, W = "calendar", "working"
KN, TC, KNPA, MIX = "complaint", "denunciation", "petition", "mixed"

# (step, case type, instance, complexity, remote, day kind, days, extensions, ext days,
#  legal basis, from, to)
RULES = [
    # Handling a petition (xử lý đơn)
    ("handle", KN, None, "", None, C, 10, 0, 0,
     "Thủ tục xử lý đơn (TT 05/2021/TT-TTCP): 10 ngày kể từ ngày nhận đơn", OLD, None),
    ("handle", KNPA, None, "", None, W, 10, 0, 0,
     "Luật Tiếp công dân 2013, Điều 28 khoản 1: trả lời trong 10 ngày làm việc", OLD, None),
    ("handle", MIX, None, "", None, C, 10, 0, 0,
     "TT 07/2014/TT-TTCP Điều 22; Thủ tục xử lý đơn: 10 ngày (hướng dẫn tách đơn)", OLD, None),
    ("handle", TC, None, "", None, W, 7, 0, 0,
     "Luật Tố cáo 2018, Điều 24 khoản 1: 07 ngày làm việc (tối đa 10 ngày làm việc nếu phải "
     "xác minh nhiều nơi)", DENUNCIATION_LAW, None),
    # Acceptance of a complaint
    ("accept", KN, 1, "", None, W, 10, 0, 0,
     "Luật Khiếu nại 2011, Điều 27; TT 07/2013/TT-TTCP Điều 5 khoản 1: 10 ngày làm việc",
     OLD, BEFORE_CHANGE),
    ("accept", KN, 1, "", None, W, 7, 0, 0,
     "NĐ 124/2020/NĐ-CP Điều 16 khoản 1, sửa đổi bởi NĐ 155/2026/NĐ-CP Điều 10: "
     "07 ngày làm việc", CHANGE, None),
    ("accept", KN, 2, "", None, C, 10, 0, 0,
     "Luật Khiếu nại 2011, Điều 36: 10 ngày", OLD, BEFORE_CHANGE),
    ("accept", KN, 2, "", None, W, 7, 0, 0,
     "NĐ 124/2020/NĐ-CP, sửa đổi bởi NĐ 155/2026/NĐ-CP: 07 ngày làm việc", CHANGE, None),
    # Not within competence: forward
    ("forward", TC, None, "", None, W, 5, 0, 0,
     "Luật Tố cáo 2018, Điều 24 khoản 2: chuyển đơn trong 05 ngày làm việc", DENUNCIATION_LAW,
     None),
    ("forward", KNPA, None, "", None, W, 5, 0, 0,
     "NĐ 20/2008/NĐ-CP Điều 9 khoản 1 điểm d: chuyển trong 05 ngày làm việc", OLD, None),
    # Notice of acceptance (denunciation)
    ("notify_accept", TC, None, "", None, W, 5, 0, 0,
     "Luật Tố cáo 2018, Điều 29 khoản 3: thông báo trong 05 ngày làm việc",
     DENUNCIATION_LAW, None),
    # Resolution of a complaint, 1st instance
    ("resolve", KN, 1, "", None, C, 30, 0, 0,
     "Luật Khiếu nại 2011, Điều 28: không quá 30 ngày kể từ ngày thụ lý", OLD, None),
    ("resolve", KN, 1, "complex", None, C, 45, 0, 0,
     "Luật Khiếu nại 2011, Điều 28: vụ việc phức tạp không quá 45 ngày", OLD, None),
    ("resolve", KN, 1, "", True, C, 45, 0, 0,
     "Luật Khiếu nại 2011, Điều 28: vùng sâu, vùng xa không quá 45 ngày", OLD, None),
    ("resolve", KN, 1, "complex", True, C, 60, 0, 0,
     "Luật Khiếu nại 2011, Điều 28: vùng sâu, vùng xa, vụ việc phức tạp không quá 60 ngày",
     OLD, None),
    # Resolution of a complaint, 2nd instance
    ("resolve", KN, 2, "", None, C, 45, 0, 0,
     "Luật Khiếu nại 2011, Điều 37: không quá 45 ngày kể từ ngày thụ lý", OLD, None),
    ("resolve", KN, 2, "complex", None, C, 60, 0, 0,
     "Luật Khiếu nại 2011, Điều 37: vụ việc phức tạp không quá 60 ngày", OLD, None),
    ("resolve", KN, 2, "", True, C, 60, 0, 0,
     "Luật Khiếu nại 2011, Điều 37: vùng sâu, vùng xa không quá 60 ngày", OLD, None),
    ("resolve", KN, 2, "complex", True, C, 70, 0, 0,
     "Luật Khiếu nại 2011, Điều 37: vùng sâu, vùng xa, vụ việc phức tạp không quá 70 ngày",
     OLD, None),
    # Resolution of a denunciation
    ("resolve", TC, None, "", None, C, 30, 0, 0,
     "Luật Tố cáo 2018, Điều 30: không quá 30 ngày kể từ ngày thụ lý", DENUNCIATION_LAW, None),
    ("resolve", TC, None, "complex", None, C, 30, 1, 30,
     "Luật Tố cáo 2018, Điều 30; NĐ 31/2019/NĐ-CP Điều 3: vụ việc phức tạp gia hạn một lần, "
     "không quá 30 ngày", DENUNCIATION_LAW, None),
    ("resolve", TC, None, "especially", None, C, 30, 2, 30,
     "Luật Tố cáo 2018, Điều 30; NĐ 31/2019/NĐ-CP Điều 3: vụ việc đặc biệt phức tạp gia hạn "
     "hai lần, mỗi lần không quá 30 ngày", DENUNCIATION_LAW, None),
    # Recommendations: reply within the reception law's limit after acceptance
    ("resolve", KNPA, None, "", None, W, 10, 0, 0,
     "Luật Tiếp công dân 2013, Điều 28 khoản 1: trả lời trong 10 ngày làm việc", OLD, None),
    # Sending the decision / conclusion
    ("send_decision", KN, 1, "", None, W, 3, 0, 0,
     "Luật Khiếu nại 2011, Điều 32: gửi quyết định trong 03 ngày làm việc", OLD, None),
    ("send_decision", KN, 2, "", None, C, 7, 0, 0,
     "Luật Khiếu nại 2011, Điều 41: gửi quyết định trong 07 ngày", OLD, None),
    ("send_decision", TC, None, "", None, W, 5, 0, 0,
     "Luật Tố cáo 2018, Điều 35 khoản 3: gửi kết luận trong 05 ngày làm việc",
     DENUNCIATION_LAW, None),
    # Publishing the conclusion of a denunciation
    ("publish", TC, None, "", None, W, 7, 0, 0,
     "Luật Tố cáo 2018, Điều 40: công khai kết luận trong 07 ngày làm việc",
     DENUNCIATION_LAW, None),
]

FIELDS = [
    ("dat-dai", "Đất đai"),
    ("boi-thuong", "Bồi thường, hỗ trợ, tái định cư"),
    ("chinh-sach-xa-hoi", "Chính sách xã hội"),
    ("moi-truong", "Môi trường"),
    ("can-bo", "Tác phong, đạo đức cán bộ, công chức"),
    ("khac", "Khác"),
]


def prefill(apps, schema_editor):
    rule = apps.get_model("citizens", "TimeLimitRule")
    for row in RULES:
        step, case_type, instance, complexity, remote, kind, days, ext, ext_days, basis, a, b = row
        rule.objects.create(
            step=step,
            case_type=case_type,
            instance=instance,
            complexity=complexity,
            remote=remote,
            day_kind=kind,
            days=days,
            extensions_allowed=ext,
            extension_days=ext_days,
            legal_basis=basis,
            effective_from=a,
            effective_to=b,
        )
    field = apps.get_model("citizens", "PetitionField")
    for position, (code, name) in enumerate(FIELDS):
        field.objects.get_or_create(code=code, defaults={"name": name, "position": position})


def remove(apps, schema_editor):
    apps.get_model("citizens", "TimeLimitRule").objects.all().delete()
    apps.get_model("citizens", "PetitionField").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("citizens", "0001_initial")]

    operations = [migrations.RunPython(prefill, remove)]
