//! Code generation for `#[derive(Params)]`.
//!
//! For a struct `P` the expansion is:
//! * an inherent `P::define(&mut ContextDescriptor)`, `P::fetch(&InstanceContext)` and
//!   `p.values_at(time) -> PValues`;
//! * a `PValues` struct with one public field per valued parameter (nested groups give nested
//!   values structs);
//! * a hidden inherent `__define_in(descriptor, parent)`, which defines the parameters under a
//!   parent group, so that a struct can be nested as a `#[group]` field of another one;
//! * an implementation of the hidden `__private::ParamStruct` trait, which names the values type
//!   and the tree of parameter names (for nesting and the uniqueness check);
//! * a constant assertion that no parameter name is used twice across nested groups.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::DeriveInput;

use super::kind::Kind;
use super::{Field, Page};
use crate::attr::Entry;

/// The whole expansion.
pub fn generate(input: &DeriveInput, fields: &[Field<'_>]) -> TokenStream {
    let ty = &input.ident;
    let vis = &input.vis;
    let values_ty = format_ident!("{}Values", ty);
    let pp = quote!(::ofx_plugin::__private);

    // --- define ---------------------------------------------------------------------------
    let mut define = Vec::new();
    for f in fields {
        define.push(define_field(f));
    }
    define.extend(define_pages(fields));

    // --- fetch ----------------------------------------------------------------------------
    let fetch = fields.iter().map(|f| {
        let ident = f.ident;
        let fty = f.ty;
        let name = &f.name;
        if f.kind == Kind::Group {
            quote!(#ident: <#fty>::fetch(instance)?)
        } else {
            quote!(#ident: instance.param::<#fty>(#name)?)
        }
    });

    // --- values ---------------------------------------------------------------------------
    let valued: Vec<&Field<'_>> = fields
        .iter()
        .filter(|f| f.kind.has_value() || f.kind == Kind::Group)
        .collect();
    let value_fields = valued.iter().map(|f| {
        let ident = f.ident;
        let fty = f.ty;
        let doc = format!("The value of parameter `{}`.", f.name.value());
        if f.kind == Kind::Group {
            quote!(#[doc = #doc] pub #ident: <#fty as #pp::ParamStruct>::Values)
        } else {
            quote!(#[doc = #doc] pub #ident: <#fty as ::ofx_plugin::param::ParamValue>::Value)
        }
    });
    let value_reads = valued.iter().map(|f| {
        let ident = f.ident;
        let fty = f.ty;
        if f.kind == Kind::Group {
            quote!(#ident: <#fty>::values_at(&self.#ident, time)?)
        } else {
            quote!(#ident: ::ofx_plugin::param::ParamValue::value_at(&self.#ident, time)?)
        }
    });

    // --- names ----------------------------------------------------------------------------
    let name_nodes = fields.iter().flat_map(|f| {
        let name = &f.name;
        let page = f.page.as_ref().map(|p| {
            let n = &p.name;
            quote!(#pp::NameNode::Leaf(#n))
        });
        let node = if f.kind == Kind::Group {
            let fty = f.ty;
            quote!(#pp::NameNode::Group(#name, <#fty as #pp::ParamStruct>::NAMES))
        } else {
            quote!(#pp::NameNode::Leaf(#name))
        };
        page.into_iter().chain(std::iter::once(node))
    });
    let unique = unique_checks(ty, fields);

    let values_doc = format!(
        "The values of every parameter of [`{ty}`] at one time, read by [`{ty}::values_at`]."
    );
    quote! {
        #[doc = #values_doc]
        #[derive(Debug, Clone, PartialEq)]
        #vis struct #values_ty {
            #(#value_fields,)*
        }

        impl #ty {
            /// Defines every parameter of this struct on an effect being described in a
            /// context. Call it from `describe_in_context`.
            #vis fn define(descriptor: &mut ::ofx_plugin::ContextDescriptor) -> ::ofx_plugin::Result<()> {
                Self::__define_in(descriptor, ::core::option::Option::None)
            }

            /// Defines the parameters under a parent group (used for nested `#[group]` fields).
            #[doc(hidden)]
            #[allow(unused_variables)] // a struct with no field uses neither argument
            #vis fn __define_in(
                descriptor: &mut ::ofx_plugin::ContextDescriptor,
                parent: ::core::option::Option<&str>,
            ) -> ::ofx_plugin::Result<()> {
                #(#define)*
                ::core::result::Result::Ok(())
            }

            /// Fetches a handle to every parameter of this struct from a new instance. Call it
            /// from `create_instance`.
            #vis fn fetch(instance: &::ofx_plugin::InstanceContext) -> ::ofx_plugin::Result<Self> {
                ::core::result::Result::Ok(Self { #(#fetch,)* })
            }

            /// Reads the value of every parameter at `time`, in one call.
            #vis fn values_at(&self, time: f64) -> ::ofx_plugin::Result<#values_ty> {
                ::core::result::Result::Ok(#values_ty { #(#value_reads,)* })
            }
        }

        impl #pp::ParamStruct for #ty {
            type Values = #values_ty;

            const NAMES: &'static [#pp::NameNode] = &[#(#name_nodes),*];
        }

        #unique
    }
}

/// The builder method and extra arguments for each kind.
fn definer(kind: Kind) -> &'static str {
    match kind {
        Kind::Double => "define_double",
        Kind::Double2D => "define_double_2d",
        Kind::Double3D => "define_double_3d",
        Kind::Int => "define_int",
        Kind::Int2D => "define_int_2d",
        Kind::Int3D => "define_int_3d",
        Kind::Boolean => "define_boolean",
        Kind::Choice => "define_choice",
        Kind::StrChoice => "define_str_choice",
        Kind::Rgb => "define_rgb",
        Kind::Rgba => "define_rgba",
        Kind::String => "define_string",
        Kind::Custom => "define_custom",
        Kind::PushButton => "define_push_button",
        Kind::Parametric => "define_parametric",
        Kind::Bytes => "define_bytes",
        Kind::Group => "define_group",
    }
}

/// One builder call per entry (the `name` key is the definer's argument, not a call).
fn calls(f: &Field<'_>) -> Vec<TokenStream> {
    f.entries
        .iter()
        .filter(|e| e.name() != "name")
        .map(|e| call(f.kind, e))
        .collect()
}

fn call(kind: Kind, e: &Entry) -> TokenStream {
    let span = e.key.span();
    let key = e.name();
    let method = format_ident!("{}", key, span = span);
    match key.as_str() {
        "label" | "hint" | "script_name" => {
            let s = e.str().expect("checked");
            quote_spanned!(span=> .#method(#s))
        }
        "secret" | "enabled" | "evaluate_on_change" | "animates" | "persistent" | "open" => {
            let b = e.bool().expect("checked");
            quote_spanned!(span=> .#method(#b))
        }
        "digits" | "dimension" => {
            let i = e.int().expect("checked");
            quote_spanned!(span=> .#method(#i))
        }
        "range" => {
            let (a, b) = e.range().expect("checked");
            let method = if kind == Kind::Parametric {
                format_ident!("parametric_range", span = span)
            } else {
                method
            };
            quote_spanned!(span=> .#method(#a, #b))
        }
        "display" => {
            let (a, b) = e.range().expect("checked");
            let method = format_ident!("display_range", span = span);
            quote_spanned!(span=> .#method(#a, #b))
        }
        "double_type" => {
            let p = qualify(e, "DoubleType");
            quote_spanned!(span=> .#method(#p))
        }
        "coordinates" => {
            let p = qualify(e, "CoordinateSystem");
            quote_spanned!(span=> .#method(#p))
        }
        "mode" => {
            let p = qualify(e, "StringMode");
            let method = format_ident!("string_mode", span = span);
            quote_spanned!(span=> .#method(#p))
        }
        _ => {
            let v = e.value.as_ref().expect("checked");
            quote_spanned!(span=> .#method(#v))
        }
    }
}

/// A bare `Angle` becomes `::ofx_plugin::param::DoubleType::Angle`; longer paths stay as written.
fn qualify(e: &Entry, enum_name: &str) -> TokenStream {
    let p = e.path("").expect("checked");
    if let Some(id) = p.get_ident() {
        let en = format_ident!("{}", enum_name);
        quote!(::ofx_plugin::param::#en::#id)
    } else {
        quote!(#p)
    }
}

/// The definition of one field.
fn define_field(f: &Field<'_>) -> TokenStream {
    let name = &f.name;
    let calls = calls(f);
    let method = format_ident!("{}", definer(f.kind));
    let head = if let (Kind::Choice, Some(e)) = (f.kind, f.choice_enum) {
        quote!(descriptor.params().define_choice_enum::<#e>(#name)?)
    } else {
        quote!(descriptor.params().#method(#name)?)
    };
    let own = quote! {
        {
            let mut param = #head;
            #(param #calls;)*
            if let ::core::option::Option::Some(parent) = parent {
                param.parent(parent);
            }
        }
    };
    if f.kind == Kind::Group {
        let fty = f.ty;
        quote! {
            #own
            <#fty>::__define_in(descriptor, ::core::option::Option::Some(#name))?;
        }
    } else {
        own
    }
}

/// Pages: each `#[page]` takes its field and the following ones, up to the next page.
fn define_pages(fields: &[Field<'_>]) -> Vec<TokenStream> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < fields.len() {
        let Some(page) = &fields[i].page else {
            i += 1;
            continue;
        };
        let end = fields[i + 1..]
            .iter()
            .position(|f| f.page.is_some())
            .map_or(fields.len(), |p| i + 1 + p);
        let children = fields[i..end].iter().map(|f| &f.name);
        out.push(define_page(page, children));
        i = end;
    }
    out
}

fn define_page<'a>(page: &Page, children: impl Iterator<Item = &'a syn::LitStr>) -> TokenStream {
    let name = &page.name;
    let calls = page
        .entries
        .iter()
        .filter(|e| e.name() != "name")
        .map(|e| call(Kind::Group, e));
    quote! {
        {
            let mut page = descriptor.params().define_page(#name)?;
            #(page #calls;)*
            page.children(&[#(#children),*]);
        }
    }
}

/// Const assertions for names shared across nested groups (names inside one struct are checked
/// by the macro itself, with a span on the duplicate).
fn unique_checks(ty: &syn::Ident, fields: &[Field<'_>]) -> TokenStream {
    let pp = quote!(::ofx_plugin::__private);
    let groups: Vec<&Field<'_>> = fields.iter().filter(|f| f.kind == Kind::Group).collect();
    let mut checks = Vec::new();
    for g in &groups {
        let gty = g.ty;
        let span = g.ident.span();
        // This struct's own names (and page names) against everything inside the group.
        for f in fields {
            let mut own = vec![&f.name];
            if let Some(p) = &f.page {
                own.push(&p.name);
            }
            for n in own {
                let msg = format!(
                    "duplicate parameter name `{}` in `{ty}`: group field `{}` ({}) also \
                     defines a parameter with this name",
                    n.value(),
                    g.ident,
                    quote!(#gty)
                );
                checks.push(quote_spanned! {span=>
                    if #pp::names_contain(<#gty as #pp::ParamStruct>::NAMES, #n) {
                        ::core::panic!("{}", #msg);
                    }
                });
            }
        }
    }
    for (i, a) in groups.iter().enumerate() {
        for b in &groups[i + 1..] {
            let (aty, bty) = (a.ty, b.ty);
            let msg = format!(
                "duplicate parameter name in `{ty}`: group fields `{}` and `{}` define a \
                 parameter with the same name",
                a.ident, b.ident
            );
            let span = b.ident.span();
            checks.push(quote_spanned! {span=>
                if #pp::names_overlap(
                    <#aty as #pp::ParamStruct>::NAMES,
                    <#bty as #pp::ParamStruct>::NAMES,
                ) {
                    ::core::panic!("{}", #msg);
                }
            });
        }
    }
    if checks.is_empty() {
        return TokenStream::new();
    }
    quote! {
        const _: () = {
            #(#checks)*
        };
    }
}
