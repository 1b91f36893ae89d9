import math
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.accounts.models import ApiToken, LoginThrottle, User
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, AuditActor, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import require_capability
from gongzhi.core.roles import Role


def _require(actor, capability: str) -> None:
    require_capability(actor, capability, allow_system=False)


def _password_errors(password: str, user: User | None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, "；".join(exc.messages)) from exc


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    password: str,
    unit,
    role: str,
    full_name: str = "",
    must_change_password: bool = True,
    synthetic: bool = False,
    check_password: bool = True,
) -> User:
    """管理员创建用户。每个用户属于一个单位、担任一个角色。"""
    if actor is not None:
        _require(actor, "accounts.manage_users")
    if role not in Role.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("未知角色：%(role)s") % {"role": role})
    if unit is None:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("用户必须属于一个单位"))
    if User.objects.filter(username__iexact=username).exists():
        raise ApplicationError(ErrorCode.DUPLICATE, _("用户名“%(username)s”已存在") % {"username": username})
    user = User(
        username=username,
        full_name=full_name,
        unit=unit,
        role=role,
        must_change_password=must_change_password,
        synthetic=synthetic,
        is_staff=False,
        is_superuser=False,
    )
    if check_password:
        _password_errors(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(
        actor=actor, action=AuditAction.USER_CREATED, target=user, detail={"role": role, "unit": unit.name}
    )
    return user


@transaction.atomic
def user_update(
    *,
    actor,
    user: User,
    unit=None,
    role: str | None = None,
    full_name: str | None = None,
    is_active: bool | None = None,
) -> User:
    _require(actor, "accounts.manage_users")
    changes = {}
    for field, value in (("unit", unit), ("role", role), ("full_name", full_name), ("is_active", is_active)):
        if value is not None and getattr(user, field) != value:
            changes[field] = str(value)
            setattr(user, field, value)
    if changes:
        user.full_clean()
        user.save()
        audit_record(actor=actor, action=AuditAction.USER_UPDATED, target=user, detail=changes)
    return user


@transaction.atomic
def user_reset_password(*, actor, user: User, new_password: str) -> User:
    """管理员重置密码：设一个临时密码，用户下次登录须修改；同时解除登录限制。"""
    _require(actor, "accounts.manage_users")
    _password_errors(new_password, user)
    user.set_password(new_password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    _throttle_clear(user)
    audit_record(actor=actor, action=AuditAction.PASSWORD_RESET, target=user)
    return user


@transaction.atomic
def user_unlock(*, actor, user: User) -> User:
    """管理员解除登录限制：清除该账号（各地址）的失败计数。"""
    _require(actor, "accounts.manage_users")
    _throttle_clear(user)
    audit_record(actor=actor, action=AuditAction.USER_UNLOCKED, target=user)
    return user


@transaction.atomic
def password_change(*, user: User, old_password: str, new_password: str) -> User:
    if not user.check_password(old_password):
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("原密码不正确"))
    if old_password == new_password:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("新密码不能与原密码相同"))
    _password_errors(new_password, user)
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit_record(actor=user, action=AuditAction.PASSWORD_CHANGED, target=user)
    return user


# --- login throttling -------------------------------------------------------------------------
# Failed logins are counted per client address, per account name (existing or not) and per
# (address, account name). After LOCKOUT_THRESHOLD failures under a key, each further failure blocks
# that key for 2^k seconds (k = failures beyond the threshold), at most LOCKOUT_MINUTES. An address
# or an (address, account) pair that is blocked may not try at all; a blocked account only slows
# down: addresses that have failed on it wait, an address that has not may still try, so nobody can
# keep an account's owner out by failing on purpose from elsewhere. Counts are forgotten after a
# day without failures. Nothing differs between existing and unknown account names.

THROTTLE_FORGET_AFTER = timedelta(days=1)


def _throttle_keys(username: str, ip: str) -> dict[str, str]:
    name = username.strip().lower()[:150]
    return {"ip": f"ip:{ip}", "account": f"account:{name}", "pair": f"pair:{ip}|{name}"}


def _throttle_delay(failures: int) -> timedelta | None:
    beyond = failures - settings.LOCKOUT_THRESHOLD
    if beyond < 0:
        return None
    return timedelta(seconds=min(2 ** min(beyond, 30), settings.LOCKOUT_MINUTES * 60))


