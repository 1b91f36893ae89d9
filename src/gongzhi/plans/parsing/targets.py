"""Quantified targets and dated milestones in a task's text.

A target is a number with a unit that a comparator or an achievement verb
governs (达到4.5个, 不少于2个, 控制在30%以内, 完成…5所, 降低1个百分点).
Numbers that only describe something (15分钟生活圈, 12岁儿童, 3岁以下, 41项任务,
掌握1—2项运动技能, years, 文号) are not targets.

Conventions (documented, tested):
* achievement verbs (建设, 新建, 完成, 创建 …) read as ">=": the plan asks for at least that;
  配备 / 为 / 保持 / 稳定在 read as "=", turned into ">=" / "<=" by a following 以上 / 以内;
* 降低/下降 N -> "decrease_by", 提高/增长 N -> "increase_by" (a change, not a level);
  提高到 / 降至 are levels (">=" / "<=");
* the deadline year is the latest 到YYYY年 (or YYYY年底前, YYYY年…, “十四五”末) earlier in the
  same sentence (a task table row: else the year of its 完成时限 cell); a goal of the document
  (``document_targets``: 发展目标 and other goal sections, 专栏) takes the year of its paragraph;
  still without a year, a target of a time-boxed plan (a period stated in a title or before the
  first item: （2024—2026年）, “十四五”时期, 2024年…工作要点; ``plan_period_end``), a task's as
  well as the document's, takes the plan's end year (issue 12); in any other document it stays
  null; a yearly rate (per 年) keeps only a year of its own;
* magnitude words stay with the measure (1.2亿千瓦, 320万名, 超万亿元 -> > 1 万亿元);
* not targets: money handed out (给予/奖励/补助/资金 … in 元), scope thresholds (…以上的企业),
  time periods of other targets (5年内，…) and of benefits (5年内享受…), 一 as an article
  (打造一支队伍), names and specifications (5G, 7×24小时, “1+30+N”);
* ``per`` is a period (每年 -> 年, 每学期 -> 学期, 年均 -> 年) or a per-unit scope written as
  the subject (镇（街道）配备…, 每个乡镇建成… -> 乡镇);
* a year clause that yields no target is kept as a milestone.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from .models import Milestone, Target
from .numbering import cn_to_int, five_year_end, match_marker
from .reading import CATEGORY_HEADER, MEASURE_HEADERS

# ---------------------------------------------------------------- vocabulary (data)

# equipping with a number (配备2名, 配置除颤仪15台): a quota, "="
QUOTA_VERBS = ("配备", "配齐", "配置")
COMPARATOR_WORDS: dict[str, tuple[str, ...]] = {
    ">": ("超过", "高于", "多于", "大于", "突破", "超", "＞"),
    ">=": (
        # 大于等于 / 大于或等于 / 不小于: the words of a standard (人均有效避难场所面积应大于等于1.5平方米)
        "大于或等于",
        "大于等于",
        # signs printed in the sentence (报销比例≥50%)
        "≥",
        "≧",
        ">=",
        "不小于",
        # 不得/不应/不宜 + 低于/少于: a floor (不得低于80% is ">=", never "<")
        "不得低于",
        "不得少于",
        "不应低于",
        "不应少于",
        "不宜低于",
        "不宜少于",
        "不能低于",
        "不能少于",
        "不低于",
        "不少于",
        "至少达到",
        "至少有",  # 社区内至少有1处口袋公园
        "力争达到",
        "达到",
        "提高到",
        "提高至",
        "提升到",
        "提升至",
        "增加到",
        "增加至",
        "增长到",
        "增长至",
        "增至",
        "升至",
        "提至",
        "扩大到",
        "扩大至",
        "至少",
        "达",
    ),
    "<=": (
        "小于或等于",
        "小于等于",
        "≤",
        "≦",
        "<=",
        "不大于",
        "不得超过",
        "不得高于",
        "不得多于",
        "不应超过",
        "不应高于",
        "不宜超过",
        "不宜高于",
        "不能超过",
        "不超过",
        "不高于",
        "不多于",
        "不大于",
        "控制在",
        "降至",
        "降到",
        "降低到",
        "降低至",
        "下降到",
        "下降至",
        "减少到",
        "减少至",
        "压减到",
        "压减至",
        "压缩到",
        "压缩至",
        "缩短到",
        "缩短至",
        "缩减到",
        "缩减至",
        "缩小到",
        "缩小至",
    ),
    "<": ("低于", "少于", "小于", "＜"),
    "=": ("保持在", "稳定在", "维持在", "保持", *QUOTA_VERBS, "为", "=", "＝"),
    "decrease_by": ("降低", "下降", "减少", "压减", "压缩", "削减", "缩短", "缩减", "缩小", "减量"),
    "increase_by": ("提高", "提升", "增长", "增加", "上升"),
}
# Verbs of achievement: an object may stand between them and the number (完成新建改扩建中小学5所).
ACTION_VERBS = (
    "扩容",
    "改扩建",
    "完善",
    "策划",
    "启动",
    "新改建",
    "建设",
    "建成",
    "新建",
    "改建",
    "扩建",
    "完成",
    "创建",
    "打造",
    "培育",
    "培训",
    "新增",
    "净增",  # 累计净增森林面积24万亩: added, net
    "上榜",  # 力争2025年上榜黑珍珠餐厅6家、必吃榜95家: listed
    "引进",
    "组建",
    "建立",
    "设立",
    "举办",
    "开展",
    "组织",
    "发放",
    "带动",
    "招聘",
    "关停",
    "淘汰",
    "确定",
    "明确",
    "评选",
    "认定",
    "拥有",
    "推广",
    "选树",
    "树立",
    "腾出",
    "补建",
    "吸引",
    "提供",
    "筹集",
    "投入",
    "改造",
    "创成",
    "新开",
    "认证",
    "种植",
    "植树",
    "造林",
    "回收",
    "推出",
    "选拔",
    "培养",
    "支持",
    "资助",
    "扶持",
    "评选",
    "遴选",
    "选择",  # (选择1-2家商贸企业开展绿色供应链试点: the bodies chosen for a pilot)
    "选取",
    "发动",
    "筹建",
    "吸纳",
    "安置",
    "帮扶",
    "孵化",
    "招引",
    "制定",
    "修订",
    "攻克",
    "救助",
    "走访",
    "整治",
    "拆除",  # 累计拆除点位366处
    "优化调整",  # 优化调整公交线路10条
    # more work verbs (亮化农村公路75公里, 开发社会工作类服务岗位150个, 抽查比例达100%, 新植苗木2万株)
    "开发",
    "亮化",
    "新辟",
    "引育",  # 精准引育100位左右企业类人才 (引进培育)
    "开辟",
    "美化",
    "栽植",
    "补植",
    "栽种",
    "新植",
    "疏浚",
    "整修",
    "配建",
    "承办",
    "受理",
    "收集",
    "慰问",
    "申报",
    "争取",
    "转化",
    "排查",
    "抽检",
    "抽查",
    "演练",
    "宣讲",
    "招收",
    "收储",
    "流转",
    "修枝",
    "修建",
    "铺设",
    "加装",
    "安装",
    "开通",
    "大中修",
    # works on what exists: 硬化村内巷道37.5万平方米, 治理易涝点位12处, 修复堰塘1座, 维修校舍3所
    "硬化",
    "治理",
    "修复",
    "维修",
    "修缮",
    "引导",
    # projects and people: 计划竣工3个, 开工项目20个, 失业人员再就业5800人, 增加学位5000个,
    # 实施重点项目75个
    "开工",
    "竣工",
    "投产",
    "就业",
    "增加",
    "实施",
    # visitors and deals: 接待游客500万人次, 签约项目100个
    "接待",
    "签约",
    # more of the same: 增建工作站8家, 开办暑托班250个, 育成小麦品种2个
    "增建",
    "开办",
    "育成",
    # 投保2.5万份意外伤害保险, 导入技能人才200人, 河湖库塘清淤10万方
    "投保",
    "导入",
    "清淤",
    # services counted by the people they reach: 免费接种流感疫苗24723人, 重点筛查60岁以上人群7400人,
    # and equipment put in place: 配置、更新健身器械100套
    "接种",
    "筛查",
    "配置",
    "更新",
    # 继续抓好30个重大文化项目, 施划停车位1000个以上
    "抓好",
    "施划",
    # 累计划设低空飞行航线150条, 每年至少召开1次专题会议
    "划设",
    "召开",
    # people taken on or sent: 新聘、续聘生态护林员15.2万名, 选派科技特派员1200名, 招募…1万名
    "新聘",
    "续聘",
    "选派",
    "招募",
    # 开设100个暑期托管班, 规范站牌设置1500个
    "开设",
    "设置",
    # 每年布局150项以上基础研究项目 (research projects laid out, as 实施 is)
    "布局",
    # 新修高标准农田10万亩, 每年投运公交车200辆, 全天开行列车38对
    "新修",
    "投运",
    "开行",
    # 统筹谋划储备项目121个, 打通断头路20条, 解决照明问题2500个, 改善全市60所学校教室环境
    "谋划",
    "打通",
    "解决",
    "改善",
    # 免费检查5300人
    "检查",
    # works at sea and on the shore: 建造投放人工鱼礁2.89万立方米, 增殖放流400万尾, 清理互花米草150公顷,
    # 回挖违规填海地块17公顷 (not 营造: 营造…氛围等6个方面)
    "建造",
    "拟建",  # 拟建公园附属公厕150座左右: planned to be built
    # equipment renewed: 2024年升级替代移动警用装备520台, 更换老旧燃气表3万只, 报废更新农机装备190台
    "替代",
    "升级",
    "优化提升",  # 平均每年优化提升公共空间休憩座椅100处: a count of the things improved
    "减负",  # 全年为企业减负200亿元以上: the burden taken off firms
    "争创",  # 争创国家“一带一路”联合实验室5家左右: titles to win
    "抚育",  # 森林抚育34.9万亩: forest tended
    "更换",
    "替换",
    "报废",
    "购置",  # 新购置环卫作业车41辆
    "投放",
    "放流",
    "清理",
    "回挖",
    # 架设10kv线路3公里, 敷设管网20公里, 增设充电桩50个, 增配125台除颤器
    "架设",
    "敷设",
    "增设",
    "增配",
    # 每月至少办理1件一般性程序案件, 提档升级7个小区健身场地设施
    "办理",
    "提档升级",
    # 累计盘活低效产业用地5000亩, 每年发布100个场景清单, 查处非法捕捞案件10例以上, 成立10支志愿者队伍
    "盘活",
    "发布",
    "查处",
    "成立",
    # 培树2-3家示范企业, 形成50个以上示范应用项目, 开放5处附属空间
    "培树",
    "形成",
    "开放",
)
# Verbs that never govern a target even though a count follows (落实41项任务, 实施13大行动).
NON_TARGET_VERBS = ("落实", "掌握", "印发", "联合", "涉及", "波及", "包括", "共有", "围绕", "聚焦", "受益")
# Measures; a magnitude word (万, 亿, 万亿 …) before one is kept with it (1.2亿千瓦, 320万名, 超1万亿元).
UNITS = (
    # a measure per thing (全员劳动生产率46000元/人, 亩均税收30万元/亩)
    "元/人",
    "元/户",
    "元/亩",
    "元/吨",
    "元/平方米",
    "元/平方公里",  # 工业用地产出强度85亿元/平方公里
    "公里/平方公里",  # 路网密度5.1公里/平方公里
    "公里/小时",  # a speed (公交高峰运行车速不低于15公里/时)
    "公里/时",
    "千米/小时",
    "辆次",
    # bandwidth (1000兆比特/秒, 100Mbps, 20太比特/秒)
    "兆比特/秒",
    "吉比特/秒",
    "太比特/秒",
    "Mbps",
    "Gbps",
    "Tbps",
    "公里/百平方公里",
    "点/百平方公里",  # 监测设施密度不低于60点/百平方公里
    "毫米/年",  # 地面沉降量控制在6毫米/年以内
    "吨/亩",
    "公斤/亩",
    "微克/立方米",
    "毫克/立方米",
    # an intensity (用电量碳排放强度下降至4吨/万千瓦时, 单位GDP能耗0.5吨标准煤/万元)
    "吨/万千瓦时",
    "克标煤/千瓦时",  # 火电平均供电煤耗降至295克标煤/千瓦时
    "克标准煤/千瓦时",
    "克/千瓦时",
    "吨标准煤/万元",
    "吨标煤/万元",
    "吨/万元",
    # a concentration (进厂BOD5年均浓度大于100mg/L, PM2.5浓度35μg/m³以下)
    "毫克/升",
    "微克/升",
    "mg/L",
    "mg/l",
    "μg/m³",
    "μg/m3",
    "mg/m³",
    "mg/m3",
    "微克每立方米",
    "毫克每立方米",
    "个百分点",
    "百分点",
    "个基点",  # 利率下降30个基点: basis points, as 个百分点 are points
    "基点",
    "吨标准煤",  # 用能120万吨标准煤 (before 吨)
    "吨标煤",
    "平方米",
    "㎡",  # 人行道断头贯通25400㎡ (the square-metre sign, as printed)
    "平米",  # 每百户30平米 (平方米 as spoken)
    "平方公里",
    "立方米",
    "立方",  # 非常规水利用量达到15亿立方 (立方米 as spoken)
    "人次",
    "人(次)",  # 培训1.6万人(次): as printed
    "人（次）",  # the same, read as 人(次) (UNIT_ALIASES)
    "位",  # 新增学位3800位, 床位500位
    # a measure with its alternative in brackets, as printed (22万套(间), 15条（段）, 3块（条）)
    "套(间)",
    "套（间）",
    "条段",  # 治理骨干河道8条段 (a river counted by its reaches)
    "口",  # 新建地下水监测井30口 (wells; 人口 is never read: 人 is read first)
    "条(段)",
    "条（段）",
    "块(条)",
    "块（条）",
    "台(套)",  # 更新医疗设备3万台（套）, 报废更新农机3000台（套）
    "台（套）",
    "辆(艘)",  # 更新车船18辆（艘）: vehicles or boats, counted together
    "辆（艘）",
    "艘(台、套)",  # 淘汰木质老旧渔船（设备）2000艘（台、套）: boats or their gear
    "艘（台、套）",
    "美元",
    "元",
    "亩",
    "公顷",
    "吨",
    "斤",
    "公斤",
    "千克",
    "千瓦时",
    "千伏安",  # 场站并网容量达到85万千伏安, 新增变电容量5万千伏安 (not 千伏: 110千伏变电站 is a class)
    "千瓦",
    "瓦",  # 电表扩容至8000瓦 (after 千瓦)
    "分贝",
    "兆瓦",
    "GW",  # 实现光伏发电装机量1GW以上
    "MW",
    # 清淤量约484万m3, 收集45km2的雨水: metric units in Latin letters, kept as printed
    "km2",
    "km²",
    "m3",
    "m³",
    "m2",
    "m²",
    "标准箱",
    "标箱",
    "公里",
    "千米",
    "米",
    "学时",  # 每名执法队员在线培训不少于56学时 (hours of training, before 小时)
    "课时",
    "小时",
    "分钟",
    "个工作日",
    "工作日",
    "个月",
    "年",
    "天",
    "日",  # only as a time limit (30日内): see _quantities
    "场次",
    "家次",
    "户次",
    "批次",
    "次",
    "场",
    "个",
    "所",
    "处",
    "条",
    "片",
    "张",
    "名",
    "家",
    "座",
    "项",
    "人",
    "户",
    "间",
    "套",
    "台",
    "辆",
    "艘",
    "架",
    "具",  # 补建市政消火栓169具
    "件",
    "例",
    "支",
    "篇",
    "部",
    "册",
    "本",
    "床",
    "堂",  # 健康知识巡讲300堂
    "盏",  # 安装路灯1000盏
    "樘",  # 更新站台门300樘
    "节",  # 更新列车12节
    "组",  # 新建分层标10组
    "栋",  # 改造老旧小区10栋
    "幢",  # 保护修缮历史风貌建筑15幢
    "对",  # 开行列车38对 (after a number: pairs, never the preposition)
    "方",  # earth moved (清淤10万方), after 平方米 and 立方米
    "份",  # 投保2.5万份保险
    "株",
    "块",  # 店招店牌整治1500块
    "棵",
    # measures read after a figure only (新增墓穴10000穴, 完成2轮排查, 整治河道5段, 更换路灯杆300杆):
    # after a numeral word they are an ordinal or an idiom (新一轮, 一段时间, 一笔带过)
    "穴",
    "轮",
    "段",
    "台套",
    "杆",
    "根",
    "笔",
    "层",  # 住宅高度严格控制在18层以下 (not 多层, 基层)
    "款",  # 研制推出100款以上智能产品 (models of a product; not 第二款, a numeral word)
    "M",  # 带宽可用性5000M以上 (megabits, as printed; a figure before it only)
    "只",
    "头",
    "尾",  # 增殖放流400万尾 (fry released)
    "倍",
    "岁",
    "%",
    "‰",
    "/10万",
    "/万",
    "/千",
    # computing power and storage, as printed (算力总规模达到12EFLOPS, 存储总量达到10EB)
    "EFLOPS",
    "PFLOPS",
    "TFLOPS",
    "EFlops",  # 人工智能算力规模(FP16)突破3500PFlops (as printed)
    "PFlops",
    "TFlops",
    "EB",
    "PB",
)
MAGNITUDES = ("万亿", "千万", "百万", "十万", "亿", "万")
TIME_UNITS = {
    "年",
    "个月",
    "小时",
    "分钟",
    "天",
    "日",
    "个工作日",
    "工作日",
}  # descriptive unless clearly compared (15分钟生活圈)
_UNIT_SET = frozenset(UNITS)
_FIGURE_ONLY_UNITS = frozenset(("穴", "轮", "段", "台套", "杆", "根", "笔", "层", "款", "M"))
_UNITS_LONGEST_FIRST = sorted(UNITS, key=len, reverse=True)
UNIT_ALIASES = {"个百分点": "百分点", "个基点": "基点", "％": "%", "人（次）": "人(次)"}


def unit_name(unit: str) -> str:
    """A measure as stored: its alias (个百分点 -> 百分点), after a magnitude word too (万套（间） -> 万套(间))."""
    magnitude = m.group() if (m := _MAGNITUDE_HEAD.match(unit)) else ""
    rest = unit[len(magnitude) :]
    return magnitude + UNIT_ALIASES.get(rest, rest) if rest else UNIT_ALIASES.get(unit, unit)


PERIODS = ("学年", "学期", "季度", "半年", "年", "月", "周", "天", "日")
FILLERS = (
    "力争",
    "原则上",
    "确保",
    "争取",
    "努力",
    "推动",
    "推进",
    "实现",
    "使",
    "保障",
    "全面",
    "进一步",
    "逐步",
    "累计",
    "全年",
    "平均",
    "分别",
    "同时",
    "其中",
    "并",
    "且",
    "和",
    "年均",
    "每年",
    "要",
    "均",
    "约",  # 为约9200名残疾人提供…: about the number, the same count
)
ADMIN_SCOPES = (
    "镇（街道）",
    "村（社区）",
    "乡镇（街道）",
    "县（市、区）",
    "乡镇",
    "镇街",
    "街道",
    "社区",
    "行政村",
    "村",
    "镇",
)

_DIGITS = str.maketrans("０１２３４５６７８９．％～－〜∼", "0123456789.%~-~~")
_NUM = r"\d+(?:\.\d+)?"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CHANGES = ("increase_by", "decrease_by")
_BOUND_BEFORE = re.compile(r"不少于|至少|不低于|不超过|最多|以上")
_AT_LEAST = re.compile(r"(?:每|不少于|至少|达到|不低于)[^，。；,;、]{0,6}$")
_CN_NUM = r"[一二三四五六七八九十两百千]+"
_UNIT_RE = "(?:" + "|".join(MAGNITUDES) + ")?(?:" + "|".join(re.escape(u) for u in _UNITS_LONGEST_FIRST) + ")"
_QTY = re.compile(
    # 3-5处, 3至5家, and a percentage range that repeats its sign: 70%至75%, 5%—10%之间
    rf"(?P<lo>{_NUM}|{_CN_NUM})(?:\s*%?\s*(?:-|—|–|~|至|到)+\s*(?P<hi>{_NUM}|{_CN_NUM}))?"
    # 80余辆, 100多家: more than the number (as 以上)
    rf"(?P<about>(?<=[0-9])(?:余|多))?\s*(?P<unit>{_UNIT_RE})"
    # (95%（含）以上: the bound itself included, as 以上 says already)
    r"(?:[（(]含[）)](?=及?以[上下内]))?(?P<suffix>及以上|以上|及以下|以下|以内|之内|之间|左右|内)?"
)
# 百分之九十五 / 百分之95 / 百分之百: a percentage in words
_PERCENT_WORDS = re.compile(
    rf"百分之(?P<lo>{_NUM}|{_CN_NUM})(?:\s*(?:-|—|–|~|至|到)+\s*百分之(?P<hi>{_NUM}|{_CN_NUM}))?(?P<unit>)"
    r"(?P<suffix>及以上|以上|及以下|以下|以内|之内|之间|左右)?"
)
# 超万亿元, 突破千亿元, 达百万人次: a magnitude word with no digit before it, after a comparator
_BARE_MAGNITUDE = re.compile(
    r"(?<=[超破达到])(?P<lo>[千百十]?)(?P<unit>(?:万亿|亿|万)(?:"
    + "|".join(re.escape(u) for u in _UNITS_LONGEST_FIRST if u not in ("%", "‰", "倍"))
    + r"))(?P<suffix>以上|左右)?"
)
# 突破千亿, 超过百亿: the same with no measure at all (not 千亿级, a class)
_BARE_MAGNITUDE_ONLY = re.compile(
    r"(?<=[超破过])(?P<lo>[千百十]?)(?P<unit>万亿|亿)(?!级|"
    + "|".join(re.escape(u) for u in _UNITS_LONGEST_FIRST)
    + r")(?P<suffix>以上|左右)?"
)
_BARE_VALUES = {"": 1, "十": 10, "百": 100, "千": 1000}
# 产业能级达到万亿级, 产业规模均达到7000亿级: a scale reached, its clause ending on it (not 打造3个千亿级产业集群,
# the class of the things counted)
_SCALE_REACHED = re.compile(
    r"(?:(?<=达到)|(?<=突破)|(?<=迈上)|(?<=迈入)|(?<=超过))"
    rf"(?P<lo>{_NUM}|[千百十]?)(?P<hi>)(?P<unit>万亿|亿)级(?P<suffix>)(?=[，,。；;、]|$)"
)
# 居民消费价格指数控制在103.5以内: an index held to a bound has no measure
_INDEX_VALUE = re.compile(
    rf"(?<=控制在)(?P<lo>{_NUM})(?P<hi>)(?P<unit>)(?P<suffix>以内|以下|左右)(?![\d%％])"
)
# 发展指数达85, 指数达到90以上: an index reached, the same (its level ends the clause)
_INDEX_REACHED = re.compile(
    rf"(?:(?<=指数达)|(?<=指数达到))(?P<lo>{_NUM})(?P<hi>)(?P<unit>)(?P<suffix>以上|左右)?(?=[，,；;。、]|$)"
)
# 铁钢比下降至0.75以下, 电能利用效率（PUE）值达到1.25以下: a ratio or a value brought to a bound, no
# measure (its level ends the clause)
_RATIO_VERBS = (
    "达到",
    "下降至",
    "下降到",
    "降至",
    "降到",
    "控制在",
    "不高于",
    "不超过",
    "低于",
    "小于",
    "提高到",
    "提升至",
    "不得超过",
    "不得高于",
    "达",
)
# a ratio written with its colon (车桩比达到1.9:1, 师生比不低于1∶4000): the first term the value, the colon and
# the second term its measure, as printed
_RATIO_SIGN = re.compile(r"\d\s*[:：∶]\s*\d")
_RATIO_PAIR = re.compile(
    rf"(?<![\d.:：∶])(?P<lo>{_NUM})(?P<hi>)(?P<unit>[:：∶]{_NUM})(?P<suffix>以上|以下|以内|左右)?(?![\d.:：∶])"
)
_RATIO_VALUE = re.compile(
    # (电能利用效率不超过1.3, 效率普遍不超过1.5: an efficiency written as a ratio, 率 with no %)
    "(?:"
    # (能源利用效率（PUE）不高于1.3: the ratio's name in brackets before its bound)
    # (PUE值（电能利用效率）不超过1.3, 电能利用效率（PUE值）不超过1.5: the same with the other name in brackets)
    + "|".join(
        f"(?<=[比值率]{v})|(?<=[比值率]普遍{v})|(?<=率[（(]PUE[）)]{v})|(?<=[（(]PUE值[）)]{v})|(?<=值[（(]电能利用效率[）)]{v})"
        # (农田灌溉水有效利用系数达到0.55, 系数达到 0.5 以上: a coefficient, spaced in a PDF's text)
        f"|(?<=系数{v})|(?<=系数{v} )"
        for v in _RATIO_VERBS
    )
    + ")"
    + rf"(?P<lo>{_NUM})(?P<hi>)(?P<unit>) ?(?P<suffix>以上|以下|以内|左右)?(?=[，,；;。、]|$)"
)
# 超过五千亿规模, 突破1.2万亿: a number with a magnitude word and no measure after a comparator
_MAGNITUDE_ONLY = re.compile(
    # (减少60万, 增加2万: after a word of change too; 为80万农村妇女免费检查: the people served)
    rf"(?<=[超破达到过少降加长为对])(?P<lo>{_NUM}|[一二三四五六七八九十两][一二三四五六七八九十两百千]*)(?P<hi>)(?P<unit>万亿|亿|万)"
    r"(?!(?:" + "|".join(re.escape(u) for u in _UNITS_LONGEST_FIRST) + r"|级|元))"
    r"(?P<suffix>以上|左右)?"
)
# the period or the head after a measure's slash (1.93万吨/日, 15万片/月, 0.7千克/人, 300吨/万平方米): a rate, kept in the
# unit as printed, with the bound after it (200万吨/年及以下); no per (per 年 would read as a yearly change)
_RATE_AFTER = re.compile(
    r"[/／](日|天|月|年|人|户|床|[万千百]?平方米|万人)(?![\u4e00-\u9fff]?[均度底末次])"
    r"(?P<suffix>及以上|及以下|以上|以下|以内|左右)?"
)
_MAGNITUDE_ABOUT = re.compile(r"(?<=[0-9])(万|亿)(余|多)(名|人|户|个|家|元|吨|亩|平方米|套|辆|台)")
_YEAR_MARK = re.compile(
    r"(?<![比较与同至\d])(?:(?:力争|争取|确保|预计)?(?:到|至|截至|截止到|在)?)((?:19|20)\d{2})\s*年"
    r"(?!度|以来|来|起(?![，,]?\s*(?:新建|新开工|新改扩建|所有|全部))|开始|本|版|—|-|～|~|的?基础上)(?:\s*\d{1,2}\s*月)?(?:底|末|年底|上半年|下半年)?(?:前|以前|之前)?"
)
# “十四五”末, and “十四五”期间 / 时期 (what is to be reached within the period: by its last year)
_FIVE_YEAR_END = re.compile(
    r"(?:到|至)?[“\"]?十([一二三四五六七八九])五[”\"]?(?:规划)?(?:(?:时期|期)?末|期间|时期(?![的内]))"
    # “十四五”新建陆上风电场不少于2座: the quoted period opening its clause, before the work
    r"|(?:(?<=^)|(?<=[，,。；;\n]))[“\"]十([一二三四五六七八九])五[”\"](?=[\u4e00-\u9fff])(?!规划|时期|期间|期末|末)"
)
_DATE = re.compile(r"(?:(?:19|20)\d{2}\s*年)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|(?:19|20)\d{2}\s*年")
# years listed (2025、2030年, 到2025年、2030年, 2025年和2030年): one target each, in order
_YEAR_LIST = re.compile(r"(?:(?:19|20)\d{2}\s*年?(?:底|末)?\s*[、和及与]\s*(?:到|至)?)+(?:19|20)\d{2}\s*年")
_LISTED_YEAR = re.compile(r"(?:19|20)\d{2}\s*年?\s*[、和及与]\s*")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s*[—\-－–~～至到]+\s*(?:19|20)\d{2}\s*年?")
_MASKED = re.compile(r"《[^》]*》|〔[^〕]*〕|“[^”]{0,8}”")
_CLAUSE_SEP = set("，,；;：:。！？!?\n")
# 年均 is a rate only before a change verb (年均增长8%); 年均浓度 names an indicator.
_PER_PERIOD = re.compile(
    r"(?:平均)?每(?P<p>"
    + "|".join(PERIODS)
    + r")|年均(?=增长|提高|提升|下降|降低|减少|新增|增加|递增|递减|更新|建设|建成|完成|改造|新建|培训|开展|实施|举办|引进|培育|推出|投入|发放)"
)
_PER_SCOPE = re.compile(r"^每[个座所家处条名张](?P<scope>[\u4e00-\u9fff（）]{1,8})$")
# the comparators printed as signs (≥, ＜, =), not words
_SIGNS = frozenset(
    w for words in COMPARATOR_WORDS.values() for w in words if not re.search(r"[\u4e00-\u9fff]", w)
)
_COMPARATORS = sorted(
    ((w, c) for c, words in COMPARATOR_WORDS.items() for w in words), key=lambda wc: len(wc[0]), reverse=True
)


@dataclass
class _Hit:
    start: int  # of the number
    end: int  # after unit and suffix
    value: float | int
    value_max: float | int | None
    unit: str
    suffix: str
    clause_start: int
    article: bool = False  # 一 written in words: 打造一支队伍 is an article, not a count


def _number(text: str) -> float | int | None:
    if re.fullmatch(_NUM, text):
        value = float(text)
        return int(value) if value.is_integer() and "." not in text else value
    return cn_to_int(text)


# a progress report's own lines (完成情况：已开工建设8公里): what was done, not what is to be reached
_PROGRESS_LINE = re.compile(
    r"(?m)^[ \t\u3000]*(?:完成情况|进展情况|推进情况|工作进展|进度情况|目前进展|当前进展|实施进展)[:：].*$"
)


_RANGE_UNIT_TWICE = re.compile(
    rf"(?<![从由])(?P<lo>\d\s*)(?P<u>{_UNIT_RE})(?=\s*(?:-|—|–|~|至)+\s*{_NUM}\s*(?P=u))"
    rf"(?P<rest>\s*(?:-|—|–|~|至)+\s*{_NUM}\s*)"
)


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    hidden = [
        (m.start(), m.end())
        for pattern in (_MASKED, _YEAR_RANGE, _PROGRESS_LINE)
        for m in pattern.finditer(text)
    ]
    hidden += [(max(0, a), min(len(text), b)) for a, b in spans]
    if not hidden:
        return text
    chars = list(text)
    for start, end in hidden:
        if text[start] == "“" and text[end - 1] == "”":
            end -= 1  # a short quoted name (新增“个转企”2万户): its closing quote stays, the count after it is read
        for j in range(start, end):
            if chars[j] != "\n":
                chars[j] = "□"
    return "".join(chars)


# a goal paragraph that announces the goals set out after it (…，达到以下预期目标：, 主要目标如下：)
_GOALS_FOLLOW = re.compile(
    r"(?:达到|实现|完成)(?:以下|如下)?[\u4e00-\u9fff]{0,6}?目标[：:。]?\s*$|(?:目标|指标)如下[：:。]?\s*$"
)


def _by_listed_years(targets: list[Target], plain: str, s_start: int, first: int) -> None:
    """2025、2030年全市光伏装机力争达到407、700万千瓦: as many targets of one measure as the years
    listed before them in the sentence, each in its year, in order."""
    if len(targets) < 2:
        return
    lists = list(_YEAR_LIST.finditer(plain, s_start, first))
    if lists:
        years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", lists[-1].group())]
    else:
        # 2022至2025年…占比分别达到80%、90%、95%、100%: a span of years, one figure for each
        spans = list(_YEAR_RANGE.finditer(plain, s_start, first))
        if not spans or "分别" not in plain[spans[-1].end() : first]:
            return
        low, high = (int(y) for y in re.findall(r"(?:19|20)\d{2}", spans[-1].group()))
        years = list(range(low, high + 1))
    n = len(years)
    chunks = [targets[k : k + n] for k in range(0, len(targets), n)]
    if (
        n >= 2
        and len(chunks) > 1
        and all(
            len(c) == n and len({t.indicator for t in c}) == 1 and len({t.unit for t in c}) == 1
            for c in chunks
        )
        and all(t.deadline_year in (None, years[-1]) for t in targets)
    ):
        # 到2022年和2030年，…分别不少于90.86%和92.17%，…比例达到37%及以上和40%及以上: each indicator's
        # figures paired with the years in order, for every indicator of the sentence
        for chunk in chunks:
            for t, year in zip(chunk, years, strict=True):
                t.deadline_year = year
        return
    if len(targets) > len(years):
        # …分别达到80%、90%、95%、100%；到2023年，…比例达到35%: the figures of the list, the
        # leading run of one measure, before the sentence goes on to others
        run = [t for t in targets[: len(years)] if t.indicator == targets[0].indicator]
        if len(run) == len(years) and targets[len(years)].indicator != targets[0].indicator:
            targets = run
    if (
        len(years) == len(targets)
        and len({t.unit for t in targets}) == 1
        and all(t.deadline_year in (None, years[-1]) for t in targets)
    ):
        for t, year in zip(targets, years, strict=True):
            t.deadline_year = year


def extract(
    text: str,
    offset: int = 0,
    exclude: list[tuple[int, int]] | None = None,
    default_year: int | None = None,
    carry_year: bool = False,
) -> tuple[list[Target], list[Milestone]]:
    """Targets and milestones in ``text``. ``exclude`` holds local spans to ignore (the
    responsibility clauses); ``default_year`` applies to targets without a year of their own
    (a task table's 完成时限). With ``carry_year`` (a goal paragraph: 到2025年，…。推出100项…)
    a year stays in force over the following sentences of its paragraph until the next year
    (not for a yearly rate, 年均增长5%, which keeps no year unless it has its own)."""
    plain = text.translate(_DIGITS)
    work = _mask(plain, exclude or [])
    # 1.7万余名残疾人: the measure read after its magnitude (万名, more than: the 余 set aside)
    work = _MAGNITUDE_ABOUT.sub(lambda m: m.group(1) + m.group(3) + "□", work)
    # 建成 5 个—6 个示范基地: a range that repeats its measure, read as 5—6个 (the first one blanked)
    work = _RANGE_UNIT_TWICE.sub(lambda m: m.group("lo") + " " * len(m.group("u")) + m.group("rest"), work)
    # “十四五”末 / 十四五期末: the plan period's last year (the quotes are masked in ``work``)
    five_year = [
        (m.start(), m.end(), five_year_end(m.group(1) or m.group(2)))
        for m in _FIVE_YEAR_END.finditer(plain)
        # not inside a responsibility clause (a quoted period alone: its quotes are masked)
        if work[m.end() - 1 if m.group(1) else m.end()] != "□"
    ]
    # “十三五”期间 / 时期: a span of years, not a deadline of what is done every year within it
    five_year_span = {start for start, end, _year in five_year if plain[start:end].endswith(("期间", "时期"))}
    targets: list[Target] = []
    milestones: list[Milestone] = []
    carried: int | None = None
    announcing = False
    for s_start, s_end in _sentences(work):
        sentence = work[s_start:s_end]
        marks = [
            (s_start + m.start(), s_start + m.end(), int(m.group(1)))
            for m in _YEAR_MARK.finditer(sentence)
            if _is_deadline(sentence, m)
        ]
        if five_year:
            marks = sorted(marks + [mark for mark in five_year if s_start <= mark[0] < s_end])
        marks = _bracketed_years_closed(work, marks)
        hits = [
            h
            for h in _quantities(work, s_start, s_end, marks)
            if not _named_vague_or_each(work, h) and not _entry_rule(work, s_start, h)
        ]
        # 2021—2023年，…年均增长15%以上，3年累计完成投资3.84万亿元: a period the sentence states is
        # the deadline of what follows it in the sentence, a yearly rate's too (its end year)
        periods = [
            (s_start + m.start(), int(re.findall(r"(?:19|20)\d{2}", m.group())[-1]))
            for m in _YEAR_RANGE.finditer(plain[s_start:s_end])
            if not plain[s_start : s_start + m.start()].strip(
                " \t\u3000\n力争到在"
            )  # the sentence opens with it
        ]
        positions = []
        sentence_first = len(targets)
        previous: Target | None = None
        previous_end = s_start
        pending: list[_Hit] = []  # bare limits before the one that has its verb
        for group in _group_respectively(work, hits):
            group_targets = _targets_for(group, work, text, offset, marks, default_year)
            if not group_targets and previous is not None:
                group_targets = _enumerated(group, work, text, offset, marks, previous, previous_end)
            if not group_targets and len(group) == 1 and group[0].suffix in _WITHIN:
                pending.append(group[0])
                continue
            if group_targets and pending and len(group) == 1:
                group_targets = [
                    *_listed_limits(pending, group[0], group_targets[0], work, text, offset),
                    *group_targets,
                ]
            pending = []
            if (
                previous is not None
                and previous.per == "年"
                and not _TOTAL_BEFORE.search(work, max(0, group[0].start - 6), group[0].start)
            ):
                # 每年举办赛事10场次，参赛人数超过2万人次 (not: ，总计100万平方米); within a
                # “十三五”期间 sentence, the period's year is none of their own
                span = marks[0][2] if marks and all(m[0] in five_year_span for m in marks) else None
                _carry_yearly(group_targets, span)
            elif (
                group_targets
                and not periods  # (2021—2023年，…其中，每年推进…2000项以上，3年累计…: the period's)
                and not _TOTAL_BEFORE.search(work, max(0, group[0].start - 6), group[0].start)
                and (lead := _YEARLY_CLAUSE.search(work, s_start, group[0].clause_start)) is not None
                and not any(lead.end() <= m[0] < group[0].start for m in marks)
                and not _TOTAL_BETWEEN.search(work, lead.end(), group[0].start)
            ):
                # 每年实施一期…项目，精准引育100位左右企业类人才: a clause opening on 每年 governs the
                # counts of the clauses after it in the sentence
                span = marks[0][2] if marks and all(m[0] in five_year_span for m in marks) else None
                _carry_yearly(group_targets, span)
            if group_targets:
                previous, previous_end = group_targets[-1], group[-1].end
            if periods:
                for t in group_targets:
                    stated = [y for at, y in periods if at < group[0].start]
                    if t.deadline_year is None and stated and _deadline(marks, group[0].start) is None:
                        t.deadline_year = stated[-1]
            if carry_year:
                for t in group_targets:
                    if t.deadline_year is None and t.per != "年":
                        t.deadline_year = carried
            if (within := _YEARS_WITHIN.search(work, s_start, group[0].start)) is not None and not any(
                within.end() <= m[0] < group[0].start for m in marks
            ):
                # 2025年每千人口拥有托位数达4.5个，三年内…覆盖率达到60%: a span of years of its own, no year
                for t in group_targets:
                    t.deadline_year = None
            targets.extend(group_targets)
            if group_targets:
                positions.extend(hit.start for hit in group)
        if positions:  # (before the first number the sentence's targets read)
            _by_listed_years(targets[sentence_first:], plain, s_start, min(positions))
        if marks and all(mark[0] in five_year_span for mark in marks):
            # “十三五”期间，每年每名队员培训不低于56学时: a yearly figure keeps no year (as 每年 alone)
            # (but “十四五”期间…年均增长15%: an average rise over the period, reached at its end)
            for t in targets[sentence_first:]:
                if t.per == "年" and t.deadline_year == marks[0][2] and t.comparator not in _CHANGES:
                    t.deadline_year = None
        for k, (m_start, m_end, year) in enumerate(marks):
            scope_end = marks[k + 1][0] if k + 1 < len(marks) else s_end
            if m_start == m_end or any(m_start <= p < scope_end for p in positions):
                continue  # (a year again in force after a bracket: no milestone of its own)
            body = text[m_start:scope_end].rstrip("，,；;。 ")
            if len(body) - (m_end - m_start) >= 2 and not re.fullmatch(r"[□\s，,]*", work[m_end:scope_end]):
                milestones.append(
                    Milestone(
                        text=body, deadline_year=year, span=(offset + m_start, offset + m_start + len(body))
                    )
                )
        if marks:
            carried = marks[-1][2]
            # 到2026年底，…，达到以下预期目标： the lines after it (a table of goals) are that year's
            announcing = bool(_GOALS_FOLLOW.search(sentence))
        if "\n" in work[s_end : s_end + 2] and not announcing and not _DASHED.match(work, s_end):
            # a year governs its own paragraph only (and the ——lines of goals right after it: 到2025年，
            # 创新环境进一步优化…。 / ——企业自主创新能力显著提高。…达到2150家左右)
            carried = None
    targets.extend(_yearly_parts(targets, work, text, offset))
    targets = _bounds_as_ranges(targets, text, offset)
    if exclude:
        _dated_by_clause(targets, text, offset, exclude)
    if default_year is not None:
        for t in targets:
            if t.deadline_year is None:
                t.deadline_year = default_year
    return targets, milestones


# 到2027年更新老旧设备5218台，其中2024年850台、2025年1200台、2026年1440台、2027年1728台: a total and its
# yearly parts, each a goal for its year
_PARTS_LEAD = re.compile(r"其中[，,：:]?\s*(?=(?:19|20)\d{2}\s*年)")
_YEAR_PART = re.compile(
    r"((?:19|20)\d{2})\s*年(?:底前|底|内)?\s*(\d+(?:\.\d+)?)\s*"
    r"([\u4e00-\u9fff%‰]{1,4}?(?:[（(][\u4e00-\u9fff]{1,2}[）)])?)(?=[、，,；;。）)\s]|$)"
)


# 不低于40%、不高于70% / 不少于10%，不超过20%: a floor and a ceiling of one measure, side by side
_CEILING_NEXT = re.compile(r"^[、，,]?(?:且|并且|但|同时)?\s*(?:不高于|不超过|不多于|最高不超过|低于|以下)")


def _bounds_as_ranges(targets: list[Target], text: str, offset: int) -> list[Target]:
    """A target `>= a` right followed by `<= b` of the same measure (不低于40%、不高于70%) is the
    range a–b."""
    out: list[Target] = []
    for t in targets:
        before = out[-1] if out else None
        if (
            before is not None
            and before.comparator == ">="
            and t.comparator == "<="
            and before.unit == t.unit
            and before.value_max is None
            and t.value_max is None
            and before.per == t.per
            and isinstance(before.value, int | float)
            and isinstance(t.value, int | float)
            and before.value < t.value
            and _CEILING_NEXT.match(_between(text, offset, before, t))
        ):
            before.comparator, before.value_max = "range", t.value
            before.span = (before.span[0], max(before.span[1], t.span[1]))
            before.deadline_year = before.deadline_year or t.deadline_year
            continue
        out.append(t)
    return out


def _between(text: str, offset: int, first: Target, second: Target) -> str:
    """The text between `first`'s figure and `second`'s comparator (local to `text`)."""
    end = text.find(_figure_text(first), first.span[0] - offset)
    if end < 0:
        return "\x00"
    end += len(_figure_text(first))
    start = second.span[0] - offset
    at = text.find(_figure_text(second), max(end, start))
    if at < 0 or at - end > 12:
        return "\x00"
    return text[end:at].strip()


def _figure_text(t: Target) -> str:
    value = t.value
    return (str(int(value)) if float(value).is_integer() else str(value)) + (
        t.unit if t.unit in ("%", "‰") else ""
    )


def _yearly_parts(targets: list[Target], work: str, text: str, offset: int) -> list[Target]:
    """The yearly parts after a total (其中2024年850台、2025年1200台…): a goal each, dated by its
    year, of the total's indicator and measure; two parts at least, right after the total."""
    out: list[Target] = []
    for lead in _PARTS_LEAD.finditer(work):
        parts, pos = [], lead.end()
        while (m := _YEAR_PART.match(work, pos)) is not None:
            parts.append(m)
            pos = m.end()
            while pos < len(work) and work[pos] in "、，, ":
                pos += 1
        total = next(
            (
                t
                for t in reversed(targets)
                if t.span[1] - offset <= lead.start() and lead.start() - (t.span[1] - offset) <= 40
            ),
            None,
        )
        if len(parts) < 2 or total is None or total.comparator not in (">=", ">", "="):
            continue
        if any(m.group(3) != total.unit for m in parts):
            continue  # (其中2024年…亿元 under a total of 个: another quantity)
        for m in parts:
            value = _number(m.group(2))
            year = int(m.group(1))
            if any(t.value == value and t.unit == total.unit and t.deadline_year == year for t in targets):
                continue
            out.append(
                Target(
                    indicator=total.indicator,
                    comparator=total.comparator,
                    value=value,
                    value_max=None,
                    unit=total.unit,
                    deadline_year=year,
                    per=None,
                    text=text[m.start() : m.end()],
                    span=(offset + m.start(), offset + m.end()),
                )
            )
    return out


# a deadline in the unit clause after a sentence (责任部门：大气环境处，完成期限：2021年四季度)
_CLAUSE_DEADLINE = re.compile(r"(?:完成期限|完成时限|完成时间|时间节点|时限)[：:]\s*((?:19|20)\d{2})\s*年")


def _dated_by_clause(targets: list[Target], text: str, offset: int, clauses: list[tuple[int, int]]) -> None:
    """…完成削减替代燃煤140万吨（责任部门：…，完成期限：2021年四季度）: the year of the clause that
    closes the sentence dates its figures that have none of their own (not a yearly rate)."""
    for a, b in clauses:
        if (m := _CLAUSE_DEADLINE.search(text, a, b)) is None:
            continue
        opens = max(text.rfind(c, 0, a) for c in "。；;\n") + 1
        for t in targets:
            if t.deadline_year is None and t.per != "年" and opens <= t.span[0] - offset < a:
                t.deadline_year = int(m.group(1))


def _listed_limits(
    pending: list[_Hit], last: _Hit, target: Target, work: str, text: str, offset: int
) -> list[Target]:
    """报告书14个工作日内、报告表7个工作日内、登记表3个工作日内完成审批: limits listed with 、 before
    the one that has the verb share its bound (same unit and suffix, nothing but 、 between)."""
    chain = [*pending, last]
    for a, b in itertools.pairwise(chain):
        gap = work[a.end : b.start]
        if "、" not in gap or any(c in _CLAUSE_SEP for c in gap) or a.unit != last.unit:
            return []
        if a.suffix != last.suffix:
            return []
    if target.comparator != "<=":
        return []
    out = []
    for hit in pending:
        begin = max(hit.clause_start, work.rfind("、", hit.clause_start, hit.start) + 1)
        out.append(
            Target(
                indicator=text[begin : hit.start].strip(" ，,"),
                comparator=target.comparator,
                value=hit.value,
                value_max=hit.value_max,
                unit=target.unit,
                deadline_year=target.deadline_year,
                per=target.per,
                text=text[begin : hit.end],
                span=(offset + begin, offset + hit.end),
            )
        )
    return out


_CHANGE_AT_LEAST = re.compile(
    r"(?:(降低|下降|减少|压减|削减)|(提高|提升|增长))(?:幅度)?(?:不少于|不低于|至少)$"
)
_YEARS_WITHIN = re.compile(r"(?:^|(?<=[，,；;。\s]))(?:[一二三四五两]|[1-5])年内(?![，,])")
# the dash that opens a goal line: ——, or as copied (—, --, －－, ──)
_GOAL_DASH = r"(?:——|—|--|－－|──)"
_DASHED = re.compile(rf"[。；;\s\u3000]*\n[\s\u3000]*{_GOAL_DASH}")


# a total over a span named since (3年累计完成投资1.5万亿元（其中，新开工…不少于1200项）): the yearly scope ends
_TOTAL_BETWEEN = re.compile(r"累计|共计|总计|合计|[0-9一二三四五两]\s*年(?:内|间|来)?")
_YEARLY_CLAUSE = re.compile(r"(?:^|(?<=[，,；;：:。\n]))[\s□]*每年(?!度)")


def _carry_yearly(targets: list[Target], span_year: int | None = None) -> None:
    """A 每年 opening a sentence governs the counts after it in that sentence (每年举办赛事不少于
    10场次，参赛人数超过2万人次: both yearly), not a level (…，合格率达到90%) nor a dated one
    (a year of a period the sentence spans, ``span_year``, is no date: it is dropped)."""
    for t in targets:
        if t.per is None and t.deadline_year in (None, span_year) and t.unit not in ("%", "‰", "百分点"):
            if t.comparator not in ("increase_by", "decrease_by"):
                t.per = "年"
                t.deadline_year = None


def _is_deadline(sentence: str, m: re.Match) -> bool:
    """到2025年 / 2025年底前 / 2023年实现 … — not 2023年3月28日 as a plain date in prose."""
    start = m.start(1)
    before = sentence[max(0, m.start() - 1) : m.start()]
    if before and before in "□":
        return False
    if _DONE_BY.match(sentence, m.end()):
        return False  # 对2020年已达标的街镇: what the year saw done, not a deadline
    if _BASELINE_YEAR.match(sentence, m.end()):
        return False  # 在2016年20万平方米治理任务的基础上: the year of the baseline
    return not (start > 0 and sentence[start - 1].isdigit())


_JI_WORDS = re.compile(r"涉及|惠及|普及|波及|危及|顾及")
_BASELINE_YEAR = re.compile(r"[^，,；;。]{0,30}?的?基础上")
_DONE_BY = re.compile(r"\s*(?:已|已经)(?:达标|完成|建成|实现|开展)")


_SENTENCE = re.compile(r"[^。！？!?\n]+")


def _sentences(text: str):
    for m in _SENTENCE.finditer(text):
        yield m.start(), m.end()


def _quantities(work: str, s_start: int, s_end: int, marks) -> list[_Hit]:
    sentence = work[s_start:s_end]
    dates = [(s_start + m.start(), s_start + m.end()) for m in _DATE.finditer(sentence)]
    hits: list[_Hit] = []
    last_end = listed_from = s_start
    found = list(_QTY.finditer(sentence))
    if "亿" in sentence or "万" in sentence:
        found = sorted(
            found
            + list(_BARE_MAGNITUDE.finditer(sentence))
            + list(_BARE_MAGNITUDE_ONLY.finditer(sentence))
            + list(_SCALE_REACHED.finditer(sentence)),
            key=lambda m: m.start(),
        )
    words_end = -1
    if "百分之" in sentence:
        found = sorted(found + list(_PERCENT_WORDS.finditer(sentence)), key=lambda m: m.start())
    if "控制在" in sentence:
        taken = {m.start() for m in found}
        found = sorted(
            found + [m for m in _INDEX_VALUE.finditer(sentence) if m.start() not in taken],
            key=lambda m: m.start(),
        )
    if "比" in sentence or "值" in sentence or "率" in sentence or "系数" in sentence:
        taken = {m.start() for m in found}
        found = sorted(
            found + [m for m in _RATIO_VALUE.finditer(sentence) if m.start() not in taken],
            key=lambda m: m.start(),
        )
    if "比" in sentence and _RATIO_SIGN.search(sentence):
        # (its terms read as a ratio, not as two numbers)
        ratios = [
            m for m in _RATIO_PAIR.finditer(sentence) if "比" in sentence[max(0, m.start() - 8) : m.start()]
        ]
        inside = {k for m in ratios for k in range(m.start(), m.end())}
        found = sorted([m for m in found if m.start() not in inside] + ratios, key=lambda m: m.start())
    if "指数达" in sentence:
        taken = {m.start() for m in found}
        found = sorted(
            found + [m for m in _INDEX_REACHED.finditer(sentence) if m.start() not in taken],
            key=lambda m: m.start(),
        )
    if "亿" in sentence or "万" in sentence:
        taken = {s_start + m.start() for m in found}
        found = sorted(
            found + [m for m in _MAGNITUDE_ONLY.finditer(sentence) if s_start + m.start() not in taken],
            key=lambda m: m.start(),
        )
    for m in found:
        start, end = s_start + m.start(), s_start + m.end()
        if any(a <= start < b for a, b in dates):
            continue
        prev = work[start - 1] if start > 0 else ""
        if (
            m.re is _BARE_MAGNITUDE
            or m.re is _BARE_MAGNITUDE_ONLY
            or (m.re is _SCALE_REACHED and not m.group("lo")[:1].isdigit())
        ):
            hits.append(
                _Hit(
                    start,
                    end,
                    _BARE_VALUES[m.group("lo")],
                    None,
                    m.group("unit"),
                    m.group("suffix") or "",
                    start,
                )
            )
            hits[-1].clause_start = _clause_start(work, s_start, start)
            last_end = end
            continue
        starred = prev in "*＊" and start > 1 and work[start - 2] in "、，,；;"  # 新增1家食堂、*3家照护之家
        if prev and ((prev.isascii() and prev.isalnum()) or prev in "第□.×*＊") and not starred:  # 7×24小时
            continue
        lo, hi = m.group("lo"), m.group("hi")
        words = m.re is _PERCENT_WORDS
        if not words and start < words_end:
            continue  # inside 百分之…, read as a percentage already
        if words:
            words_end = end
        unit = "%" if words else m.group("unit")
        if unit == "日" and (m.group("suffix") or "") not in _WITHIN:
            continue  # 30日内 is a time limit; any other 日 is a date's or a name's
        if not words and not lo[0].isdigit() and (prev in "每第几" or lo in ("千", "百", "万")):
            continue  # 每千人口, 第三, a bare 千
        if work[end : end + 1] == "性":
            continue  # 一次性奖励
        if work[end : end + 1] == "级" and unit not in ("%", "‰"):
            continue  # 500吨级船舶, 10万千瓦级机组: a class of the thing, not a quantity of it
        if unit == "方" and not lo[0].isdigit():
            continue  # 四方联席会议, 三方协议: parties, not cubic metres
        if unit in _FIGURE_ONLY_UNITS and not lo[0].isdigit():
            continue  # 新一轮, 一段时间: an ordinal or an idiom, not a count
        if unit == "M" and work[end : end + 1].isascii() and work[end : end + 1].isalpha():
            continue  # 0.03MPa, 70MPa: a pressure, not megabits
        if (
            unit == "层"
            and _CJK.match(work[end : end + 1])
            and not work.startswith(("以", "左右", "及"), end)
        ):
            continue  # 沿街2层建筑: the building described, not a limit
        if not words and not lo[0].isdigit() and _in_slogan(work, start, end):
            continue  # “三面整洁、三台点缀”, “五个一”: a slogan's words, not a count
        if (
            unit == "次"
            and lo in ("一", "二")
            and _CJK.match(work[end : end + 1])
            and not _AT_LEAST.search(work[max(0, start - 12) : start])
            and not _PER_PERIOD.search(work, _clause_start(work, s_start, start), start)
        ):
            continue  # 二次供水, 二次复核, 一次建成: a secondary or single-step kind, not a count
        if unit == "年" and m.group("suffix") not in _WITHIN and not _years_level(work, start, end, m):
            continue  # 年 counts as a time limit (1年内完成), or as a level reached (生存周期达到5年)
        value = _number(lo)
        value_max = _number(hi) if hi else None
        if value is None or (hi and value_max is None):
            continue
        clause_start = _clause_start(work, s_start, start)
        if last_end > clause_start and work[last_end : last_end + 1] in ("、", "和", "及"):
            clause_start = last_end + 1  # 医生0.85名、床位增至2.2张: the enumeration starts a new clause
        elif listed_from > clause_start:
            # 突破100亿元的企业15家、突破500亿元的企业5家: a figure inside the object (a scope) since
            # the last item listed; the item starts after its 、 all the same
            clause_start = listed_from
        about = "以上" if m.re is _QTY and m.group("about") else ""
        suffix = m.group("suffix") or about
        if suffix == "内" and unit not in TIME_UNITS:
            suffix, end = "", end - 1  # 60条内街小巷: the 内 opens the thing counted, no limit
        if unit and not suffix and unit not in TIME_UNITS and (rate := _RATE_AFTER.match(work, end)):
            # 处置能力达到1.93万吨/日, 200万吨/年及以下炼油装置: a rate, its period kept in the measure as
            # printed (the bound after it read as any suffix is)
            unit, suffix, end = f"{unit}/{rate.group(1)}", rate.group("suffix") or "", rate.end()
        hits.append(
            _Hit(
                start,
                end,
                value,
                value_max,
                unit,
                suffix,
                clause_start,
                # (每半年开展一次演练: how often, a count, not an article)
                article=lo == "一"
                and hi is None
                # (每周举办一场沙龙: how many events a period, the same)
                and not (unit in (*_HOW_OFTEN, "场") and _PER_PERIOD.search(work, clause_start, start)),
            )
        )
        last_end = end
        if work[end : end + 1] == "、" and unit not in ("%", "‰"):
            listed_from = end + 1
    return _sharing_units(work, s_start, hits, dates)


# a bare number listed before a quantity (407、700万千瓦): it shares that quantity's measure
_LISTED_BARE = re.compile(rf"(?<![0-9A-Za-z.□、])({_NUM})、$")


def _sharing_units(work: str, s_start: int, hits: list[_Hit], dates) -> list[_Hit]:
    """407、700万千瓦, 137、165亿立方米: the numbers listed bare before a quantity are quantities
    of its measure (and suffix), each a hit of its own, read in order."""
    out: list[_Hit] = []
    starts = {h.start for h in hits}
    for hit in hits:
        shared: list[_Hit] = []
        at = hit.start
        while hit.unit not in TIME_UNITS and hit.value_max is None and work[at - 1 : at] == "、":
            m = _LISTED_BARE.search(work, s_start, at)
            if m is None or m.start(1) in starts or any(a <= m.start(1) < b for a, b in dates):
                break
            value = _number(m.group(1))
            if value is None:
                break
            shared.insert(0, _Hit(m.start(1), m.end(1), value, None, hit.unit, hit.suffix, hit.clause_start))
            at = m.start(1)
        if shared:
            hit.clause_start = shared[0].clause_start
        # 分别降低20个、10个百分点: points, the first one's 百分点 left out
        if hit.unit in ("百分点", "个百分点"):
            k = len(out)
            while k and out[k - 1].unit == "个" and work[out[k - 1].end : out[k - 1].end + 1] == "、":
                k -= 1
                out[k].unit = hit.unit
        out.extend([*shared, hit])
    return out


def _in_slogan(work: str, start: int, end: int) -> bool:
    """A CJK numeral inside a short quoted phrase (“三口优化、三场融合”)."""
    opening = work.rfind("“", max(0, start - 12), start)
    return opening >= 0 and "”" not in work[opening:start] and "”" in work[end : end + 12]


_LEVEL_BEFORE = re.compile(r"(?:达到|不少于|不低于|不短于|超过|延长至|延长到|提高到|提高至|提升至|提升到)$")


def _years_level(work: str, start: int, end: int, m: re.Match) -> bool:
    """A number of years that is a level reached (平均生存周期达到5年, 存续期5年以上), ending its
    clause; not a scope (从业3年以上的人员) nor a duration (用3年时间)."""
    # (明确淘汰期限（一般不超过3年）: a bracket closes the clause too)
    if end < len(work) and work[end] not in _CLAUSE_SEP and work[end] not in "（()）":
        return False
    if m.group("suffix") in ("以上", "及以上"):
        return True
    return bool(_LEVEL_BEFORE.search(work[max(0, start - 4) : start]))


def _clause_start(work: str, s_start: int, j: int) -> int:
    while j > s_start and work[j - 1] not in _CLAUSE_SEP:
        j -= 1
    return j


def _group_respectively(work: str, hits: list[_Hit]) -> list[list[_Hit]]:
    """优良率、合格率分别达到55%、95%以上: quantities joined by 、 after 分别 form one group."""
    groups: list[list[_Hit]] = []
    for hit in hits:
        if groups and "分别" in work[groups[-1][0].clause_start : groups[-1][0].start]:
            between = work[groups[-1][-1].end : hit.start]
            if between.strip() in ("、", "和", "及", ","):
                groups[-1].append(hit)
                continue
        groups.append([hit])
    return groups


_COMPARATOR_OF = dict((w, c) for w, c in reversed(_COMPARATORS))  # the first listing of a word wins
_COMPARATOR_END = re.compile("(?:" + "|".join(re.escape(w) for w, _ in _COMPARATORS) + ")$")


def _comparator_before(pre: str) -> tuple[str, str, int] | None:
    """(comparator, word, index of word) for a comparator word ending ``pre``."""
    m = _COMPARATOR_END.search(pre)
    if m is None:
        return None
    return _COMPARATOR_OF[m.group()], m.group(), m.start()


_SENTENCE_PERIOD = re.compile(
    r"(?:^|(?<=[。；;\n]))[\s\u3000]*每(?P<p>学年|学期|季度|半年|月|周)[^，,；;。]*[，,]"
)


def _sentence_period(work: str, clause_start: int) -> str | None:
    """每学期落实消防安全教育第一课，开展4课时以上理论学习: a period opening the sentence, in a
    clause of its own, is how often the figures of its later clauses recur."""
    start = max(work.rfind(c, 0, clause_start) for c in "。；;\n") + 1
    m = _SENTENCE_PERIOD.match(work, start)
    if m and m.end() <= clause_start and not _YEAR_MARK.search(work, start, clause_start):
        return m.group("p")
    return None


def _strip_per(pre: str) -> tuple[str, str | None]:
    """控制在每餐15元: drop a trailing 每X before the number, return it as ``per``."""
    m = re.search(r"每(?P<x>[\u4e00-\u9fff]{1,2})$", pre)
    if m and (m.group("x")[0] not in "个千万百" or _PER_HUNDRED.fullmatch(m.group("x"))):
        return pre[: m.start()], m.group("x")  # (达到每百户30平米: per 百户)
    return pre, None


_PER_HUNDRED = re.compile(r"[百千万][户人]")


_VERBISH = tuple(sorted(dict.fromkeys((*ACTION_VERBS, *QUOTA_VERBS)), key=len, reverse=True))
_SCOPE_PREFIX = re.compile(
    r"^(?:每[个座所家处条名张](?P<any>[\u4e00-\u9fff]{1,6}?(?:（[\u4e00-\u9fff、]{1,12}）)?)|(?:各)?(?P<admin>"
    + "|".join(re.escape(a) for a in ADMIN_SCOPES)
    + r"))(?=(?:均|要|至少|都)?(?:"
    + "|".join(_VERBISH)
    + r"|不少于|不低于))"
)


# 新（改、扩）建, 改（扩）建: one verb written with its variants in brackets
_VERB_VARIANT = re.compile(r"([新改扩])[（(]([改扩、，,]{1,3})[）)](建)")


# the things counted, then the work done on them, to the end of the item (…压缩站改造。)
_OBJECT_THEN_VERB = re.compile(
    r"(?P<what>[^，,；;。\d□]{2,24}?(?:"
    + "|".join(
        sorted(
            (
                "改造",
                "改建",
                "新建",
                "建设",
                "建成",
                "修缮",
                "维修",
                "更新",
                "提升",
                "整治",
                "安装",
                "开放",
                "投用",
            ),
            key=len,
            reverse=True,
        )
    )
    + r"))[。；;]?\s*$",
    re.M,
)
# the things counted, then the verb of what they must get done (乡镇卫生院完成搬迁或改扩建)
# (not 13处…已完成基础建设, progress; nor 5个新城基本实现全覆盖 / 12张名片全部实现, all of them already named)
_COUNT_THEN_DONE = re.compile(
    r"(?:(?!已|基本|全部|全面|均|都|开始)[^，,；;。\d□的]){2,12}?(?:完成|实现|建成|通过|达到)[^，,；;。\d□]{1,16}"
)
_NAMED_COUNT_DONE = re.compile(
    r"(?P<what>[^，,；;。\d□的]{2,12}?)(?:力争|确保|计划|要)?\s*(?:(?:19|20)\d{2}\s*年(?:底|末)?(?:前|以前)?)?\s*"
    r"(?:建成投用|建成投运|建成投产|建成|完成|投用|投运|投产|开工)"
)
_BATCH = re.compile(r"(?:首批|第一批)$")


def _core(pre_full: str) -> tuple[str, str | None]:
    """The words before the number, without year marks, fillers and per-phrases; and ``per``."""
    # (实现“1分钟内首次响应: the opening quote belongs to the words after the number)
    s = _YEAR_MARK.sub("", pre_full).replace("□", "").replace("”", "").strip().rstrip("“")
    s = _LISTED_YEAR.sub("", s).strip()  # 2025、2030年…: the first year of a list
    s = _VERB_VARIANT.sub(lambda m: m.group(1) + re.sub("[、，,]", "", m.group(2)) + m.group(3), s)
    s, per = _strip_per(s)
    if _BATCH.search(s) and len(s) > 2:
        s = _BATCH.sub("", s)  # 推动首批95个公共体育场馆免费开放: the first batch, counted all the same
    period = _PER_PERIOD.search(s)
    if period:
        per = per or period.group("p") or "年"
        s = s[: period.start()] + s[period.end() :]
    s = _strip_fillers(s)
    scope = _SCOPE_PREFIX.match(s)
    if scope:
        per = per or scope.group("any") or scope.group("admin")
        s = _strip_fillers(s[scope.end() :])
    return s, per


_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|其[一二三四五六七八九十])是")


