"""factory-boy factories for the main models: build exactly the rows a test needs.

Every name is synthetic (Faker, locale zh_CN) and labelled "（测试）"; unique fields come from
sequences, so factory rows never collide with each other nor with the demo's rows (which the
session-wide test database also holds). Rows that a service builds in a particular way are built
the same way here: a dataset's version from a spec dict through the real `load_spec`, a
submission through the real `submission_create` from a CSV (`submit_rows`), a rule version from
a built-in rule file checked by the real rule parser.

Import it as `factories` (tests/conftest.py puts this folder on sys.path). A test that submits
rows must point `settings.DATA_DIR` at a temporary folder first (the `data_dir` fixture).
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import random
import uuid
from decimal import Decimal
from pathlib import Path

import factory
from factory.django import DjangoModelFactory
from faker import Faker

from gongzhi.accounts.models import User
from gongzhi.core import clock
from gongzhi.core.roles import Role
from gongzhi.exchange.choices import SubmissionState
from gongzhi.exchange.models import Dataset, DatasetVersion, Submission
from gongzhi.exchange.services import exchange_dir, submission_create
from gongzhi.exchange.validation import synthetic
from gongzhi.exchange.validation.spec import load_spec
from gongzhi.org.choices import GroupKind, MemberRole, UnitKind
from gongzhi.org.models import Group, Membership, Person, Unit
from gongzhi.plans.choices import Comparator, NodeKind, ResponsibilityRole
from gongzhi.plans.models import PlanNode, PolicyDocument, Responsibility, Target
from gongzhi.supervision.choices import IndicatorKind, ReportState, TaskStatus
from gongzhi.supervision.models import (
    Indicator,
    IndicatorValue,
    ReportingRound,
    SupervisionOrder,
    TaskReport,
)
from gongzhi.taxrisk.engine.rules import RULES_DIR, parse_rule
from gongzhi.taxrisk.models import Lead, RiskRule, RiskRun, RuleVersion

LOCALE = "zh_CN"
LABEL = "（测试）"
PASSWORD = "Factory-Pass-2025"  # every factory user's password (hashed with the test settings' hasher)
_rng = random.Random(20251204)  # synthetic USCCs: valid check digits, reproducible


_faker = Faker(LOCALE)


def labelled(provider: str):
    """A synthetic Faker value with the test label: 张伟（测试）. Unique within the run: zh_CN
    Faker has about 300 company names, so two made in one test would otherwise meet often
    enough to fail a "the other one is not on the page" assertion."""
    if provider == "company":  # 太极0042号信息有限公司（测试）: the pool is too small for unique()
        return factory.Sequence(
            lambda n: f"{_faker.company_prefix()}{n:04d}号{_faker.company_suffix()}{LABEL}"
        )
    return factory.LazyFunction(lambda: getattr(_faker.unique, provider)() + LABEL)


def uscc() -> str:
    """A synthetic unified social credit code with a valid check digit."""
    return synthetic.uscc(_rng)


def last_month(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The month before today's, as (first day, last day): a period that has ended."""
    end = (today or clock.today()).replace(day=1) - datetime.timedelta(days=1)
    return end.replace(day=1), end


# --- org, accounts ---------------------------------------------------------------------------


class UnitFactory(DjangoModelFactory):
    """单位. `UnitFactory(village=True)` builds a village under a new town."""

    class Meta:
        model = Unit

    class Params:
        village = factory.Trait(
            kind=UnitKind.VILLAGE,
            name=factory.Sequence(lambda n: f"测试村{n:04d}{LABEL}"),
            parent=factory.SubFactory("factories.UnitFactory", kind=UnitKind.TOWN),
        )

    name = factory.Sequence(lambda n: f"测试局{n:04d}{LABEL}")
    short_name = factory.Sequence(lambda n: f"测试{n:04d}")
    kind = UnitKind.GOVERNMENT
    parent = None


class PersonFactory(DjangoModelFactory):
    """人员 with synthetic contacts (flagged as such)."""

    class Meta:
        model = Person

    name = labelled("name")
    title = factory.Sequence(lambda n: f"测试职务{n:04d}{LABEL}")
    unit = factory.SubFactory(UnitFactory)
    phone = factory.LazyFunction(lambda: synthetic.mobile(_rng))
    synthetic = True


class GroupFactory(DjangoModelFactory):
    """议事协调机构 (a leading group by default) with its office in a new unit."""

    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"测试领导小组{n:04d}{LABEL}")
    kind = GroupKind.LEADING_GROUP
    office_unit = factory.SubFactory(UnitFactory)
    source = f"测试字〔2099〕1号{LABEL}"


