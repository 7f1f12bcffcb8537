//! `cargo xtask conformance PATH`: the validator on the official OpenFX
//! example plugins.
//!
//! PATH is a checkout of the official OpenFX repository (this repository
//! does not vendor it). Each plugin of `PATH/Examples/*` (C API, built on
//! `PATH/include`) and of `PATH/Support/Plugins/*` (C++ Support library,
//! built with `PATH/Support/Library/*.cpp`) is compiled with the system C++
//! compiler (`$CXX`, else `c++`), laid out as a bundle with
//! [`ofx_bundler::write_bundle`] in `<target-dir>/conformance/bundles/`, and
//! validated by the `ofx` binary of ofx-cli run as a child process. A plugin
//! whose build fails (a header or library this machine lacks) or that ships
//! GPU kernels is skipped with the reason printed.
//!
//! The verdicts are data: the command succeeds when it ran, whatever they
//! are; it fails when PATH is not an OpenFX checkout or nothing was built.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where a plugin's sources come from in the checkout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `Examples/<name>`: written straight against the C API.
    Examples,
    /// `Support/Plugins/<name>`: written on the C++ Support library.
    Support,
}

impl Family {
    /// The bundle-name prefix (`Examples` and `Support` both have an
    /// `Invert`, a `Basic` and a `ChoiceParams`).
    fn prefix(self) -> &'static str {
        match self {
            Family::Examples => "Example",
            Family::Support => "Support",
        }
    }
}

/// One plugin directory of the checkout and its C++ sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plugin {
    /// Bundle name: the family prefix and the directory name (`SupportInvert`).
    pub name: String,
    /// Which family it belongs to (decides the include paths and library).
    pub family: Family,
    /// Its directory.
    pub dir: PathBuf,
    /// Its `.cpp` files, sorted.
    pub sources: Vec<PathBuf>,
}

/// A plugin directory that is not built, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Bundle name the plugin would have had.
    pub name: String,
    /// Why it is not built (or not validated).
    pub reason: String,
}

/// What discovery found in a checkout.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Discovery {
    /// Plugins to build, Examples first, each family in directory order.
    pub plugins: Vec<Plugin>,
    /// Directories left out by discovery itself (GPU kernels, no sources).
    pub skipped: Vec<Skipped>,
}

/// The verdicts `ofx validate` printed for one plugin identifier.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PluginVerdicts {
    /// The plugin identifier.
    pub id: String,
    /// Checks passed.
    pub passed: usize,
    /// Checks failed.
    pub failed: usize,
    /// Checks not applicable.
    pub not_applicable: usize,
    /// Names of the failed checks, in catalogue order.
    pub failing: Vec<String>,
}

/// One summary row: a bundle and what validating it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Bundle name.
    pub bundle: String,
    /// Verdicts per plugin of the bundle; empty when `ofx validate` gave
    /// none (then `note` says why).
    pub verdicts: Vec<PluginVerdicts>,
    /// A note for the row: the exit status or error when there were no
    /// verdicts, or the skip reason.
    pub note: Option<String>,
}

/// Extensions of GPU kernel sources: a directory holding one is skipped.
const GPU_KERNELS: [&str; 3] = ["cu", "mm", "metal"];

/// Parses the command's arguments: exactly one PATH.
///
/// # Errors
///
/// No argument, more than one, or an option.
pub fn parse_args(args: &[String]) -> crate::Result<PathBuf> {
    match args {
        [path] if !path.starts_with('-') => Ok(PathBuf::from(path)),
        [] => Err("conformance needs PATH, a checkout of the OpenFX repository".into()),
        _ => Err(format!(
            "conformance takes one PATH (a checkout of the OpenFX repository), got {args:?}"
        )),
    }
}

/// Checks that `root` looks like an OpenFX checkout: `include/ofxCore.h`
/// and at least one of `Examples/` and `Support/Plugins/`.
///
/// # Errors
///
/// A message naming what is missing.
pub fn check_checkout(root: &Path) -> crate::Result<()> {
    if !root.join("include").join("ofxCore.h").is_file() {
        return Err(format!(
            "{} is not an OpenFX checkout: it has no include/ofxCore.h",
            root.display()
        ));
    }
    if !root.join("Examples").is_dir() && !root.join("Support").join("Plugins").is_dir() {
        return Err(format!(
            "{} is not an OpenFX checkout: it has neither Examples/ nor Support/Plugins/",
            root.display()
        ));
    }
    Ok(())
}

