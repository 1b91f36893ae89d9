"""`gongzhi taxrisk run [--engine duckdb|spark] [--rules R01,R02] [--period-from YYYY-MM --period-to YYYY-MM] --json`."""

import json

from django.core.management.base import BaseCommand, CommandError

from gongzhi.core.exceptions import ApplicationError
from gongzhi.taxrisk.models import Lead


class Command(BaseCommand):
    help = "税收风险分析：run 运行规则（结果存为疑点，去重）；sync-rules 同步内置规则"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="在当前共享数据上运行规则")
        run.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
        run.add_argument("--rules", default="", help="逗号分隔的规则编号，如 R01,R02（默认：全部启用的规则）")
        run.add_argument("--period-from", default="")
        run.add_argument("--period-to", default="")
        run.add_argument("--json", action="store_true")
        sub.add_parser("sync-rules", help="把内置规则文件同步到数据库")

    def handle(self, *args, action: str, **options):
        # the rule engine (DuckDB, SQLGlot): imported when the command runs, so its start stays fast
        from gongzhi.taxrisk.services import rules_sync, run_start

        rules_sync()
        if action == "sync-rules":
            self.stdout.write("内置规则已同步")
            return
        codes = [c.strip().upper() for c in options["rules"].split(",") if c.strip()]
        try:
            run = run_start(
                actor=None,
                engine=options["engine"],
                rules=codes,
                period_from=options["period_from"],
                period_to=options["period_to"],
                background=False,
            )
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        leads = (
            Lead.objects.filter(last_run=run).select_related("rule").order_by("rule__code", "uscc", "period")
        )
        payload = {
            "run": run.pk,
            "leads": [
                {
                    "rule": lead.rule.code,
                    "uscc": lead.uscc or None,
                    "person": lead.person or None,
                    "period": lead.period,
                    "tax_at_risk": float(lead.tax_at_risk) if lead.tax_at_risk is not None else None,
                    "evidence": lead.evidence,
                }
                for lead in leads
            ],
            "seconds": run.seconds,
            "errors": run.errors,
        }
        if options["json"]:
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
        else:
            self.stdout.write(f"运行#{run.pk}：{run.lead_count}条疑点（新增{run.new_leads}条）")
            for code, message in run.errors.items():
                self.stderr.write(f"{code}：{message}")
