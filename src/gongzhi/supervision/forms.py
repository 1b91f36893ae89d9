from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import AmountField, StyledForm, date_input
from gongzhi.core.labels import parse_value
from gongzhi.org.models import Unit
from gongzhi.supervision.choices import Direction, Frequency, IndicatorKind, TaskStatus


class RoundForm(StyledForm):
    period_label = forms.CharField(label=_("期间名称"), max_length=40, help_text=_("如：2025年第3季度"))
    period_start = forms.DateField(label=_("期间开始"), widget=date_input())
    period_end = forms.DateField(label=_("期间结束"), widget=date_input())
    due_date = forms.DateField(label=_("报送截止日期"), widget=date_input())


class ReportForm(StyledForm):
    status = forms.ChoiceField(label=_("进展状态"), choices=TaskStatus.choices)
    percent = forms.IntegerField(label=_("完成比例（%）"), min_value=0, max_value=100, required=False)
    done_text = forms.CharField(label=_("工作进展"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    problems = forms.CharField(label=_("存在问题"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    next_steps = forms.CharField(
        label=_("下步计划"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class IndicatorForm(StyledForm):
    name = forms.CharField(label=_("指标名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类型"), choices=IndicatorKind.choices)
    direction = forms.ChoiceField(
        label=_("方向"), choices=[("", _("按比较方式自动判断")), *Direction.choices], required=False
    )
    target_value = AmountField(label=_("目标值"), max_digits=18, decimal_places=4)
    target_value_max = AmountField(label=_("目标上限"), max_digits=18, decimal_places=4, required=False)
    unit_of_measure = forms.CharField(label=_("计量单位"), max_length=30, required=False)
    baseline_value = AmountField(label=_("基线值"), max_digits=18, decimal_places=4, required=False)
    baseline_date = forms.DateField(label=_("基线日期"), required=False, widget=date_input())
    deadline = forms.DateField(label=_("期限"), widget=date_input())
    frequency = forms.ChoiceField(label=_("报送频率"), choices=Frequency.choices)
    reporting_unit = forms.ModelChoiceField(label=_("报送单位"), queryset=Unit.objects.active())
    definition = forms.CharField(
        label=_("统计口径"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    data_source = forms.CharField(label=_("数据来源"), max_length=200, required=False)


class OrderForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("督办单位"), queryset=Unit.objects.active())
    issue = forms.CharField(label=_("督办事项"), widget=forms.Textarea(attrs={"rows": 3}))
    requirement = forms.CharField(label=_("办理要求"), widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label=_("办理期限"), widget=date_input())


class AnswerForm(StyledForm):
    answer = forms.CharField(label=_("整改措施及成效"), widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label=_("佐证材料"), required=False)


class EscalateForm(StyledForm):
    note = forms.CharField(label=_("升级说明"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label=_("新的办理期限"), widget=date_input())


def parse_indicator_values(data, indicators) -> tuple[list[tuple[object, Decimal, str]], dict[int, str]]:
    """The indicator values of a report form, as people type them ("65%", "６５", "1,234.5").

    Returns (indicator, value, note) for each filled value and, for each value that is not a
    number, a Chinese error keyed by the indicator's pk; the caller stores nothing when there is
    any error.
    """
    values, errors = [], {}
    for indicator in indicators:
        raw = (data.get(f"value-{indicator.pk}") or "").strip()
        if not raw:
            continue
        try:
            value = parse_value(raw, indicator.unit_of_measure)
        except ValueError as exc:
            errors[indicator.pk] = str(exc)
            continue
        values.append((indicator, value, data.get(f"note-{indicator.pk}", "")))
    return values, errors


class FundingForm(StyledForm):
    """One line of a task's funding (元)."""

    project = forms.CharField(label=_("项目（可不填）"), max_length=200, required=False)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    source = forms.ChoiceField(label=_("资金来源"), choices=())
    mode = forms.ChoiceField(label=_("支持方式"), choices=())
    planned = AmountField(label=_("计划金额（元）"), max_digits=18, decimal_places=2, min_value=0)
    allocated = AmountField(label=_("已下达金额（元）"), max_digits=18, decimal_places=2, min_value=0)
    spent = AmountField(label=_("已支出金额（元）"), max_digits=18, decimal_places=2, min_value=0)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        from gongzhi.supervision.models_funding import FundingMode, FundingSource

        super().__init__(*args, **kwargs)
        self.fields["source"].choices = FundingSource.choices
        self.fields["mode"].choices = FundingMode.choices


class FundingImportForm(StyledForm):
    file = forms.FileField(label=_("资金表（.xlsx）"))


class PublicityForm(StyledForm):
    public = forms.BooleanField(label=_("在公众页面公开本方案进展（只显示已审核通过的数值）"), required=False)
    intro = forms.CharField(
        label=_("写给公众的说明"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, required=False
    )
