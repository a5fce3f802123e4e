//! The list of matching articles, with the filter panel and the search box.
//!
//! The results come from the collection asynchronously (an archive may fetch files first);
//! the previous page stays on screen until the new one is ready, so typing never flashes.

use bantin_core::query::Facets;
use bantin_core::url::UrlState;
use leptos::prelude::*;

use crate::app::{use_ctx, Damage, PAGE_SIZE};

/// How long typing must pause before the list searches.
const TYPING_PAUSE_MS: i32 = 120;
use crate::collection::{Collection, Page};
use crate::views::card::Card;
use crate::views::filters::Filters;
use crate::views::offline::{FreshNotice, SavedPanel};

#[component]
pub fn ListView(collection: Collection, damage: Damage) -> impl IntoView {
    let ctx = use_ctx();
    let s = move || ctx.strings();
    let page: RwSignal<Option<Page>> = RwSignal::new(None);
    let busy = RwSignal::new(true);
    // Answers can arrive out of order: only the latest request's answer is shown.
    let latest = StoredValue::new(0u64);
    {
        let collection = collection.clone();
        Effect::new(move |previous: Option<String>| {
            let (query, literal) = ctx.url.with(|u| (u.query.clone(), u.literal));
            let shown = ctx.shown.get();
            let ticket = latest.get_value() + 1;
            latest.set_value(ticket);
            busy.set(true);
            let collection = collection.clone();
            // While the reader types, wait for a pause: a keystroke within it replaces this
            // request before any work is done (search as you type stays smooth on big
            // collections). Other changes answer at once.
            let typing = previous.is_some_and(|text| text != query.text);
            let text = query.text.clone();
            leptos::task::spawn_local(async move {
                if typing {
                    crate::browser::sleep(TYPING_PAUSE_MS).await;
                    if latest.try_get_value() != Some(ticket) {
                        return;
                    }
                }
                let answer = collection.page(query, shown, literal).await;
                // The list may have been closed meanwhile (an article opened): then drop it.
                if latest.try_get_value() == Some(ticket) {
                    page.try_set(Some(answer));
                    busy.try_set(false);
                }
            });
            text
        });
    }
    let total = move || page.with(|p| p.as_ref().map(|p| p.total));
    let sheet_open = RwSignal::new(false);

    let visible = move || {
        // Cards carry links with the current filters: rebuild them with each page.
        page.with(|p| {
            p.iter()
                .flat_map(|p| p.cards.iter().map(|article| view! { <Card article=article.clone() terms=p.terms.clone()/> }))
                .collect_view()
        })
    };
    let remaining = move || page.with(|p| p.as_ref().map_or(0, |p| p.total.saturating_sub(p.cards.len())));
    let missing = move || page.with(|p| p.as_ref().map(|p| p.missing.clone()).unwrap_or_default());
    let clear = move |_| ctx.set_filters(|u| u.query = ctx.baseline());
    let filtering = Memo::new(move |_| ctx.url.with(|u| u.query != ctx.baseline()));
    let facets = Signal::derive(move || page.with(|p| p.as_ref().map(|p| p.facets.clone()).unwrap_or_else(Facets::default)));

    view! {
        <div class="layout">
            <aside id="filters" class="filters" class:open=move || sheet_open.get() aria-label=s().filters>
                <div class="sheet-head">
                    <h2>{s().filters}</h2>
                    <button type="button" class="button close-sheet" on:click=move |_| sheet_open.set(false)>
                        {s().close_filters}
                    </button>
                </div>
                <Filters all=collection.all_facets() newest=collection.newest_day() facets=facets/>
                <SavedPanel collection=collection.clone()/>
            </aside>
            <main id="main" class="list" aria-busy=move || busy.get().to_string()>
                <h1 class="visually-hidden">{s().tagline}</h1>
                <div class="search-row">
                    <input type="search" class="search" aria-label=s().search
                        placeholder=s().search_placeholder
                        prop:value=move || ctx.url.with(|u| u.query.text.clone())
                        on:input=move |ev| { let text = event_target_value(&ev); ctx.set_filters(|u| u.query.text = text) }/>
                    <button type="button" class="button filters-toggle" aria-controls="filters"
                        aria-expanded=move || sheet_open.get().to_string()
                        on:click=move |_| sheet_open.update(|o| *o = !*o)>
                        {s().filters}
                    </button>
                </div>
                <FreshNotice/>
                <div class="result-bar">
                    <p role="status" aria-live="polite" class="count">{move || total().map(|n| (s().results)(n)).unwrap_or_default()}</p>
                    <SortSwitch/>
                    <button type="button" class="button link" hidden=move || !filtering.get() on:click=clear>{s().clear_all}</button>
                </div>
                {move || page.with(|p| p.as_ref().and_then(|p| p.reading.clone())).map(|reading| view! { <Reading reading=reading/> })}
                {(damage.skipped > 0).then(|| view! { <p class="notice">{(s().skipped)(damage.skipped)}</p> })}
                {damage.cut.map(|cut| view! { <div class="notice" role="alert"><p>{s().missing_files}</p><ul><li>{cut}</li></ul></div> })}
                <p class="notice" role="note" hidden=move || !page.with(|p| p.as_ref().is_some_and(|p| p.limited_to_saved))>{s().limited_to_saved}</p>
                <div class="notice" role="alert" hidden=move || missing().is_empty()>
                    <p>{s().missing_files}</p>
                    <ul>{move || missing().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
                <div class="empty" hidden=move || total() != Some(0)>
                        <p>{s().no_results}</p>
                        {move || page.with(|p| p.as_ref().and_then(|p| p.suggestion.clone())).map(|(text, word, count)| view! { <Suggestion text=text word=word count=count/> })}
                        <button type="button" class="button primary" on:click=clear>{s().clear_filters}</button>
                    </div>
                <div class="cards">{visible}</div>
                <button type="button" class="button more" hidden=move || { remaining() == 0 }
                    on:click=move |_| ctx.shown.update(|n| *n += PAGE_SIZE)>
                    {move || (s().show_more)(remaining())}
                </button>
            </main>
        </div>
    }
}

/// "Liên quan / Mới nhất": shown while searching (CONTRACT §2 `sort`).
#[component]
fn SortSwitch() -> impl IntoView {
    let ctx = use_ctx();
    let s = ctx.strings();
    let searching = Memo::new(move |_| ctx.url.with(|u| !u.query.terms().is_empty()));
    let newest = Memo::new(move |_| ctx.url.with(|u| u.query.newest_first));
    let choose = move |newest_first: bool| move |_| ctx.set_filters(|u| u.query.newest_first = newest_first);
    view! {
        <div class="sort" role="group" aria-label=s.sort hidden=move || !searching.get()>
            <button type="button" class="chip" aria-pressed=move || (!newest.get()).to_string() on:click=choose(false)>{s.sort_relevant}</button>
            <button type="button" class="chip" aria-pressed=move || newest.get().to_string() on:click=choose(true)>{s.sort_newest}</button>
        </div>
    }
}

/// "Hiển thị kết quả cho: bầu cử", with a link back to the text as typed.
#[component]
fn Reading(reading: String) -> impl IntoView {
    let ctx = use_ctx();
    let s = ctx.strings();
    let typed = ctx.url.with_untracked(|u| u.query.text.clone());
    let href = ctx.url.with_untracked(|u| UrlState { literal: true, ..u.clone() }.to_query_string());
    let literal = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        ctx.set_filters(|u| u.literal = true);
    };
    view! {
        <p class="notice reading" role="note">
            {s.showing_for}" "<strong>{reading}</strong>". "
            <a href=href on:click=literal>{(s.search_instead)(&typed)}</a>
        </p>
    }
}

/// Nothing matched: drop the word that excludes everything.
#[component]
fn Suggestion(text: String, word: String, count: usize) -> impl IntoView {
    let ctx = use_ctx();
    let s = ctx.strings();
    let href = ctx.url.with_untracked(|u| {
        let mut state = u.clone();
        state.query.text = text.clone();
        state.literal = false;
        state.to_query_string()
    });
    let drop_word = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let text = text.clone();
        ctx.set_filters(|u| u.query.text = text);
    };
    view! { <p class="suggestion"><a href=href on:click=drop_word>{(s.drop_word)(&word, count)}</a></p> }
}
