//! Keeping a learner's work safe from the browser itself.
//!
//! Browsers evict site data: under storage pressure unless the site holds persistent storage, and
//! Safari deletes the storage of a site not used for 7 days unless it runs as an installed app. This
//! module holds the rules that guard against both, as plain data:
//!
//! - when to ask for persistent storage ([`should_ask_persist`]): after a completed unit or an
//!   issued certificate, once per moment, never on first load;
//! - what each backup file held ([`Safekeeping::record_backup`]), so that a reminder
//!   ([`backup_reminder`]) speaks only of work no backup holds yet and that is over
//!   [`REMIND_AFTER_MS`] old;
//! - the automatic backup file's setting ([`AutoFile`]).
//!
//! Stored under `fluency.safekeeping`. Like progress, it is merged record by record
//! ([`Safekeeping::merge`]: unions of ids, the latest of each time), so the order in which tabs
//! write never matters.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::backup::Backup;
use super::credential::Certificates;
use super::progress::{Millis, Progress};
use super::schema::Schema;

const DAY_MS: Millis = 86_400_000;

/// How old un-backed-up work must be before the learner is reminded, and how long a dismissed
/// reminder stays away: 7 days, the span after which Safari clears an unused site's storage.
pub const REMIND_AFTER_MS: Millis = 7 * DAY_MS;

/// A moment at which asking for persistent storage makes sense to the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersistMoment {
    /// A unit was completed (the first one, for a new learner).
    UnitCompleted,
    /// A certificate was issued.
    CertificateIssued,
}

/// What backup files have held for one pack: ids of completed units and of quiz attempts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Covered {
    #[serde(default)]
    pub units: BTreeSet<String>,
    #[serde(default)]
    pub attempts: BTreeSet<String>,
}

/// The automatic backup file, as last set in any tab. The file handle itself lives in the
/// browser (IndexedDB), which can store it; this records the learner's choice and its time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoFile {
    /// The file's name as the browser reported it; `None` once the learner turned it off.
    pub name: Option<String>,
    /// When the learner chose the file or turned it off (milliseconds since the epoch).
    pub at: Millis,
}

/// Everything Fluency records about keeping the learner's data safe. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Safekeeping {
    /// Per pack id, what backup files have held.
    #[serde(default)]
    pub covered: BTreeMap<String, Covered>,
    /// Ids of the certificates a backup file has held.
    #[serde(default)]
    pub certificates: BTreeSet<String>,
    /// When the latest backup file was written, by download or automatically.
    #[serde(default)]
    pub last_backup_at: Option<Millis>,
    /// When the learner last dismissed a backup reminder.
    #[serde(default)]
    pub reminder_dismissed_at: Option<Millis>,
    /// When the learner was first asked for persistent storage at each moment.
    #[serde(default)]
    pub persist_asked: BTreeMap<PersistMoment, Millis>,
    /// The automatic backup file, if the learner ever set one up.
    #[serde(default)]
    pub auto_file: Option<AutoFile>,
}

impl Schema for Safekeeping {
    const KEY: &'static str = "safekeeping";
    const VERSION: u32 = 1;
}

fn latest(a: Option<Millis>, b: Option<Millis>) -> Option<Millis> {
    a.max(b)
}

impl Safekeeping {
    /// Records what a backup file holds: every unit and attempt of every pack in it, its
    /// certificates, and when it was made.
    pub fn record_backup(&mut self, backup: &Backup) {
        for (pack_id, progress) in &backup.progress {
            let covered = self.covered.entry(pack_id.clone()).or_default();
            covered.units.extend(progress.units.keys().cloned());
            covered.attempts.extend(
                progress
                    .attempts
                    .values()
                    .flatten()
                    .map(|attempt| attempt.id.clone()),
            );
        }
        self.certificates.extend(
            backup
                .certificates
                .issued
                .iter()
                .map(|c| c.claims.id.clone()),
        );
        self.last_backup_at = latest(self.last_backup_at, Some(backup.exported_at));
    }

