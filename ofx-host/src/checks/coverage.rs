//! Checks that render beyond the one scene the other checks use: in every
//! context the plugin declares, with parameters varied across their ranges
//! and options, and with optional input clips disconnected.
//!
//! Each render gets a new instance and counts as failed on an error
//! status, on non-finite output pixels, or on a rule violation the host
//! logs while it runs; the evidence names the context or parameter value.

use crate::driver::{Plugin, Session};
use crate::param_sets::ParamInfo;
use crate::param_values::ParamKind;
use crate::types::Context;

use super::log_reading::{first_lines, fold_repeats};
use super::scene::Scene;
use super::support::{self, short_context};
use super::{Env, Outcome, Verdict, announce_step};

/// Renders `scene` once in a new instance. Gives a one-line summary, or
/// what went wrong: the error, the count of NaN or infinite output values,
/// the violations the host logged meanwhile (one per line).
fn render_checked(session: &Session, plugin: &Plugin, scene: &Scene) -> Result<String, String> {
    let before = session.log().violations().len();
    let rendered = render_finite(plugin, scene);
    let logged: Vec<String> = session
        .log()
        .violations()
        .into_iter()
        .skip(before)
        .map(|v| format!("{:?}: {}", v.kind, v.detail))
        .collect();
    let logged = if logged.is_empty() {
        String::new()
    } else {
        format!(
            "the host logged {} rule violation(s):\n{}",
            logged.len(),
            first_lines(&fold_repeats(&logged), 4)
        )
    };
    match rendered {
        Err(e) if logged.is_empty() => Err(e),
        Err(e) => Err(format!("{e}; {logged}")),
        Ok(_) if !logged.is_empty() => Err(logged),
        Ok(s) => Ok(s),
    }
}

/// One render of `scene` in a new instance (dropped before returning),
/// its output checked for finite values.
fn render_finite(plugin: &Plugin, scene: &Scene) -> Result<String, String> {
    let mut inst = scene.instance(plugin).map_err(|v| v.evidence)?;
    let out = scene
        .render(&mut inst, &scene.request())
        .map_err(|e| format!("render failed: {e}"))?;
    let px = out.to_rgba_f32();
    let bad = px
        .iter()
        .filter(|p| p.iter().any(|v| !v.is_finite()))
        .count();
    if bad > 0 {
        return Err(format!(
            "{bad} of {} output pixels are NaN or infinite",
            px.len()
        ));
    }
    Ok(scene.describe())
}

/// `render-every-context`: one render at default parameters (and the
/// run's parameter values) in each context the plugin declares and this
/// host offers.
pub(crate) fn render_every_context(env: &Env) -> Verdict {
    support::with_plugin(env, |session, plugin| {
        let config = &env.options.host;
        let (offered, not_offered): (Vec<Context>, Vec<Context>) = plugin
            .contexts()
            .into_iter()
            .partition(|c| config.supports_context(*c));
        let skipped = if not_offered.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = not_offered.into_iter().map(short_context).collect();
            format!(" (not offered by this host: {})", names.join(", "))
        };
        if offered.is_empty() {
            return Verdict::not_applicable(format!(
                "no declared context is offered by this host{skipped}"
            ));
        }
        let mut done = Vec::new();
        let mut problems = Vec::new();
        let mut cannot = Vec::new();
        for context in offered {
            let name = short_context(context);
            announce_step(&format!("render in context {name}"));
            let scene = match Scene::in_context(env, plugin, config, context) {
                Ok(s) => s,
                Err(v) if v.outcome == Outcome::NotApplicable => {
                    cannot.push(in_context(&name, &v.evidence));
                    continue;
                }
                Err(v) => {
                    problems.push(in_context(&name, &v.evidence));
                    continue;
                }
            };
            match render_checked(session, plugin, &scene) {
                Ok(s) => done.push(s),
                Err(e) => problems.push(in_context(&name, &e)),
            }
        }
        let cannot = if cannot.is_empty() {
            String::new()
        } else {
            format!("\nnot rendered: {}", cannot.join("; "))
        };
        if !problems.is_empty() {
            Verdict::fail(format!("{}{cannot}", problems.join("\n")))
        } else if done.is_empty() {
            Verdict::not_applicable(format!("no context could be rendered{skipped}{cannot}"))
        } else {
            Verdict::pass(format!("rendered in {}{skipped}{cannot}", done.join("; ")))
        }
    })
}

