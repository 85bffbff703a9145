//! The manager's team: compact summaries of verified progress reports, one per learner key, and
//! everything the dashboard shows from them (roster rows, per-track distributions, module
//! bottlenecks, due dates) plus the CSV export.
//!
//! Summaries are small on purpose: module and track ids are stored once for the whole team, and each
//! learner keeps short arrays aligned with them, so that 10,000 learners fit in local storage.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::calendar::{local_date, status, Date, Status, Zone};
use super::identity::identity_key;
use super::pack::Pack;
use super::progress::Millis;
use super::report::Report;
use super::schema::Schema;

const DAY_MS: i64 = 86_400_000;

/// One learner, as kept after their latest report was verified.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    #[serde(rename = "n")]
    pub name: String,
    #[serde(rename = "t", default, skip_serializing_if = "String::is_empty")]
    pub team: String,
    #[serde(rename = "e", default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// When the report was produced: newer reports replace older ones.
    #[serde(rename = "p")]
    pub produced_at: Millis,
    /// The learner's last activity, 0 when there was none.
    #[serde(rename = "a", default)]
    pub last_activity: Millis,
    /// Per team module: the UTC day number of completion plus one; 0 when not complete.
    #[serde(rename = "d", default)]
    pub done: Vec<u32>,
    /// Per team module: the best check score.
    #[serde(rename = "b", default)]
    pub best: Vec<Option<u8>>,
    /// Per team track: completion percentage.
    #[serde(rename = "c", default)]
    pub percent: Vec<u8>,
    /// Per team track: the latest certificate's expiry, 0 when there is none.
    #[serde(rename = "x", default)]
    pub expires: Vec<Millis>,
    /// Where the summary came from: a report file (the default, also for summaries stored before
    /// sources existed) or a learning record store.
    #[serde(rename = "s", default, skip_serializing_if = "Source::is_file")]
    pub source: Source,
}

/// Where a learner's summary came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// A signed report file or link the learner shared.
    #[default]
    #[serde(rename = "f")]
    File,
    /// Statements loaded from the organisation's learning record store.
    #[serde(rename = "l")]
    Lrs,
}

impl Source {
    fn is_file(&self) -> bool {
        *self == Source::File
    }
}

/// Everything the Team page keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// Module ids, in the order members' arrays use.
    pub modules: Vec<String>,
    /// Track ids, in the order members' arrays use.
    pub tracks: Vec<String>,
    /// Learner `did:key` → summary.
    pub members: BTreeMap<String, Member>,
    /// Track id → due date: a calendar day, stored as midnight UTC of that date. It is the day in
    /// the calendar of whoever looks, and ends at their local midnight.
    #[serde(default)]
    pub due: BTreeMap<String, Millis>,
}

impl Schema for Team {
    const KEY: &'static str = "team";
    const VERSION: u32 = 1;
}

/// What importing one verified report did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Added,
    /// A newer report replaced this learner's stored one.
    Replaced,
    /// The same report was already stored.
    Duplicate,
    /// A newer report of this learner is already stored; this one was ignored.
    Older,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub outcome: Outcome,
    /// Trust on first use: this name (compared by [`identity_key`]) was first seen signed by
    /// another key.
    pub name_clash: bool,
    /// The report claims a time later than the manager's clock allows ([`CLOCK_SKEW_MS`]): the
    /// learner's clock is probably wrong. It is kept, flagged, and never blocks a later genuine one.
    pub future: bool,
}

/// How far ahead of the manager's clock a report's times may be before they count as "in the
/// future": ten minutes covers clocks that drift, not a clock set to the wrong day.
pub const CLOCK_SKEW_MS: Millis = 10 * 60_000;

/// The latest moment a report speaks of: when it was produced, the last activity, module
/// completions and certificates issued.
fn latest_claimed(report: &Report) -> Millis {
    let modules = report.modules.iter().filter_map(|m| m.completed_at);
    let certificates = report.certificates.iter().map(|c| c.issued_at);
    modules
        .chain(certificates)
        .chain(report.last_activity)
        .fold(report.produced_at, Millis::max)
}

/// Positions of ids in one of the team's id lists ([`Team::modules`], [`Team::tracks`]), so that
/// summarising 10,000 reports looks each id up in a map rather than along the list.
#[derive(Default)]
struct Ids(HashMap<String, usize>);

