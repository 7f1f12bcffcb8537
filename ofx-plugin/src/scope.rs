//! How long the host object behind a handle lives.
//!
//! Clips, parameters and property sets are handles into the host, and a
//! host may free what they point to when the object they belong to ends:
//! an instance at `kOfxActionDestroyInstance`, a descriptor when its
//! describe action returns. The Rust values that hold such handles are
//! `'static` (an effect keeps its clips and parameters in its own fields),
//! so the compiler cannot stop one from being kept past that point.
//!
//! A [`Scope`] closes the gap at run time. Every handle-holding value
//! carries the scope of the object it belongs to, and [enters](Scope::enter)
//! it around each host call. Once the scope has [ended](Scope::end), entering
//! fails with a [`BadHandle`](crate::ErrorKind::BadHandle) error before the
//! host is called. Ending waits for calls already inside the scope to return,
//! so a handle used on another thread while its instance is destroyed either
//! finishes its call first or gets the error, and the host never sees a
//! handle it has freed.
//!
//! Entering is two atomic operations and never blocks, and it nests: a host
//! call made inside a scope may call back into the plugin, which may enter
//! the same scope again.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Result};

/// The lowest bit of the state: set once the scope has ended.
const ENDED: usize = 1;
/// What one holder adds to the state (the count lives above the flag).
const HOLDER: usize = 2;

struct State {
    /// `ENDED`, plus `HOLDER` for each call currently inside the scope.
    word: AtomicUsize,
    /// What the scope belongs to, for error messages ("the instance of
    /// org.example.Gain").
    owner: String,
    /// What ends it ("kOfxActionDestroyInstance").
    ended_by: &'static str,
}

/// The life of one host object (an instance, or a describe action), shared
/// by every handle that belongs to it.
#[derive(Clone)]
pub(crate) struct Scope(Arc<State>);

impl std::fmt::Debug for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scope")
            .field("owner", &self.0.owner)
            .field("ended", &self.has_ended())
            .finish()
    }
}

/// Proof that a scope is live, held for the length of one host call.
#[must_use = "the scope is only held while this guard lives"]
pub(crate) struct Entered<'a>(&'a State);

impl Drop for Entered<'_> {
    fn drop(&mut self) {
        self.0.word.fetch_sub(HOLDER, Ordering::Release);
    }
}

impl Scope {
    /// A live scope owned by `owner`, to be ended by `ended_by`.
    pub(crate) fn new(owner: String, ended_by: &'static str) -> Scope {
        Scope(Arc::new(State {
            word: AtomicUsize::new(0),
            owner,
            ended_by,
        }))
    }

    /// Enters the scope for one host call, or fails with a
    /// [`BadHandle`](crate::ErrorKind::BadHandle) error naming `what` when
    /// the scope has ended.
    pub(crate) fn enter(&self, what: impl FnOnce() -> String) -> Result<Entered<'_>> {
        let s = &*self.0;
        if s.word.fetch_add(HOLDER, Ordering::Acquire) & ENDED != 0 {
            s.word.fetch_sub(HOLDER, Ordering::Release);
            return Err(Error::bad_handle(format!(
                "{} belongs to {}, which ended with {}: a handle cannot be used after the object it belongs to is gone",
                what(),
                s.owner,
                s.ended_by
            )));
        }
        Ok(Entered(s))
    }

    /// Ends the scope: later [`enter`](Scope::enter) calls fail. Returns once
    /// the calls already inside have left.
    pub(crate) fn end(&self) {
        let s = &*self.0;
        s.word.fetch_or(ENDED, Ordering::AcqRel);
        while s.word.load(Ordering::Acquire) >= HOLDER {
            std::thread::yield_now();
        }
    }

    /// Whether the scope has ended.
    pub(crate) fn has_ended(&self) -> bool {
        self.0.word.load(Ordering::Acquire) & ENDED != 0
    }

    /// Whether two values belong to the same object.
    pub(crate) fn same(&self, other: &Scope) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// What the scope belongs to.
    pub(crate) fn owner(&self) -> &str {
        &self.0.owner
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn entering_fails_once_ended_and_names_the_owner() {
        let s = Scope::new(
            "the instance of org.test.X".into(),
            "kOfxActionDestroyInstance",
        );
        {
            let _a = s.enter(|| "clip \"Source\"".into()).unwrap();
            // Nesting is allowed.
            let _b = s.enter(|| "clip \"Source\"".into()).unwrap();
        }
        assert!(!s.has_ended());
        s.end();
        assert!(s.has_ended());
        let e = s.enter(|| "clip \"Source\"".into()).err().unwrap();
        assert_eq!(e.kind(), ErrorKind::BadHandle);
        let text = e.to_string();
        assert!(text.contains("clip \"Source\""), "{text}");
        assert!(text.contains("org.test.X"), "{text}");
        assert!(text.contains("kOfxActionDestroyInstance"), "{text}");
    }

    #[test]
    fn ending_waits_for_calls_inside() {
        let s = Scope::new("an instance".into(), "destroy");
        let entered = std::sync::Barrier::new(2);
        let left = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|t| {
            t.spawn(|| {
                let _in = s.enter(String::new).unwrap();
                entered.wait();
                std::thread::sleep(std::time::Duration::from_millis(50));
                left.store(true, Ordering::SeqCst);
            });
            entered.wait();
            s.end();
            assert!(
                left.load(Ordering::SeqCst),
                "end returned while a call was inside"
            );
        });
        assert!(s.enter(String::new).is_err());
    }

    #[test]
    fn clones_share_one_life() {
        let a = Scope::new("x".into(), "y");
        let b = a.clone();
        let c = Scope::new("x".into(), "y");
        assert!(a.same(&b) && !a.same(&c));
        b.end();
        assert!(a.has_ended() && !c.has_ended());
        assert_eq!(a.owner(), "x");
    }
}
