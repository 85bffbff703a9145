//! The xAPI 1.0.3 statements Fluency sends, built from the learner's progress and certificates.
//!
//! | kind | verb | object |
//! |---|---|---|
//! | unit completed | ADL `completed` | the unit (`lesson`) |
//! | check passed or failed | ADL `passed` / `failed`, with a scaled score | the module's check (`assessment`) |
//! | scenario passed or failed | ADL `passed` / `failed`, with a scaled score | the scenario (`simulation`) |
//! | module completed | ADL `completed` | the module (`module`) |
//! | track final passed or failed | ADL `passed` / `failed`, with a scaled score | the track's final (`assessment`) |
//! | certificate issued | `http://id.tincanapi.com/verb/earned`, with the verify link | the track's certificate |
//!
//! Activity ids are IRIs `{base}/xapi/activities/{pack}/{version}/{language}/{kind}/{item}`; each
//! statement also carries `{base}/xapi/activities/{pack}/{kind}/{item}` and the pack's own
//! `{base}/xapi/activities/{pack}` in `context.contextActivities.grouping`, which stay the same
//! across versions and languages: what a manager queries. The statement id is a name-based UUID
//! ([`super::statement_uuid`]) of the learner's key and the record, so building the same record
//! again gives the same statement, and a resend is never a duplicate.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::super::credential::{Certificates, SignedCertificate};
use super::super::pack::{Module, Pack, Track};
use super::super::progress::{check_key, final_key, scenario_key, Attempt, Millis, Progress};
use super::super::report::completed_at;
use super::consent::{Identity, Learner};
use super::{iso_timestamp, statement_uuid};

/// What `context.platform` says.
pub const PLATFORM: &str = "Fluency";

/// The kinds of statement, in the order the consent screen lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    UnitCompleted,
    CheckResult,
    ScenarioResult,
    ModuleCompleted,
    FinalResult,
    CertificateIssued,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::UnitCompleted,
        Kind::CheckResult,
        Kind::ScenarioResult,
        Kind::ModuleCompleted,
        Kind::FinalResult,
        Kind::CertificateIssued,
    ];
}

/// The verbs Fluency uses: ADL's (which cmi5 uses too) and, for certificates, the xAPI
/// vocabulary's `earned`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Completed,
    Passed,
    Failed,
    Earned,
}

impl Verb {
    pub fn iri(self) -> &'static str {
        match self {
            Verb::Completed => "http://adlnet.gov/expapi/verbs/completed",
            Verb::Passed => "http://adlnet.gov/expapi/verbs/passed",
            Verb::Failed => "http://adlnet.gov/expapi/verbs/failed",
            Verb::Earned => "http://id.tincanapi.com/verb/earned",
        }
    }

    /// The verb's display in both of the app's languages.
    fn display(self) -> BTreeMap<String, String> {
        let (en, zh) = match self {
            Verb::Completed => ("completed", "完成了"),
            Verb::Passed => ("passed", "通过了"),
            Verb::Failed => ("failed", "未通过"),
            Verb::Earned => ("earned", "获得了"),
        };
        BTreeMap::from([
            ("en-US".to_owned(), en.to_owned()),
            ("zh-CN".to_owned(), zh.to_owned()),
        ])
    }

    /// The verb an IRI names, if it is one of Fluency's.
    pub fn from_iri(iri: &str) -> Option<Verb> {
        [Verb::Completed, Verb::Passed, Verb::Failed, Verb::Earned]
            .into_iter()
            .find(|v| v.iri() == iri)
    }
}

/// What an activity is, as the segment in its IRI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityKind {
    Unit,
    Check,
    Scenario,
    Module,
    Track,
    Final,
    Certificate,
}

impl ActivityKind {
    const ALL: [ActivityKind; 7] = [
        ActivityKind::Unit,
        ActivityKind::Check,
        ActivityKind::Scenario,
        ActivityKind::Module,
        ActivityKind::Track,
        ActivityKind::Final,
        ActivityKind::Certificate,
    ];

