"""The law as rules: every rule of rules-review.md with dates on both sides of its boundary.

Visits go through the same VisitFlow as the clerk's window (`visit`) or the `catalog try`
service (`try_visit`); the fields a case does not name are filled with valid examples.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from counter.catalog import load_catalog
from counter.forms.engine import age_of, id_card_valid_until, late_days, promise, shift
from counter.forms.flow import VisitFlow
from counter.forms.spec import Duration
from counter.forms.trial import TrialError, fill_examples, try_visit
from counter.forms.id_checks import id_check_char

CATALOG = load_catalog()
TODAY = date(2026, 11, 28)


def id_for(born: date, seq: str = "002") -> str:
    """A valid ID number (Beijing Chaoyang) of someone born on `born`; seq's last digit even: female."""
    body = f"110105{born:%Y%m%d}{seq}"
    return body + id_check_char(body)


def born_years_ago(years: int, days: int = 0, today: date = TODAY) -> date:
    """The birth date of someone who turns `years` on `today` + `days` (days > 0: not yet)."""
    return shift(today, Duration(years, "y"), -1) + timedelta(days=days)


ADULT = {"name": "张三", "id_number": id_for(date(1980, 5, 15)), "phone": "13812345678",
         "address": "北京市朝阳区建国路1号"}


def visit(codes, today: date = TODAY, identity: dict | None = None, **values) -> VisitFlow:
    moment = datetime.combine(today, datetime.min.time(), tzinfo=timezone.utc) + timedelta(hours=2)
    flow = VisitFlow(CATALOG, lambda: moment, today=today)
    for key, value in {**ADULT, **(identity or {})}.items():
        flow.identity.set(key, value)
        flow.identity.derive(key)
    flow.choose(list(codes) if not isinstance(codes, str) else [codes])
    flow._share_identity()
    for item in flow.items:
        for key, value in values.items():
            if item.procedure.field(key) is not None:
                item.form.set(key, value)
        fill_examples(item.form, today)
        item.materials = {m.code: "received" for m in item.procedure.materials}
    return flow


def errors(flow: VisitFlow) -> dict[str, str]:
    return {p.field: p.message.zh_CN for p in flow.problems() if p.blocking}


def warnings(flow: VisitFlow) -> dict[str, str]:
    return {p.field: p.message.zh_CN for p in flow.warnings()}


def fee(flow: VisitFlow, index: int = 0) -> Decimal:
    return flow.summary()[index]["fee"]


def iso(day: date) -> str:
    return day.isoformat()


# ------------------------------------------------------------------ working days (finding 2)


def test_national_day_2026_is_skipped():
    got = promise(CATALOG.get("JG-A1"), date(2026, 9, 29), {}).day  # 15 working days
    assert got == date(2026, 10, 26)
    from counter.workdays import default_calendar

    five = default_calendar().add_working_days(date(2026, 9, 29), 5)
    assert five.day == date(2026, 10, 12) and five.known  # 9/30, 10/8, 10/9, 10/10 (make-up Sat), 10/12
    assert not date(2026, 10, 1) <= five.day <= date(2026, 10, 8)


def test_a_make_up_saturday_counts_and_a_plain_saturday_does_not():
    from counter.workdays import default_calendar

    calendar = default_calendar()
    assert calendar.is_workday(date(2026, 10, 10))  # 调休 Saturday
    assert not calendar.is_workday(date(2026, 10, 17))
    assert calendar.add_working_days(date(2026, 10, 9), 1).day == date(2026, 10, 10)


def test_an_unknown_year_is_flagged_not_guessed_silently():
    from counter.workdays import default_calendar

    counted = default_calendar().add_working_days(date(2026, 12, 30), 5)
    assert counted.unknown_years == (2027,) and counted.day == date(2027, 1, 6)  # weekends only
    assert "2027" in counted.warning().zh_CN
    flow = visit("JG-A1", today=date(2026, 12, 30))
    assert any("节假日安排未知" in w for w in warnings(flow).values())
    assert not any("节假日" in w for w in warnings(visit("JG-A1", today=date(2026, 11, 2))).values())


