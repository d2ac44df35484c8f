//! Previous / next links over a long list's pages, as plain links (they
//! work without JavaScript), with "page 2 of 7" between them.

use crate::i18n::strings;
use leptos::prelude::*;
use nikoo_types::digits::format_integer;
use nikoo_types::Locale;

/// How many pages `total` items make at `per_page` each (at least one).
pub fn page_count(total: u64, per_page: u32) -> u32 {
    u32::try_from(total.div_ceil(u64::from(per_page.max(1))))
        .unwrap_or(u32::MAX)
        .max(1)
}

/// Page `n` of the list at `base` (a page path without a query):
/// `base?page=n`, or `base` itself for the first.
pub fn page_link(base: &str, n: u32) -> String {
    if n > 1 {
        format!("{base}?page={n}")
    } else {
        base.to_owned()
    }
}

/// The pager of page `page` (1-based) of `pages`; `link(n)` is page `n`'s
/// address. Nothing when there is one page.
#[component]
pub fn Pager<F>(page: u32, pages: u32, locale: Locale, link: F) -> impl IntoView
where
    F: Fn(u32) -> String + Send + Sync + 'static,
{
    let s = strings(locale);
    let page = page.clamp(1, pages.max(1));
    let label = format!(
        "{} {} {} {}",
        s.page,
        format_integer(i64::from(page), locale),
        s.of,
        format_integer(i64::from(pages.max(1)), locale)
    );
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=s.page>
                {(page > 1).then(|| view! { <a rel="prev" href=link(page - 1)>{s.previous_page}</a> })}
                <span>{label}</span>
                {(page < pages).then(|| view! { <a rel="next" href=link(page + 1)>{s.next_page}</a> })}
            </nav>
        }
    })
}
