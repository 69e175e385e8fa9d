//! The resutils.dll property-table helpers (`ResUtilVerifyPropertyTable`,
//! `ResUtilPropertyListFromParameterBlock`, `ResUtilGetPropertyFormats`,
//! `ResUtilEnumProperties`) and cluster-state helpers (`ResUtilEnumResources(Ex, Ex2)`,
//! `ResUtilGetCoreClusterResources(Ex)`, `ResUtilResourceTypesEqual`,
//! `ResUtilResourcesEqual`), called the way a resource DLL or a client calls them: through
//! windows-sys's declarations, with a static property table over a `#[repr(C)]` parameter
//! block, linked against the simulator's exports.

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ffi::c_void;
use std::mem::offset_of;
use std::ptr::{null, null_mut};

use clusapi_sim::property::{PropertyList, PropertyWriter, Value};
use windows_sys::Win32::Foundation::{
    ERROR_BAD_ARGUMENTS, ERROR_INSUFFICIENT_BUFFER, ERROR_INVALID_DATA, ERROR_INVALID_HANDLE,
    ERROR_INVALID_PARAMETER, ERROR_MORE_DATA, ERROR_NO_MORE_ITEMS, ERROR_RESOURCE_NOT_FOUND, ERROR_SUCCESS,
    HANDLE, LocalFree,
};
use windows_sys::Win32::Networking::Clustering::*;
use windows_sys::core::PWSTR;
use windows_sys::w;

/// The resource DLL's private properties.
#[repr(C)]
struct Params {
    text: PWSTR,
    count: u32,
    level: i32,
    blob: *mut u8,
    blob_size: u32,
    owners: PWSTR,
    owners_size: u32,
    big: u64,
    serial: u32,
}

impl Params {
    fn zeroed() -> Params {
        Params {
            text: null_mut(),
            count: 0,
            level: 0,
            blob: null_mut(),
            blob_size: 0,
            owners: null_mut(),
            owners_size: 0,
            big: 0,
            serial: 0,
        }
    }
}

/// A property table in static data, as resource DLLs declare it.
struct Table<const N: usize>([RESUTIL_PROPERTY_ITEM; N]);
// SAFETY: the table is never written; its pointers are to static strings.
unsafe impl<const N: usize> Sync for Table<N> {}

const fn item(
    name: *const u16,
    format: i32,
    min: u32,
    max: u32,
    flags: u32,
    offset: usize,
) -> RESUTIL_PROPERTY_ITEM {
    RESUTIL_PROPERTY_ITEM {
        Name: name as PWSTR,
        KeyName: null_mut(),
        Format: format as u32,
        Anonymous: RESUTIL_PROPERTY_ITEM_0 { DefaultPtr: 0 },
        Minimum: min,
        Maximum: max,
        Flags: flags,
        Offset: offset as u32,
    }
}

const END: RESUTIL_PROPERTY_ITEM = item(null(), 0, 0, 0, 0, 0);

static TABLE: Table<9> = Table([
    item(w!("Text"), CLUSPROP_FORMAT_SZ, 0, 0, 0, offset_of!(Params, text)),
    item(w!("Count"), CLUSPROP_FORMAT_DWORD, 1, 256, 0, offset_of!(Params, count)),
    item(
        w!("Level"),
        CLUSPROP_FORMAT_LONG,
        -1i32 as u32,
        15,
        RESUTIL_PROPITEM_SIGNED,
        offset_of!(Params, level),
    ),
    item(w!("Blob"), CLUSPROP_FORMAT_BINARY, 0, 0, 0, offset_of!(Params, blob)),
    item(w!("Owners"), CLUSPROP_FORMAT_MULTI_SZ, 0, 0, 0, offset_of!(Params, owners)),
    item(w!("Big"), CLUSPROP_FORMAT_ULARGE_INTEGER, 0, 0, 0, offset_of!(Params, big)),
    item(
        w!("Serial"),
        CLUSPROP_FORMAT_DWORD,
        0,
        u32::MAX,
        RESUTIL_PROPITEM_READ_ONLY,
        offset_of!(Params, serial),
    ),
    item(w!("Unused"), CLUSPROP_FORMAT_EXPAND_SZ, 0, 0, 0, offset_of!(Params, text)),
    END,
]);

fn table() -> *const RESUTIL_PROPERTY_ITEM {
    TABLE.0.as_ptr()
}

