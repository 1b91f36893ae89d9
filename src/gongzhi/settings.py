"""Settings, read from the environment with safe defaults. Every variable is described in
docs/settings.md (a test fails when this module reads one that is not there).

GONGZHI_DATA_DIR   where the database, uploads and generated files live (./var)
DATABASE_URL       a database URL; SQLite (WAL) in the data dir when unset
SECRET_KEY         generated once and kept in the data dir when unset
GONGZHI_AUDIT_KEY  the audit chain's HMAC key; generated once into the data dir when unset
DEBUG              off unless set to 1/true
"""

import importlib.util
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(os.environ.get("GONGZHI_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
# The data directory holds personal data (the database, Parquet files with ID numbers, evidence,
# exports): whatever this process creates is for its own user only (files 0600, folders 0700).
os.umask(0o077)
if DATA_DIR.stat().st_uid == os.getuid():
    DATA_DIR.chmod(0o700)


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()


def _audit_key() -> str:
    """The audit chain's HMAC key: never in the database (a separate file, not SECRET_KEY)."""
    if key := os.environ.get("GONGZHI_AUDIT_KEY"):
        if len(key) < 32:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured("GONGZHI_AUDIT_KEY 至少需要32个字符")
        return key
    path = DATA_DIR / "audit_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


AUDIT_KEY = _audit_key()
DEBUG = _env_bool("DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "gongzhi.core",
    "gongzhi.org",
    "gongzhi.accounts",
    "gongzhi.plans",
    "gongzhi.exchange",
    "gongzhi.supervision",
    "gongzhi.inspections",
    "gongzhi.taxrisk",
    "gongzhi.credit",
    "gongzhi.assessment",
    "gongzhi.meetings",
    "gongzhi.economy",
    "gongzhi.cogov",
    "gongzhi.children",
    "gongzhi.children.register",
    "gongzhi.workspace",
    "gongzhi.public",
    "gongzhi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "gongzhi.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongzhi.accounts.middleware.SessionIdleRefreshMiddleware",
    "gongzhi.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongzhi.core.middleware.LoginRequiredMiddleware",
    "gongzhi.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongzhi.core.middleware.RequestContextMiddleware",
    "gongzhi.core.http.ApplicationErrorMiddleware",
]

ROOT_URLCONF = "gongzhi.urls"
WSGI_APPLICATION = "gongzhi.wsgi.application"

# django-ninja's own templates and static files (the API docs page, served locally: no CDN). Not
# an installed app: "ninja" in INSTALLED_APPS imports the whole of ninja and pydantic at
# django.setup(), in every command's start (found by its spec, which does not import it).
NINJA_DIR = Path(importlib.util.find_spec("ninja").origin).parent

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates", NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongzhi.workspace.context_processors.navigation",
            ],
            "builtins": ["gongzhi.core.templatetags.gongzhi"],
        },
    }
]

