//! Storage value lists, Cluster Shared Volumes and the CSV path helpers, called the way real
//! clients call them: through `windows_sys`, linked against the simulator's exports (size
//! query, then the call, then a walk of the value list). Each test installs its own simulator
//! of the default cluster, whose Physical Disks are "Cluster Disk 1" to "5" (drive letters E:
//! to I:) and the Cluster Shared Volume "Cluster Disk 6" (`C:\ClusterStorage\Volume1`).

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ffi::c_void;
use std::mem::size_of;
use std::ptr::{null, null_mut};
use std::time::Duration;

use clusapi_sim::property::{PropertyList, Value, decode_value_list, syntax};
use clusapi_sim::{Sim, codes};
use windows_sys::Win32::Foundation::{
    ERROR_CLUSTER_NOT_SHARED_VOLUME, ERROR_CSV_VOLUME_NOT_LOCAL, ERROR_FILENAME_EXCED_RANGE,
    ERROR_INVALID_FUNCTION, ERROR_INVALID_NAME, ERROR_INVALID_PARAMETER, ERROR_MORE_DATA,
    ERROR_RESOURCE_NOT_ONLINE, ERROR_SUCCESS, SetLastError,
};
use windows_sys::Win32::Networking::Clustering::*;

const GIB: u64 = 1 << 30;

/// One value-list entry as a client reads it: the `CLUSPROP_VALUE` header, then the data.
struct Entry {
    syntax: u32,
    data: Vec<u8>,
}

/// Walks a value list the way the C++ samples do: read the `CLUSPROP_VALUE` header, step over
/// `ALIGN_CLUSPROP(cbLength)`, stop at `CLUSPROP_SYNTAX_ENDMARK`.
fn walk(buf: &[u8]) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut at = 0;
    loop {
        let syntax = u32::from_le_bytes(buf[at..at + 4].try_into().unwrap());
        if syntax == CLUSPROP_SYNTAX_ENDMARK {
            assert_eq!(at + 4, buf.len(), "the ENDMARK ends the reply");
            return entries;
        }
        let cb = u32::from_le_bytes(buf[at + 4..at + 8].try_into().unwrap()) as usize;
        entries.push(Entry { syntax, data: buf[at + 8..at + 8 + cb].to_vec() });
        at += 8 + cb.div_ceil(4) * 4;
    }
}

/// `ClusterResourceControl(h, NULL, code, NULL, 0, ...)` as a client writes it: a size query
/// with a NULL buffer, then the call with a buffer of that size. Returns the error code of
/// the second call (or of the first, when it fails) and the bytes.
fn resource_control(h: HRESOURCE, code: u32) -> (u32, Vec<u8>) {
    let mut needed = 0u32;
    // SAFETY: a NULL output buffer asks for the size; `needed` is writable.
    let rc = unsafe { ClusterResourceControl(h, 0, code, null(), 0, null_mut(), 0, &mut needed) };
    if rc != ERROR_SUCCESS {
        return (rc, Vec::new());
    }
    let mut buf = vec![0u8; needed as usize];
    let mut returned = 0u32;
    // SAFETY: `buf` holds `needed` bytes.
    let rc = unsafe {
        ClusterResourceControl(
            h,
            0,
            code,
            null(),
            0,
            buf.as_mut_ptr().cast::<c_void>(),
            needed,
            &mut returned,
        )
    };
    assert_eq!(returned, needed);
    (rc, buf)
}

/// A `repr(C)` struct copied out of (possibly unaligned) list data.
fn read_struct<T: Copy>(data: &[u8]) -> T {
    assert!(data.len() >= size_of::<T>());
    // SAFETY: `data` holds at least size_of::<T>() bytes, and the windows-sys structs read
    // here are plain data (integers, arrays and GUIDs), valid for any bit pattern.
    unsafe { data.as_ptr().cast::<T>().read_unaligned() }
}

fn guid_string(g: &windows_sys::core::GUID) -> String {
    let d = g.data4;
    format!(
        "{:08x}-{:04x}-{:04x}-{:02x}{:02x}-{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
        g.data1, g.data2, g.data3, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]
    )
}