def test_calendar_days_never_need_the_calendar():
    assert promise(CATALOG.get("HZ-08"), date(2026, 12, 30), {}).warning is None


def test_a_station_file_adds_a_year(tmp_path):
    from counter.workdays import coverage_problems, load_calendar

    (tmp_path / "station.toml").write_text(
        '[2027]\nholidays = ["2027-01-01"]\nworkdays = ["2027-01-09"]\n', encoding="utf-8")
    calendar = load_calendar([tmp_path])
    assert calendar.known(2027) and not calendar.problems
    assert not calendar.is_workday(date(2027, 1, 1)) and calendar.is_workday(date(2027, 1, 9))
    counted = calendar.add_working_days(date(2026, 12, 31), 2)
    assert counted.day == date(2027, 1, 5) and counted.known
    assert coverage_problems(calendar, TODAY) == []
    assert coverage_problems(load_calendar([]), TODAY)  # the library alone does not know 2027


def test_a_broken_station_file_is_a_problem(tmp_path):
    from counter.workdays import load_calendar

    (tmp_path / "bad.toml").write_text('[2027]\nholidays = ["2027-02-30"]\nworkdays = ["2027-01-04"]\n',
                                       encoding="utf-8")
    problems = load_calendar([tmp_path]).problems
    assert any("2027-02-30" in p for p in problems) and any("weekday" in p for p in problems)


# ------------------------------------------------------------------ the condition language


def test_months_keep_the_month_end_and_years_the_leap_day():
    assert shift(date(2026, 1, 31), Duration(1, "m")) == date(2026, 2, 28)
    assert shift(date(2028, 2, 29), Duration(1, "y")) == date(2029, 2, 28)
    assert shift(date(2026, 3, 31), Duration(1, "m"), -1) == date(2026, 2, 28)


def test_age_turns_on_the_birthday():
    born = date(2010, 11, 28)
    assert age_of(born, date(2026, 11, 27)) == 15 and age_of(born, date(2026, 11, 28)) == 16
    assert age_of(id_for(born), date(2026, 11, 28)) == 16  # from the ID number


@pytest.mark.parametrize("age, years", [(15, 5), (16, 10), (25, 10), (26, 20), (45, 20), (46, None)])
def test_id_card_validity_by_age(age, years):
    issued = date(2026, 11, 28)
    birth = born_years_ago(age, today=issued)
    expected = None if years is None else shift(issued, Duration(years, "y"))
    assert id_card_valid_until(birth, issued) == expected
    assert id_card_valid_until(id_for(birth), issued) == expected  # the ID number works too


def test_id_card_validity_changes_the_day_of_the_birthday():
    issued = date(2026, 11, 28)
    assert id_card_valid_until(born_years_ago(16, 1, issued), issued) == date(2031, 11, 28)  # still 15
    assert id_card_valid_until(born_years_ago(46, 1, issued), issued) == date(2046, 11, 28)  # still 45
    assert id_card_valid_until(born_years_ago(46, 0, issued), issued) is None


# ------------------------------------------------------------------ fees (findings 1, 9, 23)


def test_first_id_card_is_free():
    assert fee(visit("HZ-07")) == Decimal("0.00")
    assert fee(visit("HZ-10", application_type="first")) == Decimal("0.00")
    assert fee(visit("HZ-10", application_type="renewal", card_expiry=iso(TODAY))) == Decimal("20.00")
    assert fee(visit("HZ-10", application_type="lost")) == Decimal("40.00")


def test_dibao_residents_renew_free_but_pay_for_a_lost_card():
    assert fee(visit("HZ-08", reason="changed")) == Decimal("20.00")
    assert fee(visit("HZ-08", reason="changed", dibao=True)) == Decimal("0.00")
    assert fee(visit("HZ-08", reason="damaged", dibao=True)) == Decimal("0.00")
    assert fee(visit("HZ-10", application_type="renewal", card_expiry=iso(TODAY), dibao=True)) == Decimal("0.00")
    assert fee(visit("HZ-09")) == Decimal("40.00")  # 补领: not in art 21


