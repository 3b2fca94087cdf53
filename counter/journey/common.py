"""What the journey services share: the error type, who may act, which items are documents."""
from __future__ import annotations

from counter.auth import Principal, require
from counter.models import Role
from counter.visits import VisitError


class JourneyError(VisitError):
    """One clear line for the user, in Chinese and English (`zh_CN`, `en`)."""

    def text(self, lang: str = "zh_CN") -> str:
        return self.en if lang == "en" else self.zh_CN


def acting(ctx, principal: Principal | None, role: Role = Role.CLERK) -> Principal | None:
    """The person acting: the one given, else the context's; None only at the console (the CLI,
    where the operating-system user is audited), never a window without a login."""
    who = principal if principal is not None else ctx.principal
    return require(who, role) if who is not None else None


def document_codes(catalog) -> frozenset[str]:
    """Procedures whose document is made elsewhere and comes back to the station: ID cards
    (`id_card = true`), those with a pick-up choice (`pickup` field: licences, permits) and
    those a hand-out procedure hands out (`hands_out`)."""
    codes = set()
    for procedure in catalog.procedures:
        if procedure.id_card or procedure.field("pickup") is not None:
            codes.add(procedure.code)
        codes.update(procedure.hands_out)
    return frozenset(codes)


def by_post(item) -> bool:
    """The applicant chose 邮寄 on the item's form (`pickup = "post"`)."""
    return (item.values or {}).get("pickup") == "post"
