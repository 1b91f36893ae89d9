from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.children.register import permissions, selectors, services
from gongzhi.children.register.choices import (
    AssessmentState,
    Conclusion,
    SpaceKind,
    SpaceStatus,
    SubjectKind,
)
from gongzhi.children.register.forms import (
    AssessmentCreateForm,
    AttachForm,
    ChecklistForm,
    CountingTargetForm,
    ReturnForm,
    SignOffForm,
    SpaceForm,
    SpaceImportForm,
)
from gongzhi.children.register.models import ImpactEvidence, ImpactQuestion
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.http import service_errors
from gongzhi.core.params import get_choice, get_id
from gongzhi.core.permissions import access_or_404, has_capability, require_capability
from gongzhi.org.choices import BELOW_TOWN_KINDS, TOWN_KINDS
from gongzhi.org.models import Unit
from gongzhi.plans.models import PlanNode
from gongzhi.plans.selectors import plan_list

# --- impact assessments ---------------------------------------------------------------------


@require_GET
def impact_list(request):
    require_capability(request.user, "children.view")
    state = get_choice(request.GET, "state", AssessmentState)
    subject_kind = get_choice(request.GET, "subject", SubjectKind)
    conclusion = get_choice(request.GET, "conclusion", Conclusion)
    unit_id = get_id(request.GET, "unit")
    rows = list(
        selectors.assessment_list(
            user=request.user, state=state, subject_kind=subject_kind, conclusion=conclusion, unit_id=unit_id
        )[:300]
    )
    units = Unit.objects.filter(
        pk__in={a.owner_unit_id for a in selectors.assessment_list(user=request.user)}
    )
    return render(
        request,
        "children_register/impact_list.html",
        {
            "assessments": rows,
            "filters": {"state": state, "subject": subject_kind, "conclusion": conclusion, "unit": unit_id},
            "states": AssessmentState.choices,
            "subjects": SubjectKind.choices,
            "conclusions": Conclusion.choices,
            "units": units,
            "can_create": has_capability(request.user, "children.assess_impact"),
            "is_office": permissions.is_office(request.user),
        },
    )


def _owner_units(user):
    if has_capability(user, "scope.all") or permissions.is_office(user):
        return Unit.objects.active().order_by("sort_order", "name")
    return Unit.objects.filter(pk=user.unit_id)


@require_http_methods(["GET", "POST"])
def impact_create(request):
    require_capability(request.user, "children.assess_impact")
    plans = plan_list(user=request.user)
    form = AssessmentCreateForm(
        request.POST or None,
        tasks=PlanNode.objects.tasks().current().filter(document__in=plans).select_related("document"),
        policies=plans,
        units=_owner_units(request.user),
        initial={"owner_unit": request.user.unit_id},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form=form):
            kind = data["subject_kind"]
            project = None
            if kind == SubjectKind.PROJECT:
                project = services.project_create(
                    actor=request.user,
                    name=data["project_name"],
                    owner_unit=data["owner_unit"],
                    description=data["project_description"],
                )
            assessment = services.assessment_create(
                actor=request.user,
                owner_unit=data["owner_unit"],
                task=data["task"] if kind == SubjectKind.TASK else None,
                policy=data["policy"] if kind == SubjectKind.POLICY else None,
                project=project,
            )
            messages.success(request, _("已起草儿童影响评价，请逐项填写"))
            return redirect("children:impact_detail", assessment.pk)
    return render(request, "children_register/impact_form.html", {"form": form})


def _detail(request, assessment, **forms):
    user = request.user
    editable = assessment.state in (
        AssessmentState.DRAFT,
        AssessmentState.RETURNED,
    ) and permissions.can_draft(user, assessment.owner_unit)
    reviewable = assessment.state == AssessmentState.SUBMITTED and permissions.is_office(user)
    answers = list(assessment.answers.select_related("question").order_by("question__order"))
    evidence = list(assessment.evidence.select_related("evidence", "question"))
    groups = []
    for answer in answers:
        if not groups or groups[-1]["group"] != answer.question.group:
            groups.append(
                {"group": answer.question.group, "label": answer.question.get_group_display(), "answers": []}
            )
        groups[-1]["answers"].append(answer)
    questions = [a.question for a in answers]
    return render(
        request,
        "children_register/impact_detail.html",
        {
            "a": assessment,
            "groups": groups,
            "evidence": evidence,
            "editable": editable,
            "reviewable": reviewable,
            "answer_choices": services.Answer.choices,
            "attach_form": forms.get("attach_form") or AttachForm(questions=questions),
            "return_form": forms.get("return_form") or ReturnForm(),
            "sign_form": forms.get("sign_form") or SignOffForm(),
        },
    )


