//! The on/off settings a scenario has, each with the console's own wording
//! and a one-line explanation, so the page's form reads like the product's
//! screens and an edit names a setting by type, not by field name.

use crate::format::scenario::Scenario;
use crate::model::profile::{Family, Profile};

/// One on/off setting of the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flag {
    /// `settings.ua_server_only` (U1).
    UaServerOnly,
    /// `settings.fallback_components` (F1).
    FallbackComponents,
    /// `settings.fallback_domain_settings` (F2).
    FallbackDomainSettings,
    /// `settings.fallback_programs` (F3).
    FallbackPrograms,
    /// `settings.ua_always_standard` (U2).
    UaAlwaysStandard,
    /// `settings.agents_use_activeupdate` (F1, S, U2).
    AgentsUseActiveUpdate,
    /// `settings.schedule_enabled` (T1).
    ScheduleEnabled,
    /// `settings.privilege_update_now` (T1).
    PrivilegeUpdateNow,
    /// `settings.privilege_schedule_toggle` (T1).
    PrivilegeScheduleToggle,
    /// `swp.direct_if_relays_unreachable` (R2).
    SwpDirect,
    /// `swp.tenant_group_if_relays_unreachable` (R2).
    SwpTenantGroup,
    /// `swp.when_manager_unreachable` (R0).
    SwpWhenManagerUnreachable,
    /// `swp.auto_apply_rule_updates` (R4).
    SwpAutoApplyRules,
    /// `swp.version_control` (VC1).
    SwpVersionControl,
    /// `agent.portable` (RW1).
    Portable,
    /// `settings.roaming_automatic_update` (IND1).
    RoamingAutomatic,
    /// `settings.notify_roaming` (IND1).
    NotifyRoaming,
    /// `settings.restart_update` (TL2).
    RestartUpdate,
}

/// The console screen a flag lives on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Updates > Agents > Update Source.
    UpdateSource,
    /// Agent Management > Settings > Privileges and Other Settings.
    PrivilegesAndOther,
    /// Administration > System Settings > Updates (S&WP).
    SwpUpdates,
    /// Trend Vision One: Endpoint Security, Version Control Policies.
    VersionControl,
    /// The agent itself.
    Agent,
    /// Where the agent is and when it answers (on-demand settings).
    WhereWhen,
}

impl Flag {
    /// Every flag, in the order the page shows them.
    pub const ALL: [Flag; 18] = [
        Flag::UaServerOnly,
        Flag::FallbackComponents,
        Flag::FallbackDomainSettings,
        Flag::FallbackPrograms,
        Flag::UaAlwaysStandard,
        Flag::AgentsUseActiveUpdate,
        Flag::ScheduleEnabled,
        Flag::PrivilegeUpdateNow,
        Flag::PrivilegeScheduleToggle,
        Flag::SwpDirect,
        Flag::SwpTenantGroup,
        Flag::SwpWhenManagerUnreachable,
        Flag::SwpAutoApplyRules,
        Flag::SwpVersionControl,
        Flag::Portable,
        Flag::RoamingAutomatic,
        Flag::NotifyRoaming,
        Flag::RestartUpdate,
    ];

