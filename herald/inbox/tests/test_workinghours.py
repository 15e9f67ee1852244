import datetime

from herald.inbox.workinghours import LONDON, WorkingCalendar


def at(year: int, month: int, day: int, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def test_a_target_runs_over_the_night_and_the_weekend() -> None:
    calendar = WorkingCalendar()
    # Friday 16:00 plus 4 working hours: one hour on Friday, three on Monday.
    assert calendar.add_working_hours(at(2026, 11, 13, 16, 0), 4) == at(2026, 11, 16, 12, 0)


def test_a_message_out_of_hours_starts_its_clock_at_opening() -> None:
    calendar = WorkingCalendar()
    assert calendar.add_working_hours(at(2026, 11, 10, 22, 0), 1) == at(2026, 11, 11, 10, 0)
    assert not calendar.is_working_time(at(2026, 11, 10, 22, 0))
    assert calendar.is_working_time(at(2026, 11, 11, 9, 0))


def test_bank_holidays_differ_by_nation() -> None:
    st_andrews_day = datetime.date(2026, 11, 30)
    assert WorkingCalendar().is_working_day(st_andrews_day)
    assert not WorkingCalendar(region="scotland").is_working_day(st_andrews_day)
    st_patricks_day = datetime.date(2026, 3, 17)
    assert not WorkingCalendar(region="northern-ireland").is_working_day(st_patricks_day)
    assert not WorkingCalendar().is_working_day(datetime.date(2026, 12, 25))


def test_hours_between_count_only_office_time() -> None:
    calendar = WorkingCalendar()
    assert calendar.working_hours_between(at(2026, 11, 13, 16, 0), at(2026, 11, 16, 10, 0)) == 2
    assert calendar.working_hours_between(at(2026, 11, 16, 10, 0), at(2026, 11, 13, 16, 0)) == 0


def test_the_foi_clock_counts_twenty_working_days_skipping_christmas() -> None:
    calendar = WorkingCalendar()
    assert calendar.add_working_days(datetime.date(2026, 12, 14), 20) == datetime.date(2027, 1, 14)


def test_custom_office_hours_follow_british_summer_time() -> None:
    calendar = WorkingCalendar(office_hours={"0": ["08:30", "12:00"]})
    monday_in_july = at(2026, 7, 6, 8, 30)
    assert calendar.hours_on(monday_in_july.date()) == (
        monday_in_july.astimezone(datetime.UTC),
        at(2026, 7, 6, 12, 0).astimezone(datetime.UTC),
    )
    assert not calendar.is_working_day(datetime.date(2026, 7, 7))