/// Sorted subdirectories of `dir` (none when it does not exist).
fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Sorted files of `dir` whose extension is one of `exts`.
fn files_with(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| exts.contains(&e))
        })
        .collect();
    files.sort();
    files
}

/// Finds the plugin directories of a checkout: every subdirectory of
/// `Examples/` and `Support/Plugins/` except `include` (shared headers).
/// One with GPU kernel sources (`.cu`, `.mm`, `.metal`) or without a `.cpp`
/// is skipped with its reason.
pub fn discover(root: &Path) -> Discovery {
    let mut found = Discovery::default();
    let families = [
        (Family::Examples, root.join("Examples")),
        (Family::Support, root.join("Support").join("Plugins")),
    ];
    for (family, parent) in families {
        for dir in subdirs(&parent) {
            let Some(base) = dir.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if base == "include" {
                continue;
            }
            let name = format!("{}{base}", family.prefix());
            let kernels = files_with(&dir, &GPU_KERNELS);
            let sources = files_with(&dir, &["cpp"]);
            let reason = if let Some(k) = kernels.first() {
                Some(format!(
                    "GPU plugin: needs CUDA/OpenCL/Metal ({})",
                    k.file_name().unwrap_or_default().to_string_lossy()
                ))
            } else if sources.is_empty() {
                Some("no .cpp source".to_string())
            } else {
                None
            };
            match reason {
                Some(reason) => found.skipped.push(Skipped { name, reason }),
                None => found.plugins.push(Plugin {
                    name,
                    family,
                    dir,
                    sources,
                }),
            }
        }
    }
    found
}

/// The C++ compiler: `$CXX`, else `c++`.
fn cxx() -> String {
    std::env::var("CXX").unwrap_or_else(|_| "c++".into())
}

/// Flags shared by every compile: position-independent, optimised, C++17,
/// the OpenFX headers.
fn common_flags(root: &Path) -> Vec<String> {
    let mut flags: Vec<String> = ["-fPIC", "-O2", "-std=c++17", "-w"]
        .map(String::from)
        .to_vec();
    for inc in [
        root.join("include"),
        root.join("Support").join("include"),
        root.join("Support").join("Plugins").join("include"),
        root.join("Examples").join("include"),
    ] {
        flags.push(format!("-I{}", inc.display()));
    }
    flags
}

/// The first line of compiler output that says `error`, for a skip reason.
pub fn first_error(stderr: &str) -> String {
    stderr
        .lines()
        .find(|l| l.contains("error"))
        .or_else(|| stderr.lines().next())
        .unwrap_or("no message")
        .trim()
        .to_string()
}

/// Runs the compiler; on failure returns the first error line.
fn compile(args: &[String]) -> crate::Result<()> {
    let out = Command::new(cxx())
        .args(args)
        .output()
        .map_err(|e| format!("running {}: {e}", cxx()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(first_error(&String::from_utf8_lossy(&out.stderr)))
    }
}

/// Compiles `Support/Library/*.cpp` once into objects under `obj_dir`.
fn build_support_library(root: &Path, obj_dir: &Path) -> crate::Result<Vec<PathBuf>> {
    let lib = root.join("Support").join("Library");
    let mut objects = Vec::new();
    for src in files_with(&lib, &["cpp"]) {
        let stem = src.file_stem().unwrap_or_default().to_string_lossy();
        let obj = obj_dir.join(format!("{stem}.o"));
        let mut args = common_flags(root);
        args.push(format!("-I{}", lib.display()));
        args.extend(["-c".to_string(), src.display().to_string(), "-o".into()]);
        args.push(obj.display().to_string());
        compile(&args).map_err(|e| format!("Support library {stem}: {e}"))?;
        objects.push(obj);
    }
    if objects.is_empty() {
        return Err("Support/Library has no .cpp".into());
    }
    Ok(objects)
}

/// Compiles and links one plugin into `out`.
fn build_plugin(
    root: &Path,
    plugin: &Plugin,
    library: &[PathBuf],
    out: &Path,
) -> crate::Result<()> {
    let mut args = common_flags(root);
    args.push(format!("-I{}", plugin.dir.display()));
    args.extend(["-shared".to_string(), "-fvisibility=hidden".into()]);
    args.extend(plugin.sources.iter().map(|s| s.display().to_string()));
    if plugin.family == Family::Support {
        args.extend(library.iter().map(|o| o.display().to_string()));
    }
    // As the official makefiles do on Linux: the overlays draw with OpenGL
    // (without a current context, glvnd's libGL makes those calls no-ops).
    if cfg!(target_os = "linux") {
        args.push("-lGL".into());
    }
    args.extend(["-o".to_string(), out.display().to_string()]);
    compile(&args)
}

/// Reads `ofx validate`'s output: for each plugin the identifier line, the
/// report's table (target, header, one row per check) and its count line.
pub fn parse_validate(stdout: &str) -> Vec<PluginVerdicts> {
    let lines: Vec<&str> = stdout.lines().collect();
    let mut all = Vec::new();
    let mut current: Option<PluginVerdicts> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("RESULT ") && i >= 2 {
            current = Some(PluginVerdicts {
                id: lines[i - 2].trim().to_string(),
                ..PluginVerdicts::default()
            });
        } else if let Some(v) = current.as_mut() {
            if let Some(rest) = line.strip_prefix("FAIL ") {
                if let Some(check) = rest.split_whitespace().next() {
                    v.failing.push(check.to_string());
                }
            } else if let Some(counts) = parse_counts(line) {
                (v.passed, v.failed, v.not_applicable) = counts;
                all.extend(current.take());
            }
        }
    }
    all
}

