//! `ofx`: list, describe, render through and validate OpenFX plugins, with
//! the validating host of `ofx-host`.
//!
//! ```text
//! ofx list [PATH...]
//! ofx describe BUNDLE [ID[@MAJOR]]
//! ofx render BUNDLE ID[@MAJOR] --input in.png --output out.png [--param name=value]...
//! ofx overlay BUNDLE ID[@MAJOR] [render options] [--pen down:X,Y]... [--key K]... --output out.png
//! ofx validate BUNDLE [ID[@MAJOR]] [--only CHECK]... [--context NAME] [--param name=value]... [--list]
//! ```
//!
//! A plugin is its identifier and major version: `ID` names the highest
//! major version of `ID` in the bundle, `ID@3` names major version 3.
//!
//! Errors from bad input (including a bundle with no usable plugin) are one
//! line on stderr (`ofx: error: ...`) and exit status 2; a failed render or
//! a failed check exits with 1.

mod imageio;
mod overlay;
mod render;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ofx_host::Context;
use ofx_host::checks::{self, Isolation, Options, Target};
use ofx_host::driver::{HostConfig, Session};
use ofx_host::loader;

/// Command-line arguments.
#[derive(Parser)]
#[command(
    name = "ofx",
    version,
    about = "Render through and check OpenFX plugins"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lists the plugins found in bundles or directories (default: the
    /// directories of $OFX_PLUGIN_PATH).
    List {
        /// Bundles, or directories searched like OFX_PLUGIN_PATH.
        paths: Vec<PathBuf>,
    },
    /// Shows a plugin's contexts, clips and parameters.
    Describe {
        /// The `.ofx.bundle` directory (or the binary inside it).
        bundle: PathBuf,
        /// A plugin identifier, or `ID@MAJOR` for one major version
        /// (default: every plugin of the bundle).
        id: Option<String>,
    },
    /// Renders image files through a plugin.
    Render(render::RenderArgs),
    /// Renders through a plugin and draws its overlay on top, after pen
    /// and key events.
    Overlay(overlay::OverlayArgs),
    /// Runs the validator's checks on a plugin and prints a table.
    Validate(ValidateArgs),
    /// Runs one check in a child process (used by `validate`).
    #[command(name = "__check", hide = true)]
    Check {
        bundle: PathBuf,
        id: String,
        #[arg(long = "only")]
        only: Vec<String>,
    },
}

/// The arguments of `ofx validate`.
#[derive(clap::Args, Debug)]
struct ValidateArgs {
    /// The `.ofx.bundle` directory (or the binary inside it).
    bundle: Option<PathBuf>,
    /// A plugin identifier, or `ID@MAJOR` for one major version
    /// (default: every plugin of the bundle).
    id: Option<String>,
    /// Runs only these checks (repeatable).
    #[arg(long = "only", value_name = "CHECK")]
    only: Vec<String>,
    /// Prints the catalogue of checks and exits.
    #[arg(long)]
    list: bool,
    /// Prints each check's description in the table.
    #[arg(long)]
    verbose: bool,
    /// The context the render checks render in, spelt as for `render`:
    /// filter, general, generator, transition, paint, retimer (default:
    /// filter, else general, else another the plugin declares).
    #[arg(long)]
    context: Option<String>,
    /// A parameter value set on every instance the checks render with, as
    /// for `render`: name=value (numbers separated by commas, true/false, a
    /// choice's label or index, text). Repeatable.
    #[arg(long = "param", short = 'p', value_name = "NAME=VALUE")]
    params: Vec<String>,
}

/// The context a command line names: its OpenFX name, or that name without
/// `OfxImageEffectContext` in any case (`filter`, `General`).
pub(crate) fn parse_context(name: &str) -> Option<Context> {
    Context::ALL
        .iter()
        .copied()
        .find(|c| c.ofx_name() == name || short(c.ofx_name()).eq_ignore_ascii_case(name))
}

impl ValidateArgs {
    /// The context named by `--context`, if any.
    fn context(&self) -> Result<Option<Context>, Failure> {
        let Some(name) = &self.context else {
            return Ok(None);
        };
        parse_context(name).map(Some).ok_or_else(|| {
            let names: Vec<String> = Context::ALL
                .iter()
                .map(|c| short(c.ofx_name()).to_ascii_lowercase())
                .collect();
            Failure::Input(format!(
                "--context '{name}': no such context (use one of {})",
                names.join(", ")
            ))
        })
    }

