//! Accounts: sign-up with email verification, sign-in, password change and
//! reset, profile, deletion, and the operator's `create-admin`.
//!
//! No account enumeration (OWASP Authentication Cheat Sheet): sign-up,
//! sign-in and reset answer the same for known and unknown emails, and cost
//! the same time (a password is hashed or verified on every path).

use crate::accounts::throttle;
use crate::entities::{
    center_member,
    codes::{CenterRole, TokenPurpose},
    donation, donor, email_token, pledge, user,
};
use crate::outbox;
use crate::secrets::{new_token, token_hash, PasswordHasher};
use crate::DomainError;
use chrono::{DateTime, Duration, Utc};
use nikoo_types::accounts::{
    check_new_password, parse_email, required_text, FieldError, Me, DISPLAY_NAME_MAX_CHARS,
};
use nikoo_types::mail::Message;
use nikoo_types::outcome::Rule;
use nikoo_types::Locale;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};

/// How long an email-verification link works (24 hours).
pub const VERIFY_TOKEN_HOURS: i64 = 24;
/// How long a password-reset link works (1 hour; OWASP Forgot Password Cheat Sheet).
pub const RESET_TOKEN_HOURS: i64 = 1;

/// The sign-up form.
#[derive(Debug, Clone)]
pub struct SignUp {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub locale: Locale,
}

fn locale_of(u: &user::Model) -> Locale {
    Locale::from_code(&u.locale).unwrap_or(Locale::Fa)
}

async fn find_by_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<user::Model>, DomainError> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .filter(user::Column::DeletedAt.is_null())
        .one(db)
        .await?)
}

/// Issues a token of `purpose` to `user_id`, ending every earlier one.
/// `db` is a write transaction: the account's row stays locked until it
/// ends, so of two links requested at once the second ends the first
/// (without the lock, each could end only what was committed before it,
/// and both would work).
async fn issue_token<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    user_id: i32,
    purpose: TokenPurpose,
    hours: i64,
) -> Result<String, DomainError> {
    crate::db::for_update(db, user::Entity::find_by_id(user_id))
        .one(db)
        .await?;
    end_tokens(db, now, user_id, purpose).await?;
    let token = new_token();
    email_token::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(hours)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Spends a token: it must exist, have `purpose`, be unexpired and unused.
async fn spend_token<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    token: &str,
    purpose: TokenPurpose,
) -> Result<user::Model, DomainError> {
    let invalid = || DomainError::invalid("token", Rule::InvalidToken);
    let t = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
        .filter(|t| t.purpose == purpose && t.used_at.is_none() && t.expires_at > now)
        .ok_or_else(invalid)?;
    let u = crate::accounts::users::find(db, t.user_id)
        .await?
        .ok_or_else(invalid)?;
    // Spent once: of two requests with one token, only the first ends it.
    let spent = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(now))
        .filter(email_token::Column::Id.eq(t.id))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if spent.rows_affected != 1 {
        return Err(invalid());
    }
    Ok(u)
}

/// Ends every unused token of `user_id` for `purpose`: issuing one ends
/// all earlier ones, so an older reset link found in a mailbox no
/// longer works (OWASP Forgot Password Cheat Sheet).
async fn end_tokens<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    user_id: i32,
    purpose: TokenPurpose,
) -> Result<(), DomainError> {
    email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(now))
        .filter(email_token::Column::UserId.eq(user_id))
        .filter(email_token::Column::Purpose.eq(purpose))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Signs up: a new account (unverified) and a verification email; for an
