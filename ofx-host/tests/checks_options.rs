//! The validator's `context` and `params` options reach every check that
//! creates an instance, in this process and in an isolated child.

use ofx_bad_plugins::{Fault, id_of};
use ofx_host::Context;
use ofx_host::checks::{self, Isolation, Options, Outcome, Report, Target, Verdict};
use ofx_sys::{OfxGetNumberOfPluginsFn, OfxGetPluginFn, OfxSetHostFn};

const PLUGIN_ENV: &str = "OFXHOST_BAD_PLUGIN";

fn target(id: &str) -> Target {
    Target::in_process(
        ofx_bad_plugins::get_plugin as OfxGetPluginFn,
        Some(ofx_bad_plugins::number_of_plugins as OfxGetNumberOfPluginsFn),
        Some(ofx_bad_plugins::set_host as OfxSetHostFn),
        id,
    )
}

/// Runs `check` in this process on the plugin breaking `fault` (the control
/// plugin and the ones used here do not crash).
fn run_here(fault: Fault, check: &str, options: Options) -> Verdict {
    let options = Options {
        size: (24, 16),
        in_process_fallback: true,
        ..options
    };
    checks::find(check)
        .expect("a check of the catalogue")
        .run_here(&target(id_of(fault)), &options)
}

fn with_params(params: &[(&str, &str)]) -> Options {
    Options {
        params: params
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        ..Options::default()
    }
}

#[test]
fn a_context_the_plugin_lacks_fails_naming_it() {
    let asked = Options {
        context: Some(Context::General),
        ..Options::default()
    };
    for check in ["render-default", "guard-pages", "instance-cycles"] {
        let v = run_here(Fault::None, check, asked.clone());
        assert_eq!(v.outcome, Outcome::Fail, "{check}: {v:?}");
        assert!(
            v.evidence
                .contains("does not declare the context 'general' asked for (it declares filter)"),
            "{check}: {}",
            v.evidence
        );
    }
    // The context it declares is fine.
    let v = run_here(
        Fault::None,
        "render-default",
        Options {
            context: Some(Context::Filter),
            ..Options::default()
        },
    );
    assert_eq!(v.outcome, Outcome::Pass, "{v:?}");
    assert!(v.evidence.starts_with("filter, "), "{}", v.evidence);
}

#[test]
fn a_parameter_the_plugin_lacks_fails_naming_it() {
    let v = run_here(Fault::None, "render-default", with_params(&[("Nope", "1")]));
    assert_eq!(v.outcome, Outcome::Fail, "{v:?}");
    assert!(
        v.evidence
            .contains("filter: cannot set parameter value Nope=1")
            && v.evidence.contains("parameter 'Nope'"),
        "{}",
        v.evidence
    );
}

#[test]
fn parameter_values_are_set_on_the_instance() {
    // This plugin has a double parameter Gain (and breaks a rule in
    // render, which is not what this test looks at).
    let bad = run_here(
        Fault::SetParamInRender,
        "render-default",
        with_params(&[("Gain", "abc")]),
    );
    assert_eq!(bad.outcome, Outcome::Fail, "{bad:?}");
    assert!(
        bad.evidence.contains("cannot set parameter value Gain=abc"),
        "{}",
        bad.evidence
    );
    let good = run_here(
        Fault::SetParamInRender,
        "render-default",
        with_params(&[("Gain", "0.25")]),
    );
    assert!(
        !good.evidence.contains("cannot set parameter"),
        "{}",
        good.evidence
    );
}

/// In a child started by the runner: runs the requested check with default
/// options (the runner's travel through the environment) and exits.
fn child_if_asked() {
    if let Some(check) = checks::requested_check() {
        let id = std::env::var(PLUGIN_ENV).expect("the runner names the plugin");
        std::process::exit(checks::child_main(
            &target(&id),
            &Options::default(),
            &check,
        ));
    }
}

#[test]
fn options_reach_an_isolated_check() {
    child_if_asked();
    let run = |options: Options| -> Report {
        let id = id_of(Fault::None);
        let iso = Isolation::current_test("options_reach_an_isolated_check")
            .unwrap()
            .env(PLUGIN_ENV, id);
        checks::run_all(
            &target(id),
            &Options {
                isolation: Some(iso),
                only: vec!["render-default".into()],
                size: (24, 16),
                ..options
            },
        )
    };
    let r = run(Options {
        context: Some(Context::Generator),
        ..Options::default()
    });
    let v = &r.get("render-default").expect("ran").verdict;
    assert_eq!(v.outcome, Outcome::Fail, "{r}");
    assert!(r.results[0].isolated);
    assert!(v.evidence.contains("context 'generator'"), "{r}");
    let r = run(with_params(&[("No,pe", "1,2")]));
    let v = &r.get("render-default").expect("ran").verdict;
    assert!(
        v.evidence.contains("cannot set parameter value No,pe=1,2"),
        "{r}"
    );
}

#[test]
fn render_every_context_passes_the_control_plugin_in_its_context() {
    let v = run_here(Fault::None, "render-every-context", Options::default());
    assert_eq!(v.outcome, Outcome::Pass, "{v:?}");
    assert!(
        v.evidence.starts_with("rendered in filter, "),
        "{}",
        v.evidence
    );
}

#[test]
fn render_every_context_fails_naming_the_context_whose_render_broke_a_rule() {
    // This plugin sets a parameter value in render, which the host logs.
    let v = run_here(
        Fault::SetParamInRender,
        "render-every-context",
        Options::default(),
    );
    assert_eq!(v.outcome, Outcome::Fail, "{v:?}");
    assert!(
        v.evidence.starts_with(
            "filter: the host logged 1 rule violation(s):\n\
             WrongAction: OfxParameterSuite.paramSetValue while rendering"
        ),
        "{}",
        v.evidence
    );
}

#[test]
fn render_every_context_skips_contexts_the_host_does_not_offer() {
    let mut options = Options::default();
    options.host.contexts.retain(|c| *c != Context::Filter);
    let v = run_here(Fault::None, "render-every-context", options);
    assert_eq!(v.outcome, Outcome::NotApplicable, "{v:?}");
    assert_eq!(
        v.evidence,
        "no declared context is offered by this host (not offered by this host: filter)"
    );
}

#[test]
fn render_varied_params_is_not_applicable_without_a_parameter() {
    let v = run_here(Fault::None, "render-varied-params", Options::default());
    assert_eq!(v.outcome, Outcome::NotApplicable, "{v:?}");
    assert_eq!(v.evidence, "no parameter to vary");
}

#[test]
fn render_varied_params_skips_a_parameter_without_a_bounded_range() {
    // Gain is declared without a range or display range (the spec's
    // defaults: the whole double range).
    let v = run_here(
        Fault::SetParamInRender,
        "render-varied-params",
        Options::default(),
    );
    assert!(
        v.evidence
            .contains("no parameter to vary (no bounded range: Gain)"),
        "{v:?}"
    );
}