def test_booklet_reissue_fee_is_a_station_setting():
    lost = visit("HZ-13", reason="lost")
    assert fee(lost) == Decimal("6.00")  # the catalogue's default
    lost.fee_settings = {"hukou_booklet_reissue": "10.00"}
    assert fee(lost) == Decimal("10.00")
    assert fee(visit("HZ-13", reason="full")) == Decimal("0.00")


# ------------------------------------------------------------------ proxies (findings 3, 5, 11, 17, 22)


@pytest.mark.parametrize("code", ["HZ-07", "HZ-08", "HZ-09", "HZ-10", "HZ-18", "JG-C8"])
def test_in_person_procedures_refuse_a_proxy(code):
    proxy = {"proxy": True, "proxy_name": "李四", "proxy_id_number": id_for(date(1970, 1, 1), "013")}
    identity = {"id_number": id_for(date(1986, 1, 1))} if code == "JG-C8" else {}
    assert "proxy" not in errors(visit(code, identity=identity))
    flow = visit(code, identity={**identity, **proxy})
    assert "proxy" in errors(flow)
    flow.index = 1  # the procedure choice: said before the item is typed
    assert any(key.endswith(".proxy") for key in flow.errors())
    result = try_visit(CATALOG, [code], TODAY, {"id_number": identity.get("id_number", ADULT["id_number"])})
    assert result.items[0].must_be_present


def test_a_proxy_with_the_applicants_own_id_number_is_refused():
    same = visit("HZ-12", identity={"proxy": True, "proxy_name": "张三", "proxy_id_number": ADULT["id_number"]})
    assert "proxy_id_number" in errors(same)
    other = visit("HZ-12", identity={"proxy": True, "proxy_name": "李四",
                                     "proxy_id_number": id_for(date(1970, 1, 1), "013")})
    assert "proxy_id_number" not in errors(other)


PROXY = {"proxy": True, "proxy_name": "李四", "proxy_id_number": id_for(date(1970, 1, 1), "013")}


def test_adults_change_their_name_in_person_minors_through_parents():
    adult = {**PROXY, "id_number": id_for(born_years_ago(18))}
    assert "item" in errors(visit("HZ-06", identity=adult, kind="change", item="name"))
    minor = {**PROXY, "id_number": id_for(born_years_ago(18, 1))}  # 18 tomorrow
    assert "item" not in errors(visit("HZ-06", identity=minor, kind="change", item="name"))


def test_ethnic_group_changes_by_age():
    def ethnicity(age_days: tuple[int, int], proxy: bool, changed: bool = False):
        years, days = age_days
        identity = {"id_number": id_for(born_years_ago(years, days)), **(PROXY if proxy else {})}
        return errors(visit("HZ-06", identity=identity, kind="change", item="ethnicity",
                            ethnicity_changed_before=changed))

    assert "item" in ethnicity((20, 0), proxy=False)  # 20 today: never again
    assert "item" not in ethnicity((20, 1), proxy=False)  # 19: once, in person
    assert "ethnicity_changed_before" in ethnicity((20, 1), proxy=False, changed=True)
    assert "item" in ethnicity((20, 1), proxy=True)  # in person from 18
    assert "item" in ethnicity((18, 1), proxy=False)  # 17: parents apply
    assert "item" not in ethnicity((18, 1), proxy=True)


def test_residence_permit_proxies_only_for_the_named_cases():
    adult = visit("HZ-15", identity=PROXY, action="issue", living_since="2026-01-01", proxy_case="other",
                  proxy_relation="close_relative")
    assert "proxy_case" in errors(adult)
    elderly = visit("HZ-15", identity=PROXY, action="issue", living_since="2026-01-01", proxy_case="elderly",
                    proxy_relation="close_relative")
    assert errors(elderly) == {}
    stranger = visit("HZ-15", identity=PROXY, action="issue", living_since="2026-01-01", proxy_case="elderly",
                     proxy_relation="other")
    assert "proxy_relation" in errors(stranger)
    child = {**PROXY, "id_number": id_for(born_years_ago(16, 1))}  # 15
    assert errors(visit("HZ-15", identity=child, action="issue", living_since="2026-01-01", proxy_case="minor",
                        proxy_relation="guardian")) == {}
    sixteen = {**PROXY, "id_number": id_for(born_years_ago(16))}
    assert "proxy_case" in errors(visit("HZ-15", identity=sixteen, action="issue", living_since="2026-01-01",
                                        proxy_case="minor", proxy_relation="guardian"))