#[test]
fn the_structs_have_the_windows_sys_sizes() {
    assert_eq!(size_of::<CLUS_PARTITION_INFO>(), 1120);
    assert_eq!(size_of::<CLUS_PARTITION_INFO_EX>(), 1160);
    assert_eq!(size_of::<CLUS_PARTITION_INFO_EX2>(), 540);
    assert_eq!(size_of::<CLUS_CSV_VOLUME_INFO>(), 640);
    assert_eq!(size_of::<CLUS_SCSI_ADDRESS>(), 4);
    assert_eq!(size_of::<CLUS_DISK_NUMBER_INFO>(), 8);
    assert_eq!(std::mem::offset_of!(CLUS_PARTITION_INFO_EX, TotalSizeInBytes), 1120);
    assert_eq!(std::mem::offset_of!(CLUS_PARTITION_INFO_EX, VolumeGuid), 1144);
}

#[test]
fn a_disk_answers_its_info_value_list_as_a_cpp_client_reads_it() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    // An MBR disk of the default cluster (DiskIdType 1, DiskSignature 0x3B9F02D7).
    let disk = open_resource(hc, "Cluster Disk 3");
    let (rc, buf) = resource_control(disk, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO as u32);
    assert_eq!(rc, ERROR_SUCCESS);
    assert!(!buf.is_empty(), "a non-empty value list");
    let entries = walk(&buf);
    let syntaxes: Vec<u32> = entries.iter().map(|e| e.syntax).collect();
    assert_eq!(
        syntaxes,
        [
            CLUSPROP_SYNTAX_DISK_SIGNATURE,
            CLUSPROP_SYNTAX_SCSI_ADDRESS,
            CLUSPROP_SYNTAX_DISK_NUMBER,
            CLUSPROP_SYNTAX_PARTITION_INFO,
        ],
        "the signature first (MS-CMRP 3.1.4.3.1.38)"
    );
    assert_eq!(
        u32::from_le_bytes(entries[0].data[..4].try_into().unwrap()),
        0x3B9F_02D7,
        "its DiskSignature"
    );
    let scsi: CLUS_SCSI_ADDRESS = read_struct(&entries[1].data);
    // SAFETY: both union members are plain integers.
    assert_eq!(unsafe { scsi.Anonymous.Anonymous.Lun }, 3);
    assert_eq!(entries[2].data, 3u32.to_le_bytes(), "disk number = 1 + its index");
    let p = &entries[3].data;
    assert_eq!(p.len(), size_of::<CLUS_PARTITION_INFO>());
    let info: CLUS_PARTITION_INFO = read_struct(p);
    assert_eq!(text(&info.szDeviceName), "G:", "disk 1 has E:, disk 2 F:, disk 3 G:");
    assert_eq!(text(&info.szVolumeLabel), "Cluster Disk 3");
    assert_eq!(text(&info.szFileSystem), "NTFS");
    assert_ne!(info.dwFlags & CLUSPROP_PIFLAG_USABLE as u32, 0);

    // A buffer one byte short gets ERROR_MORE_DATA and the size.
    let mut short = vec![0u8; buf.len() - 1];
    let mut returned = 0;
    // SAFETY: `short` holds its length in bytes.
    let rc = unsafe {
        ClusterResourceControl(
            disk,
            0,
            CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO as u32,
            null(),
            0,
            short.as_mut_ptr().cast(),
            short.len() as u32,
            &mut returned,
        )
    };
    assert_eq!((rc, returned as usize), (ERROR_MORE_DATA, buf.len()));
    // SAFETY: live handles.
    unsafe { (CloseClusterResource(disk), CloseCluster(hc)) };
}

