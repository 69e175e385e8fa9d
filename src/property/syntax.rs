//! The `CLUSPROP_SYNTAX_*` values (`(type << 16) | format`) the codec knows, with the names
//! and values of windows-sys (`reference/engine-properties-notify.md` §C.2).

/// `CLUSPROP_SYNTAX_ENDMARK`: closes a value list (4 bytes, no length field).
pub const ENDMARK: u32 = 0x0000_0000;
/// `CLUSPROP_SYNTAX_NAME`: a property's name (NUL-terminated UTF-16).
pub const NAME: u32 = 0x0004_0003;
/// `CLUSPROP_SYNTAX_LIST_VALUE_BINARY`.
pub const LIST_VALUE_BINARY: u32 = 0x0001_0001;
/// `CLUSPROP_SYNTAX_LIST_VALUE_DWORD`.
pub const LIST_VALUE_DWORD: u32 = 0x0001_0002;
/// `CLUSPROP_SYNTAX_LIST_VALUE_SZ`.
pub const LIST_VALUE_SZ: u32 = 0x0001_0003;
/// `CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ`.
pub const LIST_VALUE_EXPAND_SZ: u32 = 0x0001_0004;
/// `CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ`.
pub const LIST_VALUE_MULTI_SZ: u32 = 0x0001_0005;
/// `CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER`.
pub const LIST_VALUE_ULARGE_INTEGER: u32 = 0x0001_0006;
/// `CLUSPROP_SYNTAX_LIST_VALUE_LONG`.
pub const LIST_VALUE_LONG: u32 = 0x0001_0007;
/// `CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ`.
pub const LIST_VALUE_EXPANDED_SZ: u32 = 0x0001_0008;
/// `CLUSPROP_SYNTAX_LIST_VALUE_SECURITY_DESCRIPTOR`.
pub const LIST_VALUE_SECURITY_DESCRIPTOR: u32 = 0x0001_0009;
/// `CLUSPROP_SYNTAX_LIST_VALUE_LARGE_INTEGER`.
pub const LIST_VALUE_LARGE_INTEGER: u32 = 0x0001_000A;
/// `CLUSPROP_SYNTAX_LIST_VALUE_WORD`.
pub const LIST_VALUE_WORD: u32 = 0x0001_000B;
/// `CLUSPROP_SYNTAX_LIST_VALUE_FILETIME`.
pub const LIST_VALUE_FILETIME: u32 = 0x0001_000C;
/// `CLUSPROP_SYNTAX_LIST_VALUE_PROPERTY_LIST` (decoded as [`Value::Raw`](super::Value::Raw)).
pub const LIST_VALUE_PROPERTY_LIST: u32 = 0x0001_000E;
/// `CLUSPROP_SYNTAX_RESCLASS` (a value-list entry).
pub const RESCLASS: u32 = 0x0002_0002;
/// `CLUSPROP_SYNTAX_DISK_SIGNATURE` (a value-list entry).
pub const DISK_SIGNATURE: u32 = 0x0005_0002;
/// `CLUSPROP_SYNTAX_SCSI_ADDRESS` (a value-list entry).
pub const SCSI_ADDRESS: u32 = 0x0006_0002;
/// `CLUSPROP_SYNTAX_DISK_NUMBER` (a value-list entry).
pub const DISK_NUMBER: u32 = 0x0007_0002;
/// `CLUSPROP_SYNTAX_PARTITION_INFO` (a value-list entry).
pub const PARTITION_INFO: u32 = 0x0008_0001;
/// `CLUSPROP_SYNTAX_DISK_SIZE` (a value-list entry).
pub const DISK_SIZE: u32 = 0x000C_0006;
/// `CLUSPROP_SYNTAX_PARTITION_INFO_EX` (a value-list entry).
pub const PARTITION_INFO_EX: u32 = 0x000D_0001;

/// The syntaxes that [`Value`](super::Value) decodes to a typed variant (every other syntax
/// in a value position decodes as [`Value::Raw`](super::Value::Raw), except [`ENDMARK`] and
/// [`NAME`], which cannot be values).
pub const TYPED: [u32; 12] = [
    LIST_VALUE_BINARY,
    LIST_VALUE_DWORD,
    LIST_VALUE_SZ,
    LIST_VALUE_EXPAND_SZ,
    LIST_VALUE_MULTI_SZ,
    LIST_VALUE_ULARGE_INTEGER,
    LIST_VALUE_LONG,
    LIST_VALUE_EXPANDED_SZ,
    LIST_VALUE_SECURITY_DESCRIPTOR,
    LIST_VALUE_LARGE_INTEGER,
    LIST_VALUE_WORD,
    LIST_VALUE_FILETIME,
];

/// `ALIGN_CLUSPROP`: `n` rounded up to a multiple of 4.
pub const fn align(n: usize) -> usize {
    (n + 3) & !3
}
