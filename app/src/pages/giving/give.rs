//! `/{lang}/give/{slug}?need=`: a one-time card gift to a program or one of
//! its money needs, and `/{lang}/pledge/{slug}`: a recurring card pledge.
//!
//! The card form is the provider's own (Stripe.js), so the page needs
//! JavaScript to pay and says so without it. Steps: the server records the
//! gift and starts a card setup; the provider's script saves the card; the
//! server charges it (and, if the bank asks, the donor authenticates); the
//! browser goes to the receipt.

use crate::api::giving::{
    charge_card_gift, confirm_card_pledge, get_gift_options, refresh_card_gift, start_card_gift,
    start_card_pledge,
};
use crate::components::card;
use crate::components::form::{field_message, query_value, FormError};
use crate::components::text::Localized;
use crate::error::AppError;
use crate::i18n::giving::gifts::strings as giving_strings;
use crate::i18n::{strings, use_locale};
use crate::pages::giving::offline_pledge::OfflinePledge;
use crate::pages::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use nikoo_types::giving::{Anonymity, CardGiftForm, CardPledgeForm, GiftOptions, GiftState};
use nikoo_types::outcome::FieldError;
use nikoo_types::routes;
use nikoo_types::{Currency, Locale};

/// The gift page.
#[component]
pub fn GivePage() -> impl IntoView {
    view! { <CardFormPage pledge=false/> }
}

/// The recurring pledge page (signed-in donors).
#[component]
pub fn PledgePage() -> impl IntoView {
    view! { <CardFormPage pledge=true/> }
}

