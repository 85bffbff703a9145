//! The app shell and every route, declared in one place.
//!
//! The shell (header, home page, notices, not-found page) is the first download. Every other area
//! is fetched on first use: [`crate::site`] says which area an address belongs to, [`AreaHost`]
//! fetches and mounts it, and each area brings its own router with its page routes, declared
//! below with [`area!`].

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::header::SiteHeader;
use crate::components::notices::NoticeList;
use crate::i18n::Msg;
use crate::pages::home::HomePage;
use crate::pages::not_found::{AreaLoadFailedPage, NotFoundPage};
use crate::site::Area;
use crate::state::i18n::{browser_languages, provide_i18n_context, use_i18n};
use crate::state::nav::{provide_nav_context, use_nav, Nav};
use crate::state::notices::provide_notices_context;
use crate::state::profile::{provide_profile_context, reflect_on_document};

#[component]
pub fn App() -> impl IntoView {
    let notices = provide_notices_context();
    crate::state::updates::watch_for_updates(notices);
    let profile = provide_profile_context(notices);
    let browser = browser_languages();
    let language = Memo::new(move |_| {
        profile.with(|p| p.effective_language(browser.iter().map(String::as_str)))
    });
    let i18n = provide_i18n_context(language);
    reflect_on_document(profile, language);
    crate::state::areas::provide_root_owner();
    crate::state::privacy::provide_records_shared_context();
    let nav = provide_nav_context();
    focus_on_navigate(nav);
    prefetch_role_area(profile);

    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            focus_selector("main");
        }>{i18n.s(Msg::SkipToContent)}</a>
        <SiteHeader/>
        <NoticeList/>
        <main id="main" tabindex="-1">
            <AreaHost/>
        </main>
        <SiteFooter/>
    }
}

/// What the main region shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Showing {
    Area(Area),
    NotFound,
    LoadFailed,
}

/// Shows the area the current address belongs to, fetching its code on first use. Until the code
/// has arrived the previous page stays on screen; if it cannot be fetched, a page says so and
/// offers a reload. Moving within an area leaves the area (and its router) mounted.
#[component]
fn AreaHost() -> impl IntoView {
    let nav = use_nav();
    let renderers = StoredValue::new([None::<fn() -> AnyView>; Area::LAZY.len()]);
    // `None` until the first page can be shown: a deep link into an area waits for its code.
    let showing = RwSignal::new(None::<Showing>);
    // The area whose code is on its way, while the visitor waits for it.
    let fetching = RwSignal::new(None::<Area>);
    let show = move |next: Showing| {
        if fetching.get_untracked().is_some() {
            fetching.set(None);
        }
        if showing.get_untracked() != Some(next) {
            showing.set(Some(next));
        }
    };
    Effect::new(move |_| {
        let Some(area) = nav.area() else {
            return show(Showing::NotFound);
        };
        let Some(index) = area.index() else {
            return show(Showing::Area(area));
        };
        if renderers.with_value(|r| r[index].is_some()) {
            return show(Showing::Area(area));
        }
        fetching.set(Some(area));
        // The boot script attaches the stylesheets only areas use (see tools/boot.mjs).
        if let Ok(event) = web_sys::Event::new("fluency-area") {
            let _ = window().dispatch_event(&event);
        }
        leptos::task::spawn_local(async move {
            let loaded = match load_area(area).await {
                Ok(start) => Ok(start.await),
                Err(failed) => Err(failed),
            };
            if let Ok(render) = loaded {
                renderers.update_value(|r| r[index] = Some(render));
            }
            // Only if the visitor has not moved on meanwhile.
            if nav.area_untracked() == Some(area) {
                show(match loaded {
                    Ok(_) => Showing::Area(area),
                    Err(AreaLoadFailed) => Showing::LoadFailed,
                });
            }
        });
    });
    let page = move || {
        let current = showing.get();
        nav.set_mounted(match current {
            Some(Showing::Area(area)) if area.index().is_some() => Some(area),
            _ => None,
        });
        match current? {
            Showing::Area(area) => match area.index() {
                None => Some(view! { <HomePage/> }.into_any()),
                // The area sets up its contexts and router: nothing it reads there may re-run
                // this closure, which would mount it afresh.
                Some(i) => renderers.with_value(|r| r[i]).map(untrack),
            },
            Showing::NotFound => Some(view! { <NotFoundPage/> }.into_any()),
            Showing::LoadFailed => Some(view! { <AreaLoadFailedPage/> }.into_any()),
        }
    };
    view! {
        <Show when=move || fetching.get().is_some()>
            <AreaLoading/>
        </Show>
        {page}
    }
}