def _strip_fillers(s: str) -> str:
    changed = True
    while changed:
        changed = False
        s = s.strip(" 、，,：:*＊")
        if (m := _ENUMERATOR.match(s)) and len(s) > m.end():
            s, changed = s[m.end() :], True  # 十是为…: the enumerator of a run-in list
        for f in FILLERS:
            if s.startswith(f) and len(s) > len(f):
                s, changed = s[len(f) :], True
            if s.endswith(f) and len(s) > len(f):
                s, changed = s[: -len(f)], True
    return s


# 人均基本公共卫生服务经费达102元以上: a level of funding per head the work must reach (not a
# subsidy handed out: 补助/补贴/奖励 standards stay out)
_PER_HEAD_LEVEL = re.compile(
    r"^人均(?:(?!补助|补贴|奖励|标准)[^，,；;。□])*?经费(?:达到|达|提高到|提高至|不低于)$"
)


# 目前主体完成70%, 已完成年度计划的100.69%, 目前已新增泊位15个: progress reported, not a target
# (but 对已建成的120个小区实施改造: the things already built, counted for the work to come)
_SHARE_OF_PLAN_DONE = re.compile(
    r"完成(?:了)?(?:年度|全年|本年度|序时)?(?:计划|任务|目标)(?:任务)?(?:的)?\s*$"
)
_DONE_ALREADY = re.compile(
    r"^(?:目前|截至目前|截止目前|当前|现已)|(?:^|[^未尚])已(?:经)?[\u4e00-\u9fff]{0,4}?"
    r"(?:完成|新增|建成|实现|开工|竣工|改造|建设|安装|开通|达到|覆盖|投入|新建|培训|发放|落实|开展|整治)(?!的)"
)