/// `optional-inputs`: renders in the run's scene with its optional input
/// clips connected (as every other check renders), with all of them
/// disconnected and, when there are several, with each one disconnected
/// alone. `n/a` without an optional input.
pub(crate) fn optional_inputs(env: &Env) -> Verdict {
    support::with_plugin(env, |session, plugin| {
        let scene = match Scene::choose(env, plugin) {
            Ok(s) => s,
            Err(v) => return v,
        };
        if scene.optional.is_empty() {
            return Verdict::not_applicable(format!(
                "no optional input clip in {}",
                short_context(scene.context)
            ));
        }
        let mut variants = vec![scene.clone(), scene.without(&scene.optional)];
        if scene.optional.len() > 1 {
            variants.extend(
                scene
                    .optional
                    .iter()
                    .map(|c| scene.without(std::slice::from_ref(c))),
            );
        }
        let mut done = Vec::new();
        let mut problems = Vec::new();
        for v in &variants {
            announce_step(&format!("render {}", v.describe()));
            match render_checked(session, plugin, v) {
                Ok(s) => done.push(s),
                Err(e) => problems.push(format!("{}: {e}", v.describe())),
            }
        }
        if problems.is_empty() {
            Verdict::pass(format!("rendered {}", done.join("; ")))
        } else {
            Verdict::fail(problems.join("\n"))
        }
    })
}

/// `what`, led by the context's name unless it already starts with it.
fn in_context(name: &str, what: &str) -> String {
    if what.starts_with(&format!("{name}: ")) {
        what.to_string()
    } else {
        format!("{name}: {what}")
    }
}

/// The most options of one choice parameter `render-varied-params`
/// renders with (the first ones, in order).
const MAX_CHOICE_TRIALS: usize = 12;

/// The values `render-varied-params` tries for a parameter, as text for
/// [`Instance::set_param_text`](crate::driver::Instance::set_param_text):
///
/// - a numeric parameter: its minimum, mid-range and maximum, each
///   dimension taken from its range, or from its display range where the
///   range is unbounded; `None` when a dimension has neither bounded;
/// - a boolean: off and on;
/// - a choice (by index) or a string choice (by label): each option, the
///   first [`MAX_CHOICE_TRIALS`] of them;
/// - anything else: `None`.
fn trial_values(p: &ParamInfo) -> Option<Vec<String>> {
    match p.kind {
        ParamKind::Boolean => return Some(vec!["off".into(), "on".into()]),
        ParamKind::Choice => {
            let n = p.options.len().min(MAX_CHOICE_TRIALS);
            return (n > 0).then(|| (0..n).map(|i| i.to_string()).collect());
        }
        ParamKind::StrChoice => {
            let n = p.options.len().min(MAX_CHOICE_TRIALS);
            return (n > 0).then(|| p.options[..n].to_vec());
        }
        _ => {}
    }
    let (n, double) = p.kind.numeric_shape()?;
    let bounded = |v: f64| v.is_finite() && v.abs() < f64::from(i32::MAX);
    let mut ranges = Vec::with_capacity(n);
    for i in 0..n {
        let pick = |lo: &[f64], hi: &[f64]| match (lo.get(i), hi.get(i)) {
            (Some(&l), Some(&h)) if bounded(l) && bounded(h) && l <= h => Some((l, h)),
            _ => None,
        };
        // The display range, where the range is unbounded, kept inside the
        // range's bounded side (a display minimum of 0 under a minimum of 1
        // is a value the host must refuse).
        let display = || {
            let (lo, hi) = pick(&p.display_min, &p.display_max)?;
            let lo = p.min.get(i).map_or(lo, |m| lo.max(*m));
            let hi = p.max.get(i).map_or(hi, |m| hi.min(*m));
            (lo <= hi).then_some((lo, hi))
        };
        ranges.push(pick(&p.min, &p.max).or_else(display)?);
    }
    let text = |at: fn(f64, f64) -> f64| -> String {
        let parts: Vec<String> = ranges
            .iter()
            .map(|&(l, h)| {
                let v = at(l, h);
                if double {
                    format!("{v}")
                } else {
                    format!("{}", v.floor() as i64)
                }
            })
            .collect();
        parts.join(",")
    };
    let mut values = vec![
        text(|l, _| l),
        text(|l, h| l + (h - l) / 2.0),
        text(|_, h| h),
    ];
    values.dedup();
    Some(values)
}

/// `render-varied-params`: one render per trial value of each parameter
/// that has them ([`trial_values`]: numeric extremes and mid-range,
/// both boolean values, each choice option), one parameter at a time, the
/// others at their defaults and the run's values, in the run's context.
/// Parameters the run sets (`--param`) keep the run's value.
pub(crate) fn render_varied_params(env: &Env) -> Verdict {
    support::with_plugin(env, |session, plugin| {
        let scene = match Scene::choose(env, plugin) {
            Ok(s) => s,
            Err(v) => return v,
        };
        let params = match scene.instance(plugin) {
            Ok(inst) => match inst.params() {
                Ok(p) => p,
                Err(e) => return Verdict::fail(format!("reading the parameters: {e}")),
            },
            Err(v) => return v,
        };
        let mut tried = Vec::new();
        let mut unbounded = Vec::new();
        let mut problems = Vec::new();
        let mut renders = 0;
        for p in params
            .iter()
            .filter(|p| is_varied(p.kind) && !scene.params.iter().any(|(n, _)| *n == p.name))
        {
            let Some(values) = trial_values(p) else {
                unbounded.push(p.name.clone());
                continue;
            };
            for v in &values {
                announce_step(&format!("render with {}={v}", p.name));
                let mut varied = scene.clone();
                varied.params.push((p.name.clone(), v.clone()));
                renders += 1;
                if let Err(e) = render_checked(session, plugin, &varied) {
                    problems.push(format!("{}={v}: {e}", p.name));
                }
            }
            tried.push(format!("{} at {}", p.name, values.join(" / ")));
        }
        let skipped = if unbounded.is_empty() {
            String::new()
        } else {
            format!(" (no bounded range: {})", unbounded.join(", "))
        };
        if tried.is_empty() {
            return Verdict::not_applicable(format!("no parameter to vary{skipped}"));
        }
        if problems.is_empty() {
            Verdict::pass(format!(
                "{}: {renders} renders, {}{skipped}",
                short_context(scene.context),
                tried.join("; ")
            ))
        } else {
            Verdict::fail(format!(
                "{}: {} of {renders} renders failed:\n{}",
                short_context(scene.context),
                problems.len(),
                problems.join("\n")
            ))
        }
    })
}

