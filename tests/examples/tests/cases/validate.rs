//! `ofx-host`'s validator (the catalogue behind `ofx validate`) passes on
//! every example bundle. Each check runs in a child process: this test
//! binary re-executed on [`child`], which runs the one check named in the
//! environment.

use example_tests::bundles::{self, Profile};
use ofx_host::checks::{self, Isolation, Options, Target};

/// Which bundle and plugin a child checks.
const BUNDLE_ENV: &str = "EXAMPLE_TESTS_BUNDLE";
const PLUGIN_ENV: &str = "EXAMPLE_TESTS_PLUGIN";

fn options() -> Options {
    let mut o = Options {
        cycles: 50,
        ..Options::default()
    };
    o.host.project.frame_range = (0.0, 9.0);
    o
}

#[test]
fn every_check_passes_on_every_example_bundle() {
    let mut failed = Vec::new();
    for e in bundles::ALL {
        let path = bundles::bundle(e, Profile::Debug);
        let isolation = Isolation::current_test("validate::child")
            .expect("the test binary's path")
            .env(BUNDLE_ENV, &path)
            .env(PLUGIN_ENV, e.id);
        let opts = Options {
            isolation: Some(isolation),
            ..options()
        };
        let report = checks::run_all(&Target::bundle(&path, e.id), &opts);
        if !report.passed() {
            failed.push(format!("{}:\n{}", e.id, report.table(false)));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Runs one check when re-executed by the validator; does nothing otherwise.
#[test]
fn child() {
    let Some(name) = checks::requested_check() else {
        return;
    };
    let (Ok(path), Ok(id)) = (std::env::var(BUNDLE_ENV), std::env::var(PLUGIN_ENV)) else {
        panic!("{name}: the validator did not say which bundle to check");
    };
    std::process::exit(checks::child_main(
        &Target::bundle(path, id),
        &options(),
        &name,
    ));
}
