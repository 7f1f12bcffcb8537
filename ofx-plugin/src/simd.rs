//! Running code with the widest vector instructions the CPU offers.
//!
//! Plugins are compiled for the baseline of their target (SSE2 on x86-64),
//! because the binary must load in hosts on any machine of that
//! architecture. [`run`] lets a hot loop use more where the CPU has it: it
//! calls its closure through a function compiled with AVX-512 (F, BW, DQ,
//! VL) when the CPU supports it, else through one compiled with AVX2 when
//! the CPU supports that, and directly otherwise ([`level`] says which).
//! Code the compiler inlines into the closure (loops over slices and
//! arrays, `#[inline]` and `#[inline(always)]` functions) is compiled once
//! for each path. Calls it does not inline (rayon's machinery, large
//! functions) run their baseline code whichever path is taken, so call
//! [`run`] inside a parallel iterator's closure, around the work on one row
//! or block, not around the iterator. A large closure may itself be left
//! out of line by the compiler, which would defeat the purpose: mark it
//! `#[inline(always)]` (`simd::run(#[inline(always)] || { ... })`), and its
//! helpers too.
//!
//! The builds compute the same results: wider vectors change no rounding
//! (Rust never fuses a multiply and an add unless asked with `mul_add`).
//! `mul_add` is one instruction where [`Level::has_fma`] says so, and a
//! slow library call elsewhere: code that wants fused multiply-adds asks
//! [`level`] inside the closure and takes a separate, unfused path where
//! the level has none (its results then differ from the fused path's by
//! rounding). Code that shapes its work to the registers (how many lanes
//! to keep in flight) asks [`level`] the same way; [`limit`] runs code with
//! a narrower level, so that tests can compare the builds, and the
//! [`ENV_CAP`] environment variable (`OFX_RS_SIMD=avx2`, for example) caps
//! the level of a whole process, for users and hosts.
//!
//! ```
//! let data: Vec<f32> = (0..1000).map(|i| i as f32).collect();
//! let sum: f32 = ofx_plugin::simd::run(|| data.iter().map(|v| v * 0.5).sum());
//! assert_eq!(sum, 249_750.0);
//! ```

use std::sync::atomic::{AtomicUsize, Ordering};

/// The instruction sets [`run`] chooses between, from the narrowest to the
/// widest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The target's baseline (SSE2 on x86-64; everything on other
    /// architectures).
    Baseline,
    /// AVX2 and FMA, 256-bit vectors.
    Avx2,
    /// AVX-512 F, BW, DQ and VL, with FMA: 512-bit vectors and 32 vector
    /// registers.
    Avx512,
}

impl Level {
    /// Every level, from the narrowest.
    pub const ALL: [Level; 3] = [Level::Baseline, Level::Avx2, Level::Avx512];

    /// How many `f32`s one vector register of this level holds.
    pub const fn f32_lanes(self) -> usize {
        match self {
            Level::Baseline => 4,
            Level::Avx2 => 8,
            Level::Avx512 => 16,
        }
    }

    /// Whether code that [`run`] compiles for this level turns
    /// `f32::mul_add` and `f64::mul_add` into one fused instruction. True
    /// above the baseline, and at the baseline of targets whose baseline
    /// has it (AArch64, or an x86-64 build for a CPU with FMA); elsewhere
    /// `mul_add` is a call to a software routine, many times slower than a
    /// multiplication and an addition.
    pub const fn has_fma(self) -> bool {
        match self {
            Level::Baseline => cfg!(any(target_feature = "fma", target_arch = "aarch64")),
            Level::Avx2 | Level::Avx512 => true,
        }
    }
}

/// The widest level this CPU supports.
#[inline]
pub fn detected() -> Level {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        // Both vector levels run with FMA enabled, so both require it.
        if !has!("fma") {
            return Level::Baseline;
        }
        if has!("avx512f") && has!("avx512bw") && has!("avx512dq") && has!("avx512vl") {
            return Level::Avx512;
        }
        if has!("avx2") {
            return Level::Avx2;
        }
    }
    Level::Baseline
}

