//! QR codes for verify and share links, drawn as one SVG path so that a page needs no canvas and no
//! image file. Encoding is delegated to the small, dependency-free `qrcodegen` crate; this module
//! only turns its module grid into path data.

use qrcodegen::{QrCode, QrCodeEcc};

/// Light modules around the symbol, as the QR specification asks for.
pub const QUIET_ZONE: i32 = 4;

/// A QR symbol ready to draw: `path` fills the dark modules of a `size` × `size` grid, already
/// offset by the quiet zone, so the SVG's view box is `0 0 side side`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrSymbol {
    pub size: i32,
    pub side: i32,
    pub path: String,
}

/// Encodes text (a URL) at the lowest error-correction level that still fits; the library raises
/// the level when the symbol has room to spare. `None` when the text is too long for any QR
/// version (about 2,900 bytes).
pub fn encode(text: &str) -> Option<QrSymbol> {
    let code = QrCode::encode_text(text, QrCodeEcc::Low).ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            // One rectangle per horizontal run of dark modules keeps the path short.
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            let run = x - start;
            path.push_str(&format!(
                "M{} {}h{run}v1h-{run}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE
            ));
        }
    }
    Some(QrSymbol {
        size,
        side: size + 2 * QUIET_ZONE,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Re-reads the path into a grid, so the tests can look at modules.
    fn grid(symbol: &QrSymbol) -> Vec<Vec<bool>> {
        let side = symbol.side as usize;
        let mut cells = vec![vec![false; side]; side];
        for rect in symbol.path.split('M').filter(|s| !s.is_empty()) {
            let (xy, rest) = rect.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let run: usize = rest.split_once('v').unwrap().0.parse().unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            for cell in &mut cells[y][x..x + run] {
                *cell = true;
            }
        }
        cells
    }

    #[test]
    fn finder_patterns_sit_in_three_corners_inside_the_quiet_zone() {
        let symbol = encode("https://fluency.example/verify#abc").unwrap();
        let cells = grid(&symbol);
        let q = QUIET_ZONE as usize;
        let far = (symbol.side - QUIET_ZONE - 1) as usize;
        for (x, y) in [(q, q), (far, q), (q, far)] {
            assert!(cells[y][x], "finder corner at {x},{y}");
        }
        assert!(!cells[far][far], "no finder pattern bottom right");
        assert!(cells[..q].iter().all(|row| row.iter().all(|c| !c)));
    }

    #[test]
    fn sizes_follow_the_amount_of_data() {
        let cases = [(10, 21..=25), (300, 49..=61), (2_000, 141..=157)];
        for (len, expected) in cases {
            let text = format!("https://x.example/#{}", "a".repeat(len));
            let symbol = encode(&text).unwrap();
            assert!(expected.contains(&symbol.size), "{len} → {}", symbol.size);
            assert_eq!(symbol.side, symbol.size + 8);
        }
    }

    #[test]
    fn text_beyond_the_largest_version_is_refused() {
        assert_eq!(encode(&"é".repeat(2_000)), None);
    }
}