_NEARBY = re.compile(r"(?:周边|周围|附近|沿线|两侧|四周)$")


def _class_in_brackets(work: str, first: _Hit, end: int) -> bool:
    """A bracket right after a noun, holding a measure and its bound and nothing after them, in a
    sentence that goes on after it (大型商场（建筑面积达到10万平方米及以上）基本满足…): the size
    that defines the things named, not a target."""
    opening = max(
        work.rfind("（", first.clause_start, first.start), work.rfind("(", first.clause_start, first.start)
    )
    if opening <= 0 or re.search(r"[）)]", work[opening : first.start]):
        return False
    inside = work[opening + 1 : first.start]
    return (
        work[end : end + 1] in ("）", ")")
        and work[end + 1 : end + 2] not in ("", *_CLAUSE_SEP)
        and "\u4e00" <= work[opening - 1] <= "\u9fff"
        and bool(_CLASS_MEASURE.fullmatch(inside.strip()))
        and first.suffix in ("以上", "及以上", "以下", "及以下")
    )


_CLASS_MEASURE = re.compile(r"(?!其中|含|包括|包含|另)[\u4e00-\u9fff]{1,8}(?:达到|在|超过|不低于|不少于|为)?")


# 新上光伏制造项目应满足…转换效率不低于20%: the standard a new project must meet to be let in (a rule of
# entry, not a target of the work)
_ENTRY_RULE = re.compile(
    r"(?:新上|新建|新增|拟建|改扩建)[^，,；;。]{0,20}?(?:项目|企业|装置|机组|生产线)(?:原则上)?(?:应|须|必须|要)(?:满足|符合|达到)"
)


def _entry_rule(work: str, s_start: int, hit: _Hit) -> bool:
    """The figure is a standard a rule of entry sets before it in the sentence (no new goal year
    between: 新建项目应达到能效标杆水平，到2025年，…比例达到30% is a target)."""
    rules = list(_ENTRY_RULE.finditer(work, s_start, hit.start))
    return bool(rules) and not re.search(r"(?:19|20)\d{2}\s*年", work[rules[-1].end() : hit.start])


# 甲、乙这两个平台, 上述3个中心: the things just named, counted again (not a count to reach)
_NAMED_AGAIN = re.compile(r"(?:这|该|此|上述|前述)$")
# 数十个, 几百家: a vague number, no figure to reach
_VAGUE = re.compile(r"(?:数|几)$")
# 数十个30-50㎡…空间, 10个200平方米左右的…: the size of each thing counted, a specification
_EACH_SIZED = re.compile(r"(?:\d+|数十|几十|数百|几百|若干)[个间套处座]$")
_EACH_SIZE_UNITS = frozenset({"㎡", "平方米", "平米"})


def _named_vague_or_each(work: str, hit: _Hit) -> bool:
    """A number that is no figure to reach: the things just named counted again (这两个), a vague
    number (数十个), the size of each thing counted (数十个30-50㎡…)."""
    before = work[max(0, hit.start - 4) : hit.start]
    if _NAMED_AGAIN.search(before) or (_VAGUE.search(before) and not work[hit.start].isdigit()):
        return True
    return (
        hit.unit in _EACH_SIZE_UNITS
        and _EACH_SIZED.search(work[max(0, hit.start - 8) : hit.start]) is not None
    )


# 对…N以上…的<bodies>，…给予/奖励/补助…: the size that makes a body eligible for an award, not work
# (对日加氢能力不低于500千克且销售价格不高于25元/千克的加氢站，…给予: a bound before the figure too)
_ELIGIBLE = re.compile(
    r"对[^，,。；;：:]{0,40}?的[\u4e00-\u9fff“”]{1,24}[，,][^。；;]{0,40}?(?:给予|奖励|补助|补贴|奖补)"
)
# a bound right before the figure (对日加氢能力不低于500千克…)
_BOUND_ENDS = re.compile(r"(?:不低于|不少于|不高于|不超过|超过|低于|高于|大于|小于)\s*$")
# a change named before the measure it changes (提高城镇污水处理率5个百分点)
_CHANGE_FIRST = re.compile(r"(?:提高|提升|增加|增长|降低|下降|减少|压减)(?=[\u4e00-\u9fff])")
# a price the policy sets, guides or sorts by (交易价格区间, 收购价, 单车价格…以下), not one it holds a
# service to (服务价格控制在每餐15元以内: a cap, a target)
_PRICE = re.compile(r"价格(?:合理)?区间|交易价格|收购价|单车价格|(?:销售|成交|挂牌)价格")


