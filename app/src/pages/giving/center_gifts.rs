//! `/{lang}/my/centers/{id}/gifts`: the gifts a center received, for its
//! staff: record a cash gift or bank transfer; owners and managers refund
//! card gifts (through the payment provider). Both forms work without
//! JavaScript.

use crate::api::giving::{
    get_center_gifts, CorrectGift, Correction, RecordOfflineGift, RefundGift,
};
use crate::components::form::{
    action_error, field_message, query_key, FormAlert, LangInput, Notice, Submit,
};
use crate::components::text::Localized;
use crate::i18n::giving::gifts::strings as giving_strings;
use crate::i18n::{strings, use_locale};
use crate::pages::giving::corrections::{
    CorrectForm, ReceivedItemsList, ReversedNote, RunningPledges,
};
use crate::pages::giving::due_installments::DueInstallments;
use crate::pages::giving::item_lists::CenterItemPledges;
use crate::pages::giving::items_gift::ItemsGiftForm;
use crate::pages::staff::center_id_param;
use crate::pages::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use nikoo_types::giving::CenterGiftsPage as Page;
use nikoo_types::routes;

/// The center's gifts page.
#[component]
pub fn CenterGiftsPage() -> impl IntoView {
    let locale = use_locale();
    let (s, g) = (strings(locale), giving_strings(locale));
    let id = center_id_param();
    let key = query_key();
    let page = Resource::new(
        move || (id(), key()),
        |(id, _)| async move { get_center_gifts(id?).await },
    );
    let record = ServerAction::<RecordOfflineGift>::new();
    let refund = ServerAction::<RefundGift>::new();
    let correct = ServerAction::<CorrectGift>::new();
    let (record_error, refund_error) = (action_error(record), action_error(refund));
    let correct_error = action_error(correct);
    view! {
        <Title text=g.gifts_title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(e) => view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(p) => view! {
                        <GiftsView page=p record refund correct record_error refund_error correct_error/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GiftsView(
    page: Page,
    record: ServerAction<RecordOfflineGift>,
    refund: ServerAction<RefundGift>,
    correct: ServerAction<CorrectGift>,
    record_error: Signal<Option<crate::error::AppError>>,
    refund_error: Signal<Option<crate::error::AppError>>,
    correct_error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let locale = use_locale();
    let g = giving_strings(locale);
    let center_id = page.center_id;
    let amount_error = field_message(record_error, "amount", locale);
    let designation_error = field_message(record_error, "designation", locale);
    let name_error = field_message(record_error, "donor_name", locale);
    let refund_amount_error = field_message(refund_error, "amount", locale);
    let (can_refund, can_correct) = (page.can_refund, page.can_correct);
    let reason_error = field_message(correct_error, "reason", locale);
    let programs = page.programs.clone();
    view! {
        <section class="center-gifts">
            <p class="breadcrumb">
                <a href=routes::center_staff(locale, center_id)>
                    <Localized text=page.center_name.clone() locale/>
                </a>
            </p>
            <h1>{g.gifts_title}</h1>
            <Notice locale/>
            <h2>{g.record_title}</h2>
            <ActionForm action=record attr:class="record-gift">
                <LangInput locale/>
                <input type="hidden" name="center_id" value=center_id/>
                <div class="field">
                    <label for="f-designation">{g.designation}</label>
                    <select id="f-designation" name="designation" required>
                        {page.programs.iter().map(|p| {
                            let title = p.title.get(locale).to_owned();
                            view! {
                                <optgroup label=title.clone()>
                                    {p.currency.is_some().then(|| view! {
                                        <option value=format!("p{}", p.id)>{format!("{title} — {}", g.whole_program)}</option>
                                    })}
                                    {p.needs.iter().map(|n| view! {
                                        <option value=format!("n{}", n.id)>{n.title.get(locale).to_owned()}</option>
                                    }).collect_view()}
                                </optgroup>
                            }
                        }).collect_view()}
                    </select>
                    <p class="field-error" role="alert">{designation_error}</p>
                </div>
                <fieldset class="field">
                    <legend>{g.method}</legend>
                    <label class="choice"><input type="radio" name="method" value="cash" checked/> " " {g.method_cash}</label>
                    <label class="choice"><input type="radio" name="method" value="bank_transfer"/> " " {g.method_bank_transfer}</label>
                </fieldset>
                <div class="field">
                    <label for="f-amount">{g.amount}</label>
                    <input id="f-amount" name="amount" inputmode="decimal" dir="ltr" required autocomplete="off"/>
                    {(locale == nikoo_types::Locale::Fa).then(|| view! { <p class="hint">{g.amount_hint_toman}</p> })}
                    <p class="field-error" role="alert">{amount_error}</p>
                </div>
                <div class="field">
                    <label for="f-donor_name">{g.donor_name}</label>
                    <input id="f-donor_name" name="donor_name" autocomplete="off"/>
                    <p class="field-error" role="alert">{name_error}</p>
                </div>
                <label class="choice"><input type="checkbox" name="anonymous" value="on"/> " " {g.anonymous_public}</label>
                <FormAlert error=record_error locale fields=&["designation", "amount", "donor_name"]/>
                <Submit label=g.record_button pending=record.pending().into()/>
            </ActionForm>
            <ItemsGiftForm programs=programs center_id locale/>
            <DueInstallments due=page.installments_due.clone() center_id locale/>
            <CenterItemPledges pledges=page.item_pledges.clone() center_id locale/>
            <h2>{g.gifts_title}</h2>
            {page.gifts.is_empty().then(|| view! { <p>{g.no_gifts}</p> })}
            <FormAlert error=refund_error locale fields=&["amount"]/>
            <p class="field-error" role="alert">{refund_amount_error}</p>
            <FormAlert error=correct_error locale fields=&["reason"]/>
            <p class="field-error" role="alert">{reason_error}</p>
            {(can_correct || page.can_cancel_pledges).then(|| view! { <p class="hint">{g.correction_hint}</p> })}
            <div class="table-wrap">
                <table class="data gifts-received">
                    <thead>
                        <tr>
                            <th scope="col">{g.col_date}</th>
                            <th scope="col">{g.col_giver}</th>
                            <th scope="col">{g.col_amount}</th>
                            <th scope="col">{g.col_method}</th>
                            <th scope="col">{g.col_for}</th>
                            <th scope="col">{g.receipt_link}</th>
                            {(can_refund || can_correct).then(|| view! { <th scope="col">{g.col_correct}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {page.gifts.into_iter().map(|gift| {
                            let giver = match (&gift.giver, gift.method.as_str()) {
                                (Some(n), _) => n.clone(),
                                (None, _) => g.no_name.to_owned(),
                            };
                            let refunded = (gift.refunded.minor() > 0).then(|| gift.refunded.format(locale));
                            let reversal = gift.reversal_reason.clone();
                            view! {
                                <tr data-gift-id=gift.id class:reversed=reversal.is_some()>
                                    <td><time datetime=gift.date.iso()>{gift.date.format(locale)}</time></td>
                                    <td>
                                        {giver}
                                        {gift.anonymous.then(|| view! { " " <span class="badge muted">{g.anonymous_badge}</span> })}
                                    </td>
                                    <td class="amount">
                                        {gift.amount.format(locale)}
                                        {refunded.map(|r| view! { <br/><span class="refunded">{g.refunded_so_far} " " {r}</span> })}
                                    </td>
                                    <td>{g.method_name(&gift.method)}</td>
                                    <td>
                                        <Localized text=gift.program_title.clone() locale/>
                                        {gift.need_title.clone().map(|t| view! { " · " <Localized text=t locale/> })}
                                    </td>
                                    <td class="receipt-link">
                                        {gift.receipt_number.map(|n| view! {
                                            <a href=routes::receipt(locale, gift.id)>
                                                {g.receipt_link} " " {nikoo_types::digits::format_integer(i64::from(n), locale)}
                                            </a>
                                        })}
                                    </td>
                                    {(can_refund || can_correct).then(|| view! {
                                        <td>
                                            {reversal.clone().map(|reason| view! { <ReversedNote reason locale/> })}
                                            {(can_refund && gift.refundable).then(|| view! {
                                                <ActionForm action=refund attr:class="refund-gift">
                                                    <LangInput locale/>
                                                    <input type="hidden" name="center_id" value=center_id/>
                                                    <input type="hidden" name="donation_id" value=gift.id/>
                                                    <label class="visually-hidden" for=format!("refund-{}", gift.id)>{g.refund_amount}</label>
                                                    <input id=format!("refund-{}", gift.id) name="amount" inputmode="decimal" dir="ltr" size="8" required/>
                                                    <button type="submit" class="button secondary">{g.refund_button}</button>
                                                </ActionForm>
                                            })}
                                            {(can_correct && gift.reversible).then(|| view! {
                                                <CorrectForm action=correct center_id what=Correction::Gift id=gift.id button=g.reverse_button locale/>
                                            })}
                                        </td>
                                    })}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <ReceivedItemsList items=page.received_items center_id can_correct action=correct locale/>
            <RunningPledges pledges=page.pledges center_id can_cancel=page.can_cancel_pledges action=correct locale/>
        </section>
    }
}
