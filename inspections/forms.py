"""Forms of the self-inspection pages. Every message a user sees is Vietnamese."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inspections.models import ChecklistTemplate, Criterion

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StartInspectionForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Bộ tiêu chí"), queryset=ChecklistTemplate.objects.filter(active=True)
    )
    period_start = forms.DateField(label=_("Từ ngày"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("Đến ngày"), widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            raise forms.ValidationError(_("Ngày kết thúc kỳ kiểm tra phải sau ngày bắt đầu."))
        return data


class ScoreSheetForm(forms.Form):
    """One score, evidence and remarks field per criterion; the range is checked by the
    service so that the same message appears wherever scores come from."""

    conclusion = forms.CharField(
        label=_("Nhận xét chung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    finish = forms.BooleanField(label=_("Hoàn thành chấm điểm"), required=False)

    def __init__(self, *args, criteria=(), scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        scores = scores or {}
        self.criteria = list(criteria)
        for criterion in self.criteria:
            saved = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.CharField(
                label=_("Điểm"),
                required=False,
                initial=saved.score if saved else None,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
            )
            self.fields[f"evidence_{criterion.pk}"] = forms.CharField(
                label=_("Minh chứng"),
                required=False,
                initial=saved.evidence if saved else "",
                widget=forms.Textarea(attrs={"rows": 1}),
            )
            self.fields[f"remarks_{criterion.pk}"] = forms.CharField(
                label=_("Nhận xét"),
                required=False,
                initial=saved.remarks if saved else "",
                widget=forms.Textarea(attrs={"rows": 1}),
            )

    def entries(self) -> dict:
        data = self.cleaned_data
        return {
            c.pk: {
                "score": data.get(f"score_{c.pk}"),
                "evidence": data.get(f"evidence_{c.pk}", ""),
                "remarks": data.get(f"remarks_{c.pk}", ""),
            }
            for c in self.criteria
        }

    def rows(self):
        """(criterion, score field, evidence field, remarks field) in order, for the template."""
        for c in self.criteria:
            yield c, self[f"score_{c.pk}"], self[f"evidence_{c.pk}"], self[f"remarks_{c.pk}"]


class FindingForm(forms.Form):
    text = forms.CharField(
        label=_("Tồn tại, hạn chế"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    criterion = forms.ModelChoiceField(
        label=_("Tiêu chí"), queryset=Criterion.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("Hạn khắc phục"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, template=None, **kwargs):
        super().__init__(*args, **kwargs)
        if template is not None:
            self.fields["criterion"].queryset = Criterion.objects.filter(section__template=template)
