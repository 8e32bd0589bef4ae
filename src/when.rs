//! When a notified agent gets its update (TL1-TL3): the server's
//! notification and its resends, then the restart option or the next
//! scheduled window. A pure function of a few numbers, so the page, the
//! command line, the trace's JSON and the picture tell the same times.

use std::fmt;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// Minutes between two notifications (TL1).
pub const RESEND_MINUTES: u32 = 15;
/// Notifications in all, the first one counted (TL1, TL3).
pub const NOTIFICATIONS: u32 = 5;
const DAY: u32 = 24 * 60;

/// A time of day, to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clock(u32);

impl Clock {
    /// Reads `HH:MM` (24-hour). The error is a byte offset into the text
    /// and what is wrong there.
    pub fn parse(text: &str) -> Result<Clock, (usize, String)> {
        let t = text.trim();
        let lead = text.len() - text.trim_start().len();
        let bad =
            |at: usize| (lead + at, format!("`{t}` is not a time of day: write it as HH:MM, 24-hour (10:00, 14:30)"));
        let (h, m) = t.split_once(':').ok_or_else(|| bad(0))?;
        let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(h) {
            return Err(bad(0));
        }
        if !digits(m) || m.len() != 2 {
            return Err(bad(h.len() + 1));
        }
        let (h, m) = (h.parse::<u32>().unwrap_or(99), m.parse::<u32>().unwrap_or(99));
        if h > 23 {
            return Err((lead, format!("`{t}`: the hour {h} is over 23")));
        }
        if m > 59 {
            return Err((lead + t.len() - 2, format!("`{t}`: the minute {m} is over 59")));
        }
        Ok(Clock(h * 60 + m))
    }

    /// Minutes after midnight.
    pub fn minutes(self) -> u32 {
        self.0
    }

    /// The time `minutes` later, and whether that is a later day.
    pub fn plus(self, minutes: u32) -> (Clock, bool) {
        let at = self.0 + minutes;
        (Clock(at % DAY), at >= DAY)
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for Clock {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The daily schedule-based update window: the server notifies online
/// agents at random from `start` for `hours` (TL2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// When the server starts notifying.
    pub start: Clock,
    /// For how many hours.
    pub hours: u32,
}

impl Window {
    /// When it ends.
    pub fn end(self) -> Clock {
        self.start.plus(self.hours.min(24) * 60).0
    }
}

/// What the timeline is worked out from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// When the server sent its first notification, when known.
    pub notified_at: Option<Clock>,
    /// For how many minutes from T the agent does not answer.
    pub unreachable: u32,
    /// Whether notifications reach the agent at all (LOC1, IND1).
    pub reached: bool,
    /// Whether the restart option applies to this agent (on, and not a
    /// roaming / Independent or off-premises agent).
    pub restart: bool,
    /// Whether schedule-based updates run for this agent.
    pub scheduled: bool,
    /// The schedule's window, when given.
    pub window: Option<Window>,
}

/// How the update that happens is started, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The agent answers notification `n` (from 1), sent `at` minutes after T.
    Notification {
        /// Which one, from 1.
        n: u32,
        /// Minutes after T.
        at: u32,
    },
    /// The agent starts the update itself when it restarts and connects,
    /// `at` minutes after T (TL2, "Let clients initiate component update").
    Restart {
        /// Minutes after T.
        at: u32,
    },
    /// The next schedule-based update: the window, when known, and whether
    /// it is the window open when the agent comes back.
    Window {
        /// The window, when the schedule is given.
        window: Option<Window>,
        /// The agent is back while this window is open.
        open: bool,
        /// The window is on a later day than T.
        later_day: bool,
    },
    /// The agent's own scheduled update, which it runs itself: the
    /// server's notifications do not reach it (IND1, LOC1), so neither
    /// do the window's.
    OwnSchedule,
    /// Nothing starts an update before a manual one.
    Manual,
}

/// The timeline of a notified update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// T, when known.
    pub notified_at: Option<Clock>,
    /// Minutes after T of each notification sent to the agent, with
    /// whether it was answered; none for an agent the server does not
    /// notify (IND1, LOC1).
    pub notifications: Vec<(u32, bool)>,
    /// Until when (minutes after T) the agent does not answer.
    pub unreachable: u32,
    /// How the update is started.
    pub answer: Answer,
}

