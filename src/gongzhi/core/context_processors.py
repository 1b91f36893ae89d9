from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (label, url name, capability or None, icon). Only what is built is listed.
NAV_ITEMS = [
    (_("首页"), "core:home", None, "house"),
    (_("单位"), "org:unit_list", "org.view", "diagram-3"),
    (_("议事协调机构"), "org:group_list", "org.view", "people"),
    (_("用户"), "accounts:user_list", "accounts.manage_users", "person-badge"),
    (_("接口令牌"), "accounts:token_list", "accounts.manage_tokens", "key"),
    (_("后台任务"), "core:job_list", None, "hourglass-split"),
    (_("审计日志"), "core:audit_list", "audit.view", "journal-text"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    path = request.path
    items = []
    for label, name, capability, icon in NAV_ITEMS:
        if capability and not user.has_capability(capability):
            continue
        url = reverse(name)
        active = path == url if url == "/" else path.startswith(url)
        items.append({"label": label, "url": url, "icon": icon, "active": active})
    return {"nav_items": items}
