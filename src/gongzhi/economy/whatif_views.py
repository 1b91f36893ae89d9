"""Pages of the policy what-if (政策测算): saved scenarios, composing changes, the result by industry
and by town. economy.view sees and computes; economy.manage saves, recomputes and deletes."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongzhi.core import clock
from gongzhi.core.http import service_errors
from gongzhi.core.industries import SECTIONS
from gongzhi.core.periods import month_text
from gongzhi.core.permissions import require_capability
from gongzhi.economy import whatif
from gongzhi.economy import whatif_services as services

BLOCKS = 3  # change blocks on the form


def _changes_from(post) -> list[dict]:
    changes = []
    for i in range(1, BLOCKS + 1):
        kind = post.get(f"c{i}_kind", "").strip()
        if not kind:
            continue
        changes.append(
            {
                "kind": kind,
                "tax_type": post.get(f"c{i}_tax_type", ""),
                "old": post.get(f"c{i}_old", ""),
                "new": post.get(f"c{i}_new", ""),
                "levy_rate": post.get(f"c{i}_levy_rate", ""),
                "sections": post.getlist(f"c{i}_sections"),
                "towns": post.get(f"c{i}_towns", ""),
                "kinds": post.getlist(f"c{i}_kinds"),
            }
        )
    return changes


def _blocks(changes: list[dict]) -> list[dict]:
    """The form's change blocks, filled from `changes` (as typed, or as stored)."""
    blocks = []
    for i in range(BLOCKS):
        data = dict(changes[i]) if i < len(changes) else {}
        towns = data.get("towns", "")
        data["towns"] = "、".join(towns) if isinstance(towns, list) else towns
        data.setdefault("sections", [])
        data.setdefault("kinds", [])
        data["prefix"] = f"c{i + 1}"
        data["number"] = i + 1
        blocks.append(data)
    return blocks


def _words(change: dict) -> str:
    """A stored change in words (as stored, if it no longer reads as a change)."""
    try:
        return whatif.Change.parse(change).words()
    except whatif.WhatIfError as exc:
        return f"{change}（{exc}）"


def _chart(result: dict) -> dict:
    def series(rows):
        """The rows with an effect, in 万元 (the tables beside the charts keep the yuan to the cent)."""
        rows = [r for r in rows if Decimal(r["effect"])]
        return {
            "names": [r["name"] for r in rows],
            "values": [float((Decimal(r["effect"]) / 10000).quantize(Decimal("0.01"))) for r in rows],
        }

    return {"industries": series(result["by_industry"]), "towns": series(result["by_town"])}


def _form_context(*, changes: list[dict], period_from: str, period_to: str, name="", description="") -> dict:
    return {
        "blocks": _blocks(changes),
        "period_from": period_from,
        "period_to": period_to,
        "name": name,
        "description": description,
        "kinds": whatif.KINDS,
        "sections": SECTIONS,
        "taxpayer_kinds": whatif.TAXPAYER_KINDS,
        "tax_types": services.tax_types(),
    }


def _result_context(result: dict | None) -> dict:
    if not result:
        return {"result": None}
    return {"result": result, "chart": _chart(result)}


@require_http_methods(["GET", "POST"])
def whatif_home(request):
    """政策测算：已保存的测算，组合政策变化，测算结果（预览或保存）。"""
    require_capability(request.user, services.VIEW)
    year = clock.today().year - 1
    form = {
        "changes": [{"kind": whatif.THRESHOLD, "old": "100000", "new": "150000"}],
        "period_from": month_text(year, 1),
        "period_to": month_text(year, 12),
    }
    result = None
    if request.method == "POST":
        form = {
            "changes": _changes_from(request.POST),
            "period_from": request.POST.get("period_from", ""),
            "period_to": request.POST.get("period_to", ""),
            "name": request.POST.get("name", ""),
            "description": request.POST.get("description", ""),
        }
        with service_errors(request):
            if request.POST.get("op") == "save":
                scenario = services.scenario_save(actor=request.user, **form)
                messages.success(request, f"已保存测算“{scenario.name}”")
                return redirect("economy:whatif_detail", pk=scenario.pk)
            result = services.whatif_compute(
                user=request.user,
                changes=form["changes"],
                period_from=form["period_from"],
                period_to=form["period_to"],
            )
    return render(
        request,
        "economy/whatif.html",
        {
            "scenarios": services.scenario_list(user=request.user)[:50],
            "can_manage": request.user.has_capability(services.MANAGE),
            **_form_context(**form),
            **_result_context(result),
        },
    )


@require_http_methods(["GET", "POST"])
def whatif_detail(request, pk: int):
    """一项已保存的测算：政策变化、基期、结果；重新测算、修改、删除。"""
    scenario = services.scenario_get(user=request.user, pk=pk)
    if request.method == "POST":
        op = request.POST.get("op", "")
        with service_errors(request):
            if op == "delete":
                services.scenario_delete(actor=request.user, scenario=scenario)
                messages.success(request, f"已删除测算“{scenario.name}”")
                return redirect("economy:whatif")
            if op == "recompute":
                services.scenario_recompute(actor=request.user, scenario=scenario)
                messages.success(request, "已按当前数据重新测算")
                return redirect("economy:whatif_detail", pk=scenario.pk)
            if op == "save":
                services.scenario_save(
                    actor=request.user,
                    scenario=scenario,
                    changes=_changes_from(request.POST),
                    period_from=request.POST.get("period_from", ""),
                    period_to=request.POST.get("period_to", ""),
                    name=request.POST.get("name", ""),
                    description=request.POST.get("description", ""),
                )
                messages.success(request, "已保存修改并重新测算")
                return redirect("economy:whatif_detail", pk=scenario.pk)
        scenario.refresh_from_db()
    return render(
        request,
        "economy/whatif_detail.html",
        {
            "scenario": scenario,
            "can_manage": request.user.has_capability(services.MANAGE),
            "change_words": [_words(c) for c in scenario.changes],
            **_form_context(
                changes=scenario.changes,
                period_from=scenario.period_from,
                period_to=scenario.period_to,
                name=scenario.name,
                description=scenario.description,
            ),
            **_result_context(scenario.result),
        },
    )
