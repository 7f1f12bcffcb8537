//! `#[derive(Plugin)]`: the identity of an effect type and its entry record.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, LitStr};

use crate::attr::{self, push};

/// The keys `#[ofx(...)]` accepts.
const KNOWN: &[&str] = &["id", "version", "label", "group", "overlay"];

/// What `#[ofx(...)]` declared, once checked.
struct Identity {
    id: LitStr,
    major: u32,
    minor: u32,
    label: Option<LitStr>,
    group: Option<LitStr>,
    overlay: Option<syn::Path>,
}

/// Expands `#[derive(Plugin)]`.
pub fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut errors = None;
    if !input.generics.params.is_empty() {
        push(
            &mut errors,
            syn::Error::new_spanned(
                &input.generics,
                "`#[derive(Plugin)]` does not support generic types: each plugin needs one \
                 concrete type for its entry record",
            ),
        );
    }
    let identity = match parse_identity(input) {
        Ok(id) => Some(id),
        Err(e) => {
            push(&mut errors, e);
            None
        }
    };
    if let Some(e) = errors {
        return Err(e);
    }
    let Identity {
        id,
        major,
        minor,
        label,
        group,
        overlay,
    } = identity.expect("no error means the identity parsed");

    let ty = &input.ident;
    let id_c = proc_macro2::Literal::c_string(
        &std::ffi::CString::new(id.value()).expect("identifiers have no NUL byte"),
    );
    let opt = |s: &Option<LitStr>| match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    };
    let (label, group) = (opt(&label), opt(&group));
    // The entry is built with the effect type as a bound, so an overlay of
    // another effect fails to compile here.
    let overlay = overlay.map(|o| {
        quote! {
            const OVERLAY: ::core::option::Option<::ofx_plugin::interact::InteractEntry> =
                ::core::option::Option::Some(::ofx_plugin::interact::InteractEntry::of::<#o, #ty>());
        }
    });
    Ok(quote! {
        impl ::ofx_plugin::Plugin for #ty {
            const ID: &'static ::core::ffi::CStr = #id_c;
            const VERSION_MAJOR: u32 = #major;
            const VERSION_MINOR: u32 = #minor;
            const LABEL: ::core::option::Option<&'static str> = #label;
            const GROUP: ::core::option::Option<&'static str> = #group;
            #overlay
        }
    })
}

/// Reads and checks `#[ofx(...)]`.
fn parse_identity(input: &DeriveInput) -> syn::Result<Identity> {
    let entries = attr::entries(&input.attrs, "ofx")?;
    let mut errors = None;
    if let Err(e) = attr::check_duplicates(&entries) {
        push(&mut errors, e);
    }
    let (mut id, mut version, mut label, mut group) = (None, None, None, None);
    let mut overlay = None;
    for e in &entries {
        let r = match e.name().as_str() {
            "id" => e.str().and_then(|s| {
                check_identifier(&s.value()).map_err(|m| syn::Error::new(s.span(), m))?;
                id = Some(s);
                Ok(())
            }),
            "version" => version_str(e).and_then(|s| {
                let v = parse_version(&s.value()).map_err(|m| syn::Error::new(s.span(), m))?;
                version = Some(v);
                Ok(())
            }),
            "label" => e.str().and_then(|s| {
                non_empty(&s, "label")?;
                label = Some(s);
                Ok(())
            }),
            "group" => e.str().and_then(|s| {
                non_empty(&s, "group")?;
                group = Some(s);
                Ok(())
            }),
            "overlay" => e.path("an interact type such as `MyOverlay`").map(|p| {
                overlay = Some(p);
            }),
            _ => Err(attr::unknown(e, "ofx", KNOWN)),
        };
        if let Err(err) = r {
            push(&mut errors, err);
        }
    }
    if let Some(e) = errors {
        return Err(e);
    }
    let Some(id) = id else {
        let span = attr::has(&input.attrs, "ofx").unwrap_or_else(|| input.ident.span());
        return Err(syn::Error::new(
            span,
            "missing plugin identifier: add `#[ofx(id = \"org.example.MyEffect\", ...)]`",
        ));
    };
    let (major, minor) = version.unwrap_or((1, 0));
    Ok(Identity {
        id,
        major,
        minor,
        label,
        group,
        overlay,
    })
}

/// The version string, with a hint when a number was written instead.
fn version_str(e: &attr::Entry) -> syn::Result<LitStr> {
    e.str().map_err(|err| {
        syn::Error::new(
            err.span(),
            "`version` expects a string \"MAJOR\" or \"MAJOR.MINOR\", e.g. `version = \"1.0\"`",
        )
    })
}

