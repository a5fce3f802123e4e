//! Topic classifier (being written).
