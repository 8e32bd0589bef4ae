//! Where the agent is and when it answers (LOC1-LOC3, IND1-IND2,
//! TL1-TL3): an Apex One agent off the corporate network, a roaming or
//! Independent agent, and the server's notification with its resends.
//! The OfficeScan walk asks these before it walks any source.

use crate::format::scenario::{Location, Settings, Trigger};
use crate::input::source::Source;
use crate::model::item::{Item, ItemSet};
use crate::model::profile::Profile;
use crate::model::rules::Rule;
use crate::trace::{lower, Step, StepKind};
use crate::vocabulary;
use crate::walk::walker::Walker;
use crate::when::{self, Answer, Facts, Timeline};

/// Where the walk takes the agent to be: an off-premises agent of a
/// product without an Edge Relay server is walked as a roaming one.
pub(super) fn location(w: &mut Walker<'_>) -> Location {
    let plan = w.plan();
    match plan.agent.location {
        Location::OffPremises if plan.profile != Profile::ApexOne => {
            let text = format!(
                "Off-premises is an Apex One status (its agents reach the Apex One server through an Edge Relay server); {} has no Edge Relay server, so the planner walks this {} as {}",
                plan.profile.product(),
                w.agent(),
                vocabulary::an_independent(plan.profile)
            );
            w.push(Step::new(StepKind::Note, Rule::IND1, text).marked_assumed());
            Location::Independent
        }
        other => other,
    }
}

/// Whether schedule-based updates run for this agent (T1, and IND1 for a
/// roaming / Independent one).
pub(super) fn schedule_runs(s: &Settings, location: Location) -> bool {
    s.schedule_enabled
        && (location != Location::Independent || (s.roaming_automatic_update && s.privilege_schedule_toggle))
}

/// IND1 for a scheduled update or Update Now on a roaming / Independent
/// agent: whether it still runs.
pub(super) fn independent_trigger(w: &mut Walker<'_>, s: &Settings, location: Location, runs: bool) -> bool {
    if location != Location::Independent || !runs {
        return runs;
    }
    let who = vocabulary::independent(w.plan().profile);
    let (runs, text) = match w.plan().agent.trigger {
        Trigger::UpdateNow => (
            true,
            format!("A manual update is one of the events that start an update on {}", vocabulary::an_independent(w.plan().profile)),
        ),
        Trigger::Scheduled if !s.roaming_automatic_update => (
            false,
            format!(
                "\"{}\" is off: a scheduled update does not run on this {who}: no update starts",
                vocabulary::roaming_automatic_setting(w.plan().profile)
            ),
        ),
        Trigger::Scheduled if !s.privilege_schedule_toggle => (
            false,
            format!("Only {who}s with the schedule-based update privilege run scheduled updates, and this one lacks it: no update starts"),
        ),
        Trigger::Scheduled => (true, format!("This {who} has the schedule-based update privilege: its scheduled update runs")),
        Trigger::ServerNotify => return runs,
    };
    w.push(Step::new(StepKind::Trigger, Rule::IND1, text));
    runs
}

/// Whether the server's Notify All reaches the scenario's agent where it is
/// (LOC1, IND1): not off-premises, and a roaming / Independent one only
/// with both of the console's settings that include it. The fleet's load
/// of an Update Agent (LD1) is told with it.
pub fn notification_reaches(plan: &crate::plan::Plan) -> bool {
    let s = &plan.settings;
    match plan.agent.location {
        Location::OnPremises => true,
        Location::OffPremises if plan.profile == Profile::ApexOne => false,
        Location::OffPremises | Location::Independent => s.roaming_automatic_update && s.notify_roaming,
    }
}

