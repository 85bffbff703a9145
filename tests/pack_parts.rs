//! Every pack and language edition the manifest lists can be served in parts
//! (`domain::pack_parts`): split and put back together, it is the same pack with the same content
//! hash, so certificates and reports name it the same way whichever way it was loaded.

use fluency::domain::manifest::Manifest;
use fluency::domain::pack::Pack;
use fluency::domain::pack_parts::{outline_url, split, track_url, Outline, PartialPack, TrackPart};

#[test]
fn every_listed_pack_and_edition_splits_and_assembles_to_itself() {
    let manifest =
        Manifest::from_json(&std::fs::read_to_string("public/packs/index.json").unwrap()).unwrap();
    let mut files = 0;
    for entry in &manifest.packs {
        let urls = std::iter::once(&entry.url).chain(entry.editions.iter().map(|e| &e.url));
        for url in urls {
            let text = std::fs::read_to_string(format!("public{url}")).unwrap();
            let pack = Pack::from_json(&text).unwrap();
            assert!(outline_url(url).is_some(), "{url}");
            let (outline, tracks) = split(&pack);
            let outline_text = serde_json::to_string(&outline).unwrap();
            assert!(
                outline_text.len() * 6 < text.len(),
                "{url}: the outline is {} of {} bytes",
                outline_text.len(),
                text.len()
            );
            let mut partial = PartialPack::new(Outline::from_json(&outline_text).unwrap());
            for part in tracks {
                assert!(
                    track_url(url, &part.track.id).is_some(),
                    "{url}: {}",
                    part.track.id
                );
                let part = serde_json::to_string(&part).unwrap();
                partial.add(TrackPart::from_json(&part).unwrap()).unwrap();
            }
            let whole = partial.whole().unwrap();
            assert_eq!(whole, pack, "{url}");
            assert_eq!(whole.content_hash(), pack.content_hash(), "{url}");
            files += 1;
        }
    }
    assert!(files >= 2, "the source and its zh-CN edition at least");
}
