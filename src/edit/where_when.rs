//! The where-and-when values a scenario may carry (LOC1-LOC3, IND1-IND2,
//! TL1-TL3), edited as typed text: the on-demand settings send one as a
//! line of text, and the page applies it here, where it is tested.

use crate::format::scenario::{Location, Scenario};
use crate::model::words::from_word;

/// One where-and-when value of the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhereWhen {
    /// `agent.location`.
    Location,
    /// `settings.edge_relay` (empty: none is set up).
    EdgeRelay,
    /// `world.notified_at`, `HH:MM` (empty: times told as T+minutes).
    NotifiedAt,
    /// `agent.unreachable_minutes`, in whole minutes (empty: not given).
    Unreachable,
    /// `settings.schedule_start`, `HH:MM` (empty: not given).
    ScheduleStart,
    /// `settings.schedule_hours` (empty: 2).
    ScheduleHours,
}

impl WhereWhen {
    /// Every value, in the order the settings show them.
    pub const ALL: [WhereWhen; 6] = [
        WhereWhen::Location,
        WhereWhen::EdgeRelay,
        WhereWhen::NotifiedAt,
        WhereWhen::Unreachable,
        WhereWhen::ScheduleStart,
        WhereWhen::ScheduleHours,
    ];

    /// Its name when an edit crosses from the on-demand settings.
    pub fn id(self) -> &'static str {
        match self {
            WhereWhen::Location => "location",
            WhereWhen::EdgeRelay => "edge-relay",
            WhereWhen::NotifiedAt => "notified-at",
            WhereWhen::Unreachable => "unreachable",
            WhereWhen::ScheduleStart => "schedule-start",
            WhereWhen::ScheduleHours => "schedule-hours",
        }
    }

    /// The value as the field shows it.
    pub fn get(self, s: &Scenario) -> String {
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        match self {
            WhereWhen::Location => s.agent.location.id().to_string(),
            WhereWhen::EdgeRelay => s.settings.edge_relay.clone().unwrap_or_default(),
            WhereWhen::NotifiedAt => s.world.notified_at.clone().unwrap_or_default(),
            WhereWhen::Unreachable => number(s.agent.unreachable_minutes),
            WhereWhen::ScheduleStart => s.settings.schedule_start.clone().unwrap_or_default(),
            WhereWhen::ScheduleHours => number(s.settings.schedule_hours),
        }
    }

    /// Sets it from typed text. A time of day is kept as typed, so a
    /// half-typed one is an error at its place, not lost; a number that is
    /// not one leaves the value as it was (the field takes digits only).
    pub fn set(self, s: &mut Scenario, text: &str) {
        let typed = || Some(text.to_string()).filter(|t| !t.trim().is_empty());
        let number = |old: Option<u32>| if text.trim().is_empty() { None } else { text.trim().parse().ok().or(old) };
        match self {
            WhereWhen::Location => {
                if let Ok(l) = from_word::<Location>(text) {
                    s.agent.location = l;
                }
            }
            WhereWhen::EdgeRelay => s.settings.edge_relay = typed(),
            WhereWhen::NotifiedAt => s.world.notified_at = typed(),
            WhereWhen::Unreachable => s.agent.unreachable_minutes = number(s.agent.unreachable_minutes),
            WhereWhen::ScheduleStart => s.settings.schedule_start = typed(),
            WhereWhen::ScheduleHours => s.settings.schedule_hours = number(s.settings.schedule_hours),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::profile::Profile;

    #[test]
    fn each_value_reads_back_what_was_typed() {
        let mut s = Scenario::starter(Profile::ApexOne);
        let typed = [
            (WhereWhen::Location, "off-premises"),
            (WhereWhen::EdgeRelay, "edge.corp.example"),
            (WhereWhen::NotifiedAt, "10:0"),
            (WhereWhen::Unreachable, "40"),
            (WhereWhen::ScheduleStart, "12:00"),
            (WhereWhen::ScheduleHours, "3"),
        ];
        for (field, text) in typed {
            field.set(&mut s, text);
            assert_eq!(field.get(&s), text, "{}", field.id());
        }
        assert!(s.has_where_when());
        WhereWhen::Unreachable.set(&mut s, " 90 ");
        assert_eq!(s.agent.unreachable_minutes, Some(90));
        WhereWhen::Unreachable.set(&mut s, "soon");
        assert_eq!(s.agent.unreachable_minutes, Some(90), "not a number: kept");
        WhereWhen::ScheduleHours.set(&mut s, "x");
        assert_eq!(s.settings.schedule_hours, Some(3));
        WhereWhen::Location.set(&mut s, "on the moon");
        assert_eq!(s.agent.location, Location::OffPremises);
        WhereWhen::Location.set(&mut s, "roaming");
        assert_eq!(s.agent.location, Location::Independent);
        for field in WhereWhen::ALL {
            field.set(&mut s, "");
        }
        WhereWhen::Location.set(&mut s, "on-premises");
        assert_eq!(s.agent.unreachable_minutes, None);
        assert_eq!((s.settings.schedule_hours, s.settings.edge_relay.as_deref()), (None, None));
        assert!(!s.has_where_when(), "{s:?}");
    }
}