_sqlite_path = DATA_DIR / "gongzhi.sqlite3"
# PostgreSQL (several web processes and workers): each process thread keeps its connection for
# GONGZHI_DB_CONN_MAX_AGE seconds (0: one per request; empty: for ever), checked before reuse
# when GONGZHI_DB_CONN_HEALTH_CHECKS (on by default), so a restarted server costs no request.
_conn_max_age = os.environ.get("GONGZHI_DB_CONN_MAX_AGE", "60").strip()
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{_sqlite_path}",
        conn_max_age=int(_conn_max_age) if _conn_max_age else None,
        conn_health_checks=_env_bool("GONGZHI_DB_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
        # lock at BEGIN so two writers queue instead of failing on a stale snapshot.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("GONGZHI_TEST_SQLITE") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["gongzhi.accounts.backends.LockoutModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling: after LOCKOUT_THRESHOLD failures (per address, account name, or both) each
# further failure blocks for a growing delay capped at LOCKOUT_MINUTES; no account is locked.
LOCKOUT_THRESHOLD = int(os.environ.get("GONGZHI_LOCKOUT_THRESHOLD", "5"))
LOCKOUT_MINUTES = int(os.environ.get("GONGZHI_LOCKOUT_MINUTES", "15"))

# Sessions end after two idle hours and when the browser closes. The expiry is pushed back at
# most once a minute (accounts.middleware.SessionIdleRefreshMiddleware), not on every page: a
# database write per request is what SESSION_SAVE_EVERY_REQUEST would cost.
SESSION_COOKIE_AGE = int(os.environ.get("GONGZHI_SESSION_SECONDS", str(2 * 3600)))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _env_bool("GONGZHI_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static", NINJA_DIR / "static"]
# Collected (`gongzhi serve` runs collectstatic) under hashed names with compressed copies, served
# by WhiteNoise and cached for ever; not yet collected (tests, DEBUG): the source files, through
# the finders (core/staticstorage.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "gongzhi.core.staticstorage.StaticStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": os.environ.get("GONGZHI_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# A worker that has not been seen for this long is taken as dead; its running jobs are
# retried (up to JobRun.max_attempts) or failed.
JOB_WORKER_STALE_SECONDS = int(os.environ.get("GONGZHI_WORKER_STALE_SECONDS", "60"))
# Tax-risk rules: how long one rule may run before the engine interrupts it (a run in the worker,
# and a dry run from the rule editor), and DuckDB's memory limit for a run.
RULE_SECONDS = float(os.environ.get("GONGZHI_RULE_SECONDS", "600"))
RULE_DRY_RUN_SECONDS = float(os.environ.get("GONGZHI_RULE_DRY_RUN_SECONDS", "30"))
RULE_MEMORY = os.environ.get("GONGZHI_RULE_MEMORY", "4GB")
# Where Spark runs the rules (engine "spark"): local[*] in the worker process, or a standalone
# cluster (spark://host:7077) whose workers see GONGZHI_DATA_DIR at the same path.
SPARK_MASTER = os.environ.get("GONGZHI_SPARK_MASTER", "local[*]")
# The district (and city) whose names documents put before unit names ("周村区财政局"), comma
# separated; empty: read from the unit registry's top units (org.matching.region_names).
GONGZHI_REGION = [n.strip() for n in os.environ.get("GONGZHI_REGION", "").split(",") if n.strip()]
# The audit trail's signed checkpoints, outside the database: one JSON line after every
# AUDIT_CHECKPOINT_EVERY entries (0: only when `gongzhi audit checkpoint` runs), appended to
# AUDIT_CHECKPOINT_FILE and, when set, to AUDIT_CHECKPOINT_COPY (e.g. on another disk).
AUDIT_CHECKPOINT_EVERY = int(os.environ.get("GONGZHI_AUDIT_CHECKPOINT_EVERY", "100"))
AUDIT_CHECKPOINT_FILE = DATA_DIR / "audit-checkpoints.jsonl"
AUDIT_CHECKPOINT_COPY = os.environ.get("GONGZHI_AUDIT_CHECKPOINT_COPY", "")
# Each checkpoint line is also sent to this syslog (UDP `host:port`, or a unix socket path such as
# /dev/log), an external log that whoever writes the database cannot rewrite. Empty: not sent.
AUDIT_SYSLOG = os.environ.get("GONGZHI_AUDIT_SYSLOG", "").strip()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGZHI_LOG_LEVEL", "WARNING")},
    "loggers": {"gongzhi": {"level": os.environ.get("GONGZHI_LOG_LEVEL", "INFO")}},
}

# Behind HTTPS in production: redirect, HSTS and secure cookies.
if _env_bool("GONGZHI_HTTPS"):
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _env_bool("GONGZHI_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True

# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma separated): the
# client address of a request (audit trail, login throttling) is REMOTE_ADDR unless REMOTE_ADDR is
# one of these; then it is the right-most address of X-Forwarded-For that is not one of these.
# The same list is gunicorn's forwarded_allow_ips in `gongzhi serve`. Empty: never trust headers.
GONGZHI_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("GONGZHI_TRUSTED_PROXIES", "127.0.0.1,::1").split(",") if p.strip()
]
