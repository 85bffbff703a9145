//! A quiz: knowledge checks, scenario exercises and final assessments. Questions and options are
//! shuffled for every attempt. After submitting a check or a scenario (formative: it is there to
//! teach), every option shows its feedback and the key. A final assessment (summative: a
//! certificate rests on it) shows only the score: a key shown after each try would let a learner
//! pass by remembering answers across draws from the bank rather than by knowing the material.

use std::collections::{BTreeMap, BTreeSet};

use leptos::html;
use leptos::prelude::*;

use crate::components::markdown::InlineMarkdown;
use crate::domain::pack::{Question, QuestionKind};
use crate::domain::progress::Attempt;
use crate::domain::quiz::{score, QuizResult, Shuffler};
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;
use crate::state::progress::{now, random_seed, use_progress};

/// Question id → the option ids chosen.
pub type Answers = BTreeMap<String, BTreeSet<String>>;

/// The questions in this attempt's order, each with its options in this attempt's order.
fn arrange(questions: &[Question], seed: u64) -> Vec<(Question, Vec<usize>)> {
    let mut rng = Shuffler::new(seed);
    rng.permutation(questions.len())
        .into_iter()
        .filter_map(|i| questions.get(i))
        .map(|q| {
            let order = match q.kind {
                // True comes before false, always: shuffling them only confuses.
                QuestionKind::TrueFalse => (0..q.options.len()).collect(),
                _ => rng.permutation(q.options.len()),
            };
            (q.clone(), order)
        })
        .collect()
}

#[component]
pub fn Quiz(
    /// The questions to ask.
    questions: Vec<Question>,
    /// Percentage needed to pass.
    pass_mark: u8,
    /// Where attempts are recorded in the learner's progress.
    #[prop(into)]
    quiz_key: String,
    /// Called instead of reshuffling when the learner retries, for quizzes that draw new questions.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
    /// A summative assessment (the final): once graded, the score and the pass mark are shown, but
    /// neither the questions' verdicts nor the key, the options' feedback or the explanations.
    #[prop(optional)]
    summative: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let progress = use_progress();
    let seed = RwSignal::new(random_seed());
    let answers = RwSignal::new(Answers::new());
    let result = RwSignal::new(None::<QuizResult>);
    let only_mistakes = RwSignal::new(false);
    let unanswered = RwSignal::new(0usize);
    let result_heading = NodeRef::<html::H2>::new();
    let questions = StoredValue::new(questions);
    let key = StoredValue::new(quiz_key);

    let arranged = Memo::new(move |_| questions.with_value(|qs| arrange(qs, seed.get())));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if result.get_untracked().is_some() {
            return;
        }
        let open = questions.with_value(|qs| {
            answers.with_untracked(|a| {
                qs.iter()
                    .filter(|q| a.get(&q.id).is_none_or(BTreeSet::is_empty))
                    .count()
            })
        });
        unanswered.set(open);
        if open > 0 {
            return;
        }
        let outcome =
            questions.with_value(|qs| answers.with_untracked(|a| score(qs, a, pass_mark)));
        let attempt = Attempt {
            id: format!("{:x}", seed.get_untracked()),
            at: now(),
            correct: outcome.correct,
            total: outcome.total,
            answers: outcome.answers(),
        };
        progress.update(|p| p.record_attempt(&key.get_value(), attempt));
        result.set(Some(outcome));
        request_animation_frame(move || {
            if let Some(heading) = result_heading.get_untracked() {
                let _ = heading.focus();
            }
        });
    };

    let retry = move |_| {
        if let Some(redraw) = on_retry {
            redraw.run(());
            return;
        }
        answers.set(Answers::new());
        result.set(None);
        only_mistakes.set(false);
        unanswered.set(0);
        seed.set(random_seed());
    };

    let summary = move || {
        result.get().map(|outcome| {
            let passed = outcome.passed();
            let (best, attempts) = progress.with(|p| {
                let k = key.get_value();
                (p.best(&k).map(|a| a.percent()).unwrap_or(0), p.attempt_count(&k))
            });
            view! {
                <div class=if passed { "quiz-result notice success" } else { "quiz-result notice warning" }>
                    <h2 tabindex="-1" node_ref=result_heading>
                        {if passed { i18n.s(Msg::QuizPassed) } else { i18n.s(Msg::QuizNotPassed) }}
                    </h2>
                    <p>
                        {i18n.sf(Msg::QuizScore, vec![
                            ("percent", outcome.percent().to_string()),
                            ("correct", outcome.correct.to_string()),
                            ("total", outcome.total.to_string()),
                        ])}
                        " "
                        {i18n.sf(Msg::QuizPassMark, vec![("mark", pass_mark.to_string())])}
                    </p>
                    <p class="meta">
                        {i18n.sf(Msg::QuizBest, vec![("percent", best.to_string()), ("count", attempts.to_string())])}
                    </p>
                    {summative.then(|| view! { <p>{i18n.s(Msg::QuizKeyWithheld)}</p> })}
                    <div class="actions">
                        <button type="button" class="button primary" on:click=retry>{i18n.s(Msg::QuizRetry)}</button>
                        {(!summative && (!passed || outcome.correct < outcome.total)).then(|| view! {
                            <button
                                type="button"
                                class="button secondary"
                                aria-pressed=move || only_mistakes.get().to_string()
                                on:click=move |_| only_mistakes.update(|v| *v = !*v)
                            >
                                {i18n.s(Msg::QuizShowMistakes)}
                            </button>
                        })}
                    </div>
                </div>
            }
        })
    };

    let total = move || arranged.with(Vec::len).to_string();
    let items = move || {
        let graded = result.get();
        if summative && graded.is_some() {
            // The graded questions stay off the page: even the learner's own choices beside a
            // score would show, over a few tries, which answers were right.
            return ().into_any();
        }
        arranged
            .get()
            .into_iter()
            .enumerate()
            .filter(|(_, (q, _))| {
                !only_mistakes.get()
                    || graded
                        .as_ref()
                        .is_some_and(|r| r.mistakes().any(|m| m.question_id == q.id))
            })
            .map(|(n, (question, order))| {
                let outcome = graded.as_ref().and_then(|r| {
                    r.questions
                        .iter()
                        .find(|x| x.question_id == question.id)
                        .cloned()
                });
                view! {
                    <QuestionView
                        question=question
                        order=order
                        number=n + 1
                        total=total()
                        answers=answers
                        graded=outcome
                    />
                }
            })
            .collect_view()
            .into_any()
    };

    view! {
        <form class="quiz" on:submit=submit novalidate>
            {summary}
            <ol class="questions">{items}</ol>
            <Show when=move || result.get().is_none()>
                <div class="actions">
                    <button type="submit" class="button primary">{i18n.s(Msg::QuizSubmit)}</button>
                    <p class="form-error" role="alert">
                        {move || (unanswered.get() > 0).then(|| {
                            i18n.f(Msg::QuizUnanswered, &[("count", &unanswered.get().to_string())])
                        })}
                    </p>
                </div>
            </Show>
        </form>
    }
}

