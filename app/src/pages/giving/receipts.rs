//! Printable records for donors: `/{lang}/gifts/{key}`, one card gift's
//! receipt (by the payment's unguessable key), `/{lang}/receipts/{id}`, any
//! donation's receipt (its center's staff and the donor of record), and
//! `/{lang}/my/giving/statement/{year}?calendar=`, the signed-in donor's
//! gifts of one year. Both carry each center's receipt number and the
//! dates in the Solar Hijri and the Gregorian calendar.

use crate::api::giving::{get_donation_receipt, get_gift_receipt, get_giving_statement};
use crate::components::text::Localized;
use crate::i18n::giving::gifts::strings as giving_strings;
use crate::i18n::giving::receipts::strings as donor_strings;
use crate::i18n::{strings, use_locale};
use crate::pages::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use nikoo_types::digits::format_integer;
use nikoo_types::giving::{GivingStatement, ReceiptState};
use nikoo_types::routes;
use nikoo_types::{Calendar, DisplayDate, Locale};

/// A card gift's receipt, printable, in the page's language.
#[component]
pub fn GiftReceiptPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.with(|p| p.get("key").unwrap_or_default());
    let receipt = Resource::new(key, get_gift_receipt);
    view! { <ReceiptPage receipt/> }
}

/// Any donation's receipt (`/{lang}/receipts/{id}`), for the receiving
/// center's staff and the donor of record; printable.
#[component]
pub fn DonationReceiptPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|id| id.parse::<i32>().ok())
    };
    let receipt = Resource::new(id, |id| async move {
        get_donation_receipt(id.ok_or(crate::error::AppError::NotFound)?).await
    });
    view! { <ReceiptPage receipt/> }
}

