//! Which `Host` a request may name. A page on another origin can reach a loopback server by
//! DNS rebinding (its name re-pointed at 127.0.0.1), and the request then carries that name;
//! refusing every name but `localhost` stops it. IP literals (the bound address, another
//! address of this machine under `--bind`) cannot be rebound and are answered.

use std::net::{IpAddr, SocketAddr};

/// Whether a request with this `Host` header (absent in some HTTP/1.0 clients) is served
/// by a server bound to `bound`.
pub fn allowed(host: Option<&str>, bound: SocketAddr) -> bool {
    let Some(host) = host.map(str::trim) else {
        return true;
    };
    let (name, port) = split_port(host);
    if port.is_some_and(|p| p != bound.port().to_string()) {
        return false;
    }
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok()
        || name
            .strip_prefix('[')
            .and_then(|n| n.strip_suffix(']'))
            .is_some_and(|n| n.parse::<std::net::Ipv6Addr>().is_ok())
}

/// `name` and `port` of `name:port`, `[v6]:port`, `name` or `[v6]`.
fn split_port(host: &str) -> (&str, Option<&str>) {
    if host.starts_with('[') {
        return match host.find(']') {
            Some(end) => {
                let (name, rest) = host.split_at(end + 1);
                (name, rest.strip_prefix(':'))
            }
            None => (host, None),
        };
    }
    match host.split_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (host, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_and_addresses_pass_and_other_names_do_not() {
        let bound: SocketAddr = "127.0.0.1:1111".parse().expect("address");
        for ok in [
            None,
            Some("localhost"),
            Some("LOCALHOST:1111"),
            Some("127.0.0.1:1111"),
            Some("127.0.0.1"),
            Some("[::1]:1111"),
            Some("[::1]"),
        ] {
            assert!(allowed(ok, bound), "{ok:?}");
        }
        for refused in [
            Some("evil.example"),
            Some("evil.example:1111"),
            Some("localhost.evil.example:1111"),
            Some("127.0.0.1.nip.io:1111"),
            Some("localhost:2222"),
            Some("127.0.0.1:1111:1111"),
            Some("[::1"),
            Some(""),
        ] {
            assert!(!allowed(refused, bound), "{refused:?}");
        }
    }
}
