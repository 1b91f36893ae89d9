"""The audit trail (留痕): append-only, each entry chained to the previous by hash.

`audit_record` is called by every service that writes, and by selectors that read
protected data, inside the caller's transaction. `audit_verify` walks the chain.
"""

from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.core import clock
from gongzhi.core.models import AuditEntry
from gongzhi.core.request_context import current_client_ip

GENESIS_HASH = "0" * 64
_PG_LOCK_KEY = 7_041_823_001  # advisory lock that serialises appends on PostgreSQL


class AuditAction(models.TextChoices):
    LOGIN = "login", _("登录")
    LOGIN_FAILED = "login_failed", _("登录失败")
    ACCOUNT_LOCKED = "account_locked", _("账号锁定")
    LOGOUT = "logout", _("退出")
    PASSWORD_CHANGED = "password_changed", _("修改密码")
    PASSWORD_RESET = "password_reset", _("重置密码")
    USER_CREATED = "user_created", _("创建用户")
    USER_UPDATED = "user_updated", _("修改用户")
    USER_UNLOCKED = "user_unlocked", _("解除锁定")
    TOKEN_CREATED = "token_created", _("创建接口令牌")
    TOKEN_REVOKED = "token_revoked", _("吊销接口令牌")
    UNIT_CREATED = "unit_created", _("新增单位")
    UNIT_UPDATED = "unit_updated", _("修改单位")
    UNITS_LOADED = "units_loaded", _("导入单位")
    PERSON_CREATED = "person_created", _("新增人员")
    PERSON_UPDATED = "person_updated", _("修改人员")
    GROUP_CREATED = "group_created", _("新增议事协调机构")
    MEMBER_ADDED = "member_added", _("增补成员")
    MEMBER_ENDED = "member_ended", _("成员调整离任")
    MEMBER_CHANGED = "member_changed", _("成员职务变更")
    GROUP_VIEWED = "group_viewed", _("查看成员联系方式")
    JOB_STARTED = "job_started", _("发起后台任务")
    JOB_RETRIED = "job_retried", _("重试后台任务")
    JOB_FAILED = "job_failed", _("后台任务失败")
    DEMO_LOADED = "demo_loaded", _("载入演示数据")
    AUDIT_VIEWED = "audit_viewed", _("查看审计日志")
    PLAN_UPLOADED = "plan_uploaded", _("上传政策文件")
    PLAN_UNIT_DECIDED = "plan_unit_decided", _("确认单位匹配")
    PLAN_TARGET_EDITED = "plan_target_edited", _("修改目标")
    PLAN_IMPORTED = "plan_imported", _("导入方案")
    PLAN_REVISED = "plan_revised", _("修订方案")
    PLAN_IMPORT_CANCELLED = "plan_import_cancelled", _("取消导入")
    PLAN_EVALUATORS_SET = "plan_evaluators_set", _("指定第三方评估人员")
    CATALOG_LOADED = "catalog_loaded", _("导入需求清单")
    DATASET_VERSIONED = "dataset_versioned", _("数据项新版本")
    SUBMISSION_RECEIVED = "submission_received", _("收到报送")
    SUBMISSION_VALIDATED = "submission_validated", _("报送校验完成")
    SUBMISSION_SUPERSEDED = "submission_superseded", _("报送被替代")
    SUBMISSION_VIEWED = "submission_viewed", _("查看报送数据")
    SHARED_ROWS_READ = "shared_rows_read", _("查询共享数据")
    SHARED_ROWS_EXPORTED = "shared_rows_exported", _("下载共享数据")
    SHARED_DATA_READ = "shared_data_read", _("读取共享数据（分析）")
    GRANT_REQUESTED = "grant_requested", _("申请数据使用")
    GRANT_APPROVED = "grant_approved", _("批准数据使用")
    GRANT_REFUSED = "grant_refused", _("拒绝数据使用")
    GRANT_REVOKED = "grant_revoked", _("撤销数据使用")
    ASSISTANCE_ITEM_SAVED = "assistance_item_saved", _("保存协助事项")
    TAX_LOOKUP = "tax_lookup", _("涉税查验")
    INDICATORS_SYNCED = "indicators_synced", _("生成监测指标")
    INDICATOR_UPDATED = "indicator_updated", _("补全监测指标")
    ROUND_OPENED = "round_opened", _("开启报送轮次")
    ROUND_CLOSED = "round_closed", _("结束报送轮次")
    REPORT_SAVED = "report_saved", _("保存进展报告")
    REPORT_SUBMITTED = "report_submitted", _("提交进展报告")
    REPORT_ACCEPTED = "report_accepted", _("审核通过报告")
    REPORT_RETURNED = "report_returned", _("退回报告")
    VALUE_SAVED = "value_saved", _("填报指标数值")
    VALUE_PUSHED = "value_pushed", _("接口推送指标数值")
    EVIDENCE_ADDED = "evidence_added", _("上传佐证材料")
    EVIDENCE_VIEWED = "evidence_viewed", _("查看佐证材料")
    ORDER_ISSUED = "order_issued", _("签发督办单")
    ORDER_ANSWERED = "order_answered", _("答复督办单")
    ORDER_CLOSED = "order_closed", _("办结督办单")
    ORDER_ESCALATED = "order_escalated", _("升级督办")
    INSPECTION_RECORDED = "inspection_recorded", _("记录督查检查")
    RECTIFICATION_RAISED = "rectification_raised", _("提出整改事项")
    RECTIFICATION_SUBMITTED = "rectification_submitted", _("报送整改结果")
    RECTIFICATION_RETURNED = "rectification_returned", _("退回整改结果")
    RECTIFICATION_CLOSED = "rectification_closed", _("整改销号")
    CASE_SUBMITTED = "case_submitted", _("报送工作案例")
    CASE_DECIDED = "case_decided", _("遴选工作案例")
    DOCUMENT_EXPORTED = "document_exported", _("导出文书")
    RULE_SAVED = "rule_saved", _("保存风险规则")
    RULE_DRY_RUN = "rule_dry_run", _("试运行风险规则")
    RISK_RUN_STARTED = "risk_run_started", _("开始风险分析")
    RISK_RUN_DONE = "risk_run_done", _("风险分析完成")
    LEAD_VIEWED = "lead_viewed", _("查看疑点")
    LEAD_CHANGED = "lead_changed", _("处理疑点")
    TAXPAYER_CONTACTED = "taxpayer_contacted", _("接触纳税人")


