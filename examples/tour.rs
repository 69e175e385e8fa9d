//! A tour of the simulator on the embedded default cluster: `cargo run --example tour`.
//!
//! Part 1 uses the Rust API; part 2 calls the very same simulator through the windows-sys
//! declarations, the way existing Windows code does, unchanged.

use clusapi_sim::enumeration::mask::{CLUSTER_ENUM_GROUP, CLUSTER_ENUM_NODE, CLUSTER_GROUP_ENUM_CONTAINS};
use clusapi_sim::{Error, Sim};

fn main() -> Result<(), Error> {
    let sim = Sim::default();

    println!("== 1. The Rust API ==");
    let cluster = sim.open_cluster(None)?;
    let info = sim.cluster_information(cluster)?;
    let v = &info.version;
    println!("cluster {} ({}), Windows {}.{} build {}", info.name, info.fqdn, v.major, v.minor, v.build);

    let nodes = sim.cluster_open_enum(cluster, CLUSTER_ENUM_NODE)?;
    for item in sim.enum_items(nodes)? {
        let node = sim.open_node(cluster, &item.name)?;
        println!("  node {:<8} id {:<2} {:?}", item.name, item.id, sim.node_state(node)?);
        sim.close_node(node)?;
    }
    sim.close_enum(nodes)?;

    let groups = sim.cluster_open_enum(cluster, CLUSTER_ENUM_GROUP)?;
    for item in sim.enum_items(groups)? {
        let group = sim.open_group(cluster, &item.name)?;
        let status = sim.group_state(group)?;
        println!("  group \"{}\": {:?} on {}", item.name, status.state, status.owner_node);
        let contents = sim.group_open_enum(group, CLUSTER_GROUP_ENUM_CONTAINS)?;
        for r in sim.enum_items(contents)? {
            let resource = sim.open_resource(cluster, &r.name)?;
            let record = sim.harness().resource(resource)?;
            println!("    resource \"{}\" ({}): {:?}", record.name, record.resource_type, record.state);
            sim.close_resource(resource)?;
        }
        sim.close_enum(contents)?;
        sim.close_group(group)?;
    }
    sim.close_enum(groups)?;

    println!("\nUnknown names get the real error codes:");
    println!(
        "  OpenClusterGroup(\"No Such Group\") -> {}",
        sim.open_group(cluster, "No Such Group").unwrap_err()
    );
    println!("  OpenCluster(\"NOWHERE\")           -> {}", sim.open_cluster(Some("NOWHERE")).unwrap_err());

    println!("\nA node fails and its groups fail over:");
    let sql = sim.open_group(cluster, "SQL Server (MSSQLSERVER)")?;
    let before = sim.group_state(sql)?;
    println!("  \"SQL Server (MSSQLSERVER)\" is {:?} on {}", before.state, before.owner_node);
    sim.harness().node_down(&before.owner_node)?;
    let after = sim.group_state(sql)?;
    println!("  {} goes down -> the group is {:?} on {}", before.owner_node, after.state, after.owner_node);
    sim.harness().node_up(&before.owner_node)?;
    sim.close_group(sql)?;

    println!("\nA resource fails: restarted on its node after RestartDelay, on the virtual clock:");
    let disk = sim.open_resource(cluster, "Cluster Disk 1")?;
    sim.fail_resource(disk)?;
    println!("  FailClusterResource -> {:?}", sim.resource_state(disk)?.state);
    let took = sim.harness().settle().expect("the restart policy settles");
    println!("  settle() after {took:?} of virtual time -> {:?}", sim.resource_state(disk)?.state);
    sim.close_resource(disk)?;

    println!("\nProperties: read through the control codes, and the engine acts on what is set:");
    let ip = sim.open_resource(cluster, "Cluster IP Address")?;
    let private = sim.private_properties(ip)?;
    for name in ["Address", "SubnetMask", "Network"] {
        println!("  {name:10} = {}", private.get(name).and_then(|v| v.as_str()).unwrap_or("?"));
    }
    let mut change = clusapi_sim::property::PropertyList::new();
    change.push("RestartThreshold", 0u32);
    sim.set_properties(ip, &change)?;
    let group = sim.open_group(cluster, "Cluster Group")?;
    let home = sim.group_state(group)?.owner_node;
    sim.fail_resource(ip)?;
    sim.harness().settle().expect("the failover settles");
    println!(
        "  RestartThreshold = 0, then FailClusterResource -> the group moves from {home} to {}",
        sim.group_state(group)?.owner_node
    );
    sim.close_group(group)?;
    sim.close_resource(ip)?;

    println!("\nGroup sets (Windows Server 2016): groups that start together, and what waits for them:");
    let (data, web) = (sim.create_group_set(cluster, "Data")?, sim.create_group_set(cluster, "Web")?);
    let (fs, app) = (sim.open_group(cluster, "FS01")?, sim.open_group(cluster, "CONTOSO-APP1")?);
    sim.add_group_to_group_set(data, fs)?;
    sim.add_group_to_group_set(web, app)?;
    sim.add_group_set_dependency(web, data, None)?;
    println!(
        "  \"Web\" holds {:?} and depends on {:?}",
        sim.group_set_groups(web)?,
        sim.group_set_provider_sets(web)?
    );
    println!(
        "  AddClusterGroupSetDependency(Data, Web) -> {}",
        sim.add_group_set_dependency(data, web, None).unwrap_err()
    );
    for h in [fs, app] {
        sim.close_group(h)?;
    }
    for h in [data, web] {
        sim.close_group_set(h)?;
    }

    println!("\nCloseCluster invalidates every handle derived from it:");
    let group = sim.open_group(cluster, "Cluster Group")?;
    println!("  CloseCluster -> {}", sim.close_cluster(cluster));
    println!("  GetClusterGroupState on the group handle -> {}", sim.group_state(group).unwrap_err());
    for violation in sim.harness().violations() {
        println!("  recorded: {violation}");
    }

    println!("\n== 2. The same simulator through the windows-sys declarations ==");
    #[cfg(all(feature = "win32", not(windows)))]
    win32_part(&sim);
    #[cfg(all(feature = "win32", not(windows)))]
    pending_part()?;

    println!("\nLast calls in the trace:");
    let trace = sim.harness().trace();
    for entry in &trace[trace.len().saturating_sub(6)..] {
        println!("  {entry}");
    }
    Ok(())
}

