//! The pack validator: every problem in a pack, each located and worded so a trainer can act on it.
//!
//! Errors make a pack unusable (learners could not complete it, or it is unsafe). Warnings point at
//! things that are legal but probably unintended, including the item-writing linter's findings
//! (`domain::item_lint`). The validator never panics, whatever the pack holds.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::markdown::{link_targets, scheme_of, ALLOWED_SCHEMES};
use super::pack::{
    AnswerOption, Certification, Module, Pack, Question, QuestionKind, Scenario, Track, Unit,
    FORMAT_VERSION, OLDEST_FORMAT,
};
use super::semver::Version;

/// Limits on text sizes, in characters (bytes for bodies). Generous for real content, small enough
/// that a hostile pack cannot make the learner's browser crawl.
pub mod limits {
    pub const SLUG_CHARS: usize = 48;
    pub const TITLE_CHARS: usize = 160;
    pub const SUMMARY_CHARS: usize = 1_000;
    pub const LINE_CHARS: usize = 400;
    pub const PROMPT_CHARS: usize = 2_000;
    pub const FEEDBACK_CHARS: usize = 2_000;
    pub const BODY_BYTES: usize = 64 * 1024;
    /// A line (paragraph) of Markdown longer than this is legal but hard to read and to edit:
    /// the validator warns.
    pub const MARKDOWN_LINE_CHARS: usize = 5_000;
    pub const SITUATION_BYTES: usize = 16 * 1024;
    pub const OPTIONS: usize = 8;
    pub const MIN_OBJECTIVES: usize = 2;
    pub const MAX_OBJECTIVES: usize = 5;
    pub const RECOMMENDED_CHECK_QUESTIONS: usize = 5;
    /// A scenario's questions are scored at the track's pass mark; with fewer than four, one slip
    /// decides it.
    pub const MIN_SCENARIO_QUESTIONS: usize = 4;
    pub const MAX_VALIDITY_MONTHS: u32 = 120;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One step of a problem's location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Track(String),
    Module(String),
    Unit(String),
    Scenario(String),
    /// The track's final-assessment bank.
    Bank,
    Placement,
    /// 1-based position, because trainers count from one.
    Question(usize),
    Option(usize),
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Track(id) => write!(f, "track \"{id}\""),
            Segment::Module(id) => write!(f, "module \"{id}\""),
            Segment::Unit(id) => write!(f, "unit \"{id}\""),
            Segment::Scenario(id) => write!(f, "scenario \"{id}\""),
            Segment::Bank => write!(f, "final-assessment bank"),
            Segment::Placement => write!(f, "placement"),
            Segment::Question(n) => write!(f, "question {n}"),
            Segment::Option(n) => write!(f, "option {n}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// From the outside in; empty for the pack itself.
    pub location: Vec<Segment>,
    /// The field the problem is about, such as `title`, when there is one. The studio uses it to jump.
    pub field: Option<&'static str>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "pack: {}", self.message)
        } else {
            let path: Vec<String> = self.location.iter().map(|s| s.to_string()).collect();
            write!(f, "{}: {}", path.join(" › "), self.message)
        }
    }
}

/// Everything the validator found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// Each problem as one line, errors first, for logs and tests.
    pub fn lines(&self) -> Vec<String> {
        let mut sorted: Vec<&Problem> = self.problems.iter().collect();
        sorted.sort_by_key(|p| p.severity);
        sorted.iter().map(|p| p.to_string()).collect()
    }
}

/// Track ids that would collide with Learn's own routes (`/learn/review`, `/learn/placement`,
/// `/learn/open`), since a track lives at `/learn/<track id>`.
pub const RESERVED_TRACK_IDS: [&str; 3] = ["review", "placement", "open"];

/// Whether `id` is a stable slug: lowercase ASCII letters and digits in hyphen-separated groups.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= limits::SLUG_CHARS
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Validates a whole pack.
pub fn validate(pack: &Pack) -> Report {
    let mut v = Validator::default();
    v.pack(pack);
    let mut problems = v.problems;
    problems.extend(super::item_lint::lint(pack));
    Report { problems }
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
    location: Vec<Segment>,
    /// Every module, unit and scenario id seen, with where it was first seen, for duplicate checks.
    seen_ids: BTreeMap<String, String>,
}

