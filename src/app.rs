//! The app shell and every route, declared in one place.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use leptos_router::{Lazy, LazyRoute};
use wasm_bindgen::JsCast;

use crate::components::header::SiteHeader;
use crate::components::notices::NoticeList;
use crate::i18n::Msg;
use crate::pages::home::HomePage;
use crate::pages::not_found::{AreaLoadFailedPage, NotFoundPage};
use crate::state::i18n::{browser_languages, provide_i18n_context, use_i18n};
use crate::state::notices::provide_notices_context;
use crate::state::profile::{provide_profile_context, reflect_on_document};

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
    crate::state::areas::provide_root_owner();
    prefetch_role_area(profile);

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
                    <Route path=path!("/learn/*rest") view={Lazy::<LearnArea>::new()}/>
                    <Route path=path!("/certificates/*rest") view={Lazy::<CertificatesArea>::new()}/>
                    <Route path=path!("/verify") view={Lazy::<CertificatesArea>::new()}/>
                    <Route path=path!("/studio/*rest") view={Lazy::<StudioArea>::new()}/>
                    <Route path=path!("/team/*rest") view={Lazy::<TeamArea>::new()}/>
                    <Route path=path!("/profile") view={Lazy::<ProfileArea>::new()}/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}

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
    view! {
        <footer class="site-footer">
            <p>{i18n.s(Msg::FooterPrivacy)}</p>
        </footer>
    }
}

/// Moves focus to the new page's main heading after each navigation, so that keyboard and screen
/// reader users start at the top of the new content. The first render keeps the browser's focus.
/// The new page's [`crate::components::page_title::PageTitle`] claims the request when it renders,
/// which for an area loaded on first use is only after its code has arrived. Until then the old
/// page may still be showing, so focus waits on the main region rather than on the old heading.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let pathname = use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let current = pathname.get();
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

pub(crate) fn focus_selector(selector: &str) -> bool {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|el| el.focus().is_ok())
        .unwrap_or(false)
}

/// Declares an area: a route in the shell's router that loads the area on first use, and the
/// area's own routes to its pages.
///
/// Each area's render function is a split point: at build time its code (and whatever only it
/// uses) moves into its own wasm chunk, and code shared by several areas into shared chunks, so the
/// first download holds only the shell: header, home, not-found page and the stores they need. The
/// pages' routes live inside the areas, so their router code travels with them too. See
/// docs/performance.md.
macro_rules! area {
    ($route:ident, $render:ident, [$($prefix:tt),+] { $($path:tt => $($page:ident)::+),+ $(,)? }) => {
        struct $route;

        #[leptos::wasm_split::wasm_split($render, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $render() -> Result<AnyView, AreaLoadFailed> {
            crate::state::areas::provide_area_contexts();
            Ok(view! {
                <Routes fallback=|| in_area(&[$($prefix),+]).then(|| view! { <NotFoundPage/> })>
                    $(<Route path=path!($path) view=$($page)::+/>)+
                </Routes>
            }
            .into_any())
        }

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                $render()
                    .await
                    .unwrap_or_else(|_| view! { <AreaLoadFailedPage/> }.into_any())
            }
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

/// Whether the current address belongs to the area under these path prefixes. An area that is being
/// replaced by another (whose code is still loading) stays on screen meanwhile; it must not call
/// the new address "not found".
fn in_area(prefixes: &[&str]) -> bool {
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    prefixes.iter().any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

area!(LearnArea, learn_area, ["/learn"] {
    "/learn" => crate::pages::learn::catalog::CatalogPage,
    "/learn/placement" => crate::pages::learn::placement::PlacementPage,
    "/learn/open" => crate::pages::studio::open_pack::OpenPackPage,
    "/learn/:track" => crate::pages::learn::track::TrackPage,
    "/learn/:track/certify" => crate::pages::certify::CertifyPage,
    "/learn/:track/final" => crate::pages::certify::FinalPage,
    "/learn/:track/:module" => crate::pages::learn::module::ModulePage,
    "/learn/:track/:module/check" => crate::pages::learn::check::CheckPage,
    "/learn/:track/:module/scenario/:scenario" => crate::pages::learn::check::ScenarioPage,
    "/learn/:track/:module/:unit" => crate::pages::learn::unit::UnitPage,
});

area!(CertificatesArea, certificates_area, ["/certificates", "/verify"] {
    "/certificates" => crate::pages::certificates::CertificatesPage,
    "/certificates/:id" => crate::pages::certificate::CertificatePage,
    "/verify" => crate::pages::verify::VerifyPage,
});

area!(StudioArea, studio_area, ["/studio"] {
    "/studio" => crate::pages::studio::StudioPage,
    "/studio/draft/:draft" => crate::pages::studio::editor::EditorPage,
    "/studio/draft/:draft/preview" => crate::pages::studio::preview::PreviewPage,
    "/studio/draft/:draft/compare" => crate::pages::studio::compare::ComparePage,
});

area!(TeamArea, team_area, ["/team"] {
    "/team" => crate::pages::team::TeamPage,
    "/team/import" => crate::pages::team::TeamPage,
    "/team/share" => crate::pages::team::share::SharePage,
});

area!(ProfileArea, profile_area, ["/profile"] {
    "/profile" => crate::pages::profile::ProfilePage,
});
