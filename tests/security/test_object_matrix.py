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
"""

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
    # inspections
    "inspections:inspection_detail": Row("/supervision/inspections/{key}/", "unit", _inspection),
    "inspections:rectification_detail": Row("/supervision/rectifications/{key}/", "unit", _rectification),
    "inspections:case_detail": Row("/supervision/cases/{key}/", "unit", _case),
    # taxrisk: a tax officer reads the leads dispatched to it
    "taxrisk:lead_detail": Row("/taxrisk/leads/{key}/", "lead", _lead),
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
    "core:job_list": Row("/jobs/", "unit_only", _job),
    "exchange:submission_list": Row("/exchange/submissions/", "unit_only", _submission),
    "supervision:todo": Row("/supervision/todo/", "unit_only", _report_in_round),
    "supervision:order_list": Row("/supervision/orders/", "unit", _order),
    "inspections:inspection_list": Row("/supervision/inspections/", "unit", _inspection),
    "inspections:rectification_list": Row("/supervision/rectifications/", "unit", _rectification),
    "inspections:case_list": Row("/supervision/cases/", "unit", _case),
    "taxrisk:lead_list": Row("/taxrisk/leads/", "lead", _lead),
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
