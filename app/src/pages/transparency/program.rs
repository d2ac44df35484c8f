//! `/{lang}/programs/{slug}`: a program, its needs and recent gifts.

use crate::api::transparency::get_program;
use crate::components::figures::{Funding, NeedProgress};
use crate::components::pledge_list::RecentPledges;
use crate::components::spending::SpendingTable;
use crate::components::text::{Localized, LocalizedHtml};
use crate::i18n::{strings, use_locale};
use crate::pages::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use nikoo_types::routes;

/// The program page.
#[component]
pub fn ProgramPage() -> impl IntoView {
    let locale = use_locale();
    let s = strings(locale);
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let program = Resource::new(slug, get_program);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                match program.await {
                    Err(e) => view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(d) => {
                        let p = d.program;
                        let status = crate::i18n::workspace::strings(locale).stage_label(&p.status);
                        let taking_gifts = p.takes_gifts;
                        let give_href = routes::give(locale, &p.slug, None);
                        let give_need = {
                            let give_href = give_href.clone();
                            let items_href = routes::pledge_items(locale, &p.slug, None);
                            move |n: &nikoo_types::transparency::NeedFigures| {
                                (taking_gifts && n.open).then(|| match n.kind {
                                    nikoo_types::transparency::NeedKind::Money => (
                                        format!("{give_href}?need={}", n.id),
                                        crate::i18n::giving::gifts::strings(locale).give_to_need,
                                    ),
                                    _ => (
                                        format!("{items_href}?need={}", n.id),
                                        crate::i18n::giving::item_pledges::strings(locale).pledge_items_link,
                                    ),
                                })
                            }
                        };
                        let needs_for_spending = d.needs.clone();
                        let w = crate::i18n::workspace::strings(locale);
                        view! {
                            <Title text=p.title.get(locale).to_owned()/>
                            <article class="program">
                                {d.cover.clone().map(|src| view! { <img class="cover" src=src alt=""/> })}
                                <p class="card-meta">
                                    <a href=routes::programs_where(locale, &format!("category={}", p.category.code()))>
                                        <span class="badge">{p.category.label(locale)}</span>
                                    </a>
                                    <span class="badge muted">{status}</span>
                                    " "
                                    <Localized text=p.county.name.clone() locale/>
                                    {s.list_separator}
                                    <Localized text=p.province.name.clone() locale/>
                                </p>
                                <h1>
                                    <Localized text=p.title.clone() locale/>
                                </h1>
                                <p class="lead">
                                    <Localized text=p.summary.clone() locale/>
                                </p>
                                <p class="card-center">
                                    {s.run_by} ": "
                                    <a href=routes::center(locale, &p.center.slug)>
                                        <Localized text=p.center.name.clone() locale/>
                                    </a>
                                    " · " {s.started} " "
                                    <time datetime=p.start_date.iso()>{p.start_date.format(locale)}</time>
                                    {p.end_date.map(|e| view! {
                                        " · " {s.ends} " "
                                        <time datetime=e.iso()>{e.format(locale)}</time>
                                    })}
                                </p>
                                {taking_gifts.then(|| view! {
                                    <p class="give">
                                        <a class="button" href=give_href.clone()>{crate::i18n::giving::gifts::strings(locale).give_button}</a>
                                        " "
                                        <a class="button secondary" href=routes::pledge(locale, &p.slug, None)>{crate::i18n::giving::gifts::strings(locale).pledge_link}</a>
                                    </p>
                                })}
                                <LocalizedHtml html=d.description_html.clone() locale class="description"/>
                                <section aria-labelledby="totals-h">
                                    <h2 id="totals-h">{s.program_totals}</h2>
                                    <Funding totals=p.totals.clone() locale/>
                                    {(!p.served.is_none()).then(|| view! { <p class="served">{crate::components::figures::served_text(p.served, locale)}</p> })}
                                </section>
                                <section aria-labelledby="needs-h">
                                    <h2 id="needs-h">{s.needs}</h2>
                                    <p class="legend">
                                        <span class="swatch bar-received"></span>
                                        " " {s.legend_received} " "
                                        <span class="swatch bar-pledged"></span>
                                        " " {s.legend_pledged}
                                    </p>
                                    <ul class="needs">
                                        {d
                                            .needs
                                            .into_iter()
                                            .map(|n| { let give = give_need(&n); view! { <NeedProgress need=n locale give=give/> } })
                                            .collect_view()}
                                    </ul>
                                </section>
                                <section aria-labelledby="spending-h">
                                    <h2 id="spending-h">{w.spending_title}</h2>
                                    <SpendingTable lines=d.spending.clone() needs=needs_for_spending locale/>
                                </section>
                                <section id="updates" aria-labelledby="updates-h">
                                    <h2 id="updates-h">{w.updates_title}</h2>
                                    {d.updates.is_empty().then(|| view! { <p>{w.no_updates}</p> })}
                                    {d.updates.clone().into_iter().map(|u| view! {
                                        <article class="update" data-update-id=u.id>
                                            <h3><Localized text=u.title.clone() locale/></h3>
                                            <p class="card-meta"><time datetime=u.date.iso()>{u.date.format(locale)}</time></p>
                                            <LocalizedHtml html=u.body_html.clone() locale class="update-body"/>
                                            <div class="update-photos">
                                                {u.photos.iter().map(|src| view! { <img src=src.clone() alt="" loading="lazy"/> }).collect_view()}
                                            </div>
                                        </article>
                                    }).collect_view()}
                                </section>
                                <section aria-labelledby="gifts-h">
                                    <h2 id="gifts-h">{s.recent_gifts}</h2>
                                    {d.recent_gifts.is_empty().then(|| view! { <p>{s.no_gifts_yet}</p> })}
                                    <table class="gifts stack">
                                        <thead>
                                            <tr>
                                                <th scope="col">{s.gift_donor}</th>
                                                <th scope="col">{s.gift_amount}</th>
                                                <th scope="col">{s.gift_for}</th>
                                                <th scope="col">{s.gift_date}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {d
                                                .recent_gifts
                                                .into_iter()
                                                .map(|g| {
                                                    let donor = g.donor.clone().unwrap_or_else(|| s.anonymous.to_owned());
                                                    let anonymous = g.donor.is_none();
                                                    view! {
                                                        <tr class:anonymous=anonymous>
                                                            <td class="donor" data-label=s.gift_donor>{donor}</td>
                                                            <td class="amount" data-label=s.gift_amount>{g.amount.format(locale)}</td>
                                                            <td class="for" data-label=s.gift_for>
                                                                {match g.need {
                                                                    Some(n) => view! { <Localized text=n locale/> }.into_any(),
                                                                    None => s.to_program.into_any(),
                                                                }}
                                                            </td>
                                                            <td data-label=s.gift_date>
                                                                <time datetime=g.received_on.iso()>{g.received_on.format(locale)}</time>
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </section>
                                <RecentPledges pledges=d.recent_pledges locale/>
                            </article>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
