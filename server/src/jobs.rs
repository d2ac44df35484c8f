//! Background jobs: the payment job (due installments charged, then the
//! fees of settled charges read and posted), run by whichever server
//! instance holds its lease (`nikoo_domain::jobs`), every [`INTERVAL`]
//! while serving, or once by `nikoo jobs run-once`.

use nikoo_domain::clock::SharedClock;
use nikoo_domain::installments::{self, RunReport};
use nikoo_domain::payments::fees::{self, FeeReport};
use nikoo_domain::payments::SharedProvider;
use nikoo_domain::sea_orm::DatabaseConnection;
use nikoo_domain::DomainError;

/// The installment job's lease name.
pub const INSTALLMENTS: &str = "installments";
/// How often a serving instance tries to run the job.
pub const INTERVAL: std::time::Duration = std::time::Duration::from_secs(15 * 60);
/// How long a run may hold the lease before another instance may take over.
const LEASE_MINUTES: i64 = 10;

/// This process as a lease holder: host name and process id.
pub fn holder() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "localhost".into());
    format!("{host}:{}", std::process::id())
}

/// What one run of the payment job did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobReport {
    pub installments: RunReport,
    pub fees: FeeReport,
}

/// Runs the payment job once if this process gets the lease: due
/// installments first, then the fees of settled charges. `None` when
/// another instance holds the lease or card payments are off.
///
/// # Errors
/// `Db`.
pub async fn run_installments_once(
    db: &DatabaseConnection,
    provider: &SharedProvider,
    clock: &SharedClock,
    public_url: &str,
) -> Result<Option<JobReport>, DomainError> {
    let Some(provider) = provider else {
        return Ok(None);
    };
    let me = holder();
    let now = clock.now();
    let lease = chrono::Duration::minutes(LEASE_MINUTES);
    if !nikoo_domain::jobs::try_lease(db, INSTALLMENTS, &me, now, lease).await? {
        return Ok(None);
    }
    let report = async {
        Ok::<_, DomainError>(JobReport {
            installments: installments::run_due(db, provider.as_ref(), now, public_url).await?,
            fees: fees::post_pending(db, provider.as_ref(), clock.now()).await?,
        })
    }
    .await;
    nikoo_domain::jobs::release(db, INSTALLMENTS, &me, clock.now()).await?;
    report.map(Some)
}

/// Runs the payment job every [`INTERVAL`] for as long as the server runs.
pub fn spawn(
    db: DatabaseConnection,
    provider: SharedProvider,
    clock: SharedClock,
    public_url: String,
) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(INTERVAL);
        loop {
            tick.tick().await;
            match run_installments_once(&db, &provider, &clock, &public_url).await {
                Ok(Some(report)) => tracing::info!(?report, "payment job ran"),
                Ok(None) => {}
                Err(e) => tracing::error!(error = %e, "payment job failed"),
            }
        }
    });
}
