//! A center's beneficiaries, private to its staff:
//! `/{lang}/my/centers/{id}/beneficiaries` (codes, the duplicate search, a
//! new record) and `/…/beneficiaries/{bid}` (one record with its personal
//! details for owners and managers — each opening audited — its form, and
//! its links to needs). All forms work without JavaScript.

use super::staff::center_id_param;
use super::ErrorView;
use crate::api::beneficiaries::{
    get_beneficiaries, get_beneficiary, FindBeneficiaries, LinkBeneficiary, SaveBeneficiary,
};
use crate::components::form::{
    action_error, query_key, query_value, Field, FormAlert, FormError, LangInput, Notice, Select,
    Submit, TextArea,
};
use crate::components::pager::{page_count, page_link, Pager};
use crate::components::text::Localized;
use crate::error::AppError;
use crate::i18n::beneficiaries::strings as b_strings;
use crate::i18n::{strings, use_locale};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use nikoo_types::beneficiaries::{BeneficiaryRow, LinkedNeed, PrivateDetails};
use nikoo_types::routes;
use nikoo_types::transparency::Place;
use nikoo_types::{Category, Locale};

/// Every input of the beneficiary form.
const INPUTS: &[&str] = &[
    "household_size",
    "county",
    "categories",
    "consent_on",
    "consent_scope",
    "name",
    "national_id",
    "phone",
    "address",
    "notes",
];

/// The fields of a record as the form shows them.
#[derive(Clone, Default)]
struct Values {
    household_size: String,
    county: String,
    categories: Vec<Category>,
    consent_on: String,
    consent_scope: String,
    details: PrivateDetails,
}

/// The inputs of the beneficiary form.
#[component]
fn BeneficiaryInputs(
    values: Values,
    counties: Vec<Place>,
    error: FormError,
    locale: Locale,
) -> impl IntoView {
    let b = b_strings(locale);
    let w = crate::i18n::workspace::strings(locale);
    let counties = counties
        .iter()
        .map(|c| (c.code.clone(), c.name.get(locale).to_owned()))
        .collect();
    let d = values.details.clone();
    view! {
        <Field name="household_size" label=b.household_size error locale dir="ltr" inputmode="numeric" required=true value=values.household_size.clone()/>
        <Select name="county" label=b.county error locale options=counties selected=values.county.clone() placeholder=b.choose/>
        <fieldset class="field categories">
            <legend>{b.categories}</legend>
            {Category::ALL.iter().map(|c| {
                let on = values.categories.contains(c);
                view! {
                    <label class="choice">
                        <input type="checkbox" name=format!("cat_{}", c.code()) value="on" checked=on/>
                        " " {c.label(locale)}
                    </label>
                }
            }).collect_view()}
        </fieldset>
        <Field name="consent_on" label=b.consent_on error locale dir="ltr" required=true value=values.consent_on.clone() hint=w.date_hint/>
        <TextArea name="consent_scope" label=b.consent_scope error locale rows=2 value=values.consent_scope.clone() hint=b.consent_hint/>
        <fieldset class="personal">
            <legend>{b.personal_title}</legend>
            <Field name="name" label=b.name error locale required=true value=d.name.clone() autocomplete="off"/>
            <Field name="national_id" label=b.national_id error locale dir="ltr" inputmode="numeric" value=d.national_id.clone() autocomplete="off"/>
            <Field name="phone" label=b.phone error locale dir="ltr" kind="tel" value=d.phone.clone() autocomplete="off"/>
            <TextArea name="address" label=b.address error locale rows=2 value=d.address.clone()/>
            <TextArea name="notes" label=b.notes error locale rows=3 value=d.notes.clone()/>
        </fieldset>
    }
}

