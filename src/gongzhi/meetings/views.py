from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from gongzhi.assessment.selectors import run_get, run_list
from gongzhi.cogov.selectors_matters import matter_get, matter_url, open_matters
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.files import open_then_remove
from gongzhi.core.http import service_errors
from gongzhi.core.params import get_choice
from gongzhi.core.permissions import access_or_404, require_capability
from gongzhi.meetings import exports, selectors, services
from gongzhi.meetings.choices import MeetingStatus
from gongzhi.meetings.forms import (
    AgendaForm,
    AttendanceForm,
    DecisionForm,
    MatterAgendaForm,
    MeetingForm,
    MeetingInfoForm,
    ObserverForm,
)
from gongzhi.meetings.permissions import can_manage
from gongzhi.org.models import Group
from gongzhi.plans.selectors import plan_list
from gongzhi.taxrisk.models import Lead

LEVEL_LABELS = {
    "green": gettext_lazy("正常"),
    "yellow": gettext_lazy("预警"),
    "red": gettext_lazy("严重"),
    "grey": gettext_lazy("无法判断"),
}


def _manageable_groups(user):
    return Group.objects.filter(pk__in=[g.pk for g in Group.objects.all() if can_manage(user, g)]).order_by(
        "name"
    )


@require_GET
def meeting_list(request):
    require_capability(request.user, "meetings.view")
    meetings = list(selectors.meeting_list(user=request.user).order_by("-date", "-sequence")[:200])
    return render(
        request,
        "meetings/meeting_list.html",
        {"meetings": meetings, "can_create": _manageable_groups(request.user).exists()},
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request):
    require_capability(request.user, "meetings.manage")
    groups = _manageable_groups(request.user)
    form = MeetingForm(request.POST or None, groups=groups, initial={"date": clock.today()})
    if request.method == "POST" and form.is_valid():
        with service_errors(form=form):
            meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
            messages.success(request, _("已新建%(meeting)s") % {"meeting": meeting})
            return redirect("meetings:meeting_detail", meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


def _detail_context(request, meeting, **forms):
    user = request.user
    agenda, attendance = selectors.meeting_detail(meeting=meeting)
    manage = can_manage(user, meeting.group)
    editable = manage and meeting.status != MeetingStatus.APPROVED
    decisions = list(selectors.meeting_decisions(user=user, meeting=meeting))
    statuses = {r.decision.pk: r for r in selectors.decision_statuses(decisions)} if meeting.plan_id else {}
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "attendance": attendance,
        "attendance_groups": selectors.attendance_groups(attendance),
        "decisions": [(d, statuses.get(d.pk)) for d in decisions],
        "follow_ups": selectors.follow_ups(user=user, meeting=meeting),
        "whole": selectors.sees_whole_meeting(user, meeting),
        "manage": manage,
        "editable": editable,
        "level_labels": LEVEL_LABELS,
        "link_reports": user.has_capability("supervision.view_all"),
        # a lead or score run is linked only for those who may open it (else named only)
        "visible_leads": set(
            Lead.objects.visible_to(user)
            .filter(pk__in=[i.lead_id for i in agenda if i.lead_id])
            .values_list("pk", flat=True)
        ),
        "visible_runs": set(
            run_list(user=user)
            .filter(pk__in=[i.score_run_id for i in agenda if i.score_run_id])
            .values_list("pk", flat=True)
        ),
        "today": clock.today(),
    }
    if editable:
        context.update(
            info_form=forms.get("info_form")
            or MeetingInfoForm(
                initial={
                    "date": meeting.date,
                    "place": meeting.place,
                    "convener": meeting.convener,
                    "summary": meeting.summary,
                }
            ),
            agenda_form=forms.get("agenda_form") or AgendaForm(plans=plan_list(user=user)),
            matter_form=(
                forms.get("matter_form") or MatterAgendaForm(matters=open_matters(user=user))
                if user.has_capability("cogov.matters_view")
                else None
            ),
            observer_form=forms.get("observer_form") or ObserverForm(),
            decision_form=forms.get("decision_form") or DecisionForm(),
            attendance_form=AttendanceForm(),
        )
    return context


@require_http_methods(["GET", "POST"])
def meeting_detail(request, pk: int):
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    if request.method == "POST":
        return _act(request, meeting)
    return render(request, "meetings/meeting_detail.html", _detail_context(request, meeting))


def _back(meeting, anchor: str = ""):
    return redirect(reverse("meetings:meeting_detail", args=[meeting.pk]) + (f"#{anchor}" if anchor else ""))


