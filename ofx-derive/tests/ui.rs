//! Compile-error tests: each file under `tests/ui/` must fail to compile with
//! exactly the diagnostics recorded in the `.stderr` file beside it.
//!
//! To refresh the expected output after an intended change of wording, run
//! `TRYBUILD=overwrite cargo test -p ofx-derive --test ui` and review the diff.

#[test]
fn compile_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
