"""Roles and what each may do: the one table of role permissions.

Capabilities are named `<app>.<verb>`; `scope.*` capabilities lift a unit scope (see
`gongzhi.core.permissions.ScopedQuerySet`). Later apps add their capabilities here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("系统管理员")
    PLAN_OFFICE = "plan_office", _("牵头办公室")
    COGOV_OFFICE = "cogov_office", _("共治办")
    LIAISON = "liaison", _("部门联络员")
    TAX_OFFICER = "tax_officer", _("税务核查员")
    LEADER = "leader", _("领导")
    EVALUATOR = "evaluator", _("第三方评估")
    GRID_WORKER = "grid_worker", _("网格员")  # cogov grid part: bound to a town unit and its grids


_ALL = set(Role.values)
_OFFICES = {Role.ADMIN, Role.PLAN_OFFICE, Role.COGOV_OFFICE}

CAPABILITIES: dict[str, set[str]] = {
    # org
    "org.view": _ALL,
    "org.manage_units": {Role.ADMIN},
    "org.create_units": _OFFICES,
    "org.manage_groups": {Role.ADMIN, Role.COGOV_OFFICE, Role.PLAN_OFFICE},
    "org.view_contacts": {Role.ADMIN, Role.COGOV_OFFICE, Role.PLAN_OFFICE, Role.LEADER},
    # plans
    "plans.import": _OFFICES,
    "plans.manage_all": {Role.ADMIN},
    # supervision
    # a plan's monitoring is run by its own office unit (plans.selectors.is_plan_office checks the
    # unit): the co-governance office runs the tax plan and its leading group's meeting decisions
    "supervision.manage": {Role.ADMIN, Role.PLAN_OFFICE, Role.COGOV_OFFICE},
    "supervision.view_all": {Role.ADMIN, Role.PLAN_OFFICE, Role.COGOV_OFFICE, Role.LEADER, Role.EVALUATOR},
    "supervision.report": {Role.ADMIN, Role.LIAISON, Role.PLAN_OFFICE, Role.COGOV_OFFICE, Role.TAX_OFFICER},
    "supervision.inspect": {Role.ADMIN, Role.PLAN_OFFICE, Role.EVALUATOR},
    "supervision.push_values": {Role.ADMIN},
    # exchange
    "exchange.manage_catalog": {Role.ADMIN, Role.COGOV_OFFICE},
    "exchange.view_all_submissions": {Role.ADMIN, Role.COGOV_OFFICE},
    "exchange.submit": {Role.ADMIN, Role.LIAISON, Role.COGOV_OFFICE, Role.TAX_OFFICER, Role.PLAN_OFFICE},
    "exchange.submit_any": {Role.ADMIN},
    "exchange.request_grant": {
        Role.ADMIN,
        Role.LIAISON,
        Role.COGOV_OFFICE,
        Role.TAX_OFFICER,
        Role.PLAN_OFFICE,
    },
    "exchange.decide_grants": {Role.ADMIN, Role.COGOV_OFFICE},
    "exchange.view_quality": {Role.ADMIN, Role.COGOV_OFFICE, Role.LEADER},
    # taxrisk: only the co-governance office and tax officers see leads
    "taxrisk.view_leads": {Role.ADMIN, Role.COGOV_OFFICE, Role.TAX_OFFICER},
    "taxrisk.view_all_leads": {Role.ADMIN, Role.COGOV_OFFICE},
    "taxrisk.manage_rules": {Role.ADMIN, Role.COGOV_OFFICE},
    "taxrisk.run": {Role.ADMIN, Role.COGOV_OFFICE},
    "taxrisk.dispatch": {Role.ADMIN, Role.COGOV_OFFICE},
    "taxrisk.verify": {Role.ADMIN, Role.COGOV_OFFICE, Role.TAX_OFFICER},
    # credit (issue 13): ratings, A/D lists, joint measures, repair, policy push
    "credit.view": {Role.ADMIN, Role.COGOV_OFFICE, Role.TAX_OFFICER, Role.LEADER},
    "credit.manage": {Role.ADMIN, Role.COGOV_OFFICE, Role.TAX_OFFICER},
    "credit.approve_list": {Role.ADMIN, Role.COGOV_OFFICE, Role.TAX_OFFICER},
    "credit.check": {Role.ADMIN, Role.LIAISON, Role.COGOV_OFFICE, Role.TAX_OFFICER, Role.PLAN_OFFICE},
    "credit.view_ledger": {Role.ADMIN, Role.COGOV_OFFICE, Role.LEADER},
    "credit.push": {Role.ADMIN, Role.COGOV_OFFICE, Role.TAX_OFFICER},
    # assessment (issue 15): schemes, scores, appeals, notices (通报)
    "assessment.view_all": {Role.ADMIN, Role.COGOV_OFFICE, Role.PLAN_OFFICE, Role.LEADER},
    "assessment.view_own": {
        Role.ADMIN,
        Role.LIAISON,
        Role.TAX_OFFICER,
        Role.COGOV_OFFICE,
        Role.PLAN_OFFICE,
        Role.LEADER,
    },
    "assessment.manage": {Role.ADMIN, Role.COGOV_OFFICE, Role.PLAN_OFFICE},
    "assessment.approve": {Role.ADMIN, Role.COGOV_OFFICE, Role.PLAN_OFFICE},
    "assessment.appeal": {Role.ADMIN, Role.LIAISON, Role.TAX_OFFICER},
    # meetings (issue 15): joint meetings, minutes, decisions as supervised tasks
    "meetings.view": {
        Role.ADMIN,
        Role.COGOV_OFFICE,
        Role.PLAN_OFFICE,
        Role.LEADER,
        Role.LIAISON,
        Role.TAX_OFFICER,
    },
    "meetings.manage": {Role.ADMIN, Role.COGOV_OFFICE, Role.PLAN_OFFICE},
    "meetings.view_all": {Role.ADMIN, Role.LEADER},
    # economy (issue 14): revenue cube, structure, burden, forecasts, what-if; aggregates for the
    # leader, taxpayers behind a figure only for the offices that work on them
    "economy.view": {Role.ADMIN, Role.COGOV_OFFICE, Role.TAX_OFFICER, Role.LEADER},
    "economy.view_taxpayers": {Role.ADMIN, Role.COGOV_OFFICE, Role.TAX_OFFICER},
    "economy.manage": {Role.ADMIN, Role.COGOV_OFFICE},
    # children (issue 17): councils (members only for the council's facilitator unit and the
    # women-and-children's office: selectors check the unit), suggestions, impact assessments
    "children.view": {Role.ADMIN, Role.PLAN_OFFICE, Role.LIAISON, Role.LEADER, Role.EVALUATOR},
    "children.manage": {Role.ADMIN, Role.PLAN_OFFICE},
    "children.facilitate": {Role.ADMIN, Role.PLAN_OFFICE, Role.LIAISON},
    "children.answer": {Role.ADMIN, Role.PLAN_OFFICE, Role.LIAISON, Role.COGOV_OFFICE, Role.TAX_OFFICER},
    "children.assess_impact": {Role.ADMIN, Role.PLAN_OFFICE, Role.LIAISON},
    # funding per plan task and the evaluator's evidence bundle (issue 17)
    "supervision.manage_funding": {Role.ADMIN, Role.PLAN_OFFICE, Role.COGOV_OFFICE},
    "supervision.bundle": {Role.ADMIN, Role.PLAN_OFFICE, Role.EVALUATOR},
    # cogov, grid part (issue 16, 网格联动): grids, grid workers, verification tasks. A grid worker
    # sees the tasks of his grids, a tax manager (税收管理员: a tax officer) those of the grids he
    # manages, a town liaison its town's grids (read-only): cogov.selectors_grid scopes the rows
    "cogov.grid_view": {
        Role.ADMIN,
        Role.COGOV_OFFICE,
        Role.TAX_OFFICER,
        Role.GRID_WORKER,
        Role.LIAISON,
        Role.LEADER,
    },
    "cogov.grid_view_all": {Role.ADMIN, Role.COGOV_OFFICE, Role.LEADER},
    "cogov.grid_manage": {Role.ADMIN, Role.COGOV_OFFICE},
    "cogov.grid_create": {Role.ADMIN, Role.COGOV_OFFICE, Role.TAX_OFFICER},
    "cogov.grid_work": {Role.ADMIN, Role.GRID_WORKER},
    "cogov.grid_review": {Role.ADMIN, Role.TAX_OFFICER},
    # cogov, assistance part (issue 16, 税费协助事项清单): the office drafts, approves, changes and
    # retires items; a department sees and looks up the items that apply to its unit and records
    # the outcome; the ledger of every unit for the office and the leader (a unit sees its own)
    "cogov.assistance_manage": {Role.ADMIN, Role.COGOV_OFFICE},
    "cogov.assistance_view": {
        Role.ADMIN,
        Role.LIAISON,
        Role.COGOV_OFFICE,
        Role.TAX_OFFICER,
        Role.PLAN_OFFICE,
        Role.LEADER,
    },
    "cogov.assistance_view_all": {Role.ADMIN, Role.COGOV_OFFICE, Role.TAX_OFFICER, Role.LEADER},
    "cogov.assistance_lookup": {
        Role.ADMIN,
        Role.LIAISON,
        Role.COGOV_OFFICE,
        Role.TAX_OFFICER,
        Role.PLAN_OFFICE,
    },
    "cogov.assistance_ledger_all": {Role.ADMIN, Role.COGOV_OFFICE, Role.LEADER},
    # cogov, yearly part (issue 16, 三、（四）年度任务): the office breaks a document's tasks into each
    # unit's yearly tasks and issues them; the office and the leader see every unit's, a unit its own
    "cogov.yearly_manage": {Role.ADMIN, Role.COGOV_OFFICE},
    "cogov.yearly_view_all": {Role.ADMIN, Role.COGOV_OFFICE, Role.LEADER},
    "cogov.yearly_view": {Role.ADMIN, Role.COGOV_OFFICE, Role.LEADER, Role.LIAISON, Role.TAX_OFFICER},
    # cogov, matters part (issue 16, 二、（二）重要事项报告): any unit files; the office acknowledges,
    # assigns and closes; the office and the leader see all, a unit what it filed or was assigned
    "cogov.matters_file": {
        Role.ADMIN,
        Role.LIAISON,
        Role.COGOV_OFFICE,
        Role.TAX_OFFICER,
        Role.PLAN_OFFICE,
    },
    "cogov.matters_handle": {Role.ADMIN, Role.COGOV_OFFICE},
    "cogov.matters_view_all": {Role.ADMIN, Role.COGOV_OFFICE, Role.LEADER},
    "cogov.matters_view": {
        Role.ADMIN,
        Role.LIAISON,
        Role.COGOV_OFFICE,
        Role.TAX_OFFICER,
        Role.PLAN_OFFICE,
        Role.LEADER,
    },
    # cogov, enterprise part (issue 16, 企业诉求 一站式服务通道): a department, a tax officer or a
    # grid worker enters a request (the public form needs no login); the office routes it to a
    # lead unit and co-units, records the call-back rating and sees every request; a unit sees and
    # answers what is routed to it (cogov.selectors_enterprise scopes the rows); the counts by unit
    # and type for the office and the leader
    "cogov.enterprise_enter": {
        Role.ADMIN,
        Role.COGOV_OFFICE,
        Role.LIAISON,
        Role.TAX_OFFICER,
        Role.GRID_WORKER,
    },
    "cogov.enterprise_view": {
        Role.ADMIN,
        Role.COGOV_OFFICE,
        Role.LIAISON,
        Role.TAX_OFFICER,
        Role.GRID_WORKER,
        Role.LEADER,
    },
    "cogov.enterprise_view_all": {Role.ADMIN, Role.COGOV_OFFICE, Role.LEADER},
    "cogov.enterprise_route": {Role.ADMIN, Role.COGOV_OFFICE},
    "cogov.enterprise_answer": {Role.ADMIN, Role.COGOV_OFFICE, Role.LIAISON, Role.TAX_OFFICER},
    "cogov.enterprise_contacts": {Role.ADMIN, Role.COGOV_OFFICE},
    "cogov.enterprise_stats": {Role.ADMIN, Role.COGOV_OFFICE, Role.LEADER},
    # workspace (issue 16 part 6): the leader's view of the tax-fee work (税费共治概览), its
    # figures district-wide and its list of the leads behind them (no taxpayer named)
    "workspace.view_taxfee": {Role.ADMIN, Role.COGOV_OFFICE, Role.LEADER},
    # accounts
    "accounts.manage_users": {Role.ADMIN},
    "accounts.manage_tokens": {Role.ADMIN},
    # core
    "audit.view": {Role.ADMIN},
    "jobs.view_all": {Role.ADMIN},
    # row scope: unit-owned data of every unit (workspaces, jobs)
    "scope.all": {Role.ADMIN},
    "scope.unit_workspace_all": {Role.ADMIN, Role.COGOV_OFFICE, Role.PLAN_OFFICE},
}


def role_has(role: str, capability: str) -> bool:
    return role in CAPABILITIES.get(capability, set())
