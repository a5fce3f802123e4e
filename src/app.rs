//! The top-level component: loads the feed once, keeps the URL and the view in step, and picks
//! the list or the article view from the URL (the one source of UI state).

use std::sync::Arc;

use bantin_core::query::Index;
use bantin_core::url::UrlState;
use leptos::prelude::*;

use crate::browser;
use crate::i18n::Strings;
use crate::prefs::{Prefs, Theme};
use crate::source::{FeedFile, Source};
use crate::views::{article::ArticleView, embed, header::Header, list::ListView, states::{Failed, Skeleton}};

/// Where loading the feed stands.
#[derive(Clone)]
pub enum Load {
    Loading,
    Failed(String),
    Ready { index: Arc<Index>, skipped: usize },
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
}

/// Articles rendered per step of the list.
pub const PAGE_SIZE: usize = 30;

impl Ctx {
    pub fn new(url: UrlState, theme_override: Option<Theme>) -> Ctx {
        Ctx {
            load: RwSignal::new(Load::Loading),
            url: RwSignal::new(url),
            prefs: Prefs::load(theme_override),
            shown: RwSignal::new(PAGE_SIZE),
            opened_from_list: RwSignal::new(false),
        }
    }

    pub fn strings(&self) -> &'static Strings {
        self.prefs.lang.get().strings()
    }

    /// Change the filters: replace the history entry (no entry per keystroke).
    pub fn set_filters(&self, change: impl FnOnce(&mut UrlState)) {
        let mut state = self.url.get_untracked();
        change(&mut state);
        state.article = None;
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

/// Fetch and index the feed, reporting skipped items in the console by name.
pub fn load_feed(load: RwSignal<Load>, source: Arc<dyn Source + Send + Sync>) {
    load.set(Load::Loading);
    leptos::task::spawn_local(async move {
        match source.load().await {
            Ok(decoded) => {
                if !decoded.skipped.is_empty() {
                    browser::warn(&format!("Bantin: {} articles could not be shown", decoded.skipped.len()));
                    for skipped in &decoded.skipped {
                        browser::warn(&format!("Bantin: skipped {skipped}"));
                    }
                }
                let skipped = decoded.skipped.len();
                load.set(Load::Ready { index: Arc::new(Index::new(decoded.items)), skipped });
            }
            Err(error) => load.set(Load::Failed(error.what)),
        }
    });
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

    let source: Arc<dyn Source + Send + Sync> = Arc::new(FeedFile::default());
    load_feed(ctx.load, source.clone());

    // Back/Forward: the address bar is the truth; restore the scroll saved with that entry.
    let _popstate = window_event_listener(leptos::ev::popstate, move |_| {
        ctx.url.set(browser::current_url_state());
        let saved = browser::saved_scroll();
        request_animation_frame(move || browser::scroll_to(saved.unwrap_or(0.0)));
    });

    // Only opening or closing an article swaps the view; filter changes update it in place.
    let article = Memo::new(move |_| ctx.url.with(|u| u.article.clone()));
    let retry = Callback::new(move |_: ()| load_feed(ctx.load, source.clone()));
    let builder = initial_builder;
    let body = move || match ctx.load.get() {
        Load::Ready { index, .. } if builder => view! { <embed::EmbedBuilder index=index/> }.into_any(),
        Load::Loading => view! { <Skeleton/> }.into_any(),
        Load::Failed(what) => view! { <Failed what=what retry=retry/> }.into_any(),
        Load::Ready { index, skipped } => match article.get() {
            Some(id) => view! { <ArticleView index=index id=id/> }.into_any(),
            None => view! { <ListView index=index skipped=skipped/> }.into_any(),
        },
    };

    view! {
        <Show when=move || !embed>
            <Header/>
        </Show>
        {body}
        <Show when=move || embed>
            <embed::EmbedChrome/>
        </Show>
        <Show when=move || !embed>
            <footer class="site-footer">
                <p>{move || ctx.strings().footer}</p>
            </footer>
        </Show>
    }
}
