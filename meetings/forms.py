"""Forms of the meeting pages: schedule, minutes and conclusions."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.models import CommitteeMember
from meetings.models import MeetingKind


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại cuộc họp"), choices=MeetingKind.choices)
    day = forms.DateField(
        label=_("Ngày họp"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    time = forms.TimeField(
        label=_("Giờ bắt đầu"),
        initial=datetime.time(8, 0),
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=200)
    chair = forms.ModelChoiceField(
        label=_("Chủ trì"), queryset=CommitteeMember.objects.none(), required=False
    )
    secretary = forms.CharField(label=_("Thư ký"), max_length=120, required=False)
    agenda = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Nội dung cuộc họp không được để trống.")},
    )
    invitation_number = forms.CharField(
        label=_("Số giấy mời"),
        max_length=60,
        required=False,
        help_text=_("Ví dụ 03/GM-BCĐ; để trống nếu chưa lấy số."),
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = CommitteeMember.objects.filter(unit=unit).current()

    def clean_agenda(self):
        agenda = self.cleaned_data["agenda"].strip()
        if not agenda:
            raise forms.ValidationError(_("Nội dung cuộc họp không được để trống."))
        return agenda

    @property
    def starts_at(self) -> datetime.datetime:
        data = self.cleaned_data
        return datetime.datetime.combine(
            data["day"], data["time"], tzinfo=timezone.get_current_timezone()
        )

    @classmethod
    def initial_for(cls, meeting) -> dict:
        start = meeting.local_start
        return {
            "kind": meeting.kind,
            "day": start.date(),
            "time": start.time().replace(second=0, microsecond=0),
            "place": meeting.place,
            "chair": meeting.chair_id,
            "secretary": meeting.secretary,
            "agenda": meeting.agenda,
            "invitation_number": meeting.invitation_number,
        }


class MinutesForm(forms.Form):
    discussion = forms.CharField(
        label=_("Ý kiến thảo luận"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    ends_at = forms.TimeField(
        label=_("Giờ kết thúc"),
        required=False,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )


class ConclusionForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung kết luận"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible = forms.ModelChoiceField(
        label=_("Người chủ trì"), queryset=CommitteeMember.objects.none(), required=False
    )
    due_date = forms.DateField(
        label=_("Hạn hoàn thành"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit is not None:
            self.fields["responsible"].queryset = CommitteeMember.objects.filter(
                unit=unit
            ).current()

    def clean(self):
        data = super().clean()
        if data.get("text", "").strip() and not data.get("due_date"):
            self.add_error("due_date", _("Vui lòng nhập hạn hoàn thành của kết luận."))
        return data


ConclusionFormSet = forms.formset_factory(ConclusionForm, extra=3)
