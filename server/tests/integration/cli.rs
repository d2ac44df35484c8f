//! The `nikoo` command line, run as a user would.

use std::process::Command;

fn nikoo(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nikoo"))
        .args(args)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", db.display()),
        )
        .env("RUST_LOG", "warn")
        // Its data key and uploads beside the database, not in the checkout.
        .env("NIKOO_DATA_DIR", db.with_extension("data"))
        .output()
        .expect("nikoo runs")
}

#[test]
fn help_migrate_and_seed_demo() {
    let dir = std::env::temp_dir().join(format!("nikoo-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("nested/cli.db");
    let help = nikoo(&db, &["--help"]);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for command in ["serve", "migrate", "seed-demo"] {
        assert!(text.contains(command), "--help lists {command}: {text}");
    }
    let migrate = nikoo(&db, &["migrate"]);
    assert!(
        migrate.status.success(),
        "{}",
        String::from_utf8_lossy(&migrate.stderr)
    );
    assert!(db.exists(), "the SQLite file and its folder are created");
    let first = nikoo(&db, &["seed-demo"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let second = nikoo(&db, &["seed-demo"]);
    assert!(second.status.success());
    assert_eq!(
        first.stdout, second.stdout,
        "seeding again reports the same file"
    );
    // Without Stripe keys or SMTP the jobs that need them are skipped and
    // the rest run; the list shows each job's last run.
    let jobs = nikoo(&db, &["jobs", "run-once"]);
    let text = String::from_utf8_lossy(&jobs.stdout);
    assert!(jobs.status.success(), "{text}");
    assert!(text.contains("card-installments: skipped"), "{text}");
    assert!(text.contains("offline-installments: ran: "), "{text}");
    assert!(text.contains("outbox: skipped"), "{text}");
    let one = nikoo(&db, &["jobs", "run-once", "--job", "offline-installments"]);
    let text = String::from_utf8_lossy(&one.stdout);
    assert_eq!(text.lines().count(), 1, "{text}");
    let list = nikoo(&db, &["jobs", "list"]);
    let text = String::from_utf8_lossy(&list.stdout);
    let offline = text
        .lines()
        .find(|l| l.starts_with("offline-installments"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        offline.contains("ok: 0 fell due") && offline.contains("free"),
        "{offline}"
    );
    let unknown = nikoo(&db, &["jobs", "run-once", "--job", "nonsense"]);
    assert!(!unknown.status.success());
    let bad = nikoo(&db, &["seed-demo", "--file", "/nonexistent/demo.json"]);
    assert!(!bad.status.success(), "a missing file is an error");
    let bad_addr = Command::new(env!("CARGO_BIN_EXE_nikoo"))
        .args(["migrate"])
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", db.display()),
        )
        .env("NIKOO_ADDR", "not-an-address")
        .env("NIKOO_DATA_DIR", db.with_extension("data"))
        .output()
        .unwrap();
    assert!(!bad_addr.status.success());
    assert!(String::from_utf8_lossy(&bad_addr.stderr).contains("NIKOO_ADDR"));
    std::fs::remove_dir_all(&dir).ok();
}