fn non_empty(s: &LitStr, what: &str) -> syn::Result<()> {
    if s.value().is_empty() {
        Err(syn::Error::new(
            s.span(),
            format!("`{what}` must not be empty"),
        ))
    } else {
        Ok(())
    }
}

/// Checks a plugin identifier.
///
/// The rule: a non-empty string of dot-separated components (reverse-domain
/// style, `org.example.Gain`); each component is non-empty and made of ASCII
/// letters, digits, `_` and `-`. So there is no leading, trailing or doubled
/// dot, no space and no non-ASCII character. At most 255 bytes.
pub fn check_identifier(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("plugin identifier must not be empty".into());
    }
    if id.len() > 255 {
        return Err(format!(
            "plugin identifier is {} bytes long; at most 255 are allowed",
            id.len()
        ));
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(format!(
            "invalid character {c:?} in plugin identifier {id:?}: use ASCII letters, digits, \
             `.`, `_` and `-` (for example \"org.example.Gain\")"
        ));
    }
    if id.starts_with('.') || id.ends_with('.') || id.contains("..") {
        return Err(format!(
            "malformed plugin identifier {id:?}: dots separate non-empty components, so it \
             cannot start or end with a dot or contain `..`"
        ));
    }
    Ok(())
}

/// Parses `"MAJOR"` or `"MAJOR.MINOR"`, each a decimal `u32`.
pub fn parse_version(v: &str) -> Result<(u32, u32), String> {
    let bad = || {
        format!(
            "malformed version {v:?}: expected \"MAJOR\" or \"MAJOR.MINOR\" (decimal u32 numbers, e.g. \"1.0\")"
        )
    };
    let num = |s: &str| -> Result<u32, String> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        s.parse::<u32>().map_err(|_| bad())
    };
    match v.split_once('.') {
        None => Ok((num(v)?, 0)),
        Some((major, minor)) => Ok((num(major)?, num(minor)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        for ok in ["org.example.Gain", "a", "net.sf.openfx.invert-2_x", "X1"] {
            assert_eq!(check_identifier(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            ".org.x",
            "org.x.",
            "org..x",
            "org.ex ample",
            "org.exämple",
            "org/x",
        ] {
            assert!(check_identifier(bad).is_err(), "{bad:?} accepted");
        }
        assert!(check_identifier(&"a".repeat(256)).is_err());
        assert!(check_identifier(&"a".repeat(255)).is_ok());
    }

    #[test]
    fn versions() {
        assert_eq!(parse_version("1"), Ok((1, 0)));
        assert_eq!(parse_version("1.0"), Ok((1, 0)));
        assert_eq!(parse_version("2.13"), Ok((2, 13)));
        assert_eq!(parse_version("4294967295.7"), Ok((u32::MAX, 7)));
        for bad in [
            "",
            "1.",
            ".1",
            "1.2.3",
            "v1",
            "-1",
            "+1",
            "1.0b",
            "4294967296",
            " 1",
        ] {
            assert!(parse_version(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn expansion_names_the_identity() {
        let input: DeriveInput = syn::parse_quote! {
            #[ofx(id = "org.example.Gain", version = "2.3", label = "Gain", group = "Color")]
            struct Gain;
        };
        let out = expand(&input).unwrap().to_string();
        assert!(out.contains("c\"org.example.Gain\""), "{out}");
        assert!(out.contains("VERSION_MAJOR : u32 = 2u32"), "{out}");
        assert!(out.contains("VERSION_MINOR : u32 = 3u32"), "{out}");
        assert!(out.contains("Some (\"Color\")"), "{out}");
        assert!(!out.contains("OVERLAY"), "{out}");
    }

    #[test]
    fn an_overlay_is_registered_with_its_effect_as_bound() {
        let input: DeriveInput = syn::parse_quote! {
            #[ofx(id = "org.example.Move", overlay = handles::MoveOverlay)]
            struct Move;
        };
        let out = expand(&input).unwrap().to_string();
        assert!(
            out.contains("InteractEntry :: of :: < handles :: MoveOverlay , Move > ()"),
            "{out}"
        );
    }

    #[test]
    fn errors_are_reported_together() {
        let input: DeriveInput = syn::parse_quote! {
            #[ofx(id = "org..x", version = "one", colour = "red")]
            struct Bad;
        };
        let msgs: Vec<String> = expand(&input)
            .unwrap_err()
            .into_iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].contains("malformed plugin identifier"));
        assert!(msgs[1].contains("malformed version"));
        assert!(msgs[2].contains("unknown attribute `colour`"));
    }
}
