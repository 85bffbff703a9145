//! Calendar days and the instants they begin and end, in a person's own time zone.
//!
//! Fluency keeps instants as milliseconds since the Unix epoch ([`Millis`]) and turns them into
//! calendar days only to show or compare them. A day belongs to the person looking: a due date ends
//! at the manager's local midnight, a streak counts the learner's local days. The domain carries no
//! time-zone database. Instead every rule here takes a [`Zone`]: something that answers "what is the
//! offset from UTC at this instant?", which a browser answers for each instant with
//! `Date.prototype.getTimezoneOffset()` under the zone's rules for that date (IANA tz database, as
//! ECMA-262 §21.4.1.25 LocalTZA describes). Host tests use fixed offsets and tables of transitions.
//!
//! Dates follow the proleptic Gregorian calendar (ISO 8601).

use super::progress::Millis;

const DAY_MS: i64 = 86_400_000;
const MINUTE_MS: i64 = 60_000;

/// A time zone as seen from the domain: the offset from UTC, in minutes east of Greenwich
/// (UTC+13 is `780`, America/Los_Angeles in summer is `-420`), in force at a given instant.
///
/// The browser's implementation asks `Date.getTimezoneOffset()` for that very instant, so daylight
/// saving time changes are honoured date by date.
pub trait Zone {
    /// Minutes east of UTC at `at` (milliseconds since the epoch).
    fn offset_minutes(&self, at: Millis) -> i32;
}

/// A zone with one offset all year, in minutes east of UTC. `FixedOffset(0)` is UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedOffset(pub i32);

impl Zone for FixedOffset {
    fn offset_minutes(&self, _at: Millis) -> i32 {
        self.0
    }
}

/// UTC, for rules that are not shown to anyone in particular (file formats, signed data).
pub const UTC: FixedOffset = FixedOffset(0);

impl<F: Fn(Millis) -> i32> Zone for F {
    fn offset_minutes(&self, at: Millis) -> i32 {
        self(at)
    }
}

/// A calendar date (year, month 1–12, day 1–31), with no time zone of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The UTC date of an instant (proleptic Gregorian calendar).
    pub fn from_millis(at: Millis) -> Date {
        Date::from_day_number(at.div_euclid(DAY_MS))
    }

    /// The date `days` days after 1970-01-01 (negative before it).
    pub fn from_day_number(days: i64) -> Date {
        // Howard Hinnant's civil-from-days algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn day_number(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year - era * 400;
        let month = i64::from(self.month);
        let mp = if month > 2 { month - 3 } else { month + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Midnight UTC at the start of this date.
    pub fn to_millis(self) -> Millis {
        self.day_number() * DAY_MS
    }

    /// The date after this one.
    pub fn next(self) -> Date {
        Date::from_day_number(self.day_number() + 1)
    }

    pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
        match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            _ => 28,
        }
    }

    /// The same day `months` later; the 31st becomes the month's last day when it has fewer days.
    pub fn add_months(self, months: u32) -> Date {
        let index = self.year as i64 * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = index.div_euclid(12) as i32;
        let month = index.rem_euclid(12) as u32 + 1;
        Date {
            year,
            month,
            day: self.day.min(Date::days_in_month(year, month)),
        }
    }

    /// `YYYY-MM-DD` (ISO 8601 calendar date).
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Reads `YYYY-MM-DD`, as an `<input type="date">` gives it; `None` when empty or not a real date.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > Date::days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }
}

/// The wall-clock reading of an instant in a zone, as milliseconds since the epoch "as if UTC".
fn wall_clock(at: Millis, zone: &impl Zone) -> Millis {
    at + i64::from(zone.offset_minutes(at)) * MINUTE_MS
}

/// The date an instant falls on in `zone`, with the zone's offset for that very instant.
pub fn local_date(at: Millis, zone: &impl Zone) -> Date {
    Date::from_millis(wall_clock(at, zone))
}

/// The local day number (days since 1970-01-01 in `zone`) of an instant, for counting days.
pub fn local_day_number(at: Millis, zone: &impl Zone) -> i64 {
    wall_clock(at, zone).div_euclid(DAY_MS)
}

/// The instant a local wall-clock time (`wall`: milliseconds since the epoch "as if UTC") happens in
/// `zone`, trying the offsets in force a day either side (zones change offset at most a few times a
/// year). A wall time repeated by a fall-back change maps to its first occurrence; one skipped by a
/// spring-forward change is read with the offset from before the change, which lands just after the
/// gap (the "compatible" choice of RFC 9557 and of `Date` in browsers).
pub fn instant_of_wall_clock(wall: Millis, zone: &impl Zone) -> Millis {
    let before = wall - i64::from(zone.offset_minutes(wall - DAY_MS)) * MINUTE_MS;
    let after = wall - i64::from(zone.offset_minutes(wall + DAY_MS)) * MINUTE_MS;
    let (early, late) = (before.min(after), before.max(after));
    if wall_clock(early, zone) == wall {
        early
    } else if wall_clock(late, zone) == wall {
        late
    } else {
        before
    }
}

/// The instant `date` starts in `zone` (local midnight, or the first instant of the day when
/// midnight falls in a daylight-saving gap).
pub fn start_of_day(date: Date, zone: &impl Zone) -> Millis {
    instant_of_wall_clock(date.to_millis(), zone)
}

/// The instant `date` ends in `zone`: the start of the next local day.
pub fn end_of_day(date: Date, zone: &impl Zone) -> Millis {
    start_of_day(date.next(), zone)
}

/// When a certificate issued at `issued_at` expires: the same local date and wall-clock time
/// `validity_months` calendar months later in the learner's zone (the 31st becomes the month's last
/// day when it has fewer), with the offset in force on that later date.
pub fn expiry(issued_at: Millis, validity_months: u32, zone: &impl Zone) -> Millis {
    let wall = wall_clock(issued_at, zone);
    let issued = Date::from_millis(wall);
    let time_of_day = wall - issued.to_millis();
    instant_of_wall_clock(
        issued.add_months(validity_months).to_millis() + time_of_day,
        zone,
    )
}

/// A certificate is "expiring soon" this many days before it expires.
pub const EXPIRING_SOON_DAYS: i64 = 30;

/// How a certificate stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Valid,
    /// Valid, with [`EXPIRING_SOON_DAYS`] days or fewer left.
    ExpiringSoon,
    Expired,
}

/// A certificate's status at `now`: instants are compared, so no zone is involved.
pub fn status(expires_at: Millis, now: Millis) -> Status {
    if now >= expires_at {
        Status::Expired
    } else if expires_at - now <= EXPIRING_SOON_DAYS * DAY_MS {
        Status::ExpiringSoon
    } else {
        Status::Valid
    }
}

#[cfg(test)]
mod tests;
