//! The command line, as clap derive types only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use leverage::period;

#[derive(Debug, Parser)]
#[command(
    name = "leverage",
    version,
    about = "Compile a vault of Markdown daily notes into leverage reports",
    long_about = "Compile a vault of Markdown daily notes into leverage reports.\n\n\
        Log what you did as list items with #tags, durations and [[links]] to outcome notes; \
        leverage shows where the hours went (coordination, execution, leverage, strategy), \
        how much of the work compounds, and which outcomes it moved.",
    after_help = "Examples:\n  \
        leverage build example-vault         write the site to example-vault/_site\n  \
        leverage check                       check the vault in this folder\n  \
        leverage report example-vault        hours per category, last 4 weeks\n  \
        leverage export notes > report.json  every figure as JSON"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colour in the terminal report and diagnostics [default: auto: on a
    /// terminal, off with `NO_COLOR` set]
    #[arg(long, global = true, value_name = "WHEN", value_enum, default_value_t = ColorWhen::Auto, hide_default_value = true)]
    pub color: ColorWhen,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compile the vault and write the site of leverage reports
    #[command(after_help = "Examples:\n  \
        leverage build                         writes ./_site\n  \
        leverage build ~/notes -o /tmp/site    any output folder (never the vault itself)\n  \
        leverage build --strict                exit 1 when a note has errors\n\n\
        Exit status: 0 when the site was written (1 with --strict and errors), \
        2 when it could not be.")]
    Build(BuildArgs),
    /// Build the site, then rebuild it whenever a note, the config or a template changes
    #[command(after_help = "Examples:\n  \
        leverage watch                         keeps ./_site up to date\n  \
        leverage watch ~/notes -o /tmp/site    any output folder (never the vault itself)\n  \
        leverage watch --poll                  on network shares, WSL or in containers\n\n\
        Prints one line per rebuild (what changed, pages written, time) and every new \
        problem in full. Ctrl-C stops it (exit 0); pages are never left half-written.")]
    #[cfg(feature = "watch")]
    Watch(WatchArgs),
    /// Serve the site on a local web server that rebuilds and reloads the browser on every change
    #[command(after_help = "Examples:\n  \
        leverage serve                         http://127.0.0.1:4100/\n  \
        leverage serve ~/notes --open          and open it in the browser\n  \
        leverage serve --port 0                any free port (the URL is printed)\n  \
        leverage serve --bind 0.0.0.0          reachable from other machines: no password!\n\n\
        Prints `serving URL (Ctrl-C to stop)` on standard output once the site is built. \
        When a rebuild fails, the last good site stays up with a banner saying why.")]
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// Check the vault and print every problem, like a compiler
    #[command(after_help = "Examples:\n  \
        leverage check\n  \
        leverage check ~/notes --deny-warnings\n  \
        leverage check --verbose               every warning in full\n\n\
        Exit status: 0 without errors, 1 with errors (or warnings with --deny-warnings), \
        2 when the vault cannot be read.")]
    Check(CheckArgs),
    /// Print every activity, outcome and figure as JSON (or the activities as CSV)
    #[command(after_help = "Examples:\n  \
        leverage export > report.json\n  \
        leverage export ~/notes --format csv > activities.csv\n  \
        leverage export --as-of 2026-11-20 | jq '.weeks[-1]'")]
    Export(ExportArgs),
    /// Create a new vault: leverage.yaml, daily/, outcomes/, a daily-note template
    #[command(after_help = "Examples:\n  \
        leverage init notes        a new vault in ./notes\n  \
        leverage init              make this folder a vault\n\n\
        Never overwrites: files that exist are left as they are.")]
    Init(InitArgs),
    /// Create today's daily note (or another day's) from the vault's template
    #[command(after_help = "Examples:\n  \
        leverage new                           today's note; prints its path\n  \
        leverage new ~/notes --date 2026-11-23\n  \
        $EDITOR \"$(leverage new)\"            write today's note\n\n\
        An existing note is never overwritten: its path is printed instead.")]
    New(NewArgs),
    /// Show how one activity was read and scored
    #[command(after_help = "Examples:\n  \
        leverage explain daily/2026-11-02.md:12\n  \
        leverage explain example-vault daily/2026-09-28.md:11")]
    Explain(ExplainArgs),
    /// List the linear work done again and again, by hand, and check each system's claimed savings
    #[command(after_help = "Examples:\n  \
        leverage opportunities\n  \
        leverage opportunities ~/notes --as-of 2026-11-29\n  \
        leverage opportunities --format markdown   tables to paste into a review note\n\n\
        An opportunity is a tag of linear work with activities in at least 4 of the 12 weeks \
        ending with the as-of week, and at least 4 hours in them. Its payback is the weeks a \
        system that halves the work would take to repay its build time (the median of your \
        systems with saves::, 5 h when there is none).")]
    Opportunities(OpportunitiesArgs),
    /// List every tag with its activities, hours, category and the rule that chose it
    #[command(after_help = "Examples:\n  \
        leverage tags                          unmapped tags first, by hours\n  \
        leverage tags --format yaml            a categories: block to paste into leverage.yaml\n\n\
        A tag that is one letter swap or typo away from a mapped tag says \
        \"did you mean #review\".")]
    Tags(TagsArgs),
    /// Print a shell completion script
    #[command(after_help = "Examples:\n  \
        leverage completions bash > ~/.local/share/bash-completion/completions/leverage\n  \
        leverage completions zsh > ~/.zfunc/_leverage\n  \
        leverage completions fish > ~/.config/fish/completions/leverage.fish")]
    Completions(CompletionsArgs),
    /// Print the manual page (roff)
    #[command(after_help = "Examples:\n  \
        leverage man > ~/.local/share/man/man1/leverage.1\n  \
        leverage man | man -l -")]
    Man,
    /// Print hours per category and the leverage figures, one column per period
    #[command(after_help = "Examples:\n  \
        leverage report\n  \
        leverage report ~/notes --period month --last 6\n  \
        leverage report --as-of 2026-10-31\n  \
        leverage report --format markdown   a table to paste into a weekly note")]
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub struct VaultArg {
    /// The vault: a folder of Markdown notes
    #[arg(default_value = ".")]
    pub vault: PathBuf,
}

