//! The top-level component: loads the feed once, keeps the URL and the view in step, and picks
//! the list or the article view from the URL (the one source of UI state).

use std::sync::Arc;

use bantin_core::query::Query;
use bantin_core::url::UrlState;
use leptos::prelude::*;

use crate::browser;
use crate::i18n::Strings;
use crate::prefs::{Prefs, Theme};
use crate::collection::Collection;
use crate::source::{ArticleFirst, FeedFile, OrElse, Source, WithSaved};
use crate::views::{article::ArticleView, embed, offline, header::Header, list::ListView, states::{Failed, Skeleton}};

/// Where loading the feed stands.
#[derive(Clone)]
pub enum Load {
    Loading,
    Failed(String),
    Ready { collection: Collection, damage: Damage },
}

/// What of the feed file could not be shown: skipped items, and a file cut off in transfer
/// (its complete items show; this names the file and says what is missing).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Damage {
    pub skipped: usize,
    pub cut: Option<String>,
}

impl Damage {
    fn of(loaded: &crate::source::Loaded) -> Damage {
        Damage { skipped: loaded.skipped.len(), cut: loaded.cut.clone() }
    }
}

/// A newer feed the service worker brought in while the reader was reading.
#[derive(Clone)]
pub struct Fresh {
    pub collection: Collection,
    pub damage: Damage,
    /// Articles in it that the shown list does not have.
    pub new_articles: usize,
}

/// What every view may need, provided once as context.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub load: RwSignal<Load>,
    pub url: RwSignal<UrlState>,
    pub prefs: Prefs,
    /// How many results the list renders (it grows by [`PAGE_SIZE`]); kept here so that
    /// coming back from an article shows as much as before and the scroll position fits.
    pub shown: RwSignal<usize>,
    /// Whether the current article was opened from the list in this visit (so Back can
    /// simply go back in history) rather than from a pasted link.
    pub opened_from_list: RwSignal<bool>,
    /// When the shown feed was fetched, if it came from the offline cache.
    pub fetched_at: RwSignal<Option<f64>>,
    /// Whether the list comes from saved collections (network and feed cache failed).
    pub from_saved: RwSignal<bool>,
    /// Only the linked article is loaded ([`crate::source::ArticleFirst`]).
    pub partial: RwSignal<bool>,
    pub fresh: RwSignal<Option<Fresh>>,
    /// What "clear all" returns to: nothing, or in an embed the portal's presets (a district's
    /// portal keeps showing its district).
    /// (As a query string: it lives as long as the page and keeps `Ctx` `Copy`.)
    pub baseline: &'static str,
}

/// Articles rendered per step of the list.
pub const PAGE_SIZE: usize = 30;

impl Ctx {
    pub fn new(url: UrlState, theme_override: Option<Theme>) -> Ctx {
        let presets = UrlState { query: url.query.clone(), ..UrlState::default() }.to_query_string();
        let baseline: &'static str = if url.embed { Box::leak(presets.into_boxed_str()) } else { "" };
        Ctx {
            load: RwSignal::new(Load::Loading),
            url: RwSignal::new(url),
            prefs: Prefs::load(theme_override),
            shown: RwSignal::new(PAGE_SIZE),
            opened_from_list: RwSignal::new(false),
            fetched_at: RwSignal::new(None),
            from_saved: RwSignal::new(false),
            partial: RwSignal::new(false),
            fresh: RwSignal::new(None),
            baseline,
        }
    }

    /// The UI strings in the current language. Untracked: the whole page re-renders when the
    /// language changes (see [`App`]).
    /// The filters "clear all" returns to.
    pub fn baseline(&self) -> Query {
        UrlState::parse(self.baseline).query
    }

