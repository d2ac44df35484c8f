//! The address a request comes from, for the per-address throttles
//! (`nikoo_domain::accounts::throttle`): the connection's peer, or, when
//! the peer is one of `NIKOO_TRUSTED_PROXIES` (a reverse proxy in front
//! of Nikoo), the address that proxy put in `X-Forwarded-For`.
//!
//! Rule (MDN, "X-Forwarded-For: Selecting an IP address"): a client can
//! write anything into the header, and each proxy appends the address it
//! saw, so only the rightmost entries are trustworthy: walk from the right
//! past the trusted proxies and take the first address that is not one.
//! Without trusted proxies the header is ignored.

use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::Response;
use nikoo_app::api::ClientAddress;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The client of a request from `peer` carrying the `X-Forwarded-For`
/// values `forwarded` (each a comma-separated list), given the trusted
/// proxies: `peer` unless it is trusted; else the rightmost forwarded
/// address not trusted (an entry that is not an address ends the walk at
/// the last trusted hop, which is then the client as far as is known).
pub fn client_of(peer: IpAddr, forwarded: &[&str], trusted: &[IpAddr]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.contains(&ip.to_canonical());
    let mut client = peer.to_canonical();
    if !is_trusted(&client) {
        return client;
    }
    let hops = forwarded
        .iter()
        .flat_map(|v| v.split(','))
        .collect::<Vec<_>>();
    for hop in hops.iter().rev() {
        let Ok(ip) = hop.trim().parse::<IpAddr>() else {
            break;
        };
        client = ip.to_canonical();
        if !is_trusted(&client) {
            break;
        }
    }
    client
}

/// Middleware: puts the request's [`ClientAddress`] in its extensions
/// (read by `nikoo_app::api::client_ip`), from the peer that
/// `crate::connections::serve` records.
pub async fn resolve(trusted: Arc<[IpAddr]>, mut req: Request, next: Next) -> Response {
    if let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>().copied() {
        let forwarded: Vec<&str> = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let client = client_of(peer.ip(), &forwarded, &trusted);
        req.extensions_mut().insert(ClientAddress(client));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::client_of;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("an address")
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        assert_eq!(
            client_of(ip("203.0.113.7"), &["198.51.100.1"], &[]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_a_forged_prefix_does_not_count() {
        let trusted = [ip("127.0.0.1"), ip("10.0.0.2")];
        // The client forged "1.1.1.1"; the outer proxy appended the real address.
        let forwarded = ["1.1.1.1, 198.51.100.9", "10.0.0.2"];
        assert_eq!(
            client_of(ip("127.0.0.1"), &forwarded, &trusted),
            ip("198.51.100.9")
        );
        // IPv4 peers seen as IPv6-mapped addresses are trusted all the same.
        assert_eq!(
            client_of(ip("::ffff:127.0.0.1"), &["198.51.100.9"], &trusted),
            ip("198.51.100.9")
        );
    }

    #[test]
    fn junk_or_nothing_forwarded_leaves_the_last_trusted_hop() {
        let trusted = [ip("127.0.0.1")];
        assert_eq!(client_of(ip("127.0.0.1"), &[], &trusted), ip("127.0.0.1"));
        assert_eq!(
            client_of(ip("127.0.0.1"), &["<script>, unknown"], &trusted),
            ip("127.0.0.1")
        );
        // An untrusted peer's header is never read.
        assert_eq!(
            client_of(ip("192.0.2.4"), &["127.0.0.1"], &trusted),
            ip("192.0.2.4")
        );
    }
}
