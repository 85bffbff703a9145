// Checks Ed25519 signatures of Team progress reports off the main thread, with the browser's Web
// Crypto. Each message packs n checks into four arrays: keys (32 bytes each), signatures (64 bytes
// each), messages (all signed bytes, end to end) and offsets (n + 1 positions into messages). The
// reply is an array of n booleans in the same order; a key the browser cannot import counts as false.
// A reply of null means this browser has no Ed25519 in Web Crypto, and the page checks them itself.
// Messages are answered one by one in the order they came, so the page may send several at once and
// match replies to them by order; each key is verified as soon as it is imported.
"use strict";

async function check({ keys, signatures, messages, offsets }) {
  const subtle = self.crypto && self.crypto.subtle;
  if (!subtle) return null;
  const n = offsets.length - 1;
  let imported = 0;
  const checks = [];
  for (let i = 0; i < n; i++) {
    const key = keys.subarray(32 * i, 32 * i + 32);
    const signature = signatures.subarray(64 * i, 64 * i + 64);
    const message = messages.subarray(offsets[i], offsets[i + 1]);
    checks.push(
      subtle.importKey("raw", key, "Ed25519", false, ["verify"]).then(
        (cryptoKey) => {
          imported++;
          return subtle.verify("Ed25519", cryptoKey, signature, message).then((ok) => ok === true, () => false);
        },
        () => false,
      ),
    );
  }
  const valid = await Promise.all(checks);
  return n > 0 && imported === 0 ? null : valid;
}

let queue = Promise.resolve();
self.onmessage = (event) => {
  queue = queue
    .then(() => check(event.data))
    .then((valid) => self.postMessage(valid), () => self.postMessage(null));
};