impl Ids {
    fn of(list: &[String]) -> Ids {
        let mut ids = Ids::default();
        for (i, id) in list.iter().enumerate() {
            ids.0.entry(id.clone()).or_insert(i);
        }
        ids
    }

    /// The id's position in `list` (which these ids were made from), appending it if new.
    fn index_of(&mut self, list: &mut Vec<String>, id: &str) -> usize {
        if let Some(i) = self.0.get(id) {
            return *i;
        }
        list.push(id.to_owned());
        self.0.insert(id.to_owned(), list.len() - 1);
        list.len() - 1
    }
}

/// Imports a batch of verified reports, remembering which key each name was first seen with.
pub struct Importer<'a> {
    team: &'a mut Team,
    /// Positions in `team.modules` and `team.tracks`.
    module_ids: Ids,
    track_ids: Ids,
    /// [`identity_key`] of a name → the key first seen with it.
    names: HashMap<String, String>,
    /// The manager's clock when the batch is imported.
    now: Millis,
}

impl<'a> Importer<'a> {
    /// An importer into `team`, judging report times against `now` (the manager's clock).
    pub fn new(team: &'a mut Team, now: Millis) -> Importer<'a> {
        let mut names = HashMap::new();
        for (key, member) in &team.members {
            names
                .entry(identity_key(&member.name))
                .or_insert_with(|| key.clone());
        }
        Importer {
            module_ids: Ids::of(&team.modules),
            track_ids: Ids::of(&team.tracks),
            team,
            names,
            now,
        }
    }

    /// Adds a verified report, or says why it changed nothing. Newer reports replace older ones;
    /// a stored report dated beyond the manager's clock gives way to any report that is not.
    pub fn import(&mut self, report: &Report) -> Imported {
        self.import_from(report, Source::File)
    }

    /// Like [`Importer::import`], for a report built from another source (such as an LRS).
    pub fn import_from(&mut self, report: &Report, source: Source) -> Imported {
        let key = &report.learner;
        let known = self
            .names
            .entry(identity_key(&report.name))
            .or_insert_with(|| key.clone());
        let name_clash = known != key && self.team.members.contains_key(known.as_str());
        let limit = self.now.saturating_add(CLOCK_SKEW_MS);
        let future = latest_claimed(report) > limit;
        let outcome = match self.team.members.get(key) {
            Some(stored) if stored.produced_at == report.produced_at => Outcome::Duplicate,
            // A report from a clock that ran ahead must not hold back the genuine ones after it.
            Some(stored) if stored.produced_at > limit && report.produced_at <= limit => {
                Outcome::Replaced
            }
            Some(stored) if stored.produced_at > report.produced_at => Outcome::Older,
            Some(_) => Outcome::Replaced,
            None => Outcome::Added,
        };
        if matches!(outcome, Outcome::Added | Outcome::Replaced) {
            let mut member = self
                .team
                .summarise(report, &mut self.module_ids, &mut self.track_ids);
            member.source = source;
            self.team.members.insert(key.clone(), member);
        }
        Imported {
            outcome,
            name_clash,
            future,
        }
    }
}

/// A certificate's standing for one track.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CertStatus {
    Valid,
    ExpiringSoon,
    Expired,
    None,
}

/// One roster line: a learner on a track.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub key: String,
    pub name: String,
    /// The name's [`identity_key`], for sorting and search.
    pub name_key: String,
    pub team: String,
    pub email: String,
    /// Index into the pack's tracks.
    pub track: usize,
    pub percent: u8,
    pub done: usize,
    pub total: usize,
    pub last_activity: Option<Millis>,
    pub cert: CertStatus,
    pub overdue: bool,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Team,
    Track,
    Percent,
    Modules,
    LastActivity,
    Certificate,
}

/// Which rows to show. Empty strings and `None` mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub track: Option<usize>,
    pub cert: Option<CertStatus>,
    pub team: String,
    pub search: String,
    pub overdue_only: bool,
}