impl Validator {
    fn report(&mut self, severity: Severity, field: Option<&'static str>, message: String) {
        self.problems.push(Problem {
            severity,
            location: self.location.clone(),
            field,
            message,
        });
    }

    fn error(&mut self, field: &'static str, message: impl Into<String>) {
        self.report(Severity::Error, Some(field), message.into());
    }

    fn warning(&mut self, field: &'static str, message: impl Into<String>) {
        self.report(Severity::Warning, Some(field), message.into());
    }

    fn within(&mut self, segment: Segment, check: impl FnOnce(&mut Self)) {
        self.location.push(segment);
        check(self);
        self.location.pop();
    }

    fn required_text(&mut self, field: &'static str, value: &str, max_chars: usize) {
        if value.trim().is_empty() {
            self.error(field, format!("{field} is empty"));
            return;
        }
        let chars = value.chars().count();
        if chars > max_chars {
            self.error(
                field,
                format!("{field} is {chars} characters long; the limit is {max_chars}"),
            );
        }
    }

    fn slug(&mut self, field: &'static str, id: &str) {
        if id.trim().is_empty() {
            self.error(field, format!("{field} is empty"));
        } else if !is_slug(id) {
            self.error(
                field,
                format!(
                    "{field} \"{}\" is not a valid id: use lowercase letters, digits and single hyphens, at most {} characters",
                    shorten(id),
                    limits::SLUG_CHARS
                ),
            );
        }
    }

    /// Module, unit and scenario ids share one namespace across the pack, because progress and
    /// certificates refer to them without their parents.
    fn unique_id(&mut self, kind: &str, id: &str) {
        if id.is_empty() {
            return;
        }
        let here = format!("{kind} \"{id}\"");
        match self.seen_ids.get(id) {
            Some(first) => {
                let message = format!("duplicate id \"{id}\": already used by {first}");
                self.error("id", message);
            }
            None => {
                self.seen_ids.insert(id.to_owned(), here);
            }
        }
    }

    fn markdown(&mut self, field: &'static str, source: &str, max_bytes: usize) {
        if source.trim().is_empty() {
            self.error(field, format!("{field} is empty"));
            return;
        }
        if source.len() > max_bytes {
            self.error(
                field,
                format!(
                    "{field} is {} KB; the limit is {} KB",
                    source.len().div_ceil(1024),
                    max_bytes / 1024
                ),
            );
            // Parsing an oversized body would only slow the trainer's browser down.
            return;
        }
        if let Some((number, chars)) = source
            .lines()
            .enumerate()
            .map(|(i, line)| (i + 1, line.chars().count()))
            .find(|(_, chars)| *chars > limits::MARKDOWN_LINE_CHARS)
        {
            self.warning(
                field,
                format!(
                    "line {number} of {field} is {chars} characters long without a line break; split it into paragraphs of at most {} characters so it is easier to read and edit",
                    limits::MARKDOWN_LINE_CHARS
                ),
            );
        }
        for target in link_targets(source) {
            match scheme_of(&target) {
                Some(scheme) if ALLOWED_SCHEMES.contains(&scheme.as_str()) => {}
                Some(scheme) => self.error(
                    field,
                    format!(
                        "link to \"{}\" uses the scheme \"{scheme}\"; only http, https and mailto are allowed",
                        shorten(&target)
                    ),
                ),
                None => self.error(
                    field,
                    format!(
                        "link to \"{}\" has no scheme; write a full http, https or mailto address",
                        shorten(&target)
                    ),
                ),
            }
        }
        if contains_html_tag(source) {
            self.warning(
                field,
                format!("{field} contains HTML tags, which learners will see as plain text"),
            );
        }
        self.unclosed_emphasis(field, &super::markdown::render(source));
    }

    /// `**` left in the rendered text means an emphasis did not close. CommonMark does not close
    /// `**` after punctuation when a letter follows, which Chinese text hits often ("**术语：**说明").
    fn unclosed_emphasis(&mut self, field: &'static str, nodes: &[super::markdown::Node]) {
        use super::markdown::Node;
        fn shows_markers(nodes: &[Node]) -> bool {
            nodes.iter().any(|n| match n {
                Node::Text(text) => text.contains("**"),
                // Code shows its text as typed, on purpose.
                Node::Element(super::markdown::Element::CodeBlock, _)
                | Node::Element(super::markdown::Element::InlineCode, _) => false,
                Node::Element(_, children) => shows_markers(children),
            })
        }
        if shows_markers(nodes) {
            self.warning(
                field,
                format!(
                    "{field} shows \"**\" as text: an emphasis did not close. Put punctuation outside the markers, as in **term**: or **术语**："
                ),
            );
        }
    }

