"""Citizens with several pieces of business, and a scripted fast clerk who serves them.

`ScriptedClerk` drives the REAL clerk window with synthetic key and mouse events and counts
what a person would do: keystrokes (a Chinese character typed through a pinyin IME counts as
its pinyin letters plus one key to pick the candidate: 张 = z h a n g + space = 6),
clicks, pages shown, validation round-trips, and the program's own time in the handlers.
Used by benchmarks/clerk_scenarios.py (figures) and tests/test_clerk_scenarios.py (behaviour).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

IDENTITY_ZHANG = {"name": "张秀英", "id_number": "11010519491231002X", "phone": "13812345678",
                  "address": "北京市朝阳区建国路88号"}
IDENTITY_ABDU = {"name": "阿不都赛买提·木合麦提", "id_number": "650102198805061237",
                 "phone": "13999012345", "address": "新疆乌鲁木齐市天山区解放南路12号"}


@dataclass(frozen=True)
class Business:
    code: str
    values: dict  # field id -> text typed, option value clicked, or bool ticked
    missing: tuple[str, ...] = ()  # materials the citizen did not bring


@dataclass(frozen=True)
class Scenario:
    name: str
    identity: dict
    items: tuple[Business, ...]


SCENARIOS = (
    Scenario("身份证到期换领 + 驾驶证期满换证", IDENTITY_ZHANG, (
        Business("HZ-08", {"reason": "expiry", "card_expiry": "20270110"}),
        Business("JG-C1", {"licence_file_number": "110100123456", "licence_classes": "C1",
                           "licence_expiry": "20261220", "medical_exam_date": "20261115"}),
    )),
    Scenario("出生登记 + 户口簿换领", IDENTITY_ZHANG, (
        Business("HZ-01", {"child_name": "张小明", "child_sex": "M", "birth_date": "20261101",
                           "birth_place": "北京市朝阳区", "birth_cert_number": "Q110123456",
                           "follows": "mother", "relation_to_head": "grandson", "father_name": "李强",
                           "father_id_number": "110105197001010011", "mother_name": "张秀英",
                           "mother_id_number": "11010519491231002X"}),
        Business("HZ-13", {"reason": "full"}),
    )),
    Scenario("户口迁入 + 车主联系方式变更 + 驾驶人联系方式变更", IDENTITY_ABDU, (
        Business("HZ-03", {"reason": "work", "permit_number": "ZQ2026001234", "migration_cert_number": "QY2026000777",
                 "from_address": "新疆喀什市人民路1号",
                           "arrival_date": "20261120", "relation_to_head": "self"}),
        Business("JG-A3", {"plate": "新A12345"}),
        Business("JG-C7", {"licence_file_number": "650100654321"}),
    )),
    Scenario("身份证挂失 + 临时身份证 + 驾驶证遗失补领", IDENTITY_ABDU, (
        Business("HZ-12", {"circumstance": "lost", "loss_date": "20261120", "fingerprint_matched": True}),
        Business("HZ-11", {"voucher_number": "LQ20261123001", "reason": "travel"}),
        Business("JG-C2", {"licence_file_number": "650100654321", "licence_classes": "C1", "loss_date": "20261120"}),
    )),
    Scenario("号牌补领 + 行驶证补领 + 罚款缴纳", IDENTITY_ZHANG, (
        Business("JG-A1", {"plate": "京N8K2Z6", "vin": "LATPAB071W1005301", "reason": "lost", "plates_lost": "both"}),
        Business("JG-A2", {"plate": "京N8K2Z6", "vin": "LATPAB071W1005301", "reason": "lost"}),
        Business("JG-D2", {"decision_number": "1101051234567890", "decision_date": "20261115",
                           "fine_amount": "200"}),
    )),
    Scenario("居住证申领 + 驾驶证转入换证", IDENTITY_ABDU, (
        Business("HZ-15", {"action": "issue", "residence_address": "北京市海淀区中关村大街1号",
                           "living_since": "20260301", "basis": "job", "employer": "北京某科技有限公司"}),
        Business("JG-C6", {"licence_file_number": "650100654321", "licence_classes": "C1",
                           "issuing_place": "新疆乌鲁木齐", "licence_expiry": "20300101"}),
    )),
)


@dataclass
class Counts:
    keystrokes: int = 0
    clicks: int = 0
    pages: int = 0
    validation_rounds: int = 0
    handler_wall: float = 0.0
    handler_cpu: float = 0.0
    page_transitions: list = field(default_factory=list)  # program CPU ms per page change
    identity_typed: int = 0
    receipts: list = field(default_factory=list)

    @property
    def inputs(self) -> int:
        return self.keystrokes + self.clicks

    def add(self, other: Counts) -> None:
        for name in ("keystrokes", "clicks", "pages", "validation_rounds", "handler_wall", "handler_cpu",
                     "identity_typed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.page_transitions += other.page_transitions
        self.receipts += other.receipts


def ime_keystrokes(ch: str) -> int:
    if ch.isascii():
        return 1
    from pypinyin import lazy_pinyin

    syllable = lazy_pinyin(ch, errors="ignore")
    return len(syllable[0]) + 1 if syllable else 1  # punctuation such as · is one key


class ScriptedClerk:
    """A fast clerk at the real window: Tab to a field, type, click radio buttons, Enter."""

    def __init__(self, qtbot, window):
        self.qtbot, self.window = qtbot, window
        self.counts = Counts()
        window.wizard.step_changed.connect(self._page_shown)

    def _page_shown(self) -> None:
        self.counts.pages += 1

    # -- timed primitives
    def _timed(self, action) -> float:
        """Runs one synthetic event's handlers; returns the program's CPU time for them."""
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        spent = time.process_time() - cpu
        self.counts.handler_wall += time.perf_counter() - wall
        self.counts.handler_cpu += spent
        return spent

    def key(self, key, modifier=Qt.KeyboardModifier.NoModifier, widget=None) -> float:
        self.counts.keystrokes += 1
        target = widget or QApplication.focusWidget() or self.window
        return self._timed(lambda: self.qtbot.keyClick(target, key, modifier))

    def click(self, widget) -> None:
        self.counts.clicks += 1
        self._timed(lambda: self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton))

    def type(self, widget, text: str) -> None:
        for ch in text:
            self.counts.keystrokes += ime_keystrokes(ch)
            if ch.isascii():
                self._timed(lambda c=ch: self.qtbot.keyClicks(widget, c))
            else:
                event = QInputMethodEvent()
                event.setCommitString(ch)
                self._timed(lambda e=event: QApplication.sendEvent(widget, e))

    def focus(self, widget) -> None:
        """Move to a field: one Tab when it is not already focused (auto-advance saves it)."""
        if QApplication.focusWidget() is widget:
            return
        self.counts.keystrokes += 1
        widget.setFocus()

    def next_page(self) -> None:
        before = self.window.flow.index if self.window.flow else None
        rounds = self.window.wizard.validation_rounds
        elapsed = self.key(Qt.Key.Key_Return)
        self.counts.validation_rounds += self.window.wizard.validation_rounds - rounds
        if self.window.flow is not None and self.window.flow.index != before:
            self.counts.page_transitions.append(elapsed * 1000)
        self.qtbot.wait(1)

    # -- pages
    def fill_form_page(self, values: dict) -> None:
        page = self.window.wizard.current
        for spec in page.page.fields:
            if spec.id not in values or not page.form.visible(spec):
                continue
            wanted, editor = values[spec.id], page.editor(spec.id)
            if spec.type == "choice":
                if page.form.raw.get(spec.id) != wanted:
                    button = next(b for b in editor.group.buttons() if b.property("value") == wanted) \
                        if editor.combo is None else None
                    if button is not None:
                        self.click(button)
                    else:  # a drop-down: Tab to it, arrow keys to the option
                        self.focus(editor.combo)
                        self._timed(lambda editor=editor, wanted=wanted: editor.set_value(wanted))
                        self.counts.keystrokes += 1
            elif spec.type == "yes_no":
                if bool(page.form.raw.get(spec.id)) != bool(wanted):
                    self.click(editor)
            elif isinstance(editor, QLineEdit):
                if page.form.raw.get(spec.id) == wanted:
                    continue  # already known from the identity or an earlier item
                self.focus(editor)
                if editor.text():
                    editor.selectAll()
                self.type(editor, str(wanted))

    def fill_identity(self, identity: dict) -> None:
        self.counts.identity_typed += 1
        self.fill_form_page(identity)

    def choose(self, codes: list[str]) -> None:
        picker = self.window.wizard.current
        for code in codes:
            self.focus(picker.filter)
            if picker.filter.text():
                self.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier, picker.filter)
            self.type(picker.filter, code.lower().replace("-", ""))
            self.key(Qt.Key.Key_Down, widget=picker.filter)
            self.key(Qt.Key.Key_Space, widget=picker.list)

    def materials(self, missing: tuple[str, ...]) -> None:
        self.key(Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)  # all received
        page = self.window.wizard.current
        for code in missing:
            self.click(page.groups[code].buttons()[1])

    # -- a visit
    def serve(self, identity: dict, items: tuple[Business, ...]) -> Counts:
        self.key(Qt.Key.Key_F5)
        self.fill_identity(identity)
        self.next_page()
        self.choose([b.code for b in items])
        self.next_page()
        by_code = {b.code: b for b in items}
        for draft in list(self.window.flow.items):  # the list keeps catalogue order, not click order
            business = by_code[draft.procedure.code]
            while self.window.flow.step.kind == "page":
                before = self.window.flow.index
                self.fill_form_page(business.values)
                self.next_page()
                if self.window.flow.index == before:
                    raise AssertionError(f"{business.code}: page refused: {self.window.flow.errors()}")
            self.materials(business.missing)
            self.next_page()
        assert self.window.wizard.at_review(), (self.window.flow.step, self.window.flow.errors())
        self.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        self.qtbot.waitUntil(lambda: self.window.flow is None, timeout=5000)
        self.counts.receipts.append(self.window.last_receipt[0])
        # Ctrl+Enter printed the receipt: no preview to close (it opens on demand, Ctrl+P)
        self.window.activateWindow()
        self.qtbot.waitUntil(self.window.isActiveWindow, timeout=2000)
        return self.counts


class QtDriver:
    """The few qtbot calls the clerk makes, on QTest directly (for the benchmark, outside pytest)."""

    @staticmethod
    def keyClick(widget, key, modifier=Qt.KeyboardModifier.NoModifier):
        QTest.keyClick(widget, key, modifier)

    @staticmethod
    def keyClicks(widget, text):
        QTest.keyClicks(widget, text)

    @staticmethod
    def mouseClick(widget, button):
        QTest.mouseClick(widget, button)

    @staticmethod
    def wait(ms):
        QTest.qWait(ms)

    @staticmethod
    def waitUntil(condition, timeout=5000):
        deadline = time.monotonic() + timeout / 1000
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("condition not met")
            QTest.qWait(5)


def run_scenario(qtbot, window, scenario: Scenario, mode: str) -> Counts:
    """`one`: one visit with every item; `separate`: one visit per item, identity typed each time."""
    total = Counts()
    batches = [scenario.items] if mode == "one" else [(item,) for item in scenario.items]
    for batch in batches:
        clerk = ScriptedClerk(qtbot, window)
        total.add(clerk.serve(scenario.identity, batch))
        window.wizard.step_changed.disconnect(clerk._page_shown)
    return total