class MembershipFactory(DjangoModelFactory):
    """成员: a current member of a group, in the person's unit."""

    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    person = factory.SubFactory(PersonFactory)
    role = MemberRole.MEMBER
    position_title = factory.SelfAttribute("person.title")
    unit = factory.SelfAttribute("person.unit")
    order = factory.Sequence(int)


class UserFactory(DjangoModelFactory):
    """用户: a liaison of a new unit unless told otherwise; password `PASSWORD`."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"test_user_{n:04d}")
    full_name = labelled("name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.invalid")
    role = Role.LIAISON
    unit = factory.SubFactory(UnitFactory)
    password = factory.django.Password(PASSWORD)
    synthetic = True


# --- plans -----------------------------------------------------------------------------------


class PolicyDocumentFactory(DjangoModelFactory):
    """政策文件 with a synthetic text and a unique 文号."""

    class Meta:
        model = PolicyDocument

    title = factory.Sequence(lambda n: f"测试行动方案{n:04d}{LABEL}")
    doc_number = factory.Sequence(lambda n: f"测试字〔2099〕{n}号")
    issuer = f"测试区人民政府办公室{LABEL}"
    issue_date = datetime.date(2023, 3, 1)
    end_year = 2025
    office_unit = factory.SubFactory(UnitFactory)
    source_filename = factory.LazyAttribute(lambda o: f"{o.title}.txt")
    source_text = factory.LazyAttribute(lambda o: f"{o.title}\n{o.doc_number}\n一、总体要求（测试正文）")
    source_sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.source_text.encode()).hexdigest())


class PlanNodeFactory(DjangoModelFactory):
    """方案条目: a section by default; see SectionFactory and TaskFactory."""

    class Meta:
        model = PlanNode

    document = factory.SubFactory(PolicyDocumentFactory)
    parent = None
    kind = NodeKind.SECTION
    number = factory.Sequence(lambda n: f"（{n}）")
    title = factory.Sequence(lambda n: f"测试条目{n:04d}{LABEL}")
    label = factory.LazyAttribute(lambda o: f"{o.number} {o.title}")
    text = factory.LazyAttribute(lambda o: f"{o.number}{o.title}。")
    level = 0
    order = factory.Sequence(int)


class SectionFactory(PlanNodeFactory):
    kind = NodeKind.SECTION
    number = factory.Sequence(lambda n: f"第{n}部分")
    title = factory.Sequence(lambda n: f"测试领域{n:04d}{LABEL}")


class TaskFactory(PlanNodeFactory):
    """A task under a new section of the same document."""

    kind = NodeKind.TASK
    parent = factory.SubFactory(SectionFactory, document=factory.SelfAttribute("..document"))
    title = factory.Sequence(lambda n: f"测试任务{n:04d}{LABEL}")
    level = 1
    path = factory.LazyAttribute(lambda o: [o.parent.label] if o.parent else [])
    deadline_text = "2025年底前"


class ResponsibilityFactory(DjangoModelFactory):
    class Meta:
        model = Responsibility

    task = factory.SubFactory(TaskFactory)
    unit = factory.SubFactory(UnitFactory)
    role = ResponsibilityRole.LEAD
    name_as_written = factory.SelfAttribute("unit.name")


class TargetFactory(DjangoModelFactory):
    """目标: `indicator >= value unit_of_measure` by the deadline year."""

    class Meta:
        model = Target

    task = factory.SubFactory(TaskFactory)
    indicator = factory.Sequence(lambda n: f"每千人口测试设施数{n:04d}{LABEL}")
    comparator = Comparator.GTE
    value = Decimal("4.5")
    unit_of_measure = "个"
    deadline_year = 2025
    text = factory.LazyAttribute(
        lambda o: f"到{o.deadline_year}年，{o.indicator}达到{o.value}{o.unit_of_measure}"
    )


# --- exchange --------------------------------------------------------------------------------

# A small dataset: a company, a month and an amount.
SMALL_FIELDS = [
    {"code": "uscc", "name": "统一社会信用代码", "type": "text", "required": True, "check": "uscc"},
    {
        "code": "period",
        "name": "所属期",
        "type": "text",
        "required": True,
        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
        "pattern_message": "应为YYYY-MM",
    },
    {"code": "amount", "name": "金额（元）", "type": "decimal", "scale": 2, "required": True, "min": 0},
]


def small_rows(period: str = "2025-11", count: int = 3) -> list[dict]:
    """Valid rows for SMALL_FIELDS."""
    return [{"uscc": uscc(), "period": period, "amount": f"{100 * (i + 1)}.50"} for i in range(count)]


class DatasetVersionFactory(DjangoModelFactory):
    """数据项版本 built from a spec dict through the real `load_spec`; becomes the current version.

    Pass `fields=[...]` (and `key=[...]`, `period_field=...`) for another shape.
    """

    class Meta:
        model = DatasetVersion
        skip_postgeneration_save = True

    class Params:
        fields = SMALL_FIELDS
        key = ("uscc", "period")
        period_field = None

    dataset = factory.SubFactory("factories.DatasetFactory", spec=False)
    version = factory.LazyAttribute(lambda o: o.dataset.versions.count() + 1)
    spec = factory.LazyAttribute(
        lambda o: load_spec(
            {
                "code": o.dataset.code,
                "name": o.dataset.name,
                "frequency": o.dataset.frequency,
                "due_day": o.dataset.due_day,
                "key": list(o.key),
                "policy": o.dataset.policy,
                "fields": [dict(f) for f in o.fields],
                **({"period_field": o.period_field} if o.period_field else {}),
            }
        ).to_dict()
    )
    fingerprint = factory.LazyAttribute(lambda o: load_spec(o.spec).fingerprint())

    @factory.post_generation
    def make_current(self, create, extracted, **kwargs):
        if create and extracted is not False:
            self.dataset.current_version = self
            self.dataset.save(update_fields=["current_version", "updated_at"])


class DatasetFactory(DjangoModelFactory):
    """数据项 with one provider unit (a new one unless `providers=[...]`) and a current version
    (`spec__fields=[...]` for another shape; `spec=False` for none)."""

    class Meta:
        model = Dataset
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"test_dataset_{n:04d}")
    name = factory.Sequence(lambda n: f"测试数据项{n:04d}{LABEL}")
    description = f"供测试使用的合成数据{LABEL}"
    frequency = "monthly"
    due_day = 15
    policy = "quarantine"
    legal_basis = f"测试依据{LABEL}"
    purpose = f"测试用途{LABEL}"

    @factory.post_generation
    def providers(self, create, extracted, **kwargs):
        if create:
            self.provider_units.set(extracted if extracted is not None else [UnitFactory()])

    @factory.post_generation
    def spec(self, create, extracted, **kwargs):
        if create and extracted is not False:
            DatasetVersionFactory(dataset=self, **kwargs)
            self.refresh_from_db()


def submit_rows(dataset: Dataset, unit: Unit, period: str, rows: list[dict], *, actor=None) -> Submission:
    """Submit rows as a CSV file through the real service (validated at once): a real Parquet file
    under settings.DATA_DIR and the submission's state as the engine decides it."""
    codes = [f.code for f in dataset.current_version.to_spec().fields]
    path = exchange_dir("incoming") / f"{uuid.uuid4().hex}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=codes)
        writer.writeheader()
        writer.writerows(rows)
    return submission_create(
        actor=actor,
        dataset=dataset,
        unit=unit,
        period=period,
        source_path=Path(path),
        filename=f"{dataset.code}-{period}.csv",
        background=False,
    )