#[cfg(all(feature = "win32", not(windows)))]
fn win32_part(sim: &Sim) {
    use windows_sys::Win32::Foundation::GetLastError;
    use windows_sys::Win32::Networking::Clustering::*;

    let _guard = sim.install();
    let wide = |s: &str| s.encode_utf16().chain([0]).collect::<Vec<u16>>();
    // SAFETY: every pointer passed below is valid for the call: NUL-terminated names, and
    // buffers whose capacities are passed alongside them.
    unsafe {
        let h = OpenCluster(std::ptr::null());
        let mut name = [0u16; 64];
        let mut cch = name.len() as u32;
        let rc = GetClusterInformation(h, name.as_mut_ptr(), &mut cch, std::ptr::null_mut());
        println!("  GetClusterInformation -> {rc}, {:?}", String::from_utf16_lossy(&name[..cch as usize]));
        let g = OpenClusterGroup(h, wide("cluster group").as_ptr());
        let mut owner = [0u16; 64];
        let mut cch = owner.len() as u32;
        let state = GetClusterGroupState(g, owner.as_mut_ptr(), &mut cch);
        println!("  GetClusterGroupState -> {state} on {}", String::from_utf16_lossy(&owner[..cch as usize]));
        let missing = OpenClusterGroup(h, wide("No Such Group").as_ptr());
        println!("  OpenClusterGroup(\"No Such Group\") -> {missing}, GetLastError() = {}", GetLastError());
        println!("  CloseCluster -> {}", CloseCluster(h));
        println!(
            "  CloseClusterGroup(stale) -> {}, GetLastError() = {}",
            CloseClusterGroup(g),
            GetLastError()
        );
    }
}

/// A pending online through the exports: a cluster whose Generic Service resources take 3 s
/// of virtual time to start.
#[cfg(all(feature = "win32", not(windows)))]
fn pending_part() -> Result<(), Error> {
    use clusapi_sim::world::{ClusterBuilder, World};
    use windows_sys::Win32::Networking::Clustering::*;

    let (mut clusters, local) = Sim::default().harness().world().into_parts();
    let mut slow = ClusterBuilder::from(clusters.remove(local));
    slow.set_type_delays("Generic Service", 3_000, 0)?;
    clusters.insert(local, slow.build());
    let sim = Sim::builder().world(World::new(clusters, local).expect("a valid world")).build();
    let _guard = sim.install();
    let wide = |s: &str| s.encode_utf16().chain([0]).collect::<Vec<u16>>();
    println!("\nA pending online completes when the virtual clock moves:");
    // SAFETY: NUL-terminated names; NULL output buffers are allowed.
    unsafe {
        let h = OpenCluster(std::ptr::null());
        let svc = OpenClusterResource(h, wide("Contoso App Service").as_ptr());
        let state = |r| {
            GetClusterResourceState(
                r,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        println!(
            "  OnlineClusterResource -> {} (ERROR_IO_PENDING), state {}",
            OnlineClusterResource(svc),
            state(svc)
        );
        sim.harness().advance(std::time::Duration::from_secs(3));
        println!("  after 3 s of virtual time (no real sleep): state {} (ClusterResourceOnline)", state(svc));
        CloseClusterResource(svc);
        CloseCluster(h);
    }
    Ok(())
}
