// Checks Ed25519 signatures of Team progress reports off the main thread, with the browser's Web
// Crypto. Each message packs n checks into four arrays: keys (32 bytes each), signatures (64 bytes
// each), messages (all signed bytes, end to end) and offsets (n + 1 positions into messages). The
// reply is an array of n booleans in the same order; a key the browser cannot import counts as false.
// A reply of null means this browser has no Ed25519 in Web Crypto, and the page checks them itself.
// Messages are answered one by one in the order they came, so the page may send several at once and
// match replies to them by order.
"use strict";

async function check({ keys, signatures, messages, offsets }) {
  const subtle = self.crypto && self.crypto.subtle;
  if (!subtle) return null;
  const n = offsets.length - 1;
  const imported = await Promise.allSettled(
    Array.from({ length: n }, (_, i) => subtle.importKey("raw", keys.subarray(32 * i, 32 * i + 32), "Ed25519", false, ["verify"])),
  );
  if (n > 0 && imported.every((r) => r.status === "rejected")) return null;
  const checked = await Promise.allSettled(
    imported.map((r, i) =>
      r.status === "fulfilled"
        ? subtle.verify("Ed25519", r.value, signatures.subarray(64 * i, 64 * i + 64), messages.subarray(offsets[i], offsets[i + 1]))
        : false,
    ),
  );
  return checked.map((r) => r.status === "fulfilled" && r.value === true);
}

let queue = Promise.resolve();
self.onmessage = (event) => {
  queue = queue
    .then(() => check(event.data))
    .then((valid) => self.postMessage(valid), () => self.postMessage(null));
};
