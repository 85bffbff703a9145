use leptos::prelude::*;

#[allow(unused_imports)]
use super::{content_lang, PackText};
use leptos_router::components::A;

use super::audience_badges;
use super::dashboard::PathPanel;
use super::gate::WithPack;
use crate::components::page_title::PageTitle;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;
use crate::state::progress::use_progress;

#[component]
pub fn CatalogPage() -> impl IntoView {
    let i18n = use_i18n();
    let progress = use_progress();
    view! {
        <WithPack page=move |pack| {
            let percents = pack
                .tracks
                .iter()
                .map(|t| {
                    let track = t.clone();
                    Memo::new(move |_| progress.with(|p| p.track_percent(&track)))
                })
                .collect::<Vec<_>>();
            let cards = pack
                .tracks
                .iter()
                .zip(percents)
                .map(|(track, percent)| {
                    let href = format!("/learn/{}", track.id);
                    let title = track.title.clone();
                    let modules = track.modules.len().to_string();
                    let minutes = track.minutes().to_string();
                    let badges = audience_badges(&track.audience);
                    view! {
                        <li class="card track-card">
                            <div class="badges">{badges}</div>
                            <h2><A href=href><PackText text=title/></A></h2>
                            <p lang=content_lang()>{track.summary.clone()}</p>
                            <div class="progress-line">
                                <progress max="100" value=move || percent.get().to_string() aria-hidden="true"></progress>
                                <span class="meta">{move || i18n.f(Msg::LearnPercentDone, &[("percent", &percent.get().to_string())])}</span>
                            </div>
                            <p class="meta">
                                <span>{i18n.sf(Msg::LearnModules, vec![("count", modules.clone())])}</span>
                                <span aria-hidden="true">" · "</span>
                                <span>{i18n.sf(Msg::LearnMinutes, vec![("count", minutes.clone())])}</span>
                            </p>
                        </li>
                    }
                })
                .collect_view();
            let pack_title = pack.title.clone();
            let orphan_pack = pack.clone();
            let orphans = move || {
                let found = progress.with(|p| p.orphans(&orphan_pack));
                (!found.is_empty()).then(|| {
                    let text = i18n.f(
                        Msg::LearnOrphans,
                        &[
                            ("units", &found.units.len().to_string()),
                            ("quizzes", &found.quizzes.len().to_string()),
                        ],
                    );
                    view! { <p class="notice info" role="status">{text}</p> }
                })
            };
            // Review cards of questions the pack no longer has: retired, and said.
            let retired_pack = pack.clone();
            let reviews = crate::state::review::use_reviews();
            let retired = move || {
                let at = crate::state::progress::now();
                let sources: Vec<_> = super::review::card_states(&retired_pack, at)
                    .into_iter()
                    .map(|(c, _)| c)
                    .collect();
                let count = reviews.with(|log| crate::domain::review::retired(log, &sources).len());
                (count > 0).then(|| {
                    view! { <p class="notice info" role="status">{i18n.f(Msg::ReviewRetired, &[("count", &count.to_string())])}</p> }
                })
            };
            let resume_pack = pack.clone();
            let resume = move || {
                // The unfinished unit the learner was reading, or the next one after a finished one.
                let target = progress.with(|p| crate::domain::progress::resume_target(&resume_pack, p))?;
                let track = resume_pack.track(&target.track)?;
                let module = track.module(&target.module)?;
                let (_, unit) = module.unit(&target.unit)?;
                let query = if target.at_position { "?resume=1" } else { "" };
                let href = format!("/learn/{}/{}/{}{query}", track.id, module.id, unit.id);
                let title = unit.title.clone();
                let context = format!("{} › {}", track.title, module.title);
                Some(view! {
                    <div class="card continue-card">
                        <p class="eyebrow">{i18n.s(Msg::LearnContinue)}</p>
                        <A href=href attr:class="continue-link"><PackText text=title/></A>
                        <p class="meta" lang=content_lang()>{context}</p>
                    </div>
                })
            };
            view! {
                <section class="page">
                    <header class="page-header">
                        <p class="eyebrow" lang=content_lang()>{pack_title}</p>
                        <PageTitle text=i18n.sf(Msg::LearnTitle, vec![])/>
                        <p class="lead">{i18n.s(Msg::LearnIntro)}</p>
                        <A href="/certificates" attr:class="button secondary small">{i18n.s(Msg::CertificatesTitle)}</A>
                        " "
                        <A href="/learn/open" attr:class="button secondary small">{i18n.s(Msg::StudioOpenLink)}</A>
                        " "
                        <A href="/team/share" attr:class="button secondary small">{i18n.s(Msg::ShareTitle)}</A>
                    </header>
                    <crate::pages::profile::records::RecordsPrompt/>
                    {orphans}
                    {retired}
                    {resume}
                    <PathPanel pack=pack.clone()/>
                    <h2>{i18n.s(Msg::AllTracks)}</h2>
                    <ul class="card-grid">{cards}</ul>
                </section>
            }
        }/>
    }
}
