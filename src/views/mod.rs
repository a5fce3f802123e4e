//! The views. Each is a small component reading the [`crate::app::Ctx`] context; none fetches.

pub mod article;
pub mod card;
pub mod embed;
pub mod filters;
pub mod header;
pub mod list;
pub mod offline;
pub mod states;

use bantin_core::feed::Bantin;
use bantin_core::query::highlight;
use leptos::either::Either;
use leptos::prelude::*;

use crate::i18n::Strings;

/// Text with search matches wrapped in `<mark>`. Always text nodes: feeds are untrusted.
pub fn highlighted(text: &str, terms: &[String]) -> impl IntoView {
    highlight(text, terms)
        .into_iter()
        .map(|(run, marked)| if marked { Either::Left(view! { <mark>{run}</mark> }) } else { Either::Right(run) })
        .collect_view()
}

/// "huyện Cầu Kè, Trà Vinh (nay: Vĩnh Long)", or the province alone, or nothing.
pub fn place_label(b: &Bantin, strings: &Strings) -> Option<String> {
    let province = b.province.as_deref().map(|p| match b.province_2025.as_deref() {
        Some(now) if now != p => format!("{p} ({}: {now})", strings.now_in),
        _ => p.to_owned(),
    });
    let district = b.district.as_deref().map(|d| match b.district_type.as_deref() {
        Some(kind) => format!("{kind} {d}"),
        None => d.to_owned(),
    });
    match (district, province) {
        (Some(d), Some(p)) => Some(format!("{d}, {p}")),
        (d, p) => d.or(p),
    }
}
