//! A program's spending and deliveries: what was spent on which need, paid
//! to whom, how many households received goods (by the small-cell rule on
//! public pages), with the receipts that may be shown.

use crate::components::text::Localized;
use crate::i18n::workspace::strings as ws_strings;
use leptos::prelude::*;
use nikoo_types::digits::format_integer;
use nikoo_types::transparency::{NeedFigures, SpendingLine};
use nikoo_types::Locale;

/// The spending table; `needs` name each line's need and unit.
#[component]
pub fn SpendingTable(
    lines: Vec<SpendingLine>,
    needs: Vec<NeedFigures>,
    locale: Locale,
) -> impl IntoView {
    let w = ws_strings(locale);
    if lines.is_empty() {
        return view! { <p class="no-spending">{w.no_spending}</p> }.into_any();
    }
    let need = move |id: i32| needs.iter().find(|n| n.id == id).cloned();
    view! {
        <div class="table-wrap">
            <table class="data spending">
                <thead>
                    <tr>
                        <th scope="col">{w.col_date}</th>
                        <th scope="col">{w.col_need}</th>
                        <th scope="col">{w.col_what}</th>
                        <th scope="col">{w.col_paid_to}</th>
                        <th scope="col">{w.col_description}</th>
                        <th scope="col">{w.col_households}</th>
                        <th scope="col">{w.col_receipt}</th>
                    </tr>
                </thead>
                <tbody>
                    {lines.into_iter().map(|l| {
                        let n = need(l.need_id);
                        let what = match (l.amount, l.quantity) {
                            (Some(a), _) => a.format(locale),
                            (None, Some(q)) => format!(
                                "{} {}",
                                format_integer(q, locale),
                                n.as_ref().and_then(|n| n.unit.as_ref()).map(|u| u.get(locale).to_owned()).unwrap_or_default()
                            ),
                            _ => String::new(),
                        };
                        let kind = if l.amount.is_some() { "disbursement" } else { "delivery" };
                        let receipt = match (&l.receipt, l.receipt_type.as_deref()) {
                            (Some(url), Some("application/pdf")) => view! { <a href=url.clone() download="">{w.receipt_download}</a> }.into_any(),
                            (Some(url), _) => view! { <a href=url.clone()>{w.receipt_view}</a> }.into_any(),
                            (None, _) if l.receipt_private => view! { <span class="muted">{w.receipt_private}</span> }.into_any(),
                            (None, _) => view! { <span class="muted">{w.no_receipt}</span> }.into_any(),
                        };
                        view! {
                            <tr data-kind=kind data-need-id=l.need_id>
                                <td><time datetime=l.date.iso()>{l.date.format(locale)}</time></td>
                                <td>{n.map(|n| view! { <Localized text=n.title locale/> })}</td>
                                <td class="amount">{what}</td>
                                <td>{l.payee_type.as_deref().map(|p| ws_strings(locale).payee_label(p))}</td>
                                <td class="description">{l.description.clone()}</td>
                                <td class="households">{l.households.map(|h| h.format(locale))}</td>
                                <td class="receipt">{receipt}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }.into_any()
}
