"""Pages of the yearly tasks: the sets, the set editor, one set grouped by unit, a unit's own yearly
tasks with their report status, and the .xlsx of a set."""

from pathlib import Path

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.cogov import selectors_yearly as selectors
from gongzhi.cogov import services_yearly as services
from gongzhi.cogov.forms_yearly import RowsForm, SetCreateForm
from gongzhi.cogov.models_yearly import YearlyTaskSetState
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exporters.xlsx import Column, Sheet, write_table_workbook
from gongzhi.core.files import open_then_remove, temporary_directory
from gongzhi.core.http import service_errors
from gongzhi.core.params import get_choice, get_id, get_int
from gongzhi.core.permissions import access_or_404, require_capability
from gongzhi.org.models import Unit

LEVEL_LABELS = {
    "green": gettext_lazy("正常"),
    "yellow": gettext_lazy("预警"),
    "red": gettext_lazy("严重"),
    "grey": gettext_lazy("无法判断"),
}

# the `state` filter of a unit's yearly tasks (the leader's figures link to each)
STATE_FILTERS = {"done": gettext_lazy("已完成"), "overdue": gettext_lazy("逾期未完成")}


def _can_edit(user, task_set) -> bool:
    return user.has_capability("cogov.yearly_manage") and (
        user.has_capability("plans.manage_all") or user.unit_id == task_set.office_unit_id
    )


@require_http_methods(["GET", "POST"])
def yearly_set_list(request):
    sets = list(selectors.set_list(user=request.user))
    manage = request.user.has_capability("cogov.yearly_manage")
    form = None
    if manage:
        form = SetCreateForm(
            request.POST or None,
            documents=selectors.documents_for_sets(),
            initial={"year": clock.today().year},
        )
        if request.method == "POST" and form.is_valid():
            with service_errors(form=form):
                task_set = services.yearly_set_create(actor=request.user, **form.cleaned_data)
                messages.success(request, _("已新建%(set)s") % {"set": task_set})
                return redirect("cogov:yearly_set_edit", task_set.pk)
    elif request.method == "POST":
        require_capability(request.user, "cogov.yearly_manage")
    return render(request, "cogov/yearly/set_list.html", {"sets": sets, "form": form, "manage": manage})


@require_GET
def yearly_set_detail(request, pk: int):
    task_set = selectors.set_get(user=request.user, pk=pk)
    return render(
        request,
        "cogov/yearly/set_detail.html",
        {
            "task_set": task_set,
            "groups": selectors.set_by_unit(task_set=task_set),
            "can_edit": _can_edit(request.user, task_set),
            "level_labels": LEVEL_LABELS,
            "link_reports": request.user.has_capability("supervision.view_all"),
        },
    )


@require_http_methods(["GET", "POST"])
def yearly_set_edit(request, pk: int):
    """The set editor: rows per source task (bulk), copy last year's, remove a row, issue."""
    task_set = selectors.set_get(user=request.user, pk=pk)
    require_capability(request.user, "cogov.yearly_manage")
    source_tasks = task_set.document.nodes.tasks().current().order_by("order")
    form = RowsForm(source_tasks=source_tasks)
    if request.method == "POST":
        action = request.POST.get("action", "")
        with service_errors(request):
            if action == "rows":
                form = RowsForm(request.POST, source_tasks=source_tasks)
                if form.is_valid():
                    with service_errors(form=form):
                        added = services.yearly_tasks_add(
                            actor=request.user, task_set=task_set, rows=form.cleaned_data["rows"]
                        )
                        messages.success(request, _("已增加%(n)s项年度任务") % {"n": len(added)})
                        return redirect("cogov:yearly_set_edit", task_set.pk)
            elif action == "copy":
                added = services.yearly_set_copy_previous(actor=request.user, task_set=task_set)
                messages.success(request, _("已复制上年%(n)s项年度任务") % {"n": len(added)})
                return redirect("cogov:yearly_set_edit", task_set.pk)
            elif action == "remove":
                task = access_or_404(task_set.tasks.all(), request.POST.get("task"))
                services.yearly_task_remove(actor=request.user, task=task)
                messages.success(request, _("已删除年度任务"))
                return redirect("cogov:yearly_set_edit", task_set.pk)
            elif action == "reopen":
                services.yearly_set_reopen(actor=request.user, task_set=task_set)
                messages.success(request, _("已转为草稿，调整后请重新下达"))
                return redirect("cogov:yearly_set_edit", task_set.pk)
            else:
                messages.error(request, _("操作无效"))
    return render(
        request,
        "cogov/yearly/set_edit.html",
        {
            "task_set": task_set,
            "tasks": selectors.set_tasks(task_set=task_set),
            "form": form,
            "draft": task_set.state == YearlyTaskSetState.DRAFT,
        },
    )


