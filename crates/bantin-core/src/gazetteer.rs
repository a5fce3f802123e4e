//! Gazetteer (being written).
