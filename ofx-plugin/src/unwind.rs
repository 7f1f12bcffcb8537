//! Caught panics: their message, and dropping their payload safely.
//!
//! A panic's payload is any `Send + 'static` value, and its `Drop` may
//! panic in turn. Dropping it outside a `catch_unwind` would let that second
//! panic unwind out of an `extern "C"` function, which aborts the host, so
//! every payload this crate catches is dropped through [`drop_payload`].

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A caught panic's payload.
pub(crate) type Payload = Box<dyn Any + Send>;

/// Drops a caught panic's payload without letting a panic of its own `Drop`
/// escape: such a payload is forgotten instead (a leak, where unwinding
/// would abort the host).
pub(crate) fn drop_payload(payload: Payload) {
    if let Err(again) = catch_unwind(AssertUnwindSafe(move || drop(payload))) {
        std::mem::forget(again);
    }
}

/// The message of a caught panic, when its payload is a string.
pub(crate) fn panic_text(p: &(dyn Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A payload whose `Drop` panics.
    struct Bomb;
    impl Drop for Bomb {
        fn drop(&mut self) {
            panic!("the payload's drop panics too");
        }
    }

    #[test]
    fn a_payload_that_panics_when_dropped_is_contained() {
        let p = catch_unwind(|| std::panic::panic_any(Bomb)).unwrap_err();
        assert_eq!(panic_text(&*p), "unknown panic payload");
        drop_payload(p);
        let p = catch_unwind(|| panic!("plain {}", 1)).unwrap_err();
        assert_eq!(panic_text(&*p), "plain 1");
        drop_payload(p);
    }
}