/// The list's rows.
#[component]
fn Rows(
    rows: Vec<BeneficiaryRow>,
    center_id: i32,
    can_open: bool,
    locale: Locale,
) -> impl IntoView {
    let b = b_strings(locale);
    let s = strings(locale);
    view! {
        <div class="table-wrap">
            <table class="data stack beneficiaries">
                <thead>
                    <tr>
                        <th scope="col">{b.col_code}</th>
                        <th scope="col">{b.col_household}</th>
                        <th scope="col">{b.col_county}</th>
                        <th scope="col">{b.col_categories}</th>
                        <th scope="col">{b.col_needs}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let cats = r.categories.iter().map(|c| c.label(locale)).collect::<Vec<_>>().join(s.list_separator);
                        let needs = r.needs.iter().map(|n| n.title.get(locale).to_owned()).collect::<Vec<_>>().join(s.list_separator);
                        view! {
                            <tr data-code=r.code.clone()>
                                <td class="code" data-label=b.col_code>
                                    {if can_open {
                                        view! { <a href=routes::beneficiary(locale, center_id, r.id)>{r.code.clone()}</a> }.into_any()
                                    } else {
                                        view! { <span>{r.code.clone()}</span> }.into_any()
                                    }}
                                </td>
                                <td data-label=b.col_household>{nikoo_types::digits::format_integer(i64::from(r.household_size), locale)}</td>
                                <td data-label=b.col_county><Localized text=r.county.clone() locale/></td>
                                <td data-label=b.col_categories>{cats}</td>
                                <td data-label=b.col_needs>{needs}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The duplicate search's result, from `?searched=1&found=ID:CODE:WHAT,…`.
#[component]
fn SearchResult(center_id: i32, locale: Locale) -> impl IntoView {
    let b = b_strings(locale);
    let searched = query_value("searched");
    let found = query_value("found");
    move || {
        (searched() == "1").then(|| {
            let matches: Vec<(i32, String, String)> = found()
                .split(',')
                .filter_map(|m| {
                    let mut parts = m.splitn(3, ':');
                    Some((parts.next()?.parse().ok()?, parts.next()?.to_owned(), parts.next()?.to_owned()))
                })
                .collect();
            if matches.is_empty() {
                view! { <p class="notice search-result" role="status">{b.search_none}</p> }.into_any()
            } else {
                view! {
                    <p class="form-alert search-result" role="status">
                        {b.search_found} " "
                        {matches.into_iter().map(|(id, code, what)| {
                            let what = if what == "national_id" { b.matched_national_id } else { b.matched_phone };
                            view! {
                                <a href=routes::beneficiary(locale, center_id, id)>{code}</a>
                                " (" {what} ") "
                            }
                        }).collect_view()}
                    </p>
                }.into_any()
            }
        })
    }
}

/// The center's beneficiaries.
#[component]
pub fn BeneficiariesPage() -> impl IntoView {
    let locale = use_locale();
    let (s, b) = (strings(locale), b_strings(locale));
    let id = center_id_param();
    let key = query_key();
    let save = ServerAction::<SaveBeneficiary>::new();
    let search = ServerAction::<FindBeneficiaries>::new();
    let number = crate::pages::staff::query_page();
    let page = Resource::new(
        move || (id(), key(), save.version().get(), number()),
        |(id, _, _, number)| async move { get_beneficiaries(id?, Some(number)).await },
    );
    let (save_error, search_error) = (action_error(save), action_error(search));
    view! {
        <Title text=b.title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                let p = match page.await {
                    Err(e) => return view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(p) => p,
                };
                let cid = p.center_id;
                let values = Values { consent_on: p.today.input(locale), ..Values::default() };
                view! {
                    <section class="workspace beneficiaries-page">
                        <p class="breadcrumb">
                            <a href=routes::center_staff(locale, cid)><Localized text=p.center_name.clone() locale/></a>
                        </p>
                        <h1>{b.title}</h1>
                        <Notice locale/>
                        <p class="hint">{b.privacy_note}</p>
                        {(!p.can_manage).then(|| view! { <p class="hint">{b.codes_only}</p> })}
                        {p.rows.is_empty().then(|| view! { <p>{b.none}</p> })}
                        {(!p.rows.is_empty()).then(|| view! { <Rows rows=p.rows.clone() center_id=cid can_open=p.can_manage locale/> })}
                        {
                            let base = routes::beneficiaries(locale, cid);
                            let link = move |n: u32| page_link(&base, n);
                            let pages = page_count(p.total, nikoo_types::beneficiaries::BeneficiariesPage::PER_PAGE);
                            view! { <Pager page=p.page pages locale link/> }
                        }
                        {p.can_manage.then(|| view! {
                            <h2 id="search">{b.search_title}</h2>
                            <p>{b.search_intro}</p>
                            <SearchResult center_id=cid locale/>
                            <ActionForm action=search attr:class="beneficiary-search">
                                <LangInput locale/>
                                <input type="hidden" name="center_id" value=cid/>
                                <Field name="national_id" id="s-national_id".to_owned() label=b.national_id error=search_error locale dir="ltr" inputmode="numeric" autocomplete="off"/>
                                <Field name="phone" id="s-phone".to_owned() label=b.phone error=search_error locale dir="ltr" kind="tel" autocomplete="off"/>
                                <FormAlert error=search_error locale fields=&["national_id", "phone"]/>
                                <Submit label=b.search_button pending=search.pending().into() class="button secondary"/>
                            </ActionForm>
                            <h2>{b.new_title}</h2>
                            <ActionForm action=save attr:class="beneficiary-form">
                                <LangInput locale/>
                                <input type="hidden" name="center_id" value=cid/>
                                <BeneficiaryInputs values counties=p.counties.clone() error=save_error locale/>
                                <FormAlert error=save_error locale fields=INPUTS/>
                                <Submit label=b.create_button pending=save.pending().into()/>
                            </ActionForm>
                        })}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// One beneficiary's record (owners and managers).
#[component]
pub fn BeneficiaryPage() -> impl IntoView {
    let locale = use_locale();
    let (s, b) = (strings(locale), b_strings(locale));
    let cid = center_id_param();
    let params = use_params_map();
    let bid = move || {
        params
            .with(|p| p.get("bid"))
            .and_then(|id| id.parse::<i32>().ok())
            .ok_or(AppError::NotFound)
    };
    let key = query_key();
    let save = ServerAction::<SaveBeneficiary>::new();
    let link = ServerAction::<LinkBeneficiary>::new();
    let done = move || (save.version().get(), link.version().get());
    let record = Resource::new(
        move || (cid(), bid(), key(), done()),
        |(c, b, _, _)| async move { get_beneficiary(c?, b?).await },
    );
    let (save_error, link_error) = (action_error(save), action_error(link));
    view! {
        <Title text=b.title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                let r = match record.await {
                    Err(e) => return view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(r) => r,
                };
                let (cid, bid) = (r.center_id, r.row.id);
                let values = Values {
                    household_size: r.row.household_size.to_string(),
                    county: r.county_code.clone(),
                    categories: r.row.categories.clone(),
                    consent_on: r.consent_on.map(|d| d.input(locale)).unwrap_or_default(),
                    consent_scope: r.consent_scope.clone(),
                    details: r.details.clone(),
                };
                let linked: Vec<LinkedNeed> = r.row.needs.clone();
                let linkable: Vec<(String, String)> = r
                    .needs
                    .iter()
                    .filter(|n| !linked.iter().any(|l| l.need_id == n.need_id))
                    .map(|n| (n.need_id.to_string(), n.title.get(locale).to_owned()))
                    .collect();
                view! {
                    <section class="workspace beneficiary-record" data-code=r.row.code.clone()>
                        <p class="breadcrumb">
                            <a href=routes::beneficiaries(locale, cid)>{b.title}</a>
                        </p>
                        <h1>{r.row.code.clone()}</h1>
                        <Notice locale/>
                        <p class="hint">{b.read_audited}</p>
                        <h2>{b.needs_title}</h2>
                        {linked.is_empty().then(|| view! { <p>{b.no_needs}</p> })}
                        <ul class="linked-needs">
                            {linked.clone().into_iter().map(|n| view! {
                                <li data-need-id=n.need_id>
                                    <Localized text=n.title locale/> " "
                                    <ActionForm action=link attr:class="unlink">
                                        <LangInput locale/>
                                        <input type="hidden" name="center_id" value=cid/>
                                        <input type="hidden" name="beneficiary_id" value=bid/>
                                        <input type="hidden" name="need_id" value=n.need_id/>
                                        <input type="hidden" name="unlink" value="on"/>
                                        <button type="submit" class="button secondary">{b.unlink_button}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                        {(!linkable.is_empty()).then(|| view! {
                            <ActionForm action=link attr:class="link-need">
                                <LangInput locale/>
                                <input type="hidden" name="center_id" value=cid/>
                                <input type="hidden" name="beneficiary_id" value=bid/>
                                <Select name="need_id" label=b.needs_title error=link_error locale options=linkable placeholder=b.choose/>
                                <FormAlert error=link_error locale fields=&["need_id"]/>
                                <Submit label=b.link_button pending=link.pending().into() class="button secondary"/>
                            </ActionForm>
                        })}
                        <h2>{b.save_button}</h2>
                        <ActionForm action=save attr:class="beneficiary-form">
                            <LangInput locale/>
                            <input type="hidden" name="center_id" value=cid/>
                            <input type="hidden" name="beneficiary_id" value=bid/>
                            <BeneficiaryInputs values counties=r.counties.clone() error=save_error locale/>
                            <FormAlert error=save_error locale fields=INPUTS/>
                            <Submit label=b.save_button pending=save.pending().into()/>
                        </ActionForm>
                        <p><a href=routes::beneficiaries(locale, cid)>{b.back}</a></p>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
