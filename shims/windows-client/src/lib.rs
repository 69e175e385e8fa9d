//! A cluster client written as `windows`-crate users write one: RAII wrappers around the
//! handles of `windows::Win32::Networking::Clustering`, `windows::core::Result` returns,
//! `Error::from_thread()` after a failed open, `WIN32_ERROR(rc).ok()` after a call that returns
//! a code. Nothing in it knows about the simulator: on Linux `windows` is the
//! clusapi-sim-windows shim (see Cargo.toml), and `tests/` runs it against a simulated cluster.

#![cfg(not(windows))]

use windows::Win32::Foundation::{ERROR_IO_PENDING, ERROR_MORE_DATA, ERROR_NO_MORE_ITEMS, WIN32_ERROR};
use windows::Win32::Networking::Clustering::*;
use windows::core::{Error, HSTRING, PCWSTR, PWSTR, Result};

/// An open cluster (`HCLUSTER`), closed on drop.
pub struct Cluster(HCLUSTER);

impl Cluster {
    /// Opens the local cluster.
    ///
    /// # Errors
    ///
    /// The last error of `OpenCluster`.
    pub fn open() -> Result<Self> {
        // SAFETY: NULL names the local cluster.
        let handle = unsafe { OpenCluster(PCWSTR::null()) };
        if handle.0 == 0 { Err(Error::from_thread()) } else { Ok(Self(handle)) }
    }

    /// The cluster's name, with the grow pattern: ask, get `ERROR_MORE_DATA` and the length, retry.
    ///
    /// # Errors
    ///
    /// The code `GetClusterInformation` returned.
    pub fn name(&self) -> Result<String> {
        let mut buffer = vec![0u16; 4];
        loop {
            let mut len = buffer.len() as u32;
            // SAFETY: `len` is the buffer's capacity in characters.
            let rc = unsafe { GetClusterInformation(self.0, PWSTR(buffer.as_mut_ptr()), &mut len, None) };
            if WIN32_ERROR(rc) == ERROR_MORE_DATA {
                buffer.resize(len as usize + 1, 0);
                continue;
            }
            WIN32_ERROR(rc).ok()?;
            return Ok(String::from_utf16_lossy(&buffer[..len as usize]));
        }
    }

    /// The names of the cluster's groups.
    ///
    /// # Errors
    ///
    /// The last error of `ClusterOpenEnum`, or the code `ClusterEnum` returned.
    pub fn group_names(&self) -> Result<Vec<String>> {
        // SAFETY: a handle this wrapper owns.
        let henum = unsafe { ClusterOpenEnum(self.0, CLUSTER_ENUM_GROUP.0 as u32) };
        if henum.0 == 0 {
            return Err(Error::from_thread());
        }
        let mut names = Vec::new();
        let mut buffer = vec![0u16; 8];
        let mut index = 0;
        let result = loop {
            let (mut kind, mut len) = (0u32, buffer.len() as u32);
            // SAFETY: `len` is the buffer's capacity in characters.
            let rc = unsafe { ClusterEnum(henum, index, &mut kind, PWSTR(buffer.as_mut_ptr()), &mut len) };
            match WIN32_ERROR(rc) {
                ERROR_NO_MORE_ITEMS => break Ok(names),
                ERROR_MORE_DATA => buffer.resize(len as usize + 1, 0),
                code if code.is_err() => break Err(code.into()),
                _ => {
                    names.push(String::from_utf16_lossy(&buffer[..len as usize]));
                    index += 1;
                }
            }
        };
        // SAFETY: the enumeration opened above.
        unsafe { ClusterCloseEnum(henum) };
        result
    }

    /// Opens a group by name.
    ///
    /// # Errors
    ///
    /// The last error of `OpenClusterGroup` (`ERROR_GROUP_NOT_FOUND` for an unknown name).
    pub fn group(&self, name: &str) -> Result<Group> {
        // SAFETY: the HSTRING lives for the call.
        let handle = unsafe { OpenClusterGroup(self.0, &HSTRING::from(name)) };
        if handle.0 == 0 { Err(Error::from_thread()) } else { Ok(Group(handle)) }
    }

    /// Opens a node by name.
    ///
    /// # Errors
    ///
    /// The last error of `OpenClusterNode`.
    pub fn node(&self, name: &str) -> Result<Node> {
        // SAFETY: the HSTRING lives for the call.
        let handle = unsafe { OpenClusterNode(self.0, &HSTRING::from(name)) };
        if handle.0 == 0 { Err(Error::from_thread()) } else { Ok(Node(handle)) }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        // SAFETY: the handle this wrapper owns; CloseCluster always returns TRUE.
        let _ = unsafe { CloseCluster(self.0) };
    }
}

/// An open node (`HNODE`), closed on drop.
pub struct Node(HNODE);

impl Drop for Node {
    fn drop(&mut self) {
        // SAFETY: the handle this wrapper owns.
        let _ = unsafe { CloseClusterNode(self.0) };
    }
}

/// An open group (`HGROUP`), closed on drop.
pub struct Group(HGROUP);

impl Group {
    /// The group's state and the name of its owner node.
    ///
    /// # Errors
    ///
    /// The last error, when `GetClusterGroupState` returns `ClusterGroupStateUnknown`.
    pub fn state(&self) -> Result<(CLUSTER_GROUP_STATE, String)> {
        let mut node = [0u16; 64];
        let mut len = node.len() as u32;
        // SAFETY: `len` is the buffer's capacity in characters.
        let state = unsafe { GetClusterGroupState(self.0, Some(PWSTR(node.as_mut_ptr())), Some(&mut len)) };
        if state == ClusterGroupStateUnknown {
            return Err(Error::from_thread());
        }
        Ok((state, String::from_utf16_lossy(&node[..len as usize])))
    }

    /// Just the state, without the owner (both optional parameters `None`).
    pub fn state_only(&self) -> CLUSTER_GROUP_STATE {
        // SAFETY: NULL optional parameters are allowed.
        unsafe { GetClusterGroupState(self.0, None, None) }
    }

    /// Brings the group online on its current node.
    ///
    /// # Errors
    ///
    /// The code `OnlineClusterGroup` returned, unless it is `ERROR_IO_PENDING` (still coming online).
    pub fn online(&self) -> Result<()> {
        // SAFETY: a handle this wrapper owns; no destination node.
        pending_is_ok(unsafe { OnlineClusterGroup(self.0, None) })
    }

    /// Takes the group offline.
    ///
    /// # Errors
    ///
    /// The code `OfflineClusterGroup` returned, unless it is `ERROR_IO_PENDING`.
    pub fn offline(&self) -> Result<()> {
        // SAFETY: a handle this wrapper owns.
        pending_is_ok(unsafe { OfflineClusterGroup(self.0) })
    }

    /// Moves the group to `node`.
    ///
    /// # Errors
    ///
    /// The code `MoveClusterGroup` returned, unless it is `ERROR_IO_PENDING`.
    pub fn move_to(&self, node: &Node) -> Result<()> {
        // SAFETY: handles these wrappers own.
        pending_is_ok(unsafe { MoveClusterGroup(self.0, Some(node.0)) })
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        // SAFETY: the handle this wrapper owns; a failure (a handle the cluster's close already
        // invalidated) is nothing to act on in a destructor.
        let _ = unsafe { CloseClusterGroup(self.0) };
    }
}

fn pending_is_ok(rc: u32) -> Result<()> {
    match WIN32_ERROR(rc) {
        ERROR_IO_PENDING => Ok(()),
        code => code.ok(),
    }
}
