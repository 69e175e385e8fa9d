//! The `Win32::System` types that Clustering's signatures name.

/// `Win32::System::Registry`.
pub mod Registry {
    /// A registry key handle (here: a cluster database key from `GetClusterKey` and the like).
    #[repr(transparent)]
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub struct HKEY(pub *mut ::core::ffi::c_void);

    impl HKEY {
        /// Whether the handle is NULL, as a failing `Get*Key` call returns it.
        pub fn is_invalid(&self) -> bool {
            self.0.is_null()
        }
    }

    impl Default for HKEY {
        fn default() -> Self {
            Self(::core::ptr::null_mut())
        }
    }
}

/// `Win32::System::Services`.
pub mod Services {
    /// A service control manager or service handle.
    #[repr(transparent)]
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub struct SC_HANDLE(pub *mut ::core::ffi::c_void);

    impl SC_HANDLE {
        /// Whether the handle is NULL.
        pub fn is_invalid(&self) -> bool {
            self.0.is_null()
        }
    }

    impl Default for SC_HANDLE {
        fn default() -> Self {
            Self(::core::ptr::null_mut())
        }
    }
}
