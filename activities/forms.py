"""Forms of the activity pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.anniversaries import for_unit
from activities.models import ActivityKind, Anniversary, Counting
from programs.forms import MultipleEvidenceField
from programs.models import Task


class TaskChoiceField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        # No id is that long, and SQLite fails on an integer beyond 64 bits in ``IN (...)``.
        too_long = [str(v) for v in value or () if len(str(v)) > 18]
        if isinstance(value, list | tuple) and too_long:
            raise forms.ValidationError(
                self.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": too_long[0][:20] + "…"},
            )
        return super().clean(value)

    def label_from_instance(self, obj):
        return f"{obj.program.year} · {obj.short_text}"


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại hoạt động"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Tên hoạt động"), max_length=300)
    held_on = forms.DateField(
        label=_("Ngày tổ chức"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=200)
    organiser = forms.CharField(label=_("Đơn vị, người tổ chức"), max_length=200)
    audience = forms.CharField(label=_("Đối tượng"), max_length=200, required=False)
    participants = forms.IntegerField(
        label=_("Số người tham dự"),
        min_value=0,
        initial=0,
        error_messages={"min_value": _("Số người tham dự không được âm.")},
    )
    anniversary = forms.ModelChoiceField(
        label=_("Kỷ niệm"), queryset=Anniversary.objects.none(), required=False
    )
    description = forms.CharField(
        label=_("Nội dung, kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    tasks = TaskChoiceField(
        label=_("Thực hiện nhiệm vụ của chương trình"),
        queryset=Task.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    note_tasks = forms.BooleanField(
        label=_("Ghi một cập nhật tiến độ vào các nhiệm vụ đã chọn"), required=False
    )
    files = MultipleEvidenceField(
        label=_("Tài liệu, hình ảnh (PDF, DOCX, XLSX, JPEG, PNG)"), required=False
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anniversary"].queryset = for_unit(unit)
        self.fields["tasks"].queryset = (
            Task.objects.filter(unit=unit)
            .trackable()
            .select_related("program")
            .order_by("-program__year", "position")
        )


class AnniversaryForm(forms.Form):
    name = forms.CharField(label=_("Tên sự kiện"), max_length=200)
    day = forms.IntegerField(label=_("Ngày"), min_value=1, max_value=31, required=False)
    month = forms.IntegerField(label=_("Tháng"), min_value=1, max_value=12)
    base_year = forms.IntegerField(
        label=_("Năm diễn ra lần đầu"),
        min_value=1000,
        max_value=timezone.localdate().year,
    )
    counting = forms.ChoiceField(
        label=_("Cách đếm"), choices=Counting.choices, initial=Counting.YEARS
    )
