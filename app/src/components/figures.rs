//! Money figures and need progress.

use crate::i18n::strings;
use leptos::prelude::*;
use nikoo_types::transparency::{NeedFigures, NeedKind, Totals};
use nikoo_types::{Locale, Money, Quantity};

/// A table of pledged / received / delivered, one row per currency.
#[component]
pub fn TotalsTable(totals: Vec<Totals>, locale: Locale) -> impl IntoView {
    let s = strings(locale);
    let fmt = move |minor: i64, t: &Totals| Money::from_minor(minor, t.currency).format(locale);
    view! {
        <table class="totals">
            <thead>
                <tr>
                    <th scope="col">{s.pledged}</th>
                    <th scope="col">{s.received}</th>
                    <th scope="col">{s.delivered}</th>
                    <th scope="col">{s.fees}</th>
                </tr>
            </thead>
            <tbody>
                {totals
                    .iter()
                    .map(|t| {
                        view! {
                            <tr data-currency=t.currency.code()>
                                <td>{fmt(t.pledged, t)}</td>
                                <td>{fmt(t.received, t)}</td>
                                <td>{fmt(t.delivered, t)}</td>
                                <td class="fees">{fmt(t.fees, t)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// «Households served: fewer than 10 · People: 23», in the locale.
pub fn served_text(served: nikoo_types::counts::Served, locale: Locale) -> String {
    let s = strings(locale);
    format!(
        "{}: {}{}{}: {}",
        s.households_served,
        served.households.format(locale),
        s.list_separator,
        s.people_served,
        served.people.format(locale)
    )
}

/// "Needs met: 3 of 5", in the locale.
pub fn needs_met_text(met: u32, total: u32, locale: Locale) -> String {
    let s = strings(locale);
    format!(
        "{}: {} {} {}",
        s.needs_met,
        nikoo_types::digits::format_integer(i64::from(met), locale),
        s.of,
        nikoo_types::digits::format_integer(i64::from(total), locale)
    )
}

/// A need's figure in its unit: money with its currency, or a quantity with the item's unit.
pub fn need_amount(need: &NeedFigures, value: i64, locale: Locale) -> String {
    match (need.kind, need.currency) {
        (NeedKind::Money, Some(c)) => Money::from_minor(value, c).format(locale),
        _ => {
            let unit = need
                .unit
                .as_ref()
                .map(|u| u.get(locale).to_owned())
                .unwrap_or_default();
            let n = Quantity::new(value.max(0))
                .unwrap_or_default()
                .format(locale);
            format!("{n} {unit}").trim().to_owned()
        }
    }
}

/// One need: its three figures and an accessible progress bar (received
/// solid, pledged hatched, against the target); `give` links to its gift
/// (money) or pledge (in-kind) form: (href, label).
#[component]
pub fn NeedProgress(
    need: NeedFigures,
    locale: Locale,
    give: Option<(String, &'static str)>,
) -> impl IntoView {
    let s = strings(locale);
    let w = crate::i18n::workspace::strings(locale);
    let state = need.state.clone();
    let state_label = crate::i18n::workspace::strings(locale).need_state_label(&state);
    let high = need.priority == nikoo_types::workspace::Priority::High;
    let deadline = need.deadline;
    let closed_reason = need.closed_reason.clone();
    let received_pct = need.received_percent();
    let committed_pct = need.committed_percent();
    let pledged_width = committed_pct.saturating_sub(received_pct);
    let value_text = format!(
        "{} {} {} {}",
        need_amount(&need, need.received, locale),
        s.received,
        s.of,
        need_amount(&need, need.target, locale)
    );
    let title = need.title.get(locale).to_owned();
    let kind_label = match need.kind {
        NeedKind::Money => s.need_money,
        NeedKind::InKind => s.need_in_kind,
    };
    let pct_text = nikoo_types::digits::format_percent(received_pct, locale);
    let unit_value = need.unit_value.map(|v| v.format(locale));
    view! {
        <li class="need" class:met=need.met data-need-id=need.id>
            <div class="need-head">
                <h3>{title.clone()}</h3>
                <span class="badge">{kind_label}</span>
                <span class=format!("badge need-state need-{state}") data-state=state.clone()>{state_label}</span>
                {high.then(|| view! { <span class="badge late">{w.high_priority}</span> })}
            </div>
            {(deadline.is_some() || closed_reason.is_some()).then(|| view! {
                <p class="need-meta">
                    {deadline.map(|d| view! { {w.deadline} ": " <time datetime=d.iso()>{d.format(locale)}</time> " " })}
                    {closed_reason.map(|r| view! { {w.closed_because} " " <span class="closed-reason">{r}</span> })}
                </p>
            })}
            <div
                class="bar"
                role="progressbar"
                aria-label=format!("{}: {title}", s.progress_label)
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=received_pct.to_string()
                aria-valuetext=value_text
            >
                <span class="bar-received" style=format!("inline-size: {received_pct}%")></span>
                <span class="bar-pledged" style=format!("inline-size: {pledged_width}%")></span>
            </div>
            <dl class="need-figures">
                <div>
                    <dt>{s.target}</dt>
                    <dd>{need_amount(&need, need.target, locale)}</dd>
                </div>
                <div>
                    <dt>{s.pledged}</dt>
                    <dd class="pledged">{need_amount(&need, need.pledged, locale)}</dd>
                </div>
                <div>
                    <dt>{s.received}</dt>
                    <dd class="received">{need_amount(&need, need.received, locale)} " (" {pct_text} ")"</dd>
                </div>
                <div>
                    <dt>{s.delivered}</dt>
                    <dd class="delivered">{need_amount(&need, need.delivered, locale)}</dd>
                </div>
                {need.served.filter(|sv| !sv.is_none()).map(|sv| view! {
                    <div>
                        <dt>{s.households_served}</dt>
                        <dd class="households">{sv.households.format(locale)}</dd>
                    </div>
                })}
                {unit_value
                    .map(|v| {
                        view! {
                            <div>
                                <dt>{s.unit_value}</dt>
                                <dd>{v}</dd>
                            </div>
                        }
                    })}
            </dl>
            {give.map(|(href, label)| view! {
                <p class="need-give">
                    <a class="button secondary" href=href>{label}</a>
                </p>
            })}
        </li>
    }
}