/// Says that a page's code is on its way. It floats above the page still showing, so nothing
/// moves, and the stylesheet lets it appear only after a moment, so a quick fetch shows nothing.
#[component]
fn AreaLoading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="area-loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            <span>{i18n.s(Msg::AreaLoading)}</span>
        </div>
    }
}

/// Fetches an area's code; what it returns sets the area up and then renders it.
async fn load_area(area: Area) -> Result<AreaStart, AreaLoadFailed> {
    match area {
        // Home travels with the shell; `AreaHost` never asks for it.
        Area::Home => Err(AreaLoadFailed),
        Area::Learn => learn_area().await,
        Area::Certificates => certificates_area().await,
        Area::Studio => studio_area().await,
        Area::Team => team_area().await,
        Area::Profile => profile_area().await,
    }
}

/// An area's start, once its code has arrived: it sets up the area's stores and then hands over
/// the function that mounts the area's router and page. Each step is a task of its own (see
/// [`crate::state::tasks`]), so that the chunks' arrival, the stores and the page's first render
/// do not hold the main thread as one long task. It runs in the area's chunk, not in the shell.
type AreaStart = std::pin::Pin<Box<dyn std::future::Future<Output = fn() -> AnyView>>>;

/// A moment after the first page is up, fetches the area the visitor said they came for (learners
/// Learn, trainers the Studio, managers Team), so that their first click into it does not wait for
/// its code. Before a role is chosen nothing is fetched ahead. A failed fetch is left for the real
/// visit to retry and report.
fn prefetch_role_area(profile: crate::state::profile::ProfileState) {
    use crate::domain::profile::Role;
    set_timeout(
        move || {
            let role = profile.with(|p| p.role);
            leptos::task::spawn_local(async move {
                let _ = match role {
                    Some(Role::Learner) => __wasm_split_preload_learn_area().await,
                    Some(Role::Trainer) => __wasm_split_preload_studio_area().await,
                    Some(Role::Manager) => __wasm_split_preload_team_area().await,
                    None => Ok(()),
                };
            });
        },
        std::time::Duration::from_millis(1500),
    );
}

#[component]
fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    let shared = crate::state::privacy::use_records_shared();
    let note = move || {
        if shared.is_some_and(|s| s.0.get()) {
            i18n.t(Msg::FooterPrivacyRecords)
        } else {
            i18n.t(Msg::FooterPrivacy)
        }
    };
    view! {
        <footer class="site-footer">
            <p>{note}</p>
        </footer>
    }
}

/// Moves focus to the new page's main heading after each navigation, so that keyboard and screen
/// reader users start at the top of the new content. The first render keeps the browser's focus.
/// The new page's [`crate::components::page_title::PageTitle`] claims the request when it renders,
/// which for an area loaded on first use is only after its code has arrived. Until then the old
/// page may still be showing, so focus waits on the main region rather than on the old heading.
fn focus_on_navigate(nav: Nav) {
    Effect::new(move |previous: Option<String>| {
        let current = nav.path();
        if previous.is_some_and(|p| p != current) {
            crate::components::page_title::request_heading_focus();
            request_animation_frame(|| {
                if crate::components::page_title::claim_heading_focus() {
                    // No new heading yet: hold focus on the main region and let the heading take
                    // it when it appears.
                    focus_selector("main");
                    crate::components::page_title::request_heading_focus();
                }
            });
        }
        current
    });
}

/// Focuses the first element matching `selector` without scrolling: the main region starts just
/// under the sticky header, and scrolling it to the top of the window would hide its first lines.
pub(crate) fn focus_selector(selector: &str) -> bool {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|el| el.focus_with_options(&options).is_ok())
        .unwrap_or(false)
}

