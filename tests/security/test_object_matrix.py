"""Every URL that names an object, walked with its own/other dimension (issue 10, item 5).

`tests/test_permission_matrix.py` walks every route with every role on the demo's objects; this
matrix asks the other question: for each route with an object in its path, does a role see its
own object (its unit's, its assigned plan's, its lead's, its import's) and get refused — 403/404
and none of the object's text — another one? The rows are checked against the URL patterns: a
new route with a converter in its path and no row here (nor a reason in NOT_OWNED) fails
`test_every_object_route_has_a_row`.

Scopes (who is "own" and "other", built with factories in `world`):
- unit: a liaison of unit A reads A's object, not B's; an evaluator reads it on its assigned plan
  P, not on plan Q; a leader (supervision.view_all) reads B's on P.
- plan: the evaluator reads P's, not Q's; a liaison reads both (plans are open to every unit).
- unit_only: objects outside plans (jobs, submissions, dataset rows): a liaison reads A's only.
- lead: a tax officer reads leads dispatched to it, not another officer's.
- import: a plan office reads its unit's import in review, not another office's.
- office: only the plan's own office acts (orders, notices) — not another plan office.
- grid: a grid's worker, its tax manager and its town's liaison read its verification tasks, not
  another grid's (cogov).
"""

import base64
import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from factories import (
    DatasetFactory,
    IndicatorFactory,
    LeadFactory,
    PolicyDocumentFactory,
    ReportingRoundFactory,
    SubmissionFactory,
    SupervisionOrderFactory,
    TaskFactory,
    TaskReportFactory,
    UnitFactory,
    UserFactory,
    small_rows,
    submit_rows,
)

from gongzhi.core.models import JobRun
from gongzhi.core.roles import Role
from gongzhi.exchange.models import Submission
from gongzhi.inspections.models import Finding, GoodPracticeCase, Inspection, Rectification
from gongzhi.plans.choices import ImportState
from gongzhi.plans.models import PlanImport
from gongzhi.plans.services import plan_parse
from gongzhi.supervision.evidence import evidence_store
from gongzhi.supervision.models import IndicatorValue

pytestmark = pytest.mark.django_db

REFUSED = {403, 404}
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32
SMALL_PLAN = "示例方案（测试）\n一、任务\n（一）建设设施。到2025年建成3个。（牵头单位：区卫生健康局）\n"


class World:
    """Two units, two plans, one user per viewing role; `mark()` gives each object unique text."""

    def __init__(self, users):
        self.unit_a, self.unit_b = UnitFactory(), UnitFactory()
        self.office_unit, self.other_office_unit = UnitFactory(), UnitFactory()
        self.plan_p = PolicyDocumentFactory(office_unit=self.office_unit)
        self.plan_q = PolicyDocumentFactory(office_unit=self.other_office_unit)
        self.liaison = UserFactory(role=Role.LIAISON, unit=self.unit_a)
        self.evaluator = UserFactory(role=Role.EVALUATOR, unit=UnitFactory())
        self.plan_p.evaluators.add(self.evaluator)
        self.leader = UserFactory(role=Role.LEADER, unit=UnitFactory())
        self.plan_office = UserFactory(role=Role.PLAN_OFFICE, unit=self.office_unit)
        self.other_office = UserFactory(role=Role.PLAN_OFFICE, unit=self.other_office_unit)
        self.tax_officer = UserFactory(role=Role.TAX_OFFICER, unit=UnitFactory())
        self.other_officer = UserFactory(role=Role.TAX_OFFICER, unit=UnitFactory())
        self._n = 0

    def mark(self) -> str:
        self._n += 1
        return f"对象标记{self._n:03d}XQ（测试）"


# --- builders: (world, unit, plan) -> (value for {key} in the path, text that must not leak) ------


def _job(w, unit, plan):
    mark = w.mark()
    job = JobRun.objects.create(
        kind="core.selfcheck", title=mark, unit=unit, created_by=UserFactory(unit=unit)
    )
    return job.pk, mark


def _unit(w, unit, plan):
    return unit.pk, unit.name


def _plan(w, unit, plan):
    return plan.pk, plan.title


def _task(w, unit, plan):
    mark = w.mark()
    return TaskFactory(document=plan, text=mark, title=mark).pk, mark


def _new_round(w, plan, **kwargs):
    """A round of `plan` over a past month of its own (rounds are unique per plan and period)."""
    w._n += 1
    start = datetime.date(2000 + w._n, 1, 1)
    return ReportingRoundFactory(plan=plan, period_start=start, period_end=start.replace(day=31), **kwargs)


def _unit_tasks(w, unit, plan):
    """A unit's task list: `unit` leads a task of `plan` whose text is the mark."""
    mark = w.mark()
    report = TaskReportFactory(round=_new_round(w, plan), unit=unit)
    report.task.text = report.task.title = mark
    report.task.save()
    return unit.pk, mark


def _indicator(w, unit, plan):
    mark = w.mark()
    return IndicatorFactory(plan=plan, reporting_unit=unit, name=mark).pk, mark


def _round(w, unit, plan):
    mark = w.mark()
    return _new_round(w, plan, period_label=mark).pk, mark


def _report(w, unit, plan):
    mark = w.mark()
    return TaskReportFactory(round=_new_round(w, plan), unit=unit, done_text=mark).pk, mark


def _report_in_round(w, unit, plan):
    """A report whose round is labelled with the mark (lists show the round, not the text)."""
    mark = w.mark()
    return TaskReportFactory(round=_new_round(w, plan, period_label=mark), unit=unit).pk, mark


def _evidence(w, unit, plan):
    report = TaskReportFactory(round=_new_round(w, plan), unit=unit)
    mark = w.mark()
    evidence = evidence_store(actor=None, unit=unit, filename=f"{mark}.png", data=PNG, report=report)
    return evidence.pk, mark


def _order(w, unit, plan):
    mark = w.mark()
    issuer = UserFactory(role=Role.PLAN_OFFICE, unit=plan.office_unit)
    return SupervisionOrderFactory(plan=plan, unit=unit, issue=mark, issued_by=issuer).pk, mark