    fn pack(&mut self, pack: &Pack) {
        if !(OLDEST_FORMAT..=FORMAT_VERSION).contains(&pack.format) {
            self.error(
                "format",
                format!(
                    "format is {}; this version of Fluency reads formats {OLDEST_FORMAT} to {FORMAT_VERSION}",
                    pack.format
                ),
            );
        }
        self.slug("id", &pack.id);
        if Version::parse(&pack.version).is_none() {
            self.error(
                "version",
                format!(
                    "version \"{}\" is not a semantic version such as 1.0.0",
                    shorten(&pack.version)
                ),
            );
        }
        self.required_text("title", &pack.title, limits::TITLE_CHARS);
        self.required_text("description", &pack.description, limits::SUMMARY_CHARS);
        let language_ok = !pack.language.is_empty()
            && pack.language.len() <= 35
            && pack
                .language
                .split('-')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !language_ok {
            self.error(
                "language",
                format!(
                    "language \"{}\" is not a language tag such as en or zh-CN",
                    shorten(&pack.language)
                ),
            );
        }
        if pack.tracks.is_empty() {
            self.error("tracks", "the pack has no tracks");
        }

        let mut track_ids = BTreeSet::new();
        for track in &pack.tracks {
            if !track.id.is_empty() && !track_ids.insert(track.id.as_str()) {
                let message = format!("duplicate track id \"{}\"", track.id);
                self.within(Segment::Track(track.id.clone()), |v| v.error("id", message));
            }
        }
        for track in &pack.tracks {
            self.within(Segment::Track(track.id.clone()), |v| v.track(track));
        }
        self.prerequisites(pack);
        self.objectives(pack);
        if !pack.placement.is_empty() {
            self.within(Segment::Placement, |v| v.placement(pack));
        }
    }

    fn track(&mut self, track: &Track) {
        self.slug("id", &track.id);
        if RESERVED_TRACK_IDS.contains(&track.id.as_str()) {
            self.error(
                "id",
                format!(
                    "track id \"{}\" is taken by one of Learn's own pages (/learn/{}); choose another",
                    track.id, track.id
                ),
            );
        }
        self.required_text("title", &track.title, limits::TITLE_CHARS);
        self.required_text("summary", &track.summary, limits::SUMMARY_CHARS);
        if track.audience.is_empty() {
            self.error("audience", "audience is empty: name at least one role");
        }
        if track.outcomes.is_empty() {
            self.warning("outcomes", "the track lists no outcomes");
        }
        for outcome in &track.outcomes {
            self.required_text("outcomes", outcome, limits::LINE_CHARS);
        }
        if track.modules.is_empty() {
            self.error("modules", "the track has no modules");
        }
        for module in &track.modules {
            self.within(Segment::Module(module.id.clone()), |v| v.module(module));
        }
        self.certification(track, &track.certification);
    }

    fn certification(&mut self, track: &Track, rules: &Certification) {
        if rules.pass_mark == 0 || rules.pass_mark > 100 {
            self.error(
                "pass_mark",
                format!(
                    "pass mark is {}; it must be a percentage from 1 to 100",
                    rules.pass_mark
                ),
            );
        }
        if rules.required_modules.is_empty() {
            self.warning(
                "required_modules",
                "no modules are required for the certificate",
            );
        }
        for id in &rules.required_modules {
            if track.module(id).is_none() {
                self.error(
                    "required_modules",
                    format!(
                        "required module \"{}\" is not a module of this track",
                        shorten(id)
                    ),
                );
            }
        }
        if rules.assessment_size == 0 {
            self.error(
                "assessment_size",
                "the final assessment has 0 questions; set its size to at least 1",
            );
        }
        let bank = rules.bank.len();
        if bank < rules.assessment_size as usize {
            self.error(
                "bank",
                format!(
                    "the final-assessment bank has {bank} questions, fewer than the assessment size of {}",
                    rules.assessment_size
                ),
            );
        }
        if rules.validity_months == 0 {
            self.error(
                "validity_months",
                "validity is 0 months; certificates would expire at once",
            );
        } else if rules.validity_months > limits::MAX_VALIDITY_MONTHS {
            self.warning(
                "validity_months",
                format!(
                    "validity of {} months is over {} years; AI practice changes faster than that",
                    rules.validity_months,
                    limits::MAX_VALIDITY_MONTHS / 12
                ),
            );
        }
        self.within(Segment::Bank, |v| v.questions(&rules.bank));
    }

