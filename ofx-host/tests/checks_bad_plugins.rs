//! The check catalogue against the deliberately broken plugins of
//! `tests/bad-plugins`: each is caught by the check that names its fault,
//! and the control plugin passes every check.
//!
//! Checks run isolated: the runner re-executes this test binary, only the
//! test that asked, with the check's name in `OFXHOST_CHECK` and the plugin
//! in `OFXHOST_BAD_PLUGIN`; that test then calls `child_main`.

use ofx_bad_plugins::{Fault, id_of};
use ofx_host::checks::{self, Isolation, Options, Outcome, Report};

mod bad_checks;

use bad_checks::{PLUGIN_ENV, child_if_asked, isolated, options, target};

/// Runs `only` (all when empty) on the plugin breaking `fault`, each check
/// in a child re-running the test `test_name`.
fn validate(fault: Fault, test_name: &str, only: &[&str]) -> Report {
    checks::run_all(&target(id_of(fault)), &isolated(fault, test_name, only))
}

fn expect_fail(report: &Report, check: &str, evidence: &[&str]) {
    let r = report
        .get(check)
        .unwrap_or_else(|| panic!("{check} did not run:\n{report}"));
    assert_eq!(r.verdict.outcome, Outcome::Fail, "{check}:\n{report}");
    for e in evidence {
        assert!(
            r.verdict.evidence.contains(e),
            "{check}: evidence lacks {e:?}:\n{report}"
        );
    }
    assert!(r.isolated);
}

#[test]
fn control_plugin_passes_every_check() {
    child_if_asked();
    let report = validate(Fault::None, "control_plugin_passes_every_check", &[]);
    eprintln!("{}", report.table(false));
    assert!(report.passed(), "{}", report.table(true));
    assert_eq!(report.results.len(), checks::catalogue().len());
    // The checks that can apply to this plugin did apply.
    for name in [
        "describe",
        "describe-property-types",
        "render-every-context",
        "guard-pages",
        "sources-smaller-than-window",
        "render-window-respected",
        "same-pixels-rowbytes",
        "same-pixels-bounds",
        "same-pixels-tiles",
        "same-pixels-threads",
        "images-released",
        "image-memory-freed",
        "inputs-unchanged",
        "instance-cycles",
        "host-threads",
    ] {
        assert_eq!(
            report.get(name).map(|r| r.verdict.outcome),
            Some(Outcome::Pass),
            "{name}:\n{}",
            report.table(true)
        );
    }
    let cycles = report.get("instance-cycles").unwrap();
    assert!(
        cycles.verdict.evidence.starts_with("1000 cycles"),
        "{}",
        cycles.verdict.evidence
    );
}

#[test]
fn threads_of_its_own_are_caught() {
    child_if_asked();
    let r = validate(
        Fault::OwnThreads,
        "threads_of_its_own_are_caught",
        &["host-threads", "render-default"],
    );
    expect_fail(
        &r,
        "host-threads",
        &[
            "2 thread(s) started during its renders are still alive",
            "bad-pool-",
            "while the host offers a MultiThread suite of",
        ],
    );
    // It renders correctly otherwise.
    assert_eq!(
        r.get("render-default").unwrap().verdict.outcome,
        Outcome::Pass,
        "{r}"
    );
}

#[test]
fn leaked_image_is_caught() {
    child_if_asked();
    let r = validate(
        Fault::LeakedImage,
        "leaked_image_is_caught",
        &["images-released"],
    );
    expect_fail(&r, "images-released", &["not released", "'Source'"]);
}

/// Runs every check on a spec-legal plugin, which must pass them all.
fn expect_all_pass(fault: Fault, test_name: &str) -> Report {
    let r = validate(fault, test_name, &[]);
    assert!(r.passed(), "{}", r.table(true));
    assert_eq!(r.results.len(), checks::catalogue().len());
    r
}