    /// The IRI segment.
    pub fn segment(self) -> &'static str {
        match self {
            ActivityKind::Unit => "unit",
            ActivityKind::Check => "check",
            ActivityKind::Scenario => "scenario",
            ActivityKind::Module => "module",
            ActivityKind::Track => "track",
            ActivityKind::Final => "final",
            ActivityKind::Certificate => "certificate",
        }
    }

    /// `definition.type`: ADL's activity types where one fits.
    fn type_iri(self, vocabulary: &Vocabulary) -> String {
        match self {
            ActivityKind::Unit => "http://adlnet.gov/expapi/activities/lesson".to_owned(),
            ActivityKind::Check | ActivityKind::Final => {
                "http://adlnet.gov/expapi/activities/assessment".to_owned()
            }
            ActivityKind::Scenario => "http://adlnet.gov/expapi/activities/simulation".to_owned(),
            ActivityKind::Module => "http://adlnet.gov/expapi/activities/module".to_owned(),
            ActivityKind::Track => "http://adlnet.gov/expapi/activities/course".to_owned(),
            ActivityKind::Certificate => {
                format!("{}/xapi/activity-types/certificate", vocabulary.base)
            }
        }
    }

    /// The label put before an item's title in an activity's name, in a content language.
    fn label(self, language: &str) -> Option<&'static str> {
        let chinese = language.starts_with("zh");
        match self {
            ActivityKind::Check => Some(if chinese {
                "知识检查："
            } else {
                "Knowledge check: "
            }),
            ActivityKind::Final => Some(if chinese {
                "结业测评："
            } else {
                "Final assessment: "
            }),
            ActivityKind::Certificate => Some(if chinese {
                "证书："
            } else {
                "Certificate: "
            }),
            _ => None,
        }
    }

    fn from_segment(segment: &str) -> Option<ActivityKind> {
        ActivityKind::ALL
            .into_iter()
            .find(|k| k.segment() == segment)
    }
}

/// Fluency's extensions: IRIs under the activity base, documented in docs/xapi.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extension {
    /// `context.extensions`: the learner's `did:key`, which also signs their certificates and reports.
    LearnerKey,
    /// `context.extensions`: the team the learner named.
    Team,
    /// `result.extensions`: the certificate's verify link.
    VerifyLink,
    /// `result.extensions`: the certificate's id.
    CertificateId,
    /// `result.extensions`: when the certificate expires (an xAPI timestamp).
    Expires,
}

impl Extension {
    fn segment(self) -> &'static str {
        match self {
            Extension::LearnerKey => "learner-key",
            Extension::Team => "team",
            Extension::VerifyLink => "verify-link",
            Extension::CertificateId => "certificate-id",
            Extension::Expires => "expires",
        }
    }
}

/// The organisation's IRIs for activities, types and extensions, under its activity base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vocabulary {
    base: String,
}

impl Vocabulary {
    /// `base`: an absolute address without a trailing slash (the config's `activityBase`).
    pub fn new(base: &str) -> Vocabulary {
        Vocabulary {
            base: base.trim_end_matches('/').to_owned(),
        }
    }

    fn activities(&self) -> String {
        format!("{}/xapi/activities/", self.base)
    }

    /// The pack's version- and language-free activity: what a manager queries with
    /// `related_activities`.
    pub fn pack_activity(&self, pack_id: &str) -> String {
        format!("{}{pack_id}", self.activities())
    }

    /// An item's activity id in one version and language of the pack.
    pub fn activity(&self, pack: &Pack, kind: ActivityKind, item: &str) -> String {
        format!(
            "{}{}/{}/{}/{}/{item}",
            self.activities(),
            pack.id,
            pack.version,
            pack.language,
            kind.segment()
        )
    }

    /// An item's version- and language-free activity id, for `grouping`.
    pub fn grouping(&self, pack_id: &str, kind: ActivityKind, item: &str) -> String {
        format!("{}{pack_id}/{}/{item}", self.activities(), kind.segment())
    }

    /// Reads a [`Vocabulary::grouping`] id back: the pack, kind and item, or `None` for any other IRI.
    pub fn parse_grouping<'a>(&self, iri: &'a str) -> Option<(&'a str, ActivityKind, &'a str)> {
        let rest = iri.strip_prefix(self.activities().as_str())?;
        let mut parts = rest.split('/');
        let (pack, kind, item) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || item.is_empty() {
            return None;
        }
        Some((pack, ActivityKind::from_segment(kind)?, item))
    }

    pub fn extension(&self, extension: Extension) -> String {
        format!("{}/xapi/extensions/{}", self.base, extension.segment())
    }
}

