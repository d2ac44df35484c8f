//! Imports: `/{lang}/my/centers/{id}/imports` (the center's imports and a
//! new file) and `/…/imports/{job}` (its columns, the dry run's row
//! errors, the import and its progress). Without JavaScript the page
//! refreshes itself while an import runs.

use super::staff::center_id_param;
use super::ErrorView;
use crate::api::imports::{get_import, get_imports, CheckImport, CommitImport};
use crate::components::form::{
    action_error, keyed, query_key, route_error, FormAlert, LangInput, Notice, Submit,
};
use crate::components::text::Localized;
use crate::error::AppError;
use crate::i18n::imports::strings as i_strings;
use crate::i18n::{strings, use_locale};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use nikoo_types::digits::format_integer;
use nikoo_types::imports::ImportStatus;
use nikoo_types::imports::{ImportJob, ImportKind};
use nikoo_types::routes;
use nikoo_types::Locale;

fn count(n: usize, locale: Locale) -> String {
    format_integer(i64::try_from(n).unwrap_or(i64::MAX), locale)
}

fn kind_label(kind: ImportKind, locale: Locale) -> &'static str {
    let i = i_strings(locale);
    match kind {
        ImportKind::Donations => i.kind_donations,
        ImportKind::Beneficiaries => i.kind_beneficiaries,
    }
}

