//! The pledge page's second form: a recurring pledge paid to the center by
//! bank transfer or cash (no card; the way for rials), for oneself or, for
//! owners and managers, for their center. A plain form: it works without
//! JavaScript.

use crate::api::giving::offline_pledges::PledgeOffline;
use crate::components::form::{action_error, field_message, FormAlert, LangInput, Submit};
use crate::i18n::giving::gifts::strings as giving_strings;
use crate::i18n::giving::pledges::strings as pledge_strings;
use leptos::prelude::*;
use nikoo_types::giving::{Anonymity, GiftOptions, FREQUENCIES};
use nikoo_types::Locale;

/// The form, for program `options` (its need `need` chosen first).
#[component]
pub fn OfflinePledge(options: GiftOptions, locale: Locale, need: Option<i32>) -> impl IntoView {
    let (g, l) = (giving_strings(locale), pledge_strings(locale));
    let action = ServerAction::<PledgeOffline>::new();
    let error = action_error(action);
    let fields = &["need", "amount", "frequency", "installments", "pledge_as"];
    (!options.needs.is_empty()).then(|| view! {
        <section class="offline-pledge">
            <h2>{l.offline_title}</h2>
            <p>{l.offline_intro}</p>
            <ActionForm action attr:class="offline-pledge-form">
                <LangInput locale/>
                <input type="hidden" name="program" value=options.program_slug.clone()/>
                <div class="field">
                    <label for="o-need">{g.designation}</label>
                    <select id="o-need" name="need">
                        {options.program_currency.is_some().then(|| view! {
                            <option value="" selected=need.is_none()>{g.whole_program}</option>
                        })}
                        {options.needs.iter().map(|n| view! {
                            <option value=n.id selected=need == Some(n.id)>
                                {format!("{} ({})", n.title.get(locale), unit(&n.currency, locale))}
                            </option>
                        }).collect_view()}
                    </select>
                    <p class="field-error" role="alert">{field_message(error, "need", locale)}</p>
                </div>
                <div class="field">
                    <label for="o-amount">{g.amount}</label>
                    <input id="o-amount" name="amount" inputmode="decimal" dir="ltr" required autocomplete="off"/>
                    {(locale == Locale::Fa).then(|| view! { <p class="hint">{g.amount_hint_toman}</p> })}
                    <p class="field-error" role="alert">{field_message(error, "amount", locale)}</p>
                </div>
                <div class="field">
                    <label for="o-frequency">{g.frequency}</label>
                    <select id="o-frequency" name="frequency">
                        {FREQUENCIES.iter().map(|f| view! {
                            <option value=*f selected=*f == "monthly">{g.frequency_name(f)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="o-installments">{g.installments}</label>
                    <input id="o-installments" name="installments" inputmode="numeric" dir="ltr" autocomplete="off"/>
                    <p class="hint">{g.installments_hint}</p>
                    <p class="field-error" role="alert">{field_message(error, "installments", locale)}</p>
                </div>
                {(!options.pledge_as.is_empty()).then(|| view! {
                    <div class="field">
                        <label for="o-pledge_as">{crate::i18n::giving::item_pledges::strings(locale).pledge_as}</label>
                        <select id="o-pledge_as" name="pledge_as">
                            <option value="">{crate::i18n::giving::item_pledges::strings(locale).myself}</option>
                            {options.pledge_as.iter().map(|c| view! {
                                <option value=c.center_id>{c.name.get(locale).to_owned()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <fieldset class="field">
                    <legend>{g.who_sees}</legend>
                    {Anonymity::ALL.iter().map(|a| view! {
                        <label class="choice">
                            <input type="radio" name="anonymity" value=a.code() checked=*a == Anonymity::Public/>
                            " " {a.label(locale)}
                        </label>
                    }).collect_view()}
                </fieldset>
                <FormAlert error locale fields/>
                <Submit label=l.offline_button pending=action.pending().into()/>
            </ActionForm>
        </section>
    })
}

/// The name of a currency's unit as a form shows it (toman for IRR in Persian).
fn unit(code: &str, locale: Locale) -> &'static str {
    nikoo_types::Currency::from_code(code)
        .map(|c| nikoo_types::money::unit_label(c, locale))
        .unwrap_or_default()
}
