//! Write batches (`ClusterRegCreateBatch` / `BatchAddCommand` / `CloseBatch`, §D.3; CMRP
//! 3.1.4.2.112 ApiExecuteBatch) and read batches (`ClusterRegCreateReadBatch` /
//! `ReadBatchAddCommand` / `CloseReadBatch`, §D.4; CMRP 3.1.4.2.141 ApiExecuteReadBatch).

use std::cmp::Ordering;

use super::command::*;
use super::hive::{Hive, KeyId, RegChange, RegValue};
use super::{REG_DWORD, REG_DWORD_BIG_ENDIAN, REG_QWORD};
use crate::codes;
use crate::error::{Error, Result};

/// A condition command (`CLUSREG_CONDITION_*`, Windows Server 2016 and later).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    /// The named value exists on the current key (11).
    Exists,
    /// The named value does not exist on the current key (12).
    NotExists,
    /// The named value equals the data (13).
    IsEqual,
    /// The named value differs from the data (14).
    IsNotEqual,
    /// The named value is greater than the data (15).
    IsGreaterThan,
    /// The named value is less than the data (16).
    IsLessThan,
    /// The named key exists (17).
    KeyExists,
    /// The named key does not exist (18).
    KeyNotExists,
}

impl Condition {
    /// The `CLUSTER_REG_COMMAND` number.
    pub const fn command(self) -> u32 {
        match self {
            Condition::Exists => CLUSREG_CONDITION_EXISTS,
            Condition::NotExists => CLUSREG_CONDITION_NOT_EXISTS,
            Condition::IsEqual => CLUSREG_CONDITION_IS_EQUAL,
            Condition::IsNotEqual => CLUSREG_CONDITION_IS_NOT_EQUAL,
            Condition::IsGreaterThan => CLUSREG_CONDITION_IS_GREATER_THAN,
            Condition::IsLessThan => CLUSREG_CONDITION_IS_LESS_THAN,
            Condition::KeyExists => CLUSREG_CONDITION_KEY_EXISTS,
            Condition::KeyNotExists => CLUSREG_CONDITION_KEY_NOT_EXISTS,
        }
    }

    fn is_key_condition(self) -> bool {
        matches!(self, Condition::KeyExists | Condition::KeyNotExists)
    }
}

/// One command of a write batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BatchCommand {
    /// `CLUSREG_SET_VALUE`: sets `name` on the current key.
    SetValue {
        /// The value's name (`""` = the default value).
        name: String,
        /// Its type (`dwOptions`).
        kind: u32,
        /// Its data.
        data: Vec<u8>,
    },
    /// `CLUSREG_CREATE_KEY`: creates or opens `path`, relative to the **batch's** key
    /// (CMRP 3.1.4.2.112), and makes it the current key.
    CreateKey {
        /// The key's path.
        path: String,
    },
    /// `CLUSREG_DELETE_KEY`: deletes `path` (relative to the batch's key) with its subtree,
    /// and clears the current key: value commands and value conditions then fail with
    /// `ERROR_INVALID_PARAMETER (87)` until the next `CreateKey` (CMRP 3.1.4.2.112). A missing
    /// key is no error (ibid.).
    DeleteKey {
        /// The key's path.
        path: String,
    },
    /// `CLUSREG_DELETE_VALUE`: deletes `name` from the current key; a missing value is no
    /// error (CMRP 3.1.4.2.112).
    DeleteValue {
        /// The value's name.
        name: String,
    },
    /// `CLUSREG_CONDITION_*`: the batch fails with
    /// `ERROR_CLUSTER_DATABASE_UPDATE_CONDITION_FAILED (5986)` unless the condition holds.
    ///
    /// Value conditions look at the value `name` of the current key. Key conditions look at
    /// the key `name` relative to the batch's key, like the other key commands (a **choice**;
    /// doc:CLUSTER_REG_COMMAND only says "a key exists").
    ///
    /// Comparisons (a **choice**; the docs say only "equal to another", "greater than
    /// another"): a missing value fails all four. A value of type `REG_DWORD`,
    /// `REG_DWORD_BIG_ENDIAN` or `REG_QWORD` whose data has the size of its type, against
    /// data of 4 or 8 bytes, compares as numbers (the data read little-endian, or big-endian
    /// for a big-endian value). Anything else compares bytes, lexicographically (a prefix is
    /// less), so strings compare case-sensitively by code unit bytes.
    Condition {
        /// Which condition.
        test: Condition,
        /// The value's name, or the key's path for the key conditions.
        name: String,
        /// What comparisons compare with.
        data: Vec<u8>,
    },
}

