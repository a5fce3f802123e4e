//! The filter panel: districts (grouped by province, with a diacritic-blind finder), topics,
//! dates. Every count applies the other active filters (see `bantin_core::query::Index::facets`).

use bantin_core::date::Day;
use bantin_core::fold::fold;
use bantin_core::query::{DistrictFacet, Facets};
use bantin_core::topics;
use leptos::prelude::*;

use crate::app::use_ctx;

fn toggle(list: &mut Vec<String>, value: &str) {
    if let Some(at) = list.iter().position(|v| v == value) {
        list.remove(at);
    } else {
        list.push(value.to_owned());
    }
}

#[component]
pub fn Filters(all: Facets, newest: Option<Day>, facets: Signal<Facets>) -> impl IntoView {
    // The rows are fixed for a collection (`all`); only their counts change with the query.
    // Rendering the rows once keeps focus and scroll in place while the user ticks boxes.
    // Facets list the same districts and topics in the same order for every query, so a
    // row's count is found by its position.
    let district_count = Signal::derive(move || facets.with(|f| f.districts.iter().map(|d| d.count).collect::<Vec<_>>()));
    let topic_count = Signal::derive(move || facets.with(|f| f.topics.iter().map(|t| t.1).collect::<Vec<_>>()));
    view! {
        <DistrictFilter districts=all.districts counts=district_count/>
        <TopicFilter topics=all.topics.into_iter().map(|(slug, _)| slug).collect() counts=topic_count/>
        <DateFilter newest=newest/>
    }
}

#[component]
fn DistrictFilter(districts: Vec<DistrictFacet>, counts: Signal<Vec<usize>>) -> impl IntoView {
    let ctx = use_ctx();
    let s = move || ctx.strings();
    let find = RwSignal::new(String::new());
    // The finder ignores marks and case, and matches type, name or province.
    let shown = move |haystack: &str| {
        let needle = fold(&find.get());
        needle.split_whitespace().all(|w| haystack.contains(w))
    };
    let mut groups: Vec<(String, Vec<(usize, DistrictFacet)>)> = Vec::new();
    for (position, d) in districts.into_iter().enumerate() {
        match groups.last_mut() {
            Some((province, list)) if *province == d.province => list.push((position, d)),
            _ => groups.push((d.province.clone(), vec![(position, d)])),
        }
    }
    let rows = groups.into_iter().map(|(province, districts)| {
        let haystacks: Vec<String> = districts.iter().map(|(_, d)| fold(&format!("{} {} {}", d.kind, d.name, d.province))).collect();
        let group_shown = move || haystacks.iter().any(|h| shown(h));
        view! {
            <div class="province" role="group" aria-label=province.clone() hidden=move || !group_shown()>
                <p class="province-name" aria-hidden="true">{province.clone()}</p>
                {districts.into_iter().map(|(position, d)| {
                    let haystack = fold(&format!("{} {} {}", d.kind, d.name, d.province));
                    let id = d.id.clone();
                    let checked = { let id = id.clone(); move || ctx.url.with(|u| u.query.districts.contains(&id)) };
                    let count = move || counts.with(|c| c.get(position).copied().unwrap_or(0));
                    view! {
                        <label class="check" hidden=move || !shown(&haystack)>
                            <input type="checkbox" prop:checked=checked
                                on:change=move |_| ctx.set_filters(|u| toggle(&mut u.query.districts, &id))/>
                            <span class="check-label">{format!("{} {}", d.kind, d.name)}</span>
                            <span class="count">{count}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        }
    }).collect_view();
    view! {
        <fieldset class="facet">
            <legend>{s().district}</legend>
            <input type="search" class="finder" aria-label=s().find_district
                placeholder=s().find_district
                prop:value=move || find.get() on:input=move |ev| find.set(event_target_value(&ev))/>
            {rows}
        </fieldset>
    }
}

#[component]
fn TopicFilter(topics: Vec<String>, counts: Signal<Vec<usize>>) -> impl IntoView {
    let ctx = use_ctx();
    let chips = topics.into_iter().enumerate().filter_map(|(position, slug)| {
        let topic = topics::by_slug(&slug)?;
        let pressed = { let slug = slug.clone(); move || ctx.url.with(|u| u.query.topics.contains(&slug)) };
        let count = move || counts.with(|c| c.get(position).copied().unwrap_or(0));
        Some(view! {
            <button type="button" class="chip" aria-pressed=move || pressed().to_string()
                on:click=move |_| ctx.set_filters(|u| toggle(&mut u.query.topics, &slug))>
                <span>{ctx.prefs.lang.get_untracked().topic_label(topic)}</span>
                <span class="count">{count}</span>
            </button>
        })
    }).collect_view();
    view! {
        <fieldset class="facet">
            <legend>{ctx.strings().topic}</legend>
            <div class="chips">{chips}</div>
        </fieldset>
    }
}

#[component]
fn DateFilter(newest: Option<Day>) -> impl IntoView {
    let ctx = use_ctx();
    let s = move || ctx.strings();
    let value = move |pick: fn(&bantin_core::query::Query) -> Option<Day>| {
        move || ctx.url.with(|u| pick(&u.query).map(|d| d.to_string()).unwrap_or_default())
    };
    // Quick ranges are relative to the newest article, so an old archive still has "last 7 days".
    let quick = move |days: Option<i64>| {
        move |_| {
            let Some(newest) = newest else { return };
            let from = match days {
                Some(days) => newest.plus_days(-(days - 1)),
                None => Day { month: 1, day: 1, ..newest },
            };
            ctx.set_filters(|u| {
                u.query.from = Some(from);
                u.query.to = Some(newest);
            });
        }
    };
    view! {
        <fieldset class="facet">
            <legend>{s().date}</legend>
            <div class="dates">
                <label>{s().from}
                    <input type="date" prop:value=value(|q| q.from)
                        on:change=move |ev| { let d = Day::parse_iso(&event_target_value(&ev)); ctx.set_filters(|u| u.query.from = d) }/>
                </label>
                <label>{s().to}
                    <input type="date" prop:value=value(|q| q.to)
                        on:change=move |ev| { let d = Day::parse_iso(&event_target_value(&ev)); ctx.set_filters(|u| u.query.to = d) }/>
                </label>
            </div>
            <div class="quick">
                <button type="button" class="button small" on:click=quick(Some(7))>{s().last_7_days}</button>
                <button type="button" class="button small" on:click=quick(Some(30))>{s().last_30_days}</button>
                <button type="button" class="button small" on:click=quick(None)>{s().this_year}</button>
            </div>
        </fieldset>
    }
}