/// The server's notification (LOC1, IND1) and, when the scenario says
/// when, its timeline (TL1-TL3); true when an update starts.
pub(super) fn notified(w: &mut Walker<'_>, s: &Settings, location: Location) -> bool {
    let plan = w.plan();
    let profile = plan.profile;
    let reached = match location {
        Location::OnPremises => true,
        Location::OffPremises => {
            let text = format!(
                "This {} is off-premises: the {}'s notification does not reach it (the Edge Relay server never initiates a connection to an off-premises agent)",
                w.agent(),
                w.server()
            );
            w.push(Step::new(StepKind::Trigger, Rule::LOC1, text));
            false
        }
        Location::Independent => {
            let who = vocabulary::independent(profile);
            let include = vocabulary::notify_roaming_setting(profile);
            let (reached, text) = if !s.roaming_automatic_update {
                (
                    false,
                    format!(
                        "\"{}\" is off: the notification does not start an update on this {who}",
                        vocabulary::roaming_automatic_setting(profile)
                    ),
                )
            } else if s.notify_roaming {
                (true, format!("\"{include}\" is on: the notification reaches this {who}"))
            } else {
                (false, format!("\"{include}\" is off: the {} does not notify this {who}", w.server()))
            };
            w.push(Step::new(StepKind::Trigger, Rule::IND1, text));
            reached
        }
    };
    if !plan.told_when() {
        return reached;
    }
    let facts = Facts {
        notified_at: plan.notified_at,
        unreachable: plan.agent.unreachable.unwrap_or(0),
        reached,
        restart: s.restart_update && location == Location::OnPremises,
        scheduled: schedule_runs(s, location),
        window: plan.window,
    };
    let timeline = when::timeline(&facts);
    tell(w, &timeline, &facts, location);
    let updates = timeline.updates();
    w.timed(timeline);
    updates
}

/// The timeline's steps: the notifications (TL1, TL3), then what starts
/// the update after them (TL2). An agent the server does not notify has
/// been told so (IND1, LOC1): no step speaks of notifications sent to it.
fn tell(w: &mut Walker<'_>, t: &Timeline, f: &Facts, location: Location) {
    let agent = w.agent();
    let server = w.server();
    if f.reached {
        let sent: Vec<String> = t.notifications.iter().map(|(at, _)| t.time(*at)).collect();
        let resends: Vec<String> = sent.iter().skip(1).cloned().collect();
        let sent = crate::model::plural::join_and(&sent);
        let text = match t.answer {
            Answer::Notification { n: 1, .. } => {
                format!("The notification at {sent} reaches the {agent}, which answers at once")
            }
            // The first notification is not a resend: T is said apart,
            // as the cards count "the third resend" after it.
            Answer::Notification { at, .. } => format!(
                "The {agent} does not answer until {}: the {server} sends its notification at {} and resends it every 15 minutes ({}), and the {agent} answers the one at {}",
                t.time(f.unreachable),
                t.time(0),
                crate::model::plural::join_and(&resends),
                t.time(at)
            ),
            _ => format!(
                "The {agent} does not answer until {}: the {server} sends its notification at {sent}, five times in all, and then stops",
                t.time(f.unreachable)
            ),
        };
        w.push(Step::new(StepKind::Trigger, Rule::TL1, text));
    }
    // The count matters only where the last notification is reached for.
    if f.reached && f.unreachable > 3 * when::RESEND_MINUTES {
        let text = "The planner counts the first notification among the five, so the last goes out at T+60 min; were only the resends counted, a sixth would go out at T+75 min";
        w.push(Step::new(StepKind::Note, Rule::TL3, text));
    }
    if let Answer::Notification { .. } = t.answer {
        return;
    }
    let s = &w.plan().settings;
    let profile = w.plan().profile;
    let restart = vocabulary::restart_setting(profile);
    let who = vocabulary::independent(profile);
    let text = match t.answer {
        Answer::Restart { .. } => format!(
            "\"{restart}\" is on: {} (the planner takes it that the {agent} did not answer because it was off, and answers again when it restarts)",
            lower(&t.words())
        ),
        _ => {
            // The option names roaming clients only to exclude them.
            let why_not_restart = match location {
                Location::Independent => format!("\"{restart}\" excludes this {who}"),
                // Whatever its state: the option waits for a connection to
                // the server an off-premises agent does not make directly.
                Location::OffPremises if w.plan().edge_relay.is_some() => format!(
                    "\"{restart}\" cannot start this update, on or off: an off-premises {agent} reaches the {server} only through the Edge Relay server, and the planner takes it that a restart there does not start an update"
                ),
                Location::OffPremises => format!(
                    "\"{restart}\" cannot start this update, on or off: without an Edge Relay server, an off-premises {agent} cannot connect to the {server} when it restarts"
                ),
                _ => format!("\"{restart}\" is off"),
            };
            let then = match (t.answer, location) {
                (Answer::Manual, _) if !s.schedule_enabled => "schedule-based updates are off".to_string(),
                (Answer::Manual, _) => format!("this {who} does not run scheduled updates"),
                (Answer::OwnSchedule, Location::Independent) => {
                    "and it runs its own scheduled updates, with the schedule-based update privilege".to_string()
                }
                (Answer::OwnSchedule, _) => format!("and the {agent} runs its own scheduled updates"),
                _ => format!("so the {agent} waits for its schedule-based update"),
            };
            format!("{why_not_restart}, {then}: {}", lower(&t.words()))
        }
    };
    let step = Step::new(StepKind::Trigger, Rule::TL2, text);
    // A restart answered again, and what starts an off-premises agent's
    // update (the restart option not, its own schedule), are our reading.
    let assumed = matches!(t.answer, Answer::Restart { .. }) || location == Location::OffPremises;
    w.push(if assumed { step.marked_assumed() } else { step });
}

