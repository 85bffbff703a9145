use super::*;

const HOUR: i64 = 3_600_000;

fn date(year: i32, month: u32, day: u32) -> Date {
    Date { year, month, day }
}

/// An instant given in UTC.
fn utc(year: i32, month: u32, day: u32, hour: i64, minute: i64) -> Millis {
    date(year, month, day).to_millis() + hour * HOUR + minute * 60_000
}

/// A zone as a table of offsets: each entry is in force from its instant (UTC) on; the first entry's
/// offset also applies before it. Written from the 2026 IANA rules, as a browser applies them.
struct Table(Vec<(Millis, i32)>);

impl Zone for Table {
    fn offset_minutes(&self, at: Millis) -> i32 {
        self.0
            .iter()
            .rev()
            .find(|(from, _)| at >= *from)
            .or(self.0.first())
            .map_or(0, |(_, offset)| *offset)
    }
}

/// America/New_York, 2026: EST (−5 h) until 8 March 07:00 UTC, EDT (−4 h) until 1 November 06:00 UTC.
fn new_york() -> Table {
    Table(vec![
        (utc(2025, 11, 2, 6, 0), -300),
        (utc(2026, 3, 8, 7, 0), -240),
        (utc(2026, 11, 1, 6, 0), -300),
    ])
}

/// America/Los_Angeles, 2026: PST (−8 h) and PDT (−7 h).
fn los_angeles() -> Table {
    Table(vec![
        (utc(2025, 11, 2, 9, 0), -480),
        (utc(2026, 3, 8, 10, 0), -420),
        (utc(2026, 11, 1, 9, 0), -480),
    ])
}

/// Pacific/Auckland, 2026: NZDT (+13 h) until 4 April 14:00 UTC, NZST (+12 h) until 26 September
/// 14:00 UTC, then NZDT again.
fn auckland() -> Table {
    Table(vec![
        (utc(2025, 9, 27, 14, 0), 780),
        (utc(2026, 4, 4, 14, 0), 720),
        (utc(2026, 9, 26, 14, 0), 780),
    ])
}

#[test]
fn dates_round_trip_and_match_known_days() {
    let cases = [
        (0, date(1970, 1, 1)),
        (951_782_400_000, date(2000, 2, 29)),
        (1_795_392_000_000, date(2026, 11, 23)),
        (-86_400_000, date(1969, 12, 31)),
    ];
    for (millis, want) in cases {
        assert_eq!(Date::from_millis(millis), want, "{millis}");
        assert_eq!(want.to_millis(), millis, "{want:?}");
    }
    assert_eq!(
        Date::from_millis(1_795_392_000_000 + 86_399_999),
        date(2026, 11, 23)
    );
    assert_eq!(date(2026, 11, 23).iso(), "2026-11-23");
    assert_eq!(date(2026, 12, 31).next(), date(2027, 1, 1));
    assert_eq!(date(2028, 2, 28).next(), date(2028, 2, 29));
}

