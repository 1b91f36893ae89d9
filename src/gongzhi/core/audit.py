"""The audit trail (留痕): append-only, each entry chained to the previous by a keyed hash.

`audit_record` is called by every service that writes, and by selectors that read
protected data, inside the caller's transaction. Each entry's hash is an HMAC-SHA256 over its
content and the previous hash, with a key kept outside the database (settings.AUDIT_KEY:
GONGZHI_AUDIT_KEY or the key file in the data dir); rows written before the key carry a plain
SHA-256 (`AuditEntry.scheme`), allowed only before the first keyed row.

Checkpoints anchor the chain outside the database: after every AUDIT_CHECKPOINT_EVERY entries
(once the transaction commits) and whenever `audit_checkpoint` runs (`gongzhi audit checkpoint`),
the head's sequence number and hash, the time and an HMAC signature are appended as one JSON
line to AUDIT_CHECKPOINT_FILE and AUDIT_CHECKPOINT_COPY. A checkpoint that cannot be written is
logged, never raised: the business write has already happened.

Where AUDIT_SYSLOG is set, each checkpoint line is also sent to that syslog (UDP host:port or a
unix socket), a log the database's writers cannot rewrite.

Between checkpoints, the head marker (`audit-head.json` beside each checkpoint file) holds the
signed seq and hash of the newest committed entry: rewritten after every commit that wrote
entries (never for a rolled-back transaction; under a file lock, and never moved backwards when
several processes write), so that deleting the newest rows is detected even when no checkpoint
covers them. It costs one small write per committing transaction (not per entry), some 20 µs.

`audit_verify` checks every row's hash under its scheme, the links, contiguous sequence numbers
from 1, every checkpoint (signature, order, the row at its seq carrying its hash, the head not
behind it, no due checkpoint missing) and the head marker (the chain reaches its seq with its
hash). What this cannot detect is listed in tests/core/test_audit_tamper.py.
"""

import datetime
import functools
import json
import logging
import logging.handlers
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None

from django.conf import settings
from django.db import connection, models, transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.core import clock
from gongzhi.core.auditchain import (
    GENESIS_HASH,
    KEYED,
    LEGACY,
    SCHEMES,
    Checkpoint,
    CheckpointError,
    checkpoint_parse,
    checkpoint_sign,
)
from gongzhi.core.models import AuditEntry
from gongzhi.core.request_context import current_client_ip

logger = logging.getLogger(__name__)
_PG_LOCK_KEY = 7_041_823_001  # advisory lock that serialises appends on PostgreSQL


