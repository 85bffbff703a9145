//! A QR code drawn as inline SVG: dark modules on a white square whatever the theme, so phones can
//! read it on screen and on paper.

use leptos::prelude::*;

use crate::domain::qr;

/// Draws `text` as a QR code, or nothing when it is too long for any QR version.
#[component]
pub fn QrCode(
    /// What the code encodes, usually a verify link.
    text: String,
    /// The accessible name of the image.
    label: Signal<&'static str>,
) -> impl IntoView {
    qr::encode(&text).map(|symbol| {
        let view_box = format!("0 0 {0} {0}", symbol.side);
        view! {
            <svg class="qr-code" role="img" aria-label=label viewBox=view_box shape-rendering="crispEdges"
                xmlns="http://www.w3.org/2000/svg">
                <rect width=symbol.side height=symbol.side fill="#fff"/>
                <path d=symbol.path fill="#000"/>
            </svg>
        }
    })
}