class SubmissionFactory(factory.Factory):
    """报送, accepted: valid rows of a new dataset submitted by its provider through `submit_rows`."""

    class Meta:
        model = Submission

    dataset = factory.SubFactory(DatasetFactory)
    unit = factory.LazyAttribute(lambda o: o.dataset.provider_units.first())
    period = "2025-11"
    rows = factory.LazyAttribute(lambda o: small_rows(o.period))

    @classmethod
    def _create(cls, model_class, *, dataset, unit, period, rows, **kwargs):
        submission = submit_rows(dataset, unit, period, rows, **kwargs)
        assert submission.state == SubmissionState.ACCEPTED, (submission.file_errors, submission.errors)
        return submission

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("a submission exists only once the service has stored it: use create()")


# --- supervision -----------------------------------------------------------------------------


class ReportingRoundFactory(DjangoModelFactory):
    """报送轮次 for last month (ended), due ten days from today."""

    class Meta:
        model = ReportingRound

    plan = factory.SubFactory(PolicyDocumentFactory)
    period_start = factory.LazyFunction(lambda: last_month()[0])
    period_end = factory.LazyFunction(lambda: last_month()[1])
    period_label = factory.LazyAttribute(lambda o: f"{o.period_end.year}年{o.period_end.month}月{LABEL}")
    due_date = factory.LazyFunction(lambda: clock.today() + datetime.timedelta(days=10))
    opened_by = None