class AuditAction(models.TextChoices):
    AUDIT_KEY_ENABLED = "audit_key_enabled", _("启用审计日志密钥签名")
    LOGIN = "login", _("登录")
    LOGIN_FAILED = "login_failed", _("登录失败")
    ACCOUNT_LOCKED = "account_locked", _("账号锁定")
    LOGIN_THROTTLED = "login_throttled", _("登录受限")
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
    PLAN_LESSON_LEARNED = "plan_lesson_learned", _("记录审核经验")
    PLAN_IMPORTED = "plan_imported", _("导入方案")
    PLAN_REVISED = "plan_revised", _("修订方案")
    PLAN_IMPORT_CANCELLED = "plan_import_cancelled", _("取消导入")
    PLAN_EVALUATORS_SET = "plan_evaluators_set", _("指定第三方评估人员")
    PLAN_SET_UP = "plan_set_up", _("设置方案（牵头办公室、评估人员、监测起算日期）")
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
    ASSISTANCE_ITEM_APPROVED = "assistance_item_approved", _("批准协助事项")
    ASSISTANCE_ITEM_RETIRED = "assistance_item_retired", _("停用协助事项")
    ASSISTANCE_LIST_IMPORTED = "assistance_list_imported", _("导入协助事项清单")
    TAX_LOOKUP = "tax_lookup", _("涉税查验")
    TAX_LOOKUP_OUTCOME = "tax_lookup_outcome", _("记录涉税查验结果")
    GRID_SAVED = "grid_saved", _("保存网格")
    GRID_TASK_CREATED = "grid_task_created", _("新建网格核查任务")
    GRID_TASK_DISPATCHED = "grid_task_dispatched", _("派发网格核查任务")
    GRID_TASK_SUBMITTED = "grid_task_submitted", _("提交网格核查结果")
    GRID_TASK_REVIEWED = "grid_task_reviewed", _("复核网格核查结果")
    GRID_TASK_RETURNED = "grid_task_returned", _("退回网格核查任务")
    GRID_PHOTO_VIEWED = "grid_photo_viewed", _("查看网格核查照片")
    GRID_TASK_VIEWED = "grid_task_viewed", _("查看网格核查任务")
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
    BACKUP_CREATED = "backup_created", _("创建备份")
    BACKUP_RESTORED = "backup_restored", _("从备份恢复")
    MEETING_CREATED = "meeting_created", _("新建会议")
    MEETING_UPDATED = "meeting_updated", _("修改会议")
    AGENDA_CHANGED = "agenda_changed", _("修改会议议题")
    ATTENDANCE_CHANGED = "attendance_changed", _("修改出席情况")
    MINUTES_SAVED = "minutes_saved", _("保存会议纪要")
    DECISION_CHANGED = "decision_changed", _("修改议定事项")
    MINUTES_APPROVED = "minutes_approved", _("签发会议纪要（议定事项转为督办任务）")
    ASSESSMENT_SCHEME_SAVED = "assessment_scheme_saved", _("修订考核办法")
    ASSESSMENT_SCORED = "assessment_scored", _("考核评分")
    ASSESSMENT_PUBLISHED = "assessment_published", _("考核结果征求意见")
    ASSESSMENT_SUBMITTED = "assessment_submitted", _("考核结果提交审批")
    ASSESSMENT_APPROVED = "assessment_approved", _("审定考核结果")
    ASSESSMENT_MANUAL_RECORDED = "assessment_manual_recorded", _("记录扣分或一票否决")
    APPEAL_FILED = "appeal_filed", _("提出考核申诉")
    APPEAL_DECIDED = "appeal_decided", _("处理考核申诉")
    NOTICE_DRAFTED = "notice_drafted", _("起草通报")
    NOTICE_EDITED = "notice_edited", _("修改通报")
    NOTICE_SUBMITTED = "notice_submitted", _("通报提交审批")
    NOTICE_APPROVED = "notice_approved", _("审批通报")
    NOTICE_SENT = "notice_sent", _("印发通报")
    NOTICE_READ = "notice_read", _("阅读通报")
    CREDIT_LIST_DRAFTED = "credit_list_drafted", _("拟定纳税信用名单")
    CREDIT_LIST_APPROVED = "credit_list_approved", _("复核纳税信用名单")
    CREDIT_LIST_RETURNED = "credit_list_returned", _("退回纳税信用名单")
    CREDIT_LIST_WITHDRAWN = "credit_list_withdrawn", _("撤回纳税信用名单草稿")
    CREDIT_LIST_PUBLISHED = "credit_list_published", _("发布纳税信用名单")
    CREDIT_REPAIR_RECORDED = "credit_repair_recorded", _("登记纳税信用修复")
    CREDIT_REPAIR_APPROVED = "credit_repair_approved", _("批准纳税信用修复")
    CREDIT_REPAIR_REFUSED = "credit_repair_refused", _("不予纳税信用修复")
    CREDIT_REPAIR_ACTION_DONE = "credit_repair_action_done", _("办结信用修复后续事项")
    CREDIT_CHECK = "credit_check", _("联合奖惩信用核查")
    CREDIT_CHECK_DECISION = "credit_check_decision", _("记录联合奖惩实施情况")
    CREDIT_MEASURE_CREATED = "credit_measure_created", _("新增联合奖惩措施")
    CREDIT_MEASURE_REVISED = "credit_measure_revised", _("修订联合奖惩措施")
    CREDIT_PUSH_CAMPAIGN_STARTED = "credit_push_campaign_started", _("开始政策推送筛选")
    CREDIT_PUSH_CAMPAIGN_DONE = "credit_push_campaign_done", _("政策推送筛选完成")
    CREDIT_POLICY_PUSHED = "credit_policy_pushed", _("推送税费优惠政策")
    CREDIT_PUSH_OPTOUT_REGISTERED = "credit_push_optout_registered", _("登记不打扰")
    CREDIT_PUSH_OPTOUT_WITHDRAWN = "credit_push_optout_withdrawn", _("撤回不打扰")
    CREDIT_PUSH_TAKEUP_CHECKED = "credit_push_takeup_checked", _("监测优惠享受情况")
    CREDIT_PUSH_TAKEN_UP = "credit_push_taken_up", _("推送后已享受优惠")
    CHILD_COUNCIL_SAVED = "child_council_saved", _("保存儿童议事会")
    CHILD_MEMBER_ADDED = "child_member_added", _("增加议事会成员")
    CHILD_MEMBER_LEFT = "child_member_left", _("议事会成员退出")
    CHILD_MEMBERS_VIEWED = "child_members_viewed", _("查看议事会成员")
    CHILD_SENDER_VIEWED = "child_sender_viewed", _("查看儿童建议人自愿填写的信息")
    CHILD_SESSION_RECORDED = "child_session_recorded", _("记录议事会活动")
    CHILD_SUGGESTION_RECEIVED = "child_suggestion_received", _("收到儿童建议")
    CHILD_SUGGESTION_ROUTED = "child_suggestion_routed", _("交办儿童建议")
    CHILD_SUGGESTION_ANSWERED = "child_suggestion_answered", _("答复儿童建议")
    CHILD_SUGGESTION_PUBLISHED = "child_suggestion_published", _("公开儿童建议答复")
    IMPACT_CHECKLIST_REVISED = "impact_checklist_revised", _("修订儿童影响评价清单")
    IMPACT_PROJECT_CREATED = "impact_project_created", _("登记儿童影响评价项目")
    IMPACT_ASSESSMENT_CREATED = "impact_assessment_created", _("新建儿童影响评价")
    IMPACT_ASSESSMENT_ANSWERED = "impact_assessment_answered", _("填写儿童影响评价")
    IMPACT_ASSESSMENT_EVIDENCE = "impact_assessment_evidence", _("上传儿童影响评价佐证")
    IMPACT_ASSESSMENT_SUBMITTED = "impact_assessment_submitted", _("提交儿童影响评价")
    IMPACT_ASSESSMENT_RETURNED = "impact_assessment_returned", _("退回儿童影响评价")
    IMPACT_ASSESSMENT_SIGNED_OFF = "impact_assessment_signed_off", _("签认儿童影响评价")
    CHILD_SPACE_SAVED = "child_space_saved", _("保存儿童友好空间")
    CHILD_SPACES_LOADED = "child_spaces_loaded", _("导入儿童友好空间")
    CHILD_SPACE_COUNTING_LINKED = "child_space_counting_linked", _("目标改由登记册计算")
    CHILD_SPACE_COUNTING_REFRESHED = "child_space_counting_refreshed", _("按登记册重算目标")
    FUNDING_RECORDED = "funding_recorded", _("登记任务资金")
    FUNDING_IMPORTED = "funding_imported", _("导入任务资金")
    PLAN_PUBLICITY_CHANGED = "plan_publicity_changed", _("设置方案公开")
    EVIDENCE_BUNDLE_BUILT = "evidence_bundle_built", _("生成评估证据包")
    EVIDENCE_BUNDLE_DOWNLOADED = "evidence_bundle_downloaded", _("下载评估证据包")
    ECONOMY_SCENARIO_SAVED = "economy_scenario_saved", _("保存政策测算")
    ECONOMY_SCENARIO_RECOMPUTED = "economy_scenario_recomputed", _("重新测算政策影响")
    ECONOMY_SCENARIO_DELETED = "economy_scenario_deleted", _("删除政策测算")
    ECONOMY_REPORT_EXPORTED = "economy_report_exported", _("导出经济运行分析报告")
    ECONOMY_PLAN_SAVED = "economy_plan_saved", _("录入预算收入计划")
    ECONOMY_MARK_ADDED = "economy_mark_added", _("标注收入序列（结构性变化或异常月份）")
    ECONOMY_MARK_REMOVED = "economy_mark_removed", _("删除收入序列标注")
    ECONOMY_ANALYSIS_MONTH_SET = "economy_analysis_month_set", _("设置经济分析数据截至月份")
    # cogov, enterprise part (issue 16): enterprise requests (企业诉求)
    ENTERPRISE_REQUEST_RECEIVED = "enterprise_request_received", _("登记企业诉求")
    ENTERPRISE_REQUEST_ROUTED = "enterprise_request_routed", _("分办企业诉求")
    ENTERPRISE_REQUEST_ANSWERED = "enterprise_request_answered", _("答复企业诉求")
    ENTERPRISE_REQUEST_CLOSED = "enterprise_request_closed", _("办结企业诉求")
    ENTERPRISE_REQUEST_RATED = "enterprise_request_rated", _("记录企业满意度")
    ENTERPRISE_CONTACT_VIEWED = "enterprise_contact_viewed", _("查看企业诉求联系人")
    YEARLY_SET_SAVED = "yearly_set_saved", _("保存年度任务分解")
    YEARLY_SET_ISSUED = "yearly_set_issued", _("下达年度任务")
    YEARLY_SET_EXPORTED = "yearly_set_exported", _("导出年度任务")
    MATTER_FILED = "matter_filed", _("报告重要事项")
    MATTER_ACKNOWLEDGED = "matter_acknowledged", _("签收重要事项")
    MATTER_ASSIGNED = "matter_assigned", _("交办重要事项")
    MATTER_CLOSED = "matter_closed", _("办结重要事项")
    MATTER_VIEWED = "matter_viewed", _("查看重要事项")
    MATTER_ATTACHMENT_VIEWED = "matter_attachment_viewed", _("下载重要事项附件")


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


