//! Server functions of the center workspace: a center's programs and needs
//! for its staff, and the forms that create and change them. The domain's
//! policy decides each call (owners and managers change; all staff read).

use crate::error::AppError;
use leptos::prelude::*;
use nikoo_types::workspace::{
    CenterPrograms, NeedFields, NeedWorkspace, ProgramFields, ProgramWorkspace,
};
#[cfg(feature = "ssr")]
use {
    super::{actor, failed, form_locale, go, notice_at, state},
    nikoo_domain::workspace,
    nikoo_types::notices::Notice,
    nikoo_types::routes,
};

/// The path of a program in the workspace, with a notice.
#[cfg(feature = "ssr")]
fn program_path(lang: &str, center_id: i32, program_id: i32, notice: Notice) -> String {
    notice_at(
        routes::program_workspace(form_locale(lang), center_id, program_id),
        notice,
    )
}

/// The path of a need's page in the workspace, with a notice.
#[cfg(feature = "ssr")]
fn need_path(lang: &str, center_id: i32, program_id: i32, need_id: i32, notice: Notice) -> String {
    notice_at(
        routes::need_workspace(form_locale(lang), center_id, program_id, need_id),
        notice,
    )
}

/// A center's programs, drafts included.
#[server(prefix = "/_sfn", endpoint = "center_programs")]
pub async fn get_center_programs(center_id: i32) -> Result<CenterPrograms, AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    workspace::center_programs(&s.db, s.clock.now(), a.as_ref(), center_id)
        .await
        .map_err(failed)
}

/// One program of the center with its needs; amounts in the form as typed in `lang`.
#[server(prefix = "/_sfn", endpoint = "program_workspace")]
pub async fn get_program_workspace(
    lang: String,
    center_id: i32,
    program_id: i32,
) -> Result<ProgramWorkspace, AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    workspace::workspace(
        &s.db,
        s.clock.now(),
        a.as_ref(),
        center_id,
        program_id,
        form_locale(&lang),
    )
    .await
    .map_err(failed)
}

/// One need of a program of the center, for its own page.
#[server(prefix = "/_sfn", endpoint = "need_workspace")]
pub async fn get_need_workspace(
    lang: String,
    center_id: i32,
    need_id: i32,
) -> Result<NeedWorkspace, AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    workspace::need_workspace(
        &s.db,
        s.clock.now(),
        a.as_ref(),
        center_id,
        need_id,
        form_locale(&lang),
    )
    .await
    .map_err(failed)
}

/// Creates a draft program (owners and managers).
#[server(prefix = "/_sfn", endpoint = "create_program")]
pub async fn create_program(
    lang: String,
    center_id: i32,
    #[server(flatten)] fields: ProgramFields,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let p = workspace::create_program(&s.db, s.clock.now(), a.as_ref(), center_id, &fields)
        .await
        .map_err(failed)?;
    go(&program_path(
        &lang,
        center_id,
        p.id,
        Notice::ProgramCreated,
    ));
    Ok(())
}

/// Saves a program's texts, category, county and dates.
#[server(prefix = "/_sfn", endpoint = "update_program")]
pub async fn update_program(
    lang: String,
    center_id: i32,
    program_id: i32,
    #[server(flatten)] fields: ProgramFields,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    workspace::update_program(
        &s.db,
        s.clock.now(),
        a.as_ref(),
        center_id,
        program_id,
        &fields,
    )
    .await
    .map_err(failed)?;
    go(&program_path(
        &lang,
        center_id,
        program_id,
        Notice::ProgramSaved,
    ));
    Ok(())
}

/// Publishes, pauses, resumes, completes or archives a program.
#[server(prefix = "/_sfn", endpoint = "change_program_status")]
pub async fn change_program_status(
    lang: String,
    center_id: i32,
    program_id: i32,
    change: String,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    workspace::change_status(
        &s.db,
        s.clock.now(),
        a.as_ref(),
        center_id,
        program_id,
        &change,
    )
    .await
    .map_err(failed)?;
    let notice = Notice::from_code(&format!("program_{change}")).unwrap_or(Notice::ProgramSaved);
    go(&program_path(&lang, center_id, program_id, notice));
    Ok(())
}

/// Adds a money or in-kind need to a program.
#[server(prefix = "/_sfn", endpoint = "add_need")]
pub async fn add_need(
    lang: String,
    center_id: i32,
    program_id: i32,
    #[server(flatten)] fields: NeedFields,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    workspace::add_need(
        &s.db,
        s.clock.now(),
        a.as_ref(),
        center_id,
        program_id,
        &fields,
        form_locale(&lang),
    )
    .await
    .map_err(failed)?;
    go(&program_path(
        &lang,
        center_id,
        program_id,
        Notice::NeedAdded,
    ));
    Ok(())
}

/// Saves a need's titles, target, unit, priority and deadline.
#[server(prefix = "/_sfn", endpoint = "update_need")]
pub async fn update_need(
    lang: String,
    center_id: i32,
    program_id: i32,
    need_id: i32,
    #[server(flatten)] fields: NeedFields,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    // A need's kind and currency are fixed once created.
    let fields = NeedFields {
        kind: String::new(),
        currency: String::new(),
        ..fields
    };
    workspace::update_need(
        &s.db,
        s.clock.now(),
        a.as_ref(),
        center_id,
        need_id,
        &fields,
        form_locale(&lang),
    )
    .await
    .map_err(failed)?;
    go(&need_path(
        &lang,
        center_id,
        program_id,
        need_id,
        Notice::NeedSaved,
    ));
    Ok(())
}

/// Closes a need with a reason, or (`reopen` set) opens a closed one again.
#[server(prefix = "/_sfn", endpoint = "close_need")]
pub async fn close_need(
    lang: String,
    center_id: i32,
    program_id: i32,
    need_id: i32,
    #[server(default)] reason: String,
    #[server(default)] reopen: Option<String>,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let now = s.clock.now();
    let notice = if reopen.is_some() {
        workspace::reopen_need(&s.db, now, a.as_ref(), center_id, need_id)
            .await
            .map_err(failed)?;
        Notice::NeedReopened
    } else {
        workspace::close_need(&s.db, now, a.as_ref(), center_id, need_id, &reason)
            .await
            .map_err(failed)?;
        Notice::NeedClosed
    };
    go(&need_path(&lang, center_id, program_id, need_id, notice));
    Ok(())
}
