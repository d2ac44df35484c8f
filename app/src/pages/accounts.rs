//! Account pages: `/{lang}/signup`, `/login`, `/verify-email`,
//! `/forgot-password`, `/reset-password` and `/account`.

use super::ErrorView;
use crate::api::accounts::{
    current_user, ChangePassword, DeleteAccount, LogIn, RequestPasswordReset, ResetPassword,
    SignUp, UpdateProfile, VerifyEmail,
};
use crate::components::confirm::Confirm;
use crate::components::form::{
    action_error, query_key, query_value, Field, FormAlert, LangInput, Notice, Submit,
};
use crate::i18n::accounts::strings as account_strings;
use crate::i18n::{strings, use_locale};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use nikoo_types::routes;
use nikoo_types::Locale;

/// Sign up: email, password, display name; the language is the page's.
#[component]
pub fn SignupPage() -> impl IntoView {
    let locale = use_locale();
    let a = account_strings(locale);
    let action = ServerAction::<SignUp>::new();
    let error = action_error(action);
    view! {
        <Title text=a.signup_title/>
        <section class="form-page">
            <h1>{a.signup_title}</h1>
            <Notice locale/>
            <p>{a.signup_intro}</p>
            <ActionForm action>
                <LangInput locale/>
                <Field name="display_name" label=a.display_name error locale autocomplete="name" required=true/>
                <Field name="email" label=a.email error locale kind="email" autocomplete="email" required=true dir="ltr"/>
                <Field name="password" label=a.password error locale kind="password" autocomplete="new-password" required=true hint=a.password_hint/>
                <FormAlert error locale fields=&["display_name", "email", "password"]/>
                <Submit label=a.signup_button pending=action.pending().into()/>
            </ActionForm>
            <p><a href=routes::login(locale, None)>{a.have_account}</a></p>
        </section>
    }
}

/// Log in; `?next=` is where to go afterwards.
#[component]
pub fn LoginPage() -> impl IntoView {
    let locale = use_locale();
    let a = account_strings(locale);
    let action = ServerAction::<LogIn>::new();
    let error = action_error(action);
    let next = query_value("next");
    view! {
        <Title text=a.login_title/>
        <section class="form-page">
            <h1>{a.login_title}</h1>
            <Notice locale/>
            {move || login_reason(&next(), locale).map(|r| view! { <p class="notice login-reason">{r}</p> })}
            <ActionForm action>
                <LangInput locale/>
                <input type="hidden" name="next" value=next/>
                <Field name="email" label=a.email error locale kind="email" autocomplete="username" required=true dir="ltr"/>
                <Field name="password" label=a.password error locale kind="password" autocomplete="current-password" required=true/>
                <FormAlert error locale fields=&["email", "password"]/>
                <Submit label=a.login_button pending=action.pending().into()/>
            </ActionForm>
            <p><a href=routes::forgot_password(locale)>{a.forgot_link}</a></p>
            <p><a href=routes::signup(locale)>{a.no_account}</a></p>
        </section>
    }
}

/// Why the visitor was sent to log in, from the page they asked for
/// (`next`): None without one.
fn login_reason(next: &str, locale: Locale) -> Option<&'static str> {
    let a = account_strings(locale);
    let (_, page) = routes::split_locale(routes::local_path(next)?)?;
    Some(if page.starts_with("/my/giving") {
        a.login_reason_giving
    } else if page.starts_with("/give/") || page.starts_with("/pledge") {
        a.login_reason_give
    } else if page.starts_with("/my/centers") || page.starts_with("/invitations") {
        a.login_reason_center
    } else if page.starts_with("/admin") {
        a.login_reason_admin
    } else {
        a.login_reason_other
    })
}

/// The emailed verification link: a button that posts the token (GET changes nothing).
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let locale = use_locale();
    let a = account_strings(locale);
    let action = ServerAction::<VerifyEmail>::new();
    let error = action_error(action);
    let token = query_value("token");
    view! {
        <Title text=a.verify_title/>
        <section class="form-page">
            <h1>{a.verify_title}</h1>
            <p>{a.verify_text}</p>
            <ActionForm action>
                <LangInput locale/>
                <input type="hidden" name="token" value=token/>
                <FormAlert error locale fields=&[]/>
                <Submit label=a.verify_button pending=action.pending().into()/>
            </ActionForm>
        </section>
    }
}

/// Ask for a password-reset link.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let locale = use_locale();
    let a = account_strings(locale);
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = action_error(action);
    view! {
        <Title text=a.forgot_title/>
        <section class="form-page">
            <h1>{a.forgot_title}</h1>
            <Notice locale/>
            <p>{a.forgot_intro}</p>
            <ActionForm action>
                <LangInput locale/>
                <Field name="email" label=a.email error locale kind="email" autocomplete="email" required=true dir="ltr"/>
                <FormAlert error locale fields=&["email"]/>
                <Submit label=a.forgot_button pending=action.pending().into()/>
            </ActionForm>
        </section>
    }
}