    /// The `--param` values as (name, text).
    fn params(&self) -> Result<Vec<(String, String)>, Failure> {
        self.params
            .iter()
            .map(|p| {
                p.split_once('=')
                    .map(|(n, v)| (n.trim().to_string(), v.to_string()))
                    .ok_or_else(|| Failure::Input(format!("--param '{p}': use name=value")))
            })
            .collect()
    }
}

/// "it has a, b, c", or "it has none" for an empty list, for error messages
/// that say what could have been named instead.
pub fn it_has(names: &[String]) -> String {
    if names.is_empty() {
        "it has none".into()
    } else {
        format!("it has {}", names.join(", "))
    }
}

/// An error to report: a bad input (exit 2) or a failure (exit 1).
#[derive(Debug)]
pub enum Failure {
    /// Bad input: missing file, unknown plugin or parameter, bad value.
    Input(String),
    /// The plugin or a check failed.
    Failed(String),
}

impl Failure {
    fn exit(self) -> ExitCode {
        match self {
            Failure::Input(m) => {
                // Empty when the line was printed already (by a child).
                if !m.is_empty() {
                    eprintln!("ofx: error: {m}");
                }
                ExitCode::from(2)
            }
            Failure::Failed(m) => {
                if !m.is_empty() {
                    eprintln!("ofx: error: {m}");
                }
                ExitCode::from(1)
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let isolated = matches!(
        cli.command,
        Command::Describe { .. } | Command::Render(_) | Command::Overlay(_) | Command::Validate(_)
    );
    if isolated
        && std::env::var_os(COMMAND_CHILD).is_none()
        && let Some(code) = run_in_child()
    {
        return code;
    }
    let result = match cli.command {
        Command::List { paths } => list(&paths),
        Command::Describe { bundle, id } => describe(&bundle, id.as_deref()),
        Command::Render(args) => render::run(&args),
        Command::Overlay(args) => overlay::run(&args),
        Command::Validate(args) => validate(&args),
        Command::Check { bundle, id, only } => {
            let options = Options {
                only,
                ..Options::default()
            };
            let target = Target::bundle(&bundle, &id);
            let Some(name) = checks::requested_check() else {
                return Failure::Input("__check runs only under `ofx validate`".into()).exit();
            };
            let code = checks::child_main(&target, &options, &name);
            return ExitCode::from(u8::try_from(code).unwrap_or(1));
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => f.exit(),
    }
}

/// Checks that `bundle` exists and holds a binary for this platform.
pub fn check_bundle(bundle: &Path) -> Result<(), Failure> {
    if !bundle.exists() {
        return Err(Failure::Input(format!(
            "{}: no such bundle",
            bundle.display()
        )));
    }
    if bundle.is_dir() && loader::bundle_binary(bundle).is_none_or(|b| !b.exists()) {
        return Err(Failure::Input(format!(
            "{}: no plugin binary for this platform inside the bundle",
            bundle.display()
        )));
    }
    Ok(())
}

/// Loads a bundle in a new session.
pub fn load(bundle: &Path, config: HostConfig) -> Result<Session, Failure> {
    check_bundle(bundle)?;
    Session::load_bundle(bundle, config)
        .map_err(|e| Failure::Input(format!("{}: {e}", bundle.display())))
}

/// The plugins to act on, as names `Session::plugin` takes: `name` if
/// given (`ID` or `ID@MAJOR`, checked), else every plugin of the bundle,
/// named `ID@MAJOR` where the bundle has several major versions of `ID`.
pub(crate) fn plugin_ids(
    session: &Session,
    bundle: &Path,
    name: Option<&str>,
) -> Result<Vec<String>, Failure> {
    let plugins = session.plugins();
    let all: Vec<String> = plugins
        .iter()
        .map(|p| {
            if plugins.iter().filter(|q| q.id == p.id).count() > 1 {
                format!("{}@{}", p.id, p.version_major)
            } else {
                p.id.clone()
            }
        })
        .collect();
    let Some(name) = name else {
        return Ok(all);
    };
    let (id, major) = loader::parse_plugin_ref(name);
    if plugins
        .iter()
        .any(|p| p.id == id && major.is_none_or(|m| m == p.version_major))
    {
        Ok(vec![name.to_string()])
    } else {
        Err(Failure::Input(format!(
            "{}: no plugin '{name}' ({})",
            bundle.display(),
            it_has(&all)
        )))
    }
}

/// One `ofx: error:` line per record that repeats an earlier record's
/// identifier and major version; returns how many there were.
fn report_duplicates(session: &Session, bundle: &Path) -> usize {
    for d in session.duplicates() {
        eprintln!(
            "ofx: error: {}: plugin '{}' {}.{} (OfxGetPlugin({})) repeats the identifier and \
             major version of an earlier plugin; the first is used",
            bundle.display(),
            d.id,
            d.version_major,
            d.version_minor,
            d.index
        );
    }
    session.duplicates().len()
}

fn short(name: &str) -> &str {
    for prefix in [
        "OfxImageEffectContext",
        "OfxBitDepth",
        "OfxImageComponent",
        "OfxParamType",
    ] {
        if let Some(s) = name.strip_prefix(prefix) {
            return s;
        }
    }
    name
}

fn list(paths: &[PathBuf]) -> Result<(), Failure> {
    let dirs: Vec<PathBuf> = if paths.is_empty() {
        std::env::var_os("OFX_PLUGIN_PATH")
            .map(|v| std::env::split_paths(&v).collect())
            .unwrap_or_default()
    } else {
        paths.to_vec()
    };
    if dirs.is_empty() {
        return Err(Failure::Input(
            "no path given and OFX_PLUGIN_PATH is not set".into(),
        ));
    }
    let mut bundles = Vec::new();
    for d in &dirs {
        if !d.exists() {
            return Err(Failure::Input(format!(
                "{}: no such file or directory",
                d.display()
            )));
        }
        if d.extension().is_some_and(|e| e == "bundle") || d.is_file() {
            bundles.push(d.clone());
        } else {
            bundles.extend(loader::scan_plugin_path(std::slice::from_ref(d)));
        }
    }
    // Each bundle is loaded and described in a child process, as hosts scan
    // plugins: a plugin that crashes there is reported and the listing goes
    // on. The child (marked by LIST_CHILD) lists its one bundle in process.
    let in_process = std::env::var_os(LIST_CHILD).is_some();
    let mut found = 0;
    let mut unusable = 0;
    for b in bundles {
        if in_process {
            // The child lists one bundle: its error is the child's exit.
            found += list_bundle(&b)?;
        } else {
            match list_isolated(&b) {
                Some(n) => found += n,
                None => unusable += 1,
            }
        }
    }
    // A child's empty listing is for its parent to judge. When every bundle
    // was unusable, each has printed its one error line already.
    if found == 0 && !in_process {
        if unusable > 0 {
            return Err(Failure::Input(String::new()));
        }
        return Err(Failure::Failed("no plugins found".into()));
    }
    Ok(())
}

/// Set in the environment of the child that lists one bundle.
const LIST_CHILD: &str = "OFX_LIST_CHILD";

/// Lists one bundle in a child process and passes its output on; a child
/// that dies is reported in the listing. Returns the plugins listed, or
/// `None` when the bundle holds no usable plugin (the child said why).
fn list_isolated(bundle: &Path) -> Option<usize> {
    let child = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .arg("list")
            .arg(bundle)
            .env(LIST_CHILD, "1")
            .output()
    });
    let out = match child {
        Ok(out) => out,
        Err(e) => {
            eprintln!(
                "ofx: warning: cannot start a child to list {}: {e}",
                bundle.display()
            );
            return match list_bundle(bundle) {
                Ok(n) => Some(n),
                Err(Failure::Input(m) | Failure::Failed(m)) => {
                    eprintln!("ofx: error: {m}");
                    None
                }
            };
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    print!("{stdout}");
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    let listed = stdout.lines().filter(|l| l.starts_with("  ")).count();
    if out.status.code() == Some(2) {
        return None;
    }
    if out.status.code().is_none() {
        if !stdout.lines().any(|l| Path::new(l) == bundle) {
            println!("{}", bundle.display());
        }
        println!(
            "  crashed while loading or describing ({}); `OFXHOST_TRACE=1 ofx list {}` shows where",
            exit_text(&out.status),
            bundle.display()
        );
    }
    Some(listed)
}

/// Set in the child process that runs `describe`, `render`, `overlay` or
/// `validate`.
const COMMAND_CHILD: &str = "OFX_COMMAND_CHILD";

/// Runs this command again in a child process, whose output is this one's,
/// so that a plugin that kills its process cannot take `ofx` with it: the
/// child's exit status is passed on, and a child killed by a signal is
/// reported with the action and plugin it was in (which the host writes to
/// a file before each action). `None` when no child could be started; the
/// command then runs in this process.
fn run_in_child() -> Option<ExitCode> {
    let marks = std::env::temp_dir().join(format!("ofx-last-action-{}", std::process::id()));
    let status = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(COMMAND_CHILD, "1")
            .env(ofx_host::log::ACTION_FILE_ENV, &marks)
            .status()
    });
    let last = std::fs::read_to_string(&marks).unwrap_or_default();
    let _ = std::fs::remove_file(&marks);
    let status = match status {
        Ok(s) => s,
        Err(e) => {
            eprintln!("ofx: warning: cannot start a child process ({e}); running in this one");
            return None;
        }
    };
    if let Some(code) = status.code() {
        return Some(ExitCode::from(u8::try_from(code).unwrap_or(1)));
    }
    let place = match last.trim() {
        "" => "before the host sent any action".to_string(),
        l => format!("in {l}"),
    };
    eprintln!(
        "ofx: error: a plugin ended the process ({}) {place}; OFXHOST_TRACE=1 shows the calls that led there",
        exit_text(&status)
    );
    Some(ExitCode::FAILURE)
}

/// How a child process ended, for messages.
fn exit_text(status: &std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return format!("killed by signal {sig}");
        }
    }
    format!("{status}")
}

