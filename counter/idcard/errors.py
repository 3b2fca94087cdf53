"""Reader errors: one line the clerk reads, in Chinese and English."""
from __future__ import annotations


class ReaderError(Exception):
    """The reader could not deliver a card."""

    def __init__(self, zh_CN: str, en: str):
        super().__init__(en)
        self.zh_CN, self.en = zh_CN, en

    def text(self, lang: str = "zh_CN") -> str:
        return self.en if lang == "en" else self.zh_CN


class NoCard(ReaderError):
    def __init__(self):
        super().__init__("未检测到身份证，请将证件放在阅读器上", "No ID card on the reader: place the card on it")


class ReaderTimeout(ReaderError):
    def __init__(self, port: str):
        super().__init__(f"身份证阅读器（{port}）无应答，请检查连接", f"The ID card reader ({port}) does not answer")


class ChecksumError(ReaderError):
    def __init__(self):
        super().__init__("身份证阅读器数据校验错误，请重新放置证件",
                         "The ID card reader's answer was garbled: place the card again")


class NotConfigured(ReaderError):
    def __init__(self):
        super().__init__("本机未设置身份证阅读器（设置 → 身份证阅读器）",
                         "No ID card reader is set up on this terminal (Settings)")
