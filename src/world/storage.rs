//! The disks behind the cluster's Physical Disk resources: what the storage control codes
//! (`CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO` and its siblings, [`crate::control`]) and the CSV
//! path helpers report.
//!
//! The rules are on [`DiskInfo`].

use super::{Cluster, ObjectId, Resource};
use crate::property::Value;

/// The resource type whose resources have a disk.
pub const PHYSICAL_DISK: &str = "Physical Disk";
/// `ClusGroupTypeSharedVolume`: the `CLUSGROUP_TYPE` of a CSV's group.
pub const SHARED_VOLUME_GROUP_TYPE: u32 = 4;
/// The folder under which every CSV is mounted (the SharedVolumesRoot cluster property's
/// default, engine-properties-notify.md §C.1).
pub const SHARED_VOLUMES_ROOT: &str = r"C:\ClusterStorage";

const GIB: u64 = 1 << 30;
const MIB: u64 = 1 << 20;

/// How the disk identifies itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiskId {
    /// A master boot record disk: its 32-bit signature (`CLUSPROP_SYNTAX_DISK_SIGNATURE`).
    Mbr(u32),
    /// A GUID partition table disk: its GUID, without braces (`CLUSPROP_SYNTAX_DISK_GUID`).
    Gpt(String),
}

/// One partition (one volume) of a disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partition {
    /// Partition number on the disk, from 1.
    pub number: u32,
    /// Where it is mounted: a drive letter (`E:`) or a CSV's folder
    /// (`C:\ClusterStorage\Volume1`), without a trailing backslash.
    pub mount_point: String,
    /// Byte offset of the partition on the disk.
    pub offset: u64,
    /// Its size in bytes.
    pub size_bytes: u64,
    /// Free bytes on its file system.
    pub free_bytes: u64,
    /// `NTFS`, or `CSVFS` for a CSV.
    pub file_system: String,
    /// Volume label.
    pub label: String,
    /// Volume serial number.
    pub serial: u32,
    /// The volume's GUID, without braces: its volume name is `\\?\Volume{GUID}\`.
    pub volume_guid: String,
    /// The GPT partition id, without braces.
    pub partition_guid: String,
}

impl Partition {
    /// The volume GUID path `\\?\Volume{GUID}\` (what ClusterGetVolumeNameForVolumeMountPoint
    /// returns).
    pub fn volume_name(&self) -> String {
        format!(r"\\?\Volume{{{}}}\", self.volume_guid)
    }
}

/// The disk of a Physical Disk resource.
///
/// Nothing of it is stored: a disk is derived from the resource and its place in the cluster,
/// so `Cluster::apply` stays the world's only writer and every cluster built the same way has the
/// same disks. The rules (all choices; the sources describe the layouts, not a disk's values):
///
/// * A Physical Disk resource whose group is of `CLUSGROUP_TYPE` 4 (`ClusGroupTypeSharedVolume`)
///   is a Cluster Shared Volume (CSV). In Windows a disk added to the CSVs moves to a group of
///   that type, which `CLUSTER_ENUM_GROUP` does not list (`CLUSTER_ENUM_SHARED_VOLUME_GROUP`
///   does; MsCS:CLUSTER_ENUM enumeration page).
/// * Disk number: 1 + its index among the cluster's Physical Disk resources, in creation order
///   (disk 0 is the node's boot disk). Size: 100 GiB, 512-byte sectors. SCSI address: port 1,
///   path 0, target 0, LUN = the disk number.
/// * One partition, starting at 1 MiB and filling the disk, half of it free, its volume label
///   the resource's name. A CSV: CSVFS, mounted at `C:\ClusterStorage\Volume<N>` (N = 1 + its
///   index among the CSVs). Any other disk: NTFS, the next drive letter from `E:` on (past
///   `Z:`, a folder `C:\Mount\Disk<number>`).
/// * Identity: MBR with the signature of the DiskSignature private property, unless
///   DiskIdType is 2 or DiskIdGuid is set (then GPT, with DiskIdGuid as the disk GUID). What
///   is unset is derived from the resource's GUID by a fixed hash, so it is stable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskInfo {
    /// The resource.
    pub resource: ObjectId,
    /// Disk number (`\\.\PhysicalDrive<N>`).
    pub number: u32,
    /// Size in bytes.
    pub size_bytes: u64,
    /// Bytes per sector.
    pub bytes_per_sector: u32,
    /// MBR signature or GPT GUID.
    pub id: DiskId,
    /// SCSI address: port, path id, target id, LUN.
    pub scsi_address: [u8; 4],
    /// Whether it is a Cluster Shared Volume.
    pub shared_volume: bool,
    /// Its partitions.
    pub partitions: Vec<Partition>,
}

