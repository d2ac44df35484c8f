//! The center workspace: `/{lang}/my/centers/{id}/programs` (the center's
//! programs, a new draft), `/…/programs/{pid}` (edit, stage, needs, a new
//! need) and `/…/programs/{pid}/needs/{nid}` (edit, close or reopen a
//! need; record money spent on it or goods delivered). Forms without a
//! file are `ActionForm`s, forms with one plain multipart posts to the
//! server's file routes: both work without JavaScript.

use super::staff::center_id_param;
use super::ErrorView;
use crate::api::workspace::{
    get_center_programs, get_need_workspace, get_program_workspace, AddNeed, ChangeProgramStatus,
    CloseNeed, CreateProgram, UpdateNeed, UpdateProgram,
};
use crate::components::confirm::Confirm;
use crate::components::figures::{need_amount, Funding, NeedProgress};
use crate::components::form::{
    action_error, field_message, has_refused_form, keyed, query_key, route_error, Field, FormAlert,
    FormError, LangInput, Notice, Select, Submit, TextArea,
};
use crate::components::spending::SpendingTable;
use crate::components::text::Localized;
use crate::error::AppError;
use crate::i18n::workspace::strings as ws_strings;
use crate::i18n::{strings, use_locale};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use nikoo_types::routes;
use nikoo_types::transparency::NeedKind;
use nikoo_types::transparency::Place;
use nikoo_types::workspace::{
    NeedFields, Priority, ProgramFields, WorkspaceNeed, WorkspaceProgram,
};
use nikoo_types::{Category, Locale};

/// The numeric route parameter `name`, or `NotFound`.
fn id_param(name: &'static str) -> impl Fn() -> Result<i32, AppError> + Clone + Send + Sync {
    let params = use_params_map();
    move || {
        params
            .with(|p| p.get(name))
            .and_then(|id| id.parse::<i32>().ok())
            .ok_or(AppError::NotFound)
    }
}

/// Every input of a program form except the ids.
const PROGRAM_INPUTS: &[&str] = &[
    "title_fa",
    "title_en",
    "summary_fa",
    "summary_en",
    "description_fa",
    "description_en",
    "category",
    "county",
    "start_date",
    "end_date",
    "change",
];

/// Every input of a need form.
const NEED_INPUTS: &[&str] = &[
    "kind",
    "title_fa",
    "title_en",
    "target_amount",
    "currency",
    "unit_fa",
    "unit_en",
    "target_quantity",
    "unit_value",
    "priority",
    "deadline",
];

/// A stage as a badge.
#[component]
fn StageBadge(status: String, locale: Locale) -> impl IntoView {
    let label = ws_strings(locale).stage_label(&status);
    view! { <span class=format!("badge stage-{status}") data-stage=status>{label}</span> }
}

/// The inputs of a program form, filled with `fields`.
#[component]
fn ProgramInputs(
    fields: ProgramFields,
    counties: Vec<Place>,
    error: FormError,
    locale: Locale,
    /// Prefixes the inputs' ids (`p-`) on a page with another form.
    #[prop(optional)]
    prefix: &'static str,
) -> impl IntoView {
    let w = ws_strings(locale);
    let id = move |name: &str| {
        if prefix.is_empty() {
            String::new()
        } else {
            format!("{prefix}{name}")
        }
    };
    let categories = Category::ALL
        .iter()
        .map(|c| (c.code().to_owned(), c.label(locale).to_owned()))
        .collect();
    let counties = counties
        .iter()
        .map(|c| (c.code.clone(), c.name.get(locale).to_owned()))
        .collect();
    view! {
        <Field name="title_fa" id=id("title_fa") label=w.title_fa error locale dir="rtl" value=fields.title_fa/>
        <Field name="title_en" id=id("title_en") label=w.title_en error locale dir="ltr" value=fields.title_en/>
        <Field name="summary_fa" id=id("summary_fa") label=w.summary_fa error locale dir="rtl" value=fields.summary_fa/>
        <Field name="summary_en" id=id("summary_en") label=w.summary_en error locale dir="ltr" value=fields.summary_en/>
        <TextArea name="description_fa" id=id("description_fa") label=w.description_fa error locale dir="rtl" rows=8 value=fields.description_fa hint=w.markdown_hint/>
        <TextArea name="description_en" id=id("description_en") label=w.description_en error locale dir="ltr" rows=8 value=fields.description_en/>
        <Select name="category" id=id("category") label=w.category error locale options=categories selected=fields.category placeholder=w.choose/>
        <Select name="county" id=id("county") label=w.county error locale options=counties selected=fields.county placeholder=w.choose/>
        <Field name="start_date" id=id("start_date") label=w.start_date error locale dir="ltr" value=fields.start_date hint=w.date_hint/>
        <Field name="end_date" id=id("end_date") label=w.end_date error locale dir="ltr" value=fields.end_date hint=w.optional/>
    }
}

