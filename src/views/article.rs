//! One article (CONTRACT §3): `<main>` holds one `<article>` whose `<h1>` is the title,
//! captions in `<figcaption>`, paragraphs in `<p>`; next/previous follow the current results.

use bantin_core::query::Article;
use bantin_core::topics;
use leptos::prelude::*;

use crate::app::{use_ctx, PAGE_SIZE};
use crate::collection::Collection;
use crate::browser;
use crate::views::card::is_plain_click;
use crate::views::place_label;

/// Only web links become `href`s: a feed could carry `javascript:` URLs.
fn safe_link(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| url.trim().to_owned())
}

/// What opening an article found.
#[derive(Clone)]
enum Found {
    Loading,
    Article { article: Box<Article>, previous: Option<String>, next: Option<String> },
    NotFound(Option<String>),
}

#[component]
pub fn ArticleView(collection: Collection, id: String) -> impl IntoView {
    let ctx = use_ctx();
    let s = move || ctx.strings();
    let found = RwSignal::new(Found::Loading);
    leptos::task::spawn_local(async move {
        let article = collection.article(id.clone()).await;
        // Neighbours within the current results (newest first), as far as the list had shown.
        let (query, literal) = ctx.url.with_untracked(|u| (u.query.clone(), u.literal));
        let shown = ctx.shown.get_untracked().max(PAGE_SIZE) + 1;
        let (previous, next) = match &article {
            Ok(Some(_)) => {
                let page = collection.page(query, shown, literal).await;
                let at = page.cards.iter().position(|a| a.item.id == id);
                let id_at = |p: Option<usize>| p.and_then(|p| page.cards.get(p)).map(|a| a.item.id.clone());
                match at {
                    Some(at) => (id_at(at.checked_sub(1)), id_at(Some(at + 1))),
                    None => (None, None),
                }
            }
            _ => (None, None),
        };
        // `try_set`: the view may have been closed while the article loaded.
        found.try_set(match article {
            Ok(Some(article)) => Found::Article { article: Box::new(article), previous, next },
            Ok(None) => Found::NotFound(None),
            Err(why) => Found::NotFound(Some(why)),
        });
    });
    move || match found.get() {
        Found::Loading => view! { <main id="main" class="article-page" aria-busy="true"><div class="skeleton"><div class="bar title"></div><div class="bar"></div><div class="bar short"></div></div></main> }.into_any(),
        Found::NotFound(why) => {
            let back = move |_| ctx.set_filters(|_| {});
            view! {
                <main id="main" class="article-page">
                    <div class="failure" role="alert">
                        <h1>{s().not_found}</h1>
                        {why.map(|why| view! { <p class="detail">{why}</p> })}
                        <button type="button" class="button primary" on:click=back>{s().back_to_list}</button>
                    </div>
                </main>
            }
            .into_any()
        }
        Found::Article { article, previous, next } => view! { <ArticleBody article=*article previous=previous next=next/> }.into_any(),
    }
}

#[component]
fn ArticleBody(article: Article, previous: Option<String>, next: Option<String>) -> impl IntoView {
    let ctx = use_ctx();
    let s = move || ctx.strings();
    let item = article.item.clone();
    let neighbour = move |id: Option<String>, label: fn(&crate::i18n::Strings) -> &'static str, class: &'static str| {
        id.map(|id| {
            let href = ctx.url.with_untracked(|u| u.with_article(&id).to_query_string());
            let go = move |ev: leptos::ev::MouseEvent| {
                if is_plain_click(&ev) {
                    ev.prevent_default();
                    // Replace, so Back still returns straight to the list.
                    let state = ctx.url.get_untracked().with_article(&id);
                    browser::navigate(&state, false);
                    ctx.url.set(state);
                    browser::scroll_to(0.0);
                }
            };
            view! { <a class=format!("button {class}") href=href rel=class on:click=go>{label(s())}</a> }
        })
    };

    // `?` rather than an empty href, which would point back at this article.
    let back_href = ctx.url.with_untracked(|u| u.list().to_query_string());
    let back_href = if back_href.is_empty() { "?".to_owned() } else { back_href };
    let back = move |ev: leptos::ev::MouseEvent| {
        if is_plain_click(&ev) {
            ev.prevent_default();
            if ctx.opened_from_list.get_untracked() {
                // Back restores the list's filters and scroll position from history.
                let _ = browser::window().history().map(|h| h.back());
            } else {
                ctx.set_filters(|_| {});
            }
        }
    };
    let published = article.published;
    let when = match published.time {
        Some((h, m)) => format!("{} {h:02}:{m:02}", published.day.to_vietnamese()),
        None => published.day.to_vietnamese(),
    };
    let b = item.bantin.clone();
    let place = place_label(&b, ctx.strings());
    let authors = item.authors.iter().map(|a| a.name.clone()).collect::<Vec<_>>().join(", ");
    let paragraphs: Vec<String> = item.content_text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect();
    let source = item.url.as_deref().and_then(safe_link);
    let shared = RwSignal::new(false);
    let title = item.title.clone();
    let share = move |_| {
        let url = browser::absolute_url(&ctx.url.get_untracked());
        let title = title.clone();
        leptos::task::spawn_local(async move { shared.set(browser::share_or_copy(&title, &url).await) });
    };
    let captions = item.bantin.captions.clone();
    let topic_slugs = item.bantin.topics.clone();

    view! {
        <main id="main" class="article-page">
            <article class="article-view">
                <a class="back" href=back_href on:click=back>{s().back_to_list}</a>
                <h1>{item.title.clone()}</h1>
                <p class="meta">
                    <time datetime=published.to_rfc3339()>{when}</time>
                    {place.map(|p| view! { <span class="place">{p}</span> })}
                </p>
                <ul class="chips" aria-label=s().topic>
                    {topic_slugs.into_iter().filter_map(|slug| topics::by_slug(&slug)).map(|t| view! {
                        <li class="chip static">{ctx.prefs.lang.get_untracked().topic_label(t)}</li>
                    }).collect_view()}
                </ul>
                {(!captions.is_empty()).then(|| view! {
                    <section class="captions" aria-label=s().photos>
                        {captions.iter().map(|c| view! { <figure><figcaption>{c.clone()}</figcaption></figure> }).collect_view()}
                    </section>
                })}
                <div class="body">
                    {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                </div>
                {(!authors.is_empty()).then(|| view! { <p class="byline">{s().by}": "{authors.clone()}</p> })}
                {source.map(|url| view! { <p class="source"><a href=url target="_blank" rel="noopener noreferrer">{s().source}</a></p> })}
                <div class="actions">
                    <button type="button" class="button" on:click=share>{s().share}</button>
                    <span aria-live="polite" class="share-status">{move || if shared.get() { s().link_copied } else { "" }}</span>
                </div>
                <nav class="pager" aria-label=format!("{} / {}", s().previous, s().next)>
                    {neighbour(previous, |s| s.previous, "prev")}
                    {neighbour(next, |s| s.next, "next")}
                </nav>
            </article>
        </main>
    }
}