/// A receipt page around the receipt `receipt` loads.
#[component]
fn ReceiptPage(
    receipt: Resource<Result<nikoo_types::giving::GiftReceipt, crate::error::AppError>>,
) -> impl IntoView {
    let locale = use_locale();
    let (s, g) = (strings(locale), giving_strings(locale));
    view! {
        <Title text=g.receipt_title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                match receipt.await {
                    Err(e) => view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(r) => view! { <Receipt r locale/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One receipt: number, amount, refunds, designation, center, both dates,
/// how the giver is shown, and who gave when the viewer may know.
#[component]
fn Receipt(r: nikoo_types::giving::GiftReceipt, locale: Locale) -> impl IntoView {
    let (g, d) = (giving_strings(locale), donor_strings(locale));
    let (state_class, state_text) = match r.state {
        ReceiptState::Received => ("notice", g.receipt_received),
        ReceiptState::Pending => ("notice", g.receipt_pending),
        ReceiptState::Failed => ("form-alert", g.receipt_failed),
        ReceiptState::Reversed => ("form-alert", g.receipt_reversed),
    };
    let refunded = (r.refunded.minor() > 0).then(|| r.refunded.format(locale));
    view! {
        <article class="receipt" data-state=format!("{:?}", r.state).to_lowercase()>
            <h1>{g.receipt_title}</h1>
            <p class=state_class role="status">{state_text}</p>
            <dl class="receipt-lines">
                {r.number.map(|n| view! {
                    <div><dt>{d.receipt_number}</dt><dd class="receipt-number">{format_integer(i64::from(n), locale)}</dd></div>
                })}
                {r.received_from.clone().map(|who| view! {
                    <div><dt>{g.receipt_from}</dt><dd class="giver"><Localized text=who locale/></dd></div>
                })}
                <div><dt>{g.receipt_amount}</dt><dd class="amount">{r.amount.format(locale)}</dd></div>
                {refunded.map(|v| view! { <div><dt>{g.receipt_refunded}</dt><dd class="refunded">{v}</dd></div> })}
                <div><dt>{g.col_method}</dt><dd class="method">{g.method_name(&r.method)}</dd></div>
                <div>
                    <dt>{g.receipt_to}</dt>
                    <dd>
                        <a href=routes::program(locale, &r.program_slug)>
                            <Localized text=r.program_title.clone() locale/>
                        </a>
                        {r.need_title.clone().map(|t| view! { " · " <Localized text=t locale/> })}
                    </dd>
                </div>
                <div><dt>{g.receipt_center}</dt><dd><Localized text=r.center_name.clone() locale/></dd></div>
                <ReceiptDates date=r.date locale/>
                <div><dt>{g.receipt_shown_as}</dt><dd>{r.anonymity.label(locale)}</dd></div>
            </dl>
            <p class="no-print">
                <a href=routes::program(locale, &r.program_slug)>{g.back_to_program}</a>
            </p>
        </article>
    }
}

/// A receipt's day in both calendars, the page's own first (ARCHITECTURE.md
/// invariant 7: receipts carry Solar Hijri and Gregorian dates).
#[component]
pub fn ReceiptDates(date: DisplayDate, locale: Locale) -> impl IntoView {
    let d = donor_strings(locale);
    let first = Calendar::of(locale);
    [first, first.other()]
        .into_iter()
        .map(|c| {
            view! {
                <div>
                    <dt>{d.date_in(c)}</dt>
                    <dd><time datetime=date.iso() data-calendar=c.code()>{date.format_in(c, locale)}</time></dd>
                </div>
            }
        })
        .collect_view()
}

/// The signed-in donor's gifts of one year, printable. The year counts in
/// `?calendar=` (`persian` or `gregorian`), by default the page language's.
#[component]
pub fn StatementPage() -> impl IntoView {
    let locale = use_locale();
    let s = strings(locale);
    let d = donor_strings(locale);
    let params = use_params_map();
    let query = use_query_map();
    let asked = move || {
        let year = params.with(|p| p.get("year").unwrap_or_default());
        let calendar = query
            .with(|q| q.get("calendar"))
            .unwrap_or_else(|| Calendar::of(locale).code().to_owned());
        (year, calendar)
    };
    let statement = Resource::new(asked, |(year, calendar)| async move {
        let year = nikoo_types::digits::to_ascii_digits(&year)
            .parse::<i32>()
            .map_err(|_| crate::error::AppError::NotFound)?;
        get_giving_statement(year, calendar).await
    });
    view! {
        <Title text=d.statement_title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                match statement.await {
                    Err(e) => view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(st) => view! { <Statement st locale/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The link to the statement of `year` in `calendar`.
pub fn statement_href(locale: Locale, year: i32, calendar: Calendar) -> String {
    routes::statement(locale, year, calendar.code())
}

#[component]
fn Statement(st: GivingStatement, locale: Locale) -> impl IntoView {
    let (g, d) = (giving_strings(locale), donor_strings(locale));
    let year = |y: i32| nikoo_types::digits::localize_digits(&y.to_string(), locale);
    let calendar = st.calendar;
    let other_years = st
        .years
        .iter()
        .copied()
        .filter(|y| *y != st.year)
        .map(|y| view! { <li><a href=statement_href(locale, y, calendar)>{year(y)}</a></li> })
        .collect_view();
    // Today's gifts fall in this year of the other calendar too, most of them.
    let other = calendar.other();
    let other_year = st.lines.first().map(|l| l.date.year_in(other));
    view! {
        <article class="receipt statement" data-year=st.year data-calendar=calendar.code()>
            <h1>{d.statement_title} " · " {d.calendar_name(calendar)} " " {year(st.year)}</h1>
            <p>{d.statement_intro}</p>
            <dl class="receipt-lines">
                <div><dt>{d.statement_donor}</dt><dd>{st.donor_name.clone()}</dd></div>
                <div><dt>{d.statement_year}</dt><dd>{d.calendar_name(calendar)} " " {year(st.year)}</dd></div>
            </dl>
            {st.lines.is_empty().then(|| view! { <p class="empty">{d.no_gifts_in_year}</p> })}
            {(!st.lines.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="data statement-lines">
                        <thead>
                            <tr>
                                <th scope="col">{g.col_date}</th>
                                <th scope="col">{d.col_center}</th>
                                <th scope="col">{d.col_receipt}</th>
                                <th scope="col">{g.col_for}</th>
                                <th scope="col">{g.col_method}</th>
                                <th scope="col">{g.col_amount}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {st.lines.iter().map(|l| {
                                let refunded = (l.refunded.minor() > 0).then(|| l.refunded.format(locale));
                                view! {
                                    <tr>
                                        <td>
                                            <time datetime=l.date.iso()>{l.date.format_in(calendar, locale)}</time>
                                            <br/><small>{l.date.format_in(other, locale)}</small>
                                        </td>
                                        <td><Localized text=l.center_name.clone() locale/></td>
                                        <td class="receipt-number">{l.receipt_number.map(|n| view! {
                                            <a href=routes::receipt(locale, l.donation_id)>{format_integer(i64::from(n), locale)}</a>
                                        })}</td>
                                        <td>
                                            <Localized text=l.program_title.clone() locale/>
                                            {l.need_title.clone().map(|t| view! { " · " <Localized text=t locale/> })}
                                        </td>
                                        <td>{g.method_name(&l.method)}</td>
                                        <td class="amount">
                                            {l.amount.format(locale)}
                                            {refunded.map(|r| view! { <br/><span class="refunded">{d.refunded} " " {r}</span> })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <h2>{d.totals}</h2>
                <div class="table-wrap">
                    <table class="data statement-totals">
                        <thead>
                            <tr>
                                <th scope="col">{d.col_currency}</th>
                                <th scope="col">{d.given}</th>
                                <th scope="col">{d.refunded}</th>
                                <th scope="col">{d.net}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {st.totals.iter().map(|t| view! {
                                <tr data-currency=t.net.currency().code()>
                                    <td>{nikoo_types::money::unit_label(t.net.currency(), locale)}</td>
                                    <td class="amount">{t.given.format(locale)}</td>
                                    <td class="amount">{t.refunded.format(locale)}</td>
                                    <td class="amount net">{t.net.format(locale)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            <nav class="statement-years" aria-label=d.statement_other_years>
                {other_year.map(|y| view! {
                    <p>
                        {d.statement_in_other_calendar} " "
                        <a href=statement_href(locale, y, other)>{d.calendar_name(other)} " " {year(y)}</a>
                    </p>
                })}
                <ul>{other_years}</ul>
            </nav>
            <p><a href=routes::my_giving(locale)>{g.my_giving_title}</a></p>
        </article>
    }
}