/// `actor.account`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    #[serde(rename = "homePage")]
    pub home_page: String,
    pub name: String,
}

/// `actor`: an Agent identified by an account or, when the learner chose it, an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    #[serde(rename = "objectType")]
    pub object_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mbox: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<Account>,
}

impl Agent {
    /// The learner as an Agent; `home_page` is the organisation's `accountHomePage`.
    pub fn of(learner: &Learner, home_page: &str) -> Agent {
        let (mbox, account) = match &learner.identity {
            Identity::Account { name } => (
                None,
                Some(Account {
                    home_page: home_page.to_owned(),
                    name: name.clone(),
                }),
            ),
            Identity::Email { address } => (Some(format!("mailto:{address}")), None),
        };
        Agent {
            object_type: "Agent".to_owned(),
            name: (!learner.display_name.is_empty()).then(|| learner.display_name.clone()),
            mbox,
            account,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbRef {
    pub id: String,
    pub display: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definition {
    #[serde(rename = "type")]
    pub activity_type: String,
    /// Language tag → name, one per edition of the pack.
    pub name: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    #[serde(rename = "objectType")]
    pub object_type: String,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Definition>,
}

impl Activity {
    fn bare(id: String) -> Activity {
        Activity {
            object_type: "Activity".to_owned(),
            id,
            definition: None,
        }
    }
}

/// `result.score`: `scaled` is `raw / max`, between 0 and 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub scaled: f64,
    pub raw: u32,
    pub min: u32,
    pub max: u32,
}

impl Score {
    /// The score of `correct` answers out of `total`.
    pub fn of(correct: u32, total: u32) -> Score {
        let correct = correct.min(total);
        Score {
            scaled: if total == 0 {
                0.0
            } else {
                f64::from(correct) / f64::from(total)
            },
            raw: correct,
            min: 0,
            max: total,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<bool>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextActivities {
    pub parent: Vec<Activity>,
    pub grouping: Vec<Activity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Context {
    /// The pack's version: xAPI's "revision of the learning activity".
    pub revision: String,
    pub platform: String,
    /// The content language (the pack's).
    pub language: String,
    #[serde(rename = "contextActivities")]
    pub context_activities: ContextActivities,
    pub extensions: BTreeMap<String, Value>,
}

/// One xAPI statement, as sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub id: String,
    pub actor: Agent,
    pub verb: VerbRef,
    pub object: Activity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<StatementResult>,
    pub context: Context,
    /// When the learner did it, not when it was sent.
    pub timestamp: String,
}

/// A statement with what the outbox needs to know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    pub id: String,
    pub kind: Kind,
    /// When the learner did it.
    pub at: Millis,
    pub statement: Statement,
}

/// Who sends: the learner as they confirmed it, their key, and the organisation's home page.
#[derive(Debug, Clone, Copy)]
pub struct Sender<'a> {
    pub learner: &'a Learner,
    /// The learner's `did:key`. With the record it names each statement id.
    pub key: &'a str,
    /// `actor.account.homePage`.
    pub home_page: &'a str,
}

/// Everything a learner did that statements are built from.
#[derive(Debug, Clone, Copy)]
pub struct Records<'a> {
    /// The pack the progress belongs to.
    pub pack: &'a Pack,
    /// Every edition of the pack the app has (the pack itself included), for activity names in
    /// each language.
    pub editions: &'a [&'a Pack],
    pub progress: &'a Progress,
    pub certificates: &'a Certificates,
    /// The site's origin, for certificates' verify links.
    pub site_origin: &'a str,
}

/// Builds one statement.
struct Builder<'a> {
    records: Records<'a>,
    sender: Sender<'a>,
    vocabulary: &'a Vocabulary,
}

/// One thing to say about an activity.
struct Said<'a> {
    kind: Kind,
    record: String,
    at: Millis,
    verb: Verb,
    activity: ActivityKind,
    item: &'a str,
    /// The item's title in an edition; `None` falls back to the item id.
    title: &'a dyn Fn(&Pack) -> Option<String>,
    parent: (ActivityKind, &'a str),
    result: Option<StatementResult>,
}

impl Builder<'_> {
    fn build(&self, said: Said<'_>) -> Built {
        let pack = self.records.pack;
        let v = self.vocabulary;
        let mut name = BTreeMap::new();
        for edition in self.records.editions.iter().copied().chain([pack]) {
            let title = (said.title)(edition).unwrap_or_else(|| said.item.to_owned());
            let label = said.activity.label(&edition.language).unwrap_or("");
            name.entry(edition.language.clone())
                .or_insert_with(|| format!("{label}{title}"));
        }
        let mut extensions = BTreeMap::new();
        extensions.insert(
            v.extension(Extension::LearnerKey),
            Value::String(self.sender.key.to_owned()),
        );
        if !self.sender.learner.team.is_empty() {
            extensions.insert(
                v.extension(Extension::Team),
                Value::String(self.sender.learner.team.clone()),
            );
        }
        let id = statement_uuid(&format!("{}\n{}", self.sender.key, said.record));
        Built {
            id: id.clone(),
            kind: said.kind,
            at: said.at,
            statement: Statement {
                id,
                actor: Agent::of(self.sender.learner, self.sender.home_page),
                verb: VerbRef {
                    id: said.verb.iri().to_owned(),
                    display: said.verb.display(),
                },
                object: Activity {
                    object_type: "Activity".to_owned(),
                    id: v.activity(pack, said.activity, said.item),
                    definition: Some(Definition {
                        activity_type: said.activity.type_iri(v),
                        name,
                    }),
                },
                result: said.result,
                context: Context {
                    revision: pack.version.clone(),
                    platform: PLATFORM.to_owned(),
                    language: pack.language.clone(),
                    context_activities: ContextActivities {
                        parent: vec![Activity::bare(v.activity(
                            pack,
                            said.parent.0,
                            said.parent.1,
                        ))],
                        grouping: vec![
                            Activity::bare(v.grouping(&pack.id, said.activity, said.item)),
                            Activity::bare(v.pack_activity(&pack.id)),
                        ],
                    },
                    extensions,
                },
                timestamp: iso_timestamp(said.at),
            },
        }
    }

