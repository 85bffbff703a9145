//! Entry point: install the panic hook and mount the app. Nothing else belongs here.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(fluency::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Fluency runs in the browser. Start it with `make serve`.");
}
