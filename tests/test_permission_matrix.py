"""Every URL and API route, walked by every role: each gets exactly what it should.

Adding a route without adding it here fails `test_matrix_covers_every_route`.
"""

import datetime

import factories
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from gongzhi.accounts import services as account_services
from gongzhi.accounts.models import User
from gongzhi.core.models import JobRun
from gongzhi.economy.models import Scenario
from gongzhi.exchange.models import AccessGrant, Submission
from gongzhi.inspections.models import Finding, GoodPracticeCase, Inspection, Rectification
from gongzhi.meetings.models import Meeting
from gongzhi.org.models import Group, Membership, Unit
from gongzhi.plans.choices import ImportState
from gongzhi.plans.models import PlanImport, PolicyDocument
from gongzhi.plans.services import plan_parse
from gongzhi.supervision.evidence import evidence_store
from gongzhi.supervision.models import Indicator, ReportingRound, SupervisionOrder, TaskReport
from gongzhi.taxrisk.models import Lead, RiskRun

SMALL_PLAN = """示例方案（演示）
一、任务
（一）建设设施。到2025年建成3个。（牵头单位：区卫生健康局）
"""

pytestmark = pytest.mark.django_db

PRINCIPALS = [
    "anon",
    "admin",
    "plan_office",
    "cogov_office",
    "liaison",
    "liaison_other",
    "tax_officer",
    "leader",
    "evaluator",
    "token",
]
USERNAMES = {
    "admin": "admin",
    "plan_office": "fuer",
    "cogov_office": "gongzhi",
    "liaison": "weijian",
    "liaison_other": "jiaoti",
    "tax_officer": "shuiwu",
    "leader": "lingdao",
    "evaluator": "pinggu",
}
ROLES = [p for p in PRINCIPALS if p not in {"anon", "token"}]


def expect(default: int, anon: int | None = 302, token: int | None = None, **overrides: int) -> dict:
    table = {p: default for p in ROLES}
    table["anon"] = anon
    table["token"] = anon if token is None else token  # a token does not log in to pages
    table.update(overrides)
    return table


def only(
    allowed: list[str], ok: int = 200, denied: int = 403, anon: int = 302, token: int | None = None
) -> dict:
    table = {p: (ok if p in allowed else denied) for p in ROLES}
    table["anon"] = anon
    table["token"] = anon if token is None else token
    return table


OFFICES = ["admin", "plan_office", "cogov_office"]
TAX = ["admin", "cogov_office", "tax_officer"]
VIEW_ALL = ["admin", "plan_office", "cogov_office", "leader", "evaluator"]

ASSESS_ALL = ["admin", "plan_office", "cogov_office", "leader"]
ASSESS_OWN = only([*ASSESS_ALL, "liaison"], denied=404) | {"evaluator": 403}

GRID_VIEW = ["admin", "cogov_office", "tax_officer", "liaison", "liaison_other", "leader"]
GRID_TASK_READERS = only(["admin", "cogov_office", "tax_officer", "leader"]) | {
    "liaison": 404,
    "liaison_other": 404,
}
GRID_TASK_ACT = only(["admin", "cogov_office", "tax_officer", "leader"], ok=302) | {
    "liaison": 404,
    "liaison_other": 404,
}
GRID_NOT_WORKER = {"cogov_office": 404, "tax_officer": 404, "leader": 404}
GRID_API_READERS = GRID_TASK_READERS | {"anon": 401, "token": 403}
MEETING_READERS = only(["admin", "cogov_office", "liaison_other", "tax_officer", "leader"], denied=404)

CHILD_VIEW = only(["admin", "plan_office", "liaison", "liaison_other", "leader", "evaluator"])
CHILD_DRAFT = ["admin", "plan_office", "liaison", "liaison_other"]
IMPACT_READERS = only(["admin", "plan_office", "leader", "evaluator"], denied=404)
IMPACT_WRITE = only([], denied=404) | {"plan_office": 403, "leader": 403, "evaluator": 403}
IMPACT_REVIEW = only(["admin", "plan_office"], denied=404) | {"leader": 403, "evaluator": 403}
CHILD_OFFICE = ["admin", "plan_office"]
ECON = [*TAX, "leader"]
# cogov enterprise requests (issue 16): {ereq} the demo's overdue request, lead 区卫生健康局 (liaison,
# not answered), co-unit 区税务局 (tax_officer, answered); 区教育和体育局 (liaison_other) has no part
ENT_VIEW = ["admin", "cogov_office", "liaison", "liaison_other", "tax_officer", "leader"]
ENT_ENTER = ["admin", "cogov_office", "liaison", "liaison_other", "tax_officer"]
ENT_READERS = only(["admin", "cogov_office", "leader", "liaison", "tax_officer"]) | {"liaison_other": 404}
ENT_API = {"anon": 401, "token": 403}
# cogov assistance list (issue 16): every department reads the items that apply to it
ASSIST_VIEW = ["admin", "plan_office", "cogov_office", "liaison", "liaison_other", "tax_officer", "leader"]
ASSIST_LOOKUP = ["admin", "plan_office", "cogov_office", "liaison", "liaison_other", "tax_officer"]
ASSIST_ITEM = only([p for p in ASSIST_VIEW if p != "plan_office"], denied=404) | {"evaluator": 403}
ASSIST_RECORD = only(["admin", "cogov_office", "leader", "liaison"], denied=404) | {"evaluator": 403}
# cogov yearly tasks and important matters (issue 16)
YEARLY_ALL = ["admin", "cogov_office", "leader"]
YEARLY_VIEW = ["admin", "cogov_office", "leader", "liaison", "liaison_other", "tax_officer"]
MATTER_FILE = ["admin", "plan_office", "cogov_office", "liaison", "liaison_other", "tax_officer"]
MATTER_VIEW = [*MATTER_FILE, "leader"]
MATTER_READERS = only(["admin", "cogov_office", "leader", "liaison"], denied=404) | {"evaluator": 403}
MATTER_HANDLERS = only(["admin", "cogov_office"], ok=302, denied=404) | {
    "liaison": 403,
    "leader": 403,
    "evaluator": 403,
}
PUBLIC = expect(200, anon=200, token=200)

