// The automatic backup file, for src/storage.rs only: the File System Access API (Chromium-based
// browsers) to write the file, and IndexedDB, the one place a browser can keep the file's handle
// from one visit to the next. Imported on first use (storage.rs), so the first page load does not
// carry it; the service worker caches it like the rest of the app.
const DATABASE = "fluency";
const STORE = "handles";
const KEY = "backup-file";

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transact(mode, run) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = run(tx.objectStore(STORE));
    tx.oncomplete = () => { db.close(); resolve(request.result); };
    tx.onerror = tx.onabort = () => { db.close(); reject(tx.error); };
  });
}

const stored = () => transact("readonly", (store) => store.get(KEY));

// Asks the learner for a file (the browser's save dialog) and keeps its handle; returns its name.
export async function chooseFile(suggestedName) {
  const handle = await window.showSaveFilePicker({
    suggestedName,
    types: [{ description: "Fluency backup", accept: { "application/json": [".json"] } }],
  });
  await transact("readwrite", (store) => store.put(handle, KEY));
  return handle.name;
}

export async function forgetFile() {
  await transact("readwrite", (store) => store.delete(KEY));
}

// "granted", "prompt" (permission lapsed), "denied", or "none" when no file is kept. With `ask`,
// a lapsed permission is requested again, which needs a click from the learner.
export async function fileAccess(ask) {
  const handle = await stored();
  if (!handle) return "none";
  const options = { mode: "readwrite" };
  let state = handle.queryPermission ? await handle.queryPermission(options) : "granted";
  if (state === "prompt" && ask && handle.requestPermission) state = await handle.requestPermission(options);
  return state;
}

// Replaces the file's contents. The browser writes to a temporary file and swaps it in on close,
// so an interrupted write leaves the previous backup intact.
export async function writeFile(text) {
  const handle = await stored();
  if (!handle) throw new Error("no backup file is set up");
  const stream = await handle.createWritable();
  await stream.write(text);
  await stream.close();
}
