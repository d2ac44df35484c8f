//! Platform admin pages: `/{lang}/admin/centers` (the verification queue,
//! verify / suspend / reinstate) and `/admin/audit` (the whole audit log).

use crate::api::staff::{audit_log, center_queue, ChangeCenterStanding};
use crate::components::form::{action_error, query_key, FormAlert, LangInput, Notice, Submit};
use crate::components::text::{BothLanguages, Localized};
use crate::i18n::accounts::strings as account_strings;
use crate::i18n::{strings, use_locale};
use crate::pages::staff::{AuditTable, StandingBadge};
use crate::pages::ErrorView;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use nikoo_types::accounts::CenterStanding;
use nikoo_types::routes;

/// Every center, pending first, with verify / suspend / reinstate buttons.
#[component]
pub fn AdminCentersPage() -> impl IntoView {
    let locale = use_locale();
    let (s, a) = (strings(locale), account_strings(locale));
    let queue = Resource::new(query_key(), |_| center_queue());
    let action = ServerAction::<ChangeCenterStanding>::new();
    let error = action_error(action);
    view! {
        <Title text=a.admin_centers_title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                let rows = match queue.await {
                    Err(e) => return view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(r) => r,
                };
                view! {
                    <section>
                        <h1>{a.admin_centers_title}</h1>
                        <Notice locale/>
                        <p><a href=routes::admin_audit(locale)>{a.admin_audit_title}</a></p>
                        <FormAlert error locale fields=&[]/>
                        <div class="table-wrap">
                            <table class="data">
                                <thead><tr>
                                    <th scope="col">{s.center}</th>
                                    <th scope="col">{a.place}</th>
                                    <th scope="col">{a.registered}</th>
                                    <th scope="col">{a.standing}</th>
                                    <th scope="col">{a.actions}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|c| {
                                        let (change, label) = match c.standing {
                                            CenterStanding::Pending => ("verify", a.verify_center_button),
                                            CenterStanding::Verified => ("suspend", a.suspend_button),
                                            CenterStanding::Suspended => ("verify", a.reinstate_button),
                                        };
                                        view! {
                                            <tr data-center=c.slug.clone()>
                                                <td><BothLanguages text=c.name.clone() locale/></td>
                                                <td>
                                                    <Localized text=c.county.clone() locale/>
                                                    {s.list_separator}
                                                    <Localized text=c.province.clone() locale/>
                                                </td>
                                                <td><time datetime=c.registered.iso()>{c.registered.format(locale)}</time></td>
                                                <td><StandingBadge standing=c.standing locale/></td>
                                                <td>
                                                    <ActionForm action>
                                                        <LangInput locale/>
                                                        <input type="hidden" name="center_id" value=c.id.to_string()/>
                                                        <input type="hidden" name="change" value=change/>
                                                        <Submit label pending=action.pending().into() class="button small"/>
                                                    </ActionForm>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// The platform's audit log (admins).
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let locale = use_locale();
    let (s, a) = (strings(locale), account_strings(locale));
    let page = super::query_page();
    let entries = Resource::new(page, |page| audit_log(None, Some(page)));
    view! {
        <Title text=a.admin_audit_title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Err(e) => view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(log) => view! {
                        <section>
                            <h1>{a.admin_audit_title}</h1>
                            <p><a href=routes::admin_centers(locale)>{a.admin_centers_title}</a></p>
                            <AuditTable log locale base=routes::admin_audit(locale) with_center=true/>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
