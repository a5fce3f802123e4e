//! Bantin's search engine as the benchmark page loads it: `bantin_core::query::Index`, the one
//! the reader uses for a feed, behind three calls (`build`, `search`, `memory_bytes`) that
//! `bench/search/harness.js` calls exactly as it calls MiniSearch and FlexSearch.
//!
//! The items come as the harness gives every engine: `{id, title, summary, body, district}`.
//! Results are the items' positions in that list, so the harness compares sets across engines.

use std::cell::RefCell;

use bantin_core::feed::Item;
use bantin_core::query::{Index, Query};
use wasm_bindgen::prelude::*;

#[derive(serde::Deserialize)]
struct Input {
    id: String,
    title: String,
    summary: String,
    body: String,
    district: Option<String>,
}

struct Engine {
    index: Index,
    /// Per index position, the item's position in the harness's list.
    input_position: Vec<u32>,
}

thread_local! {
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

/// The day of the `position`-th item: the harness's list is newest first, one item an hour,
/// so the index's recency order is the list's order.
fn published(position: usize, count: usize) -> String {
    let hours = (count - position) as i64;
    let day = bantin_core::date::Day::from_number(bantin_core::date::Day { year: 2015, month: 1, day: 1 }.number() + hours / 24);
    format!("{day}T{:02}:00:00+07:00", hours % 24)
}

/// Index `items_json` (an array of the harness's items); returns how many were indexed.
#[wasm_bindgen]
pub fn build(items_json: &str) -> Result<u32, JsValue> {
    let inputs: Vec<Input> = serde_json::from_str(items_json).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let count = inputs.len();
    let items: Vec<Item> = inputs
        .into_iter()
        .enumerate()
        .map(|(position, input)| {
            let item = serde_json::json!({
                "id": format!("{position:08}:{}", input.id), "title": input.title, "summary": input.summary,
                "content_text": input.body, "date_published": published(position, count),
                "_bantin": { "district_id": input.district },
            });
            serde_json::from_value(item).map_err(|e| JsValue::from_str(&e.to_string()))
        })
        .collect::<Result<_, _>>()?;
    let index = Index::new(items);
    let input_position = index.articles().iter().map(|a| a.item.id[..8].parse().unwrap_or(u32::MAX)).collect();
    ENGINE.with(|engine| *engine.borrow_mut() = Some(Engine { index, input_position }));
    Ok(count as u32)
}

/// The matches of `text` within `districts_json` (a JSON array of district ids, or `null`),
/// most relevant first, as positions in the built list.
#[wasm_bindgen]
pub fn search(text: &str, districts_json: &str) -> Vec<u32> {
    let districts: Option<Vec<String>> = serde_json::from_str(districts_json).unwrap_or(None);
    let query = Query { text: text.to_owned(), districts: districts.unwrap_or_default(), ..Query::default() };
    ENGINE.with(|engine| match engine.borrow().as_ref() {
        Some(engine) => engine.index.search(&query).into_iter().map(|p| engine.input_position[p]).collect(),
        None => Vec::new(),
    })
}

/// The module's linear memory in bytes (what the index holds, and what it never gives back).
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    let memory: js_sys_memory::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer_byte_length()
}

/// Just enough of `WebAssembly.Memory` to read its size, without pulling in js-sys.
mod js_sys_memory {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        pub type Memory;
        #[wasm_bindgen(method, getter)]
        pub fn buffer(this: &Memory) -> ArrayBuffer;
        pub type ArrayBuffer;
        #[wasm_bindgen(method, getter, js_name = byteLength)]
        pub fn byte_length(this: &ArrayBuffer) -> f64;
    }

    impl Memory {
        pub fn buffer_byte_length(&self) -> f64 {
            self.buffer().byte_length()
        }
    }
}
