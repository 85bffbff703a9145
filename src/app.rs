//! The app shell and every route, declared in one place.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::components::header::SiteHeader;
use crate::components::notices::NoticeList;
use crate::i18n::Msg;
use crate::pages::certificate::CertificatePage;
use crate::pages::certificates::CertificatesPage;
use crate::pages::certify::{CertifyPage, FinalPage};
use crate::pages::home::HomePage;
use crate::pages::learn::catalog::CatalogPage;
use crate::pages::learn::check::{CheckPage, ScenarioPage};
use crate::pages::learn::module::ModulePage;
use crate::pages::learn::placement::PlacementPage;
use crate::pages::learn::track::TrackPage;
use crate::pages::learn::unit::UnitPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::profile::ProfilePage;
use crate::pages::studio::compare::ComparePage;
use crate::pages::studio::editor::EditorPage;
use crate::pages::studio::open_pack::OpenPackPage;
use crate::pages::studio::preview::PreviewPage;
use crate::pages::studio::StudioPage;
use crate::pages::team::share::SharePage;
use crate::pages::team::TeamPage;
use crate::pages::verify::VerifyPage;
use crate::state::certify::provide_certify_context;
use crate::state::curriculum::{provide_curriculum_context, SHIPPED_PACK_ID};
use crate::state::i18n::{browser_languages, provide_i18n_context, use_i18n};
use crate::state::notices::provide_notices_context;
use crate::state::profile::{provide_profile_context, reflect_on_document};
use crate::state::progress::provide_progress_context;

#[component]
pub fn App() -> impl IntoView {
    let notices = provide_notices_context();
    let profile = provide_profile_context(notices);
    let browser = browser_languages();
    let language = Memo::new(move |_| {
        profile.with(|p| p.effective_language(browser.iter().map(String::as_str)))
    });
    let i18n = provide_i18n_context(language);
    reflect_on_document(profile, language);
    let curriculum = provide_curriculum_context();
    let progress = provide_progress_context(notices, SHIPPED_PACK_ID);
    provide_certify_context(notices);
    // Remember which pack version the progress was last used with; recertification compares it.
    Effect::new(move |_| {
        if let Some(Ok(pack)) = curriculum.pack.get() {
            if progress.with(|p| p.pack_version != pack.version) {
                progress.update(|p| p.pack_version.clone_from(&pack.version));
            }
        }
    });

    view! {
        <Router>
            <FocusOnNavigate/>
            <a class="skip-link" href="#main" on:click=|ev| {
                ev.prevent_default();
                focus_selector("main");
            }>{i18n.s(Msg::SkipToContent)}</a>
            <SiteHeader/>
            <NoticeList/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/learn") view=CatalogPage/>
                    <Route path=path!("/learn/placement") view=PlacementPage/>
                    <Route path=path!("/learn/open") view=OpenPackPage/>
                    <Route path=path!("/learn/:track") view=TrackPage/>
                    <Route path=path!("/learn/:track/certify") view=CertifyPage/>
                    <Route path=path!("/learn/:track/final") view=FinalPage/>
                    <Route path=path!("/certificates") view=CertificatesPage/>
                    <Route path=path!("/certificates/:id") view=CertificatePage/>
                    <Route path=path!("/verify") view=VerifyPage/>
                    <Route path=path!("/learn/:track/:module") view=ModulePage/>
                    <Route path=path!("/learn/:track/:module/check") view=CheckPage/>
                    <Route path=path!("/learn/:track/:module/scenario/:scenario") view=ScenarioPage/>
                    <Route path=path!("/learn/:track/:module/:unit") view=UnitPage/>
                    <Route path=path!("/studio") view=StudioPage/>
                    <Route path=path!("/studio/draft/:draft") view=EditorPage/>
                    <Route path=path!("/studio/draft/:draft/preview") view=PreviewPage/>
                    <Route path=path!("/studio/draft/:draft/compare") view=ComparePage/>
                    <Route path=path!("/team") view=TeamPage/>
                    <Route path=path!("/team/import") view=TeamPage/>
                    <Route path=path!("/team/share") view=SharePage/>
                    <Route path=path!("/profile") view=ProfilePage/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}

#[component]
fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <p>{i18n.s(Msg::FooterPrivacy)}</p>
        </footer>
    }
}

/// Moves focus to the new page's main heading after each navigation, so that keyboard and screen
/// reader users start at the top of the new content. The first render keeps the browser's focus.
/// Pages that load their content first (such as the curriculum) render their heading later; the
/// request stays pending until [`crate::components::page_title::PageTitle`] claims it.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let pathname = use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let current = pathname.get();
        if previous.is_some_and(|p| p != current) {
            crate::components::page_title::request_heading_focus();
            request_animation_frame(|| {
                if crate::components::page_title::claim_heading_focus()
                    && !focus_selector("main h1")
                {
                    // No heading yet: hold focus on the main region and let the heading take it
                    // when it appears.
                    focus_selector("main");
                    crate::components::page_title::request_heading_focus();
                }
            });
        }
        current
    });
}

pub(crate) fn focus_selector(selector: &str) -> bool {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|el| el.focus().is_ok())
        .unwrap_or(false)
}