/// The center's imports, and a new file.
#[component]
pub fn ImportsPage() -> impl IntoView {
    let locale = use_locale();
    let (s, i) = (strings(locale), i_strings(locale));
    let id = center_id_param();
    let key = query_key();
    let page = Resource::new(
        move || (id(), key()),
        |(id, _)| async move { get_imports(id?).await },
    );
    let error = route_error();
    view! {
        <Title text=i.title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                let p = match page.await {
                    Err(e) => return view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(p) => p,
                };
                let cid = p.center_id;
                view! {
                    <section class="workspace imports-page">
                        <p class="breadcrumb">
                            <a href=routes::center_staff(locale, cid)><Localized text=p.center_name.clone() locale/></a>
                        </p>
                        <h1>{i.title}</h1>
                        <Notice locale/>
                        <p>{i.intro}</p>
                        <h2>{i.upload_title}</h2>
                        <form method="post" enctype="multipart/form-data" class="import-upload"
                            action=keyed(routes::imports(locale, cid))>
                            <div class="field">
                                <label for="f-kind">{i.kind}</label>
                                <select id="f-kind" name="kind">
                                    <option value="donations">{i.kind_donations}</option>
                                    {p.can_import_beneficiaries.then(|| view! { <option value="beneficiaries">{i.kind_beneficiaries}</option> })}
                                </select>
                            </div>
                            <div class="field">
                                <label for="f-file">{i.file}</label>
                                <input id="f-file" type="file" name="file" accept=".csv,.xlsx,.txt" required/>
                                <p class="hint">{i.file_hint}</p>
                                <p class="field-error" role="alert">{crate::components::form::field_message_in(error, "import_", "file", locale)}</p>
                            </div>
                            <FormAlert error locale fields=&["file"]/>
                            <button type="submit" class="button">{i.upload_button}</button>
                        </form>
                        {p.jobs.is_empty().then(|| view! { <p>{i.none}</p> })}
                        {(!p.jobs.is_empty()).then(|| view! {
                            <div class="table-wrap">
                                <table class="data imports">
                                    <thead>
                                        <tr>
                                            <th scope="col">{i.col_file}</th>
                                            <th scope="col">{i.col_kind}</th>
                                            <th scope="col">{i.col_status}</th>
                                            <th scope="col">{i.col_rows}</th>
                                            <th scope="col">{i.col_date}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {p.jobs.clone().into_iter().map(|j| view! {
                                            <tr data-status=j.status.code()>
                                                <td><a href=routes::import_job(locale, cid, j.id)>{j.file_name.clone()}</a></td>
                                                <td>{kind_label(j.kind, locale)}</td>
                                                <td>{i_strings(locale).status_label(j.status.code())}</td>
                                                <td>{count(j.rows, locale)}</td>
                                                <td><time datetime=j.uploaded_on.iso()>{j.uploaded_on.format(locale)}</time></td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        })}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// One import: columns, dry run, import.
#[component]
pub fn ImportJobPage() -> impl IntoView {
    let locale = use_locale();
    let (s, i) = (strings(locale), i_strings(locale));
    let cid = center_id_param();
    let params = use_params_map();
    let jid = move || {
        params
            .with(|p| p.get("job"))
            .and_then(|id| id.parse::<i32>().ok())
            .ok_or(AppError::NotFound)
    };
    let key = query_key();
    let check = ServerAction::<CheckImport>::new();
    let commit = ServerAction::<CommitImport>::new();
    let (check_error, commit_error) = (action_error(check), action_error(commit));
    let job = Resource::new(
        move || {
            (
                cid(),
                jid(),
                key(),
                check.version().get(),
                commit.version().get(),
            )
        },
        |(c, j, _, _, _)| async move { get_import(c?, j?).await },
    );
    view! {
        <Title text=i.title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                let j = match job.await {
                    Err(e) => return view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(j) => j,
                };
                view! { <Job j check commit check_error commit_error locale/> }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Job(
    j: ImportJob,
    check: ServerAction<CheckImport>,
    commit: ServerAction<CommitImport>,
    check_error: crate::components::form::FormError,
    commit_error: crate::components::form::FormError,
    locale: Locale,
) -> impl IntoView {
    let i = i_strings(locale);
    let (cid, id) = (j.center_id, j.id);
    let importing = j.status == ImportStatus::Importing;
    let can_check = j.status.can_check();
    let required = j.kind.required_fields();
    view! {
        {importing.then(|| view! { <Meta http_equiv="refresh" content="2"/> })}
        <section class="workspace import-job" data-status=j.status.code()>
            <p class="breadcrumb">
                <a href=routes::imports(locale, cid)>{i.title}</a>
            </p>
            <h1>{j.file_name.clone()}</h1>
            <Notice locale/>
            <p>
                {kind_label(j.kind, locale)} " · " <span class="status">{i_strings(locale).status_label(j.status.code())}</span>
                " · " {count(j.rows, locale)} " " {i.col_rows}
            </p>
            {importing.then(|| view! {
                <p class="notice progress" role="status">
                    {i.importing} " " {count(j.done.map_or(0, |d| usize::try_from(d).unwrap_or(0)), locale)}
                    " / " {count(j.rows, locale)}
                </p>
            })}
            {(j.status == ImportStatus::Imported).then(|| view! {
                <p class="notice imported" role="status">
                    {i.imported} " " <span class="created">{count(j.created, locale)}</span>
                    {(j.already > 0).then(|| view! { " · " <span class="already">{count(j.already, locale)}</span> })}
                </p>
            })}
            {(j.status == ImportStatus::Failed).then(|| view! { <p class="form-alert" role="alert">{i.failed}</p> })}
            {can_check.then(|| view! {
                <h2>{i.mapping_title}</h2>
                <p>{i.mapping_intro}</p>
                <ActionForm action=check attr:class="import-mapping">
                    <LangInput locale/>
                    <input type="hidden" name="center_id" value=cid/>
                    <input type="hidden" name="job_id" value=id/>
                    {j.mapping.iter().map(|(field, column)| {
                        let name = format!("map_{field}");
                        let fid = format!("f-{name}");
                        let star = required.contains(&field.as_str());
                        view! {
                            <div class="field">
                                <label for=fid.clone()>{i_strings(locale).field_label(field)} {star.then(|| view! { " " <span class="muted">{i.required}</span> })}</label>
                                <select id=fid name=name>
                                    <option value="" selected=column.is_none()>{i.not_in_file}</option>
                                    {j.headers.iter().enumerate().map(|(c, h)| view! {
                                        <option value=c.to_string() selected=*column == Some(c)>{h.clone()}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        }
                    }).collect_view()}
                    <FormAlert error=check_error locale fields=&[]/>
                    <Submit label=i.check_button pending=check.pending().into() class="button secondary"/>
                </ActionForm>
            })}
            {(j.status == ImportStatus::Refused && !j.errors.is_empty()).then(|| view! {
                <h2>{i.errors_title} " (" {count(j.error_rows, locale)} ")"</h2>
                <div class="table-wrap">
                    <table class="data import-errors">
                        <thead>
                            <tr>
                                <th scope="col">{i.col_row}</th>
                                <th scope="col">{i.col_field}</th>
                                <th scope="col">{i.col_problem}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {j.errors.iter().map(|e| view! {
                                <tr data-row=e.row data-field=e.field.clone()>
                                    <td>{count(e.row, locale)}</td>
                                    <td>{i_strings(locale).field_label(&e.field)}</td>
                                    <td>{e.message(locale)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {(j.error_rows > j.errors.len()).then(|| view! { <p>{i.errors_more}</p> })}
            })}
            {j.status.can_import().then(|| view! {
                <p class="notice ready" role="status">{i.ready} " " {count(j.rows, locale)}</p>
                <ActionForm action=commit attr:class="import-commit">
                    <LangInput locale/>
                    <input type="hidden" name="center_id" value=cid/>
                    <input type="hidden" name="job_id" value=id/>
                    <FormAlert error=commit_error locale fields=&[]/>
                    <Submit label=i.import_button pending=commit.pending().into()/>
                </ActionForm>
            })}
            <p><a href=routes::imports(locale, cid)>{i.back}</a></p>
        </section>
    }
}
