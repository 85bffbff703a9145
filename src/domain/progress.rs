//! Learning progress for one pack: units completed and when, quiz attempts, where the learner left
//! off, and the placement result. Stored per pack id; merged record by record so that two tabs never
//! overwrite each other's work.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::calendar::{local_day_number, Zone};
use super::pack::{Module, Pack, Scenario, Track};
use super::schema::Schema;

/// Milliseconds since the Unix epoch, from the browser's clock.
pub type Millis = i64;

/// Where a quiz's attempts are filed.
pub fn check_key(module_id: &str) -> String {
    format!("check:{module_id}")
}

pub fn scenario_key(scenario_id: &str) -> String {
    format!("scenario:{scenario_id}")
}

pub fn final_key(track_id: &str) -> String {
    format!("final:{track_id}")
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// Unique per attempt, so merging the same attempt from two tabs keeps one copy.
    pub id: String,
    pub at: Millis,
    pub correct: u32,
    pub total: u32,
    /// Each question answered, and whether right: what spaced review turns into cards. Empty in
    /// attempts recorded before review existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<Answer>,
}

/// One question of an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub question: String,
    pub correct: bool,
}

impl Attempt {
    /// Exact comparison of two scores, without floating point.
    fn beats(&self, other: &Attempt) -> bool {
        u64::from(self.correct) * u64::from(other.total.max(1))
            > u64::from(other.correct) * u64::from(self.total.max(1))
    }

    pub fn percent(&self) -> u8 {
        if self.total == 0 {
            0
        } else {
            ((u64::from(self.correct) * 100) / u64::from(self.total)) as u8
        }
    }

    pub fn passes(&self, pass_mark: u8) -> bool {
        self.total > 0
            && u64::from(self.correct) * 100 >= u64::from(pass_mark) * u64::from(self.total)
    }
}

/// The exact spot to continue from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub track: String,
    pub module: String,
    pub unit: String,
    /// How far down the unit the learner had scrolled, from 0 to 1.
    pub scroll: f32,
    pub at: Millis,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlacementRecord {
    pub at: Millis,
    /// The recommended track.
    pub track: String,
    /// Modules the answers suggest the learner already knows.
    pub known_modules: BTreeSet<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub pack_id: String,
    /// The pack version this progress was last used with.
    pub pack_version: String,
    /// Unit id → when it was first completed.
    pub units: BTreeMap<String, Millis>,
    /// Quiz key (see [`check_key`]) → attempts, oldest first.
    pub attempts: BTreeMap<String, Vec<Attempt>>,
    pub position: Option<Position>,
    pub placement: Option<PlacementRecord>,
}

impl Progress {
    pub fn new(pack: &Pack) -> Progress {
        Progress {
            pack_id: pack.id.clone(),
            pack_version: pack.version.clone(),
            ..Progress::default()
        }
    }

    pub fn complete_unit(&mut self, unit_id: &str, at: Millis) {
        self.units.entry(unit_id.to_owned()).or_insert(at);
    }

    pub fn is_unit_complete(&self, unit_id: &str) -> bool {
        self.units.contains_key(unit_id)
    }

    pub fn record_attempt(&mut self, key: &str, attempt: Attempt) {
        let list = self.attempts.entry(key.to_owned()).or_default();
        if !list.iter().any(|a| a.id == attempt.id) {
            list.push(attempt);
            list.sort_by_key(|a| a.at);
        }
    }

    /// The best attempt for a quiz; among equal scores, the earliest.
    pub fn best(&self, key: &str) -> Option<&Attempt> {
        self.attempts
            .get(key)?
            .iter()
            .fold(None, |best, a| match best {
                Some(b) if !a.beats(b) => Some(b),
                _ => Some(a),
            })
    }

    /// Whether some attempt at or after `since` passes; `Millis::MIN` counts every attempt.
    pub fn passed_since(&self, key: &str, pass_mark: u8, since: Millis) -> bool {
        self.attempts
            .get(key)
            .is_some_and(|list| list.iter().any(|a| a.at >= since && a.passes(pass_mark)))
    }

    pub fn attempt_count(&self, key: &str) -> usize {
        self.attempts.get(key).map_or(0, Vec::len)
    }

    pub fn move_to(&mut self, position: Position) {
        if self.position.as_ref().is_none_or(|p| p.at <= position.at) {
            self.position = Some(position);
        }
    }

    /// Combines two copies of the same pack's progress (say, from two tabs) record by record:
    /// every completion and attempt from either survives; the latest position and placement win.
    pub fn merge(&self, other: &Progress) -> Progress {
        let mut merged = self.clone();
        for (unit, at) in &other.units {
            merged
                .units
                .entry(unit.clone())
                .and_modify(|t| *t = (*t).min(*at))
                .or_insert(*at);
        }
        for (key, attempts) in &other.attempts {
            for attempt in attempts {
                merged.record_attempt(key, attempt.clone());
            }
        }
        if let Some(position) = &other.position {
            merged.move_to(position.clone());
        }
        if let Some(theirs) = &other.placement {
            if merged
                .placement
                .as_ref()
                .is_none_or(|ours| ours.at < theirs.at)
            {
                merged.placement = Some(theirs.clone());
            }
        }
        if merged.pack_id.is_empty() {
            merged.pack_id.clone_from(&other.pack_id);
        }
        // The newer pack version wins, so that merging stays independent of order.
        let newer = |v: &str| super::semver::Version::parse(v);
        if newer(&other.pack_version) > newer(&merged.pack_version) {
            merged.pack_version.clone_from(&other.pack_version);
        }
        merged
    }