/// Declares an area's page routes and its split point.
///
/// The area's function is a split point: at build time its code (and whatever only it uses) moves
/// into its own wasm chunk, and code shared by several areas into shared chunks, so the first
/// download holds only the shell: header, home, not-found page and the stores they need. Each
/// area mounts its own router, so Leptos' router travels with the areas too. See
/// docs/performance.md.
macro_rules! area {
    ($area:ident, $render:ident { $($path:tt => $($page:ident)::+),+ $(,)? }) => {
        #[leptos::wasm_split::wasm_split($render, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $render() -> Result<AreaStart, AreaLoadFailed> {
            fn render() -> AnyView {
                use leptos_router::components::{Route, Router, Routes};
                use leptos_router::path;
                crate::state::areas::provide_area_contexts();
                view! {
                    <Router>
                        <ReportPath/>
                        <Routes fallback=|| in_area(Area::$area).then(|| view! { <NotFoundPage/> })>
                            $(<Route path=path!($path) view=$($page)::+/>)+
                        </Routes>
                    </Router>
                }
                .into_any()
            }
            Ok(Box::pin(async move {
                use crate::state::tasks::yield_to_browser;
                yield_to_browser().await;
                crate::state::areas::provide_area_contexts();
                yield_to_browser().await;
                render as fn() -> AnyView
            }))
        }
    };
}

/// An area's code could not be fetched.
struct AreaLoadFailed;

impl From<leptos::wasm_split::SplitLoaderError> for AreaLoadFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        AreaLoadFailed
    }
}

/// Tells the shell each path the area's router moves to, so that a page's link or redirect into
/// another area brings that area in, and focus follows every move.
#[component]
fn ReportPath() -> impl IntoView {
    let pathname = leptos_router::hooks::use_location().pathname;
    let nav = use_nav();
    Effect::new(move |_| nav.sync(pathname.get()));
}

/// Whether the area's router is on one of its own addresses. An area whose page moved to another
/// area stays mounted until that area's code has arrived; it must not call the new address "not
/// found" meanwhile.
fn in_area(area: Area) -> bool {
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    crate::site::area_of(&path) == Some(area)
}

area!(Learn, learn_area {
    "/learn" => crate::pages::learn::catalog::CatalogPage,
    "/learn/placement" => crate::pages::learn::placement::PlacementPage,
    "/learn/open" => crate::pages::studio::open_pack::OpenPackPage,
    "/learn/review" => crate::pages::learn::review::ReviewPage,
    "/learn/:track" => crate::pages::learn::track::TrackPage,
    "/learn/:track/certify" => crate::pages::certify::CertifyPage,
    "/learn/:track/final" => crate::pages::certify::FinalPage,
    "/learn/:track/:module" => crate::pages::learn::module::ModulePage,
    "/learn/:track/:module/check" => crate::pages::learn::check::CheckPage,
    "/learn/:track/:module/scenario/:scenario" => crate::pages::learn::check::ScenarioPage,
    "/learn/:track/:module/:unit" => crate::pages::learn::unit::UnitPage,
});

area!(Certificates, certificates_area {
    "/certificates" => crate::pages::certificates::CertificatesPage,
    "/certificates/:id" => crate::pages::certificate::CertificatePage,
    "/verify" => crate::pages::verify::VerifyPage,
});

area!(Studio, studio_area {
    "/studio" => crate::pages::studio::StudioPage,
    "/studio/draft/:draft" => crate::pages::studio::editor::EditorPage,
    "/studio/draft/:draft/preview" => crate::pages::studio::preview::PreviewPage,
    "/studio/draft/:draft/compare" => crate::pages::studio::compare::ComparePage,
    "/studio/draft/:draft/translate" => crate::pages::studio::translate::TranslatePage,
});

area!(Team, team_area {
    "/team" => crate::pages::team::TeamPage,
    "/team/import" => crate::pages::team::TeamPage,
    "/team/share" => crate::pages::team::share::SharePage,
});

area!(Profile, profile_area {
    "/profile" => crate::pages::profile::ProfilePage,
    "/profile/records" => crate::pages::profile::records::RecordsPage,
});