#[test]
fn freeing_locked_image_memory_is_legal_and_only_noted() {
    child_if_asked();
    let r = expect_all_pass(
        Fault::FreeWhileLocked,
        "freeing_locked_image_memory_is_legal_and_only_noted",
    );
    let ev = &r.get("image-memory-freed").unwrap().verdict.evidence;
    assert!(
        ev.contains("note: imageMemoryFree(")
            && ev.contains("while still locked: 2 lock(s), 1 unlock(s)"),
        "{r}"
    );
}

#[test]
fn leaked_image_memory_is_caught() {
    child_if_asked();
    let r = validate(
        Fault::LeakedMemory,
        "leaked_image_memory_is_caught",
        &["image-memory-freed", "describe"],
    );
    expect_fail(
        &r,
        "image-memory-freed",
        &["LeakedMemory: image memory", "not freed by DestroyInstance"],
    );
    assert_eq!(
        r.get("describe").unwrap().verdict.outcome,
        Outcome::Pass,
        "{r}"
    );
}

#[test]
fn gpu_render_support_set_by_the_plugin_is_legal() {
    child_if_asked();
    expect_all_pass(
        Fault::GpuRenderSupported,
        "gpu_render_support_set_by_the_plugin_is_legal",
    );
}

#[test]
fn a_plugin_that_needs_a_feature_this_host_lacks_is_not_applicable_not_failed() {
    child_if_asked();
    let r = validate(
        Fault::NeedsHostFeature,
        "a_plugin_that_needs_a_feature_this_host_lacks_is_not_applicable_not_failed",
        &[],
    );
    assert_eq!(r.count(Outcome::Fail), 0, "{}", r.table(true));
    // Every check that loads the plugin says why it does not apply.
    let describe = &r.get("describe").unwrap().verdict;
    assert_eq!(
        describe.outcome,
        Outcome::NotApplicable,
        "{}",
        r.table(true)
    );
    assert!(
        describe
            .evidence
            .contains("declined OfxActionDescribe with kOfxStatErrMissingHostFeature"),
        "{}",
        r.table(true)
    );
    assert!(
        r.count(Outcome::NotApplicable) >= r.results.len() / 2,
        "{}",
        r.table(true)
    );
}

#[test]
fn other_hosts_extension_properties_are_refused_and_only_noted() {
    child_if_asked();
    let r = expect_all_pass(
        Fault::HostExtensions,
        "other_hosts_extension_properties_are_refused_and_only_noted",
    );
    let ev = &r.get("describe-property-types").unwrap().verdict.evidence;
    for name in [
        "kFnOfxImageEffectCanTransform",
        "NatronOfxPropDescriptionIsMarkdown",
    ] {
        assert!(ev.contains(name), "{name}: {r}");
    }
    assert!(
        ev.contains("note:") && ev.contains("kOfxStatErrUnknown"),
        "{r}"
    );
    // Another host's components are a warning, not a failure.
    let formats = &r.get("declared-formats").unwrap().verdict.evidence;
    assert!(
        formats.contains("warning: components OpenFX 1.5.1 does not define")
            && formats.contains("NatronOfxImageComponentXY")
            && formats.contains("warning: pixel depths OpenFX 1.5.1 does not define")
            && formats.contains("OfxBitDepthByteBGR")
            && formats.contains("warning: contexts OpenFX 1.5.1 does not define")
            && formats.contains("NatronOfxImageEffectContextTracker"),
        "{formats}"
    );
}

#[test]
fn write_outside_the_render_window_is_caught() {
    child_if_asked();
    let r = validate(
        Fault::WriteOutsideWindow,
        "write_outside_the_render_window_is_caught",
        &["render-window-respected", "same-pixels-rowbytes"],
    );
    expect_fail(
        &r,
        "render-window-respected",
        &["outside the window", "were written"],
    );
    // Whole-frame renders are right: only the window check sees it.
    assert_eq!(
        r.get("same-pixels-rowbytes").unwrap().verdict.outcome,
        Outcome::Pass,
        "{r}"
    );
}

