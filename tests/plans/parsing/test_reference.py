"""The reference file: two 周村区 documents of 2023 (tests/fixtures/plans/zhoucun_2023_reference.txt).

Every expected value below was written out by hand from the text.
"""

import pytest

# (number, lead units) for the 41 tasks of 周政办字〔2023〕8号; none has other roles.
DOC1_LEADS = [
    ("（1）", ["区发展改革局", "区妇儿工委办公室"]),
    (
        "（2）",
        [
            "区自然资源局",
            "周村规划管理办公室",
            "区住房城乡建设局",
            "区妇儿工委办公室",
            "区教育和体育局",
            "区卫生健康局",
            "区综合行政执法局",
            "区文化和旅游局",
        ],
    ),
    ("（3）", ["区妇联"]),
    ("（4）", ["区妇儿工委办公室"]),
    ("（5）", ["区卫生健康局"]),
    ("（6）", ["区教育和体育局"]),
    ("（7）", ["区教育和体育局", "区财政局"]),
    ("（8）", ["区教育和体育局", "区“双减”工作协调机制成员单位"]),
    ("（9）", ["区教育和体育局"]),
    ("（10）", ["区卫生健康局"]),
    ("（11）", ["区卫生健康局", "区教育和体育局"]),
    ("（12）", ["区卫生健康局", "区教育和体育局"]),
    ("（13）", ["区教育和体育局", "区卫生健康局"]),
    ("（14）", ["区教育和体育局"]),
    ("（15）", ["区委宣传部", "区文化和旅游局", "区教育和体育局"]),
    ("（16）", ["区文化和旅游局", "区委宣传部", "区文联", "区融媒体中心"]),
    ("（17）", ["区民政局"]),
    ("（18）", ["区民政局"]),
    ("（19）", ["区民政局", "区行政审批服务局", "团区委", "区妇联"]),
    ("（20）", ["区医保分局", "区民政局"]),
    ("（21）", ["区民政局", "区财政局", "团区委"]),
    ("（22）", ["区残联机关"]),
    ("（23）", ["区妇儿工委办公室"]),
    ("（24）", ["区妇儿工委办公室"]),
    ("（25）", ["区教育和体育局", "周村交警大队", "区交通运输局", "区综合行政执法局"]),
    ("（26）", ["区卫生健康局"]),
    (
        "（27）",
        ["周村规划管理办公室", "区住房城乡建设局", "周村交警大队", "区交通运输局", "区综合行政执法局"],
    ),
    ("（28）", ["区综合行政执法局", "区住房城乡建设局"]),
    ("（29）", ["区文化和旅游局", "区教育和体育局", "区科协"]),
    ("（30）", ["区妇联", "区委宣传部"]),
    ("（31）", ["区妇联", "区教育和体育局"]),
    ("（32）", ["区委宣传部", "团区委", "区教育和体育局"]),
    ("（33）", ["区委宣传部"]),
    ("（34）", ["区生态环境分局"]),
    ("（35）", ["区总工会", "区工业和信息化局", "区科技局", "区财政局"]),
    ("（36）", ["区委宣传部", "区融媒体中心", "区妇儿工委办公室"]),
    ("（37）", ["周村交警大队", "区市场监管局", "区文化和旅游局", "区教育和体育局"]),
    ("（38）", ["区应急局"]),
    ("（39）", ["区委宣传部", "区公安分局"]),
    ("（40）", ["区司法局", "区检察院", "区法院"]),
    ("（41）", ["区公安分局", "区检察院", "区法院"]),
]