#[test]
fn disk_info_ex_and_ex2_add_the_size_and_the_extended_partitions() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let disk = open_resource(hc, "Cluster Disk 1");
    let (rc, buf) = resource_control(disk, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX as u32);
    assert_eq!(rc, ERROR_SUCCESS);
    let entries = walk(&buf);
    assert_eq!(entries[0].syntax, CLUSPROP_SYNTAX_DISK_SIGNATURE);
    let size = entries.iter().find(|e| e.syntax == CLUSPROP_SYNTAX_DISK_SIZE).expect("DISK_SIZE");
    assert_eq!(size.data, (100 * GIB).to_le_bytes());
    let ex = entries.iter().find(|e| e.syntax == CLUSPROP_SYNTAX_PARTITION_INFO_EX).expect("_EX");
    assert_eq!(ex.data.len(), size_of::<CLUS_PARTITION_INFO_EX>());
    let info: CLUS_PARTITION_INFO_EX = read_struct(&ex.data);
    assert_eq!(text(&info.szDeviceName), "E:");
    assert_eq!((info.DeviceNumber, info.PartitionNumber), (1, 1));
    assert_eq!(info.TotalSizeInBytes, 100 * GIB - (1 << 20));
    assert!(info.FreeSizeInBytes < info.TotalSizeInBytes);
    assert_ne!(guid_string(&info.VolumeGuid), "00000000-0000-0000-0000-000000000000");

    let (rc, buf) = resource_control(disk, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX2 as u32);
    assert_eq!(rc, ERROR_SUCCESS);
    let entries = walk(&buf);
    let ex2 = entries.iter().find(|e| e.syntax == CLUSPROP_SYNTAX_PARTITION_INFO_EX2).expect("_EX2");
    assert_eq!(ex2.data.len(), size_of::<CLUS_PARTITION_INFO_EX>() + size_of::<CLUS_PARTITION_INFO_EX2>());
    let tail: CLUS_PARTITION_INFO_EX2 = read_struct(&ex2.data[size_of::<CLUS_PARTITION_INFO_EX>()..]);
    assert_eq!(text(&tail.szPartitionName), "Cluster Disk 1");
    assert_ne!(guid_string(&tail.GptPartitionId), guid_string(&info.VolumeGuid));

    let (rc, buf) = resource_control(disk, CLUSCTL_RESOURCE_STORAGE_GET_DISK_NUMBER_INFO as u32);
    assert_eq!((rc, buf.len()), (ERROR_SUCCESS, size_of::<CLUS_DISK_NUMBER_INFO>()));
    let number: CLUS_DISK_NUMBER_INFO = read_struct(&buf);
    assert_eq!((number.DiskNumber, number.BytesPerSector), (1, 512));
    // SAFETY: live handles.
    unsafe { (CloseClusterResource(disk), CloseCluster(hc)) };
}

#[test]
fn storage_codes_are_invalid_functions_for_other_resources_and_types() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let name = open_resource(hc, "Cluster Name");
    for code in [
        CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO,
        CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX,
        CLUSCTL_RESOURCE_STORAGE_GET_DISK_NUMBER_INFO,
        CLUSCTL_RESOURCE_STORAGE_IS_SHARED_VOLUME,
    ] {
        assert_eq!(resource_control(name, code as u32).0, ERROR_INVALID_FUNCTION, "{code:#x}");
    }
    let type_control = |type_name: &str, code: i32| {
        let mut needed = 0u32;
        let mut buf = [0xa5u8; 16];
        // SAFETY: a NUL-terminated name; `buf` holds 16 bytes.
        let rc = unsafe {
            ClusterResourceTypeControl(
                hc,
                w(type_name).as_ptr(),
                0,
                code as u32,
                null(),
                0,
                buf.as_mut_ptr().cast(),
                16,
                &mut needed,
            )
        };
        (rc, buf[..needed.min(16) as usize].to_vec())
    };
    // No disk is left to cluster: an empty value list.
    for code in [
        CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS,
        CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS_EX,
    ] {
        assert_eq!(type_control("Physical Disk", code), (ERROR_SUCCESS, vec![0, 0, 0, 0]));
        assert_eq!(type_control("IP Address", code).0, ERROR_INVALID_FUNCTION);
    }
    // SAFETY: live handles.
    unsafe { (CloseClusterResource(name), CloseCluster(hc)) };
}

fn cluster_enum_names(hc: HCLUSTER, mask: CLUSTER_ENUM) -> Vec<(u32, String)> {
    // SAFETY: reads no pointer.
    let he = unsafe { ClusterOpenEnum(hc, mask as u32) };
    assert_ne!(he, 0);
    let mut out = Vec::new();
    for index in 0.. {
        let mut buf = [0u16; 256];
        let (mut cch, mut kind) = (256u32, 0u32);
        // SAFETY: `buf` holds `cch` units.
        let rc = unsafe { ClusterEnum(he, index, &mut kind, buf.as_mut_ptr(), &mut cch) };
        if rc != ERROR_SUCCESS {
            break;
        }
        out.push((kind, text(&buf)));
    }
    // SAFETY: a live enumeration.
    unsafe { ClusterCloseEnum(he) };
    out
}

