//! Fixtures: every kind of bad input is reported with its exact line, key and value (and never
//! panics); the embedded default cluster is what its documentation promises; seeds make GUIDs
//! reproducible; several clusters live side by side.

use std::collections::BTreeSet;
use std::time::Duration;

use clusapi_sim::fixture::{DEFAULT_FIXTURE, FixtureError, Topology};
use clusapi_sim::world::{Cluster, FailoverPolicy, RestartAction, RestartPolicy, World};
use clusapi_sim::{Completion, GroupState, GroupStatus, NodeState, ResourceState, Sim};
use proptest::prelude::*;

/// A valid two-node cluster; lines 1 to 6. Cases append lines from 7 on.
const BASE: &[&str] = &[
    "[[cluster]]",      // 1
    "name = \"LAB\"",   // 2
    "[[cluster.node]]", // 3
    "name = \"N1\"",    // 4
    "[[cluster.node]]", // 5
    "name = \"N2\"",    // 6
];

fn with(extra: &[&str]) -> String {
    let mut lines = BASE.to_vec();
    lines.extend_from_slice(extra);
    lines.join("\n") + "\n"
}

/// Parses `text`, which must be rejected, and returns (line, key, value).
#[track_caller]
fn rejected(text: &str) -> (usize, String, String) {
    let err: FixtureError = Topology::parse(text).expect_err("the fixture must be rejected");
    assert!(!err.message.is_empty());
    // The rendering names all three.
    let shown = err.to_string();
    assert!(shown.starts_with(&format!("line {}: {} = ", err.line, err.key)), "{shown}");
    (err.line, err.key, err.value)
}

#[track_caller]
fn assert_rejected(text: &str, line: usize, key: &str, value: &str) {
    assert_eq!(rejected(text), (line, key.to_string(), value.to_string()), "fixture:\n{text}");
}

fn local(world: &World) -> &Cluster {
    &world.clusters()[world.local()]
}

// ---- bad input ------------------------------------------------------------------------

#[test]
fn base_fixture_is_valid() {
    let world = Topology::parse(&with(&[])).unwrap().build(0);
    assert_eq!(world.check_invariants(), Ok(()));
    assert_eq!(local(&world).nodes().len(), 2);
}

#[test]
fn unknown_group_owner_is_rejected() {
    let text = with(&["[[cluster.group]]", "name = \"G\"", "owner = \"N3\""]);
    assert_rejected(&text, 9, "cluster.group.owner", "N3");
}

#[test]
fn unknown_preferred_owner_is_rejected() {
    let text =
        with(&["[[cluster.group]]", "name = \"G\"", "preferred_owners = [", "  \"N2\",", "  \"N9\",", "]"]);
    assert_rejected(&text, 11, "cluster.group.preferred_owners", "N9");
}

#[test]
fn unknown_possible_owner_is_rejected() {
    let text = with(&[
        "[[cluster.group]]",
        "name = \"G\"",
        "[[cluster.group.resource]]",
        "name = \"R\"",
        "type = \"Generic Service\"",
        "possible_owners = [\"N1\", \"NODE7\"]",
    ]);
    assert_rejected(&text, 12, "cluster.group.resource.possible_owners", "NODE7");
}

#[test]
fn owner_lists_reject_repeats() {
    let text = with(&["[[cluster.group]]", "name = \"G\"", "preferred_owners = [\"N1\", \"n1\"]"]);
    assert_rejected(&text, 9, "cluster.group.preferred_owners", "n1");
}

#[test]
fn duplicate_node_name_is_rejected_ignoring_case() {
    let text = with(&["[[cluster.node]]", "name = \"n2\""]);
    assert_rejected(&text, 8, "cluster.node.name", "n2");
}

#[test]
fn duplicate_node_id_is_rejected() {
    // N1 and N2 got ids 1 and 2 automatically.
    let text = with(&["[[cluster.node]]", "name = \"N3\"", "id = 2"]);
    assert_rejected(&text, 9, "cluster.node.id", "2");
}

#[test]
fn duplicate_group_name_is_rejected_ignoring_case() {
    let text = with(&[
        "[[cluster.group]]",
        "name = \"Cluster Group\"",
        "[[cluster.group]]",
        "name = \"CLUSTER GROUP\"",
    ]);
    assert_rejected(&text, 10, "cluster.group.name", "CLUSTER GROUP");
}

/// Two groups (lines 7 to 10), then `extra`.
fn with_sets(extra: &[&str]) -> String {
    let mut lines = vec!["[[cluster.group]]", "name = \"A\"", "[[cluster.group]]", "name = \"B\""];
    lines.extend_from_slice(extra);
    with(&lines)
}

#[test]
fn group_sets_build_and_their_rules_are_reported_by_line() {
    let text = with_sets(&[
        "[[cluster.group_set]]",
        "name = \"Data\"",
        "groups = [\"A\"]",
        "[[cluster.group_set]]",
        "name = \"Web\"",
        "groups = [\"B\"]",
        "depends_on = [\"data\"]",
    ]);
    let world = Topology::parse(&text).unwrap().build(0);
    let c = local(&world);
    let sets: Vec<_> = c.group_sets().values().collect();
    let (data, web) = (sets[0], sets[1]);
    assert_eq!((data.name.as_str(), web.name.as_str()), ("Data", "Web"));
    assert_eq!(web.providers, [data.id]);
    assert_eq!(c.group_set_of(c.find_group("B").unwrap()), Some(web.id));

    let dup = with_sets(&["[[cluster.group_set]]", "name = \"S\"", "[[cluster.group_set]]", "name = \"s\""]);
    assert_rejected(&dup, 14, "cluster.group_set.name", "s");
    let unknown = with_sets(&["[[cluster.group_set]]", "name = \"S\"", "groups = [\"C\"]"]);
    assert_rejected(&unknown, 13, "cluster.group_set.groups", "C");
    let twice = with_sets(&[
        "[[cluster.group_set]]",
        "name = \"S\"",
        "groups = [\"A\"]",
        "[[cluster.group_set]]",
        "name = \"T\"",
        "groups = [\"a\"]",
    ]);
    assert_rejected(&twice, 16, "cluster.group_set.groups", "a");
    let empty = with_sets(&[
        "[[cluster.group_set]]",
        "name = \"S\"",
        "groups = [\"A\"]",
        "[[cluster.group_set]]",
        "name = \"T\"",
        "depends_on = [\"S\"]",
    ]);
    assert_rejected(&empty, 16, "cluster.group_set.depends_on", "S");
    let cycle = with_sets(&[
        "[[cluster.group_set]]",
        "name = \"S\"",
        "groups = [\"A\"]",
        "depends_on = [\"T\"]",
        "[[cluster.group_set]]",
        "name = \"T\"",
        "groups = [\"B\"]",
        "depends_on = [\"S\"]",
    ]);
    let (line, key, _) = rejected(&cycle);
    assert!(line == 14 || line == 18, "the dependency closing the cycle: line {line}");
    assert_eq!(key, "cluster.group_set.depends_on");
    let props = with_sets(&["[[cluster.group_set]]", "name = \"S\"", "properties = { StartupDelay = 45 }"]);
    let world = Topology::parse(&props).unwrap().build(0);
    let set = local(&world).group_sets().values().next().unwrap();
    assert_eq!(set.properties.get("StartupDelay").and_then(|v| v.as_dword()), Some(45));
    let range = with_sets(&["[[cluster.group_set]]", "name = \"S\"", "properties = { StartupSetting = 9 }"]);
    assert_rejected(&range, 13, "cluster.group_set.properties.StartupSetting", "9");
    let private = with_sets(&["[[cluster.group_set]]", "name = \"S\"", "private = { X = 1 }"]);
    assert!(Topology::parse(&private).is_err(), "group sets have no private properties");
    let unknown_set =
        with_sets(&["[[cluster.group_set]]", "name = \"S\"", "groups = [\"A\"]", "depends_on = [\"X\"]"]);
    assert_rejected(&unknown_set, 14, "cluster.group_set.depends_on", "X");
}

#[test]
fn duplicate_resource_name_is_rejected_across_groups() {
    let text = with(&[
        "[[cluster.group]]",
        "name = \"G1\"",
        "[[cluster.group.resource]]",
        "name = \"Disk\"",
        "type = \"Physical Disk\"",
        "[[cluster.group]]",
        "name = \"G2\"",
        "[[cluster.group.resource]]",
        "name = \"disk\"",
        "type = \"Physical Disk\"",
    ]);
    assert_rejected(&text, 15, "cluster.group.resource.name", "disk");
}

#[test]
fn duplicate_network_name_is_rejected() {
    let text = with(&[
        "[[cluster.network]]",
        "name = \"Cluster Network 1\"",
        "address = \"10.0.0.0\"",
        "mask = \"255.255.255.0\"",
        "[[cluster.network]]",
        "name = \"cluster network 1\"",
        "address = \"10.0.1.0\"",
        "mask = \"255.255.255.0\"",
    ]);
    assert_rejected(&text, 12, "cluster.network.name", "cluster network 1");
}

