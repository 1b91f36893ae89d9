"""Which items are tasks, by the layout of the document (issue 12): paragraphs with their own
unit parenthesis under one heading, items whose text starts with digits, task sections of a
document that names no unit."""

from gongzhi.plans.parsing import parse_text

NOTICE = "某市人民政府关于印发某某工作方案的通知\n"


def _tasks(text):
    return [t for d in parse_text(text).documents for t in d.tasks]


def _units(task, role):
    return [u.name for u in task.units if u.role == role]


def test_paragraphs_with_their_own_units_under_a_heading_are_tasks():
    text = (
        "某某工作方案\n"
        "一、主要任务\n"
        "（一）强化规划引领，发挥统筹作用。编制专项规划，明确建设路径。（市发展改革委牵头，市财政局参与）\n"
        "优化管理体制。强化分工协作，建立协调机制，明确职责边界。（市生态环境局负责）\n"
        "完善制度政策，增强系统性。制定配套办法。\n"
        "加强政策集成，形成合力。（市财政局、市税务局负责）\n"
        "（二）实施绿色生产。推行清洁生产审核。（市工业和信息化局负责）\n"
    )
    tasks = _tasks(text)
    assert [t.number for t in tasks] == ["（一）", "", "", "（二）"]
    assert _units(tasks[0], "lead") == ["市发展改革委"]
    assert _units(tasks[0], "cooperating") == ["市财政局"]
    assert tasks[1].title == "优化管理体制"
    assert _units(tasks[1], "lead") == ["市生态环境局"]
    # a paragraph without units joins the next one that carries them
    assert tasks[2].text.startswith("完善制度政策") and "加强政策集成" in tasks[2].text
    assert _units(tasks[2], "responsible") == ["市财政局", "市税务局"]


def test_a_heading_with_paragraphs_and_units_only_at_the_end_is_one_task():
    text = (
        "某某工作方案\n"
        "一、主要任务\n"
        "（一）加强队伍建设\n"
        "选优配强工作力量，健全培训机制。\n"
        "完善考核激励，落实待遇保障。（市委组织部牵头，市人力资源社会保障局配合）\n"
        "（二）推进数据共享。建设共享平台。（市数据局负责）\n"
    )
    tasks = _tasks(text)
    assert [t.number for t in tasks] == ["（一）", "（二）"]
    assert "完善考核激励" in tasks[0].text


def test_unit_label_lines_belong_to_the_item_above():
    text = (
        "某某重点工作责任分解\n"
        "一、确保完成主要预期目标\n"
        "1. 地区生产总值增长8%以上。\n"
        "牵头责任单位：市发展改革委。\n"
        "协同责任单位：市经信局、市商务局。\n"
        "2. 财政收入增长8%左右。\n"
        "牵头责任单位：市财政局。\n"
    )
    tasks = _tasks(text)
    assert [t.number for t in tasks] == ["1.", "2."]
    assert _units(tasks[0], "cooperating") == ["市经信局", "市商务局"]


def test_an_item_whose_text_starts_with_digits_follows_its_list():
    items = "\n".join(f"{n}.第{n}项工作。加强建设。（市人才局负责）" for n in range(1, 11))
    text = f"某某实施意见\n一、主要任务\n{items}\n11.121人才梯队项目。重点培养青年人才。（市人才局负责）\n"
    tasks = _tasks(text)
    assert [t.number for t in tasks][-2:] == ["10.", "11."]
    assert tasks[-1].text.startswith("11.121人才梯队项目")


def test_a_decimal_at_the_start_of_a_paragraph_is_not_an_item():
    text = (
        "某某实施意见\n一、主要任务\n"
        "1.扩大有效投资。实施重点项目。（市发展改革委负责）\n"
        "1.5万亿元的投资计划分年度实施。\n"
        "3.5万人次的培训计划同步推进。\n"
    )
    tasks = _tasks(text)
    assert [t.number for t in tasks] == ["1."]
    assert "3.5万人次" in tasks[0].text
