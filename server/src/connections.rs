//! Serving HTTP/1.1 connections with the limits a public server needs,
//! which `axum::serve` does not set: a client must send a request's
//! headers within [`HEADER_READ_TIMEOUT`] (a slow-headers client — many
//! connections trickling a byte now and then — is cut off instead of
//! holding a connection forever), and a shutdown stops accepting, lets
//! requests in flight finish for at most [`crate::SHUTDOWN_GRACE`], then
//! closes.
//!
//! Request timeouts and body limits are layers of the router
//! (`crate::router`); this module only accepts and drives connections.

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How long a client has to send a request's headers, from the first byte
/// of the request (and, on a kept-alive connection, while it is idle):
/// 10 s, as nginx's `client_header_timeout` is 60 s and Apache's
/// `mod_reqtimeout` starts at 20 s for the headers; a phone on a slow
/// connection sends a few hundred bytes of headers in well under that.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Accepts connections on `listener` and serves `app` on each (the peer's
/// address as `ConnectInfo<SocketAddr>`, as the handlers expect) until
/// `shutdown` completes; then waits for open connections as above.
///
/// # Errors
/// None in practice: a failed accept (e.g. out of file descriptors) is
/// logged and retried after a pause, as `axum::serve` does.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = app
            .clone()
            .map_request(move |mut req: axum::http::Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo(peer));
                req.map(axum::body::Body::new)
            });
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, %peer, "connection ended with an error");
            }
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(crate::SHUTDOWN_GRACE) => {
            tracing::warn!("closing connections still open after the shutdown grace");
        }
    }
    Ok(())
}
