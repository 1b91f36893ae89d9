"""Template filters of the supervision pages (`{% load supervision_tags %}`)."""

from django import template

from gongzhi.supervision import setup

register = template.Library()


@register.filter
def may_set_up(user, plan) -> bool:
    """Whether ``user`` may open the plan's set-up page (its office, or an admin)."""
    return bool(
        getattr(user, "is_authenticated", False) and plan is not None and setup.can_set_up(user, plan)
    )
