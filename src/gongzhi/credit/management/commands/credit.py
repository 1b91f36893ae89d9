"""`gongzhi credit lists --year YYYY --json` and `gongzhi credit check --uscc CODE --scenario SCENARIO --json`.

With --json only the JSON document goes to stdout (errors go to stderr with exit status 1).
"""

import json

from django.core.management.base import BaseCommand, CommandError

from gongzhi.core.exceptions import ApplicationError
from gongzhi.credit.choices import CheckChannel


def lists_payload(year: int) -> dict:
    # reads shared data (DuckDB): imported when the command runs, so its start stays fast
    from gongzhi.credit import selectors

    ratings = selectors.current_ratings(year, purpose="命令行：纳税信用A级、D级名单")
    return {
        "year": year,
        "A": [{"uscc": r.uscc, "name": r.name} for r in ratings if r.level == "A"],
        "D": [
            {"uscc": r.uscc, "name": r.name, "reason": r.d_reason or None} for r in ratings if r.level == "D"
        ],
    }


def check_payload(check) -> dict:
    return {
        "uscc": check.uscc,
        "level": check.level or None,
        "eval_year": check.eval_year,
        "measures": [
            {"code": m.code, "kind": m.kind, "text": m.text, "legal_basis": m.legal_basis}
            for m in check.measures.order_by("kind", "code")
        ],
    }


class Command(BaseCommand):
    help = "纳税信用：lists 当前A级、D级名单；check 联合奖惩信用核查"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="area", required=True)
        lists = sub.add_parser("lists", help="某评价年度的当前A级、D级纳税人（每个纳税人取最新报送）")
        lists.add_argument("--year", type=int, required=True)
        lists.add_argument("--json", action="store_true")
        check = sub.add_parser("check", help="联合奖惩信用核查：信用级别及适用措施")
        check.add_argument("--uscc", required=True)
        check.add_argument("--scenario", required=True)
        check.add_argument("--json", action="store_true")

    def handle(self, *args, area: str, **options):
        try:
            if area == "lists":
                self._lists(options)
            elif area == "check":
                self._check(options)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc

    def _lists(self, options):
        payload = lists_payload(options["year"])
        if options["json"]:
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        self.stdout.write(f"{payload['year']}年度 A级{len(payload['A'])}户，D级{len(payload['D'])}户")
        for level in ("A", "D"):
            for row in payload[level]:
                reason = f"（{row['reason']}）" if row.get("reason") else ""
                self.stdout.write(f"  {level} {row['uscc']} {row['name']}{reason}")

    def _check(self, options):
        # reads shared data (DuckDB): imported when the command runs, so its start stays fast
        from gongzhi.credit import services

        check = services.check_run(
            actor=None, uscc=options["uscc"], scenario=options["scenario"], channel=CheckChannel.COMMAND
        )
        payload = check_payload(check)
        if options["json"]:
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        if payload["level"] is None:
            self.stdout.write(f"{payload['uscc']}：暂无纳税信用评价结果，无适用措施")
            return
        self.stdout.write(f"{payload['uscc']}：{payload['eval_year']}年度纳税信用{payload['level']}级")
        for m in payload["measures"]:
            self.stdout.write(f"  {m['code']} {m['text']}（{m['legal_basis']}）")