/// Works out the timeline (TL1-TL3).
pub fn timeline(f: &Facts) -> Timeline {
    let mut notifications = Vec::new();
    let mut answer = None;
    // The server sends nothing to an agent it does not notify.
    let sent = if f.reached { NOTIFICATIONS } else { 0 };
    for k in 0..sent {
        let at = k * RESEND_MINUTES;
        let answered = at >= f.unreachable;
        notifications.push((at, answered));
        if answered {
            answer = Some(Answer::Notification { n: k + 1, at });
            break;
        }
    }
    let answer = answer.unwrap_or_else(|| after_notifications(f));
    Timeline { notified_at: f.notified_at, notifications, unreachable: f.unreachable, answer }
}

/// TL2: the restart option, else the next window (or, for an agent the
/// server does not notify, its own scheduled update), else a manual update.
fn after_notifications(f: &Facts) -> Answer {
    if f.restart {
        return Answer::Restart { at: f.unreachable };
    }
    if !f.scheduled {
        return Answer::Manual;
    }
    if !f.reached {
        return Answer::OwnSchedule;
    }
    let (open, later_day) = match (f.window, f.notified_at) {
        (Some(w), Some(t)) => {
            let (back, back_later) = t.plus(f.unreachable);
            let (start, end) = (w.start.minutes(), w.start.minutes() + w.hours.min(24) * 60);
            let b = back.minutes();
            // A window past midnight goes on into the next day.
            let open = (start <= b && b < end) || b < end.saturating_sub(DAY);
            // Today's window is gone once the agent is back after its start.
            (open, back_later || (!open && b >= start))
        }
        _ => (false, false),
    };
    Answer::Window { window: f.window, open, later_day }
}

impl Timeline {
    /// A time after T as people say it: "T+45 min (10:45)", or "T" itself.
    pub fn time(&self, minutes: u32) -> String {
        let relative = if minutes == 0 { "T".to_string() } else { format!("T+{minutes} min") };
        match self.notified_at {
            Some(t) => {
                let (at, later) = t.plus(minutes);
                format!("{relative} ({at}{})", if later { " the next day" } else { "" })
            }
            None => relative,
        }
    }

    /// When the update starts, as the answer to "when will it have the
    /// new pattern?": "Updated at about T+45 min (10:45), at the third
    /// resend", "Not updated before the next window at 12:00". An item's
    /// own answer adds its source ([`crate::trace::Trace::when_of`]).
    pub fn words(&self) -> String {
        match self.occasion() {
            Some(occasion) => format!("Not updated before {occasion}"),
            None => format!("Updated {}", self.moment()),
        }
    }

    /// The same of the update as a whole, true of every item whether a
    /// source delivers it or not: "The update starts at about T+45 min
    /// (10:45), at the third resend".
    pub fn start_words(&self) -> String {
        match self.occasion() {
            Some(occasion) => format!("No update starts before {occasion}"),
            None => format!("The update starts {}", self.moment()),
        }
    }

    /// What the agent waits for, when the update does not start with the
    /// notifications or the restart: "the next window at 12:00 (…)".
    pub fn occasion(&self) -> Option<String> {
        Some(match self.answer {
            Answer::Window { window: Some(w), open: false, later_day } => format!(
                "the next window at {}{} (notified at a random moment before {})",
                w.start,
                if later_day { " the next day" } else { "" },
                w.end()
            ),
            Answer::Window { window: None, .. } => "the next schedule-based update".to_string(),
            Answer::OwnSchedule => "its own next scheduled update".to_string(),
            Answer::Manual => "someone starts a manual update".to_string(),
            _ => return None,
        })
    }

    /// When the update starts, where it does not wait for an occasion:
    /// "at about T+45 min (10:45), at the third resend".
    fn moment(&self) -> String {
        match self.answer {
            Answer::Notification { at: 0, .. } => "at once, on the first notification".to_string(),
            Answer::Notification { n, at } => format!("at about {}, at the {} resend", self.time(at), ordinal(n - 1)),
            Answer::Restart { at } => format!("when it restarts and connects again, at about {}", self.time(at)),
            Answer::Window { window: Some(w), .. } => {
                format!("in the scheduled window now open, at a random moment before {}", w.end())
            }
            _ => String::new(),
        }
    }

