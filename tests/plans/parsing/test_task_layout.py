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


NO_UNITS = (
    "某某试点工作方案\n"
    "一、总体要求\n"
    "（一）指导思想。以新发展理念为引领，推进试点工作。\n"
    "（二）基本原则。\n"
    "1.问题导向。针对突出问题，建设统一平台。\n"
    "2.平稳有序。积极稳妥推进。\n"
    "（三）工作目标。2025年底前完成试点。\n"
    "二、试点范围\n"
    "确定若干城市作为试点地区。\n"
    "三、试点任务\n"
    "（一）建设统一平台。试点地区要建设集约化平台。\n"
    "（二）形成标准规范。编制平台建设标准。\n"
    "四、扩大开放范围\n"
    "1.放宽准入。取消不合理限制。\n"
    "2.优化服务。推行一网通办。\n"
    "五、明确工作职责\n"
    "本方案所称平台，是指统一建设的信息平台。\n"
    "六、工作进度\n"
    "（一）制定实施方案。试点地区要抓紧制定方案。\n"
    "七、保障措施\n"
    "（一）加强组织领导。试点地区要高度重视。\n"
    "（二）开展考核评估。试点地区要制定考核办法。\n"
)


def test_a_document_without_units_takes_the_leaves_of_its_task_sections():
    tasks = _tasks(NO_UNITS)
    assert [(t.number, t.title) for t in tasks] == [
        ("（一）", "建设统一平台"),
        ("（二）", "形成标准规范"),
        ("1.", "放宽准入"),
        ("2.", "优化服务"),
    ]
    assert all(not t.units for t in tasks)


def test_without_units_a_leaf_heading_of_work_is_a_task_and_a_leaf_of_principles_is_not():
    text = (
        "某某工作的通知\n"
        "一、充分认识做好此项工作的重要意义\n"
        "各地要提高认识。\n"
        "二、制定配套制度和具体实施办法\n"
        "各单位要在3个月内制定具体办法。\n"
        "三、深入推进改革\n"
        "（一）推动预算调剂权落实到位。简化审批。\n"
        "（二）统一编码和术语集。推行统一标准。\n"
        "四、加强督查指导\n"
        "（一）开展自查和督查。各单位要开展自查。\n"
    )
    tasks = _tasks(text)
    assert [t.number for t in tasks] == ["二、", "（一）", "（二）"]


def test_with_units_the_clause_decides_also_in_framing_sections():
    text = (
        "某某工作方案\n"
        "一、主要任务\n"
        "（一）建设平台。建设统一平台。（市数据局负责）\n"
        "二、保障措施\n"
        "（一）加强组织领导。各地各部门要高度重视。\n"
        "（二）强化资金保障。统筹安排资金。（市财政局负责）\n"
    )
    tasks = _tasks(text)
    assert [(t.number, t.title) for t in tasks] == [("（一）", "建设平台"), ("（二）", "强化资金保障")]


def test_small_full_stop_numbering():
    text = (
        "某市行动方案\n一、重点任务\n"
        "1﹒加强建设。推进平台建设。（市数据局负责）\n"
        "2﹒完善机制。建立联席会议。（市发展改革委牵头）\n"
    )
    assert [t.number for t in _tasks(text)] == ["1﹒", "2﹒"]


def test_units_after_the_last_sub_point_belong_to_the_whole_item():
    text = (
        "某方案\n一、主要任务\n"
        "（一）加强产业培育。\n1.壮大龙头企业。\n2.培育中小企业。\n3.优化产业生态。（市工信局牵头，市科技局配合）\n"
        "（二）推进开放合作。\n1.扩大招商。\n2.深化合作。（市商务局负责）\n"
    )
    tasks = _tasks(text)
    assert [t.number for t in tasks] == ["（一）", "（二）"]
    assert "壮大龙头企业" in tasks[0].text and "优化产业生态" in tasks[0].text
    assert _units(tasks[0], "lead") == ["市工信局"]
    assert _units(tasks[0], "cooperating") == ["市科技局"]


