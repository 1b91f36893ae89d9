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


@register.filter
def may_bundle(user, plan) -> bool:
    """Whether ``user`` may build the plan's evidence bundle (its evaluators and its office)."""
    from gongzhi.supervision.bundle import may_bundle as allowed

    return bool(getattr(user, "is_authenticated", False) and plan is not None and allowed(user, plan))
