//! `/learn/review`: spaced review. Today's due cards one at a time (the question re-shuffled, with
//! feedback on every option), what is due today and this week, and the next 14 days. A session can
//! stop at any moment: every answer is recorded as it is given, and what is still due stays due.
//! `?renew=<track>` runs a review renewal instead: the track's due cards as one short assessment,
//! recorded as its final. The rules are in `domain::review`.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::gate::WithPack;
use crate::components::page_title::PageTitle;
use crate::components::quiz::{Answers, QuestionView, Quiz};
use crate::domain::calendar::{local_date, local_day_number};
use crate::domain::edition::source_fingerprints;
use crate::domain::pack::{Pack, Question, QuestionKind};
use crate::domain::progress::final_key;
use crate::domain::quiz::{score, Shuffler};
use crate::domain::review::{
    cards, plan, recall_of_track, renewal_session, states, CardState, Grade, Plan, Review,
};
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;
use crate::state::progress::{now, random_seed, use_progress, LocalZone};
use crate::state::review::use_reviews;

/// Days shown in the calendar strip.
const DAYS: usize = 14;

fn day_of(at: i64) -> i64 {
    local_day_number(at, &LocalZone)
}

/// The question behind a card key (`<module or track id>/<question id>`).
pub fn card_question<'a>(pack: &'a Pack, key: &str) -> Option<&'a Question> {
    let (scope, id) = key.split_once('/')?;
    for track in &pack.tracks {
        if track.id == scope {
            return track.certification.bank.iter().find(|q| q.id == id);
        }
        if let Some(module) = track.module(scope) {
            return module
                .check
                .questions
                .iter()
                .chain(module.scenarios.iter().flat_map(|s| &s.questions))
                .find(|q| q.id == id);
        }
    }
    None
}

/// Every card's state now, from the pack, the progress and the review log.
pub fn card_states(
    pack: &Pack,
    at: i64,
) -> Vec<(crate::domain::review::CardSource<'_>, CardState)> {
    let progress = use_progress();
    let reviews = use_reviews();
    let fingerprints = source_fingerprints(pack);
    progress.with(|p| {
        let all = cards(pack, p, &fingerprints);
        let now_states = reviews.with(|log| states(&all, log, at));
        all.into_iter().zip(now_states).collect()
    })
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let query = use_query_map();
    view! {
        <WithPack page=move |pack| {
            match query.with_untracked(|q| q.get("renew")) {
                Some(track) => view! { <RenewalSession pack=pack track=track/> }.into_any(),
                None => view! { <Review pack=pack/> }.into_any(),
            }
        }/>
    }
}

