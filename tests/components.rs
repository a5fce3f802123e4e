//! Component tests in headless Chromium (wasm-bindgen-test): each mounts one view into a
//! fresh element and checks the DOM a person (or a screen reader) would get.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use bantin::app::{Ctx, Damage};
use bantin::collection::Collection;
use bantin::views::{article::ArticleView, card::Card, list::ListView, states::Failed};
use bantin_core::feed::{Bantin, Item};
use bantin_core::query::{Article, Index};
use bantin_core::url::UrlState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn item(id: &str, title: &str, date: &str, district: (&str, &str, &str, &str), topics: &[&str]) -> Item {
    Item {
        id: id.into(),
        url: Some("javascript:alert(1)".into()),
        title: title.into(),
        summary: format!("Tóm tắt: {title}"),
        content_text: "Đoạn một.\n\nĐoạn hai.".into(),
        date_published: date.into(),
        authors: vec![bantin_core::feed::Author { name: "Thúy Nhi".into() }],
        tags: vec![],
        bantin: Bantin {
            district_id: Some(district.0.into()),
            district: Some(district.1.into()),
            district_type: Some("huyện".into()),
            province: Some(district.2.into()),
            province_2025: Some(district.3.into()),
            topics: topics.iter().map(|t| t.to_string()).collect(),
            captions: vec!["Quang cảnh Hội nghị".into()],
            date_precision: "day".into(),
            ..Bantin::default()
        },
    }
}

const CAU_KE: (&str, &str, &str, &str) = ("huyen-cau-ke-tra-vinh", "Cầu Kè", "Trà Vinh", "Vĩnh Long");
const CAO_LANH: (&str, &str, &str, &str) = ("huyen-cao-lanh-dong-thap", "Cao Lãnh", "Đồng Tháp", "Đồng Tháp");

fn index() -> Arc<Index> {
    Arc::new(Index::new(vec![
        item("a", "Hội nghị <b>Ban chấp hành</b> Đảng bộ", "2021-03-30T00:00:00+07:00", CAO_LANH, &["xay-dung-dang"]),
        item("b", "Tổng kết Uỷ ban", "2021-03-26T00:00:00+07:00", CAO_LANH, &["chinh-quyen"]),
        item("c", "Huyện ủy Cầu Kè sơ kết", "2021-05-06T00:00:00+07:00", CAU_KE, &["xay-dung-dang"]),
    ]))
}

/// A fresh container; the mounted view stays alive for the rest of the test run.
fn mount<V: IntoView + 'static>(url: &str, view: impl FnOnce() -> V + 'static) -> (web_sys::HtmlElement, Ctx) {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    // Ctx creates effects, so it is made inside the mount, where the executor runs.
    let slot: std::rc::Rc<std::cell::Cell<Option<Ctx>>> = Default::default();
    let url = UrlState::parse(url);
    let handle = leptos::mount::mount_to(container.clone(), {
        let slot = slot.clone();
        move || {
            let ctx = Ctx::new(url, None);
            slot.set(Some(ctx));
            provide_context(ctx);
            view()
        }
    });
    handle.forget();
    let ctx = slot.take().expect("mount_to runs the view function at once");
    (container, ctx)
}