/// A list setting every writable property.
fn full_list() -> Vec<u8> {
    let mut out = Vec::new();
    let mut wr = PropertyWriter::new(&mut out);
    wr.sz("text", "héllo")
        .dword("Count", 32)
        .long("Level", -1)
        .binary("Blob", &[1, 2, 3])
        .multi_sz("Owners", ["NODE1", "NODE2"])
        .ularge("Big", 1 << 40);
    wr.finish();
    out
}

fn list_of(f: impl FnOnce(&mut PropertyWriter<'_>)) -> Vec<u8> {
    let mut out = Vec::new();
    let mut wr = PropertyWriter::new(&mut out);
    f(&mut wr);
    wr.finish();
    out
}

fn verify(list: &[u8], allow_unknown: bool, out: Option<&mut Params>) -> u32 {
    let out = out.map_or(null_mut(), |p| (p as *mut Params).cast::<u8>());
    // SAFETY: a static table, a live list, and a parameter block the table describes.
    unsafe {
        ResUtilVerifyPropertyTable(
            table(),
            null(),
            allow_unknown.into(),
            list.as_ptr().cast(),
            list.len() as u32,
            out,
        )
    }
}

/// The string a PWSTR points to.
fn read_wide(p: PWSTR) -> String {
    // SAFETY: a NUL-terminated string the helper stored.
    unsafe {
        let len = (0..).take_while(|&i| *p.add(i) != 0).count();
        String::from_utf16(std::slice::from_raw_parts(p, len)).unwrap()
    }
}

#[test]
fn verify_stores_each_value_at_its_offset() {
    let mut params = Params::zeroed();
    assert_eq!(verify(&full_list(), false, Some(&mut params)), ERROR_SUCCESS);
    assert_eq!(read_wide(params.text), "héllo");
    assert_eq!((params.count, params.level, params.big), (32, -1, 1 << 40));
    // SAFETY: the helper stored a pointer and its size.
    assert_eq!(unsafe { std::slice::from_raw_parts(params.blob, params.blob_size as usize) }, [1, 2, 3]);
    let owners: Vec<u16> = "NODE1\0NODE2\0\0".encode_utf16().collect();
    // SAFETY: likewise.
    let stored = unsafe { std::slice::from_raw_parts(params.owners, params.owners_size as usize / 2) };
    assert_eq!(stored, owners);
    // The copies are LocalAlloc'ed: ResUtilFreeParameterBlock frees them.
    // SAFETY: the block and the table that describes it.
    unsafe { ResUtilFreeParameterBlock((&mut params as *mut Params).cast(), null(), table()) };
}

#[test]
fn verify_without_a_block_only_checks() {
    assert_eq!(verify(&full_list(), false, None), ERROR_SUCCESS);
    let one = list_of(|wr| {
        wr.dword("Count", 1);
    });
    let mut params = Params::zeroed();
    params.level = 7;
    assert_eq!(verify(&one, false, Some(&mut params)), ERROR_SUCCESS);
    assert_eq!((params.count, params.level), (1, 7), "only the properties in the list are stored");
}

#[test]
fn verify_refuses_unknown_read_only_wrong_format_and_out_of_range() {
    let unknown = list_of(|wr| {
        wr.dword("Count", 2).dword("NoSuchProperty", 1);
    });
    assert_eq!(verify(&unknown, false, None), ERROR_INVALID_PARAMETER);
    assert_eq!(verify(&unknown, true, None), ERROR_SUCCESS, "allowed: ignored");
    let cases: [(&str, Vec<u8>); 6] = [
        (
            "read-only",
            list_of(|wr| {
                wr.dword("Serial", 5);
            }),
        ),
        (
            "DWORD as SZ",
            list_of(|wr| {
                wr.sz("Count", "5");
            }),
        ),
        (
            "SZ as DWORD",
            list_of(|wr| {
                wr.dword("Text", 5);
            }),
        ),
        (
            "above maximum",
            list_of(|wr| {
                wr.dword("Count", 257);
            }),
        ),
        (
            "below minimum",
            list_of(|wr| {
                wr.dword("Count", 0);
            }),
        ),
        (
            "LONG below a signed minimum",
            list_of(|wr| {
                wr.long("Level", -2);
            }),
        ),
    ];
    for (what, list) in cases {
        let mut params = Params::zeroed();
        assert_eq!(verify(&list, false, Some(&mut params)), ERROR_INVALID_PARAMETER, "{what}");
        assert_eq!((params.count, params.serial), (0, 0), "{what}: nothing stored");
    }
    let edges = list_of(|wr| {
        wr.dword("Count", 256).long("Level", 15);
    });
    assert_eq!(verify(&edges, false, None), ERROR_SUCCESS, "the bounds are inclusive");
}

#[test]
fn verify_is_all_or_nothing() {
    let list = list_of(|wr| {
        wr.sz("Text", "kept?").dword("Count", 1000);
    });
    let mut params = Params::zeroed();
    assert_eq!(verify(&list, false, Some(&mut params)), ERROR_INVALID_PARAMETER);
    assert!(params.text.is_null(), "the valid property before the bad one is not stored");
}

#[test]
fn verify_rejects_bad_lists() {
    let list = full_list();
    let short = &list[..list.len() - 12];
    assert_eq!(verify(short, false, None), ERROR_INSUFFICIENT_BUFFER);
    let mut bad = list.clone();
    bad[4] = 0x99; // the first NAME entry's syntax
    assert_eq!(verify(&bad, false, None), ERROR_INVALID_DATA);
    // SAFETY: NULL list and NULL table, both refused before anything is read.
    unsafe {
        assert_eq!(ResUtilVerifyPropertyTable(table(), null(), 0, null(), 0, null_mut()), ERROR_INVALID_DATA);
        let rc = ResUtilVerifyPropertyTable(
            null(),
            null(),
            0,
            list.as_ptr().cast(),
            list.len() as u32,
            null_mut(),
        );
        assert_eq!(rc, ERROR_INVALID_PARAMETER);
    }
}

/// Calls `ResUtilPropertyListFromParameterBlock` with a buffer of `capacity` bytes.
fn from_block(params: &Params, capacity: u32) -> (u32, Vec<u8>, u32, u32) {
    let mut buf = vec![0u8; capacity as usize];
    let (mut size, mut returned, mut required) = (capacity, 99, 99);
    let p = (params as *const Params).cast::<u8>();
    // SAFETY: a live buffer of `size` bytes, the block the static table describes, locals.
    let rc = unsafe {
        ResUtilPropertyListFromParameterBlock(
            table(),
            buf.as_mut_ptr().cast(),
            &mut size,
            p,
            &mut returned,
            &mut required,
        )
    };
    assert_eq!(size, capacity, "the buffer size is left as it was");
    buf.truncate(returned as usize);
    (rc, buf, returned, required)
}

#[test]
fn a_verified_block_encodes_back_to_the_same_values() {
    let mut params = Params::zeroed();
    assert_eq!(verify(&full_list(), false, Some(&mut params)), ERROR_SUCCESS);
    params.serial = 4242;
    let (rc, _, returned, required) = from_block(&params, 0);
    assert_eq!((rc, returned), (ERROR_MORE_DATA, 0));
    let (rc, bytes, returned, required_after) = from_block(&params, required);
    assert_eq!((rc, returned, required_after), (ERROR_SUCCESS, required, 0));
    let list = PropertyList::decode(&bytes).unwrap();
    let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Text", "Count", "Level", "Blob", "Owners", "Big", "Serial", "Unused"], "table order");
    assert_eq!(list.get("Text"), Some(&Value::Sz("héllo".into())));
    assert_eq!(list.get("Count"), Some(&Value::Dword(32)));
    assert_eq!(list.get("Level"), Some(&Value::Long(-1)));
    assert_eq!(list.get("Blob"), Some(&Value::Binary(vec![1, 2, 3])));
    assert_eq!(list.get("Owners"), Some(&Value::MultiSz(vec!["NODE1".into(), "NODE2".into()])));
    assert_eq!(list.get("Big"), Some(&Value::ULargeInteger(1 << 40)));
    assert_eq!(list.get("Serial"), Some(&Value::Dword(4242)));
    // "Unused" shares the Text field, as an EXPAND_SZ.
    assert_eq!(list.get("Unused"), Some(&Value::ExpandSz("héllo".into())));
    // And the list passes the table again (without the read-only property).
    let mut again = Params::zeroed();
    let rc = verify(&bytes, false, Some(&mut again));
    assert_eq!(rc, ERROR_INVALID_PARAMETER, "Serial is read-only");
    // SAFETY: the block and the table that describes it.
    unsafe { ResUtilFreeParameterBlock((&mut params as *mut Params).cast(), null(), table()) };
}

#[test]
fn an_empty_block_encodes_empty_values() {
    let (rc, bytes, _, _) = from_block(&Params::zeroed(), 4096);
    assert_eq!(rc, ERROR_SUCCESS);
    let list = PropertyList::decode(&bytes).unwrap();
    assert_eq!(list.get("Text"), Some(&Value::Sz(String::new())));
    assert_eq!(list.get("Blob"), Some(&Value::Binary(Vec::new())));
    assert_eq!(list.get("Owners"), Some(&Value::MultiSz(Vec::new())));
}

#[test]
fn formats_list_each_property_with_a_word_of_its_format() {
    let (mut returned, mut required) = (0, 0);
    // SAFETY: NULL buffer of 0 bytes; locals.
    let rc = unsafe { ResUtilGetPropertyFormats(table(), null_mut(), 0, &mut returned, &mut required) };
    assert_eq!((rc, returned), (ERROR_MORE_DATA, 0));
    let mut buf = vec![0u8; required as usize];
    // SAFETY: a live buffer of that size; locals.
    let rc = unsafe {
        ResUtilGetPropertyFormats(table(), buf.as_mut_ptr().cast(), required, &mut returned, &mut required)
    };
    assert_eq!((rc, returned as usize, required), (ERROR_SUCCESS, buf.len(), 0));
    let list = PropertyList::decode(&buf).unwrap();
    assert_eq!(list.len(), 8);
    assert_eq!(list.get("Count"), Some(&Value::Word(CLUSPROP_FORMAT_DWORD as u16)));
    assert_eq!(list.get("Owners"), Some(&Value::Word(CLUSPROP_FORMAT_MULTI_SZ as u16)));
    assert_eq!(list.get("Unused"), Some(&Value::Word(CLUSPROP_FORMAT_EXPAND_SZ as u16)));
}

#[test]
fn enum_properties_returns_the_names_as_a_multi_sz() {
    let (mut returned, mut required) = (0, 0);
    let mut buf = [0u16; 8];
    // SAFETY: a live buffer of 16 bytes; locals.
    let rc = unsafe { ResUtilEnumProperties(table(), buf.as_mut_ptr(), 16, &mut returned, &mut required) };
    assert_eq!((rc, returned), (ERROR_MORE_DATA, 0));
    let want: Vec<u16> = "Text\0Count\0Level\0Blob\0Owners\0Big\0Serial\0Unused\0\0".encode_utf16().collect();
    assert_eq!(required as usize, 2 * want.len());
    let mut buf = vec![0u16; want.len()];
    // SAFETY: a live buffer of `required` bytes; locals.
    let rc =
        unsafe { ResUtilEnumProperties(table(), buf.as_mut_ptr(), required, &mut returned, &mut required) };
    assert_eq!((rc, returned as usize, required), (ERROR_SUCCESS, 2 * want.len(), 0));
    assert_eq!(buf, want);
}

#[test]
fn table_helpers_refuse_null_arguments() {
    let (mut returned, mut required, mut size) = (0, 0, 64);
    let mut buf = [0u8; 64];
    let params = Params::zeroed();
    let block = (&params as *const Params).cast::<u8>();
    // SAFETY: each NULL is refused before anything is read or written.
    unsafe {
        assert_eq!(
            ResUtilEnumProperties(null(), null_mut(), 0, &mut returned, &mut required),
            ERROR_BAD_ARGUMENTS
        );
        assert_eq!(
            ResUtilEnumProperties(table(), null_mut(), 0, null_mut(), &mut required),
            ERROR_BAD_ARGUMENTS
        );
        assert_eq!(
            ResUtilGetPropertyFormats(null(), null_mut(), 0, &mut returned, &mut required),
            ERROR_BAD_ARGUMENTS
        );
        assert_eq!(
            ResUtilGetPropertyFormats(table(), null_mut(), 0, &mut returned, null_mut()),
            ERROR_BAD_ARGUMENTS
        );
        let out = buf.as_mut_ptr().cast::<c_void>();
        let rc = ResUtilPropertyListFromParameterBlock(
            null(),
            out,
            &mut size,
            block,
            &mut returned,
            &mut required,
        );
        assert_eq!(rc, ERROR_BAD_ARGUMENTS);
        let rc = ResUtilPropertyListFromParameterBlock(
            table(),
            out,
            &mut size,
            null(),
            &mut returned,
            &mut required,
        );
        assert_eq!(rc, ERROR_BAD_ARGUMENTS);
        let rc = ResUtilPropertyListFromParameterBlock(
            table(),
            out,
            null_mut(),
            block,
            &mut returned,
            &mut required,
        );
        assert_eq!(rc, ERROR_BAD_ARGUMENTS);
    }
    // An empty table: an empty list, an empty MULTI_SZ.
    let empty = [END];
    // SAFETY: a one-item table ended by its NULL name; a live buffer; locals.
    unsafe {
        let rc =
            ResUtilEnumProperties(empty.as_ptr(), buf.as_mut_ptr().cast(), 64, &mut returned, &mut required);
        assert_eq!((rc, returned), (ERROR_SUCCESS, 2));
        let rc = ResUtilGetPropertyFormats(
            empty.as_ptr(),
            buf.as_mut_ptr().cast(),
            64,
            &mut returned,
            &mut required,
        );
        assert_eq!((rc, returned), (ERROR_SUCCESS, 8), "a count of 0 and the ENDMARK");
    }
}

// ---- cluster-state helpers --------------------------------------------------------------------

/// What the counting callbacks see.
struct Seen {
    names: Vec<String>,
    stop_after: usize,
    hself: HRESOURCE,
    hcluster: HCLUSTER,
}

/// The name of a resource, read with `CLUSCTL_RESOURCE_GET_NAME`.
fn resource_name(h: HRESOURCE) -> String {
    let mut buf = [0u16; 128];
    let mut returned = 0;
    // SAFETY: a live buffer of 256 bytes; a local.
    let rc = unsafe {
        ClusterResourceControl(
            h,
            0,
            CLUSCTL_RESOURCE_GET_NAME as u32,
            null(),
            0,
            buf.as_mut_ptr().cast(),
            256,
            &mut returned,
        )
    };
    assert_eq!(rc, ERROR_SUCCESS);
    text(&buf)
}

unsafe extern "system" fn count_disks(hself: HRESOURCE, henum: HRESOURCE, p: *mut c_void) -> u32 {
    // SAFETY: the test passes a live `Seen`.
    let seen = unsafe { &mut *p.cast::<Seen>() };
    assert_eq!(hself, seen.hself);
    // The callback may call ClusAPI: the simulator's lock is not held.
    // SAFETY: NULL buffers are allowed.
    let state = unsafe { GetClusterResourceState(henum, null_mut(), null_mut(), null_mut(), null_mut()) };
    assert_ne!(state, ClusterResourceStateUnknown);
    // SAFETY: a NUL-terminated name and a live handle.
    assert_ne!(unsafe { ResUtilResourceTypesEqual(w!("Physical Disk"), henum) }, 0);
    seen.names.push(resource_name(henum));
    if seen.names.len() == seen.stop_after { 1234 } else { ERROR_SUCCESS }
}

unsafe extern "system" fn count_ex(hc: HCLUSTER, hself: HRESOURCE, henum: HRESOURCE, p: *mut c_void) -> u32 {
    // SAFETY: the test passes a live `Seen`.
    let seen = unsafe { &mut *p.cast::<Seen>() };
    assert_eq!((hc, hself), (seen.hcluster, seen.hself));
    seen.names.push(resource_name(henum));
    if seen.names.len() == seen.stop_after { ERROR_NO_MORE_ITEMS } else { ERROR_SUCCESS }
}

fn seen(stop_after: usize, hself: HRESOURCE, hcluster: HCLUSTER) -> Seen {
    Seen { names: Vec::new(), stop_after, hself, hcluster }
}

#[test]
fn enum_resources_calls_back_for_each_disk_with_handles_it_closes() {
    let (sim, cluster) = default_sim();
    let _g = sim.install();
    let disks: Vec<String> = cluster
        .resources()
        .values()
        .filter(|r| r.resource_type == "Physical Disk")
        .map(|r| r.name.clone())
        .collect();
    assert_eq!(disks.len(), 6, "Cluster Disk 1 to 5 and the CSV Cluster Disk 6");
    let before = sim.harness().open_handles();
    let mut s = seen(usize::MAX, 0, 0);
    // SAFETY: a static type name, a callback of the right type, a live `Seen`.
    let rc = unsafe {
        ResUtilEnumResources(0, w!("physical disk"), Some(count_disks), (&mut s as *mut Seen).cast())
    };
    assert_eq!(rc, ERROR_SUCCESS);
    assert_eq!(s.names, disks);
    assert_eq!(sim.harness().open_handles(), before, "every handle it opened is closed");
    assert_eq!(sim.harness().violation_count(), 0);
}

#[test]
fn enum_resources_stops_at_the_first_non_zero_answer() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let disk1 = open_resource(hc, "Cluster Disk 1");
    let mut s = seen(2, disk1, 0);
    // SAFETY: as above; `disk1` is a live handle.
    let rc = unsafe {
        ResUtilEnumResources(disk1, w!("Physical Disk"), Some(count_disks), (&mut s as *mut Seen).cast())
    };
    assert_eq!(rc, 1234, "the callback's answer");
    assert_eq!(s.names, ["Cluster Disk 2", "Cluster Disk 3"], "hSelf is skipped");
    // Ex: every resource of the cluster; ERROR_NO_MORE_ITEMS ends it with success.
    let mut s = seen(3, 0, hc);
    // SAFETY: as above.
    let rc = unsafe { ResUtilEnumResourcesEx(hc, 0, null(), Some(count_ex), (&mut s as *mut Seen).cast()) };
    assert_eq!((rc, s.names.len()), (ERROR_SUCCESS, 3));
    let mut s = seen(usize::MAX, disk1, hc);
    // SAFETY: as above.
    let rc = unsafe {
        ResUtilEnumResourcesEx2(hc, disk1, null(), Some(count_ex), (&mut s as *mut Seen).cast(), 0x1000_0000)
    };
    assert_eq!(rc, ERROR_SUCCESS);
    assert_eq!(s.names.len(), sim.harness().world().clusters()[0].resources().len() - 1);
    // SAFETY: live handles, closed once.
    unsafe {
        assert_ne!(CloseClusterResource(disk1), 0);
        assert_ne!(CloseCluster(hc), 0);
    }
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn enum_resources_refuses_bad_arguments() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let mut s = seen(usize::MAX, 0, 0);
    let p = (&mut s as *mut Seen).cast::<c_void>();
    // SAFETY: bad handles are checked; no callback is called.
    unsafe {
        assert_eq!(ResUtilEnumResources(0, null(), None, p), ERROR_INVALID_PARAMETER);
        assert_eq!(ResUtilEnumResourcesEx(0x1234, 0, null(), Some(count_ex), p), ERROR_INVALID_HANDLE);
        assert_eq!(ResUtilEnumResources(0x1234, null(), Some(count_disks), p), ERROR_INVALID_HANDLE);
        // An unknown type: nothing to enumerate.
        assert_eq!(ResUtilEnumResources(0, w!("No Such Type"), Some(count_disks), p), ERROR_SUCCESS);
    }
    assert!(s.names.is_empty());
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn core_cluster_resources_are_the_name_the_address_and_the_quorum_disk() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let (mut name, mut ip, mut quorum) = (0, 0, 0);
    // SAFETY: a live cluster handle and locals.
    let rc = unsafe { ResUtilGetCoreClusterResources(hc, &mut name, &mut ip, &mut quorum) };
    assert_eq!(rc, ERROR_SUCCESS);
    assert_eq!(resource_name(name), "Cluster Name");
    assert_eq!(resource_name(ip), "Cluster IP Address");
    assert_eq!(resource_name(quorum), "Cluster Disk 1");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(GetClusterFromResource(name), hc, "derived from the cluster handle");
        assert_ne!(ResUtilResourceTypesEqual(w!("network name"), name), 0);
        assert_eq!(ResUtilResourceTypesEqual(w!("IP Address"), name), 0);
        let disk1 = open_resource(hc, "cluster disk 1");
        assert_ne!(ResUtilResourcesEqual(quorum, disk1), 0);
        assert_eq!(ResUtilResourcesEqual(quorum, name), 0);
        for h in [name, ip, quorum, disk1] {
            assert_ne!(CloseClusterResource(h), 0);
        }
    }
    // NULL out pointers open nothing; Ex gives the name and the quorum.
    let before = sim.harness().open_handles();
    let (mut name, mut quorum) = (0, 0);
    // SAFETY: as above.
    unsafe {
        assert_eq!(ResUtilGetCoreClusterResources(hc, null_mut(), null_mut(), null_mut()), ERROR_SUCCESS);
        assert_eq!(sim.harness().open_handles(), before);
        assert_eq!(ResUtilGetCoreClusterResourcesEx(hc, &mut name, &mut quorum, 0x8000_0000), ERROR_SUCCESS);
    }
    assert_eq!(
        (resource_name(name), resource_name(quorum)),
        ("Cluster Name".into(), "Cluster Disk 1".into())
    );
    // SAFETY: live handles, closed once; then bad handles.
    unsafe {
        assert_ne!(CloseClusterResource(name), 0);
        assert_ne!(CloseClusterResource(quorum), 0);
        assert_ne!(CloseCluster(hc), 0);
        let mut h = 0;
        assert_eq!(ResUtilGetCoreClusterResources(hc, &mut h, null_mut(), null_mut()), ERROR_INVALID_HANDLE);
        assert_eq!(h, 0, "nothing written on failure");
        assert_eq!(ResUtilResourceTypesEqual(w!("Physical Disk"), 0x1234), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(ResUtilResourceTypesEqual(null(), 0x1234), 0);
        assert_last_error(ERROR_INVALID_PARAMETER);
    }
    assert!(sim.harness().open_handles().is_empty());
    // The strings the table helpers return are LocalFree'able (a smoke check of the heap link).
    // SAFETY: NULL is a no-op.
    assert!(unsafe { LocalFree(null_mut()) }.is_null());
}

