"""Forms of the reminders pages: a unit's rules (a formset) and a user's channels."""

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from reminders.models import NoticeKind, NotificationPreference, ReminderRule, RuleKind

MAX_DAYS = 365


class RuleForm(forms.ModelForm):
    class Meta:
        model = ReminderRule
        fields = ["kind", "days", "weekday", "active"]
        widgets = {"days": forms.NumberInput(attrs={"min": 0, "max": MAX_DAYS})}

    def clean_days(self):
        days = self.cleaned_data["days"]
        if days is not None and days < 0:
            raise forms.ValidationError(
                _("Số ngày không được là số âm (đã nhập %(days)s)."), params={"days": days}
            )
        if days is not None and days > MAX_DAYS:
            raise forms.ValidationError(_("Số ngày tối đa là %(max)s."), params={"max": MAX_DAYS})
        return days

    def clean(self):
        data = super().clean()
        if data.get("kind") == RuleKind.OVERDUE_REPEAT and data.get("days") == 0:
            self.add_error("days", _("Nhắc lại phải cách nhau ít nhất 1 ngày."))
        return data


class BaseRuleFormSet(BaseModelFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            data = form.cleaned_data
            if not data.get("kind"):
                continue
            key = (data["kind"], data.get("days"), data.get("weekday"))
            if key in seen:
                form.add_error(None, _("Quy tắc này trùng với một quy tắc ở trên."))
            seen.add(key)


RuleFormSet = modelformset_factory(
    ReminderRule, form=RuleForm, formset=BaseRuleFormSet, extra=1, can_delete=True
)


class PreferenceForm(forms.ModelForm):
    """The channels of reminders, and per kind of notice whether e-mail also carries it."""

    email_kinds = forms.MultipleChoiceField(
        label=_("Nhận cả qua thư điện tử (thư tổng hợp hằng ngày) các thông báo"),
        choices=NoticeKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = NotificationPreference
        fields = ["in_app", "email"]