/// Let effects and re-renders scheduled by a signal change run.
async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
async fn card_shows_title_as_text_with_highlights_date_and_place() {
    let index = index();
    let article: Article = index.article(index.position_of("c").unwrap()).clone();
    let (root, _) = mount("?q=uy", move || view! { <Card article=article terms=vec!["uy".into()]/> });
    settle().await;
    assert_eq!(texts(&root, "article h2"), ["Huyện ủy Cầu Kè sơ kết"]);
    assert_eq!(texts(&root, "article h2 mark"), ["ủy"]);
    let link = root.query_selector("article h2 a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("?q=uy&article=c"));
    assert_eq!(texts(&root, "time"), ["06/05/2021"]);
    assert_eq!(texts(&root, ".place"), ["huyện Cầu Kè, Trà Vinh (nay: Vĩnh Long)"]);
    assert_eq!(texts(&root, ".chip"), ["Xây dựng Đảng"]);
}

#[wasm_bindgen_test]
async fn feed_markup_stays_text() {
    let index = index();
    let article = index.article(index.position_of("a").unwrap()).clone();
    let (root, _) = mount("", move || view! { <Card article=article terms=vec![]/> });
    settle().await;
    assert!(root.query_selector("article b").unwrap().is_none());
    assert_eq!(texts(&root, "article h2"), ["Hội nghị <b>Ban chấp hành</b> Đảng bộ"]);
}

#[wasm_bindgen_test]
async fn list_counts_and_refilters_when_the_url_changes() {
    let damage = Damage { skipped: 1, cut: Some("feed.json: the file ends in the middle of item 5".into()) };
    let (root, ctx) = mount("", move || view! { <ListView collection=Collection::Feed(index()) damage=damage.clone()/> });
    settle().await;
    assert_eq!(texts(&root, "[role=status]"), ["3 tin"]);
    assert_eq!(texts(&root, "main article h2").len(), 3);
    assert!(texts(&root, ".notice")[0].contains("1 tin không hiển thị được"));
    // A cut feed is named in an alert, beside what did arrive.
    assert!(texts(&root, ".notice[role=alert] li").iter().any(|t| t.starts_with("feed.json: the file ends in the middle")));
    ctx.url.set(UrlState::parse("?district=huyen-cau-ke-tra-vinh"));
    settle().await;
    assert_eq!(texts(&root, "[role=status]"), ["1 tin"]);
    // District counts apply the other filters only: Cao Lãnh still offers its 2 articles.
    let labels = texts(&root, "#filters label.check");
    assert!(labels.iter().any(|l| l.contains("Cao Lãnh") && l.contains('2')), "{labels:?}");
    let checked = root.query_selector("#filters input:checked").unwrap();
    assert!(checked.is_some());
    ctx.url.set(UrlState::parse("?q=khongco"));
    settle().await;
    assert_eq!(texts(&root, "[role=status]"), ["0 tin"]);
    assert_eq!(texts(&root, ".empty button"), ["Bỏ bộ lọc"]);
}

#[wasm_bindgen_test]
async fn article_view_has_the_contract_structure() {
    let (root, _) = mount("?article=b", || view! { <ArticleView collection=Collection::Feed(index()) id="b".to_string()/> });
    settle().await;
    assert_eq!(texts(&root, "main > article > h1"), ["Tổng kết Uỷ ban"]);
    assert_eq!(texts(&root, "figcaption"), ["Quang cảnh Hội nghị"]);
    assert_eq!(texts(&root, ".body p"), ["Đoạn một.", "Đoạn hai."]);
    assert!(texts(&root, ".byline")[0].contains("Thúy Nhi"));
    // A javascript: URL from the feed never becomes a link.
    assert!(root.query_selector(".source a").unwrap().is_none());
    // Newest first: "a" is before "b", nothing after.
    assert_eq!(texts(&root, ".pager a"), ["Tin trước"]);
}

#[wasm_bindgen_test]
async fn failure_names_what_failed_and_retries() {
    let retried = RwSignal::new(0);
    let retry = Callback::new(move |_: ()| retried.update(|n| *n += 1));
    let (root, _) = mount("", move || view! { <Failed what="feed.json: HTTP 404 Not Found".to_string() retry=retry/> });
    settle().await;
    assert!(texts(&root, "[role=alert]")[0].contains("HTTP 404"));
    let button: web_sys::HtmlElement = root.query_selector("[role=alert] button").unwrap().unwrap().unchecked_into();
    button.click();
    assert_eq!(retried.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn filters_count_find_and_toggle() {
    use bantin::views::filters::Filters;
    let (root, ctx) = mount("", || {
        let index = index();
        let ctx = bantin::app::use_ctx();
        let all = index.facets(&Default::default());
        let newest = index.newest_day();
        // What the list gives the panel: facet counts under the URL's query.
        let facets = Signal::derive(move || ctx.url.with(|u| index.facets(&u.query)));
        view! { <div id="filters"><Filters all=all newest=newest facets=facets/></div> }
    });
    settle().await;
    // One row per district, grouped by province, each with its count.
    let rows = texts(&root, "label.check");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().any(|r| r.contains("huyện Cao Lãnh") && r.ends_with('2')), "{rows:?}");
    assert_eq!(texts(&root, ".province-name"), ["Đồng Tháp", "Trà Vinh"]);
    // The finder ignores marks: "cau ke" leaves only Cầu Kè visible.
    let finder: web_sys::HtmlInputElement = root.query_selector("input.finder").unwrap().unwrap().unchecked_into();
    finder.set_value("cau ke");
    finder.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    settle().await;
    let hidden = root.query_selector_all("label.check[hidden]").unwrap().length();
    assert_eq!(hidden, 1);
    // A topic chip toggles the URL state and its pressed state; counts follow other filters.
    let chip: web_sys::HtmlElement = root.query_selector("button.chip").unwrap().unwrap().unchecked_into();
    chip.click();
    settle().await;
    assert_eq!(ctx.url.get_untracked().query.topics, ["xay-dung-dang"]);
    assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("true"));
    let rows = texts(&root, "label.check");
    assert!(rows.iter().any(|r| r.contains("huyện Cao Lãnh") && r.ends_with('1')), "{rows:?}");
}
