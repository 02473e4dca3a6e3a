"""The criteria committees usually check before recognising a bright spot (fact sheet §4.3)."""

from django.db import migrations

CRITERIA = [
    "Có tên gọi, địa chỉ, chủ thể cụ thể",
    "Gắn với sự lãnh đạo của cấp ủy, sự điều hành của chính quyền",
    "Đã đăng ký với cơ quan phát động",
    "Phối hợp, huy động được nhiều lực lượng tham gia",
    "Được Nhân dân đồng tình, hưởng ứng",
    "Giải quyết được vấn đề bức xúc, thiết thực ở địa phương",
    "Có kết quả cụ thể, được thừa nhận, bền vững và có khả năng nhân rộng",
]


def seed(apps, schema_editor):
    Criterion = apps.get_model("brightspots", "EvaluationCriterion")
    for position, text in enumerate(CRITERIA, start=1):
        Criterion.objects.get_or_create(text=text, defaults={"position": position})


def unseed(apps, schema_editor):
    apps.get_model("brightspots", "EvaluationCriterion").objects.filter(text__in=CRITERIA).delete()


class Migration(migrations.Migration):
    dependencies = [("brightspots", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
