"""The station's fee settings: its own amount for a fee the catalogue leaves to the station
(e.g. the household booklet reissue charge, which differs by province). No setting: the
catalogue's amount."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from counter.forms.spec import Catalog
from counter.models import Station


def fee_setting_names(catalog: Catalog) -> dict[str, tuple[Decimal, list[str]]]:
    """Every setting the catalogue names, with its default amount and the procedures using it."""
    names: dict[str, tuple[Decimal, list[str]]] = {}
    for procedure in catalog.procedures:
        fee = procedure.fee
        pairs = [(fee.setting, fee.default)] + [(r.setting, r.amount) for r in fee.rules]
        for name, amount in pairs:
            if name:
                default, codes = names.get(name, (amount, []))
                names[name] = (default, codes + [procedure.code])
    return names


def station_fee_settings(ctx) -> dict[str, Any]:
    with ctx.sessions.begin() as session:
        station = session.get(Station, ctx.station.id)
        return dict(station.fee_settings or {})


def set_station_fee(ctx, name: str, amount: str | None) -> None:
    if amount is not None:
        try:
            value = Decimal(amount)
        except InvalidOperation:
            raise ValueError(f"'{amount}' 不是金额 / is not an amount") from None
        if value < 0 or value != value.quantize(Decimal("0.01")):
            raise ValueError(f"'{amount}' 不是以元为单位、最多两位小数的金额 / is not an amount in yuan")
    with ctx.sessions.begin() as session:
        station = session.get(Station, ctx.station.id)
        settings = dict(station.fee_settings or {})
        if amount is None:
            settings.pop(name, None)
        else:
            settings[name] = f"{Decimal(amount):.2f}"
        station.fee_settings = settings
