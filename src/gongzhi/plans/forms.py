from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import AmountField, StyledForm
from gongzhi.org.choices import UnitKind
from gongzhi.plans.choices import Comparator, UnitDecision


class UploadForm(StyledForm):
    file = forms.FileField(
        label=_("政策文件（.txt、.docx、.xlsx 任务表或有文字层的 .pdf）"), allow_empty_file=True
    )


class UnitDecisionForm(StyledForm):
    name = forms.CharField(widget=forms.HiddenInput)
    action = forms.ChoiceField(label=_("处理方式"), choices=UnitDecision.choices)
    unit = forms.IntegerField(label=_("对应单位"), required=False)
    kind = forms.ChoiceField(
        label=_("新建单位的类别"), choices=[("", "—"), *UnitKind.choices], required=False
    )
    add_alias = forms.BooleanField(label=_("记为该单位的别名"), required=False)


class TargetForm(StyledForm):
    indicator = forms.CharField(label=_("指标"), max_length=200)
    comparator = forms.ChoiceField(label=_("比较方式"), choices=Comparator.choices)
    value = AmountField(label=_("目标值"), max_digits=18, decimal_places=4)
    value_max = AmountField(label=_("上限"), max_digits=18, decimal_places=4, required=False)
    unit = forms.CharField(label=_("计量单位"), max_length=30, required=False)
    deadline_year = forms.IntegerField(label=_("期限年份"), min_value=1990, max_value=2100, required=False)
    per = forms.CharField(label=_("计量基准"), max_length=30, required=False)


class NewTargetForm(TargetForm):
    source = forms.CharField(
        label=_("原文短语"),
        max_length=300,
        required=False,
        help_text=_(
            "从任务原文中照抄目标所在的一段（如“覆盖率达到95%以上”），下次导入时同样写法会自动识别为目标"
        ),
    )


class ConfirmForm(StyledForm):
    end_year = forms.IntegerField(
        label=_("规划期末年份"),
        min_value=1990,
        max_value=2100,
        required=False,
        help_text=_("无年份的目标以此为默认期限（人工确认）"),
    )
