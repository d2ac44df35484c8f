//! Money figures and need progress.

use crate::components::text::Localized;
use crate::i18n::strings;
use leptos::prelude::*;
use nikoo_types::digits::{format_integer, format_percent};
use nikoo_types::i18n::fill;
use nikoo_types::transparency::{NeedFigures, NeedKind, Totals};
use nikoo_types::{Locale, Money, Quantity};

/// A money figure in `currency`, formatted for the locale (toman on fa
/// pages for rials).
fn money(minor: i64, currency: nikoo_types::Currency, locale: Locale) -> String {
    Money::from_minor(minor, currency).format(locale)
}

/// One currency's totals in words: (raised, percent). With a target
/// "€4,000 raised of €10,000" and "40% funded"; without one "€4,000
/// received" and no percent.
pub fn raised_words(t: &Totals, locale: Locale) -> (String, Option<String>) {
    let s = strings(locale);
    let received = money(t.received, t.currency, locale);
    if t.target > 0 {
        let target = money(t.target, t.currency, locale);
        let raised = fill(s.raised_of, &[("received", &received), ("target", &target)]);
        let pct = format_percent(t.received_percent(), locale);
        (raised, Some(fill(s.percent_funded, &[("percent", &pct)])))
    } else {
        (fill(s.received_words, &[("amount", &received)]), None)
    }
}

/// A progress bar of one currency's totals against their target: received
/// solid, pledged hatched; nothing without a target.
#[component]
pub fn FundingBar(totals: Totals, locale: Locale, label: String) -> impl IntoView {
    let (raised, _) = raised_words(&totals, locale);
    let received = totals.received_percent();
    let pledged = totals.committed_percent().saturating_sub(received);
    (totals.target > 0).then(|| view! { <ProgressBar received pledged label value_text=raised/> })
}

/// An accessible progress bar, 0–100: `received` percent solid, then
/// `pledged` percent hatched; `value_text` says it in words.
#[component]
pub fn ProgressBar(received: u8, pledged: u8, label: String, value_text: String) -> impl IntoView {
    view! {
        <div
            class="bar"
            role="progressbar"
            aria-label=label
            aria-valuemin="0"
            aria-valuemax="100"
            aria-valuenow=received.to_string()
            aria-valuetext=value_text
        >
            <span class="bar-received" style=format!("inline-size: {received}%")></span>
            <span class="bar-pledged" style=format!("inline-size: {pledged}%")></span>
        </div>
    }
}

/// Money figures in words, one block per currency: the sum received large,
/// then its progress against the target, what is still pledged, what was
/// spent or delivered, and payment fees when there were any.
#[component]
pub fn Funding(totals: Vec<Totals>, locale: Locale) -> impl IntoView {
    let s = strings(locale);
    view! {
        <ul class="funding">
            {totals
                .into_iter()
                .map(|t| {
                    let (raised, pct) = raised_words(&t, locale);
                    let unit = nikoo_types::money::unit_label(t.currency, locale);
                    let label = fill(s.money_raised_in, &[("currency", unit)]);
                    let line = |text: &str, minor: i64| fill(text, &[("amount", &money(minor, t.currency, locale))]);
                    view! {
                        <li data-currency=t.currency.code()>
                            <span class="headline figure received">{money(t.received, t.currency, locale)}</span>
                            <FundingBar totals=t locale label/>
                            <p class="raised">{pct.map(|p| view! { <strong>{p}</strong> " · " })} {raised}</p>
                            <p class="pledged-line">{line(s.pledged_words, t.pledged)}</p>
                            <p class="delivered-line">{line(s.delivered_words, t.delivered)}</p>
                            {(t.fees != 0).then(|| view! { <p class="fees">{line(s.fees_words, t.fees)}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// "3 of 5 needs met", in the locale.
pub fn needs_met_words(met: u32, total: u32, locale: Locale) -> String {
    fill(
        strings(locale).needs_met_words,
        &[
            ("met", &format_integer(i64::from(met), locale)),
            ("total", &format_integer(i64::from(total), locale)),
        ],
    )
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
    let pct_text = format_percent(received_pct, locale);
    let unit_value = need.unit_value.map(|v| v.format(locale));
    view! {
        <li class="need" class:met=need.met data-need-id=need.id>
            <div class="need-head">
                <h3><Localized text=need.title.clone() locale/></h3>
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
            <ProgressBar
                received=received_pct
                pledged=pledged_width
                label=format!("{}: {title}", s.progress_label)
                value_text
            />
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
