//! The site: report data in, pages (paths and bytes) out. Pure: writing the
//! pages to disk is [`crate::write`]'s job.

pub mod charts;
mod compounding;
mod filters;
pub mod markdown;
mod pages;
pub mod site;
pub mod templates;
pub mod url;

pub use site::{Page, render, render_each};
pub use templates::Templates;