def _key() -> bytes:
    return settings.AUDIT_KEY.encode("utf-8")


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
            scheme=KEYED,
            **_actor_fields(actor),
        )
        entry.hash = entry.compute_hash(_key())
        entry.save(force_insert=True)
    every = settings.AUDIT_CHECKPOINT_EVERY
    if every > 0 and entry.seq % every == 0:
        transaction.on_commit(
            functools.partial(_checkpoint_write, seq=entry.seq, hash=entry.hash), robust=True
        )
    _head_after_commit(seq=entry.seq, hash=entry.hash)
    return entry


# --- the head marker: the newest committed entry, outside the database ------------------------

HEAD_FILE = "audit-head.json"
_MARKER_SIZE = 256  # one record at the start of the file: within one disk sector


class _HeadAdvance:
    """The on_commit callback that moves the head marker to one entry. An entry written later in
    the same transaction marks the earlier callback superseded (when the later one runs whenever
    the earlier one does), so a transaction of a thousand entries writes the marker once."""

    __slots__ = ("hash", "seq", "superseded")

    def __init__(self, seq: int, hash: str):
        self.seq, self.hash, self.superseded = seq, hash, False

    def __call__(self) -> None:
        if not self.superseded:
            head_advance(seq=self.seq, hash=self.hash)


