"""`gongzhi plan parse FILE --json`, `gongzhi plan import FILE [--create-units]` and
`gongzhi plan status DOC_NUMBER --json [--as-of YYYY-MM-DD]` and
`gongzhi plan bundle DOC_NUMBER --out FILE.zip` (the evaluator's evidence bundle).

It lives in supervision, not plans, because `status` reports monitoring (supervision sits above
plans); Django finds a command in any installed app.
"""

import hashlib
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.params import BadParameter, parse_date
from gongzhi.org.kinds import guess_unit_kind
from gongzhi.org.matching import UnitIndex
from gongzhi.org.models import Unit
from gongzhi.org.services import unit_create
from gongzhi.plans.models import PolicyDocument

# The parser (its patterns cost ~80 ms to compile), the storing and the monitoring are imported by
# the subcommand that uses them: `gongzhi plan --help` and `plan status` start without them.


class Command(BaseCommand):
    help = "政策文件：parse 解析（不保存）；import 导入为方案"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        parse = sub.add_parser("parse", help="解析文件并输出结果，不保存")
        parse.add_argument("file")
        parse.add_argument("--json", action="store_true", help="以 JSON 输出（默认输出摘要）")
        imp = sub.add_parser("import", help="解析并保存为方案；未知单位时列出并停止")
        imp.add_argument("file")
        imp.add_argument("--create-units", action="store_true", help="把不在名录中的单位新建为单位")
        imp.add_argument("--office-unit", default="", help="牵头办公室所在单位（默认：发文机关，或不填）")
        status = sub.add_parser("status", help="方案各任务的进展与预警")
        status.add_argument("doc_number")
        status.add_argument("--json", action="store_true")
        status.add_argument("--as-of", default="", help="按某一天判断（YYYY-MM-DD，默认今天）")
        bundle = sub.add_parser("bundle", help="生成方案的评估证据包（zip，含 manifest.json）")
        bundle.add_argument("doc_number")
        bundle.add_argument("--out", required=True, help="输出文件（.zip）")
        self._sub = sub

    def _read(self, file: str) -> tuple[bytes, str]:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        return path.read_bytes(), path.name

    def handle(self, *args, action: str, **options):
        if action == "status":
            return self._status(options)
        if action == "bundle":
            return self._bundle(options)
        from gongzhi.plans.services import plan_parse
        from gongzhi.plans.storing import plan_store

        data, filename = self._read(options["file"])
        try:
            payload = plan_parse(data=data, filename=filename)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        texts = payload.pop("texts")
        if action == "parse":
            if options["json"]:
                self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))
            else:
                for doc in payload["documents"]:
                    self.stdout.write(
                        f"{doc['doc_number'] or '（无文号）'} {doc['title']}：{len(doc['tasks'])}项任务"
                    )
            return
        sha = hashlib.sha256(data).hexdigest()
        for position, doc in enumerate(payload["documents"]):
            office = self._office_unit(options["office_unit"], doc, create=options["create_units"])
            try:
                document, changes = plan_store(
                    actor=None,
                    doc=doc,
                    text=texts[position],
                    filename=filename,
                    sha256=sha,
                    office_unit=office,
                    create_units=options["create_units"],
                )
            except ApplicationError as exc:
                unknown = exc.extra.get("unknown")
                if unknown:
                    for name in unknown:
                        self.stderr.write(f"未知单位：{name}")
                    raise CommandError(f"{exc.message}（可加 --create-units 新建这些单位）") from exc
                raise CommandError(exc.message) from exc
            if changes:
                verb = f"已修订为第{document.revision}版（{len(changes)}处变更）"
            elif document.source_sha256 == sha and document.created_at < document.updated_at:
                verb = "文件未变化，无需修订"
            else:
                verb = "已导入"
            self.stdout.write(f"{verb}：{document}，{document.nodes.tasks().current().count()}项任务")

    def _status(self, options) -> None:
        from gongzhi.supervision.monitoring import plan_status_json

        try:
            as_of = parse_date(options["as_of"].strip(), "--as-of") if options["as_of"].strip() else None
        except BadParameter as exc:
            raise CommandError(f"--as-of {exc.reason}") from exc
        plan = PolicyDocument.objects.filter(doc_number=options["doc_number"].strip()).first()
        if plan is None:
            raise CommandError(f"没有文号为“{options['doc_number']}”的方案")
        payload = plan_status_json(plan=plan, as_of=as_of)
        if options["json"]:
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))
            return
        labels = {"green": "绿", "yellow": "黄", "red": "红", "grey": "灰"}
        for task in payload["tasks"]:
            self.stdout.write(
                f"{task['number']} [{labels[task['level']]}] {task['status']}：{task['reason']}"
            )

    def _bundle(self, options) -> None:
        import time

        from gongzhi.supervision.bundle import bundle_build

        plan = PolicyDocument.objects.filter(doc_number=options["doc_number"].strip()).first()
        if plan is None:
            raise CommandError(f"没有文号为“{options['doc_number']}”的方案")
        out = Path(options["out"])
        if out.is_dir():
            raise CommandError(f"--out 应为文件，而“{out}”是目录")
        started = time.perf_counter()
        summary = bundle_build(actor=None, plan=plan, out=out)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"已生成评估证据包：{out}，{summary['files']}个文件，{summary['size']}字节，用时{seconds:.1f}秒"
        )

    def _office_unit(self, name: str, doc: dict, *, create: bool) -> Unit:
        """The plan office: --office-unit, else the issuer, else the registry's first top unit."""
        index = UnitIndex.build()
        for candidate in (name, doc.get("issuer") or ""):
            if candidate and (unit := index.lookup(candidate)):
                return unit
        if name:
            raise CommandError(f"单位“{name}”不在名录中")
        if create and doc.get("issuer"):
            self.stderr.write(f"新建单位：{doc['issuer']}（发文机关）")
            return unit_create(
                actor=None,
                name=doc["issuer"],
                kind=guess_unit_kind(doc["issuer"]),
                note="导入政策文件时新建，待核实",
            )
        unit = Unit.objects.filter(parent__isnull=True).order_by("sort_order", "name").first()
        if unit is None:
            raise CommandError(
                "单位名录为空：请先导入单位名录（gongzhi units load FILE），或加 --create-units"
            )
        self.stderr.write(f"发文机关不在名录中，牵头办公室暂记为“{unit}”（可用 --office-unit 指定）")
        return unit
