//! Cluster-wide calls: the cluster's name (SetClusterName page; Samba's `test_SetClusterName`
//! against Windows, reference clusapi.md §6.8) and its quorum resource
//! (GetClusterQuorumResource and SetClusterQuorumResource pages).

use super::Engine;
use crate::error::{Error, Result, codes};
use crate::flags::{CLUS_HYBRID_QUORUM, CLUS_LEGACY_QUORUM, CLUS_NODE_MAJORITY_QUORUM};
use crate::world::{Change, ObjectId, ResourceState, eq_ignore_case};

/// `CLUS_CHAR_QUORUM`: the resource type can hold the quorum.
const CHAR_QUORUM: u32 = 0x1;

/// What `GetClusterQuorumResource` reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Quorum {
    pub(crate) resource: String,
    pub(crate) device: String,
    pub(crate) log_size: u32,
}

/// Characters a cluster (NetBIOS and DNS) name cannot hold (a choice: the usual NetBIOS
/// exclusions, and `.`, which would make it a DNS name).
fn bad_name_char(ch: char) -> bool {
    ch.is_whitespace() || ch.is_control() || "\\/:*?\"<>|.,;=+[]".contains(ch)
}

impl Engine {
    /// `SetClusterName`: renames cluster `c` (its FQDN keeps its domain). The new name takes
    /// effect at once: `OpenCluster` finds it and `GetClusterInformation` reports it (the page
    /// says the change is effective when the core Network Name resource comes back online; the
    /// sim does not defer it, a choice). Gives `ERROR_RESOURCE_PROPERTIES_STORED (5024)` as
    /// the success code, as the page says; renaming to its own name (any case) changes
    /// nothing and gives 5024 too (Samba's `test_SetClusterName`, against Windows).
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME (123)` for an empty name or one with a character a NetBIOS or DNS
    /// name cannot hold (a choice); `ERROR_ALREADY_EXISTS (183)` for a name that another
    /// cluster, or a node, already answers to (a choice: OpenCluster would be ambiguous).
    pub(crate) fn set_cluster_name(&mut self, c: usize, name: &str) -> Result<()> {
        if name.is_empty() || name.chars().any(bad_name_char) {
            return Err(Error::new(codes::ERROR_INVALID_NAME));
        }
        if eq_ignore_case(self.cluster(c).name(), name) {
            return Ok(());
        }
        let world = self.world();
        let taken = world.clusters().iter().enumerate().any(|(i, cl)| {
            (i != c && (eq_ignore_case(cl.name(), name) || eq_ignore_case(cl.fqdn(), name)))
                || cl.node_by_name(name).is_some()
        });
        if taken {
            return Err(Error::new(codes::ERROR_ALREADY_EXISTS));
        }
        self.commit1(c, Change::RenameCluster(name.to_owned()));
        Ok(())
    }

    /// `GetClusterQuorumResource`: the quorum resource's name, the device holding the quorum
    /// files and the quorum type. A cluster without a quorum resource reports empty names and
    /// `CLUS_NODE_MAJORITY_QUORUM` (0) (a choice).
    pub(crate) fn quorum(&self, c: usize) -> Quorum {
        let cl = self.cluster(c);
        match cl.quorum_resource().and_then(|q| cl.resources().get(&q)) {
            Some(r) => Quorum {
                resource: r.name.clone(),
                device: cl.quorum_device().to_owned(),
                log_size: cl.quorum_log_size(),
            },
            None => {
                Quorum { resource: String::new(), device: String::new(), log_size: CLUS_NODE_MAJORITY_QUORUM }
            }
        }
    }

    /// `SetClusterQuorumResource`: makes `r` the quorum resource, its files on `device` (NULL:
    /// the previous path, else `MSCS`: the page), with quorum type `log_size`.
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER` for a `dwMaxQuoLogSize` that is none of
    /// `CLUS_NODE_MAJORITY_QUORUM`, `CLUS_HYBRID_QUORUM`, `CLUS_LEGACY_QUORUM`, or for
    /// `CLUS_NODE_MAJORITY_QUORUM` with a resource that is not the current quorum resource
    /// (the page requires it; the code is a choice); `ERROR_NOT_QUORUM_CAPABLE (5021)` for a
    /// resource whose type lacks `CLUS_CHAR_QUORUM` (ClusResource.BecomeQuorumResource page:
    /// only such types can hold the quorum); `ERROR_RESOURCE_NOT_ONLINE (5004)` for a
    /// resource that is not online (the page).
    pub(crate) fn set_quorum_resource(
        &mut self,
        c: usize,
        r: ObjectId,
        device: Option<&str>,
        log_size: u32,
    ) -> Result<()> {
        if ![CLUS_NODE_MAJORITY_QUORUM, CLUS_HYBRID_QUORUM, CLUS_LEGACY_QUORUM].contains(&log_size) {
            return Err(Error::INVALID_PARAMETER);
        }
        let cl = self.cluster(c);
        if log_size == CLUS_NODE_MAJORITY_QUORUM && cl.quorum_resource() != Some(r) {
            return Err(Error::INVALID_PARAMETER);
        }
        let res = &cl.resources()[&r];
        if cl.resource_type(&res.resource_type).is_none_or(|t| t.characteristics & CHAR_QUORUM == 0) {
            return Err(Error::new(codes::ERROR_NOT_QUORUM_CAPABLE));
        }
        if res.state != ResourceState::Online {
            return Err(Error::new(codes::ERROR_RESOURCE_NOT_ONLINE));
        }
        let device = match device {
            Some(d) => d.to_owned(),
            None if !cl.quorum_device().is_empty() => cl.quorum_device().to_owned(),
            None => "MSCS".to_owned(),
        };
        self.commit(c, [Change::SetQuorum(Some(r)), Change::SetQuorumConfig { device, log_size }]);
        Ok(())
    }
}
