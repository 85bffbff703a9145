use leptos::prelude::*;

#[allow(unused_imports)]
use super::{content_lang, PackText};
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::gate::{MissingContent, WithPack};
use super::route_module;
use crate::components::markdown::Markdown;
use crate::components::page_title::PageTitle;
use crate::domain::progress::Position;
use crate::domain::safekeeping::PersistMoment;
use crate::i18n::Msg;
use crate::state::curriculum::Needs;
use crate::state::i18n::use_i18n;
use crate::state::progress::{now, use_progress, ProgressState};
use crate::state::safekeeping::use_safekeeping;

/// How far down the page the reader is, from 0 to 1.
fn scroll_fraction() -> f32 {
    let window = window();
    let height = document()
        .document_element()
        .map(|e| e.scroll_height() as f64)
        .unwrap_or(0.0);
    let viewport = window
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let top = window.scroll_y().unwrap_or(0.0);
    let room = height - viewport;
    if room <= 1.0 {
        1.0
    } else {
        (top / room).clamp(0.0, 1.0) as f32
    }
}

/// Keeps the reading-progress bar and the saved position in step with scrolling.
fn track_reading(progress: ProgressState, at: Position, fraction: RwSignal<f32>) {
    const SAVE_EVERY_MS: i64 = 1_500;
    let last_saved = StoredValue::new(0i64);
    let place = StoredValue::new(at);
    let save = move |scroll: f32| {
        let mut position = place.get_value();
        position.scroll = scroll;
        position.at = now();
        last_saved.set_value(position.at);
        progress.update(|p| p.move_to(position));
    };
    save(fraction.get_untracked());
    let handle = window_event_listener(leptos::ev::scroll, move |_| {
        let scroll = scroll_fraction();
        fraction.set(scroll);
        if now() - last_saved.get_value() >= SAVE_EVERY_MS {
            save(scroll);
        }
    });
    on_cleanup(move || {
        handle.remove();
        save(fraction.get_untracked());
    });
}

