//! The Cluster Shared Volume path helpers of resutils.dll (`ClusterIsPathOnSharedVolume`,
//! `ClusterGetVolumePathName`, `ClusterGetVolumeNameForVolumeMountPoint`), over the local
//! cluster's CSVs ([`Cluster::shared_volume_of_path`](crate::world::Cluster::shared_volume_of_path)).
//!
//! The process runs as a domain account, so a path on any CSV is on a shared volume wherever
//! its owner is (ClusterIsPathOnSharedVolume page: TRUE for a domain account whichever node
//! owns the CSV). No file exists in the simulator: a path under a CSV's folder is on it.

use super::{Arg, Call, Sim};
use crate::error::{Error, Result, codes};
use crate::world::{Cluster, ResourceState, World, normalize_path};

impl Sim {
    /// `ClusterIsPathOnSharedVolume`: whether `path` is on one of the local cluster's Cluster
    /// Shared Volumes: under `C:\ClusterStorage\Volume<N>` or `\\?\Volume{GUID}` of a CSV,
    /// ignoring case, with `\` or `/`, with or without a `\\?\` prefix.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// assert!(sim.is_path_on_shared_volume(r"C:\ClusterStorage\Volume1\vm\disk.vhdx"));
    /// assert!(sim.is_path_on_shared_volume("c:/clusterstorage/volume1"));
    /// assert!(!sim.is_path_on_shared_volume(r"C:\ClusterStorage\Volume2\x"));
    /// assert!(!sim.is_path_on_shared_volume(r"E:\data"));
    /// ```
    #[track_caller]
    pub fn is_path_on_shared_volume(&self, path: &str) -> bool {
        self.is_path_on_shared_volume_as(&mut Call::rust("ClusterIsPathOnSharedVolume"), path, Ok)
            .unwrap_or(false)
    }

    pub(crate) fn is_path_on_shared_volume_as<T>(
        &self,
        call: &mut Call,
        path: &str,
        deliver: impl FnOnce(bool) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("path", Arg::Text(path))],
            |st, _| Ok(local(st.world()).is_some_and(|w| w.shared_volume_of_path(path).is_some())),
            deliver,
        )
    }

    /// `ClusterGetVolumePathName`: the volume mount point of `path`, with a trailing `\`. For
    /// a path on a CSV, the CSV's folder (or volume GUID path) as `path` spells it, with its
    /// `\\?\` prefix if it has one and `/` turned into `\` (ClusterGetVolumePathName page:
    /// `C:\ClusterStorage\Volume31\Filename.Ext` gives `C:\ClusterStorage\Volume31\`, also
    /// for a file that does not exist). For any other absolute path `X:\...`, its drive's
    /// root `X:\`, as GetVolumePathName gives (a choice: the simulator has no local volumes
    /// to look at).
    ///
    /// # Errors
    /// `ERROR_SUCCESS (0)` for an empty path (the page: "the function fails but the last
    /// error is set to ERROR_SUCCESS"); `ERROR_INVALID_NAME (123)` for a relative or UNC path
    /// (a choice: the simulator has no current directory).
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// assert_eq!(sim.volume_path_name(r"C:\ClusterStorage\Volume1\a\b.txt")?, r"C:\ClusterStorage\Volume1\");
    /// assert_eq!(sim.volume_path_name(r"\\?\c:\clusterstorage\volume1")?, r"\\?\c:\clusterstorage\volume1\");
    /// assert_eq!(sim.volume_path_name(r"E:\data\x")?, r"E:\");
    /// assert_eq!(sim.volume_path_name("").unwrap_err().code(), 0);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn volume_path_name(&self, path: &str) -> Result<String> {
        self.volume_path_name_as(&mut Call::rust("ClusterGetVolumePathName"), path, Ok)
    }

    pub(crate) fn volume_path_name_as<T>(
        &self,
        call: &mut Call,
        path: &str,
        deliver: impl FnOnce(String) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("path", Arg::Text(path))],
            |st, _| {
                if path.is_empty() {
                    return Err(Error::new(codes::ERROR_SUCCESS));
                }
                let slashed = path.replace('/', "\\");
                let prefix = if slashed.starts_with(r"\\?\") { 4 } else { 0 };
                if let Some((_, _, root)) = local(st.world()).and_then(|c| c.shared_volume_of_path(path)) {
                    return Ok(format!("{}\\", &slashed[..prefix + root]));
                }
                let rest = &slashed[prefix..];
                let b = rest.as_bytes();
                if b.len() >= 2
                    && b[0].is_ascii_alphabetic()
                    && b[1] == b':'
                    && (b.len() == 2 || b[2] == b'\\')
                {
                    return Ok(format!("{}\\", &slashed[..prefix + 2]));
                }
                Err(Error::new(codes::ERROR_INVALID_NAME))
            },
            deliver,
        )
    }

    /// `ClusterGetVolumeNameForVolumeMountPoint`: the volume GUID path `\\?\Volume{GUID}\` of
    /// the CSV mounted at `mount_point`: its folder `C:\ClusterStorage\Volume<N>\` or its
    /// volume GUID path, which must end with a `\` (ClusterGetVolumeNameForVolumeMountPoint
    /// page). The GUID is derived stably from the disk ([`DiskInfo`](crate::world::DiskInfo)).
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER (87)` for a mount point without the trailing `\` (the page:
    /// `\\?\C:\ClusterStorage\Volume31\Filename.Ext` fails so); `ERROR_INVALID_NAME (123)`
    /// for a folder under a CSV that is not its root (the page's "Directory\that\does\not\exist\"
    /// example) or a path on no CSV (a choice); `ERROR_CSV_VOLUME_NOT_LOCAL (5951)` when the
    /// CSV's resource is not online (the page: "the input CSV is not locally mounted").
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let name = sim.volume_name_for_mount_point(r"C:\ClusterStorage\Volume1\")?;
    /// assert!(name.starts_with(r"\\?\Volume{") && name.ends_with(r"}\") && name.len() == 49);
    /// assert_eq!(sim.volume_name_for_mount_point(&name)?, name);
    /// assert_eq!(sim.volume_name_for_mount_point(r"C:\ClusterStorage\Volume1").unwrap_err().code(), 87);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn volume_name_for_mount_point(&self, mount_point: &str) -> Result<String> {
        self.volume_name_for_mount_point_as(
            &mut Call::rust("ClusterGetVolumeNameForVolumeMountPoint"),
            mount_point,
            Ok,
        )
    }

    pub(crate) fn volume_name_for_mount_point_as<T>(
        &self,
        call: &mut Call,
        mount_point: &str,
        deliver: impl FnOnce(String) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("mount_point", Arg::Text(mount_point))],
            |st, _| {
                let norm = normalize_path(mount_point);
                let Some(trimmed) = norm.strip_suffix('\\') else {
                    return Err(Error::new(codes::ERROR_INVALID_PARAMETER));
                };
                let c = local(st.world()).ok_or(Error::new(codes::ERROR_INVALID_NAME))?;
                match c.shared_volume_of_path(trimmed) {
                    Some((d, p, root)) if root == trimmed.len() => {
                        let online =
                            c.resources().get(&d.resource).is_some_and(|r| r.state == ResourceState::Online);
                        if online {
                            Ok(p.volume_name())
                        } else {
                            Err(Error::new(codes::ERROR_CSV_VOLUME_NOT_LOCAL))
                        }
                    }
                    _ => Err(Error::new(codes::ERROR_INVALID_NAME)),
                }
            },
            deliver,
        )
    }
}

/// The local cluster, if the world has one.
fn local(w: &World) -> Option<&Cluster> {
    w.cluster(w.local())
}