def login_wait(*, username: str, ip: str, now=None) -> int:
    """Seconds before this address may try this account name again; 0: it may try now."""
    now = now or clock.now()
    keys = _throttle_keys(username, ip)
    rows = {
        row.key: row
        for row in LoginThrottle.objects.filter(
            key__in=keys.values(), last_failure_at__gte=now - THROTTLE_FORGET_AFTER
        )
    }
    ip_row, account_row, pair_row = (rows.get(keys[kind]) for kind in ("ip", "account", "pair"))
    blocked = [row.blocked_until for row in (ip_row, pair_row) if row and row.blocked_until]
    if account_row and account_row.blocked_until and pair_row:
        blocked.append(account_row.blocked_until)
    until = max((moment for moment in blocked if moment > now), default=None)
    return math.ceil((until - now).total_seconds()) if until else 0


def login_failed(*, username: str, ip: str, user: User | None, now=None) -> None:
    """Count a failed login under its address and account name; audit it when the account exists
    (unknown names are not written down: people type their password into the name field).
    Commits on its own."""
    now = now or clock.now()
    blocked = []
    with transaction.atomic():
        LoginThrottle.objects.filter(last_failure_at__lt=now - THROTTLE_FORGET_AFTER).delete()
        for kind, key in _throttle_keys(username, ip).items():
            row, _created = LoginThrottle.objects.select_for_update().get_or_create(
                key=key, defaults={"last_failure_at": now}
            )
            row.failures += 1
            row.last_failure_at = now
            if delay := _throttle_delay(row.failures):
                row.blocked_until = now + delay
                blocked.append(kind)
            row.save()
        if user is not None:
            audit_record(
                actor=AuditActor(
                    username=user.username,
                    unit_name=user.unit.name if user.unit else "",
                    role=user.role,
                    user_id=user.pk,
                ),
                action=AuditAction.LOGIN_THROTTLED if blocked else AuditAction.LOGIN_FAILED,
                target=user,
                detail={"blocked": blocked} if blocked else {},
            )


def login_succeeded(*, user: User, ip: str) -> None:
    """A correct password from this address: its count on this account starts again."""
    with transaction.atomic():
        LoginThrottle.objects.filter(key=_throttle_keys(user.username, ip)["pair"]).delete()
        audit_record(actor=user, action=AuditAction.LOGIN, target=user)


def login_restricted_until(*, user: User, now=None):
    """Until when failed logins slow this account down (None: they do not)."""
    now = now or clock.now()
    row = LoginThrottle.objects.filter(
        key=_throttle_keys(user.username, "")["account"], blocked_until__gt=now
    ).first()
    return row.blocked_until if row else None


def _throttle_clear(user: User) -> None:
    keys = _throttle_keys(user.username, "")
    name = keys["account"].removeprefix("account:")
    LoginThrottle.objects.filter(key=keys["account"]).delete()
    LoginThrottle.objects.filter(key__startswith="pair:", key__endswith=f"|{name}").delete()


@transaction.atomic
def token_create(*, actor, unit, name: str, expires_at=None) -> tuple[ApiToken, str]:
    """Create a token for a unit's machine client. The secret is returned once, never stored."""
    _require(actor, "accounts.manage_tokens")
    if not name.strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写令牌用途名称"))
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        unit=unit,
        name=name.strip(),
        prefix=secret[:10],
        token_hash=ApiToken.hash_secret(secret),
        created_by=actor,
        expires_at=expires_at,
    )
    audit_record(actor=actor, action=AuditAction.TOKEN_CREATED, target=token, detail={"unit": unit.name})
    return token, secret


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    _require(actor, "accounts.manage_tokens")
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(actor=actor, action=AuditAction.TOKEN_REVOKED, target=token)
    return token


def token_authenticate(secret: str) -> ApiToken | None:
    if not secret or not secret.startswith("gz_"):
        return None
    token = (
        ApiToken.objects.usable()
        .select_related("unit")
        .filter(token_hash=ApiToken.hash_secret(secret))
        .first()
    )
    if token is not None:
        now = clock.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def token_actor(token: ApiToken) -> AuditActor:
    return AuditActor(username=f"token:{token.prefix}", unit_name=token.unit.name, role="api_token")