# (route name, method, path builder, expectations). {unit}: 区卫生健康局; {job}: a job of that unit.
MATRIX = [
    ("workspace:home", "get", "/", expect(200)),
    # the co-governance office runs the monitoring of its own plans (the tax plan, meeting decisions)
    ("workspace:review_batch", "post", "/reviews/batch/", only(OFFICES, ok=302)),
    # 税费共治概览 (issue 16 part 6): the leader, the co-governance office and the admin
    ("workspace:taxfee", "get", "/taxfee/", only(["admin", "cogov_office", "leader"])),
    ("workspace:taxfee_leads", "get", "/taxfee/leads/", only(["admin", "cogov_office", "leader"])),
    ("workspace:taxfee_export", "get", "/taxfee/export.xlsx", only(["admin", "cogov_office", "leader"])),
    ("core:audit_list", "get", "/audit/", only(["admin"])),
    ("core:job_list", "get", "/jobs/", expect(200)),
    ("core:job_detail", "get", "/jobs/{job}/", only(["admin", "liaison"], denied=404)),
    ("core:job_progress", "get", "/jobs/{job}/progress/", only(["admin", "liaison"], denied=404)),
    ("core:set_language", "post", "/i18n/setlang/", expect(302, anon=302)),
    ("core:healthz", "get", "/healthz", expect(200, anon=200)),
    ("accounts:login", "get", "/accounts/login/", expect(302, anon=200)),
    ("accounts:logout", "post", "/accounts/logout/", expect(302)),
    ("accounts:password_change", "get", "/accounts/password/", expect(200)),
    ("accounts:user_list", "get", "/accounts/users/", only(["admin"])),
    ("accounts:user_create", "get", "/accounts/users/new/", only(["admin"])),
    ("accounts:user_detail", "get", "/accounts/users/{user}/", only(["admin"])),
    ("accounts:token_list", "get", "/accounts/tokens/", only(["admin"])),
    ("accounts:token_revoke", "post", "/accounts/tokens/{token_id}/revoke/", only(["admin"], ok=302)),
    ("org:unit_list", "get", "/org/units/", expect(200)),
    ("org:unit_create", "get", "/org/units/new/", only(["admin"])),
    ("org:units_upload", "post", "/org/units/upload/", only(["admin"], ok=302)),
    ("org:unit_detail", "get", "/org/units/{unit}/", expect(200)),
    (
        "workspace:unit_workspace",
        "get",
        "/org/units/{unit}/workspace/",
        only([*OFFICES, "liaison"], denied=404),
    ),
    ("org:group_list", "get", "/org/groups/", expect(200)),
    ("org:group_detail", "get", "/org/groups/{group}/", expect(200)),
    ("org:membership_add", "post", "/org/groups/{group}/members/add/", only(OFFICES, ok=302)),
    ("org:membership_edit", "get", "/org/memberships/{membership}/", only(OFFICES)),
    # API: 401 without credentials; tokens act for their unit with the token capabilities only.
    ("api:me", "get", "/api/v1/me", expect(200, anon=401, token=200)),
    ("api:job_get", "get", "/api/v1/jobs/{job}", only(["admin", "liaison"], denied=404, anon=401, token=403)),
    ("api:units", "get", "/api/v1/org/units", expect(200, anon=401, token=200)),
    ("api:units_match", "get", "/api/v1/org/units/match?name=区医保分局", expect(200, anon=401, token=200)),
    ("api:group", "get", "/api/v1/org/groups/{group}", expect(200, anon=401, token=403)),
    ("api:users", "get", "/api/v1/accounts/users", only(["admin"], anon=401, token=403)),
    ("plans:plan_list", "get", "/plans/", expect(200)),
    ("plans:plan_upload", "post", "/plans/upload/", only(OFFICES, ok=302)),
    ("plans:plan_detail", "get", "/plans/{plan}/", expect(200)),
    ("plans:plan_source", "get", "/plans/{plan}/source/", expect(200)),
    ("plans:task_detail", "get", "/plans/tasks/{task}/", expect(200)),
    ("plans:unit_tasks", "get", "/plans/units/{unit}/", expect(200)),
    ("plans:my_tasks", "get", "/plans/mine/", expect(302)),
    # an import in review belongs to the plan office that uploaded it (区妇儿工委办公室)
    (
        "plans:import_detail",
        "get",
        "/plans/imports/{import}/",
        only(["admin", "plan_office"], ok=302, denied=404),
    ),
    (
        "plans:import_status",
        "get",
        "/plans/imports/{import}/status/",
        only(["admin", "plan_office"], ok=204, denied=404),
    ),
    (
        "plans:import_review",
        "get",
        "/plans/imports/{import}/review/0/",
        only(["admin", "plan_office"], denied=404),
    ),
    (
        "plans:import_decide_unit",
        "post",
        "/plans/imports/{import}/review/0/units/",
        only(["admin", "plan_office"], ok=302, denied=404),
    ),
    (
        "plans:import_edit_target",
        "post",
        "/plans/imports/{import}/review/0/tasks/0/targets/",
        only(["admin", "plan_office"], ok=302, denied=404),
    ),
    (
        "plans:import_confirm",
        "post",
        "/plans/imports/{import}/review/0/confirm/",
        only(["admin", "plan_office"], ok=302, denied=404),
    ),
    (
        "plans:import_cancel",
        "post",
        "/plans/imports/{import}/cancel/",
        only(["admin", "plan_office"], ok=302, denied=404),
    ),
    ("plans:lesson_list", "get", "/plans/lessons/", only(OFFICES)),
    ("plans:lesson_toggle", "post", "/plans/lessons/{lesson}/toggle/", only(OFFICES, ok=302)),
    ("api:plans", "get", "/api/v1/plans", expect(200, anon=401, token=403)),
    ("api:plan", "get", "/api/v1/plans/{plan}", expect(200, anon=401, token=403)),
    ("api:unit_tasks", "get", "/api/v1/plans/units/{unit}/tasks", expect(200, anon=401, token=403)),
    ("api:parse", "post", "/api/v1/plans/parse", only(OFFICES, anon=401, token=403)),
    # exchange: the catalog is open to every role; rows only to the provider or under a grant
    ("exchange:catalog", "get", "/exchange/", expect(200)),
    ("exchange:catalog_upload", "post", "/exchange/catalog/upload/", only(["admin", "cogov_office"], ok=302)),
    ("exchange:catalog_export", "get", "/exchange/catalog/export.yaml", expect(200)),
    ("exchange:dataset_detail", "get", "/exchange/datasets/real_estate_tx/", expect(200)),
    ("exchange:dataset_template", "get", "/exchange/datasets/real_estate_tx/template.xlsx", expect(200)),
    ("exchange:submission_upload", "post", "/exchange/datasets/real_estate_tx/submit/", expect(302)),
    # 区税务局 holds the demo grant on real_estate_tx; nobody else may read its rows
    ("exchange:dataset_rows", "get", "/exchange/datasets/real_estate_tx/rows/", only(["tax_officer"])),
    ("exchange:grant_request", "post", "/exchange/datasets/real_estate_tx/grants/", expect(302)),
    ("exchange:submission_list", "get", "/exchange/submissions/", expect(200)),
    (
        "exchange:submission_detail",
        "get",
        "/exchange/submissions/{submission}/",
        only(["admin", "cogov_office"], denied=404),
    ),
    (
        "exchange:submission_report",
        "get",
        "/exchange/submissions/{submission}/report.xlsx",
        only(["admin", "cogov_office"], denied=404),
    ),
    ("exchange:grant_list", "get", "/exchange/grants/", expect(200)),
    (
        "exchange:grant_decide",
        "post",
        "/exchange/grants/{grant}/decide/",
        only(["admin", "cogov_office"], ok=302),
    ),
    ("exchange:quality", "get", "/exchange/quality/", only(["admin", "cogov_office", "leader"])),
    (
        "exchange:quality_notice_docx",
        "get",
        "/exchange/quality/notice.docx",
        only(["admin", "cogov_office", "leader"]),
    ),
    ("exchange:lookup", "get", "/exchange/lookup/", expect(302)),  # moved to cogov:assistance_lookup
    ("workspace:data_feedback", "get", "/exchange/feedback/", expect(200)),
    ("api:datasets", "get", "/api/v1/exchange/datasets", expect(200, anon=401, token=200)),
    (
        "api:push_rows",
        "post",
        "/api/v1/exchange/datasets/real_estate_tx/rows",
        expect(403, anon=401, token=403),
    ),
    (
        "api:submission",
        "get",
        "/api/v1/exchange/submissions/{submission}",
        only(["admin", "cogov_office"], denied=404, anon=401, token=404),
    ),
    # supervision: plan 8号 (its office is 区妇儿工委办公室; the evaluator is assigned to it)
    ("supervision:todo", "get", "/supervision/todo/", expect(200)),
    ("supervision:plan_dashboard", "get", "/supervision/plans/{plan}/", expect(200)),
    # the set-up after import: the plan's office (or an admin) only; the co-governance office
    # imports plans too, but 8号 is not its plan
    ("supervision:plan_setup", "get", "/supervision/plans/{plan}/setup/", only(["admin", "plan_office"])),
    ("supervision:leader_summary", "get", "/supervision/plans/{plan}/summary/", expect(200)),
    ("supervision:indicator_list", "get", "/supervision/plans/{plan}/indicators/", expect(200)),
    ("supervision:round_list", "get", "/supervision/plans/{plan}/rounds/", expect(200)),
    (
        "supervision:order_create",
        "get",
        "/supervision/plans/{plan}/orders/new/",
        only(["admin", "plan_office"]),
    ),
    ("supervision:task_monitor", "get", "/supervision/tasks/{task5}/", expect(200)),
    ("supervision:indicator_detail", "get", "/supervision/indicators/{indicator}/", expect(200)),
    ("supervision:round_detail", "get", "/supervision/rounds/{round}/", expect(200)),
    (
        "supervision:report_detail",
        "get",
        "/supervision/reports/{report}/",
        only([*VIEW_ALL, "liaison"], denied=404),
    ),
    (
        "supervision:evidence_download",
        "get",
        "/supervision/evidence/{evidence}/",
        only([*VIEW_ALL, "liaison"], denied=404),
    ),
    ("supervision:order_list", "get", "/supervision/orders/", expect(200)),
    (
        "supervision:order_detail",
        "get",
        "/supervision/orders/{order}/",
        only([*VIEW_ALL, "liaison"], denied=404),
    ),
    (
        "supervision:export_order",
        "get",
        "/supervision/orders/{order}/print.docx",
        only([*VIEW_ALL, "liaison"], denied=404),
    ),
    # funding per task: the plan's office or the finance bureau (共治办) records; all read
    ("supervision:plan_funding", "get", "/supervision/plans/{plan}/funding/", expect(200)),
    ("supervision:funding_template", "get", "/supervision/plans/{plan}/funding/template.xlsx", expect(200)),
    (
        "supervision:task_funding",
        "post",
        "/supervision/tasks/{task5}/funding/",
        only(["admin", "plan_office", "cogov_office"], ok=302),
    ),
    (
        "supervision:plan_publicity",
        "post",
        "/supervision/plans/{plan}/publicity/",
        only(["admin", "plan_office"], ok=302),
    ),
    # the evaluator's evidence bundle: the assigned evaluator and the plan's office; a download
    # only by the user who built it ({job} is somebody else's self-check job: not found)
    (
        "supervision:plan_bundle",
        "get",
        "/supervision/plans/{plan}/bundle/",
        only(["admin", "plan_office", "evaluator"]),
    ),
    ("supervision:bundle_download", "get", "/supervision/bundles/{job}/download/", only([], denied=404)),
    ("supervision:export_ledger", "get", "/supervision/plans/{plan}/ledger.xlsx", expect(200)),
    ("supervision:export_indicators", "get", "/supervision/plans/{plan}/indicators.xlsx", expect(200)),
    ("supervision:export_round_report", "get", "/supervision/rounds/{round}/report.docx", only(VIEW_ALL)),
    (
        "supervision:export_round_notice",
        "get",
        "/supervision/rounds/{round}/notice.docx",
        only(["admin", "plan_office"]),
    ),
    ("inspections:inspection_list", "get", "/supervision/inspections/", expect(200)),
    (
        "inspections:inspection_create",
        "get",
        "/supervision/inspections/new/",
        only(["admin", "plan_office", "evaluator"]),
    ),
    (
        "inspections:inspection_detail",
        "get",
        "/supervision/inspections/{inspection}/",
        only([*VIEW_ALL, "liaison"], denied=404),
    ),
    ("inspections:rectification_list", "get", "/supervision/rectifications/", expect(200)),
    (
        "inspections:rectification_detail",
        "get",
        "/supervision/rectifications/{rectification}/",
        only([*VIEW_ALL, "liaison"], denied=404),
    ),
    ("inspections:case_list", "get", "/supervision/cases/", expect(200)),
    # cases are filed by those who report for a unit (supervision.report), not by readers
    (
        "inspections:case_create",
        "get",
        "/supervision/cases/new/",
        expect(200, leader=403, evaluator=403),
    ),
    (
        "inspections:case_detail",
        "get",
        "/supervision/cases/{case}/",
        only([*VIEW_ALL, "liaison"], denied=404),
    ),
    ("inspections:public_cases", "get", "/supervision/public/cases/", expect(200, anon=200, token=200)),
    # taxrisk: only the co-governance office and tax officers (a lead dispatched to the demo officer)
    ("taxrisk:lead_list", "get", "/taxrisk/leads/", only(TAX)),
    ("taxrisk:lead_detail", "get", "/taxrisk/leads/{lead}/", only(TAX)),
    ("taxrisk:rule_list", "get", "/taxrisk/rules/", only(TAX)),
    ("taxrisk:rule_edit", "get", "/taxrisk/rules/R01/", only(TAX)),
    ("taxrisk:run_list", "get", "/taxrisk/runs/", only(TAX)),
    ("taxrisk:run_detail", "get", "/taxrisk/runs/{run}/", only(TAX)),
    ("taxrisk:industry", "get", "/taxrisk/industries/lodging/", only(TAX)),
    # the taxrisk API (issue 16, part 7): people only; {dlead} is dispatched to the demo officer,
    # {vlead} in verification: the bodies are refused by the services after the permission checks
    ("api:taxrisk_leads", "get", "/api/v1/taxrisk/leads", only(TAX, anon=401, token=403)),
    ("api:taxrisk_lead", "get", "/api/v1/taxrisk/leads/{dlead}", only(TAX, anon=401, token=403)),
    (
        "api:taxrisk_lead_dispatch",
        "post",
        "/api/v1/taxrisk/leads/{dlead}/dispatch",
        only(["admin", "cogov_office"], ok=400, anon=401, token=403),
    ),
    (
        "api:taxrisk_lead_start",
        "post",
        "/api/v1/taxrisk/leads/{vlead}/start",
        only(TAX, ok=409, anon=401, token=403),
    ),
    (
        "api:taxrisk_lead_confirm",
        "post",
        "/api/v1/taxrisk/leads/{dlead}/confirm",
        only(TAX, ok=400, anon=401, token=403),
    ),
    (
        "api:taxrisk_lead_dismiss",
        "post",
        "/api/v1/taxrisk/leads/{dlead}/dismiss",
        only(TAX, ok=400, anon=401, token=403),
    ),
    (
        "api:taxrisk_lead_contact",
        "post",
        "/api/v1/taxrisk/leads/{dlead}/contacts",
        only(TAX, ok=400, anon=401, token=403),
    ),
    ("api:taxrisk_rules", "get", "/api/v1/taxrisk/rules", only(TAX, anon=401, token=403)),
    ("api:taxrisk_rule", "get", "/api/v1/taxrisk/rules/R01", only(TAX, anon=401, token=403)),
    (
        "api:taxrisk_rule_enable",
        "post",
        "/api/v1/taxrisk/rules/R01/enabled",
        only(["admin", "cogov_office"], anon=401, token=403),
    ),
    ("api:taxrisk_runs", "get", "/api/v1/taxrisk/runs", only(TAX, anon=401, token=403)),
    ("api:taxrisk_run", "get", "/api/v1/taxrisk/runs/{run}", only(TAX, anon=401, token=403)),
    (
        "api:taxrisk_run_start",
        "post",
        "/api/v1/taxrisk/runs",
        only(["admin", "cogov_office"], ok=404, anon=401, token=403),
    ),
    # the supervision API (issue 16, part 7): {report} and {order} are the demo's of 区卫生健康局
    # on the 8号 plan (office: 妇儿工委办, fuer), {dreport} a draft with no progress and {oorder} an
    # order not answered yet: the bodies are refused by the services after the permission checks,
    # so that no row changes what the next one reads
    ("api:supervision_todo", "get", "/api/v1/supervision/reports", expect(200, anon=401, token=403)),
    (
        "api:supervision_round_reports",
        "get",
        "/api/v1/supervision/rounds/{round}/reports",
        expect(200, anon=401, token=403),
    ),
    (
        "api:supervision_report",
        "get",
        "/api/v1/supervision/reports/{report}",
        only([*VIEW_ALL, "liaison"], denied=404, anon=401, token=403),
    ),
    (
        "api:supervision_report_save",
        "post",
        "/api/v1/supervision/reports/{dreport}",
        only(["liaison"], ok=400, denied=404, anon=401, token=403),
    ),
    (
        "api:supervision_report_submit",
        "post",
        "/api/v1/supervision/reports/{dreport}/submit",
        only(["liaison"], ok=400, denied=404, anon=401, token=403),
    ),
    (
        "api:supervision_report_review",
        "post",
        "/api/v1/supervision/reports/{dreport}/review",
        only(["admin", "plan_office"], ok=409, anon=401, token=403)
        | {"liaison_other": 404, "tax_officer": 404},
    ),
    ("api:supervision_orders", "get", "/api/v1/supervision/orders", expect(200, anon=401, token=403)),
    (
        "api:supervision_order",
        "get",
        "/api/v1/supervision/orders/{order}",
        only([*VIEW_ALL, "liaison"], denied=404, anon=401, token=403),
    ),
    (
        "api:supervision_order_issue",
        "post",
        "/api/v1/supervision/plans/{plan}/orders",
        only(["admin", "plan_office"], ok=400, anon=401, token=403),
    ),
    (
        "api:supervision_order_answer",
        "post",
        "/api/v1/supervision/orders/{oorder}/answer",
        only(["liaison"], ok=400, denied=404, anon=401, token=403),
    ),
    (
        "api:supervision_order_close",
        "post",
        "/api/v1/supervision/orders/{oorder}/close",
        only(["admin", "plan_office"], ok=409, anon=401, token=403)
        | {"liaison_other": 404, "tax_officer": 404},
    ),
    (
        "api:supervision_order_escalate",
        "post",
        "/api/v1/supervision/orders/{oorder}/escalate",
        only(["admin", "plan_office"], ok=400, anon=401, token=403)
        | {"liaison_other": 404, "tax_officer": 404},
    ),
    # the inspections API: {inspection} and {rectification} of 区卫生健康局 on the 8号 plan, the
    # evaluator assigned to it
    ("api:inspections_list", "get", "/api/v1/inspections/inspections", expect(200, anon=401, token=403)),
    (
        "api:inspections_detail",
        "get",
        "/api/v1/inspections/inspections/{inspection}",
        only([*VIEW_ALL, "liaison"], denied=404, anon=401, token=403),
    ),
    (
        "api:inspections_record",
        "post",
        "/api/v1/inspections/inspections",
        only(["admin", "plan_office", "evaluator"], ok=400, anon=401, token=403),
    ),
    (
        "api:inspections_finding_add",
        "post",
        "/api/v1/inspections/inspections/{inspection}/findings",
        only(["admin", "plan_office", "evaluator"], ok=400, anon=401, token=403)
        | {"liaison_other": 404, "tax_officer": 404},
    ),
    (
        "api:inspections_rectification_raise",
        "post",
        "/api/v1/inspections/findings/{finding}/rectifications",
        only(["admin", "plan_office", "evaluator"], ok=400, anon=401, token=403)
        | {"liaison_other": 404, "tax_officer": 404},
    ),
    (
        "api:inspections_rectifications",
        "get",
        "/api/v1/inspections/rectifications",
        expect(200, anon=401, token=403),
    ),
    (
        "api:inspections_rectification",
        "get",
        "/api/v1/inspections/rectifications/{rectification}",
        only([*VIEW_ALL, "liaison"], denied=404, anon=401, token=403),
    ),
    (
        "api:inspections_rectification_submit",
        "post",
        "/api/v1/inspections/rectifications/{rectification}/submit",
        only(["liaison"], ok=400, anon=401, token=403) | {"liaison_other": 404, "tax_officer": 404},
    ),
    (
        "api:inspections_rectification_close",
        "post",
        "/api/v1/inspections/rectifications/{rectification}/close",
        only(["admin", "plan_office"], ok=409, anon=401, token=403)
        | {"liaison_other": 404, "tax_officer": 404},
    ),
    (
        "api:inspections_rectification_return",
        "post",
        "/api/v1/inspections/rectifications/{rectification}/return",
        only(["admin", "plan_office"], ok=409, anon=401, token=403)
        | {"liaison_other": 404, "tax_officer": 404},
    ),
    # economy: forecasts (economy.view); marks on a series (economy.manage; no such mark: 404)
    ("economy:forecast", "get", "/economy/forecast/", only([*TAX, "leader"])),
    (
        "economy:forecast_mark_add",
        "post",
        "/economy/forecast/marks/",
        only(["admin", "cogov_office"], ok=302),
    ),
    (
        "economy:forecast_mark_remove",
        "post",
        "/economy/forecast/marks/remove/",
        only(["admin", "cogov_office"], ok=404),
    ),
    # economy: the revenue cube (economy.view: TAX + leader; the taxpayers behind a figure: TAX only)
    ("economy:revenue", "get", "/economy/", only([*TAX, "leader"])),
    ("economy:plan_save", "post", "/economy/plan/", only(["admin", "cogov_office"], ok=302)),
    ("economy:structure", "get", "/economy/structure/", only([*TAX, "leader"])),
    ("economy:taxpayers", "get", "/economy/structure/taxpayers/", only(TAX)),
    ("economy:burden", "get", "/economy/burden/", only([*TAX, "leader"])),
    # credit: the policy push (credit.push: the office and tax officers); {campaign} a done campaign
    ("credit:push_home", "get", "/credit/push/", only(TAX)),
    ("credit:push_campaign", "get", "/credit/push/campaigns/{campaign}/", only(TAX)),
    ("credit:push_list", "get", "/credit/push/pushes/", only(TAX)),
    ("credit:push_optouts", "get", "/credit/push/optouts/", only(TAX)),
    # credit: published A/D lists and repair (credit.view reads; the offices draft and record);
    # {crev} a published revision of 2015's A list, {repair} a pending repair case
    ("credit:list_home", "get", "/credit/lists/", only([*TAX, "leader"])),
    ("credit:list_draft", "post", "/credit/lists/draft/", only(["cogov_office", "tax_officer"], ok=302)),
    ("credit:list_revision", "get", "/credit/lists/revisions/{crev}/", only([*TAX, "leader"])),
    ("credit:list_revision_xlsx", "get", "/credit/lists/revisions/{crev}/xlsx/", only([*TAX, "leader"])),
    ("credit:repair_list", "get", "/credit/repairs/", only([*TAX, "leader"])),
    ("credit:repair_new", "post", "/credit/repairs/new/", only(TAX, ok=302)),
    ("credit:repair_detail", "get", "/credit/repairs/{repair}/", only([*TAX, "leader"])),
    # credit: registry, measures (credit.view), the check (credit.check), the ledger (credit.view_ledger);
    # {ccheck} a check by 区卫生健康局 (the liaison's unit and the token's)
    ("credit:ratings", "get", "/credit/ratings/", only([*TAX, "leader"])),
    ("credit:rating_history", "get", "/credit/ratings/52370306392332142A/", only([*TAX, "leader"])),
    ("credit:panel", "get", "/credit/panel/52370306392332142A/", only([*TAX, "leader"])),
    ("credit:measures", "get", "/credit/measures/", only([*TAX, "leader"])),
    ("credit:measure_new", "get", "/credit/measures/new/", only([*TAX, "leader"])),
    ("credit:measure_edit", "get", "/credit/measures/D01/", only([*TAX, "leader"])),
    ("credit:check", "get", "/credit/check/", only([*OFFICES, "liaison", "liaison_other", "tax_officer"])),
    (
        "credit:check_detail",
        "get",
        "/credit/checks/{ccheck}/",
        only(["admin", "cogov_office", "liaison"], denied=404) | {"leader": 403, "evaluator": 403},
    ),
    ("credit:ledger", "get", "/credit/ledger/", only(["admin", "cogov_office", "leader"])),
    (
        "api:check",
        "get",
        "/api/v1/credit/check?uscc=52370306392332142A&scenario=procurement",
        only([*OFFICES, "liaison", "liaison_other", "tax_officer"], anon=401, token=200),
    ),
    (
        "api:decision",
        "post",
        "/api/v1/credit/checks/{ccheck}/decision",
        only(["liaison"], denied=404, anon=401, token=200)
        | {"admin": 403, "cogov_office": 403, "leader": 403},
    ),
    ("public:credit_index", "get", "/public/credit/", expect(200, anon=200, token=200)),
    ("public:credit_list", "get", "/public/credit/2015/A/", expect(200, anon=200, token=200)),
    ("public:credit_list_xlsx", "get", "/public/credit/2015/A/xlsx/", expect(200, anon=200, token=200)),
    ("public:plan_index", "get", "/public/plans/", expect(200, anon=200, token=200)),
    ("public:plan_detail", "get", "/public/plans/{plan}/", expect(200, anon=200, token=200)),
    (
        "api:push_value",
        "post",
        "/api/v1/supervision/indicators/{indicator}/values",
        only(["liaison"], denied=404, anon=401, token=200) | {"leader": 403, "evaluator": 403},
    ),
    # assessment: {arun} the demo's approved run; {aunit} 区卫生健康局 in it; {manual} a deduction of that
    # unit with {attachment}; {notice} the drafted (unsent) notice. A unit sees only its own lines.
    ("assessment:scheme_list", "get", "/assessment/", expect(200, evaluator=403)),
    ("assessment:scheme_detail", "get", "/assessment/schemes/child_friendly/", only(ASSESS_ALL)),
    (
        "assessment:run_detail",
        "get",
        "/assessment/runs/{arun}/",
        only([*ASSESS_ALL, "liaison", "liaison_other"], denied=404) | {"evaluator": 403},
    ),
    ("assessment:unit_score", "get", "/assessment/runs/{arun}/unit/{aunit}/", ASSESS_OWN),
    ("assessment:manual_detail", "get", "/assessment/manual/{manual}/", ASSESS_OWN),
    ("assessment:attachment_download", "get", "/assessment/attachments/{attachment}/", ASSESS_OWN),
    ("assessment:notice_list", "get", "/assessment/notices/", expect(200, evaluator=403)),
    (
        "assessment:notice_detail",
        "get",
        "/assessment/notices/{notice}/",
        only(ASSESS_ALL, denied=404) | {"evaluator": 403},
    ),
    (
        "assessment:notice_docx",
        "get",
        "/assessment/notices/{notice}/notice.docx",
        only(ASSESS_ALL, denied=404) | {"evaluator": 403},
    ),
    # meetings: {meeting} the tax group's first demo meeting (approved). Member units read it; 区教育和体育局
    # (liaison_other) only as the cooperating unit of one decision; 区卫生健康局 and the child plan's office not.
    ("meetings:meeting_list", "get", "/meetings/", expect(200, evaluator=403)),
    ("meetings:meeting_create", "get", "/meetings/new/", only(OFFICES)),
    ("meetings:meeting_detail", "get", "/meetings/{meeting}/", MEETING_READERS),
    ("meetings:minutes_download", "get", "/meetings/{meeting}/minutes.docx", MEETING_READERS),
    ("meetings:decision_list", "get", "/meetings/decisions/", expect(200, evaluator=403)),
    # children register: {impact} the demo's signed-off assessment of 区住房城乡建设局 (read by the
    # office, leaders and evaluators; no other unit); {space} a space 区教育和体育局 (liaison_other) runs
    ("children:impact_list", "get", "/children/impact/", CHILD_VIEW),
    ("children:impact_create", "get", "/children/impact/new/", only(CHILD_DRAFT)),
    ("children:impact_checklist", "get", "/children/impact/checklist/", CHILD_VIEW),
    ("children:impact_detail", "get", "/children/impact/{impact}/", IMPACT_READERS),
    ("children:impact_answer", "post", "/children/impact/{impact}/answer/", IMPACT_WRITE | {"admin": 302}),
    ("children:impact_attach", "post", "/children/impact/{impact}/attach/", IMPACT_WRITE | {"admin": 200}),
    ("children:impact_review", "post", "/children/impact/{impact}/review/", IMPACT_REVIEW),
    (
        "children:impact_evidence",
        "get",
        "/children/impact/{impact}/evidence/{impact_evidence}/",
        IMPACT_READERS,
    ),
    ("children:space_list", "get", "/children/spaces/", CHILD_VIEW),
    ("children:space_create", "get", "/children/spaces/new/", only(CHILD_DRAFT)),
    ("children:space_import", "post", "/children/spaces/import/", only(CHILD_DRAFT, ok=302)),
    ("children:space_targets", "get", "/children/spaces/targets/", CHILD_VIEW),
    (
        "children:space_edit",
        "get",
        "/children/spaces/{space}/edit/",
        only(["admin", "plan_office", "liaison_other"]),
    ),
    ("children:space_village_report", "get", "/children/villages/", CHILD_VIEW),
    # children's councils: {council} a school council facilitated by 区教育和体育局 (liaison_other),
    # {member} one of its members, {suggestion} a child's suggestion routed to 区卫生健康局 (liaison)
    ("children:council_list", "get", "/children/", CHILD_VIEW),
    ("children:council_create", "get", "/children/councils/new/", only(CHILD_OFFICE)),
    ("children:council_detail", "get", "/children/councils/{council}/", CHILD_VIEW),
    (
        "children:council_members",
        "get",
        "/children/councils/{council}/members/",
        only([*CHILD_OFFICE, "liaison_other"]),
    ),
    ("children:session_add", "post", "/children/councils/{council}/sessions/", CHILD_VIEW),
    (
        "children:member_leave",
        "post",
        "/children/members/{member}/leave/",
        only([*CHILD_OFFICE, "liaison_other"], ok=302, denied=404),
    ),
    # suggestions: the offices with supervision.view_all see them all; a unit sees those routed to it
    # or entered by the councils it facilitates (a POST without data re-shows the form: the route,
    # answer and publish services check who may act, tests/children/test_suggestions.py)
    ("children:suggestion_list", "get", "/children/suggestions/", expect(200)),
    (
        "children:suggestion_detail",
        "get",
        "/children/suggestions/{suggestion}/",
        expect(200, tax_officer=404),
    ),
    (
        "children:suggestion_route",
        "post",
        "/children/suggestions/{suggestion}/route/",
        expect(200, tax_officer=404),
    ),
    (
        "children:suggestion_answer",
        "post",
        "/children/suggestions/{suggestion}/answer/",
        expect(200, tax_officer=404),
    ),
    (
        "children:suggestion_publish",
        "post",
        "/children/suggestions/{suggestion}/publish/",
        only(CHILD_OFFICE, ok=302) | {"tax_officer": 404},
    ),
    ("public:children_home", "get", "/public/children/", PUBLIC),
    ("public:children_suggest", "get", "/public/children/suggest/", PUBLIC),
    ("public:children_thanks", "get", "/public/children/thanks/", PUBLIC),
    # economy: policy what-if ({scenario} a demo scenario, shared by the economy.view roles), the
    # analysis report (a job's file: its owner only), the analysis month (economy.manage)
    ("economy:whatif", "get", "/economy/whatif/", only(ECON)),
    ("economy:whatif_detail", "get", "/economy/whatif/{scenario}/", only(ECON)),
    ("economy:report", "get", "/economy/report/", only(ECON)),
    (
        "economy:report_download",
        "get",
        "/economy/report/{job}/download/",
        only([], denied=403) | {r: 404 for r in ECON},
    ),
    (
        "economy:analysis_month_set",
        "post",
        "/economy/analysis-month/",
        only(["admin", "cogov_office"], ok=302),
    ),
    # cogov yearly tasks ({yset}: the demo's issued set of 10号文): the office edits, the office and
    # the leader read every unit's, a unit its own yearly tasks
    ("cogov:yearly_set_list", "get", "/cogov/yearly/", only(YEARLY_ALL)),
    ("cogov:yearly_mine", "get", "/cogov/yearly/mine/", only(YEARLY_VIEW)),
    ("cogov:yearly_set_detail", "get", "/cogov/yearly/{yset}/", only(YEARLY_ALL)),
    ("cogov:yearly_set_edit", "get", "/cogov/yearly/{yset}/edit/", only(["admin", "cogov_office"])),
    (
        "cogov:yearly_set_issue",
        "post",
        "/cogov/yearly/{yset}/issue/",
        only(["admin", "cogov_office"], ok=302),
    ),
    ("cogov:yearly_set_export", "get", "/cogov/yearly/{yset}/export.xlsx", only(YEARLY_ALL)),
    ("api:yearly_sets", "get", "/api/v1/cogov/yearly/sets", only(YEARLY_ALL, anon=401, token=403)),
    (
        "api:yearly_set_create",
        "post",
        "/api/v1/cogov/yearly/sets",
        only(["admin", "cogov_office"], ok=400, anon=401, token=403),
    ),
    ("api:yearly_set", "get", "/api/v1/cogov/yearly/sets/{yset}", only(YEARLY_ALL, anon=401, token=403)),
    (
        "api:yearly_tasks_add",
        "post",
        "/api/v1/cogov/yearly/sets/{yset}/tasks",
        only(["admin", "cogov_office"], ok=409, anon=401, token=403),
    ),
    (
        "api:yearly_set_issue",
        "post",
        "/api/v1/cogov/yearly/sets/{yset}/issue",
        only(["admin", "cogov_office"], ok=409, anon=401, token=403),
    ),
    ("api:yearly_mine", "get", "/api/v1/cogov/yearly/mine", only(YEARLY_VIEW, anon=401, token=403)),
    # cogov important matters ({matter}, {amatter}: filed by 区卫生健康局 = liaison, with an
    # attachment {mattach}): the office and the leader see all, a unit its own; the office handles
    ("cogov:matters_list", "get", "/cogov/matters/", only(MATTER_VIEW)),
    ("cogov:matters_new", "get", "/cogov/matters/new/", only(MATTER_FILE)),
    ("cogov:matters_detail", "get", "/cogov/matters/{matter}/", MATTER_READERS),
    ("cogov:matters_acknowledge", "post", "/cogov/matters/{matter}/acknowledge/", MATTER_HANDLERS),
    ("cogov:matters_assign", "post", "/cogov/matters/{matter}/assign/", MATTER_HANDLERS),
    ("cogov:matters_close", "post", "/cogov/matters/{matter}/close/", MATTER_HANDLERS),
    ("cogov:matters_attachment", "get", "/cogov/matters/attachments/{mattach}/", MATTER_READERS),
    ("api:matters_list", "get", "/api/v1/cogov/matters", only(MATTER_VIEW, anon=401, token=403)),
    ("api:matters_file", "post", "/api/v1/cogov/matters", only(MATTER_FILE, ok=400, anon=401, token=403)),
    (
        "api:matters_get",
        "get",
        "/api/v1/cogov/matters/{amatter}",
        MATTER_READERS | {"anon": 401, "token": 403},
    ),
    (
        "api:matters_acknowledge",
        "post",
        "/api/v1/cogov/matters/{amatter}/acknowledge",
        MATTER_HANDLERS | {"admin": 200, "cogov_office": 200, "anon": 401, "token": 403},
    ),
    (
        "api:matters_assign",
        "post",
        "/api/v1/cogov/matters/{amatter}/assign",
        MATTER_HANDLERS | {"admin": 400, "cogov_office": 400, "anon": 401, "token": 403},
    ),
    (
        "api:matters_close",
        "post",
        "/api/v1/cogov/matters/{amatter}/close",
        MATTER_HANDLERS | {"admin": 400, "cogov_office": 400, "anon": 401, "token": 403},
    ),
    # cogov assistance list ({aitem}: 评先树优, which 区卫生健康局 and 区教育和体育局 check; {adraft}:
    # its change waiting for approval; {alookup}: a look-up by 区卫生健康局 = liaison). Writes are
    # posted without their required fields: the office gets its redirect, nothing changes
    ("cogov:assistance_item_list", "get", "/cogov/assistance/", only(ASSIST_VIEW)),
    ("cogov:assistance_item_new", "get", "/cogov/assistance/items/new/", only(["admin", "cogov_office"])),
    ("cogov:assistance_item_detail", "get", "/cogov/assistance/items/{aitem}/", ASSIST_ITEM),
    (
        "cogov:assistance_item_change",
        "get",
        "/cogov/assistance/items/{aitem}/change/",
        only(["admin", "cogov_office"]),
    ),
    (
        "cogov:assistance_item_retire",
        "post",
        "/cogov/assistance/items/{aitem}/retire/",
        only(["admin", "cogov_office"], ok=302),
    ),
    (
        "cogov:assistance_version_approve",
        "post",
        "/cogov/assistance/versions/{adraft}/approve/",
        only(["admin", "cogov_office"], ok=302),
    ),
    ("cogov:assistance_import", "post", "/cogov/assistance/import/", only(["admin", "cogov_office"], ok=302)),
    ("cogov:assistance_export", "get", "/cogov/assistance/export.xlsx", only(["admin", "cogov_office"])),
    ("cogov:assistance_lookup", "get", "/cogov/assistance/lookup/", only(ASSIST_LOOKUP)),
    ("cogov:assistance_lookup_detail", "get", "/cogov/assistance/lookups/{alookup}/", ASSIST_RECORD),
    ("cogov:assistance_ledger", "get", "/cogov/assistance/ledger/", only(ASSIST_VIEW)),
    ("api:assistance_items", "get", "/api/v1/cogov/assistance/items", only(ASSIST_VIEW, anon=401, token=200)),
    (
        "api:assistance_item",
        "get",
        "/api/v1/cogov/assistance/items/{aitem}",
        ASSIST_ITEM | {"anon": 401, "token": 200},
    ),
    (
        "api:assistance_lookup",
        "post",
        "/api/v1/cogov/assistance/lookups",
        only(ASSIST_LOOKUP, anon=401, token=200) | {"plan_office": 404},  # 评先树优 is not the office's
    ),
    (
        "api:assistance_lookup_get",
        "get",
        "/api/v1/cogov/assistance/lookups/{alookup}",
        ASSIST_RECORD | {"anon": 401, "token": 200},
    ),
    (
        "api:assistance_outcome",
        "post",
        "/api/v1/cogov/assistance/lookups/{alookup}/outcome",
        # only the looking unit records (a wrong outcome here: 400); others see it but may not
        ASSIST_RECORD
        | {"liaison": 400, "admin": 403, "cogov_office": 403, "leader": 403, "anon": 401, "token": 400},
    ),
    (
        "api:assistance_ledger",
        "get",
        "/api/v1/cogov/assistance/ledger",
        only(ASSIST_VIEW, anon=401, token=200),
    ),
    ("api:plan_status", "get", "/api/v1/supervision/plans/{plan}/status", expect(200, anon=401, token=403)),
    # cogov grid (网格联动): the grid's people see its tasks; shuiwu is the tax manager of 大街街道's
    # grids, where {gtask} and {gphoto} are; department liaisons see no grid; tokens act on nothing
    ("cogov:grid_task_list", "get", "/cogov/grid/tasks/", only([*GRID_VIEW])),
    ("cogov:grid_task_create", "get", "/cogov/grid/tasks/new/", only(TAX)),
    ("cogov:grid_task_registry", "get", "/cogov/grid/tasks/registry/", only(["admin", "cogov_office"])),
    ("cogov:grid_task_detail", "get", "/cogov/grid/tasks/{gtask}/", GRID_TASK_READERS),
    (
        "cogov:grid_task_dispatch",
        "post",
        "/cogov/grid/tasks/{gtask}/dispatch/",
        GRID_TASK_ACT | {"leader": 403},
    ),
    ("cogov:grid_task_work", "get", "/cogov/grid/tasks/{gtask}/work/", GRID_TASK_READERS | GRID_NOT_WORKER),
    ("cogov:grid_task_review", "post", "/cogov/grid/tasks/{gtask}/review/", GRID_TASK_ACT),
    ("cogov:grid_photo", "get", "/cogov/grid/photos/{gphoto}/", GRID_TASK_READERS),
    ("cogov:grid_list", "get", "/cogov/grid/grids/", only([*GRID_VIEW])),
    (
        "cogov:grid_edit",
        "get",
        "/cogov/grid/grids/{ggrid}/",
        GRID_TASK_READERS | {"tax_officer": 403, "leader": 403},
    ),
    ("cogov:grid_stats", "get", "/cogov/grid/stats/", only([*GRID_VIEW])),
    ("cogov:grid_taxpayer", "get", "/cogov/grid/taxpayers/{guscc}/", GRID_TASK_READERS),
    ("api:grid_grids", "get", "/api/v1/cogov/grid/grids", only([*GRID_VIEW], anon=401, token=403)),
    ("api:grid_tasks", "get", "/api/v1/cogov/grid/tasks", only([*GRID_VIEW], anon=401, token=403)),
    ("api:grid_task", "get", "/api/v1/cogov/grid/tasks/{gtask}", GRID_API_READERS),
    # the registry knows no such taxpayer and no grid is named: 400 for those who may create
    ("api:grid_task_create", "post", "/api/v1/cogov/grid/tasks", only(TAX, ok=400, anon=401, token=403)),
    (
        "api:grid_task_dispatch",
        "post",
        "/api/v1/cogov/grid/tasks/{gtask}/dispatch",
        only(TAX, anon=401, token=403),
    ),
    # {gtask} is dispatched by the rows above (for those who may): submitting no findings is
    # refused (400), and a task not yet submitted cannot be reviewed (409)
    (
        "api:grid_task_submit",
        "post",
        "/api/v1/cogov/grid/tasks/{gtask}/submit",
        only(["admin"], ok=400, anon=401, token=403),
    ),
    (
        "api:grid_task_review",
        "post",
        "/api/v1/cogov/grid/tasks/{gtask}/review",
        only(["admin", "tax_officer"], ok=409, anon=401, token=403),
    ),
    # cogov enterprise requests (企业诉求): pages, the public form and status page, the API. Writes are
    # posted without their required fields (400 for who may act) or refused by the state (409)
    ("cogov:enterprise_list", "get", "/cogov/enterprise/", only(ENT_VIEW)),
    ("cogov:enterprise_create", "get", "/cogov/enterprise/new/", only(ENT_ENTER)),
    ("cogov:enterprise_stats", "get", "/cogov/enterprise/stats/", only(["admin", "cogov_office", "leader"])),
    ("cogov:enterprise_detail", "get", "/cogov/enterprise/{ereq}/", ENT_READERS),
    (
        "cogov:enterprise_route",
        "post",
        "/cogov/enterprise/{ereq}/route/",
        only(["admin", "cogov_office"], ok=400),
    ),
    (
        "cogov:enterprise_answer",
        "post",
        "/cogov/enterprise/{ereq}/answer/",
        only(["admin", "cogov_office", "liaison", "tax_officer"], ok=400) | {"liaison_other": 404},
    ),
    (
        "cogov:enterprise_close",
        "post",
        "/cogov/enterprise/{ereq}/close/",
        only(["admin", "cogov_office", "liaison", "tax_officer"], ok=400) | {"liaison_other": 404},
    ),
    (
        "cogov:enterprise_rate",
        "post",
        "/cogov/enterprise/{ereq}/rate/",
        only(["admin", "cogov_office"], ok=400),
    ),
    ("public:enterprise_request", "get", "/public/enterprise/", PUBLIC),
    ("public:enterprise_thanks", "get", "/public/enterprise/thanks/", PUBLIC),
    ("public:enterprise_status", "get", "/public/enterprise/status/", PUBLIC),
    (
        "api:enterprise_request_create",
        "post",
        "/api/v1/cogov/enterprise/requests",
        only(ENT_ENTER, anon=401, token=403),
    ),
    (
        "api:enterprise_request_list",
        "get",
        "/api/v1/cogov/enterprise/requests",
        only(ENT_VIEW, anon=401, token=403),
    ),
    ("api:enterprise_request_get", "get", "/api/v1/cogov/enterprise/requests/{ereq}", ENT_READERS | ENT_API),
    (
        "api:enterprise_request_route",
        "post",
        "/api/v1/cogov/enterprise/requests/{ereq}/route",
        only(["admin", "cogov_office"], ok=400) | {"liaison_other": 404} | ENT_API,
    ),
    (
        "api:enterprise_request_answer",
        "post",
        "/api/v1/cogov/enterprise/requests/{ereq}/answer",
        only(["liaison", "tax_officer"], ok=400) | {"liaison_other": 404} | ENT_API,
    ),
    (
        "api:enterprise_request_close",
        "post",
        "/api/v1/cogov/enterprise/requests/{ereq}/close",
        only(["admin", "liaison"], ok=409) | {"liaison_other": 404} | ENT_API,
    ),
    (
        "api:enterprise_request_rate",
        "post",
        "/api/v1/cogov/enterprise/requests/{ereq}/rate",
        only(["admin", "cogov_office"], ok=409) | {"liaison_other": 404} | ENT_API,
    ),
    ("api:openapi-json", "get", "/api/v1/openapi.json", expect(200, anon=200, token=200)),
    ("api:openapi-view", "get", "/api/v1/docs", expect(200, anon=200, token=200)),
    ("api:api-root", "get", "/api/v1/", expect(404, anon=404, token=404)),
]