def _inspection_of(w, unit, plan, mark):
    return Inspection.objects.create(
        plan=plan,
        kind="unannounced",
        date=datetime.date(2025, 5, 1),
        place=mark,
        unit=unit,
        inspector=w.evaluator,
    )


def _inspection(w, unit, plan):
    mark = w.mark()
    return _inspection_of(w, unit, plan, mark).pk, mark


def _rectification(w, unit, plan):
    mark = w.mark()
    finding = Finding.objects.create(inspection=_inspection_of(w, unit, plan, w.mark()), text=mark)
    rect = Rectification.objects.create(
        finding=finding, unit=unit, requirement=mark, deadline=datetime.date(2025, 6, 1)
    )
    return rect.pk, mark


def _case(w, unit, plan):
    mark = w.mark()
    return GoodPracticeCase.objects.create(plan=plan, unit=unit, title=mark, body=mark).pk, mark


def _submitted_report(w, unit, plan):
    mark = w.mark()
    return TaskReportFactory(round=_new_round(w, plan), unit=unit, done_text=mark, state="submitted").pk, mark


def _answered_order(w, unit, plan):
    mark = w.mark()
    issuer = UserFactory(role=Role.PLAN_OFFICE, unit=plan.office_unit)
    order = SupervisionOrderFactory(
        plan=plan, unit=unit, issue=mark, issued_by=issuer, state="answered", answer="已整改"
    )
    return order.pk, mark


def _finding(w, unit, plan):
    mark = w.mark()
    return Finding.objects.create(inspection=_inspection_of(w, unit, plan, w.mark()), text=mark).pk, mark


def _submitted_rectification(w, unit, plan):
    key, mark = _rectification(w, unit, plan)
    Rectification.objects.filter(pk=key).update(state="submitted", result="已整改")
    return key, mark


def _submission(w, unit, plan):
    submission = SubmissionFactory(dataset=DatasetFactory(providers=[unit]), unit=unit)
    return submission.pk, submission.dataset.name


def _submission_with_errors(w, unit, plan):
    """A submission with a row refused (negative amount), so it has an error report."""
    dataset = DatasetFactory(providers=[unit])
    rows = small_rows()
    rows[0]["amount"] = "-5"
    submission = submit_rows(dataset, unit, "2025-11", rows)
    assert submission.report_path, submission.state
    return submission.pk, dataset.name


def _dataset(w, unit, plan):
    dataset = DatasetFactory(providers=[unit])
    rows = small_rows()
    SubmissionFactory(dataset=dataset, unit=unit, rows=rows)
    return dataset.code, rows[0]["uscc"]


def _lead(w, officer, plan):
    lead = LeadFactory(assignee=officer, assignee_unit=officer.unit, status="dispatched")
    return lead.pk, lead.taxpayer_name


def _import(w, office, plan):
    payload = plan_parse(data=SMALL_PLAN.encode(), filename="small.txt")
    texts = payload.pop("texts")
    mark = w.mark()
    plan_import = PlanImport.objects.create(
        filename=f"{mark}.txt",
        file_path="/nonexistent",
        size=1,
        sha256="x",
        state=ImportState.REVIEW,
        result=payload,
        texts=texts,
        created_by=office,
        unit=office.unit,
    )
    return plan_import.pk, mark


def _impact_of(unit, plan, mark):
    from gongzhi.children.register.services import assessment_create

    return assessment_create(actor=None, owner_unit=unit, task=TaskFactory(document=plan, title=mark))


def _impact(w, unit, plan):
    mark = w.mark()
    return _impact_of(unit, plan, mark).pk, mark


def _impact_evidence(w, unit, plan):
    from gongzhi.children.register.services import assessment_attach

    mark = w.mark()
    item = assessment_attach(
        actor=None, assessment=_impact_of(unit, plan, w.mark()), filename=f"{mark}.png", data=PNG
    )
    return f"{item.assessment_id}/evidence/{item.pk}", mark


def _space(w, unit, plan):
    from gongzhi.children.register.services import space_save

    mark = w.mark()
    town = UnitFactory(kind="town")
    space = space_save(
        actor=None,
        name=mark,
        kind="park",
        location_unit=town,
        responsible_unit=unit,
        status="planned",
        status_date=datetime.date(2025, 1, 1),
    )
    return space.pk, mark


def _assistance_version(w, unit, mark):
    """An assistance item in effect that `unit` checks, its matter the mark (cogov)."""
    from gongzhi.cogov.services_assistance import item_draft, version_approve

    version = item_draft(
        actor=None,
        code=f"object_matrix_{w._n}",
        data={
            "matter": mark,
            "conditions": [{"kind": "no_arrears"}],
            "legal_basis": "测试依据",
            "units": [unit],
        },
    )
    return version_approve(actor=None, version=version, effective_from=datetime.date(2025, 1, 1))


def _assistance_item(w, unit, plan):
    mark = w.mark()
    return _assistance_version(w, unit, mark).item_id, mark


def _assistance_lookup(w, unit, plan):
    from django.utils import timezone

    from gongzhi.cogov.models_assistance import AssistanceListLookup

    mark = w.mark()
    version = _assistance_version(w, unit, mark)
    record = AssistanceListLookup.objects.create(
        version=version,
        item=version.item,
        unit=unit,
        subject="91370306MA3C00000X",
        purpose=mark,
        looked_up_at=timezone.now(),
    )
    return record.pk, mark


def _enterprise_request(w, unit, plan):
    """An enterprise request routed to `unit` as lead unit, its content the mark (cogov)."""
    from factories import enterprise_request

    mark = w.mark()
    return enterprise_request(lead=unit, content=mark).pk, mark