/// Whether parameters of `kind` have values to vary across: numbers,
/// booleans and choices (not strings, custom data, groups, pages or
/// buttons).
fn is_varied(kind: ParamKind) -> bool {
    matches!(kind, ParamKind::StrChoice) || kind.numeric_shape().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(kind: ParamKind, range: (&[f64], &[f64]), display: (&[f64], &[f64])) -> ParamInfo {
        ParamInfo {
            name: "p".into(),
            type_name: String::new(),
            kind,
            label: String::new(),
            hint: String::new(),
            parent: String::new(),
            default: None,
            min: range.0.to_vec(),
            max: range.1.to_vec(),
            display_min: display.0.to_vec(),
            display_max: display.1.to_vec(),
            options: Vec::new(),
            animates: true,
            secret: false,
            enabled: true,
            props: Default::default(),
        }
    }

    #[test]
    fn trial_values_span_the_range_or_else_the_display_range() {
        let d = param(ParamKind::Double, (&[-1.0], &[3.0]), (&[0.0], &[1.0]));
        assert_eq!(trial_values(&d).unwrap(), ["-1", "1", "3"]);
        // Unbounded range (the spec's defaults): the display range.
        let big = f64::MAX;
        let d = param(ParamKind::Double, (&[-big], &[big]), (&[0.0], &[0.5]));
        assert_eq!(trial_values(&d).unwrap(), ["0", "0.25", "0.5"]);
        // Integers: whole numbers, per dimension.
        let min = f64::from(i32::MIN);
        let max = f64::from(i32::MAX);
        let i = param(
            ParamKind::Integer2D,
            (&[0.0, min], &[5.0, max]),
            (&[0.0, -2.0], &[5.0, 2.0]),
        );
        assert_eq!(trial_values(&i).unwrap(), ["0,-2", "2,0", "5,2"]);
        // A range bounded below only: the display range, cut to the range.
        let d = param(
            ParamKind::Double2D,
            (&[1.0, 1.0], &[big, big]),
            (&[0.0, 0.0], &[100.0, 100.0]),
        );
        assert_eq!(trial_values(&d).unwrap(), ["1,1", "50.5,50.5", "100,100"]);
        // Neither bounded: not varied.
        let u = param(ParamKind::Double, (&[-big], &[big]), (&[-big], &[big]));
        assert_eq!(trial_values(&u), None);
        // A one-point range: one value.
        let one = param(ParamKind::Integer, (&[4.0], &[4.0]), (&[4.0], &[4.0]));
        assert_eq!(trial_values(&one).unwrap(), ["4"]);
        // Not numeric.
        assert_eq!(
            trial_values(&param(ParamKind::String, (&[], &[]), (&[], &[]))),
            None
        );
        // Booleans: both values; choices: each option, up to the cap.
        let b = param(ParamKind::Boolean, (&[], &[]), (&[], &[]));
        assert_eq!(trial_values(&b).unwrap(), ["off", "on"]);
        let mut c = param(ParamKind::Choice, (&[], &[]), (&[], &[]));
        c.options = (0..20).map(|i| format!("option {i}")).collect();
        let tried = trial_values(&c).unwrap();
        assert_eq!(tried.len(), MAX_CHOICE_TRIALS);
        assert_eq!((tried[0].as_str(), tried[11].as_str()), ("0", "11"));
        let mut s = param(ParamKind::StrChoice, (&[], &[]), (&[], &[]));
        s.options = vec!["Box".into(), "Gauss".into()];
        assert_eq!(trial_values(&s).unwrap(), ["Box", "Gauss"]);
        c.options.clear();
        assert_eq!(trial_values(&c), None);
        for k in [
            ParamKind::Boolean,
            ParamKind::Choice,
            ParamKind::StrChoice,
            ParamKind::Rgba,
        ] {
            assert!(is_varied(k), "{k:?}");
        }
        assert!(!is_varied(ParamKind::String));
    }
}