/// The emailed reset link: choose a new password (the post spends the token).
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let locale = use_locale();
    let a = account_strings(locale);
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action);
    let token = query_value("token");
    view! {
        <Title text=a.reset_title/>
        <section class="form-page">
            <h1>{a.reset_title}</h1>
            <ActionForm action>
                <LangInput locale/>
                <input type="hidden" name="token" value=token/>
                <Field name="new_password" label=a.new_password error locale kind="password" autocomplete="new-password" required=true hint=a.password_hint/>
                <FormAlert error locale fields=&["new_password"]/>
                <Submit label=a.reset_button pending=action.pending().into()/>
            </ActionForm>
        </section>
    }
}

/// The account page: profile, password, deletion.
#[component]
pub fn AccountPage() -> impl IntoView {
    let locale = use_locale();
    let a = account_strings(locale);
    let s = strings(locale);
    let me = Resource::new(query_key(), |_| current_user());
    let profile = ServerAction::<UpdateProfile>::new();
    let password = ServerAction::<ChangePassword>::new();
    let delete = ServerAction::<DeleteAccount>::new();
    let (profile_error, password_error, delete_error) = (
        action_error(profile),
        action_error(password),
        action_error(delete),
    );
    view! {
        <Title text=a.account_title/>
        <Suspense fallback=move || view! { <p class="loading">{s.loading}</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Err(e) => view! { <ErrorView error=e locale/> }.into_any(),
                    Ok(None) => view! { <ErrorView error=crate::error::AppError::Unauthenticated locale/> }.into_any(),
                    Ok(Some(me)) => view! {
                        <section class="form-page">
                            <h1>{a.account_title}</h1>
                            <Notice locale/>
                            <p class="muted" dir="ltr">{me.email.clone()}</p>
                            <nav class="account-links" aria-label=a.account_nav>
                                <a href=routes::my_centers(locale)>{a.nav_my_centers}</a>
                                {me.platform_admin.then(|| view! {
                                    <a href=routes::admin_centers(locale)>{a.nav_admin}</a>
                                })}
                            </nav>
                            <h2>{a.profile_title}</h2>
                            <ActionForm action=profile>
                                <Field name="display_name" label=a.display_name error=profile_error locale autocomplete="name" required=true value=me.display_name.clone()/>
                                <div class="field">
                                    <label for="f-locale">{a.language}</label>
                                    <select id="f-locale" name="locale">
                                        {[Locale::Fa, Locale::En].into_iter().map(|l| view! {
                                            <option value=l.code() selected=me.locale == l.code()>{l.native_name()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field check">
                                    <input id="f-volunteer" type="checkbox" name="volunteer" value="on" checked=me.volunteer/>
                                    <label for="f-volunteer">{a.volunteer_label}</label>
                                    <p class="hint">{a.volunteer_hint}</p>
                                </div>
                                <div class="field check">
                                    <input id="f-wants_updates" type="checkbox" name="wants_updates" value="on" checked=me.wants_updates/>
                                    <label for="f-wants_updates">{crate::i18n::workspace::strings(locale).wants_updates}</label>
                                </div>
                                <FormAlert error=profile_error locale fields=&["display_name", "locale"]/>
                                <Submit label=a.save pending=profile.pending().into()/>
                            </ActionForm>
                            <h2>{a.change_password_title}</h2>
                            <p class="hint">{a.change_password_note}</p>
                            <ActionForm action=password>
                                <LangInput locale/>
                                <Field name="current_password" label=a.current_password error=password_error locale kind="password" autocomplete="current-password" required=true/>
                                <Field name="new_password" label=a.new_password error=password_error locale kind="password" autocomplete="new-password" required=true hint=a.password_hint/>
                                <FormAlert error=password_error locale fields=&["current_password", "new_password"]/>
                                <Submit label=a.change_password_button pending=password.pending().into()/>
                            </ActionForm>
                            <h2>{a.delete_title}</h2>
                            <p>{a.delete_text}</p>
                            <Confirm label=a.delete_button warning=a.delete_warning error=delete_error>
                                <ActionForm action=delete>
                                    <LangInput locale/>
                                    <Field name="password" label=a.password error=delete_error locale kind="password" autocomplete="current-password" required=true/>
                                    <FormAlert error=delete_error locale fields=&["password"]/>
                                    <Submit label=a.delete_button pending=delete.pending().into() class="button danger"/>
                                </ActionForm>
                            </Confirm>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
