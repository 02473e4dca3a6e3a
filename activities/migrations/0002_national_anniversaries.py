"""The national anniversaries the programs mark every year."""

from django.db import migrations

NATIONAL = [
    # (name, day, month, first year, counting)
    ("ngày sinh Chủ tịch Hồ Chí Minh", 19, 5, 1890, "years"),
    ("Cách mạng Tháng Tám", 19, 8, 1945, "years"),
    ("Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam", 2, 9, 1945, "years"),
    ("ngày Chủ tịch Hồ Chí Minh viết bài báo “Dân vận”", 15, 10, 1949, "years"),
    ("Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam", 9, 11, 2013, "editions"),
]


def seed(apps, schema_editor):
    Anniversary = apps.get_model("activities", "Anniversary")
    for name, day, month, year, counting in NATIONAL:
        Anniversary.objects.get_or_create(
            unit=None,
            name=name,
            defaults={"day": day, "month": month, "base_year": year, "counting": counting},
        )


def unseed(apps, schema_editor):
    Anniversary = apps.get_model("activities", "Anniversary")
    Anniversary.objects.filter(unit=None, name__in=[row[0] for row in NATIONAL]).delete()


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
