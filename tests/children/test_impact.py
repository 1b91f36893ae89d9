"""Child impact assessments: the versioned checklist, the flow (own unit drafts, the office
signs off) and who is refused."""

import pytest
from factories import PolicyDocumentFactory, TaskFactory, UnitFactory, UserFactory

from gongzhi.children.register import services
from gongzhi.children.register.choices import Answer, AssessmentState, Conclusion, QuestionGroup
from gongzhi.children.register.models import ImpactAssessment, ImpactChecklist
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32


@pytest.fixture
def world():
    unit, other = UnitFactory(), UnitFactory()
    office_unit = UnitFactory()
    return {
        "unit": unit,
        "liaison": UserFactory(role=Role.LIAISON, unit=unit),
        "other_liaison": UserFactory(role=Role.LIAISON, unit=other),
        "office": UserFactory(role=Role.PLAN_OFFICE, unit=office_unit),
        "leader": UserFactory(role=Role.LEADER, unit=UnitFactory()),
        "task": TaskFactory(document=PolicyDocumentFactory(office_unit=office_unit)),
    }


def _answer_all(assessment, actor):
    answers = {a.question_id: (Answer.YES, "") for a in assessment.answers.all()}
    first = next(iter(answers))
    answers[first] = (Answer.PARTLY, "儿童议事会尚未座谈（虚构）")
    services.assessment_answer(
        actor=actor, assessment=assessment, answers=answers, summary="总体友好（虚构）"
    )


def test_the_default_checklist_has_twelve_questions_in_four_groups():
    checklist = services.checklist_default()
    questions = list(checklist.questions.all())
    assert checklist.version == 1
    assert len(questions) == 12
    assert {q.group for q in questions} == set(QuestionGroup.values)
    assert any("听取儿童意见" in q.text for q in questions)


def test_a_used_checklist_is_kept_and_an_edit_makes_the_next_version(world):
    start = services.checklist_default().version
    first = services.checklist_revise(
        actor=world["office"], questions=[(QuestionGroup.SAFETY, "是否有安全出口")], note="试行"
    )
    version = first.version
    assert version in (start, start + 1)  # a new version only when the current one was used
    again = services.checklist_revise(
        actor=world["office"], questions=[(QuestionGroup.SAFETY, "是否有安全出口（修订）")]
    )
    assert again.version == version  # nobody used it yet: edited in place
    assessment = services.assessment_create(
        actor=world["liaison"], owner_unit=world["unit"], task=world["task"]
    )
    revised = services.checklist_revise(
        actor=world["office"],
        questions=[
            (QuestionGroup.SAFETY, "是否有安全出口"),
            (QuestionGroup.PARTICIPATION, "是否听取儿童意见"),
        ],
    )
    assert revised.version == version + 1
    assert ImpactChecklist.objects.get(version=version).questions.count() == 1
    assessment.refresh_from_db()
    assert assessment.checklist.version == version and assessment.answers.count() == 1
    with pytest.raises(ApplicationError):
        services.checklist_revise(actor=world["liaison"], questions=[(QuestionGroup.SPACE, "问题")])


