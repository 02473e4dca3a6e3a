"""Forms of the bright-spot pages. Every message a user sees is Vietnamese."""

from django import forms
from django.utils.translation import gettext_lazy as _

from brightspots.models import BrightSpot, EvaluationCriterion
from brightspots.services import registration_tasks
from programs.forms import MultipleEvidenceField
from units.models import Hamlet

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = BrightSpot
        fields = [
            "name",
            "field",
            "registrant_kind",
            "hamlet",
            "registrant_name",
            "goal",
            "start_date",
            "end_date",
            "person_in_charge",
            "task",
        ]
        widgets = {"start_date": DATE_INPUT, "end_date": DATE_INPUT}

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hamlet"].queryset = Hamlet.objects.filter(unit=unit)
        self.fields["task"].queryset = registration_tasks(unit)
        self.fields["task"].label_from_instance = lambda t: f"{t.program.year}: {t.short_text}"

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            raise forms.ValidationError(_("Thời gian kết thúc phải sau thời gian bắt đầu."))
        return data


class ProgressForm(forms.Form):
    note = forms.CharField(label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = MultipleEvidenceField(
        label=_("Tệp minh chứng (PDF, DOCX, XLSX, JPEG, PNG)"), required=False
    )


class EvaluationForm(forms.Form):
    passed = forms.TypedChoiceField(
        label=_("Kết luận của Ban Chỉ đạo"),
        choices=[("1", _("Đạt")), ("0", _("Không đạt"))],
        coerce=lambda v: v == "1",
    )
    conclusion = forms.CharField(
        label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(EvaluationCriterion.objects.filter(active=True))
        for c in self.criteria:
            self.fields[f"met_{c.pk}"] = forms.BooleanField(label=c.text, required=False)

    def results(self) -> dict:
        return {c.pk: (self.cleaned_data[f"met_{c.pk}"], "") for c in self.criteria}


class RecognitionForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE_INPUT)
    issuer = forms.CharField(label=_("Cơ quan công nhận"), max_length=200, required=False)
