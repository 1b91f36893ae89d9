from django.utils.translation import gettext as _
from ninja import Router, Schema

from gongzhi.core.api import errors
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.org import selectors
from gongzhi.org.matching import match_unit

router = Router(tags=["单位与人员"])


def _require(request, capability: str) -> None:
    if not request.principal.has_capability(capability):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("没有权限执行此操作"))


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent: str | None
    aliases: list[str]


def _unit_out(unit) -> dict:
    return {
        "id": unit.pk,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "kind_label": unit.get_kind_display(),
        "parent": unit.parent.name if unit.parent else None,
        "aliases": [a.alias for a in unit.aliases.all()],
    }


@router.get("/units", response={200: list[UnitOut], **errors()}, summary="单位名录（可按名称或别名搜索）")
def units(request, q: str = "", kind: str = ""):
    _require(request, "org.view")
    return [_unit_out(u) for u in selectors.unit_list(search=q, kind=kind)]


@router.get("/units/match", response={200: dict, **errors()}, summary="匹配单位名称：精确、别名、集合或候选")
def units_match(request, name: str):
    _require(request, "org.view")
    return match_unit(name).as_dict()


class MemberOut(Schema):
    name: str
    role: str
    title: str
    unit: str | None
    phone: str


class GroupOut(Schema):
    id: int
    name: str
    office_unit: str | None
    office_director: str | None
    members: list[MemberOut]


@router.get("/groups/{group_id}", response={200: GroupOut, **errors(404)}, summary="议事协调机构及现任成员")
def group(request, group_id: int):
    _require(request, "org.view")
    if request.principal.role == "api_token":
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("接口令牌不能查看成员信息"))
    group = selectors.group_get(pk=group_id)
    rows = selectors.group_members(group=group, user=request.principal)
    return {
        "id": group.pk,
        "name": group.name,
        "office_unit": group.office_unit.name if group.office_unit else None,
        "office_director": group.office_director.name if group.office_director else None,
        "members": [
            {
                "name": r["person"].name,
                "role": r["role"],
                "title": r["membership"].position_title,
                "unit": r["unit"].name if r["unit"] else None,
                "phone": r["phone"],
            }
            for r in rows
        ],
    }
