"""Demo: the two reference documents imported as plans (the documents are public: 此件公开发布)."""

import datetime
import hashlib
from pathlib import Path

from gongzhi.accounts.models import User
from gongzhi.core import clock
from gongzhi.org.models import Unit
from gongzhi.plans.models import PolicyDocument
from gongzhi.plans.services import plan_parse
from gongzhi.plans.storing import plan_store

SOURCE = Path(__file__).parent / "data" / "zhoucun_2023_reference.txt"
OFFICES = {"周政办字〔2023〕8号": "区妇儿工委办公室", "周政办字〔2023〕10号": "区财政局"}


def load(*, today: datetime.date) -> list[str]:
    data = SOURCE.read_bytes()
    payload = plan_parse(data=data, filename=SOURCE.name)
    lines = []
    for position, doc in enumerate(payload["documents"]):
        document = PolicyDocument.objects.filter(doc_number=doc["doc_number"]).first()
        if document is None:
            office = Unit.objects.get(name=OFFICES.get(doc["doc_number"], "周村区人民政府办公室"))
            document, _ = plan_store(
                actor=None,
                doc=doc,
                text=payload["texts"][position],
                filename=SOURCE.name,
                sha256=hashlib.sha256(data).hexdigest(),
                office_unit=office,
            )
        lines.append(
            f"方案：{document.doc_number} {document.title}（{document.nodes.tasks().current().count()}项任务）"
        )
    child_plan = PolicyDocument.objects.filter(doc_number="周政办字〔2023〕8号").first()
    evaluator = User.objects.filter(username="pinggu").first()
    if child_plan and evaluator:
        child_plan.evaluators.add(evaluator)
    if child_plan and child_plan.set_up_at is None:  # its office, evaluator and start are the demo's
        child_plan.set_up_at = clock.now()
        child_plan.save(update_fields=["set_up_at", "updated_at"])
    return lines
