"""The seeded joint-measures catalogue (联合奖惩措施清单).

A-level incentives after 发改财金〔2016〕1467号《关于对纳税信用A级纳税人实施联合激励措施的合作备忘录》;
D-level punishments after 发改财金〔2016〕2798号《关于对重大税收违法案件当事人实施联合惩戒措施的合作备忘录
（2016版）》(a 重大税收违法失信主体 is rated D: 国家税务总局令第54号, 2025年第12号 Art. 18(12)); the
scenarios of 周政办字〔2023〕10号（五）. The memoranda's itemised texts were not retrieved verbatim
(see /work/shared/research/credit-rules.md §5): the wording below is the office's summary of each
measure, to be checked against the memoranda and edited in the catalogue page (an edit is a new
version). B, M and C have no measures.
"""

INCENTIVE_BASIS = "发改财金〔2016〕1467号《关于对纳税信用A级纳税人实施联合激励措施的合作备忘录》"
PUNISHMENT_BASIS = (
    "发改财金〔2016〕2798号《关于对重大税收违法案件当事人实施联合惩戒措施的合作备忘录（2016版）》"
)
LOCAL_BASIS = "周政办字〔2023〕10号（五）信用结果共用"

# code, kind, level, text, legal basis, scenarios, implementing agencies
SEED = [
    (
        "A01",
        "incentive",
        "A",
        "评选各类先进、荣誉称号时，同等条件下优先考虑（评先树优优先考虑）",
        INCENTIVE_BASIS,
        ["honours"],
        "各评选表彰单位",
    ),
    (
        "A02",
        "incentive",
        "A",
        "办理行政许可、备案等事项时开通“绿色通道”，优先办理",
        INCENTIVE_BASIS,
        ["market_access", "subsidy"],
        "各行政审批和服务部门",
    ),
    (
        "A03",
        "incentive",
        "A",
        "办理行政许可时，主要申请材料齐全、次要材料欠缺的，实行“容缺受理”，申请人承诺限期补正",
        INCENTIVE_BASIS,
        ["market_access"],
        "各行政审批和服务部门",
    ),
    (
        "A04",
        "incentive",
        "A",
        "安排财政性资金项目和专项资金时，将纳税信用A级作为参考，同等条件下优先支持",
        INCENTIVE_BASIS,
        ["subsidy"],
        "区发展改革局、区财政局等",
    ),
    (
        "A05",
        "incentive",
        "A",
        "金融机构融资授信时将纳税信用A级作为参考，同等条件下给予支持（银税互动）",
        INCENTIVE_BASIS,
        ["financing"],
        "金融监管部门、银行业金融机构",
    ),
    (
        "A06",
        "incentive",
        "A",
        "“两代表一委员”资格审核时，将连续保持纳税信用A级作为诚信守法的参考",
        f"{INCENTIVE_BASIS}；{LOCAL_BASIS}",
        ["deputies"],
        "资格审核部门",
    ),
    (
        "D01",
        "punishment",
        "D",
        "依法限制参加政府采购活动",
        PUNISHMENT_BASIS,
        ["procurement"],
        "区财政局",
    ),
    (
        "D02",
        "punishment",
        "D",
        "依法限制参与工程建设项目招标投标",
        PUNISHMENT_BASIS,
        ["bidding"],
        "区住房城乡建设局、区行政审批服务局等",
    ),
    (
        "D03",
        "punishment",
        "D",
        "不得作为评先树优对象；已取得的荣誉称号依规撤销",
        PUNISHMENT_BASIS,
        ["honours"],
        "各评选表彰单位",
    ),
    (
        "D04",
        "punishment",
        "D",
        "从严审核财政补助和专项资金申请，依法限制享受财政资金支持",
        PUNISHMENT_BASIS,
        ["subsidy"],
        "区财政局、区发展改革局等",
    ),
    (
        "D05",
        "punishment",
        "D",
        "金融机构融资授信时审慎对待，依法限制融资授信",
        PUNISHMENT_BASIS,
        ["financing"],
        "金融监管部门、银行业金融机构",
    ),
    (
        "D06",
        "punishment",
        "D",
        "从严审核发行企业债券等融资事项",
        PUNISHMENT_BASIS,
        ["financing"],
        "区发展改革局",
    ),
    (
        "D07",
        "punishment",
        "D",
        "在市场准入、资质认定、行政审批等方面依法从严审核或予以限制；依法限制取得政府供应土地",
        PUNISHMENT_BASIS,
        ["market_access"],
        "各行政审批部门、区自然资源局",
    ),
    (
        "D08",
        "punishment",
        "D",
        "“两代表一委员”资格审核时，将纳税信用D级（重大税收违法失信主体）情况作为不予推荐的重要参考",
        f"{PUNISHMENT_BASIS}；{LOCAL_BASIS}",
        ["deputies"],
        "资格审核部门",
    ),
]
