"""Forms of the committee page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from committee.models import AppointmentDecision, CommitteeRole
from units.models import Hamlet

DATE_INPUT = {
    "input_formats": ["%d/%m/%Y", "%Y-%m-%d"],
    "widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    "error_messages": {"invalid": _("Ngày không hợp lệ (dd/mm/yyyy).")},
}


class HamletAssignmentForm(forms.Form):
    hamlets = forms.ModelMultipleChoiceField(
        label=_("Theo dõi thôn, xóm"),
        queryset=Hamlet.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hamlets"].queryset = Hamlet.objects.filter(unit=unit)


class MemberForm(HamletAssignmentForm):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    committee_role = forms.ChoiceField(
        label=_("Chức danh trong Ban"), choices=CommitteeRole.choices
    )
    office_title = forms.CharField(label=_("Chức vụ, đơn vị công tác"), max_length=200)
    decision = forms.ModelChoiceField(
        label=_("Theo quyết định"), queryset=AppointmentDecision.objects.none(), required=False
    )
    start_date = forms.DateField(label=_("Từ ngày"), required=False, **DATE_INPUT)
    field_order = ["full_name", "committee_role", "office_title", "decision", "start_date"]

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, unit=unit, **kwargs)
        self.fields["decision"].queryset = AppointmentDecision.objects.filter(unit=unit)


class EndMembershipForm(forms.Form):
    end_date = forms.DateField(label=_("Thôi tham gia từ ngày"), **DATE_INPUT)