def _route_names(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _route_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_matrix_covers_every_route():
    assert _route_names() - {name for name, *_ in MATRIX} == set()


@pytest.fixture
def world(users):
    unit = Unit.objects.get(name="区卫生健康局")
    job = JobRun.objects.create(
        kind="core.selfcheck",
        title="卫健局任务（演示）",
        unit=unit,
        created_by=User.objects.get(username="weijian"),
    )
    token, secret = account_services.token_create(actor=users["admin"], unit=unit, name="卫健系统（演示）")
    group = Group.objects.get(name="周村区税费协同共治领导小组")
    plan = PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")  # the evaluator is assigned to it
    payload = plan_parse(data=SMALL_PLAN.encode(), filename="small.txt")
    texts = payload.pop("texts")
    plan_import = PlanImport.objects.create(
        filename="small.txt",
        file_path="/nonexistent",
        size=1,
        sha256="x",
        state=ImportState.REVIEW,
        result=payload,
        texts=texts,
        created_by=users["plan_office"],
        unit=users["plan_office"].unit,
    )
    inspection = Inspection.objects.create(
        plan=plan,
        kind="unannounced",
        date=datetime.date(2025, 5, 1),
        place="示例托育点（演示）",
        unit=unit,
        inspector=users["evaluator"],
    )
    finding = Finding.objects.create(inspection=inspection, text="消防通道堵塞（演示）")
    rectification = Rectification.objects.create(
        finding=finding, unit=unit, requirement="清理通道（演示）", deadline=datetime.date(2025, 6, 1)
    )
    case = GoodPracticeCase.objects.create(plan=plan, unit=unit, title="托育服务提质（演示）", body="……")
    round_ = ReportingRound.objects.filter(plan=plan).latest("period_end")
    report = TaskReport.objects.get(round=round_, task__number="（5）", unit=unit)
    evidence = evidence_store(
        actor=None, unit=unit, filename="a.png", data=b"\x89PNG\r\n\x1a\n" + b"0" * 10, report=report
    )
    from gongzhi.assessment.models import ScoreRun
    from gongzhi.assessment.services import manual_item_record

    arun = ScoreRun.objects.get(status="approved", version__scheme__code="child_friendly")
    manual = manual_item_record(
        actor=None,
        scheme=arun.version.scheme,
        unit=unit,
        period=arun.period,
        kind="deduction",
        points=1,
        reason="演示扣分",
        day=datetime.date(2025, 1, 1),
        attachment=("a.png", b"\x89PNG\r\n\x1a\n" + b"0" * 10),
    )

    campaign = factories.done_push_campaign()
    from gongzhi.credit.models_lists import RepairCase

    crev = factories.published_list_revision(eval_year=2015, level="A")
    repair = RepairCase.objects.create(
        uscc="91370306MA3C00000X",
        name="合成数据修复有限公司",
        eval_year=2015,
        condition="late_remedied",
        facts="已补办（演示）",
        applied_on=datetime.date(2016, 6, 1),
    )
    from gongzhi.credit.models import CreditCheck

    ccheck = CreditCheck.objects.create(
        unit=unit,
        uscc="52370306392332142A",
        scenario="procurement",
        checked_at=datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC),
    )
    # the supervision API's writes act on these (issue 16, part 7): a draft with no progress written
    # and an order not yet answered, so that each body is refused after the permission checks
    dreport = factories.TaskReportFactory(round=round_, unit=unit, done_text="", state="draft")
    oorder = factories.SupervisionOrderFactory(
        plan=plan, unit=unit, task=None, issued_by=users["plan_office"]
    )
    return {
        "ccheck": ccheck.pk,
        "campaign": campaign.pk,
        "crev": crev.pk,
        "repair": repair.pk,
        "lead": Lead.objects.filter(assignee__username="shuiwu").first().pk,
        "dlead": Lead.objects.filter(assignee__username="shuiwu", status="dispatched").first().pk,
        "vlead": Lead.objects.filter(assignee__username="shuiwu", status="verifying").first().pk,
        "run": RiskRun.objects.first().pk,
        "inspection": inspection.pk,
        "finding": finding.pk,
        "dreport": dreport.pk,
        "oorder": oorder.pk,
        "rectification": rectification.pk,
        "case": case.pk,
        "round": round_.pk,
        "report": report.pk,
        "evidence": evidence.pk,
        "task5": report.task_id,
        "indicator": Indicator.objects.get(plan=plan, name="每千人口3岁以下婴幼儿托位数").pk,
        "order": SupervisionOrder.objects.filter(unit=unit).first().pk,
        "submission": Submission.objects.exclude(period="2023-01..2025-12")
        .get(dataset__code="real_estate_tx")
        .pk,
        "grant": AccessGrant.objects.filter(state="requested").first().pk,
        "plan": plan.pk,
        "task": plan.nodes.tasks().first().pk,
        "import": plan_import.pk,
        "lesson": _parse_lesson().pk,
        "unit": unit.pk,
        "job": job.pk,
        "user": users["liaison"].pk,
        "token_id": token.pk,
        "group": group.pk,
        "meeting": Meeting.objects.filter(group=group, status="approved").earliest("date").pk,
        "membership": Membership.objects.filter(group=group).first().pk,
        "secret": secret,
        "arun": arun.pk,
        "aunit": unit.pk,
        "manual": manual.pk,
        "attachment": manual.attachment_id,
        "notice": arun.notices.first().pk,
        **_cogov_yearly_matters(users),
        **_cogov_assistance(users),
        **_cogov_grid(),
        **_cogov_enterprise(),
        **_children_register(),
        **_children_councils(),
        "scenario": Scenario.objects.order_by("pk").first().pk,
    }


