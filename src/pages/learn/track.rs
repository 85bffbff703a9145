use leptos::prelude::*;

#[allow(unused_imports)]
use super::{content_lang, PackText};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::audience_badges;
use super::gate::{MissingContent, WithPack};
use crate::components::page_title::PageTitle;
use crate::domain::certification::{renewal, version_update, Date, ModuleChange};
use crate::i18n::Msg;
use crate::pages::certify::renewal_reason;
use crate::state::certify::use_certify;
use crate::state::curriculum::use_curriculum;
use crate::state::curriculum::Needs;
use crate::state::i18n::use_i18n;
use crate::state::progress::{now, use_progress};

#[component]
pub fn TrackPage() -> impl IntoView {
    let i18n = use_i18n();
    let progress = use_progress();
    let certify = use_certify();
    let params = use_params_map();
    view! {
        <WithPack needs=Needs::RouteTrack page=move |pack| {
            let track_id = params.read().get("track").unwrap_or_default();
            let Some(track) = pack.track(&track_id).cloned() else {
                return view! { <MissingContent/> }.into_any();
            };
            let title = track.title.clone();
            let rules = &track.certification;
            let (mark, size, months) = (
                rules.pass_mark.to_string(),
                rules.assessment_size.to_string(),
                rules.validity_months.to_string(),
            );
            let badges = audience_badges(&track.audience);
            let due = certify.with(|c| renewal(&pack, &track, c.issued.iter().map(|s| &s.claims), now()));
            let update = certify.with(|c| version_update(&pack, &track, c.issued.iter().map(|s| &s.claims), now()));
            let changed_since = |id: &str| due.as_ref().is_some_and(|r| r.changes.is_some() && r.must_redo(id));
            let new_since = |id: &str| update.as_ref().is_some_and(|u| u.early_renewal().must_redo(id));
            let curriculum = use_curriculum();
            let update_note = update.clone().map(|u| {
                let (pack_id, version) = (pack.id.clone(), pack.version.clone());
                // What the publisher wrote about this version, in the reader's language.
                let note = move || {
                    let language = i18n.language.get().tag();
                    curriculum.history.get().and_then(|h| {
                        h.find_version(&pack_id, &version)
                            .and_then(|v| v.note(language).map(str::to_owned))
                    })
                };
                let date = Date::from_millis(u.expires_at).iso();
                let stands = i18n.f(Msg::UpdateStands, &[("from", &u.from), ("date", &date)]);
                let changed: Vec<String> = u
                    .changes
                    .iter()
                    .flatten()
                    .filter_map(|c| match c {
                        ModuleChange::Added { title, .. } | ModuleChange::Changed { title, .. } => Some(title.clone()),
                        ModuleChange::Removed { .. } => None,
                    })
                    .collect();
                let href = format!("/learn/{}/certify?renew=early", track.id);
                view! {
                    <section class="card renewal update" aria-labelledby="update-heading">
                        <h2 id="update-heading">{i18n.sf(Msg::UpdateHeading, vec![("to", u.to.clone())])}</h2>
                        {move || note().map(|text| view! { <p>{text}</p> })}
                        <p>{stands}</p>
                        {(!changed.is_empty()).then(|| view! {
                            <p>{i18n.s(Msg::UpdateChangedIntro)}</p>
                            <ul class="plain">{changed.into_iter().map(|t| view! { <li><PackText text=t/></li> }).collect_view()}</ul>
                        })}
                        <p class="meta">{i18n.s(Msg::UpdateRenewHint)}</p>
                        <A href=href attr:class="button secondary small">{i18n.s(Msg::UpdateRenewEarly)}</A>
                    </section>
                }
            });
            let renewal_note = due.as_ref().map(|r| {
                let reason = renewal_reason(i18n, &r.reason);
                let href = format!("/learn/{}/certify", track.id);
                view! {
                    <section class="card renewal" aria-labelledby="renewal-heading">
                        <h2 id="renewal-heading">{i18n.s(Msg::RenewHeading)}</h2>
                        <p>{reason}</p>
                        <A href=href attr:class="button primary small">{i18n.s(Msg::RenewSeeChanges)}</A>
                    </section>
                }
            });
            let recall = super::review::recall_when_whole();
            let outcomes = track
                .outcomes
                .iter()
                .map(|o| view! { <li lang=content_lang()>{o.clone()}</li> })
                .collect_view();
            let modules = track
                .modules
                .iter()
                .enumerate()
                .map(|(n, module)| {
                    let href = format!("/learn/{}/{}", track.id, module.id);
                    let module_title = module.title.clone();
                    let minutes = module.minutes.to_string();
                    let units = module.units.len().to_string();
                    let changed = changed_since(&module.id);
                    let new_here = new_since(&module.id);
                    let known_id = module.id.clone();
                    let known = Memo::new(move |_| {
                        progress.with(|p| p.placement.as_ref().is_some_and(|r| r.known_modules.contains(&known_id)))
                    });
                    let pass_mark = track.certification.pass_mark;
                    let (for_percent, for_lock, pack) = (module.clone(), module.clone(), pack.clone());
                    let percent = Memo::new(move |_| progress.with(|p| p.module_percent(&for_percent, pass_mark)));
                    let missing = Memo::new(move |_| {
                        progress.with(|p| {
                            p.missing_prerequisites(&pack, &for_lock)
                                .iter()
                                .map(|m| m.title.clone())
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                    });
                    let status = move || {
                        let done = percent.get();
                        if done == 100 {
                            i18n.t(Msg::LearnModuleDone).to_owned()
                        } else {
                            i18n.f(Msg::LearnPercentDone, &[("percent", &done.to_string())])
                        }
                    };
                    view! {
                        <li class="module-row" class:complete=move || percent.get() == 100 class:locked=move || !missing.get().is_empty()>
                            <span class="module-number" aria-hidden="true">{n + 1}</span>
                            <div>
                                <h3><A href=href><PackText text=module_title/></A></h3>
                                <Show when=move || known.get()>
                                    <span class="badge">{i18n.s(Msg::LearnKnownBadge)}</span>
                                </Show>
                                {changed.then(|| view! { <span class="badge warning">{i18n.s(Msg::RenewChangedBadge)}</span> })}
                                {new_here.then(|| view! { <span class="badge">{i18n.s(Msg::UpdateNewBadge)}</span> })}
                                <p lang=content_lang()>{module.summary.clone()}</p>
                                <details class="objectives">
                                    <summary>{i18n.s(Msg::LearnObjectives)}</summary>
                                    <ul class="checklist">
                                        {module.objective_ids().into_iter().map(|(id, text)| {
                                            view! { <li><PackText text=text.to_owned()/><super::review::RecallOf recall=recall objective=id/></li> }
                                        }).collect_view()}
                                    </ul>
                                </details>
                                <p class="meta">
                                    <span>{i18n.sf(Msg::LearnUnits, vec![("count", units)])}</span>
                                    <span aria-hidden="true">" · "</span>
                                    <span>{i18n.sf(Msg::LearnMinutes, vec![("count", minutes)])}</span>
                                </p>
                                <div class="progress-line">
                                    <progress max="100" value=move || percent.get().to_string() aria-hidden="true"></progress>
                                    <span class="meta status">{status}</span>
                                </div>
                                {move || {
                                    let names = missing.get();
                                    (!names.is_empty()).then(|| view! {
                                        <p class="lock-note">{i18n.f(Msg::LearnLocked, &[("modules", &names)])}</p>
                                    })
                                }}
                            </div>
                        </li>
                    }
                })
                .collect_view();
            let module_count = track.modules.len().to_string();
            let summary = track.summary.clone();
            view! {
                <section class="page">
                    <nav class="breadcrumb" aria-label=i18n.s(Msg::LearnBreadcrumb)>
                        <A exact=true href="/learn">{i18n.s(Msg::LearnBackToCatalog)}</A>
                    </nav>
                    <header class="page-header">
                        <div class="badges">{badges}</div>
                        <PageTitle text=Signal::derive(move || title.clone()) lang=content_lang()/>
                        <p class="lead" lang=content_lang()>{summary}</p>
                    </header>
                    {renewal_note}
                    {update_note}
                    <div class="two-col wide-first">
                        <div>
                            <h2>{i18n.sf(Msg::LearnModules, vec![("count", module_count.clone())])}</h2>
                            <ol class="module-list">{modules}</ol>
                        </div>
                        <aside class="card quiet">
                            <h2>{i18n.s(Msg::LearnOutcomes)}</h2>
                            <ul class="checklist">{outcomes}</ul>
                            <A href=format!("/learn/{}/certify", track.id) attr:class="button secondary small">{i18n.s(Msg::CertifyLink)}</A>
                            <p class="meta">
                                {i18n.sf(Msg::LearnCertRule, vec![("mark", mark.clone()), ("size", size.clone()), ("months", months.clone())])}
                            </p>
                        </aside>
                    </div>
                </section>
            }
            .into_any()
        }/>
    }
}