    fn module(&mut self, module: &Module) {
        self.slug("id", &module.id);
        self.unique_id("module", &module.id);
        self.required_text("title", &module.title, limits::TITLE_CHARS);
        self.required_text("summary", &module.summary, limits::SUMMARY_CHARS);
        let objectives = module.objectives.len();
        if !(limits::MIN_OBJECTIVES..=limits::MAX_OBJECTIVES).contains(&objectives) {
            self.error(
                "objectives",
                format!(
                    "the module has {objectives} learning objectives; it needs {} to {}",
                    limits::MIN_OBJECTIVES,
                    limits::MAX_OBJECTIVES
                ),
            );
        }
        let mut objective_ids = BTreeSet::new();
        for (id, text) in module.objective_ids() {
            self.required_text("objectives", text, limits::LINE_CHARS);
            if !is_slug(&id) {
                self.error(
                    "objectives",
                    format!(
                        "objective id \"{}\" is not a valid id: use lowercase letters, digits and single hyphens",
                        shorten(&id)
                    ),
                );
            } else if !objective_ids.insert(id.clone()) {
                self.error("objectives", format!("duplicate objective id \"{id}\""));
            }
        }
        if module.minutes == 0 {
            self.error("minutes", "estimated minutes is 0");
        }
        let unit_minutes: u32 = module
            .units
            .iter()
            .map(|u| u.minutes)
            .fold(0, u32::saturating_add);
        if module.minutes != 0 && module.minutes < unit_minutes {
            self.warning(
                "minutes",
                format!(
                    "estimated {} minutes, less than its units' {unit_minutes} minutes",
                    module.minutes
                ),
            );
        }
        if module.units.is_empty() {
            self.error("units", "the module has no units");
        }
        for unit in &module.units {
            self.within(Segment::Unit(unit.id.clone()), |v| v.unit(unit));
        }
        let check = &module.check.questions;
        if check.is_empty() {
            self.error("check", "the knowledge check has no questions");
        } else if check.len() < limits::RECOMMENDED_CHECK_QUESTIONS {
            self.warning(
                "check",
                format!(
                    "the knowledge check has {} questions; {} or more give a fairer score",
                    check.len(),
                    limits::RECOMMENDED_CHECK_QUESTIONS
                ),
            );
        }
        if module.scenarios.is_empty() {
            self.error("scenarios", "the module has no scenario exercise");
        }
        // Check and scenario questions share one id space, because attempts are stored per module.
        let mut question_ids = BTreeSet::new();
        self.questions_with(check, &mut question_ids);
        for scenario in &module.scenarios {
            self.within(Segment::Scenario(scenario.id.clone()), |v| {
                v.scenario(scenario, &mut question_ids)
            });
        }
    }

    fn unit(&mut self, unit: &Unit) {
        self.slug("id", &unit.id);
        self.unique_id("unit", &unit.id);
        self.required_text("title", &unit.title, limits::TITLE_CHARS);
        if unit.minutes == 0 {
            self.error("minutes", "estimated minutes is 0");
        }
        self.markdown("body", &unit.body, limits::BODY_BYTES);
        for (n, source) in unit.sources.iter().enumerate() {
            if source.title.trim().is_empty() {
                self.error("sources", format!("source {} has no title", n + 1));
            }
            if let Some(url) = &source.url {
                let scheme = scheme_of(url);
                if !matches!(scheme.as_deref(), Some("http") | Some("https")) {
                    self.error(
                        "sources",
                        format!(
                            "source {} links to \"{}\"; sources must be http or https addresses",
                            n + 1,
                            shorten(url)
                        ),
                    );
                }
            }
        }
        for tag in &unit.tags {
            if !is_slug(tag) {
                self.warning(
                    "tags",
                    format!(
                        "tag \"{}\" is not a slug; tags are matched exactly, so keep them lowercase with hyphens",
                        shorten(tag)
                    ),
                );
            }
        }
    }