def _cogov_grid() -> dict:
    """A task of 大街街道's first grid waiting to be dispatched (shuiwu is its tax manager) and a
    photo of another, submitted, one."""
    from gongzhi.cogov import services_grid
    from gongzhi.cogov.demo_grid import _png
    from gongzhi.cogov.models_grid import Grid

    grid = Grid.objects.get(town__name="大街街道", name="第一网格")
    due = datetime.date(2999, 1, 1)
    task = services_grid.task_create(
        actor=None,
        kind="address",
        uscc="91370306MA3GM0001X",
        taxpayer_name="矩阵核查户（演示）",
        grid=grid,
        due_date=due,
        registry={},
    )
    done = services_grid.task_create(
        actor=None,
        kind="address",
        uscc="91370306MA3GM0002X",
        taxpayer_name="矩阵核查户二（演示）",
        grid=grid,
        due_date=due,
        registry={},
    )
    services_grid.task_dispatch(actor=None, task=done)
    findings = [{"item": i, "result": "true"} for i in services_grid.CHECK_ITEMS["address"]]
    services_grid.task_submit(
        actor=None, task=done, findings=findings, location="演示", photos=[("a.png", _png())]
    )
    return {"gtask": task.pk, "gphoto": done.photos.get().pk, "ggrid": grid.pk, "guscc": task.uscc}


