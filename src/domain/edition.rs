//! Language editions of a pack: a translation with the same id, the same tracks, modules, units,
//! questions and options (same ids, same order), the same correct keys and the same certification
//! rules as its source, so that progress and certificates mean the same thing in every language.
//!
//! An edition records which source version and content hash it translates, and, per item, the
//! fingerprint of the source item it was translated from. When the source changes, the items whose
//! fingerprint no longer matches are *stale*; items with no fingerprint are *untranslated*.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::pack::{Pack, Question};
use super::validate::{Problem, Segment, Severity};

/// What makes a pack an edition of another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// BCP 47 tag of the source pack's language, such as `en`.
    pub source_language: String,
    /// The source version this edition translates.
    pub source_version: String,
    /// The source's content hash (`sha256:` + hex) when it was translated.
    pub source_hash: String,
    /// Item key ([`items`]) → fingerprint of the source item it was translated from.
    #[serde(default)]
    pub translated: BTreeMap<String, String>,
}

/// The kinds of translatable item, for progress counts ("units 58 of 60").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    /// The pack's title and description.
    Pack,
    /// A track's title, summary and outcomes.
    Track,
    /// A module's title, summary and objectives.
    Module,
    Unit,
    /// A scenario's title and situation.
    Scenario,
    /// A question: prompt, options, feedback and explanation.
    Question,
    Placement,
}

impl ItemKind {
    pub const ALL: [ItemKind; 7] = [
        ItemKind::Pack,
        ItemKind::Track,
        ItemKind::Module,
        ItemKind::Unit,
        ItemKind::Scenario,
        ItemKind::Question,
        ItemKind::Placement,
    ];
}

/// One translatable item of a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Stable across languages and versions: `unit:<id>`, `question:<module or track>/<id>`, …
    pub key: String,
    pub kind: ItemKind,
    /// The first 8 bytes of SHA-256 over the item's text fields, as 16 hex digits.
    pub fingerprint: String,
}

fn fingerprint(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn question_parts(q: &Question) -> Vec<&str> {
    let mut parts = vec![q.prompt.as_str(), q.explanation.as_str()];
    for o in &q.options {
        parts.push(o.text.as_str());
        parts.push(o.feedback.as_str());
    }
    parts
}

/// Every translatable item of a pack, in pack order, with the fingerprint of its text. Structure
/// (ids, keys, rules) is not part of a fingerprint: editions must match it exactly anyway.
pub fn items(pack: &Pack) -> Vec<Item> {
    let mut out = Vec::new();
    let mut push = |key: String, kind: ItemKind, parts: Vec<&str>| {
        out.push(Item {
            key,
            kind,
            fingerprint: fingerprint(&parts),
        })
    };
    push(
        "pack".into(),
        ItemKind::Pack,
        vec![&pack.title, &pack.description],
    );
    for q in &pack.placement {
        let mut parts = vec![q.prompt.as_str()];
        parts.extend(q.options.iter().map(|o| o.text.as_str()));
        push(format!("placement:{}", q.id), ItemKind::Placement, parts);
    }
    for track in &pack.tracks {
        let mut parts = vec![track.title.as_str(), track.summary.as_str()];
        parts.extend(track.outcomes.iter().map(String::as_str));
        push(format!("track:{}", track.id), ItemKind::Track, parts);
        for module in &track.modules {
            let mut parts = vec![module.title.as_str(), module.summary.as_str()];
            parts.extend(module.objectives.iter().map(|o| o.text()));
            push(format!("module:{}", module.id), ItemKind::Module, parts);
            for unit in &module.units {
                let mut parts = vec![unit.title.as_str(), unit.body.as_str()];
                parts.extend(unit.sources.iter().map(|s| s.title.as_str()));
                push(format!("unit:{}", unit.id), ItemKind::Unit, parts);
            }
            for q in &module.check.questions {
                push(
                    format!("question:{}/{}", module.id, q.id),
                    ItemKind::Question,
                    question_parts(q),
                );
            }
            for scenario in &module.scenarios {
                push(
                    format!("scenario:{}", scenario.id),
                    ItemKind::Scenario,
                    vec![&scenario.title, &scenario.situation],
                );
                for q in &scenario.questions {
                    push(
                        format!("question:{}/{}", module.id, q.id),
                        ItemKind::Question,
                        question_parts(q),
                    );
                }
            }
        }
        for q in &track.certification.bank {
            push(
                format!("question:{}/{}", track.id, q.id),
                ItemKind::Question,
                question_parts(q),
            );
        }
    }
    out
}

/// The fingerprint of every question's source text, keyed `<module or track id>/<question id>`:
/// the same in every language edition (an edition records the source fingerprint each item was
/// translated from), so that spaced review treats a question as one card in all languages.
pub fn source_fingerprints(pack: &Pack) -> BTreeMap<String, String> {
    let recorded = pack.edition.as_ref().map(|e| &e.translated);
    items(pack)
        .into_iter()
        .filter(|i| i.kind == ItemKind::Question)
        .map(|item| {
            let fingerprint = recorded
                .and_then(|r| r.get(&item.key).cloned())
                .unwrap_or(item.fingerprint);
            let key = item.key.trim_start_matches("question:").to_owned();
            (key, fingerprint)
        })
        .collect()
}

/// Where an edition stands against its source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// Keys of items with no translation recorded.
    pub untranslated: Vec<String>,
    /// Keys of items translated from an older text of the source item.
    pub stale: Vec<String>,
    /// Per kind: (translated and current, total).
    pub counts: BTreeMap<ItemKind, (usize, usize)>,
}

