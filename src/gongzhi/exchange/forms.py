from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import StyledForm, date_input


class CatalogUploadForm(StyledForm):
    file = forms.FileField(label=_("需求清单（.yaml 或 .xlsx）"))


class SubmissionForm(StyledForm):
    period = forms.CharField(
        label=_("报送期间"),
        max_length=30,
        help_text=_("如 2025-06、2025-Q2、2025，首次报送历史数据可填 2024-01..2025-12"),
    )
    file = forms.FileField(label=_("数据文件（.csv 或 .xlsx）"), allow_empty_file=True)


class GrantRequestForm(StyledForm):
    purpose = forms.CharField(label=_("用途"), max_length=300)
    legal_basis = forms.CharField(label=_("依据"), max_length=300)
    valid_from = forms.DateField(label=_("起始日期"), widget=date_input())
    valid_until = forms.DateField(label=_("截止日期"), required=False, widget=date_input())
    include_personal = forms.BooleanField(label=_("需要查看个人信息"), required=False)
