//! The three parts of an OfficeScan-family update. Each runs on its own
//! ("each process runs independently"), so each has its own path and outcome.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Item {
    DomainSettings,
    Components,
    Programs,
}

impl Item {
    /// The order the walk resolves them in (SPEC §3).
    pub const ALL: [Item; 3] = [Item::DomainSettings, Item::Components, Item::Programs];

    pub fn id(self) -> &'static str {
        match self {
            Item::DomainSettings => "domain-settings",
            Item::Components => "components",
            Item::Programs => "programs",
        }
    }

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
    pub const EMPTY: ItemSet = ItemSet(0);
    pub const ALL: ItemSet = ItemSet(7);

    pub fn of(items: &[Item]) -> ItemSet {
        ItemSet(items.iter().fold(0, |acc, i| acc | i.bit()))
    }

    pub fn contains(self, item: Item) -> bool {
        self.0 & item.bit() != 0
    }

    pub fn with(self, item: Item) -> ItemSet {
        ItemSet(self.0 | item.bit())
    }

    pub fn without(self, item: Item) -> ItemSet {
        ItemSet(self.0 & !item.bit())
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Item> {
        Item::ALL.into_iter().filter(move |i| self.contains(*i))
    }

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