/// A `CLUS_RESOURCE_CLASS_INFO` of class `rc` and subclass `sub`.
fn class_info(rc: u32, sub: u32) -> CLUS_RESOURCE_CLASS_INFO {
    let mut ci = CLUS_RESOURCE_CLASS_INFO::default();
    // SAFETY: the structure is two DWORDs, rc then SubClass.
    unsafe { (&mut ci as *mut CLUS_RESOURCE_CLASS_INFO).cast::<[u32; 2]>().write([rc, sub]) };
    ci
}

#[test]
fn dependency_helpers_find_a_provider_of_a_type_or_class() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let agent = open_resource(hc, "SQL Server Agent");
    let sql = open_resource(hc, "SQL Server");
    let mut storage = class_info(CLUS_RESCLASS_STORAGE as u32, 0);
    // SAFETY: live handles, NUL-terminated names, a live class info; every handle returned is
    // closed once.
    unsafe {
        let disk = ResUtilGetResourceDependency(sql as HANDLE, w!("physical disk"));
        assert_eq!(resource_name(disk), "Cluster Disk 4");
        assert_eq!(GetClusterFromResource(disk), hc, "derived from hSelf's cluster handle");
        assert_ne!(CloseClusterResource(disk), 0);

        // Only direct providers, unless recursing.
        assert_eq!(ResUtilGetResourceDependency(agent as HANDLE, w!("IP Address")), 0);
        assert_last_error(ERROR_RESOURCE_NOT_FOUND);
        assert_eq!(ResUtilGetResourceDependencyByName(hc, agent as HANDLE, w!("IP Address"), 0), 0);
        assert_last_error(ERROR_RESOURCE_NOT_FOUND);
        let ip = ResUtilGetResourceDependencyByName(hc, agent as HANDLE, w!("IP Address"), 1);
        assert_eq!(resource_name(ip), "SQL IP Address 1 (SQLFCI01)");
        assert_ne!(CloseClusterResource(ip), 0);
        let ip = ResUtilGetResourceDependencyByNameEx(hc, agent as HANDLE, w!("IP Address"), 1, 0x8000_0000);
        assert_ne!(CloseClusterResource(ip), 0);

        let disk = ResUtilGetResourceDependencyByClass(hc, agent as HANDLE, &mut storage, 1);
        assert_eq!(resource_name(disk), "Cluster Disk 4");
        assert_ne!(ResUtilIsResourceClassEqual(&mut storage, disk), 0);
        assert_eq!(ResUtilIsResourceClassEqual(&mut storage, sql), 0);
        assert_ne!(CloseClusterResource(disk), 0);
        assert_eq!(ResUtilGetResourceDependencyByClassEx(hc, agent as HANDLE, &mut storage, 0, 0), 0);
        assert_last_error(ERROR_RESOURCE_NOT_FOUND);
        assert_eq!(ResUtilGetResourceDependencyByClass(hc, agent as HANDLE, null_mut(), 1), 0);
        assert_last_error(ERROR_INVALID_PARAMETER);

        let ip = ResUtilGetResourceNameDependency(w!("SQL Network Name (SQLFCI01)"), w!("IP Address"));
        assert_eq!(resource_name(ip), "SQL IP Address 1 (SQLFCI01)");
        assert_ne!(CloseClusterResource(ip), 0);
        assert_eq!(ResUtilGetResourceNameDependencyEx(w!("No Such Resource"), w!("IP Address"), 0), 0);
        assert_last_error(ERROR_RESOURCE_NOT_FOUND);

        assert_eq!(ResUtilGetResourceDependency(0x1234 as HANDLE, w!("IP Address")), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(ResUtilGetResourceDependency(sql as HANDLE, null()), 0);
        assert_last_error(ERROR_INVALID_PARAMETER);
        assert_ne!(CloseClusterResource(sql), 0);
        assert_ne!(CloseClusterResource(agent), 0);
        assert_ne!(CloseCluster(hc), 0);
    }
    assert!(sim.harness().open_handles().is_empty());
    assert_eq!(sim.harness().violation_count(), 0);
}