impl Status {
    /// Whether every item is translated from the current source text.
    pub fn is_current(&self) -> bool {
        self.untranslated.is_empty() && self.stale.is_empty()
    }
}

/// Compares an edition's translation record with its source's current items.
pub fn status(source: &Pack, edition: &Pack) -> Status {
    let recorded = edition
        .edition
        .as_ref()
        .map(|e| &e.translated)
        .cloned()
        .unwrap_or_default();
    let mut status = Status::default();
    for item in items(source) {
        let count = status.counts.entry(item.kind).or_insert((0, 0));
        count.1 += 1;
        match recorded.get(&item.key) {
            None => status.untranslated.push(item.key),
            Some(f) if *f != item.fingerprint => status.stale.push(item.key),
            Some(_) => count.0 += 1,
        }
    }
    status
}

/// Records every item of `source` as translated in `edition` now, with the source's version and
/// hash: what a translator's export or the publishing tool does once the translation is complete.
pub fn mark_translated(source: &Pack, edition: &mut Pack, keys: Option<&[String]>) {
    let all = items(source);
    let record = edition.edition.get_or_insert_with(|| Edition {
        source_language: source.language.clone(),
        source_version: source.version.clone(),
        source_hash: source.content_hash(),
        translated: BTreeMap::new(),
    });
    record.source_language = source.language.clone();
    record.source_version = source.version.clone();
    record.source_hash = source.content_hash();
    for item in all {
        if keys.is_none_or(|k| k.contains(&item.key)) {
            record.translated.insert(item.key, item.fingerprint);
        }
    }
}

/// One text field of a translatable item, for side-by-side editing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Title,
    Description,
    Summary,
    /// The n-th outcome of a track (0-based).
    Outcome(usize),
    /// The n-th learning objective of a module (0-based).
    Objective(usize),
    Body,
    /// The title of the n-th source of a unit (0-based).
    SourceTitle(usize),
    Situation,
    Prompt,
    Explanation,
    /// The text and the feedback of the n-th option of a question (0-based).
    OptionText(usize),
    OptionFeedback(usize),
}