/// A write batch: commands to run atomically against a key ([`Hive::apply_batch`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Batch {
    commands: Vec<BatchCommand>,
}

/// Why a batch failed: the command and its error (`ClusterRegCloseBatch`'s
/// `failedCommandNumber` and return value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchFailure {
    /// The 0-based index of the command that failed, or -1 if the batch failed before any
    /// command ran (its key was deleted).
    pub index: i32,
    /// The error.
    pub error: Error,
}

impl From<BatchFailure> for Error {
    /// The error alone, for `?` where the failed command's index does not matter.
    fn from(f: BatchFailure) -> Error {
        f.error
    }
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Adds a command given as `ClusterRegBatchAddCommand`'s arguments.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_PARAMETER (87)` for a command that is not one of 1-4 or 11-18
    /// (`SET_KEY_SECURITY` is reserved, the read and notification commands belong to other
    /// calls), and for nonzero `options` on any command but `CLUSREG_SET_VALUE`
    /// (doc:ClusterRegBatchAddCommand). Names are checked when the batch runs.
    pub fn add_command(&mut self, command: u32, name: &str, options: u32, data: &[u8]) -> Result<()> {
        if command != CLUSREG_SET_VALUE && options != 0 {
            return Err(Error::INVALID_PARAMETER);
        }
        let (name, data) = (name.to_string(), data.to_vec());
        let test = |test| BatchCommand::Condition { test, name: name.clone(), data: data.clone() };
        let cmd = match command {
            CLUSREG_SET_VALUE => BatchCommand::SetValue { name, kind: options, data },
            CLUSREG_CREATE_KEY => BatchCommand::CreateKey { path: name },
            CLUSREG_DELETE_KEY => BatchCommand::DeleteKey { path: name },
            CLUSREG_DELETE_VALUE => BatchCommand::DeleteValue { name },
            CLUSREG_CONDITION_EXISTS => test(Condition::Exists),
            CLUSREG_CONDITION_NOT_EXISTS => test(Condition::NotExists),
            CLUSREG_CONDITION_IS_EQUAL => test(Condition::IsEqual),
            CLUSREG_CONDITION_IS_NOT_EQUAL => test(Condition::IsNotEqual),
            CLUSREG_CONDITION_IS_GREATER_THAN => test(Condition::IsGreaterThan),
            CLUSREG_CONDITION_IS_LESS_THAN => test(Condition::IsLessThan),
            CLUSREG_CONDITION_KEY_EXISTS => test(Condition::KeyExists),
            CLUSREG_CONDITION_KEY_NOT_EXISTS => test(Condition::KeyNotExists),
            _ => return Err(Error::INVALID_PARAMETER),
        };
        self.commands.push(cmd);
        Ok(())
    }

    /// Adds a command.
    pub fn push(&mut self, command: BatchCommand) {
        self.commands.push(command);
    }

    /// The commands, in order.
    pub fn commands(&self) -> &[BatchCommand] {
        &self.commands
    }
}

