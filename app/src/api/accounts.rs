//! Server functions of accounts: sign-up, email verification, sign-in and
//! out, password change and reset, profile, deletion. Every form posts
//! its page's `lang`; on success the browser is sent on with a `notice`.

use crate::error::AppError;
use leptos::prelude::*;
use nikoo_types::accounts::Me;
#[cfg(feature = "ssr")]
use {
    super::{actor, auth_session, client_ip, failed, form_locale, go, notice_at, state},
    crate::auth::{AuthSession, SessionUser, SIGNED_IN_AT},
    nikoo_domain::accounts,
    nikoo_domain::entities::user,
    nikoo_types::notices::Notice,
    nikoo_types::routes,
};

/// Signs `user` in on this request's session, with a new session id every
/// time (axum-login cycles only the first sign-in of a session).
#[cfg(feature = "ssr")]
async fn sign_in(session: &mut AuthSession, user: &user::Model, now: i64) -> Result<(), AppError> {
    let fail = |e: &dyn std::fmt::Display| {
        tracing::error!(error = %e, "session write failed");
        failed(AppError::Internal)
    };
    if session.user.is_some() {
        session.session.cycle_id().await.map_err(|e| fail(&e))?;
    }
    session
        .login(&SessionUser::from(user))
        .await
        .map_err(|e| fail(&e))?;
    session
        .session
        .insert(SIGNED_IN_AT, now)
        .await
        .map_err(|e| fail(&e))
}

/// The signed-in account, or `None`.
#[server(prefix = "/_sfn", endpoint = "me")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    let s = state()?;
    match auth_session().await?.user {
        Some(u) => accounts::me(&s.db, u.id).await.map_err(failed),
        None => Ok(None),
    }
}

/// Signs up; the answer is the same whether or not the email has an account.
#[server(prefix = "/_sfn", endpoint = "sign_up")]
pub async fn sign_up(
    lang: String,
    email: String,
    password: String,
    display_name: String,
) -> Result<(), AppError> {
    let s = state()?;
    let locale = form_locale(&lang);
    let form = accounts::SignUp {
        email,
        password,
        display_name,
        locale,
    };
    accounts::sign_up(&s.db, &s.hasher, s.clock.now(), form, &client_ip().await)
        .await
        .map_err(failed)?;
    go(&notice_at(routes::signup(locale), Notice::SignupSent));
    Ok(())
}

/// Verifies an email with the emailed token (the link's page posts it).
#[server(prefix = "/_sfn", endpoint = "verify_email")]
pub async fn verify_email(lang: String, token: String) -> Result<(), AppError> {
    let s = state()?;
    accounts::verify_email(&s.db, s.clock.now(), &token)
        .await
        .map_err(failed)?;
    go(&notice_at(
        routes::login(form_locale(&lang), None),
        Notice::EmailVerified,
    ));
    Ok(())
}

/// Signs in; on success goes to `next` (a path on this site) or to "My
/// giving" (what a donor comes back for; staff reach their centers from
/// the menu).
#[server(prefix = "/_sfn", endpoint = "log_in")]
pub async fn log_in(
    lang: String,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    let s = state()?;
    let now = s.clock.now();
    let ip = client_ip().await;
    let user = accounts::log_in(&s.db, &s.hasher, now, &email, &password, &ip)
        .await
        .map_err(failed)?;
    let mut session = auth_session().await?;
    sign_in(&mut session, &user, now.timestamp()).await?;
    let locale = form_locale(&lang);
    let landing = routes::my_giving(locale);
    go(next
        .as_deref()
        .and_then(routes::local_path)
        .unwrap_or(&landing));
    Ok(())
}

/// Signs out: the session is deleted on the server.
#[server(prefix = "/_sfn", endpoint = "log_out")]
pub async fn log_out(lang: String) -> Result<(), AppError> {
    let mut session = auth_session().await?;
    session.logout().await.map_err(|e| {
        tracing::error!(error = %e, "logout failed");
        failed(AppError::Internal)
    })?;
    go(&notice_at(
        routes::home(form_locale(&lang)),
        Notice::LoggedOut,
    ));
    Ok(())
}

/// Emails a password-reset link if the address has an account; same answer either way.
#[server(prefix = "/_sfn", endpoint = "request_password_reset")]
pub async fn request_password_reset(lang: String, email: String) -> Result<(), AppError> {
    let s = state()?;
    let ip = client_ip().await;
    accounts::request_password_reset(&s.db, s.clock.now(), &email, &ip)
        .await
        .map_err(failed)?;
    go(&notice_at(
        routes::forgot_password(form_locale(&lang)),
        Notice::ResetSent,
    ));
    Ok(())
}

/// Sets a new password with the emailed token; all the account's sessions end.
#[server(prefix = "/_sfn", endpoint = "reset_password")]
pub async fn reset_password(
    lang: String,
    token: String,
    new_password: String,
) -> Result<(), AppError> {
    let s = state()?;
    accounts::reset_password(&s.db, &s.hasher, s.clock.now(), &token, &new_password)
        .await
        .map_err(failed)?;
    go(&notice_at(
        routes::login(form_locale(&lang), None),
        Notice::PasswordReset,
    ));
    Ok(())
}

/// Changes the password; other sessions end, this one continues under a new id.
#[server(prefix = "/_sfn", endpoint = "change_password")]
pub async fn change_password(
    lang: String,
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let s = state()?;
    let me = actor(&s)
        .await?
        .ok_or_else(|| failed(AppError::Unauthenticated))?;
    let user = accounts::change_password(
        &s.db,
        &s.hasher,
        me.user_id,
        &current_password,
        &new_password,
    )
    .await
    .map_err(failed)?;
    let mut session = auth_session().await?;
    sign_in(&mut session, &user, s.clock.now().timestamp()).await?;
    go(&notice_at(
        routes::account(form_locale(&lang)),
        Notice::PasswordChanged,
    ));
    Ok(())
}

/// Saves the display name, language and volunteer opt-in (a checkbox: present when ticked).
#[server(prefix = "/_sfn", endpoint = "update_profile")]
pub async fn update_profile(
    display_name: String,
    locale: String,
    volunteer: Option<String>,
    #[server(default)] wants_updates: Option<String>,
) -> Result<(), AppError> {
    let s = state()?;
    let me = actor(&s)
        .await?
        .ok_or_else(|| failed(AppError::Unauthenticated))?;
    let u = accounts::update_profile(
        &s.db,
        me.user_id,
        &display_name,
        &locale,
        volunteer.is_some(),
        wants_updates.is_some(),
    )
    .await
    .map_err(failed)?;
    go(&notice_at(
        routes::account(form_locale(&u.locale)),
        Notice::ProfileSaved,
    ));
    Ok(())
}

/// Deletes the account after checking its password, and signs out.
#[server(prefix = "/_sfn", endpoint = "delete_account")]
pub async fn delete_account(lang: String, password: String) -> Result<(), AppError> {
    let s = state()?;
    let me = actor(&s)
        .await?
        .ok_or_else(|| failed(AppError::Unauthenticated))?;
    accounts::delete_account(&s.db, &s.hasher, s.clock.now(), me.user_id, &password)
        .await
        .map_err(failed)?;
    let mut session = auth_session().await?;
    let _ = session.logout().await;
    go(&notice_at(
        routes::home(form_locale(&lang)),
        Notice::AccountDeleted,
    ));
    Ok(())
}