def _head_after_commit(*, seq: int, hash: str) -> None:
    conn = transaction.get_connection()
    callback = _HeadAdvance(seq, hash)
    if conn.in_atomic_block:
        # Django keeps (savepoint ids, callback, robust) per callback and drops those whose
        # savepoint rolls back: the earlier callback is redundant when it can only run together
        # with this one, i.e. when its savepoints include all of this one's.
        sids = set(conn.savepoint_ids)
        previous = getattr(conn, "_gongzhi_audit_head", None)
        if previous is not None and conn.run_on_commit:
            for old_sids, func, _robust in reversed(conn.run_on_commit):
                if func is previous:
                    if old_sids >= sids:
                        previous.superseded = True
                    break
        conn._gongzhi_audit_head = callback
    transaction.on_commit(callback, robust=True)


def head_paths() -> list[Path]:
    """The head marker beside each checkpoint file (the data dir's, and the copy's if set)."""
    return [path.with_name(HEAD_FILE) for path in checkpoint_paths()]


def _marker_seq(data: bytes) -> int:
    """The seq a marker names (0 if empty or unreadable; its signature is checked by
    `audit_verify`, not here)."""
    try:
        seq = json.loads(data).get("seq")
    except (ValueError, AttributeError):
        return 0
    return seq if isinstance(seq, int) and not isinstance(seq, bool) else 0


