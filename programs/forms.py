"""Forms of the program pages. Every message a user sees is Vietnamese."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from committee.models import CommitteeMember
from dvcq.text import fold
from programs.evidence import check_evidence
from programs.models import SETTABLE_STATUSES, TaskKind, TaskStatus
from programs.period_field import PeriodField
from units.models import Hamlet


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleEvidenceField(forms.FileField):
    """Several evidence files in one field; each is checked by its content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        checked, errors = [], []
        for uploaded in files:
            try:
                checked.append(check_evidence(uploaded))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class TaskUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[(s.value, s.label) for s in TaskStatus if s in SETTABLE_STATUSES],
    )
    progress = forms.IntegerField(
        label=_("Tiến độ (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("Tiến độ phải từ 0 đến 100%%."),
            "max_value": _("Tiến độ phải từ 0 đến 100%%."),
            "invalid": _("Tiến độ phải là một số từ 0 đến 100."),
            "required": _("Vui lòng nhập tiến độ."),
        },
    )
    note = forms.CharField(
        label=_("Ghi chú, kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = MultipleEvidenceField(
        label=_("Tệp minh chứng (PDF, DOCX, XLSX, JPEG, PNG)"), required=False
    )


class IdsChoiceField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        # No id is that long, and SQLite fails on an integer beyond 64 bits in ``IN (...)``.
        too_long = [str(v) for v in value or () if len(str(v)) > 18]
        if isinstance(value, list | tuple) and too_long:
            raise ValidationError(
                self.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": too_long[0][:20] + "…"},
            )
        return super().clean(value)


class TaskAssignForm(forms.Form):
    responsible = forms.ModelChoiceField(
        label=_("Người chủ trì"), queryset=CommitteeMember.objects.none(), required=False
    )
    responsible_office = forms.CharField(label=_("Bộ phận chủ trì"), required=False, max_length=200)
    cooperators = IdsChoiceField(
        label=_("Người phối hợp"),
        queryset=CommitteeMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hamlets = IdsChoiceField(
        label=_("Thôn, xóm"),
        queryset=Hamlet.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    period = PeriodField(label=_("Thời gian thực hiện"))
    due_date = forms.DateField(
        label=_("Hạn hoàn thành"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày không hợp lệ (dd/mm/yyyy).")},
    )

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        members = CommitteeMember.objects.filter(unit=task.unit).current()
        self.fields["responsible"].queryset = members
        self.fields["cooperators"].queryset = members
        self.fields["hamlets"].queryset = Hamlet.objects.filter(unit=task.unit)
        self.fields["period"].offer(task.period)

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        year = self.task.program.year
        if due is not None and due.year != year:
            raise ValidationError(
                _("Hạn hoàn thành phải nằm trong năm %(year)s của chương trình.") % {"year": year}
            )
        return due


STATUS_FILTER_CHOICES = [
    ("", _("Tất cả trạng thái")),
    ("finished", _("Đã hoàn thành (đúng hạn và quá hạn)")),
    *((s.value, s.label) for s in TaskStatus),
]
TRACKED = "tracked"  # every task but the implementation clauses, as the reports count them

QUARTER_CHOICES = [("", _("Tất cả các quý"))] + [
    (str(q), f"Quý {r}") for q, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
]


class TaskFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm trong nội dung"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Trạng thái"), choices=STATUS_FILTER_CHOICES, required=False)
    quarter = forms.ChoiceField(label=_("Quý"), choices=QUARTER_CHOICES, required=False)
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[
            ("", _("Tất cả")),
            *TaskKind.choices,
            (TRACKED, _("Nhiệm vụ được theo dõi (trừ tổ chức thực hiện)")),
        ],
        required=False,
    )
    # A run of quarters ("1-2" for the first half year), set by the links of a report's
    # figures; carried along as the other filters change.
    quarters = forms.RegexField(
        label=_("Các quý"), regex=r"^[1-4]-[1-4]$", required=False, widget=forms.HiddenInput
    )
    responsible = forms.ChoiceField(label=_("Người chủ trì"), required=False)
    hamlet = forms.ChoiceField(label=_("Thôn, xóm"), required=False)
    document = forms.TypedChoiceField(
        label=_("Văn bản căn cứ"), required=False, coerce=int, empty_value=None
    )
    due = forms.ChoiceField(
        label=_("Thời hạn"),
        required=False,
        choices=[("", _("Mọi thời hạn")), ("soon", _("Đến hạn trong 14 ngày"))],
    )

    def __init__(self, *args, members=(), hamlets=(), documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [("", _("Tất cả"))] + [(d.pk, str(d)) for d in documents]
        # One choice per person: every seat they held (a member reappointed by a later
        # decision has a seat per decision) under the pk of the first one listed.
        self.seats_of: dict[str, list[int]] = {}
        people = []
        by_name: dict[str, str] = {}
        for m in members:
            value = by_name.setdefault(fold(m.full_name), str(m.pk))
            if value not in self.seats_of:
                people.append((value, m.full_name))
            self.seats_of.setdefault(value, []).append(m.pk)
        self.fields["responsible"].choices = [
            ("", _("Tất cả")),
            ("none", _("Chưa phân công")),
            *people,
        ]
        # A link naming any of a person's seats (e.g. a former one) filters on the person.
        self.person_of = {str(pk): value for value, pks in self.seats_of.items() for pk in pks}
        self.fields["responsible"].valid_value = lambda value: (
            value in ("", "none") or str(value) in self.person_of
        )
        self.fields["hamlet"].choices = [("", _("Tất cả"))] + [(str(h.pk), h.name) for h in hamlets]

    def clean_responsible(self):
        value = self.cleaned_data["responsible"]
        return self.person_of.get(value, value)


class ProgramDocumentForm(forms.Form):
    """The document data the clerk completes once the program is signed and numbered."""

    number_symbol = forms.CharField(label=_("Số, ký hiệu"), required=False, max_length=60)
    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày không hợp lệ (dd/mm/yyyy).")},
    )
    place = forms.CharField(label=_("Địa danh"), required=False, max_length=120)
    title = forms.CharField(label=_("Trích yếu"), max_length=400)
    signer_capacity = forms.CharField(
        label=_("Thẩm quyền ký (TM., KT., ...)"), required=False, max_length=80
    )
    signer_title = forms.CharField(label=_("Chức danh người ký"), required=False, max_length=120)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), required=False, max_length=120)
    signer_name = forms.CharField(label=_("Người ký"), required=False, max_length=120)