def _targets_for(group, work, text, offset, marks, default_year) -> list[Target]:
    first = group[0]
    own_year = None  # a year the clause states after the figure, for it (…等6条…力争2021年底前建成)
    core, per = _core(work[first.clause_start : first.start])
    if (
        first.unit in ("米", "公里", "千米")
        and (first.suffix in _WITHIN or work.startswith(("范围", "半径"), group[-1].end))
        and (_NEARBY.search(core) or work.startswith("范围", group[-1].end))
    ):
        return []  # 站点周边50米内配套设施, 50米范围内: the area the work covers, not a target
    if (
        (
            group[-1].suffix in ("以上", "及以上", "以下", "及以下")
            or _BOUND_ENDS.search(work, first.clause_start, first.start)
        )
        and (rule := _ELIGIBLE.match(work, first.clause_start)) is not None
        and rule.end() > group[-1].end
    ):
        return []  # 对流转100亩以上抛荒山垅田的农民合作社，…给予每亩100元的奖励: who is eligible
    if first.unit.endswith("元") and _PRICE.search(core):
        return []  # 出矿环节中长期交易价格区间确定为每吨480—680元: a price set or guided, not work to do
    if first.unit in ("%", "‰") and _SHARE_OF_PLAN_DONE.search(work, first.clause_start, first.start):
        return []  # 下达资金…亿元，完成年度计划的100.69%: how far the plan is done, a progress figure
    if _DONE_ALREADY.search(core) and _comparator_before(core) is None:
        return []  # (已建成小区改造率达到90%: 已建成 names the estates, 达到 sets the level)
    if _class_in_brackets(work, first, group[-1].end):
        return []  # 40%以上大型商场（建筑面积达到10万平方米及以上）基本满足…: which 商场 are meant
    if _TOPIC_LISTED.match(work, first.clause_start, first.start):
        return []  # 对于高血压、糖尿病…等5个…门诊慢特病，…: the size of the set just named, what the work is about
    if "等" in core:  # 建成投用沿浦、宜山…等8家卫生院 (推进A、B等: 推进 is a filler to _core): the places
        # named, then counted
        before = _YEAR_MARK.sub("", work[first.clause_start : first.start]).replace("□", "").strip()
        if (named := _VERB_THEN_NAMES.match(core) or _VERB_THEN_NAMES.match(before)) is not None:
            core = named.group("verb")
    if first.unit in ("件", "项", "个") and _LIST_SIZE.match(work, group[-1].end):
        return []  # 实施十件民生实事项目: the size of the list announced, not a target
    if first.unit == "位" and work[max(0, first.start - 1) : first.start] in ("前", "第"):
        return []  # 进入全国前3位: a rank, not a count
    if _BATCH_NAMED.search(work, max(0, first.start - 6), first.start):
        return []  # 推动实施第一批5个领域改造: the size of a batch named, not a target
    if first.unit == "%" and (
        work.startswith("的", group[-1].end)
        or (_SCOPE_ONLY.fullmatch(core.strip("□ ")) and _BECOMES.match(work, group[-1].end))
    ):
        if not _SCOPE_ONLY.sub("", core.strip("□ ")) or _SHARE_LISTED_BEFORE.search(
            work[first.clause_start : first.start]
        ):
            # (95%的省级、90%的市级和70%的县级机关达到…: each share listed takes the verb)
            # 70%的小区成为过得硬小区, 全区70%街道基本成为过得硬街道: the share that must
            return _share_before_subject(group, work, text, offset, marks)
        if len(group) == 1 and (acted := _SHARE_ACTED_ON.search(core)) is not None:
            # 加强15%的中医馆内涵建设, 探索在10%的社区卫生服务站设置中医阁, 预留30%的号源: the share
            # of the things the work is done on
            return _share_acted_on(group, work, text, offset, marks, acted)
        if (on := _SHARE_ON.search(core)) is not None:
            # 省级部门每年要对本行政区域内30%以上的市开展稽查, 对不少于10%的企业进行抽查: the share of
            # the places or bodies the work reaches
            bound = _comparator_before(core[on.start() :])
            return _share_before_subject(group, work, text, offset, marks, bound[0] if bound else None)
    elif (
        _counted(first.unit)
        and len(group) == 1
        and first.suffix in ("以上", "及以上")
        and _TOTALLING.fullmatch(core.strip("□ "))
        and (verb := _SHARE_VERB.search(work, first.end, _clause_end(work, first.end))) is not None
        and verb.start() - first.end <= 16
    ):
        # …，合计135家以上达到创建要求: the count of the things that must
        return _share_before_subject(group, work, text, offset, marks, unit=unit_name(first.unit))
    elif (
        _counted(first.unit)
        and len(group) == 1
        and first.value_max is None
        and _COUNT_SUBJECT_SCOPE.fullmatch(core.strip("□ "))
        and (verb := _COUNT_REACHES.search(work, first.end, _clause_end(work, first.end))) is not None
        and verb.start() - first.end <= 24
        and not _ALREADY.search(work, first.end, verb.start())
        and not work.startswith("了", verb.end())
        # (5个新城基本实现电子站牌全覆盖: the places a coverage is of, named already)
        and "全覆盖" not in work[verb.end() : _clause_end(work, verb.end())]
        and not _ALL_OF.search(work, first.end, verb.start())
        and not _FIGURE_NEXT.match(work, verb.end())  # (6个水厂供水总量达到3.8万吨/日: a level of theirs)
        and not re.search(r"\d", work[first.end : verb.start()])  # (4个新城建设用地面积50%以上达到…)
    ):
        # 全市首批100个示范社区全面建成, 60个左右大中城市率先建成…, 100个高频事项实现“最多跑一次”: the
        # count of the things that must reach the state the verb after them names
        return _share_before_subject(
            group,
            work,
            text,
            offset,
            marks,
            comparator=_BOUND_SUFFIX.get(first.suffix, ">="),
            unit=unit_name(first.unit),
        )
    elif (
        first.unit == "%"
        and len(group) == 1
        and (
            # (80%左右村（社区）、机关…建立…: a share about so large, reached as 以上 is; 90%左右乡镇、
            # 70%左右行政村…建有…: each share of a list)
            (
                first.suffix in ("以上", "及以上", "左右")
                and (not _WHEN_ONLY.sub("", core.strip("□ ")) or _SHARES_LISTED.fullmatch(core.strip("□ ")))
            )
            # 全区面积80%以上达到…, 全市城镇25%面积达到…: the share of the whole area
            or (core.strip("□ ") and _AREA_ONLY.fullmatch(core.strip("□ ")))
        )
        and (verb := _SHARE_VERB.search(work, first.end, _clause_end(work, first.end))) is not None
        and _share_to_verb(work, first.end, verb.start()) <= 16
    ):
        # 30%以上达到能效标杆水平, 70%以上县级及以上党政机关创建成为节约型机关: the share that must
        return _share_before_subject(group, work, text, offset, marks)
    elif (
        first.unit == "%"
        and len(group) == 1
        and core.strip("□ ")
        and not _comparator_before(core)
        and not any(v in core for v in _VERBISH)
        and _share_of_named_takes_verb(first, group, work)
    ):
        # 全市食品安全信用企业80%达到市级信用建设标准, 沿海主要港口75%以上专业化泊位…具备…: the share of the
        # things named before it (or of theirs) that must
        shares = _share_before_subject(group, work, text, offset, marks)
        for target in shares:
            target.indicator = core.strip("□ ") + target.indicator
        return shares
    if (
        first.value_max is None
        and _AREA_UNIT.search(first.unit)
        and (line := _RED_LINE_AFTER.match(work, _enumeration_end(work, group[-1]))) is not None
    ):
        # 守住全市202万亩耕地保护红线, 202万亩耕地、150万亩永久基本农田保护底线: a floor to hold
        return _floors(group, work, text, offset, marks, line.end())
    if _FORBIDDEN.search(work, first.clause_start, first.start):
        return []  # 严禁新建1000万吨/年以下常减压装置: what is forbidden, not a target
    if any(core.endswith(v) for v in NON_TARGET_VERBS) or "优先" in core:
        return []  # 落实41项任务; 优先支持1家符合条件的…: a reward, not a target
    if work.startswith(_SPEC_AFTER, group[-1].end):
        return []  # 解决公园绿地500米服务半径盲区: a radius that specifies, not a target
    if _BENEFICIARIES.search(core) or (first.unit.endswith("人") and work.startswith("口的", first.end)):
        return []  # 受益群众5万人, 改善9万人口的饮水安全: who benefits, not a target
    if _TEXT_HOLDS.search(core) or (
        first.unit in ("项", "件", "条", "类")
        and _COUNT_IN_BRACKETS.search(work, max(0, first.start - 3), first.start)
        and work[group[-1].end : group[-1].end + 1] in ("）", ")")
    ):
        # 实施细则共10条, 本方案共计5个部分, 促进就业方面（2项）: what a text holds, not a target
        return []
    # (突破1000亿元、500亿元、…、10亿元的法人企业: each figure of the list is a class of the bodies after it)
    listed_end = _enumeration_end(work, group[-1])
    if (
        (
            (scope := _SCOPE_AFTER.match(work, listed_end)) is not None
            and not _made_count(group, work)
            and not (first.unit in ("%", "‰") and scope.group().endswith("县"))  # (55%的县（市、区）通过…)
        )
        or (
            (
                group[-1].unit.endswith("元")
                # 年运输量150万吨以上的大型工矿企业: a size, bounded, before the kind of body it sorts
                or (
                    group[-1].suffix in ("以上", "及以上", "以下", "及以下")
                    and _SIZE_UNITS.search(group[-1].unit)
                )
            )
            and (
                _AMOUNT_SCOPE_AFTER.match(work, listed_end)
                # (面积10000平方米及以上的浅层地热能项目: the projects a rule is for, named by their kind;
                # not 力争完成50万平方米以上的…示范项目, the figure right after its verb)
                or (
                    _KIND_OF_PROJECT.match(work, listed_end)
                    and (
                        not (lead_in := work[first.clause_start : first.start].rstrip()).endswith(
                            (*_VERBISH, "推动", "推进")
                        )
                        or lead_in.endswith(_CHOSEN)
                    )
                )
            )
        )
        or _size_class(group, work)
        or (
            group[-1].suffix in ("以上", "及以上", "以下", "及以下")
            and group[-1].unit not in ("%", "‰", "百分点")
            and not _counted(
                group[-1].unit
            )  # (更新替代100台（套）以上老旧化工装置: a count of plants, no size)
            and _PLANT_SCOPE_AFTER.match(work, group[-1].end)
        )
        or (
            # 产危废量超过100吨企业: a size right before the bodies it sorts, no 的
            group[-1].unit not in ("%", "‰", "百分点")
            and not _counted(group[-1].unit)
            and _comparator_before(work[first.clause_start : first.start]) is not None
            and _FIRM_AFTER.match(work, group[-1].end)
        )
    ):
        # 年营业收入2000万元以上的企业, 招聘100名以上员工的企业, 建成1000亩以上开放休闲林地5个:
        # who or what qualifies, not a target (the count after it is)
        return []
    if work[group[-1].end : group[-1].end + 1] == "的" and _BENEFIT_GIVEN.search(
        work, group[-1].end, _clause_end(work, group[-1].end)
    ):
        return []  # 担保费率不超过1%的担保业务给予补贴: the condition of a benefit, not a target
    if first.unit.endswith("元") and _funding_breakdown(work, first.start):
        return []  # 安排58亿元财政资金…，其中，道路建设10亿元: the parts of money handed out
    if _PHASES.search(work, max(0, first.start - 4), first.start) and _PHASE_WORD.match(work, group[-1].end):
        return []  # 专项整治将分3个阶段进行: how the work is staged, not a target
    if (
        work.startswith("的", group[-1].end)
        and _ATTRIBUTE_BOUND.search(work, first.clause_start, first.start)
        and not _WORK_AFTER.match(work, group[-1].end)  # (推进面积不少于20万平方米的整治任务: the work)
    ):
        # 建筑面积大于2万平方米的大型公共建筑, 单宗土地面积达到50亩的地块: the things that measure so
        # much, a class the work applies to, not a target
        return []
    if _CONDITION_AHEAD.match(work, group[-1].end) or _CONDITION_CLAUSE.match(work, group[-1].end):
        # 新招用人员达到职工人数25%…并签订劳动合同的，可申请贷款: who qualifies; 连接软管长度超过2米、
        # 私接“三通”的，要依法责令限期改正: what is punished
        return []
    if _TAKEN_AS.match(work, group[-1].end) and "以" in work[first.clause_start : first.start]:
        return []  # 以全市7600多名持证残疾人为主要对象: who the work is for, not a target
    raw = work[first.clause_start : first.start].replace("□", "").strip()
    if first.unit in ("%", "‰") and (
        _RATE_BASIS.search(raw)
        or _POLICY_RATE.search(raw)
        or (_RATE_OF.search(raw) and _BENEFIT_GIVEN.match(work, group[-1].end))
    ):
        # 按投资额的10%给予支持, 按项目总投入20%给予资助: how a payment is computed; 下调工伤保险费率50%:
        # a policy's rate cut
        return []
    # money brought in (引进资金120亿元, 争取专项债券资金10亿元) is a target, money handed out is not
    # (力争全年到位上级补助收入30亿元以上: a subsidy the place receives is money brought in)
    given = _BENEFIT_GIVEN.search(_RECEIVED.sub("", work[first.clause_start : first.start]))
    # (全年争取…项目突破30项、资金突破7000万元: money brought in, the verb of the list's first part)
    opening = work[max(0, first.clause_start - 30) : first.start]
    opening = opening[max(opening.rfind("。"), opening.rfind("；"), opening.rfind(";")) + 1 :]
    attracted = (
        bool(
            _ATTRACTED.search(raw)
            or (
                _ATTRACTED_FIRST.search(opening) and work[first.clause_start - 1 : first.clause_start] == "、"
            )
        )
        and not given
        and not _BENEFIT_AMOUNT.search(raw)  # (单个融资租赁机构年度激励金额不超过500万元: an award's ceiling)
    )
    pledged = (
        bool(_PLEDGE.match(_YEAR_MARK.sub("", raw).strip()))
        and not given
        and not _ALLOCATED.search(raw)  # 力争每年安排专项资金1000万元: money handed out
    )
    if _FUNDING_TERM.search(raw):
        # 支持比例不超过核定总投资的15%, 对高校支持额度不超过5亿元, 单台补贴不超过1000元: the share or the
        # ceiling of a subsidy, not a target
        return []
    if (
        _CEILING_OF_OTHERS.fullmatch(raw)
        and first.clause_start > 0
        and _FUNDING_TERM_IN.search(work, _clause_start(work, 0, first.clause_start - 1), first.clause_start)
    ):
        return []  # 对高校支持额度不超过5亿元，其他学校不超过2亿元: the same ceiling for others
    if first.unit.endswith("元") and _EACH_ITEM_SIZE.search(raw):
        return []  # 单体项目总投资不低于5000万元: the size each project must have to qualify
    if first.unit in ("%", "‰") and _POLICY_RATE_NOUN.search(raw):
        # 养老保险单位费率从19%降低到16%, 价格扣除比例从6%-10%提高至10%-20%: a rate the policy sets,
        # not a level the work reaches
        return []
    # (最高10000元/人: so much a head; 二孩家庭补贴不超过2万: money with its 元 left out)
    if (
        (first.unit.endswith("元") or first.unit.startswith("元/") or first.unit in ("万", "亿"))
        and not pledged
        and not attracted
        and _FUNDING.search(work, first.clause_start, _clause_end(work, first.end))
        and not _PER_HEAD_LEVEL.search(raw)
    ):
        return []  # 给予10万元补助, 最高奖励500万元, 专项引导资金2.43亿元: money handed out, not a target
    if (
        first.unit in ("%", "‰")
        and _SHARE_OF_SUM.search(raw)
        and (_BENEFIT_GIVEN.match(work, group[-1].end) or "给予" in raw or _PAID.search(raw))
    ):
        # 最高不超过贷款金额的2%给予贴息, 给予不超过实际投资额5%的补助: the rate of a benefit, not a target;
        # 一个月内缴纳土地出让价款的50%: the part of a price a rule says is paid when
        return []
    if (
        (first.unit.endswith("元") or first.unit in ("万", "亿"))
        and _PER_RECIPIENT.fullmatch(core.strip("□ "))
        and _BENEFIT_GIVEN.search(
            work[_clause_start(work, 0, max(0, first.clause_start - 1)) : first.clause_start]
        )
    ):
        # 按照上级到位资金的30%给予奖励，每家企业不超过50万元: the cap of the benefit just named
        return []
    if raw.endswith("年产") and _PROJECT_AFTER.match(work, group[-1].end):
        return []  # 建设阳江年产200套海上风电叶片制造基地: the capacity of the plant built, its name
    if first.unit in TIME_UNITS and _BENEFIT_TERM.search(raw):
        return []  # 贴息期限不超过两年, 免租期最长3年: the term of a benefit the policy sets, not a target
    if first.unit in TIME_UNITS and first.unit not in ("个工作日", "工作日") and _RULE_TERM.search(raw):
        # 缴款期限最长1年, 延长交付期限，最长不超过6个月, 原则上不超过6个月: the longest a rule allows
        return []
    if work.startswith("的标准", group[-1].end) or (
        first.unit in ("名", "位") and work[first.start - 1 : first.start] == "前"
    ):
        # 按照每个正式员工不超过10平方米的标准: a norm the work follows; 自然指数前100名高校: a rank
        return []
    if _SCOPE_BY_DUI.match(raw.removeprefix("其中").lstrip("，, ")) and _SCOPE_NOUN_ENDS.search(
        work, group[-1].end, _clause_end(work, group[-1].end)
    ):
        # 对年营业收入达到2000万元以上或年纳税额达到200万元以上、每年保持稳定增长的企业，给予…: the
        # bodies a measure is for, sorted by their size
        return []
    descriptive_time = first.unit in TIME_UNITS and first.suffix not in ("以上", "及以上", *_WITHIN)
    if first.unit in TIME_UNITS and first.suffix in _WITHIN:
        if not core or core in FILLERS or core[-1] in "在于" or core.endswith("之日起"):
            # 确保1年内完成合同用量, 24小时内办结: a time limit on the work that follows
            if (held := _TIME_HELD.search(core)) is not None:
                # 审批时间控制在21个工作日以内: the time a procedure takes, held to a bound
                return _time_limit(group, work, text, offset, marks, subject=held.group("what"))
            return _time_limit(group, work, text, offset, marks)
        if (
            first.unit in _SHORT_LIMITS
            and core.endswith("的")
            and len(core) <= 40
            and _comparator_before(core) is None
            and _DISPATCHED.match(work, group[-1].end)
        ):
            # 对…货物…符合正常放行条件的48小时内放行: the time a procedure takes for what qualifies
            return _time_limit(group, work, text, offset, marks, subject=core)
        if first.unit in _SHORT_LIMITS and _is_limit_subject(core):
            # 群众诉求24小时内响应, 企业开办1个工作日内办结: the same, after what is handled
            return _time_limit(group, work, text, offset, marks, subject=core)
    if _WHOLE_AREA.search(core) and core[:-2].endswith("为"):
        core = core[:-2]  # 为全市2000名残疾儿童实施康复训练: the people served, in the whole city
    found = _comparator_before(core)
    if found is None and (raised := _RAISED_TO.search(core)) is not None:
        # 扩充公办幼儿园学位至1800个, 压减A类站点到5个: the level the thing named is brought to
        found = (">=" if raised.group("verb") in _RAISING else "<=", raised.group("to"), raised.start("to"))
    if found is None and first.unit in ("%", "‰") and (base := _SHARE_OF_BASE.search(core)):
        core = core[: base.start("base")]  # 不低于本单位执法人员总数的5%: a share of a base
        found = _comparator_before(core)
        if found and core[: found[2]].endswith(("按", "按照")):
            return []  # 按不低于采购金额的30%预付: the basis of a payment, not a target
    if (
        found is None
        and first.unit in _HOW_OFTEN
        and (often := _AT_LEAST_DONE.search(core)) is not None
        and not any(core.endswith(v) for v in _VERBISH)  # (至少组织2次…活动: read by its verb)
    ):
        # 每季度至少主动联系1次签约居民, 每月至少沟通一次: how often it is done, at least (any verb)
        found = (">=", often.group(), often.start())
    if found is None and first.unit in ("%", "‰") and (part := _PART_OF.search(core)):
        found = ("=", "占", part.start())  # 教师交流比例占符合条件教师的15%以上: the share itself
    if (
        found
        and found[0] == "increase_by"
        and found[1] in ("提升", "提高")
        and first.unit not in ("%", "‰", "百分点", "倍")
        and core.startswith(("完成", "实施"))
    ):
        found = (">=", found[1], found[2])  # 完成森林质量精准提升45万亩: the work done on so much, no rise
    if first.unit == "岁" and (not found or found[0] == "="):
        return []  # 12岁儿童, 60岁以上老年人: an age names who; 人均预期寿命达到80岁 is a target
    if found and found[0] == "=" and first.unit in TIME_UNITS:
        return []  # 顶岗实习时间一般为6个月: a specification
    if found and found[1] in _SIGNS and work.startswith("的", group[-1].end):
        return []  # 高度≥150米的建筑物工程: a scope the sign bounds, not a target
    if found:
        comparator, word, at = found
        if comparator == ">" and group[-1].suffix in ("以上", "及以上"):
            comparator = ">="  # 综合分拣中心超7个以上, 超过100亿元以上: 以上 counts the figure in
        serves = word == "为" and core[at:] == word and _SERVES.match(work, first.end) is not None
        if serves:
            comparator = ">="  # 为62户贫困家庭实施改造: the people served, a count to reach
        elif (
            word in ("增加", "提升", "提高")
            # 增加公办学位90个 / 增加90个学位 / 实施路灯照明提升2万盏 (the work named before)
            and (
                core[at:] != word or _object_after(work, first) or _action_with_object(core[:at]) is not None
            )
            and (
                _counted(first.unit)
                # 改造提升11万亩高标准农田: a quantity of work done (a work verb before 提升), any measure
                or (
                    core[at:] == word
                    and _WORK_BEFORE.search(core[:at])
                    and first.unit not in ("%", "‰", "百分点")
                )
            )
            and first.suffix not in _BOUND_SUFFIX
        ):
            # 增加公办学位90个, 增加90个学位, 优化提升50条背街后巷 (the object named): things added or
            # improved, a count as 新增, not the change of a level
            comparator = ">="
        rest = _strip_fillers(core[:at])
        while (more := _comparator_before(rest)) is not None and len(more[1]) >= 2:
            if comparator == "=" and more[0] == ">=":
                comparator = ">="  # 至少配备2名
            rest = _strip_fillers(rest[: more[2]])
        if first.unit == "%" and comparator in ("=", ">=") and _GROWTH_NOUN.search(rest):
            comparator = "increase_by"  # 投资增速达20%, 年均增速保持5%左右: the rise a growth rate names
        if not rest or rest in _VERBISH or serves:
            lead = rest or (word if word in _VERBISH else "")
            indicator = lead + _object_after(work, first)  # 免费为1000人筛查脑卒中: 免费筛查脑卒中
        else:
            indicator = rest
    elif (
        not first.suffix
        and (
            (first.unit in ("%", "‰") and _MEASURE_NOUN.search(core))
            # (the noun alone: not 实现外贸进出口总额15亿美元, whose 实现 is a verb)
            or (
                first.unit not in TIME_UNITS
                and _COUNT_NOUN.search(core)
                and _LEADING_MARK.sub("", raw) == core
                and not core.startswith(ACTION_VERBS)  # (新增绿化面积387亩: a count to add, not a level)
            )
        )
        and not _comparator_before(core)
        and _ITEM_OPENS.match(work[: first.clause_start])  # the item opens with it (after its number)
        and _ITEM_ENDS.match(work, group[-1].end)
    ):
        # 12.常住人口城镇化率79.5%。(牵头单位：…), ⑻城镇基本养老保险覆盖人数1708万人。: an item that is
        # one indicator and its level
        comparator, indicator = "=", core
    elif (
        len(group) == 1
        and first.unit.endswith("元")
        and not first.suffix
        and _PERIOD_INVESTMENT.search(raw) is not None
    ):
        # 今明两年投资530亿元, 全年投资100亿元: the money a span of time is to see invested, a goal (not
        # 项目总投资530亿元, a project's size)
        comparator, indicator = ">=", core
    elif _is_measured(core, replace(first, suffix=group[-1].suffix) if len(group) > 1 else first):
        # (分别在7%、2%以下: a list's bound after its last figure bounds them all)
        # 公办园在园幼儿占比60%以上, 全员劳动生产率46000元/人以上: an indicator named, then bounded
        # by its suffix; 比重35%左右: a level
        comparator, indicator = _BOUND_SUFFIX.get(first.suffix, "="), core
        if _GROWTH_NOUN.search(core) and comparator in ("=", ">="):
            comparator = "increase_by"
    elif (verb := next((v for v in _VERBISH if core.endswith(v)), None)) is not None:
        if descriptive_time:
            return []  # 打造15分钟儿童社区生活圈
        if (
            first.article
            and (per is None or per in PERIODS)
            and _object_after(work, first)
            and not _COMPARED_VERB.search(core[: -len(verb)])
        ):
            # 打造一支懂农业的队伍, 建设一批平台 (but 至少建设一所学校 and 每个省培育一家 count)
            return []
        comparator = "=" if verb in QUOTA_VERBS else ">="
        at = _action_with_object(core)
        lead = core[at:] if at is not None else verb
        for word, _ in _COMPARATORS:  # 至少 / 不少于 inside the verb chain
            if len(word) >= 2:
                lead = lead.replace(word, "")
        indicator = lead + _object_after(work, first)
        if indicator == lead and len(core) > len(lead):
            indicator = core  # 店招店牌整治1500块: the thing named before its verb
    elif (
        len(group) == 1
        and unit_name(first.unit) == "百分点"
        and (change := _CHANGE_FIRST.match(core)) is not None
        and len(core) > change.end()
    ):
        # 提高城镇污水处理率5个百分点: the change named before the measure it changes
        comparator = "decrease_by" if change.group() in COMPARATOR_WORDS["decrease_by"] else "increase_by"
        indicator = core[change.end() :]
    elif (at := _action_with_object(core)) is not None:
        if descriptive_time or (first.article and _object_after(work, first)):
            return []  # (形成公交行业全要素一张图: an article before a name, not a count)
        # (在公共场所配置除颤仪15台, 每30户配置保洁员1名: equipped with so many, a quota)
        # (but 配置、更新健身器械100套: equipping among other work done, a count to reach)
        quota = core.startswith(QUOTA_VERBS, at) and not core.startswith("、", at + 2)
        comparator, indicator = "=" if quota else ">=", core
    elif (
        (
            (
                _WHOLE_AREA.sub("", core) in ("对", "在", "对约", "对近", "面向", "每年面向")
                and _SERVES.match(work, first.end) is not None
            )
            # 对唐庄、百城经典等20个排水单元进行改造, 对80条背街小巷破损路面、井盖进行维修: the
            # things named first, or parts of them listed after
            # (为全省老年人、4.5万名干部免费体检: the last of a list of the people served)
            or (
                _NAMED_ON.match(core + ("、" if raw.endswith("、") else ""))
                and _SERVES_LISTED.match(work, first.end) is not None
            )
            or (_ON_ALONE.match(core) and _SERVES_LISTED.match(work, first.end) is not None)
        )
        and (_counted(first.unit) or first.unit == "万")  # (对40万贫困劳动力开展培训: people)
        and not first.article
        # 在39个村改造线路16.66公里: the places where a quantity of work is done, not a target
        # (a part counted in brackets is not such a quantity: 对248座桥梁(含渡改桥3座)进行改造)
        # (nor how often it is done: 为4.5万名干部免费体检一次; nor the age of the people: 0—6岁)
        # (nor a qualifier of the things: 对1万台投入使用满15年的住宅老旧电梯开展安全评估)
        and not any(
            m.group("unit") not in _HOW_OFTEN
            and m.group("unit") not in ("岁", "周岁")
            and not after.startswith("的", m.end())
            for after in [_INCLUDING.sub("", work[group[-1].end : _clause_end(work, group[-1].end)])]
            for m in _QTY.finditer(after)
        )
    ):
        # 对28所中小学校食堂安装验收平台, 在100所中小学实施…工程: the things or places a measure is
        # carried out on, a count to reach (as 为62户家庭实施改造)
        comparator, indicator = ">=", _object_after(work, first)
    elif (
        not core
        and len(group) == 1
        and _counted(first.unit)
        and not first.article
        and not first.suffix
        and (done_by := _COUNT_THEN_DONE.match(work, first.end)) is not None
    ):
        # 7个乡镇卫生院完成搬迁或改扩建: the count of the things named after it that must get done
        comparator, indicator = ">=", done_by.group(0).rstrip("，,；;。")
    elif (
        core.endswith("等")
        and len(group) == 1
        and _counted(first.unit)
        and not first.article
        and not first.suffix
        and not any(v in core for v in _VERBISH)
        and (done_by := _NAMED_COUNT_DONE.match(work, first.end)) is not None
    ):
        # 河北某集团等6条铁路专用线力争2021年底前建成投用: the things named, counted, then their date and
        # the work that must get them done
        comparator, indicator = ">=", done_by.group("what")
        if stated := re.search(r"(?:19|20)\d{2}", done_by.group()):
            own_year = int(stated.group())
    elif (
        not core
        and len(group) == 1
        and _counted(first.unit)
        and not first.article
        and _ITEM_OPENS.match(work[work.rfind("\n", 0, first.clause_start) + 1 : first.clause_start])
        and (done_to := _OBJECT_THEN_VERB.match(work, first.end)) is not None
    ):
        # 14座生活垃圾小型压缩站改造。: an item (of a list of 实事) that opens on its count, the things
        # counted and the work done on them after it
        comparator, indicator = ">=", done_to.group("what")
    elif (
        not core
        and len(group) == 1
        and first.suffix in _BOUND_SUFFIX
        and _SUBJECT_VERB.match(work, first.end)
    ):
        # 50平方公里以上建设用地面积达到…: the quantity is the subject (not 2000万元以上的企业, a scope)
        comparator = _BOUND_SUFFIX[first.suffix]
        indicator = _object_after(work, first)
    elif (lessen := _LESSEN.search(core)) is not None and lessen.start() <= 4 and not descriptive_time:
        # 减轻企业各类负担200亿元, 减少燃煤消费10万吨: a decrease of the thing named
        comparator, indicator = "decrease_by", lessen.group("what")
    elif (
        (core := _WHOLE_AREA.sub("", core)) in ("推动", "推进", "实现")
        or (len(core) <= 2 and _WHOLE_AREA.sub("", raw).endswith(("推动", "推进", "实现")))
        # 持续推进居住区289个投放点微更新, 计划推进全区183个项目, 推进沿岸177个体验点: the verb
        # after an adverb, before the place where the things counted are
        or (len(core) <= 10 and _PUSH_IN_PLACE.search(core) is not None)
        # (全面推进居住区1371个投放点微更新: 全面推进 is a filler to _core, the place is left)
        or (len(core) <= 6 and _PUSH_IN_PLACE.search(_YEAR_MARK.sub("", raw).lstrip("，, ")) is not None)
        # 在城镇、工业、农业等领域推进10个试点项目: the fields, then the verb (a filler to _core)
        or (_IN_FIELDS.fullmatch(core) is not None and raw.rstrip("□ ").endswith(("推进", "推动")))
    ) and not descriptive_time:
        if first.article or not _object_after(work, first):
            return []
        # 推动100家企业上云, 实现100%行政村通5G: a count or share the work must reach
        comparator, indicator = ">=", core + _object_after(work, first)
    elif (
        len(group) == 1
        and first.unit == "%"
        and core
        and not descriptive_time
        and (done := _SHARE_DONE.match(work, first.end)) is not None
    ):
        # 生活垃圾分类投放点100%完成微更新改造, 燃气立管100%更新完成: the share of the things named
        # that the work reaches
        comparator, indicator = ">=", core + done.group()
    elif (
        _LENGTH_OF_WORK.fullmatch(core.strip("□ "))
        and first.unit in _LENGTHS_AND_AREAS
        and len(group) == 1
        and first.clause_start > 0
        and work[first.clause_start - 1] in "，,"
        and _LAID.search(work[_clause_start(work, 0, first.clause_start - 1) : first.clause_start - 1])
    ):
        # 铺设将军大道供热主管网，全长约4.3公里: the length of the work the clause before names
        lead = work[_clause_start(work, 0, first.clause_start - 1) : first.clause_start - 1].strip("□ ")
        comparator, indicator = ">=", lead
    elif (
        (_counted(first.unit) or first.unit in _LENGTHS_AND_AREAS)
        and len(group) == 1
        and first.value_max is None
        and not first.article
        and ((pushed := _PUSHED.search(raw.rstrip())) or _PUSHED_NAMES.match(raw.rstrip()))
        and not raw.endswith(("时速", "速度"))  # (加快对时速120公里以上线路实施全封闭改造: a speed class)
        and (built := _BUILT_AT_END.match(work, group[-1].end, _clause_end(work, group[-1].end))) is not None
        and not re.search(r"\d", work[group[-1].end : built.end()])
    ):
        # 推动15个可再生能源建筑一体化试点项目建设, 加快城桥镇24公里污水管工程建设: the things pushed to be built
        lead = raw.strip() if pushed else raw.strip()[:2]  # (the things named: the verb alone)
        comparator, indicator = ">=", lead + work[group[-1].end : built.end()].strip()
    elif pledged and core and not descriptive_time and not first.article:
        # 力争地方政府专项债券资金10亿元: a pledged amount or count with no verb of its own
        comparator, indicator = ">=", core
    elif (
        core
        and _YEAR_MARK.sub("", raw).strip().startswith("累计")
        and len(group) == 1
        and first.unit not in ("%", "‰", "百分点")
        and not first.article
        and _clause_end(work, group[-1].end) == group[-1].end
        and not any(v in core for v in _VERBISH)
        and not _DONE_ALREADY.search(core)
    ):
        # 到2027年累计节能量50万吨标煤: the cumulative amount the period is to reach, stated with no verb
        comparator, indicator = ">=", "累计" + core.removeprefix("累计")
    elif (
        core
        and len(group) == 1
        and _counted(first.unit)
        and not first.article
        and _after_year_lead(work, first.clause_start)
        and (_clause_end(work, group[-1].end) == group[-1].end or work.startswith("、", group[-1].end))
        and not any(v in core for v in _VERBISH)
        and not _PROSE_WORD.search(_WHOLE_SCOPE.sub("", core))  # (全市充（换）电站3000座)
        and not core.startswith(("现有", "已有", "原有", "目前"))
    ):
        # 到2023年，动力电池循环利用示范项目10个: the count the year is to see, stated with no verb
        comparator, indicator = ">=", core
    elif (
        core
        and len(group) == 1
        and first.unit in ("%", "‰")
        and not first.article
        and _MEASURE_NOUN.search(core)
        and not _comparator_before(core)
        and _GOAL_YEAR_LEAD.search(work, max(0, first.clause_start - 40), first.clause_start)
        and (_clause_end(work, group[-1].end) == group[-1].end or work.startswith("、", group[-1].end))
        and not any(v in core for v in _VERBISH)
        and not core.startswith(("现有", "已有", "原有", "目前"))
    ):
        # 到2025年，农村自来水普及率98%: the level the year is to see, stated with no verb (not
        # 2020年，…普及率95%, where things stood)
        comparator, indicator = _BOUND_SUFFIX.get(first.suffix, "="), core
    elif (
        core
        and not first.suffix
        and len(group) == 1
        and first.unit in ("%", "‰")
        and _MEASURE_NOUN.search(core)
        and not _comparator_before(core)
        and _AFTER_TARGET.search(work, 0, first.clause_start)
        and _LISTED_LEVEL_ENDS.match(work, group[-1].end)
    ):
        # 1 地区生产总值增长7%以上，服务业增加值占GDP比重47.1%。: one of an item's indicators listed
        # with their levels, after another target
        comparator, indicator = "=", core
    elif (
        work[first.clause_start : first.start].strip().startswith("全年")
        and core
        and len(group) == 1
        and first.unit not in TIME_UNITS
        and not first.article
        and _clause_end(work, group[-1].end) == group[-1].end
        and not any(v in core for v in _VERBISH)
        and not _PROSE_WORD.search(core.removeprefix("全年"))
    ):
        # 全年粮食播种面积4600万亩: the year's figure, stated as a level with no verb
        comparator, indicator = "=", core
    else:
        return []
    if comparator == ">=" and (bound := _CHANGE_AT_LEAST.search(raw)) is not None:
        # 总体近视率每年降低不少于1个百分点, 能耗下降不低于15%: a decrease (a rise) of at least so much
        if bound.group(1):
            comparator = "decrease_by"
        elif first.unit in ("%", "‰", "百分点", "个百分点"):
            comparator = "increase_by"
    suffix = group[-1].suffix
    if (
        comparator == ">="
        and first.unit in _HOW_OFTEN
        and per in PERIODS
        and not suffix
        and not work[first.start].isdigit()
        and not _BOUND_BEFORE.search(work, first.clause_start, first.start)
    ):
        comparator = "="  # 每月全覆盖一次, 每半年开展一次演练: how often in words, no more and no less
    if suffix in ("以上", "及以上") and comparator in ("=", ">="):
        comparator = ">="
    elif suffix in ("以下", "及以下", *_WITHIN) and comparator in ("=", "<=", ">="):
        comparator = "<="  # (实现1分钟内首次响应: within a minute)
    if per is None:
        per = _sentence_period(work, first.clause_start)
    indicators = _indicators(_BASELINE.sub("", indicator), len(group))
    year = own_year or _deadline(marks, first.start)
    clause_end = group[-1].end
    while clause_end < len(work) and work[clause_end] not in _CLAUSE_SEP:
        clause_end += 1
    fragment = text[first.clause_start : clause_end].strip()
    out = []
    for hit, name in zip(group, indicators, strict=True):
        out.append(
            Target(
                indicator=name,
                comparator="range" if hit.value_max is not None else comparator,
                value=hit.value,
                value_max=hit.value_max,
                unit=unit_name(hit.unit),
                deadline_year=year,
                per=per,
                text=fragment,
                span=(offset + first.clause_start, offset + clause_end),
            )
        )
    return out


