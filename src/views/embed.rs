//! Embedding in portals (CONTRACT §4): the in-frame chrome (resize messages, "Mở Bantin"),
//! the accent colour, and the embed-code builder page. (Being written.)

use std::sync::Arc;

use bantin_core::query::Index;
use leptos::prelude::*;

/// `?embed-builder`: the page where a webmaster composes the snippet.
pub const BUILDER_PARAM: &str = "embed-builder";
/// `accent=#rrggbb`: the embed's accent colour.
pub const ACCENT_PARAM: &str = "accent";

/// Set `--accent` from a validated `#rrggbb` value; anything else is ignored.
pub fn apply_accent(_accent: Option<&str>) {}

/// In embed mode: keeps the parent informed of the height and links to the full app.
#[component]
pub fn EmbedChrome() -> impl IntoView {
    view! {}
}

#[component]
pub fn EmbedBuilder(index: Arc<Index>) -> impl IntoView {
    let _ = index;
    view! { <main id="main"></main> }
}
