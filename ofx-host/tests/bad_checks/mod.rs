//! What the check tests on `tests/bad-plugins` share: the in-process
//! target, the small images they check at, and isolation. The runner
//! re-executes the test binary, only the test that asked, with the check's
//! name in `OFXHOST_CHECK` and the plugin in [`PLUGIN_ENV`]; that test
//! calls [`child_if_asked`] first, which runs the check and exits.

use ofx_bad_plugins::{Fault, id_of};
use ofx_host::checks::{self, Isolation, Options, Target};
use ofx_sys::{OfxGetNumberOfPluginsFn, OfxGetPluginFn, OfxSetHostFn};

/// The environment variable naming the plugin a child checks.
pub const PLUGIN_ENV: &str = "OFXHOST_BAD_PLUGIN";

/// The plugin `id` of the bad-plugins binary, linked into this test.
pub fn target(id: &str) -> Target {
    Target::in_process(
        ofx_bad_plugins::get_plugin as OfxGetPluginFn,
        Some(ofx_bad_plugins::number_of_plugins as OfxGetNumberOfPluginsFn),
        Some(ofx_bad_plugins::set_host as OfxSetHostFn),
        id,
    )
}

/// The options of every check here: 24x16 images.
pub fn options() -> Options {
    Options {
        size: (24, 16),
        ..Options::default()
    }
}

/// In a child started by the runner: runs the requested check and exits.
pub fn child_if_asked() {
    if let Some(check) = checks::requested_check() {
        let id = std::env::var(PLUGIN_ENV).expect("the runner names the plugin");
        std::process::exit(checks::child_main(&target(&id), &options(), &check));
    }
}

/// [`options`] running `only` (all when empty) on the plugin of `fault`,
/// each check in a child re-running the test `test_name`.
pub fn isolated(fault: Fault, test_name: &str, only: &[&str]) -> Options {
    let iso = Isolation::current_test(test_name)
        .unwrap()
        .env(PLUGIN_ENV, id_of(fault));
    Options {
        isolation: Some(iso),
        only: only.iter().map(|s| s.to_string()).collect(),
        ..options()
    }
}