    fn unit(&self, track: &Track, module: &Module, unit_id: &str, at: Millis) -> Built {
        let (t, m) = (track.id.clone(), module.id.clone());
        let title = move |p: &Pack| {
            let module = p.track(&t)?.module(&m)?;
            module.unit(unit_id).map(|(_, u)| u.title.clone())
        };
        self.build(Said {
            kind: Kind::UnitCompleted,
            record: format!("unit\n{}\n{unit_id}", self.records.pack.id),
            at,
            verb: Verb::Completed,
            activity: ActivityKind::Unit,
            item: unit_id,
            title: &title,
            parent: (ActivityKind::Module, &module.id),
            result: Some(StatementResult {
                score: None,
                success: None,
                completion: Some(true),
                extensions: BTreeMap::new(),
            }),
        })
    }

    fn scored(attempt: &Attempt, pass_mark: u8) -> (Verb, StatementResult) {
        let passed = attempt.passes(pass_mark);
        (
            if passed { Verb::Passed } else { Verb::Failed },
            StatementResult {
                score: Some(Score::of(attempt.correct, attempt.total)),
                success: Some(passed),
                completion: Some(true),
                extensions: BTreeMap::new(),
            },
        )
    }

    fn check(&self, track: &Track, module: &Module, attempt: &Attempt) -> Built {
        let (verb, result) = Self::scored(attempt, track.certification.pass_mark);
        let m = module.id.clone();
        let title = move |p: &Pack| p.find_module(&m).map(|(_, m)| m.title.clone());
        self.build(Said {
            kind: Kind::CheckResult,
            record: format!(
                "attempt\n{}\n{}\n{}",
                self.records.pack.id,
                check_key(&module.id),
                attempt.id
            ),
            at: attempt.at,
            verb,
            activity: ActivityKind::Check,
            item: &module.id,
            title: &title,
            parent: (ActivityKind::Module, &module.id),
            result: Some(result),
        })
    }

