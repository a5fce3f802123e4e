//! Reader preferences (text size, theme, language), remembered in `localStorage` and applied
//! to the `<html>` element so CSS alone reacts to them.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn code(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(code: &str) -> Option<Theme> {
        match code {
            "auto" => Some(Theme::Auto),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

/// Text size steps, in percent of the browser's default.
pub const FONT_STEPS: [u32; 4] = [100, 115, 130, 150];

#[derive(Clone, Copy)]
pub struct Prefs {
    pub lang: RwSignal<Lang>,
    pub theme: RwSignal<Theme>,
    /// Index into [`FONT_STEPS`].
    pub font_step: RwSignal<usize>,
}

impl Prefs {
    /// Read the remembered preferences; `theme_override` (an embed's `theme=`) wins and is not stored.
    pub fn load(theme_override: Option<Theme>) -> Prefs {
        let lang = browser::storage_get("bantin.lang").and_then(|c| Lang::parse(&c)).unwrap_or(Lang::Vi);
        let theme = theme_override
            .or_else(|| browser::storage_get("bantin.theme").and_then(|c| Theme::parse(&c)))
            .unwrap_or(Theme::Auto);
        let font_step = browser::storage_get("bantin.fontStep")
            .and_then(|s| s.parse::<usize>().ok())
            .filter(|s| *s < FONT_STEPS.len())
            .unwrap_or(0);
        let prefs = Prefs { lang: RwSignal::new(lang), theme: RwSignal::new(theme), font_step: RwSignal::new(font_step) };
        prefs.apply(theme_override.is_none());
        prefs
    }

    /// Keep `<html lang data-theme style>` in step with the signals, and remember changes.
    fn apply(self, remember: bool) {
        Effect::new(move |first: Option<()>| {
            let root = document().document_element().expect("a document has a root element");
            let lang = self.lang.get();
            let theme = self.theme.get();
            let step = self.font_step.get();
            let _ = root.set_attribute("lang", lang.code());
            let _ = root.set_attribute("data-theme", theme.code());
            // Through CSSOM, not a `style` attribute: the CSP has no 'unsafe-inline' for styles.
            if let Some(root) = root.dyn_ref::<web_sys::HtmlElement>() {
                let _ = root.style().set_property("font-size", &format!("{}%", FONT_STEPS[step]));
            }
            if first.is_some() && remember {
                browser::storage_set("bantin.lang", lang.code());
                browser::storage_set("bantin.theme", theme.code());
                browser::storage_set("bantin.fontStep", &step.to_string());
            }
        });
    }
}
