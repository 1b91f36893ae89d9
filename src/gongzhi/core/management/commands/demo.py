from django.core.management.base import BaseCommand
from django.db import transaction

from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.demo import demo_load


class Command(BaseCommand):
    help = "载入演示数据（可重复执行，不会重复创建）"

    def handle(self, *args, **options):
        with transaction.atomic():
            lines = demo_load()
            audit_record(actor=None, action=AuditAction.DEMO_LOADED, object_repr="演示数据")
        for line in lines:
            self.stdout.write(line)