def _cogov_assistance(users) -> dict:
    from gongzhi.cogov.models_assistance import AssistanceListItem
    from gongzhi.cogov.services_assistance import lookup_run

    honours = AssistanceListItem.objects.get(code="honours")
    record = lookup_run(actor=users["liaison"], item_code="honours", code="13370306141777630N")
    return {
        "aitem": honours.pk,
        "adraft": honours.versions.get(state="draft").pk,
        "alookup": record.pk,
    }


def _cogov_yearly_matters(users) -> dict:
    from gongzhi.cogov.demo_yearly import DOC_NUMBER
    from gongzhi.cogov.models_yearly import YearlyTaskSet
    from gongzhi.cogov.services_matters import matter_file

    def file(title):
        return matter_file(
            actor=users["liaison"],
            title=title,
            kind="data_sharing",
            urgency="urgent",
            facts="（测试）数据接口调整",
            attachments=[("说明.pdf", b"%PDF-1.4\n%%EOF\n")],
        )

    matter, amatter = file("数据延迟报送（页面）"), file("数据延迟报送（接口）")
    return {
        "yset": YearlyTaskSet.objects.get(document__doc_number=DOC_NUMBER).pk,
        "matter": matter.pk,
        "amatter": amatter.pk,
        "mattach": matter.attachments.get().pk,
    }


