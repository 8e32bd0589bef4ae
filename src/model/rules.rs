//! The rule catalogue: every rule id of SPEC.md with the sentence of the vendor
//! document it rests on. The trace cites ids; the page opens the quote behind
//! a badge, so a reader can check each step against the documentation.

use serde::{Serialize, Serializer};

/// Every rule id of SPEC.md; the trace cites them and tests name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// Whether the trigger starts an update at all.
    T1,
    /// Apply scope: settings that stop short of existing domains.
    T2,
    /// Apex One component scope.
    T3,
    /// Which entries of the list match the agent (assumed).
    L0,
    /// Walking the matched entries in order.
    L1,
    /// Address-family reachability.
    L2,
    /// The components fallback after the list.
    F1,
    /// The domain settings fallback.
    F2,
    /// The programs fallback.
    F3,
    /// The agent quits an item no source delivered.
    Q,
    /// The standard update source.
    S,
    /// Update Agents: server only.
    U1,
    /// Update Agents: the standard-source process.
    U2,
    /// More than the console's 1024 entries.
    W1,
    /// ActiveUpdate as the first entry.
    W2,
    /// A range and a source of different families.
    W3,
    /// An entry identical to an earlier one.
    W4,
    /// A link-local IPv6 source.
    W5,
    /// A broken line whose range covers the agent.
    W6,
    /// An input error.
    E1,
    /// S&WP: the manager tells the agent to update.
    R0,
    /// S&WP: relays in the drawn order.
    R1,
    /// S&WP: a named relay group, its relays drawn in an order of their own per agent.
    RG1,
    /// S&WP: the secondary sources (order assumed).
    R2,
    /// S&WP: rule updates after components.
    R4,
    /// S&WP: secondary options on a portable computer.
    RW1,
    /// S&WP: a primary source that is not a URL.
    RE1,
    /// Vision One: agents of 202412 or later under Version Control Policies use no relays.
    VC1,
    /// Vision One: the Service Gateway's Generic Caching Service, else Trend Vision One directly.
    VC2,
    /// Vision One: a Service Gateway that is set up but down (assumed).
    VC3,
    /// Apex One off-premises: the server's notification does not reach the agent.
    LOC1,
    /// Apex One off-premises: engines and patterns from ActiveUpdate.
    LOC2,
    /// Apex One off-premises: configuration and hot fixes through the Edge Relay server.
    LOC3,
    /// Roaming / Independent agents: which triggers start an update.
    IND1,
    /// Roaming / Independent agents: which sources they may use.
    IND2,
    /// When: the notification resent every 15 minutes.
    TL1,
    /// When: after the notifications, restart or the next scheduled window.
    TL2,
    /// When: how the five notifications are counted (assumed).
    TL3,
    /// Component duplication: the server's download against ActiveUpdate.
    CD1,
    /// Component duplication: an Update Agent's download against its source.
    CD2,
    /// Component duplication: an agent takes an incremental pattern its
    /// source holds, else the full pattern.
    CD3,
    /// Component duplication: an agent takes the full pattern from an
    /// update source URL (assumed).
    CD4,
    /// How many agents an Update Agent serves at once (two copies of the
    /// article disagree).
    LD1,
}

impl Rule {
    /// Every rule, in the order of SPEC.md.
    pub const ALL: [Rule; 43] = [
        Rule::T1,
        Rule::T2,
        Rule::T3,
        Rule::L0,
        Rule::L1,
        Rule::L2,
        Rule::F1,
        Rule::F2,
        Rule::F3,
        Rule::Q,
        Rule::S,
        Rule::U1,
        Rule::U2,
        Rule::W1,
        Rule::W2,
        Rule::W3,
        Rule::W4,
        Rule::W5,
        Rule::W6,
        Rule::E1,
        Rule::R0,
        Rule::R1,
        Rule::RG1,
        Rule::R2,
        Rule::R4,
        Rule::RW1,
        Rule::RE1,
        Rule::VC1,
        Rule::VC2,
        Rule::VC3,
        Rule::LOC1,
        Rule::LOC2,
        Rule::LOC3,
        Rule::IND1,
        Rule::IND2,
        Rule::TL1,
        Rule::TL2,
        Rule::TL3,
        Rule::CD1,
        Rule::CD2,
        Rule::CD3,
        Rule::CD4,
        Rule::LD1,
    ];