    fn scenario(&mut self, scenario: &Scenario, question_ids: &mut BTreeSet<String>) {
        self.slug("id", &scenario.id);
        self.unique_id("scenario", &scenario.id);
        self.required_text("title", &scenario.title, limits::TITLE_CHARS);
        self.markdown("situation", &scenario.situation, limits::SITUATION_BYTES);
        if scenario.questions.is_empty() {
            self.error("questions", "the scenario has no questions");
        } else if scenario.questions.len() < limits::MIN_SCENARIO_QUESTIONS {
            self.warning(
                "questions",
                format!(
                    "the scenario has {} questions; a module needs its scenario passed, so give it {} or more for the pass mark to mean something",
                    scenario.questions.len(),
                    limits::MIN_SCENARIO_QUESTIONS
                ),
            );
        }
        self.questions_with(&scenario.questions, question_ids);
    }

    fn questions(&mut self, questions: &[Question]) {
        let mut ids = BTreeSet::new();
        self.questions_with(questions, &mut ids);
    }

    fn questions_with(&mut self, questions: &[Question], ids: &mut BTreeSet<String>) {
        for (n, question) in questions.iter().enumerate() {
            self.within(Segment::Question(n + 1), |v| {
                if !question.id.is_empty() && !ids.insert(question.id.clone()) {
                    v.error(
                        "id",
                        format!("duplicate question id \"{}\"", shorten(&question.id)),
                    );
                }
                v.question(question)
            });
        }
    }

    fn question(&mut self, question: &Question) {
        if question.id.trim().is_empty() {
            self.error("id", "id is empty");
        }
        self.required_text("prompt", &question.prompt, limits::PROMPT_CHARS);
        self.unclosed_emphasis("prompt", &super::markdown::render_inline(&question.prompt));
        self.required_text("explanation", &question.explanation, limits::FEEDBACK_CHARS);
        let options = &question.options;
        if options.len() < 2 {
            self.error(
                "options",
                format!(
                    "the question has {} options; it needs at least 2",
                    options.len()
                ),
            );
        } else if options.len() > limits::OPTIONS {
            self.error(
                "options",
                format!(
                    "the question has {} options; the limit is {}",
                    options.len(),
                    limits::OPTIONS
                ),
            );
        }
        let mut option_ids = BTreeSet::new();
        for (n, option) in options.iter().enumerate() {
            self.within(Segment::Option(n + 1), |v| {
                v.option(option);
                if !option.id.is_empty() && !option_ids.insert(option.id.as_str()) {
                    v.error(
                        "id",
                        format!("duplicate option id \"{}\"", shorten(&option.id)),
                    );
                }
            });
        }
        let correct = options.iter().filter(|o| o.correct).count();
        if correct == 0 {
            self.error("options", "no option is marked correct");
        } else if correct > 1 && question.kind.is_single_answer() {
            let kind = match question.kind {
                QuestionKind::TrueFalse => "a true/false",
                QuestionKind::Scenario => "a scenario",
                _ => "a single-choice",
            };
            self.error(
                "options",
                format!("{correct} options are marked correct; {kind} question needs exactly one"),
            );
        } else if question.kind == QuestionKind::Multiple && correct == options.len() {
            self.warning(
                "options",
                "every option is marked correct, so choosing everything always passes",
            );
        }
        if question.kind == QuestionKind::TrueFalse {
            let ids: BTreeSet<&str> = options.iter().map(|o| o.id.as_str()).collect();
            if options.len() != 2 || ids != BTreeSet::from(["true", "false"]) {
                self.error(
                    "options",
                    "a true/false question needs exactly two options, with ids \"true\" and \"false\"",
                );
            }
        }
    }

    fn option(&mut self, option: &AnswerOption) {
        if option.id.trim().is_empty() {
            self.error("id", "id is empty");
        }
        self.required_text("text", &option.text, limits::PROMPT_CHARS);
        if option.feedback.trim().is_empty() {
            self.error(
                "feedback",
                "feedback is empty: say why this option is right or wrong",
            );
        } else if option.feedback.chars().count() > limits::FEEDBACK_CHARS {
            self.error(
                "feedback",
                format!(
                    "feedback is longer than {} characters",
                    limits::FEEDBACK_CHARS
                ),
            );
        }
    }