    /// Combines two copies (say, from two tabs): the union of what backups covered, the latest of
    /// each time, the earliest time each persistence moment was asked, the latest file setting.
    /// Commutative, associative and idempotent.
    pub fn merge(&self, other: &Safekeeping) -> Safekeeping {
        let mut merged = self.clone();
        for (pack_id, theirs) in &other.covered {
            let ours = merged.covered.entry(pack_id.clone()).or_default();
            ours.units.extend(theirs.units.iter().cloned());
            ours.attempts.extend(theirs.attempts.iter().cloned());
        }
        merged
            .certificates
            .extend(other.certificates.iter().cloned());
        merged.last_backup_at = latest(merged.last_backup_at, other.last_backup_at);
        merged.reminder_dismissed_at =
            latest(merged.reminder_dismissed_at, other.reminder_dismissed_at);
        for (moment, at) in &other.persist_asked {
            merged
                .persist_asked
                .entry(*moment)
                .and_modify(|t| *t = (*t).min(*at))
                .or_insert(*at);
        }
        merged.auto_file = match (&merged.auto_file, &other.auto_file) {
            (Some(a), Some(b)) => Some(newer_setting(a, b).clone()),
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        merged
    }

    /// The automatic backup file's name while one is set up.
    pub fn auto_file_name(&self) -> Option<&str> {
        self.auto_file.as_ref().and_then(|f| f.name.as_deref())
    }
}

/// The later of two file settings; on a tie, the one with the greater name (so merging does not
/// depend on order).
fn newer_setting<'a>(a: &'a AutoFile, b: &'a AutoFile) -> &'a AutoFile {
    if (b.at, &b.name) > (a.at, &a.name) {
        b
    } else {
        a
    }
}

/// Whether to ask the learner for persistent storage now, at `moment`: only if the browser does
/// not hold Fluency's data persistently already, and the learner was never asked at this moment.
/// A learner asked after a unit is asked once more when they issue a certificate, which has more to
/// lose.
pub fn should_ask_persist(keeping: &Safekeeping, moment: PersistMoment, persisted: bool) -> bool {
    !persisted && !keeping.persist_asked.contains_key(&moment)
}

/// A reminder to download a backup: how many records no backup file holds yet, and when the
/// oldest of them was made (milliseconds since the epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reminder {
    pub uncovered: usize,
    pub oldest: Millis,
}

/// When each completed unit, quiz attempt and certificate that no backup file holds yet was made
/// (milliseconds since the epoch), in no particular order. Reading positions and placement answers
/// do not count: they are cheap to redo.
pub fn uncovered<'a>(
    progress: impl IntoIterator<Item = &'a Progress>,
    certificates: &Certificates,
    keeping: &Safekeeping,
) -> Vec<Millis> {
    let empty = Covered::default();
    let mut times: Vec<Millis> = Vec::new();
    for p in progress {
        let covered = keeping.covered.get(&p.pack_id).unwrap_or(&empty);
        times.extend(
            p.units
                .iter()
                .filter(|(id, _)| !covered.units.contains(*id))
                .map(|(_, at)| *at),
        );
        times.extend(
            p.attempts
                .values()
                .flatten()
                .filter(|a| !covered.attempts.contains(&a.id))
                .map(|a| a.at),
        );
    }
    times.extend(
        certificates
            .issued
            .iter()
            .filter(|c| !keeping.certificates.contains(&c.claims.id))
            .map(|c| c.claims.issued_at),
    );
    times
}

/// Whether to remind the learner to make a backup at `now`: some completed unit, quiz attempt or
/// certificate that no backup file holds ([`uncovered`]) is more than [`REMIND_AFTER_MS`] old, and
/// the learner has not dismissed a reminder in the last [`REMIND_AFTER_MS`].
pub fn backup_reminder<'a>(
    progress: impl IntoIterator<Item = &'a Progress>,
    certificates: &Certificates,
    keeping: &Safekeeping,
    now: Millis,
) -> Option<Reminder> {
    if keeping
        .reminder_dismissed_at
        .is_some_and(|at| now - at < REMIND_AFTER_MS)
    {
        return None;
    }
    let times = uncovered(progress, certificates, keeping);
    let oldest = times.iter().copied().min()?;
    (now - oldest > REMIND_AFTER_MS).then_some(Reminder {
        uncovered: times.len(),
        oldest,
    })
}

/// A byte count for people, as browsers report storage: B, then KB, MB or GB (powers of 1,000)
/// with one decimal.
pub fn format_bytes(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests;