    /// Whether a module's check is passed at the track's pass mark.
    pub fn check_passed(&self, module: &Module, pass_mark: u8) -> bool {
        self.best(&check_key(&module.id))
            .is_some_and(|a| a.passes(pass_mark))
    }

    /// Whether a scenario exercise is passed at the track's pass mark.
    pub fn scenario_passed(&self, scenario: &Scenario, pass_mark: u8) -> bool {
        self.best(&scenario_key(&scenario.id))
            .is_some_and(|a| a.passes(pass_mark))
    }

    /// What a module still needs: units not read, whether the check is still to pass, and the
    /// scenarios not yet passed. A module is complete when all three are empty, so a learner who
    /// finished a module under an older rule sees exactly what a newer one adds ("one scenario
    /// left"), and keeps everything else.
    pub fn module_remaining<'a>(&self, module: &'a Module, pass_mark: u8) -> Remaining<'a> {
        Remaining {
            units: module
                .units
                .iter()
                .filter(|u| !self.is_unit_complete(&u.id))
                .map(|u| u.id.as_str())
                .collect(),
            check: !self.check_passed(module, pass_mark),
            scenarios: module
                .scenarios
                .iter()
                .filter(|s| !self.scenario_passed(s, pass_mark))
                .map(|s| s.id.as_str())
                .collect(),
        }
    }

    /// Done items of a module: its units, its knowledge check and its scenarios, each counting one.
    pub fn module_items(&self, module: &Module, pass_mark: u8) -> (usize, usize) {
        let left = self.module_remaining(module, pass_mark);
        let total = module.units.len() + 1 + module.scenarios.len();
        (total - left.count(), total)
    }

    pub fn is_module_complete(&self, module: &Module, pass_mark: u8) -> bool {
        self.module_remaining(module, pass_mark).is_empty()
    }

    /// A module's completion as a whole percentage, rounded down.
    pub fn module_percent(&self, module: &Module, pass_mark: u8) -> u8 {
        let (done, total) = self.module_items(module, pass_mark);
        percent(done, total)
    }

    /// A track's completion: all its modules' items together.
    pub fn track_percent(&self, track: &Track) -> u8 {
        let pass_mark = track.certification.pass_mark;
        let (done, total) = track
            .modules
            .iter()
            .map(|m| self.module_items(m, pass_mark))
            .fold((0, 0), |(d, t), (md, mt)| (d + md, t + mt));
        percent(done, total)
    }

    /// Estimated minutes left in a track: unread units, plus the rest of each module's estimate
    /// (the check and exercises) until its check and scenarios are passed.
    pub fn minutes_remaining(&self, track: &Track) -> u32 {
        let pass_mark = track.certification.pass_mark;
        track
            .modules
            .iter()
            .map(|module| {
                let unit_minutes: u32 = module.units.iter().map(|u| u.minutes).sum();
                let unread: u32 = module
                    .units
                    .iter()
                    .filter(|u| !self.is_unit_complete(&u.id))
                    .map(|u| u.minutes)
                    .sum();
                let left = self.module_remaining(module, pass_mark);
                let practice = if !left.check && left.scenarios.is_empty() {
                    0
                } else {
                    module.minutes.saturating_sub(unit_minutes)
                };
                unread + practice
            })
            .sum()
    }

    /// Every moment the learner did something, for recent activity and streaks.
    pub fn activity(&self) -> Vec<Millis> {
        let mut times: Vec<Millis> = self.units.values().copied().collect();
        times.extend(self.attempts.values().flatten().map(|a| a.at));
        times.sort_unstable();
        times
    }

    /// Consecutive local days with activity, ending today (or yesterday, so a streak is not lost
    /// before today's session). Each instant is placed on the learner's calendar with the offset
    /// `zone` gives for that instant, so a daylight-saving change between two days moves nothing.
    pub fn streak_days(&self, now: Millis, zone: &impl Zone) -> u32 {
        let day = |t: Millis| local_day_number(t, zone);
        let days: BTreeSet<i64> = self.activity().into_iter().map(day).collect();
        let today = day(now);
        let mut cursor = if days.contains(&today) {
            today
        } else if days.contains(&(today - 1)) {
            today - 1
        } else {
            return 0;
        };
        let mut streak = 0;
        while days.contains(&cursor) {
            streak += 1;
            cursor -= 1;
        }
        streak
    }

    /// Prerequisite modules of `module` that are not complete yet. A module with any is shown as
    /// locked, though learners may still preview it.
    pub fn missing_prerequisites<'a>(&self, pack: &'a Pack, module: &Module) -> Vec<&'a Module> {
        module
            .prerequisites
            .iter()
            .filter_map(|id| pack.find_module(id))
            .filter(|(track, m)| !self.is_module_complete(m, track.certification.pass_mark))
            .map(|(_, m)| m)
            .collect()
    }

    /// Progress kept for ids the pack no longer has. It is never deleted; the learner is told.
    pub fn orphans(&self, pack: &Pack) -> Orphans {
        let units: BTreeSet<&str> = pack
            .tracks
            .iter()
            .flat_map(|t| &t.modules)
            .flat_map(|m| &m.units)
            .map(|u| u.id.as_str())
            .collect();
        let mut quizzes: BTreeSet<String> = BTreeSet::new();
        for track in &pack.tracks {
            quizzes.insert(final_key(&track.id));
            for module in &track.modules {
                quizzes.insert(check_key(&module.id));
                quizzes.extend(module.scenarios.iter().map(|s| scenario_key(&s.id)));
            }
        }
        Orphans {
            units: self
                .units
                .keys()
                .filter(|id| !units.contains(id.as_str()))
                .cloned()
                .collect(),
            quizzes: self
                .attempts
                .keys()
                .filter(|key| !quizzes.contains(*key))
                .cloned()
                .collect(),
        }
    }
}