/// Lists the plugins of one bundle in this process, every major version of
/// an identifier on its own line; returns how many.
fn list_bundle(b: &Path) -> Result<usize, Failure> {
    let session = load(b, HostConfig::default())?;
    println!("{}", b.display());
    report_duplicates(&session, b);
    let mut found = 0;
    for info in session.plugins() {
        found += 1;
        match session.plugin_version(&info.id, info.version_major) {
            Ok(p) => {
                let d = p.descriptor();
                let label = d.get_string("OfxPropLabel", 0).unwrap_or_default();
                let group = d
                    .get_string("OfxImageEffectPluginPropGrouping", 0)
                    .unwrap_or_default();
                let depths = d
                    .get_string_n("OfxImageEffectPropSupportedPixelDepths")
                    .unwrap_or_default();
                println!(
                    "  {} {}.{}  \"{label}\"  group \"{group}\"  contexts {}  depths {}",
                    info.id,
                    info.version_major,
                    info.version_minor,
                    p.contexts()
                        .iter()
                        .map(|c| short(c.ofx_name()))
                        .collect::<Vec<_>>()
                        .join(","),
                    depths
                        .iter()
                        .map(|c| short(c))
                        .collect::<Vec<_>>()
                        .join(","),
                );
            }
            Err(e) => println!(
                "  {} {}.{}  (describe failed: {e})",
                info.id, info.version_major, info.version_minor
            ),
        }
    }
    // The output so far reaches the parent even if unloading crashes.
    use std::io::Write;
    let _ = std::io::stdout().flush();
    Ok(found)
}

