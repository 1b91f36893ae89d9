from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import TimeStampedModel
from gongzhi.org.choices import GroupKind, MemberRole, UnitKind


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Unit(TimeStampedModel):
    """单位：区委部门、政府部门、镇、街道、开发区等，组成一棵树。"""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=UnitKind)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上级单位"),
    )
    active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("单位")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list["Unit"]:
        chain, node, seen = [], self.parent, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class UnitAlias(models.Model):
    """单位别名：文件中出现的其他写法（区医保分局 → 区医疗保障分局）。"""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("单位"))
    alias = models.CharField(_("别名"), max_length=100, unique=True)

    class Meta:
        verbose_name = verbose_name_plural = _("单位别名")
        ordering = ["alias"]

    def __str__(self) -> str:
        return f"{self.alias} → {self.unit.name}"


class Person(TimeStampedModel):
    """人员：姓名、职务、所在单位、联系方式（个人信息，默认脱敏）。"""

    name = models.CharField(_("姓名"), max_length=50, db_index=True)
    title = models.CharField(_("职务"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="people", verbose_name=_("单位")
    )
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    synthetic = models.BooleanField(_("演示数据"), default=False, help_text=_("联系方式为虚构的演示数据"))

    class Meta:
        verbose_name = verbose_name_plural = _("人员")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "unit"],
                name="person_unique_name_per_unit",
                violation_error_message="同一单位已有同名人员",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Group(TimeStampedModel):
    """议事协调机构：领导小组、委员会、联席会议等，办公室设在某单位。"""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("类别"), max_length=20, choices=GroupKind, default=GroupKind.LEADING_GROUP)
    office_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_groups",
        verbose_name=_("办公室所在单位"),
    )
    office_director = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directed_groups",
        verbose_name=_("办公室主任"),
    )
    source = models.CharField(_("依据文件"), max_length=200, blank=True)
    duties = models.TextField(_("职责"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("议事协调机构")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(until__isnull=True)


class Membership(TimeStampedModel):
    """成员：某人以某角色、某职务在某时段内属于某机构。调整时结束旧记录、新增新记录，历史保留。"""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("机构")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("人员")
    )
    role = models.CharField(_("角色"), max_length=20, choices=MemberRole)
    position_title = models.CharField(_("职务"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("所在单位"),
    )
    order = models.PositiveIntegerField(_("排序"), default=0)
    since = models.DateField(_("起始日期"), null=True, blank=True, help_text=_("空表示自依据文件印发时起"))
    until = models.DateField(_("终止日期"), null=True, blank=True)
    change_note = models.CharField(_("调整说明"), max_length=200, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("成员")
        ordering = ["group", "order", "since"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"],
                condition=Q(until__isnull=True),
                name="membership_one_current_per_person",
                violation_error_message="该人员已是本机构的现任成员",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=models.F("since")),
                name="membership_until_after_since",
                violation_error_message="终止日期不能早于起始日期",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.get_role_display()} · {self.person}"
