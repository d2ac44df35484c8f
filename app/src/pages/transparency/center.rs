//! `/{lang}/centers/{slug}`: a center, its programs and its totals.

use crate::api::transparency::get_center;
use crate::components::figures::{needs_met_words, served_text, Funding};
use crate::components::program_card::ProgramCard;
use crate::components::text::Localized;
use crate::i18n::{strings, use_locale};
use crate::pages::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The center page.
#[component]
pub fn CenterPage() -> impl IntoView {
    let locale = use_locale();
    let s = strings(locale);
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let center = Resource::new(slug, get_center);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                match center.await {
                    Err(e) => view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(c) => {
                        let met = needs_met_words(c.needs_met, c.needs_total, locale);
                        view! {
                            <Title text=c.name.get(locale).to_owned()/>
                            <article class="center">
                                <h1>
                                    <Localized text=c.name.clone() locale/>
                                </h1>
                                <p class="card-meta">
                                    <Localized text=c.county.name.clone() locale/>
                                    {s.list_separator}
                                    <Localized text=c.province.name.clone() locale/>
                                </p>
                                <p class="lead">
                                    <Localized text=c.description.clone() locale/>
                                </p>
                                <p>
                                    {s.address} ": "
                                    <Localized text=c.address.clone() locale/>
                                </p>
                                <section aria-labelledby="totals-h">
                                    <h2 id="totals-h">{s.program_totals}</h2>
                                    <Funding totals=c.totals.clone() locale/>
                                    <p>{met}</p>
                                    {(!c.served.is_none()).then(|| view! { <p class="served">{served_text(c.served, locale)}</p> })}
                                </section>
                                <section aria-labelledby="programs-h">
                                    <h2 id="programs-h">{s.center_programs}</h2>
                                    <div class="cards">
                                        {c
                                            .programs
                                            .into_iter()
                                            .map(|p| view! { <ProgramCard program=p locale/> })
                                            .collect_view()}
                                    </div>
                                </section>
                            </article>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