def head_marker_write(
    path: Path, *, seq: int, hash: str, key: bytes | None = None, replace: bool = False
) -> bool:
    """Sign (seq, hash) and put it in the marker at `path`; unless `replace` (a restore), only when
    it is ahead of the marker there. Whether it was written.

    The marker is rewritten in place, under an exclusive lock on the file that `audit_verify`
    also takes (shared) to read it, as one 256-byte record at offset 0 (within one disk sector, so
    a crash leaves the old record or the new). Not a new file renamed over the old: on ext4 a
    rename over an existing file flushes the new file to disk first, about 3 ms per commit here,
    against some 20 µs in place; nor fsync, for the same reason (see tests/core/test_audit_tamper.py)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        if not replace and _marker_seq(os.pread(fd, 4096, 0)) >= seq:
            return False  # another process has already written a later head
        marker = checkpoint_sign(seq=seq, hash=hash, at=clock.now().isoformat(), key=key or _key())
        data = (marker.line().ljust(_MARKER_SIZE - 1) + "\n").encode("utf-8")
        os.pwrite(fd, data, 0)
        if os.fstat(fd).st_size > len(data):
            os.ftruncate(fd, len(data))
        return True
    finally:
        os.close(fd)


def _marker_read(path: Path) -> str:
    """The marker's text, read under a shared lock (never half of a write)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_SH)
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read().decode("utf-8").strip()
    finally:
        os.close(fd)


def head_advance(*, seq: int, hash: str) -> None:
    """Move every head marker to (seq, hash) if it is ahead; log (never raise) a failure."""
    for path in head_paths():
        try:
            head_marker_write(path, seq=seq, hash=hash)
        except Exception:
            logger.exception("审计链头标记写入失败：%s（第%s条）", path, seq)


# --- checkpoints outside the database ---------------------------------------------------------


def checkpoint_paths() -> list[Path]:
    """Where checkpoints are written and read: the file in the data dir, then the copy if set."""
    paths = [Path(settings.AUDIT_CHECKPOINT_FILE)]
    if copy := str(getattr(settings, "AUDIT_CHECKPOINT_COPY", "") or ""):
        paths.append(Path(copy))
    return paths


def _open_locked(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)  # released on close
    return fd


@dataclass
class CheckpointWritten:
    checkpoint: Checkpoint
    written: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)


