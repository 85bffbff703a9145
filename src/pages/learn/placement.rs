//! The "not sure" placement: a few questions from the pack, then a recommended track.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::gate::WithPack;
use crate::components::markdown::InlineMarkdown;
use crate::components::page_title::PageTitle;
use crate::domain::placement::{recommend, Recommendation};
use crate::domain::progress::PlacementRecord;
use crate::i18n::Msg;
use crate::state::curriculum::Needs;
use crate::state::i18n::use_i18n;
use crate::state::profile::use_profile;
use crate::state::progress::{now, use_progress};

#[component]
pub fn PlacementPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <WithPack needs=Needs::Outline page=move |pack| {
            let answers = RwSignal::new(BTreeMap::<String, String>::new());
            let result = RwSignal::new(None::<Recommendation>);
            let unanswered = RwSignal::new(0usize);
            let total = pack.placement.len();
            let for_submit = pack.clone();
            let submit = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let open = total - answers.with_untracked(|a| {
                    for_submit.placement.iter().filter(|q| a.contains_key(&q.id)).count()
                });
                unanswered.set(open);
                if open == 0 {
                    result.set(answers.with_untracked(|a| recommend(&for_submit, a)));
                }
            };
            let for_questions = pack.clone();
            let questions = move || for_questions
                .placement
                .iter()
                .enumerate()
                .map(|(n, question)| {
                    let options = question
                        .options
                        .iter()
                        .map(|option| {
                            let input_id = format!("p-{}-{}", question.id, option.id);
                            let (qid, oid) = (question.id.clone(), option.id.clone());
                            view! {
                                <li class="option">
                                    <div class="option-line">
                                        <input
                                            type="radio"
                                            id=input_id.clone()
                                            name=format!("p-{}", question.id)
                                            on:change=move |_| answers.update(|a| {
                                                a.insert(qid.clone(), oid.clone());
                                            })
                                        />
                                        <label for=input_id lang=super::content_lang()>{option.text.clone()}</label>
                                    </div>
                                </li>
                            }
                        })
                        .collect_view();
                    let number = (n + 1).to_string();
                    view! {
                        <li class="question card">
                            <fieldset>
                                <legend>
                                    <span class="eyebrow">{i18n.sf(Msg::QuizQuestionOf, vec![("n", number), ("total", total.to_string())])}</span>
                                    <span class="prompt"><InlineMarkdown source=question.prompt.clone()/></span>
                                </legend>
                                <ul class="options">{options}</ul>
                            </fieldset>
                        </li>
                    }
                })
                .collect_view();
            let for_result = pack.clone();
            let outcome = move || {
                result.get().map(|r| view! { <RecommendationView pack=for_result.clone() recommendation=r/> })
            };
            view! {
                <section class="page narrow">
                    <header class="page-header">
                        <PageTitle text=i18n.sf(Msg::PlacementTitle, vec![])/>
                        <p class="lead">{i18n.s(Msg::PlacementIntro)}</p>
                    </header>
                    {(total == 0).then(|| view! { <p class="notice warning">{i18n.s(Msg::PlacementNone)}</p> })}
                    {outcome}
                    <Show when=move || result.get().is_none()>
                        <form class="quiz" on:submit=submit.clone() novalidate>
                            <ol class="questions">{questions.clone()()}</ol>
                            <div class="actions">
                                <button type="submit" class="button primary">{i18n.s(Msg::PlacementSubmit)}</button>
                                <p class="form-error" role="alert">
                                    {move || (unanswered.get() > 0).then(|| {
                                        i18n.f(Msg::QuizUnanswered, &[("count", &unanswered.get().to_string())])
                                    })}
                                </p>
                            </div>
                        </form>
                    </Show>
                </section>
            }
        }/>
    }
}

#[component]
fn RecommendationView(
    pack: std::sync::Arc<crate::domain::pack::Pack>,
    recommendation: Recommendation,
) -> impl IntoView {
    let i18n = use_i18n();
    let profile = use_profile();
    let progress = use_progress();
    let navigate = use_navigate();
    let track_title = recommendation
        .track_id
        .as_deref()
        .and_then(|id| pack.track(id))
        .map(|t| t.title.clone())
        .unwrap_or_default();
    let count = recommendation
        .scores
        .get(&recommendation.audience)
        .copied()
        .unwrap_or(0)
        .to_string();
    let total = recommendation.scores.values().sum::<u32>().to_string();
    let known: Vec<String> = recommendation
        .known_modules
        .iter()
        .filter_map(|id| pack.find_module(id).map(|(_, m)| m.title.clone()))
        .collect();
    let known_list = (!known.is_empty()).then(|| {
        let items = known
            .into_iter()
            .map(|t| view! { <li>{t}</li> })
            .collect_view();
        view! {
            <p>{i18n.s(Msg::PlacementKnown)}</p>
            <ul class="checklist">{items}</ul>
        }
    });
    let audience = recommendation.audience;
    let record = PlacementRecord {
        at: now(),
        track: recommendation.track_id.clone().unwrap_or_default(),
        known_modules: recommendation.known_modules.clone(),
    };
    let (go_follow, go_other) = (navigate.clone(), navigate);
    view! {
        <div class="card recommendation" role="status">
            <h2>{i18n.sf(Msg::PlacementResult, vec![("track", track_title)])}</h2>
            <p>{i18n.sf(Msg::PlacementWhy, vec![("count", count), ("total", total)])}</p>
            {known_list}
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| {
                    let record = record.clone();
                    progress.update(|p| p.placement = Some(record));
                    profile.update(|p| p.path = Some(audience));
                    go_follow("/learn", Default::default());
                }>{i18n.s(Msg::PlacementFollow)}</button>
                <button type="button" class="button secondary" on:click=move |_| {
                    profile.update(|p| p.path = None);
                    go_other("/learn", Default::default());
                }>{i18n.s(Msg::PlacementOther)}</button>
            </div>
        </div>
    }
}