/// The center's programs, and a new draft.
#[component]
pub fn CenterProgramsPage() -> impl IntoView {
    let locale = use_locale();
    let (s, w) = (strings(locale), ws_strings(locale));
    let id = center_id_param();
    let key = query_key();
    let create = ServerAction::<CreateProgram>::new();
    let page = Resource::new(
        move || (id(), key(), create.version().get()),
        |(id, _, _)| async move { get_center_programs(id?).await },
    );
    let error = action_error(create);
    view! {
        <Title text=w.programs_title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                let p = match page.await {
                    Err(e) => return view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(p) => p,
                };
                let cid = p.center_id;
                let fields = ProgramFields { start_date: p.today.input(locale), ..ProgramFields::default() };
                view! {
                    <section class="workspace programs-workspace">
                        <p class="breadcrumb">
                            <a href=routes::center_staff(locale, cid)><Localized text=p.center_name.clone() locale/></a>
                        </p>
                        <h1>{w.programs_title}</h1>
                        <Notice locale/>
                        {(!p.verified).then(|| view! { <p class="hint">{w.not_verified_note}</p> })}
                        {p.programs.is_empty().then(|| view! { <p>{w.no_programs}</p> })}
                        {(!p.programs.is_empty()).then(|| view! { <ProgramTable programs=p.programs.clone() center_id=cid locale/> })}
                        {p.can_manage.then(|| view! {
                            <h2 id="new-program">{w.new_program}</h2>
                            <ActionForm action=create attr:class="program-form">
                                <LangInput locale/>
                                <input type="hidden" name="center_id" value=cid/>
                                <ProgramInputs fields counties=p.counties.clone() error locale/>
                                <FormAlert error locale fields=PROGRAM_INPUTS/>
                                <Submit label=w.create_button pending=create.pending().into()/>
                            </ActionForm>
                        })}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// The center's programs as a table.
#[component]
fn ProgramTable(programs: Vec<WorkspaceProgram>, center_id: i32, locale: Locale) -> impl IntoView {
    let (s, w) = (strings(locale), ws_strings(locale));
    view! {
        <div class="table-wrap">
            <table class="data stack workspace-programs">
                <thead>
                    <tr>
                        <th scope="col">{w.col_program}</th>
                        <th scope="col">{w.col_status}</th>
                        <th scope="col">{w.category}</th>
                        <th scope="col">{w.county}</th>
                        <th scope="col">{w.col_received}</th>
                        <th scope="col">{w.col_needs}</th>
                    </tr>
                </thead>
                <tbody>
                    {programs.into_iter().map(|p| {
                        let received = p.totals.iter()
                            .map(|t| nikoo_types::Money::from_minor(t.received, t.currency).format(locale))
                            .collect::<Vec<_>>()
                            .join(s.list_separator);
                        let met = format!(
                            "{} {} {}",
                            nikoo_types::digits::format_integer(i64::from(p.needs_met), locale),
                            s.of,
                            nikoo_types::digits::format_integer(i64::from(p.needs_total), locale),
                        );
                        view! {
                            <tr data-program=p.slug.clone()>
                                <td data-label=w.col_program><a href=routes::program_workspace(locale, center_id, p.id)><Localized text=p.title.clone() locale/></a></td>
                                <td data-label=w.col_status><StageBadge status=p.status.clone() locale/></td>
                                <td data-label=w.category>{p.category.label(locale)}</td>
                                <td data-label=w.county><Localized text=p.county.name.clone() locale/></td>
                                <td class="amount" data-label=w.col_received>{received}</td>
                                <td data-label=w.col_needs>{met}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One program: its stage, its fields, its needs and a new need.
#[component]
pub fn ProgramWorkspacePage() -> impl IntoView {
    let locale = use_locale();
    let (s, w) = (strings(locale), ws_strings(locale));
    let (cid, pid) = (center_id_param(), id_param("pid"));
    let key = query_key();
    let update = ServerAction::<UpdateProgram>::new();
    let stage = ServerAction::<ChangeProgramStatus>::new();
    let add = ServerAction::<AddNeed>::new();
    // Read again after each form: its redirect may lead to the URL the page is on.
    let done = move || {
        (
            update.version().get(),
            stage.version().get(),
            add.version().get(),
        )
    };
    let page = Resource::new(
        move || (cid(), pid(), key(), done()),
        move |(c, p, _, _)| async move { get_program_workspace(locale.code().to_owned(), c?, p?).await },
    );
    let (update_error, stage_error, add_error) =
        (action_error(update), action_error(stage), action_error(add));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                let p = match page.await {
                    Err(e) => return view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(p) => p,
                };
                let (cid, prog) = (p.center_id, p.program.clone());
                let pid = prog.id;
                let public = p.public;
                let title = prog.title.get(locale).to_owned();
                view! {
                    <Title text=title/>
                    <section class="workspace program-workspace" data-program-id=pid>
                        <p class="breadcrumb">
                            <a href=routes::center_staff(locale, cid)><Localized text=p.center_name.clone() locale/></a>
                            " › "
                            <a href=routes::center_programs(locale, cid)>{w.programs_title}</a>
                        </p>
                        <h1><Localized text=prog.title.clone() locale/></h1>
                        <Notice locale/>
                        <p class="stage">
                            {w.stage} ": " <StageBadge status=prog.status.clone() locale/>
                            {public.then(|| view! {
                                " · " <a href=routes::program(locale, &prog.slug)>{w.public_page}</a>
                            })}
                        </p>
                        {(!p.can_manage).then(|| view! { <p class="hint">{w.read_only}</p> })}
                        {p.can_manage.then(|| view! {
                            <div class="stage-changes">
                                {p.changes.clone().into_iter().map(|c| {
                                    let archive = c.code() == "archive";
                                    let form = move |class: &'static str, label: &'static str| view! {
                                        <ActionForm action=stage attr:class="stage-change">
                                            <LangInput locale/>
                                            <input type="hidden" name="center_id" value=cid/>
                                            <input type="hidden" name="program_id" value=pid/>
                                            <input type="hidden" name="change" value=c.code()/>
                                            <button type="submit" class=class data-change=c.code()>{label}</button>
                                        </ActionForm>
                                    };
                                    // Archiving takes the program off the public lists: a second step.
                                    if archive {
                                        view! {
                                            <Confirm label=c.label(locale) warning=w.archive_warning>
                                                {form("button danger", w.archive_confirm)}
                                            </Confirm>
                                        }.into_any()
                                    } else {
                                        form("button secondary", c.label(locale)).into_any()
                                    }
                                }).collect_view()}
                            </div>
                            <FormAlert error=stage_error locale fields=&[]/>
                        })}
                        <Funding totals=prog.totals.clone() locale/>
                        <h2>{w.needs_title}</h2>
                        {p.needs.is_empty().then(|| view! { <p>{w.no_needs}</p> })}
                        <ul class="needs workspace-needs">
                            {p.needs.clone().into_iter().map(|n| view! { <NeedItem need=n center_id=cid program_id=pid locale/> }).collect_view()}
                        </ul>
                        <h2>{w.spending_title}</h2>
                        <SpendingTable lines=p.spending.clone() needs=p.needs.iter().map(|n| n.figures.clone()).collect() locale/>
                        {p.can_manage.then(|| view! {
                            <h2 id="post-update">{w.post_update}</h2>
                            <p class="hint">{w.update_note}</p>
                            <form method="post" enctype="multipart/form-data" class="update-form"
                                action=keyed(routes::program_updates(locale, cid, pid))>
                                <Field name="title_fa" id="u-title_fa".to_owned() label=w.update_title_fa error=route_error() locale dir="rtl"/>
                                <Field name="title_en" id="u-title_en".to_owned() label=w.update_title_en error=route_error() locale dir="ltr"/>
                                <TextArea name="body_fa" label=w.update_body_fa error=route_error() locale dir="rtl" rows=5 hint=w.markdown_hint/>
                                <TextArea name="body_en" label=w.update_body_en error=route_error() locale dir="ltr" rows=5/>
                                <div class="field">
                                    <label for="u-file">{w.update_photos}</label>
                                    <input id="u-file" type="file" name="file" accept=".jpg,.jpeg,.png" multiple/>
                                    <p class="hint">{w.update_photos_hint}</p>
                                    <p class="field-error" role="alert">{field_message(route_error(), "file", locale)}</p>
                                </div>
                                <FormAlert error=route_error() locale fields=&["title_fa", "title_en", "body_fa", "body_en", "file"]/>
                                <button type="submit" class="button">{w.post_update_button}</button>
                            </form>
                            <h2>{w.cover_title}</h2>
                            {p.cover.clone().map(|src| view! { <img class="cover-preview" src=src alt=""/> })}
                            <form method="post" enctype="multipart/form-data" class="cover-form"
                                action=keyed(routes::program_cover(locale, cid, pid))>
                                <FileField label=w.cover_file hint=w.file_hint error=route_error() locale accept=".jpg,.jpeg,.png"/>
                                <button type="submit" class="button secondary">{w.cover_button}</button>
                            </form>
                        })}
                        {p.can_manage.then(|| view! {
                            <h2 id="add-need">{w.add_need}</h2>
                            <ActionForm action=add attr:class="need-form add-need">
                                <LangInput locale/>
                                <input type="hidden" name="center_id" value=cid/>
                                <input type="hidden" name="program_id" value=pid/>
                                <NeedInputs fields=NeedFields::default() currencies=p.currencies.clone() error=add_error locale new=true/>
                                <FormAlert error=add_error locale fields=NEED_INPUTS/>
                                <Submit label=w.add_need_button pending=add.pending().into()/>
                            </ActionForm>
                            <h2>{w.edit_program}</h2>
                            <ActionForm action=update attr:class="program-form">
                                <LangInput locale/>
                                <input type="hidden" name="center_id" value=cid/>
                                <input type="hidden" name="program_id" value=pid/>
                                <ProgramInputs fields=p.fields.clone() counties=p.counties.clone() error=update_error locale prefix="p-"/>
                                <FormAlert error=update_error locale fields=PROGRAM_INPUTS/>
                                <Submit label=w.save_button pending=update.pending().into()/>
                            </ActionForm>
                        })}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// A need in the program's list: its figures and standing, with a link to its page.
#[component]
fn NeedItem(need: WorkspaceNeed, center_id: i32, program_id: i32, locale: Locale) -> impl IntoView {
    let w = ws_strings(locale);
    let link = routes::need_workspace(locale, center_id, program_id, need.figures.id);
    view! { <NeedProgress need=need.figures locale give=Some((link, w.need_link))/> }
}

/// A need's priority, in a line.
#[component]
fn NeedMeta(need: WorkspaceNeed, locale: Locale) -> impl IntoView {
    let w = ws_strings(locale);
    view! { {w.priority} ": " <span class="priority">{need.priority.label(locale)}</span> }
}

/// The inputs of a need form. `new`: the kind and currency may be chosen
/// (they are fixed once a need exists).
#[component]
fn NeedInputs(
    fields: NeedFields,
    currencies: Vec<String>,
    error: FormError,
    locale: Locale,
    new: bool,
) -> impl IntoView {
    let w = ws_strings(locale);
    let priorities = Priority::ALL
        .iter()
        .map(|p| (p.code().to_owned(), p.label(locale).to_owned()))
        .collect();
    let currency_options: Vec<(String, String)> = currencies
        .iter()
        .filter_map(|c| nikoo_types::Currency::from_code(c))
        // The unit amounts are typed in: toman and euro on fa pages, codes on en.
        .map(|c| {
            (
                c.code().to_owned(),
                nikoo_types::money::unit_label(c, locale).to_owned(),
            )
        })
        .collect();
    let money = new || fields.kind == "money";
    let items = new || fields.kind == "in_kind";
    let kind_error = field_message(error, "kind", locale);
    let fixed_currency = nikoo_types::Currency::from_code(&fields.currency)
        .map(|c| nikoo_types::money::unit_label(c, locale));
    view! {
        {new.then(|| view! {
            <fieldset class="field">
                <legend>{w.need_kind}</legend>
                <label class="choice"><input type="radio" name="kind" value="money" checked/> " " {w.kind_money}</label>
                <label class="choice"><input type="radio" name="kind" value="in_kind"/> " " {w.kind_in_kind}</label>
                <p class="field-error" role="alert">{kind_error}</p>
            </fieldset>
        })}
        <Field name="title_fa" label=w.need_title_fa error locale dir="rtl" value=fields.title_fa.clone()/>
        <Field name="title_en" label=w.need_title_en error locale dir="ltr" value=fields.title_en.clone()/>
        {new.then(|| view! {
            <Select name="currency" label=w.currency error locale options=currency_options.clone() selected="IRR"/>
        })}
        {money.then(|| view! {
            <fieldset class="need-money">
                <legend>{w.money_fields}</legend>
                <Field name="target_amount" label=w.target_amount error locale dir="ltr" inputmode="decimal" value=fields.target_amount.clone() hint=fixed_currency.unwrap_or_default()/>
            </fieldset>
        })}
        {items.then(|| view! {
            <fieldset class="need-items">
                <legend>{w.item_fields}</legend>
                <Field name="unit_fa" label=w.unit_fa error locale dir="rtl" value=fields.unit_fa.clone()/>
                <Field name="unit_en" label=w.unit_en error locale dir="ltr" value=fields.unit_en.clone()/>
                <Field name="target_quantity" label=w.target_quantity error locale dir="ltr" inputmode="numeric" value=fields.target_quantity.clone()/>
                <Field name="unit_value" label=w.unit_value error locale dir="ltr" inputmode="decimal" value=fields.unit_value.clone() hint=w.optional/>
            </fieldset>
        })}
        <Select name="priority" label=w.priority error locale options=priorities selected=if fields.priority.is_empty() { "normal".to_owned() } else { fields.priority.clone() }/>
        <Field name="deadline" label=w.deadline error locale dir="ltr" value=fields.deadline.clone() hint=w.date_hint/>
    }
}

/// One need: its figures, its form, close or reopen.
#[component]
pub fn NeedWorkspacePage() -> impl IntoView {
    let locale = use_locale();
    let (s, w) = (strings(locale), ws_strings(locale));
    let (cid, nid) = (center_id_param(), id_param("nid"));
    let key = query_key();
    let update = ServerAction::<UpdateNeed>::new();
    let close = ServerAction::<CloseNeed>::new();
    let done = move || (update.version().get(), close.version().get());
    let page = Resource::new(
        move || (cid(), nid(), key(), done()),
        move |(c, n, _, _)| async move { get_need_workspace(locale.code().to_owned(), c?, n?).await },
    );
    let (update_error, close_error) = (action_error(update), action_error(close));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                let p = match page.await {
                    Err(e) => return view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(p) => p,
                };
                let (cid, pid, n) = (p.center_id, p.program.id, p.need.clone());
                let nid = n.figures.id;
                let closed = n.state == "closed";
                let title = n.figures.title.get(locale).to_owned();
                let program_href = routes::program_workspace(locale, cid, pid);
                let target = need_amount(&n.figures, n.figures.target, locale);
                view! {
                    <Title text=title/>
                    <section class="workspace need-workspace" data-need-id=nid>
                        <p class="breadcrumb">
                            <a href=routes::center_programs(locale, cid)>{w.programs_title}</a>
                            " › "
                            <a href=program_href.clone()><Localized text=p.program.title.clone() locale/></a>
                        </p>
                        <h1><Localized text=n.figures.title.clone() locale/></h1>
                        <Notice locale/>
                        <p class="need-meta"><NeedMeta need=n.clone() locale/> " · " {s.target} ": " {target}</p>
                        <ul class="needs"><NeedProgress need=n.figures.clone() locale give=None/></ul>
                        <h2>{w.spending_title}</h2>
                        <SpendingTable lines=p.spending.clone() needs=vec![n.figures.clone()] locale/>
                        {(p.can_spend && n.figures.kind == NeedKind::Money && !closed).then(|| view! {
                            <SpendingForm center_id=cid program_id=pid need_id=nid today=p.today.input(locale) currency=n.fields.currency.clone() locale/>
                        })}
                        {(p.can_deliver && n.figures.kind == NeedKind::InKind).then(|| view! {
                            <DeliveryForm center_id=cid program_id=pid need_id=nid today=p.today.input(locale) locale/>
                        })}
                        {p.can_manage.then(|| view! {
                            <h2>{w.edit_need}</h2>
                            <ActionForm action=update attr:class="need-form edit-need">
                                <LangInput locale/>
                                <input type="hidden" name="center_id" value=cid/>
                                <input type="hidden" name="program_id" value=pid/>
                                <input type="hidden" name="need_id" value=nid/>
                                <NeedInputs fields=n.fields.clone() currencies=vec![] error=update_error locale new=false/>
                                <FormAlert error=update_error locale fields=NEED_INPUTS/>
                                <Submit label=w.save_button pending=update.pending().into()/>
                            </ActionForm>
                            <h2>{if closed { w.reopen_button } else { w.close_need }}</h2>
                            <ActionForm action=close attr:class="close-need">
                                <LangInput locale/>
                                <input type="hidden" name="center_id" value=cid/>
                                <input type="hidden" name="program_id" value=pid/>
                                <input type="hidden" name="need_id" value=nid/>
                                {if closed {
                                    view! {
                                        <input type="hidden" name="reopen" value="on"/>
                                        <FormAlert error=close_error locale fields=&[]/>
                                        <Submit label=w.reopen_button pending=close.pending().into() class="button secondary"/>
                                    }.into_any()
                                } else {
                                    view! {
                                        <p class="hint">{w.close_warning}</p>
                                        <Field name="reason" label=w.close_reason error=close_error locale required=true/>
                                        <FormAlert error=close_error locale fields=&["reason"]/>
                                        <Submit label=w.close_button pending=close.pending().into() class="button danger"/>
                                    }.into_any()
                                }}
                            </ActionForm>
                        })}
                        <p><a href=program_href>{w.back_to_program}</a></p>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// A labelled file input (`name="file"`) with its field error.
#[component]
fn FileField(
    label: &'static str,
    hint: &'static str,
    error: FormError,
    locale: Locale,
    accept: &'static str,
) -> impl IntoView {
    let message = field_message(error, "file", locale);
    // A refused form comes back with what was typed, but no browser lets
    // a page choose a file again for its visitor.
    let again = has_refused_form().then_some(ws_strings(locale).file_again);
    view! {
        <div class="field">
            <label for="f-file">{label}</label>
            <input id="f-file" type="file" name="file" accept=accept/>
            <p class="hint">{hint}</p>
            {again.map(|t| view! { <p class="hint file-again">{t}</p> })}
            <p class="field-error" role="alert">{message}</p>
        </div>
    }
}

/// The inputs every spending form ends with: a file and whether it is public.
#[component]
fn EvidenceInputs(label: &'static str, error: FormError, locale: Locale) -> impl IntoView {
    let w = ws_strings(locale);
    view! {
        <FileField label hint=w.file_hint error locale accept=".jpg,.jpeg,.png,.pdf"/>
        <label class="choice"><input type="checkbox" name="file_public" value="on"/> " " {w.file_public}</label>
        <FormAlert error locale fields=&["amount", "paid_on", "payee_type", "description", "file", "quantity", "delivered_on", "households"]/>
    }
}

/// Money spent on a money need, with its receipt (a multipart form).
#[component]
fn SpendingForm(
    center_id: i32,
    program_id: i32,
    need_id: i32,
    today: String,
    currency: String,
    locale: Locale,
) -> impl IntoView {
    let w = ws_strings(locale);
    let error = route_error();
    let unit = nikoo_types::Currency::from_code(&currency)
        .map(|c| nikoo_types::money::unit_label(c, locale))
        .unwrap_or_default();
    let payees = crate::i18n::workspace::PAYEE_TYPES
        .iter()
        .map(|p| {
            (
                (*p).to_owned(),
                ws_strings(locale).payee_label(p).to_owned(),
            )
        })
        .collect();
    view! {
        <h2>{w.record_spending}</h2>
        <p class="hint">{w.fund_note}</p>
        <form method="post" enctype="multipart/form-data" class="spending-form"
            action=keyed(routes::need_disbursements(locale, center_id, need_id))>
            <input type="hidden" name="program_id" value=program_id/>
            <Field name="amount" label=w.amount error locale dir="ltr" inputmode="decimal" required=true hint=unit/>
            <Field name="paid_on" label=w.paid_on error locale dir="ltr" value=today hint=w.date_hint required=true/>
            <Select name="payee_type" label=w.payee_type error locale options=payees/>
            <TextArea name="description" label=w.description error locale rows=2/>
            <EvidenceInputs label=w.receipt_file error locale/>
            <button type="submit" class="button">{w.record_spending_button}</button>
        </form>
    }
}

/// Goods handed to beneficiaries, with a receipt or photo (a multipart form).
#[component]
fn DeliveryForm(
    center_id: i32,
    program_id: i32,
    need_id: i32,
    today: String,
    locale: Locale,
) -> impl IntoView {
    let w = ws_strings(locale);
    let error = route_error();
    view! {
        <h2>{w.record_delivery}</h2>
        <form method="post" enctype="multipart/form-data" class="delivery-form"
            action=keyed(routes::need_deliveries(locale, center_id, need_id))>
            <input type="hidden" name="program_id" value=program_id/>
            <Field name="quantity" label=w.quantity error locale dir="ltr" inputmode="numeric" required=true/>
            <Field name="delivered_on" label=w.delivered_on error locale dir="ltr" value=today hint=w.date_hint required=true/>
            <Field name="households" label=w.households error locale dir="ltr" inputmode="numeric" hint=w.households_hint/>
            <TextArea name="description" label=w.description error locale rows=2/>
            <EvidenceInputs label=w.photo_file error locale/>
            <button type="submit" class="button">{w.record_delivery_button}</button>
        </form>
    }
}
