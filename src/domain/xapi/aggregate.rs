//! A manager's statements, page by page, turned into one progress report per learner: the same
//! [`Report`] a learner's signed file carries, so the Team page's roster, charts, bottlenecks,
//! due dates and CSV treat both sources alike.
//!
//! Each statement Fluency sent names its item through its grouping activity
//! ([`Vocabulary::grouping`]); units, check, scenario and final attempts and certificates rebuild
//! the learner's [`Progress`], and module completion and track percentages then follow the pack's
//! rules exactly as they do for a report file. Statements from other tools, other packs or
//! outside the date range are counted and left out.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::super::credential::Certificates;
use super::super::pack::Pack;
use super::super::progress::{check_key, final_key, scenario_key, Attempt, Millis, Progress};
use super::super::report::{CertificateReport, Report, Sharer};
use super::lrs::ReadError;
use super::parse_timestamp;
use super::statement::{ActivityKind, Extension, Verb, Vocabulary};

#[derive(Deserialize)]
struct Page {
    statements: Vec<ReadStatement>,
    #[serde(default)]
    more: Option<String>,
}

#[derive(Deserialize)]
struct ReadStatement {
    #[serde(default)]
    id: String,
    actor: ReadAgent,
    verb: IdOnly,
    #[serde(default)]
    result: Option<ReadResult>,
    #[serde(default)]
    context: Option<ReadContext>,
    #[serde(default)]
    timestamp: Option<String>,
}

#[derive(Deserialize)]
struct ReadAgent {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    mbox: Option<String>,
    #[serde(default)]
    account: Option<ReadAccount>,
}

#[derive(Deserialize)]
struct ReadAccount {
    #[serde(rename = "homePage", default)]
    home_page: String,
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

#[derive(Deserialize)]
struct ReadScore {
    #[serde(default)]
    scaled: Option<f64>,
    #[serde(default)]
    raw: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
}

#[derive(Deserialize)]
struct ReadResult {
    #[serde(default)]
    score: Option<ReadScore>,
    #[serde(default)]
    success: Option<bool>,
    #[serde(default)]
    extensions: HashMap<String, Value>,
}

/// xAPI 1.0.0 allowed a single activity where 1.0.3 has a list; LRSs may return either.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    Many(Vec<IdOnly>),
    One(IdOnly),
}

#[derive(Deserialize)]
struct ReadContextActivities {
    #[serde(default)]
    grouping: Option<OneOrMany>,
}

#[derive(Deserialize)]
struct ReadContext {
    #[serde(rename = "contextActivities", default)]
    context_activities: Option<ReadContextActivities>,
    #[serde(default)]
    extensions: HashMap<String, Value>,
}

/// One learner's records so far.
#[derive(Debug, Default)]
struct LearnerRecords {
    progress: Progress,
    certificates: Vec<CertificateReport>,
    name: String,
    email: String,
    team: String,
    /// The newest statement's time: a newer report file or load replaces this one.
    latest: Millis,
}

/// Counts for the manager.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Statements read from the LRS.
    pub statements: usize,
    /// Of those, the ones that counted towards a learner's progress.
    pub used: usize,
    /// Pages fetched.
    pub pages: usize,
}

/// Statements accumulated page by page for one pack and date range.
pub struct TeamLoad {
    vocabulary: Vocabulary,
    pack_id: String,
    since: Option<Millis>,
    until: Option<Millis>,
    learner_key: String,
    team_key: String,
    certificate_key: String,
    expires_key: String,
    learners: HashMap<String, LearnerRecords>,
    pub counts: Counts,
}

impl TeamLoad {
    /// A load of `pack_id`'s statements made after `since` and up to `until` (milliseconds since
    /// the epoch; `None` for no bound), as the LRS's own filter may be on storage time.
    pub fn new(
        vocabulary: Vocabulary,
        pack_id: &str,
        since: Option<Millis>,
        until: Option<Millis>,
    ) -> TeamLoad {
        TeamLoad {
            learner_key: vocabulary.extension(Extension::LearnerKey),
            team_key: vocabulary.extension(Extension::Team),
            certificate_key: vocabulary.extension(Extension::CertificateId),
            expires_key: vocabulary.extension(Extension::Expires),
            vocabulary,
            pack_id: pack_id.to_owned(),
            since,
            until,
            learners: HashMap::new(),
            counts: Counts::default(),
        }
    }

    /// Reads one page (an xAPI StatementResult) and returns its `more` link, if any, as given.
    pub fn add_page(&mut self, body: &str) -> Result<Option<String>, ReadError> {
        let page: Page =
            serde_json::from_str(body).map_err(|e| ReadError::Malformed(e.to_string()))?;
        self.counts.pages += 1;
        self.counts.statements += page.statements.len();
        for statement in page.statements {
            if self.add(statement) {
                self.counts.used += 1;
            }
        }
        Ok(page.more.filter(|m| !m.trim().is_empty()))
    }

