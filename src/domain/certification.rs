//! Certification rules: what a learner still needs for a track's certificate, when a certificate
//! expires, and how its status reads on a given day. Signing and verification build on these.

use super::pack::Track;
use super::progress::{final_key, Millis, Progress};

const DAY_MS: i64 = 86_400_000;
/// A certificate is "expiring soon" this many days before it expires.
pub const EXPIRING_SOON_DAYS: i64 = 30;

/// One requirement of a track's certificate, and whether it is met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    /// A required module, with all its units read and its check passed.
    Module { id: String, done: bool },
    /// The final assessment at or above the pass mark.
    FinalAssessment { passed: bool },
    /// The learner's typed name and honesty statement, given when issuing.
    Attestation { given: bool },
}

impl Requirement {
    pub fn is_met(&self) -> bool {
        match self {
            Requirement::Module { done, .. } => *done,
            Requirement::FinalAssessment { passed } => *passed,
            Requirement::Attestation { given } => *given,
        }
    }
}

/// The checklist for a track: every requirement, in the order a learner meets them.
pub fn checklist(track: &Track, progress: &Progress, attested: bool) -> Vec<Requirement> {
    let pass_mark = track.certification.pass_mark;
    let mut list: Vec<Requirement> = track
        .certification
        .required_modules
        .iter()
        .map(|id| Requirement::Module {
            id: id.clone(),
            done: track
                .module(id)
                .is_some_and(|m| progress.is_module_complete(m, pass_mark)),
        })
        .collect();
    list.push(Requirement::FinalAssessment {
        passed: progress
            .best(&final_key(&track.id))
            .is_some_and(|a| a.passes(pass_mark)),
    });
    list.push(Requirement::Attestation { given: attested });
    list
}

/// Whether every requirement is met.
pub fn is_eligible(track: &Track, progress: &Progress, attested: bool) -> bool {
    checklist(track, progress, attested)
        .iter()
        .all(Requirement::is_met)
}

/// Whether the learner may take the final assessment: every required module is complete.
pub fn may_take_final(track: &Track, progress: &Progress) -> bool {
    checklist(track, progress, false)
        .iter()
        .filter(|r| matches!(r, Requirement::Module { .. }))
        .all(Requirement::is_met)
}

/// A calendar date in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The UTC date of a moment (proleptic Gregorian calendar).
    pub fn from_millis(at: Millis) -> Date {
        // Days since 1970-01-01, converted with Howard Hinnant's civil-from-days algorithm.
        let z = at.div_euclid(DAY_MS) + 719_468;
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

    /// Midnight UTC at the start of this date.
    pub fn to_millis(self) -> Millis {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year - era * 400;
        let month = i64::from(self.month);
        let mp = if month > 2 { month - 3 } else { month + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * DAY_MS
    }

    fn days_in_month(year: i32, month: u32) -> u32 {
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

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// When a certificate issued at `issued_at` expires, given the track's validity.
pub fn expiry(issued_at: Millis, validity_months: u32) -> Millis {
    let issued = Date::from_millis(issued_at);
    let time_of_day = issued_at - issued.to_millis();
    issued.add_months(validity_months).to_millis() + time_of_day
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Valid,
    ExpiringSoon,
    Expired,
}

/// A certificate's status on a given moment.
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
mod tests {
    use super::*;
    use crate::domain::pack::tests::EXAMPLE;
    use crate::domain::pack::Pack;
    use crate::domain::progress::{check_key, Attempt};

    fn date(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
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
    fn expiry_keeps_the_time_of_day() {
        let issued = date(2026, 11, 23).to_millis() + 3_600_000;
        assert_eq!(
            expiry(issued, 24),
            date(2028, 11, 23).to_millis() + 3_600_000
        );
    }

    #[test]
    fn status_table() {
        let expires = date(2028, 11, 23).to_millis();
        let cases = [
            (date(2026, 11, 23).to_millis(), Status::Valid),
            (expires - 31 * DAY_MS, Status::Valid),
            (expires - 30 * DAY_MS, Status::ExpiringSoon),
            (expires - 1, Status::ExpiringSoon),
            (expires, Status::Expired),
            (expires + DAY_MS, Status::Expired),
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

    #[test]
    fn checklist_follows_the_track_rules() {
        let pack = Pack::from_json(EXAMPLE).unwrap();
        let track = &pack.tracks[0];
        let module = &track.modules[0];
        let mut progress = Progress::new(&pack);
        let unmet = |p: &Progress, attested| {
            checklist(track, p, attested)
                .into_iter()
                .filter(|r| !r.is_met())
                .count()
        };
        assert_eq!(unmet(&progress, false), 3);
        assert!(!may_take_final(track, &progress));

        progress.complete_unit(&module.units[0].id, 1);
        let attempt = |id: &str, correct| Attempt {
            id: id.into(),
            at: 2,
            correct,
            total: 5,
        };
        progress.record_attempt(&check_key(&module.id), attempt("c", 4));
        assert!(may_take_final(track, &progress));
        assert_eq!(unmet(&progress, false), 2);

        progress.record_attempt(&final_key(&track.id), attempt("f1", 3));
        assert_eq!(unmet(&progress, true), 1, "60% is under the 80% pass mark");
        progress.record_attempt(&final_key(&track.id), attempt("f2", 5));
        assert!(
            !is_eligible(track, &progress, false),
            "the attestation is still missing"
        );
        assert!(is_eligible(track, &progress, true));
    }
}
