//! Running code with the widest vector instructions the CPU offers.
//!
//! Plugins are compiled for the baseline of their target (SSE2 on x86-64),
//! because the binary must load in hosts on any machine of that
//! architecture. [`run`] lets a hot loop use more where the CPU has it: it
//! calls its closure through a function compiled with AVX2 when the CPU
//! supports AVX2, and directly otherwise. Code the compiler inlines into the
//! closure (loops over slices and arrays, `#[inline]` and
//! `#[inline(always)]` functions) is compiled twice, once for each path.
//! Calls it does not inline (rayon's machinery, large functions) run their
//! baseline code whichever path is taken, so call [`run`] inside a
//! parallel iterator's closure, around the work on one row or block, not
//! around the iterator. A large closure may itself be left out of line by
//! the compiler, which would defeat the purpose: mark it
//! `#[inline(always)]` (`simd::run(#[inline(always)] || { ... })`), and its
//! helpers too.
//!
//! The two builds compute the same results: AVX2 widens the vectors but
//! changes no rounding (Rust never fuses a multiply and an add unless asked
//! with `mul_add`).
//!
//! ```
//! let data: Vec<f32> = (0..1000).map(|i| i as f32).collect();
//! let sum: f32 = ofx_plugin::simd::run(|| data.iter().map(|v| v * 0.5).sum());
//! assert_eq!(sum, 249_750.0);
//! ```

use std::sync::atomic::{AtomicUsize, Ordering};

/// Whether [`run`] takes the AVX2 path now.
#[inline]
pub fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        if PORTABLE.load(Ordering::Relaxed) > 0 {
            return false;
        }
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Calls `f`, compiled with AVX2 when the CPU supports it (see the module
/// documentation for what that covers).
#[inline(always)]
pub fn run<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    if has_avx2() {
        // SAFETY: `with_avx2` only requires that the CPU supports AVX2,
        // which `has_avx2` has just checked at run time; the closure is
        // safe code.
        return unsafe { with_avx2(f) };
    }
    f()
}

/// Calls `f` with the AVX2 path turned off: until `f` returns, [`run`]
/// calls its closure's baseline build, on every thread. For tests comparing
/// the two paths (whose results are the same, so other threads running
/// meanwhile are only slower).
pub fn portable<R>(f: impl FnOnce() -> R) -> R {
    struct Restore;
    impl Drop for Restore {
        fn drop(&mut self) {
            PORTABLE.fetch_sub(1, Ordering::Relaxed);
        }
    }
    PORTABLE.fetch_add(1, Ordering::Relaxed);
    let _restore = Restore;
    f()
}

/// How many [`portable`] calls are running.
static PORTABLE: AtomicUsize = AtomicUsize::new(0);

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn with_avx2<R>(f: impl FnOnce() -> R) -> R {
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_paths_compute_the_same_bits() {
        let data: Vec<f32> = (0..10_000).map(|i| (i as f32).sin() * 1e3).collect();
        let work = || -> Vec<f32> { data.iter().map(|v| v * 1.1 + 0.3).collect() };
        let wide = run(work);
        let narrow = portable(|| {
            assert!(!has_avx2());
            run(work)
        });
        assert_eq!(wide, narrow);
        let plain: Vec<f32> = data.iter().map(|v| v * 1.1 + 0.3).collect();
        assert_eq!(wide, plain);
    }

    #[test]
    fn portable_nests_and_ends_even_after_a_panic() {
        let r = std::panic::catch_unwind(|| portable(|| panic!("inside")));
        assert!(r.is_err());
        portable(|| {
            portable(|| assert!(!has_avx2()));
            assert!(!has_avx2(), "still inside the outer call");
            // Other threads see it too.
            assert!(!std::thread::spawn(has_avx2).join().unwrap());
        });
    }
}
