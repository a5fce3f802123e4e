//! Calls into `public/pwa.js` (the service-worker glue loaded by index.html): applying an app
//! update and the "save for offline" store. Every call degrades to a no-op or an empty answer
//! when the glue or the browser API is missing (old browsers, tests without a worker).

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::browser::window;

/// One saved collection (a filter kept for offline reading).
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub key: String,
    pub label: String,
    pub bytes: f64,
    pub json: String,
}

fn pwa() -> Option<JsValue> {
    Reflect::get(&window(), &"bantinPwa".into()).ok().filter(|v| v.is_object())
}

pub fn call(method: &str, args: &[JsValue]) -> Option<Promise> {
    let api = pwa()?;
    let function = Reflect::get(&api, &method.into()).ok()?.dyn_into::<Function>().ok()?;
    let array: js_sys::Array = args.iter().collect();
    function.apply(&api, &array).ok()?.dyn_into::<Promise>().ok()
}

async fn await_call(method: &str, args: &[JsValue]) -> Option<JsValue> {
    JsFuture::from(call(method, args)?).await.ok()
}

fn get_string(object: &JsValue, key: &str) -> String {
    Reflect::get(object, &key.into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

fn get_number(object: &JsValue, key: &str) -> f64 {
    Reflect::get(object, &key.into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
}

/// Whether a new app version is installed and waiting for the user's consent.
pub fn update_waiting() -> bool {
    pwa().and_then(|api| Reflect::get(&api, &"waiting".into()).ok()).is_some_and(|w| w.is_object())
}

/// Whether the service worker reported a newer feed since the last call (and forget it).
pub fn take_feed_updated() -> bool {
    let Some(api) = pwa() else { return false };
    let updated = Reflect::get(&api, &"feedUpdated".into()).is_ok_and(|v| v.is_truthy());
    let _ = Reflect::set(&api, &"feedUpdated".into(), &JsValue::FALSE);
    updated
}

/// Activate the waiting version; the glue reloads the page once it has taken over.
pub fn apply_update() {
    let Some(api) = pwa() else { return };
    if let Some(apply) = Reflect::get(&api, &"applyUpdate".into()).ok().and_then(|f| f.dyn_into::<Function>().ok()) {
        let _ = apply.call0(&api);
    }
}

/// Why "save for offline" failed. Nothing is ever half-saved: the glue stores a collection in
/// one write, after every article arrived.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveFailure {
    /// The browser's storage quota is used up; `bytes` is the size that did not fit.
    Full { bytes: u64 },
    /// Anything else, in the browser's words (an article that could not be fetched, …).
    Other(String),
}

/// Keep the articles `ids` (taken from `feed.json`) or, from an archive, the full items at
/// `urls` (fetched by the glue, so the service worker caches them too) offline under `key`;
/// asks for persistent storage. `Ok(persistent)`, or why nothing was saved.
pub async fn save(key: &str, label: &str, ids: &[String], urls: &[String]) -> Result<bool, SaveFailure> {
    let ids: js_sys::Array = ids.iter().map(|id| JsValue::from_str(id)).collect();
    let urls: js_sys::Array = urls.iter().map(|url| JsValue::from_str(url)).collect();
    let promise = call("save", &[key.into(), label.into(), ids.into(), urls.into()]).ok_or(SaveFailure::Other("offline storage is not available in this browser".into()))?;
    match JsFuture::from(promise).await {
        Ok(persistent) => Ok(persistent.is_truthy()),
        Err(error) if get_string(&error, "name") == "QuotaExceededError" => Err(SaveFailure::Full { bytes: get_number(&error, "bytes") as u64 }),
        Err(error) => Err(SaveFailure::Other(get_string(&error, "message"))),
    }
}

pub async fn remove(key: &str) {
    let _ = await_call("remove", &[key.into()]).await;
}

pub async fn list() -> Vec<Saved> {
    let Some(value) = await_call("list", &[]).await else { return Vec::new() };
    js_sys::Array::from(&value)
        .iter()
        .map(|entry| Saved {
            key: get_string(&entry, "key"),
            label: get_string(&entry, "label"),
            bytes: get_number(&entry, "bytes"),
            json: get_string(&entry, "json"),
        })
        .collect()
}

/// (bytes used by this site, quota, persistent?)
pub async fn usage() -> (f64, f64, bool) {
    match await_call("usage", &[]).await {
        Some(v) => (get_number(&v, "usage"), get_number(&v, "quota"), Reflect::get(&v, &"persisted".into()).is_ok_and(|p| p.is_truthy())),
        None => (0.0, 0.0, false),
    }
}

/// Local wall-clock "HH:MM dd/mm" for a JS timestamp (milliseconds).
pub fn local_time_label(millis: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    format!("{:02}:{:02} {:02}/{:02}", date.get_hours(), date.get_minutes(), date.get_date(), date.get_month() + 1)
}

pub fn is_online() -> bool {
    window().navigator().on_line()
}
