from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from gongzhi.core import labels
from gongzhi.core.http import service_errors
from gongzhi.core.params import get_choice, get_str
from gongzhi.core.permissions import access_or_404, require_capability
from gongzhi.org.models import Unit
from gongzhi.org.selectors import unit_get
from gongzhi.plans import selectors, services
from gongzhi.plans.choices import ImportState, LessonKind, ResponsibilityRole, UnitDecision
from gongzhi.plans.forms import ConfirmForm, NewTargetForm, TargetForm, UnitDecisionForm, UploadForm
from gongzhi.plans.highlight import Mark, highlight
from gongzhi.plans.models import ParseLesson
from gongzhi.plans.review import check_document
from gongzhi.plans.selectors import is_plan_office

ROLE_LABELS = {"lead_units": _("牵头"), "responsible_units": _("责任"), "cooperating_units": _("配合")}


@require_GET
def plan_list(request):
    q = get_str(request.GET, "q")
    can_import = request.user.has_capability("plans.import")
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": selectors.plan_list(user=request.user, search=q),
            "q": q,
            "tasks": selectors.task_search(user=request.user, search=q) if q else None,
            "can_import": can_import,
            "upload_form": UploadForm(),
            "imports": selectors.import_list(user=request.user).exclude(
                state__in=[ImportState.CONFIRMED, ImportState.CANCELLED]
            )[:10]
            if can_import
            else [],
        },
    )


@require_POST
def plan_upload(request):
    require_capability(request.user, "plans.import")
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要导入的文件")
        return redirect("plans:plan_list")
    upload = form.cleaned_data["file"]
    if upload.size > services.MAX_UPLOAD_BYTES:  # refuse before reading a large file into memory
        messages.error(
            request,
            f"文件“{upload.name}”过大：超过 {services.MAX_UPLOAD_BYTES // 1024 // 1024} MB 上限，未保存",
        )
        return redirect("plans:plan_list")
    with service_errors(request):
        plan_import = services.plan_import_start(actor=request.user, data=upload.read(), filename=upload.name)
        return redirect("plans:import_detail", pk=plan_import.pk)
    return redirect("plans:plan_list")


@require_GET
def import_detail(request, pk: int):
    plan_import = selectors.import_get(user=request.user, pk=pk)
    if plan_import.state == ImportState.REVIEW:
        return redirect("plans:import_review", pk=pk, doc=0)
    return render(request, "plans/import_detail.html", {"plan_import": plan_import})


@require_GET
def import_status(request, pk: int):
    """Polled while parsing: redirects the page to the review once the parse is done."""
    plan_import = selectors.import_get(user=request.user, pk=pk)
    if plan_import.state != ImportState.PARSING:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("plans:import_detail", args=[pk])
        return response
    return render(request, "core/_job_progress.html", {"job": plan_import.job})


def _doc_or_404(plan_import, doc: int) -> dict:
    try:
        return plan_import.result["documents"][doc]
    except (IndexError, KeyError, TypeError) as exc:
        raise Http404("文件中没有这份文档") from exc


def _source_html(text: str, doc: dict):
    marks = []
    for i, task in enumerate(doc["tasks"]):
        if task.get("source_span"):
            marks.append(
                Mark(
                    *task["source_span"],
                    css="gz-src-task",
                    anchor=f"src-task-{i}",
                    title=f"任务{task['number']}",
                )
            )
        for ref in task.get("spans", []):
            if ref.get("span"):
                marks.append(Mark(*ref["span"], css="gz-src-unit", title=f"{ref['role']}：{ref['name']}"))
        for target in task["targets"]:
            if target.get("span"):
                marks.append(Mark(*target["span"], css="gz-src-target", title=f"目标：{target['indicator']}"))
    return highlight(text, marks)