    /// A few words naming the rule. Kept apart from the sentences of the
    /// catalogue: the page names rules on its first load and fetches the
    /// sentences (`rules.json`) only when a reader opens one.
    pub fn title(self) -> &'static str {
        match self {
            Rule::T1 => "Trigger",
            Rule::T2 => "Apply scope",
            Rule::T3 => "Component scope",
            Rule::L0 => "Matching entries",
            Rule::L1 => "Walk the list",
            Rule::L2 => "Address family reachability",
            Rule::F1 => "Components fallback",
            Rule::F2 => "Domain settings fallback",
            Rule::F3 => "Programs fallback",
            Rule::Q => "Quit",
            Rule::S => "Standard update source",
            Rule::U1 => "Update Agents: server only",
            Rule::U2 => "Update Agents: standard-source process",
            Rule::W1 => "More than 1024 entries",
            Rule::W2 => "ActiveUpdate first",
            Rule::W3 => "Range and source of different families",
            Rule::W4 => "Duplicate entry",
            Rule::W5 => "Link-local IPv6 source",
            Rule::W6 => "Broken line covering the agent",
            Rule::E1 => "Input error",
            Rule::R0 => "Manager tells the agent",
            Rule::R1 => "Relays",
            Rule::RG1 => "Relay group, drawn per agent",
            Rule::R2 => "Secondary source",
            Rule::R4 => "Rule updates",
            Rule::RW1 => "Secondary options on a portable computer",
            Rule::RE1 => "Primary source",
            Rule::VC1 => "Version Control Policies: no relays",
            Rule::VC2 => "Service Gateway, else Trend Vision One",
            Rule::VC3 => "Service Gateway down",
            Rule::LOC1 => "Off-premises: no notification",
            Rule::LOC2 => "Off-premises: engines and patterns from ActiveUpdate",
            Rule::LOC3 => "Off-premises: settings and hot fixes through the Edge Relay",
            Rule::IND1 => "Roaming / Independent: what starts an update",
            Rule::IND2 => "Roaming / Independent: update sources",
            Rule::TL1 => "Notification resent every 15 minutes",
            Rule::TL2 => "After the notifications: restart or the next window",
            Rule::TL3 => "Counting the five notifications",
            Rule::CD1 => "Component duplication: the server against ActiveUpdate",
            Rule::CD2 => "Component duplication: an Update Agent against its source",
            Rule::CD3 => "Incremental pattern if the source holds it, else the full pattern",
            Rule::CD4 => "Full pattern from an update source URL",
            Rule::LD1 => "Agents an Update Agent serves at once",
        }
    }
}

