"""Forms of the outgoing documents pages. Every message a user sees is Vietnamese."""

from django import forms
from django.utils.translation import gettext_lazy as _


class IssueForm(forms.Form):
    """The day the signed program is issued; its number comes from the register."""

    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vui lòng nhập ngày ban hành."),
            "invalid": _("Ngày ban hành không hợp lệ (dd/mm/yyyy)."),
        },
    )
