//! A center's installments due of pledges paid to it (bank transfer or
//! cash), for its staff: each with who pledged, for what, when, how much,
//! and a form recording the gift when it arrives (works without JavaScript).

use crate::api::giving::offline_pledges::RecordInstallment;
use crate::components::form::{action_error, FormAlert, LangInput};
use crate::components::text::Localized;
use crate::i18n::giving::gifts::strings as giving_strings;
use crate::i18n::giving::item_pledges::strings as item_strings;
use crate::i18n::giving::pledges::strings as pledge_strings;
use leptos::prelude::*;
use nikoo_types::digits::format_integer;
use nikoo_types::giving::DueInstallment;
use nikoo_types::Locale;

/// The list, with its record forms.
#[component]
pub fn DueInstallments(due: Vec<DueInstallment>, center_id: i32, locale: Locale) -> impl IntoView {
    let (g, i, l) = (
        giving_strings(locale),
        item_strings(locale),
        pledge_strings(locale),
    );
    let record = ServerAction::<RecordInstallment>::new();
    let error = action_error(record);
    view! {
        <h2>{l.due_title}</h2>
        {due.is_empty().then(|| view! { <p>{l.no_due}</p> })}
        <FormAlert error locale fields=&[]/>
        {(!due.is_empty()).then(|| view! {
            <div class="table-wrap">
                <table class="data stack installments-due">
                    <thead>
                        <tr>
                            <th scope="col">{l.col_by}</th>
                            <th scope="col">{l.col_for}</th>
                            <th scope="col">{l.col_number}</th>
                            <th scope="col">{l.col_due}</th>
                            <th scope="col">{l.col_amount}</th>
                            <th scope="col">{l.col_record}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {due.into_iter().map(|d| view! {
                            <tr data-installment-id=d.installment_id>
                                <td data-label=l.col_by>{match d.by.clone() {
                                    Some(by) => view! { <Localized text=by locale/> }.into_any(),
                                    None => view! { <span class="muted">{i.anonymous}</span> }.into_any(),
                                }}</td>
                                <td data-label=l.col_for>
                                    <span>
                                        {match d.need_title.clone() {
                                            Some(n) => view! { <Localized text=n locale/> }.into_any(),
                                            None => g.whole_program.into_any(),
                                        }}
                                        <br/><small><Localized text=d.program_title.clone() locale/></small>
                                    </span>
                                </td>
                                <td data-label=l.col_number>{format_integer(i64::from(d.number), locale)}</td>
                                <td data-label=l.col_due>
                                    <span>
                                        <time datetime=d.due.iso()>{d.due.format(locale)}</time>
                                        {d.late.then(|| view! { " " <span class="badge late">{i.late}</span> })}
                                    </span>
                                </td>
                                <td class="amount" data-label=l.col_amount>{d.amount.format(locale)}</td>
                                <td data-label=l.col_record>
                                    <ActionForm action=record attr:class="inline-form receive-items">
                                        <LangInput locale/>
                                        <input type="hidden" name="center_id" value=center_id/>
                                        <input type="hidden" name="installment_id" value=d.installment_id/>
                                        <label class="visually-hidden" for=format!("method-{}", d.installment_id)>{g.method}</label>
                                        <select id=format!("method-{}", d.installment_id) name="method">
                                            <option value="bank_transfer">{g.method_bank_transfer}</option>
                                            <option value="cash">{g.method_cash}</option>
                                        </select>
                                        " " <button type="submit" class="button secondary">{l.record_button}</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}