def test_points_violations_need_the_driver_points_free_ones_do_not():
    assert "involves_points" in errors(visit("JG-D1", identity=PROXY, involves_points=True, points="3"))
    assert "involves_points" not in errors(visit("JG-D1", identity=PROXY, involves_points=False))


# ------------------------------------------------------------------ household rules (4, 6, 7, 10, 12)


def test_move_permit_only_across_provinces_and_never_for_students():
    def needs_permit(**values) -> bool:
        flow = visit("HZ-04", **values)
        form = flow.items[0].form
        return form.required(flow.items[0].procedure.field("permit_number"))

    assert not needs_permit(cross_province=False, reason="work")
    assert needs_permit(cross_province=True, reason="work")
    assert not needs_permit(cross_province=True, reason="student")
    assert not visit("HZ-03", cross_province=False).items[0].missing()


def test_birth_outside_marriage_with_the_father_needs_a_paternity_test():
    flow = visit("HZ-01", in_marriage=False, follows="father")
    flow.items[0].materials["paternity_test"] = "missing"
    assert [m.code for m in flow.items[0].missing()] == ["paternity_test"]
    flow = visit("HZ-01", in_marriage=False, follows="mother")
    flow.items[0].materials.pop("paternity_test")
    assert flow.items[0].missing() == []
    assert "declarant" in errors(visit("HZ-01", declarant="other"))


def test_birth_declared_after_a_month_warns():
    assert "birth_date" in warnings(visit("HZ-01", birth_date="2026-10-28"))
    assert "birth_date" not in warnings(visit("HZ-01", birth_date="2026-10-29"))


def test_name_change_time_limit_depends_on_the_change():
    name = visit("HZ-06", kind="change", item="name")
    other = visit("HZ-06", kind="change", item="other")
    assert promise(CATALOG.get("HZ-06"), TODAY, name.items[0].form.context()).days == 20
    assert promise(CATALOG.get("HZ-06"), TODAY, other.items[0].form.context()).days == 10


def test_residence_permit_limits_and_windows():
    def limit(**values):
        flow = visit("HZ-15", living_since="2026-01-01", **values)
        return flow.summary()[0]["promised"]

    assert limit(action="endorse", endorsement_due=iso(TODAY + timedelta(days=10))) == TODAY
    assert limit(action="issue", permit_form="paper") == TODAY
    assert limit(action="issue", permit_form="card") == TODAY + timedelta(days=15)
    month = shift(TODAY, Duration(1, "m"))
    assert "endorsement_due" not in errors(visit("HZ-15", action="endorse", endorsement_due=iso(month)))
    assert "endorsement_due" in errors(visit("HZ-15", action="endorse",
                                             endorsement_due=iso(month + timedelta(days=1))))
    late = visit("HZ-15", action="endorse", endorsement_due=iso(TODAY - timedelta(days=1)))
    assert "endorsement_due" not in errors(late) and "endorsement_due" in warnings(late)
    six = shift(TODAY, Duration(6, "m"), -1)
    assert "living_since" not in errors(visit("HZ-15", action="issue", living_since=iso(six)))
    assert "living_since" in errors(visit("HZ-15", action="issue", living_since=iso(six + timedelta(days=1))))


def test_certificates_the_booklet_shows_are_gone_and_criminal_record_takes_three_days():
    assert "certificate_type" in errors(visit("HZ-16", certificate_type="former_name"))
    record = visit("HZ-16", certificate_type="no_criminal_record")
    assert record.summary()[0]["promised"] == date(2026, 12, 2)  # Sat 28 → Mon 30, Tue 1, Wed 2
    assert visit("HZ-16", certificate_type="kinship").summary()[0]["promised"] == TODAY
    # 临时身份证明 is its own procedure (HZ-18, in person: test_in_person_procedures_refuse_a_proxy)
    assert "certificate_type" in errors(visit("HZ-16", certificate_type="temporary_identity"))