/// The environment variable that caps [`level`] for the whole process:
/// `baseline`, `avx2` or `avx512` (any case). A user or host sets it to run
/// every plugin built with this crate on narrower vectors than the CPU
/// offers: to compare with an older machine's results or speed, or to keep
/// a CPU that slows its clock for 512-bit work at full speed. It is read
/// once, when a plugin first asks; a value that is not one of the three is
/// ignored (a plugin has no channel to report it on).
pub const ENV_CAP: &str = "OFX_RS_SIMD";

/// The level named `name` as [`ENV_CAP`] spells it, ignoring case and
/// surrounding blanks.
pub fn parse_level(name: &str) -> Option<Level> {
    match name.trim().to_ascii_lowercase().as_str() {
        "baseline" => Some(Level::Baseline),
        "avx2" => Some(Level::Avx2),
        "avx512" => Some(Level::Avx512),
        _ => None,
    }
}

/// The widest level [`run`] may take in this process: [`detected`], lowered
/// to [`ENV_CAP`]'s level when that is set.
#[inline]
pub fn ceiling() -> Level {
    static CAP: std::sync::OnceLock<Option<Level>> = std::sync::OnceLock::new();
    let cap = *CAP.get_or_init(|| std::env::var(ENV_CAP).ok().and_then(|v| parse_level(&v)));
    cap.map_or(detected(), |cap| detected().min(cap))
}

/// The level [`run`] takes now: [`ceiling`], lowered by any [`limit`]
/// running on any thread.
#[inline]
pub fn level() -> Level {
    let cap = Level::ALL
        .into_iter()
        .zip(&LIMITS)
        .find(|(_, running)| running.load(Ordering::Relaxed) > 0);
    cap.map_or(ceiling(), |(cap, _)| ceiling().min(cap))
}

/// Calls `f`, compiled for the widest instruction set the CPU supports
/// (see the module documentation for what that covers).
#[inline(always)]
pub fn run<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    match level() {
        // SAFETY: `with_avx512` only requires that the CPU supports the
        // AVX-512 subsets it enables, which `level` has checked at run time
        // (through `detected`); the closure is safe code.
        Level::Avx512 => return unsafe { with_avx512(f) },
        // SAFETY: as above, for AVX2 and FMA.
        Level::Avx2 => return unsafe { with_avx2(f) },
        Level::Baseline => {}
    }
    f()
}

/// Calls `f` with [`run`] limited to `cap`: until `f` returns, [`run`]
/// takes at most that level, on every thread. For tests comparing the
/// builds (whose results are the same, so other threads running meanwhile
/// are only slower).
pub fn limit<R>(cap: Level, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<&'static AtomicUsize>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(count) = self.0 {
                count.fetch_sub(1, Ordering::Relaxed);
            }
        }
    }
    // The widest level has no counter: a limit to it changes nothing.
    let count = LIMITS.get(cap as usize);
    if let Some(count) = count {
        count.fetch_add(1, Ordering::Relaxed);
    }
    let _restore = Restore(count);
    f()
}

/// Calls `f` with [`run`] limited to the baseline build:
/// `limit(Level::Baseline, f)`.
pub fn portable<R>(f: impl FnOnce() -> R) -> R {
    limit(Level::Baseline, f)
}

pub use crate::prefetch::prefetch;

