"""In-app reminders (站内提醒): send once per key, list a user's unread ones.

What to remind of, and when, is decided by the apps that know (`gongzhi.workspace.reminders`,
run daily by `gongzhi remind`).
"""

from django.db import IntegrityError, transaction
from django.db.models import Q

from gongzhi.core.models import Notification


def notify(*, key: str, text: str, url: str = "", unit=None, user=None) -> bool:
    """Send once per key; returns whether it was new."""
    try:
        with transaction.atomic():
            Notification.objects.create(key=key[:200], text=text[:300], url=url, unit=unit, user=user)
    except IntegrityError:
        return False
    return True


def notifications_for(user, *, unread_only: bool = True):
    qs = Notification.objects.filter(Q(user=user) | Q(unit_id=user.unit_id, user__isnull=True))
    return qs.filter(read_at__isnull=True) if unread_only else qs
