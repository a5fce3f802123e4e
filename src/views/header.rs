//! The app bar: name, and the display settings (text size, theme, language).

use leptos::prelude::*;

use crate::app::use_ctx;
use crate::i18n::Lang;
use crate::prefs::{Theme, FONT_STEPS as STEPS};

#[component]
pub fn Header() -> impl IntoView {
    let ctx = use_ctx();
    let prefs = ctx.prefs;
    let s = move || ctx.strings();
    let home = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        ctx.set_filters(|u| u.query = Default::default());
    };
    view! {
        <a class="skip-link" href="#main">{s().skip_to_content}</a>
        <header class="app-bar">
            <a class="brand" href="?" on:click=home>
                <span class="brand-name">"Bantin"</span>
                <span class="brand-tagline">{s().tagline}</span>
            </a>
            <div class="settings" role="group" aria-label=s().settings>
                <button type="button" class="icon-button" title=s().smaller
                    disabled=move || prefs.font_step.get() == 0
                    on:click=move |_| prefs.font_step.update(|f| *f = f.saturating_sub(1))>
                    <span aria-hidden="true">"A−"</span><span class="visually-hidden">{s().smaller}</span>
                </button>
                <button type="button" class="icon-button" title=s().larger
                    disabled=move || { prefs.font_step.get() + 1 >= STEPS.len() }
                    on:click=move |_| prefs.font_step.update(|f| *f = (*f + 1).min(STEPS.len() - 1))>
                    <span aria-hidden="true">"A+"</span><span class="visually-hidden">{s().larger}</span>
                </button>
                <select class="theme-select" aria-label=s().theme
                    on:change=move |ev| if let Some(t) = Theme::parse(&event_target_value(&ev)) { prefs.theme.set(t) }>
                    {[Theme::Auto, Theme::Light, Theme::Dark].into_iter().map(|t| {
                        let label = match t { Theme::Auto => s().theme_auto, Theme::Light => s().theme_light, Theme::Dark => s().theme_dark };
                        view! { <option value=t.code() selected=move || prefs.theme.get() == t>{label}</option> }
                    }).collect_view()}
                </select>
                <button type="button" class="icon-button lang-toggle" aria-label=format!("{}: {}", s().language, s().other_language)
                    lang=if prefs.lang.get_untracked() == Lang::Vi { "en" } else { "vi" }
                    on:click=move |_| prefs.lang.update(|l| *l = if *l == Lang::Vi { Lang::En } else { Lang::Vi })>
                    {s().other_language}
                </button>
            </div>
        </header>
    }
}
