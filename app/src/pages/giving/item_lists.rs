//! In-kind pledges in lists: the donor's own (with a cancel button) and
//! the receiving center's open ones (with a form recording the goods that
//! arrived). Both forms work without JavaScript.

use crate::api::giving::item_pledges::ReceivePledgedItems;
use crate::api::giving::ChangePledge;
use crate::components::form::{action_error, FormAlert, LangInput};
use crate::components::text::Localized;
use crate::i18n::giving::gifts::strings as giving_strings;
use crate::i18n::giving::item_pledges::strings as item_strings;
use leptos::prelude::*;
use nikoo_types::digits::format_integer;
use nikoo_types::giving::item_pledges::ItemPledge;
use nikoo_types::routes;
use nikoo_types::Locale;

/// «۳ از ۵ بسته» / `3 of 5 pack` (words, not a slash: a slash between
/// numbers reads backwards in right-to-left text).
fn progress(p: &ItemPledge, locale: Locale) -> String {
    format!(
        "{} {} {} {}",
        format_integer(p.received, locale),
        item_strings(locale).of,
        format_integer(p.quantity, locale),
        p.unit.get(locale)
    )
}

/// The signed-in donor's in-kind pledges.
#[component]
pub fn MyItemPledges(
    pledges: Vec<ItemPledge>,
    locale: Locale,
    change: ServerAction<ChangePledge>,
) -> impl IntoView {
    let (g, i) = (giving_strings(locale), item_strings(locale));
    (!pledges.is_empty()).then(|| view! {
        <h2>{i.my_items}</h2>
        <div class="table-wrap">
            <table class="data stack item-pledges mine">
                <thead>
                    <tr>
                        <th scope="col">{i.col_item}</th>
                        <th scope="col">{i.col_received}</th>
                        <th scope="col">{i.col_due}</th>
                        <th scope="col">{g.col_status}</th>
                    </tr>
                </thead>
                <tbody>
                    {pledges.into_iter().map(|p| {
                        let cancel = p.can_cancel.then(|| view! {
                            <ActionForm action=change attr:class="pledge-change">
                                <LangInput locale/>
                                <input type="hidden" name="pledge_id" value=p.id/>
                                <input type="hidden" name="change" value="cancel"/>
                                <button type="submit" class="button secondary" data-change="cancel">{g.cancel_button}</button>
                            </ActionForm>
                        });
                        view! {
                            <tr data-pledge-id=p.id data-status=p.status.clone()>
                                <td data-label=i.col_item>
                                    <span>
                                        <Localized text=p.need_title.clone() locale/>
                                        <br/><small><a href=routes::program(locale, &p.program_slug)>
                                            <Localized text=p.program_title.clone() locale/>
                                        </a></small>
                                        {p.by.clone().filter(|_| p.by_center).map(|c| view! { <br/><small><Localized text=c locale/></small> })}
                                    </span>
                                </td>
                                <td class="quantity" data-label=i.col_received>{progress(&p, locale)}</td>
                                <td data-label=i.col_due><time datetime=p.due.iso()>{p.due.format(locale)}</time></td>
                                <td data-label=g.col_status>
                                    <span>
                                        <span class="badge pledge-status">{g.pledge_status(&p.status)}</span>
                                        {p.late.then(|| view! { " " <span class="badge late">{i.late}</span> })}
                                        {cancel}
                                    </span>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    })
}

/// A center's open in-kind pledges, for its staff.
#[component]
pub fn CenterItemPledges(
    pledges: Vec<ItemPledge>,
    center_id: i32,
    locale: Locale,
) -> impl IntoView {
    let i = item_strings(locale);
    let receive = ServerAction::<ReceivePledgedItems>::new();
    let error = action_error(receive);
    view! {
        <h2>{i.center_items}</h2>
        {pledges.is_empty().then(|| view! { <p>{i.no_center_items}</p> })}
        <FormAlert error locale fields=&[]/>
        {(!pledges.is_empty()).then(|| view! {
            <div class="table-wrap">
                <table class="data stack item-pledges center">
                    <thead>
                        <tr>
                            <th scope="col">{i.col_by}</th>
                            <th scope="col">{i.col_item}</th>
                            <th scope="col">{i.col_received}</th>
                            <th scope="col">{i.col_due}</th>
                            <th scope="col">{i.receive_button}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {pledges.into_iter().map(|p| {
                            let left = p.quantity - p.received;
                            let field = format!("receive-{}", p.id);
                            view! {
                                <tr data-pledge-id=p.id>
                                    <td data-label=i.col_by>{match p.by.clone() {
                                        Some(by) => view! { <Localized text=by locale/> }.into_any(),
                                        None => view! { <span class="muted">{i.anonymous}</span> }.into_any(),
                                    }}</td>
                                    <td data-label=i.col_item>
                                        <span>
                                            <Localized text=p.need_title.clone() locale/>
                                            <br/><small><Localized text=p.program_title.clone() locale/></small>
                                        </span>
                                    </td>
                                    <td class="quantity" data-label=i.col_received>{progress(&p, locale)}</td>
                                    <td data-label=i.col_due>
                                        <span>
                                            <time datetime=p.due.iso()>{p.due.format(locale)}</time>
                                            {p.late.then(|| view! { " " <span class="badge late">{i.late}</span> })}
                                        </span>
                                    </td>
                                    <td data-label=i.receive_button>
                                        <ActionForm action=receive attr:class="inline-form receive-items">
                                            <LangInput locale/>
                                            <input type="hidden" name="center_id" value=center_id/>
                                            <input type="hidden" name="pledge_id" value=p.id/>
                                            <label class="visually-hidden" for=field.clone()>{i.quantity}</label>
                                            <input id=field name="quantity" inputmode="numeric" dir="ltr" size="5"
                                                value=left.to_string() required autocomplete="off"/>
                                            " " <button type="submit" class="button secondary">{i.receive_button}</button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}
