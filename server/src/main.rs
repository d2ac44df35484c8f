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
enum Command {
    /// Migrate the database and serve the portal (the default).
    Serve {
        /// Load the Zanjan demo first, when the database has no centers yet.
        #[arg(long)]
        seed_demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
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
        Command::SeedDemo { file } => {
            let json = file.map(std::fs::read_to_string).transpose()?;
            let db = nikoo_server::open_database(&settings).await?;
            let report = nikoo_server::seed_demo(&db, json.as_deref()).await?;
            println!("{report:?}");
        }
    }
    Ok(())
}