def _matter(w, unit, plan):
    """An important matter filed by `unit`, its title the mark (cogov), with one attachment."""
    from gongzhi.cogov.services_matters import matter_file

    mark = w.mark()
    matter = matter_file(
        actor=None,
        unit=unit,
        title=mark,
        kind="other",
        urgency="normal",
        facts=mark,
        attachments=[(f"{mark}.pdf", b"%PDF-1.4\n%%EOF\n")],
    )
    return matter.pk, mark


def _matter_attachment(w, unit, plan):
    from gongzhi.cogov.models_matters import ImportantMatter

    key, mark = _matter(w, unit, plan)
    return ImportantMatter.objects.get(pk=key).attachments.get().pk, mark


def _yearly_task(w, unit, plan):
    """An issued yearly task of `unit` this year, its content the mark (cogov)."""
    from gongzhi.cogov import services_yearly
    from gongzhi.core import clock

    mark = w.mark()
    document = PolicyDocumentFactory(office_unit=w.office_unit)
    task_set = services_yearly.yearly_set_create(
        actor=None, document=document, year=clock.today().year, office_unit=w.office_unit
    )
    services_yearly.yearly_tasks_add(
        actor=None,
        task_set=task_set,
        rows=[
            {
                "source_task": TaskFactory(document=document),
                "unit": unit,
                "content": mark,
                "measure": "",
                "deadline": datetime.date(clock.today().year, 12, 31),
            }
        ],
    )
    services_yearly.yearly_set_issue(actor=None, task_set=task_set)
    return task_set.pk, mark


def _grid_people(w):
    """Two towns, each with a grid, its grid worker and its tax manager, and a liaison of the first
    town (cogov grid verification); made once per world."""
    if not hasattr(w, "grid_a"):
        from gongzhi.cogov.models_grid import Grid

        for side in ("a", "b"):
            town = UnitFactory(kind="town")
            worker = UserFactory(role=Role.GRID_WORKER, unit=town)
            manager = UserFactory(role=Role.TAX_OFFICER, unit=UnitFactory())
            grid = Grid.objects.create(town=town, name=f"网格{side}", tax_manager=manager)
            grid.workers.add(worker)
            setattr(w, f"grid_{side}", grid)
            setattr(w, f"grid_worker_{side}", worker)
            setattr(w, f"grid_manager_{side}", manager)
        w.town_liaison = UserFactory(role=Role.LIAISON, unit=w.grid_a.town)
    return w


def _grid_task_of(w, grid, mark):
    from gongzhi.cogov.services_grid import task_create
    from gongzhi.core import clock

    return task_create(
        actor=None,
        kind="address",
        uscc=f"91370306MA3GX{w._n:04d}X",
        taxpayer_name=mark,
        grid=grid,
        due_date=clock.today() + datetime.timedelta(days=5),
        registry={},
    )


def _grid_task(w, grid, plan):
    mark = w.mark()
    return _grid_task_of(w, grid, mark).pk, mark


def _grid_taxpayer(w, grid, plan):
    mark = w.mark()
    return _grid_task_of(w, grid, mark).uscc, mark


def _grid_photo(w, grid, plan):
    from gongzhi.cogov.choices_grid import CHECK_ITEMS
    from gongzhi.cogov.services_grid import task_dispatch, task_submit

    mark = w.mark()
    task = task_dispatch(actor=None, task=_grid_task_of(w, grid, w.mark()))
    findings = [{"item": i, "result": "true"} for i in CHECK_ITEMS["address"]]
    task_submit(actor=None, task=task, findings=findings, location="x", photos=[(f"{mark}.png", PNG)])
    return task.photos.get().pk, mark


@dataclass
class Row:
    path: str  # "{key}" is the object
    scope: str  # unit | plan | unit_only | lead | import | office
    build: Callable
    method: str = "get"
    ok: int = 200
    data: Callable[[World, object], dict] | None = None  # POST body
    json: bool = False
    listing: bool = False  # refused = the page answers but without the object
    after: Callable[[World, object, bool], str | None] | None = None  # a check on the database
    not_for: tuple[str, ...] = ()  # viewers the role matrix already refuses on this route


def _push_value_data(w, key):
    return {"period_end": "2026-01-31", "value": "3"}


def _no_value_from_other(w, key, mine):
    stored = IndicatorValue.objects.filter(indicator_id=key, value=3).exists()
    return None if stored == mine else f"value stored: {stored}"


def _upload_data(w, key):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = small_rows("2025-10")
    text = "uscc,period,amount\n" + "".join(f"{r['uscc']},{r['period']},{r['amount']}\n" for r in rows)
    return {"period": "2025-10", "file": SimpleUploadedFile("rows.csv", text.encode())}


def _no_submission_from_other(w, key, mine):
    stored = Submission.objects.filter(dataset__code=key, period="2025-10", unit=w.liaison.unit).exists()
    return None if stored == mine else f"submission stored: {stored}"


