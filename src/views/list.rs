//! The list of matching articles, with the filter panel and the search box.

use std::sync::Arc;

use bantin_core::query::Index;
use leptos::prelude::*;

use crate::app::{use_ctx, PAGE_SIZE};
use crate::views::card::Card;
use crate::views::filters::Filters;
use crate::views::offline::{FreshNotice, SavedPanel};

#[component]
pub fn ListView(index: Arc<Index>, skipped: usize) -> impl IntoView {
    let ctx = use_ctx();
    let s = move || ctx.strings();
    let results = {
        let index = index.clone();
        Memo::new(move |_| ctx.url.with(|u| index.search(&u.query)))
    };
    let terms = Memo::new(move |_| ctx.url.with(|u| u.query.terms()));
    let sheet_open = RwSignal::new(false);


    let visible = {
        let index = index.clone();
        move || {
            // Cards carry links with the current filters: rebuild them on any URL change.
            ctx.url.track();
            let terms = terms.get();
            results.with(|r| {
                r.iter()
                    .take(ctx.shown.get())
                    .map(|&pos| view! { <Card article=index.article(pos).clone() terms=terms.clone()/> })
                    .collect_view()
            })
        }
    };
    let remaining = move || results.with(|r| r.len()).saturating_sub(ctx.shown.get());
    let clear = move |_| ctx.set_filters(|u| u.query = ctx.baseline());
    let filtering = Memo::new(move |_| ctx.url.with(|u| u.query != ctx.baseline()));

    view! {
        <div class="layout">
            <aside id="filters" class="filters" class:open=move || sheet_open.get() aria-label=s().filters>
                <div class="sheet-head">
                    <h2>{s().filters}</h2>
                    <button type="button" class="button close-sheet" on:click=move |_| sheet_open.set(false)>
                        {s().close_filters}
                    </button>
                </div>
                <Filters index=index.clone()/>
                <SavedPanel index=index.clone()/>
            </aside>
            <main id="main" class="list">
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
                    <p role="status" aria-live="polite" class="count">{move || (s().results)(results.with(|r| r.len()))}</p>
                    <button type="button" class="button link" hidden=move || !filtering.get() on:click=clear>{s().clear_all}</button>
                </div>
                {(skipped > 0).then(|| view! { <p class="notice">{(s().skipped)(skipped)}</p> })}
                <div class="empty" hidden=move || results.with(|r| !r.is_empty())>
                        <p>{s().no_results}</p>
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
