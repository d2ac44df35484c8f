//! Markdown that staff write (program descriptions, updates), rendered to
//! HTML that is safe to put in a page: CommonMark by `pulldown-cmark`, then
//! cleaned by `ammonia` (its allow-list: no scripts, no event handlers, no
//! `style`, links get `rel="noopener noreferrer nofollow"`). Images are not
//! allowed in the text (the page's Content-Security-Policy allows only the
//! site's own): photos are uploads, shown beside it.

use pulldown_cmark::{html, Options, Parser};
use std::collections::HashSet;

/// `markdown` as sanitized HTML. Blank text gives an empty string.
pub fn to_safe_html(markdown: &str) -> String {
    if markdown.trim().is_empty() {
        return String::new();
    }
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    let mut tags: HashSet<&str> = ammonia::Builder::default().clone_tags();
    tags.remove("img");
    ammonia::Builder::default()
        .tags(tags)
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_safe_html() {
        assert_eq!(
            to_safe_html("**کمک** به *خانواده‌ها*"),
            "<p><strong>کمک</strong> به <em>خانواده‌ها</em></p>\n"
        );
        let list = to_safe_html("- one\n- two");
        assert!(
            list.contains("<ul>") && list.contains("<li>two</li>"),
            "{list}"
        );
        assert_eq!(to_safe_html("   "), "");
    }

    #[test]
    fn scripts_handlers_and_foreign_images_are_removed() {
        let evil = to_safe_html(
            "hi <script>alert(1)</script><b onclick=\"x()\">b</b> \
             [x](javascript:alert(1)) ![p](https://evil.example/p.png) <img src=x onerror=y>",
        );
        for bad in [
            "<script",
            "onclick",
            "javascript:",
            "<img",
            "onerror",
            "evil.example",
        ] {
            assert!(!evil.contains(bad), "{bad} in {evil}");
        }
        let link = to_safe_html("[site](https://example.org)");
        assert!(
            link.contains("href=\"https://example.org\"") && link.contains("nofollow"),
            "{link}"
        );
    }
}