#[test]
fn cluster_shared_volumes_have_their_own_enumeration() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let csvs = cluster_enum_names(hc, CLUSTER_ENUM_SHARED_VOLUME_RESOURCE);
    assert_eq!(csvs, [(CLUSTER_ENUM_SHARED_VOLUME_RESOURCE as u32, "Cluster Disk 6".to_string())]);
    let groups = cluster_enum_names(hc, CLUSTER_ENUM_SHARED_VOLUME_GROUP);
    assert_eq!(
        groups,
        [(CLUSTER_ENUM_SHARED_VOLUME_GROUP as u32, "Cluster Shared Volume (Cluster Disk 6)".to_string())]
    );
    let resources = cluster_enum_names(hc, CLUSTER_ENUM_RESOURCE);
    assert!(resources.iter().all(|(_, n)| n != "Cluster Disk 6"), "not a plain resource");
    assert!(resources.iter().any(|(_, n)| n == "Cluster Disk 5"));
    let plain_groups = cluster_enum_names(hc, CLUSTER_ENUM_GROUP);
    assert_eq!(plain_groups.len(), 5, "the CSV's group is hidden");
    // "Must be used alone".
    // SAFETY: reads no pointer.
    let he =
        unsafe { ClusterOpenEnum(hc, (CLUSTER_ENUM_SHARED_VOLUME_RESOURCE | CLUSTER_ENUM_RESOURCE) as u32) };
    assert_eq!(he, 0);
    assert_last_error(ERROR_INVALID_PARAMETER);
    // The CSV still opens by name and is a Physical Disk.
    let csv = open_resource(hc, "Cluster Disk 6");
    let (rc, buf) = resource_control(csv, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO as u32);
    assert_eq!(rc, ERROR_SUCCESS);
    let entries = walk(&buf);
    let part: CLUS_PARTITION_INFO = read_struct(&entries.last().unwrap().data);
    assert_eq!(text(&part.szDeviceName), r"C:\ClusterStorage\Volume1");
    assert_eq!(text(&part.szFileSystem), "CSVFS");
    assert_eq!(entries[2].data, 6u32.to_le_bytes());
    // SAFETY: live handles.
    unsafe { (CloseClusterResource(csv), CloseCluster(hc)) };
}

#[test]
fn csv_codes_tell_a_shared_volume_and_describe_it_while_online() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let (csv, disk) = (open_resource(hc, "Cluster Disk 6"), open_resource(hc, "Cluster Disk 2"));
    let mut returned = 0xdead_beefu32;
    // SAFETY: no buffers; `returned` is writable.
    let rc = unsafe {
        ClusterResourceControl(
            csv,
            0,
            CLUSCTL_RESOURCE_STORAGE_IS_SHARED_VOLUME as u32,
            null(),
            0,
            null_mut(),
            0,
            &mut returned,
        )
    };
    assert_eq!((rc, returned), (ERROR_SUCCESS, 0), "success means a CSV");
    let code = CLUSCTL_RESOURCE_STORAGE_IS_SHARED_VOLUME as u32;
    assert_eq!(resource_control(disk, code).0, ERROR_CLUSTER_NOT_SHARED_VOLUME);

    let code = CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO as u32;
    let (rc, buf) = resource_control(csv, code);
    assert_eq!(rc, ERROR_SUCCESS);
    let entries = walk(&buf);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].syntax, CLUSPROP_SYNTAX_LIST_VALUE_BINARY);
    assert_eq!(entries[0].data.len(), size_of::<CLUS_CSV_VOLUME_INFO>());
    let info: CLUS_CSV_VOLUME_INFO = read_struct(&entries[0].data);
    assert_eq!(text(&info.szVolumeFriendlyName), "Volume1");
    assert_eq!((info.FaultState, info.BackupState, info.PartitionNumber), (0, 0, 1));
    assert_eq!(info.VolumeOffset, 1 << 20);
    let volume = text(&info.szVolumeName);
    let mut name = [0u16; 50];
    let mount = w(r"C:\ClusterStorage\Volume1\");
    // SAFETY: `name` holds 50 units.
    assert_eq!(unsafe { ClusterGetVolumeNameForVolumeMountPoint(mount.as_ptr(), name.as_mut_ptr(), 50) }, 1);
    assert_eq!(text(&name), volume, "the same volume GUID path");
    assert_eq!(resource_control(disk, code).0, ERROR_INVALID_FUNCTION, "not a CSV");

    // Offline, the CSV has no volume info and is not mounted.
    // SAFETY: a live handle.
    let rc = unsafe { OfflineClusterResource(csv) };
    assert!(rc == ERROR_SUCCESS || rc == 997, "{rc}");
    sim.harness().settle().unwrap();
    assert_eq!(resource_control(csv, code).0, ERROR_RESOURCE_NOT_ONLINE);
    // SAFETY: `name` holds 50 units.
    assert_eq!(unsafe { ClusterGetVolumeNameForVolumeMountPoint(mount.as_ptr(), name.as_mut_ptr(), 50) }, 0);
    assert_last_error(ERROR_CSV_VOLUME_NOT_LOCAL);
    // SAFETY: live handles.
    unsafe { (CloseClusterResource(csv), CloseClusterResource(disk), CloseCluster(hc)) };
}

