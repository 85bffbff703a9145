//! Semantic versions for packs: parsing, ordering and the bump a change calls for.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    /// Parses `MAJOR.MINOR.PATCH`. Pre-release and build suffixes are not used by packs and refused.
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.split('.');
        let mut next = || -> Option<u64> {
            let part = parts.next()?;
            let valid = !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_digit())
                && (part == "0" || !part.starts_with('0'));
            if valid {
                part.parse().ok()
            } else {
                None
            }
        };
        let version = Version {
            major: next()?,
            minor: next()?,
            patch: next()?,
        };
        parts.next().is_none().then_some(version)
    }

    pub fn bump_major(self) -> Version {
        Version {
            major: self.major + 1,
            minor: 0,
            patch: 0,
        }
    }

    pub fn bump_minor(self) -> Version {
        Version {
            minor: self.minor + 1,
            patch: 0,
            ..self
        }
    }

    pub fn bump_patch(self) -> Version {
        Version {
            patch: self.patch + 1,
            ..self
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let v = |major, minor, patch| {
            Some(Version {
                major,
                minor,
                patch,
            })
        };
        let cases = [
            ("1.0.0", v(1, 0, 0)),
            ("0.12.3", v(0, 12, 3)),
            ("10.0.1", v(10, 0, 1)),
            ("1.0", None),
            ("1.0.0.0", None),
            ("01.0.0", None),
            ("1.0.0-beta", None),
            ("v1.0.0", None),
            ("", None),
            ("1..0", None),
        ];
        for (text, want) in cases {
            assert_eq!(Version::parse(text), want, "{text:?}");
        }
    }

    #[test]
    fn bumps_and_order() {
        let v = Version::parse("1.2.3").unwrap();
        assert_eq!(v.bump_major().to_string(), "2.0.0");
        assert_eq!(v.bump_minor().to_string(), "1.3.0");
        assert_eq!(v.bump_patch().to_string(), "1.2.4");
        assert!(Version::parse("1.10.0") > Version::parse("1.9.9"));
    }
}
