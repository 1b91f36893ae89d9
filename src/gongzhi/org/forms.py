from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import StyledForm, date_input
from gongzhi.org.choices import MemberRole, UnitKind
from gongzhi.org.models import Unit


class UnitForm(StyledForm):
    name = forms.CharField(label=_("名称"), max_length=100)
    short_name = forms.CharField(label=_("简称"), max_length=50, required=False)
    kind = forms.ChoiceField(label=_("类别"), choices=UnitKind.choices)
    parent = forms.ModelChoiceField(label=_("上级单位"), queryset=Unit.objects.active(), required=False)
    aliases = forms.CharField(label=_("别名"), required=False, help_text=_("多个别名用“；”分隔"))


class UnitsUploadForm(StyledForm):
    file = forms.FileField(label=_("单位名录文件（.csv 或 .xlsx）"))


class MembershipAddForm(StyledForm):
    name = forms.CharField(label=_("姓名"), max_length=50)
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.active())
    role = forms.ChoiceField(label=_("角色"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    position_title = forms.CharField(label=_("职务"), max_length=200)
    since = forms.DateField(label=_("起始日期"), widget=date_input())
    note = forms.CharField(label=_("调整说明"), max_length=200, required=False)


class MembershipEndForm(StyledForm):
    until = forms.DateField(label=_("终止日期"), widget=date_input())
    note = forms.CharField(label=_("调整说明"), max_length=200, required=False)


class MembershipChangeForm(StyledForm):
    role = forms.ChoiceField(label=_("角色"), choices=MemberRole.choices)
    position_title = forms.CharField(label=_("职务"), max_length=200)
    on_date = forms.DateField(label=_("变更日期"), widget=date_input())
    note = forms.CharField(label=_("调整说明"), max_length=200, required=False)
