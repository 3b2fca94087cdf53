"""A procedure's citizen guide (办事指南) as printable data: used by the CLI, clerk and kiosk."""
from __future__ import annotations

from counter.forms.spec import Procedure
from counter.printing.documents import GuideData

FORMS = {"original": ("原件", "original"), "copy": ("复印件", "copy"),
         "original_and_copy": ("原件及复印件", "original and copy")}


def fee_text(procedure: Procedure, lang: str = "zh_CN") -> str:
    fee = procedure.fee
    if fee.from_field or procedure.amounts:
        return ("不收费；罚款按处罚决定书缴纳，逾期每日加处3%（以罚款数额为限），罚款不属于收费" if lang != "en" else
                "No fee; the fine is as in the decision, plus 3% a day when late (at most the fine); "
                "fines are not fees")
    parts = ["免费" if lang != "en" else "Free"] if not fee.default else [f"¥{fee.default:.2f}"]
    parts += [f"{rule.note(lang)}" for rule in fee.rules if rule.note(lang)]
    if fee.note(lang):
        parts.append(f"（{fee.note(lang)}）" if lang != "en" else f"({fee.note(lang)})")
    return "；".join(parts) if lang != "en" else "; ".join(parts)


def time_limit_text(procedure: Procedure, lang: str = "zh_CN") -> str:
    limit = procedure.time_limit
    if not limit.days:
        text = "当场办结" if lang != "en" else "Done on the spot"
    elif lang == "en":
        text = f"{limit.days} {'working ' if limit.kind == 'working' else ''}days"
    else:
        text = f"{limit.days}个{'工作日' if limit.kind == 'working' else '自然日'}"
    note = limit.note(lang)
    return f"{text}（{note}）" if note and lang != "en" else (f"{text} ({note})" if note else text)


def rules_text(procedure: Procedure, lang: str = "zh_CN") -> str:
    """The procedure's rules with their legal basis, for the citizen guide."""
    rules = [r for r in procedure.rules if r.kind in ("check", "in_person", "within_days_before") and r.basis(lang)]
    if not rules:
        return ""
    if lang == "en":
        return " Rules: " + " ".join(f"({i}) {r.message.en} [{r.basis.en}]" for i, r in enumerate(rules, 1))
    marks = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
    return "办理规则：" + "".join(f"{marks[i] if i < len(marks) else i + 1}{r.message.zh_CN}（依据：{r.basis.zh_CN}）"
                             for i, r in enumerate(rules))


def guide_data(procedure: Procedure, lang: str = "zh_CN") -> GuideData:
    materials = []
    for m in procedure.materials:
        zh, en = FORMS.get(m.form, FORMS["original"])
        if lang == "en":
            need = "required" if m.required else ("required when applicable" if m.required_if else "optional")
            materials.append((m.name(lang), f"{en}, {need}"))
        else:
            need = "必需" if m.required else ("视情况提交" if m.required_if else "可选")
            materials.append((m.name(lang), f"{zh}，{need}"))
    rules = rules_text(procedure, lang)
    return GuideData(
        code=procedure.code, name=procedure.name(lang), name_en=procedure.name.en,
        group=procedure.group(lang), legal_basis=procedure.legal_basis(lang),
        guide=procedure.guide(lang) + (("\n" if lang != "en" else "") + rules if rules else ""),
        materials=tuple(materials), fee=fee_text(procedure, lang), time_limit=time_limit_text(procedure, lang),
        where=procedure.where(lang) or ("任一综合窗口" if lang != "en" else "Any merged window"),
    )