/// Parses `N passed, N failed, N not applicable`.
fn parse_counts(line: &str) -> Option<(usize, usize, usize)> {
    let mut parts = line.split(", ");
    let mut num =
        |suffix: &str| -> Option<usize> { parts.next()?.strip_suffix(suffix)?.trim().parse().ok() };
    let counts = (num(" passed")?, num(" failed")?, num(" not applicable")?);
    parts.next().is_none().then_some(counts)
}

/// The summary table: one line per plugin identifier (or per bundle without
/// verdicts), with its counts and failing checks.
pub fn summary(rows: &[Row]) -> String {
    let mut lines: Vec<[String; 5]> = vec![[
        "BUNDLE".into(),
        "PLUGIN".into(),
        "PASS".into(),
        "FAIL".into(),
        "FAILING CHECKS / NOTE".into(),
    ]];
    for row in rows {
        if row.verdicts.is_empty() {
            lines.push([
                row.bundle.clone(),
                "-".into(),
                "-".into(),
                "-".into(),
                row.note.clone().unwrap_or_default(),
            ]);
        }
        for v in &row.verdicts {
            // A plugin that fails everything (it declined Describe, say)
            // would list the whole catalogue: name the first check only.
            let mut detail = match v.failing.first() {
                Some(first) if v.passed == 0 && v.failing.len() > 1 => {
                    format!("every check (first: {first})")
                }
                _ => v.failing.join(", "),
            };
            if let Some(note) = &row.note {
                if !detail.is_empty() {
                    detail.push_str("; ");
                }
                detail.push_str(note);
            }
            lines.push([
                row.bundle.clone(),
                v.id.clone(),
                v.passed.to_string(),
                v.failed.to_string(),
                detail,
            ]);
        }
    }
    let width = |c: usize| lines.iter().map(|l| l[c].len()).max().unwrap_or(0);
    let (w0, w1, w2, w3) = (width(0), width(1), width(2), width(3));
    let mut out = String::new();
    for [a, b, c, d, e] in &lines {
        let line = format!("{a:<w0$}  {b:<w1$}  {c:>w2$}  {d:>w3$}  {e}");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Builds the `ofx` tool (release) into `target_dir` and returns its path.
fn build_ofx(target_dir: &Path) -> crate::Result<PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "ofx-cli",
            "--target-dir",
        ])
        .arg(target_dir)
        .status()
        .map_err(|e| format!("cargo: {e}"))?;
    if !status.success() {
        return Err("building ofx-cli failed".into());
    }
    Ok(target_dir
        .join("release")
        .join(format!("ofx{}", std::env::consts::EXE_SUFFIX)))
}

