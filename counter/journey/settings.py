"""The station's journey settings (one `journey_settings` row per station, shared by the hall).

- sms_gateway: `none` (notices stay queued), `http` (the station's SMS gateway: `sms_url`,
  `sms_token`), `file` (JSON lines in the data folder: tests and the demo)
- sms_signature: the 【签名】 SMS providers require before each text
- postage: what a delivery by post costs the citizen (Decimal, yuan)
- uncollected_days: an item 待领取 longer than this is on the uncollected list (default 90)
- followup_working_days: working days to contact a citizen after a bad rating (default 3)
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation

from counter import audit
from counter.auth import Principal
from counter.db import reading
from counter.journey.common import JourneyError, acting
from counter.models import JourneySettings, Role

GATEWAYS = ("none", "http", "file")


@dataclass(frozen=True)
class StationJourney:
    sms_gateway: str = "none"
    sms_url: str = ""
    sms_token: str = ""
    sms_signature: str = ""
    postage: Decimal = Decimal("0.00")
    uncollected_days: int = 90
    followup_working_days: int = 3


def _from_row(row: JourneySettings | None) -> StationJourney:
    if row is None:
        return StationJourney()
    return StationJourney(**{f.name: getattr(row, f.name) for f in fields(StationJourney)})


def load(ctx) -> StationJourney:
    with reading(ctx.sessions) as session:
        return _from_row(session.get(JourneySettings, ctx.station.id))


def load_in(session, station_id: int) -> StationJourney:
    return _from_row(session.get(JourneySettings, station_id))


def _checked(value: StationJourney) -> StationJourney:
    if value.sms_gateway not in GATEWAYS:
        raise JourneyError("短信网关类型应为 none、http 或 file", "The SMS gateway is none, http or file")
    for name, limit in (("sms_url", 300), ("sms_token", 200), ("sms_signature", 32)):
        text = str(getattr(value, name))
        if len(text) > limit or any(ord(c) < 32 for c in text):
            raise JourneyError(f"{name} 过长或含控制字符（最多 {limit} 字）",
                               f"{name} is too long or has control characters (at most {limit})")
    if value.sms_gateway == "http" and not value.sms_url.startswith(("http://", "https://")):
        raise JourneyError("短信网关地址应以 http:// 或 https:// 开头", "The SMS gateway URL starts with http:// or https://")
    try:
        postage = Decimal(str(value.postage)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise JourneyError("邮费应为金额，如 12.00", "The postage is an amount such as 12.00") from None
    if not Decimal(0) <= postage <= Decimal(999):
        raise JourneyError("邮费应在 0–999 元之间", "The postage is 0 to 999 yuan")
    if not 1 <= int(value.uncollected_days) <= 3650:
        raise JourneyError("未领取天数应为 1–3650", "Days before uncollected: 1 to 3650")
    if not 1 <= int(value.followup_working_days) <= 30:
        raise JourneyError("回访期限应为 1–30 个工作日", "The follow-up deadline is 1 to 30 working days")
    return replace(value, postage=postage)


def save(ctx, principal: Principal | None = None, **changes) -> StationJourney:
    """Change some settings (managers; the console too); audited without the token."""
    who = acting(ctx, principal, Role.MANAGER)
    unknown = sorted(set(changes) - {f.name for f in fields(StationJourney)})
    if unknown:
        raise JourneyError(f"未知设置：{', '.join(unknown)}", f"Unknown settings: {', '.join(unknown)}")
    station_id = ctx.station.id
    with ctx.sessions.begin() as session:
        row = session.get(JourneySettings, station_id, with_for_update=True)
        value = _checked(replace(_from_row(row), **changes))
        if row is None:
            row = JourneySettings(station_id=station_id)
            session.add(row)
        for f in fields(StationJourney):
            setattr(row, f.name, getattr(value, f.name))
        shown = ", ".join(f"{k}={'***' if k == 'sms_token' else v}" for k, v in sorted(changes.items()))
        audit.log(ctx, session, "journey.settings", shown, principal=who)
    return value