#[test]
fn duplicate_net_interface_name_is_rejected() {
    // Both networks would give N1 an interface "N1 - Ethernet".
    let text = with(&[
        "[[cluster.network]]",
        "name = \"Net A\"",
        "address = \"10.0.0.0\"",
        "mask = \"255.255.255.0\"",
        "[[cluster.network]]",
        "name = \"Net B\"",
        "address = \"10.0.1.0\"",
        "mask = \"255.255.255.0\"",
        "adapter = \"Ethernet\"",
    ]);
    assert_rejected(&text, 15, "cluster.network.adapter", "Ethernet");
}

#[test]
fn invalid_network_address_is_rejected() {
    let text = with(&[
        "[[cluster.network]]",
        "name = \"Net\"",
        "address = \"10.0.0.300\"",
        "mask = \"255.255.255.0\"",
    ]);
    assert_rejected(&text, 9, "cluster.network.address", "10.0.0.300");
}

fn resources(group: &str, resources: &[(&str, &str, &[&str])]) -> Vec<String> {
    let mut lines = vec!["[[cluster.group]]".to_string(), format!("name = {group:?}")];
    for (name, ty, deps) in resources {
        lines.push("[[cluster.group.resource]]".into());
        lines.push(format!("name = {name:?}"));
        lines.push(format!("type = {ty:?}"));
        if !deps.is_empty() {
            lines.push(format!("depends_on = {deps:?}"));
        }
    }
    lines
}

