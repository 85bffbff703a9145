//! The site map: which part of the app an address belongs to.
//!
//! The shell loads each area's code on first use (see `app.rs`), so it must know which area an
//! address belongs to before that code, and the area's own routes, have arrived. This table is
//! the one place that knows; the areas' page routes sit beside their area in `app.rs`.

/// A part of the app with its own code: the home page travels with the shell, every other area
/// is fetched the first time it is visited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Home,
    Learn,
    Certificates,
    Studio,
    Team,
    Profile,
}

impl Area {
    /// Every area whose code is fetched on first use, in the order of [`Area::index`].
    pub const LAZY: [Area; 5] = [
        Area::Learn,
        Area::Certificates,
        Area::Studio,
        Area::Team,
        Area::Profile,
    ];

    /// The address prefixes the area answers for. Home answers only for `/` itself.
    pub fn prefixes(self) -> &'static [&'static str] {
        match self {
            Area::Home => &[],
            Area::Learn => &["/learn"],
            Area::Certificates => &["/certificates", "/verify"],
            Area::Studio => &["/studio"],
            Area::Team => &["/team"],
            Area::Profile => &["/profile"],
        }
    }

    /// The area's position in [`Area::LAZY`]; `None` for the home page, which is never fetched.
    pub fn index(self) -> Option<usize> {
        Area::LAZY.iter().position(|&area| area == self)
    }
}

/// The area an address's path belongs to, or `None` when no area does (the not-found page).
///
/// A prefix matches the whole path or a leading part that ends at a `/`: `/learn` and
/// `/learn/foundation` are Learn's, `/learning` is nobody's. A trailing slash is ignored.
pub fn area_of(path: &str) -> Option<Area> {
    let path = match path.trim_end_matches('/') {
        "" => return Some(Area::Home),
        trimmed => trimmed,
    };
    Area::LAZY.into_iter().find(|area| {
        area.prefixes().iter().any(|prefix| {
            path.strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    })
}

/// Whether following a link from `from` to `to` (both path plus query, without the fragment)
/// only jumps within the page shown now: the same path and query with a fragment. Such a link is
/// left to the browser, which scrolls to the fragment.
pub fn is_jump_within_page(from: &str, to: &str, to_has_fragment: bool) -> bool {
    to_has_fragment && from == to
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_belong_to_their_area() {
        let cases: &[(&str, Option<Area>)] = &[
            ("/", Some(Area::Home)),
            ("", Some(Area::Home)),
            ("/learn", Some(Area::Learn)),
            ("/learn/", Some(Area::Learn)),
            ("/learn/foundation/m1/u2", Some(Area::Learn)),
            ("/learning", None),
            ("/certificates", Some(Area::Certificates)),
            ("/certificates/abc", Some(Area::Certificates)),
            ("/verify", Some(Area::Certificates)),
            ("/verify/extra", Some(Area::Certificates)),
            ("/verifying", None),
            ("/studio", Some(Area::Studio)),
            ("/studio/draft/x/preview", Some(Area::Studio)),
            ("/team", Some(Area::Team)),
            ("/team/import", Some(Area::Team)),
            ("/teams", None),
            ("/profile", Some(Area::Profile)),
            ("/profile/anything", Some(Area::Profile)),
            ("/nowhere", None),
            ("//learn", None),
            ("/LEARN", None),
        ];
        for (path, want) in cases {
            assert_eq!(area_of(path), *want, "{path}");
        }
    }

    #[test]
    fn each_lazy_area_has_an_index_and_home_has_none() {
        for (i, area) in Area::LAZY.into_iter().enumerate() {
            assert_eq!(area.index(), Some(i));
            assert!(!area.prefixes().is_empty(), "{area:?}");
        }
        assert_eq!(Area::Home.index(), None);
    }

    /// Every page route declared in an `area!` of `app.rs` must belong to that area here, or the
    /// shell would never mount the area for it.
    #[test]
    fn every_page_route_belongs_to_its_area() {
        let app = include_str!("app.rs");
        let mut areas_seen = Vec::new();
        for block in app.split("\narea!(").skip(1) {
            let name = block.split(',').next().unwrap().trim();
            let area = Area::LAZY
                .into_iter()
                .find(|a| format!("{a:?}") == name)
                .unwrap_or_else(|| panic!("area!({name}, …) names no area"));
            let body = &block[..block.find("\n});").expect("an area! block ends with `});`")];
            let paths: Vec<&str> = body
                .lines()
                .filter_map(|line| line.trim().strip_prefix('"'))
                .filter_map(|line| line.split('"').next())
                .collect();
            assert!(!paths.is_empty(), "{name} declares no routes");
            for path in paths {
                assert_eq!(
                    area_of(path),
                    Some(area),
                    "{path} is declared in area {name}"
                );
            }
            areas_seen.push(area);
        }
        assert_eq!(
            areas_seen,
            Area::LAZY,
            "one area! per lazily loaded area, in order"
        );
    }

    #[test]
    fn only_fragment_links_to_the_same_page_are_jumps() {
        let cases = [
            ("/learn", "/learn", true, true),
            ("/learn", "/learn", false, false),
            ("/learn", "/studio", true, false),
            ("/learn?a=1", "/learn", true, false),
            ("/team/import", "/team/import", true, true),
        ];
        for (from, to, fragment, want) in cases {
            assert_eq!(
                is_jump_within_page(from, to, fragment),
                want,
                "{from} → {to}"
            );
        }
    }
}
