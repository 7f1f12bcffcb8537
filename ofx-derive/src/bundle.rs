//! `__bundle_checks!`: compile-time checks for the plugins of one bundle.
//!
//! `ofx_plugin::bundle!` (a `macro_rules!` macro in ofx-plugin) forwards its
//! list of plugin types here. Identifiers live in the `Plugin`
//! implementations, which a macro cannot see, so the checks are constant
//! assertions: one per pair of plugins, each with a message naming both types
//! and a span on the later one.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Token, Type};

/// Expands the checks for a comma-separated list of plugin types.
pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let types = Punctuated::<Type, Token![,]>::parse_terminated.parse2(input)?;
    let types: Vec<&Type> = types.iter().collect();
    let text = |t: &Type| t.to_token_stream().to_string().replace(' ', "");
    let mut errors: Option<syn::Error> = None;
    let mut checks = Vec::new();
    for (j, b) in types.iter().enumerate() {
        for a in &types[..j] {
            if text(a) == text(b) {
                crate::attr::push(
                    &mut errors,
                    syn::Error::new(
                        b.span(),
                        format!("plugin `{}` is listed twice in this bundle", text(b)),
                    ),
                );
                continue;
            }
            let msg = format!(
                "plugins `{}` and `{}` in this bundle have the same identifier and major \
                 version; a host can load only one of them: change the `id` or the major \
                 `version` of one",
                text(a),
                text(b)
            );
            checks.push(quote_spanned! {b.span()=>
                if ::ofx_plugin::__private::same_identity(
                    <#a as ::ofx_plugin::Plugin>::ID,
                    <#a as ::ofx_plugin::Plugin>::VERSION_MAJOR,
                    <#b as ::ofx_plugin::Plugin>::ID,
                    <#b as ::ofx_plugin::Plugin>::VERSION_MAJOR,
                ) {
                    ::core::panic!("{}", #msg);
                }
            });
        }
    }
    if let Some(e) = errors {
        return Err(e);
    }
    Ok(quote! {
        const _: () = {
            #(#checks)*
        };
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_check_per_pair() {
        let out = expand(quote!(Gain, blur::Blur, Sharpen))
            .unwrap()
            .to_string();
        assert_eq!(out.matches("same_identity").count(), 3, "{out}");
        assert!(out.contains("plugins `Gain` and `blur::Blur`"), "{out}");
        assert!(out.contains("plugins `blur::Blur` and `Sharpen`"), "{out}");
        syn::parse2::<syn::File>(expand(quote!(A, B)).unwrap()).unwrap();
    }

    #[test]
    fn a_type_listed_twice_is_an_error() {
        let err = expand(quote!(Gain, Blur, Gain)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "plugin `Gain` is listed twice in this bundle"
        );
    }

    #[test]
    fn single_plugin_needs_no_check() {
        let out = expand(quote!(Gain)).unwrap().to_string();
        assert!(!out.contains("same_identity"), "{out}");
    }
}