def test_id_card_renewal_window_is_ninety_days():
    assert "card_expiry" not in errors(visit("HZ-08", reason="expiry", card_expiry=iso(TODAY + timedelta(days=90))))
    assert "card_expiry" in errors(visit("HZ-08", reason="expiry", card_expiry=iso(TODAY + timedelta(days=91))))


# ------------------------------------------------------------------ vehicles (20, 21)


@pytest.mark.parametrize("code", ["JG-B1", "JG-B3"])
def test_exempt_inspection_mark_in_the_three_months_before_expiry(code):
    window = shift(TODAY, Duration(3, "m"))
    assert "inspection_valid_until" not in errors(visit(code, inspection_valid_until=iso(window)))
    assert "inspection_valid_until" in errors(visit(code, inspection_valid_until=iso(window + timedelta(days=1))))
    expired = visit(code, inspection_valid_until=iso(TODAY - timedelta(days=1)))
    assert "inspection_valid_until" in warnings(expired) and "inspection_valid_until" not in errors(expired)
    assert "unsettled" in errors(visit(code, unsettled=True))
    assert "injury_accident" in errors(visit(code, injury_accident=True))
    assert "vehicle_tax_proof" in {m.code for m in CATALOG.get(code).materials}


def test_mark_reissue_needs_valid_compulsory_insurance():
    assert "insurance_valid_until" not in errors(visit("JG-B2", insurance_valid_until=iso(TODAY)))
    assert "insurance_valid_until" in errors(visit("JG-B2", insurance_valid_until=iso(TODAY - timedelta(days=1))))


# ------------------------------------------------------------------ driving licences (13–16, 22)


def test_renewal_window_and_expiry():
    def renew(expiry: date, exam: date = TODAY):
        return visit("JG-C1", licence_expiry=iso(expiry), medical_exam_date=iso(exam))

    assert "licence_expiry" not in errors(renew(TODAY + timedelta(days=90)))
    assert "licence_expiry" in errors(renew(TODAY + timedelta(days=91)))
    year = shift(TODAY, Duration(1, "y"), -1)
    almost = renew(year + timedelta(days=1))  # expired 364 days ago: renew, with a warning
    assert "licence_expiry" not in errors(almost) and "licence_expiry" in warnings(almost)
    assert "恢复驾驶资格" in errors(renew(year))["licence_expiry"]  # a full year: refused
    assert "licence_expiry" not in warnings(renew(TODAY))
    six = shift(TODAY, Duration(6, "m"), -1)
    assert "medical_exam_date" not in errors(renew(TODAY, six))
    assert "medical_exam_date" in errors(renew(TODAY, six - timedelta(days=1)))
    old = [m for m in CATALOG.get("JG-C1").materials if m.code == "old_licence"][0]
    assert not old.required


def test_seized_licence_blocks_reissue():
    assert "seized" in errors(visit("JG-C2", seized=True))
    assert "seized" not in errors(visit("JG-C2", seized=False))


def test_medical_certificate_seventy_and_cycle():
    seventy = {"id_number": id_for(born_years_ago(70))}
    sixty_nine = {"id_number": id_for(born_years_ago(70, 1))}
    assert "submit_reason" not in errors(visit("JG-C4", identity=seventy, submit_reason="age_70"))
    assert "submit_reason" in errors(visit("JG-C4", identity=sixty_nine, submit_reason="age_70"))
    assert "submit_reason" in errors(visit("JG-C4", identity=seventy, submit_reason="heavy_vehicle"))
    assert errors(visit("JG-C4", identity=seventy, submit_reason="disabled_car")) == {}
    year = shift(TODAY, Duration(1, "y"), -1)
    assert "cycle_end" in errors(visit("JG-C4", identity=seventy, submit_reason="age_70", cycle_end=iso(year)))
    late = visit("JG-C4", identity=seventy, submit_reason="age_70", cycle_end=iso(year + timedelta(days=1)))
    assert "cycle_end" not in errors(late) and "cycle_end" in warnings(late)
    on_time = visit("JG-C4", identity=seventy, submit_reason="age_70", cycle_end=iso(TODAY - timedelta(days=30)))
    assert "cycle_end" not in warnings(on_time)
    assert "cycle_end" in warnings(visit("JG-C4", identity=seventy, submit_reason="age_70",
                                         cycle_end=iso(TODAY - timedelta(days=31))))


