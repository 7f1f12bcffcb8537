//! The `interacts` check against the overlay plugins of `tests/bad-plugins`:
//! the legal ones pass (one with a note about edit blocks), each broken one
//! fails with its fault as evidence, and an effect without an overlay is
//! not applicable.
//!
//! Checks run isolated, as in `checks_bad_plugins.rs`: the runner
//! re-executes this test binary, only the test that asked.

use ofx_bad_plugins::{Fault, id_of};
use ofx_host::checks::{self, Options, Outcome, Report};

mod bad_checks;

use bad_checks::{child_if_asked, isolated, target};

/// The `interacts` check on the plugin of `fault`, in a child re-running
/// `test_name`. The overlay plugins get their handle put at the centre of
/// the check's 24x16 image, where the check drags the pen.
fn interacts(fault: Fault, test_name: &str) -> (Outcome, String, Report) {
    let opts = Options {
        params: if fault == Fault::None {
            Vec::new()
        } else {
            vec![("Centre".into(), "12,8".into())]
        },
        ..isolated(fault, test_name, &["interacts"])
    };
    let report = checks::run_all(&target(id_of(fault)), &opts);
    let r = report.get("interacts").expect("interacts ran");
    assert!(r.isolated);
    (r.verdict.outcome, r.verdict.evidence.clone(), report)
}

#[test]
fn the_legal_overlay_passes() {
    child_if_asked();
    let (outcome, evidence, report) = interacts(Fault::Overlay, "the_legal_overlay_passes");
    assert_eq!(outcome, Outcome::Pass, "{report}");
    assert!(evidence.contains("V2 overlay (Draw Suite)"), "{evidence}");
    assert!(evidence.contains("pen drag: trapped"), "{evidence}");
    assert!(!evidence.contains("note:"), "{evidence}");
}

#[test]
fn changes_outside_edit_blocks_pass_with_a_note() {
    child_if_asked();
    let (outcome, evidence, report) = interacts(
        Fault::OverlayWithoutEditBlock,
        "changes_outside_edit_blocks_pass_with_a_note",
    );
    assert_eq!(outcome, Outcome::Pass, "{report}");
    assert!(evidence.contains("note: parameter 'Centre'"), "{evidence}");
}

#[test]
fn drawing_outside_draw_fails() {
    child_if_asked();
    let (outcome, evidence, report) =
        interacts(Fault::DrawOutsideDraw, "drawing_outside_draw_fails");
    assert_eq!(outcome, Outcome::Fail, "{report}");
    assert!(evidence.contains("WrongAction"), "{evidence}");
    assert!(evidence.contains("setColour"), "{evidence}");
}

#[test]
fn a_bad_status_fails() {
    child_if_asked();
    let (outcome, evidence, report) = interacts(Fault::InteractBadStatus, "a_bad_status_fails");
    assert_eq!(outcome, Outcome::Fail, "{report}");
    assert!(evidence.contains("pen drag"), "{evidence}");
    assert!(evidence.contains("BadStatus"), "{evidence}");
}

#[test]
fn a_leaking_interact_fails() {
    child_if_asked();
    let (outcome, evidence, report) = interacts(Fault::InteractLeak, "a_leaking_interact_fails");
    assert_eq!(outcome, Outcome::Fail, "{report}");
    assert!(evidence.contains("LeakedMemory"), "{evidence}");
    assert!(evidence.contains("interact"), "{evidence}");
}

#[test]
fn no_overlay_is_not_applicable() {
    child_if_asked();
    let (outcome, evidence, report) = interacts(Fault::None, "no_overlay_is_not_applicable");
    assert_eq!(outcome, Outcome::NotApplicable, "{report}");
    assert!(evidence.contains("no overlay"), "{evidence}");
}
