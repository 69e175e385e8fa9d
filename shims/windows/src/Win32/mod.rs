//! The Win32 modules that `Networking::Clustering` needs, at the `windows` crate's paths.

pub mod Foundation;
pub mod Security;
pub mod System;

/// `Win32::Networking`.
pub mod Networking {
    pub mod Clustering;
}
