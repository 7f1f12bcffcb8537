//! Guard pages: an access just outside a guarded image is stopped and
//! named. The faulting part runs in a child process (this test binary run
//! again with `OFXHOST_GUARD_CASE` set), and the parent checks its stderr and
//! exit code.

use std::process::Command;

use ofx_host::Rect;
use ofx_host::guard_pages::{FAULT_PREFIX, GUARD_FAULT_EXIT_CODE};
use ofx_host::image::{Components, Depth, GuardFault, ImageBuffer, Layout, RowOrder};

const CASE_VAR: &str = "OFXHOST_GUARD_CASE";

fn layout(order: RowOrder, depth: Depth) -> Layout {
    Layout::packed(Rect::new(-3, -2, 5, 6), depth, Components::Rgba)
        .with_order(order)
        .with_guard_pages(true)
}

/// In the child: performs the named access, which must not return.
fn child_case(case: &str) {
    let (order, depth, x, y, write) = match case {
        "read-above-top" => (RowOrder::BottomUp, Depth::F32, -3, 6, None),
        "write-above-top" => (RowOrder::BottomUp, Depth::U8, 0, 6, Some(1u8)),
        "write-right-of-top-row" => (RowOrder::BottomUp, Depth::U16, 5, 5, Some(1)),
        "read-below-bottom-topdown" => (RowOrder::TopDown, Depth::Half, 4, -3, None),
        "write-below-bottom-far" => (RowOrder::BottomUp, Depth::F32, 0, -40, Some(0)),
        "write-above-top-on-a-thread" => {
            // The same fault on another thread (renders run tiles on threads).
            let mut img =
                ImageBuffer::new(layout(RowOrder::BottomUp, Depth::F32)).with_name("Source");
            let r = std::thread::spawn(move || img.poke(4, 6, 1)).join();
            println!("survived: {r:?}");
            std::process::exit(0);
        }
        other => panic!("unknown case {other}"),
    };
    let mut img = ImageBuffer::new(layout(order, depth)).with_name("Source");
    let r = match write {
        None => img.peek(x, y).map(|_| ()),
        Some(v) => img.poke(x, y, v),
    };
    // Only reached if the guard page did not fire.
    println!("survived: {r:?}");
    std::process::exit(0);
}

/// Runs `case` in a child and returns (exit code, stderr).
fn run_child(case: &str, test_name: &str) -> (Option<i32>, String) {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe)
        .args([test_name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CASE_VAR, case)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn expect_fault(case: &str, test_name: &str, access: &str, side: &str) {
    if let Ok(c) = std::env::var(CASE_VAR) {
        child_case(&c);
        return;
    }
    let (code, stderr) = run_child(case, test_name);
    assert_eq!(
        code,
        Some(GUARD_FAULT_EXIT_CODE),
        "{case}: stderr:\n{stderr}"
    );
    let f =
        GuardFault::find(&stderr).unwrap_or_else(|| panic!("{case}: no diagnosis in\n{stderr}"));
    assert_eq!(f.image, "Source", "{}", f.line);
    assert_eq!(f.side, side, "{}", f.line);
    if cfg!(target_arch = "x86_64") {
        assert_eq!(f.access, access, "{}", f.line);
    }
    assert!(f.line.starts_with(FAULT_PREFIX));
}

#[test]
fn read_above_the_top_row_is_caught() {
    expect_fault(
        "read-above-top",
        "read_above_the_top_row_is_caught",
        "read",
        "above the top row",
    );
}

#[test]
fn write_above_the_top_row_is_caught() {
    expect_fault(
        "write-above-top",
        "write_above_the_top_row_is_caught",
        "write",
        "above the top row",
    );
}

#[test]
fn write_right_of_the_last_pixel_is_caught() {
    // Pixel x2 of the top row is the first byte past the buffer.
    expect_fault(
        "write-right-of-top-row",
        "write_right_of_the_last_pixel_is_caught",
        "write",
        "above the top row",
    );
}

#[test]
fn top_down_read_below_the_bottom_row_is_caught() {
    expect_fault(
        "read-below-bottom-topdown",
        "top_down_read_below_the_bottom_row_is_caught",
        "read",
        "below the bottom row",
    );
}

#[test]
fn far_write_below_the_bottom_row_is_caught() {
    // Bottom-up, 40 rows below: past the slack, into the leading guard page.
    expect_fault(
        "write-below-bottom-far",
        "far_write_below_the_bottom_row_is_caught",
        "write",
        "below the bottom row",
    );
}

#[test]
fn accesses_inside_the_buffer_do_not_fault() {
    let mut img = ImageBuffer::new(layout(RowOrder::TopDown, Depth::F32)).with_name("Source");
    for (x, y) in [(-3, -2), (4, 5), (4, -2), (-3, 5)] {
        assert_eq!(img.peek(x, y), Ok(0));
        img.poke(x, y, 9).unwrap();
        assert_eq!(img.peek(x, y), Ok(9));
    }
    // Outside the mapping altogether: refused, not touched.
    assert!(img.peek(0, 10_000).is_err());
    assert!(img.poke(0, -10_000, 0).is_err());
}

#[test]
fn unrelated_faults_are_not_claimed() {
    // A guarded image exists (so the handler is installed), and an ordinary
    // panic in a child still behaves like a panic, not a guard fault.
    if std::env::var(CASE_VAR).as_deref() == Ok("plain-panic") {
        let _img = ImageBuffer::new(layout(RowOrder::BottomUp, Depth::U8));
        panic!("ordinary panic");
    }
    let (code, stderr) = run_child("plain-panic", "unrelated_faults_are_not_claimed");
    assert_ne!(code, Some(GUARD_FAULT_EXIT_CODE), "{stderr}");
    assert!(GuardFault::find(&stderr).is_none(), "{stderr}");
    assert!(stderr.contains("ordinary panic"), "{stderr}");
}

#[test]
fn faults_on_other_threads_are_caught() {
    expect_fault(
        "write-above-top-on-a-thread",
        "faults_on_other_threads_are_caught",
        "write",
        "above the top row",
    );
}
