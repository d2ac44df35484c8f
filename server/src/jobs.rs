//! Background jobs: a list of named jobs ([`Job`]), each run every so
//! often by whichever server instance holds its lease
//! (`nikoo_domain::jobs`: one row per job in `job_leases`), or once by
//! `nikoo jobs run-once [--job NAME]`.
//!
//! | job | every | lease | needs | what it does |
//! |---|---|---|---|---|
//! | `card-installments` | 15 min | 10 min | Stripe keys | adds card pledges' installments that fell due and charges them off-session, with retries (`giving::card_installments::run_due`) |
//! | `offline-installments` | 1 h | 10 min | — | adds the installments of pledges paid to the center that fell due; marks overdue those unrecorded after the grace period and emails their donors (`giving::offline_pledges::run_due`) |
//! | `fees` | 15 min | 10 min | Stripe keys | reads settled charges' fees and posts them to the ledger (`payments::fees`) |
//! | `outbox` | 15 s | 2 min | `SMTP_URL` | sends pending emails (`mail::send_pending`) |
//!
//! A runner's lease holder is unique per process (host, process id and a
//! random part). While a job runs its lease is renewed every third of its
//! length; a runner that loses it stops the run (each unit of a job's work
//! is its own transaction, and card charges carry idempotency keys, so a
//! run cut short is finished by the next). A process that dies holding a
//! lease is replaced once the lease expires; one that shuts down gives its
//! leases back. A job whose provider is not configured is skipped with a
//! log line; the others run.

use crate::mail::{self, SharedMailer};
use nikoo_domain::clock::SharedClock;
use nikoo_domain::giving::payments::SharedProvider;
use nikoo_domain::giving::{card_installments, offline_pledges, payments::fees};
use nikoo_domain::jobs as leases;
use nikoo_domain::sea_orm::DatabaseConnection;
use nikoo_domain::DomainError;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// What the jobs work with.
#[derive(Clone)]
pub struct JobContext {
    pub db: DatabaseConnection,
    pub clock: SharedClock,
    /// The card payment provider, when configured.
    pub payments: SharedProvider,
    /// The email transport, when configured.
    pub mailer: Option<SharedMailer>,
    /// The site's public URL, for links in emails.
    pub public_url: String,
    /// Days after its due date that an unrecorded installment of a pledge
    /// paid to the center becomes overdue (`NIKOO_INSTALLMENT_GRACE_DAYS`).
    pub grace_days: u32,
}

/// The background jobs, in the order `nikoo jobs run-once` runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Job {
    /// Card pledges' installments: scheduled and charged.
    CardInstallments,
    /// Installments of pledges paid to the center: scheduled, overdue after the grace period.
    OfflineInstallments,
    /// Settled card charges' fees, posted to the ledger.
    Fees,
    /// The outbox's pending emails, sent.
    Outbox,
    /// Forms' idempotency keys older than two days, deleted
    /// (`nikoo_domain::form_keys`).
    FormKeys,
}

/// Why a job cannot run in this deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// No card payment provider (Stripe keys unset).
    CardProvider,
    /// No email transport (`SMTP_URL` unset).
    Mailer,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Missing::CardProvider => "card payments are off (no Stripe keys)",
            Missing::Mailer => "SMTP_URL is not set (emails stay in the outbox)",
        })
    }
}

impl Job {
    /// Every job.
    pub const ALL: [Job; 5] = [
        Job::CardInstallments,
        Job::OfflineInstallments,
        Job::Fees,
        Job::Outbox,
        Job::FormKeys,
    ];