def test_own_unit_drafts_submits_and_the_office_signs_off(world, data_dir):
    liaison, office = world["liaison"], world["office"]
    assessment = services.assessment_create(actor=liaison, owner_unit=world["unit"], task=world["task"])
    assert assessment.answers.count() == 12
    with pytest.raises(ApplicationError, match="尚未回答"):
        services.assessment_submit(actor=liaison, assessment=assessment)
    _answer_all(assessment, liaison)
    services.assessment_attach(actor=liaison, assessment=assessment, filename="现场照片.png", data=PNG)
    services.assessment_submit(actor=liaison, assessment=assessment)
    with pytest.raises(ApplicationError):  # submitted: the unit cannot change it any more
        _answer_all(assessment, liaison)
    services.assessment_return(actor=office, assessment=assessment, comment="请补充儿童意见（虚构）")
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.RETURNED
    services.assessment_submit(actor=liaison, assessment=assessment)
    with pytest.raises(ApplicationError, match="须修改事项"):
        services.assessment_sign_off(actor=office, assessment=assessment, conclusion=Conclusion.WITH_CHANGES)
    services.assessment_sign_off(
        actor=office,
        assessment=assessment,
        conclusion=Conclusion.WITH_CHANGES,
        required_changes="增设儿童过街设施（虚构）",
    )
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SIGNED_OFF and assessment.reviewed_by == office
    with pytest.raises(ApplicationError):  # locked
        services.assessment_return(actor=office, assessment=assessment, comment="再改")
    with pytest.raises(ApplicationError):
        services.assessment_attach(actor=liaison, assessment=assessment, filename="b.png", data=PNG)
    actions = set(
        AuditEntry.objects.filter(
            object_id=str(assessment.pk), object_type="children_register.impactassessment"
        ).values_list("action", flat=True)
    )
    assert {
        "impact_assessment_created",
        "impact_assessment_submitted",
        "impact_assessment_signed_off",
    } <= actions


def test_another_units_liaison_is_refused_and_sees_nothing(world, client_for):
    assessment = services.assessment_create(
        actor=world["liaison"], owner_unit=world["unit"], task=world["task"]
    )
    other = world["other_liaison"]
    with pytest.raises(ApplicationError):
        services.assessment_create(actor=other, owner_unit=world["unit"], task=world["task"])
    with pytest.raises(ApplicationError):
        _answer_all(assessment, other)
    before = ImpactAssessment.objects.get(pk=assessment.pk).updated_at
    assert not ImpactAssessment.objects.visible_to(other).exists()
    assert client_for(other).get(f"/children/impact/{assessment.pk}/").status_code == 404
    response = client_for(other).post(f"/children/impact/{assessment.pk}/answer/", {"summary": "改"})
    assert response.status_code == 404
    assert ImpactAssessment.objects.get(pk=assessment.pk).updated_at == before
    # the liaison cannot sign off its own assessment; the leader reads it but cannot review
    _answer_all(assessment, world["liaison"])
    services.assessment_submit(actor=world["liaison"], assessment=assessment)
    with pytest.raises(ApplicationError):
        services.assessment_sign_off(
            actor=world["liaison"], assessment=assessment, conclusion=Conclusion.FRIENDLY
        )
    assert client_for(world["leader"]).get(f"/children/impact/{assessment.pk}/").status_code == 200
    response = client_for(world["leader"]).post(
        f"/children/impact/{assessment.pk}/review/", {"decision": "sign_off", "conclusion": "friendly"}
    )
    assert response.status_code == 403
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED


def test_pages_walk_the_flow_for_an_outside_project(world, client_for):
    liaison = client_for(world["liaison"])
    response = liaison.post(
        "/children/impact/new/",
        {
            "subject_kind": "project",
            "project_name": "示例口袋公园改造（虚构）",
            "project_description": "旧厂区改造为口袋公园",
            "owner_unit": world["unit"].pk,
        },
    )
    assessment = ImpactAssessment.objects.get(project__name="示例口袋公园改造（虚构）")
    assert response.status_code == 302
    data = {f"answer_{a.question_id}": "yes" for a in assessment.answers.all()}
    data.update(summary="符合（虚构）", submit="1")
    liaison.post(f"/children/impact/{assessment.pk}/answer/", data)
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED
    office = client_for(world["office"])
    office.post(
        f"/children/impact/{assessment.pk}/review/", {"decision": "sign_off", "conclusion": "friendly"}
    )
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SIGNED_OFF
    page = office.get("/children/impact/?conclusion=friendly").content.decode()
    assert "示例口袋公园改造（虚构）" in page and "符合儿童友好要求" in page
    assert (
        "示例口袋公园改造（虚构）"
        not in client_for(world["other_liaison"]).get("/children/impact/").content.decode()
    )
