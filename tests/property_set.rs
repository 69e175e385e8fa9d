//! Property tests of SET_COMMON_PROPERTIES and SET_PRIVATE_PROPERTIES with arbitrary input:
//! random bytes, and valid lists of random properties with random values, sometimes cut
//! short or with a byte flipped. Whatever the input:
//!
//! * the call never panics;
//! * when it fails (anything but `ERROR_SUCCESS` and `ERROR_RESOURCE_PROPERTIES_STORED`), the
//!   whole world is as it was (validate everything, then store);
//! * when it succeeds, GET reads back every value it set (the last one of a name that came
//!   twice), and VALIDATE of the same input succeeds too, storing nothing.

use clusapi_sim::Sim;
use clusapi_sim::property::{PropertyList, Value};
use proptest::prelude::*;

/// Names the schema knows for resources and groups, some unknown ones, and odd spellings.
const NAMES: &[&str] = &[
    "Description",
    "RestartAction",
    "RestartThreshold",
    "RestartPeriod",
    "PendingTimeout",
    "PersistentState",
    "SeparateMonitor",
    "Name",
    "Type",
    "FailoverThreshold",
    "FailoverPeriod",
    "FailbackWindowStart",
    "AntiAffinityClassNames",
    "Priority",
    "GroupType",
    "Address",
    "EnableNetBIOS",
    "DhcpServer",
    "restartthreshold",
    "NoSuchProperty",
    "",
];

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop_oneof![Just(0u32), Just(1), Just(2), Just(3), Just(23), Just(24), Just(u32::MAX), any::<u32>()]
            .prop_map(Value::Dword),
        "[a-z ]{0,8}".prop_map(Value::Sz),
        prop::collection::vec("[a-z]{1,5}", 0..3).prop_map(Value::MultiSz),
        any::<u64>().prop_map(Value::ULargeInteger),
        any::<i32>().prop_map(Value::Long),
        prop::collection::vec(any::<u8>(), 0..6).prop_map(Value::Binary),
        "[a-z%]{0,6}".prop_map(Value::ExpandSz),
        "[a-z]{0,4}".prop_map(Value::ExpandedSz),
    ]
}

/// Input bytes: a list encoded and possibly damaged, or plain random bytes.
fn list() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec((prop::sample::select(NAMES), value()), 0..5).prop_map(|props| {
        let mut l = PropertyList::new();
        for (n, v) in props {
            l.push(n, v);
        }
        l.encode()
    })
}

fn input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => list(),
        1 => (list(), any::<prop::sample::Index>()).prop_map(|(mut b, i)| {
            let at = i.index(b.len());
            b.truncate(at);
            b
        }),
        1 => (list(), any::<prop::sample::Index>(), any::<u8>()).prop_map(|(mut b, i, x)| {
            let at = i.index(b.len());
            b[at] ^= x | 1;
            b
        }),
        1 => prop::collection::vec(any::<u8>(), 0..64),
    ]
}

const STORED: u32 = 5024;

/// One control function with its object bound: the code and input in, the reply out.
type Control<'a> = &'a dyn Fn(u32, &[u8]) -> clusapi_sim::Result<Vec<u8>>;

/// Runs SET code `set` (and the matching VALIDATE and GET codes) through `control` and checks
/// the rules of the module docs.
fn check(sim: &Sim, control: Control<'_>, object: u32, private: bool, input: &[u8]) {
    let (get, set, validate) = if private { (0x81, 0x40_0086, 0x89) } else { (0x59, 0x40_005E, 0x61) };
    let code = |f: u32| (object << 24) | f;
    let before = sim.harness().world();
    let validated = control(code(validate), input).map(drop).map_err(|e| e.code());
    assert!(sim.harness().world() == before, "VALIDATE stored something");
    let result = control(code(set), input).map(drop).map_err(|e| e.code());
    match result {
        Ok(()) | Err(STORED) => {
            assert_eq!(validated, Ok(()), "VALIDATE and SET disagree");
            let got = PropertyList::decode(&control(code(get), &[]).unwrap()).unwrap();
            let list = PropertyList::decode(input).unwrap();
            for (i, p) in list.iter().enumerate() {
                let later =
                    list.iter().skip(i + 1).any(|q| clusapi_sim::property::names_match(&q.name, &p.name));
                if later {
                    continue;
                }
                let stored = got.get(&p.name);
                assert_eq!(stored, p.values.first(), "{} read back", p.name);
            }
        }
        Err(code) => {
            assert_eq!(validated, Err(code), "VALIDATE and SET give the same error");
            assert!(sim.harness().world() == before, "a failed SET changed the world (error {code})");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn set_with_any_input_changes_all_or_nothing(
        input in input(),
        target in 0..4usize,
        private in any::<bool>(),
    ) {
        let sim = Sim::default();
        let cluster = sim.open_cluster(None).unwrap();
        let ip = sim.open_resource(cluster, "Cluster IP Address").unwrap();
        let disk = sim.open_resource(cluster, "Cluster Disk 2").unwrap();
        let group = sim.open_group(cluster, "FS01").unwrap();
        match target {
            0 => check(&sim, &|c, i| sim.resource_control(ip, None, c, i), 1, private, &input),
            1 => check(&sim, &|c, i| sim.resource_control(disk, None, c, i), 1, private, &input),
            2 => check(&sim, &|c, i| sim.group_control(group, None, c, i), 3, private, &input),
            _ => check(&sim, &|c, i| sim.cluster_control(cluster, None, c, i), 7, private, &input),
        }
        sim.close_cluster(cluster);
    }
}
