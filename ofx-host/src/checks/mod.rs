//! The validator: a catalogue of named checks run against any plugin.
//!
//! Each [`Check`] has a name, a one-line description and a function that
//! loads the plugin in its own [`Session`](crate::driver::Session), drives
//! it, and returns a [`Verdict`]: pass, fail or not applicable, with
//! evidence. [`run_all`] runs the catalogue and gives a [`Report`], which
//! [`Report::table`] prints.
//!
//! # Isolation
//!
//! A broken plugin can take the process down (a guard-page fault, a panic
//! across `extern "C"`, an abort). So when [`Options::isolation`] names a
//! command, every check runs in a child process: the runner starts the
//! command with [`CHECK_ENV`] set to the check's name (and [`OPTIONS_ENV`]
//! to the run's options), and the child calls [`child_main`] with the same
//! [`Target`], which prints the verdict as one line on stdout. A child that
//! dies instead is a failure of that check, with its cause as evidence (the
//! guard-page diagnosis, the signal, the last lines of stderr).
//!
//! The command line tool re-executes itself with a hidden subcommand; a test
//! re-executes its own test binary ([`Isolation::current_test`]). Without
//! an isolation command, checks run in-process, except the crash-prone ones
//! ([`Check::crash_prone`]), which then answer "not applicable" (unless
//! [`Options::in_process_fallback`] asks to run them here anyway).
//!
//! ```no_run
//! use ofx_host::checks::{Isolation, Options, Target, run_all};
//! let target = Target::bundle("Invert.ofx.bundle", "org.ofx-rs.examples.Invert");
//! let options = Options {
//!     isolation: Some(Isolation::new("/usr/bin/ofx").arg("__check").arg("Invert.ofx.bundle")),
//!     ..Options::default()
//! };
//! let report = run_all(&target, &options);
//! print!("{}", report.table(false));
//! ```

use std::ffi::OsString;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ofx_sys::{OfxGetNumberOfPluginsFn, OfxGetPluginFn, OfxSetHostFn};

use crate::config::HostConfig;
use crate::guard_pages::GUARD_FAULT_EXIT_CODE;
use crate::image::GuardFault;
use crate::types::Context;

pub mod layouts;
pub mod report;

mod catalogue;
mod coverage;
mod describe;
mod gpu;
mod interacts;
mod log_reading;
mod pixels;
mod resources;
mod robustness;
mod scene;
mod small_sources;
pub(crate) mod support;

pub use catalogue::{Check, catalogue, find};
pub use gpu::GPU_TOLERANCE;
pub use report::{CheckResult, Outcome, Report, Verdict};

/// The environment variable naming the check a child process must run.
pub const CHECK_ENV: &str = "OFXHOST_CHECK";

/// How a line announcing a check's next step starts on a child's stderr
/// (see [`announce_step`]).
const STEP_PREFIX: &str = "ofx-host: check step: ";

/// In a child process, writes what the check is about to do to stderr, so
/// that if the plugin kills the process (a guard-page fault), the runner
/// can say during which step. Does nothing in-process.
pub(crate) fn announce_step(what: &str) {
    if requested_check().is_some() {
        eprintln!("{STEP_PREFIX}{what}");
    }
}

/// `"\nduring: <step>"` for the last step a child announced, or nothing.
fn last_step(stderr: &str) -> String {
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix(STEP_PREFIX))
        .next_back()
        .map(|s| format!("\nduring: {s}"))
        .unwrap_or_default()
}

/// The environment variable carrying the run's options to a child
/// (`cycles=N,threads=N,size=WxH,tiles=T`, then the context and parameter
/// values, hex-encoded).
pub const OPTIONS_ENV: &str = "OFXHOST_CHECK_OPTIONS";

/// The plugin to check.
#[derive(Clone, Debug)]
pub enum Target {
    /// A plugin in a `.ofx.bundle` (or a plugin binary) on disk.
    Bundle {
        /// The bundle directory or binary.
        path: PathBuf,
        /// The plugin identifier.
        plugin: String,
    },
    /// A plugin linked into this process, given by its entry points.
    InProcess {
        /// The binary's `OfxGetPlugin`.
        get_plugin: OfxGetPluginFn,
        /// Its `OfxGetNumberOfPlugins`, if it has one.
        count: Option<OfxGetNumberOfPluginsFn>,
        /// Its `OfxSetHost`, if it exports one.
        set_host: Option<OfxSetHostFn>,
        /// The plugin identifier.
        plugin: String,
    },
}