def test_sub_points_stay_tasks_where_the_document_assigns_at_their_level():
    text = (
        "某方案\n一、主要任务\n"
        "（一）推进项目建设。\n1.建设A项目。（市住建局负责）\n2.建设B项目。（市交通局负责）\n"
        "（二）推进开放合作。\n1.扩大招商。\n2.深化合作。（市商务局负责）\n"
    )
    tasks = _tasks(text)
    # (round 42: an item without a unit beside items with units is a task of no named unit, as the
    # whole plans of the blind set r507–r543 are annotated; its heading （二） is still no task)
    assert [(t.number, t.title, bool(t.units)) for t in tasks] == [
        ("1.", "建设A项目", True),
        ("2.", "建设B项目", True),
        ("1.", "扩大招商", False),
        ("2.", "深化合作", True),
    ]


def test_unnumbered_task_paragraphs_under_a_bare_heading():
    text = (
        "某方案\n一、重点任务\n"
        "加强队伍建设。选优配强力量。（市委组织部负责）\n"
        "推进数据共享。建设平台。（市数据局负责）\n"
        "二、保障措施\n各地要加强领导。\n"
    )
    tasks = _tasks(text)
    assert [(t.number, t.title) for t in tasks] == [("", "加强队伍建设"), ("", "推进数据共享")]
    assert tasks[0].path == ["一、重点任务"]


def test_part_and_chinese_dot_headings_are_sections():
    text = (
        "某意见\n第一部分 总体要求\n坚持稳中求进。\n第二部分 重点任务\n"
        "一．加快发展产业\n（一）推进A。做好A。\n（二）推进B。做好B。\n"
        "二．保障措施\n（一）加强组织领导。各地区要重视。\n"
    )
    document = parse_text(text).documents[0]
    assert [n.style for n in document.outline] == ["part", "part"]
    assert [n.style for n in document.outline[1].children] == ["cn_dot", "cn_dot"]
    assert [t.title for t in document.tasks] == ["推进A", "推进B"]


def test_the_closing_provision_of_a_measures_list_is_not_a_task():
    text = (
        "某市若干措施\n为加快发展，制定以下措施。\n"
        "一、加大资金支持。设立专项资金。\n二、强化人才保障。引进人才。\n"
        "三、本措施自印发之日起施行，有效期3年。\n"
    )
    assert [t.number for t in _tasks(text)] == ["一、", "二、"]


def test_an_introducing_line_belongs_to_no_unnumbered_task():
    text = (
        "某方案\n一、重点任务\n围绕目标，重点抓好以下工作：\n"
        "加强队伍建设。选优配强力量。（市委组织部负责）\n"
        "推进数据共享。建设平台。（市数据局负责）\n"
    )
    tasks = _tasks(text)
    assert [t.text[:6] for t in tasks] == ["加强队伍建设", "推进数据共享"]


def test_the_field_lines_of_a_government_site_are_not_the_header():
    text = (
        "首页 > 政务公开 > 政策文件\n"
        "某省人民政府办公厅关于印发某省促进消费若干措施的通知\n"
        "索引号：000014349/2023-00012\n主题分类：商贸\n发文机关：某省人民政府办公厅\n"
        "成文日期：2023年03月05日\n标题：某省人民政府办公厅关于印发某省促进消费若干措施的通知\n"
        "发文字号：某政办发〔2023〕8号\n发布日期：2023年03月08日\n"
        "某政办发〔2023〕8号\n各市人民政府，省政府各部门：\n"
        "《某省促进消费若干措施》已经省政府同意，现印发给你们，请认真贯彻执行。\n"
        "某省人民政府办公厅\n2023年3月5日\n（此件公开发布）\n某省促进消费若干措施\n"
        "一、发放消费券。各市发放消费券。（省商务厅负责）\n二、促进汽车消费。（省商务厅牵头，省公安厅配合）\n"
    )
    document = parse_text(text).documents[0]
    assert document.title == "某省促进消费若干措施"
    assert document.notice_title == "某省人民政府办公厅关于印发某省促进消费若干措施的通知"
    assert document.doc_number == "某政办发〔2023〕8号"
    assert document.issuer == "某省人民政府办公厅"
    assert [t.number for t in document.tasks] == ["一、", "二、"]


