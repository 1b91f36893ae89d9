from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Sections of the side menu: (title or None, [(label, url name, capability or None, icon)]).
# Only what is built is listed; a section none of whose items the user may open is not shown.
NAV_SECTIONS = [
    (None, [(_("首页"), "workspace:home", None, "house")]),
    (
        _("任务督办"),
        [
            (_("政策文件"), "plans:plan_list", None, "file-earmark-text"),
            (_("本单位任务"), "plans:my_tasks", None, "list-check"),
            (_("待办报送"), "supervision:todo", "supervision.report", "inbox"),
            (_("督办单"), "supervision:order_list", None, "flag"),
            (_("联席会议"), "meetings:meeting_list", "meetings.view", "calendar-event"),
            (_("督查检查"), "inspections:inspection_list", None, "binoculars"),
            (_("整改事项"), "inspections:rectification_list", None, "tools"),
            (_("工作案例"), "inspections:case_list", None, "award"),
            (_("部门考核"), "assessment:scheme_list", "assessment.view_own", "bar-chart-line"),
        ],
    ),
    (
        _("儿童友好"),
        [
            (_("儿童议事会"), "children:council_list", "children.view", "people-fill"),
            (_("儿童建议"), "children:suggestion_list", "children.view", "chat-heart"),
            (_("儿童影响评价"), "children:impact_list", "children.view", "clipboard-check"),
            (_("儿童友好空间"), "children:space_list", "children.view", "geo-alt"),
        ],
    ),
    (
        _("数据共享"),
        [
            (_("数据需求清单"), "exchange:catalog", None, "database"),
            (_("报送记录"), "exchange:submission_list", None, "cloud-upload"),
            (_("报送质量"), "exchange:quality", "exchange.view_quality", "clipboard-data"),
            (_("使用授权"), "exchange:grant_list", None, "shield-check"),
            (_("数据运用反馈"), "workspace:data_feedback", None, "arrow-repeat"),
        ],
    ),
    (
        _("税费共治"),
        [
            # cogov: each part adds its entries here (assistance, grid, yearly, matters, enterprise)
            (_("协助事项清单"), "cogov:assistance_item_list", "cogov.assistance_view", "card-checklist"),
            (_("涉税查验"), "cogov:assistance_lookup", "cogov.assistance_lookup", "search"),
            (_("查验台账"), "cogov:assistance_ledger", "cogov.assistance_view", "journal-check"),
            (_("网格核查"), "cogov:grid_task_list", "cogov.grid_view", "geo-alt"),
            (_("企业诉求"), "cogov:enterprise_list", "cogov.enterprise_view", "building"),
            (_("年度任务分解"), "cogov:yearly_set_list", "cogov.yearly_view_all", "calendar-check"),
            (_("年度任务"), "cogov:yearly_mine", "cogov.yearly_view", "list-task"),
            (_("重要事项报告"), "cogov:matters_list", "cogov.matters_view", "megaphone"),
            (_("税费共治概览"), "workspace:taxfee", "workspace.view_taxfee", "speedometer2"),
        ],
    ),
    (
        _("风险与信用"),
        [
            (_("风险疑点"), "taxrisk:lead_list", "taxrisk.view_leads", "exclamation-triangle"),
            (_("风险规则"), "taxrisk:rule_list", "taxrisk.view_leads", "funnel"),
            (_("分析运行"), "taxrisk:run_list", "taxrisk.view_leads", "play-circle"),
            (_("信用名单"), "credit:list_home", "credit.view", "patch-check"),
            (_("信用记录"), "credit:ratings", "credit.view", "person-vcard"),
            (_("信用核查"), "credit:check", "credit.check", "person-check"),
            (_("联合奖惩台账"), "credit:ledger", "credit.view_ledger", "journal-check"),
            (_("政策推送"), "credit:push_home", "credit.push", "send"),
        ],
    ),
    (
        _("经济分析"),
        [
            (_("收入分析"), "economy:revenue", "economy.view", "graph-up"),
            (_("税源结构"), "economy:structure", "economy.view", "pie-chart"),
            (_("行业税负"), "economy:burden", "economy.view", "percent"),
            (_("收入预测"), "economy:forecast", "economy.view", "graph-up-arrow"),
            (_("政策测算"), "economy:whatif", "economy.view", "sliders"),
        ],
    ),
    (
        _("系统管理"),
        [
            (_("单位"), "org:unit_list", "org.view", "diagram-3"),
            (_("议事协调机构"), "org:group_list", "org.view", "people"),
            (_("用户"), "accounts:user_list", "accounts.manage_users", "person-badge"),
            (_("接口令牌"), "accounts:token_list", "accounts.manage_tokens", "key"),
            (_("后台任务"), "core:job_list", None, "hourglass-split"),
            (_("审计日志"), "core:audit_list", "audit.view", "journal-text"),
        ],
    ),
]
NAV_ITEMS = [item for _title, items in NAV_SECTIONS for item in items]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_sections": []}
    path = request.path
    items, sections = [], []
    for title, entries in NAV_SECTIONS:
        shown = []
        for label, name, capability, icon in entries:
            if capability and not user.has_capability(capability):
                continue
            shown.append({"label": label, "url": reverse(name), "icon": icon, "active": False})
        if shown:
            sections.append({"title": title, "items": shown})
            items.extend(shown)
    # the longest URL that prefixes the path is the current section
    matches = [i for i in items if path == i["url"] or (i["url"] != "/" and path.startswith(i["url"]))]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["active"] = True
    return {"nav_items": items, "nav_sections": sections}