def _checkpoint_write(*, seq: int, hash: str) -> CheckpointWritten | None:
    """Sign and append one checkpoint to every file; log (never raise) when one cannot be written.

    The files are locked before the checkpoint is signed, so that lines stand in the order of
    their times whichever process writes them (a checkpoint after commit may name a lower seq
    than one written just before it: times, not seqs, are in order)."""
    fds: dict[Path, int] = {}
    result = None
    try:
        for path in checkpoint_paths():
            try:
                fds[path] = _open_locked(path)
            except Exception:
                logger.exception("审计检查点写入失败：%s（第%s条）", path, seq)
        checkpoint = checkpoint_sign(seq=seq, hash=hash, at=clock.now().isoformat(), key=_key())
        result = CheckpointWritten(checkpoint, failed=[p for p in checkpoint_paths() if p not in fds])
        line = (checkpoint.line() + "\n").encode("utf-8")
        for path, fd in fds.items():
            try:
                os.write(fd, line)
                os.fsync(fd)
                result.written.append(path)
            except Exception:
                logger.exception("审计检查点写入失败：%s（第%s条）", path, seq)
                result.failed.append(path)
    except Exception:
        logger.exception("审计检查点写入失败（第%s条）", seq)
    finally:
        for fd in fds.values():
            os.close(fd)
    if result is not None and getattr(settings, "AUDIT_SYSLOG", ""):
        _syslog_send(result.checkpoint.line())
    return result


class _SyslogHandler(logging.handlers.SysLogHandler):
    def handleError(self, record):
        raise  # the error being handled: _syslog_send logs it once, in Chinese


_syslog: dict[str, _SyslogHandler] = {}
_syslog_lock = threading.Lock()


def _syslog_address(target: str) -> str | tuple[str, int]:
    """`/dev/log` (a path: unix socket) or `host:port` / `[v6]:port` (UDP)."""
    if "/" in target:
        return target
    host, _, port = target.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"GONGZHI_AUDIT_SYSLOG 应为“主机:端口”或 unix 套接字路径：{target}")
    return host.strip("[]"), int(port)


def _syslog_send(line: str) -> None:
    """Send one checkpoint line to the external syslog; log (never raise) a failure."""
    target = str(settings.AUDIT_SYSLOG)
    try:
        with _syslog_lock:
            handler = _syslog.get(target)
            if handler is None:
                handler = _SyslogHandler(
                    address=_syslog_address(target),
                    facility=logging.handlers.SysLogHandler.LOG_AUTH,
                    socktype=socket.SOCK_DGRAM,
                )
                handler.ident = "gongzhi-audit: "
                _syslog[target] = handler
            record = logging.LogRecord(__name__, logging.INFO, __file__, 0, "%s", (line,), None)
            handler.emit(record)
    except Exception:
        logger.exception("审计检查点发送到系统日志失败：%s", target)
        with _syslog_lock:
            if (handler := _syslog.pop(target, None)) is not None:
                handler.close()


def audit_checkpoint() -> CheckpointWritten | None:
    """Write a checkpoint of the chain's current head (None when the log is empty).
    `gongzhi audit checkpoint` calls this; so may the daily reminder run."""
    head = AuditEntry.objects.order_by("-seq").values("seq", "hash").first()
    if head is None:
        return None
    head_advance(seq=head["seq"], hash=head["hash"])
    return _checkpoint_write(seq=head["seq"], hash=head["hash"])


# --- verification -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    # content, link, gap, scheme, checkpoint_bad, checkpoint_order, checkpoint_row, head_behind,
    # checkpoint_missing, head_bad, head_row, head_missing
    kind: str
    message: str
    seq: int | None = None


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: str = ""
    problems: list[Problem] = field(default_factory=list)
    checkpoints: int = 0
    head_seq: int = 0


@dataclass
class _LoadedCheckpoint:
    checkpoint: Checkpoint
    where: str  # "文件名第N行"