def _enumeration_end(work: str, last) -> int:
    """Where a list of figures of the same measure that goes on after `last` ends
    (…50亿元、30亿元、10亿元 →  the end of 10亿元); `last`'s own end when none follows."""
    unit = re.escape(last.unit)
    m = re.compile(rf"(?:[、和及与][ \u3000]?\d+(?:\.\d+)?{unit}(?:以上|及以上)?)+").match(work, last.end)
    return m.end() if m else last.end


_BATCH_NAMED = re.compile(r"第[一二三四五六七八九十0-9]{1,3}批$")
# 90%的乡镇卫生院达到服务能力推荐标准, 80%以上的环境监察机构要配备…: the share of a kind that must
_SHARE_VERB = re.compile(
    r"要|应|须|达到|实现|建成|创建|完成|配备|具备|开展|进行|实施|纳入|覆盖|参加|接受|通过|成为"
    r"|建立|建有"  # 80%以上村（社区）建立老年人体育组织, 70%左右行政村建有健身场所
)
# the verb right after a share of the things named before it (…企业80%达到…标准)
_SHARE_REACHES = re.compile(r"(?:以上)?(?:达到|达|实现|建成|通过|具备|纳入)")
_SHARE_LISTED_BEFORE = re.compile(
    r"^[^，,；;。]{0,12}?\d+(?:\.\d+)?%(?:及以上|以上|左右)?的[\u4e00-\u9fff]{1,10}[、和及与]$"
)
# shares listed before the one read, each with the places it is of (90%左右乡镇、)
_SHARES_LISTED = re.compile(
    r"(?:\d+(?:\.\d+)?%(?:及以上|以上|左右)?的?[\u4e00-\u9fff（）()]{1,12}[、，,和及与]?)+"
)
_SHARE_IN_LIST = re.compile(r"、\d+(?:\.\d+)?%(?:及以上|以上|左右)?的?")


def _share_of_named_takes_verb(first, group, work: str) -> bool:
    """After the things named, their share and the verb it takes: right after a bare share
    (…企业80%达到…), or a few words on after one bounded by 以上 (…港口75%以上专业化泊位…具备…; not a
    level of theirs, 达到3.8万吨, nor the condition a step waits for, 95%以上同意后方可实施)."""
    if not first.suffix:
        return _SHARE_REACHES.match(work, first.end) is not None
    if first.suffix not in ("以上", "及以上") or work.startswith("的", group[-1].end):
        return False
    verb = _SHARE_VERB.search(work, first.end, _clause_end(work, first.end))
    return (
        verb is not None
        and _share_to_verb(work, first.end, verb.start()) <= 12
        and not _FIGURE_NEXT.match(work, verb.end())
        and not re.search(r"后|方可|才能", work[first.end : verb.start()])
    )


def _share_to_verb(work: str, start: int, verb: int) -> int:
    """How far the verb a share takes stands from it: from the last share of a list the share
    heads (90%左右乡镇、70%左右行政村（社区）和机关…建有), brackets not counted."""
    ends = [m.end() for m in _SHARE_IN_LIST.finditer(work, start, verb)]
    between = work[ends[-1] if ends else start : verb]
    return len(re.sub(r"[（(][^（）()]{0,12}[）)]", "", between))


# the whole area a share is taken of (全区70%街道…)
_PLACE = "[省市区县镇]"  # 全市, 本区: the whole place a share or a count is taken of
# 全市各区60%以上的城市社区: the share taken in each of them
_EACH_PLACE = rf"各(?:{_PLACE}|乡镇|街道|街镇|镇街)"
_SCOPE_ONLY = re.compile(rf"(?:(?:全|本){_PLACE}?)?(?:{_EACH_PLACE})?")
_AREA_ONLY = re.compile(rf"(?:全|本){_PLACE}(?:城镇|建成区|范围内)?(?:面积)?|(?:全{_PLACE})?{_EACH_PLACE}")
_BECOMES = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:基本|全部|均)?成为")
_WHEN_ONLY = re.compile(r"^(?:年底前|年内|当年|全年|到期|届时|其中)$")


# …对本行政区域内 before a share: the work is done on that share of the places or bodies named after it
_SHARE_ON = re.compile(
    r"(?:^|[要应须将])对(?:本行政区域|本区域|本地区|辖区|全[省市区县镇])?内?"
    r"(?:不少于|不低于|至少|不超过|不高于)?$"
)


# the verb (or 在) right before a share of the things it acts on: 加强15%的…, 在10%的…设置…, 预留30%的…
# (完成整治60%的村庄, 2019年完成75%的村庄整治, 推广覆盖30%的村庄…: the work done on that share)
_SHARE_ACTED_ON = re.compile(r"(?:加强|预留|在|整治|改造|治理|覆盖|完成|帮助)(?P<bound>不少于|不低于|至少)?$")


def _share_acted_on(group, work, text, offset, marks, acted: re.Match) -> list[Target]:
    """加强15%的中医馆内涵建设: at least that share of the things named after 的 (up to the
    clause's end or a bracket) get the work."""
    hit = group[0]
    end = _clause_end(work, hit.end)
    start = hit.end + work.startswith("的", hit.end)
    thing = re.split(r"[（(]", work[start:end], maxsplit=1)[0].strip("□ ")
    if not thing or hit.value_max is not None:
        return []
    verb = acted.group(0)[: acted.start("bound") - acted.start()] if acted.group("bound") else acted.group(0)
    bound = _BOUND_SUFFIX.get(hit.suffix) or (
        _comparator_before(acted.group("bound"))[0] if acted.group("bound") else ">="
    )
    return [
        Target(
            indicator=(verb if verb != "在" else "") + text[start : start + len(thing)].strip(),
            comparator=bound,
            value=hit.value,
            value_max=None,
            unit="%",
            deadline_year=_deadline(marks, hit.start),
            per=None,
            text=text[hit.clause_start : end].strip(),
            span=(offset + hit.clause_start, offset + end),
        )
    ]


def _share_before_subject(
    group, work, text, offset, marks, comparator: str | None = None, unit: str = "%"
) -> list[Target]:
    """70%的小区成为…, 合计135家以上达到…: the share (or count) before the things that must do what
    the verb after them says; ``unit`` is % unless the figure counts."""
    first, last = group[0], group[-1]
    end = _clause_end(work, last.end)
    verb = _SHARE_VERB.search(work, last.end, end)
    if verb is None or verb.start() - last.end > 30:
        return []
    subject = work[last.end + work.startswith("的", last.end) : verb.start()].strip("□ ")
    fragment = text[first.clause_start : end].strip()
    return [
        Target(
            indicator=subject + text[verb.start() : end].strip(),
            comparator=comparator or _BOUND_SUFFIX.get(hit.suffix, ">="),
            value=hit.value,
            value_max=None,
            unit=unit,
            deadline_year=_deadline(marks, first.start),
            per=None,
            text=fragment,
            span=(offset + first.clause_start, offset + end),
        )
        for hit in group
        if hit.value_max is None
    ]


_AREA_UNIT = re.compile(r"(?:亩|公顷|平方公里|平方千米)$")
# the land a figure measures, then the red line (or floor) it is: 耕地保护红线, 永久基本农田保护底线
_RED_LINE_AFTER = re.compile(
    r"(?:[\u4e00-\u9fff]{1,10}(?:、\d+(?:\.\d+)?[万亿]?(?:亩|公顷|平方公里|平方千米)[\u4e00-\u9fff]{1,10})*)"
    r"(?:保护|保有)?(?:红线|底线)"
)


def _floors(group, work: str, text: str, offset: int, marks, end: int) -> list[Target]:
    """守住202万亩耕地保护红线: at least so much land kept (each figure of a list, 202万亩耕地、150万亩
    永久基本农田保护底线, reads its own)."""
    first = group[0]
    fragment = text[first.clause_start : end].strip()
    out = []
    for hit in group:
        stop = work.find("、", hit.end, end)
        out.append(
            Target(
                indicator=work[hit.end : stop if stop > 0 else end].strip("□ "),
                comparator=">=",
                value=hit.value,
                value_max=None,
                unit=unit_name(hit.unit),
                deadline_year=_deadline(marks, first.start),
                per=None,
                text=fragment,
                span=(offset + first.clause_start, offset + end),
            )
        )
    return out


# what a clause makes right before its figure: 新建15个以上的城市公园, 新建15公顷以上的城市片林 count or
# measure the things made (not 人口100万以上的城市, 支持500万元以上的项目: a class the work is for)
_MADE_BEFORE = re.compile(
    r"(?:新建|建成|建设|改建|扩建|改扩建|新改建|补建|创建|创成|打造|培育|新增|净增|组建|建立|设立|种植|栽植|造林|建造|新辟|开辟)"
    r"(?:各类|一批)?$"
)
_COUNT_AFTER = re.compile(r"\d+(?:\.\d+)?(?:个|座|处|家|所|条|片|块|栋|幢|项|套|万亩|亩)")


def _made_count(group, work: str) -> bool:
    """新建15个以上的城市公园: the figure after a verb of making counts what is made; not when the
    clause counts the things again after it (建成1000亩以上的林地5个: a size class)."""
    first, last = group[0], group[-1]
    if last.unit.endswith("元") or not _MADE_BEFORE.search(work, first.clause_start, first.start):
        return False
    return _COUNT_AFTER.search(work, last.end, _clause_end(work, last.end)) is None


_TAKEN_AS = re.compile(r"[^，,；;。]{0,16}?为(?:主要|重点|服务)?(?:对象|主体|重点|基础)")
_SCOPE_AFTER = re.compile(
    # (规模超过100个标准机架（2.5KW）的数据中心: the thing's own bracket before 的)
    r"[^，,；;。：:、\n]{0,6}?(?:[（(][^（）()，,；;。]{1,10}[）)])?的(?:各类)?(?:企业|单位|项目|个人|机构|主体|商户|家庭|人员|园区|医院|学校|村|社区|行业|地区|城市|电厂|机组|车辆|船舶|设备|锅炉|数据中心|煤矿|矿山|矿井"
    # (住宅库存去化周期低于12个月（含12个月）的县（市）要…: the places a rule is for)
    r"|县(?=[（(]|要|应|须))"
)
# a size class right before the plant it sorts, no 的: 单机容量30万千瓦以下煤电机组, 3.2米及以下水泥粉磨生产线
_PLANT_SCOPE_AFTER = re.compile(
    r"[\u4e00-\u9fff]{0,8}?(?:机组|生产线|电厂|锅炉|窑炉|炉窑|数据中心|热电厂|发电厂|装置|煤矿|矿井|高炉|转炉|电炉|焦炉)"
)
_FIRM_AFTER = re.compile(r"(?:的)?(?:企业|单位)(?![\u4e00-\u9fff]{0,2}(?:达到|超过))")
# what is forbidden is no target (严禁新建1000万吨/年以下常减压, 禁止新增产能)
_FORBIDDEN = re.compile(r"严禁|禁止|不准|停止核准|不再核准|不予核准|不予审批")
# a size class before the noun the clause counts: 建成1000亩以上开放休闲林地5个 (not 90%以上乡镇实现…,
# a share; nor 开展4课时以上理论学习和1次…, a list)
_SIZE_WORDS = "平方米|㎡|平米|平方公里|公里|千米|米|亩|吨|千瓦|兆瓦|千伏安|元|吨标准煤|吨标煤|千瓦时|立方米"
_SIZE_UNITS = re.compile(rf"(?:{_SIZE_WORDS})$")
_SIZE_CLASS_AFTER = re.compile(
    r"(?:的)?[\u4e00-\u9fff“”]{2,12}?\d+(?:\.\d+)?(?:个|座|处|家|所|条|片|块|栋|幢|项|套)"
)
_SIZE_CLASS = re.compile(rf"\d+(?:\.\d+)?(?:万|千)?(?:{_SIZE_WORDS})及?以[上下](?=[\u4e00-\u9fff“”]{{2}})")


def _size_class(group, work: str) -> bool:
    """1000亩以上 in 建成1000亩以上开放休闲林地5个: the size of the things counted after it."""
    last = group[-1]
    if last.suffix not in ("以上", "及以上", "以下", "及以下") or not _SIZE_UNITS.search(last.unit):
        return False
    after = _SIZE_CLASS_AFTER.match(work, last.end)
    return after is not None and not re.search(r"[和及与、]", after.group())


# an amount with its qualifier before the noun: 单户担保金额500万元及以下的小微企业 (年销售收入不超过2000万元的
# 人工智能领域初创期科技型中小企业: a firm's kind may be long); 种植30亩以上的马铃薯种植户: the farms a
# subsidy is for, sorted by their size
_AMOUNT_SCOPE_AFTER = re.compile(
    r"的[\u4e00-\u9fff]{0,16}?企业"
    r"|的[\u4e00-\u9fff]{0,4}?(?:单位|项目|个人|机构|主体|商户|家庭|人员|园区|医院|学校|行业|业务)"
    r"|的[\u4e00-\u9fff]{0,8}?(?:种植户|养殖户|农户|种粮户|大户|合作社|家庭农场)"
    # (新建10000平方米以下项目…登记: a bounded size right before 项目, no 的)
    r"|(?<=以[上下])(?:项目|企业)"
)
# (选取100平方米以上的电动自行车集中充电场所进行改造: the places a measure is for, sorted by size)
_KIND_OF_PROJECT = re.compile(
    r"的[\u4e00-\u9fff]{5,6}?项目|的[\u4e00-\u9fff]{0,10}?(?:场所|场地|楼宇|建筑|房屋)"
)
_CHOSEN = ("选取", "选择", "遴选")
# 按投资额的10%, 按项目总投入20%: the basis a rate is taken of (with 的 it computes a payment alone)
_BY_BASIS = r"(?:按|按照|依照)[^，,；;。：:]{0,30}?"
_RATE_BASIS = re.compile(_BY_BASIS + "的$")
_RATE_OF = re.compile(_BY_BASIS + "$")
_POLICY_RATE = re.compile(
    r"(?:下调|调降|降低|减按|减征|减免|减半征收|返还)[^，,；;。：:]{0,14}?(?:费率|税率|利率|缴费比例|费用|保费)$"
)
_BENEFIT_GIVEN = re.compile(r"给予|予以|补贴|补助|奖励|奖补")
# the work a measure is of (推进面积不少于20万平方米的整治任务), not a class of things
_WORK_AFTER = re.compile(r"的[\u4e00-\u9fff]{0,6}?(?:任务|工作|工程|治理|整治|改造)")
# a measure of a thing, then its bound, right before the figure (…面积大于 / 单宗土地面积达到)
_ATTRIBUTE_BOUND = re.compile(
    r"(?:建筑面积|用地面积|土地面积|占地面积|面积|规模|容量|年销售收入|营业收入|主营业务收入|投资额|总投资)"
    r"(?:大于|超过|达到|不低于|不少于|不小于|在)□*\s*$"
)
# a share of a sum given as a benefit (最高不超过贷款金额的2%给予贴息): the benefit's rate
_SHARE_OF_SUM = re.compile(r"(?:金额|总额|费用|价款|投资额|利率|费率|保费|成本)的?$")
_PAID = re.compile(r"缴纳|支付|付清|缴清|缴付")
# 每家企业, 单个项目, 每人: the one a benefit's cap is for
_PER_RECIPIENT = re.compile(r"(?:每|单)(?:家|个|项|户|人|名|所)[\u4e00-\u9fff]{0,6}?(?:累计|最高|最多)?")
_AMOUNT_IN_YUAN = re.compile(r"\d(?:[\d.]*)\s*(?:万亿|亿|万|千)?元")


def _funding_breakdown(work: str, position: int) -> bool:
    """Whether `position` stands after 其中 in a sentence that first sets out money handed out
    (安排/拨付 …资金 N元)."""
    start = max(work.rfind(ch, 0, position) for ch in "。；;\n") + 1
    before = work[start:position]
    k = before.rfind("其中")
    if k < 0:
        return False
    head = before[:k]
    return bool(
        _AMOUNT_IN_YUAN.search(head)
        and _FUNDING.search(head)
        and (_ALLOCATED.search(head) or _BENEFIT_GIVEN.search(head))
    )


# the sentence goes on to "…的，可申请 / 给予 / 享受": the number is part of who qualifies
# (a bracket opened after the number holds its own case: 不低于5%（工作量低于200台的，…）)
_CONDITION_AHEAD = re.compile(
    # (面积超过300平方米（含）的，给予…: the figure's own 含 bracket before 的)
    r"(?:[^。；;！!？?\n（(]|[（(]含[^（）()]{0,8}[）)]){0,60}?的[，,](?:均|也|还|方)?(?:可|给予|予以|享受|按)"
    # (高层住宅单体工程主体完成50%即可申请住房公积金贷款: the step after which something may be done)
    r"|(?:以上|以下)?(?:后)?(?:即可|方可|才可|才能)"
)
_SHARE_OF_BASE = re.compile(
    "(?:" + "|".join(re.escape(w) for w, _ in _COMPARATORS) + r")(?P<base>[^，,；;。：:□\d]{1,14}?的)$"
)
# 占…的 before a share, after what is measured (教师交流比例占符合条件教师的15%以上)
_PART_OF = re.compile(r"(?<=[\u4e00-\u9fff）)])占(?!地|用|有)[^，,；;。：:□\d]{1,16}?的$")
_PHASES = re.compile(r"(?:分|分为|划分为|分成)$")
_PHASE_WORD = re.compile(r"(?:个)?(?:阶段|步骤|步|批次|批|部分|方面)")
# the rest of the clause ends with 的 and the sentence goes on: the case of a rule, not a goal
_CONDITION_CLAUSE = re.compile(r"[^。；;！!？?\n，,（(]{0,60}?的[，,]")
_TEXT_HOLDS = re.compile(
    r"(?:细则|方案|办法|意见|条例|规定|文件|政策|措施|清单|目录)(?:共计|合计|总共|共|包括|包含)$"
)
_SPEC_AFTER = ("服务半径", "半径", "见方")
_BENEFICIARIES = re.compile(r"受益(?:群众|人口|人数|居民|农户|学生|家庭)?$")
_PEOPLE = re.compile(r"(?:人|人次|名)$")
_COUNT_IN_BRACKETS = re.compile(r"[（(](?:共|计|共计)?$")
_PLEDGE = re.compile(r"^(?:力争|争取|确保|实现)")
_PROJECT_AFTER = re.compile(r"[^，,；;。]{0,16}?(?:基地|项目|生产线|工厂|产线|园区)")
_BENEFIT_AMOUNT = re.compile(r"(?:激励|奖励|补贴|补助|奖补|贴息)(?:金额|资金|额度|上限)")
_ATTRACTED = re.compile(r"引进|招引|吸引|争取|撬动|募集|融资|到位")
_ATTRACTED_FIRST = re.compile(r"争取|引进|招引")
_RECEIVED = re.compile(r"上级(?:补助|补贴|奖补|资金)|(?:补助|补贴)收入")
_ALLOCATED = re.compile(r"安排|统筹|设立|拨付|下达|兑现")
_LESSEN = re.compile(r"(?:减轻|减少|降低|压减|削减|节约|节省)(?P<what>[\u4e00-\u9fff]{1,10})$")
# (占比分别在7%、2%以下, 应用范围95%以上: the share a scope or a proportion is held to)
_MEASURE_NOUN = re.compile(r"(?:率|比例|占比|比重|范围)(?:分别|均)?(?:在|保持在|稳定在)?$")
# an item's own number before its words (12. / ⑻ / （三）), and an item that holds nothing after
# its figure but stops and masked unit clauses
_ITEM_MARK = r"(?:[（(]?[0-9０-９一二三四五六七八九十]{1,3}[）)．.、﹒]?|[⑴-⒇①-⑳])"
_ITEM_OPENS = re.compile(rf"^[\s□]*{_ITEM_MARK}?[\s□]*$")
_LEADING_MARK = re.compile(rf"^[\s□]*{_ITEM_MARK}")
_ITEM_ENDS = re.compile(r"[□\s。；;]*$")
# a clause that sets a target (增长7%以上，), and the end of a level listed after it
_AFTER_TARGET = re.compile(
    r"(?:增长|增速|提高|下降|降低|达到|达)[^，,；;。]{0,6}?[0-9][0-9.]*\s*(?:%|％|‰|[\u4e00-\u9fff]{1,3})"
    r"(?:以上|以下|左右|以内)?[，,；;]$"
    r"|[0-9][0-9.]*\s*(?:%|％|‰|[\u4e00-\u9fff]{1,3})(?:以上|以下|左右|以内)[，,；;]$"
)
_LISTED_LEVEL_ENDS = re.compile(r"[□\s]*(?:[。；;.]?[□\s]*$|[，,；;。.])")
_COUNT_NOUN = re.compile(r"(?:人数|户数|数量|总量|产量|总额|规模|面积|覆盖人数|参保人数)$")
_PERIOD_INVESTMENT = re.compile(r"(?:今年|明年|今明两年|全年|年内|[两三四五]年(?:内)?)(?:累计|共|计划)?投资$")
_SECTOR_INVESTMENT = re.compile(r"^(?!.*(?:对|总投资|安排|给予|奖励|补助))[\u4e00-\u9fff]{2,10}投资$")
# indicators measured in any unit (总量, 产值 …): bounded by 以上/以下 they are targets
_AMOUNT_NOUN = re.compile(
    r"(?:率|比例|占比|比重|总量|产量|产值|总额|规模|收入|营收|增加值|额度|容量|产能|资金|内资|外资)(?:在|保持在|稳定在)?$"
)


def _is_measured(core: str, first: _Hit) -> bool:
    if not core or _comparator_before(core):
        return False
    if first.unit in ("%", "‰") and _MEASURE_NOUN.search(core):
        return first.suffix in (*_BOUND_SUFFIX, "左右")
    if first.unit in ("%", "百分点") and _GROWTH_NOUN.search(core):
        return True  # 外商直接投资增速5%: a growth rate stated as a level
    if first.unit == "%" and _PRICE_RISE.search(core):
        return first.suffix in (*_BOUND_SUFFIX, "左右")  # 居民消费价格涨幅3%左右, 涨幅在3%以内: a level held
    if first.unit in TIME_UNITS:
        return first.suffix in _BOUND_SUFFIX and bool(_DURATION_NOUN.search(core))
    if _LEVEL_AT.search(core):
        return first.suffix in (
            *_BOUND_SUFFIX,
            "左右",
        )  # 细颗粒物平均浓度在29微克/立方米左右: a level held  # 平均生存周期5年以上
    if first.suffix in _BOUND_SUFFIX and _SECTOR_INVESTMENT.match(core):
        return True  # 铁路投资8000亿元以上: a sector's investment, bounded (not 对总投资5000万元以上的项目)
    return first.suffix in _BOUND_SUFFIX and bool(_AMOUNT_NOUN.search(core))


# a growth rate (增速5%, 增幅8%以上): the rise it names; a duration measured (生存周期, 使用年限)
_GROWTH_NOUN = re.compile(r"(?:增速|增幅|增长率)(?:均|分别)?$")
_PRICE_RISE = re.compile(r"涨幅(?:在)?$")
# a measured quantity put at a level (平均浓度在29微克/立方米左右; not 建筑面积在500平方米以下, a scope)
_LEVEL_AT = re.compile(r"(?:浓度|密度|强度|均值|平均值|水平|指数|人数|天数|数量|总量|规模)(?:分别|均)?在$")
_DURATION_NOUN = re.compile(r"(?:周期|年限|期限|寿命|存续期|时长)$")


# the term of a benefit or a loan (贴息期限, 补贴期, 免租期, 贷款期限)
_BENEFIT_TERM = re.compile(
    r"(?:贴息|补贴|补助|奖励|扶持|减免|免租|免征|贷款|担保|租赁)[\u4e00-\u9fff]{0,2}?期(?:限)?[^，,；;。]{0,6}$"
)
# the longest a rule allows (缴款期限最长1年, 最长不超过6个月, 原则上不超过6个月)
# (在一定期限内（最多不超过3年）可享受…: the longest a benefit lasts, in brackets)
_RULE_TERM = re.compile(
    r"(?:最长|期限)[^，,；;。]{0,6}$|原则上[^，,；;。]{0,6}$|期限内[（(]最多[^，,；;。]{0,4}$"
)
# 对…的企业: a clause naming the bodies a measure is for
_SCOPE_BY_DUI = re.compile(r"对[^，,；;。]*$")
_SCOPE_NOUN_ENDS = re.compile(
    r"[^，,；;。]*?的[\u4e00-\u9fff]{0,6}?(?:企业|单位|项目|个人|机构|人员|主体|家庭|商户)(?=[，,；;。]|$)"
)
_FUNDING = re.compile(r"给予|奖励|奖补|补助|补贴|资助|贴息|最高|资金|基金|经费|扶持|激励|贷款额度")
# the share, ceiling or standard of a subsidy named before its figure
_SUBSIDY_SHARE = r"(?:支持|补助|补贴|奖补|资助|奖励|扶持|贴息)(?:比例|额度|标准|上限|金额|资金)"
_SUBSIDY_EACH = r"单(?:台|部|件|车|户|人|个|体|项)(?:项目|充电桩)?(?:最高)?(?:支持|补贴|补助|奖励)"
_FUNDING_TERM = re.compile(
    rf"{_SUBSIDY_SHARE}[^，,；;。]{{0,20}}$|{_SUBSIDY_EACH}[^，,；;。]{{0,6}}$|资金(?:额外)?再?给予(?:不超过|不高于|最高)?$"
)
# (…予以补助，…不超过1000万元: a subsidy named in the clause before)
_FUNDING_TERM_IN = re.compile(rf"{_SUBSIDY_SHARE}|{_SUBSIDY_EACH}|(?:予以|给予)(?:补助|补贴|奖励|奖补)")
# (…，其他学校不超过2亿元: the clause after names others and the same ceiling)
_CEILING_OF_OTHERS = re.compile(r"[\u4e00-\u9fff“”]{1,12}?(?:不超过|不高于|最高|最多)")
# the size each project (each unit) must have to qualify: 单体项目总投资不低于5000万元
_EACH_ITEM_SIZE = re.compile(
    r"单(?:体|个|项)(?:项目)?(?:固定资产)?(?:总)?(?:投资|金额|规模)(?:额)?[^，,；;。]{0,6}$"
    # (…项目总投资不低于3000万元: the least a project must cost to qualify; not 完成项目总投资100亿元)
    r"|项目(?:固定资产)?总?投资(?:额)?(?:须|应|需|要)?(?:不低于|不少于|不小于)$"
)
# the rates a policy sets: fees, taxes, interest, and its shares of a price or a refund
# (a change set from one rate to another: 单位费率从19%降低到16%; not 平均担保费率降至1%以下, a goal)
# (and the terms of a loan or a guarantee, whatever the verb: 最低首付比例为20%, 保函额度不超过50%)
_POLICY_RATE_NOUN = re.compile(
    r"(?:(?<!消)费率|税率|利率|贴息率|扣除比例|返还比例|缴存比例|补贴比例|补助比例|奖补比例|保证金(?:比例)?)(?:从|由)[^，,；;。]{0,12}$"
    r"|(?:首付(?:款)?比例|(?:贷款|保函)(?:最高)?额度|贷款额)[^，,；;。]{0,8}$"
)


