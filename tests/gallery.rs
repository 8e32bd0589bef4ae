//! Every gallery story as a page of its own: what `planner gallery` writes
//! tells each story whole (title, what happens, the outcome per item, the
//! picture, every step and the rules they rest on), with no script, and
//! links back to the planner with the story loaded.

use std::path::{Path, PathBuf};
use std::process::Command;

use update_source_planner::diagram::escape;
use update_source_planner::format::share;
use update_source_planner::gallery::{self, Site, Story};
use update_source_planner::model::rules::CATALOGUE;

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("www/examples")
}

fn stories() -> Vec<Story> {
    let index = std::fs::read_to_string(examples().join("index.json")).unwrap();
    gallery::stories(&index).unwrap()
}

const SITE: Site<'static> = Site { base: None, version: "9.9.9" };

#[test]
fn every_story_page_tells_the_outcome_every_step_and_the_rules_behind_them() {
    let stories = stories();
    assert!(stories.len() >= 20, "the whole gallery: {}", stories.len());
    for story in &stories {
        let json = std::fs::read_to_string(examples().join(&story.file)).unwrap();
        let page = gallery::page(story, &json, SITE).unwrap();
        let (_, trace) = update_source_planner::read_and_trace(&json).unwrap();
        let name = story.stem();
        assert!(page.contains(&format!("<title>{} · Update Source Planner</title>", escape(&story.title))), "{name}");
        assert!(page.contains(&format!("<meta name=\"description\" content=\"{}\">", escape(&story.story))), "{name}");
        assert!(page.contains(&format!("<h1>{}</h1>", escape(&story.title))), "{name}");
        for item in trace.outcome.keys() {
            let told = format!("{}: {}", item.words(), escape(&trace.answer_words(*item)));
            assert!(page.contains(&told), "{name}: the outcome of {item:?} is told: {told}");
        }
        for step in trace.steps.iter() {
            assert!(page.contains(&escape(step.text())), "{name}: step {} is on the page", step.n());
            let rule = step.rule();
            assert!(
                page.contains(&format!("<dt id=\"rule-{}\">", rule.id())),
                "{name}: rule {} is explained",
                rule.id()
            );
            let dt = page.find(&format!("<dt id=\"rule-{}\">", rule.id())).unwrap();
            let entry = &page[dt..dt + page[dt..].find("</dd>").unwrap()];
            assert_eq!(
                entry.contains("usp-assumed"),
                rule.is_assumed(),
                "{name}: {} is marked assumed only if it is",
                rule.id()
            );
            let info = CATALOGUE.iter().find(|i| i.rule == rule).unwrap();
            let quoted = format!("<blockquote>{}</blockquote>", escape(info.quote));
            assert!(entry.contains(&quoted), "{name}: {} quotes its own sentence", rule.id());
        }
        assert!(page.contains("<svg"), "{name}: the picture is in the page");
        assert!(!page.contains("<script"), "{name}: nothing on the page needs a script");
        assert!(page.contains("<footer>Update Source Planner v9.9.9 · "), "{name}: the footer names the version");
        // Each rule once, however many steps cite it.
        assert_eq!(
            page.matches("<dt id=\"rule-L1\">").count(),
            usize::from(page.contains("<dt id=\"rule-L1\">")),
            "{name}"
        );
    }
}

#[test]
fn one_click_opens_the_story_in_the_planner() {
    for story in stories() {
        let json = std::fs::read_to_string(examples().join(&story.file)).unwrap();
        let page = gallery::page(&story, &json, SITE).unwrap();
        let at = page
            .find("<p class=\"open\"><a href=\"../../#")
            .unwrap_or_else(|| panic!("{}: no link to the planner", story.file));
        let rest = &page[at + "<p class=\"open\"><a href=\"../../#".len()..];
        let fragment = &rest[..rest.find('"').unwrap()];
        let opened = share::decode(fragment).unwrap();
        assert_eq!(opened, update_source_planner::Scenario::from_json(&json).unwrap(), "{}", story.file);
    }
}

#[test]
fn addresses_are_relative_unless_the_site_is_named() {
    let stories = stories();
    let relative = gallery::sitemap(&stories, SITE);
    assert!(relative.contains("<loc>examples/floor-update-agent-down/</loc>"), "{relative}");
    let named = gallery::sitemap(&stories, Site { base: Some("https://docs.example.com/planner/"), version: "1" });
    assert_eq!(named.matches("<loc>https://docs.example.com/planner/").count(), stories.len() + 2, "{named}");
    assert!(named.contains("<loc>https://docs.example.com/planner/examples/apex-one-laptop-home-edge-relay/</loc>"));
    let json = std::fs::read_to_string(examples().join("floor-update-agent-down.json")).unwrap();
    let story = stories.iter().find(|s| s.file == "floor-update-agent-down.json").unwrap();
    assert!(gallery::page(story, &json, SITE).unwrap().contains("<link rel=\"canonical\" href=\"./\">"));
    let page = gallery::page(story, &json, Site { base: Some("https://h/p"), version: "1" }).unwrap();
    assert!(page.contains("<link rel=\"canonical\" href=\"https://h/p/examples/floor-update-agent-down/\">"));
    // Every link and style sheet stays under the site: the pages work under any sub-path.
    assert!(!page.contains("href=\"/"), "no address from the host's root");
}

#[test]
fn the_list_of_stories_links_each_page_with_its_product() {
    let stories = stories();
    let index = gallery::index_page(&stories, SITE);
    for s in &stories {
        assert!(index.contains(&format!("<a href=\"{}/\">{}</a>", s.stem(), escape(&s.title))), "{}", s.file);
    }
    assert!(
        index.contains("<span class=\"product\">Server &amp; Workload Protection</span>"),
        "products in the console's words"
    );
    assert!(!index.contains("(swp)"));
}

#[test]
fn planner_gallery_writes_every_page_and_refuses_a_broken_story() {
    let out = std::env::temp_dir().join(format!("usp-gallery-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let run = Command::new(env!("CARGO_BIN_EXE_planner")).arg("gallery").arg(examples()).arg(&out).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    for s in stories() {
        assert!(out.join("examples").join(s.stem()).join("index.html").is_file(), "{}", s.file);
    }
    assert!(out.join("examples/index.html").is_file());
    assert!(out.join("sitemap.xml").is_file());
    // A story whose scenario does not read stops the build with its file and place.
    let broken = out.join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(
        broken.join("index.json"),
        r#"[{"file": "bad.json", "title": "Bad", "story": "s", "profile": "apex-one"}]"#,
    )
    .unwrap();
    std::fs::write(broken.join("bad.json"), "{\"version\": 2,\n  \"profile\": 7}").unwrap();
    let run =
        Command::new(env!("CARGO_BIN_EXE_planner")).arg("gallery").arg(&broken).arg(out.join("o")).output().unwrap();
    assert!(!run.status.success());
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(said.contains("bad.json") && said.contains("line 2"), "{said}");
    let _ = std::fs::remove_dir_all(&out);
}