/// Stored as `fluency.progress.<pack id>`.
impl Schema for Progress {
    const KEY: &'static str = "progress";
    const VERSION: u32 = 1;
}

/// What a module still needs, from [`Progress::module_remaining`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Remaining<'a> {
    /// Ids of the units not yet read, in the module's order.
    pub units: Vec<&'a str>,
    /// Whether the knowledge check is still to pass.
    pub check: bool,
    /// Ids of the scenarios not yet passed, in the module's order.
    pub scenarios: Vec<&'a str>,
}

impl Remaining<'_> {
    /// How many items are left.
    pub fn count(&self) -> usize {
        self.units.len() + usize::from(self.check) + self.scenarios.len()
    }

    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }
}

/// Records that refer to ids missing from the current pack.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Orphans {
    pub units: Vec<String>,
    pub quizzes: Vec<String>,
}

impl Orphans {
    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.quizzes.is_empty()
    }
}

/// Where "continue where you left off" leads: a unit of the pack, and whether to restore the
/// reading position saved for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resume {
    pub track: String,
    pub module: String,
    pub unit: String,
    /// The learner left this unit unfinished: reopen it at the saved scroll position.
    pub at_position: bool,
}

/// Where the learner picks up: the unit they were last reading, while it is unfinished; once it
/// is complete, the next unfinished unit of the same track in reading order (its modules in order,
/// each module's units in order), wrapping round to units skipped earlier in the track. `None` with
/// no saved position, when the position names a unit this pack does not have there, or when every
/// unit of that track is complete (the path then shows what comes next).
pub fn resume_target(pack: &Pack, progress: &Progress) -> Option<Resume> {
    let position = progress.position.as_ref()?;
    let track = pack.track(&position.track)?;
    let order: Vec<(&str, &str)> = track
        .modules
        .iter()
        .flat_map(|m| m.units.iter().map(move |u| (m.id.as_str(), u.id.as_str())))
        .collect();
    let here = order
        .iter()
        .position(|&(m, u)| m == position.module && u == position.unit)?;
    let resume = |(module, unit): (&str, &str), at_position| Resume {
        track: track.id.clone(),
        module: module.to_owned(),
        unit: unit.to_owned(),
        at_position,
    };
    if !progress.is_unit_complete(&position.unit) {
        return Some(resume(order[here], true));
    }
    order[here + 1..]
        .iter()
        .chain(&order[..here])
        .find(|(_, unit)| !progress.is_unit_complete(unit))
        .map(|&next| resume(next, false))
}

/// How a module's reading starts, for its main button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadingStart<'a> {
    /// No unit is complete yet: the first unit.
    Start(&'a str),
    /// Some units are complete: the first one that is not.
    Continue(&'a str),
    /// Every unit is complete: the first unit, to read again.
    Again(&'a str),
}

/// Which unit a module's main reading button opens ([`ReadingStart`]); `None` for a module with no
/// units.
pub fn reading_start<'a>(module: &'a Module, progress: &Progress) -> Option<ReadingStart<'a>> {
    let first = module.units.first()?.id.as_str();
    let done = |id: &str| progress.is_unit_complete(id);
    Some(
        match module
            .units
            .iter()
            .find(|u| !done(&u.id))
            .map(|u| u.id.as_str())
        {
            Some(next) if next == first => ReadingStart::Start(first),
            Some(next) => ReadingStart::Continue(next),
            None => ReadingStart::Again(first),
        },
    )
}

fn percent(done: usize, total: usize) -> u8 {
    (done * 100).checked_div(total).unwrap_or(0) as u8
}

#[cfg(test)]
mod tests;