impl Filter {
    /// The rows that match, in their order. Search compares [`identity_key`]s, so "jose" finds
    /// "José" typed either way, and invisible characters neither hide nor find anything.
    pub fn apply(&self, rows: &[Row]) -> Vec<Row> {
        self.positions(rows)
            .into_iter()
            .map(|i| rows[i].clone())
            .collect()
    }

    /// Like [`Filter::apply`], as positions into `rows` (ascending) instead of copies of the
    /// rows: what the roster keeps for 40,000 rows.
    pub fn positions(&self, rows: &[Row]) -> Vec<usize> {
        let search = identity_key(&self.search);
        let team = identity_key(&self.team);
        rows.iter()
            .enumerate()
            .filter(|(_, r)| self.matches_keyed(r, &search, &team))
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether one row matches.
    pub fn matches(&self, row: &Row) -> bool {
        self.matches_with(row, &identity_key(&self.search))
    }

    fn matches_with(&self, row: &Row, search: &str) -> bool {
        self.matches_keyed(row, search, &identity_key(&self.team))
    }

    /// `search` and `team` are the [`identity_key`]s of the filter's search and team.
    fn matches_keyed(&self, row: &Row, search: &str, team: &str) -> bool {
        self.track.is_none_or(|t| t == row.track)
            && self.cert.is_none_or(|c| c == row.cert)
            && (self.team.is_empty() || team == identity_key(&row.team))
            && (!self.overdue_only || row.overdue)
            && (search.is_empty()
                || row.name_key.contains(search)
                || identity_key(&row.team).contains(search)
                || identity_key(&row.email).contains(search))
    }
}

/// Sorts rows by a column; ties keep name, then track, order.
pub fn sort_rows(rows: &mut [Row], key: SortKey, ascending: bool) {
    rows.sort_by(|a, b| compare_rows(a, b, key, ascending));
}

/// Sorts positions into `rows` (as [`Filter::positions`] gives them) into the order
/// [`sort_rows`] would put those rows in, without moving or copying any row.
pub fn sort_positions(rows: &[Row], positions: &mut [usize], key: SortKey, ascending: bool) {
    positions.sort_by(|a, b| compare_rows(&rows[*a], &rows[*b], key, ascending));
}

fn compare_rows(a: &Row, b: &Row, key: SortKey, ascending: bool) -> Ordering {
    let primary = match key {
        SortKey::Name => Ordering::Equal,
        SortKey::Team => a.team.cmp(&b.team),
        SortKey::Track => a.track.cmp(&b.track),
        SortKey::Percent => a.percent.cmp(&b.percent),
        SortKey::Modules => a.done.cmp(&b.done),
        SortKey::LastActivity => a.last_activity.cmp(&b.last_activity),
        SortKey::Certificate => a.cert.cmp(&b.cert),
    };
    let primary = primary
        .then_with(|| a.name_key.cmp(&b.name_key))
        .then_with(|| a.key.cmp(&b.key));
    let primary = if ascending {
        primary
    } else {
        primary.reverse()
    };
    primary.then_with(|| a.track.cmp(&b.track))
}

/// Completion buckets for a track's distribution chart: 0, 1–24, 25–49, 50–74, 75–99 and 100%.
pub const BUCKETS: [&str; 6] = ["0%", "1–24%", "25–49%", "50–74%", "75–99%", "100%"];

pub fn bucket(percent: u8) -> usize {
    match percent {
        0 => 0,
        100.. => 5,
        p => 1 + usize::from(p) / 25,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackSummary {
    /// Index into the pack's tracks.
    pub track: usize,
    pub learners: usize,
    pub buckets: [usize; 6],
    /// Learners with a valid (or expiring soon) certificate for the track.
    pub certified: usize,
    pub overdue: usize,
    pub due: Option<Millis>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleStat {
    /// Index into the pack's tracks.
    pub track: usize,
    pub module_id: String,
    pub module_title: String,
    pub completed: usize,
    pub learners: usize,
    /// Average best check score among learners who took the check.
    pub average_best: Option<u8>,
}

impl ModuleStat {
    /// The share of learners who completed the module, as a whole percentage.
    pub fn percent(&self) -> u8 {
        (self.completed * 100)
            .checked_div(self.learners)
            .map_or(0, |p| p as u8)
    }
}

impl Team {
    fn summarise(&mut self, report: &Report, module_ids: &mut Ids, track_ids: &mut Ids) -> Member {
        let mut member = Member {
            name: report.name.clone(),
            team: report.team.clone().unwrap_or_default(),
            email: report.email.clone().unwrap_or_default(),
            produced_at: report.produced_at,
            last_activity: report.last_activity.unwrap_or(0),
            ..Member::default()
        };
        for module in &report.modules {
            let i = module_ids.index_of(&mut self.modules, &module.id);
            if member.done.len() <= i {
                member.done.resize(i + 1, 0);
                member.best.resize(i + 1, None);
            }
            member.done[i] = module
                .completed_at
                .map_or(0, |at| (at.div_euclid(DAY_MS) + 1).max(1) as u32);
            member.best[i] = module.best;
        }
        for track in &report.tracks {
            let i = track_ids.index_of(&mut self.tracks, &track.id);
            if member.percent.len() <= i {
                member.percent.resize(i + 1, 0);
                member.expires.resize(i + 1, 0);
            }
            member.percent[i] = track.percent.min(100);
        }
        for certificate in &report.certificates {
            let i = track_ids.index_of(&mut self.tracks, &certificate.track_id);
            if member.expires.len() <= i {
                member.percent.resize(i + 1, 0);
                member.expires.resize(i + 1, 0);
            }
            member.expires[i] = member.expires[i].max(certificate.expires_at);
        }
        member
    }

    /// Takes a learner out, returning what is needed to undo it.
    pub fn remove(&mut self, key: &str) -> Option<(String, Member)> {
        self.members.remove_entry(key)
    }

    /// Puts removed learners back, unless a newer report arrived meanwhile.
    pub fn restore(&mut self, removed: Vec<(String, Member)>) {
        for (key, member) in removed {
            match self.members.get(&key) {
                Some(current) if current.produced_at >= member.produced_at => {}
                _ => {
                    self.members.insert(key, member);
                }
            }
        }
    }

    /// Takes every learner out (due dates stay), returning them for undo.
    pub fn remove_all(&mut self) -> Vec<(String, Member)> {
        std::mem::take(&mut self.members).into_iter().collect()
    }

    /// Sets or clears a track's due date, given as midnight UTC of the date (any moment of that UTC
    /// day is taken as the date itself; see [`parse_day`]).
    pub fn set_due(&mut self, track_id: &str, due: Option<Millis>) {
        match due {
            Some(at) => {
                self.due
                    .insert(track_id.to_owned(), at.div_euclid(DAY_MS) * DAY_MS);
            }
            None => {
                self.due.remove(track_id);
            }
        }
    }

    /// Overdue: the track is not complete and the due date is over in the viewer's calendar, that
    /// is, `now` falls on a later local date in `zone` (the due day ends at local midnight).
    pub fn is_overdue(&self, track_id: &str, percent: u8, now: Millis, zone: &impl Zone) -> bool {
        percent < 100
            && self
                .due
                .get(track_id)
                .is_some_and(|due| local_date(now, zone) > Date::from_millis(*due))
    }

    /// The teams learners named, sorted, without blanks; names with the same [`identity_key`]
    /// (say "Sales" and "sales\u{200B}") are listed once, as first seen.
    pub fn team_names(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        let mut names: Vec<String> = self
            .members
            .values()
            .filter(|m| {
                let key = identity_key(&m.team);
                !key.is_empty() && seen.insert(key)
            })
            .map(|m| m.team.clone())
            .collect();
        names.sort();
        names
    }

    /// One row per learner and track of the pack, with overdue judged in the viewer's `zone`.
    pub fn rows(&self, pack: &Pack, now: Millis, zone: &impl Zone) -> Vec<Row> {
        let module_index: HashMap<&str, usize> = self
            .modules
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let tracks: Vec<(Option<usize>, Vec<Option<usize>>)> = pack
            .tracks
            .iter()
            .map(|t| {
                (
                    self.tracks.iter().position(|id| *id == t.id),
                    t.modules
                        .iter()
                        .map(|m| module_index.get(m.id.as_str()).copied())
                        .collect(),
                )
            })
            .collect();
        let mut rows = Vec::with_capacity(self.members.len() * pack.tracks.len());
        for (key, member) in &self.members {
            let name_lower = identity_key(&member.name);
            for (t, (track_index, modules)) in tracks.iter().enumerate() {
                let percent = track_index
                    .and_then(|i| member.percent.get(i).copied())
                    .unwrap_or(0);
                let expires = track_index
                    .and_then(|i| member.expires.get(i).copied())
                    .unwrap_or(0);
                let done = modules
                    .iter()
                    .filter(|i| i.and_then(|i| member.done.get(i)).is_some_and(|d| *d > 0))
                    .count();
                rows.push(Row {
                    key: key.clone(),
                    name: member.name.clone(),
                    name_key: name_lower.clone(),
                    team: member.team.clone(),
                    email: member.email.clone(),
                    track: t,
                    percent,
                    done,
                    total: modules.len(),
                    last_activity: (member.last_activity > 0).then_some(member.last_activity),
                    cert: cert_status(expires, now),
                    overdue: self.is_overdue(&pack.tracks[t].id, percent, now, zone),
                    source: member.source,
                });
            }
        }
        rows
    }

    /// Per track of the pack: the completion distribution, certified and overdue counts.
    pub fn track_summaries(&self, pack: &Pack, rows: &[Row]) -> Vec<TrackSummary> {
        let mut summaries: Vec<TrackSummary> = pack
            .tracks
            .iter()
            .enumerate()
            .map(|(i, t)| TrackSummary {
                track: i,
                learners: 0,
                buckets: [0; 6],
                certified: 0,
                overdue: 0,
                due: self.due.get(&t.id).copied(),
            })
            .collect();
        for row in rows {
            let Some(s) = summaries.get_mut(row.track) else {
                continue;
            };
            s.learners += 1;
            s.buckets[bucket(row.percent)] += 1;
            s.certified += usize::from(matches!(
                row.cert,
                CertStatus::Valid | CertStatus::ExpiringSoon
            ));
            s.overdue += usize::from(row.overdue);
        }
        summaries
    }

    /// Per module of the pack: how many learners completed it and their average best score.
    pub fn module_stats(&self, pack: &Pack) -> Vec<ModuleStat> {
        let learners = self.members.len();
        let mut stats = Vec::new();
        for (t, track) in pack.tracks.iter().enumerate() {
            for module in &track.modules {
                let index = self.modules.iter().position(|id| *id == module.id);
                let (mut completed, mut scored, mut sum) = (0usize, 0u64, 0u64);
                if let Some(i) = index {
                    for member in self.members.values() {
                        completed += usize::from(member.done.get(i).is_some_and(|d| *d > 0));
                        if let Some(Some(best)) = member.best.get(i) {
                            scored += 1;
                            sum += u64::from(*best);
                        }
                    }
                }
                stats.push(ModuleStat {
                    track: t,
                    module_id: module.id.clone(),
                    module_title: module.title.clone(),
                    completed,
                    learners,
                    average_best: (scored > 0).then(|| ((sum + scored / 2) / scored) as u8),
                });
            }
        }
        stats
    }
}

/// A `YYYY-MM-DD` date input's value, kept as midnight UTC of that date (the stored form of a
/// calendar date); `None` when empty or not a date.
pub fn parse_day(text: &str) -> Option<Millis> {
    Date::parse_iso(text).map(Date::to_millis)
}

fn cert_status(expires: Millis, now: Millis) -> CertStatus {
    if expires == 0 {
        return CertStatus::None;
    }
    match status(expires, now) {
        Status::Valid => CertStatus::Valid,
        Status::ExpiringSoon => CertStatus::ExpiringSoon,
        Status::Expired => CertStatus::Expired,
    }
}

/// One CSV field, quoted when RFC 4180 requires it.
fn csv_field(field: &str, out: &mut String) {
    // A cell that starts like a formula would run as one in a spreadsheet (CSV injection): a leading
    // apostrophe makes Excel and LibreOffice show it as text. Reports come from other people's files.
    let guarded;
    let field = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{field}");
        guarded.as_str()
    } else {
        field
    };
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// RFC 4180 CSV with CRLF line ends, preceded by a UTF-8 byte order mark so that Excel reads it as
/// UTF-8.
pub fn to_csv(lines: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    for line in lines {
        for (i, field) in line.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(field, &mut out);
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests;