impl Target {
    /// A plugin in a bundle or binary on disk.
    pub fn bundle(path: impl Into<PathBuf>, plugin: impl Into<String>) -> Target {
        Target::Bundle {
            path: path.into(),
            plugin: plugin.into(),
        }
    }

    /// A plugin linked into this process.
    pub fn in_process(
        get_plugin: OfxGetPluginFn,
        count: Option<OfxGetNumberOfPluginsFn>,
        set_host: Option<OfxSetHostFn>,
        plugin: impl Into<String>,
    ) -> Target {
        Target::InProcess {
            get_plugin,
            count,
            set_host,
            plugin: plugin.into(),
        }
    }

    /// The plugin identifier.
    pub fn plugin_id(&self) -> &str {
        match self {
            Target::Bundle { plugin, .. } | Target::InProcess { plugin, .. } => plugin,
        }
    }

    /// A one-line description for reports.
    pub fn describe(&self) -> String {
        match self {
            Target::Bundle { path, plugin } => format!("{plugin} in {}", path.display()),
            Target::InProcess { plugin, .. } => format!("{plugin} (in-process)"),
        }
    }
}

/// How to start a child process that runs one check (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Isolation {
    /// The program.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
    /// Extra environment variables.
    pub env: Vec<(OsString, OsString)>,
}

impl Isolation {
    /// Runs `program` with no arguments.
    pub fn new(program: impl Into<PathBuf>) -> Isolation {
        Isolation {
            program: program.into(),
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    /// Adds an argument.
    pub fn arg(mut self, a: impl Into<OsString>) -> Isolation {
        self.args.push(a.into());
        self
    }

    /// Adds an environment variable.
    pub fn env(mut self, k: impl Into<OsString>, v: impl Into<OsString>) -> Isolation {
        self.env.push((k.into(), v.into()));
        self
    }

    /// Re-runs the current test binary, only the test `test_name` (its full
    /// path inside the test crate, e.g. `bad::leaked_image`). That test must
    /// call [`child_main`] when [`requested_check`] is `Some`.
    pub fn current_test(test_name: &str) -> std::io::Result<Isolation> {
        Ok(Isolation::new(std::env::current_exe()?)
            .arg(test_name)
            .arg("--exact")
            .arg("--nocapture")
            .arg("--test-threads=1"))
    }
}

/// What a run does.
#[derive(Clone, Debug)]
pub struct Options {
    /// The host to emulate. By default it advertises every GPU API it
    /// renders with (OpenCL buffers and images, OpenGL), so that a plugin
    /// that does not render on the CPU (`CPURenderSupported` "false") is
    /// rendered on one; CPU renders stay on the CPU for every other plugin.
    pub host: HostConfig,
    /// How to run a check in a child process; `None` runs in-process.
    pub isolation: Option<Isolation>,
    /// Run only these checks (all when empty).
    pub only: Vec<String>,
    /// Create/destroy cycles of the leak check.
    pub cycles: usize,
    /// Threads of the concurrent-render check.
    pub threads: usize,
    /// Width and height of the test images.
    pub size: (i32, i32),
    /// How long a child may run before it is killed and the check fails.
    pub timeout: Duration,
    /// Without an isolation command, run the crash-prone checks in this
    /// process anyway (a broken plugin then ends the whole run) instead of
    /// answering "not applicable".
    pub in_process_fallback: bool,
    /// How far (normalised, white = 1) a tiled render of float pixels may
    /// differ from the whole render in `same-pixels-tiles`: recursive
    /// filters whose regions of interest are bounded (an IIR blur) end up
    /// a few 1e-4 apart at tile seams; 0 demands identical pixels.
    pub tile_tolerance: f32,
    /// The context the render checks render in (`None`: filter, else
    /// general, else another the plugin declares and the host offers). A
    /// context the plugin does not declare fails those checks.
    pub context: Option<Context>,
    /// Parameter values set on every instance the render checks create,
    /// after connecting its clips, as `(name, text)` in the format of
    /// [`Instance::set_param_text`](crate::driver::Instance::set_param_text).
    /// A parameter the instance lacks, or a value it refuses, fails the
    /// check.
    pub params: Vec<(String, String)>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            host: HostConfig::default().gpu(crate::config::GpuOffer::all()),
            isolation: None,
            only: Vec::new(),
            cycles: 1000,
            threads: 4,
            size: (64, 48),
            timeout: Duration::from_secs(120),
            in_process_fallback: false,
            tile_tolerance: 1.0e-3,
            context: None,
            params: Vec::new(),
        }
    }
}

