//! The frame of every localized page: `<html lang dir>`, header with the
//! language switch, footer. An unknown locale segment is a 404.

use crate::components::icon::{Icon, IconName};
use crate::i18n::strings;
use leptos::prelude::*;
use leptos_meta::{Html, Title};
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_params_map};
use nikoo_types::routes;
use nikoo_types::Locale;

/// Provides the locale from the first path segment to the pages below.
#[component]
pub fn LocaleLayout() -> impl IntoView {
    let params = use_params_map();
    let locale = params.with_untracked(|p| p.get("lang").as_deref().and_then(Locale::from_code));
    let Some(locale) = locale else {
        return view! { <super::not_found::NotFoundPage/> }.into_any();
    };
    provide_context(locale);
    let s = strings(locale);
    view! {
        <Html attr:lang=locale.code() attr:dir=locale.dir()/>
        <Title
            formatter=move |text: String| {
                crate::head_text(page_title(text, s.site_name))
            }
            text=s.site_name
        />
        <a class="skip-link" href="#main">{s.skip_to_content}</a>
        <header class="site-header">
            <div class="container header-row">
                <a class="brand" href=routes::home(locale)>
                    <Icon name=IconName::HeartHandshake/>
                    <span>
                        <span class="brand-name">{s.site_name}</span>
                        <span class="brand-tagline">{s.tagline}</span>
                    </span>
                </a>
                <nav aria-label=s.main_nav>
                    <a href=routes::home(locale)>{s.nav_home}</a>
                    <a href=routes::programs(locale)>{s.nav_programs}</a>
                    <AccountNav locale/>
                    <LanguageSwitch locale/>
                </nav>
            </div>
        </header>
        <main id="main" class="container">
            <Outlet/>
        </main>
        <footer class="site-footer">
            <div class="container">{s.footer_text}</div>
        </footer>
    }
    .into_any()
}

/// The tab's title of a page titled `text`: "{text} · {brand}", or the
/// text alone when it already names the brand ("Log in to Nikoo"), or the
/// brand alone for an empty title.
pub fn page_title(text: String, brand: &str) -> String {
    if text.is_empty() {
        brand.to_owned()
    } else if text.contains(brand) {
        text
    } else {
        format!("{text} · {brand}")
    }
}

/// A link to the same page and query in the other language. It is a full
/// page load (`rel="external"`), so the server sets the `nikoo_lang` cookie
/// and the document's `lang` and `dir` change.
#[component]
fn LanguageSwitch(locale: Locale) -> impl IntoView {
    let location = use_location();
    let other = locale.other();
    let target = move || {
        let path = location.pathname.get();
        let prefix = format!("/{}", locale.code());
        let rest = path
            .strip_prefix(&prefix)
            .filter(|r| !r.is_empty())
            .unwrap_or("/")
            .to_owned();
        let search = location.search.get();
        let query = search.trim_start_matches('?');
        if query.is_empty() {
            format!("/{}{rest}", other.code())
        } else {
            format!("/{}{rest}?{query}", other.code())
        }
    };
    view! {
        <a
            class="lang-switch"
            href=target
            rel="external"
            hreflang=other.code()
            lang=other.code()
            aria-label=format!("{} ({})", other.native_name(), strings(other).switch_language_label)
        >
            {other.native_name()}
        </a>
    }
}

/// Log in / sign up, or the account's links and a log-out button. Read
/// again on every navigation, so it follows a sign-in or sign-out.
#[component]
fn AccountNav(locale: Locale) -> impl IntoView {
    use crate::api::accounts::{current_user, LogOut};
    use crate::components::form::LangInput;
    use leptos::form::ActionForm;
    let a = crate::i18n::accounts::strings(locale);
    let location = use_location();
    let me = Resource::new(
        move || (location.pathname.get(), location.search.get()),
        |_| current_user(),
    );
    let log_out = ServerAction::<LogOut>::new();
    view! {
        <Transition>
            {move || Suspend::new(async move {
                match me.await.ok().flatten() {
                    None => view! {
                        <a href=routes::login(locale, None)>{a.nav_login}</a>
                        <a href=routes::signup(locale)>{a.nav_signup}</a>
                    }.into_any(),
                    Some(me) => view! {
                        <a href=routes::account(locale)>{a.nav_account}</a>
                        <a href=routes::my_giving(locale)>{crate::i18n::giving::gifts::strings(locale).my_giving_title}</a>
                        {me.staff.then(|| view! { <a href=routes::my_centers(locale)>{a.nav_my_centers}</a> })}
                        {me.platform_admin.then(|| view! { <a href=routes::admin_centers(locale)>{a.nav_admin}</a> })}
                        <ActionForm action=log_out>
                            <LangInput locale/>
                            <button type="submit" class="link-button">{a.log_out}</button>
                        </ActionForm>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}