SHARED_RESPONSIBLE = [
    "区法院",
    "区发展改革局",
    "区教育和体育局",
    "区科技局",
    "区公安分局",
    "区民政局",
    "区司法局",
    "区人力资源社会保障局",
    "区自然资源局",
    "区生态环境分局",
    "区住房城乡建设局",
    "区交通运输局",
    "区水利局",
    "区退役军人局",
    "区审计局",
    "区行政审批服务局",
    "区体育事业服务中心",
    "区医疗保障分局",
    "区地方金融监管局",
    "市住房公积金管理中心周村分中心",
]
# (number, title, lead, responsible, open_ended) for 周政办字〔2023〕10号.
DOC2_TASKS = [
    (
        "（一）",
        "基础信息共管",
        [],
        ["区财政局", "区税务局", "区委政法委", "各镇（街道）", "经济开发区"],
        True,
    ),
    ("（二）", "税费数据共享", ["区财政局", "区税务局"], SHARED_RESPONSIBLE, False),
    ("（三）", "税费监管共治", ["区财政局", "区税务局"], SHARED_RESPONSIBLE, False),
    ("（四）", "经济财源共建", [], ["区财政局", "区税务局"], True),
    ("（五）", "信用结果共用", [], ["区发展改革局", "区税务局"], True),
    ("（六）", "服务发展共促", [], ["区财政局", "区税务局", "区发展改革局"], True),
]

# Every quantified target: (task, indicator, comparator, value, value_max, unit, deadline_year, per).
# A “十四五”时期 plan: a target without a year in its own sentence has the end of the period (2025)
# as its deadline (issue 12), except a yearly rate (per 年), which keeps none.
DOC1_TARGETS = [
    ("（5）", "每千人口3岁以下婴幼儿托位数", ">=", 4.5, None, "个", 2025, None),
    ("（6）", "区普惠性幼儿园覆盖率", ">", 90, None, "%", 2025, None),
    ("（6）", "公办幼儿园在园幼儿占比", ">=", 65, None, "%", 2025, None),
    ("（6）", "省级一类以上幼儿园", ">=", 60, None, "%", 2025, None),
    ("（7）", "完成新建改扩建中小学", ">=", 5, None, "所", 2025, None),
    ("（9）", "义务教育阶段本科及以上学历专任老师比例", ">=", 95.8, None, "%", 2025, None),
    ("（10）", "每千名儿童拥有儿科执业（助理）医生", ">=", 0.85, None, "名", 2025, None),
    ("（10）", "床位", ">=", 2.2, None, "张", 2025, None),
    ("（11）", "儿童总体近视率", "decrease_by", 1, None, "百分点", None, "年"),
    ("（12）", "12岁儿童龋患率", "<=", 30, None, "%", 2025, None),
    ("（14）", "学生在校期间校园体育活动时间", ">=", 1, None, "小时", 2025, "天"),
    ("（14）", "学生体质健康测试优良率", ">=", 55, None, "%", 2025, None),
    ("（14）", "学生体质健康测试合格率", ">=", 95, None, "%", 2025, None),
    ("（18）", "配备儿童督导员", "=", 1, None, "名", 2025, "镇（街道）"),
    ("（18）", "配备儿童主任", "=", 1, None, "名", 2025, "村（社区）"),
    ("（23）", "建设儿童友好街区", "range", 3, 5, "处", 2025, None),
    ("（27）", "建设儿童友好出行道路", ">=", 3, None, "条", 2025, None),
    ("（28）", "建设儿童友好主题公园（口袋公园）", ">=", 2, None, "个", 2025, None),
    ("（29）", "新建、改建多功能运动场地", ">=", 12, None, "片", 2023, None),
    ("（29）", "建设儿童友好新型公共阅读空间", ">=", 3, None, "个", 2025, None),
    ("（31）", "组织家庭教育指导活动", ">=", 2, None, "次", 2025, "学期"),
]
DOC1_MILESTONES = [
    ("（3）", 2025, "到2025年，三级儿童议事会体系基本形成"),
    ("（21）", 2023, "2023年实现应建尽建"),
    ("（22）", 2024, "到2024年，适应症脑瘫儿童全部救助到位"),
    ("（24）", 2025, "到2025年，全区社区普遍开展儿童友好社区建设"),
    ("（25）", 2025, "到2025年，全区中小学校、幼儿园普遍开展儿童友好学校建设"),
    ("（26）", 2025, "到2025年，全区提供儿童诊疗服务的医院普遍开展儿童友好医院建设"),
]