fn question_mut<'a>(pack: &'a mut Pack, key: &str) -> Option<&'a mut Question> {
    let (scope, id) = key.strip_prefix("question:")?.split_once('/')?;
    for track in &mut pack.tracks {
        if track.id == scope {
            return track.certification.bank.iter_mut().find(|q| q.id == id);
        }
        for module in &mut track.modules {
            if module.id == scope {
                return module
                    .check
                    .questions
                    .iter_mut()
                    .chain(
                        module
                            .scenarios
                            .iter_mut()
                            .flat_map(|s| s.questions.iter_mut()),
                    )
                    .find(|q| q.id == id);
            }
        }
    }
    None
}

/// The text fields of an item as mutable strings, in a stable order: what a translator edits.
/// Empty when the key names nothing in this pack.
pub fn texts_mut<'a>(pack: &'a mut Pack, key: &str) -> Vec<(TextField, &'a mut String)> {
    let (kind, id) = key.split_once(':').unwrap_or((key, ""));
    match kind {
        "pack" => vec![
            (TextField::Title, &mut pack.title),
            (TextField::Description, &mut pack.description),
        ],
        "placement" => pack
            .placement
            .iter_mut()
            .find(|q| q.id == id)
            .map(|q| {
                let mut out = vec![(TextField::Prompt, &mut q.prompt)];
                out.extend(
                    q.options
                        .iter_mut()
                        .enumerate()
                        .map(|(n, o)| (TextField::OptionText(n), &mut o.text)),
                );
                out
            })
            .unwrap_or_default(),
        "track" => pack
            .tracks
            .iter_mut()
            .find(|t| t.id == id)
            .map(|t| {
                let mut out = vec![
                    (TextField::Title, &mut t.title),
                    (TextField::Summary, &mut t.summary),
                ];
                out.extend(
                    t.outcomes
                        .iter_mut()
                        .enumerate()
                        .map(|(n, o)| (TextField::Outcome(n), o)),
                );
                out
            })
            .unwrap_or_default(),
        "module" => pack
            .tracks
            .iter_mut()
            .flat_map(|t| t.modules.iter_mut())
            .find(|m| m.id == id)
            .map(|m| {
                let mut out = vec![
                    (TextField::Title, &mut m.title),
                    (TextField::Summary, &mut m.summary),
                ];
                out.extend(
                    m.objectives
                        .iter_mut()
                        .enumerate()
                        .map(|(n, o)| (TextField::Objective(n), o.text_mut())),
                );
                out
            })
            .unwrap_or_default(),
        "unit" => pack
            .tracks
            .iter_mut()
            .flat_map(|t| t.modules.iter_mut())
            .flat_map(|m| m.units.iter_mut())
            .find(|u| u.id == id)
            .map(|u| {
                let mut out = vec![
                    (TextField::Title, &mut u.title),
                    (TextField::Body, &mut u.body),
                ];
                out.extend(
                    u.sources
                        .iter_mut()
                        .enumerate()
                        .map(|(n, s)| (TextField::SourceTitle(n), &mut s.title)),
                );
                out
            })
            .unwrap_or_default(),
        "scenario" => pack
            .tracks
            .iter_mut()
            .flat_map(|t| t.modules.iter_mut())
            .flat_map(|m| m.scenarios.iter_mut())
            .find(|s| s.id == id)
            .map(|s| {
                vec![
                    (TextField::Title, &mut s.title),
                    (TextField::Situation, &mut s.situation),
                ]
            })
            .unwrap_or_default(),
        "question" => question_mut(pack, key)
            .map(|q| {
                let mut out = vec![(TextField::Prompt, &mut q.prompt)];
                for (n, o) in q.options.iter_mut().enumerate() {
                    out.push((TextField::OptionText(n), &mut o.text));
                    out.push((TextField::OptionFeedback(n), &mut o.feedback));
                }
                out.push((TextField::Explanation, &mut q.explanation));
                out
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The text fields of an item, read-only, in the order of [`texts_mut`].
pub fn texts(pack: &Pack, key: &str) -> Vec<(TextField, String)> {
    let mut copy = pack.clone();
    texts_mut(&mut copy, key)
        .into_iter()
        .map(|(field, text)| (field, text.clone()))
        .collect()
}

/// Sets one text field of an item; `false` when the item or field does not exist.
pub fn set_text(pack: &mut Pack, key: &str, field: TextField, value: String) -> bool {
    match texts_mut(pack, key).into_iter().find(|(f, _)| *f == field) {
        Some((_, text)) => {
            *text = value;
            true
        }
        None => false,
    }
}

/// Every way an edition's structure differs from its source's, as located errors. An edition
/// must have the same id and version, the same tracks, modules, units, scenarios, questions and
/// options (same ids in the same order), the same kinds and correct keys, the same prerequisites,
/// minutes, audiences, tags and source addresses, the same certification rules and the same
/// placement answers. Only text may differ.
pub fn structural_differences(source: &Pack, edition: &Pack) -> Vec<Problem> {
    let mut d = Differ::default();
    d.pack(source, edition);
    d.problems
}

#[derive(Default)]
struct Differ {
    problems: Vec<Problem>,
    location: Vec<Segment>,
}

impl Differ {
    fn error(&mut self, field: &'static str, message: String) {
        self.problems.push(Problem {
            severity: Severity::Error,
            location: self.location.clone(),
            field: Some(field),
            message,
        });
    }

    fn within(&mut self, segment: Segment, f: impl FnOnce(&mut Self)) {
        self.location.push(segment);
        f(self);
        self.location.pop();
    }

    /// The same ids in the same order, or an error naming the first difference.
    fn same_ids<'a>(
        &mut self,
        field: &'static str,
        what: &str,
        source: impl Iterator<Item = &'a str>,
        edition: impl Iterator<Item = &'a str>,
    ) -> bool {
        let (s, e): (Vec<&str>, Vec<&str>) = (source.collect(), edition.collect());
        if s == e {
            return true;
        }
        let message = match s.iter().zip(&e).position(|(a, b)| a != b) {
            Some(i) => format!(
                "{what} {} is \"{}\" here but \"{}\" in the source",
                i + 1,
                e[i],
                s[i]
            ),
            None => format!("{} {what}s here, {} in the source", e.len(), s.len()),
        };
        self.error(field, format!("edition: {message}"));
        false
    }

    fn same<T: PartialEq + std::fmt::Debug>(
        &mut self,
        field: &'static str,
        source: &T,
        edition: &T,
    ) {
        if source != edition {
            self.error(
                field,
                format!("edition: {field} is {edition:?} here but {source:?} in the source"),
            );
        }
    }

    fn pack(&mut self, s: &Pack, e: &Pack) {
        self.same("id", &s.id, &e.id);
        self.same("version", &s.version, &e.version);
        if s.language == e.language {
            self.error(
                "language",
                format!(
                    "edition: the language is \"{}\", the same as the source's",
                    e.language
                ),
            );
        }
        if e.edition.is_none() {
            self.error(
                "edition",
                "edition: the pack does not say which source version it translates".into(),
            );
        }
        if self.same_ids(
            "placement",
            "placement question",
            s.placement.iter().map(|q| q.id.as_str()),
            e.placement.iter().map(|q| q.id.as_str()),
        ) {
            self.within(Segment::Placement, |d| {
                for (n, (sq, eq)) in s.placement.iter().zip(&e.placement).enumerate() {
                    d.within(Segment::Question(n + 1), |d| {
                        if d.same_ids(
                            "options",
                            "option",
                            sq.options.iter().map(|o| o.id.as_str()),
                            eq.options.iter().map(|o| o.id.as_str()),
                        ) {
                            for (m, (so, eo)) in sq.options.iter().zip(&eq.options).enumerate() {
                                d.within(Segment::Option(m + 1), |d| {
                                    d.same("points_to", &so.points_to, &eo.points_to);
                                    d.same("knows_modules", &so.knows_modules, &eo.knows_modules);
                                });
                            }
                        }
                    });
                }
            });
        }
        if !self.same_ids(
            "tracks",
            "track",
            s.tracks.iter().map(|t| t.id.as_str()),
            e.tracks.iter().map(|t| t.id.as_str()),
        ) {
            return;
        }
        for (st, et) in s.tracks.iter().zip(&e.tracks) {
            self.within(Segment::Track(st.id.clone()), |d| {
                d.same("audience", &st.audience, &et.audience);
                d.same("outcomes", &st.outcomes.len(), &et.outcomes.len());
                let (sc, ec) = (&st.certification, &et.certification);
                d.same("pass_mark", &sc.pass_mark, &ec.pass_mark);
                d.same(
                    "required_modules",
                    &sc.required_modules,
                    &ec.required_modules,
                );
                d.same("assessment_size", &sc.assessment_size, &ec.assessment_size);
                d.same("validity_months", &sc.validity_months, &ec.validity_months);
                d.same("review_renewal", &sc.review_renewal, &ec.review_renewal);
                d.within(Segment::Bank, |d| d.questions(&sc.bank, &ec.bank));
                if d.same_ids(
                    "modules",
                    "module",
                    st.modules.iter().map(|m| m.id.as_str()),
                    et.modules.iter().map(|m| m.id.as_str()),
                ) {
                    for (sm, em) in st.modules.iter().zip(&et.modules) {
                        d.within(Segment::Module(sm.id.clone()), |d| {
                            d.same("prerequisites", &sm.prerequisites, &em.prerequisites);
                            d.same("minutes", &sm.minutes, &em.minutes);
                            let ids = |m: &super::pack::Module| -> Vec<String> {
                                m.objective_ids().into_iter().map(|(id, _)| id).collect()
                            };
                            d.same("objectives", &ids(sm), &ids(em));
                            if d.same_ids(
                                "units",
                                "unit",
                                sm.units.iter().map(|u| u.id.as_str()),
                                em.units.iter().map(|u| u.id.as_str()),
                            ) {
                                for (su, eu) in sm.units.iter().zip(&em.units) {
                                    d.within(Segment::Unit(su.id.clone()), |d| {
                                        d.same("minutes", &su.minutes, &eu.minutes);
                                        d.same("tags", &su.tags, &eu.tags);
                                        let urls = |u: &super::pack::Unit| -> Vec<Option<String>> {
                                            u.sources.iter().map(|x| x.url.clone()).collect()
                                        };
                                        d.same("sources", &urls(su), &urls(eu));
                                    });
                                }
                            }
                            d.questions(&sm.check.questions, &em.check.questions);
                            if d.same_ids(
                                "scenarios",
                                "scenario",
                                sm.scenarios.iter().map(|x| x.id.as_str()),
                                em.scenarios.iter().map(|x| x.id.as_str()),
                            ) {
                                for (ss, es) in sm.scenarios.iter().zip(&em.scenarios) {
                                    d.within(Segment::Scenario(ss.id.clone()), |d| {
                                        d.questions(&ss.questions, &es.questions)
                                    });
                                }
                            }
                        });
                    }
                }
            });
        }
    }

    fn questions(&mut self, s: &[Question], e: &[Question]) {
        if !self.same_ids(
            "questions",
            "question",
            s.iter().map(|q| q.id.as_str()),
            e.iter().map(|q| q.id.as_str()),
        ) {
            return;
        }
        for (n, (sq, eq)) in s.iter().zip(e).enumerate() {
            self.within(Segment::Question(n + 1), |d| {
                d.same("kind", &sq.kind, &eq.kind);
                d.same("objectives", &sq.objectives, &eq.objectives);
                if d.same_ids(
                    "options",
                    "option",
                    sq.options.iter().map(|o| o.id.as_str()),
                    eq.options.iter().map(|o| o.id.as_str()),
                ) {
                    for (m, (so, eo)) in sq.options.iter().zip(&eq.options).enumerate() {
                        d.within(Segment::Option(m + 1), |d| {
                            d.same("correct", &so.correct, &eo.correct)
                        });
                    }
                }
            });
        }
    }
}

#[cfg(test)]
mod tests;
