"""`gongzhi audit verify`: walk the hash chain and name the first changed or removed entry."""

from django.core.management.base import BaseCommand, CommandError

from gongzhi.core.audit import audit_verify


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="逐条校验审计日志哈希链")

    def handle(self, *args, action: str, **options):
        result = audit_verify()
        if not result.ok:
            raise CommandError(f"审计日志校验失败：{result.reason}（已校验{result.checked}条）")
        self.stdout.write(f"审计日志完整：共{result.checked}条，哈希链无断裂")