@pytest.mark.parametrize("code, due", [("JG-C9", "licence_expiry"), ("JG-C10", "check_due"),
                                       ("JG-C11", "medical_due")])
def test_deferral_up_to_a_year_late_and_at_most_three_years(code, due):
    year = shift(TODAY, Duration(1, "y"), -1)
    ok = visit(code, **{due: iso(year), "defer_until": iso(TODAY + timedelta(days=30))})
    assert errors(ok) == {}
    assert due in errors(visit(code, **{due: iso(year - timedelta(days=1)),
                                        "defer_until": iso(TODAY + timedelta(days=30))}))
    three = shift(year, Duration(3, "y"))
    assert "defer_until" not in errors(visit(code, **{due: iso(year), "defer_until": iso(three)}))
    assert "defer_until" in errors(visit(code, **{due: iso(year), "defer_until": iso(three + timedelta(days=1))}))
    assert {m.code for m in CATALOG.get(code).materials} == {"id_card", "authorisation"}  # ID only


def test_school_bus_driver_age_25_to_60():
    def driver(years: int, days: int = 0):
        return errors(visit("JG-C8", identity={"id_number": id_for(born_years_ago(years, days))}))

    assert "licence_classes" not in driver(25)
    assert "licence_classes" in driver(25, 1)  # 24, 25 tomorrow
    assert "licence_classes" not in driver(61, 1)  # 60 until tomorrow
    assert "licence_classes" in driver(61)


# ------------------------------------------------------------------ points and fines (17–19)


def test_points_only_legal_values_and_stop_at_twelve():
    assert "points" in errors(visit("JG-D1", involves_points=True, points="5"))
    assert errors(visit("JG-D1", involves_points=True, points="6", points_now="5")) == {}
    assert "points_now" in errors(visit("JG-D1", involves_points=True, points="1", points_now="12"))
    reach = visit("JG-D1", involves_points=True, points="1", points_now="11")
    assert "points_now" not in errors(reach) and "points" in warnings(reach)
    assert "points" not in warnings(visit("JG-D1", involves_points=True, points="1", points_now="10"))


@pytest.mark.parametrize("days_after, late, surcharge", [
    (15, 0, None), (16, 1, "6.00"), (48, 33, "198.00"), (49, 34, "200.00"), (200, 185, "200.00")])
def test_late_surcharge_from_day_16_capped_at_the_fine(days_after, late, surcharge):
    received = date(2026, 8, 1)
    today = received + timedelta(days=days_after)
    assert late_days(received, today) == late
    flow = visit("JG-D2", today=today, decision_date=iso(received), fine_amount="200", pay_method="mobile")
    lines = {line.kind: line.amount for line in flow.summary()[0]["amounts"]}
    assert lines["fine"] == Decimal("200.00")
    assert lines.get("late_surcharge") == (Decimal(surcharge) if surcharge else None)
    assert fee(flow) == Decimal("0.00")  # a fine is not a fee


def test_surcharge_is_paused_while_an_appeal_is_pending():
    received, today = date(2026, 8, 1), date(2026, 9, 5)  # day 35: 20 days late
    closed = visit("JG-D2", today=today, decision_date=iso(received), fine_amount="100", appeal=True,
                   appeal_from="2026-08-20", appeal_to="2026-08-29")  # 10 days of appeal, all late days
    assert {line.kind: line.amount for line in closed.summary()[0]["amounts"]}["late_surcharge"] == Decimal("30.00")
    pending = visit("JG-D2", today=today, decision_date=iso(received), fine_amount="100", appeal=True,
                    appeal_from="2026-08-20")  # still pending: 8/17–8/19 only
    assert {line.kind: line.amount for line in pending.summary()[0]["amounts"]}["late_surcharge"] == Decimal("9.00")
    early = visit("JG-D2", today=today, decision_date=iso(received), fine_amount="100", appeal=True,
                  appeal_from="2026-08-05", appeal_to="2026-08-10")  # before the due day: nothing paused
    assert {line.kind: line.amount for line in early.summary()[0]["amounts"]}["late_surcharge"] == Decimal("60.00")


