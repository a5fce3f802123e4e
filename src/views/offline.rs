//! Offline reading in the UI: the offline banner, the app-update prompt, the "new articles"
//! notice, and the panel that keeps a filter's articles for offline reading.

use bantin_core::query::{DistrictFacet, Query};
use bantin_core::topics;
use bantin_core::url::UrlState;
use leptos::prelude::*;

use crate::app::{accept_fresh, use_ctx};
use crate::collection::Collection;
use crate::offline::{self, SaveFailure, Saved};

/// Shown while the browser is offline (or the list comes from saved collections), with the
/// time the shown feed was fetched.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let ctx = use_ctx();
    let s = move || ctx.strings();
    let online = RwSignal::new(offline::is_online());
    // The page re-renders on a language change: remove the listeners with the component.
    let on = window_event_listener_untyped("online", move |_| online.set(true));
    let off = window_event_listener_untyped("offline", move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    let text = move || {
        let mut text = if ctx.from_saved.get() { s().from_saved.to_owned() } else { s().offline.to_owned() };
        if let Some(at) = ctx.fetched_at.get() {
            text.push_str(&format!(" · {} {}", s().updated_at, offline::local_time_label(at)));
        }
        text
    };
    view! {
        <p class="offline-banner" role="note" hidden=move || online.get() && !ctx.from_saved.get()>{text}</p>
    }
}

/// A new app version is installed and waiting: offer to switch now.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let ctx = use_ctx();
    let s = move || ctx.strings();
    let ready = RwSignal::new(offline::update_waiting());
    let listener = window_event_listener_untyped("bantin:update-ready", move |_| ready.set(true));
    on_cleanup(move || listener.remove());
    view! {
            <div class="update-prompt" aria-live="polite" hidden=move || !ready.get()>
                <span>{s().update_ready}</span>
                <button type="button" class="button primary" on:click=move |_| offline::apply_update()>{s().update_now}</button>
                <button type="button" class="button" on:click=move |_| ready.set(false)>{s().later}</button>
            </div>
    }
}

/// "Có N tin mới": the service worker brought a newer feed; one tap shows it in place.
#[component]
pub fn FreshNotice() -> impl IntoView {
    let ctx = use_ctx();
    let s = move || ctx.strings();
    let count = move || ctx.fresh.with(|f| f.as_ref().map_or(0, |f| f.new_articles));
    view! {
            <div class="fresh-notice" aria-live="polite" hidden=move || { count() == 0 }>
                <span>{move || (s().new_articles)(count())}</span>
                <button type="button" class="button primary" on:click=move |_| accept_fresh(ctx)>{s().show_new}</button>
            </div>
    }
}

/// A person-readable name for a filter: "huyện Cầu Kè · Bầu cử · “uy ban”".
fn describe(districts: &[DistrictFacet], query: &Query, all: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for id in &query.districts {
        let found = districts.iter().find(|d| d.id == *id);
        parts.push(found.map(|d| format!("{} {}, {}", d.kind, d.name, d.province)).unwrap_or_else(|| id.clone()));
    }
    parts.extend(query.topics.iter().filter_map(|t| topics::by_slug(t)).map(|t| t.vi.to_owned()));
    if !query.text.trim().is_empty() {
        parts.push(format!("“{}”", query.text.trim()));
    }
    if query.from.is_some() || query.to.is_some() {
        let day = |d: Option<bantin_core::date::Day>| d.map(|d| d.to_vietnamese()).unwrap_or_default();
        parts.push(format!("{}–{}", day(query.from), day(query.to)));
    }
    if parts.is_empty() { all.to_owned() } else { parts.join(" · ") }
}

/// Most articles one "save for offline" keeps from an archive (each is one request).
const SAVE_LIMIT: usize = 2000;

/// Keep the current filter's articles offline, list what is kept, and how much space it takes.
#[component]
pub fn SavedPanel(collection: Collection) -> impl IntoView {
    let ctx = use_ctx();
    let s = move || ctx.strings();
    let saved: RwSignal<Vec<Saved>> = RwSignal::new(Vec::new());
    let usage = RwSignal::new((0.0, false));
    let refresh = move || {
        leptos::task::spawn_local(async move {
            saved.set(offline::list().await);
            let (used, _, persisted) = offline::usage().await;
            usage.set((used, persisted));
        })
    };
    refresh();
    // `None` until a save; then what to say about it.
    let status: RwSignal<Option<Result<(), SaveFailure>>> = RwSignal::new(None);
    let save = move |_| {
        let query = ctx.url.with_untracked(|u| u.query.clone());
        let label = describe(&collection.all_facets().districts, &query, s().all_articles);
        let key = UrlState { query: query.clone(), ..UrlState::default() }.to_query_string();
        let key = if key.is_empty() { "all".to_owned() } else { key.trim_start_matches('?').to_owned() };
        let collection = collection.clone();
        leptos::task::spawn_local(async move {
            let (ids, urls) = match &collection {
                Collection::Feed(index) => (index.search(&query).into_iter().map(|p| index.article(p).item.id.clone()).collect(), Vec::new()),
                Collection::Archive(remote) => (Vec::new(), remote.body_urls(&query, SAVE_LIMIT).await),
            };
            status.set(Some(offline::save(&key, &label, &ids, &urls).await.map(|_| ())));
            refresh();
        });
    };
    let rows = move || {
        saved.get().into_iter().map(|entry| {
            let key = entry.key.clone();
            let remove = move |_| {
                let key = key.clone();
                leptos::task::spawn_local(async move {
                    offline::remove(&key).await;
                    refresh();
                });
            };
            view! {
                <li class="saved">
                    <span class="saved-label">{entry.label.clone()}</span>
                    <span class="count">{format!("{} KB", (entry.bytes as u64).div_ceil(1024))}</span>
                    <button type="button" class="button small" aria-label=format!("{}: {}", s().remove, entry.label) on:click=remove>
                        {s().remove}
                    </button>
                </li>
            }
        }).collect_view()
    };
    view! {
        <fieldset class="facet offline-panel">
            <legend>{s().offline_reading}</legend>
            <button type="button" class="button" on:click=save>{s().save_offline}</button>
            <p class="share-status" aria-live="polite">{move || match status.get() {
                None => String::new(),
                Some(Ok(())) => s().saved_ok.to_owned(),
                Some(Err(SaveFailure::Full { bytes })) => (s().save_full)(bytes.div_ceil(1024)),
                Some(Err(SaveFailure::Other(why))) => (s().save_failed)(&why),
            }}</p>
            <ul class="saved-list">{rows}</ul>
            <p class="storage">{move || { let (used, persisted) = usage.get(); (s().storage_used)(used as u64, persisted) }}</p>
        </fieldset>
    }
}
