// The curriculum in parts, as `domain::pack_parts` writes them (examples/split_packs.rs), for tests
// that serve a pack of their own in place of the shipped one.
import { createHash } from "node:crypto";
import { packHash } from "./team-reports.mjs";

/**
 * The hash the parts carry: the published hash (public/packs/history.json) for a published pack.
 * A pack a test makes up (a new version) has none there; its parts get a stand-in that only ties
 * them together. The app compares the parts' hash with the whole file's only when it falls back
 * to the whole file, which a test that serves parts does not need.
 */
function partsHash(pack) {
  try {
    return packHash(pack);
  } catch {
    return "sha256:" + createHash("sha256").update(JSON.stringify(pack)).digest("hex");
  }
}

/** A track without its heavy content, as `pack_parts::outline_track` leaves it. */
function outlineTrack(track) {
  const outline = structuredClone(track);
  outline.certification.bank = [];
  for (const module of outline.modules) {
    module.check.questions = [];
    for (const unit of module.units) Object.assign(unit, { body: "", sources: [], tags: [] });
    for (const scenario of module.scenarios) Object.assign(scenario, { situation: "", questions: [] });
  }
  return outline;
}

/**
 * The files a pack served at `/packs/NAME.json` is split into: URL → body, for the outline
 * (`/packs/NAME/outline.json`) and each track (`/packs/NAME/track-ID.json`).
 */
export function packParts(pack, url) {
  const dir = url.replace(/\.json$/, "/");
  const hash = partsHash(pack);
  const files = { [`${dir}outline.json`]: { parts: 1, hash, pack: { ...pack, tracks: pack.tracks.map(outlineTrack) } } };
  for (const track of pack.tracks) files[`${dir}track-${track.id}.json`] = { parts: 1, hash, track };
  return files;
}
