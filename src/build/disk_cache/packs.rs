//! The pack files and the index of one cache folder.
//!
//! `index` lists, for each entry's key, the pack holding its bytes, their place and length,
//! and a hash of them. `pack-N` files are only ever appended to by the build that made them;
//! a build makes at most one, and the index that names it is written last, by rename, so a
//! build stopped halfway leaves the previous index and its packs whole (and a pack no index
//! names, removed by the next build).

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use crate::content::hash_bytes;
use crate::content::spill::{read_at, write_at};

const INDEX: &str = "index";
const PACK_PREFIX: &str = "pack-";

/// A pack smaller than this has its live entries copied into the new pack when there is one,
/// so that many builds that each change a few entries do not leave as many small packs.
const SMALL_PACK: u64 = 8 << 20;

/// Where an entry's bytes lie, and what they hash to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Loc {
    pack: u32,
    offset: u64,
    len: u32,
    check: u64,
}

/// The pack this build appends to, made when the first entry is put.
struct NewPack {
    id: u32,
    file: File,
    end: AtomicU64,
}

impl NewPack {
    fn append(&self, bytes: &[u8]) -> io::Result<Loc> {
        let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
        let offset = self.end.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        write_at(&self.file, bytes, offset)?;
        Ok(Loc {
            pack: self.id,
            offset,
            len,
            check: hash_bytes(bytes),
        })
    }
}

/// One cache folder's packs, open for a build.
pub struct Packs {
    dir: PathBuf,
    /// The index as the folder held it.
    index: HashMap<u64, Loc>,
    /// The packs that index names, open for reading.
    open: HashMap<u32, File>,
    new: OnceLock<Result<NewPack, String>>,
    /// Entries put in the new pack by this build.
    put: Mutex<HashMap<u64, Loc>>,
}

fn pack_name(id: u32) -> String {
    format!("{PACK_PREFIX}{id}")
}

fn pack_id(name: &str) -> Option<u32> {
    name.strip_prefix(PACK_PREFIX)?.parse().ok()
}

impl Packs {
    /// The packs of `dir` as its index names them; an index that cannot be read, or a pack
    /// that cannot be opened, leaves its entries out.
    pub fn open(dir: &Path) -> Packs {
        let listed: Vec<(u64, Loc)> = std::fs::read(dir.join(INDEX))
            .ok()
            .and_then(|bytes| postcard::from_bytes(&bytes).ok())
            .unwrap_or_default();
        let mut open = HashMap::new();
        for id in listed.iter().map(|(_, l)| l.pack).collect::<HashSet<_>>() {
            if let Ok(f) = File::open(dir.join(pack_name(id))) {
                open.insert(id, f);
            }
        }
        let index = listed
            .into_iter()
            .filter(|(_, l)| open.contains_key(&l.pack))
            .collect();
        Packs {
            dir: dir.to_path_buf(),
            index,
            open,
            new: OnceLock::new(),
            put: Mutex::new(HashMap::new()),
        }
    }

    /// The bytes the index holds for `key`, if they are all there and hash as they did.
    pub fn get(&self, key: u64) -> Option<Vec<u8>> {
        let loc = self.index.get(&key)?;
        self.read(loc)
    }

    fn read(&self, loc: &Loc) -> Option<Vec<u8>> {
        let file = self.open.get(&loc.pack)?;
        let mut bytes = vec![0; loc.len as usize];
        read_at(file, &mut bytes, loc.offset).ok()?;
        (hash_bytes(&bytes) == loc.check).then_some(bytes)
    }

    /// Append `bytes` as the entry `key` to this build's pack. Called from any thread.
    pub fn put(&self, key: u64, bytes: &[u8]) -> io::Result<()> {
        let new = self
            .new
            .get_or_init(|| self.make_pack().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| io::Error::other(e.clone()))?;
        let loc = new.append(bytes)?;
        self.put
            .lock()
            .map_err(|_| io::Error::other("a writer of the cache stopped"))?
            .insert(key, loc);
        Ok(())
    }