class TaskReportFactory(DjangoModelFactory):
    """任务进展报告 of a unit on a task of the round's plan; the unit's responsibility for the task
    is created with it (a round holds reports only for responsible units)."""

    class Meta:
        model = TaskReport
        skip_postgeneration_save = True

    round = factory.SubFactory(ReportingRoundFactory)
    task = factory.SubFactory(TaskFactory, document=factory.SelfAttribute("..round.plan"))
    unit = factory.SubFactory(UnitFactory)
    role = ResponsibilityRole.LEAD
    status = TaskStatus.IN_PROGRESS
    percent = 50
    done_text = f"已完成部分工作{LABEL}"
    state = ReportState.DRAFT

    @factory.post_generation
    def responsibility(self, create, extracted, **kwargs):
        if create and self.role:
            Responsibility.objects.get_or_create(
                task=self.task, unit=self.unit, role=self.role, defaults={"name_as_written": self.unit.name}
            )


class IndicatorFactory(DjangoModelFactory):
    """监测指标 from a target of a task of the plan (as indicators_sync makes them), reported by
    the task's lead unit."""

    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    plan = factory.SubFactory(PolicyDocumentFactory)
    task = factory.SubFactory(TaskFactory, document=factory.SelfAttribute("..plan"))
    target = factory.SubFactory(TargetFactory, task=factory.SelfAttribute("..task"))
    name = factory.SelfAttribute("target.indicator")
    kind = IndicatorKind.LEVEL
    comparator = factory.SelfAttribute("target.comparator")
    direction = "up"
    target_value = factory.SelfAttribute("target.value")
    unit_of_measure = factory.SelfAttribute("target.unit_of_measure")
    deadline = factory.LazyAttribute(lambda o: datetime.date(o.target.deadline_year, 12, 31))
    frequency = "quarterly"
    reporting_unit = factory.SubFactory(UnitFactory)
    confirmed = True

    @factory.post_generation
    def responsibility(self, create, extracted, **kwargs):
        if create:
            Responsibility.objects.get_or_create(
                task=self.task,
                unit=self.reporting_unit,
                role=ResponsibilityRole.LEAD,
                defaults={"name_as_written": self.reporting_unit.name},
            )


class IndicatorValueFactory(DjangoModelFactory):
    """指标数值 of the indicator's reporting unit, in a round of its plan."""

    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    unit = factory.SelfAttribute("indicator.reporting_unit")
    round = factory.SubFactory(ReportingRoundFactory, plan=factory.SelfAttribute("..indicator.plan"))
    period_end = factory.SelfAttribute("round.period_end")
    value = Decimal("3.2000")
    note = f"统计数{LABEL}"
    state = ReportState.SUBMITTED
    reported_at = factory.LazyFunction(clock.now)


class SupervisionOrderFactory(DjangoModelFactory):
    """督办单 on a task, issued by a plan-office user of the plan's office unit."""

    class Meta:
        model = SupervisionOrder

    number = factory.Sequence(lambda n: f"督办〔测试〕{n}号")
    plan = factory.SubFactory(PolicyDocumentFactory)
    task = factory.SubFactory(TaskFactory, document=factory.SelfAttribute("..plan"))
    unit = factory.SubFactory(UnitFactory)
    issue = f"任务进度滞后{LABEL}"
    requirement = "报送整改措施"
    deadline = factory.LazyFunction(lambda: clock.today() + datetime.timedelta(days=7))
    issued_by = factory.SubFactory(
        UserFactory, role=Role.PLAN_OFFICE, unit=factory.SelfAttribute("..plan.office_unit")
    )


# --- taxrisk ---------------------------------------------------------------------------------

RULE_FILE = "R08_zero_declared_active"  # a built-in rule the factories copy under a new code


def rule_files(code: str, stem: str = RULE_FILE) -> tuple[str, str]:
    """The SQL and YAML of a built-in rule, renumbered as `code` and labelled, checked by the
    real rule parser."""
    old = stem.split("_", 1)[0]
    sql = (Path(RULES_DIR) / f"{stem}.sql").read_text("utf-8").replace(f"'{old}'", f"'{code}'")
    meta = (Path(RULES_DIR) / f"{stem}.yml").read_text("utf-8")
    meta = meta.replace(f"code: {old}", f"code: {code}", 1)
    meta = meta.replace("\nname: ", f"\nname: {LABEL}", 1)
    parse_rule(sql, meta, slug=f"{code}_test", check=True)
    return sql, meta