    fn scenario(
        &self,
        track: &Track,
        module: &Module,
        scenario_id: &str,
        attempt: &Attempt,
    ) -> Built {
        let (verb, result) = Self::scored(attempt, track.certification.pass_mark);
        let m = module.id.clone();
        let title = move |p: &Pack| {
            let (_, module) = p.find_module(&m)?;
            module
                .scenarios
                .iter()
                .find(|s| s.id == scenario_id)
                .map(|s| s.title.clone())
        };
        self.build(Said {
            kind: Kind::ScenarioResult,
            record: format!(
                "attempt\n{}\n{}\n{}",
                self.records.pack.id,
                scenario_key(scenario_id),
                attempt.id
            ),
            at: attempt.at,
            verb,
            activity: ActivityKind::Scenario,
            item: scenario_id,
            title: &title,
            parent: (ActivityKind::Module, &module.id),
            result: Some(result),
        })
    }

    fn module(&self, track: &Track, module: &Module, at: Millis) -> Built {
        let m = module.id.clone();
        let title = move |p: &Pack| p.find_module(&m).map(|(_, m)| m.title.clone());
        self.build(Said {
            kind: Kind::ModuleCompleted,
            record: format!("module\n{}\n{}", self.records.pack.id, module.id),
            at,
            verb: Verb::Completed,
            activity: ActivityKind::Module,
            item: &module.id,
            title: &title,
            parent: (ActivityKind::Track, &track.id),
            result: Some(StatementResult {
                score: None,
                success: None,
                completion: Some(true),
                extensions: BTreeMap::new(),
            }),
        })
    }

    fn track_title(track_id: &str) -> impl Fn(&Pack) -> Option<String> + '_ {
        move |p: &Pack| p.track(track_id).map(|t| t.title.clone())
    }

    fn final_attempt(&self, track: &Track, attempt: &Attempt) -> Built {
        let (verb, result) = Self::scored(attempt, track.certification.pass_mark);
        let title = Self::track_title(&track.id);
        self.build(Said {
            kind: Kind::FinalResult,
            record: format!(
                "attempt\n{}\n{}\n{}",
                self.records.pack.id,
                final_key(&track.id),
                attempt.id
            ),
            at: attempt.at,
            verb,
            activity: ActivityKind::Final,
            item: &track.id,
            title: &title,
            parent: (ActivityKind::Track, &track.id),
            result: Some(result),
        })
    }

    fn certificate(&self, certificate: &SignedCertificate) -> Built {
        let claims = &certificate.claims;
        let v = self.vocabulary;
        let fallback = claims.track_title.clone();
        let track_id = claims.track_id.as_str();
        let title = move |p: &Pack| {
            Some(
                p.track(track_id)
                    .map_or_else(|| fallback.clone(), |t| t.title.clone()),
            )
        };
        let extensions = BTreeMap::from([
            (
                v.extension(Extension::CertificateId),
                Value::String(claims.id.clone()),
            ),
            (
                v.extension(Extension::Expires),
                Value::String(iso_timestamp(claims.expires_at)),
            ),
            (
                v.extension(Extension::VerifyLink),
                Value::String(format!(
                    "{}/verify#{}",
                    self.records.site_origin,
                    certificate.to_fragment()
                )),
            ),
        ]);
        self.build(Said {
            kind: Kind::CertificateIssued,
            record: format!("certificate\n{}", claims.id),
            at: claims.issued_at,
            verb: Verb::Earned,
            activity: ActivityKind::Certificate,
            item: track_id,
            title: &title,
            parent: (ActivityKind::Track, track_id),
            result: Some(StatementResult {
                score: None,
                success: Some(true),
                completion: Some(true),
                extensions,
            }),
        })
    }
}

