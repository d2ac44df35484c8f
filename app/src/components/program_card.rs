//! A program in a list: a picture, what it is, how far it is funded, in
//! words, and a "Give" button.

use crate::components::figures::{needs_met_words, raised_words, FundingBar};
use crate::components::icon::{Icon, IconName};
use crate::components::text::Localized;
use crate::i18n::strings;
use leptos::prelude::*;
use nikoo_types::i18n::fill;
use nikoo_types::routes;
use nikoo_types::transparency::ProgramSummary;
use nikoo_types::{Category, Locale};

/// The picture of a program without a cover photo: its category's
/// illustration (`public/illustrations/`, scripts/vendor-assets.sh).
pub fn illustration(category: Category) -> String {
    format!("/illustrations/{}.svg", category.code())
}

/// A card linking to a program: its cover (or its category's
/// illustration), category, place, title, summary, the progress of its
/// first currency with a target ("۷۲٪ funded", "€4,000 raised of
/// €10,000"), other currencies in words, needs met and households
/// served, the center, and "Give" while it takes gifts.
#[component]
pub fn ProgramCard(program: ProgramSummary, locale: Locale) -> impl IntoView {
    let s = strings(locale);
    let g = crate::i18n::giving::gifts::strings(locale);
    let link = routes::program(locale, &program.slug);
    let title = program.title.get(locale).to_owned();
    let picture = program
        .cover
        .clone()
        .unwrap_or_else(|| illustration(program.category));
    // The currency the bar shows: the first with a target, else the first.
    let lead = program
        .totals
        .iter()
        .position(|t| t.target > 0)
        .unwrap_or(0);
    let funding = program
        .totals
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (raised, pct) = raised_words(t, locale);
            let bar = (i == lead).then(|| {
                let label = format!("{}: {title}", s.progress_label);
                view! { <FundingBar totals=*t locale label/> }
            });
            view! {
                {bar}
                <p class="raised" data-currency=t.currency.code()>
                    {pct.map(|p| view! { <strong>{p}</strong> " · " })}
                    {raised}
                </p>
            }
        })
        .collect_view();
    let met = (program.needs_total > 0)
        .then(|| needs_met_words(program.needs_met, program.needs_total, locale));
    let households = (!program.served.is_none()).then(|| {
        fill(
            s.households_words,
            &[("count", &program.served.households.format(locale))],
        )
    });
    let give = program.takes_gifts.then(|| {
        let href = routes::give(locale, &program.slug, None);
        view! {
            <a class="button" href=href>
                <Icon name=IconName::HeartHandshake/>
                {g.give_button}
                <span class="visually-hidden">": " {title.clone()}</span>
            </a>
        }
    });
    view! {
        <article class="card program-card" data-category=program.category.code()>
            <img class="cover" src=picture alt="" width="320" height="180" loading="lazy"/>
            <div class="card-body">
                <p class="card-meta">
                    <span class="badge">{program.category.label(locale)}</span>
                    {program.completed.then(|| view! { <span class="badge muted">{s.status_completed}</span> })}
                    " "
                    <Icon name=IconName::MapPin/>
                    " "
                    <Localized text=program.county.name.clone() locale/>
                </p>
                <h3>
                    <a href=link.clone()>
                        <Localized text=program.title.clone() locale/>
                    </a>
                </h3>
                <p class="card-summary">
                    <Localized text=program.summary.clone() locale/>
                </p>
                {funding}
                <p class="card-facts">
                    {met.map(|m| view! { <span class="card-met"><Icon name=IconName::Target/> " " {m}</span> })}
                    {households.map(|h| view! { <span class="households-line"><Icon name=IconName::Users/> " " {h}</span> })}
                </p>
                <p class="card-center">
                    <Icon name=IconName::BuildingCommunity/>
                    " " {s.run_by} ": "
                    <a href=routes::center(locale, &program.center.slug)>
                        <Localized text=program.center.name.clone() locale/>
                    </a>
                </p>
                <div class="card-actions">
                    {give}
                    <a class="button secondary" href=link>{s.see_program}</a>
                </div>
            </div>
        </article>
    }
}