    /// Files one statement; false when it says nothing about this pack's progress.
    fn add(&mut self, s: ReadStatement) -> bool {
        let Some(at) = s.timestamp.as_deref().and_then(parse_timestamp) else {
            return false;
        };
        if self.since.is_some_and(|since| at <= since) || self.until.is_some_and(|until| at > until)
        {
            return false;
        }
        let Some(verb) = Verb::from_iri(&s.verb.id) else {
            return false;
        };
        let context = s.context.as_ref();
        let groupings: Vec<&str> = match context
            .and_then(|c| c.context_activities.as_ref())
            .and_then(|a| a.grouping.as_ref())
        {
            Some(OneOrMany::Many(list)) => list.iter().map(|a| a.id.as_str()).collect(),
            Some(OneOrMany::One(one)) => vec![one.id.as_str()],
            None => Vec::new(),
        };
        let Some((kind, item)) = groupings.iter().find_map(|iri| {
            self.vocabulary
                .parse_grouping(iri)
                .filter(|(pack, _, _)| *pack == self.pack_id)
                .map(|(_, kind, item)| (kind, item.to_owned()))
        }) else {
            return false;
        };
        let text = |map: Option<&HashMap<String, Value>>, key: &str| {
            map.and_then(|m| m.get(key))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        let extensions = context.map(|c| &c.extensions);
        let mbox = s
            .actor
            .mbox
            .as_deref()
            .map(|m| m.trim_start_matches("mailto:").to_owned());
        let key = text(extensions, &self.learner_key).unwrap_or_else(|| {
            match (&mbox, &s.actor.account) {
                (Some(address), _) => format!("mailto:{address}"),
                (None, Some(account)) => format!("account:{}#{}", account.home_page, account.name),
                (None, None) => String::new(),
            }
        });
        if key.is_empty() {
            return false;
        }
        let attempt = |s: &ReadStatement| -> Attempt {
            let score = s.result.as_ref().and_then(|r| r.score.as_ref());
            let (correct, total) = match score {
                Some(ReadScore {
                    raw: Some(raw),
                    max: Some(max),
                    ..
                }) if *max > 0.0 => (raw.max(0.0).round() as u32, max.round() as u32),
                Some(ReadScore {
                    scaled: Some(scaled),
                    ..
                }) => ((scaled.clamp(0.0, 1.0) * 100.0).round() as u32, 100),
                _ => {
                    let success = s.result.as_ref().and_then(|r| r.success);
                    (u32::from(success.unwrap_or(verb == Verb::Passed)), 1)
                }
            };
            Attempt {
                id: s.id.clone(),
                at,
                correct,
                total,
                answers: Vec::new(),
            }
        };
        let learner = self.learners.entry(key).or_default();
        match (kind, verb) {
            (ActivityKind::Unit, Verb::Completed) => {
                learner
                    .progress
                    .units
                    .entry(item)
                    .and_modify(|t| *t = (*t).min(at))
                    .or_insert(at);
            }
            (ActivityKind::Check, Verb::Passed | Verb::Failed) => {
                learner
                    .progress
                    .record_attempt(&check_key(&item), attempt(&s));
            }
            (ActivityKind::Scenario, Verb::Passed | Verb::Failed) => {
                learner
                    .progress
                    .record_attempt(&scenario_key(&item), attempt(&s));
            }
            (ActivityKind::Final, Verb::Passed | Verb::Failed) => {
                learner
                    .progress
                    .record_attempt(&final_key(&item), attempt(&s));
            }
            (ActivityKind::Certificate, Verb::Earned) => {
                let results = s.result.as_ref().map(|r| &r.extensions);
                let id = text(results, &self.certificate_key).unwrap_or_else(|| s.id.clone());
                let expires_at = text(results, &self.expires_key)
                    .as_deref()
                    .and_then(parse_timestamp)
                    .unwrap_or(0);
                if !learner.certificates.iter().any(|c| c.id == id) {
                    learner.certificates.push(CertificateReport {
                        expires_at,
                        id,
                        issued_at: at,
                        track_id: item,
                    });
                }
            }
            // Module completion follows from the parts, under the pack's current rules.
            (ActivityKind::Module, Verb::Completed) => {}
            _ => return false,
        }
        if at >= learner.latest {
            learner.latest = at;
            if let Some(name) = s.actor.name.as_deref().filter(|n| !n.trim().is_empty()) {
                learner.name = name.to_owned();
            } else if learner.name.is_empty() {
                learner.name = s
                    .actor
                    .account
                    .as_ref()
                    .map(|a| a.name.clone())
                    .or_else(|| mbox.clone())
                    .unwrap_or_default();
            }
            if let Some(address) = &mbox {
                learner.email.clone_from(address);
            }
            if let Some(team) = text(extensions, &self.team_key) {
                learner.team = team;
            }
        }
        true
    }

    /// How many learners the statements so far are about.
    pub fn learner_count(&self) -> usize {
        self.learners.len()
    }

    /// One report per learner, as if each had shared a file made at their newest statement.
    pub fn reports(&self, pack: &Pack) -> Vec<Report> {
        let mut reports: Vec<Report> = self
            .learners
            .iter()
            .map(|(key, records)| {
                let sharer = Sharer {
                    name: records.name.clone(),
                    team: records.team.clone(),
                    email: records.email.clone(),
                };
                let mut progress = records.progress.clone();
                progress.pack_id.clone_from(&pack.id);
                let mut report = Report::build(
                    pack,
                    &progress,
                    &Certificates::default(),
                    &sharer,
                    records.latest,
                );
                report.learner.clone_from(key);
                report.certificates = records.certificates.clone();
                report
                    .certificates
                    .sort_by(|a, b| (a.issued_at, &a.id).cmp(&(b.issued_at, &b.id)));
                report
            })
            .collect();
        reports.sort_by(|a, b| a.learner.cmp(&b.learner));
        reports
    }
}
