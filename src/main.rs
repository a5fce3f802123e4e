//! The browser entry point. `no_main`: wasm-bindgen's start export runs the app, so std's
//! `lang_start` (and the stderr reporting it links, ~1 KB of wasm) stays out of the shell.
#![no_main]

#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    bantin::start()
}