@require_GET
def impact_detail(request, pk: int):
    return _detail(request, selectors.assessment_get(user=request.user, pk=pk))


@require_POST
def impact_answer(request, pk: int):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    answers = {
        a.question_id: (
            request.POST.get(f"answer_{a.question_id}", ""),
            request.POST.get(f"note_{a.question_id}", "")[:2000],
        )
        for a in assessment.answers.all()
    }
    with service_errors(request):
        services.assessment_answer(
            actor=request.user,
            assessment=assessment,
            answers=answers,
            summary=request.POST.get("summary", ""),
        )
        if request.POST.get("submit"):
            services.assessment_submit(actor=request.user, assessment=assessment)
            messages.success(request, _("已提交妇儿工委办公室审核"))
        else:
            messages.success(request, _("已保存"))
    return redirect("children:impact_detail", assessment.pk)


@require_POST
def impact_attach(request, pk: int):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    permissions.require_draft(request.user, assessment.owner_unit)
    questions = list(ImpactQuestion.objects.filter(checklist=assessment.checklist))
    form = AttachForm(request.POST, request.FILES, questions=questions)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        question = next((q for q in questions if q.pk == form.cleaned_data["question"]), None)
        with service_errors(form=form):
            services.assessment_attach(
                actor=request.user,
                assessment=assessment,
                filename=upload.name,
                data=upload.read(),
                question=question,
            )
            messages.success(request, _("已上传佐证材料"))
            return redirect("children:impact_detail", assessment.pk)
    return _detail(request, assessment, attach_form=form)


@require_GET
def impact_evidence(request, pk: int, evidence_pk: int):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    item = access_or_404(
        ImpactEvidence.objects.filter(assessment=assessment).select_related("evidence"), evidence_pk
    )
    audit_record(actor=request.user, action=AuditAction.EVIDENCE_VIEWED, target=item.evidence)
    return FileResponse(
        open(item.evidence.file_path, "rb"),
        filename=item.evidence.filename,
        content_type=item.evidence.content_type,
    )


@require_POST
def impact_review(request, pk: int):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    permissions.require_office(request.user)
    if request.POST.get("decision") == "return":
        form = ReturnForm(request.POST)
        if form.is_valid():
            with service_errors(form=form):
                services.assessment_return(actor=request.user, assessment=assessment, **form.cleaned_data)
                messages.success(request, _("已退回责任单位修改"))
                return redirect("children:impact_detail", assessment.pk)
        return _detail(request, assessment, return_form=form)
    form = SignOffForm(request.POST)
    if form.is_valid():
        with service_errors(form=form):
            services.assessment_sign_off(actor=request.user, assessment=assessment, **form.cleaned_data)
            messages.success(request, _("已签认"))
            return redirect("children:impact_detail", assessment.pk)
    return _detail(request, assessment, sign_form=form)


@require_http_methods(["GET", "POST"])
def impact_checklist(request):
    require_capability(request.user, "children.view")
    current = services.checklist_current()
    questions = list(current.questions.all()) if current else []
    office = permissions.is_office(request.user)
    form = ChecklistForm(request.POST or None, questions=questions) if office else None
    if request.method == "POST":
        permissions.require_office(request.user)
        if form.is_valid():
            with service_errors(form=form):
                checklist = services.checklist_revise(
                    actor=request.user, questions=form.questions(), note=form.cleaned_data["note"]
                )
                messages.success(
                    request, _("已保存评价清单（第%(version)s版）") % {"version": checklist.version}
                )
                return redirect("children:impact_checklist")
    used = bool(current and current.assessments.exists())
    return render(
        request,
        "children_register/impact_checklist.html",
        {"checklist": current, "questions": questions, "form": form, "used": used},
    )


# --- spaces ---------------------------------------------------------------------------------


def _location_units():
    return (
        Unit.objects.active().filter(kind__in=(*TOWN_KINDS, *BELOW_TOWN_KINDS)).order_by("sort_order", "name")
    )


def _responsible_units(user):
    if permissions.is_office(user):
        return Unit.objects.active().order_by("sort_order", "name")
    return Unit.objects.filter(pk=user.unit_id)


