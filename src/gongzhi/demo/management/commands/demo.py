import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”应为 YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "载入演示数据（可重复执行，不会重复创建）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=_day, default=None, help="演示数据的参考日（默认今天）；所有日期都不晚于这一天"
        )

    def handle(self, *args, **options):
        # every app's services: imported when it runs
        from gongzhi.demo.loaders import demo_load, reference_clock

        today = options["today"] or clock.today()
        # the whole load is dated that day, what runs on commit (notifications) included
        with reference_clock(today), transaction.atomic():
            lines = demo_load(today=today)
            audit_record(actor=None, action=AuditAction.DEMO_LOADED, object_repr="演示数据")
        for line in lines:
            self.stdout.write(line)
