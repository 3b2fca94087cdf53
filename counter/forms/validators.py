"""Checks for the typed values of guided forms: ID number, plate, VIN, phone, name, date, …

Every public `check_*` function takes the raw text as typed (or scanned) and returns a
`Check`: the normalised value, or a bilingual message telling the clerk what is wrong and
what is expected. They never raise, whatever the input (control characters, emoji, 10,000
characters, None): an unexpected failure becomes an error message.

Empty input: `check_text` accepts it (value ""); every other check reports it as an error
("请输入…"). Whether an empty optional field is acceptable is the form engine's decision —
it should not call a validator for an empty optional field.

Formats follow /work/shared/domain/procedures.md "Number formats and their checks". The checks live
by subject: `id_checks` (ID number, divisions), `vehicle_checks` (plate, VIN, licence),
`person_checks` (phone, name), `value_checks` (date, number, amount, text, address), on the common
normalising of `text_input`; this module is their one public face and the form engine's table.
"""
from __future__ import annotations

from typing import Callable

from counter.forms.checks import Check
from counter.forms.id_checks import (
    birth_date_from_id,
    check_id_number,
    check_sex_matches_id,
    division_name,
    divisions_date,
    sex_from_id,
)
from counter.forms.person_checks import check_name, check_phone
from counter.forms.value_checks import check_address, check_amount, check_date, check_number, check_text
from counter.forms.vehicle_checks import check_licence_classes, check_licence_file_number, check_plate, check_vin

__all__ = [
    "VALIDATORS",
    "birth_date_from_id",
    "check_address",
    "check_amount",
    "check_date",
    "check_id_number",
    "check_licence_classes",
    "check_licence_file_number",
    "check_name",
    "check_number",
    "check_phone",
    "check_plate",
    "check_sex_matches_id",
    "check_text",
    "check_vin",
    "division_name",
    "divisions_date",
    "sex_from_id",
]

VALIDATORS: dict[str, Callable[[str], Check]] = {
    "text": check_text,
    "name": check_name,
    "number": check_number,
    "amount": check_amount,
    "date": check_date,
    "id_number": check_id_number,
    "phone": check_phone,
    "plate": check_plate,
    "vin": check_vin,
    "address": check_address,
    "licence_file_number": check_licence_file_number,
    "licence_classes": check_licence_classes,
}

