"""SMS gateways: how a notice leaves the station.

The HTTP gateway is the station's provider (or the district's SMS platform) behind one plain
interface: `POST <sms_url>` with `Content-Type: application/json; charset=utf-8`,
`Authorization: Bearer <sms_token>` and the body

    {"id": "DEMO01-42", "to": "13800138000", "text": "【…】…", "station": "DEMO01"}

`id` is the notice's own key: a provider that keeps it can drop a repeat after a lost answer.
Any 2xx answer is "sent"; a JSON answer's `"id"` is kept as the gateway's message id. 408, 429
and 5xx (and no answer at all) are retried later; another 4xx is permanent (a wrong token, a
number the provider refuses) and the notice fails at once. Standard library only (urllib).

The file gateway appends the same JSON object, one line per message, to a file in the data
folder (`sms-outbox.jsonl`): the demo and the tests read what would have been sent.
"""
from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from counter import paths


@dataclass(frozen=True)
class OutgoingSms:
    id: str
    to: str
    text: str
    station: str


class GatewayError(Exception):
    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


class Gateway(Protocol):
    def send(self, sms: OutgoingSms) -> str:
        """Deliver one message; return the gateway's message id ("" if none); raise GatewayError."""


class HttpGateway:
    def __init__(self, url: str, token: str = "", timeout: float = 10.0):
        self.url, self.token, self.timeout = url, token, timeout

    def send(self, sms: OutgoingSms) -> str:
        body = json.dumps(asdict(sms), ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", "Accept": "application/json"})
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer = response.read(64 * 1024)
        except urllib.error.HTTPError as exc:
            permanent = 400 <= exc.code < 500 and exc.code not in (408, 429)
            raise GatewayError(f"HTTP {exc.code} {exc.reason}", permanent=permanent) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise GatewayError(f"{exc.__class__.__name__}: {getattr(exc, 'reason', exc)}") from None
        try:
            parsed = json.loads(answer or b"{}")
        except ValueError:
            return ""
        return str(parsed.get("id", ""))[:64] if isinstance(parsed, dict) else ""


class FileGateway:
    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path else paths.data_dir() / "sms-outbox.jsonl"

    def send(self, sms: OutgoingSms) -> str:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(json.dumps(asdict(sms), ensure_ascii=False) + "\n")
        except OSError as exc:
            raise GatewayError(f"{exc.__class__.__name__}: {exc}") from None
        return sms.id

    def sent(self) -> list[dict]:
        """What was written so far (the demo and the tests read it)."""
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gateway_for(settings) -> Gateway | None:
    """The station's configured gateway (`counter.journey.settings`), None for `none`."""
    if settings.sms_gateway == "http" and settings.sms_url:
        return HttpGateway(settings.sms_url, settings.sms_token)
    if settings.sms_gateway == "file":
        return FileGateway()
    return None
