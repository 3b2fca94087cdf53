"""Finished visits with receipts for the journey tests (arrivals, notices, delivery, follow-ups)."""
from __future__ import annotations

import json
import threading
import typing
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from itertools import count

from counter.models import Item, Rating, Receipt, Role, User, Visit

_serial = count(1)


def user(ctx, username: str = "li", role: Role = Role.CLERK) -> int:
    from counter.auth import create_user

    with ctx.sessions.begin() as session:
        return create_user(session, ctx.clock, station_id=ctx.station.id, username=username,
                           display_name=f"{username}警官", role=role, password="Clerk@2026x", must_change=False).id


def visit(ctx, clerk_id: int, items: list[tuple[str, str, dict]], *, phone: str = "13800138000",
          name: str = "张三", at: datetime | None = None, number: str | None = None) -> str:
    """A finished visit with `items` = [(procedure code, status, values)]; returns the receipt number."""
    at = at or ctx.clock.now() - timedelta(days=20)
    n = next(_serial)
    number = number or f"261103001{n:04d}"
    with ctx.sessions.begin() as session:
        v = Visit(station_id=ctx.station.id, key=f"journey-{n}-{number}", clerk_id=clerk_id, status="finished",
                  applicant_name=name, applicant_id_number="110105199001011234", applicant_phone=phone,
                  identity={}, started_at=at, finished_at=at + timedelta(minutes=5))
        for position, (code, status, values) in enumerate(items):
            v.items.append(Item(position=position, procedure_code=code, category=code[:2].lower(), values=values,
                                materials={}, status=status, started_at=at, finished_at=at + timedelta(minutes=5)))
        session.add(v)
        session.flush()
        session.add(Receipt(station_id=ctx.station.id, number=number, visit_id=v.id,
                            issued_at=at + timedelta(minutes=5)))
    return number


def rate(ctx, number: str, level: int, reason: str | None = "服务态度不好", source: str = "kiosk") -> int:
    from sqlalchemy import select

    with ctx.sessions.begin() as session:
        visit_id = session.scalar(select(Receipt.visit_id).where(Receipt.number == number))
        rating = Rating(visit_id=visit_id, level=level, reason=reason, source=source, rated_at=ctx.clock.now())
        session.add(rating)
        session.flush()
        return rating.id


def items_of(ctx, number: str) -> list[Item]:
    from sqlalchemy import select

    with ctx.sessions() as session:
        receipt = session.scalar(select(Receipt).where(Receipt.number == number))
        items = list(receipt.visit.items)
        session.expunge_all()
        return items


def principal(ctx, user_id: int):
    from counter.auth import Principal

    with ctx.sessions() as session:
        u = session.get(User, user_id)
        return Principal(u.id, u.username, u.display_name, u.role, u.station_id)


class _Sms(BaseHTTPRequestHandler):
    answers: typing.ClassVar[list[int]] = []
    received: typing.ClassVar[list[tuple[dict, str]]] = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append((body, self.headers.get("Authorization", "")))
        code = self.answers.pop(0) if self.answers else 200
        payload = json.dumps({"id": f"gw-{len(self.received)}"}).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


def local_sms_server():
    """(A generator for a fixture) a local HTTP SMS gateway on 127.0.0.1: `answers` are the status codes to give,
    in order."""
    _Sms.answers, _Sms.received = [], []
    server = HTTPServer(("127.0.0.1", 0), _Sms)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sms", _Sms
    server.shutdown()
    server.server_close()
