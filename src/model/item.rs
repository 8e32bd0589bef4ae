//! The three parts of an OfficeScan-family update. Each runs on its own
//! ("each process runs independently"), so each has its own path and outcome.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One part of an update, resolved on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String")]
#[serde(rename_all = "kebab-case")]
pub enum Item {
    /// Domain-level settings the server pushes to its agents.
    DomainSettings,
    /// Pattern files, engines and drivers: the only item ActiveUpdate serves.
    Components,
    /// The agent program and hot fixes.
    Programs,
}

impl Item {
    /// The order the walk resolves them in (SPEC §3).
    pub const ALL: [Item; 3] = [Item::DomainSettings, Item::Components, Item::Programs];

    /// The spelling of the scenario format and the trace's JSON.
    pub fn id(self) -> &'static str {
        match self {
            Item::DomainSettings => "domain-settings",
            Item::Components => "components",
            Item::Programs => "programs",
        }
    }

    /// Reads the format's spelling back; `None` for anything else.
    pub fn from_id(id: &str) -> Option<Item> {
        Item::ALL.into_iter().find(|i| i.id() == id)
    }

    /// The console's words for the item.
    pub fn words(self) -> &'static str {
        match self {
            Item::DomainSettings => "domain settings",
            Item::Components => "components",
            Item::Programs => "programs and hot fixes",
        }
    }

    /// One word for it, where room is short (a table's heading).
    pub fn short(self) -> &'static str {
        match self {
            Item::DomainSettings => "settings",
            Item::Components => "components",
            Item::Programs => "programs",
        }
    }

    fn bit(self) -> u8 {
        match self {
            Item::DomainSettings => 1,
            Item::Components => 2,
            Item::Programs => 4,
        }
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A set of items, in the walk's order when iterated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ItemSet(u8);

impl ItemSet {
    /// No item: an Update Agent that shares nothing is refused, so this only
    /// appears while a set is being built.
    pub const EMPTY: ItemSet = ItemSet(0);
    /// All three items, what an update wants unless told otherwise.
    pub const ALL: ItemSet = ItemSet(7);

    /// The set of the items listed, duplicates ignored.
    pub fn of(items: &[Item]) -> ItemSet {
        ItemSet(items.iter().fold(0, |acc, i| acc | i.bit()))
    }

    /// Whether the set holds `item`.
    pub fn contains(self, item: Item) -> bool {
        self.0 & item.bit() != 0
    }

    /// The set with `item` added.
    pub fn with(self, item: Item) -> ItemSet {
        ItemSet(self.0 | item.bit())
    }

    /// The set with `item` taken out (T3 drops programs this way).
    pub fn without(self, item: Item) -> ItemSet {
        ItemSet(self.0 & !item.bit())
    }

    /// Whether no item is in the set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The items in the walk's order, so every consumer resolves them alike.
    pub fn iter(self) -> impl Iterator<Item = Item> {
        Item::ALL.into_iter().filter(move |i| self.contains(*i))
    }

    /// The items as a list, in the walk's order.
    pub fn to_vec(self) -> Vec<Item> {
        self.iter().collect()
    }
}

impl Serialize for ItemSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for ItemSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<Item>::deserialize(d).map(|v| ItemSet::of(&v))
    }
}

crate::model::words::format_words!(
    Item,
    [(Item::DomainSettings, "domain-settings"), (Item::Components, "components"), (Item::Programs, "programs")]
);

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON word, the sentence's words and the table heading's word.
    #[test]
    fn each_item_has_its_words() {
        let said: Vec<(String, &str, &str)> = Item::ALL.iter().map(|i| (i.to_string(), i.words(), i.short())).collect();
        assert_eq!(
            said,
            [
                ("domain-settings".to_string(), "domain settings", "settings"),
                ("components".to_string(), "components", "components"),
                ("programs".to_string(), "programs and hot fixes", "programs"),
            ]
        );
    }

    /// An item named twice is in the set once; adding it again keeps it.
    #[test]
    fn a_set_holds_each_item_once() {
        let set = ItemSet::of(&[Item::Components, Item::Components]);
        assert_eq!(set.to_vec(), [Item::Components]);
        assert_eq!(set.with(Item::Components).to_vec(), [Item::Components]);
        assert_eq!(set.with(Item::Programs).to_vec(), [Item::Components, Item::Programs]);
        assert!(!set.is_empty());
        assert!(set.without(Item::Components).is_empty());
    }
}
