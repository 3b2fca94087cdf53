"""Event-loop gaps and a slow network, for tests/test_tasks.py and benchmarks/slow_network.py.

`GapMeter`: a 10 ms QTimer recording the longest time the Qt event loop did not run (what a
clerk sees as a frozen window). `SlowProxy`: a TCP proxy in a thread of its own (asyncio) between
the program and PostgreSQL that delays every chunk by `delay` seconds each way and can hold all
traffic for a while (`outage`), as a link that drops packets does: TCP delivers them late, after
retransmission; new connections wait too.
"""
from __future__ import annotations

import asyncio
import threading
import time

from PySide6.QtCore import QElapsedTimer, QTimer


class GapMeter:
    """The longest time between two turns of the event loop, in ms, while started."""

    def __init__(self, interval_ms: int = 10):
        self.clock = QElapsedTimer()
        self.timer = QTimer(interval=interval_ms)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.longest_ms = 0
        self.ticks = 0

    def start(self) -> GapMeter:
        self.longest_ms, self.ticks = 0, 0
        self.clock.start()
        self.last = self.clock.elapsed()
        self.timer.start()
        return self

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.longest_ms = max(self.longest_ms, now - self.last)
        self.last = now
        self.ticks += 1

    def stop(self) -> int:
        self._tick()  # a gap still open counts too
        self.timer.stop()
        return self.longest_ms


class SlowProxy:
    """127.0.0.1:<port> → target, `delay` s each way; `outage(seconds)` holds all traffic."""

    def __init__(self, target_host: str, target_port: int, *, delay: float = 0.2):
        self.target = (target_host, target_port)
        self.delay = delay
        self.hold_until = 0.0  # time.monotonic() until which nothing gets through
        self.loop = asyncio.new_event_loop()
        self.port = 0
        ready = threading.Event()
        self.thread = threading.Thread(target=self._serve, args=(ready,), name="slow-proxy", daemon=True)
        self.thread.start()
        ready.wait(10)

    def outage(self, seconds: float) -> None:
        self.hold_until = time.monotonic() + seconds

    def close(self) -> None:
        async def cancel_all():
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        try:
            asyncio.run_coroutine_threadsafe(cancel_all(), self.loop).result(5)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(5)

    # -- the proxy's own thread
    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        self.loop.run_forever()

    async def _held(self) -> None:
        while (left := self.hold_until - time.monotonic()) > 0:
            await asyncio.sleep(left)

    async def _client(self, reader, writer) -> None:
        try:
            await asyncio.sleep(self.delay)  # the SYN's way there
            await self._held()
            up_reader, up_writer = await asyncio.open_connection(*self.target)
            await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))
        except (OSError, asyncio.CancelledError):  # refused, or the proxy closes: end quietly
            writer.close()

    async def _pipe(self, src, dst) -> None:
        queue: asyncio.Queue = asyncio.Queue()

        async def deliver():
            while True:
                due, data = await queue.get()
                if (left := due - time.monotonic()) > 0:
                    await asyncio.sleep(left)
                await self._held()
                if data is None:
                    dst.close()
                    return
                dst.write(data)
                try:
                    await dst.drain()
                except ConnectionError:
                    return

        sender = asyncio.ensure_future(deliver())
        try:
            while data := await src.read(65536):
                queue.put_nowait((time.monotonic() + self.delay, data))
        except ConnectionError:
            pass
        queue.put_nowait((time.monotonic() + self.delay, None))
        await sender