def _clause_end(work: str, j: int) -> int:
    while j < len(work) and work[j] not in _CLAUSE_SEP:
        j += 1
    return j


# a baseline named in the indicator: 排放总量比2015年 (下降15%), 在现有基础上 (新增500张)
_BASELINE = re.compile(
    r"(?:较|比)(?:19|20)\d{2}\s*年(?:底|末)?(?:分别|均)?$|^在现有(?:[^，,]{0,8})?基础上|[由从]\d+(?:\.\d+)?[^\d，,]{0,6}$"
)
_BOUND_SUFFIX = {"以上": ">=", "及以上": ">=", "以下": "<=", "及以下": "<=", "以内": "<=", "之内": "<="}
_SUBJECT_VERB = re.compile(r"(?!的)[^，,；;。\n的]{1,20}?(?:达到|实现|完成|建成|纳入)")
_COMPARED_VERB = re.compile(r"(?:至少|不少于|不低于|达到|力争|确保)(?:[\u4e00-\u9fff]{0,2})$")


_WITHIN = ("内", "以内", "之内")
_SHORT_LIMITS = ("个工作日", "工作日", "小时", "分钟", "天", "日")
_BENEFIT = re.compile(r"享受|给予|免征|免收|减半|减免|补贴|补助|奖励|有效|保留|过渡")


# the subject of a short time limit (群众诉求 / 企业开办 24小时内…): a few words, no comparator, no
# verb but one that ends it (企业开办: the process the limit is on, a noun here)
_SUBJECT_OF_LIMIT = re.compile(r"[\u4e00-\u9fff]{2,12}")


# the procedure a time limit is for, right after it (…条件的48小时内放行, …的3个工作日内办结)
_DISPATCHED = re.compile(
    r"(?:内|以内)?(?:放行|办结|办理|完成|答复|回复|反馈|审结|处置|响应|受理|审批|核查|到位)"
)


def _is_limit_subject(core: str) -> bool:
    return (
        _SUBJECT_OF_LIMIT.fullmatch(core) is not None
        and _comparator_before(core) is None
        and not any(core == v or v in core[: -len(v)] for v in _VERBISH)
    )


# the time a procedure takes, held to a bound (审批时间控制在, 办理时限压缩至, 全流程审批时间不超过)
_TIME_NOUN = r"(?:时间|时限|时长|用时|周期)"
_TIME_HELD = re.compile(
    rf"(?P<what>[\u4e00-\u9fff]{{0,16}}{_TIME_NOUN})(?:控制在|压缩至|压缩到|压减至|缩短至|缩短到|不超过)$"
)
_NAMES_A_TIME = re.compile(rf"{_TIME_NOUN}$")


def _time_limit(group, work, text, offset, marks, subject: str = "") -> list[Target]:
    first = group[0]
    end = _clause_end(work, first.end)
    rest = work[first.end : end]
    if not rest.strip() and first.unit in _SHORT_LIMITS and work[end : end + 1] in "，,":
        # 自决定作出之日起20个工作日内，向社会公布…: the work is the next clause
        end = _clause_end(work, end + 1)
        rest = work[first.end + 1 : end]
    if (
        len(group) != 1
        or (len(rest.strip()) < 2 and not _NAMES_A_TIME.search(subject))
        or re.search(r"[\d□]", rest)
        or _BENEFIT.search(rest)
    ):
        return []  # 5年内，…: the period of other targets; 5年内享受补贴: a benefit
    if first.unit in ("年", "个月") and rest.strip().startswith("实现"):
        return []  # 三年内实现…全覆盖: when a goal is reached (as 到2025年实现…), not a time limit
    return [
        Target(
            indicator=subject + rest.strip(),
            comparator="range" if first.value_max is not None else "<=",
            value=first.value,
            value_max=first.value_max,
            unit=unit_name(first.unit),
            deadline_year=_deadline(marks, first.start),
            per=None,
            text=text[first.start : end].strip(),
            span=(offset + first.start, offset + end),
        )
    ]


_VOLTAGE = re.compile(r"\d+(?:\.\d+)?(?:千伏|kV|KV|伏)")
# 培育营业收入超10亿元的企业20家; 新增3岁以下婴幼儿照护机构3家 (an age names who the object serves)
_SCOPE_IN_OBJECT = re.compile(
    r"\d+(?:\.\d+)?[^\d，,；;。的]{0,4}的|\d+(?:[—\-～~至]\d+)?(?:周)?岁(?:及?以[下上])?"
    + ("|" + _SIZE_CLASS.pattern)  # 建成1000亩以上开放休闲林地5个
    + ("|" + _VOLTAGE.pattern)  # 改造10千伏线路16.66公里: a voltage specifies the line
)
_NAMES = re.compile(r"[A-Za-z0-9.]*[A-Za-z][A-Za-z0-9.]*")
_RAISING = ("扩充", "扩大", "提高", "提升", "增加", "增长")
_RAISED_TO = re.compile(
    r"(?:^|(?<=[□\s]))(?P<verb>扩充|扩大|提高|提升|增加|增长|降低|减少|压减|压缩|缩短)"
    r"[^，,；;。：:□、%]{2,20}?(?P<to>至|到)$"
)
_TOTAL_CLAUSE = re.compile(r"(?:共计|合计|总计|累计)[^\d□]{0,4}")
_TOTAL_BEFORE = re.compile(r"(?:共计|合计|总计|累计)[^，,；;。\d]{0,4}$")
# the whole place or the batch a count of things is taken of (全市首批, 省、市、县各级)
_COUNT_SUBJECT_SCOPE = re.compile(
    r"(?:(?:全|本)(?:省|市|区|县|州|镇|乡)|首批|第[一二三四五六七八九十]批|(?:[省市县区]、)+[省市县区]各级|各级)*"
    # (欧阳、凉城、曲阳、广中4个街道率先完成…: the places named, then their count)
    r"|[\u4e00-\u9fff]{1,6}(?:、[\u4e00-\u9fff]{1,6}){1,12}"
)
_COUNT_REACHES = re.compile(r"建成|实现|达到|达标|通过验收|成为|创成|完成|创建")
_ALREADY = re.compile(r"已|已经|曾")
# 5个新城全部实现…: every one of a set the text names, not a count to reach
_ALL_OF = re.compile(r"(?:全部|均|都)$")
_FIGURE_NEXT = re.compile(r"[^，,；;。\d]{0,4}\d")
_TOTALLING = re.compile(r"(?:共计|合计|总计|共|累计)(?:约|近)?")
_SPEC_OF = re.compile(
    r"(?:载重量?|排量|功率|容量|直径|长度|宽度|高度)\d+(?:\.\d+)?[\u4e00-\u9fffA-Za-z]{0,3}的"
)
_ENUM_SEP = "、和及与，,"


# the measures of work counted first and then measured (改造老旧小区221个3万户, 改造煤电机组16台980万千瓦)
_MEASURED_AFTER_COUNT = frozenset(("户", "人", "名", "千瓦", "兆瓦", "千伏安", "千瓦时", "吨", "立方米"))
_SCOPE_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:万亿|亿|万)?[元吨人家亩]?(?:以上|及以上)?的")


def _enumerated(group, work, text, offset, marks, previous: Target, previous_end: int) -> list[Target]:
    """选拔100名正职后备人才、200名副职后备人才 / 引进30名A和50名B / 支持300名A赴境外培训，1000名B…:
    a bare quantity listed after a target takes that target's verb and comparator."""
    first = group[0]
    if _size_class(group, work):
        return []
    # 16.66公里、0.4千伏线路200公里; …林地5个，300亩以上开放休闲林地5个
    between = _SIZE_CLASS.sub("", _VOLTAGE.sub("", work[previous_end : first.start]))
    # （其中载重量1吨的湿垃圾收运车32辆、…）: a specification of the thing counted is no quantity
    between = _SPEC_OF.sub("", between)
    # 企业15家、首次突破500亿元的企业5家: a size in the next item's object (a scope), no figure of its own
    between = _SCOPE_FIGURE.sub("的", between)
    if between.count("；") + between.count(";") == 1 and between.rstrip().endswith(("；", ";")):
        # 推进1371个投放点微更新；340个投放点专项更新: the next count of a list opens its clause, its
        # verb shared as after a comma
        between = between.rstrip()[:-1] + "，"
    elif (
        between.count("；") + between.count(";") == 1
        and between.lstrip().startswith(("；", ";"))
        and not re.search(r"[，,]", between)
        and not _FUNDING.search(between)
        and "投资" not in between  # (；计划投资3亿元: the money of the next work, no count of it)
    ):
        # …新增点位30个，总计达60个；特色道路10条，总计达20条: a noun and its count after the
        # semicolon, the verb elided as after a comma
        between = "，" + between.lstrip()[1:]
    if len(group) != 1 or len(between) > 40 or re.search(r"[\d。；;：:\n]", between):
        return []
    measured = (
        first.unit in _LENGTHS_AND_AREAS or _MAGNITUDE_HEAD.sub("", first.unit) in _MEASURED_AFTER_COUNT
    )
    last_clause = re.split(r"[，,]", between)[-1]
    if (
        ("，" in between or "," in between)
        and _TOTAL_CLAUSE.fullmatch(last_clause.strip())
        and unit_name(first.unit) == previous.unit
    ):
        # 每年推进不少于20万平方米的整治任务，总计100万平方米: the total of the work over the period,
        # a figure of its own (due at the end, not every year)
        return [_more_of(previous, first, work, text, offset, marks, per=None)]
    if between and not (measured and _TOTALLING.fullmatch(between)):
        return _listed_after(group, work, text, offset, marks, previous, between, previous_end)
    # right after it: 新建扩建通村屯公路20条131.4公里, 改造老旧小区221个3万户 (the work counted, then
    # measured), 治理界河、四滧港等8条段共计69公里骨干河道 (their total)
    if not (measured and previous.unit in _COUNT_UNITS and previous.comparator in (">=", "=")):
        return []
    return [_more_of(previous, first, work, text, offset, marks, per=previous.per)]


def _more_of(previous: Target, first: _Hit, work, text, offset, marks, *, per: str | None) -> Target:
    """The quantity ``first`` as another figure of the work ``previous`` names (its measure, its
    total): the same indicator and comparator, the clause up to its end as its text."""
    end = _clause_end(work, first.end)
    return Target(
        indicator=previous.indicator,
        comparator="range" if first.value_max is not None else previous.comparator,
        value=first.value,
        value_max=first.value_max,
        unit=unit_name(first.unit),
        deadline_year=_deadline(marks, first.start),
        per=per,
        text=text[first.start : end].strip(),
        span=(offset + first.start, offset + end),
    )


# a clause that opens on what the work is about, names its members and counts them (对于A、B…等5个…)
_TOPIC_LISTED = re.compile(
    # (从问题解决率、…、信源开通率等3个方面进行考核: the aspects a measure looks at)
    r"[\s□]*(?:对\s?于|针\s?对|围\s?绕|聚\s?焦|包\s?括|从)[^，,；;。]*、[^，,；;。]*等\s*$"
)


def _parts_sum_to(work: str, start: int, whole: Target) -> bool:
    """The bracket opening before ``start`` holds two figures or more in the whole's own measure,
    and they add up to it (80万方（本区生产60万方及区外调入20万方）)."""
    end = next((k for k in range(start, min(len(work), start + 80)) if work[k] in "）)（("), -1)
    if end < 0 or work[end] in "（(" or not whole.unit or whole.value is None:
        return False
    parts = [
        float(m.group(1)) for m in re.finditer(rf"(\d+(?:\.\d+)?){re.escape(whole.unit)}", work[start:end])
    ]
    return len(parts) >= 2 and abs(sum(parts) - float(whole.value)) < 1e-9


def _listed_after(
    group, work, text, offset, marks, previous: Target, between: str, previous_end: int
) -> list[Target]:
    """The quantity listed after a target (between: the words since it), as ``_enumerated`` says."""
    first = group[0]
    if between.endswith("等") and "、" in between:
        return []  # …超过4500亿元，徐汇、黄浦、普陀等3个集聚区…: the places just named, counted
    # (the 及 of 涉及 / 惠及 is no "and")
    cut = max(_JI_WORDS.sub("□□", between).rfind(ch) for ch in _ENUM_SEP)
    if cut < 0 and (
        (opening := re.match(r"\s*[（(](?=其中)", between))
        or (
            (opening := re.match(r"\s*[（(]", between))
            and _parts_sum_to(work, previous_end + opening.end(), previous)
        )
    ):
        # 新增收运车40辆（其中湿垃圾收运车32辆、…）: a breakdown in brackets; 产能达80万方（本区生产60万方及
        # 区外调入20万方）: one without 其中, its parts adding up to the whole
        cut = opening.end() - 1
    if cut < 0 and _glued_count(between, first, previous):
        # 新建3所学校2700个学位, 培训31个团队124人以上: a second count right after the first's object
        return _counted_after(group, work, text, offset, marks, previous)
    if (
        cut < 0
        or work[first.end : first.end + 1] == "的"
        or _BENEFICIARIES.search(between.rstrip())
        or (between.rstrip().endswith("惠及") and not _PEOPLE.search(first.unit))
    ):
        # …，受益群众5万人 / 惠及17个乡镇: who or where the work before reaches, not more of it
        # (惠及学生1.5万人次 counts the people a service reaches, as 为…人 does)
        return []
    # a breakdown: 建成学校12个，其中幼儿园7个、小学4个 / 增加学位5000个，其中幼儿园420个，中小学4580个
    breakdown = between[cut + 1 :].lstrip().startswith("其中") or (
        between[cut] in "，," and work[_clause_start(work, 0, previous_end) :].startswith("其中")
    )
    subject = _strip_fillers(between[cut + 1 :])  # 培育A企业300家、B企业30家: the next object first
    if (
        between[cut] in "，,"
        and between[cut + 1 :].strip("□ ") in ("共", "共计", "合计", "总计")
        and _counted(first.unit)
        and first.unit != previous.unit
    ):
        # 全年培训10个家庭医生服务团队，共40人: the total of another measure of the same work
        return _counted_after(group, work, text, offset, marks, previous)
    if subject.startswith(NON_TARGET_VERBS):
        return []  # 开工项目50个，涉及居民6.2万户: what the work before involves, not more of it
    if subject and (
        len(subject) > 20
        or _comparator_before(subject)
        or (between[cut] in "，," and not breakdown and not _elliptic(subject, work, first))
    ):
        return []
    if (
        first.unit in TIME_UNITS
        or first.unit == "岁"
        or (subject and not breakdown and previous.comparator in ("decrease_by", "increase_by"))
    ):
        return []
    comparator = ">=" if previous.comparator == "range" else previous.comparator
    if comparator == "<=" and previous.unit in TIME_UNITS:
        comparator = ">="  # 1分钟内首次响应，90%解决率: the limit was a time's, not the level's after it
    if first.suffix in _BOUND_SUFFIX:
        comparator = _BOUND_SUFFIX[first.suffix]
    elif (
        between[cut] in "，,"
        and first.unit in ("%", "‰")
        and previous.unit not in ("%", "‰")
        and _MEASURE_NOUN.search(subject)
    ):
        comparator = "="  # 推进达标建设68.94公里，主海塘达标率77.6%: the level the work brings, stated
    end = _clause_end(work, first.end)
    return [
        Target(
            indicator=subject.replace("□", "")
            or _object_after(work, first).strip("和及与、以上左右“”")
            or previous.indicator,
            comparator="range" if first.value_max is not None else comparator,
            value=first.value,
            value_max=first.value_max,
            unit=unit_name(first.unit),
            deadline_year=_deadline(marks, first.start),
            per=previous.per,
            text=text[first.start : end].strip(),
            span=(offset + first.start, offset + end),
        )
    ]


def _glued_count(between: str, first: _Hit, previous: Target) -> bool:
    """The words between a counted target and the next count are the first one's object alone."""
    return (
        2 <= len(between) <= 10
        and previous.comparator in (">=", "=")
        and _counted(previous.unit or "")
        and _counted(first.unit)
        and first.unit != previous.unit
        and not any(v in between for v in _VERBISH)
        and not _PROSE_WORD.search(between)
        and not re.search(r"[^\u4e00-\u9fff“”]", between)
    )


def _counted_after(group, work, text, offset, marks, previous: Target) -> list[Target]:
    first = group[0]
    comparator = _BOUND_SUFFIX.get(first.suffix, previous.comparator)
    end = _clause_end(work, first.end)
    return [
        Target(
            indicator=_object_after(work, first).strip("和及与、以上左右“”") or previous.indicator,
            comparator="range" if first.value_max is not None else comparator,
            value=first.value,
            value_max=first.value_max,
            unit=unit_name(first.unit),
            deadline_year=_deadline(marks, first.start),
            per=previous.per,
            text=text[first.start : end].strip(),
            span=(offset + first.start, offset + end),
        )
    ]


# after 为 + a count: the people or things a measure is carried out for (为62户家庭实施改造)
_SERVE_VERBS = "实施|进行|提供|开展|免费|办理|发放|安装|配备|改造|筛查|检查|体检|培训|救助|启动"
_SERVES = re.compile(
    rf"[\u4e00-\u9fff“”0-9（）()—\-～□]{{0,24}}?(?:{_SERVE_VERBS}|建设|购买|投保|升级|实现|推广)"
)
_PUSHED = re.compile(r"(?:推动|推进|加快|加速)[\u4e00-\u9fff]{0,6}$")
_BUILT_AT_END = re.compile(
    # (…3个公路沿线绿化整治工作: the work itself named)
    r"[^，,；;。]{1,30}?(?:建设|建成|改造|投产|落地|开工|(?:治理|整治|改造|建设)工作)(?=[，,；;。]|$)"
)
# 推进北厝-敖东、平原-苏澳、流水-仙人井3个公路沿线绿化整治工作: the things pushed, named before they are counted
_PUSHED_NAMES = re.compile(r"^(?:推动|推进|加快|加速)[^，,；;。：:]{1,80}?、[^，,；;。：:、]{1,40}$")
_LENGTH_OF_WORK = re.compile(r"(?:全长|总长|总长度|长度|总面积|面积)(?:约|近|达)?")
_LAID = re.compile(r"铺设|敷设|新建|修建|建设|改造|疏浚|整治|治理|绿化|硬化|提升")
_LENGTHS_AND_AREAS = frozenset(
    {"米", "公里", "千米", "平方米", "㎡", "平米", "亩", "万亩", "平方公里", "万平方米", "延米"}
)
_VERB_THEN_NAMES = re.compile(
    r"^(?P<verb>(?:"
    + "|".join(re.escape(v) for v in sorted((*ACTION_VERBS, "推进", "推动"), key=len, reverse=True))
    + r")+)"
    r"[^，,；;。：:□]{1,40}?、[^，,；;。：:□]{1,60}?等$"
)
_LIST_SIZE = re.compile(r"(?:重点)?(?:民生|为民|惠民)?实事")
_HOW_OFTEN = frozenset({"次", "遍", "轮"})
_AT_LEAST_DONE = re.compile(r"(?:至少|不少于)(?:主动|定期|集中|专门|上门|当面)?[\u4e00-\u9fff]{2}$")
_WORK_BEFORE = re.compile(r"(?:改造|新建|改建|整治|建设|修缮|维修)$")
_INCLUDING = re.compile(r"[（(](?:含|其中|包括)[^（()）]{0,30}[）)]")
_NAMED_ON = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年度?)?(?:计划)?[对为][^，,；;。：:]{1,60}?(?:等|的|、)(?:约|近)?$"
    # (对协兴村等村(社区)约130棵…树木: the places named, then the kind of them)
    # (not 等四大类22个小项: the parts of a specification counted)
    r"|^[对为][^，,；;。：:]{1,40}?等(?![一二三四五六七八九十两几多])[\u4e00-\u9fff]{1,4}(?<!类|项)(?:[（(][^（）()]{1,6}[）)])?(?:约|近)?$"
)
_ON_ALONE = re.compile(r"^对(?:约|近|辖区内?|全辖|全(?:省|市|区|县|镇)[^，,；;。：:、]{0,10})?$")
# (after a list of the things named, 、 and all: 对80条背街小巷破损路面、井盖、道牙进行维修)
_SERVES_LISTED = re.compile(rf"[\u4e00-\u9fff“”0-9（）()、—\-～]{{0,40}}?(?:{_SERVE_VERBS}|建设)")
_COUNT_UNITS = frozenset(
    {
        "个",
        "所",
        "处",
        "名",
        "家",
        "座",
        "张",
        "棵",
        "株",
        "套",
        "套(间)",
        "台(套)",
        "台（套）",
        "辆(艘)",
        "辆（艘）",
        "艘(台、套)",
        "艘（台、套）",
        "间",
        "条",
        "条段",
        "项",
        "个学位",
        "人",
        "户",
        "盏",
        "台",
        "辆",
    }
)
_MAGNITUDE_HEAD = re.compile("^(?:" + "|".join(MAGNITUDES) + ")")


def _counted(unit: str) -> bool:
    """A measure of things counted one by one, with or without a magnitude (个, 万盏)."""
    return _MAGNITUDE_HEAD.sub("", unit) in _COUNT_UNITS


def _elliptic(subject: str, work: str, first: _Hit) -> bool:
    """新建公共厕所120座，农村户用厕所14500座: a clause of a noun and its count alone, after a comma,
    elides the verb of the target before it (not 带动就业2000人, which has its own verb)."""
    clause_end = work[first.end : first.end + 1]
    return (
        len(subject) <= 12
        and (not clause_end or clause_end in _CLAUSE_SEP or clause_end in "（(、")
        and not any(v in subject for v in _VERBISH)
        # (总产1150万吨: a total named as the thing, not 共/总计 summing up the count before)
        and not _PROSE_WORD.search(re.sub(r"^总(?=[产量值额])", "", subject))
    )


# (无理由退货承诺店: 由 of 理由 / 自由 / 缘由 is no preposition)
# (资源共享平台, 共建共治: 共 of a compound is no 共计)
_PROSE_WORD = re.compile(
    r"[的了着是在将把被让使与为对从以向]|(?<![理自缘])由|其中|共(?![享建治同用])|全|总|累计|平均|人均"
)
# 推进全区183个项目: the whole area the count is in, after the verb
_WHOLE_AREA = re.compile(rf"(?<=[对在推动进实现为])全{_PLACE}$")
_IN_FIELDS = re.compile(r"在[^，,；;。□]{1,20}?(?:领域|方面|行业)")
_PUSH_IN_PLACE = re.compile(
    r"^(?:持续|继续|加快|全面|稳步|有序|计划|深入|着力|全力|积极|大力)?(?:推动|推进|实现)"
    r"(?:全(?:省|市|区|县|镇)|[\u4e00-\u9fff]{1,3}(?:区|县|镇|乡|街道)|[\u4e00-\u9fff]{0,3}(?:沿岸|沿线))?$"
)


_QUOTED_NAME = re.compile(r"“[^“”]{1,12}”?")


_BRACKETED = re.compile(r"[（(][^（()）]{0,30}[）)]")


_MINUTES_KIND = re.compile(r"\d{1,2}分钟(?=[\u4e00-\u9fff]{0,6}圈)")
# the kinds of a thing listed before it (重点实验室、制造业创新中心、…等各级各类平台)
_NAMED_KINDS = re.compile(
    r"^[^，,；;。□\d]{1,80}?、[^，,；;。□\d]{1,80}?等(?![一二三四五六七八九十两]+[大个类项])(?=[^，,；;。□\d、等]{2,})"
)
# 打造北港文创村、磹水风韵古村…等15个文化旅游特色村: the things named, then their count (not a list
# of bodies, 区建设管理委、…、区住房保障局等6个牵头部门, nor a verb inside a name of the list)
_NAMED_LIST = re.compile(r"^[^，,；;。□\d、]{1,40}(?:、[^，,；;。□\d、]{1,40})+等$")
_BODY_NAME = re.compile(r"(?:局|委|办|厅|部|院|中心|政府|公司|集团|管委会|站|所|队)等$")


def _action_with_object(core: str) -> int | None:
    """完成新建改扩建中小学 / 拥有儿科执业（助理）医生: a verb, then a short object."""
    best = None
    for verb in ACTION_VERBS:
        at = core.find(verb)
        if at < 0 or core.startswith(("值", "的", "为", "比例由"), at + len(verb)):
            # 增加值 is a measure, not the verb 增加; 面向公众开放的基地 an attribute; 更换为…,
            # 替代比例由30%调整为10%: what a thing becomes, a rule's rate
            continue
        obj = _NAMES.sub("", core[at + len(verb) :])  # 5G基站, PM2.5: names, not quantities
        obj = _QUOTED_NAME.sub("", obj)  # “丰优258”小麦品种: a quoted name
        obj = _SCOPE_IN_OBJECT.sub("", obj)  # 培育营业收入超10亿元的企业20家
        obj = _BRACKETED.sub("", obj)  # 引进总部型企业(地区总部、研发中心)6家: what the object covers
        obj = _NAMED_KINDS.sub("", obj)  # 培育重点实验室、…、工业设计中心等各级各类平台1000家: its kinds
        if _NAMED_LIST.match(obj) and not _BODY_NAME.search(obj):
            obj = ""
        obj = _MINUTES_KIND.sub("", obj)  # 建成15分钟商业服务圈60个: the kind of 服务圈 counted
        if len(obj) <= 24 and not re.search(r"[\d□，,；;。]", obj):
            if best is None or at < best:
                best = at
    return best


def _object_after(work: str, hit: _Hit) -> str:
    j = hit.end
    while j < len(work) and work[j] not in _CLAUSE_SEP and work[j] != "、" and not work[j].isdigit():
        j += 1
    obj = work[hit.end : j].lstrip("的")
    if _TOTALLING.fullmatch(obj):
        return ""  # 8条段共计69公里骨干河道: the total that follows, not the thing counted
    for word, _ in _COMPARATORS:
        if obj.endswith(word):
            obj = obj[: -len(word)]
            break
    return obj.replace("□", "")