@dataclass(frozen=True)
class AuditActor:
    """Who acts, when it is not (only) a logged-in person: a token, or the system."""

    username: str
    unit_name: str = ""
    role: str = ""
    user_id: int | None = None


SYSTEM = AuditActor(username="system", role="system")


def _actor_fields(actor: Any) -> dict[str, Any]:
    if actor is None:
        actor = SYSTEM
    if isinstance(actor, AuditActor):
        return {
            "user_id": actor.user_id,
            "username": actor.username,
            "unit_name": actor.unit_name,
            "role": actor.role,
        }
    if getattr(actor, "is_authenticated", False):
        unit = getattr(actor, "unit", None)
        return {
            "user_id": actor.pk,
            "username": actor.get_username(),
            "unit_name": unit.name if unit else "",
            "role": getattr(actor, "role", ""),
        }
    return {"user_id": None, "username": "anonymous", "unit_name": "", "role": "public"}


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
    # SQLite: the settings open every transaction IMMEDIATE, which already serialises writers.


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    object_repr: str = "",
    purpose: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain, in the caller's transaction."""
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or target.pk
        object_repr = object_repr or str(target)
    with transaction.atomic():
        _lock_chain()
        last = AuditEntry.objects.order_by("-seq").values("seq", "hash").first()
        entry = AuditEntry(
            seq=(last["seq"] + 1) if last else 1,
            at=clock.now(),
            action=str(action),
            object_type=object_type,
            object_id=str(object_id or ""),
            object_repr=str(object_repr)[:200],
            purpose=purpose[:200],
            client_ip=current_client_ip() or "",
            detail=detail or {},
            prev_hash=last["hash"] if last else GENESIS_HASH,
            **_actor_fields(actor),
        )
        entry.hash = entry.compute_hash()
        entry.save(force_insert=True)
    return entry


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: str = ""


def audit_verify(*, batch: int = 5000) -> VerifyResult:
    """Walk the chain in order; report the first entry that was changed or removed."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    last_seq = 0
    while True:
        rows = list(AuditEntry.objects.filter(seq__gt=last_seq).order_by("seq")[:batch])
        if not rows:
            break
        for entry in rows:
            if entry.seq != expected_seq:
                return VerifyResult(
                    False,
                    checked,
                    expected_seq,
                    f"第{expected_seq}条审计记录缺失（被删除），其后一条为第{entry.seq}条",
                )
            if entry.prev_hash != expected_prev:
                return VerifyResult(
                    False,
                    checked,
                    entry.seq,
                    f"第{entry.seq}条审计记录的前序哈希不符：其前一条记录被改动或删除",
                )
            if entry.compute_hash() != entry.hash:
                return VerifyResult(False, checked, entry.seq, f"第{entry.seq}条审计记录内容被改动")
            expected_prev = entry.hash
            expected_seq += 1
            checked += 1
            last_seq = entry.seq
    return VerifyResult(True, checked)
