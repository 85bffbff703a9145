use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::gate::{MissingContent, WithPack};
use crate::components::markdown::Markdown;
use crate::components::page_title::PageTitle;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;

#[component]
pub fn UnitPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    view! {
        <WithPack page=move |pack| {
            let (track_id, module_id, unit_id) = params.with(|p| {
                (
                    p.get("track").unwrap_or_default(),
                    p.get("module").unwrap_or_default(),
                    p.get("unit").unwrap_or_default(),
                )
            });
            let found = pack.track(&track_id).and_then(|t| {
                t.module(&module_id)
                    .and_then(|m| m.unit(&unit_id).map(|(n, u)| (t.clone(), m.clone(), n, u.clone())))
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
            let track_href = format!("/learn/{}", track.id);
            let track_title = track.title.clone();
            let module_title = module.title.clone();
            let module_title_again = module.title.clone();
            view! {
                <article class="page reader">
                    <nav class="breadcrumb" aria-label=i18n.s(Msg::LearnBreadcrumb)>
                        <A href=track_href>{track_title}</A>
                        <span aria-hidden="true">" / "</span>
                        <A href=base.clone()>{module_title}</A>
                    </nav>
                    <header class="reader-header">
                        <p class="eyebrow">
                            {i18n.sf(Msg::LearnUnitOf, vec![("n", position.0.clone()), ("total", position.1.clone())])}
                            " · "
                            {i18n.sf(Msg::LearnMinutes, vec![("count", minutes.clone())])}
                        </p>
                        <PageTitle text=Signal::derive(move || title.clone())/>
                    </header>
                    <Markdown source=unit.body.clone()/>
                    {has_sources.then(|| view! {
                        <aside class="sources">
                            <h2>{i18n.s(Msg::LearnSources)}</h2>
                            <ul>{sources}</ul>
                        </aside>
                    })}
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
