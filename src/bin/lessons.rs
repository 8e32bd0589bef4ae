//! `planner lesson`: a lesson's answer key and its own checks, for a
//! trainer before the room meets it. The answers are the resolver's.

use update_source_planner::lesson::{self, Task};

/// Reads a lesson file, or says where it is not one.
fn read(file: &str, text: &str) -> Result<lesson::Lesson, String> {
    lesson::read(text).map_err(|e| format!("{file}: not a lesson: {e}"))
}

/// `planner lesson check FILE`: exit 0 when every predict step has one
/// answer and every reference solution meets its goals, else 1 with each
/// step and why.
pub fn check(file: &str, text: &str) -> Result<u8, String> {
    let lesson = read(file, text)?;
    let broken = lesson::check(&lesson);
    for b in &broken {
        println!("{b}");
    }
    if broken.is_empty() {
        println!("{file}: {} steps, every answer worked out and every solution meets its goal", lesson.steps.len());
        Ok(0)
    } else {
        Ok(1)
    }
}

/// `planner lesson answers FILE`: the answer key, step by step.
pub fn answers(file: &str, text: &str) -> Result<u8, String> {
    let lesson = read(file, text)?;
    println!("{}", lesson.title);
    for (i, step) in lesson.steps.iter().enumerate() {
        let heading = if step.title.is_empty() { String::new() } else { format!(" {}", step.title) };
        match &step.task {
            Task::Predict(p) => {
                let answer = lesson::answer(&step.scenario, p)
                    .map_or_else(|e| format!("no single answer: {e}"), |a| lesson::answer_words(&step.scenario, &a));
                let question = match p.ask {
                    lesson::Question::Source => format!("where does the agent get its {} from?", p.item.words()),
                    lesson::Question::Order => {
                        format!("in which order does it try its sources for {}?", p.item.words())
                    }
                };
                println!("{}.{heading} (predict) {question} {answer}", i + 1);
            }
            Task::Build { goal, checks, solution } => {
                println!("{}.{heading} (build) {goal}", i + 1);
                for g in checks {
                    let start = match lesson::decide(&step.scenario, g) {
                        lesson::Verdict::Met => "already met before any change".to_string(),
                        lesson::Verdict::Broken { address, .. } => format!("not met at the start ({address} does not)"),
                    };
                    println!("   - {}: {start}", lesson::goal_words(&step.scenario, g));
                }
                if solution.is_some() {
                    println!("   the lesson carries a solution");
                }
            }
            Task::Explain(e) => {
                println!("{}.{heading} (explain) {}", i + 1, e.question);
                if !e.notes.is_empty() {
                    println!("   notes: {}", e.notes);
                }
            }
        }
    }
    Ok(0)
}