def _act(request, meeting):
    """One POST per change on the meeting page; `action` names it."""
    user, action = request.user, request.POST.get("action", "")
    if not can_manage(user, meeting.group):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("没有权限执行此操作"))
    forms = {}
    with service_errors(request) as errors:
        if action == "info":
            form = forms["info_form"] = MeetingInfoForm(request.POST)
            if form.is_valid():
                services.meeting_update(actor=user, meeting=meeting, **form.cleaned_data)
                messages.success(request, _("已保存会议信息"))
                return _back(meeting)
        elif action == "agenda_add":
            form = forms["agenda_form"] = AgendaForm(request.POST, plans=plan_list(user=user))
            if form.is_valid():
                data = form.cleaned_data
                lead = score_run = None
                if data["lead_id"]:
                    lead = access_or_404(Lead.objects.visible_to(user), data["lead_id"])
                if data["score_run_id"]:
                    score_run = run_get(user=user, pk=data["score_run_id"])
                services.agenda_add(
                    actor=user,
                    meeting=meeting,
                    title=data["title"],
                    kind=data["kind"],
                    presenter_unit=data["presenter_unit"],
                    plan=data["plan"],
                    lead=lead,
                    score_run=score_run,
                    link=data["link"],
                )
                messages.success(request, _("已增加议题"))
                return _back(meeting, "agenda")
        elif action == "agenda_matter":
            require_capability(user, "cogov.matters_view")
            form = forms["matter_form"] = MatterAgendaForm(request.POST, matters=open_matters(user=user))
            if form.is_valid():
                matter = matter_get(user=user, pk=form.cleaned_data["matter"].pk, audit=False)
                services.agenda_add(
                    actor=user,
                    meeting=meeting,
                    title=_("重要事项：%(title)s") % {"title": matter.title},
                    presenter_unit=matter.unit,
                    link=matter_url(matter),
                )
                messages.success(request, _("已将重要事项列入议题"))
                return _back(meeting, "agenda")
        elif action == "agenda_remove":
            item = access_or_404(meeting.agenda.all(), request.POST.get("item"))
            services.agenda_remove(actor=user, item=item)
            messages.success(request, _("已删除议题"))
            return _back(meeting, "agenda")
        elif action == "minutes":
            item = access_or_404(meeting.agenda.all(), request.POST.get("item"))
            services.minutes_save(actor=user, item=item, minutes=request.POST.get("minutes", ""))
            messages.success(request, _("已保存会议纪要"))
            return _back(meeting, "agenda")
        elif action == "attendance":
            row = access_or_404(meeting.attendance.all(), request.POST.get("row"))
            form = AttendanceForm(request.POST)
            if form.is_valid():
                services.attendance_set(actor=user, attendance=row, **form.cleaned_data)
                messages.success(request, _("已保存%(name)s的出席情况") % {"name": row.name})
                return _back(meeting, "attendance")
            messages.error(request, _("出席情况无效"))
            return _back(meeting, "attendance")
        elif action == "observer_add":
            form = forms["observer_form"] = ObserverForm(request.POST)
            if form.is_valid():
                services.observer_add(actor=user, meeting=meeting, **form.cleaned_data)
                messages.success(request, _("已增加列席人员"))
                return _back(meeting, "attendance")
        elif action == "observer_remove":
            row = access_or_404(meeting.attendance.all(), request.POST.get("row"))
            services.observer_remove(actor=user, attendance=row)
            messages.success(request, _("已删除列席人员"))
            return _back(meeting, "attendance")
        elif action == "decision_add":
            form = forms["decision_form"] = DecisionForm(request.POST)
            if form.is_valid():
                item = None
                if request.POST.get("agenda_item"):
                    item = access_or_404(meeting.agenda.all(), request.POST.get("agenda_item"))
                services.decision_add(actor=user, meeting=meeting, agenda_item=item, **form.cleaned_data)
                messages.success(request, _("已增加议定事项"))
                return _back(meeting, "decisions")
        elif action == "decision_remove":
            decision = access_or_404(meeting.decisions.all(), request.POST.get("decision"))
            services.decision_remove(actor=user, decision=decision)
            messages.success(request, _("已删除议定事项"))
            return _back(meeting, "decisions")
        elif action == "held":
            services.meeting_mark_held(actor=user, meeting=meeting)
            messages.success(request, _("会议已召开"))
            return _back(meeting)
        elif action == "approve":
            meeting = services.minutes_approve(actor=user, meeting=meeting)
            messages.success(
                request,
                _("纪要已签发（%(number)s），议定事项已转为督办任务") % {"number": meeting.minutes_number},
            )
            return _back(meeting, "decisions")
        else:
            messages.error(request, _("未知的操作"))
            return _back(meeting)
    if errors.error is not None:
        meeting.refresh_from_db()
    return render(
        request, "meetings/meeting_detail.html", _detail_context(request, meeting, **forms), status=400
    )


@require_GET
def minutes_download(request, pk: int):
    """会议纪要 .docx (audited): the decisions and follow-up as the reader sees them on the page."""
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    path = exports.minutes_docx(meeting=meeting, user=request.user)
    audit_record(
        actor=request.user, action=AuditAction.DOCUMENT_EXPORTED, target=meeting, detail={"kind": "minutes"}
    )
    return FileResponse(open_then_remove(path), as_attachment=True, filename=path.name)


@require_GET
def decision_list(request):
    """议定事项落实：each decision's level, latest report and open orders; open ones first."""
    require_capability(request.user, "meetings.view")
    show = get_choice(request.GET, "show", {"open": "", "all": ""}, default="open")
    rows = selectors.decision_statuses(
        selectors.decision_list(user=request.user).order_by("-meeting__date", "order")
    )
    if show != "all":
        rows = [r for r in rows if not r.done]
    order = {"red": 0, "yellow": 1, "grey": 2, "green": 3}
    rows.sort(key=lambda r: (r.done, order.get(r.level, 4), r.decision.deadline))
    return render(
        request,
        "meetings/decision_list.html",
        {
            "rows": rows,
            "show": show,
            "level_labels": LEVEL_LABELS,
            "link_reports": request.user.has_capability("supervision.view_all"),
            "today": clock.today(),
        },
    )
