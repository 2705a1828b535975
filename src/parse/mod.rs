//! Parsing: one note's text in, a [`Note`] and its diagnostics out. Pure and
//! per file, so notes parse in parallel and a watcher can cache the result by
//! content.

pub mod activity;
pub mod front_matter;
pub mod inline;
pub mod link;
mod note;

pub use note::{
    Kind, Note, daily_or_outcome_by_path, date_from_file_name, decoded_name, name_date, note, stem,
    strip_md,
};
