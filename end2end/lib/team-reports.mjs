// Signed progress reports made in Node, byte-compatible with src/domain/report.rs: the signed bytes
// are the report as JSON with keys sorted at every level and no whitespace (what serde_json writes
// for a `Value`), signed with Ed25519. Used by the Team bench and the Rust test vector.
import { createHash, createPrivateKey, createPublicKey, sign } from "node:crypto";

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

/** Fills the fields that the pack format lets a file leave out, as the Rust parser's defaults do. */
function withDefaults(value) {
  if (Array.isArray(value)) return value.map(withDefaults);
  if (!value || typeof value !== "object") return value;
  const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withDefaults(v)]));
  if ("feedback" in out && "text" in out) out.correct ??= false;
  // A placement option (an id and a text, but no feedback), whether or not it points to a role.
  if ("id" in out && "text" in out && !("feedback" in out)) out.knows_modules ??= [];
  if ("units" in out && "check" in out) out.prerequisites ??= [];
  if ("body" in out && "minutes" in out) {
    out.sources ??= [];
    out.tags ??= [];
  }
  return out;
}

/** The pack's content hash, as `Pack::content_hash` computes it. */
export function packHash(pack) {
  return "sha256:" + createHash("sha256").update(canonical(withDefaults(pack))).digest("hex");
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
