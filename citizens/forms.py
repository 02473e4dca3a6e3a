"""Forms of the citizens pages; the services do the real checks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citizens.models import (
    CaseType,
    Channel,
    Competence,
    Complexity,
    PetitionField,
    ReceptionSlot,
    Result,
    StepKind,
)
from programs.forms import MultipleEvidenceField

PEOPLE_ROWS = 5
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PetitionForm(forms.Form):
    """The intake form. Its defaults fit the most common case at a commune: a recommendation
    or feedback (kiến nghị, phản ánh) handed in person, within the commune's competence."""

    received_on = forms.DateField(label=_("Ngày nhận đơn"), widget=DATE)
    channel = forms.ChoiceField(
        label=_("Nguồn đơn"), choices=Channel.choices, initial=Channel.IN_PERSON
    )
    forwarded_by = forms.CharField(label=_("Cơ quan, người chuyển đến"), required=False)
    case_type = forms.ChoiceField(
        label=_("Phân loại theo nội dung"), choices=CaseType.choices, initial=CaseType.PETITION
    )
    instance = forms.TypedChoiceField(
        label=_("Lần giải quyết"), choices=[(1, _("Lần đầu")), (2, _("Lần hai"))], coerce=int
    )
    complexity = forms.ChoiceField(label=_("Tính chất"), choices=Complexity.choices)
    remote_area = forms.BooleanField(label=_("Vùng sâu, vùng xa đi lại khó khăn"), required=False)
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=PetitionField.objects.all(), required=False
    )
    competence = forms.ChoiceField(
        label=_("Thẩm quyền"), choices=Competence.choices, initial=Competence.WITHIN
    )
    eligible = forms.BooleanField(label=_("Đủ điều kiện xử lý"), required=False, initial=True)
    ineligible_reasons = forms.CharField(
        label=_("Lý do không đủ điều kiện"), required=False, widget=forms.Textarea({"rows": 2})
    )
    anonymous = forms.BooleanField(label=_("Đơn nặc danh (chỉ với tố cáo)"), required=False)
    has_originals = forms.BooleanField(label=_("Có kèm giấy tờ bản gốc"), required=False)
    content = forms.CharField(label=_("Nội dung đơn"), widget=forms.Textarea({"rows": 5}))
    summary = forms.CharField(
        label=_("Tóm tắt nội dung (bắt buộc với đơn tố cáo)"),
        help_text=_(
            "Không ghi họ tên, địa chỉ hay chi tiết làm lộ người tố cáo; nội dung tố cáo được "
            "mã hóa, người khác chỉ thấy phần tóm tắt."
        ),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    # Several files, each checked by its content and size (``programs.evidence``).
    attachments = MultipleEvidenceField(
        label=_("Tệp đính kèm (PDF, DOCX, XLSX, JPEG, PNG)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(PEOPLE_ROWS):
            self.fields[f"name_{i}"] = forms.CharField(label=_("Họ tên"), required=False)
            self.fields[f"address_{i}"] = forms.CharField(label=_("Địa chỉ"), required=False)
            self.fields[f"id_number_{i}"] = forms.CharField(label=_("Số CCCD"), required=False)
            self.fields[f"contact_{i}"] = forms.CharField(label=_("Liên hệ"), required=False)
            self.fields[f"representative_{i}"] = forms.BooleanField(
                label=_("Đại diện"), required=False
            )

    def clean(self):
        data = super().clean()
        if data.get("case_type") == CaseType.DENUNCIATION and not data.get("summary", "").strip():
            self.add_error(
                "summary",
                _(
                    "Đơn tố cáo phải có tóm tắt nội dung không chứa thông tin nhận dạng "
                    "người tố cáo."
                ),
            )
        return data

    def people(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "name": data.get(f"name_{i}", ""),
                "address": data.get(f"address_{i}", ""),
                "id_number": data.get(f"id_number_{i}", ""),
                "contact": data.get(f"contact_{i}", ""),
                "representative": data.get(f"representative_{i}", False),
            }
            for i in range(PEOPLE_ROWS)
        ]

    def people_rows(self):
        return [
            [
                self[f"{k}_{i}"]
                for k in ("name", "address", "id_number", "contact", "representative")
            ]
            for i in range(PEOPLE_ROWS)
        ]


class DeadlinePreviewForm(forms.Form):
    """The fields of the intake form the legal deadlines depend on (``deadlines.preview``)."""

    received_on = forms.DateField(required=False)
    case_type = forms.ChoiceField(choices=CaseType.choices)
    instance = forms.TypedChoiceField(choices=[(1, "1"), (2, "2")], coerce=int, required=False)
    complexity = forms.ChoiceField(choices=Complexity.choices, required=False)
    remote_area = forms.BooleanField(required=False)
    competence = forms.ChoiceField(choices=Competence.choices, required=False)

    def preview(self, today):
        """The preview, or ``None`` when the fields do not describe a case."""
        from citizens.deadlines import preview

        if not self.is_valid():
            return None
        data = self.cleaned_data
        received_on = data["received_on"] or today
        return preview(
            received_on=min(received_on, today),
            case_type=data["case_type"],
            instance=data["instance"] or 1,
            complexity=data["complexity"] or Complexity.NORMAL,
            remote=data["remote_area"],
            competence=data["competence"] or Competence.WITHIN,
        )


class StepForm(forms.Form):
    kind = forms.ChoiceField(label=_("Bước xử lý"), choices=StepKind.choices)
    date = forms.DateField(label=_("Ngày"), widget=DATE)
    document_number = forms.CharField(label=_("Số văn bản"), required=False, max_length=60)
    body = forms.CharField(label=_("Cơ quan nhận / liên quan"), required=False, max_length=200)
    result = forms.ChoiceField(label=_("Kết quả"), choices=Result.choices, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea({"rows": 2}))


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label=_("Số ngày gia hạn"), min_value=1, max_value=90)
    decision_number = forms.CharField(label=_("Số quyết định gia hạn"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE)
    reason = forms.CharField(label=_("Lý do (vụ việc phức tạp)"), max_length=300)


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("Lý do xem thông tin người tố cáo"), max_length=300)


class SlotForm(forms.ModelForm):
    class Meta:
        model = ReceptionSlot
        fields = [
            "kind",
            "weekday",
            "date",
            "receiver",
            "place",
            "start_time",
            "end_time",
            "valid_from",
            "valid_until",
        ]
        widgets = {
            "date": DATE,
            "valid_from": DATE,
            "valid_until": DATE,
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def clean(self):
        data = super().clean()
        if data.get("kind") == "ad_hoc" and not data.get("date"):
            self.add_error("date", _("Buổi tiếp đột xuất phải có ngày."))
        if data.get("kind") != "ad_hoc" and data.get("weekday") is None:
            self.add_error("weekday", _("Lịch định kỳ phải chọn thứ trong tuần."))
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("Giờ kết thúc phải sau giờ bắt đầu."))
        return data


class VisitForm(forms.Form):
    date = forms.DateField(label=_("Ngày tiếp"), widget=DATE)
    name = forms.CharField(label=_("Họ tên"), max_length=200)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    id_number = forms.CharField(label=_("Số CCCD/Hộ chiếu"), max_length=30, required=False)
    people = forms.IntegerField(label=_("Số người cùng nội dung"), min_value=1, initial=1)
    representatives = forms.CharField(
        label=_("Người đại diện (đoàn từ 5 người)"), max_length=300, required=False
    )
    content = forms.CharField(label=_("Nội dung vụ việc"), widget=forms.Textarea({"rows": 3}))
    case_type = forms.ChoiceField(
        label=_("Phân loại"), choices=CaseType.choices, initial=CaseType.PETITION
    )
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=PetitionField.objects.all(), required=False
    )
    handled_before = forms.CharField(label=_("Cơ quan đã giải quyết"), required=False)
    within_competence = forms.BooleanField(
        label=_("Thuộc thẩm quyền"), required=False, initial=True
    )
    guided_to = forms.CharField(label=_("Hướng dẫn đến (số văn bản)"), required=False)
    forwarded_to = forms.CharField(label=_("Chuyển đơn đến (số văn bản)"), required=False)
    result = forms.CharField(label=_("Theo dõi kết quả"), required=False)
    notes = forms.CharField(label=_("Ghi chú"), required=False)
    open_petition = forms.BooleanField(label=_("Tiếp nhận đơn từ lượt tiếp này"), required=False)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Từ ngày"), widget=DATE)
    end = forms.DateField(label=_("Đến ngày"), widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("Ngày kết thúc kỳ phải sau ngày bắt đầu."))
        return data


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Mã tiếp nhận"), max_length=20)
    pin = forms.CharField(label=_("Mã PIN"), max_length=10, widget=forms.PasswordInput)