#[test]
fn csv_path_helpers_resolve_paths_on_the_shared_volume() {
    let sim = Sim::default();
    let _g = sim.install();
    let on = |p: &str| {
        // SAFETY: a NUL-terminated path.
        unsafe { ClusterIsPathOnSharedVolume(w(p).as_ptr()) }
    };
    assert_eq!(on(r"C:\ClusterStorage\Volume1\VMs\web01.vhdx"), 1);
    assert_eq!(on("c:/clusterstorage/VOLUME1/x"), 1, "either slash, any case");
    assert_eq!(on(r"\\?\C:\ClusterStorage\Volume1"), 1);
    assert_eq!(on(r"C:\ClusterStorage\Volume10\x"), 0);
    assert_eq!(on(r"E:\data"), 0);
    // SAFETY: NULL is detected.
    unsafe { SetLastError(0) };
    // SAFETY: NULL is detected.
    assert_eq!(unsafe { ClusterIsPathOnSharedVolume(null()) }, 0);
    assert_last_error(ERROR_INVALID_PARAMETER);
    let mut on_csv = 7;
    // SAFETY: a NUL-terminated path and a writable BOOL.
    let rc = unsafe { IsFileOnClusterSharedVolume(w(r"C:\ClusterStorage\Volume1\a").as_ptr(), &mut on_csv) };
    assert_eq!((rc, on_csv), (ERROR_SUCCESS, 1));

    let path_name = |p: &str, cch: u32| {
        let mut buf = vec![0u16; cch as usize + 1];
        // SAFETY: `buf` holds more than `cch` units.
        let ok = unsafe { ClusterGetVolumePathName(w(p).as_ptr(), buf.as_mut_ptr(), cch) };
        (ok, if ok == 1 { text(&buf) } else { String::new() })
    };
    let root = r"C:\ClusterStorage\Volume1\";
    assert_eq!(path_name(r"C:\ClusterStorage\Volume1\Filename.Ext", 260), (1, root.to_string()));
    assert_eq!(path_name(r"C:\ClusterStorage\Volume1\Path\that\does\not\exist", 260), (1, root.to_string()));
    assert_eq!(path_name(r"\\?\C:\ClusterStorage\Volume1\f", 260), (1, format!(r"\\?\{root}")));
    assert_eq!(path_name(r"E:\data\f", 260), (1, r"E:\".to_string()));
    assert_eq!(path_name(r"C:\ClusterStorage\Volume1\f", root.len() as u32 + 1).0, 1, "exactly enough");
    assert_eq!(path_name(r"C:\ClusterStorage\Volume1\f", root.len() as u32).0, 0);
    assert_last_error(ERROR_FILENAME_EXCED_RANGE);
    // SAFETY: no pointers.
    unsafe { SetLastError(5) };
    assert_eq!(path_name("", 260).0, 0);
    assert_last_error(ERROR_SUCCESS);
    assert_eq!(path_name("relative\\file", 260).0, 0);
    assert_last_error(ERROR_INVALID_NAME);

    let volume_name = |p: &str, cch: u32| {
        let mut buf = vec![0u16; 64];
        // SAFETY: `buf` holds 64 >= cch units.
        let ok = unsafe { ClusterGetVolumeNameForVolumeMountPoint(w(p).as_ptr(), buf.as_mut_ptr(), cch) };
        (ok, if ok == 1 { text(&buf) } else { String::new() })
    };
    let (ok, name) = volume_name(root, 50);
    assert_eq!(ok, 1, "50 WCHARs hold a volume GUID path");
    assert!(name.starts_with(r"\\?\Volume{") && name.ends_with(r"}\") && name.len() == 49, "{name}");
    assert_eq!(volume_name(&name, 50), (1, name.clone()), "a volume GUID path names itself");
    assert_eq!(volume_name("c:/clusterstorage/volume1/", 50), (1, name.clone()));
    assert_eq!(volume_name(root, 49).0, 0);
    assert_last_error(ERROR_FILENAME_EXCED_RANGE);
    assert_eq!(volume_name(r"\\?\C:\ClusterStorage\Volume1\Filename.Ext", 50).0, 0);
    assert_last_error(ERROR_INVALID_PARAMETER);
    assert_eq!(volume_name(r"C:\ClusterStorage\Volume1\Directory\that\does\not\exist\", 50).0, 0);
    assert_last_error(ERROR_INVALID_NAME);
    assert_eq!(volume_name(r"E:\", 50).0, 0);
    assert_last_error(ERROR_INVALID_NAME);
    // SAFETY: NULL output buffer is detected.
    assert_eq!(unsafe { ClusterGetVolumeNameForVolumeMountPoint(w(root).as_ptr(), null_mut(), 50) }, 0);
    assert_last_error(ERROR_INVALID_PARAMETER);
}

#[test]
fn the_rust_api_decodes_the_same_value_lists() {
    let sim = Sim::default();
    let cluster = sim.open_cluster(None).unwrap();
    let disk = sim.open_resource(cluster, "Cluster Disk 3").unwrap();
    let code = CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX as u32;
    let entries = decode_value_list(&sim.resource_control(disk, None, code, &[]).unwrap()).unwrap();
    let info = sim.harness().disk(disk).unwrap().unwrap();
    assert_eq!(info.number, 3);
    assert_eq!(entries[2], (syntax::DISK_NUMBER, 3u32.to_le_bytes().to_vec()));
    assert_eq!(entries[3], (syntax::DISK_SIZE, info.size_bytes.to_le_bytes().to_vec()));
    assert_eq!(info.partitions[0].mount_point, "G:");

    // A signature set in the private properties is the one reported; a DiskIdGuid makes the
    // disk a GPT disk, reported by its GUID first.
    let mut list = PropertyList::new();
    list.push("DiskSignature", Value::Dword(0x1234_5678));
    sim.set_private_properties(disk, &list).unwrap();
    let entries = decode_value_list(&sim.resource_control(disk, None, code, &[]).unwrap()).unwrap();
    assert_eq!(entries[0], (syntax::DISK_SIGNATURE, 0x1234_5678u32.to_le_bytes().to_vec()));
    let mut list = PropertyList::new();
    list.push("DiskIdGuid", Value::Sz("{0F0E0D0C-0B0A-0908-0706-050403020100}".into()));
    sim.set_private_properties(disk, &list).unwrap();
    let entries = decode_value_list(&sim.resource_control(disk, None, code, &[]).unwrap()).unwrap();
    let guid: Vec<u8> = "{0F0E0D0C-0B0A-0908-0706-050403020100}"
        .encode_utf16()
        .chain([0])
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(entries[0], (CLUSPROP_SYNTAX_DISK_GUID, guid));

    let ip = sim.open_resource(cluster, "Cluster IP Address").unwrap();
    assert_eq!(sim.harness().disk(ip).unwrap(), None);
    let err = sim.resource_control(ip, None, code, &[]).unwrap_err();
    assert_eq!(err.code(), codes::ERROR_INVALID_FUNCTION);
    assert_eq!(sim.harness().now(), Duration::ZERO);
}