/// A seed document: the vendor's page as a reader names it to a customer
/// (its product and title), and the file it was read from
/// (`../shared/seeds/`), which the tests check each quote against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seed {
    /// The product and the document's title.
    pub title: &'static str,
    /// The file beside the project.
    pub file: &'static str,
}

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A seed document says it.
    Seed(Seed),
    /// The vendor's public documentation beyond the seeds (SPEC "doc").
    Doc,
    /// A named page of the vendor's documentation beyond the seeds, as it
    /// was read (`../shared/research/beyond-the-seeds.md` keeps the sentences).
    Page(&'static str),
    /// Our reading where the documents are silent, and why we read it so.
    Assumed(&'static str),
}

impl Basis {
    /// Where the rule comes from, in words: the page's rule quote and
    /// `planner rules` both say it so.
    pub fn describe(self) -> String {
        match self {
            Basis::Seed(seed) => format!("Source: {}", seed.title),
            Basis::Doc => "Source: vendor documentation".to_string(),
            Basis::Page(page) => format!("Source: {page}"),
            Basis::Assumed(why) => format!("Assumed: {why}"),
        }
    }
}

/// A rule with its words and its authority, so a reader can check a step
/// against the document it rests on.
pub struct RuleInfo {
    /// The rule's id.
    pub rule: Rule,
    /// The sentence the rule rests on, as the document words it.
    pub quote: &'static str,
    /// Where the rule comes from.
    pub basis: Basis,
}

// The seeds, each titled once: the title its page carries (the Apex One
// page's, as the help's own links name it: the seed starts at its first
// sentence).
const AGENT_PROCESS: Seed =
    Seed { title: "OfficeScan online help — OfficeScan Agent Update Process", file: "osce-agent-update-process.txt" };
const UA_SOURCES: Seed = Seed {
    title: "OfficeScan online help — Customized Update Sources for Update Agents",
    file: "osce-update-agent-custom-sources.txt",
};
const KB: Seed = Seed {
    title: "Trend Micro knowledge base 1060829, OfficeScan 10.6, 11.0 and XG — OfficeScan client update configuration and process",
    file: "osce-kb-1060829-client-update.txt",
};
const APEX: Seed = Seed {
    title: "Apex One online help — Configuring Update Privileges and Other Settings",
    file: "apex-one-update-settings.txt",
};
const SWP: Seed = Seed {
    title: "Trend Vision One Server & Workload Protection — Configure the component update source",
    file: "swp-component-update-source.txt",
};
const HOW_RELAYS_WORK: &str = "Trend Vision One documentation, \"How relays work\" (trend-vision-one-how-relays-work)";
const VERSION_CONTROL: &str =
    "Trend Vision One documentation, \"Version control enrollment\" (trend-vision-one-version-control-enrollment)";

const AGENT_STATUS: &str = "Apex One 2019 server online help, \"Agent connection status\"";
const EDGE_RELAY_KA: &str =
    "KA-0009457 / solution 1123000, \"Information about the Edge Relay Server for Apex One\" (updated 14 Oct 2021)";
const ROAMING_106: &str = "OfficeScan 10.6 online help, roaming clients (clroaming.htm)";
const EVENT_TRIGGERED: &str = "Apex One / OfficeScan XG online help, event-triggered update";
const DUPLICATION_SCENARIO: &str =
    "Apex One Patch 4 online help, \"Component Duplication Scenario\" (OfficeScan 10.6 SP1 svr_upd_dupl_scen.html)";
const UA_DUPLICATION: &str =
    "Apex One 2019 / Patch 5 online help, \"Update Agent Component Duplication\" (OfficeScan 10 manual, page 4-42)";
const UA_LOAD_KA: &str = "KA 1034989, \"Configuring OfficeScan/Apex One clients/agents to act as Update Agents\", the copy of 11 Jun 2019 and a newer copy";
const SCHEDULE: &str = "OfficeScan 10 manual, page 155 (schedule-based updates), and OfficeScan XG, \"Configuring agent automatic updates\"";

/// Every rule, in the order of SPEC.md.
pub const CATALOGUE: &[RuleInfo] = &[
    RuleInfo { rule: Rule::T1, basis: Basis::Seed(APEX),
        quote: "Administrators must first select the Enable schedule-based updates on Security Agents setting on the Other Settings tab before the menu item appears on the Security Agent menu. / Users with this privilege can update components on demand by right-clicking the Security Agent icon on the system tray and selecting Update Now." },
    RuleInfo { rule: Rule::T2, basis: Basis::Seed(APEX),
        quote: "Apply to Future Domains Only: Applies settings only to agents added to future domains. This option will not apply settings to new agents added to an existing domain." },
    RuleInfo { rule: Rule::T3, basis: Basis::Seed(APEX),
        quote: "Pattern files, engines, drivers: Security Agents do not upgrade the Security Agent program or deploy hotfixes. Pattern files: Security Agents do not upgrade the Security Agent program, deploy hotfixes, or update engines and drivers." },
    RuleInfo { rule: Rule::L0, basis: Basis::Assumed("the vendor's sibling product documents matching by client IP range; these seeds only say \"first entry\""),
        quote: "In the next page that displays, enter a range of client IP addresses that will receive updates from this source, and then select an update source such as an update agent or a specific source (using its URL)." },
    RuleInfo { rule: Rule::L1, basis: Basis::Seed(AGENT_PROCESS),
        quote: "The OfficeScan agent updates from the first source on the list. If unable to update from the first source, the OfficeScan agent updates from the second source, and so on." },
    RuleInfo { rule: Rule::L2, basis: Basis::Doc,
        quote: "A pure IPv6 agent cannot update directly from the Trend Micro ActiveUpdate Server. A dual-stack proxy server that can convert IP addresses, such as DeleGate, is required to allow the agents to connect to the ActiveUpdate server. (Vendor documentation: a pure IPv6 agent cannot update from a pure IPv4 server or Update Agent, and the other way round.)" },
    RuleInfo { rule: Rule::F1, basis: Basis::Seed(AGENT_PROCESS),
        quote: "If this setting is enabled, the agent updates components from the OfficeScan server. If disabled, the agent then tries connecting directly to the Trend Micro ActiveUpdate server if any of the following is true: ... the option OfficeScan agents download updates from the Trend Micro ActiveUpdate Server is enabled. The ActiveUpdate server is not included in the Customized Update Source List. (Apex One: Selecting this option enables agents to attempt to update from the Trend Micro ActiveUpdate server if the update from the Apex One server is unsuccessful.)" },
    RuleInfo { rule: Rule::F2, basis: Basis::Seed(AGENT_PROCESS),
        quote: "If this setting is enabled, the agent updates domain-level settings from the OfficeScan server. (Setting: Domain settings, under \"OfficeScan agents update the following items from the OfficeScan server if all customized sources are unavailable or not found\".)" },
    RuleInfo { rule: Rule::F3, basis: Basis::Seed(AGENT_PROCESS),
        quote: "If this setting enabled, the agent updates programs and hot fixes from the OfficeScan server. (Setting: OfficeScan agent programs and hot fixes, under the same heading.)" },
    RuleInfo { rule: Rule::Q, basis: Basis::Seed(AGENT_PROCESS),
        quote: "If unable to update from all possible sources, the agent quits the update process." },
    RuleInfo { rule: Rule::S, basis: Basis::Seed(KB),
        quote: "You can configure clients to receive updates from the OfficeScan server, from an update agent, or from another source. (Vendor documentation: with the standard update source, Update Agents fall back to ActiveUpdate when it is the first entry of the customized list.)" },
    RuleInfo { rule: Rule::U1, basis: Basis::Seed(AGENT_PROCESS),
        quote: "Update Agents update components, domain settings, and agent programs and hot fixes, only from the OfficeScan server: If this setting is enabled, Update Agents update directly from the OfficeScan server and disregard the Customized Update Source List." },
    RuleInfo { rule: Rule::U2, basis: Basis::Seed(UA_SOURCES),
        quote: "The update process is different if the option Update agent: always update from standard update source (OfficeScan server) is enabled and the OfficeScan server notifies the agent to update components. The agent updates directly from the OfficeScan server and disregards the update source list. If unable to update from the server, the agent tries connecting directly to the Trend Micro ActiveUpdate server if any of the following are true: ... The ActiveUpdate server is the first entry in the Customized Update Source List." },
    RuleInfo { rule: Rule::W1, basis: Basis::Seed(UA_SOURCES),
        quote: "Specify the custom update sources on the Customized Update Source List, which can accommodate up to 1024 update sources." },
    RuleInfo { rule: Rule::W2, basis: Basis::Seed(UA_SOURCES),
        quote: "Place the ActiveUpdate server at the top of the list only if you experience problems updating from the OfficeScan server. When OfficeScan clients update directly from the ActiveUpdate server, significant bandwidth is consumed between the network and the Internet." },
    RuleInfo { rule: Rule::W3, basis: Basis::Doc,
        quote: "(Vendor documentation) The IP range family must match the update source family: a pure IPv6 agent cannot update from a pure IPv4 server or Update Agent, and the other way round." },
    RuleInfo { rule: Rule::W4, basis: Basis::Seed(AGENT_PROCESS),
        quote: "If unable to update from the first source, the OfficeScan agent updates from the second source, and so on. (An entry identical to an earlier one is tried only after the earlier one already failed.)" },
    RuleInfo { rule: Rule::W5, basis: Basis::Doc,
        quote: "(Vendor documentation) Link-local IPv6 addresses (fe80::/10) are valid only on their own network segment; agents on another segment cannot use such an update source." },
    RuleInfo { rule: Rule::W6, basis: Basis::Seed(KB),
        quote: "A client updates from the first entry on the list. If unable to update from the first entry, the client updates from the second entry, and so on. (A line the planner could not read is not part of the list it walks; once it is fixed, it may come before the entry that delivers now.)" },
    RuleInfo { rule: Rule::E1, basis: Basis::Seed(SWP),
        quote: "Alternative update source URLs must include http:// or https://." },
    RuleInfo { rule: Rule::R0, basis: Basis::Seed(SWP),
        quote: "Usually, agents connect to a relay to obtain component updates when Server & Workload Protection tells them to. ... Allow Agents/Appliances to download component updates when Workload Security Manager is not accessible." },
    RuleInfo { rule: Rule::R1, basis: Basis::Seed(SWP),
        quote: "Agents normally connect to a relay to retrieve component updates depending on your Server & Workload Protection configurations. (Vendor documentation: the agent receives its relay group's relays in a random order.)" },
    RuleInfo { rule: Rule::RG1, basis: Basis::Page(HOW_RELAYS_WORK),
        quote: "Relays are organized into relay groups. Agents receive a randomly ordered list of relays for their assigned relay group. When an agent needs to download an update, it tries the first relay. If there is no response, the agent tries the next in the list until it can successfully download the update. Because the list is random for each agent, this distributes load evenly across relays in a group." },
    RuleInfo { rule: Rule::R2, basis: Basis::Assumed("the documents do not say whether the Primary Tenant Relay Group or the primary source is tried first"),
        quote: "Allow Agents/Appliances to download component updates directly from Primary Component Update Source if Relays are not accessible. The default primary source is Trend Micro Update Server, which agents access using the Internet." },
    RuleInfo { rule: Rule::R4, basis: Basis::Seed(SWP),
        quote: "Select Automatically apply Rule Updates to Policies to ensure existing security rules apply the updates to assigned policies." },
    RuleInfo { rule: Rule::RW1, basis: Basis::Seed(SWP),
        quote: "Trend Micro recommends not enabling Secondary Source options for protected laptops and portable computers to avoid potential issues when updating components while away from support services." },
    RuleInfo { rule: Rule::RE1, basis: Basis::Seed(SWP),
        quote: "Do not select Other update source unless instructed by your support provider. Alternative update source URLs must include http:// or https://." },
    RuleInfo { rule: Rule::VC1, basis: Basis::Page(HOW_RELAYS_WORK),
        quote: "If you enrolled your Server & Workload Protection Manager in Version Control Policies, Trend Vision One Endpoint Security agents version 202412 or later do not use relays for updates. You must configure a Service Gateway with the Generic Caching Service for agents to retrieve updates. (Version control enrollment: \"Version control policies only support endpoints with the Trend Vision One Endpoint Security agent version 202412 or later.\" \"Newly created Protection Manager instances are automatically enrolled in Version Control Policies.\")" },
    RuleInfo { rule: Rule::VC2, basis: Basis::Page(VERSION_CONTROL),
        quote: "If you use Update Agents or Relays to manage distribution of agent updates, deploy a Service Gateway with the ActiveUpdate service and Generic Caching Service enabled. Otherwise, agents connect directly to Trend Vision One servers to retrieve updates." },
    RuleInfo { rule: Rule::VC3, basis: Basis::Assumed("the documents say agents retrieve updates through a Service Gateway that is set up, and go directly to Trend Vision One only when there is none; they do not say what an agent does while its Service Gateway is down. The planner takes the reading that it does not go around the gateway (not updated), the worse case, so an outage is never hidden"),
        quote: "You must configure a Service Gateway with the Generic Caching Service for agents to retrieve updates. (Version control enrollment: \"Otherwise, agents connect directly to Trend Vision One servers to retrieve updates.\")" },
    RuleInfo { rule: Rule::LOC1, basis: Basis::Page(AGENT_STATUS),
        quote: "Off-premises: the Security Agent is outside of the corporate network and cannot connect to the Apex One server directly. (Apex One SP1 Patch 1 online help, Edge Relay server, translated: \"the Edge Relay server does not initiate connections to off-premises Security Agents\".)" },
    RuleInfo { rule: Rule::LOC2, basis: Basis::Page(EDGE_RELAY_KA),
        quote: "Engine and pattern updates will be retrieved from AU servers. (The same article: \"Determines on-premise/off-premise on IP Change.\")" },
    RuleInfo { rule: Rule::LOC3, basis: Basis::Page(EDGE_RELAY_KA),
        quote: "Edge Relay now supports: Uploading of detection logs; Sample Submissions; Configuration; Hot fix or patch upgrades. (Apex One SP1 Patch 1 online help, translated: Security Agents \"automatically connect to the Edge Relay server when connection to the Apex One server is unavailable\"; Edge Relay to Apex One server on port 4343. Agent connection status: \"Offline: no functional connection with the Apex One server or an Edge Relay server\".)" },
    RuleInfo { rule: Rule::IND1, basis: Basis::Page(ROAMING_106),
        quote: "The following events trigger an update on roaming clients: The user performs a manual update. / Automatic client update runs. You can disable automatic client update on roaming clients. / Scheduled update runs. Only clients with the required privileges can run scheduled updates. (Event-triggered update: \"Include roaming and offline client(s)\"; OfficeScan XG and Apex One: \"Include Independent and offline agent(s)\". The OfficeScan server \"does not initiate tasks and deploy client settings to the clients\".)" },
    RuleInfo { rule: Rule::IND2, basis: Basis::Page(ROAMING_106),
        quote: "Clients update components if they can connect to any of their update sources. Sources include the OfficeScan server, Update Agents, or a custom update source. (The OfficeScan 10 manual, page 327, disagrees on the server: \"Roaming clients cannot update components from, nor send logs to, the OfficeScan server.\" The planner follows each version's own page: the 10.6 help for OfficeScan 10.6, and for Apex One the agent connection status page, \"Independent: ... can connect to the server but communication is limited\". OfficeScan 11 and XG have no page of their own here: read as 10.6, assumed.)" },
    RuleInfo { rule: Rule::TL1, basis: Basis::Page(EVENT_TRIGGERED),
        quote: "If the Apex One server is unable to successfully send an update notification to agents after it downloads components, it automatically resends the notification after 15 minutes. The server continues to send update notifications up to a maximum of five times until the agent responds." },
    RuleInfo { rule: Rule::TL2, basis: Basis::Page(SCHEDULE),
        quote: "Offline clients will not be notified. Offline clients that become online after the time period expires can still update components if you selected Let clients initiate component [update] when they restart ... Otherwise, they update components on the next schedule or if you initiate manual update. (The same page: \"if the start time is 12pm and the time period is 2 hours, OfficeScan randomly notifies all online clients to update components from 12pm until 2pm.\" The option excludes roaming clients: \"Let clients initiate component update when they restart and connect to the OfficeScan server (roaming clients are excluded)\".)" },
    RuleInfo { rule: Rule::TL3, basis: Basis::Assumed("the page says the server sends \"up to a maximum of five times\" and not whether the first notification counts. The planner counts it, so notifications go out at T, T+15, T+30, T+45 and T+60 (were only the resends counted, a sixth would go out at T+75); an agent that answers again at T+x answers the first notification sent at or after T+x"),
        quote: "The server continues to send update notifications up to a maximum of five times until the agent responds." },
    RuleInfo { rule: Rule::CD1, basis: Basis::Page(DUPLICATION_SCENARIO),
        quote: "If the difference between the two versions is 14 or less, the server only downloads the incremental pattern that accounts for the difference between the two versions. If the difference is more than 14, the server automatically downloads the full version of the pattern file and 14 incremental patterns. The difference between versions 171 and 175 is 2. In other words, the server does not have versions 173 and 175. (Apex One 2019 server online help, \"Apex One Server Component Duplication\": \"When the latest version of a full pattern file is available for download from the Trend Micro ActiveUpdate server, 14 'incremental patterns' also become available.\")" },
    RuleInfo { rule: Rule::CD2, basis: Basis::Page(UA_DUPLICATION),
        quote: "The Update Agent compares its current full pattern version with the latest version on the update source. If the difference between the two versions is 14 or less, the Update Agent downloads the incremental pattern that accounts for the difference between the two versions. If the difference is more than 14, the Update Agent automatically downloads the full version of the pattern file. The Update Agent downloads all the remaining incremental patterns on the update source. The latest full pattern and all the incremental patterns are made available to agents. (Standard Update Source for Update Agents: \"The Apex One server is the standard update source for Update Agents.\")" },
    RuleInfo { rule: Rule::CD3, basis: Basis::Page(DUPLICATION_SCENARIO),
        quote: "The server generates incremental patterns based on the other full patterns available on the server. If the server does not generate these incremental patterns, agents that missed downloading earlier incremental patterns automatically download the full pattern file, which will consequently generate more network traffic. (Apex One Patch 6, event-triggered update: \"Frequently updated agents only need to download incremental patterns, thus reducing the time it takes to complete the update\".)" },
    RuleInfo { rule: Rule::CD4, basis: Basis::Assumed("the documents do not say what an agent downloads from an update source URL, which holds none of the incremental patterns the server generates or an Update Agent downloads; the planner reads it as the full pattern, the way the documents say agents do when the incremental they need is missing"),
        quote: "If the server does not generate these incremental patterns, agents that missed downloading earlier incremental patterns automatically download the full pattern file, which will consequently generate more network traffic." },
    RuleInfo { rule: Rule::LD1, basis: Basis::Page(UA_LOAD_KA),
        quote: "The maximum number of concurrent client/agent update requests that an Update Agent can handle is 250. (The copy of 11 Jun 2019. A newer copy of the same article disagrees: it depends on the machine, with tested figures of 400 (100 Mbps), 900 (1 Gbps) and 7,700 (8 cores, 10 Gbps).)" },
];

impl Rule {
    /// The id as SPEC.md writes it.
    pub fn id(self) -> &'static str {
        match self {
            Rule::T1 => "T1",
            Rule::T2 => "T2",
            Rule::T3 => "T3",
            Rule::L0 => "L0",
            Rule::L1 => "L1",
            Rule::L2 => "L2",
            Rule::F1 => "F1",
            Rule::F2 => "F2",
            Rule::F3 => "F3",
            Rule::Q => "Q",
            Rule::S => "S",
            Rule::U1 => "U1",
            Rule::U2 => "U2",
            Rule::W1 => "W1",
            Rule::W2 => "W2",
            Rule::W3 => "W3",
            Rule::W4 => "W4",
            Rule::W5 => "W5",
            Rule::W6 => "W6",
            Rule::E1 => "E1",
            Rule::R0 => "R0",
            Rule::R1 => "R1",
            Rule::RG1 => "RG1",
            Rule::R2 => "R2",
            Rule::R4 => "R4",
            Rule::RW1 => "RW1",
            Rule::RE1 => "RE1",
            Rule::VC1 => "VC1",
            Rule::VC2 => "VC2",
            Rule::VC3 => "VC3",
            Rule::LOC1 => "LOC1",
            Rule::LOC2 => "LOC2",
            Rule::LOC3 => "LOC3",
            Rule::IND1 => "IND1",
            Rule::IND2 => "IND2",
            Rule::TL1 => "TL1",
            Rule::TL2 => "TL2",
            Rule::TL3 => "TL3",
            Rule::CD1 => "CD1",
            Rule::CD2 => "CD2",
            Rule::CD3 => "CD3",
            Rule::CD4 => "CD4",
            Rule::LD1 => "LD1",
        }
    }

    /// Reads an id back. Walks [`Rule::ALL`], not the catalogue, so the page
    /// can read ids without carrying the quotes in its first load.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }

    /// Rules that are our reading, not the documents'. A match, not a look-up
    /// in the catalogue, for the same reason as [`Rule::from_id`]; a test
    /// holds it to the catalogue's bases.
    pub fn is_assumed(self) -> bool {
        matches!(self, Rule::L0 | Rule::R2 | Rule::VC3 | Rule::TL3 | Rule::CD4)
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// The rule set this build implements, shown by the page and `planner --version`.
pub const RULE_SET: &str =
    "SPEC 2026-11 (T1-T3, L0-L2, F1-F3, Q, S, U1-U2, W1-W6, E1, R0-R2, R4, RW1, RE1) and 2026-12 (RG1, VC1-VC3, LOC1-LOC3, IND1-IND2, TL1-TL3, CD1-CD4, LD1)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_exactly_one_entry_and_a_quote() {
        for info in CATALOGUE {
            assert_eq!(CATALOGUE.iter().filter(|i| i.rule == info.rule).count(), 1, "{}", info.rule);
            assert!(!info.quote.is_empty());
            assert_eq!(Rule::from_id(info.rule.id()), Some(info.rule));
        }
        assert_eq!(CATALOGUE.len(), 43);
    }

    #[test]
    fn the_list_of_rules_and_the_assumed_ones_agree_with_the_catalogue() {
        let listed: Vec<Rule> = CATALOGUE.iter().map(|i| i.rule).collect();
        assert_eq!(listed, Rule::ALL.to_vec());
        for info in CATALOGUE {
            assert_eq!(info.rule.is_assumed(), matches!(info.basis, Basis::Assumed(_)), "{}", info.rule);
        }
    }

    #[test]
    fn quotes_from_pages_beyond_the_seeds_are_in_the_research_notes() {
        let notes = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/research/beyond-the-seeds.md");
        let Ok(text) = std::fs::read_to_string(notes) else { return };
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut checked = 0;
        for info in CATALOGUE {
            if let Basis::Page(page) = info.basis {
                assert!(!page.is_empty());
                // Every sentence quoted before the first parenthesis is the page's own.
                let quoted = info.quote.split(" (").next().unwrap_or_default();
                for sentence in quoted.split(". ").filter(|s| !s.is_empty()) {
                    let probe: String =
                        sentence.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(60).collect();
                    assert!(flat.contains(&probe), "{}: `{probe}` is not in the research notes", info.rule);
                }
                checked += 1;
            }
        }
        assert!(checked >= 3);
    }

    #[test]
    fn every_quote_names_its_document_by_product_and_title_never_by_a_file() {
        let products = ["OfficeScan", "Apex One", "Server & Workload Protection", "Trend Vision One"];
        for info in CATALOGUE {
            let said = info.basis.describe();
            assert!(!said.contains(".txt") && !said.contains(".md"), "{}: {said}", info.rule);
            if let Basis::Seed(seed) = info.basis {
                assert!(products.iter().any(|p| seed.title.contains(p)), "{}: {said}", info.rule);
                assert_eq!(said, format!("Source: {}", seed.title));
            }
        }
        assert_eq!(
            CATALOGUE.iter().find(|i| i.rule == Rule::E1).map(|i| i.basis.describe()).as_deref(),
            Some("Source: Trend Vision One Server & Workload Protection — Configure the component update source"),
        );
    }

    #[test]
    fn quotes_from_seeds_are_in_the_seed_text() {
        // Only checks the first sentence, which is quoted verbatim.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
        if !dir.exists() {
            return;
        }
        for info in CATALOGUE {
            if let Basis::Seed(Seed { file, .. }) = info.basis {
                let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
                let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let first = info.quote.split(". ").next().unwrap_or_default();
                let first_flat: String = first.split_whitespace().collect::<Vec<_>>().join(" ");
                let probe: String = first_flat.chars().take(60).collect();
                assert!(flat.contains(&probe), "{}: `{probe}` not in {file}", info.rule);
            }
        }
    }
}