ROWS: dict[str, Row] = {
    # cogov enterprise requests: a unit reads and answers those routed to it (posted empty: 400 for
    # its own, 404 for another's; closing its own, not yet answered by every unit: 400 on the form)
    "cogov:enterprise_detail": Row("/cogov/enterprise/{key}/", "unit_only", _enterprise_request),
    "cogov:enterprise_answer": Row(
        "/cogov/enterprise/{key}/answer/", "unit_only", _enterprise_request, method="post", ok=400
    ),
    "cogov:enterprise_close": Row(
        "/cogov/enterprise/{key}/close/", "unit_only", _enterprise_request, method="post", ok=400
    ),
    "api:enterprise_request_get": Row(
        "/api/v1/cogov/enterprise/requests/{key}", "unit_only", _enterprise_request
    ),
    "api:enterprise_request_answer": Row(
        "/api/v1/cogov/enterprise/requests/{key}/answer",
        "unit_only",
        _enterprise_request,
        method="post",
        json=True,
        ok=400,
        data=lambda w, k: {"answer": " "},
    ),
    "api:enterprise_request_close": Row(
        "/api/v1/cogov/enterprise/requests/{key}/close",
        "unit_only",
        _enterprise_request,
        method="post",
        json=True,
        ok=409,  # its own part not answered yet
        data=lambda w, k: {"reply": "已办结（测试）"},
    ),
    # cogov important matters: a unit reads the matters it filed (acting on one is the office's:
    # its own answers 403, another's 404)
    "cogov:matters_detail": Row("/cogov/matters/{key}/", "unit_only", _matter),
    "cogov:matters_acknowledge": Row(
        "/cogov/matters/{key}/acknowledge/", "unit_only", _matter, method="post", ok=403
    ),
    "cogov:matters_assign": Row("/cogov/matters/{key}/assign/", "unit_only", _matter, method="post", ok=403),
    "cogov:matters_close": Row("/cogov/matters/{key}/close/", "unit_only", _matter, method="post", ok=403),
    "cogov:matters_attachment": Row("/cogov/matters/attachments/{key}/", "unit_only", _matter_attachment),
    "api:matters_get": Row("/api/v1/cogov/matters/{key}", "unit_only", _matter),
    "api:matters_acknowledge": Row(
        "/api/v1/cogov/matters/{key}/acknowledge", "unit_only", _matter, method="post", json=True, ok=403
    ),
    "api:matters_assign": Row(
        "/api/v1/cogov/matters/{key}/assign",
        "unit_only",
        _matter,
        method="post",
        json=True,
        ok=403,
        data=lambda w, k: {"unit_id": w.unit_a.pk},
    ),
    "api:matters_close": Row(
        "/api/v1/cogov/matters/{key}/close",
        "unit_only",
        _matter,
        method="post",
        json=True,
        ok=403,
        data=lambda w, k: {"result": "办结（测试）"},
    ),
    # core
    "core:job_detail": Row("/jobs/{key}/", "unit_only", _job),
    "core:job_progress": Row("/jobs/{key}/progress/", "unit_only", _job),
    "api:job_get": Row("/api/v1/jobs/{key}", "unit_only", _job),
    "workspace:unit_workspace": Row("/org/units/{key}/workspace/", "unit_only", _unit),
    # plans: an evaluator reads its assigned plans only
    "plans:plan_detail": Row("/plans/{key}/", "plan", _plan),
    "plans:plan_source": Row("/plans/{key}/source/", "plan", _plan),
    "plans:task_detail": Row("/plans/tasks/{key}/", "plan", _task),
    "plans:unit_tasks": Row("/plans/units/{key}/", "plan", _unit_tasks, listing=True),
    "api:plan": Row("/api/v1/plans/{key}", "plan", _plan),
    "api:unit_tasks": Row("/api/v1/plans/units/{key}/tasks", "plan", _unit_tasks, listing=True),
    "plans:import_detail": Row("/plans/imports/{key}/", "import", _import, ok=302),
    "plans:import_status": Row("/plans/imports/{key}/status/", "import", _import, ok=204),
    "plans:import_review": Row("/plans/imports/{key}/review/0/", "import", _import),
    "plans:import_decide_unit": Row(
        "/plans/imports/{key}/review/0/units/",
        "import",
        _import,
        method="post",
        ok=302,
        data=lambda w, k: {"name": "区卫生健康局", "action": "ignore"},
    ),
    "plans:import_edit_target": Row(
        "/plans/imports/{key}/review/0/tasks/0/targets/", "import", _import, method="post", ok=302
    ),
    "plans:import_confirm": Row(
        "/plans/imports/{key}/review/0/confirm/", "import", _import, method="post", ok=302
    ),
    "plans:import_cancel": Row("/plans/imports/{key}/cancel/", "import", _import, method="post", ok=302),
    # exchange: a submission and a dataset's rows belong to the provider unit
    "exchange:submission_detail": Row("/exchange/submissions/{key}/", "unit_only", _submission),
    "exchange:submission_report": Row(
        "/exchange/submissions/{key}/report.xlsx", "unit_only", _submission_with_errors
    ),
    "api:submission": Row("/api/v1/exchange/submissions/{key}", "unit_only", _submission),
    "exchange:dataset_rows": Row("/exchange/datasets/{key}/rows/", "unit_only", _dataset),
    "exchange:submission_upload": Row(
        "/exchange/datasets/{key}/submit/",
        "unit_only",
        _dataset,
        method="post",
        ok=302,
        data=_upload_data,
        listing=True,
        after=_no_submission_from_other,
    ),
    # supervision
    "supervision:plan_dashboard": Row("/supervision/plans/{key}/", "plan", _plan),
    "supervision:leader_summary": Row("/supervision/plans/{key}/summary/", "plan", _plan),
    "supervision:indicator_list": Row("/supervision/plans/{key}/indicators/", "plan", _plan),
    "supervision:round_list": Row("/supervision/plans/{key}/rounds/", "plan", _plan),
    "supervision:order_create": Row("/supervision/plans/{key}/orders/new/", "office", _plan),
    "supervision:plan_setup": Row("/supervision/plans/{key}/setup/", "office", _plan),
    "supervision:export_ledger": Row("/supervision/plans/{key}/ledger.xlsx", "plan", _plan),
    "supervision:export_indicators": Row("/supervision/plans/{key}/indicators.xlsx", "plan", _plan),
    "api:plan_status": Row("/api/v1/supervision/plans/{key}/status", "plan", _plan),
    "supervision:task_monitor": Row("/supervision/tasks/{key}/", "plan", _task),
    "supervision:plan_funding": Row("/supervision/plans/{key}/funding/", "plan", _plan),
    "supervision:funding_template": Row("/supervision/plans/{key}/funding/template.xlsx", "plan", _plan),
    "supervision:task_funding": Row(
        "/supervision/tasks/{key}/funding/",
        "office",
        _task,
        method="post",
        ok=302,
        data=lambda w, k: {
            "year": 2025,
            "source": "budget",
            "mode": "direct",
            "planned": "1",
            "allocated": "1",
            "spent": "1",
        },
    ),
    "supervision:plan_publicity": Row(
        "/supervision/plans/{key}/publicity/", "office", _plan, method="post", ok=302
    ),
    "supervision:plan_bundle": Row("/supervision/plans/{key}/bundle/", "office", _plan),
    "supervision:indicator_detail": Row("/supervision/indicators/{key}/", "plan", _indicator),
    "supervision:round_detail": Row("/supervision/rounds/{key}/", "plan", _round),
    "supervision:export_round_report": Row(
        "/supervision/rounds/{key}/report.docx", "plan", _round, not_for=("liaison",)
    ),
    "supervision:export_round_notice": Row("/supervision/rounds/{key}/notice.docx", "office", _round),
    "supervision:report_detail": Row("/supervision/reports/{key}/", "unit", _report),
    "supervision:evidence_download": Row("/supervision/evidence/{key}/", "unit", _evidence),
    "supervision:order_detail": Row("/supervision/orders/{key}/", "unit", _order),
    "supervision:export_order": Row("/supervision/orders/{key}/print.docx", "unit", _order),
    "api:push_value": Row(
        "/api/v1/supervision/indicators/{key}/values",
        "unit_only",
        _indicator,
        method="post",
        data=_push_value_data,
        json=True,
        after=_no_value_from_other,
    ),
    # the supervision and inspections API (issue 16, part 7)
    "api:supervision_round_reports": Row("/api/v1/supervision/rounds/{key}/reports", "plan", _round),
    "api:supervision_report": Row("/api/v1/supervision/reports/{key}", "unit", _report),
    "api:supervision_report_save": Row(
        "/api/v1/supervision/reports/{key}",
        "unit_only",
        _report,
        method="post",
        json=True,
        data=lambda w, k: {"status": "in_progress", "percent": 50, "done_text": "改"},
    ),
    "api:supervision_report_submit": Row(
        "/api/v1/supervision/reports/{key}/submit", "unit_only", _report, method="post", json=True
    ),
    "api:supervision_report_review": Row(
        "/api/v1/supervision/reports/{key}/review",
        "office",
        _submitted_report,
        method="post",
        json=True,
        data=lambda w, k: {"accept": True},
    ),
    "api:supervision_order": Row("/api/v1/supervision/orders/{key}", "unit", _order),
    "api:supervision_order_issue": Row(
        "/api/v1/supervision/plans/{key}/orders",
        "office",
        _plan,
        method="post",
        json=True,
        data=lambda w, k: {
            "unit": w.unit_a.pk,
            "issue": "滞后",
            "requirement": "整改",
            "deadline": "2999-01-01",
        },
    ),
    "api:supervision_order_answer": Row(
        "/api/v1/supervision/orders/{key}/answer",
        "unit_only",
        _order,
        method="post",
        json=True,
        data=lambda w, k: {"answer": "已整改"},
    ),
    "api:supervision_order_close": Row(
        "/api/v1/supervision/orders/{key}/close",
        "office",
        _answered_order,
        method="post",
        json=True,
        data=lambda w, k: {"note": "办结"},
    ),
    "api:supervision_order_escalate": Row(
        "/api/v1/supervision/orders/{key}/escalate",
        "office",
        _order,
        method="post",
        json=True,
        data=lambda w, k: {"note": "升级", "deadline": "2999-01-01"},
    ),
    "api:inspections_detail": Row("/api/v1/inspections/inspections/{key}", "unit", _inspection),
    "api:inspections_finding_add": Row(
        "/api/v1/inspections/inspections/{key}/findings",
        "office",
        _inspection,
        method="post",
        json=True,
        data=lambda w, k: {"text": "问题"},
    ),
    "api:inspections_rectification_raise": Row(
        "/api/v1/inspections/findings/{key}/rectifications",
        "office",
        _finding,
        method="post",
        json=True,
        data=lambda w, k: {"unit": w.unit_a.pk, "requirement": "整改", "deadline": "2999-01-01"},
    ),
    "api:inspections_rectification": Row("/api/v1/inspections/rectifications/{key}", "unit", _rectification),
    "api:inspections_rectification_submit": Row(
        "/api/v1/inspections/rectifications/{key}/submit",
        "unit_only",
        _rectification,
        method="post",
        json=True,
        data=lambda w, k: {
            "result": "已整改",
            "files": [{"filename": "a.png", "content_base64": base64.b64encode(PNG).decode()}],
        },
    ),
    "api:inspections_rectification_close": Row(
        "/api/v1/inspections/rectifications/{key}/close",
        "office",
        _submitted_rectification,
        method="post",
        json=True,
    ),
    "api:inspections_rectification_return": Row(
        "/api/v1/inspections/rectifications/{key}/return",
        "office",
        _submitted_rectification,
        method="post",
        json=True,
        data=lambda w, k: {"comment": "不到位"},
    ),
    # inspections
    "inspections:inspection_detail": Row("/supervision/inspections/{key}/", "unit", _inspection),
    "inspections:rectification_detail": Row("/supervision/rectifications/{key}/", "unit", _rectification),
    "inspections:case_detail": Row("/supervision/cases/{key}/", "unit", _case),
    # taxrisk: a tax officer reads the leads dispatched to it
    "taxrisk:lead_detail": Row("/taxrisk/leads/{key}/", "lead", _lead),
    "api:taxrisk_lead": Row("/api/v1/taxrisk/leads/{key}", "lead", _lead),
    "api:taxrisk_lead_start": Row(
        "/api/v1/taxrisk/leads/{key}/start", "lead", _lead, method="post", json=True
    ),
    "api:taxrisk_lead_confirm": Row(
        "/api/v1/taxrisk/leads/{key}/confirm",
        "lead",
        _lead,
        method="post",
        json=True,
        data=lambda w, k: {"recovered_tax": "1.00", "recovered_date": "2025-06-30"},
    ),
    "api:taxrisk_lead_dismiss": Row(
        "/api/v1/taxrisk/leads/{key}/dismiss",
        "lead",
        _lead,
        method="post",
        json=True,
        data=lambda w, k: {"reason": "exempt", "note": "测试"},
    ),
    "api:taxrisk_lead_contact": Row(
        "/api/v1/taxrisk/leads/{key}/contacts",
        "lead",
        _lead,
        method="post",
        json=True,
        data=lambda w, k: {"method": "电话"},
    ),
    # cogov grid verification: a grid's worker, its tax manager and its town's liaison read its tasks
    "cogov:grid_task_detail": Row("/cogov/grid/tasks/{key}/", "grid", _grid_task),
    "api:grid_task": Row("/api/v1/cogov/grid/tasks/{key}", "grid", _grid_task),
    "cogov:grid_photo": Row("/cogov/grid/photos/{key}/", "grid", _grid_photo),
    "cogov:grid_taxpayer": Row("/cogov/grid/taxpayers/{key}/", "grid", _grid_taxpayer),
    # cogov assistance list: a department reads the items it checks and its own look-ups
    "cogov:assistance_item_detail": Row("/cogov/assistance/items/{key}/", "unit_only", _assistance_item),
    "api:assistance_item": Row("/api/v1/cogov/assistance/items/{key}", "unit_only", _assistance_item),
    "cogov:assistance_lookup_detail": Row(
        "/cogov/assistance/lookups/{key}/", "unit_only", _assistance_lookup
    ),
    "api:assistance_lookup_get": Row(
        "/api/v1/cogov/assistance/lookups/{key}", "unit_only", _assistance_lookup
    ),
    "api:assistance_outcome": Row(
        "/api/v1/cogov/assistance/lookups/{key}/outcome",
        "unit_only",
        _assistance_lookup,
        method="post",
        json=True,
        data=lambda w, k: {"outcome": "passed"},
    ),
    # children register: an impact assessment belongs to its owner unit, a space to its
    # responsible unit (leaders, evaluators and the office read every assessment: unit_only)
    "children:impact_detail": Row("/children/impact/{key}/", "unit_only", _impact),
    "children:impact_answer": Row(
        "/children/impact/{key}/answer/",
        "unit_only",
        _impact,
        method="post",
        ok=302,
        data=lambda w, k: {"summary": "改"},
    ),
    "children:impact_attach": Row("/children/impact/{key}/attach/", "unit_only", _impact, method="post"),
    "children:impact_evidence": Row("/children/impact/{key}/", "unit_only", _impact_evidence),
    "children:space_edit": Row("/children/spaces/{key}/edit/", "unit_only", _space),
}