    /// The scenario field the flag sets.
    pub fn id(self) -> &'static str {
        match self {
            Flag::UaServerOnly => "ua_server_only",
            Flag::FallbackComponents => "fallback_components",
            Flag::FallbackDomainSettings => "fallback_domain_settings",
            Flag::FallbackPrograms => "fallback_programs",
            Flag::UaAlwaysStandard => "ua_always_standard",
            Flag::AgentsUseActiveUpdate => "agents_use_activeupdate",
            Flag::ScheduleEnabled => "schedule_enabled",
            Flag::PrivilegeUpdateNow => "privilege_update_now",
            Flag::PrivilegeScheduleToggle => "privilege_schedule_toggle",
            Flag::SwpDirect => "direct_if_relays_unreachable",
            Flag::SwpTenantGroup => "tenant_group_if_relays_unreachable",
            Flag::SwpWhenManagerUnreachable => "when_manager_unreachable",
            Flag::SwpAutoApplyRules => "auto_apply_rule_updates",
            Flag::SwpVersionControl => "version_control",
            Flag::Portable => "portable",
            Flag::RoamingAutomatic => "roaming_automatic_update",
            Flag::NotifyRoaming => "notify_roaming",
            Flag::RestartUpdate => "restart_update",
        }
    }

    /// Where the console shows it.
    pub fn screen(self) -> Screen {
        match self {
            Flag::UaServerOnly
            | Flag::FallbackComponents
            | Flag::FallbackDomainSettings
            | Flag::FallbackPrograms
            | Flag::UaAlwaysStandard => Screen::UpdateSource,
            Flag::AgentsUseActiveUpdate
            | Flag::ScheduleEnabled
            | Flag::PrivilegeUpdateNow
            | Flag::PrivilegeScheduleToggle => Screen::PrivilegesAndOther,
            Flag::SwpDirect | Flag::SwpTenantGroup | Flag::SwpWhenManagerUnreachable | Flag::SwpAutoApplyRules => {
                Screen::SwpUpdates
            }
            Flag::SwpVersionControl => Screen::VersionControl,
            Flag::Portable => Screen::Agent,
            Flag::RoamingAutomatic | Flag::NotifyRoaming | Flag::RestartUpdate => Screen::WhereWhen,
        }
    }

    /// Whether the profile has this setting at all.
    pub fn applies_to(self, profile: Profile) -> bool {
        match self.screen() {
            Screen::SwpUpdates | Screen::VersionControl => profile.family() == Family::Swp,
            Screen::Agent => true,
            _ => profile.family() == Family::OfficeScan,
        }
    }

    /// Whether the page shows it on its first load; the S&WP screens and
    /// where and when come with the on-demand settings.
    pub fn on_demand(self) -> bool {
        matches!(self.screen(), Screen::SwpUpdates | Screen::VersionControl | Screen::WhereWhen)
    }

    /// The console's words, in the profile's own vocabulary.
    pub fn wording(self, p: Profile) -> String {
        self.text(p).0
    }

    /// One line on what the flag changes in the walk.
    pub fn help(self) -> &'static str {
        self.text(Profile::ApexOne).1
    }

    /// The console's words and one line on what the flag changes, for
    /// every flag (the on-demand settings, the evidence's explanations).
    pub fn text(self, p: Profile) -> (String, &'static str) {
        use crate::vocabulary;
        let (words, help) = match self {
            Flag::SwpDirect => ("Allow Agents/Appliances to download component updates directly from Primary Component Update Source if Relays are not accessible", "No relay delivered: go to the primary source over the Internet (R2)."),
            Flag::SwpTenantGroup => ("Allow Agents/Appliances to download component updates from Primary Tenant Relay Group if user-deployed Relays are not accessible", "No relay delivered: try the Primary Tenant Relay Group first (R2, order assumed)."),
            Flag::SwpWhenManagerUnreachable => return (format!("Allow Agents/Appliances to download component updates when {} is not accessible", p.server_name()), "Update even while the manager cannot tell the agent to (R0)."),
            Flag::SwpAutoApplyRules => ("Automatically apply Rule Updates to Policies", "Rule updates reach the assigned policies once components arrive (R4)."),
            Flag::SwpVersionControl => return (format!("{} enrolled in Version Control Policies", p.server_name()), "Newly created managers are enrolled automatically. Agents of 202412 or later then use no relays: the Service Gateway, else Trend Vision One (VC1, VC2)."),
            Flag::RoamingAutomatic => return (vocabulary::roaming_automatic_setting(p), "Off: neither scheduled nor notified updates start on them; a manual update still does (IND1)."),
            Flag::NotifyRoaming => return (format!("Event-triggered update: {}", vocabulary::notify_roaming_setting(p)), "The server's notification after it downloads components reaches them only with this on (IND1)."),
            Flag::RestartUpdate => return (vocabulary::restart_setting(p), "An agent that missed the notifications updates when it restarts and connects (TL2)."),
            page => return page.page_text(p),
        };
        (words.to_string(), help)
    }

    /// As [`Flag::text`], for the flags the page shows on its first load
    /// only: the on-demand settings' words stay in their own bundle. An
    /// on-demand flag gets its id.
    pub fn page_text(self, p: Profile) -> (String, &'static str) {
        use crate::model::item::Item;
        use crate::vocabulary;
        let (words, help): (String, &'static str) = match self {
            Flag::UaServerOnly => (
                vocabulary::ua_server_only_setting(p),
                "Update Agents disregard the customized list and use the server (U1).",
            ),
            Flag::FallbackComponents => (
                vocabulary::fallback_setting(p, Item::Components),
                "After the list: the server for components; off sends components to ActiveUpdate when allowed (F1).",
            ),
            Flag::FallbackDomainSettings => (
                vocabulary::fallback_setting(p, Item::DomainSettings),
                "After the list: the server for domain settings (F2).",
            ),
            Flag::FallbackPrograms => (
                vocabulary::fallback_setting(p, Item::Programs),
                "After the list: the server for programs and hot fixes (F3).",
            ),
            Flag::UaAlwaysStandard => (
                vocabulary::ua_always_standard_setting(p),
                "When the server notifies an Update Agent, it uses the server and disregards the list (U2).",
            ),
            Flag::AgentsUseActiveUpdate => (
                vocabulary::activeupdate_setting(p),
                "Lets components go to ActiveUpdate when the server fails (F1, S, U2).",
            ),
            Flag::ScheduleEnabled => (
                format!("Enable schedule-based updates on {}", vocabulary::agents(p)),
                "Scheduled updates run only while this is on (T1).",
            ),
            Flag::PrivilegeUpdateNow => (
                "Privilege: Perform \"Update Now\"".into(),
                "The tray menu offers Update Now only with this privilege (T1).",
            ),
            Flag::PrivilegeScheduleToggle => (
                "Privilege: Enable/Disable schedule-based updates".into(),
                "Lets the user's own tray choice override the schedule setting (T1).",
            ),
            Flag::Portable => (
                "This computer is a laptop or portable computer".into(),
                "Secondary source options are not recommended for portable computers (RW1).",
            ),
            on_demand => (on_demand.id().into(), ""),
        };
        (words, help)
    }

    /// The flag's value in a scenario.
    pub fn get(self, s: &Scenario) -> bool {
        let st = &s.settings;
        match self {
            Flag::UaServerOnly => st.ua_server_only,
            Flag::FallbackComponents => st.fallback_components,
            Flag::FallbackDomainSettings => st.fallback_domain_settings,
            Flag::FallbackPrograms => st.fallback_programs,
            Flag::UaAlwaysStandard => st.ua_always_standard,
            Flag::AgentsUseActiveUpdate => st.agents_use_activeupdate,
            Flag::ScheduleEnabled => st.schedule_enabled,
            Flag::PrivilegeUpdateNow => st.privilege_update_now,
            Flag::PrivilegeScheduleToggle => st.privilege_schedule_toggle,
            Flag::SwpDirect => s.swp.direct_if_relays_unreachable,
            Flag::SwpTenantGroup => s.swp.tenant_group_if_relays_unreachable,
            Flag::SwpWhenManagerUnreachable => s.swp.when_manager_unreachable,
            Flag::SwpAutoApplyRules => s.swp.auto_apply_rule_updates,
            Flag::SwpVersionControl => s.swp.version_control,
            Flag::Portable => s.agent.portable,
            Flag::RoamingAutomatic => st.roaming_automatic_update,
            Flag::NotifyRoaming => st.notify_roaming,
            Flag::RestartUpdate => st.restart_update,
        }
    }

    /// Sets the flag in a scenario.
    pub fn set(self, s: &mut Scenario, on: bool) {
        let slot = match self {
            Flag::UaServerOnly => &mut s.settings.ua_server_only,
            Flag::FallbackComponents => &mut s.settings.fallback_components,
            Flag::FallbackDomainSettings => &mut s.settings.fallback_domain_settings,
            Flag::FallbackPrograms => &mut s.settings.fallback_programs,
            Flag::UaAlwaysStandard => &mut s.settings.ua_always_standard,
            Flag::AgentsUseActiveUpdate => &mut s.settings.agents_use_activeupdate,
            Flag::ScheduleEnabled => &mut s.settings.schedule_enabled,
            Flag::PrivilegeUpdateNow => &mut s.settings.privilege_update_now,
            Flag::PrivilegeScheduleToggle => &mut s.settings.privilege_schedule_toggle,
            Flag::SwpDirect => &mut s.swp.direct_if_relays_unreachable,
            Flag::SwpTenantGroup => &mut s.swp.tenant_group_if_relays_unreachable,
            Flag::SwpWhenManagerUnreachable => &mut s.swp.when_manager_unreachable,
            Flag::SwpAutoApplyRules => &mut s.swp.auto_apply_rule_updates,
            Flag::SwpVersionControl => &mut s.swp.version_control,
            Flag::Portable => &mut s.agent.portable,
            Flag::RoamingAutomatic => &mut s.settings.roaming_automatic_update,
            Flag::NotifyRoaming => &mut s.settings.notify_roaming,
            Flag::RestartUpdate => &mut s.settings.restart_update,
        };
        *slot = on;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flag_sets_what_it_reads() {
        let mut s = Scenario::starter(Profile::ApexOne);
        for f in Flag::ALL {
            let before = f.get(&s);
            f.set(&mut s, !before);
            assert_eq!(f.get(&s), !before, "{}", f.id());
            assert!(!f.wording(Profile::ApexOne).is_empty() && !f.help().is_empty());
            // The page's own text for a flag of the first load is the whole text.
            if !f.on_demand() {
                assert_eq!(f.page_text(Profile::OfficeScan106), f.text(Profile::OfficeScan106), "{}", f.id());
            } else {
                assert_ne!(f.page_text(Profile::OfficeScan106), f.text(Profile::OfficeScan106), "{}", f.id());
            }
        }
    }

    #[test]
    fn wording_uses_the_profiles_words() {
        assert!(Flag::FallbackComponents.wording(Profile::ApexOne).contains("Apex One server"));
        assert!(Flag::AgentsUseActiveUpdate.wording(Profile::OfficeScan106).starts_with("Clients"));
        assert!(!Flag::SwpDirect.applies_to(Profile::OfficeScanXg));
        assert!(Flag::SwpDirect.applies_to(Profile::Swp));
        // The manager has one name, the trace's, on every setting that names it.
        let manager = Profile::Swp.server_name();
        for f in [Flag::SwpVersionControl, Flag::SwpWhenManagerUnreachable] {
            assert!(f.wording(Profile::Swp).contains(manager), "{}", f.id());
        }
        for f in Flag::ALL.into_iter().filter(|f| f.applies_to(Profile::Swp)) {
            let (words, help) = f.text(Profile::Swp);
            assert!(!format!("{words} {help}").contains("Protection Manager"), "{}: {words}", f.id());
        }
    }

    #[test]
    fn each_profile_shows_the_settings_its_console_has() {
        // The laptop question is the agent's, on every product.
        assert!([Profile::OfficeScanXg, Profile::ApexOne, Profile::Swp].iter().all(|p| Flag::Portable.applies_to(*p)));
        // Roaming and the event-triggered update's options are OfficeScan's and Apex One's only.
        assert!(
            Flag::RestartUpdate.applies_to(Profile::ApexOne) && Flag::RestartUpdate.applies_to(Profile::OfficeScan106)
        );
        assert!(!Flag::RestartUpdate.applies_to(Profile::Swp));
        assert!(!Flag::SwpVersionControl.applies_to(Profile::ApexOne));
    }

    #[test]
    fn a_settings_help_line_says_what_it_changes_in_the_walk() {
        assert_eq!(
            Flag::RestartUpdate.help(),
            "An agent that missed the notifications updates when it restarts and connects (TL2)."
        );
        assert_eq!(Flag::Portable.help(), "Secondary source options are not recommended for portable computers (RW1).");
    }
}
