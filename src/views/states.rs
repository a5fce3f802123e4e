//! Loading and failure states.

use leptos::prelude::*;

use crate::app::use_ctx;

/// Grey placeholder cards while the feed loads, so the layout does not jump.
#[component]
pub fn Skeleton() -> impl IntoView {
    let ctx = use_ctx();
    // Same frame as the list (search row, result bar, cards) so nothing shifts when it arrives.
    view! {
        <div class="layout">
            <aside class="filters" aria-hidden="true"></aside>
            <main id="main" class="list" aria-busy="true">
                <div class="search-row" aria-hidden="true"><div class="bar search-placeholder"></div></div>
                <div class="result-bar"><p class="loading">{ctx.strings().loading}</p></div>
                <div class="cards">
                    {(0..4).map(|_| view! {
                        <div class="card skeleton" aria-hidden="true">
                            <div class="bar title"></div>
                            <div class="bar title short"></div>
                            <div class="bar"></div>
                            <div class="bar"></div>
                            <div class="bar short"></div>
                        </div>
                    }).collect_view()}
                </div>
            </main>
        </div>
    }
}

/// The feed could not be loaded: say what failed and offer a retry.
#[component]
pub fn Failed(what: String, retry: Callback<()>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <main id="main" class="list">
            <div class="failure" role="alert">
                <h1>{ctx.strings().load_failed}</h1>
                <p class="failure-detail">{what}</p>
                <button type="button" class="button primary" on:click=move |_| retry.run(())>
                    {ctx.strings().retry}
                </button>
            </div>
        </main>
    }
}