GROUP_MEMBERS = [
    ("贺迎东", "组长", "区政府副区长"),
    ("吴振峰", "副组长", "区财政局局长"),
    ("赵谦", "副组长", "区税务局局长"),
    ("张德忠", "成员", "区法院副院长（副科级）"),
    ("董岩", "成员", "区发展改革局党组成员、四级主任科员"),
    ("马锋", "成员", "区教育事业服务中心副主任"),
    ("解虹", "成员", "区体育事业服务中心副主任"),
    ("赵琦", "成员", "区科技局党组成员、科学技术发展中心七级职员"),
    ("朱军", "成员", "区公安分局政委、党委副书记"),
    ("赵红", "成员", "区民政局党组成员、二级主任科员"),
    ("于立洪", "成员", "区司法局党组成员、四级主任科员"),
    ("王立谦", "成员", "区社会保险事业中心副主任"),
    ("沈燕", "成员", "区自然资源局党组成员、二级主任科员"),
    ("杜卫东", "成员", "区生态环境分局党组成员、原总量办主任"),
    ("修先淼", "成员", "区住房城乡建设局党组成员、四级主任科员"),
    ("李建", "成员", "区交通运输局党组成员、三级主任科员"),
    ("商世峰", "成员", "区水利局副局长"),
    ("袁春", "成员", "区退役军人事务局副局长、四级调研员"),
    ("李修源", "成员", "区审计局党组副书记、二级主任科员"),
    ("王淑增", "成员", "区行政审批服务局党组成员、政务服务中心主任"),
    ("刘维克", "成员", "区地方金融监管局副局长"),
    ("王绍志", "成员", "市住房公积金管理中心周村分中心主任"),
    ("张惠", "成员", "区医疗保障服务中心副主任"),
    ("周强", "成员", "周村经济开发区党工委副书记、管委会主任"),
    ("袁钊", "成员", "王村镇镇长"),
    ("杨志浩", "成员", "南郊镇镇长"),
    ("魏巍", "成员", "北郊镇镇长"),
    ("王军皓", "成员", "大街街道办事处主任"),
    ("孙广涛", "成员", "丝绸路街道办事处主任"),
    ("李彦霞", "成员", "永安街街道办事处主任"),
    ("王洋", "成员", "青年路街道办事处主任"),
    ("赵亮", "成员", "城北路街道办事处主任"),
]


@pytest.fixture(scope="module")
def docs(reference_result):
    return reference_result.documents


def test_two_documents_with_their_metadata(docs):
    assert len(docs) == 2
    first, second = docs
    assert first.doc_number == "周政办字〔2023〕8号"
    assert second.doc_number == "周政办字〔2023〕10号"
    assert first.issuer == second.issuer == "周村区人民政府办公室"
    assert first.title == "周村区“十四五”时期加快推进儿童友好城市建设行动方案"
    assert first.notice_title == "关于印发周村区“十四五”时期加快推进儿童友好城市建设行动方案的通知"
    assert second.title == "关于加强税费协同共治工作的实施意见"
    assert second.notice_title is None
    assert first.date == "2023-03-28"
    assert second.date is None  # the second document has no date line
    assert first.publication == "此件公开发布"
    assert second.publication is None
    assert (
        first.recipients == "各镇政府、街道办事处，周村经济开发区管委会，区政府各部门，各有关单位，各有关企业"
    )
    assert second.recipients == "各镇政府、街道办事处，周村经济开发区管委会，区政府有关部门，有关单位"
    assert first.attachments == []
    assert second.attachments == ["周村区税费协同共治领导小组成员名单"]
    assert first.end_year == 2025  # 十四五
    assert second.end_year is None


def test_document_one_has_41_tasks_with_exact_lead_units(docs):
    tasks = docs[0].tasks
    assert [t.number for t in tasks] == [n for n, _ in DOC1_LEADS]
    for task, (number, leads) in zip(tasks, DOC1_LEADS, strict=True):
        assert (task.number, task.lead_units) == (number, leads)
        assert task.responsible_units == [] and task.cooperating_units == []
        assert task.open_ended is (number == "（35）")  # 区财政局等各行业主管部门


