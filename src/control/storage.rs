//! The storage control codes: the value lists and structs that describe a Physical Disk
//! resource's disk ([`Cluster::disk`]) and its Cluster Shared Volume.
//!
//! Layouts (MS-CMRP 2.2.3.10.1 value lists; MsCS "Value Lists for Storage Class Resources";
//! the struct layouts are windows-sys 0.61's `#[repr(C)]` ones, pinned by `size_of` in
//! `tests/win32_storage.rs`). Each value-list entry is `u32 syntax, u32 cbLength, data`
//! zero-padded to 4, and the list ends with the ENDMARK:
//!
//! | code | reply |
//! |---|---|
//! | `CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO` (0x01000191) | value list: `DISK_SIGNATURE` (MBR) or `DISK_GUID` (GPT, `{GUID}` as SZ) first (CMRP 3.1.4.3.1.38), `SCSI_ADDRESS`, `DISK_NUMBER`, a `PARTITION_INFO` (`CLUS_PARTITION_INFO`, 1120 bytes) per partition |
//! | `CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX` (0x010001F1) | the same with `DISK_SIZE` after `DISK_NUMBER` and a `PARTITION_INFO_EX` (`CLUS_PARTITION_INFO_EX`, 1160 bytes) per partition (CMRP 3.1.4.3.1.45) |
//! | `CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX2` (0x010001F9) | as `_EX`, with a `PARTITION_INFO_EX2` per partition whose data is a `CLUS_PARTITION_INFO_EX` then a `CLUS_PARTITION_INFO_EX2` (1160 + 540 bytes: the members of windows-sys's `CLUSPROP_PARTITION_INFO_EX2` after its header; CMRP 3.1.4.3.1.61) |
//! | `CLUSCTL_RESOURCE_STORAGE_GET_DISK_NUMBER_INFO` (0x010001A1) | a `CLUS_DISK_NUMBER_INFO` (8 bytes: DiskNumber, BytesPerSector), not a value list |
//! | `CLUSCTL_RESOURCE_STORAGE_IS_SHARED_VOLUME` (0x010002A5) | nothing, for a CSV; else `ERROR_CLUSTER_NOT_SHARED_VOLUME (5945)` (MsCS:clusctl-resource-storage-is-shared-volume names no output; a choice) |
//! | `CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO` (0x01000225) | value list of one `LIST_VALUE_BINARY` per CSV partition holding a `CLUS_CSV_VOLUME_INFO` (640 bytes); `ERROR_INVALID_FUNCTION` for a disk that is not a CSV, `ERROR_RESOURCE_NOT_ONLINE (5004)` for a CSV that is not online (MS-CMRP's CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO section) |
//! | `CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS` (0x02000195) and `_EX` (0x020001F5) | the disks that could be clustered: the simulator has none, so just the ENDMARK |
//!
//! Every one fails with `ERROR_INVALID_FUNCTION (1)` for a resource or type that is not of
//! class `CLUS_RESCLASS_STORAGE` (CMRP: "MUST fail ... if the designated resource is not in
//! class CLUS_RESCLASS_STORAGE"), and for a storage resource that is not a Physical Disk (the
//! simulator models only those disks). Left out: `GET_SHARED_VOLUME_STATES` (0x014002A2, it
//! takes the volume names as input), `GET_SHARED_VOLUME_PARTITION_NAMES`, `GET_MOUNTPOINTS`,
//! `IS_PATH_VALID`, `GET_DISKID`, `SET_DRIVELETTER`, `RENAME_SHARED_VOLUME*` and the
//! maintenance/backup/direct-I/O setters; codes without the object bits (`CLCTL_*`) stay
//! `ERROR_INVALID_FUNCTION`, as for every other code.

use super::code::{function_for, object};
use super::reply::{CLUS_RESCLASS_STORAGE, invalid_function};
use crate::error::{Error, Result, codes};
use crate::property::{ValueListWriter, syntax};
use crate::world::{Cluster, DiskId, DiskInfo, Partition, Resource, ResourceState, ResourceType};