    /// Its name: the lease row's and the command line's.
    pub fn name(self) -> &'static str {
        match self {
            Job::CardInstallments => "card-installments",
            Job::OfflineInstallments => "offline-installments",
            Job::Fees => "fees",
            Job::Outbox => "outbox",
            Job::FormKeys => "form-keys",
        }
    }

    /// How often a serving instance tries to run it.
    pub fn every(self) -> Duration {
        match self {
            Job::CardInstallments | Job::Fees => Duration::from_secs(15 * 60),
            Job::OfflineInstallments | Job::FormKeys => Duration::from_secs(60 * 60),
            Job::Outbox => Duration::from_secs(15),
        }
    }

    /// How long a lease lasts unless renewed: a runner that dies holding it
    /// is replaced after this.
    pub fn lease(self) -> chrono::Duration {
        match self {
            Job::Outbox => chrono::Duration::minutes(2),
            _ => chrono::Duration::minutes(10),
        }
    }

    /// What this deployment lacks for it, if anything.
    pub fn missing(self, ctx: &JobContext) -> Option<Missing> {
        match self {
            Job::CardInstallments | Job::Fees if ctx.payments.is_none() => {
                Some(Missing::CardProvider)
            }
            Job::Outbox if ctx.mailer.is_none() => Some(Missing::Mailer),
            _ => None,
        }
    }

    /// Does the job's work once; answers what it did, in words.
    async fn run(self, ctx: &JobContext) -> Result<String, DomainError> {
        let now = ctx.clock.now();
        match self {
            Job::CardInstallments => {
                let Some(provider) = ctx.payments.as_deref() else {
                    return Ok(Missing::CardProvider.to_string());
                };
                let r = card_installments::run_due(&ctx.db, provider, now).await?;
                Ok(format!(
                    "{} fell due, {} paid, {} to retry, {} overdue, {} pending",
                    r.fell_due, r.paid, r.retrying, r.overdue, r.pending
                ))
            }
            Job::OfflineInstallments => {
                let r = offline_pledges::run_due(&ctx.db, now, ctx.grace_days).await?;
                Ok(format!("{} fell due, {} overdue", r.fell_due, r.overdue))
            }
            Job::Fees => {
                let Some(provider) = ctx.payments.as_deref() else {
                    return Ok(Missing::CardProvider.to_string());
                };
                let f = fees::post_pending(&ctx.db, provider, now).await?;
                Ok(format!(
                    "{} posted, {} none, {} in another currency, {} pending",
                    f.posted, f.none, f.other_currency, f.pending
                ))
            }
            Job::Outbox => {
                let Some(mailer) = ctx.mailer.as_deref() else {
                    return Ok(Missing::Mailer.to_string());
                };
                let r = mail::send_pending(&ctx.db, &ctx.clock, mailer, &ctx.public_url).await?;
                Ok(format!("{} sent, {} failed", r.sent, r.failed))
            }
            Job::FormKeys => {
                let deleted = nikoo_domain::form_keys::purge(&ctx.db, now).await?;
                Ok(format!("{deleted} deleted"))
            }
        }
    }
}

/// How one attempt to run a job ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It ran; what it did.
    Ran(String),
    /// It ran and failed; the error.
    Failed(String),
    /// Another runner holds its lease.
    Busy,
    /// It cannot run here.
    Skipped(Missing),
    /// The lease was taken over while it ran (it expired unrenewed); the
    /// run was stopped.
    LeaseLost,
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Ran(what) => write!(f, "ran: {what}"),
            Outcome::Failed(e) => write!(f, "failed: {e}"),
            Outcome::Busy => f.write_str("another instance is running it"),
            Outcome::Skipped(why) => write!(f, "skipped: {why}"),
            Outcome::LeaseLost => f.write_str("stopped: its lease was lost"),
        }
    }
}

/// A lease holder unique to this process: host name, process id and a
/// random part (process ids repeat across hosts and restarts).
pub fn new_holder() -> String {
    let host = hostname::get()
        .ok()
        .and_then(|h| h.into_string().ok())
        .unwrap_or_else(|| "localhost".into());
    let random: String = nikoo_domain::secrets::new_token().chars().take(8).collect();
    format!("{host}:{}:{random}", std::process::id())
}

/// Runs jobs under their leases, as one holder.
#[derive(Clone)]
pub struct Runner {
    ctx: Arc<JobContext>,
    holder: Arc<str>,
    /// How often a running job's lease is renewed; `None`: a third of the lease.
    renew_every: Option<Duration>,
}