/// FNV-1a over `salt` then `text`: the stable source of every derived identity.
fn hash(salt: &str, text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in salt.bytes().chain([0]).chain(text.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A GUID string (lowercase, no braces) derived from `text`.
fn derived_guid(salt: &str, text: &str) -> String {
    let (a, b) = (hash(salt, text), hash(salt, &format!("{text}#")));
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

fn private_dword(r: &Resource, name: &str) -> Option<u32> {
    match r.private.get(name) {
        Some(Value::Dword(v)) => Some(*v),
        _ => None,
    }
}

fn private_sz<'r>(r: &'r Resource, name: &str) -> Option<&'r str> {
    match r.private.get(name) {
        Some(Value::Sz(s)) if !s.is_empty() => Some(s.trim_matches(['{', '}'])),
        _ => None,
    }
}

impl Cluster {
    /// Whether resource `r` is a Cluster Shared Volume: a Physical Disk in a group of
    /// `CLUSGROUP_TYPE` 4.
    pub fn is_shared_volume(&self, r: &Resource) -> bool {
        r.resource_type.eq_ignore_ascii_case(PHYSICAL_DISK)
            && self.groups().get(&r.group).is_some_and(|g| g.group_type == SHARED_VOLUME_GROUP_TYPE)
    }

    /// The cluster's Cluster Shared Volume resources, in creation order
    /// (`CLUSTER_ENUM_SHARED_VOLUME_RESOURCE`).
    pub fn shared_volumes(&self) -> impl Iterator<Item = &Resource> + '_ {
        self.resources().values().filter(|r| self.is_shared_volume(r))
    }

    /// The disk of Physical Disk resource `id`, derived as [`DiskInfo`] says; `None` for
    /// any other resource.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let disks = sim.harness().inspect(|w| {
    ///     let c = &w.clusters()[0];
    ///     let id = c.find_resource("Cluster Disk 2").unwrap();
    ///     c.disk(id).unwrap()
    /// });
    /// assert_eq!(disks.number, 2);
    /// assert_eq!(disks.partitions[0].mount_point, "F:");
    /// ```
    pub fn disk(&self, id: ObjectId) -> Option<DiskInfo> {
        let r = self.resources().get(&id)?;
        if !r.resource_type.eq_ignore_ascii_case(PHYSICAL_DISK) {
            return None;
        }
        let disks: Vec<&Resource> = self
            .resources()
            .values()
            .filter(|d| d.resource_type.eq_ignore_ascii_case(PHYSICAL_DISK))
            .collect();
        let index = disks.iter().position(|d| d.id == id)?;
        let shared_volume = self.is_shared_volume(r);
        let peers = disks[..index].iter().filter(|d| self.is_shared_volume(d) == shared_volume).count();
        let number = 1 + index as u32;
        let (mount_point, file_system) = if shared_volume {
            (format!(r"{SHARED_VOLUMES_ROOT}\Volume{}", peers + 1), "CSVFS")
        } else {
            // E: to Z:, then past Z: the disk has no letter but a folder under C:\Mount.
            match u8::try_from(peers).ok().and_then(|p| b'E'.checked_add(p)).filter(|l| *l <= b'Z') {
                Some(letter) => (format!("{}:", letter as char), "NTFS"),
                None => (format!(r"C:\Mount\Disk{number}"), "NTFS"),
            }
        };
        let gpt = private_dword(r, "DiskIdType") == Some(2) || private_sz(r, "DiskIdGuid").is_some();
        let id_value = if gpt {
            DiskId::Gpt(
                private_sz(r, "DiskIdGuid").map_or_else(|| derived_guid("disk", &r.guid), str::to_owned),
            )
        } else {
            DiskId::Mbr(
                private_dword(r, "DiskSignature").unwrap_or_else(|| hash("signature", &r.guid) as u32 | 1),
            )
        };
        let size_bytes = 100 * GIB;
        let part_size = size_bytes - MIB;
        let partition = Partition {
            number: 1,
            mount_point,
            offset: MIB,
            size_bytes: part_size,
            free_bytes: part_size / 2,
            file_system: file_system.to_owned(),
            label: r.name.clone(),
            serial: hash("serial", &r.guid) as u32,
            volume_guid: derived_guid("volume", &r.guid),
            partition_guid: derived_guid("partition", &r.guid),
        };
        Some(DiskInfo {
            resource: id,
            number,
            size_bytes,
            bytes_per_sector: 512,
            id: id_value,
            scsi_address: [1, 0, 0, number as u8],
            shared_volume,
            partitions: vec![partition],
        })
    }

    /// The CSV mounted at or containing `path`, and the CSV's partition: `path` is
    /// `C:\ClusterStorage\Volume<N>` or a path under it, ignoring case, with `\` or `/`, with
    /// or without a `\\?\` prefix.
    ///
    /// Also a path under the partition's volume GUID path (`\\?\Volume{GUID}\...`). Returns
    /// the number of characters of `path` without its `\\?\` prefix that name the volume's
    /// root, too.
    pub fn shared_volume_of_path(&self, path: &str) -> Option<(DiskInfo, Partition, usize)> {
        let norm = normalize(path);
        self.shared_volumes().filter_map(|r| self.disk(r.id)).find_map(|d| {
            let (p, root) = d.partitions.iter().find_map(|p| {
                let roots = [normalize(&p.mount_point), normalize(p.volume_name().trim_end_matches('\\'))];
                roots.into_iter().find(|root| under(&norm, root)).map(|root| (p.clone(), root.len()))
            })?;
            Some((d, p, root))
        })
    }
}