@require_GET
def space_list(request):
    kind = get_choice(request.GET, "kind", SpaceKind)
    status = get_choice(request.GET, "status", SpaceStatus)
    town_id = get_id(request.GET, "town")
    spaces = list(selectors.space_list(user=request.user, kind=kind, status=status, town_id=town_id)[:500])
    user = request.user
    can_enter = permissions.is_office(user) or has_capability(user, "supervision.report")
    return render(
        request,
        "children_register/space_list.html",
        {
            "spaces": spaces,
            "counts": selectors.space_counts(selectors.space_list(user=user)),
            "statuses": SpaceStatus.choices,
            "kinds": SpaceKind.choices,
            "towns": Unit.objects.active().filter(kind__in=TOWN_KINDS).order_by("sort_order", "name"),
            "filters": {"kind": kind, "status": status, "town": town_id},
            "can_enter": can_enter,
            "editable": {s.pk for s in spaces if permissions.can_enter_space(user, s.responsible_unit)},
            "import_form": SpaceImportForm() if can_enter else None,
            "targets": selectors.counting_target_list(),
        },
    )


@require_http_methods(["GET", "POST"])
def space_create(request):
    return _space_form(request, None)


@require_http_methods(["GET", "POST"])
def space_edit(request, pk: int):
    space = selectors.space_get(user=request.user, pk=pk)
    permissions.require_enter_space(request.user, space.responsible_unit)
    return _space_form(request, space)


def _space_form(request, space):
    selectors.require_view(request.user)
    if not (permissions.is_office(request.user) or has_capability(request.user, "supervision.report")):
        permissions.require_office(request.user)
    initial = (
        {f: getattr(space, f) for f in services.SPACE_FIELDS}
        if space
        else {"responsible_unit": request.user.unit_id, "status_date": clock.today()}
    )
    form = SpaceForm(
        request.POST or None,
        initial=initial,
        locations=_location_units(),
        units=_responsible_units(request.user),
    )
    if request.method == "POST" and form.is_valid():
        with service_errors(form=form):
            saved = services.space_save(actor=request.user, space=space, **form.cleaned_data)
            messages.success(request, _("已登记“%(name)s”") % {"name": saved.name})
            return redirect("children:space_list")
    return render(request, "children_register/space_form.html", {"form": form, "space": space})


@require_POST
def space_import(request):
    selectors.require_view(request.user)
    if not (permissions.is_office(request.user) or has_capability(request.user, "supervision.report")):
        permissions.require_office(request.user)
    form = SpaceImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        with service_errors(request):
            counts = services.spaces_load(actor=request.user, data=upload.read(), filename=upload.name)
            messages.success(
                request,
                _("已导入：新增%(created)s个，更新%(updated)s个，未变%(unchanged)s个") % counts,
            )
    else:
        messages.error(request, _("请选择要导入的文件"))
    return redirect("children:space_list")


@require_http_methods(["GET", "POST"])
def space_targets(request):
    selectors.require_view(request.user)
    office = permissions.is_office(request.user)
    indicators = list(selectors.countable_indicators(user=request.user)) if office else []
    form = CountingTargetForm(request.POST or None, indicators=indicators) if office else None
    if request.method == "POST":
        permissions.require_office(request.user)
        if form.is_valid():
            indicator = next(i for i in indicators if i.pk == form.cleaned_data["indicator"])
            with service_errors(form=form):
                services.counting_target_link(
                    actor=request.user,
                    indicator=indicator,
                    kind=form.cleaned_data["kind"],
                    statuses=form.cleaned_data["statuses"],
                )
                messages.success(
                    request, _("已关联：“%(name)s”的数值由登记册计算") % {"name": indicator.name}
                )
                return redirect("children:space_targets")
    targets = list(selectors.counting_target_list())
    latest = {
        t.pk: t.indicator.values.filter(source=services.ValueSource.REGISTER).order_by("-period_end").first()
        for t in targets
    }
    return render(
        request,
        "children_register/space_targets.html",
        {"targets": [(t, latest.get(t.pk)) for t in targets], "form": form},
    )


# --- villages and communities ---------------------------------------------------------------


@require_GET
def village_report(request):
    indicators = list(selectors.village_indicators(user=request.user))
    chosen_id = get_id(request.GET, "indicator")
    chosen = next((i for i in indicators if i.pk == chosen_id), indicators[0] if indicators else None)
    towns, district = selectors.village_report(user=request.user, indicator=chosen) if chosen else ([], None)
    return render(
        request,
        "children_register/village_report.html",
        {
            "indicators": indicators,
            "chosen": chosen,
            "towns": towns,
            "district": district,
            "units_count": selectors.base_units().count(),
        },
    )
