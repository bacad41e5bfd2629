//! How often an article names each state or person.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How often each slug is named, sorted by slug; a map to the templates, the data files and
/// the cache. An article names two or three states or people, and a `BTreeMap` allocates a
/// node of eleven entries for them: the two maps of every article were about 70 MB at
/// 100,000 articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mentions(Box<[(String, usize)]>);

impl Mentions {
    /// How often `slug` is named, if it is.
    pub fn get(&self, slug: &str) -> Option<&usize> {
        self.0
            .binary_search_by(|(s, _)| s.as_str().cmp(slug))
            .ok()
            .map(|i| &self.0[i].1)
    }
}

impl From<BTreeMap<String, usize>> for Mentions {
    fn from(map: BTreeMap<String, usize>) -> Self {
        Mentions(map.into_iter().collect())
    }
}

impl Serialize for Mentions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(s, n)| (s, n)))
    }
}

impl<'de> Deserialize<'de> for Mentions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::<String, usize>::deserialize(deserializer).map(Mentions::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_read_and_serialise_as_the_map_they_were_made_from() {
        let map: BTreeMap<String, usize> =
            [("russia".to_string(), 3), ("armenia".to_string(), 1)].into();
        let m = Mentions::from(map.clone());
        assert_eq!(m.get("russia"), Some(&3));
        assert_eq!(m.get("armenia"), Some(&1));
        assert_eq!(m.get("belarus"), None);
        assert_eq!(
            serde_json::to_string(&m).ok(),
            serde_json::to_string(&map).ok()
        );
        let bytes = postcard::to_stdvec(&m).expect("postcard");
        assert_eq!(postcard::from_bytes::<Mentions>(&bytes).ok(), Some(m));
    }
}
