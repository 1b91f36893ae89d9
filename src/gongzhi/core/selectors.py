from django.db.models import Q, QuerySet

from gongzhi.core.models import AuditEntry, JobRun
from gongzhi.core.permissions import access_or_404, has_capability


def audit_list(
    *,
    user=None,
    unit: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from=None,
    date_to=None,
) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.all()
    if user:
        entries = entries.filter(username__icontains=user)
    if unit:
        entries = entries.filter(unit_name__icontains=unit)
    if action:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    return entries.order_by("-seq")


def job_list(*, user) -> QuerySet[JobRun]:
    """Admins see every job; others the jobs they started or that belong to their unit."""
    jobs = JobRun.objects.select_related("created_by", "unit")
    if has_capability(user, "jobs.view_all"):
        return jobs
    if not getattr(user, "is_authenticated", False):
        return jobs.none()
    scope = Q(created_by=user)
    if user.unit_id:
        scope |= Q(unit_id=user.unit_id)
    return jobs.filter(scope)


def job_get(*, user, pk) -> JobRun:
    return access_or_404(job_list(user=user), pk)
