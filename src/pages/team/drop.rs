//! Files dropped on the import area, including every `.json` file inside dropped folders.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The dropped entries. They must be taken during the drop event: the browser forgets them after.
pub fn entries(transfer: &web_sys::DataTransfer) -> Vec<web_sys::FileSystemEntry> {
    let items = transfer.items();
    (0..items.length())
        .filter_map(|i| items.get(i))
        .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
        .collect()
}

async fn file_of(entry: &web_sys::FileSystemFileEntry) -> Option<web_sys::File> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        entry.file_with_callback_and_callback(&resolve, &reject);
    });
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// One batch of a folder's entries; an empty batch means the folder has no more.
async fn read_batch(reader: &web_sys::FileSystemDirectoryReader) -> Vec<web_sys::FileSystemEntry> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if reader
            .read_entries_with_callback_and_callback(&resolve, &reject)
            .is_err()
        {
            let _ = reject.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    match JsFuture::from(promise).await {
        Ok(list) => js_sys::Array::from(&list)
            .iter()
            .filter_map(|e| e.dyn_into().ok())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// Every file among the entries, walking into folders (where only `.json` files are taken).
pub async fn files_in(entries: Vec<web_sys::FileSystemEntry>) -> Vec<web_sys::File> {
    let mut files = Vec::new();
    // (entry, inside a dropped folder)
    let mut stack: Vec<(web_sys::FileSystemEntry, bool)> =
        entries.into_iter().map(|e| (e, false)).collect();
    while let Some((entry, nested)) = stack.pop() {
        if entry.is_directory() {
            let reader = entry
                .unchecked_ref::<web_sys::FileSystemDirectoryEntry>()
                .create_reader();
            loop {
                let batch = read_batch(&reader).await;
                if batch.is_empty() {
                    break;
                }
                stack.extend(batch.into_iter().map(|e| (e, true)));
            }
        } else if entry.is_file() && (!nested || entry.name().to_lowercase().ends_with(".json")) {
            if let Some(file) = file_of(entry.unchecked_ref()).await {
                files.push(file);
            }
        }
    }
    files
}
