//! The layout's rules, read from the source (ARCHITECTURE.md):
//! - in every crate, within every folder, the modules' references to each
//!   other form no cycle (a module's references are every `crate::…`,
//!   `super::…` and `self::…` path in its files, inline paths included,
//!   comments excluded; a reference into an ancestor's own items is not a
//!   sibling edge);
//! - `domain` knows no page path and no email text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crates whose modules are checked, from the workspace root.
const CRATES: [&str; 5] = [
    "types/src",
    "domain/src",
    "app/src",
    "server/src",
    "migrations/src",
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

/// Every `.rs` file under `dir`, with its module path (`a/b.rs` and
/// `a/b/mod.rs` are `["a", "b"]`; `lib.rs` and `main.rs` are `[]`).
fn modules(root: &Path) -> Vec<(Vec<String>, PathBuf)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(Vec<String>, PathBuf)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("readable folder")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(root).expect("under root");
                let mut parts: Vec<String> = rel
                    .iter()
                    .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
                    .collect();
                if matches!(
                    parts.last().map(String::as_str),
                    Some("mod" | "lib" | "main")
                ) {
                    parts.pop();
                }
                out.push((parts, path));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out
}

/// `text` with comments, string and character literals blanked out (line
/// breaks kept), so only code is searched.
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let ident = |ch: char| ch.is_ascii_alphanumeric() || ch == '_';
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
        } else if c[i] == 'r' && (i == 0 || !ident(c[i - 1])) && matches!(next, Some('#' | '"')) {
            // A raw string: r"…", r#"…"#, …
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            i = j + 1;
            while i < c.len() {
                if c[i] == '"' && (1..=hashes).all(|k| c.get(i + k) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                blank(&mut out, c[i]);
                i += 1;
            }
            out.push_str("\"\"");
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                if let Some(ch) = c.get(i) {
                    blank(&mut out, *ch);
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c[i] == '\'' && (c.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A character literal ('x', '\n', '\''); a lifetime has no closing quote.
            i += 1;
            if c.get(i) == Some(&'\\') {
                i += 2; // the backslash and the escaped character
            }
            while i < c.len() && c[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// The paths `text` (code only) names from `module`: each as the absolute
/// module path it points into. Grouped imports (`crate::{a, b::c}`) count
/// each member.
fn references(module: &[String], is_folder: bool, text: &str) -> Vec<Vec<String>> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 8)].iter().collect();
        let preceded = i > 0 && (ident(bytes[i - 1]) || bytes[i - 1] == ':');
        let (base, skip): (Vec<String>, usize) = if preceded {
            (Vec::new(), 0)
        } else if rest.starts_with("crate::") {
            (Vec::new(), 7)
        } else if rest.starts_with("super::") {
            // A file's `super` is its parent module; a folder's (`mod.rs`)
            // module is the folder, whose `super` is the folder's parent.
            let mut m = module.to_vec();
            m.pop();
            let _ = is_folder;
            (m, 7)
        } else if rest.starts_with("self::") {
            (module.to_vec(), 6)
        } else {
            i += 1;
            continue;
        };
        if skip == 0 {
            i += 1;
            continue;
        }
        i += skip;
        // Read a path (or a group) after the prefix.
        let mut groups: Vec<Vec<String>> = vec![Vec::new()];
        let read_path = |i: &mut usize| -> Vec<String> {
            let mut segs = Vec::new();
            loop {
                let start = *i;
                while *i < bytes.len() && ident(bytes[*i]) {
                    *i += 1;
                }
                if *i == start {
                    break;
                }
                segs.push(bytes[start..*i].iter().collect::<String>());
                if bytes.get(*i) == Some(&':') && bytes.get(*i + 1) == Some(&':') {
                    *i += 2;
                } else {
                    break;
                }
            }
            segs
        };
        let head = read_path(&mut i);
        if bytes.get(i) == Some(&'{') {
            // `prefix::head::{a, b::c, d::{e}}`: one reference per member's first segment.
            let mut depth = 0;
            let start = i;
            while i < bytes.len() {
                match bytes[i] {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            let inner: String = bytes[start + 1..i.min(bytes.len())].iter().collect();
            groups.clear();
            let mut level = 0;
            let mut member = String::new();
            for c in inner.chars().chain([',']) {
                match c {
                    '{' => level += 1,
                    '}' => level -= 1,
                    ',' if level == 0 => {
                        let first: String =
                            member.trim().chars().take_while(|c| ident(*c)).collect();
                        if !first.is_empty() && first != "self" {
                            let mut p = head.clone();
                            p.push(first);
                            groups.push(p);
                        } else if first == "self" {
                            groups.push(head.clone());
                        }
                        member.clear();
                        continue;
                    }
                    _ => {}
                }
                if level == 0 || c != '{' {
                    member.push(c);
                }
            }
        } else {
            groups = vec![head];
        }
        for g in groups {
            let mut full = base.clone();
            full.extend(g);
            out.push(full);
        }
    }
    out
}

/// The cycles among the children of each folder of the crate at `root`,
/// each as the names of the modules on it.
fn cycles(root: &Path) -> Vec<String> {
    let mods = modules(root);
    let known: BTreeSet<Vec<String>> = mods.iter().map(|(m, _)| m.clone()).collect();
    // folder -> child -> children it references
    let mut edges: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (module, path) in &mods {
        let is_folder = path.file_name().is_some_and(|f| f == "mod.rs");
        let text = code_only(&std::fs::read_to_string(path).expect("readable"));
        for target in references(module, is_folder, &text) {
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if common >= module.len() || common >= target.len() {
                continue; // into itself, a descendant, or an ancestor's items
            }
            let folder = module[..common].to_vec();
            let mut to = folder.clone();
            to.push(target[common].clone());
            if !known.contains(&to) {
                continue; // an item of the folder's own module, not a child module
            }
            edges
                .entry(folder)
                .or_default()
                .entry(module[common].clone())
                .or_default()
                .insert(target[common].clone());
        }
    }
    let mut found = Vec::new();
    for (folder, graph) in &edges {
        // Depth-first search for a back edge.
        fn visit(
            n: &str,
            graph: &BTreeMap<String, BTreeSet<String>>,
            state: &mut BTreeMap<String, u8>,
            stack: &mut Vec<String>,
            found: &mut Vec<Vec<String>>,
        ) {
            state.insert(n.to_owned(), 1);
            stack.push(n.to_owned());
            for m in graph.get(n).into_iter().flatten() {
                match state.get(m.as_str()).copied().unwrap_or(0) {
                    0 => visit(m, graph, state, stack, found),
                    1 => {
                        let at = stack.iter().position(|s| s == m).unwrap_or(0);
                        let mut cycle = stack[at..].to_vec();
                        cycle.push(m.clone());
                        found.push(cycle);
                    }
                    _ => {}
                }
            }
            stack.pop();
            state.insert(n.to_owned(), 2);
        }
        let mut state = BTreeMap::new();
        let mut local = Vec::new();
        for n in graph.keys() {
            if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
                visit(n, graph, &mut state, &mut Vec::new(), &mut local);
            }
        }
        for c in local {
            found.push(format!(
                "{}: {}",
                if folder.is_empty() {
                    "crate".to_owned()
                } else {
                    folder.join("::")
                },
                c.join(" → ")
            ));
        }
    }
    found
}

#[test]
fn no_module_cycles_in_any_crate() {
    let mut all = Vec::new();
    for c in CRATES {
        for cycle in cycles(&workspace().join(c)) {
            all.push(format!("{c}: {cycle}"));
        }
    }
    assert!(all.is_empty(), "module cycles:\n{}", all.join("\n"));
}

/// `text` without comments (strings kept).
fn without_comments(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_domain_knows_no_page_address_and_no_email_text() {
    // Every page address's fixed part, from the typed routes.
    let mut fragments: Vec<String> = nikoo_types::routes::samples()
        .iter()
        .flat_map(|(pattern, _)| {
            let fixed: Vec<&str> = pattern
                .split('/')
                .filter(|s| !s.is_empty() && !s.starts_with(':'))
                .collect();
            (!fixed.is_empty()).then(|| format!("/{}", fixed.join("/")))
        })
        .collect();
    fragments.push("\"/{}/".to_owned());
    // Every email subject's words (each part between its placeholders).
    for locale in nikoo_types::Locale::ALL {
        let s = nikoo_types::i18n::emails::strings(locale);
        for key in s.keys().filter(|k| k.ends_with("_subject")) {
            for part in s.lookup(key).unwrap_or_default().split(['{', '}']) {
                if part.chars().count() > 12 {
                    fragments.push(part.to_owned());
                }
            }
        }
    }
    let mut found = Vec::new();
    for (_, path) in modules(&workspace().join("domain/src")) {
        let text = without_comments(&std::fs::read_to_string(&path).expect("readable"));
        for f in &fragments {
            if text.contains(&format!("\"{f}"))
                || text.contains(&format!("{f}\""))
                || (f.chars().count() > 12 && text.contains(f.as_str()))
            {
                found.push(format!("{}: {f}", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the domain writes page addresses or email text:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_router_page_has_its_typed_route() {
    // The router's patterns (axum's `{lang}` written Leptos's way, `:lang`).
    let router: Vec<String> = nikoo_server::page_routes()
        .iter()
        .map(|r| {
            r.path()
                .split('/')
                .map(
                    |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                        Some(name) => format!(":{name}"),
                        None => s.to_owned(),
                    },
                )
                .collect::<Vec<_>>()
                .join("/")
        })
        .filter(|p| p.starts_with("/:lang"))
        .map(|p| {
            if p == "/:lang" {
                "/:lang/".to_owned()
            } else {
                p
            }
        })
        .collect();
    let typed: Vec<&str> = nikoo_types::routes::samples()
        .iter()
        .map(|(p, _)| *p)
        .collect();
    for p in &router {
        assert!(
            typed.contains(&p.as_str()),
            "{p} has no function in nikoo_types::routes"
        );
    }
    for p in &typed {
        assert!(
            router.iter().any(|r| r == p),
            "routes::{p} is not a page of the router"
        );
    }
}

#[test]
fn the_checker_sees_cycles_through_inline_paths_and_groups() {
    let dir = std::env::temp_dir().join(format!("nikoo-arch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("feature")).unwrap();
    let write = |p: &str, t: &str| std::fs::write(dir.join(p), t).unwrap();
    write("lib.rs", "pub mod a;\npub mod b;\npub mod feature;\n");
    write(
        "a.rs",
        "// crate::b in a comment is no reference\npub fn f() { crate::b::g() }\n",
    );
    write(
        "b.rs",
        "use crate::{error, feature::{x, y::Z}};\npub fn g() {}\n",
    );
    write(
        "feature/mod.rs",
        "pub mod x;\npub mod y;\npub struct Item;\n",
    );
    write(
        "feature/x.rs",
        "use super::y::Z;\nuse crate::feature::Item;\n",
    );
    write(
        "feature/y.rs",
        "pub struct Z;\nfn h() { let _ = (\"super::a\", '\\'', r#\"crate::b \"quoted\"\"#); super::x::f(); }\n/* crate::a */\n",
    );
    let found = cycles(&dir);
    assert_eq!(found, vec!["feature: x → y → x".to_owned()], "{found:?}");
    write("b.rs", "use crate::{a, feature::{x, y::Z}};\n");
    let found = cycles(&dir);
    assert!(found.contains(&"crate: a → b → a".to_owned()), "{found:?}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Every audit action the domain writes (a `"thing.verb"` code in an
/// `action:` field or an `=> "…"` arm feeding one) reads in words in both
/// languages: `audit--{thing}_{verb}` in `i18n/{fa,en}/accounts.ftl`.
#[test]
fn every_audit_action_reads_in_words() {
    let root = workspace();
    let mut actions = BTreeSet::new();
    for (_, path) in modules(&root.join("domain/src")) {
        let text = without_comments(&std::fs::read_to_string(&path).expect("source"));
        for line in text.lines() {
            let audit_line = line.contains("action:")
                || line.contains("save_need(")
                || line.trim_start().starts_with("StandingChange::");
            if !audit_line {
                continue;
            }
            for piece in line.split('"').skip(1).step_by(2) {
                let mut parts = piece.split('.');
                let code = (parts.next(), parts.next(), parts.next());
                if let (Some(thing), Some(verb), None) = code {
                    let word = |w: &str| {
                        !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                    };
                    if word(thing) && word(verb) {
                        actions.insert(format!("{thing}_{verb}"));
                    }
                }
            }
        }
    }
    assert!(
        actions.len() > 30,
        "the scan finds the actions: {actions:?}"
    );
    for lang in ["fa", "en"] {
        let ftl =
            std::fs::read_to_string(root.join(format!("i18n/{lang}/accounts.ftl"))).expect("ftl");
        let missing: Vec<&String> = actions
            .iter()
            .filter(|a| !ftl.lines().any(|l| l.starts_with(&format!("audit--{a} ="))))
            .collect();
        assert!(missing.is_empty(), "{lang}: no sentence for {missing:?}");
    }
}
