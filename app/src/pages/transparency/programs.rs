//! `/{lang}/programs`: the filtered, paginated list.

use crate::api::transparency::{get_filter_options, list_programs};
use crate::components::icon::{Icon, IconName};
use crate::components::pager::{page_count, Pager};
use crate::components::program_card::ProgramCard;
use crate::i18n::{strings, use_locale};
use crate::pages::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use nikoo_types::digits::format_integer;
use nikoo_types::i18n::fill;
use nikoo_types::query::{ProgramQuery, RawProgramQuery};
use nikoo_types::routes;
use nikoo_types::transparency::FilterOptions;
use nikoo_types::{Category, Locale};

/// The program list with its filter form.
#[component]
pub fn ProgramsPage() -> impl IntoView {
    let locale = use_locale();
    let s = strings(locale);
    let query = use_query_map();
    let raw = move || {
        query.with(|q| RawProgramQuery {
            q: q.get("q"),
            category: q.get("category"),
            province: q.get("province"),
            county: q.get("county"),
            center: q.get("center"),
            page: q.get("page"),
            per_page: q.get("per_page"),
        })
    };
    let page = Resource::new(raw, list_programs);
    let options = Resource::new(|| (), |_| get_filter_options());
    view! {
        <Title text=s.nav_programs/>
        <h1>{s.nav_programs}</h1>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                let raw = raw();
                let (page, options) = (page.await, options.await);
                let parsed = ProgramQuery::parse(&raw).unwrap_or_default();
                let form = match options {
                    Ok(o) => view! { <FilterForm options=o raw=raw.clone() locale/> }.into_any(),
                    Err(_) => ().into_any(),
                };
                let body = match page {
                    Err(e) => view! { <ErrorView error=e locale nested=true/> }.into_any(),
                    Ok(p) => {
                        let total = format_integer(i64::try_from(p.total).unwrap_or(i64::MAX), locale);
                        let pages = page_count(p.total, p.per_page);
                        let link = move |n: u32| routes::programs_where(locale, &parsed.to_query_string(n));
                        view! {
                            <h2 class="result-count" aria-live="polite">
                                <strong>{total}</strong>
                                " "
                                {s.results_found}
                            </h2>
                            {p.items.is_empty().then(|| view! { <p class="empty">{s.no_results}</p> })}
                            <div class="cards">
                                {p
                                    .items
                                    .into_iter()
                                    .map(|p| view! { <ProgramCard program=p locale/> })
                                    .collect_view()}
                            </div>
                            <Pager page=p.page pages locale link/>
                        }
                            .into_any()
                    }
                };
                view! { {form} {body} }
            })}
        </Suspense>
    }
}

/// The filter form: a plain GET form, so it works without JavaScript. The
/// search box shows; the four selects fold behind one summary (open when
/// one of them is set), so a phone's first screen shows programs.
#[component]
fn FilterForm(options: FilterOptions, raw: RawProgramQuery, locale: Locale) -> impl IntoView {
    let s = strings(locale);
    let set = [&raw.category, &raw.province, &raw.county, &raw.center]
        .iter()
        .filter(|v| v.as_deref().is_some_and(|v| !v.is_empty()))
        .count();
    let summary = if set > 0 {
        let count = format_integer(i64::try_from(set).unwrap_or(0), locale);
        format!(
            "{} ({})",
            s.filters_summary,
            fill(s.filters_active, &[("count", &count)])
        )
    } else {
        s.filters_summary.to_owned()
    };
    view! {
        <form class="filters" method="get" action=routes::programs(locale) role="search">
            <label for="f-q">{s.search_label}</label>
            <div class="search-row">
                <input id="f-q" type="search" name="q" value=raw.q.clone() placeholder=s.search_placeholder/>
                <button type="submit">
                    <Icon name=IconName::Search/>
                    {s.search_button}
                </button>
            </div>
            <details open={set > 0}>
                <summary>
                    <Icon name=IconName::AdjustmentsHorizontal/>
                    {summary}
                </summary>
                <div class="filter-fields">
                    <FilterSelect
                        name="category"
                        label=s.category
                        any=s.any_category
                        choices=Category::ALL.iter().map(|c| (c.code().to_owned(), c.label(locale).to_owned())).collect()
                        selected=raw.category.clone()
                    />
                    <FilterSelect
                        name="province"
                        label=s.province
                        any=s.any_province
                        choices=options.provinces.iter().map(|p| (p.code.clone(), p.name.get(locale).to_owned())).collect()
                        selected=raw.province.clone()
                    />
                    <FilterSelect
                        name="county"
                        label=s.county
                        any=s.any_county
                        choices=options.counties.iter().map(|c| (c.code.clone(), c.name.get(locale).to_owned())).collect()
                        selected=raw.county.clone()
                    />
                    <FilterSelect
                        name="center"
                        label=s.center
                        any=s.any_center
                        choices=options.centers.iter().map(|c| (c.slug.clone(), c.name.get(locale).to_owned())).collect()
                        selected=raw.center.clone()
                    />
                    <div class="actions">
                        <button type="submit" class="secondary">{s.filter_button}</button>
                        <a href=routes::programs(locale)>{s.clear_filters}</a>
                    </div>
                </div>
            </details>
        </form>
    }
}

/// One labelled `<select>` of the filter form: "any" first, then `choices`
/// as (value, label), with `selected` chosen.
#[component]
fn FilterSelect(
    name: &'static str,
    label: &'static str,
    any: &'static str,
    choices: Vec<(String, String)>,
    selected: Option<String>,
) -> impl IntoView {
    let id = format!("f-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">{any}</option>
                {choices
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = selected.as_deref() == Some(value.as_str());
                        view! {
                            <option value=value selected=is_selected>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