/// Compares a stored value with a condition's data (see [`BatchCommand::Condition`]).
fn compare(kind: u32, stored: &[u8], given: &[u8]) -> Ordering {
    let number = |b: &[u8], big: bool| -> Option<u64> {
        match (b.len(), big) {
            (4, false) => Some(u64::from(u32::from_le_bytes(b.try_into().ok()?))),
            (4, true) => Some(u64::from(u32::from_be_bytes(b.try_into().ok()?))),
            (8, false) => Some(u64::from_le_bytes(b.try_into().ok()?)),
            _ => None,
        }
    };
    let numeric = matches!((kind, stored.len()), (REG_DWORD | REG_DWORD_BIG_ENDIAN, 4) | (REG_QWORD, 8));
    let big = kind == REG_DWORD_BIG_ENDIAN;
    if numeric {
        if let (Some(a), Some(b)) = (number(stored, big), number(given, big && given.len() == 4)) {
            return a.cmp(&b);
        }
    }
    stored.cmp(given)
}

/// Whether value condition `test` holds for `value` (the current key's value, if any) and
/// the command's `data` (see [`BatchCommand::Condition`]). Key conditions are the caller's.
pub(crate) fn condition_holds(test: Condition, value: Option<&RegValue>, data: &[u8]) -> bool {
    let order = value.map(|v| compare(v.kind(), v.data(), data));
    match test {
        Condition::Exists => value.is_some(),
        Condition::NotExists => value.is_none(),
        Condition::IsEqual => order == Some(Ordering::Equal),
        Condition::IsNotEqual => matches!(order, Some(Ordering::Less | Ordering::Greater)),
        Condition::IsGreaterThan => order == Some(Ordering::Greater),
        Condition::IsLessThan => order == Some(Ordering::Less),
        Condition::KeyExists | Condition::KeyNotExists => false,
    }
}

impl Hive {
    /// Runs `batch` against `base` atomically (`ClusterRegCloseBatch(h, TRUE, &n)`): every
    /// command takes effect, or none does and the hive, ids included, is as before. Returns
    /// what changed, in order.
    ///
    /// # Errors
    ///
    /// A [`BatchFailure`]: index -1 with `ERROR_KEY_DELETED (1018)` if `base` is gone;
    /// otherwise the failing command's index and error: 87 for a malformed path or a value
    /// command after `DeleteKey`, 87 for a `DeleteKey` of `""`, 5986 for a condition that does
    /// not hold, or the error of the operation (see the [`Hive`] methods).
    pub fn apply_batch(
        &mut self,
        base: KeyId,
        batch: &Batch,
        now: u64,
    ) -> Result<Vec<RegChange>, BatchFailure> {
        if !self.contains(base) {
            return Err(BatchFailure { index: -1, error: Error::new(codes::ERROR_KEY_DELETED) });
        }
        self.begin();
        let mut changes = Vec::new();
        let mut current = Some(base);
        for (index, command) in batch.commands.iter().enumerate() {
            if let Err(error) = self.run(base, &mut current, command, now, &mut changes) {
                self.rollback();
                let index = i32::try_from(index).unwrap_or(i32::MAX);
                return Err(BatchFailure { index, error });
            }
        }
        self.commit();
        Ok(changes)
    }