@require_GET
def import_review(request, pk: int, doc: int):
    plan_import = selectors.import_get(user=request.user, pk=pk)
    if plan_import.state == ImportState.PARSING:
        return redirect("plans:import_detail", pk=pk)
    document = _doc_or_404(plan_import, doc)
    preview = services.plan_import_preview(plan_import=plan_import, doc_index=doc)
    status = {p["text"]: p for p in preview["proposals"]}
    check = check_document(document, status)
    tasks = []
    for i, task in enumerate(document["tasks"]):
        roles = [(ROLE_LABELS[key], [status.get(n) for n in task[key]]) for key in ROLE_LABELS if task[key]]
        tasks.append(
            {
                "index": i,
                "task": task,
                "check": check.tasks[i],
                "roles": roles,
                "target_forms": [
                    TargetForm(
                        initial={**t, "unit": t.get("unit") or "", "per": t.get("per") or ""},
                        prefix=f"t{i}-{j}",
                    )
                    for j, t in enumerate(task["targets"])
                ],
                "new_form": NewTargetForm(prefix=f"new{i}"),
            }
        )
    return render(
        request,
        "plans/import_review.html",
        {
            "plan_import": plan_import,
            "doc": document,
            "doc_index": doc,
            "tasks": tasks,
            "goals": _goal_rows(document.get("targets")),
            "documents": plan_import.result["documents"],
            "preview": preview,
            "check": check,
            "source_html": _source_html(plan_import.texts[doc], document),
            "units": Unit.objects.active().order_by("name"),
            "decision_choices": UnitDecision.choices,
            "kinds": UnitDecisionForm.base_fields["kind"].choices,
            "confirm_form": ConfirmForm(initial={"end_year": document.get("end_year")}),
            "confirmed": str(doc) in plan_import.confirmed_documents,
            "editable": plan_import.state == ImportState.REVIEW
            and str(doc) not in plan_import.confirmed_documents,
        },
    )


@require_POST
def import_decide_unit(request, pk: int, doc: int):
    plan_import = selectors.import_get(user=request.user, pk=pk)
    form = UnitDecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        unit = Unit.objects.filter(pk=data["unit"]).first() if data["unit"] else None
        with service_errors(request):
            services.plan_import_decide_unit(
                actor=request.user,
                plan_import=plan_import,
                name=data["name"],
                action=data["action"],
                unit=unit,
                kind=data["kind"],
                add_alias=data["add_alias"],
            )
            messages.success(request, f"已确定“{data['name']}”的处理方式")
    else:
        messages.error(request, "请选择处理方式")
    return redirect(reverse("plans:import_review", args=[pk, doc]) + "#units")


@require_POST
def import_edit_target(request, pk: int, doc: int, task: int):
    plan_import = selectors.import_get(user=request.user, pk=pk)
    target_index = request.POST.get("target")
    target_index = int(target_index) if target_index not in (None, "") else None
    delete = request.POST.get("op") == "delete"
    form_class = NewTargetForm if target_index is None else TargetForm
    form = form_class(request.POST, prefix=request.POST.get("prefix", ""))
    if not delete and not form.is_valid():
        messages.error(
            request,
            "目标填写有误："
            + "；".join(f"{form.fields[f].label}{e[0]}" for f, e in form.errors.items() if f in form.fields),
        )
    else:
        with service_errors(request):
            services.plan_import_edit_target(
                actor=request.user,
                plan_import=plan_import,
                doc_index=doc,
                task_index=task,
                target_index=target_index,
                values=None if delete else form.cleaned_data,
                source="" if delete else form.cleaned_data.get("source", ""),
            )
            messages.success(request, "已删除目标" if delete else "已保存目标")
    return redirect(reverse("plans:import_review", args=[pk, doc]) + f"#task-{task}")


