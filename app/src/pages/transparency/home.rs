//! `/{lang}/`: what Nikoo is, a search box, featured programs, then the
//! platform's figures in words, one block per currency.

use crate::api::transparency::get_overview;
use crate::components::figures::{needs_met_words, Funding};
use crate::components::icon::{Icon, IconName};
use crate::components::program_card::ProgramCard;
use crate::i18n::{strings, use_locale};
use crate::pages::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use nikoo_types::digits::format_integer;
use nikoo_types::routes;
use nikoo_types::Locale;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let s = strings(locale);
    let overview = Resource::new(|| (), |_| get_overview());
    view! {
        <Title text=s.home_title/>
        <section class="hero">
            <h1>{s.home_title}</h1>
            <p>{s.home_intro}</p>
            <SearchBox locale/>
        </section>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(e) => view! { <ErrorView error=e locale nested=true/> }.into_any(),
                    Ok(o) => {
                        let n = |v: u64| format_integer(i64::try_from(v).unwrap_or(i64::MAX), locale);
                        view! {
                            <section aria-labelledby="featured-h">
                                <div class="section-head">
                                    <h2 id="featured-h">{s.featured_programs}</h2>
                                    <a href=routes::programs(locale)>{s.all_programs}</a>
                                </div>
                                <div class="cards">
                                    {o
                                        .featured
                                        .into_iter()
                                        .map(|p| view! { <ProgramCard program=p locale/> })
                                        .collect_view()}
                                </div>
                            </section>
                            <section class="platform-totals" aria-labelledby="totals-h">
                                <h2 id="totals-h">{s.program_totals}</h2>
                                <Funding totals=o.totals.clone() locale/>
                                <ul class="stats">
                                    <li>
                                        <Icon name=IconName::Target/>
                                        <span>{needs_met_words(o.needs_met, o.needs_total, locale)}</span>
                                    </li>
                                    <li>
                                        <Icon name=IconName::HeartHandshake/>
                                        <strong>{n(o.programs)}</strong>
                                        <span>{s.programs_count}</span>
                                    </li>
                                    <li>
                                        <Icon name=IconName::BuildingCommunity/>
                                        <strong>{n(o.centers)}</strong>
                                        <span>{s.centers_count}</span>
                                    </li>
                                    {(!o.served.is_none()).then(|| view! {
                                        <li class="served">
                                            <Icon name=IconName::Users/>
                                            <strong>{o.served.households.format(locale)}</strong>
                                            <span>{s.households_served}</span>
                                        </li>
                                    })}
                                </ul>
                            </section>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// A search form that works without JavaScript (a plain GET form).
#[component]
pub fn SearchBox(locale: Locale, #[prop(optional)] value: Option<String>) -> impl IntoView {
    let s = strings(locale);
    view! {
        <form class="search" method="get" action=routes::programs(locale) role="search">
            <label for="q">{s.search_label}</label>
            <div class="search-row">
                <input id="q" type="search" name="q" value=value placeholder=s.search_placeholder/>
                <button type="submit">{s.search_button}</button>
            </div>
        </form>
    }
}
