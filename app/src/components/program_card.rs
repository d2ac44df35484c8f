//! A program in a list.

use crate::components::figures::{needs_met_text, TotalsTable};
use crate::components::text::Localized;
use crate::i18n::strings;
use leptos::prelude::*;
use nikoo_types::routes;
use nikoo_types::transparency::ProgramSummary;
use nikoo_types::Locale;

/// A card linking to a program, with its place, center and figures.
#[component]
pub fn ProgramCard(program: ProgramSummary, locale: Locale) -> impl IntoView {
    let s = strings(locale);
    let link = routes::program(locale, &program.slug);
    let met = needs_met_text(program.needs_met, program.needs_total, locale);
    let status = if program.completed {
        Some(s.status_completed)
    } else {
        None
    };
    view! {
        <article class="card program-card" data-category=program.category.code()>
            <p class="card-meta">
                <span class="badge">{program.category.label(locale)}</span>
                {status.map(|st| view! { <span class="badge muted">{st}</span> })}
                " "
                <Localized text=program.county.name.clone() locale/>
            </p>
            <h3>
                <a href=link>
                    <Localized text=program.title.clone() locale/>
                </a>
            </h3>
            <p class="card-summary">
                <Localized text=program.summary.clone() locale/>
            </p>
            <p class="card-center">
                {s.run_by} ": "
                <a href=routes::center(locale, &program.center.slug)>
                    <Localized text=program.center.name.clone() locale/>
                </a>
            </p>
            <TotalsTable totals=program.totals.clone() locale/>
            <p class="card-met">{met}</p>
        </article>
    }
}
