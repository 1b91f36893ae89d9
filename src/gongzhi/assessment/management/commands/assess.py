"""`gongzhi assess schemes --json` and `gongzhi assess score --scheme CODE --period P --json`."""

import json

from django.core.management.base import BaseCommand, CommandError

from gongzhi.assessment.choices import RunStatus
from gongzhi.assessment.models import Scheme, ScoreRun
from gongzhi.assessment.selectors import run_payload
from gongzhi.assessment.services import (
    ensure_default_schemes,
    period_check,
    scheme_periods,
    score_compute,
)
from gongzhi.core.exceptions import ApplicationError


class Command(BaseCommand):
    help = "部门考核：schemes 列出考核办法及有数据的期间；score 计算（或读取已审定的）某期间得分"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        schemes = sub.add_parser("schemes", help="考核办法及有数据的考核期间")
        schemes.add_argument("--json", action="store_true")
        score = sub.add_parser("score", help="某考核办法某期间的得分、排名和失分依据")
        score.add_argument("--scheme", required=True, help="考核办法代码，如 cogov、child_friendly")
        score.add_argument("--period", required=True, help="考核期间，如 2025H1、2025H2、2025")
        score.add_argument("--json", action="store_true")

    def handle(self, *args, action: str, **options):
        ensure_default_schemes()
        if action == "schemes":
            payload = {
                "schemes": [
                    {"code": s.code, "name": s.name, "periods": [p.text for p in scheme_periods(s)]}
                    for s in Scheme.objects.order_by("code")
                ]
            }
            if options["json"]:
                self.stdout.write(json.dumps(payload, ensure_ascii=False))
            else:
                for s in payload["schemes"]:
                    self.stdout.write(f"{s['code']}  {s['name']}  {'、'.join(s['periods']) or '暂无数据'}")
            return
        scheme = Scheme.objects.filter(code=options["scheme"]).first()
        if scheme is None:
            codes = "、".join(Scheme.objects.order_by("code").values_list("code", flat=True))
            raise CommandError(f"考核办法“{options['scheme']}”不存在（可用：{codes}）")
        try:
            period = period_check(scheme, options["period"])
            run = (
                ScoreRun.objects.filter(version=scheme.current, period=period.text, status=RunStatus.APPROVED)
                .order_by("-approved_at")
                .first()
            ) or score_compute(actor=None, scheme=scheme, period=period)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        payload = run_payload(run)
        if options["json"]:
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
        else:
            self.stdout.write(f"{scheme.name} {period.label}（第{run.pk}次评分）")
            for u in payload["units"]:
                self.stdout.write(f"{u['rank']:>3}  {u['score']:>6}  {u['unit']}")
