"""Issue 15, item 4: the co-governance notice drafted from a run of the demo: a paragraph per unit
with problems, the late / missing / inaccurate data lines, the overdue leads, the commendation."""

import datetime
import io

import pytest
from docx import Document
from factories import LeadFactory

from gongzhi.assessment import services
from gongzhi.assessment.models import Notice, ScoreRun
from gongzhi.assessment.notices import COMMEND_MIN, draft_text, notice_docx, points_words
from gongzhi.assessment.schemes import parse_assessment_period
from gongzhi.core.files import remove_temporary
from gongzhi.core.periods import date_words

pytestmark = pytest.mark.django_db


def test_the_cogov_notice_of_the_demo_names_each_unit_its_data_problems_and_overdue_leads(demo, users):
    demo_run = ScoreRun.objects.filter(version__scheme__code="cogov").order_by("pk").first()
    period = parse_assessment_period(demo_run.period)
    if demo_run.as_of <= period.start:
        pytest.skip("the first day of a half-year: no deadline can have passed in it yet")
    scheme = demo_run.version.scheme
    last = demo_run.scores.order_by("-rank", "unit__name").first().unit
    lead = LeadFactory(
        assignee_unit=last, status="dispatched", deadline=demo_run.as_of - datetime.timedelta(days=1)
    )
    run = services.score_compute(actor=users["cogov_office"], scheme=scheme, period=period)
    assert run.pk != demo_run.pk and run.as_of == demo_run.as_of

    title, body, commended, criticised = draft_text(run)
    lines = body.splitlines()
    assert title == f"关于{period.label}{scheme.name}结果的通报"
    problems = lines[lines.index(next(x for x in lines if x.endswith("存在的问题"))) + 2 :]
    problems = problems[: next(i for i, x in enumerate(problems) if x.endswith("工作要求"))]
    # one paragraph per unit with problems, and every unit that lost data points has one
    named = [x.split("：", 1)[0] for x in problems]
    assert len(named) == len(set(named)) and set(named) == set(criticised)
    data_losers = {
        s.unit.name
        for s in run.scores.all()
        for i in s.items.all()
        if i.kind in ("timeliness", "completeness", "accuracy") and i.points < i.max_points
    }
    assert data_losers and data_losers <= set(named)
    text = "\n".join(problems)
    assert "逾期报送" in text or "天报送" in text  # late
    assert "逾期未报送" in text  # incomplete: not sent
    assert "行有误" in text  # inaccurate: rejected rows
    # the overdue lead, by its rule and deadline (never the taxpayer)
    (line,) = [x for x in problems if x.startswith(f"{last.name}：")]
    assert (
        f"疑点信息逾期未核实反馈：第{lead.pk}号疑点（{lead.rule.name}，核实期限{date_words(lead.deadline)}）"
        in line
    )
    assert lead.taxpayer_name not in body
    evidence = run.scores.get(unit=last).items.get(criterion="leads").evidence.values_list("ref", flat=True)
    assert lead.pk in evidence  # the notice says what the score took points for
    # the commendation of the units at or above the line
    high = sorted(s.unit.name for s in run.scores.all() if s.score >= COMMEND_MIN and not s.vetoed)
    assert high, "the demo has units that score high"
    assert sorted(commended) == high
    assert "二、表扬单位" in lines
    praise = lines[lines.index("二、表扬单位") + 1]
    assert all(name in praise for name in high) and "予以通报表扬" in praise
    best = run.scores.order_by("rank").first()
    assert f"1. {best.unit.name}：{points_words(best.score)}分" in lines

    # the .docx in 公文 layout carries the same lines
    path = notice_docx(Notice(run=run, title=title, body=body), day=demo)
    try:
        doc_text = "\n".join(p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs)
    finally:
        remove_temporary(path.parent)
    assert line in doc_text and praise in doc_text and title in doc_text
