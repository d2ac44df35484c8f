//! The staff form recording goods a center received outside any pledge:
//! an in-kind need of one of its programs, how many, and from whom (or
//! anonymous). Works without JavaScript.

use crate::api::giving::item_pledges::RecordItemsGift;
use crate::components::form::{action_error, field_message, FormAlert, LangInput, Submit};
use crate::i18n::giving::gifts::strings as giving_strings;
use crate::i18n::giving::item_pledges::strings as item_strings;
use leptos::prelude::*;
use nikoo_types::giving::GiftProgram;
use nikoo_types::Locale;

/// The form, for the center's `programs` (their in-kind needs).
#[component]
pub fn ItemsGiftForm(programs: Vec<GiftProgram>, center_id: i32, locale: Locale) -> impl IntoView {
    let (g, i) = (giving_strings(locale), item_strings(locale));
    let action = ServerAction::<RecordItemsGift>::new();
    let error = action_error(action);
    let any = programs.iter().any(|p| !p.item_needs.is_empty());
    any.then(|| view! {
        <h2>{i.record_items_title}</h2>
        <ActionForm action attr:class="record-items">
            <LangInput locale/>
            <input type="hidden" name="center_id" value=center_id/>
            <div class="field">
                <label for="i-need">{i.need}</label>
                <select id="i-need" name="need" required>
                    {programs.iter().filter(|p| !p.item_needs.is_empty()).map(|p| view! {
                        <optgroup label=p.title.get(locale).to_owned()>
                            {p.item_needs.iter().map(|n| view! {
                                <option value=n.id>{format!("{} ({})", n.title.get(locale), n.unit.get(locale))}</option>
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
                <p class="field-error" role="alert">{field_message(error, "need", locale)}</p>
            </div>
            <div class="field">
                <label for="i-quantity">{i.quantity}</label>
                <input id="i-quantity" name="quantity" inputmode="numeric" dir="ltr" required autocomplete="off"/>
                <p class="field-error" role="alert">{field_message(error, "quantity", locale)}</p>
            </div>
            <div class="field">
                <label for="i-donor_name">{g.donor_name}</label>
                <input id="i-donor_name" name="donor_name" autocomplete="off"/>
                <p class="field-error" role="alert">{field_message(error, "donor_name", locale)}</p>
            </div>
            <label class="choice"><input type="checkbox" name="anonymous" value="on"/> " " {g.anonymous_public}</label>
            <FormAlert error locale fields=&["need", "quantity", "donor_name"]/>
            <Submit label=i.record_items_button pending=action.pending().into()/>
        </ActionForm>
    })
}
