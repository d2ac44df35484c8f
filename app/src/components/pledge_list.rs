//! A program's active pledges: who pledged (a center, a donor's name, or
//! "Anonymous"), what (each installment and how often, or a quantity of
//! an item), for which need, since when.

use crate::components::text::Localized;
use crate::i18n::giving::gifts::strings as giving_strings;
use crate::i18n::giving::pledges::strings as pledge_strings;
use crate::i18n::strings;
use leptos::prelude::*;
use nikoo_types::digits::format_integer;
use nikoo_types::transparency::RecentPledge;
use nikoo_types::Locale;

/// «€10.00 monthly» or «12 blanket».
fn promise(p: &RecentPledge, locale: Locale) -> String {
    match (p.amount, p.quantity) {
        (Some(a), _) if p.frequency == "once" => a.format(locale),
        (Some(a), _) => format!(
            "{} · {}",
            a.format(locale),
            giving_strings(locale).frequency_name(&p.frequency)
        ),
        (None, Some(q)) => format!(
            "{} {}",
            format_integer(q, locale),
            p.unit.as_ref().map(|u| u.get(locale)).unwrap_or_default()
        ),
        (None, None) => String::new(),
    }
}

/// The pledges section of a program page.
#[component]
pub fn RecentPledges(pledges: Vec<RecentPledge>, locale: Locale) -> impl IntoView {
    let (s, l) = (strings(locale), pledge_strings(locale));
    view! {
        <section aria-labelledby="pledges-h">
            <h2 id="pledges-h">{l.title}</h2>
            {pledges.is_empty().then(|| view! { <p>{l.none_yet}</p> })}
            {(!pledges.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="data stack pledges">
                        <thead>
                            <tr>
                                <th scope="col">{l.col_by}</th>
                                <th scope="col">{l.col_pledge}</th>
                                <th scope="col">{l.col_for}</th>
                                <th scope="col">{l.col_since}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {pledges.iter().map(|p| {
                                let by = match p.by.clone() {
                                    Some(t) => view! {
                                        <Localized text=t locale/>
                                        {p.by_center.then(|| view! { " " <span class="badge">{l.center}</span> })}
                                    }.into_any(),
                                    None => s.anonymous.into_any(),
                                };
                                view! {
                                    <tr class:anonymous=p.by.is_none() class:by-center=p.by_center>
                                        <td class="by" data-label=l.col_by>{by}</td>
                                        <td class="promise" data-label=l.col_pledge>{promise(p, locale)}</td>
                                        <td class="for" data-label=l.col_for>
                                            {match p.need.clone() {
                                                Some(n) => view! { <Localized text=n locale/> }.into_any(),
                                                None => s.to_program.into_any(),
                                            }}
                                        </td>
                                        <td data-label=l.col_since><time datetime=p.since.iso()>{p.since.format(locale)}</time></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}
