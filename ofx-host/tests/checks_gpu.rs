//! The GPU checks against the OpenCL and OpenGL plugins of
//! `tests/bad-plugins`, on the installed OpenCL platform (pocl in CI) and
//! Mesa's headless EGL: these fail, not skip, when either is missing.
//!
//! Checks run isolated, as in `checks_bad_plugins.rs`: the runner re-runs
//! the asking test in a child with the check in `OFXHOST_CHECK`.

mod bad_checks;

use bad_checks::{child_if_asked, isolated, target};
use ofx_bad_plugins::{Fault, id_of};
use ofx_host::checks::{self, Outcome, Report};

const GPU_CHECKS: [&str; 5] = [
    "gpu-flag-values",
    "gpu-renders-without-gpu",
    "gpu-same-pixels",
    "gpu-reference-counts",
    "gpu-failure-falls-back",
];

/// Runs the GPU checks on the plugin of `fault`, each in a child.
fn validate(fault: Fault, test_name: &str) -> Report {
    checks::run_all(
        &target(id_of(fault)),
        &isolated(fault, test_name, &GPU_CHECKS),
    )
}

fn outcome(r: &Report, check: &str) -> Outcome {
    r.get(check)
        .unwrap_or_else(|| panic!("{check} did not run:\n{r}"))
        .verdict
        .outcome
}

fn evidence<'r>(r: &'r Report, check: &str) -> &'r str {
    &r.get(check).unwrap().verdict.evidence
}

/// Every check passed, and the four GPU checks that apply to a legal GPU
/// plugin did (none was n/a).
fn assert_passes_the_gpu_checks(r: &Report) {
    assert!(r.passed(), "{}", r.table(true));
    for check in [
        "gpu-flag-values",
        "gpu-renders-without-gpu",
        "gpu-same-pixels",
        "gpu-reference-counts",
    ] {
        assert_eq!(
            outcome(r, check),
            Outcome::Pass,
            "{check}:\n{}",
            r.table(true)
        );
    }
}

#[test]
fn the_legal_opencl_plugin_passes_every_gpu_check() {
    child_if_asked();
    let r = validate(
        Fault::OpenClCopy,
        "the_legal_opencl_plugin_passes_every_gpu_check",
    );
    assert_passes_the_gpu_checks(&r);
    let same = evidence(&r, "gpu-same-pixels");
    assert!(same.contains("opencl: same pixels"), "{same}");
    assert!(same.contains("opencl-images: same pixels"), "{same}");
    // It never fails on the GPU: nothing to retry.
    assert_eq!(
        outcome(&r, "gpu-failure-falls-back"),
        Outcome::NotApplicable
    );
}

#[test]
fn the_control_plugin_is_not_applicable_to_the_gpu_checks() {
    child_if_asked();
    let r = validate(
        Fault::None,
        "the_control_plugin_is_not_applicable_to_the_gpu_checks",
    );
    for check in GPU_CHECKS {
        assert_eq!(
            outcome(&r, check),
            Outcome::NotApplicable,
            "{check}:\n{}",
            r.table(true)
        );
    }
}

#[test]
fn releasing_the_host_queue_is_caught() {
    child_if_asked();
    let r = validate(
        Fault::ReleasesHostQueue,
        "releasing_the_host_queue_is_caught",
    );
    assert_eq!(
        outcome(&r, "gpu-reference-counts"),
        Outcome::Fail,
        "{}",
        r.table(true)
    );
    let ev = evidence(&r, "gpu-reference-counts");
    assert!(ev.contains("command queue"), "{ev}");
    assert!(ev.contains("released an object it did not retain"), "{ev}");
    // Its pixels are right all the same (the violation, logged during
    // every check that renders on OpenCL, fails those checks too).
    let same = evidence(&r, "gpu-same-pixels");
    assert!(same.contains("opencl: same pixels"), "{same}");
}

