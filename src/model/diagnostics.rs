//! What the readers say about their input: errors that stop one line or one
//! value (never the whole scenario) and warnings that stop nothing. Both are
//! made by the input stage and carried to the trace unchanged, so the page,
//! the command line and the JSON all point at the same place.

use serde::{Serialize, Serializer};

use crate::model::rules::Rule;

/// Which text an error's line and column count in. The page puts the caret
/// there only when it is the pasted list; elsewhere it names the field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    /// The pasted list (`sources.list` as text): lines of the list itself.
    PastedList,
    /// A value of the JSON document, by its path (`sources.list[2].source`);
    /// line and column count in the document.
    Json(String),
    /// The fleet's agents list (`planner batch`, the Fleet tab).
    Agents,
}

impl Field {
    /// The spelling in the trace's JSON (`"field"`).
    pub fn path(&self) -> &str {
        match self {
            Field::PastedList => "sources.list",
            Field::Json(path) => path,
            Field::Agents => "agents",
        }
    }
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.path())
    }
}

/// An input error: always with line and column, so the page can point at it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct InputError {
    /// 1-based line in the text [`Field`] names.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong, and the fix where one is obvious.
    pub text: String,
    /// The rule broken (E1, RE1).
    pub rule: Rule,
    /// Where the line and column count; absent for a problem of the whole document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
}

impl InputError {
    /// Whether the line and column are those of the pasted list (the page's editor).
    pub fn in_pasted_list(&self) -> bool {
        self.field == Some(Field::PastedList)
    }
}

/// A warning: the scenario resolves, but a reader should look here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Warning {
    /// The rule behind the warning (W1-W6, RW1).
    pub rule: Rule,
    /// What the warning means for this scenario.
    pub text: String,
    /// The line it is about, where it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl Warning {
    /// Whether the answer given may not be the agent's: a broken line
    /// covering the agent (W6) is walked without, and may come first once
    /// fixed. The others are advice about a list whose walk stands as
    /// drawn (bandwidth, a duplicate, the console's limit, a family the
    /// walk already skips, a segment it cannot know), so a documentation
    /// build lets them through.
    pub fn may_change_answer(&self) -> bool {
        self.rule == Rule::W6
    }
}

#[cfg(test)]
mod tests {
    use crate::format::scenario::{ListDoc, Mode, Scenario};
    use crate::model::profile::Profile;

    /// The page marks an error in the pasted list's editor only when it is
    /// one of the list's: an address typo stays with its field.
    #[test]
    fn an_error_says_whether_it_is_in_the_pasted_list() {
        let mut s = Scenario::starter(Profile::OfficeScanXg);
        s.sources.mode = Mode::Customized;
        s.sources.list = ListDoc::Text("10.1.0.0/16 -> ua://10.1.0.5\n10.2.0.0/33 -> server".into());
        s.agent.addresses = vec!["10.1.4.20".into(), "10.1.4.300".into()];
        let trace = crate::trace(&s);
        let marked: Vec<(usize, bool)> = trace.errors.iter().map(|e| (e.line, e.in_pasted_list())).collect();
        assert_eq!(marked, [(2, true), (1, false)], "{:?}", trace.errors);
    }
}
