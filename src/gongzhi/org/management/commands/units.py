"""`gongzhi units load FILE` (CSV/XLSX) and `gongzhi units match NAME`."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongzhi.core.exceptions import ApplicationError
from gongzhi.org.matching import match_unit
from gongzhi.org.services import units_load


class Command(BaseCommand):
    help = "单位名录：load 导入 CSV/XLSX；match 匹配单位名称"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="从 CSV/XLSX 导入单位名录（整个文件校验通过才保存）")
        load.add_argument("file")
        match = sub.add_parser("match", help="匹配单位名称：精确、别名、集合或候选")
        match.add_argument("name")

    def handle(self, *args, action: str, **options):
        if action == "match":
            self.stdout.write(json.dumps(match_unit(options["name"]).as_dict(), ensure_ascii=False))
            return
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        try:
            counts = units_load(actor=None, data=path.read_bytes(), filename=path.name)
        except ApplicationError as exc:
            for error in exc.extra.get("errors", []):
                self.stderr.write(
                    f"文件“{error['file']}”第{error['row']}行“{error['field'] or ''}”：{error['reason']}"
                )
            raise CommandError(f"导入失败，未保存任何内容：{exc.message}") from exc
        self.stdout.write(
            f"导入完成：新增{counts['created']}个，更新{counts['updated']}个，未变{counts['unchanged']}个"
        )
