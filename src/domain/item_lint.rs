//! The item-writing linter: cues that let a test-wise learner answer a question without knowing the
//! content, and other flaws the item-writing literature warns against. Its findings are validator
//! warnings, located at the question, option or set they are about, so the Studio can jump to them.
//!
//! The rules follow Haladyna, Downing & Rodriguez (2002), "A review of multiple-choice
//! item-writing guidelines for classroom assessment", *Applied Measurement in Education* 15(3),
//! 309–333. Each message names the guideline it applies (by the paper's numbering); see
//! `docs/item-writing.md`.
//!
//! A *set* is a group of questions a learner meets together and is scored on together: a module's
//! knowledge check, a scenario, or a track's final-assessment bank. Shares (how often the key is the
//! longest option, or sits in one position) are judged per set, because that is where a learner
//! can exploit them.
//!
//! Lengths are counted in characters (Unicode scalar values), so Chinese text is measured by its
//! characters. Rules that depend on words (absolute words, "all of the above", negation) take their
//! word lists from [`Lexicon::for_language`].

use std::collections::BTreeSet;

use super::pack::{Pack, Question, QuestionKind};
use super::validate::{Problem, Segment, Severity};

/// Every threshold the linter uses, in one place.
pub mod thresholds {
    /// A set with fewer single-answer items than this is not judged on shares: with three items,
    /// two longest keys happen by chance too often to mean anything.
    pub const MIN_SET_ITEMS: usize = 4;
    /// The key may be the strictly longest option in at most half of a set's single-answer items.
    /// With three or four options chance is 25–33 %; above half, "pick the longest" pays off.
    pub const MAX_LONGEST_KEY_SHARE: (usize, usize) = (1, 2);
    /// One position may hold the key in at most half of a set's single-answer items (guideline 20:
    /// vary the location of the right answer).
    pub const MAX_POSITION_SHARE: (usize, usize) = (1, 2);
    /// A set's true/false items are judged for balance from this many on.
    pub const MIN_TRUE_FALSE_ITEMS: usize = 4;
    /// At most two thirds of a set's true/false items may share one answer. A learner who always
    /// answers "False" should not do better than about two in three.
    pub const MAX_SAME_TRUE_FALSE_SHARE: (usize, usize) = (2, 3);
    /// A set's multiple-answer items are judged for where their keys start from this many on.
    pub const MIN_MULTIPLE_ITEMS: usize = 2;
    /// One key is conspicuously long (guideline 28d) when it is at least this many times as long as
    /// the longest distractor...
    pub const KEY_LENGTH_RATIO: (usize, usize) = (3, 2);
    /// ...and at least this many characters longer, so that short options ("Yes", "Only once")
    /// are not flagged for a few letters.
    pub const KEY_LENGTH_MIN_EXTRA: usize = 12;
    /// Two options are near-duplicates when the Sørensen–Dice coefficient of their character
    /// bigrams (after normalising case, punctuation and spacing) reaches this share.
    pub const NEAR_DUPLICATE_DICE: (usize, usize) = (9, 10);
    /// Options shorter than this (normalised characters) are compared only for equality: "Yes" and
    /// "Yes." are duplicates, but short distinct labels are not near-duplicates of each other.
    pub const NEAR_DUPLICATE_MIN_CHARS: usize = 8;
    /// Feedback of fewer words than this says only "Right" or "Wrong", not why.
    pub const MIN_FEEDBACK_WORDS: usize = 3;
    /// A test-wise strategy may answer fewer than this share of a set (checked as `score * 2 < n`).
    pub const MAX_TESTWISE_SHARE: (usize, usize) = (1, 2);
}

/// The word lists the rules that depend on words use, per content language.
#[derive(Debug, Clone, Copy)]
pub struct Lexicon {
    /// Specific determiners (guideline 28a): words that make an option sweeping.
    pub absolutes: &'static [&'static str],
    /// "All of the above" and its kin (guideline 26).
    pub all_of_the_above: &'static [&'static str],
    /// "None of the above" and its kin (guideline 25).
    pub none_of_the_above: &'static [&'static str],
    /// Words that make a stem negative (guideline 17).
    pub negations: &'static [&'static str],
    /// Whether words are delimited by spaces. Chinese is matched by substring instead.
    pub spaced: bool,
}

