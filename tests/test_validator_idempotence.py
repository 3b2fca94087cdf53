"""A validator's output is accepted by itself unchanged: check(check(x).value) == check(x).

A stored value goes through its validator again whenever a draft is restored or a record is
edited; a value that changes (or is refused) the second time turns a correct record into a
wrong one (issue 17: `0044 20 7946 0958` became a Guangzhou number, `001 212 555 0123` changed
on each check, `00852 2345 6789` was accepted and then refused).
"""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from counter.forms.validators import VALIDATORS

DIGITS = st.text(alphabet="0123456789 -+()", min_size=1, max_size=20)
TYPED = st.one_of(
    st.text(max_size=40),
    DIGITS,
    st.from_regex(r"00[0-9 ]{4,16}", fullmatch=True),
    st.from_regex(r"\+?86[ -]?1[3-9][0-9]{9}", fullmatch=True),
    st.from_regex(r"[京沪粤苏浙][A-Z][0-9A-Z]{5,6}", fullmatch=True),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.sampled_from(["0044 20 7946 0958", "001 212 555 0123", "00852 2345 6789", "+852 2345 6789",
                     "0086 138 0013 8000", "11010519491231002X", "C1E", "b1 e", "１３８００１３８０００",
                     "2026年11月23日", "12.345", "¥1,234.5", "LSVAA4182E2184841"]),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(VALIDATORS)), raw=TYPED)
@example(name="phone", raw="0044 20 7946 0958")
@example(name="phone", raw="001 212 555 0123")
@example(name="phone", raw="00852 2345 6789")
def test_a_validators_value_is_accepted_unchanged(name, raw):
    check = VALIDATORS[name]
    first = check(raw)
    if not first.ok:
        return
    again = check(first.value)
    assert again == first, (name, raw, first, again)
