//! `nikoo`: the Nikoo server and its operator commands.

use clap::{Parser, Subcommand};
use nikoo_server::settings::Settings;

/// Nikoo: donors and charity centers pledge support to programs, tracked
/// against the needs of the people they serve.
#[derive(Debug, Parser)]
#[command(name = "nikoo", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum JobCommand {
    /// Run every background job once (or only `--job`), each if no other
    /// instance is running it, and exit. Jobs this deployment cannot run
    /// (no Stripe keys, no SMTP_URL) are reported as skipped.
    RunOnce {
        /// Only this job.
        #[arg(long, value_enum)]
        job: Option<nikoo_server::jobs::Job>,
    },
    /// List the background jobs: schedule, last run (UTC), last result,
    /// lease holder, and whether this deployment runs them.
    List,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Migrate the database and serve the portal (the default).
    Serve {
        /// Load the Zanjan demo first, when the database has no centers yet.
        #[arg(long)]
        seed_demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Background jobs.
    Jobs {
        #[command(subcommand)]
        job: JobCommand,
    },
    /// Make an account a platform admin (created, verified, when it does not
    /// exist). The password is read from a prompt, or from standard input
    /// when it is not a terminal; never from an argument.
    CreateAdmin {
        /// The admin's email address.
        #[arg(long)]
        email: String,
    },
    /// Make an existing account a member of a center (e.g. an imported
    /// center's first owner); audited as an operator's change.
    AddMember {
        /// The center's slug.
        #[arg(long)]
        center: String,
        /// The account's email address.
        #[arg(long)]
        email: String,
        /// `owner`, `manager` or `coordinator`.
        #[arg(long)]
        role: String,
    },
    /// List the newest emails of the outbox (sent or not), newest first.
    Outbox {
        /// Only the emails to this address.
        #[arg(long)]
        to: Option<String>,
        /// How many to show.
        #[arg(long, default_value_t = 20)]
        limit: u64,
    },
    /// Import a CSV or XLSX file of a center's cash and bank-transfer gifts
    /// or beneficiaries, as one of its staff: every row is checked, then all
    /// are recorded or none (importing the file again records nothing twice).
    Import {
        /// The center's slug.
        #[arg(long)]
        center: String,
        /// The email of a staff account of the center (it is audited).
        #[arg(long = "as")]
        user: String,
        /// `donations` or `beneficiaries`.
        #[arg(long)]
        kind: String,
        /// The file (`.csv` or `.xlsx`; the first row holds the headers).
        #[arg(long)]
        file: std::path::PathBuf,
        /// Check every row and record nothing.
        #[arg(long)]
        dry_run: bool,
        /// `fa` (rial amounts in toman) or `en` (in rials).
        #[arg(long, default_value = "fa")]
        lang: String,
    },
    /// Load the Zanjan demo data (idempotent) and exit.
    SeedDemo {
        /// A demo file to load instead of the shipped `data/demo/zanjan.json`.
        #[arg(long)]
        file: Option<std::path::PathBuf>,
    },
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    nikoo_server::init_tracing();
    let cli = Cli::parse();
    let settings = Settings::from_env()?;
    match cli.command.unwrap_or(Command::Serve { seed_demo: false }) {
        Command::Serve { seed_demo } => nikoo_server::serve(settings, seed_demo).await?,
        Command::Migrate => {
            nikoo_server::open_database(&settings).await?;
            println!("migrations applied");
        }
        Command::CreateAdmin { email } => {
            let password = read_password()?;
            let db = nikoo_server::open_database(&settings).await?;
            let hasher = nikoo_domain::secrets::PasswordHasher::default();
            use nikoo_domain::Clock;
            let now = nikoo_domain::SystemClock.now();
            match nikoo_domain::accounts::create_admin(&db, &hasher, now, &email, &password).await {
                Ok(u) => println!("{} is a platform admin", u.email),
                Err(e) => refuse(e)?,
            }
        }
        Command::AddMember {
            center,
            email,
            role,
        } => {
            let Some(role) = nikoo_types::accounts::StaffRole::from_code(&role) else {
                eprintln!("role must be owner, manager or coordinator");
                std::process::exit(2);
            };
            let db = nikoo_server::open_database(&settings).await?;
            use nikoo_domain::Clock;
            let now = nikoo_domain::SystemClock.now();
            match nikoo_domain::staff::add_member_by_operator(&db, now, &center, &email, role).await
            {
                Ok(m) => println!(
                    "{email} is {} of center {center} (member #{})",
                    role.code(),
                    m.id
                ),
                Err(nikoo_domain::DomainError::NotFound) => {
                    eprintln!("no center {center}, or no account {email}");
                    std::process::exit(2);
                }
                Err(e) => refuse(e)?,
            }
        }
        Command::Import {
            center,
            user,
            kind,
            file,
            dry_run,
            lang,
        } => {
            let db = nikoo_server::open_database(&settings).await?;
            let args = nikoo_server::import_cli::ImportArgs {
                center,
                user,
                kind,
                file,
                dry_run,
                lang: nikoo_types::Locale::from_code(&lang).unwrap_or_default(),
            };
            let code = nikoo_server::import_cli::run(&db, &settings.data_keys, &args).await?;
            std::process::exit(code);
        }
        Command::Outbox { to, limit } => {
            let db = nikoo_server::open_database(&settings).await?;
            for e in nikoo_domain::outbox::list(&db, to.as_deref(), limit).await? {
                let state = e.sent_at.map_or_else(
                    || "pending".to_owned(),
                    |t| format!("sent {}", t.to_rfc3339()),
                );
                // Rendered as the outbox job sends it.
                match nikoo_server::mail::render(&e, &settings.public_url) {
                    Ok(r) => println!(
                        "--- #{} to {} ({state}, {})\nSubject: {}\n\n{}",
                        e.id,
                        r.to,
                        e.created_at.to_rfc3339(),
                        r.subject,
                        r.body
                    ),
                    Err(why) => println!("--- #{} to {} ({state}): {why}", e.id, e.to_address),
                }
            }
        }
        Command::Jobs { job } => {
            let db = nikoo_server::open_database(&settings).await?;
            let clock: nikoo_domain::clock::SharedClock =
                std::sync::Arc::new(nikoo_domain::SystemClock);
            let state = nikoo_server::app_state(db, clock, &settings);
            let ctx = nikoo_server::job_context(&state, &settings);
            match job {
                JobCommand::RunOnce { job } => {
                    let runner = nikoo_server::jobs::Runner::new(ctx);
                    let jobs = job.map_or(nikoo_server::jobs::Job::ALL.to_vec(), |j| vec![j]);
                    let mut failed = false;
                    for (j, outcome) in runner.run_each_once(&jobs).await? {
                        failed |= matches!(outcome, nikoo_server::jobs::Outcome::Failed(_));
                        println!("{}: {outcome}", j.name());
                    }
                    if failed {
                        std::process::exit(1);
                    }
                }
                JobCommand::List => {
                    let header = [
                        "job",
                        "every",
                        "last run (UTC)",
                        "last result",
                        "lease",
                        "here",
                    ];
                    let rows = nikoo_server::jobs::list(&ctx).await?;
                    let width = |k: usize| {
                        rows.iter()
                            .map(|r| r[k].chars().count())
                            .chain([header[k].chars().count()])
                            .max()
                            .unwrap_or(0)
                    };
                    let widths: Vec<usize> = (0..header.len()).map(width).collect();
                    let line = |cells: &[String]| {
                        cells
                            .iter()
                            .zip(&widths)
                            .map(|(c, w)| format!("{c:<w$}"))
                            .collect::<Vec<_>>()
                            .join("  ")
                            .trim_end()
                            .to_owned()
                    };
                    println!("{}", line(&header.map(str::to_owned)));
                    for r in &rows {
                        println!("{}", line(r));
                    }
                }
            }
        }
        Command::SeedDemo { file } => {
            let json = file.map(std::fs::read_to_string).transpose()?;
            let db = nikoo_server::open_database(&settings).await?;
            let report = nikoo_server::seed_demo(&db, json.as_deref()).await?;
            println!("{report:?}");
        }
    }
    Ok(())
}

/// Ends the command for a refusal (its line on standard error, its exit
/// code: `nikoo_server::cli::refusal`); a server failure is returned.
fn refuse(e: nikoo_domain::DomainError) -> Result<(), Box<dyn std::error::Error>> {
    match nikoo_server::cli::refusal(&e) {
        Some((code, line)) => {
            eprintln!("{line}");
            std::process::exit(code);
        }
        None => Err(e.into()),
    }
}

/// The new admin's password: a prompt without echo on a terminal, else
/// the first line of standard input.
fn read_password() -> std::io::Result<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password: ")
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\n', '\r']).to_owned())
    }
}