/// One question of a quiz: its prompt, its options in `order`, and once `graded`, feedback on every
/// option and the explanation. Spaced review shows its cards with it too.
#[component]
pub fn QuestionView(
    question: Question,
    order: Vec<usize>,
    number: usize,
    total: String,
    answers: RwSignal<Answers>,
    graded: Option<crate::domain::quiz::QuestionResult>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Pack text carries the pack's language, which may not be the interface's.
    let lang = use_context::<crate::pages::learn::ContentLang>().map(|c| c.0);
    let multiple = question.kind == QuestionKind::Multiple;
    let input_type = if multiple { "checkbox" } else { "radio" };
    let qid = question.id.clone();
    let is_graded = graded.is_some();
    let options = order
        .into_iter()
        .filter_map(|i| question.options.get(i).cloned())
        .map(|option| {
            let input_id = format!("q-{}-{}", qid, option.id);
            let name = format!("q-{qid}");
            let (qid_check, qid_change) = (qid.clone(), qid.clone());
            let (oid_check, oid_change) = (option.id.clone(), option.id.clone());
            let chosen = graded.as_ref().is_some_and(|g| g.chosen.contains(&option.id));
            let marks = graded.as_ref().map(|_| {
                let class = match (chosen, option.correct) {
                    (true, true) => "option-review right",
                    (true, false) => "option-review wrong",
                    (false, true) => "option-review missed",
                    (false, false) => "option-review",
                };
                view! {
                    <div class=class>
                        {chosen.then(|| view! { <span class="badge">{i18n.s(Msg::QuizYourAnswer)}</span> })}
                        {option.correct.then(|| view! { <span class="badge correct">{i18n.s(Msg::QuizCorrectAnswer)}</span> })}
                        <p class="feedback" lang=lang.clone()>{option.feedback.clone()}</p>
                    </div>
                }
            });
            view! {
                <li class="option" class:chosen=chosen class:correct=move || is_graded && option.correct>
                    <div class="option-line">
                        <input
                            type=input_type
                            id=input_id.clone()
                            name=name
                            disabled=is_graded
                            prop:checked=move || answers.with(|a| a.get(&qid_check).is_some_and(|s| s.contains(&oid_check)))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                answers.update(|a| {
                                    let set = a.entry(qid_change.clone()).or_default();
                                    if !multiple {
                                        set.clear();
                                    }
                                    if on {
                                        set.insert(oid_change.clone());
                                    } else {
                                        set.remove(&oid_change);
                                    }
                                });
                            }
                        />
                        <label for=input_id lang=lang.clone()>{option.text.clone()}</label>
                    </div>
                    {marks}
                </li>
            }
        })
        .collect_view();
    let verdict = graded.as_ref().map(|g| {
        if g.correct {
            view! { <span class="verdict right">{i18n.s(Msg::QuizRight)}</span> }.into_any()
        } else {
            view! { <span class="verdict wrong">{i18n.s(Msg::QuizWrong)}</span> }.into_any()
        }
    });
    let explanation = graded.as_ref().map(|_| {
        let text = question.explanation.clone();
        view! {
            <p class="explanation"><strong>{i18n.s(Msg::QuizExplanation)}</strong>" "<span lang=lang.clone()>{text}</span></p>
        }
    });
    let number = number.to_string();
    view! {
        <li class="question card">
            <fieldset>
                <legend>
                    <span class="eyebrow">{i18n.sf(Msg::QuizQuestionOf, vec![("n", number), ("total", total)])}</span>
                    {verdict}
                    <span class="prompt"><InlineMarkdown source=question.prompt.clone()/></span>
                </legend>
                <ul class="options">{options}</ul>
            </fieldset>
            {explanation}
        </li>
    }
}