def test_a_legal_database_header_gives_the_doc_number():
    text = (
        "某市人民政府关于印发某市数字经济三年行动方案（2023—2025年）的通知\n"
        "发布部门：某市人民政府\n发文字号：某府〔2023〕5号\n发布日期：2023.05.06\n时效性：现行有效\n"
        "各区人民政府，市政府各部门：\n现将方案印发给你们，请认真贯彻执行。\n某市人民政府\n2023年5月6日\n"
        "某市数字经济三年行动方案（2023—2025年）\n一、主要任务\n"
        "（一）建设算力设施。建设数据中心。（市数据局负责）\n"
        "【法宝引证码】CLI.12.345678\n原文链接：http://www.pkulaw.cn/x\n"
    )
    document = parse_text(text).documents[0]
    assert document.doc_number == "某府〔2023〕5号"
    assert document.title == "某市数字经济三年行动方案（2023—2025年）"
    assert "法宝" not in document.tasks[0].text and "原文链接" not in document.tasks[0].text


def test_without_units_list_fragments_are_the_text_of_their_item():
    text = (
        "某意见\n一、总体要求\n坚持稳中求进。\n二、重点任务\n"
        "（一）建设新型基础设施。重点建设以下设施：\n1.数据中心；\n2.算力网络；\n3.工业互联网。\n"
        "（二）培育数字企业。做好培育。\n"
        "（1）实施企业梯度培育工程，每年认定一批企业。\n（2）支持企业上市融资，完善上市培育机制。\n"
        "三、保障措施\n（一）加强组织领导。各地区要重视。\n"
    )
    tasks = _tasks(text)
    assert [t.number for t in tasks] == ["（一）", "（1）", "（2）"]
    assert "工业互联网" in tasks[0].text


def test_a_document_without_numbered_items_takes_its_paragraphs_with_units():
    text = (
        "某市若干措施\n为加快发展，制定以下措施。\n"
        "加强队伍建设。选优配强力量。（市委组织部负责）\n"
        "推进数据共享。建设平台。\n牵头单位：市数据局\n"
        "本措施自印发之日起施行。\n"
    )
    tasks = _tasks(text)
    assert [(t.number, t.title) for t in tasks] == [("", "加强队伍建设"), ("", "推进数据共享")]
    assert _units(tasks[1], "lead") == ["市数据局"]


def test_unit_lines_close_the_unnumbered_paragraphs_above_them():
    text = (
        "某方案\n一、重点任务\n加强A。做好A工作。\n（市甲局负责）\n"
        "加强B。做好B工作。\n（市乙局牵头，市丙局配合）\n二、保障措施\n各地要加强领导。\n"
    )
    tasks = _tasks(text)
    assert [(t.number, t.title) for t in tasks] == [("", "加强A"), ("", "加强B")]
    assert _units(tasks[1], "cooperating") == ["市丙局"]


def test_items_written_on_in_one_paragraph_are_split():
    text = (
        "某方案\n一、重点任务\n（一）加强A。做好A工作。（市甲局负责）\n"
        "二、保障措施：（一）加强组织领导。各地要重视。（市委办牵头）（二）强化资金保障。统筹资金。"
        "（市财政局负责）（三）严格考核。纳入考核。\n"
        "三、其他\n（一）加强B。比照第（一）（二）项办理。（市乙局负责）\n"
    )
    tasks = _tasks(text)
    assert [(t.number, t.title) for t in tasks] == [
        ("（一）", "加强A"),
        ("（一）", "加强组织领导"),
        ("（二）", "强化资金保障"),
        ("（一）", "加强B"),
    ]
    assert _units(tasks[1], "lead") == ["市委办"]
    assert _units(tasks[2], "lead") == ["市财政局"]


def test_a_first_inline_item_inside_a_sentence_of_work_is_not_split_off():
    text = "某办法\n第三条 市场主体应当履行下列义务：（一）依法纳税，按时申报；（二）如实报送信息。\n第四条 做好服务。\n"
    document = parse_text(text).documents[0]
    assert [n.number for n in document.outline] == ["第三条", "第四条"]
    assert not document.outline[0].children


def test_a_task_section_heading_is_never_folded_into_one_task():
    text = "某方案\n一、主要任务\n（一）加强A。做好A。\n（二）加强B。做好B。\n（三）加强C。做好C。（市甲局负责）\n"
    # (round 42: the items beside the one with a unit are tasks of no named unit)
    assert [(t.number, t.lead_units) for t in _tasks(text)] == [
        ("（一）", []),
        ("（二）", []),
        ("（三）", ["市甲局"]),
    ]