/// The `CLCTL_*` functions simulated here.
mod function {
    pub(super) const GET_DISK_INFO: u32 = 0x191;
    pub(super) const GET_AVAILABLE_DISKS: u32 = 0x195;
    pub(super) const GET_DISK_NUMBER_INFO: u32 = 0x1A1;
    pub(super) const GET_DISK_INFO_EX: u32 = 0x1F1;
    pub(super) const GET_AVAILABLE_DISKS_EX: u32 = 0x1F5;
    pub(super) const GET_DISK_INFO_EX2: u32 = 0x1F9;
    pub(super) const GET_SHARED_VOLUME_INFO: u32 = 0x225;
    pub(super) const IS_SHARED_VOLUME: u32 = 0x2A5;
}

/// `CLUSPROP_SYNTAX_DISK_GUID` (SZ).
const DISK_GUID: u32 = 0x000B_0003;
/// `CLUSPROP_SYNTAX_PARTITION_INFO_EX2`.
const PARTITION_INFO_EX2: u32 = 0x000E_0001;

/// `CLUSPROP_PIFLAG_*`.
const PIFLAG_STICKY: u32 = 0x1;
const PIFLAG_USABLE: u32 = 0x4;
const PIFLAG_USABLE_FOR_CSV: u32 = 0x10;

/// `FILE_CASE_SENSITIVE_SEARCH | FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK |
/// FILE_PERSISTENT_ACLS | FILE_FILE_COMPRESSION | FILE_NAMED_STREAMS`: what an NTFS volume
/// reports (a representative subset).
const FS_FLAGS: u32 = 0x0004_001F;
/// `MAX_PATH`: the length of the partition structs' strings, in WCHARs.
const MAX_PATH: usize = 260;

/// Byte sizes of the structs (windows-sys 0.61; `tests/win32_storage.rs` pins them).
pub(crate) const PARTITION_INFO_SIZE: usize = 1120;
pub(crate) const PARTITION_INFO_EX_SIZE: usize = 1160;
pub(crate) const PARTITION_INFO_EX2_SIZE: usize = 540;
pub(crate) const CSV_VOLUME_INFO_SIZE: usize = 640;

/// The reply to storage function `f` (the code's function bits) for resource `r`.
pub(crate) fn resource(c: &Cluster, r: &Resource, rt: Option<&ResourceType>, f: u32) -> Result<Vec<u8>> {
    let storage_function = matches!(
        f,
        function::GET_DISK_INFO
            | function::GET_DISK_INFO_EX
            | function::GET_DISK_INFO_EX2
            | function::GET_DISK_NUMBER_INFO
            | function::IS_SHARED_VOLUME
            | function::GET_SHARED_VOLUME_INFO
    );
    if !storage_function || rt.is_none_or(|t| t.class != CLUS_RESCLASS_STORAGE) {
        return invalid_function();
    }
    let Some(disk) = c.disk(r.id) else { return invalid_function() };
    let mut out = Vec::new();
    match f {
        function::GET_DISK_INFO | function::GET_DISK_INFO_EX | function::GET_DISK_INFO_EX2 => {
            let mut w = ValueListWriter::new(&mut out);
            match &disk.id {
                DiskId::Mbr(signature) => w.dword(syntax::DISK_SIGNATURE, *signature),
                DiskId::Gpt(guid) => w.entry(DISK_GUID, &sz(&format!("{{{guid}}}"))),
            };
            w.entry(syntax::SCSI_ADDRESS, &disk.scsi_address).dword(syntax::DISK_NUMBER, disk.number);
            if f != function::GET_DISK_INFO {
                w.ularge(syntax::DISK_SIZE, disk.size_bytes);
            }
            for p in &disk.partitions {
                match f {
                    function::GET_DISK_INFO => w.entry(syntax::PARTITION_INFO, &partition_info(&disk, p)),
                    function::GET_DISK_INFO_EX => {
                        w.entry(syntax::PARTITION_INFO_EX, &partition_info_ex(&disk, p))
                    }
                    _ => {
                        let mut data = partition_info_ex(&disk, p);
                        data.extend(partition_info_ex2(p));
                        w.entry(PARTITION_INFO_EX2, &data)
                    }
                };
            }
            w.finish();
        }
        function::GET_DISK_NUMBER_INFO => {
            out.extend(disk.number.to_le_bytes());
            out.extend(disk.bytes_per_sector.to_le_bytes());
        }
        function::IS_SHARED_VOLUME if !disk.shared_volume => {
            return Err(Error::new(codes::ERROR_CLUSTER_NOT_SHARED_VOLUME));
        }
        function::IS_SHARED_VOLUME => {}
        _ => {
            if !disk.shared_volume {
                return invalid_function();
            }
            if r.state != ResourceState::Online {
                return Err(Error::new(codes::ERROR_RESOURCE_NOT_ONLINE));
            }
            let mut w = ValueListWriter::new(&mut out);
            for p in &disk.partitions {
                w.entry(syntax::LIST_VALUE_BINARY, &csv_volume_info(p));
            }
            w.finish();
        }
    }
    Ok(out)
}