#[test]
fn panic_in_render_is_caught_without_killing_the_validator() {
    child_if_asked();
    let r = validate(
        Fault::PanicInRender,
        "panic_in_render_is_caught_without_killing_the_validator",
        &["errors-not-aborts", "describe"],
    );
    expect_fail(
        &r,
        "errors-not-aborts",
        &["SIGABRT", "deliberate panic in render"],
    );
    assert_eq!(
        r.get("describe").unwrap().verdict.outcome,
        Outcome::Pass,
        "{r}"
    );
}

#[test]
fn panic_in_describe_fails_the_describe_check() {
    child_if_asked();
    let r = validate(
        Fault::PanicInDescribe,
        "panic_in_describe_fails_the_describe_check",
        &["describe"],
    );
    expect_fail(&r, "describe", &["SIGABRT", "deliberate panic in describe"]);
}

#[test]
fn wrong_property_type_is_caught() {
    child_if_asked();
    let r = validate(
        Fault::WrongPropertyType,
        "wrong_property_type_is_caught",
        &["describe-property-types"],
    );
    expect_fail(
        &r,
        "describe-property-types",
        &[
            "propSetString(OfxImageEffectPropSupportsTiles)",
            "kOfxStatErrUnknown",
            "wrong type: it is an int",
        ],
    );
}

#[test]
fn read_above_the_top_row_is_caught() {
    child_if_asked();
    let r = validate(
        Fault::ReadAboveTop,
        "read_above_the_top_row_is_caught",
        &["guard-pages"],
    );
    let ev = if cfg!(target_arch = "x86_64") {
        "read above the top row of image \"input 'Source'"
    } else {
        "above the top row of image \"input 'Source'"
    };
    expect_fail(&r, "guard-pages", &[ev]);
}

#[test]
fn reading_past_a_source_smaller_than_the_window_is_caught() {
    child_if_asked();
    let name = "reading_past_a_source_smaller_than_the_window_is_caught";
    // The plugin passes guard-pages (its sources cover the window there)...
    let r = validate(
        Fault::ReadsPastSourceTop,
        name,
        &["guard-pages", "sources-smaller-than-window"],
    );
    assert_eq!(
        r.get("guard-pages").map(|c| c.verdict.outcome),
        Some(Outcome::Pass),
        "{r}"
    );
    // ... and faults on the first source smaller than the window: the read
    // above its top row, on the bottom-up pass (the row above the top is
    // the first byte past the buffer, against the trailing guard page).
    let ev = if cfg!(target_arch = "x86_64") {
        "read above the top row of image \"input 'Source'"
    } else {
        "above the top row of image \"input 'Source'"
    };
    expect_fail(
        &r,
        "sources-smaller-than-window",
        &[
            ev,
            "during: sources 3,3..21,13 (shrunk by 3 pixels on every side), bottom-up, window 0,0..24,16",
        ],
    );
}

#[test]
fn crash_prone_checks_need_isolation() {
    child_if_asked();
    let opts = Options {
        only: vec!["guard-pages".into(), "describe".into()],
        ..options()
    };
    let r = checks::run_all(&target(id_of(Fault::None)), &opts);
    assert_eq!(
        r.get("guard-pages").unwrap().verdict.outcome,
        Outcome::NotApplicable
    );
    assert!(!r.get("guard-pages").unwrap().isolated);
    assert_eq!(
        r.get("describe").unwrap().verdict.outcome,
        Outcome::Pass,
        "{r}"
    );
}

#[test]
fn write_above_the_top_row_is_caught() {
    child_if_asked();
    let r = validate(
        Fault::WriteAboveTop,
        "write_above_the_top_row_is_caught",
        &["guard-pages"],
    );
    let ev = if cfg!(target_arch = "x86_64") {
        "write above the top row of image \"output at t=0\""
    } else {
        "above the top row of image \"output at t=0\""
    };
    expect_fail(&r, "guard-pages", &[ev]);
}