@require_POST
def import_confirm(request, pk: int, doc: int):
    plan_import = selectors.import_get(user=request.user, pk=pk)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "规划期末年份无效")
        return redirect("plans:import_review", pk=pk, doc=doc)
    with service_errors(request):
        document, changes = services.plan_import_confirm(
            actor=request.user, plan_import=plan_import, doc_index=doc, end_year=form.cleaned_data["end_year"]
        )
        if changes:
            messages.success(
                request, f"已修订为第{document.revision}版，{len(changes)}处变更；已有报告保留在未变的任务上"
            )
        else:
            messages.success(request, f"已保存方案“{document.title}”")
        if document.set_up_at is None:  # the next step: who leads it, who evaluates, from when
            messages.info(request, "请完成方案设置：确定牵头办公室、第三方评估人员和监测起算日期")
            return redirect("supervision:plan_setup", pk=document.pk)
        return redirect("plans:plan_detail", pk=document.pk)
    return redirect("plans:import_review", pk=pk, doc=doc)


@require_POST
def import_cancel(request, pk: int):
    plan_import = selectors.import_get(user=request.user, pk=pk)
    with service_errors(request):
        services.plan_import_cancel(actor=request.user, plan_import=plan_import)
        messages.info(request, "已取消导入，未保存任何内容")
    return redirect("plans:plan_list")


def _goal_rows(targets: list[dict]) -> list[dict]:
    """Document targets (parsed JSON or PolicyDocument.goals) in words for a page."""
    return [
        {
            "indicator": t.get("indicator") or "",
            "words": labels.target_words(
                t["comparator"], t["value"], t.get("value_max"), t.get("unit") or "", t.get("per") or ""
            ),
            "deadline_year": t.get("deadline_year"),
            "text": t.get("text") or "",
        }
        for t in targets or []
    ]


@require_GET
def plan_detail(request, pk: int):
    document = selectors.plan_get(user=request.user, pk=pk)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "document": document,
            "rows": selectors.plan_tree(document=document),
            "goals": _goal_rows(document.goals),
            "revisions": document.revisions.all()[:10],
            "can_set_up": is_plan_office(request.user, document, capability="plans.import"),
        },
    )


@require_GET
def plan_source(request, pk: int):
    document = selectors.plan_get(user=request.user, pk=pk)
    marks = [
        Mark(t.span_start, t.span_end, css="gz-src-task", anchor=f"src-task-{t.pk}", title=f"任务{t.number}")
        for t in document.nodes.tasks().current()
        if t.span_start is not None
    ]
    return render(
        request,
        "plans/plan_source.html",
        {"document": document, "source_html": highlight(document.source_text, marks)},
    )


@require_GET
def task_detail(request, pk: int):
    task = selectors.task_get(user=request.user, pk=pk)
    by_role = {}
    for r in task.responsibilities.all():
        by_role.setdefault(r.get_role_display(), []).append(r)
    return render(request, "plans/task_detail.html", {"task": task, "by_role": by_role})


@require_GET
def unit_tasks(request, unit_id: int):
    unit = unit_get(pk=unit_id)
    role = get_choice(request.GET, "role", ResponsibilityRole)
    return render(
        request,
        "plans/unit_tasks.html",
        {
            "unit": unit,
            "rows": selectors.unit_tasks(user=request.user, unit=unit, role=role),
            "role": role,
            "roles": ResponsibilityRole.choices,
        },
    )


@require_GET
def my_tasks(request):
    if request.user.unit_id is None:
        raise Http404("您的账号没有所属单位")
    return redirect("plans:unit_tasks", unit_id=request.user.unit_id)


@require_GET
def lesson_list(request):
    """审核经验：审核中的更正，下次导入时自动应用；可停用。"""
    require_capability(request.user, "plans.import")
    kind = get_choice(request.GET, "kind", LessonKind)
    lessons = ParseLesson.objects.select_related("created_by", "unit")
    if kind:
        lessons = lessons.filter(kind=kind)
    return render(
        request,
        "plans/lesson_list.html",
        {"lessons": lessons[:500], "kind": kind, "kinds": LessonKind.choices},
    )


@require_POST
def lesson_toggle(request, pk: int):
    require_capability(request.user, "plans.import")
    lesson = access_or_404(ParseLesson.objects.all(), pk)
    with service_errors(request):
        services.lesson_set_active(actor=request.user, lesson=lesson, active=not lesson.active)
        messages.success(request, "已启用" if lesson.active else "已停用")
    return redirect("plans:lesson_list")