/// `path` with `/` as `\`, ASCII letters in upper case, without a `\\?\` prefix.
pub(crate) fn normalize(path: &str) -> String {
    let p = path.replace('/', "\\").to_ascii_uppercase();
    p.strip_prefix(r"\\?\").map(str::to_owned).unwrap_or(p)
}

/// Whether normalized `path` is `root` or under it.
fn under(path: &str, root: &str) -> bool {
    path.strip_prefix(root).is_some_and(|rest| rest.is_empty() || rest.starts_with('\\'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_identities_are_stable_and_distinct() {
        assert_eq!(derived_guid("volume", "x"), derived_guid("volume", "x"));
        assert_ne!(derived_guid("volume", "x"), derived_guid("partition", "x"));
        assert_eq!(derived_guid("a", "b").len(), 36);
    }

    #[test]
    fn paths_match_their_volume_folder_only() {
        let root = normalize(r"C:\ClusterStorage\Volume1");
        assert!(under(&normalize(r"c:/clusterstorage/volume1/a.vhdx"), &root));
        assert!(under(&normalize(r"\\?\C:\ClusterStorage\Volume1"), &root));
        assert!(!under(&normalize(r"C:\ClusterStorage\Volume10\a"), &root));
        assert!(!under(&normalize(r"C:\ClusterStorage"), &root));
    }
}