fn value_text(v: &ofx_host::param_values::ParamValue) -> String {
    use ofx_host::param_values::ParamValue;
    match v {
        ParamValue::Numeric(n) => n
            .iter()
            .map(|x| format!("{x}"))
            .collect::<Vec<_>>()
            .join(","),
        ParamValue::Text(t) => format!("\"{}\"", t.to_string_lossy()),
        ParamValue::Bytes(b) => format!("{} bytes", b.len()),
    }
}

fn range_text(lo: &[f64], hi: &[f64]) -> String {
    let limit = |x: f64| x.abs() >= f64::from(i32::MAX);
    if lo.is_empty() || (lo.iter().all(|x| limit(*x)) && hi.iter().all(|x| limit(*x))) {
        return String::new();
    }
    let f = |v: &[f64]| {
        v.iter()
            .map(|x| format!("{x}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    format!(" [{}..{}]", f(lo), f(hi))
}

fn describe(bundle: &Path, id: Option<&str>) -> Result<(), Failure> {
    let session = load(bundle, HostConfig::default())?;
    for id in plugin_ids(&session, bundle, id)? {
        let p = session
            .plugin(&id)
            .map_err(|e| Failure::Failed(format!("{id}: {e}")))?;
        let d = p.descriptor();
        println!(
            "{} {}.{}  \"{}\"",
            p.info().id,
            p.info().version_major,
            p.info().version_minor,
            d.get_string("OfxPropLabel", 0).unwrap_or_default()
        );
        for ctx in p.contexts() {
            println!("  context {}", short(ctx.ofx_name()));
            let inst = match p.create_instance(ctx) {
                Ok(i) => i,
                Err(e) => {
                    println!("    (cannot create an instance: {e})");
                    continue;
                }
            };
            for clip in inst.clip_names() {
                let cp = inst.clip_props(&clip).unwrap_or_default();
                let comps = cp
                    .get_string_n("OfxImageEffectPropSupportedComponents")
                    .unwrap_or_default();
                let optional = cp.get_int("OfxImageClipPropOptional", 0).unwrap_or(0) != 0;
                println!(
                    "    clip {clip}{}  components {}",
                    if optional { " (optional)" } else { "" },
                    comps.iter().map(|c| short(c)).collect::<Vec<_>>().join(",")
                );
            }
            let params = inst
                .params()
                .map_err(|e| Failure::Failed(format!("{id}: {e}")))?;
            for prm in params {
                let default = prm.default.as_ref().map(value_text).unwrap_or_default();
                let options = if prm.options.is_empty() {
                    String::new()
                } else {
                    format!(" options {}", prm.options.join("|"))
                };
                println!(
                    "    param {} ({}){}{}{}{}",
                    prm.name,
                    short(&prm.type_name),
                    if prm.label.is_empty() || prm.label == prm.name {
                        String::new()
                    } else {
                        format!(" \"{}\"", prm.label)
                    },
                    if default.is_empty() {
                        String::new()
                    } else {
                        format!(" default {default}")
                    },
                    range_text(&prm.min, &prm.max),
                    options,
                );
            }
        }
    }
    Ok(())
}

fn validate(args: &ValidateArgs) -> Result<(), Failure> {
    let (only, verbose) = (&args.only, args.verbose);
    if args.list {
        for c in checks::catalogue() {
            println!("{:<24} {}", c.name, c.description);
        }
        return Ok(());
    }
    let Some(bundle) = args.bundle.as_deref() else {
        return Err(Failure::Input("validate needs a BUNDLE (or --list)".into()));
    };
    let (context, params) = (args.context()?, args.params()?);
    for name in only {
        if !checks::catalogue().iter().any(|c| c.name == name) {
            return Err(Failure::Input(format!(
                "no check named '{name}' (see `ofx validate --list`)"
            )));
        }
    }
    let (ids, duplicates) = {
        let session = load(bundle, HostConfig::default())?;
        let ids = plugin_ids(&session, bundle, args.id.as_deref())?;
        (ids, report_duplicates(&session, bundle))
    };
    let exe = std::env::current_exe()
        .map_err(|e| Failure::Failed(format!("cannot find this program: {e}")))?;
    let mut failed = Vec::new();
    for id in ids {
        let target = Target::bundle(bundle, &id);
        let mut isolation = Isolation::new(&exe).arg("__check").arg(bundle).arg(&id);
        for o in only {
            isolation = isolation.arg("--only").arg(o);
        }
        let options = Options {
            only: only.to_vec(),
            isolation: Some(isolation),
            context,
            params: params.clone(),
            ..Options::default()
        };
        println!("{id}");
        let report = checks::run_all(&target, &options);
        print!("{}", report.table(verbose));
        if !report.passed() {
            failed.push(id);
        }
    }
    match (failed.is_empty(), duplicates) {
        (true, 0) => Ok(()),
        (true, n) => Err(Failure::Failed(format!(
            "{n} plugin(s) repeat an identifier and major version"
        ))),
        (false, _) => Err(Failure::Failed(format!(
            "checks failed for {}",
            failed.join(", ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validate_args(args: &[&str]) -> ValidateArgs {
        let cli = Cli::try_parse_from(["ofx", "validate"].iter().chain(args)).unwrap();
        match cli.command {
            Command::Validate(a) => a,
            _ => unreachable!("parsed as validate"),
        }
    }

    #[test]
    fn validate_takes_a_context_and_parameter_values_like_render() {
        let a = validate_args(&[
            "X.ofx.bundle",
            "--context",
            "general",
            "--param",
            "Centre=0.5,0.25",
            "-p",
            " Mode = a=b",
        ]);
        assert_eq!(a.context().unwrap(), Some(Context::General));
        assert_eq!(
            a.params().unwrap(),
            vec![
                ("Centre".to_string(), "0.5,0.25".to_string()),
                ("Mode".to_string(), " a=b".to_string())
            ]
        );
        let full = validate_args(&["X.ofx.bundle", "--context", "OfxImageEffectContextFilter"]);
        assert_eq!(full.context().unwrap(), Some(Context::Filter));
        assert_eq!(validate_args(&["X.ofx.bundle"]).context().unwrap(), None);
    }

    #[test]
    fn validate_refuses_an_unknown_context_or_a_param_without_value() {
        let Err(Failure::Input(m)) = validate_args(&["B", "--context", "filtre"]).context() else {
            panic!("an unknown context is bad input");
        };
        assert!(
            m.contains("'filtre'") && m.contains("filter, general"),
            "{m}"
        );
        let Err(Failure::Input(m)) = validate_args(&["B", "--param", "Gain"]).params() else {
            panic!("a param without a value is bad input");
        };
        assert_eq!(m, "--param 'Gain': use name=value");
    }

    #[test]
    fn lists_in_messages_say_none_when_empty() {
        assert_eq!(it_has(&[]), "it has none");
        assert_eq!(it_has(&["a".into(), "b".into()]), "it has a, b");
    }
}