def _cogov_enterprise() -> dict:
    """The demo's overdue enterprise request: lead 区卫生健康局 (not answered), co 区税务局 (answered)."""
    from gongzhi.cogov.models_enterprise import EnterpriseRequest

    return {"ereq": EnterpriseRequest.objects.get(content__startswith="流动资金紧张").pk}


def _children_councils() -> dict:
    from gongzhi.children.models import Council, Suggestion

    council = Council.objects.get(name="大街街道第一小学儿童议事会（虚构）")
    return {
        "council": council.pk,
        "member": council.members.first().pk,
        "suggestion": Suggestion.objects.get(text="希望每天有一节课在户外上").pk,
    }


def _children_register() -> dict:
    from gongzhi.children.register.models import ImpactAssessment, ImpactEvidence, Space

    signed = ImpactAssessment.objects.get(state="signed_off")
    evidence = evidence_store(
        actor=None, unit=signed.owner_unit, filename="b.png", data=b"\x89PNG\r\n\x1a\n" + b"0" * 10
    )
    item = ImpactEvidence.objects.create(assessment=signed, evidence=evidence)
    space = Space.objects.get(responsible_unit__name="区教育和体育局", kind="school")
    return {"impact": signed.pk, "impact_evidence": item.pk, "space": space.pk}