    /// What introduces a step that happens after T, read aloud on its own
    /// ("At the next schedule-based update (12:00-14:00): …"); `None` when
    /// the update starts at T or not at all.
    pub fn later(&self) -> Option<String> {
        Some(match self.answer {
            Answer::Notification { at: 0, .. } | Answer::Manual => return None,
            Answer::Notification { at, .. } => format!("At {}", self.time(at)),
            Answer::Restart { at } => format!("When it restarts, at about {}", self.time(at)),
            Answer::Window { window: Some(w), open: true, .. } => {
                format!("In the scheduled window now open (until {})", w.end())
            }
            Answer::Window { window: Some(w), later_day, .. } => format!(
                "At the next schedule-based update ({}-{}{})",
                w.start,
                w.end(),
                if later_day { " the next day" } else { "" }
            ),
            Answer::Window { window: None, .. } => "At the next schedule-based update".to_string(),
            Answer::OwnSchedule => "At its own next scheduled update".to_string(),
        })
    }

    /// The answer's spelling in the trace's JSON, and its minutes after T
    /// when known.
    pub fn starts(&self) -> (&'static str, Option<u32>) {
        match self.answer {
            Answer::Notification { at, .. } => ("notification", Some(at)),
            Answer::Restart { at } => ("restart", Some(at)),
            Answer::Window { .. } => ("window", None),
            Answer::OwnSchedule => ("own-schedule", None),
            Answer::Manual => ("manual", None),
        }
    }

    /// Whether an update starts at all before a manual one.
    pub fn updates(&self) -> bool {
        self.answer != Answer::Manual
    }
}

impl Serialize for Timeline {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Timeline", 6)?;
        if let Some(t) = self.notified_at {
            m.serialize_field("notified_at", &t)?;
        }
        let sent: Vec<u32> = self.notifications.iter().map(|(at, _)| *at).collect();
        m.serialize_field("notifications", &sent)?;
        m.serialize_field("unreachable_minutes", &self.unreachable)?;
        let (how, at) = self.starts();
        m.serialize_field("starts", how)?;
        if let Some(at) = at {
            m.serialize_field("at_minutes", &at)?;
        }
        m.serialize_field("text", &self.start_words())?;
        m.end()
    }
}

/// "first" to "fourth": there are four resends at most.
fn ordinal(n: u32) -> &'static str {
    match n {
        1 => "first",
        2 => "second",
        3 => "third",
        _ => "fourth",
    }
}

