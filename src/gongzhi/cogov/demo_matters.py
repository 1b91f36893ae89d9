"""Demo: two important-matter reports (演示): one open and past its acknowledgement day, one
acknowledged, assigned and closed. Filed through the services (audit trail), then dated back."""

import datetime

from gongzhi.cogov import services_matters as services
from gongzhi.cogov.models_matters import ImportantMatter, MatterKind, MatterUrgency
from gongzhi.org.models import Unit

OPEN_TITLE = "医疗机构执业登记数据接口调整，本月数据将延迟报送（演示）"
CLOSED_TITLE = "某制造企业拟整体迁出本区，涉及年度税收约800万元（演示）"


def load(*, today: datetime.date) -> list[str]:
    units = {u.name: u for u in Unit.objects.filter(name__in=["区卫生健康局", "区税务局", "区发展改革局"])}
    if len(units) < 3:
        return []
    lines = []
    if not ImportantMatter.objects.filter(title=OPEN_TITLE).exists():
        matter = services.matter_file(
            actor=None,
            unit=units["区卫生健康局"],
            title=OPEN_TITLE,
            kind=MatterKind.DATA_SHARING,
            urgency=MatterUrgency.URGENT,
            facts="（演示数据）因业务系统升级，医疗机构执业登记变动数据接口调整，本月数据预计延迟5个工作日报送。",
        )
        filed = today - datetime.timedelta(days=7)
        ImportantMatter.objects.filter(pk=matter.pk).update(
            filed_on=filed, due_date=services.ack_due(filed, MatterUrgency.URGENT)
        )
        lines.append("重要事项：1件待签收（已逾期，演示）")
    if not ImportantMatter.objects.filter(title=CLOSED_TITLE).exists():
        matter = services.matter_file(
            actor=None,
            unit=units["区税务局"],
            title=CLOSED_TITLE,
            kind=MatterKind.TAX_SOURCE,
            urgency=MatterUrgency.CRITICAL,
            facts="（演示数据）税源监控发现某制造企业（虚构）拟将生产基地整体迁出本区，涉及年度税收约800万元。",
        )
        services.matter_acknowledge(actor=None, matter=matter)
        services.matter_assign(
            actor=None,
            matter=matter,
            unit=units["区发展改革局"],
            deadline=today,
            note="（演示数据）请会同属地镇街走访企业，了解迁出原因并研究帮扶措施。",
        )
        services.matter_close(
            actor=None,
            matter=matter,
            result="（演示数据）已走访企业并协调解决用地问题，企业暂缓迁出。",
        )
        filed = today - datetime.timedelta(days=30)
        ImportantMatter.objects.filter(pk=matter.pk).update(
            filed_on=filed,
            due_date=services.ack_due(filed, MatterUrgency.CRITICAL),
            acknowledged_on=filed,
            assigned_on=filed + datetime.timedelta(days=1),
            deadline=filed + datetime.timedelta(days=15),
            closed_on=filed + datetime.timedelta(days=12),
        )
        lines.append("重要事项：1件已办结（演示）")
    return lines
