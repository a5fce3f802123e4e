//! Embedding in portals (CONTRACT §4): the in-frame chrome (resize messages, "Mở Bantin"),
//! the accent colour, and the embed-code builder page.
//!
//! `public/embed.js` is the host side: it inserts the iframe and sizes it from the
//! `bantin:resize` messages posted here. The message carries only a height, so it is posted
//! to any origin; the host checks where messages come from.

use std::cell::Cell;
use std::rc::Rc;


use crate::collection::Collection;
use bantin_core::topics;
use bantin_core::url::UrlState;
use js_sys::{Function, Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::app::use_ctx;
use crate::browser;

/// `?embed-builder`: the page where a webmaster composes the snippet.
pub const BUILDER_PARAM: &str = "embed-builder";
/// `accent=#rrggbb`: the embed's accent colour.
pub const ACCENT_PARAM: &str = "accent";
/// The stylesheet's light accent: the builder leaves it out of the snippet.
const DEFAULT_ACCENT: &str = "#0b5cad";

/// `#rrggbb` → its three channels; anything else (names, `#rgb`, `#12345`) → `None`.
fn parse_hex(value: &str) -> Option<[u8; 3]> {
    let hex = value.strip_prefix('#').filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))?;
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
    Some([channel(0), channel(2), channel(4)])
}

/// White or near-black (`#0b1520`), whichever contrasts more with `rgb` (WCAG luminance).
fn text_on(rgb: [u8; 3]) -> &'static str {
    let linear = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.04045 { c / 12.92 } else { js_sys::Math::pow((c + 0.055) / 1.055, 2.4) }
    };
    let l = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    // Contrast with white is 1.05 / (l + .05); with #0b1520 (luminance ≈ .0075) it is (l + .05) / .0575.
    if 1.05 * 0.0575 >= (l + 0.05) * (l + 0.05) { "#fff" } else { "#0b1520" }
}

/// Set `--accent` (and a readable `--accent-text`) from a validated `#rrggbb` value; anything
/// else is ignored. Set on `<body>`, whose descendants are all the app draws, because the
/// preferences own `<html style>` (text size).
pub fn apply_accent(accent: Option<&str>) {
    let (Some(accent), Some(body)) = (accent, document().body()) else { return };
    if let Some(rgb) = parse_hex(accent) {
        // CSSOM custom properties, not a `style` attribute, which the CSP refuses.
        let style = body.style();
        let _ = style.set_property("--accent", accent);
        let _ = style.set_property("--accent-text", text_on(rgb));
    }
}

/// In embed mode: keeps the parent informed of the height and links to the full app.
#[component]
pub fn EmbedChrome() -> impl IntoView {
    let ctx = use_ctx();
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-embed", "");
        watch_height(&root);
    }
    // The full app: the same view and filters, without the embed's own parameters.
    let href = move || {
        let mut full = ctx.url.get();
        full.embed = false;
        full.extra.retain(|(k, _)| k != "theme" && k != ACCENT_PARAM);
        let path = browser::window().location().pathname().unwrap_or_default();
        path + &full.to_query_string()
    };
    view! {
        <p class="embed-bar">
            <a class="embed-open" href=href target="_blank" rel="noopener">{move || ctx.strings().open_app}</a>
        </p>
    }
}

/// Post the content height to the parent whenever it changes, at most once per frame.
/// `<html>` is `height: auto` in embed mode, so its box is the content, never the viewport
/// (measuring the viewport would feed the frame's own size back into the message).
fn watch_height(root: &web_sys::Element) {
    let Some(ctor) = Reflect::get(&browser::window(), &"ResizeObserver".into()).ok().and_then(|c| c.dyn_into::<Function>().ok()) else {
        return;
    };
    let pending = Rc::new(Cell::new(false));
    let last = Rc::new(Cell::new(0.0));
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        if pending.replace(true) {
            return;
        }
        let (pending, last) = (pending.clone(), last.clone());
        request_animation_frame(move || {
            pending.set(false);
            let height = document().document_element().and_then(|root| call(&root, "getBoundingClientRect"))
                .and_then(|rect| Reflect::get(&rect, &"height".into()).ok()?.as_f64())
                .map(f64::ceil);
            let parent = browser::window().parent().ok().flatten();
            if let (Some(height), Some(parent)) = (height, parent) {
                if height != last.replace(height) {
                    let message = Object::new();
                    let _ = Reflect::set(&message, &"type".into(), &"bantin:resize".into());
                    let _ = Reflect::set(&message, &"height".into(), &height.into());
                    let _ = parent.post_message(&message, "*");
                }
            }
        });
    });
    let observer = Reflect::construct(&ctor, &js_sys::Array::of1(on_resize.as_ref()));
    // The observer lives as long as the page.
    on_resize.forget();
    if let Ok(observer) = observer {
        if let Some(observe) = Reflect::get(&observer, &"observe".into()).ok().and_then(|f| f.dyn_into::<Function>().ok()) {
            let _ = observe.call1(&observer, root);
        }
    }
}

