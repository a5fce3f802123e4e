//! Bantin's browser app: UI, URL state, fetching. The domain (feed, folding, queries) lives in
//! `bantin-core`; this crate only turns it into views. See ARCHITECTURE.md.

pub mod app;
pub mod browser;
pub mod collection;
pub mod i18n;
pub mod offline;
pub mod prefs;
pub mod source;
pub mod views;

/// Mount the app on `<body>`.
pub fn start() {
    // Readable panics while developing; release builds abort (smaller wasm).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