def _client(principal: str, world) -> tuple[Client, dict]:
    client = Client()
    headers = {}
    if principal == "token":
        headers = {"Authorization": f"Bearer {world['secret']}"}
    elif principal != "anon":
        client.force_login(User.objects.get(username=USERNAMES[principal]))
    return client, headers


# API routes of these prefixes take a JSON body (issue 16, part 7)
JSON_API_PREFIXES = (
    "api:taxrisk_",
    "api:supervision_",
    "api:inspections_",
    "api:yearly_",
    "api:matters_",
    "api:assistance_",
    "api:enterprise_",
    "api:grid_task_create",
    "api:grid_task_dispatch",
    "api:grid_task_review",
)

POST_DATA = {
    "api:assistance_lookup": {"item": "honours", "code": "13370306141777630N"},
    "api:assistance_outcome": {"outcome": "maybe"},  # not an outcome: 400 for the looking unit
    "api:decision": {"decision": "not_applied", "reason": "演示"},
    "api:taxrisk_lead_dispatch": {"deadline": "2999-01-01"},  # neither officer nor unit: 400
    "api:taxrisk_lead_confirm": {"recovered_tax": "-1", "recovered_date": "2025-06-30"},  # 400
    "api:taxrisk_lead_dismiss": {"reason": "weather", "note": "演示"},  # 400
    "api:taxrisk_lead_contact": {"method": " "},  # 400
    "api:taxrisk_rule_enable": {"enabled": True},
    "api:taxrisk_run_start": {"rules": ["R999X"]},  # no such rule: 404
    "api:supervision_report_save": {"status": "in_progress", "done_text": "", "submit": True},
    "api:supervision_report_review": {"accept": False},  # a draft: 409
    "api:supervision_order_issue": {"unit": 0, "issue": "x", "requirement": "x", "deadline": "2999-01-01"},
    "api:supervision_order_answer": {"answer": " "},  # 400
    "api:supervision_order_escalate": {"note": " ", "deadline": "2999-01-01"},  # 400
    "api:inspections_record": lambda w: {
        "plan": w["plan"],
        "kind": "planned",
        "date": "2999-01-01",  # in the future: 400
        "place": "演示",
        "unit": w["unit"],
    },
    "api:inspections_finding_add": {"text": " "},  # 400
    "api:inspections_rectification_raise": {"unit": 0, "requirement": "x", "deadline": "2999-01-01"},
    "api:inspections_rectification_submit": {"result": " "},  # 400
    "api:yearly_set_create": {"document_id": 0, "year": 2099},  # no such document: 400
    "api:yearly_tasks_add": {"tasks": []},  # the demo set is issued: 409
    "api:grid_task_create": {"kind": "policy", "uscc": "91370306MA3GM0009X", "due_date": "2999-01-01"},
    "api:grid_task_submit": {"findings": "[]", "location": "演示"},
    "api:grid_task_review": {"accept": True},
    "api:enterprise_request_create": {
        "uscc": "5137030660181590XN",
        "enterprise_name": "矩阵企业（演示）",
        "contact_name": "联系人（演示）",
        "contact_phone": "13912345678",
        "kind": "other",
        "content": "权限矩阵登记的诉求（演示）",
    },
    "api:enterprise_request_route": {"lead_unit_id": 0},  # no such unit: 400 for the office
    "api:enterprise_request_answer": {"answer": " "},  # 400 for the units with a part
    "api:enterprise_request_close": {"reply": " "},  # not answered by every unit: 409
    "api:enterprise_request_rate": {"satisfaction": "satisfied"},  # not closed: 409
    "api:matters_file": {"title": " ", "kind": "other", "facts": "x"},  # no title: 400
    "api:matters_assign": {"unit_id": 0},  # no such unit: 400
    "api:matters_close": {"result": " "},  # no result: 400
    "core:set_language": {"language": "zh-hans"},
    "plans:import_decide_unit": {"name": "区卫生健康局", "action": "ignore"},
    "supervision:plan_publicity": {"public": "on"},  # keeps the demo plan public for public:plan_detail
}