def test_document_two_has_6_tasks_with_exact_units(docs):
    tasks = docs[1].tasks
    assert len(tasks) == 6
    for task, (number, title, lead, responsible, open_ended) in zip(tasks, DOC2_TASKS, strict=True):
        assert task.number == number
        assert task.title == title
        assert task.lead_units == lead
        assert task.responsible_units == responsible
        assert task.cooperating_units == []
        assert task.open_ended is open_ended
        assert task.path == ["二、主要内容"]


def test_work_requirements_and_organisation_items_are_not_tasks(docs):
    assert not [t for t in docs[0].tasks if t.path and t.path[0].startswith("三、")]
    assert not [t for t in docs[1].tasks if t.path and t.path[0].startswith("三、")]


def test_paths_titles_text_and_spans(docs):
    doc = docs[0]
    first = doc.tasks[0]
    assert first.path == ["二、重点任务", "（一）完善儿童友好社会政策", "1．实施儿童友好政策设计行动"]
    assert first.title == "加强儿童友好规划设计"
    assert first.text.startswith("（1）加强儿童友好规划设计。推动将")
    assert first.text.endswith("（牵头部门：区发展改革局、区妇儿工委办公室）")
    assert doc.tasks[2].title is None  # （3） is one long item
    last = doc.tasks[-1]
    assert last.path == ["二、重点任务", "（五）优化儿童友好发展环境", "13．实施儿童安全保护提升行动"]
    for task in doc.tasks:
        start, end = task.source_span
        assert doc.text[start:end] == task.text
        for unit in task.units:
            assert doc.text[unit.span[0] : unit.span[1]] == unit.name
        for target in task.targets:
            assert target.text in doc.text[target.span[0] : target.span[1]]


def test_every_quantified_target(docs):
    got = [
        (t.number, x.indicator, x.comparator, x.value, x.value_max, x.unit, x.deadline_year, x.per)
        for t in docs[0].tasks
        for x in t.targets
    ]
    assert got == DOC1_TARGETS
    assert all(not t.targets for t in docs[1].tasks)


def test_descriptive_numbers_are_not_targets(docs):
    texts = [x.text for t in docs[0].tasks for x in t.targets]
    values = {(x.value, x.unit) for t in docs[0].tasks for x in t.targets}
    assert (15, "分钟") not in values
    assert (1, "项") not in values and (2, "项") not in values
    assert not any("15分钟" in t for t in texts)


def test_milestones(docs):
    got = [(t.number, m.deadline_year, m.text) for t in docs[0].tasks for m in t.milestones]
    assert [(n, y) for n, y, _ in got] == [(n, y) for n, y, _ in DOC1_MILESTONES]
    for (_, _, text), (_, _, expected) in zip(got, DOC1_MILESTONES, strict=True):
        assert text.startswith(expected)


def test_the_leading_group(docs):
    assert docs[0].groups == []
    (group,) = docs[1].groups
    assert group.name == "周村区税费协同共治领导小组"
    assert group.office_unit == "区财政局"
    assert group.office_director == "吴振峰"
    assert [(m.name, m.role, m.title) for m in group.members] == GROUP_MEMBERS
    assert len(group.members) == 32


def test_json_contract(reference_result):
    data = reference_result.to_json()
    doc = data["documents"][0]
    for key in (
        "title",
        "notice_title",
        "doc_number",
        "issuer",
        "date",
        "tasks",
        "groups",
        "recipients",
        "publication",
        "attachments",
        "end_year",
    ):
        assert key in doc
    task = doc["tasks"][0]
    assert set(task) >= {
        "number",
        "path",
        "title",
        "text",
        "lead_units",
        "responsible_units",
        "cooperating_units",
        "open_ended",
        "targets",
        "milestones",
        "source_span",
    }
    target = data["documents"][0]["tasks"][4]["targets"][0]
    assert set(target) >= {
        "indicator",
        "comparator",
        "value",
        "value_max",
        "unit",
        "deadline_year",
        "per",
        "text",
    }
    member = data["documents"][1]["groups"][0]["members"][0]
    assert member == {"name": "贺迎东", "role": "组长", "title": "区政府副区长"}
    assert "text" not in doc