/// `target.name()`, for the few browser methods the app's web-sys features leave out.
fn call(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &name.into()).ok()?.dyn_into::<Function>().ok()?.call0(target).ok()
}

/// What the webmaster picked on the builder page.
#[derive(Default)]
struct Choice {
    districts: Vec<String>,
    topics: Vec<String>,
    /// `""` (the reader's default, auto), `light` or `dark`.
    theme: String,
    accent: String,
}

impl Choice {
    /// The accent worth writing down: a valid `#rrggbb` other than the default, else `""`.
    fn accent(&self) -> &str {
        let a = self.accent.as_str();
        if a != DEFAULT_ACCENT && parse_hex(a).is_some() { a } else { "" }
    }

    /// `<script src=… data-…="…" async></script>`. Every value comes from a fixed set (ids,
    /// slugs, `light`/`dark`, `#rrggbb`), so none needs escaping.
    fn snippet(&self, src: &str) -> String {
        let mut out = String::from("<script src=\"") + src + "\"";
        for (name, value) in [("district", &self.districts.join(" ")), ("topic", &self.topics.join(" ")), ("theme", &self.theme), ("accent", &self.accent().to_owned())] {
            if !value.is_empty() {
                out = out + " data-" + name + "=\"" + value + "\"";
            }
        }
        out + " async></script>"
    }

    /// What embed.js would load: `index.html?embed=1&…`.
    fn preview(&self) -> String {
        let mut state = UrlState { embed: true, ..Default::default() };
        state.query.districts = self.districts.clone();
        state.query.topics = self.topics.clone();
        for (key, value) in [("theme", self.theme.as_str()), (ACCENT_PARAM, self.accent())] {
            if !value.is_empty() {
                state.extra.push((key.into(), value.into()));
            }
        }
        String::from("index.html") + &state.to_query_string()
    }
}

fn toggle(list: &mut Vec<String>, value: String) {
    match list.iter().position(|v| *v == value) {
        Some(at) => drop(list.remove(at)),
        None => list.push(value),
    }
}