#[component]
fn Review(pack: Arc<Pack>) -> impl IntoView {
    let i18n = use_i18n();
    let reviews = use_reviews();
    let progress = use_progress();
    // The moment the plan is made for; moved on after every answer.
    let clock = RwSignal::new(now());
    let for_plan = pack.clone();
    let today: Memo<Plan> = Memo::new(move |_| {
        let at = clock.get();
        progress.with(|_| ());
        let limit = reviews.with(|log| log.daily_limit());
        let done = reviews.with(|log| log.reviewed_on(at, &day_of));
        let pairs = card_states(&for_plan, at);
        let states: Vec<CardState> = pairs.into_iter().map(|(_, s)| s).collect();
        plan(&states, at, limit, done, DAYS, &day_of)
    });
    // The card on screen stays until the learner moves on, even once its answer is recorded.
    let current = RwSignal::new(None::<String>);
    let next_card = move || {
        let key = today.with(|p| p.today.first().cloned());
        current.set(key);
    };
    Effect::new(move |_| {
        if current.get_untracked().is_none() {
            next_card();
        }
    });

    let stats = move || {
        today.with(|p| {
            let items = [
                (Msg::ReviewDueToday, p.due_today),
                (Msg::ReviewDueWeek, p.due_this_week),
                (Msg::ReviewLearned, p.learned),
            ];
            items
                .into_iter()
                .map(|(label, value)| {
                    view! { <div class="stat"><dt>{i18n.s(label)}</dt><dd>{value}</dd></div> }
                })
                .collect_view()
        })
    };
    let calendar = move || {
        let start = clock.get();
        today.with(|p| {
            p.calendar
                .iter()
                .enumerate()
                .map(|(n, count)| {
                    let date = local_date(start + n as i64 * 86_400_000, &LocalZone);
                    let label = i18n.f(
                        Msg::ReviewDayCount,
                        &[("date", &date.iso()), ("count", &count.to_string())],
                    );
                    // Intensity by class, not by a style attribute: the CSP allows no inline styles.
                    let load = format!("day load-{}", (*count).div_ceil(5).min(4));
                    let title = label.clone();
                    view! {
                        <li class=load class:today=n == 0 title=title>
                            <span class="day-count" aria-hidden="true">{*count}</span>
                            <span class="visually-hidden">{label}</span>
                            <span class="day-date" aria-hidden="true">{format!("{:02}-{:02}", date.month, date.day)}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let limit_value = RwSignal::new(reviews.with_untracked(|log| log.daily_limit()).to_string());
    let save_limit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Ok(value) = limit_value.get_untracked().trim().parse::<u32>() {
            let at = now();
            reviews.update(|log| log.set_daily_limit(value, at));
            limit_value.set(reviews.with_untracked(|log| log.daily_limit()).to_string());
            clock.set(now());
        }
    };

    let card_pack = pack.clone();
    let card = move || {
        let key = current.get();
        let Some(key) = key else {
            let learned = today.with(|p| p.learned);
            let text = if learned == 0 {
                i18n.t(Msg::ReviewNoCards).to_owned()
            } else {
                i18n.t(Msg::ReviewAllDone).to_owned()
            };
            return view! { <p class="notice success" role="status">{text}</p> }.into_any();
        };
        let Some(question) = card_question(&card_pack, &key).cloned() else {
            return ().into_any();
        };
        let fingerprint = source_fingerprints(&card_pack)
            .get(&key)
            .cloned()
            .unwrap_or_default();
        // Untracked: the card must not be rebuilt (losing its feedback) when its answer moves the plan.
        let left = today.with_untracked(|p| p.today.len());
        view! {
            <ReviewCard
                pack=card_pack.clone()
                key=key.clone()
                question=question
                fingerprint=fingerprint
                left=left
                on_answer=Callback::new(move |_| clock.set(now()))
                on_next=Callback::new(move |_| { clock.set(now()); next_card(); })
            />
        }
        .into_any()
    };

    view! {
        <section class="page narrow review-page">
            <nav class="breadcrumb" aria-label=i18n.s(Msg::LearnBreadcrumb)>
                <A exact=true href="/learn">{i18n.s(Msg::LearnBackToCatalog)}</A>
            </nav>
            <header class="page-header">
                <PageTitle text=i18n.sf(Msg::ReviewTitle, vec![])/>
                <p class="lead">{i18n.s(Msg::ReviewIntro)}</p>
            </header>
            <dl class="stats">{stats}</dl>
            <section class="card" aria-labelledby="review-calendar-heading">
                <h2 id="review-calendar-heading">{i18n.s(Msg::ReviewCalendar)}</h2>
                <ol class="plain review-calendar">{calendar}</ol>
            </section>
            {card}
            <form class="card form review-limit" on:submit=save_limit>
                <div class="field">
                    <label for="review-limit">{i18n.s(Msg::ReviewLimit)}</label>
                    <input id="review-limit" type="number" min="1" max="500" inputmode="numeric"
                        prop:value=move || limit_value.get()
                        on:input=move |ev| limit_value.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button secondary small">{i18n.s(Msg::ReviewSaveLimit)}</button>
            </form>
        </section>
    }
}

/// One card: the question with its options re-shuffled, an "I guessed" box, and after the answer,
/// feedback on every option. The review is recorded when the learner checks the answer.
#[component]
fn ReviewCard(
    pack: Arc<Pack>,
    key: String,
    question: Question,
    fingerprint: String,
    left: usize,
    on_answer: Callback<()>,
    on_next: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reviews = use_reviews();
    let answers = RwSignal::new(Answers::new());
    let guessed = RwSignal::new(false);
    let graded = RwSignal::new(None::<crate::domain::quiz::QuestionResult>);
    let next_due = RwSignal::new(None::<String>);
    let problem = RwSignal::new(false);
    let seed = random_seed();
    let order: Vec<usize> = match question.kind {
        QuestionKind::TrueFalse => (0..question.options.len()).collect(),
        _ => Shuffler::new(seed).permutation(question.options.len()),
    };
    let for_check = question.clone();
    let card = key.clone();
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if graded.get_untracked().is_some() {
            on_next.run(());
            return;
        }
        let chosen =
            answers.with_untracked(|a| a.get(&for_check.id).is_some_and(|s| !s.is_empty()));
        if !chosen {
            problem.set(true);
            return;
        }
        problem.set(false);
        let result = answers.with_untracked(|a| score(std::slice::from_ref(&for_check), a, 100));
        let Some(outcome) = result.questions.into_iter().next() else {
            return;
        };
        let at = now();
        reviews.record(Review {
            id: format!("{:x}", random_seed()),
            card: card.clone(),
            at,
            grade: Grade::of(outcome.correct, guessed.get_untracked()),
            fingerprint: fingerprint.clone(),
        });
        graded.set(Some(outcome));
        // Say when the card comes back, so the learner sees the schedule react to the answer.
        let due = card_states(&pack, at)
            .into_iter()
            .find(|(c, _)| c.key == card)
            .map(|(_, s)| local_date(s.due, &LocalZone).iso());
        next_due.set(due);
        on_answer.run(());
    };
    let view_question = question.clone();
    let view_order = order.clone();
    let body = move || {
        view! {
            <QuestionView
                question=view_question.clone()
                order=view_order.clone()
                number=1
                total="1".to_owned()
                answers=answers
                graded=graded.get()
            />
        }
    };
    view! {
        <form class="quiz review-card" on:submit=check novalidate aria-labelledby="review-card-heading">
            <h2 id="review-card-heading" class="eyebrow">{i18n.sf(Msg::ReviewLeft, vec![("count", left.to_string())])}</h2>
            <ol class="questions">{body}</ol>
            <Show when=move || graded.get().is_none()>
                <div class="field checkbox">
                    <input id="review-guessed" type="checkbox" prop:checked=move || guessed.get()
                        on:change=move |ev| guessed.set(event_target_checked(&ev))/>
                    <label for="review-guessed">{i18n.s(Msg::ReviewGuessed)}</label>
                </div>
            </Show>
            {move || next_due.get().map(|date| view! {
                <p class="meta" role="status" data-testid="next-due">{i18n.f(Msg::ReviewNextDue, &[("date", &date)])}</p>
            })}
            <div class="actions">
                <button type="submit" class="button primary">
                    {move || if graded.get().is_some() { i18n.t(Msg::ReviewNext) } else { i18n.t(Msg::ReviewCheck) }}
                </button>
                <p class="form-error" role="alert">{move || problem.get().then(|| i18n.t(Msg::ReviewChoose))}</p>
            </div>
        </form>
    }
}

/// A review renewal: the track's due cards as one short assessment at the track's pass mark,
/// recorded as the track's final, when the track allows it and the learner's recall is above 0.9.
#[component]
fn RenewalSession(pack: Arc<Pack>, track: String) -> impl IntoView {
    let i18n = use_i18n();
    let at = now();
    let Some(rules) = pack.track(&track).map(|t| {
        (
            t.certification.review_renewal,
            t.certification.pass_mark,
            t.title.clone(),
        )
    }) else {
        return view! { <super::gate::MissingContent/> }.into_any();
    };
    let (allowed, pass_mark, title) = rules;
    let pairs = card_states(&pack, at);
    let (sources, states): (Vec<_>, Vec<_>) = pairs.into_iter().unzip();
    let recall = recall_of_track(&sources, &states, &track, at);
    let session = renewal_session(allowed, recall, &sources, &states, &track, at);
    let certify = format!("/learn/{track}/certify");
    let heading = i18n.sf(Msg::ReviewRenewTitle, vec![("track", title)]);
    match session.filter(|keys| !keys.is_empty()) {
        None => view! {
            <section class="page narrow">
                <PageTitle text=heading/>
                <p class="notice warning" role="status">{i18n.s(Msg::ReviewRenewUnavailable)}</p>
                <A href=certify attr:class="button secondary">{i18n.s(Msg::CertifyLink)}</A>
            </section>
        }
        .into_any(),
        Some(keys) => {
            let questions: Vec<Question> = keys
                .iter()
                .filter_map(|k| card_question(&pack, k).cloned())
                .collect();
            let count = questions.len().to_string();
            view! {
                <section class="page narrow">
                    <PageTitle text=heading/>
                    <p class="lead">{i18n.sf(Msg::ReviewRenewIntro, vec![("count", count), ("mark", pass_mark.to_string())])}</p>
                    <Quiz questions=questions pass_mark=pass_mark quiz_key=final_key(&track)/>
                    <A href=certify attr:class="button secondary">{i18n.s(Msg::CertifyLink)}</A>
                </section>
            }
            .into_any()
        }
    }
}

/// Recall per objective id, now, for the learner's cards in this pack.
pub fn recall_now(pack: &Pack) -> std::collections::BTreeMap<String, f64> {
    let at = now();
    let pairs = card_states(pack, at);
    let (sources, states): (Vec<_>, Vec<_>) = pairs.into_iter().unzip();
    crate::domain::review::recall_by_objective(&sources, &states, at)
}

/// Recall per objective over the whole pack, once every track has arrived: a track's pages load
/// their own track first (so they paint quickly) and fill in recall when the rest is in, since a
/// card from another track (a final assessment's, say) can test the same objective. A learner
/// with no passed attempt has no cards (`domain::review::cards`), so nothing is fetched for them:
/// every objective shows "no cards yet" at once.
pub fn recall_when_whole() -> Memo<Option<std::collections::BTreeMap<String, f64>>> {
    let curriculum = crate::state::curriculum::use_curriculum();
    let progress = use_progress();
    Memo::new(move |_| {
        if progress.with(|p| p.attempts.is_empty()) {
            return Some(std::collections::BTreeMap::new());
        }
        let whole = curriculum
            .pack_for(&crate::state::curriculum::Needs::Whole)?
            .ok()?;
        Some(recall_now(&whole))
    })
}

/// An objective's recall from [`recall_when_whole`]: nothing until it is known, then the bar.
#[component]
pub fn RecallOf(
    recall: Memo<Option<std::collections::BTreeMap<String, f64>>>,
    objective: String,
) -> impl IntoView {
    move || {
        recall.with(|known| {
            known
                .as_ref()
                .map(|r| view! { <RecallBar recall=r.get(&objective).copied()/> })
        })
    }
}

/// An objective's recall as a bar with its value in text; "no cards yet" when nothing tests it yet.
#[component]
pub fn RecallBar(recall: Option<f64>) -> impl IntoView {
    let i18n = use_i18n();
    match recall {
        Some(r) => {
            let percent = (r * 100.0).round().clamp(0.0, 100.0) as u32;
            let label = i18n.f(Msg::RecallLabel, &[("percent", &percent.to_string())]);
            view! {
                <span class="recall">
                    <progress max="100" value=percent.to_string() aria-hidden="true"></progress>
                    <span class="meta">{label}</span>
                </span>
            }
            .into_any()
        }
        None => view! { <span class="recall meta">{i18n.s(Msg::RecallNone)}</span> }.into_any(),
    }
}

/// "7 reviews due" with a link, for the dashboard; nothing before there are cards.
#[component]
pub fn ReviewsDue(pack: Arc<Pack>) -> impl IntoView {
    let i18n = use_i18n();
    let reviews = use_reviews();
    let progress = use_progress();
    let due = Memo::new(move |_| {
        let at = now();
        progress.with(|_| ());
        let limit = reviews.with(|log| log.daily_limit());
        let done = reviews.with(|log| log.reviewed_on(at, &day_of));
        let states: Vec<CardState> = card_states(&pack, at).into_iter().map(|(_, s)| s).collect();
        let plan = plan(&states, at, limit, done, 1, &day_of);
        (plan.today.len(), plan.learned)
    });
    move || {
        let (count, learned) = due.get();
        (learned > 0).then(|| {
            view! {
                <section class="card reviews-due" aria-labelledby="reviews-due-heading">
                    <h2 id="reviews-due-heading">{i18n.f(Msg::ReviewsDue, &[("count", &count.to_string())])}</h2>
                    <A href="/learn/review" attr:class="button primary small">{i18n.s(Msg::ReviewOpen)}</A>
                </section>
            }
        })
    }
}
