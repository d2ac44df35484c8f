//! The donor's "new card" form on their giving page: the provider's card
//! form saves a card on a setup owned by the donor, then the server moves
//! the donor's card pledges to it (failed installments are tried again).
//! It needs JavaScript, like every card form, and says so without it.

use crate::api::giving::{confirm_card_update, start_card_update};
use crate::components::card;
use crate::error::AppError;
use crate::i18n::giving::gifts::strings as giving_strings;
use crate::i18n::giving::receipts::strings as donor_strings;
use leptos::prelude::*;
use nikoo_types::giving::CardKeys;
use nikoo_types::routes;
use nikoo_types::Locale;

/// Runs the steps; answers when the pledges use the new card.
async fn save_new_card() -> Result<(), AppError> {
    let started = start_card_update().await?;
    let setup_ref = card::confirm_setup(&started.client_secret).await?;
    confirm_card_update(setup_ref).await
}

/// The new-card form, for a donor with running card pledges: an island
/// (the card steps run in the browser).
#[island]
pub fn NewCard(keys: CardKeys, locale: Locale) -> impl IntoView {
    let (g, d) = (giving_strings(locale), donor_strings(locale));
    let saving = Action::new_local(|_: &()| save_new_card());
    let pending = saving.pending();
    let error = move || {
        saving
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.message(locale))
    };
    Effect::new(move |_| {
        if let Some(Ok(())) = saving.value().get() {
            card::load_page(&routes::with_query(
                &routes::my_giving(locale),
                "notice",
                "card_updated",
            ));
        }
    });
    let ready = RwSignal::new(false);
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    // The provider's form is loaded when the donor asks for it, into the
    // page as it is then.
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        if open.get() {
            card::mount(
                &keys.script_url,
                &keys.publishable_key,
                "#new-card-element",
                move || ready.set(true),
            );
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !pending.get_untracked() {
            saving.dispatch_local(());
        }
    };
    view! {
        <section class="new-card card">
            <h2>{d.update_card}</h2>
            <p>{d.update_card_intro}</p>
            {move || (!scripted.get()).then(|| view! { <p class="hint">{g.needs_javascript}</p> })}
            {move || (scripted.get() && !open.get()).then(|| view! {
                <button type="button" class="button secondary" data-open="new-card" on:click=move |_| open.set(true)>
                    {d.update_card}
                </button>
            })}
            <form on:submit=submit hidden=move || !open.get()>
                <div class="field">
                    <label for="new-card-element">{g.card}</label>
                    <div id="new-card-element" class="card-element">
                        {move || (!ready.get()).then(|| view! { <span class="hint">{g.card_loading}</span> })}
                    </div>
                </div>
                {move || error().map(|m| view! { <p class="form-alert" role="alert">{m}</p> })}
                <button
                    type="submit"
                    class="button"
                    disabled=move || !ready.get() || pending.get()
                    aria-busy=move || pending.get().then_some("true")
                >
                    {move || if pending.get() { d.saving } else { d.update_card_button }}
                </button>
            </form>
        </section>
    }
}