#[test]
fn get_resource_name_follows_the_name_protocol() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let h = open_resource(hc, "cluster disk 2");
    let mut buf = [0u16; 32];
    let mut cch = 0;
    // SAFETY: a live buffer of `cch` units, a live handle.
    unsafe {
        assert_eq!(ResUtilGetResourceName(h, null_mut(), &mut cch), ERROR_MORE_DATA);
        assert_eq!(cch, 14, "the length, without the NUL");
        cch = 15;
        assert_eq!(ResUtilGetResourceName(h, buf.as_mut_ptr(), &mut cch), ERROR_SUCCESS);
        assert_eq!((text(&buf), cch), ("Cluster Disk 2".to_owned(), 14));
        assert_eq!(ResUtilGetResourceName(h, buf.as_mut_ptr(), null_mut()), ERROR_INVALID_PARAMETER);
        assert_ne!(CloseClusterResource(h), 0);
        assert_eq!(ResUtilGetResourceName(h, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE);
        assert_ne!(CloseCluster(hc), 0);
    }
}

#[test]
fn dup_parameter_block_copies_every_member_to_new_blocks() {
    let mut original = Params::zeroed();
    assert_eq!(verify(&full_list(), false, Some(&mut original)), ERROR_SUCCESS);
    original.serial = 77;
    let mut copy = Params::zeroed();
    let (out, input) = ((&mut copy as *mut Params).cast::<u8>(), (&original as *const Params).cast::<u8>());
    // SAFETY: two blocks the static table describes.
    assert_eq!(unsafe { ResUtilDupParameterBlock(out, input, table()) }, ERROR_SUCCESS);
    assert_eq!((copy.count, copy.level, copy.big, copy.serial), (32, -1, 1 << 40, 77));
    assert_ne!(copy.text, original.text, "a new string");
    assert_eq!(read_wide(copy.text), "héllo");
    assert_ne!(copy.blob, original.blob);
    assert_eq!((copy.blob_size, copy.owners_size), (original.blob_size, original.owners_size));
    // SAFETY: the copies hold pointers and sizes.
    unsafe {
        assert_eq!(std::slice::from_raw_parts(copy.blob, copy.blob_size as usize), [1, 2, 3]);
        // Freeing the copy against the original frees only what differs: the copies.
        ResUtilFreeParameterBlock(out, input, table());
        ResUtilFreeParameterBlock((&mut original as *mut Params).cast(), null(), table());
        assert_eq!(ResUtilDupParameterBlock(null_mut(), input, table()), ERROR_INVALID_PARAMETER);
        assert_eq!(ResUtilDupParameterBlock(out, input, null()), ERROR_INVALID_PARAMETER);
    }
    // A NULL string stays NULL.
    let (empty, mut copy) = (Params::zeroed(), Params::zeroed());
    copy.text = 0x10 as PWSTR; // overwritten by the copy
    let (out, input) = ((&mut copy as *mut Params).cast::<u8>(), (&empty as *const Params).cast::<u8>());
    // SAFETY: as above.
    assert_eq!(unsafe { ResUtilDupParameterBlock(out, input, table()) }, ERROR_SUCCESS);
    assert!(copy.text.is_null() && copy.blob.is_null() && copy.owners.is_null());
}
