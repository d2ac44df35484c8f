//! What one client can make the server do (issue 14, "limits that hold"):
//! a client trickling headers is cut off after the header-read timeout
//! while others are served; a body over the limit is 413; a server
//! function called with arguments that do not decode is 400 without a
//! decoder's message; a 50,000-character search is 400, not a failed
//! query. SQLite only: nothing here depends on the database.

use crate::common;

use common::{spawn_app, Backend};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_trickling_headers_is_cut_off() {
    let app = spawn_app(Backend::Sqlite).await;
    let stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    writer
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: nikoo.test\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    let trickle = tokio::spawn(async move {
        // One header byte a second, never the blank line that ends them.
        while writer.write_all(b"X").await.is_ok() {
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
    // Meanwhile other clients are served.
    assert_eq!(app.get("/healthz").await.status(), 200);
    let mut buf = [0u8; 1024];
    let read = tokio::time::timeout(Duration::from_secs(25), async {
        loop {
            match reader.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await;
    trickle.abort();
    assert!(read.is_ok(), "the connection stayed open for 25 s");
    let held = started.elapsed();
    assert!(
        held >= nikoo_server::connections::HEADER_READ_TIMEOUT - Duration::from_secs(1),
        "closed after {held:?}: before the timeout"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_body_is_refused_after_the_idle_timeout() {
    let app = spawn_app(Backend::Sqlite).await;
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let started = Instant::now();
    // A body of 1,000 bytes announced, 7 sent, then nothing.
    stream
        .write_all(
            format!(
                "POST /_sfn/log_in HTTP/1.1\r\nHost: {}\r\nOrigin: http://{}\r\n\
                 Content-Type: application/x-www-form-urlencoded\r\n\
                 Content-Length: 1000\r\n\r\nlang=en",
                app.addr, app.addr
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(
        nikoo_server::BODY_IDLE_TIMEOUT + Duration::from_secs(15),
        async {
            let mut buf = [0u8; 1024];
            loop {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        answer.extend_from_slice(&buf[..n]);
                        if answer.windows(4).any(|w| w == b"\r\n\r\n") {
                            return;
                        }
                    }
                }
            }
        },
    )
    .await;
    assert!(
        read.is_ok(),
        "still waiting for the body after the idle timeout"
    );
    let held = started.elapsed();
    assert!(
        held >= nikoo_server::BODY_IDLE_TIMEOUT - Duration::from_secs(1),
        "answered after {held:?}: before the timeout"
    );
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 4"),
        "{answer}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_out_of_bounds_are_refused_cleanly() {
    let app = spawn_app(Backend::Sqlite).await;
    // A body over the limit of pages and server functions.
    let huge = format!(
        "lang=en&email={}",
        "a".repeat(nikoo_server::SERVER_FN_BODY_BYTES)
    );
    let r = app
        .http
        .post(app.url("/_sfn/log_in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    // Arguments that do not decode: missing, of the wrong shape, not a form.
    for (content_type, body) in [
        ("application/x-www-form-urlencoded", "x=1"),
        (
            "application/x-www-form-urlencoded",
            "lang=en&email=a&password=b&next[x]=%ZZ",
        ),
        ("application/json", "{\"lang\": ["),
    ] {
        let r = app
            .http
            .post(app.url("/_sfn/log_in"))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        assert_eq!(status, 400, "{body}: {text}");
        assert!(
            !text.contains("missing field") && !text.contains("Args") && !text.contains("expected"),
            "{body}: a decoder's message: {text}"
        );
    }
    // The same posted by a form without JavaScript goes back to its page
    // with the error, as every refused form does.
    let r = app
        .http
        .post(app.url("/_sfn/log_in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("referer", app.url("/en/login"))
        .header("origin", format!("http://{}", app.addr))
        .body("x=1")
        .send()
        .await
        .unwrap();
    let location = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(r.status().is_redirection(), "{}", r.status());
    assert!(
        location.contains("/en/login") && location.contains("__err="),
        "{location}"
    );
    // A 50,000-character search, on the page and in the API.
    let q = "a".repeat(50_000);
    for path in [
        format!("/fa/programs?q={q}"),
        format!("/api/v1/programs?q={q}"),
    ] {
        let r = app.get(&path).await;
        assert_eq!(r.status(), 400, "{}", &path[..20]);
    }
    assert_eq!(app.get("/healthz").await.status(), 200);
}
