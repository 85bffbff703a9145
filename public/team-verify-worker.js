// Checks Ed25519 signatures of Team progress reports off the main thread, with the browser's Web
// Crypto. Each message packs n checks into four arrays: keys (32 bytes each), signatures (64 bytes
// each), messages (all signed bytes, end to end) and offsets (n + 1 positions into messages). The
// reply is an array of n booleans in the same order; a key the browser cannot import counts as false.
// A reply of null means this browser has no Ed25519 in Web Crypto, and the page checks them itself.
"use strict";

self.onmessage = async (event) => {
  const { keys: packedKeys, signatures: packedSignatures, messages: packedMessages, offsets } = event.data;
  const n = offsets.length - 1;
  const keys = [];
  const signatures = [];
  const messages = [];
  for (let i = 0; i < n; i++) {
    keys.push(packedKeys.subarray(32 * i, 32 * i + 32));
    signatures.push(packedSignatures.subarray(64 * i, 64 * i + 64));
    messages.push(packedMessages.subarray(offsets[i], offsets[i + 1]));
  }
  const subtle = self.crypto && self.crypto.subtle;
  if (!subtle) {
    self.postMessage(null);
    return;
  }
  const imported = await Promise.allSettled(
    keys.map((key) => subtle.importKey("raw", key, "Ed25519", false, ["verify"])),
  );
  if (keys.length > 0 && imported.every((r) => r.status === "rejected")) {
    self.postMessage(null);
    return;
  }
  const checked = await Promise.allSettled(
    imported.map((r, i) =>
      r.status === "fulfilled" ? subtle.verify("Ed25519", r.value, signatures[i], messages[i]) : false,
    ),
  );
  self.postMessage(checked.map((r) => r.status === "fulfilled" && r.value === true));
};