#[test]
fn ignoring_row_bytes_is_caught() {
    child_if_asked();
    let r = validate(
        Fault::AssumesPackedRows,
        "ignoring_row_bytes_is_caught",
        &["same-pixels-rowbytes", "same-pixels-tiles"],
    );
    expect_fail(&r, "same-pixels-rowbytes", &[]);
    let ev = &r.get("same-pixels-rowbytes").unwrap().verdict.evidence;
    assert!(ev.contains("padded") || ev.contains("top-down"), "{r}");
    // With packed rows the plugin is right.
    assert_eq!(
        r.get("same-pixels-tiles").unwrap().verdict.outcome,
        Outcome::Pass,
        "{r}"
    );
}

#[test]
fn ignoring_the_bounds_origin_is_caught() {
    child_if_asked();
    let r = validate(
        Fault::AssumesOrigin,
        "ignoring_the_bounds_origin_is_caught",
        &["same-pixels-bounds", "same-pixels-rowbytes"],
    );
    // Larger bounds at the origin give wrong pixels; at negative
    // coordinates the plugin reads far outside its source, which the guard
    // handler attributes to the nearest image.
    expect_fail(&r, "same-pixels-bounds", &[]);
    let ev = &r.get("same-pixels-bounds").unwrap().verdict.evidence;
    assert!(
        ev.contains("pixels differ") || ev.contains("of image \"input 'Source'"),
        "{r}"
    );
    // At the origin with exact bounds the plugin is right.
    assert_eq!(
        r.get("same-pixels-rowbytes").unwrap().verdict.outcome,
        Outcome::Pass,
        "{r}"
    );
}

#[test]
fn identity_of_a_clip_the_plugin_lacks_is_caught() {
    child_if_asked();
    let r = validate(
        Fault::FalseIdentity,
        "identity_of_a_clip_the_plugin_lacks_is_caught",
        &["identity-agrees"],
    );
    expect_fail(
        &r,
        "identity-agrees",
        &["isIdentity named 'Matte', which is not an input clip (inputs: Source)"],
    );
}

#[test]
fn a_hanging_render_is_killed_and_reported() {
    child_if_asked();
    let id = id_of(Fault::HangInRender);
    let iso = Isolation::current_test("a_hanging_render_is_killed_and_reported")
        .unwrap()
        .env(PLUGIN_ENV, id);
    let opts = Options {
        isolation: Some(iso),
        only: vec!["render-default".into(), "describe".into()],
        timeout: std::time::Duration::from_secs(4),
        ..options()
    };
    let start = std::time::Instant::now();
    let r = checks::run_all(&target(id), &opts);
    expect_fail(&r, "render-default", &["no verdict after 4 s", "hangs"]);
    assert_eq!(
        r.get("describe").unwrap().verdict.outcome,
        Outcome::Pass,
        "{r}"
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(30));
}

#[test]
fn the_whole_catalogue_can_run_in_process() {
    child_if_asked();
    // All but host-threads, which counts the process's threads: in this
    // test process the other tests' threads come and go during it.
    let opts = Options {
        in_process_fallback: true,
        cycles: 100,
        only: checks::catalogue()
            .iter()
            .map(|c| c.name.to_string())
            .filter(|n| n != "host-threads")
            .collect(),
        ..options()
    };
    let r = checks::run_all(&target(id_of(Fault::None)), &opts);
    assert!(r.passed(), "{}", r.table(true));
    assert!(r.results.iter().all(|c| !c.isolated));
    // Every check but identity-agrees, render-varied-params,
    // optional-inputs and interacts (n/a: the control is no identity, has
    // no parameter, no optional clip and no overlay) and the five GPU
    // checks (n/a: it declares no GPU support).
    assert_eq!(
        r.count(Outcome::Pass),
        checks::catalogue().len() - 10,
        "{r}"
    );
    for name in ["interacts", "optional-inputs"] {
        assert_eq!(
            r.get(name).map(|c| c.verdict.outcome),
            Some(Outcome::NotApplicable),
            "{name}: {r}"
        );
    }
    assert_eq!(
        r.get("render-varied-params").map(|c| c.verdict.outcome),
        Some(Outcome::NotApplicable),
        "{r}"
    );
    // And a misbehaving plugin that does not crash is caught in-process too.
    let r = checks::run_all(
        &target(id_of(Fault::LeakedImage)),
        &Options {
            only: vec!["images-released".into()],
            ..opts
        },
    );
    assert_eq!(
        r.get("images-released").unwrap().verdict.outcome,
        Outcome::Fail,
        "{r}"
    );
}