/// Append `<tag attrs…>text</tag>` to `parent`.
fn add(parent: &web_sys::Element, tag: &str, attrs: &[(&str, &str)], text: &str) -> web_sys::Element {
    let el = document().create_element(tag).expect("a valid tag name");
    for (name, value) in attrs {
        let _ = el.set_attribute(name, value);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    let _ = parent.append_child(&el);
    el
}

/// A labelled field: `<div class=field><label for=id>label</label></div>`, for its control.
fn add_field(parent: &web_sys::Element, id: &str, label: &str) -> web_sys::Element {
    let field = add(parent, "div", &[("class", "field")], "");
    add(&field, "label", &[("for", id)], label);
    field
}

/// A checkbox row; its `name` says which list it toggles.
fn add_check(parent: &web_sys::Element, name: &str, value: &str, label: &str) {
    let row = add(parent, "label", &[("class", "check")], "");
    add(&row, "input", &[("type", "checkbox"), ("name", name), ("value", value)], "");
    add(&row, "span", &[("class", "check-label")], label);
}

fn listen(target: &web_sys::Element, event: &str, handler: impl FnMut(web_sys::Event) + 'static) {
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
    // The page lives as long as its listeners.
    handler.forget();
}

/// `?embed-builder`: choose districts, topics, theme and accent; see a live preview; copy the
/// snippet (shown as the textarea's value: text, never markup).
///
/// The form is built with plain DOM calls and one `change` listener rather than `view!`: it
/// changes only three nodes, and typed views of this many elements cost kilobytes of wasm in
/// every visitor's download for a page that webmasters open once. Labels are read once.
#[component]
pub fn EmbedBuilder(collection: Collection) -> impl IntoView {
    let ctx = use_ctx();
    let s = ctx.strings();
    let lang = ctx.prefs.lang.get_untracked();
    let all = collection.all_facets();

    // `new URL('embed.js', location.href)`: the script next to this page.
    let location = browser::window().location();
    let path = location.pathname().unwrap_or_default();
    let src = location.origin().unwrap_or_default() + &path[..path.rfind('/').map_or(0, |i| i + 1)] + "embed.js";

    let root = document().create_element("div").expect("div");
    add(&root, "a", &[("class", "back"), ("href", &path)], s.back_to_list);
    add(&root, "h1", &[], s.embed_builder);
    add(&root, "p", &[], s.embed_intro);
    let grid = add(&root, "div", &[("class", "builder-grid")], "");
    let form = add(&grid, "div", &[], "");
    let districts = add(&form, "fieldset", &[("class", "facet")], "");
    add(&districts, "legend", &[], s.district);
    let mut group: Option<(String, web_sys::Element)> = None;
    for d in all.districts {
        if group.as_ref().is_none_or(|(province, _)| *province != d.province) {
            let g = add(&districts, "div", &[("role", "group"), ("aria-label", &d.province)], "");
            add(&g, "p", &[("class", "province-name"), ("aria-hidden", "true")], &d.province);
            group = Some((d.province.clone(), g));
        }
        if let Some((_, g)) = &group {
            add_check(g, "district", &d.id, &(d.kind + " " + &d.name));
        }
    }
    let topic_set = add(&form, "fieldset", &[("class", "facet")], "");
    add(&topic_set, "legend", &[], s.topic);
    for t in all.topics.iter().filter_map(|(slug, _)| topics::by_slug(slug)) {
        add_check(&topic_set, "topic", t.slug, lang.topic_label(t));
    }
    let field = add_field(&form, "embed-theme", s.theme);
    let select = add(&field, "select", &[("id", "embed-theme"), ("name", "theme")], "");
    for (value, text) in [("", s.theme_auto), ("light", s.theme_light), ("dark", s.theme_dark)] {
        add(&select, "option", &[("value", value)], text);
    }
    let field = add_field(&form, "embed-accent", s.accent);
    add(&field, "input", &[("type", "color"), ("id", "embed-accent"), ("name", "accent"), ("value", DEFAULT_ACCENT)], "");

    let out = add(&grid, "div", &[], "");
    let field = add_field(&out, "embed-code", s.snippet);
    let code = add(&field, "textarea", &[("id", "embed-code"), ("class", "snippet"), ("readonly", ""), ("rows", "5")], "");
    let actions = add(&out, "p", &[("class", "actions")], "");
    let copy = add(&actions, "button", &[("type", "button"), ("class", "button primary")], s.copy);
    let status = add(&actions, "span", &[("class", "share-status"), ("role", "status")], "");
    add(&out, "h2", &[], s.preview);
    let frame = add(&out, "iframe", &[("class", "embed-preview"), ("title", s.preview)], "");

    let mut choice = Choice { accent: DEFAULT_ACCENT.into(), ..Default::default() };
    let snippet = code.clone();
    let show = {
        let status = status.clone();
        move |choice: &Choice| {
            let _ = Reflect::set(&code, &"value".into(), &choice.snippet(&src).into());
            let _ = frame.set_attribute("src", &choice.preview());
            status.set_text_content(None);
        }
    };
    show(&choice);
    // One listener for every control: the changed element's `name` says what it sets.
    listen(&form, "change", move |ev| {
        let name = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.get_attribute("name"));
        let value = event_target_value(&ev);
        match name.as_deref() {
            Some("district") => toggle(&mut choice.districts, value),
            Some("topic") => toggle(&mut choice.topics, value),
            Some("theme") => choice.theme = value,
            _ => choice.accent = value,
        }
        show(&choice);
    });
    listen(&copy, "click", move |_| {
        let navigator = browser::window().navigator();
        if Reflect::get(&navigator, &"clipboard".into()).map_or(true, |c| c.is_undefined()) {
            // No clipboard API (a page served over plain http): select the code for Ctrl+C.
            let _ = call(&snippet, "select");
            return;
        }
        let text = Reflect::get(&snippet, &"value".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        let promise = navigator.clipboard().write_text(&text);
        let status = status.clone();
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                status.set_text_content(Some(s.copied));
            }
        });
    });

    // Filled once mounted (a NodeRef would cost an effect for the same thing).
    request_animation_frame(move || {
        if let Some(main) = document().get_element_by_id("main") {
            let _ = main.append_child(&root);
        }
    });
    view! { <main id="main" class="builder"></main> }
}
