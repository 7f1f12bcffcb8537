//! `cargo xtask`: project automation. Run `cargo xtask help` for usage.

use std::path::PathBuf;
use std::process::ExitCode;

use xtask::bundle::{self, BundleOptions};

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  bundle <crate>... [--release] [--name NAME] [--all-examples]
         [--target TRIPLE] [--manifest-path PATH] [--target-dir DIR]
      build cdylib crates and write <target-dir>/bundles/<Name>.ofx.bundle
      (`-p <crate>` is accepted as well as a bare crate name)
  install [bundle...] [--dest DIR] [--manifest-path PATH] [--target-dir DIR]
      copy bundles into --dest, the first $OFX_PLUGIN_PATH entry, or the
      platform's standard OFX plugin directory
  demo
      build the example bundles and the ofx tool (release), render a generated
      sample through gain and blur and the checkerboard generator, into
      <target-dir>/demo/
  valgrind
      run ofx-plugin's safety tests (misuse of the API through ofx-host)
      under valgrind's memcheck; fails on any memcheck error
";

/// Pulls the value of an option like `--name X` or `--name=X`.
fn value(args: &[String], i: &mut usize, flag: &str) -> Result<String, String> {
    if let Some(v) = args[*i].strip_prefix(&format!("{flag}=")) {
        return Ok(v.to_string());
    }
    *i += 1;
    args.get(*i)
        .cloned()
        .ok_or_else(|| format!("{flag} needs a value"))
}

fn parse_bundle(args: &[String]) -> Result<BundleOptions, String> {
    let mut options = BundleOptions::default();
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let flag = arg.split('=').next().unwrap_or(arg);
        match flag {
            "--release" | "-r" => options.release = true,
            "--all-examples" => options.all_examples = true,
            "--name" => options.name = Some(value(args, &mut i, "--name")?),
            "--target" => options.target = Some(value(args, &mut i, "--target")?),
            "--manifest-path" => {
                options.manifest_path = Some(value(args, &mut i, "--manifest-path")?.into())
            }
            "--target-dir" => {
                options.target_dir = Some(value(args, &mut i, "--target-dir")?.into())
            }
            "-p" | "--package" => options.packages.push(value(args, &mut i, flag)?),
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ => options.packages.push(arg.to_string()),
        }
        i += 1;
    }
    Ok(options)
}

fn run_bundle(args: &[String]) -> Result<(), String> {
    let options = parse_bundle(args)?;
    for built in bundle::bundle(&options)? {
        println!(
            "bundled {} ({})",
            built.path.display(),
            built.plugins.join(", ")
        );
    }
    Ok(())
}

/// Parsed `install` arguments: bundle names, `--dest`, and the options that
/// locate the bundles directory.
type InstallArgs = (Vec<String>, Option<PathBuf>, BundleOptions);

fn parse_install(args: &[String]) -> Result<InstallArgs, String> {
    let mut names = Vec::new();
    let mut dest = None;
    let mut options = BundleOptions::default();
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        match arg.split('=').next().unwrap_or(arg) {
            "--dest" => dest = Some(PathBuf::from(value(args, &mut i, "--dest")?)),
            "--manifest-path" => {
                options.manifest_path = Some(value(args, &mut i, "--manifest-path")?.into())
            }
            "--target-dir" => {
                options.target_dir = Some(value(args, &mut i, "--target-dir")?.into())
            }
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ => names.push(arg.to_string()),
        }
        i += 1;
    }
    Ok((names, dest, options))
}

fn run_install(args: &[String]) -> Result<(), String> {
    let (names, dest, options) = parse_install(args)?;
    let bundles_dir = bundle::bundles_dir(&options)?;
    let dest = xtask::install::destination(dest.as_deref(), std::env::var_os("OFX_PLUGIN_PATH"));
    for path in xtask::install::install(&bundles_dir, &names, &dest)? {
        println!("installed {}", path.display());
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => ("help", &[][..]),
    };
    let result = match command {
        "bundle" => run_bundle(rest),
        "install" => run_install(rest),
        "demo" => xtask::demo::run(rest),
        "valgrind" => xtask::valgrind::run(rest),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn bundle_arguments() {
        let o = parse_bundle(&args(&[
            "gain",
            "-p",
            "blur",
            "--release",
            "--name=Fx",
            "--target",
            "aarch64-apple-darwin",
            "--manifest-path",
            "/m/Cargo.toml",
            "--all-examples",
        ]))
        .unwrap();
        assert_eq!(o.packages, ["gain", "blur"]);
        assert!(o.release && o.all_examples);
        assert_eq!(o.name.as_deref(), Some("Fx"));
        assert_eq!(o.target.as_deref(), Some("aarch64-apple-darwin"));
        assert_eq!(o.manifest_path, Some(PathBuf::from("/m/Cargo.toml")));
        assert!(parse_bundle(&args(&["--bogus"])).is_err());
        assert!(parse_bundle(&args(&["--name"])).is_err());
    }

    #[test]
    fn install_arguments() {
        let (names, dest, o) = parse_install(&args(&["Gain", "--dest", "/d", "Blur"])).unwrap();
        assert_eq!(names, ["Gain", "Blur"]);
        assert_eq!(dest, Some(PathBuf::from("/d")));
        assert!(o.manifest_path.is_none());
        assert!(parse_install(&args(&["--release"])).is_err());
    }
}