    fn run(
        &mut self,
        base: KeyId,
        current: &mut Option<KeyId>,
        command: &BatchCommand,
        now: u64,
        changes: &mut Vec<RegChange>,
    ) -> Result<()> {
        let cleared = Error::INVALID_PARAMETER; // CMRP 3.1.4.2.112: value command after DELETE_KEY
        match command {
            BatchCommand::SetValue { name, kind, data } => {
                let key = current.ok_or(cleared)?;
                self.set_value(key, name, *kind, data, now, changes)
            }
            BatchCommand::DeleteValue { name } => {
                let key = current.ok_or(cleared)?;
                match self.query_value(key, name) {
                    Ok(_) => self.delete_value(key, name, now, changes),
                    Err(e) if e.code() == codes::ERROR_FILE_NOT_FOUND => Ok(()),
                    Err(e) => Err(e),
                }
            }
            BatchCommand::CreateKey { path } => {
                *current = Some(self.create_key(base, path, now, changes)?.0);
                Ok(())
            }
            BatchCommand::DeleteKey { path } => {
                *current = None;
                match self.delete_tree(base, path, now, changes) {
                    Err(e) if e.code() == codes::ERROR_FILE_NOT_FOUND => Ok(()),
                    other => other,
                }
            }
            BatchCommand::Condition { test, name, data } => {
                let holds = if test.is_key_condition() {
                    let exists = match self.open_key(base, name) {
                        Ok(_) => true,
                        Err(e) if e.code() == codes::ERROR_FILE_NOT_FOUND => false,
                        Err(e) => return Err(e),
                    };
                    exists == (*test == Condition::KeyExists)
                } else {
                    let key = current.ok_or(cleared)?;
                    let value = match self.query_value(key, name) {
                        Ok(v) => Some(v),
                        Err(e) if e.code() == codes::ERROR_FILE_NOT_FOUND => None,
                        Err(e) => return Err(e),
                    };
                    condition_holds(*test, value, data)
                };
                if holds {
                    Ok(())
                } else {
                    Err(Error::new(codes::ERROR_CLUSTER_DATABASE_UPDATE_CONDITION_FAILED))
                }
            }
        }
    }

