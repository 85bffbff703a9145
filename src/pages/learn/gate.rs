//! Waits for the curriculum and hands it to a page, with a loading state and a retryable error.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use crate::domain::manifest::Reason;
use crate::domain::pack::Pack;
use crate::domain::profile::Language;
use crate::i18n::Msg;
use crate::state::curriculum::{use_curriculum, Needs};
use crate::state::i18n::use_i18n;

/// Says which language the lessons are in when it is not the reader's, and lets them switch.
#[component]
fn EditionNotice() -> impl IntoView {
    let curriculum = use_curriculum();
    let i18n = use_i18n();
    move || {
        let reading = curriculum.reading.get()?;
        let wanted = Language::name_of(&reading.wanted);
        let source = Language::name_of(&reading.source_language);
        let (text, switch_to) = match reading.choice.reason {
            Reason::Missing => (
                i18n.f(
                    Msg::EditionMissing,
                    &[("language", &wanted), ("source", &source)],
                ),
                None,
            ),
            Reason::Source if curriculum.prefer_source.get() => (
                i18n.f(Msg::EditionReadingSource, &[("source", &source)]),
                Some((false, wanted.clone())),
            ),
            Reason::Edition if reading.out_of_date => {
                let edition = curriculum
                    .pack_for(&Needs::Outline)
                    .and_then(|p| p.ok())
                    .map(|p| p.version.clone())
                    .unwrap_or_default();
                (
                    i18n.f(
                        Msg::EditionOutOfDate,
                        &[
                            ("language", &wanted),
                            ("edition", &edition),
                            ("current", &reading.source_version),
                        ],
                    ),
                    Some((true, source.clone())),
                )
            }
            _ => return None,
        };
        let button = switch_to.map(|(prefer_source, language)| {
            view! {
                <button type="button" class="button secondary small" on:click=move |_| curriculum.prefer_source.set(prefer_source)>
                    {i18n.f(Msg::EditionReadIn, &[("language", &language)])}
                </button>
            }
        });
        Some(view! {
            <div class="notice info edition-notice" role="status">
                <p>{text}</p>
                {button}
            </div>
        })
    }
}

/// Renders `page` with the pack, once what it `needs` has arrived (the whole pack unless it
/// asks for less; see [`Needs`]). Its content carries the pack's language (`lang`), which differs
/// from the UI's when an edition is missing or the learner reads the source.
#[component]
pub fn WithPack<V: IntoView + 'static>(
    page: impl Fn(Arc<Pack>) -> V + Send + Sync + 'static,
    /// What the page reads: a track's pages read their track only, so a deep link fetches that
    /// track and not the whole curriculum.
    #[prop(optional)]
    needs: Option<Needs>,
) -> impl IntoView {
    let curriculum = use_curriculum();
    let i18n = use_i18n();
    let needs = needs.unwrap_or(Needs::Whole);
    let params = (needs == Needs::RouteTrack).then(leptos_router::hooks::use_params_map);
    // The same pack for as long as what the page needs is the same: another track arriving, or the
    // same pack delivered again, never rebuilds the page (which would reshuffle a quiz and drop
    // the answers given so far).
    let pack = Memo::new(move |_| {
        let needs = match params {
            Some(params) => Needs::Track(params.read().get("track").unwrap_or_default()),
            None => needs.clone(),
        };
        curriculum.pack_for(&needs)
    });
    move || {
        // The route's parameters first: the page reads them too, and when they change while the
        // pack stays the same (the next unit of the track), this is what re-renders it.
        if let Some(params) = params {
            params.track();
        }
        match pack.get() {
            None => view! {
                <div class="page loading" aria-busy="true">
                    <div class="spinner" aria-hidden="true"></div>
                    <p role="status">{i18n.s(Msg::LearnLoadingPack)}</p>
                </div>
            }
            .into_any(),
            Some(Ok(pack)) => {
                provide_context(super::ContentLang(pack.language.clone()));
                view! { <EditionNotice/> {page(pack)} }.into_any()
            }
            Some(Err(reason)) => {
                let reason = reason.clone();
                view! {
                <section class="page narrow empty-state">
                    <PageTitle text=i18n.sf(Msg::LearnTitle, vec![])/>
                    <p class="notice error" role="alert">
                        {i18n.sf(Msg::LearnLoadFailed, vec![("reason", reason.clone())])}
                    </p>
                    <button type="button" class="button primary" on:click=move |_| curriculum.retry()>
                        {i18n.s(Msg::LearnRetry)}
                    </button>
                </section>
            }
            .into_any()
            }
        }
    }
}

/// Shown when a link points at a track, module or unit that the pack does not have.
#[component]
pub fn MissingContent() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page narrow empty-state">
            <PageTitle text=i18n.sf(Msg::NotFoundTitle, vec![])/>
            <p class="lead">{i18n.s(Msg::LearnNotFound)}</p>
            <leptos_router::components::A href="/learn" attr:class="button primary">
                {i18n.s(Msg::LearnBackToCatalog)}
            </leptos_router::components::A>
        </section>
    }
}
