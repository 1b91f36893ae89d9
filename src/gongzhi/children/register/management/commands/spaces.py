"""`gongzhi spaces load FILE` (the child-friendly spaces register from .xlsx/.csv, as the system)
and `gongzhi spaces count [--as-of YYYY-MM-DD]` (recompute every counting target from the
register: run it daily, e.g. beside `gongzhi remind`, so a quarter end gets its value even when
no space changed that day)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongzhi.children.register.services import counting_refresh, spaces_load
from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.params import BadParameter, parse_date


class Command(BaseCommand):
    help = "儿童友好空间：load 导入登记表；count 按登记册重算计数指标"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="导入儿童友好空间登记表（.xlsx 或 .csv）")
        load.add_argument("file")
        count = sub.add_parser("count", help="按登记册重算所有计数指标")
        count.add_argument("--as-of", default="", help="按某一天计算（YYYY-MM-DD，默认今天）")

    def handle(self, *args, action: str, **options):
        try:
            if action == "load":
                path = Path(options["file"])
                if not path.is_file():
                    raise CommandError(f"文件不存在：{path}")
                counts = spaces_load(actor=None, data=path.read_bytes(), filename=path.name)
                self.stdout.write(
                    f"新增{counts['created']}个，更新{counts['updated']}个，未变{counts['unchanged']}个"
                )
                return
            # never a day after today: the register's values are what was known on their day
            today = (
                parse_date(options["as_of"], "--as-of", maximum=clock.today()) if options["as_of"] else None
            )
            self.stdout.write(f"已重算{counting_refresh(today=today)}个计数指标")
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        except BadParameter as exc:
            raise CommandError(f"{exc.name} {exc.reason}") from exc
