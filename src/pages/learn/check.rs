//! The knowledge check of a module, and its scenario exercises.

use leptos::prelude::*;

#[allow(unused_imports)]
use super::{content_lang, PackText};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::gate::{MissingContent, WithPack};
use super::route_module;
use crate::components::markdown::Markdown;
use crate::components::page_title::PageTitle;
use crate::components::quiz::Quiz;
use crate::domain::progress::{check_key, scenario_key};
use crate::i18n::Msg;
use crate::state::curriculum::Needs;
use crate::state::i18n::use_i18n;

#[component]
pub fn CheckPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    view! {
        <WithPack needs=Needs::RouteTrack page=move |pack| {
            let Some((track, module)) = route_module(&pack, params) else {
                return view! { <MissingContent/> }.into_any();
            };
            let module_href = format!("/learn/{}/{}", track.id, module.id);
            let title = module.title.clone();
            view! {
                <section class="page narrow">
                    <nav class="breadcrumb" aria-label=i18n.s(Msg::LearnBreadcrumb)>
                        <A exact=true href=module_href><PackText text=title/></A>
                    </nav>
                    <header class="page-header">
                        <p class="eyebrow">{module.title.clone()}</p>
                        <PageTitle text=i18n.sf(Msg::LearnCheckTitle, vec![])/>
                    </header>
                    <Quiz
                        questions=module.check.questions.clone()
                        pass_mark=track.certification.pass_mark
                        quiz_key=check_key(&module.id)
                    />
                </section>
            }
            .into_any()
        }/>
    }
}

#[component]
pub fn ScenarioPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    view! {
        <WithPack needs=Needs::RouteTrack page=move |pack| {
            let scenario_id = params.with(|p| p.get("scenario").unwrap_or_default());
            let found = route_module(&pack, params).and_then(|(t, m)| {
                let scenario = m.scenarios.iter().find(|s| s.id == scenario_id)?.clone();
                Some((t, m, scenario))
            });
            let Some((track, module, scenario)) = found else {
                return view! { <MissingContent/> }.into_any();
            };
            let module_href = format!("/learn/{}/{}", track.id, module.id);
            let module_title = module.title.clone();
            let title = scenario.title.clone();
            view! {
                <section class="page narrow">
                    <nav class="breadcrumb" aria-label=i18n.s(Msg::LearnBreadcrumb)>
                        <A exact=true href=module_href><PackText text=module_title/></A>
                    </nav>
                    <header class="page-header">
                        <p class="eyebrow">{i18n.s(Msg::LearnExercise)}</p>
                        <PageTitle text=Signal::derive(move || title.clone()) lang=content_lang()/>
                    </header>
                    <div class="card quiet situation">
                        <Markdown source=scenario.situation.clone()/>
                    </div>
                    <Quiz
                        questions=scenario.questions.clone()
                        pass_mark=track.certification.pass_mark
                        quiz_key=scenario_key(&scenario.id)
                    />
                </section>
            }
            .into_any()
        }/>
    }
}