class RiskRuleFactory(DjangoModelFactory):
    """风险规则 with a current version copied from a built-in rule file (R08) under a new code."""

    class Meta:
        model = RiskRule
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"R{100 + n % 900}")
    name = f"零申报有经营{LABEL}"
    enabled = True
    builtin = False

    @factory.post_generation
    def version(self, create, extracted, **kwargs):
        if create and extracted is not False:
            RuleVersionFactory(rule=self, **kwargs)


class RuleVersionFactory(DjangoModelFactory):
    """规则版本 from a rule file; becomes the rule's current version."""

    class Meta:
        model = RuleVersion
        skip_postgeneration_save = True

    class Params:
        stem = RULE_FILE
        files = factory.LazyAttribute(lambda o: rule_files(o.rule.code, o.stem))

    rule = factory.SubFactory(RiskRuleFactory, version=False)
    version = factory.LazyAttribute(lambda o: o.rule.versions.count() + 1)
    sql = factory.LazyAttribute(lambda o: o.files[0])
    meta = factory.LazyAttribute(lambda o: o.files[1])
    note = f"规则文件{LABEL}"

    @factory.post_generation
    def make_current(self, create, extracted, **kwargs):
        if create and extracted is not False:
            self.rule.current = self
            self.rule.save(update_fields=["current", "updated_at"])


class RiskRunFactory(DjangoModelFactory):
    """风险分析运行 (done) of one rule, as the run that found a lead."""

    class Meta:
        model = RiskRun

    class Params:
        rule = factory.SubFactory(RiskRuleFactory)

    engine = "duckdb"
    rules = factory.LazyAttribute(lambda o: [o.rule.code])
    period_from = "2025-01"
    period_to = "2025-12"
    state = "done"
    seconds = factory.LazyAttribute(lambda o: dict.fromkeys(o.rules, 0.01))
    lead_count = 1
    new_leads = 1


class LeadFactory(DjangoModelFactory):
    """疑点: a new lead of a rule on a synthetic company, found by a run of that rule; its evidence
    names the declaration row."""

    class Meta:
        model = Lead

    rule = factory.SubFactory(RiskRuleFactory)
    uscc = factory.LazyFunction(uscc)
    period = "2025-11"
    taxpayer_name = labelled("company")
    industry_code = "H6110"
    town = f"测试镇{LABEL}"
    tax_at_risk = Decimal("12000.00")
    amount = Decimal("150000.00")
    evidence = factory.LazyFunction(lambda: [{"dataset": "declaration", "submission": None, "row": 2}])
    status = "new"
    first_run = factory.SubFactory(RiskRunFactory, rule=factory.SelfAttribute("..rule"))
    last_run = factory.SelfAttribute("first_run")


def published_list_revision(*, eval_year: int = 2015, level: str = "A"):
    """A published (frozen) revision No. 1 of an evaluation year's A or D list, with no rows: for
    tests that only need its pages to exist."""
    from gongzhi.credit.models_lists import CreditList, ListRevision

    return ListRevision.objects.create(
        credit_list=CreditList.objects.create(eval_year=eval_year, level=level),
        number=1,
        state="published",
        as_of=datetime.date(eval_year + 1, 5, 1),
        content_hash="0" * 64,
        drafted_at=datetime.datetime(eval_year + 1, 5, 1, tzinfo=datetime.UTC),
        published_at=datetime.datetime(eval_year + 1, 5, 2, tzinfo=datetime.UTC),
    )


def done_push_campaign():
    """A finished policy-push campaign of rule P01 (the shipped push rules synced first)."""
    from gongzhi.credit.models_push import PushCampaign
    from gongzhi.credit.push import push_rules_sync

    push_rules_sync()
    return PushCampaign.objects.create(rule=RiskRule.objects.get(code="P01"), state="done")


def enterprise_request(*, lead=None, co=(), content: str = "", today=None, **fields):
    """An enterprise request (企业诉求) entered by the system for a new unit, routed to `lead` (and
    `co`) when given; `content` marks it (tests that look for its text)."""
    from gongzhi.cogov import services_enterprise

    day = today or datetime.date(2025, 6, 2)
    values = {
        "uscc": uscc(),
        "enterprise_name": f"测试企业{LABEL}",
        "contact_name": f"联系人甲{LABEL}",
        "contact_phone": "13912345678",
        "kind": "policy",
        "content": content or f"测试诉求{LABEL}",
        **fields,
    }
    request = services_enterprise.request_create(actor=None, today=day, unit=UnitFactory(), **values)
    if lead is not None:
        services_enterprise.request_route(actor=None, request=request, lead_unit=lead, co_units=co, today=day)
        request.refresh_from_db()
    return request
