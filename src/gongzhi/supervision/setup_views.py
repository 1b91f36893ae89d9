"""The plan set-up page (设置方案), reached right after a plan is imported, from the plan page
while the plan is not set up, and by its office afterwards to change it. It lives in this app
because it sets the monitoring start and offers the next steps (indicators, the first round)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from gongzhi.core.forms import StyledForm, date_input
from gongzhi.core.http import service_errors
from gongzhi.org.models import Unit
from gongzhi.plans.selectors import plan_get
from gongzhi.plans.services import evaluator_choices
from gongzhi.supervision import services, setup
from gongzhi.supervision.forms import RoundForm


class EvaluatorField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user) -> str:
        return f"{user.full_name or user.username}（{user.username}，{user.unit}）"


class PlanSetupForm(StyledForm):
    office_unit = forms.ModelChoiceField(
        label=_("牵头办公室"),
        queryset=Unit.objects.active().order_by("name"),
        help_text=_("负责审核报告、预警、督办的单位；默认为导入文件的单位"),
        error_messages={"required": _("请选择牵头办公室"), "invalid_choice": _("所选单位不存在或已停用")},
    )
    evaluators = EvaluatorField(
        label=_("第三方评估人员"),
        queryset=evaluator_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("被指定的评估人员只能查看本方案并记录检查发现"),
        error_messages={"invalid_choice": _("所选评估人员不存在或已停用")},
    )
    start = forms.DateField(
        label=_("监测起算日期"),
        widget=date_input(),
        help_text=_("此日期之前结束的报送期间不计逾期、不预警；默认为导入确认当天"),
        error_messages={"required": _("请填写监测起算日期"), "invalid": _("日期格式应为 2025-06-30")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluators"].queryset = evaluator_choices()
        self.fields["evaluators"].widget.attrs["class"] = "form-check-input"


def _round_form(plan, data=None) -> RoundForm:
    proposal = setup.first_round_proposal(plan)
    return RoundForm(data, prefix="round", initial=proposal.__dict__)


@require_http_methods(["GET", "POST"])
def plan_setup(request, pk: int):
    plan = plan_get(user=request.user, pk=pk)
    if not setup.can_set_up(request.user, plan):
        raise PermissionDenied(f"只有“{plan.title}”的牵头办公室（{plan.office_unit}）可以设置方案")
    op = request.POST.get("op", "save") if request.method == "POST" else None
    form = PlanSetupForm(
        request.POST if op == "save" else None,
        initial={
            "office_unit": plan.office_unit_id,
            "evaluators": list(plan.evaluators.values_list("pk", flat=True)),
            "start": setup.default_start(plan),
        },
    )
    round_form = _round_form(plan, request.POST if op == "round" else None)
    if op == "save" and form.is_valid():
        with service_errors(form=form):
            first_time = plan.set_up_at is None
            setup.plan_setup(actor=request.user, plan=plan, **form.cleaned_data)
            messages.success(request, "已完成方案设置" if first_time else "已保存方案设置")
            plan.refresh_from_db()
            if not setup.can_set_up(request.user, plan):  # handed over to another office
                return redirect("plans:plan_detail", pk=plan.pk)
            return redirect("supervision:plan_setup", pk=plan.pk)
    elif op == "indicators":
        with service_errors(request):
            counts = services.indicators_sync(actor=request.user, plan=plan)
            messages.success(request, f"已生成监测指标：新增{counts['created']}项，保留{counts['kept']}项")
        return redirect("supervision:plan_setup", pk=plan.pk)
    elif op == "round" and round_form.is_valid():
        with service_errors(form=round_form):
            round_ = services.round_open(actor=request.user, plan=plan, **round_form.cleaned_data)
            messages.success(
                request, f"已开启“{round_.period_label}”报送，{round_.reports.count()}份报告待各单位填报"
            )
            return redirect("supervision:plan_setup", pk=plan.pk)
    elif op not in (None, "save", "round"):
        messages.error(request, "无法识别的操作")
    return render(
        request,
        "plans/plan_setup.html",
        {
            "plan": plan,
            "form": form,
            "round_form": round_form,
            "set_up": plan.set_up_at is not None,
            "can_run": setup.can_run_monitoring(request.user, plan),
            "indicator_count": plan.indicators.filter(active=True).count(),
            "rounds": plan.rounds.order_by("-period_end")[:5],
            "monitoring_start": services.monitoring_settings(plan).start if plan.set_up_at else None,
        },
    )