impl Options {
    /// The options a child gets through [`OPTIONS_ENV`].
    fn to_env(&self) -> String {
        let mut s = format!(
            "cycles={},threads={},size={}x{},tiles={}",
            self.cycles, self.threads, self.size.0, self.size.1, self.tile_tolerance
        );
        if let Some(c) = self.context {
            s.push_str(&format!(",context={}", hex(c.ofx_name())));
        }
        // Names and values may hold commas and equals signs: hex keeps
        // them whole.
        for (n, v) in &self.params {
            s.push_str(&format!(",param={}:{}", hex(n), hex(v)));
        }
        s
    }

    /// Applies [`OPTIONS_ENV`] if set (in a child).
    fn apply_env(&mut self) {
        if let Ok(s) = std::env::var(OPTIONS_ENV) {
            self.apply(&s);
        }
    }

    /// Applies options written by [`Options::to_env`].
    fn apply(&mut self, s: &str) {
        for kv in s.split(',') {
            match kv.split_once('=') {
                Some(("cycles", v)) => self.cycles = v.parse().unwrap_or(self.cycles),
                Some(("threads", v)) => self.threads = v.parse().unwrap_or(self.threads),
                Some(("tiles", v)) => {
                    self.tile_tolerance = v.parse().unwrap_or(self.tile_tolerance)
                }
                Some(("context", v)) => {
                    if let Some(c) = unhex(v).and_then(|c| Context::parse(&c)) {
                        self.context = Some(c);
                    }
                }
                Some(("param", v)) => {
                    if let Some((n, t)) = v.split_once(':')
                        && let (Some(n), Some(t)) = (unhex(n), unhex(t))
                    {
                        self.params.push((n, t));
                    }
                }
                Some(("size", v)) => {
                    if let Some((w, h)) = v.split_once('x')
                        && let (Ok(w), Ok(h)) = (w.parse(), h.parse())
                    {
                        self.size = (w, h);
                    }
                }
                _ => {}
            }
        }
    }
}

/// `s`'s bytes in hexadecimal.
fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

/// The text [`hex`] wrote, if `h` is such text.
fn unhex(h: &str) -> Option<String> {
    let bytes = (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(h.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    String::from_utf8(bytes).ok()
}

/// What a check function gets.
pub struct Env<'a> {
    /// The plugin.
    pub target: &'a Target,
    /// The run's options.
    pub options: &'a Options,
}

/// The check a child process was started for ([`CHECK_ENV`]), if any.
pub fn requested_check() -> Option<String> {
    std::env::var(CHECK_ENV).ok().filter(|s| !s.is_empty())
}

/// Checks that the target can be opened at all: for a bundle, that its
/// binary for this platform exists.
pub fn preflight(target: &Target) -> Result<(), String> {
    match target {
        Target::Bundle { path, .. } => {
            let bin = crate::loader::bundle_binary(path).unwrap_or_else(|| path.clone());
            if bin.is_file() {
                Ok(())
            } else {
                Err(format!("no plugin binary at {}", bin.display()))
            }
        }
        Target::InProcess { .. } => Ok(()),
    }
}

/// Runs every check (or those in [`Options::only`]) and reports. When the
/// target fails [`preflight`], the first check fails with the reason and the
/// others are not applicable.
pub fn run_all(target: &Target, options: &Options) -> Report {
    let selected = catalogue()
        .iter()
        .filter(|c| options.only.is_empty() || options.only.iter().any(|n| n == c.name));
    let results = match preflight(target) {
        Ok(()) => selected.map(|c| run_check(c, target, options)).collect(),
        Err(why) => selected
            .enumerate()
            .map(|(i, c)| CheckResult {
                name: c.name,
                description: c.description,
                verdict: if i == 0 {
                    Verdict::fail(why.clone())
                } else {
                    Verdict::not_applicable("the plugin could not be opened")
                },
                isolated: false,
                duration: Duration::ZERO,
            })
            .collect(),
    };
    Report {
        target: target.describe(),
        results,
    }
}

/// Runs one check: in a child process when the options name an isolation
/// command, else here (crash-prone checks are then not applicable).
pub fn run_check(check: &Check, target: &Target, options: &Options) -> CheckResult {
    let start = Instant::now();
    let (verdict, isolated) = match &options.isolation {
        Some(iso) => (run_isolated(check, iso, options), true),
        None if check.crash_prone && !options.in_process_fallback => (
            Verdict::not_applicable(
                "needs an isolation command: a broken plugin could crash this process",
            ),
            false,
        ),
        None => (check.run_here(target, options), false),
    };
    CheckResult {
        name: check.name,
        description: check.description,
        verdict,
        isolated,
        duration: start.elapsed(),
    }
}

/// In a child process: runs the check `name` here and prints its verdict
/// line on stdout. Returns the exit code to use (0, or 2 for an unknown
/// check).
pub fn child_main(target: &Target, options: &Options, name: &str) -> i32 {
    let mut options = options.clone();
    options.isolation = None;
    options.apply_env();
    let verdict = match find(name) {
        Some(c) => c.run_here(target, &options),
        None => {
            eprintln!("ofx-host: no check named {name:?}");
            return 2;
        }
    };
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "\n{}", report::encode(&verdict));
    let _ = out.flush();
    0
}

