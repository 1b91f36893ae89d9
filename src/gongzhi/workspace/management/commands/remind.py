from django.core.management.base import BaseCommand

from gongzhi.children.register.services import counting_refresh
from gongzhi.core.audit import audit_checkpoint
from gongzhi.core.files import sweep_temporary
from gongzhi.supervision.monitoring import plan_status_refresh_all
from gongzhi.workspace.reminders import remind


class Command(BaseCommand):
    help = "发送到期提醒、写入审计日志检查点、清理过期临时文件、更新当天预警结果（每天运行一次；可重复运行，同一提醒只发一次）"

    def handle(self, *args, **options):
        counts = remind()
        self.stdout.write(
            f"已发提醒：进展报告{counts['reports']}条，督办单{counts['orders']}条，数据报送{counts['data']}条，儿童建议{counts['suggestions']}条，"
            f"信用修复后续事项{counts['credit_repair']}条，税费共治逾期事项{counts['cogov']}条"
        )
        # the daily signed checkpoint of the audit chain's head (outside the database), and the
        # temporary files a crashed process may have left behind
        audit_checkpoint()
        sweep_temporary()
        # counting targets computed from the child-friendly spaces register get today's value
        self.stdout.write(f"已更新登记册计算的目标：{counting_refresh()}个")
        # each plan's warning levels for the new day, so that the first page of the day is fast
        self.stdout.write(f"已更新预警结果：{plan_status_refresh_all()}个方案")