impl Runner {
    /// A runner with a new holder ([`new_holder`]).
    pub fn new(ctx: JobContext) -> Runner {
        Runner {
            ctx: Arc::new(ctx),
            holder: new_holder().into(),
            renew_every: None,
        }
    }

    /// This runner renewing a running job's lease every `every` instead of
    /// every third of the lease (tests, which cannot wait minutes).
    #[must_use]
    pub fn renewing_every(mut self, every: Duration) -> Runner {
        self.renew_every = Some(every);
        self
    }

    /// This runner's lease holder.
    pub fn holder(&self) -> &str {
        &self.holder
    }

    /// Its context.
    pub fn context(&self) -> &JobContext {
        &self.ctx
    }

    /// Runs `job` once if this runner gets its lease, renewing the lease
    /// while it runs and giving it back with the run's result.
    ///
    /// # Errors
    /// `Db` when the lease cannot be taken or recorded; the job's own
    /// errors are [`Outcome::Failed`].
    pub async fn run_once(&self, job: Job) -> Result<Outcome, DomainError> {
        if let Some(missing) = job.missing(&self.ctx) {
            return Ok(Outcome::Skipped(missing));
        }
        let (db, clock, name) = (&self.ctx.db, &self.ctx.clock, job.name());
        if !leases::try_lease(db, name, &self.holder, clock.now(), job.lease()).await? {
            return Ok(Outcome::Busy);
        }
        if let Err(e) = leases::record_start(db, name, &self.holder, clock.now()).await {
            leases::release(db, name, &self.holder, clock.now()).await?;
            return Err(e);
        }
        let work = job.run(&self.ctx);
        tokio::pin!(work);
        let renew_every = self.renew_every.unwrap_or_else(|| {
            job.lease()
                .to_std()
                .map_or(Duration::from_secs(60), |d| d / 3)
        });
        let mut renew =
            tokio::time::interval_at(tokio::time::Instant::now() + renew_every, renew_every);
        // Until when the lease surely holds: a renewal that fails (a
        // database fault) leaves the run going only while it does.
        let mut held_until = clock.now() + job.lease();
        let result = loop {
            tokio::select! {
                r = &mut work => break Some(r),
                _ = renew.tick() => {
                    let now = clock.now();
                    match leases::try_lease(db, name, &self.holder, now, job.lease()).await {
                        Ok(true) => held_until = now + job.lease(),
                        Ok(false) => break None,
                        Err(e) if now + chrono::Duration::from_std(renew_every).unwrap_or_default() < held_until => {
                            tracing::warn!(job = name, error = %e, "lease not renewed; trying again");
                        }
                        Err(e) => {
                            tracing::error!(job = name, error = %e, "lease not renewed in time: stopping the run");
                            break None;
                        }
                    }
                }
            }
        };
        let outcome = match result {
            Some(Ok(what)) => Outcome::Ran(what),
            Some(Err(e)) => Outcome::Failed(e.to_string()),
            None => Outcome::LeaseLost,
        };
        let recorded = match &outcome {
            Outcome::Ran(what) => format!("ok: {what}"),
            other => other.to_string(),
        };
        leases::finish(db, name, &self.holder, clock.now(), &recorded).await?;
        Ok(outcome)
    }

    /// Runs each of `jobs` once, in order, as `nikoo jobs run-once` does.
    ///
    /// # Errors
    /// `Db`, as [`Runner::run_once`].
    pub async fn run_each_once(&self, jobs: &[Job]) -> Result<Vec<(Job, Outcome)>, DomainError> {
        let mut outcomes = Vec::with_capacity(jobs.len());
        for job in jobs {
            outcomes.push((*job, self.run_once(*job).await?));
        }
        Ok(outcomes)
    }