/// A sentence's start. ASCII only, as every sentence here starts: the
/// Unicode case tables would cost the page's first load 20 kB.
fn capital(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// IND2: a roaming / Independent agent uses its update sources as any
/// agent does, on its version's own page; the page that disagrees is
/// shown as a note.
pub(super) fn independent_sources(w: &mut Walker<'_>) {
    let profile = w.plan().profile;
    let (follows, assumed) = match profile {
        Profile::OfficeScan106 => ("the OfficeScan 10.6 help: its sources include the OfficeScan server, Update Agents and custom update sources", false),
        Profile::ApexOne => ("the Apex One help: an Independent agent \"can connect to the server but communication is limited\"", false),
        _ => ("the OfficeScan 10.6 help, as this version has no page of its own: its sources include the server, Update Agents and custom update sources", true),
    };
    let text = format!(
        "{} updates if it can connect to any of its update sources ({follows}). The OfficeScan 10 manual disagrees: \"Roaming clients cannot update components from, nor send logs to, the OfficeScan server\"",
        capital(&vocabulary::an_independent(profile))
    );
    let step = Step::new(StepKind::Note, Rule::IND2, text);
    w.push(if assumed { step.marked_assumed() } else { step });
}

/// LOC2 and LOC3: an off-premises Apex One agent gets engines and
/// patterns from ActiveUpdate, and settings and hot fixes through the
/// Edge Relay server, if there is one.
pub(super) fn off_premises(w: &mut Walker<'_>, items: ItemSet) {
    let edge = w.plan().edge_relay.clone();
    let through = match &edge {
        Some(address) => format!(", and configuration and hot fixes through the Edge Relay server {address}"),
        None => format!("; no Edge Relay server is set up, so it cannot reach the {} at all", w.server()),
    };
    let text = format!(
        "This {} is off-premises, outside the corporate network: it retrieves engines and pattern files from the ActiveUpdate server{through}",
        w.agent()
    );
    w.push(Step::new(StepKind::Settings, Rule::LOC2, text));
    for item in items.iter() {
        match item {
            Item::Components => {
                if !w.attempt(Rule::LOC2, item, &Source::ActiveUpdate, None, false) {
                    w.quit(
                        item,
                        "an off-premises agent retrieves engines and patterns from the ActiveUpdate server only",
                    );
                }
            }
            _ => match &edge {
                Some(address) => {
                    if !w.attempt_edge_relay(item, address) {
                        w.quit(item, "the Edge Relay server is this off-premises agent's only way to the server");
                    }
                }
                None => {
                    let text = format!(
                        "{}: not updated; without an Edge Relay server, an off-premises {} has no connection to the {} (the console shows it Offline)",
                        item.words(),
                        w.agent(),
                        w.server()
                    );
                    w.quit_with(Rule::LOC3, item, &text);
                }
            },
        }
    }
}