    /// The objectives each question tests exist where the question may test them (its module for
    /// a check or scenario question; the pack for a bank question), and, in packs that give
    /// objectives ids, every question tests one and every objective is tested.
    fn objectives(&mut self, pack: &Pack) {
        use super::pack::Objective;
        let all: BTreeSet<String> = pack
            .tracks
            .iter()
            .flat_map(|t| &t.modules)
            .flat_map(|m| m.objective_ids().into_iter().map(|(id, _)| id))
            .collect();
        let identified = pack
            .tracks
            .iter()
            .flat_map(|t| &t.modules)
            .flat_map(|m| &m.objectives)
            .any(|o| matches!(o, Objective::Identified { .. }));
        let mut tested: BTreeSet<String> = BTreeSet::new();
        for track in &pack.tracks {
            for module in &track.modules {
                let own: BTreeSet<String> = module
                    .objective_ids()
                    .into_iter()
                    .map(|(id, _)| id)
                    .collect();
                let sets: Vec<(Option<String>, &Vec<Question>)> =
                    std::iter::once((None, &module.check.questions))
                        .chain(
                            module
                                .scenarios
                                .iter()
                                .map(|s| (Some(s.id.clone()), &s.questions)),
                        )
                        .collect();
                for (scenario, questions) in sets {
                    let mut location = vec![
                        Segment::Track(track.id.clone()),
                        Segment::Module(module.id.clone()),
                    ];
                    if let Some(id) = scenario {
                        location.push(Segment::Scenario(id));
                    }
                    for (n, q) in questions.iter().enumerate() {
                        self.location = location.clone();
                        self.location.push(Segment::Question(n + 1));
                        self.question_objectives(q, &own, identified, "of this module");
                        tested.extend(q.objectives.iter().cloned());
                    }
                }
            }
            for (n, q) in track.certification.bank.iter().enumerate() {
                self.location = vec![
                    Segment::Track(track.id.clone()),
                    Segment::Bank,
                    Segment::Question(n + 1),
                ];
                self.question_objectives(q, &all, identified, "in this pack");
                tested.extend(q.objectives.iter().cloned());
            }
        }
        if identified {
            for track in &pack.tracks {
                for module in &track.modules {
                    for (id, _) in module.objective_ids() {
                        if !tested.contains(&id) {
                            self.location = vec![
                                Segment::Track(track.id.clone()),
                                Segment::Module(module.id.clone()),
                            ];
                            self.warning(
                                "objectives",
                                format!("objective \"{id}\" is tested by no question, so its recall cannot be measured"),
                            );
                        }
                    }
                }
            }
        }
        self.location.clear();
    }

    fn question_objectives(
        &mut self,
        question: &Question,
        allowed: &BTreeSet<String>,
        identified: bool,
        scope: &str,
    ) {
        for id in &question.objectives {
            if !allowed.contains(id) {
                self.error(
                    "objectives",
                    format!("\"{}\" is not an objective {scope}", shorten(id)),
                );
            }
        }
        if identified && question.objectives.is_empty() {
            self.warning(
                "objectives",
                "the question names no objective it tests, so spaced review cannot show recall for it",
            );
        }
    }

    /// Unknown prerequisites, and cycles among the ones that exist.
    fn prerequisites(&mut self, pack: &Pack) {
        let mut graph: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
        for track in &pack.tracks {
            for module in &track.modules {
                graph.entry(module.id.as_str()).or_default();
                owner.insert(module.id.as_str(), track.id.as_str());
            }
        }
        for track in &pack.tracks {
            for module in &track.modules {
                for prerequisite in &module.prerequisites {
                    if graph.contains_key(prerequisite.as_str()) {
                        if let Some(edges) = graph.get_mut(module.id.as_str()) {
                            edges.push(prerequisite.as_str());
                        }
                    } else {
                        self.location = vec![
                            Segment::Track(track.id.clone()),
                            Segment::Module(module.id.clone()),
                        ];
                        self.error(
                            "prerequisites",
                            format!(
                                "prerequisite \"{}\" is not a module in this pack",
                                shorten(prerequisite)
                            ),
                        );
                    }
                }
            }
        }
        self.location.clear();
        for cycle in find_cycles(&graph) {
            let Some(first) = cycle.first() else { continue };
            let track = owner.get(first).copied().unwrap_or_default();
            let mut path: Vec<&str> = cycle.clone();
            path.push(first);
            self.location = vec![
                Segment::Track(track.to_owned()),
                Segment::Module((*first).to_owned()),
            ];
            self.error(
                "prerequisites",
                format!("prerequisites form a cycle: {}", path.join(" → ")),
            );
        }
        self.location.clear();
    }