#[test]
fn adding_months_table() {
    let cases = [
        (date(2026, 11, 23), 24, date(2028, 11, 23)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ];
    for (from, months, want) in cases {
        assert_eq!(from.add_months(months), want, "{from:?} + {months}");
    }
}

#[test]
fn iso_dates_parse_only_when_real() {
    let cases = [
        ("2026-12-15", Some(date(2026, 12, 15))),
        (" 2028-02-29 ", Some(date(2028, 2, 29))),
        ("2026-02-29", None),
        ("2026-04-31", None),
        ("2026-13-01", None),
        ("2026-00-10", None),
        ("", None),
        ("15/12/2026", None),
    ];
    for (text, want) in cases {
        assert_eq!(Date::parse_iso(text), want, "{text:?}");
    }
}

#[test]
fn an_instant_falls_on_the_viewers_own_date() {
    type Local = Box<dyn Fn(Millis) -> Date>;
    let cases: Vec<(&str, Millis, Local, Date)> = vec![
        (
            "17:00 on 15 Dec in Los Angeles is 01:00 UTC on the 16th",
            utc(2026, 12, 16, 1, 0),
            Box::new(|at| local_date(at, &los_angeles())),
            date(2026, 12, 15),
        ),
        (
            "noon on 16 Dec in Auckland is 23:00 UTC on the 15th",
            utc(2026, 12, 15, 23, 0),
            Box::new(|at| local_date(at, &auckland())),
            date(2026, 12, 16),
        ),
        (
            "UTC+13 all year (Tongatapu)",
            utc(2026, 6, 30, 11, 30),
            Box::new(|at| local_date(at, &FixedOffset(780))),
            date(2026, 7, 1),
        ),
        (
            "UTC itself",
            utc(2026, 6, 30, 23, 59),
            Box::new(|at| local_date(at, &UTC)),
            date(2026, 6, 30),
        ),
        (
            "23:30 EST on 7 March in New York",
            utc(2026, 3, 8, 4, 30),
            Box::new(|at| local_date(at, &new_york())),
            date(2026, 3, 7),
        ),
        (
            "00:30 EDT on 9 March in New York, after the change",
            utc(2026, 3, 9, 4, 30),
            Box::new(|at| local_date(at, &new_york())),
            date(2026, 3, 9),
        ),
    ];
    for (name, at, local, want) in cases {
        assert_eq!(local(at), want, "{name}");
    }
}

#[test]
fn days_begin_and_end_at_local_midnight_with_that_dates_offset() {
    let ny = new_york();
    let cases = [
        // The spring-forward day has 23 hours, the fall-back day 25.
        (
            date(2026, 3, 8),
            utc(2026, 3, 8, 5, 0),
            utc(2026, 3, 9, 4, 0),
        ),
        (
            date(2026, 11, 1),
            utc(2026, 11, 1, 4, 0),
            utc(2026, 11, 2, 5, 0),
        ),
        (
            date(2026, 12, 15),
            utc(2026, 12, 15, 5, 0),
            utc(2026, 12, 16, 5, 0),
        ),
    ];
    for (day, start, end) in cases {
        assert_eq!(start_of_day(day, &ny), start, "start of {}", day.iso());
        assert_eq!(end_of_day(day, &ny), end, "end of {}", day.iso());
        assert_eq!(local_date(start, &ny), day);
        assert_eq!(local_date(end - 1, &ny), day);
        assert_eq!(local_date(end, &ny), day.next());
    }
    let akl = auckland();
    assert_eq!(
        end_of_day(date(2026, 12, 15), &akl),
        utc(2026, 12, 15, 11, 0),
        "Auckland's 15 December ends at 11:00 UTC"
    );
}

#[test]
fn wall_times_in_a_gap_or_a_fold_resolve_like_a_browser() {
    let ny = new_york();
    // 02:30 on 8 March 2026 never happens in New York: read with EST it is 03:30 EDT.
    assert_eq!(
        instant_of_wall_clock(utc(2026, 3, 8, 2, 30), &ny),
        utc(2026, 3, 8, 7, 30)
    );
    // 01:30 on 1 November 2026 happens twice: the first (EDT) is chosen.
    assert_eq!(
        instant_of_wall_clock(utc(2026, 11, 1, 1, 30), &ny),
        utc(2026, 11, 1, 5, 30)
    );
    // A zone whose clocks skip local midnight (as Santiago's and Beirut's have): the day starts at
    // the change, which reads 01:00.
    let midnight_gap = Table(vec![(0, -240), (utc(2026, 9, 6, 4, 0), -180)]);
    let start = start_of_day(date(2026, 9, 6), &midnight_gap);
    assert_eq!(start, utc(2026, 9, 6, 4, 0));
    assert_eq!(local_date(start, &midnight_gap), date(2026, 9, 6));
    assert_eq!(local_date(start - 1, &midnight_gap), date(2026, 9, 5));
}

#[test]
fn expiry_keeps_the_local_date_and_time_across_offset_changes() {
    let ny = new_york();
    let cases = [
        // 09:00 EST on 10 January + 6 months = 09:00 EDT on 10 July.
        (utc(2026, 1, 10, 14, 0), 6, utc(2026, 7, 10, 13, 0)),
        // 09:00 EDT on 10 July + 6 months = 09:00 EST on 10 January.
        (utc(2026, 7, 10, 13, 0), 6, utc(2027, 1, 10, 14, 0)),
    ];
    for (issued, months, want) in cases {
        assert_eq!(expiry(issued, months, &ny), want);
    }
    // In UTC the time of day is kept as it was.
    let issued = date(2026, 11, 23).to_millis() + HOUR;
    assert_eq!(
        expiry(issued, 24, &UTC),
        date(2028, 11, 23).to_millis() + HOUR
    );
    // 23:30 in Los Angeles on 31 January is 07:30 UTC on 1 February: the local date decides.
    let la = los_angeles();
    let late = utc(2026, 2, 1, 7, 30);
    assert_eq!(local_date(expiry(late, 1, &la), &la), date(2026, 2, 28));
}

#[test]
fn status_table() {
    let day = 86_400_000;
    let expires = date(2028, 11, 23).to_millis();
    let cases = [
        (date(2026, 11, 23).to_millis(), Status::Valid),
        (expires - 31 * day, Status::Valid),
        (expires - 30 * day, Status::ExpiringSoon),
        (expires - 1, Status::ExpiringSoon),
        (expires, Status::Expired),
        (expires + day, Status::Expired),
    ];
    for (now, want) in cases {
        assert_eq!(
            status(expires, now),
            want,
            "{}",
            Date::from_millis(now).iso()
        );
    }
}
