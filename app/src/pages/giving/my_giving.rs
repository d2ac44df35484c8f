//! `/{lang}/my/giving`: the signed-in donor's pledges, each with its
//! installment schedule (paid, due, retrying, overdue, waived, upcoming)
//! and receipts, and their card payments.

use crate::api::giving::{get_my_giving, ChangePledge, ChangePledgeAmount};
use crate::components::confirm::Confirm;
use crate::components::form::{action_error, query_key, FormAlert, LangInput, Notice};
use crate::components::text::Localized;
use crate::i18n::giving::gifts::strings as giving_strings;
use crate::i18n::giving::receipts::strings as donor_strings;
use crate::i18n::{strings, use_locale};
use crate::pages::giving::item_lists::MyItemPledges;
use crate::pages::giving::new_card::NewCard;
use crate::pages::giving::receipts::statement_href;
use crate::pages::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use nikoo_types::giving::{MyPayment, MyPledge, ReceiptState};
use nikoo_types::money::unit_label;
use nikoo_types::routes;
use nikoo_types::{Calendar, Locale};

/// The donor's page.
#[component]
pub fn MyGivingPage() -> impl IntoView {
    let locale = use_locale();
    let (s, g) = (strings(locale), giving_strings(locale));
    let key = query_key();
    let giving = Resource::new(key, |_| get_my_giving());
    let change = ServerAction::<ChangePledge>::new();
    let change_error = action_error(change);
    let amount = ServerAction::<ChangePledgeAmount>::new();
    let amount_error = action_error(amount);
    view! {
        <Title text=g.my_giving_title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                match giving.await {
                    Err(e) => view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(mine) => view! {
                        <section class="my-giving">
                            <h1>{g.my_giving_title}</h1>
                            <Notice locale/>
                            <FormAlert error=change_error locale fields=&[]/>
                            <FormAlert error=amount_error locale fields=&[]/>
                            <h2>{g.my_pledges}</h2>
                            {(mine.pledges.is_empty() && mine.item_pledges.is_empty()).then(|| view! { <p>{g.no_pledges}</p> })}
                            {
                                let card_pledges = mine.pledges.iter().any(|p| {
                                    p.card_last4.is_some() && p.running
                                });
                                let pledges = mine.pledges.into_iter().map(|p| view! { <PledgeCard pledge=p locale change amount/> }).collect_view();
                                view! {
                                    {pledges}
                                    {mine.card.filter(|_| card_pledges).map(|keys| view! { <NewCard keys locale/> })}
                                }
                            }
                            <MyItemPledges pledges=mine.item_pledges locale change/>
                            <h2>{g.my_payments}</h2>
                            <p class="statement-link">
                                <a href=statement_href(locale, mine.today.year_in(Calendar::of(locale)), Calendar::of(locale))>
                                    {donor_strings(locale).statement_link}
                                </a>
                            </p>
                            {mine.payments.is_empty().then(|| view! { <p>{g.no_payments}</p> })}
                            <PaymentsTable payments=mine.payments locale/>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PledgeCard(
    pledge: MyPledge,
    locale: Locale,
    change: ServerAction<ChangePledge>,
    amount: ServerAction<ChangePledgeAmount>,
) -> impl IntoView {
    let g = giving_strings(locale);
    let running = pledge.running;
    let new_amount = running.then(|| view! { <ChangeAmount pledge_id=pledge.id currency=pledge.amount.currency() locale amount/> });
    let id = pledge.id;
    let button = move |code: &'static str, label: &'static str| {
        view! {
            <ActionForm action=change attr:class="pledge-change">
                <LangInput locale/>
                <input type="hidden" name="pledge_id" value=id/>
                <input type="hidden" name="change" value=code/>
                <button type="submit" class="button secondary" data-change=code>{label}</button>
            </ActionForm>
        }
    };
    // Cancelling is for good: behind a second step, with its own danger button.
    let cancel = move || {
        view! {
            <Confirm label=g.cancel_button warning=g.cancel_warning>
                <ActionForm action=change attr:class="pledge-change">
                    <LangInput locale/>
                    <input type="hidden" name="pledge_id" value=id/>
                    <input type="hidden" name="change" value="cancel"/>
                    <button type="submit" class="button danger" data-change="cancel">{g.cancel_confirm}</button>
                </ActionForm>
            </Confirm>
        }
    };
    let actions = if pledge.can_pause {
        Some(view! { {button("pause", g.pause_button)} {cancel()} }.into_any())
    } else if pledge.can_resume && pledge.status == "cancelled" {
        Some(button("resume", g.undo_cancel_button).into_any())
    } else if pledge.can_resume {
        Some(view! { {button("resume", g.resume_button)} {cancel()} }.into_any())
    } else {
        None
    };
    let count = pledge.installment_count.map_or_else(
        || g.open_ended.to_owned(),
        |n| nikoo_types::digits::format_integer(i64::from(n), locale),
    );
    view! {
        <article class="pledge card" data-pledge-id=pledge.id data-status=pledge.status.clone()>
            <h3>
                <a href=routes::program(locale, &pledge.program_slug)>
                    <Localized text=pledge.program_title.clone() locale/>
                </a>
                {pledge.need_title.clone().map(|t| view! { " · " <Localized text=t locale/> })}
            </h3>
            <p>
                {g.each} ": " <strong>{pledge.amount.format(locale)}</strong>
                " · " {g.frequency_name(&pledge.frequency)} " · " {g.installments} ": " {count}
                {match pledge.card_last4.clone() {
                    Some(d) => view! { " · " {g.card_ending} " " <span dir="ltr">{d}</span> }.into_any(),
                    None => view! { " · " {crate::i18n::giving::pledges::strings(locale).paid_to_center} }.into_any(),
                }}
                " · " <span class="badge pledge-status">{g.pledge_status(&pledge.status)}</span>
            </p>
            <div class="pledge-actions">{actions}</div>
            {new_amount}
            <div class="table-wrap">
                <table class="data stack schedule">
                    <thead>
                        <tr>
                            <th scope="col">{g.col_installment}</th>
                            <th scope="col">{g.col_due}</th>
                            <th scope="col">{g.col_status}</th>
                            <th scope="col">{g.receipt_link}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {pledge.schedule.into_iter().map(|i| view! {
                            <tr data-status=i.status.clone()>
                                <td data-label=g.col_installment>{nikoo_types::digits::format_integer(i64::from(i.number), locale)}</td>
                                <td data-label=g.col_due><time datetime=i.due.iso()>{i.due.format(locale)}</time></td>
                                <td data-label=g.col_status>{g.installment_status(&i.status)}</td>
                                <td data-label=g.receipt_link>{receipt_path(locale, &i).map(|path| view! {
                                    <a href=path>{g.receipt_link}</a>
                                })}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </article>
    }
}

/// The form that changes a pledge's amount from the next installment on.
#[component]
fn ChangeAmount(
    pledge_id: i32,
    currency: nikoo_types::Currency,
    locale: Locale,
    amount: ServerAction<ChangePledgeAmount>,
) -> impl IntoView {
    let d = donor_strings(locale);
    let id = format!("amount-{pledge_id}");
    view! {
        // Open again when the page comes back with this form's error.
        <details class="change-amount" open=move || amount.value().with(|r| matches!(r, Some(Err(_))))>
            <summary>{d.change_amount}</summary>
            <ActionForm action=amount attr:class="inline-form">
                <LangInput locale/>
                <input type="hidden" name="pledge_id" value=pledge_id/>
                <div class="field">
                    <label for=id.clone()>{d.new_amount} " (" {unit_label(currency, locale)} ")"</label>
                    <input id=id name="amount" inputmode="decimal" autocomplete="off" required/>
                    <p class="hint">{d.change_amount_note}</p>
                </div>
                <button type="submit" class="button secondary">{d.change_amount_button}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn PaymentsTable(payments: Vec<MyPayment>, locale: Locale) -> impl IntoView {
    let g = giving_strings(locale);
    (!payments.is_empty()).then(|| view! {
        <div class="table-wrap">
            <table class="data stack my-payments">
                <thead>
                    <tr>
                        <th scope="col">{g.col_date}</th>
                        <th scope="col">{g.col_amount}</th>
                        <th scope="col">{g.col_for}</th>
                        <th scope="col">{g.col_status}</th>
                        <th scope="col">{g.receipt_link}</th>
                    </tr>
                </thead>
                <tbody>
                    {payments.into_iter().map(|p| {
                        let state = match p.state {
                            ReceiptState::Received => g.installment_status("paid"),
                            ReceiptState::Pending => g.installment_status("due"),
                            ReceiptState::Failed => g.receipt_failed,
                            ReceiptState::Reversed => g.receipt_reversed,
                        };
                        let refunded = (p.refunded.minor() > 0).then(|| p.refunded.format(locale));
                        view! {
                            <tr>
                                <td data-label=g.col_date><time datetime=p.date.iso()>{p.date.format(locale)}</time></td>
                                <td class="amount" data-label=g.col_amount>
                                    {p.amount.format(locale)}
                                    {refunded.map(|r| view! { <br/><span class="refunded">{g.refunded_so_far} " " {r}</span> })}
                                </td>
                                <td data-label=g.col_for><Localized text=p.program_title.clone() locale/></td>
                                <td data-label=g.col_status>{state}</td>
                                <td data-label=g.receipt_link><a href=routes::gift_receipt(locale, &p.receipt)>{g.receipt_link}</a></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    })
}

/// An installment's receipt: the card payment's (by its key) or the
/// donation's that paid it (an installment paid to the center).
fn receipt_path(locale: Locale, i: &nikoo_types::giving::MyInstallment) -> Option<String> {
    match (&i.receipt, i.donation_id) {
        (Some(key), _) => Some(routes::gift_receipt(locale, key)),
        (None, Some(id)) => Some(routes::receipt(locale, id)),
        (None, None) => None,
    }
}