/// The reply to storage function `f` for resource type `rt`, if `f` is one.
pub(crate) fn resource_type(rt: &ResourceType, code: u32) -> Option<Result<Vec<u8>>> {
    let f = function_for(code, object::RESOURCE_TYPE).ok()?;
    if !matches!(f, function::GET_AVAILABLE_DISKS | function::GET_AVAILABLE_DISKS_EX) {
        return None;
    }
    if rt.class != CLUS_RESCLASS_STORAGE {
        return Some(invalid_function());
    }
    let mut out = Vec::new();
    ValueListWriter::new(&mut out).finish();
    Some(Ok(out))
}

/// `s` as UTF-16LE with its NUL.
fn sz(s: &str) -> Vec<u8> {
    s.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect()
}

/// `s` as a fixed `WCHAR[n]`: truncated to `n - 1` units, then NULs.
fn wchars(out: &mut Vec<u8>, s: &str, n: usize) {
    let units: Vec<u16> = s.encode_utf16().take(n - 1).collect();
    out.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    out.resize(out.len() + 2 * (n - units.len()), 0);
}

/// The 16 bytes of a `GUID` struct from its string form (Data1, Data2, Data3 little-endian,
/// Data4 as written); zeros for a malformed string.
fn guid_bytes(s: &str) -> [u8; 16] {
    let hex: String = s.chars().filter(char::is_ascii_hexdigit).collect();
    let mut out = [0u8; 16];
    if hex.len() != 32 {
        return out;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap_or(0);
    let raw: Vec<u8> = (0..16).map(byte).collect();
    out[..4].copy_from_slice(&[raw[3], raw[2], raw[1], raw[0]]);
    out[4..6].copy_from_slice(&[raw[5], raw[4]]);
    out[6..8].copy_from_slice(&[raw[7], raw[6]]);
    out[8..].copy_from_slice(&raw[8..]);
    out
}

fn flags(disk: &DiskInfo) -> u32 {
    if disk.shared_volume {
        PIFLAG_USABLE | PIFLAG_USABLE_FOR_CSV
    } else {
        PIFLAG_STICKY | PIFLAG_USABLE | PIFLAG_USABLE_FOR_CSV
    }
}

/// A `CLUS_PARTITION_INFO`: dwFlags, szDeviceName[260], szVolumeLabel[260], dwSerialNumber,
/// rgdwMaximumComponentLength, dwFileSystemFlags, szFileSystem[32].
fn partition_info(disk: &DiskInfo, p: &Partition) -> Vec<u8> {
    let mut out = Vec::with_capacity(PARTITION_INFO_EX_SIZE);
    out.extend(flags(disk).to_le_bytes());
    wchars(&mut out, &p.mount_point, MAX_PATH);
    wchars(&mut out, &p.label, MAX_PATH);
    for v in [p.serial, 255, FS_FLAGS] {
        out.extend(v.to_le_bytes());
    }
    wchars(&mut out, &p.file_system, 32);
    debug_assert_eq!(out.len(), PARTITION_INFO_SIZE);
    out
}

/// A `CLUS_PARTITION_INFO_EX`: the `CLUS_PARTITION_INFO` members, then TotalSizeInBytes,
/// FreeSizeInBytes (at 1120, 8-aligned), DeviceNumber, PartitionNumber, VolumeGuid.
fn partition_info_ex(disk: &DiskInfo, p: &Partition) -> Vec<u8> {
    let mut out = partition_info(disk, p);
    out.extend(p.size_bytes.to_le_bytes());
    out.extend(p.free_bytes.to_le_bytes());
    out.extend(disk.number.to_le_bytes());
    out.extend(p.number.to_le_bytes());
    out.extend(guid_bytes(&p.volume_guid));
    debug_assert_eq!(out.len(), PARTITION_INFO_EX_SIZE);
    out
}

/// A `CLUS_PARTITION_INFO_EX2`: GptPartitionId, szPartitionName[260], EncryptionFlags (0).
fn partition_info_ex2(p: &Partition) -> Vec<u8> {
    let mut out = Vec::with_capacity(PARTITION_INFO_EX2_SIZE);
    out.extend(guid_bytes(&p.partition_guid));
    wchars(&mut out, &p.label, MAX_PATH);
    out.extend(0u32.to_le_bytes());
    debug_assert_eq!(out.len(), PARTITION_INFO_EX2_SIZE);
    out
}

/// A `CLUS_CSV_VOLUME_INFO`: VolumeOffset, PartitionNumber, FaultState (VolumeStateNoFaults),
/// BackupState (VolumeBackupNone), szVolumeFriendlyName[260] (the mount folder's name, e.g.
/// `Volume1`), szVolumeName[50] (`\\?\Volume{GUID}\`).
fn csv_volume_info(p: &Partition) -> Vec<u8> {
    let mut out = Vec::with_capacity(CSV_VOLUME_INFO_SIZE);
    out.extend(p.offset.to_le_bytes());
    for v in [p.number, 0, 0] {
        out.extend(v.to_le_bytes());
    }
    let friendly = p.mount_point.rsplit('\\').next().unwrap_or_default();
    wchars(&mut out, friendly, MAX_PATH);
    wchars(&mut out, &p.volume_name(), 50);
    debug_assert_eq!(out.len(), CSV_VOLUME_INFO_SIZE);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_laid_out_as_the_guid_struct() {
        let g = guid_bytes("00112233-4455-6677-8899-aabbccddeeff");
        assert_eq!(
            g,
            [0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]
        );
        assert_eq!(guid_bytes("nope"), [0; 16]);
    }

    #[test]
    fn the_structs_have_their_windows_sizes_and_offsets() {
        crate::Sim::default().harness().inspect(|w| {
            let c = w.local_cluster();
            let d = c.disk(c.find_resource("Cluster Disk 6").unwrap()).unwrap();
            let p = &d.partitions[0];
            assert_eq!(partition_info(&d, p).len(), PARTITION_INFO_SIZE);
            let ex = partition_info_ex(&d, p);
            assert_eq!(ex.len(), PARTITION_INFO_EX_SIZE);
            assert_eq!(ex[1120..1128], p.size_bytes.to_le_bytes(), "TotalSizeInBytes at 1120");
            assert_eq!(ex[1136..1140], d.number.to_le_bytes(), "DeviceNumber at 1136");
            assert_eq!(partition_info_ex2(p).len(), PARTITION_INFO_EX2_SIZE);
            let csv = csv_volume_info(p);
            assert_eq!(csv.len(), CSV_VOLUME_INFO_SIZE);
            // szVolumeName (at 540): the 49 units of `\\?\Volume{GUID}\`, then its NUL.
            let name = 8 + 12 + 520;
            assert_eq!(csv[name..name + 2], [b'\\', 0]);
            assert_ne!(csv[name + 96..name + 98], [0, 0]);
            assert_eq!(csv[name + 98..name + 100], [0, 0]);
        });
    }

    #[test]
    fn fixed_strings_are_truncated_and_nul_padded() {
        let mut out = Vec::new();
        wchars(&mut out, "abc", 3);
        assert_eq!(out, [b'a', 0, b'b', 0, 0, 0]);
    }
}