    fn placement(&mut self, pack: &Pack) {
        let count = pack.placement.len();
        if !(6..=10).contains(&count) {
            self.warning(
                "placement",
                format!(
                    "the placement has {count} questions; 6 to 10 give a useful recommendation"
                ),
            );
        }
        let mut ids = BTreeSet::new();
        for (n, question) in pack.placement.iter().enumerate() {
            self.within(Segment::Question(n + 1), |v| {
                if question.id.trim().is_empty() {
                    v.error("id", "id is empty");
                } else if !ids.insert(question.id.as_str()) {
                    v.error(
                        "id",
                        format!("duplicate question id \"{}\"", shorten(&question.id)),
                    );
                }
                v.required_text("prompt", &question.prompt, limits::PROMPT_CHARS);
                if question.options.len() < 2 {
                    v.error("options", "a placement question needs at least 2 options");
                }
                let voting = question.options.iter().filter(|o| o.points_to.is_some()).count();
                if voting > 0 && voting < question.options.len() {
                    v.error(
                        "options",
                        "some options point to a role and some do not: in a role question every answer points to a role; in a knowledge question none does",
                    );
                }
                if question.is_knowledge()
                    && question.options.len() >= 2
                    && question.options.iter().all(|o| o.knows_modules.is_empty())
                {
                    v.warning(
                        "options",
                        "this knowledge question marks no module as known: name the modules its right answer shows the learner knows",
                    );
                }
                for (m, option) in question.options.iter().enumerate() {
                    v.within(Segment::Option(m + 1), |v| {
                        v.required_text("text", &option.text, limits::PROMPT_CHARS);
                        if option.points_to.is_some() && !option.knows_modules.is_empty() {
                            v.warning(
                                "knows_modules",
                                "this answer points to a role and also marks modules as known: ask about the job in role questions and test knowledge in separate knowledge questions, so that knowing less never counts as a vote for a role",
                            );
                        }
                        for id in &option.knows_modules {
                            if pack.find_module(id).is_none() {
                                v.error(
                                    "knows_modules",
                                    format!("\"{}\" is not a module in this pack", shorten(id)),
                                );
                            }
                        }
                    });
                }
            });
        }
    }
}

/// Every elementary cycle reachable in the graph, each reported once, starting at its smallest id.
fn find_cycles<'a>(graph: &BTreeMap<&'a str, Vec<&'a str>>) -> Vec<Vec<&'a str>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut marks: BTreeMap<&str, Mark> = graph.keys().map(|k| (*k, Mark::New)).collect();
    let mut cycles: BTreeSet<Vec<&str>> = BTreeSet::new();
    for &start in graph.keys() {
        if marks.get(start) != Some(&Mark::New) {
            continue;
        }
        // Iterative depth-first search: (node, index of the next edge to follow).
        let mut path: Vec<(&str, usize)> = vec![(start, 0)];
        marks.insert(start, Mark::OnPath);
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let edges = graph.get(node).map(Vec::as_slice).unwrap_or_default();
            if let Some(&target) = edges.get(*next) {
                *next += 1;
                match marks.get(target).copied().unwrap_or(Mark::Done) {
                    Mark::New => {
                        marks.insert(target, Mark::OnPath);
                        path.push((target, 0));
                    }
                    Mark::OnPath => {
                        let from = path.iter().position(|(n, _)| *n == target).unwrap_or(0);
                        let mut cycle: Vec<&str> = path[from..].iter().map(|(n, _)| *n).collect();
                        let smallest = cycle
                            .iter()
                            .enumerate()
                            .min_by_key(|(_, id)| **id)
                            .map(|(i, _)| i)
                            .unwrap_or(0);
                        cycle.rotate_left(smallest);
                        cycles.insert(cycle);
                    }
                    Mark::Done => {}
                }
            } else {
                marks.insert(node, Mark::Done);
                path.pop();
            }
        }
    }
    cycles.into_iter().collect()
}

/// True when the text has something that looks like an HTML tag, such as `<script` or `</div`.
fn contains_html_tag(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(2).any(|pair| {
        pair[0] == b'<' && (pair[1].is_ascii_alphabetic() || pair[1] == b'/' || pair[1] == b'!')
    })
}

/// Long or hostile values are quoted only in part, so that messages stay readable.
fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests;