#[derive(Debug, Args)]
pub struct AsOfArg {
    /// Report as of this date (YYYY-MM-DD) instead of the latest daily note
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub vault: VaultArg,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print every warning in full, not the first three of each code
    #[arg(short, long)]
    pub verbose: bool,
    #[command(flatten)]
    pub as_of: AsOfArg,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub vault: VaultArg,
    /// The output folder [default: the config's `output`, `_site` in the vault]
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub as_of: AsOfArg,
    /// Exit 1 when the vault has errors (the site is still written)
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub vault: VaultArg,
    /// json: the whole report; csv: one row per activity
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub as_of: AsOfArg,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub vault: VaultArg,
    /// One column per period of this kind
    #[arg(long, value_enum, default_value_t = period::Kind::Week)]
    pub period: period::Kind,
    /// How many periods, ending with the one that holds the as-of date
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=120))]
    pub last: u16,
    #[command(flatten)]
    pub as_of: AsOfArg,
    /// text: aligned columns for the terminal; markdown: a table for a note
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct OpportunitiesArgs {
    #[command(flatten)]
    pub vault: VaultArg,
    #[command(flatten)]
    pub as_of: AsOfArg,
    /// text: aligned columns for the terminal; markdown: tables for a review note
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct TagsArgs {
    #[command(flatten)]
    pub vault: VaultArg,
    #[command(flatten)]
    pub as_of: AsOfArg,
    /// text: a table; yaml: a `categories:` block mapping the unmapped tags, to paste
    #[arg(long, value_enum, default_value_t = TagsFormat::Text)]
    pub format: TagsFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TagsFormat {
    Text,
    Yaml,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Text,
    Markdown,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make a vault of (created if missing)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub vault: VaultArg,
    /// The note's date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<Date>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// [VAULT] PATH:LINE: the vault (default: this folder) and the activity's place,
    /// as `leverage check` prints it
    #[arg(value_name = "[VAULT] PATH:LINE", num_args = 1..=2, required = true)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub as_of: AsOfArg,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// What `watch` and `serve` share.
#[cfg(feature = "watch")]
#[derive(Debug, Args)]
pub struct WatchOptions {
    /// The output folder [default: the config's `output`, `_site` in the vault]
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub as_of: AsOfArg,
    /// Rebuild once the vault has been quiet for this many milliseconds
    #[arg(long, value_name = "MS", default_value_t = 100,
          value_parser = clap::value_parser!(u64).range(0..=60_000))]
    pub debounce: u64,
    /// Look for changes by scanning the vault (4 times a second) instead of
    /// asking the operating system: for network shares, WSL and containers,
    /// where file events do not arrive
    #[arg(long)]
    pub poll: bool,
}

#[cfg(feature = "watch")]
#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub vault: VaultArg,
    #[command(flatten)]
    pub watch: WatchOptions,
}

#[cfg(feature = "serve")]
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub vault: VaultArg,
    #[command(flatten)]
    pub watch: WatchOptions,
    /// The port to listen on; 0 picks a free one
    #[arg(long, default_value_t = 4100)]
    pub port: u16,
    /// The address to listen on: loopback unless told otherwise
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the browser (`$BROWSER`, else the desktop's default), if there is one
    #[arg(long)]
    pub open: bool,
}

fn parse_date(text: &str) -> Result<Date, String> {
    leverage::parse_date(text).map_err(|error| error.to_string())
}