def _load_checkpoints(problems: list[Problem]) -> list[_LoadedCheckpoint]:
    """Read every checkpoint file; a line that is malformed, unsigned or out of order is a problem."""
    key = _key()
    loaded: list[_LoadedCheckpoint] = []
    seen: set[str] = set()
    for index, path in enumerate(checkpoint_paths()):
        label = f"检查点文件{path.name}" if index == 0 else f"检查点副本{path}"
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue  # a missing file shows as missing checkpoints, below
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem("checkpoint_bad", f"{label}无法读取：{exc}"))
            continue
        previous: datetime.datetime | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            where = f"{label}第{number}行"
            if not line.strip():
                continue
            try:
                checkpoint = checkpoint_parse(line, key=key)
            except CheckpointError as exc:
                problems.append(Problem("checkpoint_bad", f"{where}无效：{exc}"))
                continue
            at = datetime.datetime.fromisoformat(checkpoint.at)
            if previous is not None and at < previous:
                problems.append(
                    Problem(
                        "checkpoint_order",
                        f"{where}顺序错乱：写于{checkpoint.at}的检查点（第{checkpoint.seq}条）"
                        f"排在写于{previous.isoformat()}的检查点之后",
                        checkpoint.seq,
                    )
                )
            previous = at
            if checkpoint.sig not in seen:  # the copy repeats the file: check each once
                seen.add(checkpoint.sig)
                loaded.append(_LoadedCheckpoint(checkpoint, where))
    return loaded


def _load_heads(problems: list[Problem]) -> list[_LoadedCheckpoint]:
    """Read every head marker; one that is unreadable or not signed with the key is a problem."""
    key = _key()
    loaded: list[_LoadedCheckpoint] = []
    for path in head_paths():
        label = f"链头标记{path}"
        try:
            text = _marker_read(path)
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem("head_bad", f"{label}无法读取：{exc}"))
            continue
        try:
            loaded.append(_LoadedCheckpoint(checkpoint_parse(text, key=key), label))
        except CheckpointError as exc:
            problems.append(Problem("head_bad", f"{label}无效：{exc}"))
    return loaded


def _rows(batch: int) -> Iterator[AuditEntry]:
    last_seq = -1  # a forged row numbered 0 is read too
    while rows := list(AuditEntry.objects.filter(seq__gt=last_seq).order_by("seq")[:batch]):
        yield from rows
        last_seq = rows[-1].seq


