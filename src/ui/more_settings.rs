//! Settings most first visits never touch, loaded with the on-demand
//! bundle: the Server & Workload Protection screens (the Updates screen,
//! the relay group, Version Control Policies and the Service Gateway, the
//! agent's version). Each field is in the console's words with one line
//! on what it changes, as the page's own settings are.

use yew::prelude::*;

use crate::edit::flags::Screen;
use crate::edit::Edit;
use crate::format::scenario::Scenario;
use crate::model::profile::Family;
use crate::ui::fields::{flag_boxes, text_input};

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
        return html! {};
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
                { flag_boxes(s, Screen::SwpUpdates, d) }
            </fieldset>
            <fieldset>
                <legend>{ "Trend Vision One › Version Control Policies" }</legend>
                { flag_boxes(s, Screen::VersionControl, d) }
                { text_input("swp-service-gateway", Some("swp-service-gateway"), "Service Gateway with the Generic Caching Service", s.swp.service_gateway.clone().unwrap_or_default(),
                    "sg.corp.example or 10.0.0.4", "Empty: none is set up, and agents under Version Control Policies go to Trend Vision One directly (VC2).", d.reform(Edit::SetServiceGateway)) }
                { text_input("agent-version", Some("agent-version"), "Trend Vision One Endpoint Security agent version", s.agent.version.clone().unwrap_or_default(),
                    "202412 or 20.0.1-21510", "As the console shows it. Version Control Policies cover 202412 and later (VC1); empty is taken as earlier.", d.reform(Edit::SetAgentVersion)) }
            </fieldset>
        </>
    }
}
