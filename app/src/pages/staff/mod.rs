//! Center staff pages: `/{lang}/my/centers` (list), `/my/centers/new`
//! (registration), `/my/centers/{id}` (staff and invitations),
//! `/my/centers/{id}/audit`, and `/invitations/accept` (the emailed link).

pub mod admin;

use super::ErrorView;
use crate::api::accounts::current_user;
use crate::api::staff::{
    audit_log, center_staff, get_invitation, get_regions, my_centers, AcceptInvitation,
    InviteMember, RegisterCenter, RemoveMember, RevokeInvitation,
};
use crate::components::form::{
    action_error, field_message, query_key, query_value, Field, FormAlert, LangInput, Notice,
    Submit, TextArea,
};
use crate::components::text::Localized;
use crate::error::AppError;
use crate::i18n::accounts::strings as account_strings;
use crate::i18n::{strings, use_locale};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use nikoo_types::accounts::{AuditEntry, CenterStanding, StaffCenter};
use nikoo_types::routes;
use nikoo_types::Locale;

pub(crate) fn center_id_param() -> impl Fn() -> Result<i32, AppError> + Clone + Send + Sync + 'static
{
    let params = use_params_map();
    move || {
        params
            .with(|p| p.get("id"))
            .and_then(|id| id.parse::<i32>().ok())
            .ok_or(AppError::NotFound)
    }
}

/// A center's standing as a badge.
#[component]
pub fn StandingBadge(standing: CenterStanding, locale: Locale) -> impl IntoView {
    view! { <span class=format!("badge standing-{}", standing.code())>{standing.label(locale)}</span> }
}

/// The place of a center: county, province.
fn place(c: &StaffCenter, locale: Locale) -> impl IntoView {
    view! {
        <Localized text=c.county.clone() locale/>
        {strings(locale).list_separator}
        <Localized text=c.province.clone() locale/>
    }
}

