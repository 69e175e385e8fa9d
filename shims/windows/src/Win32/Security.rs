//! The `Win32::Security` types that Clustering's signatures name.

use crate::core::BOOL;

/// A pointer to a security descriptor.
#[repr(transparent)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PSECURITY_DESCRIPTOR(pub *mut ::core::ffi::c_void);

impl Default for PSECURITY_DESCRIPTOR {
    fn default() -> Self {
        Self(::core::ptr::null_mut())
    }
}

/// `SECURITY_ATTRIBUTES`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SECURITY_ATTRIBUTES {
    /// The size of the structure in bytes.
    pub nLength: u32,
    /// The security descriptor, or NULL.
    pub lpSecurityDescriptor: *mut ::core::ffi::c_void,
    /// Whether the handle is inherited.
    pub bInheritHandle: BOOL,
}

impl Default for SECURITY_ATTRIBUTES {
    fn default() -> Self {
        Self { nLength: 0, lpSecurityDescriptor: ::core::ptr::null_mut(), bInheritHandle: BOOL(0) }
    }
}

/// The control bits of a security descriptor.
#[repr(transparent)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SECURITY_DESCRIPTOR_CONTROL(pub u16);

/// `SECURITY_DESCRIPTOR_RELATIVE`: a self-relative security descriptor's header.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SECURITY_DESCRIPTOR_RELATIVE {
    /// The revision level.
    pub Revision: u8,
    /// Reserved.
    pub Sbz1: u8,
    /// The control bits.
    pub Control: SECURITY_DESCRIPTOR_CONTROL,
    /// The offset of the owner SID.
    pub Owner: u32,
    /// The offset of the group SID.
    pub Group: u32,
    /// The offset of the SACL.
    pub Sacl: u32,
    /// The offset of the DACL.
    pub Dacl: u32,
}

/// Which parts of a security descriptor a call reads or sets.
#[repr(transparent)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct OBJECT_SECURITY_INFORMATION(pub u32);
