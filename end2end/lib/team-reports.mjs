// Signed progress reports made in Node, byte-compatible with src/domain/report.rs: the signed bytes
// are the report as JSON with keys sorted at every level and no whitespace (what serde_json writes
// for a `Value`), signed with Ed25519. Used by the Team bench and the Rust test vector.
import { createPrivateKey, createPublicKey, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const PKCS8_ED25519 = Buffer.from("302e020100300506032b657004220420", "hex");

function base58(bytes) {
  const digits = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += digits[i] << 8;
      digits[i] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let zeros = "";
  for (const byte of bytes) {
    if (byte !== 0) break;
    zeros += "1";
  }
  return zeros + digits.reverse().map((d) => BASE58[d]).join("");
}

/** JSON with sorted keys at every level, as serde_json prints a `Value`. */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The pack's content hash (`Pack::content_hash`), as the project recorded it when the version was
 * published: `public/packs/history.json`, written by `cargo run --example publish_pack`. Reading
 * the record instead of re-implementing the canonical form in JavaScript means a change to the pack
 * format can never make these reports disagree with the app. A pack that is not recorded is an error.
 */
export function packHash(pack) {
  const history = JSON.parse(readFileSync(fileURLToPath(new URL("../../public/packs/history.json", import.meta.url)), "utf8"));
  const language = pack.language ?? "en";
  const entry = history.versions.find((v) => v.id === pack.id && v.version === pack.version && v.language === language);
  if (!entry) throw new Error(`${pack.id} ${pack.version} (${language}) is not in public/packs/history.json`);
  return entry.hash;
}

/** A learner's key from a 32-byte seed: the signing key and its did:key. */
export function learnerKey(seed) {
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: "der", type: "pkcs8" });
  const raw = createPublicKey(key).export({ format: "der", type: "spki" }).subarray(-32);
  return { key, did: "did:key:z" + base58(Buffer.concat([Buffer.from([0xed, 0x01]), raw])) };
}

/** Signs a report (its `learner` field is set from the key). Returns { report, signature }. */
export function signReport(report, { key, did }) {
  const body = { ...report, learner: did };
  const signature = sign(null, Buffer.from(canonical(body), "utf8"), key).toString("base64url");
  return { report: body, signature };
}

/** A plausible report for the pack: the first `done` modules complete. */
const hashes = new WeakMap();

export function makeReport(pack, { name, team = null, email = null, done = 0, producedAt, certificates = [] }) {
  const modules = [];
  for (const track of pack.tracks) {
    for (const m of track.modules) {
      if (modules.some((x) => x.id === m.id)) continue;
      const complete = modules.length < done;
      modules.push({ id: m.id, completed_at: complete ? producedAt - 86_400_000 : null, best: complete ? 100 : null });
    }
  }
  const tracks = pack.tracks.map((t) => {
    const complete = t.modules.every((m) => modules.find((x) => x.id === m.id).completed_at !== null);
    const finished = t.modules.filter((m) => modules.find((x) => x.id === m.id).completed_at !== null).length;
    return { id: t.id, percent: Math.floor((finished * 100) / t.modules.length), complete };
  });
  return {
    format: 1, learner: "", name, team, email,
    pack_id: pack.id, pack_version: pack.version, pack_hash: hashes.get(pack) ?? hashes.set(pack, packHash(pack)).get(pack),
    produced_at: producedAt, last_activity: done > 0 ? producedAt - 86_400_000 : null,
    // Like the app, list only modules the learner has started.
    modules: modules.filter((m) => m.completed_at !== null || m.best !== null), tracks, certificates,
  };
}
