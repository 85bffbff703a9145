//! Learning records for any xAPI 1.0.3 Learning Record Store (LRS), as plain Rust.
//!
//! - [`config`]: the organisation's `fluency.config.json` (endpoint, write credentials, names);
//! - [`consent`]: the learner's decision and how they are identified;
//! - [`statement`]: the statements Fluency sends, built from progress and certificates, with
//!   deterministic ids;
//! - [`outbox`]: the queue kept in storage, its batching, retry and give-up rules, and the
//!   record-by-record merge that keeps two tabs from losing or resending anything;
//! - [`lrs`]: what the LRS answers (status classes, error messages, pages and `more` links);
//! - [`aggregate`]: a manager's statements turned into the same team summaries as report files.
//!
//! The browser side (fetch, Web Locks, timers) lives in `crate::state::xapi` and only carries
//! out what these modules decide. The statements are documented in `docs/xapi.md`.

pub mod aggregate;
pub mod config;
pub mod consent;
pub mod lrs;
pub mod outbox;
pub mod statement;

use sha1::{Digest, Sha1};

use super::certification::Date;
use super::progress::Millis;

/// The xAPI version Fluency speaks, sent as the `X-Experience-API-Version` header.
pub const XAPI_VERSION: &str = "1.0.3";

/// The namespace of Fluency's statement ids (a random UUID fixed once; RFC 9562 §5.5 names
/// ids within a namespace).
const STATEMENT_NAMESPACE: [u8; 16] = [
    0x3c, 0x6f, 0x0e, 0x5a, 0x92, 0x41, 0x4d, 0x1b, 0x8e, 0x37, 0x5f, 0xc2, 0x19, 0xa4, 0x70, 0xd6,
];

/// A name-based UUID, version 5 (SHA-1, RFC 9562 §5.5), of `name` in Fluency's statement
/// namespace, written in lower-case hex with hyphens. The same name always gives the same id.
pub fn statement_uuid(name: &str) -> String {
    let mut hasher = Sha1::new();
    hasher.update(STATEMENT_NAMESPACE);
    hasher.update(name.as_bytes());
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 9562 variant
    crate::domain::credential::hyphenated(&bytes)
}

/// An xAPI timestamp (ISO 8601, UTC, milliseconds): `2026-12-01T09:30:00.000Z`.
pub fn iso_timestamp(at: Millis) -> String {
    let date = Date::from_millis(at);
    let in_day = at - date.to_millis();
    format!(
        "{}T{:02}:{:02}:{:02}.{:03}Z",
        date.iso(),
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1_000 % 60,
        in_day % 1_000
    )
}

/// Reads an ISO 8601 timestamp with a time zone (`Z` or `±hh:mm`), as LRSs write them, to
/// milliseconds since the epoch. Fractions beyond milliseconds are dropped. `None` when the text
/// is not such a timestamp.
pub fn parse_timestamp(text: &str) -> Option<Millis> {
    let text = text.trim();
    let bytes = text.as_bytes();
    if bytes.len() < 20
        || bytes
            .get(10)
            .is_none_or(|b| !matches!(b, b'T' | b't' | b' '))
    {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if bytes[4] != b'-' || bytes[7] != b'-' || bytes[13] != b':' || bytes[16] != b':' {
        return None;
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    if second > 60 {
        return None;
    }
    let mut rest = &text[19..];
    let mut millis = 0;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let padded = format!("{:0<3}", &fraction[..digits.min(3)]);
        millis = padded.parse::<i64>().ok()?;
        rest = &fraction[digits..];
    }
    let offset_minutes = match rest {
        "Z" | "z" => 0,
        zone if zone.len() == 6 && zone.as_bytes()[3] == b':' => {
            let sign = match zone.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hours: i64 = zone.get(1..3)?.parse().ok()?;
            let minutes: i64 = zone.get(4..6)?.parse().ok()?;
            sign * (hours * 60 + minutes)
        }
        _ => return None,
    };
    let date = Date {
        year: i32::try_from(year).ok()?,
        month: month as u32,
        day: day as u32,
    };
    if Date::from_millis(date.to_millis()) != date {
        return None;
    }
    Some(date.to_millis() + ((hour * 60 + minute - offset_minutes) * 60 + second) * 1_000 + millis)
}

/// The `Authorization` header value for HTTP Basic authentication (RFC 7617), which xAPI LRSs use:
/// `Basic ` and the base64 of `username:password` in UTF-8.
pub fn basic_auth(username: &str, password: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = format!("{username}:{password}").into_bytes();
    let mut out = String::from("Basic ");
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Percent-encodes a query parameter's value (RFC 3986: everything but unreserved characters).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Lays out compact JSON text with two-space indentation, one member or element per line, for
/// people to read (the consent screen's examples). Text that is not JSON comes out re-spaced but
/// otherwise unchanged. A small walk over the text rather than a second serializer keeps the
/// app smaller.
pub fn pretty_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
