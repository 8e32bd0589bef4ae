//! Every gallery story as a page of its own: the title, what happens in one
//! sentence, the outcome per item, the picture and the numbered steps with
//! the rules they rest on, readable with scripts off, from the same trace
//! and figure as `planner render`. A documentation page, a ticket or a
//! search engine links to a story; one click opens it in the planner.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::diagram::escape;
use crate::figure::{self, Styling, View};
use crate::format::share;
use crate::format::ReadError;
use crate::model::rules::{Rule, CATALOGUE};

/// One story of `www/examples/index.json`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Story {
    /// The scenario's file beside the index.
    pub file: String,
    /// The story's name, as the gallery lists it.
    pub title: String,
    /// What happens, in one or two sentences.
    pub story: String,
    /// The product, as a profile id (`apex-one`).
    pub profile: String,
}

impl Story {
    /// The page's folder under `examples/`: the file's name without `.json`.
    pub fn stem(&self) -> &str {
        self.file.strip_suffix(".json").unwrap_or(&self.file)
    }
}

/// The stories of the gallery's index, in its order.
pub fn stories(index: &str) -> Result<Vec<Story>, serde_json::Error> {
    serde_json::from_str(index)
}

/// Where the pages are published, for the canonical addresses and the
/// sitemap; `None` writes addresses relative to the page's own.
#[derive(Debug, Clone, Copy)]
pub struct Site<'a> {
    /// The published address of the site's root, if known.
    pub base: Option<&'a str>,
    /// The planner's version, in each page's footer.
    pub version: &'a str,
}

impl Site<'_> {
    /// A page's address: absolute under the base, else relative to the
    /// site's root.
    fn address(&self, path: &str) -> String {
        match self.base {
            Some(base) => format!("{}/{path}", base.trim_end_matches('/')),
            None => path.to_string(),
        }
    }
}

/// The page of one story. `scenario` is the story's JSON; an unreadable
/// one is an error, so a broken example never ships as a page.
pub fn page(story: &Story, scenario: &str, site: Site<'_>) -> Result<String, ReadError> {
    let (read, trace) = crate::read_and_trace(scenario)?;
    // Under the page's own heading, the figure's is the second level.
    let figure = figure::figure(&trace, None, &read.agent.addresses, View::Both, Styling::File)
        .replacen("<h3 class=\"usp-title\">", "<h2 class=\"usp-title\">", 1)
        .replacen("</h3>", "</h2>", 1);
    let open = format!("../../#{}", share::encode(&read));
    let canonical = match site.base {
        Some(_) => site.address(&format!("examples/{}/", story.stem())),
        None => "./".to_string(),
    };
    let mut out = head(&story.title, &story.story, &canonical, "../../");
    let _ = write!(
        out,
        "<header class=\"site\"><a href=\"../../\">Update Source Planner</a> · <a href=\"../\">Every story</a></header>\n\
         <main>\n<h1>{}</h1>\n<p class=\"story\">{}</p>\n<p class=\"open\"><a href=\"{}\">Open this story in the planner</a> \
         <span class=\"hint\">change the list, the settings or what is down, and watch the answer change</span></p>\n{figure}",
        escape(&story.title),
        escape(&story.story),
        escape(&open)
    );
    out.push_str(&rules_cited(trace.steps.iter().map(|s| s.rule())));
    out.push_str("</main>\n");
    out.push_str(&foot(site.version));
    Ok(out)
}

/// The page that lists every story, each linked to its own page.
pub fn index_page(stories: &[Story], site: Site<'_>) -> String {
    let canonical = match site.base {
        Some(_) => site.address("examples/"),
        None => "./".to_string(),
    };
    let mut out = head(
        "Every story",
        "Where a Trend Micro endpoint agent gets its updates from, told step by step for each story of the gallery.",
        &canonical,
        "../",
    );
    out.push_str(
        "<header class=\"site\"><a href=\"../\">Update Source Planner</a></header>\n<main>\n<h1>Every story</h1>\n<ul class=\"stories\">\n",
    );
    for s in stories {
        let _ = writeln!(
            out,
            "<li><a href=\"{}/\">{}</a> <span class=\"product\">{}</span><p>{}</p></li>",
            escape(s.stem()),
            escape(&s.title),
            escape(product(&s.profile)),
            escape(&s.story)
        );
    }
    out.push_str("</ul>\n</main>\n");
    out.push_str(&foot(site.version));
    out
}

/// `sitemap.xml`: the planner, the list of stories and every story.
pub fn sitemap(stories: &[Story], site: Site<'_>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let pages = ["".to_string(), "examples/".to_string()]
        .into_iter()
        .chain(stories.iter().map(|s| format!("examples/{}/", s.stem())));
    for path in pages {
        let _ = writeln!(out, "  <url><loc>{}</loc></url>", escape(&site.address(&path)));
    }
    out.push_str("</urlset>\n");
    out
}

/// The product's name for a profile id of the index.
fn product(profile: &str) -> &'static str {
    crate::model::profile::Profile::ALL.iter().find(|p| p.id() == profile).map_or("", |p| p.product())
}

/// The document's head and the opening of its body (an empty icon: no
/// request for a `favicon.ico` the site may not have). `root` leads from the
/// page to the site's root: every address is relative, so the pages work
/// under any sub-path and from a file share.
fn head(title: &str, description: &str, canonical: &str, root: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'none'\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>{} · Update Source Planner</title>\n<meta name=\"description\" content=\"{}\">\n\
         <link rel=\"canonical\" href=\"{}\">\n<link rel=\"icon\" href=\"data:,\">\n\
         <link rel=\"stylesheet\" href=\"{root}api/figure.css\">\n<link rel=\"stylesheet\" href=\"{root}gallery.css\">\n\
         </head>\n<body>\n",
        escape(title),
        escape(description),
        escape(canonical)
    )
}

fn foot(version: &str) -> String {
    format!(
        "<footer>Update Source Planner v{} · every answer is worked out from the vendor's documents; steps marked \
         <span class=\"usp-assumed\">assumed</span> are the planner's reading where they are silent.</footer>\n</body>\n</html>\n",
        escape(version)
    )
}

/// Each rule the steps cite, once, in the order first cited: its words, the
/// sentence it rests on and where that sentence is, an assumed one marked.
fn rules_cited(cited: impl Iterator<Item = Rule>) -> String {
    let mut seen = BTreeSet::new();
    let mut out = String::from("<section class=\"rules\" aria-labelledby=\"rules-cited\">\n<h2 id=\"rules-cited\">The rules behind these steps</h2>\n<dl>\n");
    for rule in cited.filter(|r| seen.insert(*r)) {
        let Some(info) = CATALOGUE.iter().find(|i| i.rule == rule) else { continue };
        let assumed = if rule.is_assumed() { " <span class=\"usp-assumed\">assumed</span>" } else { "" };
        let _ = write!(
            out,
            "<dt id=\"rule-{id}\"><span class=\"usp-rule\">{id}</span> {}{assumed}</dt>\n<dd><blockquote>{}</blockquote><p class=\"basis\">{}</p></dd>\n",
            escape(rule.title()),
            escape(info.quote),
            escape(&info.basis.describe()),
            id = rule.id()
        );
    }
    out.push_str("</dl>\n</section>\n");
    out
}