def _indicators(base: str, n: int) -> list[str]:
    base = base.strip(" 、，,：:")
    if n == 1:
        return [base]
    names = [p for p in base.split("、") if p]
    if len(names) != n:
        return [base] * n
    # 学生体质健康测试优良率、合格率: later names share the first name's leading words.
    head = names[0]
    for k in range(1, n):
        tail = names[k]
        if len(head) > len(tail):
            prefix = head[: len(head) - len(tail)]
            if not tail.startswith(prefix):
                names[k] = prefix + tail
    return names


_WHOLE_SCOPE = re.compile(rf"^全{_PLACE}")
# 到2025年， / 力争2025年底， / 2025年底前，: a year the goal is set for (not 2020年，, a year reported on)
_GOAL_YEAR_LEAD = re.compile(
    r"(?:^|[。；;\n])[\s\u3000]*(?:(?:力争|确保)?(?:到|至)|力争|确保)(?:19|20)\d{2}\s*年(?:底|末)?[，,]\s*"
    r"(?:[^，,。；;\n]{1,24}、)?$"
    r"|(?:^|[。；;\n])[\s\u3000]*(?:19|20)\d{2}\s*年(?:底|末)?(?:前|以前)[，,]\s*(?:[^，,。；;\n]{1,24}、)?$"
)
_YEAR_LEAD_CLAUSE = re.compile(
    # (2025年，全市充（换）电站3000座、充电桩16万个以上: the year alone too, and the next of a list)
    r"(?:^|[。；;\n])[\s\u3000]*(?:力争|确保)?(?:到|至)?(?:19|20)\d{2}\s*年(?:底|末)?[，,]\s*"
    r"(?:[^，,。；;\n]{1,24}、)?$"
)


def _after_year_lead(work: str, clause_start: int) -> bool:
    """The clause right after a sentence's opening 到2023年，."""
    return _YEAR_LEAD_CLAUSE.search(work, max(0, clause_start - 40), clause_start) is not None


def _bracketed_years_closed(work: str, marks: list) -> list:
    """到2022年，…达到70%以上（其中，2021年达到60%），星级…达到20%以上: a year inside brackets dates
    what the brackets hold; after them the year before is in force again (a mark of no length at
    the closing bracket)."""
    out = list(marks)
    for k, (start, _end, _year) in enumerate(marks):
        if not k:
            continue
        opening = max(work.rfind("（", 0, start), work.rfind("(", 0, start))
        if (
            opening < 0
            or opening < marks[k - 1][1]
            or max(work.rfind("）", opening, start), work.rfind(")", opening, start)) >= 0
        ):
            continue  # not inside brackets opened after the year before
        closing = min((c for c in (work.find("）", start), work.find(")", start)) if c >= 0), default=-1)
        if closing >= 0 and not any(start < m[0] <= closing for m in marks):
            out.append((closing + 1, closing + 1, marks[k - 1][2]))
    return sorted(out)


def _deadline(marks, position: int) -> int | None:
    year = None
    for start, _end, y in marks:
        if start < position:
            year = y
    return year


# ---------------------------------------------------------------- document targets

# Goal sections: 发展目标, 主要目标, 工作目标, 总体目标, 行动目标, 目标要求, 主要预期目标, 具体指标 …
_GOAL_TITLE = re.compile(r"目标|(?:具体|主要|预期|核心|发展)指标")
_NOT_GOAL = re.compile(r"考核|责任|管理|评价|评估|督查|监测")
_MIXED_GOAL = re.compile(r"任务|措施|举措|步骤|路径")
_BROAD_TITLE = re.compile(r"总体要求|总体思路|指导思想和(?:主要|发展)?目标")
# An unnumbered paragraph led by its own label: 具体指标：…, 总体要求与目标：…, 主要目标。…
_GOAL_LABEL = re.compile(r"^[\s\u3000]*([\u4e00-\u9fff、与和及]{2,10})[：:。]")
# a goal sentence in 总体要求: a paragraph, or a sentence, that starts with 到2025年
# (or with the year alone before a comma: 2025年，福州地区生产总值达1.7万亿元以上)
# (or a clause of the sentence that opens so: …坚决守住耕地红线，确保至2035年…; …，“十四五”期间…稳定在)
_YEAR_LEAD = re.compile(
    r"(?:^|(?<=[。；;]))[\s\u3000]*(?:力争|争取|预计)?"
    r"(?:(?:到|至)\s*(?:19|20)\d{2}\s*年|(?:19|20)\d{2}\s*年(?:底|末)?(?=[，,]))"
    r"|(?<=[，,])(?:力争|争取|确保)?(?:(?:到|至)\s*(?:19|20)\d{2}\s*年|[“\"]?十[一二三四五六七八九]五[”\"]?(?:期间|时期|末))"
    # 经过5年努力，…分担率不低于50%: the goals of a plan that counts its years instead of naming them
    r"|(?:^|(?<=[。；;]))[\s\u3000]*(?:经过|通过|用)\s*(?:\d{1,2}|[一二三四五六七八九十])\s*年(?:左右)?(?:的|时间)?(?:努力|时间)"
)
_INTRO_GOAL = re.compile(r"(?:19|20)\d{2}\s*年[^。；;]{0,30}?(?:力争|确保|争取|预计|目标)")
_GOAL_SENTENCE = re.compile(
    r"^[\s\u3000]*[^，,。；;：:]{0,30}?(?:主要|预期|发展|工作|总体|年度)目标(?:任务)?(?:(?:是|为)[：:]?|[：:])(?=\S)"
    r"|^[\s\u3000]*(?:总的|总体)要求(?:是|为)[，,：:]?(?=\S)"
)
_BOX = re.compile(r"^[\s\u3000]*专栏\s*[0-9０-９一二三四五六七八九十]*")
_PREAMBLE_GOAL = re.compile(
    r"^[\s\u3000]*(?:计划|力争|争取|确保)?(?:到|至)\s*(?:19|20)\d{2}\s*年(?:底|末)?前?[，,]"
)
# the title of a table of goals standing on its own line, its header cells on the next lines
# (黄浦区市政综合管理“十三五”目标任务指标 | 项目 | 指标): a flattened table whose cells are sentences
_GOAL_TABLE_TITLE = re.compile(r"(?:目标|任务|主要|发展|规划)指标(?:表|一览表)?$|目标(?:任务)?(?:表|一览表)$")
_GOAL_TABLE_HEADER = re.compile(r"^[\s\u3000]*(?:项\s*目|指\s*标|类\s*别|领\s*域|序\s*号)[\s\u3000]*$")


def goal_table_titles(lines) -> set[int]:
    """Indexes of the lines that title a table of goals (its header cells, 项目 / 指标, on the
    next two lines, unnumbered): the item above ends there, and what follows, up to the next
    numbered item, is a goal region (see ``goal_regions``)."""
    found: set[int] = set()
    for k, line in enumerate(lines):
        text = line.text.strip()
        if line.cells is not None or not 4 <= len(text) <= 40 or not _GOAL_TABLE_TITLE.search(text):
            continue
        if re.search(r"[。；;，,：:]", text) or match_marker(text) is not None:
            continue
        after = [ln for ln in lines[k + 1 : k + 5] if ln.text.strip()][:2]
        if len(after) == 2 and all(ln.cells is None and _GOAL_TABLE_HEADER.match(ln.text) for ln in after):
            found.add(k)
    return found


# the heading of a section of work (二、重点任务; （三）重点工作 inside 三、总体发展目标; 三、产业链科技攻关方向:
# the research to be done)
_TASK_SECTION = re.compile(
    r"^(?:[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|期间)?)?(?:重点|主要|具体)?(?:改革|建设|攻坚)?(?:任务|工作任务|重点任务|重点工作|主要任务|工作措施|政策措施|重点举措|主要举措|具体措施|主要措施)(?:安排|部署)?$"
    r"|^[\u4e00-\u9fff]{0,8}?攻关(?:方向|任务|重点)$"
)


def task_section(node) -> bool:
    """A heading of a section of work with items under it (二、主要任务, （三）重点工作)."""
    return bool(node.children) and bool(_TASK_SECTION.match(re.sub(r"\s", "", node.title or node.label)))


def after_lost_heading(node) -> list:
    """The items of ``node`` from the first number met twice on: （一）指导思想 （二）基本原则
    （三）规划目标 （三）控制固体废物污染 （四）… under 二、指导思想、基本原则和规划目标 — the heading of the
    work (三、主要任务) was lost in the copy, and what follows it is work, not the section's own."""
    seen: set[str] = set()
    for k, child in enumerate(node.children):
        if child.number in seen:
            return node.children[k:]
        seen.add(child.number)
    return []


_GOAL_DASH_LINE = re.compile(rf"[ \u3000]*{_GOAL_DASH}")


def _dashed_goals_end(lines, k: int, end: int) -> int:
    """The end of line ``k`` (a 到2026年，… goal paragraph) and of the ——lines of goals right after it
    (——创新能力。打造2—3个…平台), up to ``end``."""
    stop = lines[k].start + len(lines[k].text)
    for line in lines[k + 1 :]:
        if line.start >= end or line.cells is not None or not _GOAL_DASH_LINE.match(line.text):
            break
        stop = line.start + len(line.text)
    return stop


def goal_regions(lines, roots) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
    """(goal regions, boxed 专栏 regions, pure goal sections) as spans of the document text.
    ``lines`` are the document's lines (``.text``, ``.start``), ``roots`` its outline. A pure
    goal section is a heading of goals only (发展目标, not 目标任务 / 主要目标和重点任务)."""
    regions: list[tuple[int, int]] = []
    pure: list[tuple[int, int]] = []

    def end_of(node) -> int:
        return max(n.span[1] for n in node.walk())

    def visit(node) -> None:
        title = node.title or node.label
        if _GOAL_TITLE.search(title) and not _NOT_GOAL.search(title) and len(title) <= 24:
            # a section of work inside it (三、总体发展目标 over （三）重点工作 1.–5.) is not a goal
            lost = after_lost_heading(node)
            work = [(c.span[0], end_of(c)) for c in node.children if task_section(c) and c not in lost]
            if lost:  # (one run of work, to the section's end)
                work.append((lost[0].span[0], end_of(node)))
            start = node.span[0]
            for a, b in [*work, (end_of(node), end_of(node))]:
                if a > start:
                    regions.append((start, a))
                    if not _MIXED_GOAL.search(title):
                        pure.append(regions[-1])
                start = b
            return
        if _BROAD_TITLE.search(title) and not any(
            _GOAL_TITLE.search(c.title or c.label) for c in node.walk() if c is not node
        ):
            # 总体要求 without a goal heading of its own: its 到2025年… paragraphs are the goals
            start, end = node.span[0], end_of(node)
            for k, line in enumerate(lines):
                if start <= line.start < end and (lead := _YEAR_LEAD.search(line.text)):
                    regions.append((line.start + lead.start(), _dashed_goals_end(lines, k, end)))
        if node.children and _INTRO_GOAL.search(node.text or ""):
            # a section's opening paragraph, before its numbered items: 2023年全区固定资产投资力争
            # 完成381亿元 (a task holding it keeps its targets: see document_targets)
            regions.append(node.span)
        for child in node.children:
            visit(child)

    starts = [line.start for line in lines]
    for root in roots:
        visit(root)
        if not root.children and not any(a <= root.span[0] < b for a, b in regions):
            # 一、全面提升发展质效: a section of one paragraph before the items of work; its 到2027年，…
            # sentences are the document's goals (a task's own stay the task's: see document_targets)
            first = bisect_left(starts, root.span[0])
            for k, line in enumerate(lines[first : bisect_left(starts, root.span[1])], first):
                if lead := _YEAR_LEAD.search(line.text):
                    regions.append((line.start + lead.start(), _dashed_goals_end(lines, k, root.span[1])))
    nodes = {n.span[0]: n for r in roots for n in r.walk()}
    first_section = min((r.span[0] for r in roots), default=-1)
    boxes: list[tuple[int, int]] = []
    tables = goal_table_titles(lines)
    text_end = lines[-1].start + len(lines[-1].text) if lines else 0
    for k, line in enumerate(lines):
        if any(a <= line.start < b for a, b in regions):
            continue
        if k in tables:
            # a table of goals after its title line, up to the next numbered item
            regions.append((line.start, min((s for s in nodes if s > line.start), default=text_end)))
            continue
        label = _GOAL_LABEL.match(line.text)
        if label and _GOAL_TITLE.search(label.group(1)) and not _NOT_GOAL.search(label.group(1)):
            regions.append((line.start, line.start + len(line.text)))
        elif line.start not in nodes and _GOAL_SENTENCE.match(line.text):
            # an unnumbered paragraph that states the goals: 2017年全市经济社会发展主要预期目标是：…
            regions.append((line.start, _dashed_goals_end(lines, k, text_end)))
        elif line.start < first_section and _PREAMBLE_GOAL.match(line.text):
            # the preamble's paragraph of goals, before the first section: 计划到2027年底前，… (and
            # the ——lines of goals right after it)
            regions.append((line.start, _dashed_goals_end(lines, k, first_section)))
        elif _BOX.match(line.text):
            # the box runs until a blank line, the next box, or the next item at the level of the
            # item it stands in (or higher): its own numbered lines (1.5G网络…) stay inside
            around = [n for n in nodes.values() if n.span[0] <= line.start < n.span[1]]
            level = max((n.level for n in around), default=-1)
            end = line.start + len(line.text)
            own = None  # the box's own list, numbered from 1 right under its title (1.油气勘探：… 2.电网：…)
            expected = 1
            for nxt in lines[k + 1 : k + 40]:
                node = nodes.get(nxt.start)
                if node is not None and (own is None or node.style == own) and _item_value(node) == expected:
                    if own is not None or nxt is lines[k + 1]:
                        own, expected = node.style, expected + 1
                        end = nxt.start + len(nxt.text)
                        continue
                if (node is not None and node.level <= level) or _BOX.match(nxt.text) or not nxt.text.strip():
                    break
                if node is not None and level < 0 and node.level == 0:
                    break
                end = nxt.start + len(nxt.text)
            boxes.append((line.start, end))
    return sorted(regions), boxes, pure


def _item_value(node) -> int | None:
    """The value of an item's number (1. -> 1, （三） -> 3)."""
    digits = re.sub(r"[^0-9一二三四五六七八九十]", "", node.number.translate(_DIGITS))
    if not digits:
        return None
    return int(digits) if digits.isdigit() else cn_to_int(digits)


def outside_goal_sections(tasks, pure: list[tuple[int, int]]) -> list:
    """Items of goal sections are not tasks when a document's tasks are its leaf items
    (a document that names no unit: 一、发展目标 is not a task). ``pure``: the pure goal sections
    of ``goal_regions``."""
    return [t for t in tasks if not any(a <= t.source_span[0] < b for a, b in pure)]


_FIVE_YEAR_HEADER = re.compile(
    r"^[“\"]?十([一二三四五六七八九])五[”\"]?(?:末|期末|期间|时期)?(?:目标值?|预期值?|规划值?|规划目标)$"
)
TABLE_YEAR = re.compile(
    r"^((?:19|20)\d{2})\s*年?(?:底|末)?(?:(?:规划|预期|计划)?目标值?|预期值?|规划值?|计划值?)?"
    # 2025年（目标值）: the goal in brackets (not 2020年（现状值）, where things stand)
    r"(?:[（(](?:(?:规划|预期|计划)?目标值?|预期值?|规划值?|计划值?)[）)])?$"
)
_TABLE_VALUE = re.compile(
    r"^(?P<cmp>≥|>=|＞|>|≤|<=|＜|<|不低于|不少于|超过|达到)?\s*(?P<v>\d+(?:\.\d+)?)\s*(?P<unit>%|‰)?\s*"
    r"(?P<suffix>以上|以下|以内|左右)?(?:[（(](?:暂定|待定|力争|预计|约)[）)])?$"
)
_TABLE_CMP = {
    "≥": ">=",
    ">=": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "达到": ">=",
    "＞": ">",
    ">": ">",
    "超过": ">",
    "≤": "<=",
    "<=": "<=",
    "＜": "<",
    "<": "<",
}
_CHANGE_HEADER = re.compile(
    r"比(?:19|20)\d{2}年?(?:增长|增减|增加|下降|提高|降低)|年均增长|^增幅$|^增减$|变化"
)
_CHANGE_VALUE = re.compile(r"^(?P<sign>[-－—−+＋])?(?P<v>\d+(?:\.\d+)?)(?P<unit>%|个百分点|百分点)$")
_TABLE_GOAL = re.compile(r"^(?:目标值?|预期值?|规划值?|预期目标)$")
_NAME_UNIT = re.compile(r"[（(]([^（）()]{1,12})[）)]\s*$")


# The value cell of a task table's value column (预期效果 | 目标值 beside a 指标名称 task column): a
# number with its measure, an optional sign, 各 (each of the kinds named) and 左右 / 以上 / 以内.
_CELL_VALUE = re.compile(
    r"^(?:各|约)?(?P<cmp>≥|>=|＞|>|≤|<=|＜|<|不低于|不少于|超过|达到)?\s*(?P<v>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>%|‰|[万亿千]?[\u4e00-\u9fff]{1,4}?)?(?:[/／](?P<period>[日天月年]))?\s*(?P<suffix>以上|以下|以内|左右)?$"
)
# a note after a cell's value (≥98%（除危废外）), not a value in brackets (（86.4%）, a baseline)
_CELL_NOTE = re.compile(r"(?<=[^（(])[（(][^（）()]{1,12}[）)]$")


# a cell with its own sign (≥79.2, ≤12.7, 95%以上): a goal, never a baseline's plain figure
SIGNED_CELL = re.compile(r"[≥≤><＞＜]|不低于|不少于|不超过|超过|达到|以上|以下|以内")


def _cell_comparator(m: re.Match) -> str:
    """A table cell's own sign (≥55, <5, 不低于) or 以上 / 以内 after its value; a bare value is ``=``."""
    if m.group("suffix") in ("以下", "以内"):
        return "<="
    if m.group("suffix") == "以上":
        return ">="
    return _TABLE_CMP.get(m.group("cmp") or "", "=")


def cell_value_target(
    cell: str, indicator: str, span: tuple[int, int], year: int | None, *, unit: str = ""
) -> Target | None:
    """The target a value cell states for its row's indicator (``3000万吨左右``, ``≥85%``, ``各80个``):
    a bare value is a level with no verb, ``=``; a sign or 以上 / 以内 in the cell is kept. ``unit``:
    the row's measure from its own column (单位), when the cell prints none."""
    compact = "".join(cell.split()).replace("％", "%")
    m = _CELL_VALUE.match(compact) or _CELL_VALUE.match(_CELL_NOTE.sub("", compact))
    if m is None or not indicator.strip():
        return None
    unit = _known_measure(m.group("unit") or "") or unit
    if any(c in "年月日时" for c in unit):
        return None  # a date or a duration, not a measure
    target = _cell_target(m, indicator.strip(), unit, year, cell, span)
    if (period := m.group("period")) and target.unit:
        target.unit = f"{target.unit}/{period}"  # 36吨/日: a rate, its period in its measure
    return target


def known_measure(text: str) -> bool:
    """``text`` is a measure as printed in a table's 单位 column (万平方米, 万套（间）, 个)."""
    bare = re.sub(r"[（(][^（）()]{1,4}[）)]$", "", text)
    magnitude = m.group() if (m := _MAGNITUDE_HEAD.match(bare)) else ""
    return bool(bare) and (bare in _UNIT_SET or bare[len(magnitude) :] in _UNIT_SET)


def _known_measure(unit: str) -> str:
    """A cell's measure without the thing counted after it (4个街道 -> 个), when it opens on one."""
    magnitude = m.group() if (m := _MAGNITUDE_HEAD.match(unit)) else ""
    rest = unit[len(magnitude) :]
    if not rest or rest in _UNIT_SET:
        return unit
    head = next((u for u in _UNITS_LONGEST_FIRST if rest.startswith(u)), None)
    return magnitude + head if head else unit


def cell_value_targets(
    cell: str, indicator: str, span: tuple[int, int], year: int | None, *, unit: str = ""
) -> list[Target]:
    """The targets of a value cell that may hold several figures for its row (24.3万户/682个): each
    part read as ``cell_value_target`` reads a cell, all of them or none."""
    parts = _CELL_PARTS.split("".join(cell.split()))
    found = [cell_value_target(part, indicator, span, year, unit=unit) for part in parts]
    return [t for t in found if t is not None] if all(found) else []


_CELL_PARTS = re.compile(r"[/／、](?=[≥≤><＞＜约]?\d)")


def _cell_target(m: re.Match, indicator: str, unit: str, year: int | None, text: str, span) -> Target:
    """The target of a table cell's value matched by ``m`` (groups cmp, v, suffix)."""
    return Target(
        indicator=indicator,
        comparator=_cell_comparator(m),
        value=_number(m.group("v")),
        value_max=None,
        unit=unit_name(unit) or None,
        deadline_year=year,
        per=None,
        text=text,
        span=span,
    )


# a verb of completion right after a share (100%完成, 100%更新完成, 100%移交…)
_SHARE_DONE = re.compile(r"[\u4e00-\u9fff]{0,2}?(?:完成|实现|覆盖|达标|移交|接入|纳入|配备|建成|落实)")


def phase_cell_targets(cell: str, at: int, indicator: str, year: int) -> list[Target]:
    """The targets of a plan table's year cell (2024年 | 选取1~2家停车保养场): the phrase as the
    task's own text is read; a cell whose phrase has no verb the extractor knows (布设25辆次,
    选取1-2个停保场) still commits to each quantity it names: at least that many, or the range."""
    found, _steps = extract(cell, at, default_year=year)
    for target in found:
        target.indicator = target.indicator or indicator
    if found or _YEARISH.search(cell):
        return found
    out = []
    text = cell.translate(_DIGITS)
    for m in _QTY.finditer(text):
        if not re.fullmatch(_NUM, m.group("lo")) or (m.group("hi") and not re.fullmatch(_NUM, m.group("hi"))):
            continue
        if m.group("suffix") or m.group("about") or text[: m.start()].endswith(("第", "前", "“", '"')):
            continue
        low, high = _number(m.group("lo")), _number(m.group("hi")) if m.group("hi") else None
        out.append(
            Target(
                indicator=indicator,
                comparator="range" if high is not None else ">=",
                value=low,
                value_max=high,
                unit=unit_name(m.group("unit")) or None,
                deadline_year=year,
                per=None,
                text=cell,
                span=(at + m.start(), at + m.end()),
            )
        )
    return out


_YEARISH = re.compile(r"\d{4}年|\d+月")


def indicator_columns(headers: list[str]) -> tuple[list[tuple[int, int]], int | None]:
    """The year columns ((year, index): 2022年 | 2025年目标值) and the measure's column (单位) of a
    table of indicators, from its (compacted) headers."""
    years = [(int(m.group(1)), i) for i, h in enumerate(headers) if (m := TABLE_YEAR.match(h))]
    # “十五五”目标 / 十五五末: the plan period's last year (not “十四五”现状, where things stand)
    years += [
        (five_year_end(m.group(1)), i) for i, h in enumerate(headers) if (m := _FIVE_YEAR_HEADER.match(h))
    ]
    # 目标值(2030年）: the goal's column with its year in brackets (not 现状值(2025年）, a baseline)
    years += [(int(m.group(1)), i) for i, h in enumerate(headers) if (m := _GOAL_YEAR_HEADER.match(h))]
    measure = next((i for i, h in enumerate(headers) if h in MEASURE_HEADERS), None)
    return years, measure


_GOAL_YEAR_HEADER = re.compile(
    r"^(?:近期|中期|远期)?(?:目标|预期|规划)值?[（(]((?:19|20)\d{2})年?(?:底|末)?[）)]$"
)


_INDICATOR_ROW = re.compile(r"^(?:主要)?指标(?:名称)?$")


def _transposed_indicator_targets(lines, task_spans) -> list[Target]:
    """A table of indicators laid on its side: a row ``主要指标 | A | B …`` over a row ``2022年目标值 |
    >6亿吨 | 61.5% …``: each column's value is a goal for that year."""
    out: list[Target] = []
    for k in range(len(lines) - 1):
        names, values = lines[k].cells, lines[k + 1].cells
        if not names or not values or any(a <= lines[k].start < b for a, b in task_spans):
            continue
        if not _INDICATOR_ROW.match("".join(names[0].split())):
            continue
        label = "".join(values[0].split())
        if m := TABLE_YEAR.match(label):
            year = int(m.group(1))
        elif m := _FIVE_YEAR_HEADER.match(label):
            year = five_year_end(m.group(1))
        else:
            continue
        spans = lines[k + 1].cell_spans()
        for j in range(1, min(len(names), len(values))):
            if target := cell_value_target(values[j], names[j], spans[j], year):
                out.append(target)
    return out


# a sub-header cell over a column of goals in a table of places by indicators (目标任务 | 进度 | 完成比例)
_MATRIX_GOAL_HEADER = re.compile(r"^(?:年度)?(?:目标任务|目标值?|任务数?|计划数?)(?:数)?$")
# a measure in brackets after a name (城镇新增就业(人), 到2025年规划指标(万亩))
NAMED_MEASURE = re.compile(r"[（(]([^（）()]{1,6})[）)]$")
_MATRIX_BOUND = (
    ("不低于", ">="),
    ("不少于", ">="),
    ("不超过", "<="),
    ("低于", "<"),
    ("控制在", "<="),
    ("以内", "<="),
)
_PLACE_CELL = re.compile(r"^[\u4e00-\u9fff（）()]{2,12}$")


_YEAR_GROUP = re.compile(r"((?:19|20)\d{2})\s*年")


def _year_group_matrix_targets(lines, task_spans) -> list[Target]:
    """A table of places by year groups of indicators (单位 | 到2025年规划指标(万亩) | | | 到2030年规划指标(万亩)
    over 单位 | 累计建成…面积 | 累计改造提升…面积 | … , then 全区 | 5.56 | 0.80 | …): each place's figure under
    each indicator of a year's group is a goal for that year, ``=``, its measure from the group's (or
    the indicator's) brackets."""
    out: list[Target] = []
    for k in range(len(lines) - 2):
        top, names = lines[k].cells, lines[k + 1].cells
        if not top or not names or any(a <= lines[k].start < b for a, b in task_spans):
            continue
        starts = [j for j, c in enumerate(top) if j > 0 and _YEAR_GROUP.search(c) and len(c) <= 24]
        if len(starts) < 2 or any(top[j].strip() for j in range(1, len(top)) if j not in starts):
            continue
        groups = []
        for n, j in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(names)  # (trailing empty cells trimmed)
            year = int(_YEAR_GROUP.search(top[j]).group(1))
            measure = NAMED_MEASURE.search("".join(top[j].split()))
            for c in range(j, min(end, len(names))):
                if names[c].strip():
                    groups.append((c, year, measure.group(1) if measure else "", "".join(names[c].split())))
        for row in lines[k + 2 :]:
            if row.cells is None:
                break
            place = "".join(row.cells[0].split())
            if not _PLACE_CELL.match(place):
                break
            spans = row.cell_spans()
            for c, year, group_measure, name in groups:
                if c >= len(row.cells) or not row.cells[c].strip():
                    continue
                own = NAMED_MEASURE.search(name)
                unit = group_measure or (own.group(1) if own else "")
                if unit and not (unit in ("%", "‰") or known_measure(unit)):
                    unit = ""
                if (
                    target := cell_value_target(row.cells[c], f"{place} {name}", spans[c], year, unit=unit)
                ) is not None:
                    out.append(target)
    return out