#[test]
fn a_gpu_render_failure_is_retried_on_the_cpu() {
    child_if_asked();
    let r = validate(
        Fault::GpuRenderFails,
        "a_gpu_render_failure_is_retried_on_the_cpu",
    );
    assert!(r.passed(), "{}", r.table(true));
    assert_eq!(
        outcome(&r, "gpu-failure-falls-back"),
        Outcome::Pass,
        "{}",
        r.table(true)
    );
    let ev = evidence(&r, "gpu-failure-falls-back");
    assert!(ev.contains("the CPU retry gave the CPU pixels"), "{ev}");
    assert!(ev.contains("opencl:"), "{ev}");
    assert!(ev.contains("opengl:"), "{ev}");
}

#[test]
fn the_legal_opengl_plugin_passes_every_gpu_check() {
    child_if_asked();
    let r = validate(
        Fault::OpenGlCopy,
        "the_legal_opengl_plugin_passes_every_gpu_check",
    );
    assert_passes_the_gpu_checks(&r);
    let same = evidence(&r, "gpu-same-pixels");
    assert!(same.contains("opengl: same pixels"), "{same}");
    let freed = evidence(&r, "gpu-reference-counts");
    assert!(freed.contains("OpenGL textures freed"), "{freed}");
}

#[test]
fn a_texture_not_freed_is_caught() {
    child_if_asked();
    let r = validate(Fault::LeaksTexture, "a_texture_not_freed_is_caught");
    assert_eq!(
        outcome(&r, "gpu-reference-counts"),
        Outcome::Fail,
        "{}",
        r.table(true)
    );
    let ev = evidence(&r, "gpu-reference-counts");
    assert!(ev.contains("LeakedTexture"), "{ev}");
    assert!(ev.contains("'Source'"), "{ev}");
}

#[test]
fn a_wrong_flag_value_is_caught() {
    child_if_asked();
    let r = validate(Fault::BadGpuFlag, "a_wrong_flag_value_is_caught");
    assert_eq!(
        outcome(&r, "gpu-flag-values"),
        Outcome::Fail,
        "{}",
        r.table(true)
    );
    let ev = evidence(&r, "gpu-flag-values");
    assert!(
        ev.contains("OfxImageEffectPropOpenCLSupported = 'needed'"),
        "{ev}"
    );
}

#[test]
fn failing_on_the_cpu_after_declaring_gpu_optional_is_caught() {
    child_if_asked();
    let r = validate(
        Fault::FailsOnCpu,
        "failing_on_the_cpu_after_declaring_gpu_optional_is_caught",
    );
    assert_eq!(
        outcome(&r, "gpu-renders-without-gpu"),
        Outcome::Fail,
        "{}",
        r.table(true)
    );
    let ev = evidence(&r, "gpu-renders-without-gpu");
    assert!(
        ev.contains("OfxImageEffectPropOpenCLRenderSupported"),
        "{ev}"
    );
}

#[test]
fn a_plugin_that_does_not_render_on_the_cpu_is_checked_on_opengl() {
    child_if_asked();
    let rendering = [
        "render-default",
        "render-window-respected",
        "same-pixels-bounds",
    ];
    let only: Vec<&str> = GPU_CHECKS
        .iter()
        .chain(&rendering)
        .chain(&["same-pixels-tiles"])
        .copied()
        .collect();
    let opts = isolated(
        Fault::OpenGlOnly,
        "a_plugin_that_does_not_render_on_the_cpu_is_checked_on_opengl",
        &only,
    );
    let r = checks::run_all(&target(id_of(Fault::OpenGlOnly)), &opts);
    // The render checks render it on OpenGL (the validator's host offers
    // it), and pass: its CPU render would fail with kOfxStatErrImageFormat.
    for check in rendering {
        assert_eq!(
            outcome(&r, check),
            Outcome::Pass,
            "{check}:\n{}",
            r.table(true)
        );
    }
    // The checks that compare with a CPU render, or with tiles the host
    // does not use on a GPU API, do not apply.
    for check in [
        "gpu-renders-without-gpu",
        "gpu-same-pixels",
        "gpu-failure-falls-back",
        "same-pixels-tiles",
    ] {
        assert_eq!(
            outcome(&r, check),
            Outcome::NotApplicable,
            "{check}:\n{}",
            r.table(true)
        );
        assert!(
            evidence(&r, check).contains("does not render on the CPU"),
            "{}",
            evidence(&r, check)
        );
    }
}