    fn make_pack(&self) -> io::Result<NewPack> {
        let mut id = std::fs::read_dir(&self.dir)?
            .flatten()
            .filter_map(|e| pack_id(&e.file_name().to_string_lossy()))
            .max()
            .unwrap_or(0);
        loop {
            id = id
                .checked_add(1)
                .ok_or_else(|| io::Error::other("no pack number left"))?;
            match OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .open(self.dir.join(pack_name(id)))
            {
                Ok(file) => {
                    return Ok(NewPack {
                        id,
                        file,
                        end: AtomicU64::new(0),
                    })
                }
                // Another build of the same site made this one first.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Keep the entries in `live` and no others: write the index that names them, after
    /// copying into the new pack those that lie in packs mostly dead or small, and remove
    /// every pack the index no longer names.
    pub fn finish(&mut self, live: &HashSet<u64>) -> io::Result<()> {
        let put = self.take_put()?;
        let mut kept: HashMap<u64, Loc> = live
            .iter()
            .filter_map(|k| Some((*k, *put.get(k).or_else(|| self.index.get(k))?)))
            .collect();
        let new_id = self.new.get().and_then(|n| n.as_ref().ok()).map(|n| n.id);
        let mut live_bytes: HashMap<u32, u64> = HashMap::new();
        for loc in kept.values().filter(|l| Some(l.pack) != new_id) {
            *live_bytes.entry(loc.pack).or_default() += u64::from(loc.len);
        }
        let moved: HashSet<u32> = live_bytes
            .iter()
            .filter(|(id, live)| {
                let size = self
                    .open
                    .get(id)
                    .and_then(|f| f.metadata().ok())
                    .map_or(0, |m| m.len());
                (size < SMALL_PACK && new_id.is_some()) || **live * 2 < size
            })
            .map(|(id, _)| *id)
            .collect();
        for (key, loc) in kept.iter_mut().filter(|(_, l)| moved.contains(&l.pack)) {
            if let Some(bytes) = self.read(loc) {
                self.put(*key, &bytes)?;
            }
        }
        kept.extend(self.take_put()?);
        // A moved entry that no longer read back as stored is dropped, not moved.
        kept.retain(|_, l| !moved.contains(&l.pack));
        let unchanged = put.is_empty() && moved.is_empty() && kept == self.index;
        if !unchanged {
            let mut listed: Vec<(u64, Loc)> = kept.into_iter().collect();
            listed.sort_unstable_by_key(|(k, _)| *k);
            let bytes = postcard::to_stdvec(&listed).map_err(io::Error::other)?;
            let tmp = self.dir.join(format!(".{INDEX}.{}", std::process::id()));
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(&tmp, self.dir.join(INDEX))?;
            self.index = listed.into_iter().collect();
        }
        let named: HashSet<u32> = self.index.values().map(|l| l.pack).collect();
        for e in std::fs::read_dir(&self.dir)?.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let stale = match pack_id(&name) {
                Some(id) => !named.contains(&id),
                None => name != INDEX,
            };
            if stale {
                let _ = std::fs::remove_file(e.path());
            }
        }
        Ok(())
    }

    /// The entries put in the new pack since this was last asked.
    fn take_put(&mut self) -> io::Result<HashMap<u64, Loc>> {
        self.put
            .get_mut()
            .map(std::mem::take)
            .map_err(|_| io::Error::other("a writer of the cache stopped while writing an entry"))
    }

    /// How many entries the index names.
    pub fn len(&self) -> usize {
        self.index.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack_files(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .expect("folder")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(PACK_PREFIX))
            .collect();
        v.sort();
        v
    }

    fn entry(key: u64, version: u8) -> Vec<u8> {
        vec![key as u8 ^ version; 4 << 20]
    }

    fn build(dir: &Path, put: &[(u64, u8)], live: &[u64]) -> Packs {
        let mut p = Packs::open(dir);
        for (k, v) in put {
            p.put(*k, &entry(*k, *v)).expect("put");
        }
        p.finish(&live.iter().copied().collect()).expect("finish");
        Packs::open(dir)
    }

    #[test]
    fn packs_mostly_live_stay_and_dead_or_mostly_dead_ones_go() {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let dir = tmp.path();
        let p = build(dir, &[(0, 0), (1, 0), (2, 0)], &[0, 1, 2]);
        assert_eq!(p.len(), 3);
        assert_eq!(p.get(1), Some(entry(1, 0)));
        assert_eq!(pack_files(dir), ["pack-1"]);

        // One entry changed: the old pack, two thirds live, stays; the new one holds it.
        let p = build(dir, &[(1, 1)], &[0, 1, 2]);
        assert_eq!(p.get(1), Some(entry(1, 1)));
        assert_eq!(p.get(0), Some(entry(0, 0)));
        assert_eq!(pack_files(dir), ["pack-1", "pack-2"]);

        // That entry removed: its pack, now dead, goes; nothing else is written.
        let p = build(dir, &[], &[0, 2]);
        assert_eq!((p.len(), p.get(1)), (2, None));
        assert_eq!(pack_files(dir), ["pack-1"]);

        // Another removed and one added: the old pack, a third live, is copied and removed.
        let p = build(dir, &[(3, 0)], &[0, 3]);
        assert_eq!(p.get(0), Some(entry(0, 0)));
        assert_eq!(p.get(3), Some(entry(3, 0)));
        assert_eq!((p.len(), p.get(2)), (2, None));
        assert_eq!(pack_files(dir), ["pack-2"]);

        // A pack no index names (a build stopped before its index) is removed by the next.
        std::fs::write(dir.join("pack-9"), b"half a build").expect("write");
        let p = build(dir, &[], &[0, 3]);
        assert_eq!(p.len(), 2);
        assert_eq!(pack_files(dir), ["pack-2"]);
    }
}