#[component]
pub fn UnitPage() -> impl IntoView {
    let i18n = use_i18n();
    let progress = use_progress();
    let params = use_params_map();
    let query = use_query_map();
    view! {
        <WithPack needs=Needs::RouteTrack page=move |pack| {
            let unit_id = params.with(|p| p.get("unit").unwrap_or_default());
            let found = route_module(&pack, params).and_then(|(t, m)| {
                let (n, u) = m.unit(&unit_id).map(|(n, u)| (n, u.clone()))?;
                Some((t, m, n, u))
            });
            let Some((track, module, index, unit)) = found else {
                return view! { <MissingContent/> }.into_any();
            };
            let base = format!("/learn/{}/{}", track.id, module.id);
            let href_of = |i: usize| module.units.get(i).map(|u| (format!("{base}/{}", u.id), u.title.clone()));
            let previous = index.checked_sub(1).and_then(href_of);
            let next = href_of(index + 1);
            let position = ((index + 1).to_string(), module.units.len().to_string());
            let minutes = unit.minutes.to_string();
            let title = unit.title.clone();
            let sources = unit
                .sources
                .iter()
                .map(|source| {
                    let link = source
                        .url
                        .as_deref()
                        .and_then(crate::domain::markdown::safe_href);
                    match link {
                        Some(href) => view! {
                            <li><a href=href target="_blank" rel="noopener noreferrer nofollow">{source.title.clone()}</a></li>
                        }
                        .into_any(),
                        None => view! { <li>{source.title.clone()}</li> }.into_any(),
                    }
                })
                .collect_view();
            let has_sources = !unit.sources.is_empty();
            // Resume at the saved scroll position when arriving from "continue".
            let resume_at = query
                .with_untracked(|q| q.get("resume").is_some())
                .then(|| progress.with_untracked_position(&unit.id))
                .flatten();
            let fraction = RwSignal::new(resume_at.unwrap_or(0.0));
            track_reading(
                progress,
                Position {
                    track: track.id.clone(),
                    module: module.id.clone(),
                    unit: unit.id.clone(),
                    scroll: resume_at.unwrap_or(0.0),
                    at: now(),
                },
                fraction,
            );
            if let Some(scroll) = resume_at {
                request_animation_frame(move || {
                    let room = document()
                        .document_element()
                        .map(|e| e.scroll_height() as f64)
                        .unwrap_or(0.0)
                        - window().inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
                    window().scroll_to_with_x_and_y(0.0, f64::from(scroll) * room.max(0.0));
                });
            }
            // Left and right arrows move between units, unless the reader is typing or using a modifier.
            let navigate = use_navigate();
            let (prev_href, next_href) = (
                previous.as_ref().map(|(href, _)| href.clone()),
                next.as_ref().map(|(href, _)| href.clone()),
            );
            let keys = window_event_listener(leptos::ev::keydown, move |ev| {
                if ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.default_prevented() {
                    return;
                }
                let typing = document()
                    .active_element()
                    .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
                if typing {
                    return;
                }
                let target = match ev.key().as_str() {
                    "ArrowLeft" => prev_href.clone(),
                    "ArrowRight" => next_href.clone(),
                    _ => None,
                };
                if let Some(href) = target {
                    ev.prevent_default();
                    navigate(&href, Default::default());
                }
            });
            on_cleanup(move || keys.remove());
            let unit_id = unit.id.clone();
            let complete = Memo::new(move |_| progress.with(|p| p.is_unit_complete(&unit_id)));
            let unit_to_complete = unit.id.clone();
            let safekeeping = use_safekeeping();
            let mark_complete = move |_| {
                let id = unit_to_complete.clone();
                progress.update(|p| p.complete_unit(&id, now()));
                safekeeping.after(PersistMoment::UnitCompleted);
                // The button gives way to the line saying the unit is complete; focus goes there,
                // so that the keyboard goes on from this point of the page rather than its top.
                request_animation_frame(|| {
                    crate::app::focus_selector(".complete-bar .completed");
                });
            };
            let track_href = format!("/learn/{}", track.id);
            let track_title = track.title.clone();
            let module_title = module.title.clone();
            let module_title_again = module.title.clone();
            view! {
                <progress class="reading-progress" max="1" value=move || fraction.get().to_string() aria-label=i18n.s(Msg::LearnReadingProgress)></progress>
                <article class="page reader">
                    <nav class="breadcrumb" aria-label=i18n.s(Msg::LearnBreadcrumb)>
                        <A exact=true href=track_href><PackText text=track_title/></A>
                        <span aria-hidden="true">" / "</span>
                        <A exact=true href=base.clone()><PackText text=module_title/></A>
                    </nav>
                    <header class="reader-header">
                        <p class="eyebrow">
                            {i18n.sf(Msg::LearnUnitOf, vec![("n", position.0.clone()), ("total", position.1.clone())])}
                            " · "
                            {i18n.sf(Msg::LearnMinutes, vec![("count", minutes.clone())])}
                        </p>
                        <PageTitle text=Signal::derive(move || title.clone()) lang=content_lang()/>
                    </header>
                    <Markdown source=unit.body.clone()/>
                    <div class="complete-bar">
                        <Show
                            when=move || complete.get()
                            fallback=move || view! {
                                <button type="button" class="button primary" on:click=mark_complete.clone()>
                                    {i18n.s(Msg::LearnMarkComplete)}
                                </button>
                            }
                        >
                            <p class="completed" role="status" tabindex="-1">
                                <span aria-hidden="true">"✓ "</span>{i18n.s(Msg::LearnCompleted)}
                            </p>
                        </Show>
                    </div>
                    {has_sources.then(|| view! {
                        <aside class="sources">
                            <h2>{i18n.s(Msg::LearnSources)}</h2>
                            <ul>{sources}</ul>
                        </aside>
                    })}
                    <p class="hint keyboard-hint">{i18n.s(Msg::LearnKeyboardHint)}</p>
                    <nav class="pager" aria-label=i18n.s(Msg::LearnPager)>
                        {previous.map(|(href, t)| view! {
                            <A href=href attr:class="pager-link prev" attr:rel="prev">
                                <span class="pager-label">{i18n.s(Msg::LearnPrevUnit)}</span>
                                <span>{t}</span>
                            </A>
                        })}
                        {next.map(|(href, t)| view! {
                            <A href=href attr:class="pager-link next" attr:rel="next">
                                <span class="pager-label">{i18n.s(Msg::LearnNextUnit)}</span>
                                <span>{t}</span>
                            </A>
                        })}
                        <A href=base.clone() attr:class="pager-link up">
                            <span class="pager-label">{i18n.s(Msg::LearnBackToModule)}</span>
                            <span>{module_title_again}</span>
                        </A>
                    </nav>
                </article>
            }
            .into_any()
        }/>
    }
}
