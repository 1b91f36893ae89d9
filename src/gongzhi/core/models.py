from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.core import auditchain
from gongzhi.core.choices import JobState


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("审计日志只能追加，不能修改")

    def delete(self):
        raise PermissionError("审计日志只能追加，不能删除")


class AuditEntry(models.Model):
    """留痕：谁（用户、单位、角色）在何时从何处对什么做了什么，出于什么目的。

    Append-only. Each entry carries an HMAC-SHA256 (key outside the database) over its own
    content and the previous entry's hash; entries written before the key was introduced carry
    a plain SHA-256 (`scheme`). `gongzhi audit verify` checks the chain and the signed
    checkpoints kept outside the database (see `core.audit`).
    """

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("用户"),
        db_constraint=False,
    )
    username = models.CharField(_("用户名"), max_length=150, blank=True)
    unit_name = models.CharField(_("单位"), max_length=100, blank=True, db_index=True)
    role = models.CharField(_("角色"), max_length=30, blank=True)
    action = models.CharField(_("操作"), max_length=60, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=60, blank=True, db_index=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    purpose = models.CharField(_("目的"), max_length=200, blank=True)
    client_ip = models.CharField(_("客户端地址"), max_length=45, blank=True)
    detail = models.JSONField(_("详情"), default=dict, blank=True)
    prev_hash = models.CharField(_("上一条哈希"), max_length=64)
    hash = models.CharField(_("哈希"), max_length=64)
    scheme = models.CharField(
        _("哈希方式"),
        max_length=16,
        default=auditchain.KEYED,
        choices=[(auditchain.KEYED, _("密钥签名")), (auditchain.LEGACY, _("无密钥（旧）"))],
    )

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("审计日志")
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.username} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("审计日志只能追加，不能删除")

    def content(self) -> dict:
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "user_id": self.user_id,
            "username": self.username,
            "unit_name": self.unit_name,
            "role": self.role,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "purpose": self.purpose,
            "client_ip": self.client_ip,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self, key: bytes | None = None) -> str:
        """The hash this entry should carry under its scheme (the audit key unless `key` is given)."""
        if key is None:
            key = settings.AUDIT_KEY.encode("utf-8")
        return auditchain.entry_hash(self.content(), scheme=self.scheme, key=key)


class JobRun(TimeStampedModel):
    """后台任务：种类、状态、进度（0-100）、消息、结果或错误。"""

    kind = models.CharField(_("种类"), max_length=60, db_index=True)
    title = models.CharField(_("名称"), max_length=200)
    state = models.CharField(
        _("状态"), max_length=20, choices=JobState, default=JobState.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    message = models.CharField(_("消息"), max_length=500, blank=True)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    result = models.JSONField(_("结果"), null=True, blank=True)
    result_file = models.CharField(_("结果文件"), max_length=300, blank=True)
    error = models.TextField(_("错误"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("最多尝试次数"), default=2)
    worker_id = models.CharField(_("执行进程"), max_length=64, blank=True)
    task_result_id = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
        verbose_name=_("发起人"),
    )
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
        verbose_name=_("单位"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("后台任务")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="jobrun_progress_lte_100",
                violation_error_message="进度不能超过100",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.get_state_display()}）"

    @property
    def is_finished(self) -> bool:
        return self.state in JobState.finished()


class WorkerHeartbeat(models.Model):
    """A job worker process says it is alive; a silent one is taken as dead."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=200)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = _("任务执行进程")

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid}"


class Notification(models.Model):
    """站内提醒：发给某单位（其全部用户可见）或某个用户。同一提醒（key）只发一次。"""

    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("单位"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("用户"),
    )
    key = models.CharField(max_length=200, unique=True)
    text = models.CharField(_("内容"), max_length=300)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("提醒")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text
