"""The audit chain becomes keyed (HMAC-SHA256 with a key outside the database).

Rows written before carry a plain SHA-256: they are marked `sha256` and still verify. When the
table holds rows, one keyed row is appended ("启用审计日志密钥签名") so that the newest row is
always keyed: a forger who rewrote the whole chain as plain SHA-256 is then caught, because a
plain row may only stand before the first keyed row and the head must be keyed.
Reversing leaves that row in place (an audit row is never deleted).
"""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

from gongzhi.core import auditchain


def _content(row) -> dict:
    # the same fields as AuditEntry.content(), frozen here
    return {
        "seq": row.seq,
        "at": row.at.isoformat(),
        "user_id": row.user_id,
        "username": row.username,
        "unit_name": row.unit_name,
        "role": row.role,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "object_repr": row.object_repr,
        "purpose": row.purpose,
        "client_ip": row.client_ip,
        "detail": row.detail,
        "prev_hash": row.prev_hash,
    }


def seal_legacy_rows(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    last = AuditEntry.objects.using(schema_editor.connection.alias).order_by("-seq").first()
    if last is None or last.scheme == auditchain.KEYED:
        return
    legacy = AuditEntry.objects.using(schema_editor.connection.alias).count()
    row = AuditEntry(
        seq=last.seq + 1,
        at=timezone.now(),
        username="system",
        role="system",
        action="audit_key_enabled",
        object_type="core.auditentry",
        object_repr="审计日志",
        purpose="审计日志改用密钥签名",
        detail={"legacy_rows": legacy, "legacy_head_seq": last.seq},
        prev_hash=last.hash,
        scheme=auditchain.KEYED,
    )
    row.hash = auditchain.entry_hash(
        _content(row), scheme=auditchain.KEYED, key=settings.AUDIT_KEY.encode("utf-8")
    )
    row.save(force_insert=True, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_notification"),
    ]

    operations = [
        # existing rows: plain SHA-256
        migrations.AddField(
            model_name="auditentry",
            name="scheme",
            field=models.CharField(default="sha256", max_length=16, verbose_name="哈希方式"),
            preserve_default=False,
        ),
        # new rows: keyed
        migrations.AlterField(
            model_name="auditentry",
            name="scheme",
            field=models.CharField(
                choices=[("hmac-sha256", "密钥签名"), ("sha256", "无密钥（旧）")],
                default="hmac-sha256",
                max_length=16,
                verbose_name="哈希方式",
            ),
        ),
        migrations.RunPython(seal_legacy_rows, migrations.RunPython.noop),
    ]
