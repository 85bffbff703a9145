// Checks Ed25519 signatures of Team progress reports off the main thread, with the browser's Web
// Crypto. Each message is { keys, signatures, messages }: arrays of Uint8Array of equal length. The
// reply is an array of booleans in the same order; a key the browser cannot import counts as false.
// A reply of null means this browser has no Ed25519 in Web Crypto, and the page checks them itself.
"use strict";

self.onmessage = async (event) => {
  const { keys, signatures, messages } = event.data;
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