#[test]
fn writes_into_an_input_image_are_caught() {
    child_if_asked();
    let r = validate(
        Fault::WriteIntoInput,
        "writes_into_an_input_image_are_caught",
        &["inputs-unchanged", "guard-pages"],
    );
    expect_fail(
        &r,
        "inputs-unchanged",
        &[
            "input 'Source' changed",
            "wrote into an image it may only read",
        ],
    );
    // The write is inside the source's bounds: no guard page sees it, but
    // every check that renders fails through the host log, saying that the
    // check itself found nothing.
    expect_fail(
        &r,
        "guard-pages",
        &[
            "the host logged",
            "InputWritten: input 'Source' changed",
            "(the check itself: pass",
        ],
    );
}

#[test]
fn an_image_fetched_in_the_region_of_definition_action_fails_through_the_host_log() {
    child_if_asked();
    let r = validate(
        Fault::ImageInRegionOfDefinition,
        "an_image_fetched_in_the_region_of_definition_action_fails_through_the_host_log",
        &["describe", "render-default", "regions-sane"],
    );
    let ev = [
        "the host logged",
        "WrongAction: OfxImageEffectSuite.clipGetImage: clip 'Source' fetched in OfxImageEffectActionGetRegionOfDefinition",
        "(the check itself: pass",
    ];
    expect_fail(&r, "render-default", &ev);
    expect_fail(&r, "regions-sane", &ev);
    // Describe sends no RoD action: nothing logged, nothing failed.
    assert_eq!(
        r.get("describe").unwrap().verdict.outcome,
        Outcome::Pass,
        "{r}"
    );
}

#[test]
fn an_undeclared_temporal_fetch_fails_through_the_host_log() {
    child_if_asked();
    let r = validate(
        Fault::UndeclaredTemporalAccess,
        "an_undeclared_temporal_fetch_fails_through_the_host_log",
        &["describe", "render-default"],
    );
    expect_fail(
        &r,
        "render-default",
        &[
            "TemporalAccess: clip 'Source' fetched at t=1 in OfxImageEffectActionRender at t=0 without temporal clip access",
            "(the check itself: pass",
        ],
    );
    assert_eq!(
        r.get("describe").unwrap().verdict.outcome,
        Outcome::Pass,
        "{r}"
    );
}

#[test]
fn a_parameter_set_during_render_fails_through_the_host_log() {
    child_if_asked();
    let r = validate(
        Fault::SetParamInRender,
        "a_parameter_set_during_render_fails_through_the_host_log",
        &["describe", "render-default"],
    );
    expect_fail(
        &r,
        "render-default",
        &[
            "WrongAction: OfxParameterSuite.paramSetValue while rendering",
            "(the check itself: pass",
        ],
    );
    assert_eq!(
        r.get("describe").unwrap().verdict.outcome,
        Outcome::Pass,
        "{r}"
    );
}

#[test]
fn a_memory_suite_block_left_after_unload_fails_through_the_host_log() {
    child_if_asked();
    let r = validate(
        Fault::LeakedScratch,
        "a_memory_suite_block_left_after_unload_fails_through_the_host_log",
        &["describe", "render-default"],
    );
    expect_fail(
        &r,
        "render-default",
        &[
            "LeakedMemory: 1 memory-suite block(s) still allocated after unload",
            "(the check itself: pass",
        ],
    );
    assert_eq!(
        r.get("describe").unwrap().verdict.outcome,
        Outcome::Pass,
        "{r}"
    );
}

