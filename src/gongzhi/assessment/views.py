import datetime
import json
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from gongzhi.assessment import selectors, services
from gongzhi.assessment.choices import AppealState, ManualKind, Measure, NoticeState, RunStatus
from gongzhi.assessment.models import Appeal, ManualItem, ScoreItem
from gongzhi.assessment.notices import notice_docx as render_notice_docx
from gongzhi.assessment.schemes import params_words
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.files import open_then_remove
from gongzhi.core.http import service_errors
from gongzhi.core.permissions import has_capability, require_capability
from gongzhi.org.models import Unit


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat((value or "").strip())
    except ValueError as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, "日期应为 YYYY-MM-DD") from exc


def _points(value: str) -> Decimal:
    try:
        return Decimal((value or "").strip())
    except InvalidOperation as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, "分数应为数字") from exc


def _upload(request, name: str):
    f = request.FILES.get(name)
    return (f.name, f.read()) if f else None


def _can_view(user) -> None:
    if not (has_capability(user, "assessment.view_all") or has_capability(user, "assessment.view_own")):
        require_capability(user, "assessment.view_all")


@require_http_methods(["GET", "POST"])
def scheme_list(request):
    _can_view(request.user)
    services.ensure_default_schemes()
    if request.method == "POST":
        scheme = selectors.scheme_get(code=request.POST.get("scheme", ""))
        with service_errors(request):
            run = services.score_compute(
                actor=request.user, scheme=scheme, period=request.POST.get("period", "")
            )
            messages.success(request, f"已完成评分（用时{run.seconds}秒）")
            return redirect(run)
    schemes = []
    for s in selectors.scheme_list():
        periods = services.scheme_periods(s)[::-1] if selectors.sees_all(request.user) else []
        half = next((p.text for p in periods if p.kind == "half"), "")
        office = services.is_scheme_office(request.user, s)
        schemes.append({"scheme": s, "periods": periods, "default": half, "can_manage": office})
    runs = selectors.run_list(user=request.user).order_by("-pk")[:30]
    return render(
        request,
        "assessment/scheme_list.html",
        {"schemes": schemes, "runs": runs},
    )


@require_http_methods(["GET", "POST"])
def scheme_detail(request, code: str):
    require_capability(request.user, "assessment.view_all")
    try:
        scheme = selectors.scheme_get(code=code)
    except ApplicationError as exc:
        raise Http404(exc.message) from exc
    text = json.dumps(scheme.current.criteria if scheme.current else [], ensure_ascii=False, indent=2)
    if request.method == "POST":
        op = request.POST.get("op")
        with service_errors(request):
            if op == "version":
                text = request.POST.get("criteria", "")
                try:
                    criteria = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise ApplicationError(
                        ErrorCode.INVALID_INPUT, f"评分细则不是有效的 JSON（第{exc.lineno}行）"
                    ) from exc
                version = services.scheme_version_save(
                    actor=request.user, scheme=scheme, criteria=criteria, note=request.POST.get("note", "")
                )
                messages.success(
                    request, f"已生成第{version.version}版，此后的评分使用新版本；已审定的结果不变"
                )
                return redirect(scheme)
            if op == "manual":
                unit = Unit.objects.filter(pk=request.POST.get("unit") or 0).first()
                if unit is None:
                    raise ApplicationError(ErrorCode.INVALID_INPUT, "请选择单位")
                kind = request.POST.get("kind", "")
                services.manual_item_record(
                    actor=request.user,
                    scheme=scheme,
                    unit=unit,
                    period=request.POST.get("period", ""),
                    kind=kind,
                    points=_points(request.POST.get("points") or "0"),
                    reason=request.POST.get("reason", ""),
                    day=_day(request.POST.get("day", "")),
                    attachment=_upload(request, "attachment"),
                )
                messages.success(request, "已记录，重新评分后计入")
                return redirect(scheme)
    periods = services.scheme_periods(scheme)[::-1]
    return render(
        request,
        "assessment/scheme_detail.html",
        {
            "scheme": scheme,
            "criteria": [
                {**c, "kind_label": Measure(c["kind"]).label, "params_words": params_words(c.get("params"))}
                for c in (scheme.current.criteria if scheme.current else [])
            ],
            "versions": scheme.versions.order_by("-version"),
            "criteria_text": text,
            "units": services.scheme_units(scheme),
            "periods": periods,
            "default_period": next((p.text for p in periods if p.kind == "half"), ""),
            "manual": ManualItem.objects.filter(scheme=scheme).select_related("unit").order_by("-pk")[:50],
            "kinds": ManualKind.choices,
            "today": clock.today(),
            "can_manage": services.is_scheme_office(request.user, scheme),
        },
    )


