//! Nikoo's Leptos application: pages, components and server functions.
//!
//! Built twice: with `ssr` into the server (server functions call the
//! domain services) and with `hydrate` into WebAssembly (server functions
//! become HTTP calls). Nothing server-only reaches the WebAssembly build.
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod components;
pub mod error;
pub mod i18n;
pub mod islands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod state;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app, rendered on the server. Pages are
/// islands-mode Leptos: only `#[island]` components hydrate, loaded when
/// the browser is idle (`HydrationScripts islands`), and only pages that
/// hold one load the scripts at all ([`islands::page_has_islands`]); the
/// style sheet and scripts carry the content hashes cargo-leptos gave
/// them (`hash-files`).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let scripts = islands::page_has_islands(&request_path());
    if !scripts {
        // What `HydrationScripts islands` does first: in islands mode the
        // page outside islands is rendered without hydration data.
        if let Some(sc) = Owner::current_shared_context() {
            sc.set_is_hydrating(false);
        }
    }
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <AutoReload options=options.clone()/>
                {scripts.then(|| view! { <HydrationScripts options islands=true/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The path of the request being rendered (empty outside a request).
fn request_path() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|p| p.uri.path().to_owned())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    String::new()
}

/// Every page title as it reaches `<head>` (the formatter of the root
/// `<Title>` and of the locale layout's, so of every page's; a `<Title>`
/// with its own formatter must end in this one too): bidi formatting characters dropped (a
/// name cannot reorder the tab's text) and, on the server, HTML-escaped,
/// because `leptos_meta` 0.8 writes a title into the page as it is — a
/// center named `</title><meta http-equiv=refresh …>` would otherwise
/// redirect its visitors. In the browser the title is set as text, so it
/// is not escaped there.
pub(crate) fn head_text(title: String) -> String {
    raw_text_child(
        title
            .chars()
            .filter(|c| !nikoo_types::text::is_bidi_control(*c))
            .collect(),
    )
}

/// `text` as the child of an element the server renders without escaping
/// its children: `<title>` (written by `leptos_meta` 0.8 as it is) and
/// `<textarea>` (tachys 0.2 marks it `ESCAPE_CHILDREN = false`, so a value
/// holding `</textarea>` would end the field and start markup). Escaped
/// on the server; in the browser such text is set as text, so it is kept
/// as it is there. Every such element takes its text through here.
pub(crate) fn raw_text_child(text: String) -> String {
    #[cfg(feature = "ssr")]
    let text = html_escape::encode_text(&text).into_owned();
    text
}

/// The application: one locale segment, then the pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Nikoo" formatter=head_text/>
        <Router>
            <Routes fallback=pages::not_found::NotFoundPage>
                <ParentRoute path=path!("/:lang") view=pages::layout::LocaleLayout ssr=SsrMode::Async>
                    <Route path=path!("/") view=pages::transparency::home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/programs") view=pages::transparency::programs::ProgramsPage ssr=SsrMode::Async/>
                    <Route path=path!("/programs/:slug") view=pages::transparency::program::ProgramPage ssr=SsrMode::Async/>
                    <Route path=path!("/centers/:slug") view=pages::transparency::center::CenterPage ssr=SsrMode::Async/>
                    <Route path=path!("/give/:slug") view=pages::giving::give::GivePage ssr=SsrMode::Async/>
                    <Route path=path!("/pledge/:slug") view=pages::giving::give::PledgePage ssr=SsrMode::Async/>
                    <Route path=path!("/pledge-items/:slug") view=pages::giving::item_pledge::ItemPledgePage ssr=SsrMode::Async/>
                    <Route path=path!("/my/giving") view=pages::giving::my_giving::MyGivingPage ssr=SsrMode::Async/>
                    <Route path=path!("/gifts/:key") view=pages::giving::receipts::GiftReceiptPage ssr=SsrMode::Async/>
                    <Route path=path!("/receipts/:id") view=pages::giving::receipts::DonationReceiptPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/giving/statement/:year") view=pages::giving::receipts::StatementPage ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view=pages::accounts::SignupPage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=pages::accounts::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/verify-email") view=pages::accounts::VerifyEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password") view=pages::accounts::ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/reset-password") view=pages::accounts::ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=pages::accounts::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/centers") view=pages::staff::MyCentersPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/centers/new") view=pages::staff::RegisterCenterPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/centers/:id") view=pages::staff::CenterStaffPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/centers/:id/audit") view=pages::staff::CenterAuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/centers/:id/gifts") view=pages::giving::center_gifts::CenterGiftsPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/centers/:id/beneficiaries") view=pages::beneficiaries::BeneficiariesPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/centers/:id/beneficiaries/:bid") view=pages::beneficiaries::BeneficiaryPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/centers/:id/imports") view=pages::imports::ImportsPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/centers/:id/imports/:job") view=pages::imports::ImportJobPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/centers/:id/programs") view=pages::workspace::CenterProgramsPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/centers/:id/programs/:pid") view=pages::workspace::ProgramWorkspacePage ssr=SsrMode::Async/>
                    <Route path=path!("/my/centers/:id/programs/:pid/needs/:nid") view=pages::workspace::NeedWorkspacePage ssr=SsrMode::Async/>
                    <Route path=path!("/invitations/accept") view=pages::staff::InvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/centers") view=pages::staff::admin::AdminCentersPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=pages::staff::admin::AdminAuditPage ssr=SsrMode::Async/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Starts the islands' runtime in the browser (the loader script then
/// hydrates each `<leptos-island>`).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
