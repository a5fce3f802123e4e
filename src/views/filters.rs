//! The filter panel: districts (grouped by province, with a diacritic-blind finder), topics,
//! dates. Every count applies the other active filters (see `bantin_core::query::Index::facets`).

use std::sync::Arc;

use bantin_core::date::Day;
use bantin_core::fold::fold;
use bantin_core::query::{DistrictFacet, Index};
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
pub fn Filters(index: Arc<Index>) -> impl IntoView {
    let facets = {
        let index = index.clone();
        let ctx = use_ctx();
        Memo::new(move |_| ctx.url.with(|u| index.facets(&u.query)))
    };
    view! {
        <DistrictFilter facets=Signal::derive(move || facets.with(|f| f.districts.clone()))/>
        <TopicFilter facets=Signal::derive(move || facets.with(|f| f.topics.clone()))/>
        <DateFilter newest=index.newest_day()/>
    }
}

#[component]
fn DistrictFilter(facets: Signal<Vec<DistrictFacet>>) -> impl IntoView {
    let ctx = use_ctx();
    let s = move || ctx.strings();
    let find = RwSignal::new(String::new());
    // Groups of (province, districts) after the finder; the finder ignores marks and case.
    let groups = move || {
        let needle = fold(&find.get());
        let mut groups: Vec<(String, Vec<DistrictFacet>)> = Vec::new();
        for d in facets.get() {
            let haystack = fold(&format!("{} {} {}", d.kind, d.name, d.province));
            if !needle.split_whitespace().all(|w| haystack.contains(w)) {
                continue;
            }
            match groups.last_mut() {
                Some((province, list)) if *province == d.province => list.push(d),
                _ => groups.push((d.province.clone(), vec![d])),
            }
        }
        groups
    };
    view! {
        <fieldset class="facet">
            <legend>{move || s().district}</legend>
            <input type="search" class="finder" aria-label=move || s().find_district
                placeholder=move || s().find_district
                prop:value=move || find.get() on:input=move |ev| find.set(event_target_value(&ev))/>
            {move || groups().into_iter().map(|(province, districts)| view! {
                <div class="province" role="group" aria-label=province.clone()>
                    <p class="province-name" aria-hidden="true">{province.clone()}</p>
                    {districts.into_iter().map(|d| {
                        let id = d.id.clone();
                        let checked = {
                            let id = id.clone();
                            move || ctx.url.with(|u| u.query.districts.contains(&id))
                        };
                        view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=checked
                                    on:change=move |_| ctx.set_filters(|u| toggle(&mut u.query.districts, &id))/>
                                <span class="check-label">{format!("{} {}", d.kind, d.name)}</span>
                                <span class="count">{d.count}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn TopicFilter(facets: Signal<Vec<(String, usize)>>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <fieldset class="facet">
            <legend>{move || ctx.strings().topic}</legend>
            <div class="chips">
                {move || facets.get().into_iter().filter_map(|(slug, count)| {
                    let topic = topics::by_slug(&slug)?;
                    let pressed = {
                        let slug = slug.clone();
                        move || ctx.url.with(|u| u.query.topics.contains(&slug))
                    };
                    Some(view! {
                        <button type="button" class="chip" aria-pressed=move || pressed().to_string()
                            on:click=move |_| ctx.set_filters(|u| toggle(&mut u.query.topics, &slug))>
                            <span>{move || ctx.prefs.lang.get().topic_label(topic)}</span>
                            <span class="count">{count}</span>
                        </button>
                    })
                }).collect_view()}
            </div>
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
            <legend>{move || s().date}</legend>
            <div class="dates">
                <label>{move || s().from}
                    <input type="date" prop:value=value(|q| q.from)
                        on:change=move |ev| { let d = Day::parse_iso(&event_target_value(&ev)); ctx.set_filters(|u| u.query.from = d) }/>
                </label>
                <label>{move || s().to}
                    <input type="date" prop:value=value(|q| q.to)
                        on:change=move |ev| { let d = Day::parse_iso(&event_target_value(&ev)); ctx.set_filters(|u| u.query.to = d) }/>
                </label>
            </div>
            <div class="quick">
                <button type="button" class="button small" on:click=quick(Some(7))>{move || s().last_7_days}</button>
                <button type="button" class="button small" on:click=quick(Some(30))>{move || s().last_30_days}</button>
                <button type="button" class="button small" on:click=quick(None)>{move || s().this_year}</button>
            </div>
        </fieldset>
    }
}
