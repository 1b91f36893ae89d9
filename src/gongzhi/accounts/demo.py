"""Demo users, one per role (synthetic; all share the demo password)."""

import datetime

from gongzhi.accounts.models import User
from gongzhi.accounts.services import user_create
from gongzhi.core.roles import Role
from gongzhi.org.models import Unit

DEMO_USERS = [
    # username, full name, unit, role
    ("admin", "系统管理员（演示）", "周村区人民政府办公室", Role.ADMIN),
    ("fuer", "妇儿工委办（演示）", "区妇儿工委办公室", Role.PLAN_OFFICE),
    ("gongzhi", "共治办（演示）", "区财政局", Role.COGOV_OFFICE),
    ("weijian", "卫健局联络员（演示）", "区卫生健康局", Role.LIAISON),
    ("jiaoti", "教体局联络员（演示）", "区教育和体育局", Role.LIAISON),
    ("shuiwu", "税务核查员（演示）", "区税务局", Role.TAX_OFFICER),
    ("lingdao", "区领导（演示）", "周村区人民政府", Role.LEADER),
    ("pinggu", "第三方评估（演示）", "区妇儿工委办公室", Role.EVALUATOR),
]

DEMO_PASSWORD = "gongzhi-demo-2025"


def load(*, today: datetime.date) -> list[str]:
    lines = [f"演示账号（密码均为 {DEMO_PASSWORD}）："]
    for username, full_name, unit_name, role in DEMO_USERS:
        if not User.objects.filter(username=username).exists():
            user_create(
                actor=None,
                username=username,
                password=DEMO_PASSWORD,
                full_name=full_name,
                unit=Unit.objects.get(name=unit_name),
                role=role,
                must_change_password=False,
                synthetic=True,
            )
        lines.append(f"  {username:<8} {Role(role).label:<6} {unit_name}")
    return lines