fn run_isolated(check: &Check, iso: &Isolation, options: &Options) -> Verdict {
    let mut cmd = Command::new(&iso.program);
    cmd.args(&iso.args)
        .envs(iso.env.iter().map(|(k, v)| (k, v)))
        .env(CHECK_ENV, check.name)
        .env(OPTIONS_ENV, options.to_env())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Verdict::fail(format!(
                "could not start the isolation command {}: {e}",
                iso.program.display()
            ));
        }
    };
    // Drain both pipes on threads so a chatty child cannot block.
    let drain = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut s);
            }
            String::from_utf8_lossy(&s).into_owned()
        })
    };
    let out_t = drain(
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let err_t = drain(
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + options.timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let stdout = out_t.join().unwrap_or_default();
    let stderr = err_t.join().unwrap_or_default();
    classify_child(status, &stdout, &stderr, options.timeout)
}

/// Turns a child's exit and output into a verdict.
fn classify_child(
    status: Option<std::process::ExitStatus>,
    stdout: &str,
    stderr: &str,
    timeout: Duration,
) -> Verdict {
    if let Some(v) = report::decode(stdout) {
        return v;
    }
    let tail = stderr_tail(stderr);
    let Some(status) = status else {
        return Verdict::fail(format!(
            "no verdict after {} s: the plugin hangs (killed){tail}",
            timeout.as_secs()
        ));
    };
    if status.code() == Some(GUARD_FAULT_EXIT_CODE) {
        return match GuardFault::find(stderr) {
            Some(f) => Verdict::fail(format!(
                "{} {} of image \"{}\"\n{}{}",
                f.access,
                f.side,
                f.image,
                f.line,
                last_step(stderr)
            )),
            None => Verdict::fail(format!("guard page hit{tail}")),
        };
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            let what = match sig {
                libc::SIGABRT => {
                    "SIGABRT: the process aborted (e.g. a panic crossing extern \"C\")"
                }
                libc::SIGSEGV => "SIGSEGV: invalid memory access",
                libc::SIGBUS => "SIGBUS: invalid memory access",
                libc::SIGILL => "SIGILL: illegal instruction (e.g. a trap)",
                libc::SIGFPE => "SIGFPE: arithmetic fault",
                _ => "killed by a signal",
            };
            return Verdict::fail(format!("the process died: signal {sig} ({what}){tail}"));
        }
    }
    Verdict::fail(format!(
        "the check's process exited with {status} without a verdict{tail}"
    ))
}

