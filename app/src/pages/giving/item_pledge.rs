//! `/{lang}/pledge-items/{slug}?need=`: a signed-in donor (or a center,
//! through its owner or manager) pledges a quantity of an in-kind need's
//! item by a date. A plain form: it works without JavaScript.

use crate::api::giving::item_pledges::{get_item_pledge_options, PledgeItems};
use crate::components::form::{
    action_error, field_message, query_value, FormAlert, LangInput, Submit,
};
use crate::components::text::Localized;
use crate::i18n::giving::gifts::strings as giving_strings;
use crate::i18n::giving::item_pledges::strings as item_strings;
use crate::i18n::{strings, use_locale};
use crate::pages::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use nikoo_types::digits::format_integer;
use nikoo_types::giving::item_pledges::ItemPledgeOptions;
use nikoo_types::giving::Anonymity;
use nikoo_types::routes;

/// The in-kind pledge page.
#[component]
pub fn ItemPledgePage() -> impl IntoView {
    let locale = use_locale();
    let (s, i) = (strings(locale), item_strings(locale));
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let options = Resource::new(slug, get_item_pledge_options);
    let need = query_value("need");
    view! {
        <Title text=i.title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                match options.await {
                    Err(e) => view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(o) => view! { <ItemPledgeForm options=o need=need().parse().ok()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ItemPledgeForm(options: ItemPledgeOptions, need: Option<i32>) -> impl IntoView {
    let locale = use_locale();
    let (g, i) = (giving_strings(locale), item_strings(locale));
    let action = ServerAction::<PledgeItems>::new();
    let error = action_error(action);
    let program_href = routes::program(locale, &options.program_slug);
    let fields = &["need", "quantity", "due_date", "pledge_as"];
    view! {
        <section class="item-pledge">
            <p class="breadcrumb">
                <a href=program_href><Localized text=options.program_title.clone() locale/></a>
                " · " <Localized text=options.center_name.clone() locale/>
            </p>
            <h1>{i.title}</h1>
            <p>{i.intro}</p>
            {options.needs.is_empty().then(|| view! { <p class="empty">{i.no_needs}</p> })}
            {(!options.needs.is_empty()).then(|| view! {
                <ActionForm action attr:class="item-pledge-form">
                    <LangInput locale/>
                    <input type="hidden" name="program" value=options.program_slug.clone()/>
                    <fieldset class="field">
                        <legend>{i.need}</legend>
                        {options.needs.iter().enumerate().map(|(k, n)| {
                            let checked = need.map_or(k == 0, |id| id == n.id);
                            view! {
                                <label class="choice">
                                    <input type="radio" name="need" value=n.id checked=checked/>
                                    " " <Localized text=n.title.clone() locale/>
                                    " (" {format_integer(n.still_needed, locale)} " "
                                    <Localized text=n.unit.clone() locale/> " " {i.still_needed} ")"
                                </label>
                            }
                        }).collect_view()}
                        <p class="field-error" role="alert">{field_message(error, "need", locale)}</p>
                    </fieldset>
                    <div class="field">
                        <label for="f-quantity">{i.quantity}</label>
                        <input id="f-quantity" name="quantity" inputmode="numeric" dir="ltr" required autocomplete="off"/>
                        <p class="field-error" role="alert">{field_message(error, "quantity", locale)}</p>
                    </div>
                    <div class="field">
                        <label for="f-due_date">{i.due_date}</label>
                        <input id="f-due_date" name="due_date" type="date" dir="ltr" required
                            min=options.earliest.clone() max=options.latest.clone()/>
                        <p class="hint">{i.due_hint}</p>
                        <p class="field-error" role="alert">{field_message(error, "due_date", locale)}</p>
                    </div>
                    {(!options.pledge_as.is_empty()).then(|| view! {
                        <div class="field">
                            <label for="f-pledge_as">{i.pledge_as}</label>
                            <select id="f-pledge_as" name="pledge_as">
                                <option value="">{i.myself}</option>
                                {options.pledge_as.iter().map(|c| view! {
                                    <option value=c.center_id>{c.name.get(locale).to_owned()}</option>
                                }).collect_view()}
                            </select>
                            <p class="field-error" role="alert">{field_message(error, "pledge_as", locale)}</p>
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
                    <Submit label=i.button pending=action.pending().into()/>
                </ActionForm>
            })}
        </section>
    }
}