    /// Runs a read batch against `base` (`ClusterRegCloseReadBatch`): one reply per command,
    /// in order; the errors of the commands are independent (doc:CLUSTER_READ_BATCH_COMMAND).
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)` if `base` is gone. A command's own failure (a malformed or
    /// missing subkey, a missing value) is in its [`ReadReply::result`].
    pub fn read_batch(&self, base: KeyId, batch: &ReadBatch) -> Result<Vec<ReadReply>> {
        self.name(base)?;
        Ok(batch
            .commands
            .iter()
            .map(|(subkey, value)| {
                let result = self
                    .open_key(base, subkey)
                    .and_then(|key| self.query_value(key, value))
                    .map(|v| (v.kind(), v.data().to_vec()));
                ReadReply { subkey: subkey.clone(), value: value.clone(), result }
            })
            .collect())
    }
}

/// One command of a batch notification (`CLUSTER_BATCH_COMMAND`,
/// `ClusterRegBatchReadCommand`): what a committed change did under the watched key, as the
/// command that would redo it. `CLUSREG_CREATE_KEY` makes a key (its path relative to the
/// watched key) current for the value commands after it, as in a batch; `CLUSREG_SET_VALUE`
/// (type in `options`, the data) and `CLUSREG_VALUE_DELETED` name a value of the current
/// key; `CLUSREG_DELETE_KEY` names a deleted key by its relative path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchNotificationCommand {
    /// The `CLUSTER_REG_COMMAND`.
    pub command: u32,
    /// The value type for `CLUSREG_SET_VALUE`, else 0.
    pub options: u32,
    /// A key's relative path or a value's name.
    pub name: String,
    /// A value's data.
    pub data: Vec<u8>,
}

/// A read batch: (subkey relative to the batch's key, value name) pairs
/// (`ClusterRegReadBatchAddCommand`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadBatch {
    commands: Vec<(String, String)>,
}

impl ReadBatch {
    /// An empty read batch.
    pub fn new() -> ReadBatch {
        ReadBatch::default()
    }

    /// Adds a read of `value` in `subkey` (`""` = the batch's key itself). Checked when the
    /// batch runs, so that an error lands in that command's reply.
    pub fn add_command(&mut self, subkey: &str, value: &str) {
        self.commands.push((subkey.to_string(), value.to_string()));
    }

    /// The commands, in order.
    pub fn commands(&self) -> &[(String, String)] {
        &self.commands
    }
}

/// One read-batch reply (`CLUSTER_READ_BATCH_COMMAND`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadReply {
    /// The subkey the command named.
    pub subkey: String,
    /// The value the command named.
    pub value: String,
    /// `CLUSREG_READ_VALUE` with the type and data, or `CLUSREG_READ_ERROR` with the error.
    pub result: Result<(u32, Vec<u8>)>,
}

impl ReadReply {
    /// The reply's `Command` (`CLUSREG_READ_VALUE` or `CLUSREG_READ_ERROR`) and `dwOptions`
    /// (the value type, or the error code).
    pub fn command_and_options(&self) -> (u32, u32) {
        match &self.result {
            Ok((kind, _)) => (CLUSREG_READ_VALUE, *kind),
            Err(e) => (CLUSREG_READ_ERROR, e.code()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{REG_BINARY, REG_SZ};
    use super::*;

    fn dword(n: u32) -> Vec<u8> {
        n.to_le_bytes().to_vec()
    }

    #[test]
    fn add_command_validates_the_command_and_options() {
        let mut b = Batch::new();
        b.add_command(CLUSREG_SET_VALUE, "v", REG_DWORD, &dword(1)).unwrap();
        for bad in [0, CLUSREG_SET_KEY_SECURITY, CLUSREG_READ_VALUE, CLUSREG_CONTROL_COMMAND, 19, 1000] {
            assert_eq!(b.add_command(bad, "v", 0, &[]).unwrap_err().code(), codes::ERROR_INVALID_PARAMETER);
        }
        let e = b.add_command(CLUSREG_CREATE_KEY, "k", 1, &[]).unwrap_err();
        assert_eq!(e.code(), codes::ERROR_INVALID_PARAMETER);
        b.add_command(CLUSREG_CONDITION_KEY_EXISTS, "k", 0, &[]).unwrap();
        assert_eq!(b.commands().len(), 2);
    }

    #[test]
    fn batches_apply_all_or_nothing() {
        let mut hive = Hive::new(0);
        let root = hive.root();
        let mut b = Batch::new();
        b.add_command(CLUSREG_CREATE_KEY, r"a\b", 0, &[]).unwrap();
        b.add_command(CLUSREG_SET_VALUE, "x", REG_DWORD, &dword(7)).unwrap();
        b.add_command(CLUSREG_CREATE_KEY, "c", 0, &[]).unwrap(); // relative to the batch's key
        b.add_command(CLUSREG_SET_VALUE, "y", REG_SZ, &[b'y', 0, 0, 0]).unwrap();
        let changes = hive.apply_batch(root, &b, 1).unwrap();
        assert_eq!(changes.len(), 5);
        let ab = hive.open_key(root, r"a\b").unwrap();
        assert_eq!(hive.query_value(ab, "x").unwrap().data(), &dword(7));
        assert!(hive.query_value(hive.open_key(root, "c").unwrap(), "y").is_ok());

        let before = format!("{hive:?}");
        let mut b = Batch::new();
        b.add_command(CLUSREG_DELETE_KEY, "a", 0, &[]).unwrap();
        b.add_command(CLUSREG_CREATE_KEY, r"a\new", 0, &[]).unwrap();
        b.add_command(CLUSREG_SET_VALUE, "z", REG_BINARY, &[1]).unwrap();
        b.add_command(CLUSREG_CONDITION_IS_GREATER_THAN, "z", 0, &[1]).unwrap();
        let failure = hive.apply_batch(root, &b, 2).unwrap_err();
        assert_eq!(
            failure,
            BatchFailure {
                index: 3,
                error: Error::new(codes::ERROR_CLUSTER_DATABASE_UPDATE_CONDITION_FAILED)
            }
        );
        assert_eq!(format!("{hive:?}"), before, "nothing changed, ids included");
        assert!(hive.contains(ab));
    }

    #[test]
    fn delete_key_clears_the_current_key() {
        let mut hive = Hive::new(0);
        let root = hive.root();
        let mut b = Batch::new();
        b.add_command(CLUSREG_DELETE_KEY, "missing", 0, &[]).unwrap(); // no error
        b.add_command(CLUSREG_DELETE_VALUE, "v", 0, &[]).unwrap();
        assert_eq!(
            hive.apply_batch(root, &b, 1).unwrap_err(),
            BatchFailure { index: 1, error: Error::INVALID_PARAMETER }
        );
        let mut b = Batch::new();
        b.add_command(CLUSREG_DELETE_VALUE, "missing", 0, &[]).unwrap(); // no error
        b.add_command(CLUSREG_CONDITION_KEY_NOT_EXISTS, "k", 0, &[]).unwrap();
        b.add_command(CLUSREG_DELETE_KEY, "", 0, &[]).unwrap();
        assert_eq!(hive.apply_batch(root, &b, 1).unwrap_err().index, 2);
    }

    #[test]
    fn conditions_compare_numbers_as_numbers() {
        assert_eq!(compare(REG_DWORD, &dword(256), &dword(2)), Ordering::Greater); // bytes would say less
        assert_eq!(compare(REG_DWORD, &dword(5), &5u64.to_le_bytes()), Ordering::Equal);
        assert_eq!(compare(REG_QWORD, &7u64.to_le_bytes(), &dword(8)), Ordering::Less);
        assert_eq!(
            compare(REG_DWORD_BIG_ENDIAN, &256u32.to_be_bytes(), &2u32.to_be_bytes()),
            Ordering::Greater
        );
        assert_eq!(compare(REG_SZ, b"b\0", b"a\0"), Ordering::Greater);
        assert_eq!(compare(REG_BINARY, &[1], &[1, 0]), Ordering::Less);
        assert_eq!(compare(REG_DWORD, &[1, 0], &[1, 0]), Ordering::Equal, "a malformed DWORD compares bytes");
    }

    #[test]
    fn a_batch_on_a_deleted_key_fails_before_any_command() {
        let mut hive = Hive::new(0);
        let root = hive.root();
        let mut ch = Vec::new();
        let (k, _) = hive.create_key(root, "k", 0, &mut ch).unwrap();
        hive.delete_key(root, "k", 0, &mut ch).unwrap();
        let f = hive.apply_batch(k, &Batch::new(), 1).unwrap_err();
        assert_eq!((f.index, f.error.code()), (-1, codes::ERROR_KEY_DELETED));
        assert_eq!(hive.read_batch(k, &ReadBatch::new()).unwrap_err().code(), codes::ERROR_KEY_DELETED);
    }

    #[test]
    fn read_batches_answer_each_command_in_order() {
        let mut hive = Hive::new(0);
        let root = hive.root();
        let mut ch = Vec::new();
        let (k, _) = hive.create_key(root, r"a\b", 0, &mut ch).unwrap();
        hive.set_value(k, "v", REG_DWORD, &dword(3), 0, &mut ch).unwrap();
        let mut rb = ReadBatch::new();
        rb.add_command(r"A\B", "V");
        rb.add_command(r"a\b", "missing");
        rb.add_command(r"\a", "v");
        rb.add_command("nope", "v");
        let replies = hive.read_batch(root, &rb).unwrap();
        let got: Vec<_> = replies.iter().map(ReadReply::command_and_options).collect();
        assert_eq!(
            got,
            [
                (CLUSREG_READ_VALUE, REG_DWORD),
                (CLUSREG_READ_ERROR, codes::ERROR_FILE_NOT_FOUND),
                (CLUSREG_READ_ERROR, codes::ERROR_INVALID_PARAMETER),
                (CLUSREG_READ_ERROR, codes::ERROR_FILE_NOT_FOUND),
            ]
        );
        assert_eq!(replies[0].result.as_ref().unwrap().1, dword(3));
        assert_eq!(replies[1].subkey, r"a\b");
    }
}