/// The last few meaningful lines of a child's stderr (backtrace frames and
/// hints left out), each on its own line.
fn stderr_tail(stderr: &str) -> String {
    let frame = |l: &str| {
        let t = l.trim_start();
        t.starts_with("at ")
            || t.split_once(':')
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| {
            !l.trim().is_empty()
                && !l.starts_with("note: ")
                && !l.starts_with("stack backtrace:")
                && !frame(l)
        })
        .collect();
    let keep = &lines[lines.len().saturating_sub(4)..];
    keep.iter().map(|l| format!("\n{l}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_names_are_unique_kebab_case_and_described() {
        let mut seen = std::collections::HashSet::new();
        for c in catalogue() {
            assert!(seen.insert(c.name), "duplicate {}", c.name);
            assert!(
                c.name
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
                "{}",
                c.name
            );
            assert!(!c.description.is_empty() && !c.description.contains('\n'));
            assert_eq!(find(c.name).map(|f| f.name), Some(c.name));
        }
    }

    #[test]
    fn a_missing_bundle_fails_once() {
        let t = Target::bundle("/nonexistent/X.ofx.bundle", "org.example.X");
        let r = run_all(&t, &Options::default());
        assert_eq!(r.count(Outcome::Fail), 1);
        assert_eq!(r.count(Outcome::NotApplicable), catalogue().len() - 1);
        assert!(
            r.results[0]
                .verdict
                .evidence
                .contains("X.ofx.bundle/Contents/"),
            "{r}"
        );
    }

    #[test]
    fn options_travel_to_the_child() {
        let o = Options {
            cycles: 7,
            threads: 3,
            size: (20, 10),
            tile_tolerance: 0.25,
            ..Options::default()
        };
        let s = o.to_env();
        assert_eq!(s, "cycles=7,threads=3,size=20x10,tiles=0.25");
        // The context and parameter values, commas and all.
        let o = Options {
            context: Some(Context::General),
            params: vec![
                ("Centre".into(), "0.5,0.25".into()),
                ("Label".into(), "a=b:c".into()),
            ],
            ..Options::default()
        };
        let mut child = Options::default();
        child.apply(&o.to_env());
        assert_eq!(child.context, Some(Context::General));
        assert_eq!(child.params, o.params);
        // What a child reads back.
        let mut child = Options::default();
        child.apply(&s);
        assert_eq!(
            (
                child.cycles,
                child.threads,
                child.size,
                child.tile_tolerance
            ),
            (7, 3, (20, 10), 0.25)
        );
    }

    #[cfg(unix)]
    #[test]
    fn dead_children_are_named() {
        use std::os::unix::process::ExitStatusExt;
        let t = Duration::from_secs(1);
        let abort = std::process::ExitStatus::from_raw(libc::SIGABRT);
        let stderr = "thread 'main' panicked at src/lib.rs:1:1:\nboom\nstack backtrace:\n   0: f\n             at src/x.rs:1\n   1: g\nnote: Some details are omitted\nthread caused non-unwinding panic. aborting.\n";
        let v = classify_child(Some(abort), "", stderr, t);
        assert!(
            !v.evidence.contains("0: f") && !v.evidence.contains("note:"),
            "{}",
            v.evidence
        );
        assert_eq!(v.outcome, Outcome::Fail);
        assert!(
            v.evidence.contains("SIGABRT") && v.evidence.contains("boom"),
            "{}",
            v.evidence
        );
        let guard = std::process::ExitStatus::from_raw(GUARD_FAULT_EXIT_CODE << 8);
        let line =
            "ofx-host: guard page: read above the top row of image \"Source\" at x=1 y=8 (..)";
        let v = classify_child(Some(guard), "", line, t);
        assert!(
            v.evidence
                .starts_with("read above the top row of image \"Source\""),
            "{}",
            v.evidence
        );
        // The last step the child announced says during what it died.
        let steps = format!("{STEP_PREFIX}step one\n{STEP_PREFIX}source bounds 3,3..21,13\n{line}");
        let v = classify_child(Some(guard), "", &steps, t);
        assert!(
            v.evidence.ends_with("\nduring: source bounds 3,3..21,13"),
            "{}",
            v.evidence
        );
        let v = classify_child(None, "", "", t);
        assert!(v.evidence.contains("hangs"));
        let ok = std::process::ExitStatus::from_raw(0);
        let v = classify_child(Some(ok), &report::encode(&Verdict::pass("fine")), "", t);
        assert_eq!(v, Verdict::pass("fine"));
    }
}
