//! Bantin's domain, shared by the `bantin-ingest` CLI and the browser app.
//!
//! Everything here is pure: no file system, no network, no DOM. That is what lets the same
//! folding, date and query code run in `cargo test`, in native benchmarks and in WebAssembly,
//! and it is why the browser never re-implements a rule the ingest tool already applies.

pub mod archive;
pub mod date;
pub mod feed;
pub mod fold;
pub mod json;
pub mod query;
pub mod rank;
pub mod sort;
pub mod terms;
pub mod topics;
pub mod typing;
pub mod url;

#[cfg(feature = "gazetteer")]
pub mod gazetteer;
#[cfg(feature = "gazetteer")]
pub mod classify;
