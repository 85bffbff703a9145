//! "My learning": the learner's path (Foundation, then their role track), what is left, their streak
//! and recent activity; or, before a path is chosen, the choice itself.

use std::sync::Arc;

use leptos::prelude::*;

#[allow(unused_imports)]
use super::{content_lang, PackText};
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsValue;

use crate::domain::pack::{Audience, Pack, Track};
use crate::domain::progress::Progress;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;
use crate::state::profile::use_profile;
use crate::state::progress::{now, use_progress, LocalZone};

fn local_date(at: i64, language_tag: &str) -> String {
    js_sys::Date::new(&JsValue::from_f64(at as f64))
        .to_locale_date_string(language_tag, &JsValue::UNDEFINED)
        .into()
}

/// The path panel: onboarding when no path is chosen, the overview otherwise.
#[component]
pub fn PathPanel(pack: Arc<Pack>) -> impl IntoView {
    let profile = use_profile();
    move || match profile.with(|p| p.path) {
        None => view! { <Onboarding/> }.into_any(),
        Some(audience) => view! { <PathOverview pack=pack.clone() audience=audience/> }.into_any(),
    }
}

#[component]
fn Onboarding() -> impl IntoView {
    let i18n = use_i18n();
    let profile = use_profile();
    let navigate = use_navigate();
    let choices = [
        (Some(Audience::Leader), Msg::PathOptionLeader),
        (Some(Audience::Technical), Msg::PathOptionTechnical),
        (Some(Audience::Frontline), Msg::PathOptionFrontline),
        (None, Msg::PathOptionNotSure),
    ]
    .into_iter()
    .map(|(audience, label)| {
        let navigate = navigate.clone();
        view! {
            <li>
                <button
                    type="button"
                    class="choice-card"
                    on:click=move |_| match audience {
                        Some(a) => profile.update(|p| p.path = Some(a)),
                        None => navigate("/learn/placement", Default::default()),
                    }
                >
                    {i18n.s(label)}
                </button>
            </li>
        }
    })
    .collect_view();
    view! {
        <section class="card onboarding" aria-labelledby="choose-path">
            <h2 id="choose-path">{i18n.s(Msg::PathChoose)}</h2>
            <p class="muted">{i18n.s(Msg::PathChooseHint)}</p>
            <ul class="choice-grid">{choices}</ul>
        </section>
    }
}

fn path_tracks(pack: &Pack, audience: Audience) -> Vec<Track> {
    pack.tracks
        .iter()
        .filter(|t| t.is_for(Audience::Everyone) || t.is_for(audience))
        .cloned()
        .collect()
}

#[component]
fn PathOverview(pack: Arc<Pack>, audience: Audience) -> impl IntoView {
    let i18n = use_i18n();
    let profile = use_profile();
    let progress = use_progress();
    let tracks = path_tracks(&pack, audience);
    let for_reviews = pack.clone();

    let cards = tracks
        .iter()
        .map(|track| {
            let href = format!("/learn/{}", track.id);
            let title = track.title.clone();
            let for_percent = track.clone();
            let percent = Memo::new(move |_| progress.with(|p| p.track_percent(&for_percent)));
            view! {
                <li class="card path-card">
                    <h3><A href=href><PackText text=title/></A></h3>
                    <div class="progress-line">
                        <progress max="100" value=move || percent.get().to_string() aria-hidden="true"></progress>
                        <span class="meta">{move || i18n.f(Msg::LearnPercentDone, &[("percent", &percent.get().to_string())])}</span>
                    </div>
                </li>
            }
        })
        .collect_view();

    let for_minutes = tracks.clone();
    let minutes_left = move || {
        progress
            .with(|p| {
                for_minutes
                    .iter()
                    .map(|t| p.minutes_remaining(t))
                    .sum::<u32>()
            })
            .to_string()
    };
    let streak = move || {
        progress
            .with(|p| p.streak_days(now(), &LocalZone))
            .to_string()
    };
    let units_done = move || progress.with(|p| p.units.len()).to_string();
    let recent_pack = pack.clone();
    // The list exists only when it has items: an empty state is a paragraph, never a list child.
    let recent = move || {
        let lang = i18n.language.get().tag();
        let items = progress.with(|p| recent_activity(&recent_pack, p, 5));
        if items.is_empty() {
            return view! { <p class="muted">{i18n.s(Msg::RecentEmpty)}</p> }.into_any();
        }
        let items = items
            .into_iter()
            .map(|(at, item)| {
                let text = match item {
                    Activity::Unit(title) => i18n.f(Msg::RecentUnit, &[("title", &title)]),
                    Activity::Quiz(title, percent) => i18n.f(
                        Msg::RecentQuiz,
                        &[("title", &title), ("percent", &percent.to_string())],
                    ),
                };
                view! {
                    <li><span class="user-text">{text}</span><span class="meta">{local_date(at, lang)}</span></li>
                }
            })
            .collect_view();
        view! { <ul class="recent">{items}</ul> }.into_any()
    };

    view! {
        <section class="path" aria-labelledby="your-path">
            <div class="section-head">
                <h2 id="your-path">{i18n.s(Msg::PathTitle)}</h2>
                <button type="button" class="button ghost small" on:click=move |_| profile.update(|p| p.path = None)>
                    {i18n.s(Msg::PathChange)}
                </button>
            </div>
            <ol class="path-cards">{cards}</ol>
            <dl class="stats">
                <div class="stat">
                    <dt>{i18n.s(Msg::StatTimeLeft)}</dt>
                    <dd>{move || i18n.f(Msg::LearnMinutes, &[("count", &minutes_left())])}</dd>
                </div>
                <div class="stat">
                    <dt>{i18n.s(Msg::StatStreak)}</dt>
                    <dd>{move || i18n.f(Msg::StatStreakDays, &[("count", &streak())])}</dd>
                </div>
                <div class="stat">
                    <dt>{i18n.s(Msg::StatUnitsDone)}</dt>
                    <dd>{units_done}</dd>
                </div>
            </dl>
            <super::review::ReviewsDue pack=for_reviews/>
            <h3>{i18n.s(Msg::RecentTitle)}</h3>
            {recent}
        </section>
    }
}

enum Activity {
    Unit(String),
    Quiz(String, u8),
}

/// The latest completions and attempts, newest first, with the titles the pack gives them.
fn recent_activity(pack: &Pack, progress: &Progress, limit: usize) -> Vec<(i64, Activity)> {
    let mut items: Vec<(i64, Activity)> = Vec::new();
    for module in pack.tracks.iter().flat_map(|t| &t.modules) {
        for unit in &module.units {
            if let Some(at) = progress.units.get(&unit.id) {
                items.push((*at, Activity::Unit(unit.title.clone())));
            }
        }
        let check = crate::domain::progress::check_key(&module.id);
        for attempt in progress.attempts.get(&check).into_iter().flatten() {
            items.push((
                attempt.at,
                Activity::Quiz(module.title.clone(), attempt.percent()),
            ));
        }
        for scenario in &module.scenarios {
            let key = crate::domain::progress::scenario_key(&scenario.id);
            for attempt in progress.attempts.get(&key).into_iter().flatten() {
                items.push((
                    attempt.at,
                    Activity::Quiz(scenario.title.clone(), attempt.percent()),
                ));
            }
        }
    }
    items.sort_by_key(|item| std::cmp::Reverse(item.0));
    items.truncate(limit);
    items
}
