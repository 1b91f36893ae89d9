"""Demo data (synthetic, labelled 虚构) for `gongzhi demo`: see demo/loaders.py for the order.

Two saved policy what-if scenarios, computed through the warehouse on the demo's synthetic
declarations and payments of 2024 (the year the tax-risk demo declares): the small-scale VAT
threshold raised from 10万 to 15万 a month, and the VAT rate of manufacturing (门类 C) cut by one
point. Idempotent: a scenario of the same name is left as it is."""

import datetime

from gongzhi.core.exceptions import ApplicationError
from gongzhi.economy.models import Scenario
from gongzhi.economy.whatif_services import scenario_save

BASE = ("2024-01", "2024-12")
SCENARIOS = [
    {
        "name": "小规模纳税人起征点由10万元提高到15万元（演示，虚构数据）",
        "description": "演示：按2024年各月申报销售额，测算月销售额10万元至15万元之间的小规模纳税人免征增值税的影响。",
        "changes": [{"kind": "threshold", "old": "100000", "new": "150000"}],
    },
    {
        "name": "制造业增值税税率下调1个百分点（演示，虚构数据）",
        "description": "演示：制造业（门类C）增值税税率由13%下调为12%，按2024年所属期已缴增值税测算。",
        "changes": [{"kind": "rate", "tax_type": "增值税", "old": "13", "new": "12", "sections": ["C"]}],
    },
]


def load(*, today: datetime.date) -> list[str]:
    if today.isoformat()[:7] <= BASE[1]:  # the base year has not ended on the reference day
        return [f"政策测算：参考日早于基期（{BASE[0]}至{BASE[1]}）结束，未载入演示测算"]
    lines = []
    for item in SCENARIOS:
        if Scenario.objects.filter(name=item["name"]).exists():
            lines.append(f"政策测算：{item['name']}（已存在）")
            continue
        try:
            scenario = scenario_save(actor=None, period_from=BASE[0], period_to=BASE[1], **item)
        except ApplicationError as exc:  # the demo's shared data are not there (e.g. no catalog)
            lines.append(f"政策测算：{item['name']}未测算：{exc.message}")
            continue
        lines.append(f"政策测算：{scenario.name}，影响{scenario.result['total']['effect']}元")
    return lines