fn with_lines(extra: &[String]) -> String {
    with(&extra.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn dependency_cycle_is_rejected() {
    let text = with_lines(&resources(
        "G",
        &[
            ("A", "Generic Service", &["C"]), // lines 9-12
            ("B", "Generic Service", &["A"]), // lines 13-16
            ("C", "Generic Service", &["B"]), // lines 17-20
        ],
    ));
    // A -> C -> B -> A: the entry that closes the cycle is B's `depends_on = ["A"]`.
    assert_rejected(&text, 16, "cluster.group.resource.depends_on", "A");
    let err = Topology::parse(&text).unwrap_err();
    assert!(err.message.contains("A -> C -> B -> A"), "{}", err.message);
}

#[test]
fn self_dependency_is_a_cycle() {
    let text = with_lines(&resources("G", &[("A", "Generic Service", &["a"])]));
    assert_rejected(&text, 12, "cluster.group.resource.depends_on", "a");
}

#[test]
fn dependency_across_groups_is_rejected() {
    let mut lines = resources("G1", &[("Disk", "Physical Disk", &[])]); // lines 7-11
    lines.extend(resources("G2", &[("Svc", "Generic Service", &["Disk"])])); // lines 12-17
    assert_rejected(&with_lines(&lines), 17, "cluster.group.resource.depends_on", "Disk");
}

#[test]
fn dependency_on_unknown_resource_is_rejected() {
    let text = with_lines(&resources("G", &[("Svc", "Generic Service", &["Nowhere"])]));
    assert_rejected(&text, 12, "cluster.group.resource.depends_on", "Nowhere");
}

#[test]
fn repeated_dependency_is_rejected() {
    let text =
        with_lines(&resources("G", &[("D", "Physical Disk", &[]), ("S", "Generic Service", &["D", "d"])]));
    assert_rejected(&text, 15, "cluster.group.resource.depends_on", "d");
}

#[test]
fn unknown_resource_type_is_rejected() {
    let text = with_lines(&resources("G", &[("R", "Phsyical Disk", &[])]));
    assert_rejected(&text, 11, "cluster.group.resource.type", "Phsyical Disk");
}

#[test]
fn declared_resource_types_are_usable_and_may_not_shadow_standard_ones() {
    let mut lines: Vec<String> = [
        "[[cluster.resource_type]]",
        "name = \"Contoso Agent\"",
        "dll = \"contosores.dll\"",
        "class = \"user\"",
    ]
    .map(String::from)
    .to_vec();
    lines.extend(resources("G", &[("Agent", "CONTOSO AGENT", &[])]));
    let world = Topology::parse(&with_lines(&lines)).unwrap().build(1);
    let c = local(&world);
    let t = c.resource_type("contoso agent").unwrap();
    assert_eq!((t.dll_name.as_str(), t.class), ("contosores.dll", 0x8000));
    assert_eq!(c.resources()[&c.find_resource("Agent").unwrap()].resource_type, "Contoso Agent");

    let text = with(&["[[cluster.resource_type]]", "name = \"physical disk\""]);
    assert_rejected(&text, 8, "cluster.resource_type.name", "physical disk");
}

#[test]
fn invalid_node_state_is_rejected() {
    let text = with(&["[[cluster.node]]", "name = \"N3\"", "state = \"crashed\""]);
    assert_rejected(&text, 9, "cluster.node.state", "crashed");
}

#[test]
fn invalid_group_state_is_rejected() {
    let text = with(&["[[cluster.group]]", "name = \"G\"", "state = \"partial\""]);
    assert_rejected(&text, 9, "cluster.group.state", "partial");
}

#[test]
fn invalid_resource_state_is_rejected() {
    let mut lines = resources("G", &[("R", "Generic Service", &[])]);
    lines.push("state = \"onlinepending\"".into());
    assert_rejected(&with_lines(&lines), 12, "cluster.group.resource.state", "onlinepending");
}

#[test]
fn unknown_group_type_is_rejected() {
    let text = with(&["[[cluster.group]]", "name = \"G\"", "type = \"fileserver\""]);
    assert_rejected(&text, 9, "cluster.group.type", "fileserver");
    let text = with(&["[[cluster.group]]", "name = \"G\"", "type = -1"]);
    assert_rejected(&text, 9, "cluster.group.type", "-1");
}

#[test]
fn online_dependent_of_an_offline_provider_is_rejected() {
    // The dependent says online; its provider follows its offline group.
    let mut lines = resources("G", &[("IP", "IP Address", &[]), ("Name", "Network Name", &["IP"])]);
    lines.push("state = \"online\"".into()); // line 16
    assert_rejected(&with_lines(&lines), 16, "cluster.group.resource.state", "online");

    // The group is online, so the dependent is; the provider says offline.
    let mut lines = resources("G", &[("IP", "IP Address", &[])]);
    lines.insert(2, "state = \"online\"".into()); // line 9
    lines.push("state = \"failed\"".into()); // line 13
    lines.extend(
        ["[[cluster.group.resource]]", "name = \"Name\"", "type = \"Network Name\"", "depends_on = [\"IP\"]"]
            .map(String::from),
    );
    assert_rejected(&with_lines(&lines), 13, "cluster.group.resource.state", "failed");
}

#[test]
fn online_group_on_a_down_owner_is_rejected() {
    let text = with(&[
        "[[cluster.node]]",
        "name = \"N3\"",
        "state = \"down\"",
        "[[cluster.group]]",
        "name = \"G\"",
        "owner = \"N3\"", // line 12
        "state = \"online\"",
        "[[cluster.group.resource]]",
        "name = \"R\"",
        "type = \"Generic Service\"",
    ]);
    assert_rejected(&text, 12, "cluster.group.owner", "N3");
}

#[test]
fn online_resource_must_allow_its_owner() {
    let text = with(&[
        "[[cluster.group]]",
        "name = \"G\"",
        "owner = \"N1\"",
        "state = \"online\"",
        "[[cluster.group.resource]]",
        "name = \"R\"",
        "type = \"Generic Service\"",
        "possible_owners = [\"N2\"]",
    ]);
    assert_rejected(&text, 14, "cluster.group.resource.possible_owners", "N1");
}

#[test]
fn unknown_or_unfit_quorum_resource_is_rejected() {
    let mut lines: Vec<String> = BASE.iter().map(|l| l.to_string()).collect();
    lines.insert(2, "quorum = \"Witness\"".into()); // line 3
    lines.extend(resources("G", &[("Disk", "Physical Disk", &[])]));
    let text = lines.join("\n");
    assert_rejected(&text, 3, "cluster.quorum", "Witness");

    let text = text.replace("quorum = \"Witness\"", "quorum = \"disk\"");
    assert!(Topology::parse(&text).is_ok());
    let text = text.replace("Physical Disk", "Generic Service");
    assert_rejected(&text, 3, "cluster.quorum", "disk");
}

#[test]
fn no_cluster_is_rejected() {
    assert_rejected("", 1, "cluster", "");
    assert_rejected("# nothing here\n", 1, "cluster", "");
}

#[test]
fn cluster_without_nodes_is_rejected() {
    let text = with(&["", "[[cluster]]", "name = \"EMPTY\""]);
    assert_rejected(&text, 8, "cluster.node", "EMPTY");
}

#[test]
fn two_local_clusters_are_rejected() {
    let text = with(&[
        "local = true", // belongs to [[cluster.node]] N2: rejected as an unknown key
    ]);
    assert_rejected(&text, 7, "cluster.node.local", "local");

    let text = [
        "[[cluster]]",
        "name = \"A\"",
        "local = true",
        "[[cluster.node]]",
        "name = \"A1\"",
        "[[cluster]]",
        "name = \"B\"",
        "local = true",
        "[[cluster.node]]",
        "name = \"B1\"",
    ]
    .join("\n");
    assert_rejected(&text, 8, "cluster.local", "true");
}

#[test]
fn names_reaching_two_clusters_are_rejected() {
    let text = [
        "[[cluster]]",
        "name = \"A\"",
        "[[cluster.node]]",
        "name = \"N1\"",
        "[[cluster]]",
        "name = \"B\"",
        "[[cluster.node]]",
        "name = \"n1\"",
    ]
    .join("\n");
    assert_rejected(&text, 8, "cluster.node.name", "n1");
}

#[test]
fn empty_names_are_rejected() {
    let text = with(&["[[cluster.group]]", "name = \"  \""]);
    assert_rejected(&text, 8, "cluster.group.name", "  ");
}

#[test]
fn malformed_toml_is_reported_at_its_line() {
    // An unterminated string.
    let text = with(&["[[cluster.group]]", "name = \"G"]);
    assert_rejected(&text, 8, "cluster.group.name", "\"G");
    // A value of the wrong type.
    let text = with(&["[[cluster.node]]", "name = \"N3\"", "id = \"three\""]);
    assert_rejected(&text, 9, "cluster.node.id", "\"three\"");
    // An unknown key, in a table and in an inline table.
    let text = with(&["[[cluster.group]]", "name = \"G\"", "owners = [\"N1\"]"]);
    assert_rejected(&text, 9, "cluster.group.owners", "owners");
    let mut lines = BASE.to_vec();
    lines.insert(2, "version = { windows = \"2019\", sp = 1 }");
    assert_rejected(&lines.join("\n"), 3, "cluster.version.sp", "sp");
    // A misspelt table.
    let text = with(&["[[cluster.grop]]", "name = \"G\""]);
    assert_rejected(&text, 7, "cluster.grop", "grop");
    // A missing key.
    let text = with(&["[[cluster.group]]", "owner = \"N1\""]);
    let (line, key, _) = rejected(&text);
    assert_eq!((line, key.as_str()), (7, "cluster.group.name"));
    // A duplicate key.
    let text = with(&["name = \"N3\""]);
    assert_rejected(&text, 7, "cluster.node.name", "name");
}

#[test]
fn absurd_input_is_rejected_without_panicking() {
    let deep = format!("a = {}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let inline = "x = {y = ".repeat(50_000);
    let ids =
        with(&["[[cluster.node]]", "name = \"N3\"", "id = 4294967295", "[[cluster.node]]", "name = \"N4\""]);
    for text in [deep.as_str(), &inline, "\u{0}", "[[cluster]]\nname = \"\u{1}\"", "\u{feff}[[", &ids] {
        assert!(Topology::parse(text).is_err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any text: an answer, never a panic; when it is an error, its line exists.
    #[test]
    fn parse_never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        if let Err(e) = Topology::parse(&text) {
            prop_assert!(e.line >= 1 && e.line <= text.lines().count().max(1) + 1);
        }
    }

    /// The default fixture, cut short and with one line replaced by noise: an answer, never
    /// a panic; when it parses, it builds a consistent world.
    #[test]
    fn parse_never_panics_on_mangled_fixtures(cut in 0usize..DEFAULT_FIXTURE.len(), line in 0usize..200, noise in "\\PC{0,40}") {
        let mut text: String = DEFAULT_FIXTURE.chars().take(cut).collect();
        text = text.lines().enumerate().map(|(i, l)| if i == line { noise.as_str() } else { l }).collect::<Vec<_>>().join("\n");
        match Topology::parse(&text) {
            Ok(t) => prop_assert_eq!(t.build(3).check_invariants(), Ok(())),
            Err(e) => prop_assert!(e.line >= 1 && e.line <= text.lines().count().max(1) + 1),
        }
    }
}

// ---- the default cluster --------------------------------------------------------------

#[test]
fn default_cluster_has_the_documented_contents() {
    let world = Topology::default_cluster().build(0);
    assert_eq!(world.check_invariants(), Ok(()));
    assert_eq!(world.clusters().len(), 1);
    let c = local(&world);
    assert_eq!((c.name(), c.fqdn()), ("CONTOSO-CLU1", "CONTOSO-CLU1.contoso.com"));
    assert_eq!(c.addresses(), ["10.0.0.100"]);
    assert_eq!((c.version().major, c.version().minor, c.version().build), (10, 0, 20348));

    let nodes: Vec<_> = c.nodes().iter().map(|n| (n.id, n.name.as_str(), n.state)).collect();
    assert_eq!(
        nodes,
        [(1, "NODE1", NodeState::Up), (2, "NODE2", NodeState::Up), (3, "NODE3", NodeState::Up)]
    );

    let groups: Vec<_> = c.groups().values().map(|g| g.name.as_str()).collect();
    assert_eq!(
        groups,
        [
            "Cluster Group",
            "Available Storage",
            "SQL Server (MSSQLSERVER)",
            "FS01",
            "CONTOSO-APP1",
            "Cluster Shared Volume (Cluster Disk 6)"
        ]
    );
    let group = |name: &str| &c.groups()[&c.find_group(name).unwrap()];
    let node = |id| c.node(id).unwrap().name.as_str();
    let expect = [
        ("Cluster Group", 1, true, "NODE1", GroupState::Online),
        ("Available Storage", 2, true, "NODE1", GroupState::Online),
        ("SQL Server (MSSQLSERVER)", 9999, false, "NODE2", GroupState::Online),
        ("FS01", 100, false, "NODE3", GroupState::Online),
        ("CONTOSO-APP1", 108, false, "NODE3", GroupState::Offline),
        ("Cluster Shared Volume (Cluster Disk 6)", 4, false, "NODE1", GroupState::Online),
    ];
    for (name, ty, core, owner, state) in expect {
        let g = group(name);
        assert_eq!(
            (g.group_type, g.core, node(g.owner), c.group_state(g)),
            (ty, core, owner, state),
            "{name}"
        );
    }
    let sql = group("SQL Server (MSSQLSERVER)");
    assert_eq!(sql.preferred_owners.iter().map(|&id| node(id)).collect::<Vec<_>>(), ["NODE2", "NODE3"]);

    let resource = |name: &str| &c.resources()[&c.find_resource(name).unwrap()];
    let deps = |name: &str| {
        resource(name).dependencies.iter().map(|d| c.resources()[d].name.as_str()).collect::<Vec<_>>()
    };
    assert_eq!(deps("Cluster Name"), ["Cluster IP Address"]);
    assert_eq!(deps("SQL Network Name (SQLFCI01)"), ["SQL IP Address 1 (SQLFCI01)"]);
    assert_eq!(deps("SQL Server"), ["SQL Network Name (SQLFCI01)", "Cluster Disk 4"]);
    assert_eq!(deps("SQL Server Agent"), ["SQL Server"]);
    assert_eq!(deps("FS01"), ["IP Address 10.0.0.50"]);
    assert_eq!(deps(r"File Server (\\FS01)"), ["FS01", "Cluster Disk 5"]);
    assert_eq!(deps("Contoso App Service"), ["CONTOSO-APP1"]);
    for name in ["Cluster Name", "Cluster IP Address", "Cluster Disk 1"] {
        assert!(resource(name).core, "{name}");
    }
    assert_eq!(resource("SQL Server").resource_type, "SQL Server");
    assert_eq!(resource("SQL Server").state, ResourceState::Online);
    assert!(resource("SQL Server").persistent_online);
    assert_eq!(resource("Contoso App Service").state, ResourceState::Offline);
    assert_eq!(resource("Cluster Disk 5").possible_owners, [1, 3]);
    assert_eq!(resource("Cluster Disk 4").possible_owners, [1, 2, 3]);
    assert_eq!(c.quorum_resource(), c.find_resource("Cluster Disk 1"));
    let csvs: Vec<&str> = c.shared_volumes().map(|r| r.name.as_str()).collect();
    assert_eq!(csvs, ["Cluster Disk 6"], "the one Cluster Shared Volume");

    let disk = c.resource_type("Physical Disk").unwrap();
    assert_eq!((disk.dll_name.as_str(), disk.class, disk.characteristics & 1), ("clusres.dll", 1, 1));
    assert_eq!(c.resource_type("Network Name").unwrap().class, 2);
    assert_eq!(c.resource_type("Generic Service").unwrap().class, 0);

    let networks: Vec<_> = c.networks().values().map(|n| (n.name.as_str(), n.address.as_str())).collect();
    assert_eq!(networks, [("Cluster Network 1", "10.0.0.0"), ("Cluster Network 2", "192.168.10.0")]);
    let interfaces: BTreeSet<_> =
        c.net_interfaces().values().map(|i| (i.name.as_str(), i.address.as_str())).collect();
    assert_eq!(interfaces.len(), 6);
    assert!(interfaces.contains(&("NODE1 - Ethernet", "10.0.0.11")));
    assert!(interfaces.contains(&("NODE3 - Ethernet 2", "192.168.10.13")));
}

#[test]
fn default_topology_is_parsed_once() {
    assert!(std::ptr::eq(Topology::default_cluster(), Topology::default_cluster()));
    assert_eq!(Topology::default_cluster().cluster_names().collect::<Vec<_>>(), ["CONTOSO-CLU1"]);
}

fn guids(world: &World) -> Vec<String> {
    world
        .clusters()
        .iter()
        .flat_map(|c| {
            c.groups()
                .values()
                .map(|g| g.guid.clone())
                .chain(c.resources().values().map(|r| r.guid.clone()))
                .chain(c.networks().values().map(|n| n.guid.clone()))
                .chain(c.net_interfaces().values().map(|i| i.guid.clone()))
        })
        .collect()
}

#[test]
fn same_seed_gives_same_guids_and_different_seeds_differ() {
    let t = Topology::default_cluster();
    let a = guids(&t.build(7));
    assert_eq!(a, guids(&t.build(7)));
    let b = guids(&t.build(8));
    assert_eq!(a.len(), b.len());
    assert!(a.iter().zip(&b).all(|(x, y)| x != y));
    // All distinct within a world.
    assert_eq!(a.iter().collect::<BTreeSet<_>>().len(), a.len());
    // And a Sim built with a seed sees exactly those.
    let sim = Sim::builder().seed(7).build();
    assert_eq!(sim.harness().inspect(guids), a);
}

#[test]
fn default_sim_opens_by_cluster_fqdn_or_node_name_ignoring_case() {
    let sim = Sim::default();
    for name in [
        None,
        Some("CONTOSO-CLU1"),
        Some("contoso-clu1"),
        Some("Contoso-Clu1.Contoso.Com"),
        Some("node2"),
        Some("NODE3"),
    ] {
        let c = sim.open_cluster(name).unwrap_or_else(|e| panic!("{name:?}: {e}"));
        assert_eq!(sim.cluster_information(c).unwrap().name, "CONTOSO-CLU1");
        let g = sim.open_group(c, "cluster group").unwrap();
        assert_eq!(
            sim.group_state(g).unwrap(),
            GroupStatus { state: GroupState::Online, owner_node: "NODE1".into() }
        );
        sim.close_group(g).unwrap();
        assert!(sim.close_cluster(c));
    }
    assert!(sim.open_cluster(Some("NODE4")).is_err());
    assert_eq!(sim.harness().check_leaks(), Ok(()));
}

#[test]
fn several_clusters_live_side_by_side() {
    let text = r#"
        [[cluster]]
        name = "PROD-CLU"
        fqdn = "prod-clu.corp.example"
        [[cluster.node]]
        name = "PROD-N1"
        [[cluster.node]]
        name = "PROD-N2"
        [[cluster.group]]
        name = "Cluster Group"
        type = 1
        state = "online"
        [[cluster.group.resource]]
        name = "Cluster Name"
        type = "Network Name"

        [[cluster]]
        name = "DR-CLU"
        local = true
        version = { windows = "2016" }
        [[cluster.node]]
        name = "DR-N1"
        id = 5
        [[cluster.node]]
        name = "DR-N2"
        state = "paused"
        [[cluster.group]]
        name = "Cluster Group"
        type = "cluster"
        [[cluster.group.resource]]
        name = "Cluster Name"
        type = "Network Name"
    "#;
    let topology = Topology::parse(text).unwrap();
    assert_eq!(topology.local_cluster_name(), "DR-CLU");
    let world = topology.build(11);
    assert_eq!(world.check_invariants(), Ok(()));
    assert_eq!(world.local(), 1);
    let (prod, dr) = (&world.clusters()[0], &world.clusters()[1]);
    assert_eq!(
        dr.nodes().iter().map(|n| (n.id, n.state)).collect::<Vec<_>>(),
        [(5, NodeState::Up), (6, NodeState::Paused)]
    );
    assert_eq!(dr.version().build, 14393);
    assert_eq!(prod.fqdn(), "prod-clu.corp.example");
    assert_eq!(dr.fqdn(), "DR-CLU.contoso.com");
    // Same names in two clusters, different GUIDs.
    let guid = |c: &Cluster| c.groups()[&c.find_group("Cluster Group").unwrap()].guid.clone();
    assert_ne!(guid(prod), guid(dr));

    let sim = Sim::builder().seed(11).fixture_str(text).unwrap().build();
    for (name, expected, group_state) in [
        (None, "DR-CLU", GroupState::Offline),
        (Some("prod-n2"), "PROD-CLU", GroupState::Online),
        (Some("PROD-CLU.corp.example"), "PROD-CLU", GroupState::Online),
        (Some("dr-n1"), "DR-CLU", GroupState::Offline),
    ] {
        let c = sim.open_cluster(name).unwrap();
        assert_eq!(sim.cluster_information(c).unwrap().name, expected);
        let g = sim.open_group(c, "Cluster Group").unwrap();
        assert_eq!(sim.group_state(g).unwrap().state, group_state);
        sim.close_group(g).unwrap();
        sim.close_cluster(c);
    }
}

#[test]
fn explicit_interfaces_replace_the_automatic_ones() {
    let text = with(&[
        "[[cluster.network]]",
        "name = \"Storage\"",
        "address = \"fd00:10::\"",
        "mask = \"64\"",
        "adapter = \"SAN\"",
        "[[cluster.network.interface]]",
        "node = \"n2\"",
        "address = \"fd00:10::22\"",
    ]);
    let world = Topology::parse(&text).unwrap().build(0);
    let c = local(&world);
    let names: Vec<_> = c.net_interfaces().values().map(|i| (i.name.as_str(), i.address.as_str())).collect();
    assert_eq!(names, [("N2 - SAN", "fd00:10::22")]);

    let text = with(&[
        "[[cluster.network]]",
        "name = \"Storage\"",
        "address = \"10.9.0.0\"",
        "mask = \"255.255.0.0\"",
        "[[cluster.network.interface]]",
        "node = \"N3\"",
    ]);
    assert_rejected(&text, 12, "cluster.network.interface.node", "N3");
}

#[test]
fn names_fold_case_like_windows_including_non_ascii() {
    // One character to one, as RtlUpcaseUnicodeChar: "Ärger" and "ÄRGER" clash, but "ß" stays
    // "ß", so "Straße" and "STRASSE" are two names (this test asserted Unicode's full folding,
    // "ß" = "SS", before: that was the bug).
    let text = with(&["[[cluster.group]]", "name = \"Ärger\"", "[[cluster.group]]", "name = \"ÄRGER\""]);
    assert_rejected(&text, 10, "cluster.group.name", "ÄRGER");
    let text = with(&["[[cluster.group]]", "name = \"Straße\"", "[[cluster.group]]", "name = \"STRASSE\""]);
    let world = Topology::parse(&text).unwrap().build(0);
    let c = local(&world);
    assert_eq!(c.find_group("STRAßE"), c.find_group("straße"));
    assert!(c.find_group("straße").is_some());
    assert_ne!(c.find_group("strasse"), c.find_group("straße"));
    assert!(c.find_group("strasse").is_some());
}

#[test]
fn default_owner_is_the_first_preferred_owner_that_is_up() {
    let text = with(&[
        "[[cluster.node]]",
        "name = \"N3\"",
        "state = \"down\"",
        "[[cluster.group]]",
        "name = \"Preferring\"",
        "preferred_owners = [\"N3\", \"N2\"]",
        "[[cluster.group]]",
        "name = \"Anywhere\"",
    ]);
    let world = Topology::parse(&text).unwrap().build(0);
    let c = local(&world);
    let owner = |g: &str| c.node(c.groups()[&c.find_group(g).unwrap()].owner).unwrap().name.clone();
    assert_eq!((owner("Preferring"), owner("Anywhere")), ("N2".to_string(), "N1".to_string()));
}

#[test]
fn version_presets_and_overrides() {
    let mut lines = BASE.to_vec();
    lines.insert(2, "version = { windows = \"2012 R2\", csd_version = \"Service Pack 0\", flags = 1 }");
    let world = Topology::parse(&lines.join("\n")).unwrap().build(0);
    let v = &local(&world).version();
    assert_eq!((v.major, v.minor, v.build, v.highest, v.flags), (6, 3, 9600, (8 << 16) | 9600, 1));
    assert_eq!(v.csd_version, "Service Pack 0");

    lines[2] = "version = { windows = \"2008\" }";
    assert_rejected(&lines.join("\n"), 3, "cluster.version.windows", "2008");
}

proptest! {
    /// The default fixture with lines deleted, duplicated or moved (which makes duplicate
    /// names, dangling dependencies, cycles, states at odds): whenever it parses, the world
    /// builds and keeps its invariants; otherwise the error points at a line of the text.
    #[test]
    fn shuffled_fixture_lines_parse_to_consistent_worlds_or_errors(
        edits in proptest::collection::vec((0usize..3, 0usize..200, 0usize..200), 1..6),
        seed in any::<u64>(),
    ) {
        let mut lines: Vec<&str> = DEFAULT_FIXTURE.lines().collect();
        for (op, a, b) in edits {
            let (a, b) = (a % lines.len(), b % lines.len());
            match op {
                0 => { lines.remove(a); }
                1 => { let l = lines[a]; lines.insert(b, l); }
                _ => lines.swap(a, b),
            }
            if lines.is_empty() {
                break;
            }
        }
        let text = lines.join("\n");
        match Topology::parse(&text) {
            Ok(t) => prop_assert_eq!(t.build(seed).check_invariants(), Ok(())),
            Err(e) => prop_assert!(e.line >= 1 && e.line <= lines.len().max(1)),
        }
    }
}

// ---- timing and policy --------------------------------------------------------------------

/// One group `G` (lines 7-8) holding one resource `R` of type Generic Service (lines 9-11),
/// followed by `group` lines appended to the group (from line 9 on, before the resource) and
/// `resource` lines appended to the resource.
fn policy_fixture(group: &[&str], resource: &[&str]) -> String {
    let mut lines = vec!["[[cluster.group]]", "name = \"G\""];
    lines.extend_from_slice(group);
    lines.extend_from_slice(&["[[cluster.group.resource]]", "name = \"R\"", "type = \"Generic Service\""]);
    lines.extend_from_slice(resource);
    with(&lines)
}

#[test]
fn every_timing_and_policy_key_reaches_the_world() {
    let text = with(&[
        "[[cluster.resource_type]]",
        "name = \"Lab Agent\"",
        "online_delay_ms = 250",
        "offline_delay_ms = 125",
        "[[cluster.type_delay]]",
        "type = \"physical disk\"",
        "online_ms = 2000",
        "offline_ms = 1000",
        "[[cluster.type_delay]]",
        "type = \"Lab Agent\"",
        "offline_ms = 50", // online stays 250
        "[[cluster.type_delay]]",
        "type = \"IP Address\"",
        "online_ms = 10", // offline stays 0
        "[[cluster.group]]",
        "name = \"G\"",
        "failover_threshold = 4",
        "failover_period_hours = 1193",
        "auto_failback = true",
        "failback_window = [22, 4]",
        "anti_affinity_class_names = [\"SQL\", \"Tier 1\"]",
        "priority = 3000",
        "[[cluster.group.resource]]",
        "name = \"R\"",
        "type = \"Lab Agent\"",
        "online_delay_ms = 1500",
        "offline_delay_ms = 0",
        "restart_action = \"restart_no_notify\"",
        "restart_threshold = 5",
        "restart_period_ms = 60000",
        "restart_delay_ms = 100",
        "retry_period_ms = \"never\"",
        "[[cluster.group.resource]]",
        "name = \"Disk\"",
        "type = \"Physical Disk\"",
        "restart_action = 0",
        "retry_period_ms = 7",
        "[[cluster.group]]",
        "name = \"H\"",
        "failover_threshold = \"nodes-1\"",
        "failover_period_hours = 0",
        "priority = \"no_auto_start\"",
        "failback_window = [0, 23]",
        "auto_failback = false",
    ]);
    let world = Topology::parse(&text).unwrap().build(0);
    assert_eq!(world.check_invariants(), Ok(()));
    let c = local(&world);

    let delays = |t: &str| {
        let t = c.resource_type(t).unwrap();
        (t.online_delay_ms, t.offline_delay_ms)
    };
    assert_eq!(delays("Lab Agent"), (250, 50));
    assert_eq!(delays("Physical Disk"), (2000, 1000));
    assert_eq!(delays("IP Address"), (10, 0));
    assert_eq!(delays("Network Name"), (0, 0));

    let g = &c.groups()[&c.find_group("G").unwrap()];
    assert_eq!(
        g.failover,
        FailoverPolicy {
            threshold: 4,
            period_hours: 1193,
            auto_failback: true,
            failback_window_start: 22,
            failback_window_end: 4,
            anti_affinity_class_names: vec!["SQL".into(), "Tier 1".into()],
            priority: 3000,
        }
    );
    let h = &c.groups()[&c.find_group("H").unwrap()];
    assert_eq!(
        h.failover,
        FailoverPolicy {
            threshold: u32::MAX,
            period_hours: 0,
            auto_failback: false,
            failback_window_start: 0,
            failback_window_end: 23,
            anti_affinity_class_names: vec![],
            priority: 0,
        }
    );

    let r = &c.resources()[&c.find_resource("R").unwrap()];
    assert_eq!((r.online_delay_ms, r.offline_delay_ms), (Some(1500), Some(0)));
    assert_eq!(
        r.restart,
        RestartPolicy {
            action: RestartAction::RestartNoNotify,
            threshold: 5,
            period_ms: 60_000,
            delay_ms: 100,
            retry_period_ms: u32::MAX,
        }
    );
    let disk = &c.resources()[&c.find_resource("Disk").unwrap()];
    assert_eq!((disk.online_delay_ms, disk.offline_delay_ms), (None, None));
    assert_eq!(
        disk.restart,
        RestartPolicy { action: RestartAction::DontRestart, retry_period_ms: 7, ..RestartPolicy::default() }
    );
}

#[test]
fn timing_and_policy_keys_default_to_the_documented_values() {
    let text = with(&[
        "[[cluster.resource_type]]",
        "name = \"Lab Agent\"",
        "[[cluster.group]]",
        "name = \"G\"",
        "[[cluster.group.resource]]",
        "name = \"R\"",
        "type = \"Lab Agent\"",
    ]);
    let world = Topology::parse(&text).unwrap().build(0);
    let c = local(&world);
    let t = c.resource_type("Lab Agent").unwrap();
    assert_eq!((t.online_delay_ms, t.offline_delay_ms), (0, 0));
    let g = &c.groups()[&c.find_group("G").unwrap()];
    assert_eq!(g.failover, FailoverPolicy::default());
    assert_eq!((g.failover.threshold, g.failover.period_hours, g.failover.priority), (u32::MAX, 6, 2000));
    let r = &c.resources()[&c.find_resource("R").unwrap()];
    assert_eq!((r.online_delay_ms, r.offline_delay_ms), (None, None));
    assert_eq!(r.restart, RestartPolicy::default());
    assert_eq!(
        (
            r.restart.action,
            r.restart.threshold,
            r.restart.period_ms,
            r.restart.delay_ms,
            r.restart.retry_period_ms
        ),
        (RestartAction::RestartNotify, 3, 900_000, 500, 3_600_000)
    );
}

#[test]
fn unknown_timing_and_policy_keys_are_rejected() {
    let text = policy_fixture(&[], &["restart_actoin = 1"]);
    assert_rejected(&text, 12, "cluster.group.resource.restart_actoin", "restart_actoin");
    let text = policy_fixture(&["failover_treshold = 1"], &[]);
    assert_rejected(&text, 9, "cluster.group.failover_treshold", "failover_treshold");
    // A type delay takes online_ms / offline_ms, not the resource's key names.
    let text = with(&["[[cluster.type_delay]]", "type = \"Physical Disk\"", "online_delay_ms = 5"]);
    assert_rejected(&text, 9, "cluster.type_delay.online_delay_ms", "online_delay_ms");
}

#[test]
fn timing_and_policy_values_of_the_wrong_type_are_rejected() {
    let text = policy_fixture(&[], &["online_delay_ms = \"fast\""]);
    assert_rejected(&text, 12, "cluster.group.resource.online_delay_ms", "fast");
    let text = policy_fixture(&[], &["restart_delay_ms = 0.5"]);
    assert_rejected(&text, 12, "cluster.group.resource.restart_delay_ms", "0.5");
    let text = policy_fixture(&["auto_failback = \"yes\""], &[]);
    assert_rejected(&text, 9, "cluster.group.auto_failback", "\"yes\"");
    let text = policy_fixture(&["failback_window = 22"], &[]);
    assert_rejected(&text, 9, "cluster.group.failback_window", "22");
    let text = policy_fixture(&["anti_affinity_class_names = \"SQL\""], &[]);
    assert_rejected(&text, 9, "cluster.group.anti_affinity_class_names", "\"SQL\"");
    let text = policy_fixture(&["priority = true"], &[]);
    assert_rejected(&text, 9, "cluster.group.priority", "true");
    let text = with(&["[[cluster.resource_type]]", "name = \"T\"", "offline_delay_ms = [1]"]);
    assert_rejected(&text, 9, "cluster.resource_type.offline_delay_ms", "[1]");
}

#[test]
fn out_of_range_failover_period_is_rejected() {
    let text = policy_fixture(&["failover_period_hours = 1194"], &[]);
    assert_rejected(&text, 9, "cluster.group.failover_period_hours", "1194");
    assert!(Topology::parse(&text.replace("1194", "1193")).is_ok());
}

#[test]
fn out_of_range_failback_window_hours_are_rejected() {
    let text = policy_fixture(&["failback_window = [", "  22,", "  24,", "]"], &[]);
    assert_rejected(&text, 11, "cluster.group.failback_window", "24");
    let text = policy_fixture(&["failback_window = [-1, 5]"], &[]);
    assert_rejected(&text, 9, "cluster.group.failback_window", "-1");
    // Exactly two hours.
    let text = policy_fixture(&["failback_window = [1, 2, 3]"], &[]);
    assert_rejected(&text, 9, "cluster.group.failback_window", "[1, 2, 3]");
}

#[test]
fn negative_or_too_large_numbers_are_rejected() {
    let text = policy_fixture(&[], &["restart_delay_ms = -1"]);
    assert_rejected(&text, 12, "cluster.group.resource.restart_delay_ms", "-1");
    let text = policy_fixture(&[], &["offline_delay_ms = 4294967296"]);
    assert_rejected(&text, 12, "cluster.group.resource.offline_delay_ms", "4294967296");
    let text = policy_fixture(&["priority = -1000"], &[]);
    assert_rejected(&text, 9, "cluster.group.priority", "-1000");
    let text = policy_fixture(&["failover_threshold = -2"], &[]);
    assert_rejected(&text, 9, "cluster.group.failover_threshold", "-2");
    let text = with(&["[[cluster.type_delay]]", "type = \"Physical Disk\"", "offline_ms = -3"]);
    assert_rejected(&text, 9, "cluster.type_delay.offline_ms", "-3");
}

#[test]
fn unknown_restart_action_is_rejected() {
    let text = policy_fixture(&[], &["restart_action = \"restart\""]);
    assert_rejected(&text, 12, "cluster.group.resource.restart_action", "restart");
    let text = policy_fixture(&[], &["restart_action = 3"]);
    assert_rejected(&text, 12, "cluster.group.resource.restart_action", "3");
    // Names ignore case, and `-` or a space reads as `_`.
    let text = policy_fixture(&[], &["restart_action = \"Restart-No-Notify\""]);
    let world = Topology::parse(&text).unwrap().build(0);
    let c = local(&world);
    assert_eq!(c.resources()[&c.find_resource("R").unwrap()].restart.action, RestartAction::RestartNoNotify);
}

#[test]
fn unknown_special_values_are_rejected() {
    let text = policy_fixture(&[], &["retry_period_ms = \"forever\""]);
    assert_rejected(&text, 12, "cluster.group.resource.retry_period_ms", "forever");
    let text = policy_fixture(&["failover_threshold = \"nodes\""], &[]);
    assert_rejected(&text, 9, "cluster.group.failover_threshold", "nodes");
    let text = policy_fixture(&["priority = \"urgent\""], &[]);
    assert_rejected(&text, 9, "cluster.group.priority", "urgent");
}

#[test]
fn empty_anti_affinity_class_name_is_rejected() {
    let text = policy_fixture(&["anti_affinity_class_names = [\"SQL\", \"\"]"], &[]);
    assert_rejected(&text, 9, "cluster.group.anti_affinity_class_names", "");
}

#[test]
fn type_delay_for_an_unknown_or_repeated_type_is_rejected() {
    let text = with(&["[[cluster.type_delay]]", "type = \"Phsyical Disk\"", "online_ms = 5"]);
    assert_rejected(&text, 8, "cluster.type_delay.type", "Phsyical Disk");
    let text = with(&[
        "[[cluster.type_delay]]",
        "type = \"Physical Disk\"",
        "online_ms = 5",
        "[[cluster.type_delay]]",
        "type = \"PHYSICAL DISK\"",
        "offline_ms = 5",
    ]);
    assert_rejected(&text, 11, "cluster.type_delay.type", "PHYSICAL DISK");
    let text = with(&["[[cluster.type_delay]]", "online_ms = 5"]);
    let (line, key, _) = rejected(&text);
    assert_eq!((line, key.as_str()), (7, "cluster.type_delay.type"));
}

#[test]
fn a_fixture_resource_delay_makes_online_pending_until_the_clock_passes_it() {
    let text = policy_fixture(&["owner = \"N1\""], &["online_delay_ms = 1500"]);
    let sim = Sim::builder().fixture_str(&text).unwrap().build();
    let cluster = sim.open_cluster(None).unwrap();
    let r = sim.open_resource(cluster, "R").unwrap();
    assert_eq!(sim.resource_state(r).unwrap().state, ResourceState::Offline);
    assert_eq!(sim.online_resource(r), Ok(Completion::Pending));
    assert_eq!(sim.resource_state(r).unwrap().state, ResourceState::OnlinePending);
    sim.harness().advance(Duration::from_millis(1499));
    assert_eq!(sim.resource_state(r).unwrap().state, ResourceState::OnlinePending);
    sim.harness().advance(Duration::from_millis(1));
    assert_eq!(sim.resource_state(r).unwrap().state, ResourceState::Online);
    sim.close_resource(r).unwrap();
    sim.close_cluster(cluster);
    assert_eq!(sim.harness().check_leaks(), Ok(()));
}

#[test]
fn a_fixture_type_delay_applies_to_standard_types() {
    let text = with(&[
        "[[cluster.type_delay]]",
        "type = \"Generic Service\"",
        "online_ms = 1500",
        "[[cluster.group]]",
        "name = \"G\"",
        "[[cluster.group.resource]]",
        "name = \"R\"",
        "type = \"Generic Service\"",
    ]);
    let sim = Sim::builder().fixture_str(&text).unwrap().build();
    let cluster = sim.open_cluster(None).unwrap();
    let r = sim.open_resource(cluster, "R").unwrap();
    assert_eq!(sim.online_resource(r), Ok(Completion::Pending));
    sim.harness().advance(Duration::from_millis(1500));
    assert_eq!(sim.resource_state(r).unwrap().state, ResourceState::Online);
    sim.close_resource(r).unwrap();
    sim.close_cluster(cluster);
}

// ---- properties ---------------------------------------------------------------------------

/// A fixture that sets properties on every kind of object.
const PROPERTIES_FIXTURE: &str = r#"
[[cluster]]
name = "LAB"
properties = { Description = "lab cluster", SameSubnetThreshold = 10 }
private = { Zeta = "z", Alpha = -5, Big = 5000000000, Flag = true, List = ["a", "b"] }

[[cluster.node]]
name = "N1"
properties = { SerialNumber = "SN-1", NodeWeight = 0 }
private = { Rack = "R7" }

[[cluster.resource_type]]
name = "Lab Agent"
display_name = "Lab agent"
properties = { Description = "The lab agent", DumpPolicy = 7, AdminExtensions = ["{ext}"] }
private = { Knob = 3 }

[[cluster.network]]
name = "Net"
address = "10.1.0.0"
mask = "255.255.255.0"
properties = { Role = 1, Metric = 200 }
[[cluster.network.interface]]
node = "N1"
properties = { Description = "primary NIC" }

[[cluster.group]]
name = "G"
failover_threshold = 2
properties = { FailoverThreshold = 4, DefaultOwner = 1, AntiAffinityClassNames = ["x", "y"] }
private = { Note = "n" }

[[cluster.group.resource]]
name = "IP"
type = "IP Address"
restart_threshold = 5
properties = { RestartThreshold = 7, PendingTimeout = 60000, Description = "ip" }
private = { Address = "10.1.0.5", SubnetMask = "255.255.255.0", Network = "Net", EnableDhcp = false, LeaseObtainedTime = 133000000000000000, Extra = 1 }

[[cluster.group.resource]]
name = "Agent"
type = "Lab Agent"
[cluster.group.resource.private]
Path = '%SystemRoot%\agent'
Weight = -7

[[cluster.group.resource]]
name = "Disk"
type = "physical disk"
private = { DiskIdType = 1, DiskSignature = 0xDEADBEEF }
"#;

#[test]
fn fixture_properties_land_on_every_object() {
    use clusapi_sim::property::Value;
    let world = Topology::parse(PROPERTIES_FIXTURE).unwrap().build(0);
    assert_eq!(world.check_invariants(), Ok(()));
    let c = world.local_cluster();
    let sz = |s: &str| Some(Value::Sz(s.into()));

    assert_eq!(c.properties().get("description").cloned(), sz("lab cluster"));
    assert_eq!(c.properties().get("SameSubnetThreshold"), Some(&Value::Dword(10)));
    // Private properties keep the order written, and take their format from the TOML type.
    let private: Vec<_> = c.private_properties().iter().map(|(n, v)| (n.to_string(), v.clone())).collect();
    assert_eq!(
        private,
        [
            ("Zeta".to_string(), Value::Sz("z".into())),
            ("Alpha".to_string(), Value::Long(-5)),
            ("Big".to_string(), Value::ULargeInteger(5_000_000_000)),
            ("Flag".to_string(), Value::Dword(1)),
            ("List".to_string(), Value::MultiSz(vec!["a".into(), "b".into()])),
        ]
    );

    let n1 = c.node_by_name("N1").unwrap();
    assert_eq!(n1.properties.get("SerialNumber").cloned(), sz("SN-1"));
    assert_eq!(n1.properties.get("NodeWeight"), Some(&Value::Dword(0)));
    assert_eq!(n1.private.get("Rack").cloned(), sz("R7"));

    // A resource type's Description is its display name.
    let t = c.resource_type("lab agent").unwrap();
    assert_eq!(t.display_name, "The lab agent");
    assert_eq!(t.properties.get("DumpPolicy"), Some(&Value::ULargeInteger(7)));
    assert_eq!(t.properties.get("AdminExtensions"), Some(&Value::MultiSz(vec!["{ext}".into()])));
    assert_eq!(t.private.get("Knob"), Some(&Value::Dword(3)));

    let net = &c.networks()[&c.find_network("Net").unwrap()];
    assert_eq!(
        (net.properties.get("Role"), net.properties.get("Metric")),
        (Some(&Value::Dword(1)), Some(&Value::Dword(200)))
    );
    let nic = &c.net_interfaces()[&c.find_net_interface("N1 - Ethernet").unwrap()];
    assert_eq!(nic.properties.get("Description").cloned(), sz("primary NIC"));

    // Field-backed common properties set the typed fields, over the plain keys.
    let g = &c.groups()[&c.find_group("G").unwrap()];
    assert_eq!(g.failover.threshold, 4);
    assert_eq!(g.failover.anti_affinity_class_names, ["x", "y"]);
    assert_eq!(g.properties.get("DefaultOwner"), Some(&Value::Dword(1)));
    assert_eq!(g.private.get("Note").cloned(), sz("n"));

    let r = |name: &str| &c.resources()[&c.find_resource(name).unwrap()];
    let ip = r("IP");
    assert_eq!(ip.restart.threshold, 7);
    assert_eq!(ip.properties.get("PendingTimeout"), Some(&Value::Dword(60_000)));
    assert_eq!(ip.private.get("Address").cloned(), sz("10.1.0.5"));
    assert_eq!(ip.private.get("Network").cloned(), sz("Net"));
    assert_eq!(ip.private.get("EnableDhcp"), Some(&Value::Dword(0)));
    assert_eq!(ip.private.get("LeaseObtainedTime"), Some(&Value::FileTime(133_000_000_000_000_000)));
    assert_eq!(ip.private.get("Extra"), Some(&Value::Dword(1)));
    // A type without a private schema stores what it is given (a string is an SZ).
    let agent = r("Agent");
    assert_eq!(agent.private.get("Path").cloned(), sz(r"%SystemRoot%\agent"));
    assert_eq!(agent.private.get("Weight"), Some(&Value::Long(-7)));
    let disk = r("Disk");
    assert_eq!(disk.private.get("DiskSignature"), Some(&Value::Dword(0xDEAD_BEEF)));
    assert_eq!(disk.private.get("DiskIdType"), Some(&Value::Dword(1)));
}

/// One group `G` (lines 7-8) with one resource `R` of type `ty` (lines 9-11), then `extra`.
fn resource_fixture(ty: &str, extra: &[&str]) -> String {
    let ty = format!("type = \"{ty}\"");
    let mut lines =
        vec!["[[cluster.group]]", "name = \"G\"", "[[cluster.group.resource]]", "name = \"R\"", &ty];
    lines.extend_from_slice(extra);
    with(&lines)
}

#[track_caller]
fn assert_refused(text: &str, line: usize, key: &str, value: &str, message: &str) {
    assert_rejected(text, line, key, value);
    let err = Topology::parse(text).unwrap_err();
    assert!(err.message.contains(message), "{:?} lacks {message:?}", err.message);
}

#[test]
fn unknown_common_properties_are_rejected() {
    let text = with(&["[[cluster.group]]", "name = \"G\"", "properties = { Bogus = 1 }"]);
    assert_refused(&text, 9, "cluster.group.properties.Bogus", "1", "unknown property");
    // Private properties are not common ones.
    let text = resource_fixture("IP Address", &["properties = { Address = \"10.0.0.5\" }"]);
    assert_refused(&text, 12, "cluster.group.resource.properties.Address", "10.0.0.5", "unknown property");
    let text = with(&[
        "[[cluster.network]]",
        "name = \"Net\"",
        "address = \"10.1.0.0\"",
        "mask = \"24\"",
        "[[cluster.network.interface]]",
        "node = \"N1\"",
        "properties = { Role = 1 }",
    ]);
    assert_refused(&text, 13, "cluster.network.interface.properties.Role", "1", "net interface");
}

#[test]
fn computed_common_properties_are_rejected() {
    let text = resource_fixture("Generic Service", &["properties = { Name = \"X\" }"]);
    assert_refused(&text, 12, "cluster.group.resource.properties.Name", "X", "computed");
    // Whatever the value's type.
    let text = resource_fixture("Generic Service", &["properties = { Type = 5 }"]);
    assert_refused(&text, 12, "cluster.group.resource.properties.Type", "5", "computed");
    let text = with(&["[[cluster.resource_type]]", "name = \"T\"", "properties = { DllName = \"x.dll\" }"]);
    assert_refused(&text, 9, "cluster.resource_type.properties.DllName", "x.dll", "computed");
    let text = with(&["[cluster.node.properties]", "NodeDrainStatus = 1"]);
    assert_refused(&text, 8, "cluster.node.properties.NodeDrainStatus", "1", "computed");
    let text = with(&[
        "[[cluster.network]]",
        "name = \"Net\"",
        "address = \"10.1.0.0\"",
        "mask = \"24\"",
        "properties = { Address = \"10.2.0.0\" }",
    ]);
    assert_refused(&text, 11, "cluster.network.properties.Address", "10.2.0.0", "computed");
}

#[test]
fn property_values_of_the_wrong_type_are_rejected() {
    let text = resource_fixture("Generic Service", &["properties = { RestartThreshold = \"three\" }"]);
    assert_refused(&text, 12, "cluster.group.resource.properties.RestartThreshold", "three", "DWORD");
    let text = resource_fixture("IP Address", &["[cluster.group.resource.private]", "Address = 10"]);
    assert_refused(&text, 13, "cluster.group.resource.private.Address", "10", "SZ (a string)");
    let text = with(&["[[cluster.group]]", "name = \"G\"", "properties = { AntiAffinityClassNames = [1] }"]);
    assert_refused(&text, 9, "cluster.group.properties.AntiAffinityClassNames", "[1]", "MULTI_SZ");
    let text = with(&["[[cluster.resource_type]]", "name = \"T\"", "properties = { DumpPolicy = \"x\" }"]);
    assert_refused(&text, 9, "cluster.resource_type.properties.DumpPolicy", "x", "ULARGE_INTEGER");
    let text = with(&["[cluster.node.properties]", "SerialNumber = [\"a\"]"]);
    assert_refused(&text, 8, "cluster.node.properties.SerialNumber", "[\"a\"]", "SZ");
    // Without a schema: integers, bools, strings and arrays of strings only.
    let text = with(&["[cluster.node.private]", "Ratio = 1.5"]);
    assert_refused(&text, 8, "cluster.node.private.Ratio", "1.5", "without a schema");
    let text = with(&["[cluster.node.private]", "Mixed = [\"a\", 1]"]);
    assert_refused(&text, 8, "cluster.node.private.Mixed", "[\"a\", 1]", "without a schema");
}

#[test]
fn property_values_out_of_range_are_rejected() {
    let text = resource_fixture("Generic Service", &["properties = { RestartAction = 5 }"]);
    assert_refused(&text, 12, "cluster.group.resource.properties.RestartAction", "5", "0 to 2");
    let text = resource_fixture("Generic Service", &["properties = { PendingTimeout = -1 }"]);
    assert_refused(&text, 12, "cluster.group.resource.properties.PendingTimeout", "-1", "out of range");
    let text = resource_fixture("Generic Service", &["properties = { PendingTimeout = 4294967296 }"]);
    assert_refused(
        &text,
        12,
        "cluster.group.resource.properties.PendingTimeout",
        "4294967296",
        "out of range",
    );
    // The property's own range, also for a value no DWORD can hold.
    let text = resource_fixture("Generic Service", &["properties = { RestartAction = -1 }"]);
    assert_refused(&text, 12, "cluster.group.resource.properties.RestartAction", "-1", "0 to 2");
    let text = resource_fixture("Physical Disk", &["private = { MaxIoLatency = -1 }"]);
    assert_refused(&text, 12, "cluster.group.resource.private.MaxIoLatency", "-1", "1000 to 60000");
    let text = with(&["[cluster.node.properties]", "NodeWeight = 2"]);
    assert_refused(&text, 8, "cluster.node.properties.NodeWeight", "2", "0 to 1");
    let text = with(&["[[cluster.group]]", "name = \"G\"", "properties = { FailbackWindowStart = 24 }"]);
    assert_refused(&text, 9, "cluster.group.properties.FailbackWindowStart", "24", "out of range");
    let text = resource_fixture(
        "IP Address",
        &["private = { Address = \"a\", SubnetMask = \"m\", Network = \"n\", ProbePort = 70000 }"],
    );
    assert_refused(&text, 12, "cluster.group.resource.private.ProbePort", "70000", "0 to 65535");
    let text = resource_fixture("IP Address", &["private = { LeaseObtainedTime = -1 }"]);
    assert_refused(&text, 12, "cluster.group.resource.private.LeaseObtainedTime", "-1", "out of range");
    let text = with(&["[cluster.private]", "Tiny = -2147483649"]);
    assert_refused(&text, 8, "cluster.private.Tiny", "-2147483649", "out of range");
}

#[test]
fn a_private_table_must_hold_the_types_required_properties() {
    // The error is on the resource's name line and names the first missing property.
    let text = resource_fixture("IP Address", &["private = { Address = \"10.0.0.5\", EnableDhcp = 0 }"]);
    assert_refused(&text, 10, "cluster.group.resource.private", "SubnetMask", "Address, SubnetMask, Network");
    let text = resource_fixture("Network Name", &["private = { DnsName = \"X\" }"]);
    assert_refused(&text, 10, "cluster.group.resource.private", "Name", "required");
    let text = resource_fixture(
        "Generic Service",
        &["[cluster.group.resource.private]", "StartupParameters = \"-x\""],
    );
    assert_refused(&text, 10, "cluster.group.resource.private", "ServiceName", "required");
    let text = resource_fixture("File Share Witness", &["private = { ArbitrationDelay = 6 }"]);
    assert_refused(&text, 10, "cluster.group.resource.private", "SharePath", "required");
    // Names ignore case; Physical Disk needs nothing without a default; no `private`, no check.
    for (ty, extra) in [
        ("Generic Service", "private = { servicename = \"Svc\" }"),
        (
            "Physical Disk",
            "private = { DiskIdType = 2, DiskIdGuid = \"{00000000-0000-0000-0000-000000000001}\" }",
        ),
        ("IP Address", "core = false"),
        ("Network Name", "properties = { Description = \"no private table\" }"),
    ] {
        let text = resource_fixture(ty, &[extra]);
        let world = Topology::parse(&text).unwrap_or_else(|e| panic!("{e}")).build(0);
        assert_eq!(world.check_invariants(), Ok(()));
    }
    let world =
        Topology::parse(&resource_fixture("Generic Service", &["private = { servicename = \"Svc\" }"]))
            .unwrap()
            .build(0);
    let r = &world.local_cluster().resources()[&world.local_cluster().find_resource("R").unwrap()];
    // Stored under the schema's spelling.
    assert_eq!(r.private.iter().map(|(n, _)| n).collect::<Vec<_>>(), ["ServiceName"]);
}

#[test]
fn a_property_set_twice_is_rejected() {
    let text =
        resource_fixture("Generic Service", &["private = { ServiceName = \"a\", servicename = \"b\" }"]);
    assert_refused(&text, 12, "cluster.group.resource.private.servicename", "b", "already set");
    let text = with(&["[cluster.properties]", "Description = \"a\"", "DESCRIPTION = \"b\""]);
    assert_refused(&text, 9, "cluster.properties.DESCRIPTION", "b", "already set");
    // Not a table at all: the TOML error names the key.
    let text = with(&["[[cluster.group]]", "name = \"G\"", "private = 5"]);
    let (line, key, _) = rejected(&text);
    assert_eq!((line, key.as_str()), (9, "cluster.group.private"));
}

#[test]
fn default_cluster_has_the_documented_properties() {
    use clusapi_sim::property::Value;
    let world = Topology::default_cluster().build(0);
    let c = world.local_cluster();
    let private = |resource: &str, name: &str| {
        let r = &c.resources()[&c.find_resource(resource).unwrap_or_else(|| panic!("{resource}"))];
        r.private.get(name).cloned().unwrap_or_else(|| panic!("{resource} has no {name}"))
    };
    let sz = |s: &str| Value::Sz(s.into());
    for (resource, address) in [
        ("Cluster IP Address", "10.0.0.100"),
        ("SQL IP Address 1 (SQLFCI01)", "10.0.0.60"),
        ("IP Address 10.0.0.50", "10.0.0.50"),
        ("IP Address 10.0.0.70", "10.0.0.70"),
    ] {
        assert_eq!(private(resource, "Address"), sz(address), "{resource}");
        assert_eq!(private(resource, "SubnetMask"), sz("255.255.255.0"), "{resource}");
        assert_eq!(private(resource, "Network"), sz("Cluster Network 1"), "{resource}");
        assert_eq!(private(resource, "EnableDhcp"), Value::Dword(0), "{resource}");
    }
    assert_eq!(
        c.addresses(),
        [match private("Cluster IP Address", "Address") {
            Value::Sz(s) => s,
            other => panic!("{other:?}"),
        }]
    );
    for (resource, name) in [
        ("Cluster Name", "CONTOSO-CLU1"),
        ("SQL Network Name (SQLFCI01)", "SQLFCI01"),
        ("FS01", "FS01"),
        ("CONTOSO-APP1", "CONTOSO-APP1"),
    ] {
        assert_eq!(private(resource, "Name"), sz(name), "{resource}");
        assert_eq!(private(resource, "DnsName"), sz(name), "{resource}");
        assert_eq!(private(resource, "DnsSuffix"), sz("contoso.com"), "{resource}");
    }
    // Disks: MBR ones by signature, GPT ones by GUID, all distinct.
    let mut ids = BTreeSet::new();
    for (disk, id_type) in [
        ("Cluster Disk 1", 1),
        ("Cluster Disk 2", 2),
        ("Cluster Disk 3", 1),
        ("Cluster Disk 4", 2),
        ("Cluster Disk 5", 2),
    ] {
        assert_eq!(private(disk, "DiskIdType"), Value::Dword(id_type), "{disk}");
        let id = private(disk, if id_type == 1 { "DiskSignature" } else { "DiskIdGuid" });
        assert!(ids.insert(format!("{id:?}")), "{disk}");
    }
    assert_eq!(private("Cluster Disk 1", "DiskSignature"), Value::Dword(0x6E8A_4B1C));
    assert_eq!(private("Cluster Disk 2", "DiskIdGuid"), sz("{5C3B1E8A-9F42-4D6B-A1C7-2E9D0B4F6A13}"));
    assert_eq!(private("Contoso App Service", "ServiceName"), sz("ContosoAppSvc"));
    assert_eq!(private("SQL Server", "InstanceName"), sz("MSSQLSERVER"));
    assert_eq!(private("SQL Server", "VirtualServerName"), sz("SQLFCI01"));

    // Every resource of a type with required private properties has them all.
    for r in c.resources().values() {
        for name in clusapi_sim::property::required_private(&r.resource_type) {
            assert!(r.private.get(name).is_some(), "{} lacks {name}", r.name);
        }
    }
    let serials: BTreeSet<_> = c
        .nodes()
        .iter()
        .map(|n| format!("{:?}", n.properties.get("SerialNumber").expect("a serial number")))
        .collect();
    assert_eq!(serials.len(), 3);
}

// ---- faults -----------------------------------------------------------------------------

#[test]
fn fault_tables_script_the_simulators_faults() {
    let text = with(&[
        "[[cluster.group]]",                  // 7
        "name = \"G\"",                       // 8
        "owner = \"N1\"",                     // 9
        "[[cluster.group.resource]]",         // 10
        "name = \"R\"",                       // 11
        "type = \"Generic Service\"",         // 12
        "[[fault]]",                          // 13
        "function = \"OpenClusterGroup\"",    // 14
        "object = \"g\"",                     // 15
        "nth = 2",                            // 16
        "code = \"ERROR_NOT_ENOUGH_MEMORY\"", // 17
        "[[fault]]",                          // 18
        "function = \"OpenClusterNode\"",     // 19
        "effect = \"node_down\"",             // 20
        "node = \"N2\"",                      // 21
        "after_ms = 1000",                    // 22
    ]);
    let topology = Topology::parse(&text).unwrap();
    assert_eq!(topology.faults().len(), 2);
    let sim = clusapi_sim::Sim::builder().fixture_str(&text).unwrap().build();
    let cluster = sim.open_cluster(None).unwrap();
    let g = sim.open_group(cluster, "G").unwrap();
    assert_eq!(sim.open_group(cluster, "G").unwrap_err().code(), 8, "the second open fails");
    let n2 = sim.open_node(cluster, "N2").unwrap();
    assert_eq!(sim.node_state(n2).unwrap(), NodeState::Up, "not yet");
    sim.harness().advance(std::time::Duration::from_millis(1000));
    assert_eq!(sim.node_state(n2).unwrap(), NodeState::Down, "1 s after the open");
    let _ = g;
    sim.close_cluster(cluster);
}

#[test]
fn bad_fault_tables_are_rejected_with_line_key_and_value() {
    let fault = |lines: &[&str]| {
        let mut all = vec!["[[fault]]"]; // line 7
        all.extend_from_slice(lines);
        with(&all)
    };
    assert_rejected(&fault(&["effect = \"explode\""]), 8, "fault.effect", "explode");
    assert_rejected(&fault(&["code = \"ERROR_NO_SUCH_THING\""]), 8, "fault.code", "ERROR_NO_SUCH_THING");
    assert_rejected(&fault(&["code = -1"]), 8, "fault.code", "-1");
    assert_rejected(&fault(&["effect = \"node_down\"", "node = \"N9\""]), 9, "fault.node", "N9");
    assert_rejected(&fault(&["effect = \"hang\"", "resource = \"Nope\""]), 9, "fault.resource", "Nope");
    assert_rejected(&fault(&["effect = \"fail_resource\""]), 8, "fault.effect", "fail_resource");
    assert_rejected(&fault(&["nth = 2", "times = 3", "code = 5"]), 8, "fault.nth", "2");
    assert_rejected(&fault(&["nth = 0", "code = 5"]), 8, "fault.nth", "0");
    assert_rejected(&fault(&["probability = 1.5", "code = 5"]), 8, "fault.probability", "1.5");
    assert_rejected(&fault(&["function = \"\"", "code = 5"]), 8, "fault.function", "");
}