# Routes with an object in the path that no unit, plan or person owns, and why.
NOT_OWNED = {
    "plans:lesson_toggle": "review lessons are shared by every office that imports documents (role matrix)",
    "cogov:yearly_set_detail": "yearly task sets are the office's, read by the office and the leader (role matrix)",
    "cogov:yearly_set_edit": "yearly task sets are edited by their office unit only (tests/cogov/test_yearly_services.py)",
    "cogov:yearly_set_issue": "yearly task sets are issued by their office unit only (tests/cogov/test_yearly_services.py)",
    "cogov:yearly_set_export": "yearly task sets are the office's, read by the office and the leader (role matrix)",
    "api:yearly_set": "yearly task sets are the office's, read by the office and the leader (role matrix)",
    "api:yearly_tasks_add": "yearly task sets are edited by their office unit only (tests/cogov/test_yearly_services.py)",
    "api:yearly_set_issue": "yearly task sets are issued by their office unit only (tests/cogov/test_yearly_services.py)",
    "cogov:enterprise_route": "enterprise requests are routed by the office only (role matrix)",
    "cogov:enterprise_rate": "the call-back rating is the office's only (role matrix)",
    "api:enterprise_request_route": "enterprise requests are routed by the office only (role matrix)",
    "api:enterprise_request_rate": "the call-back rating is the office's only (role matrix)",
    "economy:whatif_detail": "policy what-if scenarios are shared by the economy.view roles (role matrix)",
    "accounts:user_detail": "administrators only (role matrix)",
    "accounts:token_revoke": "administrators only (role matrix)",
    "org:unit_detail": "the unit registry is open to every role",
    "org:group_detail": "leading groups are open to every role",
    "api:group": "leading groups are open to every role",
    "org:membership_add": "group offices only (role matrix); groups are not unit-owned",
    "org:membership_edit": "group offices only (role matrix); groups are not unit-owned",
    "exchange:catalog_export": "the data catalog is open to every role",
    "exchange:dataset_detail": "the data catalog is open to every role",
    "exchange:dataset_template": "a dataset's blank template: the catalog is open to every role",
    "exchange:grant_request": "any unit may ask for a grant on any dataset",
    "exchange:grant_decide": "the co-governance office decides every grant (role matrix)",
    "api:push_rows": "tokens push for their own unit only (tests/exchange); people get 403",
    "taxrisk:rule_edit": "rules are shared by the office and tax officers (role matrix)",
    "taxrisk:run_detail": "runs are shared; their lead counts are scoped (test_permission_findings)",
    "taxrisk:industry": "industry profiles are shared by the office and tax officers (role matrix)",
    "api:taxrisk_rule": "rules are shared by the office and tax officers (role matrix)",
    "api:taxrisk_rule_enable": "rules are shared; only the office switches them (role matrix)",
    "api:taxrisk_run": "runs are shared; their lead counts are scoped (tests/taxrisk/test_api.py)",
    "cogov:assistance_item_change": "the assistance list is the co-governance office's (role matrix)",
    "cogov:assistance_item_retire": "the assistance list is the co-governance office's (role matrix)",
    "cogov:assistance_version_approve": "the assistance list is the co-governance office's (role matrix)",
    "cogov:grid_edit": "grids are managed by the co-governance office only (role matrix)",
    "credit:rating_history": "credit ratings are read by every credit.view role (role matrix)",
    "credit:panel": "credit ratings are read by every credit.view role (role matrix)",
    "credit:measure_edit": "the joint-measures catalogue is the office's (role matrix)",
    "credit:list_revision": "A/D list versions are shared by the credit.view roles (role matrix)",
    "credit:list_revision_xlsx": "A/D list versions are shared by the credit.view roles (role matrix)",
    "credit:repair_detail": "repair cases are shared by the office and tax officers (role matrix)",
    "credit:push_campaign": "push campaigns are shared by the credit.push roles (role matrix)",
    "public:credit_list": "public pages; only published versions are shown (tests/public)",
    "public:credit_list_xlsx": "public pages; only published versions are shown (tests/public)",
    "public:plan_detail": "public pages; only plans their office published (tests/public/test_public_plans.py)",
    "assessment:scheme_detail": "schemes are read by every assessment reader (role matrix)",
    "children:council_detail": "councils are open to every children.view role; counts only, members on their own page",
}

