import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.core import clock
from gongzhi.core.models import TimeStampedModel
from gongzhi.core.permissions import ScopedQuerySet, has_capability
from gongzhi.core.roles import Role

TOKEN_PREFIX = "gz_"


class UserQuerySet(ScopedQuerySet):
    scope_all_capability = "accounts.manage_users"


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """用户：属于一个单位，担任一个角色。"""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("单位"),
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role, default=Role.LIAISON)
    must_change_password = models.BooleanField(_("下次登录须修改密码"), default=False)
    synthetic = models.BooleanField(_("演示账号"), default=False)

    objects = ScopedUserManager()

    class Meta:
        verbose_name = verbose_name_plural = _("用户")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def has_capability(self, capability: str) -> bool:
        return has_capability(self, capability)


class LoginThrottle(models.Model):
    """Recent failed logins counted under one key: a client address ("ip:…"), an account name
    ("account:…", whether or not the account exists) or both ("pair:…"). In the database, so that
    every web process sees the same counts."""

    key = models.CharField(max_length=250, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(db_index=True)
    blocked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("登录限制")

    def __str__(self) -> str:
        return self.key


class ApiTokenQuerySet(ScopedQuerySet):
    scope_all_capability = "accounts.manage_tokens"

    def usable(self):
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=clock.now())
        )


class ApiToken(TimeStampedModel):
    """接口令牌：供单位的业务系统调用接口；只在创建时显示一次，库中仅存哈希。"""

    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="api_tokens", verbose_name=_("单位")
    )
    name = models.CharField(_("用途名称"), max_length=100)
    prefix = models.CharField(_("前缀"), max_length=16, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("创建人")
    )
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("接口令牌")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.name}（{self.prefix}…）"

    @staticmethod
    def hash_secret(secret: str) -> str:
        # Tokens carry 256 random bits, so a fast hash is enough (no dictionary to attack).
        return hashlib.sha256(secret.encode("utf-8")).hexdigest()

    @staticmethod
    def new_secret() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > clock.now())