    /// Starts a loop per job this deployment can run (each every
    /// [`Job::every`], the first at once), logging the others as skipped.
    /// The loops end, each after its run in progress, when `shutdown`
    /// turns true; then call [`Runner::stop`].
    pub fn spawn(&self, shutdown: watch::Receiver<bool>) -> Vec<JoinHandle<()>> {
        let mut loops = Vec::new();
        for job in Job::ALL {
            if let Some(missing) = job.missing(&self.ctx) {
                tracing::info!(job = job.name(), reason = %missing, "background job skipped");
                continue;
            }
            let (runner, mut shutdown) = (self.clone(), shutdown.clone());
            loops.push(tokio::spawn(async move {
                let mut tick = tokio::time::interval(job.every());
                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                loop {
                    tokio::select! {
                        biased;
                        _ = shutdown.changed() => break,
                        _ = tick.tick() => {}
                    }
                    if *shutdown.borrow() {
                        break;
                    }
                    match runner.run_once(job).await {
                        Ok(Outcome::Ran(what)) => {
                            tracing::debug!(job = job.name(), %what, "background job ran");
                        }
                        Ok(Outcome::Busy) => {}
                        Ok(other) => {
                            tracing::warn!(job = job.name(), outcome = %other, "background job")
                        }
                        Err(e) => {
                            tracing::error!(job = job.name(), error = %e, "background job not run")
                        }
                    }
                }
            }));
        }
        loops
    }

    /// Ends the loops of [`Runner::spawn`]: waits up to `grace` for their
    /// runs in progress, stops those still running (their work resumes at
    /// the next run: each unit is its own transaction, charges carry
    /// idempotency keys), then gives back every lease this runner holds,
    /// once none of its runs can still be going.
    ///
    /// # Errors
    /// `Db`.
    pub async fn stop(
        &self,
        loops: Vec<JoinHandle<()>>,
        grace: Duration,
    ) -> Result<(), DomainError> {
        let aborts: Vec<_> = loops.iter().map(JoinHandle::abort_handle).collect();
        let ended = tokio::time::timeout(grace, async {
            for l in loops {
                let _ = l.await;
            }
        })
        .await;
        if ended.is_err() {
            tracing::warn!(
                "a background job was still running: stopped; it resumes at its next run"
            );
            for a in &aborts {
                a.abort();
            }
            // An aborted task ends at its next await point; wait for that.
            while aborts.iter().any(|a| !a.is_finished()) {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
        self.release().await
    }

    /// Gives back every lease this runner still holds (at shutdown).
    ///
    /// # Errors
    /// `Db`.
    pub async fn release(&self) -> Result<(), DomainError> {
        leases::release_all(&self.ctx.db, &self.holder, self.ctx.clock.now()).await
    }
}

/// One line per job for `nikoo jobs list`: name, schedule, last run,
/// last result, lease holder, and whether this deployment runs it.
///
/// # Errors
/// `Db`.
pub async fn list(ctx: &JobContext) -> Result<Vec<[String; 6]>, DomainError> {
    let rows = leases::list(&ctx.db).await?;
    let now = ctx.clock.now();
    let when = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map_or_else(
            || "never".to_owned(),
            |t| t.format("%Y-%m-%d %H:%M:%S").to_string(),
        )
    };
    Ok(Job::ALL
        .iter()
        .map(|job| {
            let row = rows.iter().find(|r| r.name == job.name());
            let every = job.every().as_secs();
            [
                job.name().to_owned(),
                if every % 60 == 0 {
                    format!("{} min", every / 60)
                } else {
                    format!("{every} s")
                },
                when(row.and_then(|r| r.last_started_at)),
                row.and_then(|r| r.last_result.clone())
                    .unwrap_or_else(|| "—".to_owned()),
                row.filter(|r| r.expires_at > now).map_or_else(
                    || "free".to_owned(),
                    |r| format!("{} until {}", r.holder, when(Some(r.expires_at))),
                ),
                job.missing(ctx)
                    .map_or_else(|| "runs".to_owned(), |m| format!("off: {m}")),
            ]
        })
        .collect())
}