def _place_matrix_targets(lines, task_spans) -> list[Target]:
    """A table of places by indicators (地区 | 城镇新增就业(人) … over 目标任务 | 进度 | 完成比例(%) …, then
    全市 | 27800 | 52242 | 187.9 …, 东坡区 | 8000 | …): each place's figure in each goal column is a goal
    of that place for that indicator, ``=`` unless the indicator's name bounds it (城镇登记失业率低于(%)
    → ``<``); its measure from the name's brackets. The progress and completion columns are no goals."""
    out: list[Target] = []
    for k, line in enumerate(lines):
        cells = line.cells
        if not cells or any(a <= line.start < b for a, b in task_spans):
            continue
        goals = [j for j, c in enumerate(cells) if _MATRIX_GOAL_HEADER.match("".join(c.split()))]
        if len(goals) < 2 or 0 in goals:
            continue
        above = next(
            (
                row.cells
                for row in reversed(lines[max(0, k - 3) : k])
                if row.cells and all(j < len(row.cells) and row.cells[j].strip() for j in goals)
            ),
            None,
        )
        if above is None:
            continue
        names = ["".join(above[j].split()) for j in goals]
        for row in lines[k + 1 :]:
            if row.cells is None:
                if _PLACE_CELL.match(row.text.strip()):
                    continue  # a place printed without figures (a new area not yet counted)
                break
            place = "".join(row.cells[0].split())
            if not _PLACE_CELL.match(place) or _MATRIX_GOAL_HEADER.match(place):
                break
            spans = row.cell_spans()
            for j, name in zip(goals, names, strict=True):
                if j >= len(row.cells) or not row.cells[j].strip():
                    continue
                measure = NAMED_MEASURE.search(name)
                unit = (
                    measure.group(1)
                    if measure and (measure.group(1) in ("%", "‰") or known_measure(measure.group(1)))
                    else ""
                )
                bare = NAMED_MEASURE.sub("", name)
                target = cell_value_target(row.cells[j], f"{place} {bare}", spans[j], None, unit=unit)
                if target is None:
                    continue
                for word, comparator in _MATRIX_BOUND:
                    if bare.endswith(word) and target.comparator == "=":
                        target.comparator = comparator
                        target.indicator = f"{place} {bare[: -len(word)]}"
                        break
                out.append(target)
    return out


def indicator_table_targets(lines, regions, task_spans) -> tuple[list[Target], list[tuple[int, int]]]:
    """A table of indicators in a goal section or 专栏 (指标 | 单位 | 2020年 | 2025年 | 属性): each row's
    value in the latest year's column is a goal for that year (with several columns named as goals,
    目标值（2025年） | 目标值（2035年）, the value in each). A bare value states a level with no
    verb (2025年: 40, as 为40): ``=``; a comparator in the cell (≥55, <5, 95%以上) is kept. Returns
    the targets and the spans of the rows read (their other cells, 现状值 …, are no goals)."""
    out: list[Target] = []
    rows: list[tuple[int, int]] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        k += 1
        cells = line.cells
        if not cells:
            continue
        before = lines[k - 2] if k >= 2 else None  # a table right after a goal section's text or a 专栏 title
        if not any(a <= line.start < b for a, b in regions) and not (
            before is not None
            and before.cells is None
            and (
                any(a <= before.start < b for a, b in regions)
                or _BOX.match(before.text)
                or "指标" in before.text
            )
        ):
            continue
        if any(a <= line.start < b for a, b in task_spans):
            continue
        headers = ["".join(c.split()) for c in cells]
        named = [i for i, h in enumerate(headers) if "指标" in h and not TABLE_YEAR.match(h)]
        # (指标类别 | 序号 | 指标项: the indicator's own column, not its category's; 一级指标 | 二级指标:
        # the finer one)
        finer = [i for i in named if headers[i].startswith(("二级", "三级"))]
        own = [i for i in named if not CATEGORY_HEADER.search(headers[i])]
        name_col = finer[-1] if finer else own[0] if own else named[0] if named else None
        years, unit_col = indicator_columns(headers)
        plain = next((i for i, h in enumerate(headers) if _TABLE_GOAL.match(h)), None)
        if name_col is None or (not years and plain is None):
            continue
        # the latest year's column; else a 目标值 column, its year that of the plan (set later);
        # several columns named as goals (目标值（2025年） | 目标值（2035年））: a goal for each year
        goals = sorted((y, i) for y, i in years if _GOAL_COLUMN.search(headers[i]))
        columns = goals if len(goals) >= 2 else [max(years) if years else (None, plain)]
        year, value_col = columns[-1]
        # 2015年比2010年增长 | 年均增长: the change the plan sets, a target beside the level
        change_col = next((i for i, h in enumerate(headers) if _CHANGE_HEADER.search(h)), None)
        while k < len(lines) and lines[k].cells:
            row = lines[k]
            k += 1
            rows.append((row.start, row.start + len(row.text)))
            if any(a < row.start + len(row.text) and row.start < b for a, b in task_spans):
                continue  # (a row that is a task, by its 牵头单位 cell: its goal is the task's)
            cells = list(row.cells)
            if len(cells) <= max(value_col, name_col) or not (name := cells[name_col].strip()):
                continue
            out.extend(
                t
                for y, col in columns
                if col < len(cells) and (t := _indicator_cell(cells, row, name, unit_col, col, y))
            )
            if (plain := _plain_cell(cells, value_col, name, unit_col)) is None:
                continue
            name = plain[2]
            if change_col is not None and change_col < len(cells) and change_col != value_col:
                change = _CHANGE_VALUE.match("".join(cells[change_col].split()).replace("％", "%"))
                if change is not None:
                    value = _number(change.group("v"))
                    per = "年" if "年均" in headers[change_col] else None
                    out.append(
                        Target(
                            indicator=name,
                            comparator="decrease_by"
                            if change.group("sign") in ("-", "－", "—", "−")
                            else "increase_by",
                            value=value,
                            value_max=None,
                            unit="百分点" if change.group("unit") in ("个百分点", "百分点") else "%",
                            deadline_year=year,
                            per=per,
                            text=" | ".join(cells),
                            span=row.cell_spans()[change_col],
                        )
                    )
    return out, rows


_GOAL_COLUMN = re.compile(r"目标|预期|规划")


def _plain_cell(
    cells: list[str], col: int, name: str, unit_col: int | None
) -> tuple[re.Match, str, str] | None:
    """A value cell that prints no measure (40, ≥55, 95%以上): its match, its unit (the cell's %, else
    the 单位 column's, else a measure in brackets after the name: 人均预期寿命（岁）) and the name
    without that bracket. None for any other cell."""
    m = _TABLE_VALUE.match("".join(cells[col].split()).replace("％", "%"))
    if m is None:
        return None
    unit = m.group("unit") or (cells[unit_col].strip() if unit_col is not None else "")
    if not unit and (n := _NAME_UNIT.search(name)):
        unit, name = n.group(1), name[: n.start()].strip()
    return m, unit, name


def _indicator_cell(cells: list[str], row, name: str, unit_col: int | None, col: int, year) -> Target | None:
    """The goal in one value cell of an indicator table's row (None: no quantity in it)."""
    if (plain := _plain_cell(cells, col, name, unit_col)) is not None:
        m, unit, name = plain
        return _cell_target(m, name, unit, year, " | ".join(cells), row.cell_spans()[col])
    # a value with its measure in the cell (80万平方米, 3200张)
    measure = cells[unit_col].strip() if unit_col is not None and unit_col < len(cells) else ""
    target = cell_value_target(cells[col], name, row.cell_spans()[col], year, unit=measure)
    if target is not None:
        target.text = " | ".join(cells)
    return target


_NAME_LINE = re.compile(r"^[^\d。；;，,：:！？（(、]{2,20}$")
_VALUE_LINE = re.compile(r"^\s*\d+(?:\.\d+)?(?!\s*年|\d)")


def _name_and_value_lines(text: str) -> str:
    """A table of goals printed one cell a line (管道养护抽查合格率 / 95%（含）以上): a value line
    read after the indicator's name on the line before it, as one line (the same length)."""
    lines = text.split("\n")
    out = lines[:1]
    for line in lines[1:]:
        if (
            out
            and _NAME_LINE.match(out[-1].strip())
            and not match_marker(out[-1].strip())
            and _VALUE_LINE.match(line)
            and not match_marker(line.strip())
        ):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return "\n".join(out)


def _target_key(t: Target) -> tuple:
    return (t.span, t.comparator, t.value, t.value_max, t.unit, t.indicator)


def document_targets(
    text: str, lines, roots, tasks, plan_year: int | None, titles: tuple[str | None, ...] = ()
) -> list[Target]:
    """Quantified goals of the document itself: those of its goal sections and boxed 专栏,
    outside any task. A task standing in a goal section (a 主要预期目标 line with its units)
    keeps its targets; a target in a 专栏 moves from its task to the document. Without a year
    of its own, a goal takes the year of its paragraph, else ``plan_year`` (the end year of a
    time-boxed plan: （2024—2026年）, an annual plan's year), unless it is a yearly rate; so does
    every undated target of the tasks (the plan's end year is their deadline, issue 12)."""
    regions, boxes, _ = goal_regions(lines, roots)
    # 2025年，是…之年，…。全年全社会研发投入突破100亿元: the year's goals stated before the first item
    # (or in a text with no item at all)
    head = text[: roots[0].span[0]] if roots else text
    if not roots:
        # a text with no numbered item (a goal statement, a news item on a plan): its 到2025年，…
        # sentences and clauses are its goals
        for line in lines:
            if line.cells is None and (lead := _YEAR_LEAD.search(line.text)):
                regions.append((line.start + lead.start(), line.start + len(line.text)))
    for m in _YEAR_GOALS_LEAD.finditer(head):
        sentence_end = head.find("。", m.end())
        sentence = head[m.start() : sentence_end if sentence_end >= 0 else len(head)]
        if not _PAST.search(sentence):
            regions.append((m.start(), m.start() + len(sentence)))
    if roots and not regions:
        # a plan with no goal section: the preamble right before its first item, when it states
        # the work to be done (高质量完成各项工作：…全区完成18个…小区，…达标率稳定在95%以上)
        regions += _preamble_goals(text, roots)
    task_spans = [t.source_span for t in tasks]

    def outside_tasks(targets: list[Target]) -> list[Target]:
        return [t for t in targets if not any(a <= t.span[0] < b for a, b in task_spans)]

    found: list[Target] = []
    passes: dict[int, int] = {}  # id of a target -> the pass (one extract() call, one table) that read it
    pass_numbers = itertools.count()

    def add(targets) -> None:
        number = next(pass_numbers)
        for t in targets:
            passes[id(t)] = number
            found.append(t)

    for start, end in regions:
        add(outside_tasks(extract(_name_and_value_lines(text[start:end]), start, carry_year=True)[0]))
    for start, end, year in _schedule_stages(roots, text):
        add(outside_tasks(extract(text[start:end], start, default_year=year, carry_year=True)[0]))
    for start, end in _heading_paragraphs(roots, tasks):
        targets, _ = extract(text[start:end], start, carry_year=True)
        # not the count of the items below (实施以下4项, 共22项) nor a length of time
        add([t for t in targets if t.unit not in _LISTED_OR_DURATION])
    for start, end in boxes:
        targets, _ = extract(text[start:end], start, carry_year=True)
        add(targets)
        for task in tasks:
            task.targets = [t for t in task.targets if not start <= t.span[0] < end]
    in_table, rows = indicator_table_targets(lines, regions + boxes, task_spans)
    found = [t for t in found if not any(a <= t.span[0] < b for a, b in rows)]  # read by the table
    add(in_table)
    add(_transposed_indicator_targets(lines, task_spans))
    add(_place_matrix_targets(lines, task_spans))
    add(_year_group_matrix_targets(lines, task_spans))
    # the same goal read by two passes (a region and a box over it) is one; the same figure twice in
    # one clause (分别下降2%、1%、3%和2%: the two 2% share the clause's span) is two: each key is kept as
    # often as one pass gave it
    counts: dict[tuple[int, tuple], int] = {}
    for t in found:
        counts[passes[id(t)], _target_key(t)] = counts.get((passes[id(t)], _target_key(t)), 0) + 1
    most: dict[tuple, int] = {}
    for (_, key), n in counts.items():
        most[key] = max(most.get(key, 0), n)
    out = []
    kept: dict[tuple, int] = {}
    for t in sorted(found, key=lambda t: t.span):
        key = _target_key(t)
        if kept.get(key, 0) < most[key]:
            kept[key] = kept.get(key, 0) + 1
            out.append(t)
    if plan_year is None and any(t and _YEARS_OF_ACTION.search(t) for t in titles):
        # a 三年行动 that states no period: its goals' year (到2026年) is its end year
        plan_year = max((t.deadline_year for t in out if t.deadline_year is not None), default=None)
    for task in tasks:
        period = _heading_period(task.path)
        _default_year(task.targets, plan_year if period is None else period or None)
    _default_year(out, plan_year)
    return out


# a heading naming the period its items are for (一、省政府工作报告“十四五”时期重点工作涉杭任务, （二）
# 2021—2025年重点任务): the end of that period
_HEADING_PERIOD = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?(?:时期|期间|规划)")


_YEARS_AHEAD = re.compile(r"(?:未来|今后)(?:[一二三四五六七八九十两]|\d{1,2})年")


def _heading_period(path: list[str]) -> int | None:
    """The end year of the period the innermost heading over a task names, if one does (in an
    annual list, the section of the five-year goals keeps their period's end); 0 for years
    counted but not named (一、未来五年主要工作任务: no year of the list's own)."""
    for heading in reversed(path):
        if _YEARS_AHEAD.search(heading):
            return 0
        if m := _HEADING_PERIOD.search(heading):
            return five_year_end(m.group(1))
        if m := _YEAR_RANGE.search(heading):
            return int(re.findall(r"(?:19|20)\d{2}", m.group())[-1])
    return None


_PREAMBLE_GOALS = re.compile(
    r"(?:完成|实现|达到)(?:以下|如下|各项)?(?:工作|目标|任务)[：:]|(?:目标|任务)(?:是|为)[：:]?"
)


def _preamble_goals(text: str, roots) -> list[tuple[int, int]]:
    """The last paragraph before the first item, from its announcement of the work on (…，高质量完成
    各项工作：… / 总体目标是：…)."""
    head = text[: roots[0].span[0]].rstrip()
    start = head.rfind("\n") + 1
    paragraph = head[start:]
    if (cue := _PREAMBLE_GOALS.search(paragraph)) is None:
        return []
    # (from the cue's sentence on: a page run into one line holds the notice before it, 已经…研究通过)
    if _PAST.search(paragraph, max(paragraph.rfind(ch, 0, cue.start()) for ch in "。；;") + 1):
        return []
    return [(start + cue.start(), start + len(paragraph))]


_SCHEDULE_SECTION = re.compile(
    r"计划安排|实施步骤|进度安排|工作步骤|时间安排|阶段安排|推进安排|步骤安排|工作进度|推进步骤"
)


def _schedule_stages(roots, text: str) -> list[tuple[int, int, int | None]]:
    """The stages of the sections that stage the work (四、计划安排 / （二）实施阶段（2025年底前） /
    1.2025年6月底前，…新增点位30个): what a stage is to have done by its date is the plan's own
    goal. (start, end, the year in the stage's first line) of each item and of the section's text."""
    out = []
    for root in roots:
        if _SCHEDULE_SECTION.search(root.label):
            for node in root.walk():
                first_line = text[node.span[0] : node.span[1]].split("\n", 1)[0]
                mark = _YEAR_MARK.search(first_line.translate(_DIGITS))
                out.append((node.text_start, node.span[1], int(mark.group(1)) if mark else None))
    return out


_LISTED_OR_DURATION = {"项", "件", "个方面", "年", "个月", "月", "天", "日"}


def _heading_paragraphs(roots, tasks) -> list[tuple[int, int]]:
    """The own paragraphs of the items that head tasks without being tasks (1.海塘达标。…，全区主海塘
    达标率达73%。 over the tasks （1）（2）): the goals the items below it share."""
    starts = {t.source_span[0] for t in tasks}
    out = []
    for root in roots:
        for node in root.walk():
            if (
                node.children
                and node.span[0] not in starts
                and any(d.span[0] in starts for d in node.walk() if d is not node)
            ):
                out.append((node.text_start, node.span[1]))
    return out


_PERIOD = re.compile(r"[（(]\s*(?:19|20)\d{2}\s*年?\s*[—\-－–～~至到]+\s*((?:19|20)\d{2})\s*年?\s*[）)]")
_TITLE_PERIOD = re.compile(r"(?:19|20)\d{2}\s*年?\s*[—\-－–～~至到]+\s*((?:19|20)\d{2})\s*年")


def plan_period_end(titles: list[str | None], head: str) -> int | None:
    """The end year of a time-boxed plan: a period in a title (（2024—2026年）, 十四五, 2024年…
    as for ``metadata.plan_end_year``) or a bracketed period in the text before the first item;
    for a title naming its length (三年行动, 两年攻坚), also a period or a start year (从2024年起)
    in that text. None for an open-ended document (its goals' own years only)."""
    from .metadata import plan_end_year

    for title in titles:
        if title and (m := _TITLE_PERIOD.search(title)):
            return int(m.group(1))  # 2024年至2026年
        if title and (year := plan_end_year(title, None)) is not None:
            return year
    # 《法治政府建设实施纲要（2015—2020年）》要求…: another document's period (but 现将《X》印发 is this one)
    head = _MASKED_TITLE.sub(lambda m: m.group() if _ISSUED.match(head, m.end()) else "", head)
    if m := _PERIOD.search(head):
        return int(m.group(1))
    # 从2005年起，…，用3年左右时间，…: a start year and a length stated in one sentence
    for sentence in re.split(r"[。\n]", head):
        if (start := _START_YEAR.search(sentence)) and (length := _YEARS_SPAN.search(sentence, start.end())):
            years = int(d) if (d := length.group(1)).isdigit() else cn_to_int(d)
            if years:
                return int(start.group(1)) + years - 1
    # a 三年行动 whose years the text before the first item gives: 2024—2026年, 从2024年起
    span = next((m for t in titles if t and (m := _YEARS_OF_ACTION.search(t))), None)
    if span is None:
        return None
    if m := _TITLE_PERIOD.search(head):
        return int(m.group(1))
    years = int(d) if (d := span.group(1)).isdigit() else cn_to_int(d)
    if years and (m := _START_YEAR.search(head)):
        return int(m.group(1)) + years - 1
    return None


# 办实事, 兴办10件实事, 十件民生实事
_DEEDS = r"办(?:[0-9一二三四五六七八九十百]+[件项])?实事|[0-9一二三四五六七八九十]+件(?:民生|为民|惠民)?实事"
_ANNUAL = re.compile(
    # (确定2019四大民生实事项目: the year with no 年 before the count of its list)
    r"((?:19|20)\d{2})\s*(?:年(?:度)?|(?=[0-9一二三四五六七八九十]{1,2}[大件项]))[^。，,；;：:\n]{0,20}?"
    rf"(?:重点工作|目标任务|重点任务|工作任务|工作要点|责任分解|任务分解|工作计划|民生实事|{_DEEDS}|实事项目|责任清单|任务清单|重要工作|(?:责任|任务|工作)分工|政府工作"
    # (《2014年要完成的与人民生活密切相关的实事（网上征求意见稿）》: a list of 实事 named as such)
    r"|实事(?=[（(》”]))"
)
_LIVELIHOOD = re.compile(rf"(?:19|20)\d{{2}}\s*年[^。，,；;：:\n]{{0,20}}?(?:民生实事|{_DEEDS}|实事项目)")


_CITING = re.compile(r"^(?:为)?(?:根据|按照|依据|贯彻|落实|对照)")


def annual_plan_year(titles: list[str | None], head: str) -> int | None:
    """The year of an annual plan: a title (or the text before the first item, where a notice
    names what it issues) naming one year with 重点工作 / 目标任务 / 责任分解 / 责任分工 … (2023年重点工作
    及责任分解, 2023年《政府工作报告》确定的主要目标任务). None when no year, or several, is named."""
    # in the text, only a sentence that issues this document (现印发给你们), not one citing another
    # (根据《某某省2023年重点工作任务分解》…)
    # A list of 民生实事 is announced rather than issued (确定2024年10项重点民生实事): the sentence
    # naming the year of its list counts too.
    issuing = [
        x
        for x in re.split(r"[。\n]", head)
        if (_ISSUED.search(x) or _LIVELIHOOD.search(x)) and not _CITING.match(x.strip())
    ]
    # 根据…精神，经…研究同意，现将《2008年政府工作目标任务分解》印发给你们: the clause that issues,
    # after citing ones
    issuing += [x for x in re.split(r"[。\n，,；;]", head) if _ISSUES_NOW.match(x) and x not in issuing]
    # 按照…要求，现就2013年《政府工作报告》确定的重点工作任务提出责任分工意见如下: the clause that
    # introduces this document's own work, after a citing one
    issuing += [
        x
        for x in re.split(r"[。\n，,；;]", head)
        if _INTRODUCES.search(x) and not _CITING.match(x.strip()) and x not in issuing
    ]
    # 为认真做好2019年政府工作，…，现就…提出部门分工意见如下: the purpose clause of that sentence
    issuing += [
        clause
        for sentence in re.split(r"[。\n]", head)
        if any(_INTRODUCES.search(x) for x in re.split(r"[，,；;]", sentence))
        for clause in re.split(r"[，,；;]", sentence)
        if _PURPOSE.match(clause) and clause not in issuing
    ]
    # 按照…安排，督查办对2021年政府工作报告重点工作任务一季度推进情况进行了汇总，现将具体情况报告如下:
    # the other clauses of the sentence that introduces the text, but those that cite
    issuing += [
        clause
        for sentence in re.split(r"[。\n]", head)
        if any(_INTRODUCES.search(x) for x in re.split(r"[，,；;]", sentence))
        for clause in re.split(r"[，,；;]", sentence)
        if not _CITING.match(clause.strip()) and clause not in issuing
    ]
    # …提出了2013年市政府要做好的8项重点工作，已经…会议研究通过。现将重点工作任务分解如下: the
    # sentence before one that introduces the work with no year of its own names it
    sentences = re.split(r"[。\n]", head)
    issuing += [
        before
        for before, sentence in itertools.pairwise(sentences)
        if _INTRODUCES.search(sentence)
        and not re.search(r"(?:19|20)\d{2}\s*年", sentence)
        and not _CITING.match(before.strip())
        and before not in issuing
    ]
    for source in (*titles, *issuing):
        if not source:
            continue
        years = {int(m.group(1)) for m in _ANNUAL.finditer(source)}
        if len(years) == 1:
            return years.pop()
        if years:
            return None
    # 2022年县政府将继续优先保障民生投入，重点抓好10件民生实事：the one year of the sentence that
    # announces the list
    for sentence in re.split(r"[。\n]", head):
        if (
            _DEEDS_WORD.search(sentence)
            and not _CITING.match(sentence.strip())
            and not _PAST.search(sentence)
        ):
            years = {int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", sentence)}
            if len(years) == 1:
                return years.pop()
    # 根据工作安排，2018年，我们继续制定和公开相关指标: the year whose figures the text goes on to set
    for sentence in re.split(r"[。\n]", head):
        if (m := _YEAR_SETS.search(sentence)) and not _PAST.search(sentence):
            return int(m.group(1))
    # 2016年是“十三五”规划的开局之年…: a year's work plan that opens by naming its year
    if m := _YEAR_IS.search(head):
        return int(m.group(1))
    # 刚刚过去的2020年，…实施36个项目…。今年，…将实施39个项目: the year after the one just past
    if (past := _YEAR_PAST.search(head)) and "今年" in head[past.end() :]:
        return int(past.group(1)) + 1
    # 今年…将全力办好10件民生实事 under a dated release (来源:山西晚报 • 2023-02-24): the release's year
    if _THIS_YEAR_LIST.search(head) and (dated := _RELEASE_DATE.search(head)):
        return int(dated.group(1))
    return None


_YEAR_GOALS_LEAD = re.compile(
    r"(?:^|(?<=[。；;，,\n]))[ \t\u3000]*(?:力争|确保|争取)?全年(?=[\u4e00-\u9fff])"
)
_YEAR_SETS = re.compile(
    r"(?:^|[，,；;：:])\s*((?:19|20)\d{2})\s*年[，,]\s*(?:我们|我[部局委厅办市区县])?(?:将|要)?(?:继续|进一步)?"
    r"(?:制定|确定|制订|设定)(?:和|并|及)?(?:公开|公布|发布|下达)?[^。，,]{0,10}?(?:指标|目标)"
)
_YEAR_IS = re.compile(r"(?:^|[。\n])\s*((?:19|20)\d{2})\s*年[，,]?是[^。]{0,200}?(?:之年|的一年)")
_DEEDS_WORD = re.compile(rf"民生实事|{_DEEDS}|实事项目")
_PAST = re.compile(r"过去|去年|上年|已经|已完成|顺利完成|完成情况")  # a sentence on last year's list
_YEAR_PAST = re.compile(r"(?:刚刚|刚)过去的((?:19|20)\d{2})\s*年")
_THIS_YEAR_LIST = re.compile(
    rf"今年[^。\n]{{0,30}}?(?:民生实事|{_DEEDS}|实事项目|重点工作|重点任务|工作要点)"
)
_RELEASE_DATE = re.compile(r"((?:19|20)\d{2})(?:-|/|年)\d{1,2}(?:-|/|月)\d{1,2}")


_INTRODUCES = re.compile(r"^\s*现(?:就|将).{0,60}如下")
_ISSUES_NOW = re.compile(
    r"^\s*(?:(?:现|特|今)将.{0,80}(?:印发|发布|公布|下达)|(?:我们|我区|我市|我县)?(?:编制|拟定)了《)"
)
_PURPOSE = re.compile(r"^\s*为(?:了)?(?:认真|切实|全面|扎实)?(?:做好|完成|落实|推进)")
_MASKED_TITLE = re.compile(r"《[^》]*》")
# (…现下达给你们: a list of tasks handed down)
_ISSUED = re.compile(r"(?:予以)?(?:印发|发布|公布)|下达给")
_YEARS_OF_ACTION = re.compile(
    r"(?<![0-9０-９〇零一二三四五六七八九十两])([两二三四五六七八九十1-9])年(?:专项)?(?:行动|攻坚)"
)
_YEARS_SPAN = re.compile(r"(?:用|经过|花)([两二三四五六七八九十1-9])年(?:左右)?(?:的)?时间")
_START_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:起|开始)")


def _default_year(targets: list[Target], year: int | None) -> None:
    if year is None:
        return
    for t in targets:
        if t.deadline_year is None and t.per != "年":
            t.deadline_year = year
