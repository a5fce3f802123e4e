//! Thin wrappers over the browser APIs the app uses: history, storage, console, share.
//! Nothing here is unit-tested natively (web-sys panics off wasm); the end-to-end tests cover it.

use bantin_core::url::UrlState;
use wasm_bindgen::{JsCast, JsValue};

pub fn window() -> web_sys::Window {
    web_sys::window().expect("Bantin runs in a browser window")
}

/// The state the address bar describes right now.
pub fn current_url_state() -> UrlState {
    UrlState::parse(&window().location().search().unwrap_or_default())
}

/// The page's own path plus a query string: relative to nothing, so sub-paths keep working.
fn href_for(state: &UrlState) -> String {
    let path = window().location().pathname().unwrap_or_else(|_| "./".into());
    format!("{path}{}", state.to_query_string())
}

/// `pushState` for a new view (an article), `replaceState` for a filter change, per CONTRACT §2.
/// The current scroll position is saved in the entry being left, so Back can restore it.
pub fn navigate(state: &UrlState, push: bool) {
    let history = match window().history() {
        Ok(h) => h,
        Err(_) => return,
    };
    let url = href_for(state);
    if push {
        remember_scroll();
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url));
    } else {
        // A changed list has no scroll position to come back to.
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

fn remember_scroll() {
    let y = window().scroll_y().unwrap_or(0.0);
    if let Ok(history) = window().history() {
        let state = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&state, &"scrollY".into(), &y.into());
        let _ = history.replace_state(&state, "");
    }
}

/// The scroll position saved with the current history entry, if any.
pub fn saved_scroll() -> Option<f64> {
    let state = window().history().ok()?.state().ok()?;
    js_sys::Reflect::get(&state, &"scrollY".into()).ok()?.as_f64()
}

pub fn scroll_to(y: f64) {
    window().scroll_to_with_x_and_y(0.0, y);
}

pub fn storage_get(key: &str) -> Option<String> {
    window().local_storage().ok()??.get_item(key).ok()?
}

pub fn storage_set(key: &str, value: &str) {
    if let Ok(Some(storage)) = window().local_storage() {
        // Private browsing may refuse storage; the preference then lasts for the visit only.
        let _ = storage.set_item(key, value);
    }
}

pub fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}

/// Share a link with the Web Share API where the browser has it; otherwise copy it.
/// Returns `true` when the link was copied (so the UI can say so).
pub async fn share_or_copy(title: &str, url: &str) -> bool {
    let navigator = window().navigator();
    let share = js_sys::Reflect::get(&navigator, &"share".into()).unwrap_or(JsValue::UNDEFINED);
    if let Some(share) = share.dyn_ref::<js_sys::Function>() {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
        if let Ok(promise) = share.call1(&navigator, &data) {
            if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
                // A cancelled share is the user's choice, not an error to report.
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                return false;
            }
        }
    }
    // `navigator.clipboard` is missing on plain-http pages.
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| c.is_object());
    if !has_clipboard {
        return false;
    }
    let promise = navigator.clipboard().write_text(url);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// The absolute URL of a state, for sharing.
pub fn absolute_url(state: &UrlState) -> String {
    let location = window().location();
    format!("{}{}", location.origin().unwrap_or_default(), href_for(state))
}

/// Resolves after `ms` milliseconds (a `setTimeout` as a future).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