/// Validates one bundle with `ofx validate` and returns its summary row.
/// It runs in `work`: some examples write log files to their working
/// directory (`Examples/Test` writes `ofxTestLog.txt`).
fn validate(ofx: &Path, bundle: &Path, name: &str, work: &Path) -> crate::Result<Row> {
    let out = Command::new(ofx)
        .current_dir(work)
        .arg("validate")
        .arg(bundle)
        .output()
        .map_err(|e| format!("running {}: {e}", ofx.display()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    print!("{stdout}");
    eprint!("{stderr}");
    let verdicts = parse_validate(&stdout);
    let failed_run = !out.status.success() && verdicts.iter().all(|v| v.failed == 0);
    let note = failed_run.then(|| {
        let last = stderr.lines().last().unwrap_or("").trim();
        format!("ofx validate: {} {last}", out.status)
    });
    Ok(Row {
        bundle: name.to_string(),
        verdicts,
        note,
    })
}

/// Runs the conformance command: discover, build, bundle, validate, sum up.
///
/// # Errors
///
/// Bad arguments, PATH not an OpenFX checkout, the `ofx` tool not building,
/// or no plugin built. Failing checks are not errors.
pub fn run(args: &[String]) -> crate::Result<()> {
    let root = parse_args(args)?;
    check_checkout(&root)?;
    let root = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let found = discover(&root);
    let options = ofx_bundler::BundleOptions::default();
    let target_dir = ofx_bundler::bundles_dir(&options)
        .map_err(|e| e.to_string())?
        .parent()
        .ok_or("no target directory")?
        .to_path_buf();
    let work = target_dir.join("conformance");
    let (obj_dir, bin_dir, bundles) = (work.join("obj"), work.join("bin"), work.join("bundles"));
    for d in [&obj_dir, &bin_dir, &bundles] {
        std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    let arch = ofx_bundler::arch_dir_for(None).map_err(|e| e.to_string())?;
    println!("building the ofx tool (release)...");
    let ofx = build_ofx(&target_dir)?;
    // Every path from here on is absolute. Loading a plugin to read its
    // identifiers, and validating it, may write files to the working
    // directory (`Examples/Test` writes `ofxTestLog.txt`): keep them in
    // the work directory, out of the repository.
    std::env::set_current_dir(&work).map_err(|e| format!("{}: {e}", work.display()))?;

    let mut skipped = found.skipped.clone();
    let library = if found.plugins.iter().any(|p| p.family == Family::Support) {
        println!("compiling the Support library...");
        build_support_library(&root, &obj_dir).map_err(|e| {
            println!("  {e}");
            e
        })
    } else {
        Ok(Vec::new())
    };
    let mut built = Vec::new();
    for plugin in &found.plugins {
        let skip = |reason: String| Skipped {
            name: plugin.name.clone(),
            reason,
        };
        let library = match (&library, plugin.family) {
            (Err(e), Family::Support) => {
                skipped.push(skip(format!("Support library did not build: {e}")));
                continue;
            }
            (Ok(l), _) => l.as_slice(),
            (Err(_), Family::Examples) => &[],
        };
        println!("compiling {}...", plugin.name);
        let binary = bin_dir.join(format!("{}.ofx", plugin.name));
        if let Err(e) = build_plugin(&root, plugin, library, &binary) {
            skipped.push(skip(format!("build failed: {e}")));
            continue;
        }
        let ids = match ofx_bundler::bundle::plugin_ids(&binary) {
            Ok(ids) => ids,
            Err(e) => {
                skipped.push(skip(format!("does not load: {e}")));
                continue;
            }
        };
        let bundle =
            ofx_bundler::write_bundle(&bundles, &plugin.name, "1.0.0", arch, &binary, &ids, None)
                .map_err(|e| e.to_string())?;
        built.push((plugin.name.clone(), bundle));
    }
    for s in &skipped {
        println!("skipped {}: {}", s.name, s.reason);
    }
    if built.is_empty() {
        return Err(format!("no plugin of {} could be built", root.display()));
    }
    let mut rows = Vec::new();
    for (name, bundle) in &built {
        println!("==> ofx validate {}", bundle.display());
        rows.push(validate(&ofx, bundle, name, &work)?);
    }
    rows.extend(skipped.into_iter().map(|s| Row {
        bundle: s.name,
        verdicts: Vec::new(),
        note: Some(format!("skipped: {}", s.reason)),
    }));
    println!("\nconformance run on {}:\n", root.display());
    print!("{}", summary(&rows));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh empty directory under the system temporary directory.
    fn temp_tree(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-conf-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn touch(path: PathBuf) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "").unwrap();
    }

    #[test]
    fn arguments_are_exactly_one_path() {
        assert_eq!(parse_args(&["/x".into()]), Ok(PathBuf::from("/x")));
        assert!(parse_args(&[]).unwrap_err().contains("needs PATH"));
        assert!(parse_args(&["a".into(), "b".into()]).is_err());
        assert!(parse_args(&["--release".into()]).is_err());
    }

    #[test]
    fn a_tree_without_the_openfx_headers_is_not_a_checkout() {
        let root = temp_tree("notcheckout");
        std::fs::create_dir_all(root.join("Examples")).unwrap();
        assert!(
            check_checkout(&root)
                .unwrap_err()
                .contains("include/ofxCore.h")
        );
        touch(root.join("include/ofxCore.h"));
        assert!(check_checkout(&root).is_ok());
        std::fs::remove_dir(root.join("Examples")).unwrap();
        assert!(check_checkout(&root).unwrap_err().contains("neither"));
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn discovery_finds_both_families_and_skips_gpu_and_empty_dirs() {
        let root = temp_tree("discover");
        touch(root.join("include/ofxCore.h"));
        touch(root.join("Examples/Invert/invert.cpp"));
        touch(root.join("Examples/Test/testProperties.cpp"));
        touch(root.join("Examples/Test/ofxLog.cpp"));
        touch(root.join("Examples/XML/example.xml"));
        touch(root.join("Examples/include/ofxUtilities.H"));
        touch(root.join("Support/Plugins/Invert/invert.cpp"));
        touch(root.join("Support/Plugins/GPUGain/GPUGain.cpp"));
        touch(root.join("Support/Plugins/GPUGain/CudaKernel.cu"));
        let found = discover(&root);
        let names: Vec<&str> = found.plugins.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["ExampleInvert", "ExampleTest", "SupportInvert"]);
        assert_eq!(
            found.plugins[1].sources,
            [
                root.join("Examples/Test/ofxLog.cpp"),
                root.join("Examples/Test/testProperties.cpp")
            ]
        );
        assert_eq!(found.plugins[2].family, Family::Support);
        assert_eq!(
            found.skipped,
            [
                Skipped {
                    name: "ExampleXML".into(),
                    reason: "no .cpp source".into()
                },
                Skipped {
                    name: "SupportGPUGain".into(),
                    reason: "GPU plugin: needs CUDA/OpenCL/Metal (CudaKernel.cu)".into()
                },
            ]
        );
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn the_first_compiler_error_is_the_skip_reason() {
        let stderr = "In file included from x.cpp:3:\n\
                      x.cpp:18:10: fatal error: CImg.h: No such file or directory\n\
                      compilation terminated.\n";
        assert_eq!(
            first_error(stderr),
            "x.cpp:18:10: fatal error: CImg.h: No such file or directory"
        );
        assert_eq!(first_error(""), "no message");
    }

    const VALIDATE_OUTPUT: &str = "\
org.example.A
b.ofx.bundle: org.example.A
RESULT CHECK            EVIDENCE
pass   describe         ok
FAIL   images-released  1 image leaked
                        Output at t=0
n/a    host-threads     not fully safe
FAIL   guard-pages      write past the end
1 passed, 2 failed, 1 not applicable
org.example.B
b.ofx.bundle: org.example.B
RESULT CHECK     EVIDENCE
pass   describe  ok
1 passed, 0 failed, 0 not applicable
";

    #[test]
    fn validate_output_gives_counts_and_failing_checks_per_plugin() {
        let v = parse_validate(VALIDATE_OUTPUT);
        assert_eq!(
            v,
            [
                PluginVerdicts {
                    id: "org.example.A".into(),
                    passed: 1,
                    failed: 2,
                    not_applicable: 1,
                    failing: vec!["images-released".into(), "guard-pages".into()],
                },
                PluginVerdicts {
                    id: "org.example.B".into(),
                    passed: 1,
                    failed: 0,
                    not_applicable: 0,
                    failing: vec![],
                },
            ]
        );
        assert_eq!(parse_validate("error: cannot load\n"), []);
    }

    #[test]
    fn the_summary_has_a_line_per_plugin_and_per_skipped_bundle() {
        let rows = vec![
            Row {
                bundle: "ExampleA".into(),
                verdicts: parse_validate(VALIDATE_OUTPUT),
                note: None,
            },
            Row {
                bundle: "ExampleCustom".into(),
                verdicts: vec![PluginVerdicts {
                    id: "org.example.C".into(),
                    passed: 0,
                    failed: 2,
                    not_applicable: 1,
                    failing: vec!["describe".into(), "render-default".into()],
                }],
                note: None,
            },
            Row {
                bundle: "SupportGPUGain".into(),
                verdicts: vec![],
                note: Some("skipped: GPU plugin".into()),
            },
        ];
        let table = summary(&rows);
        assert_eq!(
            table,
            "\
BUNDLE          PLUGIN         PASS  FAIL  FAILING CHECKS / NOTE
ExampleA        org.example.A     1     2  images-released, guard-pages
ExampleA        org.example.B     1     0
ExampleCustom   org.example.C     0     2  every check (first: describe)
SupportGPUGain  -                 -     -  skipped: GPU plugin
"
        );
    }
}
