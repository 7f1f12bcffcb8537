//! Exclusive ownership of a plugin binary by one host session.
//!
//! A plugin binary keeps the host pointer and the suites it fetched in
//! process-global statics, and `cargo test` runs tests concurrently in one
//! process. Two sessions driving the same binary at once would overwrite each
//! other's host. So a session holds a [`BinaryLock`] on its binary for as long
//! as it lives; a second session on the same binary waits until the first is
//! dropped. Different binaries do not wait on each other.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Condvar, Mutex, OnceLock};

/// What identifies a plugin binary.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum BinaryKey {
    /// An in-process plugin, by the address of its `OfxGetPlugin` function.
    InProcess(usize),
    /// A dynamically loaded binary, by its canonical path.
    Path(PathBuf),
}

struct Held {
    keys: Mutex<HashSet<BinaryKey>>,
    released: Condvar,
}

fn held() -> &'static Held {
    static H: OnceLock<Held> = OnceLock::new();
    H.get_or_init(|| Held {
        keys: Mutex::new(HashSet::new()),
        released: Condvar::new(),
    })
}

/// Exclusive hold on one plugin binary; released on drop.
#[derive(Debug)]
pub struct BinaryLock {
    key: BinaryKey,
}

impl BinaryLock {
    /// Waits until no other session holds `key`, then holds it.
    pub fn acquire(key: BinaryKey) -> BinaryLock {
        let h = held();
        let mut keys = h.keys.lock().unwrap_or_else(|e| e.into_inner());
        while keys.contains(&key) {
            keys = h.released.wait(keys).unwrap_or_else(|e| e.into_inner());
        }
        keys.insert(key.clone());
        BinaryLock { key }
    }

    /// Holds `key` if it is free; `None` if another session holds it.
    pub fn try_acquire(key: BinaryKey) -> Option<BinaryLock> {
        let mut keys = held().keys.lock().unwrap_or_else(|e| e.into_inner());
        if keys.contains(&key) {
            return None;
        }
        keys.insert(key.clone());
        Some(BinaryLock { key })
    }

    /// The binary held.
    pub fn key(&self) -> &BinaryKey {
        &self.key
    }
}

impl Drop for BinaryLock {
    fn drop(&mut self) {
        let h = held();
        h.keys
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.key);
        h.released.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    #[test]
    fn second_session_on_same_binary_waits() {
        let key = BinaryKey::InProcess(0x1000_0001);
        let first = BinaryLock::acquire(key.clone());
        assert!(BinaryLock::try_acquire(key.clone()).is_none());
        assert!(
            BinaryLock::try_acquire(BinaryKey::InProcess(0x1000_0002)).is_some(),
            "other binaries are free"
        );
        let got = Arc::new(AtomicBool::new(false));
        let g = got.clone();
        let k = key.clone();
        let t = std::thread::spawn(move || {
            let _second = BinaryLock::acquire(k);
            g.store(true, Ordering::SeqCst);
        });
        std::thread::sleep(Duration::from_millis(50));
        assert!(!got.load(Ordering::SeqCst), "second session must wait");
        drop(first);
        t.join().unwrap();
        assert!(got.load(Ordering::SeqCst));
        assert!(
            BinaryLock::try_acquire(key).is_some(),
            "released after the second session"
        );
    }
}
