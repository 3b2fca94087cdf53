"""A card read into a visit: the identity fields it fills and what the visit stores about it.

`flow.card_reads` keeps, per person ("applicant", "proxy"), what the card said. At finish the
visit stores the applicant's identity source: `card` or `wedge` while the identity still holds
the number the reader delivered, `typed` otherwise (the clerk typed over it).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from counter.idcard.card import CardData

SOURCES = ("typed", "card", "wedge")
APPLICANT, PROXY = "applicant", "proxy"


def card_fields(card: CardData, *, proxy: bool = False) -> dict[str, Any]:
    """The identity page's fields the card fills (in the order to fill them)."""
    if proxy:
        return {"proxy": True, "proxy_name": card.name, "proxy_id_number": card.id_number}
    fields = {"name": card.name, "id_number": card.id_number, "address": card.address}
    if card.sex:
        fields["sex"] = card.sex
    return fields


def card_record(card: CardData, today: date) -> dict[str, Any]:
    """What the visit keeps of a card read (JSON-ready)."""
    return {
        "source": "card", "id_number": card.id_number, "name": card.name, "nation": card.nation_code,
        "birth": card.birth.isoformat(), "authority": card.authority, "valid_from": card.valid_from.isoformat(),
        "valid_until": card.valid_until.isoformat() if card.valid_until else None,
        "expired": card.expired(today),
    }


def apply_card(flow, card: CardData, *, proxy: bool = False) -> dict[str, Any]:
    """Fill the visit's identity from the card; returns the fields set."""
    fields = card_fields(card, proxy=proxy)
    for field_id, value in fields.items():
        flow.identity.set(field_id, value)
    flow.card_reads[PROXY if proxy else APPLICANT] = card_record(card, flow.today)
    return fields


def note_wedge(flow, id_number: str) -> None:
    """A keyboard-wedge reader typed the applicant's ID number."""
    flow.card_reads[APPLICANT] = {"source": "wedge", "id_number": id_number.upper(), "expired": None}


def _current(flow, person: str, field: str) -> dict[str, Any] | None:
    record = flow.card_reads.get(person)
    if record and str(flow.identity.values.get(field, "")).upper() == record["id_number"]:
        return record
    return None


def identity_source(flow) -> tuple[str, bool | None]:
    """(typed | card | wedge, card expired) for the applicant as the identity now stands."""
    record = _current(flow, APPLICANT, "id_number")
    if record is None:
        return "typed", None
    return record["source"], record.get("expired")


def visit_columns(flow) -> dict[str, Any]:
    source, expired = identity_source(flow)
    return {"identity_source": source, "card_expired": expired}


def with_card_facts(flow, identity: dict[str, Any]) -> dict[str, Any]:
    """The stored identity, with what the cards said beyond the form (nation, validity)."""
    out = dict(identity)
    for person, field in ((APPLICANT, "id_number"), (PROXY, "proxy_id_number")):
        record = _current(flow, person, field)
        if record is not None and record["source"] == "card":
            out[f"{person}_card"] = {k: v for k, v in record.items() if k not in ("id_number", "name")}
    return out


IDENTITY_CHECK = {
    "card": ("读卡", "ID card read"),
    "wedge": ("读卡（号码）", "ID number read"),
    "typed": ("人工录入", "typed"),
}


def identity_check_label(source: str | None, expired: bool | None = None, lang: str = "zh_CN") -> str:
    """The receipt's 证件核验 line: how the applicant's identity was taken."""
    zh, en = IDENTITY_CHECK.get(source or "typed", IDENTITY_CHECK["typed"])
    if expired:
        zh, en = zh + "（证件已过期）", en + " (card expired)"
    return en if lang == "en" else zh
