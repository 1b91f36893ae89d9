import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import User
from gongzhi.cogov.choices_grid import RegistrySelection, VerificationKind
from gongzhi.cogov.models_grid import Grid
from gongzhi.core import clock
from gongzhi.core.forms import StyledForm, date_input
from gongzhi.core.roles import Role
from gongzhi.org.choices import TOWN_KINDS
from gongzhi.org.models import Unit


def _default_due() -> datetime.date:
    return clock.today() + datetime.timedelta(days=15)


class GridForm(StyledForm):
    town = forms.ModelChoiceField(label=_("所属镇街"), queryset=Unit.objects.none())
    name = forms.CharField(label=_("网格名称"), max_length=100)
    area = forms.CharField(label=_("网格范围"), max_length=200, required=False)
    tax_manager = forms.ModelChoiceField(label=_("税收管理员"), queryset=User.objects.none(), required=False)
    workers = forms.ModelMultipleChoiceField(
        label=_("网格员"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("网格员账号须属于该镇街"),
    )
    active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].queryset = Unit.objects.active().filter(kind__in=TOWN_KINDS)
        self.fields["tax_manager"].queryset = User.objects.filter(role=Role.TAX_OFFICER, is_active=True)
        self.fields["workers"].queryset = User.objects.filter(
            role=Role.GRID_WORKER, is_active=True
        ).select_related("unit")
        self.fields["workers"].label_from_instance = lambda u: f"{u}（{u.unit}）"


class TaskForm(StyledForm):
    kind = forms.ChoiceField(label=_("核查类型"), choices=VerificationKind.choices)
    uscc = forms.CharField(label=_("统一社会信用代码"), max_length=18)
    taxpayer_name = forms.CharField(
        label=_("纳税人名称"), max_length=200, required=False, help_text=_("留空则从登记信息读取")
    )
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    grid = forms.ModelChoiceField(
        label=_("网格"),
        queryset=Grid.objects.none(),
        required=False,
        help_text=_("留空则按纳税人所属镇街确定"),
    )
    due_date = forms.DateField(label=_("完成期限"), widget=date_input())
    instructions = forms.CharField(
        label=_("核查要求"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, grids=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("due_date", _default_due())
        super().__init__(*args, **kwargs)
        self.fields["grid"].queryset = grids if grids is not None else Grid.objects.none()


class RegistryForm(StyledForm):
    selection = forms.ChoiceField(label=_("核查对象"), choices=RegistrySelection.choices)
    kind = forms.ChoiceField(label=_("核查类型"), choices=VerificationKind.choices)
    due_date = forms.DateField(label=_("完成期限"), widget=date_input())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("due_date", _default_due())
        super().__init__(*args, **kwargs)


class DispatchForm(StyledForm):
    assignee = forms.ModelChoiceField(label=_("网格员"), queryset=User.objects.none(), required=False)
    due_date = forms.DateField(label=_("完成期限"), widget=date_input(), required=False)

    def __init__(self, *args, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        if task is not None:
            self.fields["assignee"].queryset = task.grid.workers.all()
            self.fields["due_date"].initial = task.due_date


class ReviewForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("复核结论"),
        choices=[("accept", _("复核通过")), ("return", _("退回重做"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("复核意见（退回时必填退回原因）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
