//! Quiz scoring: knowledge checks, scenario exercises and final assessments all score the same way.
//! A question is right when exactly its correct options were chosen; partial answers earn nothing, so
//! "choose everything" never pays on multiple-answer questions.

use std::collections::{BTreeMap, BTreeSet};

use super::pack::Question;

/// How one question was answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionResult {
    pub question_id: String,
    pub chosen: BTreeSet<String>,
    pub correct: bool,
    /// Correct options the learner did not choose.
    pub missed: BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizResult {
    pub correct: u32,
    pub total: u32,
    pub pass_mark: u8,
    pub questions: Vec<QuestionResult>,
}

impl QuizResult {
    /// Each question and whether it was answered right, as an attempt records it.
    pub fn answers(&self) -> Vec<crate::domain::progress::Answer> {
        self.questions
            .iter()
            .map(|q| crate::domain::progress::Answer {
                question: q.question_id.clone(),
                correct: q.correct,
            })
            .collect()
    }

    /// The score as a whole percentage, rounded down so that a result is never shown above what
    /// was earned.
    pub fn percent(&self) -> u8 {
        if self.total == 0 {
            return 0;
        }
        ((u64::from(self.correct) * 100) / u64::from(self.total)) as u8
    }

    /// Passing compares exactly (`correct / total >= pass_mark / 100`), without rounding.
    pub fn passed(&self) -> bool {
        self.total > 0
            && u64::from(self.correct) * 100 >= u64::from(self.pass_mark) * u64::from(self.total)
    }

    pub fn mistakes(&self) -> impl Iterator<Item = &QuestionResult> {
        self.questions.iter().filter(|q| !q.correct)
    }
}

/// The ids of a question's correct options.
pub fn correct_options(question: &Question) -> BTreeSet<String> {
    question
        .options
        .iter()
        .filter(|o| o.correct)
        .map(|o| o.id.clone())
        .collect()
}

/// Scores answers (question id → chosen option ids) against questions. Unanswered questions count
/// as wrong; answers to unknown questions are ignored.
pub fn score(
    questions: &[Question],
    answers: &BTreeMap<String, BTreeSet<String>>,
    pass_mark: u8,
) -> QuizResult {
    let results: Vec<QuestionResult> = questions
        .iter()
        .map(|question| {
            let chosen = answers.get(&question.id).cloned().unwrap_or_default();
            let expected = correct_options(question);
            QuestionResult {
                question_id: question.id.clone(),
                correct: !expected.is_empty() && chosen == expected,
                missed: expected.difference(&chosen).cloned().collect(),
                chosen,
            }
        })
        .collect();
    QuizResult {
        correct: results.iter().filter(|r| r.correct).count() as u32,
        total: results.len() as u32,
        pass_mark,
        questions: results,
    }
}

/// A small deterministic generator (xorshift64*), so shuffles can be replayed in tests and the
/// domain needs no randomness source of its own. The browser seeds it.
#[derive(Debug, Clone)]
pub struct Shuffler(u64);

impl Shuffler {
    pub fn new(seed: u64) -> Shuffler {
        // Zero is a fixed point of xorshift; any other constant works.
        Shuffler(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A uniformly random index below `n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A random permutation of `0..n` (Fisher–Yates).
    pub fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = self.below(i + 1);
            order.swap(i, j);
        }
        order
    }

    /// `size` distinct indices below `n`, in random order; all of them if `size >= n`.
    pub fn draw(&mut self, n: usize, size: usize) -> Vec<usize> {
        let mut order = self.permutation(n);
        order.truncate(size.min(n));
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pack::{AnswerOption, QuestionKind};

    fn question(id: &str, kind: QuestionKind, correct: &[&str], options: &[&str]) -> Question {
        Question {
            id: id.into(),
            kind,
            prompt: "?".into(),
            options: options
                .iter()
                .map(|o| AnswerOption {
                    id: (*o).into(),
                    text: (*o).into(),
                    correct: correct.contains(o),
                    feedback: "because".into(),
                })
                .collect(),
            explanation: "why".into(),
            objectives: Vec::new(),
        }
    }

    fn chosen(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_question_is_right_only_with_exactly_the_correct_options() {
        let multi = question("m", QuestionKind::Multiple, &["a", "b"], &["a", "b", "c"]);
        let single = question("s", QuestionKind::Single, &["b"], &["a", "b", "c"]);
        let cases: [(&Question, &[&str], bool, &[&str]); 7] = [
            (&multi, &["a", "b"], true, &[]),
            (&multi, &["a"], false, &["b"]),
            (&multi, &["a", "b", "c"], false, &[]),
            (&multi, &[], false, &["a", "b"]),
            (&single, &["b"], true, &[]),
            (&single, &["a"], false, &["b"]),
            (&single, &["a", "b"], false, &[]),
        ];
        for (q, picks, want, missed) in cases {
            let answers = BTreeMap::from([(q.id.clone(), chosen(picks))]);
            let result = score(std::slice::from_ref(q), &answers, 80);
            assert_eq!(result.questions[0].correct, want, "{} with {picks:?}", q.id);
            assert_eq!(
                result.questions[0].missed,
                chosen(missed),
                "{} with {picks:?}",
                q.id
            );
        }
    }

    #[test]
    fn pass_mark_is_compared_exactly() {
        let cases = [
            (4, 5, 80, true, 80),
            (3, 5, 80, false, 60),
            (2, 3, 67, false, 66),
            (2, 3, 66, true, 66),
            (0, 0, 1, false, 0),
            (10, 10, 100, true, 100),
        ];
        for (correct, total, pass_mark, passed, percent) in cases {
            let result = QuizResult {
                correct,
                total,
                pass_mark,
                questions: vec![],
            };
            assert_eq!(result.passed(), passed, "{correct}/{total} at {pass_mark}");
            assert_eq!(result.percent(), percent, "{correct}/{total}");
        }
    }

    #[test]
    fn unanswered_questions_are_wrong_and_stray_answers_ignored() {
        let qs = vec![
            question("q1", QuestionKind::TrueFalse, &["true"], &["true", "false"]),
            question("q2", QuestionKind::Single, &["a"], &["a", "b"]),
        ];
        let answers = BTreeMap::from([
            ("q1".to_owned(), chosen(&["true"])),
            ("ghost".to_owned(), chosen(&["a"])),
        ]);
        let result = score(&qs, &answers, 50);
        assert_eq!((result.correct, result.total), (1, 2));
        assert!(result.passed());
        assert_eq!(
            result
                .mistakes()
                .map(|m| m.question_id.as_str())
                .collect::<Vec<_>>(),
            ["q2"]
        );
    }

    #[test]
    fn shuffles_are_permutations_and_vary_with_the_seed() {
        let a = Shuffler::new(1).permutation(10);
        let b = Shuffler::new(2).permutation(10);
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
        assert_ne!(a, b);
        assert_eq!(a, Shuffler::new(1).permutation(10), "same seed, same order");
        assert_eq!(Shuffler::new(0).permutation(0), Vec::<usize>::new());
    }

    #[test]
    fn draws_are_distinct_and_cover_the_bank_over_time() {
        let mut rng = Shuffler::new(7);
        let mut seen = BTreeSet::new();
        for _ in 0..50 {
            let draw = rng.draw(15, 10);
            assert_eq!(draw.len(), 10);
            assert_eq!(draw.iter().collect::<BTreeSet<_>>().len(), 10);
            seen.extend(draw);
        }
        assert_eq!(seen.len(), 15);
        assert_eq!(rng.draw(3, 10).len(), 3);
    }
}
