//! `#[derive(ChoiceEnum)]`: a fieldless enum whose variants are the options
//! of a choice parameter.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, LitStr};

use crate::attr::{self, push};

const KNOWN: &[&str] = &["label"];

/// Expands `#[derive(ChoiceEnum)]`.
pub fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(
            input.ident.span(),
            "`#[derive(ChoiceEnum)]` applies to enums whose variants are the options",
        ));
    };
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "`#[derive(ChoiceEnum)]` does not support generic enums",
        ));
    }
    if data.variants.is_empty() {
        return Err(syn::Error::new(
            input.ident.span(),
            "a choice needs at least one option, but this enum has no variant",
        ));
    }
    let mut errors = None;
    if let Some(span) = attr::has(&input.attrs, "choice") {
        push(
            &mut errors,
            syn::Error::new(span, "`#[choice(...)]` goes on a variant, not on the enum"),
        );
    }
    let mut labels: Vec<LitStr> = Vec::new();
    let mut owners: Vec<&syn::Ident> = Vec::new();
    for v in &data.variants {
        if !matches!(v.fields, Fields::Unit) {
            push(
                &mut errors,
                syn::Error::new_spanned(
                    &v.fields,
                    format!(
                        "variant `{}` has fields; choice options must be fieldless variants",
                        v.ident
                    ),
                ),
            );
        }
        let entries = match attr::entries(&v.attrs, "choice") {
            Ok(e) => e,
            Err(e) => {
                push(&mut errors, e);
                continue;
            }
        };
        if let Err(e) = attr::check_duplicates(&entries) {
            push(&mut errors, e);
        }
        let mut label = LitStr::new(&v.ident.to_string(), v.ident.span());
        for e in &entries {
            if e.name() != "label" {
                push(&mut errors, attr::unknown(e, "choice", KNOWN));
                continue;
            }
            match e.str() {
                Ok(s) if s.value().is_empty() => push(
                    &mut errors,
                    syn::Error::new(s.span(), "`label` must not be empty"),
                ),
                Ok(s) => label = s,
                Err(err) => push(&mut errors, err),
            }
        }
        if let Some(i) = labels.iter().position(|l| l.value() == label.value()) {
            push(
                &mut errors,
                syn::Error::new(
                    label.span(),
                    format!(
                        "duplicate choice option `{}`: variant `{}` already uses this label",
                        label.value(),
                        owners[i]
                    ),
                ),
            );
        }
        labels.push(label);
        owners.push(&v.ident);
    }
    if let Some(e) = errors {
        return Err(e);
    }
    let ty = &input.ident;
    let variants: Vec<_> = data.variants.iter().map(|v| &v.ident).collect();
    let indices = 0..variants.len();
    let indices2 = 0..variants.len();
    Ok(quote! {
        impl ::ofx_plugin::param::ChoiceEnum for #ty {
            const OPTIONS: &'static [&'static str] = &[#(#labels),*];

            fn to_index(self) -> usize {
                match self {
                    #(#ty::#variants => #indices,)*
                }
            }

            fn from_index(index: usize) -> ::core::option::Option<Self> {
                match index {
                    #(#indices2 => ::core::option::Option::Some(#ty::#variants),)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    })
}
