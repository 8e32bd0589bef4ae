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
    // The URL of "Other update source", kept while the Trend Micro Update
    // Server is chosen, so choosing Other again brings it back.
    let other_url = use_state(|| Some(s.swp.primary.clone()).filter(|p| !is_trend_micro(p)).unwrap_or_default());
    if s.profile.family() != Family::Swp {
        return where_and_when(s, d);
    }
    let relays = s.swp.relays.iter().map(|r| r.name.clone()).collect::<Vec<_>>().join(", ");
    let grouped = s.swp.relay_group.is_some();
    html! {
        <>
            <fieldset>
                <legend>{ "Administration › System Settings › Updates" }</legend>
                { primary_source(&s.swp.primary, &other_url, d) }
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

/// Whether the document's primary source is the Trend Micro Update Server.
fn is_trend_micro(primary: &str) -> bool {
    primary.trim().eq_ignore_ascii_case("trend-micro")
}

/// The Primary Component Update Source as the console offers it: the
/// Trend Micro Update Server, or another update source with its URL. The
/// document keeps `trend-micro` or the URL; a URL without http:// or
/// https:// is an error (RE1), named in the list of errors.
fn primary_source(primary: &str, other_url: &UseStateHandle<String>, d: &Callback<Edit>) -> Html {
    let other = !is_trend_micro(primary);
    let url = if other { primary.to_string() } else { (**other_url).clone() };
    let to_trend_micro = d.reform(|_: Event| Edit::SetPrimary("trend-micro".into()));
    let to_other = {
        let url = url.clone();
        d.reform(move |_: Event| Edit::SetPrimary(url.clone()))
    };
    let on_url = {
        let (d, other_url) = (d.clone(), other_url.clone());
        Callback::from(move |e: InputEvent| {
            let typed = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            other_url.set(typed.clone());
            d.emit(Edit::SetPrimary(typed));
        })
    };
    html! {
        <div class="items primary-source" role="radiogroup" aria-labelledby="swp-primary-label">
            <span class="label" id="swp-primary-label">{ "Primary Component Update Source" }</span>
            <label class="check" for="swp-primary-trend-micro">
                <input type="radio" name="swp-primary" id="swp-primary-trend-micro" data-testid="swp-primary-trend-micro"
                    checked={!other} onchange={to_trend_micro} />
                <span><span class="label">{ "Trend Micro Update Server" }</span>
                <span class="help">{ "The default: agents reach it over the Internet." }</span></span>
            </label>
            <label class="check" for="swp-primary-other">
                <input type="radio" name="swp-primary" id="swp-primary-other" data-testid="swp-primary-other"
                    checked={other} onchange={to_other} />
                <span class="label">{ "Other update source:" }</span>
            </label>
            <input type="text" id="swp-primary" data-testid="swp-primary" class="primary-url" spellcheck="false"
                aria-label="Other update source: its URL" value={url} disabled={!other} placeholder="https://…"
                oninput={on_url} aria-describedby="swp-primary-help" />
            <span class="help primary-url" id="swp-primary-help">{ "Only if your support provider says so. The URL must include http:// or https:// (RE1)." }</span>
        </div>
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
