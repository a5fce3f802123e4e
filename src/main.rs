//! The browser entry point. In wasm, `no_main`: wasm-bindgen's start export runs the app, so
//! std's `lang_start` (and the stderr reporting it links, ~0.8 KB of raw wasm) stays out of
//! the shell. Natively (`cargo test --workspace` builds every target) an ordinary `main`.
#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    bantin::start()
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    bantin::start()
}
