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
use crate::components::confirm::Confirm;
use crate::components::form::{
    action_error, field_message, query_key, query_value, Field, FormAlert, LangInput, Notice,
    Submit, TextArea,
};
use crate::components::pager::{page_count, page_link, Pager};
use crate::components::text::Localized;
use crate::error::AppError;
use crate::i18n::accounts::strings as account_strings;
use crate::i18n::{strings, use_locale};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use nikoo_types::accounts::{AuditEntry, AuditPage, CenterStanding, StaffCenter};
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
                            <table class="data stack members">
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
                                            <td data-label=a.display_name>{m.display_name.clone()}</td>
                                            <td dir="ltr" data-label=a.email>{m.email.clone()}</td>
                                            <td data-label=a.role>{m.role.label(locale)}</td>
                                            <td data-label=a.since><time datetime=m.since.iso()>{m.since.format(locale)}</time></td>
                                            {can_remove.then(|| view! {
                                                <td data-label=a.actions>
                                                    <Confirm label=a.remove warning=a.remove_warning>
                                                        <ActionForm action=remove>
                                                            <LangInput locale/>
                                                            <input type="hidden" name="center_id" value=cid.to_string()/>
                                                            <input type="hidden" name="member_id" value=m.id.to_string()/>
                                                            <Submit label=a.remove_confirm pending=remove.pending().into() class="button danger small"/>
                                                        </ActionForm>
                                                    </Confirm>
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

/// Audit records, newest first, each in words ("Zahra recorded a gift of
/// ۱٬۰۰۰٬۰۰۰ تومان (#156)") with its day and time in the center's zone and
/// the page's calendar; the record as stored (before and after) folds
/// under it.
///
/// `base` is the page's address; the pager adds `?page=n`.
#[component]
pub fn AuditTable(
    log: AuditPage,
    locale: Locale,
    base: String,
    #[prop(optional)] with_center: bool,
) -> impl IntoView {
    let a = account_strings(locale);
    let pages = page_count(log.total, AuditPage::PER_PAGE);
    let page = log.page;
    let entries = log.entries;
    if entries.is_empty() {
        return view! { <p class="empty">{a.no_records}</p> }.into_any();
    }
    let link = move |n: u32| page_link(&base, n);
    view! {
        <ol class="audit-log">
            {entries.into_iter().map(|e| {
                let sentence = audit_sentence(&e, locale);
                let time = nikoo_types::digits::localize_digits(&e.time, locale);
                view! {
                    <li class="audit-entry" data-action=e.action.clone()>
                        <p class="audit-when">
                            <time datetime=e.occurred_at.clone()>{e.date.format(locale)} " " {time}</time>
                            {with_center.then(|| e.center.clone().map(|c| view! { " · " <Localized text=c locale/> }))}
                        </p>
                        <p class="audit-what">{sentence}</p>
                        <details class="audit-record">
                            <summary>{a.audit_record_details}</summary>
                            <dl dir="ltr">
                                <dt>{a.what}</dt><dd><code>{e.action.clone()}</code> " " {e.object.clone()}</dd>
                                {e.before.clone().map(|b| view! { <dt>{a.before}</dt><dd><code class="json">{b}</code></dd> })}
                                {e.after.clone().map(|v| view! { <dt>{a.after}</dt><dd><code class="json">{v}</code></dd> })}
                            </dl>
                        </details>
                    </li>
                }
            }).collect_view()}
        </ol>
        <Pager page pages locale link/>
    }
    .into_any()
}

/// The page's `?page=` (1 when absent or unreadable).
pub fn query_page() -> impl Fn() -> u32 + Copy + Send + Sync + 'static {
    let query = leptos_router::hooks::use_query_map();
    move || {
        query
            .with(|q| q.get("page"))
            .and_then(|p| p.trim().parse::<u32>().ok())
            .filter(|p| *p > 0)
            .unwrap_or(1)
    }
}

/// An audit record in words, from its action's sentence in
/// `accounts.ftl` (`audit--{action}`, dots as `_`); an action without
/// one reads "{who}: {action code}".
pub fn audit_sentence(e: &AuditEntry, locale: Locale) -> String {
    let a = account_strings(locale);
    let who = e
        .actor
        .clone()
        .unwrap_or_else(|| a.audit_operator.to_owned());
    let id = e.object.rsplit(' ').next().unwrap_or_default();
    let id = nikoo_types::digits::localize_digits(id, locale);
    let amount = e.amount.map(|m| m.format(locale)).unwrap_or_default();
    let name = format!("audit--{}", e.action.replace('.', "_"));
    match crate::i18n::accounts::strings(locale).lookup(&name) {
        Some(text) => {
            nikoo_types::i18n::fill(text, &[("who", &who), ("id", &id), ("amount", &amount)])
        }
        None => format!("{who}: {}", e.action),
    }
}

/// A center's audit log (its owners and platform admins).
#[component]
pub fn CenterAuditPage() -> impl IntoView {
    let locale = use_locale();
    let (s, a) = (strings(locale), account_strings(locale));
    let id = center_id_param();
    let page = query_page();
    let data = Resource::new(
        move || (id(), page()),
        |(id, page)| async move {
            let id = id?;
            Ok::<_, AppError>((
                center_staff(id).await?,
                audit_log(Some(id), Some(page)).await?,
            ))
        },
    );
    view! {
        <Title text=a.audit_title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorView error=e locale/> }.into_any(),
                    Ok((page, log)) => view! {
                        <section>
                            <h1>{a.audit_title} ": " <Localized text=page.center.name.clone() locale/></h1>
                            <p><a href=routes::center_staff(locale, page.center.id)>{a.members_title}</a></p>
                            <AuditTable log locale base=routes::center_audit(locale, page.center.id)/>
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
