//! Bantin's ingest pipeline: raw pages scraped from Vietnamese district-government portals
//! (plain-text scrapes or HTML, any declared charset) → articles → a JSON Feed (CONTRACT §1).
//!
//! Per page: [`decode`] bytes → NFC text; [`nesting`] refuses markup too deep to parse; [`html`] metadata and block lines when it is HTML;
//! [`text`] line cleanup and ([`furniture`]) portal furniture; [`layout`] headline / body /
//! captions / byline / footer; [`title`] the headline when the page prints none; [`byline`];
//! [`dates`] and [`lead`] dates as printed, [`published`] the publication moment and the year
//! of a yearless day; [`district`] (and [`hosts`]) the district the story is about;
//! [`summary`]; then [`article::extract`] puts it together. [`pipeline`]
//! runs many pages in parallel and [`feed_writer`] writes a byte-stable feed; [`cli`] and
//! [`bench`] are the command line; [`eval`] measures extraction against labelled pages.
//! [`fastfold`] is `bantin_core::fold::fold`, tabulated.
//!
//! Every reject reason is a sentence meant for the person running the tool.

pub mod archive_out;
pub mod archive_stream;
pub mod article;
pub mod bench;
pub mod byline;
pub mod cli;
pub mod dates;
pub mod eval;
pub mod decode;
pub mod district;
pub mod fastfold;
pub mod feed_writer;
pub mod furniture;
pub mod hosts;
pub mod html;
pub mod layout;
pub mod lead;
pub mod nesting;
pub mod pipeline;
pub mod published;
pub mod sources;
pub mod summary;
pub mod synth;
pub mod text;
pub mod title;

pub use article::{extract, Article, Precision, RawPage};
pub use pipeline::{build, Outcome, Page};