/// email that already has an account, an "you already have an account"
/// email instead. The caller cannot tell which happened.
///
/// Throttled per client address (`ip`) and per email address, known or
/// not, so neither answer tells which.
///
/// # Errors
/// [`DomainError::Invalid`] for a bad field; [`DomainError::Throttled`];
/// [`DomainError::Db`].
pub async fn sign_up(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    now: DateTime<Utc>,
    form: SignUp,
    ip: &str,
) -> Result<(), DomainError> {
    let email = parse_email("email", &form.email)?;
    let display_name = required_text("display_name", &form.display_name, DISPLAY_NAME_MAX_CHARS)?;
    check_new_password("password", &form.password)?;
    let attempt = throttle::take(
        db,
        now,
        &[
            (throttle::SIGNUP_PER_IP, &throttle::ip_subject(ip)),
            (
                throttle::SIGNUP_PER_EMAIL,
                &throttle::account_subject(&email),
            ),
        ],
    )
    .await?;
    throttle::settle(db, attempt, true).await?;
    // Hash on every path, so both answers take the same time.
    let hash = hasher.hash(&form.password).await?;
    let lang = form.locale.code();
    let txn = crate::db::begin_write(db).await?;
    match find_by_email(&txn, &email).await? {
        Some(existing) => {
            let l = locale_of(&existing);
            outbox::enqueue(&txn, now, &email, l, &Message::AccountExists).await?;
        }
        None => {
            let u = user::ActiveModel {
                email: Set(email.clone()),
                password_hash: Set(hash),
                display_name: Set(display_name.clone()),
                locale: Set(lang.to_owned()),
                volunteer: Set(false),
                platform_admin: Set(false),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            let token = issue_token(
                &txn,
                now,
                u.id,
                TokenPurpose::VerifyEmail,
                VERIFY_TOKEN_HOURS,
            )
            .await?;
            outbox::enqueue(
                &txn,
                now,
                &email,
                form.locale,
                &Message::VerifyEmail {
                    name: display_name.clone(),
                    token,
                },
            )
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Confirms an account's email with the emailed token (spent on use).
///
/// # Errors
/// [`DomainError::Invalid`] (`token`, `invalid_token`); [`DomainError::Db`].
pub async fn verify_email(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    token: &str,
) -> Result<user::Model, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let u = spend_token(&txn, now, token, TokenPurpose::VerifyEmail).await?;
    let u = if u.email_verified_at.is_none() {
        let mut row: user::ActiveModel = u.into();
        row.email_verified_at = Set(Some(now));
        row.update(&txn).await?
    } else {
        u
    };
    txn.commit().await?;
    Ok(u)
}

/// Checks a sign-in: throttling per account and per IP first, then the
/// password. Unknown email and wrong password give the same error.
///
/// # Errors
/// [`DomainError::Throttled`]; [`DomainError::Invalid`] with
/// `invalid_credentials` or (right password, unverified) `email_not_verified`;
/// [`DomainError::Db`].
pub async fn log_in(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    now: DateTime<Utc>,
    email: &str,
    password: &str,
    ip: &str,
) -> Result<user::Model, DomainError> {
    let email = email.trim().to_lowercase();
    let account = throttle::account_subject(&email);
    let client = throttle::ip_subject(ip);
    let attempt = throttle::take(
        db,
        now,
        &[
            (throttle::LOGIN_PER_ACCOUNT, &account),
            (throttle::LOGIN_PER_IP, &client),
        ],
    )
    .await?;
    let found = find_by_email(db, &email).await?;
    let ok = hasher
        .verify(password, found.as_ref().map(|u| u.password_hash.as_str()))
        .await?;
    throttle::settle(db, attempt, ok).await?;
    match found {
        Some(u) if ok && u.email_verified_at.is_some() => Ok(u),
        Some(_) if ok => Err(DomainError::invalid("email", Rule::EmailNotVerified)),
        _ => Err(DomainError::invalid("password", Rule::InvalidCredentials)),
    }
}

/// Sends a password-reset link when the email has an account; answers the
/// same either way. Throttled per account and per IP.
///
/// # Errors
/// [`DomainError::Invalid`] for a malformed email; [`DomainError::Throttled`]; [`DomainError::Db`].
pub async fn request_password_reset(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    email: &str,
    ip: &str,
) -> Result<(), DomainError> {
    let email = parse_email("email", email)?;
    let account = throttle::account_subject(&email);
    let client = throttle::ip_subject(ip);
    let attempt = throttle::take(
        db,
        now,
        &[
            (throttle::RESET_PER_ACCOUNT, &account),
            (throttle::RESET_PER_IP, &client),
        ],
    )
    .await?;
    let txn = crate::db::begin_write(db).await?;
    throttle::settle(&txn, attempt, true).await?;
    if let Some(u) = find_by_email(&txn, &email).await? {
        let l = locale_of(&u);
        let token = issue_token(
            &txn,
            now,
            u.id,
            TokenPurpose::ResetPassword,
            RESET_TOKEN_HOURS,
        )
        .await?;
        outbox::enqueue(&txn, now, &u.email, l, &Message::ResetPassword { token }).await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn set_password<C: ConnectionTrait>(
    db: &C,
    u: user::Model,
    hash: String,
) -> Result<user::Model, DomainError> {
    let mut row: user::ActiveModel = u.into();
    row.password_hash = Set(hash);
    Ok(row.update(db).await?)
}

/// Sets a new password with a reset token (spent on use). The account's
/// sessions end, because their stored hash no longer matches. A reset
/// also proves the email, so it verifies it.
///
/// # Errors
/// [`DomainError::Invalid`] (`token` or `new_password`); [`DomainError::Db`].
pub async fn reset_password(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    now: DateTime<Utc>,
    token: &str,
    new_password: &str,
) -> Result<user::Model, DomainError> {
    check_new_password("new_password", new_password)?;
    let hash = hasher.hash(new_password).await?;
    let txn = crate::db::begin_write(db).await?;
    let u = spend_token(&txn, now, token, TokenPurpose::ResetPassword).await?;
    let verified = u.email_verified_at.unwrap_or(now);
    let mut row: user::ActiveModel = u.into();
    row.email_verified_at = Set(Some(verified));
    let u = set_password(&txn, row.update(&txn).await?, hash).await?;
    txn.commit().await?;
    Ok(u)
}

async fn live_user(db: &DatabaseConnection, user_id: i32) -> Result<user::Model, DomainError> {
    crate::accounts::users::find(db, user_id)
        .await?
        .ok_or(DomainError::Unauthenticated)
}

/// Changes a password after checking the current one; every other session
/// of the account ends (the caller re-signs-in its own).
///
/// # Errors
/// [`DomainError::Invalid`] (`current_password`/`wrong_password`, `new_password`); [`DomainError::Db`].
pub async fn change_password(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    user_id: i32,
    current: &str,
    new_password: &str,
) -> Result<user::Model, DomainError> {
    let u = live_user(db, user_id).await?;
    check_new_password("new_password", new_password)?;
    if !hasher.verify(current, Some(&u.password_hash)).await? {
        return Err(DomainError::invalid(
            "current_password",
            Rule::WrongPassword,
        ));
    }
    let hash = hasher.hash(new_password).await?;
    set_password(db, u, hash).await
}

/// Updates the display name, language, volunteer opt-in and whether the
/// account wants the updates of the programs it gives to.
///
/// # Errors
/// [`DomainError::Invalid`]; [`DomainError::Db`].
pub async fn update_profile(
    db: &DatabaseConnection,
    user_id: i32,
    display_name: &str,
    locale: &str,
    volunteer: bool,
    wants_updates: bool,
) -> Result<user::Model, DomainError> {
    let u = live_user(db, user_id).await?;
    let name = required_text("display_name", display_name, DISPLAY_NAME_MAX_CHARS)?;
    let locale = Locale::from_code(locale).ok_or(FieldError::new("locale", Rule::UnknownCode))?;
    let mut row: user::ActiveModel = u.into();
    row.display_name = Set(name);
    row.locale = Set(locale.code().to_owned());
    row.volunteer = Set(volunteer);
    row.wants_updates = Set(wants_updates);
    Ok(row.update(db).await?)
}

/// Deletes an account after checking its password: its email, name and
/// password are erased, its memberships end, and its past gifts stay in
/// the ledger as anonymous (their donor record loses name and email).
/// Refused while the account is a center's only owner.
///
/// # Errors
/// [`DomainError::Invalid`] (`password`/`wrong_password`, `sole_owner`); [`DomainError::Db`].
pub async fn delete_account(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    now: DateTime<Utc>,
    user_id: i32,
    password: &str,
) -> Result<(), DomainError> {
    let u = live_user(db, user_id).await?;
    if !hasher.verify(password, Some(&u.password_hash)).await? {
        return Err(DomainError::invalid("password", Rule::WrongPassword));
    }
    let txn = crate::db::begin_write(db).await?;
    let owned = center_member::Entity::find()
        .filter(center_member::Column::UserId.eq(user_id))
        .filter(center_member::Column::Role.eq(CenterRole::Owner))
        .all(&txn)
        .await?;
    for m in owned {
        if crate::accounts::policy::owner_count(&txn, m.center_id).await? <= 1 {
            return Err(DomainError::invalid("password", Rule::SoleOwner));
        }
    }
    center_member::Entity::delete_many()
        .filter(center_member::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    if let Some(donor_id) = u.donor_id {
        donor::Entity::update_many()
            .col_expr(
                donor::Column::DisplayName,
                sea_orm::sea_query::Expr::value(""),
            )
            .col_expr(
                donor::Column::Email,
                sea_orm::sea_query::Expr::value(Option::<String>::None),
            )
            .filter(donor::Column::Id.eq(donor_id))
            .exec(&txn)
            .await?;
        donation::Entity::update_many()
            .col_expr(
                donation::Column::Anonymous,
                sea_orm::sea_query::Expr::value(true),
            )
            .filter(donation::Column::DonorId.eq(donor_id))
            .exec(&txn)
            .await?;
        pledge::Entity::update_many()
            .col_expr(
                pledge::Column::Anonymous,
                sea_orm::sea_query::Expr::value(true),
            )
            .filter(pledge::Column::DonorId.eq(donor_id))
            .exec(&txn)
            .await?;
    }
    let mut row: user::ActiveModel = u.into();
    row.email = Set(format!("deleted-{user_id}@invalid"));
    row.display_name = Set(String::new());
    row.password_hash = Set(String::new());
    row.volunteer = Set(false);
    row.platform_admin = Set(false);
    row.deleted_at = Set(Some(now));
    row.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// The signed-in account as pages see it; `None` when it is gone.
///
/// # Errors
/// [`DomainError::Db`].
pub async fn me<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Option<Me>, DomainError> {
    let Some(u) = crate::accounts::users::find(db, user_id).await? else {
        return Ok(None);
    };
    let staff = center_member::Entity::find()
        .filter(center_member::Column::UserId.eq(user_id))
        .count(db)
        .await?
        > 0;
    Ok(Some(Me {
        user_id: u.id,
        email: u.email,
        display_name: u.display_name,
        locale: u.locale,
        volunteer: u.volunteer,
        wants_updates: u.wants_updates,
        platform_admin: u.platform_admin,
        staff,
    }))
}

/// `nikoo create-admin`: makes the account with `email` a platform admin,
/// creating it (verified) with `password` when it does not exist. An
/// existing account keeps its password.
///
/// # Errors
/// [`DomainError::Invalid`] for a bad email or password; [`DomainError::Db`].
pub async fn create_admin(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    now: DateTime<Utc>,
    email: &str,
    password: &str,
) -> Result<user::Model, DomainError> {
    let email = parse_email("email", email)?;
    if let Some(u) = find_by_email(db, &email).await? {
        let mut row: user::ActiveModel = u.into();
        row.platform_admin = Set(true);
        return Ok(row.update(db).await?);
    }
    check_new_password("password", password)?;
    let hash = hasher.hash(password).await?;
    let name = email.split('@').next().unwrap_or("admin").to_owned();
    Ok(user::ActiveModel {
        email: Set(email),
        email_verified_at: Set(Some(now)),
        password_hash: Set(hash),
        display_name: Set(name),
        locale: Set(Locale::Fa.code().to_owned()),
        volunteer: Set(false),
        platform_admin: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}
