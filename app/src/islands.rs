//! Which pages hold islands (ARCHITECTURE.md, "The light client"). Only
//! those load the WebAssembly and its script; every other page is HTML and
//! CSS (and Leptos's few bytes of inline streaming setup), so a phone
//! reading a program page downloads no script file and no wasm.

/// The pages that render an island, as paths after the locale segment:
/// a prefix when it ends in `/`, else the whole path. The card gift and
/// pledge forms, and the donor's giving page (its new-card form). The
/// integration tests render every page and check that each one holding
/// an island is listed here.
pub const ISLAND_PAGES: &[&str] = &["/give/", "/pledge/", "/my/giving"];

/// Whether the page at `path` (`/{lang}/…`, without the query) may render
/// an island, so needs the hydration scripts.
pub fn page_has_islands(path: &str) -> bool {
    let Some((_, page)) = nikoo_types::routes::split_locale(path) else {
        return false;
    };
    let page = page.trim_end_matches('/');
    ISLAND_PAGES.iter().any(|p| {
        if p.ends_with('/') {
            page.strip_prefix(p).is_some_and(|rest| !rest.is_empty())
        } else {
            page == *p
        }
    })
}

#[cfg(test)]
mod tests {
    use super::page_has_islands;

    #[test]
    fn card_pages_have_islands_and_reading_pages_do_not() {
        assert!(page_has_islands("/fa/give/school-kits"));
        assert!(page_has_islands("/en/pledge/school-kits"));
        assert!(page_has_islands("/fa/my/giving"));
        assert!(page_has_islands("/fa/my/giving/"));
        assert!(!page_has_islands("/fa/my/giving/statement/1404"));
        assert!(!page_has_islands("/fa/give/"));
        assert!(!page_has_islands("/fa/programs/school-kits"));
        assert!(!page_has_islands("/fa/"));
        assert!(!page_has_islands("/fa"));
        assert!(!page_has_islands("/give/x"));
    }
}
