//! The command line: `bundle` and `install` with their options, for a
//! project's `xtask` binary.

use std::path::PathBuf;

use crate::bundle::{self, BundleOptions};
use crate::{Error, Result, install};

/// The commands this crate runs, as lines of a usage text. A project whose
/// `xtask` adds commands of its own prints these lines next to its own.
pub const COMMANDS_HELP: &str = "  bundle <crate>... [--release] [--name NAME] [--all-examples]
         [--target TRIPLE] [--manifest-path PATH] [--target-dir DIR]
      build cdylib crates and write <target-dir>/bundles/<Name>.ofx.bundle
      (`-p <crate>` is accepted as well as a bare crate name)
  install [bundle...] [--dest DIR] [--manifest-path PATH] [--target-dir DIR]
      copy bundles into --dest, the first $OFX_PLUGIN_PATH entry, or the
      platform's standard OFX plugin directory
";

/// The usage text, with `command_name` (e.g. `cargo xtask`) as the program.
pub fn usage(command_name: &str) -> String {
    format!(
        "usage: {command_name} <command> [options]\n\ncommands:\n{COMMANDS_HELP}  help\n      print this text\n"
    )
}

/// Runs the command line of this process (`bundle ...` or `install ...`,
/// after the program name). On an error it prints the message to stderr
/// and exits with status 1.
///
/// This is the whole `main` of a plugin project's `xtask` binary (see the
/// [crate documentation](crate)).
pub fn main() {
    if let Err(error) = main_with_args("cargo xtask", std::env::args().skip(1)) {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

/// Runs the command given by `args` (the command first, without the
/// program name), printing what it wrote. `command_name` is how the user
/// runs the program; the usage text names it.
///
/// `help`, `-h`, `--help` or no argument at all print the usage text.
///
/// # Errors
/// [`Error::Usage`] for an unknown command or option, and otherwise the
/// error of [`bundle::bundle`] or [`install::install`].
pub fn main_with_args(command_name: &str, args: impl IntoIterator<Item = String>) -> Result<()> {
    let args: Vec<String> = args.into_iter().collect();
    let Some((command, rest)) = args.split_first() else {
        print!("{}", usage(command_name));
        return Ok(());
    };
    match command.as_str() {
        "bundle" => run_bundle(rest),
        "install" => run_install(rest),
        "help" | "-h" | "--help" => {
            print!("{}", usage(command_name));
            Ok(())
        }
        other => Err(Error::Usage(format!(
            "unknown command {other} (`{command_name} help` lists the commands)"
        ))),
    }
}

/// Pulls the value of an option like `--name X` or `--name=X`.
fn value(args: &[String], i: &mut usize, flag: &str) -> Result<String> {
    if let Some(v) = args[*i].strip_prefix(&format!("{flag}=")) {
        return Ok(v.to_string());
    }
    *i += 1;
    args.get(*i)
        .cloned()
        .ok_or_else(|| Error::Usage(format!("{flag} needs a value")))
}

fn unknown_option(arg: &str) -> Error {
    Error::Usage(format!("unknown option {arg}"))
}

/// Walks one command's arguments. Each flag (`--x` or `--x=value`) goes to
/// `option`, which applies it and returns `true`, or returns `false` for a
/// flag it does not know; it calls its third argument to take the flag's
/// value. The options that locate the workspace (`--manifest-path`,
/// `--target-dir`) are shared by both commands and handled here. Any other
/// argument starting with `-` is an error; the rest go to `positional`.
fn parse_args(
    args: &[String],
    options: &mut BundleOptions,
    mut option: impl FnMut(&str, &mut BundleOptions, &mut dyn FnMut() -> Result<String>) -> Result<bool>,
    mut positional: impl FnMut(&str, &mut BundleOptions),
) -> Result<()> {
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let flag = arg.split('=').next().unwrap_or(arg);
        let mut take_value = || value(args, &mut i, flag);
        let known = match flag {
            "--manifest-path" => {
                options.manifest_path = Some(take_value()?.into());
                true
            }
            "--target-dir" => {
                options.target_dir = Some(take_value()?.into());
                true
            }
            _ => option(flag, options, &mut take_value)?,
        };
        if !known {
            if arg.starts_with('-') {
                return Err(unknown_option(arg));
            }
            positional(arg, options);
        }
        i += 1;
    }
    Ok(())
}

fn parse_bundle(args: &[String]) -> Result<BundleOptions> {
    let mut options = BundleOptions::default();
    parse_args(
        args,
        &mut options,
        |flag, o, value| {
            match flag {
                "--release" | "-r" => o.release = true,
                "--all-examples" => o.all_examples = true,
                "--name" => o.name = Some(value()?),
                "--target" => o.target = Some(value()?),
                "-p" | "--package" => o.packages.push(value()?),
                _ => return Ok(false),
            }
            Ok(true)
        },
        |arg, o| o.packages.push(arg.to_string()),
    )?;
    Ok(options)
}

fn run_bundle(args: &[String]) -> Result<()> {
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

fn parse_install(args: &[String]) -> Result<InstallArgs> {
    let mut names = Vec::new();
    let mut dest = None;
    let mut options = BundleOptions::default();
    parse_args(
        args,
        &mut options,
        |flag, _, value| {
            if flag != "--dest" {
                return Ok(false);
            }
            dest = Some(PathBuf::from(value()?));
            Ok(true)
        },
        |arg, _| names.push(arg.to_string()),
    )?;
    Ok((names, dest, options))
}

fn run_install(args: &[String]) -> Result<()> {
    let (names, dest, options) = parse_install(args)?;
    let bundles_dir = bundle::bundles_dir(&options)?;
    let dest = install::destination(dest.as_deref(), std::env::var_os("OFX_PLUGIN_PATH"));
    for path in install::install(&bundles_dir, &names, &dest)? {
        println!("installed {}", path.display());
    }
    Ok(())
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
            "--target-dir=/t",
            "--all-examples",
        ]))
        .unwrap();
        assert_eq!(o.packages, ["gain", "blur"]);
        assert!(o.release && o.all_examples);
        assert_eq!(o.name.as_deref(), Some("Fx"));
        assert_eq!(o.target.as_deref(), Some("aarch64-apple-darwin"));
        assert_eq!(o.manifest_path, Some(PathBuf::from("/m/Cargo.toml")));
        assert_eq!(o.target_dir, Some(PathBuf::from("/t")));
        assert!(matches!(
            parse_bundle(&args(&["--bogus"])),
            Err(Error::Usage(m)) if m == "unknown option --bogus"
        ));
        assert!(matches!(
            parse_bundle(&args(&["--name"])),
            Err(Error::Usage(m)) if m == "--name needs a value"
        ));
    }

    #[test]
    fn install_arguments() {
        let (names, dest, o) = parse_install(&args(&[
            "Gain",
            "--dest",
            "/d",
            "Blur",
            "--manifest-path=/m/Cargo.toml",
        ]))
        .unwrap();
        assert_eq!(names, ["Gain", "Blur"]);
        assert_eq!(dest, Some(PathBuf::from("/d")));
        assert_eq!(o.manifest_path, Some(PathBuf::from("/m/Cargo.toml")));
        assert!(matches!(
            parse_install(&args(&["--release"])),
            Err(Error::Usage(_))
        ));
    }

    #[test]
    fn help_and_unknown_commands() {
        assert!(main_with_args("cargo xtask", args(&["help"])).is_ok());
        assert!(main_with_args("cargo xtask", args(&[])).is_ok());
        let Err(Error::Usage(message)) = main_with_args("cargo xtask", args(&["bundel"])) else {
            panic!("an unknown command must be a usage error");
        };
        assert!(message.contains("bundel") && message.contains("cargo xtask help"));
        assert!(usage("cargo xtask").starts_with("usage: cargo xtask <command>"));
    }
}