    pub fn strings(&self) -> &'static Strings {
        self.prefs.lang.get_untracked().strings()
    }

    /// Change the filters: replace the history entry (no entry per keystroke).
    pub fn set_filters(&self, change: impl FnOnce(&mut UrlState)) {
        let mut state = self.url.get_untracked();
        change(&mut state);
        self.show_filters(state);
    }

    /// [`Ctx::set_filters`]'s work, not generic: one copy in the wasm rather than one per
    /// call site (there are a dozen).
    #[inline(never)]
    pub fn show_filters(&self, mut state: UrlState) {
        let typed = self.url.with_untracked(|u| u.query.text.clone());
        state.article = None;
        // New text is read afresh: Telex/VNI retries again.
        if state.query.text != typed {
            state.literal = false;
        }
        if state.query != self.url.with_untracked(|u| u.query.clone()) {
            self.shown.set(PAGE_SIZE);
        }
        browser::navigate(&state, false);
        self.url.set(state);
    }

    /// Open a view as a new history entry (an article), so Back returns here.
    pub fn open(&self, state: UrlState) {
        browser::navigate(&state, true);
        self.url.set(state);
        browser::scroll_to(0.0);
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

fn report_skipped(skipped: &[bantin_core::feed::Skipped]) {
    if !skipped.is_empty() {
        browser::warn(&format!("Bantin: {} articles could not be shown", skipped.len()));
        for item in skipped {
            browser::warn(&format!("Bantin: skipped {item}"));
        }
    }
}

/// Fetch and index the feed, reporting skipped items in the console by name.
pub fn load_feed(ctx: Ctx, source: Arc<dyn Source + Send + Sync>) {
    ctx.load.set(Load::Loading);
    leptos::task::spawn_local(async move {
        match source.load().await {
            Ok(loaded) => {
                report_skipped(&loaded.skipped);
                if let Some(cut) = &loaded.cut {
                    browser::warn(&format!("Bantin: {cut}"));
                }
                let damage = Damage::of(&loaded);
                ctx.fetched_at.set(loaded.fetched_at);
                ctx.from_saved.set(loaded.from_saved);
                ctx.partial.set(loaded.partial);
                ctx.load.set(Load::Ready { collection: loaded.collection, damage });
                // A newer feed may have been announced while this one was loading.
                if !loaded.partial && crate::offline::take_feed_updated() {
                    check_fresh(ctx, source);
                }
            }
            Err(error) => ctx.load.set(Load::Failed(error.what)),
        }
    });
}

/// The service worker cached a newer feed: load it beside the shown one and count what is new.
pub fn check_fresh(ctx: Ctx, source: Arc<dyn Source + Send + Sync>) {
    leptos::task::spawn_local(async move {
        let Ok(loaded) = source.load().await else { return };
        let Load::Ready { collection: shown, .. } = ctx.load.get_untracked() else { return };
        let new_articles = match (&shown, &loaded.collection) {
            (Collection::Feed(shown), Collection::Feed(index)) => {
                // Sorted ids of what is shown: one pass, not a scan per new article.
                let mut shown_ids: Vec<&str> = shown.articles().iter().map(|a| a.item.id.as_str()).collect();
                bantin_core::sort::sort(&mut shown_ids);
                index.articles().iter().filter(|a| shown_ids.binary_search(&a.item.id.as_str()).is_err()).count()
            }
            // Archives only grow by appending: the difference in totals is what is new.
            (shown, fresh) => fresh.total().saturating_sub(shown.total()),
        };
        if new_articles > 0 {
            let damage = Damage::of(&loaded);
            ctx.fresh.set(Some(Fresh { collection: loaded.collection, damage, new_articles }));
        }
    });
}

/// Show the fresh feed in place: same URL, same filters.
pub fn accept_fresh(ctx: Ctx) {
    if let Some(fresh) = ctx.fresh.get_untracked() {
        ctx.fresh.set(None);
        ctx.fetched_at.set(None);
        ctx.load.set(Load::Ready { collection: fresh.collection, damage: fresh.damage });
    }
}

#[component]
pub fn App() -> impl IntoView {
    let initial = browser::current_url_state();
    let theme_override = initial.extra("theme").and_then(Theme::parse);
    let embed = initial.embed;
    let initial_builder = initial.extra.iter().any(|(k, _)| k == embed::BUILDER_PARAM);
    embed::apply_accent(initial.extra(embed::ACCENT_PARAM));
    let ctx = Ctx::new(initial, theme_override);
    provide_context(ctx);

    // An embed of one district loads that district's feed first (CONTRACT §5).
    let district_feed = match ctx.url.with_untracked(|u| (u.embed, u.query.districts.clone())) {
        (true, districts) if districts.len() == 1 => Some(format!("districts/{}.json", districts[0])),
        _ => None,
    };
    let source: Arc<dyn Source + Send + Sync> = match district_feed {
        Some(url) => Arc::new(WithSaved(OrElse(FeedFile { url }, FeedFile::default()))),
        None => Arc::new(WithSaved(FeedFile::default())),
    };
    // A link to an article shows it from its own file; the list loads when it is shown. (A
    // link with filters loads the list at once: next and previous follow those results.)
    match ctx.url.with_untracked(|u| u.article.clone().filter(|_| u.query == Query::default())) {
        Some(id) => load_feed(ctx, Arc::new(ArticleFirst(id, source.clone()))),
        None => load_feed(ctx, source.clone()),
    }
    let _feed_updated = {
        let source = source.clone();
        window_event_listener_untyped("bantin:feed-updated", move |_| {
            if matches!(ctx.load.get_untracked(), Load::Ready { .. }) && !ctx.partial.get_untracked() && crate::offline::take_feed_updated() {
                check_fresh(ctx, source.clone());
            }
        })
    };

    // Back/Forward: the address bar is the truth; restore the scroll saved with that entry.
    let _popstate = window_event_listener(leptos::ev::popstate, move |_| {
        ctx.url.set(browser::current_url_state());
        let saved = browser::saved_scroll();
        request_animation_frame(move || browser::scroll_to(saved.unwrap_or(0.0)));
    });

    // Only opening or closing an article swaps the view; filter changes update it in place.
    let article = Memo::new(move |_| ctx.url.with(|u| u.article.clone()));
    // Leaving a linked article for the list: load the list's source now.
    let list_source = source.clone();
    Effect::new(move |_| {
        if article.get().is_none() && ctx.partial.get_untracked() {
            load_feed(ctx, list_source.clone());
            ctx.partial.set(false);
        }
    });
    let retry = Callback::new(move |_: ()| load_feed(ctx, source.clone()));
    let builder = initial_builder;
    let body = move || match ctx.load.get() {
        Load::Ready { collection, .. } if builder => view! { <embed::EmbedBuilder collection=collection/> }.into_any(),
        Load::Loading => view! { <Skeleton/> }.into_any(),
        Load::Failed(what) => view! { <Failed what=what retry=retry/> }.into_any(),
        Load::Ready { collection, damage } => match article.get() {
            Some(id) => view! { <ArticleView collection=collection id=id/> }.into_any(),
            // The Effect above is loading the list.
            None if ctx.partial.get() => view! { <Skeleton/> }.into_any(),
            None => view! { <ListView collection=collection damage=damage/> }.into_any(),
        },
    };

    // The UI language changes rarely: switching it re-renders the page, so every UI string can
    // be plain text instead of a reactive closure (which saves a lot of wasm).
    move || {
        ctx.prefs.lang.track();
        let s = ctx.strings();
        view! {
            {(!embed).then(|| view! { <Header/> })}
            <offline::OfflineBanner/>
            <offline::UpdatePrompt/>
            {body}
            {embed.then(|| view! { <embed::EmbedChrome/> })}
            {(!embed).then(|| view! {
                <footer class="site-footer">
                    <p>{s.footer}</p>
                    <p><a href="?embed-builder">{s.embed_builder}</a></p>
                </footer>
            })}
        }
    }
}