const ENGLISH: Lexicon = Lexicon {
    absolutes: &[
        "always",
        "never",
        "completely",
        "absolutely",
        "totally",
        "entirely",
        "guaranteed",
        "guarantees",
        "guarantee",
        "impossible",
        "certainly",
        "invariably",
    ],
    all_of_the_above: &["all of the above", "all of these", "both of the above"],
    none_of_the_above: &["none of the above", "none of these", "neither of the above"],
    // "-n't" stands for any word ending in n't: don't, can't, isn't.
    negations: &["not", "except", "never", "least", "cannot", "-n't"],
    spaced: true,
};

const CHINESE: Lexicon = Lexicon {
    absolutes: &[
        "总是",
        "永远",
        "从不",
        "从来不",
        "绝对",
        "完全",
        "一定",
        "保证",
        "必然",
        "始终",
        "毫无",
    ],
    all_of_the_above: &["以上都是", "以上皆是", "以上全部", "以上均是", "以上都对"],
    none_of_the_above: &["以上都不是", "以上皆非", "以上均不是", "以上都不对"],
    negations: &[
        "不是",
        "不应",
        "不能",
        "不会",
        "不属于",
        "不包括",
        "不正确",
        "除了",
        "错误的是",
        "没有",
    ],
    spaced: false,
};

impl Lexicon {
    /// The word lists for a BCP 47 tag: Chinese for `zh` and its subtags, English otherwise.
    pub fn for_language(tag: &str) -> &'static Lexicon {
        let primary = tag.split('-').next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("zh") {
            &CHINESE
        } else {
            &ENGLISH
        }
    }

    /// The first word of `list` that occurs in `text` as a word (spaced languages) or as a
    /// substring, ignoring case and Markdown emphasis markers.
    fn find<'a>(&self, list: &[&'a str], text: &str) -> Option<&'a str> {
        let plain = plain_lower(text);
        list.iter().copied().find(|word| {
            if self.spaced {
                contains_word(&plain, word)
            } else {
                plain.contains(word)
            }
        })
    }
}

