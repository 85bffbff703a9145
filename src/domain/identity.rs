//! Comparing and searching people's names (and other text people type) as text, not as code points.
//!
//! The same name can arrive in several encodings that look identical: "José" composed (U+00E9) or
//! decomposed (e + U+0301), with a stray zero-width space or a bidirectional control pasted in, with
//! two spaces or a no-break space. [`identity_key`] maps all of these to one key, so that the Team
//! page's "already known with another key" check and its search treat them as one person.
//!
//! The key is: Unicode Normalization Form C (UAX #15; the Unicode data comes from the
//! `unicode-normalization` crate's canonical decomposition, combining classes and composition), with
//! every character of general category Cf ("format": zero-width joiners and spaces, bidi embeddings,
//! overrides and isolates, the byte order mark; via `unicode-properties`) removed, lower-cased with
//! Unicode's default case mapping, normalised to NFC again (lower-casing can decompose), and white
//! space runs collapsed to one ASCII space with none at either end.
//!
//! Keys are for comparison only. What people typed is kept and shown as typed.

use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Unicode Normalization Form C (UAX #15 §1.3): full canonical decomposition, canonical ordering,
/// then canonical composition. The Unicode data (decompositions, combining classes, primary
/// composites, Hangul) is the `unicode-normalization` crate's; only its canonical tables are used,
/// which keeps the crate's compatibility tables (NFKC/NFKD) out of the download. A test checks this
/// against the crate's own `nfc()`.
pub fn nfc(text: &str) -> String {
    let mut marks: Vec<(char, u8)> = Vec::with_capacity(text.len());
    for c in text.chars() {
        decompose_canonical(c, |d| marks.push((d, canonical_combining_class(d))));
    }
    // Canonical ordering: each run of non-starters sorted (stably) by combining class.
    let mut i = 0;
    while i < marks.len() {
        let start = i;
        while i < marks.len() && marks[i].1 != 0 {
            i += 1;
        }
        marks[start..i].sort_by_key(|&(_, class)| class);
        i += 1;
    }
    // Canonical composition: a character joins the last starter unless something between them
    // blocks it (a starter, or a mark of the same or a higher class; in canonical order the last
    // mark kept has the highest class).
    let mut out: Vec<char> = Vec::with_capacity(marks.len());
    let mut starter: Option<usize> = None;
    let mut last_class: Option<u8> = None;
    for (c, class) in marks {
        if let Some(s) = starter {
            let blocked = last_class.is_some_and(|last| last == 0 || last >= class);
            if !blocked {
                if let Some(composite) = compose(out[s], c) {
                    out[s] = composite;
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(out.len());
            last_class = None;
        } else {
            last_class = Some(class);
        }
        out.push(c);
    }
    out.into_iter().collect()
}

/// The comparison key of a name: NFC, without format characters (Cf), lower-cased, white space
/// collapsed. Two names with the same key are treated as the same name.
pub fn identity_key(text: &str) -> String {
    let visible: String = nfc(text)
        .chars()
        .filter(|c| c.general_category() != GeneralCategory::Format)
        .collect();
    let lower = nfc(&visible.to_lowercase());
    let mut key = String::with_capacity(lower.len());
    for word in lower.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// Whether text can change the direction of what follows it when shown inline: it holds a
/// right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms, and the
/// historic right-to-left blocks) or an explicit bidirectional control (UAX #9 §2).
pub fn has_bidi_effect(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{0590}'..='\u{08FF}'
            | '\u{FB1D}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}'
            | '\u{10800}'..='\u{10FFF}'
            | '\u{1E800}'..='\u{1EFFF}'
            | '\u{200E}' | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}')
    })
}

/// Text from people, isolated for plain-text output (CSV cells, file names shown elsewhere): when
/// it could change the direction of what follows, it is wrapped in FIRST STRONG ISOLATE (U+2068)
/// and POP DIRECTIONAL ISOLATE (U+2069), the plain-text equivalent of `<bdi>` (UAX #9 §2.7), and an
/// unterminated embedding or override inside it ends at the isolate's end. Other text is unchanged.
pub fn isolate_plain(text: &str) -> String {
    if has_bidi_effect(text) {
        format!("\u{2068}{text}\u{2069}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_name_in_any_encoding_has_one_key() {
        // Each row: the forms that must compare equal.
        let cases: &[(&str, &[&str])] = &[
            (
                "Latin with accents, NFC and NFD",
                &[
                    "José Núñez",
                    "Jose\u{301} Nu\u{301}n\u{303}ez",
                    "JOSÉ NÚÑEZ",
                ],
            ),
            (
                "Vietnamese with stacked marks",
                &[
                    "Nguyễn Thị Ánh",
                    "Nguye\u{302}\u{303}n Thi\u{323} A\u{301}nh",
                ],
            ),
            (
                "Hangul syllables and conjoining jamo",
                &[
                    "김민준",
                    "\u{1100}\u{1175}\u{11B7}\u{1106}\u{1175}\u{11AB}\u{110C}\u{116E}\u{11AB}",
                ],
            ),
            (
                "Devanagari with a zero-width joiner pasted in",
                &["अर्जुन शर्मा", "अर्\u{200D}जुन शर्मा"],
            ),
            (
                "Arabic with a right-to-left mark and an override",
                &["ليلى حداد", "\u{200F}ليلى حداد\u{202E}"],
            ),
            (
                "Greek, final sigma and capitals",
                &[
                    "Οδυσσέας Ελύτης",
                    "ΟΔΥΣΣΈΑΣ ΕΛΎΤΗΣ",
                    "Οδυσσε\u{301}ας Ελυ\u{301}της",
                ],
            ),
            (
                "Cyrillic with a zero-width space and a BOM",
                &["Анна Петрова", "Ан\u{200B}на\u{FEFF} Петрова"],
            ),
            (
                "Chinese with odd spacing",
                &["张 伟", "  张\u{3000}伟 ", "张\u{00A0}伟"],
            ),
            (
                "A trailing right-to-left override",
                &[
                    "Dana Reyes",
                    "Dana Reyes\u{202E}",
                    "\u{2067}Dana Reyes\u{2069}",
                ],
            ),
        ];
        for (name, forms) in cases {
            let first = identity_key(forms[0]);
            for form in forms.iter() {
                assert_eq!(identity_key(form), first, "{name}: {form:?}");
            }
        }
    }

    #[test]
    fn plain_text_isolation_wraps_only_what_could_flip_its_neighbours() {
        let cases = [
            ("Dana Reyes", "Dana Reyes"),
            ("张伟", "张伟"),
            ("Dana Reyes\u{202E}", "\u{2068}Dana Reyes\u{202E}\u{2069}"),
            ("ليلى حداد", "\u{2068}ليلى حداد\u{2069}"),
            ("דנה", "\u{2068}דנה\u{2069}"),
            ("x\u{200F}", "\u{2068}x\u{200F}\u{2069}"),
        ];
        for (input, want) in cases {
            assert_eq!(isolate_plain(input), want, "{input:?}");
        }
    }

    /// Our composition matches the crate's own `nfc()` on names from many scripts, on every
    /// character of the first planes' busiest blocks, and on marks in every order.
    #[test]
    fn nfc_matches_the_crates_reference() {
        use unicode_normalization::UnicodeNormalization;
        let reference = |s: &str| s.nfc().collect::<String>();
        let mut samples: Vec<String> = [
            "José Núñez",
            "Jose\u{301} Nu\u{301}n\u{303}ez",
            "Nguye\u{302}\u{303}n Thi\u{323} A\u{301}nh",
            "\u{1100}\u{1175}\u{11B7}\u{1106}\u{1175}\u{11AB}",
            "김민준",
            "अर्जुन",
            "ليلى حداد",
            "Οδυσσε\u{301}ας",
            "a\u{323}\u{302}",
            "a\u{302}\u{323}",
            "q\u{307}\u{323}",
            "\u{1E0B}\u{323}",
            "\u{0F71}\u{0F72}",
            "\u{212B}\u{2126}",
            "\u{0344}\u{0958}",
            "\u{AC00}\u{11A8}",
            "\u{1100}\u{1161}\u{11A8}",
            "e\u{301}\u{301}\u{327}",
            "\u{301}leading mark",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for block in [
            0x00C0..0x0250,
            0x0300..0x0370,
            0x0900..0x0980,
            0x1E00..0x1F00,
            0x1F00..0x2000,
            0xAC00..0xAD00,
        ] {
            samples.push(block.filter_map(char::from_u32).collect());
        }
        let marks = [
            '\u{301}', '\u{323}', '\u{302}', '\u{308}', '\u{327}', '\u{31B}', '\u{345}',
        ];
        for base in ['a', 'e', 'o', 'u', 'ω', 'α', 'ο'] {
            for m1 in marks {
                for m2 in marks {
                    samples.push(format!("{base}{m1}{m2}"));
                }
            }
        }
        for sample in &samples {
            assert_eq!(nfc(sample), reference(sample), "{sample:?}");
        }
    }

    #[test]
    fn different_names_keep_different_keys() {
        let pairs = [
            ("José", "Jose"),
            ("Anna", "Ana"),
            ("李雷", "李蕾"),
            ("Søren", "Soren"),
            ("Çelik", "Celik"),
        ];
        for (a, b) in pairs {
            assert_ne!(identity_key(a), identity_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn keys_are_trimmed_lower_case_nfc() {
        let cases = [
            ("  Ada   LOVELACE ", "ada lovelace"),
            ("", ""),
            ("\u{200B}\u{202E}", ""),
            ("E\u{301}MILE", "émile"),
        ];
        for (input, want) in cases {
            assert_eq!(identity_key(input), want, "{input:?}");
        }
        assert!(identity_key("José Núñez").contains(&identity_key("NU\u{301}N\u{303}")));
    }
}
