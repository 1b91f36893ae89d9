"""Pages of the preferential-policy push (精准推送): policies with their take-up, campaigns and
their candidates, the push list, the opt-out register. Permission: credit.push."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from gongzhi.core.http import service_errors
from gongzhi.core.params import get_choice, get_flag, get_id, get_page, get_str
from gongzhi.core.permissions import require_capability
from gongzhi.credit import push as services
from gongzhi.credit.models_push import CandidateState, PushChannel, Takeup
from gongzhi.taxrisk.models import RiskRule
from gongzhi.taxrisk.selectors import rule_explained


def _next_push_code() -> str:
    """The next free push-rule code (P04 after P01-P03), offered by the "new rule" button."""
    numbers = [
        int(code[1:]) for code in RiskRule.objects.filter(code__startswith="P").values_list("code", flat=True)
    ]
    return f"P{max(numbers, default=0) + 1:02d}"


CAPABILITY = services.CAPABILITY


@require_http_methods(["GET", "POST"])
def push_home(request):
    """政策推送：各项政策（推送规则）及其享受率，推送批次，发起新一批筛选。"""
    require_capability(request.user, CAPABILITY)
    if request.method == "POST":
        with service_errors(request):
            if request.POST.get("op") == "takeup":
                services.takeup_start(actor=request.user)
                messages.success(request, "已开始监测享受情况，完成后刷新本页查看")
                return redirect("credit:push_home")
            campaign = services.campaign_start(
                actor=request.user,
                rule_code=request.POST.get("rule", ""),
                period_from=request.POST.get("period_from", ""),
                period_to=request.POST.get("period_to", ""),
            )
            messages.success(request, f"已开始{campaign}的筛选")
            return redirect("credit:push_campaign", pk=campaign.pk)
    rules = services.takeup_rates(user=request.user)
    return render(
        request,
        "credit/push_home.html",
        {
            "rates": rules,
            "campaigns": services.campaign_list(user=request.user)[:30],
            "interval": services.push_interval_days(),
            "can_edit_rules": request.user.has_capability("taxrisk.manage_rules"),
            "new_code": _next_push_code(),
        },
    )


@require_http_methods(["GET", "POST"])
def push_campaign(request, pk: int):
    """一批推送：符合条件未享受的纳税人及其状态；选择对象和渠道推送。"""
    require_capability(request.user, CAPABILITY)
    campaign = services.campaign_get(user=request.user, pk=pk)
    if request.method == "POST":
        with service_errors(request):
            selected = request.POST.getlist("uscc")
            outcome = services.push_send(
                actor=request.user,
                campaign=campaign,
                channel=request.POST.get("channel", ""),
                usccs=selected if selected else None,
                note=request.POST.get("note", ""),
            )
            text = f"已推送{len(outcome['pushed'])}户"
            if outcome["opted_out"]:
                text += f"；{len(outcome['opted_out'])}户已申请不打扰，未推送"
            if outcome["recent"]:
                text += f"；{len(outcome['recent'])}户在间隔期内已推送过本政策，未推送"
            messages.success(request, text)
            return redirect("credit:push_campaign", pk=campaign.pk)
    candidates = services.campaign_candidates(user=request.user, campaign=campaign)
    state = get_choice(request.GET, "state", CandidateState)
    shown = [c for c in candidates if not state or c["state"] == state]
    page = Paginator(shown, 100).get_page(get_page(request.GET))
    counts = {s: sum(1 for c in candidates if c["state"] == s) for s in CandidateState.values}
    return render(
        request,
        "credit/push_campaign.html",
        {
            "campaign": campaign,
            "page": page,
            "counts": counts,
            "states": CandidateState.choices,
            "state": state,
            "channels": PushChannel.choices,
            "interval": services.push_interval_days(),
            "policy": rule_explained(campaign.rule_version.meta) if campaign.rule_version else None,
        },
    )


def push_list(request):
    """推送记录：按政策、享受情况、渠道筛选；各政策的享受率。"""
    require_capability(request.user, CAPABILITY)
    pushes = services.push_list(
        user=request.user,
        rule=get_str(request.GET, "rule"),
        takeup=get_choice(request.GET, "takeup", Takeup),
        channel=get_choice(request.GET, "channel", PushChannel),
        campaign=get_id(request.GET, "campaign"),
    )
    page = Paginator(pushes, 50).get_page(get_page(request.GET))
    return render(
        request,
        "credit/push_list.html",
        {
            "page": page,
            "rates": services.takeup_rates(user=request.user),
            "filters": request.GET,
            "rules": services.push_rule_list(user=request.user),
            "takeups": Takeup.choices,
            "channels": PushChannel.choices,
        },
    )


@require_http_methods(["GET", "POST"])
def push_optouts(request):
    """不打扰登记：登记后不再推送任何政策，直至撤回。"""
    require_capability(request.user, CAPABILITY)
    if request.method == "POST":
        with service_errors(request):
            if request.POST.get("op") == "withdraw":
                optout = services.optout_get(user=request.user, pk=get_id(request.POST, "id"))
                services.optout_withdraw(actor=request.user, optout=optout)
                messages.success(request, f"已撤回{optout.taxpayer_name or optout.uscc}的不打扰登记")
            else:
                optout = services.optout_register(
                    actor=request.user,
                    uscc=request.POST.get("uscc", ""),
                    taxpayer_name=request.POST.get("name", ""),
                    reason=request.POST.get("reason", ""),
                )
                messages.success(request, f"已登记{optout.taxpayer_name or optout.uscc}不打扰")
            return redirect(reverse("credit:push_optouts"))
    show_all = get_flag(request.GET, "all")
    return render(
        request,
        "credit/push_optouts.html",
        {
            "optouts": services.optout_list(user=request.user, include_withdrawn=show_all)[:500],
            "show_all": show_all,
        },
    )