@pytest.mark.parametrize("principal", PRINCIPALS)
def test_each_principal_gets_exactly_what_it_should(principal, world):
    leaks = []
    for name, method, template, expected in MATRIX:
        client, headers = _client(principal, world)
        path = template.format(**world)
        data = POST_DATA.get(name, {})
        if callable(data):
            data = data(world)
        if name == "api:parse":
            data = {"file": SimpleUploadedFile("small.txt", SMALL_PLAN.encode())}
        if name == "api:push_value":
            data = {"period_end": "2026-01-31", "value": "3"}
        if name == "api:push_rows":
            data = {"period": "2025-10", "rows": [{"unit_no": "x"}]}
        json_body = name in {"api:push_rows", "api:push_value", "api:decision"} or (
            name.startswith(JSON_API_PREFIXES)
        )
        response = (
            getattr(client, method)(
                path, data, headers=headers, **({"content_type": "application/json"} if json_body else {})
            )
            if method == "post"
            else client.get(path, headers=headers)
        )
        if response.status_code != expected[principal]:
            leaks.append(f"{name} {path}: {response.status_code} (expected {expected[principal]})")
    assert leaks == []


def _parse_lesson():
    from gongzhi.plans.models import ParseLesson

    return ParseLesson.objects.create(kind="not_target", pattern="最高#万元", example="最高500万元（合成）")
