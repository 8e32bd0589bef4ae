//! Settings most first visits never touch, loaded with the on-demand
//! bundle: the Server & Workload Protection screens (the Updates screen,
//! the relay group, Version Control Policies and the Service Gateway, the
//! agent's version), and for the OfficeScan family where the agent is and
//! when it answers a notification. Each field is in the console's words
//! with one line on what it changes, as the page's own settings are.

use yew::prelude::*;

use crate::edit::flags::{Flag, Screen};
use crate::edit::where_when::WhereWhen;
use crate::edit::Edit;
use crate::format::scenario::{Location, Scenario, Trigger};
use crate::model::profile::{Family, Profile};
use crate::ui::fields::{flag_boxes, select, text_input};
use crate::vocabulary;

#[derive(Properties, PartialEq, Clone)]
pub struct MoreSettingsProps {
    pub scenario: Scenario,
    pub on_edit: Callback<Edit>,
}

#[function_component(MoreSettings)]
pub fn more_settings(p: &MoreSettingsProps) -> Html {
    let s = &p.scenario;
    let d = &p.on_edit;
    if s.profile.family() != Family::Swp {
        return where_and_when(s, d);
    }
    let relays = s.swp.relays.iter().map(|r| r.name.clone()).collect::<Vec<_>>().join(", ");
    let grouped = s.swp.relay_group.is_some();
    html! {
        <>
            <fieldset>
                <legend>{ "Administration › System Settings › Updates" }</legend>
                { text_input("swp-primary", Some("swp-primary"), "Primary Component Update Source", s.swp.primary.clone(), "trend-micro or https://…",
                    "trend-micro = Trend Micro Update Server; a URL = Other update source (must include http:// or https://).", d.reform(Edit::SetPrimary)) }
                { text_input("swp-relay-group", Some("swp-relay-group"), "The agent's relay group", s.swp.relay_group.clone().unwrap_or_default(), "Branch relays",
                    "Named: each agent draws its own order of the group's relays (RG1). Empty: the relays below are one agent's draw, tried as listed (R1).", d.reform(Edit::SetRelayGroup)) }
                { text_input("swp-relays", Some("swp-relays"), if grouped { "Relays in the group" } else { "The agent's relays, in the order drawn" }, relays,
                    "relay-a, relay-b", "Comma-separated names or addresses.", d.reform(Edit::SetRelays)) }
                { flag_boxes(s, Screen::SwpUpdates, d, Flag::text) }
            </fieldset>
            <fieldset>
                <legend>{ "Trend Vision One › Version Control Policies" }</legend>
                { flag_boxes(s, Screen::VersionControl, d, Flag::text) }
                { text_input("swp-service-gateway", Some("swp-service-gateway"), "Service Gateway with the Generic Caching Service", s.swp.service_gateway.clone().unwrap_or_default(),
                    "sg.corp.example or 10.0.0.4", "Empty: none is set up, and agents under Version Control Policies go to Trend Vision One directly (VC2).", d.reform(Edit::SetServiceGateway)) }
                { text_input("agent-version", Some("agent-version"), "Trend Vision One Endpoint Security agent version", s.agent.version.clone().unwrap_or_default(),
                    "202412 or 20.0.1-21510", "As the console shows it. Version Control Policies cover 202412 and later (VC1); empty is taken as earlier.", d.reform(Edit::SetAgentVersion)) }
            </fieldset>
        </>
    }
}

/// Where the agent is (LOC1-LOC3, IND1-IND2) and when a notified agent
/// answers (TL1-TL3), for the OfficeScan family.
fn where_and_when(s: &Scenario, d: &Callback<Edit>) -> Html {
    let profile = s.profile;
    let set = |field: WhereWhen| d.reform(move |text: String| Edit::SetWhereWhen(field, text));
    let independent = vocabulary::independent(profile);
    let away =
        if matches!(profile, Profile::OfficeScan106 | Profile::OfficeScan11) { "Roaming" } else { "Independent" };
    let off_premises = if profile == Profile::ApexOne {
        "Off-premises (outside the corporate network)"
    } else {
        "Off-premises (an Apex One status)"
    };
    let locations = [
        (Location::OnPremises, "on-premises", "Online (on the corporate network)"),
        (Location::OffPremises, "off-premises", off_premises),
        (Location::Independent, "independent", away),
    ];
    let notified = s.agent.trigger == Trigger::ServerNotify;
    html! {
        <>
            <fieldset class="where">
                <legend>{ "Where the agent is" }</legend>
                { select("location", Some("location"), &format!("The {}'s status in the agent tree", profile.agent_name()), &locations, s.agent.location,
                    d.reform(|l: Location| Edit::SetWhereWhen(WhereWhen::Location, l.id().to_string()))) }
                <p class="help">{ format!("Off-premises: engines and patterns from the ActiveUpdate server, settings and hot fixes through the Edge Relay server (LOC1-LOC3). {away}: updates start only as the {independent}'s privileges allow (IND1, IND2).") }</p>
                if profile == Profile::ApexOne {
                    { text_input("edge-relay", Some("edge-relay"), "Edge Relay server", WhereWhen::EdgeRelay.get(s), "edge.corp.example",
                        "Empty: none is set up, and an off-premises agent reaches no server: only engines and patterns arrive (LOC3).", set(WhereWhen::EdgeRelay)) }
                }
                { flag_boxes(s, Screen::WhereWhen, d, Flag::text) }
            </fieldset>
            <fieldset class="when">
                <legend>{ "When a notified agent answers" }</legend>
                if !notified {
                    <p class="help" data-testid="when-trigger-note">{ "Told for \"Server notifies (Notify All)\": choose it under What starts the update." }</p>
                }
                { text_input("notified-at", Some("notified-at"), "The server notified at", WhereWhen::NotifiedAt.get(s), "10:00",
                    "HH:MM, 24-hour. Empty: times are told as T+minutes after the notification.", set(WhereWhen::NotifiedAt)) }
                { number_input("unreachable", "The agent does not answer for (minutes)", WhereWhen::Unreachable.get(s), "40",
                    "Off, asleep or away: the server resends every 15 minutes, five times in all (TL1, TL3).", set(WhereWhen::Unreachable)) }
                { text_input("schedule-start", Some("schedule-start"), "Schedule-based update: start time", WhereWhen::ScheduleStart.get(s), "12:00",
                    "HH:MM, daily. After the last notification the agent waits for this window (TL2).", set(WhereWhen::ScheduleStart)) }
                { number_input("schedule-hours", "Update for a period of (hours)", WhereWhen::ScheduleHours.get(s), "2",
                    "The server notifies agents at a random moment inside the window. Empty: 2 hours.", set(WhereWhen::ScheduleHours)) }
            </fieldset>
        </>
    }
}

/// A whole number typed in a field of its own kind: the browser keeps
/// anything but digits out.
fn number_input(id: &str, label: &str, value: String, placeholder: &str, help: &str, on: Callback<String>) -> Html {
    let oninput =
        Callback::from(move |e: InputEvent| on.emit(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()));
    let help_id = format!("{id}-help");
    html! {
        <label class="field" for={id.to_string()}>
            <span class="label">{ label }</span>
            <input id={id.to_string()} data-testid={id.to_string()} type="number" min="0" step="1" inputmode="numeric"
                {value} placeholder={placeholder.to_string()} {oninput} aria-describedby={help_id.clone()} />
            <span class="help" id={help_id}>{ help }</span>
        </label>
    }
}
