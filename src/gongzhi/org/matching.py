"""Matching unit names as documents write them against the registry.

`UnitIndex` is built once from the database (a district has hundreds of units, not
millions) and answers `match(text)` with an exact match, an alias match, a collective
(各镇（街道） -> every town and subdistrict), or ranked suggestions. It never creates.

Suggestions compare names without the district and city they may start with (周村区财政局 ~
区财政局). Those names are data: the `GONGZHI_REGION` setting when it is set (e.g.
`["演示区", "演示市"]`), otherwise what the top units of the registry say they are
(周村区人民政府, 中共淄博市周村区委员会 -> 周村区, 淄博市).
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.conf import settings

from gongzhi.org.choices import UnitKind

_QUOTES = str.maketrans(
    {
        "“": "",
        "”": "",
        '"': "",
        "'": "",
        "‘": "",
        "’": "",
        "「": "",
        "」": "",
        "(": "（",
        ")": "）",
        "　": "",
        " ": "",
    }
)
_SUFFIXES = "机关|分局|局|中心|办公室|办事处|委员会|委"
# A top unit's name (or alias) around the region it governs: 淄博市周村区人民政府, 中共周村区委.
_TOP_UNIT = re.compile(r"^(?:中共(.+?)(?:委员会|委)|(.+?)(?:人民政府|人民法院|人民检察院))$")
# One administrative level of a region: 山东省, 淄博市, 周村区, 沂源县.
_LEVEL = re.compile(r".+?(?:省|自治区|自治州|市|州|盟|地区|区|县|旗)")

# Collective names that stand for a set of units of given kinds.
COLLECTIVES: dict[str, tuple[str, ...]] = {
    "各镇（街道）": (UnitKind.TOWN, UnitKind.SUBDISTRICT),
    "各镇、街道": (UnitKind.TOWN, UnitKind.SUBDISTRICT),
    "各镇街": (UnitKind.TOWN, UnitKind.SUBDISTRICT),
    "各镇街道": (UnitKind.TOWN, UnitKind.SUBDISTRICT),
    "各镇政府、街道办事处": (UnitKind.TOWN, UnitKind.SUBDISTRICT),
    "各镇": (UnitKind.TOWN,),
    "各街道": (UnitKind.SUBDISTRICT,),
}


def normalize_name(text: str) -> str:
    return (text or "").translate(_QUOTES).strip("，,、；;。：:")


def region_names(units, aliases) -> tuple[str, ...]:
    """The district and city names unit names may start with: `GONGZHI_REGION` when set,
    otherwise read from the names and aliases of the registry's top units (no parent)."""
    configured = getattr(settings, "GONGZHI_REGION", None)
    if configured:
        names = [configured] if isinstance(configured, str) else list(configured)
    else:
        tops = [u.name for u in units if u.parent_id is None]
        tops += [a.alias for a in aliases if a.unit.parent_id is None]
        names = [
            level
            for text in tops
            if (found := _TOP_UNIT.match(normalize_name(text)))
            for level in _LEVEL.findall(found[1] or found[2])
        ]
    return tuple(
        sorted({normalize_name(n) for n in names if len(normalize_name(n)) > 1}, key=lambda n: (-len(n), n))
    )


def _affix_pattern(region: tuple[str, ...]) -> re.Pattern:
    prefixes = "|".join([*map(re.escape, region), "区", "市"])
    return re.compile(f"^({prefixes})|({_SUFFIXES})$")


@dataclass
class UnitMatch:
    text: str
    status: str  # exact | alias | collective | suggest | none
    unit: object | None = None
    units: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)  # [(unit, score 0..1)]

    @property
    def is_sure(self) -> bool:
        return self.status in {"exact", "alias", "collective"}

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "status": self.status,
            "unit": self.unit.name if self.unit else None,
            "units": [u.name for u in self.units],
            "suggestions": [
                {"unit": u.name, "unit_id": u.pk, "score": round(s, 2)} for u, s in self.suggestions
            ],
        }


class UnitIndex:
    def __init__(self, units, aliases):
        self.units, aliases = list(units), list(aliases)
        self.by_name = {normalize_name(u.name): u for u in self.units}
        self.by_alias = {normalize_name(a.alias): a.unit for a in aliases}
        self.keys = [(key, unit) for key, unit in [*self.by_name.items(), *self.by_alias.items()]]
        self.region = region_names(self.units, aliases)
        self._affix = _affix_pattern(self.region)

    @classmethod
    def build(cls, *, include_inactive: bool = False) -> "UnitIndex":
        from gongzhi.org.models import Unit, UnitAlias

        units = Unit.objects.all() if include_inactive else Unit.objects.active()
        aliases = UnitAlias.objects.select_related("unit").filter(unit__in=units)
        return cls(units, aliases)

    def _core(self, text: str) -> str:
        """A name without its region prefix and its kind suffix: 周村区财政局 -> 财政."""
        return self._affix.sub("", self._affix.sub("", text))

    def lookup(self, text: str):
        key = normalize_name(text)
        return self.by_name.get(key) or self.by_alias.get(key)

    def match(self, text: str, *, limit: int = 5) -> UnitMatch:
        key = normalize_name(text)
        if not key:
            return UnitMatch(text, "none")
        if key in self.by_name:
            return UnitMatch(text, "exact", unit=self.by_name[key])
        if key in self.by_alias:
            return UnitMatch(text, "alias", unit=self.by_alias[key])
        if key in COLLECTIVES:
            kinds = COLLECTIVES[key]
            return UnitMatch(text, "collective", units=[u for u in self.units if u.kind in kinds])
        return UnitMatch(text, "suggest" if (s := self.suggest(key, limit=limit)) else "none", suggestions=s)

    def suggest(self, key: str, *, limit: int = 5, threshold: float = 0.55) -> list:
        core = self._core(key)
        scored: dict[int, tuple[object, float]] = {}
        for candidate, unit in self.keys:
            ratio = SequenceMatcher(None, key, candidate).ratio()
            ccore = self._core(candidate)
            if core and ccore:
                ratio = max(ratio, SequenceMatcher(None, core, ccore).ratio() * 0.95)
                if core in ccore or ccore in core:
                    ratio = max(ratio, 0.6 + 0.3 * min(len(core), len(ccore)) / max(len(core), len(ccore)))
            if ratio >= threshold and ratio > scored.get(unit.pk, (None, 0))[1]:
                scored[unit.pk] = (unit, ratio)
        return sorted(scored.values(), key=lambda pair: (-pair[1], pair[0].name))[:limit]

    def unit_from_title(self, title: str):
        """The unit a position title starts with: 区财政局局长 -> 区财政局 (longest match wins)."""
        text = normalize_name(title)
        best, best_len = None, 0
        for key, unit in self.keys:
            if key and text.startswith(key) and len(key) > best_len:
                best, best_len = unit, len(key)
        return best


def match_unit(text: str) -> UnitMatch:
    """An exact match, an alias match, a collective, or ranked suggestions for one name."""
    return UnitIndex.build().match(text)