def audit_verify(*, batch: int = 5000) -> VerifyResult:
    """Check every row and every checkpoint; report each problem found (in Chinese)."""
    key = _key()
    problems: list[Problem] = []
    loaded = _load_checkpoints(problems)
    heads = _load_heads(problems)  # read before the rows: a marker never names an uncommitted row
    wanted = {item.checkpoint.seq for item in [*loaded, *heads]}
    hashes_at: dict[int, str] = {}

    expected_seq = 1
    prev_hash = GENESIS_HASH
    first_keyed_seq: int | None = None
    head: AuditEntry | None = None
    checked = 0
    for entry in _rows(batch):
        checked += 1
        if entry.seq < expected_seq:
            problems.append(Problem("gap", f"第{entry.seq}条审计记录重复或顺序错乱", entry.seq))
        elif entry.seq > expected_seq:
            missing = (
                f"第{expected_seq}条"
                if entry.seq == expected_seq + 1
                else f"第{expected_seq}至{entry.seq - 1}条"
            )
            problems.append(
                Problem("gap", f"{missing}审计记录缺失（被删除），其后一条为第{entry.seq}条", expected_seq)
            )
        elif entry.prev_hash != prev_hash:
            problems.append(
                Problem(
                    "link",
                    f"第{entry.seq}条审计记录的前序哈希不符：其前一条记录被改动或删除",
                    entry.seq,
                )
            )
        if entry.scheme not in SCHEMES:
            problems.append(Problem("scheme", f"第{entry.seq}条审计记录的哈希方式无效", entry.seq))
        else:
            if entry.scheme == KEYED and first_keyed_seq is None:
                first_keyed_seq = entry.seq
            if entry.scheme == LEGACY and first_keyed_seq is not None:
                problems.append(
                    Problem(
                        "scheme",
                        f"第{entry.seq}条审计记录使用无密钥的旧哈希，却排在密钥签名记录之后（伪造）",
                        entry.seq,
                    )
                )
            if entry.compute_hash(key) != entry.hash:
                problems.append(Problem("content", f"第{entry.seq}条审计记录内容被改动", entry.seq))
        if entry.seq in wanted:
            hashes_at.setdefault(entry.seq, entry.hash)
        expected_seq = max(expected_seq, entry.seq + 1)
        prev_hash = entry.hash
        head = entry

    head_seq = head.seq if head is not None else 0
    if head is not None and head.scheme != KEYED:
        problems.append(
            Problem(
                "scheme",
                f"最新一条（第{head.seq}条）审计记录未经密钥签名：整条链可能被无密钥地重算",
                head.seq,
            )
        )

    # checkpoints: each names a row that must exist with that hash; the head must not be behind
    last_checkpoint = 0
    behind: _LoadedCheckpoint | None = None
    for item in loaded:
        cp = item.checkpoint
        last_checkpoint = max(last_checkpoint, cp.seq)
        if cp.seq > head_seq:
            if behind is None or cp.seq > behind.checkpoint.seq:
                behind = item
        elif cp.seq not in hashes_at:
            problems.append(
                Problem("checkpoint_row", f"{item.where}记录的第{cp.seq}条审计记录不存在", cp.seq)
            )
        elif hashes_at[cp.seq] != cp.hash:
            problems.append(
                Problem(
                    "checkpoint_row",
                    f"第{cp.seq}条审计记录的哈希与{item.where}不符：该条或其之前的记录被改动或重算",
                    cp.seq,
                )
            )
    # the head marker: the chain must reach its seq, with its hash there
    for item in heads:
        cp = item.checkpoint
        if cp.seq > head_seq:
            if behind is None or cp.seq > behind.checkpoint.seq:
                behind = item
        elif hashes_at.get(cp.seq) != cp.hash:
            problems.append(
                Problem(
                    "head_row",
                    f"第{cp.seq}条审计记录的哈希与{item.where}不符：最新的审计记录被删除后重写，或被改动",
                    cp.seq,
                )
            )
    if not heads and loaded and not any(p.kind == "head_bad" for p in problems):
        where = "、".join(str(p) for p in head_paths())
        problems.append(
            Problem(
                "head_missing",
                f"有检查点，但库外的审计链头标记（{where}）不存在：标记被删除，最新的审计记录可能被删除",
                head_seq,
            )
        )
    if behind is not None:
        problems.append(
            Problem(
                "head_behind",
                f"数据库中的审计记录只到第{head_seq}条，落后于{behind.where}记录的第{behind.checkpoint.seq}条："
                "最新的审计记录被删除",
                head_seq + 1,
            )
        )
    # a checkpoint is due at every multiple of N among the keyed rows: its absence means the
    # checkpoint files were cut (or a write failed: see the error log; run `gongzhi audit checkpoint`)
    every = settings.AUDIT_CHECKPOINT_EVERY
    if every > 0 and first_keyed_seq is not None:
        due = head_seq // every * every
        if due >= first_keyed_seq and last_checkpoint < due:
            have = f"最新检查点为第{last_checkpoint}条" if last_checkpoint else "没有任何检查点"
            problems.append(
                Problem(
                    "checkpoint_missing",
                    f"第{due}条处应有检查点，但检查点文件中{have}：检查点文件被删改或写入失败",
                    due,
                )
            )

    problems.sort(key=lambda p: (p.seq is None, p.seq or 0))
    first = problems[0] if problems else None
    return VerifyResult(
        ok=not problems,
        checked=checked,
        first_bad_seq=first.seq if first else None,
        reason=first.message if first else "",
        problems=problems,
        checkpoints=len(loaded),
        head_seq=head_seq,
    )