/// Lower-cased text with emphasis and code markers removed and curly apostrophes straightened.
fn plain_lower(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .map(|c| if c == '’' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `phrase` occurs in `text` with no letter or digit right before or after it. A phrase
/// written with a leading hyphen (`-n't`) is a word ending and only needs the boundary after it.
fn contains_word(text: &str, phrase: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric();
    let (suffix, phrase) = match phrase.strip_prefix('-') {
        Some(ending) => (true, ending),
        None => (false, phrase),
    };
    let mut from = 0;
    while let Some(found) = text[from..].find(phrase) {
        let start = from + found;
        let end = start + phrase.len();
        let before_ok = suffix || !text[..start].chars().next_back().is_some_and(is_word);
        let after_ok = !text[end..].chars().next().is_some_and(is_word);
        if before_ok && after_ok {
            return true;
        }
        from = start + phrase.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Length as the linter counts it: characters of the trimmed text, without emphasis markers.
fn length(text: &str) -> usize {
    text.trim()
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .count()
}

/// The option indexes of a question's key, in file order.
fn key_positions(question: &Question) -> Vec<usize> {
    question
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.correct)
        .map(|(i, _)| i)
        .collect()
}

/// Whether exactly one option is correct and the kind asks for one answer.
fn is_single_answer(question: &Question) -> bool {
    matches!(question.kind, QuestionKind::Single | QuestionKind::Scenario)
        && question.options.len() >= 2
        && key_positions(question).len() == 1
}

/// Index of the strictly longest option, if one option is longer than all others.
fn strictly_longest(question: &Question) -> Option<usize> {
    let lengths: Vec<usize> = question.options.iter().map(|o| length(&o.text)).collect();
    let max = *lengths.iter().max()?;
    let mut at = lengths.iter().enumerate().filter(|(_, l)| **l == max);
    let (index, _) = at.next()?;
    at.next().is_none().then_some(index)
}

/// Index of the strictly shortest option, if one option is shorter than all others.
fn strictly_shortest(question: &Question) -> Option<usize> {
    let lengths: Vec<usize> = question.options.iter().map(|o| length(&o.text)).collect();
    let min = *lengths.iter().min()?;
    let mut at = lengths.iter().enumerate().filter(|(_, l)| **l == min);
    let (index, _) = at.next()?;
    at.next().is_none().then_some(index)
}

/// A strategy a test-wise learner can play without knowing the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strategy {
    /// The longest option; "False" on true/false; the k longest options on a multiple-answer item,
    /// where k is the number of keys (a prompt often gives it away). Ties go to the first option.
    Longest,
    /// The option in one fixed position of the file (on multiple-answer items, the k options
    /// starting there), with the position that scores best over the set.
    Position,
    /// The shortest option; "True" on true/false; the k shortest on a multiple-answer item. The
    /// mirror of [`Strategy::Longest`], which catches keys trimmed until they stand out as short.
    Shortest,
    /// "False" on every true/false item, and nothing right elsewhere.
    AlwaysFalse,
    /// The k longest options on every multiple-answer item, and nothing right elsewhere.
    KLongest,
    /// The best strategy for each kind of item, chosen separately and added up: the strongest
    /// learner who uses no content knowledge at all.
    Combined,
}

impl Strategy {
    pub const ALL: [Strategy; 6] = [
        Strategy::Longest,
        Strategy::Shortest,
        Strategy::Position,
        Strategy::AlwaysFalse,
        Strategy::KLongest,
        Strategy::Combined,
    ];

    /// How the strategy reads in a message.
    pub fn describe(self) -> &'static str {
        match self {
            Strategy::Longest => "picking the longest option",
            Strategy::Shortest => "picking the shortest option",
            Strategy::Position => "picking the same position every time",
            Strategy::AlwaysFalse => "answering \"False\"",
            Strategy::KLongest => "picking the k longest options",
            Strategy::Combined => "combining those cues",
        }
    }
}

/// The options a strategy picks for one item, as a set of indexes.
fn pick_longest(question: &Question, count: usize) -> BTreeSet<usize> {
    let mut order: Vec<usize> = (0..question.options.len()).collect();
    // Stable sort: among equal lengths the earlier option comes first.
    order.sort_by_key(|&i| std::cmp::Reverse(length(&question.options[i].text)));
    order.into_iter().take(count).collect()
}

fn pick_shortest(question: &Question, count: usize) -> BTreeSet<usize> {
    let mut order: Vec<usize> = (0..question.options.len()).collect();
    order.sort_by_key(|&i| length(&question.options[i].text));
    order.into_iter().take(count).collect()
}

fn shortest_answer(question: &Question) -> BTreeSet<usize> {
    match question.kind {
        QuestionKind::TrueFalse => question
            .options
            .iter()
            .position(|o| o.id == "true")
            .into_iter()
            .collect(),
        QuestionKind::Multiple => pick_shortest(question, key_positions(question).len()),
        _ => pick_shortest(question, 1),
    }
}

fn false_index(question: &Question) -> Option<usize> {
    question.options.iter().position(|o| o.id == "false")
}

fn is_right(question: &Question, picked: &BTreeSet<usize>) -> bool {
    let key: BTreeSet<usize> = key_positions(question).into_iter().collect();
    !key.is_empty() && *picked == key
}

/// What the position strategy picks at position `at`: that option (or the last one), and on a
/// multiple-answer item the k options starting there.
fn pick_position(question: &Question, at: usize) -> BTreeSet<usize> {
    let n = question.options.len();
    if n == 0 {
        return BTreeSet::new();
    }
    let k = key_positions(question).len().max(1);
    let start = at.min(n.saturating_sub(k));
    (start..(start + k).min(n)).collect()
}

fn longest_answer(question: &Question) -> BTreeSet<usize> {
    match question.kind {
        QuestionKind::TrueFalse => false_index(question).into_iter().collect(),
        QuestionKind::Multiple => pick_longest(question, key_positions(question).len()),
        _ => pick_longest(question, 1),
    }
}

/// How many items of a set `strategy` answers correctly.
pub fn testwise_score(questions: &[Question], strategy: Strategy) -> usize {
    let right = |q: &Question, picked: BTreeSet<usize>| usize::from(is_right(q, &picked));
    match strategy {
        Strategy::Longest => questions.iter().map(|q| right(q, longest_answer(q))).sum(),
        Strategy::Shortest => questions.iter().map(|q| right(q, shortest_answer(q))).sum(),
        Strategy::Position => best_position(questions.iter()),
        Strategy::AlwaysFalse => questions
            .iter()
            .filter(|q| q.kind == QuestionKind::TrueFalse)
            .map(|q| right(q, false_index(q).into_iter().collect()))
            .sum(),
        Strategy::KLongest => questions
            .iter()
            .filter(|q| q.kind == QuestionKind::Multiple)
            .map(|q| right(q, longest_answer(q)))
            .sum(),
        Strategy::Combined => {
            let of_kind = |kinds: &[QuestionKind]| -> Vec<&Question> {
                questions
                    .iter()
                    .filter(|q| kinds.contains(&q.kind))
                    .collect()
            };
            let best_for = |items: Vec<&Question>| -> usize {
                let longest: usize = items.iter().map(|q| right(q, longest_answer(q))).sum();
                let shortest: usize = items.iter().map(|q| right(q, shortest_answer(q))).sum();
                let all_true: usize = items
                    .iter()
                    .filter(|q| q.kind == QuestionKind::TrueFalse)
                    .map(|q| {
                        let pick = q.options.iter().position(|o| o.id == "true");
                        right(q, pick.into_iter().collect())
                    })
                    .sum();
                longest
                    .max(shortest)
                    .max(best_position(items.iter().copied()))
                    .max(all_true)
            };
            best_for(of_kind(&[QuestionKind::Single, QuestionKind::Scenario]))
                + best_for(of_kind(&[QuestionKind::TrueFalse]))
                + best_for(of_kind(&[QuestionKind::Multiple]))
        }
    }
}

fn best_position<'a>(questions: impl Iterator<Item = &'a Question> + Clone) -> usize {
    let widest = questions
        .clone()
        .map(|q| q.options.len())
        .max()
        .unwrap_or(0);
    (0..widest)
        .map(|at| {
            questions
                .clone()
                .filter(|q| is_right(q, &pick_position(q, at)))
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// Where a set sits, and the field a finding about the whole set points at.
struct SetPlace {
    location: Vec<Segment>,
    field: &'static str,
    /// For a final-assessment bank: the questions drawn and the share needed to pass.
    draw: Option<(usize, u8)>,
    /// "knowledge check", "scenario" or "final-assessment bank", for messages.
    name: &'static str,
}

/// Every item-writing finding in a pack, as warnings.
pub fn lint(pack: &Pack) -> Vec<Problem> {
    let lexicon = Lexicon::for_language(&pack.language);
    let mut out = Vec::new();
    for track in &pack.tracks {
        let at_track = vec![Segment::Track(track.id.clone())];
        for module in &track.modules {
            let mut at_module = at_track.clone();
            at_module.push(Segment::Module(module.id.clone()));
            lint_set(
                &module.check.questions,
                &SetPlace {
                    location: at_module.clone(),
                    field: "check",
                    draw: None,
                    name: "knowledge check",
                },
                lexicon,
                &mut out,
            );
            for scenario in &module.scenarios {
                let mut at = at_module.clone();
                at.push(Segment::Scenario(scenario.id.clone()));
                lint_set(
                    &scenario.questions,
                    &SetPlace {
                        location: at,
                        field: "questions",
                        draw: None,
                        name: "scenario",
                    },
                    lexicon,
                    &mut out,
                );
            }
        }
        let mut at_bank = at_track.clone();
        at_bank.push(Segment::Bank);
        let rules = &track.certification;
        lint_set(
            &rules.bank,
            &SetPlace {
                location: at_bank,
                field: "bank",
                draw: Some((rules.assessment_size as usize, rules.pass_mark)),
                name: "final-assessment bank",
            },
            lexicon,
            &mut out,
        );
    }
    out
}

fn warn(out: &mut Vec<Problem>, location: Vec<Segment>, field: &'static str, message: String) {
    out.push(Problem {
        severity: Severity::Warning,
        location,
        field: Some(field),
        message,
    });
}

fn lint_set(questions: &[Question], place: &SetPlace, lexicon: &Lexicon, out: &mut Vec<Problem>) {
    use thresholds::*;
    for (n, question) in questions.iter().enumerate() {
        let mut at = place.location.clone();
        at.push(Segment::Question(n + 1));
        lint_item(question, &at, lexicon, out);
    }

    let singles: Vec<&Question> = questions.iter().filter(|q| is_single_answer(q)).collect();
    if singles.len() >= MIN_SET_ITEMS {
        let longest = singles
            .iter()
            .filter(|q| strictly_longest(q).is_some_and(|i| key_positions(q) == [i]))
            .count();
        let (num, den) = MAX_LONGEST_KEY_SHARE;
        if longest * den > singles.len() * num {
            warn(
                out,
                place.location.clone(),
                place.field,
                format!(
                    "in this {}, the correct option is the longest in {longest} of {} single-answer questions: a learner who picks the longest option gains (guideline 24: keep options about equal in length; shorten keys rather than pad distractors)",
                    place.name,
                    singles.len()
                ),
            );
        }
        let shortest = singles
            .iter()
            .filter(|q| strictly_shortest(q).is_some_and(|i| key_positions(q) == [i]))
            .count();
        if shortest * den > singles.len() * num {
            warn(
                out,
                place.location.clone(),
                place.field,
                format!(
                    "in this {}, the correct option is the shortest in {shortest} of {} single-answer questions: a learner who picks the shortest option gains (guideline 24: vary which option is longest)",
                    place.name,
                    singles.len()
                ),
            );
        }
        let sized: Vec<&&Question> = singles.iter().filter(|q| q.options.len() >= 3).collect();
        if sized.len() >= MIN_SET_ITEMS {
            let mut counts = [0usize; super::validate::limits::OPTIONS];
            for q in &sized {
                if let Some(c) = key_positions(q).first().and_then(|&k| counts.get_mut(k)) {
                    *c += 1;
                }
            }
            let (position, most) = counts
                .iter()
                .enumerate()
                .max_by_key(|(i, c)| (**c, std::cmp::Reverse(*i)))
                .map(|(i, c)| (i, *c))
                .unwrap_or((0, 0));
            let (num, den) = MAX_POSITION_SHARE;
            if most * den > sized.len() * num {
                warn(
                    out,
                    place.location.clone(),
                    place.field,
                    format!(
                        "in this {}, the correct option is option {} in {most} of {} questions: vary its position (guideline 20)",
                        place.name,
                        position + 1,
                        sized.len()
                    ),
                );
            }
        }
    }

    let multiples: Vec<&Question> = questions
        .iter()
        .filter(|q| q.kind == QuestionKind::Multiple && q.options.len() >= 3)
        .collect();
    if multiples.len() >= MIN_MULTIPLE_ITEMS
        && multiples
            .iter()
            .all(|q| key_positions(q).first() == Some(&0))
    {
        warn(
            out,
            place.location.clone(),
            place.field,
            format!(
                "in this {}, every one of the {} multiple-answer questions has option 1 among its correct options: let some keys start later (guideline 20)",
                place.name,
                multiples.len()
            ),
        );
    }

    let true_false: Vec<&Question> = questions
        .iter()
        .filter(|q| q.kind == QuestionKind::TrueFalse)
        .collect();
    if true_false.len() >= MIN_TRUE_FALSE_ITEMS {
        let keyed_false = true_false
            .iter()
            .filter(|q| false_index(q).is_some_and(|i| key_positions(q) == [i]))
            .count();
        let keyed_true = true_false.len() - keyed_false;
        let (num, den) = MAX_SAME_TRUE_FALSE_SHARE;
        let (most, answer) = if keyed_false >= keyed_true {
            (keyed_false, "False")
        } else {
            (keyed_true, "True")
        };
        if most * den > true_false.len() * num {
            warn(
                out,
                place.location.clone(),
                place.field,
                format!(
                    "in this {}, {most} of {} true/false questions are answered \"{answer}\": balance them, so that always answering \"{answer}\" does not pay",
                    place.name,
                    true_false.len()
                ),
            );
        }
    }

    if questions.len() >= MIN_SET_ITEMS {
        let (num, den) = MAX_TESTWISE_SHARE;
        let n = questions.len();
        let mut scores: Vec<(Strategy, usize)> = Strategy::ALL
            .iter()
            .map(|s| (*s, testwise_score(questions, *s)))
            .collect();
        scores.sort_by_key(|(s, score)| (std::cmp::Reverse(*score), *s));
        let (strategy, best) = scores[0];
        let passes_draw = place.draw.and_then(|(size, pass_mark)| {
            let need = (usize::from(pass_mark) * size).div_ceil(100);
            (size > 0 && best.min(size) >= need).then_some((size, need))
        });
        if best * den >= n * num || passes_draw.is_some() {
            let mut message = format!(
                "in this {}, {} answers {best} of {n} questions correctly without any knowledge of the content",
                place.name,
                strategy.describe()
            );
            if let Some((size, need)) = passes_draw {
                message.push_str(&format!(
                    ", so a draw of {size} can reach the {need} needed to pass"
                ));
            }
            message.push_str(": remove the cues flagged above");
            warn(out, place.location.clone(), place.field, message);
        }
    }
}

fn lint_item(question: &Question, at: &[Segment], lexicon: &Lexicon, out: &mut Vec<Problem>) {
    use thresholds::*;
    let option_at = |i: usize| {
        let mut loc = at.to_vec();
        loc.push(Segment::Option(i + 1));
        loc
    };
    let keys = key_positions(question);

    // A conspicuously long key (guideline 28d).
    if is_single_answer(question) {
        let key = keys[0];
        let key_len = length(&question.options[key].text);
        let longest_distractor = question
            .options
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != key)
            .map(|(_, o)| length(&o.text))
            .max()
            .unwrap_or(0);
        let (num, den) = KEY_LENGTH_RATIO;
        if key_len * den >= longest_distractor * num
            && key_len >= longest_distractor + KEY_LENGTH_MIN_EXTRA
        {
            warn(
                out,
                option_at(key),
                "text",
                format!(
                    "the correct option is {key_len} characters long and the longest distractor {longest_distractor}: a conspicuously long key gives the answer away (guideline 28d)"
                ),
            );
        }
    }

    // "All of the above" / "none of the above" (guidelines 25 and 26).
    for (i, option) in question.options.iter().enumerate() {
        if let Some(phrase) = lexicon.find(lexicon.all_of_the_above, &option.text) {
            warn(
                out,
                option_at(i),
                "text",
                format!("\"{phrase}\" lets a learner who spots two right options answer without reading the rest (guideline 26): write a complete option instead"),
            );
        } else if let Some(phrase) = lexicon.find(lexicon.none_of_the_above, &option.text) {
            warn(
                out,
                option_at(i),
                "text",
                format!("\"{phrase}\" tests only what the answer is not (guideline 25): write a complete option instead"),
            );
        }
    }

    // Duplicate or near-duplicate options (guideline 22: keep choices independent).
    let normalised: Vec<String> = question
        .options
        .iter()
        .map(|o| normalise(&o.text))
        .collect();
    'pairs: for i in 0..normalised.len() {
        for j in (i + 1)..normalised.len() {
            let (a, b) = (&normalised[i], &normalised[j]);
            if a.is_empty() || b.is_empty() {
                continue;
            }
            let same = a == b;
            let near = !same
                && a.chars().count() >= NEAR_DUPLICATE_MIN_CHARS
                && b.chars().count() >= NEAR_DUPLICATE_MIN_CHARS
                && {
                    let (num, den) = NEAR_DUPLICATE_DICE;
                    let (shared, total) = dice(a, b);
                    total > 0 && shared * den >= total * num
                };
            if same || near {
                let what = if same {
                    "the same as"
                } else {
                    "nearly the same as"
                };
                warn(
                    out,
                    option_at(j),
                    "text",
                    format!(
                        "option {} is {what} option {}: make every option a distinct answer (guideline 22)",
                        j + 1,
                        i + 1
                    ),
                );
                break 'pairs;
            }
        }
    }

    // Absolute words only in distractors (guideline 28a).
    if question.kind != QuestionKind::TrueFalse && !keys.is_empty() {
        let key_has_absolute = keys.iter().any(|&k| {
            lexicon
                .find(lexicon.absolutes, &question.options[k].text)
                .is_some()
        });
        if !key_has_absolute {
            if let Some((i, word)) = question.options.iter().enumerate().find_map(|(i, o)| {
                (!o.correct)
                    .then(|| lexicon.find(lexicon.absolutes, &o.text))
                    .flatten()
                    .map(|w| (i, w))
            }) {
                warn(
                    out,
                    option_at(i),
                    "text",
                    format!(
                        "\"{word}\" appears only in distractors, so a test-wise learner rules them out (guideline 28a): drop the absolute word or use such words in keys too"
                    ),
                );
            }
        }
    }

    // A negative stem must make its negation stand out (guideline 17).
    if let Some(entry) = lexicon.find(lexicon.negations, &question.prompt) {
        let word = entry.trim_start_matches('-');
        if !negation_is_emphasised(&question.prompt, entry, lexicon) {
            warn(
                out,
                at.to_vec(),
                "prompt",
                format!(
                    "the prompt is negative (\"{word}\"): ask the question positively, or keep the negation and emphasise it as **{}** (guideline 17)",
                    if word == "n't" { "not" } else { word }
                ),
            );
        }
    }

    // Option feedback: every option explains itself, in its own words.
    let mut seen: Vec<(usize, String)> = Vec::new();
    for (i, option) in question.options.iter().enumerate() {
        let text = normalise(&option.feedback);
        if text.is_empty() {
            // An empty feedback is a validator error already.
            continue;
        }
        if super::pack::word_count(&option.feedback) < MIN_FEEDBACK_WORDS {
            warn(
                out,
                option_at(i),
                "feedback",
                format!(
                    "the feedback \"{}\" does not say why: explain what makes this option right or wrong",
                    option.feedback.trim()
                ),
            );
        } else if let Some((first, _)) = seen.iter().find(|(_, t)| *t == text) {
            warn(
                out,
                option_at(i),
                "feedback",
                format!(
                    "the feedback repeats option {}'s word for word: say why this option in particular is right or wrong",
                    first + 1
                ),
            );
        } else {
            seen.push((i, text));
        }
    }
}

/// Whether a negation in `prompt` is inside Markdown emphasis (`*not*`, `**NOT**`, `_not_`).
fn negation_is_emphasised(prompt: &str, word: &str, lexicon: &Lexicon) -> bool {
    let mut inside = false;
    let mut span = String::new();
    let mut spans = Vec::new();
    let mut chars = prompt.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '*' || c == '_' {
            while chars.peek() == Some(&c) {
                chars.next();
            }
            if inside {
                spans.push(std::mem::take(&mut span));
            }
            inside = !inside;
        } else if inside {
            span.push(c);
        }
    }
    spans.iter().any(|s| lexicon.find(&[word], s).is_some())
}

/// Lower case, letters and digits only, single spaces: for comparing options and feedback.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

/// The Sørensen–Dice coefficient of two texts' character bigrams, as (2 × shared, total), in
/// linear time: bigram multisets are sorted and merged.
fn dice(a: &str, b: &str) -> (usize, usize) {
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().collect();
        let mut pairs: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        pairs.sort_unstable();
        pairs
    };
    let (x, y) = (bigrams(a), bigrams(b));
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * shared, x.len() + y.len())
}

#[cfg(test)]
mod tests;