/// A program's card form: a one-time gift, or a recurring pledge.
#[component]
fn CardFormPage(pledge: bool) -> impl IntoView {
    let locale = use_locale();
    let s = strings(locale);
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let need = query_value("need");
    let options = Resource::new(slug, get_gift_options);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                match options.await {
                    Err(e) => view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(o) if pledge && !o.signed_in => {
                        view! { <ErrorView error=AppError::Unauthenticated locale/> }.into_any()
                    }
                    Ok(o) if pledge => view! {
                        {form_title(&o, locale, pledge)}
                        <GiftForm options=o.clone() locale need=need().parse().ok() pledge/>
                        <OfflinePledge options=o locale need=need().parse().ok()/>
                    }.into_any(),
                    Ok(o) => view! {
                        {form_title(&o, locale, pledge)}
                        <GiftForm options=o locale need=need().parse().ok() pledge/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The form's heading: a gift or a pledge.
fn heading(locale: Locale, pledge: bool) -> &'static str {
    let g = giving_strings(locale);
    if pledge {
        g.pledge_title
    } else {
        g.give_title
    }
}

/// The page's title (set on the server: an island has no `<head>`).
fn form_title(options: &GiftOptions, locale: Locale, pledge: bool) -> impl IntoView {
    let title = options.program_title.get(locale);
    view! { <Title text=format!("{} · {title}", heading(locale, pledge))/> }
}

/// What the form sends.
#[derive(Debug, Clone)]
enum CardForm {
    Gift(CardGiftForm),
    Pledge(CardPledgeForm),
}

/// A form error with `field` and `code`.
fn field_error(field: &str, code: nikoo_types::outcome::Rule) -> AppError {
    AppError::Invalid(FieldError::new(field, code))
}

/// The gift (or pledge) form of one program: an island (the card steps
/// run in the browser), so everything it shows comes in its props.
#[island]
fn GiftForm(
    options: GiftOptions,
    locale: Locale,
    need: Option<i32>,
    pledge: bool,
) -> impl IntoView {
    let g = giving_strings(locale);
    let need = RwSignal::new(need.filter(|id| options.needs.iter().any(|n| n.id == *id)));
    let amount = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let anonymity = RwSignal::new(Anonymity::Public);
    let keep_card = RwSignal::new(false);
    let updates = RwSignal::new(false);
    let frequency = RwSignal::new("monthly".to_owned());
    let installments = RwSignal::new(String::new());
    // The card steps run as a local action, so their error and pending state
    // are the action's signals, as with the site's other forms.
    let paying = Action::new_local(|form: &CardForm| {
        let form = form.clone();
        async move {
            match form {
                CardForm::Gift(f) => {
                    let lang = f.lang;
                    give_by_card(f)
                        .await
                        .map(|key| routes::gift_receipt(lang, &key))
                }
                CardForm::Pledge(f) => {
                    let lang = f.lang;
                    pledge_by_card(f)
                        .await
                        .map(|_| routes::with_query(&routes::my_giving(lang), "notice", "pledged"))
                }
            }
        }
    });
    let pending = paying.pending();
    let error = Signal::derive(move || paying.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(path)) = paying.value().get() {
            // A full page load: the next page owes nothing to the card form's page.
            card::load_page(&path);
        }
    });
    let card_ready = RwSignal::new(false);
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    let form_error: FormError = error;
    let opts = StoredValue::new(options.clone());
    // The chosen designation's currency and whether cards can pay it.
    let chosen = move || {
        opts.with_value(|o| match need.get() {
            Some(id) => o
                .needs
                .iter()
                .find(|n| n.id == id)
                .map(|n| (Some(n.currency.clone()), n.card_ok))
                .unwrap_or((None, false)),
            None => (o.program_currency.clone(), o.program_card_ok),
        })
    };
    let currency_label = move || {
        chosen()
            .0
            .and_then(|c| Currency::from_code(&c))
            .map(|c| nikoo_types::money::unit_label(c, locale))
            .unwrap_or_default()
    };
    let toman_hint = move || {
        (locale == Locale::Fa && chosen().0.as_deref() == Some("IRR"))
            .then_some(g.amount_hint_toman)
    };
    let card_ok = move || chosen().1;
    if let Some(keys) = options.card.clone() {
        Effect::new(move |_| {
            card::mount(
                &keys.script_url,
                &keys.publishable_key,
                "#card-element",
                move || {
                    card_ready.set(true);
                },
            );
        });
    }
    let slug = options.program_slug.clone();
    let pay = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        paying.dispatch_local(if pledge {
            CardForm::Pledge(CardPledgeForm {
                lang: locale,
                program: slug.clone(),
                need: need.get_untracked(),
                amount: amount.get_untracked(),
                frequency: frequency.get_untracked(),
                installments: installments.get_untracked(),
                anonymity: anonymity.get_untracked(),
            })
        } else {
            CardForm::Gift(CardGiftForm {
                lang: locale,
                program: slug.clone(),
                need: need.get_untracked(),
                amount: amount.get_untracked(),
                email: email.get_untracked(),
                display_name: name.get_untracked(),
                anonymity: anonymity.get_untracked(),
                keep_card: keep_card.get_untracked(),
                updates: updates.get_untracked(),
            })
        });
    };
    let message = move |name: &'static str| field_message(form_error, name, locale);
    let other_error = move || {
        error.get().and_then(|e| {
            let shown = [
                "amount",
                "email",
                "display_name",
                "frequency",
                "installments",
            ]
            .iter()
            .any(|f| e.field_error(f).is_some());
            (!shown).then(|| e.message(locale))
        })
    };
    let title = options.program_title.get(locale).to_owned();
    view! {
        <section class="form-page give">
            <h1>{heading(locale, pledge)}</h1>
            <p class="lead">
                <a href=routes::program(locale, &options.program_slug)>{title.clone()}</a>
                " · "
                <Localized text=options.center_name.clone() locale/>
            </p>
            <p>{g.give_intro}</p>
            {options.card.is_none().then(|| view! { <p class="form-alert" role="status">{g.card_unavailable}</p> })}
            {(options.needs.is_empty()).then(|| view! { <p class="form-alert" role="status">{g.no_money_needs}</p> })}
            // Shown until the page runs its script (a `<noscript>` would not
            // hydrate: with scripts on, browsers read its content as text).
            <p class="form-alert needs-javascript" hidden=move || scripted.get()>{g.needs_javascript}</p>
            <form class="gift-form" on:submit=pay novalidate>
                <div class="field">
                    <label for="f-need">{g.designation}</label>
                    <select
                        id="f-need"
                        name="need"
                        on:change=move |ev| need.set(event_target_value(&ev).parse().ok())
                    >
                        <option value="" selected=move || need.get().is_none()>{g.whole_program}</option>
                        {options.needs.iter().map(|n| {
                            let id = n.id;
                            view! {
                                <option value=id.to_string() selected=move || need.get() == Some(id)>
                                    {n.title.get(locale).to_owned()}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-amount">{g.amount} " (" {currency_label} ")"</label>
                    <input
                        id="f-amount"
                        name="amount"
                        inputmode="decimal"
                        autocomplete="off"
                        required
                        dir="ltr"
                        bind:value=amount
                        aria-invalid=move || message("amount")().is_some().then_some("true")
                        aria-describedby="f-amount-error"
                    />
                    {move || toman_hint().map(|h| view! { <p class="hint">{h}</p> })}
                    <p class="field-error" id="f-amount-error" role="alert">{message("amount")}</p>
                </div>
                {pledge.then(|| view! {
                    <div class="field">
                        <label for="f-frequency">{g.frequency}</label>
                        <select id="f-frequency" name="frequency" on:change=move |ev| frequency.set(event_target_value(&ev))>
                            {nikoo_types::giving::FREQUENCIES.iter().map(|f| view! {
                                <option value=*f selected=*f == "monthly">{g.frequency_name(f)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-installments">{g.installments}</label>
                        <input id="f-installments" name="installments" inputmode="numeric" dir="ltr" bind:value=installments
                            aria-invalid=move || message("installments")().is_some().then_some("true")/>
                        <p class="hint">{g.installments_hint}</p>
                        <p class="field-error" role="alert">{message("installments")}</p>
                    </div>
                })}
                {(!options.signed_in && !pledge).then(|| view! {
                    <div class="field">
                        <label for="f-email">{g.email_guest}</label>
                        <input id="f-email" name="email" type="email" autocomplete="email" dir="ltr" required bind:value=email
                            aria-invalid=move || message("email")().is_some().then_some("true")/>
                        <p class="field-error" role="alert">{message("email")}</p>
                    </div>
                    <div class="field">
                        <label for="f-name">{g.name_guest}</label>
                        <input id="f-name" name="display_name" autocomplete="name" bind:value=name/>
                        <p class="field-error" role="alert">{message("display_name")}</p>
                    </div>
                })}
                <fieldset class="field">
                    <legend>{g.who_sees}</legend>
                    {Anonymity::ALL.iter().map(|a| {
                        let a = *a;
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name="anonymity"
                                    value=a.code()
                                    checked=move || anonymity.get() == a
                                    on:change=move |_| anonymity.set(a)
                                />
                                " " {a.label(locale)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                {(options.signed_in && !pledge).then(|| view! {
                    <label class="choice">
                        <input type="checkbox" name="keep_card" bind:checked=keep_card/>
                        " " {g.keep_card}
                    </label>
                })}
                {(!options.signed_in && !pledge).then(|| view! {
                    <label class="choice">
                        <input type="checkbox" name="updates" bind:checked=updates/>
                        " " {crate::i18n::workspace::strings(locale).wants_updates_guest}
                    </label>
                })}
                <div class="field">
                    <label for="card-element">{g.card}</label>
                    <div id="card-element" class="card-element">
                        {move || (!card_ready.get()).then(|| view! { <span class="hint">{g.card_loading}</span> })}
                    </div>
                    {move || (!card_ok() && options.card.is_some()).then(|| view! {
                        <p class="hint">{g.card_currency_note}</p>
                    })}
                </div>
                {move || other_error().map(|m| view! { <p class="form-alert" role="alert">{m}</p> })}
                <button
                    type="submit"
                    class="button"
                    disabled=move || !card_ready.get() || pending.get()
                    aria-busy=move || pending.get().then_some("true")
                >
                    {move || match (pending.get(), pledge) {
                        (true, _) => g.paying,
                        (false, true) => g.pledge_button,
                        (false, false) => g.pay_button,
                    }}
                </button>
            </form>
        </section>
    }
}

/// Runs the card steps; answers the payment key to show the receipt of.
async fn give_by_card(form: CardGiftForm) -> Result<String, AppError> {
    let started = start_card_gift(form).await?;
    let setup_ref = card::confirm_setup(&started.client_secret)
        .await
        .map_err(AppError::from)?;
    let key = started.payment_key.clone();
    match charge_card_gift(key.clone(), setup_ref).await? {
        GiftState::Succeeded { payment_key } | GiftState::Processing { payment_key } => {
            Ok(payment_key)
        }
        GiftState::Failed => Err(field_error("card", nikoo_types::outcome::Rule::Declined)),
        GiftState::RequiresAction { client_secret } => {
            card::confirm_payment(&client_secret)
                .await
                .map_err(AppError::from)?;
            match refresh_card_gift(key).await? {
                GiftState::Succeeded { payment_key } | GiftState::Processing { payment_key } => {
                    Ok(payment_key)
                }
                _ => Err(field_error("card", nikoo_types::outcome::Rule::Declined)),
            }
        }
    }
}

/// Runs the pledge's card steps: save the card, then record the pledge.
async fn pledge_by_card(form: CardPledgeForm) -> Result<i32, AppError> {
    let started = start_card_pledge(form.clone()).await?;
    let setup_ref = card::confirm_setup(&started.client_secret)
        .await
        .map_err(AppError::from)?;
    confirm_card_pledge(form, setup_ref).await
}