/// How many [`limit`] calls to each level below the widest are running,
/// indexed by the level.
static LIMITS: [AtomicUsize; 2] = [AtomicUsize::new(0), AtomicUsize::new(0)];

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[inline]
unsafe fn with_avx2<R>(f: impl FnOnce() -> R) -> R {
    f()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vl,fma")]
#[inline]
unsafe fn with_avx512<R>(f: impl FnOnce() -> R) -> R {
    f()
}

/// Rounds a value in integer units to an integer in `0..=white`: clamps to
/// `[0, white]` (NaN to 0) in two comparisons that compile to a vector max
/// and min, adds 0.5 and truncates with the one instruction the vector units
/// have for it (`to_int_unchecked`), where `as` would clamp a second time.
/// The pixel conversions are built on it.
///
/// `white` must be at most 65535 (larger values are clamped to 65535).
#[inline(always)]
pub(crate) fn round_clamped(y: f32, white: f32) -> i32 {
    let white = if white < 65535.0 { white } else { 65535.0 };
    let y = if y > 0.0 { y } else { 0.0 };
    let y = if y < white { y } else { white };
    // SAFETY: `y` is finite and lies in [0, 65535] after the comparisons
    // (NaN fails the first and becomes 0), so `y + 0.5` truncates to a value
    // inside the range of i32, which is all `to_int_unchecked` requires.
    unsafe { (y + 0.5).to_int_unchecked::<i32>() }
}

/// Serialises the unit tests that call [`limit`], so that those asserting
/// the level are not disturbed by another's limit.
#[cfg(test)]
pub(crate) static TEST_LIMITS: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[cfg(test)]
mod tests {
    use super::*;

    fn serial() -> std::sync::MutexGuard<'static, ()> {
        TEST_LIMITS.lock().unwrap_or_else(|e| e.into_inner())
    }

    #[test]
    fn every_level_computes_the_same_bits() {
        let _serial = serial();
        let data: Vec<f32> = (0..10_000).map(|i| (i as f32).sin() * 1e3).collect();
        let work = || -> Vec<f32> { data.iter().map(|v| v * 1.1 + 0.3).collect() };
        let plain: Vec<f32> = data.iter().map(|v| v * 1.1 + 0.3).collect();
        for cap in Level::ALL {
            let got = limit(cap, || {
                assert_eq!(level(), ceiling().min(cap));
                run(work)
            });
            assert_eq!(got, plain, "{cap:?}");
        }
    }

    #[test]
    fn limits_nest_and_end_even_after_a_panic() {
        let _serial = serial();
        let r = std::panic::catch_unwind(|| portable(|| panic!("inside")));
        assert!(r.is_err());
        assert_eq!(level(), ceiling());
        limit(Level::Avx2, || {
            assert!(level() <= Level::Avx2);
            portable(|| {
                assert_eq!(level(), Level::Baseline);
                // Other threads see it too.
                assert_eq!(std::thread::spawn(level).join().unwrap(), Level::Baseline);
            });
            assert_eq!(
                level(),
                ceiling().min(Level::Avx2),
                "still inside the outer call"
            );
        });
        assert_eq!(level(), ceiling());
        assert_eq!(Level::ALL.map(Level::f32_lanes), [4, 8, 16]);
        assert!(Level::Avx2.has_fma() && Level::Avx512.has_fma());
    }

    #[test]
    fn level_names_parse() {
        assert_eq!(parse_level("avx2"), Some(Level::Avx2));
        assert_eq!(parse_level(" AVX512\n"), Some(Level::Avx512));
        assert_eq!(parse_level("Baseline"), Some(Level::Baseline));
        assert_eq!(parse_level("sse4"), None);
        assert_eq!(parse_level(""), None);
    }

    /// The variable set for a whole process: this test runs the next one
    /// in a child process of the test binary with `OFX_RS_SIMD` set.
    #[test]
    fn the_environment_caps_a_whole_process() {
        for (value, expect) in [("baseline", Level::Baseline), ("avx2", Level::Avx2)] {
            let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
                .args(["--exact", "simd::tests::capped_child", "--ignored"])
                .env(ENV_CAP, value)
                .env(
                    "OFX_RS_SIMD_EXPECT",
                    format!("{:?}", detected().min(expect)),
                )
                .output()
                .expect("the test binary runs");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{value}: {text}");
            assert!(
                text.contains("1 passed"),
                "{value}: the child did not run: {text}"
            );
        }
    }

    /// Run by [`the_environment_caps_a_whole_process`] in a child process.
    #[test]
    #[ignore = "run by the_environment_caps_a_whole_process with OFX_RS_SIMD set"]
    fn capped_child() {
        let expect = std::env::var("OFX_RS_SIMD_EXPECT").expect("run by the parent test");
        assert_eq!(format!("{:?}", ceiling()), expect);
        assert_eq!(format!("{:?}", level()), expect);
        let data: Vec<f32> = (0..1000).map(|i| i as f32).collect();
        assert_eq!(run(|| data.iter().sum::<f32>()), 499_500.0);
    }
}