/// Every statement the records call for that happened at or after `since`, oldest first (ties in
/// the order of [`Kind::ALL`]). Records for ids the pack no longer has are left out.
pub fn statements(
    records: Records<'_>,
    sender: Sender<'_>,
    vocabulary: &Vocabulary,
    since: Millis,
) -> Vec<Built> {
    let builder = Builder {
        records,
        sender,
        vocabulary,
    };
    let progress = records.progress;
    let mut out = Vec::new();
    let mut seen_modules = std::collections::BTreeSet::new();
    for track in &records.pack.tracks {
        let pass_mark = track.certification.pass_mark;
        for module in &track.modules {
            if !seen_modules.insert(module.id.as_str()) {
                continue;
            }
            for unit in &module.units {
                if let Some(&at) = progress.units.get(&unit.id) {
                    if at >= since {
                        out.push(builder.unit(track, module, &unit.id, at));
                    }
                }
            }
            let attempts = |key: String| {
                progress
                    .attempts
                    .get(&key)
                    .into_iter()
                    .flatten()
                    .filter(|a| a.at >= since)
                    .cloned()
                    .collect::<Vec<_>>()
            };
            for attempt in attempts(check_key(&module.id)) {
                out.push(builder.check(track, module, &attempt));
            }
            for scenario in &module.scenarios {
                for attempt in attempts(scenario_key(&scenario.id)) {
                    out.push(builder.scenario(track, module, &scenario.id, &attempt));
                }
            }
            if let Some(at) = completed_at(progress, module, pass_mark).filter(|at| *at >= since) {
                out.push(builder.module(track, module, at));
            }
        }
        for attempt in progress
            .attempts
            .get(&final_key(&track.id))
            .into_iter()
            .flatten()
            .filter(|a| a.at >= since)
        {
            out.push(builder.final_attempt(track, attempt));
        }
    }
    for certificate in &records.certificates.issued {
        if certificate.claims.pack_id == records.pack.id && certificate.claims.issued_at >= since {
            out.push(builder.certificate(certificate));
        }
    }
    out.sort_by_key(|b| (b.at, b.kind));
    out
}

/// One example statement of each kind, about the pack's first track, module, unit and scenario,
/// as the learner would send them now: what the consent screen shows. A kind the pack has no item
/// for (a pack without scenarios) is left out.
pub fn examples(
    pack: &Pack,
    sender: Sender<'_>,
    vocabulary: &Vocabulary,
    site_origin: &str,
    now: Millis,
) -> Vec<Built> {
    let Some(track) = pack.tracks.first() else {
        return Vec::new();
    };
    let Some(module) = track.modules.first() else {
        return Vec::new();
    };
    let certificates = Certificates::default();
    let progress = Progress::default();
    let builder = Builder {
        records: Records {
            pack,
            editions: &[],
            progress: &progress,
            certificates: &certificates,
            site_origin,
        },
        sender,
        vocabulary,
    };
    let attempt = |correct, total| Attempt {
        id: "example".to_owned(),
        at: now,
        correct,
        total,
        answers: Vec::new(),
    };
    let questions = |n: usize| u32::try_from(n.max(1)).unwrap_or(u32::MAX);
    let check_total = questions(module.check.questions.len());
    let mut out = Vec::new();
    if let Some(unit) = module.units.first() {
        out.push(builder.unit(track, module, &unit.id, now));
    }
    out.push(builder.check(track, module, &attempt(check_total, check_total)));
    if let Some(scenario) = module.scenarios.first() {
        let total = questions(scenario.questions.len());
        out.push(builder.scenario(
            track,
            module,
            &scenario.id,
            &attempt(total.saturating_sub(1), total),
        ));
    }
    out.push(builder.module(track, module, now));
    let size = track.certification.assessment_size.max(1);
    out.push(builder.final_attempt(track, &attempt(size, size)));
    let example_certificate = SignedCertificate {
        claims: super::super::credential::Claims {
            id: "cert-example".to_owned(),
            learner_name: sender.learner.display_name.clone(),
            email_hash: None,
            email_salt: None,
            track_id: track.id.clone(),
            track_title: track.title.clone(),
            pack_id: pack.id.clone(),
            pack_version: pack.version.clone(),
            pack_hash: String::new(),
            pack_language: pack.language.clone(),
            issued_at: now,
            expires_at: super::super::calendar::expiry(
                now,
                track.certification.validity_months,
                &super::super::calendar::UTC,
            ),
            scores: BTreeMap::new(),
            evidence: String::new(),
            self_attested: true,
            issuer: sender.key.to_owned(),
            module_hashes: BTreeMap::new(),
        },
        signature: String::new(),
    };
    out.push(builder.certificate(&example_certificate));
    out
}

/// A statement as compact JSON text, for the outbox and the request body.
pub fn to_json(statement: &Statement) -> String {
    serde_json::to_string(statement).unwrap_or_default()
}