def test_cash_only_in_the_listed_cases():
    def cash(case: str, amount: str):
        return errors(visit("JG-D2", decision_date=iso(TODAY), fine_amount=amount, pay_method="cash", cash_case=case))

    assert "cash_case" not in cash("small", "100")
    assert "cash_case" in cash("small", "100.01")
    assert "cash_case" not in cash("remote", "500")
    assert "cash_case" in cash("none", "50")


# ------------------------------------------------------------------ the dry run


def test_try_reports_fees_fines_dates_and_presence():
    result = try_visit(CATALOG, ["JG-D2", "HZ-08"], TODAY, {
        **ADULT, "sex": "F", "decision_number": "X1", "decision_date": "2026-10-01", "fine_amount": "200",
        "pay_method": "mobile", "reason": "changed"})
    data = result.to_json()
    assert data["acceptable"] and data["fee_total"] == "20.00" and data["fine_total"] == "400.00"
    d2, hz08 = data["items"]
    assert [f["kind"] for f in d2["fines"]] == ["fine", "late_surcharge"]
    assert hz08["must_be_present"] and hz08["promised_date"] == "2027-01-12"


def test_try_refuses_unknown_codes_and_fields():
    with pytest.raises(TrialError):
        try_visit(CATALOG, ["XX-99"], TODAY, {})
    with pytest.raises(TrialError):
        try_visit(CATALOG, ["HZ-08"], TODAY, {"no_such_field": "1"})


def test_the_review_shows_the_id_cards_validity_by_age():
    child = visit("HZ-07", identity={"id_number": id_for(born_years_ago(16, 1))})
    assert child.summary()[0]["id_card_validity"] == "2026.11.28-2031.11.28"
    assert visit("HZ-08", reason="changed").summary()[0]["id_card_validity"] == "长期"  # born 1980
    assert "id_card_validity" not in visit("HZ-12").summary()[0]


def test_moves_within_the_province_are_told_no_permit_is_needed():
    assert "cross_province" in warnings(visit("HZ-04", cross_province=False))
    assert "cross_province" not in warnings(visit("HZ-04", cross_province=True))


def test_licence_age_warnings_at_60_with_large_classes_and_at_70():
    def renew(years: int, days: int, classes: str):
        return warnings(visit("JG-C1", identity={"id_number": id_for(born_years_ago(years, days))},
                              licence_classes=classes, licence_expiry=iso(TODAY + timedelta(days=30)),
                              medical_exam_date=iso(TODAY)))

    assert "licence_classes" in renew(60, 0, "A1")
    assert "licence_classes" not in renew(60, 1, "A1")  # 59 until tomorrow
    assert "licence_classes" not in renew(65, 0, "C1")  # small cars: no age limit before 70
    assert "年满70周岁" in renew(70, 0, "C1")["licence_classes"]
    assert "licence_classes" not in renew(70, 1, "C1")


def test_school_bus_declaration_must_be_made():
    identity = {"id_number": id_for(date(1986, 1, 1))}
    assert "record_declaration" in errors(visit("JG-C8", identity=identity, record_declaration=False))
    assert "record_declaration" not in errors(visit("JG-C8", identity=identity, record_declaration=True))


def test_appeal_dates_follow_the_decision():
    base = {"decision_date": "2026-10-01", "fine_amount": "100", "appeal": True}
    assert errors(visit("JG-D2", appeal_from="2026-10-01", appeal_to="2026-10-01", **base)) == {}
    assert "appeal_from" in errors(visit("JG-D2", appeal_from="2026-10-05", appeal_to="2026-10-04", **base))
    assert "decision_date" in errors(visit("JG-D2", appeal_from="2026-09-30", **base))


def test_a_deferral_ends_after_the_date_it_defers():
    assert "licence_expiry" not in errors(visit("JG-C9", licence_expiry=iso(TODAY), defer_until=iso(TODAY)))
    assert "licence_expiry" in errors(visit("JG-C9", licence_expiry=iso(TODAY + timedelta(days=2)),
                                            defer_until=iso(TODAY + timedelta(days=1))))
