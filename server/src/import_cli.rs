//! `nikoo import`: imports a CSV or XLSX file of a center's gifts or
//! beneficiaries from the command line, as a staff account of the center,
//! the same way the page does (upload, dry run, import, one transaction),
//! with a progress bar (`indicatif`). The columns are guessed from the
//! headers (Persian or English); the mapping used is printed.

use nikoo_domain::accounts::policy::Actor;
use nikoo_domain::imports::{self, ImportProgress};
use nikoo_domain::sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use nikoo_domain::Clock;
use nikoo_types::Locale;

/// What to import.
#[derive(Debug, Clone)]
pub struct ImportArgs {
    /// The center's slug.
    pub center: String,
    /// The staff account acting (its email).
    pub user: String,
    /// `donations` or `beneficiaries`.
    pub kind: String,
    pub file: std::path::PathBuf,
    /// Check every row, record nothing.
    pub dry_run: bool,
    /// The language amounts and dates are written in (`fa`: rials in toman).
    pub lang: Locale,
}

/// Runs an import; answers the process's exit code (0 done, 1 rows
/// refused, 2 bad arguments).
///
/// # Errors
/// The database's or the file system's.
pub async fn run(
    db: &DatabaseConnection,
    keys: &nikoo_domain::beneficiaries::personal_data::DataKeys,
    args: &ImportArgs,
) -> Result<i32, Box<dyn std::error::Error>> {
    use nikoo_domain::entities::{center, user};
    let Some(c) = center::Entity::find()
        .filter(center::Column::Slug.eq(&args.center))
        .one(db)
        .await?
    else {
        eprintln!("no center {}", args.center);
        return Ok(2);
    };
    let Some(u) = user::Entity::find()
        .filter(user::Column::Email.eq(args.user.trim().to_lowercase()))
        .one(db)
        .await?
    else {
        eprintln!("no account {}", args.user);
        return Ok(2);
    };
    let actor: Option<Actor> = Actor::load(db, u.id).await?;
    let bytes = std::fs::read(&args.file)?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let now = nikoo_domain::SystemClock.now();
    let refused = |e: nikoo_domain::DomainError| match crate::cli::refusal(&e) {
        Some((code, _)) if code == 2 => {
            eprintln!("{} may not import this at {}", args.user, args.center);
            Ok(code)
        }
        Some((code, line)) => {
            eprintln!("{line}");
            Ok(code)
        }
        None => Err(Box::new(e) as Box<dyn std::error::Error>),
    };
    let job = match imports::upload(
        nikoo_domain::imports::Importer {
            db,
            keys,
            now,
            actor: actor.as_ref(),
            center_id: c.id,
        },
        &args.kind,
        &name,
        &bytes,
    )
    .await
    {
        Ok(j) => j,
        Err(e) => return refused(e),
    };
    let progress = ImportProgress::default();
    let view = imports::job(db, actor.as_ref(), c.id, job.id, &progress).await?;
    let mapping: std::collections::HashMap<String, usize> = view
        .mapping
        .iter()
        .filter_map(|(f, col)| Some((f.clone(), (*col)?)))
        .collect();
    for (field, col) in &view.mapping {
        let shown = col
            .and_then(|c| view.headers.get(c))
            .map_or("—", String::as_str);
        println!("{field:>15} ← {shown}");
    }
    let checked = match imports::check(
        nikoo_domain::imports::Importer {
            db,
            keys,
            now,
            actor: actor.as_ref(),
            center_id: c.id,
        },
        job.id,
        mapping,
        args.lang,
        &progress,
    )
    .await
    {
        Ok(o) => o,
        Err(e) => return refused(e),
    };
    if checked.error_rows > 0 {
        for e in &checked.errors {
            eprintln!("row {}: {}: {}", e.row, e.field, e.message(Locale::En));
        }
        eprintln!(
            "{} of {} rows refused; nothing imported",
            checked.error_rows, checked.rows
        );
        return Ok(1);
    }
    if args.dry_run {
        println!(
            "dry run: all {} rows are valid (import #{})",
            checked.rows, job.id
        );
        return Ok(0);
    }
    let bar = indicatif::ProgressBar::new(checked.rows as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows ({per_sec}, {eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let ticker = {
        let (bar, progress, id) = (bar.clone(), progress.clone(), job.id);
        tokio::spawn(async move {
            loop {
                if let Some((done, _)) = progress.get(id) {
                    bar.set_position(done);
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        })
    };
    let outcome = imports::commit(db, keys, now, actor.as_ref(), c.id, job.id, &progress).await;
    ticker.abort();
    bar.finish_and_clear();
    match outcome {
        Ok(o) if o.error_rows == 0 => {
            println!(
                "imported {} rows: {} new, {} already imported (import #{})",
                o.rows, o.created, o.already, job.id
            );
            Ok(0)
        }
        Ok(o) => {
            for e in &o.errors {
                eprintln!("row {}: {}: {}", e.row, e.field, e.message(Locale::En));
            }
            Ok(1)
        }
        Err(e) => refused(e),
    }
}