/// The centers the signed-in account works for.
#[component]
pub fn MyCentersPage() -> impl IntoView {
    let locale = use_locale();
    let (s, a) = (strings(locale), account_strings(locale));
    let centers = Resource::new(query_key(), |_| my_centers());
    view! {
        <Title text=a.my_centers_title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                match centers.await {
                    Err(e) => view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(list) => view! {
                        <section>
                            <h1>{a.my_centers_title}</h1>
                            <Notice locale/>
                            {if list.is_empty() {
                                view! { <p>{a.no_centers}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="center-list">
                                        {list.into_iter().map(|c| view! {
                                            <li>
                                                <a href=routes::center_staff(locale, c.id)>
                                                    <Localized text=c.name.clone() locale/>
                                                </a>
                                                " " <StandingBadge standing=c.standing locale/>
                                                " " {c.my_role.map(|r| r.label(locale))}
                                                <span class="muted">" · " {place(&c, locale)}</span>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <p><a class="button" href=routes::register_center(locale)>{a.register_center_link}</a></p>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Register a center: names, place, address and description in fa and/or en.
#[component]
pub fn RegisterCenterPage() -> impl IntoView {
    let locale = use_locale();
    let (s, a) = (strings(locale), account_strings(locale));
    let me = Resource::new(|| (), |_| current_user());
    let regions = Resource::new(|| (), |_| get_regions());
    let action = ServerAction::<RegisterCenter>::new();
    let error = action_error(action);
    let county_error = field_message(error, "county", locale);
    let province_error = field_message(error, "province", locale);
    view! {
        <Title text=a.register_title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                let regions = match (me.await, regions.await) {
                    (Err(e), _) | (_, Err(e)) => return view! { <ErrorView error=e locale/> }.into_any(),
                    (Ok(None), _) => return view! { <ErrorView error=AppError::Unauthenticated locale/> }.into_any(),
                    (Ok(Some(_)), Ok(r)) => r,
                };
                let name = move |p: &nikoo_types::transparency::Place| p.name.get(locale).to_owned();
                view! {
                    <section class="form-page">
                        <h1>{a.register_title}</h1>
                        <p>{a.register_intro}</p>
                        <ActionForm action>
                            <LangInput locale/>
                            <Field name="name_fa" label=a.name_fa error locale dir="rtl"/>
                            <Field name="name_en" label=a.name_en error locale dir="ltr"/>
                            <div class="field">
                                <label for="f-province">{s.province}</label>
                                <select id="f-province" name="province" required>
                                    <option value="">{a.choose}</option>
                                    {regions.iter().map(|r| view! {
                                        <option value=r.province.code.clone()>{name(&r.province)}</option>
                                    }).collect_view()}
                                </select>
                                <p class="field-error" role="alert">{province_error}</p>
                            </div>
                            <div class="field">
                                <label for="f-county">{s.county}</label>
                                <select id="f-county" name="county" required>
                                    <option value="">{a.choose}</option>
                                    {regions.iter().filter(|r| !r.counties.is_empty()).map(|r| view! {
                                        <optgroup label=name(&r.province)>
                                            {r.counties.iter().map(|c| view! {
                                                <option value=c.code.clone()>{name(c)}</option>
                                            }).collect_view()}
                                        </optgroup>
                                    }).collect_view()}
                                </select>
                                <p class="field-error" role="alert">{county_error}</p>
                            </div>
                            <Field name="address_fa" label=a.address_fa error locale dir="rtl"/>
                            <Field name="address_en" label=a.address_en error locale dir="ltr"/>
                            <TextArea name="description_fa" label=a.description_fa error locale dir="rtl"/>
                            <TextArea name="description_en" label=a.description_en error locale dir="ltr"/>
                            <FormAlert error locale fields=&["name_fa", "name_en", "province", "county", "address_fa", "address_en", "description_fa", "description_en"]/>
                            <Submit label=a.register_button pending=action.pending().into()/>
                        </ActionForm>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// A center's staff page: standing, members, invitations, invite form.
#[component]
pub fn CenterStaffPage() -> impl IntoView {
    let locale = use_locale();
    let (s, a) = (strings(locale), account_strings(locale));
    let id = center_id_param();
    let key = query_key();
    let page = Resource::new(
        move || (id(), key()),
        |(id, _)| async move { center_staff(id?).await },
    );
    let invite = ServerAction::<InviteMember>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let (invite_error, revoke_error, remove_error) = (
        action_error(invite),
        action_error(revoke),
        action_error(remove),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                let p = match page.await {
                    Err(e) => return view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(p) => p,
                };
                let c = p.center.clone();
                let cid = c.id;
                let (can_remove, can_invite) = (p.can_remove_members, !p.can_invite.is_empty());
                let (members, invitations, roles) = (p.members, p.invitations, p.can_invite);
                let title = c.name.get(locale).to_owned();
                view! {
                    <Title text=title/>
                    <section class="staff-page">
                        <h1><Localized text=c.name.clone() locale/></h1>
                        <Notice locale/>
                        <p>
                            <StandingBadge standing=c.standing locale/>
                            <span class="muted">" " {place(&c, locale)}</span>
                        </p>
                        {match c.standing {
                            CenterStanding::Pending => Some(view! { <p class="notice">{a.pending_note}</p> }.into_any()),
                            CenterStanding::Suspended => Some(view! { <p class="notice">{a.suspended_note}</p> }.into_any()),
                            CenterStanding::Verified => Some(view! {
                                <p><a href=routes::center(locale, &c.slug)>{a.public_page}</a></p>
                            }.into_any()),
                        }}
                        <p><a href=routes::center_programs(locale, c.id)>{crate::i18n::workspace::strings(locale).programs_link}</a></p>
                        <p><a href=routes::beneficiaries(locale, c.id)>{crate::i18n::beneficiaries::strings(locale).link}</a></p>
                        <p><a href=routes::imports(locale, c.id)>{crate::i18n::imports::strings(locale).link}</a></p>
                        <p><a href=routes::center_gifts(locale, c.id)>{crate::i18n::giving::gifts::strings(locale).gifts_link}</a></p>
                        {p.can_read_audit.then(|| view! {
                            <p><a href=routes::center_audit(locale, c.id)>{a.audit_link}</a></p>
                        })}
                        <h2>{a.members_title}</h2>
                        <FormAlert error=remove_error locale fields=&[]/>
                        <div class="table-wrap">
                            <table class="data">
                                <thead><tr>
                                    <th scope="col">{a.display_name}</th>
                                    <th scope="col">{a.email}</th>
                                    <th scope="col">{a.role}</th>
                                    <th scope="col">{a.since}</th>
                                    {can_remove.then(|| view! { <th scope="col">{a.actions}</th> })}
                                </tr></thead>
                                <tbody>
                                    {members.into_iter().map(|m| view! {
                                        <tr>
                                            <td>{m.display_name.clone()}</td>
                                            <td dir="ltr">{m.email.clone()}</td>
                                            <td>{m.role.label(locale)}</td>
                                            <td><time datetime=m.since.iso()>{m.since.format(locale)}</time></td>
                                            {can_remove.then(|| view! {
                                                <td>
                                                    <ActionForm action=remove>
                                                        <LangInput locale/>
                                                        <input type="hidden" name="center_id" value=cid.to_string()/>
                                                        <input type="hidden" name="member_id" value=m.id.to_string()/>
                                                        <Submit label=a.remove pending=remove.pending().into() class="button small"/>
                                                    </ActionForm>
                                                </td>
                                            })}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {(!invitations.is_empty()).then(|| view! {
                            <h2>{a.invitations_title}</h2>
                            <FormAlert error=revoke_error locale fields=&[]/>
                            <ul class="invitation-list">
                                {invitations.into_iter().map(|i| view! {
                                    <li>
                                        <span dir="ltr">{i.email.clone()}</span> " · " {i.role.label(locale)}
                                        " · " {a.expires} " " <time datetime=i.expires.iso()>{i.expires.format(locale)}</time>
                                        {can_invite.then(|| view! {
                                            <ActionForm action=revoke>
                                                <LangInput locale/>
                                                <input type="hidden" name="center_id" value=cid.to_string()/>
                                                <input type="hidden" name="invitation_id" value=i.id.to_string()/>
                                                <Submit label=a.revoke pending=revoke.pending().into() class="button small"/>
                                            </ActionForm>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        })}
                        {can_invite.then(|| view! {
                            <h2>{a.invite_title}</h2>
                            <ActionForm action=invite>
                                <LangInput locale/>
                                <input type="hidden" name="center_id" value=cid.to_string()/>
                                <Field name="email" label=a.email error=invite_error locale kind="email" required=true dir="ltr"/>
                                <div class="field">
                                    <label for="f-role">{a.role}</label>
                                    <select id="f-role" name="role">
                                        {roles.into_iter().rev().map(|r| view! {
                                            <option value=r.code()>{r.label(locale)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <FormAlert error=invite_error locale fields=&["email"]/>
                                <Submit label=a.invite_button pending=invite.pending().into()/>
                            </ActionForm>
                        })}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// Audit records as a table.
#[component]
pub fn AuditTable(
    entries: Vec<AuditEntry>,
    locale: Locale,
    #[prop(optional)] with_center: bool,
) -> impl IntoView {
    let a = account_strings(locale);
    if entries.is_empty() {
        return view! { <p>{a.no_records}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="data audit">
                <thead><tr>
                    <th scope="col">{a.when}</th>
                    <th scope="col">{a.who}</th>
                    {with_center.then(|| view! { <th scope="col">{strings(locale).center}</th> })}
                    <th scope="col">{a.what}</th>
                    <th scope="col">{a.object}</th>
                    <th scope="col">{a.before}</th>
                    <th scope="col">{a.after}</th>
                </tr></thead>
                <tbody>
                    {entries.into_iter().map(|e| view! {
                        <tr>
                            <td><time datetime=e.occurred_at.clone()>{e.date.format(locale)}</time></td>
                            <td>{e.actor.clone()}</td>
                            {with_center.then(|| view! {
                                <td>{e.center.clone().map(|c| view! { <Localized text=c locale/> })}</td>
                            })}
                            <td dir="ltr"><code>{e.action.clone()}</code></td>
                            <td dir="ltr">{e.object.clone()}</td>
                            <td dir="ltr"><code class="json">{e.before.clone()}</code></td>
                            <td dir="ltr"><code class="json">{e.after.clone()}</code></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A center's audit log (its owners and platform admins).
#[component]
pub fn CenterAuditPage() -> impl IntoView {
    let locale = use_locale();
    let (s, a) = (strings(locale), account_strings(locale));
    let id = center_id_param();
    let data = Resource::new(id, |id| async move {
        let id = id?;
        Ok::<_, AppError>((center_staff(id).await?, audit_log(Some(id)).await?))
    });
    view! {
        <Title text=a.audit_title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorView error=e locale/> }.into_any(),
                    Ok((page, entries)) => view! {
                        <section>
                            <h1>{a.audit_title} ": " <Localized text=page.center.name.clone() locale/></h1>
                            <p><a href=routes::center_staff(locale, page.center.id)>{a.members_title}</a></p>
                            <AuditTable entries locale/>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The emailed invitation link: what it offers, and a button to accept
/// (signed in with the invited email) or links to log in or sign up.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let locale = use_locale();
    let (s, a) = (strings(locale), account_strings(locale));
    let token = query_value("token");
    let data = Resource::new(token, |t| async move {
        Ok::<_, AppError>((get_invitation(t).await?, current_user().await?))
    });
    let action = ServerAction::<AcceptInvitation>::new();
    let error = action_error(action);
    view! {
        <Title text=a.invitation_title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                let (inv, me) = match data.await {
                    Err(e) => return view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(d) => d,
                };
                let here = format!("/{}/invitations/accept?token={}", locale.code(), token());
                let next = nikoo_types::query::percent_encode(&here);
                view! {
                    <section class="form-page">
                        <h1>{a.invitation_title}</h1>
                        <p class="lead"><Localized text=inv.center_name.clone() locale/></p>
                        <p>{a.invitation_text} " " <strong>{inv.role.label(locale)}</strong></p>
                        {if !inv.usable {
                            view! { <p class="form-alert" role="alert">{a.invitation_unusable}</p> }.into_any()
                        } else if me.is_some() {
                            view! {
                                <ActionForm action>
                                    <LangInput locale/>
                                    <input type="hidden" name="token" value=token()/>
                                    <FormAlert error locale fields=&[]/>
                                    <Submit label=a.accept_button pending=action.pending().into()/>
                                </ActionForm>
                            }.into_any()
                        } else {
                            view! {
                                <p>{a.invitation_sign_in} " " <strong dir="ltr">{inv.email.clone()}</strong></p>
                                <p>
                                    <a class="button" href=format!("{}?next={next}", routes::login(locale, None))>{a.nav_login}</a>
                                    " "
                                    <a href=format!("{}?next={next}", routes::signup(locale))>{a.nav_signup}</a>
                                </p>
                            }.into_any()
                        }}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