/// Reads a duration as `planner trace --at` takes it: `40m`, `2h`,
/// `1h30m` or plain minutes (`90`).
pub fn parse_minutes(text: &str) -> Result<u32, String> {
    let t = text.trim().to_ascii_lowercase();
    let bad = || format!("`{text}` is not a duration: write minutes (40m, 90) or hours (2h, 1h30m)");
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().map_err(|_| bad());
    }
    // Numbers, each followed by its unit: `2h`, `1h30m`.
    let mut total = 0u32;
    let mut rest = t.as_str();
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let n: u32 = rest.get(..digits).unwrap_or_default().parse().map_err(|_| bad())?;
        let minutes = match rest.get(digits..digits + 1) {
            Some("h") => n.checked_mul(60),
            Some("m") => Some(n),
            _ => None,
        };
        total = minutes.and_then(|m| total.checked_add(m)).ok_or_else(bad)?;
        rest = rest.get(digits + 1..).unwrap_or_default();
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(unreachable: u32) -> Facts {
        Facts { notified_at: None, unreachable, reached: true, restart: false, scheduled: true, window: None }
    }

    #[test]
    fn an_agent_back_after_40_minutes_answers_the_notification_at_45() {
        let t = timeline(&facts(40));
        assert_eq!(t.answer, Answer::Notification { n: 4, at: 45 });
        assert_eq!(t.notifications, vec![(0, false), (15, false), (30, false), (45, true)]);
        assert_eq!(t.words(), "Updated at about T+45 min, at the third resend");
        assert_eq!(timeline(&facts(50)).words(), "Updated at about T+60 min, at the fourth resend");
        assert_eq!(timeline(&facts(1)).words(), "Updated at about T+15 min, at the first resend");
        assert_eq!(timeline(&facts(20)).words(), "Updated at about T+30 min, at the second resend");
    }

    #[test]
    fn the_fifth_notification_at_60_is_the_last() {
        assert_eq!(timeline(&facts(60)).answer, Answer::Notification { n: 5, at: 60 });
        let t = timeline(&facts(61));
        assert_eq!(t.notifications.len(), 5);
        assert_eq!(t.answer, Answer::Window { window: None, open: false, later_day: false });
        // A schedule with no start time given: waits for it, without a time.
        assert_eq!(t.occasion().as_deref(), Some("the next schedule-based update"));
        assert_eq!(t.words(), "Not updated before the next schedule-based update");
        assert_eq!(timeline(&facts(0)).answer, Answer::Notification { n: 1, at: 0 });
    }

    #[test]
    fn after_the_notifications_the_restart_option_then_the_window_then_nothing() {
        let restart = Facts { restart: true, ..facts(120) };
        assert_eq!(timeline(&restart).answer, Answer::Restart { at: 120 });
        let none = Facts { scheduled: false, ..facts(120) };
        assert_eq!(timeline(&none).answer, Answer::Manual);
        assert_eq!(timeline(&none).occasion().as_deref(), Some("someone starts a manual update"));
        assert!(!timeline(&none).updates());
        // The server sends nothing to an agent it does not notify; its own
        // schedule, if it runs one, starts the update.
        let unreached = Facts { reached: false, ..facts(0) };
        assert_eq!(timeline(&unreached).notifications, vec![]);
        assert_eq!(timeline(&unreached).answer, Answer::OwnSchedule);
        assert_eq!(timeline(&unreached).words(), "Not updated before its own next scheduled update");
        assert_eq!(timeline(&Facts { scheduled: false, ..unreached }).answer, Answer::Manual);
        let window = Some(Window { start: Clock(12 * 60), hours: 2 });
        let own = timeline(&Facts { notified_at: Some(Clock(600)), window, ..unreached });
        assert_eq!(own.answer, Answer::OwnSchedule, "the server's window notifies no more than its notification does");
        assert!(!own.words().contains("notified"), "{}", own.words());
    }

    #[test]
    fn a_step_after_t_is_introduced_by_when_it_happens() {
        let window = Some(Window { start: Clock(12 * 60), hours: 2 });
        let at = |x: u32, f: Facts| {
            timeline(&Facts { notified_at: Some(Clock(600)), window, ..Facts { unreachable: x, ..f } })
        };
        assert_eq!(at(0, facts(0)).later(), None, "answered at T");
        assert_eq!(at(40, facts(0)).later().as_deref(), Some("At T+45 min (10:45)"));
        assert_eq!(
            at(120, Facts { restart: true, ..facts(0) }).later().as_deref(),
            Some("When it restarts, at about T+120 min (12:00)")
        );
        assert_eq!(at(90, facts(0)).later().as_deref(), Some("At the next schedule-based update (12:00-14:00)"));
        assert_eq!(at(200, facts(0)).later().as_deref(), Some("In the scheduled window now open (until 14:00)"));
        assert_eq!(
            at(300, facts(0)).later().as_deref(),
            Some("At the next schedule-based update (12:00-14:00 the next day)")
        );
        assert_eq!(timeline(&facts(90)).later().as_deref(), Some("At the next schedule-based update"));
        assert_eq!(
            at(0, Facts { reached: false, ..facts(0) }).later().as_deref(),
            Some("At its own next scheduled update")
        );
        assert_eq!(at(90, Facts { scheduled: false, ..facts(0) }).later(), None, "nothing happens later");
    }

    #[test]
    fn the_update_as_a_whole_is_said_of_no_item() {
        let window = Some(Window { start: Clock(12 * 60), hours: 2 });
        let at = |x: u32| timeline(&Facts { notified_at: Some(Clock(600)), window, ..facts(x) });
        assert_eq!(at(40).start_words(), "The update starts at about T+45 min (10:45), at the third resend");
        assert_eq!(at(0).start_words(), "The update starts at once, on the first notification");
        assert_eq!(
            at(90).start_words(),
            "No update starts before the next window at 12:00 (notified at a random moment before 14:00)"
        );
        assert_eq!(at(40).starts(), ("notification", Some(45)));
        assert_eq!(at(90).starts(), ("window", None));
        assert_eq!(timeline(&Facts { restart: true, ..facts(70) }).starts(), ("restart", Some(70)));
        assert_eq!(timeline(&Facts { reached: false, ..facts(0) }).starts(), ("own-schedule", None));
        assert_eq!(timeline(&Facts { scheduled: false, ..facts(70) }).starts(), ("manual", None));
    }

    #[test]
    fn the_window_is_told_by_the_clock() {
        let window = Some(Window { start: Clock(12 * 60), hours: 2 });
        let at = |t: u32, x: u32| timeline(&Facts { notified_at: Some(Clock(t)), window, ..facts(x) });
        let t = at(10 * 60, 120);
        assert_eq!(t.answer, Answer::Window { window, open: true, later_day: false });
        assert_eq!(t.words(), "Updated in the scheduled window now open, at a random moment before 14:00");
        let t = at(10 * 60, 90);
        assert_eq!(t.words(), "Not updated before the next window at 12:00 (notified at a random moment before 14:00)");
        let t = at(13 * 60, 90);
        assert_eq!(t.answer, Answer::Window { window, open: false, later_day: true });
        assert_eq!(t.time(45), "T+45 min (13:45)");
        // Whether the window is open when the agent answers, and whether it is the next day's.
        let open_in = |window: Option<Window>, t: u32, x: u32| match timeline(&Facts {
            notified_at: Some(Clock(t)),
            window,
            ..facts(x)
        })
        .answer
        {
            Answer::Window { open, later_day, .. } => (open, later_day),
            other => panic!("{other:?}"),
        };
        // The window's last minute is in it, its end is not.
        let open = |t: u32, x: u32| open_in(window, t, x);
        assert_eq!(open(10 * 60, 210), (true, false), "13:30, inside 12:00-14:00");
        assert_eq!(open(10 * 60, 239), (true, false), "13:59");
        assert_eq!(open(10 * 60, 240), (false, true), "14:00: the next day's window");
        // A window across midnight: 23:00 for 2 hours.
        let late = Some(Window { start: Clock(23 * 60), hours: 2 });
        let late_at = |t: u32, x: u32| open_in(late, t, x);
        assert_eq!(late_at(22 * 60, 150), (true, true), "00:30, still in the window opened at 23:00");
        assert_eq!(late_at(22 * 60, 180), (false, true), "01:00: the window has closed");
        assert_eq!(late_at(20 * 60, 120), (false, false), "22:00: today's window is still to come");
        assert_eq!(Window { start: Clock(23 * 60), hours: 2 }.end(), Clock(60));
        // A window that ends at midnight is closed at midnight.
        let to_midnight = Some(Window { start: Clock(22 * 60), hours: 2 });
        let answer = timeline(&Facts { notified_at: Some(Clock(20 * 60)), window: to_midnight, ..facts(240) }).answer;
        assert_eq!(answer, Answer::Window { window: to_midnight, open: false, later_day: true }, "00:00");
        assert_eq!(at(23 * 60, 90).time(90), "T+90 min (00:30 the next day)");
    }

    #[test]
    fn times_of_day_are_read_and_refused_with_the_place() {
        assert_eq!(Clock::parse(" 09:05").map(|c| c.to_string()), Ok("09:05".into()));
        assert_eq!(Clock::parse("7:30").map(Clock::minutes), Ok(450));
        assert_eq!(Clock::parse("24:00").map_err(|e| e.0), Err(0));
        assert_eq!(Clock::parse("12:75").map_err(|e| e.0), Err(3));
        assert_eq!(Clock::parse("12:7").map_err(|e| e.0), Err(3));
        assert!(Clock::parse("noon").is_err());
        assert_eq!(Clock::parse("23:59").map(Clock::minutes), Ok(23 * 60 + 59), "the last minute of the day");
        assert_eq!(Clock::parse("0:00").map(Clock::minutes), Ok(0));
        for bad in ["123:00", ":30", "1a:00", "12:5x", "12:"] {
            assert!(Clock::parse(bad).is_err(), "{bad}");
        }
        // Letters are not read as a number out of range.
        for (bad, at) in [("1a:00", 0), ("12:5x", 3)] {
            let e = Clock::parse(bad).map_err(|(offset, text)| (offset, text.contains("is not a time of day")));
            assert_eq!(e, Err((at, true)), "{bad}");
        }
    }

    #[test]
    fn durations_read_as_minutes() {
        assert_eq!(parse_minutes("40m"), Ok(40));
        assert_eq!(parse_minutes("2h"), Ok(120));
        assert_eq!(parse_minutes("1h30m"), Ok(90));
        assert_eq!(parse_minutes("90"), Ok(90));
        assert_eq!(parse_minutes(" 2H "), Ok(120));
        for bad in ["", "m", "40x", "1h30", "-5m", "h30m", "99999999h"] {
            assert!(parse_minutes(bad).is_err(), "{bad}");
        }
    }
}