# Unit-owned routes whose own/other dimension is walked by another test (named here; the test
# below checks that it still exists): a unit's liaison against another unit's ("liaison_other").
OWNED_ELSEWHERE = {
    "economy:report_download": "tests/economy/test_report.py::test_a_report_built_in_the_background_is_downloaded_by_its_owner_only",
    "credit:check_detail": "tests/test_permission_matrix.py::liaison_other",
    "children:impact_review": "tests/children/test_impact.py::test_another_units_liaison_is_refused_and_sees_nothing",
    "api:decision": "tests/credit/test_check.py::test_another_units_check_is_not_found",
    "assessment:run_detail": "tests/assessment/test_review.py::test_a_unit_sees_nothing_of_a_draft_and_only_its_own_line_in_review",
    "assessment:unit_score": "tests/test_permission_matrix.py::liaison_other",
    "assessment:manual_detail": "tests/test_permission_matrix.py::liaison_other",
    "assessment:attachment_download": "tests/test_permission_matrix.py::liaison_other",
    "assessment:notice_detail": "tests/test_permission_matrix.py::liaison_other",
    "assessment:notice_docx": "tests/test_permission_matrix.py::liaison_other",
    "meetings:meeting_detail": "tests/meetings/test_views.py::test_who_reads_the_meetings",
    "meetings:minutes_download": "tests/test_permission_matrix.py::liaison_other",
    "children:council_members": "tests/children/test_councils.py::test_members_are_seen_by_the_facilitator_unit_and_the_office_only",
    "children:session_add": "tests/children/test_councils.py::test_only_the_facilitator_unit_or_the_office_adds_members_and_sessions",
    "children:member_leave": "tests/children/test_councils.py::test_another_unit_cannot_end_a_membership",
    "children:suggestion_route": "tests/children/test_suggestions.py::test_only_the_office_routes_and_publishes_through_the_pages",
    "children:suggestion_publish": "tests/children/test_suggestions.py::test_only_the_office_routes_and_publishes_through_the_pages",
    "children:suggestion_answer": "tests/children/test_suggestions.py::test_only_the_unit_it_was_routed_to_answers",
    "children:suggestion_detail": "tests/children/test_suggestions.py::test_only_the_unit_it_was_routed_to_answers",
    "supervision:bundle_download": "tests/supervision/test_bundle.py::test_evaluator_builds_and_downloads_liaison_refused",
    "api:taxrisk_lead_dispatch": "tests/taxrisk/test_api.py::test_each_endpoint_answers_each_caller_as_the_pages_do",
    "cogov:grid_task_dispatch": "tests/cogov/test_grid_views.py::test_another_grids_people_are_refused_every_step",
    "cogov:grid_task_work": "tests/cogov/test_grid_views.py::test_another_grids_people_are_refused_every_step",
    "cogov:grid_task_review": "tests/cogov/test_grid_views.py::test_another_grids_people_are_refused_every_step",
    "api:grid_task_dispatch": "tests/cogov/test_grid_api.py::test_dispatch",
    "api:grid_task_submit": "tests/cogov/test_grid_api.py::test_submit_with_a_photo",
    "api:grid_task_review": "tests/cogov/test_grid_api.py::test_review",
}


