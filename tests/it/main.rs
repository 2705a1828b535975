//! The integration tests: one binary, one module per concern (STYLE habit 6).
//!
//! - `spec`: hand-written vaults and hand-computed figures for SPEC 3 to 8;
//! - `cli`: exit codes, the check summary, diagnostics and the terminal report;
//! - `export`: the example vault's export and its determinism;
//! - `hostile`: bad and pathological input;
//! - `properties`: proptest over whole notes, through the library;
//! - `hostile_corpus`: tests/fixtures/hostile/ as one vault, the site included;
//! - `fuzz_regressions`: the inputs the fuzzer found, replayed;
//! - `safety`: no command changes the vault, whatever it holds;
//! - `escaping`: every string a page prints is escaped;
//! - `everyday`: init, new, explain, report --format markdown, completions, man;
//! - `opportunities`: SPEC 6b on a fixture worked out by hand;
//! - `browser`: headless Chromium on the site (ignored unless asked for, see there);
//! - `readme`: every terminal transcript in README.md is what the tool prints.

mod activities;
mod browser;
mod cli;
mod escaping;
mod everyday;
mod export;
mod first_contact;
mod fuzz_regressions;
mod hostile;
mod hostile_corpus;
mod opportunities;
mod properties;
mod reading;
mod readme;
mod reliability;
mod review;
mod safety;
#[cfg(feature = "serve")]
mod serve;
mod site;
mod spec;
mod vault;
mod vaults;
#[cfg(feature = "watch")]
mod watch;