#[test]
fn an_alpha_only_optional_mask_gets_its_own_components_and_is_tried_disconnected() {
    child_if_asked();
    let r = expect_all_pass(
        Fault::OptionalMask,
        "an_alpha_only_optional_mask_gets_its_own_components_and_is_tried_disconnected",
    );
    // The source and output render RGBA; only the mask is Alpha.
    let every = r.get("render-every-context").unwrap();
    assert!(
        every.verdict.evidence.contains("rgba (Mask: alpha)"),
        "{}",
        every.verdict.evidence
    );
    let optional = r.get("optional-inputs").unwrap();
    assert_eq!(optional.verdict.outcome, Outcome::Pass, "{r}");
    assert!(
        optional.verdict.evidence.contains("Mask disconnected"),
        "{}",
        optional.verdict.evidence
    );
}

#[test]
fn a_plugin_that_needs_its_optional_mask_is_caught() {
    child_if_asked();
    let r = validate(
        Fault::NeedsOptionalMask,
        "a_plugin_that_needs_its_optional_mask_is_caught",
        &["render-default", "optional-inputs"],
    );
    // Connected, as every other check renders, it works.
    assert_eq!(
        r.get("render-default").map(|c| c.verdict.outcome),
        Some(Outcome::Pass),
        "{r}"
    );
    expect_fail(
        &r,
        "optional-inputs",
        &["Mask disconnected", "render failed"],
    );
    let evidence = &r.get("optional-inputs").unwrap().verdict.evidence;
    assert_eq!(
        evidence.lines().count(),
        1,
        "only the disconnected render fails: {evidence}"
    );
}

#[test]
fn a_plugin_that_fails_at_parameter_extremes_is_caught() {
    child_if_asked();
    let r = validate(
        Fault::BreaksAtParamExtremes,
        "a_plugin_that_fails_at_parameter_extremes_is_caught",
        &["render-default", "render-varied-params"],
    );
    assert_eq!(
        r.get("render-default").map(|c| c.verdict.outcome),
        Some(Outcome::Pass),
        "{r}"
    );
    expect_fail(
        &r,
        "render-varied-params",
        &["2 of 5 renders failed", "Amount=1:", "Flip=on:"],
    );
    let evidence = &r.get("render-varied-params").unwrap().verdict.evidence;
    for fine in ["Amount=0:", "Amount=0.5:", "Flip=off:"] {
        assert!(!evidence.contains(fine), "{fine} renders fine: {evidence}");
    }
}

#[test]
fn a_context_the_plugin_cannot_be_described_in_fails_describe_once() {
    child_if_asked();
    let r = validate(
        Fault::NeedsHostExtension,
        "a_context_the_plugin_cannot_be_described_in_fails_describe_once",
        &[],
    );
    expect_fail(
        &r,
        "describe",
        &[
            "filter: OfxImageEffectActionDescribeInContext failed with kOfxStatFailed",
            "asked this host for properties OpenFX 1.5.1 does not define, which it lacks: NatronOfxHostIsNatron",
        ],
    );
    // The failure is counted once: what needs the context is n/a.
    assert_eq!(r.count(Outcome::Fail), 1, "{}", r.table(true));
    for name in [
        "render-default",
        "render-every-context",
        "guard-pages",
        "instance-cycles",
    ] {
        let c = r.get(name).unwrap();
        assert_eq!(
            c.verdict.outcome,
            Outcome::NotApplicable,
            "{name}: {}",
            r.table(true)
        );
        assert!(
            c.verdict.evidence.contains("cannot describe in filter"),
            "{name}: {}",
            c.verdict.evidence
        );
    }
}

#[test]
fn a_context_declined_for_want_of_a_host_feature_is_noted_and_not_rendered() {
    child_if_asked();
    let r = expect_all_pass(
        Fault::DeclinesGeneral,
        "a_context_declined_for_want_of_a_host_feature_is_noted_and_not_rendered",
    );
    let describe = &r.get("describe").unwrap().verdict.evidence;
    assert!(
        describe.contains("described in filter")
            && describe.contains("declined by the plugin with kOfxStatErrMissingHostFeature")
            && describe.contains(": general"),
        "{describe}"
    );
    let every = &r.get("render-every-context").unwrap().verdict.evidence;
    assert!(
        every.contains("rendered in filter")
            && every.contains("not rendered: general: the plugin declines the general context"),
        "{every}"
    );
}