@require_http_methods(["GET", "POST"])
def run_detail(request, pk: int):
    _can_view(request.user)
    run = selectors.run_get(user=request.user, pk=pk)
    if request.method == "POST":
        op = request.POST.get("op")
        with service_errors(request):
            if op == "publish":
                services.run_publish(
                    actor=request.user, run=run, appeal_deadline=_day(request.POST.get("deadline"))
                )
                messages.success(request, "已发布征求意见，各单位可核对本单位得分并申诉")
            elif op == "submit":
                services.run_submit(actor=request.user, run=run)
                messages.success(request, "已提交审批，须由另一人审定")
            elif op == "approve":
                services.run_approve(actor=request.user, run=run)
                messages.success(request, "已审定，考核结果冻结")
            elif op == "decide":
                appeal = Appeal.objects.filter(
                    pk=request.POST.get("appeal") or 0, item__unit_score__run=run
                ).first()
                if appeal is None:
                    raise Http404
                accept = request.POST.get("accept") == "1"
                services.appeal_decide(
                    actor=request.user,
                    appeal=appeal,
                    accept=accept,
                    note=request.POST.get("note", ""),
                    new_points=_points(request.POST.get("new_points")) if accept else None,
                )
                messages.success(request, "已处理申诉")
            elif op == "notice":
                notice = services.notice_draft(actor=request.user, run=run)
                messages.success(request, "已起草通报，请修改后提交审批")
                return redirect(notice)
            else:
                raise ApplicationError(ErrorCode.INVALID_INPUT, "未知操作")
            return redirect(run)
        run.refresh_from_db()
    scores = selectors.run_scores(user=request.user, run=run)
    return render(
        request,
        "assessment/run_detail.html",
        {
            "run": run,
            "scores": scores,
            "appeals": selectors.appeal_list(user=request.user, run=run),
            "sees_all": selectors.sees_all(request.user),
            "can_manage": services.is_scheme_office(request.user, run.version.scheme),
            "can_approve": services.is_scheme_office(
                request.user, run.version.scheme, capability=services.APPROVE
            ),
            "statuses": RunStatus,
            "today": clock.today(),
            "default_deadline": clock.today() + datetime.timedelta(days=7),
            "notices": run.notices.all() if selectors.sees_all(request.user) else [],
        },
    )


@require_http_methods(["GET", "POST"])
def unit_score(request, pk: int, unit_id: int):
    _can_view(request.user)
    run = selectors.run_get(user=request.user, pk=pk)
    score = selectors.unit_score_get(user=request.user, run=run, unit_id=unit_id)
    if request.method == "POST":
        item = ScoreItem.objects.filter(pk=request.POST.get("item") or 0, unit_score=score).first()
        if item is None:
            raise Http404
        with service_errors(request):
            services.appeal_file(
                actor=request.user,
                item=item,
                reason=request.POST.get("reason", ""),
                attachment=_upload(request, "attachment"),
            )
            messages.success(request, "已提交申诉，等待领导小组办公室处理")
            return redirect(score)
    items = score.items.prefetch_related("evidence", "appeals__attachment").order_by("order")
    can_appeal = (
        run.status == RunStatus.REVIEW
        and request.user.unit_id == score.unit_id
        and has_capability(request.user, services.APPEAL)
        and (run.appeal_deadline is None or clock.today() <= run.appeal_deadline)
    )
    return render(
        request,
        "assessment/unit_score.html",
        {"run": run, "score": score, "items": items, "can_appeal": can_appeal, "open": AppealState.OPEN},
    )


@require_GET
def manual_detail(request, pk: int):
    _can_view(request.user)
    item = selectors.manual_get(user=request.user, pk=pk)
    return render(request, "assessment/manual_detail.html", {"item": item})


@require_GET
def attachment_download(request, pk: int):
    """An attachment of a manual item or an appeal, for whoever may see that item."""
    _can_view(request.user)
    owner = ManualItem.objects.filter(attachment_id=pk).values_list("unit_id", flat=True).first()
    if owner is None:
        owner = (
            Appeal.objects.filter(attachment_id=pk)
            .values_list("item__unit_score__unit_id", flat=True)
            .first()
        )
    if owner is None or not (selectors.sees_all(request.user) or owner == request.user.unit_id):
        raise Http404("页面不存在或无权访问")
    from gongzhi.supervision.models import Evidence

    evidence = Evidence.objects.get(pk=pk)
    audit_record(actor=request.user, action=AuditAction.EVIDENCE_VIEWED, target=evidence)
    return FileResponse(
        open(evidence.file_path, "rb"), filename=evidence.filename, content_type=evidence.content_type
    )


@require_GET
def notice_list(request):
    _can_view(request.user)
    notices = selectors.notice_list(user=request.user).order_by("-pk")
    return render(request, "assessment/notice_list.html", {"notices": notices})


@require_http_methods(["GET", "POST"])
def notice_detail(request, pk: int):
    _can_view(request.user)
    notice = selectors.notice_get(user=request.user, pk=pk)
    if request.method == "POST":
        op = request.POST.get("op")
        with service_errors(request):
            if op == "save":
                services.notice_update(
                    actor=request.user,
                    notice=notice,
                    title=request.POST.get("title", ""),
                    body=request.POST.get("body", ""),
                )
                messages.success(request, "已保存")
            elif op == "submit":
                services.notice_submit(actor=request.user, notice=notice)
                messages.success(request, "已提交审批，须由另一人审批")
            elif op == "approve":
                services.notice_approve(actor=request.user, notice=notice)
                messages.success(request, "已审批")
            elif op == "send":
                services.notice_send(actor=request.user, notice=notice)
                messages.success(request, "已印发各单位")
            else:
                raise ApplicationError(ErrorCode.INVALID_INPUT, "未知操作")
            return redirect(notice)
        notice.refresh_from_db()
    if not selectors.sees_all(request.user):
        services.notice_read(actor=request.user, notice=notice)
    return render(
        request,
        "assessment/notice_detail.html",
        {
            "notice": notice,
            "deliveries": notice.deliveries.select_related("unit", "read_by")
            if selectors.sees_all(request.user)
            else [],
            "states": NoticeState,
            "can_manage": services.is_scheme_office(request.user, notice.run.version.scheme),
            "can_approve": services.is_scheme_office(
                request.user, notice.run.version.scheme, capability=services.APPROVE
            ),
        },
    )


@require_GET
def notice_docx(request, pk: int):
    _can_view(request.user)
    notice = selectors.notice_get(user=request.user, pk=pk)
    path = render_notice_docx(notice)
    audit_record(
        actor=request.user, action=AuditAction.DOCUMENT_EXPORTED, target=notice, detail={"kind": "notice"}
    )
    return FileResponse(open_then_remove(path), as_attachment=True, filename=path.name)
