//! Corrections on a center's gifts page: the form that reverses a gift or
//! goods recorded by mistake, or cancels a pledge, each with a reason; the
//! goods received and the running pledges, listed with it. The forms work
//! without JavaScript.

use crate::api::giving::{CorrectGift, Correction};
use crate::components::form::LangInput;
use crate::components::text::Localized;
use crate::i18n::giving::gifts::strings as giving_strings;
use leptos::prelude::*;
use nikoo_types::digits::format_integer;
use nikoo_types::giving::{CenterPledge, ReceivedItems};
use nikoo_types::Locale;

/// The reason field and button correcting record `id` (`what`).
#[component]
pub fn CorrectForm(
    action: ServerAction<CorrectGift>,
    center_id: i32,
    what: Correction,
    id: i32,
    button: &'static str,
    locale: Locale,
) -> impl IntoView {
    let g = giving_strings(locale);
    let what_code = match what {
        Correction::Gift => "gift",
        Correction::Items => "items",
        Correction::Pledge => "pledge",
    };
    let field = format!("reason-{what_code}-{id}");
    view! {
        <ActionForm action attr:class="correct">
            <LangInput locale/>
            <input type="hidden" name="center_id" value=center_id/>
            <input type="hidden" name="what" value=what_code/>
            <input type="hidden" name="id" value=id/>
            <label class="visually-hidden" for=field.clone()>{g.reversal_reason}</label>
            <input id=field name="reason" required maxlength="500" size="14" placeholder=g.reversal_reason/>
            <button type="submit" class="button secondary">{button}</button>
        </ActionForm>
    }
}

/// "Reversed" with the reason staff gave.
#[component]
pub fn ReversedNote(reason: String, locale: Locale) -> impl IntoView {
    let g = giving_strings(locale);
    view! {
        <span class="badge muted">{g.reversed_badge}</span>
        " "
        <span class="reversal-reason">{reason}</span>
    }
}

/// The goods the center received, newest first, each reversible by owners
/// and managers until reversed.
#[component]
pub fn ReceivedItemsList(
    items: Vec<ReceivedItems>,
    center_id: i32,
    can_correct: bool,
    action: ServerAction<CorrectGift>,
    locale: Locale,
) -> impl IntoView {
    let g = giving_strings(locale);
    view! {
        <h2>{g.items_received_title}</h2>
        {items.is_empty().then(|| view! { <p>{g.no_items_received}</p> })}
        {(!items.is_empty()).then(|| view! {
            <div class="table-wrap">
                <table class="data stack items-received">
                    <thead>
                        <tr>
                            <th scope="col">{g.col_date}</th>
                            <th scope="col">{g.col_giver}</th>
                            <th scope="col">{g.col_quantity}</th>
                            <th scope="col">{g.col_for}</th>
                            {can_correct.then(|| view! { <th scope="col">{g.col_correct}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {items.into_iter().map(|m| view! {
                            <tr data-movement-id=m.movement_id>
                                <td data-label=g.col_date><time datetime=m.date.iso()>{m.date.format(locale)}</time></td>
                                <td data-label=g.col_giver>{m.giver.clone().unwrap_or_else(|| g.no_name.to_owned())}</td>
                                <td class="amount" data-label=g.col_quantity>{format_integer(m.quantity, locale)} " " {m.unit.get(locale).to_owned()}</td>
                                <td data-label=g.col_for>
                                    <Localized text=m.program_title.clone() locale/>
                                    " · "
                                    <Localized text=m.need_title.clone() locale/>
                                </td>
                                {can_correct.then(|| view! {
                                    <td data-label=g.col_correct>
                                        {match m.reversal_reason.clone() {
                                            Some(reason) => view! { <ReversedNote reason locale/> }.into_any(),
                                            None => view! {
                                                <CorrectForm action center_id what=Correction::Items id=m.movement_id button=g.reverse_button locale/>
                                            }.into_any(),
                                        }}
                                    </td>
                                })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}

/// The running pledges to the center's programs, newest first; its owners
/// and platform admins may cancel one, with a reason the donor is emailed.
#[component]
pub fn RunningPledges(
    pledges: Vec<CenterPledge>,
    center_id: i32,
    can_cancel: bool,
    action: ServerAction<CorrectGift>,
    locale: Locale,
) -> impl IntoView {
    let g = giving_strings(locale);
    view! {
        <h2>{g.running_pledges_title}</h2>
        {pledges.is_empty().then(|| view! { <p>{g.no_running_pledges}</p> })}
        {(!pledges.is_empty()).then(|| view! {
            <div class="table-wrap">
                <table class="data stack running-pledges">
                    <thead>
                        <tr>
                            <th scope="col">{g.col_made}</th>
                            <th scope="col">{g.col_giver}</th>
                            <th scope="col">{g.col_pledge}</th>
                            <th scope="col">{g.col_for}</th>
                            {can_cancel.then(|| view! { <th scope="col">{g.col_correct}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {pledges.into_iter().map(|p| {
                            let promise = match (&p.amount, &p.quantity) {
                                (Some(a), _) => format!("{} · {}", a.format(locale), g.frequency_or_once(&p.frequency)),
                                (None, Some((q, unit))) => format!("{} {}", format_integer(*q, locale), unit.get(locale)),
                                (None, None) => String::new(),
                            };
                            view! {
                                <tr data-pledge-id=p.id>
                                    <td data-label=g.col_made><time datetime=p.made.iso()>{p.made.format(locale)}</time></td>
                                    <td data-label=g.col_giver>{p.by.clone().map_or_else(|| g.no_name.to_owned(), |b| b.get(locale).to_owned())}</td>
                                    <td class="amount" data-label=g.col_pledge>{promise} " " <span class="badge muted">{g.pledge_status(&p.status)}</span></td>
                                    <td data-label=g.col_for>
                                        <Localized text=p.program_title.clone() locale/>
                                        {p.need_title.clone().map(|t| view! { " · " <Localized text=t locale/> })}
                                    </td>
                                    {can_cancel.then(|| view! {
                                        <td data-label=g.col_correct><CorrectForm action center_id what=Correction::Pledge id=p.id button=g.cancel_pledge_button locale/></td>
                                    })}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}