@require_POST
def yearly_set_issue(request, pk: int):
    task_set = selectors.set_get(user=request.user, pk=pk)
    with service_errors(request):
        task_set = services.yearly_set_issue(actor=request.user, task_set=task_set)
        messages.success(request, _("已下达%(set)s，各责任单位按督办任务报送进展") % {"set": task_set})
        return redirect("cogov:yearly_set_detail", task_set.pk)
    return redirect("cogov:yearly_set_edit", task_set.pk)


def set_xlsx(*, task_set) -> Path:
    rows = []
    for unit, statuses in selectors.set_by_unit(task_set=task_set):
        for s in statuses:
            t = s.task
            rows.append(
                [
                    unit.name,
                    t.source_task.label,
                    t.content,
                    t.measure,
                    t.deadline,
                    str(LEVEL_LABELS[s.level]),
                    s.status_label,
                    s.latest_report.round.period_label if s.latest_report else "",
                ]
            )
    sheet = Sheet(
        title="年度任务",
        columns=[
            Column("责任单位", 20),
            Column("来源任务", 30),
            Column("任务内容", 40),
            Column("措施或目标", 36),
            Column("完成时限", 14, "date"),
            Column("预警", 10),
            Column("进展", 10),
            Column("最新报送", 16),
        ],
        rows=rows,
        title_row=str(task_set),
        notes=[f"状态：{task_set.get_state_display()}", "进展与预警取自督办任务的报送与监测。"],
    )
    return write_table_workbook(temporary_directory("export") / f"{task_set}.xlsx", sheets=[sheet])


@require_GET
def yearly_set_export(request, pk: int):
    task_set = selectors.set_get(user=request.user, pk=pk)
    path = set_xlsx(task_set=task_set)
    audit_record(actor=request.user, action=AuditAction.YEARLY_SET_EXPORTED, target=task_set)
    return FileResponse(open_then_remove(path), as_attachment=True, filename=path.name)


@require_GET
def yearly_mine(request):
    """本单位年度任务 (the office and the leader: every unit's, filtered by unit)."""
    user = request.user
    require_capability(user, "cogov.yearly_view")
    year = get_int(request.GET, "year", clock.today().year, minimum=2000, maximum=2100)
    tasks = selectors.my_tasks(user=user, year=year)
    all_units = user.has_capability("cogov.yearly_view_all")
    unit_id = get_id(request.GET, "unit") if all_units else None
    if unit_id:
        tasks = tasks.filter(unit_id=unit_id)
    rows = selectors.statuses(tasks)
    today = clock.today()
    state = get_choice(request.GET, "state", STATE_FILTERS)
    if state == "overdue":
        rows = [r for r in rows if not r.done and r.task.deadline < today]
    elif state == "done":
        rows = [r for r in rows if r.done]
    return render(
        request,
        "cogov/yearly/mine.html",
        {
            "rows": rows,
            "year": year,
            "state": state,
            "state_label": STATE_FILTERS.get(state, ""),
            "state_filters": STATE_FILTERS,
            "all_units": all_units,
            "units": Unit.objects.active().order_by("name") if all_units else [],
            "unit_id": str(unit_id or ""),
            "level_labels": LEVEL_LABELS,
            "link_reports": user.has_capability("supervision.view_all"),
            "today": today,
        },
    )
