//! Software prefetch ([`crate::simd::prefetch`]): a cache hint, the one
//! intrinsic the blur filter needs that is not safe to call.
//!
//! `core::arch::x86_64::_mm_prefetch` is a `#[target_feature(enable =
//! "sse")]` function, so (on rustc 1.95) calling it from a function without
//! that attribute needs `unsafe`, even though SSE is part of the x86-64
//! baseline. Filter crates are `#![forbid(unsafe_code)]`, so the call lives
//! here, behind a safe function.

/// Asks the CPU to bring the cache line holding `value` into the cache,
/// without waiting for it: for loops that will read or write memory a
/// little further on in a pattern the hardware prefetcher does not follow
/// (or follows too late), such as the blur filter's intermediate buffer,
/// whose horizontal pass writes hundreds of column groups at once. It has
/// no effect on the program's results, and none at all on CPUs other than
/// x86-64.
///
/// It is kept because it pays where it is used: the blur's `u8` renders
/// were faster with it in every A/B pair measured (`CHANGELOG.md` has the
/// figures).
#[inline(always)]
pub fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `prefetcht0` needs only SSE, part of the x86-64 baseline; it
    // reads nothing the program can see and cannot fault, and the address
    // comes from a reference.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(
            (value as *const T).cast(),
        )
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefetching_changes_nothing() {
        // Every kind of reference a caller can hold: slice elements up to
        // the last one, a zero-sized value (whose address points at no
        // memory), a value on the stack, one in a page of its own.
        let data: Vec<u64> = (0..4096).collect();
        for v in &data {
            prefetch(v);
        }
        prefetch(&());
        prefetch(&[0u8; 0]);
        let local = [1.5f32; 16];
        prefetch(&local);
        let page = vec![7u8; 1 << 16];
        prefetch(&page[page.len() - 1]);
        assert_eq!(data, (0..4096).collect::<Vec<u64>>());
        assert_eq!(local, [1.5; 16]);
        assert!(page.iter().all(|&b| b == 7));
    }
}