def _object_routes(resolver=None, namespace="", prefix="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _object_routes(pattern, inner, route)
        elif isinstance(pattern, URLPattern) and pattern.name and "<" in route:
            names.add(namespace + pattern.name)
    return names


def test_every_object_route_has_a_row():
    routes = _object_routes()
    covered = ROWS.keys() | NOT_OWNED.keys() | OWNED_ELSEWHERE.keys()
    assert routes - covered == set(), "add a row to ROWS (or a reason to NOT_OWNED)"
    assert covered - routes == set(), "rows for routes that are gone"
    assert ROWS.keys() & NOT_OWNED.keys() == set()
    assert OWNED_ELSEWHERE.keys() & (ROWS.keys() | NOT_OWNED.keys()) == set()
    root = Path(__file__).resolve().parents[2]
    for route, where in OWNED_ELSEWHERE.items():
        path, name = where.split("::")
        text = (root / path).read_text(encoding="utf-8")
        assert name in text and (f"def {name}(" in text or f'"{name}"' in text), (route, where)


def _cases(w: World, scope: str) -> list[tuple[str, object, Callable, bool]]:
    """(who, viewer, owner arguments for the builder, mine?) for a scope."""
    a, b, p, q = w.unit_a, w.unit_b, w.plan_p, w.plan_q
    if scope == "unit":
        return [
            ("liaison", w.liaison, (a, p), True),
            ("liaison", w.liaison, (b, p), False),
            ("evaluator", w.evaluator, (b, p), True),
            ("evaluator", w.evaluator, (b, q), False),
            ("leader", w.leader, (b, q), True),
        ]
    if scope == "plan":
        return [
            ("evaluator", w.evaluator, (b, p), True),
            ("evaluator", w.evaluator, (b, q), False),
            ("liaison", w.liaison, (b, q), True),
            ("leader", w.leader, (b, q), True),
        ]
    if scope == "unit_only":
        return [("liaison", w.liaison, (a, p), True), ("liaison", w.liaison, (b, p), False)]
    if scope == "lead":
        return [
            ("tax_officer", w.tax_officer, (w.tax_officer, p), True),
            ("tax_officer", w.tax_officer, (w.other_officer, p), False),
        ]
    if scope == "import":
        return [
            ("plan_office", w.plan_office, (w.plan_office, p), True),
            ("plan_office", w.plan_office, (w.other_office, p), False),
        ]
    if scope == "office":
        return [
            ("plan_office", w.plan_office, (a, p), True),
            ("plan_office", w.plan_office, (a, q), False),
        ]
    if scope == "grid":
        g = _grid_people(w)
        return [
            ("grid_worker", g.grid_worker_a, (g.grid_a, p), True),
            ("grid_worker", g.grid_worker_a, (g.grid_b, p), False),
            ("tax_manager", g.grid_manager_a, (g.grid_a, p), True),
            ("tax_manager", g.grid_manager_a, (g.grid_b, p), False),
            ("town_liaison", g.town_liaison, (g.grid_a, p), True),
            ("town_liaison", g.town_liaison, (g.grid_b, p), False),
        ]
    raise AssertionError(scope)


@pytest.fixture
def world(users, data_dir):
    return World(users)


@pytest.mark.parametrize("route", sorted(ROWS))
def test_own_object_is_read_and_another_is_refused(route, world):
    row = ROWS[route]
    problems = []
    for who, viewer, owner, mine in _cases(world, row.scope):
        if who in row.not_for:
            continue
        key, mark = row.build(world, *owner)
        client = Client(raise_request_exception=False)
        client.force_login(viewer)
        path = row.path.format(key=key)
        if row.method == "post":
            data = row.data(world, key) if row.data else {}
            options = {"content_type": "application/json"} if row.json else {}
            response = client.post(path, data, **options)
        else:
            response = client.get(path)
        status = response.status_code
        label = f"{who} {'own' if mine else 'other'} {path}: {status}"
        body = b"" if response.streaming else response.content
        leaked = mark.encode() in body or mark.encode("unicode_escape") in body
        if mine and status != row.ok:
            problems.append(f"{label}, expected {row.ok}")
        elif not mine and row.listing and status in (*REFUSED, 200, 302, row.ok):
            if leaked:
                problems.append(f"{label}: shows the other object")
        elif not mine and status not in REFUSED:
            problems.append(f"{label}, expected 403/404")
        elif not mine and leaked:
            problems.append(f"{label}: the refusal shows the object")
        if row.after and (problem := row.after(world, key, mine)):
            problems.append(f"{label}: {problem}")
    assert problems == []


# --- lists: the same own/other question on the pages that list unit-owned things -------------

LIST_ROWS: dict[str, Row] = {
    "cogov:matters_list": Row("/cogov/matters/", "unit_only", _matter),
    "api:matters_list": Row("/api/v1/cogov/matters", "unit_only", _matter),
    "cogov:yearly_mine": Row("/cogov/yearly/mine/", "unit_only", _yearly_task),
    "api:yearly_mine": Row("/api/v1/cogov/yearly/mine", "unit_only", _yearly_task),
    "cogov:enterprise_list": Row("/cogov/enterprise/", "unit_only", _enterprise_request),
    "api:enterprise_request_list": Row("/api/v1/cogov/enterprise/requests", "unit_only", _enterprise_request),
    "core:job_list": Row("/jobs/", "unit_only", _job),
    "exchange:submission_list": Row("/exchange/submissions/", "unit_only", _submission),
    "supervision:todo": Row("/supervision/todo/", "unit_only", _report_in_round),
    "supervision:order_list": Row("/supervision/orders/", "unit", _order),
    "inspections:inspection_list": Row("/supervision/inspections/", "unit", _inspection),
    "inspections:rectification_list": Row("/supervision/rectifications/", "unit", _rectification),
    "inspections:case_list": Row("/supervision/cases/", "unit", _case),
    "taxrisk:lead_list": Row("/taxrisk/leads/", "lead", _lead),
    "cogov:assistance_item_list": Row("/cogov/assistance/", "unit_only", _assistance_item),
    "api:assistance_items": Row("/api/v1/cogov/assistance/items", "unit_only", _assistance_item),
    "cogov:assistance_ledger": Row("/cogov/assistance/ledger/", "unit_only", _assistance_lookup),
    "api:assistance_ledger": Row("/api/v1/cogov/assistance/ledger", "unit_only", _assistance_lookup),
    "api:supervision_todo": Row("/api/v1/supervision/reports", "unit_only", _report_in_round),
    "api:supervision_orders": Row("/api/v1/supervision/orders", "unit", _order),
    "api:inspections_list": Row("/api/v1/inspections/inspections", "unit", _inspection),
    "api:inspections_rectifications": Row("/api/v1/inspections/rectifications", "unit", _rectification),
    "api:taxrisk_leads": Row("/api/v1/taxrisk/leads", "lead", _lead),
    "cogov:grid_task_list": Row("/cogov/grid/tasks/", "grid", _grid_task),
    "api:grid_tasks": Row("/api/v1/cogov/grid/tasks", "grid", _grid_task),
    "plans:plan_list": Row("/plans/", "plan", _plan),
    "api:plans": Row("/api/v1/plans", "plan", _plan),
}


@pytest.mark.parametrize("route", sorted(LIST_ROWS))
def test_a_list_shows_own_objects_and_not_anothers(route, world):
    row = LIST_ROWS[route]
    problems = []
    for who, viewer, owner, mine in _cases(world, row.scope):
        _key, mark = row.build(world, *owner)
        client = Client(raise_request_exception=False)
        client.force_login(viewer)
        response = client.get(row.path)
        body = response.content.decode()
        shown = mark in (
            json.dumps(response.json(), ensure_ascii=False) if route.startswith("api:") else body
        )
        label = f"{who} {'own' if mine else 'other'} {row.path}: {response.status_code}"
        if response.status_code != 200:
            problems.append(label)
        elif shown != mine:
            problems.append(f"{label}: {'missing' if mine else 'shows the other object'}")
    assert problems == []
