//! The list of matching articles, with the filter panel and the search box.
//!
//! The results come from the collection asynchronously (an archive may fetch files first);
//! the previous page stays on screen until the new one is ready, so typing never flashes.

use bantin_core::query::Facets;
use bantin_core::url::UrlState;
use leptos::prelude::*;

use crate::app::{use_ctx, Ctx, Damage, PAGE_SIZE};

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
    // Set by the search box: this change is a keystroke (a link or Back answers at once).
    let keystroke = StoredValue::new(false);
    {
        let collection = collection.clone();
        Effect::new(move |_| {
            let (query, literal) = ctx.url.with(|u| (u.query.clone(), u.literal));
            let shown = ctx.shown.get();
            let ticket = latest.get_value() + 1;
            latest.set_value(ticket);
            busy.set(true);
            let collection = collection.clone();
            // While the reader types, wait for a pause: a keystroke within it replaces this
            // request before any work is done (search as you type stays smooth on big
            // collections). Other changes answer at once.
            let typing = keystroke.get_value();
            keystroke.set_value(false);
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
                        on:input=move |ev| { let text = event_target_value(&ev); keystroke.set_value(true); ctx.set_filters(|u| u.query.text = text) }/>
                    <button type="button" class="button filters-toggle" aria-controls="filters"
                        aria-expanded=move || sheet_open.get().to_string()
                        on:click=move |_| sheet_open.update(|o| *o = !*o)>
                        {s().filters}
                    </button>
                </div>
                <FreshNotice/>
                <div class="result-bar">
                    <p role="status" aria-live="polite" class="count">{move || total().map(|n| (s().results)(n)).unwrap_or_default()}</p>
                    <button type="button" class="button link" hidden=move || !filtering.get() on:click=clear>{s().clear_all}</button>
                </div>
                {move || page.with(|p| p.as_ref().map(|p| notes(ctx, p, clear)))}
                {(damage.skipped > 0).then(|| view! { <p class="notice">{(s().skipped)(damage.skipped)}</p> })}
                {damage.cut.map(|cut| view! { <div class="notice" role="alert"><p>{s().missing_files}</p><ul><li>{cut}</li></ul></div> })}
                <p class="notice" role="note" hidden=move || !page.with(|p| p.as_ref().is_some_and(|p| p.limited_to_saved))>{s().limited_to_saved}</p>
                <div class="notice" role="alert" hidden=move || missing().is_empty()>
                    <p>{s().missing_files}</p>
                    <ul>{move || missing().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
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

/// What the list says about a page of results beside its cards: the sort switch while
/// searching (CONTRACT §2 `sort`), "Hiển thị kết quả cho: …" with a link back to the text as
/// typed, and when nothing matches, the way out (drop a word, clear the filters). Plain values
/// rebuilt with each page, not reactive: the page changes whenever any of them would.
fn notes(ctx: Ctx, page: &Page, clear: impl Fn(leptos::ev::MouseEvent) + 'static) -> impl IntoView {
    let s = ctx.strings();
    let state = ctx.url.get_untracked();
    // A link that shows `to` in place (the same state as its href).
    let link = move |to: UrlState, text: String| {
        let href = to.to_query_string();
        view! { <a href=href on:click=move |ev: leptos::ev::MouseEvent| { ev.prevent_default(); ctx.show_filters(to.clone()) }>{text}</a> }
    };
    let sort = (!page.terms.is_empty()).then(|| {
        let choice = |newest_first: bool, label: &'static str| {
            let mut to = state.clone();
            to.query.newest_first = newest_first;
            let pressed = (state.query.newest_first == newest_first).to_string();
            view! { <button type="button" class="chip" aria-pressed=pressed on:click=move |_| ctx.show_filters(to.clone())>{label}</button> }
        };
        view! { <div class="sort" role="group" aria-label=s.sort>{choice(false, s.sort_relevant)}{choice(true, s.sort_newest)}</div> }
    });
    let reading = page.reading.clone().map(|reading| {
        let literal = UrlState { literal: true, ..state.clone() };
        view! { <p class="notice reading" role="note">{s.showing_for}" "<strong>{reading}</strong>". "{link(literal, (s.search_instead)(&state.query.text))}</p> }
    });
    let empty = (page.total == 0).then(|| {
        let suggestion = page.suggestion.clone().map(|(text, word, count)| {
            let mut to = state.clone();
            to.query.text = text;
            view! { <p class="suggestion">{link(to, (s.drop_word)(&word, count))}</p> }
        });
        view! {
            <div class="empty">
                <p>{s.no_results}</p>
                {suggestion}
                <button type="button" class="button primary" on:click=clear>{s.clear_filters}</button>
            </div>
        }
    });
    (sort, reading, empty)
}
