//! One article in the list: the contract's `<article>` with a heading and a link (CONTRACT §3).

use bantin_core::query::{highlight, snippet, Article};
use bantin_core::topics;
use leptos::prelude::*;

use crate::app::use_ctx;
use crate::views::{highlighted, place_label};

/// Left clicks open in place (pushState); modified clicks keep the browser's behaviour.
pub fn is_plain_click(ev: &leptos::ev::MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}

#[component]
pub fn Card(article: Article, terms: Vec<String>) -> impl IntoView {
    let ctx = use_ctx();
    let item = article.item;
    let id = item.id.clone();
    // Cards are rebuilt whenever the results change, so their values need not be reactive.
    let href = ctx.url.with_untracked(|u| u.with_article(&id).to_query_string());
    let id = item.id.clone();
    let open = move |ev: leptos::ev::MouseEvent| {
        if is_plain_click(&ev) {
            ev.prevent_default();
            ctx.opened_from_list.set(true);
            ctx.open(ctx.url.get_untracked().with_article(&id));
        }
    };
    let day = article.published.day;
    let b = item.bantin.clone();
    let place = place_label(&b, ctx.strings());
    let topic_slugs = item.bantin.topics.clone();
    // When the title does not show why the article matched, a few words of the body do.
    let title_matches = terms.is_empty() || highlight(&item.title, &terms).iter().any(|run| run.1);
    let excerpt = (!title_matches).then(|| snippet(&item.content_text, &terms, 24)).flatten();
    view! {
        <article class="card">
            <h2 class="card-title"><a href=href on:click=open>{highlighted(&item.title, &terms)}</a></h2>
            <p class="meta">
                <time datetime=day.to_string()>{day.to_vietnamese()}</time>
                {place.map(|p| view! { <span class="place">{p}</span> })}
            </p>
            <ul class="chips" aria-label=ctx.strings().topic>
                {topic_slugs.into_iter().filter_map(|slug| topics::by_slug(&slug)).map(|t| view! {
                    <li class="chip static">{ctx.prefs.lang.get_untracked().topic_label(t)}</li>
                }).collect_view()}
            </ul>
            <p class="summary">{highlighted(&item.summary, &terms)}</p>
            {excerpt.map(|text| view! { <p class="snippet">{highlighted(&text, &terms)}</p> })}
        </article>
    }
}
