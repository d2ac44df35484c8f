//! `/{lang}/my/centers/{id}/gifts`: the gifts a center received, for its
//! staff: record a cash gift or bank transfer; owners and managers refund
//! card gifts (through the payment provider). Both forms work without
//! JavaScript.

use crate::api::giving::{
    get_center_gifts, CorrectGift, Correction, RecordOfflineGift, RefundGift,
};
use crate::components::form::{
    action_error, field_message, query_key, refused_value, FormAlert, LangInput, Notice, Submit,
};
use crate::components::pager::{page_count, Pager};
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
use leptos_router::hooks::use_query_map;
use nikoo_types::digits::format_integer;
use nikoo_types::giving::CenterGiftsPage as Page;
use nikoo_types::giving::GiftsQuery;
use nikoo_types::routes;
use nikoo_types::Locale;

/// The center's gifts page.
#[component]
pub fn CenterGiftsPage() -> impl IntoView {
    let locale = use_locale();
    let (s, g) = (strings(locale), giving_strings(locale));
    let id = center_id_param();
    let key = query_key();
    let query = use_query_map();
    let page = Resource::new(
        move || (id(), key()),
        move |(id, _)| {
            let (q, page) = query.with_untracked(|q| (q.get("q"), q.get("page")));
            async move { get_center_gifts(id?, q, page).await }
        },
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
    let date_error = field_message(record_error, "received_on", locale);
    let refund_amount_error = field_message(refund_error, "amount", locale);
    let (can_refund, can_correct) = (page.can_refund, page.can_correct);
    let reason_error = field_message(correct_error, "reason", locale);
    let programs = page.programs.clone();
    // A refused gift comes back as it was typed.
    let typed = |name: &str| refused_value(name).unwrap_or_default();
    let (designation, method) = (typed("designation"), typed("method"));
    let bank = method == "bank_transfer";
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
                                    {p.currency.is_some().then(|| {
                                        let code = format!("p{}", p.id);
                                        let chosen = code == designation;
                                        view! { <option value=code selected=chosen>{format!("{title} — {}", g.whole_program)}</option> }
                                    })}
                                    {p.needs.iter().map(|n| {
                                        let code = format!("n{}", n.id);
                                        let chosen = code == designation;
                                        view! { <option value=code selected=chosen>{n.title.get(locale).to_owned()}</option> }
                                    }).collect_view()}
                                </optgroup>
                            }
                        }).collect_view()}
                    </select>
                    <p class="field-error" role="alert">{designation_error}</p>
                </div>
                <fieldset class="field">
                    <legend>{g.method}</legend>
                    <label class="choice"><input type="radio" name="method" value="cash" checked=!bank/> " " {g.method_cash}</label>
                    <label class="choice"><input type="radio" name="method" value="bank_transfer" checked=bank/> " " {g.method_bank_transfer}</label>
                </fieldset>
                <div class="field">
                    <label for="f-amount">{g.amount}</label>
                    <input id="f-amount" name="amount" inputmode="decimal" dir="ltr" required autocomplete="off" value=typed("amount")/>
                    {(locale == nikoo_types::Locale::Fa).then(|| view! { <p class="hint">{g.amount_hint_toman}</p> })}
                    <p class="field-error" role="alert">{amount_error}</p>
                </div>
                <div class="field">
                    <label for="f-donor_name">{g.donor_name}</label>
                    <input id="f-donor_name" name="donor_name" autocomplete="off" value=typed("donor_name")/>
                    <p class="field-error" role="alert">{name_error}</p>
                </div>
                <div class="field">
                    <label for="f-received_on">{g.received_on}</label>
                    <input id="f-received_on" name="received_on" dir="ltr" autocomplete="off" aria-describedby="f-received_on-hint" value=typed("received_on")/>
                    <p class="hint" id="f-received_on-hint">{g.received_on_hint}</p>
                    <p class="field-error" role="alert">{date_error}</p>
                </div>
                <label class="choice"><input type="checkbox" name="anonymous" value="on" checked=!typed("anonymous").is_empty()/> " " {g.anonymous_public}</label>
                <FormAlert error=record_error locale fields=&["designation", "amount", "donor_name", "received_on"]/>
                <Submit label=g.record_button pending=record.pending().into()/>
            </ActionForm>
            <ItemsGiftForm programs=programs center_id locale/>
            <DueInstallments due=page.installments_due.clone() center_id locale/>
            <CenterItemPledges pledges=page.item_pledges.clone() center_id locale/>
            <h2 id="gifts-list">{g.gifts_title}</h2>
            <GiftSearch query=page.gifts_query.clone() total=page.gifts_total center_id locale/>
            {page.gifts.is_empty().then(|| view! { <p class="empty">{g.no_gifts}</p> })}
            <FormAlert error=refund_error locale fields=&["amount"]/>
            <p class="field-error" role="alert">{refund_amount_error}</p>
            <FormAlert error=correct_error locale fields=&["reason"]/>
            <p class="field-error" role="alert">{reason_error}</p>
            {(can_correct || page.can_cancel_pledges).then(|| view! { <p class="hint">{g.correction_hint}</p> })}
            <div class="table-wrap">
                <table class="data stack gifts-received">
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
                                    <td data-label=g.col_date><time datetime=gift.date.iso()>{gift.date.format(locale)}</time></td>
                                    <td data-label=g.col_giver>
                                        {giver}
                                        {gift.anonymous.then(|| view! { " " <span class="badge muted">{g.anonymous_badge}</span> })}
                                    </td>
                                    <td class="amount" data-label=g.col_amount>
                                        {gift.amount.format(locale)}
                                        {refunded.map(|r| view! { <br/><span class="refunded">{g.refunded_so_far} " " {r}</span> })}
                                    </td>
                                    <td data-label=g.col_method>{g.method_name(&gift.method)}</td>
                                    <td data-label=g.col_for>
                                        <Localized text=gift.program_title.clone() locale/>
                                        {gift.need_title.clone().map(|t| view! { " · " <Localized text=t locale/> })}
                                    </td>
                                    <td class="receipt-link" data-label=g.receipt_link>
                                        {gift.receipt_number.map(|n| view! {
                                            <a href=routes::receipt(locale, gift.id)>
                                                {g.receipt_link} " " {nikoo_types::digits::format_integer(i64::from(n), locale)}
                                            </a>
                                        })}
                                    </td>
                                    {(can_refund || can_correct).then(|| view! {
                                        <td data-label=g.col_correct>
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
            <GiftPager query=page.gifts_query.clone() total=page.gifts_total center_id locale/>
            <ReceivedItemsList items=page.received_items center_id can_correct action=correct locale/>
            <RunningPledges pledges=page.pledges center_id can_cancel=page.can_cancel_pledges action=correct locale/>
        </section>
    }
}

/// The search over the center's gifts (a plain GET form): a giver's name
/// or a receipt number, and how many gifts match.
#[component]
fn GiftSearch(query: GiftsQuery, total: u64, center_id: i32, locale: Locale) -> impl IntoView {
    let (s, g) = (strings(locale), giving_strings(locale));
    let count = format_integer(i64::try_from(total).unwrap_or(i64::MAX), locale);
    view! {
        <form class="search gift-search" method="get" action=format!("{}#gifts-list", routes::center_gifts(locale, center_id)) role="search">
            <label for="gift-q">{g.gift_search_label}</label>
            <div class="search-row">
                <input id="gift-q" type="search" name="q" value=query.q.clone()/>
                <button type="submit" class="secondary">{s.search_button}</button>
            </div>
        </form>
        <p class="result-count"><strong>{count}</strong> " " {g.gifts_found}</p>
    }
}

/// Previous and next pages of the center's gifts, the search kept.
#[component]
fn GiftPager(query: GiftsQuery, total: u64, center_id: i32, locale: Locale) -> impl IntoView {
    let pages = page_count(total, GiftsQuery::PER_PAGE);
    let page = query.page.max(1);
    let link = move |p: u32| {
        let q = query.query_string(p);
        let base = routes::center_gifts(locale, center_id);
        if q.is_empty() {
            format!("{base}#gifts-list")
        } else {
            format!("{base}?{q}#gifts-list")
        }
    };
    view! { <Pager page pages locale link/> }
}
