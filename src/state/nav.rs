//! The shell's own navigation: the current path, and following links between areas.
//!
//! Leptos' router travels with the areas (each area mounts its own `<Router>`), so the first
//! download carries none of it. The shell only needs to know which area to show: it keeps the
//! current path in a signal, follows links that lead to another area (or that are clicked while no
//! area is mounted, as on the home page) with the History API, and hears back and forward. A link
//! inside the mounted area is left to that area's router, which reports each new path back
//! through [`Nav::sync`].

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::site::{area_of, is_jump_within_page, Area};

#[derive(Clone, Copy)]
pub struct Nav {
    path: RwSignal<String>,
    /// The area `path` belongs to (`None`: not found).
    area: Memo<Option<Area>>,
    /// The area whose own router is mounted now, if any. Read only by the click handler.
    mounted: StoredValue<Option<Area>>,
}

/// Called once by `App`.
pub fn provide_nav_context() -> Nav {
    let path = RwSignal::new(current_path());
    let nav = Nav {
        path,
        area: Memo::new(move |_| path.with(|path| area_of(path))),
        mounted: StoredValue::new(None),
    };
    provide_context(nav);
    let window = window();
    let on_popstate = Closure::<dyn Fn()>::new(move || nav.sync(current_path()));
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev| nav.on_click(&ev));
    // The shell lives as long as the page, so its listeners do too. Clicks are heard in the
    // capture phase, before an area's router hears them on the way back up: a link to another area
    // is the shell's to follow, and the router then sees it handled.
    let _ =
        window.add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    on_popstate.forget();
    on_click.forget();
    nav
}

pub fn use_nav() -> Nav {
    expect_context::<Nav>()
}

impl Nav {
    /// The current path, tracked.
    pub fn path(self) -> String {
        self.path.get()
    }

    /// The area the current path belongs to (`None`: not found), tracked. It changes only when
    /// the visitor moves to another area.
    pub fn area(self) -> Option<Area> {
        self.area.get()
    }

    /// Like [`Nav::area`], untracked.
    pub fn area_untracked(self) -> Option<Area> {
        self.area.get_untracked()
    }

    /// Goes to `href` (a same-origin path, with query and fragment if any), adding a history
    /// entry. For the shell's own pages: inside an area, the area's router navigates (its
    /// `use_navigate`), since it would not hear of a move made here within its own area.
    pub fn navigate(self, href: &str) {
        let window = window();
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
        }
        window.scroll_to_with_x_and_y(0.0, 0.0);
        self.sync(current_path());
    }

    /// Takes the path the mounted area's router has moved to.
    pub fn sync(self, path: String) {
        if self.path.with_untracked(|current| *current != path) {
            self.path.set(path);
        }
    }

    /// Records which area's router is mounted, for the click handler.
    pub fn set_mounted(self, area: Option<Area>) {
        self.mounted.set_value(area);
    }

    fn on_click(self, ev: &web_sys::MouseEvent) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.ctrl_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(anchor) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        let target = anchor.target();
        if (!target.is_empty() && target != "_self")
            || anchor.has_attribute("download")
            || anchor
                .rel()
                .split_ascii_whitespace()
                .any(|r| r == "external")
        {
            return;
        }
        let location = window().location();
        if anchor.origin() != location.origin().unwrap_or_default() {
            return;
        }
        let to = format!("{}{}", anchor.pathname(), anchor.search());
        let from = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        let hash = anchor.hash();
        if is_jump_within_page(&from, &to, !hash.is_empty()) {
            return;
        }
        let mounted = self.mounted.get_value();
        if mounted.is_some() && area_of(&anchor.pathname()) == mounted {
            // The mounted area's router follows links within its area.
            return;
        }
        ev.prevent_default();
        self.navigate(&format!("{to}{hash}"));
    }
}

fn current_path() -> String {
    window()
        .location()
        .pathname()
        .unwrap_or_else(|_| "/".into())
}
